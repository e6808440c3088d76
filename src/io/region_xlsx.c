/*
 * region_xlsx.c - a region's activities as an Excel workbook
 * (region_render.h), through libxlsxwriter: a sheet of the counts
 * (country by pillar, then the region as a whole and the totals) and a
 * sheet of the projects, each under a title row, with a header row that
 * stays in view (frozen) and carries the filters.
 *
 * Counts are numbers, every other cell a string (never a formula).
 * Columns are as wide as their longest text, up to WIDTH_MAX characters,
 * wrapped past it.  The workbook's date is the report's, so that the same
 * data gives the same bytes on the command line and on the web.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "region_render.h"

#define WIDTH_MAX 60
#define HEAD_ROW  1 /* row 0 holds the title */
#define NPCOL     6 /* the projects' columns */

typedef struct Styles {
	lxw_format *title, *head, *text, *wrap, *bold;
} Styles;

/* A column's width for texts as wide as w characters at most. */
static void
column(lxw_worksheet *ws, int c, size_t w, const Styles *st)
{
	worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
	    (double)(w > WIDTH_MAX ? WIDTH_MAX : w) + 3,
	    w > WIDTH_MAX ? st->wrap : st->text);
}

static size_t
wider(size_t w, const char *s)
{
	size_t sw = utf8_width(s);

	return sw > w ? sw : w;
}

static lxw_error
counts_sheet(lxw_workbook *wb, const RegionReport *r, const Styles *st)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, tr(r->lang, "Counts"));
	Buf b = BUF_INIT;
	size_t w = utf8_width(tr(r->lang, "Country"));
	lxw_col_t last = (lxw_col_t)(r->npillar + 1);
	lxw_row_t rw = HEAD_ROW;
	lxw_error e = LXW_NO_ERROR;

	if (ws == NULL)
		return LXW_ERROR_PARAMETER_VALIDATION;
	worksheet_write_string(ws, 0, 0, r->title, st->title);
	worksheet_write_string(ws, rw, 0, tr(r->lang, "Country"), st->head);
	for (size_t i = 0; i < r->npillar; i++) {
		buf_reset(&b);
		region_pillar_head(r, i, &b);
		worksheet_write_string(
		    ws, rw, (lxw_col_t)(i + 1), buf_str(&b), st->head);
		column(ws, (int)i + 1, utf8_width(buf_str(&b)), st);
	}
	worksheet_write_string(ws, rw, last, tr(r->lang, "Total"), st->head);
	column(ws, (int)last, utf8_width(tr(r->lang, "Total")), st);
	for (size_t k = 0; k < r->nrow && e == LXW_NO_ERROR; k++) {
		rw++;
		e = worksheet_write_string(ws, rw, 0, r->row[k].name, NULL);
		w = wider(w, r->row[k].name);
		for (size_t i = 0; i < r->npillar; i++)
			worksheet_write_number(ws, rw, (lxw_col_t)(i + 1),
			    (double)r->row[k].count[i], NULL);
		worksheet_write_number(
		    ws, rw, last, (double)r->row[k].total, NULL);
	}
	worksheet_autofilter(ws, HEAD_ROW, 0, rw, last);
	rw++;
	worksheet_write_string(
	    ws, rw, 0, tr(r->lang, "Total (each project once)"), st->bold);
	w = wider(w, tr(r->lang, "Total (each project once)"));
	for (size_t i = 0; i < r->npillar; i++)
		worksheet_write_number(ws, rw, (lxw_col_t)(i + 1),
		    (double)r->pillar[i].total, st->bold);
	worksheet_write_number(ws, rw, last, (double)r->total, st->bold);
	column(ws, 0, w, st);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
	if (lang_rtl(r->lang))
		worksheet_right_to_left(ws);
	buf_free(&b);
	return e;
}

