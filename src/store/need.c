/*
 * need.c - needs of Member States, the projects that answer them, the gap
 * tables, and what the duplication report reads of projects (see
 * store.h).
 *
 * Every statement that reads needs carries the clause NEED_VISIBLE, bound
 * to the viewer's level and organisation as parameters 1 and 2: a need
 * someone may not see is never read, so it cannot reach a list, a count,
 * a gap table or an error message.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/fold.h"
#include "store_int.h"

/* Words of a search, at most; the rest are ignored. */
#define NEED_SEARCH_WORDS 8

#define NEED_VISIBLE                                                           \
	"(n.confidentiality = 'public'"                                        \
	" OR (?1 >= 1 AND n.confidentiality = 'compact') OR ?1 >= 3"           \
	" OR (?1 = 2 AND n.confidentiality = 'restricted' AND EXISTS"          \
	"  (SELECT 1 FROM need_org o WHERE o.need_id = n.id"                   \
	"   AND (o.organisation_id = ?2 OR o.organisation_id ="                \
	"    (SELECT parent_id FROM organisation WHERE id = ?2)))))"

/*
 * The filters of NeedFilter, as parameters 3 to 18.  A NULL filter is
 * CAST to text before IS NULL, so that PostgreSQL knows its type; a word
 * is in the folded text when replacing it changes the text (the words are
 * never empty): instr() is SQLite's alone, strpos() PostgreSQL's.
 */
#define NEED_WHERE                                                             \
	" WHERE " NEED_VISIBLE                                                 \
	" AND (CAST(?3 AS text) IS NULL OR c.iso3 = ?3)"                       \
	" AND (CAST(?4 AS text) IS NULL OR EXISTS (SELECT 1"                   \
	"  FROM place_within w"                                                \
	"  JOIN place r ON r.id = w.ancestor_id"                               \
	"  WHERE w.place_id = n.country_id AND r.key = ?4))"                   \
	" AND (CAST(?5 AS text) IS NULL OR n.pillar_id = (SELECT id"           \
	"  FROM pillar WHERE key = ?5))"                                       \
	" AND (CAST(?6 AS text) IS NULL OR n.thematic_area_id = (SELECT id"    \
	"  FROM thematic_area WHERE key = ?6))"                                \
	" AND (CAST(?7 AS text) IS NULL OR n.status = ?7)"                     \
	" AND (CAST(?8 AS text) IS NULL OR n.priority = ?8)"                   \
	" AND (CAST(?9 AS text) IS NULL OR n.body_id = (SELECT id"             \
	"  FROM organisation WHERE key = ?9))"                                 \
	" AND (?10 = 0 OR (n.status <> 'addressed' AND NOT EXISTS"             \
	"  (SELECT 1 FROM need_project np WHERE np.need_id = n.id)))"          \
	" AND (CAST(?11 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?11, '') <> n.fold)"                              \
	" AND (CAST(?12 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?12, '') <> n.fold)"                              \
	" AND (CAST(?13 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?13, '') <> n.fold)"                              \
	" AND (CAST(?14 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?14, '') <> n.fold)"                              \
	" AND (CAST(?15 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?15, '') <> n.fold)"                              \
	" AND (CAST(?16 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?16, '') <> n.fold)"                              \
	" AND (CAST(?17 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?17, '') <> n.fold)"                              \
	" AND (CAST(?18 AS text) IS NULL"                                      \
	" OR replace(n.fold, ?18, '') <> n.fold)"

#define NEED_FROM                                                              \
	" FROM need n JOIN place c ON c.id = n.country_id"                     \
	" JOIN organisation b ON b.id = n.body_id"                             \
	" LEFT JOIN pillar p ON p.id = n.pillar_id"                            \
	" LEFT JOIN thematic_area a ON a.id = n.thematic_area_id"

/*
 * The names of place x and of thematic area x in the language of
 * parameter 21 (NeedFilter.lang), English where it has none or is NULL.
 */
#define PLACE_NAME(x)                                                          \
	"coalesce((SELECT name FROM place_name WHERE place_id = " x ".id"      \
	" AND lang = ?21), " x ".name)"
