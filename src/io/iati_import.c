/*
 * iati_import.c - IATI activities into projects (see iati.h).
 *
 * Two threads joined by a queue, as the matrix importer runs: the reader
 * (iati_read(), the relevance rule, iati_map(): everything that needs no
 * database) and the writer, the calling thread, which makes every store
 * call in order: it converts each project's budget at the recorded rate,
 * finds the project an identifier was imported as, compares digests and
 * writes.  On two cores the reading of one activity overlaps the writing
 * of the one before.  Jobs travel in batches so that the threads meet
 * once a batch; the queue holds a bounded number of them, so memory stays
 * flat whatever the file's size.
 *
 * The project is found again by its IATI identifier, so importing a file
 * again updates the projects it made; a digest of everything an activity
 * maps to (the rate its budget was converted at included) leaves an
 * activity that did not change alone.  Every file of one import is
 * written inside one transaction: a file that is not well-formed fails
 * the whole import and leaves the database as it was.  iati_project.c
 * maps an activity; doc/iati.md says what maps to what.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fpset.h"
#include "../core/mem.h"
#include "../portfolio/money.h"
#include "../text/lang.h"
#include "iati_int.h"
#include "xml.h"

/*
 * Part of every digest: bump it when the mapping changes, so that the
 * next import rewrites the projects mapped the old way.
 */
#define IATI_MAPPING_VERSION 2

typedef enum JobType {
	JOB_FILE,     /* a file starts */
	JOB_ACTIVITY, /* an activity mapped: m */
	JOB_REFUSED,  /* no identifier: a note of the file */
	JOB_REPEATED, /* an identifier met before: a note of the file */
	JOB_ERROR,    /* the reader failed: message */
	JOB_END       /* no more jobs: the reader's counts */
} JobType;

typedef struct Job {
	JobType type;
	const char *file; /* its file's name, as given */
	const char *key;  /* the file as the store knows it (file_key()) */
	IatiMapped m;     /* JOB_ACTIVITY */
	size_t line;      /* JOB_REFUSED, JOB_REPEATED */
	Buf message;      /* their note, JOB_ERROR's message */
	long rows;        /* JOB_END: activities read */
	long skipped;     /* JOB_END: not relevant */
} Job;

#define QUEUE_SIZE 256
#define BATCH      32
#define ADD_BATCH  64 /* new projects added together (store_projects_add) */

typedef struct Queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	Job *job[QUEUE_SIZE];
	size_t head, count;
	int stop; /* the writer gave up: the reader stops */
} Queue;

typedef struct Importer {
	Store *s;
	const IatiImportOptions *opt;
	const char *const *files;
	char **keys; /* each file as the store knows it (file_key()) */
	int nfiles;
	IatiRef ref; /* reference data, read by the reader only */
	IatiRule rule;
	Queue q;
	Job *out[BATCH]; /* reader: jobs not yet queued */
	size_t nout;
	FpSet seen;          /* reader: identifiers met in this import */
	FpSet kept;          /* reader: those of activities it keeps */
	const char *rfile;   /* reader: the file being read */
	const char *rkey;    /* reader: its key */
	long rows, skipped;  /* reader: counts */
	int fresh;           /* writer: no project existed: no need to look */
	Job *add[ADD_BATCH]; /* writer: new projects waiting to be added */
	size_t nadd;
	const char *lang; /* the caller's lang_current(), for the reader */
} Importer;

/* --- the queue ------------------------------------------------------------ */

static Job *
job_new(Importer *im, JobType type)
{
	Job *j = xcalloc(1, sizeof(*j));

	j->type = type;
	j->file = im->rfile;
	j->key = im->rkey;
	return j;
}

static void
job_free(Job *j)
{
	if (j == NULL)
		return;
	iati_mapped_clear(&j->m);
	buf_free(&j->message);
	free(j);
}

