/*
 * cmd_report.c - `ctmatrix report annex`, `report analysis` and `report
 * region`: the annex matrix and the portfolio analysis of the
 * Secretary-General's report, for the projects the filters select, in
 * one of the formats of io/annex_render.h (the analysis:
 * io/analysis_render.h), and a region's activities (io/region_render.h),
 * as /regions/KEY shows them.
 *
 * Not the results reports of projects (`ctmatrix report PROJECT PERIOD`,
 * cmd_results.c), which share only the word.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/analysis_render.h"
#include "../io/annex_render.h"
#include "../io/region_render.h"
#include "../portfolio/query.h"
#include "../text/lang.h"
#include "cli.h"

static const char *
opt_get(const void *c, const char *name)
{
	return cli_opt(c, name);
}

/*
 * Check --format, --lang and where the output goes before the database
 * is opened, so that a wrong command line costs nothing.
 */
static int
report_args(
    Cli *c, const char *name, const AnnexFormat **fmt, const char **lang)
{
	const char *f = cli_opt(c, "format"), *out = cli_opt(c, "out");

	*lang = cli_opt(c, "lang") ? cli_opt(c, "lang") : c->lang;
	if (f == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "%s: --format is required (%s)"), name,
		    annex_format_names());
	if ((*fmt = annex_format(f)) == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--format: \"%s\" is not %s"), f,
		    annex_format_names());
	if (!lang_ok(*lang))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"--lang: \"%s\" is not ar, en, es, fr, ru or zh"),
		    *lang);
	if (out != NULL && *out == '\0')
		return cli_error(
		    EXIT_USAGE, tr(c->lang, "--out: a file name is needed"));
	if (out == NULL && (*fmt)->binary && isatty(STDOUT_FILENO))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"--format %s is binary: give --out FILE, or redirect "
			"standard output"),
		    (*fmt)->name);
	return EXIT_OK;
}

/* doc to the file out (whole or not at all) or standard output. */
static int
report_write(Cli *c, const Buf *doc, const char *out, const char *what)
{
	Buf err = BUF_INIT;
	int rc = EXIT_OK;

	if (out != NULL && buf_write_file(out, buf_str(doc), doc->len, &err))
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else if (out == NULL &&
	    (fwrite(buf_str(doc), 1, doc->len, stdout) != doc->len ||
		fflush(stdout) != 0))
		rc = cli_error(EXIT_SYSTEM,
		    tr(c->lang, "%s: cannot write the standard output"), what);
	buf_free(&err);
	return rc;
}

/* Load a report of the projects f selects and render it in format. */
typedef int (*ReportMake)(Store *s, const ProjectFilter *f, const char *lang,
    const char *format, Buf *doc, Buf *err);

/*
 * `report NAME [filters] --format F [--lang L] [--out FILE]`: the
 * options checked, the filters resolved, the report made and written.
 */
static int
report_run(Cli *c, const char *name, ReportMake make)
{
	const AnnexFormat *fmt = NULL;
	const char *lang, *out = cli_opt(c, "out");
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	Buf err = BUF_INIT, doc = BUF_INIT;
	int rc;

	memset(&k, 0, sizeof(k));
	if ((rc = report_args(c, name, &fmt, &lang)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	query_args_fill(&a, opt_get, c);
	if (query_filter(c->store, &a, &f, &k, &err) != 0) {
		rc = cli_error(EXIT_USAGE, "%s", buf_str(&err));
		goto out;
	}
	if (make(c->store, &f, lang, fmt->name, &doc, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, "%s: %s", name, buf_str(&err));
		goto out;
	}
	rc = report_write(c, &doc, out, name);
out:
	query_keys_free(&k);
	buf_free(&doc);
	buf_free(&err);
	return rc;
}

int
cmd_report_annex(Cli *c)
{
	return report_run(c, "report annex", annex_report_make);
}

int
cmd_report_analysis(Cli *c)
{
	return report_run(c, "report analysis", analysis_report_make);
}

int
cmd_report_region(Cli *c)
{
	const AnnexFormat *fmt = NULL;
	const char *lang, *region = cli_opt(c, "region");
	RegionReport r;
	Buf err = BUF_INIT, doc = BUF_INIT;
	int rc;

	memset(&r, 0, sizeof(r));
	if ((rc = report_args(c, "report region", &fmt, &lang)) != EXIT_OK)
		return rc;
	if (region == NULL || *region == '\0')
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"report region: --region KEY is required (an M49 "
			"region or a grouping: 143, sahel, \"Central "
			"Asia\"; the web's /regions lists them)"));
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	rc = region_report_load(c->store, region, lang, &r, &err);
	if (rc == 0) {
		rc = cli_error(EXIT_FAIL,
		    tr(c->lang,
			"--region: no M49 region or grouping \"%s\" (give a "
			"key such as 143 or sahel, or a name such as "
			"\"Central Asia\"; countries are not regions)"),
		    region);
		goto out;
	}
	if (rc < 0 || region_render(&r, fmt->name, &doc, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, "report region: %s", buf_str(&err));
		goto out;
	}
	rc = report_write(c, &doc, cli_opt(c, "out"), "report region");
out:
	region_report_free(&r);
	buf_free(&doc);
	buf_free(&err);
	return rc;
}
