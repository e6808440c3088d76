/*
 * test_form.c - HTML form submissions: urlencoded and multipart bodies
 * parsed into fields and files, and the bodies that are refused.
 */
#include <stdlib.h>

#include "../../src/web/form.h"
#include "test.h"

#define MP "multipart/form-data; boundary=xyz"
#define UE "application/x-www-form-urlencoded"

/* Parse body[0..len) sent as type into f; the result of http_form_parse. */
static int
form_parse(
    const char *type, const char *body, size_t len, HttpForm *f, Buf *err)
{
	HttpRequest rq;
	int rc;

	http_request_init(&rq);
	if (type != NULL)
		http_request_header(&rq, "Content-Type", type);
	buf_append(&rq.body, body, len);
	http_form_init(f);
	rc = http_form_parse(&rq, f, err);
	http_request_free(&rq);
	return rc;
}

/* The fields of f as "[a=b] [c=d]". */
static void
fields_put(const HttpForm *f, Buf *out)
{
	for (size_t i = 0; i < f->nfield; i++)
		buf_printf(out, "%s[%s=%s]", i ? " " : "", f->field[i].name,
		    f->field[i].value);
}

static void
urlencoded_is(const char *body, const char *want)
{
	HttpForm f;
	Buf err = BUF_INIT, got = BUF_INIT;

	CHECK(form_parse(UE, body, strlen(body), &f, &err) == 0,
	    "urlencoded \"%s\" parses (%s)", body, buf_str(&err));
	fields_put(&f, &got);
	CHECK_STR(buf_str(&got), want, "urlencoded \"%s\": fields", body);
	CHECK(f.nfile == 0, "urlencoded \"%s\": no files", body);
	http_form_free(&f);
	buf_free(&err);
	buf_free(&got);
}

/* body[0..len), sent as type, is refused with a message holding why. */
static void
form_bad(const char *what, const char *type, const char *body, size_t len,
    const char *why)
{
	HttpForm f;
	Buf err = BUF_INIT;
	int rc = form_parse(type, body, len, &f, &err);

	CHECK(rc != 0 && strstr(buf_str(&err), why) != NULL,
	    "%s is refused: %s (%s)", what, why, buf_str(&err));
	CHECK(f.nfield == 0 && f.nfile == 0 && f.field == NULL,
	    "%s: the form is left empty", what);
	http_form_free(&f);
	buf_free(&err);
}

static void
test_urlencoded(void)
{
	urlencoded_is("title=Prison+radicalisation&pillar=II",
	    "[title=Prison radicalisation] [pillar=II]");
	urlencoded_is("q=%C3%A9l%C3%A8ve%20%2B%26%3D", "[q=élève +&=]");
	urlencoded_is("a=&b&=c&&", "[a=] [b=] [=c]");
	urlencoded_is("x=1&x=2&y=3", "[x=1] [x=2] [y=3]");
	urlencoded_is(
	    "note=one%0D%0Atwo%0Dthree%0Afour", "[note=one\ntwo\nthree\nfour]");
	urlencoded_is("note=a%0D%0D%0Ab%0D", "[note=a\n\nb\n]");
	urlencoded_is("", "");
	{
		HttpForm f;
		Buf err = BUF_INIT;
		const char *b = "x=1&x=2&y=3";

		form_parse(UE "; charset=UTF-8", b, strlen(b), &f, &err);
		CHECK_STR(http_form_value(&f, "x"), "1",
		    "a repeated name: the first value");
		CHECK(http_form_value(&f, "z") == NULL, "no such field: NULL");
		CHECK(http_form_file(&f, "x") == NULL, "no such file: NULL");
		http_form_free(&f);
		buf_free(&err);
	}
	form_bad("a malformed escape", UE, "a=1&title=%ZZ", 13,
	    "field \"title\" has a malformed %-escape");
	form_bad("a cut escape", UE, "title=%4", 8, "malformed");
	form_bad("a malformed escape in a name", UE, "a=1&t%4=x", 9,
	    "urlencoded: field 2: the name has a malformed");
	form_bad("invalid UTF-8", UE, "title=%FF%FE", 12,
	    "field \"title\" is not valid UTF-8");
	form_bad("an overlong UTF-8 name", UE, "%C0%AF=1", 8,
	    "urlencoded: field 1: the name is not valid UTF-8");
	form_bad("a NUL byte", UE, "title=a%00b", 11,
	    "field \"title\" contains a NUL byte");
	form_bad("a raw NUL byte", UE, "title=a\0b", 9, "NUL byte");
	form_bad("a control character in a name, echoed", UE, "a%0A%22b=%FF",
	    12, "field \"a??b\" is not valid UTF-8");
	{
		/* "é" and 72 a's: the message shows 64 bytes of it, then ... */
		const char *b = "%C3%A9aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
				"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=%FF";

		form_bad("a long name, echoed", UE, b, strlen(b),
		    "field \"\xc3\xa9"
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" is not");
	}
}

