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
 * up to WIDTH_MAX characters; the long texts wrap.  The workbook is
 * streamed (constant memory: a row goes to disk when the next begins),
 * so that a portfolio of any size is written in flat memory.  The
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
	cell[6] = row->scope_name;
}

/* The workbook being written: a sheet a table. */
typedef struct Book {
	const AnnexReport *r;
	lxw_workbook *wb;
	Styles st;
	lxw_worksheet **ws; /* a sheet a table */
	size_t (*w)[NCOL];  /* the widths of each table's columns */
	size_t nw;          /* tables with widths */
	size_t *k;          /* rows written, a table */
	lxw_error e;        /* the first failure */
	int opened;         /* book_open() was called */
	int failed;         /* ... and failed */
	const char *path;   /* where the workbook goes */
	Buf *err;
} Book;

static int book_open(Book *b);

/* A row's texts widen its table's columns. */
static int
widths_row(void *ctx, size_t table, const AnnexRow *row)
{
	Book *b = ctx;
	const char *cell[NCOL];

	while (b->nw <= table) {
		b->w = xrealloc(b->w, (b->nw + 1) * sizeof(*b->w));
		for (int c = 0; c < NCOL; c++)
			b->w[b->nw][c] = 0;
		b->nw++;
	}
	row_cells(b->r->lang, row, cell);
	for (int c = 1; c < NCOL; c++) {
		size_t cw;

		if (b->w[table][c] > WIDTH_MAX)
			continue; /* wraps already: no need to measure */
		if ((cw = text_width(cell[c])) > b->w[table][c])
			b->w[table][c] = cw;
	}
	return 0;
}

/*
 * The format of column c's cells: the long texts (title, activities,
 * scope) wrap, the others do not; the serial is a number.  Given to each
 * cell, as the widths are known only after the rows are written.
 */
static lxw_format *
col_format(const Book *b, int c)
{
	if (c == 0)
		return b->st.number;
	return c == 1 || c == 5 || c == 6 ? b->st.wrap : b->st.text;
}

/*
 * A row written in its table's sheet, below the last; the first opens
 * the workbook (streamed, the tables are known before their rows).
 */
static int
write_row(void *ctx, size_t table, const AnnexRow *row)
{
	Book *b = ctx;
	lxw_worksheet *ws;
	lxw_row_t rw;
	const char *cell[NCOL];

	if (!b->opened && book_open(b) != 0)
		return 1;
	ws = b->ws[table];
	rw = (lxw_row_t)(HEAD_ROW + 1 + b->k[table]++);
	widths_row(b, table, row);
	row_cells(b->r->lang, row, cell);
	if (row->serial >= 0)
		worksheet_write_number(
		    ws, rw, 0, (double)row->serial, col_format(b, 0));
	for (int c = 1; c < NCOL && b->e == LXW_NO_ERROR; c++)
		if (*cell[c])
			b->e = worksheet_write_string(
			    ws, rw, (lxw_col_t)c, cell[c], col_format(b, c));
	return b->e == LXW_NO_ERROR ? 0 : 1;
}

/* Table i's sheet: its titles, the header row.  0, or -1 with err. */
static int
sheet_begin(Book *b, size_t i, Buf *err)
{
	const AnnexReport *r = b->r;
	const AnnexTable *t = &r->table[i];
	lxw_worksheet *ws;
	Buf name = BUF_INIT, sub = BUF_INIT;

	if (t->number > 0)
		buf_printf(&name, tr(r->lang, "Pillar %s"), t->pillar);
	else
		buf_puts(&name, tr(r->lang, "No pillar"));
	/* A name the workbook refuses (repeated, too long) is an error. */
	if ((ws = workbook_add_worksheet(b->wb, buf_str(&name))) == NULL) {
		buf_printf(
		    err, "the sheet \"%s\" cannot be made", buf_str(&name));
		buf_free(&name);
		return -1;
	}
	b->ws[i] = ws;
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
	worksheet_write_string(ws, 0, 0, annex_title(r), b->st.title);
	worksheet_write_string(ws, 1, 0, buf_str(&sub), b->st.subtitle);
	for (int c = 0; c < NCOL; c++)
		worksheet_write_string(ws, HEAD_ROW, (lxw_col_t)c,
		    tr(r->lang, heads[c]), b->st.head);
	buf_free(&name);
	buf_free(&sub);
	return 0;
}

/*
 * The header row frozen, the filters over every row written, and the
 * columns as wide as their longest line (the header's included) up to
 * WIDTH_MAX.  (The widths go in the sheet's head when
 * the workbook closes, so they may be set after its rows.)
 */
