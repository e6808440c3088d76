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

#include "../io/board_io.h"
#include "../portfolio/money.h"
#include "page_int.h"

/* "949,111.00", or "" when not published (-1). */
static const char *
usd(int64_t cents, Buf *b)
{
	buf_reset(b);
	if (cents >= 0)
		money_format(cents, 2, b);
	return buf_str(b);
}

static const char *
decision_name(const char *d)
{
	return strcmp(d, "approve") == 0 ? "approved"
	    : strcmp(d, "reject") == 0   ? "rejected"
					 : "returned for revision";
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

/* "2024-05-01T10:20:30Z" as "2024-05-01 10:20 UTC", in a <time>. */
static void
when(Buf *out, const char *iso)
{
	char day[11], hm[6];

	snprintf(day, sizeof(day), "%s", iso);
	snprintf(hm, sizeof(hm), "%s", strlen(iso) > 11 ? iso + 11 : "");
	html(out, "<time datetime=\"%s\">%s %s UTC</time>", iso, day, hm);
}

static int
decision_row(void *ctx, const BoardDecision *d)
{
	Rows *r = ctx;
	Buf seed = BUF_INIT;

	html(&r->rows, "<tr><td class=\"date\">%s</td><td>%s</td>", d->meeting,
	    d->round ? d->round : "");
	if (r->flags & DT_PROJECT)
		html(&r->rows, "<td><a href=\"/projects/%I\">%s</a></td>",
		    d->project_id, d->project_title);
	html(&r->rows,
	    "<td>%s%S</td><td class=\"num\">%s</td><td>%s</td><td>%s</td>"
	    "<td>%s</td></tr>\n",
	    decision_name(d->decision),
	    d->demo ? " <span class=\"demo\">(demonstration)</span>" : "",
	    d->seed_usd > 0 ? usd(d->seed_usd, &seed) : "", d->conditions,
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
	Buf err = BUF_INIT;

	if (store_board_decisions(p->s, f, decision_row, &r, &err) != 0) {
		html(&p->out, "<p class=\"error\">The query failed.</p>\n");
	} else if (r.n == 0) {
		if (!(flags & DT_QUIET))
			html(&p->out,
			    "<p>No decision of the Board is recorded%S.</p>\n",
			    f->round ? " in this round" : "");
	} else {
		if (r.demo > 0 && (flags & DT_DEMO))
			html(&p->out,
			    "<p class=\"demo\" role=\"note\">%d of these %d "
			    "decisions %S, made up: not decisions the Board "
			    "took.</p>\n",
			    r.demo, r.n,
			    r.demo == 1 ? "is a demonstration record"
					: "are demonstration records");
		html(&p->out,
		    "<table class=\"list\"><caption>%s</caption><thead><tr>"
		    "<th scope=\"col\">Meeting</th><th scope=\"col\">Round</th>"
		    "%S<th scope=\"col\">Decision</th>"
		    "<th scope=\"col\" class=\"num\">Seed funding, USD</th>"
		    "<th scope=\"col\">Conditions</th><th "
		    "scope=\"col\">Reason</th>"
		    "<th scope=\"col\">Recorded by</th></tr></thead>\n"
		    "<tbody>%S</tbody></table>\n",
		    caption,
		    flags & DT_PROJECT ? "<th scope=\"col\">Project</th>" : "",
		    buf_str(&r.rows));
	}
	buf_free(&r.rows);
	buf_free(&err);
}

typedef struct RoundRows {
	Page *p;
	int signed_in;
} RoundRows;

/* A count as a table cell, or "not published" for -1. */
static void
count_cell(Page *p, int64_t n)
{
	if (n >= 0)
		html(&p->out, "<td class=\"num\">%N</td>", n);
	else
		html(&p->out, "<td class=\"num\">not published</td>");
}

static int
round_row(void *ctx, const SeedRound *r)
{
	RoundRows *o = ctx;
	Buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;

	html(&o->p->out,
	    "<tr><th scope=\"row\"><a href=\"/rounds/%u\">%s</a></th>", r->key,
	    r->key);
	count_cell(o->p, r->published_projects);
	html(&o->p->out, "<td class=\"num\">%s</td>",
	    r->published_usd >= 0 ? usd(r->published_usd, &a)
				  : "not published");
	if (o->signed_in)
		html(&o->p->out,
		    "<td class=\"num\">%N</td><td class=\"num\">%s</td>"
		    "<td class=\"num\">%N</td><td class=\"num\">%s</td>",
		    r->projects, usd(r->usd, &b), r->demo_projects,
		    usd(r->demo_usd, &c));
	html(&o->p->out, "</tr>\n");
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	return 0;
}

static void
rounds_table(Page *p)
{
	RoundRows o = { p, page_signed_in(p) };
	Buf err = BUF_INIT;

	html(&p->out,
	    "<table class=\"list\"><caption>Seed-funding rounds: the totals "
	    "the Secretary-General's reports publish%S</caption>"
	    "<thead><tr><th scope=\"col\">Round</th>"
	    "<th scope=\"col\" class=\"num\">Projects, published</th>"
	    "<th scope=\"col\" class=\"num\">USD, published</th>%S</tr>"
	    "</thead>\n<tbody>\n",
	    o.signed_in ? ", beside what the decisions recorded here add up "
			  "to (approved projects, seed funding granted)"
			: "",
	    o.signed_in ? "<th scope=\"col\" class=\"num\">Projects, "
			  "recorded</th><th scope=\"col\" class=\"num\">USD, "
			  "recorded</th><th scope=\"col\" class=\"num\">Of "
			  "which demonstration: projects</th><th "
			  "scope=\"col\" class=\"num\">USD</th>"
			: "");
	if (store_seed_rounds(p->s, round_row, &o, &err) != 0)
		html(&p->out,
		    "<tr><td colspan=\"3\">The query failed.</td></tr>\n");
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
		    board_stage_name(i));
	html(&p->out, "</ol>\n");
}

static int
member_item(void *ctx, const char *login, const char *role, const char *since)
{
	char day[11];

	/* The day of "2024-05-01T10:00:00Z". */
	snprintf(day, sizeof(day), "%s", since);
	html(ctx, "<li>%s <small>(%s, since %s)</small></li>\n", login, role,
	    day);
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
	    title, board_stage_name(stage));
	return 0;
}

