/*
 * money_io.c - money in and out, and its changes with their audit entries
 * (see money_io.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../portfolio/money.h"
#include "../portfolio/resolve.h"
#include "money_io.h"
#include "../text/lang.h"

/* --- out ---------------------------------------------------------------- */

static json_t *
decimal(int64_t v, int minor)
{
	Buf b = BUF_INIT;
	json_t *j;

	money_decimal(v, minor, &b);
	j = json_string(buf_str(&b));
	buf_free(&b);
	return j;
}

json_t *
money_json(const Money *m)
{
	json_t *j = json_object();
	Buf r = BUF_INIT;

	json_object_set_new(j, "amount", decimal(m->amount, m->minor));
	json_object_set_new(j, "amount_minor", json_integer(m->amount));
	json_object_set_new(j, "currency", json_string(m->currency));
	usd_members(j, "usd", m->usd);
	money_format_rate(m->usd_e9, &r);
	json_object_set_new(j, "rate", json_string(buf_str(&r)));
	json_object_set_new(j, "rate_date",
	    m->rate_date[0] ? json_string(m->rate_date) : json_null());
	buf_free(&r);
	return j;
}

void
usd_members(json_t *o, const char *name, int64_t cents)
{
	Buf k = BUF_INIT;

	json_object_set_new(o, name, decimal(cents, 2));
	buf_printf(&k, "%s_cents", name);
	json_object_set_new(o, buf_str(&k), json_integer(cents));
	buf_free(&k);
}

json_t *
contribution_json(const Contribution *c)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(c->id));
	json_object_set_new(j, "donor", json_string(c->donor));
	json_object_set_new(j, "donor_key",
	    c->donor_key ? json_string(c->donor_key) : json_null());
	json_object_set_new(
	    j, "project", c->project ? json_integer(c->project) : json_null());
	json_object_set_new(j, "project_title",
	    c->project_title ? json_string(c->project_title) : json_null());
	json_object_set_new(j, "trust_fund", json_boolean(c->trust_fund));
	json_object_set_new(j, "earmarked", json_boolean(c->earmarked));
	json_object_set_new(
	    j, "kind", json_string(c->in_kind ? "in_kind" : "cash"));
	json_object_set_new(j, "money", money_json(&c->m));
	json_object_set_new(j, "received", json_string(c->received));
	json_object_set_new(j, "note", json_string(c->note ? c->note : ""));
	json_object_set_new(j, "demo", json_boolean(c->demo));
	return j;
}

typedef struct FundCtx {
	json_t *groups;
	FundRow total;
} FundCtx;

json_t *
fund_row_json(const FundRow *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "key", json_string(r->key));
	json_object_set_new(j, "name", json_string(r->name));
	json_object_set_new(j, "projects", json_integer(r->projects));
	json_object_set_new(j, "budgeted", json_integer(r->budgeted));
	usd_members(j, "budget", r->budget);
	usd_members(j, "received", r->received);
	usd_members(j, "shortfall", r->shortfall);
	json_object_set_new(j, "demo_projects", json_integer(r->demo));
	json_object_set_new(
	    j, "demo_received_projects", json_integer(r->received_demo));
	return j;
}

static int
fund_one(void *ctx, const FundRow *r)
{
	FundCtx *c = ctx;

	json_array_append_new(c->groups, fund_row_json(r));
	c->total.projects += r->projects;
	c->total.budgeted += r->budgeted;
	c->total.budget += r->budget;
	c->total.received += r->received;
	c->total.shortfall += r->shortfall;
	c->total.demo += r->demo;
	c->total.received_demo += r->received_demo;
	return 0;
}

json_t *
funding_json(Store *s, const FundFilter *f, Buf *err)
{
	FundCtx c;
	json_t *j;

	memset(&c, 0, sizeof(c));
	c.groups = json_array();
	c.total.key = "total";
	c.total.name = "total";
	if (store_funding(s, f, fund_one, &c, err) != 0) {
		json_decref(c.groups);
		return NULL;
	}
	j = json_object();
	json_object_set_new(j, "by", json_string(f->by));
	json_object_set_new(j, "groups", c.groups);
	json_object_set_new(j, "total", fund_row_json(&c.total));
	return j;
}

typedef struct DonorCtx {
	json_t *donors;
	int64_t usd, n;
} DonorCtx;

