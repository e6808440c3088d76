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

/* Append the ASCII string s lower-cased with whitespace collapsed. */
static void
fold_ascii(const char *s, Buf *out)
{
	int space = 0;
	size_t start = out->len;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			space = 1;
			continue;
		}
		if (space && out->len > start)
			buf_putc(out, ' ');
		space = 0;
		buf_putc(out, (c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
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

/* Grow a UChar array to hold n units. */
static UChar *
uc_alloc(UChar *p, int32_t n)
{
	return xrealloc(p, (size_t)(n + 1) * sizeof(UChar));
}

int
text_fold(const char *s, Buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	const IcuLib *icu;
	const UNormalizer2 *nfkd, *nfc;
	UChar *a = NULL, *b = NULL;
	int32_t na, nb, n, i, j;
	int rc = -1, space = 0;
	size_t start = out->len;

	if (is_ascii(s)) {
		fold_ascii(s, out);
		return 0;
	}
	icu = icu_lib();
	nfkd = icu->unorm2_getNFKDInstance(&st);
	nfc = icu->unorm2_getNFCInstance(&st);
	if (U_FAILURE(st))
		goto fail;
	icu->u_strFromUTF8(NULL, 0, &na, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto fail;
	st = U_ZERO_ERROR;
	a = uc_alloc(NULL, na);
	icu->u_strFromUTF8(a, na + 1, NULL, s, -1, &st);
	/* NFKD can expand; ask for the size first. */
	nb = icu->unorm2_normalize(nfkd, a, na, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto fail;
	st = U_ZERO_ERROR;
	b = uc_alloc(NULL, nb);
	nb = icu->unorm2_normalize(nfkd, a, na, b, nb + 1, &st);
	if (U_FAILURE(st))
		goto fail;
	/* Drop marks and tatweel, collapse spaces, in place. */
	for (i = 0, j = 0; i < nb; i++) {
		UChar c = b[i];
		int8_t type = icu->u_charType(c);

		if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
		    c == 0x0640 || c == 0x200c || c == 0x200d || c == 0x200e ||
		    c == 0x200f || c == 0xfeff)
			continue;
		c = fold_equiv(c);
		if (icu->u_isspace(c)) {
			space = 1;
			continue;
		}
		if (space && j > 0)
			b[j++] = ' ';
		space = 0;
		b[j++] = c;
	}
	nb = j;
	n = icu->u_strFoldCase(a, na + 1, b, nb, U_FOLD_CASE_DEFAULT, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR) {
		st = U_ZERO_ERROR;
		a = uc_alloc(a, n);
		n = icu->u_strFoldCase(
		    a, n + 1, b, nb, U_FOLD_CASE_DEFAULT, &st);
	}
	if (U_FAILURE(st))
		goto fail;
	for (i = 0; i < n; i++)
		a[i] = fold_equiv(a[i]);
	b = uc_alloc(b, n * 3);
	nb = icu->unorm2_normalize(nfc, a, n, b, n * 3 + 1, &st);
	if (U_FAILURE(st))
		goto fail;
	icu->u_strToUTF8(NULL, 0, &n, b, nb, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto fail;
	st = U_ZERO_ERROR;
	{
		size_t room = (size_t)n + 1;
		char *dst;

		buf_append(out, "", 0);
		mem_grow((void **)&out->s, &out->cap, out->len + room, 1);
		dst = out->s + out->len;
		icu->u_strToUTF8(dst, (int32_t)room, NULL, b, nb, &st);
		if (U_FAILURE(st))
			goto fail;
		out->len += (size_t)n;
		out->s[out->len] = '\0';
	}
	rc = 0;
	goto done;
fail:
	buf_truncate(out, start);
	buf_puts(out, s);
done:
	free(a);
	free(b);
	return rc;
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

	/* ASCII needs no ICU: fold case as the key is built. */
	if (!is_ascii(s)) {
		rc = text_fold(s, &f);
		p = buf_str(&f);
	}
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.')
			continue;
		if (c == '&') {
			if (out->len > start)
				buf_putc(out, ' ');
			buf_puts(out, "and");
			space = 1;
			continue;
		}
		if (!is_word_byte(c)) {
			space = 1;
			continue;
		}
		if (space && out->len > start)
			buf_putc(out, ' ');
		space = 0;
		buf_putc(out, (c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
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
