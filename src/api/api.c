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
#include "../core/csv.h"
#include "../core/mem.h"
#include "../io/money_io.h"
#include "../io/need_io.h"
#include "../io/project_commit.h"
#include "../io/project_json.h"
#include "../portfolio/dup.h"
#include "../portfolio/edit.h"
#include "../portfolio/need.h"
#include "../portfolio/query.h"
#include "../portfolio/resolve.h"
#include "../portfolio/vocab.h"
#include "api_int.h"

/* Put j (consumed) in rp as the body, with status. */
int
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

int
api_commit_error(HttpReply *rp, int code, const char *field, const Buf *msg)
{
	switch (code) {
	case COMMIT_FORBIDDEN:
		return api_error(rp, 403, "forbidden", NULL, buf_str(msg));
	case COMMIT_NOT_FOUND:
		return api_error(rp, 404, "not_found", field, buf_str(msg));
	case 409:
		return api_error(rp, 409, "conflict", NULL, buf_str(msg));
	case 422:
		return api_error(rp, 422, "invalid_field", field, buf_str(msg));
	case COMMIT_BUSY:
		return api_error(rp, 503, "busy", NULL, "try again");
	default:
		return api_error(
		    rp, 500, "internal", NULL, "the change failed");
	}
}

int
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

/* A group of GET /stats?by=country&sum=budget. */
static int
stat_budget_one(void *ctx, const StatGroup *g)
{
	json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "key", g->key, "name",
	    g->name, "count", (json_int_t)g->count, "budgets",
	    (json_int_t)g->budgets);

	usd_members(o, "usd", g->usd);
	json_array_append_new(ctx, o);
	return 0;
}

/*
 * GET /stats?by=D: the projects counted by D.  With sum=budget (by
 * country only), each country's budgets summed in US dollars as
 * `stats --by country --sum budget` gives them (store_stats_budget()).
 */
