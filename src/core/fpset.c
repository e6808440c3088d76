/*
 * fpset.c - a set of strings kept as 64-bit fingerprints (see fpset.h).
 */
#include <stdlib.h>

#include "fpset.h"
#include "mem.h"
#include "strmap.h"

/*
 * FNV-1a over the bytes (strmap_hash()), then the finaliser of
 * SplitMix64, so that the low bits the table is indexed by depend on
 * every byte.  Never 0 (the mark of a free slot).
 */
static uint64_t
fingerprint(const char *s)
{
	uint64_t h = strmap_hash(s);

	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h ? h : 1;
}

static void
put(uint64_t *slot, size_t cap, uint64_t fp)
{
	size_t i = (size_t)fp & (cap - 1);

	while (slot[i] != 0)
		i = (i + 1) & (cap - 1);
	slot[i] = fp;
}

int
fpset_add(FpSet *set, const char *s)
{
	uint64_t fp = fingerprint(s);

	if (set->cap > 0)
		for (size_t i = (size_t)fp & (set->cap - 1); set->slot[i] != 0;
		     i = (i + 1) & (set->cap - 1))
			if (set->slot[i] == fp)
				return 1;
	/* At most half full, so that probes stay short. */
	if (2 * (set->count + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 1024;
		uint64_t *slot = xcalloc(cap, sizeof(*slot));

		for (size_t i = 0; i < set->cap; i++)
			if (set->slot[i] != 0)
				put(slot, cap, set->slot[i]);
		free(set->slot);
		set->slot = slot;
		set->cap = cap;
	}
	put(set->slot, set->cap, fp);
	set->count++;
	return 0;
}

void
fpset_free(FpSet *set)
{
	free(set->slot);
	set->slot = NULL;
	set->cap = set->count = 0;
}
