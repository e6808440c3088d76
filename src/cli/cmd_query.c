/*
 * cmd_query.c - `ctmatrix projects`, `project`, `stats` and `check`.
 *
 * Each has the same shape: check the options, open the store, query,
 * render in the chosen format.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "../io/money_io.h"
#include "../io/project_json.h"
#include "../portfolio/money.h"
#include "../portfolio/query.h"
#include "../portfolio/vocab.h"
#include "cli.h"

static const char *
opt_get(const void *c, const char *name)
{
	return cli_opt(c, name);
}

void
cli_query_args(const Cli *c, QueryArgs *a)
{
	query_args_fill(a, opt_get, c);
}

/* Entities of p as "UNODC, CTED" (keys, or names when unresolved). */
static void
entities_text(const Project *p, Buf *out)
{
	for (size_t i = 0; i < p->norgs; i++) {
		if (i)
			buf_puts(out, ", ");
		buf_puts(
		    out, p->orgs[i].key ? p->orgs[i].key : p->orgs[i].name);
	}
}

static void
places_text(const Project *p, Buf *out)
{
	for (size_t i = 0; i < p->nplaces; i++) {
		if (i)
			buf_puts(out, "; ");
		buf_puts(out,
		    p->places[i].key ? p->places[i].key : p->places[i].name);
	}
}

typedef struct ListCtx {
	const char *format;
	const Cli *cli; /* the table's language (NULL: keys, as in English) */
	CliTable table;
	int first;
	Buf line; /* the header's CSV line */
} ListCtx;

static void
list_free(ListCtx *l)
{
	cli_table_free(&l->table);
	buf_free(&l->line);
}

/*
 * What the list shows of p, made of p alone: the JSON text or the CSV
 * line (a string), or the table's row (cli_table_row).  It reads only
 * the format, the language and the table's columns of ctx, which do not
 * change while the list runs, so the threads of a list may make it
 * (ProjectFilter.prep).
 */
static void *
list_prep(const void *ctx, const Project *p)
{
	const ListCtx *l = ctx;
	char id[INT_TEXT_MAX], serial[INT_TEXT_MAX] = "";
	Buf ents = BUF_INIT, places = BUF_INIT, line = BUF_INIT;
	void *made;

	if (strcmp(l->format, "json") == 0) {
		json_t *j = project_json(p, 0);

		made = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		if (made == NULL)
			mem_fail(0);
		return made;
	}
	int_text(id, p->id);
	if (p->has_serial)
		int_text(serial, p->serial);
	entities_text(p, &ents);
	if (strcmp(l->format, "csv") == 0) {
		places_text(p, &places);
		const char *row[] = { id, p->pillar, serial, p->title,
			p->period_text, p->start_date, p->end_date,
			p->status ? p->status : p->status_text, buf_str(&ents),
			scope_text(p->scopes), buf_str(&places),
			p->activities };

		cli_csv_line(&line, row, 12);
		made = buf_detach(&line);
	} else {
		Buf status = BUF_INIT, scope = BUF_INIT;
		const char *st = p->status ? p->status : "?";
		const char *sc = scope_text(p->scopes);

		if (l->cli != NULL) {
			st = cli_label(l->cli, st, &status);
			sc = cli_label(l->cli, sc, &scope);
		}
		const char *row[] = { id, p->pillar, serial, st, sc,
			buf_str(&ents), p->title };

		made = cli_table_row(&l->table, row);
		buf_free(&status);
		buf_free(&scope);
	}
	buf_free(&ents);
	buf_free(&places);
	return made;
}

/* p in the list, made here unless the list's thread made it (p->prep). */
static int
list_row(void *ctx, const Project *p)
{
	ListCtx *l = ctx;
	void *made = p->prep ? p->prep : list_prep(l, p);

	if (strcmp(l->format, "table") == 0) {
		cli_table_add_row(&l->table, made);
		return 0;
	}
	if (strcmp(l->format, "json") == 0) {
		fputs(l->first ? "\n    " : ",\n    ", stdout);
		l->first = 0;
	}
	fputs(made, stdout);
	free(made);
	return 0;
}

