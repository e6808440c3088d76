/*
 * region_render.h - a region's activities (region_report.h) written out
 * as JSON, CSV, a standalone HTML document, an XLSX workbook or a PDF,
 * for `ctmatrix report region` and the downloads of the public page
 * /regions/KEY alike, so that both give the same bytes.  The formats,
 * their names and media types are the annex's (annex_format()).
 *
 * Every text is in the report's language (src/text/lang.h), numbers
 * grouped as the language groups them, except the CSV and JSON keys,
 * which are a contract and stay as documented.
 */
#ifndef CTM_IO_REGION_RENDER_H
#define CTM_IO_REGION_RENDER_H

#include "../core/buf.h"
#include "region_report.h"

/*
 * Append r in format (a name annex_format() knows: csv, html, json, pdf,
 * xlsx) to out.  0, or -1 with a message in err.
 */
int region_render(
    const RegionReport *r, const char *format, Buf *out, Buf *err);

/* The JSON of region_report.h's contract. */
void region_json(const RegionReport *r, Buf *out);

/*
 * RFC 4180, CRLF, UTF-8 without byte-order mark: the counts table.  The
 * header is iso3,name, the pillars' keys (I,II,...), total; a record a
 * country (its name in the language), then the region as a whole (iso3
 * empty), then the totals (iso3 "total"), which count each project once.
 */
void region_csv(const RegionReport *r, Buf *out);

/*
 * The body of the page: the lead, the counts table, how it counts, the
 * list of projects.  With links, project titles link to /projects/ID
 * (the web page); without, the text stands alone (the HTML download).
 */
void region_html_body(const RegionReport *r, int links, Buf *out);

/* A whole standalone HTML document (style inline), lang and dir set. */
void region_html(const RegionReport *r, Buf *out);

/*
 * A workbook at path: a sheet of the counts, one of the projects, each
 * with a title row, a frozen header row with filters and columns as wide
 * as their text.  0, or -1 with a message in err.
 */
int region_xlsx(const RegionReport *r, const char *path, Buf *err);

/*
 * A PDF at path: A4 portrait, the title, the counts table, the projects;
 * right to left for Arabic; "Page k of N".  0, or -1 with err.
 */
int region_pdf(const RegionReport *r, const char *path, Buf *err);

/* The count n in the report's language: "12 projects", "12 проектов". */
void region_projects_text(const RegionReport *r, int64_t n, Buf *out);

/* The header of a pillar's column: "Pillar I", "Компонент I". */
void region_pillar_head(const RegionReport *r, size_t i, Buf *out);

/* The project's number as the list shows it: "I.18", "I", "". */
void region_project_number(const RegionProject *x, Buf *out);

#endif
