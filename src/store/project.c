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
		"DELETE FROM project_issue WHERE project_id = ?",
	};

	return store_run_each(s, sql, sizeof(sql) / sizeof(sql[0]), id, err);
}

/*
 * The years of the period, for statistics by year: 1 and *from, *to, or 0
 * when it has none.  Open ends run to the date the source speaks for, or
 * to now.
 */
static int
project_years(const Project *p, int *from, int *to)
{
	if (p->start_date == NULL && p->end_date == NULL)
		return 0;
	*from = atoi(p->start_date ? p->start_date : p->end_date);
	*to = atoi(p->end_date ? p->end_date : p->start_date);
	if (p->open_ended && p->end_date == NULL) {
		time_t t = time(NULL);
		struct tm tm;

		gmtime_r(&t, &tm);
		*to = p->as_of ? atoi(p->as_of) : tm.tm_year + 1900;
		if (*to < *from)
			*to = *from;
	}
	return *from >= 1900 && *to <= 2200 && *to >= *from;
}

static int
project_write_row(Store *s, Project *p, const char *now, Buf *err)
{
	DbStmt *st;
	int from, to;

	if (p->id == 0) {
		/* It takes the next id: those given must be taken already. */
		if (store_ids_settle(s, err) != 0)
			return -1;
		s->last_id = 0;
		st = db_prepare(s->db,
		    "INSERT INTO project(source_key, source_digest, pillar_id,"
		    " serial, title, period_text, start_date, end_date,"
		    " open_ended, annual, status, status_text, activities,"
		    " scope_text, source_file, source_line, created_at,"
		    " updated_at, as_of, scopes, year_from, year_to)"
		    " VALUES (?1, ?2, (SELECT id FROM pillar WHERE key = ?3),"
		    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
		    " ?16, ?17, ?17, ?19, ?20, ?21, ?22)",
		    err);
	} else {
		st = db_prepare(s->db,
		    "UPDATE project SET source_key = ?1, source_digest = ?2,"
		    " pillar_id = (SELECT id FROM pillar WHERE key = ?3),"
		    " serial = ?4, title = ?5, period_text = ?6,"
		    " start_date = ?7, end_date = ?8, open_ended = ?9,"
		    " annual = ?10, status = ?11, status_text = ?12,"
		    " activities = ?13, scope_text = ?14, source_file = ?15,"
		    " source_line = ?16, updated_at = ?17, as_of = ?19,"
		    " scopes = ?20, year_from = ?21, year_to = ?22"
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
	if (project_years(p, &from, &to)) {
		db_bind_int(st, 21, from);
		db_bind_int(st, 22, to);
	}
	if (store_run(s, st, err) != 0)
		return -1;
	if (p->id == 0)
		p->id = db_last_id(s->db);
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

static int project_write_issues(Store *s, const Project *p, Buf *err);

static int
project_write_links(Store *s, const Project *p, Buf *err)
{
	if (project_write_orgs(s, p, err) != 0 ||
	    project_write_places(s, p, err) != 0 ||
	    project_write_issues(s, p, err) != 0)
		return -1;
	return 0;
}

static int
project_write_issues(Store *s, const Project *p, Buf *err)
{
	DbStmt *st;

	if (p->nissues == 0)
		return 0;
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
	return 0;
}

/*
 * The search index is written at commit, not row by row: FTS5 flushes its
 * pending terms at every statement savepoint of a transaction that has
 * touched it, which made a bulk import write the index once per statement.
 * Rows wait in temporary tables, and store_commit() moves them in with one
 * statement each (store_index_flush); but for those of a bulk load on
 * SQLite, which go in one by one (index_now).  The index is contentless (it keeps
 * no copy of the text), so taking a project out of it means giving the
 * folded text it was indexed with: project_unindex() recomputes it from
 * the row before the row changes.
 *
 * On PostgreSQL the index is a table of tsvectors keyed by project
 * (schema_pg.sql), and what waits is a project's words, not its folded
 * text: the words as the SQLite index's tokenizer splits the folded text
 * (text_words), so that both find the same projects.
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

/* Append text as the index takes it: folded, or its words (PostgreSQL). */
static void
index_text(Store *s, const char *text, Buf *out)
{
	if (s->pg)
		text_words(text, out);
	else
		text_fold(text, out);
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
	index_text(s, title, &t);
	index_text(s, activities ? activities : "", &a);
	/* Unqualified, the temporary tables are found first, in both. */
	st = add ? db_prepare(s->db,
		       "INSERT INTO fts_add(id, title, activities)"
		       " VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE"
		       " SET title = excluded.title,"
		       " activities = excluded.activities",
		       err)
		 : db_prepare(s->db,
		       "INSERT INTO fts_del(id, title, activities)"
		       " VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
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
	 * (fts_del only takes a project's first, committed text).  On
	 * PostgreSQL a project's row of the index is replaced whole; one
	 * deleted since it was queued is not indexed again.
	 */
	return db_exec(s->db,
	    STORE_SQL(s,
		"INSERT INTO project_fts(project_fts, rowid, title, activities)"
		" SELECT 'delete', id, title, activities FROM temp.fts_del;"
		"INSERT INTO project_fts(rowid, title, activities)"
		" SELECT id, title, activities FROM temp.fts_add;"
		"DELETE FROM temp.fts_del; DELETE FROM temp.fts_add;",
		"DELETE FROM project_fts WHERE id IN (SELECT id FROM fts_del);"
		"INSERT INTO project_fts(id, words)"
		" SELECT id, array_to_tsvector(array_remove(string_to_array("
		"title || ' ' || activities, ' '), ''))"
		" FROM fts_add WHERE id IN (SELECT id FROM project)"
		" ON CONFLICT(id) DO UPDATE SET words = excluded.words;"
		"DELETE FROM fts_del; DELETE FROM fts_add;"),
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

/*
 * Adding many projects: their rows go in by the batch (store_int.h), the
 * values pointing into the projects, which outlive the flush.
 */
enum { BK_PROJECT, BK_ORG, BK_PLACE, BK_INDEX, BK_ISSUE, BK_WORDS, BK_N };

/* Rows queued for the search index before they go in (a segment each). */
#define FTS_FLUSH_ROWS 20000

static const BatchKind batch_kind[BK_N] = {
	[BK_PROJECT] = { STORE_BATCH_PROJECT,
	    "INSERT INTO project(id, source_key, source_digest,"
	    " pillar_id, serial, title, period_text, start_date,"
	    " end_date, open_ended, annual, status, status_text,"
	    " activities, scope_text, source_file, source_line,"
	    " created_at, updated_at, as_of, scopes,"
	    " gender_marker, year_from, year_to) VALUES ",
	    24, NULL },
	[BK_ORG] = { STORE_BATCH_ORG, ORG_INSERT, 5, NULL },
	[BK_PLACE] = { STORE_BATCH_PLACE, PLACE_INSERT, 5, NULL },
	[BK_INDEX] = { STORE_BATCH_INDEX,
	    "INSERT INTO fts_add(id, title, activities) VALUES ", 3,
	    " ON CONFLICT(id) DO UPDATE SET title = excluded.title,"
	    " activities = excluded.activities" },
	[BK_ISSUE] = { STORE_BATCH_ISSUE,
	    "INSERT INTO project_issue(project_id, kind, message) VALUES ", 3,
	    NULL },
	/* PostgreSQL, a bulk load only (batch_words): by COPY. */
	[BK_WORDS] = { STORE_BATCH_WORDS,
	    "INSERT INTO project_fts(id, words) VALUES ", 2, NULL },
};

/*
 * PostgreSQL, a load into an empty store: a new project's words go
 * straight into the index, a tsvector in its text form ('word' 'word'),
 * by COPY with the rest, not through fts_add and an INSERT of the lot
 * every so many rows: the server indexes them while the importer reads
 * on, where each INSERT (some 170 ms for 8,192 projects) had the
 * importer wait.  words[0..1]: the words of title and activities
 * (text_words); out must outlive the batch.
 */
static int
batch_words(
    Store *s, RowBatch *b, int64_t id, const Buf words[2], Buf *out, Buf *err)
{
	buf_reset(out);
	for (int k = 0; k < 2; k++)
		for (const char *w = buf_str(&words[k]); *w;) {
			size_t n = strcspn(w, " ");

			if (n > 0) {
				if (out->len > 0)
					buf_putc(out, ' ');
				filter_lexeme(out, w, n);
			}
			w += n;
			w += strspn(w, " ");
		}
	store_batch_int(b, id);
	store_batch_text(b, buf_str(out));
	return store_batch_row(s, b, err);
}

/*
 * The INSERT text for rows rows of b's kind, made once per connection.
 *
 * A bulk load on SQLite inserts OR FAIL: a row that fails leaves the
 * rows its statement wrote before it, where an INSERT undoes them.  To
 * undo them SQLite keeps a statement journal, a copy of every page the
 * statement writes that the transaction had written before; in a load's
 * one long transaction, that is nearly every page, and past 64 KiB the
 * journal goes to a temporary file: 122,148 writes to it for 100,000
 * projects of the annex, 7,200 with OR FAIL.  The load needs no undoing
 * of a statement, as it never goes on after a failure: its importers
 * roll the whole transaction back (store_bulk_begin).
 */
static const char *
batch_sql(Store *s, const BatchKind *k, int rows)
{
	int fail = s->bulk && !s->pg;
	char **sql = &s->batch_sql[fail][k->slot][rows];

	if (*sql == NULL) {
		Buf b = BUF_INIT;

		if (fail && strncmp(k->head, "INSERT INTO ", 12) == 0) {
			buf_puts(&b, "INSERT OR FAIL INTO ");
			buf_puts(&b, k->head + 12);
		} else {
			buf_puts(&b, k->head);
		}
		for (int r = 0; r < rows; r++) {
			buf_puts(&b, r ? ",(" : "(");
			for (int c = 0; c < k->ncol; c++)
				buf_puts(&b, c ? ",?" : "?");
			buf_putc(&b, ')');
		}
		if (k->tail != NULL)
			buf_puts(&b, k->tail);
		*sql = buf_detach(&b);
	}
	return *sql;
}

/* "table(columns)" of an INSERT's head, for COPY: made once. */
static const char *
batch_target(Store *s, const BatchKind *k)
{
	char **t = &s->batch_copy[k->slot];

	if (*t == NULL) {
		const char *from = k->head + strlen("INSERT INTO ");
		const char *to = strstr(from, " VALUES");

		*t = xstrndup(from, (size_t)(to - from));
	}
	return *t;
}

/* A value as COPY's text format writes it. */
static void
copy_value(Buf *out, const BatchVal *v)
{
	if (v->is_int) {
		buf_put_int(out, v->i);
		return;
	}
	if (v->text == NULL) {
		buf_puts(out, "\\N");
		return;
	}
	for (const char *p = v->text; *p;) {
		size_t n = strcspn(p, "\\\n\r\t");

		buf_append(out, p, n);
		p += n;
		switch (*p) {
		case '\0':
			continue;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		default:
			buf_puts(out, "\\t");
		}
		p++;
	}
}

/*
 * PostgreSQL, a load into an empty store: the rows go by COPY, which the
 * server takes in a fraction of the time of an INSERT of the same rows
 * (no statement to plan, no expression a value).  They wait in the
 * connection until anything else is asked of it (db_copy).  The rows of
 * the search index's queue too: their projects are new, so none is
 * there already, which the INSERT's ON CONFLICT is for.
 */
static int
batch_copy(Store *s, RowBatch *b, Buf *err)
{
	Buf rows = BUF_INIT;
	int ncol = b->kind->ncol, rc;

	for (int r = 0; r < b->rows; r++) {
		for (int c = 0; c < ncol; c++) {
			if (c > 0)
				buf_putc(&rows, '\t');
			copy_value(&rows, &b->v[r * ncol + c]);
		}
		buf_putc(&rows, '\n');
	}
	rc = db_copy(s->db, batch_target(s, b->kind), rows.s, rows.len, err);
	buf_free(&rows);
	b->rows = b->n = 0;
	return rc == 0 ? 0 : store_fail(s, err);
}

int
store_batch_flush(Store *s, RowBatch *b, Buf *err)
{
	DbStmt *st;

	if (b->rows == 0)
		return 0;
	if (s->pg && s->bulk)
		return batch_copy(s, b, err);
	st = db_prepare(s->db, batch_sql(s, b->kind, b->rows), err);
	if (st == NULL)
		return -1;
	for (int i = 0; i < b->n; i++) {
		if (b->v[i].is_int)
			db_bind_int(st, i + 1, b->v[i].i);
		else
			db_bind_text(st, i + 1, b->v[i].text);
	}
	b->rows = b->n = 0;
	return store_run(s, st, err);
}

void
store_batch_int(RowBatch *b, int64_t i)
{
	b->v[b->n++] = (BatchVal){ NULL, i, 1 };
}

void
store_batch_text(RowBatch *b, const char *t)
{
	b->v[b->n++] = (BatchVal){ t, 0, 0 };
}

int
store_batch_row(Store *s, RowBatch *b, Buf *err)
{
	return ++b->rows == STORE_BATCH_ROWS ? store_batch_flush(s, b, err) : 0;
}

static int64_t
pillar_id(Store *s, const char *key, Buf *err)
{
	if (key == NULL)
		return 0;
	return store_id_of(s, "SELECT id FROM pillar WHERE key = ?", key, err);
}

static void
batch_project(RowBatch *b, const Project *p, int64_t pillar, const char *now)
{
	int from, to;

	store_batch_int(b, p->id);
	store_batch_text(b, p->source_key);
	store_batch_text(b, p->source_digest);
	if (pillar > 0)
		store_batch_int(b, pillar);
	else
		store_batch_text(b, NULL);
	if (p->has_serial)
		store_batch_int(b, p->serial);
	else
		store_batch_text(b, NULL);
	store_batch_text(b, p->title);
	store_batch_text(b, p->period_text);
	store_batch_text(b, p->start_date);
	store_batch_text(b, p->end_date);
	store_batch_int(b, p->open_ended);
	store_batch_int(b, p->annual);
	store_batch_text(b, p->status);
	store_batch_text(b, p->status_text);
	store_batch_text(b, p->activities ? p->activities : "");
	store_batch_text(b, p->scope_text ? p->scope_text : "");
	store_batch_text(b, p->source_file);
	if (p->source_line > 0)
		store_batch_int(b, p->source_line);
	else
		store_batch_text(b, NULL);
	store_batch_text(b, now);
	store_batch_text(b, now);
	store_batch_text(b, p->as_of);
	store_batch_int(b, p->scopes);
	if (p->has_gender)
		store_batch_int(b, p->gender);
	else
		store_batch_text(b, NULL);
	if (project_years(p, &from, &to)) {
		store_batch_int(b, from);
		store_batch_int(b, to);
	} else {
		store_batch_text(b, NULL);
		store_batch_text(b, NULL);
	}
}

/*
 * SQLite, a bulk load: a new project's folded text straight into the
 * index, by a statement of its own, not through fts_add (index_queue).
 * The savepoint at which FTS5 writes its pending terms is that of a
 * statement that may fail half done, and a statement of one row into
 * the index may not: the terms of the whole load wait in memory, and
 * are written every so many (FTS5's hashsize), as when flushed from
 * fts_add; the rows' trip through that temporary table is saved.
 */
static int
index_now(Store *s, int64_t id, const Buf fold[2], Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO project_fts(rowid, title, activities)"
	    " VALUES (?, ?, ?)",
	    err);

	if (st == NULL ||
	    db_bind(st, "itt", id, buf_str(&fold[0]), buf_str(&fold[1])) != 0)
		return -1;
	return store_run(s, st, err);
}

/*
 * Links, issues and index rows of p (p->id set) into the batches;
 * fold[0..1] the index's text of its title and activities, fold[2] room
 * for its tsvector (batch_words).
 */
static int
batch_links(Store *s, RowBatch *bk, const Project *p, Buf fold[3], Buf *err)
{
	RowBatch *b;

	b = &bk[BK_ORG];
	for (size_t i = 0; i < p->norgs; i++) {
		store_batch_int(b, p->id);
		store_batch_int(b, (int64_t)i);
		if (p->orgs[i].org_id > 0)
			store_batch_int(b, p->orgs[i].org_id);
		else
			store_batch_text(b, NULL);
		store_batch_text(b, p->orgs[i].name);
		store_batch_text(b, i == 0 ? "lead" : "partner");
		if (store_batch_row(s, b, err) != 0)
			return -1;
	}
	b = &bk[BK_PLACE];
	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *pl = &p->places[i];

		store_batch_int(b, p->id);
		store_batch_int(b, (int64_t)i);
		if (pl->place_id > 0)
			store_batch_int(b, pl->place_id);
		else
			store_batch_text(b, NULL);
		if (pl->org_id > 0)
			store_batch_int(b, pl->org_id);
		else
			store_batch_text(b, NULL);
		store_batch_text(b, pl->name);
		if (store_batch_row(s, b, err) != 0)
			return -1;
	}
	b = &bk[BK_ISSUE];
	for (size_t i = 0; i < p->nissues; i++) {
		store_batch_int(b, p->id);
		store_batch_text(b, p->issues[i].kind);
		store_batch_text(b, p->issues[i].message);
		if (store_batch_row(s, b, err) != 0)
			return -1;
	}
	if (s->pg && s->bulk)
		return batch_words(
		    s, &bk[BK_WORDS], p->id, fold, &fold[2], err);
	if (s->bulk)
		return index_now(s, p->id, fold, err);
	b = &bk[BK_INDEX];
	store_batch_int(b, p->id);
	store_batch_text(b, buf_str(&fold[0]));
	store_batch_text(b, buf_str(&fold[1]));
	return store_batch_row(s, b, err);
}

/*
 * On PostgreSQL, the ids store_projects_add() gave are taken: the
 * identity's sequence is brought up to the last, so that a project added
 * later without an id (store_project_save) takes the next, not one of
 * these.  Once before that, and at the commit; not at every batch.  The
 * sequence does not roll back with a failed load: that leaves a gap in
 * the ids, never a clash.  0, or -1.
 */
int
store_ids_settle(Store *s, Buf *err)
{
	DbStmt *st;
	int rc;

	if (s->ids_taken == 0)
		return 0;
	st = db_prepare(s->db,
	    "SELECT setval(pg_get_serial_sequence('project', 'id'), ?)", err);
	if (st == NULL || db_bind(st, "i", s->ids_taken) != 0)
		return -1;
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, err);
	s->ids_taken = 0;
	return 0;
}

int
store_projects_add(Store *s, Project *const *ps, size_t n, Buf *err)
{
	RowBatch *bk = xcalloc(BK_N, sizeof(*bk));
	Buf now = BUF_INIT, (*fold)[3] = NULL;
	DbStmt *st;
	int64_t base = 0, pillar = 0;
	const char *pillar_key = NULL;
	int rc = -1;

	for (int k = 0; k < BK_N; k++)
		bk[k].kind = &batch_kind[k];
	store_now(&now);
	if (index_tables(s, err) != 0)
		goto out;
	/*
	 * The ids follow the highest: nobody else writes in this transaction
	 * (on PostgreSQL too: every writer holds db_pg.c's write lock).
	 */
	if (s->last_id > 0) {
		base = s->last_id;
	} else {
		st = db_prepare(
		    s->db, "SELECT coalesce(max(id), 0) FROM project", err);
		if (st == NULL)
			goto out;
		if (db_step(st) == DB_ROW)
			base = db_int(st, 0);
		db_reset(st);
	}
	fold = xcalloc(STORE_BATCH_ROWS, sizeof(*fold));
	for (size_t at = 0; at < n; at += STORE_BATCH_ROWS) {
		size_t m =
		    n - at < STORE_BATCH_ROWS ? n - at : STORE_BATCH_ROWS;

		/* The projects first: their links refer to them. */
		for (size_t i = 0; i < m; i++) {
			Project *p = ps[at + i];

			if (p->pillar != NULL &&
			    (pillar_key == NULL ||
				strcmp(pillar_key, p->pillar) != 0)) {
				if ((pillar = pillar_id(s, p->pillar, err)) < 0)
					goto out;
				pillar_key = p->pillar;
			}
			p->id = ++base;
			batch_project(&bk[BK_PROJECT], p,
			    p->pillar != NULL ? pillar : 0, buf_str(&now));
			bk[BK_PROJECT].rows++;
		}
		if (store_batch_flush(s, &bk[BK_PROJECT], err) != 0)
			goto out;
		for (size_t i = 0; i < m; i++) {
			Project *p = ps[at + i];

			buf_reset(&fold[i][0]);
			buf_reset(&fold[i][1]);
			if (p->fold_title != NULL && !s->pg)
				buf_puts(&fold[i][0], p->fold_title);
			else
				index_text(s,
				    p->fold_title ? p->fold_title : p->title,
				    &fold[i][0]);
			if (p->fold_activities != NULL && !s->pg)
				buf_puts(&fold[i][1], p->fold_activities);
			else if (p->fold_activities != NULL)
				index_text(s, p->fold_activities, &fold[i][1]);
			else
				index_text(s,
				    p->activities ? p->activities : "",
				    &fold[i][1]);
			if (batch_links(s, bk, p, fold[i], err) != 0)
				goto out;
		}
		for (int k = 0; k < BK_N; k++)
			if (store_batch_flush(s, &bk[k], err) != 0)
				goto out;
		if (!s->bulk)
			s->fts_queued += m;
	}
	/*
	 * Into the search index every so many rows: a bulk load indexes
	 * while its other thread still reads, not all at commit.
	 */
	if (s->fts_queued >= FTS_FLUSH_ROWS) {
		s->fts_queued = 0;
		if (store_index_flush(s, err) != 0)
			goto out;
	}
	if (n > 0) {
		s->last_id = base;
		if (s->pg)
			s->ids_taken = base;
	}
	rc = 0;
out:
	if (fold != NULL)
		for (size_t i = 0; i < STORE_BATCH_ROWS; i++) {
			buf_free(&fold[i][0]);
			buf_free(&fold[i][1]);
			buf_free(&fold[i][2]);
		}
	free(fold);
	free(bk);
	buf_free(&now);
	return rc;
}

int
store_reindex(Store *s, Buf *err)
{
	DbStmt *st;
	int rc, step;

	st = db_prepare(s->db,
	    "SELECT 1 FROM store_state WHERE key = 'reindex' AND value <> 0",
	    err);
	if (st == NULL)
		return -1;
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	if (rc == DB_DONE)
		return 0;
	if (store_begin(s, err) != 0)
		return -1;
	st = db_prepare_once(
	    s->db, "SELECT id, title, activities FROM project", err);
	if (st == NULL)
		goto fail;
	while ((step = db_step(st)) == DB_ROW) {
		if (index_queue(s, 1, db_int(st, 0), db_text(st, 1),
			db_text(st, 2), err) != 0) {
			db_finalize(st);
			goto fail;
		}
	}
	db_finalize(st);
	if (step == DB_ERROR) {
		store_fail(s, err);
		goto fail;
	}
	if (db_exec(s->db,
		"UPDATE store_state SET value = 0 WHERE key = 'reindex'",
		err) != 0 ||
	    store_commit(s, err) != 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

int
store_project_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st;

	if (project_unindex(s, id, err) != 0 ||
	    project_clear_links(s, id, err) != 0)
		return -1;
	st = db_prepare(s->db, "DELETE FROM project WHERE id = ?", err);
	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_project_has_entity(Store *s, int64_t id, const char *entity, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT EXISTS (SELECT 1 FROM project_org"
	    " WHERE project_id = ?1 AND organisation_id IN ("
	    "WITH RECURSIVE sub(id) AS (SELECT id FROM organisation"
	    " WHERE key = ?2 UNION SELECT o.id FROM organisation o JOIN sub"
	    " ON o.parent_id = sub.id) SELECT id FROM sub))",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "it", id, entity) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = (int)db_int(st, 0);
	else
		rc = store_fail(s, err);
	db_reset(st);
	return rc;
}
