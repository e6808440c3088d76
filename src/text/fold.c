/*
 * fold.c - case, accent and script folding through ICU (see fold.h).
 *
 * Most of what ctmatrix folds is plain ASCII, so that case takes a fast
 * path that never converts to UTF-16 (nor loads ICU: icu.h); everything
 * else goes NFKD, strip marks, case fold, equivalences, NFC.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "fold.h"
#include "icu.h"

/*
 * A text folded a piece at a time: where its fold began in out, and
 * whether a space is owed before the next character (whitespace is
 * collapsed across pieces, and dropped at both ends).
 */
typedef struct Folding {
	Buf *out;
	size_t start;
	int space;
} Folding;

/* Room for n more bytes in f's output, and where they go. */
static char *
fold_room(Folding *f, size_t n)
{
	Buf *out = f->out;

	mem_grow((void **)&out->s, &out->cap, out->len + n + 1, 1);
	return out->s + out->len;
}

static void
fold_done(Folding *f, char *end)
{
	f->out->len = (size_t)(end - f->out->s);
	*end = '\0';
}

/*
 * Append the ASCII s[0 .. n) lower-cased, whitespace collapsed.  ICU's
 * whitespace (icu) also holds U+001C..U+001F, as u_isspace() has it: a
 * text that is not all ASCII has always been folded by ICU throughout,
 * and one that is never, and either's fold stays what it was (a project's
 * source key holds a digest of its folded title).
 */
static void
fold_ascii(Folding *f, const char *s, size_t n, int icu)
{
	char *d = fold_room(f, n + 1);
	const char *first = f->out->s + f->start;

	for (const char *end = s + n; s < end; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || (c >= '\t' && c <= '\r') ||
		    (icu && c >= 0x1c && c <= 0x1f)) {
			f->space = 1;
			continue;
		}
		if (f->space && d > first)
			*d++ = ' ';
		f->space = 0;
		*d++ = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	fold_done(f, d);
}

/* The single-character equivalences applied after case folding. */
static UChar
fold_equiv(UChar c)
{
	switch (c) {
	case 0x0622: /* alef with madda above (if not decomposed) */
	case 0x0623: /* alef with hamza above */
	case 0x0625: /* alef with hamza below */
	case 0x0671: /* alef wasla */
		return 0x0627;
	case 0x0649: /* alef maqsura */
		return 0x064a;
	case 0x0629: /* teh marbuta */
		return 0x0647;
	case 0x2018:
	case 0x2019:
	case 0x201b:
	case 0x2032:
	case 0x02bc:
		return '\'';
	case 0x201c:
	case 0x201d:
	case 0x201f:
	case 0x2033:
		return '"';
	case 0x2010:
	case 0x2011:
	case 0x2012:
	case 0x2013:
	case 0x2014:
	case 0x2015:
	case 0x2212:
		return '-';
	case 0x00a0:
	case 0x2007:
	case 0x202f:
		return ' ';
	}
	return c;
}

/*
 * UTF-16 work space of text_fold: two arrays, on the stack while a piece
 * is short, as most are (an accented letter, a dash), else on the heap.
 */
#define FOLD_STACK 256

typedef struct UBuf {
	UChar *p;
	int32_t cap;
	UChar fixed[FOLD_STACK];
} UBuf;

static void
ubuf_init(UBuf *u)
{
	u->p = u->fixed;
	u->cap = FOLD_STACK;
}

/* Room for n units and a terminator. */
static void
ubuf_need(UBuf *u, int32_t n)
{
	if (n < u->cap)
		return;
	if (u->p != u->fixed)
		free(u->p);
	u->cap = n + 1;
	u->p = xmalloc((size_t)u->cap * sizeof(UChar));
}

static void
ubuf_free(UBuf *u)
{
	if (u->p != u->fixed)
		free(u->p);
}

/* Normalize src[0 .. n) with nm into dst: its length, or -1. */
static int32_t
fold_normalize(const IcuLib *icu, const UNormalizer2 *nm, const UChar *src,
    int32_t n, UBuf *dst)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = icu->unorm2_normalize(nm, src, n, dst->p, dst->cap, &st);

	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		ubuf_need(dst, len);
		len = icu->unorm2_normalize(nm, src, n, dst->p, dst->cap, &st);
	}
	return U_FAILURE(st) ? -1 : len;
}

/*
 * Fold s[0 .. n) through ICU: NFKD, marks and tatweel and the zero-width
 * controls dropped, equivalences, whitespace as spaces, full case
 * folding, equivalences again, NFC; appended as UTF-8, its spaces
 * collapsed into f's.  0, or -1 (invalid UTF-8, or ICU failing).
 *
 * A text is folded in pieces (text_fold), each ASCII character apart:
 * every step above is one of single characters but the two
 * normalizations, and those join nothing across an ASCII character
 * (nothing composes with one but the combining marks dropped here).
 */
