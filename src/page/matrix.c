/*
 * matrix.c - the matrix: every project, filtered, sorted, counted, a page
 * of 50 at a time.  The filters are those of the CLI and the API
 * (portfolio/query.h), so the three agree on what a filter means.  The
 * annex of the report (/report/annex.csv, .html, .json, .pdf, .xlsx) is the
 * same view downloaded, with the same filters; so is the portfolio
 * analysis (/report/analysis.EXT), also shown as a page (/analysis) with
 * its sentences, tables and charts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../io/analysis_render.h"
#include "../io/annex_render.h"
#include "page_int.h"

#define MATRIX_PAGE 50

/* The orders of the list, read after "Sort by" (a context: Russian
 * declines them there). */
static const char *const sorts[][2] = {
	{ "pillar", NP_("sort", "pillar and serial") },
	{ "title", NP_("sort", "title") },
	{ "status", NP_("sort", "status") },
	{ "start", NP_("sort", "start date") },
	{ "id", NP_("sort", "newest last") },
};

/* The filter parameters, as GET sends them. */
static const char *const filter_names[] = { "pillar", "entity", "country",
	"region", "status", "search", "sort" };
#define NFILTER (sizeof(filter_names) / sizeof(filter_names[0]))

static const char *
param_get(const void *ctx, const char *name)
{
	return page_param(ctx, name);
}

/* The query string of the current filters, "&"-led, for links. */
static void
filter_query(Page *p, Buf *q)
{
	for (size_t i = 0; i < NFILTER; i++) {
		const char *v = page_param(p, filter_names[i]);

		if (v != NULL)
			html(q, "&amp;%s=%u", filter_names[i], v);
	}
}

/*
 * Whether every parameter is a filter, "page", "lang" (every page's, see
 * page.c), or also, when not NULL, extra: the parameters undeclared are
 * refused, not ignored.
 */
static int
params_known(const Page *p, const char *extra)
{
	for (size_t i = 0; i < p->rq->nparam; i++) {
		const char *name = p->rq->param[i].name;
		size_t j;

		for (j = 0; j < NFILTER; j++)
			if (strcmp(name, filter_names[j]) == 0)
				break;
		if (j == NFILTER && strcmp(name, "page") != 0 &&
		    strcmp(name, "lang") != 0 &&
		    (extra == NULL || strcmp(name, extra) != 0))
			return 0;
	}
	return 1;
}

typedef struct Options {
	Page *p;
	const char *selected;
	const char *kind; /* places: skip others than this kind, or NULL */
} Options;

/* The entities with projects, by key. */
typedef struct Ents {
	StatGroup *g;
	size_t n, cap;
} Ents;

static int
ent_one(void *ctx, const StatGroup *g)
{
	Ents *e = ctx;

	if (e->n == e->cap)
		e->g = xrealloc(
		    e->g, (e->cap = e->cap ? 2 * e->cap : 64) * sizeof(*e->g));
	e->g[e->n].key = xstrdup(g->key);
	e->g[e->n].name = xstrdup(g->name);
	e->g[e->n].count = g->count;
	e->n++;
	return 0;
}

static int
ent_cmp(const void *a, const void *b)
{
	return strcasecmp(
	    ((const StatGroup *)a)->key, ((const StatGroup *)b)->key);
}

void
page_entity_options(Page *p, const char *selected, int counts)
{
	Ents e = { NULL, 0, 0 };
	ProjectFilter all;
	Buf err = BUF_INIT, num = BUF_INIT;
	int64_t total;

	memset(&all, 0, sizeof(all));
	store_stats(p->s, "entity", &all, &total, ent_one, &e, &err);
	qsort(e.g, e.n, sizeof(*e.g), ent_cmp);
	for (size_t i = 0; i < e.n; i++) {
		html(&p->out, "<option value=\"%s\"%S>%s", e.g[i].key,
		    selected && strcasecmp(selected, e.g[i].key) == 0
			? " selected"
			: "",
		    e.g[i].key);
		if (counts)
			html(&p->out, " (%s)", page_num(p, &num, e.g[i].count));
		html(&p->out, "</option>\n");
		free((char *)(uintptr_t)e.g[i].key);
		free((char *)(uintptr_t)e.g[i].name);
	}
	free(e.g);
	buf_free(&err);
	buf_free(&num);
}

