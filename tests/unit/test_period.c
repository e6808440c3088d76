/*
 * test_period.c - every period shape of the 2018 matrix, and some that
 * are not periods.
 */
#include "../../src/portfolio/period.h"
#include "test.h"

static void
period_is(
    const char *text, const char *start, const char *end, int open, int annual)
{
	Period p;
	int ok = period_parse(text, &p);

	CHECK(ok && strcmp(p.start, start) == 0 && strcmp(p.end, end) == 0 &&
		p.open_ended == open && p.annual == annual,
	    "period \"%s\" -> [%s, %s]%s%s (got %d [%s, %s] %d %d)", text,
	    start, end, open ? " open" : "", annual ? " annual" : "", ok,
	    p.start, p.end, p.open_ended, p.annual);
}

static void
not_period(const char *text)
{
	Period p;

	CHECK(!period_parse(text, &p) && p.start[0] == '\0',
	    "\"%s\" is not a period", text);
}

void
test_period(void)
{
	period_is("Jul. 2015–Jun. 2019", "2015-07", "2019-06", 0, 0);
	period_is("2016–2019", "2016", "2019", 0, 0);
	period_is("2018", "2018", "2018", 0, 0);
	period_is("Jan. 2017-Jul. 2017", "2017-01", "2017-07", 0, 0);
	period_is("25-27 Sep. 2017", "2017-09-25", "2017-09-27", 0, 0);
	period_is("since 2000", "2000", "", 1, 0);
	period_is("since Apr. 2017", "2017-04", "", 1, 0);
	period_is("Annual event", "", "", 0, 1);
	period_is("2016-ongoing", "2016", "", 1, 0);
	period_is("May 2017", "2017-05", "2017-05", 0, 0);
	period_is(
	    "30 October–1 November 2016", "2016-10-30", "2016-11-01", 0, 0);
	period_is("9–10 December 2016", "2016-12-09", "2016-12-10", 0, 0);
	period_is("28 Apr.–5 May 2016", "2016-04-28", "2016-05-05", 0, 0);
	period_is("Annual event. 2016, 2017 and 2018", "2016", "2018", 0, 1);
	period_is("2016, 2017", "2016", "2017", 0, 0);
	period_is("April 2016", "2016-04", "2016-04", 0, 0);
	period_is("6 Nov. 2015", "2015-11-06", "2015-11-06", 0, 0);
	period_is("Sept. 2014 to Oct. 2015", "2014-09", "2015-10", 0, 0);
	period_is("juin 2017", "2017-06", "2017-06", 0, 0);
	/* As reports of the other pillars write them. */
	period_is("Q1 2018", "2018-01", "2018-03", 0, 0);
	period_is("Q1–Q4 2018", "2018-01", "2018-12", 0, 0);
	period_is("Q3 2017 - Q2 2019", "2017-07", "2019-06", 0, 0);
	period_is("TBD", "", "", 0, 0);
	period_is("To be determined", "", "", 0, 0);
	period_is("2018–TBD", "2018", "", 0, 0);
	period_is("Ongoing", "", "", 1, 0);
	period_is("Ongoing since 2015", "2015", "", 1, 0);
	period_is("2017 onwards", "2017", "", 1, 0);
	period_is("until Dec. 2018", "", "2018-12", 0, 0);
	period_is("Biennial", "", "", 0, 0);
	period_is("Biennial event", "", "", 0, 0);
	period_is("Monthly", "", "", 0, 0);
	period_is("Annual event (since 2014)", "2014", "", 1, 1);
	period_is("2016–2018, Phase II", "2016", "2018", 0, 0);
	period_is("Phase II: 2018–2020", "2018", "2020", 0, 0);
	period_is("2018-2019 (tbc)", "2018", "2019", 0, 0);
	not_period("Phase II");
	not_period("Q5 2018");
	not_period("Q2–Q1 2018");
	not_period("FTFs");
	not_period("2019–2016");
	not_period("BSM programme");
	not_period("replication/contextualization of NET-MED Youth in Africa");
	not_period("12 Sep.");
	not_period("32 May 2017");
	not_period("");
	CHECK(period_looks_dated("FY2017/18") &&
		!period_looks_dated("Phase 12345"),
	    "period_looks_dated spots a year");
}
