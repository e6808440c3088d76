/*
 * html.c - writing HTML with every value escaped (html.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "html.h"

void
html_text(Buf *out, const char *s)
{
	buf_html_text(out, s);
}

void
html_url(Buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	if (s == NULL)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}

/* n with a comma every three digits: 12,345. */
static void
html_count(Buf *out, int64_t n)
{
	char d[32];
	int len, i;

	if (n < 0) {
		buf_putc(out, '-');
		n = -n;
	}
	len = snprintf(d, sizeof(d), "%" PRId64, n);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_putc(out, ',');
		buf_putc(out, d[i]);
	}
}

void
html(Buf *out, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt, *pct;

	va_start(ap, fmt);
	while ((pct = strchr(p, '%')) != NULL) {
		buf_append(out, p, (size_t)(pct - p));
		switch (pct[1]) {
		case 's':
			html_text(out, va_arg(ap, const char *));
			break;
		case 'S': {
			const char *raw = va_arg(ap, const char *);

			if (raw != NULL)
				buf_puts(out, raw);
			break;
		}
		case 'u':
			html_url(out, va_arg(ap, const char *));
			break;
		case 'd':
			buf_printf(out, "%d", va_arg(ap, int));
			break;
		case 'I':
			buf_printf(out, "%" PRId64, va_arg(ap, int64_t));
			break;
		case 'N':
			html_count(out, va_arg(ap, int64_t));
			break;
		case '%':
			buf_putc(out, '%');
			break;
		default:
			/* Not a directive: written as it is. */
			buf_putc(out, '%');
			if (pct[1] != '\0')
				buf_putc(out, pct[1]);
			break;
		}
		p = pct + (pct[1] != '\0' ? 2 : 1);
	}
	buf_puts(out, p);
	va_end(ap);
}