static int
round_option(void *ctx, const SeedRound *r)
{
	Options *o = ctx;

	html(&o->p->out, "<option value=\"%s\"%S>%s</option>\n", r->key,
	    o->selected && strcmp(o->selected, r->key) == 0 ? " selected" : "",
	    r->name);
	return 0;
}

/* The form a Board member records a decision with, keeping what in says. */
static void
decision_form(Page *p, const BoardInput *in, const char *project)
{
	static const char *const keys[] = { "approve", "revise", "reject" };
	static const char *const names[] = { "approve", "return for revision",
		"reject" };
	Options o = { p, project };
	Buf err = BUF_INIT;

	html(&p->out,
	    "<form method=\"post\" action=\"/board/decide\" class=\"edit\">\n");
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"project\">Proposal <small>(a project at Idea "
	    "to Financing)</small></label>\n<select id=\"project\" "
	    "name=\"project\" required>\n<option value=\"\">choose</option>\n");
	store_proposals(p->s, proposal_option, &o, &err);
	html(&p->out,
	    "</select></p>\n<p><label for=\"decision\">Decision</label>\n"
	    "<select id=\"decision\" name=\"decision\">\n");
	for (int i = 0; i < 3; i++)
		html(&p->out, "<option value=\"%s\"%S>%s</option>\n", keys[i],
		    in->decision && strcmp(in->decision, keys[i]) == 0
			? " selected"
			: "",
		    names[i]);
	html(&p->out,
	    "</select></p>\n<p><label for=\"meeting\">Date of the "
	    "meeting</label>\n<input id=\"meeting\" name=\"meeting\" "
	    "type=\"date\" required value=\"%s\"></p>\n"
	    "<p><label for=\"seed\">Seed funding granted, USD <small>(with "
	    "an approval only)</small></label>\n<input id=\"seed\" "
	    "name=\"seed\" inputmode=\"decimal\" placeholder=\"120,000\" "
	    "value=\"%s\"></p>\n<p><label for=\"round\">Seed-funding "
	    "round</label>\n<select id=\"round\" name=\"round\">\n"
	    "<option value=\"\">none</option>\n",
	    in->meeting, in->seed);
	o.selected = in->round;
	store_seed_rounds(p->s, round_option, &o, &err);
	html(&p->out,
	    "</select></p>\n<p><label for=\"conditions\">Conditions "
	    "<small>(of an approval or a return)</small></label>\n"
	    "<textarea id=\"conditions\" name=\"conditions\" "
	    "rows=\"2\">%s</textarea></p>\n<p><label "
	    "for=\"reason\">Reason <small>(required to reject or return for "
	    "revision)</small></label>\n<textarea id=\"reason\" "
	    "name=\"reason\" rows=\"3\">%s</textarea></p>\n"
	    "<p><label class=\"check\"><input type=\"checkbox\" name=\"demo\" "
	    "value=\"1\"%S> a demonstration record, made up</label></p>\n"
	    "<p><button type=\"submit\">Record the decision</button></p>\n"
	    "</form>\n",
	    in->conditions, in->reason, in->demo ? " checked" : "");
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
	Buf members = BUF_INIT, err = BUF_INIT;

	p->nav = "board";
	page_begin(p, "Programme Review Board");
	html(&p->out,
	    "<p class=\"lead\">Every project goes through seven steps. The "
	    "Programme Review Board decides on proposals (projects at Idea "
	    "to Financing): it approves them, with the seed funding it "
	    "grants and its conditions, which starts them (Initiation); "
	    "returns them for revision (back to Planning); or rejects "
	    "them.</p>\n");
	steps_list(p, 0);
	rounds_table(p);
	if (!page_signed_in(p)) {
		html(&p->out,
		    "<p><a href=\"/login?next=/board\">Sign in</a> to see the "
		    "Board's decisions and what they add up to.</p>\n");
		return page_end(p, status);
	}
	html(&p->out, "<h2 id=\"decisions\">Decisions</h2>\n");
	decisions_table(p, &f, "Decisions of the Board, by meeting date",
	    DT_PROJECT | DT_DEMO);
	store_board_members(p->s, member_item, &members, &err);
	html(&p->out, "<h2>Members</h2>\n");
	if (members.len == 0)
		html(&p->out, "<p>No one sits on the Board yet.</p>\n");
	else
		html(&p->out, "<ul>\n%S</ul>\n", buf_str(&members));
	if (board_may_decide(&p->who, is_member(p))) {
		html(&p->out, "<h2 id=\"decide\">Record a decision</h2>\n");
		if (msg != NULL)
			html(&p->out,
			    "<p class=\"error\" role=\"alert\">%s</p>\n", msg);
		decision_form(p, in, project);
	}
	buf_free(&members);
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
		    "Only members of the Programme Review Board (and admins) "
		    "record its decisions.");
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
		buf_puts(&msg, "Choose the proposal decided on.");
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
		? "This method is not allowed here."
		: "There is no such page.");
}

