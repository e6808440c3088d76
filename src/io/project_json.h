/*
 * project_json.h - projects, statistics and findings as JSON values.
 *
 * One rendering for every surface: the CLI's --format json and, later,
 * the web API return the same objects.  Values are jansson json_t; the
 * caller owns (and json_decref()s) what these return.
 */
#ifndef CTM_IO_PROJECT_JSON_H
#define CTM_IO_PROJECT_JSON_H

#include <jansson.h>

#include "../store/model.h"

/* A project; full adds activities, places, issues and provenance. */
json_t *project_json(const Project *p, int full);

/*
 * A project with every field as compact JSON text (for the audit trail);
 * the caller frees it.
 */
char *project_json_text(const Project *p);

/*
 * The fields that differ between two JSON objects of the audit trail
 * (either may be NULL: a creation, a deletion), in the order of new then
 * old, to fn with each value as text (a string as it is, anything else as
 * compact JSON; NULL when absent).  Fields that say when, not what
 * (created_at, updated_at) are left out.  Text that is not a JSON object
 * counts as absent.
 */
typedef void (*JsonChangeFn)(
    void *ctx, const char *field, const char *before, const char *after);
void json_changes(
    const char *old_json, const char *new_json, JsonChangeFn fn, void *ctx);

/* A finding of `ctmatrix check`. */
json_t *finding_json(const Finding *f);

/* Scope bits as a JSON array of "global", "regional", "national". */
json_t *scope_json(int scopes);

/* Scope bits as "global, regional". */
const char *scope_text(int scopes);

#endif
