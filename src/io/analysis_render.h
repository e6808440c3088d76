/*
 * analysis_render.h - the portfolio analysis (analysis_report.h) written
 * out as CSV, JSON, HTML, XLSX and PDF, for `ctmatrix report analysis`,
 * the downloads /report/analysis.EXT and the page /analysis alike, so that
 * each gives the same bytes (the page the same tables and charts).  The
 * formats, their names and media types, are the annex's (annex_format()).
 *
 * Every text is in r->lang (src/text/lang.h); numbers in the files meant
 * for programs (CSV, JSON) are plain ("0.3312", "1084.30"), in the others
 * as the language writes them.
 */
#ifndef CTM_IO_ANALYSIS_RENDER_H
#define CTM_IO_ANALYSIS_RENDER_H

#include "../core/buf.h"
#include "analysis_report.h"

/*
 * Append the analysis r in format (a name annex_format() knows) to out.
 * 0, or -1 with a message in err.
 */
int analysis_render(
    const AnalysisReport *r, const char *format, Buf *out, Buf *err);

/*
 * The analysis of the projects f selects, in lang, rendered in format
 * into doc: analysis_report_load() and analysis_render() at once, for the
 * surfaces.  0, or -1 with a message in err.
 */
int analysis_report_make(Store *s, const ProjectFilter *f, const char *lang,
    const char *format, Buf *doc, Buf *err);

/*
 * RFC 4180, UTF-8 without byte-order mark, CRLF: one table in long form,
 * the header row "table,key,name,pillar,measure,value", then a record a
 * figure:
 *
 *   table          key           name         pillar  measure  value
 *   total          projects      (in lang)            count    314
 *   pillar|scope|  the group's   its name             count    104
 *   status|entity  key                                share    0.3312
 *   entity_pillar  entity key    entity name  I..IV   count    12
 *   money          I..IV, "" (no total or             projects budgeted
 *                  pillar),      pillar name          budget received
 *                  total                              shortfall (US
 *                                                     dollars, "1084.30")
 *                                                     demo
 *   sentence       pillar|scope| ""                   text     the sentence
 *                  status|entity|money|demo|none
 *
 * Shares have four decimals; entity_pillar has a record for every count
 * above zero only.
 */
void analysis_csv(const AnalysisReport *r, Buf *out);

/*
 * {"as_of", "lang", "projects",
 *  "groups": {"pillar"|"scope"|"status"|"entity": [{"key", "label",
 *      "name", "count", "share"}]},
 *  "entity_pillar": {"pillars": ["I", ...], "rows": [{"key", "name",
 *      "counts": [n a pillar, in the order of "pillars"]}]},
 *  "money": {"currency": "USD", "total": M, "pillars": [M, ...]},
 *  "sentences": [{"key", "text"}]}
 * where M is {"key", "name", "projects", "budgeted", "budget",
 * "budget_cents", "received", "received_cents", "shortfall",
 * "shortfall_cents", "demo_projects", "demo_received_projects"} (sums as
 * decimal strings beside integer cents, io/money_io.h).  "label" is
 * "Pillar I" for a pillar, the name otherwise; "share" is count over
 * "projects", a number with four decimals.
 */
void analysis_json(const AnalysisReport *r, Buf *out);

/* A whole standalone HTML document, for printing and e-mail. */
void analysis_html(const AnalysisReport *r, Buf *out);

/*
 * The body of the analysis as HTML, for analysis_html() and the page
 * /analysis: the sentences, then a section a grouping (heading at level
 * h, a bar chart in inline SVG, a table), entity × pillar, the money.
 */
void analysis_html_body(const AnalysisReport *r, int h, Buf *out);

/*
 * The workbook at path: a sheet of the sentences, then a sheet a
 * grouping, entity × pillar and money.  0, or -1 with a message in err.
 */
int analysis_xlsx(const AnalysisReport *r, const char *path, Buf *err);

/*
 * The PDF at path: A4 portrait, the sentences, a bar chart and a table a
 * grouping drawn as vectors, entity × pillar and the money, "Page k of
 * N" at the foot; right to left for Arabic.  0, or -1 with a message in err.  Call annex_pdf_fini() at
 * the end of the process (annex_pdf.h).
 */
int analysis_pdf(const AnalysisReport *r, const char *path, Buf *err);

#endif
