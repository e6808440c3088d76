/*
 * api.c - the JSON API under /api/v1 (see api.h).
 *
 * Every handler has one shape: validate, query, render.  The route table
 * below declares each route's method, path and query parameters; a
 * parameter not declared is refused with a 400 that names it, so a typo
 * ("?pilar=II") never silently returns everything.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/mem.h"
#include "../io/project_json.h"
#include "../portfolio/query.h"
#include "../portfolio/vocab.h"
#include "api.h"

#define API_PREFIX "/api/v1"

/* Lists answer 50 projects unless asked; never more than 1,000 at once. */
#define API_LIMIT_DEFAULT "50"
#define API_LIMIT_MAX     1000

typedef struct ApiRoute {
	const char *method;
	const char *path;   /* after API_PREFIX; "{id}" matches a number */
	const char *params; /* the query parameters it takes, space-separated */
	int (*fn)(Store *s, const HttpRequest *rq, int64_t id, HttpReply *rp);
} ApiRoute;

/* Put j (consumed) in rp as the body, with status. */
static int
api_json(HttpReply *rp, int status, json_t *j)
{
	char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	rp->status = status;
	rp->type = "application/json";
	buf_reset(&rp->body);
	buf_puts(&rp->body, text ? text : "null");
	buf_putc(&rp->body, '\n');
	free(text);
	json_decref(j);
	return status;
}

/*
 * An error answer: {"error": {"code", "message", "field"}}.  The message
 * never echoes more of the request than the field's name.
 */
static int
api_error(HttpReply *rp, int status, const char *code, const char *field,
    const char *message)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code, "message", message);

	if (field != NULL)
		json_object_set_new(e, "field", json_string(field));
	return api_json(rp, status, json_pack("{s:o}", "error", e));
}

/*
 * A message of query_filter() ("--entity: no organisation ...") as a 400
 * naming the field.
 */
static int
api_filter_error(HttpReply *rp, const char *msg)
{
	Buf field = BUF_INIT;
	const char *p = msg, *colon;
	int rc;

	if (strncmp(p, "--", 2) == 0)
		p += 2;
	colon = strchr(p, ':');
	if (colon != NULL)
		buf_append(&field, p, (size_t)(colon - p));
	rc = api_error(rp, 400, "invalid_parameter",
	    colon ? buf_str(&field) : NULL, colon ? colon + 2 : msg);
	buf_free(&field);
	return rc;
}

static const char *
param_get(const void *rq, const char *name)
{
	return http_param(rq, name);
}

static void
api_query_args(const HttpRequest *rq, QueryArgs *a)
{
	query_args_fill(a, param_get, rq);
}

typedef struct ListCtx {
	json_t *list;
} ListCtx;

static int
list_one(void *ctx, const Project *p)
{
	json_array_append_new(((ListCtx *)ctx)->list, project_json(p, 0));
	return 0;
}

static int
api_projects(Store *s, const HttpRequest *rq, int64_t id, HttpReply *rp)
{
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	ListCtx l = { NULL };
	Buf err = BUF_INIT;
	int64_t total = 0;
	int rc;

	memset(&k, 0, sizeof(k));
	api_query_args(rq, &a);
	if (a.limit == NULL)
		a.limit = API_LIMIT_DEFAULT;
	if (query_filter(s, &a, &f, &k, &err) != 0) {
		rc = api_filter_error(rp, buf_str(&err));
		goto out;
	}
	if (f.limit == 0 || f.limit > API_LIMIT_MAX) {
		rc = api_error(rp, 400, "invalid_parameter", "limit",
		    "limit must be from 1 to 1000");
		goto out;
	}
	l.list = json_array();
	if (store_project_list(s, &f, list_one, &l, &total, &err) != 0) {
		json_decref(l.list);
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
		goto out;
	}
	rc = api_json(rp, 200,
	    json_pack("{s:o, s:I, s:I, s:I}", "projects", l.list, "total",
		(json_int_t)total, "limit", (json_int_t)f.limit, "offset",
		(json_int_t)f.offset));
out:
	query_keys_free(&k);
	buf_free(&err);
	return rc;
}

static int
api_project(Store *s, const HttpRequest *rq, int64_t id, HttpReply *rp)
{
	Project p;
	Buf err = BUF_INIT;
	int got, rc;

	memset(&p, 0, sizeof(p));
	got = store_project_get(s, id, &p, &err);
	if (got < 0)
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	else if (got == 0)
		rc = api_error(rp, 404, "not_found", "id", "no such project");
	else
		rc = api_json(rp, 200, project_json(&p, 1));
	project_clear(&p);
	buf_free(&err);
	return rc;
}

static int
stat_one(void *ctx, const StatGroup *g)
{
	json_array_append_new(ctx,
	    json_pack("{s:s, s:s, s:I}", "key", g->key, "name", g->name,
		"count", (json_int_t)g->count));
	return 0;
}

