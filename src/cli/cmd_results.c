/*
 * cmd_results.c - results on the command line: a project's results
 * framework (results, indicators), its reports per period and their
 * moves, the progress reports of the Working Groups, and the thematic
 * areas that place a project under a Working Group.
 *
 * Every change goes through io/results_io.c, as those of the API and the
 * pages do; --as LOGIN acts as that account, under its rights.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../account/account.h"
#include "../io/results_io.h"
#include "cli.h"

/* The store and the account of --as: EXIT_OK or an exit code. */
static int
open_as(Cli *c, Account *a, const Account **who)
{
	memset(a, 0, sizeof(*a));
	*who = NULL;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	return cli_as_account(c, a, who);
}

static const char *
str_of(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* An integer member as text in buf (a small static ring of buffers). */
static const char *
int_of(json_t *o, const char *k)
{
	static char ring[8][32];
	static int next;
	json_t *v = json_object_get(o, k);
	char *b = ring[next++ % 8];

	if (json_is_integer(v))
		snprintf(b, 32, "%lld", (long long)json_integer_value(v));
	else
		b[0] = '\0';
	return b;
}

/* "female 60, male 55" of a "by" object. */
static void
by_text(json_t *by, Buf *out)
{
	const char *k;
	json_t *v;

	json_object_foreach(by, k, v) buf_printf(
	    out, "%s%s %s", out->len ? ", " : "", k, json_string_value(v));
}

static void
show_table(json_t *j, const char *lang)
{
	static const char *rh[] = { N_("result"), N_("level"), N_("outcome"),
		N_("indicator"), N_("name"), N_("unit"), N_("aggregate"),
		N_("baseline"), N_("target"), N_("to_date"), N_("progress"),
		N_("statement") };
	static const char *ph[] = { N_("report"), N_("period"), N_("status"),
		N_("demo"), N_("values"), N_("note") };
	CliTable t;
	json_t *r, *in, *rep, *v;
	size_t i, k;

	cli_table_init(&t, 12, rh);
	t.last_wraps = 1;
	t.keys = CLI_COL(1) | CLI_COL(6);
	json_array_foreach(json_object_get(j, "results"), i, r)
	{
		json_t *inds = json_object_get(r, "indicators");
		char id[32], outcome[32]; /* int_of's ring turns over */
		const char *row[12] = { id, str_of(r, "level"), outcome, "", "",
			"", "", "", "", "", "", str_of(r, "statement") };

		snprintf(id, sizeof(id), "%s", int_of(r, "id"));
		snprintf(outcome, sizeof(outcome), "%s", int_of(r, "outcome"));

		if (json_array_size(inds) == 0)
			cli_table_add(&t, row);
		json_array_foreach(inds, k, in)
		{
			Buf pct = BUF_INIT;

			row[3] = int_of(in, "id");
			row[4] = str_of(in, "name");
			row[5] = str_of(in, "unit");
			row[6] = str_of(in, "aggregate");
			row[7] = str_of(in, "baseline");
			row[8] = str_of(in, "target");
			row[9] = str_of(in, "to_date");
			if (json_is_integer(json_object_get(in, "progress")))
				buf_printf(
				    &pct, "%s%%", int_of(in, "progress"));
			row[10] = buf_str(&pct);
			cli_table_add(&t, row);
			buf_free(&pct);
		}
	}
	cli_table_print(&t, "table", lang);
	cli_table_free(&t);
	printf("\n");
	cli_table_init(&t, 6, ph);
	t.last_wraps = 1;
	t.keys = CLI_COL(2) | CLI_COL(3);
	json_array_foreach(json_object_get(j, "reports"), i, rep)
	{
		Buf vals = BUF_INIT;
		char id[32]; /* int_of's ring turns over */
		const char *row[6] = { id, str_of(rep, "period"),
			str_of(rep, "status"),
			json_is_true(json_object_get(rep, "demo")) ? "demo"
								   : "",
			"", str_of(rep, "note") };

		snprintf(id, sizeof(id), "%s", int_of(rep, "id"));

		json_array_foreach(json_object_get(rep, "values"), k, v)
		{
			Buf by = BUF_INIT;

			by_text(json_object_get(v, "by"), &by);
			buf_printf(&vals, "%s#%s=%s%s%s%s",
			    vals.len ? "; " : "", int_of(v, "indicator"),
			    str_of(v, "value"), by.len ? " (" : "",
			    buf_str(&by), by.len ? ")" : "");
			buf_free(&by);
		}
		row[4] = buf_str(&vals);
		cli_table_add(&t, row);
		buf_free(&vals);
	}
	cli_table_print(&t, "table", lang);
	cli_table_free(&t);
}

/* results show PROJECT */
static int
results_show(Cli *c, const Account *who)
{
	int64_t id = cli_id(c->arg[1]);
	Buf err = BUF_INIT;
	json_t *j;
	int got;

	if (id == 0)
		return cli_error(
		    EXIT_USAGE, tr(c->lang, "results show: PROJECT is an id"));
	got = results_json(c->store, who, id, &j, &err);
	if (got <= 0) {
		got = got < 0 ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
			      : cli_error(EXIT_FAIL,
				    tr(c->lang, "no project %s"), c->arg[1]);
		buf_free(&err);
		return got;
	}
	if (strcmp(c->format, "json") == 0)
		cli_print_json(j);
	else {
		show_table(j, c->lang);
		json_decref(j);
	}
	return EXIT_OK;
}

int
cmd_results(Cli *c)
{
	const char *verb = c->arg[0], *outcome = cli_opt(c, "outcome");
	const Account *who;
	Account a;
	Result r;
	Buf msg = BUF_INIT;
	int rc, code;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (c->narg != 2)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"usage: ctmatrix results "
			"show|add|set|delete ID ..."));
	if ((rc = open_as(c, &a, &who)) != EXIT_OK)
		return rc;
	memset(&r, 0, sizeof(r));
	if (strcmp(verb, "show") == 0) {
		rc = results_show(c, who);
		goto out;
	}
	if (strcmp(verb, "add") == 0) {
		r.project_id = cli_id(c->arg[1]);
		r.level = cli_opt(c, "level");
	} else if (strcmp(verb, "set") == 0 || strcmp(verb, "delete") == 0) {
		r.id = cli_id(c->arg[1]);
	} else {
		rc = cli_error(EXIT_USAGE,
		    tr(c->lang,
			"results: show, add, set or delete, not \"%s\""),
		    verb);
		goto out;
	}
	if (r.project_id == 0 && r.id == 0) {
		rc = cli_error(EXIT_USAGE,
		    tr(c->lang, "results %s: an id, not \"%s\""), verb,
		    c->arg[1]);
		goto out;
	}
	r.statement = cli_opt(c, "statement");
	r.demo = cli_opt(c, "demo") != NULL;
	if (outcome != NULL && strcmp(outcome, "none") != 0 &&
	    (r.outcome_id = cli_id(outcome)) == 0) {
		rc = cli_error(
		    EXIT_USAGE, tr(c->lang, "--outcome: a result id or none"));
		goto out;
	}
	/* A change keeps what is not given. */
	if (strcmp(verb, "set") == 0 && outcome == NULL)
		r.outcome_id = -1;
	code =
	    result_commit(c->store, who, &r, strcmp(verb, "delete") == 0, &msg);
	rc = cli_commit_status(code, &msg);
	if (rc == EXIT_OK && code == COMMIT_CREATED)
		printf("%lld\n", (long long)r.id);
