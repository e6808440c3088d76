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
#include <strings.h>

#include <jansson.h>

#include "../account/account.h"
#include "../core/mem.h"
#include "../io/project_commit.h"
#include "../io/project_json.h"
#include "../portfolio/edit.h"
#include "../portfolio/query.h"
#include "../portfolio/resolve.h"
#include "../portfolio/vocab.h"
#include "api.h"

#define API_PREFIX "/api/v1"

/* Lists answer 50 projects unless asked; never more than 1,000 at once. */
#define API_LIMIT_DEFAULT "50"
#define API_LIMIT_MAX     1000

/* Who a route is for. */
enum {
	API_PUBLIC, /* anyone, signed in or not */
	API_EDIT    /* admin, secretariat, focal point (its entity's only) */
};

/* The request being answered, and who asks (signed in when who.id > 0). */
typedef struct ApiCtx {
	Store *s;
	const HttpRequest *rq;
	Account who;
} ApiCtx;

typedef struct ApiRoute {
	const char *method;
	const char *path;   /* after API_PREFIX; "{id}" matches a number */
	const char *params; /* the query parameters it takes, space-separated */
	int access;         /* API_PUBLIC or API_EDIT */
	int (*fn)(ApiCtx *a, int64_t id, HttpReply *rp);
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
api_projects(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Store *s = ac->s;
	const HttpRequest *rq = ac->rq;
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
api_project(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Store *s = ac->s;
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
api_stats(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Store *s = ac->s;
	const HttpRequest *rq = ac->rq;
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
api_findings(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Store *s = ac->s;
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

/* A 422 naming field, with msg. */
static int
field_error(HttpReply *rp, const char *field, const Buf *msg)
{
	return api_error(rp, 422, "invalid_field", field, buf_str(msg));
}

/*
 * The strings of an array value, borrowed from it, into *v (freed by the
 * caller): the count, or -1 when v is no array of strings.
 */
static long
field_strings(json_t *v, const char ***out)
{
	size_t i, n = json_array_size(v);
	json_t *e;

	*out = NULL;
	if (!json_is_array(v) || n > EDIT_LINKS_MAX)
		return -1;
	*out = xcalloc(n + 1, sizeof(**out));
	json_array_foreach(v, i, e)
	{
		if (!json_is_string(e) ||
		    strlen(json_string_value(e)) != json_string_length(e))
			return -1;
		(*out)[i] = json_string_value(e);
	}
	return (long)n;
}

/* One field of body applied to p (portfolio/edit.h); 0 or -1 and msg. */
static int
field_apply(ApiCtx *ac, const char *key, json_t *v, Project *p, Buf *msg)
{
	const char *t = json_string_value(v);
	const char **list = NULL;
	long n;
	int rc;

	/* Text with a NUL inside is refused like any bad text. */
	if (t != NULL && strlen(t) != json_string_length(v))
		t = NULL;
	if (strcmp(key, "title") == 0)
		return edit_title(p, t, msg);
	if (strcmp(key, "activities") == 0)
		return edit_activities(p, t, msg);
	if (strcmp(key, "pillar") == 0)
		return edit_pillar(ac->s, p, t, msg);
	if (strcmp(key, "status") == 0)
		return edit_status(p, t, msg);
	if (strcmp(key, "period") == 0)
		return edit_period(p, t, msg);
	n = field_strings(v, &list);
	if (n < 0) {
		buf_printf(msg, "%s is an array of at most %d names", key,
		    EDIT_LINKS_MAX);
		rc = -1;
	} else if (strcmp(key, "scope") == 0) {
		rc = edit_scope(p, list, (size_t)n, msg);
	} else {
		rc = edit_links(
		    ac->s, p, strcmp(key, "places") == 0, list, (size_t)n, msg);
	}
	free(list);
	return rc;
}

/*
 * Apply the fields of body to p: title, pillar, status, period, activities,
 * entities, places, scope.  0, or the status of the error put in rp.
 */
static int
project_apply(ApiCtx *ac, json_t *body, Project *p, HttpReply *rp)
{
	static const char *const known[] = { "title", "pillar", "status",
		"period", "activities", "entities", "places", "scope", NULL };
	const char *key;
	json_t *v;
	Buf msg = BUF_INIT;
	int rc = 0;

	if (!json_is_object(body))
		return api_error(rp, 400, "invalid_body", NULL,
		    "the body is a JSON object of the project's fields");
	json_object_foreach(body, key, v)
	{
		size_t k;

		for (k = 0; known[k] != NULL && strcmp(known[k], key); k++)
			;
		if (known[k] == NULL) {
			buf_printf(&msg, "no such field: %s", edit_fields);
			rc = api_error(
			    rp, 422, "unknown_field", key, buf_str(&msg));
			break;
		}
		if (field_apply(ac, key, v, p, &msg) != 0) {
			rc = field_error(rp, key, &msg);
			break;
		}
	}
	buf_free(&msg);
	return rc;
}

/* The answer to a project_commit(): the project, or the error. */
static int
api_commit_reply(ApiCtx *ac, int rc, Project *p, const Buf *msg, HttpReply *rp)
{
	Buf err = BUF_INIT, loc = BUF_INIT;
	int64_t id = p->id;

	switch (rc) {
	case COMMIT_OK:
	case COMMIT_CREATED:
		project_clear(p);
		memset(p, 0, sizeof(*p));
		store_project_get(ac->s, id, p, &err);
		buf_free(&err);
		if (rc == COMMIT_CREATED) {
			buf_printf(&loc, API_PREFIX "/projects/%" PRId64, id);
			http_reply_header(rp, "Location", buf_str(&loc));
			buf_free(&loc);
		}
		return api_json(rp, rc, project_json(p, 1));
	case COMMIT_DELETED:
		return rp->status = 204;
	case COMMIT_FORBIDDEN:
		return api_error(rp, 403, "forbidden", NULL, buf_str(msg));
	case COMMIT_NOT_FOUND:
		return api_error(rp, 404, "not_found", "id", buf_str(msg));
	case COMMIT_BUSY:
		return api_error(rp, 503, "busy", NULL, "try again");
	default:
		return api_error(
		    rp, 500, "internal", NULL, "the change failed");
	}
}

/* Change (body) or delete (body NULL) project id. */
static int
api_project_write(ApiCtx *ac, int64_t id, json_t *body, HttpReply *rp)
{
	Project p;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int got, rc;

	memset(&p, 0, sizeof(p));
	got = store_project_get(ac->s, id, &p, &err);
	if (got <= 0) {
		rc = got == 0
		    ? api_error(rp, 404, "not_found", "id", "no such project")
		    : api_error(rp, 500, "internal", NULL, "the query failed");
		goto out;
	}
	/* Refused before the body is looked at: no hints to the refused. */
	got = project_may_change(ac->s, &ac->who, id, &msg);
	if (got <= 0) {
		rc = got == 0
		    ? api_error(rp, 403, "forbidden", NULL, buf_str(&msg))
		    : api_error(rp, 500, "internal", NULL, "the query failed");
		goto out;
	}
	if (body != NULL && (rc = project_apply(ac, body, &p, rp)) != 0)
		goto out;
	rc = project_commit(ac->s, &ac->who, &p, body == NULL, &msg);
	rc = api_commit_reply(ac, rc, &p, &msg, rp);
out:
	project_clear(&p);
	buf_free(&err);
	buf_free(&msg);
	return rc;
}

/* The JSON body of rq, or NULL after putting a 400 in rp. */
static json_t *
api_body(const HttpRequest *rq, HttpReply *rp)
{
	json_error_t je;
	json_t *body;
	Buf m = BUF_INIT;

	body = json_loadb(buf_str(&rq->body), rq->body.len, 0, &je);
	if (body == NULL) {
		buf_printf(&m, "the body is not JSON (line %d, column %d: %s)",
		    je.line, je.column, je.text);
		api_error(rp, 400, "invalid_body", NULL, buf_str(&m));
	}
	buf_free(&m);
	return body;
}

static int
api_project_patch(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body = api_body(ac->rq, rp);
	int rc;

	if (body == NULL)
		return rp->status;
	rc = api_project_write(ac, id, body, rp);
	json_decref(body);
	return rc;
}

static int
api_project_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return api_project_write(ac, id, NULL, rp);
}

static int
api_project_create(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body = api_body(ac->rq, rp);
	Project p;
	Buf msg = BUF_INIT;
	int rc;

	memset(&p, 0, sizeof(p));
	if (body == NULL)
		return rp->status;
	if ((rc = project_apply(ac, body, &p, rp)) != 0)
		goto out;
	if (p.title == NULL || p.pillar == NULL) {
		rc = api_error(rp, 422, "missing_field",
		    p.title == NULL ? "title" : "pillar",
		    "a new project needs its title and its pillar");
		goto out;
	}
	rc = project_commit(ac->s, &ac->who, &p, 0, &msg);
	if (rc == COMMIT_FORBIDDEN)
		rc = api_error(rp, 403, "forbidden", "entities", buf_str(&msg));
	else
		rc = api_commit_reply(ac, rc, &p, &msg, rp);
out:
	json_decref(body);
	project_clear(&p);
	buf_free(&msg);
	return rc;
}

static void
set_opt(json_t *o, const char *name, const char *v)
{
	json_object_set_new(o, name, v ? json_string(v) : json_null());
}

static int
org_one(void *ctx, const RefItem *r)
{
	json_t *o = json_object();

	set_opt(o, "key", r->key);
	set_opt(o, "name", r->name);
	set_opt(o, "type", r->kind);
	set_opt(o, "parent", r->parent);
	json_array_append_new(ctx, o);
	return 0;
}

static int
place_one(void *ctx, const RefItem *r)
{
	json_t *o = json_object();

	set_opt(o, "key", r->key);
	set_opt(o, "kind", r->kind);
	set_opt(o, "name", r->name);
	set_opt(o, "iso2", r->iso2);
	set_opt(o, "iso3", r->iso3);
	set_opt(o, "m49", r->m49);
	json_array_append_new(ctx, o);
	return 0;
}

/* A list of reference data: organisations (kind NULL) or places. */
static int
api_ref_list(ApiCtx *ac, const char *what, const char *kind, HttpReply *rp)
{
	json_t *list = json_array();
	Buf err = BUF_INIT;
	int rc;

	if ((strcmp(what, "places") == 0
		    ? store_places(ac->s, kind, place_one, list, &err)
		    : store_organisations(ac->s, org_one, list, &err)) != 0) {
		json_decref(list);
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	} else {
		rc = api_json(rp, 200, json_pack("{s:o}", what, list));
	}
	buf_free(&err);
	return rc;
}

static int
api_organisations(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return api_ref_list(ac, "organisations", NULL, rp);
}

static int
api_places(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	static const char *const kinds[] = { "world", "region", "subregion",
		"intermediate", "country", "grouping", NULL };
	const char *kind = http_param(ac->rq, "kind");
	int i;

	for (i = 0; kind != NULL && kinds[i] != NULL; i++)
		if (strcmp(kinds[i], kind) == 0)
			break;
	if (kind != NULL && kinds[i] == NULL)
		return api_error(rp, 400, "invalid_parameter", "kind",
		    "kind is world, region, subregion, intermediate, country "
		    "or grouping");
	return api_ref_list(ac, "places", kind, rp);
}

static int
pillar_one(void *ctx, const PillarName *n)
{
	json_t *list = ctx, *last, *names;
	size_t len = json_array_size(list);

	last = len ? json_array_get(list, len - 1) : NULL;
	if (last == NULL ||
	    strcmp(json_string_value(json_object_get(last, "key")), n->key) !=
		0) {
		last = json_pack("{s:s, s:i, s:{}}", "key", n->key, "number",
		    n->number, "names");
		json_array_append_new(list, last);
	}
	names = json_object_get(last, "names");
	json_object_set_new(names, n->lang,
	    json_pack(
		"{s:s, s:s}", "short", n->short_name, "full", n->full_name));
	return 0;
}

static int
api_framework(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *list = json_array();
	Buf err = BUF_INIT;
	int rc;

	if (store_pillar_names(ac->s, pillar_one, list, &err) != 0) {
		json_decref(list);
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	} else {
		rc = api_json(rp, 200, json_pack("{s:o}", "pillars", list));
	}
	buf_free(&err);
	return rc;
}

/* The OpenAPI document (blobs.S). */
extern const char ctm_blob_openapi[];

static int
api_openapi(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	rp->status = 200;
	rp->type = "application/json";
	buf_set(&rp->body, ctm_blob_openapi);
	return 200;
}

#define FILTERS "pillar entity country region status search "

/* Sorted by path, then method. */
static const ApiRoute routes[] = {
	{ "GET", "/findings", "", API_PUBLIC, api_findings },
	{ "GET", "/framework", "", API_PUBLIC, api_framework },
	{ "GET", "/openapi.json", "", API_PUBLIC, api_openapi },
	{ "GET", "/organisations", "", API_PUBLIC, api_organisations },
	{ "GET", "/places", "kind", API_PUBLIC, api_places },
	{ "GET", "/projects", FILTERS "sort limit offset", API_PUBLIC,
	    api_projects },
	{ "POST", "/projects", "", API_EDIT, api_project_create },
	{ "DELETE", "/projects/{id}", "", API_EDIT, api_project_delete },
	{ "GET", "/projects/{id}", "", API_PUBLIC, api_project },
	{ "PATCH", "/projects/{id}", "", API_EDIT, api_project_patch },
	{ "GET", "/stats", "by " FILTERS, API_PUBLIC, api_stats },
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

/*
 * Who sends rq: a bearer token ("Authorization: Bearer TOKEN") names an
 * account.  0 (ac->who filled, or left empty when no token was sent), or
 * the status of the error put in rp.
 */
static int
api_who(ApiCtx *ac, HttpReply *rp)
{
	const char *auth = http_header(ac->rq, "Authorization");
	Buf hash = BUF_INIT, err = BUF_INIT;
	int got;

	if (auth == NULL)
		return 0;
	if (strncasecmp(auth, "Bearer ", 7) != 0) {
		http_reply_header(rp, "WWW-Authenticate", "Bearer");
		return api_error(rp, 401, "unauthorized", NULL,
		    "the Authorization header takes a Bearer token");
	}
	account_token_hash(auth + 7, &hash);
	got = store_session_find(ac->s, buf_str(&hash), &ac->who, NULL, &err);
	buf_free(&hash);
	buf_free(&err);
	if (got < 0)
		return api_error(rp, 503, "unavailable", NULL, "try again");
	if (got == 0) {
		http_reply_header(
		    rp, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
		return api_error(rp, 401, "unauthorized", NULL,
		    "the token is unknown, expired or revoked");
	}
	return 0;
}

/* May ac->who use a route of this access at all?  0, or an error status. */
static int
api_access(ApiCtx *ac, int access, HttpReply *rp)
{
	const char *role = ac->who.role;

	if (access == API_PUBLIC)
		return 0;
	if (ac->who.id == 0) {
		http_reply_header(rp, "WWW-Authenticate", "Bearer");
		return api_error(rp, 401, "unauthorized", NULL,
		    "sign in: send \"Authorization: Bearer TOKEN\"");
	}
	if (strcmp(role, "admin") == 0 || strcmp(role, "secretariat") == 0 ||
	    strcmp(role, "focal_point") == 0)
		return 0;
	return api_error(
	    rp, 403, "forbidden", NULL, "this role may not change projects");
}

int
api_handle(Store *s, const HttpRequest *rq, HttpReply *rp)
{
	const char *path = rq->path, *inm;
	const ApiRoute *r = NULL;
	ApiCtx ac;
	int64_t id = 0;
	Buf etag = BUF_INIT, m = BUF_INIT, allow = BUF_INIT;
	int read;

	if (strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0)
		return 0;
	memset(&ac, 0, sizeof(ac));
	ac.s = s;
	ac.rq = rq;
	if (strncmp(path, API_PREFIX, strlen(API_PREFIX)) != 0) {
		api_error(rp, 404, "not_found", NULL, "no such API version");
		return 1;
	}
	path += strlen(API_PREFIX);
	read =
	    strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0;
	for (size_t i = 0; i < NROUTES; i++) {
		if (!route_match(routes[i].path, path, &id))
			continue;
		buf_printf(
		    &allow, "%s%s", allow.len ? ", " : "", routes[i].method);
		if (strcmp(routes[i].method, "GET") == 0)
			buf_puts(&allow, ", HEAD");
		if (strcmp(routes[i].method, rq->method) == 0 ||
		    (strcmp(rq->method, "HEAD") == 0 &&
			strcmp(routes[i].method, "GET") == 0))
			r = &routes[i];
	}
	if (r == NULL) {
		if (allow.len > 0) {
			http_reply_header(rp, "Allow", buf_str(&allow));
			api_error(rp, 405, "method_not_allowed", NULL,
			    "this method is not allowed here");
		} else {
			api_error(
			    rp, 404, "not_found", NULL, "no such API route");
		}
		goto out;
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
	if (api_who(&ac, rp) != 0 || api_access(&ac, r->access, rp) != 0)
		goto out;
	http_reply_header(rp, "Cache-Control", "no-cache");
	if (!read) {
		r->fn(&ac, id, rp);
		goto out;
	}
	api_etag(s, rq, &etag);
	inm = http_header(rq, "If-None-Match");
	if (inm != NULL && strcmp(inm, buf_str(&etag)) == 0) {
		rp->status = 304;
		http_reply_header(rp, "ETag", buf_str(&etag));
		goto out;
	}
	if (r->fn(&ac, id, rp) == 200)
		http_reply_header(rp, "ETag", buf_str(&etag));
out:
	account_clear(&ac.who);
	buf_free(&etag);
	buf_free(&m);
	buf_free(&allow);
	return 1;
}
