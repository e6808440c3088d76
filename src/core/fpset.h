/*
 * fpset.h - a set of strings kept as 64-bit fingerprints, in bounded
 * memory.
 *
 * For telling whether a string was met before among millions (the IATI
 * identifiers of one import) without keeping the strings: a set of their
 * 64-bit hashes.  Two different strings share a fingerprint with a chance
 * of about n^2 / 2^65 (3 in 100 million at a million strings); the caller
 * says what a collision costs it.
 *
 * Memory does not grow with the number of strings.  The newest
 * fingerprints, at most `limit` of them, are kept in a hash table; when
 * it is full they are sorted and merged into a run, a sorted file of all
 * the older ones (temporary, in $TMPDIR, deleted as soon as it is made).
 * The run is read a block at a time, guarded by a Bloom filter of fixed
 * size, so that a string never met seldom costs a read.  What stays in
 * memory: the table (16 bytes for each of `limit` fingerprints at most),
 * the filter (FPSET_BLOOM_BYTES, once there is a run) and the first
 * fingerprint of each block of the run (8 bytes for FPSET_BLOCK strings:
 * 16 KB at a million).
 */
#ifndef CTM_CORE_FPSET_H
#define CTM_CORE_FPSET_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define FPSET_LIMIT       65536 /* fingerprints in memory, by default */
#define FPSET_BLOCK       512   /* fingerprints a block of the run */
#define FPSET_BLOOM_BYTES (2u << 20)

typedef struct FpSet {
	uint64_t *slot;  /* the newest: cap slots; 0 is a free slot */
	size_t cap;      /* a power of two, or 0 */
	size_t nmem;     /* fingerprints in slot */
	size_t limit;    /* at most that many in slot; 0: FPSET_LIMIT */
	size_t count;    /* fingerprints in all, in slot and in the run */
	int fd;          /* the run's file, when nrun > 0 */
	size_t nrun;     /* fingerprints in the run, ascending */
	uint64_t *fence; /* the first fingerprint of each block of the run */
	uint64_t *bloom; /* FPSET_BLOOM_BYTES over the run, or NULL */
	uint64_t *block; /* FPSET_BLOCK: the block of the run last read */
	size_t at;       /* that block's number + 1, or 0 */
	uint64_t reads;  /* blocks read (the filter's misses, and repeats) */
	int failed;      /* the run could not be written or read */
} FpSet;

#define FPSET_INIT                                                             \
	{                                                                      \
		NULL, 0, 0, 0, 0, -1, 0, NULL, NULL, NULL, 0, 0, 0             \
	}

/*
 * Add s: 1 if its fingerprint was in the set already, 0 if not (it is
 * now), -1 with err when the run cannot be written or read (the set then
 * answers no more).
 */
int fpset_add(FpSet *set, const char *s, Buf *err);
void fpset_free(FpSet *set);

#endif
