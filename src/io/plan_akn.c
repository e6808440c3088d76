/*
 * plan_akn.c - Akoma Ntoso 3.0 export of a draft plan (plan_akn.h).
 *
 * The XML is written straight into a Buf: every text goes through
 * xml_text(), which escapes the five markup characters and replaces the
 * control characters XML 1.0 forbids.  Brackets that cross a block
 * boundary are closed at the end of the block's <p> and opened again at
 * the start of the next, so the elements always nest.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "plan_akn.h"

#define CTM_NS "https://ctmatrix.org/ns/plan/1.0"

static void
xml_text(Buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '"':
			buf_puts(out, "&quot;");
			break;
		default:
			if (c < 0x20 && c != '\n' && c != '\t')
				buf_putc(out, ' ');
			else
				buf_putc(out, (char)c);
		}
	}
}

static void
xml_str(Buf *out, const char *s)
{
	xml_text(out, s, strlen(s));
}

/* refersTo="#IND #TUR": the known codes of bracket b with sign. */
static int
refers(const Plan *p, const PlanBracket *b, char sign, Buf *out)
{
	int n = 0;

	for (int k = 0; k < b->ntag; k++) {
		const PlanTag *t = &p->tag[b->tag0 + k];

		if (!t->known || t->sign != sign)
			continue;
		buf_puts(out, n++ ? " #" : " refersTo=\"#");
		buf_puts(out, t->code);
	}
	if (n > 0)
		buf_putc(out, '"');
	return n;
}

static void
open_bracket(const Plan *p, size_t i, int first, Buf *out)
{
	const PlanBracket *b = &p->br[i];
	Buf id = BUF_INIT;

	if (first)
		buf_printf(&id, " eId=\"br_%zu\"", i + 1);
	if (!b->closed) {
		buf_printf(out, "<inline name=\"unclosed\"%s>", buf_str(&id));
	} else if (b->nadd > 0) {
		buf_printf(out, "<ins%s", buf_str(&id));
		refers(p, b, '+', out);
		buf_putc(out, '>');
		if (b->ndel > 0) {
			buf_puts(out, "<del");
			refers(p, b, '-', out);
			buf_putc(out, '>');
		}
	} else if (b->ndel > 0) {
		buf_printf(out, "<del%s", buf_str(&id));
		refers(p, b, '-', out);
		buf_putc(out, '>');
	} else {
		buf_printf(out,
		    "<inline name=\"unsponsored\"%s refersTo=\"#unsponsored\">",
		    buf_str(&id));
	}
	buf_free(&id);
}

static void
close_bracket(const Plan *p, size_t i, Buf *out)
{
	const PlanBracket *b = &p->br[i];

	if (!b->closed || (b->nadd == 0 && b->ndel == 0))
		buf_puts(out, "</inline>");
	else if (b->nadd > 0)
		buf_puts(out, b->ndel > 0 ? "</del></ins>" : "</ins>");
	else
		buf_puts(out, "</del>");
}

typedef struct Akn {
	const Plan *p;
	Buf *out;
} Akn;

static void
akn_text(void *ctx, const char *s, size_t n)
{
	xml_text(((Akn *)ctx)->out, s, n);
}

static void
akn_open(void *ctx, size_t i, int first)
{
	open_bracket(((Akn *)ctx)->p, i, first, ((Akn *)ctx)->out);
}

static void
akn_close(void *ctx, size_t i)
{
	close_bracket(((Akn *)ctx)->p, i, ((Akn *)ctx)->out);
}

/* Text [a, z) of the draft, brackets as elements. */
static void
inline_text(const Plan *p, size_t a, size_t z, Buf *out)
{
	static const PlanWalk w = { akn_text, akn_open, akn_close };
	Akn k = { p, out };

	plan_walk(p, a, z, &w, &k);
}