static int
api_stats(Store *s, const HttpRequest *rq, int64_t id, HttpReply *rp)
{
	const char *by = http_param(rq, "by");
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	Buf err = BUF_INIT, m = BUF_INIT;
	json_t *groups = NULL;
	int64_t total = 0;
	int rc;

	memset(&k, 0, sizeof(k));
	if (by == NULL || !vocab_stat_dimension(by)) {
		buf_printf(&m, "by must be one of %s", vocab_stat_dimensions);
		rc = api_error(rp, 400, "invalid_parameter", "by", buf_str(&m));
		goto out;
	}
	api_query_args(rq, &a);
	if (query_filter(s, &a, &f, &k, &err) != 0) {
		rc = api_filter_error(rp, buf_str(&err));
		goto out;
	}
	groups = json_array();
	if (store_stats(s, by, &f, &total, stat_one, groups, &err) != 0) {
		json_decref(groups);
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
		goto out;
	}
	rc = api_json(rp, 200,
	    json_pack("{s:I, s:s, s:o}", "total", (json_int_t)total, "by", by,
		"groups", groups));
out:
	query_keys_free(&k);
	buf_free(&err);
	buf_free(&m);
	return rc;
}

static int
finding_one(void *ctx, const Finding *f)
{
	json_array_append_new(ctx, finding_json(f));
	return 0;
}

static int
api_findings(Store *s, const HttpRequest *rq, int64_t id, HttpReply *rp)
{
	json_t *list = json_array();
	Buf err = BUF_INIT;
	int rc;

	if (store_findings(s, finding_one, list, &err) != 0) {
		json_decref(list);
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	} else {
		rc = api_json(rp, 200, json_pack("{s:o}", "findings", list));
	}
	buf_free(&err);
	return rc;
}

#define FILTERS "pillar entity country region status search "

/* Sorted by path, then method. */
static const ApiRoute routes[] = {
	{ "GET", "/findings", "", api_findings },
	{ "GET", "/projects", FILTERS "sort limit offset", api_projects },
	{ "GET", "/projects/{id}", "", api_project },
	{ "GET", "/stats", "by " FILTERS, api_stats },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* Does path match pattern?  "{id}" takes a positive number into *id. */
static int
route_match(const char *pattern, const char *path, int64_t *id)
{
	const char *brace = strstr(pattern, "{id}");
	size_t n = brace ? (size_t)(brace - pattern) : strlen(pattern);
	char *end;
	long long v;

	if (strncmp(pattern, path, n) != 0)
		return 0;
	if (brace == NULL)
		return path[n] == '\0';
	path += n;
	if (*path < '1' || *path > '9')
		return 0;
	v = strtoll(path, &end, 10);
	if (*end != '\0' || v <= 0)
		return 0;
	*id = v;
	return 1;
}

/* Is name one of the space-separated words of list? */
static int
word_in(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		size_t w = strcspn(p, " ");

		if (w == n && strncmp(p, name, n) == 0)
			return 1;
		p += w;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* The ETag of a read: the data generation and the request it answers. */
static void
api_etag(Store *s, const HttpRequest *rq, Buf *out)
{
	uint64_t h = 14695981039346656037ULL;

	for (const char *p = rq->path; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ '?') * 1099511628211ULL;
	for (const char *p = rq->query; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	buf_printf(out, "W/\"%" PRId64 "-%016" PRIx64 "\"",
	    store_data_generation(s), h);
}

int
api_handle(Store *s, const HttpRequest *rq, HttpReply *rp)
{
	const char *path = rq->path;
	const ApiRoute *r = NULL;
	int64_t id = 0;
	int path_known = 0;
	Buf etag = BUF_INIT, m = BUF_INIT;
	const char *inm;

	if (strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0)
		return 0;
	if (strncmp(path, API_PREFIX, strlen(API_PREFIX)) != 0) {
		api_error(rp, 404, "not_found", NULL, "no such API version");
		return 1;
	}
	path += strlen(API_PREFIX);
	for (size_t i = 0; i < NROUTES; i++) {
		if (!route_match(routes[i].path, path, &id))
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, rq->method) == 0 ||
		    (strcmp(rq->method, "HEAD") == 0 &&
			strcmp(routes[i].method, "GET") == 0)) {
			r = &routes[i];
			break;
		}
	}
	if (r == NULL) {
		if (path_known) {
			http_reply_header(rp, "Allow", "GET, HEAD");
			api_error(rp, 405, "method_not_allowed", NULL,
			    "this method is not allowed here");
		} else {
			api_error(
			    rp, 404, "not_found", NULL, "no such API route");
		}
		return 1;
	}
	for (size_t i = 0; i < rq->nparam; i++) {
		if (!word_in(r->params, rq->param[i].name)) {
			buf_printf(
			    &m, "unknown parameter \"%s\"", rq->param[i].name);
			api_error(rp, 400, "unknown_parameter",
			    rq->param[i].name, buf_str(&m));
			goto out;
		}
	}
	api_etag(s, rq, &etag);
	inm = http_header(rq, "If-None-Match");
	if (inm != NULL && strcmp(inm, buf_str(&etag)) == 0) {
		rp->status = 304;
		http_reply_header(rp, "ETag", buf_str(&etag));
		goto out;
	}
	if (r->fn(s, rq, id, rp) == 200)
		http_reply_header(rp, "ETag", buf_str(&etag));
	http_reply_header(rp, "Cache-Control", "no-cache");
out:
	buf_free(&etag);
	buf_free(&m);
	return 1;
}
