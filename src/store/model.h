/*
 * model.h - the records the store reads and writes.
 *
 * Plain structs of owned strings, shared by the store, the domain modules,
 * the importers and the surfaces.  Whoever fills a record frees it with the
 * matching *_clear() function of store.h.
 */
#ifndef CTM_STORE_MODEL_H
#define CTM_STORE_MODEL_H

#include <stddef.h>
#include <stdint.h>

/* Scope bits of Project.scopes. */
#define SCOPE_GLOBAL   1
#define SCOPE_REGIONAL 2
#define SCOPE_NATIONAL 4

/* An implementing entity of a project, as written and as resolved. */
typedef struct ProjectOrg {
	char *name;     /* as the source writes it */
	char *key;      /* canonical key, NULL when unresolved */
	int64_t org_id; /* organisation.id, 0 when unresolved */
} ProjectOrg;

/* A place named in a project's geographical scope. */
typedef struct ProjectPlace {
	char *name;       /* as the source writes it */
	char *key;        /* ISO alpha-3, M49 code or grouping key; NULL */
	char *kind;       /* country, region, ..., grouping; NULL */
	int64_t place_id; /* place.id, 0 when unresolved */
	int64_t org_id;   /* set when the "place" is an organisation */
} ProjectPlace;

/* A defect an importer met in the project's source row. */
typedef struct ProjectIssue {
	char *kind;    /* e.g. "period-unparsed" */
	char *message; /* a sentence for people */
} ProjectIssue;

typedef struct Project {
	int64_t id;          /* project.id; 0 before it is stored */
	char *source_key;    /* identity of an imported row, or NULL */
	char *source_digest; /* digest of the row as imported, or NULL */
	char *pillar;        /* key of the pillar it is listed under, or NULL */
	int64_t serial;      /* serial in that pillar's table */
	int has_serial;      /* whether serial is set */
	char *title;
	char *period_text; /* period as written, or NULL */
	char *start_date;  /* YYYY[-MM[-DD]] or NULL */
	char *end_date;    /* likewise */
	int open_ended;    /* runs on with no end date */
	int annual;        /* an annual event */
	char *status;      /* in_development, ongoing, completed, or NULL */
	char *status_text; /* status as written when it maps to none */
	char *activities;
	char *scope_text; /* geographical scope as written */
	int scopes;       /* SCOPE_* bits */
	/*
	 * The gender marker (0-3) of a new row, written with it by
	 * store_projects_add() when has_gender is set; other calls ignore
	 * it (store_gender_set() changes it).
	 */
	int has_gender, gender;
	char *source_file;
	int64_t source_line;
	char *as_of;      /* date the source speaks for, or NULL */
	char *created_at; /* UTC ISO 8601, set by the store */
	/*
	 * Title and activities folded for the search index (text_fold), when
	 * the caller has them at hand (an importer's other thread); NULL:
	 * the store folds.
	 */
	char *fold_title, *fold_activities;
	char *updated_at;
	ProjectOrg *orgs; /* lead first */
	size_t norgs;
	ProjectPlace *places;
	size_t nplaces;
	ProjectIssue *issues;
	size_t nissues;
	/*
	 * A project of a list holds the texts of its row in this one block,
	 * and those of each entity and place in one block with its first
	 * (the store's, freed by project_clear()): a list's callback is
	 * given the project const and changes none of them.
	 */
	char *pack;
	/*
	 * Set when its texts and links are of its list's arena instead
	 * (a list read by two threads): project_clear() frees none of them.
	 */
	int arena;
	/*
	 * What the list's caller made of it on the thread that read it
	 * (ProjectFilter.prep), handed to its callback, whose it is then;
	 * NULL when nothing was made.
	 */
	void *prep;
} Project;

