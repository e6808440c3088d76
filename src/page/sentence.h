/*
 * sentence.h - translated sentences with markup around some of their
 * values, and numbers in a page's language, for the pages of needs, the
 * Board and plans.
 *
 * A translation is text, never a format for html(): it would be written
 * raw.  sentence_html() writes one escaped, putting each value where its
 * directive stands (so a translation may reorder them with %2$s), wraps
 * the values asked for in <strong> and lets a value be a link, so that a
 * number stays bold and a link stays in its sentence in every language
 * without markup in the catalogues.
 */
#ifndef CTM_PAGE_SENTENCE_H
#define CTM_PAGE_SENTENCE_H

#include <stdint.h>

#include "../core/buf.h"

/* The most values a sentence takes. */
#define SENTENCE_MAX 9

/*
 * Append fmt (a translated text whose only directives are %s, %N$s with
 * N 1 to SENTENCE_MAX, and %%) to out, HTML-escaped, each directive
 * replaced by its value (const char *; NULL writes nothing).  Value i
 * (from 1) is escaped text, but markup its caller made safe (a link made
 * with html()) when bit i-1 of markup is set; it is in <strong> when bit
 * i-1 of strong is set.  A directive past the values given writes
 * nothing.
 */
void sentence_html(
    Buf *out, unsigned strong, unsigned markup, const char *fmt, ...);

/* n grouped as lang groups numbers, into b (reset); returns buf_str(b). */
const char *sentence_int(Buf *b, const char *lang, int64_t n);

#endif
