/*
 * iati.c - what the store keeps of IATI activities (see store.h).
 *
 * An activity imported from an IATI file is a project (project.c) plus
 * one row of iati_activity (its identifier and the parts the project does
 * not carry, as JSON the io layer writes), its sectors and its budgets
 * and transactions.  Saving replaces them all inside the caller's
 * transaction.  Not for reading IATI XML: src/io/iati_read.c does that.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "store_int.h"

int64_t
store_iati_find(Store *s, const char *identifier, Buf *err)
{
	return store_id_of(s,
	    "SELECT project_id FROM iati_activity WHERE identifier = ?",
	    identifier, err);
}

/* Forget what was kept for project id. */
static int
iati_clear(Store *s, int64_t id, Buf *err)
{
	static const char *const sql[] = {
		"DELETE FROM iati_money WHERE project_id = ?",
		"DELETE FROM iati_sector WHERE project_id = ?",
		"DELETE FROM iati_activity WHERE project_id = ?",
	};

	return store_run_each(s, sql, sizeof(sql) / sizeof(sql[0]), id, err);
}

#define V7 "(?, ?, ?, ?, ?, ?, ?)"
#define SECTOR_INSERT                                                          \
	"INSERT INTO iati_sector(project_id, position, vocabulary,"            \
	" vocabulary_uri, code, percentage, name) VALUES "
#define SECTOR_BATCH 4
static const char *const sector_sql[SECTOR_BATCH + 1] = { NULL,
	SECTOR_INSERT V7, SECTOR_INSERT V7 "," V7,
	SECTOR_INSERT V7 "," V7 "," V7, SECTOR_INSERT V7 "," V7 "," V7 "," V7 };

