/*
 * csv.c - RFC 4180 reader and writer (see csv.h).
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "mem.h"

void
csv_init(CsvReader *r, const char *text, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->p = text;
	r->end = text + n;
	r->line = 1;
	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		r->p += 3;
}

static void
csv_end_field(CsvReader *r, size_t start)
{
	void *off = r->off;

	mem_grow(&off, &r->cap, r->nfield + 1, sizeof(size_t));
	r->off = off;
	r->off[r->nfield++] = start;
	buf_putc(&r->data, '\0');
}

int
csv_next(CsvReader *r, Buf *err)
{
	size_t start;

	buf_reset(&r->data);
	r->nfield = 0;
	if (r->p >= r->end)
		return 0;
	r->record_line = r->line;
	start = 0;
	for (;;) {
		if (r->p < r->end && *r->p == '"') {
			size_t qline = r->line;

			r->p++;
			for (;;) {
				if (r->p >= r->end) {
					buf_printf(err,
					    "line %zu: quoted field opened "
					    "here "
					    "is never closed",
					    qline);
					return -1;
				}
				if (*r->p == '"') {
					if (r->p + 1 < r->end &&
					    r->p[1] == '"') {
						buf_putc(&r->data, '"');
						r->p += 2;
						continue;
					}
					r->p++;
					break;
				}
				if (*r->p == '\n')
					r->line++;
				buf_putc(&r->data, *r->p++);
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
			    *r->p != '\r') {
				buf_printf(err,
				    "line %zu: text after the closing quote of "
				    "field %zu",
				    r->line, r->nfield + 1);
				return -1;
			}
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
			    !(*r->p == '\r' && r->p + 1 < r->end &&
				r->p[1] == '\n'))
				buf_putc(&r->data, *r->p++);
		}
		csv_end_field(r, start);
		start = r->data.len;
		if (r->p >= r->end)
			break;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
			r->line++;
		}
		break;
	}
	return 1;
}

const char *
csv_field(const CsvReader *r, size_t i)
{
	return r->data.s + r->off[i];
}

void
csv_free(CsvReader *r)
{
	buf_free(&r->data);
	free(r->off);
	r->off = NULL;
	r->cap = r->nfield = 0;
}

void
csv_put_field(Buf *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}