/* One round: published beside recorded, and its decisions. */
static int
round_view(Page *p, const SeedRound *r)
{
	BoardFilter f = { r->key, 0, NULL };
	Buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	int in = page_signed_in(p);

	p->nav = "board";
	page_begin(p, r->name);
	html(&p->out,
	    "<dl class=\"facts\"><dt>Year</dt><dd>%d</dd>"
	    "<dt>Source of the published totals</dt><dd>%s</dd></dl>\n"
	    "<table class=\"list\"><caption>Published%S</caption><thead><tr>"
	    "<th scope=\"col\"></th><th scope=\"col\" "
	    "class=\"num\">Published</th>%S</tr></thead>\n<tbody>\n"
	    "<tr><th scope=\"row\">Projects</th>",
	    r->year, r->source, in ? " and recorded" : "",
	    in ? "<th scope=\"col\" class=\"num\">Recorded here</th><th "
		 "scope=\"col\" class=\"num\">Of which demonstration "
		 "records</th>"
	       : "");
	count_cell(p, r->published_projects);
	if (in)
		html(&p->out,
		    "<td class=\"num\">%N</td><td class=\"num\">%N</td>",
		    r->projects, r->demo_projects);
	html(&p->out,
	    "</tr>\n<tr><th scope=\"row\">Seed funding, USD</th>"
	    "<td class=\"num\">%s</td>",
	    r->published_usd >= 0 ? usd(r->published_usd, &a)
				  : "not published");
	if (in)
		html(&p->out,
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
		    usd(r->usd, &b), usd(r->demo_usd, &c));
	html(&p->out, "</tr>\n</tbody></table>\n");
	if (!in) {
		html(&p->out,
		    "<p><a href=\"/login?next=/rounds/%u\">Sign in</a> to see "
		    "the decisions recorded in this round.</p>\n",
		    r->key);
	} else {
		if (r->demo_decisions > 0)
			html(&p->out,
			    "<p class=\"demo\" role=\"note\">%N of the %N "
			    "decisions recorded in this round %S, made up: "
			    "what they add up to is not the real round. The "
			    "published totals are the facts.</p>\n",
			    r->demo_decisions, r->decisions,
			    r->demo_decisions == 1
				? "is a demonstration record"
				: "are demonstration records");
		html(&p->out, "<h2>Decisions recorded</h2>\n");
		decisions_table(p, &f, "Decisions of the round", DT_PROJECT);
	}
	html(&p->out, "<p><a href=\"/board\">The Board</a></p>\n");
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
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
		page_begin(p, "Seed-funding rounds");
		rounds_table(p);
		return page_end(p, 200);
	}
	memset(&r, 0, sizeof(r));
	got = store_seed_round_get(p->s, key, &r, &err);
	if (got < 0)
		rc = page_error(p, 503, "The database is busy: try again.");
	else if (got == 0)
		rc = page_error(p, 404, "There is no such seed-funding round.");
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
	when(&r->rows, d->decided_at);
	html(&r->rows,
	    "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
	    board_stage_name(d->from_stage), board_stage_name(d->to_stage),
	    d->actor, d->reason);
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
		    board_stage_name(t));
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
	html(&p->out,
	    "<h2 id=\"lifecycle\">Lifecycle</h2>\n<p>Step: "
	    "<strong>%s</strong>%S</p>\n",
	    board_stage_name(stage),
	    board_is_proposal(stage) ? " (a proposal)" : "");
	steps_list(p, stage);
	if (!page_signed_in(p)) {
		buf_free(&err);
		return;
	}
	store_stage_history(p->s, pr->id, history_row, &r, &err);
	if (r.n > 0)
		html(&p->out,
		    "<table class=\"list\"><caption>How it moved, oldest "
		    "first</caption><thead><tr><th scope=\"col\">When</th>"
		    "<th scope=\"col\">From</th><th scope=\"col\">To</th>"
		    "<th scope=\"col\">By</th><th scope=\"col\">Why</th></tr>"
		    "</thead>\n<tbody>%S</tbody></table>\n",
		    buf_str(&r.rows));
	decisions_table(
	    p, &f, "Decisions of the Board on it", DT_QUIET | DT_DEMO);
	if (move_options(p, pr->id, stage, &opts) > 0) {
		html(&p->out,
		    "<form method=\"post\" action=\"/projects/%I/stage\" "
		    "class=\"edit\">\n",
		    pr->id);
		page_csrf_field(p);
		html(&p->out,
		    "<p><label for=\"to\">Move it to</label>\n<select "
		    "id=\"to\" name=\"to\">\n%S</select></p>\n<p><label "
		    "for=\"reason\">Why</label>\n<textarea id=\"reason\" "
		    "name=\"reason\" rows=\"2\" required></textarea></p>\n"
		    "<p><button type=\"submit\">Move</button></p>\n</form>\n",
		    buf_str(&opts));
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
		buf_puts(&msg, "Choose the step to move it to.");
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
