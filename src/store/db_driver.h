/*
 * db_driver.h - what a database driver gives db.c (db.h's dispatcher).
 *
 * A Db and a DbStmt begin with the table of their driver's functions;
 * db.c calls through it, so the store runs on SQLite (db_sqlite.c) or on
 * PostgreSQL (db_pg.c) with the same calls.  Each driver's own structs
 * begin with a Db or a DbStmt.  Only db.c and the drivers include this.
 */
#ifndef CTM_STORE_DB_DRIVER_H
#define CTM_STORE_DB_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* How a transaction begins (DbDriver.begin). */
enum {
	DB_BEGIN_WRITE, /* the write lock, waiting for it */
	DB_BEGIN_READ,  /* a snapshot, no lock */
	DB_BEGIN_NOWAIT /* the write lock if free now, else fail */
};

typedef struct DbDriver {
	const char *dialect; /* db_dialect()'s answer */
	void (*close)(Db *db);
	int (*collation)(
	    Db *db, const char *name, DbCollateFn cmp, void *ctx, Buf *err);
	int (*exec)(Db *db, const char *sql, Buf *err);
	/* once: not cached, freed by finalize */
	DbStmt *(*prepare)(Db *db, const char *sql, int once, Buf *err);
	void (*finalize)(DbStmt *st);
	int (*bind_int)(DbStmt *st, int i, int64_t v);
	int (*bind_text)(DbStmt *st, int i, const char *t); /* NULL: NULL */
	int (*bind_blob)(DbStmt *st, int i, const void *data, size_t n);
	int (*params)(DbStmt *st); /* the largest parameter index */
	int (*step)(DbStmt *st);
	int64_t (*col_int)(DbStmt *st, int i);
	const char *(*col_text)(DbStmt *st, int i); /* NULL for NULL */
	int (*is_null)(DbStmt *st, int i);
	const void *(*col_blob)(DbStmt *st, int i, size_t *n);
	void (*reset)(DbStmt *st);
	const char *(*errmsg)(Db *db);
	int64_t (*last_id)(Db *db);
	int64_t (*changes)(Db *db);
	int (*begin)(Db *db, int how, Buf *err); /* DB_BEGIN_* */
	int (*commit)(Db *db, Buf *err);
	void (*rollback)(Db *db);
	int (*lost)(Db *db);        /* NULL: never (a file) */
	void (*stream)(DbStmt *st); /* db_stream(); NULL: nothing to do */
	/* db_copy(); NULL: the database has no COPY */
	int (*copy)(
	    Db *db, const char *target, const char *rows, size_t len, Buf *err);
} DbDriver;

/* The head of every driver's connection and statement. */
struct Db {
	const DbDriver *drv; /* the functions of the driver that made it */
};
struct DbStmt {
	const DbDriver *drv; /* likewise */
	Db *db;              /* the connection it was prepared on */
};

/*
 * The drivers' openers: a Db, or NULL with a message in err.  readonly:
 * a connection that refuses every write (db_open_read).
 */
Db *db_sqlite_open(const char *path, int create, int readonly, Buf *err);
Db *db_pg_open(const char *url, int readonly, Buf *err);

#endif
