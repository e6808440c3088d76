/*
 * stats.c - counting projects by pillar, status, entity, scope, country,
 * region and year (see store.h).
 *
 * Each dimension is one GROUP BY over the table that carries it,
 * restricted to the projects the filter selects, counting distinct
 * projects: a project counts once in every group it belongs to.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "filter.h"
#include "store_int.h"

typedef struct StatDim {
	const char *by;     /* dimension name */
	const char *select; /* key, name, count ... FROM ... WHERE ... */
	const char *idcol;  /* its project id column, or NULL: it is p */
	const char *tail;   /* GROUP BY and ORDER BY */
	/* PostgreSQL's, when it differs: it groups by the key of the table
	 * whose columns are shown, which SQLite need not. */
	const char *tail_pg;
} StatDim;

/*
 * The dimensions that are columns of project read them through the index
 * project_facet, which covers them, and never touch the wide rows of the
 * table; the others group their link table through its own index and meet
 * the filter as a set of project ids.
 */
static const StatDim stat_dims[] = {
	{ "pillar",
	    "SELECT pl.key, coalesce(n.short, pl.key),"
	    " (SELECT count(*) FROM project p WHERE p.pillar_id = pl.id%s) +"
	    " (SELECT count(*) FROM project_pillar pp"
	    " WHERE pp.pillar_id = pl.id%s) FROM pillar pl"
	    " LEFT JOIN pillar_name n ON n.pillar_id = pl.id AND n.lang = 'en'",
	    "pp.project_id", " ORDER BY pl.number", NULL },
	{ "status",
	    "SELECT v.k, v.k, (SELECT count(*) FROM project p"
	    " WHERE p.status = v.k%s) FROM (SELECT 'in_development' AS k,"
	    " 1 AS o UNION ALL SELECT 'ongoing', 2 UNION ALL"
	    " SELECT 'completed', 3) v",
	    NULL, " ORDER BY v.o", NULL },
	{ "entity",
	    "SELECT o.key, o.name, count(*) FROM project_org po"
	    " JOIN organisation o ON o.id = po.organisation_id"
	    " WHERE po.organisation_id IS NOT NULL%s",
	    "po.project_id",
	    " GROUP BY po.organisation_id ORDER BY 3 DESC, o.key",
	    " GROUP BY o.id ORDER BY 3 DESC, o.key" },
	{ "scope",
	    "WITH t AS (SELECT sum(p.scopes & 1) AS g,"
	    " sum((p.scopes >> 1) & 1) AS r, sum((p.scopes >> 2) & 1) AS n"
	    " FROM project p WHERE TRUE%s)"
	    " SELECT 'global', 'global', g FROM t WHERE g > 0 UNION ALL"
	    " SELECT 'regional', 'regional', r FROM t WHERE r > 0 UNION ALL"
	    " SELECT 'national', 'national', n FROM t WHERE n > 0",
	    NULL, "", NULL },
	/*
	 * Counted in the index first, the country's row read once a group
	 * after: read for each of the link's rows, it was two thirds of
	 * the time at 1,000,000 activities (445 -> 148 ms on SQLite).
	 */
	{ "country",
	    "SELECT c.iso3, c.name, g.n FROM (SELECT pp.place_id,"
	    " count(*) AS n FROM project_place pp"
	    " WHERE pp.place_id IS NOT NULL%s GROUP BY pp.place_id) g"
	    " JOIN place c ON c.id = g.place_id AND c.kind = 'country'",
	    "pp.project_id", " ORDER BY 3 DESC, c.iso3", NULL },
	{ "region",
	    "SELECT r.key, r.name, count(DISTINCT pp.project_id)"
	    " FROM place r JOIN place_within w ON w.ancestor_id = r.id"
	    " JOIN project_place pp ON pp.place_id = w.place_id"
	    " WHERE r.kind = 'region'%s",
	    "pp.project_id", " GROUP BY r.id ORDER BY 3 DESC, r.key", NULL },
	/*
	 * A project runs from year_from to year_to (migration 17): it adds
	 * one at its first year and takes one off after its last, and each
	 * year counts what was added up to it.  The changes by year are
	 * made once (MATERIALIZED), not again for each year; unfiltered, off
	 * the index project_years alone.
	 */
	{ "year",
	    "WITH RECURSIVE p0 AS NOT MATERIALIZED (SELECT p.year_from AS f,"
	    " p.year_to AS t FROM project p"
	    " WHERE p.year_from IS NOT NULL%s),"
	    " e(y, n) AS MATERIALIZED (SELECT f, count(*) FROM p0 GROUP BY f"
	    " UNION ALL SELECT t + 1, -count(*) FROM p0 GROUP BY t),"
	    " r(y) AS (SELECT min(y) FROM e UNION ALL SELECT y + 1 FROM r"
	    " WHERE y < (SELECT max(y) FROM e))"
	    " SELECT CAST(r.y AS TEXT), CAST(r.y AS TEXT),"
	    " CAST((SELECT coalesce(sum(e.n), 0) FROM e WHERE e.y <= r.y)"
	    " AS bigint) FROM r WHERE r.y IS NOT NULL",
	    NULL, " ORDER BY r.y", NULL },
};

