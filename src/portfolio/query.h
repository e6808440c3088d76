/*
 * query.h - checking and resolving what a user asks for.
 *
 * The surfaces (CLI now, the web API later) receive filters as text:
 * "--entity HCDH --country Mali --status Ongoing".  query_filter() checks
 * each against the vocabularies and the reference data and fills a
 * ProjectFilter with canonical keys, or fails with a message that names the
 * field.  Both surfaces use it, so they accept and refuse the same things.
 */
#ifndef CTM_PORTFOLIO_QUERY_H
#define CTM_PORTFOLIO_QUERY_H

#include "../store/store.h"

/* The filters as given; NULL when absent. */
typedef struct QueryArgs {
	const char *pillar, *entity, *country, *region, *status, *search;
	const char *sort, *limit, *offset;
} QueryArgs;

/*
 * Fill a from a surface's named values (command-line options, query
 * parameters): get(ctx, "pillar") returns the value given, or NULL.
 */
void query_args_fill(QueryArgs *a,
    const char *(*get)(const void *ctx, const char *name), const void *ctx);

/* Storage for the resolved keys a ProjectFilter points into. */
typedef struct QueryKeys {
	Buf entity, country, region, kind;
} QueryKeys;

/*
 * Check and resolve a into f (zeroed first), with keys kept in k.  Return
 * 0, or -1 with a message starting with the field ("--entity: ...") in err.
 * Free k with query_keys_free() either way.
 */
int query_filter(
    Store *s, const QueryArgs *a, ProjectFilter *f, QueryKeys *k, Buf *err);
void query_keys_free(QueryKeys *k);

#endif