out:
	account_clear(&a);
	buf_free(&msg);
	return rc;
}

int
cmd_indicators(Cli *c)
{
	const char *verb = c->arg[0];
	const Account *who;
	Account a;
	IndicatorInput in;
	Buf msg = BUF_INIT;
	int64_t id = 0, result = 0;
	int rc, code;

	if (c->narg != 2)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"usage: ctmatrix indicators add RESULT | set|delete "
			"ID"));
	if (strcmp(verb, "add") == 0)
		result = cli_id(c->arg[1]);
	else if (strcmp(verb, "set") == 0 || strcmp(verb, "delete") == 0)
		id = cli_id(c->arg[1]);
	else
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "indicators: add, set or delete, not \"%s\""),
		    verb);
	if (result == 0 && id == 0)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "indicators %s: an id, not \"%s\""), verb,
		    c->arg[1]);
	if ((rc = open_as(c, &a, &who)) != EXIT_OK)
		return rc;
	memset(&in, 0, sizeof(in));
	in.name = cli_opt(c, "name");
	in.unit = cli_opt(c, "unit");
	in.aggregate = cli_opt(c, "aggregate");
	in.baseline = cli_opt(c, "baseline");
	in.target = cli_opt(c, "target");
	in.categories = cli_opt(c, "categories");
	in.demo = cli_opt(c, "demo") ? 1 : id ? -1 : 0;
	code = indicator_commit(
	    c->store, who, result, &id, &in, strcmp(verb, "delete") == 0, &msg);
	rc = cli_commit_status(code, &msg);
	if (rc == EXIT_OK && code == COMMIT_CREATED)
		printf("%lld\n", (long long)id);
	account_clear(&a);
	buf_free(&msg);
	return rc;
}

