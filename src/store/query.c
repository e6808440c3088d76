/*
 * query.c - reading projects back: one by id, or a filtered, sorted,
 * paginated list (see store.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "filter.h"
#include "store_int.h"

/* The columns every project read selects, in the order row_read() wants. */
#define PROJECT_COLUMNS                                                        \
	"p.id, pl.key, p.serial, p.title, p.period_text, p.start_date,"        \
	" p.end_date, p.open_ended, p.annual, p.status, p.status_text,"        \
	" p.activities, p.scope_text, p.source_file, p.source_line,"           \
	" p.created_at, p.updated_at, p.source_key, p.as_of, p.scopes"

static char *
col_str(DbStmt *st, int i)
{
	return db_is_null(st, i) ? NULL : xstrdup(db_text(st, i));
}

static void
row_read(DbStmt *st, Project *p)
{
	p->id = db_int(st, 0);
	p->pillar = col_str(st, 1);
	p->has_serial = !db_is_null(st, 2);
	p->serial = db_int(st, 2);
	p->title = col_str(st, 3);
	p->period_text = col_str(st, 4);
	p->start_date = col_str(st, 5);
	p->end_date = col_str(st, 6);
	p->open_ended = (int)db_int(st, 7);
	p->annual = (int)db_int(st, 8);
	p->status = col_str(st, 9);
	p->status_text = col_str(st, 10);
	p->activities = col_str(st, 11);
	p->scope_text = col_str(st, 12);
	p->source_file = col_str(st, 13);
	p->source_line = db_int(st, 14);
	p->created_at = col_str(st, 15);
	p->updated_at = col_str(st, 16);
	p->source_key = col_str(st, 17);
	p->as_of = col_str(st, 18);
	p->scopes = (int)db_int(st, 19);
}

