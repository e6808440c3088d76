/*
 * plan_commit.c - changes to plans of action with their audit entries
 * (plan_commit.h).
 */
#include <stdio.h>
#include <string.h>

#include "../core/utf8.h"
#include "../plan/plan.h"
#include "plan_commit.h"
#include "../text/lang.h"

static int
is_staff(const Account *who)
{
	return who == NULL || strcmp(who->role, "admin") == 0 ||
	    strcmp(who->role, "secretariat") == 0;
}

int
plan_key_ok(const char *key)
{
	size_t n = strlen(key);

	if (n == 0 || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') ||
			(key[i] >= '0' && key[i] <= '9') || key[i] == '-'))
			return 0;
	return 1;
}

int
plan_text_ok(const char *text, size_t n, Buf *msg)
{
	size_t bad = utf8_check(text, n), nul = n, at, line = 1, col = 1;
	const char *z = memchr(text, '\0', n);

	if (n == 0) {
		buf_puts(msg, TC("the draft is empty"));
		return -1;
	}
	if (z != NULL)
		nul = (size_t)(z - text);
	at = bad < nul ? bad : nul;
	if (at == n)
		return 0;
	for (size_t i = 0; i < at; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			col++;
		}
	}
	if (at == nul)
		buf_printf(msg,
		    TC("line %zu, column %zu: a NUL byte: the draft must be "
		       "text"),
		    line, col);
	else
		buf_printf(msg,
		    TC("line %zu, column %zu: not UTF-8: save the draft as "
		       "UTF-8 text"),
		    line, col);
	return -1;
}

/* Begin, or say the database is busy. */
static int
begin(Store *s, Buf *msg)
{
	Buf err = BUF_INIT;
	int rc = store_begin(s, &err);

	if (rc != 0)
		buf_puts(msg, TC("the database is busy: try again"));
	buf_free(&err);
	return rc;
}

/* Commit; COMMIT_FAILED with the reason if the store fails. */
static int
finish(Store *s, int ok_code, Buf *err, Buf *msg)
{
	if (ok_code >= 400 || err->len > 0) {
		store_rollback(s);
		if (ok_code < 400) {
			buf_set(msg, buf_str(err));
			ok_code = COMMIT_FAILED;
		}
	} else if (store_commit(s, err) != 0) {
		buf_set(msg, buf_str(err));
		ok_code = COMMIT_FAILED;
	}
	buf_free(err);
	return ok_code;
}

/* Plan key, read into pi: COMMIT_OK, or COMMIT_NOT_FOUND or
 * COMMIT_FAILED with msg saying why. */
static int
plan_find(Store *s, const char *key, PlanInfo *pi, Buf *err, Buf *msg)
{
	int got = store_plan_get(s, key, pi, err);

	if (got < 0) {
		buf_set(msg, buf_str(err));
		return COMMIT_FAILED;
	}
	if (got == 0) {
		buf_printf(msg, TC("no plan %s"), key);
		return COMMIT_NOT_FOUND;
	}
	return COMMIT_OK;
}

static int
audit(Store *s, const Account *who, const char *action, int64_t id,
    const char *json, Buf *err)
{
	return store_audit_add(s, who ? who->id : 0, who ? who->login : "cli",
	    action, "plan", id, NULL, json, err);
}

int
plan_commit_revision(Store *s, const Account *who, const char *key,
    const char *title, const char *label, const char *filename, int markdown,
    const char *text, size_t n, int *seq, Buf *msg)
{
	Buf err = BUF_INIT, j = BUF_INIT;
	PlanInfo pi;
	int64_t id;
	int got, rc = COMMIT_CREATED;

	memset(&pi, 0, sizeof(pi));
	if (!is_staff(who)) {
		buf_puts(
		    msg, TC("only the secretariat adds revisions of a plan"));
		return COMMIT_FORBIDDEN;
	}
	if (!plan_key_ok(key)) {
		buf_printf(msg,
		    TC("%s: 1 to 40 lower-case letters, digits or '-'"), "key");
		return 400;
	}
	if (plan_text_ok(text, n, msg) != 0)
		return 400;
	if (label == NULL || *label == '\0' || strlen(label) > 200) {
		buf_printf(msg,
		    TC("%s: give the revision a label (1 to 200 "
		       "characters), e.g. \"rev2\""),
		    "label");
		return 400;
	}
	if (begin(s, msg) != 0)
		return COMMIT_BUSY;
	if ((got = store_plan_get(s, key, &pi, &err)) < 0)
		goto out;
	if (got == 0 && (title == NULL || *title == '\0')) {
		buf_printf(msg, TC("plan %s is new: give it a title"), key);
		rc = 400;
		goto out;
	}
	id = store_plan_put(
	    s, key, title && *title ? title : buf_str(&pi.title), &err);
	if (id < 0 ||
	    (*seq = store_plan_revision_add(s, id, label, filename, markdown,
		 text, n, who ? who->login : "cli", &err)) < 0)
		goto out;
	buf_puts(&j, "{\"revision\": ");
	buf_printf(&j, "%d, \"label\": ", *seq);
	buf_json_string(&j, label);
	buf_puts(&j, ", \"file\": ");
	buf_json_string(&j, filename);
	buf_printf(&j, ", \"bytes\": %zu}", n);
	audit(s, who, "plan-revision", id, buf_str(&j), &err);
out:
	plan_info_clear(&pi);
	buf_free(&j);
	return finish(s, rc, &err, msg);
}

