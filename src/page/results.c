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

/* A value as people read it, in the page's language, into a buffer of the
 * caller's. */
static const char *
val(const Page *p, int64_t v, Buf *b)
{
	Buf en = BUF_INIT;

	buf_reset(b);
	result_value_format(v, &en);
	page_num_local(b, p->lang, buf_str(&en));
	buf_free(&en);
	return buf_str(b);
}

/* A share in whole percent ("45%", "45 %"), into b. */
static const char *
pct_text(const Page *p, int64_t pct, Buf *b)
{
	buf_reset(b);
	if (strcmp(p->lang, "en") == 0)
		buf_printf(b, "%lld%%", (long long)pct);
	else
		lang_percent(b, p->lang, (double)pct / 100.0);
	return buf_str(b);
}

/* The statuses of a report: key, its short name, its name in a table. */
static const char *const statuses[][3] = {
	{ "draft", N_("draft"), N_("draft") },
	{ "submitted", N_("submitted"), N_("submitted, awaiting approval") },
	{ "returned", N_("returned"), N_("returned for changes") },
	{ "approved", N_("approved"), N_("approved") },
};

/* Status s as people read it: short (1) or in full (2). */
static const char *
status_text(const Page *p, const char *s, int which)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(statuses[i][0], s) == 0)
			return PT(p, statuses[i][which]);
	return s;
}

/* "quarterly", "mid-year", ...: the kind of report of a period. */
static const char *
period_kind(const Page *p, const ReportPeriod *rp)
{
	static const char *const kind[] = { N_("quarterly"), N_("mid-year"),
		N_("second half-year"), N_("end-of-year") };
	const char *en = report_period_name(rp);

	for (size_t i = 0; i < sizeof(kind) / sizeof(kind[0]); i++)
		if (strcmp(kind[i], en) == 0)
			return PT(p, kind[i]);
	return en;
}

/* A demonstration badge into o when demo is set. */
static void
demo_badge(Page *p, Buf *o, int demo)
{
	if (demo)
		html(o, " <span class=\"demo\">%s</span>",
		    PT(p, "(demonstration)"));
}

/* The progress of in to date, as a cell with a meter. */
static void
progress_cell(Page *p, const ResultSet *rs, const Indicator *in, int64_t pid)
{
	RollWindow w = { pid, NULL, NULL };
	Buf b = BUF_INIT;
	int64_t v, pct;

	if (!results_roll(rs, &w, in, "", &v)) {
		html(&p->out, "<td class=\"num\">%s</td><td></td>",
		    PT(p, "none approved"));
		buf_free(&b);
		return;
	}
	html(&p->out, "<td class=\"num\">%s</td>", val(p, v, &b));
	if (result_progress(in, v, &pct)) {
		pct_text(p, pct, &b);
		html(&p->out,
		    "<td class=\"num\"><meter min=\"0\" max=\"100\" "
		    "value=\"%I\">%s</meter> %s</td>",
		    pct < 0         ? 0
			: pct > 100 ? 100
				    : pct,
		    buf_str(&b), buf_str(&b));
	} else {
		html(&p->out, "<td class=\"num\">%s</td>", PT(p, "no target"));
	}
	buf_free(&b);
}

/* The head of the framework's table (forms: a column of actions). */
static void
framework_head(Page *p, int forms)
{
	html(&p->out,
	    "<table class=\"list results\"><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th>",
	    PT(p,
		"Outcomes and outputs, with the progress of their indicators "
		"to date (approved reports)"),
	    PT(p, "Result"), PT(p, "Indicator"), PT(p, "Unit"),
	    PT(p, "Baseline"), PT(p, "Target"), PT(p, "To date"),
	    PT(p, "Progress"));
	if (forms)
		html(&p->out,
		    "<th scope=\"col\"><span class=\"visually-hidden\">%s"
		    "</span></th>",
		    PT(p, "Actions"));
	html(&p->out, "</tr></thead>\n<tbody>\n");
}

