/*
 * results.h - the rules of results: reporting periods, values, the
 * disaggregation of an indicator, the moves of a report between draft,
 * submitted, returned and approved, and how values add up over periods
 * and projects.
 *
 * Periods: a quarter "2025-Q2", a half year "2025-H1" (the first half:
 * a mid-year report) or a year "2025" (an end-of-year report).  A
 * project's reports never overlap: it reports by quarter, by half year or
 * by year, and a quarter inside a half year already reported is refused.
 *
 * Values are numbers with at most three decimals ("1,250", "12.5",
 * "-3"), kept as integer thousandths.  An indicator adds up over periods
 * by its aggregate: "sum" (what each period delivered: officials trained)
 * or "last" (a level that stands until the next value: a share in %).
 * A disaggregated indicator ("female,male") takes a value per category
 * besides its total; for a "sum" indicator, when every category is given,
 * they add up to the total (the total may be left out and is then their
 * sum).
 *
 * Progress against the target, in whole per cent:
 *
 *   sum    (baseline + the sum to date) / target;
 *   last   (the latest value - baseline) / (target - baseline),
 *          or value / target when there is no baseline.
 *
 * Moves of a report (who: "editor" may change the project, see
 * io/project_commit.h; "reviewer" is admin or secretariat):
 *
 *   draft     -> submitted   editor
 *   returned  -> submitted   editor
 *   submitted -> draft       editor (withdrawn, to change it)
 *   submitted -> approved    reviewer
 *   submitted -> returned    reviewer, with a note saying what to change
 *   approved                 locked: no move, no change, no deletion; nor
 *                            may an indicator it gives a value for be
 *                            deleted or change its unit, aggregate or
 *                            categories (nor, while it is under review,
 *                            one a submitted report gives a value for:
 *                            what the reviewer reads does not change).
 *
 * Only a draft or a returned report takes changes.  Who sees what: an
 * approved report is public; the others are seen by the project's
 * editors and by reviewers.  Progress reports roll up approved values
 * only.
 */
#ifndef CTM_PORTFOLIO_RESULTS_H
#define CTM_PORTFOLIO_RESULTS_H

#include "../store/store.h"

/* Limits of what a person types. */
#define RESULT_TEXT_MAX       4000 /* a statement, a narrative, a note */
#define RESULT_NAME_MAX       500  /* an indicator's name */
#define RESULT_UNIT_MAX       100
#define RESULT_CATEGORIES_MAX 12
#define RESULT_CATEGORY_MAX   32
/*
 * The largest value, in thousandths: a million million.  Sums of values
 * over periods, categories and projects stay far inside 64 bits.
 */
#define RESULT_VALUE_MAX 1000000000000000LL

/* What a refused change is, as the HTTP status that says it. */
enum {
	RESULT_OK = 0,
	RESULT_INVALID = 422,   /* the input is wrong: msg says which */
	RESULT_FORBIDDEN = 403, /* who asks may not */
	RESULT_CONFLICT = 409   /* locked, or not from this status */
};

typedef struct ReportPeriod {
	char key[8];    /* "2025-Q2", "2025-H1", "2025" */
	char start[11]; /* "2025-04-01" */
	char end[11];   /* "2025-06-30" */
	char kind;      /* 'Q', 'H' or 'Y' */
	int year, n;    /* n: the quarter or half; 0 for a year */
} ReportPeriod;

/* Read a period as typed (any case).  0, or -1 with a message in err. */
int report_period_parse(const char *text, ReportPeriod *p, Buf *err);

/* The report a period makes: "quarterly", "mid-year", "end-of-year". */
const char *report_period_name(const ReportPeriod *p);

/*
 * "1,234.5" as thousandths into *out, at most RESULT_VALUE_MAX either
 * side of zero: 0, or -1 with a message in err.
 */
