/*
 * board_io.h - the lifecycle and the Programme Review Board in and out:
 * the JSON of steps, decisions and rounds, and every change to them,
 * each made in one transaction with its entry in the audit trail under
 * the rules of portfolio/board.h.
 *
 * The trail: a move of step is an entry "stage" of the project (its step
 * before and after, the reason, the Board decision it follows); a Board
 * decision an entry "create" of subject "board_decision"; a seat on the
 * Board "board-seat" or "board-unseat" of the account.
 */
#ifndef CTM_IO_BOARD_IO_H
#define CTM_IO_BOARD_IO_H

#include <jansson.h>

#include "../portfolio/board.h"
#include "../store/store.h"
#include "project_commit.h"

/* US cents as a decimal text without grouping: "949111.00". */
void board_usd_text(int64_t cents, Buf *out);

/* New references: a stage decision, a Board decision. */
json_t *stage_decision_json(const StageDecision *d);
json_t *board_decision_json(const BoardDecision *d);

/*
 * A round: key, name, year, source and the published totals; with
 * recorded set, also what the decisions recorded add up to.
 */
json_t *seed_round_json(const SeedRound *r, int recorded);

/*
 * The step of project_id into *out (a new reference): {"project",
 * "stage", "name", "proposal"}, with signed_in also its "history" (the
 * stage decisions, oldest first) and its "board_decisions".  1, 0 when
 * there is no such project, -1.
 */
int board_stage_json(
    Store *s, int64_t project_id, int signed_in, json_t **out, Buf *err);

/* Every round ({"rounds": [...]}), as seed_round_json() gives it. */
int board_rounds_json(Store *s, int recorded, json_t **out, Buf *err);

/*
 * The round of key, with recorded set also its decisions: 1 (*out a
 * new reference), 0 when there is none, -1.
 */
int board_round_json(
    Store *s, const char *key, int recorded, json_t **out, Buf *err);

/* The decisions f selects: {"decisions": [...], "total": N}. */
int board_decisions_json(
    Store *s, const BoardFilter *f, json_t **out, Buf *err);

/*
 * Move project_id to step to, with reason, on behalf of who (NULL: the
 * command line).  COMMIT_OK; COMMIT_NOT_FOUND; BOARD_INVALID (the reason),
 * BOARD_FORBIDDEN, BOARD_CONFLICT (the order of steps, the Board's gate,
 * or the project moved meanwhile); COMMIT_BUSY, COMMIT_FAILED.  msg says
 * why when it is not a success.
 */
int board_commit_stage(Store *s, const Account *who, int64_t project_id, int to,
    const char *reason, Buf *msg);

/*
 * Place every project not yet placed at the step of its matrix status
 * (in development: Planning; ongoing: Implementation; completed:
 * Evaluation), each a stage decision of the command line with the reason
 * "placed from the matrix status".  *placed counts them, *left those
 * without a status, left unplaced.  A COMMIT_* code.
 */
int board_commit_place(Store *s, int64_t *placed, int64_t *left, Buf *msg);

/*
 * Seat (on) or unseat the account login on the Board, on behalf of who
 * (NULL: the command line; else admin only).  COMMIT_OK (also when
 * nothing changed), COMMIT_NOT_FOUND, BOARD_INVALID (a disabled account),
 * COMMIT_FORBIDDEN, or a failure; msg says why.
 */
int board_commit_member(
    Store *s, const Account *who, const char *login, int on, Buf *msg);

/*
 * Record decision d (checked by board_decision_take(); d->project_id
 * set) on behalf of who: a Board member or admin (NULL: the command
 * line).  The project must be a proposal.  An approval moves it to
 * Initiation, a return for revision to Planning, each by a stage decision
 * that names this one.  COMMIT_CREATED with d->id, d->actor and
 * d->account_id set, and *stage the project's step after; or
 * COMMIT_NOT_FOUND, COMMIT_FORBIDDEN, BOARD_CONFLICT (not a proposal),
 * COMMIT_BUSY, COMMIT_FAILED, with msg.
 */
int board_commit_decision(
    Store *s, const Account *who, BoardDecision *d, int *stage, Buf *msg);

#endif