int
cmd_projects(Cli *c)
{
	static const char *head_table[] = { N_("ID"), N_("PILLAR"),
		N_("SERIAL"), N_("STATUS"), N_("SCOPE"), N_("ENTITIES"),
		N_("TITLE") };
	static const char *head_csv[] = { "id", "pillar", "serial", "title",
		"period", "start", "end", "status", "entities", "scope",
		"places", "activities" };
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	ListCtx l;
	Buf err = BUF_INIT;
	int64_t total = 0;
	int rc = EXIT_OK;

	memset(&k, 0, sizeof(k));
	memset(&l, 0, sizeof(l));
	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	cli_query_args(c, &a);
	if (query_filter(c->store, &a, &f, &k, &err) != 0) {
		rc = cli_error(EXIT_USAGE, "%s", buf_str(&err));
		goto out;
	}
	/*
	 * A list shows neither issues nor the record's detail; only CSV
	 * shows the activities, and the table no places or period either.
	 */
	f.skip = PROJECT_SKIP_ISSUES | PROJECT_SKIP_RECORD;
	/* A command runs alone: a long list may take both cores. */
	f.parallel = 1;
	f.prep = list_prep;
	f.prep_ctx = &l;
	if (strcmp(c->format, "csv") != 0)
		f.skip |= PROJECT_SKIP_ACTIVITIES;
	if (strcmp(c->format, "table") == 0)
		f.skip |= PROJECT_SKIP_PLACES | PROJECT_SKIP_PERIOD;
	l.format = c->format;
	l.cli = c;
	l.first = 1;
	cli_table_init(&l.table, 7, head_table);
	/* CSV and JSON are printed row by row; the table, aligned at the end. */
	if (strcmp(c->format, "csv") == 0)
		cli_csv_row(&l.line, head_csv, 12);
	if (strcmp(c->format, "json") == 0)
		fputs("{\n  \"projects\": [", stdout);
	if (store_project_list(c->store, &f, list_row, &l, &total, &err)) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (strcmp(c->format, "json") == 0)
		printf("%s],\n  \"total\": %" PRId64 "\n}\n",
		    l.first ? "" : "\n  ", total);
	else if (strcmp(c->format, "table") == 0)
		cli_table_print(&l.table, c->format, c->lang);
	if (strcmp(c->format, "table") == 0 && (int64_t)l.table.nrow < total)
		fprintf(stderr,
		    tr(c->lang, "(%zu of %" PRId64 " projects shown)\n"),
		    l.table.nrow, total);
out:
	list_free(&l);
	query_keys_free(&k);
	buf_free(&err);
	return rc;
}

/*
 * One "field: value" line of `ctmatrix project` in table form; the
 * field's name is translated by its caller (trp "field": the English
 * names are also the keys of the JSON and CSV forms, never translated).
 */
static void
field(CliTable *t, const char *name, const char *value)
{
	const char *row[] = { name, value ? value : "" };

	cli_table_add(t, row);
}

