/*
 * annex_import.c - resolving and storing matrix rows (see import.h).
 *
 * For each row: the title cell is taken apart (annex_cell.c), the status
 * mapped, entities and places resolved through the Resolver, the scope
 * derived, and the project saved under a source key made of pillar, serial
 * and folded title.  A row whose digest (its cells and the reference data
 * it was resolved against) matches what is stored is left alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "../portfolio/resolve.h"
#include "../portfolio/vocab.h"
#include "../text/fold.h"
#include "import.h"

/*
 * Part of every row's digest: bump it whenever a change to the reader or
 * the cell parser would read the same row differently, so that the next
 * import rewrites rows read the old way instead of keeping them.
 */
#define ANNEX_PARSER_VERSION 3

typedef struct Importer {
	Store *s;
	Resolver res;
	const ImportOptions *opt;
	ImportReport *rep;
	StrMap seen;   /* source keys met in this import */
	StrMap tables; /* pillars whose heading was met */
	const char *file;
	const char *pillar; /* current pillar key */
	char as_of[11];     /* the date the current file speaks for */
	uint64_t ref_print; /* fingerprint of the reference data */
} Importer;

static void
report_note(ImportReport *rep, const char *file, size_t line, const char *kind,
    const char *message)
{
	ImportNote *n;

	mem_grow((void **)&rep->note, &rep->cap, rep->nnote + 1, sizeof(*n));
	n = &rep->note[rep->nnote++];
	n->file = xstrdup(file);
	n->line = line;
	n->kind = xstrdup(kind);
	n->message = xstrdup(message);
}

void
import_report_free(ImportReport *rep)
{
	for (size_t i = 0; i < rep->nnote; i++) {
		free(rep->note[i].file);
		free(rep->note[i].kind);
		free(rep->note[i].message);
	}
	free(rep->note);
	memset(rep, 0, sizeof(*rep));
}

static int
is_entity(void *ctx, const char *name)
{
	Resolved r;

	return resolver_org(ctx, name, &r);
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	h ^= 0xff;
	h *= 1099511628211ULL;
	return h;
}

static void
issue_add(Project *p, const char *kind, const char *message)
{
	ProjectIssue *is;

	p->issues = xrealloc(p->issues, (p->nissues + 1) * sizeof(*is));
	is = &p->issues[p->nissues++];
	is->kind = xstrdup(kind);
	is->message = xstrdup(message);
}

/* Resolve one place name into p; names joined by "and" may be split. */
static void
place_add(Importer *im, Project *p, const char *name, int *regional,
    int *countries, int *global)
{
	Resolved r;
	ProjectPlace *pl;
	const char *conj = strstr(name, " and ");

	if (!resolver_place(&im->res, name, &r) && conj != NULL) {
		Buf left = BUF_INIT;
		Resolved a, b;

		buf_append(&left, name, (size_t)(conj - name));
		if (resolver_place(&im->res, buf_str(&left), &a) &&
		    resolver_place(&im->res, conj + 5, &b)) {
			place_add(
			    im, p, buf_str(&left), regional, countries, global);
			place_add(im, p, conj + 5, regional, countries, global);
			buf_free(&left);
			return;
		}
		buf_free(&left);
	}
	p->places = xrealloc(p->places, (p->nplaces + 1) * sizeof(*pl));
	pl = &p->places[p->nplaces++];
	memset(pl, 0, sizeof(*pl));
	pl->name = xstrdup(name);
	if (resolver_place(&im->res, name, &r)) {
		pl->place_id = r.id;
		pl->key = xstrdup(r.key);
		pl->kind = xstrdup(r.kind);
		if (strcmp(r.kind, "country") == 0)
			(*countries)++;
		else if (strcmp(r.kind, "world") == 0)
			(*global)++;
		else
			(*regional)++;
	} else if (resolver_org(&im->res, name, &r)) {
		pl->org_id = r.id;
		pl->key = xstrdup(r.key);
	}
}

/*
 * Scope: what the cell says in words wins ("Global", "Regional (Arab
 * States)"); else it follows from the places: a region or grouping makes
 * it regional, one country national, several countries regional.
 */
static void
scope_fill(Importer *im, Project *p, const char *cell)
{
	AnnexScope sc;
	int regional = 0, countries = 0, global = 0;

	annex_scope_parse(cell, &sc);
	for (size_t i = 0; i < sc.nname; i++)
		place_add(im, p, sc.name[i], &regional, &countries, &global);
	p->scopes = sc.scopes;
	if (p->scopes == 0) {
		if (global)
			p->scopes |= SCOPE_GLOBAL;
		if (regional || countries > 1)
			p->scopes |= SCOPE_REGIONAL;
		else if (countries == 1)
			p->scopes |= SCOPE_NATIONAL;
	}
	annex_scope_free(&sc);
}

