/*
 * results.c - the pages of results: the results part of a project's page,
 * /projects/N/results (the framework, its reports, and the forms that
 * change them: outcomes and outputs, indicators, a report of a period
 * with its values, and the moves of a report), and /progress (a Working
 * Group's quarterly, mid-year or end-of-year progress report).
 *
 * Approved reports are public; the others are seen by those who may
 * change the project and by the secretariat (portfolio/results.h).
 * Changes go through io/results_io.c, as the command line's and the
 * API's do; a refused change shows the page again with why, and what was
 * typed kept.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../io/results_io.h"
#include "page_int.h"

/* What a results page is about, loaded once. */
typedef struct View {
	Page *p;
	const Project *pr;
	ResultSet rs;
	int editor;   /* may change the project */
	int reviewer; /* admin, secretariat */
	int open;     /* sees reports not approved */
} View;

static int
view_load(View *v, Page *p, const Project *pr)
{
	ResultFilter f;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int rc;

	memset(v, 0, sizeof(*v));
	v->p = p;
	v->pr = pr;
	v->reviewer = page_signed_in(p) && result_may_review(&p->who);
	v->editor = page_signed_in(p) && project_may_write(&p->who) &&
	    project_may_change(p->s, &p->who, pr->id, &msg) == 1;
	v->open = v->editor || v->reviewer;
	memset(&f, 0, sizeof(f));
	f.project = pr->id;
	f.approved = !v->open;
	f.events = page_signed_in(p);
	rc = store_results_load(p->s, &f, &v->rs, &err);
	buf_free(&err);
	buf_free(&msg);
	return rc;
}

/* A value as people read it, into a buffer of the caller's. */
static const char *
val(int64_t v, Buf *b)
{
	buf_reset(b);
	result_value_format(v, b);
	return buf_str(b);
}

static const char *
status_name(const char *s)
{
	return strcmp(s, "submitted") == 0 ? "submitted, awaiting approval"
	    : strcmp(s, "returned") == 0   ? "returned for changes"
					   : s;
}

/* A demonstration badge when demo is set. */
static const char *
demo_badge(int demo)
{
	return demo ? " <span class=\"demo\">(demonstration)</span>" : "";
}

/* The progress of in to date, as a cell with a meter. */
static void
progress_cell(Page *p, const ResultSet *rs, const Indicator *in, int64_t pid)
{
	RollWindow w = { pid, NULL, NULL };
	Buf b = BUF_INIT;
	int64_t v, pct;

	if (!results_roll(rs, &w, in, "", &v)) {
		html(&p->out, "<td class=\"num\">none approved</td><td></td>");
		buf_free(&b);
		return;
	}
	html(&p->out, "<td class=\"num\">%s</td>", val(v, &b));
	if (result_progress(in, v, &pct))
		html(&p->out,
		    "<td class=\"num\"><meter min=\"0\" max=\"100\" "
		    "value=\"%I\">%I%%</meter> %I%%</td>",
		    pct < 0         ? 0
			: pct > 100 ? 100
				    : pct,
		    pct, pct);
	else
		html(&p->out, "<td class=\"num\">no target</td>");
	buf_free(&b);
}

