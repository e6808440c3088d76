/*
 * plan_commit.h - storing a person's change to a plan of action.
 *
 * The CLI and the pages change plans the same way: each change in one
 * transaction with its audit entry (subject "plan").  Who may do what:
 *
 *   admin, secretariat  add revisions, adopt one, link any project;
 *   focal_point         link and unlink its entity's projects to the
 *                       measures of an adopted plan;
 *   anyone else         nothing.
 *
 * A revision must be UTF-8 text without NUL bytes; the refusal names the
 * line and column of the first bad byte.  A measure to link must be one
 * of the adopted revision's.
 */
#ifndef CTM_IO_PLAN_COMMIT_H
#define CTM_IO_PLAN_COMMIT_H

#include "../store/store.h"
#include "project_commit.h"

/* A plan key: 1 to 40 of a-z, 0-9 and '-'. */
int plan_key_ok(const char *key);

/*
 * Check that text[0 .. n) can be a draft: 0, or -1 with "line L, column
 * C: ..." in msg.
 */
int plan_text_ok(const char *text, size_t n, Buf *msg);

/*
 * Add a revision to plan key (created, with title, when it does not
 * exist; title NULL keeps the one it has).  who NULL is the command line.
 * A COMMIT_* code (COMMIT_CREATED with *seq set), msg saying why not.
 */
int plan_commit_revision(Store *s, const Account *who, const char *key,
    const char *title, const char *label, const char *filename, int markdown,
    const char *text, size_t n, int *seq, Buf *msg);

/* Adopt revision seq of plan key (0: back to a draft). */
int plan_commit_adopt(
    Store *s, const Account *who, const char *key, int seq, Buf *msg);

/* Link (on) or unlink project_id to measure of the adopted plan key. */
int plan_commit_link(Store *s, const Account *who, const char *key,
    const char *measure, int64_t project_id, int on, Buf *msg);

#endif
