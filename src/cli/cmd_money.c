/*
 * cmd_money.c - `ctmatrix rates`, `budget`, `contributions`, `funding`,
 * `trust-fund`, `appeals` and `gender`: money and the gender marker.
 *
 * The command line is whoever holds the database file: it may record
 * everything (the web and the API apply the roles of money_io.h).
 * Sums print grouped with their currency ("EUR 1,000.00"); in JSON they
 * are decimal strings beside integers of minor units.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/mem.h"
#include "../io/money_io.h"
#include "../portfolio/money.h"
#include "cli.h"

/* Today, UTC, as YYYY-MM-DD. */
static void
today(char d[11])
{
	Buf now = BUF_INIT;

	store_now(&now);
	snprintf(d, 11, "%.10s", buf_str(&now));
	buf_free(&now);
}

static const char *
usd(int64_t cents, Buf *b)
{
	buf_reset(b);
	money_format(cents, 2, b);
	return buf_str(b);
}

/* Operand i as a positive id, or 0. */
static int64_t
id_arg(const Cli *c, int i)
{
	char *end;
	long long v;

	if (i >= c->narg)
		return 0;
	v = strtoll(c->arg[i], &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

static int
json_or_fail(json_t *j, const Buf *err)
{
	if (j == NULL)
		return cli_error(EXIT_SYSTEM, "%s", buf_str(err));
	cli_print_json(j);
	return EXIT_OK;
}

/* --- rates ---------------------------------------------------------------- */

static int
rate_row(
    void *ctx, const char *cur, const char *on, int64_t e9, const char *source)
{
	Buf r = BUF_INIT;
	const char *row[4];

	money_format_rate(e9, &r);
	row[0] = cur;
	row[1] = on;
	row[2] = buf_str(&r);
	row[3] = source;
	cli_table_add(ctx, row);
	buf_free(&r);
	return 0;
}

/* The currencies' table, their names in lang (English in CSV and JSON). */
typedef struct CurrencyRows {
	CliTable *t;
	const char *lang;
} CurrencyRows;

static int
currency_row(void *ctx, const char *code, int minor, const char *name)
{
	CurrencyRows *cr = ctx;
	char m[8];
	Buf n = BUF_INIT;
	const char *row[3] = { code, m, NULL };

	snprintf(m, sizeof(m), "%d", minor);
	lang_currency_name(&n, cr->lang, code, name);
	row[2] = buf_str(&n);
	cli_table_add(cr->t, row);
	buf_free(&n);
	return 0;
}

int
cmd_rates(Cli *c)
{
	static const char *head[] = { N_("currency"), N_("from"),
		N_("usd per unit"), N_("source") };
	static const char *chead[] = { N_("code"), N_("minor digits"),
		N_("name") };
	const char *verb = c->narg > 0 ? c->arg[0] : "list";
	CliTable t;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "add") == 0) {
		char d[11];

		if (c->narg != 3)
			return cli_usage(
			    c, "rates add CURRENCY RATE --date YYYY-MM-DD");
		if (cli_opt(c, "date") == NULL)
			today(d);
		rc = cli_commit_status(
		    rate_commit(c->store, NULL, c->arg[1], c->arg[2],
			cli_opt(c, "date") ? cli_opt(c, "date") : d,
			cli_opt(c, "source"), &msg),
		    &msg);
		if (rc == EXIT_OK)
			printf(tr(c->lang, "rate of %s recorded\n"), c->arg[1]);
		buf_free(&msg);
		return rc;
	}
	if (strcmp(verb, "currencies") == 0) {
		CurrencyRows cr = { &t,
			strcmp(c->format, "table") == 0 ? c->lang : "en" };

		cli_table_init(&t, 3, chead);
		rc = store_currencies(c->store, currency_row, &cr, &err);
	} else if (strcmp(verb, "list") == 0 && c->narg <= 2) {
		cli_table_init(&t, 4, head);
		rc = store_rates(c->store, c->narg == 2 ? c->arg[1] : NULL,
		    rate_row, &t, &err);
	} else {
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"rates: no \"%s\" (list [CURRENCY], add, currencies)"),
		    verb);
	}
	if (rc != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else
		cli_table_print(&t, c->format, c->lang);
	cli_table_free(&t);
	buf_free(&err);
	return rc;
}

