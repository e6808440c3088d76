/*
 * analysis_report.h - the portfolio analysis of the Secretary-General's
 * report on the Global Counter-Terrorism Strategy, as data: how many of
 * the projects a filter selects fall under each pillar, scope and status,
 * which entities name them (and under which pillar), what they cost, what
 * has been received and what is still short, and the sentences the
 * report writes from those figures ("Out of the 314 projects, 33% fall
 * under Pillar I, ...").  Every renderer (analysis_render.h) reads this
 * model and nothing else, so that the formats agree figure for figure.
 *
 * Not for: choosing projects (portfolio/query.h resolves the filters) or
 * storing anything.
 *
 * Counts come from store_stats, which counts a project once in every
 * group it belongs to: a project of two entities counts for both, a
 * project under a further pillar counts under both, a project with no
 * scope or status in none.  A group's share is its count over all the
 * projects selected, so the shares of the pillars add up to 100% only
 * when every project has exactly one pillar (the 2018 matrix does).
 *
 * Names for people (pillars, scopes, statuses, the sentences) are in the
 * language asked for; entities keep their stored names.  Money is in US
 * cents, summed over the selected projects from store_funding; a sum that
 * counts a demonstration record says so (demo > 0).
 */
#ifndef CTM_IO_ANALYSIS_REPORT_H
#define CTM_IO_ANALYSIS_REPORT_H

#include "../store/store.h"

/* The groupings, in the order of the report. */
enum { AN_PILLAR, AN_SCOPE, AN_STATUS, AN_ENTITY, AN_NBY };

/* One group: a pillar, a scope, a status or an entity. */
typedef struct AnalysisGroup {
	char *key;     /* I, global, ongoing, UNODC */
	char *name;    /* for people, in the report's language */
	int64_t count; /* projects in the group */
	double share;  /* count over all the projects selected; 0 if none */
} AnalysisGroup;

/* The groups of one grouping. */
typedef struct AnalysisTable {
	const char *by;       /* "pillar", "scope", "status", "entity" */
	const char *title;    /* its heading, in the report's language */
	AnalysisGroup *group; /* in the store's order */
	size_t ngroup;
} AnalysisTable;

/* Money of a set of projects, US cents. */
typedef struct AnalysisMoney {
	char *key;             /* a pillar's key, "" for no pillar, "total" */
	char *name;            /* for people, in the report's language */
	int64_t projects;      /* selected */
	int64_t budgeted;      /* of which have a budget */
	int64_t budget;        /* the sum of their budgets */
	int64_t received;      /* contributions earmarked and seed funding */
	int64_t shortfall;     /* sum over projects of budget less received */
	int64_t demo;          /* projects whose sums count demonstration
			      records */
	int64_t received_demo; /* projects whose receipts do */
} AnalysisMoney;

/* A sentence of the report and what it is about. */
typedef struct AnalysisSentence {
	const char *key; /* "pillar", "scope", "status", "entity", "money",
			    "demo", "none" */
	char *text;      /* in the report's language */
} AnalysisSentence;

typedef struct AnalysisReport {
	char lang[3];                /* ar, en, es, fr, ru, zh */
	char as_of[11];              /* YYYY-MM-DD the report was made (UTC) */
	int64_t nproject;            /* projects selected */
	AnalysisTable table[AN_NBY]; /* by pillar, scope, status, entity */
	int64_t *cell; /* entity × pillar: cell[e * npillar + p], e an index
			  of table[AN_ENTITY], p of table[AN_PILLAR] */
	AnalysisMoney total;  /* of every project selected */
	AnalysisMoney *money; /* by pillar, as table[AN_PILLAR] */
	size_t nmoney;
	AnalysisSentence *sentence;
	size_t nsentence;
} AnalysisReport;

/*
 * The analysis of the projects f selects (NULL: all; sort, limit and
 * offset ignored), in lang (NULL: en; one of the six).  0, or -1 with a
 * message in err; free r with analysis_report_free() either way.
 */
int analysis_report_load(Store *s, const ProjectFilter *f, const char *lang,
    AnalysisReport *r, Buf *err);
void analysis_report_free(AnalysisReport *r);

/* The count of entity e under pillar p (indexes of their tables). */
int64_t analysis_cell(const AnalysisReport *r, size_t e, size_t p);

/*
 * "Pillar I" as the language writes it (the key itself past IV); the
 * string is the catalogue's, not to be freed.
 */
const char *analysis_pillar_label(const char *lang, const char *key);

/* US cents as the language writes millions of dollars ("$522.3 million"). */
void analysis_usd(Buf *out, const char *lang, int64_t cents);

#endif
