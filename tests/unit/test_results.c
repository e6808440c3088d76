/*
 * test_results.c - the rules of results: reporting periods, values in
 * thousandths, categories, the moves of a report, roll-ups over periods
 * and projects, progress against a target.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../src/portfolio/results.h"
#include "test.h"

static void
period_is(const char *text, const char *key, const char *start, const char *end,
    const char *name)
{
	ReportPeriod p;
	Buf err = BUF_INIT;
	int rc = report_period_parse(text, &p, &err);

	CHECK(rc == 0 && strcmp(p.key, key) == 0 &&
		strcmp(p.start, start) == 0 && strcmp(p.end, end) == 0 &&
		strcmp(report_period_name(&p), name) == 0,
	    "period \"%s\" is %s, %s to %s, %s", text, key, start, end, name);
	buf_free(&err);
}

static void
period_refused(const char *text)
{
	ReportPeriod p;
	Buf err = BUF_INIT;

	CHECK(report_period_parse(text, &p, &err) == -1 && err.len > 0,
	    "period \"%s\" refused, with a message", text);
	buf_free(&err);
}

static void
value_is(const char *text, int64_t want, const char *shown)
{
	Buf err = BUF_INIT, b = BUF_INIT;
	int64_t v = 0;
	int rc = result_value_parse(text, &v, &err);

	result_value_format(v, &b);
	CHECK(rc == 0 && v == want && strcmp(buf_str(&b), shown) == 0,
	    "value \"%s\" is %lld thousandths, shown %s", text, (long long)want,
	    shown);
	buf_free(&err);
	buf_free(&b);
}

static void
value_refused(const char *text, const char *why)
{
	Buf err = BUF_INIT;
	int64_t v = 0;

	CHECK(result_value_parse(text, &v, &err) == -1 &&
		strstr(buf_str(&err), why) != NULL,
	    "value \"%s\" refused: %s", text, why);
	buf_free(&err);
}

static void
move(const char *from, const char *to, int editor, int reviewer,
    const char *note, int want)
{
	Buf msg = BUF_INIT;
	int got = result_move_ok(from, to, editor, reviewer, note, &msg);

	CHECK(got == want, "%s -> %s by %s%s: %d", from, to,
	    editor ? "an editor" : "",
	    reviewer ? (editor ? " and reviewer" : "a reviewer") : "", want);
	if (got != want)
		printf("#   got %d: %s\n", got, buf_str(&msg));
	buf_free(&msg);
}

/* A set of two projects' reports and values, made by hand. */
static void
rolls(void)
{
	ResultReport rep[] = {
		{ .id = 1,
		    .project_id = 10,
		    .period = "2025-Q1",
		    .period_start = "2025-01-01",
		    .period_end = "2025-03-31",
		    .status = "approved" },
		{ .id = 2,
		    .project_id = 10,
		    .period = "2025-Q2",
		    .period_start = "2025-04-01",
		    .period_end = "2025-06-30",
		    .status = "approved" },
		{ .id = 3,
		    .project_id = 10,
		    .period = "2025-Q3",
		    .period_start = "2025-07-01",
		    .period_end = "2025-09-30",
		    .status = "submitted" },
		{ .id = 4,
		    .project_id = 20,
		    .period = "2025-H1",
		    .period_start = "2025-01-01",
		    .period_end = "2025-06-30",
		    .status = "approved" },
	};
	Result res[] = { { .id = 5, .project_id = 10, .level = "output" },
		{ .id = 6, .project_id = 20, .level = "output" } };
	Indicator ind[] = {
		{ .id = 7,
		    .result_id = 5,
		    .name = "trained",
		    .unit = "People",
		    .aggregate = "sum",
		    .has_target = 1,
		    .target = 100000,
		    .categories = "female,male" },
		{ .id = 8,
		    .result_id = 5,
		    .name = "share",
		    .unit = "%",
		    .aggregate = "last",
		    .has_baseline = 1,
		    .baseline = 20000,
		    .has_target = 1,
		    .target = 60000,
		    .categories = "" },
		{ .id = 9,
		    .result_id = 6,
		    .name = "trained",
		    .unit = "people",
		    .aggregate = "sum",
		    .categories = "female,male" },
	};
	/* By report, indicator and category, as the store gives them. */
	ResultValue val[] = {
		{ 1, 7, "", 10000 },
		{ 1, 7, "female", 4000 },
		{ 1, 7, "male", 6000 },
		{ 1, 8, "", 25000 },
		{ 2, 7, "", 5000 },
		{ 2, 8, "", 30500 },
		{ 3, 7, "", 99000 },
		{ 3, 8, "", 90000 },
		{ 4, 9, "", 3000 },
		{ 4, 9, "female", 3000 },
	};
	ResultSet rs;
	RollWindow all = { 10, NULL, NULL },
		   q2 = { 10, "2025-04-01", "2025-06-30" };
	RollWindow none = { 30, NULL, NULL };
	ReportPeriod h1;
	RollTotal *t;
	Buf err = BUF_INIT;
	int64_t v = -1, pct = -1;
	size_t n;

	memset(&rs, 0, sizeof(rs));
	rs.report = rep;
	rs.nreport = 4;
	rs.result = res;
	rs.nresult = 2;
	rs.indicator = ind;
	rs.nindicator = 3;
	rs.value = val;
	rs.nvalue = sizeof(val) / sizeof(val[0]);
	CHECK(results_roll(&rs, &all, &ind[0], "", &v) == 1 && v == 15000,
	    "a sum indicator to date: the approved reports only, 10 + 5");
	CHECK(results_roll(&rs, &all, &ind[1], "", &v) == 1 && v == 30500,
	    "a last indicator to date: the latest approved value, 30.5");
	CHECK(results_roll(&rs, &q2, &ind[0], "", &v) == 1 && v == 5000,
	    "within a window: the second quarter only");
	CHECK(results_roll(&rs, &all, &ind[0], "female", &v) == 1 && v == 4000,
	    "a category: the reports that gave it");
	CHECK(results_roll(&rs, &none, &ind[0], "", &v) == 0,
	    "a project without reports: no value");
	CHECK(result_progress(&ind[0], 15000, &pct) == 1 && pct == 15,
	    "progress of a sum: 15 of 100 is 15%%");
	CHECK(result_progress(&ind[1], 30500, &pct) == 1 && pct == 26,
	    "progress of a level: (30.5 - 20) / (60 - 20) is 26%%");
	CHECK(result_progress(&ind[2], 3000, &pct) == 0,
	    "no target: no progress");
	report_period_parse("2025-H1", &h1, &err);
	n = results_totals(&rs, &h1, &t);
	CHECK(n == 1 && t[0].period == 18000 && t[0].to_date == 18000 &&
		t[0].indicators == 2 && t[0].projects == 2,
	    "totals by unit, its case folded: People + people, 15 + 3 in H1");
	CHECK(n == 1 && t[0].ncat == 2 && strcmp(t[0].cat[0], "female") == 0 &&
		t[0].cat_period[0] == 7000 && t[0].cat_period[1] == 6000,
	    "  and by category: female 4 + 3, male 6");
	free(t);
	buf_free(&err);
	/* Sums hold at the bounds of int64 instead of wrapping. */
	val[0].value = INT64_MAX - 10;
	val[4].value = 100;
	CHECK(results_roll(&rs, &all, &ind[0], "", &v) == 1 && v == INT64_MAX,
	    "a sum past the bounds of int64 is held there, not wrapped");
}