/* The table of the framework: results, their indicators, the progress. */
static void
framework_table(View *v, int forms)
{
	Page *p = v->p;
	Buf b = BUF_INIT, c = BUF_INIT, cats = BUF_INIT;
	char cat[RESULT_CATEGORY_MAX + 1];

	if (v->rs.nresult == 0) {
		html(&p->out, "<p>No results framework is entered.</p>\n");
		return;
	}
	html(&p->out,
	    "<table class=\"list results\"><caption>Outcomes and outputs, "
	    "with the progress of their indicators to date (approved "
	    "reports)</caption><thead><tr><th scope=\"col\">Result</th>"
	    "<th scope=\"col\">Indicator</th><th scope=\"col\">Unit</th>"
	    "<th scope=\"col\" class=\"num\">Baseline</th>"
	    "<th scope=\"col\" class=\"num\">Target</th>"
	    "<th scope=\"col\" class=\"num\">To date</th>"
	    "<th scope=\"col\" class=\"num\">Progress</th>%S</tr></thead>\n"
	    "<tbody>\n",
	    forms ? "<th scope=\"col\"><span class=\"visually-hidden\">"
		    "Actions</span></th>"
		  : "");
	for (size_t i = 0; i < v->rs.nresult; i++) {
		const Result *r = &v->rs.result[i];
		size_t n = 0;

		for (size_t k = 0; k < v->rs.nindicator; k++)
			n += v->rs.indicator[k].result_id == r->id;
		html(&p->out,
		    "<tr id=\"result-%I\"><th scope=\"rowgroup\" "
		    "rowspan=\"%d\" "
		    "class=\"%s\"><span class=\"level\">%s %I%S</span> %s%S",
		    r->id, (int)(n ? n : 1), r->level,
		    strcmp(r->level, "outcome") == 0 ? "Outcome" : "Output",
		    r->id, r->outcome_id ? "" : "", r->statement,
		    demo_badge(r->demo));
		if (r->outcome_id)
			html(&p->out,
			    " <span class=\"under\">(under outcome %I)</span>",
			    r->outcome_id);
		if (forms)
			html(&p->out,
			    "<form method=\"post\" "
			    "action=\"/projects/%I/results\" "
			    "class=\"below\"><input type=\"hidden\" "
			    "name=\"do\" "
			    "value=\"result-delete\"><input type=\"hidden\" "
			    "name=\"id\" value=\"%I\"><input type=\"hidden\" "
			    "name=\"csrf\" value=\"%s\"><button "
			    "type=\"submit\" "
			    "class=\"link\">Delete %s %I</button></form>",
			    v->pr->id, r->id, buf_str(&p->csrf), r->level,
			    r->id);
		html(&p->out, "</th>");
		if (n == 0)
			html(&p->out,
			    "<td colspan=\"%d\">No indicator yet.</td>"
			    "</tr>\n",
			    forms ? 7 : 6);
		for (size_t k = 0, row = 0; k < v->rs.nindicator; k++) {
			const Indicator *in = &v->rs.indicator[k];

			if (in->result_id != r->id)
				continue;
			if (row++ > 0)
				html(&p->out, "<tr>");
			buf_reset(&cats);
			for (const char *q = in->categories;
			     result_category_next(&q, cat);)
				buf_printf(
				    &cats, "%s%s", cats.len ? ", " : "", cat);
			html(&p->out,
			    "<td>%s%S%S%s%S</td><td>%s (%S)</td>"
			    "<td class=\"num\">%s</td><td "
			    "class=\"num\">%s</td>",
			    in->name, demo_badge(in->demo),
			    cats.len ? "<br><small>by " : "", buf_str(&cats),
			    cats.len ? "</small>" : "", in->unit,
			    strcmp(in->aggregate, "sum") == 0 ? "summed"
							      : "latest",
			    in->has_baseline ? val(in->baseline, &b) : "",
			    in->has_target ? val(in->target, &c) : "");
			progress_cell(p, &v->rs, in, v->pr->id);
			if (forms)
				html(&p->out,
				    "<td><form method=\"post\" "
				    "action=\"/projects/%I/results\" "
				    "class=\"inline\"><input type=\"hidden\" "
				    "name=\"do\" value=\"indicator-delete\">"
				    "<input type=\"hidden\" name=\"id\" "
				    "value=\"%I\"><input type=\"hidden\" "
				    "name=\"csrf\" value=\"%s\"><button "
				    "type=\"submit\" class=\"link\">Delete "
				    "indicator %I</button></form></td>",
				    v->pr->id, in->id, buf_str(&p->csrf),
				    in->id);
			html(&p->out, "</tr>\n");
		}
	}
	html(&p->out, "</tbody></table>\n");
	buf_free(&b);
	buf_free(&c);
	buf_free(&cats);
}

/* The values of report r, "name: 40 (female 15, male 25)" per line. */
static void
report_values(View *v, const ResultReport *r)
{
	Page *p = v->p;
	Buf b = BUF_INIT;
	int any = 0;

	for (size_t k = 0; k < v->rs.nindicator; k++) {
		const Indicator *in = &v->rs.indicator[k];
		int first = 1;

		for (size_t i = 0; i < v->rs.nvalue; i++) {
			const ResultValue *x = &v->rs.value[i];

			if (x->report_id != r->id || x->indicator_id != in->id)
				continue;
			if (first)
				html(&p->out, "%S%s: ", any ? "<br>" : "",
				    in->name);
			if (*x->category == '\0')
				html(&p->out, "%s", val(x->value, &b));
			else
				html(&p->out, "%S%s %s", first ? "" : ", ",
				    x->category, val(x->value, &b));
			first = 0;
			any = 1;
		}
	}
	if (!any)
		html(&p->out, "no values");
	buf_free(&b);
}

/* A form of one move of report r (to, with a note field when returning). */
static void
move_form(View *v, const ResultReport *r, const char *to, const char *label)
{
	Page *p = v->p;

	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/results\" "
	    "class=\"inline\"><input type=\"hidden\" name=\"do\" "
	    "value=\"report-move\"><input type=\"hidden\" name=\"id\" "
	    "value=\"%I\"><input type=\"hidden\" name=\"to\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	    v->pr->id, r->id, to, buf_str(&p->csrf));
	if (strcmp(to, "returned") == 0)
		html(&p->out,
		    "<label for=\"note-%I\">What to change</label> <input "
		    "id=\"note-%I\" name=\"note\" required size=\"24\"> ",
		    r->id, r->id);
	html(&p->out, "<button type=\"submit\">%s</button></form> ", label);
}