static int
api_stats(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Store *s = ac->s;
	const HttpRequest *rq = ac->rq;
	const char *by = http_param(rq, "by"), *sum = http_param(rq, "sum");
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	Buf err = BUF_INIT, m = BUF_INIT;
	json_t *groups = NULL, *o;
	int64_t total = 0, usd = 0;
	int rc;

	memset(&k, 0, sizeof(k));
	if (by == NULL || !vocab_stat_dimension(by)) {
		buf_printf(&m, "by must be one of %s", vocab_stat_dimensions);
		rc = api_error(rp, 400, "invalid_parameter", "by", buf_str(&m));
		goto out;
	}
	if (sum != NULL &&
	    (strcmp(sum, "budget") != 0 || strcmp(by, "country") != 0)) {
		rc = api_error(rp, 400, "invalid_parameter", "sum",
		    "sum=budget goes with by=country");
		goto out;
	}
	api_query_args(rq, &a);
	if (query_filter(s, &a, &f, &k, &err) != 0) {
		rc = api_filter_error(rp, buf_str(&err));
		goto out;
	}
	groups = json_array();
	if ((sum != NULL ? store_stats_budget(s, &f, &total, &usd,
			       stat_budget_one, groups, &err)
			 : store_stats(s, by, &f, &total, stat_one, groups,
			       &err)) != 0) {
		json_decref(groups);
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
		goto out;
	}
	o = json_pack("{s:I, s:s, s:o}", "total", (json_int_t)total, "by", by,
	    "groups", groups);
	if (sum != NULL) {
		json_object_set_new(o, "sum", json_string(sum));
		usd_members(o, "usd", usd);
	}
	rc = api_json(rp, 200, o);
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

json_t *
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
		    ? store_places(ac->s, kind, NULL, place_one, list, &err)
		    : store_organisations(ac->s, NULL, org_one, list, &err)) !=
	    0) {
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

/* --- needs, gaps, duplicates ------------------------------------------- */

static void
need_filter_of(const HttpRequest *rq, NeedFilter *f)
{
	memset(f, 0, sizeof(*f));
	f->country = http_param(rq, "country");
	f->region = http_param(rq, "region");
	f->pillar = http_param(rq, "pillar");
	f->area = http_param(rq, "area");
	f->status = http_param(rq, "status");
	f->priority = http_param(rq, "priority");
	f->body = http_param(rq, "body");
	f->search = http_param(rq, "search");
	f->gaps = http_param(rq, "gaps") != NULL &&
	    strcmp(http_param(rq, "gaps"), "0") != 0 &&
	    strcmp(http_param(rq, "gaps"), "false") != 0;
}

/* A 400 for a filter value that is not of its vocabulary, or 0. */
static int
need_filter_check(const NeedFilter *f, HttpReply *rp)
{
	if (f->status != NULL && !need_status_ok(f->status))
		return api_error(rp, 400, "invalid_parameter", "status",
		    "status is open, being_addressed or addressed");
	if (f->priority != NULL && !need_priority_ok(f->priority))
		return api_error(rp, 400, "invalid_parameter", "priority",
		    "priority is high, medium or low");
	return 0;
}

typedef struct NeedOut {
	json_t *list;
	Buf csv;
	int csv_on;
} NeedOut;

static int
need_one(void *ctx, const Need *n)
{
	NeedOut *o = ctx;

	if (o->csv_on)
		need_csv_row(&o->csv, n);
	else
		json_array_append_new(o->list, need_json(n));
	return 0;
}

/* format=csv: is it asked for?  -1 after a 400 for another format. */
static int
want_csv(const HttpRequest *rq, HttpReply *rp)
{
	const char *f = http_param(rq, "format");

	if (f == NULL || strcmp(f, "json") == 0)
		return 0;
	if (strcmp(f, "csv") == 0)
		return 1;
	api_error(
	    rp, 400, "invalid_parameter", "format", "format is json or csv");
	return -1;
}

int
api_csv(HttpReply *rp, Buf *csv, const char *filename)
{
	Buf cd = BUF_INIT;

	rp->status = 200;
	rp->type = "text/csv; charset=utf-8";
	buf_set(&rp->body, buf_str(csv));
	buf_printf(&cd, "attachment; filename=\"%s\"", filename);
	http_reply_header(rp, "Content-Disposition", buf_str(&cd));
	buf_free(&cd);
	return 200;
}

static int
api_needs(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	NeedFilter f;
	NeedViewer v;
	NeedOut o;
	Buf err = BUF_INIT;
	const char *lim = http_param(ac->rq, "limit");
	const char *off = http_param(ac->rq, "offset");
	int64_t total = 0;
	int csv, rc;

	(void)id;
	if ((csv = want_csv(ac->rq, rp)) < 0)
		return rp->status;
	need_filter_of(ac->rq, &f);
	if ((rc = need_filter_check(&f, rp)) != 0)
		return rc;
	f.limit = atoll(lim ? lim : (csv ? "0" : API_LIMIT_DEFAULT));
	f.offset = off ? atoll(off) : 0;
	if ((!csv || lim != NULL) && (f.limit < 1 || f.limit > API_LIMIT_MAX))
		return api_error(rp, 400, "invalid_parameter", "limit",
		    "limit must be from 1 to 1000");
	if (f.offset < 0)
		return api_error(rp, 400, "invalid_parameter", "offset",
		    "offset must be 0 or more");
	need_viewer(&ac->who, &v);
	memset(&o, 0, sizeof(o));
	o.csv_on = csv;
	o.list = json_array();
	if (csv)
		need_csv_header(&o.csv);
	if (store_need_list(ac->s, &f, &v, need_one, &o, &total, &err) != 0)
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	else if (csv)
		rc = api_csv(rp, &o.csv, "needs.csv");
	else
		rc = api_json(rp, 200,
		    json_pack("{s:O, s:I, s:I, s:I}", "needs", o.list, "total",
			(json_int_t)total, "limit", (json_int_t)f.limit,
			"offset", (json_int_t)f.offset));
	json_decref(o.list);
	buf_free(&o.csv);
	buf_free(&err);
	return rc;
}

static int
api_need(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	NeedViewer v;
	Need n;
	Buf err = BUF_INIT;
	int got, rc;

	need_viewer(&ac->who, &v);
	memset(&n, 0, sizeof(n));
	got = store_need_get(ac->s, id, &v, &n, &err);
	if (got < 0)
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	else if (got == 0)
		rc = api_error(rp, 404, "not_found", "id", "no such need");
	else
		rc = api_json(rp, 200, need_json(&n));
	need_clear(&n);
	buf_free(&err);
	return rc;
}

/* Apply the members of body to n: 0, or the status of a 400/422. */
static int
need_apply(ApiCtx *ac, json_t *body, Need *n, HttpReply *rp)
{
	const char *key;
	json_t *v;
	Buf msg = BUF_INIT, val = BUF_INIT;
	int rc = 0;

	if (!json_is_object(body))
		return api_error(
		    rp, 400, "invalid_body", NULL, "the body is a JSON object");
	json_object_foreach(body, key, v)
	{
		buf_reset(&val);
		if (strcmp(key, "demo") == 0 && json_is_boolean(v)) {
			n->demo = json_is_true(v);
			continue;
		}
		if (json_is_string(v)) {
			buf_set(&val, json_string_value(v));
		} else if (json_is_null(v)) {
			/* null clears an optional field */
		} else if (json_is_array(v)) {
			size_t i;
			json_t *e;

			json_array_foreach(v, i, e)
			{
				if (json_is_string(e))
					buf_printf(&val, "%s%s", i ? ";" : "",
					    json_string_value(e));
				else if (json_is_integer(e))
					buf_printf(&val, "%s%lld", i ? ";" : "",
					    (long long)json_integer_value(e));
				else
					break;
			}
		} else {
			rc = api_error(rp, 422, "invalid_field", key,
			    "a string, a list or null");
			break;
		}
		if (need_set(ac->s, n, key, buf_str(&val), &msg) != 0) {
			rc = api_error(
			    rp, 422, "invalid_field", key, buf_str(&msg));
			break;
		}
	}
	buf_free(&msg);
	buf_free(&val);
	return rc;
}

static int
need_reply(ApiCtx *ac, int code, Need *n, const Buf *msg, HttpReply *rp)
{
	NeedViewer v;
	Need back;
	Buf err = BUF_INIT;
	int rc;

	switch (code) {
	case COMMIT_OK:
	case COMMIT_CREATED:
		need_viewer(&ac->who, &v);
		memset(&back, 0, sizeof(back));
		if (store_need_get(ac->s, n->id, &v, &back, &err) == 1) {
			rc = api_json(rp, code, need_json(&back));
		} else {
			/* Stored, but restricted out of the writer's sight. */
			rc = api_json(rp, code,
			    json_pack("{s:I}", "id", (json_int_t)n->id));
		}
		need_clear(&back);
		buf_free(&err);
		if (code == COMMIT_CREATED) {
			Buf loc = BUF_INIT;

			buf_printf(
			    &loc, API_PREFIX "/needs/%lld", (long long)n->id);
			http_reply_header(rp, "Location", buf_str(&loc));
			buf_free(&loc);
		}
		return rc;
	case COMMIT_DELETED:
		rp->status = 204;
		return 204;
	case 400:
		return api_error(rp, 422, "invalid_need", NULL, buf_str(msg));
	case COMMIT_FORBIDDEN:
		return api_error(rp, 403, "forbidden", NULL, buf_str(msg));
	case COMMIT_NOT_FOUND:
		return api_error(rp, 404, "not_found", "id", "no such need");
	case COMMIT_BUSY:
		return api_error(rp, 503, "busy", NULL, "try again");
	default:
		return api_error(
		    rp, 500, "internal", NULL, "the change failed");
	}
}

static int
api_need_create(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body;
	Need n;
	Buf msg = BUF_INIT;
	int rc;

	(void)id;
	if (!need_may_write(&ac->who))
		return api_error(rp, 403, "forbidden", NULL,
		    "only analysts and the secretariat record needs");
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	memset(&n, 0, sizeof(n));
	if ((rc = need_apply(ac, body, &n, rp)) == 0)
		rc = need_reply(ac, need_commit(ac->s, &ac->who, &n, 0, &msg),
		    &n, &msg, rp);
	json_decref(body);
	need_clear(&n);
	buf_free(&msg);
	return rc;
}

/* Change (body) or delete (body NULL) need id. */
static int
api_need_write(ApiCtx *ac, int64_t id, json_t *body, HttpReply *rp)
{
	NeedViewer v;
	Need n;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int got, rc;

	/* Refused by role before anything is read: no hints. */
	if (!need_may_write(&ac->who))
		return api_error(rp, 403, "forbidden", NULL,
		    "only analysts and the secretariat change needs");
	need_viewer(&ac->who, &v);
	memset(&n, 0, sizeof(n));
	got = store_need_get(ac->s, id, &v, &n, &err);
	if (got <= 0) {
		rc = got == 0
		    ? api_error(rp, 404, "not_found", "id", "no such need")
		    : api_error(rp, 500, "internal", NULL, "the query failed");
		goto out;
	}
	if (body != NULL && (rc = need_apply(ac, body, &n, rp)) != 0)
		goto out;
	rc = need_reply(ac,
	    need_commit(ac->s, &ac->who, &n, body == NULL, &msg), &n, &msg, rp);
out:
	need_clear(&n);
	buf_free(&err);
	buf_free(&msg);
	return rc;
}

static int
api_need_patch(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body = api_body(ac->rq, rp);
	int rc;

	if (body == NULL)
		return rp->status;
	rc = api_need_write(ac, id, body, rp);
	json_decref(body);
	return rc;
}

static int
api_need_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return api_need_write(ac, id, NULL, rp);
}

