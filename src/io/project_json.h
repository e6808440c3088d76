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

/* A finding of `ctmatrix check`. */
json_t *finding_json(const Finding *f);

/* Scope bits as a JSON array of "global", "regional", "national". */
json_t *scope_json(int scopes);

/* Scope bits as "global, regional". */
const char *scope_text(int scopes);

#endif