/* The text of a block without surrounding whitespace, as one <p>. */
static void
para(const Plan *p, size_t a, size_t z, Buf *out)
{
	while (a < z &&
	    (p->text[a] == ' ' || p->text[a] == '\n' || p->text[a] == '\r' ||
		p->text[a] == '\t'))
		a++;
	while (z > a &&
	    (p->text[z - 1] == ' ' || p->text[z - 1] == '\r' ||
		p->text[z - 1] == '\n'))
		z--;
	buf_puts(out, "<p>");
	inline_text(p, a, z, out);
	buf_puts(out, "</p>");
}

static void
identification(const PlanAknOptions *o, const char *date, Buf *out)
{
	const char *name = o->name ? o->name : "plan";
	Buf w = BUF_INIT;

	buf_puts(&w, "/akn/un/doc/planOfAction/");
	xml_str(&w, date);
	buf_putc(&w, '/');
	xml_str(&w, name);
	buf_printf(out,
	    "<identification source=\"#ctmatrix\">\n"
	    "<FRBRWork><FRBRthis value=\"%s/!main\"/>"
	    "<FRBRuri value=\"%s\"/><FRBRdate date=\"%s\" name=\"draft\"/>"
	    "<FRBRauthor href=\"#ctmatrix\"/><FRBRcountry value=\"un\"/>"
	    "</FRBRWork>\n"
	    "<FRBRExpression><FRBRthis value=\"%s/eng@%s/!main\"/>"
	    "<FRBRuri value=\"%s/eng@%s\"/>"
	    "<FRBRdate date=\"%s\" name=\"draft\"/>"
	    "<FRBRauthor href=\"#ctmatrix\"/>"
	    "<FRBRlanguage language=\"eng\"/></FRBRExpression>\n"
	    "<FRBRManifestation><FRBRthis value=\"%s/eng@%s/!main.xml\"/>"
	    "<FRBRuri value=\"%s/eng@%s/!main.xml\"/>"
	    "<FRBRdate date=\"%s\" name=\"generation\"/>"
	    "<FRBRauthor href=\"#ctmatrix\"/></FRBRManifestation>\n"
	    "</identification>\n",
	    buf_str(&w), buf_str(&w), date, buf_str(&w), date, buf_str(&w),
	    date, date, buf_str(&w), date, buf_str(&w), date, date);
	buf_free(&w);
}

static void
references(const Plan *p, const PlanAknOptions *o, Buf *out)
{
	const char **codes;
	size_t n = plan_delegations(p, &codes);

	buf_puts(out,
	    "<references source=\"#ctmatrix\">\n"
	    "<TLCOrganization eId=\"ctmatrix\" "
	    "href=\"/ontology/organization/ctmatrix\" showAs=\"ctmatrix\"/>\n");
	for (size_t k = 0; k < n; k++) {
		const char *nm = o->country_name && o->countries
		    ? o->country_name(o->countries, codes[k])
		    : NULL;

		buf_printf(out,
		    "<TLCOrganization eId=\"%s\" "
		    "href=\"/ontology/organization/iso3166/%s\" showAs=\"",
		    codes[k], codes[k]);
		xml_str(out, nm ? nm : codes[k]);
		buf_puts(out, "\"/>\n");
	}
	buf_puts(out,
	    "<TLCConcept eId=\"unsponsored\" "
	    "href=\"/ontology/concept/ctmatrix/unsponsored\" "
	    "showAs=\"Bracketed text no delegation has tagged\"/>\n"
	    "</references>\n");
	free(codes);
}

/* The positions table: per block with brackets, tags per delegation. */
static void
proprietary(const Plan *p, Buf *out)
{
	Buf where = BUF_INIT;
	const char **codes;
	size_t n = plan_delegations(p, &codes);
	long *add = xcalloc(n + 1, sizeof(long)),
	     *del = xcalloc(n + 1, sizeof(long));

	buf_puts(out,
	    "<proprietary source=\"#ctmatrix\">\n"
	    "<ctm:positions xmlns:ctm=\"" CTM_NS "\">\n");
	for (size_t i = 0, j; i < p->nbr; i = j) {
		int blk = p->br[i].block;
		long nbr;

		j = plan_block_run(p, i);
		nbr = (long)(j - i);
		plan_count_tags(p, i, j, codes, n, add, del);
		buf_reset(&where);
		plan_block_label(p, (size_t)blk, &where);
		buf_puts(out, "<ctm:measure where=\"");
		xml_str(out, buf_str(&where));
		buf_printf(out, "\" brackets=\"%ld\">", nbr);
		for (size_t k = 0; k < n; k++)
			if (add[k] || del[k])
				buf_printf(out,
				    "<ctm:delegation ref=\"#%s\" add=\"%ld\" "
				    "delete=\"%ld\"/>",
				    codes[k], add[k], del[k]);
		buf_puts(out, "</ctm:measure>\n");
	}
	buf_puts(out, "</ctm:positions>\n</proprietary>\n");
	free(add);
	free(del);
	free(codes);
	buf_free(&where);
}

