/*
 * resolve.h - resolving names as documents write them to organisations and
 * places.
 *
 * A Resolver holds every alias of every organisation and place in memory
 * (loaded once from the store), so an importer can resolve thousands of
 * names a second.  Matching is on name keys (text_name_key: case, accents,
 * punctuation folded) and also tries the name without a leading "the" and,
 * for "Long Name (ACRONYM)", the acronym and the long name alone.
 */
#ifndef CTM_PORTFOLIO_RESOLVE_H
#define CTM_PORTFOLIO_RESOLVE_H

#include <stdint.h>

#include "../core/strmap.h"
#include "../store/store.h"

/* What a name resolved to. */
typedef struct Resolved {
	int64_t id;       /* organisation.id or place.id */
	const char *key;  /* canonical key, owned by the Resolver */
	const char *kind; /* organisation type or place kind */
} Resolved;

typedef struct Resolver {
	StrMap org; /* name key -> index into entries */
	StrMap place;
	Resolved *entry; /* what the maps point at */
	size_t nentry, cap;
	char **strings; /* keys and kinds the entries point at */
	size_t nstrings, scap;
} Resolver;

/* Load every alias from s.  0, or -1 with err set.  Free with _free(). */
int resolver_load(Resolver *r, Store *s, Buf *err);
void resolver_free(Resolver *r);

/* Resolve name: 1 and *out set when known, else 0. */
int resolver_org(const Resolver *r, const char *name, Resolved *out);
int resolver_place(const Resolver *r, const char *name, Resolved *out);

/*
 * Resolve one name through the store, without loading a Resolver: an
 * organisation (place == 0) or a place (place == 1).  Return 1 with its
 * key and kind (type or place kind) in key and kind, else 0.
 */
int resolve_one(Store *s, int place, const char *name, Buf *key, Buf *kind);

#endif
