/*
 * annex_pdf_sample.c - a driver for the tests of the annex PDF
 * (tests/cli/22-annex-pdf.sh), until `ctmatrix report annex --format pdf`
 * calls annex_pdf itself.
 *
 *   annex-pdf-sample DB LANG OUT      the annex of every project of the
 *                                     database DB, in LANG, to OUT
 *   annex-pdf-sample --sample LANG OUT  a made-up annex that tries the
 *                                     layout: 75 rows over two pillars,
 *                                     long texts that wrap, a row taller
 *                                     than a page, Russian and Arabic,
 *                                     text that looks like markup
 *
 * OUT "-" is standard output.  Prints on standard error the seconds the
 * rendering took (annex_pdf alone, the database's reading apart).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "../../src/core/mem.h"
#include "../../src/io/annex_pdf.h"

#define SAMPLE_ROWS 70

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
row_fill(AnnexRow *row, int64_t serial, const char *title, const char *period,
    const char *entities, const char *status, const char *activities,
    const char *scope)
{
	row->id = serial;
	row->serial = serial;
	row->title = xstrdup(title);
	row->period = xstrdup(period);
	row->entities = xstrdup(entities);
	row->status = xstrdup(status);
	row->activities = xstrdup(activities);
	row->scope = xstrdup(scope);
	row->scope_name = xstrdup(scope);
}

/* The rows of pillar I: sample project 1..SAMPLE_ROWS, some long. */
static void
sample_pillar1(AnnexTable *t)
{
	static const char *const st[] = { "ongoing", "completed",
		"in_development", "" };
	Buf title = BUF_INIT, act = BUF_INIT;

	t->pillar = xstrdup("I");
	t->number = 1;
	t->short_name = xstrdup("Conditions conducive");
	t->full_name = xstrdup("Measures to address the conditions conducive "
			       "to the spread of terrorism");
	t->nrow = SAMPLE_ROWS;
	t->row = xcalloc(t->nrow, sizeof(*t->row));
	for (int i = 0; i < SAMPLE_ROWS; i++) {
		buf_reset(&title);
		buf_reset(&act);
		buf_printf(&title, "Sample project %d", i + 1);
		if (i % 7 == 3)
			buf_puts(&title,
			    " on preventing violent extremism "
			    "through education, youth "
			    "empowerment and strategic "
			    "communications in the region");
		buf_puts(&act, "Workshops and training.");
		for (int k = 0; k < i % 5; k++)
			buf_puts(&act,
			    " Technical assistance to Member "
			    "States on legislation, capacity "
			    "building for prosecutors and judges, "
			    "and a regional conference.");
		row_fill(&t->row[i], i + 1, buf_str(&title),
		    i % 3 ? "Jan. 2017–Dec. 2019" : "", "UNOCT/UNCCT, UNODC",
		    st[i % 4], buf_str(&act),
		    i % 2 ? "Global" : "Central Asia; South Asia");
	}
	buf_free(&title);
	buf_free(&act);
}

/* The rows of pillar II: other scripts, markup, one row taller than a
 * page. */
static void
sample_pillar2(AnnexTable *t)
{
	Buf tall = BUF_INIT;

	t->pillar = xstrdup("II");
	t->number = 2;
	t->short_name = xstrdup("Prevent and combat");
	t->full_name = xstrdup("Measures to prevent and combat terrorism");
	t->nrow = 5;
	t->row = xcalloc(t->nrow, sizeof(*t->row));
	for (int k = 0; k < 90; k++)
		buf_printf(&tall,
		    "Step %d of the tall row: a regional "
		    "workshop on border security and "
		    "management.\n",
		    k + 1);
	row_fill(&t->row[0], 101,
	    "Проект по противодействию финансированию "
	    "терроризма в Центральной Азии",
	    "2018–2020", "УНП ООН", "ongoing",
	    "Семинары для сотрудников правоохранительных органов.",
	    "Казахстан, Кыргызстан, Таджикистан");
	row_fill(&t->row[1], 102, "مشروع مكافحة الإرهاب في المنطقة",
	    "2019–2021", "مكتب الأمم المتحدة لمكافحة الإرهاب", "completed",
	    "حلقات عمل إقليمية وبناء القدرات.", "الشرق الأوسط وشمال أفريقيا");
	row_fill(&t->row[2], 103, "Markup <b>x</b> & <i>y</i> kept as text",
	    "2018", "CTED", "ongoing", "<span>not a tag</span>", "Global");
	row_fill(&t->row[3], 104, "The tall project", "2015–2025",
	    "UNOCT, UNDP, UNESCO", "ongoing", buf_str(&tall), "Global");
	row_fill(
	    &t->row[4], 105, "The last project", "", "", "completed", "", "");
	buf_free(&tall);
}

static void
sample_load(AnnexReport *r, const char *lang)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->lang, sizeof(r->lang), "%s", lang);
	snprintf(r->as_of, sizeof(r->as_of), "2018-04-03");
	r->symbol = "A/72/840";
	r->ntable = 2;
	r->table = xcalloc(r->ntable, sizeof(*r->table));
	sample_pillar1(&r->table[0]);
	sample_pillar2(&r->table[1]);
	r->nproject = r->table[0].nrow + r->table[1].nrow;
}

int
main(int argc, char **argv)
{
	AnnexReport r;
	Store *s = NULL;
	Buf err = BUF_INIT;
	const char *out;
	double t0;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr,
		    "usage: annex-pdf-sample DB|--sample LANG "
		    "OUT\n");
		return 2;
	}
	out = strcmp(argv[3], "-") == 0 ? NULL : argv[3];
	if (strcmp(argv[1], "--sample") == 0) {
		sample_load(&r, argv[2]);
	} else if ((s = store_open(argv[1], 0, &err)) == NULL ||
	    annex_report_load(s, NULL, argv[2], &r, &err) != 0) {
		fprintf(stderr, "annex-pdf-sample: %s\n", buf_str(&err));
		goto out;
	}
	t0 = now();
	if (annex_pdf(&r, out, &err) != 0)
		fprintf(stderr, "annex-pdf-sample: %s\n", buf_str(&err));
	else
		rc = 0;
	fprintf(stderr, "annex-pdf-sample: %zu projects rendered in %.3f s\n",
	    r.nproject, now() - t0);
	annex_report_free(&r);
out:
	if (s != NULL)
		store_close(s);
	buf_free(&err);
	/* Drop the fonts' caches, so that LeakSanitizer sees only leaks. */
	annex_pdf_fini();
	return rc;
}
