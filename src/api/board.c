/*
 * board.c - the API of the lifecycle and the Programme Review Board:
 * /projects/{id}/stage, /board/decisions, /rounds and /rounds/{key}.
 *
 * Anyone reads a project's step and the rounds' published totals; the
 * history of steps, the decisions and what they add up to are for those
 * signed in (portfolio/board.h).  Changes go through io/board_io.c, as
 * those of the command line and the pages do.
 */
#include <stdlib.h>
#include <string.h>

#include "../io/board_io.h"
#include "api_int.h"

int
api_stage(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *j;
	int got = board_stage_json(ac->s, id, ac->who.id > 0, &j, &err);

	buf_free(&err);
	if (got < 0)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	if (got == 0)
		return api_error(rp, 404, "not_found", "id", "no such project");
	return api_json(rp, 200, j);
}

/* POST /projects/{id}/stage {"to": "Financing" or 4, "reason": "..."}. */
int
api_stage_move(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body, *to, *reason;
	Buf msg = BUF_INIT, t = BUF_INIT;
	int step = 0, code, rc;

	if (!board_may_stage(&ac->who))
		return api_error(rp, 403, "forbidden", NULL,
		    "this role may not move projects between steps");
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	to = json_object_get(body, "to");
	reason = json_object_get(body, "reason");
	if (json_is_integer(to) && json_integer_value(to) >= 1 &&
	    json_integer_value(to) <= BOARD_STAGES)
		step = (int)json_integer_value(to);
	else if (json_is_string(to))
		step = board_stage_parse(json_string_value(to));
	if (!json_is_object(body) || step == 0) {
		rc = api_error(rp, 422, "invalid_field", "to",
		    "give {\"to\": a step (1 to 7 or its name), \"reason\": "
		    "why}");
	} else if (!json_is_string(reason)) {
		rc = api_error(
		    rp, 422, "invalid_field", "reason", "a reason is required");
	} else {
		buf_set(&t, json_string_value(reason));
		code = board_commit_stage(
		    ac->s, &ac->who, id, step, buf_str(&t), &msg);
		rc = code == COMMIT_OK ? api_stage(ac, id, rp)
		    : code == BOARD_INVALID
		    ? api_error(
			  rp, 422, "invalid_field", "reason", buf_str(&msg))
		    : api_commit_error(rp, code, "id", &msg);
	}
	json_decref(body);
	buf_free(&msg);
	buf_free(&t);
	return rc;
}

int
api_board_decisions(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	const char *project = http_param(ac->rq, "project");
	BoardFilter f;
	Buf err = BUF_INIT;
	json_t *j;
	char *end = NULL;

	memset(&f, 0, sizeof(f));
	f.round = http_param(ac->rq, "round");
	f.decision = http_param(ac->rq, "decision");
	if (project != NULL) {
		f.project = strtoll(project, &end, 10);
		if (*project == '\0' || *end != '\0' || f.project <= 0)
			return api_error(rp, 400, "invalid_parameter",
			    "project", "project is a project id");
	}
	if (f.decision != NULL && !board_decision_ok(f.decision))
		return api_error(rp, 400, "invalid_parameter", "decision",
		    "decision is approve, reject or revise");
	if (board_decisions_json(ac->s, &f, &j, &err) != 0) {
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	return api_json(rp, 200, j);
}

/* The members a decision's body may have, and their JSON types. */
static const char *const decision_fields[] = { "project", "decision", "meeting",
	"seed_usd", "round", "conditions", "reason", "demo", NULL };

/* Take body into in and *project: 0, or the status of a 422 put in rp. */
static int
decision_body(json_t *body, BoardInput *in, int64_t *project, HttpReply *rp)
{
	const char *key, **slot;
	json_t *v;
	size_t i;

	memset(in, 0, sizeof(*in));
	if (!json_is_object(body))
		return api_error(
		    rp, 422, "invalid_body", NULL, "the body is a JSON object");
	json_object_foreach(body, key, v)
	{
		for (i = 0; decision_fields[i] != NULL; i++)
			if (strcmp(decision_fields[i], key) == 0)
				break;
		if (decision_fields[i] == NULL)
			return api_error(rp, 422, "invalid_field", key,
			    "not a field of a Board decision");
		if (strcmp(key, "project") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				return api_error(rp, 422, "invalid_field", key,
				    "the project's id, a number");
			*project = json_integer_value(v);
			continue;
		}
		if (strcmp(key, "demo") == 0) {
			if (!json_is_boolean(v))
				return api_error(rp, 422, "invalid_field", key,
				    "true or false");
			in->demo = json_is_true(v);
			continue;
		}
		slot = strcmp(key, "decision") == 0  ? &in->decision
		    : strcmp(key, "meeting") == 0    ? &in->meeting
		    : strcmp(key, "seed_usd") == 0   ? &in->seed
		    : strcmp(key, "round") == 0      ? &in->round
		    : strcmp(key, "conditions") == 0 ? &in->conditions
						     : &in->reason;
		if (json_is_null(v))
			continue;
		if (!json_is_string(v))
			return api_error(
			    rp, 422, "invalid_field", key, "a string or null");
		*slot = json_string_value(v);
	}
	if (*project == 0)
		return api_error(rp, 422, "invalid_field", "project",
		    "the project's id is required");
	return 0;
}

/* POST /board/decisions: a decision of the Board, by a member or admin. */
int
api_board_decide(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	BoardInput in;
	BoardDecision d;
	Buf msg = BUF_INIT, err = BUF_INIT;
	const char *field;
	json_t *body, *j;
	int member, stage = 0, code, rc;

	/* Refused by role before anything is read. */
	member = store_board_member_is(ac->s, ac->who.id, &err);
	buf_free(&err);
	if (member < 0)
		return api_error(rp, 503, "busy", NULL, "try again");
	if (!board_may_decide(&ac->who, member))
		return api_error(rp, 403, "forbidden", NULL,
		    "only members of the Programme Review Board (and admins) "
		    "record its decisions");
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	memset(&d, 0, sizeof(d));
	if ((rc = decision_body(body, &in, &d.project_id, rp)) != 0)
		goto out;
	if (board_decision_take(ac->s, &in, &d, &field, &msg) != BOARD_OK) {
		rc = api_error(rp, 422, "invalid_field",
		    strcmp(field, "seed") == 0 ? "seed_usd" : field,
		    buf_str(&msg));
		goto out;
	}
	code = board_commit_decision(ac->s, &ac->who, &d, &stage, &msg);
	if (code != COMMIT_CREATED) {
		rc = api_commit_error(rp, code, "project", &msg);
		goto out;
	}
	j = board_decision_json(&d);
	json_object_set_new(j, "stage", json_integer(stage));
	json_object_set_new(
	    j, "stage_name", json_string(board_stage_name(stage)));
	rc = api_json(rp, 201, j);
out:
	json_decref(body);
	buf_free(&msg);
	return rc;
}

int
api_rounds(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *j;

	if (board_rounds_json(ac->s, ac->who.id > 0, &j, &err) != 0) {
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	return api_json(rp, 200, j);
}

int
api_round(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *j;
	int got = board_round_json(
	    ac->s, buf_str(&ac->key), ac->who.id > 0, &j, &err);

	buf_free(&err);
	if (got < 0)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	if (got == 0)
		return api_error(
		    rp, 404, "not_found", "key", "no such seed-funding round");
	return api_json(rp, 200, j);
}
