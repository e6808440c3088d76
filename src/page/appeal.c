/*
 * appeal.c - the pages of appeals: /appeals (every appeal with what its
 * projects require, received and lack), /appeals/KEY (one appeal, its
 * projects and their shortfalls), and the forms that create, change and
 * delete appeals (/appeals/new, /appeals/KEY/edit, /appeals/KEY/delete),
 * which admins and the secretariat use (money_may_write).
 *
 * An appeal, such as the Multi-Year Appeal, makes shortfalls known to
 * donors: it is public to read.  Changes go through io/money_io.c
 * (appeal_commit), as the command line's and the API's do.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../io/money_io.h"
#include "../portfolio/money.h"
#include "page_int.h"

/* What a person gives of an appeal, as text. */
typedef struct AppealInput {
	const char *key, *title, *issued, *note;
	const char *projects; /* ids, separated by commas, spaces or lines */
	int demo;
} AppealInput;

static int
appeal_row(void *ctx, const Appeal *a)
{
	Page *p = ctx;
	FundFilter f;
	FundRow r;
	Buf err = BUF_INIT, n = BUF_INIT;

	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	f.by = "portfolio";
	f.appeal = a->id;
	store_funding(p->s, &f, page_fund_keep, &r, &err);
	html(&p->out, "<tr><th scope=\"row\"><a href=\"/appeals/%u\">%s</a>",
	    a->key, a->title);
	page_demo_badge(p, &p->out, a->demo || r.demo);
	html(&p->out, " <small>(%s)</small></th><td class=\"date\">", a->key);
	page_date(p, &p->out, a->issued);
	html(&p->out, "</td><td class=\"num\">%s</td>",
	    page_count(p, &n, (int64_t)a->nprojects));
	page_usd_cell(p, &p->out, r.budget);
	page_usd_cell(p, &p->out, r.received);
	page_usd_cell(p, &p->out, r.shortfall);
	html(&p->out, "</tr>\n");
	buf_free(&err);
	buf_free(&n);
	return 0;
}

static int
appeals_list(Page *p)
{
	Buf err = BUF_INIT;

	page_begin(p, PT(p, "Appeals"));
	page_money_tabs(p, "/appeals");
	/* The badge, as it looks, then what it means (not inside the
	 * sentence: each language places it otherwise). */
	html(&p->out, "<p class=\"lead\">%s",
	    PT(p,
		"Appeals make the shortfalls of projects known to donors and "
		"Member States. Sums in US dollars;"));
	html(&p->out, " <span class=\"badge\">%s</span> %s</p>\n",
	    PT(p, "demo"),
	    PT(p, "marks an appeal or sum made up for a demonstration."));
	if (money_may_write(&p->who))
		html(&p->out,
		    "<p class=\"actions\"><a class=\"button\" "
		    "href=\"/appeals/new\">%s</a></p>\n",
		    PT(p, "New appeal"));
	html(&p->out,
	    "<table class=\"list money\"><caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n"
	    "<tbody>\n",
	    PT(p, "Appeals, the latest first"), PT(p, "Appeal"),
	    PT(p, "Issued"), PT(p, "Projects"), PT(p, "Budget, USD"),
	    PT(p, "Received, USD"), PT(p, "Shortfall, USD"));
	if (store_appeals(p->s, appeal_row, p, &err) != 0)
		html(&p->out, "<tr><td colspan=\"6\">%s</td></tr>\n",
		    PT(p, "The query failed."));
	html(&p->out, "</tbody></table>\n");
	buf_free(&err);
	return page_end(p, 200);
}

