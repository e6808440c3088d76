/*
 * store.h - the database interface of ctmatrix.
 *
 * Everything above src/store reads and writes the portfolio through these
 * functions and the records of model.h.  No SQL text and no database
 * library header crosses this line: the SQL lives in the store files and
 * runs through the driver of db.h, so a PostgreSQL driver can follow
 * without touching the layers above.
 *
 * Every function that can fail returns 0 (or a positive count or id) on
 * success and -1 on failure with a message appended to err.  Writes are
 * made inside store_begin()/store_commit(); a failure between them must be
 * followed by store_rollback(), which leaves the database as it was.
 */
#ifndef CTM_STORE_STORE_H
#define CTM_STORE_STORE_H

#include <stdint.h>

#include "../core/buf.h"
#include "model.h"

typedef struct Store Store;

/*
 * Open the database named by url (a file path), creating the file when
 * create is set, and bring its schema up to date.  Return NULL with a
 * message in err on failure.  Close with store_close().
 */
Store *store_open(const char *url, int create, Buf *err);
void store_close(Store *s);

/*
 * Give s a second connection, to the read database at url (a streaming
 * replica of s's database, or that database opened for reading only),
 * for the reads of requests that write nothing (store_reads).  Its
 * schema must be the primary's; it is never migrated.  0, or -1 with a
 * message in err (s unchanged).  store_close() closes both.
 */
int store_reader_open(Store *s, const char *url, Buf *err);

/*
 * 1 when a connection of s (the primary's or the reader's) is lost: its
 * server stopped or restarted.  Nothing more is done on s but to close
 * it and open the database again (the web server does so before a
 * request).  0 while s serves; a file is never lost.
 */
int store_lost(Store *s);

/*
 * Send the reads that follow to the read database (replica 1), when s
 * has one, or to the primary (replica 0).  Whatever is set, writes go
 * to the primary (store_begin), and so do the reads of sessions,
 * sign-in failures and uploads; a signed-in request reads the replica
 * only while it is as new as the primary (store_session_find).  The
 * server sets it for each request: 1 for GET and HEAD, else 0.
 */
void store_reads(Store *s, int replica);

/* Schema version of the open database. */
int store_schema_version(Store *s);

/*
 * 1 when reference data (the framework) has been loaded, and last from
 * data of this stamp (see store_reference_stamp_set()), else 0.
 */
int store_has_reference(Store *s, int64_t stamp);

/*
 * Record, in the transaction begun, that the reference data loaded are
 * those of stamp (a checksum of the files).  0, or -1 with err.
 */
int store_reference_stamp_set(Store *s, int64_t stamp, Buf *err);

int store_begin(Store *s, Buf *err);
int store_commit(Store *s, Buf *err);
void store_rollback(Store *s);

/*
 * A read of several statements that must agree (a report read twice):
 * they see one state of the database until store_read_end().  Writers
 * are not held up.
 */
int store_read_begin(Store *s, Buf *err);
void store_read_end(Store *s);

/*
 * A bulk load, inside a transaction: when no project exists yet, the
 * secondary indexes of the project tables are dropped, and store_commit()
 * builds them again in one sorted pass each, which is several times
 * cheaper than keeping them up to date row by row, and foreign keys are
 * not checked until the transaction ends.  Call it right after
 * store_begin(), before any write: the transaction may be begun again.
 * Nothing changes when projects exist.  1 when the store was empty (and
 * is in bulk mode), 0 when it was not, -1 on failure.  On PostgreSQL the
 * answer only: indexes and foreign keys stay (store.c says why).
 *
 * After a write of a bulk load fails, the caller must roll back: the
 * failed statement's earlier rows stay until then (batch_sql says why).
 */
int store_bulk_begin(Store *s, Buf *err);

/*
 * Move what a long write keeps waiting until its commit (the search
 * index's new entries) into place now, so that an import of any size
 * holds no more than one batch of them in memory.  0 or -1.
 */
int store_pending_flush(Store *s, Buf *err);

/*
 * The generation of the data: a number every committed write raises, so
 * that anything computed from the data (a cache, an HTTP ETag) can tell
 * whether it still holds.  -1 when it cannot be read.
 */
int64_t store_data_generation(Store *s);

/* The current time as the store records it: UTC ISO 8601. */
void store_now(Buf *out);

/* --- reference data (ref.c) -------------------------------------------
 * Each *_put inserts or updates by key and returns the row id (> 0), or -1.
 */
int64_t store_strategy_put(
    Store *s, const char *key, const char *symbol, Buf *err);
int store_strategy_name_put(Store *s, int64_t strategy_id, const char *lang,
    const char *name, Buf *err);
