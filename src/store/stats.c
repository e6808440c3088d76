/*
 * stats.c - counting projects by pillar, status, entity, scope, country,
 * region and year (see store.h).
 *
 * Each dimension is one GROUP BY over the link table that carries it,
 * restricted to the projects the filter selects, counting distinct
 * projects: a project counts once in every group it belongs to.
 */
#include <string.h>

#include "filter.h"
#include "store_int.h"

typedef struct StatDim {
	const char *by;     /* dimension name */
	const char *select; /* key, name, count ... FROM ... WHERE 1 */
	const char *tail;   /* GROUP BY and ORDER BY */
} StatDim;

static const StatDim stat_dims[] = {
	{ "pillar",
	    "SELECT pl.key, coalesce(n.short, pl.key), count(DISTINCT p.id)"
	    " FROM project p JOIN (SELECT id AS project_id, pillar_id FROM"
	    " project UNION ALL SELECT project_id, pillar_id FROM"
	    " project_pillar) pp ON pp.project_id = p.id"
	    " JOIN pillar pl ON pl.id = pp.pillar_id"
	    " LEFT JOIN pillar_name n ON n.pillar_id = pl.id AND n.lang = 'en'"
	    " WHERE 1",
	    " GROUP BY pl.id ORDER BY pl.number" },
	{ "status",
	    "SELECT p.status, p.status, count(*) FROM project p"
	    " WHERE p.status IS NOT NULL",
	    " GROUP BY p.status ORDER BY CASE p.status"
	    " WHEN 'in_development' THEN 1 WHEN 'ongoing' THEN 2 ELSE 3 END" },
	{ "entity",
	    "SELECT o.key, o.name, count(DISTINCT p.id) FROM project p"
	    " JOIN project_org po ON po.project_id = p.id"
	    " JOIN organisation o ON o.id = po.organisation_id WHERE 1",
	    " GROUP BY o.id ORDER BY 3 DESC, o.key" },
	{ "scope",
	    "SELECT s.k, s.k, count(*) FROM project p JOIN (SELECT 'global'"
	    " AS k, 1 AS bit UNION ALL SELECT 'regional', 2 UNION ALL"
	    " SELECT 'national', 4) s ON (p.scopes & s.bit) <> 0 WHERE 1",
	    " GROUP BY s.k, s.bit ORDER BY s.bit" },
	{ "country",
	    "SELECT c.iso3, c.name, count(DISTINCT p.id) FROM project p"
	    " JOIN project_place pp ON pp.project_id = p.id"
	    " JOIN place c ON c.id = pp.place_id AND c.kind = 'country'"
	    " WHERE 1",
	    " GROUP BY c.id ORDER BY 3 DESC, c.iso3" },
	{ "region",
	    "SELECT r.key, r.name, count(DISTINCT p.id) FROM project p"
	    " JOIN project_place pp ON pp.project_id = p.id"
	    " JOIN place_within w ON w.place_id = pp.place_id"
	    " JOIN place r ON r.id = w.ancestor_id AND r.kind = 'region'"
	    " WHERE 1",
	    " GROUP BY r.id ORDER BY 3 DESC, r.key" },
	{ "year",
	    "SELECT CAST(py.year AS TEXT), CAST(py.year AS TEXT), count(*)"
	    " FROM project p JOIN project_year py ON py.project_id = p.id"
	    " WHERE 1",
	    " GROUP BY py.year ORDER BY py.year" },
};

static int
stats_total(Store *s, const FilterSql *fs, int64_t *total, Buf *err)
{
	Buf sql = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	buf_printf(&sql, "SELECT count(*) FROM project p WHERE 1%s",
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

int
store_stats(Store *s, const char *by, const ProjectFilter *f, int64_t *total,
    StoreStatFn fn, void *ctx, Buf *err)
{
	const StatDim *d = NULL;
	FilterSql fs;
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
	filter_sql_build(&fs, f);
	if (stats_total(s, &fs, total, err) != 0)
		goto out;
	buf_printf(&sql, "%s%s%s", d->select, buf_str(&fs.where), d->tail);
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	filter_sql_bind(&fs, st, 1);
	while ((step = db_step(st)) == DB_ROW) {
		StatGroup g = { db_text(st, 0), db_text(st, 1), db_int(st, 2) };

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
