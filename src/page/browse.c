/*
 * browse.c - the organisations, the countries (who does what there), and
 * the data-quality findings.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "page_int.h"

/* Counts of a statistics query by group key. */
static int
count_one(void *ctx, const StatGroup *g)
{
	strmap_put(ctx, g->key, g->count);
	return 0;
}

/* One reference item looked for by key, copied out. */
typedef struct Find {
	const char *key;
	int by_iso3;
	char *name, *kind, *parent, *iso3, *found_key;
} Find;

static int
find_one(void *ctx, const RefItem *r)
{
	Find *f = ctx;
	const char *k = f->by_iso3 ? r->iso3 : r->key;

	if (f->name != NULL || k == NULL || strcasecmp(k, f->key) != 0)
		return 0;
	f->name = xstrdup(r->name);
	f->kind = r->kind ? xstrdup(r->kind) : NULL;
	f->parent = r->parent ? xstrdup(r->parent) : NULL;
	f->iso3 = r->iso3 ? xstrdup(r->iso3) : NULL;
	f->found_key = xstrdup(r->key);
	return 1;
}

static void
find_free(Find *f)
{
	free(f->name);
	free(f->kind);
	free(f->parent);
	free(f->iso3);
	free(f->found_key);
}

/* --- organisations ---------------------------------------------------- */

/* The kinds of organisation (organisations.json's "type"), as said. */
static const char *const org_kinds[][2] = {
	{ "un-entity", N_("UN entity") },
	{ "igo", N_("intergovernmental organization") },
	{ "civil-society", N_("civil society") },
	{ "member-state", N_("Member State") },
	{ "other", N_("other") },
};

/* The kind of organisation key in the page's language; key if unknown. */
static const char *
org_kind(const Page *p, const char *key)
{
	for (size_t i = 0; key && i < sizeof(org_kinds) / sizeof(org_kinds[0]);
	     i++)
		if (strcmp(key, org_kinds[i][0]) == 0)
			return PT(p, org_kinds[i][1]);
	return key ? key : "";
}

typedef struct OrgList {
	Page *p;
	Buf rows; /* the table's rows, written before its head */
	StrMap counts;
	const char *parent; /* list only the sub-units of this key, or NULL */
	int n;
} OrgList;

static int
org_row(void *ctx, const RefItem *r)
{
	OrgList *l = ctx;
	Buf num = BUF_INIT;
	int64_t n = 0;

	if (l->parent != NULL &&
	    (r->parent == NULL || strcmp(r->parent, l->parent) != 0))
		return 0;
	strmap_get(&l->counts, r->key, &n);
	html(&l->rows,
	    "<tr><td><a href=\"/organisations/%u\">%s</a></td><td><bdi>%s"
	    "</bdi></td>"
	    "<td>%s</td><td class=\"num\">%s</td></tr>\n",
	    r->key, r->key, r->name, org_kind(l->p, r->kind),
	    page_num(l->p, &num, n));
	buf_free(&num);
	l->n++;
	return 0;
}

static void
org_table(Page *p, OrgList *l, const char *caption)
{
	Buf err = BUF_INIT;

	buf_reset(&l->rows);
	l->n = 0;
	store_organisations(p->s, p->lang, org_row, l, &err);
	if (l->n > 0)
		html(&p->out,
		    "<table class=\"list\">\n<caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
		    "%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    caption, PT(p, "Key"), PT(p, "Name"), PT(p, "Type"),
		    PT(p, "Projects"), buf_str(&l->rows));
	buf_free(&err);
}

int
page_organisations(Page *p, const char *key)
{
	OrgList l = { p, BUF_INIT, { NULL, 0, 0 }, NULL, 0 };
	Find f;
	ProjectFilter pf;
	Buf err = BUF_INIT, link = BUF_INIT;
	int64_t total = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	memset(&pf, 0, sizeof(pf));
	p->nav = "organisations";
	store_stats(p->s, "entity", &pf, &total, count_one, &l.counts, &err);
	if (key == NULL) {
		page_begin(p, PT(p, "Organisations"));
		html(&p->out, "<p>%s</p>\n",
		    PT(p,
			"The entities of the Global Counter-Terrorism "
			"Coordination Compact and the others the matrix "
			"names, with their projects (a parent's count "
			"includes its sub-units')."));
		org_table(p, &l, PT(p, "Every organisation"));
		rc = page_end(p, 200);
		goto out;
	}
	f.key = key;
	store_organisations(p->s, p->lang, find_one, &f, &err);
	if (f.name == NULL) {
		rc =
		    page_error(p, 404, PT(p, "There is no such organisation."));
		goto out;
	}
	page_begin(p, f.name);
	html(&p->out, "<p class=\"lead\">%s", f.found_key);
	if (f.kind)
		html(&p->out, " · %s", org_kind(p, f.kind));
	if (f.parent) {
		html(&link, "<a href=\"/organisations/%u\">%s</a>", f.parent,
		    f.parent);
		html(&p->out, " · ");
		page_markup(&p->out, PT(p, "part of %s"), 1, buf_str(&link));
	}
	html(&p->out, " · <a href=\"/?entity=%u\">%s</a></p>\n", f.found_key,
	    PT(p, "its projects in the matrix"));
	pf.entity = f.found_key;
	page_entity_pillar(p, &pf, PT(p, "Its projects by pillar"));
	l.parent = f.found_key;
	org_table(p, &l, PT(p, "Its sub-units"));
	page_project_table(p, &pf, PT(p, "Its projects"));
	rc = page_end(p, 200);
out:
	strmap_free(&l.counts);
	buf_free(&l.rows);
	find_free(&f);
	buf_free(&err);
	buf_free(&link);
	return rc;
}

