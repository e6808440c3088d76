/*
 * account.c - accounts, sessions and the audit trail in the database (see
 * store.h).  Hashing and checking passwords is src/account's; this file
 * only keeps what it is given.
 *
 * Everything here runs on the primary (s->primary), even in a request
 * whose reads go to a replica (store_reads): a session made a moment ago,
 * a failed sign-in counted on another server, an upload sent by the
 * request before: a replica that lags would not have them yet, and would
 * sign someone out, let a guesser through, or lose a file.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "store_int.h"

void
account_clear(Account *a)
{
	free(a->login);
	free(a->role);
	free(a->entity);
	free(a->password_hash);
	free(a->lang);
	memset(a, 0, sizeof(*a));
}

#define ACCOUNT_COLUMNS                                                        \
	"a.id, a.login, a.role, o.key, a.organisation_id, a.password_hash,"    \
	" a.disabled, a.lang"

static void
account_read(DbStmt *st, Account *a)
{
	a->id = db_int(st, 0);
	a->login = store_col_dup(st, 1);
	a->role = store_col_dup(st, 2);
	a->entity = store_col_dup(st, 3);
	a->entity_id = db_int(st, 4);
	a->password_hash = store_col_dup(st, 5);
	a->disabled = (int)db_int(st, 6);
	a->lang = store_col_dup(st, 7);
}

/*
 * The organisation id of an account's entity: required of a focal point
 * (the projects it may change), optional for the other roles (which
 * restricted needs they see).  0 for none, -1 on error.
 */
static int64_t
account_entity(Store *s, const char *role, const char *entity, Buf *err)
{
	DbStmt *st;
	int64_t id = 0;

	if (entity == NULL && strcmp(role, "focal_point") != 0)
		return 0;
	if (entity == NULL) {
		buf_puts(err, "a focal point needs its entity (--entity KEY)");
		return -1;
	}
	st = db_prepare(
	    s->primary, "SELECT id FROM organisation WHERE key = ?", err);
	if (st == NULL || db_bind(st, "t", entity) != 0)
		return -1;
	if (db_step(st) == DB_ROW)
		id = db_int(st, 0);
	db_reset(st);
	if (id == 0)
		buf_printf(err, "no organisation with the key \"%s\"", entity);
	return id > 0 ? id : -1;
}

int64_t
store_account_add(Store *s, const char *login, const char *role,
    const char *entity, const char *password_hash, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st;
	int64_t org, id = -1;
	int rc;

	if ((org = account_entity(s, role, entity, err)) < 0)
		return -1;
	store_now(&now);
	st = db_prepare(s->primary,
	    "INSERT INTO account(login, password_hash, role, organisation_id,"
	    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
	    " ON CONFLICT(login) DO NOTHING",
	    err);
	if (st == NULL || db_bind(st, "ttt", login, password_hash, role) != 0)
		goto out;
	if (org > 0)
		db_bind_int(st, 4, org);
	db_bind_text(st, 5, buf_str(&now));
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ERROR) {
		store_fail_on(s->primary, err);
		goto out;
	}
	id = db_changes(s->primary) ? db_last_id(s->primary) : 0;
out:
	buf_free(&now);
	return id;
}

int
store_account_get(Store *s, const char *login, Account *a, Buf *err)
{
	DbStmt *st = db_prepare(s->primary,
	    "SELECT " ACCOUNT_COLUMNS " FROM account a"
	    " LEFT JOIN organisation o ON o.id = a.organisation_id"
	    " WHERE a.login = ?",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "t", login) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		account_read(st, a);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail_on(s->primary, err);
	return rc == DB_ROW;
}

int
store_accounts(Store *s, StoreAccountFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->primary,
	    "SELECT " ACCOUNT_COLUMNS " FROM account a"
	    " LEFT JOIN organisation o ON o.id = a.organisation_id"
	    " ORDER BY a.login",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		Account a;
		int stop;

		memset(&a, 0, sizeof(a));
		account_read(st, &a);
		stop = fn(ctx, &a);
		account_clear(&a);
		if (stop)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail_on(s->primary, err) : 0;
}

/* Run UPDATE sql on account id with one value (text or, if NULL, int). */
static int
account_update(Store *s, const char *sql, int64_t id, const char *text,
    int64_t value, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->primary, sql, err);
	int rc = -1;

	store_now(&now);
	if (st == NULL)
		goto out;
	db_bind_int(st, 1, id);
	if (text != NULL)
		db_bind_text(st, 2, text);
	else
		db_bind_int(st, 2, value);
	db_bind_text(st, 3, buf_str(&now));
	rc = store_run(s, st, err);
out:
	buf_free(&now);
	return rc;
}

