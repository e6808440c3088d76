/*
 * out.c - printing results as an aligned table, CSV (RFC 4180) or JSON.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/csv.h"
#include "../core/mem.h"
#include "../account/account.h"
#include "../core/utf8.h"
#include "../io/import.h"
#include "../io/project_commit.h"
#include "../text/lang.h"
#include "cli.h"

int
cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("ctmatrix: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

void
cli_notes_more(const Cli *c, const ImportReport *rep)
{
	if (rep->nnote <= rep->nkept)
		return;
	fputs("ctmatrix: ", stderr);
	fprintf(stderr,
	    tr(c->lang,
		"defects noted and kept beyond these: %zu; `ctmatrix check` "
		"lists every one"),
	    rep->nnote - rep->nkept);
	fputc('\n', stderr);
}

void
cli_print_json(void *json)
{
	json_t *j = json;

	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
}

void
cli_table_init(CliTable *t, int ncol, const char **head)
{
	assert(ncol > 0);
	memset(t, 0, sizeof(*t));
	t->ncol = ncol;
	t->head = head;
}

/*
 * A row of a table is one block: the byte length and the width of each
 * cell (uint32_t each, the width of the last cell 0: it is never padded),
 * then the cells' texts, each NUL-terminated, which t->cell points into.
 */
#define ROW_HEAD(ncol) (2 * (size_t)(ncol) * sizeof(uint32_t))

static const uint32_t *
row_lens(const CliTable *t, size_t r)
{
	return (const uint32_t *)(const void *)(t->cell[r * (size_t)t->ncol] -
	    ROW_HEAD(t->ncol));
}

void *
cli_table_row(const CliTable *t, const char *const *cells)
{
	size_t ncol = (size_t)t->ncol, size = ROW_HEAD(ncol), len, keep[16];
	uint32_t *lens;
	char *row, *at;

	/* The lengths of the first cells kept: a table of any width. */
	for (size_t i = 0; i < ncol; i++) {
		len = strlen(cells[i] ? cells[i] : "");
		if (len >= UINT32_MAX)
			mem_fail(len);
		if (i < sizeof(keep) / sizeof(keep[0]))
			keep[i] = len;
		size += len + 1;
	}
	row = xmalloc(size);
	lens = (uint32_t *)(void *)row;
	at = row + ROW_HEAD(ncol);
	for (size_t i = 0; i < ncol; i++) {
		const char *c = cells[i] ? cells[i] : "";

		len = i < sizeof(keep) / sizeof(keep[0]) ? keep[i] : strlen(c);
		memcpy(at, c, len + 1);
		lens[i] = (uint32_t)len;
		lens[ncol + i] =
		    i + 1 < ncol ? (uint32_t)utf8_width_n(at, len) : 0;
		at += len + 1;
	}
	return row;
}

void
cli_table_add_row(CliTable *t, void *row)
{
	size_t ncol = (size_t)t->ncol;
	const uint32_t *lens = row;
	char *at = (char *)row + ROW_HEAD(ncol), **cell;

	mem_grow(
	    (void **)&t->cell, &t->cap, (t->nrow + 1) * ncol, sizeof(char *));
	cell = &t->cell[t->nrow * ncol];
	for (size_t i = 0; i < ncol; i++) {
		cell[i] = at;
		at += lens[i] + 1;
	}
	t->nrow++;
}

void
cli_table_add(CliTable *t, const char *const *cells)
{
	cli_table_add_row(t, cli_table_row(t, cells));
}

/* Append n spaces to b. */
static void
pad(Buf *b, size_t n)
{
	static const char spaces[] = "                                ";

	for (; n > sizeof(spaces) - 1; n -= sizeof(spaces) - 1)
		buf_append(b, spaces, sizeof(spaces) - 1);
	buf_append(b, spaces, n);
}

/* Write b out and empty it. */
static void
flush(Buf *b)
{
	fwrite(buf_str(b), 1, b->len, stdout);
	buf_reset(b);
}

