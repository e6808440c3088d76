/*
 * need_io.c - needs in and out, and every change to them (need_io.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/csv.h"
#include "../core/mem.h"
#include "../portfolio/dup.h"
#include "../portfolio/need.h"
#include "../text/fold.h"
#include "need_io.h"
#include "../text/lang.h"

/* At most this many faults of a CSV file are listed. */
#define NEED_IMPORT_FAULTS 50

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *
need_json(const Need *n)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "id", json_integer(n->id));
	json_object_set_new(o, "ref", str_or_null(n->ref));
	json_object_set_new(o, "country", str_or_null(n->country));
	json_object_set_new(o, "country_name", str_or_null(n->country_name));
	json_object_set_new(o, "body", str_or_null(n->body));
	json_object_set_new(o, "assessed", str_or_null(n->assessed));
	json_object_set_new(o, "text", str_or_null(n->text));
	json_object_set_new(o, "pillar", str_or_null(n->pillar));
	json_object_set_new(o, "area", str_or_null(n->area));
	json_object_set_new(o, "priority", str_or_null(n->priority));
	json_object_set_new(o, "status", str_or_null(n->status));
	json_object_set_new(
	    o, "confidentiality", str_or_null(n->confidentiality));
	a = json_array();
	for (size_t i = 0; i < n->norgs; i++)
		json_array_append_new(a, json_string(n->orgs[i]));
	json_object_set_new(o, "organisations", a);
	a = json_array();
	for (size_t i = 0; i < n->nprojects; i++)
		json_array_append_new(a, json_integer(n->projects[i]));
	json_object_set_new(o, "projects", a);
	json_object_set_new(o, "demo", json_boolean(n->demo));
	if (n->created_at != NULL)
		json_object_set_new(
		    o, "created_at", json_string(n->created_at));
	if (n->updated_at != NULL)
		json_object_set_new(
		    o, "updated_at", json_string(n->updated_at));
	return o;
}

json_t *
dup_report_json(const DupReport *r)
{
	json_t *list = json_array();

	for (size_t i = 0; i < r->npair; i++) {
		const DupPair *p = &r->pair[i];

		json_array_append_new(list,
		    json_pack("{s:f, s:{s:I, s:s, s:s, s:s}, s:{s:I, s:s, s:s,"
			      " s:s}, s:s, s:s, s:b, s:s, s:s}",
			"score", p->score, "a", "id", (json_int_t)p->a.id,
			"title", p->a.title, "lead", p->a.lead, "period",
			p->a.period, "b", "id", (json_int_t)p->b.id, "title",
			p->b.title, "lead", p->b.lead, "period", p->b.period,
			"countries", p->countries, "areas", p->areas,
			"recognised", p->recognised, "words", p->words,
			"reason", p->reason));
	}
	return json_pack("{s:I, s:I, s:o}", "projects", (json_int_t)r->projects,
	    "compared", (json_int_t)r->candidates, "pairs", list);
}

static const char *const csv_columns[] = { "id", "ref", "country",
	"country_name", "body", "assessed", "pillar", "area", "priority",
	"status", "confidentiality", "organisations", "projects", "demo",
	"text", NULL };

void
need_csv_header(Buf *out)
{
	for (size_t i = 0; csv_columns[i] != NULL; i++)
		buf_printf(out, "%s%s", i ? "," : "", csv_columns[i]);
	buf_puts(out, "\r\n");
}

void
need_csv_row(Buf *out, const Need *n)
{
	Buf list = BUF_INIT;
	const char *v[] = { NULL, n->ref, n->country, n->country_name, n->body,
		n->assessed, n->pillar, n->area, n->priority, n->status,
		n->confidentiality, NULL, NULL, n->demo ? "yes" : "no",
		n->text };

	buf_printf(out, "%lld", (long long)n->id);
	for (size_t i = 1; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_putc(out, ',');
		if (i == 11) {
			buf_reset(&list);
			for (size_t k = 0; k < n->norgs; k++)
				buf_printf(
				    &list, "%s%s", k ? "; " : "", n->orgs[k]);
			csv_put_field(out, buf_str(&list));
		} else if (i == 12) {
			buf_reset(&list);
			for (size_t k = 0; k < n->nprojects; k++)
				buf_printf(&list, "%s%lld", k ? "; " : "",
				    (long long)n->projects[k]);
			csv_put_field(out, buf_str(&list));
		} else {
			csv_put_field(out, v[i] ? v[i] : "");
		}
	}
	buf_puts(out, "\r\n");
	buf_free(&list);
}

