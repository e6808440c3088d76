/*
 * check.c - the data-quality findings (see store.h).
 *
 * Findings are computed from the data as it stands, not remembered from
 * the import that caused them, so fixing a project makes its finding go
 * away and a second import of the same file reports the same findings.
 * The one exception is project_issue: defects of a source row that leave
 * no other trace (an unreadable period, a field that was empty), written
 * by the importer next to the project.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "store_int.h"

/*
 * One kind of finding: its query returns pillar key, serial, project id,
 * subject, and up to two numbers for the message; format turns them into
 * a sentence (printf with the subject, serial, pillar as %s %lld %s ...).
 */
typedef struct CheckQuery {
	const char *kind;
	const char *sql;
} CheckQuery;

static const CheckQuery check_queries[] = {
	{ "count-mismatch",
	    "SELECT key, NULL, NULL, NULL, declared, found FROM ("
	    " SELECT pl.key, pl.number, a.declared,"
	    " (SELECT count(*) FROM project p WHERE p.pillar_id = pl.id"
	    "  AND p.source_key IS NOT NULL) AS found"
	    " FROM annex_table a JOIN pillar pl ON pl.id = a.pillar_id"
	    " WHERE a.declared IS NOT NULL) AS t"
	    " WHERE declared <> found ORDER BY number" },
	{ "duplicate-serial",
	    "SELECT pl.key, t.serial, NULL, NULL, t.n, 0 FROM ("
	    " SELECT pillar_id, serial, count(*) AS n FROM project"
	    " WHERE serial IS NOT NULL GROUP BY pillar_id, serial"
	    " HAVING count(*) > 1) AS t JOIN pillar pl ON pl.id = t.pillar_id"
	    " ORDER BY pl.number, t.serial" },
	{ "missing-serial",
	    "SELECT key, serial, NULL, NULL, prev, 0 FROM ("
	    " SELECT pl.key, pl.number, p.serial, lag(p.serial, 1, 0) OVER ("
	    "  PARTITION BY p.pillar_id ORDER BY p.serial) AS prev"
	    " FROM project p JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE p.serial IS NOT NULL) AS t"
	    " WHERE serial > prev + 1 ORDER BY number, serial" },
	{ "unknown-entity",
	    "SELECT pl.key, p.serial, p.id, po.name, 0, 0 FROM project_org po"
	    " JOIN project p ON p.id = po.project_id"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE po.organisation_id IS NULL"
	    " ORDER BY pl.number, p.serial, p.id, po.position" },
	{ "missing-entity",
	    "SELECT pl.key, p.serial, p.id, NULL, 0, 0 FROM project p"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE NOT EXISTS (SELECT 1 FROM project_org po"
	    "  WHERE po.project_id = p.id)"
	    " ORDER BY pl.number, p.serial, p.id" },
	{ "unknown-place",
	    "SELECT pl.key, p.serial, p.id, pp.name, 0, 0 FROM project_place pp"
	    " JOIN project p ON p.id = pp.project_id"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE pp.place_id IS NULL AND pp.organisation_id IS NULL"
	    " ORDER BY pl.number, p.serial, p.id, pp.position" },
	{ "place-is-organisation",
	    "SELECT pl.key, p.serial, p.id, pp.name, 0, 0 FROM project_place pp"
	    " JOIN project p ON p.id = pp.project_id"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE pp.organisation_id IS NOT NULL"
	    " ORDER BY pl.number, p.serial, p.id, pp.position" },
	{ "unknown-status",
	    "SELECT pl.key, p.serial, p.id, coalesce(p.status_text, ''), 0, 0"
	    " FROM project p LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE p.status IS NULL ORDER BY pl.number, p.serial, p.id" },
	{ "missing-scope",
	    "SELECT pl.key, p.serial, p.id, p.scope_text, 0, 0 FROM project p"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE p.scopes = 0"
	    " ORDER BY pl.number, p.serial, p.id" },
	{ NULL, /* kind from the row: source_note */
	    "SELECT NULL, NULL, 0, source_file || ':' || line || ': ' ||"
	    " message, 0, 0, kind FROM source_note"
	    " ORDER BY source_file, line" },
	{ NULL, /* kind from the row: project_issue */
	    "SELECT pl.key, p.serial, p.id, i.message, 0, 0, i.kind"
	    " FROM project_issue i JOIN project p ON p.id = i.project_id"
	    " LEFT JOIN pillar pl ON pl.id = p.pillar_id"
	    " ORDER BY i.kind, pl.number, p.serial, p.id, i.rowid" },
};

/* Where a finding is: "pillar II, serial 26" or "project 12". */
static void
check_where(Buf *m, const char *lang, const char *pillar, int64_t serial,
    int64_t project)
{
	if (pillar && serial >= 0)
		buf_printf(m, tr(lang, "pillar %s, serial %lld"), pillar,
		    (long long)serial);
	else if (pillar)
		buf_printf(m, tr(lang, "pillar %s, project %lld"), pillar,
		    (long long)project);
	else
		buf_printf(m, tr(lang, "project %lld"), (long long)project);
}

/*
 * The sentence of a finding of a kind whose message the numbers a and b
 * complete (count-mismatch: declared and found; duplicate-serial: the
 * projects; missing-serial: the last serial missing), in lang (English
 * for NULL); 0 when kind is none of them.
 */
static int
check_counted(Buf *m, const char *lang, const char *kind, const Finding *f,
    int64_t a, int64_t b)
{
	if (strcmp(kind, "count-mismatch") == 0)
		buf_printf(m,
		    tr(lang,
			"pillar %s declares %lld projects but %lld were found"),
		    f->pillar, (long long)a, (long long)b);
	else if (strcmp(kind, "duplicate-serial") == 0)
		buf_printf(m,
		    tr(lang,
			"serial %lld of pillar %s is used by %lld projects"),
		    (long long)f->serial, f->pillar, (long long)a);
	else if (strcmp(kind, "missing-serial") == 0 && b > f->serial)
		buf_printf(m, tr(lang, "pillar %s has no serials %lld to %lld"),
		    f->pillar, (long long)f->serial, (long long)b);
	else if (strcmp(kind, "missing-serial") == 0)
		buf_printf(m, tr(lang, "pillar %s has no serial %lld"),
		    f->pillar, (long long)f->serial);
	else
		return 0;
	return 1;
}

/*
 * What is wrong with a project, after where it is, for the kinds of
 * findings this file queries; 0 for another kind (a defect the importer
 * noted, whose subject is its sentence).
 */
static int
check_fault(Buf *m, const char *lang, const char *kind, const char *subject)
{
	if (strcmp(kind, "unknown-entity") == 0)
		buf_printf(m, tr(lang, "unknown entity \"%s\""), subject);
	else if (strcmp(kind, "missing-entity") == 0)
		buf_puts(m, tr(lang, "no implementing entity"));
	else if (strcmp(kind, "unknown-place") == 0)
		buf_printf(m, tr(lang, "unknown place \"%s\""), subject);
	else if (strcmp(kind, "place-is-organisation") == 0)
		buf_printf(m,
		    tr(lang,
			"\"%s\" in the geographical scope is an organisation,"
			" not a place"),
		    subject);
	else if (strcmp(kind, "unknown-status") == 0)
		buf_printf(m, tr(lang, "unknown status \"%s\""), subject);
	else if (strcmp(kind, "missing-scope") == 0)
		buf_printf(m,
		    tr(lang, "no geographical scope could be read from \"%s\""),
		    subject);
	else
		return 0;
	return 1;
}

/* The message of a finding in English, as it is kept and given in JSON. */
static void
check_message(Buf *m, const char *kind, const Finding *f, int64_t a, int64_t b)
{
	if (check_counted(m, NULL, kind, f, a, b))
		return;
	if (f->project_id == 0 && f->pillar == NULL) {
		/* A note on a source file, already a whole sentence. */
		buf_puts(m, f->subject ? f->subject : "");
		return;
	}
	check_where(m, NULL, f->pillar, f->serial, f->project_id);
	buf_puts(m, ": ");
	if (!check_fault(m, NULL, kind, f->subject))
		buf_puts(m, f->subject ? f->subject : "");
}

/*
 * The sentences the importer writes of the defects of a source row (a
 * project_issue's message) and of a source file (a source_note's, after
 * "FILE:LINE: "), as patterns whose %s stand for the texts they carry:
 * the English kept in the database is read back through them and said
 * again in another language.  A sentence none of them reads stays
 * English.  They must follow annex_read.c, annex_cell.c, annex_import.c,
 * project_csv.c and the IATI importer (iati_read.c, iati_project.c,
 * iati_import.c).
 */
static const char *const check_notes[] = {
	N_("line %s: the title is empty"),
	N_("line %s: the status is empty"),
	N_("line %s: the main activities is empty"),
	N_("line %s: the activities are empty"),
	N_("line %s: period \"(%s)\" could not be read; it was left in the "
	   "title"),
	N_("line %s: period \"%s\" could not be read; it was kept as written"),
	N_("line %s: serial \"%s\" is not a number"),
	N_("line %s has more than %s cells; the extra text was added to the "
	   "geographical scope"),
	N_("line %s continues a row, but no row precedes it; its text was not "
	   "imported"),
	N_("line %s inside a table is not a row and was ignored: \"%s\""),
	N_("row %s of pillar %s at line %s repeats the row at %s; it was "
	   "imported once"),
	N_("the row of pillar %s at line %s repeats the row at %s; it was "
	   "imported once"),
	/* The IATI importer's (src/io/iati_*.c). */
	N_("activity without an iati-identifier: not imported"),
	N_("iati-identifier \"%s\" met before in this import: the first is "
	   "kept"),
	N_("no title: the identifier stands for it"),
	N_("%s: \"%s\" is not a date: left out"),
	N_("%s: \"%s\" is not a day: kept as far as it reads"),
	N_("%s: iso-date is empty: left out"),
	N_("participating-org: role \"%s\" is not an organisation role"),
	N_("activity-date: type \"%s\" is not a date type"),
	N_("sector \"%s\" is not in the DAC codelist"),
	N_("transaction-type \"%s\" is not in the codelist"),
	N_("budget type \"%s\" is not in the codelist"),
	N_("%s without a code: left out"),
	N_("%s without a value: left out"),
	N_("recipient-region \"%s\" (vocabulary %s) is no place of ours: kept "
	   "as written"),
	N_("recipient-country \"%s\" is not an ISO 3166 alpha-2 code: kept as "
	   "written"),
	N_("activity-status \"%s\" is not in the codelist: kept as written"),
	N_("budget \"%s\" %s: no sum in a currency we know: no budget kept"),
	N_("budget \"%s\" %s is in another currency than the others: no "
	   "budget kept"),
	N_("the budgets add up to less than nothing: no budget kept"),
	N_("the budgets add up to more than can be counted: no budget kept"),
	N_("budget without a period-start day: no budget kept"),
	N_("budget %s %s: %s: no budget kept"),
};

#define CHECK_HOLES 4

/*
 * Whether text reads as pattern, whose "%s" (never two together) stand
 * for texts of a character or more, each running to the first place the
 * pattern's next words follow (to the end, after the last); the texts in
 * hole[], at most CHECK_HOLES.  Returns how many, or -1 when it does not.
 */
int
store_note_match(const char *text, const char *pattern, Buf hole[])
{
	int n = 0;

	for (;;) {
		const char *h = strstr(pattern, "%s"), *end;
		size_t lit = h ? (size_t)(h - pattern) : strlen(pattern), next;

		if (strncmp(text, pattern, lit) != 0)
			return -1;
		text += lit;
		if (h == NULL)
			return *text == '\0' ? n : -1;
		pattern = h + 2;
		h = strstr(pattern, "%s");
		next = h ? (size_t)(h - pattern) : strlen(pattern);
		if (n == CHECK_HOLES || *text == '\0' || (h && next == 0))
			return -1;
		if (h == NULL) {
			/* The last hole: the pattern's end is the text's. */
			size_t len = strlen(text);

			if (len <= next || strcmp(text + len - next, pattern))
				return -1;
			end = text + len - next;
		} else {
			for (end = text + 1;
			     *end && strncmp(end, pattern, next); end++)
				;
			if (*end == '\0')
				return -1;
		}
		buf_reset(&hole[n]);
		buf_append(&hole[n++], text, (size_t)(end - text));
		text = end;
	}
}

/*
 * fmt with its "%s" (or "%2$s", a translation's order) replaced by the
 * holes, and "%%" by "%": printf's reading of the patterns, for a format
 * that is no literal.
 */
static void
check_fill(Buf *m, const char *fmt, const Buf hole[])
{
	int next = 0;

	for (const char *p = fmt; *p; p++) {
		int i = -1;

		if (*p != '%') {
			buf_putc(m, *p);
		} else if (p[1] == 's') {
			i = next++;
			p++;
		} else if (p[1] >= '1' && p[1] <= '9' && p[2] == '$' &&
		    p[3] == 's') {
			i = p[1] - '1';
			p += 3;
		} else if (p[1] == '%') {
			buf_putc(m, *++p);
		} else {
			buf_putc(m, *p);
		}
		if (i >= 0 && i < CHECK_HOLES)
			buf_puts(m, buf_str(&hole[i]));
	}
}

/* The importer's sentence note in lang; 0 when no pattern reads it. */
static int
check_note(Buf *m, const char *lang, const char *note)
{
	Buf hole[CHECK_HOLES] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	int n = -1;

	for (size_t i = 0; n < 0 && note != NULL &&
	     i < sizeof(check_notes) / sizeof(check_notes[0]);
	     i++)
		if ((n = store_note_match(note, check_notes[i], hole)) >= 0)
			check_fill(m, tr(lang, check_notes[i]), hole);
	for (int i = 0; i < CHECK_HOLES; i++)
		buf_free(&hole[i]);
	return n >= 0;
}

void
store_note_text(Buf *out, const char *lang, const char *note)
{
	if (lang == NULL || strcmp(lang, "en") == 0 ||
	    !check_note(out, lang, note))
		buf_puts(out, note ? note : "");
}

/*
 * The numbers a finding's English message carries beyond its fields, read
 * back (see check_counted()); 0 when the message is not as expected.
 */
static int
check_numbers(const Finding *f, int64_t *a, int64_t *b)
{
	long long x = 0, y = 0;
	int ok;

	if (strcmp(f->kind, "count-mismatch") == 0)
		ok =
		    sscanf(f->message,
			"pillar %*s declares %lld projects but %lld were found",
			&x, &y) == 2;
	else if (strcmp(f->kind, "duplicate-serial") == 0)
		ok = sscanf(f->message,
			 "serial %*d of pillar %*s is used by %lld projects",
			 &x) == 1;
	else if (strcmp(f->kind, "missing-serial") == 0)
		ok = sscanf(f->message, "pillar %*s has no serials %*d to %lld",
			 &y) == 1 ||
		    sscanf(f->message, "pillar %*s has no serial %lld", &y) ==
			1;
	else
		return 1;
	*a = x;
	*b = y;
	return ok;
}

/* In "FILE:LINE: note", where ": note" starts; NULL when it is not so. */
static const char *
file_line_end(const char *s)
{
	for (const char *c = strchr(s, ':'); c != NULL;
	     c = strchr(c + 1, ':')) {
		const char *d = c + 1;

		while (*d >= '0' && *d <= '9')
			d++;
		if (d > c + 1 && d[0] == ':' && d[1] == ' ')
			return d;
	}
	return NULL;
}

void
store_finding_text(Buf *out, const char *lang, const Finding *f)
{
	size_t at = out->len;
	int64_t a = 0, b = 0;

	if (lang == NULL || strcmp(lang, "en") == 0 ||
	    !check_numbers(f, &a, &b)) {
		buf_puts(out, f->message);
		return;
	}
	if (check_counted(out, lang, f->kind, f, a, b))
		return;
	if (f->project_id == 0 && f->pillar == NULL) {
		/* "FILE:LINE: " and the note. */
		const char *note =
		    f->subject ? strstr(f->subject, ": line ") : NULL;

		/* The IATI importer's: "FILE:LINE: " and its sentence. */
		if (note == NULL && f->subject != NULL)
			note = file_line_end(f->subject);

		if (note != NULL) {
			buf_append(
			    out, f->subject, (size_t)(note - f->subject));
			buf_puts(out, tr(lang, ": "));
		}
		if (note == NULL || !check_note(out, lang, note + 2)) {
			buf_truncate(out, at);
			buf_puts(out, f->message);
		}
		return;
	}
	check_where(out, lang, f->pillar, f->serial, f->project_id);
	/* TRANSLATORS: between where a finding is and what it is. */
	buf_puts(out, tr(lang, ": "));
	if (!check_fault(out, lang, f->kind, f->subject) &&
	    !check_note(out, lang, f->subject)) {
		buf_truncate(out, at);
		buf_puts(out, f->message);
	}
}

/* The kinds of findings, as a table names them in another language. */
static const char *const check_kinds[][2] = {
	{ "count-mismatch", N_("count mismatch") },
	{ "duplicate-serial", N_("duplicate serial") },
	{ "missing-serial", N_("missing serial") },
	{ "unknown-entity", N_("unknown entity") },
	{ "missing-entity", N_("missing entity") },
	{ "unknown-place", N_("unknown place") },
	{ "place-is-organisation", N_("organisation as a place") },
	{ "unknown-status", N_("unknown status") },
	{ "missing-scope", N_("missing scope") },
	{ "missing-field", N_("missing field") },
	{ "period-unparsed", N_("period not read") },
	{ "bad-serial", N_("bad serial") },
	{ "extra-cells", N_("extra cells") },
	{ "orphan-continuation", N_("orphan continuation") },
	{ "stray-text", N_("stray text") },
	/* the importer's notes on rows it refused or read twice */
	{ "not-your-entity", N_("not your entity") },
	{ "repeated-row", N_("repeated row") },
};

const char *
store_finding_kind(const char *lang, const char *kind)
{
	if (lang == NULL || strcmp(lang, "en") == 0)
		return kind;
	for (size_t i = 0; i < sizeof(check_kinds) / sizeof(check_kinds[0]);
	     i++)
		if (strcmp(check_kinds[i][0], kind) == 0)
			return tr(lang, check_kinds[i][1]);
	return kind;
}

/*
 * Report the serials missing between prev and next, one finding each; a gap
 * wider than GAP_SPLIT is one finding for the range, so that a table that
 * jumps from 40 to 4000 does not bury everything else.
 */
#define GAP_SPLIT 20

/*
 * The numbers that serials with a letter after them stand for ("12a",
 * "12b": 12), by pillar: none of them is missing.  Read off the
 * importer's notes of serials that are no number.
 */
typedef struct Suffixed {
	char pillar[8];
	int64_t n;
} Suffixed;

typedef struct SuffixedSet {
	Suffixed *v;
	size_t n, cap;
} SuffixedSet;

static int
suffixed_read(Store *s, SuffixedSet *set, Buf *err)
{
	Buf hole[CHECK_HOLES] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
	DbStmt *st = db_prepare(s->db,
	    "SELECT pl.key, pi.message FROM project_issue pi"
	    " JOIN project p ON p.id = pi.project_id"
	    " JOIN pillar pl ON pl.id = p.pillar_id"
	    " WHERE pi.kind = 'bad-serial'",
	    err);
	int step;

	if (st == NULL)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		const char *t;
		char *end;
		long long n;

		if (store_note_match(db_text(st, 1),
			"line %s: serial \"%s\" is not a number", hole) != 2)
			continue;
		t = buf_str(&hole[1]);
		if (*t < '0' || *t > '9')
			continue;
		n = strtoll(t, &end, 10);
		if (*end == '\0' || strlen(db_text(st, 0)) >= 8)
			continue;
		mem_grow(
		    (void **)&set->v, &set->cap, set->n + 1, sizeof(*set->v));
		snprintf(set->v[set->n].pillar, sizeof(set->v[set->n].pillar),
		    "%s", db_text(st, 0));
		set->v[set->n++].n = n;
	}
	db_reset(st);
	for (int i = 0; i < CHECK_HOLES; i++)
		buf_free(&hole[i]);
	return step == DB_ERROR ? store_fail(s, err) : 0;
}