/* POST /needs/{id}/links {"project": N, "linked": true|false}. */
static int
api_need_link(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body = api_body(ac->rq, rp), *pj, *on;
	Buf msg = BUF_INIT;
	int code, rc;

	if (body == NULL)
		return rp->status;
	pj = json_object_get(body, "project");
	on = json_object_get(body, "linked");
	if (!json_is_integer(pj) || json_integer_value(pj) <= 0 ||
	    (on != NULL && !json_is_boolean(on))) {
		json_decref(body);
		return api_error(rp, 422, "invalid_field", "project",
		    "give {\"project\": ID, \"linked\": true or false}");
	}
	code = need_commit_link(ac->s, &ac->who, id, json_integer_value(pj),
	    on == NULL || json_is_true(on), &msg);
	if (code == COMMIT_OK)
		rc = api_need(ac, id, rp);
	else if (code == COMMIT_NOT_FOUND)
		rc = api_error(rp, 404, "not_found", NULL, buf_str(&msg));
	else
		rc = need_reply(ac, code, NULL, &msg, rp);
	json_decref(body);
	buf_free(&msg);
	return rc;
}

static int
gap_group(void *ctx, const GapGroup *g)
{
	NeedOut *o = ctx;

	if (o->csv_on) {
		csv_put_field(&o->csv, g->key);
		buf_putc(&o->csv, ',');
		csv_put_field(&o->csv, g->name);
		buf_printf(&o->csv, ",%lld,%lld\r\n", (long long)g->needs,
		    (long long)g->gaps);
	} else {
		json_array_append_new(o->list,
		    json_pack("{s:s, s:s, s:I, s:I}", "key", g->key, "name",
			g->name, "needs", (json_int_t)g->needs, "gaps",
			(json_int_t)g->gaps));
	}
	return 0;
}