static int
audit(Store *s, const Account *who, const char *action, int64_t id,
    const char *old_json, const char *new_json, Buf *err)
{
	return store_audit_add(s, who ? who->id : 0, who ? who->login : "cli",
	    action, "need", id, old_json, new_json, err);
}

/* The JSON of n for the trail (a new string). */
static char *
trail_json(const Need *n)
{
	json_t *j = need_json(n);
	char *t;

	/* The trail records what changed, not when the store said so. */
	json_object_del(j, "created_at");
	json_object_del(j, "updated_at");
	t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return t;
}

/* The viewer the command line is: everything. */
static void
viewer_of(const Account *who, NeedViewer *v)
{
	if (who == NULL) {
		v->level = 3;
		v->org_id = 0;
		v->lang = NULL;
	} else {
		need_viewer(who, v);
	}
}

/* Store n within a transaction already begun: a COMMIT_* code. */
static int
need_store(Store *s, const Account *who, Need *n, int del, Buf *err, Buf *msg)
{
	NeedViewer v;
	Need old;
	char *oj = NULL, *nj = NULL;
	int got = 1, code = n->id ? COMMIT_OK : COMMIT_CREATED;

	memset(&old, 0, sizeof(old));
	viewer_of(who, &v);
	if (n->id != 0) {
		got = store_need_get(s, n->id, &v, &old, err);
		if (got == 0) {
			buf_printf(msg, TC("no need %lld"), (long long)n->id);
			code = COMMIT_NOT_FOUND;
			goto out;
		}
		if (got < 0)
			goto out;
		oj = trail_json(&old);
	}
	if (del) {
		if (store_need_delete(s, n->id, err) < 0)
			goto out;
		code = COMMIT_DELETED;
		audit(s, who, "delete", n->id, oj, NULL, err);
		goto out;
	}
	if (need_complete(s, n, msg) != 0) {
		code = 400;
		goto out;
	}
	/* A reference names one need. */
	if (n->ref != NULL) {
		int64_t other = store_need_by_ref(s, n->ref, err);

		if (other < 0)
			goto out;
		if (other > 0 && other != n->id) {
			buf_printf(msg, TC("%s: \"%s\" is another need's"),
			    "ref", n->ref);
			code = 400;
			goto out;
		}
	}
	if (store_need_save(s, n, err) != 0)
		goto out;
	nj = trail_json(n);
	audit(s, who, oj ? "update" : "create", n->id, oj, nj, err);
out:
	need_clear(&old);
	free(oj);
	free(nj);
	return code;
}

int
need_commit(Store *s, const Account *who, Need *n, int del, Buf *msg)
{
	Buf err = BUF_INIT;
	int code;

	if (who != NULL && !need_may_write(who)) {
		buf_puts(
		    msg, TC("only analysts and the secretariat record needs"));
		return COMMIT_FORBIDDEN;
	}
	if (commit_begin(s, msg) != COMMIT_OK)
		return COMMIT_BUSY;
	code =
	    commit_finish(s, need_store(s, who, n, del, &err, msg), &err, msg);
	buf_free(&err);
	return code;
}