/* The heading cell of result r (n indicators), with its delete button. */
static void
result_cell(View *v, const Result *r, size_t n, int forms)
{
	Page *p = v->p;
	int outcome = strcmp(r->level, "outcome") == 0;
	Buf s = BUF_INIT;

	buf_printf(&s, outcome ? PT(p, "Outcome %lld") : PT(p, "Output %lld"),
	    (long long)r->id);
	html(&p->out,
	    "<tr id=\"result-%I\"><th scope=\"rowgroup\" rowspan=\"%d\" "
	    "class=\"%s\"><span class=\"level\">%s</span> %s",
	    r->id, (int)(n ? n : 1), r->level, buf_str(&s), r->statement);
	demo_badge(p, &p->out, r->demo);
	if (r->outcome_id) {
		buf_reset(&s);
		buf_printf(&s, PT(p, "(under outcome %lld)"),
		    (long long)r->outcome_id);
		html(&p->out, " <span class=\"under\">%s</span>", buf_str(&s));
	}
	if (forms) {
		buf_reset(&s);
		buf_printf(&s,
		    outcome ? PT(p, "Delete outcome %lld")
			    : PT(p, "Delete output %lld"),
		    (long long)r->id);
		html(&p->out,
		    "<form method=\"post\" action=\"/projects/%I/results\" "
		    "class=\"below\"><input type=\"hidden\" name=\"do\" "
		    "value=\"result-delete\"><input type=\"hidden\" "
		    "name=\"id\" value=\"%I\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button type=\"submit\" "
		    "class=\"link\">%s</button></form>",
		    v->pr->id, r->id, buf_str(&p->csrf), buf_str(&s));
	}
	html(&p->out, "</th>");
	buf_free(&s);
}

/* The cells of indicator in: name, unit, baseline, target, progress. */
static void
indicator_cells(View *v, const Indicator *in, int forms)
{
	Page *p = v->p;
	Buf b = BUF_INIT, c = BUF_INIT, cats = BUF_INIT, s = BUF_INIT;
	char cat[RESULT_CATEGORY_MAX + 1];

	for (const char *q = in->categories; result_category_next(&q, cat);)
		buf_printf(&cats, "%s%s", cats.len ? ", " : "", cat);
	html(&p->out, "<td>%s", in->name);
	demo_badge(p, &p->out, in->demo);
	if (cats.len) {
		buf_printf(&s, PT(p, "by %s"), buf_str(&cats));
		html(&p->out, "<br><small>%s</small>", buf_str(&s));
	}
	html(&p->out,
	    "</td><td>%s (%s)</td><td class=\"num\">%s</td><td "
	    "class=\"num\">%s</td>",
	    in->unit,
	    strcmp(in->aggregate, "sum") == 0 ? PT(p, "summed")
					      : PT(p, "latest"),
	    in->has_baseline ? val(p, in->baseline, &b) : "",
	    in->has_target ? val(p, in->target, &c) : "");
	progress_cell(p, &v->rs, in, v->pr->id);
	if (forms) {
		buf_reset(&s);
		buf_printf(
		    &s, PT(p, "Delete indicator %lld"), (long long)in->id);
		html(&p->out,
		    "<td><form method=\"post\" action=\"/projects/%I/results\" "
		    "class=\"inline\"><input type=\"hidden\" name=\"do\" "
		    "value=\"indicator-delete\"><input type=\"hidden\" "
		    "name=\"id\" value=\"%I\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button type=\"submit\" "
		    "class=\"link\">%s</button></form></td>",
		    v->pr->id, in->id, buf_str(&p->csrf), buf_str(&s));
	}
	html(&p->out, "</tr>\n");
	buf_free(&b);
	buf_free(&c);
	buf_free(&cats);
	buf_free(&s);
}

