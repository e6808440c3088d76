/*
 * cache.h - whole answers kept in memory, for the reads anyone may make.
 *
 * The public reads the same pages and lists over and over, and the answer
 * to a read changes only when the data does.  An answer is kept under its
 * request (path and query) with the data generation it was made from
 * (store_data_generation); a later request of the same at the same
 * generation is answered from memory, a change of generation makes every
 * kept answer stale at once.  Which requests may be kept is the caller's
 * decision: only those whose answer cannot depend on who asks.
 * Thread-safe; bounded in memory.
 */
#ifndef CTM_WEB_CACHE_H
#define CTM_WEB_CACHE_H

#include <stdint.h>

#include "http.h"

/* Keep at most max_bytes of answers (0: keep none). */
void cache_init(size_t max_bytes);

/* The answer kept for key at generation gen into rp: 1, or 0. */
int cache_get(const char *key, int64_t gen, HttpReply *rp);

/* Keep rp as the answer for key at generation gen. */
void cache_put(const char *key, int64_t gen, const HttpReply *rp);

/* Drop everything kept. */
void cache_free(void);

#endif