int64_t store_pillar_put(
    Store *s, int64_t strategy_id, const char *key, int number, Buf *err);
int store_pillar_name_put(Store *s, int64_t pillar_id, const char *lang,
    const char *short_name, const char *full_name, Buf *err);
int64_t store_area_put(
    Store *s, int64_t strategy_id, const char *key, Buf *err);
int store_area_name_put(
    Store *s, int64_t area_id, const char *lang, const char *name, Buf *err);
/* A word that shows a project is about the area (folded here). */
int store_area_keyword_put(
    Store *s, int64_t area_id, const char *keyword, Buf *err);
int store_area_pillar_put(Store *s, int64_t area_id, int64_t strategy_id,
    const char *pillar_key, Buf *err);
int64_t store_group_put(
    Store *s, int64_t strategy_id, const char *key, Buf *err);
int store_group_name_put(
    Store *s, int64_t group_id, const char *lang, const char *name, Buf *err);
int store_group_area_put(Store *s, int64_t group_id, int64_t strategy_id,
    const char *area_key, Buf *err);

int64_t store_place_put(Store *s, const char *key, const char *kind,
    const char *m49, const char *iso2, const char *iso3, const char *name,
    Buf *err);
int store_place_name_put(
    Store *s, int64_t place_id, const char *lang, const char *name, Buf *err);
/* Link a place to a parent place given by key. */
int store_place_parent_put(
    Store *s, int64_t place_id, const char *parent_key, Buf *err);
/*
 * Make the place member_key (a country, by ISO alpha-3 or key) a member of
 * the grouping group_key.  0, or -1 when either is unknown.
 */
int store_place_member(
    Store *s, const char *member_key, const char *group_key, Buf *err);
/*
 * Record alias as a name of the place with key place_key.  Return 1 when
 * added, 0 when the alias already names that place, -1 when it names
 * another place (err says which) or on failure.
 */
int store_place_alias_put(
    Store *s, const char *alias, const char *place_key, Buf *err);
/* Recompute place_within from place_parent. */
int store_place_closure(Store *s, Buf *err);

int64_t store_org_put(Store *s, const char *key, const char *name,
    const char *type, const char *compact, Buf *err);
int store_org_parent_set(
    Store *s, const char *key, const char *parent_key, Buf *err);
int store_org_name_put(
    Store *s, int64_t org_id, const char *lang, const char *name, Buf *err);
/* As store_place_alias_put(), for organisations. */
int store_org_alias_put(
    Store *s, const char *alias, const char *org_key, Buf *err);

/* Callback for the alias walks: the name key, the id and key it maps to. */
typedef int (*StoreAliasFn)(
    void *ctx, const char *fold, int64_t id, const char *key, const char *kind);

/* Call fn for every organisation alias (kind is the organisation type). */
int store_org_aliases(Store *s, StoreAliasFn fn, void *ctx, Buf *err);
/* Call fn for every place alias (kind is the place kind). */
int store_place_aliases(Store *s, StoreAliasFn fn, void *ctx, Buf *err);

/*
 * Find the organisation (place == 0) or place (place == 1) whose alias has
 * the name key fold: 1 with its key and kind copied out, 0 when none, -1.
 */
int store_alias_find(
    Store *s, int place, const char *fold, Buf *key, Buf *kind, Buf *err);

/* A row of reference data, for listing (fields NULL when none). */
typedef struct RefItem {
	const char *key;
	const char *kind;   /* a place's kind, an organisation's type */
	const char *name;   /* its name (in the language asked for) */
	const char *parent; /* an organisation's parent key */
	const char *iso2, *iso3, *m49; /* a place's codes */
} RefItem;
typedef int (*StoreRefFn)(void *ctx, const RefItem *r);

/*
 * Every organisation, by key; every place (of kind, unless NULL), by
 * name in the order of lang (lang_collate(): Chinese by pinyin; English
 * by its bytes); names in lang where the reference data has one, else in
 * English (lang NULL: English).
 */
int store_organisations(
    Store *s, const char *lang, StoreRefFn fn, void *ctx, Buf *err);
int store_places(Store *s, const char *kind, const char *lang, StoreRefFn fn,
    void *ctx, Buf *err);

/* The names of the pillars in every language, by pillar then language. */
typedef struct PillarName {
	const char *key; /* I..IV */
	int number;
	const char *lang, *short_name, *full_name;
} PillarName;
typedef int (*StorePillarFn)(void *ctx, const PillarName *n);
int store_pillar_names(Store *s, StorePillarFn fn, void *ctx, Buf *err);

