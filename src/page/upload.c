/*
 * upload.c - a focal point (or the secretariat) uploads a CSV of projects
 * or a file in the published matrix format; the preview says, row by row,
 * what would be added, changed, left alone or refused, and what was
 * flagged, before anything is written; the confirmation imports it in one
 * transaction.  The file waits in the database between the two (the
 * upload table), so any server process may finish what another began.
 * The import is io/import.h's, the same as `ctmatrix import`.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../io/import.h"
#include "page_int.h"

/* The template of the CSV (blobs.S): data/project-template.csv. */
extern const char ctm_blob_template[];

/* Largest file taken: a whole matrix is some 200 KB. */
#define UPLOAD_MAX (4u << 20)

/* A file name safe to write in a directory of ours. */
static void
safe_name(const char *name, const char *format, Buf *out)
{
	for (const char *c = name; *c && out->len < 100; c++)
		buf_putc(out,
		    (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			    (*c >= '0' && *c <= '9') || *c == '.' ||
			    *c == '-' || *c == '_'
			? *c
			: '_');
	if (out->len == 0 || buf_str(out)[0] == '.')
		buf_puts(out,
		    strcmp(format, "csv") == 0 ? "upload.csv" : "upload.md");
}

/*
 * Write data to a new directory of its own as name; the path into path.
 * 0, or -1 with a message in err.
 */
static int
temp_write(const char *name, const Buf *data, Buf *dir, Buf *path, Buf *err)
{
	char tmpl[] = "/tmp/ctmatrix-upload-XXXXXX";
	FILE *fp;

	if (mkdtemp(tmpl) == NULL) {
		buf_printf(err, "cannot make a directory: %s", strerror(errno));
		return -1;
	}
	buf_set(dir, tmpl);
	buf_printf(path, "%s/%s", tmpl, name);
	fp = fopen(buf_str(path), "wx");
	if (fp == NULL ||
	    fwrite(buf_str(data), 1, data->len, fp) != data->len ||
	    fclose(fp) != 0) {
		buf_printf(err, "cannot write the file: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void
temp_remove(const Buf *dir, const Buf *path)
{
	if (path->len)
		unlink(buf_str(path));
	if (dir->len)
		rmdir(buf_str(dir));
}

typedef struct Preview {
	Page *p;
	Buf rows;
	long n;
} Preview;

/* The outcomes of a row (io/import.h), as the preview says them. */
static const char *const outcomes[][2] = {
	{ "added", N_("added") },
	{ "changed", N_("changed") },
	{ "unchanged", N_("unchanged") },
	{ "repeated", N_("repeated") },
	{ "refused", N_("refused") },
};

static const char *
outcome_name(const Page *p, const char *key)
{
	for (size_t i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
		if (strcmp(key, outcomes[i][0]) == 0)
			return PT(p, outcomes[i][1]);
	return key;
}

static int
preview_row(void *ctx, const ImportRow *r)
{
	Preview *v = ctx;
	const Project *pr = r->p;
	Buf num = BUF_INIT;

	html(&v->rows,
	    "<tr class=\"outcome-%s\"><td>%s</td><td class=\"num\">%s"
	    "</td><td>%s",
	    r->outcome, outcome_name(v->p, r->outcome),
	    page_num(v->p, &num, (int64_t)r->line),
	    pr->pillar ? pr->pillar : "");
	buf_free(&num);
	if (pr->has_serial)
		html(&v->rows, ".%I", pr->serial);
	html(&v->rows, "</td><td>");
	if (r->id > 0)
		html(&v->rows, "<a href=\"/projects/%I\">%s</a>", r->id,
		    pr->title);
	else
		html(&v->rows, "%s", pr->title);
	html(&v->rows, "</td><td>");
	for (size_t i = 0; i < pr->norgs; i++) {
		html(&v->rows, "%S%s", i ? ", " : "", pr->orgs[i].name);
		if (!pr->orgs[i].org_id)
			html(&v->rows, " <em>%s</em>", PT(v->p, "(unknown)"));
	}
	html(&v->rows, "</td></tr>\n");
	v->n++;
	return 0;
}

/* "<li>label: <strong>n</strong></li>" of the counts of an import. */
static void
count_item(Page *p, const char *label, int64_t n)
{
	Buf l = BUF_INIT, v = BUF_INIT, num = BUF_INIT;

	html(&l, "%s", label);
	html(&v, "<strong>%s</strong>", page_num(p, &num, n));
	html(&p->out, "<li>");
	page_markup(&p->out, PT(p, "%s: %s"), 2, buf_str(&l), buf_str(&v));
	html(&p->out, "</li>\n");
	buf_free(&l);
	buf_free(&v);
	buf_free(&num);
}

static void
report_html(Page *p, const ImportReport *rep, int dry_run)
{
	Buf t = BUF_INIT, num = BUF_INIT, said = BUF_INIT;

	html(&p->out, "<ul class=\"counts\">\n");
	count_item(p, PT(p, "Rows read"), (int64_t)rep->rows);
	count_item(
	    p, dry_run ? PT(p, "To add") : PT(p, "Added"), (int64_t)rep->added);
	count_item(p, dry_run ? PT(p, "To change") : PT(p, "Changed"),
	    (int64_t)rep->updated);
	count_item(p, PT(p, "Unchanged"), (int64_t)rep->unchanged);
	count_item(p, PT(p, "Refused"), (int64_t)rep->refused);
	count_item(
	    p, PT(p, "Unknown entities"), (int64_t)rep->unknown_entities);
	count_item(p, PT(p, "Unknown places"), (int64_t)rep->unknown_places);
	html(&p->out, "</ul>\n");
	if (rep->nnote > 0) {
		buf_printf(&t, PT(p, "Flagged (%s)"),
		    page_num(p, &num, (int64_t)rep->nnote));
		html(&p->out, "<h2>%s</h2>\n<ul class=\"notes\">\n",
		    buf_str(&t));
		for (size_t i = 0; i < rep->nkept && i < 500; i++) {
			const char *m;

			buf_reset(&said);
			store_note_text(&said, p->lang, rep->note[i].message);
			m = buf_str(&said);
			/* Most messages say their line already. */
			buf_reset(&t);
			if (strncmp(rep->note[i].message, "line ", 5) == 0)
				buf_printf(&t, PT(p, "%s (%s)"), m,
				    store_finding_kind(
					p->lang, rep->note[i].kind));
			else
				buf_printf(&t, PT(p, "line %s: %s (%s)"),
				    page_num(
					p, &num, (int64_t)rep->note[i].line),
				    m,
				    store_finding_kind(
					p->lang, rep->note[i].kind));
			html(&p->out, "<li>%s</li>\n", buf_str(&t));
		}
		html(&p->out, "</ul>\n");
	}
	buf_free(&t);
	buf_free(&said);
	buf_free(&num);
}

/* The import of the file kept as upload id: a preview or for real. */
static int
upload_run(Page *p, int64_t id, int dry_run)
{
	Buf name = BUF_INIT, format = BUF_INIT, data = BUF_INIT, err = BUF_INIT;
	Buf safe = BUF_INIT, dir = BUF_INIT, path = BUF_INIT, t = BUF_INIT;
	Buf n1 = BUF_INIT, n2 = BUF_INIT, link = BUF_INIT;
	ImportOptions opt;
	ImportReport rep;
	Preview v = { p, BUF_INIT, 0 };
	const char *files[1];
	int got, rc;

	memset(&opt, 0, sizeof(opt));
	memset(&rep, 0, sizeof(rep));
	got =
	    store_upload_get(p->s, id, p->who.id, &name, &format, &data, &err);
	if (got != 1) {
		rc = page_error(p, got == 0 ? 404 : 503,
		    got == 0 ? PT(p,
				   "There is no such upload: it was imported "
				   "already, or it is older than a day.")
			     : PT(p, "The database is busy: try again."));
		goto out;
	}
	safe_name(buf_str(&name), buf_str(&format), &safe);
	if (temp_write(buf_str(&safe), &data, &dir, &path, &err) != 0) {
		rc = page_error(p, 500, buf_str(&err));
		goto out;
	}
	files[0] = buf_str(&path);
	opt.format = strcmp(buf_str(&format), "csv") == 0
	    ? IMPORT_FORMAT_CSV
	    : IMPORT_FORMAT_MATRIX;
	opt.dry_run = dry_run;
	opt.entity =
	    strcmp(p->who.role, "focal_point") == 0 ? p->who.entity : NULL;
	opt.actor = p->who.login;
	opt.account_id = p->who.id;
	opt.source_name = buf_str(&name);
	opt.row = dry_run ? preview_row : NULL;
	opt.row_ctx = &v;
	rc = annex_import(p->s, files, 1, &opt, &rep, &err);
	p->nav = "upload";
	page_begin(p,
	    dry_run ? PT(p, "Preview of the upload")
		    : PT(p, "Upload imported"));
	html(&p->out, "<p class=\"lead\">%s (%s)</p>\n", buf_str(&name),
	    strcmp(buf_str(&format), "csv") == 0
		? "CSV"
		: PT(p, "published matrix format"));
	if (rc != 0) {
		buf_printf(&t, PT(p, "The file cannot be imported: %s"),
		    buf_str(&err));
		html(&link, "<a href=\"/upload\">%s</a>",
		    PT(p, "upload it again"));
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n<p>",
		    buf_str(&t));
		page_markup(&p->out,
		    PT(p, "Nothing was written. Correct the file and %s."), 1,
		    buf_str(&link));
		html(&p->out, "</p>\n");
		rc = page_end(p, 422);
		goto out;
	}
	if (!dry_run) {
		store_upload_delete(p->s, id, &err);
		buf_printf(&t,
		    PT(p, "Imported in one transaction: %s added, %s changed."),
		    page_num(p, &n1, (int64_t)rep.added),
		    page_num(p, &n2, (int64_t)rep.updated));
		html(&p->out, "<p role=\"status\">%s</p>\n", buf_str(&t));
		report_html(p, &rep, dry_run);
		html(&p->out, "<p><a href=\"/\">%s</a></p>\n",
		    PT(p, "To the matrix"));
		rc = page_end(p, 200);
		goto out;
	}
	report_html(p, &rep, dry_run);
	if (rep.refused > 0) {
		buf_printf(&t,
		    PTN(p,
			"%s row does not name %s: a focal point uploads its "
			"entity's projects only. Remove them and upload the "
			"file again.",
			"%s rows do not name %s: a focal point uploads its "
			"entity's projects only. Remove them and upload the "
			"file again.",
			(unsigned long)rep.refused),
		    page_num(p, &n1, (int64_t)rep.refused),
		    p->who.entity ? p->who.entity : "");
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    buf_str(&t));
	} else if (rep.added + rep.updated == 0) {
		html(&p->out, "<p>%s</p>\n",
		    PT(p,
			"There is nothing to import: every row is in the "
			"portfolio as it is."));
	} else {
		html(&p->out,
		    "<form method=\"post\" action=\"/upload/commit\">\n"
		    "<input type=\"hidden\" name=\"upload\" value=\"%I\">\n",
		    id);
		page_csrf_field(p);
		buf_reset(&t);
		buf_printf(&t,
		    PTN(p, "Import %s row", "Import %s rows",
			(unsigned long)(rep.added + rep.updated)),
		    page_num(p, &n1, (int64_t)(rep.added + rep.updated)));
		html(&p->out,
		    "\n<p><button type=\"submit\">%s</button> "
		    "<a href=\"/upload\">%s</a></p>\n</form>\n",
		    buf_str(&t), PT(p, "Cancel"));
	}
	if (v.n > 0)
		html(&p->out,
		    "<table class=\"list\">\n<caption>%s</caption>\n"
		    "<thead><tr><th scope=\"col\">%s</th><th "
		    "scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s"
		    "</th></tr></thead>\n<tbody>\n%S</tbody></table>\n",
		    PT(p, "Row by row"), PT(p, "Outcome"), PT(p, "Line"),
		    PT(p, "No."), PT(p, "Title"), PT(p, "Entities"),
		    buf_str(&v.rows));
	rc = page_end(p, 200);
out:
	temp_remove(&dir, &path);
	import_report_free(&rep);
	buf_free(&v.rows);
	buf_free(&name);
	buf_free(&format);
	buf_free(&data);
	buf_free(&err);
	buf_free(&safe);
	buf_free(&dir);
	buf_free(&path);
	buf_free(&t);
	buf_free(&n1);
	buf_free(&n2);
	buf_free(&link);
	return rc;
}

/* The columns of the CSV (their names are the file's) and what they hold. */
static const char *const csv_columns[][2] = {
	{ "pillar", N_("I, II, III or IV (required)") },
	{ "serial", N_("its number in the pillar's table (optional)") },
	{ "title", N_("the title (required)") },
	{ "period",
	    N_("as the matrix writes it: \"Jul. 2015-Jun. 2019\", \"since "
	       "2013\", \"Annual event\"") },
	{ "entities",
	    N_("the implementing entities, the lead first, separated by "
	       "\";\"") },
	{ "status", N_("in development, ongoing or completed") },
	{ "activities", N_("the main activities") },
	{ "scope",
	    N_("the geographical scope: \"Global\", countries and regions "
	       "separated by commas") },
};

static int
upload_form(Page *p, int status, const char *message)
{
	Buf link = BUF_INIT;

	p->nav = "upload";
	page_begin(p, PT(p, "Upload projects"));
	if (message != NULL)
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    message);
	html(&link, "<a href=\"/upload/template.csv\">%s</a>",
	    PT(p, "the template"));
	html(&p->out, "<p>");
	page_markup(&p->out,
	    PT(p,
		"Upload a CSV of projects (%s) or a table in the format the "
		"Secretary-General's report publishes. You will see what "
		"would be added, changed and flagged before anything is "
		"written."),
	    1, buf_str(&link));
	if (strcmp(p->who.role, "focal_point") == 0)
		html(&p->out, " %s",
		    PT(p,
			"As a focal point, every row must name your entity."));
	html(&p->out, "</p>\n");
	buf_free(&link);
	html(&p->out,
	    "<form method=\"post\" action=\"/upload\" "
	    "enctype=\"multipart/form-data\" class=\"edit\">\n");
	page_csrf_field(p);
	html(&p->out,
	    "\n<p><label for=\"file\">%s</label>\n"
	    "<input id=\"file\" name=\"file\" type=\"file\" required "
	    "accept=\".csv,.md,.txt,text/csv,text/plain\"></p>\n"
	    "<fieldset><legend>%s</legend>\n"
	    "<label class=\"check\"><input type=\"radio\" name=\"format\" "
	    "value=\"auto\" checked> %s</label>\n"
	    "<label class=\"check\"><input type=\"radio\" name=\"format\" "
	    "value=\"csv\"> CSV</label>\n"
	    "<label class=\"check\"><input type=\"radio\" name=\"format\" "
	    "value=\"matrix\"> %s</label>\n</fieldset>\n"
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n"
	    "<h2>%s</h2>\n<dl class=\"facts\">\n",
	    PT(p, "File"), PT(p, "Format"),
	    PT(p, "by the file's name (.csv is CSV)"),
	    PT(p, "published matrix"), PT(p, "Preview"),
	    PT(p, "The columns of the CSV"));
	for (size_t i = 0; i < sizeof(csv_columns) / sizeof(csv_columns[0]);
	     i++)
		html(&p->out, "<dt>%s</dt><dd>%s</dd>\n", csv_columns[i][0],
		    PT(p, csv_columns[i][1]));
	html(&p->out, "</dl>\n");
	return page_end(p, status);
}

static int
upload_post(Page *p)
{
	const HttpFile *f = http_form_file(&p->form, "file");
	const char *format = page_field(p, "format");
	const char *dot;
	Buf err = BUF_INIT;
	int64_t id;
	int rc;

	if (f == NULL || f->data.len == 0)
		return upload_form(p, 422, PT(p, "Choose a file to upload."));
	if (f->data.len > UPLOAD_MAX)
		return upload_form(
		    p, 413, PT(p, "The file is larger than 4 MB."));
	if (format == NULL || strcmp(format, "auto") == 0) {
		dot = strrchr(f->filename, '.');
		format = dot && strcasecmp(dot, ".csv") == 0 ? "csv" : "matrix";
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "matrix") != 0)
		return upload_form(
		    p, 422, PT(p, "The format is CSV or matrix."));
	id = store_upload_add(p->s, p->who.id,
	    *f->filename ? f->filename : "upload", format, &f->data, &err);
	if (id < 0)
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
	else
		rc = upload_run(p, id, 1);
	buf_free(&err);
	return rc;
}

int
page_upload(Page *p, const char *rest)
{
	int post = strcmp(p->rq->method, "POST") == 0;
	const char *id;

	if (strcmp(rest, "template.csv") == 0 && !post) {
		p->rp->status = 200;
		p->rp->type = "text/csv; charset=utf-8";
		buf_set(&p->rp->body, ctm_blob_template);
		http_reply_header(p->rp, "Content-Disposition",
		    "attachment; filename=\"ctmatrix-projects.csv\"");
		return 1;
	}
	if (!page_signed_in(p))
		return page_error(p, 401, PT(p, "Sign in to upload projects."));
	if (!page_may_write(p))
		return page_error(
		    p, 403, PT(p, "Your role may not upload projects."));
	if (*rest == '\0' && !post)
		return upload_form(p, 200, NULL);
	if (*rest == '\0')
		return upload_post(p);
	if (strcmp(rest, "commit") == 0 && post) {
		id = page_field(p, "upload");
		return upload_run(p, id ? strtoll(id, NULL, 10) : 0, 0);
	}
	return page_error(p, 404, PT(p, "There is no such page."));
}
