/*
 * results.c - the rules of results (see results.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "results.h"

int
report_period_parse(const char *text, ReportPeriod *p, Buf *err)
{
	static const char *const qs[] = { "01-01", "03-31", "04-01", "06-30",
		"07-01", "09-30", "10-01", "12-31" };
	char kind = 'Y';
	int n = 0;

	memset(p, 0, sizeof(*p));
	if (text == NULL || strlen(text) < 4 ||
	    !isdigit((unsigned char)text[0]) ||
	    !isdigit((unsigned char)text[1]) ||
	    !isdigit((unsigned char)text[2]) ||
	    !isdigit((unsigned char)text[3]))
		goto bad;
	p->year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
	    (text[2] - '0') * 10 + (text[3] - '0');
	if (text[4] == '-') {
		kind = (char)toupper((unsigned char)text[5]);
		if ((kind != 'Q' && kind != 'H') || text[6] < '1' ||
		    text[6] > (kind == 'Q' ? '4' : '2') || text[7] != '\0')
			goto bad;
		n = text[6] - '0';
	} else if (text[4] != '\0') {
		goto bad;
	}
	if (p->year < 1990 || p->year > 2100) {
		buf_printf(err,
		    TC("the period's year %d is not between 1990 and 2100"),
		    p->year);
		return -1;
	}
	p->kind = kind;
	p->n = n;
	if (kind == 'Y') {
		snprintf(p->key, sizeof(p->key), "%04d", p->year);
		snprintf(p->start, sizeof(p->start), "%04d-01-01", p->year);
		snprintf(p->end, sizeof(p->end), "%04d-12-31", p->year);
	} else if (kind == 'H') {
		snprintf(p->key, sizeof(p->key), "%04d-H%d", p->year, n);
		snprintf(p->start, sizeof(p->start), "%04d-%s", p->year,
		    n == 1 ? "01-01" : "07-01");
		snprintf(p->end, sizeof(p->end), "%04d-%s", p->year,
		    n == 1 ? "06-30" : "12-31");
	} else {
		snprintf(p->key, sizeof(p->key), "%04d-Q%d", p->year, n);
		snprintf(p->start, sizeof(p->start), "%04d-%s", p->year,
		    qs[(n - 1) * 2]);
		snprintf(p->end, sizeof(p->end), "%04d-%s", p->year,
		    qs[(n - 1) * 2 + 1]);
	}
	return 0;
bad:
	buf_puts(err,
	    TC("a period is a quarter (2025-Q2), a half year (2025-H1) or a "
	       "year (2025)"));
	return -1;
}

const char *
report_period_name(const ReportPeriod *p)
{
	if (p->kind == 'Q')
		return "quarterly";
	if (p->kind == 'H')
		return p->n == 1 ? "mid-year" : "second half-year";
	return "end-of-year";
}

int
result_value_parse(const char *text, int64_t *out, Buf *err)
{
	const char *q = text ? text : "";
	int64_t v = 0;
	int neg = *q == '-', run = 0, grouped = 0, decimals = 0;

	q += neg;
	/* The whole part: digits, grouped by commas in threes or not. */
	for (; isdigit((unsigned char)*q) || *q == ','; q++) {
		if (*q == ',') {
			if (run == 0 || run > 3 || (grouped && run != 3))
				goto bad;
			grouped = 1;
			run = 0;
			continue;
		}
		v = v * 10 + (*q - '0');
		/* Checked at each digit, so that v never overflows. */
		if (v > RESULT_VALUE_MAX / 1000)
			goto big;
		run++;
	}
	if (run == 0 || (grouped && run != 3))
		goto bad;
	if (*q == '.') {
		for (q++; isdigit((unsigned char)*q); q++, decimals++) {
			if (decimals == 3) {
				buf_printf(err,
				    TC("\"%.40s\": a value has at most three "
				       "decimals"),
				    text);
				return -1;
			}
			v = v * 10 + (*q - '0');
		}
		if (decimals == 0)
			goto bad;
	}
	if (*q != '\0')
		goto bad;
	for (; decimals < 3; decimals++)
		v *= 10;
	if (v > RESULT_VALUE_MAX)
		goto big;
	*out = neg ? -v : v;
	return 0;
big:
	buf_printf(err,
	    TC("\"%.40s\": too big a value (at most a million million)"), text);
	return -1;
bad:
	buf_printf(err,
	    TC("\"%.40s\" is not a number (write 1250, 1,250 or 12.5)"),
	    text ? text : "");
	return -1;
}

