/*
 * html.h - writing HTML with every value escaped unless said otherwise.
 *
 * html() is the one way pages write markup.  Its directives:
 *
 *   %s   text, escaped for an element or a quoted attribute (& < > " ')
 *   %S   markup the caller made safe (another html() result, a constant)
 *   %u   text percent-encoded as one URL query component
 *   %d   an int        %I  an int64_t        %N  an int64_t with
 *   %%   a percent                             thousands separators
 *
 * A NULL string writes nothing.  Since %s is the short one, the escaped
 * path is the one a hurried hand takes; raw output must be asked for.
 */
#ifndef CTM_WEB_HTML_H
#define CTM_WEB_HTML_H

#include <stdint.h>

#include "../core/buf.h"

void html(Buf *out, const char *fmt, ...);

/* Append s escaped for HTML text and attributes. */
void html_text(Buf *out, const char *s);

/* Append s percent-encoded as a URL query component. */
void html_url(Buf *out, const char *s);

#endif
