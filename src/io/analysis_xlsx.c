/*
 * analysis_xlsx.c - the portfolio analysis as an Excel workbook
 * (analysis_render.h), through libxlsxwriter: a sheet of the sentences,
 * then a sheet a grouping (pillar, scope, status, entity: key, name,
 * projects, share), one of entity × pillar and one of the money, each
 * with a title row and a frozen header row.
 *
 * Counts and sums are numbers (shares formatted as percentages, sums in
 * US dollars with cents), texts are strings, never formulas.  The
 * workbook's creation time is the report's date, so that the same data
 * gives the same bytes on the command line and on the web.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "../text/lang.h"
#include "analysis_render.h"

#define HEAD_ROW 2 /* row 0 holds the title */

typedef struct Styles {
	lxw_format *title, *head, *wrap, *share, *usd;
} Styles;

typedef struct Book {
	lxw_workbook *wb;
	const AnalysisReport *r;
	Styles st;
	lxw_error e; /* the first error met */
} Book;

/* A new sheet called name (translated) with its title and header row. */
static lxw_worksheet *
sheet_new(Book *b, const char *name, const char *title, const char *const *head,
    int nhead)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, tr(b->r->lang, name));

	if (ws == NULL) {
		b->e = LXW_ERROR_SHEETNAME_ALREADY_USED;
		return NULL;
	}
	worksheet_write_string(ws, 0, 0, title, b->st.title);
	for (int c = 0; c < nhead; c++) {
		worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c,
		    tr(b->r->lang, head[c]), b->st.head);
		worksheet_set_column(
		    ws, (lxw_col_t)c, (lxw_col_t)c, c == 1 ? 40 : 16, NULL);
	}
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
	return ws;
}

static void
note(Book *b, lxw_error e)
{
	if (b->e == LXW_NO_ERROR)
		b->e = e;
}

static void
summary_sheet(Book *b)
{
	static const char *const head[] = { N_("Sentence") };
	lxw_worksheet *ws = sheet_new(
	    b, N_("Summary"), tr(b->r->lang, "Portfolio analysis"), head, 1);

	if (ws == NULL)
		return;
	worksheet_set_column(ws, 0, 0, 100, b->st.wrap);
	for (size_t i = 0; i < b->r->nsentence; i++)
		note(b,
		    worksheet_write_string(ws, (lxw_row_t)(HEAD_ROW + 1 + i), 0,
			b->r->sentence[i].text, NULL));
}

static void
group_sheet(Book *b, const AnalysisTable *t, const char *name)
{
	static const char *const head[] = { N_("Key"), N_("Name"),
		N_("Projects"), N_("Share") };
	lxw_worksheet *ws = sheet_new(b, name, t->title, head, 4);

	for (size_t k = 0; ws != NULL && k < t->ngroup; k++) {
		lxw_row_t rw = (lxw_row_t)(HEAD_ROW + 1 + k);
		const AnalysisGroup *g = &t->group[k];

		note(b, worksheet_write_string(ws, rw, 0, g->key, NULL));
		note(b, worksheet_write_string(ws, rw, 1, g->name, NULL));
		worksheet_write_number(ws, rw, 2, (double)g->count, NULL);
		worksheet_write_number(ws, rw, 3, g->share, b->st.share);
	}
}

static void
matrix_sheet(Book *b)
{
	const AnalysisReport *r = b->r;
	const AnalysisTable *e = &r->table[AN_ENTITY],
			    *p = &r->table[AN_PILLAR];
	static const char *const head[] = { N_("Key"), N_("Name") };
	lxw_worksheet *ws = sheet_new(b, N_("Entities by pillar"),
	    tr(r->lang, "Projects by entity and pillar"), head, 2);

	if (ws == NULL)
		return;
	for (size_t k = 0; k < p->ngroup; k++)
		worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)(2 + k),
		    analysis_pillar_label(r->lang, p->group[k].key),
		    b->st.head);
	for (size_t i = 0; i < e->ngroup; i++) {
		lxw_row_t rw = (lxw_row_t)(HEAD_ROW + 1 + i);

		note(b,
		    worksheet_write_string(ws, rw, 0, e->group[i].key, NULL));
		note(b,
		    worksheet_write_string(ws, rw, 1, e->group[i].name, NULL));
		for (size_t k = 0; k < p->ngroup; k++)
			worksheet_write_number(ws, rw, (lxw_col_t)(2 + k),
			    (double)analysis_cell(r, i, k), NULL);
	}
}

