/*
 * dashboard.c - the portfolio's statistics as SVG charts: projects by
 * pillar, entity × pillar, scope and status.  Each chart is drawn on the
 * server (no script), labelled for screen readers, and followed by its
 * figures as a table, so nothing is said by colour alone.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "page_int.h"

#define NPILLAR 4

static const char *const pillar_key[NPILLAR] = { "I", "II", "III", "IV" };

/* Colours of the pillars: apart for the colour-blind, dark enough on white. */
static const char *const pillar_fill[NPILLAR] = { "#1f5f9e", "#c0580e",
	"#2e7d32", "#7b3f98" };

/* A group: its key, its name and a count per pillar (or one count). */
typedef struct Bar {
	char *key, *name;
	int64_t n[NPILLAR];
	int64_t total;
} Bar;

typedef struct Bars {
	Bar *bar;
	size_t n, cap;
	int pillar;       /* the pillar whose counts come in, -1: totals */
	const char *by;   /* the dimension */
	const char *lang; /* pillar_rename: the names of this language */
} Bars;

static Bar *
bar_get(Bars *b, const char *key, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->bar[i].key, key) == 0)
			return &b->bar[i];
	if (b->n == b->cap)
		b->bar = xrealloc(
		    b->bar, (b->cap = b->cap ? 2 * b->cap : 16) * sizeof(Bar));
	memset(&b->bar[b->n], 0, sizeof(Bar));
	b->bar[b->n].key = xstrdup(key);
	b->bar[b->n].name = xstrdup(name);
	return &b->bar[b->n++];
}

static int
bar_one(void *ctx, const StatGroup *g)
{
	Bars *b = ctx;
	Bar *r = bar_get(b, g->key, g->name);

	if (b->pillar < 0)
		r->total = g->count;
	else
		r->n[b->pillar] = g->count;
	return 0;
}

static void
bars_free(Bars *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->bar[i].key);
		free(b->bar[i].name);
	}
	free(b->bar);
}

/* Counts by dimension by of the projects f selects; per pillar if split. */
static void
bars_load(Page *p, const char *by, const ProjectFilter *f, int split, Bars *b)
{
	ProjectFilter g = *f;
	Buf err = BUF_INIT;
	int64_t total;

	g.limit = g.offset = 0;
	b->pillar = -1;
	b->by = by;
	store_stats(p->s, by, &g, &total, bar_one, b, &err);
	for (int i = 0; split && i < NPILLAR; i++) {
		g.pillar = pillar_key[i];
		b->pillar = i;
		store_stats(p->s, by, &g, &total, bar_one, b, &err);
	}
	buf_free(&err);
}

/* The pillars' short names in the page's language (the counts' are English). */
static int
pillar_rename(void *ctx, const PillarName *n)
{
	Bars *b = ctx;

	if (strcmp(n->lang, b->lang) != 0)
		return 0;
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->bar[i].key, n->key) == 0) {
			free(b->bar[i].name);
			b->bar[i].name = xstrdup(n->short_name);
		}
	return 0;
}

void
page_entity_pillar(Page *p, const ProjectFilter *f, const char *caption)
{
	Bars b = { NULL, 0, 0, 0, NULL, NULL };
	Buf num = BUF_INIT, t = BUF_INIT;

	bars_load(p, "entity", f, 1, &b);
	if (b.n == 0) {
		bars_free(&b);
		return;
	}
	html(&p->out,
	    "<table class=\"list\">\n<caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th>",
	    caption, PT(p, "Entity"));
	for (int i = 0; i < NPILLAR; i++) {
		buf_reset(&t);
		buf_printf(&t, PT(p, "Pillar %s"), pillar_key[i]);
		html(&p->out, "<th scope=\"col\" class=\"num\">%s</th>",
		    buf_str(&t));
	}
	html(&p->out,
	    "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n"
	    "<tbody>\n",
	    PT(p, "All"));
	for (size_t k = 0; k < b.n; k++) {
		const Bar *r = &b.bar[k];

		html(&p->out,
		    "<tr><th scope=\"row\"><a href=\"/organisations/%u\">%s</a>"
		    "</th>",
		    r->key, r->key);
		for (int i = 0; i < NPILLAR; i++)
			html(&p->out, "<td class=\"num\">%s</td>",
			    page_num(p, &num, r->n[i]));
		html(&p->out, "<td class=\"num\">%s</td></tr>\n",
		    page_num(p, &num, r->total));
	}
	html(&p->out, "</tbody></table>\n");
	bars_free(&b);
	buf_free(&num);
	buf_free(&t);
}

