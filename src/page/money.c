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

void
page_demo_badge(Page *p, Buf *o, int64_t n)
{
	if (n > 0)
		html(o, " <span class=\"badge\">%s</span>", PT(p, "demo"));
}

/*
 * The signs of lang around a number: its grouping separator and its
 * decimal sign, read from ICU's "1,234.5" in it, into group and dec.
 */
static void
number_signs(const char *lang, Buf *group, Buf *dec)
{
	Buf s = BUF_INIT;
	const char *t, *g;

	lang_decimal(&s, lang, 1234.5, 1);
	t = buf_str(&s);
	g = strstr(t, "234");
	if (t[0] == '1' && g != NULL && strchr(g + 3, '5') != NULL) {
		buf_append(group, t + 1, (size_t)(g - t - 1));
		buf_append(dec, g + 3, (size_t)(strchr(g + 3, '5') - g - 3));
	} else {
		buf_puts(group, ",");
		buf_puts(dec, ".");
	}
	buf_free(&s);
}

void
page_num_local(Buf *out, const char *lang, const char *num)
{
	Buf group = BUF_INIT, dec = BUF_INIT;

	if (strcmp(lang, "en") == 0) {
		buf_puts(out, num);
		return;
	}
	number_signs(lang, &group, &dec);
	for (const char *c = num; *c; c++)
		if (*c == ',')
			buf_puts(out, buf_str(&group));
		else if (*c == '.')
			buf_puts(out, buf_str(&dec));
		else
			buf_putc(out, *c);
	buf_free(&group);
	buf_free(&dec);
}

void
page_money_text(Buf *out, const char *lang, int64_t v, int minor)
{
	Buf en = BUF_INIT;

	money_format(v, minor, &en);
	page_num_local(out, lang, buf_str(&en));
	buf_free(&en);
}

void
page_rate_text(Buf *out, const char *lang, int64_t usd_e9)
{
	Buf en = BUF_INIT;

	money_format_rate(usd_e9, &en);
	page_num_local(out, lang, buf_str(&en));
	buf_free(&en);
}

const char *
page_count(const Page *p, Buf *b, int64_t n)
{
	buf_reset(b);
	lang_int(b, p->lang, n);
	return buf_str(b);
}

void
page_date_text(const Page *p, Buf *out, const char *ymd)
{
	if (ymd == NULL || strcmp(p->lang, "en") == 0 || !money_day_ok(ymd))
		buf_puts(out, ymd ? ymd : "");
	else
		lang_date(out, p->lang, ymd);
}

void
page_date(const Page *p, Buf *o, const char *ymd)
{
	Buf d = BUF_INIT;

	if (ymd == NULL || strcmp(p->lang, "en") == 0 || !money_day_ok(ymd)) {
		html(o, "%s", ymd);
		return;
	}
	lang_date(&d, p->lang, ymd);
	html(o, "<time datetime=\"%s\">%s</time>", ymd, buf_str(&d));
	buf_free(&d);
}

void
page_bdi(const Page *p, Buf *o, const char *text)
{
	if (lang_rtl(p->lang))
		html(o, "<bdi>%s</bdi>", text);
	else
		html(o, "%s", text);
}

void
page_usd_cell(Page *p, Buf *o, int64_t cents)
{
	Buf b = BUF_INIT;

	page_money_text(&b, p->lang, cents, 2);
	html(o, "<td class=\"num\">%s</td>", buf_str(&b));
	buf_free(&b);
}

void
page_money_tabs(Page *p, const char *here)
{
	static const char *const tab[][2] = { { "/funding", N_("Funding") },
		{ "/trust-fund", N_("Trust Fund and contributions") },
		{ "/appeals", N_("Appeals") }, { "/rates", N_("Rates") } };

	p->nav = "funding";
	html(&p->out, "<p class=\"tabs\">");
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		html(&p->out, "%S<a href=\"%s\"%S>%s</a>", i ? " · " : "",
		    tab[i][0],
		    strcmp(here, tab[i][0]) == 0 ? " aria-current=\"page\""
						 : "",
		    PT(p, tab[i][1]));
	html(&p->out, "</p>\n");
}

