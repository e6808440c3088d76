/*
 * results.c - the API of results: a project's results framework and
 * reports (/projects/{id}/results, /projects/{id}/reports), results and
 * indicators by id, a report's moves (/reports/{id}/status), the
 * progress reports (/progress), the Working Groups and a project's
 * thematic areas.
 *
 * Anyone reads approved results; reports not yet approved are for those
 * who may change the project and the secretariat (portfolio/results.h).
 * Changes go through io/results_io.c, as those of the command line and
 * the pages do.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../io/results_io.h"
#include "api_int.h"

int
api_results(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *j;
	int got = results_json(ac->s, &ac->who, id, &j, &err);

	buf_free(&err);
	if (got < 0)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	if (got == 0)
		return api_error(rp, 404, "not_found", "id", "no such project");
	return api_json(rp, 200, j);
}

/*
 * Is every member of body one of fields (space-separated)?  0, or the
 * status of a 422 put in rp.
 */
static int
fields_only(json_t *body, const char *fields, HttpReply *rp)
{
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return api_error(
		    rp, 422, "invalid_body", NULL, "the body is a JSON object");
	json_object_foreach(body, key, v)
	{
		const char *q = strstr(fields, key);
		size_t n = strlen(key);

		while (q != NULL &&
		    ((q != fields && q[-1] != ' ') ||
			(q[n] != ' ' && q[n] != '\0')))
			q = strstr(q + 1, key);
		if (q == NULL)
			return api_error(
			    rp, 422, "invalid_field", key, "not a field here");
	}
	return 0;
}

/*
 * Member name of body as text into out: a string as is, an integer
 * written out, a number with at most three decimals written with them.
 * 1 (given), 0 (absent: out untouched; null: out "" when nullable), or
 * the status of a 422 put in rp (as a negative number).
 */
static int
text_member(
    json_t *body, const char *name, int nullable, Buf *out, HttpReply *rp)
{
	json_t *v = json_object_get(body, name);

	if (v == NULL)
		return 0;
	if (json_is_null(v) && nullable) {
		buf_set(out, "");
		return 1;
	}
	if (json_is_string(v)) {
		buf_set(out, json_string_value(v));
		return 1;
	}
	if (json_is_integer(v)) {
		buf_reset(out);
		buf_printf(out, "%lld", (long long)json_integer_value(v));
		return 1;
	}
	if (json_is_real(v) && fabs(json_real_value(v)) < 1e15) {
		double x = json_real_value(v) * 1000;

		if (fabs(x - round(x)) < 1e-6) {
			buf_reset(out);
			buf_printf(out, "%.3f", json_real_value(v));
			return 1;
		}
	}
	return -api_error(rp, 422, "invalid_field", name,
	    nullable ? "a string, a number with at most three decimals, or "
		       "null"
		     : "a string, or a number with at most three decimals");
}

/* Reply with the results of project after a change answered code. */
static int
results_after(ApiCtx *ac, int64_t project, int code, HttpReply *rp)
{
	int rc = api_results(ac, project, rp);

	if (rc == 200 && code == COMMIT_CREATED)
		rp->status = rc = 201;
	return rc;
}

/* POST /projects/{id}/results {"level", "statement", "outcome", "demo"}. */
int
api_result_create(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body, *o, *d;
	Buf msg = BUF_INIT, st = BUF_INIT, lv = BUF_INIT;
	Result r;
	int rc, code;

	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	memset(&r, 0, sizeof(r));
	if ((rc = fields_only(body, "level statement outcome demo", rp)) != 0)
		goto out;
	o = json_object_get(body, "outcome");
	d = json_object_get(body, "demo");
	if ((rc = -text_member(body, "level", 0, &lv, rp)) > 0 ||
	    (rc = -text_member(body, "statement", 0, &st, rp)) > 0)
		goto out;
	rc = 0;
	if (o != NULL && !json_is_null(o) &&
	    (!json_is_integer(o) || json_integer_value(o) <= 0)) {
		rc = api_error(rp, 422, "invalid_field", "outcome",
		    "an outcome's id, or null");
		goto out;
	}
	if (d != NULL && !json_is_boolean(d)) {
		rc = api_error(
		    rp, 422, "invalid_field", "demo", "true or false");
		goto out;
	}
	r.project_id = id;
	r.level = buf_str(&lv);
	r.statement = buf_str(&st);
	r.outcome_id = json_is_integer(o) ? json_integer_value(o) : 0;
	r.demo = json_is_true(d);
	code = result_commit(ac->s, &ac->who, &r, 0, &msg);
	rc = code == COMMIT_CREATED
	    ? results_after(ac, id, code, rp)
	    : api_commit_error(
		  rp, code, code == COMMIT_NOT_FOUND ? "id" : NULL, &msg);
out:
	json_decref(body);
	buf_free(&msg);
	buf_free(&st);
	buf_free(&lv);
	return rc;
}

