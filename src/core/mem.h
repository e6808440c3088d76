/*
 * mem.h - allocation that never returns NULL.
 *
 * Every allocation in ctmatrix goes through these wrappers.  Running out of
 * memory is not a condition the program can report usefully, so, as in Redis,
 * it prints one line and aborts.  Everything else is a returned error.
 */
#ifndef CTM_CORE_MEM_H
#define CTM_CORE_MEM_H

#include <stddef.h>

/* Say that n bytes could not be had, and abort. */
void mem_fail(size_t n) __attribute__((noreturn));

/* Like malloc(3), calloc(3), realloc(3) and strdup(3), but abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *p, an array of *cap elements of size elem, to hold at least need. */
void mem_grow(void **p, size_t *cap, size_t need, size_t elem);

/*
 * An arena: many small blocks carved out of a few large ones, all freed
 * at once (a long list's rows and links: thousands of malloc()s and
 * free()s less).  One thread's at a time.  ARENA_INIT is an empty one.
 */
typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
	ArenaBlock *head; /* the newest block; each holds the one before */
	char *at, *end;   /* the room left in it */
	size_t next;      /* the room of the next block; 0: the first's */
} Arena;

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, NULL, NULL, 0                                            \
	}

/* n bytes of a, aligned for any type; never NULL. */
void *arena_alloc(Arena *a, size_t n);
/* Every block of a freed: a is empty again. */
void arena_free(Arena *a);

#endif
