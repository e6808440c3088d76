/*
 * money.c - the pages of money: /funding (budget, received and shortfall
 * in US dollars by project, lead entity, pillar, gender marker or the
 * whole portfolio), /trust-fund (the Trust Fund's donors, the greatest
 * first, every contribution, and the form that records one), /rates (the
 * rates sums are converted at, and the form that records one), and the
 * pieces the other money pages share (appeals are appeal.c's, a
 * project's money project_money.c's).
 *
 * Money is public to read.  Rates and contributions are recorded by
 * admins and the secretariat (money_may_write); a project's budget and
 * gender marker by who may change the project.  Changes go through
 * io/money_io.c, as the command line's and the API's do, so the three
 * accept, refuse and record alike.  Sums made up for a demonstration are
 * marked "demo" wherever they are listed or added up: `make run` makes
 * some, and they must never pass for real money.
 */
#include <stdlib.h>
#include <string.h>

#include "../io/money_io.h"
#include "../portfolio/money.h"
#include "page_int.h"

/* --- pieces the money pages share ---------------------------------------- */

const char *
page_demo_badge(int64_t n)
{
	return n > 0 ? " <span class=\"badge\">demo</span>" : "";
}

void
page_usd_cell(Buf *o, int64_t cents)
{
	Buf b = BUF_INIT;

	money_format(cents, 2, &b);
	html(o, "<td class=\"num\">%s</td>", buf_str(&b));
	buf_free(&b);
}

void
page_money_tabs(Page *p, const char *here)
{
	static const char *const tab[][2] = { { "/funding", "Funding" },
		{ "/trust-fund", "Trust Fund and contributions" },
		{ "/appeals", "Appeals" }, { "/rates", "Rates" } };

	p->nav = "funding";
	html(&p->out, "<p class=\"tabs\">");
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		html(&p->out, "%S<a href=\"%s\"%S>%s</a>", i ? " · " : "",
		    tab[i][0],
		    strcmp(here, tab[i][0]) == 0 ? " aria-current=\"page\""
						 : "",
		    tab[i][1]);
	html(&p->out, "</p>\n");
}

int
page_money_refusal(Page *p, int code, const char *msg)
{
	if (code == COMMIT_BUSY)
		return page_error(
		    p, 503, "The database is busy: go back and try again.");
	if (code == COMMIT_FORBIDDEN)
		return page_error(p, 403, msg);
	return page_error(p, code == 400 ? 422 : code, msg);
}

/*
 * May who record money (rates, contributions)?  1; or 0, the reply then
 * the page that says why not.
 */
static int
may_record(Page *p, const char *what)
{
	Buf m = BUF_INIT;

	if (money_may_write(&p->who))
		return 1;
	buf_printf(&m, "Only the secretariat and admins record %s.", what);
	page_error(p, page_signed_in(p) ? 403 : 401, buf_str(&m));
	buf_free(&m);
	return 0;
}

typedef struct Options {
	Page *p;
	const char *selected;
	int no_usd; /* leave out the dollar (rates) */
} Options;

static int
currency_option(void *ctx, const char *code, int minor, const char *name)
{
	Options *o = ctx;

	(void)minor;
	if (o->no_usd && strcmp(code, "USD") == 0)
		return 0;
	html(&o->p->out, "<option value=\"%s\"%S>%s: %s</option>\n", code,
	    o->selected && strcmp(o->selected, code) == 0 ? " selected" : "",
	    code, name);
	return 0;
}

void
page_currency_select(Page *p, const char *id, const char *selected, int no_usd)
{
	Options o = { p, selected ? selected : "USD", no_usd };
	Buf err = BUF_INIT;

	html(&p->out, "<select id=\"%s\" name=\"currency\">\n", id);
	store_currencies(p->s, currency_option, &o, &err);
	html(&p->out, "</select>");
	buf_free(&err);
}

void
page_today(char day[11])
{
	Buf now = BUF_INIT;

	store_now(&now);
	snprintf(day, 11, "%.10s", buf_str(&now));
	buf_free(&now);
}

int
page_fund_keep(void *ctx, const FundRow *r)
{
	*(FundRow *)ctx = *r;
	return 0;
}

/* --- the funding table ---------------------------------------------------- */

