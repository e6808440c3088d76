/*
 * fuzz_need_csv.c - libFuzzer target for the importer of CSV files of
 * needs (need_io.c, with the checks of portfolio/need.c): the header
 * mapping, each row's fields checked against the reference data, and the
 * one transaction the rows are stored in.  The importer runs against an
 * in-memory database with the reference data, loaded once for the run.
 * An import that does not answer COMMIT_OK must have stored nothing and
 * say why; one that does must have added or updated every row it
 * counted.  Nothing else may be answered but 400: the importer is the
 * command line or an analyst, and the database is private, so any other
 * code means a row passed the checks and the database refused it.  The
 * needs stored are deleted after each input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/mem.h"
#include "../src/io/need_io.h"
#include "../src/io/refdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Store *store;
/* An analyst of UNODC: sees the restricted needs shown to it only. */
static Account analyst;

/* Every need, whoever may see it. */
static const NeedViewer everyone = { 3, 0, NULL };

typedef struct IdList {
	int64_t *id;
	size_t n;
} IdList;

static void
fail(const char *what, const Buf *err)
{
	fprintf(stderr, "fuzz_need_csv: %s: %s\n", what, buf_str(err));
	abort();
}

static void
open_store(void)
{
	Buf err = BUF_INIT;
	RefdataCounts counts;

	store = store_open(":memory:", 1, &err);
	if (store == NULL)
		fail("opening the database", &err);
	if (refdata_load(store, &counts, &err) != 0)
		fail("loading reference data", &err);
	if (store_begin(store, &err) != 0 ||
	    store_account_add(store, "fuzz", "analyst", "UNODC", NULL, &err) <=
		0 ||
	    store_commit(store, &err) != 0)
		fail("adding an account", &err);
	if (store_account_get(store, "fuzz", &analyst, &err) != 1 ||
	    analyst.entity_id == 0)
		fail("reading the account back", &err);
	buf_free(&err);
}

static int64_t
count_needs(void)
{
	NeedFilter f;
	Buf err = BUF_INIT;
	int64_t total = -1;

	memset(&f, 0, sizeof(f));
	if (store_need_list(store, &f, &everyone, NULL, NULL, &total, &err) !=
		0 ||
	    total < 0)
		fail("counting needs", &err);
	buf_free(&err);
	return total;
}

static int
collect(void *ctx, const Need *n)
{
	IdList *l = ctx;

	l->id = xrealloc(l->id, (l->n + 1) * sizeof(*l->id));
	l->id[l->n++] = n->id;
	return 0;
}

/* Delete every need, so that the database stays small. */
static void
clear_needs(void)
{
	NeedFilter f;
	IdList l = { NULL, 0 };
	Buf err = BUF_INIT;

	memset(&f, 0, sizeof(f));
	if (store_need_list(store, &f, &everyone, collect, &l, NULL, &err) != 0)
		fail("listing needs", &err);
	if (store_begin(store, &err) != 0)
		fail("beginning", &err);
	for (size_t i = 0; i < l.n; i++)
		if (store_need_delete(store, l.id[i], &err) != 1)
			fail("deleting a need", &err);
	if (store_commit(store, &err) != 0)
		fail("committing", &err);
	free(l.id);
	buf_free(&err);
	if (count_needs() != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	NeedImport out;
	Buf msg = BUF_INIT;
	int64_t before, after;
	int code;

	if (store == NULL)
		open_store();
	before = count_needs();
	/*
	 * Half the inputs marked made up, as --demo does; every other pair
	 * imported by the analyst rather than the command line.
	 */
	code = need_import_csv(store, size / 2 % 2 ? &analyst : NULL, "fuzz",
	    (const char *)data, size, (int)(size % 2), &out, &msg);
	after = count_needs();
	if (code != COMMIT_OK && code != 400) {
		fprintf(stderr, "fuzz_need_csv: %d: %s\n", code, buf_str(&msg));
		abort();
	}
	if (code != COMMIT_OK) {
		if (after != before || out.added != 0 || out.updated != 0 ||
		    msg.len == 0)
			abort();
	} else if (out.added + out.updated != out.rows ||
	    after != before + out.added) {
		abort();
	}
	if (after > 0)
		clear_needs();
	buf_free(&msg);
	return 0;
}
