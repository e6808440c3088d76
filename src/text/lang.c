/*
 * lang.c - the six languages: gettext's catalogues, one text domain a
 * language, and ICU's number and date formats (see lang.h).  ICU is
 * loaded the first time a number, a date, a list, a currency's name or
 * an order is asked for (icu.h); the catalogues' texts do without it.
 */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../core/exe.h"
#include "../core/utf8.h"
#include "icu.h"
#include "lang.h"

const char *const lang_code[NLANG] = { "ar", "zh", "en", "fr", "ru", "es" };

static const char *const lang_names[NLANG] = { "العربية", "中文", "English",
	"Français", "Русский", "Español" };

/* The text domain of each language, "ctmatrix-" and its code. */
static const char *const domain[NLANG] = { "ctmatrix-ar", "ctmatrix-zh",
	"ctmatrix-en", "ctmatrix-fr", "ctmatrix-ru", "ctmatrix-es" };

/*
 * ICU's locale of each: Arabic with European digits, English as the
 * United Nations writes it ("12 May 2018").
 */
static const char *const icu_locale[NLANG] = { "ar@numbers=latn", "zh", "en_GB",
	"fr", "ru", "es" };

/* The months as the United Nations' Arabic documents name them. */
static const char *const ar_month[12] = { "كانون الثاني/يناير", "شباط/فبراير",
	"آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه", "تموز/يوليه",
	"آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر",
	"كانون الأول/ديسمبر" };

static pthread_once_t once = PTHREAD_ONCE_INIT;
static _Thread_local const char *current; /* lang_use() */
static char env_lang[3] = "en";

/* ICU's formats are not for sharing between threads: one lock for all. */
static pthread_mutex_t fmt_lock = PTHREAD_MUTEX_INITIALIZER;
static UNumberFormat *num_fmt[NLANG], *pct_fmt[NLANG];
static UDateFormat *date_fmt[NLANG];

/*
 * The collators, opened on first use under fmt_lock and then only read:
 * ICU's comparisons are const and may run in many threads at once.
 */
static UCollator *coll[NLANG];

static int
index_of(const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < NLANG; i++)
		if (strcmp(code, lang_code[i]) == 0)
			return i;
	return -1;
}

int
lang_index(const char *code)
{
	return index_of(code);
}

int
lang_ok(const char *code)
{
	return index_of(code) >= 0;
}

const char *
lang_or_en(const char *code)
{
	int i = index_of(code);

	return i < 0 ? "en" : lang_code[i];
}

int
lang_rtl(const char *lang)
{
	return lang != NULL && strcmp(lang, "ar") == 0;
}

const char *
lang_name(const char *lang)
{
	int i = index_of(lang);

	return lang_names[i < 0 ? 2 : i];
}

/* The language a POSIX locale name or a language tag begins with. */
static int
index_of_prefix(const char *s, size_t n)
{
	char code[3];

	if (n < 2 ||
	    (n > 2 && s[2] != '_' && s[2] != '-' && s[2] != '.' &&
		s[2] != '@' && s[2] != ':'))
		return -1;
	code[0] = (char)(s[0] | 0x20);
	code[1] = (char)(s[1] | 0x20);
	code[2] = '\0';
	return index_of(code);
}

/* Where the catalogues are (see lang.h), into dir. */
static void
locale_dir(char *dir, size_t size)
{
	const char *env = getenv("CTMATRIX_LOCALEDIR");
	char exe[PATH_MAX];

	if (env != NULL && *env) {
		snprintf(dir, size, "%s", env);
		return;
	}
	if (exe_dir(exe, sizeof(exe)) != 0) {
		snprintf(dir, size, "locale");
		return;
	}
	snprintf(dir, size, "%s/locale", exe);
	if (access(dir, R_OK | X_OK) != 0)
		snprintf(dir, size, "%s/../share/locale", exe);
}

