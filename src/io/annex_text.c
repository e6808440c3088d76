/*
 * annex_text.c - the formats of the annex (annex_render.h) and the text
 * ones among them: CSV and JSON.  HTML and XLSX have files of their own.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../core/csv.h"
#include "annex_render.h"
#include "render.h"

static const AnnexFormat formats[] = {
	{ "csv", "text/csv; charset=utf-8", 0, 1 },
	{ "html", "text/html; charset=utf-8", 0, 0 },
	{ "json", "application/json", 0, 0 },
	{ "pdf", "application/pdf", 1, 1 },
	{ "xlsx",
	    "application/"
	    "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    1, 1 },
};

#define NFORMAT (sizeof(formats) / sizeof(formats[0]))

const AnnexFormat *
annex_format(const char *name)
{
	for (size_t i = 0; name != NULL && i < NFORMAT; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const char *
annex_format_names(void)
{
	return "csv, html, json, pdf or xlsx";
}

/* A temporary file's path into path: 0, or -1 with a message in err. */
static int
temp_path(Buf *path, Buf *err)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	buf_printf(
	    path, "%s/ctmatrix-annex.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path->s)) < 0) {
		buf_printf(
		    err, "%s: cannot create: %s", path->s, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int
annex_render_file(AnnexFileFn fn, const void *doc, Buf *out, Buf *err)
{
	Buf path = BUF_INIT;
	char *data = NULL;
	size_t n = 0;
	int rc = -1;

	if (temp_path(&path, err) == 0) {
		if (fn(doc, path.s, err) == 0 &&
		    buf_read_file(path.s, &data, &n, err) == 0) {
			buf_append(out, data, n);
			rc = 0;
		}
		unlink(path.s);
	}
	free(data);
	buf_free(&path);
	return rc;
}

static int
xlsx_file(const void *doc, const char *path, Buf *err)
{
	const RenderModule *m = render_module(err);

	return m != NULL ? m->annex_xlsx(doc, path, err) : -1;
}

static int
pdf_file(const void *doc, const char *path, Buf *err)
{
	const RenderModule *m = render_module(err);

	return m != NULL ? m->annex_pdf(doc, path, err) : -1;
}

/* What annex_xlsx_stream() needs, as annex_render_file() passes it. */
typedef struct Stream {
	Store *s;
	const ProjectFilter *f;
	const char *lang;
} Stream;

static int
xlsx_stream_file(const void *doc, const char *path, Buf *err)
{
	const Stream *st = doc;

	const RenderModule *m = render_module(err);

	return m != NULL
	    ? m->annex_xlsx_stream(st->s, st->f, st->lang, path, err)
	    : -1;
}

int
annex_report_make(Store *s, const ProjectFilter *f, const char *lang,
    const char *format, Buf *out, Buf *err)
{
	AnnexReport r;
	int rc;

	if (strcmp(format, "xlsx") == 0) {
		Stream st = { s, f, lang };

		return annex_render_file(xlsx_stream_file, &st, out, err);
	}
	if (annex_report_load(s, f, lang, &r, err) != 0)
		return -1;
	rc = annex_render(&r, format, out, err);
	annex_report_free(&r);
	return rc;
}

int
annex_render(const AnnexReport *r, const char *format, Buf *out, Buf *err)
{
	if (strcmp(format, "csv") == 0)
		annex_csv(r, out);
	else if (strcmp(format, "html") == 0)
		annex_html(r, out);
	else if (strcmp(format, "json") == 0)
		annex_json(r, out);
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
annex_csv(const AnnexReport *r, Buf *out)
{
	buf_puts(out,
	    "pillar,serial,title,period,entities,status,"
	    "activities,scope\r\n");
	for (size_t i = 0; i < r->ntable; i++) {
		const AnnexTable *t = &r->table[i];

		for (size_t k = 0; k < t->nrow; k++) {
			const AnnexRow *row = &t->row[k];
			const char *f[] = { row->title, row->period,
				row->entities, row->status, row->activities,
				row->scope };

			csv_put_field(out, t->pillar);
			buf_putc(out, ',');
			if (row->serial >= 0)
				buf_printf(out, "%lld", (long long)row->serial);
			for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++) {
				buf_putc(out, ',');
				csv_put_field(out, f[j]);
			}
			buf_puts(out, "\r\n");
		}
	}
}

static json_t *
row_json(const char *lang, const AnnexRow *row)
{
	json_t *ents = json_array();

	for (size_t i = 0; i < row->nentity; i++)
		json_array_append_new(ents, json_string(row->entity[i]));
	return json_pack("{sI so ss ss so ss ss ss ss ss}", "id",
	    (json_int_t)row->id, "serial",
	    row->serial >= 0 ? json_integer(row->serial) : json_null(), "title",
	    row->title, "period", row->period, "entities", ents, "status",
	    row->status, "status_name", annex_status_name(lang, row->status),
	    "activities", row->activities, "scope", row->scope, "scope_name",
	    row->scope_name);
}

void
annex_json(const AnnexReport *r, Buf *out)
{
	json_t *tables = json_array(), *j;
	char *text;

	for (size_t i = 0; i < r->ntable; i++) {
		const AnnexTable *t = &r->table[i];
		json_t *rows = json_array();

		for (size_t k = 0; k < t->nrow; k++)
			json_array_append_new(
			    rows, row_json(r->lang, &t->row[k]));
		json_array_append_new(tables,
		    json_pack("{ss si ss ss sI so}", "pillar", t->pillar,
			"number", t->number, "short_name", t->short_name,
			"full_name", t->full_name, "projects",
			(json_int_t)t->nrow, "rows", rows));
	}
	j = json_pack("{ss ss sI so}", "as_of", r->as_of, "lang", r->lang,
	    "projects", (json_int_t)r->nproject, "tables", tables);
	text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	buf_puts(out, text);
	buf_putc(out, '\n');
	free(text);
	json_decref(j);
}
