/*
 * board.c - the pages of the lifecycle and the Programme Review Board:
 * /board (the seven steps, the seed-funding rounds, the Board's decisions
 * and members, and the form its members record a decision with),
 * /rounds/KEY (one round: published beside recorded totals, and its
 * decisions), and the lifecycle part of a project's page with the form
 * that moves it (POST /projects/N/stage).
 *
 * The public sees the steps and the published totals; the decisions, the
 * history of steps and the recorded totals are for those signed in
 * (portfolio/board.h).  Changes go through io/board_io.c, as the command
 * line's and the API's do.
 */
#include <stdlib.h>
#include <string.h>

#include "../account/account.h"
#include "../io/board_io.h"
#include "../portfolio/money.h"
#include "page_int.h"
#include "sentence.h"

/*
 * The names of the steps (portfolio's board_stage_name(), which the
 * command line and the API give in English), to translate them here.
 */
static const char *const stage_names[BOARD_STAGES + 1] = { N_("not placed"),
	N_("Idea"), N_("Analysis"), N_("Planning"), N_("Financing"),
	N_("Initiation"), N_("Implementation"), N_("Evaluation") };

/* The name of step i in the page's language. */
static const char *
stage_name(const Page *p, int i)
{
	return i >= 0 && i <= BOARD_STAGES ? PT(p, stage_names[i]) : "";
}

/* "949,111.00" as the page's language groups it, or "" when not
 * published (-1). */
static const char *
usd(const Page *p, int64_t cents, Buf *b)
{
	buf_reset(b);
	if (cents >= 0)
		lang_decimal(b, p->lang, (double)cents / 100.0, 2);
	return buf_str(b);
}

static const char *
decision_name(const Page *p, const char *d)
{
	return strcmp(d, "approve") == 0 ? PT(p, "approved")
	    : strcmp(d, "reject") == 0   ? PT(p, "rejected")
					 : PT(p, "returned for revision");
}

/* The day ymd ("2018-06-12") as the page's language writes it, in a
 * <time>. */
static void
day(const Page *p, Buf *out, const char *ymd)
{
	Buf d = BUF_INIT;

	lang_date(&d, p->lang, ymd);
	html(out, "<time datetime=\"%s\">%s</time>", ymd, buf_str(&d));
	buf_free(&d);
}

/* How decisions_table() shows the decisions. */
enum {
	DT_QUIET = 1,   /* nothing when there are none */
	DT_PROJECT = 2, /* a column of the project (not on its own page) */
	DT_DEMO = 4     /* a note when demonstration records are among them */
};

/* Rows of a table of decisions or of moves. */
typedef struct Rows {
	Page *p;
	Buf rows;
	int n, demo, flags;
} Rows;

/*
 * "2024-05-01T10:20:30Z" as "1 May 2024 10:20 UTC" (the day as the page's
 * language writes it), in a <time>.
 */
static void
when(const Page *p, Buf *out, const char *iso)
{
	char ymd[11], hm[6];
	Buf d = BUF_INIT;

	snprintf(ymd, sizeof(ymd), "%s", iso);
	snprintf(hm, sizeof(hm), "%s", strlen(iso) > 11 ? iso + 11 : "");
	lang_date(&d, p->lang, ymd);
	html(out, "<time datetime=\"%s\">%s %s UTC</time>", iso, buf_str(&d),
	    hm);
	buf_free(&d);
}

static int
decision_row(void *ctx, const BoardDecision *d)
{
	Rows *r = ctx;
	Buf seed = BUF_INIT;

	html(&r->rows, "<tr><td class=\"date\">");
	day(r->p, &r->rows, d->meeting);
	html(&r->rows, "</td><td>%s</td>", d->round ? d->round : "");
	if (r->flags & DT_PROJECT)
		html(&r->rows, "<td><a href=\"/projects/%I\">%s</a></td>",
		    d->project_id, d->project_title);
	html(&r->rows, "<td>%s", decision_name(r->p, d->decision));
	if (d->demo)
		html(&r->rows, " <span class=\"demo\">%s</span>",
		    PT(r->p, "(demonstration)"));
	html(&r->rows,
	    "</td><td class=\"num\">%s</td><td dir=\"auto\">%s</td>"
	    "<td dir=\"auto\">%s</td><td>%s</td></tr>\n",
	    d->seed_usd > 0 ? usd(r->p, d->seed_usd, &seed) : "", d->conditions,
	    d->reason, d->actor);
	r->n++;
	r->demo += d->demo;
	buf_free(&seed);
	return 0;
}