static void
test_limits(void)
{
	Buf body = BUF_INIT, name = BUF_INIT;
	HttpForm f;
	Buf err = BUF_INIT;

	for (int i = 0; i < 1000; i++)
		buf_printf(&body, "%sf%d=%d", i ? "&" : "", i, i);
	CHECK(form_parse(UE, buf_str(&body), body.len, &f, &err) == 0 &&
		f.nfield == 1000,
	    "1000 fields are taken (%s)", buf_str(&err));
	http_form_free(&f);
	buf_puts(&body, "&one=more");
	form_bad("1001 fields", UE, buf_str(&body), body.len,
	    "more than 1000 fields");
	for (int i = 0; i < 200; i++)
		buf_putc(&name, 'n');
	buf_set(&body, buf_str(&name));
	buf_puts(&body, "=1");
	CHECK(form_parse(UE, buf_str(&body), body.len, &f, &err) == 0,
	    "a name of 200 bytes is taken");
	http_form_free(&f);
	buf_set(&body, buf_str(&name));
	buf_puts(&body, "n=1");
	form_bad("a name of 201 bytes", UE, buf_str(&body), body.len,
	    "the name is longer than 200 bytes");
	buf_free(&body);
	buf_free(&name);
	buf_free(&err);
}

/* Parse a multipart body (a string literal) sent as type into f. */
#define MP_PARSE(type, lit, f, err)                                            \
	form_parse(type, lit, sizeof(lit) - 1, f, err)
#define MP_BAD(what, lit, why) form_bad(what, MP, lit, sizeof(lit) - 1, why)

static void
test_multipart_form(void)
{
	static const char body[] =
	    "preamble, ignored\r\n"
	    "--xyz\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n"
	    "\r\n"
	    "Counter-terrorism\r\nin prisons\r\n"
	    "--xyz\r\n"
	    "content-disposition: form-data; name=\"pillar\"\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "\r\n"
	    "II\r\n"
	    "--xyz\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; "
	    "filename=\"projects.csv\"\r\n"
	    "Content-Type: text/csv\r\n"
	    "\r\n"
	    "a,b\r\n1,2\r\n" /* the file ends with a CRLF of its own */
	    "\r\n--xyz--\r\n"
	    "epilogue, ignored";
	HttpForm f;
	Buf err = BUF_INIT, got = BUF_INIT;
	const HttpFile *up;

	CHECK(MP_PARSE(MP, body, &f, &err) == 0,
	    "multipart: two fields and a file parse (%s)", buf_str(&err));
	fields_put(&f, &got);
	CHECK_STR(buf_str(&got),
	    "[title=Counter-terrorism\nin prisons] [pillar=II]",
	    "multipart: the fields, CRLF made LF");
	CHECK(f.nfile == 1, "multipart: one file");
	up = http_form_file(&f, "upload");
	CHECK(up != NULL, "multipart: the file by its name");
	if (up != NULL) {
		CHECK_STR(up->filename, "projects.csv", "multipart: filename");
		CHECK_STR(up->type, "text/csv", "multipart: file type");
		CHECK(up->data.len == 10 &&
			memcmp(buf_str(&up->data), "a,b\r\n1,2\r\n", 10) == 0,
		    "multipart: file data kept as sent, CRLF and all");
	}
	http_form_free(&f);
	buf_free(&err);
	buf_free(&got);
}

static void
test_multipart_names(void)
{
	static const char quoted[] =
	    "--a b:c\r\n"
	    "Content-Disposition: form-data; name=\"say \\\"hi\\\"\"\r\n"
	    "\r\n"
	    "hello\r\n"
	    "--a b:c\r\n"
	    "Content-Disposition: form-data; name=f; "
	    "filename=\"C:\\\\x\\\\a.csv\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--a b:c\r\n"
	    "Content-Disposition: form-data; name=g; "
	    "filename=\"C:\\y\\b.txt\"\r\n"
	    "\r\n"
	    "--a b:c\r\n"
	    "Content-Disposition: form-data; name=h; filename=\"../../etc/p\"; "
	    "filename*=UTF-8''x\r\n"
	    "\r\n"
	    "--a b:c\r\n"
	    "Content-Disposition: form-data; name=e; filename=\"\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--a b:c--";
	HttpForm f;
	Buf err = BUF_INIT;

	CHECK(MP_PARSE("Multipart/Form-Data; charset=utf-8; "
		       "boundary=\"a b:c\"",
		  quoted, &f, &err) == 0,
	    "multipart: a quoted boundary (%s)", buf_str(&err));
	CHECK_STR(http_form_value(&f, "say \"hi\""), "hello",
	    "multipart: a name with escaped quotes");
	CHECK(f.nfile == 4, "multipart: four files");
	if (f.nfile == 4) {
		CHECK_STR(f.file[0].filename, "a.csv",
		    "multipart: C:\\\\x\\\\a.csv is a.csv");
		CHECK(f.file[0].data.len == 0, "multipart: an empty file");
		CHECK_STR(f.file[0].type, "application/octet-stream",
		    "multipart: the type when none is sent");
		CHECK_STR(f.file[1].filename, "b.txt",
		    "multipart: C:\\y\\b.txt, unescaped, is b.txt");
		CHECK_STR(f.file[2].filename, "p",
		    "multipart: ../../etc/p is p, filename* ignored");
		CHECK_STR(f.file[3].filename, "",
		    "multipart: an empty filename is a file");
	}
	http_form_free(&f);
	buf_free(&err);
}

