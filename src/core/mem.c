/*
 * mem.c - allocation that aborts on out-of-memory (see mem.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void
mem_fail(size_t n)
{
	fprintf(stderr, "ctmatrix: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		mem_fail(n);
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		mem_fail(count * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		mem_fail(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
mem_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / elem)
			mem_fail(need * elem);
		ncap *= 2;
	}
	*p = xrealloc(*p, ncap * elem);
	*cap = ncap;
}

struct ArenaBlock {
	ArenaBlock *prev;
	max_align_t data[]; /* aligned for any type */
};

/*
 * The first block's room; each new block twice the last, up to 1 MB; a
 * larger request, a block of its own that changes nothing of that.
 */
#define ARENA_MIN ((size_t)16384)
#define ARENA_MAX ((size_t)1 << 20)

void *
arena_alloc(Arena *a, size_t n)
{
	size_t align = _Alignof(max_align_t), room;
	ArenaBlock *b;
	char *p;

	if (n > (size_t)-1 / 2)
		mem_fail(n);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (a->head == NULL || (size_t)(a->end - a->at) < n) {
		if (a->next == 0)
			a->next = ARENA_MIN;
		room = a->next;
		if (room < n)
			room = n;
		else if (a->next < ARENA_MAX)
			a->next *= 2;
		b = xmalloc(sizeof(*b) + room);
		b->prev = a->head;
		a->head = b;
		a->at = (char *)b->data;
		a->end = a->at + room;
	}
	p = a->at;
	a->at += n;
	return p;
}

void
arena_free(Arena *a)
{
	while (a->head != NULL) {
		ArenaBlock *prev = a->head->prev;

		free(a->head);
		a->head = prev;
	}
	a->at = a->end = NULL;
	a->next = 0;
}