/* The decisions f selects, as a table under caption (signed in only). */
static void
decisions_table(Page *p, const BoardFilter *f, const char *caption, int flags)
{
	Rows r = { p, BUF_INIT, 0, 0, flags };
	Buf err = BUF_INIT, n1 = BUF_INIT, n2 = BUF_INIT;

	if (store_board_decisions(p->s, f, decision_row, &r, &err) != 0) {
		html(&p->out, "<p class=\"error\">%s</p>\n",
		    PT(p, "The query failed."));
	} else if (r.n == 0) {
		if (!(flags & DT_QUIET))
			html(&p->out, "<p>%s</p>\n",
			    f->round ? PT(p,
					   "No decision of the Board is "
					   "recorded in this round.")
				     : PT(p,
					   "No decision of the Board is "
					   "recorded."));
	} else {
		if (r.demo > 0 && (flags & DT_DEMO)) {
			html(&p->out, "<p class=\"demo\" role=\"note\">");
			sentence_html(&p->out, 0, 0,
			    PTN(p,
				"%s of these %s decisions is a demonstration "
				"record, made up: not decisions the Board "
				"took.",
				"%s of these %s decisions are demonstration "
				"records, made up: not decisions the Board "
				"took.",
				(unsigned long)r.demo),
			    sentence_int(&n1, p->lang, r.demo),
			    sentence_int(&n2, p->lang, r.n));
			html(&p->out, "</p>\n");
		}
		html(&p->out,
		    "<table class=\"list\"><caption>%s</caption><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		    caption, PT(p, "Meeting"), PT(p, "Round"));
		if (flags & DT_PROJECT)
			html(&p->out, "<th scope=\"col\">%s</th>",
			    PT(p, "Project"));
		html(&p->out,
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\" class=\"num\">%s</th>"
		    "<th scope=\"col\">%s</th><th "
		    "scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead>\n"
		    "<tbody>%S</tbody></table>\n",
		    PT(p, "Decision"), PT(p, "Seed funding, USD"),
		    PT(p, "Conditions"), PT(p, "Reason"), PT(p, "Recorded by"),
		    buf_str(&r.rows));
	}
	buf_free(&r.rows);
	buf_free(&err);
	buf_free(&n1);
	buf_free(&n2);
}

typedef struct RoundRows {
	Page *p;
	int signed_in;
} RoundRows;

/* A count as a table cell, or "not published" for -1. */
static void
count_cell(Page *p, int64_t n)
{
	Buf b = BUF_INIT;

	html(&p->out, "<td class=\"num\">%s</td>",
	    n >= 0 ? sentence_int(&b, p->lang, n) : PT(p, "not published"));
	buf_free(&b);
}

static int
round_row(void *ctx, const SeedRound *r)
{
	RoundRows *o = ctx;
	Page *p = o->p;
	Buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, d = BUF_INIT;

	html(&p->out,
	    "<tr><th scope=\"row\"><a href=\"/rounds/%u\">%s</a></th>", r->key,
	    r->key);
	count_cell(p, r->published_projects);
	html(&p->out, "<td class=\"num\">%s</td>",
	    r->published_usd >= 0 ? usd(p, r->published_usd, &a)
				  : PT(p, "not published"));
	if (o->signed_in) {
		html(&p->out,
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
		    sentence_int(&d, p->lang, r->projects), usd(p, r->usd, &b));
		html(&p->out,
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
		    sentence_int(&d, p->lang, r->demo_projects),
		    usd(p, r->demo_usd, &c));
	}
	html(&p->out, "</tr>\n");
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&d);
	return 0;
}

