/*
 * read.c - the reader of bracket-notation drafts (plan.h).
 *
 * Pass 1 cuts the input into lines and the lines into blocks, and in
 * Markdown collects the link reference definitions.  Pass 2 finds the
 * bracket characters that are brackets (not links, footnotes or escapes)
 * as a list of tokens with the running balance after each; from it a
 * backward sweep gives, for each token, the lowest balance reached before
 * the next heading.  Pass 3 walks the tokens and the block boundaries
 * together with a stack of open brackets: at each numbered measure or
 * heading, open brackets that no closing bracket later in the section
 * could close are declared unclosed there.  Every pass is linear.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/strmap.h"
#include "../text/lang.h"
#include "plan.h"

/* A bracket character that is a bracket: '[' or ']' at text[off]. */
typedef struct Tok {
	size_t off;
	int32_t bal; /* balance after this token */
	int32_t low; /* lowest balance from here to the end of the section */
} Tok;

#define TOK_OPENS(r, t) ((r)->s[(r)->tok[t].off] == '[')

typedef struct Reader {
	Plan *p;
	const char *s;
	size_t n;
	size_t *line; /* offset of each line's start */
	size_t nline, capline;
	StrMap refs; /* Markdown link labels, folded to lower case */
	Tok *tok;
	size_t ntok, captok;
	PlanKnownFn known;
	void *ctx;
	unsigned char *cont; /* per block: continues the one before */
	size_t cline, coff;  /* col_of(): the last line and offset asked */
	int ccol;            /* and its column */
} Reader;