/*
 * Regions and groupings (region.c): the M49 regions, sub-regions and
 * intermediate regions and the groupings, for the regional pages.  Names
 * are in the language asked (ar en es fr ru zh), English failing it.
 */
typedef struct RegionItem {
	const char *key;  /* place key: M49 code, grouping key, ISO alpha-3 */
	const char *kind; /* region, subregion, intermediate, grouping,
			     country */
	const char *name; /* in the language asked */
	const char *iso3; /* countries only, else NULL */
	const char *m49;  /* NULL for groupings */
	int64_t projects; /* store_regions(): projects naming a place in it */
} RegionItem;
typedef int (*StoreRegionFn)(void *ctx, const RegionItem *r);

/*
 * The region or grouping with this key (not a country, not the world):
 * 1 with its key, kind and name in lang copied out, 0 if there is none
 * such, -1.
 */
int store_region_get(Store *s, const char *key, const char *lang, Buf *out_key,
    Buf *kind, Buf *name, Buf *err);

/*
 * The name in lang of the place with this id (any kind), English where
 * the reference data has none in lang: 1 with it in name, 0 if there is
 * no such place, -1.
 */
int store_place_name(
    Store *s, int64_t place_id, const char *lang, Buf *name, Buf *err);

/*
 * The countries within region key, by their name in lang in the order
 * of lang (as store_places()), to fn.
 */
int store_region_countries(Store *s, const char *key, const char *lang,
    StoreRegionFn fn, void *ctx, Buf *err);

/*
 * Every region and grouping to fn: M49 ones first by code, then the
 * groupings by English name, each with its count of projects.
 */
int store_regions(
    Store *s, const char *lang, StoreRegionFn fn, void *ctx, Buf *err);

/* The row id of the organisation or place with this key; 0 if none. */
int64_t store_org_id(Store *s, const char *key);
int64_t store_place_id(Store *s, const char *key);

/* Does a pillar with this key exist?  1, 0, or -1. */
int store_pillar_exists(Store *s, const char *key, Buf *err);

/* --- accounts, sessions, audit (account.c) --------------------------------
 * Account records are filled by the store and freed with account_clear().
 */
void account_clear(Account *a);

/*
 * Add an account.  entity (an organisation key) is required for a focal
 * point (its projects), optional for the other roles (the restricted needs
 * they see; portfolio/need.h).  Returns its id, 0 when the login is taken,
 * or -1 with a message in err (an unknown entity is one).
 */
int64_t store_account_add(Store *s, const char *login, const char *role,
    const char *entity, const char *password_hash, Buf *err);

/* The account with this login (any case) into a: 1, 0 if none, or -1. */
int store_account_get(Store *s, const char *login, Account *a, Buf *err);

/* Change an account; 0 or -1.  (role: entity as for store_account_add.) */
int store_account_set_password(
    Store *s, int64_t id, const char *password_hash, Buf *err);
int store_account_set_role(
    Store *s, int64_t id, const char *role, const char *entity, Buf *err);
int store_account_set_disabled(Store *s, int64_t id, int disabled, Buf *err);

/*
 * Set the language account id chose for its pages: lang one of the six
 * (src/text/lang.h; the caller checks it), or NULL for none.  0 or -1.
 */
int store_account_set_lang(Store *s, int64_t id, const char *lang, Buf *err);

/* Every account, by login, to fn (stops when fn returns non-zero). */
typedef int (*StoreAccountFn)(void *ctx, const Account *a);
int store_accounts(Store *s, StoreAccountFn fn, void *ctx, Buf *err);

/*
 * Keep a session or API token (kind "web" or "api") by the hash of its
 * token, valid for seconds from now.  0 or -1.
 */
int store_session_add(Store *s, int64_t account_id, const char *kind,
    const char *token_hash, const char *csrf, long seconds, Buf *err);

/*
 * The account a token hash stands for, if the session is valid and the
 * account not disabled: 1 (a filled, csrf set when given), 0, or -1.
 */
int store_session_find(
    Store *s, const char *token_hash, Account *a, Buf *csrf, Buf *err);

/* End every session of an account (a password change, a disabling). */
int store_sessions_end(Store *s, int64_t account_id, Buf *err);

/* End the one session kept under token_hash (signing out).  0 or -1. */
int store_session_end(Store *s, const char *token_hash, Buf *err);

/*
 * Failed sign-ins, for rate limiting: count those against key ("login:x",
 * "addr:y") in the last seconds (the count, or -1); record one (pruning
 * those older than a day); forget them all after a success.  0 or -1.
 */
