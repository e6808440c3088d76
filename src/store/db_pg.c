/*
 * db_pg.c - the db.h driver on PostgreSQL (libpq).
 *
 * The only file that includes libpq-fe.h.  libpq is loaded when the first
 * PostgreSQL database is opened (dlopen), not linked: it brings OpenSSL,
 * Kerberos and LDAP, a dozen libraries whose loading would cost every
 * command on SQLite some milliseconds at start (src/io/render.h says why
 * the start matters).
 *
 * The store's SQL is SQLite's; this driver makes the calls of db.h mean
 * the same on PostgreSQL:
 *  - "?" and "?N" parameters become "$N", once, when a statement is made
 *    (a bare "?" is one more than the largest number before it, as in
 *    SQLite).  A statement runs unnamed the first time, and is prepared
 *    on the server (named) when it runs again; the types of parameters
 *    are those bound at that step: an integer is declared bigint, text
 *    and NULL are left for the server to infer from where they stand.
 *    A statement whose types the server refuses is prepared again with
 *    fewer declared (of use outside a transaction only: inside one, the
 *    refusal has spoilt the transaction).  A parameter the text never
 *    names (SQLite binds it all the same) is declared text, as the
 *    server could not infer its type.
 *  - Results are read whole, in text format; integers are parsed, and
 *    booleans ("t", "f") read as 1 and 0, as SQLite's comparisons give.
 *    A statement marked by db_stream() is read through a cursor when it
 *    runs in a transaction, PG_FETCH rows at a time: a list of 1,000,000
 *    projects read whole held some 470 MB in the client.
 *  - Writers take one advisory lock at BEGIN, held to the end of their
 *    transaction, so writes are serialised as SQLite's BEGIN IMMEDIATE
 *    serialises them; waiting for it ends after lock_timeout (10 s, as
 *    the SQLite driver's busy timeout), and db_begin_nowait() only tries.
 *    Readers take a snapshot (REPEATABLE READ) and no lock.
 *  - A failed statement spoils its transaction on PostgreSQL: a COMMIT
 *    after one is refused here, never taken for success.
 *  - Inside a writer's transaction, a write that returns no rows (an
 *    INSERT, UPDATE or DELETE without RETURNING) of a statement already
 *    prepared on the server is sent and not waited for (libpq's pipeline
 *    mode); its result is read with those of the writes sent after it
 *    when anything else is asked of the connection (a read, the count of
 *    changes, the last id, COMMIT).  Writes go in segments of
 *    PG_PIPELINE_SEG, each ended by a Sync; when a segment ends, the
 *    results of the one before it are read while the server works on
 *    it, so that the importer and the server work at once instead of in
 *    turns.
 *    An IATI import made seven round trips an activity (five writes, two
 *    reads), then two (strace); each is two switches of process on a
 *    machine of two cores shared with the server.  The server's own work
 *    stays (about 0.5 ms an activity in log_min_duration_statement), so
 *    alone it gained 0 to 12 per cent (two pairs of runs under load);
 *    with the lookups an empty store spares (store.c), the import took
 *    half the time.  A failure among the writes sent is reported by the
 *    next call, and, as any failure, spoils the transaction: nothing can
 *    be committed after it, so a late report loses nothing but where it
 *    is said.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "../core/mem.h"
#include "db_driver.h"

#define PG_CACHE_SLOTS 256

/* Rows a cursor of db_stream() reads at a time. */
#define PG_FETCH 1000

/*
 * Writes sent before their results are read (db_pg.c's head says why),
 * in segments: each ends with a Sync, and the results of one are read
 * while the server works on the next.
 */
#define PG_PIPELINE_SEG  256
#define PG_PIPELINE_SEGS 2

/* Tables rows may wait for at once (db_copy), and their bytes at most. */
#define PG_COPY_TARGETS 16
#define PG_COPY_BYTES   (4 << 20)

/* Type oids of parameters (pg_type.h is in the server's headers). */
#define PG_OID_BYTEA 17
#define PG_OID_INT8  20
#define PG_OID_TEXT  25

/* The advisory lock every writer holds: "ctm" in ASCII. */
#define PG_WRITE_LOCK "6517869"

/* The functions of libpq this file calls, found by pg_load(). */
static struct {
	__typeof__(PQclear) *clear;
	__typeof__(PQcmdStatus) *cmdStatus;
	__typeof__(PQcmdTuples) *cmdTuples;
	__typeof__(PQconnectdb) *connectdb;
	__typeof__(PQconsumeInput) *consumeInput;
	__typeof__(PQenterPipelineMode) *enterPipelineMode;
	__typeof__(PQerrorMessage) *errorMessage;
	__typeof__(PQexec) *exec;
	__typeof__(PQexecParams) *execParams;
	__typeof__(PQexecPrepared) *execPrepared;
	__typeof__(PQexitPipelineMode) *exitPipelineMode;
	__typeof__(PQfinish) *finish;
	__typeof__(PQfreemem) *freemem;
	__typeof__(PQgetisnull) *getisnull;
	__typeof__(PQgetResult) *getResult;
	__typeof__(PQgetvalue) *getvalue;
	__typeof__(PQntuples) *ntuples;
	__typeof__(PQpipelineSync) *pipelineSync;
	__typeof__(PQprepare) *prepare;
	__typeof__(PQputCopyData) *putCopyData;
	__typeof__(PQputCopyEnd) *putCopyEnd;
	__typeof__(PQresultErrorField) *resultErrorField;
	__typeof__(PQresultStatus) *resultStatus;
	__typeof__(PQsendQueryPrepared) *sendQueryPrepared;
	__typeof__(PQsetNoticeProcessor) *setNoticeProcessor;
	__typeof__(PQstatus) *status;
	__typeof__(PQtransactionStatus) *transactionStatus;
	__typeof__(PQunescapeBytea) *unescapeBytea;
} pq;

