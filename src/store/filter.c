/*
 * filter.c - the WHERE clauses of project queries (see filter.h).
 */
#include <string.h>

#include "../text/fold.h"
#include "filter.h"

/*
 * A searched word is a prefix ("radical" finds radicalization), and FTS5
 * reads a prefix five times slower than a term: it merges the lists of
 * every term the prefix begins into one before it looks at any.  When the
 * index holds few words that complete it (temp.fts_vocab, the index's
 * vocabulary), the word is searched for as those terms, or-ed.
 */
#define FTS_EXPAND_MAX   16
#define FTS_EXPAND_LIMIT "17" /* FTS_EXPAND_MAX + 1 */

/* The vocabulary of the index, made once a connection; 0, or -1. */
static int
fts_vocab(Store *s)
{
	Buf err = BUF_INIT;
	int *made = &s->fts_vocab[s->db == s->reader];

	if (*made == 0)
		*made = db_exec(s->db,
			    "CREATE VIRTUAL TABLE IF NOT EXISTS"
			    " temp.fts_vocab USING fts5vocab(main,"
			    " project_fts, row)",
			    &err) == 0
		    ? 1
		    : -1;
	buf_free(&err);
	return *made > 0 ? 0 : -1;
}

static void
fts_quoted(Buf *out, const char *w, size_t n)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, w[i]);
	}
	buf_putc(out, '"');
}

/*
 * The words of the index that begin with w[0 .. n), or-ed, into out: 0;
 * or -1 (out unchanged) when there are more than FTS_EXPAND_MAX or the
 * vocabulary cannot be read.  None: the word itself, which matches none.
 */
static int
fts_expand(Store *s, const char *w, size_t n, Buf *out)
{
	Buf lo = BUF_INIT, hi = BUF_INIT, terms = BUF_INIT, err = BUF_INIT;
	DbStmt *st;
	int k = 0, step, rc = -1;

	if (s == NULL || fts_vocab(s) != 0)
		return -1;
	/* Every term that begins with w sorts before w with its last byte
	 * one up (folded UTF-8 has no byte 0xff). */
	buf_append(&lo, w, n);
	buf_append(&hi, w, n);
	((unsigned char *)hi.s)[n - 1]++;
	st = db_prepare(s->db,
	    "SELECT term FROM temp.fts_vocab WHERE term >= ? AND term <= ?"
	    " LIMIT " FTS_EXPAND_LIMIT,
	    &err);
	if (st == NULL || db_bind(st, "tt", buf_str(&lo), buf_str(&hi)) != 0)
		goto out;
	while ((step = db_step(st)) == DB_ROW) {
		const char *t = db_text(st, 0);

		if (strncmp(t, w, n) != 0)
			continue;
		if (++k > FTS_EXPAND_MAX)
			break;
		buf_puts(&terms, k > 1 ? " OR " : "");
		fts_quoted(&terms, t, strlen(t));
	}
	db_reset(st);
	if (step == DB_ERROR || k > FTS_EXPAND_MAX)
		goto out;
	buf_putc(out, '(');
	if (k == 0)
		fts_quoted(out, w, n);
	else
		buf_append(out, terms.s, terms.len);
	buf_putc(out, ')');
	rc = 0;
out:
	buf_free(&lo);
	buf_free(&hi);
	buf_free(&terms);
	buf_free(&err);
	return rc;
}

void
filter_lexeme(Buf *out, const char *w, size_t n)
{
	buf_putc(out, '\'');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '\'' || w[i] == '\\')
			buf_putc(out, w[i]);
		buf_putc(out, w[i]);
	}
	buf_putc(out, '\'');
}

/* A word as a prefix term of a tsquery (PostgreSQL): 'word':* */
static void
tsquery_prefix(Buf *out, const char *w, size_t n)
{
	filter_lexeme(out, w, n);
	buf_puts(out, ":*");
}

/* The same on PostgreSQL: every word a prefix, all to match. */
static void
filter_tsquery(const char *words, Buf *out)
{
	const char *p = words;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (n > 0) {
			if (out->len > 0)
				buf_puts(out, " & ");
			tsquery_prefix(out, p, n);
		}
		p += n;
		p += strspn(p, " ");
	}
}

/*
 * Turn the search words into an FTS5 query (on PostgreSQL a tsquery): each word of the folded text,
 * split where the index's tokenizer splits (text_words), becomes the
 * terms that complete it or a quoted prefix term ("radical"* finds
 * radicalization), and all must match.  A quoted term is always one
 * token: the index keeps no positions, so it could not match a phrase.
 */
