/*
 * results_io.c - results in and out, and their changes with their audit
 * entries (see results_io.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/csv.h"
#include "../core/mem.h"
#include "results_io.h"
#include "../text/lang.h"

/* --- out ---------------------------------------------------------------- */

static json_t *
value_json(int64_t v)
{
	Buf b = BUF_INIT;
	json_t *j;

	result_value_decimal(v, &b);
	j = json_string(buf_str(&b));
	buf_free(&b);
	return j;
}

static json_t *
categories_json(const char *list)
{
	json_t *a = json_array();

	for (const char *q = list; *q != '\0';) {
		size_t k = strcspn(q, ",");

		json_array_append_new(a, json_stringn(q, k));
		q += k;
		if (*q == ',')
			q++;
	}
	return a;
}

int
results_may_see_open(Store *s, const Account *who, int64_t project)
{
	Buf msg = BUF_INIT;
	int got;

	if (who == NULL || result_may_review(who))
		return 1;
	if (who->id == 0 || !project_may_write(who))
		return 0;
	got = project_may_change(s, who, project, &msg);
	buf_free(&msg);
	return got;
}

static json_t *
indicator_json(const Indicator *in)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(in->id));
	json_object_set_new(j, "name", json_string(in->name));
	json_object_set_new(j, "unit", json_string(in->unit));
	json_object_set_new(j, "aggregate", json_string(in->aggregate));
	json_object_set_new(j, "baseline",
	    in->has_baseline ? value_json(in->baseline) : json_null());
	json_object_set_new(
	    j, "target", in->has_target ? value_json(in->target) : json_null());
	json_object_set_new(j, "categories", categories_json(in->categories));
	json_object_set_new(j, "demo", json_boolean(in->demo));
	return j;
}

/* "to_date" and "progress" of in, from the approved reports of w. */
static void
progress_members(
    json_t *j, const ResultSet *rs, const Indicator *in, const RollWindow *w)
{
	int64_t v, pct;

	if (results_roll(rs, w, in, "", &v)) {
		json_object_set_new(j, "to_date", value_json(v));
		json_object_set_new(j, "progress",
		    result_progress(in, v, &pct) ? json_integer(pct)
						 : json_null());
	} else {
		json_object_set_new(j, "to_date", json_null());
		json_object_set_new(j, "progress", json_null());
	}
}

static json_t *
report_json(const ResultSet *rs, const ResultReport *r)
{
	json_t *j = json_object(), *vals = json_array(), *ev = json_array();
	json_t *cur = NULL;
	ReportPeriod p;
	Buf err = BUF_INIT;

	json_object_set_new(j, "id", json_integer(r->id));
	json_object_set_new(j, "project", json_integer(r->project_id));
	json_object_set_new(j, "period", json_string(r->period));
	if (report_period_parse(r->period, &p, &err) == 0)
		json_object_set_new(
		    j, "kind", json_string(report_period_name(&p)));
	buf_free(&err);
	json_object_set_new(j, "start", json_string(r->period_start));
	json_object_set_new(j, "end", json_string(r->period_end));
	json_object_set_new(j, "status", json_string(r->status));
	json_object_set_new(j, "narrative", json_string(r->narrative));
	json_object_set_new(j, "note", json_string(r->note));
	json_object_set_new(j, "demo", json_boolean(r->demo));
	json_object_set_new(j, "created_at", json_string(r->created_at));
	json_object_set_new(j, "updated_at", json_string(r->updated_at));
	/* Values come by indicator, the total ("") first. */
	for (size_t k = 0; k < rs->nvalue; k++) {
		const ResultValue *v = &rs->value[k];

		if (v->report_id != r->id)
			continue;
		if (cur == NULL ||
		    json_integer_value(json_object_get(cur, "indicator")) !=
			v->indicator_id) {
			cur = json_object();
			json_object_set_new(
			    cur, "indicator", json_integer(v->indicator_id));
			json_object_set_new(cur, "value", json_null());
			json_object_set_new(cur, "by", json_object());
			json_array_append_new(vals, cur);
		}
		if (*v->category == '\0')
			json_object_set_new(cur, "value", value_json(v->value));
		else
			json_object_set_new(json_object_get(cur, "by"),
			    v->category, value_json(v->value));
	}
	json_object_set_new(j, "values", vals);
	for (size_t k = 0; k < rs->nevent; k++) {
		const ResultEvent *e = &rs->event[k];
		json_t *o;

		if (e->report_id != r->id)
			continue;
		o = json_object();
		json_object_set_new(o, "from",
		    e->from_status ? json_string(e->from_status) : json_null());
		json_object_set_new(o, "to", json_string(e->to_status));
		json_object_set_new(o, "actor", json_string(e->actor));
		json_object_set_new(o, "at", json_string(e->at));
		json_object_set_new(o, "note", json_string(e->note));
		json_array_append_new(ev, o);
	}
	json_object_set_new(j, "events", ev);
	return j;
}