static pthread_once_t pq_once = PTHREAD_ONCE_INIT;
static const char *pq_error; /* why pq_load failed; NULL if it did not */

static void
pq_load(void)
{
	static const char *const lib[] = { "libpq.so.5", "libpq.so" };
	void *h = NULL;

	for (size_t i = 0; h == NULL && i < sizeof(lib) / sizeof(lib[0]); i++)
		h = dlopen(lib[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		pq_error = "cannot load libpq (install libpq5)";
		return;
	}
#define PQ_SYM(name)                                                           \
	if ((*(void **)&pq.name = dlsym(h, "PQ" #name)) == NULL) {             \
		pq_error = "libpq lacks PQ" #name;                             \
		return;                                                        \
	}
	PQ_SYM(clear)
	PQ_SYM(cmdStatus)
	PQ_SYM(cmdTuples)
	PQ_SYM(connectdb)
	PQ_SYM(consumeInput)
	PQ_SYM(enterPipelineMode)
	PQ_SYM(errorMessage)
	PQ_SYM(exec)
	PQ_SYM(execParams)
	PQ_SYM(execPrepared)
	PQ_SYM(exitPipelineMode)
	PQ_SYM(finish)
	PQ_SYM(freemem)
	PQ_SYM(getisnull)
	PQ_SYM(getResult)
	PQ_SYM(getvalue)
	PQ_SYM(ntuples)
	PQ_SYM(pipelineSync)
	PQ_SYM(prepare)
	PQ_SYM(putCopyData)
	PQ_SYM(putCopyEnd)
	PQ_SYM(resultErrorField)
	PQ_SYM(resultStatus)
	PQ_SYM(sendQueryPrepared)
	PQ_SYM(setNoticeProcessor)
	PQ_SYM(status)
	PQ_SYM(transactionStatus)
	PQ_SYM(unescapeBytea)
#undef PQ_SYM
}

typedef struct PgStmt PgStmt;

/*
 * Rows for "COPY target FROM STDIN" (db_copy): those being given, and
 * those a thread of the connection's is sending meanwhile (pg_copy).
 */
typedef struct PgCopy {
	char *target; /* "table(column, ...)" */
	Buf rows[2];  /* in COPY's text format; [fill] is being given */
} PgCopy;

typedef struct PgDb {
	Db base;                       /* the driver */
	PGconn *c;                     /* the connection */
	PgStmt *cache[PG_CACHE_SLOTS]; /* statements by their text's address */
	unsigned named;                /* server statements named so far */
	unsigned cursors;              /* cursors named so far */
	unsigned tx;                   /* transactions begun so far */
	int64_t changes;               /* rows the last write changed */
	int writing;                   /* in a transaction with the lock */
	int sent;                      /* writes sent, results not read */
	int seg;                       /* of those, sent since the last Sync */
	int syncs;                     /* Syncs sent, their results not read */
	PgCopy copy[PG_COPY_TARGETS];  /* rows waiting, by table (db_copy) */
	int ncopy;                     /* tables named in copy so far */
	int fill;                      /* the rows[] of copy being given */
	size_t copy_bytes;             /* bytes of rows waiting there */
	pthread_t sender;              /* sending rows[!fill], while busy */
	int sending;                   /* the sender runs: wait for it */
	int send_n;                    /* the tables of copy it sends */
	int spoilt;                    /* one of those failed: err says why */
	Buf err;                       /* the last failure's message */
} PgDb;

struct PgStmt {
	DbStmt base;         /* the driver */
	PgDb *db;            /* its connection */
	const char *key;     /* the text it was made from: the cache key */
	char *sql;           /* that text with $N parameters */
	int once;            /* not cached: run unnamed, freed by finalize */
	int runs;            /* times run: named on the server from the 2nd */
	int write;           /* a write returning no rows: may be sent */
	int sent;            /* sent, its result read later: it is done */
	char name[16];       /* its name on the server; "" until prepared */
	int n;               /* parameters */
	char *named;         /* 1 for each the text names ($N), else 0 */
	const char **val;    /* their values, text (NULL: SQL NULL) */
	int *len;            /* bytes of binary values */
	int *fmt;            /* 1: binary (a blob), 0: text */
	Oid *type;           /* the type each value was bound as */
	Oid *ptype;          /* the types it was prepared with */
	char (*num)[24];     /* integers bound, as text */
	PGresult *res;       /* the result being read; NULL before a step */
	int row, nrows;      /* the current row, and how many */
	unsigned char *blob; /* the last blob read (PQunescapeBytea's) */
	int stream;          /* db_stream(): a cursor, in a transaction */
	char cursor[16];     /* its name while open, else "" */
	unsigned cursor_tx;  /* the transaction it is open in */
	int more;            /* the cursor may hold rows not fetched */
	PgStmt *next;        /* next in the same cache slot */
};

static const DbDriver pg_driver;

#define PG(db)  ((PgDb *)(db))
#define PST(st) ((PgStmt *)(st))

/* Keep the message of the failed result r (or of the connection). */
static void
pg_set_error(PgDb *db, const PGresult *r)
{
	const char *m =
	    r ? pq.resultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	buf_reset(&db->err);
	buf_puts(&db->err, m ? m : pq.errorMessage(db->c));
	while (db->err.len > 0 && db->err.s[db->err.len - 1] == '\n')
		db->err.s[--db->err.len] = '\0';
}

/* 1 when r is a successful result. */
static int
pg_ok(const PGresult *r)
{
	ExecStatusType t = r ? pq.resultStatus(r) : PGRES_FATAL_ERROR;

	return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

/* What a write changed, after its result r. */
static void
pg_count_changes(PgDb *db, PGresult *r)
{
	const char *cmd = pq.cmdStatus(r);

	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0)
		db->changes = strtoll(pq.cmdTuples(r), NULL, 10);
}

/*
 * Read the results of the writes sent before the oldest Sync not yet
 * read, and that Sync's.  0 when they all succeeded (db->changes is then
 * the last one's), else -1 with the first failure's message in db->err
 * and the transaction marked spoilt.
 */
static int
pg_drain(PgDb *db)
{
	int nulls = 0, failed = 0;

	/*
	 * Each write's result, then a NULL; the Sync's result last.  More
	 * NULLs in a row than that are a connection lost.
	 */
	for (;;) {
		PGresult *r = pq.getResult(db->c);
		ExecStatusType t;

		if (r == NULL) {
			if (++nulls > 2) {
				pg_set_error(db, NULL);
				db->sent = 0;
				db->seg = 0;
				db->syncs = 0;
				db->spoilt = 1;
				return -1;
			}
			continue;
		}
		nulls = 0;
		t = pq.resultStatus(r);
		if (t == PGRES_PIPELINE_SYNC) {
			pq.clear(r);
			break;
		}
		db->sent--;
		if (pg_ok(r))
			pg_count_changes(db, r);
		else if (!failed && !db->spoilt) {
			/* Later ones fail as aborted: the first says why. */
			pg_set_error(db, r);
			failed = 1;
		} else {
			failed = 1;
		}
		pq.clear(r);
	}
	db->syncs--;
	if (failed)
		db->spoilt = 1;
	return failed ? -1 : 0;
}

/* End the segment being sent with a Sync.  0, or -1. */
static int
pg_segment_end(PgDb *db)
{
	if (pq.pipelineSync(db->c) != 1) {
		pg_set_error(db, NULL);
		db->spoilt = 1;
		return -1;
	}
	db->syncs++;
	db->seg = 0;
	return 0;
}

/*
 * Read the results of the writes sent and not waited for, and leave
 * pipeline mode.  0 when they all succeeded, else -1 (pg_drain).
 */
static int
pg_pipeline_end(PgDb *db)
{
	int failed = 0;

	if (db->sent == 0 && db->syncs == 0)
		return db->spoilt ? -1 : 0;
	if (db->seg > 0 && pg_segment_end(db) != 0)
		failed = 1;
	/* A connection lost leaves no Sync to wait for (pg_drain). */
	while (db->syncs > 0)
		if (pg_drain(db) != 0)
			failed = 1;
	db->sent = 0;
	db->seg = 0;
	db->syncs = 0;
	pq.exitPipelineMode(db->c);
	return failed || db->spoilt ? -1 : 0;
}

/* Send rows[k] of the first n tables, in the order named (pg_copy_send). */
static int
pg_copy_rows(PgDb *db, int k, int n)
{
	Buf sql = BUF_INIT;
	int failed = db->spoilt;

	for (int i = 0; i < n && !failed; i++) {
		PgCopy *c = &db->copy[i];
		PGresult *r;

		if (c->rows[k].len == 0)
			continue;
		buf_reset(&sql);
		buf_printf(&sql, "COPY %s FROM STDIN", c->target);
		r = pq.exec(db->c, buf_str(&sql));
		if (pq.resultStatus(r) != PGRES_COPY_IN) {
			pg_set_error(db, r);
			pq.clear(r);
			failed = 1;
			break;
		}
		pq.clear(r);
		if (pq.putCopyData(db->c, c->rows[k].s, (int)c->rows[k].len) !=
			1 ||
		    pq.putCopyEnd(db->c, NULL) != 1) {
			pg_set_error(db, NULL);
			failed = 1;
		}
		/* COPY's own result, then nothing. */
		while ((r = pq.getResult(db->c)) != NULL) {
			if (!failed && !pg_ok(r)) {
				pg_set_error(db, r);
				failed = 1;
			}
			pq.clear(r);
		}
	}
	buf_free(&sql);
	for (int i = 0; i < n; i++)
		buf_reset(&db->copy[i].rows[k]);
	if (failed)
		db->spoilt = 1;
	return failed ? -1 : 0;
}

/* The sender's thread: the rows not being given. */
static void *
pg_sender(void *arg)
{
	PgDb *db = arg;

	pg_copy_rows(db, !db->fill, db->send_n);
	return NULL;
}

/* Wait for the sender, if it runs: 0, or -1 when what it sent failed. */
static int
pg_sender_wait(PgDb *db)
{
	if (!db->sending)
		return 0;
	pthread_join(db->sender, NULL);
	db->sending = 0;
	return db->spoilt ? -1 : 0;
}

/* Forget the rows waiting for COPY (a rollback's). */
static void
pg_copy_drop(PgDb *db)
{
	pg_sender_wait(db);
	for (int i = 0; i < db->ncopy; i++)
		buf_reset(&db->copy[i].rows[db->fill]);
	db->copy_bytes = 0;
}

/*
 * Send the rows waiting, after those the sender sends.  0, or -1 with
 * the first failure's message in db->err and the transaction spoilt.
 */
static int
pg_copy_send(PgDb *db)
{
	int rc = pg_sender_wait(db);

	if (pg_copy_rows(db, db->fill, db->ncopy) != 0)
		rc = -1;
	db->copy_bytes = 0;
	return rc;
}

/*
 * Bring the server up to date: the writes sent are read (and pipeline
 * mode left), the rows waiting for COPY sent.  Every call that waits for
 * the server, or sends a write it need not wait for, calls it first.
 */
static int
pg_sync(PgDb *db)
{
	int rc = pg_sender_wait(db);

	if (pg_pipeline_end(db) != 0)
		rc = -1;
	if (db->copy_bytes > 0 && pg_copy_send(db) != 0)
		rc = -1;
	return rc;
}

/*
 * Rows for a table, in COPY's text format, to wait in the connection
 * (db.h).  When many wait, a thread of the connection's sends them while
 * the caller gives the next: sent as a COPY a table, they had the caller
 * and the server take turns, each waiting for the other.  Nothing else
 * uses the connection until the thread is done (pg_sync waits for it).
 */
static int
pg_copy(Db *base, const char *target, const char *rows, size_t len, Buf *err)
{
	PgDb *db = PG(base);
	PgCopy *c = NULL;

	for (int i = 0; i < db->ncopy && c == NULL; i++)
		if (strcmp(db->copy[i].target, target) == 0)
			c = &db->copy[i];
	if (c == NULL) {
		if (db->ncopy == PG_COPY_TARGETS) {
			buf_printf(err, "database: rows for too many tables");
			return -1;
		}
		c = &db->copy[db->ncopy++];
		c->target = xstrdup(target);
	}
	buf_append(&c->rows[db->fill], rows, len);
	db->copy_bytes += len;
	if (db->copy_bytes < PG_COPY_BYTES)
		return 0;
	/* The rows before these are sent: these go now, in the thread. */
	if (pg_sender_wait(db) != 0 || pg_pipeline_end(db) != 0) {
		buf_printf(err, "database: %s", buf_str(&db->err));
		return -1;
	}
	db->fill = !db->fill;
	db->copy_bytes = 0;
	/* Tables named later have no rows there: it sends these only. */
	db->send_n = db->ncopy;
	if (pthread_create(&db->sender, NULL, pg_sender, db) != 0) {
		/* No thread: they go now, in this one. */
		if (pg_copy_rows(db, !db->fill, db->send_n) != 0) {
			buf_printf(err, "database: %s", buf_str(&db->err));
			return -1;
		}
		return 0;
	}
	db->sending = 1;
	return 0;
}

static void
pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void pg_close(Db *db);
static void pg_cursor_close(PgStmt *st);

Db *
db_pg_open(const char *url, int readonly, Buf *err)
{
	PgDb *db;
	PGresult *r;

	pthread_once(&pq_once, pq_load);
	if (pq_error != NULL) {
		buf_printf(err, "%s", pq_error);
		return NULL;
	}
	db = xcalloc(1, sizeof(*db));
	db->base.drv = &pg_driver;
	db->c = pq.connectdb(url);
	if (db->c == NULL || pq.status(db->c) != CONNECTION_OK) {
		/* libpq's message names the server, never the password. */
		buf_printf(err, "cannot open database: %s",
		    db->c ? pq.errorMessage(db->c) : "out of memory");
		while (err->len > 0 && err->s[err->len - 1] == '\n')
			err->s[--err->len] = '\0';
		pg_close(&db->base);
		return NULL;
	}
	pq.setNoticeProcessor(db->c, pg_notice, NULL);
	/*
	 * A read connection (a streaming replica's, or the primary's for
	 * reads only) makes its transactions read-only, so that a write sent
	 * to it by mistake fails as it would on a standby, rather than
	 * succeed on a primary.
	 */
	r = pq.exec(db->c,
	    readonly ? "SET client_min_messages = warning;"
		       " SET lock_timeout = '10s';"
		       " SET client_encoding = 'UTF8';"
		       " SET default_transaction_read_only = on"
		     : "SET client_min_messages = warning;"
		       " SET lock_timeout = '10s';"
		       " SET client_encoding = 'UTF8'");
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		buf_printf(err, "database: %s", buf_str(&db->err));
		pq.clear(r);
		pg_close(&db->base);
		return NULL;
	}
	pq.clear(r);
	return &db->base;
}

static void
pg_stmt_free(PgStmt *st)
{
	if (st->res != NULL)
		pq.clear(st->res);
	if (st->blob != NULL)
		pq.freemem(st->blob);
	free(st->sql);
	free(st->named);
	free(st->val);
	free(st->len);
	free(st->fmt);
	free(st->type);
	free(st->ptype);
	free(st->num);
	free(st);
}

static void
pg_close(Db *base)
{
	PgDb *db = PG(base);

	pg_sender_wait(db);
	for (int i = 0; i < PG_CACHE_SLOTS; i++) {
		PgStmt *s = db->cache[i], *next;

		for (; s; s = next) {
			next = s->next;
			pg_stmt_free(s);
		}
	}
	if (db->c != NULL)
		pq.finish(db->c);
	for (int i = 0; i < db->ncopy; i++) {
		free(db->copy[i].target);
		buf_free(&db->copy[i].rows[0]);
		buf_free(&db->copy[i].rows[1]);
	}
	buf_free(&db->err);
	free(db);
}

/*
 * Collations are the database's: schema_pg.sql makes lang_XX of ICU's
 * locales, which the function given here could not be.
 */
static int
pg_collation(Db *db, const char *name, DbCollateFn cmp, void *ctx, Buf *err)
{
	(void)db, (void)name, (void)cmp, (void)ctx, (void)err;
	return 0;
}

static int
pg_exec(Db *base, const char *sql, Buf *err)
{
	PgDb *db = PG(base);
	PGresult *r;
	int rc = 0;

	if (pg_sync(db) != 0) {
		buf_printf(err, "database: %s", buf_str(&db->err));
		return -1;
	}
	r = pq.exec(db->c, sql);
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		buf_printf(err, "database: %s", buf_str(&db->err));
		rc = -1;
	} else {
		pg_count_changes(db, r);
	}
	pq.clear(r);
	return rc;
}

/*
 * SQLite's parameters in sql as PostgreSQL's into out: "?N" is "$N", a
 * bare "?" one more than the largest number so far.  Quoted text,
 * quoted names and comments are copied as they are.  The count of
 * parameters is the largest number; *named (the caller frees it) is 1
 * for each number the text names, 0 for the others.
 */
static int
pg_translate(const char *sql, Buf *out, char **named)
{
	const char *p = sql;
	Buf seen = BUF_INIT; /* byte k: 1 when $k+1 was met */
	int max = 0;

	while (*p) {
		if (*p == '\'' || *p == '"') {
			const char *q = strchr(p + 1, *p);
			size_t n = q ? (size_t)(q - p) + 1 : strlen(p);

			buf_append(out, p, n);
			p += n;
		} else if (p[0] == '-' && p[1] == '-') {
			size_t n = strcspn(p, "\n");

			buf_append(out, p, n);
			p += n;
		} else if (*p == '?') {
			int k = 0;

			for (p++; *p >= '0' && *p <= '9'; p++)
				k = k * 10 + (*p - '0');
			if (k == 0)
				k = max + 1;
			if (k > max)
				max = k;
			while (seen.len < (size_t)k)
				buf_putc(&seen, 0);
			seen.s[k - 1] = 1;
			buf_printf(out, "$%d", k);
		} else {
			buf_putc(out, *p++);
		}
	}
	buf_putc(&seen, 0); /* never empty */
	*named = buf_detach(&seen);
	return max;
}

/*
 * 1 when sql is an INSERT, UPDATE or DELETE that returns no rows: its
 * result holds nothing the caller reads but the count of changes.
 */
static int
pg_is_write(const char *sql)
{
	static const char *const verb[] = { "INSERT", "UPDATE", "DELETE" };

	sql += strspn(sql, " \t\n");
	for (size_t i = 0; i < sizeof(verb) / sizeof(verb[0]); i++)
		if (strncasecmp(sql, verb[i], 6) == 0)
			return strstr(sql, "RETURNING") == NULL &&
			    strstr(sql, "returning") == NULL;
	return 0;
}

static DbStmt *
pg_prepare(Db *base, const char *sql, int once, Buf *err)
{
	PgDb *db = PG(base);
	size_t slot = ((uintptr_t)sql >> 3) % PG_CACHE_SLOTS;
	Buf text = BUF_INIT;
	PgStmt *s;
	int n;

	(void)err;
	if (!once) {
		for (s = db->cache[slot]; s; s = s->next) {
			if (s->key == sql) {
				pg_driver.reset(&s->base);
				s->stream = 0;
				for (int i = 0; i < s->n; i++) {
					s->val[i] = NULL;
					s->fmt[i] = 0;
					s->type[i] = 0;
				}
				return &s->base;
			}
		}
	}
	s = xcalloc(1, sizeof(*s));
	n = pg_translate(sql, &text, &s->named);
	s->base.drv = &pg_driver;
	s->base.db = base;
	s->db = db;
	s->once = once;
	s->sql = buf_detach(&text);
	s->write = pg_is_write(s->sql);
	s->n = n;
	s->val = xcalloc(n + 1, sizeof(*s->val));
	s->len = xcalloc(n + 1, sizeof(*s->len));
	s->fmt = xcalloc(n + 1, sizeof(*s->fmt));
	s->type = xcalloc(n + 1, sizeof(*s->type));
	s->ptype = xcalloc(n + 1, sizeof(*s->ptype));
	s->num = xcalloc(n + 1, sizeof(*s->num));
	if (!once) {
		s->key = sql;
		s->next = db->cache[slot];
		db->cache[slot] = s;
	}
	return &s->base;
}

static void
pg_finalize(DbStmt *st)
{
	pg_cursor_close(PST(st));
	pg_stmt_free(PST(st));
}

static void
pg_stream(DbStmt *st)
{
	PST(st)->stream = 1;
}

static int
pg_bind_text(DbStmt *base, int i, const char *t)
{
	PgStmt *st = PST(base);

	if (i < 1 || i > st->n)
		return -1;
	st->val[i - 1] = t;
	st->fmt[i - 1] = 0;
	st->type[i - 1] = 0;
	return 0;
}

static int
pg_params(DbStmt *base)
{
	return PST(base)->n;
}

static int
pg_bind_int(DbStmt *base, int i, int64_t v)
{
	PgStmt *st = PST(base);

	if (i < 1 || i > st->n)
		return -1;
	snprintf(st->num[i - 1], sizeof(st->num[0]), "%lld", (long long)v);
	st->val[i - 1] = st->num[i - 1];
	st->fmt[i - 1] = 0;
	st->type[i - 1] = PG_OID_INT8;
	return 0;
}

static int
pg_bind_blob(DbStmt *base, int i, const void *data, size_t n)
{
	PgStmt *st = PST(base);

	if (i < 1 || i > st->n || n > INT32_MAX)
		return -1;
	st->val[i - 1] = n ? data : "";
	st->len[i - 1] = (int)n;
	st->fmt[i - 1] = 1;
	st->type[i - 1] = PG_OID_BYTEA;
	return 0;
}

/* 1 when st must be prepared (again) for the types now bound. */
static int
pg_needs_prepare(const PgStmt *st)
{
	if (st->name[0] == '\0')
		return 1;
	for (int i = 0; i < st->n; i++)
		if (st->val[i] != NULL && st->ptype[i] != 0 &&
		    st->ptype[i] != st->type[i])
			return 1;
	return 0;
}

/*
 * Prepare st on the server with the types bound: as bound; if the server
 * cannot use them, none declared (every value read as the server infers);
 * if it cannot infer one, those it cannot as text.  0, or -1.
 */
static int
pg_server_prepare(PgStmt *st)
{
	PgDb *db = st->db;
	PGresult *r = NULL;
	char name[16];

	snprintf(name, sizeof(name), "ctm%u", ++db->named);
	for (int attempt = 0; attempt < 3; attempt++) {
		const char *code;

		for (int i = 0; i < st->n; i++)
			st->ptype[i] = attempt == 0 || !st->named[i]
			    ? st->type[i]
			    : attempt == 2 && st->type[i] == 0 ? PG_OID_TEXT
							       : 0;
		if (r != NULL)
			pq.clear(r);
		r = pq.prepare(db->c, name, st->sql, st->n, st->ptype);
		if (pg_ok(r))
			break;
		code = pq.resultErrorField(r, PG_DIAG_SQLSTATE);
		/* 42883 no such operator, 42804 datatype mismatch, 42P18
		 * indeterminate datatype: types may help; nothing else will. */
		if (code == NULL ||
		    (strcmp(code, "42883") != 0 && strcmp(code, "42804") != 0 &&
			strcmp(code, "42P18") != 0))
			break;
	}
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		pq.clear(r);
		return -1;
	}
	pq.clear(r);
	memcpy(st->name, name, sizeof(name));
	return 0;
}

