/*
 * strmap.h - a hash table from strings to 64-bit integers.
 *
 * Importers resolve thousands of names a second (entity aliases, place
 * names) against reference data loaded once; this table keeps that in
 * memory.  Keys are copied in; open addressing with linear probing; the
 * table doubles when it is two-thirds full.
 */
#ifndef CTM_CORE_STRMAP_H
#define CTM_CORE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct StrMapSlot {
	char *key;     /* owned copy, NULL when the slot is free */
	int64_t value; /* what the key maps to */
} StrMapSlot;

typedef struct StrMap {
	StrMapSlot *slot; /* cap slots */
	size_t cap;       /* always a power of two, or 0 */
	size_t count;     /* keys held */
} StrMap;

#define STRMAP_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Map key to value, replacing any earlier value. */
void strmap_put(StrMap *m, const char *key, int64_t value);

/* Look key up: return 1 and set *value when present, else 0. */
int strmap_get(const StrMap *m, const char *key, int64_t *value);

/* Free every key and the table; the map is empty and reusable. */
void strmap_free(StrMap *m);

/* FNV-1a over the bytes of s: the table's hash, for others too. */
uint64_t strmap_hash(const char *s);

#endif