static int
suffixed_has(const SuffixedSet *set, const char *pillar, int64_t n)
{
	for (size_t i = 0; pillar != NULL && i < set->n; i++)
		if (set->v[i].n == n && strcmp(set->v[i].pillar, pillar) == 0)
			return 1;
	return 0;
}

static int
check_gap(Finding *f, int64_t prev, int64_t next, const SuffixedSet *sfx,
    StoreFindingFn fn, void *ctx)
{
	Buf msg = BUF_INIT;
	int rc = 0;

	/* "11, 12a, 12b, 13": 12 is there. */
	while (prev + 1 < next && suffixed_has(sfx, f->pillar, prev + 1))
		prev++;
	while (next - 1 > prev && suffixed_has(sfx, f->pillar, next - 1))
		next--;
	for (int64_t n = prev + 1; n < next && rc == 0; n++) {
		int range = next - prev - 1 > GAP_SPLIT;

		if (!range && suffixed_has(sfx, f->pillar, n))
			continue;

		f->serial = n;
		buf_reset(&msg);
		check_message(
		    &msg, "missing-serial", f, 0, range ? next - 1 : n);
		f->message = buf_str(&msg);
		rc = fn(ctx, f) != 0;
		if (range)
			break;
	}
	buf_free(&msg);
	return rc;
}

