/*
 * diff.c - comparing two revisions of a draft (diff.h).
 *
 * Blocks are aligned by dynamic programming over the two sequences: a
 * pair scores the Dice coefficient of its word multisets when the kinds
 * agree and it is at least 0.5, and the alignment maximises the sum, in
 * order.  Words within a pair are compared by the longest common
 * subsequence after the common head and tail are cut off.  Both tables
 * are bounded: past the bound, blocks pair in order of kind and words
 * are replaced whole, which stays correct, only coarser.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "diff.h"

#define ALIGN_MAX_CELLS (20u * 1000 * 1000)
#define WORDS_MAX_CELLS (16u * 1000 * 1000)

typedef struct Words {
	uint64_t *h; /* hashes, in order */
	size_t *off, *len;
	size_t n;
	uint64_t *sorted; /* the markup-free hashes, sorted */
	size_t nsorted;
} Words;

static uint64_t
fnv(const char *s, size_t n, int fold)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (fold)
			c = (unsigned char)tolower(c);
		h = (h ^ c) * 1099511628211ull;
	}
	return h;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Is s[0..n) a delegation tag like "(+IND)"? */
static int
is_tag(const char *s, size_t n)
{
	return n >= 6 && s[0] == '(' && s[n - 1] == ')' &&
	    (s[1] == '+' || s[1] == '-' || (unsigned char)s[1] == 0xe2);
}

static void
words_of(const Plan *p, int bi, Words *w)
{
	const char *s = p->text;
	size_t i, z, cap = 0, cap2 = 0;

	memset(w, 0, sizeof(*w));
	if (bi < 0)
		return;
	i = p->block[bi].start;
	z = p->block[bi].text_end;
	while (i < z) {
		size_t k;

		while (i < z && isspace((unsigned char)s[i]))
			i++;
		for (k = i; k < z && !isspace((unsigned char)s[k]); k++)
			;
		if (k == i)
			break;
		mem_grow((void **)&w->h, &cap, w->n + 1, sizeof(*w->h));
		w->off = xrealloc(w->off, cap * sizeof(*w->off));
		w->len = xrealloc(w->len, cap * sizeof(*w->len));
		w->h[w->n] = fnv(s + i, k - i, 0);
		w->off[w->n] = i;
		w->len[w->n] = k - i;
		w->n++;
		/* For likeness: without brackets and tags, folded. */
		if (!is_tag(s + i, k - i)) {
			size_t a = i, b = k;

			while (a < b && (s[a] == '[' || s[a] == ']'))
				a++;
			while (b > a && (s[b - 1] == '[' || s[b - 1] == ']'))
				b--;
			if (b > a) {
				mem_grow((void **)&w->sorted, &cap2,
				    w->nsorted + 1, sizeof(*w->sorted));
				w->sorted[w->nsorted++] = fnv(s + a, b - a, 1);
			}
		}
		i = k;
	}
	if (w->nsorted > 0)
		qsort(w->sorted, w->nsorted, sizeof(*w->sorted), cmp_u64);
}

static void
words_free(Words *w)
{
	free(w->h);
	free(w->off);
	free(w->len);
	free(w->sorted);
}

