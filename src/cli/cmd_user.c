/*
 * cmd_user.c - `ctmatrix user`, `ctmatrix token` and `ctmatrix audit`: the
 * accounts that sign in to the web application and the API, and the trail
 * of every change.
 *
 * Passwords come from standard input, never from the command line (where
 * other users see them in the process list): asked twice, unechoed, on a
 * terminal; one line otherwise, for scripts.  Every change to an account
 * goes in the audit trail in the same transaction, as done by "cli".
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <jansson.h>

#include "../account/account.h"
#include "../account/prefs.h"
#include "../portfolio/resolve.h"
#include "cli.h"

/* API tokens last this long unless --days says otherwise. */
#define TOKEN_DAYS_DEFAULT 90

/* Read a password: twice and unechoed on a terminal, else one line. */
static int
read_password(const Cli *c, Buf *pw)
{
	struct termios old, quiet;
	Buf again = BUF_INIT;
	int ok;

	if (!isatty(STDIN_FILENO)) {
		if (!buf_read_line(pw, stdin))
			return cli_error(EXIT_FAIL,
			    tr(c->lang, "no password on standard input"));
		return EXIT_OK;
	}
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	fprintf(stderr, "%s ", tr(c->lang, "Password:"));
	ok = buf_read_line(pw, stdin);
	fprintf(stderr, "\n%s ", tr(c->lang, "Again:"));
	ok = ok && buf_read_line(&again, stdin);
	fputc('\n', stderr);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	ok = ok && strcmp(buf_str(pw), buf_str(&again)) == 0;
	buf_free(&again);
	return ok
	    ? EXIT_OK
	    : cli_error(EXIT_FAIL, tr(c->lang, "the two passwords differ"));
}

/*
 * The canonical key of the --entity given (an alias such as HCDH names
 * OHCHR), or NULL when none was given; "" when it names no organisation.
 */
static const char *
entity_key(Cli *c, Buf *key)
{
	const char *given = cli_opt(c, "entity");
	Buf kind = BUF_INIT;

	if (given == NULL)
		return NULL;
	if (!resolve_one(c->store, 0, given, key, &kind))
		buf_set(key, "");
	buf_free(&kind);
	return buf_str(key);
}

/* An account's fields for the audit trail (never its password). */
static char *
account_json_text(
    const char *login, const char *role, const char *entity, int disabled)
{
	json_t *j = json_pack("{s:s, s:s, s:s?, s:b}", "login", login, "role",
	    role, "entity", entity, "disabled", disabled);
	char *t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(j);
	return t;
}

/*
 * Run one change to an account in a transaction with its audit entry.
 * change() does the change and says what it was (action, old, new).
 */
typedef struct Change {
	const char *hash;   /* in: the new password hash (passwd) */
	const char *entity; /* in: the new entity's key (role) */
	const char *action; /* out: what it was */
	char *old_json, *new_json;
} Change;

static int
user_change(Cli *c, const Account *a, const char *hash, const char *entity,
    int (*change)(Cli *, const Account *, Change *, Buf *), Buf *err)
{
	Change ch = { hash, entity, NULL, NULL, NULL };
	int rc = -1;

	if (store_begin(c->store, err) != 0)
		return -1;
	if (change(c, a, &ch, err) == 0 &&
	    store_audit_add(c->store, 0, "cli", ch.action, "account", a->id,
		ch.old_json, ch.new_json, err) == 0 &&
	    store_commit(c->store, err) == 0)
		rc = 0;
	else
		store_rollback(c->store);
	free(ch.old_json);
	free(ch.new_json);
	return rc;
}

static int
change_password(Cli *c, const Account *a, Change *ch, Buf *err)
{
	ch->action = "password";
	return store_account_set_password(c->store, a->id, ch->hash, err) ||
	    store_sessions_end(c->store, a->id, err);
}

static int
change_role(Cli *c, const Account *a, Change *ch, Buf *err)
{
	const char *role = c->arg[2], *entity = ch->entity;

	ch->action = "update";
	ch->old_json =
	    account_json_text(a->login, a->role, a->entity, a->disabled);
	ch->new_json = account_json_text(a->login, role, entity, a->disabled);
	return store_account_set_role(c->store, a->id, role, entity, err) ||
	    store_sessions_end(c->store, a->id, err);
}

