/*
 * test_lang.c - the six languages: codes, Accept-Language, and the
 * numbers and dates of each (ICU).  The catalogues themselves are tested
 * through the binary (tests/cli/24-languages.sh), where they are found.
 */
#include "../../src/text/lang.h"
#include "test.h"

static void
int_is(const char *lang, int64_t n, const char *want)
{
	Buf b = BUF_INIT;

	lang_int(&b, lang, n);
	CHECK_STR(buf_str(&b), want, "lang_int(%s, %lld)", lang, (long long)n);
	buf_free(&b);
}

static void
pct_is(const char *lang, double x, const char *want)
{
	Buf b = BUF_INIT;

	lang_percent(&b, lang, x);
	CHECK_STR(buf_str(&b), want, "lang_percent(%s, %g)", lang, x);
	buf_free(&b);
}

static void
date_is(const char *lang, const char *ymd, const char *want)
{
	Buf b = BUF_INIT;

	lang_date(&b, lang, ymd);
	CHECK_STR(buf_str(&b), want, "lang_date(%s, %s)", lang, ymd);
	buf_free(&b);
}

static void
list_is(const char *lang, size_t n, const char *want)
{
	static const char *const items[] = { "A", "B", "C" };
	Buf b = BUF_INIT;

	lang_list(&b, lang, items, n);
	CHECK_STR(buf_str(&b), want, "lang_list(%s, %zu items)", lang, n);
	buf_free(&b);
}

static void
accept_is(const char *header, const char *want)
{
	const char *got = lang_accept(header);

	CHECK_STR(got ? got : "(null)", want, "lang_accept(\"%s\")",
	    header ? header : "(null)");
}

void
test_lang(void)
{
	CHECK(lang_ok("ar") && lang_ok("zh") && lang_ok("es"),
	    "the six codes are languages");
	CHECK(
	    !lang_ok("de") && !lang_ok("AR") && !lang_ok("") && !lang_ok(NULL),
	    "others are not");
	CHECK_STR(lang_or_en("de"), "en", "lang_or_en falls back on English");
	CHECK(lang_rtl("ar") && !lang_rtl("ru") && !lang_rtl("zh"),
	    "Arabic alone is right to left");
	CHECK_STR(lang_name("ru"), "Русский", "lang_name(ru)");
	CHECK_STR(tr("en", "Matrix"), "Matrix", "English is the msgid");
	CHECK_STR(
	    tr("de", "Matrix"), "Matrix", "an unknown language is English");
	CHECK_STR(trn("en", "%d project", "%d projects", 1), "%d project",
	    "English singular");
	CHECK_STR(trn("en", "%d project", "%d projects", 0), "%d projects",
	    "English plural of 0");

	accept_is("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru");
	accept_is("de-DE,de;q=0.9,fr;q=0.5,ar;q=0.6", "ar");
	accept_is("zh-Hans-CN", "zh");
	accept_is("de, it", "(null)");
	accept_is("", "(null)");
	accept_is(NULL, "(null)");
	accept_is("es;q=0", "(null)");

	int_is("en", 1234567, "1,234,567");
	int_is("ru", 1234567, "1\u00a0234\u00a0567");
	int_is("fr", 1234567, "1\u202f234\u202f567");
	int_is("es", 1234567, "1.234.567");
	int_is("ar", 1234567, "1,234,567");
	int_is("zh", 1234567, "1,234,567");
	int_is("en", -42, "-42");
	pct_is("en", 0.333, "33%");
	pct_is("fr", 0.5, "50\u00a0%");
	pct_is("ru", 1, "100\u00a0%");

	date_is("en", "2018-05-12", "12 May 2018");
	date_is("fr", "2018-05-12", "12 mai 2018");
	date_is("es", "2018-05-12", "12 de mayo de 2018");
	date_is("ru", "2018-05-12", "12 мая 2018 года");
	date_is("zh", "2018-05-12", "2018年5月12日");
	date_is("ar", "2018-05-12", "12 أيار/مايو 2018");
	date_is("en", "2018-05", "2018-05");
	date_is("en", "not a date", "not a date");
	list_is("en", 3, "A, B and C");
	list_is("en", 2, "A and B");
	list_is("en", 1, "A");
	list_is("fr", 3, "A, B et C");
	list_is("ru", 2, "A и B");
	lang_fini();
}
