/*
 * store_int.h - what the files of src/store share and nobody else sees.
 */
#ifndef CTM_STORE_INT_H
#define CTM_STORE_INT_H

#include <stdatomic.h>

#include "../text/lang.h"
#include "db.h"
#include "store.h"

/*
 * Batched inserts (project.c): rows of one table go in by the batch, one
 * statement for up to STORE_BATCH_ROWS rows, because a bulk import spends
 * most of its time starting and finishing statements, not in the rows.
 * Values wait in a RowBatch (pointing into what the caller holds, which
 * outlives the flush) until the batch is full or the caller flushes it.
 * A kind of row is a table's INSERT; its slot keeps its statement texts
 * in the Store, one per number of rows, made on first use.
 */
enum {
	STORE_BATCH_PROJECT,
	STORE_BATCH_ORG,
	STORE_BATCH_PLACE,
	STORE_BATCH_INDEX,
	STORE_BATCH_IATI,
	STORE_BATCH_BUDGET,
	STORE_BATCH_ISSUE,
	STORE_BATCH_WORDS,
	STORE_BATCH_KINDS
};
#define STORE_BATCH_ROWS 32
#define STORE_BATCH_COLS 24 /* the most columns a row */

typedef struct BatchKind {
	int slot;         /* STORE_BATCH_... */
	const char *head; /* the INSERT up to its rows */
	int ncol;         /* columns a row, at most STORE_BATCH_COLS */
	const char *tail; /* after the rows; NULL: nothing */
} BatchKind;

typedef struct BatchVal {
	const char *text; /* NULL with is_int 0: SQL NULL */
	int64_t i;
	int is_int;
} BatchVal;

typedef struct RowBatch {
	const BatchKind *kind;
	int rows, n;
	BatchVal v[STORE_BATCH_ROWS * STORE_BATCH_COLS];
} RowBatch;

/* The sequence of project ids past those given (s->ids_taken); 0, -1. */
int store_ids_settle(Store *s, Buf *err);

/* A value of the row being made. */
void store_batch_int(RowBatch *b, int64_t i);
void store_batch_text(RowBatch *b, const char *t);
/* The row is complete: flushed when the batch is full.  0 or -1. */
int store_batch_row(Store *s, RowBatch *b, Buf *err);
/* The rows waiting into the database, in one statement.  0 or -1. */
int store_batch_flush(Store *s, RowBatch *b, Buf *err);

/*
 * A Store speaks to its database through one connection, the primary's,
 * or through two when the server is given a read database (--read-db, a
 * streaming replica): db is the one the statements of the moment go to.
 * store_reads() points it at the reader for a request that only reads;
 * store_begin() points it back at the primary for good (a request that
 * writes reads what it wrote); what a request's own writes depend on a
 * moment later (sessions, sign-in failures, uploads: account.c) and the
 * caches' fills always use the primary.
 */
typedef struct ListReap ListReap;

struct Store {
	char *path;          /* the database's path or URL, as opened */
	Db *db;              /* where statements go now: primary or reader */
	Db *primary;         /* the database's own connection: every write */
	Db *reader;          /* the read database's (read-only), or NULL */
	Db *snapshot;        /* where store_read_begin() began, till its end */
	int pg;              /* it is PostgreSQL's (db_dialect) */
	int64_t strategy_id; /* the loaded strategy, 0 until known */
	int fts_pending;     /* rows wait in temp.fts_pending */
	/* temp.fts_vocab on the primary [0] and the reader [1]: 0 not yet,
	 * 1 made, -1 cannot (a temporary table is a connection's own). */
	int fts_vocab[2];
	size_t fts_queued; /* rows added to temp.fts_add since its flush */
	int bulk;          /* store_bulk_begin() set indexes aside */
	int fk_off;        /* and foreign keys: on again at its end */
	Buf bulk_sql;      /* the CREATE INDEX statements to run again */
	/* PostgreSQL: the triggers of place_total wait, and the table is
	 * filled again at the commit (schema_pg.sql, migration 15). */
	int totals_later;
	/*
	 * The currency last asked in bulk mode and its minor unit: no
	 * other writer can change it while the load holds the lock, and
	 * asking it of PostgreSQL was a round trip an IATI activity.
	 */
	char minor_code[8];
	int minor;
	/*
	 * The highest project id store_projects_add() gave in this
	 * transaction (0: ask the table), and on PostgreSQL the id the
	 * identity's sequence must be brought up to before anything else
	 * takes one (store_ids_settle).  Asking for them at every batch
	 * was two round trips, each waiting for the server to finish the
	 * batch before: the importer and the server took turns.
	 */
	int64_t last_id;
	int64_t ids_taken;
	/*
	 * INSERT texts by kind and number of rows, made on first use;
	 * [1], those of a bulk load on SQLite (INSERT OR FAIL: batch_sql).
	 */
	char *batch_sql[2][STORE_BATCH_KINDS][STORE_BATCH_ROWS + 1];
	/* PostgreSQL: the "table(columns)" of each kind, for db_copy(). */
	char *batch_copy[STORE_BATCH_KINDS];
	/* The thread freeing what a list read by two threads left. */
	ListReap *reaper;
};