/* Fill in entities, places, scope and issues of p (p->id set). */
static int
links_read(Store *s, Project *p, Buf *err)
{
	DbStmt *st;
	int rc;

	st = db_prepare(s->db,
	    "SELECT po.name, o.key, o.id FROM project_org po"
	    " LEFT JOIN organisation o ON o.id = po.organisation_id"
	    " WHERE po.project_id = ? ORDER BY po.position",
	    err);
	if (st == NULL || db_bind(st, "i", p->id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ProjectOrg *o;

		p->orgs = xrealloc(p->orgs, (p->norgs + 1) * sizeof(*o));
		o = &p->orgs[p->norgs++];
		o->name = col_str(st, 0);
		o->key = col_str(st, 1);
		o->org_id = db_int(st, 2);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);

	st = db_prepare(s->db,
	    "SELECT pp.name, pl.key, pl.kind, pl.id, pp.organisation_id"
	    " FROM project_place pp LEFT JOIN place pl ON pl.id = pp.place_id"
	    " WHERE pp.project_id = ? ORDER BY pp.position",
	    err);
	if (st == NULL || db_bind(st, "i", p->id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ProjectPlace *q;

		p->places = xrealloc(p->places, (p->nplaces + 1) * sizeof(*q));
		q = &p->places[p->nplaces++];
		q->name = col_str(st, 0);
		q->key = col_str(st, 1);
		q->kind = col_str(st, 2);
		q->place_id = db_int(st, 3);
		q->org_id = db_int(st, 4);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);

	st = db_prepare(s->db,
	    "SELECT kind, message FROM project_issue WHERE project_id = ?"
	    " ORDER BY rowid",
	    err);
	if (st == NULL || db_bind(st, "i", p->id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		ProjectIssue *is;

		p->issues = xrealloc(p->issues, (p->nissues + 1) * sizeof(*is));
		is = &p->issues[p->nissues++];
		is->kind = col_str(st, 0);
		is->message = col_str(st, 1);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_project_get(Store *s, int64_t id, Project *p, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT " PROJECT_COLUMNS " FROM project p"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id WHERE p.id = ?",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		row_read(st, p);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	if (rc == DB_DONE)
		return 0;
	if (links_read(s, p, err) != 0) {
		project_clear(p);
		return -1;
	}
	return 1;
}

void
project_clear(Project *p)
{
	free(p->source_key);
	free(p->source_digest);
	free(p->pillar);
	free(p->title);
	free(p->period_text);
	free(p->start_date);
	free(p->end_date);
	free(p->status);
	free(p->status_text);
	free(p->activities);
	free(p->scope_text);
	free(p->source_file);
	free(p->created_at);
	free(p->updated_at);
	free(p->as_of);
	for (size_t i = 0; i < p->norgs; i++) {
		free(p->orgs[i].name);
		free(p->orgs[i].key);
	}
	free(p->orgs);
	for (size_t i = 0; i < p->nplaces; i++) {
		free(p->places[i].name);
		free(p->places[i].key);
		free(p->places[i].kind);
	}
	free(p->places);
	for (size_t i = 0; i < p->nissues; i++) {
		free(p->issues[i].kind);
		free(p->issues[i].message);
	}
	free(p->issues);
	memset(p, 0, sizeof(*p));
}

/* ORDER BY text for a sort name; the names are checked by the caller. */
static const char *
list_order(const char *sort)
{
	if (sort == NULL || strcmp(sort, "pillar") == 0)
		return " ORDER BY p.pillar_id, p.serial, p.id";
	if (strcmp(sort, "serial") == 0)
		return " ORDER BY p.serial, pl.number, p.id";
	if (strcmp(sort, "title") == 0)
		return " ORDER BY p.title COLLATE NOCASE, p.id";
	if (strcmp(sort, "status") == 0)
		return " ORDER BY p.status, pl.number, p.serial, p.id";
	if (strcmp(sort, "start") == 0)
		return " ORDER BY p.start_date IS NULL, p.start_date, p.id";
	return " ORDER BY p.id";
}

static int
list_count(Store *s, const FilterSql *fs, int64_t *total, Buf *err)
{
	Buf sql = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	buf_printf(&sql, "SELECT count(*) FROM project p WHERE 1%s",
	    buf_str(&fs->where));
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	filter_sql_bind(fs, st, 1);
	if (db_step(st) == DB_ROW) {
		*total = db_int(st, 0);
		rc = 0;
	} else {
		store_fail(s, err);
	}
	db_finalize(st);
out:
	buf_free(&sql);
	return rc;
}

int
store_project_list(Store *s, const ProjectFilter *f, StoreProjectFn fn,
    void *ctx, int64_t *total, Buf *err)
{
	FilterSql fs;
	Buf sql = BUF_INIT;
	DbStmt *st = NULL;
	int rc = -1, step;

	filter_sql_build(&fs, f);
	if (total != NULL && list_count(s, &fs, total, err) != 0)
		goto out;
	if (f != NULL && (f->limit > 0 || f->offset > 0)) {
		/*
		 * A page: sort and cut the ids first, then read the wide rows
		 * of just those, so the sort never carries whole projects.
		 */
		buf_printf(&sql,
		    "SELECT " PROJECT_COLUMNS " FROM (SELECT p.id AS pid"
		    " FROM project p LEFT JOIN pillar pl ON pl.id = p.pillar_id"
		    " WHERE 1%s%s LIMIT %lld OFFSET %lld) page"
		    " JOIN project p ON p.id = page.pid"
		    " LEFT JOIN pillar pl ON pl.id = p.pillar_id%s",
		    buf_str(&fs.where), list_order(f->sort),
		    f->limit > 0 ? (long long)f->limit : -1LL,
		    (long long)f->offset, list_order(f->sort));
	} else {
		buf_printf(&sql,
		    "SELECT " PROJECT_COLUMNS " FROM project p"
		    " LEFT JOIN pillar pl ON pl.id = p.pillar_id WHERE 1%s%s",
		    buf_str(&fs.where), list_order(f ? f->sort : NULL));
	}
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	filter_sql_bind(&fs, st, 1);
	while ((step = db_step(st)) == DB_ROW) {
		Project p;
		int stop;

		memset(&p, 0, sizeof(p));
		row_read(st, &p);
		if (links_read(s, &p, err) != 0) {
			project_clear(&p);
			goto out;
		}
		stop = fn(ctx, &p);
		project_clear(&p);
		if (stop)
			break;
	}
	if (step == DB_ERROR) {
		store_fail(s, err);
		goto out;
	}
	rc = 0;
out:
	db_finalize(st);
	buf_free(&sql);
	filter_sql_free(&fs);
	return rc;
}
