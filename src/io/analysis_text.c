/*
 * analysis_text.c - the portfolio analysis written out (analysis_render.h):
 * which renderer a format has, and the formats for programs, CSV and JSON.
 * HTML, XLSX and PDF have files of their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/csv.h"
#include "../text/lang.h"
#include "analysis_render.h"
#include "annex_render.h"
#include "render.h"
#include "money_io.h"

static int
xlsx_file(const void *r, const char *path, Buf *err)
{
	const RenderModule *m = render_module(err);

	return m != NULL ? m->analysis_xlsx(r, path, err) : -1;
}

static int
pdf_file(const void *r, const char *path, Buf *err)
{
	const RenderModule *m = render_module(err);

	return m != NULL ? m->analysis_pdf(r, path, err) : -1;
}

int
analysis_render(const AnalysisReport *r, const char *format, Buf *out, Buf *err)
{
	if (strcmp(format, "csv") == 0)
		analysis_csv(r, out);
	else if (strcmp(format, "html") == 0)
		analysis_html(r, out);
	else if (strcmp(format, "json") == 0)
		analysis_json(r, out);
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

int
analysis_report_make(Store *s, const ProjectFilter *f, const char *lang,
    const char *format, Buf *doc, Buf *err)
{
	AnalysisReport r;
	int rc = analysis_report_load(s, f, lang, &r, err);

	if (rc == 0)
		rc = analysis_render(&r, format, doc, err);
	analysis_report_free(&r);
	return rc;
}

/* --- CSV ---------------------------------------------------------------- */

/* One record: table, key, name, pillar and measure, then value as is. */
static void
record(Buf *out, const char *table, const char *key, const char *name,
    const char *pillar, const char *measure, const char *value)
{
	const char *f[] = { table, key, name, pillar, measure, value };

	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (i > 0)
			buf_putc(out, ',');
		csv_put_field(out, f[i]);
	}
	buf_puts(out, "\r\n");
}

static void
record_int(Buf *out, const char *table, const char *key, const char *name,
    const char *pillar, const char *measure, int64_t v)
{
	char n[24];

	snprintf(n, sizeof(n), "%lld", (long long)v);
	record(out, table, key, name, pillar, measure, n);
}

/* US cents as dollars with two decimals, exactly. */
static void
record_usd(Buf *out, const char *table, const AnalysisMoney *m,
    const char *measure, int64_t cents)
{
	char n[32];

	snprintf(n, sizeof(n), "%s%lld.%02lld", cents < 0 ? "-" : "",
	    (long long)(cents < 0 ? -cents : cents) / 100,
	    (long long)(cents < 0 ? -cents : cents) % 100);
	record(out, table, m->key, m->name, "", measure, n);
}

static void
money_csv(Buf *out, const AnalysisMoney *m)
{
	record_int(out, "money", m->key, m->name, "", "projects", m->projects);
	record_int(out, "money", m->key, m->name, "", "budgeted", m->budgeted);
	record_usd(out, "money", m, "budget", m->budget);
	record_usd(out, "money", m, "received", m->received);
	record_usd(out, "money", m, "shortfall", m->shortfall);
	record_int(out, "money", m->key, m->name, "", "demo", m->demo);
}

