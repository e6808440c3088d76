/*
 * analysis_report.c - the portfolio analysis as data (analysis_report.h):
 * the counts from store_stats, entity × pillar by asking for the entities
 * once a pillar, the money from store_funding project by project summed
 * over the projects selected, then the sentences made from the figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "../text/lang.h"
#include "analysis_report.h"

static const char *const by_key[AN_NBY] = { "pillar", "scope", "status",
	"entity" };
static const char *const by_title[AN_NBY] = { N_("Projects by pillar"),
	N_("Projects by geographical scope"), N_("Projects by status"),
	N_("Projects by entity") };

/* The names of the scopes and statuses, as store_stats keys them. */
static const char *const group_names[][2] = {
	{ "global", N_("global") },
	{ "regional", N_("regional") },
	{ "national", N_("national") },
	{ "in_development", N_("in development") },
	{ "ongoing", N_("ongoing") },
	{ "completed", N_("completed") },
};

/* The pillars of the strategy as the report names them. */
static const char *const pillar_labels[][2] = {
	{ "I", N_("Pillar I") },
	{ "II", N_("Pillar II") },
	{ "III", N_("Pillar III") },
	{ "IV", N_("Pillar IV") },
};

const char *
analysis_pillar_label(const char *lang, const char *key)
{
	for (size_t i = 0; i < 4; i++)
		if (strcmp(pillar_labels[i][0], key) == 0)
			return tr(lang, pillar_labels[i][1]);
	return key[0] ? key : tr(lang, "No pillar");
}

void
analysis_usd(Buf *out, const char *lang, int64_t cents)
{
	Buf n = BUF_INIT;

	if (cents >= 100000000) { /* a million dollars */
		lang_decimal(&n, lang, (double)cents / 1e8, 1);
		buf_printf(out, tr(lang, "$%s million"), buf_str(&n));
	} else {
		lang_decimal(&n, lang, (double)cents / 100.0, 0);
		buf_printf(out, tr(lang, "$%s"), buf_str(&n));
	}
	buf_free(&n);
}

int64_t
analysis_cell(const AnalysisReport *r, size_t e, size_t p)
{
	return r->cell[e * r->table[AN_PILLAR].ngroup + p];
}

/* --- counts ------------------------------------------------------------- */

typedef struct Groups {
	AnalysisReport *r;
	AnalysisTable *t;
	size_t cap;
} Groups;

static int
group_add(void *ctx, const StatGroup *g)
{
	Groups *l = ctx;
	AnalysisTable *t = l->t;
	AnalysisGroup *a;
	const char *name = g->name;

	if (g->count == 0)
		return 0;
	mem_grow((void **)&t->group, &l->cap, t->ngroup + 1, sizeof(*a));
	a = &t->group[t->ngroup++];
	memset(a, 0, sizeof(*a));
	a->key = xstrdup(g->key);
	a->count = g->count;
	for (size_t i = 0; i < sizeof(group_names) / sizeof(group_names[0]);
	     i++)
		if (strcmp(group_names[i][0], g->key) == 0)
			name = tr(l->r->lang, group_names[i][1]);
	a->name = xstrdup(name);
	return 0;
}

/*
 * The names of the pillars in the report's language; store_stats gave
 * the English ones, which stay where the language has none.
 */
static int
pillar_name(void *ctx, const PillarName *n)
{
	AnalysisReport *r = ctx;
	AnalysisTable *t = &r->table[AN_PILLAR];

	if (strcmp(n->lang, r->lang) != 0 || n->short_name == NULL)
		return 0;
	for (size_t i = 0; i < t->ngroup; i++) {
		AnalysisGroup *g = &t->group[i];

		if (strcmp(g->key, n->key) == 0) {
			free(g->name);
			g->name = xstrdup(n->short_name);
		}
	}
	return 0;
}

typedef struct Cells {
	AnalysisReport *r;
	StrMap *entity; /* key: index in table[AN_ENTITY] */
	size_t p;       /* the pillar being counted */
} Cells;

