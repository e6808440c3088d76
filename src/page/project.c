/*
 * project.c - a project's page, its history, and the forms that create,
 * change and delete projects.  The forms check each field with the same
 * functions as the API (portfolio/edit.h) and store through the same
 * project_commit(), so the web and the API accept, refuse and record
 * alike.  A refused field is said next to the field, and the form keeps
 * what was typed.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../io/project_commit.h"
#include "../io/project_json.h"
#include "../portfolio/edit.h"
#include "../portfolio/vocab.h"
#include "page_int.h"

/* The fields of the form, in order, and their messages. */
enum {
	F_TITLE,
	F_PILLAR,
	F_STATUS,
	F_PERIOD,
	F_ENTITIES,
	F_PLACES,
	F_SCOPE,
	F_ACTIVITIES,
	NFIELDS
};

static const char *const field_name[NFIELDS] = { "title", "pillar", "status",
	"period", "entities", "places", "scope", "activities" };

typedef struct Form {
	Buf msg[NFIELDS]; /* the message of a refused field */
	int bad;          /* fields refused */
} Form;

static void
form_free(Form *f)
{
	for (int i = 0; i < NFIELDS; i++)
		buf_free(&f->msg[i]);
}

/* The message next to field i, and the attributes that point at it. */
static const char *
field_attrs(const Form *f, int i, Buf *tmp)
{
	buf_reset(tmp);
	if (f != NULL && f->msg[i].len > 0)
		buf_printf(tmp,
		    " aria-invalid=\"true\" aria-describedby=\"e-%s\"",
		    field_name[i]);
	return buf_str(tmp);
}

static void
field_message(Page *p, const Form *f, int i)
{
	if (f != NULL && f->msg[i].len > 0)
		html(&p->out,
		    "<span class=\"field-error\" id=\"e-%s\">%s</span>\n",
		    field_name[i], buf_str(&f->msg[i]));
}

/* The names of the entities or places, one a line, for a textarea. */
static void
links_text(const Project *pr, int place, Buf *out)
{
	size_t n = place ? pr->nplaces : pr->norgs;

	for (size_t i = 0; i < n; i++) {
		const char *name =
		    place ? pr->places[i].name : pr->orgs[i].name;

		buf_printf(out, "%s%s", i ? "\n" : "", name);
	}
}

/* Are names[0..n) the names pr has now, in order? */
static int
links_same(const Project *pr, int place, char **names, size_t n)
{
	if (n != (place ? pr->nplaces : pr->norgs))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i],
			place ? pr->places[i].name : pr->orgs[i].name) != 0)
			return 0;
	return 1;
}

