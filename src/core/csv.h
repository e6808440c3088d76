/*
 * csv.h - reading and writing RFC 4180 comma-separated values.
 *
 * The reader walks a text held in memory one record at a time; quoted fields
 * may hold commas, doubled quotes and line breaks.  It is used for the UNSD
 * M49 table and for uploaded spreadsheets, so it reports the line where a
 * record goes wrong rather than guessing.  The writer quotes a field only
 * when it must.
 */
#ifndef CTM_CORE_CSV_H
#define CTM_CORE_CSV_H

#include <stddef.h>

#include "buf.h"

typedef struct CsvReader {
	const char *p;      /* next byte to read */
	const char *end;    /* one past the last byte */
	size_t line;        /* line number of p, from 1 */
	size_t record_line; /* line where the last record began */
	Buf data;           /* fields of the last record, NUL-separated */
	size_t *off;        /* offset of each field in data */
	size_t nfield;      /* fields in the last record */
	size_t cap;         /* slots allocated in off */
} CsvReader;

/* Start reading text[0..n); a leading UTF-8 byte-order mark is skipped. */
void csv_init(CsvReader *r, const char *text, size_t n);

/*
 * Read the next record.  Return 1 when one was read (fields through
 * csv_field), 0 at the end of the text, -1 on a malformed record with a
 * message naming the line in err.
 */
int csv_next(CsvReader *r, Buf *err);

/* Field i of the last record (i < r->nfield), NUL-terminated. */
const char *csv_field(const CsvReader *r, size_t i);

/* Free what the reader allocated. */
void csv_free(CsvReader *r);

/* Append s to out as one CSV field, quoted if it holds , " CR or LF. */
void csv_put_field(Buf *out, const char *s);

#endif
