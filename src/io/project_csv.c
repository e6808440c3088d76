/*
 * project_csv.c - reading a CSV of projects (see project_csv.h).
 *
 * The header maps each known column to its field index once; each record
 * is then checked against it and taken apart.  What makes a record
 * unusable is an error that stops the reading (the import must not half
 * happen); what only makes it imperfect is a note, as in the matrix.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../portfolio/vocab.h"
#include "../text/lang.h"
#include "project_csv.h"

const char *const project_csv_columns[PCSV_NCOLUMNS] = { "pillar", "serial",
	"title", "period", "entities", "status", "activities", "scope" };

void
project_csv_init(ProjectCsvReader *r, const char *text, size_t size,
    const char *name, const char *pillar)
{
	memset(r, 0, sizeof(*r));
	r->text = text;
	r->size = size;
	r->name = name;
	r->pillar = pillar;
	for (int i = 0; i < PCSV_NCOLUMNS; i++)
		r->col[i] = -1;
}

static void
row_clear(ProjectCsvRow *row)
{
	for (int i = 0; i < PCSV_NCOLUMNS; i++)
		buf_free(&row->field[i]);
	for (size_t i = 0; i < row->nentity; i++)
		free(row->entity[i]);
	free(row->entity);
	annex_notes_free(&row->notes);
	memset(row, 0, sizeof(*row));
}

void
project_csv_free(ProjectCsvReader *r)
{
	row_clear(&r->row);
	csv_free(&r->csv);
	free(r->unnamed);
	r->unnamed = NULL;
	r->nunnamed = 0;
}

/* Append s to out with white space runs made one space, trimmed. */
static void
collapse(const char *s, Buf *out)
{
	int space = 0;

	for (; *s; s++) {
		if (strchr(" \t\r\n\v\f", *s) != NULL) {
			space = 1;
			continue;
		}
		if (space && out->len > 0)
			buf_putc(out, ' ');
		space = 0;
		buf_putc(out, *s);
	}
}

/*
 * The whole text must be UTF-8 without NUL bytes: checked once, so that
 * the fields can be taken as C strings and stored as they are.
 */
static int
text_check(ProjectCsvReader *r, Buf *err)
{
	size_t bad = utf8_check(r->text, r->size), line = 1;
	const char *start = r->text, *nul;
	const char *what = TC("invalid UTF-8");

	nul = memchr(r->text, '\0', r->size);
	if (nul != NULL && (size_t)(nul - r->text) < bad) {
		bad = (size_t)(nul - r->text);
		what = TC("NUL byte in text");
	}
	if (bad == r->size)
		return 0;
	for (const char *p = r->text; p < r->text + bad; p++)
		if (*p == '\n') {
			line++;
			start = p + 1;
		}
	/* utf8_column() stops at a NUL: the bytes before bad hold none. */
	buf_printf(err, "%s:%zu:%zu: %s", r->name, line,
	    utf8_column(start, (size_t)(r->text + bad - start)), what);
	return -1;
}

/* Whether every field of the last record is blank. */
static int
record_blank(const CsvReader *c)
{
	for (size_t i = 0; i < c->nfield; i++)
		if (csv_field(c, i)[strspn(csv_field(c, i), " \t\r\n\v\f")])
			return 0;
	return 1;
}

/* The next record that is not blank: 1, 0 at the end, -1. */
static int
record_next(ProjectCsvReader *r, Buf *err)
{
	Buf e = BUF_INIT;
	int got;

	do
		got = csv_next(&r->csv, &e);
	while (got == 1 && record_blank(&r->csv));
	if (got < 0) {
		size_t line = 0;
		int n = 0;

		/* csv_next() says "line N: message". */
		if (sscanf(buf_str(&e), "line %zu: %n", &line, &n) == 1 && n)
			buf_printf(
			    err, "%s:%zu: %s", r->name, line, buf_str(&e) + n);
		else
			buf_printf(err, "%s: %s", r->name, buf_str(&e));
	}
	buf_free(&e);
	return got;
}

/* Map the header's columns; 0, or -1 with err set. */
static int
header_read(ProjectCsvReader *r, Buf *err)
{
	CsvReader *c = &r->csv;
	Buf name = BUF_INIT;
	int rc = -1, got;

	if ((got = record_next(r, err)) <= 0) {
		if (got == 0)
			buf_printf(err,
			    TC("%s:1: no header row (it names the columns: "
			       "pillar, title, ...)"),
			    r->name);
		return -1;
	}
	r->nfield = c->nfield;
	for (size_t i = 0; i < c->nfield; i++) {
		int k;

		buf_reset(&name);
		collapse(csv_field(c, i), &name);
		if (name.len == 0) {
			r->unnamed = xrealloc(
			    r->unnamed, (r->nunnamed + 1) * sizeof(int));
			r->unnamed[r->nunnamed++] = (int)i;
			continue;
		}
		for (k = 0; k < PCSV_NCOLUMNS; k++)
			if (strcasecmp(
				buf_str(&name), project_csv_columns[k]) == 0)
				break;
		if (k == PCSV_NCOLUMNS) {
			buf_printf(err,
			    TC("%s:%zu: unknown column \"%s\" (the columns are "
			       "pillar, serial, title, period, entities, "
			       "status, activities, scope)"),
			    r->name, c->record_line, buf_str(&name));
			goto out;
		}
		if (r->col[k] >= 0) {
			buf_printf(err,
			    TC("%s:%zu: column \"%s\" is named twice (columns "
			       "%d and %zu)"),
			    r->name, c->record_line, project_csv_columns[k],
			    r->col[k] + 1, i + 1);
			goto out;
		}
		r->col[k] = (int)i;
	}
	if (r->col[PCSV_TITLE] < 0 ||
	    (r->col[PCSV_PILLAR] < 0 && r->pillar == NULL)) {
		buf_printf(err, TC("%s:%zu: the header has no %s column"),
		    r->name, c->record_line,
		    r->col[PCSV_TITLE] < 0 ? "title" : "pillar");
		goto out;
	}
	rc = 0;
out:
	buf_free(&name);
	return rc;
}

