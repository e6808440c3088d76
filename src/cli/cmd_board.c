/*
 * cmd_board.c - `ctmatrix stage`, `ctmatrix board` and `ctmatrix rounds`:
 * the lifecycle of projects and the Programme Review Board.
 *
 * The command line is whoever holds the database file: it may make any
 * move and record decisions as the Board's secretary would, each in the
 * trail as "cli".  --as LOGIN acts as that account instead, under its
 * rules (portfolio/board.h), which is how one checks what a role may do.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../io/board_io.h"
#include "../portfolio/money.h"
#include "cli.h"

/* "949,111.00" for a table. */
static const char *
usd_cell(int64_t cents, Buf *b)
{
	buf_reset(b);
	if (cents >= 0)
		money_format(cents, 2, b);
	return buf_str(b);
}

/* The name of step stage in c->lang (board_stage_name()'s in English). */
static const char *
stage_label(const Cli *c, int stage)
{
	return tr(c->lang, board_stage_name(stage));
}

/* A project's moves, the system's reasons in lang (English in CSV). */
typedef struct HistoryRows {
	CliTable *t;
	const char *lang;
} HistoryRows;

static int
history_row(void *ctx, const StageDecision *d)
{
	HistoryRows *h = ctx;
	char bd[24] = "";
	const char *row[6] = { d->decided_at, board_stage_name(d->from_stage),
		board_stage_name(d->to_stage), d->actor, bd,
		board_reason_text(h->lang, d->reason) };

	if (d->board_decision_id)
		snprintf(
		    bd, sizeof(bd), "%lld", (long long)d->board_decision_id);
	cli_table_add(h->t, row);
	return 0;
}

static int
stage_show(Cli *c, int64_t id)
{
	static const char *head[] = { N_("decided_at"), N_("from"), N_("to"),
		N_("by"), N_("board_decision"), N_("reason") };
	Buf err = BUF_INIT;
	CliTable t;
	json_t *j;
	int got, stage = 0, rc = EXIT_OK;

	if (strcmp(c->format, "json") == 0) {
		got = board_stage_json(c->store, id, 1, &j, &err);
		if (got == 1)
			cli_print_json(j);
	} else {
		got = store_stage_get(c->store, id, &stage, &err);
	}
	if (got <= 0) {
		rc = got < 0
		    ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
		    : cli_error(EXIT_FAIL, tr(c->lang, "no project %lld"),
			  (long long)id);
		buf_free(&err);
		return rc;
	}
	if (strcmp(c->format, "json") == 0)
		return EXIT_OK;
	HistoryRows h = { &t,
		strcmp(c->format, "table") == 0 ? c->lang : "en" };

	cli_table_init(&t, 6, head);
	t.last_wraps = 1;
	t.keys = CLI_COL(1) | CLI_COL(2);
	if (store_stage_history(c->store, id, history_row, &h, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	} else {
		if (strcmp(c->format, "table") == 0)
			printf(tr(c->lang, "project %lld: %s\n\n"),
			    (long long)id, stage_label(c, stage));
		cli_table_print(&t, c->format, c->lang);
	}
	cli_table_free(&t);
	buf_free(&err);
	return rc;
}

static int
stage_place(Cli *c)
{
	Buf msg = BUF_INIT;
	int64_t placed, left;
	int rc;

	if (cli_opt(c, "to") || cli_opt(c, "reason") || cli_opt(c, "as"))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"stage place --from-status takes no --to, --reason or "
			"--as"));
	if (cli_opt(c, "from-status") == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"usage: ctmatrix stage place "
			"--from-status"));
	rc = cli_commit_status(
	    board_commit_place(c->store, &placed, &left, &msg), &msg);
	if (rc == EXIT_OK)
		printf(tr(c->lang,
			   "%lld projects placed from their matrix status; "
			   "%lld without a status left unplaced\n"),
		    (long long)placed, (long long)left);
	buf_free(&msg);
	return rc;
}

