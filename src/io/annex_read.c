/*
 * annex_read.c - the line reader of the published matrix (see annex.h).
 *
 * One line at a time: headings and declared counts become events at once;
 * a row with a serial is held until the next row, heading or the end, so
 * that the continuation lines a page break leaves (a row whose serial
 * cell is empty) can be joined to it cell by cell.  Repeated header rows
 * are skipped wherever they fall, blank lines too; any other text inside a
 * table is reported as stray and otherwise ignored.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../portfolio/vocab.h"
#include "../text/lang.h"
#include "annex.h"

void
annex_note(AnnexNotes *ns, size_t line, const char *kind, const char *fmt, ...)
{
	Buf m = BUF_INIT;
	va_list ap;
	AnnexNote *n;

	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	mem_grow((void **)&ns->note, &ns->cap, ns->n + 1, sizeof(*n));
	n = &ns->note[ns->n++];
	n->line = line;
	n->kind = xstrdup(kind);
	n->message = buf_detach(&m);
}

void
annex_notes_free(AnnexNotes *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		free(ns->note[i].kind);
		free(ns->note[i].message);
	}
	free(ns->note);
	memset(ns, 0, sizeof(*ns));
}

static void
row_reset(AnnexRow *row)
{
	for (int i = 0; i < ANNEX_CELLS; i++)
		buf_reset(&row->cell[i]);
	annex_notes_free(&row->notes);
	row->line = row->last_line = 0;
	row->joined = 0;
	row->serial = -1;
}

static void
row_free(AnnexRow *row)
{
	for (int i = 0; i < ANNEX_CELLS; i++)
		buf_free(&row->cell[i]);
	annex_notes_free(&row->notes);
}

void
annex_reader_init(AnnexReader *r, FILE *fp, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->fp = fp;
	r->name = name;
	r->row.serial = r->out.serial = -1;
}

void
annex_reader_free(AnnexReader *r)
{
	free(r->buf);
	row_free(&r->row);
	row_free(&r->out);
	annex_notes_free(&r->notes);
}

/* Skip spaces, '#' and '*' of markdown heading and emphasis markup. */
static const char *
skip_markup(const char *s)
{
	while (*s == '#' || *s == '*' || *s == ' ' || *s == '_')
		s++;
	return s;
}

/*
 * "#### Pillar II of the UN ..." or a line that starts "Pillar II" and is
 * not a sentence: return the pillar key, else NULL.
 */
static const char *
pillar_heading(const char *line)
{
	const char *s = skip_markup(line);
	char word[8];
	size_t n = 0;

	if (strncasecmp(s, "pillar", 6) != 0 || !isspace((unsigned char)s[6]))
		return NULL;
	if (line[0] != '#' && strchr(line, '\t') != NULL)
		return NULL;
	s += 6;
	while (*s == ' ')
		s++;
	while (n < sizeof(word) - 1 && isalnum((unsigned char)s[n])) {
		word[n] = s[n];
		n++;
	}
	word[n] = '\0';
	if (isalnum((unsigned char)s[n]))
		return NULL;
	/* A sentence ("Pillar I projects grew ...") is not a heading. */
	if (line[0] != '#' && s[n] != '\0' && strncasecmp(s + n, " of ", 4) &&
	    s[n] != ':' && strncmp(s + n, " \xe2\x80\x94", 4) &&
	    strncmp(s + n, " -", 2) && s[n] != '*')
		return NULL;
	return vocab_pillar(word);
}

/*
 * The declared count of a table, as reports write it: "120 projects",
 * "#### 55 projects", "**17 projects**", "(30 projects)", "45
 * projects/activities", "12 projects and activities", "Total: 8
 * projects."; the count, or -1.  Nothing else may share the line.
 */