int
cmd_project(Cli *c)
{
	static const char *head[] = { N_("FIELD"), N_("VALUE") };
	Project p;
	Buf err = BUF_INIT, b = BUF_INIT, label = BUF_INIT;
	CliTable t;
	char *end;
	long long id = strtoll(c->arg[0], &end, 10);
	int rc = EXIT_OK, got;

	memset(&p, 0, sizeof(p));
	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (*c->arg[0] == '\0' || *end != '\0' || id <= 0)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"project: \"%s\" is not a project "
			"id"),
		    c->arg[0]);
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	got = store_project_get(c->store, id, &p, &err);
	if (got < 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (got == 0) {
		rc = cli_error(EXIT_FAIL, tr(c->lang, "no project %lld"), id);
		goto out;
	}
	if (strcmp(c->format, "json") == 0) {
		cli_print_json(project_json(&p, 1));
		goto out;
	}
	if (strcmp(c->format, "csv") == 0) {
		ListCtx l = { .format = "csv", .first = 1 };
		static const char *head_csv[] = { "id", "pillar", "serial",
			"title", "period", "start", "end", "status", "entities",
			"scope", "places", "activities" };

		cli_table_init(&l.table, 12, head_csv);
		list_row(&l, &p);
		cli_table_print(&l.table, "csv", c->lang);
		list_free(&l);
		goto out;
	}
	cli_table_init(&t, 2, head);
	buf_printf(&b, "%lld", id);
	field(&t, trp(c->lang, "field", "id"), buf_str(&b));
	field(&t, trp(c->lang, "field", "pillar"), p.pillar);
	buf_reset(&b);
	if (p.has_serial)
		buf_printf(&b, "%" PRId64, p.serial);
	field(&t, trp(c->lang, "field", "serial"), buf_str(&b));
	field(&t, trp(c->lang, "field", "title"), p.title);
	field(&t, trp(c->lang, "field", "period"), p.period_text);
	field(&t, trp(c->lang, "field", "start"), p.start_date);
	buf_reset(&b);
	buf_puts(&b,
	    p.end_date         ? p.end_date
		: p.open_ended ? tr(c->lang, "(open)")
			       : "");
	field(&t, trp(c->lang, "field", "end"), buf_str(&b));
	field(&t, trp(c->lang, "field", "annual"),
	    p.annual ? tr(c->lang, "yes") : tr(c->lang, "no"));
	field(&t, trp(c->lang, "field", "status"),
	    p.status ? cli_label(c, p.status, &label) : p.status_text);
	buf_reset(&b);
	entities_text(&p, &b);
	field(&t, trp(c->lang, "field", "entities"), buf_str(&b));
	field(&t, trp(c->lang, "field", "scope"),
	    cli_label(c, scope_text(p.scopes), &label));
	buf_reset(&b);
	places_text(&p, &b);
	field(&t, trp(c->lang, "field", "places"), buf_str(&b));
	field(&t, trp(c->lang, "field", "scope as written"), p.scope_text);
	field(&t, trp(c->lang, "field", "activities"), p.activities);
	for (size_t i = 0; i < p.nissues; i++) {
		buf_reset(&b);
		buf_printf(
		    &b, "%s: ", store_finding_kind(c->lang, p.issues[i].kind));
		store_note_text(&b, c->lang, p.issues[i].message);
		field(&t, trp(c->lang, "field", "issue"), buf_str(&b));
	}
	buf_reset(&b);
	if (p.source_file)
		buf_printf(&b, "%s:%" PRId64, p.source_file, p.source_line);
	field(&t, trp(c->lang, "field", "source"), buf_str(&b));
	field(&t, trp(c->lang, "field", "updated"), p.updated_at);
	cli_table_print(&t, "table", c->lang);
	cli_table_free(&t);
out:
	project_clear(&p);
	buf_free(&err);
	buf_free(&b);
	buf_free(&label);
	return rc;
}

/*
 * The names of a statistic's groups in the table's language: the store
 * gives them in English, which the JSON and CSV keep.  Keys are those of
 * the groups: pillars I..IV, ISO alpha-3, M49 codes, organisation keys.
 */
typedef struct GroupNames {
	StrMap at; /* key -> offset of its name in text */
	Buf text;  /* the names, each ending in NUL */
	const char *lang;
} GroupNames;

static void
names_put(GroupNames *n, const char *key, const char *name)
{
	if (key == NULL || name == NULL || *name == '\0')
		return;
	strmap_put(&n->at, key, (int64_t)n->text.len);
	buf_append(&n->text, name, strlen(name) + 1);
}

static int
names_ref(void *ctx, const RefItem *r)
{
	GroupNames *n = ctx;

	names_put(n, r->iso3, r->name);
	names_put(n, r->m49, r->name);
	if (r->iso3 == NULL && r->m49 == NULL)
		names_put(n, r->key, r->name);
	return 0;
}

static int
names_pillar(void *ctx, const PillarName *p)
{
	GroupNames *n = ctx;

	if (strcmp(p->lang, n->lang) == 0)
		names_put(n, p->key, p->short_name);
	return 0;
}

/* Fill n for the groups of a statistic by by; 0, or -1. */
static int
names_read(Store *s, const char *by, GroupNames *n, Buf *err)
{
	if (strcmp(by, "pillar") == 0)
		return store_pillar_names(s, names_pillar, n, err);
	if (strcmp(by, "country") == 0 || strcmp(by, "region") == 0)
		return store_places(s, NULL, n->lang, names_ref, n, err);
	if (strcmp(by, "entity") == 0)
		return store_organisations(s, n->lang, names_ref, n, err);
	return 0;
}

/* The name of key in n, or name. */
static const char *
names_get(const GroupNames *n, const char *key, const char *name)
{
	int64_t at;

	return n->lang != NULL && strmap_get(&n->at, key, &at) ? n->text.s + at
							       : name;
}

typedef struct StatCtx {
	json_t *groups;
	CliTable table;
	int64_t total;
	const Cli *keyed; /* by status or scope: names as labels, else NULL */
	Buf label;        /* a group's label */
	GroupNames names; /* their lang NULL: the store's names */
} StatCtx;

