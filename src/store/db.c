/*
 * db.c - db.h's functions, handed to the driver of each connection.
 *
 * db_open() chooses the driver by the name it is given: a URL that begins
 * "postgres://" or "postgresql://" is a PostgreSQL database (db_pg.c),
 * anything else the path of a SQLite file (db_sqlite.c).  The rest only
 * passes each call on through the driver's table (db_driver.h).
 */
#include <stdarg.h>
#include <string.h>

#include "db_driver.h"

int
db_is_url(const char *name)
{
	return strncmp(name, "postgres://", 11) == 0 ||
	    strncmp(name, "postgresql://", 13) == 0;
}

Db *
db_open(const char *path, int create, Buf *err)
{
	if (db_is_url(path))
		return db_pg_open(path, 0, err);
	return db_sqlite_open(path, create, 0, err);
}

Db *
db_open_read(const char *path, Buf *err)
{
	if (db_is_url(path))
		return db_pg_open(path, 1, err);
	return db_sqlite_open(path, 0, 1, err);
}

void
db_close(Db *db)
{
	if (db != NULL)
		db->drv->close(db);
}

int
db_collation(Db *db, const char *name, DbCollateFn cmp, void *ctx, Buf *err)
{
	return db->drv->collation(db, name, cmp, ctx, err);
}

int
db_lost(Db *db)
{
	return db->drv->lost != NULL && db->drv->lost(db);
}

const char *
db_dialect(const Db *db)
{
	return db->drv->dialect;
}

int
db_exec(Db *db, const char *sql, Buf *err)
{
	return db->drv->exec(db, sql, err);
}

DbStmt *
db_prepare(Db *db, const char *sql, Buf *err)
{
	return db->drv->prepare(db, sql, 0, err);
}

DbStmt *
db_prepare_once(Db *db, const char *sql, Buf *err)
{
	return db->drv->prepare(db, sql, 1, err);
}

void
db_stream(DbStmt *st)
{
	if (st->drv->stream != NULL)
		st->drv->stream(st);
}

Db *
db_stmt_db(DbStmt *st)
{
	return st->db;
}

void
db_finalize(DbStmt *st)
{
	if (st != NULL)
		st->drv->finalize(st);
}

int
db_bind(DbStmt *st, const char *types, ...)
{
	va_list ap;
	int i = 1, rc = 0;

	va_start(ap, types);
	for (; *types && rc == 0; types++, i++) {
		switch (*types) {
		case 'i':
			rc = st->drv->bind_int(st, i, va_arg(ap, int64_t));
			break;
		case 't':
			rc =
			    st->drv->bind_text(st, i, va_arg(ap, const char *));
			break;
		default:
			rc = st->drv->bind_text(st, i, NULL);
			break;
		}
	}
	va_end(ap);
	return rc;
}

int
db_bind_text(DbStmt *st, int i, const char *t)
{
	return st->drv->bind_text(st, i, t);
}

int
db_bind_int(DbStmt *st, int i, int64_t v)
{
	return st->drv->bind_int(st, i, v);
}

int
db_params(DbStmt *st)
{
	return st->drv->params(st);
}

int
db_bind_blob(DbStmt *st, int i, const void *data, size_t n)
{
	return st->drv->bind_blob(st, i, data, n);
}

int
db_step(DbStmt *st)
{
	return st->drv->step(st);
}

int64_t
db_int(DbStmt *st, int i)
{
	return st->drv->col_int(st, i);
}

const char *
db_text(DbStmt *st, int i)
{
	const char *t = st->drv->col_text(st, i);

	return t ? t : "";
}

int
db_is_null(DbStmt *st, int i)
{
	return st->drv->is_null(st, i);
}

const char *
db_text_or_null(DbStmt *st, int i)
{
	return st->drv->col_text(st, i);
}

const void *
db_blob(DbStmt *st, int i, size_t *n)
{
	return st->drv->col_blob(st, i, n);
}

void
db_reset(DbStmt *st)
{
	st->drv->reset(st);
}

const char *
db_errmsg(Db *db)
{
	return db->drv->errmsg(db);
}

int64_t
db_last_id(Db *db)
{
	return db->drv->last_id(db);
}

int64_t
db_changes(Db *db)
{
	return db->drv->changes(db);
}

int
db_copy(Db *db, const char *target, const char *rows, size_t len, Buf *err)
{
	if (db->drv->copy == NULL) {
		buf_printf(err, "database: %s has no COPY", db->drv->dialect);
		return -1;
	}
	return db->drv->copy(db, target, rows, len, err);
}

int
db_begin(Db *db, Buf *err)
{
	return db->drv->begin(db, DB_BEGIN_WRITE, err);
}

int
db_begin_read(Db *db, Buf *err)
{
	return db->drv->begin(db, DB_BEGIN_READ, err);
}

int
db_begin_nowait(Db *db)
{
	Buf err = BUF_INIT;
	int rc = db->drv->begin(db, DB_BEGIN_NOWAIT, &err);

	buf_free(&err);
	return rc;
}

int
db_commit(Db *db, Buf *err)
{
	return db->drv->commit(db, err);
}

void
db_rollback(Db *db)
{
	db->drv->rollback(db);
}