static void
sheet_end(Book *b, size_t i)
{
	for (int c = 0; c < NCOL; c++) {
		/* room for the filter's button */
		size_t w = text_width(tr(b->r->lang, heads[c])) + 3;

		if (i < b->nw && b->w[i][c] > w)
			w = b->w[i][c];
		worksheet_set_column(b->ws[i], (lxw_col_t)c, (lxw_col_t)c,
		    (double)(w > WIDTH_MAX ? WIDTH_MAX : w) + 1,
		    c == 0              ? b->st.number
			: w > WIDTH_MAX ? b->st.wrap
					: b->st.text);
	}
	worksheet_freeze_panes(b->ws[i], HEAD_ROW + 1, 0);
	worksheet_autofilter(
	    b->ws[i], HEAD_ROW, 0, (lxw_row_t)(HEAD_ROW + b->k[i]), NCOL - 1);
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

/*
 * Open the workbook of r at path, streamed (libxlsxwriter's constant
 * memory: each row goes to disk when the next begins, strings inline),
 * and make its sheets.  0, or -1 with a message in err.
 */
static int
book_open(Book *b)
{
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props;
	const AnnexReport *r = b->r;
	struct tm tm;
	char *title;

	b->opened = 1;
	b->failed = 1;
	if ((b->wb = workbook_new_opt(b->path, &wo)) == NULL) {
		buf_printf(b->err, "%s: cannot make the workbook", b->path);
		return -1;
	}
	title = xstrdup(annex_title(r));
	memset(&props, 0, sizeof(props));
	memset(&tm, 0, sizeof(tm));
	if (sscanf(r->as_of, "%d-%d-%d", &tm.tm_year, &tm.tm_mon,
		&tm.tm_mday) == 3) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		props.created = timegm(&tm);
	}
	props.title = title;
	workbook_set_properties(b->wb, &props);
	free(title);
	styles_make(b->wb, &b->st);
	b->ws = xcalloc(r->ntable + 1, sizeof(*b->ws));
	b->k = xcalloc(r->ntable + 1, sizeof(*b->k));
	for (size_t i = 0; i < r->ntable; i++)
		if (sheet_begin(b, i, b->err) != 0)
			return -1;
	if (r->ntable == 0) {
		lxw_worksheet *ws =
		    workbook_add_worksheet(b->wb, tr(r->lang, "Annex"));

		if (ws != NULL)
			worksheet_write_string(
			    ws, 0, 0, tr(r->lang, "No projects."), NULL);
	}
	b->failed = 0;
	return 0;
}

/* Close the workbook: its sheets finished, written to disk. */
static int
book_close(Book *b, int rc)
{
	lxw_error e;

	if (rc == 0 && !b->opened && book_open(b) != 0)
		rc = -1;
	if (b->failed)
		rc = -1;
	if (b->wb != NULL) {
		if (b->e != LXW_NO_ERROR) {
			if (b->err->len == 0)
				buf_printf(b->err, "%s: %s", b->path,
				    lxw_strerror(b->e));
			rc = -1;
		}
		for (size_t i = 0; rc == 0 && i < b->r->ntable; i++)
			sheet_end(b, i);
		if ((e = workbook_close(b->wb)) != LXW_NO_ERROR && rc == 0) {
			buf_printf(b->err, "%s: %s", b->path, lxw_strerror(e));
			rc = -1;
		}
	}
	free(b->ws);
	free(b->w);
	free(b->k);
	return rc;
}

static void
book_init(Book *b, const AnnexReport *r, const char *path, Buf *err)
{
	memset(b, 0, sizeof(*b));
	b->r = r;
	b->path = path;
	b->err = err;
}

int
annex_xlsx(const AnnexReport *r, const char *path, Buf *err)
{
	Book b;
	int rc = 0;

	book_init(&b, r, path, err);
	for (size_t i = 0; rc == 0 && i < r->ntable; i++)
		for (size_t k = 0; rc == 0 && k < r->table[i].nrow; k++)
			rc = write_row(&b, i, &r->table[i].row[k]) ? -1 : 0;
	return book_close(&b, rc);
}

int
annex_xlsx_stream(Store *s, const ProjectFilter *f, const char *lang,
    const char *path, Buf *err)
{
	AnnexReport r;
	Book b;
	int rc;

	memset(&r, 0, sizeof(r));
	book_init(&b, &r, path, err);
	if (store_read_begin(s, err) != 0)
		return -1;
	/* The tables counted, then each row written as it is read. */
	rc = annex_report_stream(s, f, lang, &r, write_row, &b, err) ? -1 : 0;
	rc = book_close(&b, rc);
	store_read_end(s);
	annex_report_free(&r);
	return rc;
}
