/*
 * money.c - currencies and rates, budgets, contributions, appeals, the
 * gender marker, seed-funding rounds, and the sums of money by group (see
 * store.h).
 *
 * Sums are integers throughout: minor units of a currency, US cents.  SQL
 * adds them as 64-bit integers, which hold some 92 thousand trillion
 * dollars in cents: no total of this portfolio comes near.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "store_int.h"

int
store_currency_put(
    Store *s, const char *code, int minor, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO currency(code, minor, name) VALUES (?, ?, ?)"
	    " ON CONFLICT(code) DO UPDATE SET minor = excluded.minor,"
	    " name = excluded.name",
	    err);

	s->minor_code[0] = '\0';
	if (st == NULL || db_bind(st, "tit", code, (int64_t)minor, name) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_currency(Store *s, const char *code, int *minor, Buf *err)
{
	DbStmt *st;
	int rc;

	if (s->bulk && strcmp(code, s->minor_code) == 0) {
		*minor = s->minor;
		return 1;
	}
	st =
	    db_prepare(s->db, "SELECT minor FROM currency WHERE code = ?", err);
	if (st == NULL || db_bind(st, "t", code) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*minor = (int)db_int(st, 0);
		if (s->bulk && strlen(code) < sizeof(s->minor_code)) {
			memcpy(s->minor_code, code, strlen(code) + 1);
			s->minor = *minor;
		}
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_currencies(Store *s, StoreCurrencyFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT code, minor, name FROM currency ORDER BY code", err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_text(st, 0), (int)db_int(st, 1),
			db_text(st, 2)) != 0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_rate_put(Store *s, const char *currency, const char *on_date,
    int64_t usd_e9, const char *source, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO rate(currency, on_date, usd_e9, source)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT(currency, on_date) DO UPDATE"
	    " SET usd_e9 = excluded.usd_e9, source = excluded.source",
	    err);

	if (st == NULL ||
	    db_bind(st, "ttit", currency, on_date, usd_e9, source) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_rate_at(Store *s, const char *currency, const char *date, int64_t *usd_e9,
    char rate_date[11], Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT usd_e9, on_date FROM rate WHERE currency = ?"
	    " AND on_date <= ? ORDER BY on_date DESC LIMIT 1",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "tt", currency, date) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*usd_e9 = db_int(st, 0);
		snprintf(rate_date, 11, "%s", db_text(st, 1));
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_rates(Store *s, const char *currency, StoreRateFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT currency, on_date, usd_e9, source FROM rate"
	    " WHERE CAST(?1 AS text) IS NULL OR currency = ?1"
	    " ORDER BY currency, on_date DESC",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "t", currency) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_text(st, 0), db_text(st, 1), db_int(st, 2),
			db_text(st, 3)) != 0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_rate_delete(Store *s, const char *currency, const char *on_date, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "DELETE FROM rate WHERE currency = ? AND on_date = ?", err);

	if (st == NULL || db_bind(st, "tt", currency, on_date) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int64_t
store_seed_round_put(Store *s, const char *key, const char *name, int year,
    int64_t projects, int64_t usd, const char *source, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO seed_round(key, name, year, published_projects,"
	    " published_usd, source) VALUES (?1, ?2, ?3, nullif(?4, -1),"
	    " nullif(?5, -1), ?6) ON CONFLICT(key) DO UPDATE SET"
	    " name = excluded.name, year = excluded.year,"
	    " published_projects = excluded.published_projects,"
	    " published_usd = excluded.published_usd,"
	    " source = excluded.source RETURNING id",
	    err);

	if (st == NULL ||
	    db_bind(st, "ttiiit", key, name, (int64_t)year, projects, usd,
		source) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

/* --- budgets ------------------------------------------------------------ */

static void
money_row(DbStmt *st, int i, Money *m)
{
	m->amount = db_int(st, i);
	snprintf(m->currency, sizeof(m->currency), "%s", db_text(st, i + 1));
	m->usd = db_int(st, i + 2);
	m->usd_e9 = db_int(st, i + 3);
	snprintf(m->rate_date, sizeof(m->rate_date), "%s", db_text(st, i + 4));
	m->minor = (int)db_int(st, i + 5);
}

