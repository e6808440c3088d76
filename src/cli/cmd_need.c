/*
 * cmd_need.c - `ctmatrix needs`, `ctmatrix gaps`, `ctmatrix duplicates`.
 *
 * The command line is whoever holds the database file, so it sees every
 * need; --as LOGIN shows what that account would see instead, which is
 * how a keeper checks what others are shown.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/mem.h"
#include "../io/need_io.h"
#include "../portfolio/dup.h"
#include "../portfolio/need.h"
#include "cli.h"

/* The viewer: everything, or what account --as sees.  0 or exit code. */
static int
viewer(Cli *c, NeedViewer *v)
{
	const char *as = cli_opt(c, "as");
	Account a;
	Buf err = BUF_INIT;
	int got;

	v->level = 3;
	v->org_id = 0;
	v->lang = NULL;
	if (as == NULL)
		return 0;
	memset(&a, 0, sizeof(a));
	got = store_account_get(c->store, as, &a, &err);
	if (got <= 0) {
		got = got < 0 ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
			      : cli_error(EXIT_FAIL,
				    tr(c->lang, "--as: no account %s"), as);
		buf_free(&err);
		return got;
	}
	need_viewer(&a, v);
	account_clear(&a);
	return 0;
}

static void
filter_of(Cli *c, NeedFilter *f)
{
	memset(f, 0, sizeof(*f));
	f->country = cli_opt(c, "country");
	f->region = cli_opt(c, "region");
	f->pillar = cli_opt(c, "pillar");
	f->area = cli_opt(c, "area");
	f->status = cli_opt(c, "status");
	f->priority = cli_opt(c, "priority");
	f->body = cli_opt(c, "body");
	f->search = cli_opt(c, "search");
	f->gaps = cli_opt(c, "gaps") != NULL;
	f->limit = cli_opt(c, "limit") ? atoll(cli_opt(c, "limit")) : 0;
	f->offset = cli_opt(c, "offset") ? atoll(cli_opt(c, "offset")) : 0;
	/* A table names places in its language; JSON and CSV in English. */
	if (c->format == NULL || strcmp(c->format, "table") == 0)
		f->lang = c->lang;
}

typedef struct ListOut {
	Cli *c;
	CliTable t;
	json_t *list;
	Buf csv;
	Buf status, visible; /* a row's labels of its keys */
} ListOut;

static int
list_one(void *ctx, const Need *n)
{
	ListOut *o = ctx;
	char id[24], np[24];
	const char *row[8];

	if (strcmp(o->c->format, "json") == 0) {
		json_array_append_new(o->list, need_json(n));
		return 0;
	}
	if (strcmp(o->c->format, "csv") == 0) {
		need_csv_row(&o->csv, n);
		return 0;
	}
	snprintf(id, sizeof(id), "%lld", (long long)n->id);
	snprintf(np, sizeof(np), "%zu", n->nprojects);
	row[0] = id;
	row[1] = n->country;
	row[2] = n->pillar ? n->pillar : "";
	row[3] = cli_label(o->c, n->status, &o->status);
	row[4] = cli_label(o->c, n->confidentiality, &o->visible);
	row[5] = np;
	row[6] = n->demo ? "demo" : "";
	row[7] = n->text;
	cli_table_add(&o->t, row);
	return 0;
}

static int
needs_list(Cli *c)
{
	static const char *head[] = { N_("id"), N_("country"), N_("pillar"),
		N_("status"), N_("visible"), N_("projects"), "", N_("text") };
	NeedFilter f;
	NeedViewer v;
	ListOut o;
	Buf err = BUF_INIT;
	int64_t total = 0;
	int rc;

	if ((rc = viewer(c, &v)) != 0)
		return rc;
	filter_of(c, &f);
	memset(&o, 0, sizeof(o));
	o.c = c;
	o.list = json_array();
	cli_table_init(&o.t, 8, head);
	o.t.last_wraps = 1;
	o.t.keys = CLI_COL(6);
	need_csv_header(&o.csv);
	rc = store_need_list(c->store, &f, &v, list_one, &o, &total, &err);
	if (rc != 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	} else if (strcmp(c->format, "json") == 0) {
		cli_print_json(json_pack(
		    "{s:I, s:O}", "total", (json_int_t)total, "needs", o.list));
	} else if (strcmp(c->format, "csv") == 0) {
		fputs(buf_str(&o.csv), stdout);
	} else {
		cli_table_print(&o.t, c->format, c->lang);
		printf(trn(c->lang, "\n%lld need\n", "\n%lld needs\n",
			   (unsigned long)total),
		    (long long)total);
	}
	json_decref(o.list);
	cli_table_free(&o.t);
	buf_free(&o.csv);
	buf_free(&o.status);
	buf_free(&o.visible);
	buf_free(&err);
	return rc;
}

