/*
 * cmd_admin.c - `ctmatrix init` and `ctmatrix import`.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/utf8.h"
#include "../io/import.h"
#include "../io/refdata.h"
#include "../portfolio/resolve.h"
#include "../portfolio/vocab.h"
#include "cli.h"

int
cmd_init(Cli *c)
{
	Buf err = BUF_INIT;
	RefdataCounts n;
	Store *s;
	int rc = EXIT_OK;

	s = store_open(c->db, 1, &err);
	if (s == NULL) {
		rc = cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		goto out;
	}
	if (refdata_load(s, &n, &err) != 0) {
		rc = cli_error(EXIT_SYSTEM,
		    tr(c->lang, "loading reference data: %s"), buf_str(&err));
		goto out;
	}
	printf(tr(c->lang,
		   "%s: schema version %d; %ld pillars, %ld thematic areas, "
		   "%ld working groups, %ld countries and areas, %ld "
		   "groupings, %ld organisations\n"),
	    c->db, store_schema_version(s), n.pillars, n.areas, n.groups,
	    n.countries, n.groupings, n.orgs);
out:
	store_close(s);
	buf_free(&err);
	return rc;
}

/* Progress on a terminal, once the import has run for a second. */
typedef struct Progress {
	struct timespec start;
	int shown;
	const char *lang; /* of the command line */
} Progress;

static void
progress(void *ctx, const char *file, long rows)
{
	Progress *p = ctx;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec - p->start.tv_sec < 1)
		return;
	fputc('\r', stderr);
	fprintf(stderr,
	    trn(p->lang, "importing %s: %ld row", "importing %s: %ld rows",
		(unsigned long)rows),
	    file, rows);
	p->shown = 1;
}

/* --dry-run: every row's outcome, "added  file:line  title". */
static int
row_print(void *ctx, const ImportRow *r)
{
	const Cli *c = ctx;
	Buf keep = BUF_INIT;
	const char *o = cli_key_label(c->lang, r->outcome, &keep);
	size_t w = utf8_width(o);

	/* "%-9s", by the columns the outcome takes, not its bytes. */
	printf("%s%*s %s:%zu  %s\n", o, w < 9 ? (int)(9 - w) : 0, "", r->file,
	    r->line, r->p->title ? r->p->title : "");
	buf_free(&keep);
	return 0;
}

/*
 * The options of `import` beyond --pillar: --format csv|matrix and
 * --entity KEY (an alias is taken to its key, kept in key).  EXIT_OK or
 * the exit code after printing the error.
 */
static int
import_options(Cli *c, ImportOptions *opt, Buf *key)
{
	const char *format = cli_opt(c, "format");
	const char *entity = cli_opt(c, "entity");
	Buf kind = BUF_INIT;
	int found;

	if (format == NULL)
		opt->format = IMPORT_FORMAT_AUTO;
	else if (strcmp(format, "csv") == 0)
		opt->format = IMPORT_FORMAT_CSV;
	else if (strcmp(format, "matrix") == 0 || strcmp(format, "annex") == 0)
		opt->format = IMPORT_FORMAT_MATRIX;
	else
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--format: \"%s\" is not csv or matrix"),
		    format);
	if (entity == NULL)
		return EXIT_OK;
	found = resolve_one(c->store, 0, entity, key, &kind);
	buf_free(&kind);
	if (!found)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--entity: \"%s\" is not an organisation"),
		    entity);
	opt->entity = buf_str(key);
	return EXIT_OK;
}

/*
 * How many operands come before the files: 1 when the first is "annex",
 * the kind of file the command used to want first, else 0; or -1 after
 * an error (a word that is no file and no kind, no file after "annex").
 * A file named like a kind is given with its directory: ./annex.
 */
static int
import_files_from(Cli *c)
{
	const char *a = c->arg[0];

	if (strcmp(a, "annex") != 0) {
		if (c->narg < 2 || strpbrk(a, "./") != NULL ||
		    access(a, F_OK) == 0)
			return 0;
		cli_error(EXIT_USAGE,
		    tr(c->lang,
			"import: unknown kind \"%s\" (known: annex; a CSV file "
			"is read as such by its name or with --format csv)"),
		    a);
		return -1;
	}
	if (c->narg < 2) {
		cli_error(EXIT_USAGE,
		    tr(c->lang,
			"usage: ctmatrix import [annex] FILE... [--format "
			"csv|matrix] [--entity KEY] [--dry-run]"));
		return -1;
	}
	return 1;
}

/* import [annex] FILE... (see the command table in main.c). */
int
cmd_import(Cli *c)
{
	ImportOptions opt;
	ImportReport rep;
	Progress prog;
	Buf err = BUF_INIT, entity = BUF_INIT, note = BUF_INIT;
	const char *pillar = cli_opt(c, "pillar");
	int rc = EXIT_OK, quiet = cli_opt(c, "quiet") != NULL;
	int first = import_files_from(c);

	if (first < 0)
		return EXIT_USAGE;
	memset(&opt, 0, sizeof(opt));
	memset(&rep, 0, sizeof(rep));
	memset(&prog, 0, sizeof(prog));
	prog.lang = c->lang;
	if (pillar && (opt.pillar = vocab_pillar(pillar)) == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--pillar: \"%s\" is not a pillar"), pillar);
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	if (opt.pillar &&
	    store_pillar_exists(c->store, opt.pillar, &err) != 1) {
		buf_free(&err);
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--pillar: the strategy has no pillar %s"),
		    opt.pillar);
	}
	if ((rc = import_options(c, &opt, &entity)) != EXIT_OK)
		goto out;
	opt.dry_run = cli_opt(c, "dry-run") != NULL;
	if (opt.dry_run && !quiet) {
		opt.row = row_print;
		opt.row_ctx = c;
	}
	if (isatty(2)) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		opt.progress = progress;
		opt.progress_ctx = &prog;
	}
	if (annex_import(c->store, (const char *const *)c->arg + first,
		c->narg - first, &opt, &rep, &err) != 0) {
		if (prog.shown)
			fputc('\n', stderr);
		rc = cli_error(strstr(buf_str(&err), "database:") ? EXIT_SYSTEM
								  : EXIT_FAIL,
		    "%s", buf_str(&err));
		fprintf(stderr, "ctmatrix: %s\n",
		    tr(c->lang, "nothing was imported"));
		goto out;
	}
	if (prog.shown)
		fputc('\n', stderr);
	for (size_t i = 0; !quiet && i < rep.nkept; i++) {
		buf_reset(&note);
		store_note_text(&note, c->lang, rep.note[i].message);
		fprintf(stderr, "%s:%zu: %s: %s\n", rep.note[i].file,
		    rep.note[i].line,
		    store_finding_kind(c->lang, rep.note[i].kind),
		    buf_str(&note));
	}
	if (!quiet)
		cli_notes_more(c, &rep);
	printf(tr(c->lang,
		   "%s%ld rows read: %ld added, %ld updated, %ld unchanged, "
		   "%ld repeated, %ld refused; %ld joined across page "
		   "breaks; %ld unknown entities, %ld unknown places; %zu "
		   "other defects noted\n"),
	    opt.dry_run ? tr(c->lang, "dry run: ") : "", rep.rows, rep.added,
	    rep.updated, rep.unchanged, rep.repeated, rep.refused, rep.joined,
	    rep.unknown_entities, rep.unknown_places, rep.nnote);
out:
	import_report_free(&rep);
	buf_free(&err);
	buf_free(&entity);
	buf_free(&note);
	return rc;
}