static void
init(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES",
		"LANG" };
	char dir[PATH_MAX + 16];

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		int k;

		if (v == NULL || *v == '\0')
			continue;
		if ((k = index_of_prefix(v, strcspn(v, ":"))) >= 0)
			memcpy(env_lang, lang_code[k], 3);
		break;
	}
	/*
	 * gettext translates nothing in the "C" locale and would look for
	 * the languages of $LANGUAGE instead of the domain's: messages in
	 * C.UTF-8, whose catalogues live under "C", and no $LANGUAGE.
	 */
	unsetenv("LANGUAGE");
	if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
		setlocale(LC_MESSAGES, "C.utf8");
	locale_dir(dir, sizeof(dir));
	for (int i = 0; i < NLANG; i++) {
		bindtextdomain(domain[i], dir);
		bind_textdomain_codeset(domain[i], "UTF-8");
	}
}

void
lang_init(void)
{
	pthread_once(&once, init);
}

void
lang_use(const char *lang)
{
	current = lang_ok(lang) ? lang_or_en(lang) : NULL;
}

const char *
lang_current(void)
{
	return current ? current : "en";
}

const char *
lang_from_env(void)
{
	lang_init();
	return env_lang;
}

const char *
tr(const char *lang, const char *msgid)
{
	int i = index_of(lang);

	if (i < 0 || strcmp(lang, "en") == 0 || *msgid == '\0')
		return msgid;
	lang_init();
	return dgettext(domain[i], msgid);
}

/* The names the store gives groups with no key (store/money.c, need.c). */
static const char *const group_none[] = { N_("no pillar"), N_("no lead entity"),
	N_("no thematic area") };

const char *
lang_group_name(const char *lang, const char *key, const char *name)
{
	if (name == NULL || (key != NULL && *key != '\0'))
		return name;
	for (size_t i = 0; i < sizeof(group_none) / sizeof(group_none[0]); i++)
		if (strcmp(name, group_none[i]) == 0)
			return tr(lang, group_none[i]);
	return name;
}

/* Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms. */
static int
rtl_letter(uint32_t c)
{
	return (c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) ||
	    (c >= 0xfe70 && c <= 0xfeff);
}

