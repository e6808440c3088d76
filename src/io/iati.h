/*
 * iati.h - exchanging projects with the IATI Standard (iatistandard.org).
 *
 * An IATI file is an <iati-activities> element holding any number of
 * <iati-activity> elements: one a project.  iati_read() streams a file
 * (libxml2's xmlTextReader: one activity is expanded at a time, so memory
 * stays flat whatever the file's size) and hands each activity, taken
 * apart into an IatiActivity, to a callback; it reads version 2.03 and
 * the 1.0x files real publishers still serve (text directly in the
 * element, type names instead of codes, "DAC" vocabularies).
 * iati_import() maps activities to projects and stores them (one
 * transaction, idempotent); iati_export() writes IATI 2.03 XML of any
 * filtered view.  The pure mappings (codes, dates, the relevance rule)
 * are functions of their own here, for the unit tests.
 *
 * What maps to what, and what was decided, is in doc/iati.md.
 */
#ifndef CTM_IO_IATI_H
#define CTM_IO_IATI_H

#include <stddef.h>
#include <stdint.h>

#include "../core/strmap.h"
#include "../store/store.h"
#include "import.h"

/* A text in one language: a title, a description, a result's title. */
typedef struct IatiText {
	char *lang; /* xml:lang, else the activity's, else "en" */
	char *text;
	char *type; /* a description's type code ("1" general); NULL */
} IatiText;

/* A participating organisation. */
typedef struct IatiOrg {
	char *role; /* OrganisationRole code "1".."4" (1.x names mapped) */
	char *ref, *type;
	char *name; /* its narrative in the activity's language, or first */
} IatiOrg;

/* A recipient country or region. */
typedef struct IatiPlace {
	int region;       /* 0 country, 1 region */
	char *code;       /* ISO alpha-2; a region's code */
	char *vocabulary; /* regions: RegionVocabulary code ("1" DAC) */
	char *vocabulary_uri;
	char *percentage; /* as written; NULL */
	char *name;       /* narrative; NULL */
} IatiPlace;

/* A policy marker. */
typedef struct IatiMarker {
	char *vocabulary; /* PolicyMarkerVocabulary code ("1" OECD DAC) */
	char *vocabulary_uri;
	char *code, *significance;
} IatiMarker;

/* An activity date. */
typedef struct IatiDate {
	int type; /* 1 start planned, 2 start actual, 3 end planned, 4 end actual */
	char *date; /* YYYY-MM-DD, or as far as it read */
	char *text; /* its narrative, NULL */
} IatiDate;

/* A result: its type and title (indicators are counted, not kept). */
typedef struct IatiResult {
	char *type;
	char *title;
	char *description;
	int indicators;
} IatiResult;

/* A defect met in an activity. */
typedef struct IatiNote {
	size_t line;
	char *kind;
	char *message; /* English; translated when shown */
} IatiNote;

/* One activity as read. */
typedef struct IatiActivity {
	size_t line;      /* where its element starts */
	char *identifier; /* NULL when missing */
	char *version;    /* its own or the file's */
	char *lang;       /* default language */
	char *currency;   /* default-currency */
	char *status;     /* activity-status code */
	char *scope;      /* activity-scope code */
	char *reporting_ref, *reporting_type, *reporting_name;
	IatiText *titles, *descriptions;
	size_t ntitles, ndescriptions;
	IatiOrg *orgs;
	size_t norgs;
	IatiPlace *places;
	size_t nplaces;
	IatiSector *sectors;
	size_t nsectors;
	IatiMarker *markers;
	size_t nmarkers;
	IatiDate *dates;
	size_t ndates;
	IatiMoney *money;
	size_t nmoney;
	IatiResult *results;
	size_t nresults;
	IatiNote *notes;
	size_t nnotes;
	size_t cap[12]; /* capacities of the arrays above */
	/*
	 * ctmatrix's own element (<ctm:project>, namespace IATI_CTM_NS,
	 * where the schema allows other namespaces): a project's fields
	 * IATI has none for, so that a round trip gives them back exactly.
	 */
	int has_ext;
	int ext_scopes; /* SCOPE_* bits */
	int ext_open_ended, ext_annual;
	int ext_no_status; /* the project had no status (the code is made up) */
	int ext_has_serial;
	int64_t ext_serial;
	char *ext_pillar;                   /* the pillar listed under */
	char *ext_period, *ext_status_text; /* as written; NULL */
	char *ext_start, *ext_end;          /* dates at their precision; NULL */
	char *ext_scope_text, *ext_as_of;   /* NULL */
	/* Every place of the project in order: <ctm:place key= name= org=>. */
	struct IatiExtPlace {
		char *key;  /* place key; NULL: unresolved or an organisation */
		char *name; /* as written */
		int org;    /* an organisation named as a place */
	} * ext_places;
	size_t next_places, ext_cap;
} IatiActivity;

