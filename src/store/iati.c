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

#define SECTOR_INSERT                                                          \
	"INSERT INTO iati_sector(project_id, position, vocabulary,"            \
	" vocabulary_uri, code, percentage, name) VALUES "
#define MONEY_COLS 14
#define MONEY_INSERT                                                           \
	"INSERT INTO iati_money(project_id, position, kind, type, status,"     \
	" start_date, end_date, value, amount, currency, value_date,"          \
	" description, provider, receiver) VALUES "

/*
 * The rows of records go in by the batch (store_int.h): for many at once,
 * a statement for up to STORE_BATCH_ROWS rows of a table rather than four
 * statements an activity, which on PostgreSQL were half the server's time
 * of an import.
 */
static const BatchKind iati_kind[] = {
	{ STORE_BATCH_IATI,
	    "INSERT INTO iati_activity(project_id, identifier, version,"
	    " status_code, reporting_ref, reporting_name, reporting_type,"
	    " source_file, source_line, detail) VALUES ",
	    10, NULL },
	{ STORE_BATCH_SECTOR, SECTOR_INSERT, 7, NULL },
	{ STORE_BATCH_MONEY, MONEY_INSERT, MONEY_COLS, NULL },
	{ STORE_BATCH_BUDGET,
	    "INSERT INTO budget(project_id, amount, currency, usd, usd_e9,"
	    " rate_date, as_of, updated_at, demo) VALUES ",
	    9, NULL },
};
enum { IK_IATI, IK_SECTOR, IK_MONEY, IK_BUDGET, IK_N };

static int
add_activity(Store *s, RowBatch *b, const IatiRecord *r, Buf *err)
{
	store_batch_int(b, r->project_id);
	store_batch_text(b, r->identifier);
	store_batch_text(b, r->version);
	store_batch_text(b, r->status_code);
	store_batch_text(b, r->reporting_ref);
	store_batch_text(b, r->reporting_name);
	store_batch_text(b, r->reporting_type);
	store_batch_text(b, r->source_file ? r->source_file : "");
	store_batch_int(b, r->source_line);
	store_batch_text(b, r->detail ? r->detail : "{}");
	return store_batch_row(s, b, err);
}

static int
add_sectors(Store *s, RowBatch *b, const IatiRecord *r, Buf *err)
{
	for (size_t i = 0; i < r->nsectors; i++) {
		const IatiSector *x = &r->sectors[i];

		store_batch_int(b, r->project_id);
		store_batch_int(b, (int64_t)i);
		store_batch_text(b, x->vocabulary ? x->vocabulary : "1");
		store_batch_text(b, x->vocabulary_uri);
		store_batch_text(b, x->code ? x->code : "");
		store_batch_text(b, x->percentage);
		store_batch_text(b, x->name);
		if (store_batch_row(s, b, err) != 0)
			return -1;
	}
	return 0;
}

static int
add_money(Store *s, RowBatch *b, const IatiRecord *r, Buf *err)
{
	for (size_t i = 0; i < r->nmoney; i++) {
		const IatiMoney *m = &r->money[i];

		store_batch_int(b, r->project_id);
		store_batch_int(b, (int64_t)i);
		store_batch_text(b, m->kind == 'b' ? "b" : "t");
		store_batch_text(b, m->type);
		store_batch_text(b, m->status);
		store_batch_text(b, m->start);
		store_batch_text(b, m->end);
		store_batch_text(b, m->value ? m->value : "");
		if (m->has_amount)
			store_batch_int(b, m->amount);
		else
			store_batch_text(b, NULL);
		store_batch_text(b, m->currency);
		store_batch_text(b, m->value_date);
		store_batch_text(b, m->description);
		store_batch_text(b, m->provider);
		store_batch_text(b, m->receiver);
		if (store_batch_row(s, b, err) != 0)
			return -1;
	}
	return 0;
}

static int
add_budget(Store *s, RowBatch *b, const Budget *bu, const char *now, Buf *err)
{
	store_batch_int(b, bu->project_id);
	store_batch_int(b, bu->m.amount);
	store_batch_text(b, bu->m.currency);
	store_batch_int(b, bu->m.usd);
	store_batch_int(b, bu->m.usd_e9);
	store_batch_text(b, bu->m.rate_date[0] ? bu->m.rate_date : NULL);
	store_batch_text(b, bu->as_of);
	store_batch_text(b, now);
	store_batch_int(b, bu->demo);
	return store_batch_row(s, b, err);
}

int
store_iati_add(Store *s, const IatiRecord *const *r,
    const Budget *const *budget, size_t n, Buf *err)
{
	RowBatch *b = xcalloc(IK_N, sizeof(*b));
	Buf now = BUF_INIT;
	int rc = -1;

	for (int k = 0; k < IK_N; k++)
		b[k].kind = &iati_kind[k];
	store_now(&now);
	for (size_t i = 0; i < n; i++)
		if (add_activity(s, &b[IK_IATI], r[i], err) != 0 ||
		    add_sectors(s, &b[IK_SECTOR], r[i], err) != 0 ||
		    add_money(s, &b[IK_MONEY], r[i], err) != 0 ||
		    (budget[i] != NULL &&
			add_budget(s, &b[IK_BUDGET], budget[i], buf_str(&now),
			    err) != 0))
			goto out;
	for (int k = 0; k < IK_N; k++)
		if (store_batch_flush(s, &b[k], err) != 0)
			goto out;
	rc = 0;
out:
	free(b);
	buf_free(&now);
	return rc;
}

int
store_iati_save(Store *s, const IatiRecord *r, int fresh, Buf *err)
{
	const Budget *none = NULL;

	if (!fresh && iati_clear(s, r->project_id, err) != 0)
		return -1;
	return store_iati_add(s, &r, &none, 1, err);
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