/* --value IND=V or IND:CATEGORY=V, each given, into v (n of them). */
static int
values_of(Cli *c, ValueInput *v, size_t *n, char **keep)
{
	*n = 0;
	for (int i = 0; i < c->nopt; i++) {
		char *t, *eq, *colon;

		if (strcmp(c->opt[i].name, "value") != 0)
			continue;
		t = keep[*n] = strdup(c->opt[i].value);
		if ((eq = strchr(t, '=')) == NULL)
			return cli_error(EXIT_USAGE,
			    tr(c->lang,
				"--value: INDICATOR=VALUE or "
				"INDICATOR:CATEGORY=VALUE, not \"%s\""),
			    c->opt[i].value);
		*eq = '\0';
		if ((colon = strchr(t, ':')) != NULL)
			*colon = '\0';
		v[*n].indicator = cli_id(t);
		v[*n].category = colon ? colon + 1 : "";
		v[*n].value = eq + 1;
		if (v[*n].indicator == 0)
			return cli_error(EXIT_USAGE,
			    tr(c->lang, "--value: \"%s\" is no indicator id"),
			    t);
		(*n)++;
	}
	return EXIT_OK;
}

/*
 * Does who see report id of project, as results_json() gives it (an
 * approved one, or who may see the others)?  1, 0, or -1 with err.
 */
static int
report_seen(Store *s, const Account *who, int64_t project, int64_t id, Buf *err)
{
	json_t *j = NULL, *r;
	size_t i;
	int got = results_json(s, who, project, &j, err), seen = 0;

	if (got <= 0)
		return got;
	json_array_foreach(json_object_get(j, "reports"), i, r)
	{
		if (json_integer_value(json_object_get(r, "id")) == id)
			seen = 1;
	}
	json_decref(j);
	return seen;
}

/* report submit|withdraw|approve|return|delete PROJECT PERIOD */
static int
report_move(Cli *c, const Account *who, const char *verb)
{
	int64_t project = cli_id(c->arg[1]), id = 0;
	Buf msg = BUF_INIT, err = BUF_INIT;
	const char *to = strcmp(verb, "submit") == 0 ? "submitted"
	    : strcmp(verb, "withdraw") == 0          ? "draft"
	    : strcmp(verb, "approve") == 0           ? "approved"
	    : strcmp(verb, "return") == 0            ? "returned"
						     : NULL;
	int got, rc;

	if (project == 0 || c->narg != 3)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "usage: ctmatrix report %s PROJECT PERIOD"),
		    verb);
	got = report_find(c->store, project, c->arg[2], &id, &err);
	/* Not seen is not found, as on the API: a draft says nothing. */
	if (got > 0)
		got = report_seen(c->store, who, project, id, &err);
	if (got <= 0) {
		rc = got < 0
		    ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
		    : cli_error(EXIT_FAIL,
			  tr(c->lang, "project %s has no report of %s"),
			  c->arg[1], c->arg[2]);
		buf_free(&err);
		return rc;
	}
	rc = cli_commit_status(to
		? report_move_commit(
		      c->store, who, id, to, cli_opt(c, "note"), &msg)
		: report_delete_commit(c->store, who, id, &msg),
	    &msg);
	if (rc == EXIT_OK && to)
		printf("report %lld %s\n", (long long)id, to);
	else if (rc == EXIT_OK)
		printf(tr(c->lang, "report %lld deleted\n"), (long long)id);
	buf_free(&msg);
	return rc;
}

