/*
 * test_store.c - a bulk load into an empty store, which checks no foreign
 * keys while it lasts (on SQLite): they are checked again once it has
 * ended.  On a SQLite file of its own, or on the database given.
 */
#define _GNU_SOURCE /* strcasestr */
#include <stdlib.h>
#include <unistd.h>

#include "../../src/core/mem.h"
#include "../../src/store/store.h"
#include "../../src/store/store_int.h"
#include "test.h"

/* The value of PRAGMA name on the store's connection, or -1. */
static int64_t
pragma(Store *s, const char *name)
{
	Buf sql = BUF_INIT, err = BUF_INIT;
	DbStmt *st;
	int64_t v = -1;

	buf_printf(&sql, "PRAGMA %s", name);
	st = db_prepare_once(s->primary, buf_str(&sql), &err);
	if (st != NULL && db_step(st) == DB_ROW)
		v = db_int(st, 0);
	db_finalize(st);
	buf_free(&sql);
	buf_free(&err);
	return v;
}

/*
 * A cache's fill (store_fill_begin) on SQLite: its commit neither syncs
 * nor checkpoints, and the connection is as it was after it (synced,
 * checkpointing), whether the fill was committed, rolled back, or not
 * begun at all because the data had moved on.
 */
static void
fill_tests(Store *s)
{
	int64_t gen = store_data_generation(s);
	Db *w;

	CHECK(pragma(s, "synchronous") == 2 &&
		pragma(s, "wal_autocheckpoint") == 1000,
	    "store: a connection syncs its commits and checkpoints");
	w = store_fill_begin(s, gen);
	CHECK(w != NULL, "store: a fill begins at the current generation");
	if (w == NULL)
		return;
	CHECK(pragma(s, "synchronous") == 0 &&
		pragma(s, "wal_autocheckpoint") == 0,
	    "store: a fill's commit neither syncs nor checkpoints");
	store_fill_end(s, w, 1);
	CHECK(pragma(s, "synchronous") == 2 &&
		pragma(s, "wal_autocheckpoint") == 1000,
	    "store: after a fill committed, commits sync and checkpoint again");
	w = store_fill_begin(s, gen);
	if (w != NULL)
		store_fill_end(s, w, 0);
	CHECK(w != NULL && pragma(s, "synchronous") == 2 &&
		pragma(s, "wal_autocheckpoint") == 1000,
	    "store: after a fill rolled back, the same");
	CHECK(store_fill_begin(s, gen + 1) == NULL &&
		pragma(s, "synchronous") == 2 &&
		pragma(s, "wal_autocheckpoint") == 1000,
	    "store: a fill of another generation is refused, and the "
	    "connection left as it was");
}

/* The id of the place of ISO code iso3, or 0. */
static int64_t
place_of(Store *s, const char *iso3)
{
	Buf err = BUF_INIT;
	DbStmt *st = db_prepare_once(
	    s->primary, "SELECT id FROM place WHERE iso3 = ?", &err);
	int64_t id = 0;

	if (st != NULL && db_bind(st, "t", iso3) == 0 && db_step(st) == DB_ROW)
		id = db_int(st, 0);
	db_finalize(st);
	buf_free(&err);
	return id;
}

/*
 * What a list saw: the ids in order; how many came with what prep made
 * of them (ProjectFilter.prep), and how many of those were another's;
 * stop: the rows after which the callback stops the list (0: none).
 */
typedef struct Seen {
	int64_t *id;
	size_t n, prepped, wrong, stop;
} Seen;

static int
seen_one(void *ctx, const Project *p)
{
	Seen *s = ctx;

	s->id[s->n++] = p->id;
	if (p->prep != NULL) {
		s->prepped++;
		s->wrong += *(const int64_t *)p->prep != p->id;
		free(p->prep);
	}
	return s->stop > 0 && s->n == s->stop;
}

/* A prep: the project's id, in a block of its own. */
static void *
id_prep(const void *ctx, const Project *p)
{
	int64_t *id = xmalloc(sizeof(*id));

	*id = ctx == (const void *)id_prep ? p->id : -1;
	return id;
}