/* The groupings of store_funding: key, as a heading, in a sentence. */
static const char *const groupings[][3] = {
	{ "pillar", "Pillar", "pillar" },
	{ "entity", "Lead entity", "lead entity" },
	{ "project", "Project", "project" },
	{ "gender", "Gender marker", "gender marker" },
	{ "portfolio", "Portfolio", "the whole portfolio" },
};
#define NGROUPINGS (sizeof(groupings) / sizeof(groupings[0]))

/* The index of grouping by in groupings (by is known). */
static size_t
grouping(const char *by)
{
	size_t i;

	for (i = 0; i + 1 < NGROUPINGS; i++)
		if (strcmp(groupings[i][0], by) == 0)
			break;
	return i;
}

typedef struct FundRows {
	Page *p;
	const FundFilter *f;
	Buf rows;
	FundRow total;
	int counts; /* columns of counts (not for a row a project) */
} FundRows;

/* The name of a group, as a link to its projects where there is one. */
static void
group_name(FundRows *t, const FundRow *r)
{
	Buf *o = &t->rows;
	const char *by = t->f->by;

	if (strcmp(by, "project") == 0)
		html(o, "<a href=\"/projects/%u\">%s</a>", r->key, r->name);
	else if (strcmp(by, "entity") == 0 && r->key[0] != '\0')
		html(o,
		    "<a href=\"/funding?by=project&amp;entity=%u%S%u\">%s</a>",
		    r->key, t->f->pillar ? "&amp;pillar=" : "", t->f->pillar,
		    r->name);
	else if (strcmp(by, "pillar") == 0 && r->key[0] != '\0')
		html(o,
		    "<a href=\"/funding?by=project&amp;pillar=%u%S%u\">%s: "
		    "%s</a>",
		    r->key, t->f->entity ? "&amp;entity=" : "", t->f->entity,
		    r->key, r->name);
	else if (strcmp(by, "gender") == 0 && r->key[0] != '\0')
		html(o, "%s <small>%s</small>", r->name,
		    gender_definition(atoi(r->key)));
	else
		html(o, "%s", r->name);
}

static void
fund_cells(Buf *o, const FundRow *r, int counts)
{
	html(o, "%S</th>", page_demo_badge(r->demo));
	if (counts)
		html(o, "<td class=\"num\">%N</td><td class=\"num\">%N</td>",
		    r->projects, r->budgeted);
	page_usd_cell(o, r->budget);
	page_usd_cell(o, r->received);
	page_usd_cell(o, r->shortfall);
	html(o, "</tr>\n");
}

static int
fund_row(void *ctx, const FundRow *r)
{
	FundRows *t = ctx;

	html(&t->rows, "<tr><th scope=\"row\">");
	group_name(t, r);
	fund_cells(&t->rows, r, t->counts);
	t->total.projects += r->projects;
	t->total.budgeted += r->budgeted;
	t->total.budget += r->budget;
	t->total.received += r->received;
	t->total.shortfall += r->shortfall;
	t->total.demo += r->demo;
	return 0;
}

int
page_fund_table(Page *p, const FundFilter *f, const char *caption)
{
	FundRows t;
	Buf err = BUF_INIT, foot = BUF_INIT;

	memset(&t, 0, sizeof(t));
	t.p = p;
	t.f = f;
	t.counts = strcmp(f->by, "project") != 0;
	if (store_funding(p->s, f, fund_row, &t, &err) != 0) {
		buf_free(&t.rows);
		buf_free(&err);
		return -1;
	}
	if (t.total.projects == 0) {
		html(&p->out, "<p>No project matches.</p>\n");
		goto out;
	}
	if (t.total.demo > 0)
		html(&p->out,
		    "<p class=\"demo\" role=\"note\"><span "
		    "class=\"badge\">demo</span> The sums of %N of these "
		    "projects count demonstration records (budgets, "
		    "contributions or seed funding made up for a "
		    "demonstration): they are not real money.</p>\n",
		    t.total.demo);
	html(&foot, "<tr><th scope=\"row\">Total");
	if (!t.counts)
		html(&foot, " <small>(%N projects, %N with a budget)</small>",
		    t.total.projects, t.total.budgeted);
	fund_cells(&foot, &t.total, t.counts);
	html(&p->out,
	    "<table class=\"list money\"><caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th>%S<th scope=\"col\" "
	    "class=\"num\">Budget, USD</th><th scope=\"col\" "
	    "class=\"num\">Received, USD</th><th scope=\"col\" "
	    "class=\"num\">Shortfall, USD</th></tr></thead>\n<tbody>\n%S"
	    "</tbody>\n<tfoot>%S</tfoot></table>\n",
	    caption, groupings[grouping(f->by)][1],
	    t.counts ? "<th scope=\"col\" class=\"num\">Projects</th><th "
		       "scope=\"col\" class=\"num\">With a budget</th>"
		     : "",
	    buf_str(&t.rows), buf_str(&foot));
out:
	buf_free(&t.rows);
	buf_free(&foot);
	buf_free(&err);
	return 0;
}

