/*
 * fpset.h - a set of strings kept as 64-bit fingerprints.
 *
 * For telling whether a string was met before among millions (the IATI
 * identifiers of one import) in 16 bytes a string or less, not the string
 * itself: a set of the strings' hashes.  Two different strings share a
 * fingerprint with a chance of about n^2 / 2^65 (3 in 100 million at a
 * million strings); the caller says what a collision costs it.
 */
#ifndef CTM_CORE_FPSET_H
#define CTM_CORE_FPSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct FpSet {
	uint64_t *slot; /* cap slots; 0 is a free slot */
	size_t cap;     /* a power of two, or 0 */
	size_t count;
} FpSet;

#define FPSET_INIT                                                             \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Add s; 1 if its fingerprint was in the set already, else 0. */
int fpset_add(FpSet *set, const char *s);
void fpset_free(FpSet *set);

#endif