static int
needs_show(Cli *c)
{
	NeedViewer v;
	Need n;
	Buf err = BUF_INIT;
	int got, rc;

	if (c->narg != 2 || atoll(c->arg[1]) <= 0)
		return cli_usage(c, "needs show ID");
	if ((rc = viewer(c, &v)) != 0)
		return rc;
	memset(&n, 0, sizeof(n));
	got = store_need_get(c->store, atoll(c->arg[1]), &v, &n, &err);
	if (got <= 0) {
		rc = got < 0 ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
			     : cli_error(EXIT_FAIL, tr(c->lang, "no need %s"),
				   c->arg[1]);
		buf_free(&err);
		return rc;
	}
	if (strcmp(c->format, "csv") == 0) {
		Buf b = BUF_INIT;

		need_csv_header(&b);
		need_csv_row(&b, &n);
		fputs(buf_str(&b), stdout);
		buf_free(&b);
	} else {
		/* One need reads best as its JSON, in the table format too. */
		json_t *j = need_json(&n);
		char *t = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		puts(t);
		free(t);
		json_decref(j);
	}
	need_clear(&n);
	return EXIT_OK;
}

/* The need fields that are options of add and set. */
static const char *const field_opts[] = { "ref", "country", "body", "assessed",
	"text", "pillar", "area", "priority", "status", "confidentiality",
	"organisations", "projects", NULL };

/* add (id 0) or set ID: the options given, then the commit. */
static int
needs_write(Cli *c, int64_t id, int del)
{
	NeedViewer v = { 3, 0, NULL };
	Need n;
	Buf msg = BUF_INIT, err = BUF_INIT;
	int rc = EXIT_OK, code;

	memset(&n, 0, sizeof(n));
	if (id > 0) {
		int got = store_need_get(c->store, id, &v, &n, &err);

		if (got <= 0) {
			rc = got < 0
			    ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
			    : cli_error(EXIT_FAIL, tr(c->lang, "no need %lld"),
				  (long long)id);
			goto out;
		}
	}
	for (size_t i = 0; !del && field_opts[i] != NULL; i++) {
		const char *val = cli_opt(c, field_opts[i]);

		if (val != NULL &&
		    need_set(c->store, &n, field_opts[i], val, &msg) != 0) {
			rc = cli_error(EXIT_FAIL, "--%s", buf_str(&msg));
			goto out;
		}
	}
	if (cli_opt(c, "demo") != NULL)
		n.demo = 1;
	code = need_commit(c->store, NULL, &n, del, &msg);
	rc = cli_commit_status(code, &msg);
	if (rc == EXIT_OK)
		printf(del   ? tr(c->lang, "need %lld deleted\n")
			: id ? tr(c->lang, "need %lld changed\n")
			     : tr(c->lang, "need %lld added\n"),
		    (long long)n.id);
out:
	need_clear(&n);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}

static int
needs_import(Cli *c)
{
	NeedImport im;
	Buf msg = BUF_INIT, err = BUF_INIT;
	char *text;
	size_t n;
	int code, rc;

	if (c->narg != 2)
		return cli_usage(c, "needs import FILE.csv [--demo]");
	if (buf_read_file(c->arg[1], &text, &n, &err) != 0) {
		rc = cli_error(EXIT_FAIL, "%s", buf_str(&err));
		buf_free(&err);
		return rc;
	}
	code = need_import_csv(c->store, NULL, c->arg[1], text, n,
	    cli_opt(c, "demo") != NULL, &im, &msg);
	if (code < 300) {
		printf(tr(c->lang,
			   "%s: %lld rows, %lld needs added, %lld changed\n"),
		    c->arg[1], (long long)im.rows, (long long)im.added,
		    (long long)im.updated);
		rc = EXIT_OK;
	} else if (code == 400) {
		fputs(buf_str(&msg), stderr);
		rc = cli_error(
		    EXIT_FAIL, tr(c->lang, "%s: nothing imported"), c->arg[1]);
	} else {
		rc = cli_commit_status(code, &msg);
	}
	free(text);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}

