/*
 * ref.c - writing and reading reference data: the strategy framework,
 * places and organisations (see store.h).
 *
 * Loading is idempotent: every put is an upsert by key, so loading the same
 * reference data twice changes nothing, and loading a corrected file
 * updates names in place without disturbing the projects that point at
 * them.
 */
#include <string.h>

#include "../text/fold.h"
#include "store_int.h"

/* Run st and return the id in column 0 of its one row, or -1. */
int64_t
store_returning_id(Store *s, DbStmt *st, Buf *err)
{
	int64_t id = -1;

	if (db_step(st) == DB_ROW)
		id = db_int(st, 0);
	else
		store_fail(s, err);
	db_reset(st);
	return id;
}

int64_t
store_strategy_put(Store *s, const char *key, const char *symbol, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO strategy(key, symbol) VALUES (?, ?)"
	    " ON CONFLICT(key) DO UPDATE SET symbol = excluded.symbol"
	    " RETURNING id",
	    err);

	if (st == NULL || db_bind(st, "tt", key, symbol) != 0)
		return -1;
	s->strategy_id = store_returning_id(s, st, err);
	return s->strategy_id;
}

int
store_strategy_name_put(
    Store *s, int64_t strategy_id, const char *lang, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO strategy_name(strategy_id, lang, name) VALUES (?, ?, "
	    "?)"
	    " ON CONFLICT(strategy_id, lang) DO UPDATE SET name = "
	    "excluded.name",
	    err);

	if (st == NULL || db_bind(st, "itt", strategy_id, lang, name) != 0)
		return -1;
	return store_run(s, st, err);
}