/* The namespace of ctmatrix's own element in IATI files. */
#define IATI_CTM_NS "urn:ctmatrix:iati"

void iati_activity_clear(IatiActivity *a);
/* Record a defect of a (kind and a sentence, printf-like). */
void iati_note(IatiActivity *a, size_t line, const char *kind, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

/*
 * Called for each activity read; a is cleared after the call.  Return 0
 * to go on, anything else to stop (iati_read then fails with err as fn
 * left it).
 */
typedef int (*IatiActivityFn)(void *ctx, IatiActivity *a, Buf *err);

/*
 * Stream the IATI file at path (name: what messages call it) or the n
 * bytes at data (path NULL), calling fn for each activity.  The number of
 * activities read, or -1 with "name:line: message" in err when the file
 * is not well-formed XML or is not an IATI activity file.
 */
long iati_read(const char *path, const char *data, size_t n, const char *name,
    IatiActivityFn fn, void *ctx, Buf *err);

/* --- pure mappings (iati_map.c) ------------------------------------------ */

/* An OrganisationRole code from "1".."4" or a 1.x name; NULL if neither. */
const char *iati_role_code(const char *role);

/* An activity-date type 1..4 from "1".."4" or a 1.x name; 0 if neither. */
int iati_date_type(const char *type);

/*
 * A date as published into out: 0 a day YYYY-MM-DD (a datetime's time
 * dropped); 1 only its year or month read (YYYY or YYYY-MM in out); -1
 * none at all (out empty).
 */
int iati_date_clean(const char *text, Buf *out);

/*
 * The ctmatrix status of an ActivityStatus code: 1 with *status
 * (in_development, ongoing, completed) or with *status NULL and
 * *status_text set (5 cancelled, 6 suspended: no status of ours says
 * them); 0 when the code is unknown.
 */
int iati_status_map(
    const char *code, const char **status, const char **status_text);
/* The ActivityStatus code for a ctmatrix status (NULL: "1"). */
const char *iati_status_code(const char *status);

/* A TransactionType code from a 2.x code or a 1.x letter code; NULL. */
const char *iati_transaction_code(const char *code);

/* A BudgetType code from "1", "2" or a 1.x name (none: "1"); NULL. */
const char *iati_budget_type(const char *type);

/* A SectorVocabulary code from a 2.x code or a 1.x name ("DAC"). */
const char *iati_sector_vocabulary(const char *vocabulary);

/*
 * The gender marker (0..3, UN-style) of a DAC gender-equality policy
 * marker's significance; -1 when it does not read.  And back.
 */
int iati_gender_from_dac(const char *significance);
int iati_gender_to_dac(int level);

/* The M49 key of an OECD DAC region code, or NULL when none fits. */
const char *iati_dac_region_m49(const char *code);

/*
 * A decimal value as published ("1000", "-12.50", "3e5" refused) in
 * minor units of a currency of minor digits: 0, 1 when digits beyond the
 * minor unit were rounded, -1 when it is no decimal.
 */
int iati_decimal(const char *text, int minor, int64_t *out);

/* The last day of YYYY-MM (28..31), 0 when it does not read. */
int iati_month_days(const char *ym);

/* --- the relevance rule (iati_map.c) ------------------------------------- */

/*
 * Which activities concern counter-terrorism and preventing violent
 * extremism: DAC sector codes, policy markers (vocabulary:code) and
 * keywords of any language matched in the titles and descriptions
 * (folded: case and accents).  data/iati/relevance.json is the default.
 */
typedef struct IatiRule {
	StrMap sectors; /* DAC codes, 5 or 3 digits */
	StrMap markers; /* "vocabulary:code" */
	char **words;   /* folded */
	size_t nwords;
} IatiRule;

/*
 * Load the rule from JSON text ({"sectors": [...], "markers": [...],
 * "keywords": [...]}): 0, or -1 with err.  Free with iati_rule_free().
 */
int iati_rule_load(IatiRule *r, const char *json, size_t n, Buf *err);
void iati_rule_free(IatiRule *r);
/* The default rule's JSON text (data/iati/relevance.json, built in). */
const char *iati_rule_default(size_t *n);

/*
 * Whether a is relevant under r: 1 with why ("sector 15210", "keyword
 * terroris") filled, else 0.
 */
int iati_rule_match(const IatiRule *r, const IatiActivity *a, Buf *why);

/* --- codelists (iati_map.c) ---------------------------------------------- */

/*
 * The IATI codelists ctmatrix checks codes against (data/iati/codelists,
 * built in): name of the code in list ("Sector", "SectorCategory",
 * "Region", "ActivityStatus", "TransactionType", "OrganisationRole",
 * "PolicyMarker", "BudgetType"), or NULL when the list lacks it.
 * Loaded on first use; not thread-safe before then.
 */
const char *iati_code_name(const char *list, const char *code);

/* --- import and export --------------------------------------------------- */

typedef struct IatiImportOptions {
	int all;          /* keep every activity, not only relevant ones */
	const char *rule; /* JSON of the rule, or NULL: the default */
	size_t rule_len;
	int dry_run;       /* read and map, write nothing */
	const char *actor; /* for the audit trail; NULL: "cli" */
} IatiImportOptions;

/*
 * What an import did: base as the other importers count (rows are the
 * activities read; refused: no identifier; repeated: an identifier met
 * before in this import) with its notes, and what is IATI's own.
 */
typedef struct IatiReport {
	ImportReport base;
	long skipped; /* not relevant under the rule */
	long budgets; /* projects given a budget */
} IatiReport;

/*
 * Import files[0..nfiles) (names: what messages and records call them;
 * NULL: the paths) in one transaction.  0, or -1 with "file:line:
 * message" in err and the database as it was.  Free rep with
 * import_report_free(&rep->base) either way.
 */
int iati_import(Store *s, const char *const *files, int nfiles,
    const IatiImportOptions *opt, IatiReport *rep, Buf *err);

typedef struct IatiExportOptions {
	const char *reporting_ref;  /* reporting-org/@ref (required) */
	const char *reporting_name; /* its name */
	const char *reporting_type; /* OrganisationType code; "40" */
	const char *prefix; /* of identifiers of projects with none kept;
			       NULL: reporting_ref */
} IatiExportOptions;

/*
 * Write the projects f selects as IATI 2.03 activities to out (a path,
 * written whole or not at all; NULL: standard output).  The number of
 * activities written (0: f selects none, and nothing is written, as an
 * IATI file holds one activity at least), or -1 with err.
 */
long iati_export(Store *s, const ProjectFilter *f, const IatiExportOptions *opt,
    const char *out, Buf *err);

/* The vocabulary-uri of the pillars carried as sectors (vocabulary 99). */
#define IATI_PILLAR_URI                                                        \
	"https://www.un.org/counterterrorism/"                                 \
	"un-global-counter-terrorism-strategy"
/* Of the groupings carried as regions (vocabulary 99). */
#define IATI_GROUPING_URI "urn:ctmatrix:groupings"
/* Of the UN gender equality marker carried as a policy marker (99). */
#define IATI_GEM_URI                                                           \
	"https://unsdg.un.org/resources/gender-equality-marker-guidance-note"

#endif