static int
needs_areas(Cli *c)
{
	static const char *head[] = { N_("key"), N_("name") };
	CliTable t;
	Buf err = BUF_INIT;
	int rc = EXIT_OK;

	cli_table_init(&t, 2, head);
	if (store_areas(c->store,
		strcmp(c->format, "table") == 0 ? c->lang : NULL, cli_ref_row,
		&t, &err) != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else
		cli_table_print(&t, c->format, c->lang);
	cli_table_free(&t);
	buf_free(&err);
	return rc;
}

int
cmd_needs(Cli *c)
{
	const char *verb = c->arg[0];
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "list") == 0)
		return c->narg == 1 ? needs_list(c)
				    : cli_usage(c, "needs list");
	if (strcmp(verb, "show") == 0)
		return needs_show(c);
	if (strcmp(verb, "areas") == 0)
		return needs_areas(c);
	if (strcmp(verb, "import") == 0)
		return needs_import(c);
	if (cli_opt(c, "as") != NULL)
		return cli_error(
		    EXIT_USAGE, tr(c->lang, "--as is for list, show and gaps"));
	if (strcmp(verb, "add") == 0)
		return c->narg == 1 ? needs_write(c, 0, 0)
				    : cli_usage(c,
					  "needs add --country C --body B "
					  "--text T [fields]");
	if (strcmp(verb, "set") == 0 || strcmp(verb, "delete") == 0) {
		if (c->narg != 2 || atoll(c->arg[1]) <= 0)
			return cli_usage(c, "needs %s ID", verb);
		return needs_write(
		    c, atoll(c->arg[1]), strcmp(verb, "delete") == 0);
	}
	if (strcmp(verb, "link") == 0 || strcmp(verb, "unlink") == 0) {
		Buf msg = BUF_INIT;
		int on = strcmp(verb, "link") == 0, code;

		if (c->narg != 3 || atoll(c->arg[1]) <= 0 ||
		    atoll(c->arg[2]) <= 0)
			return cli_error(
			    EXIT_USAGE, "needs %s NEED_ID PROJECT_ID", verb);
		code = need_commit_link(c->store, NULL, atoll(c->arg[1]),
		    atoll(c->arg[2]), on, &msg);
		rc = cli_commit_status(code, &msg);
		if (rc == EXIT_OK)
			printf(on
				? tr(c->lang, "need %s linked to project %s\n")
				: tr(c->lang,
				      "need %s unlinked from project %s\n"),
			    c->arg[1], c->arg[2]);
		buf_free(&msg);
		return rc;
	}
	return cli_error(EXIT_USAGE,
	    tr(c->lang,
		"needs: no \"%s\" (list, show, add, set, delete, link, unlink, "
		"import, areas)"),
	    verb);
}

typedef struct GapOut {
	CliTable t;
	json_t *groups;
	int64_t needs, gaps;
	const char *lang; /* of the table's names */
} GapOut;

static int
gap_one(void *ctx, const GapGroup *g)
{
	GapOut *o = ctx;
	char a[24], b[24];
	const char *row[4] = { g->key,
		lang_group_name(o->lang, g->key, g->name), a, b };

	snprintf(a, sizeof(a), "%lld", (long long)g->needs);
	snprintf(b, sizeof(b), "%lld", (long long)g->gaps);
	cli_table_add(&o->t, row);
	json_array_append_new(o->groups,
	    json_pack("{s:s, s:s, s:I, s:I}", "key", g->key, "name", g->name,
		"needs", (json_int_t)g->needs, "gaps", (json_int_t)g->gaps));
	return 0;
}

