/*
 * render_module.c - the entry points of ctmatrix-render.so (render.h).
 * Built into the module only, never into the binary.
 */
#include "annex_pdf.h"
#include "render.h"

/* The binary finds it with dlsym(RENDER_MODULE_SYMBOL). */
const RenderModule ctm_render_module = {
	.annex_pdf = annex_pdf,
	.annex_xlsx = annex_xlsx,
	.annex_xlsx_stream = annex_xlsx_stream,
	.analysis_pdf = analysis_pdf,
	.analysis_xlsx = analysis_xlsx,
	.region_pdf = region_pdf,
	.region_xlsx = region_xlsx,
	.fini = annex_pdf_fini,
};
