/*
 * annex_cell.c - taking the cells of a matrix row apart (see annex.h).
 *
 * The title cell carries three things run together: the title, the period
 * in parentheses, and the implementing entities, lead first, in <b> tags
 * or in plain text:
 *
 *   Pilot Project ... Sahel-Maghreb (Jul. 2015–Jun. 2019) <b>UNICRI</b>
 *   ... World Heritage Adventures".) <b>(Annual event)</b> <b>UNESCO</b>
 *   ... in Rakitje, Croatia (Sep. 2017) UNODA, <b>1540 Committee</b>
 *   #SpreadNoHate Initiative UNAOC
 *   ... Council resolution <a href="#">2178 (2017)</a> <b>UNCCT, CTED</b>
 *
 * The cell is first cut into segments of plain, bold and link text.
 * Entities are the trailing run of bold segments, extended backwards over
 * plain names that end in a comma; failing bold, a trailing list of known
 * organisation names.  The period is the last parenthesised group that
 * reads as a period, unless it sits in a link or follows a resolution
 * number ("1540 (2004)"): those are part of the title.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../store/model.h"
#include "annex.h"

typedef struct Seg {
	Buf text; /* decoded text */
	int bold; /* inside <b>, <strong> or ** */
	int link; /* inside <a> */
} Seg;

typedef struct Segs {
	Seg *seg;
	size_t n, cap;
} Segs;

/* Decode one character reference at s ("&amp;"); return bytes used. */
static size_t
decode_ref(const char *s, Buf *out)
{
	static const struct {
		const char *name;
		const char *text;
	} refs[] = { { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
		{ "&quot;", "\"" }, { "&apos;", "'" }, { "&nbsp;", " " },
		{ "&ndash;", "\xe2\x80\x93" }, { "&mdash;", "\xe2\x80\x94" },
		{ "&rsquo;", "\xe2\x80\x99" }, { "&lsquo;", "\xe2\x80\x98" },
		{ "&ldquo;", "\xe2\x80\x9c" }, { "&rdquo;", "\xe2\x80\x9d" } };
	unsigned long cp;
	char *end;

	for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		size_t n = strlen(refs[i].name);

		if (strncmp(s, refs[i].name, n) == 0) {
			buf_puts(out, refs[i].text);
			return n;
		}
	}
	if (s[1] == '#') {
		if (s[2] == 'x' || s[2] == 'X')
			cp = strtoul(s + 3, &end, 16);
		else
			cp = strtoul(s + 2, &end, 10);
		if (*end == ';' && end > s + 2 && cp > 0 && cp <= 0x10ffff &&
		    !(cp >= 0xd800 && cp <= 0xdfff)) {
			char u[4];

			buf_append(
			    out, u, (size_t)utf8_encode((uint32_t)cp, u));
			return (size_t)(end - s) + 1;
		}
	}
	buf_putc(out, '&');
	return 1;
}

static Seg *
segs_add(Segs *ss, int bold, int link)
{
	Seg *g;

	if (ss->n > 0 && ss->seg[ss->n - 1].bold == bold &&
	    ss->seg[ss->n - 1].link == link)
		return &ss->seg[ss->n - 1];
	mem_grow((void **)&ss->seg, &ss->cap, ss->n + 1, sizeof(Seg));
	g = &ss->seg[ss->n++];
	memset(g, 0, sizeof(*g));
	g->bold = bold;
	g->link = link;
	return g;
}

static void
segs_free(Segs *ss)
{
	for (size_t i = 0; i < ss->n; i++)
		buf_free(&ss->seg[i].text);
	free(ss->seg);
	memset(ss, 0, sizeof(*ss));
}

/* Is s at a tag named name (case-insensitive), opening or closing? */
static int
tag_is(const char *s, const char *name, int *closing)
{
	size_t n = strlen(name);

	*closing = s[1] == '/';
	s += 1 + *closing;
	return strncasecmp(s, name, n) == 0 &&
	    (s[n] == '>' || s[n] == ' ' || s[n] == '/' || s[n] == '\t');
}

