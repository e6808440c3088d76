/*
 * dup.c - the duplication report (dup.h).
 *
 * One pass reads every project (store_dup_projects) into compact arrays:
 * word ids of the title and of the activities, sorted; country ids; a bit
 * set of thematic areas; the period in months.  Projects are then grouped
 * in cells of (country, area); each project is compared once with every
 * later project it shares a cell with (a mark per project keeps a pair
 * that shares several cells from being compared twice), up to the first
 * that starts after it ends.  The best pairs are kept in a heap of the
 * limit's size, whose worst score is the bar a pair must clear: a pair
 * whose word weights alone say it cannot clear it is not compared word by
 * word.  Only the pairs listed are described in words.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "../text/fold.h"
#include "../text/lang.h"
#include "dup.h"

#define DUP_MIN_DEFAULT 0.05
#define DUP_MAX_AREAS   64
#define DUP_WORDS_SHOWN 5

/* Words too common in any language of the portfolio to say anything. */
#define W(s)                                                                   \
	{                                                                      \
		s, sizeof(s) - 1                                               \
	}
static const struct {
	const char *w;
	size_t n;
} stop[] = { W("and"), W("the"), W("for"), W("with"), W("from"), W("into"),
	W("its"), W("their"), W("this"), W("that"), W("des"), W("les"),
	W("une"), W("dans"), W("pour"), W("par"), W("sur"), W("aux"), W("del"),
	W("los"), W("las"), W("para"), W("con") };
#undef W

typedef struct Proj {
	int64_t id;
	int lead;              /* interned lead */
	int start, end;        /* months; INT_MIN / INT_MAX when open */
	uint64_t areas;        /* entered, else recognised */
	int recognised;        /* areas were recognised */
	size_t t0, tn, a0, an; /* title and activity words in pool */
	double tsum, asum;     /* their weights */
	size_t c0, cn;         /* countries in cpool */
	size_t title, pillar, lead_key, period; /* in Dup.str */
	int64_t serial;
} Proj;

typedef struct Phrase {
	int area;
	uint32_t first; /* word id of its first word */
	char *text;     /* " phrase " folded */
} Phrase;

typedef struct Dup {
	Store *s;
	const DupOptions *o;
	Proj *p;
	size_t np, cap;
	StrMap words, leads, countries, areas;
	size_t nlead;
	char **country_key; /* by country id */
	size_t ncountry;
	char **area_key; /* by area bit */
	char **area_name;
	char **area_name_lang; /* in o->lang, or NULL (English) */
	int narea;
	uint32_t *pool; /* word ids */
	size_t npool, cappool;
	int *cpool;
	size_t ncpool, capcpool;
	uint32_t *df;      /* projects per word */
	uint64_t *wareas;  /* areas a word shows */
	uint64_t *wphrase; /* areas whose phrase begins with the word */
	double *idf;
	char **word; /* the words, by id */
	size_t nword, capword;
	/* Keywords: exact words and prefixes ("border*"), and phrases. */
	char **kw;
	int *kwarea, *kwprefix;
	size_t nkw;
	Phrase *ph;
	size_t nph;
	Buf fold, text;
	Buf str; /* the strings of the projects, each ending in NUL */
} Dup;

#define STR(d, off) ((d)->str.s + (off))

static int
is_stop(const char *w, size_t n)
{
	if (n < 3)
		return 1;
	if (n > 5)
		return 0;
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		if (stop[i].n == n && memcmp(stop[i].w, w, n) == 0)
			return 1;
	return 0;
}

/* Areas a new word shows, by the keywords. */
static void
word_areas(Dup *d, uint32_t id)
{
	const char *w = d->word[id];
	size_t n = strlen(w);

	for (size_t k = 0; k < d->nkw; k++) {
		size_t kn = strlen(d->kw[k]);

		if (!(d->kwprefix[k] ? (n >= kn && memcmp(w, d->kw[k], kn) == 0)
				     : strcmp(w, d->kw[k]) == 0))
			continue;
		/* A phrase's first word only says where to look. */
		if (d->kwarea[k] < 0)
			d->wphrase[id] |= (uint64_t)1 << (-1 - d->kwarea[k]);
		else
			d->wareas[id] |= (uint64_t)1 << d->kwarea[k];
	}
}