int
cmd_stage(Cli *c)
{
	const char *to = cli_opt(c, "to"), *reason = cli_opt(c, "reason");
	const Account *who;
	Account a;
	Buf msg = BUF_INIT;
	int64_t id;
	int rc, step;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(c->arg[0], "place") == 0)
		return stage_place(c);
	if ((id = cli_id(c->arg[0])) == 0)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "stage: \"%s\" is no project id (or `place`)"),
		    c->arg[0]);
	if (cli_opt(c, "from-status") != NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--from-status is for `stage place`"));
	if (to == NULL)
		return reason || cli_opt(c, "as")
		    ? cli_error(
			  EXIT_USAGE, "stage PROJECT --to STEP --reason T")
		    : stage_show(c, id);
	if ((step = board_stage_parse(to)) == 0)
		return cli_error(EXIT_FAIL,
		    tr(c->lang,
			"--to: \"%s\" is no step (1 to 7, or Idea, Analysis, "
			"Planning, Financing, Initiation, Implementation, "
			"Evaluation)"),
		    to);
	if ((rc = cli_as_account(c, &a, &who)) != EXIT_OK)
		return rc;
	rc = cli_commit_status(
	    board_commit_stage(c->store, who, id, step, reason, &msg), &msg);
	if (rc == EXIT_OK)
		printf(tr(c->lang, "project %lld moved to %s\n"), (long long)id,
		    stage_label(c, step));
	account_clear(&a);
	buf_free(&msg);
	return rc;
}

/* The members, as a table and as JSON at once. */
typedef struct MembersOut {
	CliTable t;
	json_t *list;
} MembersOut;

static int
member_row(void *ctx, const char *login, const char *role, const char *since)
{
	MembersOut *o = ctx;
	const char *row[3] = { login, role, since };

	json_array_append_new(o->list,
	    json_pack("{s:s, s:s, s:s}", "login", login, "role", role, "since",
		since));
	cli_table_add(&o->t, row);
	return 0;
}

static int
board_members(Cli *c)
{
	static const char *head[] = { N_("login"), N_("role"), N_("since") };
	MembersOut o;
	Buf err = BUF_INIT;
	int rc = EXIT_OK;

	cli_table_init(&o.t, 3, head);
	o.t.keys = CLI_COL(1);
	o.list = json_array();
	if (store_board_members(c->store, member_row, &o, &err) != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else if (strcmp(c->format, "json") == 0)
		cli_print_json(json_pack("{s:O}", "members", o.list));
	else
		cli_table_print(&o.t, c->format, c->lang);
	json_decref(o.list);
	cli_table_free(&o.t);
	buf_free(&err);
	return rc;
}

static int
decision_row(void *ctx, const BoardDecision *d)
{
	char id[24], pr[24];
	Buf seed = BUF_INIT;
	const char *row[10] = { id, d->meeting, d->round, pr, d->decision,
		strcmp(d->decision, "approve") == 0
		    ? usd_cell(d->seed_usd, &seed)
		    : "",
		d->demo ? "demo" : "", d->actor, d->conditions, d->reason };

	snprintf(id, sizeof(id), "%lld", (long long)d->id);
	snprintf(pr, sizeof(pr), "%lld", (long long)d->project_id);
	cli_table_add(ctx, row);
	buf_free(&seed);
	return 0;
}

/* The decisions f selects, in c->format. */
static int
decisions_print(Cli *c, const BoardFilter *f)
{
	static const char *head[] = { N_("id"), N_("meeting"), N_("round"),
		N_("project"), N_("decision"), N_("seed_usd"), N_("demo"),
		N_("by"), N_("conditions"), N_("reason") };
	CliTable t;
	Buf err = BUF_INIT;
	json_t *j;
	int rc = EXIT_OK;

	if (strcmp(c->format, "json") == 0) {
		if (board_decisions_json(c->store, f, &j, &err) != 0)
			rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		else
			cli_print_json(j);
		buf_free(&err);
		return rc;
	}
	cli_table_init(&t, 10, head);
	t.last_wraps = 1;
	t.keys = CLI_COL(4) | CLI_COL(6);
	if (store_board_decisions(c->store, f, decision_row, &t, &err) != 0)
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else
		cli_table_print(&t, c->format, c->lang);
	cli_table_free(&t);
	buf_free(&err);
	return rc;
}

static int
board_decisions(Cli *c)
{
	BoardFilter f;
	const char *project = cli_opt(c, "project");

	memset(&f, 0, sizeof(f));
	f.round = cli_opt(c, "round");
	f.decision = cli_opt(c, "decision");
	if (project != NULL && (f.project = cli_id(project)) == 0)
		return cli_error(
		    EXIT_USAGE, tr(c->lang, "--project wants a project id"));
	if (f.decision != NULL && !board_decision_ok(f.decision))
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--decision is approve, reject or revise"));
	return decisions_print(c, &f);
}

static int
board_decide(Cli *c)
{
	BoardInput in;
	BoardDecision d;
	const Account *who;
	const char *field;
	Account a;
	Buf msg = BUF_INIT, seed = BUF_INIT;
	int rc, stage = 0;

	memset(&d, 0, sizeof(d));
	if ((d.project_id = cli_id(c->arg[1])) == 0)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"board decide: \"%s\" is no "
			"project id"),
		    c->arg[1]);
	in.decision = cli_opt(c, "decision");
	in.meeting = cli_opt(c, "meeting");
	in.seed = cli_opt(c, "seed");
	in.round = cli_opt(c, "round");
	in.conditions = cli_opt(c, "conditions");
	in.reason = cli_opt(c, "reason");
	in.demo = cli_opt(c, "demo") != NULL;
	if (board_decision_take(c->store, &in, &d, &field, &msg) != BOARD_OK) {
		rc = cli_error(EXIT_FAIL, "--%s: %s", field, buf_str(&msg));
		buf_free(&msg);
		return rc;
	}
	if ((rc = cli_as_account(c, &a, &who)) != EXIT_OK)
		return rc;
	rc = cli_commit_status(
	    board_commit_decision(c->store, who, &d, &stage, &msg), &msg);
	if (rc == EXIT_OK)
		printf(tr(c->lang,
			   "Board decision %lld recorded: project %lld "
			   "%s%s%s; it is at %s\n"),
		    (long long)d.id, (long long)d.project_id,
		    strcmp(d.decision, "approve") == 0 ? tr(c->lang, "approved")
			: strcmp(d.decision, "reject") == 0
			? tr(c->lang, "rejected")
			: tr(c->lang, "returned for revision"),
		    d.seed_usd > 0 ? tr(c->lang, " with seed funding of USD ")
				   : "",
		    d.seed_usd > 0 ? usd_cell(d.seed_usd, &seed) : "",
		    stage_label(c, stage));
	account_clear(&a);
	buf_free(&msg);
	buf_free(&seed);
	return rc;
}