static int
place_option(void *ctx, const RefItem *r)
{
	Options *o = ctx;
	const char *v =
	    r->iso3 && strcmp(r->kind, "country") == 0 ? r->iso3 : r->key;

	html(&o->p->out, "<option value=\"%s\"%S>%s</option>\n", v,
	    o->selected && strcasecmp(o->selected, v) == 0 ? " selected" : "",
	    r->name);
	return 0;
}

/* A <select> of the filter form. */
static void
select_begin(Page *p, const char *name, const char *label, const char *any)
{
	html(&p->out,
	    "<div class=\"field\"><label for=\"f-%s\">%s</label>\n"
	    "<select id=\"f-%s\" name=\"%s\">\n<option "
	    "value=\"\">%s</option>\n",
	    name, label, name, name, any);
}

/* The filters' form, sent to action; with the sort when sort_too. */
static void
filter_form(Page *p, const char *action, int sort_too)
{
	Options o = { p, NULL, NULL };
	Buf err = BUF_INIT;
	const char *sort = page_param(p, "sort");

	html(&p->out,
	    "<form method=\"get\" action=\"%s\" class=\"filters\" "
	    "role=\"search\" aria-label=\"%s\">\n"
	    "<div class=\"field wide\"><label for=\"f-search\">%s</label>\n"
	    "<input id=\"f-search\" name=\"search\" type=\"search\" "
	    "value=\"%s\"></div>\n",
	    action, PT(p, "Filter the projects"),
	    PT(p, "Words in the title or activities"), page_param(p, "search"));
	select_begin(p, "pillar", PT(p, "Pillar"), PT(p, "every pillar"));
	page_pillar_options(p, page_param(p, "pillar"));
	html(&p->out, "</select></div>\n");
	select_begin(p, "entity", PT(p, "Entity"), PT(p, "every entity"));
	page_entity_options(p, page_param(p, "entity"), 1);
	html(&p->out, "</select></div>\n");
	select_begin(p, "country", PT(p, "Country"), PT(p, "every country"));
	o.selected = page_param(p, "country");
	store_places(p->s, "country", p->lang, place_option, &o, &err);
	html(&p->out, "</select></div>\n");
	select_begin(p, "region", PT(p, "Region"), PT(p, "every region"));
	o.selected = page_param(p, "region");
	html(&p->out, "<optgroup label=\"%s\">\n", PT(p, "Regions"));
	store_places(p->s, "region", p->lang, place_option, &o, &err);
	store_places(p->s, "subregion", p->lang, place_option, &o, &err);
	html(&p->out, "</optgroup>\n<optgroup label=\"%s\">\n",
	    PT(p, "Groupings"));
	store_places(p->s, "grouping", p->lang, place_option, &o, &err);
	html(&p->out, "</optgroup>\n</select></div>\n");
	select_begin(p, "status", PT(p, "Status"), PT(p, "any status"));
	page_status_options(p, page_param(p, "status"));
	html(&p->out, "</select></div>\n");
	if (sort_too)
		html(&p->out,
		    "<div class=\"field\"><label for=\"f-sort\">%s</label>\n"
		    "<select id=\"f-sort\" name=\"sort\">\n",
		    PT(p, "Sort by"));
	for (size_t i = 0; sort_too && i < sizeof(sorts) / sizeof(sorts[0]);
	     i++)
		html(&p->out, "<option value=\"%s\"%S>%s</option>\n",
		    sorts[i][0],
		    sort && strcmp(sort, sorts[i][0]) == 0 ? " selected" : "",
		    PTP(p, "sort", sorts[i][1]));
	html(&p->out,
	    "%S<div class=\"actions\"><button type=\"submit\">%s</button> "
	    "<a href=\"%s\">%s</a></div>\n</form>\n",
	    sort_too ? "</select></div>\n" : "", PT(p, "Filter"), action,
	    PT(p, "Clear"));
	buf_free(&err);
}

typedef struct Rows {
	Page *p;
	Buf *o; /* where the rows go */
	int64_t n;
} Rows;

static int
row_one(void *ctx, const Project *pr)
{
	Rows *r = ctx;
	Buf *o = r->o;

	html(o, "<tr><td class=\"num\">%s", pr->pillar);
	if (pr->has_serial)
		html(o, ".%I", pr->serial);
	/* Titles and places are data of either direction: isolated. */
	html(o, "</td>\n<td><a href=\"/projects/%I\"><bdi>%s</bdi></a>", pr->id,
	    pr->title);
	if (pr->period_text != NULL)
		html(o, " <span class=\"period\">(<bdi>%s</bdi>)</span>",
		    pr->period_text);
	html(o, "</td>\n<td>");
	page_project_orgs(o, pr);
	html(o, "</td>\n<td><span class=\"status status-%s\">%s</span></td>\n",
	    pr->status ? pr->status : "unknown",
	    pr->status ? page_status_name(r->p, pr->status) : pr->status_text);
	html(o, "<td><bdi>%s</bdi></td></tr>\n", pr->scope_text);
	r->n++;
	return 0;
}