/*
 * The labels in lang of the cells of t's key columns (t->keys) that have
 * one, by cell; NULL for the others.  The caller frees each and the array.
 */
static char **
labels(const CliTable *t, const char *lang)
{
	size_t ncol = (size_t)t->ncol;
	char **label = xcalloc(t->nrow * ncol + 1, sizeof(char *));
	Buf keep = BUF_INIT;

	for (size_t i = 0; i < ncol && i < 32; i++) {
		if ((t->keys & (1u << i)) == 0)
			continue;
		for (size_t r = 0; r < t->nrow; r++) {
			size_t k = r * ncol + i;

			if (cli_key_label(lang, t->cell[k], &keep) !=
			    t->cell[k])
				label[k] = xstrdup(buf_str(&keep));
		}
	}
	buf_free(&keep);
	return label;
}

/* Cell k of t as the table shows it: its label, if it has one. */
#define CELL(k) (label && label[k] ? label[k] : t->cell[k])

/*
 * t as an aligned text table.  Each cell was measured as it was added (a
 * label is measured here), the last column not at all: it is never
 * padded.  The lines go out a buffer at a time.
 */
static void
table_text(const CliTable *t, const char *lang)
{
	size_t ncol = (size_t)t->ncol, n;
	size_t *w = xcalloc(ncol, sizeof(size_t));
	const char **head = xcalloc(ncol + 1, sizeof(*head));
	char **label = NULL, *at;
	Buf out = BUF_INIT;

	for (size_t i = 0; i < ncol; i++)
		head[i] = *t->head[i] ? tr(lang, t->head[i]) : "";
	for (size_t i = 0; i + 1 < ncol; i++)
		w[i] = utf8_width(head[i]);
	if (t->keys != 0 && strcmp(lang, "en") != 0)
		label = labels(t, lang);
	for (size_t r = 0; r < t->nrow; r++) {
		const uint32_t *cw = row_lens(t, r) + ncol;

		for (size_t i = 0; i + 1 < ncol; i++) {
			size_t k = r * ncol + i,
			       v = label && label[k] ? utf8_width(label[k])
						     : cw[i];

			if (v > w[i])
				w[i] = v;
		}
	}
	for (size_t i = 0; i < ncol; i++) {
		buf_puts(&out, head[i]);
		if (i + 1 < ncol)
			pad(&out, w[i] - utf8_width(head[i]) + 2);
	}
	buf_putc(&out, '\n');
	for (size_t r = 0; r < t->nrow; r++) {
		const uint32_t *len = row_lens(t, r), *cw = len + ncol;

		/*
		 * A row without labels: copied and padded in one go.  (One
		 * path for both, a cell's text, length and width asked of a
		 * function twice, doubled the printing's instructions.)
		 */
		if (label == NULL) {
			n = 1;
			for (size_t i = 0; i < ncol; i++)
				n += len[i] +
				    (i + 1 < ncol ? w[i] - cw[i] + 2 : 0);
			at = buf_extend(&out, n);
			for (size_t i = 0; i < ncol; i++) {
				memcpy(at, t->cell[r * ncol + i], len[i]);
				at += len[i];
				if (i + 1 < ncol) {
					memset(at, ' ', w[i] - cw[i] + 2);
					at += w[i] - cw[i] + 2;
				}
			}
			*at = '\n';
		} else {
			for (size_t i = 0; i < ncol; i++) {
				size_t k = r * ncol + i;

				buf_puts(&out, CELL(k));
				if (i + 1 < ncol)
					pad(&out,
					    w[i] -
						(label[k] ? utf8_width(label[k])
							  : cw[i]) +
						2);
			}
			buf_putc(&out, '\n');
		}
		if (out.len >= 65536)
			flush(&out);
	}
	flush(&out);
	buf_free(&out);
	if (label != NULL)
		for (size_t k = 0; k < t->nrow * ncol; k++)
			free(label[k]);
	free(label);
	free(head);
	free(w);
}
#undef CELL