static double
dice(const Words *x, const Words *y)
{
	size_t i = 0, j = 0, common = 0;

	if (x->nsorted + y->nsorted == 0)
		return 1.0;
	while (i < x->nsorted && j < y->nsorted) {
		if (x->sorted[i] == y->sorted[j]) {
			common++;
			i++;
			j++;
		} else if (x->sorted[i] < y->sorted[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)common / (double)(x->nsorted + y->nsorted);
}

static void
add_pair(PlanDiff *d, int a, int b, double sim)
{
	PlanDiffPair *p;

	mem_grow((void **)&d->pair, &d->cap, d->npair + 1, sizeof(*d->pair));
	p = &d->pair[d->npair++];
	memset(p, 0, sizeof(*p));
	p->a = a;
	p->b = b;
	p->sim = sim;
}

static int
kinds_match(const Plan *a, int i, const Plan *b, int j)
{
	PlanBlockKind x = a->block[i].kind, y = b->block[j].kind;

	if (x == y)
		return 1;
	return (x == PLAN_PARAGRAPH || x == PLAN_PREAMBLE) &&
	    (y == PLAN_PARAGRAPH || y == PLAN_PREAMBLE);
}

/* Align the blocks; pairs in order of both revisions. */
static void
align(
    const Plan *a, const Plan *b, const Words *wa, const Words *wb, PlanDiff *d)
{
	size_t na = a->nblock, nb = b->nblock, i, j;

	if ((na + 1) * (nb + 1) > ALIGN_MAX_CELLS) {
		for (i = j = 0; i < na || j < nb;) {
			if (i < na && j < nb &&
			    kinds_match(a, (int)i, b, (int)j)) {
				add_pair(
				    d, (int)i, (int)j, dice(&wa[i], &wb[j]));
				i++;
				j++;
			} else if (i < na && (j >= nb || na - i > nb - j)) {
				add_pair(d, (int)i++, -1, 0);
			} else {
				add_pair(d, -1, (int)j++, 0);
			}
		}
		return;
	}
	float *score = xcalloc((na + 1) * (nb + 1), sizeof(float));
	unsigned char *move = xcalloc((na + 1) * (nb + 1), 1);
#define AT(x, y) ((x) * (nb + 1) + (y))
	for (i = 1; i <= na; i++)
		move[AT(i, 0)] = 1;
	for (j = 1; j <= nb; j++)
		move[AT(0, j)] = 2;
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			float best = score[AT(i - 1, j)];
			unsigned char m = 1;

			if (score[AT(i, j - 1)] > best) {
				best = score[AT(i, j - 1)];
				m = 2;
			}
			if (kinds_match(a, (int)i - 1, b, (int)j - 1)) {
				double s = dice(&wa[i - 1], &wb[j - 1]);

				if (s >= 0.5 &&
				    score[AT(i - 1, j - 1)] + (float)s >=
					best) {
					best =
					    score[AT(i - 1, j - 1)] + (float)s;
					m = 3;
				}
			}
			score[AT(i, j)] = best;
			move[AT(i, j)] = m;
		}
	/* Walk back, then reverse. */
	size_t start = d->npair;
	for (i = na, j = nb; i > 0 || j > 0;) {
		unsigned char m = move[AT(i, j)];

		if (m == 3) {
			add_pair(d, (int)i - 1, (int)j - 1,
			    dice(&wa[i - 1], &wb[j - 1]));
			i--;
			j--;
		} else if (m == 1) {
			add_pair(d, (int)--i, -1, 0);
		} else {
			add_pair(d, -1, (int)--j, 0);
		}
	}
#undef AT
	for (i = start, j = d->npair; i + 1 < j; i++, j--) {
		PlanDiffPair t = d->pair[i];

		d->pair[i] = d->pair[j - 1];
		d->pair[j - 1] = t;
	}
	free(score);
	free(move);
}

/* A bracket's content, whitespace runs as one space. */
static char *
content(const Plan *p, size_t i)
{
	const PlanBracket *br = &p->br[i];
	Buf b = BUF_INIT;

	buf_append_spaced(&b, p->text + br->open + 1, br->close - br->open - 1);
	return buf_detach(&b);
}

static void
count_brackets(const Plan *a, const Plan *b, PlanDiffPair *pp)
{
	char **ca = NULL, **cb = NULL;
	size_t na = 0, nb = 0, cap = 0, cap2 = 0;
	Buf agreed = BUF_INIT, flat = BUF_INIT;

	for (size_t i = 0; pp->a >= 0 && i < a->nbr; i++)
		if (a->br[i].block == pp->a) {
			mem_grow((void **)&ca, &cap, na + 1, sizeof(*ca));
			ca[na++] = content(a, i);
		}
	for (size_t i = 0; pp->b >= 0 && i < b->nbr; i++)
		if (b->br[i].block == pp->b) {
			mem_grow((void **)&cb, &cap2, nb + 1, sizeof(*cb));
			cb[nb++] = content(b, i);
		}
	if (pp->b >= 0)
		plan_render(b, PLAN_AGREED, NULL, (size_t)pp->b,
		    (size_t)pp->b + 1, &agreed);
	buf_append_spaced(&flat, buf_str(&agreed), agreed.len);
	for (size_t i = 0; i < na; i++) {
		size_t j;

		for (j = 0; j < nb; j++)
			if (cb[j] != NULL && strcmp(ca[i], cb[j]) == 0)
				break;
		if (j < nb) {
			pp->open++;
			free(cb[j]);
			cb[j] = NULL;
		} else if (ca[i][0] != '\0' &&
		    strstr(buf_str(&flat), ca[i]) != NULL) {
			pp->agreed++;
		} else {
			pp->dropped++;
		}
		free(ca[i]);
	}
	for (size_t j = 0; j < nb; j++) {
		pp->opened += cb[j] != NULL;
		free(cb[j]);
	}
	free(ca);
	free(cb);
	buf_free(&agreed);
	buf_free(&flat);
}

static int
same_text(const Plan *a, int i, const Plan *b, int j)
{
	size_t la = a->block[i].text_end - a->block[i].start;
	size_t lb = b->block[j].text_end - b->block[j].start;

	return la == lb &&
	    memcmp(a->text + a->block[i].start, b->text + b->block[j].start,
		la) == 0;
}

void
plan_diff(const Plan *a, const Plan *b, PlanDiff *d)
{
	Words *wa = xcalloc(a->nblock + 1, sizeof(Words));
	Words *wb = xcalloc(b->nblock + 1, sizeof(Words));

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < a->nblock; i++)
		words_of(a, (int)i, &wa[i]);
	for (size_t j = 0; j < b->nblock; j++)
		words_of(b, (int)j, &wb[j]);
	align(a, b, wa, wb, d);
	for (size_t k = 0; k < d->npair; k++) {
		PlanDiffPair *pp = &d->pair[k];

		count_brackets(a, b, pp);
		if (pp->a < 0)
			d->added++;
		else if (pp->b < 0)
			d->removed++;
		else if (!(pp->same = same_text(a, pp->a, b, pp->b)))
			d->changed++;
		if (pp->a >= 0 && pp->b >= 0 &&
		    a->block[pp->a].kind == PLAN_MEASURE &&
		    (a->block[pp->a].numlen != b->block[pp->b].numlen ||
			memcmp(a->text + a->block[pp->a].num,
			    b->text + b->block[pp->b].num,
			    a->block[pp->a].numlen) != 0))
			d->renumbered++;
		d->opened += pp->opened;
		d->agreed += pp->agreed;
		d->dropped += pp->dropped;
		d->open += pp->open;
	}
	for (size_t i = 0; i < a->nblock; i++)
		words_free(&wa[i]);
	for (size_t j = 0; j < b->nblock; j++)
		words_free(&wb[j]);
	free(wa);
	free(wb);
}

