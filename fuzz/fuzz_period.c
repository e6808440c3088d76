/*
 * fuzz_period.c - libFuzzer target for the period parser and the text
 * folding of src/text (ICU), on arbitrary strings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/utf8.h"
#include "../src/portfolio/period.h"
#include "../src/text/fold.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	Period p;
	Buf b = BUF_INIT;

	memcpy(s, data, size);
	s[size] = '\0';
	if (utf8_check(s, strlen(s)) == strlen(s)) {
		if (period_parse(s, &p)) {
			/* Dates are ISO 8601 at one of three precisions. */
			size_t n = strlen(p.start);

			if (n != 0 && n != 4 && n != 7 && n != 10)
				abort();
		}
		period_looks_dated(s);
		text_fold(s, &b);
		buf_reset(&b);
		text_name_key(s, &b);
		utf8_width(s);
	}
	buf_free(&b);
	free(s);
	return 0;
}
