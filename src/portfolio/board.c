/*
 * board.c - the rules of the lifecycle and of the Programme Review Board
 * (board.h).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "../text/lang.h"
#include "board.h"
#include "money.h"

static const char *const stage_names[BOARD_STAGES + 1] = { "not placed", "Idea",
	"Analysis", "Planning", "Financing", "Initiation", "Implementation",
	"Evaluation" };

const char *
board_stage_name(int stage)
{
	return stage >= 0 && stage <= BOARD_STAGES ? stage_names[stage] : "";
}

const char *
board_reason_text(const char *lang, const char *reason)
{
	static const char *const own[] = { N_(BOARD_REASON_PLACED) };

	for (size_t i = 0; reason != NULL && i < sizeof(own) / sizeof(*own);
	     i++)
		if (strcmp(reason, own[i]) == 0)
			return tr(lang, own[i]);
	return reason;
}

const char *
board_round_name(const char *lang, const SeedRound *r, Buf *keep)
{
	Buf en = BUF_INIT;
	int ours;

	buf_printf(&en, "Seed funding round %d", r->year);
	ours = r->name != NULL && strcmp(r->name, buf_str(&en)) == 0;
	buf_free(&en);
	if (!ours)
		return r->name ? r->name : "";
	buf_reset(keep);
	buf_printf(keep, tr(lang, "Seed funding round %d"), r->year);
	return buf_str(keep);
}

int
board_stage_parse(const char *text)
{
	if (text == NULL)
		return 0;
	if (text[0] >= '1' && text[0] <= '0' + BOARD_STAGES && text[1] == '\0')
		return text[0] - '0';
	for (int i = 1; i <= BOARD_STAGES; i++)
		if (strcasecmp(text, stage_names[i]) == 0)
			return i;
	return 0;
}

int
board_is_proposal(int stage)
{
	return stage >= 0 && stage <= BOARD_LAST_PROPOSAL;
}

/*
 * The name of step i in the language of the thread's work (lang.h); ""
 * for no step (gettext's "" is its catalogue's header).
 */
static const char *
stage_said(int stage)
{
	const char *name = board_stage_name(stage);

	return *name != '\0' ? TC(name) : "";
}

int
board_move_ok(int from, int to, Buf *msg)
{
	if (to < 1 || to > BOARD_STAGES) {
		/* TRANSLATORS: the names of the steps as the command line
		 * takes them: keep them in English. */
		buf_puts(msg,
		    TC("a step is 1 to 7 or its name: Idea, Analysis, "
		       "Planning, Financing, Initiation, Implementation, "
		       "Evaluation"));
		return BOARD_INVALID;
	}
	if (from == 0 || to < from || to == from + 1)
		return BOARD_OK;
	if (to == from) {
		buf_printf(
		    msg, TC("the project is at %s already"), stage_said(from));
		return BOARD_CONFLICT;
	}
	buf_printf(msg,
	    TC("a project moves to the next step or back, never over one: "
	       "from %s the next is %s, not %s"),
	    stage_said(from), stage_said(from + 1), stage_said(to));
	return BOARD_CONFLICT;
}

static int
role_is(const Account *who, const char *role)
{
	return who != NULL && who->id != 0 && who->role != NULL &&
	    strcmp(who->role, role) == 0;
}

int
board_may_stage(const Account *who)
{
	return who == NULL || role_is(who, "admin") ||
	    role_is(who, "secretariat") || role_is(who, "focal_point");
}

int
board_may_move(const BoardActor *a, int from, int to, Buf *msg)
{
	const Account *who = a->who;
	int rc;

	if (!board_may_stage(who)) {
		buf_puts(
		    msg, TC("this role may not move projects between steps"));
		return BOARD_FORBIDDEN;
	}
	if (role_is(who, "focal_point")) {
		if (!a->own_project) {
			buf_puts(msg,
			    TC("a focal point moves only its entity's "
			       "projects"));
			return BOARD_FORBIDDEN;
		}
		if (from > BOARD_LAST_PROPOSAL || to > BOARD_LAST_PROPOSAL) {
			buf_printf(msg,
			    TC("a focal point moves projects among Idea, "
			       "Analysis, Planning and Financing only (from "
			       "%s to %s)"),
			    stage_said(from), stage_said(to));
			return BOARD_FORBIDDEN;
		}
	}
	if ((rc = board_move_ok(from, to, msg)) != BOARD_OK)
		return rc;
	/* The Board's gate: a proposal starts only when it is approved. */
	if (to == BOARD_INITIATION && from != 0 && board_is_proposal(from) &&
	    !a->approved && who != NULL && !role_is(who, "admin")) {
		buf_puts(msg,
		    TC("a project enters Initiation only with a Board approval "
		       "on record"));
		return BOARD_CONFLICT;
	}
	return BOARD_OK;
}

int
board_may_decide(const Account *who, int member)
{
	return who == NULL || role_is(who, "admin") || (who->id != 0 && member);
}

int
board_decision_ok(const char *v)
{
	return v != NULL &&
	    (strcmp(v, "approve") == 0 || strcmp(v, "reject") == 0 ||
		strcmp(v, "revise") == 0);
}