void
plan_diff_free(PlanDiff *d)
{
	free(d->pair);
	memset(d, 0, sizeof(*d));
}

static void
edit(PlanWordEdit **e, size_t *n, size_t *cap, char op, size_t off, size_t len)
{
	mem_grow((void **)e, cap, *n + 1, sizeof(**e));
	(*e)[*n].op = op;
	(*e)[*n].off = off;
	(*e)[*n].len = len;
	(*n)++;
}

size_t
plan_diff_words(
    const Plan *a, int ba, const Plan *b, int bb, PlanWordEdit **edits)
{
	Words x, y;
	size_t n = 0, cap = 0, head = 0, tx, ty, i, j;

	words_of(a, ba, &x);
	words_of(b, bb, &y);
	*edits = NULL;
	while (head < x.n && head < y.n && x.h[head] == y.h[head])
		head++;
	for (tx = x.n, ty = y.n;
	     tx > head && ty > head && x.h[tx - 1] == y.h[ty - 1]; tx--, ty--)
		;
	for (i = 0; i < head; i++)
		edit(edits, &n, &cap, '=', x.off[i], x.len[i]);
	size_t m = tx - head, k = ty - head;

	if (m > 0 && k > 0 && (m + 1) * (k + 1) <= WORDS_MAX_CELLS) {
		uint32_t *L = xcalloc((m + 1) * (k + 1), sizeof(uint32_t));
#define L_(p, q) L[(p) * (k + 1) + (q)]
		for (i = m; i-- > 0;)
			for (j = k; j-- > 0;)
				L_(i, j) = x.h[head + i] == y.h[head + j]
				    ? L_(i + 1, j + 1) + 1
				    : (L_(i + 1, j) >= L_(i, j + 1)
					      ? L_(i + 1, j)
					      : L_(i, j + 1));
		for (i = j = 0; i < m || j < k;) {
			if (i < m && j < k && x.h[head + i] == y.h[head + j]) {
				edit(edits, &n, &cap, '=', x.off[head + i],
				    x.len[head + i]);
				i++;
				j++;
			} else if (i < m &&
			    (j >= k || L_(i + 1, j) >= L_(i, j + 1))) {
				edit(edits, &n, &cap, '-', x.off[head + i],
				    x.len[head + i]);
				i++;
			} else {
				edit(edits, &n, &cap, '+', y.off[head + j],
				    y.len[head + j]);
				j++;
			}
		}
#undef L_
		free(L);
	} else {
		for (i = head; i < tx; i++)
			edit(edits, &n, &cap, '-', x.off[i], x.len[i]);
		for (j = head; j < ty; j++)
			edit(edits, &n, &cap, '+', y.off[j], y.len[j]);
	}
	for (i = tx; i < x.n; i++)
		edit(edits, &n, &cap, '=', x.off[i], x.len[i]);
	words_free(&x);
	words_free(&y);
	return n;
}