int
store_budget_get(Store *s, int64_t project_id, Budget *b, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT amount, currency, usd, usd_e9, rate_date,"
	    " (SELECT minor FROM currency WHERE code = currency), as_of, demo"
	    " FROM budget WHERE project_id = ?",
	    err);
	int rc;

	memset(b, 0, sizeof(*b));
	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		b->project_id = project_id;
		money_row(st, 0, &b->m);
		snprintf(b->as_of, sizeof(b->as_of), "%s", db_text(st, 6));
		b->demo = (int)db_int(st, 7);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_budget_put(Store *s, const Budget *b, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO budget(project_id, amount, currency, usd, usd_e9,"
	    " rate_date, as_of, updated_at, demo) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " nullif(?6, ''), ?7, ?8, ?9) ON CONFLICT(project_id) DO UPDATE SET"
	    " amount = ?2, currency = ?3, usd = ?4, usd_e9 = ?5,"
	    " rate_date = nullif(?6, ''), as_of = ?7, updated_at = ?8,"
	    " demo = ?9",
	    err);
	Buf now = BUF_INIT;
	int rc = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "iitiittti", b->project_id, b->m.amount, b->m.currency,
		b->m.usd, b->m.usd_e9, b->m.rate_date, b->as_of, buf_str(&now),
		(int64_t)b->demo) == 0)
		rc = store_run(s, st, err);
	buf_free(&now);
	return rc;
}

int
store_budget_delete(Store *s, int64_t project_id, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "DELETE FROM budget WHERE project_id = ?", err);

	if (st == NULL || db_bind(st, "i", project_id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

/* --- contributions -------------------------------------------------------- */

#define CONTRIBUTION_COLS                                                      \
	"c.id, c.donor_name, coalesce(o.key, pl.iso3),"                        \
	" coalesce(c.project_id, 0), pr.title, c.trust_fund, c.earmarked,"     \
	" c.kind = 'in_kind', c.amount, c.currency, c.usd, c.usd_e9,"          \
	" c.rate_date, (SELECT minor FROM currency WHERE code = c.currency),"  \
	" c.received, c.note, c.demo, c.created_at"                            \
	" FROM contribution c"                                                 \
	" LEFT JOIN organisation o ON o.id = c.donor_org_id"                   \
	" LEFT JOIN place pl ON pl.id = c.donor_place_id"                      \
	" LEFT JOIN project pr ON pr.id = c.project_id"

static void
contribution_row(DbStmt *st, Contribution *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_int(st, 0);
	c->donor = xstrdup(db_text(st, 1));
	c->donor_key = store_col_dup(st, 2);
	c->project = db_int(st, 3);
	c->project_title = store_col_dup(st, 4);
	c->trust_fund = (int)db_int(st, 5);
	c->earmarked = (int)db_int(st, 6);
	c->in_kind = (int)db_int(st, 7);
	money_row(st, 8, &c->m);
	snprintf(c->received, sizeof(c->received), "%s", db_text(st, 14));
	c->note = xstrdup(db_text(st, 15));
	c->demo = (int)db_int(st, 16);
	c->created_at = xstrdup(db_text(st, 17));
}

void
contribution_free(Contribution *c)
{
	free(c->donor);
	free(c->donor_key);
	free(c->project_title);
	free(c->note);
	free(c->created_at);
	memset(c, 0, sizeof(*c));
}

int64_t
store_contribution_add(Store *s, const Contribution *c, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO contribution(donor_org_id, donor_place_id,"
	    " donor_name, project_id, trust_fund, earmarked, kind, amount,"
	    " currency, usd, usd_e9, rate_date, received, note, demo,"
	    " created_at) VALUES ((SELECT id FROM organisation WHERE key = ?1),"
	    " CASE WHEN (SELECT id FROM organisation WHERE key = ?1) IS NULL"
	    "  THEN (SELECT id FROM place WHERE iso3 = ?1 AND kind = 'country')"
	    "  END, ?2, nullif(?3, 0), ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " nullif(?11, ''), ?12, ?13, ?14, ?15) RETURNING id",
	    err);
	Buf now = BUF_INIT;
	int64_t id = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "ttiiititiitttit", c->donor_key, c->donor, c->project,
		(int64_t)c->trust_fund, (int64_t)c->earmarked,
		c->in_kind ? "in_kind" : "cash", c->m.amount, c->m.currency,
		c->m.usd, c->m.usd_e9, c->m.rate_date, c->received,
		c->note ? c->note : "", (int64_t)c->demo, buf_str(&now)) == 0)
		id = store_returning_id(s, st, err);
	buf_free(&now);
	return id;
}

