/*
 * plan.c - the pages of plans of action.
 *
 *   GET  /plans                       the plans; a form to add a revision
 *   POST /plans                       add a revision (secretariat)
 *   GET  /plans/KEY?rev=N&delegation=XXX&section=K
 *                                     a revision, brackets highlighted by
 *                                     delegation, filtered
 *   GET  /plans/KEY/positions?rev=N   each delegation's proposals; the
 *                                     measures x delegations table
 *   GET  /plans/KEY/compare?a=N&b=M   what changed between two revisions
 *   GET  /plans/KEY/measures          an adopted plan's measures and the
 *                                     projects behind them
 *   POST /plans/KEY/adopt, /plans/KEY/link, /plans/KEY/unlink
 *   GET  /plans/KEY/text?rev=N&view=delivered|agreed|all|as&as=XXX
 *   GET  /plans/KEY/akn?rev=N         downloads
 *
 * Drafts under negotiation are for those signed in; the public sees an
 * adopted plan's adopted text and its measures, nothing else.  Every
 * bracket is drawn with its delegations' colour and also with what does
 * not need colour: its tags written out, an addition underlined, a
 * deletion struck through, an untagged bracket dotted.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../io/plan_akn.h"
#include "../io/plan_commit.h"
#include "../io/plan_impl.h"
#include "../io/refdata.h"
#include "../plan/diff.h"
#include "../plan/plan.h"
#include "../portfolio/money.h"
#include "page_int.h"
#include "sentence.h"

#define NCOLOURS 12

/* Numbers of a sentence, each grouped as the page's language does. */
typedef struct Nums {
	Buf b[SENTENCE_MAX];
} Nums;

/* n as the i-th number of ns, in the page's language. */
static const char *
num(const Page *p, Nums *ns, int i, long n)
{
	return sentence_int(&ns->b[i], p->lang, (int64_t)n);
}

static void
nums_free(Nums *ns)
{
	for (int i = 0; i < SENTENCE_MAX; i++)
		buf_free(&ns->b[i]);
}

static CountryList countries;
static pthread_once_t countries_once = PTHREAD_ONCE_INIT;

static void
countries_load(void)
{
	Buf err = BUF_INIT;

	refdata_countries(&countries, &err);
	buf_free(&err);
}

static const char *
country(const char *code)
{
	const char *n = refdata_country_name(&countries, code);

	return n ? n : code;
}

/* A stored revision, read. */
typedef struct Rev {
	PlanInfo pi;
	PlanRevInfo ri;
	Buf body;
	Plan plan;
	const char **codes; /* delegations, sorted */
	size_t ncodes;
	int loaded;
} Rev;

static void
rev_free(Rev *r)
{
	if (r->loaded) {
		plan_free(&r->plan);
		free(r->codes);
	}
	plan_info_clear(&r->pi);
	plan_rev_clear(&r->ri);
	buf_free(&r->body);
	memset(r, 0, sizeof(*r));
}

/* The revision a visitor may see: seq (0: the latest, or the adopted one
 * for the public).  1, or 0 after making an error page in *rc. */
static int
rev_load(Page *p, const char *key, int seq, Rev *r, int *rc)
{
	Buf err = BUF_INIT;
	int got;

	memset(r, 0, sizeof(*r));
	pthread_once(&countries_once, countries_load);
	got = store_plan_get(p->s, key, &r->pi, &err);
	if (got <= 0 || (!page_signed_in(p) && r->pi.adopted_seq == 0)) {
		buf_free(&err);
		rev_free(r);
		*rc = got < 0
		    ? page_error(p, 500, PT(p, "The database failed."))
		    : page_error(p, 404, PT(p, "There is no such plan."));
		return 0;
	}
	if (!page_signed_in(p))
		seq = r->pi.adopted_seq; /* drafts are not public */
	if (seq <= 0)
		seq = r->pi.nrev;
	got = store_plan_revision_get(
	    p->s, r->pi.id, seq, &r->ri, &r->body, &err);
	buf_free(&err);
	if (got <= 0) {
		rev_free(r);
		*rc = page_error(p, got < 0 ? 500 : 404,
		    got < 0 ? PT(p, "The database failed.")
			    : PT(p, "There is no such revision."));
		return 0;
	}
	plan_read(&r->plan, buf_str(&r->body), r->body.len,
	    r->ri.markdown ? PLAN_MARKDOWN : PLAN_TEXT, refdata_country_known,
	    &countries);
	r->ncodes = plan_delegations(&r->plan, &r->codes);
	r->loaded = 1;
	return 1;
}

static int
code_index(const Rev *r, const char *code)
{
	for (size_t k = 0; k < r->ncodes; k++)
		if (strcmp(r->codes[k], code) == 0)
			return (int)k;
	return -1;
}

/* Admin and secretariat: they add revisions and adopt. */
static int
is_staff(const Page *p)
{
	return page_signed_in(p) &&
	    (strcmp(p->who.role, "admin") == 0 ||
		strcmp(p->who.role, "secretariat") == 0);
}

static int
int_param(const Page *p, const char *name)
{
	const char *v = page_param(p, name);

	return v ? atoi(v) : 0;
}

/* --- the text, brackets drawn ---------------------------------------- */

typedef struct Draw {
	Page *p;
	const Rev *r;
	const char *only; /* delegation filter, or NULL */
} Draw;

static int
bracket_has(const Plan *pl, const PlanBracket *b, const char *code)
{
	for (int k = 0; k < b->ntag; k++)
		if (strcmp(pl->tag[b->tag0 + k].code, code) == 0)
			return 1;
	return 0;
}