/* The table of the framework: results, their indicators, the progress. */
static void
framework_table(View *v, int forms)
{
	Page *p = v->p;

	if (v->rs.nresult == 0) {
		html(&p->out, "<p>%s</p>\n",
		    PT(p, "No results framework is entered."));
		return;
	}
	framework_head(p, forms);
	for (size_t i = 0; i < v->rs.nresult; i++) {
		const Result *r = &v->rs.result[i];
		size_t n = 0;

		for (size_t k = 0; k < v->rs.nindicator; k++)
			n += v->rs.indicator[k].result_id == r->id;
		result_cell(v, r, n, forms);
		if (n == 0)
			html(&p->out, "<td colspan=\"%d\">%s</td></tr>\n",
			    forms ? 7 : 6, PT(p, "No indicator yet."));
		for (size_t k = 0, row = 0; k < v->rs.nindicator; k++) {
			const Indicator *in = &v->rs.indicator[k];

			if (in->result_id != r->id)
				continue;
			if (row++ > 0)
				html(&p->out, "<tr>");
			indicator_cells(v, in, forms);
		}
	}
	html(&p->out, "</tbody></table>\n");
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
				html(&p->out, "%s", val(p, x->value, &b));
			else
				html(&p->out, "%S%s %s", first ? "" : ", ",
				    x->category, val(p, x->value, &b));
			first = 0;
			any = 1;
		}
	}
	if (!any)
		html(&p->out, "%s", PT(p, "no values"));
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
		    "<label for=\"note-%I\">%s</label> <input "
		    "id=\"note-%I\" name=\"note\" required size=\"24\"> ",
		    r->id, PT(p, "What to change"), r->id);
	html(&p->out, "<button type=\"submit\">%s</button></form> ", label);
}

/* Who moved report r and when: for those signed in (the store loads no
 * events for the public). */
static void
report_history(View *v, const ResultReport *r)
{
	Page *p = v->p;
	Buf s = BUF_INIT, d = BUF_INIT;

	html(&p->out, "<td><small>");
	for (size_t k = 0; k < v->rs.nevent; k++) {
		const ResultEvent *ev = &v->rs.event[k];
		char day[11];

		if (ev->report_id != r->id)
			continue;
		snprintf(day, sizeof(day), "%s", ev->at);
		buf_reset(&s);
		buf_reset(&d);
		page_date_text(p, &d, day);
		buf_printf(&s, PT(p, "%s by %s, %s"),
		    status_text(p, ev->to_status, 1), ev->actor, buf_str(&d));
		html(&p->out, "%s<br>", buf_str(&s));
	}
	html(&p->out, "</small></td>");
	buf_free(&s);
	buf_free(&d);
}

/* The moves of report r the reader may make, in its row. */
static void
report_actions(View *v, const ResultReport *r)
{
	Page *p = v->p;

	html(&p->out, "<td>");
	if (v->editor && result_status_open(r->status)) {
		html(&p->out,
		    "<a href=\"/projects/%I/results?period=%u#entry\">%s</a> ",
		    v->pr->id, r->period, PT(p, "Edit"));
		move_form(v, r, "submitted", PT(p, "Submit"));
		html(&p->out,
		    "<form method=\"post\" action=\"/projects/%I/results\" "
		    "class=\"inline\"><input type=\"hidden\" name=\"do\" "
		    "value=\"report-delete\"><input type=\"hidden\" "
		    "name=\"id\" value=\"%I\"><input type=\"hidden\" "
		    "name=\"csrf\" value=\"%s\"><button "
		    "type=\"submit\">%s</button></form>",
		    v->pr->id, r->id, buf_str(&p->csrf), PT(p, "Delete"));
	}
	if (strcmp(r->status, "submitted") == 0) {
		if (v->reviewer) {
			move_form(v, r, "approved", PT(p, "Approve"));
			move_form(v, r, "returned", PT(p, "Return"));
		}
		if (v->editor)
			move_form(v, r, "draft", PT(p, "Withdraw"));
	}
	if (strcmp(r->status, "approved") == 0)
		html(&p->out, "%s", PT(p, "Locked"));
	html(&p->out, "</td>");
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
		html(&p->out, "<p>%s</p>\n",
		    v->open ? PT(p, "No report.")
			    : PT(p, "No report is approved yet."));
		return;
	}
	html(&p->out,
	    "<table class=\"list\"><caption>%s</caption><thead><tr><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th>",
	    v->open ? PT(p, "Reports by period")
		    : PT(p, "Reports by period (approved ones)"),
	    PT(p, "Period"), PT(p, "Status"), PT(p, "Values"),
	    PT(p, "Narrative"));
	if (in)
		html(&p->out, "<th scope=\"col\">%s</th>", PT(p, "History"));
	if (forms)
		html(&p->out, "<th scope=\"col\">%s</th>", PT(p, "Actions"));
	html(&p->out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < v->rs.nreport; i++) {
		const ResultReport *r = &v->rs.report[i];
		ReportPeriod rp;
		Buf e = BUF_INIT;

		if (r->project_id != v->pr->id)
			continue;
		report_period_parse(r->period, &rp, &e);
		buf_free(&e);
		html(&p->out, "<tr id=\"report-%s\"><th scope=\"row\">",
		    r->period);
		page_bdi(p, &p->out, r->period);
		html(&p->out, " <small>(%s)</small>", period_kind(p, &rp));
		demo_badge(p, &p->out, r->demo);
		html(&p->out, "</th><td><span class=\"status-%s\">%s</span>",
		    r->status, status_text(p, r->status, 2));
		if (*r->note) {
			buf_printf(&e, PT(p, "Note: %s"), r->note);
			html(&p->out, "<br><small>%s</small>", buf_str(&e));
			buf_free(&e);
		}
		html(&p->out, "</td><td>");
		report_values(v, r);
		html(&p->out, "</td><td>%s</td>", r->narrative);
		if (in)
			report_history(v, r);
		if (forms)
			report_actions(v, r);
		html(&p->out, "</tr>\n");
	}
	html(&p->out, "</tbody></table>\n");
}