/* The colour of bar k of an unstacked chart: its pillar's, by pillar. */
static const char *
bar_fill(const Bars *b, size_t k)
{
	if (strcmp(b->by, "pillar") == 0)
		for (int i = 0; i < NPILLAR; i++)
			if (strcmp(b->bar[k].key, pillar_key[i]) == 0)
				return pillar_fill[i];
	return pillar_fill[0];
}

/*
 * The width of UTF-8 text s in Latin letters, about: a character one, a
 * Chinese (a three-byte character) two.
 */
static size_t
text_width(const char *s)
{
	size_t w = 0;

	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if ((*c & 0xC0) != 0x80)
			w += *c >= 0xE0 ? 2 : 1;
	return w;
}

/* The scopes of the chart by scope, as said. */
static const char *const scopes[][2] = {
	{ "global", N_("global") },
	{ "regional", N_("regional") },
	{ "national", N_("national") },
};

/* The name of group k of b in the page's language where it is ours. */
static const char *
group_name(const Page *p, const Bars *b, size_t k)
{
	if (strcmp(b->by, "status") == 0)
		return page_status_name(p, b->bar[k].key);
	if (strcmp(b->by, "scope") == 0)
		for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
			if (strcmp(b->bar[k].key, scopes[i][0]) == 0)
				return PT(p, scopes[i][1]);
	return b->bar[k].name;
}

/*
 * A horizontal bar chart of b (at most max bars): stacked by pillar when
 * stacked, else one colour.  id names the chart for aria-labelledby.
 * Right to left (Arabic) the chart is mirrored: labels at the right, the
 * bars growing leftwards, as the page reads.
 */
static void
chart(Page *p, const char *id, const char *title, const Bars *b, size_t max,
    int stacked)
{
	const int label_w = 190, bar_w = 420, row_h = 24, top = 8;
	const int wide = label_w + bar_w + 60, rtl = lang_rtl(p->lang);
	/* x of a box (x, w) and of a text's anchor, mirrored right to left */
#define MX(x, w) (rtl ? wide - (x) - (w) : (x))
	const char *label_anchor = rtl ? "start" : "end";
	const char *value_anchor = rtl ? "end" : "start";
	size_t n = b->n < max ? b->n : max;
	int64_t most = 1;
	int h = top + (int)n * row_h + (stacked ? 30 : 8);
	Buf num = BUF_INIT, t = BUF_INIT;

	for (size_t k = 0; k < n; k++)
		if (b->bar[k].total > most)
			most = b->bar[k].total;
	html(&p->out,
	    "<figure class=\"chart\">\n<figcaption id=\"%s\">%s</figcaption>\n"
	    "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s\"%S "
	    "xmlns=\"http://www.w3.org/2000/svg\">\n",
	    id, title, wide, h, id, rtl ? " direction=\"ltr\"" : "");
	for (size_t k = 0; k < n; k++) {
		const Bar *r = &b->bar[k];
		int y = top + (int)k * row_h, x = label_w;

		const char *label = text_width(r->name) > 28 ? r->key : r->name;

		if (strcmp(b->by, "status") == 0 || strcmp(b->by, "scope") == 0)
			label = group_name(p, b, k);
		if (strcmp(b->by, "pillar") == 0 && label != r->key)
			html(&p->out,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
			    "class=\"label\">%s: %s</text>\n",
			    MX(label_w - 8, 0), y + 16, label_anchor, r->key,
			    label);
		else
			html(&p->out,
			    "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
			    "class=\"label\">%s</text>\n",
			    MX(label_w - 8, 0), y + 16, label_anchor, label);
		for (int i = 0; i < (stacked ? NPILLAR : 1); i++) {
			int64_t v = stacked ? r->n[i] : r->total;
			int w = (int)(v * bar_w / most);

			if (w <= 0)
				continue;
			buf_reset(&t);
			if (stacked)
				buf_printf(&t, PT(p, "%s, pillar %s: %s"),
				    r->name, pillar_key[i],
				    page_num(p, &num, v));
			else
				buf_printf(&t, PT(p, "%s: %s"),
				    group_name(p, b, k), page_num(p, &num, v));
			html(&p->out,
			    "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" "
			    "fill=\"%s\"><title>%s</title></rect>\n",
			    MX(x, w), y + 3, w, row_h - 6,
			    stacked ? pillar_fill[i] : bar_fill(b, k),
			    buf_str(&t));
			x += w;
		}
		html(&p->out,
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
		    "class=\"value\">%s</text>\n",
		    MX(x + 6, 0), y + 16, value_anchor,
		    page_num(p, &num, r->total));
	}
	if (stacked) {
		int y = top + (int)n * row_h + 12;

		for (int i = 0; i < NPILLAR; i++) {
			buf_reset(&t);
			buf_printf(&t, PT(p, "Pillar %s"), pillar_key[i]);
			html(&p->out,
			    "<rect x=\"%d\" y=\"%d\" width=\"14\" "
			    "height=\"14\" "
			    "fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
			    "text-anchor=\"%s\" class=\"label\">%s</text>\n",
			    MX(label_w + i * 100, 14), y, pillar_fill[i],
			    MX(label_w + i * 100 + 20, 0), y + 12, value_anchor,
			    buf_str(&t));
		}
	}
	html(&p->out, "</svg>\n");
#undef MX
	/* The figures, for whoever cannot see the picture. */
	html(&p->out,
	    "<details><summary>%s</summary>\n"
	    "<table class=\"list\"><thead><tr><th scope=\"col\">"
	    "%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "</tr></thead>\n<tbody>\n",
	    PT(p, "The figures"), PT(p, "Group"), PT(p, "Projects"));
	for (size_t k = 0; k < b->n; k++)
		html(&p->out,
		    "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td>"
		    "</tr>\n",
		    group_name(p, b, k), page_num(p, &num, b->bar[k].total));
	html(&p->out, "</tbody></table></details>\n</figure>\n");
	buf_free(&num);
	buf_free(&t);
}