int
page_money_refusal(Page *p, int code, const char *msg)
{
	if (code == COMMIT_BUSY)
		return page_error(p, 503,
		    PT(p, "The database is busy: go back and try again."));
	if (code == COMMIT_FORBIDDEN)
		return page_error(p, 403, msg);
	return page_error(p, code == 400 ? 422 : code, msg);
}

/*
 * May who record money (rates, contributions)?  1; or 0, the reply then
 * the page that says why not (refusal, text).
 */
static int
may_record(Page *p, const char *refusal)
{
	if (money_may_write(&p->who))
		return 1;
	page_error(p, page_signed_in(p) ? 403 : 401, refusal);
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

	Buf n = BUF_INIT;

	(void)minor;
	if (o->no_usd && strcmp(code, "USD") == 0)
		return 0;
	lang_currency_name(&n, o->p->lang, code, name);
	html(&o->p->out, "<option value=\"%s\"%S>%s: %s</option>\n", code,
	    o->selected && strcmp(o->selected, code) == 0 ? " selected" : "",
	    code, buf_str(&n));
	buf_free(&n);
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

/* The groupings of store_funding: key, as a heading, as a link, as a
 * caption. */
static const char *const groupings[][4] = {
	{ "pillar", N_("Pillar"), N_("pillar"), N_("By pillar") },
	{ "entity", N_("Lead entity"), N_("lead entity"),
	    N_("By lead entity") },
	{ "project", N_("Project"), N_("project"), N_("By project") },
	{ "gender", N_("Gender marker"), N_("gender marker"),
	    N_("By gender marker") },
	{ "portfolio", N_("Portfolio"), N_("the whole portfolio"),
	    N_("By the whole portfolio") },
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

/* A pillar's short name looked for in a language (store_pillar_names). */
typedef struct PillarFind {
	const char *key, *lang; /* the pillar, the language */
	Buf *name;              /* its short name there, when found */
} PillarFind;

static int
pillar_find(void *ctx, const PillarName *n)
{
	PillarFind *f = ctx;

	if (strcmp(n->key, f->key) == 0 && strcmp(n->lang, f->lang) == 0)
		buf_set(f->name, n->short_name);
	return 0;
}

/*
 * The group's name in the page's language: a pillar's short name (the
 * funding's are English), "not assessed" of the gender marker; r->name
 * itself otherwise, and in English.  Kept in keep.
 */
static const char *
group_label(FundRows *t, const FundRow *r, Buf *keep)
{
	const char *by = t->f->by;
	Buf err = BUF_INIT;

	buf_set(keep, r->name);
	if (strcmp(t->p->lang, "en") == 0)
		return buf_str(keep);
	if (strcmp(by, "pillar") == 0 && r->key[0] != '\0') {
		PillarFind f = { r->key, t->p->lang, keep };

		store_pillar_names(t->p->s, pillar_find, &f, &err);
	} else if (strcmp(by, "gender") == 0 && r->key[0] == '\0') {
		buf_set(keep, PT(t->p, "not assessed"));
	} else {
		buf_set(keep, lang_group_name(t->p->lang, r->key, r->name));
	}
	buf_free(&err);
	return buf_str(keep);
}

/* The name of a group, as a link to its projects where there is one. */
static void
group_name(FundRows *t, const FundRow *r)
{
	Buf *o = &t->rows;
	const char *by = t->f->by;
	Buf keep = BUF_INIT;
	const char *name = group_label(t, r, &keep);

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
		    r->key, name);
	else if (strcmp(by, "gender") == 0 && r->key[0] != '\0')
		html(o, "%s <small>%s</small>", r->name,
		    page_gender_definition(t->p, atoi(r->key)));
	else
		html(o, "%s", name);
	buf_free(&keep);
}

static void
fund_cells(Page *p, Buf *o, const FundRow *r, int counts)
{
	Buf n = BUF_INIT;

	page_demo_badge(p, o, r->demo);
	html(o, "</th>");
	if (counts) {
		html(o, "<td class=\"num\">%s</td>",
		    page_count(p, &n, r->projects));
		html(o, "<td class=\"num\">%s</td>",
		    page_count(p, &n, r->budgeted));
	}
	page_usd_cell(p, o, r->budget);
	page_usd_cell(p, o, r->received);
	page_usd_cell(p, o, r->shortfall);
	html(o, "</tr>\n");
	buf_free(&n);
}

static int
fund_row(void *ctx, const FundRow *r)
{
	FundRows *t = ctx;

	html(&t->rows, "<tr><th scope=\"row\">");
	group_name(t, r);
	fund_cells(t->p, &t->rows, r, t->counts);
	t->total.projects += r->projects;
	t->total.budgeted += r->budgeted;
	t->total.budget += r->budget;
	t->total.received += r->received;
	t->total.shortfall += r->shortfall;
	t->total.demo += r->demo;
	return 0;
}

/* The note over a table of n projects whose sums count demonstrations. */
static void
fund_demo_note(Page *p, int64_t n)
{
	Buf s = BUF_INIT, c = BUF_INIT;

	buf_printf(&s,
	    PTN(p,
		"The sums of %s of these projects count demonstration "
		"records (budgets, contributions or seed funding made up "
		"for a demonstration): they are not real money.",
		"The sums of %s of these projects count demonstration "
		"records (budgets, contributions or seed funding made up "
		"for a demonstration): they are not real money.",
		(unsigned long)n),
	    page_count(p, &c, n));
	html(&p->out,
	    "<p class=\"demo\" role=\"note\"><span class=\"badge\">%s</span> "
	    "%s</p>\n",
	    PT(p, "demo"), buf_str(&s));
	buf_free(&s);
	buf_free(&c);
}

int
page_fund_table(Page *p, const FundFilter *f, const char *caption)
{
	FundRows t;
	Buf err = BUF_INIT, foot = BUF_INIT, s = BUF_INIT, a = BUF_INIT,
	    b = BUF_INIT;

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
		html(&p->out, "<p>%s</p>\n", PT(p, "No project matches."));
		goto out;
	}
	if (t.total.demo > 0)
		fund_demo_note(p, t.total.demo);
	html(&foot, "<tr><th scope=\"row\">%s", PT(p, "Total"));
	if (!t.counts) {
		buf_printf(&s,
		    PTN(p, "(%s projects, %s with a budget)",
			"(%s projects, %s with a budget)",
			(unsigned long)t.total.projects),
		    page_count(p, &a, t.total.projects),
		    page_count(p, &b, t.total.budgeted));
		html(&foot, " <small>%s</small>", buf_str(&s));
	}
	fund_cells(p, &foot, &t.total, t.counts);
	html(&p->out,
	    "<table class=\"list money\"><caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th>",
	    caption, PT(p, groupings[grouping(f->by)][1]));
	if (t.counts)
		html(&p->out,
		    "<th scope=\"col\" class=\"num\">%s</th><th "
		    "scope=\"col\" class=\"num\">%s</th>",
		    PT(p, "Projects"), PT(p, "With a budget"));
	html(&p->out,
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "</tr></thead>\n<tbody>\n%S</tbody>\n<tfoot>%S</tfoot></table>\n",
	    PT(p, "Budget, USD"), PT(p, "Received, USD"),
	    PT(p, "Shortfall, USD"), buf_str(&t.rows), buf_str(&foot));
out:
	buf_free(&t.rows);
	buf_free(&foot);
	buf_free(&err);
	buf_free(&s);
	buf_free(&a);
	buf_free(&b);
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
	html(&p->out, "<p class=\"tabs\">%s ", PT(p, "Group by:"));
	for (size_t i = 0; i < NGROUPINGS; i++)
		html(&p->out, "%S<a href=\"/funding?by=%s%S\"%S>%s</a>",
		    i ? " · " : "", groupings[i][0], buf_str(q),
		    strcmp(f->by, groupings[i][0]) == 0
			? " aria-current=\"page\""
			: "",
		    PT(p, groupings[i][2]));
	html(&p->out,
	    "</p>\n<form method=\"get\" action=\"/funding\" "
	    "class=\"filters\" aria-label=\"%s\">\n"
	    "<input type=\"hidden\" name=\"by\" value=\"%s\">\n"
	    "<div class=\"field\"><label for=\"f-pillar\">%s</label>\n"
	    "<select id=\"f-pillar\" name=\"pillar\">\n<option "
	    "value=\"\">%s</option>\n",
	    PT(p, "Filter the funding table"), f->by, PT(p, "Pillar"),
	    PT(p, "every pillar"));
	page_pillar_options(p, f->pillar);
	html(&p->out,
	    "</select></div>\n<div class=\"field\"><label "
	    "for=\"f-entity\">%s</label>\n<select id=\"f-entity\" "
	    "name=\"entity\">\n<option value=\"\">%s</option>\n",
	    PT(p, "Lead entity"), PT(p, "every entity"));
	/* No counts: they would be of projects naming the entity, and this
	 * filter is of lead entities. */
	page_entity_options(p, f->entity, 0);
	html(&p->out,
	    "</select></div>\n<div class=\"actions\"><button "
	    "type=\"submit\">%s</button> <a href=\"/funding?by=%s\">%s</a>"
	    "</div>\n</form>\n",
	    PT(p, "Show"), f->by, PT(p, "Clear"));
}

