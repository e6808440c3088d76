/*
 * query.c - reading projects back: one by id, or a filtered, sorted,
 * paginated list (see store.h).
 */
/* sched_getcpu() and the CPU sets of a list's threads (list_split). */
#define _GNU_SOURCE
#include <sched.h>

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "filter.h"
#include "store_int.h"

/* The columns every project read selects, in the order row_read() wants. */
#define PROJECT_COLUMNS                                                        \
	"p.id, pl.key, p.serial, p.title, p.period_text, p.start_date,"        \
	" p.end_date, p.open_ended, p.annual, p.status, p.status_text,"        \
	" p.activities, p.scope_text, p.source_file, p.source_line,"           \
	" p.created_at, p.updated_at, p.source_key, p.as_of, p.scopes"

/*
 * A bit of skip beside PROJECT_SKIP_*, of this file's own: the pillar's
 * key is not read (NULL), the list's rows take it by the pillar's id
 * (list_sorted) from keys read once, not by a join a row.
 */
#define LIST_PILLAR_ID (1u << 16)

/*
 * The same columns, with NULL for those skip (PROJECT_SKIP_*) leaves out:
 * a sorted list then carries no activities through its sort.
 */
static void
project_columns(Buf *sql, unsigned skip)
{
	if (!(skip &
		(PROJECT_SKIP_ACTIVITIES | PROJECT_SKIP_RECORD |
		    PROJECT_SKIP_PERIOD | LIST_PILLAR_ID))) {
		buf_puts(sql, PROJECT_COLUMNS);
		return;
	}
	buf_puts(sql,
	    skip & LIST_PILLAR_ID ? "p.id, NULL, p.serial, p.title,"
				  : "p.id, pl.key, p.serial, p.title,");
	buf_puts(sql,
	    skip & PROJECT_SKIP_PERIOD
		? " NULL, NULL, NULL, 0, 0,"
		: " p.period_text, p.start_date, p.end_date, p.open_ended,"
		  " p.annual,");
	buf_puts(sql, " p.status, p.status_text,");
	buf_puts(
	    sql, skip & PROJECT_SKIP_ACTIVITIES ? " NULL," : " p.activities,");
	buf_puts(sql,
	    skip & PROJECT_SKIP_RECORD
		? " NULL, NULL, NULL, NULL, NULL, NULL, NULL, p.scopes"
		: " p.scope_text, p.source_file, p.source_line, p.created_at,"
		  " p.updated_at, p.source_key, p.as_of, p.scopes");
}

/*
 * The texts of a project's row: column and field, in three groups, the
 * second (activities) and third (the record) left out by their skip bits.
 */
static const struct {
	int col;
	size_t off;
} row_text[] = {
	{ 1, offsetof(Project, pillar) },
	{ 3, offsetof(Project, title) },
	{ 4, offsetof(Project, period_text) },
	{ 5, offsetof(Project, start_date) },
	{ 6, offsetof(Project, end_date) },
	{ 9, offsetof(Project, status) },
	{ 10, offsetof(Project, status_text) },
	{ 11, offsetof(Project, activities) },
	{ 12, offsetof(Project, scope_text) },
	{ 13, offsetof(Project, source_file) },
	{ 15, offsetof(Project, created_at) },
	{ 16, offsetof(Project, updated_at) },
	{ 17, offsetof(Project, source_key) },
	{ 18, offsetof(Project, as_of) },
};
#define ROW_TEXT_ACTIVITIES 7
#define ROW_TEXT_RECORD     8
#define ROW_TEXT_N          (sizeof(row_text) / sizeof(row_text[0]))

#define ROW_FIELD(p, i) (*(char **)((char *)(p) + row_text[i].off))

/*
 * Read the row st is on into p, but what skip (PROJECT_SKIP_*) leaves;
 * when pack, its texts into one block (p->pack), for a list: a block of
 * arena when there is one (p->arena).
 */
static void
row_read(DbStmt *st, Project *p, unsigned skip, int pack, Arena *arena)
{
	const char *t[ROW_TEXT_N];
	size_t len[ROW_TEXT_N], size = 0;
	char *at;

	p->id = db_int(st, 0);
	p->has_serial = !db_is_null(st, 2);
	p->serial = db_int(st, 2);
	p->open_ended = (int)db_int(st, 7);
	p->annual = (int)db_int(st, 8);
	p->scopes = (int)db_int(st, 19);
	if (!(skip & PROJECT_SKIP_RECORD))
		p->source_line = db_int(st, 14);
	for (size_t i = 0; i < ROW_TEXT_N; i++) {
		if ((i == ROW_TEXT_ACTIVITIES &&
			(skip & PROJECT_SKIP_ACTIVITIES)) ||
		    (i >= ROW_TEXT_RECORD && (skip & PROJECT_SKIP_RECORD))) {
			t[i] = NULL;
			continue;
		}
		t[i] = db_text_or_null(st, row_text[i].col);
		if (!pack)
			ROW_FIELD(p, i) = t[i] ? xstrdup(t[i]) : NULL;
		else if (t[i] != NULL)
			size += (len[i] = strlen(t[i])) + 1;
	}
	/* Always a block: a list's project owns none of its texts alone. */
	if (!pack)
		return;
	p->pack = at = arena ? arena_alloc(arena, size) : xmalloc(size);
	p->arena = arena != NULL;
	for (size_t i = 0; i < ROW_TEXT_N; i++) {
		if (t[i] == NULL)
			continue;
		memcpy(at, t[i], len[i] + 1);
		ROW_FIELD(p, i) = at;
		at += len[i] + 1;
	}
}

/*
 * Entities, places and issues of several projects (ids set) at once: one
 * statement a table for the lot, the rows handed to their projects by id.
 * A list of thousands of projects costs three statements a chunk, not
 * three a project; fewer when the caller shows fewer links.
 */
typedef struct IdIndex {
	int64_t id;
	Project *p;
} IdIndex;

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = ((const IdIndex *)a)->id, y = ((const IdIndex *)b)->id;

	return x < y ? -1 : x > y;
}

