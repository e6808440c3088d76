/*
 * results.c - results frameworks (outcomes, outputs, indicators), the
 * reports of their values per period and the moves of those reports (see
 * store.h).
 *
 * Not for the rules (who writes, what an approved report locks, how
 * values add up): they live in portfolio/results.c, and io/results_io.c
 * applies them with the audit trail in the same transaction as these
 * writes.
 *
 * Loading selects projects once, in a temporary list the other queries
 * join, so that each list is one statement in the order of its index.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "store_int.h"

/*
 * The projects a filter selects, by id: ?1 project, ?2 working group;
 * those with a results framework, or with a report ?4 lets be seen (all,
 * or the approved ones only: a draft says nothing of itself, not even
 * that its project reports).
 */
#define RESULT_PROJECTS                                                        \
	"SELECT p.id FROM project p WHERE (?1 = 0 OR p.id = ?1)"               \
	" AND (CAST(?2 AS text) IS NULL OR EXISTS (SELECT 1"                   \
	" FROM project_area pa"                                                \
	" JOIN working_group_area wa ON wa.thematic_area_id ="                 \
	" pa.thematic_area_id JOIN working_group w ON w.id ="                  \
	" wa.working_group_id AND w.key = ?2 WHERE pa.project_id = p.id))"     \
	" AND (EXISTS (SELECT 1 FROM result r WHERE r.project_id = p.id)"      \
	" OR EXISTS (SELECT 1 FROM result_report x"                            \
	" WHERE x.project_id = p.id AND (?4 = 0 OR x.status = 'approved')))"

/* The reports a filter selects: ?3 until (a day), ?4 approved only. */
#define RESULT_REPORTS                                                         \
	"SELECT rr.id FROM result_report rr WHERE rr.project_id IN "           \
	"(" RESULT_PROJECTS                                                    \
	") AND (CAST(?3 AS text) IS NULL OR rr.period_end <= ?3)"              \
	" AND (?4 = 0 OR rr.status = 'approved')"

/*
 * Bind f to a statement of the projects or the reports: ?1 to ?4 (a
 * statement of the projects names no ?3, which SQLite binds all the same).
 */
static int
bind_filter(DbStmt *st, const ResultFilter *f)
{
	return db_bind(st, "itti", f->project, f->wg, f->until,
	    (int64_t)(f->approved != 0));
}

/* Grow a list of n items of size sz to hold one more; the new item. */
static void *
grow(void *list, size_t *n, size_t *cap, size_t sz)
{
	char **l = list;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*l = xrealloc(*l, *cap * sz);
	}
	memset(*l + *n * sz, 0, sz);
	return *l + (*n)++ * sz;
}

/* Column i as a string the set owns; NULL stays NULL when null is set. */
static const char *
keep(ResultSet *rs, DbStmt *st, int i, int null)
{
	const char *t = null ? db_text_or_null(st, i) : db_text(st, i);

	if (t == NULL)
		return NULL;
	if (rs->nowned == rs->capowned) {
		rs->capowned = rs->capowned ? rs->capowned * 2 : 64;
		rs->owned =
		    xrealloc(rs->owned, rs->capowned * sizeof(*rs->owned));
	}
	return rs->owned[rs->nowned++] = xstrdup(t);
}

static int
load_projects(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT p.id, coalesce(p.serial, -1), p.title,"
	    " coalesce((SELECT coalesce(g.key, o.name) FROM project_org o"
	    " LEFT JOIN organisation g ON g.id = o.organisation_id"
	    " WHERE o.project_id = p.id ORDER BY o.position LIMIT 1), ''),"
	    " coalesce(pl.key, '') FROM project p"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE p.id IN (" RESULT_PROJECTS ") ORDER BY p.id",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || bind_filter(st, f) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ResultProject *p = grow(
		    &rs->project, &rs->nproject, &cap, sizeof(*rs->project));

		p->id = db_int(st, 0);
		p->serial = db_int(st, 1);
		p->title = keep(rs, st, 2, 0);
		p->lead = keep(rs, st, 3, 0);
		p->pillar = keep(rs, st, 4, 0);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