static void
money_row(Book *b, lxw_worksheet *ws, lxw_row_t rw, const AnalysisMoney *m)
{
	const double v[] = { (double)m->projects, (double)m->budgeted,
		(double)m->budget / 100, (double)m->received / 100,
		(double)m->shortfall / 100, (double)m->demo };

	note(b, worksheet_write_string(ws, rw, 0, m->key, NULL));
	note(b, worksheet_write_string(ws, rw, 1, m->name, NULL));
	for (int c = 0; c < 6; c++)
		worksheet_write_number(ws, rw, (lxw_col_t)(2 + c), v[c],
		    c >= 2 && c <= 4 ? b->st.usd : NULL);
}

static void
money_sheet(Book *b)
{
	static const char *const head[] = { N_("Key"), N_("Name"),
		N_("Projects"), N_("With a budget"), N_("Budget, US$"),
		N_("Received, US$"), N_("Shortfall, US$"),
		N_("Counting demonstration records") };
	lxw_worksheet *ws =
	    sheet_new(b, N_("Funding"), tr(b->r->lang, "Funding"), head, 8);
	size_t i;

	for (i = 0; ws != NULL && i < b->r->nmoney; i++)
		money_row(
		    b, ws, (lxw_row_t)(HEAD_ROW + 1 + i), &b->r->money[i]);
	if (ws != NULL)
		money_row(b, ws, (lxw_row_t)(HEAD_ROW + 1 + i), &b->r->total);
}

static void
styles_make(Book *b)
{
	b->st.title = workbook_add_format(b->wb);
	format_set_bold(b->st.title);
	format_set_font_size(b->st.title, 14);
	b->st.head = workbook_add_format(b->wb);
	format_set_bold(b->st.head);
	format_set_bg_color(b->st.head, 0xE6E6E6);
	format_set_border(b->st.head, LXW_BORDER_THIN);
	b->st.wrap = workbook_add_format(b->wb);
	format_set_text_wrap(b->st.wrap);
	format_set_align(b->st.wrap, LXW_ALIGN_VERTICAL_TOP);
	b->st.share = workbook_add_format(b->wb);
	format_set_num_format(b->st.share, "0.0%");
	b->st.usd = workbook_add_format(b->wb);
	format_set_num_format(b->st.usd, "#,##0.00");
}

int
analysis_xlsx(const AnalysisReport *r, const char *path, Buf *err)
{
	static const char *const names[AN_NBY] = { N_("Pillars"), N_("Scope"),
		N_("Status"), N_("Entities") };
	Book b = { .wb = workbook_new(path), .r = r, .e = LXW_NO_ERROR };
	lxw_doc_properties props;
	struct tm tm;
	lxw_error e;

	if (b.wb == NULL) {
		buf_printf(err, "%s: cannot make the workbook", path);
		return -1;
	}
	memset(&props, 0, sizeof(props));
	memset(&tm, 0, sizeof(tm));
	if (sscanf(r->as_of, "%d-%d-%d", &tm.tm_year, &tm.tm_mon,
		&tm.tm_mday) == 3) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		props.created = timegm(&tm);
	}
	props.title = (char *)(uintptr_t)tr(r->lang, "Portfolio analysis");
	workbook_set_properties(b.wb, &props);
	styles_make(&b);
	summary_sheet(&b);
	for (int i = 0; i < AN_NBY; i++)
		group_sheet(&b, &r->table[i], names[i]);
	matrix_sheet(&b);
	money_sheet(&b);
	e = workbook_close(b.wb);
	if (b.e == LXW_NO_ERROR)
		b.e = e;
	if (b.e != LXW_NO_ERROR) {
		buf_printf(err, "%s: %s", path, lxw_strerror(b.e));
		return -1;
	}
	return 0;
}
