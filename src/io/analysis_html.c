/*
 * analysis_html.c - the portfolio analysis as HTML (analysis_render.h):
 * the body, shared by the standalone document and the page /analysis,
 * and the document around it.
 *
 * Each grouping is a horizontal bar chart in inline SVG, drawn here (no
 * script, nothing fetched), labelled for screen readers (role="img", a
 * <title> named by aria-labelledby), then its figures as a table, so that
 * nothing is said by the picture alone.  In Arabic the chart is mirrored:
 * labels on the right, bars growing to the left, as the page reads.
 * Every text is escaped; only the constant markup is written raw.
 */
#include <string.h>

#include "../text/lang.h"
#include "analysis_render.h"

#define CHART_W   640 /* the viewBox's width */
#define LABEL_W   170 /* the labels' column */
#define VALUE_W   110 /* room for "104 (33%)" after the longest bar */
#define ROW_H     24
#define CHART_MAX 15 /* bars at most: the entities most involved */

/* Colours of the pillars (as the dashboard's), apart for the colour-blind. */
static const char *const pillar_fill[] = { "#1f5f9e", "#c0580e", "#2e7d32",
	"#7b3f98" };

static const char style[] =
    "body{font:11pt/1.4 \"Noto Sans\",\"DejaVu Sans\",sans-serif;"
    "color:#000;margin:2em auto;max-width:50em;padding:0 1em}\n"
    "header{border-bottom:1px solid #000;margin-bottom:1.5em}\n"
    ".symbol{display:flex;justify-content:space-between;font-size:9pt;"
    "margin:0}\n"
    "h1{font-size:15pt}h2{font-size:12pt;margin-top:1.6em}\n"
    "table{border-collapse:collapse;margin:.6em 0 1.2em}\n"
    "th,td{border:1px solid #999;padding:.2em .5em;text-align:start}\n"
    "td.num,th.num{text-align:end}\n"
    "figure.chart{margin:0}figure.chart svg{max-width:100%;height:auto}\n"
    "svg .label,svg .value{font-size:12px}svg .value{fill:#444}\n";

/* open, text escaped, close. */
static void
element(Buf *out, const char *open, const char *text, const char *close)
{
	buf_puts(out, open);
	buf_html_text(out, text);
	buf_puts(out, close);
}

/* The fill of group k of table t: its pillar's colour, by pillar. */
static const char *
fill_of(const AnalysisTable *t, size_t k)
{
	static const char *const keys[] = { "I", "II", "III", "IV" };

	if (strcmp(t->by, "pillar") == 0)
		for (int i = 0; i < 4; i++)
			if (strcmp(t->group[k].key, keys[i]) == 0)
				return pillar_fill[i];
	return pillar_fill[0];
}

/* The label of a group in charts and tables. */
static const char *
label_of(const AnalysisReport *r, const AnalysisTable *t, size_t k)
{
	if (strcmp(t->by, "pillar") == 0)
		return analysis_pillar_label(r->lang, t->group[k].key);
	if (strcmp(t->by, "entity") == 0)
		return t->group[k].key;
	return t->group[k].name;
}

/* "104 (33%)": a count and its share in the language. */
static void
count_share(Buf *out, const char *lang, int64_t n, double share)
{
	Buf b = BUF_INIT;

	lang_int(&b, lang, n);
	buf_puts(&b, " (");
	lang_percent(&b, lang, share);
	buf_puts(&b, ")");
	buf_html_text(out, buf_str(&b));
	buf_free(&b);
}

/*
 * The bar chart of table t: a bar a group (CHART_MAX at most), the longest
 * as wide as the room allows.  Mirrored right to left.
 */