static int
change_disabled(Cli *c, const Account *a, Change *ch, Buf *err)
{
	int off = strcmp(c->arg[0], "disable") == 0;

	ch->action = "update";
	ch->old_json =
	    account_json_text(a->login, a->role, a->entity, a->disabled);
	ch->new_json = account_json_text(a->login, a->role, a->entity, off);
	return store_account_set_disabled(c->store, a->id, off, err) ||
	    (off && store_sessions_end(c->store, a->id, err));
}

static int
user_add(Cli *c, const char *login, const char *entity, Buf *err)
{
	const char *role = cli_opt(c, "role");
	Buf pw = BUF_INIT, hash = BUF_INIT;
	char *new_json = NULL;
	int64_t id;
	int rc;

	if (role == NULL || !account_role_valid(role))
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "user add: --role wants one of %s"),
		    account_role_list);
	if ((rc = read_password(c, &pw)) != EXIT_OK)
		goto out;
	if (account_password_check(buf_str(&pw), err) != 0 ||
	    account_password_hash(buf_str(&pw), &hash, err) != 0) {
		rc = cli_error(
		    EXIT_FAIL, tr(c->lang, "user add: %s"), buf_str(err));
		goto out;
	}
	rc = EXIT_SYSTEM;
	if (store_begin(c->store, err) != 0)
		goto fail;
	id = store_account_add(
	    c->store, login, role, entity, buf_str(&hash), err);
	if (id == 0) {
		store_rollback(c->store);
		rc = cli_error(EXIT_FAIL,
		    tr(c->lang, "user add: the login %s is taken"), login);
		goto out;
	}
	new_json = account_json_text(login, role, entity, 0);
	if (id < 0) {
		store_rollback(c->store);
		rc = cli_error(
		    EXIT_FAIL, tr(c->lang, "user add: %s"), buf_str(err));
		goto out;
	}
	if (store_audit_add(c->store, 0, "cli", "create", "account", id, NULL,
		new_json, err) != 0 ||
	    store_commit(c->store, err) != 0) {
		store_rollback(c->store);
		goto fail;
	}
	printf(tr(c->lang, "account %s added (%s%s%s)\n"), login, role,
	    entity ? ", " : "", entity ? entity : "");
	rc = EXIT_OK;
	goto out;
fail:
	rc = cli_error(EXIT_SYSTEM, tr(c->lang, "user add: %s"), buf_str(err));
out:
	buf_wipe(&pw);
	buf_free(&hash);
	free(new_json);
	return rc;
}

typedef struct ListCtx {
	CliTable table;
	json_t *list;
} ListCtx;

static int
list_one(void *ctx, const Account *a)
{
	ListCtx *l = ctx;
	const char *row[] = { a->login, a->role, a->entity ? a->entity : "",
		a->disabled ? "disabled" : "active" };

	json_array_append_new(l->list,
	    json_pack("{s:s, s:s, s:s?, s:b, s:s?}", "login", a->login, "role",
		a->role, "entity", a->entity, "disabled", a->disabled, "lang",
		a->lang));
	cli_table_add(&l->table, row);
	return 0;
}

static int
user_list(Cli *c, Buf *err)
{
	static const char *head[] = { N_("LOGIN"), N_("ROLE"), N_("ENTITY"),
		N_("STATE") };
	static const char *head_csv[] = { "login", "role", "entity", "state" };
	ListCtx l;
	int rc = EXIT_OK;

	cli_table_init(
	    &l.table, 4, strcmp(c->format, "csv") == 0 ? head_csv : head);
	l.table.keys = CLI_COL(1) | CLI_COL(3);
	l.list = json_array();
	if (store_accounts(c->store, list_one, &l, err) != 0)
		rc = cli_error(
		    EXIT_SYSTEM, tr(c->lang, "user list: %s"), buf_str(err));
	else if (strcmp(c->format, "json") == 0)
		cli_print_json(json_pack("{s:O}", "accounts", l.list));
	else
		cli_table_print(&l.table, c->format, c->lang);
	json_decref(l.list);
	cli_table_free(&l.table);
	return rc;
}

/*
 * `user lang LOGIN [L]`: the language the account chose for its pages
 * ("none" when it chose none), or set it to L (one of the six, or
 * "none"), audited as done by "cli".
 */