/*
 * The countries' totals of the whole portfolio, kept by the writes in
 * place_total (schema.sql, migration 15), cols after the country's key and
 * name: the count by country, unfiltered, reads some 300 rows instead of
 * every link of a project to a place.
 */
#define COUNTRY_TOTALS(cols)                                                   \
	"SELECT c.iso3, c.name, " cols " FROM place_total t"                   \
	" JOIN place c ON c.id = t.place_id AND c.kind = 'country'"            \
	" WHERE t.projects > 0"

/*
 * The filter as SQL for a dimension: the clauses on p themselves, or the
 * projects they select as an id set of the link table's column.
 */
static void
stats_filter(const char *col, const FilterSql *fs, Buf *out)
{
	if (fs->where.len == 0)
		return;
	if (col == NULL)
		buf_puts(out, buf_str(&fs->where));
	else
		/*
		 * The unary + keeps SQLite from driving the join by the
		 * id set (one probe per id per group); the link table's own
		 * index leads and each row is tested against the set.
		 */
		buf_printf(out,
		    " AND +%s IN (SELECT p.id FROM project p WHERE TRUE%s)",
		    col, buf_str(&fs->where));
}

/* Append tmpl to out with its first "%s" replaced by a, its second by b. */
static void
subst(Buf *out, const char *tmpl, const char *a, const char *b)
{
	const char *mark;

	while ((mark = strstr(tmpl, "%s")) != NULL) {
		buf_append(out, tmpl, (size_t)(mark - tmpl));
		buf_puts(out, a);
		a = b;
		b = "";
		tmpl = mark + 2;
	}
	buf_puts(out, tmpl);
}

static int
stats_total(Store *s, const FilterSql *fs, int64_t *total, Buf *err)
{
	Buf sql = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	if (fs->where.len == 0)
		buf_puts(&sql, "SELECT projects FROM portfolio_total");
	else
		buf_printf(&sql, "SELECT count(*) FROM project p WHERE TRUE%s",
		    buf_str(&fs->where));
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st != NULL) {
		filter_sql_bind(fs, st, 1);
		if (db_step(st) == DB_ROW) {
			*total = db_int(st, 0);
			rc = 0;
		} else {
			store_fail(s, err);
		}
		db_finalize(st);
	}
	buf_free(&sql);
	return rc;
}