void
page_project_results(Page *p, const Project *pr)
{
	View v;

	html(&p->out, "<h2 id=\"results\">%s</h2>\n", PT(p, "Results"));
	if (view_load(&v, p, pr) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
		return;
	}
	framework_table(&v, 0);
	reports_table(&v, 0);
	if (v.open)
		html(&p->out,
		    "<p><a href=\"/projects/%I/results\">%s</a></p>\n", pr->id,
		    v.reviewer
			? PT(p, "Results and reports: enter, submit, approve")
			: PT(p, "Results and reports: enter, submit"));
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
	Buf s = BUF_INIT;

	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/results\" "
	    "class=\"edit\">\n<h3>%s</h3>\n"
	    "<input type=\"hidden\" name=\"do\" value=\"result-add\">\n",
	    v->pr->id, PT(p, "Add an outcome or an output"));
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"level\">%s</label>\n<select id=\"level\" "
	    "name=\"level\"><option value=\"outcome\"%S>%s</option>"
	    "<option value=\"output\"%S>%s</option></select></p>\n"
	    "<p><label for=\"outcome\">%s</label>"
	    "\n<select id=\"outcome\" name=\"outcome\"><option "
	    "value=\"\">%s</option>",
	    PT(p, "Level"), strcmp(lv, "output") != 0 ? " selected" : "",
	    PTP(p, "result level", "Outcome"),
	    strcmp(lv, "output") == 0 ? " selected" : "", PT(p, "Output"),
	    PT(p, "Under outcome (for an output)"), PT(p, "none"));
	for (size_t i = 0; i < v->rs.nresult; i++)
		if (strcmp(v->rs.result[i].level, "outcome") == 0)
			html(&p->out, "<option value=\"%I\">%I: %s</option>",
			    v->rs.result[i].id, v->rs.result[i].id,
			    v->rs.result[i].statement);
	html(&p->out,
	    "</select></p>\n<p><label for=\"statement\">%s</label>\n"
	    "<textarea id=\"statement\" name=\"statement\" rows=\"2\" "
	    "required>%s</textarea></p>\n<p><button type=\"submit\">%s"
	    "</button></p>\n</form>\n",
	    PT(p, "Statement"), kept(p, "statement", keep), PT(p, "Add"));
	if (v->rs.nresult == 0) {
		buf_free(&s);
		return;
	}
	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/results\" "
	    "class=\"edit\">\n<h3>%s</h3>\n<input "
	    "type=\"hidden\" name=\"do\" value=\"indicator-add\">\n",
	    v->pr->id, PT(p, "Add an indicator"));
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"result\">%s</label>\n<select "
	    "id=\"result\" name=\"result\">",
	    PT(p, "Of the result"));
	for (size_t i = 0; i < v->rs.nresult; i++) {
		const Result *r = &v->rs.result[i];

		buf_reset(&s);
		buf_printf(&s,
		    strcmp(r->level, "outcome") == 0 ? PT(p, "outcome %lld: %s")
						     : PT(p, "output %lld: %s"),
		    (long long)r->id, r->statement);
		html(&p->out, "<option value=\"%I\">%s</option>", r->id,
		    buf_str(&s));
	}
	html(&p->out,
	    "</select></p>\n<p><label for=\"name\">%s</label>\n<input "
	    "id=\"name\" name=\"name\" required value=\"%s\"></p>\n"
	    "<p><label for=\"unit\">%s</label>\n<input id=\"unit\" "
	    "name=\"unit\" required placeholder=\"%s\" value=\"%s\"></p>\n",
	    PT(p, "Name"), kept(p, "name", keep), PT(p, "Unit"),
	    PT(p, "officials trained, %"), kept(p, "unit", keep));
	html(&p->out,
	    "<p><label for=\"aggregate\">%s</label>\n<select "
	    "id=\"aggregate\" name=\"aggregate\"><option value=\"sum\">%s"
	    "</option><option value=\"last\"%S>%s</option></select></p>\n",
	    PT(p, "Over periods"), PT(p, "summed (what each period delivered)"),
	    strcmp(kept(p, "aggregate", keep), "last") == 0 ? " selected" : "",
	    PT(p, "the latest value stands (a level, a share)"));
	html(&p->out,
	    "<p><label for=\"baseline\">%s</label>\n<input id=\"baseline\" "
	    "name=\"baseline\" inputmode=\"decimal\" value=\"%s\"></p>\n"
	    "<p><label for=\"target\">%s</label>\n<input id=\"target\" "
	    "name=\"target\" inputmode=\"decimal\" value=\"%s\"></p>\n"
	    "<p><label for=\"categories\">%s</label>\n<input "
	    "id=\"categories\" name=\"categories\" placeholder=\"%s\" "
	    "value=\"%s\"></p>\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n",
	    PT(p, "Baseline"), kept(p, "baseline", keep), PT(p, "Target"),
	    kept(p, "target", keep),
	    PT(p, "Disaggregation (categories, comma-separated)"),
	    PT(p, "female, male"), kept(p, "categories", keep), PT(p, "Add"));
	buf_free(&s);
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
	    v->pr->id,
	    r ? PT(p, "Change the report") : PT(p, "Write a report"));
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"period\">%s</label>\n<input id=\"period\" "
	    "name=\"period\" required pattern=\"[0-9]{4}(-[QqHh][1-4])?\" "
	    "placeholder=\"2025-Q2, 2025-H1, 2025\" value=\"%s\"> <small>%s"
	    "</small></p>\n",
	    PT(p, "Period"),
	    r            ? r->period
		: period ? period
			 : "",
	    PT(p,
		"a quarter, a half year or a year; a project's periods never "
		"overlap"));
	for (size_t k = 0; k < v->rs.nindicator; k++) {
		const Indicator *in = &v->rs.indicator[k];
		char cat[RESULT_CATEGORY_MAX + 1];

		buf_reset(&field);
		buf_printf(&field, "v-%lld", (long long)in->id);
		entry_value(v, r, in, "", buf_str(&field), keep, &b);
		html(&p->out,
		    "<fieldset><legend>%s <small>(%s)</small></legend>\n"
		    "<p><label for=\"%s\">%s</label>\n<input id=\"%s\" "
		    "name=\"%s\" inputmode=\"decimal\" value=\"%s\"></p>\n",
		    in->name, in->unit, buf_str(&field), PT(p, "Total"),
		    buf_str(&field), buf_str(&field), buf_str(&b));
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
	    "<p><label for=\"narrative\">%s</label>\n<textarea "
	    "id=\"narrative\" name=\"narrative\" rows=\"4\">%s</textarea>"
	    "</p>\n<p><button type=\"submit\">%s</button> "
	    "<small>%s</small></p>\n</form>\n",
	    PT(p, "Narrative"),
	    keep    ? kept(p, "narrative", 1)
		: r ? r->narrative
		    : "",
	    PT(p, "Save as a draft"),
	    PT(p, "then submit it from the table of reports"));
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
		return page_error(
		    p, 503, PT(p, "The database is busy: try again."));
	buf_printf(&title, PT(p, "Results: %s"), pr->title);
	p->nav = "progress";
	page_begin(p, buf_str(&title));
	html(&p->out, "<p><a href=\"/projects/%I\">%s</a></p>\n", pr->id,
	    PT(p, "Back to the project"));
	if (error != NULL)
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    error);
	if (!v.open)
		html(&p->out, "<p>%s</p>\n",
		    PT(p,
			"Approved reports only: the others are for the "
			"project's focal points and the secretariat."));
	html(&p->out, "<h2>%s</h2>\n", PT(p, "Results framework"));
	framework_table(&v, v.editor);
	html(&p->out, "<h2>%s</h2>\n", PT(p, "Reports"));
	reports_table(&v, v.open);
	if (v.editor) {
		html(&p->out, "<h2>%s</h2>\n", PT(p, "Change"));
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
		buf_puts(&msg, PT(p, "There is no such change."));
	}
	if (code == COMMIT_NOT_FOUND && msg.len == 0)
		buf_puts(&msg,
		    PT(p, "There is no such result, indicator or report."));
	if (code == COMMIT_OK || code == COMMIT_CREATED ||
	    code == COMMIT_DELETED) {
		buf_printf(&loc, "/projects/%lld/results%s", (long long)pr->id,
		    anchor);
		rc = page_redirect(p, buf_str(&loc));
	} else if (code == COMMIT_BUSY || code == COMMIT_FAILED) {
		rc =
		    page_error(p, code, PT(p, "The change failed: try again."));
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
			return page_error(
			    p, 401, PT(p, "Sign in to change results."));
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
		    strcmp(r->period_start, per->start) >= 0) {
			html(&st, "%S", st.len ? "<br>" : "");
			page_bdi(p, &st, r->period);
			html(&st, " %s", status_text(p, r->status, 1));
		}
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
		if (n++ == 0) {
			html(rows,
			    "<th scope=\"row\" class=\"project\"><a "
			    "href=\"/projects/%I/results\">%s</a><br><small>%s"
			    "</small></th><td>",
			    pr->id, pr->title, pr->lead);
			if (st.len)
				html(rows, "%S</td>", buf_str(&st));
			else
				html(rows, "%s</td>", PT(p, "no report"));
		} else {
			html(rows, "<td></td><td></td>");
		}
		html(rows, "<td>%s <small>(%s)</small></td><td class=\"num\">",
		    in->name, in->unit);
		if (results_roll(rs, &in_p, in, "", &v)) {
			html(rows, "%s", val(p, v, &b));
			for (const char *q = in->categories;
			     result_category_next(&q, cat);)
				if (results_roll(rs, &in_p, in, cat, &v))
					html(rows, "<br><small>%s %s</small>",
					    cat, val(p, v, &b));
		}
		html(rows, "</td><td class=\"num\">");
		if (results_roll(rs, &all, in, "", &v))
			html(rows, "%s", val(p, v, &b));
		html(rows, "</td><td class=\"num\">%s</td><td class=\"num\">",
		    in->has_target ? val(p, in->target, &b) : "");
		if (results_roll(rs, &all, in, "", &v) &&
		    result_progress(in, v, &pct))
			html(rows, "%s", pct_text(p, pct, &b));
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
	Buf b = BUF_INIT, c = BUF_INIT;

	if (n > 0) {
		html(&p->out,
		    "<table class=\"list\"><caption>%s</caption><thead><tr><th "
		    "scope=\"col\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\">%s</th><th "
		    "scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th></tr></thead>\n<tbody>\n",
		    PT(p, "Totals of the indicators that add up, by unit"),
		    PT(p, "Unit"), PT(p, "Period"), PT(p, "By category"),
		    PT(p, "To date"), PT(p, "Indicators"), PT(p, "Projects"));
		for (size_t i = 0; i < n; i++) {
			html(&p->out,
			    "<tr><th scope=\"row\">%s</th><td "
			    "class=\"num\">%s</td><td>",
			    t[i].unit, val(p, t[i].period, &b));
			for (size_t k = 0; k < t[i].ncat; k++)
				html(&p->out, "%S%s %s", k ? ", " : "",
				    t[i].cat[k],
				    val(p, t[i].cat_period[k], &b));
			html(&p->out, "</td><td class=\"num\">%s</td>",
			    val(p, t[i].to_date, &b));
			html(&p->out,
			    "<td class=\"num\">%s</td><td "
			    "class=\"num\">%s</td></tr>\n",
			    page_count(p, &b, (int64_t)t[i].indicators),
			    page_count(p, &c, (int64_t)t[i].projects));
		}
		html(&p->out, "</tbody></table>\n");
	}
	free(t);
	buf_free(&b);
	buf_free(&c);
}