/* --- /funding ---------------------------------------------------------- */

/* "pillar=II&amp;entity=UNODC": the filters of f, for links. */
static void
fund_filters(Buf *q, const FundFilter *f)
{
	if (f->pillar)
		html(q, "&amp;pillar=%u", f->pillar);
	if (f->entity)
		html(q, "&amp;entity=%u", f->entity);
}

static void
funding_form(Page *p, const FundFilter *f, const Buf *q)
{
	html(&p->out, "<p class=\"tabs\">Group by: ");
	for (size_t i = 0; i < NGROUPINGS; i++)
		html(&p->out, "%S<a href=\"/funding?by=%s%S\"%S>%s</a>",
		    i ? " · " : "", groupings[i][0], buf_str(q),
		    strcmp(f->by, groupings[i][0]) == 0
			? " aria-current=\"page\""
			: "",
		    groupings[i][2]);
	html(&p->out,
	    "</p>\n<form method=\"get\" action=\"/funding\" "
	    "class=\"filters\" aria-label=\"Filter the funding table\">\n"
	    "<input type=\"hidden\" name=\"by\" value=\"%s\">\n"
	    "<div class=\"field\"><label for=\"f-pillar\">Pillar</label>\n"
	    "<select id=\"f-pillar\" name=\"pillar\">\n<option "
	    "value=\"\">every pillar</option>\n",
	    f->by);
	page_pillar_options(p, f->pillar);
	html(&p->out,
	    "</select></div>\n<div class=\"field\"><label "
	    "for=\"f-entity\">Lead entity</label>\n<select id=\"f-entity\" "
	    "name=\"entity\">\n<option value=\"\">every entity</option>\n");
	/* No counts: they would be of projects naming the entity, and this
	 * filter is of lead entities. */
	page_entity_options(p, f->entity, 0);
	html(&p->out,
	    "</select></div>\n<div class=\"actions\"><button "
	    "type=\"submit\">Show</button> <a href=\"/funding?by=%s\">Clear</a>"
	    "</div>\n</form>\n",
	    f->by);
}

int
page_funding(Page *p)
{
	FundFilter f;
	Buf q = BUF_INIT, cap = BUF_INIT;
	int rc;

	memset(&f, 0, sizeof(f));
	f.by = page_param(p, "by") ? page_param(p, "by") : "pillar";
	f.pillar = page_param(p, "pillar");
	f.entity = page_param(p, "entity");
	if (!store_fund_by_known(f.by))
		return page_error(p, 400,
		    "Group by project, entity, pillar, gender or portfolio.");
	fund_filters(&q, &f);
	page_begin(p, "Funding");
	page_money_tabs(p, "/funding");
	html(&p->out,
	    "<p class=\"lead\">What projects require, what they received "
	    "(contributions earmarked for them and seed funding the "
	    "Programme Review Board granted) and what they lack, in US "
	    "dollars at the rate of each sum's date. A shortfall is a "
	    "budgeted project's budget less what it received, never below "
	    "nothing; a group's is the sum of its projects'.</p>\n");
	funding_form(p, &f, &q);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/api/v1/funding?format=csv&amp;"
	    "by=%u%S\">Download as CSV</a> <a href=\"/api/v1/funding?by=%u%S\">"
	    "JSON</a></p>\n",
	    f.by, buf_str(&q), f.by, buf_str(&q));
	buf_printf(&cap, "By %s%s%s%s%s", groupings[grouping(f.by)][2],
	    f.pillar ? ", pillar " : "", f.pillar ? f.pillar : "",
	    f.entity ? ", led by " : "", f.entity ? f.entity : "");
	if (page_fund_table(p, &f, buf_str(&cap)) != 0)
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
	rc = page_end(p, 200);
	buf_free(&q);
	buf_free(&cap);
	return rc;
}