/*
 * A second store on s's SQLite file that only reads, for another thread
 * (a long list read in two halves: query.c), closed by store_close().
 * NULL with a message in err; always on PostgreSQL.
 */
Store *store_peer_open(Store *s, Buf *err);

/*
 * For the tests: how many lists were read by two threads (query.c), and
 * a function the second thread calls before it begins to read (NULL).
 */
extern atomic_long store_list_splits;
/* Wait for the freeing of what the store's last list left (query.c). */
void store_list_reap(Store *s);
extern void (*store_list_split_hook)(void);

/* Append "database: <message>" for the last failure on s to err. */
int store_fail(Store *s, Buf *err);
/* The same for the last failure on the connection db (-1). */
int store_fail_on(Db *db, Buf *err);

/* Column i of the current row as a new string, or NULL for SQL NULL. */
char *store_col_dup(DbStmt *st, int i);

/* Step a statement whose RETURNING gives an id; the id, or -1. */
int64_t store_returning_id(Store *s, DbStmt *st, Buf *err);

/* Run a prepared statement that returns no rows; 0 or -1. */
int store_run(Store *s, DbStmt *st, Buf *err);

/*
 * The integer the one-column statement sql gives for its one text
 * parameter key (an id by its key): 0 when no row, -1 on failure.
 */
int64_t store_id_of(Store *s, const char *sql, const char *key, Buf *err);

/*
 * Run each of sql[0..n) (literals with one parameter) with id bound: the
 * deletions of what hangs off a row.  0, or -1 at the first failure.
 */
int store_run_each(
    Store *s, const char *const *sql, size_t n, int64_t id, Buf *err);

/* Move the rows waiting for the search index into it (project.c). */
int store_index_flush(Store *s, Buf *err);

/* Fill the search index anew when a migration asked for it (project.c). */
int store_reindex(Store *s, Buf *err);

/*
 * Counts of projects by filter, kept like statistics (stats.c): 1 and
 * *total when the count of f at the current generation (*gen) is known;
 * store_count_keep() remembers one, best effort.
 */
int store_count_cached(
    Store *s, const ProjectFilter *f, int64_t *gen, int64_t *total);
void store_count_keep(
    Store *s, const ProjectFilter *f, int64_t gen, int64_t total);

/* The generation of the data (store_state), or -1. */
int64_t store_generation(Store *s);
/* The same as the connection db sees it. */
int64_t store_generation_on(Db *db);

/*
 * Begin a cache's fill on the primary: a write transaction if the write
 * lock is free now and the primary's data is still at generation gen (a
 * result computed on a replica that lags, or before a write committed,
 * must not be kept as the newer generation's, nor push its rows out).
 * The primary's connection, in its transaction, or NULL: skip the fill.
 */
Db *store_fill_begin(Store *s, int64_t gen);
/* Commit the fill w when ok, else roll it back. */
void store_fill_end(Store *s, Db *w, int ok);

/*
 * A signed-in request's reads see no older data than the primary's at
 * generation gen (its session was checked there): a replica that has
 * not caught up gives way to the primary for the rest of the request, so
 * that whoever has just written sees it, replication lag or not.
 */
void store_reads_fresh(Store *s, int64_t gen);

/*
 * A statement that sorts names, in each language's collation: head, then
 * " COLLATE lang_XX" after the name that ORDER BY sorts, then tail; an
 * initialiser of NLANG string literals in the order of lang_code (ar zh
 * en fr ru es), since db_prepare() keys statements by their text's
 * address.  The collations are lang_collate()'s, which store_open()
 * gives every connection; English too, as its dictionaries have it:
 * "Åland" with the A (not after "Zimbabwe"), "Türkiye" before
 * "Turkmenistan" (not after "Tuvalu").
 */
#define STORE_BY_LANG(head, tail)                                              \
	{                                                                      \
		head " COLLATE lang_ar" tail, head " COLLATE lang_zh" tail,    \
		    head " COLLATE lang_en" tail,                              \
		    head " COLLATE lang_fr" tail,                              \
		    head " COLLATE lang_ru" tail, head " COLLATE lang_es" tail \
	}

/* The text of sql (STORE_BY_LANG's) for lang: English's for NULL or none. */
const char *store_sql_by_lang(const char *const sql[NLANG], const char *lang);

/* The embedded schema texts (blobs.S): SQLite's, PostgreSQL's. */
extern const char ctm_blob_schema[];
extern const char ctm_blob_schema_pg[];

/*
 * The text of a statement for the store's database: lite, or post on
 * PostgreSQL.  Both string literals (db_prepare keys statements by their
 * text's address).  For the few statements SQLite and PostgreSQL say
 * differently; most are written in the SQL both read.
 */
#define STORE_SQL(s, lite, post) ((s)->pg ? (post) : (lite))

/*
 * Step st (bound) and give each row's columns 0 and 1 to fn as a
 * RefItem's key and name; reset it.  0 or -1.
 */
int store_ref_rows(Store *s, DbStmt *st, StoreRefFn fn, void *ctx, Buf *err);

#endif
