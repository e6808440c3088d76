/*
 * annex_report.c - the annex matrix as data (annex_report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "../portfolio/vocab.h"
#include "../text/lang.h"
#include "annex_report.h"

typedef struct Load {
	AnnexReport *r;
	size_t cap;    /* of the current table's rows */
	int keep;      /* keep the rows in the tables (else count them) */
	int streamed;  /* the tables are made already (from counts) */
	AnnexRowFn fn; /* called with each row, or NULL */
	void *ctx;
	int stop; /* what fn returned, when not 0 */
} Load;

/* The table of pillar key, made (at the end, in the order met) if new. */
static AnnexTable *
table_of(AnnexReport *r, const char *key)
{
	AnnexTable *t;

	if (r->ntable > 0 && strcmp(r->table[r->ntable - 1].pillar, key) == 0)
		return &r->table[r->ntable - 1];
	r->table = xrealloc(r->table, (r->ntable + 1) * sizeof(*r->table));
	t = &r->table[r->ntable++];
	memset(t, 0, sizeof(*t));
	t->pillar = xstrdup(key);
	return t;
}

/* A place's name in the report's language. */
typedef struct AnnexPlace {
	char *key;
	char *name;
} AnnexPlace;

static int
place_cmp(const void *a, const void *b)
{
	return strcmp(
	    ((const AnnexPlace *)a)->key, ((const AnnexPlace *)b)->key);
}

static int
place_keep(void *ctx, const RefItem *it)
{
	AnnexReport *r = ctx;

	if (it->key == NULL || it->name == NULL)
		return 0;
	r->place = xrealloc(r->place, (r->nplace + 1) * sizeof(*r->place));
	r->place[r->nplace++] =
	    (AnnexPlace){ xstrdup(it->key), xstrdup(it->name) };
	return 0;
}

/*
 * The scope in r's language (vocab_scope_words): "Global: " before the
 * places when it says so, the places named in the language, as the
 * language writes a list ("A, B и C", "A、B和C"); a name that resolved to
 * no place as written.
 */
static char *
scope_name(const AnnexReport *r, const Project *p)
{
	const char **names;
	Buf b = BUF_INIT, w = BUF_INIT;

	if (!vocab_scope_words(&w, r->lang, p) || p->nplaces == 0)
		return buf_detach(&w);
	if (w.len > 0)
		buf_printf(&b, tr(r->lang, "%s: "), buf_str(&w));
	buf_free(&w);
	names = xcalloc(p->nplaces, sizeof(*names));
	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *pl = &p->places[i];
		AnnexPlace key = { pl->key, NULL }, *hit = NULL;

		if (pl->key != NULL && r->nplace > 0)
			hit = bsearch(&key, r->place, r->nplace,
			    sizeof(*r->place), place_cmp);
		names[i] = hit ? hit->name : pl->name;
	}
	lang_list(&b, r->lang, names, p->nplaces);
	free(names);
	return buf_detach(&b);
}

static void
row_fill(AnnexRow *row, const Project *p, const AnnexReport *r)
{
	Buf e = BUF_INIT;

	memset(row, 0, sizeof(*row));
	row->id = p->id;
	row->serial = p->has_serial ? p->serial : -1;
	row->title = xstrdup(p->title ? p->title : "");
	row->period = xstrdup(p->period_text ? p->period_text : "");
	row->entity = xcalloc(p->norgs + 1, sizeof(*row->entity));
	for (size_t i = 0; i < p->norgs; i++) {
		const char *name =
		    p->orgs[i].key ? p->orgs[i].key : p->orgs[i].name;

		buf_printf(&e, "%s%s", i ? ", " : "", name);
		row->entity[row->nentity++] = xstrdup(name);
	}
	row->entities = buf_detach(&e);
	row->status = xstrdup(p->status ? p->status : "");
	row->activities = xstrdup(p->activities ? p->activities : "");
	row->scope = xstrdup(p->scope_text ? p->scope_text : "");
	row->scope_name = scope_name(r, p);
}

static void
row_clear(AnnexRow *row)
{
	free(row->title);
	free(row->period);
	free(row->entities);
	free(row->status);
	free(row->activities);
	free(row->scope);
	free(row->scope_name);
	for (size_t e = 0; e < row->nentity; e++)
		free(row->entity[e]);
	free(row->entity);
}