int result_value_parse(const char *text, int64_t *out, Buf *err);
/* Thousandths as people read them: "1,234.5"; for machines: "1234.5". */
void result_value_format(int64_t v, Buf *out);
void result_value_decimal(int64_t v, Buf *out);

/*
 * A disaggregation as typed ("Female, male") into norm ("female,male"):
 * keys of letters, digits, '-' and '_', lower case, none repeated, at
 * most RESULT_CATEGORIES_MAX.  "" is none.  0, or -1 with a message.
 */
int result_categories_parse(const char *text, Buf *norm, Buf *err);
/*
 * The next category of a list ("female,male") at *q into cat, moving *q
 * past it: 1, or 0 at the end.
 */
int result_category_next(const char **q, char cat[RESULT_CATEGORY_MAX + 1]);
/* Is cat one of the categories of list ("female,male")? */
int result_category_in(const char *list, const char *cat);

/* Checks of a person's text: required (unless optional), UTF-8, limits. */
int result_text_ok(
    const char *what, const char *v, size_t max, int optional, Buf *msg);

int result_status_ok(const char *status);
int result_aggregate_ok(const char *aggregate);

/* May who review reports (approve, return)?  admin, secretariat, CLI. */
int result_may_review(const Account *who);

/*
 * May a report move from status from to status to, by someone who is an
 * editor of the project and/or a reviewer, with note (required to
 * return)?  RESULT_OK, or RESULT_FORBIDDEN / RESULT_CONFLICT /
 * RESULT_INVALID with a sentence in msg.
 */
int result_move_ok(const char *from, const char *to, int editor, int reviewer,
    const char *note, Buf *msg);

/* Does a report at status take changes (draft, returned)? */
int result_status_open(const char *status);

/*
 * Which reports a roll-up reads: the approved reports of project that
 * start on or after start and end on or before until (NULL: no bound).
 */
typedef struct RollWindow {
	int64_t project;
	const char *start, *until;
} RollWindow;

/*
 * The value of indicator in (category cat, "" the total) over the reports
 * of w in rs, oldest first, by the indicator's aggregate: their sum, or
 * the latest value.  1 with *out, or 0 when no report gave one.
 */
int results_roll(const ResultSet *rs, const RollWindow *w, const Indicator *in,
    const char *cat, int64_t *out);

/*
 * How project stands in a period, as progress reports count it: among its
 * reports that start within the period (rs holds none ending after it),
 * whether one is approved (it reports), whether one awaits approval, and
 * whether an approved one is a demonstration record.
 */
typedef struct PeriodStand {
	int approved, submitted, demo;
} PeriodStand;
void results_period_stand(const ResultSet *rs, int64_t project,
    const ReportPeriod *per, PeriodStand *st);

/*
 * The totals of the "sum" indicators of the projects of rs over a period,
 * by unit (case folded: "Officials trained" and "officials trained" add
 * up): the value of the period and to date (approved reports), the
 * indicators and projects behind it (an indicator counts once it has a
 * value to date, given in the period or not), and per category the value
 * of the period.  Categories beyond RESULT_TOTAL_CATS are left out.
 */
#define RESULT_TOTAL_CATS 24
typedef struct RollTotal {
	const char *unit; /* as the first indicator writes it (rs owns it) */
	int64_t indicators, projects;
	int64_t period, to_date; /* thousandths */
	size_t ncat;
	char cat[RESULT_TOTAL_CATS][RESULT_CATEGORY_MAX + 1];
	int64_t cat_period[RESULT_TOTAL_CATS];
	int64_t last_project; /* the last project counted */
} RollTotal;

/* The totals into a new list *out (free() it); their number. */
size_t results_totals(
    const ResultSet *rs, const ReportPeriod *per, RollTotal **out);

/*
 * Progress of an indicator at value v (the sum to date, or the latest
 * value) against its target, whole per cent into *pct: 1, or 0 when it
 * cannot be said (no target, or a target equal to the baseline).
 */
int result_progress(const Indicator *in, int64_t v, int64_t *pct);

#endif