static int
check_run(Store *s, const CheckQuery *q, StoreFindingFn fn, void *ctx, Buf *err)
{
	SuffixedSet sfx = { NULL, 0, 0 };
	DbStmt *st;
	Buf msg = BUF_INIT;
	int step, rc = 0;

	if (q->kind != NULL && strcmp(q->kind, "missing-serial") == 0 &&
	    suffixed_read(s, &sfx, err) != 0)
		return -1;
	if ((st = db_prepare(s->db, q->sql, err)) == NULL) {
		free(sfx.v);
		return -1;
	}
	while (rc == 0 && (step = db_step(st)) == DB_ROW) {
		Finding f;
		const char *kind = q->kind ? q->kind : db_text(st, 6);
		int64_t serial = db_is_null(st, 1) ? -1 : db_int(st, 1);

		f.kind = kind;
		f.pillar = db_text_or_null(st, 0);
		f.serial = serial;
		f.project_id = db_int(st, 2);
		f.subject = db_text_or_null(st, 3);
		if (strcmp(kind, "missing-serial") == 0) {
			rc =
			    check_gap(&f, db_int(st, 4), serial, &sfx, fn, ctx);
			continue;
		}
		buf_reset(&msg);
		check_message(&msg, kind, &f, db_int(st, 4), db_int(st, 5));
		f.message = buf_str(&msg);
		if (fn(ctx, &f) != 0)
			rc = 1;
	}
	if (rc == 0 && step == DB_ERROR)
		rc = store_fail(s, err);
	db_reset(st);
	buf_free(&msg);
	free(sfx.v);
	return rc < 0 ? -1 : 0;
}

