/*
 * diff.h - what changed between two revisions of a draft.
 *
 * plan_diff() aligns the blocks of two revisions in order, a block of one
 * with the block of the other whose words are most alike (so a measure
 * renumbered from 11a to 12 is still the same measure), and for each
 * aligned pair counts the brackets opened (new in the later revision),
 * agreed (gone, their text kept unbracketed), dropped (gone with their
 * text) and still open.  The word-level comparison of a pair is made by
 * plan_diff_words() when it is printed.
 */
#ifndef CTM_PLAN_DIFF_H
#define CTM_PLAN_DIFF_H

#include "plan.h"

typedef struct PlanDiffPair {
	int a, b;     /* block of the old and of the new revision, or -1 */
	double sim;   /* how alike their words are, 0 to 1 */
	int same;     /* the texts are identical */
	long opened;  /* brackets in b with no counterpart in a */
	long agreed;  /* brackets of a gone in b, their text kept */
	long dropped; /* brackets of a gone in b with their text */
	long open;    /* brackets of a still in b */
} PlanDiffPair;

typedef struct PlanDiff {
	PlanDiffPair *pair;
	size_t npair, cap;
	long opened, agreed, dropped, open; /* totals */
	long added, removed, changed, renumbered;
} PlanDiff;

void plan_diff(const Plan *a, const Plan *b, PlanDiff *d);
void plan_diff_free(PlanDiff *d);

/* One word-level edit: op '=' same, '-' only in old, '+' only in new. */
typedef struct PlanWordEdit {
	char op;
	size_t off, len; /* in the old text for '=' and '-', new for '+' */
} PlanWordEdit;

/*
 * The edits turning the text of block ba of a into block bb of b, words
 * compared with the whitespace between them.  *edits is allocated.
 */
size_t plan_diff_words(
    const Plan *a, int ba, const Plan *b, int bb, PlanWordEdit **edits);

/*
 * The comparison as text ({-old-}{+new+} within each changed block), its
 * counts and places in lang (English when NULL), or as JSON (English).
 */
void plan_diff_text(const Plan *a, const Plan *b, const PlanDiff *d,
    const char *lang, Buf *out);
void plan_diff_json(const Plan *a, const Plan *b, const PlanDiff *d, Buf *out);

#endif
