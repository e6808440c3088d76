/*
 * region_report.h - a region's counter-terrorism activities as data: the
 * region (an M49 region, sub-region or intermediate region, or a grouping
 * such as Central Asia or the Sahel), its member countries, the table of
 * counts country by pillar, and the list of its projects in the order of
 * the annex (pillar, then serial).  The renderers (region_render.h: JSON,
 * CSV, HTML, XLSX, PDF) and the public page /regions/KEY read this model
 * and nothing else, so that every format shows the same numbers.
 *
 * The projects are those `ctmatrix projects --region KEY` selects (those
 * naming a place within the region), read as the public matrix reads
 * them: the matrix is public and hides no project, so neither does this.
 *
 * Counting: a project counts once in the row of each member country it
 * names; a project that names none of them (it names the region itself,
 * a grouping or an area within it) counts once in the row of the region
 * as a whole.  A column is the pillar a project is listed under.  The
 * totals count each project once: a pillar's total is its projects, not
 * the sum of its rows (a project naming three countries is in three
 * rows), and the overall total is the projects of the region.
 *
 * Names for people (the region's, the countries', the pillars', the
 * statuses') are in the language asked, from the reference data and the
 * catalogues; titles and entities are as stored.
 *
 * JSON contract (region_json), keys in this order:
 *   {"as_of": "YYYY-MM-DD", "lang": "ru",
 *    "region": {"key": "143", "kind": "subregion", "name": "..."},
 *    "title": "...",
 *    "pillars": [{"key": "I", "number": 1, "name": "..."}],
 *    "counts": [{"iso3": "KAZ", "name": "...", "pillars": {"I": 2, ...},
 *                "total": 2}, ...,
 *               {"iso3": null, "name": "<the region as a whole>", ...}],
 *    "totals": {"pillars": {"I": 7, ...}, "total": 12},
 *    "projects": [{"id": 18, "pillar": "I", "serial": 18, "title": "...",
 *                  "period": "...", "entities": ["UNODC", ...],
 *                  "status": "ongoing", "status_name": "...",
 *                  "countries": [{"iso3": "KAZ", "name": "..."}]}]}
 * "counts" has a row for every member country (zeros included), by name
 * in the language, then the row of the region as a whole.
 */
#ifndef CTM_IO_REGION_REPORT_H
#define CTM_IO_REGION_REPORT_H

#include "../store/store.h"

/* A row of the counts table: a member country, or the region as a whole. */
typedef struct RegionRow {
	char *iso3;     /* NULL: the row of the region as a whole */
	char *name;     /* in the report's language */
	int64_t *count; /* projects a pillar, npillar of them */
	int64_t total;  /* projects in the row, each once */
} RegionRow;

/* A column of the counts table. */
typedef struct RegionPillar {
	char *key;     /* I..IV */
	int number;    /* 1..4 */
	char *name;    /* its short name in the language ("Conditions ...") */
	int64_t total; /* projects listed under it */
} RegionPillar;

/* A project of the region, as the list shows it. */
typedef struct RegionProject {
	int64_t id;
	char *pillar;   /* I..IV, "" when none */
	int64_t serial; /* -1: none */
	char *title;    /* the clean title */
	char *period;   /* as written, "" */
	char *entities; /* "UNODC, UNDP": lead first */
	char **entity;  /* the same one by one */
	size_t nentity;
	char *status;    /* in_development, ongoing, completed or "" */
	char *countries; /* its member countries' names, ", " between; "" */
	size_t *country; /* their rows (indexes into RegionReport.row) */
	size_t ncountry;
} RegionProject;

typedef struct RegionReport {
	char lang[3];   /* ar en es fr ru zh */
	char as_of[11]; /* YYYY-MM-DD the report was made (UTC) */
	char *key;      /* the region's key as the reference data has it */
	char *kind;     /* region, subregion, intermediate or grouping */
	char *name;     /* in the language */
	char *title;    /* "Counter-terrorism activities in <name>" */
	RegionPillar *pillar;
	size_t npillar;
	RegionRow *row; /* the countries by name, then the region's row */
	size_t nrow;
	int64_t total;          /* the projects, each once */
	RegionProject *project; /* in the annex's order */
	size_t nproject;
} RegionReport;

/*
 * The report of region (a key: "143", "sahel"; or a name or alias the
 * --region filter takes: "Central Asia", "central-asia") in lang (one of
 * the six; NULL: en).  1 with r filled, 0 when there is no such region or
 * grouping (r empty, a message in err), -1 on failure (message in err).
 * Free r with region_report_free() in every case.
 */
int region_report_load(
    Store *s, const char *region, const char *lang, RegionReport *r, Buf *err);
void region_report_free(RegionReport *r);

/* The status in the report's language ("Ongoing"), "" if none. */
const char *region_status_name(const RegionReport *r, const char *status);

#endif
