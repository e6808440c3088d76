/*
 * refdata.h - loading the reference data ctmatrix ships with.
 *
 * The strategy framework, the UNSD M49 places, the groupings documents
 * use, place aliases and the organisations are data files in data/ (see
 * data/SOURCES.md), embedded in the binary at build time.  refdata_load()
 * writes them all into the store inside one transaction: on any error the
 * database is left as it was.  Loading again updates in place.
 */
#ifndef CTM_IO_REFDATA_H
#define CTM_IO_REFDATA_H

#include "../core/strmap.h"
#include "../store/store.h"

/* What a load did, for the message `ctmatrix init` prints. */
typedef struct RefdataCounts {
	long pillars, areas, groups; /* framework */
	long places, countries, groupings, place_aliases;
	long orgs, org_aliases;
	long skipped_aliases; /* names that named two things; kept first */
	long currencies, seed_rounds;
} RefdataCounts;

/*
 * Load the embedded reference data into s.  Return 0, or -1 with a
 * message naming the file and where in it in err (the database is then
 * unchanged).
 */
int refdata_load(Store *s, RefdataCounts *counts, Buf *err);

/*
 * Load it only when s lacks it, as refdata_load(): when s has none, or
 * has data loaded from other files than this binary carries (an earlier
 * release's, or a later one's).  Loading again updates the names in
 * place, so a database made before a translation was added gets it the
 * next time a command opens it.  Asked again once the write lock is held,
 * so that commands opening a database at once load it once, not once
 * each (each waiting for the one before).  Return 0, or -1 with a message
 * in err.
 */
int refdata_ensure(Store *s, Buf *err);

/*
 * The countries of the embedded M49 table by ISO 3166-1 alpha-3 code,
 * with their English names, without a database: the plan reader checks
 * delegation tags against it.
 */
typedef struct CountryList {
	StrMap idx;  /* alpha-3 -> index into name */
	char **name; /* English names */
	size_t n;
} CountryList;

/* Fill cl from the embedded table; 0, or -1 with the reason in err. */
int refdata_countries(CountryList *cl, Buf *err);
/* A PlanKnownFn: ctx is a CountryList. */
int refdata_country_known(void *ctx, const char *alpha3);
/* The English name of a code, or NULL. */
const char *refdata_country_name(const CountryList *cl, const char *alpha3);
void refdata_countries_free(CountryList *cl);

#endif
