/*
 * test_money.c - sums of money as people write them, rates, conversion to
 * US cents and its rounding, and the gender marker's levels.
 */
#include <stdint.h>

#include "../../src/portfolio/money.h"
#include "test.h"

static void
parses(const char *text, int minor, int64_t want)
{
	Buf err = BUF_INIT;
	int64_t v = -1;
	int rc = money_parse(text, minor, &v, &err);

	CHECK(rc == 0 && v == want, "money_parse \"%s\" (%d digits) is %lld",
	    text, minor, (long long)want);
	if (rc != 0 || v != want)
		printf("#   got %lld: %s\n", (long long)v, buf_str(&err));
	buf_free(&err);
}

static void
refuses(const char *text, int minor, const char *why)
{
	Buf err = BUF_INIT;
	int64_t v = 0;

	CHECK(money_parse(text, minor, &v, &err) == -1 &&
		strstr(buf_str(&err), why) != NULL,
	    "money_parse refuses \"%s\": %s", text, why);
	buf_free(&err);
}

static void
formats(int64_t v, int minor, const char *want)
{
	Buf b = BUF_INIT;

	money_format(v, minor, &b);
	CHECK_STR(buf_str(&b), want, "money_format %lld (%d digits)",
	    (long long)v, minor);
	buf_free(&b);
}

void
test_money(void)
{
	Buf err = BUF_INIT, b = BUF_INIT;
	int64_t r = 0;

	parses("949,111", 2, 94911100);
	parses("949111.00", 2, 94911100);
	parses("1,234.5", 2, 123450);
	parses("1 234 567.89", 2, 123456789);
	parses("0.01", 2, 1);
	parses("5000", 0, 5000);
	parses("1.234", 3, 1234);
	parses("12.5", 3, 12500);
	refuses("1.234", 2, "more decimals than the currency's 2");
	refuses("10.5", 0, "more decimals");
	refuses("1234,567", 2, "no sum of money");
	refuses("12,34", 2, "no sum of money");
	refuses("-5", 2, "no sum of money");
	refuses("12.", 2, "no sum of money");
	refuses("", 2, "no sum given");
	refuses("1e6", 2, "no sum of money");
	refuses("99999999999999999999", 2, "too large");
	formats(94911100, 2, "949,111.00");
	formats(1, 2, "0.01");
	formats(5000, 0, "5,000");
	formats(1234, 3, "1.234");
	formats(-123456, 2, "-1,234.56");
	formats(100000000, 2, "1,000,000.00");

	CHECK(money_parse_rate("1.0843", &r, &err) == 0 && r == 1084300000,
	    "a rate of 1.0843 is 1084300000 e-9");
	CHECK(money_parse_rate("0.006712345", &r, &err) == 0 && r == 6712345,
	    "a rate of nine decimals is kept whole");
	CHECK(money_parse_rate("0.0067123451", &r, &err) == -1,
	    "a rate of ten decimals is refused");
	CHECK(money_parse_rate("0", &r, &err) == -1, "a rate of 0 is refused");
	CHECK(money_parse_rate("5000", &r, &err) == -1,
	    "a rate of 5000 dollars a unit is refused as a typo");
	CHECK(money_parse_rate("1,08", &r, &err) == -1,
	    "a rate with a decimal comma is refused");
	money_format_rate(1084300000, &b);
	CHECK_STR(buf_str(&b), "1.0843", "money_format_rate 1.0843");
	buf_reset(&b);
	money_format_rate(3250000000, &b);
	CHECK_STR(buf_str(&b), "3.2500", "money_format_rate keeps 4 decimals");

	/* EUR 1,000.00 at 1.0843: USD 1,084.30. */
	CHECK(money_to_usd(100000, 2, 1084300000) == 108430,
	    "EUR 1,000.00 at 1.0843 is 108,430 US cents");
	/* JPY 1,000,000 at 0.006712345: USD 6,712.345 -> 6,712.35. */
	CHECK(money_to_usd(1000000, 0, 6712345) == 671235,
	    "JPY 1,000,000 at 0.006712345 rounds half up to 671,235 cents");
	/* KWD 1.234 (1234 fils) at 3.25: USD 4.0105 -> 4.01. */
	CHECK(money_to_usd(1234, 3, 3250000000) == 401,
	    "KWD 1.234 at 3.25 is 401 US cents");
	/* Large sums stay exact: EUR 90 billion at 1.1. */
	CHECK(money_to_usd(9000000000000LL, 2, 1100000000) == 9900000000000LL,
	    "EUR 90 billion at 1.1 is exact, no floating point");
	CHECK(money_to_usd(INT64_MAX, 2, 999000000000LL) == -1,
	    "a sum beyond 64 bits after conversion is refused");

	CHECK(gender_parse("2") == 2 && gender_parse("GEN3") == 3 &&
		gender_parse("gen0") == 0 && gender_parse("none") == -1,
	    "gender_parse reads 2, GEN3, gen0 and none");
	CHECK(gender_parse("4") == -2 && gender_parse("2a") == -2,
	    "gender_parse refuses 4 and 2a");
	CHECK_STR(gender_name(3), "GEN3", "gender_name 3");
	CHECK(strstr(gender_definition(3), "principal") != NULL,
	    "gender level 3: gender equality is the principal objective");
	buf_free(&err);
	buf_free(&b);
}
