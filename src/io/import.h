/*
 * import.h - importing published matrices into the store.
 *
 * annex_import() reads one or more files in the published matrix format
 * (annex.h), resolves entities and places against the reference data, and
 * writes every row as a project, all in one transaction: either every
 * file is imported or the database is left as it was.  It is idempotent:
 * a row already imported unchanged is not written again, so importing the
 * same file twice changes nothing.
 */
#ifndef CTM_IO_IMPORT_H
#define CTM_IO_IMPORT_H

#include "../store/store.h"
#include "annex.h"

typedef struct ImportOptions {
	const char *pillar; /* pillar for rows before any heading, or NULL */
	int dry_run;        /* read and resolve, write nothing */
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
	long joined;           /* rows joined across page breaks */
	long unknown_entities; /* entity names no organisation has */
	long unknown_places;   /* place names no place has */
	ImportNote *note;      /* defects, in file order */
	size_t nnote, cap;
} ImportReport;

/*
 * Import files[0..nfiles).  Return 0, or -1 with "file:line:column:
 * message" in err and the database unchanged.  Free rep with
 * import_report_free() either way.
 */
int annex_import(Store *s, const char *const *files, int nfiles,
    const ImportOptions *opt, ImportReport *rep, Buf *err);
void import_report_free(ImportReport *rep);

#endif