int
store_contribution_get(Store *s, int64_t id, Contribution *c, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT " CONTRIBUTION_COLS " WHERE c.id = ?", err);
	int rc;

	memset(c, 0, sizeof(*c));
	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		contribution_row(st, c);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_contribution_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "DELETE FROM contribution WHERE id = ?", err);

	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_contributions(Store *s, const ContributionFilter *f,
    StoreContributionFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT " CONTRIBUTION_COLS " WHERE (?1 = 0 OR c.project_id = ?1)"
	    " AND (CAST(?2 AS text) IS NULL OR c.donor_name = ?2 OR o.key = ?2"
	    "  OR pl.iso3 = ?2) AND (?3 = 0 OR c.trust_fund = 1)"
	    " ORDER BY c.received DESC, c.id DESC",
	    err);
	Contribution c;
	int rc;

	if (st == NULL ||
	    db_bind(st, "iti", f->project, f->donor, (int64_t)f->trust_fund) !=
		0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		int stop;

		contribution_row(st, &c);
		stop = fn(ctx, &c);
		contribution_free(&c);
		if (stop)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

/* --- sums by group -------------------------------------------------------- */

/*
 * The money of each project (fund), then grouped.  Received: contributions
 * earmarked for the project and seed funding granted by the Board.
 */
#define FUND_CTE                                                               \
	"WITH got(project_id, usd, demo) AS (SELECT project_id, sum(usd),"     \
	"  max(demo) FROM (SELECT project_id, usd, demo FROM contribution"     \
	"   WHERE project_id IS NOT NULL"                                      \
	"   UNION ALL SELECT project_id, seed_usd, demo FROM board_decision"   \
	"   WHERE decision = 'approve' AND seed_usd > 0) AS paid"              \
	"  GROUP BY project_id),"                                              \
	" fund AS (SELECT pr.id, pr.title, pr.pillar_id, pr.gender_marker,"    \
	"  pr.gender_demo,"                                                    \
	"  pr.serial, (SELECT o.organisation_id FROM project_org o"            \
	"   WHERE o.project_id = pr.id ORDER BY o.position LIMIT 1) AS lead,"  \
	"  b.usd AS budget, coalesce(g.usd, 0) AS received,"                   \
	"  CASE WHEN coalesce(b.demo, 0) > coalesce(g.demo, 0)"                \
	"   THEN coalesce(b.demo, 0) ELSE coalesce(g.demo, 0) END AS demo,"    \
	"  coalesce(g.demo, 0) AS received_demo"                               \
	"  FROM project pr LEFT JOIN budget b ON b.project_id = pr.id"         \
	"  LEFT JOIN got g ON g.project_id = pr.id"                            \
	"  WHERE (CAST(?1 AS text) IS NULL OR pr.pillar_id = (SELECT id"       \
	"   FROM pillar WHERE key = ?1))"                                      \
	"  AND (?3 = 0 OR pr.id IN (SELECT project_id FROM appeal_project"     \
	"   WHERE appeal_id = ?3))"                                            \
	"  AND (?4 = 0 OR pr.id = ?4))"

#define FUND_SUMS                                                              \
	" count(*), count(f.budget), coalesce(sum(f.budget), 0),"              \
	" coalesce(sum(f.received), 0),"                                       \
	" coalesce(sum(CASE WHEN f.budget > f.received"                        \
	"  THEN f.budget - f.received ELSE 0 END), 0),"                        \
	" coalesce(sum(f.demo), 0), coalesce(sum(f.received_demo), 0)"

#define FUND_SUMS_GENDER                                                       \
	" count(*), count(f.budget), coalesce(sum(f.budget), 0),"              \
	" coalesce(sum(f.received), 0),"                                       \
	" coalesce(sum(CASE WHEN f.budget > f.received"                        \
	"  THEN f.budget - f.received ELSE 0 END), 0),"                        \
	" coalesce(sum(CASE WHEN f.demo > f.gender_demo"                       \
	"  THEN f.demo ELSE f.gender_demo END), 0),"                           \
	" coalesce(sum(f.received_demo), 0)"

/* The lead filter, on the grouped rows (?2: entity key). */
#define FUND_LEAD                                                              \
	" WHERE (CAST(?2 AS text) IS NULL OR f.lead IN (SELECT id"             \
	"  FROM organisation WHERE key = ?2 OR parent_id = (SELECT id FROM "   \
	"organisation"                                                         \
	"  WHERE key = ?2)))"

static const struct {
	const char *by, *sql;
} fund_sql[] = {
	{ "project",
	    FUND_CTE " SELECT f.id, f.title," FUND_SUMS " FROM fund f" FUND_LEAD
		     " GROUP BY f.id, f.title ORDER BY coalesce(sum(CASE"
		     " WHEN f.budget > f.received THEN f.budget - f.received"
		     " ELSE 0 END), -1) DESC, f.id" },
	{ "entity",
	    FUND_CTE " SELECT coalesce(o.key, ''), coalesce(o.name,"
		     " 'no lead entity')," FUND_SUMS " FROM fund f"
		     " LEFT JOIN organisation o ON o.id = f.lead" FUND_LEAD
		     " GROUP BY f.lead, o.id ORDER BY 7 DESC, 1" },
	{ "pillar",
	    FUND_CTE " SELECT coalesce(p.key, ''), coalesce(n.short,"
		     " 'no pillar')," FUND_SUMS " FROM fund f"
		     " LEFT JOIN pillar p ON p.id = f.pillar_id"
		     " LEFT JOIN pillar_name n ON n.pillar_id = p.id"
		     " AND n.lang = 'en'" FUND_LEAD
		     " GROUP BY f.pillar_id, p.id, n.pillar_id, n.lang"
		     " ORDER BY p.number IS NULL,"
		     " p.number" },
	/* A marker made up counts as a demonstration record here. */
	{ "gender",
	    FUND_CTE " SELECT coalesce(CAST(f.gender_marker AS text), ''),"
		     " coalesce('GEN' || f.gender_marker, 'not assessed'),"
		     " " FUND_SUMS_GENDER " FROM fund f" FUND_LEAD
		     " GROUP BY f.gender_marker ORDER BY f.gender_marker"
		     " IS NULL, f.gender_marker" },
	{ "portfolio",
	    FUND_CTE " SELECT 'portfolio', 'the portfolio'," FUND_SUMS
		     " FROM fund f" FUND_LEAD },
};

int
store_fund_by_known(const char *by)
{
	for (size_t i = 0; i < sizeof(fund_sql) / sizeof(fund_sql[0]); i++)
		if (strcmp(fund_sql[i].by, by) == 0)
			return 1;
	return 0;
}

int
store_funding(
    Store *s, const FundFilter *f, StoreFundFn fn, void *ctx, Buf *err)
{
	const char *sql = NULL;
	DbStmt *st;
	FundRow r;
	int rc;

	for (size_t i = 0; i < sizeof(fund_sql) / sizeof(fund_sql[0]); i++)
		if (strcmp(fund_sql[i].by, f->by) == 0)
			sql = fund_sql[i].sql;
	if (sql == NULL) {
		buf_printf(err, "no grouping \"%s\"", f->by);
		return -1;
	}
	if ((st = db_prepare(s->db, sql, err)) == NULL ||
	    db_bind(st, "ttii", f->pillar, f->entity, f->appeal, f->project) !=
		0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		r.key = db_text(st, 0);
		r.name = db_text(st, 1);
		r.projects = db_int(st, 2);
		r.budgeted = db_int(st, 3);
		r.budget = db_int(st, 4);
		r.received = db_int(st, 5);
		r.shortfall = db_int(st, 6);
		r.demo = db_int(st, 7);
		r.received_demo = db_int(st, 8);
		if (r.projects == 0)
			continue; /* the portfolio of an empty filter */
		if (fn(ctx, &r) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_trust_fund_donors(Store *s, StoreDonorFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT coalesce(o.key, pl.iso3, c.donor_name),"
	    " min(coalesce(o.name, pl.name, c.donor_name)), sum(c.usd),"
	    " count(*),"
	    " sum(CASE WHEN c.earmarked = 1 THEN c.usd ELSE 0 END),"
	    " sum(c.demo) FROM contribution c"
	    " LEFT JOIN organisation o ON o.id = c.donor_org_id"
	    " LEFT JOIN place pl ON pl.id = c.donor_place_id"
	    " WHERE c.trust_fund = 1 GROUP BY 1"
	    " ORDER BY 3 DESC, 2",
	    err);
	Donor d;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		d.key = db_text(st, 0);
		d.name = db_text(st, 1);
		d.usd = db_int(st, 2);
		d.contributions = db_int(st, 3);
		d.earmarked_usd = db_int(st, 4);
		d.demo = db_int(st, 5);
		if (fn(ctx, &d) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

/* --- appeals ---------------------------------------------------------- */

void
appeal_free(Appeal *a)
{
	free(a->key);
	free(a->title);
	free(a->issued);
	free(a->note);
	free(a->projects);
	memset(a, 0, sizeof(*a));
}

int64_t
store_appeal_save(Store *s, const Appeal *a, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO appeal(key, title, issued, note, demo, created_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(key) DO UPDATE SET"
	    " title = ?2, issued = ?3, note = ?4, demo = ?5 RETURNING id",
	    err);
	Buf now = BUF_INIT;
	int64_t id = -1;

	store_now(&now);
	if (st != NULL &&
	    db_bind(st, "ttttit", a->key, a->title, a->issued,
		a->note ? a->note : "", (int64_t)a->demo, buf_str(&now)) == 0)
		id = store_returning_id(s, st, err);
	buf_free(&now);
	if (id < 0)
		return -1;
	st = db_prepare(
	    s->db, "DELETE FROM appeal_project WHERE appeal_id = ?", err);
	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	for (size_t i = 0; i < a->nprojects; i++) {
		st = db_prepare(s->db,
		    "INSERT INTO appeal_project(appeal_id, project_id,"
		    " position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
		    err);
		if (st == NULL ||
		    db_bind(st, "iii", id, a->projects[i], (int64_t)i) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return id;
}

static int
appeal_projects(Store *s, Appeal *a, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT project_id FROM appeal_project WHERE appeal_id = ?"
	    " ORDER BY position",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "i", a->id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		a->projects = xrealloc(
		    a->projects, (a->nprojects + 1) * sizeof(*a->projects));
		a->projects[a->nprojects++] = db_int(st, 0);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

#define APPEAL_COLS "id, key, title, issued, note, demo FROM appeal"

static void
appeal_row(DbStmt *st, Appeal *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_int(st, 0);
	a->key = xstrdup(db_text(st, 1));
	a->title = xstrdup(db_text(st, 2));
	a->issued = store_col_dup(st, 3);
	a->note = xstrdup(db_text(st, 4));
	a->demo = (int)db_int(st, 5);
}

int
store_appeal_get(Store *s, const char *key, Appeal *a, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "SELECT " APPEAL_COLS " WHERE key = ?", err);
	int rc;

	memset(a, 0, sizeof(*a));
	if (st == NULL || db_bind(st, "t", key) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		appeal_row(st, a);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	if (rc != DB_ROW)
		return 0;
	return appeal_projects(s, a, err) == 0 ? 1 : -1;
}

int
store_appeals(Store *s, StoreAppealFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "SELECT " APPEAL_COLS " ORDER BY issued DESC, key", err);
	Appeal *all = NULL;
	size_t n = 0;
	int rc;

	if (st == NULL)
		return -1;
	/* Read them all first: the projects of each need the connection. */
	while ((rc = db_step(st)) == DB_ROW) {
		all = xrealloc(all, (n + 1) * sizeof(*all));
		appeal_row(st, &all[n++]);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		rc = store_fail(s, err);
	else
		rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && appeal_projects(s, &all[i], err) != 0)
			rc = -1;
		if (rc == 0 && fn(ctx, &all[i]) != 0)
			rc = 1;
		appeal_free(&all[i]);
	}
	free(all);
	return rc < 0 ? -1 : 0;
}

int
store_appeal_delete(Store *s, const char *key, Buf *err)
{
	DbStmt *st = db_prepare(s->db, "DELETE FROM appeal WHERE key = ?", err);

	if (st == NULL || db_bind(st, "t", key) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

/* --- the gender marker -------------------------------------------------- */

int
store_gender_get(Store *s, int64_t project_id, int *demo, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT coalesce(gender_marker, -1), gender_demo FROM project"
	    " WHERE id = ?",
	    err);
	int rc, g = -2;

	if (demo != NULL)
		*demo = 0;
	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -3;
	rc = db_step(st);
	if (rc == DB_ROW) {
		g = (int)db_int(st, 0);
		if (demo != NULL)
			*demo = db_int(st, 1) != 0;
	}
	db_reset(st);
	if (rc == DB_ERROR) {
		store_fail(s, err);
		return -3;
	}
	return g;
}

int
store_gender_set(Store *s, int64_t project_id, int marker, int demo, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "UPDATE project SET gender_marker = nullif(?1, -1),"
	    " gender_demo = CASE WHEN ?1 >= 0 THEN ?2 ELSE 0 END WHERE id = ?3",
	    err);

	if (st == NULL ||
	    db_bind(st, "iii", (int64_t)marker, (int64_t)(demo != 0),
		project_id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_appeal_key(Store *s, int64_t id, Buf *key, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "SELECT key FROM appeal WHERE id = ?", err);
	int rc;

	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		buf_set(key, db_text(st, 0));
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}