static int
donor_one(void *ctx, const Donor *d)
{
	DonorCtx *c = ctx;
	json_t *j = json_object();

	json_object_set_new(j, "rank",
	    json_integer((json_int_t)json_array_size(c->donors) + 1));
	json_object_set_new(j, "key", json_string(d->key));
	json_object_set_new(j, "name", json_string(d->name));
	usd_members(j, "usd", d->usd);
	usd_members(j, "earmarked", d->earmarked_usd);
	json_object_set_new(j, "contributions", json_integer(d->contributions));
	json_array_append_new(c->donors, j);
	c->usd += d->usd;
	c->n += d->contributions;
	return 0;
}

json_t *
trust_fund_json(Store *s, Buf *err)
{
	DonorCtx c = { json_array(), 0, 0 };
	json_t *j;

	if (store_trust_fund_donors(s, donor_one, &c, err) != 0) {
		json_decref(c.donors);
		return NULL;
	}
	j = json_object();
	json_object_set_new(j, "donors", c.donors);
	usd_members(j, "total", c.usd);
	json_object_set_new(j, "contributions", json_integer(c.n));
	return j;
}

json_t *
appeal_json(Store *s, const char *key, int *found, Buf *err)
{
	Appeal a;
	FundFilter f;
	FundCtx c;
	json_t *j;
	int got = store_appeal_get(s, key, &a, err);

	*found = got == 1;
	if (got != 1)
		return NULL;
	memset(&f, 0, sizeof(f));
	memset(&c, 0, sizeof(c));
	f.by = "project";
	f.appeal = a.id;
	c.groups = json_array();
	c.total.key = c.total.name = "total";
	if (store_funding(s, &f, fund_one, &c, err) != 0) {
		json_decref(c.groups);
		appeal_free(&a);
		return NULL;
	}
	j = json_object();
	json_object_set_new(j, "key", json_string(a.key));
	json_object_set_new(j, "title", json_string(a.title));
	json_object_set_new(
	    j, "issued", a.issued ? json_string(a.issued) : json_null());
	json_object_set_new(j, "note", json_string(a.note));
	json_object_set_new(j, "demo", json_boolean(a.demo));
	json_object_set_new(j, "projects", c.groups);
	json_object_set_new(j, "total", fund_row_json(&c.total));
	appeal_free(&a);
	return j;
}

static int
fund_keep(void *ctx, const FundRow *r)
{
	*(FundRow *)ctx = *r;
	return 0;
}

json_t *
project_money_json(Store *s, int64_t id, int *status, Buf *err)
{
	Budget b;
	FundFilter f;
	FundRow r;
	json_t *j;
	int got, g, gdemo = 0;

	*status = 200;
	if ((g = store_gender_get(s, id, &gdemo, err)) == -2) {
		*status = 404;
		return NULL;
	}
	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	f.by = "project";
	f.project = id;
	if (g < -2 || (got = store_budget_get(s, id, &b, err)) < 0 ||
	    store_funding(s, &f, fund_keep, &r, err) != 0) {
		*status = 500;
		return NULL;
	}
	j = json_object();
	json_object_set_new(j, "project", json_integer(id));
	if (got) {
		json_t *m = money_json(&b.m);

		json_object_set_new(m, "as_of", json_string(b.as_of));
		json_object_set_new(m, "demo", json_boolean(b.demo));
		json_object_set_new(j, "budget", m);
	} else {
		json_object_set_new(j, "budget", json_null());
	}
	usd_members(j, "received", r.received);
	usd_members(j, "shortfall", got ? r.shortfall : 0);
	json_object_set_new(
	    j, "gender_marker", g >= 0 ? json_integer(g) : json_null());
	json_object_set_new(j, "gender_definition",
	    json_string(gender_definition(g >= 0 ? g : -1)));
	json_object_set_new(j, "gender_demo", json_boolean(gdemo));
	return j;
}

/* --- changes ------------------------------------------------------------ */

