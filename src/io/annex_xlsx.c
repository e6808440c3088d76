/*
 * annex_xlsx.c - the annex as an Excel workbook (annex_render.h), through
 * libxlsxwriter: a sheet a pillar ("Pillar I", in the report's language;
 * right to left in Arabic), two title rows, then a
 * header row that stays in view (frozen) and carries the filters, then a
 * row a project.  The title, the period and the entities have columns of
 * their own here, so that a reader can sort and filter by each.
 *
 * The serial is a number, every other cell a string (never a formula,
 * whatever it starts with).  Columns are as wide as their longest line,
 * up to WIDTH_MAX characters; a column that would be wider wraps.  The
 * workbook's creation time is the report's date, so that the same data
 * gives the same bytes on the command line and on the web.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "annex_render.h"

#define WIDTH_MAX 60
#define NCOL      7
#define HEAD_ROW  2 /* rows 0 and 1 hold the titles */

static const char *const heads[NCOL] = { N_("Serial"), N_("Project title"),
	N_("Duration"), N_("Entities"), N_("Status of implementation"),
	N_("Main activities"), N_("Geographical scope") };

/* The formats a sheet uses. */
typedef struct Styles {
	lxw_format *title, *subtitle, *head, *text, *wrap, *number;
} Styles;

/* Width of the longest line of s, in characters (wide ones count 2). */
static size_t
text_width(const char *s)
{
	Buf line = BUF_INIT;
	size_t w = 0;

	for (const char *p = s, *nl;; p = nl + 1) {
		size_t lw;

		nl = strchr(p, '\n');
		buf_set(&line, "");
		buf_append(&line, p, nl ? (size_t)(nl - p) : strlen(p));
		if ((lw = utf8_width(buf_str(&line))) > w)
			w = lw;
		if (nl == NULL)
			break;
	}
	buf_free(&line);
	return w;
}

/* The cells of row as strings (the serial apart). */
static void
row_cells(const char *lang, const AnnexRow *row, const char *cell[NCOL])
{
	cell[0] = NULL;
	cell[1] = row->title;
	cell[2] = row->period;
	cell[3] = row->entities;
	cell[4] = annex_status_name(lang, row->status);
	cell[5] = row->activities;
	cell[6] = row->scope;
}

/* Column widths that fit t's texts; wide ones wrap. */
static void
sheet_columns(
    lxw_worksheet *ws, const char *lang, const AnnexTable *t, const Styles *st)
{
	size_t w[NCOL];
	const char *cell[NCOL];

	for (int c = 0; c < NCOL; c++)
		w[c] = text_width(tr(lang, heads[c])) +
		    3; /* room for the filter's button */
	for (size_t k = 0; k < t->nrow; k++) {
		row_cells(lang, &t->row[k], cell);
		for (int c = 1; c < NCOL; c++) {
			size_t cw = text_width(cell[c]);

			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (int c = 0; c < NCOL; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    (double)(w[c] > WIDTH_MAX ? WIDTH_MAX : w[c]) + 1,
		    c == 0                 ? st->number
			: w[c] > WIDTH_MAX ? st->wrap
					   : st->text);
}

/* One pillar's sheet.  0, or -1 with a message in err. */
static int
sheet(lxw_workbook *wb, const AnnexReport *r, const AnnexTable *t,
    const Styles *st, Buf *err)
{
	lxw_worksheet *ws;
	Buf name = BUF_INIT, sub = BUF_INIT;
	lxw_error e = LXW_NO_ERROR;
	const char *cell[NCOL];

	if (t->number > 0)
		buf_printf(&name, tr(r->lang, "Pillar %s"), t->pillar);
	else
		buf_puts(&name, tr(r->lang, "No pillar"));
	/* A name the workbook refuses (repeated, too long) is an error. */
	if ((ws = workbook_add_worksheet(wb, buf_str(&name))) == NULL) {
		buf_printf(
		    err, "the sheet \"%s\" cannot be made", buf_str(&name));
		buf_free(&name);
		return -1;
	}
	/* "Pillar I of the ...: its full name · 120 projects · 12 May 2018" */
	annex_heading(r->lang, t, &sub);
	if (*t->full_name)
		buf_printf(&sub, ": %s", t->full_name);
	buf_puts(&sub, " · ");
	annex_count(r->lang, t->nrow, &sub);
	buf_puts(&sub, " · ");
	lang_date(&sub, r->lang, r->as_of);
	if (lang_rtl(r->lang))
		worksheet_right_to_left(ws);
	worksheet_write_string(ws, 0, 0, annex_title(r), st->title);
	worksheet_write_string(ws, 1, 0, buf_str(&sub), st->subtitle);
	for (int c = 0; c < NCOL; c++)
		worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c,
		    tr(r->lang, heads[c]), st->head);
	sheet_columns(ws, r->lang, t, st);
	for (size_t k = 0; k < t->nrow && e == LXW_NO_ERROR; k++) {
		lxw_row_t rw = (lxw_row_t)(HEAD_ROW + 1 + k);

		row_cells(r->lang, &t->row[k], cell);
		if (t->row[k].serial >= 0)
			worksheet_write_number(
			    ws, rw, 0, (double)t->row[k].serial, NULL);
		for (int c = 1; c < NCOL && e == LXW_NO_ERROR; c++)
			if (*cell[c])
				e = worksheet_write_string(
				    ws, rw, (lxw_col_t)c, cell[c], NULL);
	}
	worksheet_freeze_panes(ws, HEAD_ROW + 1, 0);
	worksheet_autofilter(
	    ws, HEAD_ROW, 0, (lxw_row_t)(HEAD_ROW + t->nrow), NCOL - 1);
	if (e != LXW_NO_ERROR)
		buf_printf(err, "%s: %s", buf_str(&name), lxw_strerror(e));
	buf_free(&name);
	buf_free(&sub);
	return e == LXW_NO_ERROR ? 0 : -1;
}

static void
styles_make(lxw_workbook *wb, Styles *st)
{
	st->title = workbook_add_format(wb);
	format_set_bold(st->title);
	format_set_font_size(st->title, 14);
	st->subtitle = workbook_add_format(wb);
	format_set_italic(st->subtitle);
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
	st->number = workbook_add_format(wb);
	format_set_align(st->number, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(st->number, "0");
}

int
annex_xlsx(const AnnexReport *r, const char *path, Buf *err)
{
	char *title = xstrdup(annex_title(r));
	lxw_workbook *wb = workbook_new(path);
	lxw_doc_properties props;
	struct tm tm;
	Styles st;
	lxw_error e;
	int rc = 0;

	if (wb == NULL) {
		buf_printf(err, "%s: cannot make the workbook", path);
		free(title);
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
	props.title = title;
	workbook_set_properties(wb, &props);
	styles_make(wb, &st);
	for (size_t i = 0; i < r->ntable && rc == 0; i++)
		rc = sheet(wb, r, &r->table[i], &st, err);
	if (r->ntable == 0) {
		lxw_worksheet *ws =
		    workbook_add_worksheet(wb, tr(r->lang, "Annex"));

		if (ws != NULL)
			worksheet_write_string(
			    ws, 0, 0, tr(r->lang, "No projects."), NULL);
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR && rc == 0) {
		buf_printf(err, "%s: %s", path, lxw_strerror(e));
		rc = -1;
	}
	free(title);
	return rc;
}