/* The reports: period, status, values, history, and their moves. */
static void
reports_table(View *v, int forms)
{
	Page *p = v->p;
	size_t shown = 0;
	int in = page_signed_in(p);

	for (size_t i = 0; i < v->rs.nreport; i++)
		shown += v->rs.report[i].project_id == v->pr->id;
	if (shown == 0) {
		html(&p->out, "<p>No report%S.</p>\n",
		    v->open ? "" : " is approved yet");
		return;
	}
	html(&p->out,
	    "<table class=\"list\"><caption>Reports by period%S</caption>"
	    "<thead><tr><th scope=\"col\">Period</th><th "
	    "scope=\"col\">Status</th><th scope=\"col\">Values</th>"
	    "<th scope=\"col\">Narrative</th>%S%S</tr></thead>\n<tbody>\n",
	    v->open ? "" : " (approved ones)",
	    in ? "<th scope=\"col\">History</th>" : "",
	    forms ? "<th scope=\"col\">Actions</th>" : "");
	for (size_t i = 0; i < v->rs.nreport; i++) {
		const ResultReport *r = &v->rs.report[i];
		ReportPeriod rp;
		Buf e = BUF_INIT;

		if (r->project_id != v->pr->id)
			continue;
		report_period_parse(r->period, &rp, &e);
		buf_free(&e);
		html(&p->out,
		    "<tr id=\"report-%s\"><th scope=\"row\">%s <small>(%s)"
		    "</small>%S</th><td><span class=\"status-%s\">%s</span>",
		    r->period, r->period, report_period_name(&rp),
		    demo_badge(r->demo), r->status, status_name(r->status));
		if (*r->note)
			html(&p->out, "<br><small>Note: %s</small>", r->note);
		html(&p->out, "</td><td>");
		report_values(v, r);
		html(&p->out, "</td><td>%s</td>", r->narrative);
		/* Who moved it: for those signed in (the store loads no
		 * events for the public). */
		if (in)
			html(&p->out, "<td><small>");
		for (size_t k = 0; in && k < v->rs.nevent; k++) {
			const ResultEvent *ev = &v->rs.event[k];
			char day[11];

			if (ev->report_id != r->id)
				continue;
			snprintf(day, sizeof(day), "%s", ev->at);
			html(&p->out, "%s by %s, %s<br>", ev->to_status,
			    ev->actor, day);
		}
		if (in)
			html(&p->out, "</small></td>");
		if (forms) {
			html(&p->out, "<td>");
			if (v->editor && result_status_open(r->status)) {
				html(&p->out,
				    "<a href=\"/projects/%I/results?period=%u"
				    "#entry\">Edit</a> ",
				    v->pr->id, r->period);
				move_form(v, r, "submitted", "Submit");
				html(&p->out,
				    "<form method=\"post\" "
				    "action=\"/projects/%I/results\" "
				    "class=\"inline\"><input type=\"hidden\" "
				    "name=\"do\" "
				    "value=\"report-delete\"><input "
				    "type=\"hidden\" name=\"id\" value=\"%I\">"
				    "<input type=\"hidden\" name=\"csrf\" "
				    "value=\"%s\"><button "
				    "type=\"submit\">Delete"
				    "</button></form>",
				    v->pr->id, r->id, buf_str(&p->csrf));
			}
			if (strcmp(r->status, "submitted") == 0) {
				if (v->reviewer) {
					move_form(v, r, "approved", "Approve");
					move_form(v, r, "returned", "Return");
				}
				if (v->editor)
					move_form(v, r, "draft", "Withdraw");
			}
			if (strcmp(r->status, "approved") == 0)
				html(&p->out, "Locked");
			html(&p->out, "</td>");
		}
		html(&p->out, "</tr>\n");
	}
	html(&p->out, "</tbody></table>\n");
}

void
page_project_results(Page *p, const Project *pr)
{
	View v;

	html(&p->out, "<h2 id=\"results\">Results</h2>\n");
	if (view_load(&v, p, pr) != 0) {
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
		return;
	}
	framework_table(&v, 0);
	reports_table(&v, 0);
	if (v.open)
		html(&p->out,
		    "<p><a href=\"/projects/%I/results\">Results and reports: "
		    "enter, submit%S</a></p>\n",
		    pr->id, v.reviewer ? ", approve" : "");
	result_set_free(&v.rs);
}

/* The field of a form, or "" (for prefilling). */
static const char *
kept(Page *p, const char *name, int keep)
{
	const char *f = keep ? page_field(p, name) : NULL;

	return f ? f : "";
}