int
results_json(
    Store *s, const Account *who, int64_t project_id, json_t **out, Buf *err)
{
	ResultFilter f;
	ResultSet rs;
	Project p;
	RollWindow w = { 0, NULL, NULL };
	json_t *j, *results, *reports;
	int got, open;

	memset(&p, 0, sizeof(p));
	got = store_project_get(s, project_id, &p, err);
	project_clear(&p);
	if (got <= 0)
		return got;
	if ((open = results_may_see_open(s, who, project_id)) < 0)
		return -1;
	memset(&f, 0, sizeof(f));
	memset(&rs, 0, sizeof(rs));
	f.project = project_id;
	f.approved = !open;
	/* Who moved a report, and the notes of its returns, are for those
	 * signed in (as the history of a project's steps is). */
	f.events = who == NULL || who->id > 0;
	if (store_results_load(s, &f, &rs, err) != 0)
		return -1;
	w.project = project_id;
	j = json_object();
	results = json_array();
	reports = json_array();
	json_object_set_new(j, "project", json_integer(project_id));
	for (size_t i = 0; i < rs.nresult; i++) {
		const Result *r = &rs.result[i];
		json_t *o = json_object(), *inds = json_array();

		json_object_set_new(o, "id", json_integer(r->id));
		json_object_set_new(o, "level", json_string(r->level));
		json_object_set_new(o, "outcome",
		    r->outcome_id ? json_integer(r->outcome_id) : json_null());
		json_object_set_new(o, "position", json_integer(r->position));
		json_object_set_new(o, "statement", json_string(r->statement));
		json_object_set_new(o, "demo", json_boolean(r->demo));
		for (size_t k = 0; k < rs.nindicator; k++) {
			const Indicator *in = &rs.indicator[k];
			json_t *ij;

			if (in->result_id != r->id)
				continue;
			ij = indicator_json(in);
			progress_members(ij, &rs, in, &w);
			json_array_append_new(inds, ij);
		}
		json_object_set_new(o, "indicators", inds);
		json_array_append_new(results, o);
	}
	for (size_t i = 0; i < rs.nreport; i++)
		json_array_append_new(reports, report_json(&rs, &rs.report[i]));
	json_object_set_new(j, "results", results);
	json_object_set_new(j, "reports", reports);
	result_set_free(&rs);
	*out = j;
	return 1;
}

/* Working group key's name (in the language asked for) into name. */
typedef struct WgFind {
	const char *key;
	Buf *name;
	int found;
} WgFind;

static int
wg_one(void *ctx, const RefItem *r)
{
	WgFind *w = ctx;

	if (strcmp(r->key, w->key) != 0)
		return 0;
	buf_set(w->name, r->name);
	w->found = 1;
	return 1;
}

static const Result *
result_of(const ResultSet *rs, int64_t id)
{
	for (size_t i = 0; i < rs->nresult; i++)
		if (rs->result[i].id == id)
			return &rs->result[i];
	return NULL;
}

/* The totals of the "sum" indicators by unit, as JSON. */
static json_t *
totals_json(const ResultSet *rs, const ReportPeriod *per)
{
	RollTotal *t;
	size_t n = results_totals(rs, per, &t);
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object(), *by = json_object();

		json_object_set_new(o, "unit", json_string(t[i].unit));
		json_object_set_new(
		    o, "indicators", json_integer(t[i].indicators));
		json_object_set_new(o, "projects", json_integer(t[i].projects));
		json_object_set_new(o, "period", value_json(t[i].period));
		json_object_set_new(o, "to_date", value_json(t[i].to_date));
		for (size_t k = 0; k < t[i].ncat; k++)
			json_object_set_new(
			    by, t[i].cat[k], value_json(t[i].cat_period[k]));
		json_object_set_new(o, "by", by);
		json_array_append_new(a, o);
	}
	free(t);
	return a;
}