static int
stats_compute(Store *s, const char *by, const ProjectFilter *f, int64_t *total,
    StoreStatFn fn, void *ctx, Buf *err)
{
	const StatDim *d = NULL;
	FilterSql fs;
	int nbind;
	Buf sql = BUF_INIT;
	DbStmt *st = NULL;
	int rc = -1, step;

	for (size_t i = 0; i < sizeof(stat_dims) / sizeof(stat_dims[0]); i++)
		if (strcmp(stat_dims[i].by, by) == 0)
			d = &stat_dims[i];
	if (d == NULL) {
		buf_printf(err, "cannot group by \"%s\"", by);
		return -1;
	}
	filter_sql_build(s, &fs, f);
	if (stats_total(s, &fs, total, err) != 0)
		goto out;
	{
		Buf f1 = BUF_INIT, f2 = BUF_INIT;

		/* pillar has two places for the filter: the primary pillar
		 * (on p) and the further ones (on project_pillar). */
		stats_filter(
		    strcmp(d->by, "pillar") == 0 ? NULL : d->idcol, &fs, &f1);
		if (strcmp(d->by, "pillar") == 0)
			stats_filter(d->idcol, &fs, &f2);
		/* The whole portfolio by country is kept by the writes. */
		if (strcmp(d->by, "country") == 0 && fs.where.len == 0)
			buf_puts(&sql, COUNTRY_TOTALS("t.projects"));
		else
			subst(&sql, d->select, buf_str(&f1), buf_str(&f2));
		buf_puts(&sql, s->pg && d->tail_pg ? d->tail_pg : d->tail);
		buf_free(&f1);
		buf_free(&f2);
		nbind = strcmp(d->by, "pillar") == 0 && fs.where.len ? 2 : 1;
	}
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	for (int k = 0, at = 1; k < nbind; k++)
		at = filter_sql_bind(&fs, st, at);
	while ((step = db_step(st)) == DB_ROW) {
		StatGroup g = { db_text(st, 0), db_text(st, 1), db_int(st, 2),
			0, 0 };

		/* Groups with no project are left out, as GROUP BY would. */
		if (g.count > 0 && fn(ctx, &g) != 0)
			break;
	}
	if (step == DB_ERROR) {
		store_fail(s, err);
		goto out;
	}
	rc = 0;
out:
	db_finalize(st);
	buf_free(&sql);
	filter_sql_free(&fs);
	return rc;
}

/*
 * The budget by country, computed (store_stats_budget() keeps it): the
 * total's usd in *usd, every group to fn.
 */
static int
budget_compute(Store *s, const ProjectFilter *f, int64_t *total, int64_t *usd,
    StoreStatFn fn, void *ctx, Buf *err)
{
	FilterSql fs;
	Buf sql = BUF_INIT;
	DbStmt *st = NULL;
	int rc = -1, step;

	filter_sql_build(s, &fs, f);
	/* Unfiltered, the two are kept by the writes (migration 15). */
	if (fs.where.len == 0)
		buf_puts(&sql, "SELECT projects, usd FROM portfolio_total");
	else
		buf_printf(&sql,
		    "SELECT count(*), coalesce(sum(b.usd), 0) FROM project p"
		    " LEFT JOIN budget b ON b.project_id = p.id WHERE TRUE%s",
		    buf_str(&fs.where));
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	filter_sql_bind(&fs, st, 1);
	if (db_step(st) != DB_ROW) {
		store_fail(s, err);
		goto out;
	}
	*total = db_int(st, 0);
	*usd = db_int(st, 1);
	db_finalize(st);
	buf_reset(&sql);
	/*
	 * Filtered, as the count by country: the link table's index leads,
	 * the sums are made by place first and the country's row read once
	 * a group.  Grouped by the link's place_id with the country's columns
	 * shown, PostgreSQL refused the query (c.iso3 is not in the GROUP BY).
	 */
	if (fs.where.len == 0)
		buf_puts(&sql,
		    COUNTRY_TOTALS(
			"t.projects, t.budgets, t.usd") " ORDER BY 5 DESC, "
							"c.iso3");
	else
		buf_printf(&sql,
		    "SELECT c.iso3, c.name, g.n, g.nb, g.usd FROM (SELECT"
		    " pp.place_id, count(*) AS n, count(b.usd) AS nb,"
		    " coalesce(sum(b.usd), 0) AS usd FROM project_place pp"
		    " LEFT JOIN budget b ON b.project_id = pp.project_id"
		    " WHERE pp.place_id IS NOT NULL"
		    " AND +pp.project_id IN (SELECT p.id FROM project p"
		    " WHERE TRUE%s) GROUP BY pp.place_id) g"
		    " JOIN place c ON c.id = g.place_id AND c.kind = 'country'"
		    " ORDER BY 5 DESC, c.iso3",
		    buf_str(&fs.where));
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	filter_sql_bind(&fs, st, 1);
	while ((step = db_step(st)) == DB_ROW) {
		StatGroup g = { db_text(st, 0), db_text(st, 1), db_int(st, 2),
			db_int(st, 3), db_int(st, 4) };

		if (fn(ctx, &g) != 0)
			break;
	}
	if (step == DB_ERROR) {
		store_fail(s, err);
		goto out;
	}
	rc = 0;
out:
	db_finalize(st);
	buf_free(&sql);
	filter_sql_free(&fs);
	return rc;
}