/* The forms that add to the framework. */
static void
framework_forms(View *v, int keep)
{
	Page *p = v->p;
	const char *lv = kept(p, "level", keep);

	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/results\" "
	    "class=\"edit\">\n<h3>Add an outcome or an output</h3>\n"
	    "<input type=\"hidden\" name=\"do\" value=\"result-add\">\n",
	    v->pr->id);
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"level\">Level</label>\n<select id=\"level\" "
	    "name=\"level\"><option value=\"outcome\"%S>Outcome</option>"
	    "<option value=\"output\"%S>Output</option></select></p>\n"
	    "<p><label for=\"outcome\">Under outcome (for an output)</label>"
	    "\n<select id=\"outcome\" name=\"outcome\"><option "
	    "value=\"\">none</option>",
	    strcmp(lv, "output") != 0 ? " selected" : "",
	    strcmp(lv, "output") == 0 ? " selected" : "");
	for (size_t i = 0; i < v->rs.nresult; i++)
		if (strcmp(v->rs.result[i].level, "outcome") == 0)
			html(&p->out, "<option value=\"%I\">%I: %s</option>",
			    v->rs.result[i].id, v->rs.result[i].id,
			    v->rs.result[i].statement);
	html(&p->out,
	    "</select></p>\n<p><label for=\"statement\">Statement</label>\n"
	    "<textarea id=\"statement\" name=\"statement\" rows=\"2\" "
	    "required>%s</textarea></p>\n<p><button type=\"submit\">Add"
	    "</button></p>\n</form>\n",
	    kept(p, "statement", keep));
	if (v->rs.nresult == 0)
		return;
	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/results\" "
	    "class=\"edit\">\n<h3>Add an indicator</h3>\n<input "
	    "type=\"hidden\" name=\"do\" value=\"indicator-add\">\n",
	    v->pr->id);
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"result\">Of the result</label>\n<select "
	    "id=\"result\" name=\"result\">");
	for (size_t i = 0; i < v->rs.nresult; i++)
		html(&p->out, "<option value=\"%I\">%s %I: %s</option>",
		    v->rs.result[i].id, v->rs.result[i].level,
		    v->rs.result[i].id, v->rs.result[i].statement);
	html(&p->out,
	    "</select></p>\n<p><label for=\"name\">Name</label>\n<input "
	    "id=\"name\" name=\"name\" required value=\"%s\"></p>\n"
	    "<p><label for=\"unit\">Unit</label>\n<input id=\"unit\" "
	    "name=\"unit\" required placeholder=\"officials trained, %%\" "
	    "value=\"%s\"></p>\n<p><label for=\"aggregate\">Over periods"
	    "</label>\n<select id=\"aggregate\" name=\"aggregate\"><option "
	    "value=\"sum\">summed (what each period delivered)</option>"
	    "<option value=\"last\"%S>the latest value stands (a level, a "
	    "share)</option></select></p>\n<p><label for=\"baseline\">"
	    "Baseline</label>\n<input id=\"baseline\" name=\"baseline\" "
	    "inputmode=\"decimal\" value=\"%s\"></p>\n<p><label "
	    "for=\"target\">Target</label>\n<input id=\"target\" "
	    "name=\"target\" inputmode=\"decimal\" value=\"%s\"></p>\n"
	    "<p><label for=\"categories\">Disaggregation (categories, "
	    "comma-separated)</label>\n<input id=\"categories\" "
	    "name=\"categories\" placeholder=\"female, male\" "
	    "value=\"%s\"></p>\n<p><button type=\"submit\">Add</button></p>\n"
	    "</form>\n",
	    kept(p, "name", keep), kept(p, "unit", keep),
	    strcmp(kept(p, "aggregate", keep), "last") == 0 ? " selected" : "",
	    kept(p, "baseline", keep), kept(p, "target", keep),
	    kept(p, "categories", keep));
}

/* The value of report r for in and cat as typed before, else stored. */
static void
entry_value(View *v, const ResultReport *r, const Indicator *in,
    const char *cat, const char *field, int keep, Buf *out)
{
	buf_reset(out);
	if (keep) {
		buf_set(out, kept(v->p, field, 1));
		return;
	}
	for (size_t i = 0; r != NULL && i < v->rs.nvalue; i++) {
		const ResultValue *x = &v->rs.value[i];

		if (x->report_id == r->id && x->indicator_id == in->id &&
		    strcmp(x->category, cat) == 0)
			result_value_decimal(x->value, out);
	}
}

