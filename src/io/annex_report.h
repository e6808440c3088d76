/*
 * annex_report.h - the annex matrix as the Secretary-General's report
 * publishes it, as data: one table per pillar, each row a project with
 * its serial, title, period, entities (lead first), status, main
 * activities and geographical scope, in the order of the report (pillar,
 * then serial).  The renderers (CSV, JSON, HTML, XLSX, PDF) read this
 * model and nothing else, so that every format shows the same rows.
 *
 * Texts are as stored; names for people (a pillar's, a status's) are in
 * the language asked for where the reference data has it, else English.
 */
#ifndef CTM_IO_ANNEX_REPORT_H
#define CTM_IO_ANNEX_REPORT_H

#include "../store/store.h"

typedef struct AnnexRow {
	int64_t id;
	int64_t serial; /* -1: none */
	char *title;    /* the clean title, without period and entities */
	char *period; /* as the report writes it ("Jul. 2015–Jun. 2019"), "" */
	char *
	    entities; /* "UNCCT, UNDP": keys (or names as written), lead first */
	char *status;     /* in_development, ongoing, completed, or "" */
	char *activities; /* "" when none */
	char *scope;      /* the geographical scope as written, "" */
	char *scope_name; /* the same in the report's language: its places by
			     their M49 names there; scope itself in English */
	char **entity;    /* the entities of entities one by one, lead first */
	size_t nentity;
} AnnexRow;

typedef struct AnnexTable {
	char *pillar;     /* I..IV; "" for projects under no pillar */
	int number;       /* 1..4; 0 for none */
	char *short_name; /* "Pillar I" in the language asked */
	char *full_name;  /* the pillar's full name, in that language */
	AnnexRow *row;
	size_t nrow;
} AnnexTable;

typedef struct AnnexReport {
	char lang[3];      /* ar, en, es, fr, ru, zh */
	char as_of[11];    /* YYYY-MM-DD the report was made (UTC) */
	size_t nproject;   /* rows in every table */
	AnnexTable *table; /* pillar by pillar, in order; only non-empty ones */
	size_t ntable;
	const char *symbol; /* the document's symbol ("A/72/840"), not owned;
			       NULL (as loaded): none yet */
	const char *title;  /* the document's title, not owned; NULL (as
			       loaded): the renderer's own, in lang */
	struct AnnexPlace *place; /* places' names in lang, by key (not
				     in English) */
	size_t nplace;
} AnnexReport;

/*
 * The annex of the projects f selects (f->sort, limit and offset are
 * ignored: the report has them all, in its order), names in lang (NULL:
 * en).  0, or -1 with a message in err.
 */
int annex_report_load(Store *s, const ProjectFilter *f, const char *lang,
    AnnexReport *r, Buf *err);
void annex_report_free(AnnexReport *r);

/*
 * The annex streamed, for a report of any size in flat memory: r as
 * annex_report_load() makes it, each table with its nrow (counted first)
 * and names, but no row (row NULL); then fn, when not NULL, is called
 * with each row as it is read (the index of its table in r; the row
 * lives until fn returns).  Run it inside store_read_begin() and
 * store_read_end() for rows that agree with the counts.  0, what fn
 * returned when it stopped the reading (not 0), or -1 with a message in
 * err.
 */
typedef int (*AnnexRowFn)(void *ctx, size_t table, const AnnexRow *row);
int annex_report_stream(Store *s, const ProjectFilter *f, const char *lang,
    AnnexReport *r, AnnexRowFn fn, void *ctx, Buf *err);

/*
 * The words around the data, in lang (src/text/lang.h), the same in
 * every format: the status as the report writes it ("Ongoing"; "" if
 * none), the header of column i (0..ANNEX_NCOL-1: serial, title, status,
 * activities, scope), the document's title (r->title, else the report's
 * own), a table's heading ("Pillar I of the United Nations Global
 * Counter-Terrorism Strategy"; the short name of a table of no pillar),
 * and "120 projects".
 */
#define ANNEX_NCOL 5
const char *annex_status_name(const char *lang, const char *status);
const char *annex_column(const char *lang, int i);
const char *annex_title(const AnnexReport *r);
void annex_heading(const char *lang, const AnnexTable *t, Buf *out);
void annex_count(const char *lang, size_t n, Buf *out);

#endif
