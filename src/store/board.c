/*
 * board.c - the lifecycle of projects and the Programme Review Board: the
 * step a project is at and the decisions that moved it there, the Board's
 * members, its decisions on proposals, and the seed-funding rounds with
 * their published and recorded totals (see store.h).
 *
 * Not for the rules (which move is allowed, who may decide): they live in
 * portfolio/board.c, and io/board_io.c applies them and writes the audit
 * trail in the same transaction as these writes.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "store_int.h"

int
store_stage_get(Store *s, int64_t project_id, int *stage, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT coalesce(stage, 0) FROM project WHERE id = ?", err);
	int rc;

	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		*stage = (int)db_int(st, 0);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int64_t
store_stage_set(Store *s, const StageDecision *d, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st;
	int64_t id = -1;

	/* Only from the step the rules were checked against. */
	st = db_prepare(s->db,
	    "UPDATE project SET stage = ?1 WHERE id = ?2"
	    " AND coalesce(stage, 0) = ?3",
	    err);
	if (st == NULL ||
	    db_bind(st, "iii", (int64_t)d->to_stage, d->project_id,
		(int64_t)d->from_stage) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	if (db_changes(s->db) != 1)
		return 0;
	store_now(&now);
	st = db_prepare(s->db,
	    "INSERT INTO stage_decision(project_id, from_stage, to_stage,"
	    " account_id, actor, decided_at, reason, board_decision_id)"
	    " VALUES (?1, nullif(?2, 0), ?3, nullif(?4, 0), ?5, ?6, ?7,"
	    " nullif(?8, 0))",
	    err);
	if (st != NULL &&
	    db_bind(st, "iiiittt", d->project_id, (int64_t)d->from_stage,
		(int64_t)d->to_stage, d->account_id, d->actor, buf_str(&now),
		d->reason) == 0 &&
	    db_bind_int(st, 8, d->board_decision_id) == 0 &&
	    store_run(s, st, err) == 0)
		id = db_last_id(s->db);
	buf_free(&now);
	return id;
}

int
store_stage_history(
    Store *s, int64_t project_id, StoreStageFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, project_id, coalesce(from_stage, 0), to_stage,"
	    " coalesce(account_id, 0), actor, decided_at, reason,"
	    " coalesce(board_decision_id, 0) FROM stage_decision"
	    " WHERE project_id = ? ORDER BY id",
	    err);
	StageDecision d;
	int rc;

	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		d.id = db_int(st, 0);
		d.project_id = db_int(st, 1);
		d.from_stage = (int)db_int(st, 2);
		d.to_stage = (int)db_int(st, 3);
		d.account_id = db_int(st, 4);
		d.actor = db_text(st, 5);
		d.decided_at = db_text(st, 6);
		d.reason = db_text(st, 7);
		d.board_decision_id = db_int(st, 8);
		if (fn(ctx, &d) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_stage_unplaced(Store *s, StoreUnplacedFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, status FROM project WHERE stage IS NULL ORDER BY id",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_int(st, 0), db_text_or_null(st, 1)) != 0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_proposals(Store *s, StoreProposalFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT id, title, stage FROM project WHERE stage BETWEEN 1 AND 4"
	    " ORDER BY stage DESC, id",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_int(st, 0), db_text(st, 1),
			(int)db_int(st, 2)) != 0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_board_member_set(Store *s, int64_t account_id, int on, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	store_now(&now);
	st = db_prepare(s->db,
	    on ? "INSERT INTO board_member(account_id, since)"
		 " VALUES (?1, ?2) ON CONFLICT DO NOTHING"
	       : "DELETE FROM board_member WHERE account_id = ?1",
	    err);
	if (st != NULL && db_bind_int(st, 1, account_id) == 0 &&
	    (!on || db_bind_text(st, 2, buf_str(&now)) == 0) &&
	    store_run(s, st, err) == 0)
		rc = db_changes(s->db) > 0;
	buf_free(&now);
	return rc;
}

int
store_board_member_is(Store *s, int64_t account_id, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT 1 FROM board_member WHERE account_id = ?", err);
	int rc;

	if (st == NULL || db_bind(st, "i", account_id) != 0)
		return -1;
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_board_members(Store *s, StoreMemberFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT a.login, a.role, m.since FROM board_member m"
	    " JOIN account a ON a.id = m.account_id ORDER BY a.login",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_text(st, 0), db_text(st, 1), db_text(st, 2)) !=
		    0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int64_t
store_board_decision_add(Store *s, const BoardDecision *d, Buf *err)
{
	Buf now = BUF_INIT;
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO board_decision(project_id, round_id, decision,"
	    " seed_usd, conditions, reason, meeting, account_id, actor,"
	    " recorded_at, demo) VALUES (?1,"
	    " (SELECT id FROM seed_round WHERE key = ?2), ?3, ?4, ?5, ?6, ?7,"
	    " nullif(?8, 0), ?9, ?10, ?11)",
	    err);
	int64_t id = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "ittitttitti", d->project_id, d->round, d->decision,
		d->seed_usd, d->conditions ? d->conditions : "",
		d->reason ? d->reason : "", d->meeting, d->account_id, d->actor,
		buf_str(&now), (int64_t)(d->demo != 0)) == 0 &&
	    store_run(s, st, err) == 0)
		id = db_last_id(s->db);
	buf_free(&now);
	return id;
}