static int
stat_group(void *ctx, const StatGroup *g)
{
	StatCtx *st = ctx;
	Buf n = BUF_INIT, share = BUF_INIT;

	json_array_append_new(st->groups,
	    json_pack("{s:s, s:s, s:I}", "key", g->key, "name", g->name,
		"count", (json_int_t)g->count));
	buf_printf(&n, "%" PRId64, g->count);
	if (st->total > 0)
		buf_printf(&share, "%.1f%%",
		    100.0 * (double)g->count / (double)st->total);
	{
		const char *row[] = { g->key,
			st->keyed ? cli_label(st->keyed, g->name, &st->label)
				  : names_get(&st->names, g->key, g->name),
			buf_str(&n), buf_str(&share) };

		cli_table_add(&st->table, row);
	}
	buf_free(&n);
	buf_free(&share);
	return 0;
}

/* A row of `stats --by country --sum budget`. */
static int
budget_group(void *ctx, const StatGroup *g)
{
	StatCtx *st = ctx;
	Buf n = BUF_INIT, b = BUF_INIT, usd = BUF_INIT;
	json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "key", g->key, "name",
	    g->name, "count", (json_int_t)g->count, "budgets",
	    (json_int_t)g->budgets);

	usd_members(o, "usd", g->usd);
	json_array_append_new(st->groups, o);
	buf_printf(&n, "%" PRId64, g->count);
	buf_printf(&b, "%" PRId64, g->budgets);
	money_decimal(g->usd, 2, &usd);
	{
		const char *row[] = { g->key, g->name, buf_str(&n), buf_str(&b),
			buf_str(&usd) };

		cli_table_add(&st->table, row);
	}
	buf_free(&n);
	buf_free(&b);
	buf_free(&usd);
	return 0;
}

/*
 * stats --by country --sum budget: the projects of each country and
 * their budgets summed in US dollars (store_stats_budget() says how).
 */
static int
stats_budget(Cli *c, const ProjectFilter *f, StatCtx *st)
{
	static const char *head[] = { N_("KEY"), N_("NAME"), N_("COUNT"),
		N_("BUDGETS"), N_("USD") };
	static const char *head_csv[] = { "key", "name", "count", "budgets",
		"usd" };
	Buf err = BUF_INIT, usd = BUF_INIT;
	int64_t sum = 0;
	int rc = EXIT_OK;

	cli_table_init(
	    &st->table, 5, strcmp(c->format, "csv") == 0 ? head_csv : head);
	if (store_stats_budget(
		c->store, f, &st->total, &sum, budget_group, st, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (strcmp(c->format, "json") == 0) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:O}", "total",
		    (json_int_t)st->total, "by", "country", "sum", "budget",
		    "groups", st->groups);

		usd_members(o, "usd", sum);
		cli_print_json(o);
	} else {
		cli_table_print(&st->table, c->format, c->lang);
		money_decimal(sum, 2, &usd);
		if (strcmp(c->format, "table") == 0)
			printf(tr(c->lang,
				   "total: %" PRId64 " projects, USD %s\n"),
			    st->total, buf_str(&usd));
	}
out:
	buf_free(&err);
	buf_free(&usd);
	return rc;
}

int
cmd_stats(Cli *c)
{
	static const char *head[] = { N_("KEY"), N_("NAME"), N_("COUNT"),
		N_("SHARE") };
	static const char *head_csv[] = { "key", "name", "count", "share" };
	const char *by = cli_opt(c, "by");
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	StatCtx st;
	Buf err = BUF_INIT;
	int rc;

	memset(&k, 0, sizeof(k));
	memset(&st, 0, sizeof(st));
	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (by == NULL || !vocab_stat_dimension(by))
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "stats: --by wants one of %s"),
		    vocab_stat_dimensions);
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	cli_query_args(c, &a);
	if (query_filter(c->store, &a, &f, &k, &err) != 0) {
		rc = cli_error(EXIT_USAGE, "%s", buf_str(&err));
		goto out;
	}
	st.groups = json_array();
	if (cli_opt(c, "sum") != NULL) {
		if (strcmp(cli_opt(c, "sum"), "budget") != 0 ||
		    strcmp(by, "country") != 0)
			rc = cli_error(EXIT_USAGE,
			    tr(c->lang,
				"stats: --sum budget goes with --by country"));
		else
			rc = stats_budget(c, &f, &st);
		goto out;
	}
	if (strcmp(by, "status") == 0 || strcmp(by, "scope") == 0)
		st.keyed = c;
	else if (strcmp(c->format, "table") == 0 &&
	    strcmp(c->lang, "en") != 0) {
		st.names.lang = c->lang;
		if (names_read(c->store, by, &st.names, &err) != 0) {
			rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
			goto out;
		}
	}
	cli_table_init(
	    &st.table, 4, strcmp(c->format, "csv") == 0 ? head_csv : head);
	/* store_stats() sets the total before the groups: shares can use it. */
	if (store_stats(c->store, by, &f, &st.total, stat_group, &st, &err)) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (strcmp(c->format, "json") == 0) {
		cli_print_json(json_pack("{s:I, s:s, s:O}", "total",
		    (json_int_t)st.total, "by", by, "groups", st.groups));
	} else {
		cli_table_print(&st.table, c->format, c->lang);
		if (strcmp(c->format, "table") == 0)
			printf(tr(c->lang, "total: %" PRId64 " projects\n"),
			    st.total);
	}
