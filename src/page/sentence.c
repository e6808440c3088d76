/*
 * sentence.c - translated sentences with markup around some of their
 * values, and numbers in a page's language (sentence.h).
 */
#include <stdarg.h>

#include "../text/lang.h"
#include "../web/html.h"
#include "page_int.h"
#include "sentence.h"

void
sentence_html(Buf *out, unsigned strong, unsigned markup, const char *fmt, ...)
{
	const char *val[SENTENCE_MAX];
	Buf made[SENTENCE_MAX];
	va_list ap;
	int nval = 0, next = 0;

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
	va_start(ap, fmt);
	/* Each value as markup: escaped unless it is markup already. */
	for (int i = 0; i < nval; i++) {
		const char *v = va_arg(ap, const char *);
		int bold = (strong & (1u << i)) != 0;

		made[i] = (Buf)BUF_INIT;
		if (v != NULL)
			html(&made[i], markup & (1u << i) ? "%S%S%S" : "%S%s%S",
			    bold ? "<strong>" : "", v, bold ? "</strong>" : "");
		val[i] = v ? buf_str(&made[i]) : NULL;
	}
	va_end(ap);
	page_markupv(out, fmt, nval, val);
	for (int i = 0; i < nval; i++)
		buf_free(&made[i]);
}

const char *
sentence_int(Buf *b, const char *lang, int64_t n)
{
	buf_reset(b);
	lang_int(b, lang, n);
	return buf_str(b);
}