int64_t store_login_failures(Store *s, const char *key, long seconds, Buf *err);
int store_login_failure_add(Store *s, const char *key, Buf *err);
int store_login_failures_clear(Store *s, const char *key, Buf *err);

/*
 * Record a change in the audit trail: actor is a login or "cli"; old and
 * new the JSON of the values before and after (NULL on create, delete).
 */
int store_audit_add(Store *s, int64_t account_id, const char *actor,
    const char *action, const char *subject, int64_t subject_id,
    const char *old_json, const char *new_json, Buf *err);

/* One entry of the audit trail. */
typedef struct AuditEntry {
	int64_t id;
	const char *at, *actor, *action, *subject;
	int64_t subject_id;
	const char *old_json, *new_json; /* NULL when none */
} AuditEntry;

/*
 * The trail, newest first, to fn: every entry, or those of one subject
 * (subject and subject_id; subject_id 0: every one of that subject).
 */
typedef int (*StoreAuditFn)(void *ctx, const AuditEntry *e);
int store_audit(Store *s, const char *subject, int64_t subject_id,
    StoreAuditFn fn, void *ctx, Buf *err);

/*
 * An uploaded file waiting for its preview to be confirmed: keep it (its
 * id, or -1; uploads older than a day are pruned), read it back for the
 * account that sent it (1 with filename, format and data filled, 0 if
 * there is none of that id for that account, or -1), or drop it.
 */
int64_t store_upload_add(Store *s, int64_t account_id, const char *filename,
    const char *format, const Buf *data, Buf *err);
int store_upload_get(Store *s, int64_t id, int64_t account_id, Buf *filename,
    Buf *format, Buf *data, Buf *err);
int store_upload_delete(Store *s, int64_t id, Buf *err);

/* --- plans of action (plan.c) ------------------------------------------ */

typedef struct PlanInfo {
	int64_t id;
	Buf key, title;
	int adopted_seq; /* the adopted revision; 0 while a draft */
	int nrev;        /* revisions kept */
	Buf last_label;  /* the label of the latest */
} PlanInfo;

typedef struct PlanRevInfo {
	int seq;
	Buf label, filename, created_at, created_by;
	int markdown;
	size_t size; /* bytes */
} PlanRevInfo;

void plan_info_clear(PlanInfo *p);
void plan_rev_clear(PlanRevInfo *r);

/* Create plan key, or set its title: its id, or -1. */
int64_t store_plan_put(Store *s, const char *key, const char *title, Buf *err);
/* 1 with p filled, 0 if there is no plan key, -1. */
int store_plan_get(Store *s, const char *key, PlanInfo *p, Buf *err);
typedef int (*StorePlanFn)(void *ctx, const PlanInfo *p);
int store_plans(Store *s, StorePlanFn fn, void *ctx, Buf *err);

/* Keep a revision's text as delivered: its number (1, 2, ...) or -1. */
int store_plan_revision_add(Store *s, int64_t plan_id, const char *label,
    const char *filename, int markdown, const char *body, size_t n,
    const char *by, Buf *err);
typedef int (*StorePlanRevFn)(void *ctx, const PlanRevInfo *r);
int store_plan_revisions(
    Store *s, int64_t plan_id, StorePlanRevFn fn, void *ctx, Buf *err);
/* 1 with r and body filled, 0 if there is no such revision, -1. */
int store_plan_revision_get(
    Store *s, int64_t plan_id, int seq, PlanRevInfo *r, Buf *body, Buf *err);
/* Mark revision seq adopted (0: the plan is a draft again). */
int store_plan_adopt(Store *s, int64_t plan_id, int seq, Buf *err);

/* Link (on) or unlink a project to a measure of the plan. */
int store_plan_link(Store *s, int64_t plan_id, const char *measure,
    int64_t project_id, int on, Buf *err);
typedef int (*StorePlanLinkFn)(
    void *ctx, const char *measure, int64_t project_id);
int store_plan_links(
    Store *s, int64_t plan_id, StorePlanLinkFn fn, void *ctx, Buf *err);

/* --- projects (project.c) --------------------------------------------- */

/*
 * Look up the project imported from the row with this source key.  Return
 * its id (and copy its digest into digest) when there is one, 0 when there
 * is none, -1 on failure.
 */
int64_t store_project_by_source(
    Store *s, const char *source_key, Buf *digest, Buf *err);

/*
 * Insert p (p->id == 0) or replace the project p->id with p, with its
 * entities, places, scope, years, issues and search index.  Sets p->id.
 */
int store_project_save(Store *s, Project *p, Buf *err);

/*
 * Insert n new projects (each p->id == 0) as store_project_save() would,
 * several rows a statement; sets every p->id.  For bulk imports.
 */
