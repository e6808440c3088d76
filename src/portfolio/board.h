/*
 * board.h - the rules of the project lifecycle and of the Programme
 * Review Board: the seven steps and their order, which moves are allowed
 * and to whom, who records the Board's decisions, and the checks of what
 * a person types for a decision.
 *
 * The steps: 1 Idea, 2 Analysis, 3 Planning, 4 Financing, 5 Initiation,
 * 6 Implementation, 7 Evaluation.  A project imported from the matrix is
 * not placed at any step until someone places it.
 *
 * Moves: to the next step, or back to any earlier one; never forward over
 * a step.  A project not placed may be placed at any step.  Every move
 * has a reason.
 *
 * Who moves what:
 *
 *   admin, secretariat   any project, any allowed move; from a proposal
 *                        step (Idea..Financing) into Initiation only with
 *                        a Board approval on record, except admin;
 *   focal_point          its entity's projects (lead or partner), and only
 *                        among Idea..Financing (from and to);
 *   anyone else          nothing.
 *
 * The Board: its members (any role) and admin record decisions on
 * proposals (projects at Idea..Financing, or not placed): approve, with
 * the seed funding granted (US cents) and conditions, which moves the
 * project to Initiation; return for revision ("revise"), which moves it
 * back to Planning; or reject, which leaves it where it is.  A decision
 * has the date of the Board's meeting; seed funding only with an
 * approval.
 *
 * Who sees what: anyone sees a project's step and the rounds' published
 * totals; the decisions, the history of steps and the recorded totals are
 * for those signed in.
 */
#ifndef CTM_PORTFOLIO_BOARD_H
#define CTM_PORTFOLIO_BOARD_H

#include "../store/store.h"

#define BOARD_STAGES        7
#define BOARD_INITIATION    5 /* the first step after the Board's approval */
#define BOARD_PLANNING      3 /* where a proposal returned for revision goes */
#define BOARD_LAST_PROPOSAL 4 /* Financing: the last step of a proposal */

/* Limits of what a person types. */
#define BOARD_REASON_MAX     4000
#define BOARD_CONDITIONS_MAX 4000

/* What a refused move or decision is, as the HTTP status that says it. */
enum {
	BOARD_OK = 0,
	BOARD_INVALID = 422,   /* the input is wrong: msg says which */
	BOARD_FORBIDDEN = 403, /* who asks may not */
	BOARD_CONFLICT = 409   /* not from the step the project is at */
};

/* The name of step 1..7 ("Idea"), or "not placed" for 0. */
const char *board_stage_name(int stage);

/*
 * The reason the system gives a move it makes itself (`stage place
 * --from-status`), stored in English as the reasons people type are.
 */
#define BOARD_REASON_PLACED "placed from the matrix status"

/*
 * A move's reason as lang shows it: the system's own reasons
 * (BOARD_REASON_*) translated, the reasons people typed as typed.
 */
const char *board_reason_text(const char *lang, const char *reason);

/*
 * A round's name as lang shows it: the reference data names each round
 * "Seed funding round YEAR" (data/seed-rounds.json), which is said in
 * lang; a name of another form as it is.  Made in keep when translated.
 */
const char *board_round_name(const char *lang, const SeedRound *r, Buf *keep);

/* A step as typed: 1..7 or its name, any case.  1..7, or 0 if none. */
int board_stage_parse(const char *text);

/*
 * May a project at step from (0: not placed) move to step to?  BOARD_OK,
 * or BOARD_CONFLICT (skipping forward, or staying) with a sentence in msg.
 */
int board_move_ok(int from, int to, Buf *msg);

/* The facts about who asks that the rules of a move need. */
typedef struct BoardActor {
	const Account *who; /* NULL: the command line, which may do all */
	int own_project;    /* a focal point's entity is among the project's */
	int approved;       /* a Board approval of the project is on record */
} BoardActor;

/*
 * May a move from step from to step to be made by a?  BOARD_OK, or
 * BOARD_FORBIDDEN / BOARD_CONFLICT with a sentence in msg.  The order of
 * the steps (board_move_ok) is checked too.
 */
int board_may_move(const BoardActor *a, int from, int to, Buf *msg);

/* May who move steps at all (by role)?  The command line (NULL) may. */
int board_may_stage(const Account *who);

/* May who record Board decisions (admin, or member is set)? */
int board_may_decide(const Account *who, int member);

/* Is step stage (0: not placed) that of a proposal? */
int board_is_proposal(int stage);

/* Is v approve, reject or revise? */
int board_decision_ok(const char *v);

/*
 * Check the text of a decision and fill d from it: decision, meeting
 * (YYYY-MM-DD, a real date, not after today), seed (US dollars as
 * people write them, "120,000" or "120000.50"; only with approve),
 * round (a key that exists, or NULL), conditions (not with reject),
 * reason (required to reject or return for revision).  The strings of d
 * point into the arguments.  BOARD_OK, or BOARD_INVALID with msg and the
 * field at fault in *field.
 */
typedef struct BoardInput {
	const char *decision, *meeting, *seed, *round, *conditions, *reason;
	int demo;
} BoardInput;
int board_decision_take(Store *s, const BoardInput *in, BoardDecision *d,
    const char **field, Buf *msg);

/* Check a reason: required, UTF-8, not too long.  BOARD_OK or INVALID. */
int board_reason_ok(const char *reason, Buf *msg);

/* The step a project of matrix status goes to when placed; 0 if none. */
int board_stage_of_status(const char *status);

#endif