/* --- budgets -------------------------------------------------------------- */

static int
fund_keep(void *ctx, const FundRow *r)
{
	FundRow *out = ctx;

	*out = *r;
	out->key = out->name = NULL;
	return 0;
}

static int
budget_show(Cli *c, int64_t id)
{
	Budget b;
	FundFilter f;
	FundRow r;
	Buf err = BUF_INIT, x = BUF_INIT;
	int got, g;

	if ((got = store_budget_get(c->store, id, &b, &err)) < 0 ||
	    (g = store_gender_get(c->store, id, NULL, &err)) < -2) {
		got = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		buf_free(&err);
		return got;
	}
	if (g == -2) {
		buf_free(&err);
		return cli_error(
		    EXIT_FAIL, tr(c->lang, "no project %lld"), (long long)id);
	}
	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	f.by = "project";
	f.project = id;
	if (store_funding(c->store, &f, fund_keep, &r, &err) != 0) {
		got = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		buf_free(&err);
		return got;
	}
	if (strcmp(c->format, "json") == 0) {
		int status;
		json_t *j = project_money_json(c->store, id, &status, &err);

		if (j == NULL) {
			got = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
			buf_free(&err);
			buf_free(&x);
			return got;
		}
		cli_print_json(j);
	} else if (got) {
		money_format(b.m.amount, b.m.minor, &x);
		printf(tr(c->lang, "project %lld\nbudget     %s %s as of %s"),
		    (long long)id, b.m.currency, buf_str(&x), b.as_of);
		if (strcmp(b.m.currency, "USD") != 0) {
			printf(" (USD %s", usd(b.m.usd, &x));
			buf_reset(&x);
			money_format_rate(b.m.usd_e9, &x);
			printf(tr(c->lang, " at %s of %s)"), buf_str(&x),
			    b.m.rate_date);
		}
		printf(
		    tr(c->lang, "\nreceived   USD %s\n"), usd(r.received, &x));
		printf(
		    tr(c->lang, "shortfall  USD %s\n"), usd(r.shortfall, &x));
		printf(tr(c->lang, "gender     %s: %s\n"),
		    tr(c->lang, gender_name(g)),
		    tr(c->lang, gender_definition(g)));
	} else {
		printf(tr(c->lang,
			   "project %lld\nbudget     none recorded\n"
			   "received   USD %s\ngender     %s: %s\n"),
		    (long long)id, usd(r.received, &x),
		    tr(c->lang, gender_name(g)),
		    tr(c->lang, gender_definition(g)));
	}
	buf_free(&err);
	buf_free(&x);
	return EXIT_OK;
}

int
cmd_budget(Cli *c)
{
	const char *verb = c->arg[0];
	int64_t id = id_arg(c, 1);
	Buf msg = BUF_INIT;
	char d[11];
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (id == 0)
		return cli_usage(c, "budget %s PROJECT_ID", verb);
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "show") == 0 && c->narg == 2)
		return budget_show(c, id);
	if (strcmp(verb, "set") == 0 && c->narg == 3) {
		today(d);
		rc = cli_commit_status(
		    budget_commit(c->store, NULL, id, c->arg[2],
			cli_opt(c, "currency"),
			cli_opt(c, "date") ? cli_opt(c, "date") : d,
			cli_opt(c, "demo") != NULL, &msg),
		    &msg);
		if (rc == EXIT_OK)
			printf(tr(c->lang, "budget of project %lld set\n"),
			    (long long)id);
	} else if (strcmp(verb, "remove") == 0 && c->narg == 2) {
		rc = cli_commit_status(budget_commit(c->store, NULL, id, NULL,
					   NULL, NULL, 0, &msg),
		    &msg);
		if (rc == EXIT_OK)
			printf(
			    "budget of project %lld removed\n", (long long)id);
	} else {
		rc = cli_usage(c,
		    "budget show ID | set ID AMOUNT [--currency C] [--date "
		    "D]"
		    " | remove ID");
	}
	buf_free(&msg);
	return rc;
}

/* --- contributions -------------------------------------------------------- */