/* --- countries -------------------------------------------------------- */

typedef struct CountryList {
	Page *p;
	StrMap counts;
	int with_projects; /* only countries with projects */
} CountryList;

static int
country_row(void *ctx, const RefItem *r)
{
	CountryList *l = ctx;
	Buf num = BUF_INIT;
	int64_t n = 0;

	if (r->iso3 == NULL)
		return 0;
	strmap_get(&l->counts, r->iso3, &n);
	if (l->with_projects != (n > 0))
		return 0;
	if (n > 0)
		html(&l->p->out,
		    "<li><a href=\"/countries/%u\"><bdi>%s</bdi></a> <span "
		    "class=\"count\">%s</span></li>\n",
		    r->iso3, r->name, page_num(l->p, &num, n));
	else
		html(&l->p->out,
		    "<li><a href=\"/countries/%u\"><bdi>%s</bdi></a></li>\n",
		    r->iso3, r->name);
	buf_free(&num);
	return 0;
}

int
page_countries(Page *p, const char *key)
{
	CountryList l = { p, { NULL, 0, 0 }, 1 };
	Find f;
	ProjectFilter pf;
	Buf err = BUF_INIT, name = BUF_INIT;
	int64_t total = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	memset(&pf, 0, sizeof(pf));
	p->nav = "countries";
	if (key == NULL) {
		store_stats(
		    p->s, "country", &pf, &total, count_one, &l.counts, &err);
		page_begin(p, PT(p, "Countries"));
		html(&p->out, "<h2>%s</h2>\n<ul class=\"columns\">\n",
		    PT(p, "Countries named by projects"));
		store_places(p->s, "country", p->lang, country_row, &l, &err);
		html(&p->out,
		    "</ul>\n<details><summary>%s</summary>\n"
		    "<ul class=\"columns\">\n",
		    PT(p, "Countries no project names"));
		l.with_projects = 0;
		store_places(p->s, "country", p->lang, country_row, &l, &err);
		html(&p->out, "</ul></details>\n");
		rc = page_end(p, 200);
		goto out;
	}
	f.key = key;
	f.by_iso3 = 1;
	store_places(p->s, "country", p->lang, find_one, &f, &err);
	if (f.name == NULL) {
		rc = page_error(p, 404, PT(p, "There is no such country."));
		goto out;
	}
	page_begin(p, f.name);
	html(&name, "<bdi>%s</bdi>", f.name);
	html(&p->out, "<p class=\"lead\">");
	page_markup(&p->out,
	    PT(p,
		"Who does what in %s: the projects that name it (a regional "
		"or global project counts only where it names the country)."),
	    1, buf_str(&name));
	html(&p->out, " <a href=\"/?country=%u\">%s</a>.</p>\n", f.iso3,
	    PT(p, "In the matrix"));
	pf.country = f.iso3;
	page_entity_pillar(p, &pf, PT(p, "Entities by pillar"));
	page_project_table(p, &pf, PT(p, "Projects"));
	rc = page_end(p, 200);
out:
	strmap_free(&l.counts);
	find_free(&f);
	buf_free(&err);
	buf_free(&name);
	return rc;
}

/* --- findings ------------------------------------------------------- */

typedef struct Findings {
	Buf rows;
	Buf msg;          /* one finding's message in the page's language */
	const char *lang; /* the page's */
	int n;
} Findings;

static int
finding_row(void *ctx, const Finding *f)
{
	Findings *l = ctx;

	buf_reset(&l->msg);
	store_finding_text(&l->msg, l->lang, f);
	html(&l->rows, "<tr><td>%s</td><td>%s",
	    store_finding_kind(l->lang, f->kind), f->pillar ? f->pillar : "");
	if (f->serial >= 0)
		html(&l->rows, ".%I", f->serial);
	html(&l->rows, "</td><td>");
	if (f->project_id > 0)
		html(&l->rows, "<a href=\"/projects/%I\">%s</a>", f->project_id,
		    buf_str(&l->msg));
	else
		html(&l->rows, "%s", buf_str(&l->msg));
	html(&l->rows, "</td></tr>\n");
	l->n++;
	return 0;
}

int
page_findings(Page *p)
{
	Findings l = { BUF_INIT, BUF_INIT, p->lang, 0 };
	Buf err = BUF_INIT, num = BUF_INIT, n = BUF_INIT;

	if (!page_signed_in(p))
		return page_error(
		    p, 401, PT(p, "Sign in to see the findings."));
	p->nav = "findings";
	page_begin(p, PT(p, "Data quality"));
	store_findings(p->s, finding_row, &l, &err);
	if (l.n == 0) {
		html(&p->out, "<p>%s</p>\n",
		    PT(p, "No finding: the portfolio is consistent."));
	} else {
		html(&n, "<strong>%s</strong>", page_num(p, &num, l.n));
		html(&p->out, "<table class=\"list\">\n<caption>");
		page_markup(&p->out,
		    PTN(p, "%s finding", "%s findings", (unsigned long)l.n), 1,
		    buf_str(&n));
		html(&p->out,
		    "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "</tr></thead>\n<tbody>\n%S</tbody></table>\n",
		    PT(p, "Kind"), PT(p, "Where"), PT(p, "What"),
		    buf_str(&l.rows));
	}
	buf_free(&l.rows);
	buf_free(&l.msg);
	buf_free(&err);
	buf_free(&num);
	buf_free(&n);
	return page_end(p, 200);
}
