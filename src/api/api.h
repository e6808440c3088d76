/*
 * api.h - the JSON API under /api/v1.
 *
 * One table maps method and path to a handler and declares the query
 * parameters each takes; api_handle() checks them once, so a handler
 * only sees parameters it declared.  Every answer is JSON; every error is
 * {"error": {"code": "...", "message": "...", "field": "..."}} with the
 * HTTP status that fits, never a 500 for bad input.  Reads carry an ETag
 * made from the data generation, so a client that asks again before
 * anything changed gets a 304 without the query being run.
 */
#ifndef CTM_API_API_H
#define CTM_API_API_H

#include "../store/store.h"
#include "../web/http.h"

/*
 * Answer rq from store s into rp when rq's path is under /api/: return 1.
 * Return 0, leaving rp alone, for any other path.
 */
int api_handle(Store *s, const HttpRequest *rq, HttpReply *rp);

#endif
