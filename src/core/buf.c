/*
 * buf.c - growable NUL-terminated strings (see buf.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "mem.h"

const char *
buf_str(const Buf *b)
{
	return b->s ? b->s : "";
}

static void
buf_reserve(Buf *b, size_t extra)
{
	size_t cap = b->cap;

	if (b->len + extra < cap)
		return;
	mem_grow((void **)&b->s, &cap, b->len + extra + 1, 1);
	b->cap = cap;
}

void
buf_append(Buf *b, const char *p, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

char *
buf_extend(Buf *b, size_t n)
{
	char *at;

	buf_reserve(b, n);
	at = b->s + b->len;
	b->len += n;
	b->s[b->len] = '\0';
	return at;
}

void
buf_puts(Buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(Buf *b, int c)
{
	/* The common case, room to spare, without a call to grow. */
	if (b->len + 1 < b->cap) {
		b->s[b->len++] = (char)c;
		b->s[b->len] = '\0';
		return;
	}
	buf_reserve(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

size_t
int_text(char *d, int64_t v)
{
	char digit[20]; /* the most an int64_t has */
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t n = 0, len = 0;

	do {
		digit[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		d[len++] = '-';
	while (n > 0)
		d[len++] = digit[--n];
	d[len] = '\0';
	return len;
}

void
buf_put_int(Buf *b, int64_t v)
{
	char d[INT_TEXT_MAX];

	buf_append(b, d, int_text(d, v));
}

void
buf_put_hex64(Buf *b, uint64_t v)
{
	char hex[16];

	for (int i = 15; i >= 0; i--, v >>= 4)
		hex[i] = "0123456789abcdef"[v & 0xf];
	buf_append(b, hex, sizeof(hex));
}

void
buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(Buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(Buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_set(Buf *b, const char *s)
{
	buf_reset(b);
	buf_puts(b, s);
}

void
buf_truncate(Buf *b, size_t n)
{
	if (n >= b->len)
		return;
	b->len = n;
	b->s[n] = '\0';
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
buf_trim(Buf *b)
{
	size_t start = 0;

	while (b->len > 0 && is_space((unsigned char)b->s[b->len - 1]))
		b->len--;
	while (start < b->len && is_space((unsigned char)b->s[start]))
		start++;
	if (start > 0)
		memmove(b->s, b->s + start, b->len - start);
	b->len -= start;
	if (b->s)
		b->s[b->len] = '\0';
}

char *
buf_detach(Buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(Buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
buf_wipe(Buf *b)
{
	if (b->s != NULL)
		explicit_bzero(b->s, b->cap);
	buf_free(b);
}

void
buf_json_string(Buf *b, const char *s)
{
	if (s == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c;
		size_t n = 0;

		/* A run that needs no escape, in one copy. */
		while (
		    (unsigned char)s[n] >= 0x20 && s[n] != '"' && s[n] != '\\')
			n++;
		if (n > 0) {
			buf_append(b, s, n);
			s += n;
			if (*s == '\0')
				break;
		}
		c = (unsigned char)*s;
		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		default:
			if (c < 0x20)
				buf_printf(b, "\\u%04x", c);
			else
				buf_putc(b, c);
		}
	}
	buf_putc(b, '"');
}

void
buf_json_member(Buf *b, int *first, const char *key, const char *value)
{
	if (value == NULL)
		return;
	if (!*first)
		buf_putc(b, ',');
	*first = 0;
	buf_json_string(b, key);
	buf_putc(b, ':');
	buf_json_string(b, value);
}

int
buf_read_line(Buf *b, FILE *fp)
{
	int c, got = 0;

	buf_reset(b);
	while ((c = getc(fp)) != EOF) {
		got = 1;
		if (c == '\n')
			break;
		buf_putc(b, c);
	}
	if (b->len > 0 && buf_str(b)[b->len - 1] == '\r')
		buf_truncate(b, b->len - 1);
	return got;
}

int
buf_read_file(const char *file, char **text, size_t *n, Buf *err)
{
	FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	size_t cap = 0, got;
	int rc = 0;

	*text = NULL;
	*n = 0;
	if (fp == NULL) {
		buf_printf(err, "%s: cannot open: %s", file, strerror(errno));
		return -1;
	}
	do {
		mem_grow((void **)text, &cap, *n + 65536 + 1, 1);
		got = fread(*text + *n, 1, cap - *n - 1, fp);
		*n += got;
	} while (got > 0);
	(*text)[*n] = '\0';
	if (ferror(fp)) {
		buf_printf(err, "%s: cannot read: %s", file, strerror(errno));
		rc = -1;
	}
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int
buf_write_file(const char *file, const char *p, size_t n, Buf *err)
{
	Buf tmp = BUF_INIT;
	mode_t mask = umask(0);
	ssize_t w = 0;
	int fd, rc = -1;

	umask(mask);
	buf_printf(&tmp, "%s.XXXXXX", file);
	if ((fd = mkstemp(tmp.s)) < 0) {
		buf_printf(err, "%s: cannot create: %s", file, strerror(errno));
		buf_free(&tmp);
		return -1;
	}
	for (size_t done = 0; done < n; done += (size_t)w)
		if ((w = write(fd, p + done, n - done)) < 0)
			break;
	if (w < 0 || fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0) {
		buf_printf(err, "%s: cannot write: %s", file, strerror(errno));
		close(fd);
	} else if (close(fd) != 0 || rename(tmp.s, file) != 0) {
		buf_printf(err, "%s: cannot write: %s", file, strerror(errno));
	} else {
		rc = 0;
	}
	if (rc != 0)
		unlink(tmp.s);
	buf_free(&tmp);
	return rc;
}

void
buf_html_text(Buf *b, const char *s)
{
	static const char *const entity[256] = { ['&'] = "&amp;",
		['<'] = "&lt;",
		['>'] = "&gt;",
		['"'] = "&quot;",
		['\''] = "&#39;" };

	if (s == NULL)
		return;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (entity[*c] != NULL)
			buf_puts(b, entity[*c]);
		else
			buf_putc(b, (char)*c);
}

void
buf_append_spaced(Buf *b, const char *s, size_t n)
{
	size_t start = b->len;
	int sp = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '\r' || s[i] == '\f' || s[i] == '\v') {
			sp = b->len > start;
			continue;
		}
		if (sp)
			buf_putc(b, ' ');
		sp = 0;
		buf_putc(b, s[i]);
	}
}
