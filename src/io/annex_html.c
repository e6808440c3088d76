/*
 * annex_html.c - the annex as one standalone HTML document (annex_render.h),
 * laid out as the Secretary-General's report prints it: a document header
 * with the symbol line and the date, then a table a pillar whose caption
 * names the pillar and counts its projects, with the report's columns.
 *
 * The document stands alone (its style inline, nothing fetched), so that
 * it can be printed, saved or sent by e-mail as it is.  Every text from
 * the data is escaped; only the constant markup here is written raw.
 */
#include <string.h>

#include "../text/lang.h"
#include "annex_render.h"

static const char style[] =
    "@page{size:A4;margin:2cm 1.5cm}\n"
    "body{font:10pt/1.35 \"Times New Roman\",Times,serif;color:#000;"
    "margin:2em auto;max-width:60em;padding:0 1em}\n"
    "header{border-bottom:1px solid #000;margin-bottom:1.5em}\n"
    ".symbol{display:flex;justify-content:space-between;font-size:9pt;"
    "margin:0}\n"
    ".annex{text-align:center;font-weight:bold;margin:.6em 0 0}\n"
    "h1{font-size:14pt;margin:.6em 0 .3em}\n"
    ".summary{margin:0 0 .6em}\n"
    "table{border-collapse:collapse;width:100%;margin:0 0 2em}\n"
    "caption{text-align:start;padding:0 0 .5em}\n"
    "caption h2{font-size:11pt;margin:0}\n"
    "caption span{display:block}\n"
    "th,td{border:1px solid #000;padding:.3em .4em;vertical-align:top;"
    "text-align:start}\n"
    "thead{display:table-header-group}\n"
    "thead th{background:#e6e6e6}\n"
    "tr{break-inside:avoid}\n"
    "td.serial{text-align:end;width:3em}\n"
    "td.activities{white-space:pre-line}\n";

/* open, text escaped, close. */
static void
element(Buf *out, const char *open, const char *text, const char *close)
{
	buf_puts(out, open);
	buf_html_text(out, text);
	buf_puts(out, close);
}

/* One project: serial, title (period) entities, status, activities, scope. */
static void
row_html(Buf *out, const char *lang, const AnnexRow *row)
{
	buf_puts(out, "<tr><td class=\"serial\">");
	if (row->serial >= 0)
		buf_printf(out, "%lld", (long long)row->serial);
	/* The cell takes the title's direction (an English title in an
	 * Arabic document reads left to right, as in the PDF); the period
	 * and the entities are isolated, so that neither is carried across
	 * a title of the other direction. */
	element(out, "</td>\n<td dir=\"auto\"><span>", row->title, "</span>");
	if (*row->period)
		element(out, " <bdi class=\"period\" dir=\"ltr\">(",
		    row->period, ")</bdi>");
	if (*row->entities)
		element(out, " <bdi><b>", row->entities, "</b></bdi>");
	element(out, "</td>\n<td dir=\"auto\">",
	    annex_status_name(lang, row->status), "</td>\n");
	element(out, "<td class=\"activities\" dir=\"auto\">", row->activities,
	    "</td>\n");
	element(out, "<td dir=\"auto\">", row->scope_name, "</td></tr>\n");
}

static void
table_html(Buf *out, const char *lang, const AnnexTable *t)
{
	Buf b = BUF_INIT;

	annex_heading(lang, t, &b);
	element(out, "<table>\n<caption><h2>", buf_str(&b), "</h2>\n");
	element(out, "<span class=\"full\" dir=\"auto\">", t->full_name,
	    "</span>\n");
	buf_reset(&b);
	annex_count(lang, t->nrow, &b);
	element(out, "<span class=\"count\">", buf_str(&b), "</span>");
	buf_puts(out, "</caption>\n<thead><tr>");
	for (int i = 0; i < ANNEX_NCOL; i++)
		element(
		    out, "<th scope=\"col\">", annex_column(lang, i), "</th>");
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < t->nrow; k++)
		row_html(out, lang, &t->row[k]);
	buf_puts(out, "</tbody>\n</table>\n");
	buf_free(&b);
}

void
annex_html(const AnnexReport *r, Buf *out)
{
	Buf b = BUF_INIT, n = BUF_INIT;

	element(out, "<!DOCTYPE html>\n<html lang=\"", r->lang, "\"");
	buf_printf(out, " dir=\"%s\">\n", lang_rtl(r->lang) ? "rtl" : "ltr");
	buf_puts(out,
	    "<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	element(out, "<title>", annex_title(r), "</title>\n<style>\n");
	buf_puts(out, style);
	buf_puts(
	    out, "</style>\n</head>\n<body>\n<header>\n<p class=\"symbol\">");
	element(out, "<span>", r->symbol ? r->symbol : tr(r->lang, "Annex"),
	    "</span>");
	lang_date(&b, r->lang, r->as_of);
	element(out, " <span><time datetime=\"", r->as_of, "\">");
	element(out, "", buf_str(&b), "</time></span></p>\n");
	if (r->symbol != NULL)
		element(
		    out, "<p class=\"annex\">", tr(r->lang, "Annex"), "</p>\n");
	element(out, "<h1>", annex_title(r), "</h1>\n");
	buf_reset(&b);
	annex_count(r->lang, r->nproject, &b);
	lang_int(&n, r->lang, (int64_t)r->ntable);
	buf_puts(out, "<p class=\"summary\">");
	buf_html_text(out, buf_str(&b));
	buf_puts(out, " · ");
	buf_reset(&b);
	buf_printf(
	    &b, trn(r->lang, "%s table", "%s tables", r->ntable), buf_str(&n));
	buf_html_text(out, buf_str(&b));
	buf_puts(out, "</p>\n</header>\n<main>\n");
	for (size_t i = 0; i < r->ntable; i++)
		table_html(out, r->lang, &r->table[i]);
	if (r->ntable == 0)
		element(out, "<p>", tr(r->lang, "No projects."), "</p>\n");
	buf_puts(out, "</main>\n</body>\n</html>\n");
	buf_free(&b);
	buf_free(&n);
}
