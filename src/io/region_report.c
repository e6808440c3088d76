/*
 * region_report.c - a region's activities as data (region_report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "../portfolio/resolve.h"
#include "../text/lang.h"
#include "region_report.h"

typedef struct Load {
	RegionReport *r;
	StrMap rows;    /* ISO alpha-3 -> row index */
	StrMap pillars; /* pillar key -> column index */
	size_t cap;     /* of r->project */
	size_t rcap;    /* of r->row */
} Load;

static int
country_add(void *ctx, const RegionItem *it)
{
	Load *l = ctx;
	RegionReport *r = l->r;
	RegionRow *row;

	if (it->iso3 == NULL)
		return 0;
	mem_grow((void **)&r->row, &l->rcap, r->nrow + 1, sizeof(*r->row));
	row = &r->row[r->nrow];
	memset(row, 0, sizeof(*row));
	row->iso3 = xstrdup(it->iso3);
	row->name = xstrdup(it->name);
	strmap_put(&l->rows, it->iso3, (int64_t)r->nrow);
	r->nrow++;
	return 0;
}

/* The pillars, with their short names in the report's language. */
static int
pillar_add(void *ctx, const PillarName *n)
{
	Load *l = ctx;
	RegionReport *r = l->r;
	int64_t i;
	RegionPillar *c;

	if (!strmap_get(&l->pillars, n->key, &i)) {
		r->pillar =
		    xrealloc(r->pillar, (r->npillar + 1) * sizeof(*r->pillar));
		c = &r->pillar[r->npillar];
		memset(c, 0, sizeof(*c));
		c->key = xstrdup(n->key);
		c->number = n->number;
		strmap_put(&l->pillars, n->key, (int64_t)r->npillar++);
	} else {
		c = &r->pillar[i];
	}
	if (strcmp(n->lang, r->lang) == 0 ||
	    (strcmp(n->lang, "en") == 0 && c->name == NULL)) {
		free(c->name);
		c->name = xstrdup(n->short_name ? n->short_name : n->key);
	}
	return 0;
}

/* Count p in row (once) under its pillar's column (col < 0: none). */
static void
row_count(RegionReport *r, size_t row, int64_t col)
{
	RegionRow *rw = &r->row[row];

	rw->total++;
	if (col >= 0)
		rw->count[col]++;
}

static int
project_add(void *ctx, const Project *p)
{
	Load *l = ctx;
	RegionReport *r = l->r;
	RegionProject *x;
	Buf e = BUF_INIT, c = BUF_INIT;
	int64_t col = -1, row;

	mem_grow((void **)&r->project, &l->cap, r->nproject + 1, sizeof(*x));
	x = &r->project[r->nproject++];
	memset(x, 0, sizeof(*x));
	x->id = p->id;
	x->pillar = xstrdup(p->pillar ? p->pillar : "");
	x->serial = p->has_serial ? p->serial : -1;
	x->title = xstrdup(p->title ? p->title : "");
	x->period = xstrdup(p->period_text ? p->period_text : "");
	x->status = xstrdup(p->status ? p->status : "");
	x->entity = xcalloc(p->norgs + 1, sizeof(*x->entity));
	for (size_t i = 0; i < p->norgs; i++) {
		const char *name =
		    p->orgs[i].key ? p->orgs[i].key : p->orgs[i].name;

		buf_printf(&e, "%s%s", i ? ", " : "", name);
		x->entity[x->nentity++] = xstrdup(name);
	}
	x->entities = buf_detach(&e);
	x->country = xcalloc(p->nplaces + 1, sizeof(*x->country));
	if (p->pillar != NULL && strmap_get(&l->pillars, p->pillar, &col))
		r->pillar[col].total++;
	else
		col = -1;
	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *pl = &p->places[i];
		size_t k;

		if (pl->key == NULL || pl->kind == NULL ||
		    strcmp(pl->kind, "country") != 0 ||
		    !strmap_get(&l->rows, pl->key, &row))
			continue;
		for (k = 0; k < x->ncountry; k++)
			if (x->country[k] == (size_t)row)
				break;
		if (k < x->ncountry)
			continue; /* named twice: counted once */
		x->country[x->ncountry++] = (size_t)row;
		buf_printf(&c, "%s%s", c.len ? ", " : "", r->row[row].name);
		row_count(r, (size_t)row, col);
	}
	if (x->ncountry == 0)
		row_count(r, r->nrow - 1, col);
	x->countries = buf_detach(&c);
	r->total++;
	return 0;
}

