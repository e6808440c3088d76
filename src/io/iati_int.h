/*
 * iati_int.h - what the IATI importer's two halves share (src/io only).
 *
 * iati_project.c maps an activity as read to a project and what the
 * store keeps beside it, with nothing but reference data loaded once
 * (IatiRef): it runs in the importer's reading thread, which never
 * touches the store.  iati_import.c runs the reading thread and writes
 * what it mapped, converting budgets at the recorded rates.
 */
#ifndef CTM_IO_IATI_INT_H
#define CTM_IO_IATI_INT_H

#include "../portfolio/resolve.h"
#include "iati.h"

/* Reference data for mapping, read-only once loaded. */
typedef struct IatiRef {
	Resolver res;   /* organisations and places by name */
	StrMap country; /* ISO alpha-2 -> index into ckey, cname, cid */
	char **ckey;    /* ISO alpha-3 of each country */
	char **cname;   /* its English name */
	int64_t *cid;   /* its place id */
	size_t ncountry, ccap;
	StrMap place_id; /* every place key -> its id */
	StrMap minor;    /* currency -> digits of its minor unit */
} IatiRef;

/* Load ref from s: 0, or -1 with err.  Free with iati_ref_free(). */
int iati_ref_load(IatiRef *ref, Store *s, Buf *err);
void iati_ref_free(IatiRef *ref);

/* An activity mapped, waiting to be written. */
typedef struct IatiMapped {
	const IatiRef *ref;
	const char *file; /* the file it comes from (its name, as given) */
	const char *key;  /* the file as the store knows it (its real path) */
	size_t line;
	Project p;    /* the project (p.id 0: not yet looked up) */
	IatiRecord r; /* what is kept beside it; owns every string */
	int gender;   /* the gender marker, -1 none */
	/*
	 * The budgets' sum (has_sum), in minor units of currency, as of
	 * as_of (the latest period's start), still to be converted.
	 */
	int has_sum;
	int64_t sum;
	char currency[8];
	char as_of[11];
	ImportReport notes; /* the defects met, in order */
	Budget budget;      /* the writer's: the sum converted */
	int has_budget;
} IatiMapped;

/*
 * Map a (which has an identifier) into m (zeroed by the caller, ref and
 * file set), taking over a's sectors and money.  Free with
 * iati_mapped_clear().
 */
void iati_map(IatiMapped *m, IatiActivity *a);
void iati_mapped_clear(IatiMapped *m);

/* Record a defect of m: in its notes, and among its project's issues. */
void iati_mapped_note(IatiMapped *m, size_t line, const char *kind,
    const char *message, int issue);

#endif
