/*
 * board_io.c - the lifecycle and the Board in and out, and every change
 * to them (board_io.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "board_io.h"
#include "../text/lang.h"

/* The prefix every demonstration record's reason carries. */
#define DEMO_MARK "DEMONSTRATION RECORD"

void
board_usd_text(int64_t cents, Buf *out)
{
	buf_printf(out, "%lld.%02lld", (long long)(cents / 100),
	    (long long)(cents % 100));
}

static json_t *
usd_json(int64_t cents)
{
	Buf b = BUF_INIT;
	json_t *j;

	if (cents < 0)
		return json_null();
	board_usd_text(cents, &b);
	j = json_string(buf_str(&b));
	buf_free(&b);
	return j;
}

json_t *
stage_decision_json(const StageDecision *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "from",
	    d->from_stage ? json_integer(d->from_stage) : json_null());
	json_object_set_new(
	    o, "from_name", json_string(board_stage_name(d->from_stage)));
	json_object_set_new(o, "to", json_integer(d->to_stage));
	json_object_set_new(
	    o, "to_name", json_string(board_stage_name(d->to_stage)));
	json_object_set_new(o, "actor", json_string(d->actor));
	json_object_set_new(o, "decided_at", json_string(d->decided_at));
	json_object_set_new(o, "reason", json_string(d->reason));
	json_object_set_new(o, "board_decision",
	    d->board_decision_id ? json_integer(d->board_decision_id)
				 : json_null());
	return o;
}

json_t *
board_decision_json(const BoardDecision *d)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "project", json_integer(d->project_id));
	if (d->project_title != NULL)
		json_object_set_new(
		    o, "project_title", json_string(d->project_title));
	json_object_set_new(
	    o, "round", d->round ? json_string(d->round) : json_null());
	json_object_set_new(o, "decision", json_string(d->decision));
	json_object_set_new(o, "seed_usd_cents", json_integer(d->seed_usd));
	json_object_set_new(o, "seed_usd", usd_json(d->seed_usd));
	json_object_set_new(o, "conditions", json_string(d->conditions));
	json_object_set_new(o, "reason", json_string(d->reason));
	json_object_set_new(o, "meeting", json_string(d->meeting));
	json_object_set_new(o, "actor", json_string(d->actor));
	if (d->recorded_at != NULL)
		json_object_set_new(
		    o, "recorded_at", json_string(d->recorded_at));
	json_object_set_new(o, "demo", json_boolean(d->demo));
	return o;
}

static json_t *
count_or_null(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

json_t *
seed_round_json(const SeedRound *r, int recorded)
{
	json_t *o = json_object();

	json_object_set_new(o, "key", json_string(r->key));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "year", json_integer(r->year));
	json_object_set_new(o, "source", json_string(r->source));
	json_object_set_new(o, "published",
	    json_pack("{s:o, s:o, s:o}", "projects",
		count_or_null(r->published_projects), "usd_cents",
		count_or_null(r->published_usd), "usd",
		usd_json(r->published_usd)));
	if (recorded)
		json_object_set_new(o, "recorded",
		    json_pack("{s:I, s:I, s:I, s:o, s:I, s:I, s:I, s:o}",
			"decisions", (json_int_t)r->decisions, "projects",
			(json_int_t)r->projects, "usd_cents",
			(json_int_t)r->usd, "usd", usd_json(r->usd),
			"demo_decisions", (json_int_t)r->demo_decisions,
			"demo_projects", (json_int_t)r->demo_projects,
			"demo_usd_cents", (json_int_t)r->demo_usd, "demo_usd",
			usd_json(r->demo_usd)));
	return o;
}

static int
stage_one(void *ctx, const StageDecision *d)
{
	json_array_append_new(ctx, stage_decision_json(d));
	return 0;
}

static int
decision_one(void *ctx, const BoardDecision *d)
{
	json_array_append_new(ctx, board_decision_json(d));
	return 0;
}