static void
filter_fts_query(Store *s, const char *search, Buf *out)
{
	Buf f = BUF_INIT;
	const char *p;

	text_words(search, &f);
	if (s != NULL && s->pg) {
		filter_tsquery(buf_str(&f), out);
		buf_free(&f);
		return;
	}
	p = buf_str(&f);
	while (*p) {
		const char *w = p;

		while (*p && *p != ' ')
			p++;
		if (p > w) {
			if (out->len > 0)
				buf_puts(out, " AND ");
			if (fts_expand(s, w, (size_t)(p - w), out) != 0) {
				fts_quoted(out, w, (size_t)(p - w));
				buf_putc(out, '*');
			}
		}
		while (*p == ' ')
			p++;
	}
	buf_free(&f);
}

static void
filter_add(FilterSql *fs, const char *clause, const char *set,
    const char *exists, const char *value)
{
	buf_puts(&fs->where, clause);
	buf_puts(&fs->exists, exists);
	if (fs->ids.len > 0)
		buf_puts(&fs->ids, " INTERSECT ");
	buf_puts(&fs->ids, set);
	fs->bind[fs->nbind++] = value;
}

/* The organisation with key ?, and its sub-units. */
#define ORG_TREE                                                               \
	"WITH RECURSIVE sub(id) AS (SELECT id FROM organisation"               \
	" WHERE key = ? UNION SELECT o.id FROM organisation o JOIN sub"        \
	" ON o.parent_id = sub.id) SELECT id FROM sub"
#define COUNTRY_SET                                                            \
	"SELECT pp.project_id FROM project_place pp"                           \
	" JOIN place c ON c.id = pp.place_id WHERE c.iso3 = ?"
#define REGION_SET                                                             \
	"SELECT pp.project_id FROM project_place pp"                           \
	" JOIN place_within w ON w.place_id = pp.place_id"                     \
	" JOIN place r ON r.id = w.ancestor_id WHERE r.key = ?"
#define PILLAR_SET                                                             \
	"SELECT id FROM project WHERE pillar_id ="                             \
	" (SELECT id FROM pillar WHERE key = ?)"                               \
	" UNION SELECT project_id FROM project_pillar"                         \
	" WHERE pillar_id = (SELECT id FROM pillar WHERE key = ?)"
#define SEARCH_SET "SELECT rowid FROM project_fts WHERE project_fts MATCH ?"
#define SEARCH_SET_PG                                                          \
	"SELECT id FROM project_fts WHERE words @@ CAST(? AS tsquery)"