static int
appeal_view(Page *p, const Appeal *a)
{
	FundFilter f;

	page_begin(p, a->title);
	page_money_tabs(p, "/appeals");
	if (a->demo)
		html(&p->out,
		    "<p class=\"demo\" role=\"note\"><span "
		    "class=\"badge\">%s</span> %s</p>\n",
		    PT(p, "demo"),
		    PT(p, "This appeal is a demonstration record, made up."));
	html(&p->out,
	    "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
	    PT(p, "Key"), a->key, PT(p, "Issued"));
	if (a->issued)
		page_date(p, &p->out, a->issued);
	else
		html(&p->out, "%s", PT(p, "not given"));
	html(&p->out, "</dd><dt>%s</dt><dd>%s</dd></dl>\n", PT(p, "Note"),
	    a->note);
	memset(&f, 0, sizeof(f));
	f.by = "project";
	f.appeal = a->id;
	if (a->nprojects == 0)
		html(&p->out, "<p>%s</p>\n", PT(p, "It names no project."));
	else if (page_fund_table(p, &f,
		     PT(p, "Its projects, the greatest shortfall first")) != 0)
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/appeals\">%s</a> "
	    "<a href=\"/api/v1/appeals/%I\">JSON</a>",
	    PT(p, "Every appeal"), a->id);
	if (money_may_write(&p->who))
		html(&p->out,
		    " <a class=\"button\" href=\"/appeals/%u/edit\">%s</a>",
		    a->key, PT(p, "Edit"));
	html(&p->out, "</p>\n");
	if (money_may_write(&p->who)) {
		html(&p->out,
		    "<form method=\"post\" action=\"/appeals/%u/delete\" "
		    "class=\"danger\" data-confirm=\"%s\">",
		    a->key, PT(p, "Delete this appeal?"));
		page_csrf_field(p);
		html(&p->out, "<button type=\"submit\">%s</button></form>\n",
		    PT(p, "Delete this appeal"));
	}
	return page_end(p, 200);
}

