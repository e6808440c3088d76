/*
 * period.c - parsing project periods (see period.h).
 *
 * The text is first cut into tokens (numbers, month names, dashes, commas,
 * "and", "since", "ongoing", "annual event"), then matched against the
 * shapes of period.h by a small recursive-descent parser.  Every token
 * must be used: "2178 (2014) resolution" is not a period.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "period.h"

enum tok_type {
	T_NUM,
	T_MONTH,
	T_DASH,
	T_COMMA,
	T_AND,
	T_SINCE,
	T_ONGOING,
	T_ANNUAL,
	T_QUARTER, /* "Q1" .. "Q4": value 1 .. 4 */
	T_TBD,     /* "TBD", "to be confirmed": a date not yet known */
	T_RECUR,   /* "Biennial", "Monthly": recurring, not yearly */
	T_PHASE,   /* "Phase II": a qualifier beside a date */
	T_END
};

typedef struct Tok {
	enum tok_type type;
	int value;  /* number, or month 1..12 */
	int digits; /* digits of a number */
} Tok;

#define MAX_TOKS 32

typedef struct Date {
	int year, month, day, day2; /* 0 when absent */
	int month_end; /* "Q1 2018": the quarter's last month; else 0 */
} Date;

static const struct {
	const char *name;
	int month;
} month_names[] = {
	{ "january", 1 },
	{ "february", 2 },
	{ "march", 3 },
	{ "april", 4 },
	{ "may", 5 },
	{ "june", 6 },
	{ "july", 7 },
	{ "august", 8 },
	{ "september", 9 },
	{ "october", 10 },
	{ "november", 11 },
	{ "december", 12 },
	{ "jan", 1 },
	{ "feb", 2 },
	{ "mar", 3 },
	{ "apr", 4 },
	{ "jun", 6 },
	{ "jul", 7 },
	{ "aug", 8 },
	{ "sep", 9 },
	{ "sept", 9 },
	{ "oct", 10 },
	{ "nov", 11 },
	{ "dec", 12 },
	/* French and Spanish, as translated reports write them. */
	{ "janvier", 1 },
	{ "fevrier", 2 },
	{ "février", 2 },
	{ "mars", 3 },
	{ "avril", 4 },
	{ "mai", 5 },
	{ "juin", 6 },
	{ "juillet", 7 },
	{ "aout", 8 },
	{ "août", 8 },
	{ "septembre", 9 },
	{ "octobre", 10 },
	{ "novembre", 11 },
	{ "decembre", 12 },
	{ "décembre", 12 },
	{ "janv", 1 },
	{ "févr", 2 },
	{ "fevr", 2 },
	{ "avr", 4 },
	{ "juil", 7 },
	{ "déc", 12 },
	{ "enero", 1 },
	{ "febrero", 2 },
	{ "marzo", 3 },
	{ "abril", 4 },
	{ "mayo", 5 },
	{ "junio", 6 },
	{ "julio", 7 },
	{ "agosto", 8 },
	{ "septiembre", 9 },
	{ "setiembre", 9 },
	{ "octubre", 10 },
	{ "noviembre", 11 },
	{ "diciembre", 12 },
};

static int
month_lookup(const char *w)
{
	for (size_t i = 0; i < sizeof(month_names) / sizeof(month_names[0]);
	     i++)
		if (strcasecmp(w, month_names[i].name) == 0)
			return month_names[i].month;
	return 0;
}