/* PATCH /results/{id} {"statement", "outcome"}; DELETE /results/{id}. */
static int
result_write(ApiCtx *ac, int64_t id, int del, HttpReply *rp)
{
	json_t *body = NULL, *o;
	Buf msg = BUF_INIT, st = BUF_INIT, err = BUF_INIT;
	Result r;
	int64_t project = 0;
	int rc = 0, code, got;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.outcome_id = -1; /* kept unless given */
	if (!del) {
		if ((body = api_body(ac->rq, rp)) == NULL)
			return rp->status;
		if ((rc = fields_only(body, "statement outcome", rp)) != 0)
			goto out;
	}
	got = store_results_owner(ac->s, 'r', id, &project, &err);
	if (got <= 0) {
		rc = got < 0
		    ? api_error(rp, 503, "busy", NULL, "try again")
		    : api_error(rp, 404, "not_found", "id", "no such result");
		goto out;
	}
	if (!del) {
		o = json_object_get(body, "outcome");
		if ((got = text_member(body, "statement", 0, &st, rp)) < 0) {
			rc = -got;
			goto out;
		}
		if (got == 1)
			r.statement = buf_str(&st);
		if (o != NULL && !json_is_null(o) &&
		    (!json_is_integer(o) || json_integer_value(o) <= 0)) {
			rc = api_error(rp, 422, "invalid_field", "outcome",
			    "an outcome's id, or null");
			goto out;
		}
		if (o != NULL)
			r.outcome_id =
			    json_is_integer(o) ? json_integer_value(o) : 0;
	}
	code = result_commit(ac->s, &ac->who, &r, del, &msg);
	if (code == COMMIT_DELETED)
		rc = rp->status = 204;
	else if (code == COMMIT_OK)
		rc = results_after(ac, project, code, rp);
	else
		rc = api_commit_error(rp, code, "id", &msg);
out:
	json_decref(body);
	buf_free(&msg);
	buf_free(&st);
	buf_free(&err);
	return rc;
}

int
api_result_patch(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return result_write(ac, id, 0, rp);
}

int
api_result_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return result_write(ac, id, 1, rp);
}

/* The members of an indicator's body, as IndicatorInput takes them. */
typedef struct IndBufs {
	Buf name, unit, aggregate, baseline, target, categories;
} IndBufs;

static void
indbufs_free(IndBufs *b)
{
	buf_free(&b->name);
	buf_free(&b->unit);
	buf_free(&b->aggregate);
	buf_free(&b->baseline);
	buf_free(&b->target);
	buf_free(&b->categories);
}

/* body into in (strings in b): 0, or the status of a 422 put in rp. */
static int
indicator_body(json_t *body, IndicatorInput *in, IndBufs *b, HttpReply *rp)
{
	struct {
		const char *name;
		Buf *buf;
		const char **slot;
		int nullable;
	} m[] = {
		{ "name", &b->name, &in->name, 0 },
		{ "unit", &b->unit, &in->unit, 0 },
		{ "aggregate", &b->aggregate, &in->aggregate, 0 },
		{ "baseline", &b->baseline, &in->baseline, 1 },
		{ "target", &b->target, &in->target, 1 },
	};
	json_t *c, *d;
	int got;

	if ((got = fields_only(body,
		 "name unit aggregate baseline target categories demo", rp)) !=
	    0)
		return got;
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		got = text_member(body, m[i].name, m[i].nullable, m[i].buf, rp);
		if (got < 0)
			return -got;
		if (got == 1)
			*m[i].slot = buf_str(m[i].buf);
	}
	c = json_object_get(body, "categories");
	if (c != NULL) {
		size_t i;
		json_t *v;

		if (!json_is_array(c) && !json_is_null(c))
			return api_error(rp, 422, "invalid_field", "categories",
			    "an array of category keys, such as [\"female\", "
			    "\"male\"]");
		json_array_foreach(c, i, v)
		{
			if (!json_is_string(v))
				return api_error(rp, 422, "invalid_field",
				    "categories", "category keys are strings");
			buf_printf(&b->categories, "%s%s", i ? "," : "",
			    json_string_value(v));
		}
		in->categories = buf_str(&b->categories);
	}
	d = json_object_get(body, "demo");
	if (d != NULL && !json_is_boolean(d))
		return api_error(
		    rp, 422, "invalid_field", "demo", "true or false");
	if (d != NULL)
		in->demo = json_is_true(d);
	return 0;
}

