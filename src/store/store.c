/*
 * store.c - opening the database, migrations, transactions.
 *
 * The schema is src/store/schema.sql (schema_pg.sql on PostgreSQL, with
 * the same migrations), embedded in the binary.  It is cut into migrations at lines "-- @migration N title"; store_open() applies
 * every migration later than the database's schema_version, each in its
 * own transaction, so an interrupted upgrade leaves the database at the
 * last complete version.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "store_int.h"

#define MIGRATION_MARK "\n-- @migration "

/* The totals by place and of the portfolio counted (SQLite's; PostgreSQL
 * has its function total_fill()): schema.sql, migration 15. */
#define TOTAL_FILL                                                             \
	"DELETE FROM place_total;"                                             \
	" INSERT INTO place_total(place_id, projects, budgets, usd)"           \
	" SELECT pp.place_id, count(*), count(b.usd), coalesce(sum(b.usd), 0)" \
	" FROM project_place pp LEFT JOIN budget b"                            \
	" ON b.project_id = pp.project_id WHERE pp.place_id IS NOT NULL"       \
	" GROUP BY pp.place_id;"                                               \
	" DELETE FROM portfolio_total;"                                        \
	" INSERT INTO portfolio_total(one, projects, budgets, usd)"            \
	" SELECT 1, (SELECT count(*) FROM project), count(*),"                 \
	" coalesce(sum(usd), 0) FROM budget"

int
store_fail(Store *s, Buf *err)
{
	return store_fail_on(s->db, err);
}

int
store_fail_on(Db *db, Buf *err)
{
	buf_printf(err, "database: %s", db_errmsg(db));
	return -1;
}

char *
store_col_dup(DbStmt *st, int i)
{
	const char *t = db_text_or_null(st, i);

	return t ? xstrdup(t) : NULL;
}