/*
 * Findings are kept with the generation they were computed at, like
 * statistics (stats.c): `ctmatrix check` asked twice with no change in
 * between reads them back instead of checking the portfolio again.
 */
typedef struct FindingRow {
	char *kind, *pillar, *subject, *message;
	int64_t serial, project_id;
} FindingRow;

typedef struct FindingList {
	FindingRow *r;
	size_t n, cap;
	StoreFindingFn fn;
	void *ctx;
	int stopped;
} FindingList;

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static int
finding_keep(void *ctx, const Finding *f)
{
	FindingList *l = ctx;
	FindingRow *r;

	mem_grow((void **)&l->r, &l->cap, l->n + 1, sizeof(*r));
	r = &l->r[l->n++];
	r->kind = xstrdup(f->kind);
	r->pillar = dup_or_null(f->pillar);
	r->subject = dup_or_null(f->subject);
	r->message = xstrdup(f->message);
	r->serial = f->serial;
	r->project_id = f->project_id;
	if (l->fn(l->ctx, f) != 0) {
		l->stopped = 1;
		return 1;
	}
	return 0;
}

/* Read cached findings of generation gen: 1 when there were, else 0. */
static int
findings_cached(Store *s, int64_t gen, StoreFindingFn fn, void *ctx)
{
	Buf err = BUF_INIT;
	DbStmt *st = db_prepare(s->db,
	    "SELECT kind, pillar, serial, project_id, subject, message,"
	    " generation FROM finding_cache ORDER BY pos",
	    &err);
	int found = 0;

	buf_free(&err);
	if (st == NULL)
		return 0;
	while (db_step(st) == DB_ROW) {
		Finding f;

		if (db_int(st, 6) != gen)
			break;
		found = 1;
		if (strcmp(db_text(st, 0), "none") == 0)
			break; /* the marker of an empty result */
		f.kind = db_text(st, 0);
		f.pillar = db_text_or_null(st, 1);
		f.serial = db_is_null(st, 2) ? -1 : db_int(st, 2);
		f.project_id = db_int(st, 3);
		f.subject = db_text_or_null(st, 4);
		f.message = db_text(st, 5);
		if (fn(ctx, &f) != 0)
			break;
	}
	db_reset(st);
	return found;
}

