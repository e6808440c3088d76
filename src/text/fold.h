/*
 * fold.h - folding text for matching and search.
 *
 * Names in real documents come in every spelling: "Côte d'Ivoire" and
 * "Cote d’Ivoire", "UN WOMEN" and "UN Women", Arabic with and without its
 * vowel marks, Russian with Ё or Е.  Whenever ctmatrix compares names or
 * indexes text for search it compares folded forms: compatibility
 * decomposition (NFKD), combining marks removed, full Unicode case folding,
 * then a few script-specific equivalences that searchers expect (Arabic
 * alef with hamza or madda as bare alef, alef maqsura as ya, teh marbuta as
 * heh, tatweel dropped; typographic quotes and dashes as ASCII ones).
 * Everything here goes through ICU; nothing is hand-rolled beyond the short
 * list of equivalences.
 */
#ifndef CTM_TEXT_FOLD_H
#define CTM_TEXT_FOLD_H

#include "../core/buf.h"

/*
 * Append the folded form of the valid UTF-8 string s to out.  Runs of
 * whitespace become one space; leading and trailing space is dropped.
 * Return 0, or -1 if ICU fails (the text is then appended unfolded).
 */
int text_fold(const char *s, Buf *out);

/*
 * Append the folded "name key" of s to out, the form alias tables are keyed
 * by: the folded text with dots dropped, "&" read as "and", every other
 * character that is not a letter or a digit turned into a space, runs of
 * spaces collapsed and the ends trimmed.  So "UN WOMEN" and "UN-Women" both
 * give "un women", "U.N." gives "un", "Côte d'Ivoire" and "Cote d’Ivoire"
 * both give "cote d ivoire".  Return as text_fold().
 */
int text_name_key(const char *s, Buf *out);

/*
 * Append the words of s as the search index sees them: the folded text
 * with every character that is not a letter, a digit or a private-use
 * character (what the index's unicode61 tokenizer separates on) turned
 * into a space, runs of spaces collapsed and the ends trimmed.  So a
 * search for "title:x" looks for the two words "title" and "x".  Return
 * as text_fold().
 */
int text_words(const char *s, Buf *out);

#endif
