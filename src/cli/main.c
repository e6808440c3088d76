/*
 * main.c - the ctmatrix command: global options and the command table.
 *
 *   ctmatrix [--db PATH] COMMAND [OPTIONS] [ARGS]
 *
 * The table below is sorted by name and says, for every command, which
 * options it takes and whether each wants a value; main() checks the
 * command line against it once, so the commands never see an option they
 * did not declare.  A name of two words ("report annex") is a command of
 * its own, with its own options, found before the one-word command.  The database is --db, else $CTMATRIX_DB, else
 * ./ctmatrix.db.
 */
#include <stdlib.h>
#include <string.h>

#include "../io/render.h"
#include "../io/refdata.h"
#include "../text/lang.h"
#include "cli.h"

#ifndef CTM_VERSION
#define CTM_VERSION "0.1.0"
#endif

typedef struct Command {
	const char *name;
	int (*fn)(Cli *);
	const char *opts;       /* "name=" takes a value, "name" is a flag */
	int min_args, max_args; /* operands; -1: any number */
	const char *usage;      /* one line: the arguments */
	const char *help;       /* what it does, for ctmatrix help COMMAND */
} Command;

#define FILTER_OPTS "pillar= entity= country= region= status= search= "
#define NEED_FILTER_OPTS                                                       \
	"country= region= pillar= area= status= priority= body= search= "

