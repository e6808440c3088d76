/*
 * analysis_pdf.c - the portfolio analysis as a PDF (analysis_render.h):
 * A4 portrait, a masthead (the strategy, the date, the title), the
 * sentences, then a section a grouping with its bar chart, entity ×
 * pillar and the money as tables; "Page 3 of 5" at the foot.
 *
 * The document is set twice by the same code, as the annex is: a
 * measuring pass lays everything out and breaks the pages without
 * drawing, to learn how many pages there are (the foot of page 1 needs
 * the total); the drawing pass then makes the very same decisions, and
 * draws.
 *
 * Text is set by pango on a cairo PDF surface, as the annex is (fonts from
 * annex_pdf_families(), caches dropped by annex_pdf_fini()); the bars are
 * cairo rectangles, vectors like the text.  Right to left (Arabic): the
 * context's base direction is RTL and every box is mirrored, so labels
 * stand on the right and bars grow to the left.  Each layout takes the
 * context's direction (auto-dir off), so "start" and "end" are simply
 * right and left.
 *
 * A section's heading is kept with its first lines; a table's rows move
 * to the next page whole, under its header row again.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "../text/lang.h"
#include "analysis_render.h"
#include "annex_pdf.h"

#define PAGE_W   595.28 /* A4 portrait, points */
#define PAGE_H   841.89
#define MARGIN   56.69 /* 2 cm */
#define BODY_W   (PAGE_W - 2 * MARGIN)
#define BODY_B   (PAGE_H - MARGIN)
#define LABEL_W  130.0 /* a chart's labels */
#define VALUE_W  90.0  /* room for "104 (33%)" after the longest bar */
#define BAR_H    13.0
#define ROW_GAP  4.0
#define PAD      3.0
#define MAX_BARS 15

enum { ST_BODY, ST_BOLD, ST_HEADING, ST_TITLE, ST_SMALL, NSTYLE };
enum { AL_START, AL_END, AL_CENTRE };

static const double pillar_rgb[4][3] = { { 0.122, 0.373, 0.620 },
	{ 0.753, 0.345, 0.055 }, { 0.180, 0.490, 0.196 },
	{ 0.482, 0.247, 0.596 } };

typedef struct Doc {
	const AnalysisReport *r;
	cairo_t *cr;
	PangoContext *pc;
	PangoFontDescription *font[NSTYLE];
	int rtl;
	int draw;  /* 0: the measuring pass, which draws nothing */
	int page;  /* the page being set, from 1 */
	int npage; /* pages in all, once the measuring pass has counted */
	double y;  /* the top of the free space */
	const char *const *head; /* the header row of the table being set,
				    repeated atop each page; NULL: none */
	const double *head_w;    /* its columns' widths */
	size_t head_n;           /* and their number */
} Doc;

static void row(
    Doc *d, const char *const *cell, const double *w, size_t n, int head);

/* A layout of text in style, wrapped at width, aligned (AL_*). */
static PangoLayout *
layout_make(Doc *d, int style, const char *text, double width, int align)
{
	PangoLayout *l = pango_layout_new(d->pc);
	char *valid = NULL, *ltr = NULL;
	PangoAlignment a = PANGO_ALIGN_CENTER;

	if (!g_utf8_validate(text, -1, NULL))
		text = valid = g_utf8_make_valid(text, -1);
	/*
	 * In a right-to-left document every paragraph is right to left; a
	 * text written left to right is set as an isolate within it
	 * (lang_text_ltr()).
	 */
	if (d->rtl && lang_text_ltr(text))
		text = ltr = g_strconcat("\u2066", text, "\u2069", NULL);
	if (align == AL_START)
		a = d->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	else if (align == AL_END)
		a = d->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
	pango_layout_set_auto_dir(l, FALSE);
	pango_layout_set_font_description(l, d->font[style]);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, a);
	pango_layout_set_text(l, text, -1);
	g_free(valid);
	g_free(ltr);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int h;

	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

/*
 * The page's left edge of a box that begins x points from the start
 * margin and is w wide: mirrored right to left.
 */
static double
box_x(const Doc *d, double x, double w)
{
	return d->rtl ? PAGE_W - MARGIN - x - w : MARGIN + x;
}

/* Draw l with its top left corner at (x, y), in the drawing pass. */
static void
layout_show(Doc *d, PangoLayout *l, double x, double y)
{
	if (!d->draw)
		return;
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, l);
}