/*
 * The keys of the organisations, by id, read once for a list: a join per
 * entity of each project cost a third of a long list's links; and for a
 * long list sorted here, those of the pillars, which its rows take by
 * p.pillar_id (LIST_PILLAR_ID) rather than by a join a row.
 */
typedef struct IdKey {
	int64_t id;
	char *key;
} IdKey;

typedef struct IdKeys {
	IdKey *v; /* sorted by id */
	size_t n;
} IdKeys;

static int
id_key_cmp(const void *a, const void *b)
{
	int64_t x = ((const IdKey *)a)->id, y = ((const IdKey *)b)->id;

	return x < y ? -1 : x > y;
}

/* The keys of sql's rows (id, key), ascending by id, into k. */
static int
keys_read(Store *s, const char *sql, IdKeys *k, Buf *err)
{
	DbStmt *st = db_prepare(s->db, sql, err);
	size_t cap = 0;
	int step;

	if (st == NULL)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		if (k->n == cap) {
			cap = cap ? 2 * cap : 256;
			k->v = xrealloc(k->v, cap * sizeof(*k->v));
		}
		k->v[k->n].id = db_int(st, 0);
		k->v[k->n++].key = store_col_dup(st, 1);
	}
	db_reset(st);
	return step == DB_ERROR ? store_fail(s, err) : 0;
}

static int
org_keys_read(Store *s, IdKeys *k, Buf *err)
{
	return keys_read(
	    s, "SELECT id, key FROM organisation ORDER BY id", k, err);
}

static void
keys_free(IdKeys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i].key);
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* The key of id (an organisation's, a pillar's): NULL when none. */
static char *
key_of(const IdKeys *k, int64_t id)
{
	IdKey want = { id, NULL };
	IdKey *hit = bsearch(&want, k->v, k->n, sizeof(*k->v), id_key_cmp);

	return hit ? hit->key : NULL;
}

/*
 * The projects of a links_read() are given to its statements as one JSON
 * array of their ids, ascending: a set SQLite reads with json_each,
 * PostgreSQL with json_array_elements_text.
 *
 * On SQLite each statement joins json_each to the links, which reads the
 * ids in the array's order and each project's links in the order of the
 * index it seeks them by: (project, position), or for issues (project,
 * rowid).  That order is what the caller wants, but SQL does not promise
 * it, so it is checked, not assumed: when a row breaks it, the links
 * read are dropped and read again by the ordered statement, which has
 * the ids as a set (IN) and an ORDER BY, and builds a temporary index of
 * them.  PostgreSQL always reads that one.
 */
#define IDS_LITE "SELECT value FROM json_each(?)"
#define IDS_POST                                                               \
	"SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(? "   \
	"AS json))"
#define IDS_JOIN "json_each(?) ids JOIN "

/* The projects of one links_read(): by id, and their ids as JSON. */
typedef struct Links {
	IdIndex *ix; /* sorted by id, each id once */
	size_t n;
	Buf ids; /* "[id,id,...]", ascending */
	IdKeys *keys;
	Arena *arena; /* where the links go, as their projects' (p->arena) */
} Links;

/* A link's row (columns: project, its order, then the link's own). */
typedef void (*LinkRowFn)(const Links *l, Project *p, DbStmt *st);
/* Drop the links of one kind that a project was given. */
typedef void (*LinkDropFn)(Project *p);

static int
links_run(Store *s, const Links *l, const char *join, const char *ordered,
    LinkRowFn row, LinkDropFn drop, Buf *err)
{
	for (int pass = s->pg ? 1 : 0; pass < 2; pass++) {
		DbStmt *st = db_prepare(s->db, pass ? ordered : join, err);
		int64_t last = INT64_MIN, pos = INT64_MIN;
		size_t at = 0;
		int step, broken = 0;

		if (st == NULL || db_bind(st, "t", buf_str(&l->ids)) != 0)
			return -1;
		while ((step = db_step(st)) == DB_ROW) {
			int64_t id = db_int(st, 0), o = db_int(st, 1);

			/* The ordered statement's order is its ORDER BY's. */
			if (pass == 0 &&
			    (id < last || (id == last && o <= pos))) {
				broken = 1;
				break;
			}
			last = id;
			pos = o;
			while (at < l->n && l->ix[at].id < id)
				at++;
			if (at < l->n && l->ix[at].id == id)
				row(l, l->ix[at].p, st);
		}
		db_reset(st);
		if (step == DB_ERROR)
			return store_fail(s, err);
		if (!broken)
			return 0;
		for (size_t i = 0; i < l->n; i++)
			drop(l->ix[i].p);
	}
	return 0;
}

/*
 * Room for one more link in *v of n (each size bytes): the array grows to
 * the next power of two, so that a project's links cost a few reallocs;
 * in arena, copied (the room it leaves is the arena's until it goes).
 */
static void *
links_grow(void *v, size_t n, size_t size, Arena *arena)
{
	void *w;

	if (n != 0 && (n & (n - 1)) != 0)
		return v;
	if (arena == NULL)
		return xrealloc(v, (n ? 2 * n : 1) * size);
	w = arena_alloc(arena, (n ? 2 * n : 1) * size);
	if (n > 0)
		memcpy(w, v, n * size);
	return w;
}

/*
 * Texts t[0 .. n) of a list's link in one block, each pointed to by *f[i]:
 * the first holds the block (a link's name, NOT NULL in the schema, read
 * as "" were it ever NULL), a NULL text after it takes no room.
 */
static void
links_pack(const char **t, char ***f, int n, Arena *arena)
{
	size_t len[4], size = 0;
	char *at;

	assert(n > 0 && n <= 4);
	if (t[0] == NULL)
		t[0] = "";
	for (int i = 0; i < n; i++)
		size += t[i] ? (len[i] = strlen(t[i])) + 1 : 0;
	at = arena ? arena_alloc(arena, size) : xmalloc(size);
	for (int i = 0; i < n; i++) {
		*f[i] = t[i] ? memcpy(at, t[i], len[i] + 1) : NULL;
		at += t[i] ? len[i] + 1 : 0;
	}
}