int
board_reason_ok(const char *reason, Buf *msg)
{
	size_t n = reason ? strlen(reason) : 0;

	if (n == 0 || reason[strspn(reason, " \t\r\n")] == '\0') {
		buf_puts(msg, TC("a reason is required"));
		return BOARD_INVALID;
	}
	if (n > BOARD_REASON_MAX || utf8_check(reason, n) != n) {
		buf_printf(msg,
		    TC("a reason is UTF-8 text of %d bytes at most"),
		    BOARD_REASON_MAX);
		return BOARD_INVALID;
	}
	return BOARD_OK;
}

/* A real date YYYY-MM-DD, not after today (YYYY-MM-DD, UTC). */
static int
meeting_ok(const char *v, Buf *msg)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	Buf now = BUF_INIT;
	int y, m, d, ok = v != NULL && strlen(v) == 10;

	for (size_t i = 0; ok && i < 10; i++)
		ok = (i == 4 || i == 7) ? v[i] == '-'
					: isdigit((unsigned char)v[i]) != 0;
	if (ok) {
		y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 +
		    (v[2] - '0') * 10 + (v[3] - '0');
		m = (v[5] - '0') * 10 + (v[6] - '0');
		d = (v[8] - '0') * 10 + (v[9] - '0');
		ok = y >= 1900 && m >= 1 && m <= 12 && d >= 1 &&
		    d <= days[m - 1] &&
		    (m != 2 || d < 29 ||
			(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
	}
	if (!ok) {
		buf_puts(msg,
		    TC("the date of the Board's meeting is required, as "
		       "YYYY-MM-DD"));
		return BOARD_INVALID;
	}
	store_now(&now);
	ok = strncmp(v, buf_str(&now), 10) <= 0;
	buf_free(&now);
	if (!ok) {
		buf_printf(msg,
		    TC("the meeting of %s is still to come: record a decision "
		       "once it is taken"),
		    v);
		return BOARD_INVALID;
	}
	return BOARD_OK;
}

/* Set *field and say which; BOARD_INVALID. */
static int
bad(const char **field, const char *name)
{
	*field = name;
	return BOARD_INVALID;
}

int
board_decision_take(Store *s, const BoardInput *in, BoardDecision *d,
    const char **field, Buf *msg)
{
	Buf err = BUF_INIT;
	SeedRound r;
	int got;

	*field = NULL;
	if (!board_decision_ok(in->decision)) {
		buf_puts(msg,
		    TC("a decision is approve, reject or revise (return for "
		       "revision)"));
		return bad(field, "decision");
	}
	d->decision = in->decision;
	if (meeting_ok(in->meeting, msg) != BOARD_OK)
		return bad(field, "meeting");
	d->meeting = in->meeting;
	d->seed_usd = 0;
	if (in->seed != NULL && *in->seed != '\0') {
		if (money_parse(in->seed, 2, &d->seed_usd, msg) != 0)
			return bad(field, "seed");
		if (d->seed_usd > 0 && strcmp(in->decision, "approve") != 0) {
			buf_puts(msg,
			    TC("seed funding is granted only with an "
			       "approval"));
			return bad(field, "seed");
		}
	}
	d->round = NULL;
	if (in->round != NULL && *in->round != '\0') {
		memset(&r, 0, sizeof(r));
		got = store_seed_round_get(s, in->round, &r, &err);
		seed_round_clear(&r);
		buf_free(&err);
		if (got != 1) {
			buf_printf(msg,
			    TC("\"%s\" is no seed-funding round (see "
			       "`ctmatrix rounds`)"),
			    in->round);
			return bad(field, "round");
		}
		d->round = in->round;
	}
	d->conditions = in->conditions ? in->conditions : "";
	if (*d->conditions != '\0' && strcmp(in->decision, "reject") == 0) {
		buf_puts(msg, TC("a rejection carries no conditions"));
		return bad(field, "conditions");
	}
	if (strlen(d->conditions) > BOARD_CONDITIONS_MAX ||
	    utf8_check(d->conditions, strlen(d->conditions)) !=
		strlen(d->conditions)) {
		buf_printf(msg,
		    TC("conditions are UTF-8 text of %d bytes at most"),
		    BOARD_CONDITIONS_MAX);
		return bad(field, "conditions");
	}
	d->reason = in->reason ? in->reason : "";
	if (*d->reason == '\0' && strcmp(in->decision, "approve") != 0) {
		buf_puts(msg,
		    TC("a reason is required to reject or return for "
		       "revision"));
		return bad(field, "reason");
	}
	if (*d->reason != '\0' && board_reason_ok(d->reason, msg) != BOARD_OK)
		return bad(field, "reason");
	d->demo = in->demo != 0;
	return BOARD_OK;
}

int
board_stage_of_status(const char *status)
{
	if (status == NULL)
		return 0;
	if (strcmp(status, "in_development") == 0)
		return BOARD_PLANNING;
	if (strcmp(status, "ongoing") == 0)
		return 6;
	if (strcmp(status, "completed") == 0)
		return 7;
	return 0;
}