int store_projects_add(Store *s, Project *const *ps, size_t n, Buf *err);

/*
 * Delete project id with its links and its entry in the search index.
 * 1, 0 when there is none, or -1.
 */
int store_project_delete(Store *s, int64_t id, Buf *err);

/*
 * Is the organisation with key entity (or one of its sub-units) among the
 * entities of project id?  1, 0, or -1.
 */
int store_project_has_entity(
    Store *s, int64_t id, const char *entity, Buf *err);

/* Read project id into p (zeroed by the caller).  1, 0 if none, or -1. */
int store_project_get(Store *s, int64_t id, Project *p, Buf *err);

/* Free what a Project holds and zero it. */
void project_clear(Project *p);
/* Free a Project's entities, or its places, and leave it none. */
void project_orgs_drop(Project *p);
void project_places_drop(Project *p);

/*
 * Call fn for each project f selects, in f's order, each with its
 * entities, places and issues filled in (but those f->skip leaves out);
 * p is cleared after the call.  Set *total
 * (if not NULL) to the count before limit and offset.  fn returns 0 to go
 * on, nonzero to stop.
 */
typedef int (*StoreProjectFn)(void *ctx, const Project *p);
int store_project_list(Store *s, const ProjectFilter *f, StoreProjectFn fn,
    void *ctx, int64_t *total, Buf *err);

/*
 * Forget the notes of a source file (before it is imported again), or add
 * one: a defect met outside any row.
 */
int store_source_notes_clear(Store *s, const char *file, Buf *err);
int store_source_note_add(Store *s, const char *file, int64_t line,
    const char *kind, const char *message, Buf *err);

/* Record what a matrix table declared for a pillar. */
int store_annex_table_put(Store *s, const char *pillar, int64_t declared,
    int has_declared, const char *file, int64_t line, Buf *err);

/* --- statistics and findings (stats.c, check.c) ------------------------ */

/*
 * Group the projects f selects by one dimension: "pillar", "status",
 * "entity", "scope", "country", "region" or "year".  Set *total to the
 * number of projects selected and call fn for each group.  A project counts
 * once in every group it belongs to.
 */
typedef int (*StoreStatFn)(void *ctx, const StatGroup *g);
int store_stats(Store *s, const char *by, const ProjectFilter *f,
    int64_t *total, StoreStatFn fn, void *ctx, Buf *err);

/* Call fn for every data-quality finding, grouped by kind. */
typedef int (*StoreFindingFn)(void *ctx, const Finding *f);
int store_findings(Store *s, StoreFindingFn fn, void *ctx, Buf *err);

/*
 * Append f's message to out in lang, composed anew from its kind and
 * fields (the numbers that only its English message carries read back
 * from it; the defects the importer noted read through the sentences it
 * writes); f->message itself in English (lang NULL or "en"), and for a
 * kind or a sentence it does not know.  The JSON keeps f->message.
 */
void store_finding_text(Buf *out, const char *lang, const Finding *f);

/*
 * Append to out the sentence the importer wrote of a source row's defect
 * (a ProjectIssue's message), in lang; the note itself in English or
 * when it is not one of the importer's sentences.
 */
void store_note_text(Buf *out, const char *lang, const char *note);

/* The kind of a finding as a table names it in lang; kind in English. */
const char *store_finding_kind(const char *lang, const char *kind);

/*
 * Whether text reads as pattern, whose "%s" stand for texts (see
 * check.c); those texts in hole[0..3].  Returns how many, else -1.
 */
int store_note_match(const char *text, const char *pattern, Buf hole[]);

/* --- needs, gaps, duplication (need.c) ----------------------------------
 * Every read of needs takes a NeedViewer and sees only what it may: a need
 * it may not see is neither listed, counted, nor found by id.
 */
void need_clear(Need *n);

/* Need id, if v may see it, into n (zeroed by the caller): 1, 0, -1. */
int store_need_get(
    Store *s, int64_t id, const NeedViewer *v, Need *n, Buf *err);

/* The id of the need with reference ref, whoever may see it; 0, -1. */
int64_t store_need_by_ref(Store *s, const char *ref, Buf *err);

/*
 * Insert n (n->id == 0; sets it) or replace need n->id with n, its
 * organisations and projects included.  Keys must exist (need.c in
 * portfolio checks them).  0 or -1.
 */
int store_need_save(Store *s, Need *n, Buf *err);

/* Delete need id: 1, 0 when there is none, -1. */
int store_need_delete(Store *s, int64_t id, Buf *err);

/* Link (on) or unlink a project to a need: 1 when it changed, 0, -1. */
int store_need_link(
    Store *s, int64_t need_id, int64_t project_id, int on, Buf *err);