/* --- /trust-fund: donors and contributions ------------------------------- */

typedef struct DonorRows {
	Buf rows;
	Donor total;
	int64_t n;
} DonorRows;

static void
donor_cells(Buf *o, const Donor *d)
{
	html(o, "%S</th><td class=\"num\">%N</td>", page_demo_badge(d->demo),
	    d->contributions);
	page_usd_cell(o, d->earmarked_usd);
	page_usd_cell(o, d->usd - d->earmarked_usd);
	page_usd_cell(o, d->usd);
	html(o, "</tr>\n");
}

static int
donor_row(void *ctx, const Donor *d)
{
	DonorRows *t = ctx;

	html(&t->rows, "<tr><td class=\"num\">%I</td><th scope=\"row\">%s",
	    ++t->n, d->name);
	donor_cells(&t->rows, d);
	t->total.contributions += d->contributions;
	t->total.earmarked_usd += d->earmarked_usd;
	t->total.usd += d->usd;
	t->total.demo += d->demo;
	return 0;
}

static void
donors_table(Page *p)
{
	DonorRows t;
	Buf err = BUF_INIT, foot = BUF_INIT;

	memset(&t, 0, sizeof(t));
	if (store_trust_fund_donors(p->s, donor_row, &t, &err) != 0) {
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
	} else if (t.n == 0) {
		html(&p->out,
		    "<p>No contribution to the Trust Fund is recorded.</p>\n");
	} else {
		if (t.total.demo > 0)
			html(&p->out,
			    "<p class=\"demo\" role=\"note\"><span "
			    "class=\"badge\">demo</span> %N of these "
			    "contributions are demonstration records, made up: "
			    "not money anyone gave.</p>\n",
			    t.total.demo);
		html(&foot, "<tr><td></td><th scope=\"row\">Total");
		donor_cells(&foot, &t.total);
		html(&p->out,
		    "<table class=\"list money\"><caption>Contributors to the "
		    "United Nations Trust Fund for Counter-Terrorism, in "
		    "descending order of contribution</caption>\n<thead><tr>"
		    "<th scope=\"col\" class=\"num\">Rank</th><th "
		    "scope=\"col\">Contributor</th><th scope=\"col\" "
		    "class=\"num\">Contributions</th><th scope=\"col\" "
		    "class=\"num\">Earmarked, USD</th><th scope=\"col\" "
		    "class=\"num\">Unearmarked, USD</th><th scope=\"col\" "
		    "class=\"num\">Total, USD</th></tr></thead>\n<tbody>\n%S"
		    "</tbody>\n<tfoot>%S</tfoot></table>\n",
		    buf_str(&t.rows), buf_str(&foot));
	}
	buf_free(&t.rows);
	buf_free(&foot);
	buf_free(&err);
}

typedef struct ContribRows {
	Page *p;
	Buf rows;
	int n, demo;
	int flags; /* CT_* */
} ContribRows;

enum {
	CT_PROJECT = 1, /* a column of the project it is for */
	CT_DELETE = 2   /* a button that deletes it */
};

