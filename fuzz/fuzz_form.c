/*
 * fuzz_form.c - libFuzzer target for parsing form submissions
 * (http_form_parse).  Each input is parsed three ways: as a multipart body
 * with the boundary "xyz", as an urlencoded body, and, when it has a first
 * line, with that line as the Content-Type and the rest as the body.  The
 * properties handlers rely on: a parsed form has at most 1000 fields and
 * files, every name is UTF-8 of at most 200 bytes, every value UTF-8
 * without a CR, every filename without a path, every file's data no
 * longer than the body; a refusal always says why and leaves the form
 * empty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/utf8.h"
#include "../src/web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
text_ok(const char *s)
{
	return s != NULL && utf8_check(s, strlen(s)) == strlen(s);
}

static int
name_ok(const char *s)
{
	return text_ok(s) && strlen(s) <= 200;
}

/* Abort unless f, parsed from a body of size bytes, has the properties. */
static void
form_check(const HttpForm *f, size_t size)
{
	if (f->nfield + f->nfile > 1000)
		abort();
	for (size_t i = 0; i < f->nfield; i++)
		if (!name_ok(f->field[i].name) || !text_ok(f->field[i].value) ||
		    strchr(f->field[i].value, '\r') != NULL)
			abort();
	for (size_t i = 0; i < f->nfile; i++) {
		const HttpFile *e = &f->file[i];

		if (!name_ok(e->name) || !text_ok(e->filename) ||
		    strpbrk(e->filename, "/\\") != NULL || !text_ok(e->type) ||
		    e->type[0] == '\0' || e->data.len > size)
			abort();
	}
	if (f->nfield > 0 &&
	    http_form_value(f, f->field[0].name) != f->field[0].value)
		abort();
}

/* Parse body[0..size) sent as type and check what comes out. */
static void
form_try(const char *type, const uint8_t *body, size_t size)
{
	HttpRequest rq;
	HttpForm f;
	Buf err = BUF_INIT;

	http_request_init(&rq);
	http_request_header(&rq, "Content-Type", type);
	buf_append(&rq.body, (const char *)body, size);
	http_form_init(&f);
	if (http_form_parse(&rq, &f, &err) == 0)
		form_check(&f, size);
	else if (err.len == 0 || !text_ok(buf_str(&err)) || f.nfield != 0 ||
	    f.nfile != 0)
		abort(); /* a refusal says why, in text, and keeps nothing */
	http_form_free(&f);
	http_request_free(&rq);
	buf_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);

	form_try("multipart/form-data; boundary=xyz", data, size);
	form_try("application/x-www-form-urlencoded", data, size);
	if (nl != NULL && memchr(data, '\0', (size_t)(nl - data)) == NULL) {
		char *type = strndup((const char *)data, (size_t)(nl - data));

		form_try(type, nl + 1, size - (size_t)(nl - data) - 1);
		free(type);
	}
	return 0;
}