static int
load_results(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, project_id, coalesce(outcome_id, 0), level, position,"
	    " statement, demo FROM result WHERE project_id IN (" RESULT_PROJECTS
	    ") ORDER BY project_id, position",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || bind_filter(st, f) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		Result *r =
		    grow(&rs->result, &rs->nresult, &cap, sizeof(*rs->result));

		r->id = db_int(st, 0);
		r->project_id = db_int(st, 1);
		r->outcome_id = db_int(st, 2);
		r->level = keep(rs, st, 3, 0);
		r->position = db_int(st, 4);
		r->statement = keep(rs, st, 5, 0);
		r->demo = db_int(st, 6) != 0;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

static int
load_indicators(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT i.id, i.result_id, i.position, i.name, i.unit,"
	    " i.aggregate, i.baseline IS NOT NULL, coalesce(i.baseline, 0),"
	    " i.target IS NOT NULL, coalesce(i.target, 0), i.categories,"
	    " i.demo FROM indicator i JOIN result r ON r.id = i.result_id"
	    " WHERE r.project_id IN (" RESULT_PROJECTS ")"
	    " ORDER BY r.project_id, r.position, i.position",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || bind_filter(st, f) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		Indicator *in = grow(&rs->indicator, &rs->nindicator, &cap,
		    sizeof(*rs->indicator));

		in->id = db_int(st, 0);
		in->result_id = db_int(st, 1);
		in->position = db_int(st, 2);
		in->name = keep(rs, st, 3, 0);
		in->unit = keep(rs, st, 4, 0);
		in->aggregate = keep(rs, st, 5, 0);
		in->has_baseline = db_int(st, 6) != 0;
		in->baseline = db_int(st, 7);
		in->has_target = db_int(st, 8) != 0;
		in->target = db_int(st, 9);
		in->categories = keep(rs, st, 10, 0);
		in->demo = db_int(st, 11) != 0;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

static int
load_reports(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, project_id, period, period_start, period_end, status,"
	    " narrative, note, demo, created_at, updated_at"
	    " FROM result_report WHERE id IN (" RESULT_REPORTS ")"
	    " ORDER BY project_id, period_start",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || bind_filter(st, f) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ResultReport *r =
		    grow(&rs->report, &rs->nreport, &cap, sizeof(*rs->report));

		r->id = db_int(st, 0);
		r->project_id = db_int(st, 1);
		r->period = keep(rs, st, 2, 0);
		r->period_start = keep(rs, st, 3, 0);
		r->period_end = keep(rs, st, 4, 0);
		r->status = keep(rs, st, 5, 0);
		r->narrative = keep(rs, st, 6, 0);
		r->note = keep(rs, st, 7, 0);
		r->demo = db_int(st, 8) != 0;
		r->created_at = keep(rs, st, 9, 0);
		r->updated_at = keep(rs, st, 10, 0);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

static int
load_values(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT report_id, indicator_id, category, value FROM result_value"
	    " WHERE report_id IN (" RESULT_REPORTS ")"
	    " ORDER BY report_id, indicator_id, category",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || bind_filter(st, f) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ResultValue *v =
		    grow(&rs->value, &rs->nvalue, &cap, sizeof(*rs->value));

		v->report_id = db_int(st, 0);
		v->indicator_id = db_int(st, 1);
		v->category = keep(rs, st, 2, 0);
		v->value = db_int(st, 3);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

static int
load_events(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, report_id, from_status, to_status,"
	    " coalesce(account_id, 0), actor, at, note FROM result_event"
	    " WHERE report_id IN (" RESULT_REPORTS ") ORDER BY report_id, id",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || bind_filter(st, f) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ResultEvent *e =
		    grow(&rs->event, &rs->nevent, &cap, sizeof(*rs->event));

		e->id = db_int(st, 0);
		e->report_id = db_int(st, 1);
		e->from_status = keep(rs, st, 2, 1);
		e->to_status = keep(rs, st, 3, 0);
		e->account_id = db_int(st, 4);
		e->actor = keep(rs, st, 5, 0);
		e->at = keep(rs, st, 6, 0);
		e->note = keep(rs, st, 7, 0);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_results_load(Store *s, const ResultFilter *f, ResultSet *rs, Buf *err)
{
	if (load_projects(s, f, rs, err) != 0 ||
	    load_results(s, f, rs, err) != 0 ||
	    load_indicators(s, f, rs, err) != 0 ||
	    load_reports(s, f, rs, err) != 0 ||
	    load_values(s, f, rs, err) != 0 ||
	    (f->events && load_events(s, f, rs, err) != 0)) {
		result_set_free(rs);
		return -1;
	}
	return 0;
}

void
result_set_free(ResultSet *rs)
{
	for (size_t i = 0; i < rs->nowned; i++)
		free(rs->owned[i]);
	free(rs->owned);
	free(rs->project);
	free(rs->result);
	free(rs->indicator);
	free(rs->report);
	free(rs->value);
	free(rs->event);
	memset(rs, 0, sizeof(*rs));
}

int
store_results_owner(Store *s, int kind, int64_t id, int64_t *project, Buf *err)
{
	static const char sql_r[] =
	    "SELECT project_id FROM result WHERE id = ?";
	static const char sql_i[] =
	    "SELECT r.project_id FROM indicator i"
	    " JOIN result r ON r.id = i.result_id WHERE i.id = ?";
	static const char sql_p[] =
	    "SELECT project_id FROM result_report WHERE id = ?";
	DbStmt *st = db_prepare(s->db,
	    kind == 'r'       ? sql_r
		: kind == 'i' ? sql_i
			      : sql_p,
	    err);
	int rc;

	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		*project = db_int(st, 0);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int64_t
store_result_add(Store *s, const Result *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO result(project_id, outcome_id, level, position,"
	    " statement, demo) VALUES (?1, nullif(?2, 0), ?3,"
	    " (SELECT coalesce(max(position), 0) + 1 FROM result"
	    " WHERE project_id = ?1), ?4, ?5) RETURNING id",
	    err);

	if (st == NULL ||
	    db_bind(st, "iitti", r->project_id, r->outcome_id, r->level,
		r->statement, (int64_t)(r->demo != 0)) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

int
store_result_update(Store *s, const Result *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "UPDATE result SET statement = ?2, outcome_id = nullif(?3, 0)"
	    " WHERE id = ?1",
	    err);

	if (st == NULL ||
	    db_bind(st, "iti", r->id, r->statement, r->outcome_id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_result_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "UPDATE result SET outcome_id = NULL WHERE outcome_id = ?", err);

	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	st = db_prepare(s->db, "DELETE FROM result WHERE id = ?", err);
	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

/* Bind the fields of in from ?2 on (?1 is the key of the statement). */
static int
bind_indicator(DbStmt *st, const Indicator *in)
{
	if (db_bind_text(st, 2, in->name) != 0 ||
	    db_bind_text(st, 3, in->unit) != 0 ||
	    db_bind_text(st, 4, in->aggregate) != 0 ||
	    db_bind_text(st, 7, in->categories) != 0 ||
	    db_bind_int(st, 8, in->demo != 0) != 0)
		return -1;
	if (in->has_baseline ? db_bind_int(st, 5, in->baseline)
			     : db_bind_text(st, 5, NULL))
		return -1;
	if (in->has_target ? db_bind_int(st, 6, in->target)
			   : db_bind_text(st, 6, NULL))
		return -1;
	return 0;
}

int64_t
store_indicator_add(Store *s, const Indicator *in, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO indicator(result_id, position, name, unit, aggregate,"
	    " baseline, target, categories, demo) VALUES (?1,"
	    " (SELECT coalesce(max(position), 0) + 1 FROM indicator"
	    " WHERE result_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
	    err);

	if (st == NULL || db_bind_int(st, 1, in->result_id) != 0 ||
	    bind_indicator(st, in) != 0) {
		if (st != NULL)
			db_reset(st);
		return -1;
	}
	return store_returning_id(s, st, err);
}

int
store_indicator_update(Store *s, const Indicator *in, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "UPDATE indicator SET name = ?2, unit = ?3, aggregate = ?4,"
	    " baseline = ?5, target = ?6, categories = ?7, demo = ?8"
	    " WHERE id = ?1",
	    err);

	if (st == NULL || db_bind_int(st, 1, in->id) != 0 ||
	    bind_indicator(st, in) != 0) {
		if (st != NULL)
			db_reset(st);
		return -1;
	}
	if (store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_indicator_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "DELETE FROM indicator WHERE id = ?", err);

	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int64_t
store_results_locked(Store *s, int kind, int64_t id, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT count(*) FROM result_value v"
	    " JOIN result_report rr ON rr.id = v.report_id"
	    " AND rr.status IN ('approved', 'submitted')"
	    " JOIN indicator i ON i.id = v.indicator_id"
	    " WHERE (?1 = 'i' AND i.id = ?2) OR (?1 = 'r' AND i.result_id = "
	    "?2)",
	    err);
	char k[2] = { (char)kind, '\0' };
	int64_t n = -1;

	if (st == NULL || db_bind(st, "ti", k, id) != 0)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_int(st, 0);
	else
		store_fail(s, err);
	db_reset(st);
	return n;
}

int64_t
store_report_add(Store *s, const ResultReport *r, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO result_report(project_id, period, period_start,"
	    " period_end, status, narrative, note, demo, created_at,"
	    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?9, ?9)"
	    " RETURNING id",
	    err);
	int64_t id = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "itttttti", r->project_id, r->period, r->period_start,
		r->period_end, r->status, r->narrative, r->note,
		(int64_t)(r->demo != 0)) == 0 &&
	    db_bind_text(st, 9, buf_str(&now)) == 0)
		id = store_returning_id(s, st, err);
	else if (st != NULL)
		db_reset(st);
	buf_free(&now);
	return id;
}

int
store_report_update(Store *s, const ResultReport *r, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->db,
	    "UPDATE result_report SET narrative = ?2, status = ?3, note = ?4,"
	    " demo = ?5, updated_at = ?6 WHERE id = ?1",
	    err);
	int rc = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "itttit", r->id, r->narrative, r->status, r->note,
		(int64_t)(r->demo != 0), buf_str(&now)) == 0 &&
	    store_run(s, st, err) == 0)
		rc = db_changes(s->db) > 0;
	buf_free(&now);
	return rc;
}

int
store_report_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "DELETE FROM result_report WHERE id = ?", err);

	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_report_overlap(Store *s, int64_t project, const char *start,
    const char *end, int64_t except, Buf *period, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT period FROM result_report WHERE project_id = ?"
	    " AND period_start <= ? AND period_end >= ? AND id <> ?"
	    " ORDER BY period_start LIMIT 1",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "itti", project, end, start, except) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		buf_set(period, db_text(st, 0));
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_report_values_set(
    Store *s, int64_t report_id, const ResultValue *v, size_t n, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "DELETE FROM result_value WHERE report_id = ?", err);

	if (st == NULL || db_bind(st, "i", report_id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		st = db_prepare(s->db,
		    "INSERT INTO result_value(report_id, indicator_id,"
		    " category, value) VALUES (?, ?, ?, ?)",
		    err);
		if (st == NULL ||
		    db_bind(st, "iiti", report_id, v[i].indicator_id,
			v[i].category, v[i].value) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

int
store_result_event_add(Store *s, const ResultEvent *e, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO result_event(report_id, from_status, to_status,"
	    " account_id, actor, at, note) VALUES (?, ?, ?, nullif(?, 0), ?,"
	    " ?, ?)",
	    err);
	int rc = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "ittittt", e->report_id, e->from_status, e->to_status,
		e->account_id, e->actor, buf_str(&now), e->note) == 0)
		rc = store_run(s, st, err);
	buf_free(&now);
	return rc;
}

int
store_working_groups(
    Store *s, const char *lang, StoreRefFn fn, void *ctx, Buf *err)
{
	/* In lang, else in English, else the key (a NULL lang matches no
	 * row: English). */
	DbStmt *st = db_prepare(s->db,
	    "SELECT w.key, coalesce((SELECT name FROM working_group_name"
	    " WHERE working_group_id = w.id AND lang = ?), n.name, w.key)"
	    " FROM working_group w"
	    " LEFT JOIN working_group_name n ON n.working_group_id = w.id"
	    " AND n.lang = 'en' ORDER BY w.id",
	    err);

	if (st == NULL || db_bind_text(st, 1, lang) != 0)
		return -1;
	return store_ref_rows(s, st, fn, ctx, err);
}

int
store_project_areas(
    Store *s, int64_t project_id, StoreRefFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT a.key, coalesce(n.name, a.key) FROM project_area pa"
	    " JOIN thematic_area a ON a.id = pa.thematic_area_id"
	    " LEFT JOIN thematic_area_name n ON n.thematic_area_id = a.id"
	    " AND n.lang = 'en' WHERE pa.project_id = ? ORDER BY a.id",
	    err);

	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -1;
	return store_ref_rows(s, st, fn, ctx, err);
}