static int
cell_add(void *ctx, const StatGroup *g)
{
	Cells *c = ctx;
	int64_t e;

	if (strmap_get(c->entity, g->key, &e))
		c->r->cell[(size_t)e * c->r->table[AN_PILLAR].ngroup + c->p] =
		    g->count;
	return 0;
}

/* Entity × pillar: the entities of each pillar's projects. */
static int
cells_load(Store *s, const ProjectFilter *f, AnalysisReport *r, Buf *err)
{
	AnalysisTable *e = &r->table[AN_ENTITY], *p = &r->table[AN_PILLAR];
	StrMap index = STRMAP_INIT;
	Cells c = { r, &index, 0 };
	ProjectFilter one = *f;
	int64_t total;
	int rc = 0;

	r->cell = xcalloc(e->ngroup * p->ngroup + 1, sizeof(*r->cell));
	for (size_t i = 0; i < e->ngroup; i++)
		strmap_put(&index, e->group[i].key, (int64_t)i);
	for (c.p = 0; c.p < p->ngroup && rc == 0; c.p++) {
		one.pillar = p->group[c.p].key;
		rc = store_stats(s, "entity", &one, &total, cell_add, &c, err);
	}
	strmap_free(&index);
	return rc;
}

/* --- money -------------------------------------------------------------- */

typedef struct Sums {
	AnalysisReport *r;
	StrMap pillar_of; /* project id: index in r->money */
} Sums;

static size_t
money_index(AnalysisReport *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nmoney; i++)
		if (strcmp(r->money[i].key, key) == 0)
			return i;
	r->money = xrealloc(r->money, (r->nmoney + 1) * sizeof(*r->money));
	memset(&r->money[i], 0, sizeof(r->money[i]));
	r->money[i].key = xstrdup(key);
	r->money[i].name = xstrdup(analysis_pillar_label(r->lang, key));
	r->nmoney++;
	return i;
}

static int
project_seen(void *ctx, const Project *p)
{
	Sums *m = ctx;
	char id[24];

	snprintf(id, sizeof(id), "%lld", (long long)p->id);
	strmap_put(&m->pillar_of, id,
	    (int64_t)money_index(m->r, p->pillar ? p->pillar : ""));
	return 0;
}

static void
money_add(AnalysisMoney *m, const FundRow *f)
{
	m->projects += f->projects;
	m->budgeted += f->budgeted;
	m->budget += f->budget;
	m->received += f->received;
	m->shortfall += f->shortfall;
	m->demo += f->demo;
	m->received_demo += f->received_demo;
}

static int
fund_seen(void *ctx, const FundRow *f)
{
	Sums *m = ctx;
	int64_t i;

	if (!strmap_get(&m->pillar_of, f->key, &i))
		return 0;
	money_add(&m->r->money[i], f);
	money_add(&m->r->total, f);
	return 0;
}

/*
 * The money of the projects f selects: store_funding knows no filter but
 * pillar and lead entity, so every project's row is read and those
 * selected summed, by the pillar each is listed under.
 */
static int
money_load(Store *s, const ProjectFilter *f, AnalysisReport *r, Buf *err)
{
	Sums m = { r, STRMAP_INIT };
	FundFilter ff;
	AnalysisTable *t = &r->table[AN_PILLAR];
	int rc;

	memset(&ff, 0, sizeof(ff));
	ff.by = "project";
	r->total.key = xstrdup("total");
	r->total.name = xstrdup(tr(r->lang, "Total"));
	for (size_t i = 0; i < t->ngroup; i++)
		money_index(r, t->group[i].key);
	rc = store_project_list(s, f, project_seen, &m, NULL, err);
	if (rc == 0)
		rc = store_funding(s, &ff, fund_seen, &m, err);
	strmap_free(&m.pillar_of);
	return rc;
}

/* --- sentences ---------------------------------------------------------- */

static void
sentence_add(AnalysisReport *r, const char *key, Buf *text)
{
	r->sentence =
	    xrealloc(r->sentence, (r->nsentence + 1) * sizeof(*r->sentence));
	r->sentence[r->nsentence].key = key;
	r->sentence[r->nsentence].text = buf_detach(text);
	r->nsentence++;
}