void
cli_csv_line(Buf *line, const char *const *cells, int ncol)
{
	buf_reset(line);
	for (int i = 0; i < ncol; i++) {
		if (i)
			buf_putc(line, ',');
		csv_put_field(line, cells[i] ? cells[i] : "");
	}
	buf_puts(line, "\r\n");
}

void
cli_csv_row(Buf *line, const char *const *cells, int ncol)
{
	cli_csv_line(line, cells, ncol);
	fputs(buf_str(line), stdout);
}

void
cli_table_print(const CliTable *t, const char *format, const char *lang)
{
	if (strcmp(format, "csv") == 0) {
		Buf line = BUF_INIT;

		cli_csv_row(&line, t->head, t->ncol);
		for (size_t r = 0; r < t->nrow; r++)
			cli_csv_row(&line,
			    (const char *const *)&t->cell[r * (size_t)t->ncol],
			    t->ncol);
		buf_free(&line);
		return;
	}
	if (strcmp(format, "json") == 0) {
		/* A command with no JSON of its own: its rows as objects. */
		json_t *rows = json_array();

		for (size_t r = 0; r < t->nrow; r++) {
			json_t *o = json_object();

			for (int i = 0; i < t->ncol; i++) {
				const char *v =
				    t->cell[r * (size_t)t->ncol + (size_t)i];

				json_object_set_new(
				    o, t->head[i], json_string(v ? v : ""));
			}
			json_array_append_new(rows, o);
		}
		cli_print_json(json_pack("{s:o}", "rows", rows));
		return;
	}
	table_text(t, lang);
}

/*
 * The keys the tables show and their labels for people, in English;
 * their translations are those of the pages, which show the same.
 * (Roles are account_role_label()'s, levels of results have a context.)
 */
static const char *const key_labels[][2] = {
	{ "in_development", N_("in development") },
	{ "ongoing", N_("ongoing") },
	{ "completed", N_("completed") },
	{ "global", N_("global") },
	{ "regional", N_("regional") },
	{ "national", N_("national") },
	{ "open", N_("open") },
	{ "being_addressed", N_("being addressed") },
	{ "addressed", N_("addressed") },
	{ "restricted", N_("restricted") },
	{ "compact", N_("compact") },
	{ "public", N_("public") },
	{ "demo", N_("demo") },
	/* an account's state */
	{ "active", N_("active") },
	{ "disabled", N_("disabled") },
	/* the Board's decisions and the steps of the lifecycle */
	{ "approve", N_("approved") },
	{ "revise", N_("returned for revision") },
	{ "reject", N_("rejected") },
	{ "not placed", N_("not placed") },
	{ "Idea", N_("Idea") },
	{ "Analysis", N_("Analysis") },
	{ "Planning", N_("Planning") },
	{ "Financing", N_("Financing") },
	{ "Initiation", N_("Initiation") },
	{ "Implementation", N_("Implementation") },
	{ "Evaluation", N_("Evaluation") },
	/* what an import did with a row */
	{ "added", N_("added") },
	{ "changed", N_("changed") },
	{ "unchanged", N_("unchanged") },
	{ "repeated", N_("repeated") },
	{ "refused", N_("refused") },
	/* results: a report's state, an indicator's aggregation, a period */
	{ "draft", N_("draft") },
	{ "submitted", N_("submitted") },
	{ "returned", N_("returned") },
	{ "approved", N_("approved") },
	{ "sum", N_("summed") },
	{ "last", N_("latest value") },
	{ "quarterly", N_("quarterly") },
	{ "mid-year", N_("mid-year") },
	{ "second half-year", N_("second half-year") },
	{ "end-of-year", N_("end-of-year") },
	/* money: a contribution's way and kind, the gender marker */
	{ "direct", N_("directly") },
	{ "trust fund", N_("the Trust Fund") },
	{ "earmarked", N_("earmarked") },
	{ "cash", N_("cash") },
	{ "in kind", N_("in kind") },
	{ "not assessed", N_("not assessed") },
};