static void
test_multipart_data(void)
{
	static const char body[] =
	    "--xyz\r\n"
	    "Content-Disposition: form-data; name=\"bin\"; filename=\"b\"\r\n"
	    "\r\n"
	    "\0\1--xyz\r\n\n--xyz\r\n\r--xyz--\r\n--xyzq\r\n--xyz \0\r\n\0"
	    "\r\n--xyz  \r\n"
	    "Content-Disposition: form-data; name=\"t\"\r\n"
	    "\r\n"
	    "\r\n--xyz--";
	static const char want[] =
	    "\0\1--xyz\r\n\n--xyz\r\n\r--xyz--\r\n--xyzq\r\n--xyz \0\r\n\0";
	HttpForm f;
	Buf err = BUF_INIT;
	const HttpFile *bin;

	CHECK(MP_PARSE(MP, body, &f, &err) == 0,
	    "multipart: binary data parses (%s)", buf_str(&err));
	bin = http_form_file(&f, "bin");
	CHECK(bin != NULL && bin->data.len == sizeof(want) - 1 &&
		memcmp(buf_str(&bin->data), want, sizeof(want) - 1) == 0,
	    "multipart: NULs and boundaries not after CRLF-- kept exactly");
	CHECK_STR(http_form_value(&f, "t"), "",
	    "multipart: an empty field after a padded delimiter");
	http_form_free(&f);
	buf_free(&err);
}

static void
test_multipart_bad(void)
{
	MP_BAD("a part without a name",
	    "--xyz\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--xyz\r\n"
	    "Content-Disposition: form-data; filename=\"a\"\r\n\r\n1\r\n"
	    "--xyz--\r\n",
	    "multipart: part 2 has no Content-Disposition name");
	MP_BAD("a part without Content-Disposition",
	    "--xyz\r\nContent-Type: text/plain\r\n\r\n1\r\n--xyz--",
	    "multipart: part 1 has no Content-Disposition");
	MP_BAD("a part that is not form-data",
	    "--xyz\r\nContent-Disposition: attachment; name=a\r\n\r\n"
	    "\r\n--xyz--",
	    "part 1 is not form-data");
	MP_BAD("an unterminated quoted name",
	    "--xyz\r\nContent-Disposition: form-data; name=\"a\r\n\r\n"
	    "\r\n--xyz--",
	    "part 1 has a malformed Content-Disposition");
	MP_BAD("a header line without a colon",
	    "--xyz\r\nContent-Disposition form-data\r\n\r\n\r\n--xyz--",
	    "without \"Name:\"");
	MP_BAD("a truncated body",
	    "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\nsome da",
	    "the body ends in part 1, before the closing boundary");
	MP_BAD("a body cut inside headers",
	    "--xyz\r\nContent-Disposition: form-da",
	    "before the closing boundary");
	MP_BAD("a missing closing boundary",
	    "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--xyz\r\n",
	    "the body ends in part 2, before the closing boundary");
	MP_BAD("a closing boundary without its dashes",
	    "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--xyz",
	    "before the closing boundary");
	MP_BAD("a body without a boundary", "just text", "no boundary");
	MP_BAD("an empty body", "", "no boundary");
	MP_BAD("invalid UTF-8 in a text part",
	    "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "\xc3\x28\r\n--xyz--",
	    "field \"title\" is not valid UTF-8");
	MP_BAD("invalid UTF-8 in a header",
	    "--xyz\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n"
	    "\r\n--xyz--",
	    "part 1 has a header that is not UTF-8 text");
	form_bad("a multipart type without a boundary", "multipart/form-data",
	    "--xyz--", 7, "has no boundary");
	form_bad("an empty boundary", "multipart/form-data; boundary=\"\"",
	    "----", 4, "not 1 to 70 bytes");
	form_bad("a malformed Content-Type", "multipart/form-data; boundary",
	    "", 0, "the Content-Type is malformed");
	form_bad("a body that is not a form", "text/plain", "a=1", 3,
	    "the body is not a form (Content-Type \"text/plain\")");
	form_bad("a body without a Content-Type", NULL, "a=1", 3,
	    "the body is not a form (no Content-Type)");
}

void
test_form(void)
{
	test_urlencoded();
	test_limits();
	test_multipart_form();
	test_multipart_names();
	test_multipart_data();
	test_multipart_bad();
}
