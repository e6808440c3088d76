/*
 * project_commit.c - storing a person's change to a project (see
 * project_commit.h).
 */
#include <stdlib.h>
#include <string.h>

#include "project_commit.h"
#include "project_json.h"
#include "../text/lang.h"

int
project_may_write(const Account *who)
{
	return who->id > 0 && who->role != NULL &&
	    (strcmp(who->role, "admin") == 0 ||
		strcmp(who->role, "secretariat") == 0 ||
		strcmp(who->role, "focal_point") == 0);
}

int
commit_begin(Store *s, Buf *msg)
{
	Buf err = BUF_INIT;
	int rc = store_begin(s, &err);

	buf_free(&err);
	if (rc == 0)
		return COMMIT_OK;
	buf_puts(msg, TC("the database is busy: try again"));
	return COMMIT_BUSY;
}

int
commit_finish(Store *s, int code, Buf *err, Buf *msg)
{
	if (code >= 400 || err->len > 0) {
		store_rollback(s);
		if (code < 400 || (code == COMMIT_FAILED && err->len > 0)) {
			buf_set(msg, buf_str(err));
			code = COMMIT_FAILED;
		}
	} else if (store_commit(s, err) != 0) {
		buf_set(msg, buf_str(err));
		code = COMMIT_FAILED;
	}
	return code;
}

int
project_may_change(Store *s, const Account *who, int64_t id, Buf *msg)
{
	Buf err = BUF_INIT;
	int got;

	if (!project_may_write(who)) {
		buf_puts(msg, TC("this role may not change projects"));
		return 0;
	}
	if (strcmp(who->role, "focal_point") != 0)
		return 1;
	got = store_project_has_entity(s, id, who->entity, &err);
	buf_free(&err);
	if (got == 0)
		buf_puts(msg,
		    TC("a focal point changes only its entity's projects"));
	return got;
}

int
commit_project_ok(Store *s, const Account *who, int64_t id, Buf *err, Buf *msg)
{
	Project p;
	int got;

	memset(&p, 0, sizeof(p));
	got = store_project_get(s, id, &p, err);
	project_clear(&p);
	if (got < 0)
		return COMMIT_FAILED;
	if (got == 0) {
		buf_printf(msg, TC("no project %lld"), (long long)id);
		return COMMIT_NOT_FOUND;
	}
	if (who != NULL && project_may_change(s, who, id, msg) != 1)
		return COMMIT_FORBIDDEN;
	return COMMIT_OK;
}

int
commit_audit(Store *s, const Account *who, const char *action,
    const char *subject, int64_t id, json_t *old, json_t *new, Buf *err)
{
	char *o = old ? json_dumps(old, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *n = new ? json_dumps(new, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = store_audit_add(s, who ? who->id : 0, who ? who->login : "cli",
	    action, subject, id, o, n, err);

	free(o);
	free(n);
	return rc;
}

int
project_commit(Store *s, const Account *who, Project *p, int del, Buf *msg)
{
	Project old;
	Buf err = BUF_INIT;
	char *before = NULL, *after = NULL;
	const char *action = del ? "delete" : p->id ? "update" : "create";
	int rc = COMMIT_FAILED, got;

	memset(&old, 0, sizeof(old));
	if (!project_may_write(who)) {
		buf_puts(msg, TC("this role may not change projects"));
		return COMMIT_FORBIDDEN;
	}
	if (store_begin(s, &err) != 0) {
		buf_puts(msg, TC("the database is busy: try again"));
		buf_free(&err);
		return COMMIT_BUSY;
	}
	if (p->id > 0) {
		got = store_project_get(s, p->id, &old, &err);
		if (got == 0) {
			buf_puts(msg, TC("no such project"));
			rc = COMMIT_NOT_FOUND;
			goto fail;
		}
		if (got < 0 ||
		    (got = project_may_change(s, who, p->id, msg)) < 0)
			goto failed;
		if (got == 0) {
			rc = COMMIT_FORBIDDEN;
			goto fail;
		}
		before = project_json_text(&old);
	}
	if (del) {
		if (store_project_delete(s, p->id, &err) < 0)
			goto failed;
	} else {
		if (store_project_save(s, p, &err) != 0)
			goto failed;
		/* A focal point cannot hand a project to others. */
		if (strcmp(who->role, "focal_point") == 0) {
			got = store_project_has_entity(
			    s, p->id, who->entity, &err);
			if (got < 0)
				goto failed;
			if (got == 0) {
				buf_printf(msg,
				    TC("a focal point's project keeps "
				       "naming its entity (%s)"),
				    who->entity);
				rc = COMMIT_FORBIDDEN;
				goto fail;
			}
		}
		after = project_json_text(p);
	}
	if (store_audit_add(s, who->id, who->login, action, "project", p->id,
		before, after, &err) != 0 ||
	    store_commit(s, &err) != 0)
		goto failed;
	rc = del ? COMMIT_DELETED : before ? COMMIT_OK : COMMIT_CREATED;
	goto out;
failed:
	buf_printf(msg, TC("the change failed: %s"), buf_str(&err));
	rc = COMMIT_FAILED;
fail:
	store_rollback(s);
out:
	project_clear(&old);
	free(before);
	free(after);
	buf_free(&err);
	return rc;
}