static void
draw_text(void *ctx, const char *s, size_t n)
{
	Draw *d = ctx;
	Buf t = BUF_INIT;

	buf_append(&t, s, n);
	html_text(&d->p->out, buf_str(&t));
	buf_free(&t);
}

static void
draw_open(void *ctx, size_t i, int first)
{
	Draw *d = ctx;
	const Plan *pl = &d->r->plan;
	const PlanBracket *b = &pl->br[i];
	const char *kind = !b->closed ? "unc"
	    : b->nadd && b->ndel      ? "mix"
	    : b->nadd                 ? "add"
	    : b->ndel                 ? "del"
				      : "uns";
	int colour = -1;

	for (int k = 0; k < b->ntag && colour < 0; k++)
		if (pl->tag[b->tag0 + k].known)
			colour = code_index(d->r, pl->tag[b->tag0 + k].code);
	html(&d->p->out, "<span class=\"br %s", kind);
	if (colour >= 0)
		html(&d->p->out, " c%d", colour % NCOLOURS);
	if (d->only)
		html(&d->p->out, bracket_has(pl, b, d->only) ? " hit" : " dim");
	html(&d->p->out, "\"%S>", first ? "" : " data-continued=\"1\"");
	if (first)
		html(&d->p->out, "<span class=\"mk\">[</span>");
}

static void
draw_close(void *ctx, size_t i)
{
	Draw *d = ctx;
	const Plan *pl = &d->r->plan;
	const PlanBracket *b = &pl->br[i];

	if (b->closed) {
		html(&d->p->out, "<span class=\"mk\">]</span>");
		for (int k = 0; k < b->ntag; k++) {
			const PlanTag *t = &pl->tag[b->tag0 + k];
			int c = t->known ? code_index(d->r, t->code) : -1;
			char cls[16];

			if (c >= 0)
				snprintf(cls, sizeof(cls), "c%d", c % NCOLOURS);
			else
				snprintf(cls, sizeof(cls), "unknown");
			Buf title = BUF_INIT;

			buf_printf(&title,
			    t->sign == '+' ? PT(d->p, "%s proposes to add")
					   : PT(d->p, "%s proposes to delete"),
			    t->known ? country(t->code)
				     : PT(d->p, "An unknown code"));
			html(&d->p->out,
			    " <span class=\"tag %s\" title=\"%s\">%S%s</span>",
			    cls, buf_str(&title), t->sign == '+' ? "+" : "−",
			    t->code);
			buf_free(&title);
		}
	}
	html(&d->p->out, "</span>");
}

static void
draw_block(Draw *d, size_t bi)
{
	static const PlanWalk w = { draw_text, draw_open, draw_close };
	const PlanBlock *b = &d->r->plan.block[bi];
	const char *tag = b->kind == PLAN_HEADING ? "h2"
	    : b->kind == PLAN_TITLE               ? "h2"
						  : "p";
	const char *cls = b->kind == PLAN_MEASURE ? "measure"
	    : b->kind == PLAN_PREAMBLE            ? "preamble"
	    : b->kind == PLAN_FRONT               ? "front"
						  : "para";

	size_t a = b->start, z = b->text_end;
	const char *s = d->r->plan.text;

	/* A title in "**...**": the asterisks are emphasis, not text. */
	while (a < z && (s[a] == ' ' || s[a] == '\n' || s[a] == '#'))
		a++;
	if (b->kind == PLAN_TITLE && z - a > 4 && !memcmp(s + a, "**", 2) &&
	    !memcmp(s + z - 2, "**", 2)) {
		a += 2;
		z -= 2;
	}
	html(&d->p->out, "<%S class=\"%S\" id=\"b%d\">", tag, cls, (int)bi + 1);
	plan_walk(&d->r->plan, a, z, &w, d);
	html(&d->p->out, "</%S>\n", tag);
}

/* Colours cycle past NCOLOURS; the tag's text always says who. */
static void
legend(Page *p, const Rev *r)
{
	html(&p->out,
	    "<div class=\"legend\"><strong>%s</strong> "
	    "<span class=\"br add\">[%s]</span> "
	    "<span class=\"br del\">[%s]</span> "
	    "<span class=\"br mix\">[%s]</span> "
	    "<span class=\"br uns\">[%s]</span> "
	    "<span class=\"br unc\">[%s</span> ",
	    PT(p, "Legend:"), PT(p, "added"), PT(p, "deleted"), PT(p, "both"),
	    PT(p, "no tag"), PT(p, "never closed"));
	for (size_t k = 0; k < r->ncodes; k++)
		html(&p->out, "<span class=\"tag c%d\">%s</span> %s ",
		    (int)(k % NCOLOURS), r->codes[k], country(r->codes[k]));
	html(&p->out, "</div>\n");
}

