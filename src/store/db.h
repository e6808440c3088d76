/*
 * db.h - the database driver beneath the store.
 *
 * The store's SQL runs through this small interface: open, prepare, bind,
 * step, read columns, transactions.  db_sqlite.c implements it on SQLite and
 * is the only file that includes sqlite3.h; db_pg.c implements the same
 * functions on libpq (db.c hands each call to the connection's driver).
 * SQL text uses "?" and "?N" placeholders; the PostgreSQL driver rewrites
 * them as "$N".  Nothing above src/store includes this file: the layers
 * above see only store.h.
 */
#ifndef CTM_STORE_DB_H
#define CTM_STORE_DB_H

#include <stdint.h>

#include "../core/buf.h"

typedef struct Db Db;
typedef struct DbStmt DbStmt;

/* What db_step() returns. */
enum {
	DB_ERROR = -1, /* failed: db_errmsg() says why */
	DB_DONE = 0,   /* no more rows */
	DB_ROW = 1     /* a row is ready to read */
};

/*
 * SQLite's page cache of a connection, in KiB (PRAGMA cache_size), and
 * the same while a bulk load into an empty store makes its indexes again
 * (store_bulk_begin()): SQLite sorts in as much memory as its cache, and
 * the sorts of a million IATI activities took all of it on top of the
 * pages, so that the import's memory grew with the file.
 */
#define DB_SQLITE_CACHE_KB 16000
#define DB_SQLITE_SORT_KB  4000

/* 1 when name is a PostgreSQL URL (postgres:// or postgresql://). */
int db_is_url(const char *name);

/*
 * Open (creating if create is set) the database at path: a SQLite file,
 * or the PostgreSQL database of a URL (db_is_url; it must exist).  Return the handle
 * or NULL with a message in err.  The caller closes it with db_close().
 */
Db *db_open(const char *path, int create, Buf *err);
void db_close(Db *db);

/*
 * Open the database at path (as db_open, never creating it) for reading
 * only: every write through the handle fails.  For a streaming replica,
 * which refuses writes anyway, and for the primary's file or database
 * read by a connection that must not write.  NULL with a message in err.
 */
Db *db_open_read(const char *path, Buf *err);

/*
 * A comparison of texts for ORDER BY ... COLLATE name: cmp(ctx, na, a, nb,
 * b) compares the UTF-8 texts a and b (na and nb bytes, not terminated)
 * as strcmp() does.  0, or -1 with a message in err.
 */
typedef int (*DbCollateFn)(
    void *ctx, int na, const void *a, int nb, const void *b);
int db_collation(
    Db *db, const char *name, DbCollateFn cmp, void *ctx, Buf *err);

/* Name of the SQL dialect: "sqlite" or "postgresql". */
const char *db_dialect(const Db *db);

/* Run one or more statements that return no rows.  0 or -1 with err set. */
int db_exec(Db *db, const char *sql, Buf *err);

/*
 * Prepare sql.  Statements are cached by the address of sql, so sql must be
 * a string literal (or otherwise live as long as db); preparing the same
 * literal again returns the cached statement, reset and unbound.  Return
 * NULL with a message in err on failure.  Do not free the result.
 */
DbStmt *db_prepare(Db *db, const char *sql, Buf *err);

/*
 * Prepare sql that is built at run time (a query whose clauses depend on
 * the filters given).  The statement is not cached: the caller frees it
 * with db_finalize().  NULL with a message in err on failure.
 */
DbStmt *db_prepare_once(Db *db, const char *sql, Buf *err);
void db_finalize(DbStmt *st);

/*
 * Mark st, before its first step, as a statement whose rows may be many
 * (a list of the whole portfolio): they are read as they come, not all
 * at once.  On PostgreSQL inside a transaction, through a cursor, a
 * chunk of rows at a time, and other statements may run between its
 * steps as on SQLite; elsewhere nothing changes (SQLite reads a row at
 * a time already; PostgreSQL outside a transaction has no cursor).
 */
void db_stream(DbStmt *st);

/* The connection st was prepared on (for its failure's message). */
Db *db_stmt_db(DbStmt *st);

/*
 * Bind parameters 1..n from a type string: 'i' int64_t, 't' const char *
 * (NULL binds SQL NULL), 'n' NULL (consumes no argument).  0 or -1.
 *
 * Text is bound in place, not copied: it must stay unchanged until the
 * statement is reset (db_reset, store_run) or finalised.  Every caller
 * binds, steps and resets in one stretch of code; an import binds some
 * million strings, and copying each was a tenth of its time.
 */
int db_bind(DbStmt *st, const char *types, ...);

/* Bind text t (NULL: SQL NULL) or an integer to parameter i, from 1. */
int db_bind_text(DbStmt *st, int i, const char *t);
/* The largest parameter index st has ("?21": 21). */
int db_params(DbStmt *st);
int db_bind_int(DbStmt *st, int i, int64_t v);

/* Bind n bytes at data, in place like text, to parameter i. */
int db_bind_blob(DbStmt *st, int i, const void *data, size_t n);

/* Step: DB_ROW, DB_DONE or DB_ERROR. */
int db_step(DbStmt *st);

/* Column i of the current row; text is valid until the next step. */
int64_t db_int(DbStmt *st, int i);
const char *db_text(DbStmt *st, int i); /* "" for NULL */
int db_is_null(DbStmt *st, int i);
const char *db_text_or_null(DbStmt *st, int i); /* NULL for NULL */

/* Column i as bytes, their count in *n; valid until the next step. */
const void *db_blob(DbStmt *st, int i, size_t *n);

/* Reset a cached statement so it can be run again. */
void db_reset(DbStmt *st);

/* The message of the last failure on db. */
const char *db_errmsg(Db *db);

/* Id of the last row inserted through db. */
int64_t db_last_id(Db *db);

/* Rows changed by the last statement. */
int64_t db_changes(Db *db);

/*
 * PostgreSQL: rows for "COPY target FROM STDIN" (target: "table(column,
 * ...)"), whole lines of COPY's text format.  They wait in the
 * connection and go in, table by table in the order first named, before
 * anything else is sent to it, or when many wait; a failure among them
 * spoils the transaction and is reported by the next call, as a write
 * sent without waiting is.  0, or -1 (on SQLite always: it has no COPY).
 */
int db_copy(Db *db, const char *target, const char *rows, size_t len, Buf *err);

/*
 * Begin a write transaction only if the write lock is free now: 0, or -1
 * without waiting (for work that may be skipped, such as filling a cache).
 */
int db_begin_nowait(Db *db);

/*
 * Transactions; db_begin takes the write lock at once, db_begin_read
 * none: its reads see one state of the database, whatever is written
 * meanwhile, until db_rollback ends it.
 */
int db_begin(Db *db, Buf *err);
int db_begin_read(Db *db, Buf *err);
int db_commit(Db *db, Buf *err);
void db_rollback(Db *db);

/*
 * 1 when db's connection is known to be lost (its server restarted or
 * went away), so that nothing more can be done on it but to close it; 0
 * while it may serve.  Reads what the server may have sent meanwhile
 * (its farewell) without waiting; a file's connection is never lost.
 */
int db_lost(Db *db);

#endif
