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

typedef struct OrgList {
	Buf rows; /* the table's rows, written before its head */
	StrMap counts;
	const char *parent; /* list only the sub-units of this key, or NULL */
	int n;
} OrgList;

static int
org_row(void *ctx, const RefItem *r)
{
	OrgList *l = ctx;
	int64_t n = 0;

	if (l->parent != NULL &&
	    (r->parent == NULL || strcmp(r->parent, l->parent) != 0))
		return 0;
	strmap_get(&l->counts, r->key, &n);
	html(&l->rows,
	    "<tr><td><a href=\"/organisations/%u\">%s</a></td><td>%s</td>"
	    "<td>%s</td><td class=\"num\">%N</td></tr>\n",
	    r->key, r->key, r->name, r->kind ? r->kind : "", n);
	l->n++;
	return 0;
}

static void
org_table(Page *p, OrgList *l, const char *caption)
{
	Buf err = BUF_INIT;

	buf_reset(&l->rows);
	l->n = 0;
	store_organisations(p->s, org_row, l, &err);
	if (l->n > 0)
		html(&p->out,
		    "<table class=\"list\">\n<caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\">Key</th><th scope=\"col\">"
		    "Name</th><th scope=\"col\">Type</th><th scope=\"col\" "
		    "class=\"num\">Projects</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    caption, buf_str(&l->rows));
	buf_free(&err);
}

int
page_organisations(Page *p, const char *key)
{
	OrgList l = { BUF_INIT, { NULL, 0, 0 }, NULL, 0 };
	Find f;
	ProjectFilter pf;
	Buf err = BUF_INIT;
	int64_t total = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	memset(&pf, 0, sizeof(pf));
	p->nav = "organisations";
	store_stats(p->s, "entity", &pf, &total, count_one, &l.counts, &err);
	if (key == NULL) {
		page_begin(p, "Organisations");
		html(&p->out,
		    "<p>The entities of the Global Counter-Terrorism "
		    "Coordination Compact and the others the matrix "
		    "names, with their projects (a parent's count "
		    "includes its sub-units').</p>\n");
		org_table(p, &l, "Every organisation");
		rc = page_end(p, 200);
		goto out;
	}
	f.key = key;
	store_organisations(p->s, find_one, &f, &err);
	if (f.name == NULL) {
		rc = page_error(p, 404, "There is no such organisation.");
		goto out;
	}
	page_begin(p, f.name);
	html(&p->out, "<p class=\"lead\">%s", f.found_key);
	if (f.kind)
		html(&p->out, " · %s", f.kind);
	if (f.parent)
		html(&p->out, " · part of <a href=\"/organisations/%u\">%s</a>",
		    f.parent, f.parent);
	html(&p->out,
	    " · <a href=\"/?entity=%u\">its projects in the matrix</a></p>\n",
	    f.found_key);
	pf.entity = f.found_key;
	page_entity_pillar(p, &pf, "Its projects by pillar");
	l.parent = f.found_key;
	org_table(p, &l, "Its sub-units");
	page_project_table(p, &pf, "Its projects");
	rc = page_end(p, 200);
out:
	strmap_free(&l.counts);
	buf_free(&l.rows);
	find_free(&f);
	buf_free(&err);
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
	int64_t n = 0;

	if (r->iso3 == NULL)
		return 0;
	strmap_get(&l->counts, r->iso3, &n);
	if (l->with_projects != (n > 0))
		return 0;
	if (n > 0)
		html(&l->p->out,
		    "<li><a href=\"/countries/%u\">%s</a> <span "
		    "class=\"count\">%N</span></li>\n",
		    r->iso3, r->name, n);
	else
		html(&l->p->out, "<li><a href=\"/countries/%u\">%s</a></li>\n",
		    r->iso3, r->name);
	return 0;
}

int
page_countries(Page *p, const char *key)
{
	CountryList l = { p, { NULL, 0, 0 }, 1 };
	Find f;
	ProjectFilter pf;
	Buf err = BUF_INIT;
	int64_t total = 0;
	int rc;

	memset(&f, 0, sizeof(f));
	memset(&pf, 0, sizeof(pf));
	p->nav = "countries";
	if (key == NULL) {
		store_stats(
		    p->s, "country", &pf, &total, count_one, &l.counts, &err);
		page_begin(p, "Countries");
		html(&p->out,
		    "<h2>Countries named by projects</h2>\n"
		    "<ul class=\"columns\">\n");
		store_places(p->s, "country", country_row, &l, &err);
		html(&p->out,
		    "</ul>\n<details><summary>Countries no project "
		    "names</summary>\n<ul class=\"columns\">\n");
		l.with_projects = 0;
		store_places(p->s, "country", country_row, &l, &err);
		html(&p->out, "</ul></details>\n");
		rc = page_end(p, 200);
		goto out;
	}
	f.key = key;
	f.by_iso3 = 1;
	store_places(p->s, "country", find_one, &f, &err);
	if (f.name == NULL) {
		rc = page_error(p, 404, "There is no such country.");
		goto out;
	}
	page_begin(p, f.name);
	html(&p->out,
	    "<p class=\"lead\">Who does what in %s: the projects that name "
	    "it (a regional or global project counts only where it names "
	    "the country). <a href=\"/?country=%u\">In the matrix</a>.</p>\n",
	    f.name, f.iso3);
	pf.country = f.iso3;
	page_entity_pillar(p, &pf, "Entities by pillar");
	page_project_table(p, &pf, "Projects");
	rc = page_end(p, 200);
out:
	strmap_free(&l.counts);
	find_free(&f);
	buf_free(&err);
	return rc;
}

/* --- findings ------------------------------------------------------- */

typedef struct Findings {
	Buf rows;
	int n;
} Findings;

static int
finding_row(void *ctx, const Finding *f)
{
	Findings *l = ctx;

	html(&l->rows, "<tr><td>%s</td><td>%s", f->kind,
	    f->pillar ? f->pillar : "");
	if (f->serial >= 0)
		html(&l->rows, ".%I", f->serial);
	html(&l->rows, "</td><td>");
	if (f->project_id > 0)
		html(&l->rows, "<a href=\"/projects/%I\">%s</a>", f->project_id,
		    f->message);
	else
		html(&l->rows, "%s", f->message);
	html(&l->rows, "</td></tr>\n");
	l->n++;
	return 0;
}

int
page_findings(Page *p)
{
	Findings l = { BUF_INIT, 0 };
	Buf err = BUF_INIT;

	if (!page_signed_in(p))
		return page_error(p, 401, "Sign in to see the findings.");
	p->nav = "findings";
	page_begin(p, "Data quality");
	store_findings(p->s, finding_row, &l, &err);
	if (l.n == 0)
		html(&p->out,
		    "<p>No finding: the portfolio is consistent.</p>\n");
	else
		html(&p->out,
		    "<table class=\"list\">\n<caption><strong>%d</strong> "
		    "finding%S</caption>\n<thead><tr><th "
		    "scope=\"col\">Kind</th>"
		    "<th scope=\"col\">Where</th><th scope=\"col\">What</th>"
		    "</tr></thead>\n<tbody>\n%S</tbody></table>\n",
		    l.n, l.n == 1 ? "" : "s", buf_str(&l.rows));
	buf_free(&l.rows);
	buf_free(&err);
	return page_end(p, 200);
}