static void
rev_links(Page *p, const Rev *r, const char *here)
{
	const char *key = buf_str(&r->pi.key);

	html(&p->out, "<p class=\"tabs\">");
	html(&p->out, "<a href=\"/plans/%u?rev=%d\"%S>%s</a> · ", key,
	    r->ri.seq, strcmp(here, "text") ? "" : " aria-current=\"page\"",
	    PT(p, "Text"));
	if (page_signed_in(p))
		html(&p->out,
		    "<a href=\"/plans/%u/positions?rev=%d\"%S>%s</a> · "
		    "<a href=\"/plans/%u/compare?a=%d&amp;b=%d\"%S>%s</a> · ",
		    key, r->ri.seq,
		    strcmp(here, "positions") ? "" : " aria-current=\"page\"",
		    PT(p, "Positions"), key, r->ri.seq > 1 ? r->ri.seq - 1 : 1,
		    r->ri.seq,
		    strcmp(here, "compare") ? "" : " aria-current=\"page\"",
		    PT(p, "Compare revisions"));
	if (r->pi.adopted_seq)
		html(&p->out, "<a href=\"/plans/%u/measures\"%S>%s</a> · ", key,
		    strcmp(here, "measures") ? "" : " aria-current=\"page\"",
		    PT(p, "Measures and projects"));
	html(&p->out,
	    "%s <a href=\"/plans/%u/akn?rev=%d\">Akoma Ntoso</a>, "
	    "<a href=\"/plans/%u/text?rev=%d&amp;view=agreed\">%s</a>, "
	    "<a href=\"/plans/%u/text?rev=%d\">%s</a></p>\n",
	    PT(p, "Download:"), key, r->ri.seq, key, r->ri.seq,
	    PT(p, "agreed text"), key, r->ri.seq, PT(p, "as delivered"));
}

static void
revision_select(
    Page *p, const Rev *r, const char *name, int seq, const char *label)
{
	html(&p->out,
	    "<label for=\"%s\">%s</label> <select id=\"%s\" "
	    "name=\"%s\">",
	    name, label, name, name);
	for (int i = 1; i <= r->pi.nrev; i++) {
		PlanRevInfo ri;
		Buf body = BUF_INIT, err = BUF_INIT;

		memset(&ri, 0, sizeof(ri));
		if (store_plan_revision_get(
			p->s, r->pi.id, i, &ri, &body, &err) == 1)
			html(&p->out, "<option value=\"%d\"%S>%d: %s</option>",
			    i, i == seq ? " selected" : "", i,
			    buf_str(&ri.label));
		plan_rev_clear(&ri);
		buf_free(&body);
		buf_free(&err);
	}
	html(&p->out, "</select>\n");
}

static int
plan_view(Page *p, const char *key)
{
	Rev r;
	Draw d;
	PlanStats st;
	int rc, section = int_param(p, "section");
	const char *only = page_param(p, "delegation");
	long hits = 0;
	Nums ns = { 0 };

	if (!rev_load(p, key, int_param(p, "rev"), &r, &rc))
		return rc;
	if (only != NULL && code_index(&r, only) < 0)
		only = NULL;
	p->nav = "plans";
	page_begin(p, buf_str(&r.pi.title));
	html(&p->out, "<p>");
	sentence_html(&p->out, 4, 0,
	    r.pi.adopted_seq == r.ri.seq
		? PT(p, "Revision %s of %s: %s (%s) — the adopted text")
		: PT(p, "Revision %s of %s: %s (%s)"),
	    num(p, &ns, 0, r.ri.seq), num(p, &ns, 1, r.pi.nrev),
	    buf_str(&r.ri.label), buf_str(&r.ri.filename));
	html(&p->out, "</p>\n");
	rev_links(p, &r, "text");
	plan_stats(&r.plan, &st);
	html(&p->out, "<p class=\"facts\">");
	sentence_html(&p->out, 1 | 16, 0,
	    PT(p,
		"%s brackets: %s never closed, %s nested, %s with no tag; %s "
		"measures, %s inserted by a bracket; %s delegations."),
	    num(p, &ns, 0, (long)st.brackets),
	    num(p, &ns, 1, (long)st.unclosed), num(p, &ns, 2, (long)st.nested),
	    num(p, &ns, 3, (long)st.unsponsored),
	    num(p, &ns, 4, (long)st.measures),
	    num(p, &ns, 5, (long)st.inserted_measures),
	    num(p, &ns, 6, (long)r.ncodes));
	html(&p->out, "</p>\n");

	/* Filters: a GET form, working without script. */
	html(&p->out,
	    "<form method=\"get\" action=\"/plans/%u\" class=\"filters\">\n"
	    "<input type=\"hidden\" name=\"rev\" value=\"%d\">\n",
	    key, r.ri.seq);
	if (page_signed_in(p) && r.pi.nrev > 1)
		revision_select(p, &r, "rev", r.ri.seq, PT(p, "Revision"));
	html(&p->out,
	    "<label for=\"delegation\">%s</label> "
	    "<select id=\"delegation\" name=\"delegation\">"
	    "<option value=\"\">%s</option>",
	    PT(p, "Delegation"), PT(p, "all"));
	for (size_t k = 0; k < r.ncodes; k++)
		html(&p->out, "<option value=\"%s\"%S>%s (%s)</option>",
		    r.codes[k],
		    only && !strcmp(only, r.codes[k]) ? " selected" : "",
		    r.codes[k], country(r.codes[k]));
	html(&p->out,
	    "</select>\n<label for=\"section\">%s</label> "
	    "<select id=\"section\" name=\"section\">"
	    "<option value=\"0\">%s</option>",
	    PT(p, "Part"), PT(p, "the whole text"));
	for (size_t b = 0, n = 0; b < r.plan.nblock; b++) {
		Buf l = BUF_INIT;

		if (r.plan.block[b].kind != PLAN_HEADING)
			continue;
		plan_block_label_in(&r.plan, b, p->lang, &l);
		n++;
		html(&p->out, "<option value=\"%d\"%S>%s</option>", (int)n,
		    section == (int)n ? " selected" : "", buf_str(&l));
		buf_free(&l);
	}
	html(&p->out,
	    "</select>\n<button type=\"submit\">%s</button>"
	    "</form>\n",
	    PT(p, "Show"));
	legend(p, &r);
	if (only) {
		for (size_t i = 0; i < r.plan.nbr; i++)
			hits += bracket_has(&r.plan, &r.plan.br[i], only);
		html(&p->out, "<p>");
		sentence_html(&p->out, 1, 0,
		    PT(p,
			"%s brackets carry a tag of %s; the others are "
			"dimmed."),
		    num(p, &ns, 0, hits), country(only));
		html(&p->out, "</p>\n");
	}
	d.p = p;
	d.r = &r;
	d.only = only;
	/* The draft's own direction, whatever the page's language. */
	html(&p->out, "<div class=\"plan-text\" dir=\"auto\">\n");
	for (size_t b = 0, n = 0; b < r.plan.nblock; b++) {
		const PlanBlock *bl = &r.plan.block[b];

		if (bl->kind == PLAN_HEADING)
			n++;
		if (section > 0 && (int)n != section)
			continue;
		if (r.plan.markdown && b == 0 && bl->kind == PLAN_FRONT)
			continue;
		draw_block(&d, b);
	}
	html(&p->out, "</div>\n");
	if (r.plan.ndiag > 0 && page_signed_in(p)) {
		html(&p->out, "<h2>%s</h2>\n<ul>\n",
		    PT(p, "Defects of the draft"));
		for (size_t i = 0; i < r.plan.ndiag; i++) {
			html(&p->out, "<li>");
			sentence_html(&p->out, 0, 0,
			    PT(p, "line %s, column %s: %s"),
			    num(p, &ns, 0, r.plan.diag[i].line),
			    num(p, &ns, 1, r.plan.diag[i].col),
			    r.plan.diag[i].msg);
			html(&p->out, "</li>\n");
		}
		html(&p->out, "</ul>\n");
	}
	if (is_staff(p)) {
		html(&p->out,
		    "<form method=\"post\" action=\"/plans/%u/adopt\" "
		    "class=\"edit\">\n",
		    key);
		page_csrf_field(p);
		html(&p->out,
		    "<input type=\"hidden\" name=\"rev\" value=\"%d\">"
		    "<p><button type=\"submit\">%s</button></p></form>\n",
		    r.pi.adopted_seq == r.ri.seq ? 0 : r.ri.seq,
		    r.pi.adopted_seq == r.ri.seq
			? PT(p, "Make the plan a draft again")
			: PT(p, "Adopt this revision"));
	}
	nums_free(&ns);
	rev_free(&r);
	return page_end(p, 200);
}