/* Hand the reader's batch to the writer: 0, or -1 when it gave up. */
static int
queue_flush(Importer *im)
{
	Queue *q = &im->q;
	size_t k = 0;
	int stop;

	pthread_mutex_lock(&q->lock);
	while (k < im->nout && !q->stop) {
		while (q->count == QUEUE_SIZE && !q->stop)
			pthread_cond_wait(&q->not_full, &q->lock);
		for (; k < im->nout && q->count < QUEUE_SIZE; k++)
			q->job[(q->head + q->count++) % QUEUE_SIZE] =
			    im->out[k];
		pthread_cond_signal(&q->not_empty);
	}
	stop = q->stop;
	pthread_mutex_unlock(&q->lock);
	for (; k < im->nout; k++)
		job_free(im->out[k]);
	im->nout = 0;
	return stop ? -1 : 0;
}

static int
queue_put(Importer *im, Job *j)
{
	im->out[im->nout++] = j;
	if (im->nout < BATCH && j->type == JOB_ACTIVITY)
		return 0;
	return queue_flush(im);
}

/* The next job, waiting for one. */
static Job *
queue_get(Queue *q)
{
	Job *j;

	pthread_mutex_lock(&q->lock);
	while (q->count == 0)
		pthread_cond_wait(&q->not_empty, &q->lock);
	j = q->job[q->head];
	q->head = (q->head + 1) % QUEUE_SIZE;
	q->count--;
	pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->lock);
	return j;
}

/* --- the reader ----------------------------------------------------------- */

static int
reader_take(void *ctx, IatiActivity *a, Buf *err)
{
	Importer *im = ctx;
	Buf why = BUF_INIT;
	Job *j;
	int met, keep;

	im->rows++;
	if (a->identifier == NULL) {
		j = job_new(im, JOB_REFUSED);
		j->line = a->line;
		buf_puts(&j->message,
		    "activity without an iati-identifier: not imported");
		return queue_put(im, j);
	}
	/*
	 * Their fingerprints, not themselves, and the older ones in a
	 * temporary file (fpset.h), so that memory stays flat over a
	 * million.  A new identifier taken for one met before (3 in 100
	 * million at a million) is reported as repeated, with its name,
	 * never lost without a word.  The first copy the rule keeps is the
	 * one kept: a copy before it that the rule left out does not stand
	 * in its way.  When the rule keeps all, the identifiers met are
	 * those kept, and one set is enough.
	 */
	keep = im->opt->all || iati_rule_match(&im->rule, a, &why);
	buf_free(&why);
	if ((met = fpset_add(&im->seen, a->identifier, err)) < 0)
		return -1;
	if (!keep) {
		if (!met) {
			im->skipped++;
			return 0;
		}
	} else if (!im->opt->all &&
	    (met = fpset_add(&im->kept, a->identifier, err)) < 0) {
		return -1;
	}
	if (met) {
		j = job_new(im, JOB_REPEATED);
		j->line = a->line;
		buf_printf(&j->message,
		    "iati-identifier \"%s\" met before in this import: "
		    "the first is kept",
		    a->identifier);
		return queue_put(im, j);
	}
	j = job_new(im, JOB_ACTIVITY);
	j->m.ref = &im->ref;
	j->m.file = im->rfile;
	j->m.key = im->rkey;
	iati_map(&j->m, a);
	return queue_put(im, j);
}

static void *
reader_main(void *arg)
{
	Importer *im = arg;
	Buf err = BUF_INIT;
	Job *j;

	/* The command's language, for the reader's messages. */
	lang_use(im->lang);
	for (int i = 0; i < im->nfiles; i++) {
		im->rfile = im->files[i];
		im->rkey = im->keys[i];
		if (queue_put(im, job_new(im, JOB_FILE)) != 0)
			goto out;
		if (iati_read(im->rfile, NULL, 0, im->rfile, reader_take, im,
			&err) < 0) {
			int stop;

			pthread_mutex_lock(&im->q.lock);
			stop = im->q.stop;
			pthread_mutex_unlock(&im->q.lock);
			if (stop)
				goto out;
			j = job_new(im, JOB_ERROR);
			buf_puts(&j->message, buf_str(&err));
			queue_put(im, j);
			goto out;
		}
	}
out:
	im->rfile = im->rkey = NULL;
	j = job_new(im, JOB_END);
	j->rows = im->rows;
	j->skipped = im->skipped;
	/* The end is always delivered: the writer waits for it. */
	pthread_mutex_lock(&im->q.lock);
	im->q.stop = 0;
	pthread_mutex_unlock(&im->q.lock);
	queue_put(im, j);
	queue_flush(im);
	buf_free(&err);
	return NULL;
}