static void
org_row(const Links *l, Project *p, DbStmt *st)
{
	ProjectOrg *o;
	const char *key;

	p->orgs = links_grow(p->orgs, p->norgs, sizeof(*o), l->arena);
	o = &p->orgs[p->norgs++];
	o->org_id = db_int(st, 3);
	key = db_is_null(st, 3) ? NULL : key_of(l->keys, o->org_id);
	/* As the join this replaced: no organisation, no id. */
	if (key == NULL)
		o->org_id = 0;
	if (p->pack != NULL) {
		const char *t[] = { db_text_or_null(st, 2), key };

		links_pack(t, (char **[]){ &o->name, &o->key }, 2, l->arena);
		return;
	}
	o->name = store_col_dup(st, 2);
	o->key = key ? xstrdup(key) : NULL;
}

/*
 * A list's project (p->pack) holds each link's texts in one block; one
 * of an arena (p->arena) holds nothing of its own.
 */
void
project_orgs_drop(Project *p)
{
	for (size_t i = 0; !p->arena && i < p->norgs; i++) {
		free(p->orgs[i].name);
		if (p->pack == NULL)
			free(p->orgs[i].key);
	}
	if (!p->arena)
		free(p->orgs);
	p->orgs = NULL;
	p->norgs = 0;
}

static int
links_orgs(Store *s, const Links *l, Buf *err)
{
#define LINKS_ORGS(from, where)                                                \
	"SELECT po.project_id, po.position, po.name, po.organisation_id"       \
	" FROM " from "project_org po" where
#define ORGS_WHERE(ids)                                                        \
	" WHERE po.project_id IN (" ids ")"                                    \
	" ORDER BY po.project_id, po.position"

	return links_run(s, l,
	    LINKS_ORGS(IDS_JOIN, " ON po.project_id = ids.value"),
	    STORE_SQL(s, LINKS_ORGS("", ORGS_WHERE(IDS_LITE)),
		LINKS_ORGS("", ORGS_WHERE(IDS_POST))),
	    org_row, project_orgs_drop, err);
}

static void
place_row(const Links *l, Project *p, DbStmt *st)
{
	ProjectPlace *q;

	p->places = links_grow(p->places, p->nplaces, sizeof(*q), l->arena);
	q = &p->places[p->nplaces++];
	q->place_id = db_int(st, 5);
	q->org_id = db_int(st, 6);
	if (p->pack != NULL) {
		const char *t[] = { db_text_or_null(st, 2),
			db_text_or_null(st, 3), db_text_or_null(st, 4) };

		links_pack(
		    t, (char **[]){ &q->name, &q->key, &q->kind }, 3, l->arena);
		return;
	}
	q->name = store_col_dup(st, 2);
	q->key = store_col_dup(st, 3);
	q->kind = store_col_dup(st, 4);
}

void
project_places_drop(Project *p)
{
	for (size_t i = 0; !p->arena && i < p->nplaces; i++) {
		free(p->places[i].name);
		if (p->pack == NULL) {
			free(p->places[i].key);
			free(p->places[i].kind);
		}
	}
	if (!p->arena)
		free(p->places);
	p->places = NULL;
	p->nplaces = 0;
}

static int
links_places(Store *s, const Links *l, Buf *err)
{
#define LINKS_PLACES(from, where)                                              \
	"SELECT pp.project_id, pp.position, pp.name, pl.key, pl.kind, pl.id,"  \
	" pp.organisation_id FROM " from "project_place pp" where
#define PLACES_JOIN                                                            \
	" ON pp.project_id = ids.value"                                        \
	" LEFT JOIN place pl ON pl.id = pp.place_id"
#define PLACES_WHERE(ids)                                                      \
	" LEFT JOIN place pl ON pl.id = pp.place_id"                           \
	" WHERE pp.project_id IN (" ids ")"                                    \
	" ORDER BY pp.project_id, pp.position"

	return links_run(s, l, LINKS_PLACES(IDS_JOIN, PLACES_JOIN),
	    STORE_SQL(s, LINKS_PLACES("", PLACES_WHERE(IDS_LITE)),
		LINKS_PLACES("", PLACES_WHERE(IDS_POST))),
	    place_row, project_places_drop, err);
}

static void
issue_row(const Links *l, Project *p, DbStmt *st)
{
	ProjectIssue *is;

	p->issues = links_grow(p->issues, p->nissues, sizeof(*is), l->arena);
	is = &p->issues[p->nissues++];
	if (l->arena != NULL) {
		const char *t[] = { db_text_or_null(st, 2),
			db_text_or_null(st, 3) };

		links_pack(
		    t, (char **[]){ &is->kind, &is->message }, 2, l->arena);
		return;
	}
	is->kind = store_col_dup(st, 2);
	is->message = store_col_dup(st, 3);
}

static void
issues_drop(Project *p)
{
	for (size_t i = 0; !p->arena && i < p->nissues; i++) {
		free(p->issues[i].kind);
		free(p->issues[i].message);
	}
	if (!p->arena)
		free(p->issues);
	p->issues = NULL;
	p->nissues = 0;
}

static int
links_issues(Store *s, const Links *l, Buf *err)
{
#define LINKS_ISSUES(from, where)                                              \
	"SELECT pi.project_id, pi.rowid, pi.kind, pi.message"                  \
	" FROM " from "project_issue pi" where
#define ISSUES_WHERE(ids)                                                      \
	" WHERE pi.project_id IN (" ids ") ORDER BY pi.project_id, pi.rowid"

	return links_run(s, l,
	    LINKS_ISSUES(IDS_JOIN, " ON pi.project_id = ids.value"),
	    STORE_SQL(s, LINKS_ISSUES("", ISSUES_WHERE(IDS_LITE)),
		LINKS_ISSUES("", ISSUES_WHERE(IDS_POST))),
	    issue_row, issues_drop, err);
}

