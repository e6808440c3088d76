/*
 * results_io.h - results in and out: a project's results framework and
 * reports as JSON, the progress reports that roll them up, and every
 * change to them, each in one transaction with its entry in the audit
 * trail under the rules of portfolio/results.h.
 *
 * Values go out as decimal strings ("1250", "12.5"), never as floating
 * point; they come in as strings or JSON numbers with at most three
 * decimals.
 *
 * The trail: subjects "result", "indicator" and "result_report" with
 * actions create, update and delete; a move of a report is an entry of
 * action "submitted", "draft", "returned" or "approved" (its note in the
 * values after), and an event of the report too.
 */
#ifndef CTM_IO_RESULTS_IO_H
#define CTM_IO_RESULTS_IO_H

#include <jansson.h>

#include "../portfolio/results.h"
#include "../store/store.h"
#include "project_commit.h"

/*
 * Who may see the reports of project that are not approved: the command
 * line (who NULL), reviewers, and those who may change the project.
 * 1, 0, or -1 when the store fails.
 */
int results_may_see_open(Store *s, const Account *who, int64_t project);

/*
 * The results of project_id for who: {"project", "results": [{"id",
 * "level", "outcome", "position", "statement", "demo", "indicators":
 * [{"id", "name", "unit", "aggregate", "baseline", "target",
 * "categories", "demo", "to_date", "progress"}]}], "reports": [{"id",
 * "period", "kind", "start", "end", "status", "narrative", "note",
 * "demo", "created_at", "updated_at", "values": [{"indicator", "value",
 * "by": {category: value}}], "events": [...]}]}, the reports who may not
 * see left out, the events (who moved a report, the notes of its returns)
 * only for those signed in, "to_date" and "progress" from approved
 * reports.  1 (*out
 * a new reference), 0 when there is no such project, -1.
 */
int results_json(
    Store *s, const Account *who, int64_t project_id, json_t **out, Buf *err);

/*
 * The progress report of working group wg (NULL: every project) for
 * period (a quarter, a half year or a year): per project with a results
 * framework its reports within the period and per indicator the value of
 * the period, the value to date and the progress; the totals of the "sum"
 * indicators by unit (of the period, and to date of every indicator
 * with a value to date, reported in the period or not); the counts of
 * projects reporting and not.  Approved values only; pending reports
 * counted for reviewers.  The working group is named in lang, English
 * where it has no name in lang or lang is NULL (JSON and CSV are English:
 * a table in the reader's language passes its own).  1 (*out a new
 * reference), 0 when wg names no working group (msg says so), -1 (a bad
 * period: msg; a store failure: err).
 */
int progress_json(Store *s, const Account *who, const char *wg,
    const char *period, const char *lang, json_t **out, Buf *msg, Buf *err);

/* The rows of a progress report (progress_json's) as CSV (RFC 4180). */
void progress_csv(json_t *report, Buf *out);

/*
 * Add (r->id 0), change (statement, outcome) or, when del, delete result
 * r on behalf of who.  For a new one r->project_id and r->level are set;
 * for a change, a statement NULL or an outcome_id -1 keeps what was.
 * COMMIT_CREATED (r->id set), COMMIT_OK, COMMIT_DELETED; or
 * COMMIT_NOT_FOUND, COMMIT_FORBIDDEN, RESULT_INVALID, RESULT_CONFLICT
 * (an approved report gives values for its indicators), COMMIT_BUSY,
 * COMMIT_FAILED; msg says why.
 */
int result_commit(Store *s, const Account *who, Result *r, int del, Buf *msg);

/*
 * The same for an indicator: new ones need in->result_id; a change keeps
 * its unit, aggregate and categories once an approved report gives a
 * value for it.  Baseline, target and categories come as typed (NULL or
 * "": none) in the arguments.
 */
typedef struct IndicatorInput {
	const char *name, *unit, *aggregate; /* NULL: unchanged (or "sum") */
	const char *baseline, *target;       /* NULL: unchanged; "": none */
	const char *categories;              /* NULL: unchanged; "": none */
	int demo;                            /* -1: unchanged */
} IndicatorInput;
int indicator_commit(Store *s, const Account *who, int64_t result_id,
    int64_t *id, const IndicatorInput *in, int del, Buf *msg);

/* One value as typed: the indicator, the category ("" the total). */
typedef struct ValueInput {
	int64_t indicator;
	const char *category;
	const char *value;
} ValueInput;

/*
 * Write the report of period for project on behalf of who: made as a
 * draft when there is none, else changed when it is a draft or returned.
 * narrative NULL: unchanged; values (nvalues, with set_values) replace
 * the report's values.  COMMIT_CREATED or COMMIT_OK with *id; or
 * COMMIT_NOT_FOUND, COMMIT_FORBIDDEN, RESULT_INVALID (a bad period, a
 * value, an indicator not of the project, categories that do not add up),
 * RESULT_CONFLICT (submitted or approved; a period overlapping another
 * report's), COMMIT_BUSY, COMMIT_FAILED; msg says why.
 */
typedef struct ReportInput {
	const char *period;
	const char *narrative;
	const ValueInput *values;
	size_t nvalues;
	int set_values;
	int demo;
} ReportInput;
int report_commit(Store *s, const Account *who, int64_t project,
    const ReportInput *in, int64_t *id, Buf *msg);

/*
 * Move report id to status to (with note, required to return) on behalf
 * of who, under the rules of portfolio/results.h.  COMMIT_OK, or the
 * codes of report_commit().
 */
int report_move_commit(Store *s, const Account *who, int64_t id, const char *to,
    const char *note, Buf *msg);

/* Delete report id (a draft or returned one).  COMMIT_DELETED or a code. */
int report_delete_commit(Store *s, const Account *who, int64_t id, Buf *msg);

/*
 * The report id of project's period, or of report id's project: the
 * lookups the command line and the pages make.  1, 0, -1.
 */
int report_find(
    Store *s, int64_t project, const char *period, int64_t *id, Buf *err);

/*
 * Set the thematic areas of project (keys, NULL-terminated, that exist)
 * on behalf of who.  COMMIT_OK or a code, msg says why.
 */
int project_areas_commit(Store *s, const Account *who, int64_t project,
    const char *const *keys, size_t n, Buf *msg);

#endif