static void
rounds_table(Page *p)
{
	RoundRows o = { p, page_signed_in(p) };
	Buf err = BUF_INIT;

	html(&p->out,
	    "<table class=\"list\"><caption>%s</caption>"
	    "<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th>",
	    o.signed_in
		? PT(p,
		      "Seed-funding rounds: the totals the Secretary-General's "
		      "reports publish, beside what the decisions recorded "
		      "here add up to (approved projects, seed funding "
		      "granted)")
		: PT(p,
		      "Seed-funding rounds: the totals the Secretary-General's "
		      "reports publish"),
	    PT(p, "Round"), PT(p, "Projects, published"),
	    PT(p, "USD, published"));
	if (o.signed_in)
		html(&p->out,
		    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" "
		    "class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s"
		    "</th><th scope=\"col\" class=\"num\">%s</th>",
		    PT(p, "Projects, recorded"), PT(p, "USD, recorded"),
		    PT(p, "Of which demonstration: projects"), PT(p, "USD"));
	html(&p->out, "</tr></thead>\n<tbody>\n");
	if (store_seed_rounds(p->s, round_row, &o, &err) != 0)
		html(&p->out, "<tr><td colspan=\"3\">%s</td></tr>\n",
		    PT(p, "The query failed."));
	html(&p->out, "</tbody></table>\n");
	buf_free(&err);
}

/* The seven steps in order, step current (0: none) marked. */
static void
steps_list(Page *p, int current)
{
	html(&p->out, "<ol class=\"steps\">");
	for (int i = 1; i <= BOARD_STAGES; i++)
		html(&p->out, "<li%S>%s</li>",
		    i == current ? " aria-current=\"step\"" : "",
		    stage_name(p, i));
	html(&p->out, "</ol>\n");
}

/* The members of the Board, as items, and the page they are for. */
typedef struct Members {
	const Page *p;
	Buf items;
} Members;

static int
member_item(void *ctx, const char *login, const char *role, const char *since)
{
	Members *m = ctx;
	char ymd[11];
	Buf d = BUF_INIT, t = BUF_INIT;

	/* The day of "2024-05-01T10:00:00Z". */
	snprintf(ymd, sizeof(ymd), "%s", since);
	lang_date(&d, m->p->lang, ymd);
	buf_printf(&t, PT(m->p, "(%s, since %s)"),
	    account_role_label(m->p->lang, role), buf_str(&d));
	html(&m->items, "<li>%s <small>%s</small></li>\n", login, buf_str(&t));
	buf_free(&d);
	buf_free(&t);
	return 0;
}

typedef struct Options {
	Page *p;
	const char *selected;
} Options;

static int
proposal_option(void *ctx, int64_t id, const char *title, int stage)
{
	Options *o = ctx;
	char v[24];

	snprintf(v, sizeof(v), "%lld", (long long)id);
	html(&o->p->out, "<option value=\"%I\"%S>%I: %s (%s)</option>\n", id,
	    o->selected && strcmp(o->selected, v) == 0 ? " selected" : "", id,
	    title, stage_name(o->p, stage));
	return 0;
}

static int
round_option(void *ctx, const SeedRound *r)
{
	Options *o = ctx;
	Buf n = BUF_INIT;

	html(&o->p->out, "<option value=\"%s\"%S>%s</option>\n", r->key,
	    o->selected && strcmp(o->selected, r->key) == 0 ? " selected" : "",
	    board_round_name(o->p->lang, r, &n));
	buf_free(&n);
	return 0;
}