static int
is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Whether s starts with a Unicode dash, U+2010 to U+2015. */
static int
is_dash(const char *s)
{
	return (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x95;
}

/* Cut text into toks; return the count, or -1 on anything unknown. */
static int
period_lex(const char *s, Tok *toks)
{
	int n = 0;

	while (*s) {
		unsigned char c = (unsigned char)*s;
		Tok t = { T_END, 0, 0 };

		if (n >= MAX_TOKS - 1)
			return -1;
		/* "2018-2019 (tbc)", "Annual event (since 2014)" */
		if (c == ' ' || c == '\t' || c == '.' || c == '\n' ||
		    c == '(' || c == ')') {
			s++;
			continue;
		}
		if (c >= '0' && c <= '9') {
			t.type = T_NUM;
			while (*s >= '0' && *s <= '9') {
				if (t.digits++ < 6)
					t.value = t.value * 10 + (*s - '0');
				s++;
			}
			/* "1st", "2nd", "25th" */
			if (strncmp(s, "st", 2) == 0 ||
			    strncmp(s, "nd", 2) == 0 ||
			    strncmp(s, "rd", 2) == 0 ||
			    strncmp(s, "th", 2) == 0)
				if (!is_word_char((unsigned char)s[2]))
					s += 2;
		} else if (c == '-' || c == '/') {
			t.type = T_DASH;
			s++;
		} else if (is_dash(s)) {
			t.type = T_DASH;
			s += 3;
		} else if (c == ',' || c == ';' || c == ':') {
			t.type = T_COMMA;
			s++;
		} else if ((c == 'Q' || c == 'q') && s[1] >= '1' &&
		    s[1] <= '4' &&
		    (!is_word_char((unsigned char)s[2]) || is_dash(s + 2)) &&
		    !(s[2] >= '0' && s[2] <= '9')) {
			t.type = T_QUARTER;
			t.value = s[1] - '0';
			s += 2;
		} else if (is_word_char(c)) {
			char w[24];
			size_t len = 0;

			while (is_word_char((unsigned char)*s) && !is_dash(s)) {
				if (len < sizeof(w) - 1)
					w[len++] = *s;
				s++;
			}
			w[len] = '\0';
			if ((t.value = month_lookup(w)) != 0)
				t.type = T_MONTH;
			else if (!strcasecmp(w, "and") ||
			    !strcasecmp(w, "et") || !strcasecmp(w, "y") ||
			    !strcasecmp(w, "&"))
				t.type = T_AND;
			else if (!strcasecmp(w, "to") &&
			    (!strncasecmp(s, " be determined", 14) ||
				!strncasecmp(s, " be confirmed", 13) ||
				!strncasecmp(s, " be decided", 11))) {
				t.type = T_TBD;
				s += strcspn(s + 4, " .,;)") + 4;
			} else if (!strcasecmp(w, "to") ||
			    !strcasecmp(w, "until") || !strcasecmp(w, "au") ||
			    !strcasecmp(w, "a") || !strcasecmp(w, "till") ||
			    !strcasecmp(w, "through"))
				t.type = T_DASH;
			else if (!strcasecmp(w, "since") ||
			    !strcasecmp(w, "from") ||
			    !strcasecmp(w, "depuis") || !strcasecmp(w, "desde"))
				t.type = T_SINCE;
			else if (!strcasecmp(w, "ongoing") ||
			    !strcasecmp(w, "present") ||
			    !strcasecmp(w, "onwards") ||
			    !strcasecmp(w, "continuing"))
				t.type = T_ONGOING;
			else if (!strcasecmp(w, "annual") ||
			    !strcasecmp(w, "annually") ||
			    !strcasecmp(w, "yearly"))
				t.type = T_ANNUAL;
			else if (!strcasecmp(w, "tbd") ||
			    !strcasecmp(w, "tbc") || !strcasecmp(w, "tba"))
				t.type = T_TBD;
			else if (!strcasecmp(w, "biennial") ||
			    !strcasecmp(w, "biannual") ||
			    !strcasecmp(w, "monthly") ||
			    !strcasecmp(w, "quarterly") ||
			    !strcasecmp(w, "weekly") ||
			    !strcasecmp(w, "periodic") ||
			    !strcasecmp(w, "recurring") ||
			    !strcasecmp(w, "regular"))
				t.type = T_RECUR;
			else if (!strcasecmp(w, "phase")) {
				/* "Phase II", "Phase 2", "phase III" */
				t.type = T_PHASE;
				while (*s == ' ')
					s++;
				s += strspn(s, "IVXivx0123456789");
			} else if (!strcasecmp(w, "event") ||
			    !strcasecmp(w, "events"))
				continue; /* "Annual event": the noun adds nothing */
			else
				return -1;
		} else {
			return -1;
		}
		toks[n++] = t;
	}
	toks[n].type = T_END;
	return n;
}

static int
is_year(const Tok *t)
{
	return t->type == T_NUM && t->digits == 4 && t->value >= 1900 &&
	    t->value <= 2100;
}

static int
is_day(const Tok *t)
{
	return t->type == T_NUM && t->digits <= 2 && t->value >= 1 &&
	    t->value <= 31;
}

/*
 * date := [day [- day]] [month] [year], at least one of month and year,
 * a day only with a month.  "25-27 Sep. 2017" gives day and day2.
 */
static int
parse_date(const Tok *t, int *i, Date *d)
{
	int j = *i;

	memset(d, 0, sizeof(*d));
	/* "Q1 2018", "Q1–Q4 2018": the first month of the first quarter. */
	if (t[j].type == T_QUARTER) {
		int last = t[j].value;

		if (t[j + 1].type == T_DASH && t[j + 2].type == T_QUARTER &&
		    is_year(&t[j + 3])) {
			last = t[j + 2].value;
			if (last < t[j].value)
				return 0;
			j += 2;
		}
		if (!is_year(&t[j + 1]))
			return 0;
		d->month = (t[*i].value - 1) * 3 + 1;
		d->month_end = last * 3;
		d->year = t[j + 1].value;
		*i = j + 2;
		return 1;
	}
	if (is_day(&t[j]) && t[j + 1].type == T_MONTH) {
		d->day = t[j++].value;
	} else if (is_day(&t[j]) && t[j + 1].type == T_DASH &&
	    is_day(&t[j + 2]) && t[j + 3].type == T_MONTH) {
		d->day = t[j].value;
		d->day2 = t[j + 2].value;
		j += 3;
	}
	if (t[j].type == T_MONTH)
		d->month = t[j++].value;
	if (is_year(&t[j]))
		d->year = t[j++].value;
	if (d->month == 0 && d->year == 0)
		return 0;
	*i = j;
	return 1;
}

static void
date_format(char out[11], int year, int month, int day)
{
	/* Parsed values are in range (is_year, is_day, month tokens). */
	unsigned y = (unsigned)year % 10000, m = (unsigned)month % 100,
		 d = (unsigned)day % 100;

	out[0] = '\0';
	if (year == 0)
		return;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '\0';
	if (month == 0)
		return;
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
	if (day == 0)
		return;
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* years := year {, year} [[,] and year]: first and last give the span. */
static int
parse_years(const Tok *t, int *i, int *first, int *last)
{
	int j = *i;

	if (!is_year(&t[j]))
		return 0;
	*first = *last = t[j++].value;
	while (t[j].type == T_COMMA || t[j].type == T_AND) {
		if (t[j].type == T_COMMA && t[j + 1].type == T_AND)
			j++;
		j++;
		if (!is_year(&t[j]))
			return 0;
		if (t[j].value < *first)
			*first = t[j].value;
		if (t[j].value > *last)
			*last = t[j].value;
		j++;
	}
	*i = j;
	return 1;
}

/* range := date [dash (date | ongoing)] | years */
static int
parse_range(const Tok *t, int *i, Period *p)
{
	Date a, b;
	int j = *i, first, last;

	if (is_year(&t[j]) &&
	    (t[j + 1].type == T_COMMA || t[j + 1].type == T_AND)) {
		if (!parse_years(t, &j, &first, &last))
			return 0;
		date_format(p->start, first, 0, 0);
		date_format(p->end, last, 0, 0);
		*i = j;
		return 1;
	}
	if (!parse_date(t, &j, &a))
		return 0;
	/* "2017 onwards", "2017 (ongoing)" */
	if (t[j].type == T_ONGOING && a.year != 0 && !a.day2) {
		date_format(p->start, a.year, a.month, a.day);
		p->open_ended = 1;
		*i = j + 1;
		return 1;
	}
	/* "2018–TBD": begun, its end not known yet */
	if (t[j].type == T_DASH && t[j + 1].type == T_TBD) {
		if (a.year == 0 || a.day2)
			return 0;
		date_format(p->start, a.year, a.month, a.day);
		*i = j + 2;
		return 1;
	}
	if (t[j].type == T_DASH && t[j + 1].type == T_ONGOING) {
		if (a.year == 0)
			return 0;
		date_format(p->start, a.year, a.month, a.day);
		p->open_ended = 1;
		*i = j + 2;
		return 1;
	}
	if (t[j].type == T_DASH) {
		j++;
		if (!parse_date(t, &j, &b) || b.year == 0 || b.day2)
			return 0;
		if (a.year == 0)
			a.year = b.year;
		if (a.day2)
			return 0;
		if (b.month_end)
			b.month = b.month_end;
	} else {
		if (a.year == 0)
			return 0;
		b = a;
		if (a.day2)
			b.day = a.day2;
		if (a.month_end)
			b.month = a.month_end;
	}
	if (a.year > b.year ||
	    (a.year == b.year && a.month && b.month && a.month > b.month))
		return 0;
	date_format(p->start, a.year, a.month, a.day);
	date_format(p->end, b.year, b.month, b.day);
	*i = j;
	return 1;
}

/*
 * A period that has no dates but says what it is: "Ongoing", "TBD",
 * "Biennial"; 1 when the tokens from i are one, with p filled.
 */
static int
parse_word_only(const Tok *t, int i, Period *p)
{
	if (t[i + 1].type != T_END)
		return 0;
	switch (t[i].type) {
	case T_ONGOING:
		p->open_ended = 1;
		return 1;
	case T_TBD:
	case T_RECUR:
		return 1;
	default:
		return 0;
	}
}

int
period_parse(const char *text, Period *p)
{
	Tok t[MAX_TOKS];
	int n, i = 0;

	memset(p, 0, sizeof(*p));
	if ((n = period_lex(text, t)) <= 0)
		goto no;
	/* "Phase II: 2018–2020": the phase belongs to the title's words,
	 * the dates to the period; alone, it is no period at all. */
	if (t[i].type == T_PHASE) {
		i++;
		if (t[i].type == T_COMMA)
			i++;
		if (t[i].type == T_END)
			goto no;
	}
	if (parse_word_only(t, i, p))
		return 1;
	if (t[i].type == T_ANNUAL || t[i].type == T_RECUR) {
		p->annual = t[i].type == T_ANNUAL;
		i++;
		if (t[i].type == T_COMMA)
			i++;
		if (t[i].type == T_END)
			return 1;
	}
	/* "Ongoing since 2015" */
	if (t[i].type == T_ONGOING && t[i + 1].type == T_SINCE)
		i++;
	if (t[i].type == T_SINCE) {
		Date a;

		i++;
		if (!parse_date(t, &i, &a) || a.year == 0 || a.day2)
			goto no;
		date_format(p->start, a.year, a.month, a.day);
		p->open_ended = 1;
		if (t[i].type == T_DASH && t[i + 1].type == T_ONGOING)
			i += 2;
	} else if (t[i].type == T_DASH && i == 0) {
		/* "until Dec. 2018": the end, the start not given */
		Date b;

		i++;
		if (!parse_date(t, &i, &b) || b.year == 0 || b.day2)
			goto no;
		if (b.month_end)
			b.month = b.month_end;
		date_format(p->end, b.year, b.month, b.day);
	} else if (!parse_range(t, &i, p)) {
		goto no;
	}
	if (t[i].type == T_COMMA && t[i + 1].type == T_ANNUAL) {
		p->annual = 1;
		i += 2;
	}
	/* "2016–2018, Phase II", "2018-2019 (tbc)" */
	if (t[i].type == T_COMMA && t[i + 1].type == T_PHASE)
		i++;
	if (t[i].type == T_PHASE || t[i].type == T_TBD)
		i++;
	if (t[i].type != T_END)
		goto no;
	return 1;
no:
	memset(p, 0, sizeof(*p));
	return 0;
}

int
period_looks_dated(const char *text)
{
	for (const char *s = text; *s; s++) {
		if (s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
		    s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' &&
		    !(s[4] >= '0' && s[4] <= '9') &&
		    (s == text || !(s[-1] >= '0' && s[-1] <= '9'))) {
			int y = atoi(s);

			if (y >= 1900 && y <= 2100)
				return 1;
		}
	}
	return 0;
}
