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

/* "EUR 250,000.00 (USD 271,075.00 at 1.0843 of 2018-01-01)". */
static void
budget_text(Buf *o, const Budget *b)
{
	Buf a = BUF_INIT, u = BUF_INIT, r = BUF_INIT;

	money_format(b->m.amount, b->m.minor, &a);
	html(o, "%s %s", b->m.currency, buf_str(&a));
	if (strcmp(b->m.currency, "USD") != 0) {
		money_format(b->m.usd, 2, &u);
		money_format_rate(b->m.usd_e9, &r);
		html(o,
		    " <span class=\"alt\">(USD %s at %s US dollars a unit, the "
		    "rate of %s)</span>",
		    buf_str(&u), buf_str(&r), b->m.rate_date);
	}
	html(o, ", as of %s%S", b->as_of, page_demo_badge(b->demo));
	buf_free(&a);
	buf_free(&u);
	buf_free(&r);
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
	html(&p->out, "<dl class=\"facts\">\n<dt>Budget</dt><dd>");
	if (has)
		budget_text(&p->out, b);
	else
		html(&p->out, "none recorded");
	money_format(r.received, 2, &u);
	html(&p->out,
	    "</dd>\n<dt>Received</dt><dd>USD %s <small>(contributions "
	    "earmarked for it and seed funding the Board granted)</small>"
	    "%S</dd>\n<dt>Shortfall</dt><dd>",
	    buf_str(&u), page_demo_badge(r.received_demo));
	buf_reset(&u);
	money_format(r.shortfall, 2, &u);
	if (has)
		html(&p->out, "USD %s%S", buf_str(&u), page_demo_badge(r.demo));
	else
		html(&p->out, "not known without a budget");
	html(&p->out,
	    "</dd>\n<dt>Gender marker</dt><dd><strong>%s</strong>: %s%S</dd>\n"
	    "</dl>\n",
	    gender_name(gender), gender_definition(gender),
	    page_demo_badge(gdemo));
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
	    "class=\"edit\" aria-label=\"The budget\">\n",
	    pr->id);
	page_csrf_field(p);
	html(&p->out,
	    "<fieldset><legend>%s</legend>\n<p><label "
	    "for=\"amount\">Amount</label>\n<input id=\"amount\" "
	    "name=\"amount\" required inputmode=\"decimal\" "
	    "placeholder=\"250,000.00\" value=\"%s\"></p>\n<p><label "
	    "for=\"currency\">Currency</label>\n",
	    has ? "Change the budget" : "Set a budget", in->amount);
	page_currency_select(p, "currency", in->currency, 0);
	html(&p->out,
	    "</p>\n<p><label for=\"as_of\">As of <small>(converted at the "
	    "rate of this day)</small></label>\n<input id=\"as_of\" "
	    "name=\"as_of\" type=\"date\" required value=\"%s\"></p>\n",
	    in->as_of);
	page_checkbox(p, "demo", in->demo, "a demonstration record, made up");
	html(&p->out,
	    "<p><button type=\"submit\">Save the budget</button></p>"
	    "</fieldset>\n</form>\n");
	if (has) {
		html(&p->out,
		    "<form method=\"post\" action=\"/projects/%I/budget/"
		    "delete\" class=\"danger\" data-confirm=\"Remove the "
		    "budget?\">",
		    pr->id);
		page_csrf_field(p);
		html(&p->out,
		    "<button type=\"submit\">Remove the budget</button>"
		    "</form>\n");
	}
	html(&p->out,
	    "<form method=\"post\" action=\"/projects/%I/gender\" "
	    "class=\"edit\">\n",
	    pr->id);
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"gender\">Gender marker</label>\n<select "
	    "id=\"gender\" name=\"gender_marker\">\n<option value=\"none\"%S>"
	    "not assessed</option>\n",
	    gender < 0 ? " selected" : "");
	for (int i = 0; i < GENDER_LEVELS; i++)
		html(&p->out, "<option value=\"%d\"%S>%s: %s</option>\n", i,
		    i == gender ? " selected" : "", gender_name(i),
		    gender_definition(i));
	html(&p->out,
	    "</select></p>\n<p><button type=\"submit\">Set the gender "
	    "marker</button></p>\n</form>\n");
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

	html(&p->out, "<h2 id=\"money\">Money</h2>\n");
	if (msg != NULL)
		html(
		    &p->out, "<p class=\"error\" role=\"alert\">%s</p>\n", msg);
	money_facts(p, pr, &b, has, gender, gdemo);
	memset(&f, 0, sizeof(f));
	f.project = pr->id;
	page_contributions_table(p, &f, "Contributions to it, latest first", 0);
	budget_input(&b, has, &amount, day, &in);
	if (may)
		money_forms(p, pr, typed ? typed : &in, has, gender);
	html(&p->out,
	    "<p class=\"actions\"><a href=\"/funding?by=project\">Funding of "
	    "every project</a> <a href=\"/api/v1/projects/%I/budget\">Its "
	    "money as JSON</a>",
	    pr->id);
	if (money_may_write(&p->who))
		html(&p->out,
		    " <a href=\"/trust-fund?project=%I#record\">Record a "
		    "contribution to it</a>",
		    pr->id);
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
	page_begin(p, "Money of a project");
	html(&p->out,
	    "<p><a href=\"/projects/%I\">Back to the project</a>: %s</p>\n",
	    pr->id, pr->title);
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
		    : page_error(p, 405, "This method is not allowed here.");
	in.amount = page_field(p, "amount");
	in.currency = page_field(p, "currency");
	in.as_of = page_field(p, "as_of");
	in.demo = page_field(p, "demo") != NULL;
	if (strcmp(rest, "budget") == 0 && in.amount == NULL) {
		code = 400;
		buf_puts(&msg,
		    "amount is required (\"250,000\" or "
		    "\"250000.00\")");
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
		buf_puts(&msg, "There is no such page.");
	}
	rc = money_answer(
	    p, pr, code, strcmp(rest, "budget") == 0 ? &in : NULL, &msg);
	buf_free(&msg);
	return rc;
}