static int
contribution_row(void *ctx, const Contribution *k)
{
	CliTable *t = ctx;
	Buf a = BUF_INIT, u = BUF_INIT;
	char id[24], pr[24];
	const char *row[9];

	snprintf(id, sizeof(id), "%lld", (long long)k->id);
	snprintf(pr, sizeof(pr), "%lld", (long long)k->project);
	buf_printf(&a, "%s ", k->m.currency);
	money_format(k->m.amount, k->m.minor, &a);
	row[0] = id;
	row[1] = k->received;
	row[2] = k->donor;
	row[3] = k->project ? pr : "";
	row[4] = k->project
	    ? (k->trust_fund ? "trust fund, earmarked" : "direct")
	    : "trust fund";
	row[5] = k->in_kind ? "in kind" : "cash";
	row[6] = buf_str(&a);
	money_format(k->m.usd, 2, &u);
	row[7] = buf_str(&u);
	row[8] = k->demo ? "demo" : "";
	cli_table_add(t, row);
	buf_free(&a);
	buf_free(&u);
	return 0;
}

static int
contribution_json_one(void *ctx, const Contribution *k)
{
	json_array_append_new(ctx, contribution_json(k));
	return 0;
}

int
cmd_contributions(Cli *c)
{
	static const char *head[] = { N_("id"), N_("received"), N_("donor"),
		N_("project"), N_("through"), N_("kind"), N_("amount"),
		N_("usd"), "" };
	const char *verb = c->arg[0];
	ContributionFilter f;
	CliTable t;
	Buf err = BUF_INIT, msg = BUF_INIT;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "add") == 0 && c->narg == 1) {
		ContributionInput in;
		int64_t id;

		memset(&in, 0, sizeof(in));
		in.donor = cli_opt(c, "donor");
		in.project = cli_opt(c, "project");
		in.amount = cli_opt(c, "amount");
		in.currency = cli_opt(c, "currency");
		in.received = cli_opt(c, "date");
		in.trust_fund = cli_opt(c, "trust-fund") != NULL;
		in.in_kind = cli_opt(c, "in-kind") != NULL;
		in.note = cli_opt(c, "note");
		in.demo = cli_opt(c, "demo") != NULL;
		rc = cli_commit_status(
		    contribution_commit(c->store, NULL, &in, &id, &msg), &msg);
		if (rc == EXIT_OK)
			printf(tr(c->lang, "contribution %lld recorded\n"),
			    (long long)id);
		buf_free(&msg);
		return rc;
	}
	if (strcmp(verb, "delete") == 0 && c->narg == 2 && id_arg(c, 1)) {
		rc = cli_commit_status(contribution_delete_commit(
					   c->store, NULL, id_arg(c, 1), &msg),
		    &msg);
		if (rc == EXIT_OK)
			printf(tr(c->lang, "contribution %s deleted\n"),
			    c->arg[1]);
		buf_free(&msg);
		return rc;
	}
	if (strcmp(verb, "list") != 0 || c->narg != 1)
		return cli_usage(c,
		    "contributions list [--project ID] [--donor D]"
		    " [--trust-fund] | add --donor D --amount A "
		    "[--currency C]"
		    " --date D [--project ID] | delete ID");
	memset(&f, 0, sizeof(f));
	f.project = cli_opt(c, "project") ? atoll(cli_opt(c, "project")) : 0;
	f.donor = cli_opt(c, "donor");
	f.trust_fund = cli_opt(c, "trust-fund") != NULL;
	if (strcmp(c->format, "json") == 0) {
		json_t *a = json_array();

		if (store_contributions(
			c->store, &f, contribution_json_one, a, &err) != 0) {
			json_decref(a);
			return json_or_fail(NULL, &err);
		}
		cli_print_json(json_pack("{so}", "contributions", a));
		return EXIT_OK;
	}
	cli_table_init(&t, 9, head);
	t.keys = CLI_COL(4) | CLI_COL(5) | CLI_COL(8);
	if (store_contributions(c->store, &f, contribution_row, &t, &err) != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else
		cli_table_print(&t, c->format, c->lang);
	cli_table_free(&t);
	buf_free(&err);
	return rc;
}

/* --- funding, the Trust Fund, gender ------------------------------------- */

/* The headings of fund_table's first column: its --by, marked. */
static const char *const fund_by_head[] = { N_("project"), N_("entity"),
	N_("pillar"), N_("gender"), N_("portfolio"), N_("marker") };