/* Cut cell into segments; markup becomes state, not text. */
static void
segs_cut(const char *cell, Segs *ss)
{
	int bold = 0, link = 0, closing;

	for (const char *s = cell; *s;) {
		if (*s == '<' && strchr(s, '>') != NULL &&
		    (isalpha((unsigned char)s[1]) || s[1] == '/')) {
			const char *gt = strchr(s, '>');

			if (tag_is(s, "b", &closing) ||
			    tag_is(s, "strong", &closing))
				bold = !closing;
			else if (tag_is(s, "a", &closing))
				link = !closing;
			else if (tag_is(s, "br", &closing) ||
			    tag_is(s, "p", &closing))
				buf_putc(&segs_add(ss, bold, link)->text, ' ');
			s = gt + 1;
			continue;
		}
		if (s[0] == '*' && s[1] == '*') {
			bold = !bold;
			s += 2;
			continue;
		}
		if (*s == '&') {
			s += decode_ref(s, &segs_add(ss, bold, link)->text);
			continue;
		}
		{
			/* A run of ordinary characters goes in at once. */
			size_t n = strcspn(s, "<*&\t\n\r");

			if (n == 0) {
				buf_putc(&segs_add(ss, bold, link)->text,
				    *s == '*' ? '*' : ' ');
				n = 1;
			} else {
				buf_append(
				    &segs_add(ss, bold, link)->text, s, n);
			}
			s += n;
		}
	}
}

/*
 * Collapse runs of whitespace in b to one space and trim.  ASCII's
 * whitespace, as isspace() has it in the C and UTF-8 locales, but
 * without a call a byte.
 */
static void
squeeze(Buf *b)
{
	size_t j = 0;
	int space = 0;

	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->s[i];

		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			space = 1;
			continue;
		}
		/* U+00A0 no-break space */
		if (c == 0xc2 && i + 1 < b->len &&
		    (unsigned char)b->s[i + 1] == 0xa0) {
			i++;
			space = 1;
			continue;
		}
		/* "2178 (2014) , 2349": no space before a comma. */
		if (space && j > 0 && c != ',' && c != ';')
			b->s[j++] = ' ';
		space = 0;
		b->s[j++] = (char)c;
	}
	if (b->s)
		b->s[j] = '\0';
	b->len = j;
}

void
annex_plain(const char *cell, Buf *out)
{
	Segs ss = { NULL, 0, 0 };
	Buf t = BUF_INIT;

	segs_cut(cell, &ss);
	for (size_t i = 0; i < ss.n; i++)
		buf_append(&t, buf_str(&ss.seg[i].text), ss.seg[i].text.len);
	squeeze(&t);
	buf_append(out, buf_str(&t), t.len);
	buf_free(&t);
	segs_free(&ss);
}

