/*
 * fuzz_request.c - libFuzzer target for reading an HTTP request from a
 * file (http_request_read, which decodes the target too), with the
 * properties the handlers rely on: a request read has a method and a path,
 * and every parameter and header is valid UTF-8 with no NUL inside.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/utf8.h"
#include "../src/web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
text_ok(const char *s)
{
	return s != NULL && utf8_check(s, strlen(s)) == strlen(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fmemopen((void *)(uintptr_t)data, size, "r");
	HttpRequest rq;
	Buf err = BUF_INIT;

	if (fp == NULL)
		return 0;
	http_request_init(&rq);
	if (http_request_read(&rq, fp, &err) == 0) {
		if (rq.method == NULL || !text_ok(rq.path))
			abort();
		for (size_t i = 0; i < rq.nparam; i++)
			if (!text_ok(rq.param[i].name) ||
			    !text_ok(rq.param[i].value))
				abort();
	} else if (err.len == 0) {
		abort(); /* a refusal always says why */
	}
	http_request_free(&rq);
	buf_free(&err);
	fclose(fp);
	return 0;
}
