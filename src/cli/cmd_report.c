/*
 * cmd_report.c - `ctmatrix report annex`: the annex matrix of the
 * Secretary-General's report, for the projects the filters select, in
 * one of the formats of io/annex_render.h.
 *
 * Not the results reports of projects (`ctmatrix report PROJECT PERIOD`,
 * cmd_results.c), which share only the word.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/annex_render.h"
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
annex_args(Cli *c, const AnnexFormat **fmt, const char **lang)
{
	const char *f = cli_opt(c, "format"), *out = cli_opt(c, "out");

	*lang = cli_opt(c, "lang") ? cli_opt(c, "lang") : c->lang;
	if (f == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "report annex: --format is required (%s)"),
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

int
cmd_report_annex(Cli *c)
{
	const AnnexFormat *fmt = NULL;
	const char *lang, *out = cli_opt(c, "out");
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	AnnexReport r;
	Buf err = BUF_INIT, doc = BUF_INIT;
	int rc;

	memset(&k, 0, sizeof(k));
	memset(&r, 0, sizeof(r));
	if ((rc = annex_args(c, &fmt, &lang)) != EXIT_OK)
		return rc;
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	query_args_fill(&a, opt_get, c);
	if (query_filter(c->store, &a, &f, &k, &err) != 0) {
		rc = cli_error(EXIT_USAGE, "%s", buf_str(&err));
		goto out;
	}
	if (annex_report_load(c->store, &f, lang, &r, &err) != 0 ||
	    annex_render(&r, fmt->name, &doc, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM, tr(c->lang, "report annex: %s"),
		    buf_str(&err));
		goto out;
	}
	if (out != NULL && buf_write_file(out, buf_str(&doc), doc.len, &err))
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
	else if (out == NULL &&
	    (fwrite(buf_str(&doc), 1, doc.len, stdout) != doc.len ||
		fflush(stdout) != 0))
		rc = cli_error(EXIT_SYSTEM,
		    tr(c->lang,
			"report annex: cannot write the "
			"standard output"));
out:
	annex_report_free(&r);
	query_keys_free(&k);
	buf_free(&doc);
	buf_free(&err);
	return rc;
}