/* Whether s holds only whitespace, commas, semicolons, "and" or "&". */
static int
is_sep_only(const char *s)
{
	while (*s) {
		if (isspace((unsigned char)*s) || *s == ',' || *s == ';' ||
		    *s == '&') {
			s++;
		} else if (strncasecmp(s, "and", 3) == 0 &&
		    !isalnum((unsigned char)s[3])) {
			s += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

static void
list_add(char ***list, size_t *n, const char *s, size_t len, int front)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(char *));
	if (front) {
		memmove(*list + 1, *list, *n * sizeof(char *));
		(*list)[0] = xstrndup(s, len);
	} else {
		(*list)[*n] = xstrndup(s, len);
	}
	(*n)++;
}

static void
list_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Trim spaces and the given trailing characters from b's end. */
static void
trim_end(Buf *b, const char *chars)
{
	while (b->len > 0 &&
	    (isspace((unsigned char)b->s[b->len - 1]) ||
		strchr(chars, b->s[b->len - 1]) != NULL))
		b->len--;
	if (b->s)
		b->s[b->len] = '\0';
}

/*
 * Split s at commas and semicolons outside parentheses; call fn on each
 * trimmed piece with a leading "and " or "& " removed.
 */
static void
split_list(const char *s, void (*fn)(void *, const char *), void *ctx)
{
	Buf piece = BUF_INIT;
	int depth = 0;

	for (const char *p = s;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		if (*p == '\0' || ((*p == ',' || *p == ';') && depth == 0)) {
			const char *q;

			buf_trim(&piece);
			q = buf_str(&piece);
			if (strncasecmp(q, "and ", 4) == 0)
				q += 4;
			else if (strncmp(q, "& ", 2) == 0)
				q += 2;
			while (*q == ' ')
				q++;
			if (*q)
				fn(ctx, q);
			buf_reset(&piece);
			if (*p == '\0')
				break;
			continue;
		}
		buf_putc(&piece, *p);
	}
	buf_free(&piece);
}

typedef struct EntitySplit {
	AnnexIsEntity is_entity;
	void *ctx;
	char ***list;
	size_t *n;
} EntitySplit;

/* One piece of an entity list: whole, or split at " and " if all known. */
static void
entity_piece(void *arg, const char *piece)
{
	EntitySplit *es = arg;
	Buf b = BUF_INIT;
	const char *conj;

	buf_puts(&b, piece);
	trim_end(&b, ".");
	if (b.len == 0)
		goto out;
	if ((conj = strstr(buf_str(&b), " and ")) == NULL)
		conj = strstr(buf_str(&b), " & ");
	if (conj != NULL && !es->is_entity(es->ctx, buf_str(&b))) {
		Buf left = BUF_INIT;
		const char *right = conj + (conj[1] == '&' ? 3 : 5);

		buf_append(&left, b.s, (size_t)(conj - b.s));
		if (es->is_entity(es->ctx, buf_str(&left)) &&
		    es->is_entity(es->ctx, right)) {
			list_add(es->list, es->n, left.s, left.len, 0);
			list_add(es->list, es->n, right, strlen(right), 0);
			buf_free(&left);
			goto out;
		}
		buf_free(&left);
	}
	list_add(es->list, es->n, b.s, b.len, 0);
out:
	buf_free(&b);
}

/* An organisation name that cannot be an English phrase: "UNODC", "UN WOMEN". */
static int
acronym_like(const char *s)
{
	int upper = 0;

	for (; *s; s++) {
		if (isupper((unsigned char)*s))
			upper++;
		else if (islower((unsigned char)*s))
			return 0;
	}
	return upper >= 2;
}

static int
is_function_word(const char *w, size_t n)
{
	static const char *const words[] = { "of", "the", "for", "and", "by",
		"to", "with", "on", "from", "among", "at", "in", "a", "an",
		"between", "into", "through", "against", "via", "de", "des",
		"du", "la", "le", "les", "et" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(w, words[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Whether the text before offset start ends with ")": after the period
 * group, what follows is the entity list ("(2019) UN Women").
 */
static int
after_paren(const Buf *head, size_t start)
{
	while (start > 0 && isspace((unsigned char)head->s[start - 1]))
		start--;
	return start > 0 && head->s[start - 1] == ')';
}

size_t
annex_role_marker(const char *name, size_t len, int *lead)
{
	static const struct {
		const char *text;
		int lead;
	} marks[] = { { "(lead)", 1 }, { "(lead agency)", 1 },
		{ "(lead entity)", 1 }, { "(lead organization)", 1 },
		{ "(lead organisation)", 1 }, { "(co-lead)", 0 },
		{ "(co-leads)", 0 }, { "(co-lead agency)", 0 } };

	while (len > 0 && isspace((unsigned char)name[len - 1]))
		len--;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t n = strlen(marks[i].text), at;

		if (len < n || strncasecmp(name + len - n, marks[i].text, n))
			continue;
		at = len - n;
		while (at > 0 && isspace((unsigned char)name[at - 1]))
			at--;
		if (lead != NULL)
			*lead = marks[i].lead;
		return at;
	}
	return len;
}

/*
 * A list is followed back at most LIST_DEPTH names, over at most
 * LIST_WINDOW bytes of the title before each: a name is at most twelve
 * words, and a list of more is no list of entities.
 */
#define LIST_DEPTH  8
#define LIST_WINDOW 512

static long entity_suffix(
    const Buf *head, int strict, int depth, AnnexIsEntity is_entity, void *ctx);

/* The word of head that ends at e (after spaces): its start in *ws. */
static size_t
word_before(const Buf *head, size_t e, size_t *ws)
{
	size_t s;

	while (e > 0 && isspace((unsigned char)head->s[e - 1]))
		e--;
	s = e;
	while (s > 0 && !isspace((unsigned char)head->s[s - 1]))
		s--;
	*ws = s;
	return e - s;
}

/*
 * Whether the name at start ends a list of names that began with one the
 * strict reading takes: "(2018) OHCHR and UNODC", "UNODA, 1540
 * Committee", "IAEA, INTERPOL and UNICRI", "UNODC & UNDP".
 */
static int
list_before(const Buf *head, size_t start, int depth, AnnexIsEntity is_entity,
    void *ctx)
{
	Buf prefix = BUF_INIT;
	size_t e = start, ws, n, from;
	int ok;

	if (depth >= LIST_DEPTH)
		return 0;
	while (e > 0 && isspace((unsigned char)head->s[e - 1]))
		e--;
	if (e > 0 && head->s[e - 1] == ',') {
		e--;
	} else {
		n = word_before(head, e, &ws);
		if (!((n == 3 && strncasecmp(head->s + ws, "and", 3) == 0) ||
			(n == 1 && head->s[ws] == '&')))
			return 0;
		e = ws;
	}
	/* The window starts at a space, so that no name is cut at its start. */
	from = e > LIST_WINDOW ? e - LIST_WINDOW : 0;
	while (from > 0 && from < e && head->s[from] != ' ')
		from++;
	buf_append(&prefix, head->s + from, e - from);
	trim_end(&prefix, "");
	ok = prefix.len > 0 &&
	    entity_suffix(&prefix, 1, depth + 1, is_entity, ctx) >= 0;
	buf_free(&prefix);
	return ok;
}

/*
 * Whether the strict reading takes the name cand at start of head: an
 * acronym, or any name right after the period's ")", that no function
 * word precedes ("training of UNODC staff" names no entity); or the last
 * of a list whose first it takes.
 */
static int
strict_ok(const Buf *head, size_t start, const char *cand, int depth,
    AnnexIsEntity is_entity, void *ctx)
{
	size_t ws, n = word_before(head, start, &ws);

	if ((acronym_like(cand) || after_paren(head, start)) &&
	    !(n > 0 && is_function_word(head->s + ws, n)))
		return 1;
	return list_before(head, start, depth, is_entity, ctx);
}

/*
 * Find a known organisation name at the end of head (at most twelve words
 * long, the longest that is known, a role marker such as "(lead)" after
 * it allowed); return its start offset, or -1.  strict asks for a name
 * that cannot be a phrase of the title (strict_ok).
 */
static long
entity_suffix(
    const Buf *head, int strict, int depth, AnnexIsEntity is_entity, void *ctx)
{
	long best = -1;
	size_t end = head->len, words = 0;
	Buf cand = BUF_INIT;

	for (size_t i = end; i > 0 && words < 12; i--) {
		size_t start = i - 1;

		if (start > 0 && !isspace((unsigned char)head->s[start - 1]))
			continue;
		words++;
		buf_reset(&cand);
		buf_append(&cand, head->s + start, end - start);
		trim_end(&cand, ",.");
		buf_truncate(&cand, annex_role_marker(cand.s, cand.len, NULL));
		/*
		 * A name in plain text never spans a parenthesis: that is a
		 * period or an aside of the title ("in Pakistan (2016) GCTF").
		 */
		if (strpbrk(buf_str(&cand), "()") != NULL)
			break;
		if (cand.len == 0 || !is_entity(ctx, buf_str(&cand)))
			continue;
		if (strict &&
		    !strict_ok(
			head, start, buf_str(&cand), depth, is_entity, ctx))
			continue;
		best = (long)start;
	}
	buf_free(&cand);
	return best > 0 ? best : -1;
}

/*
 * Take plain organisation names off the end of head, lead first, into the
 * front of the entity list.  relaxed: the list continues a bold run (the
 * head ends with a comma), so any known name counts.
 */
static void
plain_entities(
    Buf *head, int relaxed, AnnexIsEntity is_entity, void *ctx, AnnexTitle *t)
{
	char **found = NULL;
	size_t nfound = 0;

	for (;;) {
		long start;

		trim_end(head, relaxed || nfound ? "," : "");
		start = entity_suffix(
		    head, !relaxed && nfound == 0, 0, is_entity, ctx);
		if (start < 0)
			break;
		{
			Buf name = BUF_INIT;

			buf_append(
			    &name, head->s + start, head->len - (size_t)start);
			trim_end(&name, ",.");
			list_add(&found, &nfound, name.s, name.len, 1);
			buf_free(&name);
		}
		buf_truncate(head, (size_t)start);
		trim_end(head, "");
		if (head->len > 0 && head->s[head->len - 1] == ',') {
			relaxed = 1;
			continue;
		}
		if (head->len > 4 &&
		    strcasecmp(head->s + head->len - 4, " and") == 0) {
			buf_truncate(head, head->len - 4);
			relaxed = 1;
			continue;
		}
		if (head->len > 2 &&
		    strcmp(head->s + head->len - 2, " &") == 0) {
			buf_truncate(head, head->len - 2);
			relaxed = 1;
			continue;
		}
		break;
	}
	for (size_t i = nfound; i > 0; i--)
		list_add(&t->entity, &t->nentity, found[i - 1],
		    strlen(found[i - 1]), 1);
	if (nfound)
		t->plain_entities = 1;
	list_free(found, nfound);
}

/* Whether s ends with a number of three or more digits ("1540", "2178"). */
static int
ends_with_number(const char *s, size_t len)
{
	size_t d = 0;

	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	while (len > 0 && isdigit((unsigned char)s[len - 1])) {
		len--;
		d++;
	}
	return d >= 3;
}

static int
is_bare_year(const char *s, size_t n)
{
	return n == 4 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    isdigit((unsigned char)s[3]);
}

/* Merge a period found further left (q) into t's (found first). */
static void
period_merge(AnnexTitle *t, const Period *q, const char *text)
{
	Buf m = BUF_INIT;

	if (!t->has_period) {
		t->period = *q;
		t->has_period = 1;
		buf_set(&t->period_text, text);
		return;
	}
	if (t->period.start[0] == '\0' && q->start[0] != '\0') {
		int annual = t->period.annual;

		t->period = *q;
		t->period.annual |= annual;
	} else {
		t->period.annual |= q->annual;
	}
	buf_printf(&m, "%s. %s", text, buf_str(&t->period_text));
	buf_set(&t->period_text, buf_str(&m));
	buf_free(&m);
}

/*
 * Take the period off the end of head: up to two parenthesised groups,
 * "(Annual event) (2016)".  flags marks bytes of head inside a link.
 */
static void
period_take(
    Buf *head, const Buf *flags, AnnexTitle *t, AnnexNotes *notes, size_t line)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		size_t close, open;
		int depth = 0;
		Buf inner = BUF_INIT;
		Period p;
		int ok;

		trim_end(head, "");
		if (head->len == 0 || head->s[head->len - 1] != ')')
			return;
		close = head->len - 1;
		for (open = close + 1; open > 0; open--) {
			char c = head->s[open - 1];

			if (c == ')')
				depth++;
			else if (c == '(' && --depth == 0)
				break;
		}
		if (open == 0)
			return;
		open--;
		if (flags->s[open])
			return; /* "resolution <a>2178 (2014)</a>" */
		buf_append(&inner, head->s + open + 1, close - open - 1);
		buf_trim(&inner);
		if (is_bare_year(inner.s, inner.len) &&
		    ends_with_number(head->s, open)) {
			buf_free(&inner);
			return; /* "resolution 1540 (2004)" */
		}
		ok = period_parse(buf_str(&inner), &p);
		if (!ok) {
			if (attempt == 0 && period_looks_dated(buf_str(&inner)))
				annex_note(notes, line, "period-unparsed",
				    "period \"(%s)\" could not be read; it was "
				    "left in the title",
				    buf_str(&inner));
			buf_free(&inner);
			return;
		}
		period_merge(t, &p, buf_str(&inner));
		buf_free(&inner);
		buf_truncate(head, open);
	}
}

/* Remove trailing separators a title is left with: , : ; - – — */
static void
trim_separators(Buf *b)
{
	static const char *const seps[] = { ",", ":", ";", "-", "\xe2\x80\x93",
		"\xe2\x80\x94" };

	for (int changed = 1; changed;) {
		changed = 0;
		trim_end(b, "");
		for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
			size_t n = strlen(seps[i]);

			if (b->len >= n &&
			    memcmp(b->s + b->len - n, seps[i], n) == 0) {
				buf_truncate(b, b->len - n);
				changed = 1;
			}
		}
	}
}

void
annex_title_parse(const char *cell, AnnexIsEntity is_entity, void *ctx,
    AnnexTitle *t, AnnexNotes *notes, size_t line)
{
	Segs ss = { NULL, 0, 0 };
	Buf head = BUF_INIT, flags = BUF_INIT, ents = BUF_INIT;
	size_t k, i;
	int has_run = 0, head_blank = 1;
	EntitySplit es = { is_entity, ctx, &t->entity, &t->nentity };

	memset(t, 0, sizeof(*t));
	segs_cut(cell, &ss);
	/* The trailing run of bold segments, with separators between. */
	for (k = ss.n; k > 0; k--) {
		Seg *g = &ss.seg[k - 1];

		if (g->bold && !is_sep_only(buf_str(&g->text)))
			has_run = 1;
		else if (!is_sep_only(buf_str(&g->text)))
			break;
	}
	for (i = 0; i < k; i++)
		if (!is_sep_only(buf_str(&ss.seg[i].text)))
			head_blank = 0;
	if (!has_run || head_blank) {
		/* No bold, or bold is all there is: read it all as plain. */
		has_run = 0;
		k = ss.n;
	}
	for (i = 0; i < k; i++) {
		const Seg *g = &ss.seg[i];

		buf_append(&head, buf_str(&g->text), g->text.len);
		for (size_t j = 0; j < g->text.len; j++)
			buf_putc(&flags, g->link ? 1 : 0);
	}
	for (i = k; i < ss.n; i++) {
		Buf seg = BUF_INIT;
		Period p;

		buf_puts(&seg, buf_str(&ss.seg[i].text));
		squeeze(&seg);
		if (!ss.seg[i].bold || is_sep_only(buf_str(&seg))) {
			buf_free(&seg);
			continue;
		}
		if (seg.s[0] == '(' && seg.s[seg.len - 1] == ')') {
			Buf inner = BUF_INIT;

			buf_append(&inner, seg.s + 1, seg.len - 2);
			if (period_parse(buf_str(&inner), &p)) {
				period_merge(t, &p, buf_str(&inner));
				buf_free(&inner);
				buf_free(&seg);
				continue;
			}
			buf_free(&inner);
		}
		if (ents.len)
			buf_puts(&ents, ", ");
		buf_append(&ents, seg.s, seg.len);
		buf_free(&seg);
	}
	if (ents.len)
		split_list(buf_str(&ents), entity_piece, &es);
	trim_end(&head, "");
	if (has_run && head.len > 0 && head.s[head.len - 1] == ',')
		plain_entities(&head, 1, is_entity, ctx, t);
	else if (!has_run)
		plain_entities(&head, 0, is_entity, ctx, t);
	period_take(&head, &flags, t, notes, line);
	squeeze(&head);
	trim_separators(&head);
	buf_set(&t->title, buf_str(&head));
	buf_free(&head);
	buf_free(&flags);
	buf_free(&ents);
	segs_free(&ss);
}

void
annex_title_free(AnnexTitle *t)
{
	buf_free(&t->title);
	buf_free(&t->period_text);
	list_free(t->entity, t->nentity);
	memset(t, 0, sizeof(*t));
}

/* Scope keywords and what they mean. */
static int
scope_word(const char *s, size_t n)
{
	static const struct {
		const char *word;
		int scope;
	} words[] = { { "global", SCOPE_GLOBAL }, { "worldwide", SCOPE_GLOBAL },
		{ "world-wide", SCOPE_GLOBAL }, { "regional", SCOPE_REGIONAL },
		{ "sub-regional", SCOPE_REGIONAL },
		{ "subregional", SCOPE_REGIONAL },
		{ "inter-regional", SCOPE_REGIONAL },
		{ "interregional", SCOPE_REGIONAL },
		{ "cross-regional", SCOPE_REGIONAL },
		{ "multi-country", SCOPE_REGIONAL },
		{ "multi-national", SCOPE_REGIONAL },
		{ "multiple countries", SCOPE_REGIONAL },
		{ "several countries", SCOPE_REGIONAL },
		{ "various countries", SCOPE_REGIONAL },
		{ "national", SCOPE_NATIONAL },
		{ "country-level", SCOPE_NATIONAL } };

	while (n > 0 && (isspace((unsigned char)s[n - 1]) || s[n - 1] == '.'))
		n--;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n &&
		    strncasecmp(s, words[i].word, n) == 0)
			return words[i].scope;
	return 0;
}

