/*
 * annex_pdf.c - the annex matrix as a PDF (annex_pdf.h).
 *
 * The document is set twice by the same code: a measuring pass lays every
 * cell out and breaks the pages without drawing, to learn how many pages
 * there are ("Page 3 of 12" needs the total on page 1); the drawing pass
 * then makes the very same decisions and draws.  Nothing is kept from row
 * to row, so memory stays flat however long the annex is.
 *
 * A row is never split across pages unless it is taller than a page's
 * body; then every cell is cut between two of its lines, never through
 * one, and the rest goes on under the header row of the next page.
 *
 * The same machinery sets other documents made of tables of text
 * (annex_pdf_grids(): the regional report), with their own columns.
 *
 * Right to left (Arabic): the pango context's base direction is RTL, the
 * columns are mirrored (serial on the right) and every paragraph takes
 * the direction of its first strong letter, so that a title stored in
 * English still reads left to right, aligned at its own start.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "annex_pdf.h"

/*
 * A4 landscape, in points: the annex is a table of five columns of prose,
 * and landscape is how the UN prints such annexes; in portrait the
 * activities column would be a few words wide.
 */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 56.69 /* 2 cm on every side, as a UN document's A4 page */
#define BODY_W (PAGE_W - 2 * MARGIN)
#define BODY_T MARGIN
#define BODY_B (PAGE_H - MARGIN)
#define HEAD_Y 28.35 /* the running head, 1 cm from the top edge */
#define FOOT_Y (PAGE_H - 36.0)
#define PAD_X  4.0  /* inside a cell, either side */
#define PAD_Y  3.0  /* inside a cell, above and below */
#define NCOL   5    /* the annex's columns */
#define SPACE  14.0 /* before a pillar's heading */
#define KEEP_H 40.0 /* of a table's first row kept with its heading */

/* The columns' shares of the body's width, in logical order. */
static const double col_share[NCOL] = { 0.052, 0.30, 0.12, 0.348, 0.18 };

/* The text styles of the document. */
enum { ST_BODY, ST_HEAD, ST_HEADING, ST_TITLE, ST_SMALL, NSTYLE };

typedef struct Pdf {
	const PdfDoc *doc;    /* the document's texts */
	const AnnexReport *r; /* the annex being set, or NULL (grids) */
	const PdfGrid *grid;  /* the grids being set (r NULL), ngrid */
	size_t ngrid;
	cairo_t *cr;      /* on the PDF surface */
	PangoContext *pc; /* of cr: fonts, language, base direction */
	PangoFontDescription *font[NSTYLE];
	int ncol;                      /* the columns of the table being set */
	PangoLayout *head[PDF_MAXCOL]; /* its header row */
	double head_h;                 /* its height, padding included */
	int rtl;                       /* right to left: columns mirrored */
	int draw;                      /* 0: the measuring pass draws nothing */
	int page;                      /* the page being filled, from 1 */
	int npage;            /* pages in all (after the measuring pass) */
	double y;             /* the top of the page's free space */
	double top;           /* the top of the page's body, below its header */
	double x[PDF_MAXCOL]; /* each logical column's left edge */
	double w[PDF_MAXCOL]; /* and its width */
	int in_table;         /* a table is being set: its header row goes on a
			 new page */
} Pdf;

/*
 * The font families of a language, first choice first; fontconfig falls
 * back, glyph by glyph, on whatever else is installed.  Chinese comes
 * from Debian's fonts-noto-cjk (tools/deps installs it).
 */
const char *
annex_pdf_families(const char *lang)
{
	if (strcmp(lang, "ar") == 0)
		return "Noto Sans, Noto Sans Arabic, DejaVu Sans";
	if (strcmp(lang, "zh") == 0)
		return "Noto Sans CJK SC, Noto Sans, DejaVu Sans";
	return "Noto Sans, DejaVu Sans";
}

/*
 * A paragraph of text in a style, wrapped at width points (<= 0: not
 * wrapped), aligned at the start of its own direction, or centred.  The
 * text is set as it is, never read as markup.  The caller unrefs it.
 */