/* The caption of the funding table of f, into cap. */
static void
funding_caption(Page *p, const FundFilter *f, Buf *cap)
{
	const char *by = PT(p, groupings[grouping(f->by)][3]);

	if (f->pillar && f->entity)
		buf_printf(cap, PT(p, "%s, pillar %s, led by %s"), by,
		    f->pillar, f->entity);
	else if (f->pillar)
		buf_printf(cap, PT(p, "%s, pillar %s"), by, f->pillar);
	else if (f->entity)
		buf_printf(cap, PT(p, "%s, led by %s"), by, f->entity);
	else
		buf_puts(cap, by);
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
		    PT(p,
			"Group by project, entity, pillar, gender or "
			"portfolio."));
	fund_filters(&q, &f);
	page_begin(p, PT(p, "Funding"));
	page_money_tabs(p, "/funding");
	html(&p->out, "<p class=\"lead\">%s</p>\n",
	    PT(p,
		"What projects require, what they received (contributions "
		"earmarked for them and seed funding the Programme Review "
		"Board granted) and what they lack, in US dollars at the rate "
		"of each sum's date. A shortfall is a budgeted project's "
		"budget less what it received, never below nothing; a "
		"group's is the sum of its projects'."));
	funding_form(p, &f, &q);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/api/v1/funding?format=csv&amp;"
	    "by=%u%S\">%s</a> <a href=\"/api/v1/funding?by=%u%S\">"
	    "JSON</a></p>\n",
	    f.by, buf_str(&q), PT(p, "Download as CSV"), f.by, buf_str(&q));
	funding_caption(p, &f, &cap);
	if (page_fund_table(p, &f, buf_str(&cap)) != 0)
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	rc = page_end(p, 200);
	buf_free(&q);
	buf_free(&cap);
	return rc;
}