static int
project_row(void *ctx, const Project *p)
{
	Load *l = ctx;
	const char *key = p->pillar ? p->pillar : "";
	AnnexRow one;
	size_t ti;

	if (l->streamed) {
		/* The tables made from the counts; a pillar that appeared
		 * since cannot (one snapshot), but is skipped if it did. */
		for (ti = 0; ti < l->r->ntable; ti++)
			if (strcmp(l->r->table[ti].pillar, key) == 0)
				break;
		if (ti == l->r->ntable)
			return 0;
	} else {
		AnnexTable *t = table_of(l->r, key);

		ti = (size_t)(t - l->r->table);
		if (l->keep) {
			if (t->nrow == 0)
				l->cap = 0;
			mem_grow((void **)&t->row, &l->cap, t->nrow + 1,
			    sizeof(*t->row));
			row_fill(&t->row[t->nrow], p, l->r);
		}
		t->nrow++;
		l->r->nproject++;
		if (l->keep)
			return 0;
	}
	if (l->fn == NULL)
		return 0;
	row_fill(&one, p, l->r);
	l->stop = l->fn(l->ctx, ti, &one);
	row_clear(&one);
	return l->stop;
}

/* Names of the pillars in the report's language (English failing it). */
static int
pillar_name(void *ctx, const PillarName *n)
{
	AnnexReport *r = ctx;

	for (size_t i = 0; i < r->ntable; i++) {
		AnnexTable *t = &r->table[i];

		if (strcmp(t->pillar, n->key) != 0)
			continue;
		t->number = n->number;
		if (strcmp(n->lang, r->lang) != 0 &&
		    !(strcmp(n->lang, "en") == 0 && t->short_name == NULL))
			continue;
		free(t->short_name);
		free(t->full_name);
		t->short_name = xstrdup(n->short_name ? n->short_name : "");
		t->full_name = xstrdup(n->full_name ? n->full_name : "");
	}
	return 0;
}

/* The report's projects, in its order: none of f's limit or offset. */
static void
report_filter(const AnnexReport *r, const ProjectFilter *f, ProjectFilter *all)
{
	memset(all, 0, sizeof(*all));
	if (f != NULL)
		*all = *f;
	all->sort = "pillar";
	all->limit = 0;
	all->offset = 0;
	/* The annex shows no defect, and places only to name them anew. */
	all->skip = PROJECT_SKIP_ISSUES |
	    (strcmp(r->lang, "en") == 0 ? PROJECT_SKIP_PLACES : 0);
}

/* An empty report in lang, made today. */
static void
report_init(AnnexReport *r, const char *lang)
{
	time_t now = time(NULL);
	struct tm tm;

	memset(r, 0, sizeof(*r));
	snprintf(r->lang, sizeof(r->lang), "%s", lang_or_en(lang));
	gmtime_r(&now, &tm);
	strftime(r->as_of, sizeof(r->as_of), "%Y-%m-%d", &tm);
}

/* The names of the places in r's language, before any row is made. */
static int
report_places(Store *s, AnnexReport *r, Buf *err)
{
	if (strcmp(r->lang, "en") == 0)
		return 0;
	if (store_places(s, NULL, r->lang, place_keep, r, err) != 0)
		return -1;
	qsort(r->place, r->nplace, sizeof(*r->place), place_cmp);
	return 0;
}

/* The names of r's tables, in its language. */
static int
report_names(Store *s, AnnexReport *r, Buf *err)
{
	if (store_pillar_names(s, pillar_name, r, err) != 0)
		return -1;
	for (size_t i = 0; i < r->ntable; i++) {
		AnnexTable *t = &r->table[i];

		if (t->short_name == NULL) {
			t->short_name = xstrdup(tr(r->lang, "No pillar"));
			t->full_name =
			    xstrdup(tr(r->lang, "Projects under no pillar"));
		}
	}
	return 0;
}

int
annex_report_load(Store *s, const ProjectFilter *f, const char *lang,
    AnnexReport *r, Buf *err)
{
	ProjectFilter all;
	Load l;

	report_init(r, lang);
	report_filter(r, f, &all);
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.keep = 1;
	if (report_places(s, r, err) != 0 ||
	    store_project_list(s, &all, project_row, &l, NULL, err) != 0 ||
	    report_names(s, r, err) != 0) {
		annex_report_free(r);
		return -1;
	}
	return 0;
}