/*
 * The cache: statistics do not change until the data does, so a result
 * is kept with the generation it was computed at (store_state) and read
 * back while the generation holds.  Filling the cache is best effort: a
 * database that is busy just computes every time.  It is filled on the
 * primary, whichever connection computed the result (a replica's reads
 * keep no cache of their own: they read the primary's, replicated).
 */
typedef struct Collect {
	StatGroup *g;
	size_t n, cap;
	StoreStatFn fn;
	void *ctx;
	int stopped; /* fn stopped early: the result is partial */
} Collect;

static int
collect(void *ctx, const StatGroup *g)
{
	Collect *c = ctx;
	StatGroup *k;

	mem_grow((void **)&c->g, &c->cap, c->n + 1, sizeof(*k));
	k = &c->g[c->n++];
	k->key = xstrdup(g->key);
	k->name = xstrdup(g->name);
	k->count = g->count;
	k->budgets = g->budgets;
	k->usd = g->usd;
	if (c->fn(c->ctx, g) != 0) {
		c->stopped = 1;
		return 1;
	}
	return 0;
}

static void
stats_sig(const char *by, const ProjectFilter *f, Buf *sig)
{
	const char *v[] = { f ? f->pillar : NULL, f ? f->entity : NULL,
		f ? f->country : NULL, f ? f->region : NULL,
		f ? f->status : NULL, f ? f->search : NULL };

	buf_puts(sig, by);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_putc(sig, '\x1f');
		if (v[i])
			buf_puts(sig, v[i]);
	}
}

static int
stats_cached(Store *s, const char *sig, int64_t gen, int64_t *total,
    int64_t *usd, StoreStatFn fn, void *ctx)
{
	Buf err = BUF_INIT;
	DbStmt *st = db_prepare(s->db,
	    "SELECT pos, key, name, count, budgets, usd FROM stats_cache"
	    " WHERE sig = ? AND generation = ? ORDER BY pos",
	    &err);
	int found = 0;

	buf_free(&err);
	if (st == NULL || db_bind(st, "ti", sig, gen) != 0)
		return 0;
	while (db_step(st) == DB_ROW) {
		StatGroup g = { db_text(st, 1), db_text(st, 2), db_int(st, 3),
			db_int(st, 4), db_int(st, 5) };

		if (db_int(st, 0) < 0) {
			*total = g.count;
			if (usd != NULL)
				*usd = g.usd;
			found = 1;
		} else if (found && fn(ctx, &g) != 0) {
			break;
		}
	}
	db_reset(st);
	return found;
}

