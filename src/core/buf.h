/*
 * buf.h - the one growable string type of ctmatrix.
 *
 * A Buf holds bytes, always NUL-terminated, so buf.s can be handed to any C
 * function that wants a string.  All text the program builds (SQL results,
 * output lines, error messages) lives in a Buf; there are no fixed char[N]
 * buffers for user data.  A zeroed Buf (BUF_INIT) is a valid empty string.
 * Growth aborts on out-of-memory (mem.h).
 */
#ifndef CTM_CORE_BUF_H
#define CTM_CORE_BUF_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Buf {
	char *s;    /* the bytes, NUL-terminated; NULL while empty */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
} Buf;

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* The contents as a C string; "" for an empty Buf that never grew. */
const char *buf_str(const Buf *b);

/* Append n bytes, a C string, one byte, or printf-formatted text. */
void buf_append(Buf *b, const char *p, size_t n);
void buf_puts(Buf *b, const char *s);
/*
 * Room for n more bytes at the end of b, counted in its length and
 * NUL-terminated after them: the caller writes all n at the pointer.
 */
char *buf_extend(Buf *b, size_t n);
void buf_putc(Buf *b, int c);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * Append v in decimal, as printf's "%" PRId64 would: for the many ids of
 * a list, a tenth of the time of buf_printf().
 */
void buf_put_int(Buf *b, int64_t v);
/*
 * v in decimal into d, of INT_TEXT_MAX bytes, NUL-terminated: its length
 * (a table's cell of a list, made without a Buf).
 */
#define INT_TEXT_MAX 21
size_t int_text(char *d, int64_t v);
/* Append v as sixteen lower-case hex digits, as printf's "%016llx". */
void buf_put_hex64(Buf *b, uint64_t v);

/* Empty the Buf but keep its memory for reuse. */
void buf_reset(Buf *b);

/* Set the Buf to exactly the given string (buf_reset + buf_puts). */
void buf_set(Buf *b, const char *s);

/* Cut the Buf to its first n bytes (n <= len). */
void buf_truncate(Buf *b, size_t n);

/* Remove leading and trailing ASCII whitespace in place. */
void buf_trim(Buf *b);

/*
 * Read a whole file ("-": standard input) into *text, NUL-terminated,
 * size *n; the caller frees it.  0, or -1 with "file: reason" in err.
 */
int buf_read_file(const char *file, char **text, size_t *n, Buf *err);

/*
 * Append s[0 .. n) with every run of ASCII whitespace (line breaks too) as
 * one space, and none at its start or end: a span of a text on one line.
 */
void buf_append_spaced(Buf *b, const char *s, size_t n);

/* Take the string out of the Buf: the caller frees it; the Buf is empty. */
char *buf_detach(Buf *b);

/* Free the memory; the Buf is empty and reusable afterwards. */
void buf_free(Buf *b);

/*
 * Append s as a JSON string: quoted, with '"', '\\' and control characters
 * escaped (RFC 8259); NULL appends null.  s must be valid UTF-8.
 */
void buf_json_string(Buf *b, const char *s);
/*
 * ,"key":"value" into b: the comma unless *first (which is then cleared);
 * nothing when value is NULL.  For objects written by hand.
 */
void buf_json_member(Buf *b, int *first, const char *key, const char *value);

/*
 * Append s escaped for HTML text and quoted attributes (& < > " ' as
 * entities); NULL appends nothing.  The one HTML escaper: web/html.c's
 * %s and the renderers of io/ both use it.
 */
void buf_html_text(Buf *b, const char *s);

/*
 * Write p[0 .. n) to file atomically: into a new file beside it, then
 * renamed over it, so a reader sees the old file or the whole new one,
 * never a part.  The new file gets the mode a plain creation would
 * (0666 less the umask, which it reads: so not for threaded code).  0,
 * or -1 with "file: reason" in err and file untouched.
 */
int buf_write_file(const char *file, const char *p, size_t n, Buf *err);

/*
 * Read one line of fp into b (replacing what it held), without its "\n"
 * or "\r\n".  1 when a line was read (an empty one too), 0 at end of file.
 */
int buf_read_line(Buf *b, FILE *fp);

/* Zero the whole buffer, then free it: for passwords and secrets. */
void buf_wipe(Buf *b);

#endif
