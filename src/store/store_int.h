/*
 * store_int.h - what the files of src/store share and nobody else sees.
 */
#ifndef CTM_STORE_INT_H
#define CTM_STORE_INT_H

#include "db.h"
#include "store.h"

struct Store {
	Db *db;              /* the connection */
	int64_t strategy_id; /* the loaded strategy, 0 until known */
	int fts_pending;     /* rows wait in temp.fts_pending */
};

/* Append "database: <message>" for the last failure on s to err. */
int store_fail(Store *s, Buf *err);

/* Run a prepared statement that returns no rows; 0 or -1. */
int store_run(Store *s, DbStmt *st, Buf *err);

/* Move the rows waiting for the search index into it (project.c). */
int store_index_flush(Store *s, Buf *err);

/* The generation of the data (store_state), or -1. */
int64_t store_generation(Store *s);

/* The embedded schema text (blobs.S). */
extern const char ctm_blob_schema[];

#endif