static PangoLayout *
layout_make(Pdf *p, int style, const char *text, double width, int centre)
{
	PangoLayout *l = pango_layout_new(p->pc);
	char *valid = NULL;

	if (!g_utf8_validate(text, -1, NULL))
		text = valid = g_utf8_make_valid(text, -1);
	pango_layout_set_font_description(l, p->font[style]);
	if (width > 0) {
		pango_layout_set_width(l, pango_units_from_double(width));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	/* With auto-dir (the default), pango swaps left and right for a
	 * paragraph whose direction is not the context's: so "right" in an
	 * RTL context is the start of every paragraph. */
	pango_layout_set_alignment(l,
	    centre       ? PANGO_ALIGN_CENTER
		: p->rtl ? PANGO_ALIGN_RIGHT
			 : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, text, -1);
	g_free(valid);
	return l;
}

/* The height of a layout in points. */
static double
layout_height(PangoLayout *l)
{
	int h;

	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

/* Draw l with its top left corner at (x, y), in the drawing pass. */
static void
layout_draw(Pdf *p, PangoLayout *l, double x, double y)
{
	if (!p->draw)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/*
 * One line of text at height y, at the start (end 0) or the end (end 1)
 * of the body's width as the document reads, or centred (end -1).
 * Returns its height.
 */
static double
line_draw(Pdf *p, int style, const char *text, double y, int end)
{
	PangoLayout *l = layout_make(p, style, text, 0, 0);
	double x, w, h = layout_height(l);
	int wu;

	pango_layout_get_size(l, &wu, NULL);
	w = (double)wu / PANGO_SCALE;
	if (end < 0)
		x = (PAGE_W - w) / 2;
	else if (end != p->rtl)
		x = PAGE_W - MARGIN - w;
	else
		x = MARGIN;
	layout_draw(p, l, x, y);
	g_object_unref(l);
	return h;
}

/* A horizontal rule across the body at height y, width lw points. */
static void
rule_draw(Pdf *p, double y, double lw)
{
	if (!p->draw)
		return;
	cairo_set_line_width(p->cr, lw);
	cairo_move_to(p->cr, MARGIN, y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, y);
	cairo_stroke(p->cr);
}

/*
 * Where a cell's text can be cut so that the part from `from` (pango
 * units from the layout's top, a line's top) fits in room: the bottom of
 * the last whole line that fits.  With force, one line at least.
 */
static int
line_cut(PangoLayout *l, int from, int room, int force)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoRectangle r;
	int cut = from;

	do {
		pango_layout_iter_get_line_extents(it, NULL, &r);
		if (r.y < from)
			continue;
		if (r.y + r.height - from > room && !(force && cut == from))
			break;
		cut = r.y + r.height;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return cut;
}

/*
 * Set at p->y the part of a row that fits in the rest of the page: each
 * cell from where it stopped (done[i], pango units) to its last whole
 * line that fits; done moves on and p->y goes down.  With force, a line
 * of each cell at least.  Returns 1 when the whole row is set.
 */
static int
cells_set(Pdf *p, PangoLayout **cell, int *done, int force)
{
	int cut[PDF_MAXCOL], most = 0, whole = 1, h;
	int room = pango_units_from_double(BODY_B - p->y - 2 * PAD_Y);

	for (int i = 0; i < p->ncol; i++) {
		cut[i] = line_cut(cell[i], done[i], room, force);
		pango_layout_get_size(cell[i], NULL, &h);
		if (cut[i] - done[i] > most)
			most = cut[i] - done[i];
		if (done[i] != 0 || cut[i] != h)
			whole = 0;
	}
	for (int i = 0; i < p->ncol && p->draw && most > 0; i++) {
		double top = p->y + PAD_Y;

		cairo_save(p->cr);
		if (!whole) {
			/* Only this page's lines of a split cell. */
			cairo_rectangle(p->cr, p->x[i], top, p->w[i],
			    (double)(cut[i] - done[i]) / PANGO_SCALE);
			cairo_clip(p->cr);
		}
		layout_draw(p, cell[i], p->x[i] + PAD_X,
		    top - (double)done[i] / PANGO_SCALE);
		cairo_restore(p->cr);
	}
	if (most > 0)
		p->y += (double)most / PANGO_SCALE + 2 * PAD_Y;
	whole = 1;
	for (int i = 0; i < p->ncol; i++) {
		done[i] = cut[i];
		pango_layout_get_size(cell[i], NULL, &h);
		if (done[i] < h)
			whole = 0;
	}
	return whole;
}

/* The height of a row, padding included. */
static double
cells_height(const Pdf *p, PangoLayout **cell)
{
	double most = 0;

	for (int i = 0; i < p->ncol; i++)
		if (layout_height(cell[i]) > most)
			most = layout_height(cell[i]);
	return most + 2 * PAD_Y;
}

static void
cells_free(PangoLayout **cell)
{
	for (int i = 0; i < PDF_MAXCOL; i++)
		if (cell[i] != NULL) {
			g_object_unref(cell[i]);
			cell[i] = NULL;
		}
}

/* The header row at p->y, ruled above and below. */
static void
header_set(Pdf *p)
{
	int done[PDF_MAXCOL] = { 0 };

	rule_draw(p, p->y, 0.8);
	cells_set(p, p->head, done, 1);
	rule_draw(p, p->y, 0.8);
}

/*
 * The first page's masthead: the symbol (or "Annex") and the date at the
 * end of the line, a rule, then the heading and the title, centred.
 */
static void
masthead_set(Pdf *p)
{
	const PdfDoc *d = p->doc;
	PangoLayout *l;

	p->y = HEAD_Y;
	p->y += line_draw(p, ST_HEADING, d->running, p->y, 1);
	p->y += line_draw(p, ST_SMALL, d->date, p->y, 1) + 3;
	rule_draw(p, p->y, 0.8);
	p->y += 12;
	if (d->heading != NULL) {
		l = layout_make(p, ST_HEADING, d->heading, BODY_W, 1);
		layout_draw(p, l, MARGIN, p->y);
		p->y += layout_height(l) + 4;
		g_object_unref(l);
	}
	l = layout_make(p, ST_TITLE, d->title, BODY_W, 1);
	layout_draw(p, l, MARGIN, p->y);
	p->y += layout_height(l) + 6;
	g_object_unref(l);
}

/*
 * Begin a page: finish the last one, set the running head (the masthead
 * on page 1) and the foot, and the header row of the table being set.
 */
static void
page_begin(Pdf *p)
{
	Buf b = BUF_INIT;

	if (p->page > 0 && p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = BODY_T;
	if (p->page == 1) {
		masthead_set(p);
	} else {
		/* The symbol on the outer side: the end on odd pages. */
		double h = line_draw(
		    p, ST_SMALL, p->doc->running, HEAD_Y, p->page % 2);

		rule_draw(p, HEAD_Y + h + 2, 0.4);
	}
	p->doc->foot(&b, p->doc->lang, p->page, p->npage);
	line_draw(p, ST_SMALL, buf_str(&b), FOOT_Y, -1);
	buf_free(&b);
	if (p->in_table)
		header_set(p);
	p->top = p->y;
}

/* A row's five cells; the caller frees them (cells_free). */
static void
row_make(Pdf *p, const AnnexRow *row, PangoLayout **cell)
{
	Buf b = BUF_INIT;
	PangoAttrList *bold;
	PangoAttribute *a;

	if (row->serial >= 0)
		buf_printf(&b, "%lld", (long long)row->serial);
	cell[0] = layout_make(p, ST_BODY, buf_str(&b), p->w[0] - 2 * PAD_X, 0);
	buf_set(&b, row->title);
	if (row->period[0] != '\0')
		buf_printf(&b, " (%s)", row->period);
	if (row->entities[0] != '\0') {
		size_t from = b.len + 1;

		buf_printf(&b, "\n%s", row->entities);
		bold = pango_attr_list_new();
		a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = (guint)from;
		a->end_index = (guint)b.len;
		pango_attr_list_insert(bold, a);
	} else {
		bold = NULL;
	}
	cell[1] = layout_make(p, ST_BODY, buf_str(&b), p->w[1] - 2 * PAD_X, 0);
	if (bold != NULL) {
		pango_layout_set_attributes(cell[1], bold);
		pango_attr_list_unref(bold);
	}
	cell[2] = layout_make(p, ST_BODY,
	    annex_status_name(p->doc->lang, row->status), p->w[2] - 2 * PAD_X,
	    0);
	cell[3] =
	    layout_make(p, ST_BODY, row->activities, p->w[3] - 2 * PAD_X, 0);
	cell[4] =
	    layout_make(p, ST_BODY, row->scope_name, p->w[4] - 2 * PAD_X, 0);
	buf_free(&b);
}

/*
 * Set a row at p->y: on this page if it fits, else on the next; a row
 * taller than a page begins here when half a page is left, and goes on
 * from page to page.
 */
static void
row_set(Pdf *p, PangoLayout **cell)
{
	int done[PDF_MAXCOL] = { 0 };
	double h = cells_height(p, cell), full = BODY_B - BODY_T - p->head_h;

	if (p->y + h > BODY_B && (h <= full || BODY_B - p->y < full / 2))
		page_begin(p);
	while (!cells_set(p, cell, done, p->y == p->top)) {
		rule_draw(p, p->y, 0.25);
		page_begin(p);
	}
	rule_draw(p, p->y, 0.25);
}

/* The heading of a table: "Pillar I of the ... Strategy — 120 projects". */
static void
heading_text(Buf *b, const char *lang, const AnnexTable *tab)
{
	if (tab->number >= 1 && tab->number <= 4)
		annex_heading(lang, tab, b);
	else
		buf_puts(b, tab->full_name);
	buf_puts(b, " — ");
	annex_count(lang, tab->nrow, b);
}

/*
 * The columns of a table: n of them, their shares of the body's width in
 * logical order (mirrored right to left), the header row's texts.
 */
static void
columns_set(Pdf *p, int n, const double *share, const char *const *head)
{
	double x = MARGIN;

	cells_free(p->head);
	p->ncol = n;
	for (int i = 0; i < n; i++) {
		p->w[i] = share[i] * BODY_W;
		p->x[i] = p->rtl ? PAGE_W - x - p->w[i] : x;
		x += p->w[i];
	}
	for (int i = 0; i < n; i++)
		p->head[i] =
		    layout_make(p, ST_HEAD, head[i], p->w[i] - 2 * PAD_X, 0);
	p->head_h = cells_height(p, p->head);
}

/*
 * The start of a table: its heading (and sub-heading, or NULL), kept on
 * one page with the header row and the start of the first row (first,
 * or NULL when there is none); then the header row.
 */
static void
table_begin(Pdf *p, const char *heading, const char *sub, PangoLayout **first)
{
	PangoLayout *h = layout_make(p, ST_HEADING, heading, BODY_W, 0);
	PangoLayout *s = NULL;
	double need = layout_height(h) + 4;

	if (sub != NULL && *sub != '\0') {
		s = layout_make(p, ST_BODY, sub, BODY_W, 0);
		need += layout_height(s) + 4;
	}
	p->in_table = 0;
	if (p->y > p->top)
		p->y += SPACE;
	if (first != NULL)
		need += fmin(cells_height(p, first), KEEP_H);
	if (p->y + need + p->head_h > BODY_B)
		page_begin(p);
	layout_draw(p, h, MARGIN, p->y);
	p->y += layout_height(h) + 4;
	if (s != NULL) {
		layout_draw(p, s, MARGIN, p->y);
		p->y += layout_height(s) + 4;
		g_object_unref(s);
	}
	g_object_unref(h);
	p->in_table = 1;
	header_set(p);
}

/* A table of the annex: its heading, then its rows. */
static void
table_set(Pdf *p, const AnnexTable *tab)
{
	Buf b = BUF_INIT;
	PangoLayout *cell[PDF_MAXCOL] = { NULL };

	heading_text(&b, p->doc->lang, tab);
	row_make(p, &tab->row[0], cell);
	table_begin(
	    p, buf_str(&b), tab->number >= 1 ? tab->full_name : NULL, cell);
	for (size_t i = 0; i < tab->nrow; i++) {
		if (i > 0)
			row_make(p, &tab->row[i], cell);
		row_set(p, cell);
		cells_free(cell);
	}
	p->in_table = 0;
	buf_free(&b);
}

/* Row k of grid g's cells; the caller frees them (cells_free). */
static void
grid_row(Pdf *p, const PdfGrid *g, size_t k, PangoLayout **cell)
{
	const char *const *text = g->cell + k * g->ncol;

	for (int i = 0; i < p->ncol; i++) {
		cell[i] =
		    layout_make(p, ST_BODY, text[i], p->w[i] - 2 * PAD_X, 0);
		if (g->bold_from > 0 && k >= g->bold_from) {
			PangoAttrList *l = pango_attr_list_new();

			pango_attr_list_insert(
			    l, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
			pango_layout_set_attributes(cell[i], l);
			pango_attr_list_unref(l);
		}
		if (g->end != NULL && g->end[i])
			/* A number: at the column's end as the page reads. */
			pango_layout_set_alignment(cell[i],
			    p->rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
	}
}

/* A grid: its columns, heading and rows. */
static void
grid_set(Pdf *p, const PdfGrid *g)
{
	PangoLayout *cell[PDF_MAXCOL] = { NULL };

	columns_set(p, (int)g->ncol, g->share, g->head);
	if (g->nrow > 0)
		grid_row(p, g, 0, cell);
	table_begin(p, g->heading, g->sub, g->nrow > 0 ? cell : NULL);
	for (size_t k = 0; k < g->nrow; k++) {
		if (k > 0)
			grid_row(p, g, k, cell);
		row_set(p, cell);
		cells_free(cell);
	}
	p->in_table = 0;
}

/* The whole document, from page 1. */
static void
document_set(Pdf *p)
{
	p->page = 0;
	p->in_table = 0;
	page_begin(p);
	for (size_t i = 0; i < p->ngrid; i++)
		grid_set(p, &p->grid[i]);
	if (p->r == NULL)
		return;
	for (size_t i = 0; i < p->r->ntable; i++)
		if (p->r->table[i].nrow > 0)
			table_set(p, &p->r->table[i]);
	if (p->r->nproject == 0) {
		PangoLayout *l = layout_make(
		    p, ST_BODY, tr(p->doc->lang, "No projects."), BODY_W, 0);

		layout_draw(p, l, MARGIN, p->y + SPACE);
		g_object_unref(l);
	}
}

/* Fonts of the document's language, and its direction. */
static void
pdf_open(Pdf *p, const PdfDoc *d, cairo_surface_t *s)
{
	static const struct {
		int size;          /* points */
		const char *style; /* for pango_font_description_from_string */
	} st[NSTYLE] = { { 8, "" }, { 8, NULL }, { 10, "Bold" }, { 12, "Bold" },
		{ 8, "" } };

	memset(p, 0, sizeof(*p));
	p->doc = d;
	p->rtl = lang_rtl(d->lang);
	p->cr = cairo_create(s);
	p->pc = pango_cairo_create_context(p->cr);
	pango_context_set_language(p->pc, pango_language_from_string(d->lang));
	pango_context_set_base_dir(
	    p->pc, p->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	for (int i = 0; i < NSTYLE; i++) {
		Buf b = BUF_INIT;

		/* The header row in italics, but for scripts that have
		 * none (Arabic, Chinese): a slanted script is false. */
		buf_printf(&b, "%s %s %d", annex_pdf_families(d->lang),
		    st[i].style                                ? st[i].style
			: p->rtl || strcmp(d->lang, "zh") == 0 ? "Bold"
							       : "Italic",
		    st[i].size);
		p->font[i] = pango_font_description_from_string(buf_str(&b));
		buf_free(&b);
	}
}

static void
pdf_close(Pdf *p)
{
	cells_free(p->head);
	for (int i = 0; i < NSTYLE; i++)
		pango_font_description_free(p->font[i]);
	g_object_unref(p->pc);
	cairo_destroy(p->cr);
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
}

/* Whether this process has rendered a PDF (annex_pdf_fini). */
static volatile int rendered;

void
annex_pdf_rendering(void)
{
	rendered = 1;
}

void
annex_pdf_fini(void)
{
	if (!rendered)
		return;
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
	rendered = 0;
}

/*
 * Set the document d (the annex r when not NULL, after the grids g) as a
 * PDF at path (NULL: standard output).  0, or -1 with err.
 */
static int
pdf_write(const PdfDoc *d, const AnnexReport *r, const PdfGrid *g, size_t ng,
    const char *path, Buf *err)
{
	FILE *fp = stdout;
	cairo_surface_t *s;
	cairo_status_t st;
	Buf date = BUF_INIT;
	Pdf p;
	int rc = -1;

	rendered = 1;

	if (path != NULL && (fp = fopen(path, "wb")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	s = cairo_pdf_surface_create_for_stream(write_out, fp, PAGE_W, PAGE_H);
	pdf_open(&p, d, s);
	p.r = r;
	p.grid = g;
	p.ngrid = ng;
	if (r != NULL) {
		const char *col[NCOL];

		for (int i = 0; i < NCOL; i++)
			col[i] = annex_column(d->lang, i);
		columns_set(&p, NCOL, col_share, col);
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(
	    s, CAIRO_PDF_METADATA_CREATOR, "ctmatrix");
	/* The date of the data, not of the run: the same data, the same PDF. */
	buf_printf(&date, "%sT00:00:00Z", d->as_of);
	cairo_pdf_surface_set_metadata(
	    s, CAIRO_PDF_METADATA_CREATE_DATE, buf_str(&date));
	document_set(&p);
	p.npage = p.page;
	p.draw = 1;
	document_set(&p);
	pdf_close(&p);
	cairo_surface_finish(s);
	st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st == CAIRO_STATUS_SUCCESS)
		rc = 0;
	else
		buf_printf(err, "%s: %s", path ? path : "standard output",
		    cairo_status_to_string(st));
	if (fp != stdout ? fclose(fp) != 0 : fflush(fp) != 0) {
		if (rc == 0)
			buf_printf(err, "%s: %s",
			    path ? path : "standard output", strerror(errno));
		rc = -1;
	}
	if (rc != 0 && path != NULL)
		unlink(path);
	buf_free(&date);
	return rc;
}

/* "Page 3 of 12" in the annex's language. */
static void
annex_foot(Buf *out, const char *lang, int page, int npage)
{
	Buf n = BUF_INIT, of = BUF_INIT;

	lang_int(&n, lang, page);
	lang_int(&of, lang, npage);
	buf_printf(out, tr(lang, "Page %s of %s"), buf_str(&n), buf_str(&of));
	buf_free(&n);
	buf_free(&of);
}

int
annex_pdf(const AnnexReport *r, const char *path, Buf *err)
{
	Buf date = BUF_INIT;
	PdfDoc d;
	int rc;

	lang_date(&date, r->lang, r->as_of);
	memset(&d, 0, sizeof(d));
	d.lang = r->lang;
	d.as_of = r->as_of;
	d.date = buf_str(&date);
	d.running = r->symbol ? r->symbol : tr(r->lang, "Annex");
	d.heading = r->symbol ? tr(r->lang, "Annex") : NULL;
	d.title = annex_title(r);
	d.foot = annex_foot;
	rc = pdf_write(&d, r, NULL, 0, path, err);
	buf_free(&date);
	return rc;
}

int
annex_pdf_grids(
    const PdfDoc *d, const PdfGrid *g, size_t ng, const char *path, Buf *err)
{
	for (size_t i = 0; i < ng; i++)
		if (g[i].ncol < 1 || g[i].ncol > PDF_MAXCOL) {
			buf_printf(err, "a table of %zu columns", g[i].ncol);
			return -1;
		}
	return pdf_write(d, NULL, g, ng, path, err);
}