int
board_stage_json(
    Store *s, int64_t project_id, int signed_in, json_t **out, Buf *err)
{
	BoardFilter f = { NULL, project_id, NULL };
	json_t *hist, *dec;
	int stage, got;

	*out = NULL;
	if ((got = store_stage_get(s, project_id, &stage, err)) <= 0)
		return got;
	*out =
	    json_pack("{s:I, s:o, s:s, s:b}", "project", (json_int_t)project_id,
		"stage", stage ? json_integer(stage) : json_null(), "name",
		board_stage_name(stage), "proposal", board_is_proposal(stage));
	if (!signed_in)
		return 1;
	hist = json_array();
	dec = json_array();
	json_object_set_new(*out, "history", hist);
	json_object_set_new(*out, "board_decisions", dec);
	if (store_stage_history(s, project_id, stage_one, hist, err) != 0 ||
	    store_board_decisions(s, &f, decision_one, dec, err) != 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 1;
}

typedef struct RoundsOut {
	json_t *list;
	int recorded;
} RoundsOut;

static int
round_one(void *ctx, const SeedRound *r)
{
	RoundsOut *o = ctx;

	json_array_append_new(o->list, seed_round_json(r, o->recorded));
	return 0;
}

int
board_rounds_json(Store *s, int recorded, json_t **out, Buf *err)
{
	RoundsOut o = { json_array(), recorded };

	if (store_seed_rounds(s, round_one, &o, err) != 0) {
		json_decref(o.list);
		*out = NULL;
		return -1;
	}
	*out = json_pack("{s:o}", "rounds", o.list);
	return 0;
}

int
board_round_json(
    Store *s, const char *key, int recorded, json_t **out, Buf *err)
{
	BoardFilter f = { key, 0, NULL };
	SeedRound r;
	json_t *dec;
	int got;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	got = store_seed_round_get(s, key, &r, err);
	if (got == 1)
		*out = seed_round_json(&r, recorded);
	seed_round_clear(&r);
	if (got != 1 || !recorded)
		return got;
	dec = json_array();
	json_object_set_new(*out, "decisions", dec);
	if (store_board_decisions(s, &f, decision_one, dec, err) != 0) {
		json_decref(*out);
		*out = NULL;
		return -1;
	}
	return 1;
}

int
board_decisions_json(Store *s, const BoardFilter *f, json_t **out, Buf *err)
{
	json_t *list = json_array();

	*out = NULL;
	if (store_board_decisions(s, f, decision_one, list, err) != 0) {
		json_decref(list);
		return -1;
	}
	*out = json_pack("{s:I, s:o}", "total",
	    (json_int_t)json_array_size(list), "decisions", list);
	return 0;
}

/* The login and id of who, the command line's when NULL. */
static const char *
actor_of(const Account *who)
{
	return who ? who->login : "cli";
}

/*
 * Move within the transaction: the stage decision and its trail entry.
 * COMMIT_OK, BOARD_CONFLICT when the project is no longer at d->from, or
 * COMMIT_FAILED with err.
 */
static int
stage_write(Store *s, const Account *who, StageDecision *d, Buf *err, Buf *msg)
{
	json_t *before, *after;
	char *bj, *aj;
	int64_t id;
	int rc;

	d->account_id = who ? who->id : 0;
	d->actor = actor_of(who);
	id = store_stage_set(s, d, err);
	if (id == 0) {
		buf_puts(
		    msg, TC("the project was moved meanwhile: look again"));
		return BOARD_CONFLICT;
	}
	if (id < 0)
		return COMMIT_FAILED;
	d->id = id;
	before = json_pack("{s:o}", "stage",
	    d->from_stage ? json_string(board_stage_name(d->from_stage))
			  : json_null());
	after = json_pack("{s:s, s:s}", "stage", board_stage_name(d->to_stage),
	    "reason", d->reason);
	if (d->board_decision_id)
		json_object_set_new(after, "board_decision",
		    json_integer(d->board_decision_id));
	bj = json_dumps(before, JSON_COMPACT | JSON_PRESERVE_ORDER);
	aj = json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = store_audit_add(s, d->account_id, d->actor, "stage", "project",
	    d->project_id, bj, aj, err);
	free(bj);
	free(aj);
	json_decref(before);
	json_decref(after);
	return rc == 0 ? COMMIT_OK : COMMIT_FAILED;
}

/* The step of project_id into *stage: COMMIT_OK, NOT_FOUND or FAILED. */
static int
stage_of(Store *s, int64_t project_id, int *stage, Buf *err, Buf *msg)
{
	int got = store_stage_get(s, project_id, stage, err);

	if (got < 0)
		return COMMIT_FAILED;
	if (got == 0) {
		buf_printf(msg, TC("no project %lld"), (long long)project_id);
		return COMMIT_NOT_FOUND;
	}
	return COMMIT_OK;
}

/* Fill the facts of a move by who on project_id: COMMIT_OK or FAILED. */
static int
actor_facts(
    Store *s, const Account *who, int64_t project_id, BoardActor *a, Buf *err)
{
	int64_t n;
	int got;

	memset(a, 0, sizeof(*a));
	a->who = who;
	if (who != NULL && who->role != NULL && who->entity != NULL &&
	    strcmp(who->role, "focal_point") == 0) {
		if ((got = store_project_has_entity(
			 s, project_id, who->entity, err)) < 0)
			return COMMIT_FAILED;
		a->own_project = got;
	}
	if ((n = store_board_approvals(s, project_id, err)) < 0)
		return COMMIT_FAILED;
	a->approved = n > 0;
	return COMMIT_OK;
}

int
board_commit_stage(Store *s, const Account *who, int64_t project_id, int to,
    const char *reason, Buf *msg)
{
	Buf err = BUF_INIT;
	StageDecision d;
	BoardActor a;
	int code, from = 0;

	if (!board_may_stage(who)) {
		buf_puts(
		    msg, TC("this role may not move projects between steps"));
		return COMMIT_FORBIDDEN;
	}
	if (board_reason_ok(reason, msg) != BOARD_OK)
		return BOARD_INVALID;
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	memset(&d, 0, sizeof(d));
	if ((code = stage_of(s, project_id, &from, &err, msg)) != COMMIT_OK ||
	    (code = actor_facts(s, who, project_id, &a, &err)) != COMMIT_OK)
		goto out;
	if ((code = board_may_move(&a, from, to, msg)) != BOARD_OK)
		goto out;
	d.project_id = project_id;
	d.from_stage = from;
	d.to_stage = to;
	d.reason = reason;
	code = stage_write(s, who, &d, &err, msg);
out:
	code = commit_finish(s, code, &err, msg);
	buf_free(&err);
	return code;
}

typedef struct Unplaced {
	int64_t *id;
	int *to;
	size_t n, cap;
	int64_t left;
} Unplaced;

static int
unplaced_one(void *ctx, int64_t id, const char *status)
{
	Unplaced *u = ctx;
	int to = board_stage_of_status(status);

	if (to == 0) {
		u->left++;
		return 0;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? 2 * u->cap : 64;
		u->id = xrealloc(u->id, u->cap * sizeof(*u->id));
		u->to = xrealloc(u->to, u->cap * sizeof(*u->to));
	}
	u->id[u->n] = id;
	u->to[u->n++] = to;
	return 0;
}

int
board_commit_place(Store *s, int64_t *placed, int64_t *left, Buf *msg)
{
	Buf err = BUF_INIT;
	Unplaced u;
	StageDecision d;
	int code;

	memset(&u, 0, sizeof(u));
	*placed = *left = 0;
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	code = store_stage_unplaced(s, unplaced_one, &u, &err) == 0
	    ? COMMIT_OK
	    : COMMIT_FAILED;
	for (size_t i = 0; code == COMMIT_OK && i < u.n; i++) {
		memset(&d, 0, sizeof(d));
		d.project_id = u.id[i];
		d.to_stage = u.to[i];
		d.reason = BOARD_REASON_PLACED;
		code = stage_write(s, NULL, &d, &err, msg);
	}
	code = commit_finish(s, code, &err, msg);
	if (code == COMMIT_OK) {
		*placed = (int64_t)u.n;
		*left = u.left;
	}
	free(u.id);
	free(u.to);
	buf_free(&err);
	return code;
}

int
board_commit_member(
    Store *s, const Account *who, const char *login, int on, Buf *msg)
{
	Buf err = BUF_INIT;
	Account a;
	int code, got;

	if (who != NULL && !(who->role && strcmp(who->role, "admin") == 0)) {
		buf_puts(msg, TC("only an admin seats members of the Board"));
		return COMMIT_FORBIDDEN;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	memset(&a, 0, sizeof(a));
	got = store_account_get(s, login, &a, &err);
	if (got <= 0) {
		if (got == 0)
			buf_printf(msg, TC("no account %s"), login);
		code = got == 0 ? COMMIT_NOT_FOUND : COMMIT_FAILED;
		goto out;
	}
	if (on && a.disabled) {
		buf_printf(msg, TC("the account %s is disabled"), a.login);
		code = BOARD_INVALID;
		goto out;
	}
	if ((got = store_board_member_set(s, a.id, on, &err)) < 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	if (got > 0 &&
	    store_audit_add(s, who ? who->id : 0, actor_of(who),
		on ? "board-seat" : "board-unseat", "account", a.id, NULL, NULL,
		&err) != 0)
		code = COMMIT_FAILED;
out:
	code = commit_finish(s, code, &err, msg);
	account_clear(&a);
	buf_free(&err);
	return code;
}

/* The reason of the move a decision makes (demonstration ones marked). */
static void
move_reason(const BoardDecision *d, Buf *out)
{
	if (d->demo && strncmp(d->reason, DEMO_MARK, strlen(DEMO_MARK)) != 0)
		buf_puts(out, DEMO_MARK ": ");
	if (*d->reason != '\0')
		buf_printf(out, "%s ", d->reason);
	buf_printf(out, "(Board decision %lld, meeting of %s: %s)",
	    (long long)d->id, d->meeting,
	    strcmp(d->decision, "approve") == 0 ? "approved"
						: "returned for revision");
}

/* The decision and its trail entry, within the transaction. */
static int
decision_write(Store *s, const Account *who, BoardDecision *d, Buf *err)
{
	json_t *j;
	char *t;
	int rc;

	d->account_id = who ? who->id : 0;
	d->actor = actor_of(who);
	if ((d->id = store_board_decision_add(s, d, err)) < 0)
		return COMMIT_FAILED;
	j = board_decision_json(d);
	t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	rc = store_audit_add(s, d->account_id, d->actor, "create",
	    "board_decision", d->id, NULL, t, err);
	free(t);
	json_decref(j);
	return rc == 0 ? COMMIT_CREATED : COMMIT_FAILED;
}

int
board_commit_decision(
    Store *s, const Account *who, BoardDecision *d, int *stage, Buf *msg)
{
	Buf err = BUF_INIT, why = BUF_INIT;
	StageDecision sd;
	int code, from = 0, member = 0;

	if (who != NULL && who->id == 0) {
		buf_puts(msg, TC("sign in to record a decision of the Board"));
		return COMMIT_FORBIDDEN;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	if (who != NULL &&
	    (member = store_board_member_is(s, who->id, &err)) < 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	if (!board_may_decide(who, member)) {
		buf_puts(msg,
		    TC("only members of the Programme Review Board (and "
		       "admins) record its decisions"));
		code = COMMIT_FORBIDDEN;
		goto out;
	}
	if ((code = stage_of(s, d->project_id, &from, &err, msg)) != COMMIT_OK)
		goto out;
	if (!board_is_proposal(from)) {
		/* The step's name as the pages translate it (page/board.c). */
		buf_printf(msg,
		    TC("the project is at %s: the Board decides on proposals "
		       "(Idea to Financing)"),
		    TC(board_stage_name(from)));
		code = BOARD_CONFLICT;
		goto out;
	}
	if ((code = decision_write(s, who, d, &err)) != COMMIT_CREATED)
		goto out;
	*stage = from;
	memset(&sd, 0, sizeof(sd));
	sd.project_id = d->project_id;
	sd.from_stage = from;
	sd.board_decision_id = d->id;
	if (strcmp(d->decision, "approve") == 0)
		sd.to_stage = BOARD_INITIATION;
	else if (strcmp(d->decision, "revise") == 0 && from != BOARD_PLANNING)
		sd.to_stage = BOARD_PLANNING;
	if (sd.to_stage != 0) {
		move_reason(d, &why);
		sd.reason = buf_str(&why);
		if (stage_write(s, who, &sd, &err, msg) != COMMIT_OK) {
			code = err.len ? COMMIT_FAILED : BOARD_CONFLICT;
			goto out;
		}
		*stage = sd.to_stage;
	}
out:
	code = commit_finish(s, code, &err, msg);
	buf_free(&err);
	buf_free(&why);
	return code;
}