static const Command commands[] = {
	{ "appeals", cmd_appeals,
	    "title= issued= note= projects= demo format= ", 1, 2,
	    "list | show KEY | add|set KEY --title T --projects ID,...\n"
	    "         [--issued DATE] [--note T] [--demo] | delete KEY\n"
	    "         [--format table|json|csv]",
	    N_("Appeals (such as a Multi-Year Appeal) that make projects'\n"
	       "shortfalls known to donors: show lists each project with its\n"
	       "budget, what it received and its shortfall, and the "
	       "totals.\n") },
	{ "areas", cmd_areas, "clear as= format= ", 0, -1,
	    "[PROJECT [KEY...] | PROJECT --clear] [--as LOGIN]\n"
	    "         [--format table|json|csv]",
	    N_("The thematic areas of the strategy, or those entered for a\n"
	       "project; with keys, sets them (--clear: none).  A project's\n"
	       "areas place it under the Working Groups that cover them, "
	       "whose\n"
	       "progress reports (`ctmatrix progress`) then count it.\n") },
	{ "audit", cmd_audit, "project= format= ", 0, 0,
	    "[--project ID] [--format table|json|csv]",
	    N_("Lists the audit trail, newest first: every change, who made "
	       "it\n"
	       "and when, with the values before and after; --project ID "
	       "shows\n"
	       "one project's history.\n") },
	{ "board", cmd_board,
	    "decision= seed= round= meeting= conditions= reason= demo as= "
	    "project= format= ",
	    1, 3,
	    "member add|remove LOGIN | members | decide PROJECT\n"
	    "         --decision approve|reject|revise --meeting YYYY-MM-DD\n"
	    "         [--seed USD] [--round KEY] [--conditions T] [--reason "
	    "T]\n"
	    "         [--demo] [--as LOGIN] | decisions [--round KEY]\n"
	    "         [--project ID] [--decision D] [--format table|json|csv]",
	    N_("The Programme Review Board: its members, and its decisions on\n"
	       "proposals (projects at Idea, Analysis, Planning or Financing, "
	       "or\n"
	       "not placed).  Each change goes in the audit trail.\n"
	       "  member add|remove LOGIN   seat or unseat an account (any "
	       "role)\n"
	       "  members        who sits on the Board\n"
	       "  decide PROJECT record a decision of the Board's meeting of\n"
	       "                 --meeting: approve (moves the project to\n"
	       "                 Initiation; --seed USD the seed funding "
	       "granted,\n"
	       "                 written \"120,000\" or \"120000.50\";\n"
	       "                 --conditions), revise (returns it for "
	       "revision:\n"
	       "                 back to Planning) or reject (it stays; "
	       "--reason\n"
	       "                 is required to reject or revise).  --round "
	       "KEY\n"
	       "                 the seed-funding round (see `ctmatrix "
	       "rounds`);\n"
	       "                 --demo marks a made-up record.  Only Board\n"
	       "                 members and admins decide: --as LOGIN acts "
	       "as\n"
	       "                 that account (the command line may decide)\n"
	       "  decisions      the decisions recorded, by meeting date\n") },
	{ "budget", cmd_budget, "currency= date= demo format= ", 2, 3,
	    "show ID | set ID AMOUNT [--currency C] [--date YYYY-MM-DD]\n"
	    "         [--demo] | remove ID [--format table|json]",
	    N_("A project's budget (its requirement), in any currency known "
	       "to\n"
	       "`ctmatrix rates currencies` (USD unless --currency), converted "
	       "to\n"
	       "US dollars at the latest rate recorded on or before --date\n"
	       "(today unless given); show gives the budget, what the project\n"
	       "received (contributions earmarked for it and seed funding the\n"
	       "Board granted), its shortfall and its gender marker.  AMOUNT "
	       "is\n"
	       "written 1234.56 or 1,234.56, with no more decimals than the\n"
	       "currency has.\n") },
	{ "check", cmd_check, "format= ", 0, 0, "[--format table|json|csv]",
	    N_("Lists the data-quality findings: declared and found counts "
	       "that\n"
	       "differ (count-mismatch), repeated and missing serial numbers\n"
	       "(duplicate-serial, missing-serial), entities and places that\n"
	       "could not be resolved (unknown-entity, unknown-place,\n"
	       "place-is-organisation), projects without entity, status or\n"
	       "scope (missing-entity, unknown-status, missing-scope), and "
	       "the\n"
	       "defects the importer met in source rows (period-unparsed,\n"
	       "missing-field, bad-serial, extra-cells, ...).\n") },
	{ "contributions", cmd_contributions,
	    "donor= project= amount= currency= date= trust-fund in-kind note= "
	    "demo format= ",
	    1, 2,
	    "list [--project ID] [--donor D] [--trust-fund] |\n"
	    "         add --donor D --amount A [--currency C] --date D\n"
	    "         [--project ID [--trust-fund]] [--in-kind] [--note T]\n"
	    "         [--demo] | delete ID [--format table|json|csv]",
	    N_("What donors gave: to a project directly, to the UN Trust Fund\n"
	       "for Counter-Terrorism earmarked for a project (--project ID\n"
	       "--trust-fund), or to the Trust Fund unearmarked (no "
	       "--project).\n"
	       "The donor is an organisation (key or alias), a Member State\n"
	       "(ISO alpha-3 or name) or, failing both, a name as written.\n"
	       "Converted to US dollars at the rate of --date.\n") },
	{ "duplicates", cmd_duplicates,
	    "country= area= entity= min= limit= format= ", 0, 0,
	    "[--country ISO3] [--area KEY] [--entity KEY] [--min X]\n"
	    "         [--limit N] [--format table|json|csv]",
	    N_("Lists pairs of projects that may duplicate each other: "
	       "projects\n"
	       "of different lead entities that name a country in common\n"
	       "(directly or through a grouping such as Sahel), share a\n"
	       "thematic area (as entered, or recognised from their text by\n"
	       "the framework's keywords), and whose periods overlap; ranked "
	       "by\n"
	       "how alike their titles and activities are (0 to 1, rare words\n"
	       "weighing more).  Each pair says why it was flagged.\n"
	       "  --min X     the least likeness listed (0.05)\n"
	       "  --limit N   pairs listed at most (100; 0: all)\n") },
	{ "export iati", cmd_export_iati,
	    FILTER_OPTS
	    "reporting-org= reporting-org-name= reporting-org-type= "
	    "identifier-prefix= out= ",
	    0, 0,
	    "--reporting-org REF [--reporting-org-name NAME]\n"
	    "         [--reporting-org-type CODE] [--identifier-prefix P]\n"
	    "         [--pillar P] [--entity KEY] [--country ISO3] [--region "
	    "NAME]\n"
	    "         [--status S] [--search TEXT] [--out FILE]",
	    N_("Writes the projects the filters of `ctmatrix projects` select "
	       "as\n"
	       "IATI 2.03 activities (iatistandard.org), valid against the\n"
	       "schema of data/iati/.  A project imported from IATI keeps its\n"
	       "identifier and reporting organisation; the others are\n"
	       "identified as P-ID (P is --identifier-prefix, else REF).  The\n"
	       "pillars go as sectors of vocabulary 99.\n"
	       "  --reporting-org REF       the publisher's IATI identifier\n"
	       "  --reporting-org-name N    its name (else REF)\n"
	       "  --reporting-org-type C    its OrganisationType code (40)\n"
	       "  --out FILE                written whole or not at all\n") },
	{ "funding", cmd_funding, "by= pillar= entity= format= ", 0, 0,
	    "[--by project|entity|pillar|gender|portfolio] [--pillar P]\n"
	    "         [--entity KEY] [--format table|json|csv]",
	    N_("Budgets, funds received and shortfalls in US dollars, by "
	       "group.\n"
	       "A project's shortfall is its budget less what it received,\n"
	       "never below nothing; a group's is the sum of its projects'.\n"
	       "Projects without a budget count in projects, not in "
	       "budgeted.\n") },
	{ "gaps", cmd_gaps, NEED_FILTER_OPTS "by= as= format= ", 0, 0,
	    "[--by country|region|subregion|pillar|area] [filters of needs]\n"
	    "         [--as LOGIN] [--format table|json|csv]",
	    N_("Counts needs, and the gaps among them (needs not addressed "
	       "that\n"
	       "no project answers), by one dimension; takes the filters of\n"
	       "`ctmatrix needs list`.  JSON: {\"by\", \"needs\", \"gaps\",\n"
	       "\"groups\": [{\"key\", \"name\", \"needs\", \"gaps\"}, "
	       "...]}.\n") },
	{ "gender", cmd_gender, "demo format= ", 0, 2,
	    "[PROJECT_ID [0|1|2|3|none [--demo]]] [--format table|json]",
	    N_("The gender equality marker: with no operand, the budget at "
	       "each\n"
	       "level and its share; with a project, its level; with a level,\n"
	       "sets it.  0: not expected to contribute noticeably to gender\n"
	       "equality; 1: contributes in a limited way; 2: gender equality "
	       "is\n"
	       "a significant objective; 3: it is the principal objective.\n"
	       "--demo marks a level made up for a demonstration.\n") },
	{ "help", cmd_help, "", 0, 2, "[COMMAND]",
	    N_("Prints the list of commands, or the help of one command.\n") },
	{ "import", cmd_import, "pillar= dry-run quiet format= entity= ", 1, -1,
	    "[annex] FILE... [--format csv|matrix] [--entity KEY]\n"
	    "         [--pillar P] [--dry-run] [--quiet]",
	    N_("Imports projects: files in the matrix format of the\n"
	       "Secretary-General's report (tab-separated rows under \"Pillar "
	       "N\"\n"
	       "headings), or CSV files of projects (doc/csv-format.md); a "
	       "file\n"
	       "ending in .csv is read as CSV unless --format says otherwise.\n"
	       "All files are imported in one transaction: on any error "
	       "nothing\n"
	       "is written.  Importing the same file again changes nothing.\n"
	       "Every defect met is reported on standard error; the findings\n"
	       "stay queryable with `ctmatrix check`.\n"
	       "  --format F   csv or matrix, for every file\n"
	       "  --entity K   every row must name organisation K (or a "
	       "sub-unit)\n"
	       "               and may change only projects that name it\n"
	       "  --pillar P   pillar of rows before any pillar heading, and "
	       "of\n"
	       "               CSV rows whose pillar is empty\n"
	       "  --dry-run    read, resolve and list each row's outcome, but\n"
	       "               write nothing\n"
	       "  --quiet      print only the summary line\n") },
	{ "import iati", cmd_import_iati,
	    "relevant= rule= dry-run quiet format= ", 1, -1,
	    "FILE... [--relevant ct|all] [--rule FILE] [--dry-run]\n"
	    "         [--quiet] [--format table|json]",
	    N_("Imports IATI activity files (2.03, and 1.0x as publishers\n"
	       "still write them) as projects, all in one transaction.  An\n"
	       "activity is found again by its iati-identifier: importing a\n"
	       "file again updates its projects and changes nothing when it\n"
	       "is the same.  Unless --relevant all, only the activities "
	       "about\n"
	       "counter-terrorism and preventing violent extremism are kept:\n"
	       "by sector, policy marker or keyword "
	       "(data/iati/relevance.json,\n"
	       "or --rule FILE of the same form).  Defects are reported with\n"
	       "file and line, and kept for `ctmatrix check`.\n"
	       "  --relevant ct|all   the relevant activities (ct) or every "
	       "one\n"
	       "  --rule FILE         another rule of relevance\n"
	       "  --dry-run           read and map, but write nothing\n"
	       "  --quiet             print only the summary line\n") },
	{ "indicators", cmd_indicators,
	    "name= unit= aggregate= baseline= target= categories= demo as= ", 2,
	    2,
	    "add RESULT --name N --unit U [--aggregate sum|last]\n"
	    "         [--baseline V] [--target V] [--categories A,B] [--demo]\n"
	    "         | set ID [the same] | delete ID [--as LOGIN]",
	    N_("The indicators that show a result: a unit (\"officials\n"
	       "trained\", \"%\"), a baseline and a target, how periods add "
	       "up\n"
	       "(sum: what each period delivered; last: a level whose latest\n"
	       "value stands) and a disaggregation (--categories "
	       "female,male).\n"
	       "Values have at most three decimals.  Once an approved report\n"
	       "gives a value for it, an indicator keeps its unit, aggregate\n"
	       "and categories and cannot be deleted.  add prints the new "
	       "id.\n") },
	{ "init", cmd_init, "", 0, 0, "",
	    N_("Creates the database (if missing), brings its schema up to "
	       "date\n"
	       "and loads the reference data: the strategy framework, the "
	       "UNSD\n"
	       "M49 countries and regions, the groupings documents use, and "
	       "the\n"
	       "organisations with their aliases.  Running it again updates "
	       "the\n"
	       "reference data in place.\n") },
	{ "needs", cmd_needs,
	    NEED_FILTER_OPTS
	    "gaps limit= offset= as= format= ref= "
	    "assessed= text= confidentiality= organisations= projects= demo ",
	    1, 3,
	    "list [filters] | show ID | add --country C --body B --text T\n"
	    "         [fields] | set ID [fields] | delete ID | link|unlink ID\n"
	    "         PROJECT | import FILE.csv [--demo] | areas\n"
	    "         [--as LOGIN] [--format table|json|csv]",
	    N_("Assessment recommendations and technical-assistance needs of\n"
	       "Member States, and the projects that answer them.  Each "
	       "change\n"
	       "goes in the audit trail.\n"
	       "  list           filters: --country C, --region R, --pillar "
	       "P,\n"
	       "                 --area KEY, --status S, --priority P, --body "
	       "B,\n"
	       "                 --search WORDS, --gaps (answered by no "
	       "project)\n"
	       "  add, set       fields: --country (ISO3 or name), --body "
	       "(the\n"
	       "                 assessing organisation), --text, --assessed\n"
	       "                 YYYY[-MM[-DD]], --pillar, --area (see `needs\n"
	       "                 areas`), --priority high|medium|low, "
	       "--status\n"
	       "                 open|being_addressed|addressed, "
	       "--confidentiality\n"
	       "                 public|compact|restricted (restricted unless\n"
	       "                 told), --organisations \"CTED; UNOCT\" (who "
	       "sees\n"
	       "                 a restricted need; these unless told), "
	       "--projects\n"
	       "                 \"12; 40\", --ref, --demo (a made-up record)\n"
	       "  import FILE    a CSV file with a header row naming the "
	       "fields;\n"
	       "                 a row whose ref is stored changes that need; "
	       "on\n"
	       "                 any fault nothing is stored (--demo marks "
	       "all)\n"
	       "  --as LOGIN     list, show: what that account may see (the\n"
	       "                 command line sees everything)\n") },
	{ "plan", cmd_plan,
	    "format= delivered agreed all as= markdown name= date= title= "
	    "label= revision= ",
	    1, 4,
	    "stats|positions|text|akn FILE | diff OLD NEW\n"
	    "         | add KEY FILE [--title T] [--label L] | list [KEY]\n"
	    "         | adopt KEY --revision N | link|unlink KEY MEASURE "
	    "PROJECT\n"
	    "         | measures KEY\n"
	    "         [--format table|json|csv] [--markdown]\n"
	    "         [--delivered|--agreed|--all|--as XXX] [--name KEY] "
	    "[--date D]",
	    N_("Reads a negotiation draft in bracket notation: \"[text] "
	       "(+IND)\"\n"
	       "is delegation IND proposing to add text, \"(-IND)\" to delete "
	       "it\n"
	       "(ISO 3166-1 alpha-3 codes).  A file ending in .md is read as\n"
	       "Markdown (links are not brackets); --markdown says so for any "
	       "file.\n"
	       "Defects (a bracket never closed, a ']' with nothing open, an\n"
	       "unknown code) are reported as FILE:LINE:COL on standard "
	       "error.\n"
	       "  stats FILE       brackets, unclosed, nested, unsponsored,\n"
	       "                   measures, inserted measures, tags per "
	       "delegation\n"
	       "  positions FILE   each delegation's proposals with their "
	       "measure,\n"
	       "                   then a measures x delegations table\n"
	       "  text FILE        --delivered: the draft as it is; --agreed: "
	       "every\n"
	       "                   bracketed span out; --all: every proposal "
	       "in,\n"
	       "                   markup removed; --as XXX: XXX's additions "
	       "in,\n"
	       "                   its deletions out, others' proposals as in "
	       "the\n"
	       "                   base draft, what cannot be decided marked\n"
	       "  diff OLD NEW     word-level comparison of two revisions, "
	       "measures\n"
	       "                   aligned even when renumbered, brackets "
	       "opened,\n"
	       "                   agreed, dropped and still open per measure\n"
	       "  akn FILE         Akoma Ntoso 3.0 XML (--name KEY and --date\n"
	       "                   YYYY-MM-DD for its identifiers)\n"
	       "Plans kept in the database (each change audited):\n"
	       "  add KEY FILE     a new revision of plan KEY (--title for a "
	       "new\n"
	       "                   plan; --label, else the file name)\n"
	       "  list [KEY]       the plans, or one plan's revisions\n"
	       "  adopt KEY --revision N   the adopted text (0: a draft "
	       "again)\n"
	       "  link KEY MEASURE PROJECT, unlink ...   a project implements "
	       "a\n"
	       "                   measure of the adopted plan\n"
	       "  measures KEY     per measure of the adopted plan: projects,\n"
	       "                   entities, countries; those with none\n") },
	{ "progress", cmd_progress, "wg= period= as= format= ", 0, 0,
	    "[--period 2025-Q2|2025-H1|2025 [--wg KEY]] [--as LOGIN]\n"
	    "         [--format table|json|csv]",
	    N_("The progress report of a Working Group (--wg; every project\n"
	       "when not given) for a quarter (quarterly), the first half "
	       "year\n"
	       "(mid-year) or a year (end-of-year): per project and indicator\n"
	       "the value of the period and to date against the target, the\n"
	       "totals of the indicators that add up by unit, and the "
	       "projects\n"
	       "reporting and not.  Approved reports only.  Without --period,\n"
	       "lists the Working Groups.\n") },
	{ "project", cmd_project, "format= ", 1, 1,
	    "ID [--format table|json|csv]",
	    N_("Shows one project with every field.\n") },
	{ "projects", cmd_projects,
	    FILTER_OPTS "sort= limit= offset= format= ", 0, 0,
	    "[--pillar P] [--entity KEY] [--country ISO3] [--region NAME]\n"
	    "         [--status S] [--search TEXT] [--sort S] [--limit N]\n"
	    "         [--offset N] [--format table|json|csv]",
	    N_("Lists projects.  Filters combine: all must hold.\n"
	       "  --pillar P     I, II, III or IV (or 1 to 4)\n"
	       "  --entity KEY   an organisation by key or alias (UNODC, "
	       "HCDH);\n"
	       "                 includes the projects of its sub-units\n"
	       "  --country C    ISO alpha-3 code or name: projects naming it\n"
	       "  --region NAME  an M49 region or a grouping (Sahel, Central\n"
	       "                 Asia, 002): projects naming a place within "
	       "it\n"
	       "  --status S     in_development, ongoing or completed\n"
	       "  --search TEXT  words in title or activities (case, accents "
	       "and\n"
	       "                 Arabic and Cyrillic variants folded; "
	       "prefixes)\n"
	       "  --sort S       pillar (default), serial, title, status, "
	       "start, "
	       "id\n") },
	{ "rates", cmd_rates, "date= source= format= ", 0, 3,
	    "[list [CURRENCY]] | add CURRENCY RATE [--date YYYY-MM-DD]\n"
	    "         [--source TEXT] | currencies [--format table|json|csv]",
	    N_("Exchange rates, as US dollars one unit of the currency is "
	       "worth\n"
	       "(1.0843 for a euro), each holding from its date on; a sum is\n"
	       "converted at the latest rate on or before its date and keeps\n"
	       "that rate, so a later rate changes no past conversion.\n") },
	{ "report", cmd_report,
	    "narrative= value= clear-values note= demo as= ", 2, 3,
	    "PROJECT PERIOD [--narrative T] [--value IND=V]\n"
	    "         [--value IND:CATEGORY=V] [--clear-values] [--demo]\n"
	    "         | submit|withdraw|approve|return|delete PROJECT PERIOD\n"
	    "         [--note T] [--as LOGIN]",
	    N_("A project's report of its results for a period (2025-Q2,\n"
	       "2025-H1, 2025): written as a draft by those who may change "
	       "the\n"
	       "project (values replace the report's values; a category's\n"
	       "values of a sum indicator add up to its total, which may be\n"
	       "left out), then submitted, and approved or returned (--note:\n"
	       "what to change) by the secretariat.  An approved report is\n"
	       "locked.  A project's periods never overlap.\n") },
	{ "report analysis", cmd_report_analysis,
	    FILTER_OPTS "lang= format= out= ", 0, 0,
	    "[--pillar P] [--entity KEY] [--country ISO3]\n"
	    "         [--region NAME] [--status S] [--search TEXT] [--lang L]\n"
	    "         --format csv|html|json|pdf|xlsx [--out FILE]",
	    N_("The portfolio analysis of the Secretary-General's report: the\n"
	       "projects counted and shared by pillar, geographical scope,\n"
	       "status and entity, entity by pillar, their budget, what was\n"
	       "received and the shortfall (demonstration records marked), "
	       "and\n"
	       "the sentences the report writes from them (\"Out of the 176\n"
	       "projects, 68% fall under Pillar I ...\"), with bar charts in\n"
	       "HTML (SVG) and PDF.  Takes the filters of `ctmatrix "
	       "projects`.\n"
	       "  --format F  csv (RFC 4180, a figure a row: table, key, "
	       "name,\n"
	       "              pillar, measure, value), json, html (a whole\n"
	       "              document), pdf (A4) or xlsx (a sheet a table);\n"
	       "              pdf and xlsx to standard output only when it is\n"
	       "              not a terminal, else give --out\n"
	       "  --lang L    ar, en, es, fr, ru or zh: every text, number "
	       "and\n"
	       "              date in that language (en)\n"
	       "  --out FILE  write FILE whole or not at all (a new file "
	       "renamed\n"
	       "              over it), else standard output\n") },
	{ "report annex", cmd_report_annex,
	    FILTER_OPTS "lang= format= out= ", 0, 0,
	    "[--pillar P] [--entity KEY] [--country ISO3]\n"
	    "         [--region NAME] [--status S] [--search TEXT] [--lang L]\n"
	    "         --format csv|html|json|xlsx [--out FILE]",
	    N_("The annex matrix of the Secretary-General's report: a table a\n"
	       "pillar, each project with its serial, title, period, entities\n"
	       "(lead first), status, main activities and geographical scope,\n"
	       "in the report's order.  Takes the filters of `ctmatrix\n"
	       "projects`.\n"
	       "  --format F  csv (RFC 4180, a row a project), json, html (a\n"
	       "              whole document, for printing) or xlsx (a sheet "
	       "a\n"
	       "              pillar; to standard output only when it is not "
	       "a\n"
	       "              terminal, else give --out)\n"
	       "  --lang L    ar, en, es, fr, ru or zh (the global --lang, "
	       "else\n"
	       "              the environment's): the annex's language; only "
	       "the\n"
	       "              projects' own texts stay as they were entered\n"
	       "  --out FILE  write FILE whole or not at all (a new file "
	       "renamed\n"
	       "              over it), else standard output\n") },
	{ "report region", cmd_report_region, "region= lang= format= out= ", 0,
	    0,
	    "--region KEY [--lang L] --format csv|html|json|pdf|xlsx\n"
	    "         [--out FILE]",
	    N_("A region's counter-terrorism activities, as the public page\n"
	       "/regions/KEY shows them: the projects naming a place in the\n"
	       "region (as `ctmatrix projects --region` selects them), "
	       "counted\n"
	       "by member country and by pillar (a project once in each\n"
	       "country it names; those naming none in the row of the region\n"
	       "as a whole; totals count each project once), then listed in\n"
	       "the annex's order.\n"
	       "  --region KEY  an M49 region or a grouping by key (143,\n"
	       "                sahel, central-asia-5) or by name (\"Central\n"
	       "                Asia\", central-asia)\n"
	       "  --format F    csv (the counts), json, html (a whole\n"
	       "                document), xlsx (a sheet of counts, one of\n"
	       "                projects) or pdf; the last two to standard\n"
	       "                output only when it is not a terminal\n"
	       "  --lang L      ar, en, es, fr, ru or zh: every text and name\n"
	       "                in that language (en)\n"
	       "  --out FILE    write FILE whole or not at all, else standard\n"
	       "                output\n") },
	{ "request", cmd_request, "", 1, 1, "FILE",
	    N_("Answers one HTTP request read from FILE (- for standard "
	       "input)\n"
	       "as the server would, and prints the response: a request line\n"
	       "(\"GET /api/v1/projects?pillar=II HTTP/1.1\"), header lines, "
	       "an\n"
	       "empty line and the body.  For tests and for scripts.\n") },
	{ "results", cmd_results,
	    "level= outcome= statement= demo as= format= ", 2, 2,
	    "show PROJECT | add PROJECT --level outcome|output\n"
	    "         --statement T [--outcome ID] [--demo] | set ID\n"
	    "         [--statement T] [--outcome ID|none] | delete ID\n"
	    "         [--as LOGIN] [--format table|json]",
	    N_("A project's results framework: its outcomes and outputs (an\n"
	       "output may stand under an outcome), with their indicators and\n"
	       "their progress to date, and its reports by period.  add "
	       "prints\n"
	       "the new id.  Reports not yet approved are shown to those who\n"
	       "may change the project and to the secretariat only.\n") },
	{ "rounds", cmd_rounds, "format= ", 0, 1,
	    "[KEY] [--format table|json|csv]",
	    N_("The seed-funding rounds of the Programme Review Board: the\n"
	       "projects and the sum the Secretary-General's reports publish "
	       "for\n"
	       "each (2018: nine projects, USD 949,111; 2019: seven, USD\n"
	       "973,748), beside what the decisions recorded here add up to\n"
	       "(approved projects counted once, seed funding summed; the "
	       "part\n"
	       "of demonstration records apart).  With KEY, one round and its\n"
	       "decisions.\n") },
	{ "serve", cmd_serve, "listen= threads= read-db= proxy= ", 0, 0,
	    "[--listen HOST:PORT] [--threads N] [--read-db URL]\n"
	    "         [--proxy ADDR,...]",
	    N_("Serves the web application and the JSON API (/api/v1) over\n"
	       "HTTP until SIGTERM or Ctrl-C; requests in flight finish "
	       "first.\n"
	       "  --listen HOST:PORT  address to listen on (127.0.0.1:8080; "
	       "port\n"
	       "                      0 picks a free one, printed at start)\n"
	       "  --threads N         worker threads (one per core)\n"
	       "  --read-db URL       a streaming replica of the database "
	       "(else\n"
	       "                      $CTMATRIX_READ_DB): GET and HEAD read "
	       "it;\n"
	       "                      writes, sessions and sign-ins use the\n"
	       "                      database\n"
	       "  --proxy ADDR,...    the addresses (or networks, ADDR/BITS) "
	       "of\n"
	       "                      load balancers: a request from one\n"
	       "                      comes from the last address of its\n"
	       "                      X-Forwarded-For\n"
	       "Each request leaves a line on standard error: time, address,\n"
	       "method, path, status, bytes, milliseconds.  Several servers "
	       "may\n"
	       "share one database behind a load balancer: sessions, limits "
	       "and\n"
	       "caches are kept in it.\n") },
	{ "stage", cmd_stage, "to= reason= as= from-status format= ", 1, 1,
	    "PROJECT [--format table|json|csv] | PROJECT --to STEP\n"
	    "         --reason TEXT [--as LOGIN] | place --from-status",
	    N_("The lifecycle of a project, seven steps: 1 Idea, 2 Analysis,\n"
	       "3 Planning, 4 Financing, 5 Initiation, 6 Implementation,\n"
	       "7 Evaluation.  A project moves only by a recorded decision: "
	       "who,\n"
	       "when and why, in the audit trail too.\n"
	       "  PROJECT        its step and the decisions that moved it\n"
	       "  --to STEP      move it (a number or a name): to the next "
	       "step\n"
	       "                 or back to any earlier one, never over a "
	       "step; "
	       "a\n"
	       "                 project not placed may be placed at any "
	       "step.\n"
	       "                 From a proposal step into Initiation only "
	       "with "
	       "a\n"
	       "                 Board approval on record (or as admin).  "
	       "--as\n"
	       "                 LOGIN: under that account's rules (a focal "
	       "point:\n"
	       "                 its entity's projects, Idea to Financing "
	       "only)\n"
	       "  place --from-status   place every project not yet placed at\n"
	       "                 the step of its matrix status: in "
	       "development\n"
	       "                 at Planning, ongoing at Implementation, "
	       "completed\n"
	       "                 at Evaluation\n") },
	{ "stats", cmd_stats, "by= sum= " FILTER_OPTS "format= ", 0, 0,
	    "--by pillar|status|entity|scope|country|region|year [filters]\n"
	    "         [--sum budget] [--format table|json|csv]",
	    N_("Counts projects by one dimension.  A project counts once in "
	       "every\n"
	       "group it belongs to; \"total\" counts projects.  Takes the "
	       "filters\n"
	       "of `ctmatrix projects`.  JSON:\n"
	       "  {\"total\": N, \"by\": \"pillar\", \"groups\": [{\"key\": "
	       "\"I\",\n"
	       "   \"name\": \"...\", \"count\": N}, ...]}\n") },
	{ "token", cmd_token, "days= ", 1, 1, "LOGIN [--days N]",
	    N_("Prints a new API token for the account LOGIN, valid for N "
	       "days\n"
	       "(90).  Clients send it as \"Authorization: Bearer TOKEN\".  It "
	       "is\n"
	       "shown once: only its hash is kept.\n") },
	{ "trust-fund", cmd_trust_fund, "format= ", 0, 0,
	    "[--format table|json|csv]",
	    N_("The contributors to the UN Trust Fund for Counter-Terrorism, "
	       "in\n"
	       "descending order of what they gave (US dollars), earmarked or\n"
	       "not.\n") },
	{ "user", cmd_user, "role= entity= format= ", 1, 3,
	    "add LOGIN --role ROLE [--entity KEY] | passwd LOGIN |\n"
	    "         role LOGIN ROLE [--entity KEY] | lang LOGIN [L|none] |\n"
	    "         disable LOGIN | enable LOGIN | list",
	    N_("Manages the accounts that sign in.  Roles: admin, secretariat\n"
	       "(every project), focal_point (the projects of its entity, "
	       "named\n"
	       "with --entity), analyst (needs), viewer (reads).  --entity is\n"
	       "optional for the other roles: it says which restricted needs\n"
	       "the account sees (those shown to its organisation).  The\n"
	       "password is read from standard input: asked twice on a\n"
	       "terminal, one line\n"
	       "otherwise; 10 characters at least.  A new password, role or a\n"
	       "disabling ends the account's sessions and tokens.  `user "
	       "lang`\n"
	       "shows the language the account chose for its pages (none: the\n"
	       "browser's), or sets it: ar, en, es, fr, ru, zh or none.  "
	       "Every\n"
	       "change goes in the audit trail.\n") },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const Command *
command_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Whether cmd declares option name; *value set if it takes a value. */
static int
command_has_opt(const Command *cmd, const char *name, int *value)
{
	size_t n = strlen(name);

	for (const char *p = cmd->opts; *p;) {
		const char *sp = strchr(p, ' ');
		size_t len = sp ? (size_t)(sp - p) : strlen(p);
		int v = len > 0 && p[len - 1] == '=';

		if (len - (size_t)v == n && strncmp(p, name, n) == 0) {
			*value = v;
			return 1;
		}
		p += len + (sp != NULL);
	}
	return 0;
}

static const char exit_codes[] =
    N_("Exit status: 0 done; 1 the input was wrong or a thing was not found;\n"
       "2 the command line was wrong; 3 the database or the system failed.\n");

int
cli_help(FILE *fp, const char *lang, const char *name)
{
	const Command *cmd;

	if (name == NULL) {
		fprintf(fp,
		    "%s ctmatrix [--db PATH] [--lang L] COMMAND "
		    "[OPTIONS] [ARGS]\n\n",
		    tr(lang, "usage:"));
		fputs(
		    tr(lang,
			"The portfolio of UN counter-terrorism projects.  The\n"
			"database is --db PATH, else $CTMATRIX_DB, else "
			"./ctmatrix.db;\nit is created and initialised when "
			"missing.  The language is\n--lang L (ar, en, es, fr, "
			"ru or zh), else the environment's\n(LANGUAGE, LC_ALL, "
			"LC_MESSAGES, LANG).\n\nCommands:\n"),
		    fp);
		for (size_t i = 0; i < NCOMMANDS; i++)
			fprintf(fp, "  %-9s %s\n", commands[i].name,
			    commands[i].usage);
		fprintf(fp, "\n%s  %s",
		    tr(lang, "`ctmatrix help COMMAND` tells more."),
		    tr(lang, exit_codes));
		return EXIT_OK;
	}
	if ((cmd = command_find(name)) == NULL)
		return cli_error(EXIT_USAGE,
		    tr(lang, "no command \"%s\" (try `ctmatrix help`)"), name);
	fprintf(fp, "%s ctmatrix %s %s\n\n%s\n%s", tr(lang, "usage:"),
	    cmd->name, cmd->usage, tr(lang, cmd->help), tr(lang, exit_codes));
	return EXIT_OK;
}

int
cmd_help(Cli *c)
{
	Buf name = BUF_INIT;
	int rc;

	for (int i = 0; i < c->narg; i++)
		buf_printf(&name, "%s%s", i ? " " : "", c->arg[i]);
	rc = cli_help(stdout, c->lang, c->narg ? buf_str(&name) : NULL);
	buf_free(&name);
	return rc;
}

/* The command argv[0] (and argv[1], for two words) names; *words set. */
static const Command *
command_lookup(int argc, char **argv, int *words)
{
	Buf two = BUF_INIT;
	const Command *cmd = NULL;

	if (argc > 1) {
		buf_printf(&two, "%s %s", argv[0], argv[1]);
		cmd = command_find(buf_str(&two));
		buf_free(&two);
	}
	*words = cmd ? 2 : 1;
	return cmd ? cmd : command_find(argv[0]);
}

const char *
cli_opt(const Cli *c, const char *name)
{
	for (int i = 0; i < c->nopt; i++)
		if (strcmp(c->opt[i].name, name) == 0)
			return c->opt[i].value;
	return NULL;
}

int
cli_format(Cli *c)
{
	const char *f = cli_opt(c, "format");

	c->format = f ? f : "table";
	if (strcmp(c->format, "table") && strcmp(c->format, "json") &&
	    strcmp(c->format, "csv"))
		return cli_error(EXIT_USAGE,
		    tr(c->lang, "--format: \"%s\" is not table, json or csv"),
		    c->format);
	return EXIT_OK;
}

Store *
cli_store(Cli *c)
{
	Buf err = BUF_INIT;

	if (c->store != NULL)
		return c->store;
	c->store = store_open(c->db, 1, &err);
	if (c->store == NULL) {
		cli_error(EXIT_SYSTEM, "%s", buf_str(&err));
		buf_free(&err);
		return NULL;
	}
	if (refdata_ensure(c->store, &err) != 0) {
		cli_error(EXIT_SYSTEM,
		    tr(c->lang, "loading reference data: %s"), buf_str(&err));
		store_close(c->store);
		c->store = NULL;
	}
	buf_free(&err);
	return c->store;
}

/* Split argv (after the command name) into options and operands. */
static int
parse_args(Cli *c, const Command *cmd, int argc, char **argv)
{
	c->arg = calloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		char *a = argv[i], *eq;
		int wants;

		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				c->arg[c->narg++] = argv[i];
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			c->arg[c->narg++] = a;
			continue;
		}
		a += 2;
		if ((eq = strchr(a, '=')) != NULL)
			*eq = '\0';
		if (!command_has_opt(cmd, a, &wants))
			return cli_error(EXIT_USAGE,
			    tr(c->lang,
				"%s: unknown option --%s (see `ctmatrix help "
				"%s`)"),
			    cmd->name, a, cmd->name);
		if (c->nopt >= CLI_MAX_OPTS)
			return cli_error(
			    EXIT_USAGE, tr(c->lang, "too many options"));
		c->opt[c->nopt].name = a;
		if (wants && eq)
			c->opt[c->nopt].value = eq + 1;
		else if (wants && i + 1 < argc)
			c->opt[c->nopt].value = argv[++i];
		else if (wants)
			return cli_error(
			    EXIT_USAGE, tr(c->lang, "--%s wants a value"), a);
		else if (eq)
			return cli_error(
			    EXIT_USAGE, tr(c->lang, "--%s takes no value"), a);
		else
			c->opt[c->nopt].value = "";
		c->nopt++;
	}
	if (c->narg < cmd->min_args ||
	    (cmd->max_args >= 0 && c->narg > cmd->max_args))
		return cli_error(EXIT_USAGE, "%s ctmatrix %s %s",
		    tr(c->lang, "usage:"), cmd->name, cmd->usage);
	return EXIT_OK;
}