/* POST /results/{id}/indicators, PATCH and DELETE /indicators/{id}. */
static int
indicator_write(ApiCtx *ac, int64_t result, int64_t id, int del, HttpReply *rp)
{
	json_t *body = NULL;
	Buf msg = BUF_INIT, err = BUF_INIT;
	IndicatorInput in;
	IndBufs b;
	int64_t project = 0;
	int rc = 0, code;

	memset(&in, 0, sizeof(in));
	memset(&b, 0, sizeof(b));
	in.demo = result ? 0 : -1;
	if (!del) {
		if ((body = api_body(ac->rq, rp)) == NULL)
			return rp->status;
		if ((rc = indicator_body(body, &in, &b, rp)) != 0)
			goto out;
	}
	code = indicator_commit(ac->s, &ac->who, result, &id, &in, del, &msg);
	if (code == COMMIT_DELETED)
		rc = rp->status = 204;
	else if (code != COMMIT_OK && code != COMMIT_CREATED)
		rc = api_commit_error(rp, code, "id", &msg);
	else if (store_results_owner(ac->s, 'i', id, &project, &err) != 1)
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	else
		rc = results_after(ac, project, code, rp);
out:
	json_decref(body);
	indbufs_free(&b);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}

int
api_indicator_create(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return indicator_write(ac, id, 0, 0, rp);
}

int
api_indicator_patch(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return indicator_write(ac, 0, id, 0, rp);
}

int
api_indicator_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	return indicator_write(ac, 0, id, 1, rp);
}

/*
 * Report id of project as results_json() gives it to who: 1 with *found
 * (a new reference), 0 when who may not see it, -1 when the query fails.
 */
static int
report_seen(ApiCtx *ac, int64_t project, int64_t id, json_t **found)
{
	Buf err = BUF_INIT;
	json_t *j = NULL, *reps;
	int got = results_json(ac->s, &ac->who, project, &j, &err);

	buf_free(&err);
	*found = NULL;
	if (got < 0)
		return -1;
	reps = json_object_get(j, "reports");
	for (size_t i = 0; i < json_array_size(reps); i++) {
		json_t *r = json_array_get(reps, i);

		if (json_integer_value(json_object_get(r, "id")) == id)
			*found = json_incref(r);
	}
	json_decref(j);
	return *found != NULL;
}

/*
 * Reply with report id of project as who sees it; not seen is not found:
 * a draft says nothing of itself.
 */
static int
report_reply(ApiCtx *ac, int64_t project, int64_t id, int status, HttpReply *rp)
{
	json_t *found;
	int got = report_seen(ac, project, id, &found);

	if (got < 0)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	if (got == 0)
		return api_error(rp, 404, "not_found", "id", "no such report");
	return api_json(rp, status, found);
}

/*
 * Does who see report id (of project) to change it?  1, or the status of
 * the error put in rp: 404 for a report who may not see (an approved
 * one is public: changing it is refused by the rules, 403 or 409).
 */
static int
report_visible(ApiCtx *ac, int64_t project, int64_t id, HttpReply *rp)
{
	json_t *found;
	int got = report_seen(ac, project, id, &found);

	json_decref(found);
	if (got < 0)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	if (got == 0)
		return api_error(rp, 404, "not_found", "id", "no such report");
	return 1;
}

/* The values of a report's body into v (strings kept in keep). */
static int
values_body(json_t *vals, ValueInput **v, size_t *n, Buf **keep, size_t *nkeep,
    HttpReply *rp)
{
	size_t i, cap = 0;
	json_t *e;

	*n = *nkeep = 0;
	if (!json_is_array(vals))
		return api_error(rp, 422, "invalid_field", "values",
		    "an array of {\"indicator\", \"value\", \"by\"}");
	json_array_foreach(vals, i, e)
	{
		json_t *ind = json_object_get(e, "indicator");
		json_t *by = json_object_get(e, "by");
		const char *cat;
		json_t *bv;
		int got;

		if (!json_is_object(e) || !json_is_integer(ind) ||
		    json_integer_value(ind) <= 0 ||
		    (by != NULL && !json_is_object(by)))
			return api_error(rp, 422, "invalid_field", "values",
			    "each value is {\"indicator\": an id, \"value\", "
			    "\"by\": {category: value}}");
		cap += 1 + json_object_size(by);
		*v = xrealloc(*v, (cap + 1) * sizeof(**v));
		*keep = xrealloc(*keep, (cap + 1) * sizeof(**keep));
		if (json_object_get(e, "value") != NULL &&
		    !json_is_null(json_object_get(e, "value"))) {
			Buf *k = &(*keep)[(*nkeep)++];

			memset(k, 0, sizeof(*k));
			if ((got = text_member(e, "value", 0, k, rp)) < 0)
				return -got;
			(*v)[*n].indicator = json_integer_value(ind);
			(*v)[*n].category = "";
			(*v)[(*n)++].value = buf_str(k);
		}
		json_object_foreach(by, cat, bv)
		{
			Buf *k = &(*keep)[(*nkeep)++];

			memset(k, 0, sizeof(*k));
			if ((got = text_member(by, cat, 0, k, rp)) < 0)
				return -got;
			(*v)[*n].indicator = json_integer_value(ind);
			(*v)[*n].category = cat;
			(*v)[(*n)++].value = buf_str(k);
		}
	}
	return 0;
}

