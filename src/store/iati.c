/*
 * iati.c - what the store keeps of IATI activities (see store.h).
 *
 * An activity imported from an IATI file is a project (project.c) plus
 * one row of iati_activity: its identifier, the parts the project does
 * not carry (detail, JSON the io layer writes), and its sectors, budgets
 * and transactions, JSON arrays written here (schema.sql, migration 16)
 * and read back as text (src/io/iati_export.c reads them).  Saving
 * replaces them inside the caller's transaction.
 * Not for reading IATI XML: src/io/iati_read.c does that.
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
		"DELETE FROM iati_activity WHERE project_id = ?",
	};

	return store_run_each(s, sql, sizeof(sql) / sizeof(sql[0]), id, err);
}

/*
 * The rows of records go in by the batch (store_int.h): for many at once,
 * a statement for up to STORE_BATCH_ROWS rows of a table rather than two
 * statements an activity, which on PostgreSQL were half the server's time
 * of an import.
 */
static const BatchKind iati_kind[] = {
	{ STORE_BATCH_IATI,
	    "INSERT INTO iati_activity(project_id, identifier, version,"
	    " status_code, reporting_ref, reporting_name, reporting_type,"
	    " source_file, source_line, detail, sectors, money) VALUES ",
	    12, NULL },
	{ STORE_BATCH_BUDGET,
	    "INSERT INTO budget(project_id, amount, currency, usd, usd_e9,"
	    " rate_date, as_of, updated_at, demo) VALUES ",
	    9, NULL },
};
enum { IK_IATI, IK_BUDGET, IK_N };

/* The sectors of r as a JSON array (iati_activity.sectors). */
static void
sectors_json(const IatiRecord *r, Buf *b)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < r->nsectors; i++) {
		const IatiSector *x = &r->sectors[i];
		int first = 1;

		buf_puts(b, i ? ",{" : "{");
		buf_json_member(b, &first, "vocabulary",
		    x->vocabulary ? x->vocabulary : "1");
		buf_json_member(b, &first, "vocabulary_uri", x->vocabulary_uri);
		buf_json_member(b, &first, "code", x->code ? x->code : "");
		buf_json_member(b, &first, "percentage", x->percentage);
		buf_json_member(b, &first, "name", x->name);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/* The budgets and transactions of r as a JSON array (.money). */
static void
money_json(const IatiRecord *r, Buf *b)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < r->nmoney; i++) {
		const IatiMoney *m = &r->money[i];
		int first = 1;

		buf_puts(b, i ? ",{" : "{");
		buf_json_member(b, &first, "kind", m->kind == 'b' ? "b" : "t");
		buf_json_member(b, &first, "type", m->type);
		buf_json_member(b, &first, "status", m->status);
		buf_json_member(b, &first, "start_date", m->start);
		buf_json_member(b, &first, "end_date", m->end);
		buf_json_member(b, &first, "value", m->value ? m->value : "");
		if (m->has_amount) {
			buf_puts(b, ",\"amount\":");
			buf_put_int(b, m->amount);
		}
		buf_json_member(b, &first, "currency", m->currency);
		buf_json_member(b, &first, "value_date", m->value_date);
		buf_json_member(b, &first, "description", m->description);
		buf_json_member(b, &first, "provider", m->provider);
		buf_json_member(b, &first, "receiver", m->receiver);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/* json[0..1]: r's sectors and money, which must outlive the batch. */
static int
add_activity(Store *s, RowBatch *b, const IatiRecord *r, Buf json[2], Buf *err)
{
	buf_reset(&json[0]);
	buf_reset(&json[1]);
	sectors_json(r, &json[0]);
	money_json(r, &json[1]);
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
	store_batch_text(b, buf_str(&json[0]));
	store_batch_text(b, buf_str(&json[1]));
	return store_batch_row(s, b, err);
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
	/* The JSON of the activities waiting in the batch, by its row. */
	Buf(*json)[2] = xcalloc(STORE_BATCH_ROWS, sizeof(*json));
	Buf now = BUF_INIT;
	int rc = -1;

	for (int k = 0; k < IK_N; k++)
		b[k].kind = &iati_kind[k];
	store_now(&now);
	for (size_t i = 0; i < n; i++)
		if (add_activity(s, &b[IK_IATI], r[i], json[b[IK_IATI].rows],
			err) != 0 ||
		    (budget[i] != NULL &&
			add_budget(s, &b[IK_BUDGET], budget[i], buf_str(&now),
			    err) != 0))
			goto out;
	for (int k = 0; k < IK_N; k++)
		if (store_batch_flush(s, &b[k], err) != 0)
			goto out;
	rc = 0;
out:
	for (int i = 0; i < STORE_BATCH_ROWS; i++) {
		buf_free(&json[i][0]);
		buf_free(&json[i][1]);
	}
	free(json);
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

int
store_iati_get(Store *s, int64_t project_id, IatiRecord *r, Buf *err)
{
	DbStmt *st = db_prepare(s->db,
	    "SELECT identifier, version, status_code, reporting_ref,"
	    " reporting_name, reporting_type, source_file, source_line, detail,"
	    " sectors, money FROM iati_activity WHERE project_id = ?",
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
		r->sectors_json = dup_col(st, 9);
		r->money_json = dup_col(st, 10);
	}
	db_reset(st);
	if (rc == DB_ERROR)
		return store_fail(s, err);
	return rc == DB_ROW;
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
	free(r->sectors_json);
	free(r->money_json);
	memset(r, 0, sizeof(*r));
}