static int
nothing(void *ctx, const StatGroup *g)
{
	return 0;
}

int
page_dashboard(Page *p)
{
	static const struct {
		const char *by, *title;
		int stacked;
		size_t max;
	} charts[] = {
		{ "pillar", N_("Projects by pillar"), 0, 4 },
		{ "entity",
		    N_("Projects by entity and pillar (the 15 with most)"), 1,
		    15 },
		{ "scope", N_("Projects by geographical scope"), 0, 3 },
		{ "status", N_("Projects by status"), 0, 4 },
	};
	ProjectFilter f;
	Buf err = BUF_INIT, id = BUF_INIT, num = BUF_INIT, n = BUF_INIT;
	int64_t total = 0;

	memset(&f, 0, sizeof(f));
	p->nav = "dashboard";
	page_begin(p, PT(p, "Dashboard"));
	store_stats(p->s, "pillar", &f, &total, nothing, NULL, &err);
	html(&n, "<strong>%s</strong>", page_num(p, &num, total));
	html(&p->out, "<p class=\"lead\">");
	page_markup(&p->out,
	    PTN(p,
		"%s project in the portfolio. A project with several "
		"entities counts once for each of them in the chart by "
		"entity, and once for each scope it has.",
		"%s projects in the portfolio. A project with several "
		"entities counts once for each of them in the chart by "
		"entity, and once for each scope it has.",
		(unsigned long)total),
	    1, buf_str(&n));
	html(&p->out, "</p>\n<div class=\"charts\">\n");
	for (size_t i = 0; i < sizeof(charts) / sizeof(charts[0]); i++) {
		Bars b = { NULL, 0, 0, 0, NULL, NULL };

		bars_load(p, charts[i].by, &f, charts[i].stacked, &b);
		if (strcmp(charts[i].by, "pillar") == 0) {
			b.lang = p->lang;
			store_pillar_names(p->s, pillar_rename, &b, &err);
		}
		buf_reset(&id);
		buf_printf(&id, "chart-%s", charts[i].by);
		chart(p, buf_str(&id), PT(p, charts[i].title), &b,
		    charts[i].max, charts[i].stacked);
		bars_free(&b);
	}
	html(&p->out, "</div>\n");
	buf_free(&err);
	buf_free(&id);
	buf_free(&num);
	buf_free(&n);
	return page_end(p, 200);
}
