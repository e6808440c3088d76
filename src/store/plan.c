/*
 * plan.c - plans of action, their revisions and the projects behind their
 * measures, in the database (see store.h).  A revision is kept as the
 * bytes it was delivered in; reading it is src/plan's.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "store_int.h"

void
plan_info_clear(PlanInfo *p)
{
	buf_free(&p->key);
	buf_free(&p->title);
	buf_free(&p->last_label);
	memset(p, 0, sizeof(*p));
}

void
plan_rev_clear(PlanRevInfo *r)
{
	buf_free(&r->label);
	buf_free(&r->filename);
	buf_free(&r->created_at);
	buf_free(&r->created_by);
	memset(r, 0, sizeof(*r));
}

int64_t
store_plan_put(Store *s, const char *key, const char *title, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st;
	int64_t id = -1;

	store_now(&now);
	st = db_prepare(s->db,
	    "INSERT INTO plan(key, title, created_at) VALUES (?, ?, ?)"
	    " ON CONFLICT(key) DO UPDATE SET title = excluded.title",
	    err);
	if (st != NULL && db_bind(st, "ttt", key, title, buf_str(&now)) == 0 &&
	    store_run(s, st, err) == 0) {
		st =
		    db_prepare(s->db, "SELECT id FROM plan WHERE key = ?", err);
		if (st != NULL && db_bind(st, "t", key) == 0 &&
		    db_step(st) == DB_ROW)
			id = db_int(st, 0);
		if (st != NULL)
			db_reset(st);
	}
	buf_free(&now);
	return id;
}

static void
plan_row(DbStmt *st, PlanInfo *p)
{
	p->id = db_int(st, 0);
	buf_set(&p->key, db_text(st, 1));
	buf_set(&p->title, db_text(st, 2));
	p->adopted_seq = (int)db_int(st, 3);
	p->nrev = (int)db_int(st, 4);
	buf_set(&p->last_label, db_text(st, 5));
}

int
store_plan_get(Store *s, const char *key, PlanInfo *p, Buf *err)
{
	static const char sql[] =
	    "SELECT p.id, p.key, p.title, coalesce(p.adopted_seq, 0),"
	    " (SELECT count(*) FROM plan_revision r WHERE r.plan_id = p.id),"
	    " coalesce((SELECT label FROM plan_revision r"
	    "  WHERE r.plan_id = p.id ORDER BY seq DESC LIMIT 1), '')"
	    " FROM plan p WHERE p.key = ?";
	DbStmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (st == NULL || db_bind(st, "t", key) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		plan_row(st, p);
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : rc == DB_ROW;
}

int
store_plans(Store *s, StorePlanFn fn, void *ctx, Buf *err)
{
	static const char sql[] = "SELECT p.id, p.key, p.title,"
				  " coalesce(p.adopted_seq, 0),"
				  " (SELECT count(*) FROM plan_revision r"
				  "  WHERE r.plan_id = p.id),"
				  " coalesce((SELECT label FROM plan_revision r"
				  "  WHERE r.plan_id = p.id"
				  "  ORDER BY seq DESC LIMIT 1), '')"
				  " FROM plan p ORDER BY p.key";
	DbStmt *st = db_prepare(s->db, sql, err);
	PlanInfo p;
	int rc;

	if (st == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	while ((rc = db_step(st)) == DB_ROW) {
		plan_row(st, &p);
		if (fn(ctx, &p) != 0)
			break;
	}
	db_reset(st);
	plan_info_clear(&p);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_plan_revision_add(Store *s, int64_t plan_id, const char *label,
    const char *filename, int markdown, const char *body, size_t n,
    const char *by, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st;
	int seq = -1;

	store_now(&now);
	st = db_prepare(s->db,
	    "INSERT INTO plan_revision(plan_id, seq, label, filename,"
	    " markdown, body, created_at, created_by)"
	    " SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?"
	    " FROM plan_revision WHERE plan_id = ?",
	    err);
	if (st == NULL ||
	    db_bind(st, "ittit", plan_id, label, filename, (int64_t)markdown,
		NULL) != 0 ||
	    db_bind_blob(st, 5, body, n) != 0 ||
	    db_bind_text(st, 6, buf_str(&now)) != 0 ||
	    db_bind_text(st, 7, by) != 0 || db_bind_int(st, 8, plan_id) != 0 ||
	    store_run(s, st, err) != 0)
		goto out;
	st = db_prepare(
	    s->db, "SELECT max(seq) FROM plan_revision WHERE plan_id = ?", err);
	if (st != NULL && db_bind(st, "i", plan_id) == 0 &&
	    db_step(st) == DB_ROW)
		seq = (int)db_int(st, 0);
	if (st != NULL)
		db_reset(st);
out:
	buf_free(&now);
	return seq;
}

static void
rev_row(DbStmt *st, PlanRevInfo *r)
{
	r->seq = (int)db_int(st, 0);
	buf_set(&r->label, db_text(st, 1));
	buf_set(&r->filename, db_text(st, 2));
	r->markdown = (int)db_int(st, 3);
	buf_set(&r->created_at, db_text(st, 4));
	buf_set(&r->created_by, db_text(st, 5));
	r->size = (size_t)db_int(st, 6);
}

int
store_plan_revisions(
    Store *s, int64_t plan_id, StorePlanRevFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT seq, label, filename, markdown, created_at, created_by,"
	    " length(body) FROM plan_revision WHERE plan_id = ? ORDER BY seq",
	    err);
	PlanRevInfo r;
	int rc;

	if (st == NULL || db_bind(st, "i", plan_id) != 0)
		return -1;
	memset(&r, 0, sizeof(r));
	while ((rc = db_step(st)) == DB_ROW) {
		rev_row(st, &r);
		if (fn(ctx, &r) != 0)
			break;
	}
	db_reset(st);
	plan_rev_clear(&r);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_plan_revision_get(
    Store *s, int64_t plan_id, int seq, PlanRevInfo *r, Buf *body, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT seq, label, filename, markdown, created_at, created_by,"
	    " length(body), body FROM plan_revision"
	    " WHERE plan_id = ? AND seq = ?",
	    err);
	const void *b;
	size_t n;
	int rc;

	if (st == NULL || db_bind(st, "ii", plan_id, (int64_t)seq) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		rev_row(st, r);
		b = db_blob(st, 7, &n);
		buf_reset(body);
		buf_append(body, b, n);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : rc == DB_ROW;
}

int
store_plan_adopt(Store *s, int64_t plan_id, int seq, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "UPDATE plan SET adopted_seq = ? WHERE id = ?", err);

	if (st == NULL ||
	    (seq > 0 ? db_bind(st, "ii", (int64_t)seq, plan_id)
		     : db_bind(st, "ni", plan_id)) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_plan_link(Store *s, int64_t plan_id, const char *measure,
    int64_t project_id, int on, Buf *err)
{
	DbStmt *st = on
	    ? db_prepare(s->db,
		  "INSERT INTO plan_measure_project"
		  "(plan_id, measure, project_id) VALUES (?, ?, ?)"
		  " ON CONFLICT DO NOTHING",
		  err)
	    : db_prepare(s->db,
		  "DELETE FROM plan_measure_project WHERE plan_id = ?"
		  " AND measure = ? AND project_id = ?",
		  err);

	if (st == NULL || db_bind(st, "iti", plan_id, measure, project_id) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_plan_links(
    Store *s, int64_t plan_id, StorePlanLinkFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT measure, project_id FROM plan_measure_project"
	    " WHERE plan_id = ? ORDER BY measure, project_id",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "i", plan_id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_text(st, 0), db_int(st, 1)) != 0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}