static void
findings_store(Store *s, int64_t gen, const FindingList *l)
{
	Buf err = BUF_INIT;
	DbStmt *ins;
	Db *w = store_fill_begin(s, gen);
	int ok;

	if (w == NULL)
		goto out;
	ok = db_exec(w, "DELETE FROM finding_cache", &err) == 0;
	ins = db_prepare(w,
	    "INSERT INTO finding_cache(generation, pos, kind, pillar, serial,"
	    " project_id, subject, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    &err);
	ok = ok && ins != NULL;
	if (ok && l->n == 0)
		ok = db_bind(ins, "iitnnntt", gen, (int64_t)0, "none", "",
			 "") == 0 &&
		    store_run(s, ins, &err) == 0;
	for (size_t i = 0; ok && i < l->n; i++) {
		const FindingRow *r = &l->r[i];

		ok = db_bind(
			 ins, "iitt", gen, (int64_t)i, r->kind, r->pillar) == 0;
		/* NULL said each time: a binding stays from the row before. */
		if (ok)
			ok = (r->serial >= 0
				     ? db_bind_int(ins, 5, r->serial)
				     : db_bind_text(ins, 5, NULL)) == 0 &&
			    (r->project_id > 0
				    ? db_bind_int(ins, 6, r->project_id)
				    : db_bind_text(ins, 6, NULL)) == 0;
		ok = ok && db_bind_text(ins, 7, r->subject) == 0 &&
		    db_bind_text(ins, 8, r->message) == 0 &&
		    store_run(s, ins, &err) == 0;
	}
	store_fill_end(s, w, ok);
out:
	buf_free(&err);
}

static int
findings_compute(Store *s, StoreFindingFn fn, void *ctx, Buf *err)
{
	for (size_t i = 0; i < sizeof(check_queries) / sizeof(check_queries[0]);
	     i++)
		if (check_run(s, &check_queries[i], fn, ctx, err) != 0)
			return -1;
	return 0;
}

int
store_findings(Store *s, StoreFindingFn fn, void *ctx, Buf *err)
{
	FindingList l = { NULL, 0, 0, fn, ctx, 0 };
	int64_t gen = store_generation(s);
	int rc;

	if (gen > 0 && findings_cached(s, gen, fn, ctx))
		return 0;
	rc = findings_compute(s, finding_keep, &l, err);
	if (rc == 0 && gen > 0 && !l.stopped)
		findings_store(s, gen, &l);
	for (size_t i = 0; i < l.n; i++) {
		free(l.r[i].kind);
		free(l.r[i].pillar);
		free(l.r[i].subject);
		free(l.r[i].message);
	}
	free(l.r);
	return rc;
}