void
filter_sql_build(Store *s, FilterSql *fs, const ProjectFilter *f)
{
	int join;

	memset(fs, 0, sizeof(*fs));
	if (f == NULL)
		return;
	/*
	 * The pillar comes first: its set is a UNION, and compound SELECTs
	 * group from the left in SQLite.  PostgreSQL's INTERSECT binds
	 * tighter than UNION, so there the UNION is a set of its own.
	 */
	if (f->pillar) {
		/* The pillar it is listed under, or a further one. */
		filter_add(fs,
		    " AND (p.pillar_id = (SELECT id FROM pillar WHERE key = ?)"
		    " OR p.id IN (SELECT project_id FROM project_pillar"
		    " WHERE pillar_id = (SELECT id FROM pillar WHERE key = "
		    "?)))",
		    s != NULL && s->pg ? "SELECT id FROM (" PILLAR_SET ") AS ps"
				       : PILLAR_SET,
		    " AND (p.pillar_id = (SELECT id FROM pillar WHERE key = ?)"
		    " OR p.id IN (SELECT project_id FROM project_pillar"
		    " WHERE pillar_id = (SELECT id FROM pillar WHERE key = "
		    "?)))",
		    f->pillar);
		fs->bind[fs->nbind++] = f->pillar;
	}
	if (f->entity)
		filter_add(fs,
		    " AND p.id IN (SELECT project_id FROM project_org"
		    " WHERE organisation_id IN (" ORG_TREE "))",
		    "SELECT project_id FROM project_org"
		    " WHERE organisation_id IN (" ORG_TREE ")",
		    " AND EXISTS (SELECT 1 FROM project_org po"
		    " WHERE po.project_id = p.id"
		    " AND po.organisation_id IN (" ORG_TREE "))",
		    f->entity);
	if (f->country)
		filter_add(fs, " AND p.id IN (" COUNTRY_SET ")", COUNTRY_SET,
		    " AND EXISTS (SELECT 1 FROM project_place pp"
		    " JOIN place c ON c.id = pp.place_id"
		    " WHERE pp.project_id = p.id AND c.iso3 = ?)",
		    f->country);
	if (f->region)
		filter_add(fs, " AND p.id IN (" REGION_SET ")", REGION_SET,
		    " AND EXISTS (SELECT 1 FROM project_place pp"
		    " JOIN place_within w ON w.place_id = pp.place_id"
		    " JOIN place r ON r.id = w.ancestor_id"
		    " WHERE pp.project_id = p.id AND r.key = ?)",
		    f->region);
	if (f->search) {
		filter_fts_query(s, f->search, &fs->match);
		if (fs->match.len == 0) {
			buf_puts(&fs->where, " AND FALSE");
			buf_puts(&fs->exists, " AND FALSE");
			if (fs->ids.len > 0)
				buf_puts(&fs->ids, " INTERSECT ");
			buf_puts(
			    &fs->ids, "SELECT id FROM project WHERE FALSE");
		} else if (s != NULL && s->pg) {
			filter_add(fs, " AND p.id IN (" SEARCH_SET_PG ")",
			    SEARCH_SET_PG, " AND p.id IN (" SEARCH_SET_PG ")",
			    buf_str(&fs->match));
		} else {
			filter_add(fs, " AND p.id IN (" SEARCH_SET ")",
			    SEARCH_SET, " AND +p.id IN (" SEARCH_SET ")",
			    buf_str(&fs->match));
		}
	}
	/*
	 * The rows of a set of links alone are read by a join (fs->join);
	 * those of other sets, off the sets' ids.
	 */
	join =
	    (f->region != NULL) + (f->country != NULL) + (f->entity != NULL) ==
		1 &&
	    !f->pillar && !f->search;
	if (join && f->region) {
		buf_puts(&fs->join,
		    " JOIN project_place pp ON pp.project_id = p.id"
		    " JOIN place_within w ON w.place_id = pp.place_id"
		    " JOIN place r ON r.id = w.ancestor_id");
		buf_puts(&fs->rows, " AND r.key = ?");
	} else if (join && f->country) {
		buf_puts(&fs->join,
		    " JOIN project_place pp ON pp.project_id = p.id"
		    " JOIN place c ON c.id = pp.place_id");
		buf_puts(&fs->rows, " AND c.iso3 = ?");
	} else if (join) {
		buf_puts(
		    &fs->join, " JOIN project_org po ON po.project_id = p.id");
		buf_puts(
		    &fs->rows, " AND po.organisation_id IN (" ORG_TREE ")");
	} else if (fs->ids.len > 0) {
		buf_printf(&fs->rows, " AND p.id IN (%s)", buf_str(&fs->ids));
	}
	/*
	 * The status comes last.  A status holds a third to a half of all
	 * projects: as a set of its own, intersected with the others, it
	 * would be read whole; instead the others' ids are looked up one by
	 * one in the index on status (status, id), which covers them.  A
	 * statement that reads the rows of the others anyway reads the
	 * status there: the unary + keeps SQLite from looking it up in that
	 * index first (PostgreSQL has no unary + on text, nor needs it).
	 */
	if (f->status) {
		buf_puts(&fs->where, " AND p.status = ?");
		buf_puts(&fs->exists, " AND p.status = ?");
		buf_puts(&fs->rows,
		    fs->rows.len > 0 && !(s != NULL && s->pg)
			? " AND +p.status = ?"
			: " AND p.status = ?");
		if (fs->ids.len > 0) {
			Buf others = BUF_INIT;

			buf_printf(&others,
			    "SELECT id FROM project WHERE id IN (%s)"
			    " AND status = ?",
			    buf_str(&fs->ids));
			buf_free(&fs->ids);
			fs->ids = others;
		} else {
			buf_puts(&fs->ids,
			    "SELECT id FROM project WHERE status = ?");
		}
		fs->bind[fs->nbind++] = f->status;
	}
}

void
filter_sql_free(FilterSql *fs)
{
	buf_free(&fs->where);
	buf_free(&fs->ids);
	buf_free(&fs->exists);
	buf_free(&fs->rows);
	buf_free(&fs->join);
	buf_free(&fs->match);
}

int
filter_sql_bind(const FilterSql *fs, DbStmt *st, int first)
{
	for (int i = 0; i < fs->nbind; i++)
		db_bind_text(st, first++, fs->bind[i]);
	return first;
}
