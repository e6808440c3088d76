/*
 * need_io.h - needs in and out: JSON, CSV, storing a person's change with
 * its audit entry, and importing a CSV file of needs.
 *
 * Every change to a need is made here, in one transaction with its entry
 * in the audit trail (subject "need"), under the rules of
 * portfolio/need.h.  A need the person may not see is answered exactly as
 * a need that does not exist: the same code, the same words.
 */
#ifndef CTM_IO_NEED_IO_H
#define CTM_IO_NEED_IO_H

#include <jansson.h>

#include "../store/store.h"
#include "project_commit.h"

/* n as the JSON the API and the CLI give (a new reference). */
json_t *need_json(const Need *n);

/* The duplication report (portfolio/dup.h) as the API and the CLI give
 * it: {"projects", "compared", "pairs": [...]} (a new reference). */
struct DupReport;
json_t *dup_report_json(const struct DupReport *r);

/* The columns of need_csv_row(), one CSV record, and a need as one. */
void need_csv_header(Buf *out);
void need_csv_row(Buf *out, const Need *n);

/*
 * Store n on behalf of who (NULL: the command line): a new need when
 * n->id is 0, else a change of need n->id, which who must be able to see;
 * del deletes it.  need_complete() is applied first.  A COMMIT_* code, or
 * 400 when n is incomplete; msg says why when it is not a success.
 */
int need_commit(Store *s, const Account *who, Need *n, int del, Buf *msg);

/*
 * Link (on) or unlink project_id to need_id on behalf of who: the need
 * keepers may link any project, a focal point its entity's.  COMMIT_OK
 * (also when nothing changed), or an error code with msg.
 */
int need_commit_link(Store *s, const Account *who, int64_t need_id,
    int64_t project_id, int on, Buf *msg);

/* What an import did. */
typedef struct NeedImport {
	int64_t added, updated, rows;
} NeedImport;

/*
 * Import the CSV text[0..n) (name for messages) on behalf of who: a
 * header row naming need fields (need.h; a few common headings as
 * written in assessment tables are understood too), then one need per
 * row.  A row with a ref that is already stored changes that need.  Every
 * row is checked; when any is wrong nothing is stored, and msg lists the
 * faults as "name:LINE: column: message", one a line.  A COMMIT_* code
 * (COMMIT_OK when stored, 400 when the file is wrong).
 */
int need_import_csv(Store *s, const Account *who, const char *name,
    const char *text, size_t n, int demo, NeedImport *out, Buf *msg);

#endif