static void
label(const Plan *p, int bi, const char *lang, Buf *out)
{
	if (bi < 0)
		buf_puts(out, "-");
	else
		plan_block_label_in(p, (size_t)bi, lang, out);
}

/* The words of a changed pair, {-old-} and {+new+} marked. */
static void
words_text(const Plan *a, const Plan *b, const PlanDiffPair *pp, Buf *out)
{
	PlanWordEdit *e;
	size_t n = plan_diff_words(a, pp->a, b, pp->b, &e);
	char cur = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = e[i].op == '+' ? b->text : a->text;

		if (e[i].op != cur && cur != 0 && cur != '=')
			buf_puts(out, cur == '-' ? "-}" : "+}");
		if (i > 0)
			buf_putc(out, ' ');
		if (e[i].op != cur && e[i].op != '=')
			buf_puts(out, e[i].op == '-' ? "{-" : "{+");
		buf_append(out, s + e[i].off, e[i].len);
		cur = e[i].op;
	}
	if (cur == '-' || cur == '+')
		buf_puts(out, cur == '-' ? "-}" : "+}");
	buf_putc(out, '\n');
	free(e);
}

void
plan_diff_text(
    const Plan *a, const Plan *b, const PlanDiff *d, const char *lang, Buf *out)
{
	Buf la = BUF_INIT, lb = BUF_INIT;

	buf_printf(out,
	    tr(lang,
		"%ld blocks changed, %ld added, %ld removed, %ld measures "
		"renumbered"),
	    d->changed, d->added, d->removed, d->renumbered);
	buf_putc(out, '\n');
	buf_printf(out,
	    tr(lang,
		"brackets: %ld opened, %ld agreed, %ld dropped, %ld still "
		"open"),
	    d->opened, d->agreed, d->dropped, d->open);
	buf_putc(out, '\n');
	for (size_t k = 0; k < d->npair; k++) {
		const PlanDiffPair *pp = &d->pair[k];

		if (pp->same && pp->opened + pp->agreed + pp->dropped == 0)
			continue;
		buf_reset(&la);
		buf_reset(&lb);
		label(a, pp->a, lang, &la);
		label(b, pp->b, lang, &lb);
		buf_putc(out, '\n');
		if (pp->a < 0) {
			buf_puts(out, "+ ");
			buf_printf(out, tr(lang, "%s (new)"), buf_str(&lb));
		} else if (pp->b < 0) {
			buf_puts(out, "- ");
			buf_printf(out, tr(lang, "%s (removed)"), buf_str(&la));
		} else if (strcmp(buf_str(&la), buf_str(&lb)) != 0)
			buf_printf(
			    out, "~ %s -> %s", buf_str(&la), buf_str(&lb));
		else
			buf_printf(out, "~ %s", buf_str(&la));
		buf_puts(out, "  [");
		buf_printf(out,
		    tr(lang,
			"brackets: %ld opened, %ld agreed, %ld dropped, %ld "
			"open"),
		    pp->opened, pp->agreed, pp->dropped, pp->open);
		buf_puts(out, "]\n");
		words_text(a, b, pp, out);
	}
	buf_free(&la);
	buf_free(&lb);
}