/* --- positions ---------------------------------------------------------- */

static int
plan_positions(Page *p, const char *key)
{
	Rev r;
	Buf where = BUF_INIT, text = BUF_INIT;
	int rc;

	if (!page_signed_in(p))
		return page_error(
		    p, 401, PT(p, "Sign in to see the positions."));
	if (!rev_load(p, key, int_param(p, "rev"), &r, &rc))
		return rc;
	p->nav = "plans";
	buf_printf(&where, PT(p, "%s: positions"), buf_str(&r.pi.title));
	page_begin(p, buf_str(&where));
	buf_reset(&where);
	buf_printf(
	    &where, PT(p, "Revision %d: %s"), r.ri.seq, buf_str(&r.ri.label));
	html(&p->out, "<p>%s</p>\n", buf_str(&where));
	rev_links(p, &r, "positions");

	/* Measures x delegations. */
	html(&p->out,
	    "<div class=\"scroll\"><table class=\"list\">\n<caption>%s"
	    "</caption>\n<thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th>",
	    PT(p,
		"Tags per part of the text and delegation (+ to add, − to "
		"delete)"),
	    PT(p, "Where"), PT(p, "Brackets"));
	for (size_t k = 0; k < r.ncodes; k++)
		html(&p->out,
		    "<th scope=\"col\"><abbr title=\"%s\">%s</abbr>"
		    "</th>",
		    country(r.codes[k]), r.codes[k]);
	html(&p->out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0, j; i < r.plan.nbr; i = j) {
		int blk = r.plan.br[i].block, nbr;
		long *add = calloc(r.ncodes + 1, sizeof(long));
		long *del = calloc(r.ncodes + 1, sizeof(long));

		j = plan_block_run(&r.plan, i);
		nbr = (int)(j - i);
		plan_count_tags(&r.plan, i, j, r.codes, r.ncodes, add, del);
		buf_reset(&where);
		plan_block_label_in(&r.plan, (size_t)blk, p->lang, &where);
		html(&p->out,
		    "<tr><th scope=\"row\"><a href=\"/plans/%u?rev=%d#b%d\">%s"
		    "</a></th><td class=\"num\">%d</td>",
		    key, r.ri.seq, blk + 1, buf_str(&where), nbr);
		for (size_t k = 0; k < r.ncodes; k++) {
			html(&p->out, "<td>");
			if (add[k])
				html(&p->out, "+%d ", (int)add[k]);
			if (del[k])
				html(&p->out, "−%d", (int)del[k]);
			html(&p->out, "</td>");
		}
		html(&p->out, "</tr>\n");
		free(add);
		free(del);
	}
	html(&p->out, "</tbody></table></div>\n");

	/* Each delegation's proposals. */
	for (size_t k = 0; k < r.ncodes; k++) {
		html(&p->out,
		    "<h2 id=\"%s\"><span class=\"tag c%d\">%s</span> %s</h2>\n"
		    "<ul class=\"proposals\">\n",
		    r.codes[k], (int)(k % NCOLOURS), r.codes[k],
		    country(r.codes[k]));
		for (size_t i = 0; i < r.plan.nbr; i++) {
			const PlanBracket *b = &r.plan.br[i];

			for (int t = 0; t < b->ntag; t++) {
				const PlanTag *tg = &r.plan.tag[b->tag0 + t];

				if (!tg->known || strcmp(tg->code, r.codes[k]))
					continue;
				buf_reset(&where);
				buf_reset(&text);
				plan_block_label_in(
				    &r.plan, (size_t)b->block, p->lang, &where);
				plan_bracket_text(&r.plan, i, &text);
				html(&p->out,
				    "<li><span class=\"br %S\">%s</span> "
				    "<a href=\"/plans/%u?rev=%d#b%d\">%s</a>: "
				    "%s</li>\n",
				    tg->sign == '+' ? "add" : "del",
				    tg->sign == '+' ? PT(p, "adds")
						    : PT(p, "deletes"),
				    key, r.ri.seq, b->block + 1,
				    buf_str(&where), buf_str(&text));
			}
		}
		html(&p->out, "</ul>\n");
	}
	buf_free(&where);
	buf_free(&text);
	rev_free(&r);
	return page_end(p, 200);
}