/* v thousandths as digits, grouped or not, without trailing zeros. */
static void
value_text(int64_t v, int grouped, Buf *out)
{
	char digits[32];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t whole = u / 1000, frac = u % 1000;
	int n, i;

	if (v < 0)
		buf_putc(out, '-');
	n = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)whole);
	for (i = 0; i < n; i++) {
		if (grouped && i > 0 && (n - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, digits[i]);
	}
	if (frac != 0) {
		snprintf(
		    digits, sizeof(digits), "%03llu", (unsigned long long)frac);
		for (i = 2; i > 0 && digits[i] == '0'; i--)
			digits[i] = '\0';
		buf_printf(out, ".%s", digits);
	}
}

void
result_value_format(int64_t v, Buf *out)
{
	value_text(v, 1, out);
}

void
result_value_decimal(int64_t v, Buf *out)
{
	value_text(v, 0, out);
}

int
result_categories_parse(const char *text, Buf *norm, Buf *err)
{
	const char *q = text ? text : "";
	size_t count = 0;

	buf_reset(norm);
	while (*q != '\0') {
		const char *start, *end;
		Buf one = BUF_INIT;

		q += strspn(q, " \t");
		start = q;
		q += strcspn(q, ",");
		end = q;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (*q == ',')
			q++;
		if (end == start) {
			if (*q == '\0' && count > 0)
				break;
			buf_puts(
			    err, TC("a category is missing between commas"));
			return -1;
		}
		for (const char *c = start; c < end; c++) {
			if (!isalnum((unsigned char)*c) && *c != '-' &&
			    *c != '_') {
				buf_printf(err,
				    TC("the category \"%.*s\" has other than "
				       "letters, digits, - and _"),
				    (int)(end - start > 40 ? 40 : end - start),
				    start);
				buf_free(&one);
				return -1;
			}
			buf_putc(&one, (char)tolower((unsigned char)*c));
		}
		if (one.len > RESULT_CATEGORY_MAX) {
			buf_printf(err,
			    TC("a category has %d characters at most"),
			    RESULT_CATEGORY_MAX);
			buf_free(&one);
			return -1;
		}
		if (result_category_in(buf_str(norm), buf_str(&one))) {
			buf_printf(err, TC("the category %s is given twice"),
			    buf_str(&one));
			buf_free(&one);
			return -1;
		}
		if (++count > RESULT_CATEGORIES_MAX) {
			buf_printf(err, TC("at most %d categories"),
			    RESULT_CATEGORIES_MAX);
			buf_free(&one);
			return -1;
		}
		if (norm->len)
			buf_putc(norm, ',');
		buf_puts(norm, buf_str(&one));
		buf_free(&one);
	}
	return 0;
}

int
result_category_next(const char **q, char cat[RESULT_CATEGORY_MAX + 1])
{
	size_t k;

	if (*q == NULL || **q == '\0')
		return 0;
	k = strcspn(*q, ",");
	snprintf(cat, RESULT_CATEGORY_MAX + 1, "%.*s", (int)k, *q);
	*q += k;
	if (**q == ',')
		(*q)++;
	return 1;
}

int
result_category_in(const char *list, const char *cat)
{
	size_t n = strlen(cat);

	if (n == 0)
		return 0;
	for (const char *q = list; q != NULL && *q != '\0';) {
		size_t k = strcspn(q, ",");

		if (k == n && strncmp(q, cat, n) == 0)
			return 1;
		q += k;
		if (*q == ',')
			q++;
	}
	return 0;
}

/*
 * Say in msg that what is required, or (too_long) that it is text of max
 * bytes at most: a whole sentence for each text the callers name, to be
 * translated as one (lang.h); the English for any other.
 */
static void
text_fault(Buf *msg, const char *what, int too_long, size_t max)
{
	if (strcmp(what, "a statement") == 0 && !too_long)
		buf_puts(msg, TC("a statement is required"));
	else if (strcmp(what, "a statement") == 0)
		buf_printf(msg,
		    TC("a statement is UTF-8 text of %zu bytes at most"), max);
	else if (strcmp(what, "a name") == 0 && !too_long)
		buf_puts(msg, TC("a name is required"));
	else if (strcmp(what, "a name") == 0)
		buf_printf(
		    msg, TC("a name is UTF-8 text of %zu bytes at most"), max);
	else if (strcmp(what, "a unit") == 0 && !too_long)
		buf_puts(msg, TC("a unit is required"));
	else if (strcmp(what, "a unit") == 0)
		buf_printf(
		    msg, TC("a unit is UTF-8 text of %zu bytes at most"), max);
	else if (strcmp(what, "a narrative") == 0 && !too_long)
		buf_puts(msg, TC("a narrative is required"));
	else if (strcmp(what, "a narrative") == 0)
		buf_printf(msg,
		    TC("a narrative is UTF-8 text of %zu bytes at most"), max);
	else if (strcmp(what, "a note saying what to change") == 0 && !too_long)
		buf_puts(msg, TC("a note saying what to change is required"));
	else if (strcmp(what, "a note saying what to change") == 0)
		buf_printf(msg,
		    TC("a note saying what to change is UTF-8 text of %zu "
		       "bytes at most"),
		    max);
	else if (!too_long)
		buf_printf(msg, "%s is required", what);
	else
		buf_printf(
		    msg, "%s is UTF-8 text of %zu bytes at most", what, max);
}