/* The form, filled from in; key is fixed when editing (edit). */
static int
appeal_form(
    Page *p, const AppealInput *in, int edit, const char *msg, int status)
{
	Buf action = BUF_INIT;

	if (edit)
		html(&action, "/appeals/%u/edit", in->key);
	else
		buf_puts(&action, "/appeals/new");
	page_begin(p, edit ? PT(p, "Edit an appeal") : PT(p, "New appeal"));
	page_money_tabs(p, "/appeals");
	page_form_begin(p, buf_str(&action), msg);
	html(&p->out,
	    "<p><label for=\"key\">%s <small>%s</small></label>\n<input "
	    "id=\"key\" name=\"key\" required maxlength=\"64\" "
	    "pattern=\"[a-z0-9_-]+\" value=\"%s\"%S></p>\n"
	    "<p><label for=\"title\">%s</label>\n<input id=\"title\" "
	    "name=\"title\" required value=\"%s\"></p>\n",
	    PT(p, "Key"), PT(p, "(lower-case letters, digits, - and _)"),
	    in->key, edit ? " readonly" : "", PT(p, "Title"), in->title);
	html(&p->out,
	    "<p><label for=\"issued\">%s <small>%s</small></label>\n<input "
	    "id=\"issued\" name=\"issued\" value=\"%s\"></p>\n<p><label "
	    "for=\"projects\">%s <small>%s</small></label>\n<textarea "
	    "id=\"projects\" name=\"projects\" rows=\"2\">%s</textarea>"
	    "</p>\n",
	    PT(p, "Issued"), PT(p, "(YYYY, YYYY-MM or YYYY-MM-DD)"), in->issued,
	    PT(p, "Projects"),
	    PT(p, "(their numbers, separated by commas or spaces)"),
	    in->projects);
	html(&p->out,
	    "<p><label for=\"note\">%s</label>\n<textarea id=\"note\" "
	    "name=\"note\" rows=\"2\">%s</textarea></p>\n",
	    PT(p, "Note"), in->note);
	page_checkbox(
	    p, "demo", in->demo, PT(p, "a demonstration record, made up"));
	html(&p->out, "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    PT(p, "Save"));
	buf_free(&action);
	return page_end(p, status);
}

/* The project ids of text into a; 0, or -1 with a message in msg. */
static int
projects_take(Page *p, const char *text, Appeal *a, Buf *msg)
{
	const char *s = text ? text : "";

	while (*s != '\0') {
		size_t n;
		char *end;
		long long id;

		s += strspn(s, ", \t\n");
		if ((n = strcspn(s, ", \t\n")) == 0)
			break;
		id = strtoll(s, &end, 10);
		if (id <= 0 || end != s + n) {
			buf_printf(msg,
			    PT(p, "projects: \"%.*s\" is no project number"),
			    (int)n, s);
			return -1;
		}
		a->projects =
		    xrealloc(a->projects, (a->nprojects + 1) * sizeof(int64_t));
		a->projects[a->nprojects++] = id;
		s += n;
	}
	return 0;
}

static int
appeal_save(Page *p, const char *key)
{
	AppealInput in;
	Appeal a;
	Buf msg = BUF_INIT, loc = BUF_INIT;
	int code, rc;

	memset(&in, 0, sizeof(in));
	memset(&a, 0, sizeof(a));
	in.key = key ? key : page_field(p, "key");
	in.title = page_field(p, "title");
	in.issued = page_field(p, "issued");
	in.note = page_field(p, "note");
	in.projects = page_field(p, "projects");
	in.demo = page_field(p, "demo") != NULL;
	a.key = xstrdup(in.key ? in.key : "");
	a.title = xstrdup(in.title ? in.title : "");
	a.issued = in.issued && *in.issued ? xstrdup(in.issued) : NULL;
	a.note = xstrdup(in.note ? in.note : "");
	a.demo = in.demo;
	code = projects_take(p, in.projects, &a, &msg) == 0
	    ? appeal_commit(p->s, &p->who, &a, &msg)
	    : 400;
	if (code == COMMIT_OK || code == COMMIT_CREATED) {
		html(&loc, "/appeals/%u", a.key);
		rc = page_redirect(p, buf_str(&loc));
	} else if (code == 400 || code == COMMIT_NOT_FOUND) {
		rc = appeal_form(p, &in, key != NULL, buf_str(&msg), 422);
	} else {
		rc = page_money_refusal(p, code, buf_str(&msg));
	}
	appeal_free(&a);
	buf_free(&msg);
	buf_free(&loc);
	return rc;
}

/* The form of appeal a as stored. */
static int
appeal_edit_form(Page *p, const Appeal *a)
{
	AppealInput in;
	Buf ids = BUF_INIT;
	int rc;

	for (size_t i = 0; i < a->nprojects; i++)
		buf_printf(
		    &ids, "%s%lld", i ? ", " : "", (long long)a->projects[i]);
	memset(&in, 0, sizeof(in));
	in.key = a->key;
	in.title = a->title;
	in.issued = a->issued;
	in.note = a->note;
	in.projects = buf_str(&ids);
	in.demo = a->demo;
	rc = appeal_form(p, &in, 1, NULL, 200);
	buf_free(&ids);
	return rc;
}

/* /appeals/KEY[/edit|/delete], for appeal a as stored. */
static int
appeal_route(Page *p, const Appeal *a, const char *what, int post)
{
	Buf msg = BUF_INIT;
	int code, rc;

	if (*what == '\0' && !post)
		return appeal_view(p, a);
	if (strcmp(what, "edit") != 0 && strcmp(what, "delete") != 0)
		return page_error(p, 404, PT(p, "There is no such page."));
	if (!money_may_write(&p->who))
		return page_error(p, page_signed_in(p) ? 403 : 401,
		    PT(p, "Only the secretariat and admins issue appeals."));
	if (strcmp(what, "edit") == 0)
		return post ? appeal_save(p, a->key) : appeal_edit_form(p, a);
	if (!post)
		return page_error(
		    p, 405, PT(p, "This method is not allowed here."));
	code = appeal_delete_commit(p->s, &p->who, a->key, &msg);
	rc = code == COMMIT_DELETED
	    ? page_redirect(p, "/appeals")
	    : page_money_refusal(p, code, buf_str(&msg));
	buf_free(&msg);
	return rc;
}

int
page_appeals(Page *p, const char *rest)
{
	AppealInput in;
	Appeal a;
	Buf key = BUF_INIT, err = BUF_INIT;
	int post = strcmp(p->rq->method, "POST") == 0, got, rc;
	const char *slash = strchr(rest, '/');

	if (*rest == '\0')
		return post ? page_error(p, 405,
				  PT(p, "This method is not allowed here."))
			    : appeals_list(p);
	if (strcmp(rest, "new") == 0) {
		if (!money_may_write(&p->who))
			return page_error(p, page_signed_in(p) ? 403 : 401,
			    PT(p,
				"Only the secretariat and admins issue "
				"appeals."));
		memset(&in, 0, sizeof(in));
		return post ? appeal_save(p, NULL)
			    : appeal_form(p, &in, 0, NULL, 200);
	}
	buf_append(&key, rest, slash ? (size_t)(slash - rest) : strlen(rest));
	got = store_appeal_get(p->s, buf_str(&key), &a, &err);
	if (got < 0)
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
	else if (got == 0)
		rc = page_error(p, 404, PT(p, "There is no such appeal."));
	else
		rc = appeal_route(p, &a, slash ? slash + 1 : "", post);
	appeal_free(&a);
	buf_free(&key);
	buf_free(&err);
	return rc;
}