/*
 * The region's key: region itself when it is the key of a region or a
 * grouping, else what the --region filter would resolve it to.  1 with
 * r->key, kind and name set; 0 when there is none such; -1.
 */
static int
region_find(Store *s, const char *region, RegionReport *r, Buf *err)
{
	Buf key = BUF_INIT, kind = BUF_INIT, name = BUF_INIT;
	int rc = store_region_get(s, region, r->lang, &key, &kind, &name, err);

	if (rc == 0 && resolve_one(s, 1, region, &key, &kind)) {
		Buf k = BUF_INIT;

		buf_set(&k, buf_str(&key));
		rc = store_region_get(
		    s, buf_str(&k), r->lang, &key, &kind, &name, err);
		buf_free(&k);
	}
	if (rc == 1) {
		r->key = buf_detach(&key);
		r->kind = buf_detach(&kind);
		r->name = buf_detach(&name);
	}
	buf_free(&key);
	buf_free(&kind);
	buf_free(&name);
	return rc;
}

int
region_report_load(
    Store *s, const char *region, const char *lang, RegionReport *r, Buf *err)
{
	Load l;
	ProjectFilter f;
	Buf t = BUF_INIT;
	time_t now = time(NULL);
	struct tm tm;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	memset(&l, 0, sizeof(l));
	l.r = r;
	snprintf(r->lang, sizeof(r->lang), "%s", lang_or_en(lang));
	gmtime_r(&now, &tm);
	strftime(r->as_of, sizeof(r->as_of), "%Y-%m-%d", &tm);
	if ((rc = region_find(s, region, r, err)) != 1) {
		if (rc == 0)
			buf_printf(err, "no region or grouping \"%s\"", region);
		goto out;
	}
	rc = -1;
	buf_printf(
	    &t, tr(r->lang, "Counter-terrorism activities in %s"), r->name);
	r->title = buf_detach(&t);
	if (store_pillar_names(s, pillar_add, &l, err) != 0 ||
	    store_region_countries(s, r->key, r->lang, country_add, &l, err))
		goto out;
	/* The last row: the region as a whole. */
	country_add(&l,
	    &(RegionItem){
		"", "", tr(r->lang, "The region as a whole"), "", NULL, 0 });
	free(r->row[r->nrow - 1].iso3);
	r->row[r->nrow - 1].iso3 = NULL;
	for (size_t i = 0; i < r->nrow; i++)
		r->row[i].count =
		    xcalloc(r->npillar + 1, sizeof(*r->row[i].count));
	memset(&f, 0, sizeof(f));
	f.region = r->key;
	f.sort = "pillar";
	if (store_project_list(s, &f, project_add, &l, NULL, err) != 0)
		goto out;
	rc = 1;
out:
	strmap_free(&l.rows);
	strmap_free(&l.pillars);
	buf_free(&t);
	return rc;
}

void
region_report_free(RegionReport *r)
{
	for (size_t i = 0; i < r->nproject; i++) {
		RegionProject *x = &r->project[i];

		free(x->pillar);
		free(x->title);
		free(x->period);
		free(x->entities);
		for (size_t k = 0; k < x->nentity; k++)
			free(x->entity[k]);
		free(x->entity);
		free(x->status);
		free(x->countries);
		free(x->country);
	}
	free(r->project);
	for (size_t i = 0; i < r->nrow; i++) {
		free(r->row[i].iso3);
		free(r->row[i].name);
		free(r->row[i].count);
	}
	free(r->row);
	for (size_t i = 0; i < r->npillar; i++) {
		free(r->pillar[i].key);
		free(r->pillar[i].name);
	}
	free(r->pillar);
	free(r->key);
	free(r->kind);
	free(r->name);
	free(r->title);
	memset(r, 0, sizeof(*r));
}

const char *
region_status_name(const RegionReport *r, const char *status)
{
	if (status == NULL)
		return "";
	if (strcmp(status, "in_development") == 0)
		return tr(r->lang, "In development");
	if (strcmp(status, "ongoing") == 0)
		return tr(r->lang, "Ongoing");
	if (strcmp(status, "completed") == 0)
		return tr(r->lang, "Completed");
	return "";
}