static int
board_member(Cli *c)
{
	const Account *who;
	Account a;
	Buf msg = BUF_INIT;
	int on, rc;

	if (c->narg != 3 ||
	    (strcmp(c->arg[1], "add") != 0 && strcmp(c->arg[1], "remove") != 0))
		return cli_usage(c, "board member add|remove LOGIN");
	on = strcmp(c->arg[1], "add") == 0;
	if ((rc = cli_as_account(c, &a, &who)) != EXIT_OK)
		return rc;
	rc = cli_commit_status(
	    board_commit_member(c->store, who, c->arg[2], on, &msg), &msg);
	if (rc == EXIT_OK)
		printf(on
			? tr(c->lang, "%s sits on the Programme Review Board\n")
			: tr(c->lang,
			      "%s no longer sits on the Programme Review "
			      "Board\n"),
		    c->arg[2]);
	account_clear(&a);
	buf_free(&msg);
	return rc;
}

/* The options each verb of `board` takes (beyond --format and --as). */
static int
board_opts_ok(Cli *c, const char *verb)
{
	static const struct {
		const char *verb, *opts;
	} allowed[] = {
		{ "member", " as " },
		{ "members", " format " },
		{ "decide",
		    " decision seed round meeting conditions reason demo as " },
		{ "decisions", " round project decision format " },
	};
	char want[40];

	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (strcmp(allowed[i].verb, verb) != 0)
			continue;
		for (int k = 0; k < c->nopt; k++) {
			snprintf(want, sizeof(want), " %s ", c->opt[k].name);
			if (strstr(allowed[i].opts, want) == NULL)
				return cli_error(EXIT_USAGE,
				    tr(c->lang, "board %s takes no --%s"), verb,
				    c->opt[k].name);
		}
		return EXIT_OK;
	}
	return cli_error(EXIT_USAGE,
	    tr(c->lang,
		"board: no \"%s\" (member, members, decide, decisions)"),
	    verb);
}

