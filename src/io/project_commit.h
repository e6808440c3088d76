/*
 * project_commit.h - storing a person's change to a project.
 *
 * The API and the web forms change projects the same way: in one
 * transaction, the project as it is now is read back (for the trail and
 * for the right to change it), the change is written, and the audit trail
 * gets who, when, what, and the values before and after.  The rules of who
 * may change what live here, once:
 *
 *   admin, secretariat  any project;
 *   focal_point         a project naming its entity (or a sub-unit of it),
 *                       and the project must still name it afterwards;
 *   anyone else         nothing.
 */
#ifndef CTM_IO_PROJECT_COMMIT_H
#define CTM_IO_PROJECT_COMMIT_H

#include <jansson.h>

#include "../store/store.h"

/* What project_commit() did, as the HTTP status that says it. */
enum {
	COMMIT_OK = 200,
	COMMIT_CREATED = 201,
	COMMIT_DELETED = 204,
	COMMIT_FORBIDDEN = 403, /* who may not: msg says why */
	COMMIT_NOT_FOUND = 404,
	COMMIT_BUSY = 503,  /* the database is locked: try again */
	COMMIT_FAILED = 500 /* the store failed: msg says how */
};

/*
 * Begin a change: COMMIT_OK, or COMMIT_BUSY with msg saying so when the
 * database is locked.
 */
int commit_begin(Store *s, Buf *msg);

/*
 * End a change begun with store_begin(): roll back when code is an error
 * or err holds one (a store failure: COMMIT_FAILED, msg says how), else
 * commit.  The code to answer (COMMIT_FAILED, with err's message in msg,
 * also when code says the store failed and err says how).
 */
int commit_finish(Store *s, int code, Buf *err, Buf *msg);

/* May who change projects at all (by role)? */
int project_may_write(const Account *who);

/*
 * May who change project id as it is stored now?  1, 0 (msg says why), or
 * -1 when the store fails.
 */
int project_may_change(Store *s, const Account *who, int64_t id, Buf *msg);

/*
 * Project id exists and who (NULL: the command line) may change it:
 * COMMIT_OK, or COMMIT_NOT_FOUND / COMMIT_FORBIDDEN with msg, or
 * COMMIT_FAILED with err.
 */
int commit_project_ok(
    Store *s, const Account *who, int64_t id, Buf *err, Buf *msg);

/*
 * An entry in the audit trail for who (NULL: the command line): action
 * on subject id, with the values before and after (either NULL) as
 * compact JSON.  0 or -1.
 */
int commit_audit(Store *s, const Account *who, const char *action,
    const char *subject, int64_t id, json_t *old, json_t *new, Buf *err);

/*
 * Save p (a new project when p->id is 0) or, when del, delete project
 * p->id, on behalf of who.  Returns one of the COMMIT_* codes, with a
 * sentence in msg when it is not a success.  On success p->id is set.
 */
int project_commit(Store *s, const Account *who, Project *p, int del, Buf *msg);

#endif
