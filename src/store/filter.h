/*
 * filter.h - turning a ProjectFilter into SQL (store-internal).
 *
 * The clauses are fixed text chosen by which filters are set; every value
 * is a bound parameter.  Listing and statistics share this so that
 * `ctmatrix projects` and `ctmatrix stats` always agree on what a filter
 * selects.
 */
#ifndef CTM_STORE_FILTER_H
#define CTM_STORE_FILTER_H

#include "store_int.h"

#define FILTER_MAX_BINDS 8

typedef struct FilterSql {
	Buf where; /* " AND ..." clauses on p */
	/*
	 * The same filter as one SELECT of project ids, each filter's set
	 * read from its own narrow index and the sets intersected, so that
	 * counting or paging never reads a project's row; empty when
	 * nothing filters.  Binds as for where.
	 */
	Buf ids;
	/*
	 * The same again as clauses on p that look a project's links up by
	 * its id: for checking the entries of an index one by one (a page
	 * read in sort order) without building any set.  Binds as for where.
	 */
	Buf exists;
	/*
	 * The same again as clauses on p for a statement that reads the row
	 * of every project it selects: the other filters' id set, and the
	 * status read off the row.  Binds as for where.
	 */
	Buf rows;
	/*
	 * When a region, a country or an entity is the only set: rows'
	 * joins of p to its links (after rows' FROM, before rows), which
	 * read the links once where an IN set builds a table of them
	 * first.  A project naming two places of a region, or an entity
	 * and its sub-unit, comes twice, next to itself in any order that
	 * ends with p.id: the reader skips the second.
	 */
	Buf join;
	const char *bind[FILTER_MAX_BINDS]; /* values, in order */
	int nbind;
	Buf match; /* the FTS query, owned */
} FilterSql;

/*
 * Fill fs from f; s (or NULL) finds which words of the index complete
 * the searched ones.  Free with filter_sql_free().
 */
void filter_sql_build(Store *s, FilterSql *fs, const ProjectFilter *f);
void filter_sql_free(FilterSql *fs);

/* Bind fs's values to st from parameter first on; return the next index. */
int filter_sql_bind(const FilterSql *fs, DbStmt *st, int first);

/*
 * PostgreSQL: w[0 .. n) as a lexeme of tsvector or tsquery text,
 * quoted ('word'), its quotes and backslashes doubled.
 */
void filter_lexeme(Buf *out, const char *w, size_t n);

#endif
