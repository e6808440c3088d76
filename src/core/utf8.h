/*
 * utf8.h - checking and walking UTF-8 text.
 *
 * Input files are UTF-8.  Importers check a whole line with utf8_check()
 * before looking at it, so every later stage may assume valid text, and a bad
 * byte is reported with its line and column instead of surfacing as garbage
 * in the database.  Decoding beyond validity (case, normalisation) belongs to
 * src/text, which uses ICU.
 */
#ifndef CTM_CORE_UTF8_H
#define CTM_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Check that s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code point above U+10FFFF).  Return n when it is, else the byte offset of
 * the first bad sequence.
 */
size_t utf8_check(const char *s, size_t n);

/*
 * Decode the code point at s (which must be valid UTF-8 with at least one
 * byte) into *cp and return the number of bytes it takes.
 */
int utf8_decode(const char *s, uint32_t *cp);

/*
 * Write the code point cp (at most 0x10ffff, not a surrogate) as UTF-8
 * at out, which has room for four bytes; return the bytes written.
 */
int utf8_encode(uint32_t cp, char *out);

/* Number of code points in the NUL-terminated valid UTF-8 string s. */
size_t utf8_len(const char *s);

/*
 * Columns the valid UTF-8 string s takes on a terminal: combining marks take
 * none, East Asian wide characters two, everything else one.  Approximate,
 * as terminals are; used only to line up tables.
 */
size_t utf8_width(const char *s);
/* The same of s, n bytes long and NUL-terminated there: faster on ASCII. */
size_t utf8_width_n(const char *s, size_t n);

/* Column (1-based, in code points) of byte offset off in line. */
size_t utf8_column(const char *line, size_t off);

#endif
