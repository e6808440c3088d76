/*
 * project.c - saving, reading and listing projects (see store.h).
 *
 * A project is one row of project plus its rows in the link tables
 * (entities, places, scope, years, issues) and its entry in the full-text
 * index.  Saving replaces all of them together, inside the caller's
 * transaction, so a project is never seen half-written.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "../text/fold.h"
#include "filter.h"
#include "store_int.h"

int64_t
store_project_by_source(Store *s, const char *source_key, Buf *digest, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, source_digest FROM project WHERE source_key = ?", err);
	int64_t id = 0;
	int rc;

	if (st == NULL || db_bind(st, "t", source_key) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		id = db_int(st, 0);
		if (digest != NULL)
			buf_set(digest, db_text(st, 1));
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : id;
}

/* Remove everything hanging off project id, before it is written anew. */
static int
project_clear_links(Store *s, int64_t id, Buf *err)
{
	static const char *const sql[] = {
		"DELETE FROM project_pillar WHERE project_id = ?",
		"DELETE FROM project_org WHERE project_id = ?",
		"DELETE FROM project_place WHERE project_id = ?",
		"DELETE FROM project_year WHERE project_id = ?",
		"DELETE FROM project_issue WHERE project_id = ?",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		DbStmt *st = db_prepare(s->db, sql[i], err);

		if (st == NULL || db_bind(st, "i", id) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

static int
project_write_row(Store *s, Project *p, const char *now, Buf *err)
{
	DbStmt *st;

	if (p->id == 0) {
		st = db_prepare(s->db,
		    "INSERT INTO project(source_key, source_digest, pillar_id,"
		    " serial, title, period_text, start_date, end_date,"
		    " open_ended, annual, status, status_text, activities,"
		    " scope_text, source_file, source_line, created_at,"
		    " updated_at, as_of, scopes) VALUES (?1, ?2,"
		    " (SELECT id FROM pillar WHERE key = ?3), ?4, ?5, ?6, ?7,"
		    " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17,"
		    " ?19, ?20)",
		    err);
	} else {
		st = db_prepare(s->db,
		    "UPDATE project SET source_key = ?1, source_digest = ?2,"
		    " pillar_id = (SELECT id FROM pillar WHERE key = ?3),"
		    " serial = ?4, title = ?5, period_text = ?6,"
		    " start_date = ?7, end_date = ?8, open_ended = ?9,"
		    " annual = ?10, status = ?11, status_text = ?12,"
		    " activities = ?13, scope_text = ?14, source_file = ?15,"
		    " source_line = ?16, updated_at = ?17, as_of = ?19, scopes "
		    "= ?20"
		    " WHERE id = ?18",
		    err);
	}
	if (st == NULL)
		return -1;
	if (db_bind(st, "ttt", p->source_key, p->source_digest, p->pillar) != 0)
		return -1;
	if (p->has_serial)
		db_bind_int(st, 4, p->serial);
	db_bind_text(st, 5, p->title);
	db_bind_text(st, 6, p->period_text);
	db_bind_text(st, 7, p->start_date);
	db_bind_text(st, 8, p->end_date);
	db_bind_int(st, 9, p->open_ended);
	db_bind_int(st, 10, p->annual);
	db_bind_text(st, 11, p->status);
	db_bind_text(st, 12, p->status_text);
	db_bind_text(st, 13, p->activities ? p->activities : "");
	db_bind_text(st, 14, p->scope_text ? p->scope_text : "");
	db_bind_text(st, 15, p->source_file);
	if (p->source_line > 0)
		db_bind_int(st, 16, p->source_line);
	db_bind_text(st, 17, now);
	if (p->id != 0)
		db_bind_int(st, 18, p->id);
	db_bind_text(st, 19, p->as_of);
	db_bind_int(st, 20, p->scopes);
	if (store_run(s, st, err) != 0)
		return -1;
	if (p->id == 0)
		p->id = db_last_id(s->db);
	return 0;
}

/* Years of the period, for statistics by year; open ends run to now. */
static int
project_write_years(Store *s, const Project *p, Buf *err)
{
	int from, to;
	time_t t = time(NULL);
	struct tm tm;
	DbStmt *st;

	if (p->start_date == NULL && p->end_date == NULL)
		return 0;
	from = atoi(p->start_date ? p->start_date : p->end_date);
	to = atoi(p->end_date ? p->end_date : p->start_date);
	if (p->open_ended && p->end_date == NULL) {
		/* Ongoing: to the date the source speaks for, else now. */
		gmtime_r(&t, &tm);
		to = p->as_of ? atoi(p->as_of) : tm.tm_year + 1900;
		if (to < from)
			to = from;
	}
	if (from < 1900 || to > 2200 || to < from)
		return 0;
	st = db_prepare(s->db,
	    "INSERT INTO project_year(project_id, year)"
	    " WITH RECURSIVE y(n) AS (SELECT ?2 UNION ALL"
	    " SELECT n + 1 FROM y WHERE n < ?3) SELECT ?1, n FROM y",
	    err);
	if (st == NULL ||
	    db_bind(st, "iii", p->id, (int64_t)from, (int64_t)to) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return 0;
}

/*
 * Entities and places go in up to four rows per statement: a bulk import
 * spends most of its time starting statements, not inserting rows.
 */
#define LINK_BATCH 4
#define V5         "(?, ?, ?, ?, ?)"
#define ORG_INSERT                                                             \
	"INSERT INTO project_org(project_id, position, organisation_id,"       \
	" name, role) VALUES "
#define PLACE_INSERT                                                           \
	"INSERT INTO project_place(project_id, position, place_id,"            \
	" organisation_id, name) VALUES "

static const char *const org_sql[LINK_BATCH + 1] = { NULL, ORG_INSERT V5,
	ORG_INSERT V5 "," V5, ORG_INSERT V5 "," V5 "," V5,
	ORG_INSERT V5 "," V5 "," V5 "," V5 };
static const char *const place_sql[LINK_BATCH + 1] = { NULL, PLACE_INSERT V5,
	PLACE_INSERT V5 "," V5, PLACE_INSERT V5 "," V5 "," V5,
	PLACE_INSERT V5 "," V5 "," V5 "," V5 };

static int
project_write_orgs(Store *s, const Project *p, Buf *err)
{
	for (size_t i = 0; i < p->norgs; i += LINK_BATCH) {
		size_t n =
		    p->norgs - i < LINK_BATCH ? p->norgs - i : LINK_BATCH;
		DbStmt *st = db_prepare(s->db, org_sql[n], err);

		if (st == NULL)
			return -1;
		for (size_t k = 0; k < n; k++) {
			const ProjectOrg *o = &p->orgs[i + k];
			int b = (int)k * 5;

			db_bind_int(st, b + 1, p->id);
			db_bind_int(st, b + 2, (int64_t)(i + k));
			if (o->org_id > 0)
				db_bind_int(st, b + 3, o->org_id);
			db_bind_text(st, b + 4, o->name);
			db_bind_text(
			    st, b + 5, i + k == 0 ? "lead" : "partner");
		}
		if (store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

static int
project_write_places(Store *s, const Project *p, Buf *err)
{
	for (size_t i = 0; i < p->nplaces; i += LINK_BATCH) {
		size_t n =
		    p->nplaces - i < LINK_BATCH ? p->nplaces - i : LINK_BATCH;
		DbStmt *st = db_prepare(s->db, place_sql[n], err);

		if (st == NULL)
			return -1;
		for (size_t k = 0; k < n; k++) {
			const ProjectPlace *pl = &p->places[i + k];
			int b = (int)k * 5;

			db_bind_int(st, b + 1, p->id);
			db_bind_int(st, b + 2, (int64_t)(i + k));
			if (pl->place_id > 0)
				db_bind_int(st, b + 3, pl->place_id);
			if (pl->org_id > 0)
				db_bind_int(st, b + 4, pl->org_id);
			db_bind_text(st, b + 5, pl->name);
		}
		if (store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

static int
project_write_links(Store *s, const Project *p, Buf *err)
{
	DbStmt *st;

	if (project_write_orgs(s, p, err) != 0 ||
	    project_write_places(s, p, err) != 0)
		return -1;
	st = db_prepare(s->db,
	    "INSERT INTO project_issue(project_id, kind, message)"
	    " VALUES (?, ?, ?)",
	    err);
	if (st == NULL)
		return -1;
	for (size_t i = 0; i < p->nissues; i++) {
		if (db_bind(st, "itt", p->id, p->issues[i].kind,
			p->issues[i].message) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return project_write_years(s, p, err);
}

/*
 * The search index is written at commit, not row by row: FTS5 flushes its
 * pending terms at every statement savepoint of a transaction that has
 * touched it, which made a bulk import write the index once per statement.
 * Rows wait in temporary tables, and store_commit() moves them in with one
 * statement each (store_index_flush).  The index is contentless (it keeps
 * no copy of the text), so taking a project out of it means giving the
 * folded text it was indexed with: project_unindex() recomputes it from
 * the row before the row changes.
 */
static int
index_tables(Store *s, Buf *err)
{
	if (s->fts_pending)
		return 0;
	if (db_exec(s->db,
		"CREATE TEMP TABLE IF NOT EXISTS fts_add ("
		" id INTEGER PRIMARY KEY, title TEXT, activities TEXT);"
		"CREATE TEMP TABLE IF NOT EXISTS fts_del ("
		" id INTEGER PRIMARY KEY, title TEXT, activities TEXT);",
		err) != 0)
		return -1;
	s->fts_pending = 1;
	return 0;
}

/* Queue the folded text of a project for the index (add) or out of it. */
static int
index_queue(Store *s, int add, int64_t id, const char *title,
    const char *activities, Buf *err)
{
	Buf t = BUF_INIT, a = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	if (index_tables(s, err) != 0)
		return -1;
	text_fold(title, &t);
	text_fold(activities ? activities : "", &a);
	st = add ? db_prepare(s->db,
		       "INSERT OR REPLACE INTO temp.fts_add(id, title,"
		       " activities) VALUES (?, ?, ?)",
		       err)
		 : db_prepare(s->db,
		       "INSERT OR IGNORE INTO temp.fts_del(id, title,"
		       " activities) VALUES (?, ?, ?)",
		       err);
	if (st != NULL && db_bind(st, "itt", id, buf_str(&t), buf_str(&a)) == 0)
		rc = store_run(s, st, err);
	buf_free(&t);
	buf_free(&a);
	return rc;
}

/* Take project id out of the index, unless it was only queued for it. */
static int
project_unindex(Store *s, int64_t id, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT title, activities FROM project WHERE id = ?", err);
	char *title = NULL, *act = NULL;
	int rc = 0;

	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	if (db_step(st) == DB_ROW) {
		title = xstrdup(db_text(st, 0));
		act = xstrdup(db_text(st, 1));
	}
	db_reset(st);
	if (title != NULL && act != NULL)
		rc = index_queue(s, 0, id, title, act, err);
	free(title);
	free(act);
	return rc;
}

int
store_index_flush(Store *s, Buf *err)
{
	if (!s->fts_pending)
		return 0;
	s->fts_pending = 0;
	/*
	 * A project queued for deletion was indexed before this transaction
	 * (fts_del only takes a project's first, committed text).
	 */
	return db_exec(s->db,
	    "INSERT INTO project_fts(project_fts, rowid, title, activities)"
	    " SELECT 'delete', id, title, activities FROM temp.fts_del;"
	    "INSERT INTO project_fts(rowid, title, activities)"
	    " SELECT id, title, activities FROM temp.fts_add;"
	    "DELETE FROM temp.fts_del; DELETE FROM temp.fts_add;",
	    err);
}

int
store_project_save(Store *s, Project *p, Buf *err)
{
	Buf now = BUF_INIT;
	int rc = -1;

	store_now(&now);
	if (p->id != 0 &&
	    (project_unindex(s, p->id, err) != 0 ||
		project_clear_links(s, p->id, err) != 0))
		goto out;
	if (project_write_row(s, p, buf_str(&now), err) != 0)
		goto out;
	if (project_write_links(s, p, err) != 0)
		goto out;
	rc = index_queue(s, 1, p->id, p->title, p->activities, err);
out:
	buf_free(&now);
	return rc;
}

int
store_annex_table_put(Store *s, const char *pillar, int64_t declared,
    int has_declared, const char *file, int64_t line, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO annex_table(pillar_id, declared, source_file,"
	    " source_line) SELECT id, ?2, ?3, ?4 FROM pillar WHERE key = ?1"
	    " ON CONFLICT(pillar_id) DO UPDATE SET declared = "
	    "excluded.declared,"
	    " source_file = excluded.source_file,"
	    " source_line = excluded.source_line",
	    err);

	if (st == NULL || db_bind(st, "t", pillar) != 0)
		return -1;
	if (has_declared)
		db_bind_int(st, 2, declared);
	db_bind_text(st, 3, file);
	db_bind_int(st, 4, line);
	return store_run(s, st, err);
}

int
store_source_notes_clear(Store *s, const char *file, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "DELETE FROM source_note WHERE source_file = ?", err);

	if (st == NULL || db_bind(st, "t", file) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_source_note_add(Store *s, const char *file, int64_t line,
    const char *kind, const char *message, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO source_note(source_file, line, kind, message)"
	    " VALUES (?, ?, ?, ?)",
	    err);

	if (st == NULL || db_bind(st, "titt", file, line, kind, message) != 0)
		return -1;
	return store_run(s, st, err);
}