static void
fund_table(json_t *j, const char *format, const char *lang, const char *first)
{
	static const char *head[] = { N_("key"), N_("name"), N_("projects"),
		N_("budgeted"), N_("budget usd"), N_("received usd"),
		N_("shortfall usd") };
	json_t *g;
	size_t i;
	CliTable t;
	Buf b[3] = { BUF_INIT, BUF_INIT, BUF_INIT };

	head[0] = first;
	for (size_t k = 0; k < sizeof(fund_by_head) / sizeof(*fund_by_head);
	     k++)
		if (strcmp(fund_by_head[k], first) == 0)
			head[0] = fund_by_head[k];
	cli_table_init(&t, 7, head);
	t.keys = CLI_COL(1);
	json_array_foreach(json_object_get(j, "groups"), i, g)
	{
		char n[24], m[24];
		const char *row[7];

		snprintf(n, sizeof(n), "%lld",
		    (long long)json_integer_value(
			json_object_get(g, "projects")));
		snprintf(m, sizeof(m), "%lld",
		    (long long)json_integer_value(
			json_object_get(g, "budgeted")));
		row[0] = json_string_value(json_object_get(g, "key"));
		row[1] = json_string_value(json_object_get(g, "name"));
		if (strcmp(format, "table") == 0)
			row[1] = lang_group_name(lang, row[0], row[1]);
		row[2] = n;
		row[3] = m;
		row[4] =
		    usd(json_integer_value(json_object_get(g, "budget_cents")),
			&b[0]);
		row[5] = usd(
		    json_integer_value(json_object_get(g, "received_cents")),
		    &b[1]);
		row[6] = usd(
		    json_integer_value(json_object_get(g, "shortfall_cents")),
		    &b[2]);
		cli_table_add(&t, row);
	}
	cli_table_print(&t, format, lang);
	if (strcmp(format, "table") == 0) {
		json_t *tot = json_object_get(j, "total");

		printf(tr(lang,
			   "\ntotal: budget USD %s, received USD %s, "
			   "shortfall USD %s\n"),
		    usd(json_integer_value(
			    json_object_get(tot, "budget_cents")),
			&b[0]),
		    usd(json_integer_value(
			    json_object_get(tot, "received_cents")),
			&b[1]),
		    usd(json_integer_value(
			    json_object_get(tot, "shortfall_cents")),
			&b[2]));
	}
	cli_table_free(&t);
	for (int k = 0; k < 3; k++)
		buf_free(&b[k]);
}

/* The groups of a funding by pillar, to rename (store_pillar_names). */
typedef struct PillarRename {
	json_t *groups;   /* funding_json()'s "groups" */
	const char *lang; /* the language of their new names */
} PillarRename;

static int
pillar_rename(void *ctx, const PillarName *n)
{
	PillarRename *r = ctx;
	json_t *g;
	size_t i;

	if (strcmp(n->lang, r->lang) != 0)
		return 0;
	json_array_foreach(r->groups, i, g)
	{
		json_t *k = json_object_get(g, "key");

		if (json_is_string(k) &&
		    strcmp(json_string_value(k), n->key) == 0)
			json_object_set_new(
			    g, "name", json_string(n->short_name));
	}
	return 0;
}

int
cmd_funding(Cli *c)
{
	FundFilter f;
	Buf err = BUF_INIT;
	json_t *j;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	memset(&f, 0, sizeof(f));
	f.by = cli_opt(c, "by") ? cli_opt(c, "by") : "pillar";
	f.pillar = cli_opt(c, "pillar");
	f.entity = cli_opt(c, "entity");
	if (!store_fund_by_known(f.by))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"--by: no \"%s\" (project, entity, pillar, gender,"
			" portfolio)"),
		    f.by);
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if ((j = funding_json(c->store, &f, &err)) == NULL)
		return json_or_fail(NULL, &err);
	if (strcmp(c->format, "json") == 0)
		cli_print_json(j);
	else {
		/* The pillars' short names in the table's language. */
		PillarRename r = { json_object_get(j, "groups"), c->lang };

		if (strcmp(c->format, "table") == 0 &&
		    strcmp(f.by, "pillar") == 0 && strcmp(c->lang, "en") != 0)
			store_pillar_names(c->store, pillar_rename, &r, &err);
		fund_table(j, c->format, c->lang, f.by);
		json_decref(j);
	}
	buf_free(&err);
	return EXIT_OK;
}