/*
 * Fill in the links of ps[0 .. n), but those skip (PROJECT_SKIP_* bits)
 * leaves out; 0, or -1 with a message in err.
 */
static int
links_read(Store *s, Project *ps, size_t n, unsigned skip, IdKeys *keys,
    Arena *arena, Buf *err)
{
	Links l = { xcalloc(n ? n : 1, sizeof(*l.ix)), 0, BUF_INIT, keys,
		arena };
	size_t m = 0;
	int rc;

	/* A row cleared (id 0: a duplicate list_sorted() dropped) has none. */
	for (size_t i = 0; i < n; i++)
		if (ps[i].id != 0)
			l.ix[m++] = (IdIndex){ ps[i].id, &ps[i] };
	if (m > 1)
		qsort(l.ix, m, sizeof(*l.ix), id_cmp);
	/* Each id once: a project given twice gets its links once. */
	buf_putc(&l.ids, '[');
	for (size_t i = 0; i < m; i++) {
		if (l.n > 0 && l.ix[l.n - 1].id == l.ix[i].id)
			continue;
		if (l.n > 0)
			buf_putc(&l.ids, ',');
		buf_put_int(&l.ids, l.ix[i].id);
		l.ix[l.n++] = l.ix[i];
	}
	buf_putc(&l.ids, ']');
	rc = links_orgs(s, &l, err);
	if (rc == 0 && !(skip & PROJECT_SKIP_PLACES))
		rc = links_places(s, &l, err);
	if (rc == 0 && !(skip & PROJECT_SKIP_ISSUES))
		rc = links_issues(s, &l, err);
	buf_free(&l.ids);
	free(l.ix);
	return rc;
}