static void
scope_piece(void *arg, const char *piece)
{
	AnnexScope *sc = arg;
	const char *paren = strchr(piece, '('), *colon = strchr(piece, ':');
	const char *conj = strstr(piece, " and ");
	size_t len = strlen(piece);
	int w;

	if ((w = scope_word(piece, len)) != 0) {
		sc->scopes |= w;
		return;
	}
	/* "Regional (Arab States)", "Regional: Sahel" */
	if (paren && piece[len - 1] == ')' &&
	    (w = scope_word(piece, (size_t)(paren - piece))) != 0) {
		Buf inner = BUF_INIT;

		sc->scopes |= w;
		buf_append(
		    &inner, paren + 1, len - (size_t)(paren - piece) - 2);
		split_list(buf_str(&inner), scope_piece, sc);
		buf_free(&inner);
		return;
	}
	if (colon && (w = scope_word(piece, (size_t)(colon - piece))) != 0) {
		sc->scopes |= w;
		split_list(colon + 1, scope_piece, sc);
		return;
	}
	/* "Global and regional" */
	if (conj && (w = scope_word(piece, (size_t)(conj - piece))) != 0 &&
	    scope_word(conj + 5, strlen(conj + 5)) != 0) {
		sc->scopes |= w | scope_word(conj + 5, strlen(conj + 5));
		return;
	}
	list_add(&sc->name, &sc->nname, piece, len, 0);
}

void
annex_scope_parse(const char *cell, AnnexScope *sc)
{
	Buf text = BUF_INIT;

	memset(sc, 0, sizeof(*sc));
	annex_plain(cell, &text);
	trim_end(&text, ".");
	split_list(buf_str(&text), scope_piece, sc);
	/* Names keep a trailing full stop off: "Uzbekistan." */
	for (size_t i = 0; i < sc->nname; i++) {
		size_t n = strlen(sc->name[i]);

		while (n > 0 && sc->name[i][n - 1] == '.')
			sc->name[i][--n] = '\0';
	}
	buf_free(&text);
}

void
annex_scope_free(AnnexScope *sc)
{
	list_free(sc->name, sc->nname);
	memset(sc, 0, sizeof(*sc));
}