/* The form a Board member records a decision with, keeping what in says. */
static void
decision_form(Page *p, const BoardInput *in, const char *project)
{
	static const char *const keys[] = { "approve", "revise", "reject" };
	static const char *const names[] = { N_("approve"),
		N_("return for revision"), N_("reject") };
	Options o = { p, project };
	Buf err = BUF_INIT;

	html(&p->out,
	    "<form method=\"post\" action=\"/board/decide\" class=\"edit\">\n");
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"project\">%s <small>%s</small></label>\n"
	    "<select id=\"project\" name=\"project\" required>\n"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Proposal"), PT(p, "(a project at Idea to Financing)"),
	    PT(p, "choose"));
	store_proposals(p->s, proposal_option, &o, &err);
	html(&p->out,
	    "</select></p>\n<p><label for=\"decision\">%s</label>\n"
	    "<select id=\"decision\" name=\"decision\">\n",
	    PT(p, "Decision"));
	for (int i = 0; i < 3; i++)
		html(&p->out, "<option value=\"%s\"%S>%s</option>\n", keys[i],
		    in->decision && strcmp(in->decision, keys[i]) == 0
			? " selected"
			: "",
		    PT(p, names[i]));
	html(&p->out,
	    "</select></p>\n<p><label for=\"meeting\">%s</label>\n"
	    "<input id=\"meeting\" name=\"meeting\" "
	    "type=\"date\" required value=\"%s\"></p>\n"
	    "<p><label for=\"seed\">%s <small>%s</small></label>\n"
	    "<input id=\"seed\" name=\"seed\" inputmode=\"decimal\" "
	    "placeholder=\"120,000\" value=\"%s\"></p>\n"
	    "<p><label for=\"round\">%s</label>\n"
	    "<select id=\"round\" name=\"round\">\n"
	    "<option value=\"\">%s</option>\n",
	    PT(p, "Date of the meeting"), in->meeting,
	    PT(p, "Seed funding granted, USD"),
	    PT(p, "(with an approval only)"), in->seed,
	    PT(p, "Seed-funding round"), PT(p, "none"));
	o.selected = in->round;
	store_seed_rounds(p->s, round_option, &o, &err);
	html(&p->out,
	    "</select></p>\n<p><label for=\"conditions\">%s "
	    "<small>%s</small></label>\n"
	    "<textarea id=\"conditions\" name=\"conditions\" "
	    "rows=\"2\">%s</textarea></p>\n<p><label "
	    "for=\"reason\">%s <small>%s</small></label>\n"
	    "<textarea id=\"reason\" name=\"reason\" rows=\"3\">%s"
	    "</textarea></p>\n",
	    PT(p, "Conditions"), PT(p, "(of an approval or a return)"),
	    in->conditions, PT(p, "Reason"),
	    PT(p, "(required to reject or return for revision)"), in->reason);
	html(&p->out,
	    "<p><label class=\"check\"><input type=\"checkbox\" name=\"demo\" "
	    "value=\"1\"%S> %s</label></p>\n"
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    in->demo ? " checked" : "",
	    PT(p, "a demonstration record, made up"),
	    PT(p, "Record the decision"));
	buf_free(&err);
}

/* Is who a member of the Board?  1, 0 (and 0 on failure). */
static int
is_member(Page *p)
{
	Buf err = BUF_INIT;
	int m = page_signed_in(p) ? store_board_member_is(p->s, p->who.id, &err)
				  : 0;

	buf_free(&err);
	return m > 0;
}

/* /board, with msg above the form (kept as typed) after a refusal. */
static int
board_view(Page *p, const BoardInput *in, const char *project, const char *msg,
    int status)
{
	BoardFilter f = { NULL, 0, NULL };
	Members members = { p, BUF_INIT };
	Buf err = BUF_INIT, link = BUF_INIT;

	p->nav = "board";
	page_begin(p, PT(p, "Programme Review Board"));
	html(&p->out, "<p class=\"lead\">%s %s</p>\n",
	    PT(p, "Every project goes through seven steps."),
	    PT(p,
		"The Programme Review Board decides on proposals (projects at "
		"Idea to Financing): it approves them, with the seed funding "
		"it grants and its conditions, which starts them "
		"(Initiation); returns them for revision (back to Planning); "
		"or rejects them."));
	steps_list(p, 0);
	rounds_table(p);
	if (!page_signed_in(p)) {
		html(&link, "<a href=\"/login?next=/board\">%s</a>",
		    PT(p, "Sign in"));
		html(&p->out, "<p>");
		sentence_html(&p->out, 0, 1,
		    PT(p,
			"%s to see the Board's decisions and what they add "
			"up to."),
		    buf_str(&link));
		html(&p->out, "</p>\n");
		buf_free(&link);
		return page_end(p, status);
	}
	html(&p->out, "<h2 id=\"decisions\">%s</h2>\n", PT(p, "Decisions"));
	decisions_table(p, &f, PT(p, "Decisions of the Board, by meeting date"),
	    DT_PROJECT | DT_DEMO);
	store_board_members(p->s, member_item, &members, &err);
	html(&p->out, "<h2>%s</h2>\n", PT(p, "Members"));
	if (members.items.len == 0)
		html(&p->out, "<p>%s</p>\n",
		    PT(p, "No one sits on the Board yet."));
	else
		html(&p->out, "<ul>\n%S</ul>\n", buf_str(&members.items));
	if (board_may_decide(&p->who, is_member(p))) {
		html(&p->out, "<h2 id=\"decide\">%s</h2>\n",
		    PT(p, "Record a decision"));
		if (msg != NULL)
			html(&p->out,
			    "<p class=\"error\" role=\"alert\">%s</p>\n", msg);
		decision_form(p, in, project);
	}
	buf_free(&members.items);
	buf_free(&err);
	return page_end(p, status);
}