static void
chart_svg(const AnalysisReport *r, const AnalysisTable *t, Buf *out)
{
	const int bar_max = CHART_W - LABEL_W - VALUE_W;
	size_t n = t->ngroup < CHART_MAX ? t->ngroup : CHART_MAX;
	int rtl = lang_rtl(r->lang), h = (int)n * ROW_H + 8;
	int64_t most = 1;

	for (size_t k = 0; k < n; k++)
		if (t->group[k].count > most)
			most = t->group[k].count;
	buf_printf(out,
	    "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-labelledby=\"chart-%s\" direction=\"%s\">\n",
	    CHART_W, h, CHART_W, h, t->by, rtl ? "rtl" : "ltr");
	buf_printf(out, "<title id=\"chart-%s\">", t->by);
	buf_html_text(out, t->title);
	buf_puts(out, "</title>\n");
	for (size_t k = 0; k < n; k++) {
		int y = 4 + (int)k * ROW_H;
		int w = (int)(t->group[k].count * bar_max / most);
		int lx = rtl ? CHART_W - LABEL_W + 8 : LABEL_W - 8;
		int bx = rtl ? CHART_W - LABEL_W - w : LABEL_W;
		int vx = rtl ? bx - 6 : bx + w + 6;

		buf_printf(out,
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		    "class=\"label\">",
		    lx, y + 16);
		/* Left to right within the right to left (lang_text_ltr()). */
		if (rtl && lang_text_ltr(label_of(r, t, k))) {
			buf_puts(out, "\u2066");
			buf_html_text(out, label_of(r, t, k));
			buf_puts(out, "\u2069");
		} else {
			buf_html_text(out, label_of(r, t, k));
		}
		buf_printf(out,
		    "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"%s\"/>\n"
		    "<text x=\"%d\" y=\"%d\" text-anchor=\"start\" "
		    "class=\"value\">",
		    bx, y + 3, w > 0 ? w : 1, ROW_H - 6, fill_of(t, k), vx,
		    y + 16);
		count_share(out, r->lang, t->group[k].count, t->group[k].share);
		buf_puts(out, "</text>\n");
	}
	buf_puts(out, "</svg>\n</figure>\n");
}

/* The figures of table t, a row a group. */
static void
group_table(const AnalysisReport *r, const AnalysisTable *t, Buf *out)
{
	Buf b = BUF_INIT;

	element(out, "<table class=\"list\">\n<caption>", t->title,
	    "</caption>\n<thead><tr>");
	element(out, "<th scope=\"col\">", tr(r->lang, "Group"), "</th>");
	element(out, "<th scope=\"col\" class=\"num\">",
	    tr(r->lang, "Projects"), "</th>");
	element(out, "<th scope=\"col\" class=\"num\">", tr(r->lang, "Share"),
	    "</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < t->ngroup; k++) {
		const AnalysisGroup *g = &t->group[k];

		element(out, "<tr><th scope=\"row\">", label_of(r, t, k), "");
		if (strcmp(label_of(r, t, k), g->name) != 0)
			element(out, ": ", g->name, "");
		buf_reset(&b);
		lang_int(&b, r->lang, g->count);
		element(out, "</th><td class=\"num\">", buf_str(&b), "</td>");
		buf_reset(&b);
		lang_percent(&b, r->lang, g->share);
		element(out, "<td class=\"num\">", buf_str(&b), "</td></tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n");
	buf_free(&b);
}

/* Entity × pillar: a row an entity, a column a pillar. */
static void
matrix_table(const AnalysisReport *r, int h, Buf *out)
{
	const AnalysisTable *e = &r->table[AN_ENTITY],
			    *p = &r->table[AN_PILLAR];
	const char *title = tr(r->lang, "Projects by entity and pillar");
	Buf b = BUF_INIT;

	if (e->ngroup == 0 || p->ngroup == 0)
		return;
	buf_printf(out, "<section>\n<h%d>", h);
	element(out, "", title, "");
	buf_printf(out, "</h%d>\n<table class=\"list\">\n<thead><tr>", h);
	element(out, "<th scope=\"col\">", tr(r->lang, "Entity"), "</th>");
	for (size_t k = 0; k < p->ngroup; k++)
		element(out, "<th scope=\"col\" class=\"num\">",
		    analysis_pillar_label(r->lang, p->group[k].key), "</th>");
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < e->ngroup; i++) {
		element(out, "<tr><th scope=\"row\"><abbr title=\"",
		    e->group[i].name, "\">");
		element(out, "", e->group[i].key, "</abbr></th>");
		for (size_t k = 0; k < p->ngroup; k++) {
			buf_reset(&b);
			lang_int(&b, r->lang, analysis_cell(r, i, k));
			element(
			    out, "<td class=\"num\">", buf_str(&b), "</td>");
		}
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n</section>\n");
	buf_free(&b);
}

/* A row of the money table: name, counts, sums in dollars. */
static void
money_row(const AnalysisReport *r, const AnalysisMoney *m, Buf *out)
{
	const int64_t n[] = { m->projects, m->budgeted };
	const int64_t usd[] = { m->budget, m->received, m->shortfall };
	Buf b = BUF_INIT;

	element(out, "<tr><th scope=\"row\">", m->name, "");
	if (m->demo > 0)
		element(out, " <small>(", tr(r->lang, "demonstration"),
		    ")</small>");
	buf_puts(out, "</th>");
	for (size_t i = 0; i < 2; i++) {
		buf_reset(&b);
		lang_int(&b, r->lang, n[i]);
		element(out, "<td class=\"num\">", buf_str(&b), "</td>");
	}
	for (size_t i = 0; i < 3; i++) {
		buf_reset(&b);
		lang_decimal(&b, r->lang, (double)usd[i] / 100.0, 0);
		element(out, "<td class=\"num\">", buf_str(&b), "</td>");
	}
	buf_puts(out, "</tr>\n");
	buf_free(&b);
}

static void
money_table(const AnalysisReport *r, int h, Buf *out)
{
	static const char *const heads[] = { N_("Projects"),
		N_("With a budget"), N_("Budget, US$"), N_("Received, US$"),
		N_("Shortfall, US$") };

	buf_printf(out, "<section>\n<h%d>", h);
	element(out, "", tr(r->lang, "Funding"), "");
	buf_printf(out, "</h%d>\n<table class=\"list\">\n<thead><tr>", h);
	element(out, "<th scope=\"col\">", tr(r->lang, "Pillar"), "</th>");
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		element(out, "<th scope=\"col\" class=\"num\">",
		    tr(r->lang, heads[i]), "</th>");
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nmoney; i++)
		money_row(r, &r->money[i], out);
	buf_puts(out, "</tbody>\n<tfoot>\n");
	money_row(r, &r->total, out);
	buf_puts(out, "</tfoot>\n</table>\n</section>\n");
}