int
need_commit_link(Store *s, const Account *who, int64_t need_id,
    int64_t project_id, int on, Buf *msg)
{
	Buf err = BUF_INIT, j = BUF_INIT;
	NeedViewer v;
	Need n;
	Project p;
	int got, code = COMMIT_OK;

	memset(&n, 0, sizeof(n));
	memset(&p, 0, sizeof(p));
	if (who != NULL && !need_may_write(who) &&
	    !(who->role != NULL && strcmp(who->role, "focal_point") == 0)) {
		buf_puts(msg, TC("this role may not link projects to needs"));
		return COMMIT_FORBIDDEN;
	}
	if (commit_begin(s, msg) != COMMIT_OK)
		return COMMIT_BUSY;
	viewer_of(who, &v);
	if ((got = store_need_get(s, need_id, &v, &n, &err)) <= 0) {
		if (got == 0) {
			buf_printf(msg, TC("no need %lld"), (long long)need_id);
			code = COMMIT_NOT_FOUND;
		}
		goto out;
	}
	if ((got = store_project_get(s, project_id, &p, &err)) <= 0) {
		if (got == 0) {
			buf_printf(
			    msg, TC("no project %lld"), (long long)project_id);
			code = COMMIT_NOT_FOUND;
		}
		goto out;
	}
	if (who != NULL && !need_may_write(who) &&
	    project_may_change(s, who, project_id, msg) != 1) {
		code = COMMIT_FORBIDDEN;
		goto out;
	}
	if ((got = store_need_link(s, need_id, project_id, on, &err)) < 0)
		goto out;
	if (got > 0) {
		buf_printf(&j, "{\"project\": %lld}", (long long)project_id);
		audit(s, who, on ? "need-link" : "need-unlink", need_id, NULL,
		    buf_str(&j), &err);
	}
out:
	code = commit_finish(s, code, &err, msg);
	need_clear(&n);
	project_clear(&p);
	buf_free(&err);
	buf_free(&j);
	return code;
}

/* Headings of assessment tables as written, to the field they fill. */
static const struct {
	const char *heading, *field;
} headings[] = {
	{ "member state", "country" },
	{ "state", "country" },
	{ "assessed state", "country" },
	{ "assessing body", "body" },
	{ "assessed by", "body" },
	{ "organisation", "body" },
	{ "organization", "body" },
	{ "date", "assessed" },
	{ "assessment date", "assessed" },
	{ "recommendation", "text" },
	{ "need", "text" },
	{ "description", "text" },
	{ "thematic area", "area" },
	{ "reference", "ref" },
	{ "visible to", "organisations" },
	{ "linked projects", "projects" },
};

/* The field a heading names, or NULL; "" for columns to pass over. */
static const char *
heading_field(const char *h)
{
	static const char *const fields[] = { "ref", "country", "body",
		"assessed", "text", "pillar", "area", "priority", "status",
		"confidentiality", "organisations", "projects", "demo", NULL };
	Buf k = BUF_INIT;
	const char *f = NULL;

	text_fold(h, &k);
	for (size_t i = 0; fields[i] != NULL && f == NULL; i++)
		if (strcmp(buf_str(&k), fields[i]) == 0)
			f = fields[i];
	for (size_t i = 0;
	     f == NULL && i < sizeof(headings) / sizeof(*headings); i++)
		if (strcmp(buf_str(&k), headings[i].heading) == 0)
			f = headings[i].field;
	/* What this file writes and nothing reads. */
	if (f == NULL &&
	    (strcmp(buf_str(&k), "id") == 0 ||
		strcmp(buf_str(&k), "country name") == 0))
		f = "";
	buf_free(&k);
	return f;
}

/* One fault of the file, counted; listed while there are few. */
static void
fault(Buf *msg, int *nfault, const char *name, size_t line, const char *what)
{
	if (++*nfault <= NEED_IMPORT_FAULTS)
		buf_printf(msg, "%s:%zu: %s\n", name, line, what);
}

