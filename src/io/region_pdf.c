/*
 * region_pdf.c - a region's activities as a PDF (region_render.h): the
 * counts table and the list of projects set as two tables by the annex's
 * machinery (annex_pdf_grids: A4 landscape, header rows repeated, "Page k
 * of N", right to left for Arabic), every text in the report's language.
 *
 * Not for the layout itself, which is annex_pdf.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "annex_pdf.h"
#include "region_render.h"

#define NPCOL 6

/* The texts the grids point at, freed together. */
typedef struct Texts {
	char **s;
	size_t n, cap;
} Texts;

static const char *
keep(Texts *t, Buf *b)
{
	mem_grow((void **)&t->s, &t->cap, t->n + 1, sizeof(*t->s));
	t->s[t->n] = buf_detach(b);
	return t->s[t->n++];
}

static const char *
keep_int(Texts *t, const char *lang, int64_t n)
{
	Buf b = BUF_INIT;

	lang_int(&b, lang, n);
	return keep(t, &b);
}

static void
foot(Buf *out, const char *lang, int page, int npage)
{
	buf_printf(out, tr(lang, "Page %d of %d"), page, npage);
}

/* The counts as a grid: a row a country, the region's, the totals. */
static void
counts_grid(const RegionReport *r, Texts *t, PdfGrid *g)
{
	size_t nc = r->npillar + 2, k = 0;
	const char **head = xcalloc(nc, sizeof(*head));
	const char **cell = xcalloc(nc * (r->nrow + 1), sizeof(*cell));
	double *share = xcalloc(nc, sizeof(*share));
	int *end = xcalloc(nc, sizeof(*end));
	Buf b = BUF_INIT;

	head[0] = tr(r->lang, "Country");
	share[0] = 0.30;
	for (size_t i = 0; i < r->npillar; i++) {
		region_pillar_head(r, i, &b);
		head[i + 1] = keep(t, &b);
		share[i + 1] = 0.55 / (double)(r->npillar + 1);
		end[i + 1] = 1;
	}
	head[nc - 1] = tr(r->lang, "Total");
	share[nc - 1] = 0.55 / (double)(r->npillar + 1);
	end[nc - 1] = 1;
	for (size_t j = 0; j < r->nrow; j++) {
		cell[k++] = r->row[j].name;
		for (size_t i = 0; i < r->npillar; i++)
			cell[k++] = keep_int(t, r->lang, r->row[j].count[i]);
		cell[k++] = keep_int(t, r->lang, r->row[j].total);
	}
	cell[k++] = tr(r->lang, "Total (each project once)");
	for (size_t i = 0; i < r->npillar; i++)
		cell[k++] = keep_int(t, r->lang, r->pillar[i].total);
	cell[k++] = keep_int(t, r->lang, r->total);
	g->heading = tr(r->lang, "Projects by country and pillar");
	g->sub = tr(r->lang,
	    "A project counts once in the row of each country of the "
	    "region it names; a project that names none of them (it "
	    "names the region, or a grouping or an area in it) counts in "
	    "the row of the region as a whole. The totals count each "
	    "project once.");
	g->ncol = nc;
	g->share = share;
	g->end = end;
	g->head = head;
	g->cell = cell;
	g->nrow = r->nrow + 1;
	g->bold_from = r->nrow;
}

static void
projects_grid(const RegionReport *r, Texts *t, PdfGrid *g)
{
	static const double share[NPCOL] = { 0.06, 0.40, 0.12, 0.14, 0.10,
		0.18 };
	static const char *const names[NPCOL] = { N_("No."), N_("Title"),
		N_("Period"), N_("Entities"), N_("Status"), N_("Countries") };
	const char **head = xcalloc(NPCOL, sizeof(*head));
	const char **cell = xcalloc(NPCOL * (r->nproject + 1), sizeof(*cell));
	Buf b = BUF_INIT;
	size_t k = 0;

	for (int i = 0; i < NPCOL; i++)
		head[i] = tr(r->lang, names[i]);
	for (size_t j = 0; j < r->nproject; j++) {
		const RegionProject *x = &r->project[j];

		region_project_number(x, &b);
		cell[k++] = keep(t, &b);
		cell[k++] = x->title;
		cell[k++] = x->period;
		cell[k++] = x->entities;
		cell[k++] = region_status_name(r, x->status);
		cell[k++] = x->countries;
	}
	buf_puts(&b, tr(r->lang, "Projects"));
	buf_puts(&b, " (");
	lang_int(&b, r->lang, (int64_t)r->nproject);
	buf_puts(&b, ")");
	g->heading = keep(t, &b);
	g->ncol = NPCOL;
	g->share = share;
	g->head = head;
	g->cell = cell;
	g->nrow = r->nproject;
}

int
region_pdf(const RegionReport *r, const char *path, Buf *err)
{
	PdfGrid g[2];
	PdfDoc d;
	Texts t = { NULL, 0, 0 };
	Buf date = BUF_INIT;
	int rc;

	memset(g, 0, sizeof(g));
	memset(&d, 0, sizeof(d));
	lang_date(&date, r->lang, r->as_of);
	d.lang = r->lang;
	d.as_of = r->as_of;
	d.running = r->name;
	d.date = buf_str(&date);
	d.title = r->title;
	d.foot = foot;
	counts_grid(r, &t, &g[0]);
	projects_grid(r, &t, &g[1]);
	rc = annex_pdf_grids(&d, g, r->nproject > 0 ? 2 : 1, path, err);
	for (int i = 0; i < 2; i++) {
		free((void *)(uintptr_t)g[i].head);
		free((void *)(uintptr_t)g[i].cell);
	}
	free((void *)(uintptr_t)g[0].share);
	free((void *)(uintptr_t)g[0].end);
	for (size_t i = 0; i < t.n; i++)
		free(t.s[i]);
	free(t.s);
	buf_free(&date);
	return rc;
}