/* POST /projects/{id}/reports {"period", "narrative", "values", "demo"}. */
int
api_report_put(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body, *d, *vals;
	Buf msg = BUF_INIT, period = BUF_INIT, narr = BUF_INIT;
	Buf *keep = NULL;
	ValueInput *v = NULL;
	ReportInput in;
	size_t nkeep = 0;
	int64_t rid = 0;
	int rc, code, got;

	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	memset(&in, 0, sizeof(in));
	if ((rc = fields_only(body, "period narrative values demo", rp)) != 0)
		goto out;
	if ((got = text_member(body, "period", 0, &period, rp)) <= 0) {
		rc = got < 0 ? -got
			     : api_error(rp, 422, "invalid_field", "period",
				   "the period is required (2025-Q2, "
				   "2025-H1, 2025)");
		goto out;
	}
	if ((got = text_member(body, "narrative", 1, &narr, rp)) < 0) {
		rc = -got;
		goto out;
	}
	in.narrative = got ? buf_str(&narr) : NULL;
	in.period = buf_str(&period);
	if ((vals = json_object_get(body, "values")) != NULL) {
		if ((rc = values_body(
			 vals, &v, &in.nvalues, &keep, &nkeep, rp)) != 0)
			goto out;
		in.values = v;
		in.set_values = 1;
	}
	d = json_object_get(body, "demo");
	if (d != NULL && !json_is_boolean(d)) {
		rc = api_error(
		    rp, 422, "invalid_field", "demo", "true or false");
		goto out;
	}
	in.demo = json_is_true(d);
	code = report_commit(ac->s, &ac->who, id, &in, &rid, &msg);
	if (code == COMMIT_OK || code == COMMIT_CREATED)
		rc = report_reply(ac, id, rid, code, rp);
	else
		rc = api_commit_error(
		    rp, code, code == COMMIT_NOT_FOUND ? "id" : NULL, &msg);
out:
	for (size_t i = 0; i < nkeep; i++)
		buf_free(&keep[i]);
	free(keep);
	free(v);
	json_decref(body);
	buf_free(&msg);
	buf_free(&period);
	buf_free(&narr);
	return rc;
}

/* The project of report id into *project: 1, or the status put in rp. */
static int
report_project(ApiCtx *ac, int64_t id, int64_t *project, HttpReply *rp)
{
	Buf err = BUF_INIT;
	int got = store_results_owner(ac->s, 'p', id, project, &err);

	buf_free(&err);
	if (got < 0)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	if (got == 0)
		return api_error(rp, 404, "not_found", "id", "no such report");
	return 1;
}

int
api_report(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	int64_t project = 0;
	int got = report_project(ac, id, &project, rp);

	return got != 1 ? got : report_reply(ac, project, id, 200, rp);
}

int
api_report_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf msg = BUF_INIT;
	int64_t project = 0;
	int code, rc = report_project(ac, id, &project, rp);

	if (rc != 1)
		return rc;
	if ((rc = report_visible(ac, project, id, rp)) != 1)
		return rc;
	code = report_delete_commit(ac->s, &ac->who, id, &msg);
	rc = code == COMMIT_DELETED ? (rp->status = 204)
				    : api_commit_error(rp, code, "id", &msg);
	buf_free(&msg);
	return rc;
}