/* --- /trust-fund: donors and contributions ------------------------------- */

typedef struct DonorRows {
	Page *p;
	Buf rows;
	Donor total;
	int64_t n;
} DonorRows;

static void
donor_cells(Page *p, Buf *o, const Donor *d)
{
	Buf n = BUF_INIT;

	page_demo_badge(p, o, d->demo);
	html(o, "</th><td class=\"num\">%s</td>",
	    page_count(p, &n, d->contributions));
	page_usd_cell(p, o, d->earmarked_usd);
	page_usd_cell(p, o, d->usd - d->earmarked_usd);
	page_usd_cell(p, o, d->usd);
	html(o, "</tr>\n");
	buf_free(&n);
}

static int
donor_row(void *ctx, const Donor *d)
{
	DonorRows *t = ctx;
	Buf n = BUF_INIT;

	html(&t->rows, "<tr><td class=\"num\">%s</td><th scope=\"row\">",
	    page_count(t->p, &n, ++t->n));
	page_bdi(t->p, &t->rows, d->name);
	donor_cells(t->p, &t->rows, d);
	t->total.contributions += d->contributions;
	t->total.earmarked_usd += d->earmarked_usd;
	t->total.usd += d->usd;
	t->total.demo += d->demo;
	buf_free(&n);
	return 0;
}