static int
table_cmp(const void *a, const void *b)
{
	return ((const AnnexTable *)a)->number -
	    ((const AnnexTable *)b)->number;
}

/* A pillar's count makes its table (the order is fixed after). */
static int
table_count(void *ctx, const StatGroup *g)
{
	AnnexReport *r = ctx;
	AnnexTable *t;

	if (g->count <= 0)
		return 0;
	t = table_of(r, g->key);
	t->nrow = (size_t)g->count;
	r->nproject += (size_t)g->count;
	return 0;
}

int
annex_report_stream(Store *s, const ProjectFilter *f, const char *lang,
    AnnexReport *r, AnnexRowFn fn, void *ctx, Buf *err)
{
	ProjectFilter all;
	AnnexTable *none;
	int64_t total = 0;
	Load l;

	report_init(r, lang);
	report_filter(r, f, &all);
	if (store_stats(s, "pillar", &all, &total, table_count, r, err) != 0)
		goto fail;
	if (total > (int64_t)r->nproject) {
		none = table_of(r, "");
		none->nrow = (size_t)total - r->nproject;
		r->nproject = (size_t)total;
	}
	if (report_names(s, r, err) != 0 || report_places(s, r, err) != 0)
		goto fail;
	/* In the list's order: projects under no pillar, then by pillar. */
	if (r->ntable > 1)
		qsort(r->table, r->ntable, sizeof(*r->table), table_cmp);
	if (fn == NULL)
		return 0;
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.streamed = 1;
	l.fn = fn;
	l.ctx = ctx;
	if (store_project_list(s, &all, project_row, &l, NULL, err) != 0)
		goto fail;
	return l.stop;
fail:
	annex_report_free(r);
	return -1;
}

void
annex_report_free(AnnexReport *r)
{
	for (size_t i = 0; i < r->ntable; i++) {
		AnnexTable *t = &r->table[i];

		for (size_t k = 0; k < t->nrow && t->row != NULL; k++)
			row_clear(&t->row[k]);
		free(t->row);
		free(t->pillar);
		free(t->short_name);
		free(t->full_name);
	}
	free(r->table);
	for (size_t i = 0; i < r->nplace; i++) {
		free(r->place[i].key);
		free(r->place[i].name);
	}
	free(r->place);
	memset(r, 0, sizeof(*r));
}

const char *
annex_status_name(const char *lang, const char *status)
{
	if (status == NULL)
		return "";
	if (strcmp(status, "in_development") == 0)
		return tr(lang, "In development");
	if (strcmp(status, "ongoing") == 0)
		return tr(lang, "Ongoing");
	if (strcmp(status, "completed") == 0)
		return tr(lang, "Completed");
	return "";
}

const char *
annex_column(const char *lang, int i)
{
	static const char *const col[ANNEX_NCOL] = { N_("Serial"),
		N_("Project title, duration and entities"),
		N_("Status of implementation"), N_("Main activities"),
		N_("Geographical scope") };

	return i >= 0 && i < ANNEX_NCOL ? tr(lang, col[i]) : "";
}

const char *
annex_title(const AnnexReport *r)
{
	if (r->title != NULL)
		return r->title;
	return tr(r->lang,
	    "Matrix of United Nations counter-terrorism "
	    "projects and activities");
}

void
annex_heading(const char *lang, const AnnexTable *t, Buf *out)
{
	static const char *const pillar[4] = {
		N_("Pillar I of the United Nations Global Counter-Terrorism "
		   "Strategy"),
		N_("Pillar II of the United Nations Global Counter-Terrorism "
		   "Strategy"),
		N_("Pillar III of the United Nations Global "
		   "Counter-Terrorism Strategy"),
		N_("Pillar IV of the United Nations Global Counter-Terrorism "
		   "Strategy"),
	};

	if (t->number >= 1 && t->number <= 4)
		buf_puts(out, tr(lang, pillar[t->number - 1]));
	else
		buf_puts(out, t->short_name);
}

void
annex_count(const char *lang, size_t n, Buf *out)
{
	Buf num = BUF_INIT;

	lang_int(&num, lang, (int64_t)n);
	buf_printf(
	    out, trn(lang, "%s project", "%s projects", n), buf_str(&num));
	buf_free(&num);
}
