/*
 * plan.h - negotiation drafts of plans of action in bracket notation.
 *
 * A draft carries every delegation's proposal inline (BRIEF.md):
 *
 *	Resolve to [undertake] (-ISR) [encourage] (+ISR) (+BHR) the ...
 *
 * plan_read() turns the text of a draft into a model: the blocks of the
 * document (title, preamble paragraphs, pillar headings, numbered
 * measures, inserted ones like "11a." included) and every bracketed span
 * with its place (byte offsets, line and column), nesting depth, parent,
 * and delegation tags.  The model keeps the input and points into it, so
 * nothing is lost: the blocks tile the input and plan_render() with
 * PLAN_DELIVERED gives it back byte for byte.
 *
 * Defects are diagnostics, never failures: a bracket opened and never
 * closed is reported where it was opened and closed at the next numbered
 * measure or heading (unless a closing bracket later in the same section
 * shows that it legitimately spans measures); a closing bracket with
 * nothing open is reported and kept as text; a tag naming no country of
 * the list is reported and kept out of the counts of delegations.
 *
 * Markdown transcriptions (plan_read with PLAN_MARKDOWN) are read with
 * their own syntax: [text](url), [text][ref] with a defined ref, [ref]
 * alone when defined, ![alt](src), footnotes [^n] and backslash escapes
 * are text, not brackets; `#` lines are headings; a front matter's title
 * is the title.
 *
 * The reader makes two linear passes (lines, then bracket characters) and
 * allocates in proportion to what it finds; it has no limits of its own
 * beyond those of memory.
 */
#ifndef CTM_PLAN_PLAN_H
#define CTM_PLAN_PLAN_H

#include <stddef.h>

#include "../core/buf.h"

/* What a block of the document is. */
typedef enum PlanBlockKind {
	PLAN_FRONT,     /* before the title: letterhead, front matter */
	PLAN_TITLE,     /* the title of the plan */
	PLAN_PREAMBLE,  /* a preamble paragraph */
	PLAN_HEADING,   /* a pillar heading, or a Markdown heading */
	PLAN_PARAGRAPH, /* any other paragraph: a chapeau, a note */
	PLAN_MEASURE    /* a numbered measure */
} PlanBlockKind;

typedef struct PlanBlock {
	PlanBlockKind kind;
	size_t start, end;  /* bytes [start, end): the blocks tile the input */
	size_t text_end;    /* end of the text without trailing blank lines */
	int line;           /* first line, from 1 */
	int section;        /* index of the heading block above, or -1 */
	size_t num, numlen; /* measure: its number as written ("11a") */
	int inserted;       /* measure: a bracket proposes to add it */
	int bracket;        /* measure: the bracket that wraps it, or -1 */
} PlanBlock;

/* A delegation tag: (+IND) or (-IND). */
typedef struct PlanTag {
	char code[4]; /* ISO 3166-1 alpha-3, NUL-terminated */
	char sign;    /* '+' proposes to add, '-' to delete */
	int known;    /* the code is in the country list */
	int line, col;
} PlanTag;

typedef struct PlanBracket {
	size_t open;  /* offset of '[' */
	size_t close; /* offset of ']'; if unclosed, where it was recovered */
	size_t end;   /* offset after ']' and its tags (== close if unclosed) */
	int line, col; /* of '[' (col counts characters, from 1) */
	int depth;     /* 1 for a top-level bracket */
	int parent;    /* the bracket it is inside, or -1 */
	int block;     /* the block it opens in */
	int closed;
	int tag0, ntag; /* its tags: plan->tag[tag0 .. tag0 + ntag) */
	int nadd, ndel; /* its tags of each sign (known codes only) */
} PlanBracket;

/* A defect of the draft, with where it is. */
typedef struct PlanDiag {
	int line, col;
	char *msg;
} PlanDiag;