/*
 * Send st, prepared on the server, without waiting for its result
 * (db_pg.c's head says why): it is done as far as its caller can see.
 * 0, or -1 when it could not be sent.
 */
static int
pg_send(PgStmt *st)
{
	PgDb *db = st->db;

	/* Rows waiting for COPY go first: this write may refer to them. */
	if ((db->copy_bytes > 0 || db->sending) && pg_sync(db) != 0)
		return -1;
	/*
	 * A segment full: a Sync ends it, and the results of the one
	 * before are read while the server goes on with it.
	 */
	if (db->seg >= PG_PIPELINE_SEG) {
		if (pg_segment_end(db) != 0)
			return -1;
		if (db->syncs >= PG_PIPELINE_SEGS && pg_drain(db) != 0)
			return -1;
	}
	if (db->sent == 0 && db->syncs == 0 &&
	    pq.enterPipelineMode(db->c) != 1) {
		pg_set_error(db, NULL);
		return -1;
	}
	if (pq.sendQueryPrepared(
		db->c, st->name, st->n, st->val, st->len, st->fmt, 0) != 1) {
		pg_set_error(db, NULL);
		db->spoilt = 1;
		if (db->sent == 0 && db->syncs == 0)
			pq.exitPipelineMode(db->c);
		return -1;
	}
	db->sent++;
	db->seg++;
	st->runs++;
	st->sent = 1;
	st->nrows = 0;
	st->row = -1;
	return 0;
}