void
test_results(void)
{
	Buf err = BUF_INIT, b = BUF_INIT;
	char cat[RESULT_CATEGORY_MAX + 1];
	const char *q;

	period_is(
	    "2025-Q1", "2025-Q1", "2025-01-01", "2025-03-31", "quarterly");
	period_is(
	    "2025-q4", "2025-Q4", "2025-10-01", "2025-12-31", "quarterly");
	period_is("2025-H1", "2025-H1", "2025-01-01", "2025-06-30", "mid-year");
	period_is("2024-h2", "2024-H2", "2024-07-01", "2024-12-31",
	    "second half-year");
	period_is("2025", "2025", "2025-01-01", "2025-12-31", "end-of-year");
	period_refused("2025-Q5");
	period_refused("2025-H3");
	period_refused("2025-Q");
	period_refused("2025-Q12");
	period_refused("25");
	period_refused("2025-06");
	period_refused("1800");
	period_refused("");

	value_is("1250", 1250000, "1,250");
	value_is("1,250", 1250000, "1,250");
	value_is("12.5", 12500, "12.5");
	value_is("0.125", 125, "0.125");
	value_is("-3", -3000, "-3");
	value_is("1,234,567.891", 1234567891, "1,234,567.891");
	value_refused("12.3456", "three decimals");
	value_refused("1,25", "not a number");
	value_refused("12,34.5", "not a number");
	value_refused("abc", "not a number");
	value_refused("", "not a number");
	value_refused("1.", "not a number");
	value_refused("99999999999999999", "too big");

	CHECK(result_categories_parse(" Female , male ", &b, &err) == 0 &&
		strcmp(buf_str(&b), "female,male") == 0,
	    "categories \" Female , male \" are female,male");
	CHECK(result_categories_parse("", &b, &err) == 0 && b.len == 0,
	    "no categories: \"\"");
	CHECK(result_categories_parse("female,Female", &b, &err) == -1,
	    "a category given twice is refused");
	CHECK(result_categories_parse("a,,b", &b, &err) == -1,
	    "an empty category is refused");
	CHECK(result_categories_parse("men & boys", &b, &err) == -1,
	    "a category of other characters is refused");
	CHECK(result_categories_parse("a,b,c,d,e,f,g,h,i,j,k,l,m", &b, &err) ==
		-1,
	    "thirteen categories are too many");
	CHECK(result_category_in("female,male", "male") &&
		!result_category_in("female,male", "mal") &&
		!result_category_in("female,male", ""),
	    "result_category_in matches whole keys only");
	q = "female,male";
	CHECK(result_category_next(&q, cat) && strcmp(cat, "female") == 0 &&
		result_category_next(&q, cat) && strcmp(cat, "male") == 0 &&
		!result_category_next(&q, cat),
	    "result_category_next walks the list");

	move("draft", "submitted", 1, 0, NULL, RESULT_OK);
	move("returned", "submitted", 1, 0, NULL, RESULT_OK);
	move("submitted", "draft", 1, 0, NULL, RESULT_OK);
	move("submitted", "approved", 0, 1, NULL, RESULT_OK);
	move("submitted", "returned", 0, 1, "say why", RESULT_OK);
	move("submitted", "returned", 0, 1, "", RESULT_INVALID);
	move("submitted", "returned", 0, 1, "   ", RESULT_INVALID);
	move("submitted", "approved", 1, 0, NULL, RESULT_FORBIDDEN);
	move("draft", "submitted", 0, 1, NULL, RESULT_FORBIDDEN);
	move("draft", "approved", 1, 1, NULL, RESULT_CONFLICT);
	move("approved", "draft", 1, 1, NULL, RESULT_CONFLICT);
	move("approved", "returned", 1, 1, "x", RESULT_CONFLICT);
	move("draft", "done", 1, 1, NULL, RESULT_INVALID);
	CHECK(result_status_open("draft") && result_status_open("returned") &&
		!result_status_open("submitted") &&
		!result_status_open("approved"),
	    "only a draft or a returned report takes changes");
	rolls();
	buf_free(&err);
	buf_free(&b);
}