static void diag(Plan *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
diag(Plan *p, int line, int col, const char *fmt, ...)
{
	Buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	mem_grow((void **)&p->diag, &p->capdiag, p->ndiag + 1, sizeof *p->diag);
	p->diag[p->ndiag].line = line;
	p->diag[p->ndiag].col = col;
	p->diag[p->ndiag].msg = buf_detach(&b);
	p->ndiag++;
}

int
plan_flags_for(const char *filename)
{
	size_t n = filename ? strlen(filename) : 0;

	if ((n > 3 && strcmp(filename + n - 3, ".md") == 0) ||
	    (n > 9 && strcmp(filename + n - 9, ".markdown") == 0))
		return PLAN_MARKDOWN;
	return PLAN_TEXT;
}

/* --- pass 1: lines and blocks ------------------------------------------ */

static int
is_blank(const char *s, size_t a, size_t z)
{
	for (; a < z; a++)
		if (s[a] != ' ' && s[a] != '\t' && s[a] != '\r' && s[a] != '\n')
			return 0;
	return 1;
}

/* Line [a, z) (without '\n') starts a numbered measure: "12.", "11a.",
 * "[11a." after at most three spaces (four digits at most, so that a
 * year is not taken for a measure).  Set the number's place. */
static int
is_measure(const char *s, size_t a, size_t z, size_t *num, size_t *numlen)
{
	size_t i = a, d, l;

	while (i < z && i - a < 3 && s[i] == ' ')
		i++;
	if (i < z && s[i] == '[')
		i++;
	for (d = i; i < z && i - d < 4 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == d || (i < z && s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (l = i; i < z && i - l < 6 && s[i] >= 'a' && s[i] <= 'z'; i++)
		;
	if (i >= z || s[i] != '.')
		return 0;
	if (i + 1 < z && s[i + 1] != ' ' && s[i + 1] != '\t' &&
	    s[i + 1] != '\r')
		return 0;
	*num = d;
	*numlen = i - d;
	return 1;
}

/* A plain-text heading: "Pillar I: ...", "**Pillar II**", "III. ..." */
static int
is_heading(const Reader *r, size_t a, size_t z)
{
	const char *s = r->s;
	size_t i = a, j;

	if (r->p->markdown) {
		for (j = 0; i < z && s[i] == '#' && j < 6; i++, j++)
			;
		if (j > 0)
			return i == z || s[i] == ' ';
		i = a;
	}
	while (i < z && (s[i] == ' ' || s[i] == '*' || s[i] == '_'))
		i++;
	if (z - i > 7 && strncasecmp(s + i, "pillar ", 7) == 0) {
		for (i += 7, j = i; i < z && strchr("IVXivx", s[i]); i++)
			;
		return i > j && (i == z || !isalpha((unsigned char)s[i]));
	}
	for (j = i; i < z && strchr("IVX", s[i]); i++)
		;
	return i > j && i - j <= 4 && i + 1 < z && s[i] == '.' &&
	    s[i + 1] == ' ';
}

static size_t
add_block(Plan *p, PlanBlockKind kind, size_t start, int line)
{
	PlanBlock *b;

	mem_grow(
	    (void **)&p->block, &p->capblock, p->nblock + 1, sizeof *p->block);
	b = &p->block[p->nblock];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->start = start;
	b->line = line;
	b->section = -1;
	b->bracket = -1;
	return p->nblock++;
}

/* Close block k at offset z: its end, and the end of its text. */
static void
end_block(Reader *r, size_t k, size_t z, size_t text_end)
{
	r->p->block[k].end = z;
	r->p->block[k].text_end = text_end;
}

/* Markdown front matter: "---" ... "---" at the very start; its title. */
static size_t
front_matter(Reader *r)
{
	const char *s = r->s, *e, *t;
	size_t i;

	if (r->n < 4 || memcmp(s, "---\n", 4) != 0)
		return 0;
	for (i = 4; i < r->n;) {
		e = memchr(s + i, '\n', r->n - i);
		size_t z = e ? (size_t)(e - s) : r->n;

		if ((z - i == 3 && memcmp(s + i, "---", 3) == 0) ||
		    (z - i == 3 && memcmp(s + i, "...", 3) == 0))
			return e ? z + 1 : z;
		if (z - i > 6 && memcmp(s + i, "title:", 6) == 0 &&
		    r->p->title_md == NULL) {
			for (t = s + i + 6; *t == ' ' && t < s + z; t++)
				;
			r->p->title_md = xstrndup(t, (size_t)(s + z - t));
		}
		i = z + 1;
	}
	return 0;
}

/* "[label]: ..." at a line start (up to three spaces): a link reference or
 * footnote definition.  Return the offset after ']', or 0. */
static size_t
definition(const char *s, size_t a, size_t z)
{
	size_t i = a, j;

	while (i < z && i - a < 3 && s[i] == ' ')
		i++;
	if (i >= z || s[i] != '[')
		return 0;
	for (j = i + 1; j < z && s[j] != ']' && s[j] != '['; j++)
		;
	if (j == i + 1 || j + 1 >= z || s[j] != ']' || s[j + 1] != ':')
		return 0;
	return j + 1;
}

static void
ref_put(Reader *r, const char *label, size_t n)
{
	Buf k = BUF_INIT;

	for (size_t i = 0; i < n; i++)
		buf_putc(&k, tolower((unsigned char)label[i]));
	strmap_put(&r->refs, buf_str(&k), 1);
	buf_free(&k);
}

static int
ref_known(const Reader *r, const char *label, size_t n)
{
	Buf k = BUF_INIT;
	int64_t v;
	int found;

	for (size_t i = 0; i < n; i++)
		buf_putc(&k, tolower((unsigned char)label[i]));
	found = strmap_get(&r->refs, buf_str(&k), &v);
	buf_free(&k);
	return found;
}

static void
pass_lines(Reader *r)
{
	Plan *p = r->p;
	const char *s = r->s, *e;
	size_t i, z, cur = (size_t)-1, text_end = 0, num, numlen;
	int prev_blank = 1, prev_heading = 0, ln = 0;

	i = p->markdown ? front_matter(r) : 0;
	if (i > 0) {
		cur = add_block(p, PLAN_FRONT, 0, 1);
		/* Line starts inside the front matter. */
		for (size_t k = 0; k < i;) {
			mem_grow((void **)&r->line, &r->capline, r->nline + 1,
			    sizeof *r->line);
			r->line[r->nline++] = k;
			e = memchr(s + k, '\n', i - k);
			k = e ? (size_t)(e - s) + 1 : i;
		}
		ln = (int)r->nline;
		text_end = i;
		end_block(r, cur, i, text_end);
		prev_blank = 1;
	}
	for (; i < r->n; i = z < r->n ? z + 1 : r->n) {
		e = memchr(s + i, '\n', r->n - i);
		z = e ? (size_t)(e - s) : r->n;
		mem_grow((void **)&r->line, &r->capline, r->nline + 1,
		    sizeof *r->line);
		r->line[r->nline++] = i;
		ln++;
		if (is_blank(s, i, z)) {
			prev_blank = 1;
			continue;
		}
		if (p->markdown) {
			size_t d = definition(s, i, z);

			if (d > 0)
				ref_put(r, s + i + 1 + (s[i] == ' '),
				    d - 1 - (i + 1 + (s[i] == ' ')));
		}
		int measure = is_measure(s, i, z, &num, &numlen);
		int heading = !measure && is_heading(r, i, z);

		if (prev_blank || measure || heading || prev_heading ||
		    cur == (size_t)-1) {
			if (cur != (size_t)-1)
				end_block(r, cur, i, text_end);
			cur = add_block(p,
			    measure       ? PLAN_MEASURE
				: heading ? PLAN_HEADING
					  : PLAN_PARAGRAPH,
			    cur == (size_t)-1 ? 0 : i, ln);
			if (measure) {
				p->block[cur].num = num;
				p->block[cur].numlen = numlen;
			}
		}
		text_end = z;
		prev_blank = 0;
		prev_heading = heading;
	}
	if (cur == (size_t)-1)
		cur = add_block(p, PLAN_PARAGRAPH, 0, 1);
	end_block(r, cur, r->n, text_end);
	if (r->nline == 0) {
		mem_grow((void **)&r->line, &r->capline, 1, sizeof *r->line);
		r->line[r->nline++] = 0;
	}
}

/* Is block b wrapped entirely in "**...**"? */
static int
is_bold(const Reader *r, const PlanBlock *b)
{
	const char *s = r->s;
	size_t a = b->start, z = b->text_end;

	while (a < z && (s[a] == ' ' || s[a] == '\n' || s[a] == '\r'))
		a++;
	while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\r'))
		z--;
	return z - a > 4 && memcmp(s + a, "**", 2) == 0 &&
	    memcmp(s + z - 2, "**", 2) == 0;
}

/* Does the heading block b say "Preamble"? */
static int
is_preamble_heading(const Reader *r, const PlanBlock *b)
{
	const char *s = r->s;
	size_t a = b->start;

	while (a < b->text_end && (s[a] == '#' || s[a] == ' ' || s[a] == '*'))
		a++;
	return b->text_end - a >= 8 && strncasecmp(s + a, "preamble", 8) == 0;
}

/* Title, front, preamble and sections, once the blocks are known. */
static void
classify(Reader *r)
{
	Plan *p = r->p;
	size_t first_struct = p->nblock, i;
	int section = -1, in_preamble = 0;

	for (i = 0; i < p->nblock; i++)
		if (p->block[i].kind == PLAN_HEADING ||
		    p->block[i].kind == PLAN_MEASURE) {
			first_struct = i;
			break;
		}
	p->title = -1;
	if (!p->markdown) {
		for (i = 0; i < first_struct; i++)
			if (is_bold(r, &p->block[i])) {
				p->title = (int)i;
				break;
			}
		if (p->title < 0 && first_struct > 0)
			p->title = 0;
		for (i = 0; i < first_struct; i++)
			p->block[i].kind = (int)i < p->title ? PLAN_FRONT
			    : (int)i == p->title             ? PLAN_TITLE
							     : PLAN_PREAMBLE;
	}
	for (i = 0; i < p->nblock; i++) {
		PlanBlock *b = &p->block[i];

		if (b->kind == PLAN_HEADING) {
			section = (int)i;
			in_preamble = p->markdown && is_preamble_heading(r, b);
			if (p->markdown && p->title < 0 && p->title_md == NULL)
				p->title = (int)i;
		} else if (b->kind == PLAN_PARAGRAPH && in_preamble) {
			b->kind = PLAN_PREAMBLE;
		}
		b->section = section;
	}
}

/* A paragraph after a word broken by a page break ("Counter-" / blank /
 * "Terrorism") continues the one before. */
static void
pass_hyphens(Reader *r)
{
	const Plan *p = r->p;
	const char *s = r->s;

	for (size_t i = 1; i < p->nblock; i++) {
		const PlanBlock *a = &p->block[i - 1], *b = &p->block[i];
		size_t z = a->text_end;

		if ((b->kind != PLAN_PARAGRAPH && b->kind != PLAN_PREAMBLE) ||
		    a->kind != b->kind || z < a->start + 2)
			continue;
		while (z > a->start && s[z - 1] == '\r')
			z--;
		if (s[z - 1] == '-' && isalpha((unsigned char)s[z - 2]))
			r->cont[i] = 1;
	}
}

/* --- pass 2: bracket tokens --------------------------------------------- */

static void
add_tok(Reader *r, size_t off)
{
	mem_grow((void **)&r->tok, &r->captok, r->ntok + 1, sizeof *r->tok);
	r->tok[r->ntok].off = off;
	r->ntok++;
}

/* Does a destination look like a URL rather than "(a)"? */
static int
url_like(const char *s, size_t a, size_t z)
{
	for (size_t i = a; i < z; i++)
		if (s[i] == ':' || s[i] == '/' || s[i] == '#' || s[i] == '.')
			return 1;
	return 0;
}

/*
 * In Markdown, the '[' at i starts a link, an image's text, a footnote
 * reference or a definition's label: return the offset after it, or 0 if
 * the '[' is a bracket.
 */
static size_t
md_link(const Reader *r, size_t i, size_t line_start)
{
	const char *s = r->s;
	size_t n = r->n, j, k;

	if (i == line_start ||
	    (i - line_start <= 3 && is_blank(s, line_start, i))) {
		size_t d = definition(s, line_start, n);

		if (d > 0 && d > i)
			return d + 1; /* the label and its ':' */
	}
	if (i + 1 < n && s[i + 1] == '^') {
		for (j = i + 2; j < n && s[j] != ']' && s[j] != '[' &&
		     s[j] != ' ' && s[j] != '\n';
		     j++)
			;
		if (j < n && s[j] == ']' && j > i + 2)
			return j + 1;
		return 0;
	}
	for (j = i + 1; j < n && s[j] != ']' && s[j] != '[' && s[j] != '\n';
	     j++)
		if (s[j] == '\\' && j + 1 < n)
			j++;
	if (j >= n || s[j] != ']' || j == i + 1)
		return 0;
	if (j + 1 < n && s[j + 1] == '(') {
		for (k = j + 2; k < n && s[k] != ')' && s[k] != ' ' &&
		     s[k] != '\n' && s[k] != '(' && s[k] != '[';
		     k++)
			;
		if (k < n && s[k] == ')' && url_like(s, j + 2, k))
			return k + 1;
		if (i > 0 && s[i - 1] == '!' && k < n && s[k] == ')')
			return k + 1;
		return 0;
	}
	if (j + 1 < n && s[j + 1] == '[') {
		for (k = j + 2;
		     k < n && s[k] != ']' && s[k] != '[' && s[k] != '\n'; k++)
			;
		if (k < n && s[k] == ']' &&
		    (k == j + 2 ? ref_known(r, s + i + 1, j - i - 1)
				: ref_known(r, s + j + 2, k - j - 2)))
			return k + 1;
		return 0;
	}
	if (ref_known(r, s + i + 1, j - i - 1))
		return j + 1;
	return 0;
}

static void
pass_tokens(Reader *r)
{
	const char *s = r->s;
	size_t n = r->n, i = 0, line_start = 0, skip;
	int md = r->p->markdown;

	if (md && r->p->nblock > 0 && r->p->block[0].kind == PLAN_FRONT)
		i = r->p->block[0].end;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c != '[' && c != ']' && c != '\n' && c != '\\') {
			const char *q = s + i;
			const char *z = s + n;

			while (q < z && *q != '[' && *q != ']' && *q != '\n' &&
			    *q != '\\')
				q++;
			i = (size_t)(q - s);
			continue;
		}
		if (c == '\n') {
			line_start = ++i;
			continue;
		}
		if (c == '\\') {
			i += md && i + 1 < n ? 2 : 1;
			continue;
		}
		if (c == '[' && md && (skip = md_link(r, i, line_start)) > 0) {
			/* Skip the link, but not past a line end it covers. */
			for (size_t k = i; k < skip; k++)
				if (s[k] == '\n')
					line_start = k + 1;
			i = skip;
			continue;
		}
		add_tok(r, i);
		i++;
	}
}

/* Balances, and the lowest balance to the end of each token's section. */
static void
pass_balance(Reader *r)
{
	const Plan *p = r->p;
	int32_t bal = 0;
	size_t t, b;

	for (t = 0; t < r->ntok; t++) {
		bal += TOK_OPENS(r, t) ? 1 : -1;
		r->tok[t].bal = bal;
	}
	/* Sweep backwards; reset the minimum at each heading's start. */
	b = p->nblock;
	int32_t low = INT32_MAX;
	for (t = r->ntok; t-- > 0;) {
		while (b > 0 && p->block[b - 1].start > r->tok[t].off) {
			b--;
			if (p->block[b].kind == PLAN_HEADING)
				low = INT32_MAX;
		}
		if (r->tok[t].bal < low)
			low = r->tok[t].bal;
		r->tok[t].low = low;
	}
}

/* --- pass 3: brackets ---------------------------------------------------- */

static int
line_of(const Reader *r, size_t off, size_t *hint)
{
	size_t l = *hint;

	while (l + 1 < r->nline && r->line[l + 1] <= off)
		l++;
	*hint = l;
	return (int)l + 1;
}

/* The column of off on its line, in characters; offsets asked for in
 * increasing order on a line cost one pass over it. */
static int
col_of(Reader *r, size_t off, size_t line)
{
	size_t i = r->line[line - 1];
	int col = 1;

	if (r->cline == line && r->coff <= off) {
		i = r->coff;
		col = r->ccol;
	}
	for (; i < off; i++)
		if (((unsigned char)r->s[i] & 0xc0) != 0x80)
			col++;
	r->cline = line;
	r->coff = off;
	r->ccol = col;
	return col;
}

/* A minus sign as drafts write it: '-', or U+2012..U+2014, U+2212. */
static size_t
minus_len(const char *s, size_t i, size_t n)
{
	if (s[i] == '-')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xe2) {
		unsigned char b = (unsigned char)s[i + 1];
		unsigned char c = (unsigned char)s[i + 2];

		if (b == 0x80 && c >= 0x92 && c <= 0x94)
			return 3;
		if (b == 0x88 && c == 0x92)
			return 3;
	}
	return 0;
}

