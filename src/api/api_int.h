/*
 * api_int.h - what the files of src/api share: the request being
 * answered, and the replies every handler ends with.  api.c holds the
 * route table; the handlers of a feature may live in a file of their own
 * (board.c).
 */
#ifndef CTM_API_API_INT_H
#define CTM_API_API_INT_H

#include <jansson.h>

#include "../store/store.h"
#include "../web/http.h"

/* The request being answered, and who asks (signed in when who.id > 0). */
typedef struct ApiCtx {
	Store *s;
	const HttpRequest *rq;
	Account who;
	Buf key; /* what "{key}" of the route's path matched, "" when none */
} ApiCtx;

/* Put j (consumed) in rp as the body, with status; returns status. */
int api_json(HttpReply *rp, int status, json_t *j);

/*
 * An error answer: {"error": {"code", "message", "field"}} (field NULL:
 * none).  The message never echoes more of the request than the field's
 * name.  Returns status.
 */
int api_error(HttpReply *rp, int status, const char *code, const char *field,
    const char *message);

/* The JSON body of rq, or NULL after putting a 400 in rp. */
json_t *api_body(const HttpRequest *rq, HttpReply *rp);

/* The lifecycle and the Board (board.c). */
int api_stage(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_stage_move(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_board_decisions(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_board_decide(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_rounds(ApiCtx *ac, int64_t id, HttpReply *rp);
int api_round(ApiCtx *ac, int64_t id, HttpReply *rp);

#endif