/*
 * c->lang from the global --lang (among the options before the command),
 * else from the environment; read first, so that every message, even
 * one about an option before --lang, is in that language.
 */
static int
global_lang(Cli *c, int argc, char **argv)
{
	const char *l = NULL;

	c->lang = lang_from_env();
	for (int i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			l = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			l = argv[i] + 7;
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			i++;
	}
	if (l == NULL)
		return EXIT_OK;
	if (!lang_ok(l))
		return cli_error(EXIT_USAGE,
		    tr(c->lang,
			"--lang: \"%s\" is not ar, en, es, fr, ru or zh"),
		    l);
	c->lang = l;
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	Cli c;
	const Command *cmd;
	int i = 1, rc, words;

	lang_init();
	memset(&c, 0, sizeof(c));
	c.prog = argv[0];
	c.db = getenv("CTMATRIX_DB");
	rc = global_lang(&c, argc, argv);
	/* The messages of the layers beneath in it too (text/lang.h). */
	lang_use(c.lang);
	if (rc != EXIT_OK)
		return rc;
	for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			c.db = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			c.db = argv[i] + 5;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			i++; /* read by global_lang() */
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			continue;
		else if (strcmp(argv[i], "--help") == 0)
			return cli_help(stdout, c.lang, NULL);
		else if (strcmp(argv[i], "--version") == 0) {
			printf("ctmatrix %s\n", CTM_VERSION);
			return EXIT_OK;
		} else
			return cli_error(EXIT_USAGE,
			    tr(c.lang,
				"unknown option %s (see `ctmatrix help`)"),
			    argv[i]);
	}
	if (c.db == NULL || *c.db == '\0')
		c.db = "ctmatrix.db";
	if (i >= argc) {
		cli_help(stderr, c.lang, NULL);
		return EXIT_USAGE;
	}
	if ((cmd = command_lookup(argc - i, argv + i, &words)) == NULL)
		return cli_error(EXIT_USAGE,
		    tr(c.lang, "no command \"%s\" (try `ctmatrix help`)"),
		    argv[i]);
	rc = parse_args(&c, cmd, argc - i - words, argv + i + words);
	if (rc == EXIT_OK)
		rc = cmd->fn(&c);
	store_close(c.store);
	free(c.arg);
	render_fini();
	lang_fini();
	return rc;
}