static int
fold_icu(Folding *f, const char *s, size_t n, UBuf *a, UBuf *b)
{
	UErrorCode st = U_ZERO_ERROR;
	const IcuLib *icu = icu_lib();
	const UNormalizer2 *nfkd = icu->unorm2_getNFKDInstance(&st);
	const UNormalizer2 *nfc = icu->unorm2_getNFCInstance(&st);
	int32_t na, nb, i, j;
	char *d;
	const char *first;

	if (U_FAILURE(st) || n > INT32_MAX / 4)
		return -1;
	/* UTF-8 never takes fewer units in UTF-16 than bytes. */
	ubuf_need(a, (int32_t)n);
	icu->u_strFromUTF8(a->p, a->cap, &na, s, (int32_t)n, &st);
	if (U_FAILURE(st) || (nb = fold_normalize(icu, nfkd, a->p, na, b)) < 0)
		return -1;
	for (i = 0, j = 0; i < nb; i++) {
		UChar c = b->p[i];
		int8_t type = icu->u_charType(c);

		if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
		    c == 0x0640 || c == 0x200c || c == 0x200d || c == 0x200e ||
		    c == 0x200f || c == 0xfeff)
			continue;
		c = fold_equiv(c);
		b->p[j++] = icu->u_isspace(c) ? ' ' : c;
	}
	nb = j;
	na = icu->u_strFoldCase(
	    a->p, a->cap, b->p, nb, U_FOLD_CASE_DEFAULT, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		ubuf_need(a, na);
		na = icu->u_strFoldCase(
		    a->p, a->cap, b->p, nb, U_FOLD_CASE_DEFAULT, &st);
	}
	if (U_FAILURE(st))
		return -1;
	for (i = 0; i < na; i++)
		a->p[i] = fold_equiv(a->p[i]);
	if ((nb = fold_normalize(icu, nfc, a->p, na, b)) < 0)
		return -1;
	/* Each unit is at most three bytes of UTF-8; a space may come first. */
	d = fold_room(f, (size_t)nb * 3 + 1);
	first = f->out->s + f->start;
	for (i = 0; i < nb; i++) {
		uint32_t c = b->p[i];

		if (c == ' ') {
			f->space = 1;
			continue;
		}
		if (f->space && d > first)
			*d++ = ' ';
		f->space = 0;
		/* A pair of surrogates, four bytes for two units. */
		if (c >= 0xd800 && c <= 0xdfff) {
			if (c > 0xdbff || i + 1 >= nb || b->p[i + 1] < 0xdc00 ||
			    b->p[i + 1] > 0xdfff)
				return -1;
			c = 0x10000 + ((c - 0xd800) << 10) +
			    (uint32_t)(b->p[++i] - 0xdc00);
		}
		d += utf8_encode(c, d);
	}
	fold_done(f, d);
	return 0;
}

int
text_fold(const char *s, Buf *out)
{
	Folding f = { out, out->len, 0 };
	UBuf a, b;
	const char *p = s;
	int rc = 0;

	while (*p && (unsigned char)*p < 0x80)
		p++;
	if (*p == '\0') {
		fold_ascii(&f, s, (size_t)(p - s), 0);
		return 0;
	}
	ubuf_init(&a);
	ubuf_init(&b);
	for (p = s; *p && rc == 0;) {
		const char *q = p;

		while (*q && (unsigned char)*q < 0x80)
			q++;
		if (q > p)
			fold_ascii(&f, p, (size_t)(q - p), 1);
		for (p = q; *q && (unsigned char)*q >= 0x80;)
			q++;
		if (q > p)
			rc = fold_icu(&f, p, (size_t)(q - p), &a, &b);
		p = q;
	}
	ubuf_free(&a);
	ubuf_free(&b);
	if (rc != 0) {
		buf_truncate(out, f.start);
		buf_puts(out, s);
	}
	return rc;
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static int
is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80;
}

int
text_name_key(const char *s, Buf *out)
{
	Buf f = BUF_INIT;
	int rc = 0, space = 0;
	size_t start = out->len;
	const char *p = s;
	char *d, *first;

	/* ASCII needs no ICU: fold case as the key is built. */
	if (!is_ascii(s)) {
		rc = text_fold(s, &f);
		p = buf_str(&f);
	}
	/* At most four bytes a byte: "&" is " and". */
	mem_grow((void **)&out->s, &out->cap, out->len + 4 * strlen(p) + 1, 1);
	first = out->s + start;
	d = first;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.')
			continue;
		if (c == '&') {
			if (d > first)
				*d++ = ' ';
			memcpy(d, "and", 3);
			d += 3;
			space = 1;
			continue;
		}
		if (!is_word_byte(c)) {
			space = 1;
			continue;
		}
		if (space && d > first)
			*d++ = ' ';
		space = 0;
		*d++ = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	out->len = (size_t)(d - out->s);
	*d = '\0';
	buf_free(&f);
	return rc;
}

int
text_words(const char *s, Buf *out)
{
	Buf f = BUF_INIT;
	size_t start = out->len;
	int rc, space = 0;
	const char *p;

	rc = text_fold(s, &f);
	p = buf_str(&f);
	while (*p) {
		uint32_t c;
		int n = utf8_decode(p, &c);
		/* ASCII's letters and digits are its only words: no ICU. */
		int word = c < 0x80
		    ? is_word_byte((unsigned char)c)
		    : (U_MASK(icu_lib()->u_charType((UChar32)c)) &
			  (U_GC_L_MASK | U_GC_N_MASK | U_GC_CO_MASK)) != 0;

		if (n <= 0)
			n = 1;
		if (!word) {
			space = 1;
		} else {
			if (space && out->len > start)
				buf_putc(out, ' ');
			space = 0;
			buf_append(out, p, (size_t)n);
		}
		p += n;
	}
	buf_free(&f);
	return rc;
}
