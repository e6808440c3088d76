/*
 * sentence.c - translated sentences with markup around some of their
 * values, and numbers in a page's language (sentence.h).
 */
#include <stdarg.h>

#include "../text/lang.h"
#include "../web/html.h"
#include "sentence.h"

void
sentence_html(Buf *out, unsigned strong, unsigned markup, const char *fmt, ...)
{
	const char *val[SENTENCE_MAX];
	va_list ap;
	int nval = 0, next = 0;
	Buf text = BUF_INIT;

	/* The values: as many as the directives ask for, at most MAX. */
	for (const char *c = fmt; *c; c++) {
		if (*c != '%')
			continue;
		if (c[1] == '%')
			c++;
		else if (c[1] >= '1' && c[1] <= '9' && c[2] == '$')
			nval = c[1] - '0' > nval ? c[1] - '0' : nval;
		else
			nval = ++next > nval ? next : nval;
	}
	if (nval > SENTENCE_MAX)
		nval = SENTENCE_MAX;
	next = 0;
	va_start(ap, fmt);
	for (int i = 0; i < nval; i++)
		val[i] = va_arg(ap, const char *);
	va_end(ap);
	for (const char *c = fmt; *c; c++) {
		int i = -1;

		if (*c != '%') {
			buf_putc(&text, *c);
			continue;
		}
		if (c[1] == '%') {
			buf_putc(&text, '%');
			c++;
			continue;
		}
		if (c[1] == 's') {
			i = next++;
			c++;
		} else if (c[1] >= '1' && c[1] <= '9' && c[2] == '$' &&
		    c[3] == 's') {
			i = c[1] - '1';
			c += 3;
		}
		html(out, "%s", buf_str(&text));
		buf_reset(&text);
		if (i < 0 || i >= nval)
			continue;
		html(out, "%S", strong & (1u << i) ? "<strong>" : "");
		if (markup & (1u << i))
			html(out, "%S", val[i]);
		else
			html(out, "%s", val[i]);
		html(out, "%S", strong & (1u << i) ? "</strong>" : "");
	}
	html(out, "%s", buf_str(&text));
	buf_free(&text);
}

const char *
sentence_int(Buf *b, const char *lang, int64_t n)
{
	buf_reset(b);
	lang_int(b, lang, n);
	return buf_str(b);
}
