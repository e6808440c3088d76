/*
 * db_sqlite.c - the db.h driver on SQLite (db_driver.h).
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
#include <time.h>

#include <sqlite3.h>

#include "../core/mem.h"
#include "db_driver.h"

#define DB_CACHE_SLOTS 256

typedef struct SqStmt SqStmt;
struct SqStmt {
	DbStmt base;      /* the driver */
	sqlite3_stmt *st; /* the prepared statement */
	const char *sql;  /* its text: the cache key */
	SqStmt *next;     /* next in the same cache slot */
};

typedef struct SqDb {
	Db base;                       /* the driver */
	sqlite3 *h;                    /* the connection */
	SqStmt *cache[DB_CACHE_SLOTS]; /* prepared statements */
} SqDb;

static const DbDriver sq_driver;

#define SQ(db)  ((SqDb *)(db))
#define SST(st) (((SqStmt *)(st))->st)

/* How long a statement waits for a lock (ms), and its naps when SQLite
 * answers busy at once (sq_exec_busy). */
#define SQ_BUSY_MS  10000
#define SQ_BUSY_NAP 10

static int sq_exec(Db *db, const char *sql, Buf *err);
static int sq_exec_busy(Db *db, const char *sql, Buf *err);
static void sq_close(Db *db);

Db *
db_sqlite_open(const char *path, int create, int readonly, Buf *err)
{
	SqDb *db = xcalloc(1, sizeof(*db));
	Buf pragmas = BUF_INIT;
	int rc;
	int flags = (readonly ? SQLITE_OPEN_READONLY
			      : SQLITE_OPEN_READWRITE |
				(create ? SQLITE_OPEN_CREATE : 0)) |
	    SQLITE_OPEN_NOMUTEX;
	static int configured;

	db->base.drv = &sq_driver;
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
	sqlite3_busy_timeout(db->h, SQ_BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	/* A read-only connection leaves the journal as its writers set it. */
	if (!readonly &&
	    (sq_exec_busy(&db->base, "PRAGMA journal_mode=WAL", err) != 0 ||
		sq_exec(&db->base,
		    "PRAGMA synchronous=FULL;"
		    "PRAGMA journal_size_limit=67108864;",
		    err) != 0))
		goto fail;
	/*
	 * The log outlives the last connection, emptied (journal_size_limit
	 * set: truncated to nothing once all is in the file), not deleted:
	 * every command that opens the database would create it anew, sync
	 * its directory, write out the pages of its index, and delete both
	 * at its end.  The database file alone is whole all the same.
	 */
	if (!readonly) {
		int keep = 1;

		sqlite3_file_control(
		    db->h, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
	}
	/*
	 * Temporary tables and sorts spill to a file, not to memory: at
	 * the end of a bulk import of 1,000,000 IATI activities, the sorts
	 * of CREATE INDEX took its peak memory (VmHWM) to 166 MB, 83 with
	 * a file, and the file was no slower.
	 */
	buf_printf(&pragmas,
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA temp_store=FILE;"
	    "PRAGMA cache_size=-%d;"
	    "PRAGMA mmap_size=1073741824;",
	    DB_SQLITE_CACHE_KB);
	rc = sq_exec(&db->base, buf_str(&pragmas), err);
	buf_free(&pragmas);
	if (rc != 0)
		goto fail;
	return &db->base;
fail:
	sq_close(&db->base);
	return NULL;
}

static void
sq_close(Db *base)
{
	SqDb *db = SQ(base);

	for (int i = 0; i < DB_CACHE_SLOTS; i++) {
		SqStmt *s = db->cache[i], *next;

		for (; s; s = next) {
			next = s->next;
			sqlite3_finalize(s->st);
			free(s);
		}
	}
	sqlite3_close_v2(db->h);
	free(db);
}

static int
sq_collation(Db *db, const char *name, DbCollateFn cmp, void *ctx, Buf *err)
{
	if (sqlite3_create_collation_v2(
		SQ(db)->h, name, SQLITE_UTF8, ctx, cmp, NULL) != SQLITE_OK) {
		buf_printf(err, "database: %s", sqlite3_errmsg(SQ(db)->h));
		return -1;
	}
	return 0;
}

static int
sq_exec(Db *db, const char *sql, Buf *err)
{
	char *msg = NULL;

	if (sqlite3_exec(SQ(db)->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		buf_printf(
		    err, "database: %s", msg ? msg : sqlite3_errmsg(SQ(db)->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/*
 * Run sql, one statement (a change of journal mode, BEGIN IMMEDIATE),
 * again while it is refused as busy, until the busy timeout has passed
 * since the first try (the busy handler's waits included): SQLite does
 * not always ask the handler first.  Commands opening a new database at
 * once met SQLITE_BUSY, one in some fifty times, the moment one of them
 * turned it into WAL mode (test 02).
 */
static int
sq_exec_busy(Db *db, const char *sql, Buf *err)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int rc = sqlite3_exec(SQ(db)->h, sql, NULL, NULL, NULL);
		long ms;

		if (rc == SQLITE_OK)
			return 0;
		clock_gettime(CLOCK_MONOTONIC, &t);
		ms = (long)(t.tv_sec - t0.tv_sec) * 1000 +
		    (t.tv_nsec - t0.tv_nsec) / 1000000;
		if ((rc & 0xff) != SQLITE_BUSY || ms >= SQ_BUSY_MS) {
			buf_printf(
			    err, "database: %s", sqlite3_errmsg(SQ(db)->h));
			return -1;
		}
		sqlite3_sleep(SQ_BUSY_NAP);
	}
}

static DbStmt *
sq_prepare(Db *base, const char *sql, int once, Buf *err)
{
	SqDb *db = SQ(base);
	size_t slot = ((uintptr_t)sql >> 3) % DB_CACHE_SLOTS;
	SqStmt *s;

	if (!once) {
		for (s = db->cache[slot]; s; s = s->next) {
			if (s->sql == sql) {
				sqlite3_reset(s->st);
				sqlite3_clear_bindings(s->st);
				return &s->base;
			}
		}
	}
	s = xcalloc(1, sizeof(*s));
	s->base.drv = &sq_driver;
	s->base.db = base;
	if (sqlite3_prepare_v3(db->h, sql, -1,
		once ? 0 : SQLITE_PREPARE_PERSISTENT, &s->st,
		NULL) != SQLITE_OK) {
		buf_printf(err, "database: %s", sqlite3_errmsg(db->h));
		free(s);
		return NULL;
	}
	if (once)
		return &s->base;
	s->sql = sql;
	s->next = db->cache[slot];
	db->cache[slot] = s;
	return &s->base;
}

static void
sq_finalize(DbStmt *st)
{
	sqlite3_finalize(SST(st));
	free(st);
}

static int
sq_bind_text(DbStmt *st, int i, const char *t)
{
	int rc = t ? sqlite3_bind_text(SST(st), i, t, -1, SQLITE_STATIC)
		   : sqlite3_bind_null(SST(st), i);

	return rc == SQLITE_OK ? 0 : -1;
}

static int
sq_params(DbStmt *st)
{
	return sqlite3_bind_parameter_count(SST(st));
}

static int
sq_bind_blob(DbStmt *st, int i, const void *data, size_t n)
{
	return sqlite3_bind_blob64(
		   SST(st), i, n ? data : "", n, SQLITE_STATIC) == SQLITE_OK
	    ? 0
	    : -1;
}

static const void *
sq_col_blob(DbStmt *st, int i, size_t *n)
{
	const void *b = sqlite3_column_blob(SST(st), i);

	*n = (size_t)sqlite3_column_bytes(SST(st), i);
	return b ? b : "";
}

static int
sq_bind_int(DbStmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(SST(st), i, v) == SQLITE_OK ? 0 : -1;
}

static int
sq_step(DbStmt *st)
{
	switch (sqlite3_step(SST(st))) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		return DB_ERROR;
	}
}

static int64_t
sq_col_int(DbStmt *st, int i)
{
	return sqlite3_column_int64(SST(st), i);
}

static const char *
sq_col_text(DbStmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(SST(st), i);

	/* A NULL, or a text SQLite had no memory to make. */
	if (t == NULL && sqlite3_column_type(SST(st), i) != SQLITE_NULL)
		return "";
	return (const char *)t;
}

static int
sq_is_null(DbStmt *st, int i)
{
	return sqlite3_column_type(SST(st), i) == SQLITE_NULL;
}

static void
sq_reset(DbStmt *st)
{
	sqlite3_reset(SST(st));
}

static const char *
sq_errmsg(Db *db)
{
	return sqlite3_errmsg(SQ(db)->h);
}

static int64_t
sq_last_id(Db *db)
{
	return sqlite3_last_insert_rowid(SQ(db)->h);
}

static int64_t
sq_changes(Db *db)
{
	return sqlite3_changes(SQ(db)->h);
}

/*
 * BEGIN IMMEDIATE takes the write lock at once, waiting for it as long as
 * the busy timeout; a read is deferred: in WAL mode its snapshot is taken
 * at the first read.  Without waiting: the busy timeout set to nothing.
 */
static int
sq_begin(Db *db, int how, Buf *err)
{
	int rc;

	switch (how) {
	case DB_BEGIN_READ:
		return sq_exec(db, "BEGIN DEFERRED", err);
	case DB_BEGIN_NOWAIT:
		sqlite3_busy_timeout(SQ(db)->h, 0);
		rc = sq_exec(db, "BEGIN IMMEDIATE", err);
		sqlite3_busy_timeout(SQ(db)->h, SQ_BUSY_MS);
		return rc;
	default:
		return sq_exec_busy(db, "BEGIN IMMEDIATE", err);
	}
}

static int
sq_commit(Db *db, Buf *err)
{
	return sq_exec(db, "COMMIT", err);
}

static void
sq_rollback(Db *db)
{
	if (!sqlite3_get_autocommit(SQ(db)->h))
		sqlite3_exec(SQ(db)->h, "ROLLBACK", NULL, NULL, NULL);
}

static const DbDriver sq_driver = {
	.dialect = "sqlite",
	.close = sq_close,
	.collation = sq_collation,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.params = sq_params,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.is_null = sq_is_null,
	.col_blob = sq_col_blob,
	.reset = sq_reset,
	.errmsg = sq_errmsg,
	.last_id = sq_last_id,
	.changes = sq_changes,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
};