/* The share of the group key of table by as a percentage, "0%" if none. */
static void
share_of(Buf *out, const AnalysisReport *r, int by, const char *key)
{
	const AnalysisTable *t = &r->table[by];
	double share = 0;

	for (size_t i = 0; i < t->ngroup; i++)
		if (strcmp(t->group[i].key, key) == 0)
			share = t->group[i].share;
	lang_percent(out, r->lang, share);
}

/* "Out of the 314 projects, 33% fall under Pillar I, ... and ...". */
static void
pillar_sentence(AnalysisReport *r, const char *n)
{
	const AnalysisTable *t = &r->table[AN_PILLAR];
	char **item = xcalloc(t->ngroup + 1, sizeof(*item));
	Buf b = BUF_INIT, list = BUF_INIT, s = BUF_INIT;

	for (size_t i = 0; i < t->ngroup; i++) {
		buf_reset(&b);
		lang_percent(&b, r->lang, t->group[i].share);
		buf_reset(&s);
		buf_printf(&s, tr(r->lang, "%1$s fall under %2$s"), buf_str(&b),
		    analysis_pillar_label(r->lang, t->group[i].key));
		item[i] = buf_detach(&s);
	}
	lang_list(&list, r->lang, (const char *const *)item, t->ngroup);
	buf_printf(&s,
	    trn(r->lang, "Out of the %1$s project, %2$s.",
		"Out of the %1$s projects, %2$s.", (unsigned long)r->nproject),
	    n, buf_str(&list));
	sentence_add(r, "pillar", &s);
	for (size_t i = 0; i < t->ngroup; i++)
		free(item[i]);
	free(item);
	buf_free(&b);
	buf_free(&list);
}

