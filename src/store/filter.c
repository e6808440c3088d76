/*
 * filter.c - the WHERE clauses of project queries (see filter.h).
 */
#include <string.h>

#include "../text/fold.h"
#include "filter.h"

/*
 * Turn the search words into an FTS5 query: each word of the folded text,
 * split where the index's tokenizer splits (text_words), becomes a quoted
 * prefix term ("radical"* finds radicalization), and all must match.  A
 * quoted term is always one token: the index keeps no positions, so it
 * could not match a phrase.
 */
static void
filter_fts_query(const char *search, Buf *out)
{
	Buf f = BUF_INIT;
	const char *p;

	text_words(search, &f);
	p = buf_str(&f);
	while (*p) {
		const char *w = p;

		while (*p && *p != ' ')
			p++;
		if (p > w) {
			if (out->len > 0)
				buf_putc(out, ' ');
			buf_putc(out, '"');
			for (const char *q = w; q < p; q++) {
				if (*q == '"')
					buf_putc(out, '"');
				buf_putc(out, *q);
			}
			buf_puts(out, "\"*");
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
#define SEARCH_SET "SELECT rowid FROM project_fts WHERE project_fts MATCH ?"

void
filter_sql_build(FilterSql *fs, const ProjectFilter *f)
{
	memset(fs, 0, sizeof(*fs));
	if (f == NULL)
		return;
	/*
	 * The pillar comes first: its set is a UNION, and compound SELECTs
	 * group from the left.
	 */
	if (f->pillar) {
		/* The pillar it is listed under, or a further one. */
		filter_add(fs,
		    " AND (p.pillar_id = (SELECT id FROM pillar WHERE key = ?)"
		    " OR p.id IN (SELECT project_id FROM project_pillar"
		    " WHERE pillar_id = (SELECT id FROM pillar WHERE key = "
		    "?)))",
		    "SELECT id FROM project WHERE pillar_id ="
		    " (SELECT id FROM pillar WHERE key = ?)"
		    " UNION SELECT project_id FROM project_pillar"
		    " WHERE pillar_id = (SELECT id FROM pillar WHERE key = ?)",
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
		filter_fts_query(f->search, &fs->match);
		if (fs->match.len == 0) {
			buf_puts(&fs->where, " AND 0");
			buf_puts(&fs->exists, " AND 0");
			if (fs->ids.len > 0)
				buf_puts(&fs->ids, " INTERSECT ");
			buf_puts(&fs->ids, "SELECT id FROM project WHERE 0");
		} else {
			filter_add(fs, " AND p.id IN (" SEARCH_SET ")",
			    SEARCH_SET, " AND +p.id IN (" SEARCH_SET ")",
			    buf_str(&fs->match));
		}
	}
	/*
	 * The status comes last.  A status holds a third to a half of all
	 * projects: as a set of its own, intersected with the others, it
	 * would be read whole; instead the others' ids are looked up one by
	 * one in the index on status (status, id), which covers them.  A
	 * statement that reads the rows anyway reads the status there: the
	 * unary + keeps SQLite from looking it up in that index first.
	 */
	if (f->status) {
		buf_puts(&fs->where, " AND p.status = ?");
		buf_puts(&fs->exists, " AND p.status = ?");
		if (fs->ids.len > 0) {
			Buf others = BUF_INIT;

			buf_printf(&fs->rows,
			    " AND p.id IN (%s) AND +p.status = ?",
			    buf_str(&fs->ids));
			buf_printf(&others,
			    "SELECT id FROM project WHERE id IN (%s)"
			    " AND status = ?",
			    buf_str(&fs->ids));
			buf_free(&fs->ids);
			fs->ids = others;
		} else {
			buf_puts(&fs->rows, " AND p.status = ?");
			buf_puts(&fs->ids,
			    "SELECT id FROM project WHERE status = ?");
		}
		fs->bind[fs->nbind++] = f->status;
	} else if (fs->ids.len > 0) {
		buf_printf(&fs->rows, " AND p.id IN (%s)", buf_str(&fs->ids));
	}
}

void
filter_sql_free(FilterSql *fs)
{
	buf_free(&fs->where);
	buf_free(&fs->ids);
	buf_free(&fs->exists);
	buf_free(&fs->rows);
	buf_free(&fs->match);
}

int
filter_sql_bind(const FilterSql *fs, DbStmt *st, int first)
{
	for (int i = 0; i < fs->nbind; i++)
		db_bind_text(st, first++, fs->bind[i]);
	return first;
}