int
progress_json(Store *s, const Account *who, const char *wg, const char *period,
    const char *lang, json_t **out, Buf *msg, Buf *err)
{
	ResultFilter f;
	ResultSet rs;
	ReportPeriod p;
	Buf name = BUF_INIT;
	WgFind w;
	json_t *j, *projects, *totals;
	int64_t reporting = 0, pending = 0, missing = 0, reviewer;
	int demo = 0;

	if (report_period_parse(period, &p, msg) != 0)
		return -1;
	if (wg != NULL) {
		w.key = wg;
		w.name = &name;
		w.found = 0;
		if (store_working_groups(s, lang, wg_one, &w, err) != 0)
			return -1;
		if (!w.found) {
			buf_printf(msg, TC("no working group %s"), wg);
			buf_free(&name);
			return 0;
		}
	}
	reviewer = result_may_review(who);
	memset(&f, 0, sizeof(f));
	memset(&rs, 0, sizeof(rs));
	f.wg = wg;
	f.until = p.end;
	f.approved = !reviewer;
	if (store_results_load(s, &f, &rs, err) != 0) {
		buf_free(&name);
		return -1;
	}
	j = json_object();
	projects = json_array();
	if (wg != NULL) {
		json_t *o = json_object();

		json_object_set_new(o, "key", json_string(wg));
		json_object_set_new(o, "name", json_string(buf_str(&name)));
		json_object_set_new(j, "working_group", o);
	} else {
		json_object_set_new(j, "working_group", json_null());
	}
	json_object_set_new(j, "period", json_string(p.key));
	json_object_set_new(j, "report", json_string(report_period_name(&p)));
	json_object_set_new(j, "start", json_string(p.start));
	json_object_set_new(j, "end", json_string(p.end));
	for (size_t i = 0; i < rs.nproject; i++) {
		const ResultProject *pr = &rs.project[i];
		RollWindow in_p = { pr->id, p.start, p.end };
		RollWindow all = { pr->id, NULL, p.end };
		json_t *o = json_object(), *reps = json_array();
		json_t *inds = json_array();
		Buf st = BUF_INIT;
		PeriodStand ps;

		for (size_t k = 0; k < rs.nreport; k++) {
			const ResultReport *r = &rs.report[k];
			json_t *ro;

			if (r->project_id != pr->id ||
			    strcmp(r->period_start, p.start) < 0)
				continue;
			ro = json_object();
			json_object_set_new(ro, "id", json_integer(r->id));
			json_object_set_new(
			    ro, "period", json_string(r->period));
			json_object_set_new(
			    ro, "status", json_string(r->status));
			json_array_append_new(reps, ro);
			buf_printf(&st, "%s%s %s", st.len ? "; " : "",
			    r->period, r->status);
		}
		results_period_stand(&rs, pr->id, &p, &ps);
		reporting += ps.approved;
		pending += ps.submitted;
		missing += !ps.approved;
		demo |= ps.demo;
		json_object_set_new(o, "id", json_integer(pr->id));
		json_object_set_new(o, "serial",
		    pr->serial >= 0 ? json_integer(pr->serial) : json_null());
		json_object_set_new(o, "pillar", json_string(pr->pillar));
		json_object_set_new(o, "title", json_string(pr->title));
		json_object_set_new(o, "lead", json_string(pr->lead));
		json_object_set_new(o, "reports", reps);
		json_object_set_new(o, "status", json_string(buf_str(&st)));
		buf_free(&st);
		for (size_t k = 0; k < rs.nindicator; k++) {
			const Indicator *in = &rs.indicator[k];
			const Result *r = result_of(&rs, in->result_id);
			json_t *ij, *by;
			char cat[RESULT_CATEGORY_MAX + 1];
			int64_t v;

			if (r == NULL || r->project_id != pr->id)
				continue;
			by = json_object();
			ij = indicator_json(in);
			json_object_set_new(
			    ij, "result", json_string(r->statement));
			json_object_set_new(ij, "level", json_string(r->level));
			json_object_set_new(ij, "period",
			    results_roll(&rs, &in_p, in, "", &v) ? value_json(v)
								 : json_null());
			for (const char *q = in->categories;
			     result_category_next(&q, cat);)
				if (results_roll(&rs, &in_p, in, cat, &v))
					json_object_set_new(
					    by, cat, value_json(v));
			json_object_set_new(ij, "by", by);
			progress_members(ij, &rs, in, &all);
			json_array_append_new(inds, ij);
		}
		json_object_set_new(o, "indicators", inds);
		json_array_append_new(projects, o);
	}
	totals = totals_json(&rs, &p);
	json_object_set_new(
	    j, "projects", json_integer((json_int_t)rs.nproject));
	json_object_set_new(j, "reporting", json_integer(reporting));
	json_object_set_new(
	    j, "pending", reviewer ? json_integer(pending) : json_null());
	json_object_set_new(j, "missing", json_integer(missing));
	json_object_set_new(j, "demo", json_boolean(demo));
	json_object_set_new(j, "totals", totals);
	json_object_set_new(j, "rows", projects);
	result_set_free(&rs);
	buf_free(&name);
	*out = j;
	return 1;
}

static const char *
str_of(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : "";
}