/*
 * The needs f selects that v may see, to fn (n cleared after the call;
 * fn returns nonzero to stop; NULL: only count); *total, when not NULL,
 * is their number before limit and offset.
 */
typedef int (*StoreNeedFn)(void *ctx, const Need *n);
int store_need_list(Store *s, const NeedFilter *f, const NeedViewer *v,
    StoreNeedFn fn, void *ctx, int64_t *total, Buf *err);

/* The needs v may see that project_id answers. */
int store_project_needs(Store *s, int64_t project_id, const NeedViewer *v,
    StoreNeedFn fn, void *ctx, Buf *err);

/*
 * The gap table by one dimension ("country", "region", "subregion",
 * "pillar", "area") of the needs f selects that v may see: per group the
 * needs and the gaps among them, most gaps first.
 */
typedef int (*StoreGapFn)(void *ctx, const GapGroup *g);
int store_gaps(Store *s, const char *by, const NeedFilter *f,
    const NeedViewer *v, StoreGapFn fn, void *ctx, Buf *err);

/*
 * Every thematic area: key and name in lang, English where it has none or
 * lang is NULL (the other fields NULL).
 */
int store_areas(Store *s, const char *lang, StoreRefFn fn, void *ctx, Buf *err);

/* Set the thematic areas of a project (keys must exist). */
int store_project_areas_set(
    Store *s, int64_t project_id, const char *const *keys, size_t n, Buf *err);

/* Every keyword of every thematic area (key, keyword folded). */
typedef int (*StoreAreaWordFn)(
    void *ctx, const char *area, const char *keyword);
int store_area_keywords(Store *s, StoreAreaWordFn fn, void *ctx, Buf *err);

/* Every project as the duplication report compares them, by id. */
typedef int (*StoreDupFn)(void *ctx, const DupProject *d);
int store_dup_projects(Store *s, StoreDupFn fn, void *ctx, Buf *err);

/* --- money (money.c) -----------------------------------------------------
 * Lookups return 1 found, 0 not found, -1 on failure.
 */
int store_currency_put(
    Store *s, const char *code, int minor, const char *name, Buf *err);
/* The digits of the currency's minor unit in *minor. */
int store_currency(Store *s, const char *code, int *minor, Buf *err);
typedef int (*StoreCurrencyFn)(
    void *ctx, const char *code, int minor, const char *name);
int store_currencies(Store *s, StoreCurrencyFn fn, void *ctx, Buf *err);

/* Record a rate (USD per unit x 10^9) holding from on_date on. */
int store_rate_put(Store *s, const char *currency, const char *on_date,
    int64_t usd_e9, const char *source, Buf *err);
/* The latest rate of currency recorded on or before date. */
int store_rate_at(Store *s, const char *currency, const char *date,
    int64_t *usd_e9, char rate_date[11], Buf *err);
typedef int (*StoreRateFn)(void *ctx, const char *currency, const char *on_date,
    int64_t usd_e9, const char *source);
/* The rates of currency (NULL: all), latest first. */
int store_rates(
    Store *s, const char *currency, StoreRateFn fn, void *ctx, Buf *err);
int store_rate_delete(
    Store *s, const char *currency, const char *on_date, Buf *err);

/* A seed-funding round and its published totals (-1: not published). */
int64_t store_seed_round_put(Store *s, const char *key, const char *name,
    int year, int64_t projects, int64_t usd, const char *source, Buf *err);

int store_budget_get(Store *s, int64_t project_id, Budget *b, Buf *err);
int store_budget_put(Store *s, const Budget *b, Buf *err);
int store_budget_delete(Store *s, int64_t project_id, Buf *err);

/*
 * Add a contribution; c->donor_key names an organisation (by key) or a
 * Member State (ISO alpha-3), else the donor is c->donor as written.  The
 * new id, or -1.
 */
int64_t store_contribution_add(Store *s, const Contribution *c, Buf *err);
int store_contribution_get(Store *s, int64_t id, Contribution *c, Buf *err);
int store_contribution_delete(Store *s, int64_t id, Buf *err);
void contribution_free(Contribution *c);
/* The contributions f selects, latest first (c is freed after fn). */
typedef int (*StoreContributionFn)(void *ctx, const Contribution *c);
int store_contributions(Store *s, const ContributionFilter *f,
    StoreContributionFn fn, void *ctx, Buf *err);

/* Budget, received and shortfall of the groups f->by names. */
typedef int (*StoreFundFn)(void *ctx, const FundRow *r);
int store_funding(
    Store *s, const FundFilter *f, StoreFundFn fn, void *ctx, Buf *err);