static int
pillar_count(void *ctx, const StatGroup *g)
{
	Page *p = ctx;
	Buf key = BUF_INIT, n = BUF_INIT, num = BUF_INIT;

	html(&key, "%s", g->key);
	html(&n, "<strong>%s</strong>", page_num(p, &num, g->count));
	html(&p->out, "<li>");
	page_markup(
	    &p->out, PT(p, "Pillar %s: %s"), 2, buf_str(&key), buf_str(&n));
	html(&p->out, "</li>\n");
	buf_free(&key);
	buf_free(&n);
	buf_free(&num);
	return 0;
}

/* "Pages 1 2 … 9": links that keep the filters. */
static void
pager(Page *p, int64_t total, int64_t page, const Buf *q)
{
	int64_t last = (total + MATRIX_PAGE - 1) / MATRIX_PAGE;
	Buf b = BUF_INIT, n1 = BUF_INIT, n2 = BUF_INIT;

	if (last <= 1)
		return;
	html(&p->out, "<nav class=\"pager\" aria-label=\"%s\"><ul>\n",
	    PT(p, "Pages"));
	if (page > 1)
		html(&p->out,
		    "<li><a href=\"/?page=%I%S\" "
		    "rel=\"prev\">%s</a></li>\n",
		    page - 1, buf_str(q), PT(p, "Previous"));
	buf_printf(&b, PT(p, "Page %s of %s"), page_num(p, &n1, page),
	    page_num(p, &n2, last));
	html(&p->out, "<li>%s</li>\n", buf_str(&b));
	if (page < last)
		html(&p->out,
		    "<li><a href=\"/?page=%I%S\" rel=\"next\">%s</a></li>\n",
		    page + 1, buf_str(q), PT(p, "Next"));
	html(&p->out, "</ul></nav>\n");
	buf_free(&b);
	buf_free(&n1);
	buf_free(&n2);
}

/*
 * The rows of the projects f selects into rows (the count first needs
 * them all read), *total and *shown set.  0, or -1 when the query failed.
 */
static int
project_rows(
    Page *p, const ProjectFilter *f, Buf *rows, int64_t *total, int64_t *shown)
{
	Rows r = { p, rows, 0 };
	Buf err = BUF_INIT;
	int rc = store_project_list(p->s, f, row_one, &r, total, &err);

	*shown = r.n;
	buf_free(&err);
	return rc;
}

/* After a table's caption: the head, the rows, the end. */
static void
table_rest(Page *p, const Buf *rows)
{
	html(&p->out,
	    "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n"
	    "<tbody>\n%S</tbody>\n</table>\n",
	    PT(p, "No."), PT(p, "Title and period"), PT(p, "Entities"),
	    PT(p, "Status"), PT(p, "Geographical scope"), buf_str(rows));
}

/* "<strong>n</strong>", n as the page's language writes it, into out. */
static const char *
strong_num(Page *p, Buf *out, int64_t n)
{
	Buf num = BUF_INIT;

	buf_reset(out);
	html(out, "<strong>%s</strong>", page_num(p, &num, n));
	buf_free(&num);
	return buf_str(out);
}

/*
 * A table of the projects f selects (all of them, f->limit aside), with
 * caption; the count is in the caption.  0, or -1 when the query failed.
 */
int
page_project_table(Page *p, const ProjectFilter *f, const char *caption)
{
	Buf rows = BUF_INIT, cap = BUF_INIT, n = BUF_INIT;
	int64_t total = 0, shown = 0;
	int rc = project_rows(p, f, &rows, &total, &shown);

	if (rc == 0 && total > 0) {
		html(&cap, "%s", caption);
		html(&p->out, "<table class=\"matrix\">\n<caption>");
		page_markup(&p->out,
		    PTN(p, "%s: %s project", "%s: %s projects",
			(unsigned long)total),
		    2, buf_str(&cap), strong_num(p, &n, total));
		table_rest(p, &rows);
	} else if (rc == 0) {
		buf_printf(&cap, PT(p, "%s: none."), caption);
		html(&p->out, "<p>%s</p>\n", buf_str(&cap));
	}
	buf_free(&rows);
	buf_free(&cap);
	buf_free(&n);
	return rc;
}