#define AREA_NAME(x)                                                           \
	"coalesce((SELECT name FROM thematic_area_name"                        \
	" WHERE thematic_area_id = " x ".id AND lang = ?21),"                  \
	" (SELECT name FROM thematic_area_name"                                \
	" WHERE thematic_area_id = " x ".id AND lang = 'en'))"

#define PILLAR_NAME(x)                                                         \
	"coalesce((SELECT short FROM pillar_name WHERE pillar_id = " x ".id"   \
	" AND lang = ?21), (SELECT short FROM pillar_name"                     \
	" WHERE pillar_id = " x ".id AND lang = 'en'), " x ".key)"

#define NEED_COLUMNS                                                           \
	"SELECT n.id, n.ref, c.iso3, " PLACE_NAME(                             \
	    "c") ", b.key, n.assessed,"                                        \
		 " n.text, p.key, a.key, " AREA_NAME(                          \
		     "a") ","                                                  \
			  " n.priority, n.status, n.confidentiality, n.demo, " \
			  "n.created_at,"                                      \
			  " n.updated_at"

void
need_clear(Need *n)
{
	free(n->ref);
	free(n->country);
	free(n->country_name);
	free(n->body);
	free(n->assessed);
	free(n->text);
	free(n->pillar);
	free(n->area);
	free(n->area_name);
	free(n->priority);
	free(n->status);
	free(n->confidentiality);
	for (size_t i = 0; i < n->norgs; i++)
		free(n->orgs[i]);
	free(n->orgs);
	free(n->projects);
	free(n->created_at);
	free(n->updated_at);
	memset(n, 0, sizeof(*n));
}

/* Bind the viewer (parameters 1 and 2). */
static int
bind_viewer(DbStmt *st, const NeedViewer *v)
{
	return db_bind_int(st, 1, v->level) != 0 ||
		db_bind_int(st, 2, v->org_id) != 0 ||
		(db_params(st) >= 21 && db_bind_text(st, 21, v->lang) != 0)
	    ? -1
	    : 0;
}

/*
 * Bind f as parameters 3 to 18, and its language, if any, as 21; the
 * folded words of the search are kept
 * in words, which must live until the statement is reset.
 */
static int
bind_filter(DbStmt *st, const NeedFilter *f, Buf *words)
{
	char *p, *w[NEED_SEARCH_WORDS];
	size_t nw = 0;

	/* The filter's language, if any, over the viewer's (bind_viewer). */
	if ((f->lang != NULL && db_params(st) >= 21 &&
		db_bind_text(st, 21, f->lang) != 0) ||
	    db_bind_text(st, 3, f->country) != 0 ||
	    db_bind_text(st, 4, f->region) != 0 ||
	    db_bind_text(st, 5, f->pillar) != 0 ||
	    db_bind_text(st, 6, f->area) != 0 ||
	    db_bind_text(st, 7, f->status) != 0 ||
	    db_bind_text(st, 8, f->priority) != 0 ||
	    db_bind_text(st, 9, f->body) != 0 ||
	    db_bind_int(st, 10, f->gaps) != 0)
		return -1;
	buf_reset(words);
	if (f->search != NULL)
		text_fold(f->search, words);
	/* Cut the folded words apart in place. */
	p = words->len ? words->s : NULL;
	while (p != NULL && *p != '\0' && nw < NEED_SEARCH_WORDS) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w[nw++] = p;
		p += strcspn(p, " ");
		if (*p != '\0')
			*p++ = '\0';
	}
	for (size_t i = 0; i < NEED_SEARCH_WORDS; i++)
		if (db_bind_text(st, 11 + (int)i, i < nw ? w[i] : NULL) != 0)
			return -1;
	return 0;
}

static void
need_row(DbStmt *st, Need *n)
{
	n->id = db_int(st, 0);
	n->ref = store_col_dup(st, 1);
	n->country = store_col_dup(st, 2);
	n->country_name = store_col_dup(st, 3);
	n->body = store_col_dup(st, 4);
	n->assessed = store_col_dup(st, 5);
	n->text = store_col_dup(st, 6);
	n->pillar = store_col_dup(st, 7);
	n->area = store_col_dup(st, 8);
	n->area_name = store_col_dup(st, 9);
	n->priority = store_col_dup(st, 10);
	n->status = store_col_dup(st, 11);
	n->confidentiality = store_col_dup(st, 12);
	n->demo = (int)db_int(st, 13);
	n->created_at = store_col_dup(st, 14);
	n->updated_at = store_col_dup(st, 15);
}

