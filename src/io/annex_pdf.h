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