/* Draw text in a box (logical x, width w) at y; returns its height. */
static double
text_at(Doc *d, int style, const char *text, double x, double w, double y,
    int align)
{
	PangoLayout *l = layout_make(d, style, text, w, align);
	double h = layout_height(l);

	layout_show(d, l, box_x(d, x, w), y);
	g_object_unref(l);
	return h;
}

static void
page_new(Doc *d)
{
	Buf b = BUF_INIT, n = BUF_INIT, of = BUF_INIT;

	if (d->page > 0 && d->draw)
		cairo_show_page(d->cr);
	d->page++;
	d->y = MARGIN;
	lang_int(&n, d->r->lang, d->page);
	lang_int(&of, d->r->lang, d->npage);
	buf_printf(
	    &b, tr(d->r->lang, "Page %s of %s"), buf_str(&n), buf_str(&of));
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	text_at(d, ST_SMALL, buf_str(&b), 0, BODY_W, PAGE_H - 36, AL_CENTRE);
	buf_free(&b);
	buf_free(&n);
	buf_free(&of);
	if (d->head != NULL)
		row(d, d->head, d->head_w, d->head_n, 1);
}

/* A new page unless h points fit below d->y. */
static void
need(Doc *d, double h)
{
	if (d->y + h > BODY_B)
		page_new(d);
}

/* A paragraph across the body. */
static void
para(Doc *d, int style, const char *text, double after)
{
	PangoLayout *l = layout_make(d, style, text, BODY_W, AL_START);
	double h = layout_height(l);

	need(d, h);
	layout_show(d, l, box_x(d, 0, BODY_W), d->y);
	g_object_unref(l);
	d->y += h + after;
}

static void
rule(Doc *d, double y, double lw)
{
	if (!d->draw)
		return;
	cairo_set_line_width(d->cr, lw);
	cairo_move_to(d->cr, MARGIN, y);
	cairo_line_to(d->cr, PAGE_W - MARGIN, y);
	cairo_stroke(d->cr);
}

static void
masthead(Doc *d)
{
	Buf date = BUF_INIT;

	lang_date(&date, d->r->lang, d->r->as_of);
	text_at(d, ST_SMALL,
	    tr(d->r->lang, "United Nations Global Counter-Terrorism Strategy"),
	    0, BODY_W, d->y, AL_START);
	d->y += text_at(d, ST_SMALL, buf_str(&date), 0, BODY_W, d->y, AL_END);
	rule(d, d->y + 3, 0.8);
	d->y += 14;
	para(d, ST_TITLE, tr(d->r->lang, "Portfolio analysis"), 10);
	buf_free(&date);
}

/* The fill of group k of table t: its pillar's colour, by pillar. */
static void
fill_of(Doc *d, const AnalysisTable *t, size_t k)
{
	static const char *const keys[] = { "I", "II", "III", "IV" };
	int c = 0;

	if (strcmp(t->by, "pillar") == 0)
		for (int i = 0; i < 4; i++)
			if (strcmp(t->group[k].key, keys[i]) == 0)
				c = i;
	cairo_set_source_rgb(
	    d->cr, pillar_rgb[c][0], pillar_rgb[c][1], pillar_rgb[c][2]);
}

static const char *
label_of(const AnalysisReport *r, const AnalysisTable *t, size_t k)
{
	if (strcmp(t->by, "pillar") == 0)
		return analysis_pillar_label(r->lang, t->group[k].key);
	if (strcmp(t->by, "entity") == 0)
		return t->group[k].key;
	return t->group[k].name;
}

