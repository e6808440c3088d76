/*
 * money.h - sums of money as people write them, conversion to US dollars,
 * the rules of budgets, contributions and appeals, and the gender marker.
 *
 * A sum is an integer count of its currency's minor unit (cents; yen;
 * fils of a dinar, three digits).  "1,234.56", "1234.5" and "1 234,56"
 * are not guessed at: the point is the decimal separator, commas and
 * spaces may group thousands, and a sum with more decimals than its
 * currency has is refused, not rounded.  Conversion to US cents:
 *
 *   usd = amount * usd_e9 * 10^(2 - minor) / 10^9, rounded half up,
 *
 * in 128-bit integer arithmetic, where usd_e9 is the recorded rate (USD
 * per unit times 10^9) of the latest date on or before the sum's date.
 */
#ifndef CTM_PORTFOLIO_MONEY_H
#define CTM_PORTFOLIO_MONEY_H

#include "../core/buf.h"
#include "../store/store.h"

/* "1,234.56" in a currency of minor digits: *out minor units; 0 or -1. */
int money_parse(const char *text, int minor, int64_t *out, Buf *err);

/* v minor units as "1,234.56" (thousands grouped, minor digits). */
void money_format(int64_t v, int minor, Buf *out);
/* The same without grouping, for machines: "1234.56". */
void money_decimal(int64_t v, int minor, Buf *out);

/* Whether v is a day: YYYY-MM-DD, the day within its month. */
int money_day_ok(const char *v);

/* Who records rates, contributions and appeals: admin and secretariat
 * (who is NULL for the command line, which may). */
int money_may_write(const Account *who);

/* A rate "1.0843" (USD per unit, up to 9 decimals) as USD x 10^9. */
int money_parse_rate(const char *text, int64_t *usd_e9, Buf *err);
void money_format_rate(int64_t usd_e9, Buf *out);

/* amount (minor units, minor digits) at usd_e9, in US cents; -1 if too big. */
int64_t money_to_usd(int64_t amount, int minor, int64_t usd_e9);

/*
 * Fill m from "AMOUNT" in currency on date: parse, find the rate, convert.
 * 0, or -1 with a message (an unknown currency, no rate on or before the
 * date, a bad sum) in err.
 */
int money_make(Store *s, const char *amount, const char *currency,
    const char *date, Money *m, Buf *err);

/* The gender marker: 0 to 3, its short name and definition. */
#define GENDER_LEVELS 4
const char *gender_name(int level);
const char *gender_definition(int level);
/* "0".."3", "GEN2", "none" (-1); -2 when it is none of these. */
int gender_parse(const char *text);

#endif
