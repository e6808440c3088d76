/*
 * need.c - the pages of needs, gaps and duplication: /needs (list,
 * filters, CSV), /needs/new, /needs/N (a need, its projects, its changes),
 * /gaps (tables, a grid of countries, CSV) and /duplicates.
 *
 * Every read goes through the store with the viewer of who asks
 * (portfolio/need.h), so a page shows, counts and exports only what that
 * person may see; a need out of sight is "There is no such need", as one
 * that does not exist.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/csv.h"
#include "../io/need_io.h"
#include "../portfolio/dup.h"
#include "../portfolio/need.h"
#include "page_int.h"
#include "sentence.h"

/* The statuses, priorities and confidentialities: keys, English names. */
static const char *const st_keys[] = { "open", "being_addressed", "addressed" };
static const char *const st_names[] = { N_("open"), N_("being addressed"),
	N_("addressed") };
static const char *const pr_keys[] = { "high", "medium", "low" };
static const char *const pr_names[] = { N_("high"), N_("medium"), N_("low") };
static const char *const cf_keys[] = { "restricted", "compact", "public" };
static const char *const cf_names[] = { N_("restricted"), N_("compact"),
	N_("public") };

/* The name of key among keys (n of them) in the page's language. */
static const char *
key_name(const Page *p, const char *const *keys, const char *const *names,
    size_t n, const char *key)
{
	for (size_t i = 0; key != NULL && i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return PT(p, names[i]);
	return key;
}

static const char *
need_status_name(const Page *p, const char *s)
{
	return key_name(p, st_keys, st_names, 3, s);
}

/* <option>s of keys, named by names (English, translated here). */
static void
options(Page *p, const char *const *keys, const char *const *names, size_t n,
    const char *selected)
{
	for (size_t i = 0; i < n; i++)
		html(&p->out, "<option value=\"%s\"%S>%s</option>\n", keys[i],
		    selected && strcmp(selected, keys[i]) == 0 ? " selected"
							       : "",
		    PT(p, names[i]));
}

typedef struct AreaOpts {
	Page *p;
	const char *selected;
} AreaOpts;

static int
area_option(void *ctx, const RefItem *r)
{
	AreaOpts *o = ctx;

	html(&o->p->out, "<option value=\"%s\"%S>%s</option>\n", r->key,
	    o->selected && strcmp(o->selected, r->key) == 0 ? " selected" : "",
	    r->name);
	return 0;
}

static void
area_options(Page *p, const char *selected)
{
	AreaOpts o = { p, selected };
	Buf err = BUF_INIT;

	store_areas(p->s, p->lang, area_option, &o, &err);
	buf_free(&err);
}

static void
filter_of(Page *p, NeedFilter *f)
{
	memset(f, 0, sizeof(*f));
	f->country = page_param(p, "country");
	f->region = page_param(p, "region");
	f->pillar = page_param(p, "pillar");
	f->area = page_param(p, "area");
	f->status = page_param(p, "status");
	f->priority = page_param(p, "priority");
	f->search = page_param(p, "search");
	f->gaps = page_param(p, "gaps") != NULL;
	f->lang = p->lang;
	if (f->status != NULL && !need_status_ok(f->status))
		f->status = NULL;
	if (f->priority != NULL && !need_priority_ok(f->priority))
		f->priority = NULL;
}

/* The query string of f, for links to the same view in another form. */
static void
filter_query(Buf *q, const NeedFilter *f)
{
	const char *names[] = { "country", "region", "pillar", "area", "status",
		"priority", "search" };
	const char *vals[] = { f->country, f->region, f->pillar, f->area,
		f->status, f->priority, f->search };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (vals[i] != NULL)
			html(q, "%S%S=%u", q->len ? "&amp;" : "", names[i],
			    vals[i]);
	if (f->gaps)
		html(q, "%Sgaps=1", q->len ? "&amp;" : "");
}

typedef struct Rows {
	Page *p;
	Buf rows;
	int64_t n;
} Rows;

static int
need_row(void *ctx, const Need *n)
{
	Rows *r = ctx;
	const Page *p = r->p;
	Buf num = BUF_INIT;

	html(&r->rows,
	    "<tr><td><a href=\"/needs/%I\">%I</a></td>"
	    "<td><a href=\"/countries/%u\">%s</a></td><td>%s</td>"
	    "<td>%s</td><td>%s</td><td>%s</td><td class=\"conf-%s\">%s</td>"
	    "<td>%s</td><td dir=\"auto\">%s",
	    n->id, n->id, n->country, n->country_name, n->body,
	    n->pillar ? n->pillar : "",
	    key_name(p, pr_keys, pr_names, 3, n->priority),
	    need_status_name(p, n->status), n->confidentiality,
	    key_name(p, cf_keys, cf_names, 3, n->confidentiality),
	    sentence_int(&num, p->lang, (int64_t)n->nprojects), n->text);
	if (n->demo)
		html(&r->rows, " <small class=\"demo\">%s</small>",
		    PT(p, "demo record"));
	html(&r->rows, "</td></tr>\n");
	buf_free(&num);
	r->n++;
	return 0;
}

/* The filters of the list of needs, as a GET form. */
static void
needs_filters(Page *p, const NeedFilter *f)
{
	html(&p->out,
	    "<form method=\"get\" action=\"/needs\" class=\"filters\">\n"
	    "<label>%s <input name=\"country\" size=\"4\" value=\"%s\" "
	    "placeholder=\"MLI\"></label>\n"
	    "<label>%s <input name=\"region\" size=\"10\" value=\"%s\" "
	    "placeholder=\"Sahel\"></label>\n"
	    "<label>%s <select name=\"pillar\"><option "
	    "value=\"\">%s</option>\n",
	    PT(p, "Country"), f->country, PT(p, "Region"), f->region,
	    PT(p, "Pillar"), PT(p, "any"));
	page_pillar_options(p, f->pillar);
	html(&p->out,
	    "</select></label>\n<label>%s <select name=\"area\">"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Thematic area"), PT(p, "any"));
	area_options(p, f->area);
	html(&p->out,
	    "</select></label>\n<label>%s <select name=\"status\">"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Status"), PT(p, "any"));
	options(p, st_keys, st_names, 3, f->status);
	html(&p->out,
	    "</select></label>\n<label>%s <input name=\"search\" "
	    "value=\"%s\"></label>\n<label class=\"check\"><input "
	    "type=\"checkbox\" "
	    "name=\"gaps\" value=\"1\"%S> %s</label>\n"
	    "<button type=\"submit\">%s</button>\n</form>\n",
	    PT(p, "Words"), f->search, f->gaps ? " checked" : "",
	    PT(p, "gaps only"), PT(p, "Show"));
}

/* The table of the needs listed: rows, total of them, shown of them. */
static void
needs_table(Page *p, const Rows *r, int64_t total)
{
	Buf num = BUF_INIT;

	html(&p->out, "<table class=\"list\">\n<caption>");
	sentence_html(&p->out, 1, 0,
	    PTN(p, "%s need", "%s needs", (unsigned long)total),
	    sentence_int(&num, p->lang, total));
	if (total > r->n)
		html(&p->out, " %s", PT(p, "(the first 200 shown)"));
	html(&p->out,
	    "</caption>\n<thead><tr><th scope=\"col\">#</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead>\n<tbody>\n%S</tbody></table>\n",
	    PT(p, "Country"), PT(p, "Assessed by"), PT(p, "Pillar"),
	    PT(p, "Priority"), PT(p, "Status"), PT(p, "Seen by"),
	    PT(p, "Projects"), PT(p, "Need"), buf_str(&r->rows));
	buf_free(&num);
}

static int
needs_list(Page *p)
{
	NeedFilter f;
	NeedViewer v;
	Rows r = { p, BUF_INIT, 0 };
	Buf q = BUF_INIT, err = BUF_INIT, link = BUF_INIT;
	int64_t total = 0;
	const char *off = page_param(p, "offset");

	filter_of(p, &f);
	f.limit = 200;
	f.offset = off ? atoll(off) : 0;
	if (f.offset < 0)
		f.offset = 0;
	need_viewer(&p->who, &v);
	p->nav = "needs";
	page_begin(p, PT(p, "Needs"));
	html(&link, "<a href=\"/gaps\">%s</a>", PT(p, "Gaps"));
	html(&p->out, "<p>%s ",
	    PT(p,
		"Assessment recommendations and technical-assistance needs "
		"of Member States, and the projects that answer them."));
	sentence_html(&p->out, 0, 1,
	    PT(p, "%s are the needs no project answers."), buf_str(&link));
	if (!page_signed_in(p))
		html(&p->out, " %s",
		    PT(p,
			"Only public needs are shown: sign in to see those of "
			"the Compact."));
	html(&p->out, "</p>\n");
	needs_filters(p, &f);
	if (store_need_list(p->s, &f, &v, need_row, &r, &total, &err) != 0) {
		buf_free(&r.rows);
		buf_free(&err);
		buf_free(&link);
		return page_error(
		    p, 500, PT(p, "The needs could not be read."));
	}
	filter_query(&q, &f);
	html(&p->out, "<p class=\"actions\"><a href=\"/needs.csv%S%S\">%s</a>",
	    q.len ? "?" : "", buf_str(&q), PT(p, "Download as CSV"));
	if (need_may_write(&p->who))
		html(&p->out, " · <a href=\"/needs/new\">%s</a>",
		    PT(p, "Record a need"));
	html(&p->out, "</p>\n");
	if (total == 0)
		html(&p->out, "<p>%s</p>\n", PT(p, "No need matches."));
	else
		needs_table(p, &r, total);
	buf_free(&r.rows);
	buf_free(&q);
	buf_free(&err);
	buf_free(&link);
	return page_end(p, 200);
}

typedef struct CsvOut {
	Buf csv;
} CsvOut;

static int
csv_row(void *ctx, const Need *n)
{
	need_csv_row(&((CsvOut *)ctx)->csv, n);
	return 0;
}

static int
needs_csv(Page *p)
{
	NeedFilter f;
	NeedViewer v;
	CsvOut o = { BUF_INIT };
	Buf err = BUF_INIT;

	filter_of(p, &f);
	f.lang = NULL; /* a download names places in English */
	need_viewer(&p->who, &v);
	need_csv_header(&o.csv);
	if (store_need_list(p->s, &f, &v, csv_row, &o, NULL, &err) != 0) {
		buf_free(&o.csv);
		buf_free(&err);
		return page_error(
		    p, 500, PT(p, "The needs could not be read."));
	}
	p->rp->status = 200;
	p->rp->type = "text/csv; charset=utf-8";
	http_reply_header(
	    p->rp, "Content-Disposition", "attachment; filename=\"needs.csv\"");
	buf_reset(&p->rp->body);
	buf_append(&p->rp->body, buf_str(&o.csv), o.csv.len);
	buf_free(&o.csv);
	buf_free(&err);
	return 1;
}

/* The form of a need: empty for a new one. */
static void
need_form(Page *p, const Need *n, const char *action, const char *msg)
{
	static const char *const cf_choices[] = {
		N_("restricted: the organisations named below"),
		N_("the Compact: anyone signed in"), N_("public: everyone")
	};
	Buf orgs = BUF_INIT;

	for (size_t i = 0; i < n->norgs; i++)
		buf_printf(&orgs, "%s%s", i ? "; " : "", n->orgs[i]);
	page_form_begin(p, action, msg);
	html(&p->out,
	    "<label>%s <input name=\"country\" required value=\"%s\" "
	    "placeholder=\"%s\"></label>\n"
	    "<label>%s <input name=\"body\" required value=\"%s\" "
	    "placeholder=\"CTED\"></label>\n"
	    "<label>%s <input name=\"assessed\" "
	    "value=\"%s\" placeholder=\"YYYY-MM\"></label>\n"
	    "<label>%s <input name=\"ref\" value=\"%s\"></label>\n"
	    "<label>%s <textarea name=\"text\" rows=\"5\" "
	    "required>%s</textarea></label>\n"
	    "<label>%s <select name=\"pillar\"><option "
	    "value=\"\">%s</option>\n",
	    PT(p, "Country"), n->country, PT(p, "ISO alpha-3 or name"),
	    PT(p, "Assessed by"), n->body ? n->body : "CTED",
	    PT(p, "Date of the assessment"), n->assessed, PT(p, "Reference"),
	    n->ref, PT(p, "Text"), n->text, PT(p, "Pillar"), PT(p, "none"));
	page_pillar_options(p, n->pillar);
	html(&p->out,
	    "</select></label>\n<label>%s <select name=\"area\">"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Thematic area"), PT(p, "none"));
	area_options(p, n->area);
	html(&p->out,
	    "</select></label>\n<label>%s <select name=\"priority\">\n",
	    PT(p, "Priority"));
	options(p, pr_keys, pr_names, 3, n->priority ? n->priority : "medium");
	html(&p->out,
	    "</select></label>\n<label>%s <select "
	    "name=\"status\">\n",
	    PT(p, "Status"));
	options(p, st_keys, st_names, 3, n->status);
	html(&p->out,
	    "</select></label>\n<label>%s <select "
	    "name=\"confidentiality\">\n",
	    PT(p, "Who may see it"));
	options(p, cf_keys, cf_choices, 3, n->confidentiality);
	html(&p->out,
	    "</select></label>\n<label>%s <input name=\"organisations\" "
	    "value=\"%s\" placeholder=\"CTED; UNOCT\"></label>\n"
	    "<button type=\"submit\">%s</button>\n</form>\n",
	    PT(p, "Organisations that see a restricted need"),
	    orgs.len ? buf_str(&orgs) : NULL, PT(p, "Save"));
	buf_free(&orgs);
}

/* Apply the posted form to n: 0, or -1 with msg. */
static int
need_from_form(Page *p, Need *n, Buf *msg)
{
	static const char *const fields[] = { "country", "body", "assessed",
		"ref", "text", "pillar", "area", "priority", "status",
		"confidentiality", "organisations" };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = page_field(p, fields[i]);

		if (v != NULL && need_set(p->s, n, fields[i], v, msg) != 0)
			return -1;
	}
	return 0;
}

static int
commit_page(Page *p, int code, const Need *n, const Buf *msg)
{
	Buf loc = BUF_INIT;
	int rc;

	switch (code) {
	case COMMIT_OK:
	case COMMIT_CREATED:
		buf_printf(&loc, "/needs/%lld", (long long)n->id);
		rc = page_redirect(p, buf_str(&loc));
		break;
	case COMMIT_DELETED:
		rc = page_redirect(p, "/needs");
		break;
	case COMMIT_FORBIDDEN:
		rc = page_error(p, 403, buf_str(msg));
		break;
	case COMMIT_NOT_FOUND:
		rc = page_error(p, 404, PT(p, "There is no such need."));
		break;
	case COMMIT_BUSY:
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
		break;
	default:
		rc = page_error(p, 500, PT(p, "The change failed."));
	}
	buf_free(&loc);
	return rc;
}

static int
need_new(Page *p)
{
	Need n;
	Buf msg = BUF_INIT;
	int rc;

	if (!page_signed_in(p))
		return page_error(p, 401, PT(p, "Sign in to record a need."));
	if (!need_may_write(&p->who))
		return page_error(p, 403,
		    PT(p, "Only analysts and the secretariat record needs."));
	memset(&n, 0, sizeof(n));
	if (strcmp(p->rq->method, "POST") == 0) {
		if (need_from_form(p, &n, &msg) == 0) {
			rc = need_commit(p->s, &p->who, &n, 0, &msg);
			if (rc != 400) {
				rc = commit_page(p, rc, &n, &msg);
				goto out;
			}
		}
		p->nav = "needs";
		page_begin(p, PT(p, "Record a need"));
		need_form(p, &n, "/needs/new", buf_str(&msg));
		rc = page_end(p, 422);
		goto out;
	}
	p->nav = "needs";
	page_begin(p, PT(p, "Record a need"));
	need_form(p, &n, "/needs/new", NULL);
	rc = page_end(p, 200);
out:
	need_clear(&n);
	buf_free(&msg);
	return rc;
}

typedef struct History {
	Buf rows;
} History;

static int
history_one(void *ctx, const AuditEntry *e)
{
	History *h = ctx;

	html(&h->rows,
	    "<tr><td>%s</td><td>%s</td><td>%s</td><td><code>%s</code></td>"
	    "</tr>\n",
	    e->at, e->actor, e->action,
	    e->new_json ? e->new_json : e->old_json);
	return 0;
}

/* What a need says, as a list of facts (its text first). */
static void
need_facts(Page *p, const Need *n)
{
	if (n->demo)
		html(&p->out, "<p class=\"demo\" role=\"note\">%s</p>\n",
		    PT(p,
			"A demonstration record, made up: not a real "
			"assessment."));
	html(&p->out,
	    "<blockquote class=\"need\" dir=\"auto\">%s</blockquote>\n<dl "
	    "class=\"facts\">"
	    "<dt>%s</dt><dd><a href=\"/countries/%u\">%s</a></dd>"
	    "<dt>%s</dt><dd>%s%S%s</dd><dt>%s</dt><dd>%s</dd>",
	    n->text, PT(p, "Country"), n->country, n->country_name,
	    PT(p, "Assessed by"), n->body, n->assessed ? ", " : "", n->assessed,
	    PT(p, "Reference"), n->ref ? n->ref : PT(p, "none"));
	html(&p->out,
	    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
	    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
	    "<dt>%s</dt><dd>%s",
	    PT(p, "Pillar"), n->pillar ? n->pillar : PT(p, "none"),
	    PT(p, "Thematic area"), n->area_name ? n->area_name : PT(p, "none"),
	    PT(p, "Priority"), key_name(p, pr_keys, pr_names, 3, n->priority),
	    PT(p, "Status"), need_status_name(p, n->status),
	    PT(p, "Who may see it"),
	    key_name(p, cf_keys, cf_names, 3, n->confidentiality));
	for (size_t i = 0; i < n->norgs; i++)
		html(&p->out, "%S%s", i ? ", " : ": ", n->orgs[i]);
	html(&p->out, "</dd></dl>\n");
}

/* A project that answers need id, as an item, with a form to unlink it. */
static void
need_project_item(Page *p, int64_t id, int64_t project)
{
	Project pr;
	Buf err = BUF_INIT;

	memset(&pr, 0, sizeof(pr));
	if (store_project_get(p->s, project, &pr, &err) == 1) {
		html(&p->out, "<li><a href=\"/projects/%I\">%s</a> (", pr.id,
		    pr.title);
		page_project_orgs(&p->out, &pr);
		html(&p->out, ")");
		if (page_signed_in(p)) {
			html(&p->out,
			    " <form method=\"post\" "
			    "action=\"/needs/%I/unlink\" class=\"inline\">",
			    id);
			page_csrf_field(p);
			html(&p->out,
			    "<input type=\"hidden\" name=\"project\" "
			    "value=\"%I\"><button type=\"submit\" "
			    "class=\"link\">%s</button></form>",
			    pr.id, PT(p, "unlink"));
		}
		html(&p->out, "</li>\n");
	}
	project_clear(&pr);
	buf_free(&err);
}

static int
need_show(Page *p, int64_t id, const char *rest)
{
	NeedViewer v;
	Need n;
	History h = { BUF_INIT };
	Buf err = BUF_INIT, msg = BUF_INIT, self = BUF_INIT;
	int post = strcmp(p->rq->method, "POST") == 0, got, rc;

	need_viewer(&p->who, &v);
	v.lang = p->lang;
	memset(&n, 0, sizeof(n));
	got = store_need_get(p->s, id, &v, &n, &err);
	buf_free(&err);
	if (got < 0)
		return page_error(p, 500, PT(p, "The need could not be read."));
	if (got == 0)
		return page_error(p, 404, PT(p, "There is no such need."));
	buf_printf(&self, "/needs/%lld", (long long)id);
	if (post) {
		const char *proj = page_field(p, "project");

		if (strcmp(rest, "link") == 0 || strcmp(rest, "unlink") == 0) {
			rc = need_commit_link(p->s, &p->who, id,
			    proj ? atoll(proj) : 0, strcmp(rest, "link") == 0,
			    &msg);
			rc = rc == COMMIT_OK ? page_redirect(p, buf_str(&self))
			    : rc == COMMIT_NOT_FOUND
			    ? page_error(p, 404, buf_str(&msg))
			    : commit_page(p, rc, &n, &msg);
		} else if (strcmp(rest, "delete") == 0) {
			rc = commit_page(p,
			    need_commit(p->s, &p->who, &n, 1, &msg), &n, &msg);
		} else if (*rest == '\0') {
			if (!need_may_write(&p->who)) {
				rc = page_error(p, 403,
				    PT(p,
					"Only analysts and the secretariat "
					"change needs."));
			} else if (need_from_form(p, &n, &msg) == 0 &&
			    (rc = need_commit(p->s, &p->who, &n, 0, &msg)) !=
				400) {
				rc = commit_page(p, rc, &n, &msg);
			} else {
				p->nav = "needs";
				page_begin(p, PT(p, "Change a need"));
				need_form(p, &n, buf_str(&self), buf_str(&msg));
				rc = page_end(p, 422);
			}
		} else {
			rc =
			    page_error(p, 404, PT(p, "There is no such page."));
		}
		goto out;
	}
	if (*rest != '\0') {
		rc = page_error(p, 404, PT(p, "There is no such page."));
		goto out;
	}
	p->nav = "needs";
	buf_reset(&msg);
	buf_printf(&msg, PT(p, "Need %lld: %s"), (long long)id, n.country_name);
	page_begin(p, buf_str(&msg));
	need_facts(p, &n);
	html(&p->out, "<h2>%s</h2>\n", PT(p, "Projects that answer it"));
	if (n.nprojects == 0)
		html(
		    &p->out, "<p>%s</p>\n", PT(p, "None: this need is a gap."));
	else
		html(&p->out, "<ul>\n");
	for (size_t i = 0; i < n.nprojects; i++)
		need_project_item(p, id, n.projects[i]);
	if (n.nprojects > 0)
		html(&p->out, "</ul>\n");
	if (page_signed_in(p) &&
	    (need_may_write(&p->who) ||
		strcmp(p->who.role, "focal_point") == 0)) {
		html(&p->out,
		    "<form method=\"post\" action=\"/needs/%I/link\" "
		    "class=\"inline\">",
		    id);
		page_csrf_field(p);
		html(&p->out,
		    "<label>%s <input name=\"project\" "
		    "inputmode=\"numeric\" size=\"6\" required></label> "
		    "<button type=\"submit\">%s</button>"
		    "</form>\n",
		    PT(p, "Project number"), PT(p, "Link it to this need"));
	}
	if (need_may_write(&p->who)) {
		html(&p->out, "<h2>%s</h2>\n", PT(p, "Change it"));
		need_form(p, &n, buf_str(&self), NULL);
		html(&p->out,
		    "<form method=\"post\" action=\"/needs/%I/delete\" "
		    "class=\"danger\">",
		    id);
		page_csrf_field(p);
		html(&p->out, "<button type=\"submit\">%s</button></form>\n",
		    PT(p, "Delete this need"));
	}
	if (page_signed_in(p)) {
		Buf e3 = BUF_INIT;

		store_audit(p->s, "need", id, history_one, &h, &e3);
		buf_free(&e3);
		if (h.rows.len > 0)
			html(&p->out,
			    "<h2>%s</h2>\n<table class=\"list\"><thead>"
			    "<tr><th scope=\"col\">%s</th><th "
			    "scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">%s</th></tr></thead>\n"
			    "<tbody>%S</tbody></table>\n",
			    PT(p, "Changes"), PT(p, "When"), PT(p, "Who"),
			    PT(p, "What"), PT(p, "Values"), buf_str(&h.rows));
	}
	rc = page_end(p, 200);
out:
	need_clear(&n);
	buf_free(&h.rows);
	buf_free(&msg);
	buf_free(&self);
	return rc;
}

int
page_needs(Page *p, const char *rest)
{
	const char *r2 = "";
	char *end;
	long long id;

	if (*rest == '\0')
		return strcmp(p->rq->method, "POST") == 0
		    ? page_error(
			  p, 405, PT(p, "This method is not allowed here."))
		    : needs_list(p);
	if (strcmp(rest, "new") == 0)
		return need_new(p);
	if (*rest < '1' || *rest > '9')
		return page_error(p, 404, PT(p, "There is no such page."));
	id = strtoll(rest, &end, 10);
	if (*end == '/')
		r2 = end + 1;
	else if (*end != '\0')
		return page_error(p, 404, PT(p, "There is no such page."));
	return need_show(p, id, r2);
}

int
page_needs_csv(Page *p)
{
	return needs_csv(p);
}

/* --- gaps -------------------------------------------------------------- */

static const char *const gap_dims[] = { "country", "region", "subregion",
	"pillar", "area" };
static const char *const gap_dim_names[] = { N_("country"), N_("region"),
	N_("sub-region"), N_("pillar"), N_("thematic area") };
static const char *const gap_dim_heads[] = { N_("Country"), N_("Region"),
	N_("Sub-region"), N_("Pillar"), N_("Thematic area") };
static const char *const gap_dim_captions[] = { N_("Needs and gaps by country"),
	N_("Needs and gaps by region"), N_("Needs and gaps by sub-region"),
	N_("Needs and gaps by pillar"), N_("Needs and gaps by thematic area") };

typedef struct GapRows {
	const Page *p;
	Buf rows;
	const char *by;
	int64_t n;
} GapRows;

/* A tile of the grid of countries, and the page it is drawn for. */
typedef struct Tiles {
	const Page *p;
	Buf out;
} Tiles;

static int
gap_pct(const GapGroup *g)
{
	return g->needs ? (int)((g->gaps * 100 + g->needs / 2) / g->needs) : 0;
}

static int
gap_row(void *ctx, const GapGroup *g)
{
	GapRows *r = ctx;
	Buf b = BUF_INIT, n1 = BUF_INIT, n2 = BUF_INIT;

	if (strcmp(r->by, "country") == 0)
		html(&r->rows,
		    "<tr><th scope=\"row\"><a "
		    "href=\"/needs?country=%u&amp;gaps=1\">%s</a></th>",
		    g->key, g->name);
	else
		html(&r->rows, "<tr><th scope=\"row\">%s</th>",
		    lang_group_name(r->p->lang, g->key, g->name));
	buf_reset(&b);
	lang_percent(&b, r->p->lang, gap_pct(g) / 100.0);
	html(&r->rows,
	    "<td class=\"num\">%s</td><td class=\"num\">%s</td>"
	    "<td class=\"num\">%s</td></tr>\n",
	    sentence_int(&n1, r->p->lang, g->needs),
	    sentence_int(&n2, r->p->lang, g->gaps), buf_str(&b));
	buf_free(&b);
	buf_free(&n1);
	buf_free(&n2);
	r->n++;
	return 0;
}

static int
gap_csv(void *ctx, const GapGroup *g)
{
	Buf *o = ctx;

	csv_put_field(o, g->key);
	buf_putc(o, ',');
	csv_put_field(o, g->name);
	buf_printf(
	    o, ",%lld,%lld\r\n", (long long)g->needs, (long long)g->gaps);
	return 0;
}

/* A tile of the grid: a country, shaded by its share of gaps. */
static int
gap_tile(void *ctx, const GapGroup *g)
{
	Tiles *t = ctx;
	const char *lang = t->p->lang;
	int pct = gap_pct(g);
	Buf title = BUF_INIT, n1 = BUF_INIT, n2 = BUF_INIT;

	sentence_int(&n1, lang, g->needs);
	sentence_int(&n2, lang, g->gaps);
	buf_printf(&title, PT(t->p, "%s: %s needs, %s gaps"),
	    lang_group_name(t->p->lang, g->key, g->name), buf_str(&n1),
	    buf_str(&n2));
	html(&t->out,
	    "<li class=\"tile g%d\"><a href=\"/needs?country=%u\" "
	    "title=\"%s\"><b>%s</b> <span>%s/%s</span></a></li>\n",
	    pct >= 75       ? 3
		: pct >= 50 ? 2
		: pct > 0   ? 1
			    : 0,
	    g->key, buf_str(&title), g->key, buf_str(&n2), buf_str(&n1));
	buf_free(&title);
	buf_free(&n1);
	buf_free(&n2);
	return 0;
}

static const char *
gap_by(Page *p)
{
	const char *by = page_param(p, "by");

	for (size_t i = 0; by != NULL && i < 5; i++)
		if (strcmp(by, gap_dims[i]) == 0)
			return gap_dims[i];
	return "country";
}

int
page_gaps_csv(Page *p)
{
	NeedFilter f;
	NeedViewer v;
	Buf csv = BUF_INIT, err = BUF_INIT;
	const char *by = gap_by(p);

	filter_of(p, &f);
	f.lang = NULL; /* a download names places in English */
	f.gaps = 0;
	need_viewer(&p->who, &v);
	buf_puts(&csv, "key,name,needs,gaps\r\n");
	if (store_gaps(p->s, by, &f, &v, gap_csv, &csv, &err) != 0) {
		buf_free(&csv);
		buf_free(&err);
		return page_error(
		    p, 500, PT(p, "The gaps could not be counted."));
	}
	p->rp->status = 200;
	p->rp->type = "text/csv; charset=utf-8";
	http_reply_header(
	    p->rp, "Content-Disposition", "attachment; filename=\"gaps.csv\"");
	buf_reset(&p->rp->body);
	buf_append(&p->rp->body, buf_str(&csv), csv.len);
	buf_free(&csv);
	buf_free(&err);
	return 1;
}

/* The index of by among the dimensions of the gaps. */
static size_t
gap_dim(const char *by)
{
	for (size_t i = 0; i < 5; i++)
		if (strcmp(by, gap_dims[i]) == 0)
			return i;
	return 0;
}

/* The filters of the gaps, as a GET form, and the link to the CSV. */
static void
gaps_filters(Page *p, const NeedFilter *f, const char *by)
{
	Buf q = BUF_INIT;

	html(&p->out,
	    "<form method=\"get\" action=\"/gaps\" "
	    "class=\"filters\">\n<label>%s <select name=\"by\">\n",
	    PT(p, "By"));
	options(p, gap_dims, gap_dim_names, 5, by);
	html(&p->out,
	    "</select></label>\n<label>%s <select name=\"pillar\">"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Pillar"), PT(p, "any"));
	page_pillar_options(p, f->pillar);
	html(&p->out,
	    "</select></label>\n<label>%s <select name=\"area\">"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Thematic area"), PT(p, "any"));
	area_options(p, f->area);
	html(&p->out,
	    "</select></label>\n<label>%s <input name=\"region\" "
	    "size=\"10\" value=\"%s\" placeholder=\"Sahel\"></label>\n"
	    "<button type=\"submit\">%s</button>\n</form>\n",
	    PT(p, "Region"), f->region, PT(p, "Show"));
	filter_query(&q, f);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/gaps.csv?by=%u%S%S\">%s</a>"
	    "</p>\n",
	    by, q.len ? "&amp;" : "", buf_str(&q), PT(p, "Download as CSV"));
	buf_free(&q);
}

/* The grid: the countries of each region, shaded by their gaps. */
static void
gaps_grid(Page *p, const NeedFilter *f, const NeedViewer *v)
{
	static const char *const regions[][2] = { { "002", N_("Africa") },
		{ "019", N_("Americas") }, { "142", N_("Asia") },
		{ "150", N_("Europe") }, { "009", N_("Oceania") } };
	Tiles t = { p, BUF_INIT };
	Buf err = BUF_INIT;

	html(&p->out, "<h2>%s</h2>\n<p class=\"legend\">%s</p>\n",
	    PT(p, "Countries"),
	    PT(p,
		"Each tile: gaps / needs; the darker, the larger the share of "
		"gaps."));
	/* Within a region asked for: one grid; else one a continent. */
	for (size_t i = 0; i < (f->region ? 1 : 5); i++) {
		NeedFilter g = *f;
		const char *name =
		    PT(p, f->region ? "Countries" : regions[i][1]);

		if (f->region == NULL)
			g.region = regions[i][0];
		buf_reset(&t.out);
		if (store_gaps(p->s, "country", &g, v, gap_tile, &t, &err) !=
			0 ||
		    t.out.len == 0)
			continue;
		html(&p->out,
		    "<section class=\"grid\" aria-label=\"%s\"><h3>%s"
		    "</h3>\n<ul class=\"tiles\">\n%S</ul></section>\n",
		    name, name, buf_str(&t.out));
	}
	buf_free(&t.out);
	buf_free(&err);
}

int
page_gaps(Page *p)
{
	NeedFilter f;
	NeedViewer v;
	GapRows r = { p, BUF_INIT, NULL, 0 };
	Buf err = BUF_INIT, n1 = BUF_INIT, n2 = BUF_INIT;
	const char *by = gap_by(p);
	int64_t total = 0, gaps = 0;
	size_t dim = gap_dim(by);

	filter_of(p, &f);
	f.gaps = 0;
	r.by = by;
	need_viewer(&p->who, &v);
	if (store_gaps(p->s, by, &f, &v, gap_row, &r, &err) != 0 ||
	    store_need_list(p->s, &f, &v, NULL, NULL, &total, &err) != 0) {
		buf_free(&r.rows);
		buf_free(&err);
		return page_error(
		    p, 500, PT(p, "The gaps could not be counted."));
	}
	f.gaps = 1;
	store_need_list(p->s, &f, &v, NULL, NULL, &gaps, &err);
	f.gaps = 0;
	p->nav = "gaps";
	page_begin(p, PT(p, "Gaps"));
	html(&p->out, "<p>%s ",
	    PT(p,
		"A gap is a need not yet addressed that no project answers."));
	sentence_html(&p->out, 3, 0,
	    PT(p, "%s of the %s needs you may see are gaps."),
	    sentence_int(&n1, p->lang, gaps),
	    sentence_int(&n2, p->lang, total));
	if (!page_signed_in(p))
		html(&p->out, " %s",
		    PT(p, "Sign in to count those of the Compact."));
	html(&p->out, "</p>\n");
	gaps_filters(p, &f, by);
	if (r.n == 0)
		html(&p->out, "<p>%s</p>\n", PT(p, "No need matches."));
	else
		html(&p->out,
		    "<table class=\"list\">\n<caption>%s</caption>\n<thead>"
		    "<tr><th scope=\"col\">%s</th><th "
		    "scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    PT(p, gap_dim_captions[dim]), PT(p, gap_dim_heads[dim]),
		    PT(p, "Needs"), PT(p, "Gaps"), PT(p, "Share of gaps"),
		    buf_str(&r.rows));
	if (total > 0)
		gaps_grid(p, &f, &v);
	buf_free(&r.rows);
	buf_free(&n1);
	buf_free(&n2);
	buf_free(&err);
	return page_end(p, 200);
}

/* --- duplicates -------------------------------------------------------- */

/* The filters of the duplication, as a GET form. */
static void
dup_filters(Page *p, const DupOptions *o, const char *min)
{
	html(&p->out,
	    "<form method=\"get\" action=\"/duplicates\" class=\"filters\">\n"
	    "<label>%s <input name=\"country\" size=\"4\" value=\"%s\" "
	    "placeholder=\"MLI\"></label>\n<label>%s <select "
	    "name=\"area\"><option value=\"\">%s</option>\n",
	    PT(p, "Country"), o->country, PT(p, "Thematic area"), PT(p, "any"));
	area_options(p, o->area);
	html(&p->out,
	    "</select></label>\n<label>%s <input name=\"entity\" "
	    "size=\"8\" value=\"%s\"></label>\n<label>%s <input "
	    "name=\"min\" size=\"4\" value=\"%s\" placeholder=\"0.05\">"
	    "</label>\n<button type=\"submit\">%s</button>\n</form>\n",
	    PT(p, "Lead entity"), o->entity, PT(p, "Least likeness"), min,
	    PT(p, "Show"));
}

/* The pairs flagged, as a table. */
static void
dup_table(Page *p, const DupReport *r)
{
	Buf n1 = BUF_INIT, n2 = BUF_INIT, n3 = BUF_INIT, sc = BUF_INIT;
	Buf why = BUF_INIT, pa = BUF_INIT, pb = BUF_INIT;

	html(&p->out, "<table class=\"list dups\">\n<caption>");
	sentence_html(&p->out, 1, 0,
	    PTN(p, "%s pair flagged, of %s compared among %s projects",
		"%s pairs flagged, of %s compared among %s projects",
		(unsigned long)r->npair),
	    sentence_int(&n1, p->lang, (int64_t)r->npair),
	    sentence_int(&n2, p->lang, (int64_t)r->candidates),
	    sentence_int(&n3, p->lang, (int64_t)r->projects));
	html(&p->out,
	    "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s"
	    "</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    PT(p, "Likeness"), PT(p, "Project"), PT(p, "Project"),
	    PT(p, "Why"));
	for (size_t i = 0; i < r->npair; i++) {
		const DupPair *d = &r->pair[i];

		buf_reset(&sc);
		lang_decimal(&sc, p->lang, d->score, 2);
		buf_reset(&why);
		dup_reason_text(p->lang, d, &why);
		html(&p->out,
		    "<tr><td class=\"num\">%s</td><td><a "
		    "href=\"/projects/%I\">%s</a><br><small>%s · "
		    "%s</small></td><td><a href=\"/projects/%I\">%s"
		    "</a><br><small>%s · %s</small></td><td "
		    "dir=\"auto\">%s</td>"
		    "</tr>\n",
		    buf_str(&sc), d->a.id, d->a.title, d->a.lead,
		    dup_period_text(p->lang, d->a.period, &pa), d->b.id,
		    d->b.title, d->b.lead,
		    dup_period_text(p->lang, d->b.period, &pb), buf_str(&why));
	}
	html(&p->out, "</tbody></table>\n");
	buf_free(&why);
	buf_free(&pa);
	buf_free(&pb);
	buf_free(&n1);
	buf_free(&n2);
	buf_free(&n3);
	buf_free(&sc);
}

int
page_duplicates(Page *p)
{
	DupOptions o;
	DupReport r;
	Buf err = BUF_INIT, n1 = BUF_INIT, n2 = BUF_INIT;
	const char *min = page_param(p, "min");

	memset(&o, 0, sizeof(o));
	o.country = page_param(p, "country");
	o.area = page_param(p, "area");
	o.entity = page_param(p, "entity");
	o.lang = p->lang;
	o.min = min ? atof(min) : -1;
	if (o.min > 1)
		o.min = 1;
	o.limit = 200;
	if (dup_report(p->s, &o, &r, &err) != 0) {
		buf_free(&err);
		return page_error(
		    p, 500, PT(p, "The report could not be made."));
	}
	p->nav = "duplicates";
	page_begin(p, PT(p, "Possible duplication"));
	html(&p->out, "<p>%s %s</p>\n",
	    PT(p,
		"Pairs of projects of different lead entities in the same "
		"country and thematic area whose periods overlap, ranked by "
		"how alike their titles and activities are (rare words weigh "
		"more)."),
	    PT(p,
		"Where a project has no thematic area entered, its areas are "
		"recognised from its text, and the pair says so."));
	dup_filters(p, &o, min);
	if (r.npair == 0) {
		html(&p->out, "<p>");
		sentence_html(&p->out, 0, 0,
		    PT(p,
			"No pair is flagged (%s compared among %s projects)."),
		    sentence_int(&n1, p->lang, (int64_t)r.candidates),
		    sentence_int(&n2, p->lang, (int64_t)r.projects));
		html(&p->out, "</p>\n");
	} else {
		dup_table(p, &r);
	}
	dup_report_free(&r);
	buf_free(&err);
	buf_free(&n1);
	buf_free(&n2);
	return page_end(p, 200);
}
