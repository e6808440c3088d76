/*
 * annex_import.c - resolving and storing matrix rows and CSV records
 * (see import.h).
 *
 * For each matrix row: the title cell is taken apart (annex_cell.c), the
 * status mapped, entities and places resolved through the Resolver, the
 * scope derived, and the project saved under a source key made of pillar,
 * serial and folded title.  A CSV record (project_csv.c) comes with its
 * fields apart already and goes the same way from the resolving on.  A row
 * whose digest (its cells and the reference data it was resolved against)
 * matches what is stored is left alone.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "project_csv.h"
#include "project_json.h"
#include "../portfolio/resolve.h"
#include "../portfolio/vocab.h"
#include "../text/fold.h"
#include "../text/lang.h"
#include "import.h"

/*
 * Part of every row's digest: bump it whenever a change to the reader or
 * the cell parser would read the same row differently, so that the next
 * import rewrites rows read the old way instead of keeping them.
 */
#define ANNEX_PARSER_VERSION 3

/*
 * The import runs as two threads joined by a queue of jobs: the reader
 * (read, parse, resolve: everything that needs no database) and the writer
 * (the calling thread: every database call, in order).  On two cores the
 * parsing of one row overlaps the writing of the one before.  Only the
 * writer touches the store; only the reader touches the reader's state.
 */
typedef enum JobType {
	JOB_FILE,  /* a file starts: file */
	JOB_EVENT, /* a heading, a declared count or an as-of date: ev */
	JOB_ROW,   /* a row, parsed: p, key, digest */
	JOB_ERROR, /* the reader failed: message */
	JOB_END    /* no more jobs */
} JobType;

typedef struct Job {
	JobType type;
	const char *file;   /* file of the job */
	AnnexEvent ev;      /* JOB_EVENT (ev.row is not used) */
	const char *pillar; /* JOB_ROW: its pillar */
	Project p;          /* JOB_ROW: the project */
	Buf key, digest;    /* JOB_ROW: its source key and digest */
	size_t line;        /* JOB_ROW: its line */
	long serial;        /* JOB_ROW: its serial */
	int joined;         /* JOB_ROW: joined across a page break */
	Buf message;        /* JOB_ERROR */
} Job;

/*
 * Jobs travel in batches, so that the two threads meet once per batch and
 * not once per row.  The writer never frees a job: it hands finished jobs
 * back (done), and the reader, which allocated them, frees them; a free in
 * the other thread would contend for the reader's malloc arena.
 */
#define QUEUE_SIZE 1024
#define BATCH      128
#define ADD_BATCH  128 /* new projects added together (store_projects_add) */

typedef struct Queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	Job *job[QUEUE_SIZE];
	size_t head, count;
	Job **done; /* finished by the writer, to be freed by the reader */
	size_t ndone, done_cap;
	int stop; /* the writer gave up: the reader stops */
} Queue;

typedef struct Batch {
	Job *job[QUEUE_SIZE];
	size_t n, next;
} Batch;

typedef struct Importer {
	Store *s;
	Resolver res;
	const ImportOptions *opt;
	ImportReport *rep;
	const char *lang; /* the caller's lang_current(), for the reader */
	const char *const *paths; /* the files to open */
	const char *const *names; /* their names, in messages and records */
	int nfiles;
	Queue q;
	Batch out;           /* reader: jobs not yet queued */
	Batch in;            /* writer: jobs taken, job[next..n) still to do */
	Batch fin;           /* writer: jobs done, not yet handed back */
	Batch add;           /* writer: new projects waiting to be added */
	int kept;            /* writer: the last job went to add */
	int fresh;           /* writer: no project existed: no need to look */
	char *before;        /* writer: JSON of the project being updated */
	StrMap seen;         /* writer: source keys met in this import */
	StrMap tables;       /* writer: pillars whose heading was met */
	StrMap pillars;      /* writer: pillars known to be in the framework */
	StrMap mine;         /* opt->entity and its sub-units, by key */
	const char *file;    /* writer: the file being written */
	int nfile;           /* writer: its index in files */
	const char *wpillar; /* writer: the pillar of the current table */
	const char *rfile;   /* reader: the file being read */
	const char *pillar;  /* reader: current pillar key */
	char as_of[11];      /* reader: the date the file speaks for */
	uint64_t ref_print;  /* fingerprint of the reference data */
} Importer;

void
import_report_note(ImportReport *rep, const char *file, size_t line,
    const char *kind, const char *message)
{
	ImportNote *n;

	if (rep->nkept >= IMPORT_NOTES_KEPT) {
		rep->nnote++;
		return;
	}
	mem_grow((void **)&rep->note, &rep->cap, rep->nkept + 1, sizeof(*n));
	n = &rep->note[rep->nkept++];
	rep->nnote++;
	n->file = xstrdup(file);
	n->line = line;
	n->kind = xstrdup(kind);
	n->message = xstrdup(message);
}