/* --- comparison --------------------------------------------------------- */

static void
diff_words(Page *p, const Plan *a, const Plan *b, const PlanDiffPair *pp)
{
	PlanWordEdit *e;
	size_t n = plan_diff_words(a, pp->a, b, pp->b, &e);
	Buf w = BUF_INIT;

	html(&p->out, "<p class=\"diff\" dir=\"auto\">");
	for (size_t i = 0; i < n; i++) {
		const char *s = e[i].op == '+' ? b->text : a->text;

		buf_reset(&w);
		buf_append(&w, s + e[i].off, e[i].len);
		if (e[i].op == '=')
			html(&p->out, "%s ", buf_str(&w));
		else
			html(&p->out, "<%S>%s</%S> ",
			    e[i].op == '-' ? "del" : "ins", buf_str(&w),
			    e[i].op == '-' ? "del" : "ins");
	}
	html(&p->out, "</p>\n");
	free(e);
	buf_free(&w);
}

static int
plan_compare(Page *p, const char *key)
{
	Rev ra, rb;
	PlanDiff d;
	Buf la = BUF_INIT, lb = BUF_INIT;
	Nums ns = { 0 };
	int rc, a = int_param(p, "a"), b = int_param(p, "b");

	if (!page_signed_in(p))
		return page_error(
		    p, 401, PT(p, "Sign in to compare revisions."));
	if (!rev_load(p, key, a > 0 ? a : 1, &ra, &rc))
		return rc;
	if (!rev_load(p, key, b > 0 ? b : ra.pi.nrev, &rb, &rc)) {
		rev_free(&ra);
		return rc;
	}
	p->nav = "plans";
	buf_printf(&la, PT(p, "%s: revision %d and revision %d"),
	    buf_str(&ra.pi.title), ra.ri.seq, rb.ri.seq);
	page_begin(p, buf_str(&la));
	rev_links(p, &rb, "compare");
	html(&p->out,
	    "<form method=\"get\" action=\"/plans/%u/compare\" "
	    "class=\"filters\">\n",
	    key);
	revision_select(p, &ra, "a", ra.ri.seq, PT(p, "From"));
	revision_select(p, &ra, "b", rb.ri.seq, PT(p, "to"));
	html(&p->out, "<button type=\"submit\">%s</button></form>\n",
	    PT(p, "Compare"));
	plan_diff(&ra.plan, &rb.plan, &d);
	html(&p->out, "<p class=\"facts\">");
	sentence_html(&p->out, 0xF0, 0,
	    PT(p,
		"%s parts changed, %s added, %s removed; %s measures "
		"renumbered. Brackets: %s opened, %s agreed (brackets gone, "
		"text kept), %s dropped (gone with their text), %s still "
		"open."),
	    num(p, &ns, 0, (long)d.changed), num(p, &ns, 1, (long)d.added),
	    num(p, &ns, 2, (long)d.removed), num(p, &ns, 3, (long)d.renumbered),
	    num(p, &ns, 4, (long)d.opened), num(p, &ns, 5, (long)d.agreed),
	    num(p, &ns, 6, (long)d.dropped), num(p, &ns, 7, (long)d.open));
	html(&p->out, "</p>\n");
	html(&p->out,
	    "<div class=\"scroll\"><table class=\"list\">\n<caption>%s"
	    "</caption><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    PT(p, "Brackets per part"), PT(p, "Was"), PT(p, "Is"),
	    PT(p, "Opened"), PT(p, "Agreed"), PT(p, "Dropped"),
	    PT(p, "Still open"));
	for (size_t k = 0; k < d.npair; k++) {
		const PlanDiffPair *pp = &d.pair[k];

		if (pp->opened + pp->agreed + pp->dropped + pp->open == 0)
			continue;
		buf_reset(&la);
		buf_reset(&lb);
		if (pp->a >= 0)
			plan_block_label_in(
			    &ra.plan, (size_t)pp->a, p->lang, &la);
		if (pp->b >= 0)
			plan_block_label_in(
			    &rb.plan, (size_t)pp->b, p->lang, &lb);
		html(&p->out,
		    "<tr><td>%s</td><td>%s</td><td class=\"num\">%d</td>"
		    "<td class=\"num\">%d</td><td class=\"num\">%d</td>"
		    "<td class=\"num\">%d</td></tr>\n",
		    pp->a >= 0 ? buf_str(&la) : "—",
		    pp->b >= 0 ? buf_str(&lb) : "—", (int)pp->opened,
		    (int)pp->agreed, (int)pp->dropped, (int)pp->open);
	}
	html(&p->out, "</tbody></table></div>\n<h2>%s</h2>\n<p>%s</p>\n",
	    PT(p, "The words that changed"),
	    PT(p, "Removed words are struck through, new ones underlined."));
	for (size_t k = 0; k < d.npair; k++) {
		const PlanDiffPair *pp = &d.pair[k];

		if (pp->same)
			continue;
		buf_reset(&la);
		buf_reset(&lb);
		if (pp->a >= 0)
			plan_block_label_in(
			    &ra.plan, (size_t)pp->a, p->lang, &la);
		if (pp->b >= 0)
			plan_block_label_in(
			    &rb.plan, (size_t)pp->b, p->lang, &lb);
		html(&p->out, "<h3>");
		if (pp->a < 0)
			sentence_html(
			    &p->out, 0, 0, PT(p, "New: %s"), buf_str(&lb));
		else if (pp->b < 0)
			sentence_html(
			    &p->out, 0, 0, PT(p, "Removed: %s"), buf_str(&la));
		else if (strcmp(buf_str(&la), buf_str(&lb)))
			sentence_html(&p->out, 0, 0, PT(p, "%s, now %s"),
			    buf_str(&la), buf_str(&lb));
		else
			html(&p->out, "%s", buf_str(&la));
		html(&p->out, "</h3>\n");
		diff_words(p, &ra.plan, &rb.plan, pp);
	}
	plan_diff_free(&d);
	nums_free(&ns);
	buf_free(&la);
	buf_free(&lb);
	rev_free(&ra);
	rev_free(&rb);
	return page_end(p, 200);
}

