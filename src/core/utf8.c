/*
 * utf8.c - UTF-8 validation and walking (see utf8.h).
 */
#include <string.h>

#include "utf8.h"

size_t
utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t need;
		uint32_t cp, min;
		uint64_t w;

		/* ASCII, most text, eight bytes at a time. */
		if (n - i >= 8 &&
		    (memcpy(&w, p + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			need = 1, cp = c & 0x1f, min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (n - i <= need)
			return i;
		for (size_t k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += need + 1;
	}
	return n;
}

int
utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] < 0xe0) {
		*cp = ((uint32_t)(p[0] & 0x1f) << 6) | (p[1] & 0x3f);
		return 2;
	} else if (p[0] < 0xf0) {
		*cp = ((uint32_t)(p[0] & 0x0f) << 12) |
		    ((uint32_t)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		return 3;
	}
	*cp = ((uint32_t)(p[0] & 0x07) << 18) |
	    ((uint32_t)(p[1] & 0x3f) << 12) | ((uint32_t)(p[2] & 0x3f) << 6) |
	    (p[3] & 0x3f);
	return 4;
}

int
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *p = (unsigned char *)out;

	if (cp < 0x80) {
		p[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		p[0] = (unsigned char)(0xc0 | (cp >> 6));
		p[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		p[0] = (unsigned char)(0xe0 | (cp >> 12));
		p[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		p[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	p[0] = (unsigned char)(0xf0 | (cp >> 18));
	p[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	p[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	p[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
cp_width(uint32_t cp)
{
	/* Combining marks (the common blocks) take no column. */
	if ((cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x0610 && cp <= 0x061a) ||
	    (cp >= 0x064b && cp <= 0x065f) || cp == 0x0670 ||
	    (cp >= 0x200b && cp <= 0x200f))
		return 0;
	/* East Asian wide and full-width ranges. */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t
utf8_width(const char *s)
{
	size_t w = 0;
	uint32_t cp;

	while (*s) {
		/* ASCII, most of what tables show: a column a byte. */
		if ((unsigned char)*s < 0x80) {
			s++;
			w++;
			continue;
		}
		s += utf8_decode(s, &cp);
		w += (size_t)cp_width(cp);
	}
	return w;
}

size_t
utf8_width_n(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;

	/* ASCII, a column a byte, eight bytes at a time. */
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
	}
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i == n ? n : i + utf8_width(s + i);
}

size_t
utf8_column(const char *line, size_t off)
{
	size_t col = 1;

	for (size_t i = 0; i < off && line[i]; i++)
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			col++;
	return col;
}
