/*
 * fuzz_results.c - libFuzzer target for what people type into results:
 * a reporting period, a value, a list of categories.  Each line of the
 * input goes to all three parsers, and what they accept must come back
 * the same when written out and read again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/portfolio/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
one(const char *s)
{
	ReportPeriod p, q;
	Buf err = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	int64_t v, w;
	char cat[RESULT_CATEGORY_MAX + 1];

	if (report_period_parse(s, &p, &err) == 0) {
		/* Its key reads back as itself, inside its own bounds. */
		if (report_period_parse(p.key, &q, &err) != 0 ||
		    strcmp(p.key, q.key) != 0 || strcmp(p.start, p.end) > 0)
			abort();
	}
	if (result_value_parse(s, &v, &err) == 0) {
		result_value_format(v, &b);
		if (result_value_parse(buf_str(&b), &w, &err) != 0 || v != w)
			abort();
		buf_reset(&b);
		result_value_decimal(v, &b);
		if (result_value_parse(buf_str(&b), &w, &err) != 0 || v != w)
			abort();
	}
	if (result_categories_parse(s, &b, &err) == 0) {
		/* Normal form is a fixed point, and every key is in it. */
		if (result_categories_parse(buf_str(&b), &c, &err) != 0 ||
		    strcmp(buf_str(&b), buf_str(&c)) != 0)
			abort();
		for (const char *k = buf_str(&b);
		     result_category_next(&k, cat);)
			if (!result_category_in(buf_str(&b), cat))
				abort();
	}
	buf_free(&err);
	buf_free(&b);
	buf_free(&c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *line, *next;

	memcpy(s, data, size);
	s[size] = '\0';
	for (line = s; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		one(line);
	}
	free(s);
	return 0;
}
