/*
 * strmap.c - string to integer hash table (see strmap.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "strmap.h"

uint64_t
strmap_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static StrMapSlot *
strmap_find(const StrMap *m, const char *key)
{
	size_t i = (size_t)strmap_hash(key) & (m->cap - 1);

	while (m->slot[i].key != NULL && strcmp(m->slot[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

static void
strmap_resize(StrMap *m, size_t cap)
{
	StrMap n = { xcalloc(cap, sizeof(StrMapSlot)), cap, m->count };

	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].key != NULL)
			*strmap_find(&n, m->slot[i].key) = m->slot[i];
	free(m->slot);
	*m = n;
}

void
strmap_put(StrMap *m, const char *key, int64_t value)
{
	StrMapSlot *s;

	if ((m->count + 1) * 3 >= m->cap * 2)
		strmap_resize(m, m->cap ? m->cap * 2 : 64);
	s = strmap_find(m, key);
	if (s->key == NULL) {
		s->key = xstrdup(key);
		m->count++;
	}
	s->value = value;
}

int
strmap_get(const StrMap *m, const char *key, int64_t *value)
{
	const StrMapSlot *s;

	if (m->cap == 0)
		return 0;
	s = strmap_find(m, key);
	if (s->key == NULL)
		return 0;
	*value = s->value;
	return 1;
}

void
strmap_free(StrMap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slot[i].key);
	free(m->slot);
	m->slot = NULL;
	m->cap = m->count = 0;
}
