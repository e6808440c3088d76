/*
 * cmd_iati.c - `ctmatrix import iati` and `ctmatrix export iati`: the
 * projects of the portfolio exchanged as IATI activity files (src/io/
 * iati.h does the work; doc/iati.md says what maps to what).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../io/iati.h"
#include "cli.h"

/* --relevant and --rule into opt (the rule's text kept in *rule). */
static int
iati_rule_options(Cli *c, IatiImportOptions *opt, char **rule)
{
	const char *relevant = cli_opt(c, "relevant");
	const char *file = cli_opt(c, "rule");
	Buf err = BUF_INIT;
	IatiRule check;

	if (relevant != NULL && strcmp(relevant, "all") != 0 &&
	    strcmp(relevant, "ct") != 0)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--relevant: \"%s\" is not all or ct"),
		    relevant);
	opt->all = relevant != NULL && strcmp(relevant, "all") == 0;
	if (file == NULL)
		return EXIT_OK;
	if (buf_read_file(file, rule, &opt->rule_len, &err) != 0 ||
	    iati_rule_load(&check, *rule, opt->rule_len, &err) != 0) {
		cli_error(EXIT_FAIL, "%s: %s", file, buf_str(&err));
		buf_free(&err);
		return EXIT_FAIL;
	}
	iati_rule_free(&check);
	opt->rule = *rule;
	return EXIT_OK;
}

static void
iati_report_print(Cli *c, const IatiReport *rep, int dry_run)
{
	const ImportReport *b = &rep->base;

	if (strcmp(c->format, "json") == 0) {
		cli_print_json(json_pack("{s:b, s:I, s:I, s:I, s:I, s:I, s:I, "
					 "s:I, s:I, s:I}",
		    "dry_run", dry_run, "activities", (json_int_t)b->rows,
		    "added", (json_int_t)b->added, "updated",
		    (json_int_t)b->updated, "unchanged",
		    (json_int_t)b->unchanged, "skipped",
		    (json_int_t)rep->skipped, "refused", (json_int_t)b->refused,
		    "repeated", (json_int_t)b->repeated, "budgets",
		    (json_int_t)rep->budgets, "notes", (json_int_t)b->nnote));
		return;
	}
	printf(tr(c->lang,
		   "%s%ld activities read: %ld added, %ld updated, %ld "
		   "unchanged, %ld not relevant, %ld refused, %ld repeated; "
		   "%ld budgets; %zu defects noted\n"),
	    dry_run ? tr(c->lang, "dry run: ") : "", b->rows, b->added,
	    b->updated, b->unchanged, rep->skipped, b->refused, b->repeated,
	    rep->budgets, b->nnote);
}

/*
 * import_status: the exit status of a failed import, from its message:
 * the system's (the database, or libxml2 that cannot be loaded) or the
 * input's.
 */
static int
import_status(const Buf *err)
{
	const char *s = buf_str(err);

	if (strstr(s, "database:") != NULL ||
	    strncmp(s, "cannot load libxml2", 19) == 0)
		return EXIT_SYSTEM;
	return EXIT_FAIL;
}

/* import iati FILE... (see the command table in main.c). */
int
cmd_import_iati(Cli *c)
{
	IatiImportOptions opt;
	IatiReport rep;
	Buf err = BUF_INIT, note = BUF_INIT;
	char *rule = NULL;
	int rc;

	memset(&opt, 0, sizeof(opt));
	memset(&rep, 0, sizeof(rep));
	if ((rc = cli_format(c)) != EXIT_OK ||
	    (rc = iati_rule_options(c, &opt, &rule)) != EXIT_OK)
		goto out;
	opt.dry_run = cli_opt(c, "dry-run") != NULL;
	if (cli_store(c) == NULL) {
		rc = EXIT_SYSTEM;
		goto out;
	}
	if (iati_import(c->store, (const char *const *)c->arg, c->narg, &opt,
		&rep, &err) != 0) {
		rc = cli_error(import_status(&err), "%s", buf_str(&err));
		fprintf(stderr, "ctmatrix: %s\n",
		    tr(c->lang, "nothing was imported"));
		goto out;
	}
	for (size_t i = 0; cli_opt(c, "quiet") == NULL && i < rep.base.nkept;
	     i++) {
		const ImportNote *n = &rep.base.note[i];

		buf_reset(&note);
		store_note_text(&note, c->lang, n->message);
		fprintf(stderr, "%s:%zu: %s: %s\n", n->file, n->line, n->kind,
		    buf_str(&note));
	}
	if (cli_opt(c, "quiet") == NULL)
		cli_notes_more(c, &rep.base);
	iati_report_print(c, &rep, opt.dry_run);
out:
	import_report_free(&rep.base);
	free(rule);
	buf_free(&err);
	buf_free(&note);
	return rc;
}

/* export iati [filters] (see the command table in main.c). */
int
cmd_export_iati(Cli *c)
{
	IatiExportOptions opt;
	QueryArgs a;
	QueryKeys k;
	ProjectFilter f;
	Buf err = BUF_INIT;
	long n;
	int rc = EXIT_OK;

	memset(&opt, 0, sizeof(opt));
	memset(&k, 0, sizeof(k));
	opt.reporting_ref = cli_opt(c, "reporting-org");
	opt.reporting_name = cli_opt(c, "reporting-org-name");
	opt.reporting_type = cli_opt(c, "reporting-org-type");
	opt.prefix = cli_opt(c, "identifier-prefix");
	/* Whose file it is: no default would be true. */
	if (opt.reporting_ref == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"export iati: --reporting-org REF is required (the "
			"IATI organisation identifier of the publisher)"));
	if (opt.reporting_name == NULL)
		opt.reporting_name = opt.reporting_ref;
	if (opt.reporting_type == NULL)
		opt.reporting_type = "40";
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	cli_query_args(c, &a);
	if (query_filter(c->store, &a, &f, &k, &err) != 0) {
		rc = cli_error(EXIT_USAGE, "%s", buf_str(&err));
		goto out;
	}
	n = iati_export(c->store, &f, &opt, cli_opt(c, "out"), &err);
	if (n < 0) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (n == 0) {
		rc = cli_error(EXIT_FAIL,
		    tr(c->lang,
			"export iati: no project to export (an IATI file holds "
			"one activity at least)"));
		goto out;
	}
	if (cli_opt(c, "out") != NULL)
		fprintf(stderr,
		    trn(c->lang, "%s: %ld activity\n", "%s: %ld activities\n",
			(unsigned long)n),
		    cli_opt(c, "out"), n);
out:
	query_keys_free(&k);
	buf_free(&err);
	return rc;
}