static void
stats_store(Store *s, const char *sig, int64_t gen, int64_t total, int64_t usd,
    const Collect *c)
{
	Buf err = BUF_INIT;
	DbStmt *del, *ins, *prune;
	Db *w = store_fill_begin(s, gen);
	int ok;

	if (w == NULL)
		goto out;
	del = db_prepare(w, "DELETE FROM stats_cache WHERE sig = ?", &err);
	ins = db_prepare(w,
	    "INSERT INTO stats_cache(sig, generation, pos, key, name, count,"
	    " budgets, usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    &err);
	/* Rows of older generations are of no use to anyone: prune them. */
	prune = db_prepare(
	    w, "DELETE FROM stats_cache WHERE generation <> ?", &err);
	if (prune == NULL || db_bind(prune, "i", gen) != 0 ||
	    store_run(s, prune, &err) != 0) {
		store_fill_end(s, w, 0);
		goto out;
	}
	ok = del && ins && db_bind(del, "t", sig) == 0 &&
	    store_run(s, del, &err) == 0 &&
	    db_bind(ins, "tiittiii", sig, gen, (int64_t)-1, "", "", total,
		(int64_t)0, usd) == 0 &&
	    store_run(s, ins, &err) == 0;
	for (size_t i = 0; ok && i < c->n; i++)
		ok = db_bind(ins, "tiittiii", sig, gen, (int64_t)i, c->g[i].key,
			 c->g[i].name, c->g[i].count, c->g[i].budgets,
			 c->g[i].usd) == 0 &&
		    store_run(s, ins, &err) == 0;
	store_fill_end(s, w, ok);
out:
	buf_free(&err);
}

/* Whether f selects the whole portfolio. */
static int
filter_empty(const ProjectFilter *f)
{
	return f == NULL ||
	    (!f->pillar && !f->entity && !f->country && !f->region &&
		!f->status && !f->search);
}

/*
 * The groups of dimension by (the sig's name) that f selects, as kept
 * for this generation of the data, else computed (budget: the budgets by
 * country, else the counts by) and kept.
 */
static int
stats_kept(Store *s, const char *by, int budget, const ProjectFilter *f,
    int64_t *total, int64_t *usd, StoreStatFn fn, void *ctx, Buf *err)
{
	Buf sig = BUF_INIT;
	Collect c = { NULL, 0, 0, fn, ctx, 0 };
	int64_t gen = store_generation(s), sum = 0;
	int rc;

	/*
	 * The whole portfolio by country, counted or summed, is read off the
	 * totals the writes keep (migration 15), a row a country: no dearer
	 * than the cache, where keeping it cost a write, and at the end of
	 * the process a checkpoint and its syncs, after each change.
	 */
	if ((budget || strcmp(by, "country") == 0) && filter_empty(f))
		gen = 0;
	stats_sig(by, f, &sig);
	if (gen > 0 &&
	    stats_cached(s, buf_str(&sig), gen, total, usd, fn, ctx)) {
		buf_free(&sig);
		return 0;
	}
	rc = budget ? budget_compute(s, f, total, &sum, collect, &c, err)
		    : stats_compute(s, by, f, total, collect, &c, err);
	if (usd != NULL)
		*usd = sum;
	if (rc == 0 && gen > 0 && !c.stopped)
		stats_store(s, buf_str(&sig), gen, *total, sum, &c);
	for (size_t i = 0; i < c.n; i++) {
		free((char *)(uintptr_t)c.g[i].key);
		free((char *)(uintptr_t)c.g[i].name);
	}
	free(c.g);
	buf_free(&sig);
	return rc;
}

int
store_stats(Store *s, const char *by, const ProjectFilter *f, int64_t *total,
    StoreStatFn fn, void *ctx, Buf *err)
{
	return stats_kept(s, by, 0, f, total, NULL, fn, ctx, err);
}

/* A count with no groups: nothing to pass on. */
static int
count_none(void *ctx, const StatGroup *g)
{
	(void)ctx;
	(void)g;
	return 0;
}

int
store_count_cached(
    Store *s, const ProjectFilter *f, int64_t *gen, int64_t *total)
{
	Buf sig = BUF_INIT;
	int found;

	*gen = store_generation(s);
	stats_sig("count", f, &sig);
	found = *gen > 0 &&
	    stats_cached(s, buf_str(&sig), *gen, total, NULL, count_none, NULL);
	buf_free(&sig);
	return found;
}

void
store_count_keep(Store *s, const ProjectFilter *f, int64_t gen, int64_t total)
{
	Buf sig = BUF_INIT;
	Collect none = { NULL, 0, 0, count_none, NULL, 0 };

	if (gen <= 0)
		return;
	stats_sig("count", f, &sig);
	stats_store(s, buf_str(&sig), gen, total, 0, &none);
	buf_free(&sig);
}

int
store_stats_budget(Store *s, const ProjectFilter *f, int64_t *total,
    int64_t *usd, StoreStatFn fn, void *ctx, Buf *err)
{
	return stats_kept(
	    s, "budget-by-country", 1, f, total, usd, fn, ctx, err);
}
