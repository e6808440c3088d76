/*
 * api_money.c - the money routes of the API: funding, the Trust Fund,
 * contributions, rates, appeals, a project's budget and gender marker.
 *
 * Reads are public (what donors and Member States are shown); changes
 * need a signed-in account, and money_io.h says which role may make
 * which.  Sums travel as decimal strings ("250,000" or "250000.00" in;
 * "250000.00" with "_cents" or "_minor" integers out), never as JSON
 * numbers with a fraction, which a client would read as floating point.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/csv.h"
#include "../core/mem.h"
#include "../io/money_io.h"
#include "../portfolio/money.h"
#include "api_int.h"

/* Answer a change: the COMMIT_* code as HTTP, j (consumed) on success. */
static int
reply(HttpReply *rp, int code, const Buf *msg, json_t *j)
{
	switch (code) {
	case COMMIT_OK:
	case COMMIT_CREATED:
		return api_json(rp, code, j ? j : json_object());
	case COMMIT_DELETED:
		json_decref(j);
		rp->status = 204;
		return 204;
	default:
		break;
	}
	json_decref(j);
	switch (code) {
	case 400:
		return api_error(rp, 422, "invalid", NULL, buf_str(msg));
	case COMMIT_FORBIDDEN:
		return api_error(rp, 403, "forbidden", NULL, buf_str(msg));
	case COMMIT_NOT_FOUND:
		return api_error(rp, 404, "not_found", NULL, buf_str(msg));
	case COMMIT_BUSY:
		return api_error(rp, 503, "busy", NULL, "try again");
	default:
		return api_error(
		    rp, 500, "internal", NULL, "the change failed");
	}
}

/* A member of body as text: a string, or an integer written out. */
static const char *
text_of(json_t *body, const char *name, char tmp[32])
{
	json_t *v = json_object_get(body, name);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(tmp, 32, "%lld", (long long)json_integer_value(v));
		return tmp;
	}
	return NULL;
}

/* A string member of body, or "". */
static const char *
str_or(json_t *body, const char *name)
{
	const char *v = json_string_value(json_object_get(body, name));

	return v ? v : "";
}

/* A sum must not come as a JSON number with a fraction. */
static int
no_real(json_t *body, const char *name, HttpReply *rp)
{
	if (!json_is_real(json_object_get(body, name)))
		return 0;
	return api_error(rp, 422, "invalid", name,
	    "write sums as strings (\"1234.56\"): a JSON number with a"
	    " fraction is read as floating point");
}

