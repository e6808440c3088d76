/*
 * period.h - reading the period of a project as documents write it.
 *
 * The published matrix writes a project's duration in many ways: "Jul.
 * 2015–Jun. 2019", "2016–2019", "(2018)", "25-27 Sep. 2017", "28 Apr.–5 May
 * 2016", "since 2013", "since Apr. 2017", "2016-ongoing", "Annual event",
 * "Annual event. 2016, 2017 and 2018", "2016, 2017".  period_parse() turns
 * such a text into start and end dates at the precision the text gives
 * (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD), whether it is open-ended, and
 * whether it is an annual event.  It accepts English month names and
 * abbreviations, and French and Spanish month names, hyphens, en and em
 * dashes, and "to".  Anything else is not a period, and the caller keeps
 * the text where it was.
 */
#ifndef CTM_PORTFOLIO_PERIOD_H
#define CTM_PORTFOLIO_PERIOD_H

typedef struct Period {
	char start[11]; /* "", "2015", "2015-07" or "2015-07-01" */
	char end[11];   /* likewise; "" when open-ended or unknown */
	int open_ended; /* "since 2013", "2016-ongoing" */
	int annual;     /* "Annual event" */
} Period;

/*
 * Parse text (UTF-8, without the surrounding parentheses) into *p.  Return
 * 1 when the whole text is a period, 0 when it is not (p is then zeroed).
 */
int period_parse(const char *text, Period *p);

/*
 * Whether text looks as if it meant to be a period (it holds a number from
 * 1900 to 2100) even though period_parse() rejects it.
 */
int period_looks_dated(const char *text);

#endif