/* A serial: digits only, at most nine of them. */
static long
serial_read(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0 || n > 9 || s[n] != '\0')
		return -1;
	return strtol(s, NULL, 10);
}

/* Split the entities on ";", each trimmed; empty names are dropped. */
static void
entities_split(ProjectCsvRow *row)
{
	const char *s = buf_str(&row->field[PCSV_ENTITIES]);
	size_t cap = 0;

	while (*s) {
		size_t n = strcspn(s, ";");
		Buf e = BUF_INIT;

		buf_append(&e, s, n);
		buf_trim(&e);
		if (e.len > 0) {
			mem_grow((void **)&row->entity, &cap, row->nentity + 1,
			    sizeof(char *));
			row->entity[row->nentity++] = buf_detach(&e);
		}
		buf_free(&e);
		s += n;
		if (*s == ';')
			s++;
	}
}

/* The period, with or without its parentheses, as the matrix writes it. */
static void
period_read(ProjectCsvRow *row)
{
	const char *text = buf_str(&row->field[PCSV_PERIOD]);
	Buf inner = BUF_INIT;

	if (*text == '\0')
		return;
	buf_set(&inner, text);
	if (inner.len >= 2 && inner.s[0] == '(' &&
	    inner.s[inner.len - 1] == ')') {
		buf_set(&inner, text + 1);
		buf_truncate(&inner, inner.len - 1);
		buf_trim(&inner);
	}
	row->has_period = period_parse(buf_str(&inner), &row->period);
	if (!row->has_period)
		annex_note(&row->notes, row->line, "period-unparsed",
		    "period \"%s\" could not be read; it was kept as written",
		    text);
	buf_free(&inner);
}

/* Take the fields of the last record apart into r->row; 0 or -1. */
static int
row_read(ProjectCsvReader *r, Buf *err)
{
	const CsvReader *c = &r->csv;
	ProjectCsvRow *row = &r->row;
	const char *v;

	row->line = c->record_line;
	row->serial = -1;
	if (c->nfield != r->nfield) {
		buf_printf(err,
		    TC("%s:%zu: the record has %zu fields where the header "
		       "has %zu"),
		    r->name, row->line, c->nfield, r->nfield);
		return -1;
	}
	for (size_t i = 0; i < r->nunnamed; i++) {
		const char *f = csv_field(c, (size_t)r->unnamed[i]);

		if (f[strspn(f, " \t\r\n\v\f")] != '\0') {
			buf_printf(err,
			    TC("%s:%zu: column %d has no name in the header, "
			       "but this record has text in it"),
			    r->name, row->line, r->unnamed[i] + 1);
			return -1;
		}
	}
	for (int k = 0; k < PCSV_NCOLUMNS; k++)
		if (r->col[k] >= 0)
			collapse(
			    csv_field(c, (size_t)r->col[k]), &row->field[k]);
	v = buf_str(&row->field[PCSV_PILLAR]);
	if (*v == '\0' && r->pillar == NULL) {
		buf_printf(
		    err, TC("%s:%zu: the pillar is empty"), r->name, row->line);
		return -1;
	}
	row->pillar = *v ? vocab_pillar(v) : r->pillar;
	if (row->pillar == NULL) {
		buf_printf(err,
		    TC("%s:%zu: \"%s\" is not a pillar (I, II, III, IV or 1 "
		       "to 4)"),
		    r->name, row->line, v);
		return -1;
	}
	v = buf_str(&row->field[PCSV_SERIAL]);
	if (*v && (row->serial = serial_read(v)) < 0) {
		buf_printf(err,
		    TC("%s:%zu: serial \"%s\" is not a whole number (0 to "
		       "999999999)"),
		    r->name, row->line, v);
		return -1;
	}
	if (row->field[PCSV_TITLE].len == 0) {
		buf_printf(
		    err, TC("%s:%zu: the title is empty"), r->name, row->line);
		return -1;
	}
	period_read(row);
	entities_split(row);
	v = buf_str(&row->field[PCSV_STATUS]);
	if (*v == '\0')
		annex_note(&row->notes, row->line, "missing-field",
		    "the status is empty");
	else
		row->status = vocab_status_written(v);
	if (row->field[PCSV_ACTIVITIES].len == 0)
		annex_note(&row->notes, row->line, "missing-field",
		    "the activities are empty");
	return 0;
}

int
project_csv_next(ProjectCsvReader *r, const ProjectCsvRow **row, Buf *err)
{
	int got;

	*row = NULL;
	row_clear(&r->row);
	if (!r->started) {
		r->started = 1;
		csv_init(&r->csv, r->text, r->size);
		if (text_check(r, err) != 0 || header_read(r, err) != 0)
			return -1;
	}
	if ((got = record_next(r, err)) <= 0)
		return got;
	if (row_read(r, err) != 0)
		return -1;
	*row = &r->row;
	return 1;
}