/* Which projects a query is about; NULL members do not filter. */
typedef struct ProjectFilter {
	const char *pillar;  /* pillar key: I..IV */
	const char *entity;  /* organisation key; includes its sub-units */
	const char *country; /* ISO alpha-3: projects naming the country */
	const char *region;  /* place key: projects naming a place within it */
	const char *status;  /* in_development, ongoing, completed */
	const char *search;  /* words; all must occur in title or activities */
	const char
	    *sort;     /* pillar (default), serial, title, status, start, id */
	int64_t limit; /* 0: all */
	int64_t offset;
	unsigned skip; /* links a list may leave unread: PROJECT_SKIP_* */
	/*
	 * A long list may be read by two threads, each with a connection
	 * of its own (SQLite; query.c): set by a caller that runs alone, a
	 * command, not a server's request among others.
	 */
	int parallel;
	/*
	 * What the caller makes of a project alone (a table's row, a line
	 * of CSV), made by a list read by two threads on the thread that
	 * read it, in no order, and handed to the callback in Project.prep
	 * (the callback's to free); other lists leave Project.prep NULL,
	 * and the callback makes it itself.  prep reads its project and
	 * prep_ctx, nothing another thread changes; it returns a block of
	 * malloc(), which the list frees if its callback is never given it.
	 */
	void *(*prep)(const void *ctx, const Project *p);
	const void *prep_ctx;
} ProjectFilter;

/*
 * Bits of ProjectFilter.skip: what store_project_list() need not fill in
 * because the caller shows none of it (a list of a few columns); the
 * count of an array left out is 0, a string NULL.  Statistics ignore
 * them.  RECORD is the scope as written, the source (file, line, key),
 * as_of, created_at and updated_at; PERIOD the period as written, its
 * start and end, open_ended and annual (0).
 */
#define PROJECT_SKIP_PLACES     1
#define PROJECT_SKIP_ISSUES     2
#define PROJECT_SKIP_ACTIVITIES 4
#define PROJECT_SKIP_RECORD     8
#define PROJECT_SKIP_PERIOD     16

/* One group of a statistics query. */
typedef struct StatGroup {
	const char *key;  /* group key as the JSON contract names it */
	const char *name; /* a name for people (may equal key) */
	int64_t count;    /* projects in the group */
	int64_t budgets;  /* store_stats_budget(): of which with a budget */
	int64_t usd;      /* store_stats_budget(): their budgets, US cents */
} StatGroup;

/* One data-quality finding. */
typedef struct Finding {
	const char *kind;    /* missing-serial, duplicate-serial, ... */
	const char *pillar;  /* pillar key or NULL */
	int64_t serial;      /* serial concerned, or -1 */
	int64_t project_id;  /* project concerned, or 0 */
	const char *subject; /* the name or value at fault, or NULL */
	const char *message; /* a sentence for people */
} Finding;

/* Someone who signs in. */
typedef struct Account {
	int64_t id;
	char *login;
	char *role;          /* admin, secretariat, focal_point, ... */
	char *entity;        /* key of a focal point's organisation, or NULL */
	int64_t entity_id;   /* its organisation.id, or 0 */
	char *password_hash; /* argon2id string, or NULL */
	int disabled;
	char *lang; /* the language chosen for the pages, or NULL: none */
} Account;

/* An assessment recommendation or technical-assistance need. */
typedef struct Need {
	int64_t id;    /* need.id; 0 before it is stored */
	char *ref;     /* the assessing body's reference, or NULL */
	char *country; /* ISO alpha-3 of the assessed Member State */
	char *country_name;
	char *body;     /* key of the assessing organisation (CTED, ...) */
	char *assessed; /* YYYY[-MM[-DD]], or NULL */
	char *text;
	char *pillar;          /* I..IV, or NULL */
	char *area;            /* thematic area key, or NULL */
	char *area_name;       /* its English name, when read back */
	char *priority;        /* high, medium, low */
	char *status;          /* open, being_addressed, addressed */
	char *confidentiality; /* public, compact, restricted */
	char **orgs;           /* keys of those a restricted need is shown to */
	size_t norgs;
	int64_t *projects; /* ids of the projects that answer it */
	size_t nprojects;
	int demo; /* made up for a demonstration */
	char *created_at, *updated_at;
} Need;

/*
 * Which needs someone may see (portfolio/need.c fills it from who asks):
 * level 0 public ones only, 1 also those of the Compact, 2 also restricted
 * ones shown to organisation org_id (or to its parent), 3 every one.
 */
typedef struct NeedViewer {
	int level;
	int64_t org_id;
	const char *lang; /* names of places and areas in it; NULL: English */
} NeedViewer;