/* POST /reports/{id}/status {"to": "submitted", "note": "..."}. */
int
api_report_move(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body;
	Buf msg = BUF_INIT, to = BUF_INIT, note = BUF_INIT;
	int64_t project = 0;
	int code, rc = report_project(ac, id, &project, rp), got;

	if (rc != 1 || (rc = report_visible(ac, project, id, rp)) != 1)
		return rc;
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	if ((rc = fields_only(body, "to note", rp)) != 0)
		goto out;
	if ((got = text_member(body, "to", 0, &to, rp)) <= 0) {
		rc = got < 0 ? -got
			     : api_error(rp, 422, "invalid_field", "to",
				   "to: submitted, draft, returned or "
				   "approved");
		goto out;
	}
	if ((got = text_member(body, "note", 1, &note, rp)) < 0) {
		rc = -got;
		goto out;
	}
	code = report_move_commit(
	    ac->s, &ac->who, id, buf_str(&to), buf_str(&note), &msg);
	rc = code == COMMIT_OK ? report_reply(ac, project, id, 200, rp)
	    : code != 422
	    ? api_commit_error(rp, code, "id", &msg)
	    : api_commit_error(rp, code,
		  result_status_ok(buf_str(&to)) ? "note" : "to", &msg);
out:
	json_decref(body);
	buf_free(&msg);
	buf_free(&to);
	buf_free(&note);
	return rc;
}

int
api_progress(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	const char *period = http_param(ac->rq, "period");
	const char *format = http_param(ac->rq, "format");
	Buf msg = BUF_INIT, err = BUF_INIT, csv = BUF_INIT;
	json_t *j;
	int got;

	if (period == NULL)
		return api_error(rp, 400, "invalid_parameter", "period",
		    "period: a quarter (2025-Q2), a half year (2025-H1) or a "
		    "year (2025)");
	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "csv") != 0)
		return api_error(rp, 400, "invalid_parameter", "format",
		    "format is json or csv");
	/* English, as every name the API gives (it takes no language). */
	got = progress_json(ac->s, &ac->who, http_param(ac->rq, "wg"), period,
	    NULL, &j, &msg, &err);
	if (got <= 0) {
		got = got == 0
		    ? api_error(rp, 404, "not_found", "wg", buf_str(&msg))
		    : msg.len
		    ? api_error(
			  rp, 400, "invalid_parameter", "period", buf_str(&msg))
		    : api_error(rp, 500, "internal", NULL, "the query failed");
		buf_free(&msg);
		buf_free(&err);
		return got;
	}
	if (format != NULL && strcmp(format, "csv") == 0) {
		progress_csv(j, &csv);
		json_decref(j);
		got = api_csv(rp, &csv, "progress.csv");
		buf_free(&csv);
		return got;
	}
	return api_json(rp, 200, j);
}

/* Collect key and name into the JSON array ctx. */
static int
ref_json(void *ctx, const RefItem *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "key", json_string(r->key));
	json_object_set_new(o, "name", json_string(r->name));
	json_array_append_new(ctx, o);
	return 0;
}

int
api_working_groups(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *a = json_array(), *j;

	if (store_working_groups(ac->s, NULL, ref_json, a, &err) != 0) {
		json_decref(a);
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	j = json_object();
	json_object_set_new(j, "working_groups", a);
	return api_json(rp, 200, j);
}

int
api_areas(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	Project p;
	json_t *a, *j;
	int got;

	memset(&p, 0, sizeof(p));
	got = store_project_get(ac->s, id, &p, &err);
	project_clear(&p);
	if (got == 0)
		return api_error(rp, 404, "not_found", "id", "no such project");
	a = json_array();
	if (got < 0 || store_project_areas(ac->s, id, ref_json, a, &err) != 0) {
		json_decref(a);
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	j = json_object();
	json_object_set_new(j, "project", json_integer(id));
	json_object_set_new(j, "areas", a);
	return api_json(rp, 200, j);
}

/* PUT /projects/{id}/areas {"areas": ["key", ...]}. */
int
api_areas_put(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	json_t *body, *a, *v;
	const char **keys = NULL;
	Buf msg = BUF_INIT;
	size_t i, n = 0;
	int rc, code;

	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	if ((rc = fields_only(body, "areas", rp)) != 0)
		goto out;
	a = json_object_get(body, "areas");
	if (!json_is_array(a)) {
		rc = api_error(rp, 422, "invalid_field", "areas",
		    "an array of thematic area keys");
		goto out;
	}
	keys = xcalloc(json_array_size(a) + 1, sizeof(*keys));
	json_array_foreach(a, i, v)
	{
		if (!json_is_string(v)) {
			rc = api_error(rp, 422, "invalid_field", "areas",
			    "thematic area keys are strings");
			goto out;
		}
		keys[n++] = json_string_value(v);
	}
	code = project_areas_commit(ac->s, &ac->who, id, keys, n, &msg);
	rc = code == COMMIT_OK
	    ? api_areas(ac, id, rp)
	    : api_commit_error(rp, code, code == 422 ? "areas" : "id", &msg);
out:
	free(keys);
	json_decref(body);
	buf_free(&msg);
	return rc;
}