static long
declared_count(const char *line)
{
	static const char *const tails[] = { "/activities", " and activities",
		" and/or activities", " or activities" };
	const char *s = skip_markup(line), *end;
	char *num_end;
	int paren = 0;
	long n;

	if (strncasecmp(s, "total", 5) == 0) {
		s += 5;
		while (*s == ':' || *s == ' ')
			s++;
		if (strncasecmp(s, "of ", 3) == 0)
			s += 3;
	}
	if (*s == '(') {
		paren = 1;
		s++;
	}
	if (!isdigit((unsigned char)*s))
		return -1;
	n = strtol(s, &num_end, 10);
	end = num_end;
	while (*end == ' ')
		end++;
	if (strncasecmp(end, "projects", 8) == 0)
		end += 8;
	else if (strncasecmp(end, "project", 7) == 0)
		end += 7;
	else if (strncasecmp(end, "activities", 10) == 0)
		end += 10;
	else
		return -1;
	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if (strncasecmp(end, tails[i], strlen(tails[i])) == 0) {
			end += strlen(tails[i]);
			break;
		}
	if (paren) {
		if (*end != ')')
			return -1;
		end++;
	}
	if (*end == '.')
		end++;
	end = skip_markup(end);
	return *end == '\0' ? n : -1;
}

/*
 * A count in a pillar heading: "#### Pillar III ... (30 projects)"; the
 * count, or -1.
 */
static long
heading_count(const char *line)
{
	const char *open = strrchr(line, '(');

	return open != NULL ? declared_count(open) : -1;
}

/* The header row repeated on each page: its first cell is "Serial". */
static int
header_row(const char *line)
{
	const char *s = skip_markup(line);

	return strncasecmp(s, "serial", 6) == 0 &&
	    (s[6] == '\t' || s[6] == '\0' || s[6] == ' ' || s[6] == '*');
}

/* Serial cell to number: "12", "12.", "<b>12</b>"; -1 if it is none. */
static long
serial_value(const char *cell)
{
	Buf plain = BUF_INIT;
	const char *s;
	char *end;
	long n = -1;

	annex_plain(cell, &plain);
	s = buf_str(&plain);
	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		if (*end == '.')
			end++;
		if (*end != '\0' || n < 0 || n > 100000000)
			n = -1;
	}
	buf_free(&plain);
	return n;
}

/*
 * Append continuation text to a cell: with a space, except after a hyphen
 * that ends a word at a line break ("self-" + "reliance").
 */
static void
cell_join(Buf *cell, const char *text)
{
	while (*text == ' ')
		text++;
	if (*text == '\0')
		return;
	buf_trim(cell);
	if (cell->len > 0 &&
	    !(cell->len > 1 && cell->s[cell->len - 1] == '-' &&
		isalpha((unsigned char)cell->s[cell->len - 2])))
		buf_putc(cell, ' ');
	buf_puts(cell, text);
}

/* Split line at tabs into row cells (first line) or join (continuation). */
static void
row_take(AnnexRow *row, char *line, int continuation)
{
	int i = 0;
	char *p = line;

	for (;;) {
		char *tab = strchr(p, '\t');

		if (tab)
			*tab = '\0';
		if (i < ANNEX_CELLS) {
			if (continuation)
				cell_join(&row->cell[i], p);
			else
				buf_puts(&row->cell[i], p);
		} else if (*p) {
			/* More cells than five: keep the text in the last. */
			cell_join(&row->cell[ANNEX_CELLS - 1], p);
			if (i == ANNEX_CELLS)
				annex_note(&row->notes, row->last_line,
				    "extra-cells",
				    "line %zu has more than %d cells; the "
				    "extra "
				    "text was added to the geographical scope",
				    row->last_line, ANNEX_CELLS);
		}
		if (tab == NULL)
			break;
		p = tab + 1;
		i++;
	}
}

/* Hand the assembled row out as ev and start afresh. */
static void
row_emit(AnnexReader *r, AnnexEvent *ev)
{
	AnnexRow tmp = r->out;

	r->out = r->row;
	r->row = tmp;
	row_reset(&r->row);
	r->have_row = 0;
	memset(ev, 0, sizeof(*ev));
	ev->type = ANNEX_ROW;
	ev->line = r->out.line;
	ev->row = &r->out;
}