int
store_project_get(Store *s, int64_t id, Project *p, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT " PROJECT_COLUMNS " FROM project p"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id WHERE p.id = ?",
	    err);
	IdKeys keys = { NULL, 0 };
	int rc;

	if (st == NULL || db_bind(st, "i", id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		row_read(st, p, 0, 0, NULL);
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	if (rc == DB_DONE)
		return 0;
	rc = org_keys_read(s, &keys, err) == 0 &&
		links_read(s, p, 1, 0, &keys, NULL, err) == 0
	    ? 1
	    : -1;
	keys_free(&keys);
	if (rc < 0)
		project_clear(p);
	return rc;
}

void
project_clear(Project *p)
{
	/* A project of an arena's: the arena frees its texts and links. */
	if (p->arena) {
		free(p->prep);
		memset(p, 0, sizeof(*p));
		return;
	}
	/* Its links first: how they hold their texts depends on p->pack. */
	project_orgs_drop(p);
	project_places_drop(p);
	issues_drop(p);
	/* A list's project: the texts of its row are in p->pack. */
	if (p->pack != NULL)
		for (size_t i = 0; i < ROW_TEXT_N; i++)
			ROW_FIELD(p, i) = NULL;
	free(p->pack);
	free(p->source_key);
	free(p->source_digest);
	free(p->pillar);
	free(p->title);
	free(p->period_text);
	free(p->start_date);
	free(p->end_date);
	free(p->status);
	free(p->status_text);
	free(p->activities);
	free(p->scope_text);
	free(p->source_file);
	free(p->created_at);
	free(p->updated_at);
	free(p->as_of);
	free(p->fold_title);
	free(p->fold_activities);
	/* Made for a callback never given it (ProjectFilter.prep). */
	free(p->prep);
	memset(p, 0, sizeof(*p));
}

/*
 * How a list is sorted: the ORDER BY text, and the index that holds the
 * leading sort keys (NULL when none does).  The names are checked by the
 * caller.
 */
typedef struct ListOrder {
	const char *order;
	const char *index;
} ListOrder;

static ListOrder
list_order(const Store *s, const char *sort)
{
	if (sort == NULL || strcmp(sort, "pillar") == 0)
		return (ListOrder){ " ORDER BY p.pillar_id, p.serial, p.id",
			"project_facet" };
	if (strcmp(sort, "serial") == 0)
		return (
		    ListOrder){ " ORDER BY p.serial, pl.number, p.id", NULL };
	/*
	 * NOCASE folds ASCII letters only; so does lower() in a database of
	 * the C locale (tools/pg-cluster makes them so), in the same order.
	 */
	if (strcmp(sort, "title") == 0)
		return (ListOrder){ s->pg
			    ? " ORDER BY lower(p.title), p.id"
			    : " ORDER BY p.title COLLATE NOCASE, p.id",
			NULL };
	if (strcmp(sort, "status") == 0)
		return (
		    ListOrder){ " ORDER BY p.status, pl.number, p.serial, p.id",
			"project_status" };
	if (strcmp(sort, "start") == 0)
		return (ListOrder){
			" ORDER BY p.start_date IS NULL, p.start_date, p.id",
			"project_start"
		};
	return (ListOrder){ " ORDER BY p.id", NULL };
}

/* How many projects f selects: counted on its sets, and kept. */
static int
list_count(Store *s, const ProjectFilter *f, const FilterSql *fs,
    int64_t *total, Buf *err)
{
	Buf sql = BUF_INIT;
	DbStmt *st;
	int64_t gen;
	int rc = -1;

	if (store_count_cached(s, f, &gen, total))
		return 0;
	if (fs->ids.len == 0)
		buf_puts(&sql, "SELECT count(*) FROM project");
	else
		/* A set read off links may name a project twice. */
		buf_printf(&sql,
		    "SELECT count(*) FROM (SELECT DISTINCT * FROM (%s) AS s)"
		    " AS d",
		    buf_str(&fs->ids));
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	filter_sql_bind(fs, st, 1);
	if (db_step(st) == DB_ROW) {
		*total = db_int(st, 0);
		rc = 0;
	} else {
		store_fail(s, err);
	}
	db_finalize(st);
	if (rc == 0)
		store_count_keep(s, f, gen, *total);
out:
	buf_free(&sql);
	return rc;
}

/*
 * The ids of one page, in order.  When many projects match, the page is
 * read off the index that holds the sort keys, in order, keeping the ids
 * of the filter's set, until the page is full: neither the sort nor the
 * filter reads a project's row.  When few match, their rows are sorted.
 */
#define PAGE_SCAN_MIN 2000

/* Projects read before their links are (links_read). */
#define LIST_CHUNK 256

/* Pages of more rows than this are read as they come (db_stream). */
#define LIST_STREAM_MIN 500

static void
list_page_sql(Store *s, Buf *sql, const FilterSql *fs, const ProjectFilter *f,
    int64_t total)
{
	ListOrder o = list_order(s, f->sort);
	/* PostgreSQL chooses its index itself (it has no INDEXED BY). */
	int scan = fs->ids.len > 0 && o.index != NULL &&
	    total >= PAGE_SCAN_MIN && !s->pg;

	buf_puts(sql, "SELECT p.id AS pid FROM project p");
	if (scan)
		buf_printf(sql, " INDEXED BY %s", o.index);
	buf_puts(sql, " LEFT JOIN pillar pl ON pl.id = p.pillar_id");
	if (scan)
		buf_printf(sql, " WHERE TRUE%s", buf_str(&fs->exists));
	else if (fs->ids.len > 0)
		buf_printf(sql, " WHERE p.id IN (%s)", buf_str(&fs->ids));
	buf_puts(sql, o.order);
	/* No limit: SQLite's is -1, PostgreSQL's ALL. */
	if (f->limit > 0)
		buf_printf(sql, " LIMIT %lld", (long long)f->limit);
	else
		buf_puts(sql, s->pg ? " LIMIT ALL" : " LIMIT -1");
	buf_printf(sql, " OFFSET %lld", (long long)f->offset);
}

/*
 * A list of one set of links in the order of pillars (fs->join, the
 * default order) is sorted here, not by SQLite: its rows come off the
 * links in no order, and SQLite's sort carried each whole row through
 * a temporary b-tree (a sixth of `projects --region Sahel --status
 * ongoing` at 100,000 projects).  Up to LIST_SORT_MAX projects, counted
 * first (the rows may be more, a project reached by several links: up
 * to LIST_ROWS_MAX), or LIST_SORT_MAX rows when not counted; past that
 * the list is read again, sorted by SQLite, so that memory stays
 * bounded.
 */
#define LIST_SORT_MAX 20000
#define LIST_ROWS_MAX (4 * LIST_SORT_MAX)

/* A row's sort key: pillar, serial, id, NULLs first (as SQLite). */
typedef struct SortKey {
	int64_t pillar, serial, id;
	size_t at; /* its row in the list read */
} SortKey;

static int
sort_key_cmp(const void *a, const void *b)
{
	const SortKey *x = a, *y = b;

	if (x->pillar != y->pillar)
		return x->pillar < y->pillar ? -1 : 1;
	if (x->serial != y->serial)
		return x->serial < y->serial ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * Read the rows of st (the pillar's id an extra last column) into *rows,
 * *nread of them, sorted and each project once, as the keys *keys (a
 * project's rows but the first cleared): the number of keys, or -1 on
 * failure, or -2 when there are more than max.
 */
static long
list_sorted(Store *s, DbStmt *st, unsigned skip, const IdKeys *pillars,
    Arena *arena, size_t max, Project **rows, size_t *nread, SortKey **keys,
    Buf *err)
{
	size_t n = 0, cap = 0, kept = 0;
	int step;

	while ((step = db_step(st)) == DB_ROW) {
		if (n == max) {
			*nread = n;
			return -2;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			*rows = xrealloc(*rows, cap * sizeof(**rows));
			*keys = xrealloc(*keys, cap * sizeof(**keys));
		}
		memset(&(*rows)[n], 0, sizeof(**rows));
		row_read(st, &(*rows)[n], skip, 1, arena);
		/* NULL sorts first: below any id or serial. */
		(*keys)[n].pillar =
		    db_is_null(st, 20) ? INT64_MIN : db_int(st, 20);
		/* Its pillar's key, of pillars, not of p->pack. */
		(*rows)[n].pillar = key_of(pillars, (*keys)[n].pillar);
		(*keys)[n].serial =
		    (*rows)[n].has_serial ? (*rows)[n].serial : INT64_MIN;
		(*keys)[n].id = (*rows)[n].id;
		(*keys)[n].at = n;
		n++;
	}
	*nread = n;
	if (step == DB_ERROR) {
		for (size_t i = 0; i < n; i++)
			project_clear(&(*rows)[i]);
		return store_fail(s, err);
	}
	/* None read: *keys is still NULL, which qsort may not be given. */
	if (n > 1)
		qsort(*keys, n, sizeof(**keys), sort_key_cmp);
	/* The same project again, by another link: next to itself now. */
	for (size_t i = 0; i < n; i++) {
		if (kept > 0 && (*keys)[kept - 1].id == (*keys)[i].id) {
			project_clear(&(*rows)[(*keys)[i].at]);
			continue;
		}
		(*keys)[kept++] = (*keys)[i];
	}
	return (long)kept;
}

/* The rows of the rows[keys[i].at] left (those not handed on), freed. */
static void
list_rows_free(Project *rows, SortKey *keys, size_t n)
{
	for (size_t i = 0; rows != NULL && i < n; i++)
		project_clear(&rows[keys[i].at]);
	free(rows);
	free(keys);
}

/*
 * Hand the n sorted rows on to fn, a chunk at once with their links:
 * each moved into chunk, so that the list's rows are each freed once.
 */
static int
list_emit(Store *s, Project *rows, SortKey *keys, size_t n, Project *chunk,
    unsigned skip, IdKeys *orgs, StoreProjectFn fn, void *ctx, Buf *err)
{
	int stop = 0;

	for (size_t at = 0; at < n; at += LIST_CHUNK) {
		size_t m = n - at < LIST_CHUNK ? n - at : LIST_CHUNK;

		for (size_t i = 0; i < m; i++) {
			Project *p = &rows[keys[at + i].at];

			chunk[i] = *p;
			memset(p, 0, sizeof(*p));
		}
		if (links_read(s, chunk, m, skip, orgs, NULL, err) != 0)
			return -1;
		for (size_t i = 0; i < m; i++) {
			if (!stop)
				stop = fn(ctx, &chunk[i]);
			project_clear(&chunk[i]);
		}
		if (stop)
			break;
	}
	return 0;
}

/*
 * The statement of a whole list (not a page): the ids from the narrow
 * sets, then just their rows; sorted by SQLite, or (csort) in no order,
 * with the pillar's id last, for list_sorted().
 */
static void
list_sql(Store *s, const FilterSql *fs, const ProjectFilter *f, unsigned skip,
    int csort, Buf *sql)
{
	buf_puts(sql, "SELECT ");
	project_columns(sql, csort ? skip | LIST_PILLAR_ID : skip);
	buf_puts(sql,
	    csort
		? ", p.pillar_id FROM project p"
		: " FROM project p LEFT JOIN pillar pl ON pl.id = p.pillar_id");
	buf_printf(
	    sql, "%s WHERE TRUE%s", buf_str(&fs->join), buf_str(&fs->rows));
	if (!csort)
		buf_puts(sql, list_order(s, f ? f->sort : NULL).order);
}

/*
 * A long list of one set of links, sorted here, is read in two halves
 * at once when its caller allows (ProjectFilter.parallel): the projects
 * of ids up to the middle of the table's on s, those above it on a
 * second connection to the file, in a thread of its own; each half is
 * sorted and given its links, and the two are merged.  Its seeks into
 * the project table are most of the work of such a list, and a machine
 * of two cores does them in about half the time.  Both halves read one
 * state of the data when the two connections see one generation (every
 * commit moves it: store_commit), as the caches of cache.c assume; when
 * they do not, or the thread or its connection cannot start or read, s
 * reads the second half too.
 */
#define LIST_SPLIT_MIN 2000

atomic_long store_list_splits; /* lists read by two threads (store_int.h) */
void (*store_list_split_hook)(void); /* the tests' (store_int.h) */

typedef struct ListHalf {
	Store *s;            /* where the half is read; NULL: the thread's */
	Store *main;         /* the list's own store */
	const char *sql;     /* the list's statement, ids in (?, ?] last */
	const FilterSql *fs; /* its filter's parameters */
	int64_t lo, hi;      /* the half's ids: lo < id <= hi */
	int64_t gen;         /* the generation it must see; 0: any */
	unsigned skip;
	size_t max;                                   /* rows it may sort */
	IdKeys *keys;                                 /* the organisations' */
	const IdKeys *pillars;                        /* the pillars' */
	void *(*prep)(const void *, const Project *); /* ProjectFilter's */
	const void *prep_ctx;
	Arena arena;     /* the rows' texts and links (Project.arena) */
	int pinned;      /* started on one CPU: then free to run on cpus */
	cpu_set_t cpus;  /* the CPUs the process may run on */
	Project *rows;   /* read, with their links; duplicates cleared */
	size_t nraw;     /* rows read */
	SortKey *sorted; /* the keys of those kept, in order: rows[at] */
	long n;          /* rows kept; -1 failed, -2 too many, -3 stale */
	Buf err;
} ListHalf;

/*
 * The rows of the half h freed, with their links: what prep made of
 * those not handed on, then the arena, a few blocks for thousands.
 */
static void
half_rows_free(ListHalf *h)
{
	for (size_t i = 0; h->rows != NULL && i < h->nraw; i++)
		project_clear(&h->rows[i]);
	free(h->rows);
	free(h->sorted);
	arena_free(&h->arena);
	h->rows = NULL;
	h->sorted = NULL;
	h->nraw = 0;
}

/* Read the half h on h->s, in the read transaction begun on it. */
static void
half_read(ListHalf *h)
{
	Project *raw = NULL;
	SortKey *keys = NULL;
	DbStmt *st;
	long m;
	int k;

	if (h->gen != 0 && store_generation_on(h->s->db) != h->gen) {
		h->n = -3;
		return;
	}
	if ((st = db_prepare_once(h->s->db, h->sql, &h->err)) == NULL) {
		h->n = -1;
		return;
	}
	k = filter_sql_bind(h->fs, st, 1);
	db_bind_int(st, k, h->lo);
	db_bind_int(st, k + 1, h->hi);
	m = list_sorted(h->s, st, h->skip, h->pillars, &h->arena, h->max, &raw,
	    &h->nraw, &keys, &h->err);
	db_finalize(st);
	/* The rows stay where they were read: the keys give their order. */
	h->rows = raw;
	h->sorted = keys;
	h->n = m;
	if (m < 0) {
		half_rows_free(h);
		return;
	}
	if (m > 0 &&
	    links_read(h->s, h->rows, h->nraw, h->skip, h->keys, &h->arena,
		&h->err) != 0) {
		half_rows_free(h);
		h->n = -1;
		return;
	}
	for (long i = 0; h->prep != NULL && i < m; i++) {
		Project *p = &h->rows[keys[i].at];

		p->prep = h->prep(h->prep_ctx, p);
	}
}

/* The thread of the second half: a connection of its own. */
static void *
half_thread(void *arg)
{
	ListHalf *h = arg;

	if (h->pinned)
		pthread_setaffinity_np(
		    pthread_self(), sizeof(h->cpus), &h->cpus);
	if ((h->s = store_peer_open(h->main, &h->err)) == NULL) {
		h->n = -1;
		return NULL;
	}
	if (store_list_split_hook != NULL)
		store_list_split_hook();
	if (db_begin_read(h->s->db, &h->err) != 0) {
		h->n = -1;
		return NULL;
	}
	half_read(h);
	db_rollback(h->s->db);
	return NULL;
}

static void
half_free(ListHalf *h)
{
	half_rows_free(h);
	if (h->s != h->main)
		store_close(h->s);
	h->s = NULL;
	buf_reset(&h->err);
}

/*
 * What a list read by two threads leaves (its rows, their arenas, the
 * second connection), freed by a thread of its own while the caller goes
 * on, printing the list: the next list on the store joins it, or the
 * store's close (store_list_reap).
 */
struct ListReap {
	pthread_t t;
	ListHalf h[2];
};

static void *
reap_thread(void *arg)
{
	ListReap *r = arg;

	half_free(&r->h[0]);
	half_free(&r->h[1]);
	return NULL;
}

void
store_list_reap(Store *s)
{
	if (s->reaper == NULL)
		return;
	pthread_join(s->reaper->t, NULL);
	free(s->reaper);
	s->reaper = NULL;
}

/*
 * Start h in a thread (t) on a CPU other than this thread's: 0, or -1.
 * Left to itself, Linux may start the new thread on this thread's CPU,
 * the other idle, and move one of the two only at its next balancing,
 * a tick later: 4 ms of a list of 12 ms on two CPUs (measured).  So the
 * thread is started on the next CPU the process may run on, and frees
 * itself to run on any of them once it runs (half_thread).
 */
static int
half_start(pthread_t *t, ListHalf *h)
{
	pthread_attr_t attr;
	cpu_set_t one;
	int me = sched_getcpu(), rc;

	if (pthread_attr_init(&attr) != 0)
		return -1;
	h->pinned = 0;
	if (sched_getaffinity(0, sizeof(h->cpus), &h->cpus) == 0 && me >= 0)
		for (int k = 1; k < CPU_SETSIZE && !h->pinned; k++) {
			int c = (me + k) % CPU_SETSIZE;

			if (!CPU_ISSET(c, &h->cpus))
				continue;
			CPU_ZERO(&one);
			CPU_SET(c, &one);
			h->pinned = pthread_attr_setaffinity_np(
					&attr, sizeof(one), &one) == 0;
		}
	rc = pthread_create(t, &attr, half_thread, h) == 0 ? 0 : -1;
	pthread_attr_destroy(&attr);
	/* Not on that CPU: on any, as Linux places it. */
	if (rc != 0 && h->pinned) {
		h->pinned = 0;
		rc = pthread_create(t, NULL, half_thread, h) == 0 ? 0 : -1;
	}
	return rc;
}

/* The lowest and highest project id, in s's snapshot; 0 or -1. */
static int
list_ids(Store *s, int64_t *lo, int64_t *hi, Buf *err)
{
	/* Each alone: min() and max() together make SQLite scan them. */
	DbStmt *st = db_prepare(s->db,
	    "SELECT (SELECT min(id) FROM project),"
	    " (SELECT max(id) FROM project)",
	    err);

	if (st == NULL)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return store_fail(s, err);
	}
	*lo = db_int(st, 0);
	*hi = db_int(st, 1);
	db_reset(st);
	return 0;
}

/*
 * The list of fs (one set of links, sorted here; s in a read transaction
 * of its own), whose statement list_sql() made (csort), read in two
 * halves at once, handed to fn in order: 0, -1 with a message in err, or
 * -2 when a half has more rows than max (the caller reads the list
 * sorted by SQLite).
 */
static int
list_split(Store *s, const FilterSql *fs, const ProjectFilter *f,
    const char *list, size_t max, IdKeys *keys, const IdKeys *pillars,
    StoreProjectFn fn, void *ctx, Buf *err)
{
	ListHalf h[2];
	ListReap *reap;
	Buf sql = BUF_INIT;
	int64_t lo = 0, hi = 0, mid;
	pthread_t t;
	int threaded, rc = -1, stop = 0;
	long i = 0, j = 0;

	if (list_ids(s, &lo, &hi, err) != 0)
		return -1;
	/* A little more here: the thread first opens its connection. */
	mid = lo + (hi - lo) / 50 * 26;
	buf_printf(&sql, "%s AND p.id > ? AND p.id <= ?", list);
	for (int k = 0; k < 2; k++)
		h[k] = (ListHalf){ .s = s,
			.main = s,
			.sql = buf_str(&sql),
			.fs = fs,
			.lo = k ? mid : lo - 1,
			.hi = k ? hi : mid,
			.skip = f->skip,
			.max = max,
			.keys = keys,
			.pillars = pillars,
			.prep = f->prep,
			.prep_ctx = f->prep_ctx,
			.arena = ARENA_INIT,
			.err = BUF_INIT };
	h[1].s = NULL;
	h[1].gen = store_generation_on(s->db);
	threaded = h[1].gen > 0 && half_start(&t, &h[1]) == 0;
	half_read(&h[0]);
	if (threaded)
		pthread_join(t, NULL);
	if (threaded && h[1].n >= 0)
		atomic_fetch_add(&store_list_splits, 1);
	/* Read here when the thread could not, or saw another state. */
	if (!threaded || h[1].n == -1 || h[1].n == -3) {
		half_free(&h[1]);
		h[1].s = s;
		h[1].gen = 0;
		half_read(&h[1]);
	}
	if (h[0].n == -2 || h[1].n == -2) {
		rc = -2;
		goto out;
	}
	for (int k = 0; k < 2; k++)
		if (h[k].n < 0) {
			buf_puts(err, buf_str(&h[k].err));
			goto out;
		}
	/* The two halves merged, each row handed on in turn, with its prep. */
	while (!stop && (i < h[0].n || j < h[1].n)) {
		Project *p = j == h[1].n ||
			(i < h[0].n &&
			    sort_key_cmp(&h[0].sorted[i], &h[1].sorted[j]) < 0)
		    ? &h[0].rows[h[0].sorted[i++].at]
		    : &h[1].rows[h[1].sorted[j++].at];

		stop = fn(ctx, p);
		p->prep = NULL;
	}
	rc = 0;
out:
	for (int k = 0; k < 2; k++)
		buf_free(&h[k].err);
	buf_free(&sql);
	/* The rows freed by a thread of their own (struct ListReap). */
	reap = xmalloc(sizeof(*reap));
	reap->h[0] = h[0];
	reap->h[1] = h[1];
	if (pthread_create(&reap->t, NULL, reap_thread, reap) == 0) {
		s->reaper = reap;
	} else {
		reap_thread(reap);
		free(reap);
	}
	return rc;
}

int
store_project_list(Store *s, const ProjectFilter *f, StoreProjectFn fn,
    void *ctx, int64_t *total, Buf *err)
{
	FilterSql fs;
	Buf sql = BUF_INIT;
	DbStmt *st = NULL;
	Project *chunk = NULL;
	IdKeys keys = { NULL, 0 }, pillars = { NULL, 0 };
	unsigned skip = f ? f->skip : 0;
	int64_t count = 0, last = 0;
	int rc = -1, step = DB_DONE, stop = 0, snapshot = 0, csort = 0;
	Project *rows = NULL;
	SortKey *sorted = NULL;
	size_t nrows = 0;

	/* The last list's leavings freed first: memory stays bounded. */
	store_list_reap(s);
	filter_sql_build(s, &fs, f);
	if (f != NULL && (f->limit > 0 || f->offset > 0)) {
		Buf page = BUF_INIT;

		/*
		 * A page: sort and cut the ids first, then read the wide rows
		 * of just those, so the sort never carries whole projects.
		 */
		if (list_count(s, f, &fs, &count, err) != 0)
			goto out;
		list_page_sql(s, &page, &fs, f, count);
		buf_puts(&sql, "SELECT ");
		project_columns(&sql, skip);
		buf_printf(&sql,
		    " FROM (%s) page JOIN project p ON p.id = page.pid"
		    " LEFT JOIN pillar pl ON pl.id = p.pillar_id%s",
		    buf_str(&page), list_order(s, f->sort).order);
		buf_free(&page);
		if (total != NULL)
			*total = count;
	} else {
		if (total != NULL && list_count(s, f, &fs, total, err) != 0)
			goto out;
		csort = fs.join.len > 0 && !s->pg &&
		    (f->sort == NULL || strcmp(f->sort, "pillar") == 0) &&
		    (total == NULL || *total <= LIST_SORT_MAX);
		list_sql(s, &fs, f, skip, csort, &sql);
	}
	if (org_keys_read(s, &keys, err) != 0 ||
	    (csort &&
		keys_read(s, "SELECT id, key FROM pillar ORDER BY id", &pillars,
		    err) != 0))
		goto out;
	/*
	 * The rows and their links in one snapshot, which on PostgreSQL
	 * lets a long list come through a cursor (db_stream); none is
	 * begun when the caller's transaction is open (the begin fails).
	 */
	if (s->snapshot == NULL) {
		Buf nested = BUF_INIT;

		snapshot = store_read_begin(s, &nested) == 0;
		if (!snapshot)
			s->snapshot = NULL;
		buf_free(&nested);
	}
	if (csort && f->parallel && snapshot && total != NULL &&
	    *total >= LIST_SPLIT_MIN) {
		int split = list_split(s, &fs, f, buf_str(&sql), LIST_ROWS_MAX,
		    &keys, &pillars, fn, ctx, err);

		if (split != -2) {
			rc = split;
			goto out;
		}
		/* Too many to sort here: SQLite sorts them. */
		csort = 0;
		buf_reset(&sql);
		list_sql(s, &fs, f, skip, 0, &sql);
	}
	st = db_prepare_once(s->db, buf_str(&sql), err);
	if (st == NULL)
		goto out;
	/* A short page is read whole: a cursor costs two round trips more. */
	if (f == NULL || f->limit <= 0 || f->limit > LIST_STREAM_MIN)
		db_stream(st);
	filter_sql_bind(&fs, st, 1);
	chunk = xcalloc(LIST_CHUNK, sizeof(*chunk));
	if (csort) {
		size_t max = total != NULL ? LIST_ROWS_MAX : LIST_SORT_MAX;
		size_t nread = 0;
		long m = list_sorted(s, st, skip, &pillars, NULL, max, &rows,
		    &nread, &sorted, err);

		nrows = m > 0 ? (size_t)m : 0;
		if (m == -1)
			goto out;
		if (m >= 0) {
			rc = list_emit(s, rows, sorted, nrows, chunk, skip,
			    &keys, fn, ctx, err);
			goto out;
		}
		/* Too many to sort here: SQLite sorts them. */
		list_rows_free(rows, sorted, max);
		rows = NULL;
		sorted = NULL;
		db_finalize(st);
		buf_reset(&sql);
		list_sql(s, &fs, f, skip, 0, &sql);
		if ((st = db_prepare_once(s->db, buf_str(&sql), err)) == NULL)
			goto out;
		db_stream(st);
		filter_sql_bind(&fs, st, 1);
	}
	/* Rows come in chunks, so that their links are read a chunk at once. */
	do {
		size_t n = 0;

		while (n < LIST_CHUNK && (step = db_step(st)) == DB_ROW) {
			/* The same project again, by another link (fs.join). */
			if (db_int(st, 0) == last)
				continue;
			row_read(st, &chunk[n++], skip, 1, NULL);
			last = chunk[n - 1].id;
		}
		if (step == DB_ERROR) {
			store_fail(s, err);
			goto out;
		}
		if (n > 0 &&
		    links_read(s, chunk, n, skip, &keys, NULL, err) != 0)
			goto out;
		for (size_t i = 0; i < n; i++) {
			if (!stop)
				stop = fn(ctx, &chunk[i]);
			project_clear(&chunk[i]);
		}
	} while (step == DB_ROW && !stop);
	rc = 0;
out:
	if (chunk != NULL)
		for (size_t i = 0; i < LIST_CHUNK; i++)
			project_clear(&chunk[i]);
	free(chunk);
	list_rows_free(rows, sorted, nrows);
	keys_free(&keys);
	keys_free(&pillars);
	db_finalize(st);
	if (snapshot)
		store_read_end(s);
	buf_free(&sql);
	filter_sql_free(&fs);
	return rc;
}