static int
contribution_row(void *ctx, const Contribution *c)
{
	ContribRows *t = ctx;
	Buf *o = &t->rows, a = BUF_INIT;

	money_format(c->m.amount, c->m.minor, &a);
	html(o, "<tr><td class=\"date\">%s</td><td>%s%S</td>", c->received,
	    c->donor, page_demo_badge(c->demo));
	if ((t->flags & CT_PROJECT) && c->project)
		html(o, "<td><a href=\"/projects/%I\">%s</a></td>", c->project,
		    c->project_title);
	else if (t->flags & CT_PROJECT)
		html(o, "<td>the Trust Fund, not earmarked</td>");
	html(o, "<td>%s</td><td>%s</td><td class=\"num\">%s %s</td>",
	    c->trust_fund ? "the Trust Fund" : "directly",
	    c->in_kind ? "in kind" : "cash", c->m.currency, buf_str(&a));
	page_usd_cell(o, c->m.usd);
	html(o, "<td>%s</td>", c->note);
	if (t->flags & CT_DELETE) {
		html(o,
		    "<td><form method=\"post\" action=\"/trust-fund/"
		    "contributions/%I/delete\" class=\"inline danger\" "
		    "data-confirm=\"Delete this contribution?\">",
		    c->id);
		html(o,
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
		    "<button type=\"submit\">Delete<span "
		    "class=\"visually-hidden\"> contribution %I</span>"
		    "</button></form></td>",
		    buf_str(&t->p->csrf), c->id);
	}
	html(o, "</tr>\n");
	t->n++;
	t->demo += c->demo;
	buf_free(&a);
	return 0;
}

/* The contributions f selects, as a table under caption. */
void
page_contributions_table(
    Page *p, const ContributionFilter *f, const char *caption, int flags)
{
	ContribRows t = { p, BUF_INIT, 0, 0, flags };
	Buf err = BUF_INIT;

	if (store_contributions(p->s, f, contribution_row, &t, &err) != 0) {
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
	} else if (t.n == 0) {
		html(&p->out, "<p>No contribution is recorded%S.</p>\n",
		    f->project ? " for it" : "");
	} else {
		if (t.demo > 0)
			html(&p->out,
			    "<p class=\"demo\" role=\"note\"><span "
			    "class=\"badge\">demo</span> %d of these %d "
			    "contributions %S, made up.</p>\n",
			    t.demo, t.n,
			    t.demo == 1 ? "is a demonstration record"
					: "are demonstration records");
		html(&p->out,
		    "<table class=\"list money\"><caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\">Received</th><th "
		    "scope=\"col\">Donor</th>%S<th scope=\"col\">Through</th>"
		    "<th scope=\"col\">Kind</th><th scope=\"col\" "
		    "class=\"num\">Amount</th><th scope=\"col\" "
		    "class=\"num\">USD</th><th scope=\"col\">Note</th>%S</tr>"
		    "</thead>\n<tbody>\n%S</tbody></table>\n",
		    caption,
		    flags & CT_PROJECT ? "<th scope=\"col\">For</th>" : "",
		    flags & CT_DELETE
			? "<th scope=\"col\"><span "
			  "class=\"visually-hidden\">Delete</span>"
			  "</th>"
			: "",
		    buf_str(&t.rows));
	}
	buf_free(&t.rows);
	buf_free(&err);
}

void
page_checkbox(Page *p, const char *name, int checked, const char *label)
{
	html(&p->out,
	    "<p><label class=\"check\"><input type=\"checkbox\" name=\"%s\" "
	    "value=\"1\"%S> %s</label></p>\n",
	    name, checked ? " checked" : "", label);
}

/*
 * The form that records a contribution, keeping what in says.  After a
 * refusal it is far down the page: the cursor goes to it (autofocus).
 */
static void
contribution_form(Page *p, const ContributionInput *in, const char *msg)
{
	char day[11];

	page_today(day);
	html(&p->out, "<h2 id=\"record\">Record a contribution</h2>\n");
	page_form_begin(p, "/trust-fund/contributions", msg);
	html(&p->out,
	    "<p><label for=\"donor\">Donor <small>(a Member State, an "
	    "organisation, or a name as written)</small></label>\n<input "
	    "id=\"donor\" name=\"donor\" required value=\"%s\"%S></p>\n"
	    "<p><label for=\"project\">Project number <small>(blank: to the "
	    "Trust Fund, not earmarked)</small></label>\n<input id=\"project\" "
	    "name=\"project\" inputmode=\"numeric\" value=\"%s\"></p>\n"
	    "<p><label for=\"amount\">Amount</label>\n<input id=\"amount\" "
	    "name=\"amount\" required inputmode=\"decimal\" "
	    "placeholder=\"250,000.00\" value=\"%s\"></p>\n<p><label "
	    "for=\"currency\">Currency</label>\n",
	    in->donor, msg ? " autofocus" : "", in->project, in->amount);
	page_currency_select(p, "currency", in->currency, 0);
	html(&p->out,
	    "</p>\n<p><label for=\"received\">Received on</label>\n<input "
	    "id=\"received\" name=\"received\" type=\"date\" required "
	    "value=\"%s\"></p>\n",
	    in->received ? in->received : day);
	page_checkbox(p, "trust_fund", in->trust_fund,
	    "through the Trust Fund (a contribution to a project)");
	page_checkbox(p, "in_kind", in->in_kind, "in kind, not cash");
	html(&p->out,
	    "<p><label for=\"note\">Note</label>\n<textarea id=\"note\" "
	    "name=\"note\" rows=\"2\">%s</textarea></p>\n",
	    in->note);
	page_checkbox(p, "demo", in->demo, "a demonstration record, made up");
	html(&p->out,
	    "<p><button type=\"submit\">Record the contribution</button></p>\n"
	    "</form>\n");
}