/* "Pillar I: Measures ..." -> num "Pillar I", heading "Measures ...". */
static void
heading(const Plan *p, const PlanBlock *b, Buf *out)
{
	const char *s = p->text;
	size_t a = b->start, z = b->text_end, c;

	while (a < z && (s[a] == '#' || s[a] == ' ' || s[a] == '\n'))
		a++;
	for (c = a; c < z && s[c] != ':' && s[c] != '\n'; c++)
		;
	if (!p->markdown && c < z && s[c] == ':' && c - a < 40) {
		buf_puts(out, "<num>");
		inline_text(p, a, c, out);
		buf_puts(out, "</num>");
		for (a = c + 1; a < z && s[a] == ' '; a++)
			;
	}
	buf_puts(out, "<heading>");
	inline_text(p, a, z, out);
	buf_puts(out, "</heading>\n");
}

/* A measure: <paragraph> with its number and text. */
static void
measure(const Plan *p, size_t bi, StrMap *ids, Buf *out)
{
	const PlanBlock *b = &p->block[bi];
	const char *s = p->text;
	size_t dot = b->num + b->numlen, a;
	Buf id = BUF_INIT;
	int64_t v;

	if (p->markdown && b->section >= 0)
		buf_printf(&id, "sec_%d__", b->section + 1);
	buf_puts(&id, "para_");
	buf_append(&id, s + b->num, b->numlen);
	if (strmap_get(ids, buf_str(&id), &v))
		buf_printf(&id, "_%zu", bi + 1);
	strmap_put(ids, buf_str(&id), 1);
	buf_printf(out, "<paragraph eId=\"%s\"><num>", buf_str(&id));
	xml_text(out, s + b->num, b->numlen + 1);
	buf_puts(out, "</num><content>");
	for (a = dot + 1; a < b->text_end && (s[a] == ' ' || s[a] == '\t'); a++)
		;
	para(p, a, b->text_end, out);
	buf_puts(out, "</content></paragraph>\n");
	buf_free(&id);
}

static void
other(const Plan *p, size_t bi, Buf *out)
{
	buf_printf(out, "<hcontainer name=\"text\" eId=\"text_%zu\"><content>",
	    bi + 1);
	para(p, p->block[bi].start, p->block[bi].text_end, out);
	buf_puts(out, "</content></hcontainer>\n");
}

/* Blocks [a, z) of one section: intro paragraphs, then measures. */
static void
section_body(const Plan *p, size_t a, size_t z, StrMap *ids, Buf *out)
{
	size_t i, first = z;

	for (i = a; i < z; i++)
		if (p->block[i].kind == PLAN_MEASURE) {
			first = i;
			break;
		}
	if (first == z) {
		buf_puts(out, "<content>");
		if (a == z)
			buf_puts(out, "<p/>");
		for (i = a; i < z; i++)
			para(p, p->block[i].start, p->block[i].text_end, out);
		buf_puts(out, "</content>\n");
		return;
	}
	if (first > a) {
		buf_puts(out, "<intro>");
		for (i = a; i < first; i++)
			para(p, p->block[i].start, p->block[i].text_end, out);
		buf_puts(out, "</intro>\n");
	}
	for (i = first; i < z; i++)
		if (p->block[i].kind == PLAN_MEASURE)
			measure(p, i, ids, out);
		else
			other(p, i, out);
}