int
result_text_ok(
    const char *what, const char *v, size_t max, int optional, Buf *msg)
{
	size_t n = v ? strlen(v) : 0;

	if (!optional && (n == 0 || v[strspn(v, " \t\r\n")] == '\0')) {
		text_fault(msg, what, 0, max);
		return RESULT_INVALID;
	}
	if (n > max || utf8_check(v ? v : "", n) != n) {
		text_fault(msg, what, 1, max);
		return RESULT_INVALID;
	}
	return RESULT_OK;
}

int
result_status_ok(const char *status)
{
	return status != NULL &&
	    (strcmp(status, "draft") == 0 || strcmp(status, "submitted") == 0 ||
		strcmp(status, "returned") == 0 ||
		strcmp(status, "approved") == 0);
}

int
result_aggregate_ok(const char *aggregate)
{
	return aggregate != NULL &&
	    (strcmp(aggregate, "sum") == 0 || strcmp(aggregate, "last") == 0);
}

int
result_may_review(const Account *who)
{
	return who == NULL ||
	    (who->id != 0 && who->role != NULL &&
		(strcmp(who->role, "admin") == 0 ||
		    strcmp(who->role, "secretariat") == 0));
}

int
result_status_open(const char *status)
{
	return strcmp(status, "draft") == 0 || strcmp(status, "returned") == 0;
}

int
result_move_ok(const char *from, const char *to, int editor, int reviewer,
    const char *note, Buf *msg)
{
	int by_editor = 0, by_reviewer = 0;

	if (!result_status_ok(to)) {
		buf_puts(msg,
		    TC("a report moves to submitted, draft, returned or "
		       "approved"));
		return RESULT_INVALID;
	}
	if (strcmp(from, "approved") == 0) {
		buf_puts(
		    msg, TC("the report is approved: its period is locked"));
		return RESULT_CONFLICT;
	}
	if (strcmp(to, "submitted") == 0)
		by_editor = result_status_open(from);
	else if (strcmp(to, "draft") == 0)
		by_editor = strcmp(from, "submitted") == 0;
	else if (strcmp(to, "approved") == 0 || strcmp(to, "returned") == 0)
		by_reviewer = strcmp(from, "submitted") == 0;
	if (!by_editor && !by_reviewer) {
		/* TRANSLATORS: %s are a report's statuses, as the
		 * command line and the API write them: draft, submitted,
		 * returned, approved. */
		if (strcmp(to, "draft") == 0)
			buf_printf(msg,
			    TC("a report that is %s cannot be withdrawn to "
			       "draft"),
			    from);
		else
			buf_printf(msg, TC("a report that is %s cannot be %s"),
			    from, to);
		return RESULT_CONFLICT;
	}
	if (by_editor && !editor) {
		buf_puts(msg,
		    TC("only those who may change the project submit or "
		       "withdraw its reports"));
		return RESULT_FORBIDDEN;
	}
	if (by_reviewer && !reviewer) {
		buf_puts(msg,
		    TC("only the secretariat (and admins) approve or "
		       "return reports"));
		return RESULT_FORBIDDEN;
	}
	if (strcmp(to, "returned") == 0 &&
	    result_text_ok("a note saying what to change", note,
		RESULT_TEXT_MAX, 0, msg) != RESULT_OK)
		return RESULT_INVALID;
	return RESULT_OK;
}

/*
 * a + b, held at the bounds of int64 rather than wrapping: a value is at
 * most RESULT_VALUE_MAX, so only some ten thousand of the greatest could
 * reach them, but a sum never overflows.
 */
static int64_t
add_held(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

/* The value of report, indicator and category in rs (sorted so), or NULL. */
static const ResultValue *
value_find(const ResultSet *rs, int64_t report, int64_t ind, const char *cat)
{
	size_t lo = 0, hi = rs->nvalue;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const ResultValue *v = &rs->value[mid];
		int c = v->report_id != report
		    ? (v->report_id < report ? -1 : 1)
		    : v->indicator_id != ind ? (v->indicator_id < ind ? -1 : 1)
					     : strcmp(v->category, cat);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < rs->nvalue && rs->value[lo].report_id == report &&
	    rs->value[lo].indicator_id == ind &&
	    strcmp(rs->value[lo].category, cat) == 0)
		return &rs->value[lo];
	return NULL;
}