int
cmd_gaps(Cli *c)
{
	static const char *head[] = { N_("key"), N_("name"), N_("needs"),
		N_("gaps") };
	const char *by = cli_opt(c, "by") ? cli_opt(c, "by") : "country";
	NeedFilter f;
	NeedViewer v;
	GapOut o;
	Buf err = BUF_INIT;
	int64_t total = 0, gaps = 0;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if ((rc = viewer(c, &v)) != 0)
		return rc;
	filter_of(c, &f);
	f.gaps = 0;
	memset(&o, 0, sizeof(o));
	o.lang = strcmp(c->format, "table") == 0 ? c->lang : "en";
	cli_table_init(&o.t, 4, head);
	o.groups = json_array();
	rc = store_gaps(c->store, by, &f, &v, gap_one, &o, &err);
	if (rc == 0)
		rc =
		    store_need_list(c->store, &f, &v, NULL, NULL, &total, &err);
	f.gaps = 1;
	if (rc == 0)
		rc = store_need_list(c->store, &f, &v, NULL, NULL, &gaps, &err);
	if (rc != 0) {
		rc = cli_error(strstr(buf_str(&err), "not a dimension")
			? EXIT_USAGE
			: EXIT_SYSTEM,
		    "%s (country, region, subregion, pillar, area)",
		    buf_str(&err));
	} else if (strcmp(c->format, "json") == 0) {
		cli_print_json(json_pack("{s:s, s:I, s:I, s:O}", "by", by,
		    "needs", (json_int_t)total, "gaps", (json_int_t)gaps,
		    "groups", o.groups));
	} else {
		cli_table_print(&o.t, c->format, c->lang);
		if (strcmp(c->format, "table") == 0)
			printf(tr(c->lang,
				   "\n%lld needs, %lld of them answered by no "
				   "project\n"),
			    (long long)total, (long long)gaps);
	}
	json_decref(o.groups);
	cli_table_free(&o.t);
	buf_free(&err);
	return rc;
}

int
cmd_duplicates(Cli *c)
{
	static const char *head[] = { N_("score"), N_("a"), N_("b"),
		N_("lead a"), N_("lead b"), N_("countries"), N_("areas"),
		N_("reason") };
	DupOptions o;
	DupReport r;
	CliTable t;
	Buf err = BUF_INIT, why = BUF_INIT;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	memset(&o, 0, sizeof(o));
	o.country = cli_opt(c, "country");
	o.area = cli_opt(c, "area");
	o.entity = cli_opt(c, "entity");
	/* A table names the areas in its language; JSON and CSV in English. */
	o.lang = strcmp(c->format, "table") == 0 ? c->lang : NULL;
	o.min = cli_opt(c, "min") ? atof(cli_opt(c, "min")) : -1;
	o.limit =
	    cli_opt(c, "limit") ? (size_t)atoll(cli_opt(c, "limit")) : 100;
	if (cli_opt(c, "min") != NULL && (o.min < 0 || o.min > 1))
		return cli_error(
		    EXIT_USAGE, tr(c->lang, "--min is a likeness, 0 to 1"));
	if (dup_report(c->store, &o, &r, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		buf_free(&err);
		return rc;
	}
	cli_table_init(&t, 8, head);
	t.last_wraps = 1;
	for (size_t i = 0; i < r.npair; i++) {
		const DupPair *p = &r.pair[i];
		char sc[16], a[24], b[24];
		const char *row[8] = { sc, a, b, p->a.lead, p->b.lead,
			p->countries, p->areas, p->reason };

		/* A table says why in its language; CSV in English. */
		buf_reset(&why);
		if (strcmp(c->format, "table") == 0) {
			dup_reason_text(c->lang, p, &why);
			row[7] = buf_str(&why);
		}
		snprintf(sc, sizeof(sc), "%.2f", p->score);
		snprintf(a, sizeof(a), "%lld", (long long)p->a.id);
		snprintf(b, sizeof(b), "%lld", (long long)p->b.id);
		cli_table_add(&t, row);
	}
	if (strcmp(c->format, "json") == 0) {
		cli_print_json(dup_report_json(&r));
	} else {
		cli_table_print(&t, c->format, c->lang);
		if (strcmp(c->format, "table") == 0)
			printf(tr(c->lang,
				   "\n%zu pairs listed, of %zu compared among "
				   "%zu projects\n"),
			    r.npair, r.candidates, r.projects);
	}
	cli_table_free(&t);
	dup_report_free(&r);
	buf_free(&why);
	buf_free(&err);
	return EXIT_OK;
}