int
cmd_report(Cli *c)
{
	static const char *const verbs[] = { "submit", "withdraw", "approve",
		"return", "delete", NULL };
	const Account *who;
	Account a;
	ReportInput in;
	ValueInput v[CLI_MAX_OPTS];
	char *keep[CLI_MAX_OPTS];
	Buf msg = BUF_INIT;
	int64_t project, id = 0;
	size_t nv = 0;
	int rc, code;

	memset(keep, 0, sizeof(keep));
	if ((rc = open_as(c, &a, &who)) != EXIT_OK)
		return rc;
	for (int i = 0; verbs[i] != NULL; i++)
		if (strcmp(c->arg[0], verbs[i]) == 0) {
			rc = report_move(c, who, verbs[i]);
			goto out;
		}
	if (c->narg != 2 || (project = cli_id(c->arg[0])) == 0) {
		rc = cli_error(EXIT_USAGE,
		    tr(c->lang,
			"usage: ctmatrix report PROJECT PERIOD [--value ...] | "
			"submit|withdraw|approve|return|delete PROJECT "
			"PERIOD"));
		goto out;
	}
	if ((rc = values_of(c, v, &nv, keep)) != EXIT_OK)
		goto out;
	memset(&in, 0, sizeof(in));
	in.period = c->arg[1];
	in.narrative = cli_opt(c, "narrative");
	in.values = v;
	in.nvalues = nv;
	in.set_values = nv > 0 || cli_opt(c, "clear-values") != NULL;
	in.demo = cli_opt(c, "demo") != NULL;
	code = report_commit(c->store, who, project, &in, &id, &msg);
	rc = cli_commit_status(code, &msg);
	if (rc == EXIT_OK)
		printf("%lld\n", (long long)id);
out:
	for (size_t i = 0; i < CLI_MAX_OPTS; i++)
		free(keep[i]);
	account_clear(&a);
	buf_free(&msg);
	return rc;
}

/*
 * A project's reports of a period as progress lists them ("2019-Q1
 * approved; 2019-Q2 submitted"), each state in lang, into keep; "none"
 * (in lang) when text is empty.
 */
static const char *
statuses_label(const char *lang, const char *text, Buf *keep)
{
	Buf one = BUF_INIT;

	buf_reset(keep);
	if (*text == '\0')
		return tr(lang, "none");
	if (strcmp(lang, "en") == 0)
		return text;
	for (const char *r = text; *r;) {
		size_t n = strcspn(r, ";"), sp = strcspn(r, " ");
		Buf key = BUF_INIT;

		if (sp < n) {
			buf_append(&key, r + sp + 1, n - sp - 1);
			buf_append(keep, r, sp + 1);
			buf_puts(
			    keep, cli_key_label(lang, buf_str(&key), &one));
		} else {
			buf_append(keep, r, n);
		}
		buf_free(&key);
		r += n;
		if (*r == ';') {
			buf_puts(keep, "; ");
			r += strspn(r, "; ");
		}
	}
	buf_free(&one);
	return buf_str(keep);
}