int
cmd_trust_fund(Cli *c)
{
	static const char *head[] = { N_("rank"), N_("donor"), N_("name"),
		N_("usd"), N_("of which earmarked"), N_("contributions") };
	Buf err = BUF_INIT, a = BUF_INIT, e = BUF_INIT;
	json_t *j, *d;
	size_t i;
	CliTable t;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if ((j = trust_fund_json(c->store, &err)) == NULL)
		return json_or_fail(NULL, &err);
	if (strcmp(c->format, "json") == 0) {
		cli_print_json(j);
		return EXIT_OK;
	}
	cli_table_init(&t, 6, head);
	json_array_foreach(json_object_get(j, "donors"), i, d)
	{
		char r[24], n[24];
		const char *row[6];

		snprintf(r, sizeof(r), "%zu", i + 1);
		snprintf(n, sizeof(n), "%lld",
		    (long long)json_integer_value(
			json_object_get(d, "contributions")));
		row[0] = r;
		row[1] = json_string_value(json_object_get(d, "key"));
		row[2] = json_string_value(json_object_get(d, "name"));
		row[3] = usd(
		    json_integer_value(json_object_get(d, "usd_cents")), &a);
		row[4] = usd(
		    json_integer_value(json_object_get(d, "earmarked_cents")),
		    &e);
		row[5] = n;
		cli_table_add(&t, row);
	}
	cli_table_print(&t, c->format, c->lang);
	if (strcmp(c->format, "table") == 0)
		printf(tr(c->lang, "\ntotal USD %s\n"),
		    usd(json_integer_value(json_object_get(j, "total_cents")),
			&a));
	cli_table_free(&t);
	json_decref(j);
	buf_free(&a);
	buf_free(&e);
	buf_free(&err);
	return EXIT_OK;
}

int
cmd_gender(Cli *c)
{
	Buf msg = BUF_INIT;
	int64_t id = id_arg(c, 0);
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (c->narg == 0) {
		/* The share of the budget at each level. */
		static const char *argv_by = "gender";
		FundFilter f;
		Buf err = BUF_INIT;
		json_t *j;

		if (cli_store(c) == NULL)
			return EXIT_SYSTEM;
		memset(&f, 0, sizeof(f));
		f.by = argv_by;
		if ((j = funding_json(c->store, &f, &err)) == NULL)
			return json_or_fail(NULL, &err);
		if (strcmp(c->format, "json") == 0) {
			json_t *g;
			size_t i;
			int64_t all = json_integer_value(json_object_get(
			    json_object_get(j, "total"), "budget_cents"));

			/* Each level's share of the budget, in basis points
			 * (hundredths of a per cent), rounded half up. */
			json_array_foreach(json_object_get(j, "groups"), i, g)
			{
				int64_t b = json_integer_value(
				    json_object_get(g, "budget_cents"));
				const char *k = json_string_value(
				    json_object_get(g, "key"));

				json_object_set_new(g, "share_bp",
				    json_integer(
					all ? (b * 10000 + all / 2) / all : 0));
				json_object_set_new(g, "definition",
				    json_string(
					gender_definition(*k ? atoi(k) : -1)));
			}
			cli_print_json(j);
		} else {
			fund_table(j, c->format, c->lang, "marker");
			json_decref(j);
		}
		buf_free(&err);
		return EXIT_OK;
	}
	if (id == 0 || c->narg > 2)
		return cli_usage(c, "gender [PROJECT_ID [0-3|none]]");
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (c->narg == 1) {
		Buf err = BUF_INIT;
		int demo = 0, g = store_gender_get(c->store, id, &demo, &err);

		if (g < -2)
			rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		else if (g == -2)
			rc = cli_error(EXIT_FAIL,
			    tr(c->lang, "no project %lld"), (long long)id);
		else
			printf("%s: %s%s\n", tr(c->lang, gender_name(g)),
			    tr(c->lang, gender_definition(g)),
			    demo ? tr(c->lang, " (a demonstration record)")
				 : "");
		buf_free(&err);
		return rc;
	}
	rc = cli_commit_status(gender_commit(c->store, NULL, id,
				   cli_opt(c, "demo") != NULL, c->arg[1], &msg),
	    &msg);
	if (rc == EXIT_OK)
		printf(tr(c->lang, "gender marker of project %lld set\n"),
		    (long long)id);
	buf_free(&msg);
	return rc;
}