int
cmd_board(Cli *c)
{
	const char *verb = c->arg[0];
	int rc;

	if ((rc = cli_format(c)) != EXIT_OK ||
	    (rc = board_opts_ok(c, verb)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(verb, "member") == 0)
		return board_member(c);
	if (strcmp(verb, "members") == 0)
		return c->narg == 1 ? board_members(c)
				    : cli_usage(c, "board members");
	if (strcmp(verb, "decide") == 0)
		return c->narg == 2 ? board_decide(c)
				    : cli_usage(c,
					  "board decide PROJECT --decision D "
					  "--meeting YYYY-MM-DD [...]");
	return c->narg == 1 ? board_decisions(c)
			    : cli_usage(c, "board decisions");
}

/* The rounds' table, their names in lang (as the data's in CSV). */
typedef struct RoundRows {
	CliTable *t;
	const char *lang;
} RoundRows;

static int
round_row(void *ctx, const SeedRound *r)
{
	RoundRows *o = ctx;
	char year[16], pp[24], rp[24], dp[24], nd[24];
	Buf pu = BUF_INIT, ru = BUF_INIT, du = BUF_INIT, n = BUF_INIT;
	const char *row[10] = { r->key, year, pp,
		usd_cell(r->published_usd, &pu), rp, usd_cell(r->usd, &ru), dp,
		usd_cell(r->demo_usd, &du), nd,
		board_round_name(o->lang, r, &n) };

	snprintf(year, sizeof(year), "%d", r->year);
	snprintf(pp, sizeof(pp), "%lld", (long long)r->published_projects);
	if (r->published_projects < 0)
		pp[0] = '\0';
	snprintf(rp, sizeof(rp), "%lld", (long long)r->projects);
	snprintf(nd, sizeof(nd), "%lld", (long long)r->decisions);
	snprintf(dp, sizeof(dp), "%lld", (long long)r->demo_projects);
	cli_table_add(o->t, row);
	buf_free(&pu);
	buf_free(&ru);
	buf_free(&du);
	buf_free(&n);
	return 0;
}

int
cmd_rounds(Cli *c)
{
	static const char *head[] = { N_("key"), N_("year"),
		N_("published_projects"), N_("published_usd"),
		N_("recorded_projects"), N_("recorded_usd"),
		N_("demo_projects"), N_("demo_usd"), N_("decisions"),
		N_("name") };
	const char *key = c->narg ? c->arg[0] : NULL;
	CliTable t;
	Buf err = BUF_INIT;
	SeedRound r;
	json_t *j;
	int rc = EXIT_OK, got = 1;

	if ((rc = cli_format(c)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (strcmp(c->format, "json") == 0) {
		got = key ? board_round_json(c->store, key, 1, &j, &err)
			  : board_rounds_json(c->store, 1, &j, &err) + 1;
		if (got == 1)
			cli_print_json(j);
	} else {
		RoundRows o = { &t,
			strcmp(c->format, "table") == 0 ? c->lang : "en" };

		cli_table_init(&t, 10, head);
		t.last_wraps = 1;
		memset(&r, 0, sizeof(r));
		if (key != NULL) {
			got = store_seed_round_get(c->store, key, &r, &err);
			if (got == 1)
				round_row(&o, &r);
			seed_round_clear(&r);
		} else if (store_seed_rounds(c->store, round_row, &o, &err) !=
		    0) {
			got = -1;
		}
		if (got == 1)
			cli_table_print(&t, c->format, c->lang);
		cli_table_free(&t);
	}
	if (got <= 0)
		rc = got < 0
		    ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
		    : cli_error(EXIT_FAIL,
			  tr(c->lang, "no seed-funding round \"%s\""), key);
	buf_free(&err);
	if (rc == EXIT_OK && key != NULL && strcmp(c->format, "table") == 0) {
		BoardFilter f = { key, 0, NULL };

		printf(
		    "\n%s\n", tr(c->lang, "Decisions recorded in the round:"));
		rc = decisions_print(c, &f);
	}
	return rc;
}