int64_t
store_id_of(Store *s, const char *sql, const char *key, Buf *err)
{
	DbStmt *st = db_prepare(s->db, sql, err);
	int64_t id = 0;
	int rc;

	if (st == NULL || db_bind(st, "t", key) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		id = db_int(st, 0);
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : id;
}

int
store_run(Store *s, DbStmt *st, Buf *err)
{
	(void)s;
	/* st's own connection: account.c runs its statements on the
	 * primary while s->db is the reader. */
	if (db_step(st) == DB_ERROR) {
		store_fail_on(db_stmt_db(st), err);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	return 0;
}

int
store_pending_flush(Store *s, Buf *err)
{
	return store_index_flush(s, err);
}

int
store_run_each(Store *s, const char *const *sql, size_t n, int64_t id, Buf *err)
{
	for (size_t i = 0; i < n; i++) {
		DbStmt *st = db_prepare(s->db, sql[i], err);

		if (st == NULL || db_bind(st, "i", id) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

/* The schema version the connection db sees (0 when none). */
static int
version_on(Db *db)
{
	Buf err = BUF_INIT;
	DbStmt *st;
	int v = 0;

	st = db_prepare(db, "SELECT version FROM schema_version", &err);
	if (st != NULL && db_step(st) == DB_ROW)
		v = (int)db_int(st, 0);
	if (st != NULL)
		db_reset(st);
	buf_free(&err);
	return v;
}

int
store_schema_version(Store *s)
{
	return version_on(s->db);
}

/*
 * The version of the schema, asked inside the writer's transaction: 0 when
 * schema_version is not there yet (looked for in the catalogue, as a
 * failed statement would spoil the transaction on PostgreSQL), -1 on
 * failure.
 */
static int
store_version_now(Store *s, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    STORE_SQL(s,
		"SELECT count(*) FROM sqlite_schema"
		" WHERE type = 'table' AND name = 'schema_version'",
		"SELECT count(*) FROM pg_tables WHERE tablename ="
		" 'schema_version' AND schemaname = current_schema()"),
	    err);
	int rc, have;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	have = rc == DB_ROW && db_int(st, 0) > 0;
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, err);
	return have ? store_schema_version(s) : 0;
}

/*
 * Apply one migration: the text between this mark and the next.  The SQL is
 * run as a batch inside a transaction with the version bump.  Another
 * process may have applied it while this one waited for the write lock
 * (two commands or servers opening a new database at once): the version
 * is asked again inside the transaction, and a migration applied is not
 * applied twice.
 */
static int
store_migrate_one(Store *s, int version, const char *sql, size_t len, Buf *err)
{
	Buf text = BUF_INIT;
	int rc = -1, now;

	buf_append(&text, sql, len);
	buf_printf(&text,
	    "\nDELETE FROM schema_version;"
	    "\nINSERT INTO schema_version(version) VALUES (%d);\n",
	    version);
	if (db_begin(s->db, err) != 0)
		goto out;
	if ((now = store_version_now(s, err)) < 0 || now >= version) {
		db_rollback(s->db);
		rc = now < 0 ? -1 : 0;
		goto out;
	}
	if (db_exec(s->db, buf_str(&text), err) != 0) {
		buf_printf(err, " (in migration %d)", version);
		db_rollback(s->db);
		goto out;
	}
	if (db_commit(s->db, err) != 0) {
		db_rollback(s->db);
		goto out;
	}
	rc = 0;
out:
	buf_free(&text);
	return rc;
}

static int
store_migrate(Store *s, Buf *err)
{
	const char *p = s->pg ? ctm_blob_schema_pg : ctm_blob_schema;
	/* 0 in a new database: schema_version comes with migration 1. */
	int have = store_schema_version(s);
	while ((p = strstr(p, MIGRATION_MARK)) != NULL) {
		int version = atoi(p + strlen(MIGRATION_MARK));
		const char *next = strstr(p + 1, MIGRATION_MARK);
		size_t len = next ? (size_t)(next - p) : strlen(p);

		if (version <= 0) {
			buf_printf(err, "schema: bad migration mark");
			return -1;
		}
		if (version > have &&
		    store_migrate_one(s, version, p, len, err) != 0)
			return -1;
		p += len;
	}
	return 0;
}

const char *
store_sql_by_lang(const char *const sql[NLANG], const char *lang)
{
	int i = lang_index(lang);

	return sql[i < 0 ? lang_index("en") : i];
}

/* The collation lang_XX: lang_collate() of the language ctx. */
static int
collate(void *ctx, int na, const void *a, int nb, const void *b)
{
	return lang_collate(ctx, a, (size_t)na, b, (size_t)nb);
}

/* Give the connection db the collations "lang_ar" ... "lang_zh". */
static int
store_collations(Db *db, Buf *err)
{
	for (int i = 0; i < NLANG; i++) {
		Buf name = BUF_INIT;
		int rc;

		buf_printf(&name, "lang_%s", lang_code[i]);
		rc = db_collation(db, buf_str(&name), collate,
		    (void *)(uintptr_t)lang_code[i], err);
		buf_free(&name);
		if (rc != 0)
			return -1;
	}
	return 0;
}

Store *
store_open(const char *url, int create, Buf *err)
{
	Store *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(url);
	s->db = s->primary = db_open(url, create, err);
	if (s->db != NULL)
		s->pg = strcmp(db_dialect(s->db), "postgresql") == 0;
	if (s->db == NULL || store_collations(s->db, err) != 0 ||
	    store_migrate(s, err) != 0 || store_reindex(s, err) != 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

Store *
store_peer_open(Store *s, Buf *err)
{
	Store *peer;
	Db *db;

	if (s->pg) {
		buf_puts(err, "a second store is SQLite's only");
		return NULL;
	}
	if ((db = db_open_read(s->path, err)) == NULL)
		return NULL;
	if (store_collations(db, err) != 0) {
		db_close(db);
		return NULL;
	}
	peer = xcalloc(1, sizeof(*peer));
	peer->db = peer->primary = db;
	return peer;
}

int
store_reader_open(Store *s, const char *url, Buf *err)
{
	Db *r = db_open_read(url, err);
	int have, want;

	if (r == NULL)
		return -1;
	if (strcmp(db_dialect(r), db_dialect(s->primary)) != 0) {
		buf_printf(err, "the read database is %s's, the primary %s's",
		    db_dialect(r), db_dialect(s->primary));
		goto fail;
	}
	/*
	 * Migrations run on the primary and reach a replica with the rest:
	 * one that has not caught up with them would fail queries of the
	 * new schema, or answer them from an older one.
	 */
	have = version_on(r);
	want = version_on(s->primary);
	if (have != want) {
		buf_printf(err,
		    "the read database has schema version %d, the primary %d",
		    have, want);
		goto fail;
	}
	if (store_collations(r, err) != 0)
		goto fail;
	db_close(s->reader);
	s->reader = r;
	return 0;
fail:
	db_close(r);
	return -1;
}

void
store_reads(Store *s, int replica)
{
	s->db = replica && s->reader != NULL ? s->reader : s->primary;
}

void
store_reads_fresh(Store *s, int64_t gen)
{
	if (s->db == s->reader && store_generation_on(s->reader) < gen)
		s->db = s->primary;
}

int
store_lost(Store *s)
{
	return db_lost(s->primary) || (s->reader != NULL && db_lost(s->reader));
}

void
store_close(Store *s)
{
	if (s == NULL)
		return;
	store_list_reap(s);
	/* The primary last: on SQLite, the last connection to close moves
	 * the log into the file, which a read-only one cannot. */
	db_close(s->reader);
	db_close(s->primary);
	free(s->path);
	buf_free(&s->bulk_sql);
	for (int k = 0; k < STORE_BATCH_KINDS; k++) {
		for (int n = 0; n <= STORE_BATCH_ROWS; n++) {
			free(s->batch_sql[0][k][n]);
			free(s->batch_sql[1][k][n]);
		}
		free(s->batch_copy[k]);
	}
	free(s);
}

int
store_has_reference(Store *s, int64_t stamp)
{
	Buf err = BUF_INIT;
	DbStmt *st;
	int n = 0;

	/*
	 * The framework, the lists later migrations brought, and the stamp
	 * of the data they came from: a database loaded by a binary with
	 * other data (an earlier release's, which set no stamp) has not.
	 */
	st = db_prepare(s->db,
	    "SELECT (SELECT count(*) FROM pillar) > 0"
	    " AND (SELECT count(*) FROM currency) > 0"
	    " AND (SELECT count(*) FROM seed_round) > 0"
	    " AND EXISTS (SELECT 1 FROM store_state"
	    " WHERE key = 'reference' AND value = ?)",
	    &err);
	if (st != NULL && db_bind(st, "i", stamp) == 0 && db_step(st) == DB_ROW)
		n = (int)db_int(st, 0);
	if (st != NULL)
		db_reset(st);
	buf_free(&err);
	return n > 0;
}

int
store_reference_stamp_set(Store *s, int64_t stamp, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO store_state(key, value) VALUES ('reference', ?)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	    err);

	if (st == NULL || db_bind(st, "i", stamp) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_begin(Store *s, Buf *err)
{
	/* Writes go to the primary, and the request's reads after them. */
	s->db = s->primary;
	s->last_id = 0;
	return db_begin(s->db, err);
}

int
store_read_begin(Store *s, Buf *err)
{
	s->snapshot = s->db;
	return db_begin_read(s->db, err);
}

void
store_read_end(Store *s)
{
	/*
	 * Where it began: a write meanwhile moved s->db to the primary, and
	 * a snapshot left open would hold the replica's (or the log's)
	 * cleaning up for as long as the thread lives.
	 */
	if (s->snapshot != NULL)
		db_rollback(s->snapshot);
	s->snapshot = NULL;
}

/* 1 when no project exists, 0 when one does, -1 on failure. */
static int
store_empty(Store *s, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "SELECT NOT EXISTS (SELECT 1 FROM project)", err);
	int rc, empty;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	empty = rc == DB_ROW && db_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? empty : store_fail(s, err);
}

/* Foreign keys checked again, after a bulk load's transaction. */
static int
fk_on(Store *s, Buf *err)
{
	if (!s->fk_off)
		return 0;
	s->fk_off = 0;
	return db_exec(s->db, "PRAGMA foreign_keys=ON", err);
}

/*
 * PostgreSQL: a load into an empty store checks no foreign keys, as on
 * SQLite (store_bulk_begin says why it may), when the connection may set
 * them aside as pg_restore --disable-triggers does: a superuser's, for
 * the rest of the transaction.  The checks were some 45 per cent of the
 * server's time of an IATI import, a query each row that refers to
 * another.  The triggers of the totals are set aside too; they wait
 * already (totals_later), and total_fill() counts at the commit.  0, or
 * -1; a connection that may not goes on with the checks.
 */
static int
pg_checks_off(Store *s, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT current_setting('is_superuser') = 'on'", err);
	int rc, super;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	super = rc == DB_ROW && db_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return store_fail(s, err);
	return super ? db_exec(s->db,
			   "SET LOCAL session_replication_role = replica", err)
		     : 0;
}

int
store_bulk_begin(Store *s, Buf *err)
{
	DbStmt *st;
	Buf drop = BUF_INIT;
	int rc, empty, filled = 0;

	if (s->bulk)
		return 1;
	s->minor_code[0] = '\0';
	/*
	 * On PostgreSQL, whether the store is empty or not, the totals by
	 * place are made once at the commit, not by each statement: the
	 * rows of a table of 300 updated a million times in one transaction
	 * would each leave a million versions of themselves behind.
	 */
	if (s->pg && !s->totals_later) {
		if (db_exec(
			s->db, "SET LOCAL ctmatrix.totals = 'later'", err) != 0)
			return -1;
		s->totals_later = 1;
	}
	if ((empty = store_empty(s, err)) <= 0)
		return empty;
	/*
	 * On PostgreSQL, the store's being empty only: the writer's lock,
	 * held to the commit, keeps it so for this transaction but for its
	 * own rows, so that the importer need not look up each row (a round
	 * trip each).  Indexes and foreign keys stay: dropping an index
	 * would lock every reader of the table out until the commit, where
	 * SQLite's readers go on reading what was committed.
	 */
	if (s->pg) {
		buf_reset(&s->bulk_sql);
		s->bulk = 1;
		return pg_checks_off(s, err) == 0 ? 1 : -1;
	}
	/*
	 * Nor are foreign keys checked: every row of a load into an empty
	 * portfolio names a project of the same transaction or a pillar,
	 * organisation or place, which nothing ever deletes; checking cost
	 * an eighth of the load (a multi-row INSERT into project even looks
	 * for children in each of the fifteen tables that refer to it).
	 * The pragma holds only between transactions: the empty one begun
	 * is begun again without them, and the emptiness asked again.
	 */
	if (db_exec(s->db, "ROLLBACK; PRAGMA foreign_keys=OFF", err) != 0)
		return -1;
	s->fk_off = 1;
	if (db_begin(s->db, err) != 0)
		return -1;
	if ((empty = store_empty(s, err)) <= 0) {
		/* Someone loaded it meanwhile: an ordinary import, checked. */
		if (empty == 0 &&
		    (db_exec(s->db, "ROLLBACK", err) != 0 ||
			fk_on(s, err) != 0 || db_begin(s->db, err) != 0))
			return -1;
		return empty;
	}
	/*
	 * And the triggers that keep the totals by place (schema.sql,
	 * migration 15): the commit counts them in one pass, after the
	 * indexes and before the triggers are made again.
	 */
	st = db_prepare(s->db,
	    "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
	    " AND ((type = 'index' AND tbl_name IN ('project',"
	    " 'project_pillar', 'project_org', 'project_place',"
	    " 'project_issue')) OR (type = 'trigger'"
	    " AND name LIKE 'total_%')) ORDER BY type, name",
	    err);
	if (st == NULL)
		return -1;
	buf_reset(&s->bulk_sql);
	/* The indexes' sorts in less memory than the cache (db.h). */
	buf_printf(&s->bulk_sql, "PRAGMA cache_size=-%d;\n", DB_SQLITE_SORT_KB);
	while ((rc = db_step(st)) == DB_ROW) {
		int trigger = strcmp(db_text(st, 0), "trigger") == 0;

		if (trigger && !filled) {
			buf_puts(&s->bulk_sql, TOTAL_FILL ";\n");
			filled = 1;
		}
		buf_printf(&drop, "DROP %s \"%s\";",
		    trigger ? "TRIGGER" : "INDEX", db_text(st, 1));
		buf_printf(&s->bulk_sql, "%s;\n", db_text(st, 2));
	}
	db_reset(st);
	if (!filled)
		buf_puts(&s->bulk_sql, TOTAL_FILL ";\n");
	buf_printf(
	    &s->bulk_sql, "PRAGMA cache_size=-%d;\n", DB_SQLITE_CACHE_KB);
	if (rc == DB_ERROR) {
		buf_free(&drop);
		return store_fail(s, err);
	}
	rc = db_exec(s->db, buf_str(&drop), err);
	buf_free(&drop);
	if (rc != 0)
		return -1;
	s->bulk = 1;
	return 1;
}

int
store_commit(Store *s, Buf *err)
{
	if (s->bulk) {
		if (s->bulk_sql.len > 0 &&
		    db_exec(s->db, buf_str(&s->bulk_sql), err) != 0)
			return -1;
		s->bulk = 0;
	}
	if (s->totals_later) {
		if (db_exec(s->db, "SELECT total_fill()", err) != 0)
			return -1;
		s->totals_later = 0;
	}
	s->last_id = 0;
	/* Every committed write makes the caches of cache.c stale. */
	if (store_ids_settle(s, err) != 0 || store_index_flush(s, err) != 0 ||
	    db_exec(s->db,
		"UPDATE store_state SET value = value + 1"
		" WHERE key = 'generation'",
		err) != 0 ||
	    db_commit(s->primary, err) != 0)
		return -1;
	return fk_on(s, err);
}

void
store_rollback(Store *s)
{
	Buf err = BUF_INIT;

	db_rollback(s->primary);
	fk_on(s, &err);
	buf_free(&err);
	/* The temporary table and dropped indexes roll back with the rest. */
	s->fts_pending = 0;
	s->bulk = 0;
	s->totals_later = 0;
	s->last_id = 0;
	s->ids_taken = 0;
}

void
store_now(Buf *out)
{
	/*
	 * Formatted once a second at most: imports ask for every row.  Per
	 * thread: the server's threads each have their own.
	 */
	static _Thread_local time_t last = -1;
	static _Thread_local char text[32];
	time_t t = time(NULL);
	struct tm tm;

	if (t != last) {
		gmtime_r(&t, &tm);
		snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
		    tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
		    tm.tm_sec % 100);
		last = t;
	}
	buf_puts(out, text);
}

int64_t
store_generation(Store *s)
{
	return store_generation_on(s->db);
}

int64_t
store_generation_on(Db *db)
{
	Buf err = BUF_INIT;
	DbStmt *st = db_prepare(
	    db, "SELECT value FROM store_state WHERE key = 'generation'", &err);
	int64_t gen = -1;

	if (st != NULL && db_step(st) == DB_ROW)
		gen = db_int(st, 0);
	if (st != NULL)
		db_reset(st);
	buf_free(&err);
	return gen;
}

int64_t
store_data_generation(Store *s)
{
	return store_generation(s);
}

/*
 * A cache is kept without waiting for the disk: its rows are made again
 * from the data when lost, and a command's fill cost more in fsync than
 * in its query.  On SQLite the commit of a fill is not synced
 * (synchronous=OFF: in WAL mode a crash may lose that transaction, never
 * corrupt the file, and the next synced commit syncs the log with its
 * frames).  Nor may that commit checkpoint (wal_autocheckpoint=0 for
 * it): a checkpoint unsynced would let the next writer start the log
 * over while the pages it copied into the database, other transactions'
 * committed writes, were not yet on the disk.  PostgreSQL's
 * synchronous_commit does the same for one transaction, safely.
 */
#define FILL_BEGIN_SQLITE "PRAGMA synchronous=OFF; PRAGMA wal_autocheckpoint=0"
/* As db_sqlite.c opens a connection; 1000 pages is SQLite's default. */
#define FILL_END_SQLITE                                                        \
	"PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=1000"

Db *
store_fill_begin(Store *s, int64_t gen)
{
	Db *w = s->primary;
	Buf err = BUF_INIT;

	if ((s->pg || db_exec(w, FILL_BEGIN_SQLITE, &err) == 0) &&
	    db_begin_nowait(w) == 0) {
		/* The generation moves only under the write lock, now held. */
		if ((!s->pg ||
			db_exec(w, "SET LOCAL synchronous_commit = off",
			    &err) == 0) &&
		    store_generation_on(w) == gen) {
			buf_free(&err);
			return w;
		}
		store_fill_end(s, w, 0);
	} else if (!s->pg) {
		db_exec(w, FILL_END_SQLITE, &err);
	}
	buf_free(&err);
	return NULL;
}

void
store_fill_end(Store *s, Db *w, int ok)
{
	Buf err = BUF_INIT;

	if (!ok || db_commit(w, &err) != 0)
		db_rollback(w);
	if (!s->pg)
		db_exec(w, FILL_END_SQLITE, &err);
	buf_free(&err);
}

int
store_ref_rows(Store *s, DbStmt *st, StoreRefFn fn, void *ctx, Buf *err)
{
	RefItem r;
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.key = db_text(st, 0);
		r.name = db_text(st, 1);
		if (fn(ctx, &r) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}