static int
board_decide(Page *p)
{
	const char *project = page_field(p, "project"), *field;
	BoardInput in;
	BoardDecision d;
	Buf msg = BUF_INIT;
	char *end = NULL;
	int code, stage, rc;

	if (!board_may_decide(&p->who, is_member(p)))
		return page_error(p, 403,
		    PT(p,
			"Only members of the Programme Review Board (and "
			"admins) record its decisions."));
	memset(&in, 0, sizeof(in));
	memset(&d, 0, sizeof(d));
	in.decision = page_field(p, "decision");
	in.meeting = page_field(p, "meeting");
	in.seed = page_field(p, "seed");
	in.round = page_field(p, "round");
	in.conditions = page_field(p, "conditions");
	in.reason = page_field(p, "reason");
	in.demo = page_field(p, "demo") != NULL;
	if (project != NULL)
		d.project_id = strtoll(project, &end, 10);
	if (project == NULL || *end != '\0' || d.project_id <= 0) {
		code = BOARD_INVALID;
		buf_puts(&msg, PT(p, "Choose the proposal decided on."));
	} else if ((code = board_decision_take(p->s, &in, &d, &field, &msg)) ==
	    BOARD_OK) {
		code = board_commit_decision(p->s, &p->who, &d, &stage, &msg);
	}
	if (code == COMMIT_CREATED)
		rc = page_redirect(p, "/board#decisions");
	else if (code == BOARD_INVALID || code == BOARD_CONFLICT ||
	    code == COMMIT_NOT_FOUND)
		rc = board_view(p, &in, project, buf_str(&msg), code);
	else
		rc = page_error(p, code, buf_str(&msg));
	buf_free(&msg);
	return rc;
}

int
page_board(Page *p, const char *rest)
{
	BoardInput in;
	int post = strcmp(p->rq->method, "POST") == 0;

	memset(&in, 0, sizeof(in));
	if (*rest == '\0' && !post)
		return board_view(p, &in, NULL, NULL, 200);
	if (strcmp(rest, "decide") == 0 && post)
		return board_decide(p);
	return page_error(p,
	    *rest == '\0' || strcmp(rest, "decide") == 0 ? 405 : 404,
	    *rest == '\0' || strcmp(rest, "decide") == 0
		? PT(p, "This method is not allowed here.")
		: PT(p, "There is no such page."));
}

/* The table of a round's totals: published, and recorded when in. */
static void
round_totals(Page *p, const SeedRound *r, int in)
{
	Buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, d = BUF_INIT;

	html(&p->out,
	    "<table class=\"list\"><caption>%s</caption><thead><tr>"
	    "<th scope=\"col\"></th><th scope=\"col\" "
	    "class=\"num\">%s</th>",
	    in ? PT(p, "Published and recorded") : PT(p, "Published"),
	    PT(p, "Published"));
	if (in)
		html(&p->out,
		    "<th scope=\"col\" class=\"num\">%s</th><th "
		    "scope=\"col\" class=\"num\">%s</th>",
		    PT(p, "Recorded here"),
		    PT(p, "Of which demonstration records"));
	html(&p->out, "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">%s</th>",
	    PT(p, "Projects"));
	count_cell(p, r->published_projects);
	if (in)
		html(&p->out,
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
		    sentence_int(&a, p->lang, r->projects),
		    sentence_int(&b, p->lang, r->demo_projects));
	html(&p->out,
	    "</tr>\n<tr><th scope=\"row\">%s</th>"
	    "<td class=\"num\">%s</td>",
	    PT(p, "Seed funding, USD"),
	    r->published_usd >= 0 ? usd(p, r->published_usd, &c)
				  : PT(p, "not published"));
	if (in)
		html(&p->out,
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
		    usd(p, r->usd, &a), usd(p, r->demo_usd, &d));
	html(&p->out, "</tr>\n</tbody></table>\n");
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&d);
}