void
analysis_csv(const AnalysisReport *r, Buf *out)
{
	const AnalysisTable *e = &r->table[AN_ENTITY],
			    *p = &r->table[AN_PILLAR];
	char share[32];

	buf_puts(out, "table,key,name,pillar,measure,value\r\n");
	record_int(out, "total", "projects", tr(r->lang, "Projects"), "",
	    "count", r->nproject);
	for (int i = 0; i < AN_NBY; i++) {
		const AnalysisTable *t = &r->table[i];

		for (size_t k = 0; k < t->ngroup; k++) {
			const AnalysisGroup *g = &t->group[k];

			record_int(
			    out, t->by, g->key, g->name, "", "count", g->count);
			snprintf(share, sizeof(share), "%.4f", g->share);
			record(out, t->by, g->key, g->name, "", "share", share);
		}
	}
	for (size_t i = 0; i < e->ngroup; i++)
		for (size_t k = 0; k < p->ngroup; k++)
			if (analysis_cell(r, i, k) > 0)
				record_int(out, "entity_pillar",
				    e->group[i].key, e->group[i].name,
				    p->group[k].key, "count",
				    analysis_cell(r, i, k));
	money_csv(out, &r->total);
	for (size_t i = 0; i < r->nmoney; i++)
		money_csv(out, &r->money[i]);
	for (size_t i = 0; i < r->nsentence; i++)
		record(out, "sentence", r->sentence[i].key, "", "", "text",
		    r->sentence[i].text);
}

/* --- JSON --------------------------------------------------------------- */

static json_t *
groups_json(const AnalysisReport *r, const AnalysisTable *t)
{
	json_t *a = json_array();

	for (size_t k = 0; k < t->ngroup; k++) {
		const AnalysisGroup *g = &t->group[k];
		const char *label = strcmp(t->by, "pillar") == 0
		    ? analysis_pillar_label(r->lang, g->key)
		    : g->name;

		json_array_append_new(a,
		    json_pack("{ss ss ss sI sf}", "key", g->key, "label", label,
			"name", g->name, "count", (json_int_t)g->count, "share",
			(double)(int64_t)(g->share * 10000 + 0.5) / 10000));
	}
	return a;
}

static json_t *
matrix_json(const AnalysisReport *r)
{
	const AnalysisTable *e = &r->table[AN_ENTITY],
			    *p = &r->table[AN_PILLAR];
	json_t *pillars = json_array(), *rows = json_array();

	for (size_t k = 0; k < p->ngroup; k++)
		json_array_append_new(pillars, json_string(p->group[k].key));
	for (size_t i = 0; i < e->ngroup; i++) {
		json_t *counts = json_array();

		for (size_t k = 0; k < p->ngroup; k++)
			json_array_append_new(
			    counts, json_integer(analysis_cell(r, i, k)));
		json_array_append_new(rows,
		    json_pack("{ss ss so}", "key", e->group[i].key, "name",
			e->group[i].name, "counts", counts));
	}
	return json_pack("{so so}", "pillars", pillars, "rows", rows);
}

static json_t *
money_json_of(const AnalysisMoney *m)
{
	FundRow f;

	memset(&f, 0, sizeof(f));
	f.key = m->key;
	f.name = m->name;
	f.projects = m->projects;
	f.budgeted = m->budgeted;
	f.budget = m->budget;
	f.received = m->received;
	f.shortfall = m->shortfall;
	f.demo = m->demo;
	f.received_demo = m->received_demo;
	return fund_row_json(&f);
}

void
analysis_json(const AnalysisReport *r, Buf *out)
{
	json_t *groups = json_object(), *pillars = json_array(),
	       *sentences = json_array(), *j;
	char *text;

	for (int i = 0; i < AN_NBY; i++)
		json_object_set_new(
		    groups, r->table[i].by, groups_json(r, &r->table[i]));
	for (size_t i = 0; i < r->nmoney; i++)
		json_array_append_new(pillars, money_json_of(&r->money[i]));
	for (size_t i = 0; i < r->nsentence; i++)
		json_array_append_new(sentences,
		    json_pack("{ss ss}", "key", r->sentence[i].key, "text",
			r->sentence[i].text));
	j = json_pack("{ss ss sI so so s{ss so so} so}", "as_of", r->as_of,
	    "lang", r->lang, "projects", (json_int_t)r->nproject, "groups",
	    groups, "entity_pillar", matrix_json(r), "money", "currency", "USD",
	    "total", money_json_of(&r->total), "pillars", pillars, "sentences",
	    sentences);
	text = json_dumps(
	    j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(j);
}
