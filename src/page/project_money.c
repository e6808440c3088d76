/*
 * project_money.c - the money part of a project's page: its budget (in
 * its currency, in US dollars, at which rate of which day), what it
 * received and from whom, its shortfall, its gender marker with the
 * definition of its level; and the forms that set or remove the budget
 * and set the marker (POST /projects/N/budget, /projects/N/budget/delete,
 * /projects/N/gender), shown again on a page of their own
 * (/projects/N/money) with the message when a change is refused.
 *
 * Everyone reads a project's money; who may change the project (the
 * rule of io/project_commit.h, which budget_commit and gender_commit
 * apply) gets the forms.  Demonstration records are marked "demo".
 */
#include <string.h>

#include "../io/money_io.h"
#include "../portfolio/money.h"
#include "page_int.h"

/* What a person gives of a budget, as text. */
typedef struct BudgetInput {
	const char *amount, *currency, *as_of;
	int demo;
} BudgetInput;

/* The definitions of the gender marker's levels (portfolio/money.c's), to
 * be translated; the last when it is not assessed. */
static const char *const gender_definitions[GENDER_LEVELS + 1] = {
	N_("Not expected to contribute noticeably to gender equality"),
	N_("Contributes to gender equality in a limited way; it is not a "
	   "significant objective"),
	N_("Gender equality is a significant objective"),
	N_("Gender equality is the principal objective"),
	N_("The marker has not been assessed"),
};

const char *
page_gender_definition(const Page *p, int level)
{
	return PT(p,
	    gender_definitions[level >= 0 && level < GENDER_LEVELS
		    ? level
		    : GENDER_LEVELS]);
}

/* "GEN2", or "not assessed" in the page's language. */
static const char *
gender_level_name(const Page *p, int level)
{
	return level >= 0 && level < GENDER_LEVELS ? gender_name(level)
						   : PT(p, "not assessed");
}

/* "EUR 250,000.00 (USD 271,075.00 at 1.0843 US dollars a unit, the rate
 * of 2018-01-01), as of 2018-06-01", in the page's language. */
static void
budget_text(Page *p, Buf *o, const Budget *b)
{
	Buf a = BUF_INIT, u = BUF_INIT, r = BUF_INIT, d = BUF_INIT,
	    s = BUF_INIT;

	page_money_text(&a, p->lang, b->m.amount, b->m.minor);
	html(o, "%s %s", b->m.currency, buf_str(&a));
	if (strcmp(b->m.currency, "USD") != 0) {
		page_money_text(&u, p->lang, b->m.usd, 2);
		page_rate_text(&r, p->lang, b->m.usd_e9);
		page_date_text(p, &d, b->m.rate_date);
		buf_printf(&s,
		    PT(p, "USD %s at %s US dollars a unit, the rate of %s"),
		    buf_str(&u), buf_str(&r), buf_str(&d));
		html(o, " <span class=\"alt\">(%s)</span>", buf_str(&s));
	}
	buf_reset(&d);
	buf_reset(&s);
	page_date_text(p, &d, b->as_of);
	buf_printf(&s, PT(p, ", as of %s"), buf_str(&d));
	html(o, "%s", buf_str(&s));
	page_demo_badge(p, o, b->demo);
	buf_free(&a);
	buf_free(&u);
	buf_free(&r);
	buf_free(&d);
	buf_free(&s);
}

/* The facts: budget, received, shortfall, gender marker. */
static void
money_facts(
    Page *p, const Project *pr, const Budget *b, int has, int gender, int gdemo)
{
	FundFilter f;
	FundRow r;
	Buf err = BUF_INIT, u = BUF_INIT;

	memset(&f, 0, sizeof(f));
	memset(&r, 0, sizeof(r));
	f.by = "project";
	f.project = pr->id;
	store_funding(p->s, &f, page_fund_keep, &r, &err);
	html(&p->out, "<dl class=\"facts\">\n<dt>%s</dt><dd>", PT(p, "Budget"));
	if (has)
		budget_text(p, &p->out, b);
	else
		html(&p->out, "%s", PT(p, "none recorded"));
	page_money_text(&u, p->lang, r.received, 2);
	html(&p->out, "</dd>\n<dt>%s</dt><dd>USD %s <small>%s</small>",
	    PTP(p, "amount", "Received"), buf_str(&u),
	    PT(p,
		"(contributions earmarked for it and seed funding the Board "
		"granted)"));
	page_demo_badge(p, &p->out, r.received_demo);
	html(&p->out, "</dd>\n<dt>%s</dt><dd>", PT(p, "Shortfall"));
	buf_reset(&u);
	page_money_text(&u, p->lang, r.shortfall, 2);
	if (has) {
		html(&p->out, "USD %s", buf_str(&u));
		page_demo_badge(p, &p->out, r.demo);
	} else {
		html(&p->out, "%s", PT(p, "not known without a budget"));
	}
	html(&p->out, "</dd>\n<dt>%s</dt><dd><strong>%s</strong>: %s",
	    PT(p, "Gender marker"), gender_level_name(p, gender),
	    page_gender_definition(p, gender));
	page_demo_badge(p, &p->out, gdemo);
	html(&p->out, "</dd>\n</dl>\n");
	buf_free(&err);
	buf_free(&u);
}