/* The form of a report of a period: the narrative and every value. */
static void
entry_form(View *v, int keep)
{
	Page *p = v->p;
	const char *period =
	    keep ? kept(p, "period", 1) : page_param(p, "period");
	const ResultReport *r = NULL;
	ReportPeriod rp;
	Buf e = BUF_INIT, b = BUF_INIT, field = BUF_INIT;

	if (period != NULL && report_period_parse(period, &rp, &e) == 0)
		for (size_t i = 0; i < v->rs.nreport; i++)
			if (strcmp(v->rs.report[i].period, rp.key) == 0)
				r = &v->rs.report[i];
	buf_free(&e);
	if (r != NULL && !result_status_open(r->status))
		r = NULL;
	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/results\" "
	    "class=\"edit\" id=\"entry\">\n<h3>%s</h3>\n<input "
	    "type=\"hidden\" name=\"do\" value=\"report\">\n",
	    v->pr->id, r ? "Change the report" : "Write a report");
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"period\">Period</label>\n<input id=\"period\" "
	    "name=\"period\" required pattern=\"[0-9]{4}(-[QqHh][1-4])?\" "
	    "placeholder=\"2025-Q2, 2025-H1, 2025\" value=\"%s\"> <small>a "
	    "quarter, a half year or a year; a project's periods never "
	    "overlap</small></p>\n",
	    r            ? r->period
		: period ? period
			 : "");
	for (size_t k = 0; k < v->rs.nindicator; k++) {
		const Indicator *in = &v->rs.indicator[k];
		char cat[RESULT_CATEGORY_MAX + 1];

		buf_reset(&field);
		buf_printf(&field, "v-%lld", (long long)in->id);
		entry_value(v, r, in, "", buf_str(&field), keep, &b);
		html(&p->out,
		    "<fieldset><legend>%s <small>(%s)</small></legend>\n"
		    "<p><label for=\"%s\">Total</label>\n<input id=\"%s\" "
		    "name=\"%s\" inputmode=\"decimal\" value=\"%s\"></p>\n",
		    in->name, in->unit, buf_str(&field), buf_str(&field),
		    buf_str(&field), buf_str(&b));
		for (const char *q = in->categories;
		     result_category_next(&q, cat);) {
			buf_reset(&field);
			buf_printf(&field, "v-%lld-%s", (long long)in->id, cat);
			entry_value(v, r, in, cat, buf_str(&field), keep, &b);
			html(&p->out,
			    "<p><label for=\"%s\">%s</label>\n<input id=\"%s\" "
			    "name=\"%s\" inputmode=\"decimal\" value=\"%s\">"
			    "</p>\n",
			    buf_str(&field), cat, buf_str(&field),
			    buf_str(&field), buf_str(&b));
		}
		html(&p->out, "</fieldset>\n");
	}
	html(&p->out,
	    "<p><label for=\"narrative\">Narrative</label>\n<textarea "
	    "id=\"narrative\" name=\"narrative\" rows=\"4\">%s</textarea>"
	    "</p>\n<p><button type=\"submit\">Save as a draft</button> "
	    "<small>then submit it from the table of reports</small></p>\n"
	    "</form>\n",
	    keep    ? kept(p, "narrative", 1)
		: r ? r->narrative
		    : "");
	buf_free(&b);
	buf_free(&field);
}

/* The management page, with error (when a change was refused) on top. */
static int
results_page(Page *p, const Project *pr, int status, const char *error)
{
	View v;
	Buf title = BUF_INIT;

	if (view_load(&v, p, pr) != 0)
		return page_error(p, 503, "The database is busy: try again.");
	buf_printf(&title, "Results: %s", pr->title);
	p->nav = "progress";
	page_begin(p, buf_str(&title));
	html(&p->out,
	    "<p><a href=\"/projects/%I\">Back to the project</a></p>\n",
	    pr->id);
	if (error != NULL)
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    error);
	if (!v.open)
		html(&p->out,
		    "<p>Approved reports only: the others are for "
		    "the project's focal points and the "
		    "secretariat.</p>\n");
	html(&p->out, "<h2>Results framework</h2>\n");
	framework_table(&v, v.editor);
	html(&p->out, "<h2>Reports</h2>\n");
	reports_table(&v, v.open);
	if (v.editor) {
		html(&p->out, "<h2>Change</h2>\n");
		entry_form(&v,
		    error != NULL && strcmp(kept(p, "do", 1), "report") == 0);
		framework_forms(&v,
		    error != NULL && strncmp(kept(p, "do", 1), "re", 2) != 0);
	}
	result_set_free(&v.rs);
	buf_free(&title);
	return page_end(p, status);
}

/* The values of the report form: every field v-ID and v-ID-CATEGORY. */
static ValueInput *
form_values(Page *p, size_t *n)
{
	ValueInput *v = xcalloc(p->form.nfield + 1, sizeof(*v));

	*n = 0;
	for (size_t i = 0; i < p->form.nfield; i++) {
		const char *name = p->form.field[i].name;
		const char *value = p->form.field[i].value;
		char *end;
		long long id;

		if (strncmp(name, "v-", 2) != 0 || *value == '\0')
			continue;
		id = strtoll(name + 2, &end, 10);
		if (id <= 0 || (*end != '\0' && *end != '-'))
			continue;
		v[*n].indicator = id;
		v[*n].category = *end == '-' ? end + 1 : "";
		v[*n].value = value;
		(*n)++;
	}
	return v;
}

