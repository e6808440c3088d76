/*
 * api_int.h - what the files of src/api share: the request being
 * answered, the route table's entry, and the replies every handler ends
 * with.  api.c holds the route table; the handlers of a feature live in a
 * file of their own (api_money.c, board.c).
 */
#ifndef CTM_API_API_INT_H
#define CTM_API_API_INT_H

#include <jansson.h>

#include "../store/store.h"
#include "../web/http.h"
#include "api.h"

#define API_PREFIX "/api/v1"

/* Lists answer 50 projects unless asked; never more than 1,000 at once. */
#define API_LIMIT_DEFAULT "50"
#define API_LIMIT_MAX     1000

/* Who a route is for. */
enum {
	API_PUBLIC, /* anyone, signed in or not */
	API_EDIT,   /* admin, secretariat, focal point (its entity's only) */
	API_SIGNED  /* anyone signed in; the handler checks the role */
};

/* The request being answered, and who asks (signed in when who.id > 0). */
typedef struct ApiCtx {
	Store *s;
	const HttpRequest *rq;
	Account who;
	Buf key; /* what "{key}" of the route's path matched, "" when none */
} ApiCtx;

typedef struct ApiRoute {
	const char *method;
	const char *path; /* after API_PREFIX; "{id}" a number, "{key}" a key */
	const char *params; /* the query parameters it takes, space-separated */
	int access;         /* API_PUBLIC, API_EDIT or API_SIGNED */
	int (*fn)(ApiCtx *a, int64_t id, HttpReply *rp);
} ApiRoute;

/* Put j (consumed) in rp as the body, with status; returns status. */
int api_json(HttpReply *rp, int status, json_t *j);

/*
 * An error answer: {"error": {"code", "message", "field"}} (field NULL:
 * none).  The message never echoes more of the request than the field's
 * name.  Returns status.
 */
int api_error(HttpReply *rp, int status, const char *code, const char *field,
    const char *message);

/*
 * A change's COMMIT_* code, or 409 (a conflict) or 422 (field is wrong),
 * as the error it is, msg the message (field: of a 404 or 422).
 */
int api_commit_error(
    HttpReply *rp, int code, const char *field, const Buf *msg);

/* The JSON body of rq, or NULL after putting a 400 in rp. */
json_t *api_body(const HttpRequest *rq, HttpReply *rp);

/* Put csv in rp as a download named filename; the status. */
int api_csv(HttpReply *rp, Buf *csv, const char *filename);

/* The money routes (api_money.c). */
int api_funding(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_trust_fund(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_contributions(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_contribution_create(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_contribution_delete(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_rates(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_rate_create(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_appeals(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_appeal(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_appeal_put(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_appeal_delete(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_budget(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_budget_put(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_budget_delete(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_gender_put(ApiCtx *ac, int64_t id, HttpReply *rp);

/* The lifecycle and the Board (board.c). */
int api_stage(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_stage_move(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_board_decisions(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_board_decide(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_rounds(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_round(ApiCtx *ac, int64_t id, HttpReply *rp);

/* Results (results.c). */
int api_results(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_result_create(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_result_patch(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_result_delete(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_indicator_create(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_indicator_patch(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_indicator_delete(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_report_put(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_report(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_report_delete(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_report_move(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_progress(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_working_groups(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_areas(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_areas_put(ApiCtx *ac, int64_t id, HttpReply *rp);

#endif