/* The form that chooses a Working Group and a period; name gets the
 * group's name when wg is one. */
static void
progress_form(Page *p, const char *wg, const char *period, Buf *name)
{
	WgOpts o;
	Buf err = BUF_INIT;

	html(&p->out,
	    "<form method=\"get\" action=\"/progress\" class=\"filters\">\n"
	    "<p><label for=\"wg\">%s</label>\n<select id=\"wg\" "
	    "name=\"wg\"><option value=\"\">%s</option>\n",
	    PT(p, "Working Group"), PT(p, "every project"));
	o.p = p;
	o.selected = wg;
	o.name = name;
	store_working_groups(p->s, p->lang, wg_option, &o, &err);
	html(&p->out,
	    "</select></p>\n<p><label for=\"period\">%s</label>\n<input "
	    "id=\"period\" name=\"period\" required "
	    "pattern=\"[0-9]{4}(-[QqHh][1-4])?\" placeholder=\"2025-Q2, "
	    "2025-H1, 2025\" value=\"%s\"> <small>%s</small></p>\n<p><button "
	    "type=\"submit\">%s</button></p>\n</form>\n",
	    PT(p, "Period"), period ? period : "",
	    PT(p,
		"a quarter (quarterly), the first half year (mid-year) or a "
		"year (end-of-year)"),
	    PT(p, "Show"));
	buf_free(&err);
}

