/*
 * render.c - the versions of a draft's text, and labels for its parts.
 *
 * plan_render() walks a range of the input once, with a stack of the
 * brackets open at each point and what the chosen view makes of each:
 * in (markup removed), out (markup and text removed) or marked (kept as
 * written).  Where markup went, the seam is tidied: no doubled space, no
 * space before punctuation, no line left empty by a removal.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "plan.h"

enum { OUT = 0, IN = 1, MARKED = -1 };

static int
tagged(const Plan *p, const PlanBracket *b, const char *code, char sign)
{
	for (int k = 0; k < b->ntag; k++) {
		const PlanTag *t = &p->tag[b->tag0 + k];

		if (t->known && t->sign == sign && strcmp(t->code, code) == 0)
			return 1;
	}
	return 0;
}

int
plan_decide(const Plan *p, size_t i, PlanView view, const char *as)
{
	const PlanBracket *b = &p->br[i];

	if (!b->closed || view == PLAN_DELIVERED)
		return MARKED;
	if (view == PLAN_AGREED)
		return OUT;
	if (view == PLAN_ALL)
		return IN;
	int add = tagged(p, b, as, '+'), del = tagged(p, b, as, '-');

	if (add || del)
		return add && del ? MARKED : add ? IN : OUT;
	/* The delegation is silent: the base draft decides. */
	if (b->nadd > 0 && b->ndel == 0)
		return OUT;
	if (b->ndel > 0 && b->nadd == 0)
		return IN;
	return MARKED;
}

typedef struct Out {
	Buf *b;
	int seam; /* markup was removed just before what comes next */
} Out;

static int
ends_space(const Buf *b)
{
	return b->len > 0 &&
	    (b->s[b->len - 1] == ' ' || b->s[b->len - 1] == '\t');
}

/* Append text [a, z) of the input, tidying a seam. */
static void
put(Out *o, const char *s, size_t a, size_t z)
{
	if (a >= z)
		return;
	if (o->seam) {
		if (ends_space(o->b))
			while (a < z && (s[a] == ' ' || s[a] == '\t'))
				a++;
		if (a < z && strchr(",.;:)!?\r\n", s[a]) != NULL)
			while (ends_space(o->b))
				o->b->len--;
		/* "terrorism, [...] (-IND), in": one comma, not two. */
		if (a < z && strchr(",.;:", s[a]) != NULL && o->b->len > 0 &&
		    o->b->s[o->b->len - 1] == s[a])
			a++;
		if (o->b->s != NULL)
			o->b->s[o->b->len] = '\0';
		if (a >= z)
			return;
		o->seam = 0;
	}
	buf_append(o->b, s + a, z - a);
}