out:
	json_decref(st.groups);
	cli_table_free(&st.table);
	buf_free(&st.label);
	strmap_free(&st.names.at);
	buf_free(&st.names.text);
	query_keys_free(&k);
	buf_free(&err);
	return rc;
}

typedef struct CheckCtx {
	int json;  /* JSON goes out as it comes; else the table is built */
	int csv;   /* CSV: the kinds as keys */
	int first; /* no finding printed yet */
	const char *lang; /* the language of the table's messages */
	Buf out;          /* one finding's JSON, or its message */
	CliTable table;
} CheckCtx;

static int
check_one(void *ctx, const Finding *f)
{
	CheckCtx *cc = ctx;
	Buf serial = BUF_INIT;

	if (cc->json) {
		/*
		 * Written directly, not through jansson: the same object as
		 * finding_json(), a third of the time for thousands.
		 */
		Buf *o = &cc->out;

		buf_reset(o);
		buf_puts(
		    o, cc->first ? "\n    {\"kind\":" : ",\n    {\"kind\":");
		buf_json_string(o, f->kind);
		buf_puts(o, ",\"pillar\":");
		buf_json_string(o, f->pillar);
		if (f->serial >= 0)
			buf_printf(o, ",\"serial\":%" PRId64, f->serial);
		else
			buf_puts(o, ",\"serial\":null");
		if (f->project_id > 0)
			buf_printf(o, ",\"project\":%" PRId64, f->project_id);
		else
			buf_puts(o, ",\"project\":null");
		if (f->subject != NULL) {
			buf_puts(o, ",\"subject\":");
			buf_json_string(o, f->subject);
		}
		buf_puts(o, ",\"message\":");
		buf_json_string(o, f->message);
		buf_putc(o, '}');
		fwrite(buf_str(o), 1, o->len, stdout);
		cc->first = 0;
		return 0;
	}
	if (f->serial >= 0)
		buf_printf(&serial, "%" PRId64, f->serial);
	/* CSV is the same bytes in every language, as JSON. */
	buf_reset(&cc->out);
	store_finding_text(&cc->out, cc->csv ? "en" : cc->lang, f);
	{
		const char *row[] = { cc->csv
			    ? f->kind
			    : store_finding_kind(cc->lang, f->kind),
			f->pillar ? f->pillar : "", buf_str(&serial),
			buf_str(&cc->out) };

		cli_table_add(&cc->table, row);
	}
	buf_free(&serial);
	return 0;
}

int
cmd_check(Cli *c)
{
	static const char *head[] = { N_("KIND"), N_("PILLAR"), N_("SERIAL"),
		N_("MESSAGE") };
	static const char *head_csv[] = { "kind", "pillar", "serial",
		"message" };
	CheckCtx cc;
	Buf err = BUF_INIT;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	/* JSON streams, a finding a line, as `projects` does. */
	cc.json = strcmp(c->format, "json") == 0;
	cc.csv = strcmp(c->format, "csv") == 0;
	cc.first = 1;
	cc.lang = c->lang;
	memset(&cc.out, 0, sizeof(cc.out));
	if (cc.json)
		fputs("{\n  \"findings\": [", stdout);
	cli_table_init(
	    &cc.table, 4, strcmp(c->format, "csv") == 0 ? head_csv : head);
	if (store_findings(c->store, check_one, &cc, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (cc.json) {
		printf("%s]\n}\n", cc.first ? "" : "\n  ");
	} else {
		cli_table_print(&cc.table, c->format, c->lang);
		if (strcmp(c->format, "table") == 0)
			printf(trn(c->lang, "%zu finding\n", "%zu findings\n",
				   cc.table.nrow),
			    cc.table.nrow);
	}
out:
	cli_table_free(&cc.table);
	buf_free(&cc.out);
	buf_free(&err);
	return rc;
}