/* The forms that set the budget (keeping in) and the gender marker. */
static void
money_forms(
    Page *p, const Project *pr, const BudgetInput *in, int has, int gender)
{
	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/budget\" "
	    "class=\"edit\" aria-label=\"%s\">\n",
	    pr->id, PT(p, "The budget"));
	page_csrf_field(p);
	html(&p->out,
	    "<fieldset><legend>%s</legend>\n<p><label "
	    "for=\"amount\">%s</label>\n<input id=\"amount\" "
	    "name=\"amount\" required inputmode=\"decimal\" "
	    "placeholder=\"250,000.00\" value=\"%s\"></p>\n<p><label "
	    "for=\"currency\">%s</label>\n",
	    has ? PT(p, "Change the budget") : PT(p, "Set a budget"),
	    PT(p, "Amount"), in->amount, PT(p, "Currency"));
	page_currency_select(p, "currency", in->currency, 0);
	html(&p->out,
	    "</p>\n<p><label for=\"as_of\">%s <small>%s</small></label>\n"
	    "<input id=\"as_of\" name=\"as_of\" type=\"date\" required "
	    "value=\"%s\"></p>\n",
	    PT(p, "As of"), PT(p, "(converted at the rate of this day)"),
	    in->as_of);
	page_checkbox(
	    p, "demo", in->demo, PT(p, "a demonstration record, made up"));
	html(&p->out,
	    "<p><button type=\"submit\">%s</button></p></fieldset>\n"
	    "</form>\n",
	    PT(p, "Save the budget"));
	if (has) {
		html(&p->out,
		    "<form method=\"post\" action=\"/projects/%I/budget/"
		    "delete\" class=\"danger\" data-confirm=\"%s\">",
		    pr->id, PT(p, "Remove the budget?"));
		page_csrf_field(p);
		html(&p->out, "<button type=\"submit\">%s</button></form>\n",
		    PT(p, "Remove the budget"));
	}
	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/gender\" "
	    "class=\"edit\">\n",
	    pr->id);
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"gender\">%s</label>\n<select "
	    "id=\"gender\" name=\"gender_marker\">\n<option value=\"none\"%S>"
	    "%s</option>\n",
	    PT(p, "Gender marker"), gender < 0 ? " selected" : "",
	    PT(p, "not assessed"));
	for (int i = 0; i < GENDER_LEVELS; i++)
		html(&p->out, "<option value=\"%d\"%S>%s: %s</option>\n", i,
		    i == gender ? " selected" : "", gender_name(i),
		    page_gender_definition(p, i));
	html(&p->out,
	    "</select></p>\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n",
	    PT(p, "Set the gender marker"));
}

/* The budget as the form shows it: what is stored, or today in dollars. */
static void
budget_input(
    const Budget *b, int has, Buf *amount, char day[11], BudgetInput *in)
{
	memset(in, 0, sizeof(*in));
	page_today(day);
	in->as_of = day;
	in->currency = "USD";
	if (!has)
		return;
	money_format(b->m.amount, b->m.minor, amount);
	in->amount = buf_str(amount);
	in->currency = b->m.currency;
	in->as_of = b->as_of;
	in->demo = b->demo;
}