int
store_account_set_password(
    Store *s, int64_t id, const char *password_hash, Buf *err)
{
	return account_update(s,
	    "UPDATE account SET password_hash = ?2, updated_at = ?3"
	    " WHERE id = ?1",
	    id, password_hash, 0, err);
}

int
store_account_set_disabled(Store *s, int64_t id, int disabled, Buf *err)
{
	return account_update(s,
	    "UPDATE account SET disabled = ?2, updated_at = ?3 WHERE id = ?1",
	    id, NULL, disabled != 0, err);
}

int
store_account_set_lang(Store *s, int64_t id, const char *lang, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->primary,
	    "UPDATE account SET lang = ?2, updated_at = ?3 WHERE id = ?1", err);
	int rc = -1;

	store_now(&now);
	if (st != NULL && db_bind(st, "itt", id, lang, buf_str(&now)) == 0)
		rc = store_run(s, st, err);
	buf_free(&now);
	return rc;
}

int
store_account_set_role(
    Store *s, int64_t id, const char *role, const char *entity, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st;
	int64_t org;
	int rc = -1;

	if ((org = account_entity(s, role, entity, err)) < 0)
		return -1;
	store_now(&now);
	st = db_prepare(s->primary,
	    "UPDATE account SET role = ?2, organisation_id = ?3,"
	    " updated_at = ?4 WHERE id = ?1",
	    err);
	if (st != NULL && db_bind(st, "it", id, role) == 0) {
		if (org > 0)
			db_bind_int(st, 3, org);
		db_bind_text(st, 4, buf_str(&now));
		rc = store_run(s, st, err);
	}
	buf_free(&now);
	return rc;
}

/* now + seconds as UTC ISO 8601, comparable as text with store_now(). */
static void
time_after(long seconds, Buf *out)
{
	time_t t = time(NULL) + seconds;
	struct tm tm;
	char b[32];

	gmtime_r(&t, &tm);
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_set(out, b);
}

int
store_session_add(Store *s, int64_t account_id, const char *kind,
    const char *token_hash, const char *csrf, long seconds, Buf *err)
{
	Buf now = BUF_INIT, until = BUF_INIT;
	DbStmt *st = db_prepare(s->primary,
	    "INSERT INTO session(token_hash, account_id, kind, csrf,"
	    " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
	    err);
	int rc = -1;

	store_now(&now);
	time_after(seconds, &until);
	if (st != NULL &&
	    db_bind(st, "titttt", token_hash, account_id, kind, csrf,
		buf_str(&now), buf_str(&until)) == 0)
		rc = store_run(s, st, err);
	buf_free(&now);
	buf_free(&until);
	return rc;
}

int
store_session_find(
    Store *s, const char *token_hash, Account *a, Buf *csrf, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->primary,
	    "SELECT " ACCOUNT_COLUMNS ", se.csrf,"
	    " (SELECT value FROM store_state WHERE key = 'generation')"
	    " FROM session se"
	    " JOIN account a ON a.id = se.account_id"
	    " LEFT JOIN organisation o ON o.id = a.organisation_id"
	    " WHERE se.token_hash = ? AND se.expires_at > ?"
	    " AND a.disabled = 0",
	    err);
	int rc = -1;

	store_now(&now);
	if (st == NULL || db_bind(st, "tt", token_hash, buf_str(&now)) != 0)
		goto out;
	rc = db_step(st);
	if (rc == DB_ROW) {
		account_read(st, a);
		if (csrf != NULL)
			buf_set(csrf, db_is_null(st, 8) ? "" : db_text(st, 8));
		store_reads_fresh(s, db_int(st, 9));
	}
	db_reset(st);
	rc = rc == DB_ERROR ? store_fail_on(s->primary, err) : rc == DB_ROW;
out:
	buf_free(&now);
	return rc;
}

int
store_sessions_end(Store *s, int64_t account_id, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->primary, "DELETE FROM session WHERE account_id = ?", err);

	if (st == NULL || db_bind(st, "i", account_id) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_audit_add(Store *s, int64_t account_id, const char *actor,
    const char *action, const char *subject, int64_t subject_id,
    const char *old_json, const char *new_json, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->primary,
	    "INSERT INTO audit(at, account_id, actor, action, subject,"
	    " subject_id, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	int rc = -1;

	store_now(&now);
	if (st == NULL)
		goto out;
	db_bind_text(st, 1, buf_str(&now));
	if (account_id > 0)
		db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, subject);
	if (subject_id > 0)
		db_bind_int(st, 6, subject_id);
	db_bind_text(st, 7, old_json);
	db_bind_text(st, 8, new_json);
	rc = store_run(s, st, err);
out:
	buf_free(&now);
	return rc;
}