static void
orgs_fill(Importer *im, Project *p, const AnnexTitle *t)
{
	p->norgs = 0;
	p->orgs = xcalloc(t->nentity ? t->nentity : 1, sizeof(ProjectOrg));
	for (size_t i = 0; i < t->nentity; i++) {
		ProjectOrg *o = &p->orgs[p->norgs];
		Resolved r;

		/* "UNESCO, UNESCO": an entity named twice counts once. */
		if (resolver_org(&im->res, t->entity[i], &r)) {
			int dup = 0;

			for (size_t j = 0; j < p->norgs; j++)
				dup |= p->orgs[j].org_id == r.id;
			if (dup)
				continue;
			o->org_id = r.id;
			o->key = xstrdup(r.key);
		}
		o->name = xstrdup(t->entity[i]);
		p->norgs++;
	}
}

static char *
dup_or_null(const char *s)
{
	return (s && *s) ? xstrdup(s) : NULL;
}

/* Build the project of one row (without touching the store). */
static void
row_project(Importer *im, const AnnexRow *row, Project *p)
{
	AnnexTitle t;
	AnnexNotes notes = { NULL, 0, 0 };
	Buf b = BUF_INIT;
	static const char *const cell_name[ANNEX_CELLS] = { "serial", "title",
		"status", "main activities", "geographical scope" };

	memset(p, 0, sizeof(*p));
	annex_title_parse(buf_str(&row->cell[CELL_TITLE]), is_entity, &im->res,
	    &t, &notes, row->line);
	p->pillar = xstrdup(im->pillar);
	p->has_serial = row->serial >= 0;
	p->serial = row->serial;
	p->title = xstrdup(buf_str(&t.title));
	if (t.has_period) {
		p->period_text = xstrdup(buf_str(&t.period_text));
		p->start_date = dup_or_null(t.period.start);
		p->end_date = dup_or_null(t.period.end);
		p->open_ended = t.period.open_ended;
		p->annual = t.period.annual;
	}
	annex_plain(buf_str(&row->cell[CELL_STATUS]), &b);
	if ((p->status = dup_or_null(vocab_status(buf_str(&b)))) == NULL)
		p->status_text = xstrdup(buf_str(&b));
	buf_reset(&b);
	annex_plain(buf_str(&row->cell[CELL_ACTIVITIES]), &b);
	p->activities = xstrdup(buf_str(&b));
	buf_reset(&b);
	annex_plain(buf_str(&row->cell[CELL_SCOPE]), &b);
	p->scope_text = xstrdup(buf_str(&b));
	orgs_fill(im, p, &t);
	scope_fill(im, p, buf_str(&row->cell[CELL_SCOPE]));
	p->source_file = xstrdup(im->file);
	p->source_line = (int64_t)row->line;
	p->as_of = dup_or_null(im->as_of);
	for (int i = CELL_TITLE; i < ANNEX_CELLS; i++) {
		buf_reset(&b);
		annex_plain(buf_str(&row->cell[i]), &b);
		if (b.len == 0 && i != CELL_SCOPE) {
			Buf m = BUF_INIT;

			buf_printf(&m, "line %zu: the %s is empty", row->line,
			    cell_name[i]);
			issue_add(p, "missing-field", buf_str(&m));
			buf_free(&m);
		}
	}
	for (size_t i = 0; i < row->notes.n; i++)
		issue_add(
		    p, row->notes.note[i].kind, row->notes.note[i].message);
	for (size_t i = 0; i < notes.n; i++) {
		Buf m = BUF_INIT;

		buf_printf(&m, "line %zu: %s", notes.note[i].line,
		    notes.note[i].message);
		issue_add(p, notes.note[i].kind, buf_str(&m));
		buf_free(&m);
	}
	annex_notes_free(&notes);
	annex_title_free(&t);
	buf_free(&b);
}

/* Source key and digest of a row. */
static void
row_identity(
    Importer *im, const AnnexRow *row, const Project *p, Buf *key, Buf *digest)
{
	uint64_t h = im->ref_print ^ ANNEX_PARSER_VERSION;

	Buf title = BUF_INIT;

	/* The title enters the key as a hash: the key stays short. */
	text_name_key(p->title, &title);
	buf_printf(key, "annex:%s:", im->pillar);
	if (row->serial >= 0)
		buf_printf(key, "%ld", row->serial);
	buf_printf(key, ":%016llx",
	    (unsigned long long)fnv(14695981039346656037ULL, buf_str(&title)));
	buf_free(&title);
	for (int i = 0; i < ANNEX_CELLS; i++)
		h = fnv(h, buf_str(&row->cell[i]));
	buf_printf(digest, "%016llx", (unsigned long long)h);
}