int
need_import_csv(Store *s, const Account *who, const char *name,
    const char *text, size_t n, int demo, NeedImport *out, Buf *msg)
{
	CsvReader r;
	Buf err = BUF_INIT, m = BUF_INIT, ref = BUF_INIT;
	const char **field = NULL;
	size_t nf = 0;
	int got, nfault = 0, code = COMMIT_OK, has_text = 0, has_country = 0;

	memset(out, 0, sizeof(*out));
	if (who != NULL && !need_may_write(who)) {
		buf_puts(
		    msg, TC("only analysts and the secretariat record needs"));
		return COMMIT_FORBIDDEN;
	}
	csv_init(&r, text, n);
	got = csv_next(&r, &err);
	if (got <= 0) {
		buf_printf(msg, "%s: %s\n", name,
		    got < 0 ? buf_str(&err) : TC("empty: no header row"));
		csv_free(&r);
		buf_free(&err);
		return 400;
	}
	nf = r.nfield;
	field = xcalloc(nf, sizeof(*field));
	for (size_t i = 0; i < nf; i++) {
		field[i] = heading_field(csv_field(&r, i));
		if (field[i] == NULL) {
			buf_printf(&m,
			    TC("column %zu, \"%s\": not a field of a need "
			       "(%s)"),
			    i + 1, csv_field(&r, i), need_fields);
			fault(msg, &nfault, name, r.record_line, buf_str(&m));
			buf_reset(&m);
		} else {
			has_text |= strcmp(field[i], "text") == 0;
			has_country |= strcmp(field[i], "country") == 0;
		}
	}
	if (!has_text || !has_country)
		fault(msg, &nfault, name, r.record_line,
		    TC("the header names no country or no text column"));
	if (nfault > 0) {
		code = 400;
		goto out;
	}
	if (store_begin(s, &err) != 0) {
		buf_puts(msg, TC("the database is busy: try again"));
		code = COMMIT_BUSY;
		goto out;
	}
	while ((got = csv_next(&r, &err)) == 1) {
		Need nd;
		int64_t id = 0;
		int bad = 0, blank = 1;

		for (size_t i = 0; i < r.nfield; i++)
			if (csv_field(&r,
				i)[strspn(csv_field(&r, i), " \t\r\n")] != '\0')
				blank = 0;
		if (blank)
			continue;
		out->rows++;
		memset(&nd, 0, sizeof(nd));
		if (r.nfield != nf) {
			buf_printf(&m,
			    TC("%zu fields where the header has %zu"), r.nfield,
			    nf);
			fault(msg, &nfault, name, r.record_line, buf_str(&m));
			buf_reset(&m);
			continue;
		}
		/*
		 * A known reference (trimmed, as need_set() keeps it): the
		 * row changes that need.
		 */
		for (size_t i = 0; i < nf; i++) {
			const char *v = csv_field(&r, i);
			size_t len;

			if (strcmp(field[i], "ref") != 0)
				continue;
			v += strspn(v, " \t\r\n");
			len = strlen(v);
			while (len > 0 && strchr(" \t\r\n", v[len - 1]) != NULL)
				len--;
			if (len == 0)
				continue;
			buf_reset(&ref);
			buf_append(&ref, v, len);
			id = store_need_by_ref(s, buf_str(&ref), &err);
		}
		if (id < 0)
			break;
		nd.id = id;
		if (id > 0) {
			NeedViewer v;

			viewer_of(who, &v);
			if (store_need_get(s, id, &v, &nd, &err) <= 0) {
				/* Not to be seen: not to be changed either. */
				need_clear(&nd);
				buf_printf(&m,
				    TC("%s: taken by a need you may not "
				       "change"),
				    "ref");
				fault(msg, &nfault, name, r.record_line,
				    buf_str(&m));
				buf_reset(&m);
				continue;
			}
		}
		for (size_t i = 0; i < nf && !bad; i++) {
			if (*field[i] == '\0')
				continue;
			/* An empty cell of an existing need leaves it be. */
			if (id > 0 && *csv_field(&r, i) == '\0')
				continue;
			if (need_set(s, &nd, field[i], csv_field(&r, i), &m) !=
			    0) {
				fault(msg, &nfault, name, r.record_line,
				    buf_str(&m));
				buf_reset(&m);
				bad = 1;
			}
		}
		if (demo)
			nd.demo = 1;
		if (!bad) {
			int c = need_store(s, who, &nd, 0, &err, &m);

			if (c == 400) {
				fault(msg, &nfault, name, r.record_line,
				    buf_str(&m));
			} else if (c >= 400) {
				need_clear(&nd);
				break;
			} else {
				out->added += c == COMMIT_CREATED;
				out->updated += c == COMMIT_OK;
			}
			buf_reset(&m);
		}
		need_clear(&nd);
		if (err.len > 0)
			break;
	}
	if (got < 0 && err.len > 0) {
		/* csv_next() says "line N: ...". */
		buf_printf(msg, "%s:%s\n", name, buf_str(&err) + 5);
		buf_reset(&err);
		nfault++;
	}
	if (nfault > NEED_IMPORT_FAULTS)
		buf_printf(msg,
		    TC("%s: %d faults in all; nothing was stored\n"), name,
		    nfault);
	code = commit_finish(s, nfault > 0 ? 400 : COMMIT_OK, &err, msg);
	if (code != COMMIT_OK)
		out->added = out->updated = 0;
out:
	free(field);
	csv_free(&r);
	buf_free(&err);
	buf_free(&m);
	buf_free(&ref);
	return code;
}