static void
donors_table(Page *p)
{
	DonorRows t;
	Buf err = BUF_INIT, foot = BUF_INIT, s = BUF_INIT, n = BUF_INIT;

	memset(&t, 0, sizeof(t));
	t.p = p;
	if (store_trust_fund_donors(p->s, donor_row, &t, &err) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	} else if (t.n == 0) {
		html(&p->out, "<p>%s</p>\n",
		    PT(p, "No contribution to the Trust Fund is recorded."));
	} else {
		if (t.total.demo > 0) {
			buf_printf(&s,
			    PTN(p,
				"%s of these contributions is a "
				"demonstration record, made up: not money "
				"anyone gave.",
				"%s of these contributions are demonstration "
				"records, made up: not money anyone gave.",
				(unsigned long)t.total.demo),
			    page_count(p, &n, t.total.demo));
			html(&p->out,
			    "<p class=\"demo\" role=\"note\"><span "
			    "class=\"badge\">%s</span> %s</p>\n",
			    PT(p, "demo"), buf_str(&s));
		}
		html(
		    &foot, "<tr><td></td><th scope=\"row\">%s", PT(p, "Total"));
		donor_cells(p, &foot, &t.total);
		html(&p->out,
		    "<table class=\"list money\"><caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\" class=\"num\">%s</th><th "
		    "scope=\"col\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th></tr></thead>\n<tbody>\n%S"
		    "</tbody>\n<tfoot>%S</tfoot></table>\n",
		    PT(p,
			"Contributors to the United Nations Trust Fund for "
			"Counter-Terrorism, in descending order of "
			"contribution"),
		    PT(p, "Rank"), PT(p, "Contributor"), PT(p, "Contributions"),
		    PT(p, "Earmarked, USD"), PT(p, "Unearmarked, USD"),
		    PT(p, "Total, USD"), buf_str(&t.rows), buf_str(&foot));
	}
	buf_free(&t.rows);
	buf_free(&foot);
	buf_free(&err);
	buf_free(&s);
	buf_free(&n);
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

/* The button that deletes contribution c, in its row. */
static void
contribution_delete_button(ContribRows *t, const Contribution *c)
{
	Page *p = t->p;
	Buf *o = &t->rows, s = BUF_INIT;

	html(o,
	    "<td><form method=\"post\" action=\"/trust-fund/"
	    "contributions/%I/delete\" class=\"inline danger\" "
	    "data-confirm=\"%s\">",
	    c->id, PT(p, "Delete this contribution?"));
	buf_printf(&s, PT(p, "contribution %lld"), (long long)c->id);
	html(o,
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	    "<button type=\"submit\">%s<span class=\"visually-hidden\"> %s"
	    "</span></button></form></td>",
	    buf_str(&p->csrf), PT(p, "Delete"), buf_str(&s));
	buf_free(&s);
}

static int
contribution_row(void *ctx, const Contribution *c)
{
	ContribRows *t = ctx;
	Page *p = t->p;
	Buf *o = &t->rows, a = BUF_INIT;

	page_money_text(&a, p->lang, c->m.amount, c->m.minor);
	html(o, "<tr><td class=\"date\">");
	page_date(p, o, c->received);
	html(o, "</td><td>");
	page_bdi(p, o, c->donor);
	page_demo_badge(p, o, c->demo);
	html(o, "</td>");
	if ((t->flags & CT_PROJECT) && c->project)
		html(o, "<td><a href=\"/projects/%I\">%s</a></td>", c->project,
		    c->project_title);
	else if (t->flags & CT_PROJECT)
		html(o, "<td>%s</td>", PT(p, "the Trust Fund, not earmarked"));
	html(o, "<td>%s</td><td>%s</td><td class=\"num\">%s %s</td>",
	    c->trust_fund ? PT(p, "the Trust Fund") : PT(p, "directly"),
	    c->in_kind ? PT(p, "in kind") : PT(p, "cash"), c->m.currency,
	    buf_str(&a));
	page_usd_cell(p, o, c->m.usd);
	html(o, "<td>");
	page_bdi(p, o, c->note);
	html(o, "</td>");
	if (t->flags & CT_DELETE)
		contribution_delete_button(t, c);
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
	Buf err = BUF_INIT, s = BUF_INIT, a = BUF_INIT, b = BUF_INIT;

	if (store_contributions(p->s, f, contribution_row, &t, &err) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	} else if (t.n == 0) {
		html(&p->out, "<p>%s</p>\n",
		    f->project ? PT(p, "No contribution is recorded for it.")
			       : PT(p, "No contribution is recorded."));
	} else {
		if (t.demo > 0) {
			buf_printf(&s,
			    PTN(p,
				"%s of these %s contributions is a "
				"demonstration record, made up.",
				"%s of these %s contributions are "
				"demonstration records, made up.",
				(unsigned long)t.demo),
			    page_count(p, &a, t.demo), page_count(p, &b, t.n));
			html(&p->out,
			    "<p class=\"demo\" role=\"note\"><span "
			    "class=\"badge\">%s</span> %s</p>\n",
			    PT(p, "demo"), buf_str(&s));
		}
		html(&p->out,
		    "<table class=\"list money\"><caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\">%s</th><th "
		    "scope=\"col\">%s</th>",
		    caption, PT(p, "Received"), PT(p, "Donor"));
		if (flags & CT_PROJECT)
			html(
			    &p->out, "<th scope=\"col\">%s</th>", PT(p, "For"));
		html(&p->out,
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
		    "scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">USD</th><th scope=\"col\">%s</th>",
		    PT(p, "Through"), PT(p, "Kind"), PT(p, "Amount"),
		    PT(p, "Note"));
		if (flags & CT_DELETE)
			html(&p->out,
			    "<th scope=\"col\"><span "
			    "class=\"visually-hidden\">%s</span></th>",
			    PT(p, "Delete"));
		html(&p->out, "</tr></thead>\n<tbody>\n%S</tbody></table>\n",
		    buf_str(&t.rows));
	}
	buf_free(&t.rows);
	buf_free(&err);
	buf_free(&s);
	buf_free(&a);
	buf_free(&b);
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
	html(&p->out, "<h2 id=\"record\">%s</h2>\n",
	    PT(p, "Record a contribution"));
	page_form_begin(p, "/trust-fund/contributions", msg);
	html(&p->out,
	    "<p><label for=\"donor\">%s <small>%s</small></label>\n<input "
	    "id=\"donor\" name=\"donor\" required value=\"%s\"%S></p>\n",
	    PT(p, "Donor"),
	    PT(p, "(a Member State, an organisation, or a name as written)"),
	    in->donor, msg ? " autofocus" : "");
	html(&p->out,
	    "<p><label for=\"project\">%s <small>%s</small></label>\n<input "
	    "id=\"project\" name=\"project\" inputmode=\"numeric\" "
	    "value=\"%s\"></p>\n",
	    PT(p, "Project number"),
	    PT(p, "(blank: to the Trust Fund, not earmarked)"), in->project);
	html(&p->out,
	    "<p><label for=\"amount\">%s</label>\n<input id=\"amount\" "
	    "name=\"amount\" required inputmode=\"decimal\" "
	    "placeholder=\"250,000.00\" value=\"%s\"></p>\n<p><label "
	    "for=\"currency\">%s</label>\n",
	    PT(p, "Amount"), in->amount, PT(p, "Currency"));
	page_currency_select(p, "currency", in->currency, 0);
	html(&p->out,
	    "</p>\n<p><label for=\"received\">%s</label>\n<input "
	    "id=\"received\" name=\"received\" type=\"date\" required "
	    "value=\"%s\"></p>\n",
	    PT(p, "Received on"), in->received ? in->received : day);
	page_checkbox(p, "trust_fund", in->trust_fund,
	    PT(p, "through the Trust Fund (a contribution to a project)"));
	page_checkbox(p, "in_kind", in->in_kind, PT(p, "in kind, not cash"));
	html(&p->out,
	    "<p><label for=\"note\">%s</label>\n<textarea id=\"note\" "
	    "name=\"note\" rows=\"2\">%s</textarea></p>\n",
	    PT(p, "Note"), in->note);
	page_checkbox(
	    p, "demo", in->demo, PT(p, "a demonstration record, made up"));
	html(&p->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    PT(p, "Record the contribution"));
}

static int
trust_fund_view(
    Page *p, const ContributionInput *in, const char *msg, int status)
{
	ContributionFilter all;
	int w = money_may_write(&p->who);

	memset(&all, 0, sizeof(all));
	page_begin(p, PT(p, "Trust Fund and contributions"));
	page_money_tabs(p, "/trust-fund");
	html(&p->out, "<p class=\"lead\">%s</p>\n",
	    PT(p,
		"Contributions through the United Nations Trust Fund for "
		"Counter-Terrorism, earmarked for a project or not, and "
		"contributions given to projects directly. Sums in US dollars "
		"at the rate of the day each was received."));
	donors_table(p);
	html(&p->out, "<h2 id=\"contributions\">%s</h2>\n",
	    PT(p, "Contributions"));
	if (w)
		html(&p->out, "<p><a href=\"#record\">%s</a></p>\n",
		    PT(p, "Record a contribution"));
	page_contributions_table(p, &all,
	    PT(p, "Every contribution, latest first"),
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

	if (!may_record(p,
		PT(p, "Only the secretariat and admins record contributions.")))
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
		return page_error(p, 404, PT(p, "There is no such page."));
	if (!may_record(p,
		PT(p, "Only the secretariat and admins record contributions.")))
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
	return page_error(p, 404, PT(p, "There is no such page."));
}

/* --- /rates ------------------------------------------------------------ */

/* The rows of the table of rates. */
typedef struct RateRows {
	Page *p;
	Buf rows;
} RateRows;

static int
rate_row(void *ctx, const char *currency, const char *on_date, int64_t usd_e9,
    const char *source)
{
	RateRows *t = ctx;
	Buf r = BUF_INIT;

	page_rate_text(&r, t->p->lang, usd_e9);
	html(&t->rows, "<tr><th scope=\"row\">%s</th><td class=\"date\">",
	    currency);
	page_date(t->p, &t->rows, on_date);
	html(&t->rows, "</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
	    buf_str(&r), source);
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
	html(&p->out, "<h2 id=\"record\">%s</h2>\n", PT(p, "Record a rate"));
	page_form_begin(p, "/rates", msg);
	html(&p->out, "<p><label for=\"currency\">%s</label>\n",
	    PT(p, "Currency"));
	page_currency_select(
	    p, "currency", in->currency ? in->currency : "EUR", 1);
	html(&p->out,
	    "</p>\n<p><label for=\"rate\">%s <small>%s</small></label>\n"
	    "<input id=\"rate\" name=\"rate\" required inputmode=\"decimal\" "
	    "placeholder=\"1.0843\" value=\"%s\"></p>\n",
	    PT(p, "US dollars a unit"),
	    PT(p, "(up to nine decimals, a point before them)"), in->rate);
	html(&p->out,
	    "<p><label for=\"date\">%s</label>\n<input id=\"date\" "
	    "name=\"date\" type=\"date\" required value=\"%s\"></p>\n"
	    "<p><label for=\"source\">%s</label>\n<input id=\"source\" "
	    "name=\"source\" placeholder=\"%s\" value=\"%s\"></p>\n"
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    PT(p, "Holds from"), in->date ? in->date : day, PT(p, "Source"),
	    PT(p, "UN operational rate of exchange"), in->source,
	    PT(p, "Record the rate"));
}

static int
rates_view(Page *p, const RateInput *in, const char *msg, int status)
{
	RateRows t = { p, BUF_INIT };
	Buf err = BUF_INIT;

	page_begin(p, PT(p, "Rates of exchange"));
	page_money_tabs(p, "/rates");
	html(&p->out, "<p class=\"lead\">%s</p>\n",
	    PT(p,
		"A sum in another currency is converted to US dollars at the "
		"latest rate recorded on or before its date, and keeps that "
		"rate: a later rate changes no past sum."));
	if (store_rates(p->s, NULL, rate_row, &t, &err) != 0)
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	else if (t.rows.len == 0)
		html(&p->out, "<p>%s</p>\n", PT(p, "No rate is recorded."));
	else
		html(&p->out,
		    "<table class=\"list money\"><caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\">%s</th><th "
		    "scope=\"col\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\">%s</th></tr>"
		    "</thead>\n<tbody>\n%S</tbody></table>\n",
		    PT(p, "Rates, by currency, the latest first"),
		    PT(p, "Currency"), PT(p, "From"), PT(p, "USD a unit"),
		    PT(p, "Source"), buf_str(&t.rows));
	if (money_may_write(&p->who))
		rate_form(p, in, msg);
	buf_free(&t.rows);
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
	if (!may_record(
		p, PT(p, "Only the secretariat and admins record rates.")))
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
