/*
 * annex_render.h - the annex matrix (annex_report.h) written out as CSV,
 * JSON, HTML and XLSX, for `ctmatrix report annex` and the downloads of
 * the matrix page alike, so that both give the same bytes.
 *
 * Each renderer shows the rows of the model and nothing else.  The texts
 * around them (headings, column names, the status) are in the report's
 * language (annex_report.h); the data are as stored.  The PDF renderer
 * lives apart (annex_pdf.h).
 */
#ifndef CTM_IO_ANNEX_RENDER_H
#define CTM_IO_ANNEX_RENDER_H

#include "../core/buf.h"
#include "annex_report.h"

/* A format the annex can be written in. */
typedef struct AnnexFormat {
	const char *name; /* "csv", as --format and the URL's suffix say */
	const char *type; /* its media type, for Content-Type */
	int binary;       /* not text: never written to a terminal */
	int attachment;   /* the web offers it as a download, not a page */
} AnnexFormat;

/* The format called name, or NULL when there is none such. */
const AnnexFormat *annex_format(const char *name);

/* The formats' names as "csv, json, html or xlsx", for messages. */
const char *annex_format_names(void);

/*
 * Append the annex r in format (a name annex_format() knows) to out.
 * 0, or -1 with a message in err (XLSX, written through a temporary
 * file, can fail).
 */
int annex_render(const AnnexReport *r, const char *format, Buf *out, Buf *err);

/*
 * A binary format, written by fn to a temporary file (doc is what fn
 * renders) and read back into out, for the libraries that write only to
 * files.  0, or -1 with a message in err.
 */
typedef int (*AnnexFileFn)(const void *doc, const char *path, Buf *err);
int annex_render_file(AnnexFileFn fn, const void *doc, Buf *out, Buf *err);

/*
 * RFC 4180: a header row, then a record a project (pillar, serial, title,
 * period, entities, status, activities, scope), CRLF line ends, UTF-8
 * without byte-order mark.
 */
void annex_csv(const AnnexReport *r, Buf *out);

/* {"as_of", "lang", "projects", "tables": [...]}, documented in ctmatrix(1). */
void annex_json(const AnnexReport *r, Buf *out);

/* A whole standalone HTML document, for printing and e-mail. */
void annex_html(const AnnexReport *r, Buf *out);

/*
 * The workbook at path: a sheet a pillar, title rows, a frozen header row
 * with filters, columns as wide as their text (wrapped past 60
 * characters).  0, or -1 with a message in err.
 */
int annex_xlsx(const AnnexReport *r, const char *path, Buf *err);

/*
 * The workbook of the projects f selects, in lang, streamed from the
 * store (annex_report_stream()): memory stays flat whatever their
 * number.  0, or -1 with a message in err.
 */
int annex_xlsx_stream(Store *s, const ProjectFilter *f, const char *lang,
    const char *path, Buf *err);

/*
 * The annex of the projects f selects, in lang and format, appended to
 * out: what `ctmatrix report annex` and the matrix's downloads give.
 * XLSX is streamed (annex_xlsx_stream()); the other formats are made
 * from the model.  0, or -1 with a message in err.
 */
int annex_report_make(Store *s, const ProjectFilter *f, const char *lang,
    const char *format, Buf *out, Buf *err);

#endif