static int
user_lang(Cli *c, Account *a, Buf *err)
{
	const char *lang = c->narg > 2 ? c->arg[2] : NULL;
	int rc;

	if (lang == NULL) {
		if (strcmp(c->format, "json") == 0)
			cli_print_json(json_pack(
			    "{s:s, s:s?}", "login", a->login, "lang", a->lang));
		else
			printf("%s\n", a->lang ? a->lang : "none");
		return EXIT_OK;
	}
	if (strcmp(lang, "none") == 0)
		lang = NULL;
	else if (!lang_ok(lang))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"user lang: the language is ar, en, es, fr, ru, zh or "
			"none"));
	rc = prefs_lang_set(c->store, a, lang, 0, "cli", err);
	if (rc != 0)
		return cli_error(rc < 0 ? EXIT_SYSTEM : EXIT_USAGE,
		    tr(c->lang, "user %s: %s"), "lang", buf_str(err));
	printf(tr(c->lang, "account %s: %s done\n"), a->login, "lang");
	return EXIT_OK;
}

/* The account named by login; EXIT_OK, or an exit code after a message. */
static int
user_find(Cli *c, const char *login, Account *a, Buf *err)
{
	int got = store_account_get(c->store, login, a, err);

	if (got < 0)
		return cli_error(EXIT_SYSTEM, "%s", buf_str(err));
	if (got == 0)
		return cli_error(
		    EXIT_FAIL, tr(c->lang, "no account %s"), login);
	return EXIT_OK;
}

int
cmd_user(Cli *c)
{
	const char *verb = c->arg[0];
	static const struct {
		const char *verb;
		int nargs, most; /* operands with the verb: at least, at most */
	} verbs[] = { { "add", 2, 2 }, { "disable", 2, 2 }, { "enable", 2, 2 },
		{ "lang", 2, 3 }, { "list", 1, 1 }, { "passwd", 2, 2 },
		{ "role", 3, 3 } };
	Account a;
	Buf err = BUF_INIT, pw = BUF_INIT, hash = BUF_INIT, entity = BUF_INIT;
	const char *key; /* the --entity's canonical key, or NULL */
	size_t i;
	int rc;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(verbs[i].verb, verb) == 0)
			break;
	if (i == sizeof(verbs) / sizeof(verbs[0]))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"user: no \"%s\" (add, passwd, role, lang, disable, "
			"enable, list)"),
		    verb);
	if (c->narg < verbs[i].nargs || c->narg > verbs[i].most)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"user %s: wrong number of arguments (see `ctmatrix "
			"help "
			"user`)"),
		    verb);
	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (account_init() != 0)
		return cli_error(
		    EXIT_SYSTEM, tr(c->lang, "cannot start libsodium"));
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	key = entity_key(c, &entity);
	if (key != NULL && *key == '\0') {
		rc = cli_error(EXIT_FAIL,
		    tr(c->lang, "user %s: no organisation \"%s\""), verb,
		    cli_opt(c, "entity"));
		goto out;
	}
	if (strcmp(verb, "list") == 0) {
		rc = user_list(c, &err);
		goto out;
	}
	if (account_login_check(c->arg[1], &err) != 0) {
		rc = cli_error(EXIT_USAGE, tr(c->lang, "user %s: %s"), verb,
		    buf_str(&err));
		goto out;
	}
	if (strcmp(verb, "add") == 0) {
		rc = user_add(c, c->arg[1], key, &err);
		goto out;
	}
	if ((rc = user_find(c, c->arg[1], &a, &err)) != EXIT_OK)
		goto out;
	if (strcmp(verb, "lang") == 0) {
		rc = user_lang(c, &a, &err);
		goto out;
	}
	if (strcmp(verb, "passwd") == 0) {
		if ((rc = read_password(c, &pw)) != EXIT_OK)
			goto out;
		if (account_password_check(buf_str(&pw), &err) != 0 ||
		    account_password_hash(buf_str(&pw), &hash, &err) != 0) {
			rc = cli_error(EXIT_FAIL,
			    tr(c->lang, "user passwd: %s"), buf_str(&err));
			goto out;
		}
		rc = user_change(
		    c, &a, buf_str(&hash), NULL, change_password, &err);
	} else if (strcmp(verb, "role") == 0) {
		if (!account_role_valid(c->arg[2])) {
			rc = cli_error(EXIT_USAGE,
			    tr(c->lang, "user role: the role is one of %s"),
			    account_role_list);
			goto out;
		}
		rc = user_change(c, &a, NULL, key, change_role, &err);
	} else {
		rc = user_change(c, &a, NULL, NULL, change_disabled, &err);
	}
	if (rc != 0) {
		rc = cli_error(
		    EXIT_FAIL, tr(c->lang, "user %s: %s"), verb, buf_str(&err));
		goto out;
	}
	printf(tr(c->lang, "account %s: %s done\n"), a.login, verb);
out:
	account_clear(&a);
	buf_wipe(&pw);
	buf_free(&hash);
	buf_free(&entity);
	buf_free(&err);
	return rc;
}