static int
iati_write_sectors(Store *s, const IatiRecord *r, Buf *err)
{
	for (size_t i = 0; i < r->nsectors; i += SECTOR_BATCH) {
		size_t n = r->nsectors - i < SECTOR_BATCH ? r->nsectors - i
							  : SECTOR_BATCH;
		DbStmt *st = db_prepare(s->db, sector_sql[n], err);

		if (st == NULL)
			return -1;
		for (size_t k = 0; k < n; k++) {
			const IatiSector *x = &r->sectors[i + k];
			int b = (int)k * 7;

			db_bind_int(st, b + 1, r->project_id);
			db_bind_int(st, b + 2, (int64_t)(i + k));
			db_bind_text(
			    st, b + 3, x->vocabulary ? x->vocabulary : "1");
			db_bind_text(st, b + 4, x->vocabulary_uri);
			db_bind_text(st, b + 5, x->code ? x->code : "");
			db_bind_text(st, b + 6, x->percentage);
			db_bind_text(st, b + 7, x->name);
		}
		if (store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

/*
 * Budgets and transactions, up to eight rows a statement, sectors up to
 * four: an import spends most of its time starting statements.
 */
#define MONEY_COLS 14
#define V14        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define MONEY_INSERT                                                           \
	"INSERT INTO iati_money(project_id, position, kind, type, status,"     \
	" start_date, end_date, value, amount, currency, value_date,"          \
	" description, provider, receiver) VALUES "
#define MONEY_BATCH 8
static const char *const money_sql[MONEY_BATCH + 1] = { NULL, MONEY_INSERT V14,
	MONEY_INSERT V14 "," V14, MONEY_INSERT V14 "," V14 "," V14,
	MONEY_INSERT V14 "," V14 "," V14 "," V14,
	MONEY_INSERT V14 "," V14 "," V14 "," V14 "," V14,
	MONEY_INSERT V14 "," V14 "," V14 "," V14 "," V14 "," V14,
	MONEY_INSERT V14 "," V14 "," V14 "," V14 "," V14 "," V14 "," V14,
	MONEY_INSERT V14 "," V14 "," V14 "," V14 "," V14 "," V14 "," V14
			 "," V14 };

static void
money_bind(DbStmt *st, int b, const IatiRecord *r, size_t i)
{
	const IatiMoney *m = &r->money[i];
	const char *kind = m->kind == 'b' ? "b" : "t";

	db_bind_int(st, b + 1, r->project_id);
	db_bind_int(st, b + 2, (int64_t)i);
	db_bind_text(st, b + 3, kind);
	db_bind_text(st, b + 4, m->type);
	db_bind_text(st, b + 5, m->status);
	db_bind_text(st, b + 6, m->start);
	db_bind_text(st, b + 7, m->end);
	db_bind_text(st, b + 8, m->value ? m->value : "");
	if (m->has_amount)
		db_bind_int(st, b + 9, m->amount);
	db_bind_text(st, b + 10, m->currency);
	db_bind_text(st, b + 11, m->value_date);
	db_bind_text(st, b + 12, m->description);
	db_bind_text(st, b + 13, m->provider);
	db_bind_text(st, b + 14, m->receiver);
}

static int
iati_write_money(Store *s, const IatiRecord *r, Buf *err)
{
	for (size_t i = 0; i < r->nmoney; i += MONEY_BATCH) {
		size_t n =
		    r->nmoney - i < MONEY_BATCH ? r->nmoney - i : MONEY_BATCH;
		DbStmt *st = db_prepare(s->db, money_sql[n], err);

		if (st == NULL)
			return -1;
		for (size_t k = 0; k < n; k++)
			money_bind(st, (int)k * MONEY_COLS, r, i + k);
		if (store_run(s, st, err) != 0)
			return -1;
	}
	return 0;
}

int
store_iati_save(Store *s, const IatiRecord *r, int fresh, Buf *err)
{
	DbStmt *st;

	if (!fresh && iati_clear(s, r->project_id, err) != 0)
		return -1;
	st = db_prepare(s->db,
	    "INSERT INTO iati_activity(project_id, identifier, version,"
	    " status_code, reporting_ref, reporting_name, reporting_type,"
	    " source_file, source_line, detail)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    err);
	if (st == NULL ||
	    db_bind(st, "ittttttt", r->project_id, r->identifier, r->version,
		r->status_code, r->reporting_ref, r->reporting_name,
		r->reporting_type, r->source_file ? r->source_file : "") != 0)
		return -1;
	db_bind_int(st, 9, r->source_line);
	db_bind_text(st, 10, r->detail ? r->detail : "{}");
	if (store_run(s, st, err) != 0)
		return -1;
	if (iati_write_sectors(s, r, err) != 0)
		return -1;
	return iati_write_money(s, r, err);
}

static char *
dup_col(DbStmt *st, int i)
{
	const char *t = db_text_or_null(st, i);

	return t ? xstrdup(t) : NULL;
}

static int
iati_read_sectors(Store *s, IatiRecord *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT vocabulary, vocabulary_uri, code, percentage, name"
	    " FROM iati_sector WHERE project_id = ? ORDER BY position",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || db_bind(st, "i", r->project_id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		IatiSector *x;

		mem_grow(
		    (void **)&r->sectors, &cap, r->nsectors + 1, sizeof(*x));
		x = &r->sectors[r->nsectors++];
		x->vocabulary = dup_col(st, 0);
		x->vocabulary_uri = dup_col(st, 1);
		x->code = dup_col(st, 2);
		x->percentage = dup_col(st, 3);
		x->name = dup_col(st, 4);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

static int
iati_read_money(Store *s, IatiRecord *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT kind, type, status, start_date, end_date, value, amount,"
	    " currency, value_date, description, provider, receiver"
	    " FROM iati_money WHERE project_id = ? ORDER BY position",
	    err);
	size_t cap = 0;
	int rc;

	if (st == NULL || db_bind(st, "i", r->project_id) != 0)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		IatiMoney *m;

		mem_grow((void **)&r->money, &cap, r->nmoney + 1, sizeof(*m));
		m = &r->money[r->nmoney++];
		memset(m, 0, sizeof(*m));
		m->kind = db_text(st, 0)[0];
		m->type = dup_col(st, 1);
		m->status = dup_col(st, 2);
		m->start = dup_col(st, 3);
		m->end = dup_col(st, 4);
		m->value = dup_col(st, 5);
		m->has_amount = !db_is_null(st, 6);
		m->amount = db_int(st, 6);
		m->currency = dup_col(st, 7);
		m->value_date = dup_col(st, 8);
		m->description = dup_col(st, 9);
		m->provider = dup_col(st, 10);
		m->receiver = dup_col(st, 11);
	}
	db_reset(st);
	return rc == DB_ERROR ? store_fail(s, err) : 0;
}

int
store_iati_get(Store *s, int64_t project_id, IatiRecord *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT identifier, version, status_code, reporting_ref,"
	    " reporting_name, reporting_type, source_file, source_line, detail"
	    " FROM iati_activity WHERE project_id = ?",
	    err);
	int rc;

	if (st == NULL || db_bind(st, "i", project_id) != 0)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		r->project_id = project_id;
		r->identifier = dup_col(st, 0);
		r->version = dup_col(st, 1);
		r->status_code = dup_col(st, 2);
		r->reporting_ref = dup_col(st, 3);
		r->reporting_name = dup_col(st, 4);
		r->reporting_type = dup_col(st, 5);
		r->source_file = dup_col(st, 6);
		r->source_line = db_int(st, 7);
		r->detail = dup_col(st, 8);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	if (rc != DB_ROW)
		return 0;
	if (iati_read_sectors(s, r, err) != 0 ||
	    iati_read_money(s, r, err) != 0)
		return -1;
	return 1;
}

void
iati_money_clear(IatiMoney *m)
{
	free(m->type);
	free(m->status);
	free(m->start);
	free(m->end);
	free(m->value);
	free(m->currency);
	free(m->value_date);
	free(m->description);
	free(m->provider);
	free(m->receiver);
	memset(m, 0, sizeof(*m));
}

void
iati_record_clear(IatiRecord *r)
{
	for (size_t i = 0; i < r->nsectors; i++) {
		free(r->sectors[i].vocabulary);
		free(r->sectors[i].vocabulary_uri);
		free(r->sectors[i].code);
		free(r->sectors[i].percentage);
		free(r->sectors[i].name);
	}
	for (size_t i = 0; i < r->nmoney; i++)
		iati_money_clear(&r->money[i]);
	free(r->sectors);
	free(r->money);
	free(r->identifier);
	free(r->version);
	free(r->status_code);
	free(r->reporting_ref);
	free(r->reporting_name);
	free(r->reporting_type);
	free(r->source_file);
	free(r->detail);
	memset(r, 0, sizeof(*r));
}