int
rate_commit(Store *s, const Account *who, const char *currency,
    const char *rate, const char *date, const char *source, Buf *msg)
{
	Buf err = BUF_INIT;
	int64_t e9;
	int minor, code, got;
	char code3[4];
	json_t *j;

	if (!money_may_write(who)) {
		buf_puts(msg, TC("only the secretariat records rates"));
		return COMMIT_FORBIDDEN;
	}
	if (money_parse_rate(rate, &e9, msg) != 0)
		return 400;
	if (!money_day_ok(date)) {
		buf_printf(msg, TC("%s: \"%s\" is no day (YYYY-MM-DD)"), "date",
		    date ? date : "");
		return 400;
	}
	if (currency == NULL || strlen(currency) != 3) {
		buf_printf(msg, TC("\"%s\" is no currency code"),
		    currency ? currency : "");
		return 400;
	}
	for (int i = 0; i < 4; i++)
		code3[i] = (char)(currency[i] >= 'a' && currency[i] <= 'z'
			? currency[i] - 32
			: currency[i]);
	if (strcmp(code3, "USD") == 0) {
		buf_puts(msg, TC("the US dollar is worth one US dollar"));
		return 400;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto out;
	got = store_currency(s, code3, &minor, &err);
	if (got == 0) {
		buf_printf(
		    msg, TC("%s is no currency this portfolio knows"), code3);
		code = 400;
	} else if (got > 0 &&
	    store_rate_put(s, code3, date, e9, source ? source : "", &err) ==
		0) {
		j = json_pack("{ss ss ss ss}", "currency", code3, "date", date,
		    "rate", rate, "source", source ? source : "");
		commit_audit(s, who, "update", "rate", 0, NULL, j, &err);
		json_decref(j);
	}
	code = commit_finish(s, code, &err, msg);
out:
	buf_free(&err);
	return code;
}

static json_t *
budget_json(const Budget *b)
{
	json_t *j = money_json(&b->m);

	json_object_set_new(j, "as_of", json_string(b->as_of));
	json_object_set_new(j, "demo", json_boolean(b->demo));
	return j;
}

int
budget_commit(Store *s, const Account *who, int64_t project_id,
    const char *amount, const char *currency, const char *as_of, int demo,
    Buf *msg)
{
	Buf err = BUF_INIT;
	Budget old, b;
	json_t *oj = NULL, *nj = NULL;
	int code, got;

	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto done;
	if ((code = commit_project_ok(s, who, project_id, &err, msg)) !=
	    COMMIT_OK)
		goto out;
	if ((got = store_budget_get(s, project_id, &old, &err)) < 0)
		goto out;
	if (got)
		oj = budget_json(&old);
	if (amount == NULL) {
		if (got == 0) {
			buf_printf(msg, TC("project %lld has no budget"),
			    (long long)project_id);
			code = COMMIT_NOT_FOUND;
			goto out;
		}
		if (store_budget_delete(s, project_id, &err) >= 0)
			commit_audit(s, who, "delete", "budget", project_id, oj,
			    NULL, &err);
		code = COMMIT_DELETED;
		goto out;
	}
	if (!money_day_ok(as_of)) {
		buf_printf(msg, TC("%s: \"%s\" is no day (YYYY-MM-DD)"),
		    "as of", as_of ? as_of : "");
		code = 400;
		goto out;
	}
	memset(&b, 0, sizeof(b));
	b.project_id = project_id;
	b.demo = demo;
	snprintf(b.as_of, sizeof(b.as_of), "%s", as_of);
	if (money_make(s, amount, currency ? currency : "USD", as_of, &b.m,
		msg) != 0) {
		code = 400;
		goto out;
	}
	if (store_budget_put(s, &b, &err) == 0) {
		nj = budget_json(&b);
		commit_audit(s, who, got ? "update" : "create", "budget",
		    project_id, oj, nj, &err);
	}
	code = got ? COMMIT_OK : COMMIT_CREATED;
out:
	code = commit_finish(s, code, &err, msg);
done:
	json_decref(oj);
	json_decref(nj);
	buf_free(&err);
	return code;
}

/* The donor: an organisation's key, a Member State's alpha-3, or none. */
static void
donor_key(Store *s, const char *donor, Buf *key, Buf *name)
{
	Buf kind = BUF_INIT;

	buf_set(name, donor);
	if (resolve_one(s, 0, donor, key, &kind) == 1)
		goto out;
	buf_reset(key);
	buf_reset(&kind);
	if (resolve_one(s, 1, donor, key, &kind) == 1 &&
	    strcmp(buf_str(&kind), "country") == 0)
		goto out;
	buf_reset(key);
out:
	buf_free(&kind);
}

int
contribution_commit(Store *s, const Account *who, const ContributionInput *in,
    int64_t *id, Buf *msg)
{
	Buf err = BUF_INIT, key = BUF_INIT, name = BUF_INIT;
	Contribution c;
	char *end = NULL;
	int code;
	json_t *j;

	*id = 0;
	if (!money_may_write(who)) {
		buf_puts(msg, TC("only the secretariat records contributions"));
		return COMMIT_FORBIDDEN;
	}
	memset(&c, 0, sizeof(c));
	if (in->donor == NULL || in->donor[0] == '\0') {
		buf_puts(msg, TC("donor is required"));
		return 400;
	}
	if (!money_day_ok(in->received)) {
		buf_printf(msg, TC("%s: \"%s\" is no day (YYYY-MM-DD)"),
		    "received", in->received ? in->received : "");
		return 400;
	}
	if (in->project != NULL && in->project[0] != '\0') {
		c.project = strtoll(in->project, &end, 10);
		if (*end != '\0' || c.project <= 0) {
			buf_printf(msg, TC("%s: \"%s\" is no project id"),
			    "project", in->project);
			return 400;
		}
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto done;
	if (c.project != 0) {
		/* Money is recorded by the secretariat, not the project's
		 * owners: the project must exist, that is all. */
		code = commit_project_ok(s, NULL, c.project, &err, msg);
		if (code != COMMIT_OK)
			goto out;
	}
	if (money_make(s, in->amount, in->currency ? in->currency : "USD",
		in->received, &c.m, msg) != 0) {
		code = 400;
		goto out;
	}
	if (c.m.amount == 0) {
		buf_puts(msg, TC("a contribution of nothing is none"));
		code = 400;
		goto out;
	}
	donor_key(s, in->donor, &key, &name);
	c.donor = name.s;
	c.donor_key = key.len ? key.s : NULL;
	c.trust_fund = c.project == 0 ? 1 : in->trust_fund;
	c.earmarked = c.project != 0;
	c.in_kind = in->in_kind;
	snprintf(c.received, sizeof(c.received), "%s", in->received);
	c.note = xstrdup(in->note ? in->note : "");
	c.demo = in->demo;
	*id = store_contribution_add(s, &c, &err);
	if (*id > 0) {
		Contribution got;

		if (store_contribution_get(s, *id, &got, &err) == 1) {
			j = contribution_json(&got);
			commit_audit(s, who, "create", "contribution", *id,
			    NULL, j, &err);
			json_decref(j);
		}
		contribution_free(&got);
	}
	code = COMMIT_CREATED;
out:
	code = commit_finish(s, code, &err, msg);
done:
	buf_free(&err);
	buf_free(&key);
	buf_free(&name);
	free(c.note);
	return code;
}

int
contribution_delete_commit(Store *s, const Account *who, int64_t id, Buf *msg)
{
	Buf err = BUF_INIT;
	Contribution c;
	int code, got;
	json_t *j;

	if (!money_may_write(who)) {
		buf_puts(msg, TC("only the secretariat records contributions"));
		return COMMIT_FORBIDDEN;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto done;
	got = store_contribution_get(s, id, &c, &err);
	if (got == 0) {
		buf_printf(msg, TC("no contribution %lld"), (long long)id);
		code = COMMIT_NOT_FOUND;
	} else if (got > 0) {
		j = contribution_json(&c);
		if (store_contribution_delete(s, id, &err) > 0)
			commit_audit(s, who, "delete", "contribution", id, j,
			    NULL, &err);
		json_decref(j);
		code = COMMIT_DELETED;
	}
	contribution_free(&c);
	code = commit_finish(s, code, &err, msg);
done:
	buf_free(&err);
	return code;
}

static json_t *
appeal_trail(const Appeal *a)
{
	json_t *p = json_array();

	for (size_t i = 0; i < a->nprojects; i++)
		json_array_append_new(p, json_integer(a->projects[i]));
	return json_pack("{ss ss ss? ss sb so}", "key", a->key, "title",
	    a->title, "issued", a->issued, "note", a->note ? a->note : "",
	    "demo", a->demo, "projects", p);
}

/* YYYY, YYYY-MM or YYYY-MM-DD: the first day of what is not given. */
static int
loose_date_ok(const char *v)
{
	char d[11];
	size_t n = strlen(v);

	if (n != 4 && n != 7 && n != 10)
		return 0;
	snprintf(d, sizeof(d), "%s%s", v,
	    n == 4       ? "-01-01"
		: n == 7 ? "-01"
			 : "");
	return money_day_ok(d);
}

static int
key_ok(const char *k)
{
	size_t n = k ? strlen(k) : 0;

	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') ||
			(k[i] >= '0' && k[i] <= '9') || k[i] == '-' ||
			k[i] == '_'))
			return 0;
	return 1;
}

int
appeal_commit(Store *s, const Account *who, const Appeal *a, Buf *msg)
{
	Buf err = BUF_INIT;
	Appeal old;
	json_t *oj = NULL, *nj = NULL;
	int code, got;

	if (!money_may_write(who)) {
		buf_puts(msg, TC("only the secretariat issues appeals"));
		return COMMIT_FORBIDDEN;
	}
	if (!key_ok(a->key)) {
		buf_printf(msg,
		    TC("%s: \"%s\" is no key (lower-case letters, digits, - "
		       "and _, at most 64)"),
		    "key", a->key ? a->key : "");
		return 400;
	}
	/* /appeals/new is the page that makes one. */
	if (strcmp(a->key, "new") == 0) {
		buf_printf(msg,
		    TC("%s: \"%s\" is kept for the page that makes an "
		       "appeal; choose another"),
		    "key", "new");
		return 400;
	}
	if (a->title == NULL || a->title[0] == '\0') {
		buf_puts(msg, TC("title is required"));
		return 400;
	}
	if (a->issued != NULL && a->issued[0] != '\0' &&
	    !loose_date_ok(a->issued)) {
		buf_printf(msg,
		    TC("%s: \"%s\" is no date (YYYY, YYYY-MM or YYYY-MM-DD)"),
		    "issued", a->issued);
		return 400;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto done;
	for (size_t i = 0; i < a->nprojects; i++)
		if ((code = commit_project_ok(
			 s, NULL, a->projects[i], &err, msg)) != COMMIT_OK)
			goto out;
	if ((got = store_appeal_get(s, a->key, &old, &err)) < 0)
		goto out;
	if (got)
		oj = appeal_trail(&old);
	appeal_free(&old);
	if (store_appeal_save(s, a, &err) > 0) {
		Appeal now;

		if (store_appeal_get(s, a->key, &now, &err) == 1) {
			nj = appeal_trail(&now);
			commit_audit(s, who, got ? "update" : "create",
			    "appeal", now.id, oj, nj, &err);
		}
		appeal_free(&now);
	}
	code = got ? COMMIT_OK : COMMIT_CREATED;
out:
	code = commit_finish(s, code, &err, msg);
done:
	json_decref(oj);
	json_decref(nj);
	buf_free(&err);
	return code;
}

int
appeal_delete_commit(Store *s, const Account *who, const char *key, Buf *msg)
{
	Buf err = BUF_INIT;
	Appeal old;
	json_t *oj;
	int code, got;

	if (!money_may_write(who)) {
		buf_puts(msg, TC("only the secretariat issues appeals"));
		return COMMIT_FORBIDDEN;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto done;
	got = store_appeal_get(s, key, &old, &err);
	if (got == 0) {
		buf_printf(msg, TC("no appeal \"%s\""), key);
		code = COMMIT_NOT_FOUND;
	} else if (got > 0) {
		oj = appeal_trail(&old);
		if (store_appeal_delete(s, key, &err) > 0)
			commit_audit(
			    s, who, "delete", "appeal", old.id, oj, NULL, &err);
		json_decref(oj);
		code = COMMIT_DELETED;
	}
	appeal_free(&old);
	code = commit_finish(s, code, &err, msg);
done:
	buf_free(&err);
	return code;
}

int
gender_commit(Store *s, const Account *who, int64_t project_id, int demo,
    const char *marker, Buf *msg)
{
	Buf err = BUF_INIT;
	int code, level = gender_parse(marker), old, was_demo = 0;
	json_t *oj, *nj;

	if (level == -2) {
		buf_printf(msg, TC("%s: \"%s\" is none (0, 1, 2, 3, or none)"),
		    "gender marker", marker ? marker : "");
		return 400;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		goto done;
	if ((code = commit_project_ok(s, who, project_id, &err, msg)) !=
	    COMMIT_OK)
		goto out;
	old = store_gender_get(s, project_id, &was_demo, &err);
	if (old < -1)
		goto out;
	demo = demo && level >= 0;
	if ((old != level || was_demo != demo) &&
	    store_gender_set(s, project_id, level, demo, &err) > 0) {
		oj = json_pack("{sosb}", "gender_marker",
		    old < 0 ? json_null() : json_integer(old), "demo",
		    was_demo);
		nj = json_pack("{sosb}", "gender_marker",
		    level < 0 ? json_null() : json_integer(level), "demo",
		    demo);
		commit_audit(
		    s, who, "update", "gender", project_id, oj, nj, &err);
		json_decref(oj);
		json_decref(nj);
	}
out:
	code = commit_finish(s, code, &err, msg);
done:
	buf_free(&err);
	return code;
}