static int
trust_fund_view(
    Page *p, const ContributionInput *in, const char *msg, int status)
{
	ContributionFilter all;
	int w = money_may_write(&p->who);

	memset(&all, 0, sizeof(all));
	page_begin(p, "Trust Fund and contributions");
	page_money_tabs(p, "/trust-fund");
	html(&p->out,
	    "<p class=\"lead\">Contributions through the United Nations "
	    "Trust Fund for Counter-Terrorism, earmarked for a project or "
	    "not, and contributions given to projects directly. Sums in US "
	    "dollars at the rate of the day each was received.</p>\n");
	donors_table(p);
	html(&p->out, "<h2 id=\"contributions\">Contributions</h2>\n");
	if (w)
		html(&p->out,
		    "<p><a href=\"#record\">Record a contribution</a></p>\n");
	page_contributions_table(p, &all, "Every contribution, latest first",
	    CT_PROJECT | (w ? CT_DELETE : 0));
	if (w)
		contribution_form(p, in, msg);
	return page_end(p, status);
}

static int
contribution_post(Page *p)
{
	ContributionInput in;
	Buf msg = BUF_INIT;
	int64_t id;
	int code, rc;

	if (!may_record(p, "contributions"))
		return 1;
	memset(&in, 0, sizeof(in));
	in.donor = page_field(p, "donor");
	in.project = page_field(p, "project");
	in.amount = page_field(p, "amount");
	in.currency = page_field(p, "currency");
	in.received = page_field(p, "received");
	in.trust_fund = page_field(p, "trust_fund") != NULL;
	in.in_kind = page_field(p, "in_kind") != NULL;
	in.note = page_field(p, "note");
	in.demo = page_field(p, "demo") != NULL;
	code = contribution_commit(p->s, &p->who, &in, &id, &msg);
	if (code == COMMIT_CREATED)
		rc = page_redirect(p, "/trust-fund#contributions");
	else if (code == 400 || code == COMMIT_NOT_FOUND)
		rc = trust_fund_view(p, &in, buf_str(&msg), 422);
	else
		rc = page_money_refusal(p, code, buf_str(&msg));
	buf_free(&msg);
	return rc;
}

static int
contribution_delete(Page *p, const char *id)
{
	Buf msg = BUF_INIT;
	char *end;
	long long n = strtoll(id, &end, 10);
	int code, rc;

	if (n <= 0 || strcmp(end, "/delete") != 0)
		return page_error(p, 404, "There is no such page.");
	if (!may_record(p, "contributions"))
		return 1;
	code = contribution_delete_commit(p->s, &p->who, n, &msg);
	rc = code == COMMIT_DELETED
	    ? page_redirect(p, "/trust-fund#contributions")
	    : page_money_refusal(p, code, buf_str(&msg));
	buf_free(&msg);
	return rc;
}

int
page_trust_fund(Page *p, const char *rest)
{
	ContributionInput in;
	int post = strcmp(p->rq->method, "POST") == 0;

	memset(&in, 0, sizeof(in));
	in.project = page_param(p, "project");
	if (*rest == '\0' && !post)
		return trust_fund_view(p, &in, NULL, 200);
	if (strcmp(rest, "contributions") == 0 && post)
		return contribution_post(p);
	if (strncmp(rest, "contributions/", 14) == 0 && post)
		return contribution_delete(p, rest + 14);
	return page_error(p, 404, "There is no such page.");
}