static int
is_blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * "As of February 2018, CTITF entities have ...": the date the matrix
 * speaks for, from the prose before the tables.  Copy it (YYYY or YYYY-MM)
 * into out and return 1, or return 0.
 */
static int
as_of_date(const char *line, char out[11])
{
	const char *p = strstr(line, "As of ");
	Buf words = BUF_INIT;
	Period per;
	int ok;

	if (p == NULL && (p = strstr(line, "as of ")) == NULL)
		return 0;
	p += 6;
	while (*p && *p != ',' && *p != ';' && *p != ':' &&
	    !(p[0] == '.' && (p[1] == ' ' || p[1] == '\0')))
		buf_putc(&words, *p++);
	ok = words.len < 40 && period_parse(buf_str(&words), &per) &&
	    per.start[0] && strcmp(per.start, per.end) == 0 &&
	    strlen(per.start) <= 7;
	if (ok)
		memcpy(out, per.start, 11);
	buf_free(&words);
	return ok;
}

/*
 * Spaces other than U+0020 become it, so that every reader of the line
 * sees one kind: PDF conversions write U+00A0 (no-break space) between a
 * number and its word ("17 projects"), inside periods and around names,
 * and U+2007, U+2009 or U+202F here and there.  Returns the new length.
 */
static size_t
spaces_plain(char *line, size_t len)
{
	size_t i = 0, j = 0;

	while (i < len) {
		unsigned char c = (unsigned char)line[i];

		if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)line[i + 1] == 0xa0) {
			line[j++] = ' ';
			i += 2;
		} else if (c == 0xe2 && i + 2 < len &&
		    (unsigned char)line[i + 1] == 0x80 &&
		    ((unsigned char)line[i + 2] == 0x87 ||
			(unsigned char)line[i + 2] == 0x89 ||
			(unsigned char)line[i + 2] == 0xaf)) {
			line[j++] = ' ';
			i += 3;
		} else {
			line[j++] = line[i++];
		}
	}
	line[j] = '\0';
	return j;
}

/*
 * A page's running footer or header that kept a tab in conversion
 * ("18-06440<TAB>23/30"): a line of at most two cells whose first is no
 * serial.  A row has its serial and at least a title and a status.
 */
static int
page_furniture(const char *line)
{
	const char *tab = strchr(line, '\t');
	Buf first = BUF_INIT;
	int cells = 1, furniture;

	for (const char *t = tab; t != NULL; t = strchr(t + 1, '\t'))
		if (t[1] != '\0' && t[1] != '\t')
			cells++;
	if (tab == NULL || cells > 2)
		return 0;
	buf_append(&first, line, (size_t)(tab - line));
	buf_trim(&first);
	furniture = first.len > 0 && !isdigit((unsigned char)first.s[0]);
	/* "18-06440": a document's job number is digits too. */
	if (!furniture && first.len == 8 && first.s[2] == '-')
		furniture = 1;
	buf_free(&first);
	return furniture;
}

/* Text inside a table that is no row: noted, and otherwise ignored. */
static void
stray_text(AnnexReader *r, const char *line)
{
	if (r->in_table)
		annex_note(&r->notes, r->line, "stray-text",
		    "line %zu inside a table is not a row and was ignored: "
		    "\"%.60s%s\"",
		    r->line, line, strlen(line) > 60 ? "..." : "");
}

/* Whether line[0..end) holds only spaces (the serial cell is empty). */
static int
is_blank_prefix(const char *line, const char *end)
{
	for (; line < end; line++)
		if (!isspace((unsigned char)*line))
			return 0;
	return 1;
}