static void
scope_status_sentences(AnalysisReport *r)
{
	Buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, s = BUF_INIT;

	share_of(&a, r, AN_SCOPE, "global");
	share_of(&b, r, AN_SCOPE, "regional");
	share_of(&c, r, AN_SCOPE, "national");
	buf_printf(&s,
	    tr(r->lang,
		"%1$s of the projects are global, %2$s regional and %3$s "
		"national."),
	    buf_str(&a), buf_str(&b), buf_str(&c));
	sentence_add(r, "scope", &s);
	buf_reset(&a);
	buf_reset(&b);
	buf_reset(&c);
	share_of(&a, r, AN_STATUS, "ongoing");
	share_of(&b, r, AN_STATUS, "completed");
	share_of(&c, r, AN_STATUS, "in_development");
	buf_printf(&s,
	    tr(r->lang,
		"%1$s of the projects are ongoing, %2$s completed and %3$s "
		"in development."),
	    buf_str(&a), buf_str(&b), buf_str(&c));
	sentence_add(r, "status", &s);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

static void
entity_sentence(AnalysisReport *r)
{
	const AnalysisTable *t = &r->table[AN_ENTITY];
	Buf n = BUF_INIT, pc = BUF_INIT, s = BUF_INIT;

	if (t->ngroup == 0)
		return;
	lang_int(&n, r->lang, t->group[0].count);
	lang_percent(&pc, r->lang, t->group[0].share);
	buf_printf(&s,
	    trn(r->lang,
		"%1$s takes part in the most projects: %2$s project (%3$s).",
		"%1$s takes part in the most projects: %2$s projects (%3$s).",
		(unsigned long)t->group[0].count),
	    t->group[0].key, buf_str(&n), buf_str(&pc));
	sentence_add(r, "entity", &s);
	buf_free(&n);
	buf_free(&pc);
}

static void
money_sentences(AnalysisReport *r)
{
	const AnalysisMoney *m = &r->total;
	Buf n = BUF_INIT, bu = BUF_INIT, re = BUF_INIT, sh = BUF_INIT,
	    pc = BUF_INIT, s = BUF_INIT;

	if (m->budgeted == 0) {
		buf_puts(&s,
		    tr(r->lang,
			"No budget is recorded for these "
			"projects."));
		sentence_add(r, "money", &s);
		return;
	}
	lang_int(&n, r->lang, m->budgeted);
	analysis_usd(&bu, r->lang, m->budget);
	analysis_usd(&re, r->lang, m->received);
	analysis_usd(&sh, r->lang, m->shortfall);
	lang_percent(&pc, r->lang,
	    m->budget > 0 ? (double)m->shortfall / (double)m->budget : 0);
	buf_printf(&s,
	    trn(r->lang,
		"The %1$s project with a budget amounts to a portfolio of "
		"%2$s, of which %3$s has been received, leaving a funding "
		"shortfall of %4$s (%5$s of the budget).",
		"The %1$s projects with a budget amount to a portfolio of "
		"%2$s, of which %3$s has been received, leaving a funding "
		"shortfall of %4$s (%5$s of the budget).",
		(unsigned long)m->budgeted),
	    buf_str(&n), buf_str(&bu), buf_str(&re), buf_str(&sh),
	    buf_str(&pc));
	sentence_add(r, "money", &s);
	if (m->demo > 0) {
		buf_reset(&n);
		lang_int(&n, r->lang, m->demo);
		buf_printf(&s,
		    trn(r->lang,
			"The sums of %s project count demonstration records: "
			"they are not real money.",
			"The sums of %s projects count demonstration records: "
			"they are not real money.",
			(unsigned long)m->demo),
		    buf_str(&n));
		sentence_add(r, "demo", &s);
	}
	buf_free(&n);
	buf_free(&bu);
	buf_free(&re);
	buf_free(&sh);
	buf_free(&pc);
}

static void
sentences_make(AnalysisReport *r)
{
	Buf n = BUF_INIT, s = BUF_INIT;

	if (r->nproject == 0) {
		buf_puts(&s, tr(r->lang, "No project matches the filters."));
		sentence_add(r, "none", &s);
		return;
	}
	lang_int(&n, r->lang, r->nproject);
	pillar_sentence(r, buf_str(&n));
	scope_status_sentences(r);
	entity_sentence(r);
	money_sentences(r);
	buf_free(&n);
}

/* --- the whole ---------------------------------------------------------- */

int
analysis_report_load(Store *s, const ProjectFilter *f, const char *lang,
    AnalysisReport *r, Buf *err)
{
	ProjectFilter all;
	time_t now = time(NULL);
	struct tm tm;
	Groups l;

	memset(r, 0, sizeof(*r));
	snprintf(r->lang, sizeof(r->lang), "%s", lang_or_en(lang));
	gmtime_r(&now, &tm);
	strftime(r->as_of, sizeof(r->as_of), "%Y-%m-%d", &tm);
	memset(&all, 0, sizeof(all));
	if (f != NULL)
		all = *f;
	all.sort = "pillar";
	all.limit = 0;
	all.offset = 0;
	for (int i = 0; i < AN_NBY; i++) {
		AnalysisTable *t = &r->table[i];

		t->by = by_key[i];
		t->title = tr(r->lang, by_title[i]);
		l.r = r;
		l.t = t;
		l.cap = 0;
		if (store_stats(
			s, t->by, &all, &r->nproject, group_add, &l, err) != 0)
			return -1;
		for (size_t k = 0; k < t->ngroup; k++)
			t->group[k].share = r->nproject > 0
			    ? (double)t->group[k].count / (double)r->nproject
			    : 0;
	}
	if (store_pillar_names(s, pillar_name, r, err) != 0 ||
	    cells_load(s, &all, r, err) != 0 || money_load(s, &all, r, err))
		return -1;
	sentences_make(r);
	return 0;
}

void
analysis_report_free(AnalysisReport *r)
{
	for (int i = 0; i < AN_NBY; i++) {
		for (size_t k = 0; k < r->table[i].ngroup; k++) {
			free(r->table[i].group[k].key);
			free(r->table[i].group[k].name);
		}
		free(r->table[i].group);
	}
	for (size_t i = 0; i < r->nmoney; i++) {
		free(r->money[i].key);
		free(r->money[i].name);
	}
	free(r->money);
	free(r->total.key);
	free(r->total.name);
	free(r->cell);
	for (size_t i = 0; i < r->nsentence; i++)
		free(r->sentence[i].text);
	free(r->sentence);
	memset(r, 0, sizeof(*r));
}
