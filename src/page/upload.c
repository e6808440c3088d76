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
	Buf rows;
	long n;
} Preview;

static int
preview_row(void *ctx, const ImportRow *r)
{
	Preview *v = ctx;
	const Project *pr = r->p;

	html(&v->rows,
	    "<tr class=\"outcome-%s\"><td>%s</td><td class=\"num\">%I"
	    "</td><td>%s",
	    r->outcome, r->outcome, (int64_t)r->line,
	    pr->pillar ? pr->pillar : "");
	if (pr->has_serial)
		html(&v->rows, ".%I", pr->serial);
	html(&v->rows, "</td><td>");
	if (r->id > 0)
		html(&v->rows, "<a href=\"/projects/%I\">%s</a>", r->id,
		    pr->title);
	else
		html(&v->rows, "%s", pr->title);
	html(&v->rows, "</td><td>");
	for (size_t i = 0; i < pr->norgs; i++)
		html(&v->rows, "%S%s%S", i ? ", " : "", pr->orgs[i].name,
		    pr->orgs[i].org_id ? "" : " <em>(unknown)</em>");
	html(&v->rows, "</td></tr>\n");
	v->n++;
	return 0;
}

static void
report_html(Page *p, const ImportReport *rep, int dry_run)
{
	html(&p->out,
	    "<ul class=\"counts\">\n<li>Rows read: <strong>%N</strong></li>\n"
	    "<li>%s: <strong>%N</strong></li>\n"
	    "<li>%s: <strong>%N</strong></li>\n"
	    "<li>Unchanged: <strong>%N</strong></li>\n"
	    "<li>Refused: <strong>%N</strong></li>\n"
	    "<li>Unknown entities: <strong>%N</strong></li>\n"
	    "<li>Unknown places: <strong>%N</strong></li>\n</ul>\n",
	    (int64_t)rep->rows, dry_run ? "To add" : "Added",
	    (int64_t)rep->added, dry_run ? "To change" : "Changed",
	    (int64_t)rep->updated, (int64_t)rep->unchanged,
	    (int64_t)rep->refused, (int64_t)rep->unknown_entities,
	    (int64_t)rep->unknown_places);
	if (rep->nnote > 0) {
		html(&p->out, "<h2>Flagged (%N)</h2>\n<ul class=\"notes\">\n",
		    (int64_t)rep->nnote);
		for (size_t i = 0; i < rep->nnote && i < 500; i++) {
			const char *m = rep->note[i].message;

			/* Most messages say their line already. */
			if (strncmp(m, "line ", 5) == 0)
				html(&p->out, "<li>%s (%s)</li>\n", m,
				    rep->note[i].kind);
			else
				html(&p->out, "<li>line %I: %s (%s)</li>\n",
				    (int64_t)rep->note[i].line, m,
				    rep->note[i].kind);
		}
		html(&p->out, "</ul>\n");
	}
}