int64_t
store_pillar_put(
    Store *s, int64_t strategy_id, const char *key, int number, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO pillar(strategy_id, key, number) VALUES (?, ?, ?)"
	    " ON CONFLICT(strategy_id, key) DO UPDATE SET number = "
	    "excluded.number"
	    " RETURNING id",
	    err);

	if (st == NULL ||
	    db_bind(st, "iti", strategy_id, key, (int64_t)number) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

int
store_pillar_name_put(Store *s, int64_t pillar_id, const char *lang,
    const char *short_name, const char *full_name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO pillar_name(pillar_id, lang, short, \"full\")"
	    " VALUES (?, ?, ?, ?) ON CONFLICT(pillar_id, lang) DO UPDATE"
	    " SET short = excluded.short, \"full\" = excluded.full",
	    err);

	if (st == NULL ||
	    db_bind(st, "ittt", pillar_id, lang, short_name, full_name) != 0)
		return -1;
	return store_run(s, st, err);
}

int64_t
store_area_put(Store *s, int64_t strategy_id, const char *key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO thematic_area(strategy_id, key) VALUES (?, ?)"
	    " ON CONFLICT(strategy_id, key) DO UPDATE SET key = excluded.key"
	    " RETURNING id",
	    err);

	if (st == NULL || db_bind(st, "it", strategy_id, key) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

int
store_area_name_put(
    Store *s, int64_t area_id, const char *lang, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO thematic_area_name(thematic_area_id, lang, name)"
	    " VALUES (?, ?, ?) ON CONFLICT(thematic_area_id, lang)"
	    " DO UPDATE SET name = excluded.name",
	    err);

	if (st == NULL || db_bind(st, "itt", area_id, lang, name) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_area_pillar_put(Store *s, int64_t area_id, int64_t strategy_id,
    const char *pillar_key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO thematic_area_pillar(thematic_area_id, pillar_id)"
	    " SELECT ?, id FROM pillar WHERE strategy_id = ? AND key = ?"
	    " ON CONFLICT DO NOTHING",
	    err);

	if (st == NULL ||
	    db_bind(st, "iit", area_id, strategy_id, pillar_key) != 0)
		return -1;
	if (store_run(s, st, err) != 0)
		return -1;
	if (db_changes(s->db) == 0 &&
	    store_pillar_exists(s, pillar_key, err) == 0) {
		buf_printf(err, "unknown pillar \"%s\"", pillar_key);
		return -1;
	}
	return 0;
}

int64_t
store_group_put(Store *s, int64_t strategy_id, const char *key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO working_group(strategy_id, key) VALUES (?, ?)"
	    " ON CONFLICT(strategy_id, key) DO UPDATE SET key = excluded.key"
	    " RETURNING id",
	    err);

	if (st == NULL || db_bind(st, "it", strategy_id, key) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

int
store_group_name_put(
    Store *s, int64_t group_id, const char *lang, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO working_group_name(working_group_id, lang, name)"
	    " VALUES (?, ?, ?) ON CONFLICT(working_group_id, lang)"
	    " DO UPDATE SET name = excluded.name",
	    err);

	if (st == NULL || db_bind(st, "itt", group_id, lang, name) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_group_area_put(Store *s, int64_t group_id, int64_t strategy_id,
    const char *area_key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO working_group_area(working_group_id, thematic_area_id)"
	    " SELECT ?, id FROM thematic_area WHERE strategy_id = ? AND key = ?"
	    " ON CONFLICT DO NOTHING",
	    err);

	if (st == NULL ||
	    db_bind(st, "iit", group_id, strategy_id, area_key) != 0)
		return -1;
	return store_run(s, st, err);
}

int64_t
store_place_put(Store *s, const char *key, const char *kind, const char *m49,
    const char *iso2, const char *iso3, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO place(key, kind, m49, iso2, iso3, name)"
	    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
	    " kind = excluded.kind, m49 = excluded.m49, iso2 = excluded.iso2,"
	    " iso3 = excluded.iso3, name = excluded.name RETURNING id",
	    err);

	if (st == NULL ||
	    db_bind(st, "tttttt", key, kind, m49, iso2, iso3, name) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

int
store_place_name_put(
    Store *s, int64_t place_id, const char *lang, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO place_name(place_id, lang, name) VALUES (?, ?, ?)"
	    " ON CONFLICT(place_id, lang) DO UPDATE SET name = excluded.name",
	    err);

	if (st == NULL || db_bind(st, "itt", place_id, lang, name) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_place_parent_put(
    Store *s, int64_t place_id, const char *parent_key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO place_parent(place_id, parent_id)"
	    " SELECT ?, id FROM place WHERE key = ? ON CONFLICT DO NOTHING",
	    err);

	if (st == NULL || db_bind(st, "it", place_id, parent_key) != 0)
		return -1;
	return store_run(s, st, err);
}

int
store_place_member(
    Store *s, const char *member_key, const char *group_key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO place_parent(place_id, parent_id)"
	    " SELECT m.id, g.id FROM place m, place g"
	    " WHERE m.key = ? AND g.key = ? ON CONFLICT DO NOTHING",
	    err);
	DbStmt *chk;
	int n = 0;

	if (st == NULL || db_bind(st, "tt", member_key, group_key) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	chk = db_prepare(
	    s->db, "SELECT count(*) FROM place WHERE key IN (?, ?)", err);
	if (chk == NULL || db_bind(chk, "tt", member_key, group_key) != 0)
		return -1;
	if (db_step(chk) == DB_ROW)
		n = (int)db_int(chk, 0);
	db_reset(chk);
	if (n != 2) {
		buf_printf(err, "no place with key %s", member_key);
		return -1;
	}
	return 0;
}

/*
 * Shared body of the two alias puts: table and key column differ, so each
 * caller passes its own pair of statements.
 */
static int
store_alias_put(Store *s, DbStmt *find, DbStmt *ins, const char *alias,
    const char *target_key, Buf *err)
{
	Buf fold = BUF_INIT;
	int rc = -1;

	text_name_key(alias, &fold);
	if (fold.len == 0) {
		rc = 0;
		goto out;
	}
	if (db_bind(find, "t", buf_str(&fold)) != 0)
		goto out;
	if (db_step(find) == DB_ROW) {
		const char *have = db_text(find, 0);

		if (strcmp(have, target_key) == 0) {
			rc = 0;
		} else {
			buf_printf(err, "alias \"%s\" names both %s and %s",
			    alias, have, target_key);
		}
		db_reset(find);
		goto out;
	}
	db_reset(find);
	if (db_bind(ins, "ttt", buf_str(&fold), alias, target_key) != 0)
		goto out;
	if (store_run(s, ins, err) != 0)
		goto out;
	if (db_changes(s->db) == 0) {
		buf_printf(
		    err, "alias \"%s\": no such key %s", alias, target_key);
		goto out;
	}
	rc = 1;
out:
	buf_free(&fold);
	return rc;
}

int
store_place_alias_put(
    Store *s, const char *alias, const char *place_key, Buf *err)
{
	DbStmt *find, *ins;

	find = db_prepare(s->db,
	    "SELECT p.key FROM place_alias a JOIN place p ON p.id = a.place_id"
	    " WHERE a.fold = ?",
	    err);
	if (find == NULL)
		return -1;
	ins = db_prepare(s->db,
	    "INSERT INTO place_alias(fold, alias, place_id)"
	    " SELECT ?, ?, id FROM place WHERE key = ?",
	    err);
	if (ins == NULL)
		return -1;
	return store_alias_put(s, find, ins, alias, place_key, err);
}

int
store_org_alias_put(Store *s, const char *alias, const char *org_key, Buf *err)
{
	DbStmt *find, *ins;

	find = db_prepare(s->db,
	    "SELECT o.key FROM organisation_alias a"
	    " JOIN organisation o ON o.id = a.organisation_id WHERE a.fold = ?",
	    err);
	if (find == NULL)
		return -1;
	ins = db_prepare(s->db,
	    "INSERT INTO organisation_alias(fold, alias, organisation_id)"
	    " SELECT ?, ?, id FROM organisation WHERE key = ?",
	    err);
	if (ins == NULL)
		return -1;
	return store_alias_put(s, find, ins, alias, org_key, err);
}

int
store_place_closure(Store *s, Buf *err)
{
	/*
	 * A place is within itself, within its M49 ancestors, within every
	 * grouping it belongs to; a grouping is within the M49 ancestors of
	 * its members, so "projects in Africa" finds a Sahel project.
	 */
	return db_exec(s->db,
	    "DELETE FROM place_within;"
	    "INSERT INTO place_within(place_id, ancestor_id)"
	    " WITH RECURSIVE up(place_id, ancestor_id) AS ("
	    "  SELECT id, id FROM place"
	    "  UNION SELECT up.place_id, pp.parent_id FROM up"
	    "   JOIN place_parent pp ON pp.place_id = up.ancestor_id)"
	    " SELECT place_id, ancestor_id FROM up;"
	    "INSERT INTO place_within(place_id, ancestor_id)"
	    " SELECT DISTINCT g.id, w.ancestor_id FROM place g"
	    "  JOIN place_parent m ON m.parent_id = g.id"
	    "  JOIN place_within w ON w.place_id = m.place_id"
	    "  JOIN place a ON a.id = w.ancestor_id"
	    " WHERE g.kind = 'grouping' AND a.kind <> 'grouping'"
	    "  AND a.kind <> 'country' ON CONFLICT DO NOTHING;",
	    err);
}

int64_t
store_org_put(Store *s, const char *key, const char *name, const char *type,
    const char *compact, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO organisation(key, name, type, compact)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
	    " name = excluded.name, type = excluded.type,"
	    " compact = excluded.compact RETURNING id",
	    err);

	if (st == NULL || db_bind(st, "tttt", key, name, type, compact) != 0)
		return -1;
	return store_returning_id(s, st, err);
}

int
store_org_parent_set(
    Store *s, const char *key, const char *parent_key, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "UPDATE organisation SET parent_id ="
	    " (SELECT id FROM organisation WHERE key = ?2) WHERE key = ?1",
	    err);

	if (st == NULL || db_bind(st, "tt", key, parent_key) != 0)
		return -1;
	if (store_run(s, st, err) != 0)
		return -1;
	if (parent_key != NULL) {
		DbStmt *chk = db_prepare(
		    s->db, "SELECT 1 FROM organisation WHERE key = ?", err);

		if (chk == NULL || db_bind(chk, "t", parent_key) != 0)
			return -1;
		if (db_step(chk) != DB_ROW) {
			db_reset(chk);
			buf_printf(err, "organisation %s: unknown parent %s",
			    key, parent_key);
			return -1;
		}
		db_reset(chk);
	}
	return 0;
}

int
store_org_name_put(
    Store *s, int64_t org_id, const char *lang, const char *name, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "INSERT INTO organisation_name(organisation_id, lang, name)"
	    " VALUES (?, ?, ?) ON CONFLICT(organisation_id, lang)"
	    " DO UPDATE SET name = excluded.name",
	    err);

	if (st == NULL || db_bind(st, "itt", org_id, lang, name) != 0)
		return -1;
	return store_run(s, st, err);
}

static int
store_alias_walk(Store *s, DbStmt *st, StoreAliasFn fn, void *ctx, Buf *err)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		if (fn(ctx, db_text(st, 0), db_int(st, 1), db_text(st, 2),
			db_text(st, 3)) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_org_aliases(Store *s, StoreAliasFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT a.fold, o.id, o.key, o.type FROM organisation_alias a"
	    " JOIN organisation o ON o.id = a.organisation_id",
	    err);

	return st ? store_alias_walk(s, st, fn, ctx, err) : -1;
}

int
store_place_aliases(Store *s, StoreAliasFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT a.fold, p.id, p.key, p.kind FROM place_alias a"
	    " JOIN place p ON p.id = a.place_id",
	    err);

	return st ? store_alias_walk(s, st, fn, ctx, err) : -1;
}