/*
 * "Download: CSV · XLSX · HTML · JSON": the report name (annex, analysis)
 * for the filters of the page, exactly as given (sort and page make no
 * difference there), and in lang when it is not NULL.
 */
static void
downloads(Page *p, const char *name, const char *lead, const char *lang)
{
	static const char *const fmts[][2] = { { "csv", "CSV" },
		{ "xlsx", "XLSX" }, { "pdf", "PDF" }, { "html", "HTML" },
		{ "json", "JSON" } };
	Buf q = BUF_INIT;

	for (size_t i = 0; i < NFILTER; i++) {
		const char *v = page_param(p, filter_names[i]);

		if (v != NULL)
			html(&q, "%S%s=%u", q.len ? "&amp;" : "?",
			    filter_names[i], v);
	}
	if (lang != NULL)
		html(&q, "%Slang=%u", q.len ? "&amp;" : "?", lang);
	html(&p->out, "<p class=\"alt downloads\">%s ", lead);
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		html(&p->out, "%S<a href=\"/report/%s.%s%S\"%S>%s</a>",
		    i ? " · " : "", name, fmts[i][0], buf_str(&q),
		    strcmp(fmts[i][0], "html") ? " download" : "", fmts[i][1]);
	html(&p->out, ".</p>\n");
	buf_free(&q);
}

/*
 * /report/NAME.EXT: the report make renders, for the matrix's filters,
 * in ?lang= (English without it: a download is the same for everyone).
 */
static int
report_download(Page *p, const char *ext, const char *name,
    int (*make)(Store *, const ProjectFilter *, const char *, const char *,
	Buf *, Buf *))
{
	const AnnexFormat *fmt = annex_format(ext);
	const char *lang = page_param(p, "lang");
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	Buf err = BUF_INIT, disp = BUF_INIT;
	int rc = 1;

	if (fmt == NULL)
		return page_error(p, 404, PT(p, "There is no such page."));
	if (!params_known(p, NULL))
		return page_error(p, 400,
		    PT(p,
			"The report takes pillar, entity, country, region, "
			"status, search and lang."));
	if (lang != NULL && !lang_ok(lang))
		return page_error(
		    p, 400, PT(p, "lang is one of ar, en, es, fr, ru and zh."));
	lang = p->lang; /* the URL's, else the person's (page.c) */
	memset(&k, 0, sizeof(k));
	query_args_fill(&a, param_get, p);
	if (query_filter(p->s, &a, &f, &k, &err) != 0) {
		const char *m = buf_str(&err);

		rc = page_error(p, 400, m + 2 * (strncmp(m, "--", 2) == 0));
		goto out;
	}
	buf_reset(&p->rp->body);
	if (make(p->s, &f, lang, fmt->name, &p->rp->body, &err) != 0) {
		rc = page_error(p, 500, PT(p, "The report could not be made."));
		goto out;
	}
	p->rp->status = 200;
	p->rp->type = fmt->type;
	buf_printf(&disp, "attachment; filename=\"%s.%s\"", name, fmt->name);
	if (fmt->attachment)
		http_reply_header(p->rp, "Content-Disposition", buf_str(&disp));
	if (strcmp(fmt->name, "html") == 0)
		http_reply_header(p->rp, "Content-Security-Policy",
		    "default-src 'none'; style-src 'unsafe-inline'; "
		    "frame-ancestors 'none'; base-uri 'none'; "
		    "form-action 'none'");
out:
	query_keys_free(&k);
	buf_free(&err);
	buf_free(&disp);
	return rc;
}

int
page_annex(Page *p, const char *ext)
{
	return report_download(p, ext, "annex", annex_report_make);
}

int
page_analysis_file(Page *p, const char *ext)
{
	return report_download(p, ext, "analysis", analysis_report_make);
}