int
store_audit(Store *s, const char *subject, int64_t subject_id, StoreAuditFn fn,
    void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->primary,
	    "SELECT id, at, actor, action, subject, subject_id, old, new"
	    " FROM audit WHERE (CAST(?1 AS text) IS NULL OR subject = ?1)"
	    " AND (?2 = 0 OR subject_id = ?2) ORDER BY id DESC",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "ti", subject, subject_id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		AuditEntry e = { db_int(st, 0), db_text(st, 1), db_text(st, 2),
			db_text(st, 3), db_text(st, 4), db_int(st, 5),
			db_text_or_null(st, 6), db_text_or_null(st, 7) };

		if (fn(ctx, &e) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail_on(s->primary, err) : 0;
}

int
store_session_end(Store *s, const char *token_hash, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->primary, "DELETE FROM session WHERE token_hash = ?", err);

	if (st == NULL || db_bind(st, "t", token_hash) != 0)
		return -1;
	return store_run(s, st, err);
}

int64_t
store_login_failures(Store *s, const char *key, long seconds, Buf *err)
{
	Buf since = BUF_INIT;
	DbStmt *st = db_prepare(s->primary,
	    "SELECT count(*) FROM login_failure WHERE key = ? AND at > ?", err);
	int64_t n = -1;

	time_after(-seconds, &since);
	if (st != NULL && db_bind(st, "tt", key, buf_str(&since)) == 0) {
		if (db_step(st) == DB_ROW)
			n = db_int(st, 0);
		else
			store_fail_on(s->primary, err);
		db_reset(st);
	}
	buf_free(&since);
	return n;
}

int
store_login_failure_add(Store *s, const char *key, Buf *err)
{
	Buf now = BUF_INIT, day = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	store_now(&now);
	time_after(-86400, &day);
	st = db_prepare(
	    s->primary, "DELETE FROM login_failure WHERE at < ?", err);
	if (st == NULL || db_bind(st, "t", buf_str(&day)) != 0 ||
	    store_run(s, st, err) != 0)
		goto out;
	st = db_prepare(s->primary,
	    "INSERT INTO login_failure(key, at) VALUES (?, ?)", err);
	if (st != NULL && db_bind(st, "tt", key, buf_str(&now)) == 0)
		rc = store_run(s, st, err);
out:
	buf_free(&now);
	buf_free(&day);
	return rc;
}

int
store_login_failures_clear(Store *s, const char *key, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->primary, "DELETE FROM login_failure WHERE key = ?", err);

	if (st == NULL || db_bind(st, "t", key) != 0)
		return -1;
	return store_run(s, st, err);
}

int64_t
store_upload_add(Store *s, int64_t account_id, const char *filename,
    const char *format, const Buf *data, Buf *err)
{
	Buf now = BUF_INIT, day = BUF_INIT;
	DbStmt *st;
	int64_t id = -1;

	store_now(&now);
	time_after(-86400, &day);
	st = db_prepare(
	    s->primary, "DELETE FROM upload WHERE created_at < ?", err);
	if (st == NULL || db_bind(st, "t", buf_str(&day)) != 0 ||
	    store_run(s, st, err) != 0)
		goto out;
	st = db_prepare(s->primary,
	    "INSERT INTO upload(account_id, filename, format, data, created_at)"
	    " VALUES (?, ?, ?, ?, ?)",
	    err);
	if (st == NULL ||
	    db_bind(st, "itt", account_id, filename, format) != 0 ||
	    db_bind_blob(st, 4, buf_str(data), data->len) != 0 ||
	    db_bind_text(st, 5, buf_str(&now)) != 0 ||
	    store_run(s, st, err) != 0)
		goto out;
	id = db_last_id(s->primary);
out:
	buf_free(&now);
	buf_free(&day);
	return id;
}

int
store_upload_get(Store *s, int64_t id, int64_t account_id, Buf *filename,
    Buf *format, Buf *data, Buf *err)
{
	DbStmt *st = db_prepare(s->primary,
	    "SELECT filename, format, data FROM upload"
	    " WHERE id = ? AND account_id = ?",
	    err);
	const void *b;
	size_t n;
	int rc;

	if (st == NULL || db_bind(st, "ii", id, account_id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		buf_set(filename, db_text(st, 0));
		buf_set(format, db_text(st, 1));
		b = db_blob(st, 2, &n);
		buf_reset(data);
		buf_append(data, b, n);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail_on(s->primary, err) : rc == DB_ROW;
}

int
store_upload_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->primary, "DELETE FROM upload WHERE id = ?", err);

	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	return store_run(s, st, err);
}