/* Which needs a query is about; NULL members do not filter. */
typedef struct NeedFilter {
	const char *country;  /* ISO alpha-3 */
	const char *region;   /* place key: needs of a country within it */
	const char *pillar;   /* I..IV */
	const char *area;     /* thematic area key */
	const char *status;   /* open, being_addressed, addressed */
	const char *priority; /* high, medium, low */
	const char *body;     /* assessing organisation key */
	const char *search;   /* words; all must occur in the text */
	int gaps;             /* only needs no project answers, not addressed */
	int64_t limit;        /* 0: all */
	int64_t offset;
	const char *lang; /* names of places and areas in it; NULL: English */
} NeedFilter;

/* One group of a gap table: needs, and those that are gaps. */
typedef struct GapGroup {
	const char *key;  /* ISO alpha-3, region key, pillar, area key */
	const char *name; /* for people */
	int64_t needs;    /* needs in the group, addressed or not */
	int64_t gaps;     /* of which no project answers */
} GapGroup;

/* What the duplication report needs of a project. */
typedef struct DupProject {
	int64_t id;
	const char *title, *activities;
	const char *pillar;
	int64_t serial;          /* -1 when none */
	const char *lead;        /* key of the lead entity, or its name; "" */
	const char *start, *end; /* YYYY[-MM[-DD]] or NULL */
	int open_ended;
	const char *countries; /* ISO alpha-3 codes, each once, "MLI,NER," */
	const char *areas;     /* thematic area keys entered, space-separated */
} DupProject;

/*
 * A sum of money: integer minor units of its currency, and its value in US
 * cents at the rate it was converted at (USD per unit x 10^9, recorded on
 * rate_date; "" and 10^9 for US dollars).  Never floating point.
 */
typedef struct Money {
	int64_t amount;     /* minor units of currency */
	char currency[4];   /* ISO 4217 */
	int64_t usd;        /* US cents */
	int64_t usd_e9;     /* the rate */
	char rate_date[11]; /* YYYY-MM-DD, or "" */
	int minor;          /* digits of the currency's minor unit */
} Money;

/* A project's budget: what it requires. */
typedef struct Budget {
	int64_t project_id;
	Money m;
	char as_of[11]; /* YYYY-MM-DD */
	int demo;       /* made up for a demonstration */
} Budget;

typedef struct Contribution {
	int64_t id;
	char *donor;     /* the donor as written (or its canonical name) */
	char *donor_key; /* organisation key or ISO alpha-3; NULL: neither */
	int64_t project; /* 0: the Trust Fund, not earmarked */
	char *project_title;
	int trust_fund; /* through the UN Trust Fund for Counter-Terrorism */
	int earmarked;  /* for one project */
	int in_kind;    /* 0: cash */
	Money m;
	char received[11]; /* YYYY-MM-DD */
	char *note;
	int demo;
	char *created_at;
} Contribution;

typedef struct ContributionFilter {
	int64_t project;   /* 0: any */
	const char *donor; /* donor key or name as stored; NULL: any */
	int trust_fund;    /* 1: only through the Trust Fund; 0: any */
} ContributionFilter;

/*
 * Money of a group of projects: by project, lead entity, pillar, gender
 * marker, or the whole portfolio.  Received: contributions earmarked for
 * the projects and seed funding the Board granted them.  The shortfall is
 * the sum of each budgeted project's budget less what it received, never
 * below nothing: one project's surplus does not fill another's gap.
 */
typedef struct FundRow {
	const char *key, *name;
	int64_t projects;                    /* in the group */
	int64_t budgeted;                    /* of which have a budget */
	int64_t budget, received, shortfall; /* US cents */
	int64_t demo;          /* projects whose sums count demonstration */
	int64_t received_demo; /* records; whose receipts do */
} FundRow;

typedef struct FundFilter {
	const char *by;     /* project, entity, pillar, gender, portfolio */
	const char *pillar; /* pillar key; NULL: any */
	const char *entity; /* lead entity key; NULL: any */
	int64_t appeal;     /* only the projects of this appeal; 0: all */
	int64_t project;    /* only this project; 0: all */
} FundFilter;

