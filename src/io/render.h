/*
 * render.h - the PDF and XLSX renderers, loaded on first use.
 *
 * The renderers (annex_pdf.c, annex_xlsx.c, analysis_pdf.c,
 * analysis_xlsx.c, region_pdf.c, region_xlsx.c) are built into a module
 * of their own, ctmatrix-render.so, beside the binary: pango, cairo,
 * fontconfig and libxlsxwriter bring 39 shared libraries (glib,
 * harfbuzz, X11's client libraries, zlib, ...), and had the binary linked
 * them, every command would load and relocate them at its start, a PDF
 * or not.  A query spent more time there than in its database.
 *
 * The module is found, in order, at $CTMATRIX_RENDER (a path), beside
 * the binary, or in ../lib/ctmatrix/ from it; loaded once (the server
 * renders on several threads), never unloaded.  Its functions call back
 * into the binary (buffers, languages, the store), which exports its
 * symbols for it (-rdynamic).
 */
#ifndef CTM_IO_RENDER_H
#define CTM_IO_RENDER_H

#include "analysis_render.h"
#include "annex_render.h"
#include "region_render.h"

/* The module's entry points: the functions of the same names. */
typedef struct RenderModule {
	int (*annex_pdf)(const AnnexReport *r, const char *path, Buf *err);
	int (*annex_xlsx)(const AnnexReport *r, const char *path, Buf *err);
	int (*annex_xlsx_stream)(Store *s, const ProjectFilter *f,
	    const char *lang, const char *path, Buf *err);
	int (*analysis_pdf)(
	    const AnalysisReport *r, const char *path, Buf *err);
	int (*analysis_xlsx)(
	    const AnalysisReport *r, const char *path, Buf *err);
	int (*region_pdf)(const RegionReport *r, const char *path, Buf *err);
	int (*region_xlsx)(const RegionReport *r, const char *path, Buf *err);
	void (*fini)(void); /* annex_pdf_fini() */
} RenderModule;

/* The symbol the module defines. */
#define RENDER_MODULE_SYMBOL "ctm_render_module"

/*
 * The module, loaded on the first call; NULL, with a message naming the
 * file and what failed in err, when it cannot be loaded.
 */
const RenderModule *render_module(Buf *err);

/* Drop the renderers' caches, if the module was loaded: at exit. */
void render_fini(void);

#endif