static int
api_gaps(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	const char *by = http_param(ac->rq, "by");
	NeedFilter f;
	NeedViewer v;
	NeedOut o;
	Buf err = BUF_INIT;
	int64_t total = 0, gaps = 0;
	int csv, rc;

	(void)id;
	if ((csv = want_csv(ac->rq, rp)) < 0)
		return rp->status;
	if (by == NULL)
		by = "country";
	if (strcmp(by, "country") && strcmp(by, "region") &&
	    strcmp(by, "subregion") && strcmp(by, "pillar") &&
	    strcmp(by, "area"))
		return api_error(rp, 400, "invalid_parameter", "by",
		    "by is country, region, subregion, pillar or area");
	need_filter_of(ac->rq, &f);
	f.gaps = 0;
	if ((rc = need_filter_check(&f, rp)) != 0)
		return rc;
	need_viewer(&ac->who, &v);
	memset(&o, 0, sizeof(o));
	o.csv_on = csv;
	o.list = json_array();
	if (csv)
		buf_puts(&o.csv, "key,name,needs,gaps\r\n");
	rc = store_gaps(ac->s, by, &f, &v, gap_group, &o, &err);
	if (rc == 0)
		rc = store_need_list(ac->s, &f, &v, NULL, NULL, &total, &err);
	f.gaps = 1;
	if (rc == 0)
		rc = store_need_list(ac->s, &f, &v, NULL, NULL, &gaps, &err);
	if (rc != 0)
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	else if (csv)
		rc = api_csv(rp, &o.csv, "gaps.csv");
	else
		rc = api_json(rp, 200,
		    json_pack("{s:s, s:I, s:I, s:O}", "by", by, "needs",
			(json_int_t)total, "gaps", (json_int_t)gaps, "groups",
			o.list));
	json_decref(o.list);
	buf_free(&o.csv);
	buf_free(&err);
	return rc;
}