/* --- the digest ----------------------------------------------------------- */

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	h ^= s ? 0xff : 0xfe;
	h *= 1099511628211ULL;
	return h;
}

/*
 * Everything an activity maps to, as one number, in hex in out.  Not the
 * name of its file: the same file named another way (ids.xml, ./ids.xml,
 * its whole path) or moved changes nothing, as with the matrix's rows.
 */
static void
digest(const Project *p, const IatiRecord *r, const Budget *b, int has_budget,
    int gender, Buf *out)
{
	uint64_t h = 14695981039346656037ULL;
	char num[64];

	snprintf(num, sizeof(num), "%d %d %d %d %lld %d", IATI_MAPPING_VERSION,
	    p->scopes, p->open_ended, p->annual,
	    (long long)(p->has_serial ? p->serial : -1), gender);
	h = fnv(h, num);
	h = fnv(h, p->title);
	h = fnv(h, p->activities);
	h = fnv(h, p->pillar);
	h = fnv(h, p->period_text);
	h = fnv(h, p->start_date);
	h = fnv(h, p->end_date);
	h = fnv(h, p->status);
	h = fnv(h, p->status_text);
	h = fnv(fnv(h, p->scope_text), p->as_of);
	for (size_t i = 0; i < p->norgs; i++) {
		snprintf(
		    num, sizeof(num), "%lld", (long long)p->orgs[i].org_id);
		h = fnv(fnv(h, num), p->orgs[i].name);
	}
	for (size_t i = 0; i < p->nplaces; i++) {
		snprintf(
		    num, sizeof(num), "%lld", (long long)p->places[i].place_id);
		h = fnv(fnv(h, num), p->places[i].name);
	}
	for (size_t i = 0; i < p->nissues; i++)
		h = fnv(h, p->issues[i].message);
	h = fnv(h, r->detail);
	h = fnv(h, r->version);
	h = fnv(h, r->status_code);
	h = fnv(h, r->reporting_ref);
	h = fnv(h, r->reporting_name);
	h = fnv(h, r->reporting_type);
	for (size_t i = 0; i < r->nsectors; i++) {
		const IatiSector *x = &r->sectors[i];

		h = fnv(fnv(fnv(h, x->vocabulary), x->code), x->percentage);
		h = fnv(fnv(h, x->vocabulary_uri), x->name);
	}
	for (size_t i = 0; i < r->nmoney; i++) {
		const IatiMoney *m = &r->money[i];

		snprintf(num, sizeof(num), "%c %lld %d", m->kind,
		    (long long)m->amount, m->has_amount);
		h = fnv(fnv(fnv(h, num), m->type), m->status);
		h = fnv(fnv(fnv(h, m->start), m->end), m->value);
		h = fnv(fnv(h, m->currency), m->value_date);
		h = fnv(fnv(fnv(h, m->description), m->provider), m->receiver);
	}
	if (has_budget) {
		snprintf(num, sizeof(num), "%lld %s %lld %lld %s %s",
		    (long long)b->m.amount, b->m.currency, (long long)b->m.usd,
		    (long long)b->m.usd_e9, b->m.rate_date, b->as_of);
		h = fnv(h, num);
	}
	buf_put_hex64(out, h);
}

/* --- writing -------------------------------------------------------------- */

/* --- the writer ----------------------------------------------------------- */