typedef struct Plan {
	const char *text; /* the input: not owned, must outlive the Plan */
	size_t len;
	int markdown;
	PlanBlock *block;
	size_t nblock, capblock;
	PlanBracket *br; /* in the order they open */
	size_t nbr, capbr;
	PlanTag *tag;
	size_t ntag, captag;
	PlanDiag *diag;
	size_t ndiag, capdiag;
	size_t nstray;  /* closing brackets with nothing open */
	int title;      /* the title block, or -1 */
	char *title_md; /* a front matter's title, owned, or NULL */
} Plan;

/* Says whether an alpha-3 code names a country; NULL means all do. */
typedef int (*PlanKnownFn)(void *ctx, const char *code);

enum { PLAN_TEXT = 0, PLAN_MARKDOWN = 1 };

/*
 * Read text[0 .. len) into p.  flags is PLAN_TEXT or PLAN_MARKDOWN.
 * Never fails; what is wrong in the draft is in p->diag.
 */
void plan_read(Plan *p, const char *text, size_t len, int flags,
    PlanKnownFn known, void *ctx);
void plan_free(Plan *p);

/* PLAN_MARKDOWN when the name ends in .md or .markdown, else PLAN_TEXT. */
int plan_flags_for(const char *filename);

/* The figures of `ctmatrix plan stats`. */
typedef struct PlanStats {
	long brackets, unclosed, nested, unsponsored;
	long measures, inserted_measures;
	long stray_closers, unknown_tags;
} PlanStats;

void plan_stats(const Plan *p, PlanStats *st);

/* The versions of the text `ctmatrix plan text` prints. */
typedef enum PlanView {
	PLAN_DELIVERED, /* the input, exactly */
	PLAN_AGREED,    /* every bracketed span out */
	PLAN_ALL,       /* every proposal in, markup removed */
	PLAN_AS         /* as one delegation would have it */
} PlanView;

/*
 * Append to out the text of blocks [from, to) of p in the given view
 * (as: the delegation for PLAN_AS).  Markup removed leaves no doubled
 * spaces and no space before punctuation; a line emptied by a removal
 * goes too.
 */
void plan_render(const Plan *p, PlanView view, const char *as, size_t from,
    size_t to, Buf *out);

/*
 * For PLAN_AS: what delegation `as` makes of bracket i.
 * 1 in (markup removed), 0 out, -1 undecided (stays marked).
 */
int plan_decide(const Plan *p, size_t i, PlanView view, const char *as);

/*
 * Walk text [a, z) of p as text and brackets: text() for each run of
 * text, open() where a bracket starts (first is 0 for a bracket that
 * started before a and is open at it), close() where it ends; the '['
 * and the ']' with its tags are not passed as text.  Brackets open at a
 * are opened first and those open at z closed last, so the calls always
 * nest.
 */
typedef struct PlanWalk {
	void (*text)(void *ctx, const char *s, size_t n);
	void (*open)(void *ctx, size_t bracket, int first);
	void (*close)(void *ctx, size_t bracket);
} PlanWalk;

void plan_walk(const Plan *p, size_t a, size_t z, const PlanWalk *w, void *ctx);

/* A label for the block: "preamble", "Pillar I", "measure 11a", ... */
void plan_block_label(const Plan *p, size_t b, Buf *out);

/* The label in lang ("mesure 11a"); plan_block_label()'s, in English. */
void plan_block_label_in(const Plan *p, size_t b, const char *lang, Buf *out);

/* The measure (or block) a bracket belongs to: the block it opens in. */
/* The text of a bracket's content, markup of nested brackets kept. */
void plan_bracket_text(const Plan *p, size_t i, Buf *out);

/* The sorted list of delegations tagged in p (known codes), "IND\0TUR\0".
 * Returns the count; codes[k] points into p->tag. */
size_t plan_delegations(const Plan *p, const char ***codes);

/*
 * Count the tags of brackets [from, to) per delegation: add[k] and del[k]
 * for codes[k] (known codes only; the arrays have n entries, zeroed here).
 */
void plan_count_tags(const Plan *p, size_t from, size_t to,
    const char *const *codes, size_t n, long *add, long *del);

/* The end of the run of brackets from i that open in the same block. */
size_t plan_block_run(const Plan *p, size_t i);

#endif
