/*
 * money.c - sums of money, their conversion, and the gender marker (see
 * money.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/lang.h"
#include "money.h"

/* Ten to the n, n from 0 to 18. */
static int64_t
pow10i(int n)
{
	int64_t v = 1;

	while (n-- > 0)
		v *= 10;
	return v;
}

int
money_parse(const char *text, int minor, int64_t *out, Buf *err)
{
	const char *p = text;
	int64_t whole = 0, frac = 0;
	int digits = 0, fdigits = -1, group = -1;

	if (text == NULL || *text == '\0') {
		buf_puts(err, TC("no sum given"));
		return -1;
	}
	for (; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (fdigits >= 0) {
				if (++fdigits > minor) {
					buf_printf(err,
					    TC("\"%s\" has more decimals "
					       "than the currency's %d"),
					    text, minor);
					return -1;
				}
				frac = frac * 10 + (*p - '0');
				continue;
			}
			if (whole > (INT64_MAX / 1000) / pow10i(minor)) {
				buf_printf(
				    err, TC("\"%s\" is too large"), text);
				return -1;
			}
			whole = whole * 10 + (*p - '0');
			digits++;
			if (group >= 0)
				group++;
		} else if ((*p == ',' || *p == ' ') && fdigits < 0 &&
		    digits > 0 && (group < 0 || group == 3)) {
			/* A separator of thousands: three digits follow. */
			if (group < 0 && digits > 3)
				break;
			group = 0;
		} else if (*p == '.' && fdigits < 0 && digits > 0 &&
		    (group < 0 || group == 3)) {
			fdigits = 0;
			group = -1;
		} else {
			break;
		}
	}
	if (*p != '\0' || digits == 0 || (group >= 0 && group != 3) ||
	    fdigits == 0) {
		buf_printf(err,
		    TC("\"%s\" is no sum of money: write it as 1234.56 or"
		       " 1,234.56"),
		    text);
		return -1;
	}
	if (fdigits < 0)
		fdigits = 0;
	*out = whole * pow10i(minor) + frac * pow10i(minor - fdigits);
	return 0;
}

void
money_format(int64_t v, int minor, Buf *out)
{
	char d[32];
	int64_t unit = pow10i(minor), whole;
	int n, neg = v < 0;

	if (neg) {
		buf_putc(out, '-');
		v = -v;
	}
	whole = v / unit;
	n = snprintf(d, sizeof(d), "%lld", (long long)whole);
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, d[i]);
	}
	if (minor > 0)
		buf_printf(out, ".%0*lld", minor, (long long)(v % unit));
}

void
money_decimal(int64_t v, int minor, Buf *out)
{
	int64_t unit = pow10i(minor);

	if (v < 0) {
		buf_putc(out, '-');
		v = -v;
	}
	buf_printf(out, "%lld", (long long)(v / unit));
	if (minor > 0)
		buf_printf(out, ".%0*lld", minor, (long long)(v % unit));
}