/* The import of the file kept as upload id: a preview or for real. */
static int
upload_run(Page *p, int64_t id, int dry_run)
{
	Buf name = BUF_INIT, format = BUF_INIT, data = BUF_INIT, err = BUF_INIT;
	Buf safe = BUF_INIT, dir = BUF_INIT, path = BUF_INIT;
	ImportOptions opt;
	ImportReport rep;
	Preview v = { BUF_INIT, 0 };
	const char *files[1];
	int got, rc;

	memset(&opt, 0, sizeof(opt));
	memset(&rep, 0, sizeof(rep));
	got =
	    store_upload_get(p->s, id, p->who.id, &name, &format, &data, &err);
	if (got != 1) {
		rc = page_error(p, got == 0 ? 404 : 503,
		    got == 0 ? "There is no such upload: it was imported "
			       "already, or it is older than a day."
			     : "The database is busy: try again.");
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
	page_begin(p, dry_run ? "Preview of the upload" : "Upload imported");
	html(&p->out, "<p class=\"lead\">%s (%s)</p>\n", buf_str(&name),
	    strcmp(buf_str(&format), "csv") == 0 ? "CSV"
						 : "published matrix format");
	if (rc != 0) {
		html(&p->out,
		    "<p class=\"error\" role=\"alert\">The file cannot be "
		    "imported: %s</p>\n<p>Nothing was written. Correct the "
		    "file and <a href=\"/upload\">upload it again</a>.</p>\n",
		    buf_str(&err));
		rc = page_end(p, 422);
		goto out;
	}
	if (!dry_run) {
		store_upload_delete(p->s, id, &err);
		html(&p->out,
		    "<p role=\"status\">Imported in one transaction: "
		    "%N added, %N changed.</p>\n",
		    (int64_t)rep.added, (int64_t)rep.updated);
		report_html(p, &rep, dry_run);
		html(&p->out, "<p><a href=\"/\">To the matrix</a></p>\n");
		rc = page_end(p, 200);
		goto out;
	}
	report_html(p, &rep, dry_run);
	if (rep.refused > 0)
		html(&p->out,
		    "<p class=\"error\" role=\"alert\">%N row%S not name "
		    "%s: a focal point uploads its entity's projects only. "
		    "Remove them and upload the file again.</p>\n",
		    (int64_t)rep.refused, rep.refused == 1 ? " does" : "s do",
		    p->who.entity);
	else if (rep.added + rep.updated == 0)
		html(&p->out,
		    "<p>There is nothing to import: every row is "
		    "in the portfolio as it is.</p>\n");
	else {
		html(&p->out,
		    "<form method=\"post\" action=\"/upload/commit\">\n"
		    "<input type=\"hidden\" name=\"upload\" value=\"%I\">\n",
		    id);
		page_csrf_field(p);
		html(&p->out,
		    "\n<p><button type=\"submit\">Import %N row%S</button> "
		    "<a href=\"/upload\">Cancel</a></p>\n</form>\n",
		    (int64_t)(rep.added + rep.updated),
		    rep.added + rep.updated == 1 ? "" : "s");
	}
	if (v.n > 0)
		html(&p->out,
		    "<table class=\"list\">\n<caption>Row by row</caption>\n"
		    "<thead><tr><th scope=\"col\">Outcome</th><th "
		    "scope=\"col\" "
		    "class=\"num\">Line</th><th scope=\"col\">No.</th>"
		    "<th scope=\"col\">Title</th><th scope=\"col\">Entities"
		    "</th></tr></thead>\n<tbody>\n%S</tbody></table>\n",
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
	return rc;
}

static int
upload_form(Page *p, int status, const char *message)
{
	p->nav = "upload";
	page_begin(p, "Upload projects");
	if (message != NULL)
		html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    message);
	html(&p->out,
	    "<p>Upload a CSV of projects (<a "
	    "href=\"/upload/template.csv\">the template</a>) or a table in "
	    "the format the Secretary-General's report publishes. You will "
	    "see what would be added, changed and flagged before anything is "
	    "written.%S</p>\n",
	    strcmp(p->who.role, "focal_point") == 0
		? " As a focal point, every row must name your entity."
		: "");
	html(&p->out,
	    "<form method=\"post\" action=\"/upload\" "
	    "enctype=\"multipart/form-data\" class=\"edit\">\n");
	page_csrf_field(p);
	html(&p->out,
	    "\n<p><label for=\"file\">File</label>\n"
	    "<input id=\"file\" name=\"file\" type=\"file\" required "
	    "accept=\".csv,.md,.txt,text/csv,text/plain\"></p>\n"
	    "<fieldset><legend>Format</legend>\n"
	    "<label class=\"check\"><input type=\"radio\" name=\"format\" "
	    "value=\"auto\" checked> by the file's name (.csv is CSV)</label>\n"
	    "<label class=\"check\"><input type=\"radio\" name=\"format\" "
	    "value=\"csv\"> CSV</label>\n"
	    "<label class=\"check\"><input type=\"radio\" name=\"format\" "
	    "value=\"matrix\"> published matrix</label>\n</fieldset>\n"
	    "<p><button type=\"submit\">Preview</button></p>\n</form>\n"
	    "<h2>The columns of the CSV</h2>\n<dl class=\"facts\">\n"
	    "<dt>pillar</dt><dd>I, II, III or IV (required)</dd>\n"
	    "<dt>serial</dt><dd>its number in the pillar's table "
	    "(optional)</dd>\n"
	    "<dt>title</dt><dd>the title (required)</dd>\n"
	    "<dt>period</dt><dd>as the matrix writes it: \"Jul. 2015-Jun. "
	    "2019\", \"since 2013\", \"Annual event\"</dd>\n"
	    "<dt>entities</dt><dd>the implementing entities, the lead first, "
	    "separated by \";\"</dd>\n"
	    "<dt>status</dt><dd>in development, ongoing or completed</dd>\n"
	    "<dt>activities</dt><dd>the main activities</dd>\n"
	    "<dt>scope</dt><dd>the geographical scope: \"Global\", countries "
	    "and regions separated by commas</dd>\n</dl>\n");
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
		return upload_form(p, 422, "Choose a file to upload.");
	if (f->data.len > UPLOAD_MAX)
		return upload_form(p, 413, "The file is larger than 4 MB.");
	if (format == NULL || strcmp(format, "auto") == 0) {
		dot = strrchr(f->filename, '.');
		format = dot && strcasecmp(dot, ".csv") == 0 ? "csv" : "matrix";
	}
	if (strcmp(format, "csv") != 0 && strcmp(format, "matrix") != 0)
		return upload_form(p, 422, "The format is CSV or matrix.");
	id = store_upload_add(p->s, p->who.id,
	    *f->filename ? f->filename : "upload", format, &f->data, &err);
	if (id < 0)
		rc = page_error(p, 503, "The database is busy: try again.");
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
		return page_error(p, 401, "Sign in to upload projects.");
	if (!page_may_write(p))
		return page_error(p, 403, "Your role may not upload projects.");
	if (*rest == '\0' && !post)
		return upload_form(p, 200, NULL);
	if (*rest == '\0')
		return upload_post(p);
	if (strcmp(rest, "commit") == 0 && post) {
		id = page_field(p, "upload");
		return upload_run(p, id ? strtoll(id, NULL, 10) : 0, 0);
	}
	return page_error(p, 404, "There is no such page.");
}
