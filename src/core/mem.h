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

/* Like malloc(3), calloc(3), realloc(3) and strdup(3), but abort on failure. */
/* Say that n bytes could not be had, and abort. */
void mem_fail(size_t n) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *p, an array of *cap elements of size elem, to hold at least need. */
void mem_grow(void **p, size_t *cap, size_t need, size_t elem);

#endif