/* One round: published beside recorded, and its decisions. */
static int
round_view(Page *p, const SeedRound *r)
{
	BoardFilter f = { r->key, 0, NULL };
	Buf a = BUF_INIT, b = BUF_INIT;
	int in = page_signed_in(p);

	p->nav = "board";
	page_begin(p, board_round_name(p->lang, r, &b));
	html(&p->out,
	    "<dl class=\"facts\"><dt>%s</dt><dd>%d</dd>"
	    "<dt>%s</dt><dd>%s</dd></dl>\n",
	    PT(p, "Year"), r->year, PT(p, "Source of the published totals"),
	    r->source);
	round_totals(p, r, in);
	if (!in) {
		html(&a, "<a href=\"/login?next=/rounds/%u\">%s</a>", r->key,
		    PT(p, "Sign in"));
		html(&p->out, "<p>");
		sentence_html(&p->out, 0, 1,
		    PT(p, "%s to see the decisions recorded in this round."),
		    buf_str(&a));
		html(&p->out, "</p>\n");
	} else {
		if (r->demo_decisions > 0) {
			html(&p->out, "<p class=\"demo\" role=\"note\">");
			sentence_html(&p->out, 0, 0,
			    PTN(p,
				"%s of the %s decisions recorded in this "
				"round is a demonstration record, made up: "
				"what they add up to is not the real round. "
				"The published totals are the facts.",
				"%s of the %s decisions recorded in this "
				"round are demonstration records, made up: "
				"what they add up to is not the real round. "
				"The published totals are the facts.",
				(unsigned long)r->demo_decisions),
			    sentence_int(&a, p->lang, r->demo_decisions),
			    sentence_int(&b, p->lang, r->decisions));
			html(&p->out, "</p>\n");
		}
		html(&p->out, "<h2>%s</h2>\n", PT(p, "Decisions recorded"));
		decisions_table(
		    p, &f, PT(p, "Decisions of the round"), DT_PROJECT);
	}
	html(&p->out, "<p><a href=\"/board\">%s</a></p>\n", PT(p, "The Board"));
	buf_free(&a);
	buf_free(&b);
	return page_end(p, 200);
}

int
page_rounds(Page *p, const char *key)
{
	SeedRound r;
	Buf err = BUF_INIT;
	int got, rc;

	if (*key == '\0') {
		p->nav = "board";
		page_begin(p, PT(p, "Seed-funding rounds"));
		rounds_table(p);
		return page_end(p, 200);
	}
	memset(&r, 0, sizeof(r));
	got = store_seed_round_get(p->s, key, &r, &err);
	if (got < 0)
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
	else if (got == 0)
		rc = page_error(
		    p, 404, PT(p, "There is no such seed-funding round."));
	else
		rc = round_view(p, &r);
	seed_round_clear(&r);
	buf_free(&err);
	return rc;
}

/* --- a project's step ------------------------------------------------ */

static int
history_row(void *ctx, const StageDecision *d)
{
	Rows *r = ctx;

	html(&r->rows, "<tr><td class=\"date\">");
	when(r->p, &r->rows, d->decided_at);
	html(&r->rows,
	    "</td><td>%s</td><td>%s</td><td>%s</td><td "
	    "dir=\"auto\">%s</td></tr>\n",
	    stage_name(r->p, d->from_stage), stage_name(r->p, d->to_stage),
	    d->actor, board_reason_text(r->p->lang, d->reason));
	r->n++;
	return 0;
}