int
store_board_decisions(
    Store *s, const BoardFilter *f, StoreBoardFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT d.id, d.project_id, p.title, r.key, d.decision,"
	    " d.seed_usd, d.conditions, d.reason, d.meeting,"
	    " coalesce(d.account_id, 0), d.actor, d.recorded_at, d.demo"
	    " FROM board_decision d JOIN project p ON p.id = d.project_id"
	    " LEFT JOIN seed_round r ON r.id = d.round_id"
	    " WHERE (CAST(?1 AS text) IS NULL OR r.key = ?1)"
	    " AND (?2 = 0 OR d.project_id = ?2)"
	    " AND (CAST(?3 AS text) IS NULL OR d.decision = ?3)"
	    " ORDER BY d.meeting, d.id",
	    err);
	BoardDecision d;
	int rc;

	if (st == NULL ||
	    db_bind(st, "tit", f->round, f->project, f->decision) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		d.id = db_int(st, 0);
		d.project_id = db_int(st, 1);
		d.project_title = db_text(st, 2);
		d.round = db_text_or_null(st, 3);
		d.decision = db_text(st, 4);
		d.seed_usd = db_int(st, 5);
		d.conditions = db_text(st, 6);
		d.reason = db_text(st, 7);
		d.meeting = db_text(st, 8);
		d.account_id = db_int(st, 9);
		d.actor = db_text(st, 10);
		d.recorded_at = db_text(st, 11);
		d.demo = (int)db_int(st, 12);
		if (fn(ctx, &d) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int64_t
store_board_approvals(Store *s, int64_t project_id, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT count(*) FROM board_decision WHERE project_id = ?"
	    " AND decision = 'approve'",
	    err);
	int64_t n = 0;
	int rc;

	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		n = db_int(st, 0);
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : n;
}

void
seed_round_clear(SeedRound *r)
{
	free(r->key);
	free(r->name);
	free(r->source);
	memset(r, 0, sizeof(*r));
}

/*
 * A round and what its decisions add up to: every decision counted, the
 * approved projects each once, the funding summed; the part of both that
 * demonstration records make, apart.
 */
#define ROUND_SELECT                                                           \
	"SELECT r.id, r.key, r.name, r.source, r.year,"                        \
	" coalesce(r.published_projects, -1), coalesce(r.published_usd, -1),"  \
	" (SELECT count(*) FROM board_decision d WHERE d.round_id = r.id),"    \
	" (SELECT count(DISTINCT d.project_id) FROM board_decision d"          \
	"  WHERE d.round_id = r.id AND d.decision = 'approve'),"               \
	" (SELECT coalesce(sum(d.seed_usd), 0) FROM board_decision d"          \
	"  WHERE d.round_id = r.id AND d.decision = 'approve'),"               \
	" (SELECT count(*) FROM board_decision d WHERE d.round_id = r.id"      \
	"  AND d.demo = 1),"                                                   \
	" (SELECT coalesce(sum(d.seed_usd), 0) FROM board_decision d"          \
	"  WHERE d.round_id = r.id AND d.decision = 'approve'"                 \
	"  AND d.demo = 1),"                                                   \
	" (SELECT count(DISTINCT d.project_id) FROM board_decision d"          \
	"  WHERE d.round_id = r.id AND d.decision = 'approve'"                 \
	"  AND d.demo = 1) FROM seed_round r"

static void
round_row(DbStmt *st, SeedRound *r)
{
	r->id = db_int(st, 0);
	r->key = store_col_dup(st, 1);
	r->name = store_col_dup(st, 2);
	r->source = store_col_dup(st, 3);
	r->year = (int)db_int(st, 4);
	r->published_projects = db_int(st, 5);
	r->published_usd = db_int(st, 6);
	r->decisions = db_int(st, 7);
	r->projects = db_int(st, 8);
	r->usd = db_int(st, 9);
	r->demo_decisions = db_int(st, 10);
	r->demo_usd = db_int(st, 11);
	r->demo_projects = db_int(st, 12);
}

int
store_seed_rounds(Store *s, StoreRoundFn fn, void *ctx, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, ROUND_SELECT " ORDER BY r.year, r.key", err);
	SeedRound r;
	int rc, stop;

	if (st == NULL)
		return -1;
	memset(&r, 0, sizeof(r));
	while ((rc = db_step(st)) == DB_ROW) {
		round_row(st, &r);
		stop = fn(ctx, &r);
		seed_round_clear(&r);
		if (stop != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_seed_round_get(Store *s, const char *key, SeedRound *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db, ROUND_SELECT " WHERE r.key = ?", err);
	int rc;

	if (st == NULL || db_bind(st, "t", key) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		round_row(st, r);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}