static const char *
key_label(const char *lang, const char *key, size_t n)
{
	Buf k = BUF_INIT;
	const char *l = NULL;

	for (size_t i = 0; i < sizeof(key_labels) / sizeof(key_labels[0]); i++)
		if (strncmp(key_labels[i][0], key, n) == 0 &&
		    key_labels[i][0][n] == '\0')
			return tr(lang, key_labels[i][1]);
	if (n == 7 && strncmp(key, "outcome", n) == 0)
		return trp(lang, "result level", "outcome");
	if (n == 6 && strncmp(key, "output", n) == 0)
		return trp(lang, "result level", "output");
	buf_append(&k, key, n);
	if (account_role_valid(buf_str(&k)))
		l = account_role_label(lang, buf_str(&k));
	buf_free(&k);
	return l;
}

const char *
cli_key_label(const char *lang, const char *key, Buf *keep)
{
	buf_reset(keep);
	if (key == NULL || *key == '\0' || strcmp(lang, "en") == 0)
		return key;
	/* "global, regional": each key of the list. */
	for (const char *k = key; *k;) {
		size_t n = strcspn(k, ",");
		const char *l = key_label(lang, k, n);

		if (l == NULL)
			return key;
		buf_printf(keep, "%s%s", keep->len ? tr(lang, ", ") : "", l);
		k += n;
		k += strspn(k, ", ");
	}
	return buf_str(keep);
}

const char *
cli_label(const Cli *c, const char *key, Buf *keep)
{
	if (strcmp(c->format, "table") != 0) {
		buf_reset(keep);
		return key;
	}
	return cli_key_label(c->lang, key, keep);
}

int
cli_usage(const Cli *c, const char *fmt, ...)
{
	Buf syntax = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&syntax, fmt, ap);
	va_end(ap);
	rc = cli_error(EXIT_USAGE, "%s ctmatrix %s", tr(c->lang, "usage:"),
	    buf_str(&syntax));
	buf_free(&syntax);
	return rc;
}

void
cli_table_free(CliTable *t)
{
	for (size_t r = 0; r < t->nrow; r++)
		free(t->cell[r * (size_t)t->ncol] - ROW_HEAD(t->ncol));
	free(t->cell);
	memset(t, 0, sizeof(*t));
}

int
cli_commit_status(int code, const Buf *msg)
{
	if (code < 300)
		return EXIT_OK;
	return cli_error(code == COMMIT_FAILED || code == COMMIT_BUSY
		? EXIT_SYSTEM
		: EXIT_FAIL,
	    "%s", buf_str(msg));
}

int
cli_as_account(Cli *c, Account *a, const Account **who)
{
	const char *as = cli_opt(c, "as");
	Buf err = BUF_INIT;
	int got;

	*who = NULL;
	memset(a, 0, sizeof(*a));
	if (as == NULL)
		return EXIT_OK;
	got = store_account_get(c->store, as, a, &err);
	if (got <= 0 || a->disabled) {
		got = got < 0
		    ? cli_error(EXIT_SYSTEM, "%s", buf_str(&err))
		    : cli_error(EXIT_FAIL,
			  tr(c->lang, "--as: no account %s that may sign in"),
			  as);
		account_clear(a);
		buf_free(&err);
		return got;
	}
	*who = a;
	return EXIT_OK;
}

int64_t
cli_id(const char *text)
{
	char *end;
	long long v;

	if (text == NULL || *text < '1' || *text > '9')
		return 0;
	v = strtoll(text, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

int
cli_ref_row(void *ctx, const RefItem *r)
{
	const char *row[2] = { r->key, r->name };

	cli_table_add(ctx, row);
	return 0;
}
