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

#include "../store/store.h"

/* What a load did, for the message `ctmatrix init` prints. */
typedef struct RefdataCounts {
	long pillars, areas, groups; /* framework */
	long places, countries, groupings, place_aliases;
	long orgs, org_aliases;
	long skipped_aliases; /* names that named two things; kept first */
} RefdataCounts;

/*
 * Load the embedded reference data into s.  Return 0, or -1 with a
 * message naming the file and where in it in err (the database is then
 * unchanged).
 */
int refdata_load(Store *s, RefdataCounts *counts, Buf *err);

#endif