/* Whether by is a grouping store_funding knows. */
int store_fund_by_known(const char *by);

/* The donors of the Trust Fund, the greatest first. */
typedef int (*StoreDonorFn)(void *ctx, const Donor *d);
int store_trust_fund_donors(Store *s, StoreDonorFn fn, void *ctx, Buf *err);

/* Insert or update an appeal by key, with its projects; its id or -1. */
int64_t store_appeal_save(Store *s, const Appeal *a, Buf *err);
int store_appeal_get(Store *s, const char *key, Appeal *a, Buf *err);
typedef int (*StoreAppealFn)(void *ctx, const Appeal *a);
int store_appeals(Store *s, StoreAppealFn fn, void *ctx, Buf *err);
int store_appeal_delete(Store *s, const char *key, Buf *err);
/* The key of appeal id in key. */
int store_appeal_key(Store *s, int64_t id, Buf *key, Buf *err);
void appeal_free(Appeal *a);

/*
 * The gender marker of a project: 0 to 3, -1 not assessed, -2 no such
 * project, -3 failure.  Set: marker -1 clears; 1 set, 0 no such project.
 */
int store_gender_get(Store *s, int64_t project_id, int *demo, Buf *err);
int store_gender_set(
    Store *s, int64_t project_id, int marker, int demo, Buf *err);

/* --- the lifecycle and the Programme Review Board (board.c) --------------
 * Writes run inside a transaction the caller began (io/board_io.c keeps
 * the rules and the audit trail).
 */

/* The step of project id in *stage (0: not placed): 1, 0 if none, -1. */
int store_stage_get(Store *s, int64_t project_id, int *stage, Buf *err);

/*
 * Move project d->project_id from step d->from_stage (0: not placed) to
 * d->to_stage and record the decision (d->decided_at is set by the
 * store).  The id of the stage decision; 0 when the project is no longer
 * at d->from_stage (someone moved it meanwhile) or is gone; -1.
 */
int64_t store_stage_set(Store *s, const StageDecision *d, Buf *err);

/* The stage decisions of a project, oldest first. */
typedef int (*StoreStageFn)(void *ctx, const StageDecision *d);
int store_stage_history(
    Store *s, int64_t project_id, StoreStageFn fn, void *ctx, Buf *err);

/*
 * The projects not placed at any step, by id, with their matrix status
 * (NULL when none).
 */
typedef int (*StoreUnplacedFn)(void *ctx, int64_t id, const char *status);
int store_stage_unplaced(Store *s, StoreUnplacedFn fn, void *ctx, Buf *err);

/*
 * The projects placed at a proposal step (Idea to Financing), the
 * furthest first, then by id: id, title, step.
 */
typedef int (*StoreProposalFn)(
    void *ctx, int64_t id, const char *title, int stage);
int store_proposals(Store *s, StoreProposalFn fn, void *ctx, Buf *err);

/* Seat (on) or unseat an account on the Board: 1 changed, 0 not, -1. */
int store_board_member_set(Store *s, int64_t account_id, int on, Buf *err);

/* Does account_id sit on the Board?  1, 0, -1. */
int store_board_member_is(Store *s, int64_t account_id, Buf *err);

/* The members, by login: login, role, seated since (UTC ISO 8601). */
typedef int (*StoreMemberFn)(
    void *ctx, const char *login, const char *role, const char *since);
int store_board_members(Store *s, StoreMemberFn fn, void *ctx, Buf *err);

/*
 * Record a Board decision (d->round a round key that exists, or NULL;
 * d->recorded_at set by the store).  Its id, or -1.
 */
int64_t store_board_decision_add(Store *s, const BoardDecision *d, Buf *err);

/* The decisions f selects, by meeting date then id. */
typedef int (*StoreBoardFn)(void *ctx, const BoardDecision *d);
int store_board_decisions(
    Store *s, const BoardFilter *f, StoreBoardFn fn, void *ctx, Buf *err);

/* Approvals of project_id on record: their count, or -1. */
int64_t store_board_approvals(Store *s, int64_t project_id, Buf *err);

void seed_round_clear(SeedRound *r);

/* Every seed-funding round with its totals, by year then key. */
typedef int (*StoreRoundFn)(void *ctx, const SeedRound *r);
int store_seed_rounds(Store *s, StoreRoundFn fn, void *ctx, Buf *err);

/* The round of key into r (zeroed by the caller): 1, 0 if none, -1. */
int store_seed_round_get(Store *s, const char *key, SeedRound *r, Buf *err);