/* Convert the budgets' sum at the recorded rate: 1 with b, else 0. */
static int
budget_convert(Importer *im, IatiMapped *m, Budget *b)
{
	Buf total = BUF_INIT, err = BUF_INIT, msg = BUF_INIT;
	int64_t minor;
	int rc = 0;

	if (!m->has_sum)
		return 0;
	if (!strmap_get(&m->ref->minor, m->currency, &minor))
		minor = 2;
	money_decimal(m->sum, (int)minor, &total);
	memset(b, 0, sizeof(*b));
	if (money_make(im->s, buf_str(&total), m->currency, m->as_of, &b->m,
		&err) == 0) {
		snprintf(b->as_of, sizeof(b->as_of), "%s", m->as_of);
		rc = 1;
	} else {
		buf_printf(&msg, "budget %s %s: %s: no budget kept",
		    buf_str(&total), m->currency, buf_str(&err));
		iati_mapped_note(m, m->line, "iati-budget", buf_str(&msg), 1);
	}
	buf_free(&total);
	buf_free(&err);
	buf_free(&msg);
	return rc;
}

/*
 * What goes with a project once its row is written (fresh: it was just
 * added): what is kept of the activity, its budget, its gender marker.
 */
static int
write_rest(Importer *im, IatiMapped *m, int fresh, Buf *err)
{
	Store *s = im->s;
	Project *p = &m->p;

	m->r.project_id = p->id;
	if (store_iati_save(s, &m->r, fresh, err) != 0)
		return -1;
	if (m->has_budget) {
		Budget bb = m->budget;

		bb.project_id = p->id;
		if (store_budget_put(s, &bb, err) != 0)
			return -1;
	} else if (!fresh && store_budget_delete(s, p->id, err) < 0) {
		return -1;
	}
	/* A new project's marker went in with its row (add_flush). */
	if (!fresh && store_gender_set(s, p->id, m->gender, 0, err) < 0)
		return -1;
	return 0;
}

/* The new projects waiting, added together, then what goes with each. */
static int
add_flush(Importer *im, Buf *err)
{
	Project *p[ADD_BATCH];
	const IatiRecord *r[ADD_BATCH];
	const Budget *b[ADD_BATCH];
	int rc = 0;

	for (size_t i = 0; i < im->nadd; i++) {
		IatiMapped *m = &im->add[i]->m;

		p[i] = &m->p;
		/*
		 * With the row, not an UPDATE after it: on PostgreSQL the
		 * UPDATE was a sixth of the server's time an activity, a row
		 * version more, and a round trip (store_gender_set counts
		 * the rows changed).
		 */
		p[i]->has_gender = m->gender >= 0;
		p[i]->gender = m->gender;
	}
	if (im->nadd > 0 && store_projects_add(im->s, p, im->nadd, err) != 0)
		rc = -1;
	/* What goes with them, in a few statements (store_iati_add). */
	for (size_t i = 0; rc == 0 && i < im->nadd; i++) {
		IatiMapped *m = &im->add[i]->m;

		m->r.project_id = m->p.id;
		m->budget.project_id = m->p.id;
		r[i] = &m->r;
		b[i] = m->has_budget ? &m->budget : NULL;
	}
	if (rc == 0 && im->nadd > 0 &&
	    store_iati_add(im->s, r, b, im->nadd, err) != 0)
		rc = -1;
	for (size_t i = 0; i < im->nadd; i++)
		job_free(im->add[i]);
	im->nadd = 0;
	return rc;
}

/* The notes of a job into the report, in the order they were met. */
static void
notes_move(IatiReport *rep, ImportReport *notes)
{
	for (size_t i = 0; i < notes->nkept; i++) {
		const ImportNote *n = &notes->note[i];

		import_report_note(
		    &rep->base, n->file, n->line, n->kind, n->message);
	}
}

/*
 * An activity mapped: its budget converted, its project looked up and
 * compared; written, or (a new one) kept in im->add until a batch is
 * full, which then owns the job (*kept set).  0 or -1.
 */