void
progress_csv(json_t *report, Buf *out)
{
	json_t *rows = json_object_get(report, "rows"), *row, *in;
	json_t *wg = json_object_get(report, "working_group");
	size_t i, k;

	buf_puts(out,
	    "working_group,period,project,serial,pillar,title,lead,"
	    "status,level,result,indicator,unit,aggregate,baseline,"
	    "target,period_value,by_category,to_date,progress\r\n");
	json_array_foreach(rows, i, row)
	{
		json_array_foreach(json_object_get(row, "indicators"), k, in)
		{
			Buf by = BUF_INIT, n = BUF_INIT;
			const char *c;
			json_t *v;

			json_object_foreach(json_object_get(in, "by"), c, v)
			    buf_printf(&by, "%s%s=%s", by.len ? "; " : "", c,
				json_string_value(v));
			csv_put_field(out, wg ? str_of(wg, "key") : "");
			buf_putc(out, ',');
			csv_put_field(out, str_of(report, "period"));
			buf_printf(out, ",%lld,",
			    (long long)json_integer_value(
				json_object_get(row, "id")));
			if (json_is_integer(json_object_get(row, "serial")))
				buf_printf(out, "%lld",
				    (long long)json_integer_value(
					json_object_get(row, "serial")));
			buf_putc(out, ',');
			csv_put_field(out, str_of(row, "pillar"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(row, "title"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(row, "lead"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(row, "status"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "level"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "result"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "name"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "unit"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "aggregate"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "baseline"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "target"));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "period"));
			buf_putc(out, ',');
			csv_put_field(out, buf_str(&by));
			buf_putc(out, ',');
			csv_put_field(out, str_of(in, "to_date"));
			buf_putc(out, ',');
			if (json_is_integer(json_object_get(in, "progress")))
				buf_printf(&n, "%lld",
				    (long long)json_integer_value(
					json_object_get(in, "progress")));
			csv_put_field(out, buf_str(&n));
			buf_puts(out, "\r\n");
			buf_free(&by);
			buf_free(&n);
		}
	}
}

/* --- changes ------------------------------------------------------------ */

/* The set of one project's results, everything in it, for a change. */
static int
load_project(Store *s, int64_t project, ResultSet *rs, Buf *err)
{
	ResultFilter f;

	memset(&f, 0, sizeof(f));
	memset(rs, 0, sizeof(*rs));
	f.project = project;
	return store_results_load(s, &f, rs, err);
}

static json_t *
result_audit_json(const Result *r)
{
	json_t *j = json_object();

	json_object_set_new(j, "project", json_integer(r->project_id));
	json_object_set_new(j, "level", json_string(r->level));
	json_object_set_new(j, "outcome",
	    r->outcome_id ? json_integer(r->outcome_id) : json_null());
	json_object_set_new(j, "statement", json_string(r->statement));
	json_object_set_new(j, "demo", json_boolean(r->demo));
	return j;
}

/*
 * The owner of kind/id exists and who may change it: COMMIT_OK with
 * *project, or a code with msg.
 */
static int
owner_ok(Store *s, const Account *who, int kind, int64_t id, int64_t *project,
    Buf *err, Buf *msg)
{
	int got = store_results_owner(s, kind, id, project, err);

	if (got < 0)
		return COMMIT_FAILED;
	if (got == 0) {
		if (kind == 'r')
			buf_printf(msg, TC("no result %lld"), (long long)id);
		else if (kind == 'i')
			buf_printf(msg, TC("no indicator %lld"), (long long)id);
		else
			buf_printf(msg, TC("no report %lld"), (long long)id);
		return COMMIT_NOT_FOUND;
	}
	return commit_project_ok(s, who, *project, err, msg);
}

/* The outcome r names is an outcome of the same project. */
static int
outcome_ok(const ResultSet *rs, const Result *r, Buf *msg)
{
	const Result *o;

	if (r->outcome_id == 0)
		return RESULT_OK;
	if (strcmp(r->level, "output") != 0) {
		buf_puts(msg, TC("only an output stands under an outcome"));
		return RESULT_INVALID;
	}
	o = result_of(rs, r->outcome_id);
	if (o == NULL || strcmp(o->level, "outcome") != 0) {
		buf_printf(msg, TC("result %lld is no outcome of this project"),
		    (long long)r->outcome_id);
		return RESULT_INVALID;
	}
	return RESULT_OK;
}

int
result_commit(Store *s, const Account *who, Result *r, int del, Buf *msg)
{
	Buf err = BUF_INIT;
	ResultSet rs;
	const Result *old = NULL;
	json_t *oj = NULL, *nj = NULL;
	int64_t project = r->project_id, locked;
	int code, kept = 0;

	memset(&rs, 0, sizeof(rs));
	if (!del && r->id == 0 &&
	    (r->level == NULL ||
		(strcmp(r->level, "outcome") != 0 &&
		    strcmp(r->level, "output") != 0))) {
		buf_puts(msg, TC("a result is an outcome or an output"));
		return RESULT_INVALID;
	}
	if (!del && (r->id == 0 || r->statement != NULL) &&
	    result_text_ok("a statement", r->statement, RESULT_TEXT_MAX, 0,
		msg) != RESULT_OK)
		return RESULT_INVALID;
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	code = r->id ? owner_ok(s, who, 'r', r->id, &project, &err, msg)
		     : commit_project_ok(s, who, project, &err, msg);
	if (code != COMMIT_OK)
		goto out;
	if (load_project(s, project, &rs, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	if (r->id) {
		old = result_of(&rs, r->id);
		oj = result_audit_json(old);
		r->project_id = project;
		r->level = old->level;
		/* What is not given stays (borrowed from rs until out). */
		if (r->statement == NULL) {
			r->statement = old->statement;
			kept = 1;
		}
		if (r->outcome_id < 0)
			r->outcome_id = old->outcome_id;
	}
	if (del) {
		if ((locked = store_results_locked(s, 'r', r->id, &err)) != 0) {
			if (locked > 0)
				buf_puts(msg,
				    TC("an approved or submitted report gives "
				       "values for this result's indicators: "
				       "it is locked (withdraw a submitted one "
				       "to change it)"));
			code = locked > 0 ? RESULT_CONFLICT : COMMIT_FAILED;
			goto out;
		}
		if (store_result_delete(s, r->id, &err) < 0 ||
		    commit_audit(
			s, who, "delete", "result", r->id, oj, NULL, &err) != 0)
			code = COMMIT_FAILED;
		else
			code = COMMIT_DELETED;
		goto out;
	}
	if ((code = outcome_ok(&rs, r, msg)) != RESULT_OK)
		goto out;
	code = COMMIT_OK;
	if (r->id == 0) {
		if ((r->id = store_result_add(s, r, &err)) < 0) {
			code = COMMIT_FAILED;
			goto out;
		}
		code = COMMIT_CREATED;
	} else if (store_result_update(s, r, &err) < 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	nj = result_audit_json(r);
	if (commit_audit(s, who, code == COMMIT_CREATED ? "create" : "update",
		"result", r->id, oj, nj, &err) != 0)
		code = COMMIT_FAILED;
out:
	code = commit_finish(s, code, &err, msg);
	json_decref(oj);
	json_decref(nj);
	if (kept)
		r->statement = NULL;
	result_set_free(&rs);
	buf_free(&err);
	return code;
}

/*
 * A value as typed into *v, has set; "" or NULL clears.  target: the
 * target's, else the baseline's (the message names which).
 */
static int
optional_value(int target, const char *text, int64_t *v, int *has, Buf *msg)
{
	Buf e = BUF_INIT;

	if (text == NULL)
		return RESULT_OK;
	if (*text == '\0') {
		*has = 0;
		*v = 0;
		return RESULT_OK;
	}
	if (result_value_parse(text, v, &e) != 0) {
		buf_printf(msg,
		    target ? TC("the target: %s") : TC("the baseline: %s"),
		    buf_str(&e));
		buf_free(&e);
		return RESULT_INVALID;
	}
	*has = 1;
	return RESULT_OK;
}

/* Fill in from the input over what it was (or the defaults of a new one). */
static int
indicator_take(const IndicatorInput *ii, Indicator *in, Buf *cats, Buf *msg)
{
	Buf e = BUF_INIT;

	if (ii->name != NULL)
		in->name = ii->name;
	if (ii->unit != NULL)
		in->unit = ii->unit;
	if (ii->aggregate != NULL)
		in->aggregate = ii->aggregate;
	if (ii->demo >= 0)
		in->demo = ii->demo;
	if (result_text_ok("a name", in->name, RESULT_NAME_MAX, 0, msg) ||
	    result_text_ok("a unit", in->unit, RESULT_UNIT_MAX, 0, msg))
		return RESULT_INVALID;
	if (!result_aggregate_ok(in->aggregate)) {
		buf_puts(msg, TC("an indicator adds up as sum or last"));
		return RESULT_INVALID;
	}
	if (optional_value(
		0, ii->baseline, &in->baseline, &in->has_baseline, msg) ||
	    optional_value(1, ii->target, &in->target, &in->has_target, msg))
		return RESULT_INVALID;
	if (ii->categories != NULL) {
		if (result_categories_parse(ii->categories, cats, &e) != 0) {
			buf_printf(msg, TC("categories: %s"), buf_str(&e));
			buf_free(&e);
			return RESULT_INVALID;
		}
		in->categories = buf_str(cats);
	}
	return RESULT_OK;
}

static json_t *
indicator_audit_json(const Indicator *in)
{
	json_t *j = indicator_json(in);

	json_object_set_new(j, "result", json_integer(in->result_id));
	return j;
}

int
indicator_commit(Store *s, const Account *who, int64_t result_id, int64_t *id,
    const IndicatorInput *ii, int del, Buf *msg)
{
	Buf err = BUF_INIT, cats = BUF_INIT;
	ResultSet rs;
	Indicator in;
	json_t *oj = NULL, *nj = NULL;
	int64_t project = 0, locked = 0;
	int code;

	memset(&rs, 0, sizeof(rs));
	memset(&in, 0, sizeof(in));
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	code = *id ? owner_ok(s, who, 'i', *id, &project, &err, msg)
		   : owner_ok(s, who, 'r', result_id, &project, &err, msg);
	if (code != COMMIT_OK)
		goto out;
	if (load_project(s, project, &rs, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	if (*id) {
		for (size_t i = 0; i < rs.nindicator; i++)
			if (rs.indicator[i].id == *id)
				in = rs.indicator[i];
		oj = indicator_audit_json(&in);
		if ((locked = store_results_locked(s, 'i', *id, &err)) < 0) {
			code = COMMIT_FAILED;
			goto out;
		}
	} else {
		in.result_id = result_id;
		in.aggregate = "sum";
		in.categories = "";
	}
	if (del) {
		if (locked) {
			buf_puts(msg,
			    TC("an approved or submitted report gives values "
			       "for this indicator: it is locked (withdraw a "
			       "submitted one to change it)"));
			code = RESULT_CONFLICT;
		} else if (store_indicator_delete(s, *id, &err) < 0 ||
		    commit_audit(s, who, "delete", "indicator", *id, oj, NULL,
			&err) != 0) {
			code = COMMIT_FAILED;
		} else {
			code = COMMIT_DELETED;
		}
		goto out;
	}
	{
		Indicator was = in;

		if ((code = indicator_take(ii, &in, &cats, msg)) != RESULT_OK)
			goto out;
		if (locked &&
		    (strcmp(was.unit, in.unit) != 0 ||
			strcmp(was.aggregate, in.aggregate) != 0 ||
			strcmp(was.categories, in.categories) != 0)) {
			buf_puts(msg,
			    TC("an approved or submitted report gives values "
			       "for this indicator: its unit, aggregate and "
			       "categories are locked"));
			code = RESULT_CONFLICT;
			goto out;
		}
	}
	if (*id == 0) {
		if ((*id = store_indicator_add(s, &in, &err)) < 0) {
			code = COMMIT_FAILED;
			goto out;
		}
		in.id = *id;
		code = COMMIT_CREATED;
	} else if (store_indicator_update(s, &in, &err) < 0) {
		code = COMMIT_FAILED;
		goto out;
	} else {
		code = COMMIT_OK;
	}
	nj = indicator_audit_json(&in);
	if (commit_audit(s, who, code == COMMIT_CREATED ? "create" : "update",
		"indicator", *id, oj, nj, &err) != 0)
		code = COMMIT_FAILED;
out:
	code = commit_finish(s, code, &err, msg);
	json_decref(oj);
	json_decref(nj);
	result_set_free(&rs);
	buf_free(&cats);
	buf_free(&err);
	return code;
}

static const Indicator *
indicator_of(const ResultSet *rs, int64_t id)
{
	for (size_t i = 0; i < rs->nindicator; i++)
		if (rs->indicator[i].id == id)
			return &rs->indicator[i];
	return NULL;
}

static const ResultReport *
report_of(const ResultSet *rs, int64_t id)
{
	for (size_t i = 0; i < rs->nreport; i++)
		if (rs->report[i].id == id)
			return &rs->report[i];
	return NULL;
}

/*
 * Check the values typed against the project's indicators and make them
 * the values to store (totals of "sum" indicators from their categories
 * when left out).  *out holds *n values; their categories point into vi
 * or the indicators.  RESULT_OK or RESULT_INVALID with msg.
 */
static int
values_take(const ResultSet *rs, const ValueInput *vi, size_t nvi,
    ResultValue **out, size_t *n, Buf *msg)
{
	ResultValue *v = xcalloc(nvi * 2 + 1, sizeof(*v));
	size_t nv = 0;
	Buf e = BUF_INIT;

	for (size_t i = 0; i < nvi; i++) {
		const Indicator *in = indicator_of(rs, vi[i].indicator);
		const char *cat = vi[i].category ? vi[i].category : "";

		if (in == NULL) {
			buf_printf(msg,
			    TC("indicator %lld is not one of this "
			       "project's"),
			    (long long)vi[i].indicator);
			goto bad;
		}
		if (*cat != '\0' && !result_category_in(in->categories, cat)) {
			buf_printf(msg,
			    TC("indicator %lld has no category \"%.40s\""
			       " (its categories: %s)"),
			    (long long)in->id, cat,
			    *in->categories ? in->categories : "none");
			goto bad;
		}
		for (size_t k = 0; k < nv; k++)
			if (v[k].indicator_id == in->id &&
			    strcmp(v[k].category, cat) == 0) {
				buf_printf(msg,
				    TC("indicator %lld%s%s is given "
				       "twice"),
				    (long long)in->id, *cat ? " " : "", cat);
				goto bad;
			}
		if (result_value_parse(vi[i].value, &v[nv].value, &e) != 0) {
			buf_printf(msg, TC("indicator %lld%s%s: %s"),
			    (long long)in->id, *cat ? " " : "", cat,
			    buf_str(&e));
			goto bad;
		}
		v[nv].indicator_id = in->id;
		v[nv].category = cat;
		nv++;
	}
	/* Per indicator given: the categories against the total. */
	for (size_t i = 0; i < rs->nindicator; i++) {
		const Indicator *in = &rs->indicator[i];
		int64_t sum = 0, total = 0;
		size_t given = 0, ncat = 0, seen = 0;
		int has_total = 0;

		for (const char *q = in->categories; *q != '\0'; q++)
			ncat += *q == ',';
		ncat += *in->categories != '\0';
		for (size_t k = 0; k < nv; k++) {
			if (v[k].indicator_id != in->id)
				continue;
			seen++;
			if (*v[k].category == '\0') {
				has_total = 1;
				total = v[k].value;
			} else {
				given++;
				sum += v[k].value;
			}
		}
		if (seen == 0 || given == 0)
			continue;
		if (!has_total &&
		    (given < ncat || strcmp(in->aggregate, "sum"))) {
			if (strcmp(in->aggregate, "sum") == 0)
				buf_printf(msg,
				    TC("indicator %lld: give its total with "
				       "its categories (or every category)"),
				    (long long)in->id);
			else
				buf_printf(msg,
				    TC("indicator %lld: give its total with "
				       "its categories"),
				    (long long)in->id);
			goto bad;
		}
		if (strcmp(in->aggregate, "sum") != 0)
			continue;
		/* Some of the categories: they cannot exceed the total. */
		if (given < ncat) {
			if (has_total && total >= 0 && sum > total) {
				Buf a = BUF_INIT, b = BUF_INIT;

				result_value_format(sum, &a);
				result_value_format(total, &b);
				buf_printf(msg,
				    TC("indicator %lld: the categories given "
				       "add up to %s, more than its total %s"),
				    (long long)in->id, buf_str(&a),
				    buf_str(&b));
				buf_free(&a);
				buf_free(&b);
				goto bad;
			}
			continue;
		}
		if (!has_total &&
		    (sum > RESULT_VALUE_MAX || sum < -RESULT_VALUE_MAX)) {
			/* As a total typed so would be: see results.h. */
			buf_printf(msg,
			    TC("indicator %lld: its categories add up to too "
			       "big a total (at most a million million)"),
			    (long long)in->id);
			goto bad;
		} else if (!has_total) {
			v[nv].indicator_id = in->id;
			v[nv].category = "";
			v[nv].value = sum;
			nv++;
		} else if (sum != total) {
			Buf a = BUF_INIT, b = BUF_INIT;

			result_value_format(sum, &a);
			result_value_format(total, &b);
			buf_printf(msg,
			    TC("indicator %lld: its categories add up to %s, "
			       "not to its total %s"),
			    (long long)in->id, buf_str(&a), buf_str(&b));
			buf_free(&a);
			buf_free(&b);
			goto bad;
		}
	}
	buf_free(&e);
	*out = v;
	*n = nv;
	return RESULT_OK;
bad:
	buf_free(&e);
	free(v);
	return RESULT_INVALID;
}

static json_t *
report_audit_json(const ResultSet *rs, const ResultReport *r)
{
	json_t *j = report_json(rs, r);

	json_object_del(j, "events");
	json_object_del(j, "created_at");
	json_object_del(j, "updated_at");
	return j;
}

/* Record a move (from NULL: made) as an event of the report. */
static int
event_add(Store *s, const Account *who, int64_t report, const char *from,
    const char *to, const char *note, Buf *err)
{
	ResultEvent e;

	memset(&e, 0, sizeof(e));
	e.report_id = report;
	e.from_status = from;
	e.to_status = to;
	e.account_id = who ? who->id : 0;
	e.actor = who ? who->login : "cli";
	e.note = note ? note : "";
	return store_result_event_add(s, &e, err);
}

int
report_commit(Store *s, const Account *who, int64_t project,
    const ReportInput *in, int64_t *id, Buf *msg)
{
	Buf err = BUF_INIT, other = BUF_INIT;
	ResultSet rs, after;
	ResultReport r;
	const ResultReport *old = NULL;
	ResultValue *vals = NULL;
	size_t nvals = 0;
	ReportPeriod p;
	json_t *oj = NULL, *nj = NULL;
	int code, got;

	memset(&rs, 0, sizeof(rs));
	memset(&after, 0, sizeof(after));
	if (report_period_parse(in->period, &p, msg) != 0)
		return RESULT_INVALID;
	if (in->narrative != NULL &&
	    result_text_ok("a narrative", in->narrative, RESULT_TEXT_MAX, 1,
		msg) != RESULT_OK)
		return RESULT_INVALID;
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	if ((code = commit_project_ok(s, who, project, &err, msg)) != COMMIT_OK)
		goto out;
	if (load_project(s, project, &rs, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	for (size_t i = 0; i < rs.nreport; i++)
		if (strcmp(rs.report[i].period, p.key) == 0)
			old = &rs.report[i];
	if (old != NULL && !result_status_open(old->status)) {
		/* The status is a key (draft, submitted, approved). */
		if (strcmp(old->status, "approved") == 0)
			buf_printf(msg,
			    TC("the report of %s is %s: its period is locked"),
			    p.key, old->status);
		else
			buf_printf(msg,
			    TC("the report of %s is %s: withdraw it to draft "
			       "to change it"),
			    p.key, old->status);
		code = RESULT_CONFLICT;
		goto out;
	}
	if (old == NULL) {
		got = store_report_overlap(
		    s, project, p.start, p.end, 0, &other, &err);
		if (got != 0) {
			if (got > 0)
				buf_printf(msg,
				    TC("the project has a report of %s, which "
				       "overlaps %s: a project's periods never "
				       "overlap"),
				    buf_str(&other), p.key);
			code = got > 0 ? RESULT_CONFLICT : COMMIT_FAILED;
			goto out;
		}
	}
	if (in->set_values &&
	    (code = values_take(&rs, in->values, in->nvalues, &vals, &nvals,
		 msg)) != RESULT_OK)
		goto out;
	memset(&r, 0, sizeof(r));
	if (old != NULL) {
		r = *old;
		oj = report_audit_json(&rs, old);
	} else {
		r.project_id = project;
		r.period = p.key;
		r.period_start = p.start;
		r.period_end = p.end;
		r.status = "draft";
		r.narrative = "";
		r.note = "";
	}
	if (in->narrative != NULL)
		r.narrative = in->narrative;
	r.demo = in->demo || (old != NULL && old->demo);
	if (old == NULL) {
		if ((r.id = store_report_add(s, &r, &err)) < 0 ||
		    event_add(s, who, r.id, NULL, "draft", "", &err) != 0) {
			code = COMMIT_FAILED;
			goto out;
		}
	} else if (store_report_update(s, &r, &err) < 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	if (in->set_values &&
	    store_report_values_set(s, r.id, vals, nvals, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	if (load_project(s, project, &after, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	nj = report_audit_json(&after, report_of(&after, r.id));
	if (commit_audit(s, who, old ? "update" : "create", "result_report",
		r.id, oj, nj, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	*id = r.id;
	code = old ? COMMIT_OK : COMMIT_CREATED;
out:
	code = commit_finish(s, code, &err, msg);
	json_decref(oj);
	json_decref(nj);
	free(vals);
	result_set_free(&rs);
	result_set_free(&after);
	buf_free(&other);
	buf_free(&err);
	return code;
}

/*
 * Check the values of report id again against its indicators as they are
 * now: an indicator's aggregate or categories may have changed since the
 * values were written (only a submitted or approved report holds them).
 * RESULT_OK, or RESULT_CONFLICT with msg.
 */
static int
values_still_ok(const ResultSet *rs, int64_t id, Buf *msg)
{
	ValueInput *vi = xcalloc(rs->nvalue + 1, sizeof(*vi));
	Buf *text = xcalloc(rs->nvalue + 1, sizeof(*text)), why = BUF_INIT;
	ResultValue *out = NULL;
	size_t n = 0, nout = 0;
	int code;

	for (size_t i = 0; i < rs->nvalue; i++) {
		if (rs->value[i].report_id != id)
			continue;
		result_value_decimal(rs->value[i].value, &text[n]);
		vi[n].indicator = rs->value[i].indicator_id;
		vi[n].category = rs->value[i].category;
		vi[n].value = buf_str(&text[n]);
		n++;
	}
	code = values_take(rs, vi, n, &out, &nout, &why);
	if (code != RESULT_OK) {
		buf_printf(msg,
		    TC("the report's values no longer fit its indicators "
		       "(%s): write them again"),
		    buf_str(&why));
		code = RESULT_CONFLICT;
	}
	for (size_t i = 0; i < n; i++)
		buf_free(&text[i]);
	free(text);
	free(vi);
	free(out);
	buf_free(&why);
	return code;
}

int
report_move_commit(Store *s, const Account *who, int64_t id, const char *to,
    const char *note, Buf *msg)
{
	Buf err = BUF_INIT, why = BUF_INIT;
	ResultSet rs;
	ResultReport r;
	const ResultReport *old;
	json_t *nj = NULL;
	int64_t project = 0;
	int code, editor;

	memset(&rs, 0, sizeof(rs));
	if (who != NULL && who->id == 0) {
		buf_puts(msg, TC("sign in to move a report"));
		return COMMIT_FORBIDDEN;
	}
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	code = owner_ok(s, who, 'p', id, &project, &err, &why);
	/* A reviewer who may not change the project may still review. */
	editor = code == COMMIT_OK;
	if (code == COMMIT_FORBIDDEN && result_may_review(who))
		code = COMMIT_OK;
	if (code != COMMIT_OK) {
		buf_puts(msg, buf_str(&why));
		goto out;
	}
	if (load_project(s, project, &rs, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	old = report_of(&rs, id);
	code = result_move_ok(
	    old->status, to, editor, result_may_review(who), note, msg);
	if (code == RESULT_OK && strcmp(to, "submitted") == 0)
		code = values_still_ok(&rs, id, msg);
	if (code != RESULT_OK)
		goto out;
	r = *old;
	r.status = to;
	r.note = strcmp(to, "returned") == 0 ? note : "";
	if (store_report_update(s, &r, &err) < 0 ||
	    event_add(s, who, id, old->status, to, note, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	nj = json_object();
	json_object_set_new(nj, "period", json_string(old->period));
	json_object_set_new(nj, "from", json_string(old->status));
	json_object_set_new(nj, "to", json_string(to));
	json_object_set_new(nj, "note", json_string(note ? note : ""));
	code =
	    commit_audit(s, who, to, "result_report", id, NULL, nj, &err) == 0
	    ? COMMIT_OK
	    : COMMIT_FAILED;
out:
	code = commit_finish(s, code, &err, msg);
	json_decref(nj);
	result_set_free(&rs);
	buf_free(&why);
	buf_free(&err);
	return code;
}

int
report_delete_commit(Store *s, const Account *who, int64_t id, Buf *msg)
{
	Buf err = BUF_INIT;
	ResultSet rs;
	const ResultReport *old;
	json_t *oj = NULL;
	int64_t project = 0;
	int code;

	memset(&rs, 0, sizeof(rs));
	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	if ((code = owner_ok(s, who, 'p', id, &project, &err, msg)) !=
	    COMMIT_OK)
		goto out;
	if (load_project(s, project, &rs, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	old = report_of(&rs, id);
	if (!result_status_open(old->status)) {
		if (strcmp(old->status, "approved") == 0)
			buf_printf(msg,
			    TC("the report of %s is %s: its period is locked"),
			    old->period, old->status);
		else
			buf_printf(msg,
			    TC("the report of %s is %s: withdraw it to draft "
			       "first"),
			    old->period, old->status);
		code = RESULT_CONFLICT;
		goto out;
	}
	oj = report_audit_json(&rs, old);
	code = store_report_delete(s, id, &err) >= 0 &&
		commit_audit(
		    s, who, "delete", "result_report", id, oj, NULL, &err) == 0
	    ? COMMIT_DELETED
	    : COMMIT_FAILED;
out:
	code = commit_finish(s, code, &err, msg);
	json_decref(oj);
	result_set_free(&rs);
	buf_free(&err);
	return code;
}

int
report_find(
    Store *s, int64_t project, const char *period, int64_t *id, Buf *err)
{
	ResultSet rs;
	ReportPeriod p;
	Buf e = BUF_INIT;
	int got = 0;

	if (report_period_parse(period, &p, &e) != 0) {
		buf_free(&e);
		return 0;
	}
	if (load_project(s, project, &rs, err) != 0)
		return -1;
	for (size_t i = 0; i < rs.nreport; i++)
		if (strcmp(rs.report[i].period, p.key) == 0) {
			*id = rs.report[i].id;
			got = 1;
		}
	result_set_free(&rs);
	return got;
}

/* Collect the keys of areas into a list ",a,b,". */
static int
area_key(void *ctx, const RefItem *r)
{
	buf_printf(ctx, ",%s", r->key);
	return 0;
}

int
project_areas_commit(Store *s, const Account *who, int64_t project,
    const char *const *keys, size_t n, Buf *msg)
{
	Buf err = BUF_INIT, known = BUF_INIT, before = BUF_INIT;
	json_t *oj, *nj;
	int code;

	if ((code = commit_begin(s, msg)) != COMMIT_OK)
		return code;
	if ((code = commit_project_ok(s, who, project, &err, msg)) != COMMIT_OK)
		goto out;
	if (store_areas(s, NULL, area_key, &known, &err) != 0 ||
	    store_project_areas(s, project, area_key, &before, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	buf_putc(&known, ',');
	for (size_t i = 0; i < n; i++) {
		Buf k = BUF_INIT;

		buf_printf(&k, ",%s,", keys[i]);
		/* A key with a comma would match two neighbours in known. */
		if (strchr(keys[i], ',') != NULL ||
		    strstr(buf_str(&known), buf_str(&k)) == NULL) {
			buf_printf(msg,
			    TC("no thematic area %.60s (see "
			       "`ctmatrix areas`)"),
			    keys[i]);
			code = RESULT_INVALID;
		}
		buf_free(&k);
		if (code != COMMIT_OK)
			goto out;
	}
	if (store_project_areas_set(s, project, keys, n, &err) != 0) {
		code = COMMIT_FAILED;
		goto out;
	}
	/* An array, as json_dumps() writes no bare string to the trail. */
	oj = categories_json(before.len ? buf_str(&before) + 1 : "");
	nj = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(nj, json_string(keys[i]));
	if (commit_audit(s, who, "areas", "project", project, oj, nj, &err) !=
	    0)
		code = COMMIT_FAILED;
	json_decref(oj);
	json_decref(nj);
out:
	code = commit_finish(s, code, &err, msg);
	buf_free(&known);
	buf_free(&before);
	buf_free(&err);
	return code;
}