/* --- measures and projects ---------------------------------------------- */

static int
plan_measures(Page *p, const char *key)
{
	PlanImpl im;
	PlanInfo pi;
	Buf err = BUF_INIT, usd = BUF_INIT;
	Nums ns = { 0 };
	int got;

	memset(&pi, 0, sizeof(pi));
	pthread_once(&countries_once, countries_load);
	got = plan_implementation(p->s, key, &im, &err);
	if (got <= 0 || store_plan_get(p->s, key, &pi, &err) <= 0) {
		buf_free(&err);
		plan_info_clear(&pi);
		if (got > 0)
			plan_impl_free(&im);
		return page_error(p, got < 0 ? 500 : 404,
		    got < 0 ? PT(p, "The database failed.")
			    : PT(p, "There is no such adopted plan."));
	}
	p->nav = "plans";
	buf_printf(
	    &err, PT(p, "%s: measures and projects"), buf_str(&pi.title));
	page_begin(p, buf_str(&err));
	buf_reset(&err);
	html(&p->out,
	    "<p class=\"tabs\"><a href=\"/plans/%u?rev=%d\">%s</a></p>\n"
	    "<p class=\"facts\">",
	    key, im.seq, PT(p, "The adopted text"));
	sentence_html(&p->out, 3, 0,
	    PT(p, "%s measures; %s with no project behind them."),
	    num(p, &ns, 0, (long)im.n), num(p, &ns, 1, (long)im.uncovered));
	if (im.stale)
		html(&p->out, " %s",
		    PT(p,
			"Some links name measures the adopted text no longer "
			"has."));
	html(&p->out,
	    "</p>\n<div class=\"scroll\"><table class=\"list\">\n"
	    "<caption>%s</caption>\n"
	    "<thead><tr><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
	    "scope=\"col\">%s</th><th scope=\"col\" "
	    "class=\"num\">%s</th></tr></thead>\n<tbody>\n",
	    PT(p,
		"Each measure of the adopted text, with the projects that "
		"implement it and their budgets (a project behind two "
		"measures counts in full behind each)"),
	    PT(p, "Measure"), PT(p, "Projects"), PT(p, "Entities"),
	    PT(p, "Countries"), PT(p, "Budget, USD"));
	for (size_t i = 0; i < im.n; i++) {
		const PlanImplMeasure *m = &im.m[i];

		html(&p->out, "<tr%S><th scope=\"row\">%s</th><td>",
		    m->nproject ? "" : " class=\"uncovered\"", m->text);
		if (m->nproject == 0)
			html(&p->out, "<strong>%s</strong>",
			    PT(p, "Nothing behind it"));
		for (size_t k = 0; k < m->nproject; k++) {
			html(&p->out, "%S<a href=\"/projects/%I\">%s</a>",
			    k ? "<br>" : "", m->project[k], m->title[k]);
			if (page_may_write(p)) {
				html(&p->out,
				    " <form method=\"post\" "
				    "action=\"/plans/%u/unlink\" "
				    "class=\"inline\">",
				    key);
				page_csrf_field(p);
				html(&p->out,
				    "<input type=\"hidden\" name=\"measure\" "
				    "value=\"%s\"><input type=\"hidden\" "
				    "name=\"project\" value=\"%I\"><button "
				    "type=\"submit\" class=\"link\">%s "
				    "<span class=\"skip\">%s</span></button>"
				    "</form>",
				    m->number, m->project[k], PT(p, "unlink"),
				    m->title[k]);
			}
		}
		html(&p->out, "</td><td>");
		for (size_t k = 0; k < m->nentity; k++)
			html(&p->out, "%S<a href=\"/organisations/%u\">%s</a>",
			    k ? ", " : "", m->entity[k], m->entity[k]);
		html(&p->out, "</td><td>");
		for (size_t k = 0; k < m->ncountry; k++)
			html(&p->out, "%S<a href=\"/countries/%u\">%s</a>",
			    k ? ", " : "", m->country[k],
			    country(m->country[k]));
		buf_reset(&usd);
		lang_decimal(&usd, p->lang, (double)m->budget_usd / 100.0, 2);
		if (m->nproject == 0) {
			html(&p->out, "</td><td class=\"num\"></td></tr>\n");
			continue;
		}
		html(&p->out, "</td><td class=\"num\">%s<br><small>",
		    buf_str(&usd));
		sentence_html(&p->out, 0, 0,
		    PT(p, "%s of %s projects budgeted"),
		    num(p, &ns, 0, (long)m->budgeted),
		    num(p, &ns, 1, (long)m->nproject));
		if (m->demo)
			html(&p->out, " <span class=\"demo\">%s</span>",
			    PT(p, "(demonstration budgets among them)"));
		html(&p->out, "</small></td></tr>\n");
	}
	html(&p->out, "</tbody></table></div>\n");
	if (page_may_write(p)) {
		html(&p->out,
		    "<h2>%s</h2>\n<form "
		    "method=\"post\" action=\"/plans/%u/link\" "
		    "class=\"edit\">\n",
		    PT(p, "Link a project to a measure"), key);
		page_csrf_field(p);
		html(&p->out,
		    "<p><label for=\"measure\">%s</label> "
		    "<select id=\"measure\" name=\"measure\">",
		    PT(p, "Measure"));
		for (size_t i = 0; i < im.n; i++)
			html(&p->out, "<option>%s</option>", im.m[i].number);
		html(&p->out,
		    "</select></p>\n<p><label for=\"project\">%s</label> "
		    "<input id=\"project\" name=\"project\" "
		    "inputmode=\"numeric\" pattern=\"[0-9]+\" required></p>\n"
		    "<p><button type=\"submit\">%s</button></p></form>\n",
		    PT(p, "Project number"), PT(p, "Link"));
	}
	nums_free(&ns);
	plan_impl_free(&im);
	plan_info_clear(&pi);
	buf_free(&err);
	buf_free(&usd);
	return page_end(p, 200);
}