void
import_report_free(ImportReport *rep)
{
	for (size_t i = 0; i < rep->nkept; i++) {
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

/* "PREFIX:PILLAR:SERIAL:HASH" of a row's identity, the serial if any. */
static void
put_key(Buf *key, const char *prefix, const char *pillar, long serial,
    const Buf *title)
{
	buf_puts(key, prefix);
	buf_puts(key, pillar);
	buf_putc(key, ':');
	if (serial >= 0)
		buf_put_int(key, serial);
	buf_putc(key, ':');
	buf_put_hex64(key, fnv(14695981039346656037ULL, buf_str(title)));
}

void
import_issue_add(Project *p, const char *kind, const char *message)
{
	ProjectIssue *is;

	p->issues = xrealloc(p->issues, (p->nissues + 1) * sizeof(*is));
	is = &p->issues[p->nissues++];
	is->kind = xstrdup(kind);
	is->message = xstrdup(message);
}

/* Whether name is a place, or places joined by " and ". */
static int
places_resolve(Importer *im, const char *name)
{
	Resolved r;

	if (resolver_place(&im->res, name, &r))
		return 1;
	for (const char *conj = strstr(name, " and "); conj != NULL;
	     conj = strstr(conj + 1, " and ")) {
		Buf left = BUF_INIT;
		int ok;

		buf_append(&left, name, (size_t)(conj - name));
		ok = resolver_place(&im->res, buf_str(&left), &r) &&
		    places_resolve(im, conj + 5);
		buf_free(&left);
		if (ok)
			return 1;
	}
	return 0;
}

/* Resolve one place name into p; names joined by "and" may be split. */
static void
place_add(Importer *im, Project *p, const char *name, int *regional,
    int *countries, int *global)
{
	Resolved r;
	ProjectPlace *pl;
	int known = resolver_place(&im->res, name, &r);

	/*
	 * "Iraq and Syria", "Trinidad and Tobago and South Africa": when the
	 * whole is no place, try each " and " as the cut whose left side is
	 * a place and whose right side is one (or cuts further).
	 */
	for (const char *conj = strstr(name, " and "); !known && conj != NULL;
	     conj = strstr(conj + 1, " and ")) {
		Buf left = BUF_INIT;
		Resolved a;
		int ok;

		buf_append(&left, name, (size_t)(conj - name));
		ok = resolver_place(&im->res, buf_str(&left), &a) &&
		    places_resolve(im, conj + 5);
		if (ok) {
			place_add(
			    im, p, buf_str(&left), regional, countries, global);
			place_add(im, p, conj + 5, regional, countries, global);
		}
		buf_free(&left);
		if (ok)
			return;
	}
	/* A place named twice is kept once. */
	for (size_t i = 0; known && i < p->nplaces; i++)
		if (p->places[i].place_id == r.id)
			return;
	p->places = xrealloc(p->places, (p->nplaces + 1) * sizeof(*pl));
	pl = &p->places[p->nplaces++];
	memset(pl, 0, sizeof(*pl));
	pl->name = xstrdup(name);
	if (known) {
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

/*
 * Resolve entity[0..n) (lead first) into p->orgs.  A name marked "(lead)"
 * leads wherever it is written ("UNDP, UNODC (lead)"); the marks of roles
 * are not part of the names kept.
 */
static void
orgs_fill(Importer *im, Project *p, char *const *entity, size_t n)
{
	size_t lead_at = 0;
	int have_lead = 0;

	p->norgs = 0;
	p->orgs = xcalloc(n ? n : 1, sizeof(ProjectOrg));
	for (size_t i = 0; i < n; i++) {
		ProjectOrg *o = &p->orgs[p->norgs];
		Resolved r;
		int lead = 0;
		size_t len = strlen(entity[i]);
		size_t bare = annex_role_marker(entity[i], len, &lead);
		char *name = xstrndup(entity[i], bare > 0 ? bare : len);

		/* "UNESCO, UNESCO": an entity named twice counts once. */
		if (resolver_org(&im->res, name, &r)) {
			int dup = 0;

			for (size_t j = 0; j < p->norgs; j++)
				dup |= p->orgs[j].org_id == r.id;
			if (dup) {
				free(name);
				continue;
			}
			o->org_id = r.id;
			o->key = xstrdup(r.key);
		}
		o->name = name;
		if (lead && bare < len && !have_lead) {
			have_lead = 1;
			lead_at = p->norgs;
		}
		p->norgs++;
	}
	if (lead_at > 0) {
		ProjectOrg first = p->orgs[lead_at];

		memmove(&p->orgs[1], &p->orgs[0], lead_at * sizeof(*p->orgs));
		p->orgs[0] = first;
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
	if ((p->status = dup_or_null(vocab_status_written(buf_str(&b)))) ==
	    NULL)
		p->status_text = xstrdup(buf_str(&b));
	buf_reset(&b);
	annex_plain(buf_str(&row->cell[CELL_ACTIVITIES]), &b);
	p->activities = xstrdup(buf_str(&b));
	buf_reset(&b);
	annex_plain(buf_str(&row->cell[CELL_SCOPE]), &b);
	p->scope_text = xstrdup(buf_str(&b));
	orgs_fill(im, p, t.entity, t.nentity);
	scope_fill(im, p, buf_str(&row->cell[CELL_SCOPE]));
	p->source_file = xstrdup(im->rfile);
	p->source_line = (int64_t)row->line;
	p->as_of = dup_or_null(im->as_of);
	for (int i = CELL_TITLE; i < CELL_SCOPE; i++) {
		/* Empty once markup is gone; the scope may be empty. */
		const char *v = i == CELL_TITLE ? p->title
		    : i == CELL_STATUS
		    ? (p->status ? p->status : p->status_text)
		    : p->activities;

		if (v == NULL || *v == '\0') {
			Buf m = BUF_INIT;

			buf_printf(&m, "line %zu: the %s is empty", row->line,
			    cell_name[i]);
			import_issue_add(p, "missing-field", buf_str(&m));
			buf_free(&m);
		}
	}
	for (size_t i = 0; i < row->notes.n; i++)
		import_issue_add(
		    p, row->notes.note[i].kind, row->notes.note[i].message);
	for (size_t i = 0; i < notes.n; i++) {
		Buf m = BUF_INIT;

		buf_printf(&m, "line %zu: %s", notes.note[i].line,
		    notes.note[i].message);
		import_issue_add(p, notes.note[i].kind, buf_str(&m));
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
	put_key(key, "annex:", im->pillar, row->serial, &title);
	buf_free(&title);
	for (int i = 0; i < ANNEX_CELLS; i++)
		h = fnv(h, buf_str(&row->cell[i]));
	buf_put_hex64(digest, h);
}

/* Build the project of one CSV record (without touching the store). */
static void
csv_project(
    Importer *im, const char *file, const ProjectCsvRow *row, Project *p)
{
	const Buf *f = row->field;

	memset(p, 0, sizeof(*p));
	p->pillar = xstrdup(row->pillar);
	p->has_serial = row->serial >= 0;
	p->serial = row->serial;
	p->title = xstrdup(buf_str(&f[PCSV_TITLE]));
	if (f[PCSV_PERIOD].len > 0) {
		/* Kept as written even when unread (the note says so). */
		p->period_text = xstrdup(buf_str(&f[PCSV_PERIOD]));
		p->start_date = dup_or_null(row->period.start);
		p->end_date = dup_or_null(row->period.end);
		p->open_ended = row->period.open_ended;
		p->annual = row->period.annual;
	}
	if ((p->status = dup_or_null(row->status)) == NULL)
		p->status_text = xstrdup(buf_str(&f[PCSV_STATUS]));
	p->activities = xstrdup(buf_str(&f[PCSV_ACTIVITIES]));
	p->scope_text = xstrdup(buf_str(&f[PCSV_SCOPE]));
	orgs_fill(im, p, row->entity, row->nentity);
	scope_fill(im, p, buf_str(&f[PCSV_SCOPE]));
	p->source_file = xstrdup(file);
	p->source_line = (int64_t)row->line;
	for (size_t i = 0; i < row->notes.n; i++) {
		Buf m = BUF_INIT;

		buf_printf(&m, "line %zu: %s", row->notes.note[i].line,
		    row->notes.note[i].message);
		import_issue_add(p, row->notes.note[i].kind, buf_str(&m));
		buf_free(&m);
	}
}

/*
 * Source key and digest of a CSV record: "csv:PILLAR:SERIAL:TITLE-HASH",
 * the serial empty when there is none; the digest over the fields as read
 * (the pillar as its key, so "2" and "II" are the same record).
 */
static void
csv_identity(Importer *im, const ProjectCsvRow *row, Buf *key, Buf *digest)
{
	uint64_t h = im->ref_print ^ ((uint64_t)PROJECT_CSV_VERSION << 8);
	Buf title = BUF_INIT;

	text_name_key(buf_str(&row->field[PCSV_TITLE]), &title);
	put_key(key, "csv:", row->pillar, row->serial, &title);
	buf_free(&title);
	h = fnv(h, row->pillar);
	for (int i = PCSV_SERIAL; i < PCSV_NCOLUMNS; i++)
		h = fnv(h, buf_str(&row->field[i]));
	buf_put_hex64(digest, h);
}

static Job *
job_new(JobType type, const char *file)
{
	Job *j = xcalloc(1, sizeof(*j));

	j->type = type;
	j->file = file;
	return j;
}

static void
job_free(Job *j)
{
	project_clear(&j->p);
	buf_free(&j->key);
	buf_free(&j->digest);
	buf_free(&j->message);
	free(j);
}

static void
jobs_free(Job **job, size_t n)
{
	for (size_t i = 0; i < n; i++)
		job_free(job[i]);
}

/* Reader: queue the batch; 0, or -1 when the writer has stopped. */
static int
queue_flush(Importer *im)
{
	Queue *q = &im->q;
	Batch *b = &im->out;
	Job **done;
	size_t ndone;
	int rc = 0;

	pthread_mutex_lock(&q->lock);
	while (q->count + b->n > QUEUE_SIZE && !q->stop)
		pthread_cond_wait(&q->not_full, &q->lock);
	if (q->stop) {
		rc = -1;
	} else {
		for (size_t i = 0; i < b->n; i++)
			q->job[(q->head + q->count + i) % QUEUE_SIZE] =
			    b->job[i];
		q->count += b->n;
		b->n = 0;
		pthread_cond_signal(&q->not_empty);
	}
	done = q->done;
	ndone = q->ndone;
	q->done = NULL;
	q->ndone = q->done_cap = 0;
	pthread_mutex_unlock(&q->lock);
	jobs_free(done, ndone);
	free(done);
	if (rc != 0) {
		jobs_free(b->job, b->n);
		b->n = 0;
	}
	return rc;
}

/*
 * Reader: put a job on the queue (in a batch); 0, or -1 when the writer
 * has stopped (the job is freed then).
 */
static int
queue_put(Importer *im, Job *j)
{
	im->out.job[im->out.n++] = j;
	if (im->out.n < BATCH && j->type != JOB_ERROR && j->type != JOB_END)
		return 0;
	return queue_flush(im);
}

/* Writer, holding the lock: hand the finished jobs to the reader. */
static void
hand_back(Importer *im)
{
	Queue *q = &im->q;

	if (im->fin.n == 0)
		return;
	if (q->ndone + im->fin.n > q->done_cap) {
		q->done_cap = q->ndone + im->fin.n + QUEUE_SIZE;
		q->done = xrealloc(q->done, q->done_cap * sizeof(*q->done));
	}
	memcpy(q->done + q->ndone, im->fin.job, im->fin.n * sizeof(*q->done));
	q->ndone += im->fin.n;
	im->fin.n = 0;
}

/* Writer: the next job, after handing back the finished ones. */
static Job *
queue_get(Importer *im)
{
	Queue *q = &im->q;
	Batch *b = &im->in;

	if (b->next < b->n)
		return b->job[b->next++];
	pthread_mutex_lock(&q->lock);
	hand_back(im);
	while (q->count == 0)
		pthread_cond_wait(&q->not_empty, &q->lock);
	for (b->n = 0; q->count > 0; q->count--) {
		b->job[b->n++] = q->job[q->head];
		q->head = (q->head + 1) % QUEUE_SIZE;
	}
	pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->lock);
	b->next = 1;
	return b->job[0];
}

/* Writer: a job is done. */
static void
queue_done(Importer *im, Job *j)
{
	if (im->fin.n == QUEUE_SIZE) {
		pthread_mutex_lock(&im->q.lock);
		hand_back(im);
		pthread_mutex_unlock(&im->q.lock);
	}
	im->fin.job[im->fin.n++] = j;
}

/* The writer gives up: wake the reader and let it finish. */
static void
queue_stop(Queue *q)
{
	pthread_mutex_lock(&q->lock);
	q->stop = 1;
	pthread_cond_broadcast(&q->not_full);
	pthread_mutex_unlock(&q->lock);
}

/* Reader: fold title and activities, so that the writer does not have to. */
static void
job_fold(Job *j)
{
	Buf f = BUF_INIT;

	text_fold(j->p.title, &f);
	j->p.fold_title = buf_detach(&f);
	text_fold(j->p.activities ? j->p.activities : "", &f);
	j->p.fold_activities = buf_detach(&f);
}

/* Reader: one row to a job, or an error job when it has no pillar. */
static Job *
read_row(Importer *im, const char *file, const AnnexRow *row)
{
	Job *j;

	if (im->pillar == NULL) {
		j = job_new(JOB_ERROR, file);
		buf_printf(&j->message,
		    TC("%s:%zu: row %ld comes before any pillar heading, so "
		       "its pillar is unknown (give --pillar)"),
		    file, row->line, row->serial);
		return j;
	}
	j = job_new(JOB_ROW, file);
	j->pillar = im->pillar;
	j->line = row->line;
	j->serial = row->serial;
	j->joined = row->joined > 0;
	row_project(im, row, &j->p);
	row_identity(im, row, &j->p, &j->key, &j->digest);
	job_fold(j);
	return j;
}

/* Reader: one CSV record to a job. */
static Job *
read_record(Importer *im, const char *file, const ProjectCsvRow *row)
{
	Job *j = job_new(JOB_ROW, file);

	j->pillar = row->pillar;
	j->line = row->line;
	j->serial = row->serial;
	csv_project(im, file, row, &j->p);
	csv_identity(im, row, &j->key, &j->digest);
	job_fold(j);
	return j;
}

/* Reader: one CSV file; as read_file(). */
static int
read_csv(Importer *im, const char *path, const char *file)
{
	ProjectCsvReader r;
	const ProjectCsvRow *row;
	Buf err = BUF_INIT;
	char *text;
	size_t n;
	Job *j;
	int got, rc = 0;

	if (buf_read_file(path, &text, &n, &err) != 0) {
		j = job_new(JOB_ERROR, file);
		buf_set(&j->message, buf_str(&err));
		buf_free(&err);
		free(text);
		return queue_put(im, j) == 0 ? -1 : -2;
	}
	im->rfile = file;
	project_csv_init(&r, text, n, file, im->opt->pillar);
	if (queue_put(im, job_new(JOB_FILE, file)) != 0)
		rc = -2;
	while (rc == 0 && (got = project_csv_next(&r, &row, &err)) != 0) {
		if (got < 0) {
			j = job_new(JOB_ERROR, file);
			buf_set(&j->message, buf_str(&err));
			rc = -1;
		} else {
			j = read_record(im, file, row);
		}
		if (queue_put(im, j) != 0)
			rc = -2;
	}
	project_csv_free(&r);
	free(text);
	buf_free(&err);
	return rc;
}

/* How a file is read: CSV (1) or the published matrix (0). */
static int
file_is_csv(const ImportOptions *opt, const char *file)
{
	size_t n = strlen(file);

	if (opt->format != IMPORT_FORMAT_AUTO)
		return opt->format == IMPORT_FORMAT_CSV;
	return n >= 4 && strcasecmp(file + n - 4, ".csv") == 0;
}

/* Reader: one file; 0, -1 after queueing an error, -2 when told to stop. */
static int
read_file(Importer *im, const char *path, const char *file)
{
	FILE *fp = fopen(path, "r");
	AnnexReader r;
	AnnexEvent ev;
	Job *j;
	int got, rc = 0;

	if (fp == NULL) {
		j = job_new(JOB_ERROR, file);
		buf_printf(&j->message, TC("%s: cannot open: %s"), file,
		    strerror(errno));
		return queue_put(im, j) == 0 ? -1 : -2;
	}
	im->rfile = file;
	im->pillar = im->opt->pillar;
	im->as_of[0] = '\0';
	annex_reader_init(&r, fp, file);
	if (queue_put(im, job_new(JOB_FILE, file)) != 0)
		rc = -2;
	while (rc == 0) {
		Buf err = BUF_INIT;

		got = annex_next(&r, &ev, &err);
		if (got == 0) {
			buf_free(&err);
			break;
		}
		if (got < 0) {
			j = job_new(JOB_ERROR, file);
			buf_set(&j->message, buf_str(&err));
			rc = -1;
		} else if (ev.type == ANNEX_ROW) {
			j = read_row(im, file, ev.row);
			rc = j->type == JOB_ERROR ? -1 : 0;
		} else {
			if (ev.type == ANNEX_PILLAR)
				im->pillar = ev.pillar;
			if (ev.type == ANNEX_AS_OF)
				memcpy(im->as_of, ev.as_of, sizeof(im->as_of));
			j = job_new(JOB_EVENT, file);
			j->ev = ev;
			j->ev.row = NULL;
		}
		buf_free(&err);
		if (queue_put(im, j) != 0)
			rc = -2;
	}
	/* Defects outside rows travel as notes of an event job. */
	for (size_t i = 0; rc == 0 && i < r.notes.n; i++) {
		j = job_new(JOB_ERROR, file);
		j->type = JOB_EVENT;
		j->ev.type = ANNEX_ROW; /* marks a note */
		j->line = r.notes.note[i].line;
		buf_set(&j->key, r.notes.note[i].kind);
		buf_set(&j->message, r.notes.note[i].message);
		if (queue_put(im, j) != 0)
			rc = -2;
	}
	annex_reader_free(&r);
	fclose(fp);
	return rc;
}

static void *
reader_main(void *arg)
{
	Importer *im = arg;

	/* The messages of this thread in the caller's language. */
	lang_use(im->lang);
	for (int i = 0; i < im->nfiles; i++)
		if ((file_is_csv(im->opt, im->names[i])
			    ? read_csv(im, im->paths[i], im->names[i])
			    : read_file(im, im->paths[i], im->names[i])) != 0)
			return NULL;
	queue_put(im, job_new(JOB_END, NULL));
	return NULL;
}

/* Writer: the declared count of the table of the pillar last named. */
static int
write_declared(Importer *im, Job *j, long declared, size_t line, Buf *err)
{
	int64_t dummy;

	/* The first count after a heading is the table's. */
	if (im->wpillar == NULL ||
	    !strmap_get(&im->tables, im->wpillar, &dummy) || dummy)
		return 0;
	strmap_put(&im->tables, im->wpillar, 1);
	return im->opt->dry_run ? 0
				: store_annex_table_put(im->s, im->wpillar,
				      declared, 1, j->file, (int64_t)line, err);
}

/* Writer: a heading, a declared count, or a note outside rows. */
static int
write_event(Importer *im, Job *j, Buf *err)
{
	const AnnexEvent *ev = &j->ev;
	int64_t dummy;

	switch (ev->type) {
	case ANNEX_ROW: /* a note of the reader */
		import_report_note(im->rep, j->file, j->line, buf_str(&j->key),
		    buf_str(&j->message));
		return im->opt->dry_run
		    ? 0
		    : store_source_note_add(im->s, j->file, (int64_t)j->line,
			  buf_str(&j->key), buf_str(&j->message), err);
	case ANNEX_PILLAR:
		if (store_pillar_exists(im->s, ev->pillar, err) != 1) {
			buf_printf(err,
			    TC("%s:%zu: pillar %s is not in the strategy "
			       "framework"),
			    j->file, ev->line, ev->pillar);
			return -1;
		}
		im->wpillar = ev->pillar;
		if (strmap_get(&im->tables, ev->pillar, &dummy))
			return 0; /* the table goes on after a page */
		strmap_put(&im->tables, ev->pillar, 0);
		if (!im->opt->dry_run &&
		    store_annex_table_put(im->s, ev->pillar, 0, 0, j->file,
			(int64_t)ev->line, err) != 0)
			return -1;
		/* "#### Pillar III ... (30 projects)" */
		return ev->declared >= 0
		    ? write_declared(im, j, ev->declared, ev->line, err)
		    : 0;
	case ANNEX_DECLARED:
		return write_declared(im, j, ev->declared, ev->line, err);
	case ANNEX_AS_OF:
		return 0;
	}
	return 0;
}

/* Writer: add the waiting new projects; hand their jobs back. */
static int
add_flush(Importer *im, Buf *err)
{
	Project *p[ADD_BATCH];
	int rc;

	if (im->add.n == 0)
		return 0;
	for (size_t i = 0; i < im->add.n; i++)
		p[i] = &im->add.job[i]->p;
	rc = store_projects_add(im->s, p, im->add.n, err);
	if (rc != 0) {
		Buf m = BUF_INIT;
		const Job *a = im->add.job[0], *z = im->add.job[im->add.n - 1];

		buf_printf(&m, "%s:%zu", a->file, a->line);
		if (z != a)
			buf_printf(&m, "-%s%s%zu",
			    z->file != a->file ? z->file : "",
			    z->file != a->file ? ":" : "", z->line);
		buf_printf(&m, ": %s", buf_str(err));
		buf_set(err, buf_str(&m));
		buf_free(&m);
	}
	for (size_t i = 0; i < im->add.n; i++)
		queue_done(im, im->add.job[i]);
	im->add.n = 0;
	return rc;
}

/*
 * Writer: an imported row changed a project: the trail keeps its values
 * before (read back from the store before the save) and after.
 */
static int
update_audit(Importer *im, const Project *p, Buf *err)
{
	char *after = project_json_text(p);
	int rc;

	rc = store_audit_add(im->s, im->opt->account_id,
	    im->opt->actor ? im->opt->actor : "cli", "update", "project", p->id,
	    im->before, after, err);
	free(after);
	free(im->before);
	im->before = NULL;
	return rc;
}

/*
 * Writer: tell the caller what becomes of a row (opt->row); 0, or -1 with
 * err set when the caller stops the import.
 */
static int
row_told(Importer *im, const Job *j, const char *outcome, int64_t id, Buf *err)
{
	ImportRow r;

	if (im->opt->row == NULL)
		return 0;
	r.file = j->file;
	r.line = j->line;
	r.outcome = outcome;
	r.p = &j->p;
	r.id = id;
	if (im->opt->row(im->opt->row_ctx, &r) == 0)
		return 0;
	buf_printf(err, TC("%s:%zu: the import was stopped"), j->file, j->line);
	return -1;
}

/* Writer: the row's pillar must be in the framework; 0 or -1. */
static int
pillar_check(Importer *im, const Job *j, Buf *err)
{
	int64_t dummy;

	if (strmap_get(&im->pillars, j->pillar, &dummy))
		return 0;
	if (store_pillar_exists(im->s, j->pillar, err) != 1) {
		buf_printf(err,
		    TC("%s:%zu: pillar %s is not in the strategy framework"),
		    j->file, j->line, j->pillar);
		return -1;
	}
	strmap_put(&im->pillars, j->pillar, 1);
	return 0;
}

/*
 * Writer: may the row be written under opt->entity?  It must name the
 * entity (or a sub-unit), and the project it updates (id > 0) must name
 * it already.  1, 0 (with the reason in why), or -1.
 */
static int
entity_allows(Importer *im, const Job *j, int64_t id, Buf *why, Buf *err)
{
	const char *e = im->opt->entity;
	int64_t dummy;
	int named = 0, rc;

	if (e == NULL)
		return 1;
	for (size_t i = 0; i < j->p.norgs && !named; i++)
		named = j->p.orgs[i].key != NULL &&
		    strmap_get(&im->mine, j->p.orgs[i].key, &dummy);
	if (!named) {
		buf_printf(why, TC("the row does not name %s"), e);
		return 0;
	}
	if (id == 0)
		return 1;
	if ((rc = store_project_has_entity(im->s, id, e, err)) == 0)
		buf_printf(why,
		    TC("the row updates project %lld, which does not name %s"),
		    (long long)id, e);
	return rc;
}

/*
 * Writer: a row refused under opt->entity: noted and counted; in a real
 * import it fails the whole import.
 */
static int
row_refuse(Importer *im, const Job *j, int64_t id, const char *why, Buf *err)
{
	import_report_note(im->rep, j->file, j->line, "not-your-entity", why);
	im->rep->refused++;
	if (row_told(im, j, "refused", id, err) != 0)
		return -1;
	if (im->opt->dry_run)
		return 0;
	buf_printf(err, "%s:%zu: %s", j->file, j->line, why);
	return -1;
}

/* Writer: a row met before in this import is noted, not written again. */
static int
row_repeated(Importer *im, const Job *j, int64_t first, Buf *err)
{
	Buf m = BUF_INIT;

	if (j->serial >= 0)
		buf_printf(&m, "row %ld", j->serial);
	else
		buf_puts(&m, "the row");
	buf_printf(&m,
	    " of pillar %s at line %zu repeats the row at %s:%lld; it was "
	    "imported once",
	    j->pillar, j->line, im->names[first >> 32],
	    (long long)(first & 0xffffffff));
	import_report_note(
	    im->rep, j->file, j->line, "repeated-row", buf_str(&m));
	buf_free(&m);
	im->rep->repeated++;
	return row_told(im, j, "repeated", 0, err);
}

/* Writer: store one parsed row (a new one may wait in im->add). */
static int
write_row(Importer *im, Job *j, Buf *err)
{
	Project *p = &j->p;
	Buf have = BUF_INIT, why = BUF_INIT;
	int64_t id, first;
	int rc = -1, ok;

	im->rep->rows++;
	if (j->joined)
		im->rep->joined++;
	if (pillar_check(im, j, err) != 0)
		return -1;
	if (strmap_get(&im->seen, buf_str(&j->key), &first))
		return row_repeated(im, j, first, err);
	/* Where it was first met: file index and line. */
	strmap_put(&im->seen, buf_str(&j->key),
	    ((int64_t)im->nfile << 32) | (int64_t)(j->line & 0xffffffff));
	for (size_t i = 0; i < p->nissues; i++)
		import_report_note(im->rep, j->file, j->line, p->issues[i].kind,
		    p->issues[i].message);
	for (size_t i = 0; i < p->norgs; i++)
		im->rep->unknown_entities += p->orgs[i].org_id == 0;
	for (size_t i = 0; i < p->nplaces; i++)
		im->rep->unknown_places +=
		    p->places[i].place_id == 0 && p->places[i].org_id == 0;
	id = im->fresh
	    ? 0
	    : store_project_by_source(im->s, buf_str(&j->key), &have, err);
	if (id < 0)
		goto out;
	if ((ok = entity_allows(im, j, id, &why, err)) <= 0) {
		if (ok == 0)
			rc = row_refuse(im, j, id, buf_str(&why), err);
		goto out;
	}
	if (id > 0 && strcmp(buf_str(&have), buf_str(&j->digest)) == 0) {
		im->rep->unchanged++;
		rc = row_told(im, j, "unchanged", id, err);
		goto out;
	}
	p->id = id;
	p->source_key = buf_detach(&j->key);
	p->source_digest = buf_detach(&j->digest);
	if (row_told(im, j, id > 0 ? "changed" : "added", id, err) != 0)
		goto out;
	if (id > 0 && !im->opt->dry_run) {
		Project old;

		memset(&old, 0, sizeof(old));
		if (store_project_get(im->s, id, &old, err) < 0)
			goto out;
		im->before = project_json_text(&old);
		project_clear(&old);
	}
	if (id == 0 && !im->opt->dry_run) {
		/* New: added with others (add_flush), the job kept till then. */
		im->add.job[im->add.n++] = j;
		im->kept = 1;
		im->rep->added++;
		rc = im->add.n == ADD_BATCH ? add_flush(im, err) : 0;
		goto out;
	}
	if (!im->opt->dry_run &&
	    (store_project_save(im->s, p, err) != 0 ||
		update_audit(im, p, err) != 0)) {
		Buf m = BUF_INIT;

		buf_printf(&m, "%s:%zu: %s", j->file, j->line, buf_str(err));
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
	buf_free(&have);
	buf_free(&why);
	return rc;
}

/* Writer: take jobs until the end or the first failure. */
static int
write_all(Importer *im, Buf *err)
{
	for (;;) {
		Job *j = queue_get(im);
		int rc = 0;

		switch (j->type) {
		case JOB_END:
			queue_done(im, j);
			return add_flush(im, err);
		case JOB_ERROR:
			buf_set(err, buf_str(&j->message));
			rc = -1;
			break;
		case JOB_FILE:
			for (im->nfile = 0; im->nfile < im->nfiles &&
			     im->names[im->nfile] != j->file;
			     im->nfile++)
				;
			im->file = j->file;
			if (!im->opt->dry_run)
				rc = store_source_notes_clear(
				    im->s, j->file, err);
			im->wpillar = NULL;
			break;
		case JOB_EVENT:
			rc = write_event(im, j, err);
			break;
		case JOB_ROW:
			rc = write_row(im, j, err);
			if (rc == 0 && im->opt->progress &&
			    im->rep->rows % 1000 == 0)
				im->opt->progress(im->opt->progress_ctx,
				    j->file, im->rep->rows);
			break;
		}
		if (!im->kept)
			queue_done(im, j);
		im->kept = 0;
		if (rc != 0)
			return -1;
	}
}

/* After the writer stopped early: let the reader finish, free what's left. */
static void
drain(Importer *im)
{
	queue_stop(&im->q);
	pthread_mutex_lock(&im->q.lock);
	while (im->q.count > 0) {
		job_free(im->q.job[im->q.head]);
		im->q.head = (im->q.head + 1) % QUEUE_SIZE;
		im->q.count--;
	}
	jobs_free(im->q.done, im->q.ndone);
	im->q.ndone = 0;
	pthread_mutex_unlock(&im->q.lock);
}

/* After both threads are done: free every job left anywhere. */
static void
jobs_release(Importer *im)
{
	drain(im);
	free(im->q.done);
	jobs_free(im->in.job + im->in.next, im->in.n - im->in.next);
	jobs_free(im->fin.job, im->fin.n);
	jobs_free(im->out.job, im->out.n);
	jobs_free(im->add.job, im->add.n);
	im->in.n = im->in.next = im->fin.n = im->out.n = im->add.n = 0;
}

/* One entry in the audit trail for the whole import: files and counts. */
static int
import_audit(Importer *im, Buf *err)
{
	Buf j = BUF_INIT;
	int rc;

	if (im->rep->added == 0 && im->rep->updated == 0)
		return 0; /* nothing changed */
	buf_puts(&j, "{\"files\":[");
	for (int i = 0; i < im->nfiles; i++) {
		if (i)
			buf_putc(&j, ',');
		buf_json_string(&j, im->names[i]);
	}
	buf_printf(&j, "],\"added\":%ld,\"updated\":%ld}", (long)im->rep->added,
	    (long)im->rep->updated);
	rc = store_audit_add(im->s, im->opt->account_id,
	    im->opt->actor ? im->opt->actor : "cli", "import", "annex", 0, NULL,
	    buf_str(&j), err);
	buf_free(&j);
	return rc;
}

/* The organisations as key and parent key, for entity_load(). */
typedef struct OrgTree {
	char **key, **parent; /* parent[i] NULL for a top organisation */
	size_t n, cap, pcap;
} OrgTree;

static int
org_collect(void *ctx, const RefItem *r)
{
	OrgTree *t = ctx;

	mem_grow((void **)&t->key, &t->cap, t->n + 1, sizeof(char *));
	mem_grow((void **)&t->parent, &t->pcap, t->n + 1, sizeof(char *));
	t->key[t->n] = xstrdup(r->key);
	t->parent[t->n++] = r->parent ? xstrdup(r->parent) : NULL;
	return 0;
}

/*
 * Fill im->mine with opt->entity and every organisation under it (its
 * sub-units, theirs, ...).  0, or -1 with err set (an unknown key is one).
 */
static int
entity_load(Importer *im, Buf *err)
{
	const char *e = im->opt->entity;
	OrgTree t;
	int64_t dummy;
	int rc = -1, grew = 1;

	if (e == NULL)
		return 0;
	memset(&t, 0, sizeof(t));
	if (store_organisations(im->s, NULL, org_collect, &t, err) != 0)
		goto out;
	for (size_t i = 0; i < t.n; i++)
		if (strcmp(t.key[i], e) == 0)
			strmap_put(&im->mine, e, 1);
	if (im->mine.count == 0) {
		buf_printf(
		    err, TC("\"%s\" is not the key of an organisation"), e);
		goto out;
	}
	/* Down one level a pass; the tree is a few levels deep. */
	while (grew) {
		grew = 0;
		for (size_t i = 0; i < t.n; i++)
			if (t.parent[i] != NULL &&
			    strmap_get(&im->mine, t.parent[i], &dummy) &&
			    !strmap_get(&im->mine, t.key[i], &dummy)) {
				strmap_put(&im->mine, t.key[i], 1);
				grew = 1;
			}
	}
	rc = 0;
out:
	for (size_t i = 0; i < t.n; i++) {
		free(t.key[i]);
		free(t.parent[i]);
	}
	free(t.key);
	free(t.parent);
	return rc;
}

int
annex_import(Store *s, const char *const *files, int nfiles,
    const ImportOptions *opt, ImportReport *rep, Buf *err)
{
	Importer im;
	pthread_t reader;
	int rc = -1, started = 0;

	memset(&im, 0, sizeof(im));
	memset(rep, 0, sizeof(*rep));
	im.s = s;
	im.opt = opt;
	im.rep = rep;
	im.lang = lang_current();
	im.paths = files;
	/* An upload is read from a file of ours but named as it was sent. */
	im.names = opt->source_name && nfiles == 1 ? &opt->source_name : files;
	im.nfiles = nfiles;
	pthread_mutex_init(&im.q.lock, NULL);
	pthread_cond_init(&im.q.not_empty, NULL);
	pthread_cond_init(&im.q.not_full, NULL);
	if (resolver_load(&im.res, s, err) != 0 || entity_load(&im, err) != 0)
		goto out;
	im.ref_print = 14695981039346656037ULL ^ (uint64_t)im.res.org.count ^
	    ((uint64_t)im.res.place.count << 20) ^
	    (uint64_t)im.res.nentry << 40;
	if (store_begin(s, err) != 0)
		goto out;
	if (!opt->dry_run && (im.fresh = store_bulk_begin(s, err)) < 0) {
		store_rollback(s);
		goto out;
	}
	if (pthread_create(&reader, NULL, reader_main, &im) != 0) {
		buf_puts(err, "cannot start the reader thread");
		store_rollback(s);
		goto out;
	}
	started = 1;
	if (write_all(&im, err) != 0) {
		drain(&im);
		pthread_join(reader, NULL);
		started = 0;
		store_rollback(s);
		goto out;
	}
	pthread_join(reader, NULL);
	started = 0;
	if (opt->dry_run) {
		store_rollback(s);
	} else if (import_audit(&im, err) != 0 || store_commit(s, err) != 0) {
		store_rollback(s);
		goto out;
	}
	rc = 0;
out:
	if (started) {
		drain(&im);
		pthread_join(reader, NULL);
	}
	jobs_release(&im);
	free(im.before);
	strmap_free(&im.seen);
	strmap_free(&im.tables);
	strmap_free(&im.pillars);
	strmap_free(&im.mine);
	resolver_free(&im.res);
	pthread_mutex_destroy(&im.q.lock);
	pthread_cond_destroy(&im.q.not_empty);
	pthread_cond_destroy(&im.q.not_full);
	return rc;
}