int
page_analysis(Page *p)
{
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	AnalysisReport r;
	Buf err = BUF_INIT;
	int status = 200;

	if (!params_known(p, "lang"))
		return page_error(p, 400,
		    "This page takes pillar, entity, country, region, status, "
		    "search and lang.");
	memset(&k, 0, sizeof(k));
	memset(&r, 0, sizeof(r));
	query_args_fill(&a, param_get, p);
	p->nav = "analysis";
	page_begin(p, PT(p, "Portfolio analysis"));
	filter_form(p, "/analysis", 0);
	if (query_filter(p->s, &a, &f, &k, &err) != 0) {
		const char *m = buf_str(&err);

		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    m + 2 * (strncmp(m, "--", 2) == 0));
		status = 400;
		goto out;
	}
	if (analysis_report_load(p->s, &f, p->lang, &r, &err) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The analysis could not be made."));
		status = 500;
		goto out;
	}
	html(&p->out, "<div id=\"results\" class=\"analysis\">\n");
	analysis_html_body(&r, 2, &p->out);
	downloads(p, "analysis",
	    PT(p, "Download this analysis for these filters:"), p->lang);
	html(&p->out, "</div>\n");
out:
	analysis_report_free(&r);
	query_keys_free(&k);
	buf_free(&err);
	return page_end(p, status);
}

int
page_matrix(Page *p)
{
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	Buf err = BUF_INIT, q = BUF_INIT, off = BUF_INIT, n1 = BUF_INIT;
	Buf n2 = BUF_INIT, n3 = BUF_INIT, link = BUF_INIT;
	const char *pg = page_param(p, "page");
	int64_t page = pg ? strtoll(pg, NULL, 10) : 1, total = 0, ptotal = 0;
	int64_t shown = 0;
	Buf rows = BUF_INIT;
	int status = 200;

	if (!params_known(p, NULL))
		return page_error(p, 400,
		    PT(p,
			"This page takes pillar, entity, country, region, "
			"status, search, sort, page and lang."));
	if (page < 1 || page > 1000000)
		page = 1;
	memset(&k, 0, sizeof(k));
	query_args_fill(&a, param_get, p);
	buf_printf(&off, "%lld", (long long)((page - 1) * MATRIX_PAGE));
	a.limit = "50";
	a.offset = buf_str(&off);
	filter_query(p, &q);
	p->nav = "matrix";
	page_begin(p, PT(p, "The matrix of projects"));
	filter_form(p, "/", 1);
	if (query_filter(p->s, &a, &f, &k, &err) != 0) {
		const char *m = buf_str(&err);

		if (strncmp(m, "--", 2) == 0)
			m += 2;
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n", m);
		status = 400;
		goto out;
	}
	html(&p->out, "<div id=\"results\">\n");
	if (project_rows(p, &f, &rows, &total, &shown) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n</div>\n",
		    PT(p, "The query failed."));
		status = 500;
		goto out;
	}
	html(&p->out, "<table class=\"matrix\">\n<caption>");
	if (total > 0)
		page_markup(&p->out,
		    PTN(p, "%s project, %s to %s shown",
			"%s projects, %s to %s shown", (unsigned long)total),
		    3, strong_num(p, &n1, total),
		    page_num(p, &n2, (page - 1) * MATRIX_PAGE + 1),
		    page_num(p, &n3, (page - 1) * MATRIX_PAGE + shown));
	else
		page_markup(&p->out,
		    PTN(p, "%s project", "%s projects", (unsigned long)total),
		    1, strong_num(p, &n1, total));
	table_rest(p, &rows);
	if (total == 0)
		html(&p->out, "<p>%s</p>\n",
		    PT(p, "No project matches these filters."));
	if (f.pillar == NULL && total > 0) {
		ProjectFilter all = f;

		all.limit = 0;
		all.offset = 0;
		html(&p->out, "<ul class=\"counts\" aria-label=\"%s\">\n",
		    PT(p, "By pillar"));
		store_stats(
		    p->s, "pillar", &all, &ptotal, pillar_count, p, &err);
		html(&p->out, "</ul>\n");
	}
	pager(p, total, page, &q);
	html(&link, "<a href=\"/api/v1/projects?limit=1000%S\">JSON</a>",
	    buf_str(&q));
	html(&p->out, "<p class=\"alt\">");
	page_markup(&p->out, PT(p, "This view as %s."), 1, buf_str(&link));
	html(&p->out, "</p>\n");
	downloads(p, "annex",
	    PT(p, "Download the annex of the report for these filters:"), NULL);
	html(&p->out, "</div>\n");
	if (page_may_write(p))
		html(&p->out,
		    "<p><a class=\"button\" href=\"/projects/new\">%s</a>"
		    "</p>\n",
		    PT(p, "New project"));
out:
	query_keys_free(&k);
	buf_free(&rows);
	buf_free(&err);
	buf_free(&q);
	buf_free(&off);
	buf_free(&n1);
	buf_free(&n2);
	buf_free(&n3);
	buf_free(&link);
	return page_end(p, status);
}