/*
 * Fetch the next rows of st's cursor into st->res.  0, or -1: st keeps
 * the rows it had, all read, and its next step fails again (a list cut
 * short is never taken for a whole one).
 */
static int
pg_fetch(PgStmt *st)
{
	PgDb *db = st->db;
	char sql[48];
	PGresult *r;

	if (st->cursor_tx != db->tx ||
	    pq.transactionStatus(db->c) != PQTRANS_INTRANS) {
		buf_reset(&db->err);
		buf_puts(&db->err,
		    "the transaction of a list ended before the list");
		return -1;
	}
	if (pg_sync(db) != 0)
		return -1;
	snprintf(sql, sizeof(sql), "FETCH %d FROM %s", PG_FETCH, st->cursor);
	r = pq.exec(db->c, sql);
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		pq.clear(r);
		return -1;
	}
	if (st->res != NULL)
		pq.clear(st->res);
	st->res = r;
	st->nrows = pq.ntuples(r);
	st->row = -1;
	st->more = st->nrows == PG_FETCH;
	return 0;
}

/*
 * Close st's cursor, if it is open in the transaction under way (at its
 * end the server closes it; after a failure in it, it cannot be asked).
 */
static void
pg_cursor_close(PgStmt *st)
{
	PgDb *db = st->db;
	char sql[32];

	if (st->cursor[0] == '\0')
		return;
	if (st->cursor_tx == db->tx && pg_sync(db) == 0 &&
	    pq.transactionStatus(db->c) == PQTRANS_INTRANS) {
		snprintf(sql, sizeof(sql), "CLOSE %s", st->cursor);
		pq.clear(pq.exec(db->c, sql));
	}
	st->cursor[0] = '\0';
	st->more = 0;
}