/* The form, filled from pr (what is stored or what was typed). */
static void
project_form(Page *p, const Project *pr, const Form *f, const char *action)
{
	Buf *o = &p->out, t = BUF_INIT, links = BUF_INIT;
	static const char *const scope[][2] = { { "global", N_("global") },
		{ "regional", N_("regional") },
		{ "national", N_("national") } };

	if (f != NULL && f->bad > 0) {
		buf_printf(&t,
		    PTN(p, "%d field could not be taken: see below.",
			"%d fields could not be taken: see below.",
			(unsigned long)f->bad),
		    f->bad);
		html(o, "<p class=\"error\" role=\"alert\">%s</p>\n",
		    buf_str(&t));
	}
	html(
	    o, "<form method=\"post\" action=\"%s\" class=\"edit\">\n", action);
	page_csrf_field(p);
	html(o,
	    "\n<p><label for=\"title\">%s</label>\n"
	    "<input id=\"title\" name=\"title\" value=\"%s\" required "
	    "maxlength=\"2000\"%S>\n",
	    PT(p, "Title"), pr->title, field_attrs(f, F_TITLE, &t));
	field_message(p, f, F_TITLE);
	html(o,
	    "</p>\n<p><label for=\"pillar\">%s</label>\n"
	    "<select id=\"pillar\" name=\"pillar\" required%S>\n",
	    PT(p, "Pillar"), field_attrs(f, F_PILLAR, &t));
	page_pillar_options(p, pr->pillar);
	html(o, "</select>\n");
	field_message(p, f, F_PILLAR);
	html(o,
	    "</p>\n<p><label for=\"status\">%s</label>\n"
	    "<select id=\"status\" name=\"status\"%S>\n"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Status"), field_attrs(f, F_STATUS, &t), PT(p, "not given"));
	page_status_options(p, pr->status);
	html(o, "</select>\n");
	field_message(p, f, F_STATUS);
	html(o,
	    "</p>\n<p><label for=\"period\">%s</label>\n"
	    "<input id=\"period\" name=\"period\" value=\"%s\" "
	    "placeholder=\"Jul. 2015-Jun. 2019\"%S>\n",
	    PT(p, "Period"), pr->period_text, field_attrs(f, F_PERIOD, &t));
	field_message(p, f, F_PERIOD);
	links_text(pr, 0, &links);
	html(o,
	    "</p>\n<p><label for=\"entities\">%s <small>%s</small></label>\n"
	    "<textarea id=\"entities\" name=\"entities\" rows=\"3\"%S>%s"
	    "</textarea>\n",
	    PT(p, "Entities"), PT(p, "(one a line, the lead first)"),
	    field_attrs(f, F_ENTITIES, &t), buf_str(&links));
	field_message(p, f, F_ENTITIES);
	buf_reset(&links);
	links_text(pr, 1, &links);
	html(o,
	    "</p>\n<p><label for=\"places\">%s <small>%s</small></label>\n"
	    "<textarea id=\"places\" name=\"places\" rows=\"3\"%S>%s"
	    "</textarea>\n",
	    PT(p, "Countries and regions"), PT(p, "(one a line)"),
	    field_attrs(f, F_PLACES, &t), buf_str(&links));
	field_message(p, f, F_PLACES);
	html(o, "</p>\n<fieldset%S><legend>%s</legend>\n",
	    field_attrs(f, F_SCOPE, &t), PT(p, "Scope"));
	for (int i = 0; i < 3; i++)
		html(o,
		    "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"scope\" value=\"%s\"%S> %s</label>\n",
		    scope[i][0], pr->scopes & (1 << i) ? " checked" : "",
		    PT(p, scope[i][1]));
	field_message(p, f, F_SCOPE);
	html(o,
	    "</fieldset>\n<p><label for=\"activities\">%s</label>\n"
	    "<textarea id=\"activities\" name=\"activities\" "
	    "rows=\"6\"%S>%s</textarea>\n",
	    PT(p, "Main activities"), field_attrs(f, F_ACTIVITIES, &t),
	    pr->activities);
	field_message(p, f, F_ACTIVITIES);
	html(o, "</p>\n<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    PT(p, "Save"));
	buf_free(&t);
	buf_free(&links);
}

/*
 * Take the posted fields into pr, each checked on its own so that every
 * refusal is said at once.  A refused field keeps what was typed where it
 * can (title, period, activities), so the form shows it again.
 */
static void
form_take(Page *p, Project *pr, Form *f)
{
	const char *v;
	const char *scopes[3];
	size_t nscope = 0;

	for (int i = 0; i < NFIELDS; i++) {
		Buf *m = &f->msg[i];
		char **items;
		size_t n;
		int rc = 0;

		v = page_field(p, field_name[i]);
		switch (i) {
		case F_TITLE:
			if ((rc = edit_title(pr, v ? v : "", m)) != 0) {
				free(pr->title);
				pr->title = xstrdup(v ? v : "");
			}
			break;
		case F_PILLAR:
			rc = edit_pillar(p->s, pr, v ? v : "", m);
			break;
		case F_STATUS:
			if (v != NULL && *v)
				rc = edit_status(pr, v, m);
			break;
		case F_PERIOD:
			if (v != NULL && *v &&
			    (rc = edit_period(pr, v, m)) != 0) {
				free(pr->period_text);
				pr->period_text = xstrdup(v);
			} else if (v != NULL && *v == '\0') {
				free(pr->period_text);
				free(pr->start_date);
				free(pr->end_date);
				pr->period_text = pr->start_date =
				    pr->end_date = NULL;
				pr->open_ended = pr->annual = 0;
			}
			break;
		case F_ENTITIES:
		case F_PLACES:
			n = edit_items(v, &items);
			/*
			 * Names left as they were stay as they were resolved,
			 * even those the reference data does not know (an
			 * imported row's), so that they never block an edit.
			 */
			if (!links_same(pr, i == F_PLACES, items, n))
				rc = edit_links(p->s, pr, i == F_PLACES,
				    (const char *const *)items, n, m);
			edit_items_free(items, n);
			break;
		case F_SCOPE:
			for (size_t k = 0; k < p->form.nfield && nscope < 3;
			     k++)
				if (strcmp(p->form.field[k].name, "scope") == 0)
					scopes[nscope++] =
					    p->form.field[k].value;
			rc = edit_scope(pr, scopes, nscope, m);
			break;
		case F_ACTIVITIES:
			rc = edit_activities(pr, v ? v : "", m);
			break;
		}
		f->bad += rc != 0;
	}
}

/* After project_commit(): where to go, or the page that says why not. */
static int
commit_answer(Page *p, int rc, const Project *pr, const Buf *msg)
{
	Buf loc = BUF_INIT;

	switch (rc) {
	case COMMIT_OK:
	case COMMIT_CREATED:
		buf_printf(&loc, "/projects/%" PRId64, pr->id);
		page_redirect(p, buf_str(&loc));
		buf_free(&loc);
		return 1;
	case COMMIT_DELETED:
		return page_redirect(p, "/");
	case COMMIT_BUSY:
		return page_error(p, 503,
		    PT(p, "The database is busy: go back and try again."));
	default:
		return page_error(p, rc, buf_str(msg));
	}
}

int
page_project_new(Page *p)
{
	Project pr;
	Form f;
	Buf msg = BUF_INIT;
	int post = strcmp(p->rq->method, "POST") == 0, rc;

	memset(&pr, 0, sizeof(pr));
	memset(&f, 0, sizeof(f));
	if (!page_signed_in(p))
		return page_error(p, 401, PT(p, "Sign in to add a project."));
	if (!page_may_write(p))
		return page_error(
		    p, 403, PT(p, "Your role may not add projects."));
	if (post) {
		form_take(p, &pr, &f);
		if (f.bad == 0) {
			rc = project_commit(p->s, &p->who, &pr, 0, &msg);
			if (rc != COMMIT_FORBIDDEN) {
				rc = commit_answer(p, rc, &pr, &msg);
				goto out;
			}
			buf_set(&f.msg[F_ENTITIES], buf_str(&msg));
			f.bad = 1;
		}
	} else if (p->who.entity != NULL) {
		/* A focal point's project names its entity. */
		const char *e = p->who.entity;

		edit_links(p->s, &pr, 0, &e, 1, &msg);
	}
	page_begin(p, PT(p, "New project"));
	project_form(p, &pr, &f, "/projects/new");
	rc = page_end(p, f.bad ? 422 : 200);
out:
	project_clear(&pr);
	form_free(&f);
	buf_free(&msg);
	return rc;
}

static void
dl_row(Page *p, const char *term, const char *value)
{
	if (value != NULL && *value)
		html(&p->out, "<dt>%s</dt><dd><bdi>%s</bdi></dd>\n",
		    PT(p, term), value);
}

/*
 * <time> of the UTC timestamp at ("2026-12-03T10:32:35Z"): its date as
 * the page's language writes it, and the hour; at itself when it is not
 * one.
 */
static void
time_html(Page *p, Buf *o, const char *at)
{
	Buf day = BUF_INIT, text = BUF_INIT;

	if (at == NULL || strlen(at) < 16 || at[10] != 'T') {
		html(o, "%s", at);
		return;
	}
	buf_append(&day, at, 10);
	lang_date(&text, p->lang, buf_str(&day));
	buf_putc(&text, ' ');
	buf_append(&text, at + 11, 5);
	html(o, "<time datetime=\"%s\">%s</time>", at, buf_str(&text));
	buf_free(&day);
	buf_free(&text);
}

static int
project_view(Page *p, const Project *pr)
{
	Buf *o = &p->out, msg = BUF_INIT, t = BUF_INIT, n = BUF_INIT;
	int may = 0;

	if (page_may_write(p))
		may = project_may_change(p->s, &p->who, pr->id, &msg) == 1;
	page_begin(p, pr->title);
	html(o,
	    "<dl class=\"facts\">\n<dt>%s</dt><dd><a "
	    "href=\"/?pillar=%u\">%s</a>",
	    PT(p, "Pillar"), pr->pillar, pr->pillar);
	if (pr->has_serial) {
		buf_printf(&t, PT(p, ", number %s in its table"),
		    page_num(p, &n, pr->serial));
		html(o, "%s", buf_str(&t));
	}
	html(o, "</dd>\n");
	dl_row(p, N_("Period"), pr->period_text);
	html(o, "<dt>%s</dt><dd>%s</dd>\n", PT(p, "Status"),
	    pr->status
		? page_status_name(p, pr->status)
		: (pr->status_text ? pr->status_text : PT(p, "not given")));
	html(o, "<dt>%s</dt><dd>", PT(p, "Entities"));
	page_project_orgs(o, pr);
	html(o, "</dd>\n<dt>%s</dt><dd>", PT(p, "Geographical scope"));
	/* The words in the page's language, the places following; the
	 * text as written isolated, as it may run the other way. */
	buf_reset(&t);
	if (vocab_scope_words(&t, p->lang, pr) == 0)
		html(o, "<bdi>%s</bdi>", buf_str(&t));
	else
		html(o, "%s", buf_str(&t));
	if (pr->nplaces > 0) {
		html(o, "<ul class=\"places\">");
		for (size_t i = 0; i < pr->nplaces; i++) {
			const ProjectPlace *pl = &pr->places[i];
			const char *name = pl->name;
			Buf err = BUF_INIT;

			/* The place in the page's language (M49's names). */
			buf_reset(&n);
			if (pl->place_id > 0 && strcmp(p->lang, "en") != 0 &&
			    store_place_name(
				p->s, pl->place_id, p->lang, &n, &err) == 1)
				name = buf_str(&n);
			buf_free(&err);
			if (pl->kind && strcmp(pl->kind, "country") == 0)
				html(o,
				    "<li><a "
				    "href=\"/countries/%u\"><bdi>%s</bdi>"
				    "</a></li>",
				    pl->key, name);
			else
				html(o, "<li><bdi>%s</bdi></li>", name);
		}
		html(o, "</ul>");
	}
	html(o, "</dd>\n");
	dl_row(p, N_("Main activities"), pr->activities);
	if (pr->source_file != NULL) {
		/* The file's name, not the server's path to it. */
		const char *base = strrchr(pr->source_file, '/');

		buf_reset(&t);
		html(&t, "<bdi>%s</bdi>",
		    base != NULL && base[1] ? base + 1 : pr->source_file);
		html(o, "<dt>%s</dt><dd>", PT(p, "Source"));
		page_markup(o, PT(p, "%s, line %s"), 2, buf_str(&t),
		    page_num(p, &n, pr->source_line));
		html(o, "</dd>\n");
	}
	if (pr->updated_at != NULL && *pr->updated_at) {
		html(o, "<dt>%s</dt><dd>", PT(p, "Last changed"));
		time_html(p, o, pr->updated_at);
		html(o, "</dd>\n");
	}
	html(o, "</dl>\n");
	if (pr->nissues > 0 && page_signed_in(p)) {
		Buf note = BUF_INIT;

		html(o, "<h2>%s</h2>\n<ul>\n", PT(p, "Defects noted"));
		for (size_t i = 0; i < pr->nissues; i++) {
			buf_reset(&note);
			store_note_text(&note, p->lang, pr->issues[i].message);
			html(o, "<li>%s</li>\n", buf_str(&note));
		}
		html(o, "</ul>\n");
		buf_free(&note);
	}
	page_project_stage(p, pr);
	page_project_money(p, pr, may);
	page_project_results(p, pr);
	html(o, "<p class=\"actions\">");
	if (may)
		html(o,
		    "<a class=\"button\" href=\"/projects/%I/edit\">%s</a> ",
		    pr->id, PT(p, "Edit"));
	if (page_signed_in(p))
		html(o, "<a href=\"/projects/%I/history\">%s</a> ", pr->id,
		    PT(p, "History"));
	html(o, "<a href=\"/api/v1/projects/%I\">JSON</a></p>\n", pr->id);
	if (may) {
		html(o,
		    "<form method=\"post\" action=\"/projects/%I/delete\" "
		    "class=\"danger\" data-confirm=\"%s\">",
		    pr->id, PT(p, "Delete this project?"));
		page_csrf_field(p);
		html(o, "<button type=\"submit\">%s</button></form>\n",
		    PT(p, "Delete this project"));
	}
	buf_free(&msg);
	buf_free(&t);
	buf_free(&n);
	return page_end(p, 200);
}

typedef struct History {
	Page *p;
	int n;
} History;

static void
change_row(void *ctx, const char *field, const char *before, const char *after)
{
	History *h = ctx;

	html(&h->p->out,
	    "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
	    "</tr>\n",
	    field, before ? before : "—", after ? after : "—");
}

/* The actions of the audit trail on a project, as the history says them. */
static const char *const actions[][2] = {
	{ "create", N_("create") },
	{ "update", N_("update") },
	{ "delete", N_("delete") },
	{ "stage", N_("stage") },
};

static int
history_one(void *ctx, const AuditEntry *e)
{
	History *h = ctx;
	Page *p = h->p;
	Buf *o = &p->out, when = BUF_INIT, action = BUF_INIT;
	Buf actor = BUF_INIT;
	const char *a = e->action;

	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (a != NULL && strcmp(a, actions[i][0]) == 0)
			a = PT(p, actions[i][1]);
	time_html(p, &when, e->at);
	html(&action, "%s", a);
	html(&actor, "%s", e->actor);
	html(o, "<section class=\"change\"><h2>");
	page_markup(o, PT(p, "%s: %s by %s"), 3, buf_str(&when),
	    buf_str(&action), buf_str(&actor));
	html(o,
	    "</h2>\n<table><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead>\n<tbody>\n",
	    PT(p, "Field"), PT(p, "Before"), PT(p, "After"));
	buf_free(&when);
	buf_free(&action);
	buf_free(&actor);
	json_changes(e->old_json, e->new_json, change_row, h);
	html(o, "</tbody></table></section>\n");
	h->n++;
	return 0;
}

static int
project_history(Page *p, const Project *pr)
{
	History h = { p, 0 };
	Buf err = BUF_INIT, link = BUF_INIT;

	if (!page_signed_in(p))
		return page_error(
		    p, 401, PT(p, "Sign in to see a project's history."));
	page_begin(p, PT(p, "History"));
	html(&link, "<a href=\"/projects/%I\">%s</a>", pr->id, pr->title);
	html(&p->out, "<p>");
	page_markup(&p->out, PT(p, "Of %s, newest first."), 1, buf_str(&link));
	html(&p->out, "</p>\n");
	if (store_audit(p->s, "project", pr->id, history_one, &h, &err) != 0)
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	else if (h.n == 0)
		html(&p->out, "<p>%s</p>\n",
		    PT(p,
			"No change has been recorded since it was "
			"imported."));
	buf_free(&err);
	buf_free(&link);
	return page_end(p, 200);
}

static int
project_edit(Page *p, Project *pr)
{
	Form f;
	Buf msg = BUF_INIT, action = BUF_INIT;
	int rc, may;

	memset(&f, 0, sizeof(f));
	if (!page_signed_in(p))
		return page_error(
		    p, 401, PT(p, "Sign in to change a project."));
	may = project_may_change(p->s, &p->who, pr->id, &msg);
	if (may != 1) {
		rc = page_error(p, may < 0 ? 503 : 403,
		    may < 0 ? PT(p, "The database is busy: try again.")
			    : buf_str(&msg));
		goto out;
	}
	if (strcmp(p->rq->method, "POST") == 0) {
		form_take(p, pr, &f);
		if (f.bad == 0) {
			rc = project_commit(p->s, &p->who, pr, 0, &msg);
			if (rc != COMMIT_FORBIDDEN) {
				rc = commit_answer(p, rc, pr, &msg);
				goto out;
			}
			buf_set(&f.msg[F_ENTITIES], buf_str(&msg));
			f.bad = 1;
		}
	}
	buf_printf(&action, "/projects/%" PRId64 "/edit", pr->id);
	page_begin(p, PT(p, "Edit a project"));
	html(&p->out, "<p><a href=\"/projects/%I\">%s</a></p>\n", pr->id,
	    PT(p, "Back to the project"));
	project_form(p, pr, &f, buf_str(&action));
	rc = page_end(p, f.bad ? 422 : 200);
out:
	form_free(&f);
	buf_free(&msg);
	buf_free(&action);
	return rc;
}

int
page_project(Page *p, int64_t id, const char *rest)
{
	Project pr;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int post = strcmp(p->rq->method, "POST") == 0, got, rc;

	memset(&pr, 0, sizeof(pr));
	got = store_project_get(p->s, id, &pr, &err);
	if (got <= 0) {
		rc = page_error(p, got == 0 ? 404 : 503,
		    got == 0 ? PT(p, "There is no such project.")
			     : PT(p, "The database is busy: try again."));
	} else if (*rest == '\0' && !post) {
		rc = project_view(p, &pr);
	} else if (strcmp(rest, "history") == 0 && !post) {
		rc = project_history(p, &pr);
	} else if (strcmp(rest, "edit") == 0) {
		rc = project_edit(p, &pr);
	} else if (strcmp(rest, "results") == 0) {
		rc = page_project_results_route(p, &pr);
	} else if (strcmp(rest, "stage") == 0 && post) {
		rc = page_project_stage_post(p, &pr);
	} else if (strcmp(rest, "money") == 0 || strcmp(rest, "budget") == 0 ||
	    strcmp(rest, "budget/delete") == 0 || strcmp(rest, "gender") == 0) {
		rc = page_project_money_route(p, &pr, rest);
	} else if (strcmp(rest, "delete") == 0 && post) {
		rc = project_commit(p->s, &p->who, &pr, 1, &msg);
		rc = commit_answer(p, rc, &pr, &msg);
	} else {
		rc = page_error(p, 404, PT(p, "There is no such page."));
	}
	project_clear(&pr);
	buf_free(&err);
	buf_free(&msg);
	return rc;
}