/* An id field, or 0. */
static int64_t
id_field(Page *p, const char *name)
{
	const char *f = page_field(p, name);
	char *end;
	long long v;

	if (f == NULL || *f < '1' || *f > '9')
		return 0;
	v = strtoll(f, &end, 10);
	return *end == '\0' ? v : 0;
}

static int
results_post(Page *p, const Project *pr)
{
	const char *what = page_field(p, "do");
	Buf msg = BUF_INIT, loc = BUF_INIT;
	int code = COMMIT_FAILED, rc;
	const char *anchor = "";

	what = what ? what : "";
	if (strcmp(what, "result-add") == 0) {
		Result r;

		memset(&r, 0, sizeof(r));
		r.project_id = pr->id;
		r.level = page_field(p, "level");
		r.statement = page_field(p, "statement");
		r.outcome_id = r.level && strcmp(r.level, "output") == 0
		    ? id_field(p, "outcome")
		    : 0;
		code = result_commit(p->s, &p->who, &r, 0, &msg);
	} else if (strcmp(what, "result-delete") == 0) {
		Result r;

		memset(&r, 0, sizeof(r));
		r.id = id_field(p, "id");
		code = r.id ? result_commit(p->s, &p->who, &r, 1, &msg)
			    : COMMIT_NOT_FOUND;
	} else if (strcmp(what, "indicator-add") == 0 ||
	    strcmp(what, "indicator-delete") == 0) {
		IndicatorInput in;
		int64_t id = what[10] == 'd' ? id_field(p, "id") : 0;
		int64_t result = id ? 0 : id_field(p, "result");

		memset(&in, 0, sizeof(in));
		in.name = page_field(p, "name");
		in.unit = page_field(p, "unit");
		in.aggregate = page_field(p, "aggregate");
		in.baseline = page_field(p, "baseline");
		in.target = page_field(p, "target");
		in.categories = page_field(p, "categories");
		code = id || result ? indicator_commit(p->s, &p->who, result,
					  &id, &in, id != 0, &msg)
				    : COMMIT_NOT_FOUND;
	} else if (strcmp(what, "report") == 0) {
		ReportInput in;
		int64_t id = 0;

		memset(&in, 0, sizeof(in));
		in.period = page_field(p, "period");
		in.narrative = page_field(p, "narrative");
		in.values = form_values(p, &in.nvalues);
		in.set_values = 1;
		code = report_commit(p->s, &p->who, pr->id, &in, &id, &msg);
		free((void *)(uintptr_t)in.values);
		anchor = "#reports";
	} else if (strcmp(what, "report-move") == 0 ||
	    strcmp(what, "report-delete") == 0) {
		int64_t id = id_field(p, "id"), owner = 0;
		Buf err = BUF_INIT;

		/* Only a report of this project, seen by who asks. */
		if (id == 0 ||
		    store_results_owner(p->s, 'p', id, &owner, &err) != 1 ||
		    owner != pr->id ||
		    results_may_see_open(p->s, &p->who, pr->id) != 1)
			code = COMMIT_NOT_FOUND;
		else if (what[7] == 'm')
			code = report_move_commit(p->s, &p->who, id,
			    page_field(p, "to") ? page_field(p, "to") : "",
			    page_field(p, "note"), &msg);
		else
			code = report_delete_commit(p->s, &p->who, id, &msg);
		buf_free(&err);
		anchor = "#reports";
	} else {
		code = RESULT_INVALID;
		buf_puts(&msg, "There is no such change.");
	}
	if (code == COMMIT_NOT_FOUND && msg.len == 0)
		buf_puts(&msg, "There is no such result, indicator or report.");
	if (code == COMMIT_OK || code == COMMIT_CREATED ||
	    code == COMMIT_DELETED) {
		buf_printf(&loc, "/projects/%lld/results%s", (long long)pr->id,
		    anchor);
		rc = page_redirect(p, buf_str(&loc));
	} else if (code == COMMIT_BUSY || code == COMMIT_FAILED) {
		rc = page_error(p, code, "The change failed: try again.");
	} else {
		rc = results_page(p, pr, code, buf_str(&msg));
	}
	buf_free(&msg);
	buf_free(&loc);
	return rc;
}

int
page_project_results_route(Page *p, const Project *pr)
{
	if (strcmp(p->rq->method, "POST") == 0) {
		if (!page_signed_in(p))
			return page_error(p, 401, "Sign in to change results.");
		return results_post(p, pr);
	}
	return results_page(p, pr, 200, NULL);
}