int
plan_commit_adopt(
    Store *s, const Account *who, const char *key, int seq, Buf *msg)
{
	Buf err = BUF_INIT, j = BUF_INIT;
	PlanInfo pi;
	int rc = COMMIT_OK;

	memset(&pi, 0, sizeof(pi));
	if (!is_staff(who)) {
		buf_puts(msg, TC("only the secretariat adopts a plan"));
		return COMMIT_FORBIDDEN;
	}
	if (begin(s, msg) != 0)
		return COMMIT_BUSY;
	if ((rc = plan_find(s, key, &pi, &err, msg)) != COMMIT_OK)
		goto out;
	if (seq < 0 || seq > pi.nrev) {
		buf_printf(msg, TC("plan %s has no revision %d (1 to %d)"), key,
		    seq, pi.nrev);
		rc = COMMIT_NOT_FOUND;
		goto out;
	}
	if (store_plan_adopt(s, pi.id, seq, &err) != 0)
		goto out;
	buf_printf(&j, "{\"adopted\": %d}", seq);
	audit(s, who, "plan-adopt", pi.id, buf_str(&j), &err);
out:
	plan_info_clear(&pi);
	buf_free(&j);
	return finish(s, rc, &err, msg);
}

/* Is measure one of the numbered measures of the text? */
static int
has_measure(const char *text, size_t n, int markdown, const char *measure)
{
	Plan p;
	int found = 0;

	plan_read(
	    &p, text, n, markdown ? PLAN_MARKDOWN : PLAN_TEXT, NULL, NULL);
	for (size_t i = 0; i < p.nblock && !found; i++)
		found = p.block[i].kind == PLAN_MEASURE &&
		    p.block[i].numlen == strlen(measure) &&
		    memcmp(text + p.block[i].num, measure, p.block[i].numlen) ==
			0;
	plan_free(&p);
	return found;
}

int
plan_commit_link(Store *s, const Account *who, const char *key,
    const char *measure, int64_t project_id, int on, Buf *msg)
{
	Buf err = BUF_INIT, j = BUF_INIT, body = BUF_INIT;
	PlanInfo pi;
	PlanRevInfo ri;
	int got, rc = COMMIT_OK;

	memset(&pi, 0, sizeof(pi));
	memset(&ri, 0, sizeof(ri));
	if (!is_staff(who) &&
	    (who == NULL || strcmp(who->role, "focal_point") != 0)) {
		buf_puts(
		    msg, TC("this role may not link projects to measures"));
		return COMMIT_FORBIDDEN;
	}
	if (begin(s, msg) != 0)
		return COMMIT_BUSY;
	if ((rc = plan_find(s, key, &pi, &err, msg)) != COMMIT_OK)
		goto out;
	if (pi.adopted_seq == 0) {
		buf_printf(msg,
		    TC("plan %s is not adopted: measures are linked "
		       "to projects once it is"),
		    key);
		rc = 409;
		goto out;
	}
	if (store_plan_revision_get(
		s, pi.id, pi.adopted_seq, &ri, &body, &err) <= 0)
		goto out;
	if (!has_measure(buf_str(&body), body.len, ri.markdown, measure)) {
		buf_printf(
		    msg, TC("the adopted plan has no measure %s"), measure);
		rc = COMMIT_NOT_FOUND;
		goto out;
	}
	if (!is_staff(who)) {
		got =
		    store_project_has_entity(s, project_id, who->entity, &err);
		if (got < 0)
			goto out;
		if (got == 0) {
			buf_puts(msg,
			    TC("a focal point links only its entity's "
			       "projects"));
			rc = COMMIT_FORBIDDEN;
			goto out;
		}
	} else {
		Project p;

		memset(&p, 0, sizeof(p));
		got = store_project_get(s, project_id, &p, &err);
		project_clear(&p);
		if (got < 0)
			goto out;
		if (got == 0) {
			buf_printf(
			    msg, TC("no project %lld"), (long long)project_id);
			rc = COMMIT_NOT_FOUND;
			goto out;
		}
	}
	if (store_plan_link(s, pi.id, measure, project_id, on, &err) != 0)
		goto out;
	buf_puts(&j, "{\"measure\": ");
	buf_json_string(&j, measure);
	buf_printf(&j, ", \"project\": %lld}", (long long)project_id);
	audit(
	    s, who, on ? "plan-link" : "plan-unlink", pi.id, buf_str(&j), &err);
out:
	plan_info_clear(&pi);
	plan_rev_clear(&ri);
	buf_free(&j);
	buf_free(&body);
	return finish(s, rc, &err, msg);
}
