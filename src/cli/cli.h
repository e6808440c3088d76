/*
 * cli.h - what the subcommands of ctmatrix share.
 *
 * main.c parses the global options and the command's own options against
 * the command table (each command declares the options it takes, and
 * whether they take a value), so a command receives its options already
 * checked and never sees one it did not declare.
 */
#ifndef CTM_CLI_CLI_H
#define CTM_CLI_CLI_H

#include <stdio.h>

#include "../core/buf.h"
#include "../portfolio/query.h"
#include "../store/store.h"
#include "../text/lang.h"

/* Exit codes, documented in ctmatrix(1) and `ctmatrix help`. */
enum {
	EXIT_OK = 0,    /* done */
	EXIT_FAIL = 1,  /* the input was wrong or a thing was not found */
	EXIT_USAGE = 2, /* the command line was wrong */
	EXIT_SYSTEM = 3 /* the database or the system failed */
};

#define CLI_MAX_OPTS 64

typedef struct CliOpt {
	const char *name;  /* without the leading "--" */
	const char *value; /* value given, "" for a flag; NULL if absent */
} CliOpt;

typedef struct Cli {
	const char *db;           /* database path or URL */
	const char *prog;         /* argv[0] for messages */
	Store *store;             /* opened on demand by cli_store() */
	CliOpt opt[CLI_MAX_OPTS]; /* the command's options */
	int nopt;
	char **arg; /* operands */
	int narg;
	const char *format; /* table, json or csv */
	const char *lang;   /* what people read: ar en es fr ru zh */
} Cli;

/*
 * A key a table shows (a status, a scope such as "global, regional", a
 * need's visibility) as people read it in c->lang, kept in keep; the key
 * itself in English (whose tables show keys, as ever), in CSV and JSON,
 * and when it is none this knows.
 */
const char *cli_label(const Cli *c, const char *key, Buf *keep);

/*
 * The same in lang, whatever the format: for the tables' cells
 * (CliTable.keys) and the lines printed only as text.
 */
const char *cli_key_label(const char *lang, const char *key, Buf *keep);

/*
 * Print "ctmatrix: usage: ctmatrix SYNTAX" ("usage" in c->lang, the
 * syntax as it is) to standard error; returns EXIT_USAGE.
 */
int cli_usage(const Cli *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Value of option name, or NULL when it was not given. */
const char *cli_opt(const Cli *c, const char *name);

/*
 * The store, opened (and created and loaded with the reference data when
 * missing) on first use.  NULL after printing an error.
 */
Store *cli_store(Cli *c);

/*
 * Print "ctmatrix: message" to stderr; return code.  fmt is already in
 * the language of the command line: tr(c->lang, "...").
 */
int cli_error(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print a JSON value (jansson json_t *) to stdout and free it. */
void cli_print_json(void *json);

/*
 * After an import's defects are printed: how many more it met than its
 * report kept (IMPORT_NOTES_KEPT), if any, on standard error.
 */
struct ImportReport;
void cli_notes_more(const Cli *c, const struct ImportReport *rep);

/* A table to print as text, CSV or JSON. */
#define CLI_COL(i) (1u << (i))
typedef struct CliTable {
	int ncol;
	const char **head; /* column headings (CSV; N_() marked for table) */
	char **cell; /* nrow * ncol cells, in a block a row (cli_table_row) */
	size_t nrow, cap;
	int last_wraps; /* last column is free text: not padded */
	unsigned keys;  /* bit i: column i holds keys, shown as cli_label()s */
} CliTable;

void cli_table_init(CliTable *t, int ncol, const char **head);
/* Add a row of ncol strings (copied; NULL is printed as ""). */
void cli_table_add(CliTable *t, const char *const *cells);
/*
 * The same in two steps: a row made of the cells (a block of malloc(),
 * measured; it reads only t->ncol, so any thread may make it), then
 * added, the table taking the block.
 */
void *cli_table_row(const CliTable *t, const char *const *cells);
void cli_table_add_row(CliTable *t, void *row);
/*
 * Print as an aligned text table, its headings translated into lang, or
 * as CSV with the header line as given (CSV is for programs: English), or
 * as JSON, {"rows": [{HEADING: CELL, ...}, ...]}, English too.
 */
void cli_table_print(const CliTable *t, const char *format, const char *lang);
/*
 * Print one CSV line of ncol cells (NULL is ""), RFC 4180, made in line:
 * a long list is printed as it is read, not kept in a CliTable.
 */
void cli_csv_row(Buf *line, const char *const *cells, int ncol);
/* The same line, made in line and not printed. */
void cli_csv_line(Buf *line, const char *const *cells, int ncol);
void cli_table_free(CliTable *t);

/* The filters of `projects` given to c (--pillar ... --offset). */
void cli_query_args(const Cli *c, QueryArgs *a);

/* The commands. */
int cmd_init(Cli *c);
int cmd_import(Cli *c);
int cmd_import_iati(Cli *c);
int cmd_export_iati(Cli *c);
int cmd_projects(Cli *c);
int cmd_plan(Cli *c);
int cmd_needs(Cli *c);
int cmd_gaps(Cli *c);
int cmd_duplicates(Cli *c);
int cmd_rates(Cli *c);
int cmd_budget(Cli *c);
int cmd_contributions(Cli *c);
int cmd_funding(Cli *c);
int cmd_trust_fund(Cli *c);
int cmd_gender(Cli *c);
int cmd_appeals(Cli *c);
int cmd_project(Cli *c);
int cmd_stats(Cli *c);
int cmd_check(Cli *c);
int cmd_help(Cli *c);
int cmd_serve(Cli *c);
int cmd_user(Cli *c);
int cmd_token(Cli *c);
int cmd_audit(Cli *c);
int cmd_request(Cli *c);
int cmd_stage(Cli *c);
int cmd_board(Cli *c);
int cmd_rounds(Cli *c);
int cmd_results(Cli *c);
int cmd_indicators(Cli *c);
int cmd_report(Cli *c);
int cmd_report_annex(Cli *c);
int cmd_report_region(Cli *c);
int cmd_report_analysis(Cli *c);
int cmd_progress(Cli *c);
int cmd_areas(Cli *c);

/*
 * Print help for one command, or the overview when name is NULL, in
 * lang (the prose; not the names of commands and options).
 */
int cli_help(FILE *fp, const char *lang, const char *name);

/*
 * The exit code of a change's COMMIT_* code (io/project_commit.h),
 * printing msg when it is not a success.
 */
int cli_commit_status(int code, const Buf *msg);

/*
 * The account --as names into a (cleared with account_clear()), *who
 * pointing to it; without --as *who is NULL: the command line, which may
 * do all.  EXIT_OK or an exit code after a message.
 */
int cli_as_account(Cli *c, Account *a, const Account **who);

/* Add r's key and name as a row of the CliTable ctx (a StoreRefFn). */
int cli_ref_row(void *ctx, const RefItem *r);

/* A positive id from text, or 0. */
int64_t cli_id(const char *text);

/* Check --format against table|json|csv; set c->format. */
int cli_format(Cli *c);

#endif