static int
upper3(const char *s, size_t i, size_t n)
{
	return i + 3 <= n && isupper((unsigned char)s[i]) &&
	    isupper((unsigned char)s[i + 1]) &&
	    isupper((unsigned char)s[i + 2]) &&
	    (i + 3 == n || !isalpha((unsigned char)s[i + 3]));
}

/*
 * One group of tags at i: "(+IND)", "(-IND)", "(+IND, -TUR)", "(+IND TUR)"
 * (a sign carries over).  Return the offset after ')' and append the
 * tags, or return 0 and append nothing.
 */
static size_t
tag_group(Reader *r, size_t i, PlanBracket *br, size_t *hint)
{
	const char *s = r->s;
	size_t n = r->n, j = i + 1, m, first = r->p->ntag;
	char sign = 0;

	if (i >= n || s[i] != '(')
		return 0;
	for (;;) {
		while (j < n && s[j] == ' ')
			j++;
		if (j < n && s[j] == '+') {
			sign = '+';
			j++;
		} else if (j < n && (m = minus_len(s, j, n)) > 0) {
			sign = '-';
			j += m;
		}
		while (j < n && s[j] == ' ')
			j++;
		if (sign == 0 || !upper3(s, j, n))
			break;
		mem_grow((void **)&r->p->tag, &r->p->captag, r->p->ntag + 1,
		    sizeof *r->p->tag);
		PlanTag *t = &r->p->tag[r->p->ntag++];
		memcpy(t->code, s + j, 3);
		t->code[3] = '\0';
		t->sign = sign;
		t->line = line_of(r, j, hint);
		t->col = col_of(r, j, (size_t)t->line);
		t->known = r->known == NULL || r->known(r->ctx, t->code);
		j += 3;
		while (j < n && s[j] == ' ')
			j++;
		if (j < n && s[j] == ')') {
			for (size_t k = first; k < r->p->ntag; k++) {
				PlanTag *u = &r->p->tag[k];

				if (!u->known)
					continue;
				if (u->sign == '+')
					br->nadd++;
				else
					br->ndel++;
			}
			return j + 1;
		}
		if (j < n && (s[j] == ',' || s[j] == ';' || s[j] == '/'))
			j++;
	}
	r->p->ntag = first;
	return 0;
}