/* A donor of the Trust Fund, with what it gave (US cents). */
typedef struct Donor {
	const char *key, *name;
	int64_t usd, contributions;
	int64_t earmarked_usd; /* of which earmarked for projects */
	int64_t demo; /* contributions that are demonstration records */
} Donor;

typedef struct Appeal {
	int64_t id;
	char *key, *title, *issued, *note;
	int demo;
	int64_t *projects; /* in the appeal's order */
	size_t nprojects;
} Appeal;

/*
 * A decision that moved a project from one step of the lifecycle to
 * another (steps 1 Idea ... 7 Evaluation; portfolio/board.h names them).
 * As read back, the strings live until the callback returns.
 */
typedef struct StageDecision {
	int64_t id;
	int64_t project_id;
	int from_stage;            /* 0: the project was not placed */
	int to_stage;              /* 1 to 7 */
	int64_t account_id;        /* 0: the command line */
	const char *actor;         /* the login, or "cli" */
	const char *decided_at;    /* UTC ISO 8601, set by the store */
	const char *reason;        /* why: never empty */
	int64_t board_decision_id; /* the Board decision it follows, or 0 */
} StageDecision;

/*
 * A decision of the Programme Review Board on a proposal.  Seed funding is
 * in US cents and only with an approval.  As read back, the strings live
 * until the callback returns.
 */
typedef struct BoardDecision {
	int64_t id;
	int64_t project_id;
	const char *project_title; /* read back only */
	const char *round;         /* seed-funding round key, or NULL */
	const char *decision;      /* approve, reject, revise */
	int64_t seed_usd;          /* US cents granted; 0 unless approve */
	const char *conditions;    /* "" when none */
	const char *reason;        /* "" when none */
	const char *meeting;       /* YYYY-MM-DD of the Board's meeting */
	int64_t account_id;        /* who recorded it; 0: the command line */
	const char *actor;         /* the login, or "cli" */
	const char *recorded_at;   /* UTC ISO 8601, set by the store */
	int demo;                  /* made up for a demonstration */
} BoardDecision;

/* Which Board decisions a query is about; NULL and 0 do not filter. */
typedef struct BoardFilter {
	const char *round;    /* round key */
	int64_t project;      /* project id */
	const char *decision; /* approve, reject, revise */
} BoardFilter;

/*
 * A seed-funding round: the totals the reports publish, beside what the
 * decisions recorded here add up to (approved projects counted once).
 * Owned strings: seed_round_clear() frees them.
 */
typedef struct SeedRound {
	int64_t id;
	char *key, *name, *source;
	int year;
	int64_t published_projects; /* -1: not published */
	int64_t published_usd;      /* US cents; -1: not published */
	int64_t decisions;          /* decisions recorded in the round */
	int64_t projects;           /* projects approved, each once */
	int64_t usd;                /* seed funding granted, US cents */
	int64_t demo_decisions;     /* of the decisions, demonstration ones */
	int64_t demo_projects;      /* of the projects, approved by those */
	int64_t demo_usd;           /* of the funding, by demonstration ones */
} SeedRound;

/*
 * Results: a project's outcomes and outputs, the indicators that show
 * them, and its reports of values per period (see portfolio/results.h
 * for the rules).  Values are thousandths, integers: 12.5 is 12500.
 */
typedef struct Result {
	int64_t id, project_id;
	int64_t outcome_id;    /* an output's outcome; 0 when none */
	const char *level;     /* outcome, output */
	int64_t position;      /* order in the project, from 1 */
	const char *statement; /* what the project means to achieve */
	int demo;              /* made up for a demonstration */
} Result;

typedef struct Indicator {
	int64_t id, result_id;
	int64_t position; /* order under its result, from 1 */
	const char *name, *unit;
	const char *aggregate; /* sum, last */
	int has_baseline, has_target;
	int64_t baseline, target; /* thousandths, when has_ */
	const char *categories;   /* the disaggregation "female,male"; "" */
	int demo;
} Indicator;