/* The cells of project x, into cell (cell[0] in num). */
static void
project_cells(const RegionReport *r, const RegionProject *x, Buf *num,
    const char *cell[NPCOL])
{
	buf_reset(num);
	region_project_number(x, num);
	cell[0] = buf_str(num);
	cell[1] = x->title;
	cell[2] = x->period;
	cell[3] = x->entities;
	cell[4] = region_status_name(r, x->status);
	cell[5] = x->countries;
}

static lxw_error
projects_sheet(lxw_workbook *wb, const RegionReport *r, const Styles *st)
{
	static const char *const head[NPCOL] = { N_("No."), N_("Title"),
		N_("Period"), N_("Entities"), N_("Status"), N_("Countries") };
	lxw_worksheet *ws = workbook_add_worksheet(wb, tr(r->lang, "Projects"));
	const char *cell[NPCOL];
	size_t w[NPCOL];
	Buf num = BUF_INIT;
	lxw_error e = LXW_NO_ERROR;

	if (ws == NULL)
		return LXW_ERROR_PARAMETER_VALIDATION;
	worksheet_write_string(ws, 0, 0, r->title, st->title);
	for (int c = 0; c < NPCOL; c++) {
		worksheet_write_string(
		    ws, HEAD_ROW, (lxw_col_t)c, tr(r->lang, head[c]), st->head);
		w[c] = utf8_width(tr(r->lang, head[c]));
	}
	for (size_t k = 0; k < r->nproject && e == LXW_NO_ERROR; k++) {
		project_cells(r, &r->project[k], &num, cell);
		for (int c = 0; c < NPCOL && e == LXW_NO_ERROR; c++) {
			w[c] = wider(w[c], cell[c]);
			if (*cell[c])
				e = worksheet_write_string(ws,
				    (lxw_row_t)(HEAD_ROW + 1 + k), (lxw_col_t)c,
				    cell[c], NULL);
		}
	}
	for (int c = 0; c < NPCOL; c++)
		column(ws, c, w[c], st);
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
	worksheet_autofilter(
	    ws, HEAD_ROW, 0, (lxw_row_t)(HEAD_ROW + r->nproject), NPCOL - 1);
	if (lang_rtl(r->lang))
		worksheet_right_to_left(ws);
	buf_free(&num);
	return e;
}

static void
styles_make(lxw_workbook *wb, Styles *st)
{
	st->title = workbook_add_format(wb);
	format_set_bold(st->title);
	format_set_font_size(st->title, 14);
	st->head = workbook_add_format(wb);
	format_set_bold(st->head);
	format_set_bg_color(st->head, 0xE6E6E6);
	format_set_border(st->head, LXW_BORDER_THIN);
	format_set_text_wrap(st->head);
	format_set_align(st->head, LXW_ALIGN_VERTICAL_TOP);
	st->text = workbook_add_format(wb);
	format_set_align(st->text, LXW_ALIGN_VERTICAL_TOP);
	st->wrap = workbook_add_format(wb);
	format_set_text_wrap(st->wrap);
	format_set_align(st->wrap, LXW_ALIGN_VERTICAL_TOP);
	st->bold = workbook_add_format(wb);
	format_set_bold(st->bold);
}

int
region_xlsx(const RegionReport *r, const char *path, Buf *err)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_doc_properties props;
	struct tm tm;
	Styles st;
	lxw_error e, e2;
	char *title;

	if (wb == NULL) {
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
	props.title = title = xstrdup(r->title);
	workbook_set_properties(wb, &props);
	styles_make(wb, &st);
	e = counts_sheet(wb, r, &st);
	if (e == LXW_NO_ERROR)
		e = projects_sheet(wb, r, &st);
	e2 = workbook_close(wb);
	free(title);
	if (e == LXW_NO_ERROR)
		e = e2;
	if (e != LXW_NO_ERROR) {
		buf_printf(err, "%s: %s", path, lxw_strerror(e));
		return -1;
	}
	return 0;
}