/* The tags after the ']' at close: groups separated by spaces or tabs. */
static size_t
tags_after(Reader *r, size_t close, PlanBracket *br, size_t *hint)
{
	const char *s = r->s;
	size_t i = close + 1, end = close + 1, g;

	br->tag0 = (int)r->p->ntag;
	for (;;) {
		while (i < r->n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if ((g = tag_group(r, i, br, hint)) == 0)
			break;
		end = i = g;
	}
	br->ntag = (int)r->p->ntag - br->tag0;
	for (int k = 0; k < br->ntag; k++) {
		PlanTag *t = &r->p->tag[br->tag0 + k];

		if (!t->known)
			diag(r->p, t->line, t->col,
			    TC("(%c%s): %s is not an ISO 3166-1 alpha-3 code "
			       "of the country list"),
			    t->sign, t->code, t->code);
	}
	return end;
}

/* Declare the brackets on the stack above depth keep unclosed at off. */
static void
recover(Reader *r, int *stack, int *depth, int keep, size_t off, size_t blk)
{
	Plan *p = r->p;
	Buf where = BUF_INIT;

	plan_block_label_in(p, blk, lang_current(), &where);
	while (*depth > keep) {
		PlanBracket *br = &p->br[stack[--*depth]];

		br->close = br->end = off;
		br->closed = 0;
		diag(p, br->line, br->col,
		    /* TRANSLATORS: %s says where, as "measure 12". */
		    TC("'[' is never closed; read as closed before line %d "
		       "(%s)"),
		    p->block[blk].line, buf_str(&where));
	}
	buf_free(&where);
}

static void
pass_brackets(Reader *r)
{
	Plan *p = r->p;
	int *stack = NULL;
	size_t capstack = 0, blk = 0, hint = 0, nexth = 0, t;
	int depth = 0;

	for (t = 0; t <= r->ntok; t++) {
		size_t off = t < r->ntok ? r->tok[t].off : r->n;

		/* The block boundaries before this token. */
		while (blk + 1 < p->nblock && p->block[blk + 1].start <= off) {
			blk++;
			PlanBlock *b = &p->block[blk];

			if (depth > 0 && b->kind != PLAN_MEASURE &&
			    b->kind != PLAN_HEADING)
				r->cont[blk] = 1; /* a bracket spans the gap */
			if (depth == 0 ||
			    (b->kind != PLAN_MEASURE &&
				b->kind != PLAN_HEADING))
				continue;
			long before = t > 0 ? r->tok[t - 1].bal : 0;
			long drop = 0;

			/* The window: from here to the next heading. */
			if (nexth <= blk)
				for (nexth = blk + 1; nexth < p->nblock &&
				     p->block[nexth].kind != PLAN_HEADING;
				     nexth++)
					;
			if (t < r->ntok &&
			    (nexth == p->nblock ||
				r->tok[t].off < p->block[nexth].start))
				drop = before - r->tok[t].low;
			if (drop < depth)
				recover(r, stack, &depth,
				    drop > 0 ? (int)drop : 0, b->start, blk);
		}
		if (t == r->ntok)
			break;
		if (TOK_OPENS(r, t)) {
			PlanBracket *br;

			mem_grow((void **)&p->br, &p->capbr, p->nbr + 1,
			    sizeof *p->br);
			br = &p->br[p->nbr];
			memset(br, 0, sizeof *br);
			br->open = off;
			br->line = line_of(r, off, &hint);
			br->col = col_of(r, off, (size_t)br->line);
			br->depth = depth + 1;
			br->parent = depth > 0 ? stack[depth - 1] : -1;
			br->block = (int)blk;
			br->tag0 = (int)p->ntag;
			mem_grow((void **)&stack, &capstack, (size_t)depth + 1,
			    sizeof *stack);
			stack[depth++] = (int)p->nbr++;
		} else if (depth == 0) {
			int line = line_of(r, off, &hint);

			diag(p, line, col_of(r, off, (size_t)line),
			    TC("']' closes no bracket; kept as text"));
			p->nstray++;
		} else {
			PlanBracket *br = &p->br[stack[--depth]];

			br->close = off;
			br->closed = 1;
			br->end = tags_after(r, off, br, &hint);
		}
	}
	while (depth > 0) {
		PlanBracket *br = &p->br[stack[--depth]];

		br->close = br->end = r->n;
		diag(p, br->line, br->col,
		    TC("'[' is never closed; read as closed at the end"));
	}
	free(stack);
}

/*
 * A paragraph that a bracket, or a word broken at a page break, carries
 * over a blank line belongs to the block before it.
 */
static void
merge_blocks(Reader *r)
{
	Plan *p = r->p;
	size_t *map = xcalloc(p->nblock + 1, sizeof *map), k = 0;

	for (size_t i = 0; i < p->nblock; i++) {
		if (i > 0 && r->cont[i]) {
			p->block[k - 1].end = p->block[i].end;
			p->block[k - 1].text_end = p->block[i].text_end;
			map[i] = k - 1;
			continue;
		}
		if (k != i)
			p->block[k] = p->block[i];
		map[i] = k++;
	}
	p->nblock = k;
	for (size_t i = 0; i < k; i++)
		if (p->block[i].section >= 0)
			p->block[i].section = (int)map[p->block[i].section];
	for (size_t i = 0; i < p->nbr; i++)
		p->br[i].block = (int)map[p->br[i].block];
	free(map);
}

/* Measures that a bracket wraps, and those it proposes to add. */
static void
mark_inserted(Plan *p)
{
	size_t i = 0;

	for (size_t b = 0; b < p->nblock; b++) {
		PlanBlock *bl = &p->block[b];
		size_t at, body;

		if (bl->kind != PLAN_MEASURE)
			continue;
		/* "[11a. ...] (+IND)", or "11a. [...] (+IND)" with the whole
		 * text of the measure in the bracket. */
		for (body = bl->num + bl->numlen + 1; body < bl->text_end &&
		     (p->text[body] == ' ' || p->text[body] == '\t');
		     body++)
			;
		at = bl->num > 0 && p->text[bl->num - 1] == '[' ? bl->num - 1
								: body;
		while (i < p->nbr && p->br[i].open < at)
			i++;
		if (i >= p->nbr || p->br[i].open != at)
			continue;
		if (at == body) {
			size_t z = bl->text_end;

			while (z > at &&
			    (p->text[z - 1] == ' ' || p->text[z - 1] == '\r' ||
				p->text[z - 1] == '.'))
				z--;
			if (!p->br[i].closed || p->br[i].end < z)
				continue;
		}
		bl->bracket = (int)i;
		bl->inserted = p->br[i].closed && p->br[i].nadd > 0;
	}
}

void
plan_read(Plan *p, const char *text, size_t len, int flags, PlanKnownFn known,
    void *ctx)
{
	Reader r;

	memset(p, 0, sizeof *p);
	p->text = text;
	p->len = len;
	p->markdown = (flags & PLAN_MARKDOWN) != 0;
	p->title = -1;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.s = text;
	r.n = len;
	r.known = known;
	r.ctx = ctx;
	pass_lines(&r);
	classify(&r);
	pass_tokens(&r);
	pass_balance(&r);
	r.cont = xcalloc(p->nblock + 1, 1);
	pass_hyphens(&r);
	pass_brackets(&r);
	merge_blocks(&r);
	mark_inserted(p);
	free(r.cont);
	free(r.line);
	free(r.tok);
	strmap_free(&r.refs);
}

void
plan_free(Plan *p)
{
	for (size_t i = 0; i < p->ndiag; i++)
		free(p->diag[i].msg);
	free(p->diag);
	free(p->block);
	free(p->br);
	free(p->tag);
	free(p->title_md);
	memset(p, 0, sizeof *p);
}

void
plan_stats(const Plan *p, PlanStats *st)
{
	memset(st, 0, sizeof *st);
	st->brackets = (long)p->nbr;
	for (size_t i = 0; i < p->nbr; i++) {
		const PlanBracket *b = &p->br[i];

		st->unclosed += !b->closed;
		st->nested += b->depth > 1;
		st->unsponsored += b->closed && b->ntag == 0;
	}
	for (size_t i = 0; i < p->nblock; i++) {
		st->measures += p->block[i].kind == PLAN_MEASURE;
		st->inserted_measures += p->block[i].inserted;
	}
	for (size_t i = 0; i < p->ntag; i++)
		st->unknown_tags += !p->tag[i].known;
	st->stray_closers = (long)p->nstray;
}