/* --- results (results.c) -------------------------------------------------
 * Writes run inside a transaction the caller began (io/results_io.c keeps
 * the rules of portfolio/results.h and writes the audit trail in it).
 */

/* Load the results f selects into rs (zeroed by the caller): 0 or -1. */
int store_results_load(
    Store *s, const ResultFilter *f, ResultSet *rs, Buf *err);
void result_set_free(ResultSet *rs);

/*
 * The project a result ('r'), an indicator ('i') or a report ('p') of id
 * belongs to, into *project: 1, 0 when there is no such thing, -1.
 */
int store_results_owner(
    Store *s, int kind, int64_t id, int64_t *project, Buf *err);

/* A result (position: after the project's last), its id; or -1. */
int64_t store_result_add(Store *s, const Result *r, Buf *err);
/* Its statement and outcome; 1 changed, 0 none such, -1. */
int store_result_update(Store *s, const Result *r, Buf *err);
/* With its indicators and their values; outputs under it stay, alone. */
int store_result_delete(Store *s, int64_t id, Buf *err);

int64_t store_indicator_add(Store *s, const Indicator *in, Buf *err);
int store_indicator_update(Store *s, const Indicator *in, Buf *err);
int store_indicator_delete(Store *s, int64_t id, Buf *err);

/*
 * Values an approved or submitted report gives for the indicators of
 * result ('r') or indicator ('i') id: their count (>0: locked), or -1.
 */
int64_t store_results_locked(Store *s, int kind, int64_t id, Buf *err);

/* A report (created_at and updated_at set here): its id, or -1. */
int64_t store_report_add(Store *s, const ResultReport *r, Buf *err);
/* Its narrative, status and note (updated_at set here); 1, 0, -1. */
int store_report_update(Store *s, const ResultReport *r, Buf *err);
int store_report_delete(Store *s, int64_t id, Buf *err);

/*
 * The period of the report of project that overlaps start..end (days),
 * other than report except, into period: 1 (one does), 0, -1.
 */
int store_report_overlap(Store *s, int64_t project, const char *start,
    const char *end, int64_t except, Buf *period, Buf *err);

/* Replace the values of report_id with v[0..n). */
int store_report_values_set(
    Store *s, int64_t report_id, const ResultValue *v, size_t n, Buf *err);

/* Record a move of a report (e->at set here). */
int store_result_event_add(Store *s, const ResultEvent *e, Buf *err);

/*
 * Every working group, in the order of the reference data: key and name
 * in lang, English where it has none or lang is NULL (the key where it
 * has no name at all).
 */
int store_working_groups(
    Store *s, const char *lang, StoreRefFn fn, void *ctx, Buf *err);

/* The thematic areas of project_id, as entered: key and English name. */
int store_project_areas(
    Store *s, int64_t project_id, StoreRefFn fn, void *ctx, Buf *err);

/* --- IATI activities (iati.c) ---------------------------------------------
 * Writes run inside a transaction the caller began (io/iati_import.c).
 */

/*
 * The project kept under IATI identifier id: its id, 0 when none, -1.
 */
int64_t store_iati_find(Store *s, const char *identifier, Buf *err);

/*
 * Keep r for project r->project_id (which exists), replacing what was
 * kept for it, sectors and money included; fresh: the project was just
 * added, nothing is kept for it (nothing to delete first).  0 or -1.
 */
int store_iati_save(Store *s, const IatiRecord *r, int fresh, Buf *err);

/*
 * Keep r[0..n) for projects just added (store_projects_add), with
 * budget[i] the budget of r[i]'s project (its project_id set) or NULL:
 * as store_iati_save(.., 1, ..) and store_budget_put() for each, their
 * rows of a table going in together.  0 or -1.
 */
int store_iati_add(Store *s, const IatiRecord *const *r,
    const Budget *const *budget, size_t n, Buf *err);

/* What is kept for project_id into r (zeroed by the caller): 1, 0, -1. */
int store_iati_get(Store *s, int64_t project_id, IatiRecord *r, Buf *err);
void iati_record_clear(IatiRecord *r);
/* Free what one budget or transaction holds and zero it. */
void iati_money_clear(IatiMoney *m);

/*
 * The projects f selects, by country they name, with their budgets
 * summed (each project's whole budget in each country it names, as a
 * project counts in each group: g->count, g->budgets and g->usd), the
 * greatest sum first; *total the projects selected and *usd their
 * budgets summed once each.  Kept until the data changes, as
 * store_stats() keeps its groups (stats.c).
 */
int store_stats_budget(Store *s, const ProjectFilter *f, int64_t *total,
    int64_t *usd, StoreStatFn fn, void *ctx, Buf *err);

#endif