static int
api_duplicates(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	const char *min = http_param(ac->rq, "min");
	const char *lim = http_param(ac->rq, "limit");
	DupOptions o;
	DupReport r;
	Buf err = BUF_INIT;
	json_t *list;
	char *end = NULL;

	(void)id;
	memset(&o, 0, sizeof(o));
	o.country = http_param(ac->rq, "country");
	o.area = http_param(ac->rq, "area");
	o.entity = http_param(ac->rq, "entity");
	o.min = min ? strtod(min, &end) : -1;
	if (min != NULL && (*end != '\0' || o.min < 0 || o.min > 1))
		return api_error(rp, 400, "invalid_parameter", "min",
		    "min is a likeness from 0 to 1");
	o.limit = (size_t)atoll(lim ? lim : "100");
	if (o.limit < 1 || o.limit > API_LIMIT_MAX)
		return api_error(rp, 400, "invalid_parameter", "limit",
		    "limit must be from 1 to 1000");
	if (dup_report(ac->s, &o, &r, &err) != 0) {
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	list = dup_report_json(&r);
	dup_report_free(&r);
	return api_json(rp, 200, list);
}

static int
api_openapi(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	rp->status = 200;
	rp->type = "application/json";
	buf_set(&rp->body, ctm_blob_openapi);
	return 200;
}

#define FILTERS      "pillar entity country region status search "
#define NEED_FILTERS "country region pillar area status priority body search "

/* Sorted by path, then method. */
static const ApiRoute routes[] = {
	{ "GET", "/board/decisions", "round project decision", API_SIGNED,
	    api_board_decisions },
	{ "POST", "/board/decisions", "", API_SIGNED, api_board_decide },
	{ "GET", "/appeals", "", API_PUBLIC, api_appeals },
	{ "POST", "/appeals", "", API_SIGNED, api_appeal_put },
	{ "DELETE", "/appeals/{id}", "", API_SIGNED, api_appeal_delete },
	{ "GET", "/appeals/{id}", "", API_PUBLIC, api_appeal },
	{ "GET", "/contributions", "project donor trust_fund", API_PUBLIC,
	    api_contributions },
	{ "POST", "/contributions", "", API_SIGNED, api_contribution_create },
	{ "DELETE", "/contributions/{id}", "", API_SIGNED,
	    api_contribution_delete },
	{ "GET", "/duplicates", "country area entity min limit", API_PUBLIC,
	    api_duplicates },
	{ "GET", "/findings", "", API_PUBLIC, api_findings },
	{ "GET", "/framework", "", API_PUBLIC, api_framework },
	{ "GET", "/funding", "by pillar entity format", API_PUBLIC,
	    api_funding },
	{ "GET", "/gaps", "by format " NEED_FILTERS, API_PUBLIC, api_gaps },
	{ "DELETE", "/indicators/{id}", "", API_EDIT, api_indicator_delete },
	{ "PATCH", "/indicators/{id}", "", API_EDIT, api_indicator_patch },
	{ "GET", "/needs", NEED_FILTERS "gaps limit offset format", API_PUBLIC,
	    api_needs },
	{ "POST", "/needs", "", API_SIGNED, api_need_create },
	{ "DELETE", "/needs/{id}", "", API_SIGNED, api_need_delete },
	{ "GET", "/needs/{id}", "", API_PUBLIC, api_need },
	{ "PATCH", "/needs/{id}", "", API_SIGNED, api_need_patch },
	{ "POST", "/needs/{id}/links", "", API_SIGNED, api_need_link },
	{ "GET", "/openapi.json", "", API_PUBLIC, api_openapi },
	{ "GET", "/organisations", "", API_PUBLIC, api_organisations },
	{ "GET", "/places", "kind", API_PUBLIC, api_places },
	{ "GET", "/progress", "wg period format", API_PUBLIC, api_progress },
	{ "GET", "/projects", FILTERS "sort limit offset", API_PUBLIC,
	    api_projects },
	{ "POST", "/projects", "", API_EDIT, api_project_create },
	{ "DELETE", "/projects/{id}", "", API_EDIT, api_project_delete },
	{ "GET", "/projects/{id}", "", API_PUBLIC, api_project },
	{ "PATCH", "/projects/{id}", "", API_EDIT, api_project_patch },
	{ "GET", "/projects/{id}/areas", "", API_PUBLIC, api_areas },
	{ "PUT", "/projects/{id}/areas", "", API_EDIT, api_areas_put },
	{ "DELETE", "/projects/{id}/budget", "", API_SIGNED,
	    api_budget_delete },
	{ "GET", "/projects/{id}/budget", "", API_PUBLIC, api_budget },
	{ "PUT", "/projects/{id}/budget", "", API_SIGNED, api_budget_put },
	{ "PUT", "/projects/{id}/gender", "", API_SIGNED, api_gender_put },
	{ "POST", "/projects/{id}/reports", "", API_EDIT, api_report_put },
	{ "GET", "/projects/{id}/results", "", API_PUBLIC, api_results },
	{ "POST", "/projects/{id}/results", "", API_EDIT, api_result_create },
	{ "GET", "/rates", "currency", API_PUBLIC, api_rates },
	{ "POST", "/rates", "", API_SIGNED, api_rate_create },
	{ "GET", "/projects/{id}/stage", "", API_PUBLIC, api_stage },
	{ "POST", "/projects/{id}/stage", "", API_SIGNED, api_stage_move },
	{ "DELETE", "/reports/{id}", "", API_EDIT, api_report_delete },
	{ "GET", "/reports/{id}", "", API_PUBLIC, api_report },
	{ "POST", "/reports/{id}/status", "", API_EDIT, api_report_move },
	{ "DELETE", "/results/{id}", "", API_EDIT, api_result_delete },
	{ "PATCH", "/results/{id}", "", API_EDIT, api_result_patch },
	{ "POST", "/results/{id}/indicators", "", API_EDIT,
	    api_indicator_create },
	{ "GET", "/rounds", "", API_PUBLIC, api_rounds },
	{ "GET", "/rounds/{key}", "", API_PUBLIC, api_round },
	{ "GET", "/stats", "by sum " FILTERS, API_PUBLIC, api_stats },
	{ "GET", "/trust-fund", "", API_PUBLIC, api_trust_fund },
	{ "GET", "/working-groups", "", API_PUBLIC, api_working_groups },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

/* The longest key "{key}" matches. */
#define API_KEY_MAX 64

/*
 * Does path match pattern?  "{id}" takes a positive number into *id;
 * "{key}" a last segment of letters, digits, '-', '_' and '.' into key.
 */
static int
route_match(const char *pattern, const char *path, int64_t *id, Buf *key)
{
	const char *brace = strstr(pattern, "{id}");
	const char *kb = strstr(pattern, "{key}");
	size_t n = brace ? (size_t)(brace - pattern)
	    : kb         ? (size_t)(kb - pattern)
			 : strlen(pattern);
	char *end;
	long long v;

	if (strncmp(pattern, path, n) != 0)
		return 0;
	if (kb != NULL) {
		size_t k = strspn(path + n,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_.");

		if (k == 0 || k > API_KEY_MAX || path[n + k] != '\0')
			return 0;
		buf_set(key, path + n);
		return 1;
	}
	if (brace == NULL)
		return path[n] == '\0';
	path += n;
	if (*path < '1' || *path > '9')
		return 0;
	v = strtoll(path, &end, 10);
	/* What follows the number must follow "{id}" too. */
	if (strcmp(end, brace + 4) != 0 || v <= 0)
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

/*
 * The ETag of a read: the data generation, the request it answers and
 * the account that asks.
 */
static void
api_etag(Store *s, const HttpRequest *rq, int64_t who, Buf *out)
{
	uint64_t h = 14695981039346656037ULL;

	/* Who asks is part of the answer (needs): of its tag too. */
	h = (h ^ (uint64_t)who) * 1099511628211ULL;
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
	if (access == API_SIGNED)
		return 0;
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
		if (!route_match(routes[i].path, path, &id, &ac.key))
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
	api_etag(s, rq, ac.who.id, &etag);
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
	buf_free(&ac.key);
	buf_free(&etag);
	buf_free(&m);
	buf_free(&allow);
	return 1;
}