/* Run st through a cursor of its own, and fetch its first rows. */
static int
pg_cursor_open(PgStmt *st)
{
	PgDb *db = st->db;
	Buf sql = BUF_INIT;
	PGresult *r;

	snprintf(st->cursor, sizeof(st->cursor), "ctmc%u", ++db->cursors);
	buf_printf(
	    &sql, "DECLARE %s NO SCROLL CURSOR FOR %s", st->cursor, st->sql);
	r = pq.execParams(db->c, buf_str(&sql), st->n, st->type, st->val,
	    st->len, st->fmt, 0);
	buf_free(&sql);
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		pq.clear(r);
		st->cursor[0] = '\0';
		return -1;
	}
	pq.clear(r);
	st->cursor_tx = db->tx;
	st->runs++;
	return pg_fetch(st);
}

static int
pg_run(PgStmt *st)
{
	PgDb *db = st->db;
	PGresult *r;

	/*
	 * Run unnamed the first time: a command of the CLI runs most of its
	 * statements once, and preparing one first costs a round trip more.
	 */
	for (int i = 0; i < st->n; i++)
		if (!st->named[i] && st->type[i] == 0)
			st->type[i] = PG_OID_TEXT;
	if (st->write && db->writing && !st->once && st->runs > 0 &&
	    !pg_needs_prepare(st) && !db->spoilt)
		return pg_send(st);
	if (pg_sync(db) != 0)
		return -1;
	if (st->stream && !st->write &&
	    pq.transactionStatus(db->c) == PQTRANS_INTRANS)
		return pg_cursor_open(st);
	if (st->once || st->runs++ == 0)
		r = pq.execParams(db->c, st->sql, st->n, st->type, st->val,
		    st->len, st->fmt, 0);
	else if (pg_needs_prepare(st) && pg_server_prepare(st) != 0)
		return -1;
	else
		r = pq.execPrepared(
		    db->c, st->name, st->n, st->val, st->len, st->fmt, 0);
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		pq.clear(r);
		return -1;
	}
	pg_count_changes(db, r);
	st->res = r;
	st->nrows = pq.ntuples(r);
	st->row = -1;
	return 0;
}