/* --- the list, and changes ---------------------------------------------- */

typedef struct ListCtx {
	Page *p;
	int n;
} ListCtx;

static int
list_row(void *ctx, const PlanInfo *pi)
{
	ListCtx *l = ctx;

	if (!page_signed_in(l->p) && pi->adopted_seq == 0)
		return 0; /* a draft under negotiation */
	l->n++;
	html(&l->p->out,
	    "<tr><td><a href=\"/plans/%u\">%s</a></td><td>%s</td>"
	    "<td class=\"num\">%d</td><td>%s</td></tr>\n",
	    buf_str(&pi->key), buf_str(&pi->title), buf_str(&pi->key), pi->nrev,
	    pi->adopted_seq ? PT(l->p, "adopted") : PT(l->p, "draft"));
	return 0;
}

/* The form the secretariat adds a revision with. */
static void
plan_add_form(Page *p)
{
	html(&p->out, "<h2>%s</h2>\n<p>", PT(p, "Add a revision"));
	sentence_html(&p->out, 0, 3,
	    PT(p,
		"A draft in bracket notation: %s proposes to add, %s to "
		"delete (ISO 3166-1 alpha-3)."),
	    "<code>[text] (+IND)</code>", "<code>(-IND)</code>");
	html(&p->out,
	    " %s</p>\n<form method=\"post\" action=\"/plans\" "
	    "enctype=\"multipart/form-data\" class=\"edit\">\n",
	    PT(p, "Plain text, or Markdown (.md)."));
	page_csrf_field(p);
	html(&p->out,
	    "<p><label for=\"key\">%s</label> <input id=\"key\" "
	    "name=\"key\" required pattern=\"[a-z0-9-]{1,40}\" "
	    "aria-describedby=\"key-hint\"> <small id=\"key-hint\">%s"
	    "</small></p>\n"
	    "<p><label for=\"title\">%s</label> "
	    "<input id=\"title\" name=\"title\"></p>\n"
	    "<p><label for=\"label\">%s</label> <input "
	    "id=\"label\" name=\"label\" required></p>\n",
	    PT(p, "Plan key"), PT(p, "a to z, digits and -"),
	    PT(p, "Title (for a new plan)"), PT(p, "Revision label"));
	html(&p->out,
	    "<p><label for=\"file\">%s</label> <input id=\"file\" "
	    "name=\"file\" type=\"file\" required "
	    "accept=\".txt,.md,text/plain,text/markdown\"></p>\n"
	    "<p><button type=\"submit\">%s</button></p></form>\n",
	    PT(p, "File"), PT(p, "Add"));
}

static int
plan_list(Page *p, int status, const char *msg)
{
	ListCtx l = { p, 0 };
	Buf err = BUF_INIT;

	p->nav = "plans";
	page_begin(p, PT(p, "Plans of action"));
	if (msg)
		html(
		    &p->out, "<p class=\"error\" role=\"alert\">%s</p>\n", msg);
	html(&p->out,
	    "<table class=\"list\">\n<caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "</tr></thead>\n<tbody>\n",
	    page_signed_in(p)
		? PT(p, "Plans")
		: PT(p,
		      "Plans (adopted plans; drafts are seen by members signed "
		      "in)"),
	    PT(p, "Title"), PT(p, "Key"), PT(p, "Revisions"), PT(p, "Status"));
	store_plans(p->s, list_row, &l, &err);
	html(&p->out, "</tbody></table>\n");
	if (l.n == 0)
		html(&p->out, "<p>%s</p>\n", PT(p, "No plan yet."));
	if (is_staff(p))
		plan_add_form(p);
	buf_free(&err);
	return page_end(p, status);
}

