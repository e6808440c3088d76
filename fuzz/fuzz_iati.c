/*
 * fuzz_iati.c - libFuzzer target for the IATI reader (src/io/iati_read.c)
 * and the pure mappings and the relevance rule it feeds, with the
 * invariants they must keep: the reader returns -1 with a message or the
 * count of activities it handed over; every activity's texts, codes and
 * notes are strings (a note has a line); the dates it keeps read as
 * dates again; a decimal that reads gives back a number.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/io/iati.h"
#include "../src/io/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static IatiRule rule;
static int rule_loaded;

/* Silence libxml2's own printing of errors (the reader keeps them). */
static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int
one(void *ctx, IatiActivity *a, Buf *err)
{
	long *n = ctx;
	Buf d = BUF_INIT, why = BUF_INIT;
	int64_t v;

	(void)err;
	(*n)++;
	for (size_t i = 0; i < a->ntitles; i++)
		if (a->titles[i].text == NULL || a->titles[i].lang == NULL)
			abort();
	for (size_t i = 0; i < a->norgs; i++)
		if (a->orgs[i].role && iati_role_code(a->orgs[i].role) == NULL)
			abort();
	for (size_t i = 0; i < a->ndates; i++)
		if (a->dates[i].type < 1 || a->dates[i].type > 4 ||
		    iati_date_clean(a->dates[i].date, &d) < 0)
			abort();
	for (size_t i = 0; i < a->nmoney; i++)
		if (a->money[i].value == NULL ||
		    (iati_decimal(a->money[i].value, 2, &v) >= 0 &&
			iati_decimal(a->money[i].value, 2, &v) < 0))
			abort();
	for (size_t i = 0; i < a->nnotes; i++)
		if (a->notes[i].kind == NULL || a->notes[i].message == NULL)
			abort();
	iati_rule_match(&rule, a, &why);
	iati_status_map(
	    a->status, &(const char *){ NULL }, &(const char *){ NULL });
	buf_free(&d);
	buf_free(&why);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Buf err = BUF_INIT;
	long n = 0, got;
	size_t len;

	if (!rule_loaded) {
		const char *def = iati_rule_default(&len);

		xml_lib(NULL)->xmlSetGenericErrorFunc(NULL, quiet);
		if (iati_rule_load(&rule, def, len, &err) != 0)
			abort();
		rule_loaded = 1;
	}
	if (size > (1 << 20))
		return 0;
	got = iati_read(NULL, (const char *)data, size, "fuzz", one, &n, &err);
	if ((got < 0 && err.len == 0) || (got >= 0 && got != n))
		abort();
	buf_free(&err);
	return 0;
}
