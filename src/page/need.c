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

static const char *const status_names[][2] = {
	{ "open", "open" },
	{ "being_addressed", "being addressed" },
	{ "addressed", "addressed" },
};

static const char *
need_status_name(const char *s)
{
	for (size_t i = 0; i < 3; i++)
		if (s != NULL && strcmp(status_names[i][0], s) == 0)
			return status_names[i][1];
	return s;
}

static void
options(Page *p, const char *const *keys, const char *const *names, size_t n,
    const char *selected)
{
	for (size_t i = 0; i < n; i++)
		html(&p->out, "<option value=\"%s\"%S>%s</option>\n", keys[i],
		    selected && strcmp(selected, keys[i]) == 0 ? " selected"
							       : "",
		    names[i]);
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

	store_areas(p->s, area_option, &o, &err);
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

	html(&r->rows,
	    "<tr><td><a href=\"/needs/%I\">%I</a></td>"
	    "<td><a href=\"/countries/%u\">%s</a></td><td>%s</td>"
	    "<td>%s</td><td>%s</td><td>%s</td><td class=\"conf-%s\">%s</td>"
	    "<td>%I</td><td>%s%S</td></tr>\n",
	    n->id, n->id, n->country, n->country_name, n->body,
	    n->pillar ? n->pillar : "", n->priority,
	    need_status_name(n->status), n->confidentiality, n->confidentiality,
	    (int64_t)n->nprojects, n->text,
	    n->demo ? " <small class=\"demo\">demo record</small>" : "");
	r->n++;
	return 0;
}