/* --- appeals -------------------------------------------------------------- */

static int
appeal_row(void *ctx, const Appeal *a)
{
	char n[24];
	const char *row[5] = { a->key, a->title, a->issued ? a->issued : "", n,
		a->demo ? "demo" : "" };

	snprintf(n, sizeof(n), "%zu", a->nprojects);
	cli_table_add(ctx, row);
	return 0;
}

/* "12,15, 40" into ids; 0 or -1 with the bad item in msg. */
static int
ids_of(const char *v, Appeal *a, Buf *msg)
{
	while (v != NULL && *v != '\0') {
		char *end;
		long long id = strtoll(v, &end, 10);

		if (end == v || id <= 0 ||
		    (*end != '\0' && *end != ',' && *end != ' ')) {
			buf_printf(
			    msg, "--projects: \"%s\" is no list of ids", v);
			return -1;
		}
		a->projects = xrealloc(
		    a->projects, (a->nprojects + 1) * sizeof(*a->projects));
		a->projects[a->nprojects++] = id;
		v = end + strspn(end, ", ");
	}
	return 0;
}

int
cmd_appeals(Cli *c)
{
	static const char *head[] = { N_("key"), N_("title"), N_("issued"),
		N_("projects"), "" };
	const char *verb = c->arg[0];
	Buf err = BUF_INIT, msg = BUF_INIT;
	CliTable t;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "show") == 0 && c->narg == 2) {
		int found;
		json_t *j = appeal_json(c->store, c->arg[1], &found, &err);

		if (j == NULL && !found && err.len == 0)
			return cli_error(EXIT_FAIL,
			    tr(c->lang, "no appeal \"%s\""), c->arg[1]);
		if (j == NULL || strcmp(c->format, "json") == 0)
			return json_or_fail(j, &err);
		printf("%s (%s)\n\n",
		    json_string_value(json_object_get(j, "title")), c->arg[1]);
		json_object_set(j, "groups", json_object_get(j, "projects"));
		fund_table(j, c->format, c->lang, "project");
		json_decref(j);
		return EXIT_OK;
	}
	if ((strcmp(verb, "add") == 0 || strcmp(verb, "set") == 0) &&
	    c->narg == 2) {
		Appeal a;

		memset(&a, 0, sizeof(a));
		a.key = xstrdup(c->arg[1]);
		a.title =
		    cli_opt(c, "title") ? xstrdup(cli_opt(c, "title")) : NULL;
		a.issued =
		    cli_opt(c, "issued") ? xstrdup(cli_opt(c, "issued")) : NULL;
		a.note = xstrdup(cli_opt(c, "note") ? cli_opt(c, "note") : "");
		a.demo = cli_opt(c, "demo") != NULL;
		if (ids_of(cli_opt(c, "projects"), &a, &msg) != 0)
			rc = cli_error(EXIT_USAGE, "%s", buf_str(&msg));
		else if ((rc = cli_commit_status(
			      appeal_commit(c->store, NULL, &a, &msg), &msg)) ==
		    EXIT_OK)
			printf(trn(c->lang, "appeal %s recorded, %zu project\n",
				   "appeal %s recorded, %zu projects\n",
				   a.nprojects),
			    a.key, a.nprojects);
		appeal_free(&a);
		buf_free(&msg);
		return rc;
	}
	if (strcmp(verb, "delete") == 0 && c->narg == 2) {
		rc = cli_commit_status(
		    appeal_delete_commit(c->store, NULL, c->arg[1], &msg),
		    &msg);
		if (rc == EXIT_OK)
			printf(tr(c->lang, "appeal %s deleted\n"), c->arg[1]);
		buf_free(&msg);
		return rc;
	}
	if (strcmp(verb, "list") != 0 || c->narg != 1)
		return cli_usage(c,
		    "appeals list | show KEY | add KEY --title T --projects"
		    " ID,... | delete KEY");
	cli_table_init(&t, 5, head);
	if (store_appeals(c->store, appeal_row, &t, &err) != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else
		cli_table_print(&t, c->format, c->lang);
	cli_table_free(&t);
	buf_free(&err);
	return rc;
}