/* --- /progress ------------------------------------------------------------ */

typedef struct WgOpts {
	Page *p;
	const char *selected;
	Buf *name;
} WgOpts;

static int
wg_option(void *ctx, const RefItem *r)
{
	WgOpts *o = ctx;
	int sel = o->selected && strcmp(o->selected, r->key) == 0;

	if (sel)
		buf_set(o->name, r->name);
	html(&o->p->out, "<option value=\"%s\"%S>%s</option>\n", r->key,
	    sel ? " selected" : "", r->name);
	return 0;
}

/* One project's rows of the progress report. */
static void
progress_rows(Page *p, const ResultSet *rs, const ResultProject *pr,
    const ReportPeriod *per, Buf *rows)
{
	RollWindow in_p = { pr->id, per->start, per->end };
	RollWindow all = { pr->id, NULL, per->end };
	Buf st = BUF_INIT, b = BUF_INIT;
	size_t n = 0;

	for (size_t k = 0; k < rs->nreport; k++) {
		const ResultReport *r = &rs->report[k];

		if (r->project_id == pr->id &&
		    strcmp(r->period_start, per->start) >= 0)
			html(&st, "%S%s %s", st.len ? "<br>" : "", r->period,
			    r->status);
	}
	for (size_t k = 0; k < rs->nindicator; k++) {
		const Indicator *in = &rs->indicator[k];
		const Result *res = NULL;
		char cat[RESULT_CATEGORY_MAX + 1];
		int64_t v, pct;

		for (size_t i = 0; i < rs->nresult; i++)
			if (rs->result[i].id == in->result_id)
				res = &rs->result[i];
		if (res == NULL || res->project_id != pr->id)
			continue;
		html(rows, "<tr>");
		if (n++ == 0)
			html(rows,
			    "<th scope=\"row\" class=\"project\"><a "
			    "href=\"/projects/%I/results\">%s</a><br><small>%s"
			    "</small></th><td>%S</td>",
			    pr->id, pr->title, pr->lead,
			    st.len ? buf_str(&st) : "no report");
		else
			html(rows, "<td></td><td></td>");
		html(rows, "<td>%s <small>(%s)</small></td><td class=\"num\">",
		    in->name, in->unit);
		if (results_roll(rs, &in_p, in, "", &v)) {
			html(rows, "%s", val(v, &b));
			for (const char *q = in->categories;
			     result_category_next(&q, cat);)
				if (results_roll(rs, &in_p, in, cat, &v))
					html(rows, "<br><small>%s %s</small>",
					    cat, val(v, &b));
		}
		html(rows, "</td><td class=\"num\">");
		if (results_roll(rs, &all, in, "", &v))
			html(rows, "%s", val(v, &b));
		html(rows, "</td><td class=\"num\">%s</td><td class=\"num\">",
		    in->has_target ? val(in->target, &b) : "");
		if (results_roll(rs, &all, in, "", &v) &&
		    result_progress(in, v, &pct))
			html(rows, "%I%%", pct);
		html(rows, "</td></tr>\n");
	}
	buf_free(&st);
	buf_free(&b);
}

/* The totals by unit of the indicators that add up. */
static void
totals_table(Page *p, const ResultSet *rs, const ReportPeriod *per)
{
	RollTotal *t;
	size_t n = results_totals(rs, per, &t);
	Buf b = BUF_INIT;

	if (n > 0) {
		html(&p->out,
		    "<table class=\"list\"><caption>Totals of the indicators "
		    "that add up, by unit</caption><thead><tr><th "
		    "scope=\"col\">Unit</th><th scope=\"col\" "
		    "class=\"num\">Period</th><th scope=\"col\">By "
		    "category</th><th scope=\"col\" class=\"num\">To date"
		    "</th><th scope=\"col\" class=\"num\">Indicators</th>"
		    "<th scope=\"col\" class=\"num\">Projects</th></tr>"
		    "</thead>\n<tbody>\n");
		for (size_t i = 0; i < n; i++) {
			html(&p->out,
			    "<tr><th scope=\"row\">%s</th><td "
			    "class=\"num\">%s</td><td>",
			    t[i].unit, val(t[i].period, &b));
			for (size_t k = 0; k < t[i].ncat; k++)
				html(&p->out, "%S%s %s", k ? ", " : "",
				    t[i].cat[k], val(t[i].cat_period[k], &b));
			html(&p->out,
			    "</td><td class=\"num\">%s</td><td "
			    "class=\"num\">%I</td><td class=\"num\">%I</td>"
			    "</tr>\n",
			    val(t[i].to_date, &b), t[i].indicators,
			    t[i].projects);
		}
		html(&p->out, "</tbody></table>\n");
	}
	free(t);
	buf_free(&b);
}