static int
plan_add(Page *p)
{
	const HttpFile *f = http_form_file(&p->form, "file");
	const char *key = page_field(p, "key");
	Buf msg = BUF_INIT, loc = BUF_INIT;
	int seq = 0, rc;

	if (f == NULL || f->filename[0] == '\0' || key == NULL)
		return plan_list(
		    p, 400, PT(p, "Give a key, a label and a file."));
	rc = plan_commit_revision(p->s, &p->who, key, page_field(p, "title"),
	    page_field(p, "label"), f->filename,
	    plan_flags_for(f->filename) == PLAN_MARKDOWN, buf_str(&f->data),
	    f->data.len, &seq, &msg);
	if (rc >= 300) {
		rc = plan_list(p, rc == COMMIT_BUSY ? 503 : rc, buf_str(&msg));
		buf_free(&msg);
		return rc;
	}
	buf_printf(&loc, "/plans/%s?rev=%d", key, seq);
	rc = page_redirect(p, buf_str(&loc));
	buf_free(&loc);
	buf_free(&msg);
	return rc;
}

static int
plan_change(Page *p, const char *key, const char *what)
{
	Buf msg = BUF_INIT, loc = BUF_INIT;
	const char *measure = page_field(p, "measure");
	const char *project = page_field(p, "project");
	int rc;

	if (strcmp(what, "adopt") == 0) {
		const char *rev = page_field(p, "rev");

		rc = plan_commit_adopt(
		    p->s, &p->who, key, rev ? atoi(rev) : -1, &msg);
		buf_printf(&loc, "/plans/%s", key);
	} else {
		long long id = project ? atoll(project) : 0;

		if (measure == NULL || id <= 0) {
			buf_puts(&msg,
			    PT(p, "Give a measure and a project number."));
			rc = 400;
		} else {
			rc = plan_commit_link(p->s, &p->who, key, measure, id,
			    strcmp(what, "link") == 0, &msg);
		}
		buf_printf(&loc, "/plans/%s/measures", key);
	}
	rc = rc >= 300
	    ? page_error(p, rc == COMMIT_BUSY ? 503 : rc, buf_str(&msg))
	    : page_redirect(p, buf_str(&loc));
	buf_free(&msg);
	buf_free(&loc);
	return rc;
}

/* --- downloads ---------------------------------------------------------- */

static int
plan_download(Page *p, const char *key, const char *what)
{
	Rev r;
	int rc;
	Buf *o = &p->rp->body;

	if (!rev_load(p, key, int_param(p, "rev"), &r, &rc))
		return rc;
	if (strcmp(what, "akn") == 0) {
		PlanAknOptions ao;

		memset(&ao, 0, sizeof(ao));
		ao.name = key;
		ao.country_name = refdata_country_name;
		ao.countries = &countries;
		plan_akn(&r.plan, &ao, o);
		p->rp->type = "application/akn+xml";
	} else {
		const char *view = page_param(p, "view");
		const char *as = page_param(p, "as");
		PlanView v = PLAN_DELIVERED;

		if (view && !strcmp(view, "agreed"))
			v = PLAN_AGREED;
		else if (view && !strcmp(view, "all"))
			v = PLAN_ALL;
		else if (view && !strcmp(view, "as") && as &&
		    refdata_country_known(&countries, as))
			v = PLAN_AS;
		plan_render(&r.plan, v, as, 0, r.plan.nblock, o);
		p->rp->type = "text/plain; charset=utf-8";
	}
	p->rp->status = 200;
	rev_free(&r);
	return 1;
}

int
page_plans(Page *p, const char *rest)
{
	int get = strcmp(p->rq->method, "GET") == 0 ||
	    strcmp(p->rq->method, "HEAD") == 0;
	char key[48];
	const char *slash;
	size_t n;

	if (*rest == '\0')
		return get        ? plan_list(p, 200, NULL)
		    : is_staff(p) ? plan_add(p)
				  : page_error(p, 403,
					PT(p,
					    "Only the secretariat adds "
					    "revisions."));
	slash = strchr(rest, '/');
	n = slash ? (size_t)(slash - rest) : strlen(rest);
	if (n == 0 || n >= sizeof(key))
		return page_error(p, 404, PT(p, "There is no such plan."));
	memcpy(key, rest, n);
	key[n] = '\0';
	if (!plan_key_ok(key))
		return page_error(p, 404, PT(p, "There is no such plan."));
	rest = slash ? slash + 1 : "";
	if (!get) {
		if (!strcmp(rest, "adopt") || !strcmp(rest, "link") ||
		    !strcmp(rest, "unlink"))
			return plan_change(p, key, rest);
		return page_error(p, 405, PT(p, "This page takes no form."));
	}
	if (*rest == '\0')
		return plan_view(p, key);
	if (!strcmp(rest, "positions"))
		return plan_positions(p, key);
	if (!strcmp(rest, "compare"))
		return plan_compare(p, key);
	if (!strcmp(rest, "measures"))
		return plan_measures(p, key);
	if (!strcmp(rest, "akn") || !strcmp(rest, "text"))
		return plan_download(p, key, rest);
	return page_error(p, 404, PT(p, "There is no such page."));
}
