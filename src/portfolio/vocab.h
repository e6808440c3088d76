/*
 * vocab.h - the controlled vocabularies of the portfolio.
 *
 * Statuses, pillar keys, scopes, lifecycle steps and statistics dimensions
 * have one spelling inside ctmatrix (the JSON contract's) and many outside.
 * These functions map what people and documents write to that spelling.
 */
#ifndef CTM_PORTFOLIO_VOCAB_H
#define CTM_PORTFOLIO_VOCAB_H

#include "../core/buf.h"
#include "../store/model.h"

/*
 * Status as written ("Ongoing", "In development", "completed", "New") to
 * in_development, ongoing or completed; NULL when it is none of them.
 */
const char *vocab_status(const char *text);

/*
 * The same, for a status cell of a document, which may say more: a status
 * followed by words that name no other ("Completed in 2017", "Ongoing
 * (Phase II)").  The importers read with it; filters and edits do not.
 */
const char *vocab_status_written(const char *text);

/*
 * A pillar as written ("II", "2", "ii", "Pillar II", "pillar 2") to its
 * key I..IV (or beyond, for other strategies: roman numerals up to XX);
 * NULL when it is not a pillar.  Returns a static string.
 */
const char *vocab_pillar(const char *text);

/* Roman numeral for 1..20, or NULL. */
const char *vocab_roman(int n);

/* Whether name is one of the statistics dimensions. */
int vocab_stat_dimension(const char *name);

/* The dimensions, for help texts: "pillar|status|entity|...". */
extern const char vocab_stat_dimensions[];

/* Whether name is a sort order of project lists. */
int vocab_sort(const char *name);
extern const char vocab_sorts[];

/*
 * The words of p's scope in lang, appended to b.  The matrix writes the
 * scope in English ("Sahel, Maghreb", "Global", "Regional (Central
 * Asia)"); the places it names were resolved on import, and their names
 * are the M49 table's in every language.  So in another language the
 * English is left out: "Global" is said when the scope says so, and the
 * scope's kinds ("Regional, National") only when it names no place, the
 * places being named after.  Returns 0 when it appended the text as
 * written instead (English, or a scope of no kind and no place), 1 when
 * it appended the words (possibly none: a regional scope with places).
 */
int vocab_scope_words(Buf *b, const char *lang, const Project *p);

#endif