int
store_pillar_exists(Store *s, const char *key, Buf *err)
{
	DbStmt *st =
	    db_prepare(s->db, "SELECT 1 FROM pillar WHERE key = ?", err);
	int rc;

	if (st == NULL || db_bind(st, "t", key) != 0)
		return -1;
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

int
store_alias_find(
    Store *s, int place, const char *fold, Buf *key, Buf *kind, Buf *err)
{
	DbStmt *st;
	int rc;

	if (place)
		st = db_prepare(s->db,
		    "SELECT p.key, p.kind FROM place_alias a"
		    " JOIN place p ON p.id = a.place_id WHERE a.fold = ?",
		    err);
	else
		st = db_prepare(s->db,
		    "SELECT o.key, o.type FROM organisation_alias a"
		    " JOIN organisation o ON o.id = a.organisation_id"
		    " WHERE a.fold = ?",
		    err);
	if (st == NULL || db_bind(st, "t", fold) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		buf_set(key, db_text(st, 0));
		buf_set(kind, db_text(st, 1));
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
}

static int64_t
id_by_key(Store *s, const char *sql, const char *key)
{
	Buf err = BUF_INIT;
	DbStmt *st = db_prepare(s->db, sql, &err);
	int64_t id = 0;

	if (st != NULL && db_bind(st, "t", key) == 0 && db_step(st) == DB_ROW)
		id = db_int(st, 0);
	if (st != NULL)
		db_reset(st);
	buf_free(&err);
	return id;
}

int64_t
store_org_id(Store *s, const char *key)
{
	return id_by_key(s, "SELECT id FROM organisation WHERE key = ?", key);
}

int64_t
store_place_id(Store *s, const char *key)
{
	return id_by_key(s, "SELECT id FROM place WHERE key = ?", key);
}

/* Run st (bound), handing each row's 7 columns to fn as a RefItem. */
static int
ref_rows(Store *s, DbStmt *st, StoreRefFn fn, void *ctx, Buf *err)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW) {
		RefItem r = { db_text_or_null(st, 0), db_text_or_null(st, 1),
			db_text_or_null(st, 2), db_text_or_null(st, 3),
			db_text_or_null(st, 4), db_text_or_null(st, 5),
			db_text_or_null(st, 6) };

		if (fn(ctx, &r) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_organisations(
    Store *s, const char *lang, StoreRefFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT o.key, o.type, COALESCE(n.name, o.name), p.key, NULL,"
	    " NULL, NULL"
	    " FROM organisation o LEFT JOIN organisation p"
	    " ON p.id = o.parent_id"
	    " LEFT JOIN organisation_name n ON n.organisation_id = o.id"
	    " AND n.lang = ?1 ORDER BY o.key",
	    err);

	if (st == NULL || db_bind(st, "t", lang) != 0)
		return -1;
	return ref_rows(s, st, fn, ctx, err);
}

int
store_places(Store *s, const char *kind, const char *lang, StoreRefFn fn,
    void *ctx, Buf *err)
{
	static const char *const sql[NLANG] = STORE_BY_LANG(
	    "SELECT p.key, p.kind, COALESCE(n.name, p.name), NULL, p.iso2,"
	    " p.iso3, p.m49 FROM place p"
	    " LEFT JOIN place_name n ON n.place_id = p.id AND n.lang = ?2"
	    " WHERE CAST(?1 AS text) IS NULL OR p.kind = ?1"
	    " ORDER BY p.kind, COALESCE(n.name, p.name)",
	    "");
	DbStmt *st = db_prepare(s->db, store_sql_by_lang(sql, lang), err);

	if (st == NULL || db_bind(st, "tt", kind, lang) != 0)
		return -1;
	return ref_rows(s, st, fn, ctx, err);
}

int
store_pillar_names(Store *s, StorePillarFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT p.key, p.number, n.lang, n.short, n.full FROM pillar p"
	    " JOIN pillar_name n ON n.pillar_id = p.id"
	    " ORDER BY p.number, n.lang",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		PillarName n = { db_text(st, 0), (int)db_int(st, 1),
			db_text(st, 2), db_text(st, 3), db_text(st, 4) };

		if (fn(ctx, &n) != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}
