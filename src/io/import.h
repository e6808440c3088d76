/*
 * import.h - importing published matrices and CSV files of projects into
 * the store.
 *
 * annex_import() reads one or more files in the published matrix format
 * (annex.h) or as CSV (project_csv.h, doc/csv-format.md), resolves
 * entities and places against the reference data, and writes every row as
 * a project, all in one transaction: either every file is imported or the
 * database is left as it was.  It is idempotent: a row already imported
 * unchanged is not written again, so importing the same file twice changes
 * nothing.  A caller can watch every row's fate (ImportOptions.row), with
 * or without writing (dry_run): that is the preview of an upload.  A focal
 * point's upload is held to its entity (ImportOptions.entity).
 */
#ifndef CTM_IO_IMPORT_H
#define CTM_IO_IMPORT_H

#include "../store/store.h"
#include "annex.h"

/* How annex_import() reads its files (ImportOptions.format). */
enum ImportFormat {
	IMPORT_FORMAT_AUTO,   /* by name: ".csv" (any case) CSV, else matrix */
	IMPORT_FORMAT_MATRIX, /* the published matrix (annex.h) */
	IMPORT_FORMAT_CSV     /* a CSV of projects (project_csv.h) */
};

/* A row and what the import makes of it, for ImportOptions.row. */
typedef struct ImportRow {
	const char *file; /* the file it comes from */
	size_t line;      /* the line it starts on */
	/* "added", "changed", "unchanged", "repeated" or "refused" */
	const char *outcome;
	const Project *p; /* the project as read and resolved */
	int64_t id;       /* the project the row matches (its source), or 0 */
} ImportRow;

typedef struct ImportOptions {
	/*
	 * Pillar for matrix rows before any heading, and for CSV records
	 * whose pillar is empty; or NULL.
	 */
	const char *pillar;
	int dry_run; /* read and resolve, write nothing */
	/*
	 * The name of the one file imported, when it is not its path (an
	 * upload kept in a file of ours): in messages and as the projects'
	 * source; or NULL.
	 */
	const char *source_name;
	int format; /* IMPORT_FORMAT_* */
	/*
	 * An organisation key, or NULL.  When set, every row must name it or
	 * one of its sub-units, and a row that updates a project must update
	 * one that names it already; a row that does not is "refused" (a
	 * note of kind not-your-entity), and in a real import any refused
	 * row fails the import.
	 */
	const char *entity;
	/*
	 * Called by the writer for every row once its outcome is decided,
	 * dry run or not, before the row is written; a new project may be
	 * written later, in a batch, so its p->id is 0 here.  r and what it
	 * points at are valid during the call only.  Return 0 to go on;
	 * anything else stops the import, which then fails.  May be NULL.
	 */
	int (*row)(void *ctx, const ImportRow *r);
	void *row_ctx;
	/* Called now and then with rows done so far (may be NULL). */
	void (*progress)(void *ctx, const char *file, long rows);
	void *progress_ctx;
	/* Who imports, for the audit trail: a login, or NULL for "cli". */
	const char *actor;
	int64_t account_id; /* the account, or 0 */
} ImportOptions;

/* A defect met, with its file and line, for the import report. */
typedef struct ImportNote {
	char *file;
	size_t line;
	char *kind;
	char *message;
} ImportNote;

typedef struct ImportReport {
	long rows;             /* rows read */
	long added;            /* new projects */
	long updated;          /* projects whose row changed */
	long unchanged;        /* rows already imported as they are */
	long repeated;         /* rows repeated within the import */
	long refused;          /* rows that do not name opt->entity */
	long joined;           /* rows joined across page breaks */
	long unknown_entities; /* entity names no organisation has */
	long unknown_places;   /* place names no place has */
	ImportNote *note;      /* defects, in file order: the first nkept */
	size_t nnote, cap;     /* defects met; room in note */
	size_t nkept;          /* defects kept in note (IMPORT_NOTES_KEPT) */
} ImportReport;

/*
 * The defects an import report holds, so that its memory stays flat
 * whatever the file: the rest are counted, and are in the store for
 * `ctmatrix check` as every defect is.
 */
#define IMPORT_NOTES_KEPT 10000

/*
 * Import files[0..nfiles), each read as opt->format says.  Return 0, or -1
 * with "file:line:column: message" (or "file:line: message") in err and
 * the database unchanged.  Free rep with import_report_free() either way.
 * In a dry run nothing is written and refused rows do not fail it.
 */
int annex_import(Store *s, const char *const *files, int nfiles,
    const ImportOptions *opt, ImportReport *rep, Buf *err);
void import_report_free(ImportReport *rep);
/* Add a defect of a project's source row to p's issues (copied). */
void import_issue_add(Project *p, const char *kind, const char *message);

/* Add a defect met to rep's notes (everything copied). */
void import_report_note(ImportReport *rep, const char *file, size_t line,
    const char *kind, const char *message);

#endif