int
api_funding(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	const char *format = http_param(ac->rq, "format");
	FundFilter f;
	Buf err = BUF_INIT;
	json_t *j;
	int rc;

	(void)id;
	memset(&f, 0, sizeof(f));
	f.by = http_param(ac->rq, "by") ? http_param(ac->rq, "by") : "pillar";
	f.pillar = http_param(ac->rq, "pillar");
	f.entity = http_param(ac->rq, "entity");
	if (!store_fund_by_known(f.by))
		return api_error(rp, 400, "invalid_parameter", "by",
		    "by is project, entity, pillar, gender or portfolio");
	if (format != NULL && strcmp(format, "csv") != 0 &&
	    strcmp(format, "json") != 0)
		return api_error(rp, 400, "invalid_parameter", "format",
		    "format is json or csv");
	if ((j = funding_json(ac->s, &f, &err)) == NULL) {
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	if (format != NULL && strcmp(format, "csv") == 0) {
		Buf csv = BUF_INIT;
		json_t *g;
		size_t i;

		buf_puts(&csv,
		    "key,name,projects,budgeted,budget_usd,"
		    "received_usd,shortfall_usd\r\n");
		json_array_foreach(json_object_get(j, "groups"), i, g)
		{
			csv_put_field(
			    &csv, json_string_value(json_object_get(g, "key")));
			buf_putc(&csv, ',');
			csv_put_field(&csv,
			    json_string_value(json_object_get(g, "name")));
			buf_printf(&csv, ",%lld,%lld,%s,%s,%s\r\n",
			    (long long)json_integer_value(
				json_object_get(g, "projects")),
			    (long long)json_integer_value(
				json_object_get(g, "budgeted")),
			    json_string_value(json_object_get(g, "budget")),
			    json_string_value(json_object_get(g, "received")),
			    json_string_value(json_object_get(g, "shortfall")));
		}
		rc = api_csv(rp, &csv, "funding.csv");
		buf_free(&csv);
		json_decref(j);
	} else {
		rc = api_json(rp, 200, j);
	}
	buf_free(&err);
	return rc;
}

int
api_trust_fund(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *j = trust_fund_json(ac->s, &err);

	(void)id;
	buf_free(&err);
	if (j == NULL)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	return api_json(rp, 200, j);
}

static int
contribution_one(void *ctx, const Contribution *c)
{
	json_array_append_new(ctx, contribution_json(c));
	return 0;
}

int
api_contributions(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	const char *p = http_param(ac->rq, "project");
	const char *tf = http_param(ac->rq, "trust_fund");
	ContributionFilter f;
	Buf err = BUF_INIT;
	json_t *a = json_array();

	(void)id;
	memset(&f, 0, sizeof(f));
	f.project = p ? atoll(p) : 0;
	if (p != NULL && f.project <= 0) {
		json_decref(a);
		return api_error(rp, 400, "invalid_parameter", "project",
		    "project is a project id");
	}
	f.donor = http_param(ac->rq, "donor");
	f.trust_fund = tf != NULL && strcmp(tf, "true") == 0;
	if (store_contributions(ac->s, &f, contribution_one, a, &err) != 0) {
		json_decref(a);
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	return api_json(rp, 200, json_pack("{so}", "contributions", a));
}

int
api_contribution_create(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	ContributionInput in;
	Contribution c;
	Buf msg = BUF_INIT, err = BUF_INIT;
	char t1[32], t2[32];
	json_t *body, *j = NULL;
	int code, rc;
	int64_t nid = 0;

	(void)id;
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	if (no_real(body, "amount", rp)) {
		json_decref(body);
		return rp->status;
	}
	memset(&in, 0, sizeof(in));
	in.donor = json_string_value(json_object_get(body, "donor"));
	in.project = text_of(body, "project", t1);
	in.amount = text_of(body, "amount", t2);
	in.currency = json_string_value(json_object_get(body, "currency"));
	in.received = json_string_value(json_object_get(body, "received"));
	in.trust_fund = json_is_true(json_object_get(body, "trust_fund"));
	in.in_kind = json_is_true(json_object_get(body, "in_kind"));
	in.note = json_string_value(json_object_get(body, "note"));
	code = contribution_commit(ac->s, &ac->who, &in, &nid, &msg);
	if (code == COMMIT_CREATED &&
	    store_contribution_get(ac->s, nid, &c, &err) == 1) {
		Buf loc = BUF_INIT;

		j = contribution_json(&c);
		contribution_free(&c);
		buf_printf(
		    &loc, API_PREFIX "/contributions/%lld", (long long)nid);
		http_reply_header(rp, "Location", buf_str(&loc));
		buf_free(&loc);
	}
	rc = reply(rp, code, &msg, j);
	json_decref(body);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}

int
api_contribution_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf msg = BUF_INIT;
	int rc = reply(rp,
	    contribution_delete_commit(ac->s, &ac->who, id, &msg), &msg, NULL);

	buf_free(&msg);
	return rc;
}

static int
rate_one(
    void *ctx, const char *cur, const char *on, int64_t e9, const char *source)
{
	Buf r = BUF_INIT;

	money_format_rate(e9, &r);
	json_array_append_new(ctx,
	    json_pack("{ss ss ss sI ss}", "currency", cur, "date", on, "rate",
		buf_str(&r), "usd_e9", (json_int_t)e9, "source", source));
	buf_free(&r);
	return 0;
}

int
api_rates(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *a = json_array();

	(void)id;
	if (store_rates(ac->s, http_param(ac->rq, "currency"), rate_one, a,
		&err) != 0) {
		json_decref(a);
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	return api_json(rp, 200, json_pack("{so}", "rates", a));
}

int
api_rate_create(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf msg = BUF_INIT;
	json_t *body;
	char t[32];
	const char *cur, *rate, *date;
	int rc;

	(void)id;
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	if (no_real(body, "rate", rp)) {
		json_decref(body);
		return rp->status;
	}
	cur = json_string_value(json_object_get(body, "currency"));
	rate = text_of(body, "rate", t);
	date = json_string_value(json_object_get(body, "date"));
	rc = rate_commit(ac->s, &ac->who, cur, rate, date,
	    json_string_value(json_object_get(body, "source")), &msg);
	rc = reply(rp, rc == COMMIT_OK ? COMMIT_CREATED : rc, &msg,
	    rc == COMMIT_OK ? json_pack("{ss ss ss}", "currency", cur, "rate",
				  rate, "date", date)
			    : NULL);
	json_decref(body);
	buf_free(&msg);
	return rc;
}

static int
appeal_one(void *ctx, const Appeal *a)
{
	json_array_append_new(ctx,
	    json_pack("{sI ss ss ss? sI sb}", "id", (json_int_t)a->id, "key",
		a->key, "title", a->title, "issued", a->issued, "projects",
		(json_int_t)a->nprojects, "demo", a->demo));
	return 0;
}

int
api_appeals(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	json_t *a = json_array();

	(void)id;
	if (store_appeals(ac->s, appeal_one, a, &err) != 0) {
		json_decref(a);
		buf_free(&err);
		return api_error(rp, 500, "internal", NULL, "the query failed");
	}
	return api_json(rp, 200, json_pack("{so}", "appeals", a));
}

int
api_appeal(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf key = BUF_INIT, err = BUF_INIT;
	json_t *j = NULL;
	int found = 0, got = store_appeal_key(ac->s, id, &key, &err);

	if (got == 1)
		j = appeal_json(ac->s, buf_str(&key), &found, &err);
	buf_free(&key);
	buf_free(&err);
	if (got == 0 || (got == 1 && j == NULL && !found))
		return api_error(rp, 404, "not_found", "id", "no such appeal");
	if (j == NULL)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	json_object_set_new(j, "id", json_integer(id));
	return api_json(rp, 200, j);
}

int
api_appeal_put(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Appeal a;
	Buf msg = BUF_INIT, err = BUF_INIT;
	json_t *body, *v, *j = NULL;
	size_t i;
	int code, rc, found;

	(void)id;
	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	memset(&a, 0, sizeof(a));
	a.key = xstrdup(str_or(body, "key"));
	a.title = xstrdup(str_or(body, "title"));
	if (json_string_value(json_object_get(body, "issued")) != NULL)
		a.issued =
		    xstrdup(json_string_value(json_object_get(body, "issued")));
	a.note = xstrdup(str_or(body, "note"));
	a.demo = json_is_true(json_object_get(body, "demo"));
	json_array_foreach(json_object_get(body, "projects"), i, v)
	{
		if (!json_is_integer(v) || json_integer_value(v) <= 0) {
			rc = api_error(rp, 422, "invalid", "projects",
			    "projects is a list of project ids");
			goto out;
		}
		a.projects = xrealloc(
		    a.projects, (a.nprojects + 1) * sizeof(*a.projects));
		a.projects[a.nprojects++] = json_integer_value(v);
	}
	code = appeal_commit(ac->s, &ac->who, &a, &msg);
	if (code == COMMIT_OK || code == COMMIT_CREATED)
		j = appeal_json(ac->s, a.key, &found, &err);
	rc = reply(rp, code, &msg, j);
out:
	appeal_free(&a);
	json_decref(body);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}

int
api_appeal_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf key = BUF_INIT, msg = BUF_INIT, err = BUF_INIT;
	int got = store_appeal_key(ac->s, id, &key, &err), rc;

	if (got == 1)
		rc = reply(rp,
		    appeal_delete_commit(ac->s, &ac->who, buf_str(&key), &msg),
		    &msg, NULL);
	else if (got == 0)
		rc = api_error(rp, 404, "not_found", "id", "no such appeal");
	else
		rc = api_error(rp, 500, "internal", NULL, "the query failed");
	buf_free(&key);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}

int
api_budget(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf err = BUF_INIT;
	int status;
	json_t *j = project_money_json(ac->s, id, &status, &err);

	buf_free(&err);
	if (status == 404)
		return api_error(rp, 404, "not_found", "id", "no such project");
	if (j == NULL)
		return api_error(rp, 500, "internal", NULL, "the query failed");
	return api_json(rp, 200, j);
}

/* After a change of a project's money: its state, or the error. */
static int
budget_reply(ApiCtx *ac, int64_t id, int code, const Buf *msg, HttpReply *rp)
{
	Buf err = BUF_INIT;
	int status;
	json_t *j = NULL;

	if (code == COMMIT_OK || code == COMMIT_CREATED)
		j = project_money_json(ac->s, id, &status, &err);
	buf_free(&err);
	return reply(rp, code, msg, j);
}

int
api_budget_put(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf msg = BUF_INIT;
	json_t *body;
	char t[32], day[11];
	const char *as_of;
	int rc;

	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	if (no_real(body, "amount", rp)) {
		json_decref(body);
		return rp->status;
	}
	as_of = json_string_value(json_object_get(body, "as_of"));
	if (as_of == NULL) {
		Buf now = BUF_INIT;

		store_now(&now);
		snprintf(day, sizeof(day), "%.10s", buf_str(&now));
		buf_free(&now);
		as_of = day;
	}
	if (text_of(body, "amount", t) == NULL)
		rc = api_error(rp, 422, "invalid", "amount",
		    "amount is required (\"250,000\" or \"250000.00\")");
	else
		rc = budget_reply(ac, id,
		    budget_commit(ac->s, &ac->who, id,
			text_of(body, "amount", t),
			json_string_value(json_object_get(body, "currency")),
			as_of, json_is_true(json_object_get(body, "demo")),
			&msg),
		    &msg, rp);
	json_decref(body);
	buf_free(&msg);
	return rc;
}

int
api_budget_delete(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf msg = BUF_INIT;
	int rc = reply(rp,
	    budget_commit(ac->s, &ac->who, id, NULL, NULL, NULL, 0, &msg), &msg,
	    NULL);

	buf_free(&msg);
	return rc;
}

int
api_gender_put(ApiCtx *ac, int64_t id, HttpReply *rp)
{
	Buf msg = BUF_INIT;
	json_t *body, *m, *d;
	char t[32];
	const char *v;
	int rc;

	if ((body = api_body(ac->rq, rp)) == NULL)
		return rp->status;
	m = json_object_get(body, "gender_marker");
	d = json_object_get(body, "demo");
	v = json_is_null(m) ? "none" : text_of(body, "gender_marker", t);
	if (m == NULL || v == NULL)
		rc = api_error(rp, 422, "invalid", "gender_marker",
		    "gender_marker is 0, 1, 2, 3 or null");
	else if (d != NULL && !json_is_boolean(d))
		rc = api_error(rp, 422, "invalid", "demo", "true or false");
	else
		rc = budget_reply(ac, id,
		    gender_commit(
			ac->s, &ac->who, id, json_is_true(d), v, &msg),
		    &msg, rp);
	json_decref(body);
	buf_free(&msg);
	return rc;
}