static int
needs_list(Page *p)
{
	NeedFilter f;
	NeedViewer v;
	Rows r = { p, BUF_INIT, 0 };
	Buf q = BUF_INIT, err = BUF_INIT;
	int64_t total = 0;
	const char *off = page_param(p, "offset");
	static const char *const st_keys[] = { "open", "being_addressed",
		"addressed" };
	static const char *const st_names[] = { "open", "being addressed",
		"addressed" };

	filter_of(p, &f);
	f.limit = 200;
	f.offset = off ? atoll(off) : 0;
	if (f.offset < 0)
		f.offset = 0;
	need_viewer(&p->who, &v);
	p->nav = "needs";
	page_begin(p, "Needs");
	html(&p->out,
	    "<p>Assessment recommendations and technical-assistance needs of "
	    "Member States, and the projects that answer them. "
	    "<a href=\"/gaps\">Gaps</a> are the needs no project answers.%S"
	    "</p>\n",
	    page_signed_in(p) ? ""
			      : " Only public needs are shown: sign in to see "
				"those of the Compact.");
	html(&p->out,
	    "<form method=\"get\" action=\"/needs\" class=\"filters\">\n"
	    "<label>Country <input name=\"country\" size=\"4\" value=\"%s\" "
	    "placeholder=\"MLI\"></label>\n"
	    "<label>Region <input name=\"region\" size=\"10\" value=\"%s\" "
	    "placeholder=\"Sahel\"></label>\n"
	    "<label>Pillar <select name=\"pillar\"><option "
	    "value=\"\">any</option>\n",
	    f.country, f.region);
	page_pillar_options(p, f.pillar);
	html(&p->out,
	    "</select></label>\n<label>Thematic area <select name=\"area\">"
	    "<option value=\"\">any</option>\n");
	area_options(p, f.area);
	html(&p->out,
	    "</select></label>\n<label>Status <select name=\"status\">"
	    "<option value=\"\">any</option>\n");
	options(p, st_keys, st_names, 3, f.status);
	html(&p->out,
	    "</select></label>\n<label>Words <input name=\"search\" "
	    "value=\"%s\"></label>\n<label class=\"check\"><input "
	    "type=\"checkbox\" "
	    "name=\"gaps\" value=\"1\"%S> gaps only</label>\n"
	    "<button type=\"submit\">Show</button>\n</form>\n",
	    f.search, f.gaps ? " checked" : "");
	if (store_need_list(p->s, &f, &v, need_row, &r, &total, &err) != 0) {
		buf_free(&r.rows);
		buf_free(&err);
		return page_error(p, 500, "The needs could not be read.");
	}
	filter_query(&q, &f);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/needs.csv%S%S\">Download as "
	    "CSV</a>%S</p>\n",
	    q.len ? "?" : "", buf_str(&q),
	    need_may_write(&p->who)
		? " · <a href=\"/needs/new\">Record a need</a>"
		: "");
	if (total == 0) {
		html(&p->out, "<p>No need matches.</p>\n");
	} else {
		html(&p->out,
		    "<table class=\"list\">\n<caption><strong>%N</strong> "
		    "need%S%S</caption>\n<thead><tr><th scope=\"col\">#</th>"
		    "<th scope=\"col\">Country</th><th scope=\"col\">Assessed "
		    "by</th><th scope=\"col\">Pillar</th><th "
		    "scope=\"col\">Priority</th><th scope=\"col\">Status</th>"
		    "<th scope=\"col\">Seen by</th><th "
		    "scope=\"col\">Projects</th><th scope=\"col\">Need</th>"
		    "</tr></thead>\n<tbody>\n%S</tbody></table>\n",
		    total, total == 1 ? "" : "s",
		    total > r.n ? " (the first 200 shown)" : "",
		    buf_str(&r.rows));
	}
	buf_free(&r.rows);
	buf_free(&q);
	buf_free(&err);
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
	need_viewer(&p->who, &v);
	need_csv_header(&o.csv);
	if (store_need_list(p->s, &f, &v, csv_row, &o, NULL, &err) != 0) {
		buf_free(&o.csv);
		buf_free(&err);
		return page_error(p, 500, "The needs could not be read.");
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
	static const char *const pr_keys[] = { "high", "medium", "low" };
	static const char *const st_keys[] = { "open", "being_addressed",
		"addressed" };
	static const char *const st_names[] = { "open", "being addressed",
		"addressed" };
	static const char *const cf_keys[] = { "restricted", "compact",
		"public" };
	static const char *const cf_names[] = {
		"restricted: the organisations named below",
		"the Compact: anyone signed in", "public: everyone"
	};
	Buf orgs = BUF_INIT;

	for (size_t i = 0; i < n->norgs; i++)
		buf_printf(&orgs, "%s%s", i ? "; " : "", n->orgs[i]);
	page_form_begin(p, action, msg);
	html(&p->out,
	    "<label>Country <input name=\"country\" required value=\"%s\" "
	    "placeholder=\"ISO alpha-3 or name\"></label>\n"
	    "<label>Assessed by <input name=\"body\" required value=\"%s\" "
	    "placeholder=\"CTED\"></label>\n"
	    "<label>Date of the assessment <input name=\"assessed\" "
	    "value=\"%s\" placeholder=\"YYYY-MM\"></label>\n"
	    "<label>Reference <input name=\"ref\" value=\"%s\"></label>\n"
	    "<label>Text <textarea name=\"text\" rows=\"5\" "
	    "required>%s</textarea></label>\n"
	    "<label>Pillar <select name=\"pillar\"><option "
	    "value=\"\">none</option>\n",
	    n->country, n->body ? n->body : "CTED", n->assessed, n->ref,
	    n->text);
	page_pillar_options(p, n->pillar);
	html(&p->out,
	    "</select></label>\n<label>Thematic area <select name=\"area\">"
	    "<option value=\"\">none</option>\n");
	area_options(p, n->area);
	html(&p->out,
	    "</select></label>\n<label>Priority <select name=\"priority\">\n");
	options(p, pr_keys, pr_keys, 3, n->priority ? n->priority : "medium");
	html(&p->out,
	    "</select></label>\n<label>Status <select "
	    "name=\"status\">\n");
	options(p, st_keys, st_names, 3, n->status);
	html(&p->out,
	    "</select></label>\n<label>Who may see it <select "
	    "name=\"confidentiality\">\n");
	options(p, cf_keys, cf_names, 3, n->confidentiality);
	html(&p->out,
	    "</select></label>\n<label>Organisations that see a restricted "
	    "need <input name=\"organisations\" value=\"%s\" "
	    "placeholder=\"CTED; UNOCT\"></label>\n"
	    "<button type=\"submit\">Save</button>\n</form>\n",
	    orgs.len ? buf_str(&orgs) : NULL);
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
		rc = page_error(p, 404, "There is no such need.");
		break;
	case COMMIT_BUSY:
		rc = page_error(p, 503, "The database is busy: try again.");
		break;
	default:
		rc = page_error(p, 500, "The change failed.");
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
		return page_error(p, 401, "Sign in to record a need.");
	if (!need_may_write(&p->who))
		return page_error(
		    p, 403, "Only analysts and the secretariat record needs.");
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
		page_begin(p, "Record a need");
		need_form(p, &n, "/needs/new", buf_str(&msg));
		rc = page_end(p, 422);
		goto out;
	}
	p->nav = "needs";
	page_begin(p, "Record a need");
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