/* The heading and the counts of the progress report of per. */
static void
progress_summary(Page *p, const ReportPeriod *per, const char *wg,
    const Buf *name, const int64_t count[3], int reviewer)
{
	Buf s = BUF_INIT, a = BUF_INIT, b = BUF_INIT, c = BUF_INIT,
	    d = BUF_INIT;

	if (per->kind == 'Q')
		buf_printf(
		    &s, PT(p, "%s: the quarterly progress report"), per->key);
	else if (per->kind == 'H' && per->n == 1)
		buf_printf(
		    &s, PT(p, "%s: the mid-year progress report"), per->key);
	else if (per->kind == 'H')
		buf_printf(&s,
		    PT(p, "%s: the second half-year progress report"),
		    per->key);
	else
		buf_printf(
		    &s, PT(p, "%s: the end-of-year progress report"), per->key);
	html(&p->out, "<h2>%s</h2>\n<p>", buf_str(&s));
	buf_reset(&s);
	page_date_text(p, &a, per->start);
	page_date_text(p, &b, per->end);
	if (wg)
		buf_printf(&s, PT(p, "%s to %s: %s."), buf_str(&a), buf_str(&b),
		    buf_str(name));
	else
		buf_printf(&s, PT(p, "%s to %s: every project."), buf_str(&a),
		    buf_str(&b));
	html(&p->out, "%s  ", buf_str(&s));
	buf_reset(&s);
	page_count(p, &a, count[0]);
	page_count(p, &b, count[1]);
	page_count(p, &c, count[0] - count[1]);
	page_count(p, &d, count[2]);
	if (reviewer)
		buf_printf(&s,
		    PT(p,
			"Projects with results: %s; with approved results in "
			"the period: %s; without: %s; with a report awaiting "
			"approval: %s."),
		    buf_str(&a), buf_str(&b), buf_str(&c), buf_str(&d));
	else
		buf_printf(&s,
		    PT(p,
			"Projects with results: %s; with approved results in "
			"the period: %s; without: %s."),
		    buf_str(&a), buf_str(&b), buf_str(&c));
	html(&p->out,
	    "%s  <a href=\"/api/v1/progress?period=%u%S%u&amp;format=csv\">"
	    "%s</a></p>\n",
	    buf_str(&s), per->key, wg ? "&amp;wg=" : "", wg ? wg : "",
	    PT(p, "Download as CSV"));
	buf_free(&s);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&d);
}