int
cmd_token(Cli *c)
{
	const char *days = cli_opt(c, "days");
	Account a;
	Buf err = BUF_INIT, token = BUF_INIT, hash = BUF_INIT;
	long n = TOKEN_DAYS_DEFAULT;
	char *end;
	int rc;

	memset(&a, 0, sizeof(a));
	if (days != NULL) {
		n = strtol(days, &end, 10);
		if (*days == '\0' || *end != '\0' || n < 1 || n > 3650)
			return cli_error(EXIT_USAGE,
			    tr(c->lang,
				"token: --days wants a number from 1 to 3650"));
	}
	if (account_init() != 0)
		return cli_error(
		    EXIT_SYSTEM, tr(c->lang, "cannot start libsodium"));
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if ((rc = user_find(c, c->arg[0], &a, &err)) != EXIT_OK)
		goto out;
	if (a.disabled) {
		rc = cli_error(EXIT_FAIL,
		    tr(c->lang, "token: account %s is disabled"), a.login);
		goto out;
	}
	account_token_new(&token, &hash);
	if (store_begin(c->store, &err) != 0 ||
	    store_session_add(c->store, a.id, "api", buf_str(&hash), NULL,
		n * 86400L, &err) != 0 ||
	    store_audit_add(c->store, 0, "cli", "token", "account", a.id, NULL,
		NULL, &err) != 0 ||
	    store_commit(c->store, &err) != 0) {
		store_rollback(c->store);
		rc = cli_error(
		    EXIT_SYSTEM, tr(c->lang, "token: %s"), buf_str(&err));
		goto out;
	}
	/* The token itself is shown this once and kept nowhere. */
	printf("%s\n", buf_str(&token));
out:
	account_clear(&a);
	buf_wipe(&token);
	buf_free(&hash);
	buf_free(&err);
	return rc;
}

typedef struct AuditCtx {
	CliTable table;
	json_t *list;
} AuditCtx;

static int
audit_one(void *ctx, const AuditEntry *e)
{
	AuditCtx *ac = ctx;
	Buf id = BUF_INIT, change = BUF_INIT;
	json_t *j;

	buf_printf(&id, "%" PRId64, e->subject_id);
	buf_printf(&change, "%s -> %s", e->old_json ? e->old_json : "-",
	    e->new_json ? e->new_json : "-");
	{
		const char *row[] = { e->at, e->actor, e->action, e->subject,
			buf_str(&id), buf_str(&change) };

		cli_table_add(&ac->table, row);
	}
	j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)e->id,
	    "at", e->at, "actor", e->actor, "action", e->action, "subject",
	    e->subject, "subject_id", (json_int_t)e->subject_id);
	json_object_set_new(j, "old",
	    e->old_json ? json_loads(e->old_json, 0, NULL) : json_null());
	json_object_set_new(j, "new",
	    e->new_json ? json_loads(e->new_json, 0, NULL) : json_null());
	json_array_append_new(ac->list, j);
	buf_free(&id);
	buf_free(&change);
	return 0;
}

int
cmd_audit(Cli *c)
{
	static const char *head[] = { N_("AT"), N_("ACTOR"), N_("ACTION"),
		N_("SUBJECT"), N_("ID"), N_("CHANGE") };
	static const char *head_csv[] = { "at", "actor", "action", "subject",
		"id", "change" };
	const char *project = cli_opt(c, "project");
	AuditCtx ac;
	Buf err = BUF_INIT;
	int64_t id = 0;
	char *end;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (project != NULL) {
		id = strtoll(project, &end, 10);
		if (*project == '\0' || *end != '\0' || id <= 0)
			return cli_error(EXIT_USAGE,
			    tr(c->lang, "audit: --project wants a project id"));
	}
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	cli_table_init(
	    &ac.table, 6, strcmp(c->format, "csv") == 0 ? head_csv : head);
	ac.table.last_wraps = 1;
	ac.list = json_array();
	if (store_audit(c->store, project ? "project" : NULL, id, audit_one,
		&ac, &err) != 0)
		rc = cli_error(
		    EXIT_SYSTEM, tr(c->lang, "audit: %s"), buf_str(&err));
	else if (strcmp(c->format, "json") == 0)
		cli_print_json(json_pack("{s:O}", "audit", ac.list));
	else
		cli_table_print(&ac.table, c->format, c->lang);
	json_decref(ac.list);
	cli_table_free(&ac.table);
	buf_free(&err);
	return rc;
}