typedef struct ResultReport {
	int64_t id, project_id;
	const char *period;       /* 2025-Q2, 2025-H1, 2025 */
	const char *period_start; /* YYYY-MM-DD */
	const char *period_end;
	const char *status;    /* draft, submitted, returned, approved */
	const char *narrative; /* "" when none */
	const char *note;      /* the reviewer's, when returned; "" */
	int demo;
	const char *created_at, *updated_at; /* set by the store */
} ResultReport;

typedef struct ResultValue {
	int64_t report_id, indicator_id;
	const char *category; /* "" the total */
	int64_t value;        /* thousandths */
} ResultValue;

/* A move of a report from one status to another. */
typedef struct ResultEvent {
	int64_t id, report_id;
	const char *from_status; /* NULL: the report was made */
	const char *to_status;
	int64_t account_id; /* 0: the command line */
	const char *actor;  /* the login, or "cli" */
	const char *at;     /* UTC ISO 8601, set by the store */
	const char *note;   /* "" when none */
} ResultEvent;

/* A project as results show it. */
typedef struct ResultProject {
	int64_t id;
	int64_t serial;                    /* -1: none */
	const char *title, *lead, *pillar; /* lead entity key; "" */
} ResultProject;

/*
 * The results of the projects a ResultFilter selects, loaded whole, each
 * list in order (projects by id; results by project and position;
 * indicators by result and position; reports by project and period;
 * values by report, indicator and category; events by report and time).
 * The strings are owned by the set (in owned): result_set_free() frees
 * them with it.
 */
typedef struct ResultSet {
	ResultProject *project;
	size_t nproject;
	Result *result;
	size_t nresult;
	Indicator *indicator;
	size_t nindicator;
	ResultReport *report;
	size_t nreport;
	ResultValue *value;
	size_t nvalue;
	ResultEvent *event;
	size_t nevent;
	char **owned;
	size_t nowned, capowned;
} ResultSet;

/* Which results to load; 0 and NULL do not filter. */
typedef struct ResultFilter {
	int64_t project; /* one project */
	const char
	    *wg; /* projects with a thematic area of this working group */
	const char *until; /* reports ending on or before this day */
	int approved;      /* approved reports only */
	int events;        /* load the events too */
} ResultFilter;

/*
 * A sector of an IATI activity (in iati_activity.sectors): a code of a
 * vocabulary and its share, as published.
 */
typedef struct IatiSector {
	char *vocabulary;     /* SectorVocabulary code: "1" OECD DAC, "99" */
	char *vocabulary_uri; /* for 98 and 99; NULL */
	char *code;
	char *percentage; /* as written; NULL */
	char *name;       /* the narrative; NULL */
} IatiSector;

/* A budget or a transaction of an IATI activity (iati_activity.money). */
typedef struct IatiMoney {
	int kind;          /* 'b' budget, 't' transaction */
	char *type;        /* BudgetType or TransactionType code; NULL */
	char *status;      /* BudgetStatus code (budgets); NULL */
	char *start, *end; /* period (budgets); start: a transaction's date */
	char *value;       /* the decimal as written */
	int64_t amount;    /* minor units of currency, when has_amount */
	int has_amount;
	char *currency;   /* its own, else the activity's default; NULL */
	char *value_date; /* NULL */
	char *description, *provider, *receiver; /* transactions; NULL */
} IatiMoney;

/*
 * What the store keeps of an IATI activity beside its project: the
 * identifier, a few fields to query, the rest as JSON (detail, written
 * and read by src/io/iati_*.c), its sectors, budgets and transactions.
 * Freed with iati_record_clear().
 */
typedef struct IatiRecord {
	int64_t project_id;
	char *identifier;  /* iati-identifier, unique */
	char *version;     /* of the file it came from; NULL */
	char *status_code; /* ActivityStatus code as published; NULL */
	char *reporting_ref, *reporting_name, *reporting_type; /* NULL */
	char *source_file;
	int64_t source_line;
	char *detail; /* JSON text */
	/*
	 * What store_iati_get() reads: the sectors and the money as the
	 * JSON arrays kept (iati_activity.sectors, .money), for the io
	 * layer to read; the arrays below are left empty.  NULL otherwise.
	 */
	char *sectors_json, *money_json;
	IatiSector *sectors;
	size_t nsectors;
	IatiMoney *money;
	size_t nmoney;
} IatiRecord;

#endif