static int
import_row(Importer *im, const AnnexRow *row, Buf *err)
{
	Project p;
	Buf key = BUF_INIT, digest = BUF_INIT, have = BUF_INIT;
	int64_t id, dummy;
	int rc = -1;

	if (im->pillar == NULL) {
		buf_printf(err,
		    "%s:%zu: row %ld comes before any pillar heading, so its "
		    "pillar is unknown (give --pillar)",
		    im->file, row->line, row->serial);
		return -1;
	}
	im->rep->rows++;
	if (row->joined)
		im->rep->joined++;
	row_project(im, row, &p);
	row_identity(im, row, &p, &key, &digest);
	if (strmap_get(&im->seen, buf_str(&key), &dummy)) {
		Buf m = BUF_INIT;

		buf_printf(&m,
		    "row %ld of pillar %s at line %zu repeats the row at line "
		    "%lld; it was imported once",
		    row->serial, im->pillar, row->line, (long long)dummy);
		report_note(
		    im->rep, im->file, row->line, "repeated-row", buf_str(&m));
		buf_free(&m);
		im->rep->repeated++;
		rc = 0;
		goto out;
	}
	strmap_put(&im->seen, buf_str(&key), (int64_t)row->line);
	for (size_t i = 0; i < p.nissues; i++)
		report_note(im->rep, im->file, row->line, p.issues[i].kind,
		    p.issues[i].message);
	if ((id = store_project_by_source(im->s, buf_str(&key), &have, err)) <
	    0)
		goto out;
	if (id > 0 && strcmp(buf_str(&have), buf_str(&digest)) == 0) {
		im->rep->unchanged++;
		rc = 0;
		goto out;
	}
	p.id = id;
	p.source_key = buf_detach(&key);
	p.source_digest = buf_detach(&digest);
	if (!im->opt->dry_run && store_project_save(im->s, &p, err) != 0) {
		Buf m = BUF_INIT;

		buf_printf(&m, "%s:%zu: %s", im->file, row->line, buf_str(err));
		buf_set(err, buf_str(&m));
		buf_free(&m);
		goto out;
	}
	if (id > 0)
		im->rep->updated++;
	else
		im->rep->added++;
	rc = 0;
out:
	project_clear(&p);
	buf_free(&key);
	buf_free(&digest);
	buf_free(&have);
	return rc;
}

static int
import_file(Importer *im, const char *file, Buf *err)
{
	FILE *fp = fopen(file, "r");
	AnnexReader r;
	AnnexEvent ev;
	long declared_line = 0;
	int64_t dummy;
	int got, rc = -1;

	if (fp == NULL) {
		buf_printf(err, "%s: cannot open: %s", file, strerror(errno));
		return -1;
	}
	im->file = file;
	im->pillar = im->opt->pillar;
	im->as_of[0] = '\0';
	annex_reader_init(&r, fp, file);
	while ((got = annex_next(&r, &ev, err)) == 1) {
		switch (ev.type) {
		case ANNEX_PILLAR:
			if (store_pillar_exists(im->s, ev.pillar, err) != 1) {
				buf_printf(err,
				    "%s:%zu: pillar %s is not in the "
				    "strategy framework",
				    file, ev.line, ev.pillar);
				goto out;
			}
			im->pillar = ev.pillar;
			if (strmap_get(&im->tables, ev.pillar, &dummy))
				break; /* the table goes on after a page */
			strmap_put(&im->tables, ev.pillar, (int64_t)ev.line);
			declared_line = 0;
			if (!im->opt->dry_run &&
			    store_annex_table_put(im->s, ev.pillar, 0, 0, file,
				(int64_t)ev.line, err) != 0)
				goto out;
			break;
		case ANNEX_DECLARED:
			if (im->pillar == NULL || declared_line != 0)
				break;
			declared_line = (long)ev.line;
			if (!im->opt->dry_run &&
			    store_annex_table_put(im->s, im->pillar,
				ev.declared, 1, file, (int64_t)ev.line,
				err) != 0)
				goto out;
			break;
		case ANNEX_AS_OF:
			memcpy(im->as_of, ev.as_of, sizeof(im->as_of));
			break;
		case ANNEX_ROW:
			if (import_row(im, ev.row, err) != 0)
				goto out;
			if (im->opt->progress && im->rep->rows % 1000 == 0)
				im->opt->progress(
				    im->opt->progress_ctx, file, im->rep->rows);
			break;
		}
	}
	if (got < 0)
		goto out;
	for (size_t i = 0; i < r.notes.n; i++)
		report_note(im->rep, file, r.notes.note[i].line,
		    r.notes.note[i].kind, r.notes.note[i].message);
	rc = 0;
out:
	annex_reader_free(&r);
	fclose(fp);
	return rc;
}

int
annex_import(Store *s, const char *const *files, int nfiles,
    const ImportOptions *opt, ImportReport *rep, Buf *err)
{
	Importer im;
	int rc = -1;

	memset(&im, 0, sizeof(im));
	memset(rep, 0, sizeof(*rep));
	im.s = s;
	im.opt = opt;
	im.rep = rep;
	if (resolver_load(&im.res, s, err) != 0)
		return -1;
	im.ref_print = 14695981039346656037ULL ^ (uint64_t)im.res.org.count ^
	    ((uint64_t)im.res.place.count << 20) ^
	    (uint64_t)im.res.nentry << 40;
	if (store_begin(s, err) != 0)
		goto out;
	for (int i = 0; i < nfiles; i++) {
		if (import_file(&im, files[i], err) != 0) {
			store_rollback(s);
			goto out;
		}
	}
	if (opt->dry_run) {
		store_rollback(s);
	} else if (store_commit(s, err) != 0) {
		store_rollback(s);
		goto out;
	}
	rc = 0;
out:
	strmap_free(&im.seen);
	strmap_free(&im.tables);
	resolver_free(&im.res);
	return rc;
}