static int
need_show(Page *p, int64_t id, const char *rest)
{
	NeedViewer v;
	Need n;
	History h = { BUF_INIT };
	Buf err = BUF_INIT, msg = BUF_INIT, self = BUF_INIT;
	int post = strcmp(p->rq->method, "POST") == 0, got, rc;

	need_viewer(&p->who, &v);
	memset(&n, 0, sizeof(n));
	got = store_need_get(p->s, id, &v, &n, &err);
	buf_free(&err);
	if (got < 0)
		return page_error(p, 500, "The need could not be read.");
	if (got == 0)
		return page_error(p, 404, "There is no such need.");
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
				    "Only analysts and the secretariat change "
				    "needs.");
			} else if (need_from_form(p, &n, &msg) == 0 &&
			    (rc = need_commit(p->s, &p->who, &n, 0, &msg)) !=
				400) {
				rc = commit_page(p, rc, &n, &msg);
			} else {
				p->nav = "needs";
				page_begin(p, "Change a need");
				need_form(p, &n, buf_str(&self), buf_str(&msg));
				rc = page_end(p, 422);
			}
		} else {
			rc = page_error(p, 404, "There is no such page.");
		}
		goto out;
	}
	if (*rest != '\0') {
		rc = page_error(p, 404, "There is no such page.");
		goto out;
	}
	p->nav = "needs";
	buf_reset(&msg);
	buf_printf(&msg, "Need %lld: %s", (long long)id, n.country_name);
	page_begin(p, buf_str(&msg));
	if (n.demo)
		html(&p->out,
		    "<p class=\"demo\" role=\"note\">A demonstration record, "
		    "made up: not a real assessment.</p>\n");
	html(&p->out,
	    "<blockquote class=\"need\">%s</blockquote>\n<dl class=\"facts\">"
	    "<dt>Country</dt><dd><a href=\"/countries/%u\">%s</a></dd>"
	    "<dt>Assessed by</dt><dd>%s%S%s</dd>"
	    "<dt>Reference</dt><dd>%s</dd>"
	    "<dt>Pillar</dt><dd>%s</dd><dt>Thematic area</dt><dd>%s</dd>"
	    "<dt>Priority</dt><dd>%s</dd><dt>Status</dt><dd>%s</dd>"
	    "<dt>Who may see it</dt><dd>%s",
	    n.text, n.country, n.country_name, n.body, n.assessed ? ", " : "",
	    n.assessed, n.ref ? n.ref : "none", n.pillar ? n.pillar : "none",
	    n.area_name ? n.area_name : "none", n.priority,
	    need_status_name(n.status), n.confidentiality);
	for (size_t i = 0; i < n.norgs; i++)
		html(&p->out, "%S%s", i ? ", " : ": ", n.orgs[i]);
	html(&p->out, "</dd></dl>\n<h2>Projects that answer it</h2>\n");
	if (n.nprojects == 0)
		html(&p->out, "<p>None: this need is a gap.</p>\n");
	else
		html(&p->out, "<ul>\n");
	for (size_t i = 0; i < n.nprojects; i++) {
		Project pr;
		Buf e2 = BUF_INIT;

		memset(&pr, 0, sizeof(pr));
		if (store_project_get(p->s, n.projects[i], &pr, &e2) == 1) {
			html(&p->out, "<li><a href=\"/projects/%I\">%s</a> (",
			    pr.id, pr.title);
			page_project_orgs(&p->out, &pr);
			html(&p->out, ")");
			if (page_signed_in(p)) {
				html(&p->out,
				    " <form method=\"post\" "
				    "action=\"/needs/%I/unlink\" "
				    "class=\"inline\">",
				    id);
				page_csrf_field(p);
				html(&p->out,
				    "<input type=\"hidden\" name=\"project\" "
				    "value=\"%I\"><button type=\"submit\" "
				    "class=\"link\">unlink</button></form>",
				    pr.id);
			}
			html(&p->out, "</li>\n");
		}
		project_clear(&pr);
		buf_free(&e2);
	}
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
		    "<label>Project number <input name=\"project\" "
		    "inputmode=\"numeric\" size=\"6\" required></label> "
		    "<button type=\"submit\">Link it to this need</button>"
		    "</form>\n");
	}
	if (need_may_write(&p->who)) {
		html(&p->out, "<h2>Change it</h2>\n");
		need_form(p, &n, buf_str(&self), NULL);
		html(&p->out,
		    "<form method=\"post\" action=\"/needs/%I/delete\" "
		    "class=\"danger\">",
		    id);
		page_csrf_field(p);
		html(&p->out,
		    "<button type=\"submit\">Delete this "
		    "need</button></form>\n");
	}
	if (page_signed_in(p)) {
		Buf e3 = BUF_INIT;

		store_audit(p->s, "need", id, history_one, &h, &e3);
		buf_free(&e3);
		if (h.rows.len > 0)
			html(&p->out,
			    "<h2>Changes</h2>\n<table class=\"list\"><thead>"
			    "<tr><th scope=\"col\">When</th><th "
			    "scope=\"col\">Who</th><th scope=\"col\">What</th>"
			    "<th scope=\"col\">Values</th></tr></thead>\n"
			    "<tbody>%S</tbody></table>\n",
			    buf_str(&h.rows));
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
		    ? page_error(p, 405, "This method is not allowed here.")
		    : needs_list(p);
	if (strcmp(rest, "new") == 0)
		return need_new(p);
	if (*rest < '1' || *rest > '9')
		return page_error(p, 404, "There is no such page.");
	id = strtoll(rest, &end, 10);
	if (*end == '/')
		r2 = end + 1;
	else if (*end != '\0')
		return page_error(p, 404, "There is no such page.");
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
static const char *const gap_dim_names[] = { "country", "region", "sub-region",
	"pillar", "thematic area" };
static const char *const gap_dim_heads[] = { "Country", "Region", "Sub-region",
	"Pillar", "Thematic area" };

typedef struct GapRows {
	Buf rows;
	const char *by;
	int64_t n;
} GapRows;

static int
gap_pct(const GapGroup *g)
{
	return g->needs ? (int)((g->gaps * 100 + g->needs / 2) / g->needs) : 0;
}

static int
gap_row(void *ctx, const GapGroup *g)
{
	GapRows *r = ctx;

	if (strcmp(r->by, "country") == 0)
		html(&r->rows,
		    "<tr><th scope=\"row\"><a "
		    "href=\"/needs?country=%u&amp;gaps=1\">%s</a></th>",
		    g->key, g->name);
	else
		html(&r->rows, "<tr><th scope=\"row\">%s</th>", g->name);
	html(&r->rows,
	    "<td class=\"num\">%N</td><td class=\"num\">%N</td>"
	    "<td class=\"num\">%d%%</td></tr>\n",
	    g->needs, g->gaps, gap_pct(g));
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
	Buf *o = ctx;
	int pct = gap_pct(g);

	html(o,
	    "<li class=\"tile g%d\"><a href=\"/needs?country=%u\" "
	    "title=\"%s: %I needs, %I gaps\"><b>%s</b> <span>%I/%I</span>"
	    "</a></li>\n",
	    pct >= 75       ? 3
		: pct >= 50 ? 2
		: pct > 0   ? 1
			    : 0,
	    g->key, g->name, g->needs, g->gaps, g->key, g->gaps, g->needs);
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
	f.gaps = 0;
	need_viewer(&p->who, &v);
	buf_puts(&csv, "key,name,needs,gaps\r\n");
	if (store_gaps(p->s, by, &f, &v, gap_csv, &csv, &err) != 0) {
		buf_free(&csv);
		buf_free(&err);
		return page_error(p, 500, "The gaps could not be counted.");
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

int
page_gaps(Page *p)
{
	static const char *const regions[][2] = { { "002", "Africa" },
		{ "019", "Americas" }, { "142", "Asia" }, { "150", "Europe" },
		{ "009", "Oceania" } };
	NeedFilter f;
	NeedViewer v;
	GapRows r = { BUF_INIT, NULL, 0 };
	Buf err = BUF_INIT, q = BUF_INIT, tiles = BUF_INIT;
	const char *by = gap_by(p);
	int64_t total = 0, gaps = 0;

	filter_of(p, &f);
	f.gaps = 0;
	r.by = by;
	need_viewer(&p->who, &v);
	if (store_gaps(p->s, by, &f, &v, gap_row, &r, &err) != 0 ||
	    store_need_list(p->s, &f, &v, NULL, NULL, &total, &err) != 0) {
		buf_free(&r.rows);
		buf_free(&err);
		return page_error(p, 500, "The gaps could not be counted.");
	}
	f.gaps = 1;
	store_need_list(p->s, &f, &v, NULL, NULL, &gaps, &err);
	f.gaps = 0;
	p->nav = "gaps";
	page_begin(p, "Gaps");
	html(&p->out,
	    "<p>A gap is a need not yet addressed that no project answers. "
	    "<strong>%N</strong> of the <strong>%N</strong> needs you may "
	    "see are gaps.%S</p>\n",
	    gaps, total,
	    page_signed_in(p) ? "" : " Sign in to count those of the Compact.");
	html(&p->out,
	    "<form method=\"get\" action=\"/gaps\" "
	    "class=\"filters\">\n<label>By <select name=\"by\">\n");
	options(p, gap_dims, gap_dim_names, 5, by);
	html(&p->out,
	    "</select></label>\n<label>Pillar <select name=\"pillar\">"
	    "<option value=\"\">any</option>\n");
	page_pillar_options(p, f.pillar);
	html(&p->out,
	    "</select></label>\n<label>Thematic area <select name=\"area\">"
	    "<option value=\"\">any</option>\n");
	area_options(p, f.area);
	html(&p->out,
	    "</select></label>\n<label>Region <input name=\"region\" "
	    "size=\"10\" value=\"%s\" placeholder=\"Sahel\"></label>\n"
	    "<button type=\"submit\">Show</button>\n</form>\n",
	    f.region);
	filter_query(&q, &f);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/gaps.csv?by=%u%S%S\">Download as "
	    "CSV</a></p>\n",
	    by, q.len ? "&amp;" : "", buf_str(&q));
	if (r.n == 0)
		html(&p->out, "<p>No need matches.</p>\n");
	else
		html(&p->out,
		    "<table class=\"list\">\n<caption>Needs and gaps by "
		    "%s</caption>\n<thead><tr><th scope=\"col\">%s</th><th "
		    "scope=\"col\" class=\"num\">Needs</th><th scope=\"col\" "
		    "class=\"num\">Gaps</th><th scope=\"col\" "
		    "class=\"num\">Share of gaps</th></tr></thead>\n<tbody>\n%S"
		    "</tbody></table>\n",
		    gap_dim_names[strcmp(by, "country") == 0 ? 0
			    : strcmp(by, "region") == 0      ? 1
			    : strcmp(by, "subregion") == 0   ? 2
			    : strcmp(by, "pillar") == 0      ? 3
							     : 4],
		    gap_dim_heads[strcmp(by, "country") == 0 ? 0
			    : strcmp(by, "region") == 0      ? 1
			    : strcmp(by, "subregion") == 0   ? 2
			    : strcmp(by, "pillar") == 0      ? 3
							     : 4],
		    buf_str(&r.rows));
	/* The grid: the countries of each region, shaded by their gaps. */
	if (total > 0) {
		html(&p->out,
		    "<h2>Countries</h2>\n<p class=\"legend\">Each tile: gaps / "
		    "needs; the darker, the larger the share of gaps.</p>\n");
		/* Within a region asked for: one grid; else one a continent. */
		for (size_t i = 0; i < (f.region ? 1 : 5); i++) {
			NeedFilter g = f;
			const char *name =
			    f.region ? "Countries" : regions[i][1];

			if (f.region == NULL)
				g.region = regions[i][0];
			buf_reset(&tiles);
			if (store_gaps(p->s, "country", &g, &v, gap_tile,
				&tiles, &err) != 0 ||
			    tiles.len == 0)
				continue;
			html(&p->out,
			    "<section class=\"grid\" aria-label=\"%s\"><h3>%s"
			    "</h3>\n<ul class=\"tiles\">\n%S</ul></section>\n",
			    name, name, buf_str(&tiles));
		}
	}
	buf_free(&r.rows);
	buf_free(&q);
	buf_free(&tiles);
	buf_free(&err);
	return page_end(p, 200);
}

/* --- duplicates -------------------------------------------------------- */

int
page_duplicates(Page *p)
{
	DupOptions o;
	DupReport r;
	Buf err = BUF_INIT;
	const char *min = page_param(p, "min");

	memset(&o, 0, sizeof(o));
	o.country = page_param(p, "country");
	o.area = page_param(p, "area");
	o.entity = page_param(p, "entity");
	o.min = min ? atof(min) : -1;
	if (o.min > 1)
		o.min = 1;
	o.limit = 200;
	if (dup_report(p->s, &o, &r, &err) != 0) {
		buf_free(&err);
		return page_error(p, 500, "The report could not be made.");
	}
	p->nav = "duplicates";
	page_begin(p, "Possible duplication");
	html(&p->out,
	    "<p>Pairs of projects of different lead entities in the same "
	    "country and thematic area whose periods overlap, ranked by how "
	    "alike their titles and activities are (rare words weigh more). "
	    "Where a project has no thematic area entered, its areas are "
	    "recognised from its text, and the pair says so.</p>\n"
	    "<form method=\"get\" action=\"/duplicates\" class=\"filters\">\n"
	    "<label>Country <input name=\"country\" size=\"4\" value=\"%s\" "
	    "placeholder=\"MLI\"></label>\n<label>Thematic area <select "
	    "name=\"area\"><option value=\"\">any</option>\n",
	    o.country);
	area_options(p, o.area);
	html(&p->out,
	    "</select></label>\n<label>Lead entity <input name=\"entity\" "
	    "size=\"8\" value=\"%s\"></label>\n<label>Least likeness <input "
	    "name=\"min\" size=\"4\" value=\"%s\" placeholder=\"0.05\">"
	    "</label>\n<button type=\"submit\">Show</button>\n</form>\n",
	    o.entity, min);
	if (r.npair == 0) {
		html(&p->out,
		    "<p>No pair is flagged (%N compared among %N "
		    "projects).</p>\n",
		    (int64_t)r.candidates, (int64_t)r.projects);
	} else {
		html(&p->out,
		    "<table class=\"list dups\">\n<caption><strong>%N</strong> "
		    "pair%S flagged, of %N compared among %N projects"
		    "</caption>\n<thead><tr><th scope=\"col\">Likeness</th>"
		    "<th scope=\"col\">Project</th><th scope=\"col\">Project"
		    "</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n",
		    (int64_t)r.npair, r.npair == 1 ? "" : "s",
		    (int64_t)r.candidates, (int64_t)r.projects);
		for (size_t i = 0; i < r.npair; i++) {
			const DupPair *d = &r.pair[i];
			char sc[16];

			snprintf(sc, sizeof(sc), "%.2f", d->score);
			html(&p->out,
			    "<tr><td class=\"num\">%s</td><td><a "
			    "href=\"/projects/%I\">%s</a><br><small>%s · "
			    "%s</small></td><td><a href=\"/projects/%I\">%s"
			    "</a><br><small>%s · %s</small></td><td>%s</td>"
			    "</tr>\n",
			    sc, d->a.id, d->a.title, d->a.lead, d->a.period,
			    d->b.id, d->b.title, d->b.lead, d->b.period,
			    d->reason);
		}
		html(&p->out, "</tbody></table>\n");
	}
	dup_report_free(&r);
	buf_free(&err);
	return page_end(p, 200);
}
