/*
 * fpset.c - a set of strings kept as 64-bit fingerprints, in bounded
 * memory (see fpset.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fpset.h"
#include "mem.h"
#include "strmap.h"

#define BLOOM_BITS ((uint64_t)FPSET_BLOOM_BYTES * 8)
#define BLOOM_K    6    /* bits a fingerprint: under 1 in 1,000 false at 1M */
#define CHUNK      8192 /* fingerprints read or written at once by a merge */

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

static int
in_memory(const FpSet *set, uint64_t fp)
{
	if (set->cap == 0)
		return 0;
	for (size_t i = (size_t)fp & (set->cap - 1); set->slot[i] != 0;
	     i = (i + 1) & (set->cap - 1))
		if (set->slot[i] == fp)
			return 1;
	return 0;
}

/*
 * The filter's bits of fp, by double hashing: its two halves (the high
 * one odd) make the BLOOM_K positions.  With test, 1 when all are set;
 * else they are set.
 */
static int
bloom(uint64_t *bits, uint64_t fp, int test)
{
	uint64_t h = fp & 0xffffffffu, step = (fp >> 32) | 1;

	for (int i = 0; i < BLOOM_K; i++, h += step) {
		uint64_t b = h & (BLOOM_BITS - 1);

		if (!test)
			bits[b >> 6] |= 1ULL << (b & 63);
		else if (!(bits[b >> 6] & (1ULL << (b & 63))))
			return 0;
	}
	return 1;
}

static int
fail(FpSet *set, const char *what, Buf *err)
{
	buf_printf(err,
	    "the identifiers met: cannot %s their temporary file: %s", what,
	    errno ? strerror(errno) : "end of file");
	set->failed = 1;
	return -1;
}

/* Read n fingerprints at fingerprint off of the run: 0 or -1. */
static int
run_read(int fd, uint64_t *to, size_t n, size_t off)
{
	size_t want = n * sizeof(*to), got = 0;

	while (got < want) {
		ssize_t r = pread(fd, (char *)to + got, want - got,
		    (off_t)(off * sizeof(*to) + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = 0;
			return -1;
		}
		got += (size_t)r;
	}
	return 0;
}

static int
run_write(int fd, const uint64_t *from, size_t n)
{
	size_t want = n * sizeof(*from), done = 0;

	while (done < want) {
		ssize_t w = write(fd, (const char *)from + done, want - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* 1 if fp is in the run, 0 if not, -1 when it cannot be read. */
static int
in_run(FpSet *set, uint64_t fp)
{
	size_t lo = 0, hi = (set->nrun + FPSET_BLOCK - 1) / FPSET_BLOCK, b, n;

	if (set->nrun == 0 || !bloom(set->bloom, fp, 1) || fp < set->fence[0])
		return 0;
	/* The last block whose first fingerprint is fp or less. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->fence[mid] <= fp)
			lo = mid;
		else
			hi = mid;
	}
	b = lo;
	n = set->nrun - b * FPSET_BLOCK;
	if (n > FPSET_BLOCK)
		n = FPSET_BLOCK;
	if (set->at != b + 1) {
		set->at = 0;
		if (run_read(set->fd, set->block, n, b * FPSET_BLOCK) != 0)
			return -1;
		set->at = b + 1;
		set->reads++;
	}
	for (lo = 0, hi = n; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->block[mid] == fp)
			return 1;
		if (set->block[mid] < fp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
ascending(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* A temporary file of $TMPDIR, gone from its directory at once; or -1. */
static int
temp_file(FpSet *set, Buf *err)
{
	const char *dir = getenv("TMPDIR");
	Buf path = BUF_INIT;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	buf_printf(&path, "%s/ctmatrix-fpset.XXXXXX", dir);
	if ((fd = mkstemp(path.s)) >= 0) {
		unlink(path.s);
	} else {
		buf_printf(err,
		    "the identifiers met: cannot create their temporary "
		    "file in %s: %s",
		    dir, strerror(errno));
		set->failed = 1;
	}
	buf_free(&path);
	return fd;
}

/*
 * The fingerprints in memory merged with the run into a new run, the
 * filter and the fence made for it, the table emptied: 0 or -1.
 */
static int
spill(FpSet *set, Buf *err)
{
	uint64_t *mem = xmalloc(set->nmem * sizeof(*mem));
	uint64_t *in = xmalloc(CHUNK * sizeof(*in));
	uint64_t *out = xmalloc(CHUNK * sizeof(*out));
	size_t nall = set->nrun + set->nmem, nin = 0, i = 0, j = 0, k = 0;
	size_t done = 0, nout = 0,
	       nfence = (nall + FPSET_BLOCK - 1) / FPSET_BLOCK;
	uint64_t *fence = xmalloc(nfence * sizeof(*fence));
	int fd = -1, rc = -1;

	for (size_t s = 0, m = 0; s < set->cap; s++)
		if (set->slot[s] != 0)
			mem[m++] = set->slot[s];
	qsort(mem, set->nmem, sizeof(*mem), ascending);
	if ((fd = temp_file(set, err)) < 0)
		goto out;
	for (k = 0; k < nall; k++) {
		uint64_t next;

		if (i == nin && done < set->nrun) {
			nin =
			    set->nrun - done < CHUNK ? set->nrun - done : CHUNK;
			if (run_read(set->fd, in, nin, done) != 0) {
				fail(set, "read", err);
				goto out;
			}
			done += nin;
			i = 0;
		}
		/* Never equal: a fingerprint in memory was not in the run. */
		if (i < nin && (j == set->nmem || in[i] < mem[j]))
			next = in[i++];
		else
			next = mem[j++];
		if (k % FPSET_BLOCK == 0)
			fence[k / FPSET_BLOCK] = next;
		out[nout++] = next;
		if (nout == CHUNK || k + 1 == nall) {
			if (run_write(fd, out, nout) != 0) {
				fail(set, "write", err);
				goto out;
			}
			nout = 0;
		}
	}
	if (set->bloom == NULL) {
		set->bloom = xcalloc(FPSET_BLOOM_BYTES, 1);
		set->block = xmalloc(FPSET_BLOCK * sizeof(*set->block));
	}
	for (j = 0; j < set->nmem; j++)
		bloom(set->bloom, mem[j], 0);
	if (set->nrun > 0)
		close(set->fd);
	set->fd = fd;
	fd = -1;
	set->nrun = nall;
	free(set->fence);
	set->fence = fence;
	fence = NULL;
	set->at = 0;
	memset(set->slot, 0, set->cap * sizeof(*set->slot));
	set->nmem = 0;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(fence);
	free(mem);
	free(in);
	free(out);
	return rc;
}

int
fpset_add(FpSet *set, const char *s, Buf *err)
{
	uint64_t fp = fingerprint(s);
	size_t limit = set->limit ? set->limit : FPSET_LIMIT;
	int met;

	if (set->failed) {
		buf_puts(err, "the identifiers met: their set failed before");
		return -1;
	}
	if (in_memory(set, fp))
		return 1;
	if ((met = in_run(set, fp)) != 0)
		return met > 0 ? 1 : fail(set, "read", err);
	if (set->nmem == limit && spill(set, err) != 0)
		return -1;
	/* At most half full, so that probes stay short. */
	if (2 * (set->nmem + 1) > set->cap) {
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
	set->nmem++;
	set->count++;
	return 0;
}

void
fpset_free(FpSet *set)
{
	if (set->nrun > 0)
		close(set->fd);
	free(set->slot);
	free(set->fence);
	free(set->bloom);
	free(set->block);
	memset(set, 0, sizeof(*set));
	set->fd = -1;
}
