/*
 * region_html.c - a region's activities as HTML (region_render.h): the
 * body the public page /regions/KEY shows inside the site's layout, and
 * the same body as a standalone document (style inline, nothing fetched)
 * for printing and e-mail.
 *
 * Every text from the data is escaped; only the constant markup here is
 * written raw.  Names and titles take their own direction (dir="auto"),
 * so that an English title reads left to right in an Arabic page.
 */
#include <string.h>

#include "../text/lang.h"
#include "region_render.h"

static const char style[] =
    "@page{size:A4;margin:2cm 1.5cm}\n"
    "body{font:10pt/1.4 \"Noto Sans\",\"DejaVu Sans\",sans-serif;"
    "color:#000;margin:2em auto;max-width:60em;padding:0 1em}\n"
    "h1{font-size:14pt;margin:0 0 .3em}\n"
    "table{border-collapse:collapse;margin:0 0 1.5em}\n"
    "caption{text-align:start;font-weight:bold;padding:0 0 .4em}\n"
    "th,td{border:1px solid #000;padding:.25em .4em;vertical-align:top;"
    "text-align:start}\n"
    "thead th{background:#e6e6e6}\n"
    "td.num,th.num{text-align:end;font-variant-numeric:tabular-nums}\n"
    "td.state{white-space:nowrap}\n"
    "tfoot th,tfoot td{font-weight:bold}\n"
    "tr{break-inside:avoid}\n";

/* open, text escaped, close. */
static void
element(Buf *out, const char *open, const char *text, const char *close)
{
	buf_puts(out, open);
	buf_html_text(out, text);
	buf_puts(out, close);
}

/* A number cell: n as the language writes it. */
static void
num_cell(const RegionReport *r, Buf *out, const char *tag, int64_t n)
{
	Buf b = BUF_INIT;

	lang_int(&b, r->lang, n);
	buf_printf(out, "<%s class=\"num\">%s</%s>", tag, buf_str(&b), tag);
	buf_free(&b);
}

static void
counts_table(const RegionReport *r, Buf *out)
{
	Buf b = BUF_INIT;

	element(out, "<table class=\"region-counts\">\n<caption>",
	    tr(r->lang, "Projects by country and pillar"), "</caption>\n");
	element(out, "<thead><tr><th scope=\"col\">", tr(r->lang, "Country"),
	    "</th>");
	for (size_t i = 0; i < r->npillar; i++) {
		buf_reset(&b);
		region_pillar_head(r, i, &b);
		element(out, "<th scope=\"col\" class=\"num\" title=\"",
		    r->pillar[i].name, "\">");
		element(out, "", buf_str(&b), "</th>");
	}
	element(out, "<th scope=\"col\" class=\"num\">", tr(r->lang, "Total"),
	    "</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < r->nrow; k++) {
		const RegionRow *row = &r->row[k];

		element(out, "<tr><th scope=\"row\" dir=\"auto\">", row->name,
		    "</th>");
		for (size_t i = 0; i < r->npillar; i++)
			num_cell(r, out, "td", row->count[i]);
		num_cell(r, out, "td", row->total);
		buf_puts(out, "</tr>\n");
	}
	element(out, "</tbody>\n<tfoot><tr><th scope=\"row\">",
	    tr(r->lang, "Total (each project once)"), "</th>");
	for (size_t i = 0; i < r->npillar; i++)
		num_cell(r, out, "td", r->pillar[i].total);
	num_cell(r, out, "td", r->total);
	buf_puts(out, "</tr></tfoot>\n</table>\n");
	buf_free(&b);
}

static void
project_row(const RegionReport *r, const RegionProject *x, int links, Buf *out)
{
	Buf b = BUF_INIT;

	region_project_number(x, &b);
	element(out, "<tr><td class=\"num\">", buf_str(&b), "</td>");
	if (links)
		buf_printf(out, "<td dir=\"auto\"><a href=\"/projects/%lld\">",
		    (long long)x->id);
	else
		buf_puts(out, "<td dir=\"auto\">");
	element(out, "", x->title, links ? "</a></td>" : "</td>");
	element(out, "<td><bdi dir=\"ltr\">", x->period, "</bdi></td>");
	element(out, "<td dir=\"auto\">", x->entities, "</td>");
	element(out, "<td class=\"state\">", region_status_name(r, x->status),
	    "</td>");
	element(out, "<td dir=\"auto\">", x->countries, "</td></tr>\n");
	buf_free(&b);
}

static void
projects_table(const RegionReport *r, int links, Buf *out)
{
	static const char *const head[] = { N_("No."), N_("Title"),
		N_("Period"), N_("Entities"), N_("Status"), N_("Countries") };
	Buf b = BUF_INIT;

	if (r->nproject == 0) {
		element(out, "<p>",
		    tr(r->lang, "No project names this region."), "</p>\n");
		return;
	}
	lang_int(&b, r->lang, (int64_t)r->nproject);
	element(out, "<table class=\"matrix region-projects\">\n<caption>",
	    tr(r->lang, "Projects"), "");
	element(out, " (", buf_str(&b), ")</caption>\n<thead><tr>");
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		element(
		    out, "<th scope=\"col\">", tr(r->lang, head[i]), "</th>");
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nproject; i++)
		project_row(r, &r->project[i], links, out);
	buf_puts(out, "</tbody>\n</table>\n");
	buf_free(&b);
}

void
region_html_body(const RegionReport *r, int links, Buf *out)
{
	Buf date = BUF_INIT, n = BUF_INIT, lead = BUF_INIT;

	lang_date(&date, r->lang, r->as_of);
	region_projects_text(r, r->total, &n);
	buf_printf(&lead,
	    tr(r->lang,
		"The projects of the matrix in %s, counted by country and by "
		"pillar of the Global Counter-Terrorism Strategy: %s, as of "
		"%s."),
	    r->name, buf_str(&n), buf_str(&date));
	element(out, "<p class=\"lead\">", buf_str(&lead), "</p>\n");
	counts_table(r, out);
	element(out, "<p class=\"note\">",
	    tr(r->lang,
		"A project counts once in the row of each country of the "
		"region it names; a project that names none of them (it "
		"names the region, or a grouping or an area in it) counts in "
		"the row of the region as a whole. The totals count each "
		"project once."),
	    "</p>\n");
	projects_table(r, links, out);
	buf_free(&date);
	buf_free(&n);
	buf_free(&lead);
}

void
region_html(const RegionReport *r, Buf *out)
{
	element(out, "<!DOCTYPE html>\n<html lang=\"", r->lang, "\"");
	buf_printf(out,
	    " dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n",
	    lang_rtl(r->lang) ? "rtl" : "ltr");
	element(out, "<title>", r->title, "</title>\n<style>\n");
	buf_puts(out, style);
	element(out, "</style>\n</head>\n<body>\n<main>\n<h1>", r->title,
	    "</h1>\n");
	region_html_body(r, 0, out);
	buf_puts(out, "</main>\n</body>\n</html>\n");
}