/* A bar chart of t under its heading: a bar a group, with its figures. */
static void
chart(Doc *d, const AnalysisTable *t)
{
	const double room = BODY_W - LABEL_W - 6 - VALUE_W;
	size_t n = t->ngroup < MAX_BARS ? t->ngroup : MAX_BARS;
	int64_t most = 1;
	Buf v = BUF_INIT;

	for (size_t k = 0; k < n; k++)
		if (t->group[k].count > most)
			most = t->group[k].count;
	need(d, 40 + (BAR_H + ROW_GAP) * (double)n); /* the chart whole */
	d->y += 8;
	para(d, ST_HEADING, t->title, 6);
	for (size_t k = 0; k < n; k++) {
		double w = room * (double)t->group[k].count / (double)most;

		need(d, BAR_H + ROW_GAP);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
		text_at(
		    d, ST_BODY, label_of(d->r, t, k), 0, LABEL_W, d->y, AL_END);
		fill_of(d, t, k);
		if (d->draw) {
			cairo_rectangle(d->cr, box_x(d, LABEL_W + 6, w),
			    d->y + 1, w, BAR_H - 2);
			cairo_fill(d->cr);
		}
		buf_reset(&v);
		lang_int(&v, d->r->lang, t->group[k].count);
		buf_puts(&v, " (");
		lang_percent(&v, d->r->lang, t->group[k].share);
		buf_puts(&v, ")");
		cairo_set_source_rgb(d->cr, 0.25, 0.25, 0.25);
		text_at(d, ST_SMALL, buf_str(&v), LABEL_W + 10 + w, VALUE_W,
		    d->y + 1, AL_START);
		d->y += BAR_H + ROW_GAP;
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	buf_free(&v);
}

/*
 * One row of a table: cell[i] in a column of width w[i] (the first
 * aligned at the start, the others at the end), ruled below, on the next
 * page (under the header row again) when it does not fit.  head: the
 * header row, set in bold.
 */
static void
row(Doc *d, const char *const *cell, const double *w, size_t n, int head)
{
	PangoLayout *l[12];
	double h = 0, x = 0;

	for (size_t i = 0; i < n && i < 12; i++) {
		l[i] = layout_make(d, head ? ST_BOLD : ST_BODY, cell[i],
		    w[i] - 2 * PAD, i == 0 ? AL_START : AL_END);
		if (layout_height(l[i]) > h)
			h = layout_height(l[i]);
	}
	if (!head)
		need(d, h + 2 * PAD);
	for (size_t i = 0; i < n && i < 12; i++) {
		layout_show(
		    d, l[i], box_x(d, x + PAD, w[i] - 2 * PAD), d->y + PAD);
		g_object_unref(l[i]);
		x += w[i];
	}
	d->y += h + 2 * PAD;
	rule(d, d->y, head ? 0.8 : 0.25);
}

/*
 * Begin a table: its heading and header row, kept on a page with room
 * for a few rows under them; the header row is repeated on each new page
 * until table_end().
 */
static void
table_begin(Doc *d, const char *title, const char *const *head, const double *w,
    size_t n)
{
	PangoLayout *l;
	double h = 0;

	for (size_t i = 0; i < n; i++) {
		l = layout_make(d, ST_BOLD, head[i], w[i] - 2 * PAD, AL_END);
		if (layout_height(l) > h)
			h = layout_height(l);
		g_object_unref(l);
	}
	need(d, 8 + 22 + h + 2 * PAD + 3 * 18);
	d->y += 8;
	para(d, ST_HEADING, title, 6);
	row(d, head, w, n, 1);
	d->head = head;
	d->head_w = w;
	d->head_n = n;
}

static void
table_end(Doc *d)
{
	d->head = NULL;
}

/* Entity × pillar: a row an entity, a column a pillar. */
static void
matrix(Doc *d)
{
	const AnalysisReport *r = d->r;
	const AnalysisTable *e = &r->table[AN_ENTITY],
			    *p = &r->table[AN_PILLAR];
	const char *cell[12], *head[12];
	double w[12];
	Buf num[12];
	size_t n = p->ngroup < 11 ? p->ngroup + 1 : 12;

	if (e->ngroup == 0 || p->ngroup == 0)
		return;
	w[0] = BODY_W - 70 * (double)(n - 1);
	head[0] = tr(r->lang, "Entity");
	for (size_t k = 1; k < n; k++) {
		w[k] = 70;
		head[k] = analysis_pillar_label(r->lang, p->group[k - 1].key);
		memset(&num[k], 0, sizeof(num[k]));
	}
	table_begin(
	    d, tr(r->lang, "Projects by entity and pillar"), head, w, n);
	for (size_t i = 0; i < e->ngroup; i++) {
		cell[0] = e->group[i].key;
		for (size_t k = 1; k < n; k++) {
			buf_reset(&num[k]);
			lang_int(&num[k], r->lang, analysis_cell(r, i, k - 1));
			cell[k] = buf_str(&num[k]);
		}
		row(d, cell, w, n, 0);
	}
	table_end(d);
	for (size_t k = 1; k < n; k++)
		buf_free(&num[k]);
}

static void
money_row(Doc *d, const AnalysisMoney *m, const double *w)
{
	const int64_t usd[] = { m->budget, m->received, m->shortfall };
	Buf b[5], name = BUF_INIT;
	const char *cell[6];

	buf_puts(&name, m->name);
	if (m->demo > 0)
		buf_printf(&name, " (%s)", tr(d->r->lang, "demonstration"));
	cell[0] = buf_str(&name);
	for (int i = 0; i < 5; i++)
		memset(&b[i], 0, sizeof(b[i]));
	lang_int(&b[0], d->r->lang, m->projects);
	lang_int(&b[1], d->r->lang, m->budgeted);
	for (int i = 0; i < 3; i++)
		lang_decimal(&b[2 + i], d->r->lang, (double)usd[i] / 100, 0);
	for (int i = 0; i < 5; i++)
		cell[1 + i] = buf_str(&b[i]);
	row(d, cell, w, 6, 0);
	for (int i = 0; i < 5; i++)
		buf_free(&b[i]);
	buf_free(&name);
}

static void
money(Doc *d)
{
	const char *lang = d->r->lang;
	const char *head[6] = { tr(lang, "Pillar"), tr(lang, "Projects"),
		tr(lang, "With a budget"), tr(lang, "Budget, US$"),
		tr(lang, "Received, US$"), tr(lang, "Shortfall, US$") };
	const double w[6] = { BODY_W - 5 * 74, 74, 74, 74, 74, 74 };

	table_begin(d, tr(lang, "Funding"), head, w, 6);
	for (size_t i = 0; i < d->r->nmoney; i++)
		money_row(d, &d->r->money[i], w);
	money_row(d, &d->r->total, w);
	table_end(d);
}

static void
document(Doc *d)
{
	const AnalysisReport *r = d->r;

	page_new(d);
	masthead(d);
	for (size_t i = 0; i < r->nsentence; i++)
		para(d, ST_BODY, r->sentence[i].text, 6);
	if (r->nproject == 0)
		return;
	for (int i = 0; i < AN_NBY; i++)
		if (r->table[i].ngroup > 0)
			chart(d, &r->table[i]);
	matrix(d);
	money(d);
}

static void
doc_open(Doc *d, const AnalysisReport *r, cairo_surface_t *s)
{
	static const struct {
		int size;
		const char *style;
	} st[NSTYLE] = { { 9, "" }, { 9, "Bold" }, { 11, "Bold" },
		{ 15, "Bold" }, { 8, "" } };

	memset(d, 0, sizeof(*d));
	d->r = r;
	d->rtl = lang_rtl(r->lang);
	d->cr = cairo_create(s);
	d->pc = pango_cairo_create_context(d->cr);
	pango_context_set_language(d->pc, pango_language_from_string(r->lang));
	pango_context_set_base_dir(
	    d->pc, d->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	for (int i = 0; i < NSTYLE; i++) {
		Buf b = BUF_INIT;

		buf_printf(&b, "%s %s %d", annex_pdf_families(r->lang),
		    st[i].style, st[i].size);
		d->font[i] = pango_font_description_from_string(buf_str(&b));
		buf_free(&b);
	}
}

static void
doc_close(Doc *d)
{
	for (int i = 0; i < NSTYLE; i++)
		pango_font_description_free(d->font[i]);
	g_object_unref(d->pc);
	cairo_destroy(d->cr);
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

int
analysis_pdf(const AnalysisReport *r, const char *path, Buf *err)
{
	FILE *fp;
	cairo_surface_t *s;
	cairo_status_t st;
	Buf date = BUF_INIT;
	Doc d;
	int rc = -1;

	annex_pdf_rendering();
	if ((fp = fopen(path, "wb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	s = cairo_pdf_surface_create_for_stream(write_out, fp, PAGE_W, PAGE_H);
	doc_open(&d, r, s);
	cairo_pdf_surface_set_metadata(
	    s, CAIRO_PDF_METADATA_TITLE, tr(r->lang, "Portfolio analysis"));
	cairo_pdf_surface_set_metadata(
	    s, CAIRO_PDF_METADATA_CREATOR, "ctmatrix");
	/* The date of the data, not of the run: the same data, the same PDF. */
	buf_printf(&date, "%sT00:00:00Z", r->as_of);
	cairo_pdf_surface_set_metadata(
	    s, CAIRO_PDF_METADATA_CREATE_DATE, buf_str(&date));
	document(&d);
	d.npage = d.page;
	d.page = 0;
	d.head = NULL;
	d.draw = 1;
	document(&d);
	doc_close(&d);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st == CAIRO_STATUS_SUCCESS)
		rc = 0;
	else
		buf_printf(err, "%s: %s", path, cairo_status_to_string(st));
	if (fclose(fp) != 0 && rc == 0) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(path);
	buf_free(&date);
	return rc;
}
