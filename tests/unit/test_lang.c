/*
 * test_lang.c - the six languages: codes, Accept-Language, the numbers
 * and dates of each and the order of their names (ICU).  The catalogues themselves are tested
 * through the binary (tests/cli/24-languages.sh), where they are found.
 */
#include <stdlib.h>
#include <string.h>

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

/*
 * lang_collate(lang, a, b) has the sign want (-1, 0, 1); bytes: the sign
 * of the code points' order, which the pair is chosen to contradict.
 */
static void
collate_is(
    const char *lang, const char *a, const char *b, int want, const char *why)
{
	int got = lang_collate(lang, a, strlen(a), b, strlen(b));

	got = got < 0 ? -1 : got > 0;
	CHECK(got == want, "lang_collate(%s, %s, %s) is %d: %s", lang, a, b,
	    want, why);
}

/* The names sorted by lang_collate() in lang, as one text. */
static const char *lang_sort_lang;

static int
sort_cmp(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;

	return lang_collate(lang_sort_lang, a, strlen(a), b, strlen(b));
}

static void
sorted_is(const char *lang, const char **names, size_t n, const char *want)
{
	Buf b = BUF_INIT;

	lang_sort_lang = lang;
	qsort(names, n, sizeof(*names), sort_cmp);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", names[i]);
	CHECK_STR(buf_str(&b), want, "names sorted in %s", lang);
	buf_free(&b);
}

static void
test_collate(void)
{
	const char *zh[] = { "中国", "阿富汗", "北京", "上海", "埃及" };
	const char *ru[] = { "Ёлка", "Египет", "Жук", "Афганистан", "ежевика" };
	const char *fr[] = { "États-Unis", "Zambie", "Égypte", "Espagne",
		"Érythrée" };

	/* 北 U+5317 after 上 U+4E0A; by pinyin bei before shang. */
	collate_is("zh", "北京", "上海", -1, "pinyin, not code points");
	/* 阿 U+963F after 中 U+4E2D; a before zhong. */
	collate_is("zh", "阿富汗", "中国", -1, "Afghanistan before China");
	/* Ё U+0401 before А U+0410; Ё sorts with Е. */
	collate_is("ru", "Ёлка", "Жук", -1, "Ё after Е, before Ж");
	collate_is("ru", "Афганистан", "Ёлка", -1, "А before Ё");
	/* Lower case after upper in code points, not in a dictionary. */
	collate_is("ru", "ежевика", "Жук", -1, "е before Ж whatever the case");
	/* إ U+0625 after أ U+0623: alef's forms alike, then ث before ذ. */
	collate_is(
	    "ar", "إثيوبيا", "أذربيجان", -1, "Ethiopia before Azerbaijan");
	/* É U+00C9 after every unaccented letter in code points. */
	collate_is("fr", "Égypte", "Espagne", -1, "É sorts as E");
	collate_is("es", "Ñandú", "Oso", -1, "Ñ after N, before O");
	collate_is("es", "Nube", "Ñandú", -1, "N before Ñ");
	collate_is("ru", "Египет", "Египет", 0, "the same text is equal");
	/* é composed (C3 A9) and decomposed (65 CC 81): equal to the
	 * collation, not in their bytes; ordered by them, a total order. */
	collate_is("fr", "\u00e9t\u00e9", "e\u0301te\u0301", 1,
	    "canonically equal texts ordered by their bytes");
	collate_is("en", "\u00c5land", "Zambia", -1,
	    "English too has its collator (\u00c5 with A)");
	CHECK(lang_collate("de", "b", 1, "a", 1) > 0,
	    "a language not of the six: the bytes' order");
	CHECK(lang_collate("ru", "ab", 1, "ac", 1) == 0,
	    "only na and nb bytes are compared");
	sorted_is("zh", zh, 5, "阿富汗 埃及 北京 上海 中国");
	sorted_is("ru", ru, 5, "Афганистан Египет ежевика Ёлка Жук");
	sorted_is("fr", fr, 5, "Égypte Érythrée Espagne États-Unis Zambie");
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
	CHECK(lang_text_ltr("1540-Committee") && lang_text_ltr("UN-Women") &&
		lang_text_ltr("Кыргызстан") && lang_text_ltr("Côte d'Ivoire"),
	    "lang_text_ltr: Latin and Cyrillic texts are written left to "
	    "right");
	CHECK(!lang_text_ltr("94 (53%)") && !lang_text_ltr("2018-2020") &&
		!lang_text_ltr(""),
	    "lang_text_ltr: numbers and signs alone follow the paragraph");
	CHECK(!lang_text_ltr("الركيزة الأولى") &&
		!lang_text_ltr("UNESCO \xd9\x88 UNODC"),
	    "lang_text_ltr: a text with an Arabic letter is not");
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
	test_collate();
	lang_fini();
}