int
results_roll(const ResultSet *rs, const RollWindow *w, const Indicator *in,
    const char *cat, int64_t *out)
{
	int got = 0, last = strcmp(in->aggregate, "last") == 0;
	size_t lo = 0, hi = rs->nreport;
	int64_t v = 0;

	/* The project's first report: reports are by project, then period. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rs->report[mid].project_id < w->project)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < rs->nreport && rs->report[lo].project_id == w->project;
	     lo++) {
		const ResultReport *r = &rs->report[lo];
		const ResultValue *x;

		if (strcmp(r->status, "approved") != 0 ||
		    (w->start && strcmp(r->period_start, w->start) < 0) ||
		    (w->until && strcmp(r->period_end, w->until) > 0))
			continue;
		if ((x = value_find(rs, r->id, in->id, cat)) == NULL)
			continue;
		v = last ? x->value : add_held(v, x->value);
		got = 1;
	}
	*out = v;
	return got;
}

void
results_period_stand(const ResultSet *rs, int64_t project,
    const ReportPeriod *per, PeriodStand *st)
{
	memset(st, 0, sizeof(*st));
	for (size_t k = 0; k < rs->nreport; k++) {
		const ResultReport *r = &rs->report[k];

		if (r->project_id != project ||
		    strcmp(r->period_start, per->start) < 0)
			continue;
		if (strcmp(r->status, "approved") == 0) {
			st->approved = 1;
			st->demo |= r->demo;
		}
		st->submitted |= strcmp(r->status, "submitted") == 0;
	}
}

/* The project of indicator in, or 0. */
static int64_t
project_of(const ResultSet *rs, const Indicator *in)
{
	for (size_t i = 0; i < rs->nresult; i++)
		if (rs->result[i].id == in->result_id)
			return rs->result[i].project_id;
	return 0;
}

/* Add v of category cat to t. */
static void
total_cat(RollTotal *t, const char *cat, int64_t v)
{
	size_t i;

	for (i = 0; i < t->ncat; i++)
		if (strcmp(t->cat[i], cat) == 0)
			break;
	if (i == t->ncat) {
		if (t->ncat == RESULT_TOTAL_CATS)
			return;
		snprintf(t->cat[t->ncat++], RESULT_CATEGORY_MAX + 1, "%s", cat);
	}
	t->cat_period[i] = add_held(t->cat_period[i], v);
}

size_t
results_totals(const ResultSet *rs, const ReportPeriod *per, RollTotal **out)
{
	RollTotal *t = NULL;
	size_t n = 0;

	for (size_t k = 0; k < rs->nindicator; k++) {
		const Indicator *in = &rs->indicator[k];
		int64_t project = project_of(rs, in), v, w;
		RollWindow in_p = { project, per->start, per->end };
		RollWindow all = { project, NULL, per->end };
		char cat[RESULT_CATEGORY_MAX + 1];
		RollTotal *x;
		size_t i;

		/* It counts once it has a value to date, given in the period
		 * or not: the total to date is that of every indicator. */
		if (strcmp(in->aggregate, "sum") != 0 ||
		    !results_roll(rs, &all, in, "", &w))
			continue;
		if (!results_roll(rs, &in_p, in, "", &v))
			v = 0;
		for (i = 0; i < n; i++)
			if (strcasecmp(t[i].unit, in->unit) == 0)
				break;
		if (i == n) {
			t = xrealloc(t, (n + 1) * sizeof(*t));
			memset(&t[n], 0, sizeof(*t));
			t[n++].unit = in->unit;
		}
		x = &t[i];
		x->indicators++;
		if (x->last_project != project)
			x->projects++;
		x->last_project = project;
		x->period = add_held(x->period, v);
		x->to_date = add_held(x->to_date, w);
		for (const char *q = in->categories;
		     result_category_next(&q, cat);)
			if (results_roll(rs, &in_p, in, cat, &w))
				total_cat(x, cat, w);
	}
	*out = t;
	return n;
}

int
result_progress(const Indicator *in, int64_t v, int64_t *pct)
{
	__int128 num, den;

	if (!in->has_target)
		return 0;
	if (strcmp(in->aggregate, "sum") == 0) {
		num = (__int128)v + (in->has_baseline ? in->baseline : 0);
		den = in->target;
	} else if (in->has_baseline) {
		num = (__int128)v - in->baseline;
		den = (__int128)in->target - in->baseline;
	} else {
		num = v;
		den = in->target;
	}
	if (den == 0)
		return 0;
	/* Rounded half away from zero, in whole per cent. */
	num *= 100;
	if ((num < 0) != (den < 0))
		*pct = (int64_t)((num - den / 2) / den);
	else
		*pct = (int64_t)((num + den / 2) / den);
	return 1;
}
