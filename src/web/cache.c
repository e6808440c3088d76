/*
 * cache.c - whole answers kept in memory (see cache.h).
 *
 * A fixed table of slots, chosen by a hash of the key; a new answer
 * replaces whatever its slot held.  One lock guards the table: a hit
 * copies the answer out under it, which takes microseconds.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "cache.h"

#define NSLOT   4096
#define ONE_MAX (1u << 20) /* an answer larger than this is not kept */

typedef struct Slot {
	char *key;
	int64_t gen;
	int status;
	const char *type;
	Buf body;
	HttpPair *header;
	size_t nheader;
} Slot;

static struct {
	pthread_mutex_t lock;
	Slot *slot;
	size_t bytes, max;
} cache = { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0 };

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void
slot_clear(Slot *sl)
{
	cache.bytes -= sl->body.len;
	free(sl->key);
	buf_free(&sl->body);
	for (size_t i = 0; i < sl->nheader; i++) {
		free(sl->header[i].name);
		free(sl->header[i].value);
	}
	free(sl->header);
	memset(sl, 0, sizeof(*sl));
}

void
cache_init(size_t max_bytes)
{
	pthread_mutex_lock(&cache.lock);
	if (cache.slot == NULL)
		cache.slot = xcalloc(NSLOT, sizeof(Slot));
	cache.max = max_bytes;
	pthread_mutex_unlock(&cache.lock);
}

int
cache_get(const char *key, int64_t gen, HttpReply *rp)
{
	Slot *sl;
	int hit = 0;

	pthread_mutex_lock(&cache.lock);
	if (cache.slot == NULL)
		goto out;
	sl = &cache.slot[hash(key) % NSLOT];
	if (sl->key == NULL || strcmp(sl->key, key) != 0)
		goto out;
	if (sl->gen != gen) {
		slot_clear(sl);
		goto out;
	}
	rp->status = sl->status;
	rp->type = sl->type;
	buf_reset(&rp->body);
	buf_append(&rp->body, buf_str(&sl->body), sl->body.len);
	for (size_t i = 0; i < sl->nheader; i++)
		http_reply_header(rp, sl->header[i].name, sl->header[i].value);
	hit = 1;
out:
	pthread_mutex_unlock(&cache.lock);
	return hit;
}

void
cache_put(const char *key, int64_t gen, const HttpReply *rp)
{
	Slot *sl;

	if (rp->body.len > ONE_MAX)
		return;
	pthread_mutex_lock(&cache.lock);
	if (cache.slot == NULL)
		goto out;
	sl = &cache.slot[hash(key) % NSLOT];
	slot_clear(sl);
	if (cache.bytes + rp->body.len > cache.max)
		goto out;
	sl->key = xstrdup(key);
	sl->gen = gen;
	sl->status = rp->status;
	sl->type = rp->type;
	buf_append(&sl->body, buf_str(&rp->body), rp->body.len);
	cache.bytes += rp->body.len;
	if (rp->nheader > 0) {
		sl->header = xcalloc(rp->nheader, sizeof(HttpPair));
		for (size_t i = 0; i < rp->nheader; i++) {
			sl->header[i].name = xstrdup(rp->header[i].name);
			sl->header[i].value = xstrdup(rp->header[i].value);
		}
		sl->nheader = rp->nheader;
	}
out:
	pthread_mutex_unlock(&cache.lock);
}

void
cache_free(void)
{
	pthread_mutex_lock(&cache.lock);
	for (size_t i = 0; cache.slot != NULL && i < NSLOT; i++)
		slot_clear(&cache.slot[i]);
	free(cache.slot);
	cache.slot = NULL;
	cache.bytes = 0;
	pthread_mutex_unlock(&cache.lock);
}
