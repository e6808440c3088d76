/*
 * region.c - reading regions and groupings for the regional pages and
 * reports (see store.h): a region by key with its name in a language, its
 * member countries named in that language, and every region with the
 * number of projects the --region filter would select in it.
 *
 * A name is the place's name in the language asked when the reference
 * data has one (place_name, from the M49 file and groupings.json), its
 * English name failing that.  Not for writing places (ref.c does).
 */
#include <string.h>

#include "store_int.h"

/* The place's name in ?lang, English failing it; p is the place. */
#define NAME_IN_LANG                                                           \
	"coalesce((SELECT n.name FROM place_name n WHERE n.place_id = p.id"    \
	" AND n.lang = ?), p.name)"

/* The kinds of place a regional page is about. */
#define REGION_KINDS "('region', 'subregion', 'intermediate', 'grouping')"

/* Run st, each row's columns (key, kind, name, iso3, m49, count) to fn. */
static int
region_rows(Store *s, DbStmt *st, StoreRegionFn fn, void *ctx, Buf *err)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		RegionItem r = { db_text(st, 0), db_text(st, 1), db_text(st, 2),
			db_text_or_null(st, 3), db_text_or_null(st, 4),
			db_int(st, 5) };

		if (fn(ctx, &r) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

/* Keep the one row in a RegionItem's strings (store_region_get). */
typedef struct One {
	Buf *key, *kind, *name;
	int found;
} One;

static int
one_keep(void *ctx, const RegionItem *r)
{
	One *o = ctx;

	buf_set(o->key, r->key);
	buf_set(o->kind, r->kind);
	buf_set(o->name, r->name);
	o->found = 1;
	return 1;
}

int
store_region_get(Store *s, const char *key, const char *lang, Buf *out_key,
    Buf *kind, Buf *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT p.key, p.kind, " NAME_IN_LANG ", p.iso3, p.m49, 0"
	    " FROM place p WHERE p.key = ? AND p.kind IN " REGION_KINDS,
	    err);
	One o = { out_key, kind, name, 0 };

	if (st == NULL || db_bind(st, "tt", lang, key) != 0)
		return -1;
	if (region_rows(s, st, one_keep, &o, err) != 0)
		return -1;
	return o.found;
}

int
store_place_name(
    Store *s, int64_t place_id, const char *lang, Buf *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT p.key, p.kind, " NAME_IN_LANG ", p.iso3, p.m49, 0"
	    " FROM place p WHERE p.id = ?",
	    err);
	Buf key = BUF_INIT, kind = BUF_INIT;
	One o = { &key, &kind, name, 0 };
	int rc;

	if (st == NULL || db_bind(st, "ti", lang, place_id) != 0)
		return -1;
	rc = region_rows(s, st, one_keep, &o, err);
	buf_free(&key);
	buf_free(&kind);
	return rc != 0 ? -1 : o.found;
}

int
store_region_countries(Store *s, const char *key, const char *lang,
    StoreRegionFn fn, void *ctx, Buf *err)
{
	static const char *const sql[NLANG] = STORE_BY_LANG(
	    "SELECT p.key, p.kind, " NAME_IN_LANG ", p.iso3, p.m49, 0"
	    " FROM place r JOIN place_within w ON w.ancestor_id = r.id"
	    " JOIN place p ON p.id = w.place_id"
	    " WHERE r.key = ? AND p.kind = 'country'"
	    " ORDER BY coalesce((SELECT n.name FROM place_name n"
	    " WHERE n.place_id = p.id AND n.lang = ?1), p.name)",
	    ", p.iso3");
	DbStmt *st = db_prepare(s->db, store_sql_by_lang(sql, lang), err);

	if (st == NULL || db_bind(st, "tt", lang, key) != 0)
		return -1;
	return region_rows(s, st, fn, ctx, err);
}

int
store_regions(Store *s, const char *lang, StoreRegionFn fn, void *ctx, Buf *err)
{
	/*
	 * A project counts in a region when it names a place within it, as
	 * the --region filter selects (filter.c), once however many.
	 */
	DbStmt *st = db_prepare(s->db,
	    "SELECT p.key, p.kind, " NAME_IN_LANG ", p.iso3, p.m49,"
	    " (SELECT count(DISTINCT pp.project_id) FROM place_within w"
	    " JOIN project_place pp ON pp.place_id = w.place_id"
	    " WHERE w.ancestor_id = p.id)"
	    " FROM place p WHERE p.kind IN " REGION_KINDS
	    " ORDER BY CASE p.kind WHEN 'grouping' THEN 1 ELSE 0 END,"
	    " coalesce(p.m49, ''), p.name",
	    err);

	if (st == NULL || db_bind(st, "t", lang) != 0)
		return -1;
	return region_rows(s, st, fn, ctx, err);
}
