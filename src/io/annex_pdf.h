/*
 * annex_pdf.h - the annex matrix (annex_report.h) as a PDF, as the
 * Secretary-General's report prints it: A4 landscape, a masthead with the
 * symbol and the date, one table per pillar with its heading, the header
 * row repeated on every page, "Page 3 of 12" at the foot.  Text is set by
 * pango (wrapped, shaped, right to left for Arabic) on a cairo PDF surface
 * (vector text, fonts found by fontconfig).
 *
 * Not for: choosing the rows (annex_report_load does) or other formats.
 */
#ifndef CTM_IO_ANNEX_PDF_H
#define CTM_IO_ANNEX_PDF_H

#include "annex_report.h"

/*
 * Write the annex r as a PDF to the file path (made or replaced; NULL:
 * standard output).  The labels are in r->lang (ar, en and ru have their
 * own; the others English for now); Arabic is laid out right to left, its
 * columns mirrored.  0, or -1 with a message in err (a file that could
 * not be written completely is removed).
 */
int annex_pdf(const AnnexReport *r, const char *path, Buf *err);

/* The most columns a table of annex_pdf_grids() may have. */
#define PDF_MAXCOL 8

/* A document's texts around its tables, in its language. */
typedef struct PdfDoc {
	const char *lang;    /* ISO 639-1: fonts, direction (ar: RTL) */
	const char *as_of;   /* YYYY-MM-DD: the PDF's creation date */
	const char *running; /* at the top of page 1 and of every page */
	const char *date;    /* under it on page 1, as people write it */
	const char *heading; /* centred above the title, or NULL */
	const char *title;   /* centred on page 1; the PDF's title */
	/* "Page 3 of 12" in the document's language, into out. */
	void (*foot)(Buf *out, const char *lang, int page, int npage);
} PdfDoc;

/*
 * A table of texts: a heading, a header row (repeated on every page it
 * runs over) and rows, set as the annex's tables are.
 */
typedef struct PdfGrid {
	const char *heading;     /* above the table */
	const char *sub;         /* under the heading, or NULL */
	size_t ncol;             /* 1..PDF_MAXCOL */
	const double *share;     /* each column's share of the width */
	const int *end;          /* columns set at their end (numbers), or
				    NULL */
	const char *const *head; /* the header row: ncol texts */
	const char *const *cell; /* nrow rows of ncol texts, row by row */
	size_t nrow;
	size_t bold_from; /* rows from this one on are bold (totals); 0:
			     none */
} PdfGrid;

/*
 * Write the document d made of the tables g[0..ng) as a PDF to path, as
 * annex_pdf() writes the annex (A4 landscape, the masthead on page 1, the
 * running head and d->foot on every page, right to left for Arabic).
 * 0, or -1 with a message in err.
 */
int annex_pdf_grids(
    const PdfDoc *d, const PdfGrid *g, size_t ng, const char *path, Buf *err);

/*
 * The font families pango is to use for lang ("Noto Sans, DejaVu Sans"),
 * first choice first, for every PDF of ctmatrix.
 */
const char *annex_pdf_families(const char *lang);

/*
 * Note that this process renders with pango and cairo, so that
 * annex_pdf_fini() drops their caches: every PDF renderer calls it.
 */
void annex_pdf_rendering(void);

/*
 * Drop the font caches a rendering filled (fontconfig's, pango's, cairo's),
 * so that a process ends with nothing held, as LeakSanitizer checks.  Call
 * it once, at the end of a process that may have rendered, when no other
 * thread renders; it does nothing when no PDF was made.
 */
void annex_pdf_fini(void);

#endif