int
lang_text_ltr(const char *s)
{
	int ltr = 0;

	while (*s) {
		uint32_t c;
		int n = utf8_decode(s, &c);

		if (n <= 0)
			return 0;
		if (rtl_letter(c))
			return 0;
		/* Letters: ASCII's, and beyond Latin-1's signs all but the
		 * punctuation and symbols' blocks. */
		if ((c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
		    (c >= 0xc0 && c != 0xd7 && c != 0xf7 &&
			!(c >= 0x2000 && c <= 0x2bff) &&
			!(c >= 0x3000 && c <= 0x303f)))
			ltr = 1;
		s += n;
	}
	return ltr;
}

const char *
trp(const char *lang, const char *context, const char *msgid)
{
	int i = index_of(lang);
	Buf key = BUF_INIT;
	const char *t;

	if (i < 0 || strcmp(lang, "en") == 0 || *msgid == '\0')
		return msgid;
	lang_init();
	/* gettext's pgettext() key: the context, EOT, the text. */
	buf_printf(&key, "%s\004%s", context, msgid);
	t = dgettext(domain[i], buf_str(&key));
	if (t == buf_str(&key))
		t = msgid;
	buf_free(&key);
	return t;
}

const char *
trn(const char *lang, const char *one, const char *many, unsigned long n)
{
	int i = index_of(lang);

	if (i < 0 || strcmp(lang, "en") == 0)
		return n == 1 ? one : many;
	lang_init();
	return dngettext(domain[i], one, many, n);
}

const char *
lang_accept(const char *header)
{
	const char *p = header;
	int best = -1;
	double best_q = 0;

	while (p != NULL && *p) {
		size_t n;
		const char *q, *end;
		double quality = 1;
		int k;

		p += strspn(p, " \t,");
		n = strcspn(p, ";, \t");
		end = p + strcspn(p, ",");
		if ((q = strstr(p, "q=")) != NULL && q < end)
			quality = strtod(q + 2, NULL);
		k = index_of_prefix(p, n);
		if (k >= 0 && quality > best_q) {
			best = k;
			best_q = quality;
		}
		p = end;
	}
	return best < 0 ? NULL : lang_code[best];
}

/* UTF-16 from ICU into out as UTF-8. */
static void
put_uchars(Buf *out, const UChar *u, int32_t n)
{
	const IcuLib *icu = icu_lib();
	char s[256];
	int32_t len = 0;
	UErrorCode st = U_ZERO_ERROR;

	icu->u_strToUTF8(s, sizeof(s), &len, u, n, &st);
	if (U_SUCCESS(st) && len < (int32_t)sizeof(s))
		buf_append(out, s, (size_t)len);
}

static UNumberFormat *
number_format(UNumberFormat **cache, int i, UNumberFormatStyle style)
{
	UErrorCode st = U_ZERO_ERROR;

	if (cache[i] == NULL) {
		const IcuLib *icu = icu_lib();

		cache[i] =
		    icu->unum_open(style, NULL, 0, icu_locale[i], NULL, &st);
		if (U_FAILURE(st)) {
			if (cache[i] != NULL)
				icu->unum_close(cache[i]);
			cache[i] = NULL;
		}
	}
	return cache[i];
}

/*
 * n (frac < 0) or x with frac decimals, in lang's style of numbers
 * (percent: pct), into out: 0, or -1 when ICU could not (out untouched).
 */
static int
number_out(Buf *out, const char *lang, int pct, int frac, int64_t n, double x)
{
	const IcuLib *icu = icu_lib();
	int i = index_of(lang) < 0 ? 2 : index_of(lang);
	UNumberFormat *f;
	UChar u[64];
	int32_t len = -1;
	UErrorCode st = U_ZERO_ERROR;

	pthread_mutex_lock(&fmt_lock);
	f = pct ? number_format(pct_fmt, i, UNUM_PERCENT)
		: number_format(num_fmt, i, UNUM_DECIMAL);
	if (f != NULL && pct) {
		len = icu->unum_formatDouble(f, x, u, 64, NULL, &st);
	} else if (f != NULL) {
		icu->unum_setAttribute(
		    f, UNUM_MAX_FRACTION_DIGITS, frac < 0 ? 0 : frac);
		icu->unum_setAttribute(
		    f, UNUM_MIN_FRACTION_DIGITS, frac < 0 ? 0 : frac);
		len = frac < 0 ? icu->unum_formatInt64(f, n, u, 64, NULL, &st)
			       : icu->unum_formatDouble(f, x, u, 64, NULL, &st);
	}
	pthread_mutex_unlock(&fmt_lock);
	if (f == NULL || U_FAILURE(st) || len < 0 || len >= 64)
		return -1;
	put_uchars(out, u, len);
	return 0;
}

void
lang_int(Buf *out, const char *lang, int64_t n)
{
	if (number_out(out, lang, 0, -1, n, 0) != 0)
		buf_printf(out, "%lld", (long long)n);
}

void
lang_decimal(Buf *out, const char *lang, double x, int frac)
{
	if (number_out(out, lang, 0, frac < 0 ? 0 : frac, 0, x) != 0)
		buf_printf(out, "%.*f", frac, x);
}

void
lang_percent(Buf *out, const char *lang, double share)
{
	if (number_out(out, lang, 1, 0, 0, share) != 0)
		buf_printf(out, "%.0f%%", share * 100);
}

static UDateFormat *
date_format(int i)
{
	UChar zone[] = { 'U', 'T', 'C', 0 };
	UErrorCode st = U_ZERO_ERROR;
	const IcuLib *icu;

	if (date_fmt[i] != NULL)
		return date_fmt[i];
	icu = icu_lib();
	date_fmt[i] = icu->udat_open(
	    UDAT_NONE, UDAT_LONG, icu_locale[i], zone, -1, NULL, 0, &st);
	if (U_FAILURE(st)) {
		if (date_fmt[i] != NULL)
			icu->udat_close(date_fmt[i]);
		return date_fmt[i] = NULL;
	}
	if (strcmp(lang_code[i], "ru") == 0) {
		/* "3 апреля 2018 года", as Russian documents write it. */
		UChar u[64];
		int32_t len = 0;

		icu->u_strFromUTF8(u, 64, &len, "d MMMM y 'года'", -1, &st);
		if (U_SUCCESS(st))
			icu->udat_applyPattern(date_fmt[i], 0, u, len);
	}
	if (strcmp(lang_code[i], "ar") == 0)
		for (int m = 0; m < 12; m++) {
			UChar u[64];
			int32_t len = 0;

			st = U_ZERO_ERROR;
			icu->u_strFromUTF8(u, 64, &len, ar_month[m], -1, &st);
			if (U_SUCCESS(st))
				icu->udat_setSymbols(
				    date_fmt[i], UDAT_MONTHS, m, u, len, &st);
		}
	return date_fmt[i];
}

void
lang_date(Buf *out, const char *lang, const char *ymd)
{
	int i = index_of(lang);
	int y, m, d;
	char tail;
	struct tm tm;
	UDateFormat *f;
	UChar u[128];
	int32_t len = -1;
	UErrorCode st = U_ZERO_ERROR;

	if (sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31) {
		buf_puts(out, ymd);
		return;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	pthread_mutex_lock(&fmt_lock);
	if ((f = date_format(i < 0 ? 2 : i)) != NULL)
		len = icu_lib()->udat_format(
		    f, (UDate)timegm(&tm) * 1000.0, u, 128, NULL, &st);
	pthread_mutex_unlock(&fmt_lock);
	if (f != NULL && U_SUCCESS(st) && len >= 0 && len < 128)
		put_uchars(out, u, len);
	else
		buf_puts(out, ymd);
}

/* s as UTF-16, made with malloc (the caller frees it); NULL if invalid. */
static UChar *
uchars_of(const char *s, int32_t *n)
{
	const IcuLib *icu = icu_lib();
	UErrorCode st = U_ZERO_ERROR;
	UChar *u;

	icu->u_strFromUTF8(NULL, 0, n, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return NULL;
	st = U_ZERO_ERROR;
	u = malloc(((size_t)*n + 1) * sizeof(*u));
	if (u == NULL)
		abort();
	icu->u_strFromUTF8(u, *n + 1, NULL, s, -1, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	return u;
}

/* The list of the n items of u (lengths len) into out as UTF-8. */
static int
list_format(Buf *out, const char *locale, UChar **u, int32_t *len, size_t n)
{
	const IcuLib *icu = icu_lib();
	UErrorCode st = U_ZERO_ERROR;
	UListFormatter *lf = icu->ulistfmt_open(locale, &st);
	UChar *res = NULL;
	int32_t rlen = 0;
	char *s = NULL;
	int32_t slen = 0;
	int rc = -1;

	if (U_FAILURE(st))
		goto out;
	rlen = icu->ulistfmt_format(
	    lf, (const UChar *const *)u, len, (int32_t)n, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto out;
	st = U_ZERO_ERROR;
	if ((res = malloc(((size_t)rlen + 1) * sizeof(*res))) == NULL)
		abort();
	icu->ulistfmt_format(
	    lf, (const UChar *const *)u, len, (int32_t)n, res, rlen + 1, &st);
	if (U_FAILURE(st))
		goto out;
	icu->u_strToUTF8(NULL, 0, &slen, res, rlen, &st);
	st = U_ZERO_ERROR;
	if ((s = malloc((size_t)slen + 1)) == NULL)
		abort();
	icu->u_strToUTF8(s, slen + 1, NULL, res, rlen, &st);
	if (U_SUCCESS(st)) {
		buf_append(out, s, (size_t)slen);
		rc = 0;
	}
out:
	if (lf != NULL)
		icu->ulistfmt_close(lf);
	free(res);
	free(s);
	return rc;
}

void
lang_currency_name(
    Buf *out, const char *lang, const char *code, const char *name)
{
	int i = index_of(lang);
	UChar u[4];
	const UChar *n;
	int32_t len = 0;
	UBool choice = 0;
	UErrorCode st = U_ZERO_ERROR;
	const IcuLib *icu;

	if (i < 0 || strncmp(icu_locale[i], "en", 2) == 0 ||
	    strlen(code) != 3) {
		buf_puts(out, name);
		return;
	}
	icu = icu_lib();
	icu->u_charsToUChars(code, u, 4);
	n = icu->ucurr_getName(
	    u, icu_locale[i], UCURR_LONG_NAME, &choice, &len, &st);
	/* ICU gives the code back when CLDR has no name for it. */
	if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || n == NULL ||
	    icu->u_strcmp(n, u) == 0)
		buf_puts(out, name);
	else
		put_uchars(out, n, len);
}

void
lang_list(Buf *out, const char *lang, const char *const *item, size_t n)
{
	int i = index_of(lang);
	UChar **u = calloc(n + 1, sizeof(*u));
	int32_t *len = calloc(n + 1, sizeof(*len));
	int ok = u != NULL && len != NULL;

	if (u == NULL || len == NULL)
		abort();
	for (size_t k = 0; k < n && ok; k++)
		ok = (u[k] = uchars_of(item[k], &len[k])) != NULL;
	if (!ok || list_format(out, icu_locale[i < 0 ? 2 : i], u, len, n) != 0)
		for (size_t k = 0; k < n; k++)
			buf_printf(out, "%s%s", k ? ", " : "", item[k]);
	for (size_t k = 0; k < n; k++)
		free(u[k]);
	free(u);
	free(len);
}

/* The collator of language i, opened the first time; NULL if ICU fails. */
static const UCollator *
collator(int i)
{
	const UCollator *c;

	pthread_mutex_lock(&fmt_lock);
	if (coll[i] == NULL) {
		const IcuLib *icu = icu_lib();
		UErrorCode st = U_ZERO_ERROR;

		coll[i] = icu->ucol_open(icu_locale[i], &st);
		if (U_FAILURE(st)) {
			if (coll[i] != NULL)
				icu->ucol_close(coll[i]);
			coll[i] = NULL;
		}
	}
	c = coll[i];
	pthread_mutex_unlock(&fmt_lock);
	return c;
}

/* The bytes' order of a and b, the shorter first when one begins the other. */
static int
bytes_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	int d = memcmp(a, b, na < nb ? na : nb);

	if (d != 0)
		return d;
	return na < nb ? -1 : na > nb;
}

int
lang_collate(
    const char *lang, const char *a, size_t na, const char *b, size_t nb)
{
	int i = index_of(lang);
	const UCollator *c;
	UCollationResult r;
	UErrorCode st = U_ZERO_ERROR;

	if (i < 0 || na > INT32_MAX || nb > INT32_MAX ||
	    (c = collator(i)) == NULL)
		return bytes_cmp(a, na, b, nb);
	r = icu_lib()->ucol_strcollUTF8(c, a, (int32_t)na, b, (int32_t)nb, &st);
	if (U_FAILURE(st) || r == UCOL_EQUAL)
		return bytes_cmp(a, na, b, nb);
	return r == UCOL_LESS ? -1 : 1;
}

void
lang_fini(void)
{
	pthread_mutex_lock(&fmt_lock);
	for (int i = 0; i < NLANG; i++) {
		/* Only what was opened: ICU is loaded then. */
		if (coll[i] != NULL)
			icu_lib()->ucol_close(coll[i]);
		coll[i] = NULL;
		if (num_fmt[i] != NULL)
			icu_lib()->unum_close(num_fmt[i]);
		if (pct_fmt[i] != NULL)
			icu_lib()->unum_close(pct_fmt[i]);
		if (date_fmt[i] != NULL)
			icu_lib()->udat_close(date_fmt[i]);
		num_fmt[i] = pct_fmt[i] = NULL;
		date_fmt[i] = NULL;
	}
	pthread_mutex_unlock(&fmt_lock);
}