/* The order of pillars: pillar (NULL first), serial (NULL first), id. */
typedef struct Want {
	int64_t pillar, serial, id;
} Want;

static int
want_cmp(const void *a, const void *b)
{
	const Want *x = a, *y = b;

	if (x->pillar != y->pillar)
		return x->pillar < y->pillar ? -1 : 1;
	if (x->serial != y->serial)
		return x->serial < y->serial ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * A list of one country sorts its rows itself (query.c, list_sorted) up
 * to LIST_SORT_MAX, and leaves it to SQLite past that, even when it
 * learns so only as it reads: N projects, every one naming MLI and
 * every third NER too (a project reached by two links), in a mix of
 * pillars and serials, NULLs among them; lists of MLI (all N: past the
 * bound) and of NER (a third: sorted here), each in the order of the
 * pillars and each project once, counted first (as the CLI does) or not
 * (as a report does).
 */
#define SORT_N 20500

/*
 * A write committed after a list's snapshot began and before its second
 * thread's began (store_list_split_hook), through another connection:
 * one more project of Niger, and the last of its projects deleted (one
 * the second thread would read).
 */
static const char *stale_path;
static int64_t stale_place, stale_last;
static int stale_rc;

static void
stale_write(void)
{
	char title[] = "Committed meanwhile", name[] = "Niger";
	ProjectPlace pl = { name, NULL, NULL, stale_place, 0 };
	Project p, *pp = &p;
	Buf err = BUF_INIT;
	Store *w = store_open(stale_path, 0, &err);

	memset(&p, 0, sizeof(p));
	p.title = title;
	p.places = &pl;
	p.nplaces = 1;
	stale_rc = w != NULL && store_begin(w, &err) == 0 &&
		store_projects_add(w, &pp, 1, &err) == 0 &&
		store_project_delete(w, stale_last, &err) == 1 &&
		store_commit(w, &err) == 0
	    ? 0
	    : -1;
	if (stale_rc != 0)
		printf("#   %s\n", buf_str(&err));
	free(p.source_key);
	store_close(w);
	buf_free(&err);
}

static void
list_sort_tests(Store *s)
{
	static char p1[] = "I", p2[] = "II", p4[] = "IV";
	char *const pillars[] = { NULL, p1, p2, p4 };
	Project *ps = xcalloc(SORT_N, sizeof(*ps)), **pp;
	ProjectPlace(*pl)[2] = xcalloc(SORT_N, sizeof(*pl));
	Want *want = xcalloc(SORT_N, sizeof(*want));
	Seen seen = { xcalloc(SORT_N, sizeof(int64_t)), 0, 0, 0, 0 };
	int64_t mli, ner, total;
	size_t nwant = 0;
	int64_t pillar_id[4] = { INT64_MIN, 0, 0, 0 };
	char title[] = "Sorted project", name[] = "Mali", name2[] = "Niger";
	Buf err = BUF_INIT;
	int rc;

	pp = xcalloc(SORT_N, sizeof(*pp));
	/* The store of the unit tests has no reference data: its own. */
	if (db_exec(s->primary,
		"INSERT OR IGNORE INTO strategy(id, key) VALUES (1, 'GCTS');"
		"INSERT OR IGNORE INTO pillar(strategy_id, key, number)"
		" VALUES (1, 'IV', 4), (1, 'I', 1), (1, 'II', 2);"
		"INSERT OR IGNORE INTO place(key, kind, iso3, name)"
		" VALUES ('MLI', 'country', 'MLI', 'Mali'),"
		" ('NER', 'country', 'NER', 'Niger')",
		&err) != 0)
		printf("#   %s\n", buf_str(&err));
	mli = place_of(s, "MLI");
	ner = place_of(s, "NER");
	for (int k = 1; k < 4; k++) {
		DbStmt *st = db_prepare_once(
		    s->primary, "SELECT id FROM pillar WHERE key = ?", &err);

		if (st != NULL && db_bind(st, "t", pillars[k]) == 0 &&
		    db_step(st) == DB_ROW)
			pillar_id[k] = db_int(st, 0);
		db_finalize(st);
	}
	for (int i = 0; i < SORT_N; i++) {
		Project *p = &ps[i];

		p->title = title;
		p->pillar = pillars[(i * 7) % 4];
		p->has_serial = i % 10 != 0;
		p->serial = (i * 7919) % 997;
		pl[i][0] = (ProjectPlace){ name, NULL, NULL, mli, 0 };
		pl[i][1] = (ProjectPlace){ name2, NULL, NULL, ner, 0 };
		p->places = pl[i];
		p->nplaces = i % 3 == 0 ? 2 : 1;
		pp[i] = p;
	}
	rc = store_begin(s, &err) == 0 &&
		store_projects_add(s, pp, SORT_N, &err) == 0 &&
		store_commit(s, &err) == 0
	    ? 0
	    : -1;
	CHECK(rc == 0 && mli > 0 && ner > 0,
	    "store: %d projects of Mali, a third of Niger too", SORT_N);
	if (rc != 0) {
		printf("#   %s\n", buf_str(&err));
		goto out;
	}
	for (int c = 0; c < 2; c++) {
		const char *iso = c == 0 ? "MLI" : "NER";
		ProjectFilter f;

		nwant = 0;
		for (int i = 0; i < SORT_N; i++)
			if (c == 0 || i % 3 == 0)
				want[nwant++] = (Want){
					pillar_id[(i * 7) % 4],
					ps[i].has_serial ? ps[i].serial
							 : INT64_MIN,
					ps[i].id,
				};
		qsort(want, nwant, sizeof(*want), want_cmp);
		/* counted 2: and read by two threads where it may be. */
		for (int counted = 0; counted < 3; counted++) {
			long splits = atomic_load(&store_list_splits);
			size_t bad = 0;

			memset(&f, 0, sizeof(f));
			f.country = iso;
			f.skip = PROJECT_SKIP_ISSUES | PROJECT_SKIP_RECORD |
			    PROJECT_SKIP_ACTIVITIES;
			f.parallel = counted == 2;
			seen.n = 0;
			rc = store_project_list(s, &f, seen_one, &seen,
			    counted ? &total : NULL, &err);
			for (size_t i = 0; i < nwant && i < seen.n; i++)
				bad += seen.id[i] != want[i].id;
			CHECK(rc == 0 && seen.n == nwant && bad == 0,
			    "store: the %zu projects of %s, %s, in the order "
			    "of the pillars, each once (%zu seen, %zu out of "
			    "place)",
			    nwant, iso,
			    counted == 2  ? "counted first, two threads allowed"
				: counted ? "counted first"
					  : "uncounted",
			    seen.n, bad);
			/* 20,500 are more than are sorted here; 6,834 not. */
			if (counted == 2)
				CHECK(atomic_load(&store_list_splits) ==
					splits + (nwant <= 20000),
				    "store: the list of %s was read by %s", iso,
				    nwant <= 20000 ? "two threads" : "one");
		}
	}
	/*
	 * What the caller makes of each project (ProjectFilter.prep): made
	 * by the threads of a list read by two, each handed on with its own
	 * project, the rest freed when the callback stops the list (the
	 * sanitizers' build finds a leak); a list read by one leaves it to
	 * the callback.  want[0 .. nwant): Niger's, the loop's last.
	 */
	for (int c = 0; c < 3; c++) {
		ProjectFilter f;
		size_t bad = 0;

		memset(&f, 0, sizeof(f));
		f.country = c == 2 ? "MLI" : "NER";
		f.skip = PROJECT_SKIP_ISSUES | PROJECT_SKIP_RECORD |
		    PROJECT_SKIP_ACTIVITIES;
		f.parallel = 1;
		f.prep = id_prep;
		f.prep_ctx = (const void *)id_prep;
		seen = (Seen){ seen.id, 0, 0, 0, c == 1 ? 100 : 0 };
		rc = store_project_list(s, &f, seen_one, &seen, &total, &err);
		for (size_t i = 0; c < 2 && i < nwant && i < seen.n; i++)
			bad += seen.id[i] != want[i].id;
		if (c == 0)
			CHECK(rc == 0 && seen.n == nwant && bad == 0 &&
				seen.prepped == nwant && seen.wrong == 0,
			    "store: Niger's %zu projects by two threads, each "
			    "with its prep (%zu seen, %zu with a prep, %zu "
			    "another's, %zu out of place)",
			    nwant, seen.n, seen.prepped, seen.wrong, bad);
		else if (c == 1)
			CHECK(rc == 0 && seen.n == 100 && bad == 0 &&
				seen.prepped == 100 && seen.wrong == 0,
			    "store: a list of two threads stopped after 100 "
			    "rows: 100 handed on with their preps (%zu, %zu), "
			    "the others' freed",
			    seen.n, seen.prepped);
		else
			CHECK(rc == 0 && seen.n == SORT_N && seen.prepped == 0,
			    "store: Mali's %d projects, too many for two "
			    "threads: no prep made, the callback makes its own "
			    "(%zu seen, %zu with a prep)",
			    SORT_N, seen.n, seen.prepped);
	}
	/*
	 * The second thread sees another state of the data than the list's
	 * (a project added meanwhile), so the list's own connection reads
	 * its half too: the list is that of its snapshot, without the new
	 * project, in order, and no list counts as read by two threads.
	 */
	{
		long splits = atomic_load(&store_list_splits);
		size_t bad = 0;
		ProjectFilter f;

		/* want[0 .. nwant): Niger's, the loop's last. */
		memset(&f, 0, sizeof(f));
		f.country = "NER";
		f.skip = PROJECT_SKIP_ISSUES | PROJECT_SKIP_RECORD |
		    PROJECT_SKIP_ACTIVITIES;
		f.parallel = 1;
		stale_path = s->path;
		stale_place = ner;
		/* The last made, of Niger too ((SORT_N - 1) % 3 == 0). */
		stale_last = ps[SORT_N - 1].id;
		stale_rc = 1;
		store_list_split_hook = stale_write;
		seen.n = 0;
		rc = store_project_list(s, &f, seen_one, &seen, &total, &err);
		store_list_split_hook = NULL;
		for (size_t i = 0; i < nwant && i < seen.n; i++)
			bad += seen.id[i] != want[i].id;
		CHECK(stale_rc == 0 && rc == 0 && seen.n == nwant && bad == 0 &&
			atomic_load(&store_list_splits) == splits,
		    "store: a project added and another deleted between the "
		    "snapshots of a list's two threads: the list is its "
		    "snapshot's (%zu of %zu seen, %zu out of place), read "
		    "by one thread",
		    seen.n, nwant, bad);
	}
out:
	for (int i = 0; i < SORT_N; i++)
		free(ps[i].source_key);
	free(ps);
	free(pp);
	free(pl);
	free(want);
	free(seen.id);
	buf_free(&err);
}

/*
 * A project's links come in their order (entities and places by position,
 * issues as met) even when SQLite reads a statement that has no ORDER BY
 * backwards (PRAGMA reverse_unordered_selects, made to find code that
 * relies on such an order): query.c reads them by a join in the order of
 * the index, checks that order, and reads them again by the ordered
 * statement when a row breaks it (links_run).
 */
#define LINKS_N 3

static int
links_ordered(const Project *p)
{
	char want[24];
	int ok = p->norgs == LINKS_N && p->nplaces == LINKS_N &&
	    p->nissues == LINKS_N;

	for (int i = 0; ok && i < LINKS_N; i++) {
		snprintf(want, sizeof(want), "Entity %d", i + 1);
		ok = strcmp(p->orgs[i].name, want) == 0;
		snprintf(want, sizeof(want), "Place %d", i + 1);
		ok = ok && strcmp(p->places[i].name, want) == 0;
		snprintf(want, sizeof(want), "Issue %d", i + 1);
		ok = ok && strcmp(p->issues[i].message, want) == 0;
	}
	return ok;
}

typedef struct Ordered {
	int64_t first;
	int seen, ok;
} Ordered;

static int
ordered_one(void *ctx, const Project *p)
{
	Ordered *o = ctx;

	if (p->id >= o->first && p->id < o->first + 2) {
		o->seen++;
		o->ok += links_ordered(p);
	}
	return 0;
}

static void
links_order_tests(Store *s)
{
	char title[] = "Ordered links", kind[] = "test";
	char names[3][LINKS_N][24];
	Project ps[2], *pp[] = { &ps[0], &ps[1] };
	ProjectOrg orgs[LINKS_N];
	ProjectPlace places[LINKS_N];
	ProjectIssue issues[LINKS_N];
	Buf err = BUF_INIT;
	int rc;

	memset(ps, 0, sizeof(ps));
	memset(orgs, 0, sizeof(orgs));
	memset(places, 0, sizeof(places));
	for (int i = 0; i < LINKS_N; i++) {
		snprintf(names[0][i], sizeof(names[0][i]), "Entity %d", i + 1);
		snprintf(names[1][i], sizeof(names[1][i]), "Place %d", i + 1);
		snprintf(names[2][i], sizeof(names[2][i]), "Issue %d", i + 1);
		orgs[i].name = names[0][i];
		places[i].name = names[1][i];
		issues[i] = (ProjectIssue){ kind, names[2][i] };
	}
	for (int k = 0; k < 2; k++) {
		ps[k].title = title;
		ps[k].orgs = orgs;
		ps[k].norgs = LINKS_N;
		ps[k].places = places;
		ps[k].nplaces = LINKS_N;
		ps[k].issues = issues;
		ps[k].nissues = LINKS_N;
	}
	rc = store_begin(s, &err) == 0 &&
		store_projects_add(s, pp, 2, &err) == 0 &&
		store_commit(s, &err) == 0
	    ? 0
	    : -1;
	CHECK(rc == 0,
	    "store: two projects of three entities, places and "
	    "issues each");
	if (rc != 0) {
		printf("#   %s\n", buf_str(&err));
		buf_free(&err);
		return;
	}
	for (int reverse = 0; reverse < 2; reverse++) {
		Ordered o = { ps[0].id, 0, 0 };
		ProjectFilter f;
		Project got;
		int ok = 0;

		db_exec(s->primary,
		    reverse ? "PRAGMA reverse_unordered_selects = ON"
			    : "PRAGMA reverse_unordered_selects = OFF",
		    &err);
		for (int k = 0; k < 2; k++) {
			memset(&got, 0, sizeof(got));
			if (store_project_get(s, ps[k].id, &got, &err) == 1) {
				ok += links_ordered(&got);
				project_clear(&got);
			}
		}
		memset(&f, 0, sizeof(f));
		rc = store_project_list(s, &f, ordered_one, &o, NULL, &err);
		CHECK(ok == 2 && rc == 0 && o.seen == 2 && o.ok == 2,
		    "store: entities, places and issues in their order, one "
		    "project and a list of them%s",
		    reverse ? ", with SQLite's unordered reads reversed" : "");
	}
	db_exec(s->primary, "PRAGMA reverse_unordered_selects = OFF", &err);
	buf_free(&err);
}

/* A project named title, with one entity, name, unresolved. */
static void
project_make(Project *p, ProjectOrg *o, char *title, char *name)
{
	memset(p, 0, sizeof(*p));
	memset(o, 0, sizeof(*o));
	p->title = title;
	o->name = name;
	p->orgs = o;
	p->norgs = 1;
}

/* The tests on the store at path (a file or a database URL). */
static void
store_tests(const char *path)
{
	Buf err = BUF_INIT;
	Store *s;
	Project a, b, c, got;
	ProjectOrg oa, ob, oc;
	Project *two[] = { &a, &b }, *one[] = { &c };
	int rc;

	s = store_open(path, 1, &err);
	CHECK(s != NULL, "store: opened %s", path);
	if (s == NULL) {
		printf("#   %s\n", buf_str(&err));
		buf_free(&err);
		return;
	}
	char ta[] = "Alpha project", na[] = "Alpha", tb[] = "Beta project",
	     nb[] = "Beta", tc[] = "Gamma project", nc[] = "Gamma";

	/*
	 * A bulk load whose second row breaks a constraint fails, and its
	 * rollback leaves the store empty: the first row, which the failed
	 * statement wrote (INSERT OR FAIL, batch_sql), goes with the rest.
	 */
	char bad[] = "bogus";

	project_make(&a, &oa, ta, na);
	project_make(&b, &ob, tb, nb);
	b.status = bad;
	rc = store_begin(s, &err) == 0 ? store_bulk_begin(s, &err) : -1;
	CHECK(rc == 1, "store: an empty store takes a bulk load");
	rc = rc == 1 ? store_projects_add(s, two, 2, &err) : -2;
	/* PostgreSQL's COPY answers when the connection is next asked. */
	if (rc == 0)
		rc = store_commit(s, &err) == 0 ? 0 : -1;
	CHECK(rc == -1 && strcasestr(buf_str(&err), "constraint") != NULL,
	    "store: a bulk load's row of an unknown status is refused");
	if (rc != -1)
		printf("#   rc %d: %s\n", rc, buf_str(&err));
	store_rollback(s);
	buf_reset(&err);
	b.status = NULL;
	a.id = b.id = 0;
	rc = store_begin(s, &err) == 0 ? store_bulk_begin(s, &err) : -1;
	CHECK(rc == 1, "store: after its rollback, the store is empty again");
	rc = rc == 1 && store_projects_add(s, two, 2, &err) == 0 &&
		store_commit(s, &err) == 0
	    ? 0
	    : -1;
	CHECK(rc == 0 && b.id == a.id + 1, "store: two projects loaded");
	if (rc != 0)
		printf("#   %s\n", buf_str(&err));
	/*
	 * Foreign keys checked again once the load has ended: a project
	 * whose entity names no organisation is refused, and nothing of it
	 * is kept.
	 */
	project_make(&c, &oc, tc, nc);
	oc.org_id = 999999;
	buf_reset(&err);
	rc = store_begin(s, &err) == 0 ? store_bulk_begin(s, &err) : -1;
	CHECK(rc == 0, "store: a store with projects takes no bulk load");
	rc = rc == 0 ? store_projects_add(s, one, 1, &err) : -2;
	/* The database's words: SQLite's "FOREIGN KEY constraint failed",
	 * PostgreSQL's "violates foreign key constraint". */
	if (rc == 0)
		rc = store_commit(s, &err) == 0 ? 0 : -1;
	CHECK(rc == -1 && strcasestr(buf_str(&err), "foreign key") != NULL,
	    "store: after the bulk load, an entity naming no organisation is "
	    "refused (foreign keys checked again)");
	if (rc != -1)
		printf("#   rc %d: %s\n", rc, buf_str(&err));
	store_rollback(s);
	memset(&got, 0, sizeof(got));
	CHECK(store_project_get(s, b.id + 1, &got, &err) == 0,
	    "store: the refused project is not there");
	/* And the bulk load itself left every link whole. */
	rc = store_project_get(s, b.id, &got, &err);
	CHECK(
	    rc == 1 && got.norgs == 1 && strcmp(got.orgs[0].name, "Beta") == 0,
	    "store: the bulk-loaded project has its entity");
	if (rc == 1)
		project_clear(&got);
	if (!s->pg) {
		links_order_tests(s);
		fill_tests(s);
		list_sort_tests(s);
	}
	store_close(s);
	buf_free(&err);
}

void
test_store_on(const char *url)
{
	store_tests(url);
}

void
test_store(void)
{
	char dir[] = "/tmp/ctm-unit-XXXXXX", path[64];

	if (mkdtemp(dir) == NULL) {
		CHECK(0, "store: a temporary directory");
		return;
	}
	snprintf(path, sizeof(path), "%s/t.db", dir);
	store_tests(path);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-shm", dir);
	unlink(path);
	rmdir(dir);
}
