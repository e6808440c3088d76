/*
 * page_int.h - what the page modules share: the request being answered,
 * the layout, and small pieces of forms.
 */
#ifndef CTM_PAGE_PAGE_INT_H
#define CTM_PAGE_PAGE_INT_H

#include <stdint.h>

#include "../portfolio/query.h"
#include "../store/store.h"
#include "../text/lang.h"
#include "../web/form.h"
#include "../web/html.h"
#include "../web/http.h"

/* The request being answered and who asks. */
typedef struct Page {
	Store *s;
	const HttpRequest *rq;
	HttpReply *rp;
	Account who;      /* who.id 0: the public */
	Buf csrf;         /* the session's CSRF token, "" when none */
	HttpForm form;    /* a POST's fields */
	Buf out;          /* the page's body */
	const char *nav;  /* the menu entry to mark current */
	const char *lang; /* the page's language: ar en es fr ru zh */
	int public_page;  /* the same for everyone: no "who", cacheable */
} Page;

/* The signed-in roles, as tests of p->who. */
int page_signed_in(const Page *p);
int page_may_write(const Page *p);

/*
 * The text msgid in the page's language (src/text/lang.h); PTN its
 * singular or plural for n.
 */
#define PT(p, msgid)         tr((p)->lang, msgid)
#define PTN(p, one, many, n) trn((p)->lang, one, many, n)
/* msgid in a context, where one English word means two things. */
#define PTP(p, ctx, msgid) trp((p)->lang, ctx, msgid)

/*
 * n as the page's language writes it ("12,345", "12 345"), into b (reset
 * first); returns b's text, valid until b changes.
 */
const char *page_num(const Page *p, Buf *b, int64_t n);

/*
 * Write the sentence fmt (a translation, PT or PTN) to o as escaped text,
 * but for its directives: each %s (or %1$s ... %9$s, where a translation
 * reorders them) is the next (or that) of the n markup arguments, written
 * as it is; %% is a percent.  So a sentence keeps its words whole in the
 * catalogue while a count in <strong> or a link sits inside it.
 */
void page_markup(Buf *o, const char *fmt, int n, ...);
/* The same, the n arguments in an array. */
void page_markupv(Buf *o, const char *fmt, int n, const char *const *arg);

/* Start a page: the head, the menu; title is text (escaped). */
void page_begin(Page *p, const char *title);

/* End the page and make it the reply, with status. */
int page_end(Page *p, int status);

/* A whole page that says status and message (text). */
int page_error(Page *p, int status, const char *message);

/* Send the browser to location (a path of ours) after a POST: 303. */
int page_redirect(Page *p, const char *location);

/* The hidden CSRF field of a form that changes something. */
void page_csrf_field(Page *p);

/* The error msg (text, or NULL), then a <form class="edit"> posting to
 * action, with the CSRF field. */
void page_form_begin(Page *p, const char *action, const char *msg);

/*
 * Keep lang as this browser's language (the cookie ctm_lang, a year);
 * NULL (or not one of the six): forget it.
 */
void page_lang_cookie(Page *p, const char *lang);

/* A GET parameter, or NULL when absent or empty. */
const char *page_param(const Page *p, const char *name);

/* A POST field, or NULL when absent. */
const char *page_field(const Page *p, const char *name);

/* <option>s of the pillars, of the statuses: the one given selected. */
void page_pillar_options(Page *p, const char *selected);
void page_status_options(Page *p, const char *selected);

/* A status key as people read it ("in development"). */
const char *page_status_name(const Page *p, const char *status);

/* Entities of a project as links to their pages, comma-separated. */
void page_project_orgs(Buf *out, const Project *pr);

/* A table of every project f selects, under caption; 0 or -1. */
int page_project_table(Page *p, const ProjectFilter *f, const char *caption);

/*
 * Counts by entity × pillar of the projects f selects (f->pillar is
 * ignored), as a table.
 */
void page_entity_pillar(Page *p, const ProjectFilter *f, const char *caption);

/* The routes of each module: 1 when path was theirs. */
int page_matrix(Page *p);
/*
 * The settings of the account signed in (account.c): GET /account shows
 * them with the form of its language, POST /account changes it.
 */
int page_account(Page *p);
/* The annex of the report for the matrix's filters, ext a format's name. */
int page_annex(Page *p, const char *ext);
/* The portfolio analysis for the matrix's filters: the page /analysis,
 * and the download /report/analysis.EXT. */