/* After text was dropped: if it emptied the line, drop the line's end. */
static size_t
drop_line(Out *o, const char *s, size_t pos, size_t z)
{
	size_t i = pos, k = o->b->len;

	while (i < z && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	if (i >= z || s[i] != '\n')
		return pos;
	while (k > 0 && (o->b->s[k - 1] == ' ' || o->b->s[k - 1] == '\t'))
		k--;
	if (k > 0 && o->b->s[k - 1] != '\n')
		return pos;
	buf_truncate(o->b, k);
	return i + 1;
}

/*
 * The brackets open at offset a, outermost first, into (*stk)[0 ..
 * *depth): the last bracket opened before a and those of its parents
 * that end after a.  Return the first bracket opening at or after a.
 */
static size_t
open_at(const Plan *p, size_t a, int **stk, size_t *cap, int *depth)
{
	size_t lo = 0, hi = p->nbr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->br[mid].open < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	*depth = 0;
	for (int j = (int)lo - 1; j >= 0; j = p->br[j].parent) {
		if (p->br[j].end <= a)
			continue;
		mem_grow((void **)stk, cap, (size_t)*depth + 1, sizeof(**stk));
		(*stk)[(*depth)++] = j;
	}
	for (int i = 0; i < *depth / 2; i++) {
		int t = (*stk)[i];

		(*stk)[i] = (*stk)[*depth - 1 - i];
		(*stk)[*depth - 1 - i] = t;
	}
	return lo;
}

void
plan_render(const Plan *p, PlanView view, const char *as, size_t from,
    size_t to, Buf *out)
{
	const char *s = p->text;
	size_t a, z, pos, next;
	int *stk = NULL, *dec = NULL, depth = 0, hidden = 0;
	size_t cap = 0, cap2 = 0;
	Out o = { out, 0 };

	if (from >= to || to > p->nblock)
		return;
	a = p->block[from].start;
	z = p->block[to - 1].end;
	if (view == PLAN_DELIVERED) {
		buf_append(out, s + a, z - a);
		return;
	}
	next = open_at(p, a, &stk, &cap, &depth);
	/* What each bracket open at a makes of the text. */
	mem_grow((void **)&dec, &cap2, (size_t)depth + 1, sizeof *dec);
	for (int i = 0; i < depth; i++) {
		dec[i] = plan_decide(p, (size_t)stk[i], view, as);
		hidden += dec[i] == OUT;
	}
	pos = a;
	for (;;) {
		size_t open = next < p->nbr ? p->br[next].open : (size_t)-1;
		size_t close =
		    depth > 0 ? p->br[stk[depth - 1]].close : (size_t)-1;

		if (open >= z && close >= z)
			break;
		if (close <= open) {
			const PlanBracket *b = &p->br[stk[depth - 1]];
			int d = dec[depth - 1];

			if (!hidden)
				put(&o, s, pos, close);
			if (!hidden && d == MARKED)
				put(&o, s, close, b->end < z ? b->end : z);
			pos = b->end < z ? b->end : z;
			hidden -= d == OUT;
			depth--;
			if (!hidden && d != MARKED) {
				o.seam = 1;
				if (d == OUT)
					pos = drop_line(&o, s, pos, z);
			}
			continue;
		}
		int d = plan_decide(p, next, view, as);

		if (!hidden) {
			put(&o, s, pos, open);
			if (d == MARKED)
				put(&o, s, open, open + 1);
			else
				o.seam = 1;
		}
		pos = open + 1;
		mem_grow((void **)&stk, &cap, (size_t)depth + 1, sizeof *stk);
		mem_grow((void **)&dec, &cap2, (size_t)depth + 1, sizeof *dec);
		stk[depth] = (int)next;
		dec[depth] = d;
		hidden += d == OUT;
		depth++;
		next++;
	}
	if (!hidden)
		put(&o, s, pos, z);
	free(stk);
	free(dec);
}

/* The text of block b from its start, cut at ':' or '*' or '(' . */
static void
heading_label(const Plan *p, const PlanBlock *b, Buf *out)
{
	const char *s = p->text;
	size_t i = b->start, z = b->text_end, k;

	while (i < z &&
	    (s[i] == '#' || s[i] == ' ' || s[i] == '*' || s[i] == '_' ||
		s[i] == '\n'))
		i++;
	for (k = i;
	     k < z && s[k] != ':' && s[k] != '*' && s[k] != '(' && s[k] != '\n';
	     k++)
		;
	while (k > i && s[k - 1] == ' ')
		k--;
	if (k - i > 60)
		k = i + 60;
	buf_append(out, s + i, k - i);
}

void
plan_block_label(const Plan *p, size_t bi, Buf *out)
{
	plan_block_label_in(p, bi, NULL, out);
}

void
plan_block_label_in(const Plan *p, size_t bi, const char *lang, Buf *out)
{
	const PlanBlock *b = &p->block[bi];
	size_t n = 0;

	switch (b->kind) {
	case PLAN_MEASURE:
		if (p->markdown && b->section >= 0) {
			heading_label(p, &p->block[b->section], out);
			buf_putc(out, ' ');
		} else {
			buf_puts(out, tr(lang, "measure "));
		}
		buf_append(out, p->text + b->num, b->numlen);
		return;
	case PLAN_HEADING:
		heading_label(p, b, out);
		return;
	case PLAN_TITLE:
		buf_puts(out, trp(lang, "plan", "title"));
		return;
	case PLAN_FRONT:
		buf_printf(out, tr(lang, "front matter, line %d"), b->line);
		return;
	case PLAN_PREAMBLE:
		for (size_t i = 0; i <= bi; i++)
			n += p->block[i].kind == PLAN_PREAMBLE;
		buf_printf(out, tr(lang, "preamble paragraph %zu"), n);
		return;
	case PLAN_PARAGRAPH:
		if (b->section >= 0) {
			int chapeau = 1;

			for (size_t i = (size_t)b->section + 1; i < bi; i++)
				chapeau &= p->block[i].kind != PLAN_MEASURE;
			heading_label(p, &p->block[b->section], out);
			if (chapeau && (size_t)b->section + 1 == bi)
				buf_puts(out, tr(lang, ", chapeau"));
			else
				buf_printf(out,
				    tr(lang, ", paragraph at line %d"),
				    b->line);
		} else {
			buf_printf(
			    out, tr(lang, "paragraph at line %d"), b->line);
		}
		return;
	}
}

void
plan_bracket_text(const Plan *p, size_t i, Buf *out)
{
	const PlanBracket *b = &p->br[i];

	buf_append(out, p->text + b->open + 1, b->close - b->open - 1);
}

static int
cmp_code(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
plan_delegations(const Plan *p, const char ***codes)
{
	const char **v = NULL;
	size_t n = 0, cap = 0, k = 0;

	for (size_t i = 0; i < p->ntag; i++) {
		if (!p->tag[i].known)
			continue;
		mem_grow((void **)&v, &cap, n + 1, sizeof *v);
		v[n++] = p->tag[i].code;
	}
	if (n > 0) {
		qsort(v, n, sizeof *v, cmp_code);
		for (size_t i = 0; i < n; i++)
			if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
				v[k++] = v[i];
	}
	*codes = v;
	return k;
}

void
plan_walk(const Plan *p, size_t a, size_t z, const PlanWalk *w, void *ctx)
{
	size_t next, pos = a, cap = 0;
	int *stk = NULL, depth = 0;

	next = open_at(p, a, &stk, &cap, &depth);
	for (int i = 0; i < depth; i++)
		w->open(ctx, (size_t)stk[i], 0);
	for (;;) {
		size_t open = next < p->nbr ? p->br[next].open : (size_t)-1;
		size_t close =
		    depth > 0 ? p->br[stk[depth - 1]].close : (size_t)-1;

		if (open >= z && close >= z)
			break;
		if (close <= open) {
			const PlanBracket *b = &p->br[stk[depth - 1]];

			if (close > pos)
				w->text(ctx, p->text + pos, close - pos);
			w->close(ctx, (size_t)stk[--depth]);
			pos = b->end < z ? b->end : z;
			continue;
		}
		if (open > pos)
			w->text(ctx, p->text + pos, open - pos);
		w->open(ctx, next, 1);
		mem_grow((void **)&stk, &cap, (size_t)depth + 1, sizeof(*stk));
		stk[depth++] = (int)next++;
		pos = open + 1;
	}
	if (z > pos)
		w->text(ctx, p->text + pos, z - pos);
	while (depth > 0)
		w->close(ctx, (size_t)stk[--depth]);
	free(stk);
}

void
plan_count_tags(const Plan *p, size_t from, size_t to, const char *const *codes,
    size_t n, long *add, long *del)
{
	memset(add, 0, n * sizeof(*add));
	memset(del, 0, n * sizeof(*del));
	for (size_t i = from; i < to; i++) {
		const PlanBracket *b = &p->br[i];

		for (int t = 0; t < b->ntag; t++) {
			const PlanTag *tg = &p->tag[b->tag0 + t];

			if (!tg->known)
				continue;
			for (size_t k = 0; k < n; k++)
				if (strcmp(codes[k], tg->code) == 0) {
					(tg->sign == '+' ? add : del)[k]++;
					break;
				}
		}
	}
}

size_t
plan_block_run(const Plan *p, size_t i)
{
	size_t j = i;

	while (j < p->nbr && p->br[j].block == p->br[i].block)
		j++;
	return j;
}