void
analysis_html_body(const AnalysisReport *r, int h, Buf *out)
{
	buf_puts(out, "<div class=\"sentences\">\n");
	for (size_t i = 0; i < r->nsentence; i++)
		element(out, "<p>", r->sentence[i].text, "</p>\n");
	buf_puts(out, "</div>\n");
	if (r->nproject == 0)
		return;
	for (int i = 0; i < AN_NBY; i++) {
		const AnalysisTable *t = &r->table[i];

		if (t->ngroup == 0)
			continue;
		buf_printf(out, "<section>\n<h%d>", h);
		buf_html_text(out, t->title);
		buf_printf(out, "</h%d>\n", h);
		chart_svg(r, t, out);
		group_table(r, t, out);
		buf_puts(out, "</section>\n");
	}
	matrix_table(r, h, out);
	money_table(r, h, out);
}

void
analysis_html(const AnalysisReport *r, Buf *out)
{
	const char *title = tr(r->lang, "Portfolio analysis");
	Buf date = BUF_INIT;

	element(out, "<!DOCTYPE html>\n<html lang=\"", r->lang, "\"");
	buf_printf(out, " dir=\"%s\">\n", lang_rtl(r->lang) ? "rtl" : "ltr");
	buf_puts(out,
	    "<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	element(out, "<title>", title, "</title>\n<style>\n");
	buf_puts(out, style);
	buf_puts(
	    out, "</style>\n</head>\n<body>\n<header>\n<p class=\"symbol\">");
	element(out, "<span>",
	    tr(r->lang, "United Nations Global Counter-Terrorism Strategy"),
	    "</span>");
	lang_date(&date, r->lang, r->as_of);
	element(out, " <time datetime=\"", r->as_of, "\">");
	element(out, "", buf_str(&date), "</time></p>\n");
	element(out, "<h1>", title, "</h1>\n</header>\n<main>\n");
	analysis_html_body(r, 2, out);
	buf_puts(out, "</main>\n</body>\n</html>\n");
	buf_free(&date);
}
