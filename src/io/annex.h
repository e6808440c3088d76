/*
 * annex.h - reading the matrix of projects as the Secretary-General's
 * report publishes it.
 *
 * The annex ("CTITF Matrix of UN Counter-Terrorism Projects and
 * Activities") comes as text: markdown headings ("#### Pillar I of the UN
 * Global Counter-Terrorism Strategy"), a declared count ("120 projects"),
 * and tab-separated rows of five cells (serial; title with period and
 * entities; status; main activities; geographical scope), the header row
 * repeated on every page, rows split over page breaks into a row whose
 * serial cell is empty, entities in <b> tags or plain text, links in <a>
 * tags.  The reader turns lines into events; annex_cell.c takes a row's
 * cells apart; annex_import.c resolves and stores them.
 *
 * Nothing here touches the database, so the whole of it can be fuzzed.
 */
#ifndef CTM_IO_ANNEX_H
#define CTM_IO_ANNEX_H

#include <stddef.h>
#include <stdio.h>

#include "../core/buf.h"
#include "../portfolio/period.h"

#define ANNEX_CELLS 5
enum { CELL_SERIAL, CELL_TITLE, CELL_STATUS, CELL_ACTIVITIES, CELL_SCOPE };

/* A defect noticed in the source, with where it is. */
typedef struct AnnexNote {
	size_t line; /* line of the file */
	char *kind;  /* e.g. "stray-text", "period-unparsed" */
	char *message;
} AnnexNote;

typedef struct AnnexNotes {
	AnnexNote *note;
	size_t n, cap;
} AnnexNotes;

void annex_note(AnnexNotes *ns, size_t line, const char *kind, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));
void annex_notes_free(AnnexNotes *ns);

typedef enum AnnexEventType {
	ANNEX_PILLAR,   /* a pillar heading: ev.pillar, ev.line */
	ANNEX_DECLARED, /* "N projects": ev.declared */
	ANNEX_ROW,      /* a table row: ev.row */
	ANNEX_AS_OF     /* "As of February 2018": ev.as_of */
} AnnexEventType;

typedef struct AnnexRow {
	size_t line;           /* line the row starts on */
	size_t last_line;      /* last line joined into it */
	int joined;            /* continuation lines joined */
	long serial;           /* -1 when the serial cell is not a number */
	Buf cell[ANNEX_CELLS]; /* cells as written, markup included */
	AnnexNotes notes;      /* defects of this row */
} AnnexRow;

typedef struct AnnexEvent {
	AnnexEventType type;
	size_t line;
	const char *pillar; /* ANNEX_PILLAR: key I..IV */
	long declared;  /* ANNEX_DECLARED; ANNEX_PILLAR: its heading's, or -1 */
	AnnexRow *row;  /* ANNEX_ROW: valid until the next call */
	char as_of[11]; /* ANNEX_AS_OF: YYYY or YYYY-MM */
} AnnexEvent;

typedef struct AnnexReader {
	FILE *fp;         /* the text, read line by line */
	const char *name; /* file name for messages */
	size_t line;      /* lines read */
	char *buf;        /* getline buffer */
	size_t bufcap;
	int have_row;     /* row holds a row not yet given out */
	int in_table;     /* a pillar heading has been seen */
	AnnexRow row;     /* the row being assembled */
	AnnexRow out;     /* the row last given out */
	int pending;      /* a heading event waits in next */
	AnnexEvent next;  /* that event */
	AnnexNotes notes; /* defects outside rows (stray text, ...) */
} AnnexReader;

/* Read from fp (not closed by the reader); name is used in messages. */
void annex_reader_init(AnnexReader *r, FILE *fp, const char *name);
void annex_reader_free(AnnexReader *r);

/*
 * Give the next event in *ev: 1 when there is one, 0 at the end, -1 on an
 * error that makes the file unreadable (invalid UTF-8, a read error), with
 * "file:line:column: message" in err.
 */
int annex_next(AnnexReader *r, AnnexEvent *ev, Buf *err);

/* --- cells (annex_cell.c) ---------------------------------------------- */

/* Whether a name is a known organisation (for entities in plain text). */
typedef int (*AnnexIsEntity)(void *ctx, const char *name);

/* What the title cell holds, taken apart. */
typedef struct AnnexTitle {
	Buf title;       /* clean title */
	Buf period_text; /* the period as written, without parentheses */
	Period period;   /* parsed; all zero when there is none */
	int has_period;
	char **entity; /* entities as written, lead first */
	size_t nentity;
	int plain_entities; /* entities were found in plain text */
} AnnexTitle;

/*
 * Take the title cell apart.  is_entity recognises organisation names in
 * plain text.  Defects (a period that could not be read) go to notes at
 * line.  Free with annex_title_free().
 */
void annex_title_parse(const char *cell, AnnexIsEntity is_entity, void *ctx,
    AnnexTitle *t, AnnexNotes *notes, size_t line);
void annex_title_free(AnnexTitle *t);

/*
 * An entity's role written after its name, "UNODC (lead)", "OHCHR
 * (co-lead)": the length of name[0 .. len) without it (len when there is
 * none); *lead (if not NULL) is set to 1 for a lead, 0 for a co-lead.
 */
size_t annex_role_marker(const char *name, size_t len, int *lead);

/* The geographical scope cell, split into keywords and names. */
typedef struct AnnexScope {
	int scopes;  /* SCOPE_* bits named explicitly */
	char **name; /* place names as written */
	size_t nname;
} AnnexScope;

void annex_scope_parse(const char *cell, AnnexScope *sc);
void annex_scope_free(AnnexScope *sc);

/*
 * Append cell's text to out with markup removed: tags dropped (<br> as a
 * space), character references decoded, whitespace collapsed, trimmed.
 */
void annex_plain(const char *cell, Buf *out);

#endif
