/*
 * region_text.c - a region's activities as JSON and CSV, the dispatch
 * among the formats, and the small texts every renderer shares
 * (region_render.h).  HTML, XLSX and PDF have files of their own.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/csv.h"
#include "../text/lang.h"
#include "annex_render.h"
#include "render.h"
#include "region_render.h"

static int
xlsx_file(const void *doc, const char *path, Buf *err)
{
	const RenderModule *m = render_module(err);

	return m != NULL ? m->region_xlsx(doc, path, err) : -1;
}

static int
pdf_file(const void *doc, const char *path, Buf *err)
{
	const RenderModule *m = render_module(err);

	return m != NULL ? m->region_pdf(doc, path, err) : -1;
}

int
region_render(const RegionReport *r, const char *format, Buf *out, Buf *err)
{
	if (strcmp(format, "csv") == 0)
		region_csv(r, out);
	else if (strcmp(format, "html") == 0)
		region_html(r, out);
	else if (strcmp(format, "json") == 0)
		region_json(r, out);
	else if (strcmp(format, "xlsx") == 0)
		return annex_render_file(xlsx_file, r, out, err);
	else if (strcmp(format, "pdf") == 0)
		return annex_render_file(pdf_file, r, out, err);
	else {
		buf_printf(
		    err, "no format \"%s\" (%s)", format, annex_format_names());
		return -1;
	}
	return 0;
}

void
region_projects_text(const RegionReport *r, int64_t n, Buf *out)
{
	Buf num = BUF_INIT;

	lang_int(&num, r->lang, n);
	buf_printf(out,
	    trn(r->lang, "%s project", "%s projects", (unsigned long)n),
	    buf_str(&num));
	buf_free(&num);
}

void
region_pillar_head(const RegionReport *r, size_t i, Buf *out)
{
	buf_printf(out, tr(r->lang, "Pillar %s"), r->pillar[i].key);
}

void
region_project_number(const RegionProject *x, Buf *out)
{
	buf_puts(out, x->pillar);
	if (x->serial >= 0)
		buf_printf(
		    out, "%s%lld", *x->pillar ? "." : "", (long long)x->serial);
}

/* {"I": n, ...} of a row's counts (or of the pillars' totals). */
static json_t *
by_pillar(const RegionReport *r, const int64_t *count)
{
	json_t *o = json_object();

	for (size_t i = 0; i < r->npillar; i++)
		json_object_set_new(o, r->pillar[i].key,
		    json_integer(
			count ? count[i] : (json_int_t)r->pillar[i].total));
	return o;
}

static json_t *
project_json(const RegionReport *r, const RegionProject *x)
{
	json_t *ents = json_array(), *cs = json_array();

	for (size_t i = 0; i < x->nentity; i++)
		json_array_append_new(ents, json_string(x->entity[i]));
	for (size_t i = 0; i < x->ncountry; i++) {
		const RegionRow *row = &r->row[x->country[i]];

		json_array_append_new(cs,
		    json_pack("{ss ss}", "iso3", row->iso3, "name", row->name));
	}
	return json_pack("{sI ss so ss ss so ss ss so}", "id",
	    (json_int_t)x->id, "pillar", x->pillar, "serial",
	    x->serial >= 0 ? json_integer(x->serial) : json_null(), "title",
	    x->title, "period", x->period, "entities", ents, "status",
	    x->status, "status_name", region_status_name(r, x->status),
	    "countries", cs);
}

void
region_json(const RegionReport *r, Buf *out)
{
	json_t *pillars = json_array(), *counts = json_array();
	json_t *projects = json_array(), *j;
	char *text;

	for (size_t i = 0; i < r->npillar; i++)
		json_array_append_new(pillars,
		    json_pack("{ss si ss}", "key", r->pillar[i].key, "number",
			r->pillar[i].number, "name", r->pillar[i].name));
	for (size_t i = 0; i < r->nrow; i++) {
		const RegionRow *row = &r->row[i];

		json_array_append_new(counts,
		    json_pack("{so ss so sI}", "iso3",
			row->iso3 ? json_string(row->iso3) : json_null(),
			"name", row->name, "pillars", by_pillar(r, row->count),
			"total", (json_int_t)row->total));
	}
	for (size_t i = 0; i < r->nproject; i++)
		json_array_append_new(
		    projects, project_json(r, &r->project[i]));
	j = json_pack("{ss ss s{ss ss ss} ss so so s{so sI} so}", "as_of",
	    r->as_of, "lang", r->lang, "region", "key", r->key, "kind", r->kind,
	    "name", r->name, "title", r->title, "pillars", pillars, "counts",
	    counts, "totals", "pillars", by_pillar(r, NULL), "total",
	    (json_int_t)r->total, "projects", projects);
	text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(j);
}

/* A record of the CSV: iso3, name, the counts (NULL: the totals), total. */
static void
csv_record(const RegionReport *r, const char *iso3, const char *name,
    const int64_t *count, int64_t total, Buf *out)
{
	csv_put_field(out, iso3);
	buf_putc(out, ',');
	csv_put_field(out, name);
	for (size_t i = 0; i < r->npillar; i++)
		buf_printf(out, ",%lld",
		    (long long)(count ? count[i] : r->pillar[i].total));
	buf_printf(out, ",%lld\r\n", (long long)total);
}

void
region_csv(const RegionReport *r, Buf *out)
{
	buf_puts(out, "iso3,name");
	for (size_t i = 0; i < r->npillar; i++) {
		buf_putc(out, ',');
		csv_put_field(out, r->pillar[i].key);
	}
	buf_puts(out, ",total\r\n");
	for (size_t i = 0; i < r->nrow; i++)
		csv_record(r, r->row[i].iso3 ? r->row[i].iso3 : "",
		    r->row[i].name, r->row[i].count, r->row[i].total, out);
	csv_record(r, "total", tr(r->lang, "Total (each project once)"), NULL,
	    r->total, out);
}