static uint32_t
word_id(Dup *d, const char *tmp)
{
	int64_t v;

	if (strmap_get(&d->words, tmp, &v))
		return (uint32_t)v;
	if (d->nword == d->capword) {
		d->capword = d->capword ? 2 * d->capword : 4096;
		d->word = xrealloc(d->word, d->capword * sizeof(*d->word));
		d->df = xrealloc(d->df, d->capword * sizeof(*d->df));
		d->wareas =
		    xrealloc(d->wareas, d->capword * sizeof(*d->wareas));
		d->wphrase =
		    xrealloc(d->wphrase, d->capword * sizeof(*d->wphrase));
	}
	d->word[d->nword] = xstrdup(tmp);
	d->df[d->nword] = 0;
	d->wareas[d->nword] = 0;
	d->wphrase[d->nword] = 0;
	strmap_put(&d->words, tmp, (int64_t)d->nword);
	word_areas(d, (uint32_t)d->nword);
	return (uint32_t)d->nword++;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
is_word_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/*
 * The words of a text into the pool, sorted and unique.  Folded text, or
 * ASCII text, whose folding is only lowering its letters: done here.
 */
static size_t
words_of(Dup *d, const char *t, size_t *start)
{
	size_t n0 = d->npool, n;
	char w[128];

	*start = n0;
	while (*t != '\0') {
		size_t k = 0;

		while (*t != '\0' && !is_word_char((unsigned char)*t))
			t++;
		for (; *t != '\0' && is_word_char((unsigned char)*t); t++)
			if (k < sizeof(w) - 1)
				w[k++] = *t >= 'A' && *t <= 'Z' ? *t + 32 : *t;
		if (k == 0 || is_stop(w, k))
			continue;
		w[k] = '\0';
		if (d->npool == d->cappool) {
			d->cappool = d->cappool ? 2 * d->cappool : 65536;
			d->pool =
			    xrealloc(d->pool, d->cappool * sizeof(*d->pool));
		}
		d->pool[d->npool++] = word_id(d, w);
	}
	n = d->npool - n0;
	if (n > 32) {
		qsort(d->pool + n0, n, sizeof(uint32_t), cmp_u32);
	} else {
		/* A title's few words: insertion is quicker than qsort. */
		uint32_t *v = d->pool + n0;

		for (size_t i = 1; i < n; i++) {
			uint32_t x = v[i];
			size_t j = i;

			for (; j > 0 && v[j - 1] > x; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
	/* Unique. */
	if (n > 1) {
		size_t k = 1;

		for (size_t i = 1; i < n; i++)
			if (d->pool[n0 + i] != d->pool[n0 + k - 1])
				d->pool[n0 + k++] = d->pool[n0 + i];
		n = k;
	}
	d->npool = n0 + n;
	return n;
}

/* The words of any text: folded first unless it is ASCII. */
static size_t
proj_words(Dup *d, const char *t, size_t *start)
{
	const char *c;

	for (c = t; *c != '\0' && (unsigned char)*c < 0x80; c++)
		;
	if (*c != '\0') {
		buf_reset(&d->fold);
		text_fold(t, &d->fold);
		t = buf_str(&d->fold);
	}
	return words_of(d, t, start);
}

static int
intern(StrMap *m, const char *k, char ***names, size_t *n)
{
	int64_t v;

	if (strmap_get(m, k, &v))
		return (int)v;
	strmap_put(m, k, (int64_t)*n);
	if (names != NULL) {
		*names = xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[*n] = xstrdup(k);
	}
	return (int)(*n)++;
}

/* "2015", "2015-07", "2015-07-01" as months; end: the last month. */
static int
months(const char *v, int end, int none)
{
	int y, m;

	if (v == NULL || strlen(v) < 4)
		return none;
	y = atoi(v);
	m = strlen(v) >= 7 ? atoi(v + 5) : (end ? 12 : 1);
	if (y <= 0 || m < 1 || m > 12)
		return none;
	return y * 12 + (m - 1);
}

/* Keep a string of a project; its offset. */
static size_t
keep(Dup *d, const char *v)
{
	size_t off = d->str.len;

	buf_puts(&d->str, v);
	buf_putc(&d->str, '\0');
	return off;
}

/* The period for people, kept in d->str; its offset. */
static size_t
period_text(Dup *d, const DupProject *p)
{
	Buf *b = &d->str;
	size_t off = b->len;

	if (p->start == NULL && p->end == NULL)
		buf_puts(b, p->open_ended ? "ongoing" : "period not given");
	else if (p->end == NULL)
		buf_printf(b, "%s%s", p->open_ended ? "since " : "", p->start);
	else if (p->start == NULL)
		buf_printf(b, "until %s", p->end);
	else if (strcmp(p->start, p->end) == 0)
		buf_puts(b, p->start);
	else
		buf_printf(b, "%s\xe2\x80\x93%s", p->start, p->end);
	buf_putc(b, '\0');
	return off;
}

static int
read_one(void *ctx, const DupProject *dp)
{
	Dup *d = ctx;
	Proj *p;
	const char *c;

	if (d->np == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 1024;
		d->p = xrealloc(d->p, d->cap * sizeof(*d->p));
	}
	p = &d->p[d->np];
	memset(p, 0, sizeof(*p));
	p->id = dp->id;
	p->lead_key = keep(d, dp->lead);
	p->lead = intern(&d->leads, dp->lead, NULL, &d->nlead);
	p->start = months(dp->start, 0, INT_MIN);
	p->end = months(dp->end, 1, INT_MAX);
	if (dp->end == NULL && !dp->open_ended && dp->start != NULL)
		p->end = months(dp->start, 1, INT_MAX);
	if (dp->open_ended)
		p->end = INT_MAX;
	p->title = keep(d, dp->title);
	p->pillar = keep(d, dp->pillar);
	p->serial = dp->serial;
	p->period = period_text(d, dp);
	/* Countries. */
	p->c0 = d->ncpool;
	for (c = dp->countries; *c != '\0';) {
		size_t w = strcspn(c, ", ");
		char code[8];

		if (w > 0 && w < sizeof(code)) {
			memcpy(code, c, w);
			code[w] = '\0';
			if (d->ncpool == d->capcpool) {
				d->capcpool =
				    d->capcpool ? 2 * d->capcpool : 4096;
				d->cpool = xrealloc(
				    d->cpool, d->capcpool * sizeof(*d->cpool));
			}
			d->cpool[d->ncpool++] = intern(
			    &d->countries, code, &d->country_key, &d->ncountry);
		}
		c += w;
		c += strspn(c, ", ");
	}
	p->cn = d->ncpool - p->c0;
	/* Areas as entered. */
	for (c = dp->areas; *c != '\0';) {
		size_t w = strcspn(c, " ");
		char key[128];
		int64_t bit;

		if (w > 0 && w < sizeof(key)) {
			memcpy(key, c, w);
			key[w] = '\0';
			if (strmap_get(&d->areas, key, &bit))
				p->areas |= (uint64_t)1 << bit;
		}
		c += w;
		c += strspn(c, " ");
	}
	/* Words. */
	p->tn = proj_words(d, dp->title, &p->t0);
	p->an = proj_words(d, dp->activities, &p->a0);
	if (p->areas == 0) {
		uint64_t trig = 0;

		for (size_t i = 0; i < p->tn; i++) {
			p->areas |= d->wareas[d->pool[p->t0 + i]];
			trig |= d->wphrase[d->pool[p->t0 + i]];
		}
		for (size_t i = 0; i < p->an; i++) {
			p->areas |= d->wareas[d->pool[p->a0 + i]];
			trig |= d->wphrase[d->pool[p->a0 + i]];
		}
		if (trig != 0) {
			/* " title activities ", folded, for the phrases. */
			buf_set(&d->text, " ");
			text_fold(dp->title, &d->text);
			buf_putc(&d->text, ' ');
			text_fold(dp->activities, &d->text);
			buf_putc(&d->text, ' ');
			for (size_t k = 0; k < d->nph; k++)
				if ((trig >> d->ph[k].area & 1) &&
				    strstr(buf_str(&d->text), d->ph[k].text))
					p->areas |= (uint64_t)1
					    << d->ph[k].area;
		}
		p->recognised = p->areas != 0;
	}
	d->np++;
	return 0;
}

static int
area_one(void *ctx, const RefItem *r)
{
	Dup *d = ctx;
	size_t n = (size_t)d->narea;

	if (d->narea >= DUP_MAX_AREAS)
		return 0;
	intern(&d->areas, r->key, &d->area_key, &n);
	d->area_name = xrealloc(d->area_name, n * sizeof(*d->area_name));
	d->area_name[n - 1] = xstrdup(r->name);
	d->narea = (int)n;
	return 0;
}

/* An area's name in the language asked for, by the bit of its key. */
static int
area_lang_one(void *ctx, const RefItem *r)
{
	Dup *d = ctx;
	int64_t bit;

	if (strmap_get(&d->areas, r->key, &bit) && bit < d->narea &&
	    d->area_name_lang[bit] == NULL)
		d->area_name_lang[bit] = xstrdup(r->name);
	return 0;
}

static int
keyword_one(void *ctx, const char *area, const char *kw)
{
	Dup *d = ctx;
	size_t n = strlen(kw);
	int64_t bit;

	if (n == 0 || !strmap_get(&d->areas, area, &bit))
		return 0;
	if (strchr(kw, ' ') != NULL) {
		/* A phrase: its first word triggers a search of the text. */
		size_t w = strcspn(kw, " ");
		Buf t = BUF_INIT;

		buf_printf(&t, " %.*s", (int)(n - (kw[n - 1] == '*')), kw);
		if (kw[n - 1] != '*')
			buf_putc(&t, ' ');
		d->ph = xrealloc(d->ph, (d->nph + 1) * sizeof(*d->ph));
		d->ph[d->nph].area = (int)bit;
		d->ph[d->nph].text = xstrdup(buf_str(&t));
		d->ph[d->nph].first = 0;
		buf_free(&t);
		/* The first word is kept as a prefix keyword of its own. */
		d->kw = xrealloc(d->kw, (d->nkw + 1) * sizeof(*d->kw));
		d->kwarea = xrealloc(d->kwarea, (d->nkw + 1) * sizeof(int));
		d->kwprefix = xrealloc(d->kwprefix, (d->nkw + 1) * sizeof(int));
		d->kw[d->nkw] = xstrndup(kw, w);
		d->kwarea[d->nkw] = -1 - (int)bit; /* a trigger, not an area */
		d->kwprefix[d->nkw] = 0;
		d->nkw++;
		d->nph++;
		return 0;
	}
	d->kw = xrealloc(d->kw, (d->nkw + 1) * sizeof(*d->kw));
	d->kwarea = xrealloc(d->kwarea, (d->nkw + 1) * sizeof(int));
	d->kwprefix = xrealloc(d->kwprefix, (d->nkw + 1) * sizeof(int));
	d->kwprefix[d->nkw] = kw[n - 1] == '*';
	d->kw[d->nkw] = xstrndup(kw, n - (size_t)d->kwprefix[d->nkw]);
	d->kwarea[d->nkw] = (int)bit;
	d->nkw++;
	return 0;
}

/* Weighted likeness of two sorted word lists: common / union. */
static double
alike(const Dup *d, const uint32_t *a, size_t na, double sa, const uint32_t *b,
    size_t nb, double sb)
{
	double common = 0;
	size_t i = 0, j = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j]) {
			i++;
		} else if (a[i] > b[j]) {
			j++;
		} else {
			common += d->idf[a[i]];
			i++;
			j++;
		}
	}
	return sa + sb - common > 0 ? common / (sa + sb - common) : 0;
}

typedef struct Hit {
	uint32_t a, b;
	double score;
} Hit;

static int
hit_cmp(const void *x, const void *y)
{
	const Hit *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/*
 * A project in a cell.  A cell's projects are in the order of their
 * start, then of their index: the same order in every cell, so that a
 * pair sharing several cells is met from the same side in each (the mark
 * then sees it once), and a project's later partners in a cell end at the
 * first that starts after it ends.
 */
typedef struct Cell {
	uint32_t cell, proj;
	int32_t start;
} Cell;

static int
cell_cmp(const void *x, const void *y)
{
	const Cell *a = x, *b = y;

	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->proj < b->proj ? -1 : a->proj > b->proj;
}

/*
 * What the inner loop reads of a project in a cell, side by side with the
 * cell's other projects: the pairs ruled out by lead or period, or by the
 * bound on their likeness, are ruled out without touching the projects.
 */
typedef struct Slot {
	uint32_t proj;
	int32_t lead, start, end;
	double tsum, asum;
} Slot;

/*
 * The pairs kept: all of them (limit 0), or the limit best in a heap whose
 * root is the one that would be dropped first, so that a pair is kept
 * only if it ranks before the root and the root's score is the bar.
 */
typedef struct Top {
	Hit *h;
	size_t n, cap, limit;
} Top;

static void
top_sift_down(Top *t, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		Hit x;

		if (l < t->n && hit_cmp(&t->h[l], &t->h[m]) > 0)
			m = l;
		if (r < t->n && hit_cmp(&t->h[r], &t->h[m]) > 0)
			m = r;
		if (m == i)
			return;
		x = t->h[i];
		t->h[i] = t->h[m];
		t->h[m] = x;
		i = m;
	}
}

static void
top_add(Top *t, const Hit *x)
{
	size_t i;

	if (t->limit > 0 && t->n == t->limit) {
		if (hit_cmp(x, &t->h[0]) >= 0)
			return;
		t->h[0] = *x;
		top_sift_down(t, 0);
		return;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->h = xrealloc(t->h, t->cap * sizeof(*t->h));
	}
	i = t->n++;
	t->h[i] = *x;
	if (t->limit == 0)
		return;
	while (i > 0 && hit_cmp(&t->h[i], &t->h[(i - 1) / 2]) > 0) {
		Hit y = t->h[i];

		t->h[i] = t->h[(i - 1) / 2];
		t->h[(i - 1) / 2] = y;
		i = (i - 1) / 2;
	}
}

/* The least score a new pair needs to be kept, given min. */
static double
top_bar(const Top *t, double min)
{
	if (t->limit > 0 && t->n == t->limit && t->h[0].score > min)
		return t->h[0].score;
	return min;
}

/* The most two word sets of these weights can be alike. */
static double
bound(double a, double b)
{
	double lo = a < b ? a : b, hi = a < b ? b : a;

	return hi > 0 ? lo / hi + 1e-9 : 0;
}

static void
side_fill(const Dup *d, DupSide *s, const Proj *p)
{
	s->id = p->id;
	s->title = xstrdup(STR(d, p->title));
	s->lead = xstrdup(STR(d, p->lead_key));
	s->pillar = xstrdup(STR(d, p->pillar));
	s->period = xstrdup(STR(d, p->period));
	s->serial = p->serial;
}

/* Describe the pair of projects x and y in words. */
static void
describe(Dup *d, const Proj *x, const Proj *y, DupPair *out)
{
	Buf c = BUF_INIT, a = BUF_INIT, an = BUF_INIT, anl = BUF_INIT,
	    w = BUF_INIT;
	Buf r = BUF_INIT;
	uint64_t both = x->areas & y->areas;
	uint32_t best[DUP_WORDS_SHOWN];
	size_t nbest = 0;

	for (size_t i = 0; i < x->cn; i++)
		for (size_t j = 0; j < y->cn; j++)
			if (d->cpool[x->c0 + i] == d->cpool[y->c0 + j])
				buf_printf(&c, "%s%s", c.len ? ", " : "",
				    d->country_key[d->cpool[x->c0 + i]]);
	for (int k = 0; k < d->narea; k++)
		if (both >> k & 1) {
			buf_printf(
			    &a, "%s%s", a.len ? ", " : "", d->area_key[k]);
			buf_printf(
			    &an, "%s%s", an.len ? "; " : "", d->area_name[k]);
			buf_printf(&anl, "%s%s", anl.len ? "; " : "",
			    d->area_name_lang && d->area_name_lang[k]
				? d->area_name_lang[k]
				: d->area_name[k]);
		}
	/* The rarest words of the titles, then of the activities. */
	for (int pass = 0; pass < 2; pass++) {
		const uint32_t *p = d->pool + (pass ? x->a0 : x->t0);
		const uint32_t *q = d->pool + (pass ? y->a0 : y->t0);
		size_t np = pass ? x->an : x->tn, nq = pass ? y->an : y->tn;
		size_t i = 0, j = 0;

		while (i < np && j < nq) {
			if (p[i] < q[j]) {
				i++;
			} else if (p[i] > q[j]) {
				j++;
			} else {
				uint32_t wd = p[i];
				size_t k, seen = 0;

				for (k = 0; k < nbest; k++)
					seen |= best[k] == wd;
				if (!seen) {
					/* Keep the DUP_WORDS_SHOWN rarest. */
					if (nbest < DUP_WORDS_SHOWN) {
						best[nbest++] = wd;
					} else {
						size_t m = 0;

						for (k = 1; k < nbest; k++)
							if (d->idf[best[k]] <
							    d->idf[best[m]])
								m = k;
						if (d->idf[wd] >
						    d->idf[best[m]])
							best[m] = wd;
					}
				}
				i++;
				j++;
			}
		}
	}
	for (size_t i = 0; i < nbest; i++)
		for (size_t j = i + 1; j < nbest; j++)
			if (d->idf[best[j]] > d->idf[best[i]]) {
				uint32_t t = best[i];

				best[i] = best[j];
				best[j] = t;
			}
	for (size_t i = 0; i < nbest; i++)
		buf_printf(&w, "%s%s", i ? ", " : "", d->word[best[i]]);
	buf_printf(&r, "%s and %s, both in %s, both on %s%s; ",
	    STR(d, x->lead_key), STR(d, y->lead_key), buf_str(&c), buf_str(&an),
	    x->recognised || y->recognised ? " (recognised from the text)"
					   : "");
	if (x->start == INT_MIN && x->end == INT_MAX && y->start == INT_MIN &&
	    y->end == INT_MAX)
		buf_puts(&r, "periods not given");
	else
		buf_printf(&r, "periods %s and %s overlap", STR(d, x->period),
		    STR(d, y->period));
	if (w.len)
		buf_printf(&r, "; words in common: %s", buf_str(&w));
	side_fill(d, &out->a, x);
	side_fill(d, &out->b, y);
	out->countries = xstrdup(buf_str(&c));
	out->areas = xstrdup(buf_str(&a));
	out->recognised = x->recognised || y->recognised;
	out->words = xstrdup(buf_str(&w));
	out->area_names = xstrdup(buf_str(&anl));
	out->no_periods = x->start == INT_MIN && x->end == INT_MAX &&
	    y->start == INT_MIN && y->end == INT_MAX;
	out->reason = xstrdup(buf_str(&r));
	buf_free(&c);
	buf_free(&a);
	buf_free(&an);
	buf_free(&anl);
	buf_free(&w);
	buf_free(&r);
}

static void
dup_free(Dup *d)
{
	free(d->p);
	buf_free(&d->str);
	strmap_free(&d->words);
	strmap_free(&d->leads);
	strmap_free(&d->countries);
	strmap_free(&d->areas);
	for (size_t i = 0; i < d->ncountry; i++)
		free(d->country_key[i]);
	free(d->country_key);
	for (int i = 0; i < d->narea; i++) {
		free(d->area_key[i]);
		free(d->area_name[i]);
		if (d->area_name_lang != NULL)
			free(d->area_name_lang[i]);
	}
	free(d->area_key);
	free(d->area_name);
	free(d->area_name_lang);
	free(d->pool);
	free(d->cpool);
	free(d->df);
	free(d->wareas);
	free(d->wphrase);
	free(d->idf);
	for (size_t i = 0; i < d->nword; i++)
		free(d->word[i]);
	free(d->word);
	for (size_t i = 0; i < d->nkw; i++)
		free(d->kw[i]);
	free(d->kw);
	free(d->kwarea);
	free(d->kwprefix);
	for (size_t i = 0; i < d->nph; i++)
		free(d->ph[i].text);
	free(d->ph);
	buf_free(&d->fold);
	buf_free(&d->text);
}

int
dup_report(Store *s, const DupOptions *o, DupReport *r, Buf *err)
{
	Dup d;
	Cell *cells = NULL;
	size_t ncell = 0, capcell = 0;
	size_t *pcell = NULL, *pcell0 = NULL;
	uint32_t *mark = NULL, *cend = NULL;
	Slot *slot = NULL;
	Top top = { NULL, 0, 0, 0 };
	double min = o->min >= 0 ? o->min : DUP_MIN_DEFAULT;
	int64_t want_country = -1, want_area = -1;
	int want_lead = -1;
	int rc = -1;

	memset(&d, 0, sizeof(d));
	memset(r, 0, sizeof(*r));
	d.s = s;
	d.o = o;
	if (store_areas(s, NULL, area_one, &d, err) != 0 ||
	    store_area_keywords(s, keyword_one, &d, err) != 0)
		goto out;
	if (o->lang != NULL && strcmp(o->lang, "en") != 0) {
		d.area_name_lang =
		    xcalloc(d.narea ? (size_t)d.narea : 1, sizeof(char *));
		if (store_areas(s, o->lang, area_lang_one, &d, err) != 0)
			goto out;
	}
	/* Phrase triggers are resolved as words are met (word_areas). */
	if (store_dup_projects(s, read_one, &d, err) != 0)
		goto out;
	r->projects = d.np;
	/* Rarity: idf of each word over the projects. */
	for (size_t i = 0; i < d.np; i++) {
		const Proj *p = &d.p[i];
		size_t a = 0, b = 0;

		/* Each word once per project, title and activities merged. */
		while (a < p->tn || b < p->an) {
			uint32_t x = a < p->tn ? d.pool[p->t0 + a] : UINT32_MAX;
			uint32_t y = b < p->an ? d.pool[p->a0 + b] : UINT32_MAX;

			d.df[x < y ? x : y]++;
			if (x <= y)
				a++;
			if (y <= x)
				b++;
		}
	}
	d.idf = xcalloc(d.nword ? d.nword : 1, sizeof(*d.idf));
	for (size_t w = 0; w < d.nword; w++)
		d.idf[w] =
		    log((double)(d.np + 1) / (double)(d.df[w] + 1)) + 0.01;
	for (size_t i = 0; i < d.np; i++) {
		Proj *p = &d.p[i];

		for (size_t k = 0; k < p->tn; k++)
			p->tsum += d.idf[d.pool[p->t0 + k]];
		for (size_t k = 0; k < p->an; k++)
			p->asum += d.idf[d.pool[p->a0 + k]];
	}
	/* The filters, as ids; one unknown selects nothing. */
	if (o->country != NULL) {
		int64_t v;

		want_country =
		    strmap_get(&d.countries, o->country, &v) ? v : -2;
	}
	if (o->area != NULL) {
		int64_t v;

		want_area = strmap_get(&d.areas, o->area, &v) ? v : -2;
	}
	if (o->entity != NULL) {
		int64_t v;

		want_lead = strmap_get(&d.leads, o->entity, &v) ? (int)v : -2;
	}
	if (want_country == -2 || want_area == -2 || want_lead == -2) {
		rc = 0;
		goto out;
	}
	/* Cells (country, area) and their projects. */
	for (size_t i = 0; i < d.np; i++) {
		const Proj *p = &d.p[i];

		for (size_t c = 0; c < p->cn; c++) {
			int cc = d.cpool[p->c0 + c];

			if (want_country >= 0 && cc != want_country)
				continue;
			for (int a = 0; a < d.narea; a++) {
				if (!(p->areas >> a & 1) ||
				    (want_area >= 0 && a != want_area))
					continue;
				if (ncell == capcell) {
					capcell = capcell ? 2 * capcell : 4096;
					cells = xrealloc(
					    cells, capcell * sizeof(*cells));
				}
				cells[ncell].cell =
				    (uint32_t)(cc * DUP_MAX_AREAS + a);
				cells[ncell].proj = (uint32_t)i;
				cells[ncell].start = p->start;
				ncell++;
			}
		}
	}
	if (ncell > 0)
		qsort(cells, ncell, sizeof(*cells), cell_cmp);
	/* The cells' projects side by side; each project's places in cells. */
	slot = xcalloc(ncell ? ncell : 1, sizeof(*slot));
	pcell0 = xcalloc(d.np + 1, sizeof(*pcell0));
	pcell = xcalloc(ncell ? ncell : 1, sizeof(*pcell));
	for (size_t k = 0; k < ncell; k++) {
		const Proj *p = &d.p[cells[k].proj];

		slot[k].proj = cells[k].proj;
		slot[k].lead = p->lead;
		slot[k].start = p->start;
		slot[k].end = p->end;
		slot[k].tsum = p->tsum;
		slot[k].asum = p->asum;
		pcell0[cells[k].proj + 1]++;
	}
	for (size_t i = 0; i < d.np; i++)
		pcell0[i + 1] += pcell0[i];
	{
		size_t *fill = xcalloc(d.np + 1, sizeof(*fill));

		for (size_t k = 0; k < ncell; k++)
			pcell[pcell0[cells[k].proj] + fill[cells[k].proj]++] =
			    k;
		free(fill);
	}
	/* Where each cell ends, so the inner loop reads slots only. */
	cend = xcalloc(ncell ? ncell : 1, sizeof(*cend));
	for (size_t k = ncell; k-- > 0;)
		cend[k] = k + 1 < ncell && cells[k + 1].cell == cells[k].cell
		    ? cend[k + 1]
		    : (uint32_t)(k + 1);
	top.limit = o->limit;
	mark = xcalloc(d.np ? d.np : 1, sizeof(*mark));
	for (size_t i = 0; i < d.np; i++) {
		const Proj *x = &d.p[i];

		for (size_t q = pcell0[i]; q < pcell0[i + 1]; q++) {
			size_t k = pcell[q];
			const Slot *sx = &slot[k];

			/* The later projects of the cell that start
			 * before x ends: after k. */
			for (size_t m = k + 1;
			     m < cend[k] && slot[m].start <= sx->end; m++) {
				const Slot *sy = &slot[m];
				uint32_t j = sy->proj;
				const Proj *y;
				double sc, bar, ab;
				Hit h;

				if (mark[j] == i + 1)
					continue;
				mark[j] = (uint32_t)(i + 1);
				if (sx->lead == sy->lead || sx->start > sy->end)
					continue;
				if (want_lead >= 0 && sx->lead != want_lead &&
				    sy->lead != want_lead)
					continue;
				r->candidates++;
				/*
				 * Likeness is at most the ratio of the
				 * lighter word set to the heavier: a pair
				 * that cannot reach the bar is not merged.
				 */
				bar = top_bar(&top, min);
				ab = sx->asum > 0 || sy->asum > 0
				    ? bound(sx->asum, sy->asum)
				    : -1;
				if (ab >= 0 &&
				    0.6 * bound(sx->tsum, sy->tsum) + 0.4 * ab <
					bar)
					continue;
				if (ab < 0 && bound(sx->tsum, sy->tsum) < bar)
					continue;
				y = &d.p[j];
				sc = alike(&d, d.pool + x->t0, x->tn, x->tsum,
				    d.pool + y->t0, y->tn, y->tsum);
				if (ab >= 0) {
					if (0.6 * sc + 0.4 * ab < bar)
						continue;
					sc = 0.6 * sc +
					    0.4 *
						alike(&d, d.pool + x->a0, x->an,
						    x->asum, d.pool + y->a0,
						    y->an, y->asum);
				}
				if (sc < min)
					continue;
				h.a = (uint32_t)(i < j ? i : j);
				h.b = (uint32_t)(i < j ? j : i);
				h.score = sc;
				top_add(&top, &h);
			}
		}
	}
	if (top.n > 0)
		qsort(top.h, top.n, sizeof(*top.h), hit_cmp);
	r->pair = xcalloc(top.n ? top.n : 1, sizeof(*r->pair));
	for (size_t k = 0; k < top.n; k++) {
		const Proj *x = &d.p[top.h[k].a], *y = &d.p[top.h[k].b];

		r->pair[k].score = top.h[k].score;
		describe(&d, x, y, &r->pair[k]);
	}
	r->npair = top.n;
	rc = 0;
out:
	free(cells);
	free(pcell);
	free(pcell0);
	free(mark);
	free(slot);
	free(cend);
	free(top.h);
	dup_free(&d);
	return rc;
}

static void
side_free(DupSide *s)
{
	free(s->title);
	free(s->lead);
	free(s->pillar);
	free(s->period);
}

void
dup_report_free(DupReport *r)
{
	for (size_t i = 0; i < r->npair; i++) {
		side_free(&r->pair[i].a);
		side_free(&r->pair[i].b);
		free(r->pair[i].countries);
		free(r->pair[i].areas);
		free(r->pair[i].words);
		free(r->pair[i].area_names);
		free(r->pair[i].reason);
	}
	free(r->pair);
	memset(r, 0, sizeof(*r));
}

/*
 * A project's period as the report writes it for people ("since 2013",
 * "period not given", two dates joined by a dash), in lang; kept in
 * out.
 */
const char *
dup_period_text(const char *lang, const char *period, Buf *out)
{
	buf_reset(out);
	if (strcmp(period, "ongoing") == 0)
		buf_puts(out, tr(lang, "ongoing"));
	else if (strcmp(period, "period not given") == 0)
		buf_puts(out, tr(lang, "period not given"));
	else if (strncmp(period, "since ", 6) == 0)
		buf_printf(out, tr(lang, "since %s"), period + 6);
	else if (strncmp(period, "until ", 6) == 0)
		buf_printf(out, tr(lang, "until %s"), period + 6);
	else
		buf_puts(out, period);
	return buf_str(out);
}

/*
 * Why a pair is flagged, in lang: the report's own sentence in English,
 * else made again from the pair's parts (dup.h).
 */
void
dup_reason_text(const char *lang, const DupPair *d, Buf *out)
{
	if (strcmp(lang, "en") == 0) {
		buf_puts(out, d->reason);
		return;
	}
	buf_printf(out,
	    d->recognised
		? tr(lang,
		      "%1$s and %2$s, both in %3$s, both on %4$s "
		      "(recognised from the text)")
		: tr(lang, "%1$s and %2$s, both in %3$s, both on %4$s"),
	    d->a.lead, d->b.lead, d->countries, d->area_names);
	buf_puts(out, tr(lang, "; "));
	if (d->no_periods) {
		buf_puts(out, tr(lang, "periods not given"));
	} else {
		Buf a = BUF_INIT, b = BUF_INIT;

		buf_printf(out, tr(lang, "periods %s and %s overlap"),
		    dup_period_text(lang, d->a.period, &a),
		    dup_period_text(lang, d->b.period, &b));
		buf_free(&a);
		buf_free(&b);
	}
	if (*d->words) {
		buf_puts(out, tr(lang, "; "));
		buf_printf(out, tr(lang, "words in common: %s"), d->words);
	}
}
