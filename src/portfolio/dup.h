/*
 * dup.h - the duplication report: projects of different entities in the
 * same country and thematic area whose periods overlap, ranked by how
 * alike their titles and activities are.
 *
 * The rule, once:
 *
 *   candidates  two projects with different lead entities that name a
 *               country in common (directly, or through a grouping such
 *               as "Sahel"), share a thematic area (as entered, or else
 *               as recognised from their text by the keywords of the
 *               framework), and whose periods overlap (a period not given
 *               cannot rule a pair out);
 *   likeness    the words of the titles and of the activities compared
 *               as sets weighted by rarity (a word every project uses
 *               counts little): 0.6 of the titles' likeness plus 0.4 of
 *               the activities';
 *   reason      each pair says which entities, countries, areas and
 *               period it was flagged for, and the rare words they share.
 */
#ifndef CTM_PORTFOLIO_DUP_H
#define CTM_PORTFOLIO_DUP_H

#include "../store/store.h"

typedef struct DupSide {
	int64_t id;
	char *title, *lead, *pillar, *period;
	int64_t serial; /* -1 when none */
} DupSide;

typedef struct DupPair {
	DupSide a, b;     /* a.id < b.id */
	double score;     /* 0 to 1 */
	char *countries;  /* shared, ISO alpha-3, ", "-separated */
	char *areas;      /* shared thematic area keys, ", "-separated */
	int recognised;   /* an area was recognised, not entered */
	char *words;      /* the rarest words they share, ", "-separated */
	char *area_names; /* the shared areas' names, "; "-separated, in
			     DupOptions.lang */
	int no_periods;   /* neither project gives its period */
	char *reason;     /* a sentence for people, in English */
} DupPair;

typedef struct DupOptions {
	double min;          /* the least likeness listed; < 0: 0.05 */
	size_t limit;        /* pairs listed at most (0: all) */
	const char *country; /* only pairs sharing this ISO alpha-3 */
	const char *area;    /* only pairs sharing this thematic area */
	const char *entity;  /* only pairs one of whose leads is this */
	const char *lang;    /* DupPair.area_names in it; NULL: English */
} DupOptions;

typedef struct DupReport {
	DupPair *pair; /* most alike first */
	size_t npair;
	size_t projects;   /* projects read */
	size_t candidates; /* pairs compared */
} DupReport;

/* Build the report; 0, or -1 with a message in err. */
int dup_report(Store *s, const DupOptions *o, DupReport *r, Buf *err);
void dup_report_free(DupReport *r);

/*
 * Why d is flagged, in lang, appended to out: in English the report's
 * own sentence (d->reason), else made again from the pair's parts.
 */
void dup_reason_text(const char *lang, const DupPair *d, Buf *out);

/*
 * A project's period as the report writes it ("since 2013", "period not
 * given", ...) in lang, kept in out.
 */
const char *dup_period_text(const char *lang, const char *period, Buf *out);

#endif