static int
write_mapped(Importer *im, Job *j, IatiReport *rep, int *kept, Buf *err)
{
	IatiMapped *m = &j->m;
	Buf dig = BUF_INIT, old = BUF_INIT;
	int rc = -1;
	int64_t id;

	m->has_budget = budget_convert(im, m, &m->budget);
	notes_move(rep, &m->notes);
	digest(&m->p, &m->r, &m->budget, m->has_budget, m->gender, &dig);
	m->p.source_digest = xstrdup(buf_str(&dig));
	id = im->fresh ? 0 : store_iati_find(im->s, m->r.identifier, err);
	if (id < 0)
		goto out;
	if (id > 0 &&
	    store_project_by_source(im->s, m->p.source_key, &old, err) < 0)
		goto out;
	rc = 0;
	if (id > 0 && strcmp(buf_str(&old), buf_str(&dig)) == 0) {
		rep->base.unchanged++;
		goto out;
	}
	if (id > 0)
		rep->base.updated++;
	else
		rep->base.added++;
	rep->budgets += m->has_budget;
	m->p.id = id;
	if (im->opt->dry_run)
		goto out;
	/* The search index's entries wait in memory: a batch at most. */
	if ((rep->base.added + rep->base.updated) % 8192 == 0 &&
	    (add_flush(im, err) != 0 || store_pending_flush(im->s, err) != 0)) {
		rc = -1;
		goto out;
	}
	if (id == 0) {
		im->add[im->nadd++] = j;
		*kept = 1;
		rc = im->nadd == ADD_BATCH ? add_flush(im, err) : 0;
	} else {
		rc = store_project_save(im->s, &m->p, err) != 0
		    ? -1
		    : write_rest(im, m, 0, err);
	}
out:
	buf_free(&dig);
	buf_free(&old);
	return rc;
}

/*
 * A job of the queue: 1 at the end, 0 to go on, -1 on failure; *kept
 * when the job waits in a batch (freed there).
 */
static int
write_job(Importer *im, Job *j, IatiReport *rep, int *kept, Buf *err)
{
	Store *s = im->s;
	int dry = im->opt->dry_run;

	/* New projects wait in a batch, but never past another job. */
	if (j->type != JOB_ACTIVITY && add_flush(im, err) != 0)
		return -1;
	switch (j->type) {
	case JOB_FILE:
		return dry ? 0 : store_source_notes_clear(s, j->key, err);
	case JOB_REFUSED:
	case JOB_REPEATED: {
		const char *kind = j->type == JOB_REFUSED ? "iati-no-identifier"
							  : "iati-repeated";

		if (j->type == JOB_REFUSED)
			rep->base.refused++;
		else
			rep->base.repeated++;
		import_report_note(
		    &rep->base, j->file, j->line, kind, buf_str(&j->message));
		return dry ? 0
			   : store_source_note_add(s, j->key, (int64_t)j->line,
				 kind, buf_str(&j->message), err);
	}
	case JOB_ACTIVITY:
		return write_mapped(im, j, rep, kept, err);
	case JOB_ERROR:
		buf_puts(err, buf_str(&j->message));
		return -1;
	case JOB_END:
		rep->base.rows = j->rows;
		rep->skipped = j->skipped;
		return 1;
	}
	return -1;
}

/*
 * Take every job the reader queues, in order, writing as they come; after
 * a failure, take the rest (the reader stops at its next activity) and
 * drop them.  0, or -1 with err.
 */
static int
write_all(Importer *im, IatiReport *rep, Buf *err)
{
	int rc = 0, got;

	for (;;) {
		Job *j = queue_get(&im->q);
		int kept = 0, end = j->type == JOB_END;

		got = rc == 0 ? write_job(im, j, rep, &kept, err) : 0;
		if (!kept)
			job_free(j);
		if (end) {
			rc = got < 0 ? -1 : rc;
			break;
		}
		if (got < 0) {
			rc = -1;
			pthread_mutex_lock(&im->q.lock);
			im->q.stop = 1;
			pthread_cond_broadcast(&im->q.not_full);
			pthread_mutex_unlock(&im->q.lock);
		}
	}
	return rc;
}

