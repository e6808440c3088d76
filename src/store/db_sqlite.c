/*
 * db_sqlite.c - the db.h driver on SQLite.
 *
 * The only file that includes sqlite3.h.  A database is opened in WAL mode
 * with foreign keys enforced and synchronous=FULL, so a committed
 * transaction survives a crash or a kill of the process.  Prepared
 * statements are kept for the life of the connection, keyed by the address
 * of their SQL text, which is why db_prepare() wants string literals.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "../core/mem.h"
#include "db.h"

#define DB_CACHE_SLOTS 256

struct DbStmt {
	sqlite3_stmt *st; /* the prepared statement */
	const char *sql;  /* its text: the cache key */
	DbStmt *next;     /* next in the same cache slot */
};

struct Db {
	sqlite3 *h;                    /* the connection */
	DbStmt *cache[DB_CACHE_SLOTS]; /* prepared statements */
};

Db *
db_open(const char *path, int create, Buf *err)
{
	Db *db = xcalloc(1, sizeof(*db));
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
	    SQLITE_OPEN_NOMUTEX;
	static int configured;

	/*
	 * A connection belongs to one thread, so it needs no mutex, and the
	 * memory statistics SQLite keeps by default cost a global lock on
	 * every allocation.  Both must be set before SQLite initialises.
	 */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}

	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		buf_printf(err, "cannot open database %s: %s", path,
		    db->h ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	if (db_exec(db,
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=FULL;"
		"PRAGMA foreign_keys=ON;"
		"PRAGMA temp_store=MEMORY;"
		"PRAGMA cache_size=-16000;"
		"PRAGMA mmap_size=1073741824;",
		err) != 0)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(Db *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < DB_CACHE_SLOTS; i++) {
		DbStmt *s = db->cache[i], *next;

		for (; s; s = next) {
			next = s->next;
			sqlite3_finalize(s->st);
			free(s);
		}
	}
	sqlite3_close_v2(db->h);
	free(db);
}

int
db_collation(Db *db, const char *name, DbCollateFn cmp, void *ctx, Buf *err)
{
	if (sqlite3_create_collation_v2(
		db->h, name, SQLITE_UTF8, ctx, cmp, NULL) != SQLITE_OK) {
		buf_printf(err, "database: %s", sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

const char *
db_dialect(const Db *db)
{
	(void)db;
	return "sqlite";
}

int
db_exec(Db *db, const char *sql, Buf *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_printf(
		    err, "database: %s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

DbStmt *
db_prepare(Db *db, const char *sql, Buf *err)
{
	size_t slot = ((uintptr_t)sql >> 3) % DB_CACHE_SLOTS;
	DbStmt *s;

	for (s = db->cache[slot]; s; s = s->next) {
		if (s->sql == sql) {
			sqlite3_reset(s->st);
			sqlite3_clear_bindings(s->st);
			return s;
		}
	}
	s = xcalloc(1, sizeof(*s));
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
		&s->st, NULL) != SQLITE_OK) {
		buf_printf(err, "database: %s", sqlite3_errmsg(db->h));
		free(s);
		return NULL;
	}
	s->sql = sql;
	s->next = db->cache[slot];
	db->cache[slot] = s;
	return s;
}

DbStmt *
db_prepare_once(Db *db, const char *sql, Buf *err)
{
	DbStmt *s = xcalloc(1, sizeof(*s));

	if (sqlite3_prepare_v2(db->h, sql, -1, &s->st, NULL) != SQLITE_OK) {
		buf_printf(err, "database: %s", sqlite3_errmsg(db->h));
		free(s);
		return NULL;
	}
	s->sql = NULL;
	return s;
}

void
db_finalize(DbStmt *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(st->st);
	free(st);
}

int
db_bind(DbStmt *st, const char *types, ...)
{
	va_list ap;
	int i = 1, rc = SQLITE_OK;

	va_start(ap, types);
	for (; *types && rc == SQLITE_OK; types++, i++) {
		switch (*types) {
		case 'i':
			rc = sqlite3_bind_int64(st->st, i, va_arg(ap, int64_t));
			break;
		case 't': {
			const char *t = va_arg(ap, const char *);

			rc = t
			    ? sqlite3_bind_text(st->st, i, t, -1, SQLITE_STATIC)
			    : sqlite3_bind_null(st->st, i);
			break;
		}
		default:
			rc = sqlite3_bind_null(st->st, i);
			break;
		}
	}
	va_end(ap);
	return rc == SQLITE_OK ? 0 : -1;
}

int
db_bind_text(DbStmt *st, int i, const char *t)
{
	int rc = t ? sqlite3_bind_text(st->st, i, t, -1, SQLITE_STATIC)
		   : sqlite3_bind_null(st->st, i);

	return rc == SQLITE_OK ? 0 : -1;
}

int
db_params(DbStmt *st)
{
	return sqlite3_bind_parameter_count(st->st);
}

int
db_bind_blob(DbStmt *st, int i, const void *data, size_t n)
{
	return sqlite3_bind_blob64(
		   st->st, i, n ? data : "", n, SQLITE_STATIC) == SQLITE_OK
	    ? 0
	    : -1;
}

const void *
db_blob(DbStmt *st, int i, size_t *n)
{
	const void *b = sqlite3_column_blob(st->st, i);

	*n = (size_t)sqlite3_column_bytes(st->st, i);
	return b ? b : "";
}

int
db_bind_int(DbStmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(st->st, i, v) == SQLITE_OK ? 0 : -1;
}

int
db_step(DbStmt *st)
{
	switch (sqlite3_step(st->st)) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		return DB_ERROR;
	}
}

int64_t
db_int(DbStmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

const char *
db_text(DbStmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->st, i);

	return t ? (const char *)t : "";
}

int
db_is_null(DbStmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

void
db_reset(DbStmt *st)
{
	sqlite3_reset(st->st);
}

const char *
db_errmsg(Db *db)
{
	return sqlite3_errmsg(db->h);
}

int64_t
db_last_id(Db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int64_t
db_changes(Db *db)
{
	return sqlite3_changes(db->h);
}

int
db_begin(Db *db, Buf *err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
}

int
db_begin_read(Db *db, Buf *err)
{
	/* Deferred: in WAL mode the snapshot is taken at the first read. */
	return db_exec(db, "BEGIN DEFERRED", err);
}

int
db_commit(Db *db, Buf *err)
{
	return db_exec(db, "COMMIT", err);
}

void
db_rollback(Db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int
db_begin_nowait(Db *db)
{
	int rc;

	sqlite3_busy_timeout(db->h, 0);
	rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(db->h, 10000);
	return rc == SQLITE_OK ? 0 : -1;
}

const char *
db_text_or_null(DbStmt *st, int i)
{
	return db_is_null(st, i) ? NULL : db_text(st, i);
}