int page_analysis(Page *p);
int page_analysis_file(Page *p, const char *ext);
int page_project(Page *p, int64_t id, const char *rest);
int page_project_new(Page *p);
int page_organisations(Page *p, const char *key);
int page_countries(Page *p, const char *key);
int page_findings(Page *p);
int page_dashboard(Page *p);
int page_upload(Page *p, const char *rest);
int page_needs(Page *p, const char *rest);
int page_needs_csv(Page *p);
int page_gaps(Page *p);
int page_gaps_csv(Page *p);
int page_duplicates(Page *p);
int page_plans(Page *p, const char *rest);
int page_board(Page *p, const char *rest);
int page_rounds(Page *p, const char *key);
/*
 * The public regional pages (region.c): rest "" the index, "KEY" a
 * region's page, "KEY.csv" (.json .html .xlsx .pdf) its downloads.
 */
int page_regions(Page *p, const char *rest);

/*
 * <option>s of the entities named by projects, the one given selected;
 * with counts, each says how many projects name it.
 */
void page_entity_options(Page *p, const char *selected, int counts);

/* --- money (money.c, appeal.c, project_money.c) --- */

/* " <span class=badge>demo</span>" into o when n > 0 (demonstration
 * records), in the page's language. */
void page_demo_badge(Page *p, Buf *o, int64_t n);
/* text escaped into o, isolated (<bdi>) on a right-to-left page: data
 * of its own direction, such as a Latin name or "2019-Q1" in Arabic. */
void page_bdi(const Page *p, Buf *o, const char *text);
/* A table cell of US cents, right-aligned: "1,234.56" in the page's
 * language ("1 234,56" in French). */
void page_usd_cell(Page *p, Buf *o, int64_t cents);
/*
 * num, a number written the English way ("1,234.56"), with lang's
 * grouping separator and decimal sign instead ("1 234,56"), into out.
 */
void page_num_local(Buf *out, const char *lang, const char *num);
/* v minor units, grouped, minor digits, in lang's signs, into out. */
void page_money_text(Buf *out, const char *lang, int64_t v, int minor);
/* A rate of exchange (USD x 10^9 a unit) in lang's signs, into out. */
void page_rate_text(Buf *out, const char *lang, int64_t usd_e9);
/* n grouped in the page's language, in b (reset first); returns it. */
const char *page_count(const Page *p, Buf *b, int64_t n);
/*
 * The day ymd (YYYY-MM-DD) as text into o, escaped: as it is in English,
 * a <time> of the language's long date in the others.
 */
void page_date(const Page *p, Buf *o, const char *ymd);
/* The day ymd as text into out (not escaped): as it is in English, the
 * language's long date in the others; for a day inside a sentence. */
void page_date_text(const Page *p, Buf *out, const char *ymd);
/* The definition of the gender marker's level (-1: not assessed), in the
 * page's language. */
const char *page_gender_definition(const Page *p, int level);
/* The links among the money pages, here ("/funding", ...) marked. */
void page_money_tabs(Page *p, const char *here);
/* The page of a refused change of money (COMMIT_* or 400) with msg. */
int page_money_refusal(Page *p, int code, const char *msg);
/* A <select name="currency"> of the currencies (no_usd: but the dollar),
 * with id, selected chosen (NULL: USD). */
void page_currency_select(
    Page *p, const char *id, const char *selected, int no_usd);
/* A checkbox named name, value 1, checked or not, labelled label. */
void page_checkbox(Page *p, const char *name, int checked, const char *label);
/* "YYYY-MM-DD" of today, UTC, into day. */
void page_today(char day[11]);
/* A StoreFundFn that keeps the row in ctx (a FundRow). */
int page_fund_keep(void *ctx, const FundRow *r);
/*
 * The funding table of f (a row a group, a total), under caption, with a
 * note when demonstration records are among its sums; 0 or -1.
 */
int page_fund_table(Page *p, const FundFilter *f, const char *caption);
/* The contributions f selects, as a table (flags: see money.c). */
void page_contributions_table(
    Page *p, const ContributionFilter *f, const char *caption, int flags);

int page_funding(Page *p);
int page_trust_fund(Page *p, const char *rest);
int page_rates(Page *p);
int page_appeals(Page *p, const char *rest);

/*
 * The money part of a project's page (may: who may change the project),
 * and its forms' posts and page: rest "money" (GET), "budget",
 * "budget/delete", "gender".
 */
void page_project_money(Page *p, const Project *pr, int may);
int page_project_money_route(Page *p, const Project *pr, const char *rest);

/* The lifecycle part of a project's page, and the move its form posts. */
void page_project_stage(Page *p, const Project *pr);
int page_project_stage_post(Page *p, const Project *pr);

/*
 * The results part of a project's page; the page of its results and
 * reports, with the forms that change them (GET and POST
 * /projects/N/results); the progress reports (/progress).
 */
void page_project_results(Page *p, const Project *pr);
int page_project_results_route(Page *p, const Project *pr);
int page_progress(Page *p);

#endif