int
page_progress(Page *p)
{
	const char *wg = page_param(p, "wg"), *period = page_param(p, "period");
	ReportPeriod per;
	ResultFilter f;
	ResultSet rs;
	WgOpts o;
	Buf err = BUF_INIT, name = BUF_INIT, rows = BUF_INIT;
	int reviewer = page_signed_in(p) && result_may_review(&p->who);
	int64_t reporting = 0, pending = 0;
	int demo = 0;

	p->nav = "progress";
	page_begin(p, "Progress reports");
	html(&p->out,
	    "<form method=\"get\" action=\"/progress\" class=\"filters\">\n"
	    "<p><label for=\"wg\">Working Group</label>\n<select id=\"wg\" "
	    "name=\"wg\"><option value=\"\">every project</option>\n");
	o.p = p;
	o.selected = wg;
	o.name = &name;
	store_working_groups(p->s, wg_option, &o, &err);
	html(&p->out,
	    "</select></p>\n<p><label for=\"period\">Period</label>\n<input "
	    "id=\"period\" name=\"period\" required "
	    "pattern=\"[0-9]{4}(-[QqHh][1-4])?\" placeholder=\"2025-Q2, "
	    "2025-H1, 2025\" value=\"%s\"> <small>a quarter (quarterly), "
	    "the first half year (mid-year) or a year (end-of-year)</small>"
	    "</p>\n<p><button type=\"submit\">Show</button></p>\n</form>\n",
	    period ? period : "");
	if (period == NULL) {
		html(&p->out,
		    "<p>Choose a period.  The report rolls up the "
		    "approved results of the projects whose "
		    "thematic areas fall under the Working "
		    "Group.</p>\n");
		buf_free(&err);
		buf_free(&name);
		return page_end(p, 200);
	}
	if (report_period_parse(period, &per, &err) != 0) {
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    buf_str(&err));
		buf_free(&err);
		buf_free(&name);
		return page_end(p, 400);
	}
	if (wg != NULL && name.len == 0) {
		html(&p->out,
		    "<p class=\"error\" role=\"alert\">There is no "
		    "such Working Group.</p>\n");
		buf_free(&err);
		buf_free(&name);
		return page_end(p, 404);
	}
	memset(&f, 0, sizeof(f));
	memset(&rs, 0, sizeof(rs));
	f.wg = wg;
	f.until = per.end;
	f.approved = !reviewer;
	if (store_results_load(p->s, &f, &rs, &err) != 0) {
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
		buf_free(&err);
		buf_free(&name);
		return page_end(p, 503);
	}
	for (size_t i = 0; i < rs.nproject; i++) {
		PeriodStand ps;

		results_period_stand(&rs, rs.project[i].id, &per, &ps);
		reporting += ps.approved;
		pending += ps.submitted;
		demo |= ps.demo;
		progress_rows(p, &rs, &rs.project[i], &per, &rows);
	}
	html(&p->out,
	    "<h2>%s: the %s progress report</h2>\n<p>%s to %s: %S%s.  "
	    "Projects with results: %N; with approved results in the "
	    "period: %N; without: %N",
	    per.key, report_period_name(&per), per.start, per.end,
	    wg ? "" : "every project", buf_str(&name), (int64_t)rs.nproject,
	    reporting, (int64_t)rs.nproject - reporting);
	if (reviewer)
		html(&p->out, "; with a report awaiting approval: %N", pending);
	html(&p->out,
	    ".  <a href=\"/api/v1/progress?period=%u%S%u&amp;format=csv\">"
	    "Download as CSV</a></p>\n",
	    per.key, wg ? "&amp;wg=" : "", wg ? wg : "");
	if (demo)
		html(&p->out,
		    "<p class=\"demo\" role=\"note\">These results "
		    "include demonstration records, made up: not "
		    "results any project reported.</p>\n");
	totals_table(p, &rs, &per);
	if (rows.len > 0)
		html(&p->out,
		    "<table class=\"list\"><caption>Approved values of the "
		    "period and to date, against the target</caption><thead>"
		    "<tr><th scope=\"col\">Project</th><th "
		    "scope=\"col\">Reports</th><th scope=\"col\">Indicator"
		    "</th><th scope=\"col\" class=\"num\">Period</th><th "
		    "scope=\"col\" class=\"num\">To date</th><th scope=\"col\" "
		    "class=\"num\">Target</th><th scope=\"col\" "
		    "class=\"num\">Progress</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    buf_str(&rows));
	else
		html(&p->out, "<p>No project %S has a results framework.</p>\n",
		    wg ? "of this Working Group" : "");
	result_set_free(&rs);
	buf_free(&rows);
	buf_free(&err);
	buf_free(&name);
	return page_end(p, 200);
}