/*
 * A file as the store knows it, for its notes and its projects' source:
 * its real path, the same however it is named (ids.xml, ./ids.xml, its
 * whole path, a link to it), so that importing it again under another
 * name replaces its notes instead of adding a second set.  As given when
 * it has none (it is not there: iati_read() says so).
 */
static char *
file_key(const char *file)
{
	char *real = realpath(file, NULL);

	return real != NULL ? real : xstrdup(file);
}

static int
importer_load(Importer *im, Buf *err)
{
	static const char *const lists[] = { "ActivityStatus", "BudgetType",
		"OrganisationRole", "PolicyMarker", "Region", "Sector",
		"SectorCategory", "TransactionType" };
	const char *rule = im->opt->rule;
	size_t n = im->opt->rule_len;

	if (rule == NULL)
		rule = iati_rule_default(&n);
	/*
	 * The codelists load on first use, unlocked: load them all here,
	 * before the reading thread starts (and libxml2 with them, whose
	 * absence is said here rather than by an exit: xml.h).
	 */
	if (xml_lib(err) == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		iati_code_name(lists[i], "");
	if (iati_rule_load(&im->rule, rule, n, err) != 0 ||
	    iati_ref_load(&im->ref, im->s, err) != 0)
		return -1;
	return 0;
}

int
iati_import(Store *s, const char *const *files, int nfiles,
    const IatiImportOptions *opt, IatiReport *rep, Buf *err)
{
	Importer im;
	pthread_t reader;
	int rc = -1, began = 0;

	memset(&im, 0, sizeof(im));
	im.s = s;
	im.opt = opt;
	im.files = files;
	im.keys = xcalloc((size_t)nfiles + 1, sizeof(char *));
	for (int i = 0; i < nfiles; i++)
		im.keys[i] = file_key(files[i]);
	im.nfiles = nfiles;
	im.lang = lang_current();
	pthread_mutex_init(&im.q.lock, NULL);
	pthread_cond_init(&im.q.not_empty, NULL);
	pthread_cond_init(&im.q.not_full, NULL);
	if (importer_load(&im, err) != 0)
		goto out;
	if (!opt->dry_run) {
		if (store_begin(s, err) != 0)
			goto out;
		began = 1;
		/* An empty store needs no looking up (and loads faster). */
		if ((im.fresh = store_bulk_begin(s, err)) < 0)
			goto out;
	}
	if (pthread_create(&reader, NULL, reader_main, &im) != 0) {
		buf_puts(err, TC("cannot start the reading thread"));
		goto out;
	}
	rc = write_all(&im, rep, err);
	pthread_join(reader, NULL);
	/* After a failure, what still waited in a batch. */
	for (size_t i = 0; i < im.nadd; i++)
		job_free(im.add[i]);
	im.nadd = 0;
	if (rc != 0)
		goto out;
	rc = -1;
	if (began) {
		Buf summary = BUF_INIT;

		buf_printf(&summary,
		    "{\"files\": %d, \"added\": %ld, \"updated\": %ld}", nfiles,
		    rep->base.added, rep->base.updated);
		rc = rep->base.added + rep->base.updated == 0
		    ? 0
		    : store_audit_add(s, 0, opt->actor ? opt->actor : "cli",
			  "import", "iati", 0, NULL, buf_str(&summary), err);
		buf_free(&summary);
		if (rc != 0 || store_commit(s, err) != 0)
			goto out;
		began = 0;
	}
	rc = 0;
out:
	if (began)
		store_rollback(s);
	if (rc != 0 && err->len == 0)
		buf_puts(err, TC("the import failed"));
	iati_rule_free(&im.rule);
	iati_ref_free(&im.ref);
	fpset_free(&im.seen);
	fpset_free(&im.kept);
	for (int i = 0; i < nfiles; i++)
		free(im.keys[i]);
	free(im.keys);
	pthread_mutex_destroy(&im.q.lock);
	pthread_cond_destroy(&im.q.not_empty);
	pthread_cond_destroy(&im.q.not_full);
	return rc;
}