int
page_progress(Page *p)
{
	const char *wg = page_param(p, "wg"), *period = page_param(p, "period");
	ReportPeriod per;
	ResultFilter f;
	ResultSet rs;
	Buf err = BUF_INIT, name = BUF_INIT, rows = BUF_INIT;
	int reviewer = page_signed_in(p) && result_may_review(&p->who);
	int64_t count[3] = { 0, 0, 0 }; /* with results, approved, pending */
	int demo = 0, status = 200;

	p->nav = "progress";
	page_begin(p, PT(p, "Progress reports"));
	progress_form(p, wg, period, &name);
	if (period == NULL) {
		html(&p->out, "<p>%s</p>\n",
		    PT(p,
			"Choose a period.  The report rolls up the approved "
			"results of the projects whose thematic areas fall "
			"under the Working Group."));
		goto out;
	}
	if (report_period_parse(period, &per, &err) != 0) {
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    buf_str(&err));
		status = 400;
		goto out;
	}
	if (wg != NULL && name.len == 0) {
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    PT(p, "There is no such Working Group."));
		status = 404;
		goto out;
	}
	memset(&f, 0, sizeof(f));
	memset(&rs, 0, sizeof(rs));
	f.wg = wg;
	f.until = per.end;
	f.approved = !reviewer;
	if (store_results_load(p->s, &f, &rs, &err) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
		status = 503;
		goto out;
	}
	for (size_t i = 0; i < rs.nproject; i++) {
		PeriodStand ps;

		results_period_stand(&rs, rs.project[i].id, &per, &ps);
		count[1] += ps.approved;
		count[2] += ps.submitted;
		demo |= ps.demo;
		progress_rows(p, &rs, &rs.project[i], &per, &rows);
	}
	count[0] = (int64_t)rs.nproject;
	progress_summary(p, &per, wg, &name, count, reviewer);
	if (demo)
		html(&p->out, "<p class=\"demo\" role=\"note\">%s</p>\n",
		    PT(p,
			"These results include demonstration records, made "
			"up: not results any project reported."));
	totals_table(p, &rs, &per);
	if (rows.len > 0)
		html(&p->out,
		    "<table class=\"list\"><caption>%s</caption><thead><tr><th "
		    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
		    "scope=\"col\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    PT(p,
			"Approved values of the period and to date, against "
			"the target"),
		    PT(p, "Project"), PT(p, "Reports"), PT(p, "Indicator"),
		    PT(p, "Period"), PT(p, "To date"), PT(p, "Target"),
		    PT(p, "Progress"), buf_str(&rows));
	else
		html(&p->out, "<p>%s</p>\n",
		    wg ? PT(p,
			     "No project of this Working Group has a results "
			     "framework.")
		       : PT(p, "No project has a results framework."));
	result_set_free(&rs);
out:
	buf_free(&rows);
	buf_free(&err);
	buf_free(&name);
	return page_end(p, status);
}