/* The organisations and projects of need n->id into n. */
static int
need_links(Store *s, Need *n, Buf *err)
{
	DbStmt *st;
	int rc;

	st = db_prepare(s->db,
	    "SELECT g.key FROM need_org o JOIN organisation g"
	    " ON g.id = o.organisation_id WHERE o.need_id = ? ORDER BY g.key",
	    err);
	if (st == NULL || db_bind(st, "i", n->id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		n->orgs = xrealloc(n->orgs, (n->norgs + 1) * sizeof(*n->orgs));
		n->orgs[n->norgs++] = xstrdup(db_text(st, 0));
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	st = db_prepare(s->db,
	    "SELECT project_id FROM need_project WHERE need_id = ?"
	    " ORDER BY project_id",
	    err);
	if (st == NULL || db_bind(st, "i", n->id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		n->projects = xrealloc(
		    n->projects, (n->nprojects + 1) * sizeof(*n->projects));
		n->projects[n->nprojects++] = db_int(st, 0);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_need_get(Store *s, int64_t id, const NeedViewer *v, Need *n, Buf *err)
{
	static const char sql[] =
	    NEED_COLUMNS NEED_FROM " WHERE " NEED_VISIBLE " AND n.id = ?3";
	DbStmt *st = db_prepare(s->db, sql, err);
	int rc;

	if (st == NULL || bind_viewer(st, v) != 0 || db_bind_int(st, 3, id))
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		need_row(st, n);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	if (rc != DB_ROW)
		return 0;
	return need_links(s, n, err) != 0 ? -1 : 1;
}

int64_t
store_need_by_ref(Store *s, const char *ref, Buf *err)
{
	return store_id_of(s, "SELECT id FROM need WHERE ref = ?", ref, err);
}

/* Replace the organisations and projects of n->id with n's. */
static int
need_write_links(Store *s, const Need *n, Buf *err)
{
	DbStmt *st;

	st = db_prepare(s->db, "DELETE FROM need_org WHERE need_id = ?", err);
	if (st == NULL || db_bind(st, "i", n->id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	st = db_prepare(
	    s->db, "DELETE FROM need_project WHERE need_id = ?", err);
	if (st == NULL || db_bind(st, "i", n->id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	for (size_t i = 0; i < n->norgs; i++) {
		st = db_prepare(s->db,
		    "INSERT INTO need_org(need_id, organisation_id)"
		    " SELECT ?, id FROM organisation WHERE key = ?"
		    " ON CONFLICT DO NOTHING",
		    err);
		if (st == NULL || db_bind(st, "it", n->id, n->orgs[i]) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	for (size_t i = 0; i < n->nprojects; i++) {
		st = db_prepare(s->db,
		    "INSERT INTO need_project(need_id, project_id)"
		    " VALUES (?, ?) ON CONFLICT DO NOTHING",
		    err);
		if (st == NULL ||
		    db_bind(st, "ii", n->id, n->projects[i]) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

int
store_need_save(Store *s, Need *n, Buf *err)
{
	Buf now = BUF_INIT, fold = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	store_now(&now);
	text_fold(n->text, &fold);
	if (n->id == 0)
		st = db_prepare(s->db,
		    "INSERT INTO need(ref, country_id, body_id, assessed, text,"
		    " fold, pillar_id, thematic_area_id, priority, status,"
		    " confidentiality, demo, created_at, updated_at)"
		    " VALUES (?1, (SELECT id FROM place WHERE iso3 = ?2),"
		    " (SELECT id FROM organisation WHERE key = ?3), ?4, ?5, ?6,"
		    " (SELECT id FROM pillar WHERE key = ?7),"
		    " (SELECT id FROM thematic_area WHERE key = ?8), ?9, ?10,"
		    " ?11, ?12, ?13, ?13)",
		    err);
	else
		st = db_prepare(s->db,
		    "UPDATE need SET ref = ?1,"
		    " country_id = (SELECT id FROM place WHERE iso3 = ?2),"
		    " body_id = (SELECT id FROM organisation WHERE key = ?3),"
		    " assessed = ?4, text = ?5, fold = ?6,"
		    " pillar_id = (SELECT id FROM pillar WHERE key = ?7),"
		    " thematic_area_id = (SELECT id FROM thematic_area"
		    "  WHERE key = ?8), priority = ?9, status = ?10,"
		    " confidentiality = ?11, demo = ?12, updated_at = ?13"
		    " WHERE id = ?14",
		    err);
	if (st == NULL ||
	    db_bind(st, "tttttttttttit", n->ref, n->country, n->body,
		n->assessed, n->text, buf_str(&fold), n->pillar, n->area,
		n->priority, n->status, n->confidentiality, (int64_t)n->demo,
		buf_str(&now)) != 0 ||
	    (n->id != 0 && db_bind_int(st, 14, n->id) != 0) ||
	    store_run(s, st, err) != 0)
		goto out;
	if (n->id == 0)
		n->id = db_last_id(s->db);
	rc = need_write_links(s, n, err);
out:
	buf_free(&now);
	buf_free(&fold);
	return rc;
}

int
store_need_delete(Store *s, int64_t id, Buf *err)
{
	DbStmt *st = db_prepare(s->db, "DELETE FROM need WHERE id = ?", err);

	if (st == NULL || db_bind(st, "i", id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_need_link(Store *s, int64_t need_id, int64_t project_id, int on, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    on ? "INSERT INTO need_project(need_id, project_id)"
		 " VALUES (?, ?) ON CONFLICT DO NOTHING"
	       : "DELETE FROM need_project WHERE need_id = ? AND project_id = "
		 "?",
	    err);

	if (st == NULL || db_bind(st, "ii", need_id, project_id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	return db_changes(s->db) > 0;
}

int
store_need_list(Store *s, const NeedFilter *f, const NeedViewer *v,
    StoreNeedFn fn, void *ctx, int64_t *total, Buf *err)
{
	static const char count_sql[] = "SELECT count(*)" NEED_FROM NEED_WHERE;
	static const char sql[] = NEED_COLUMNS NEED_FROM NEED_WHERE
	    " ORDER BY c.name, n.assessed DESC, n.id LIMIT ?19 OFFSET ?20";
	Buf words = BUF_INIT;
	DbStmt *st;
	Need n;
	int rc = DB_DONE;

	memset(&n, 0, sizeof(n));
	if (total != NULL) {
		st = db_prepare(s->db, count_sql, err);
		if (st == NULL || bind_viewer(st, v) != 0 ||
		    bind_filter(st, f, &words) != 0)
			goto fail;
		rc = db_step(st);
		*total = rc == DB_ROW ? db_int(st, 0) : 0;
		db_reset(st);
		if (rc == DB_ERROR)
			goto fail_db;
	}
	if (fn == NULL) {
		buf_free(&words);
		return 0;
	}
	st = db_prepare(s->db, sql, err);
	if (st == NULL || bind_viewer(st, v) != 0 ||
	    bind_filter(st, f, &words) != 0 ||
	    db_bind_int(st, 19, f->limit > 0 ? f->limit : INT64_MAX) != 0 ||
	    db_bind_int(st, 20, f->offset) != 0)
		goto fail;
	while ((rc = db_step(st)) == DB_ROW) {
		need_row(st, &n);
		if (need_links(s, &n, err) != 0) {
			db_reset(st);
			goto fail;
		}
		if (fn(ctx, &n) != 0) {
			need_clear(&n);
			break;
		}
		need_clear(&n);
	}
	db_reset(st);
	buf_free(&words);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
fail_db:
	store_fail(s, err);
fail:
	need_clear(&n);
	buf_free(&words);
	return -1;
}

/*
 * The gap tables: one statement per dimension, each grouping the needs
 * the filter and the viewer allow.
 */
#define GAP_COUNTS                                                             \
	" count(*), sum(CASE WHEN n.status <> 'addressed' AND NOT EXISTS"      \
	"  (SELECT 1 FROM need_project np WHERE np.need_id = n.id)"            \
	"  THEN 1 ELSE 0 END)"

static const struct {
	const char *by;
	const char *sql;
} gap_sql[] = {
	{ "country",
	    "SELECT c.iso3, " PLACE_NAME(
		"c") "," GAP_COUNTS NEED_FROM NEED_WHERE
		     " GROUP BY c.id ORDER BY 4 DESC, c.name" },
	{ "region",
	    "SELECT r.key, " PLACE_NAME(
		"r") "," GAP_COUNTS NEED_FROM
		     " JOIN place_within w ON w.place_id = n.country_id"
		     " JOIN place r ON r.id = w.ancestor_id AND r.kind = "
		     "'region'" NEED_WHERE
		     " GROUP BY r.id ORDER BY 4 DESC, r.name" },
	{ "subregion",
	    "SELECT r.key, " PLACE_NAME(
		"r") "," GAP_COUNTS NEED_FROM
		     " JOIN place_within w ON w.place_id = n.country_id"
		     " JOIN place r ON r.id = w.ancestor_id AND r.kind = "
		     "'subregion'" NEED_WHERE
		     " GROUP BY r.id ORDER BY 4 DESC, r.name" },
	{ "pillar",
	    "SELECT coalesce(p.key, ''), coalesce(" PILLAR_NAME(
		"p") ", 'no pillar')," GAP_COUNTS NEED_FROM NEED_WHERE
		     " GROUP BY p.id ORDER BY p.number IS NULL, p.number" },
	{ "area",
	    "SELECT coalesce(a.key, ''), coalesce(" AREA_NAME(
		"a") ","
		     " 'no thematic area')," GAP_COUNTS NEED_FROM NEED_WHERE
		     " GROUP BY a.id ORDER BY 4 DESC, 2" },
};

int
store_gaps(Store *s, const char *by, const NeedFilter *f, const NeedViewer *v,
    StoreGapFn fn, void *ctx, Buf *err)
{
	Buf words = BUF_INIT;
	DbStmt *st = NULL;
	GapGroup g;
	int rc;

	for (size_t i = 0; i < sizeof(gap_sql) / sizeof(gap_sql[0]); i++)
		if (strcmp(gap_sql[i].by, by) == 0)
			st = db_prepare(s->db, gap_sql[i].sql, err);
	if (st == NULL) {
		if (err->len == 0)
			buf_printf(err, "gaps by \"%s\": not a dimension", by);
		return -1;
	}
	if (bind_viewer(st, v) != 0 || bind_filter(st, f, &words) != 0) {
		db_reset(st);
		buf_free(&words);
		return -1;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		g.key = db_text(st, 0);
		g.name = db_text(st, 1);
		g.needs = db_int(st, 2);
		g.gaps = db_int(st, 3);
		if (fn(ctx, &g) != 0)
			break;
	}
	db_reset(st);
	buf_free(&words);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_project_needs(Store *s, int64_t project_id, const NeedViewer *v,
    StoreNeedFn fn, void *ctx, Buf *err)
{
	static const char sql[] = NEED_COLUMNS NEED_FROM
	    " JOIN need_project np ON np.need_id = n.id AND np.project_id = ?3"
	    " WHERE " NEED_VISIBLE " ORDER BY c.name, n.id";
	DbStmt *st = db_prepare(s->db, sql, err);
	Need n;
	int rc;

	if (st == NULL || bind_viewer(st, v) != 0 ||
	    db_bind_int(st, 3, project_id) != 0)
		return -1;
	memset(&n, 0, sizeof(n));
	while ((rc = db_step(st)) == DB_ROW) {
		need_row(st, &n);
		rc = fn(ctx, &n);
		need_clear(&n);
		if (rc != 0)
			break;
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_areas(Store *s, const char *lang, StoreRefFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT a.key, coalesce((SELECT name FROM thematic_area_name"
	    " WHERE thematic_area_id = a.id AND lang = ?), n.name)"
	    " FROM thematic_area a"
	    " JOIN thematic_area_name n ON n.thematic_area_id = a.id"
	    " AND n.lang = 'en' ORDER BY a.id",
	    err);

	if (st == NULL || db_bind_text(st, 1, lang) != 0)
		return -1;
	return store_ref_rows(s, st, fn, ctx, err);
}

int
store_project_areas_set(
    Store *s, int64_t project_id, const char *const *keys, size_t n, Buf *err)
{
	DbStmt *st = db_prepare(
	    s->db, "DELETE FROM project_area WHERE project_id = ?", err);

	if (st == NULL || db_bind(st, "i", project_id) != 0 ||
	    store_run(s, st, err) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		st = db_prepare(s->db,
		    "INSERT INTO project_area(project_id,"
		    " thematic_area_id) SELECT ?, id FROM thematic_area"
		    " WHERE key = ? ON CONFLICT DO NOTHING",
		    err);
		if (st == NULL || db_bind(st, "it", project_id, keys[i]) != 0 ||
		    store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

/* Whether the list ",A,B," holds the item ",X," (n bytes). */
static int
list_has(const Buf *b, const char *item, size_t n)
{
	for (const char *q = b->s; (q = strchr(q, ',')) != NULL; q++)
		if (strncmp(q, item, n) == 0)
			return 1;
	return 0;
}

/*
 * Every project with what the duplication report compares.  Five plain
 * scans, each in the order of its primary key, merged here by project id:
 * the projects; their entities, lead first; the places they name; their
 * thematic areas; and, once, the countries within each country or grouping
 * (a grouping such as "Sahel" stands for its members; a continent for
 * none).  A tenth of the time of one statement with a subquery per list.
 */
int
store_dup_projects(Store *s, StoreDupFn fn, void *ctx, Buf *err)
{
	static const char sql_p[] =
	    "SELECT pr.id, pr.title, pr.activities, coalesce(pl.key, ''),"
	    " coalesce(pr.serial, -1), pr.start_date, pr.end_date,"
	    " pr.open_ended FROM project pr"
	    " LEFT JOIN pillar pl ON pl.id = pr.pillar_id ORDER BY pr.id";
	static const char sql_o[] =
	    "SELECT o.project_id, coalesce(g.key, o.name) FROM project_org o"
	    " LEFT JOIN organisation g ON g.id = o.organisation_id"
	    " ORDER BY o.project_id, o.position";
	static const char sql_l[] =
	    "SELECT project_id, place_id FROM project_place"
	    " WHERE place_id IS NOT NULL ORDER BY project_id, position";
	static const char sql_a[] =
	    "SELECT pa.project_id, a.key FROM project_area pa"
	    " JOIN thematic_area a ON a.id = pa.thematic_area_id"
	    " ORDER BY pa.project_id, pa.thematic_area_id";
	static const char sql_w[] =
	    "SELECT w.ancestor_id, c.iso3 FROM place_within w"
	    " JOIN place np ON np.id = w.ancestor_id"
	    " AND np.kind IN ('country', 'grouping')"
	    " JOIN place c ON c.id = w.place_id AND c.kind = 'country'"
	    " AND c.iso3 IS NOT NULL ORDER BY w.ancestor_id, c.iso3";
	DbStmt *p = NULL, *o = NULL, *l = NULL, *a = NULL, *w;
	Buf lead = BUF_INIT, countries = BUF_INIT, areas = BUF_INIT;
	Buf *within = NULL; /* by place id: ",MLI,NER," */
	size_t nwithin = 0;
	int rp = DB_ERROR, ro = DB_DONE, rl = DB_DONE, ra = DB_DONE, rc;
	DupProject d;

	if ((w = db_prepare(s->db, sql_w, err)) == NULL)
		return -1;
	while ((rc = db_step(w)) == DB_ROW) {
		int64_t id = db_int(w, 0);

		if (id < 0 || id > INT32_MAX)
			continue;
		if ((size_t)id >= nwithin) {
			size_t n = (size_t)id + 64;

			within = xrealloc(within, n * sizeof(*within));
			memset(within + nwithin, 0,
			    (n - nwithin) * sizeof(*within));
			nwithin = n;
		}
		if (within[id].len == 0)
			buf_putc(&within[id], ',');
		buf_printf(&within[id], "%s,", db_text(w, 1));
	}
	db_reset(w);
	if (rc == DB_ERROR)
		goto fail;
	if ((p = db_prepare(s->db, sql_p, err)) == NULL ||
	    (o = db_prepare(s->db, sql_o, err)) == NULL ||
	    (l = db_prepare(s->db, sql_l, err)) == NULL ||
	    (a = db_prepare(s->db, sql_a, err)) == NULL)
		goto out;
	ro = db_step(o);
	rl = db_step(l);
	ra = db_step(a);
	while ((rp = db_step(p)) == DB_ROW) {
		int64_t id = db_int(p, 0);

		/* The lead: the first entity of the project. */
		buf_reset(&lead);
		while (ro == DB_ROW && db_int(o, 0) < id)
			ro = db_step(o);
		if (ro == DB_ROW && db_int(o, 0) == id)
			buf_puts(&lead, db_text(o, 1));
		while (ro == DB_ROW && db_int(o, 0) == id)
			ro = db_step(o);
		/* The countries, each once, ",MLI,NER," */
		buf_set(&countries, ",");
		while (rl == DB_ROW && db_int(l, 0) < id)
			rl = db_step(l);
		for (; rl == DB_ROW && db_int(l, 0) == id; rl = db_step(l)) {
			int64_t place = db_int(l, 1);
			const char *c;

			if (place < 0 || (size_t)place >= nwithin ||
			    within[place].len == 0)
				continue;
			for (c = within[place].s + 1; *c != '\0';) {
				size_t n = strcspn(c, ",");

				/* ",XYZ," not yet there */
				if (n > 0 &&
				    !list_has(&countries, c - 1, n + 2))
					buf_printf(
					    &countries, "%.*s,", (int)n, c);
				c += n + (c[n] == ',');
			}
		}
		buf_reset(&areas);
		while (ra == DB_ROW && db_int(a, 0) < id)
			ra = db_step(a);
		for (; ra == DB_ROW && db_int(a, 0) == id; ra = db_step(a))
			buf_printf(&areas, "%s%s", areas.len ? " " : "",
			    db_text(a, 1));
		if (ro == DB_ERROR || rl == DB_ERROR || ra == DB_ERROR)
			break;
		d.id = id;
		d.title = db_text(p, 1);
		d.activities = db_text(p, 2);
		d.pillar = db_text(p, 3);
		d.serial = db_int(p, 4);
		d.start = db_text_or_null(p, 5);
		d.end = db_text_or_null(p, 6);
		d.open_ended = (int)db_int(p, 7);
		d.lead = buf_str(&lead);
		d.countries = buf_str(&countries) + 1;
		d.areas = buf_str(&areas);
		if (fn(ctx, &d) != 0)
			break;
	}
	rc =
	    rp == DB_ERROR || ro == DB_ERROR || rl == DB_ERROR || ra == DB_ERROR
	    ? store_fail(s, err)
	    : 0;
	goto done;
fail:
	rc = store_fail(s, err);
	goto done;
out:
	rc = -1;
done:
	if (p != NULL)
		db_reset(p);
	if (o != NULL)
		db_reset(o);
	if (l != NULL)
		db_reset(l);
	if (a != NULL)
		db_reset(a);
	for (size_t i = 0; i < nwithin; i++)
		buf_free(&within[i]);
	free(within);
	buf_free(&lead);
	buf_free(&countries);
	buf_free(&areas);
	return rc;
}

int
store_area_keyword_put(Store *s, int64_t area_id, const char *keyword, Buf *err)
{
	Buf f = BUF_INIT;
	DbStmt *st;
	int rc = -1;

	/* Folding keeps the '*' of a prefix apart: fold the words only. */
	text_fold(keyword, &f);
	if (keyword[0] != '\0' && keyword[strlen(keyword) - 1] == '*')
		buf_putc(&f, '*');
	st = db_prepare(s->db,
	    "INSERT INTO thematic_area_keyword(thematic_area_id,"
	    " keyword) VALUES (?, ?) ON CONFLICT DO NOTHING",
	    err);
	if (st != NULL && db_bind(st, "it", area_id, buf_str(&f)) == 0)
		rc = store_run(s, st, err);
	buf_free(&f);
	return rc;
}

int
store_area_keywords(Store *s, StoreAreaWordFn fn, void *ctx, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT a.key, k.keyword FROM thematic_area_keyword k"
	    " JOIN thematic_area a ON a.id = k.thematic_area_id"
	    " ORDER BY a.id, k.keyword",
	    err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (fn(ctx, db_text(st, 0), db_text(st, 1)) != 0)
			break;
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}