/* The options of the steps who may move pr to, from step from. */
static int
move_options(Page *p, int64_t id, int from, Buf *out)
{
	BoardActor a;
	Buf msg = BUF_INIT, err = BUF_INIT;
	int n = 0;
	int64_t approvals;

	if (!board_may_stage(&p->who))
		return 0;
	memset(&a, 0, sizeof(a));
	a.who = &p->who;
	if (p->who.entity != NULL && strcmp(p->who.role, "focal_point") == 0)
		a.own_project = store_project_has_entity(
				    p->s, id, p->who.entity, &err) == 1;
	approvals = store_board_approvals(p->s, id, &err);
	a.approved = approvals > 0;
	for (int t = 1; t <= BOARD_STAGES; t++) {
		buf_reset(&msg);
		if (board_may_move(&a, from, t, &msg) != BOARD_OK)
			continue;
		html(out, "<option value=\"%d\">%s</option>\n", t,
		    stage_name(p, t));
		n++;
	}
	buf_free(&msg);
	buf_free(&err);
	return n;
}

void
page_project_stage(Page *p, const Project *pr)
{
	BoardFilter f = { NULL, pr->id, NULL };
	Rows r = { p, BUF_INIT, 0, 0, 0 };
	Buf opts = BUF_INIT, err = BUF_INIT;
	int stage = 0;

	store_stage_get(p->s, pr->id, &stage, &err);
	html(&p->out, "<h2 id=\"lifecycle\">%s</h2>\n<p>", PT(p, "Lifecycle"));
	sentence_html(&p->out, 1, 0,
	    board_is_proposal(stage) ? PT(p, "Step: %s (a proposal)")
				     : PT(p, "Step: %s"),
	    stage_name(p, stage));
	html(&p->out, "</p>\n");
	steps_list(p, stage);
	if (!page_signed_in(p)) {
		buf_free(&err);
		return;
	}
	store_stage_history(p->s, pr->id, history_row, &r, &err);
	if (r.n > 0)
		html(&p->out,
		    "<table class=\"list\"><caption>%s</caption><thead><tr>"
		    "<th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr>"
		    "</thead>\n<tbody>%S</tbody></table>\n",
		    PT(p, "How it moved, oldest first"), PT(p, "When"),
		    PT(p, "From"), PT(p, "To"), PT(p, "Who"), PT(p, "Why"),
		    buf_str(&r.rows));
	decisions_table(
	    p, &f, PT(p, "Decisions of the Board on it"), DT_QUIET | DT_DEMO);
	if (move_options(p, pr->id, stage, &opts) > 0) {
		html(&p->out,
		    "<form method=\"post\" action=\"/projects/%I/stage\" "
		    "class=\"edit\">\n",
		    pr->id);
		page_csrf_field(p);
		html(&p->out,
		    "<p><label for=\"to\">%s</label>\n<select "
		    "id=\"to\" name=\"to\">\n%S</select></p>\n<p><label "
		    "for=\"reason\">%s</label>\n<textarea id=\"reason\" "
		    "name=\"reason\" rows=\"2\" required></textarea></p>\n"
		    "<p><button type=\"submit\">%s</button></p>\n</form>\n",
		    PT(p, "Move it to"), buf_str(&opts), PT(p, "Why"),
		    PT(p, "Move"));
	}
	buf_free(&r.rows);
	buf_free(&opts);
	buf_free(&err);
}

int
page_project_stage_post(Page *p, const Project *pr)
{
	const char *to = page_field(p, "to"), *reason = page_field(p, "reason");
	Buf msg = BUF_INIT, loc = BUF_INIT;
	int step = board_stage_parse(to), code, rc;

	if (step == 0) {
		code = BOARD_INVALID;
		buf_puts(&msg, PT(p, "Choose the step to move it to."));
	} else {
		code = board_commit_stage(
		    p->s, &p->who, pr->id, step, reason ? reason : "", &msg);
	}
	if (code == COMMIT_OK) {
		buf_printf(&loc, "/projects/%lld#lifecycle", (long long)pr->id);
		rc = page_redirect(p, buf_str(&loc));
	} else {
		rc = page_error(p, code, buf_str(&msg));
	}
	buf_free(&msg);
	buf_free(&loc);
	return rc;
}