void
plan_akn(const Plan *p, const PlanAknOptions *o, Buf *out)
{
	char today[16];
	const char *date = o->date;
	StrMap ids = STRMAP_INIT;
	size_t i, npre = 0;
	int any = 0;

	if (date == NULL) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		date = today;
	}
	buf_puts(out,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<akomaNtoso "
	    "xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/"
	    "3.0\">\n<doc name=\"planOfAction\">\n<meta>\n");
	identification(o, date, out);
	references(p, o, out);
	proprietary(p, out);
	buf_puts(out, "</meta>\n");

	/* Preface: what comes before the title, and the title. */
	for (i = 0; i < p->nblock; i++) {
		PlanBlockKind k = p->block[i].kind;

		if (k == PLAN_FRONT && p->markdown && i == 0)
			continue; /* front matter: metadata, not text */
		if (k == PLAN_FRONT || k == PLAN_TITLE ||
		    (p->markdown && k == PLAN_PARAGRAPH &&
			p->block[i].section < 0))
			any = 1;
	}
	if (any || p->title_md) {
		buf_puts(out, "<preface>\n");
		for (i = 0; i < p->nblock; i++) {
			const PlanBlock *b = &p->block[i];

			if (b->kind == PLAN_FRONT && !(p->markdown && i == 0))
				para(p, b->start, b->text_end, out);
			else if (p->markdown && b->kind == PLAN_PARAGRAPH &&
			    b->section < 0)
				para(p, b->start, b->text_end, out);
			else if (b->kind == PLAN_TITLE) {
				buf_puts(out, "<longTitle>");
				para(p, b->start, b->text_end, out);
				buf_puts(out, "</longTitle>");
			}
			buf_puts(out,
			    b->kind == PLAN_FRONT || b->kind == PLAN_TITLE
				? "\n"
				: "");
		}
		if (p->title_md && p->title < 0) {
			buf_puts(out, "<longTitle><p>");
			xml_str(out, p->title_md);
			buf_puts(out, "</p></longTitle>\n");
		}
		buf_puts(out, "</preface>\n");
	}
	for (i = 0; i < p->nblock; i++)
		npre += p->block[i].kind == PLAN_PREAMBLE;
	if (npre > 0) {
		size_t n = 0;

		buf_puts(out, "<preamble>\n");
		for (i = 0; i < p->nblock; i++) {
			if (p->block[i].kind != PLAN_PREAMBLE)
				continue;
			buf_printf(out,
			    "<container name=\"recital\" eId=\"recital_%zu\">",
			    ++n);
			para(p, p->block[i].start, p->block[i].text_end, out);
			buf_puts(out, "</container>\n");
		}
		buf_puts(out, "</preamble>\n");
	}

	/* The body: measures outside any section, then the sections. */
	buf_puts(out, "<mainBody>\n");
	any = 0;
	for (i = 0; i < p->nblock; i++) {
		const PlanBlock *b = &p->block[i];

		if (b->section >= 0)
			break;
		if (b->kind == PLAN_MEASURE) {
			measure(p, i, &ids, out);
			any = 1;
		} else if (b->kind == PLAN_PARAGRAPH && !p->markdown) {
			other(p, i, out);
			any = 1;
		}
	}
	for (; i < p->nblock;) {
		size_t h = i, z;

		for (z = h + 1;
		     z < p->nblock && p->block[z].kind != PLAN_HEADING; z++)
			;
		size_t a = h + 1;
		/* The preamble's own heading holds no body. */
		int pre = a < z && p->block[a].kind == PLAN_PREAMBLE;

		if (!pre) {
			buf_printf(out,
			    "<hcontainer name=\"pillar\" eId=\"sec_%zu\">",
			    h + 1);
			heading(p, &p->block[h], out);
			section_body(p, a, z, &ids, out);
			buf_puts(out, "</hcontainer>\n");
			any = 1;
		}
		i = z;
	}
	if (!any)
		buf_puts(out, "<p/>\n");
	buf_puts(out, "</mainBody>\n</doc>\n</akomaNtoso>\n");
	strmap_free(&ids);
}