void
plan_diff_json(const Plan *a, const Plan *b, const PlanDiff *d, Buf *out)
{
	Buf la = BUF_INIT, lb = BUF_INIT, w = BUF_INIT;

	buf_printf(out,
	    "{\"changed\": %ld, \"added\": %ld, \"removed\": %ld, "
	    "\"renumbered\": %ld,\n \"brackets\": {\"opened\": %ld, "
	    "\"agreed\": %ld, \"dropped\": %ld, \"open\": %ld},\n"
	    " \"blocks\": [",
	    d->changed, d->added, d->removed, d->renumbered, d->opened,
	    d->agreed, d->dropped, d->open);
	for (size_t k = 0; k < d->npair; k++) {
		const PlanDiffPair *pp = &d->pair[k];
		PlanWordEdit *e = NULL;
		size_t n = 0;

		buf_reset(&la);
		buf_reset(&lb);
		if (pp->a >= 0)
			plan_block_label(a, (size_t)pp->a, &la);
		if (pp->b >= 0)
			plan_block_label(b, (size_t)pp->b, &lb);
		buf_puts(out, k ? ",\n  {" : "\n  {");
		buf_puts(out, "\"old\": ");
		buf_json_string(out, pp->a >= 0 ? buf_str(&la) : NULL);
		buf_puts(out, ", \"new\": ");
		buf_json_string(out, pp->b >= 0 ? buf_str(&lb) : NULL);
		buf_printf(out,
		    ", \"change\": \"%s\", \"similarity\": %.3f, "
		    "\"opened\": %ld, \"agreed\": %ld, \"dropped\": %ld, "
		    "\"open\": %ld",
		    pp->a < 0       ? "added"
			: pp->b < 0 ? "removed"
			: pp->same  ? "same"
				    : "changed",
		    pp->sim, pp->opened, pp->agreed, pp->dropped, pp->open);
		if (pp->a >= 0 && pp->b >= 0 && !pp->same)
			n = plan_diff_words(a, pp->a, b, pp->b, &e);
		if (n > 0) {
			buf_puts(out, ", \"words\": [");
			for (size_t i = 0; i < n; i++) {
				const char *s =
				    e[i].op == '+' ? b->text : a->text;

				buf_reset(&w);
				buf_append(&w, s + e[i].off, e[i].len);
				buf_printf(
				    out, "%s[\"%c\", ", i ? ", " : "", e[i].op);
				buf_json_string(out, buf_str(&w));
				buf_putc(out, ']');
			}
			buf_putc(out, ']');
		}
		free(e);
		buf_putc(out, '}');
	}
	buf_puts(out, "\n ]}\n");
	buf_free(&la);
	buf_free(&lb);
	buf_free(&w);
}