/* The money part of a project's page; in and msg after a refusal. */
static void
project_money(Page *p, const Project *pr, int may, const BudgetInput *typed,
    const char *msg)
{
	ContributionFilter f;
	BudgetInput in;
	Budget b;
	Buf err = BUF_INIT, amount = BUF_INIT;
	char day[11];
	int has = store_budget_get(p->s, pr->id, &b, &err) == 1;
	int gdemo = 0, gender = store_gender_get(p->s, pr->id, &gdemo, &err);

	html(&p->out, "<h2 id=\"money\">%s</h2>\n", PT(p, "Money"));
	if (msg != NULL)
		html(
		    &p->out, "<p class=\"error\" role=\"alert\">%s</p>\n", msg);
	money_facts(p, pr, &b, has, gender, gdemo);
	memset(&f, 0, sizeof(f));
	f.project = pr->id;
	page_contributions_table(
	    p, &f, PT(p, "Contributions to it, latest first"), 0);
	budget_input(&b, has, &amount, day, &in);
	if (may)
		money_forms(p, pr, typed ? typed : &in, has, gender);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/funding?by=project\">%s</a> "
	    "<a href=\"/api/v1/projects/%I/budget\">%s</a>",
	    PT(p, "Funding of every project"), pr->id,
	    PT(p, "Its money as JSON"));
	if (money_may_write(&p->who))
		html(&p->out,
		    " <a href=\"/trust-fund?project=%I#record\">%s</a>", pr->id,
		    PT(p, "Record a contribution to it"));
	html(&p->out, "</p>\n");
	buf_free(&err);
	buf_free(&amount);
}

void
page_project_money(Page *p, const Project *pr, int may)
{
	project_money(p, pr, may, NULL, NULL);
}

/* The project's money on a page of its own, with msg above the forms. */
static int
money_page(Page *p, const Project *pr, const BudgetInput *typed,
    const char *msg, int status)
{
	Buf m = BUF_INIT;
	int may = project_may_change(p->s, &p->who, pr->id, &m) == 1;

	buf_free(&m);
	page_begin(p, PT(p, "Money of a project"));
	html(&p->out, "<p><a href=\"/projects/%I\">%s</a>: %s</p>\n", pr->id,
	    PT(p, "Back to the project"), pr->title);
	project_money(p, pr, may, typed, msg);
	return page_end(p, status);
}

/* After a change of a project's money: back to it, or why not. */
static int
money_answer(
    Page *p, const Project *pr, int code, const BudgetInput *in, const Buf *msg)
{
	Buf loc = BUF_INIT;
	int rc;

	if (code == COMMIT_OK || code == COMMIT_CREATED ||
	    code == COMMIT_DELETED) {
		buf_printf(&loc, "/projects/%lld#money", (long long)pr->id);
		rc = page_redirect(p, buf_str(&loc));
	} else if (code == 400) {
		rc = money_page(p, pr, in, buf_str(msg), 422);
	} else {
		rc = page_money_refusal(p, code, buf_str(msg));
	}
	buf_free(&loc);
	return rc;
}

int
page_project_money_route(Page *p, const Project *pr, const char *rest)
{
	BudgetInput in;
	Buf msg = BUF_INIT;
	int code, rc;

	memset(&in, 0, sizeof(in));
	if (strcmp(p->rq->method, "POST") != 0)
		return strcmp(rest, "money") == 0
		    ? money_page(p, pr, NULL, NULL, 200)
		    : page_error(
			  p, 405, PT(p, "This method is not allowed here."));
	in.amount = page_field(p, "amount");
	in.currency = page_field(p, "currency");
	in.as_of = page_field(p, "as_of");
	in.demo = page_field(p, "demo") != NULL;
	if (strcmp(rest, "budget") == 0 && in.amount == NULL) {
		code = 400;
		buf_puts(&msg,
		    PT(p, "amount is required (\"250,000\" or \"250000.00\")"));
	} else if (strcmp(rest, "budget") == 0) {
		code = budget_commit(p->s, &p->who, pr->id, in.amount,
		    in.currency, in.as_of, in.demo, &msg);
	} else if (strcmp(rest, "budget/delete") == 0) {
		code = budget_commit(
		    p->s, &p->who, pr->id, NULL, NULL, NULL, 0, &msg);
	} else if (strcmp(rest, "gender") == 0) {
		code = gender_commit(p->s, &p->who, pr->id, 0,
		    page_field(p, "gender_marker"), &msg);
	} else {
		code = COMMIT_NOT_FOUND;
		buf_puts(&msg, PT(p, "There is no such page."));
	}
	rc = money_answer(
	    p, pr, code, strcmp(rest, "budget") == 0 ? &in : NULL, &msg);
	buf_free(&msg);
	return rc;
}