int
money_day_ok(const char *v)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int y, m, d;

	if (v == NULL || strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return 0;
	y = atoi(v);
	m = atoi(v + 5);
	d = atoi(v + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	/* 29 February only in a leap year. */
	return !(m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

int
money_may_write(const Account *who)
{
	return who == NULL ||
	    (who->id != 0 && who->role != NULL &&
		(strcmp(who->role, "admin") == 0 ||
		    strcmp(who->role, "secretariat") == 0));
}

int
money_parse_rate(const char *text, int64_t *usd_e9, Buf *err)
{
	int64_t v = 0;
	int fd = -1, digits = 0;
	const char *p;

	for (p = text ? text : ""; *p != '\0'; p++) {
		if (*p == '.' && fd < 0) {
			fd = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || fd >= 9 || v > INT64_MAX / 100)
			break;
		v = v * 10 + (*p - '0');
		digits++;
		if (fd >= 0)
			fd++;
	}
	if (text == NULL || *p != '\0' || digits == 0 || fd == 0) {
		buf_printf(err,
		    TC("\"%s\" is no rate: write the US dollars one unit is"
		       " worth, such as 1.0843 (at most 9 decimals)"),
		    text ? text : "");
		return -1;
	}
	/* No currency is worth a thousand dollars a unit: a typo. */
	if (v > 1000 * pow10i(fd < 0 ? 0 : fd) || v == 0) {
		buf_printf(err,
		    TC("a rate of %s US dollars a unit is out of range (above "
		       "0, at most 1000)"),
		    text);
		return -1;
	}
	*usd_e9 = v * pow10i(9 - (fd < 0 ? 0 : fd));
	return 0;
}

void
money_format_rate(int64_t usd_e9, Buf *out)
{
	char f[16];
	int n;

	n = snprintf(f, sizeof(f), "%09lld", (long long)(usd_e9 % 1000000000));
	while (n > 4 && f[n - 1] == '0')
		f[--n] = '\0';
	buf_printf(out, "%lld.%s", (long long)(usd_e9 / 1000000000), f);
}

int64_t
money_to_usd(int64_t amount, int minor, int64_t usd_e9)
{
	/* Exact in 128 bits: amount < 2^63, usd_e9 < 2^40. */
	__extension__ typedef __int128 wide;
	wide num = (wide)amount * usd_e9, den = 1000000000;

	if (minor > 2)
		den *= pow10i(minor - 2);
	else
		num *= pow10i(2 - minor);
	num = (num + den / 2) / den;
	return num > INT64_MAX ? -1 : (int64_t)num;
}

int
money_make(Store *s, const char *amount, const char *currency, const char *date,
    Money *m, Buf *err)
{
	char code[4];
	int minor, rc;

	memset(m, 0, sizeof(*m));
	if (currency == NULL || strlen(currency) != 3) {
		buf_printf(err,
		    TC("\"%s\" is no currency: give its ISO 4217 code"),
		    currency ? currency : "");
		return -1;
	}
	for (int i = 0; i < 3; i++)
		code[i] = (char)(currency[i] >= 'a' && currency[i] <= 'z'
			? currency[i] - 32
			: currency[i]);
	code[3] = '\0';
	rc = store_currency(s, code, &minor, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		buf_printf(
		    err, TC("%s is no currency this portfolio knows"), code);
		return -1;
	}
	if (money_parse(amount, minor, &m->amount, err) != 0)
		return -1;
	memcpy(m->currency, code, 4);
	m->minor = minor;
	if (strcmp(code, "USD") == 0) {
		m->usd_e9 = 1000000000;
		m->usd = m->amount;
		return 0;
	}
	rc = store_rate_at(s, code, date, &m->usd_e9, m->rate_date, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		/* TRANSLATORS: the command in brackets stays in English. */
		buf_printf(err,
		    TC("no rate of %s is recorded on or before %s: record one"
		       " first (ctmatrix rates add %s RATE --date DATE)"),
		    code, date, code);
		return -1;
	}
	m->usd = money_to_usd(m->amount, minor, m->usd_e9);
	if (m->usd < 0) {
		buf_printf(err, TC("%s %s is too large"), amount, code);
		return -1;
	}
	return 0;
}

/*
 * The levels of the gender equality marker as the UN Development Group's
 * Gender Equality Marker guidance (2013) sets them out, in our words.
 */
static const struct {
	const char *name, *definition;
} gender[GENDER_LEVELS] = {
	{ "GEN0", "Not expected to contribute noticeably to gender equality" },
	{ "GEN1",
	    "Contributes to gender equality in a limited way; it is not a"
	    " significant objective" },
	{ "GEN2", "Gender equality is a significant objective" },
	{ "GEN3", "Gender equality is the principal objective" },
};

const char *
gender_name(int level)
{
	return level >= 0 && level < GENDER_LEVELS ? gender[level].name
						   : "not assessed";
}

const char *
gender_definition(int level)
{
	return level >= 0 && level < GENDER_LEVELS
	    ? gender[level].definition
	    : "The marker has not been assessed";
}

int
gender_parse(const char *text)
{
	if (text == NULL)
		return -2;
	if (strcmp(text, "none") == 0 || strcmp(text, "") == 0)
		return -1;
	if ((text[0] == 'G' || text[0] == 'g') &&
	    (strncmp(text + 1, "EN", 2) == 0 ||
		strncmp(text + 1, "en", 2) == 0))
		text += 3;
	if (text[0] >= '0' && text[0] <= '3' && text[1] == '\0')
		return text[0] - '0';
	return -2;
}