static int
pg_step(DbStmt *base)
{
	PgStmt *st = PST(base);

	if (st->res == NULL && !st->sent && pg_run(st) != 0)
		return DB_ERROR;
	if (st->blob != NULL) {
		pq.freemem(st->blob);
		st->blob = NULL;
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	if (st->more) {
		if (pg_fetch(st) != 0)
			return DB_ERROR;
		if (st->nrows > 0) {
			st->row = 0;
			return DB_ROW;
		}
	}
	pg_cursor_close(st);
	st->row = st->nrows;
	return DB_DONE;
}

/* 1 when column i of the current row can be read. */
static int
pg_has(const PgStmt *st, int i)
{
	return st->res != NULL && st->row >= 0 && st->row < st->nrows &&
	    i >= 0 && !pq.getisnull(st->res, st->row, i);
}

static int64_t
pg_col_int(DbStmt *base, int i)
{
	PgStmt *st = PST(base);
	const char *v;

	if (!pg_has(st, i))
		return 0;
	v = pq.getvalue(st->res, st->row, i);
	/* A boolean, as SQLite's comparisons give 1 and 0. */
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	return strtoll(v, NULL, 10);
}

static const char *
pg_col_text(DbStmt *base, int i)
{
	PgStmt *st = PST(base);

	return pg_has(st, i) ? pq.getvalue(st->res, st->row, i) : NULL;
}

static int
pg_is_null(DbStmt *base, int i)
{
	return !pg_has(PST(base), i);
}

static const void *
pg_col_blob(DbStmt *base, int i, size_t *n)
{
	PgStmt *st = PST(base);

	*n = 0;
	if (!pg_has(st, i))
		return "";
	if (st->blob != NULL)
		pq.freemem(st->blob);
	st->blob = pq.unescapeBytea(
	    (const unsigned char *)pq.getvalue(st->res, st->row, i), n);
	return st->blob ? (const void *)st->blob : "";
}

static void
pg_reset(DbStmt *base)
{
	PgStmt *st = PST(base);

	pg_cursor_close(st);
	if (st->res != NULL) {
		pq.clear(st->res);
		st->res = NULL;
	}
	if (st->blob != NULL) {
		pq.freemem(st->blob);
		st->blob = NULL;
	}
	st->row = st->nrows = 0;
	st->sent = 0;
}

static const char *
pg_errmsg(Db *db)
{
	return buf_str(&PG(db)->err);
}

/*
 * The value the last INSERT took from a sequence (an identity column).
 * Asked in a savepoint inside a transaction: lastval() fails when no
 * sequence was used yet, and a failure would spoil the transaction.
 */
static int64_t
pg_last_id(Db *base)
{
	PgDb *db = PG(base);
	int in_tx;
	PGresult *r;
	int64_t id = 0;

	if (pg_sync(db) != 0)
		return 0;
	in_tx = pq.transactionStatus(db->c) == PQTRANS_INTRANS;
	r = pq.exec(db->c,
	    in_tx ? "SAVEPOINT ctm_lastval; SELECT lastval()"
		  : "SELECT lastval()");
	if (pg_ok(r) && pq.ntuples(r) == 1)
		id = strtoll(pq.getvalue(r, 0, 0), NULL, 10);
	pq.clear(r);
	if (in_tx) {
		r = pq.exec(db->c,
		    id ? "RELEASE ctm_lastval"
		       : "ROLLBACK TO ctm_lastval; RELEASE ctm_lastval");
		pq.clear(r);
	}
	return id;
}

/* A failed write sent before is reported by the COMMIT it spoils. */
static int64_t
pg_changes(Db *db)
{
	pg_sync(PG(db));
	return PG(db)->changes;
}

static void
pg_rollback(Db *base)
{
	PgDb *db = PG(base);

	pg_copy_drop(db);
	pg_sync(db);
	db->writing = db->spoilt = 0;
	if (pq.transactionStatus(db->c) != PQTRANS_IDLE)
		pq.clear(pq.exec(db->c, "ROLLBACK"));
}

static int
pg_begin(Db *base, int how, Buf *err)
{
	PgDb *db = PG(base);
	PGresult *r;
	int got;

	/* What a transaction left unsaid, it left with it. */
	pg_copy_drop(db);
	pg_sync(db);
	/*
	 * One at a time, as on SQLite: PostgreSQL only warns of a BEGIN in
	 * a transaction, and the COMMIT or ROLLBACK of the second would end
	 * the first (a reader's snapshot, ended by a cache's fill).
	 */
	if (pq.transactionStatus(db->c) != PQTRANS_IDLE) {
		buf_printf(err, "database: a transaction is already open");
		return -1;
	}
	db->spoilt = 0;
	db->tx++;
	switch (how) {
	case DB_BEGIN_READ:
		return pg_exec(
		    base, "BEGIN ISOLATION LEVEL REPEATABLE READ", err);
	case DB_BEGIN_NOWAIT:
		if (pg_exec(base, "BEGIN", err) != 0)
			return -1;
		r = pq.exec(db->c,
		    "SELECT pg_try_advisory_xact_lock(" PG_WRITE_LOCK ")");
		got = pg_ok(r) && pq.ntuples(r) == 1 &&
		    pq.getvalue(r, 0, 0)[0] == 't';
		pq.clear(r);
		if (!got) {
			pg_rollback(base);
			buf_printf(err, "database: the write lock is taken");
			return -1;
		}
		db->writing = 1;
		return 0;
	default:
		if (pg_exec(base,
			"BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK
			")",
			err) != 0) {
			pg_rollback(base);
			return -1;
		}
		db->writing = 1;
		return 0;
	}
}

static int
pg_commit(Db *base, Buf *err)
{
	PgDb *db = PG(base);
	PGresult *r;
	int rc = 0;

	if (pg_sync(db) != 0) {
		/* Its message, not COMMIT's "rolled back" that would hide it */
		buf_printf(err, "database: %s", buf_str(&db->err));
		pg_rollback(base);
		return -1;
	}
	db->writing = 0;
	r = pq.exec(db->c, "COMMIT");
	if (!pg_ok(r)) {
		pg_set_error(db, r);
		buf_printf(err, "database: %s", buf_str(&db->err));
		rc = -1;
	} else if (strcmp(pq.cmdStatus(r), "ROLLBACK") == 0) {
		/* A statement failed in it: PostgreSQL ends it so. */
		buf_reset(&db->err);
		buf_puts(
		    &db->err, "the transaction failed and was rolled back");
		buf_printf(err, "database: %s", buf_str(&db->err));
		rc = -1;
	}
	pq.clear(r);
	return rc;
}

/*
 * The server closes its side when it stops or restarts, after a last
 * message saying why: reading what came, without waiting, tells the
 * connection is bad.  The first read may take the message and the
 * second meet the end, so it reads twice (a read of nothing returns at
 * once).  Inside a transaction nothing is read here: the connection is
 * in use.
 */
static int
pg_lost(Db *base)
{
	PgDb *db = PG(base);

	if (db->writing || db->sent > 0 || db->syncs > 0 ||
	    db->copy_bytes > 0 || db->sending ||
	    pq.transactionStatus(db->c) != PQTRANS_IDLE)
		return pq.status(db->c) == CONNECTION_BAD;
	for (int i = 0; i < 2; i++)
		if (pq.consumeInput(db->c) == 0)
			return 1;
	return pq.status(db->c) == CONNECTION_BAD;
}

static const DbDriver pg_driver = {
	.dialect = "postgresql",
	.close = pg_close,
	.collation = pg_collation,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.params = pg_params,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.is_null = pg_is_null,
	.col_blob = pg_col_blob,
	.reset = pg_reset,
	.errmsg = pg_errmsg,
	.last_id = pg_last_id,
	.changes = pg_changes,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.lost = pg_lost,
	.stream = pg_stream,
	.copy = pg_copy,
};