int
cmd_progress(Cli *c)
{
	static const char *head[] = { N_("project"), N_("serial"), N_("lead"),
		N_("status"), N_("indicator"), N_("unit"), N_("period"),
		N_("by"), N_("to_date"), N_("target"), N_("progress"),
		N_("name") };
	static const char *wh[] = { N_("key"), N_("name") };
	const char *period = cli_opt(c, "period");
	const Account *who;
	Account a;
	Buf msg = BUF_INIT, err = BUF_INIT, label = BUF_INIT;
	json_t *j = NULL, *row, *in, *t;
	CliTable tab;
	size_t i, k;
	int rc, got, table;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	/* Names in the table's language; JSON and CSV in English, the same
	 * bytes in every language. */
	table = strcmp(c->format, "table") == 0;
	if ((rc = open_as(c, &a, &who)) != EXIT_OK)
		return rc;
	if (period == NULL) {
		/* The working groups a report may be of. */
		cli_table_init(&tab, 2, wh);
		tab.last_wraps = 1;
		if (store_working_groups(c->store, table ? c->lang : NULL,
			cli_ref_row, &tab, &err) != 0)
			rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		else
			cli_table_print(&tab, c->format, c->lang);
		cli_table_free(&tab);
		goto out;
	}
	got = progress_json(c->store, who, cli_opt(c, "wg"), period,
	    table ? c->lang : NULL, &j, &msg, &err);
	if (got <= 0) {
		rc = got == 0 || msg.len
		    ? cli_error(EXIT_FAIL, "%s", buf_str(&msg))
		    : cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (strcmp(c->format, "json") == 0) {
		cli_print_json(j);
		j = NULL;
		goto out;
	}
	if (strcmp(c->format, "csv") == 0) {
		Buf csv = BUF_INIT;

		progress_csv(j, &csv);
		fwrite(csv.s, 1, csv.len, stdout);
		buf_free(&csv);
		goto out;
	}
	{
		json_t *wg = json_object_get(j, "working_group");

		if (!json_is_object(wg))
			wg = NULL;

		printf(tr(c->lang, "%s progress report, %s (%s to %s)%s%s\n"),
		    cli_key_label(c->lang, str_of(j, "report"), &label),
		    str_of(j, "period"), str_of(j, "start"), str_of(j, "end"),
		    wg ? ": " : tr(c->lang, ": every project"),
		    wg ? str_of(wg, "name") : "");
		printf(tr(c->lang,
			   "%s projects with results; %s reporting approved "
			   "results, %s not%s%s%s\n"),
		    int_of(j, "projects"), int_of(j, "reporting"),
		    int_of(j, "missing"),
		    json_is_integer(json_object_get(j, "pending"))
			? tr(c->lang, " (awaiting approval: ")
			: "",
		    int_of(j, "pending"),
		    json_is_integer(json_object_get(j, "pending")) ? ")" : "");
		if (json_is_true(json_object_get(j, "demo")))
			printf("%s\n",
			    tr(c->lang,
				"Includes DEMONSTRATION records, made up."));
	}
	printf("\n");
	cli_table_init(&tab, 12, head);
	tab.last_wraps = 1;
	json_array_foreach(json_object_get(j, "rows"), i, row)
	{
		json_array_foreach(json_object_get(row, "indicators"), k, in)
		{
			Buf by = BUF_INIT, pct = BUF_INIT;
			const char *cells[12];

			by_text(json_object_get(in, "by"), &by);
			if (json_is_integer(json_object_get(in, "progress")))
				buf_printf(
				    &pct, "%s%%", int_of(in, "progress"));
			cells[0] = int_of(row, "id");
			cells[1] = int_of(row, "serial");
			cells[2] = str_of(row, "lead");
			cells[3] = statuses_label(
			    c->lang, str_of(row, "status"), &label);
			cells[4] = int_of(in, "id");
			cells[5] = str_of(in, "unit");
			cells[6] = str_of(in, "period");
			cells[7] = buf_str(&by);
			cells[8] = str_of(in, "to_date");
			cells[9] = str_of(in, "target");
			cells[10] = buf_str(&pct);
			cells[11] = str_of(in, "name");
			cli_table_add(&tab, cells);
			buf_free(&by);
			buf_free(&pct);
		}
	}
	cli_table_print(&tab, "table", c->lang);
	cli_table_free(&tab);
	printf("\n%s\n",
	    tr(c->lang, "Totals of the indicators that add up, by unit:"));
	json_array_foreach(json_object_get(j, "totals"), i, t)
	{
		Buf by = BUF_INIT;

		by_text(json_object_get(t, "by"), &by);
		printf(tr(c->lang,
			   "  %s: %s in the period%s%s%s, %s to date (%s "
			   "indicators of %s projects)\n"),
		    str_of(t, "unit"), str_of(t, "period"), by.len ? " (" : "",
		    buf_str(&by), by.len ? ")" : "", str_of(t, "to_date"),
		    int_of(t, "indicators"), int_of(t, "projects"));
		buf_free(&by);
	}
out:
	json_decref(j);
	account_clear(&a);
	buf_free(&msg);
	buf_free(&err);
	buf_free(&label);
	return rc;
}

int
cmd_areas(Cli *c)
{
	static const char *head[] = { N_("key"), N_("name") };
	const Account *who;
	Account a;
	CliTable t;
	Buf msg = BUF_INIT, err = BUF_INIT;
	int64_t project = 0;
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (c->narg > 0 && (project = cli_id(c->arg[0])) == 0)
		return cli_error(
		    EXIT_USAGE, tr(c->lang, "areas: PROJECT is an id"));
	if ((rc = open_as(c, &a, &who)) != EXIT_OK)
		return rc;
	if (c->narg > 1 || cli_opt(c, "clear") != NULL) {
		rc = cli_commit_status(
		    project_areas_commit(c->store, who, project,
			(const char *const *)c->arg + 1, (size_t)c->narg - 1,
			&msg),
		    &msg);
		goto out;
	}
	cli_table_init(&t, 2, head);
	t.last_wraps = 1;
	if ((project ? store_project_areas(
			   c->store, project, cli_ref_row, &t, &err)
		     : store_areas(c->store,
			   strcmp(c->format, "table") == 0 ? c->lang : NULL,
			   cli_ref_row, &t, &err)) != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else
		cli_table_print(&t, c->format, c->lang);
	cli_table_free(&t);
out:
	account_clear(&a);
	buf_free(&msg);
	buf_free(&err);
	return rc;
}