/* Start a new row from a line whose first cell is not empty. */
static void
row_start(AnnexReader *r, char *line)
{
	char *tab = strchr(line, '\t');

	row_reset(&r->row);
	r->have_row = 1;
	r->row.line = r->row.last_line = r->line;
	*tab = '\0';
	r->row.serial = serial_value(line);
	*tab = '\t';
	if (r->row.serial < 0) {
		Buf plain = BUF_INIT;

		*tab = '\0';
		annex_plain(line, &plain);
		*tab = '\t';
		annex_note(&r->row.notes, r->line, "bad-serial",
		    "line %zu: serial \"%s\" is not a number", r->line,
		    buf_str(&plain));
		buf_free(&plain);
	}
	row_take(&r->row, line, 0);
}

int
annex_next(AnnexReader *r, AnnexEvent *ev, Buf *err)
{
	ssize_t got;

	if (r->pending) {
		*ev = r->next;
		r->pending = 0;
		return 1;
	}
	while ((got = getline(&r->buf, &r->bufcap, r->fp)) >= 0) {
		char *line = r->buf;
		size_t len = (size_t)got, bad;
		const char *pillar;
		long declared;

		r->line++;
		while (
		    len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (r->line == 1 && len >= 3 &&
		    !memcmp(line, "\xef\xbb\xbf", 3)) {
			memmove(line, line + 3, len - 2);
			len -= 3;
		}
		if ((bad = utf8_check(line, len)) != len) {
			buf_printf(err, TC("%s:%zu:%zu: invalid UTF-8"),
			    r->name, r->line, utf8_column(line, bad));
			return -1;
		}
		if (memchr(line, '\0', len) != NULL) {
			buf_printf(err, TC("%s:%zu:%zu: NUL byte in text"),
			    r->name, r->line, utf8_column(line, strlen(line)));
			return -1;
		}
		len = spaces_plain(line, len);
		if (is_blank(line) || header_row(line))
			continue;
		if ((pillar = pillar_heading(line)) != NULL) {
			memset(&r->next, 0, sizeof(r->next));
			r->next.type = ANNEX_PILLAR;
			r->next.line = r->line;
			r->next.pillar = pillar;
			r->next.declared = heading_count(line);
			r->in_table = 1;
			goto flush;
		}
		if ((declared = declared_count(line)) >= 0) {
			memset(&r->next, 0, sizeof(r->next));
			r->next.type = ANNEX_DECLARED;
			r->next.line = r->line;
			r->next.declared = declared;
			goto flush;
		}
		if (page_furniture(line)) {
			stray_text(r, line);
			continue;
		}
		if (strchr(line, '\t') != NULL) {
			char *first_tab = strchr(line, '\t');
			int empty_serial = is_blank_prefix(line, first_tab);

			if (empty_serial && r->have_row) {
				r->row.last_line = r->line;
				r->row.joined++;
				row_take(&r->row, line, 1);
				continue;
			}
			if (empty_serial) {
				annex_note(&r->notes, r->line,
				    "orphan-continuation",
				    "line %zu continues a row, but no row "
				    "precedes it; its text was not imported",
				    r->line);
				continue;
			}
			if (r->have_row) {
				row_emit(r, ev);
				row_start(r, line);
				return 1;
			}
			row_start(r, line);
			continue;
		}
		if (line[0] == '#') {
			/* Another heading ends the row, but is no event. */
			if (r->have_row) {
				row_emit(r, ev);
				return 1;
			}
			continue;
		}
		if (!r->in_table && as_of_date(line, r->next.as_of)) {
			r->next.type = ANNEX_AS_OF;
			r->next.line = r->line;
			*ev = r->next;
			return 1;
		}
		stray_text(r, line);
		continue;
	flush:
		if (r->have_row) {
			row_emit(r, ev);
			r->pending = 1;
			return 1;
		}
		*ev = r->next;
		return 1;
	}
	if (ferror(r->fp)) {
		buf_printf(err, TC("%s:%zu: read error"), r->name, r->line + 1);
		return -1;
	}
	if (r->have_row) {
		row_emit(r, ev);
		return 1;
	}
	return 0;
}