/* --- /rates ------------------------------------------------------------ */

static int
rate_row(void *ctx, const char *currency, const char *on_date, int64_t usd_e9,
    const char *source)
{
	Buf r = BUF_INIT;

	money_format_rate(usd_e9, &r);
	html(ctx,
	    "<tr><th scope=\"row\">%s</th><td class=\"date\">%s</td><td "
	    "class=\"num\">%s</td><td>%s</td></tr>\n",
	    currency, on_date, buf_str(&r), source);
	buf_free(&r);
	return 0;
}

/* What a person gives of a rate, as text. */
typedef struct RateInput {
	const char *currency, *rate, *date, *source;
} RateInput;

static void
rate_form(Page *p, const RateInput *in, const char *msg)
{
	char day[11];

	page_today(day);
	html(&p->out, "<h2 id=\"record\">Record a rate</h2>\n");
	page_form_begin(p, "/rates", msg);
	html(&p->out, "<p><label for=\"currency\">Currency</label>\n");
	page_currency_select(
	    p, "currency", in->currency ? in->currency : "EUR", 1);
	html(&p->out,
	    "</p>\n<p><label for=\"rate\">US dollars a unit <small>(up to "
	    "nine decimals, a point before them)</small></label>\n<input "
	    "id=\"rate\" name=\"rate\" required inputmode=\"decimal\" "
	    "placeholder=\"1.0843\" value=\"%s\"></p>\n<p><label "
	    "for=\"date\">Holds from</label>\n<input id=\"date\" name=\"date\" "
	    "type=\"date\" required value=\"%s\"></p>\n<p><label "
	    "for=\"source\">Source</label>\n<input id=\"source\" "
	    "name=\"source\" placeholder=\"UN operational rate of exchange\" "
	    "value=\"%s\"></p>\n<p><button type=\"submit\">Record the "
	    "rate</button></p>\n</form>\n",
	    in->rate, in->date ? in->date : day, in->source);
}

static int
rates_view(Page *p, const RateInput *in, const char *msg, int status)
{
	Buf rows = BUF_INIT, err = BUF_INIT;

	page_begin(p, "Rates of exchange");
	page_money_tabs(p, "/rates");
	html(&p->out,
	    "<p class=\"lead\">A sum in another currency is converted to US "
	    "dollars at the latest rate recorded on or before its date, and "
	    "keeps that rate: a later rate changes no past sum.</p>\n");
	if (store_rates(p->s, NULL, rate_row, &rows, &err) != 0)
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
	else if (rows.len == 0)
		html(&p->out, "<p>No rate is recorded.</p>\n");
	else
		html(&p->out,
		    "<table class=\"list money\"><caption>Rates, by currency, "
		    "the latest first</caption>\n<thead><tr><th "
		    "scope=\"col\">Currency</th><th scope=\"col\">From</th>"
		    "<th scope=\"col\" class=\"num\">USD a unit</th><th "
		    "scope=\"col\">Source</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    buf_str(&rows));
	if (money_may_write(&p->who))
		rate_form(p, in, msg);
	buf_free(&rows);
	buf_free(&err);
	return page_end(p, status);
}

int
page_rates(Page *p)
{
	RateInput in;
	Buf msg = BUF_INIT;
	int code, rc;

	memset(&in, 0, sizeof(in));
	if (strcmp(p->rq->method, "POST") != 0)
		return rates_view(p, &in, NULL, 200);
	if (!may_record(p, "rates"))
		return 1;
	in.currency = page_field(p, "currency");
	in.rate = page_field(p, "rate");
	in.date = page_field(p, "date");
	in.source = page_field(p, "source");
	code = rate_commit(
	    p->s, &p->who, in.currency, in.rate, in.date, in.source, &msg);
	if (code == COMMIT_OK)
		rc = page_redirect(p, "/rates");
	else if (code == 400)
		rc = rates_view(p, &in, buf_str(&msg), 422);
	else
		rc = page_money_refusal(p, code, buf_str(&msg));
	buf_free(&msg);
	return rc;
}
