/*
 * project_csv.h - reading a CSV of projects, as a focal point uploads it.
 *
 * The file is RFC 4180 text (core/csv.h) in UTF-8 with a header row that
 * names its columns, in any order and any case: pillar, serial, title,
 * period, entities, status, activities, scope (doc/csv-format.md).  A
 * column no one knows is an error that names it; a column with no name
 * must stay empty.  Each record becomes a ProjectCsvRow: its fields with
 * white space collapsed, the pillar as a key, the serial as a number, the
 * period parsed, the entities split on ";", the status mapped.  A record
 * that cannot be a project (no title, no pillar, a serial that is not a
 * number, more or fewer fields than the header) is an error with
 * "file:line: message", the line being where the record starts; smaller
 * defects (an empty status, a period that does not read) are notes of the
 * row.  Blank records are skipped.
 *
 * Nothing here touches the database (annex_import.c resolves the names
 * and stores the rows), so the whole of it can be fuzzed.
 */
#ifndef CTM_IO_PROJECT_CSV_H
#define CTM_IO_PROJECT_CSV_H

#include <stddef.h>

#include "../core/buf.h"
#include "../core/csv.h"
#include "annex.h"

/*
 * Part of every CSV row's digest: bump it whenever a change here would
 * read the same record differently.
 */
#define PROJECT_CSV_VERSION 1

/* The columns, in the order the digest takes them. */
typedef enum ProjectCsvColumn {
	PCSV_PILLAR,
	PCSV_SERIAL,
	PCSV_TITLE,
	PCSV_PERIOD,
	PCSV_ENTITIES,
	PCSV_STATUS,
	PCSV_ACTIVITIES,
	PCSV_SCOPE,
	PCSV_NCOLUMNS
} ProjectCsvColumn;

/* Column names as the header writes them (lower case), by column. */
extern const char *const project_csv_columns[PCSV_NCOLUMNS];

/* One record, read. */
typedef struct ProjectCsvRow {
	size_t line;              /* line the record starts on */
	const char *pillar;       /* key I..XX (a static string) */
	long serial;              /* -1 when the serial is empty */
	Buf field[PCSV_NCOLUMNS]; /* each field, white space collapsed */
	Period period;            /* parsed; all zero when none */
	int has_period;           /* the period was read */
	const char *status;       /* vocab_status() of the status, or NULL */
	char **entity;            /* entities as written, lead first */
	size_t nentity;
	AnnexNotes notes; /* defects of the record (line not in message) */
} ProjectCsvRow;

typedef struct ProjectCsvReader {
	CsvReader csv;      /* the records */
	const char *name;   /* file name for messages */
	const char *text;   /* the whole text (not owned) */
	size_t size;        /* its length */
	const char *pillar; /* pillar of rows whose pillar is empty, or NULL */
	int started;        /* the text was checked and the header read */
	int col[PCSV_NCOLUMNS]; /* field index of each column, -1 if absent */
	int *unnamed;           /* field indexes of columns without a name */
	size_t nunnamed;
	size_t nfield;     /* fields of the header */
	ProjectCsvRow row; /* the row last given out */
} ProjectCsvReader;

/*
 * Read text[0..size) (not copied: it must outlive the reader); name is
 * used in messages; pillar (a key, or NULL) is the pillar of rows whose
 * pillar cell is empty.  Free with project_csv_free().
 */
void project_csv_init(ProjectCsvReader *r, const char *text, size_t size,
    const char *name, const char *pillar);
void project_csv_free(ProjectCsvReader *r);

/*
 * Give the next row in *row (valid until the next call): 1 when there is
 * one, 0 at the end, -1 on an error with "file:line: message" (or
 * "file:line:column: message") in err.  After -1 the reader must not be
 * called again.
 */
int project_csv_next(ProjectCsvReader *r, const ProjectCsvRow **row, Buf *err);

#endif
