/*
 * test_http.c - requests without a transport: decoding targets, reading a
 * request from a file.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../src/web/http.h"
#include "test.h"

static void
target_is(const char *target, const char *path, const char *params)
{
	HttpRequest rq;
	Buf err = BUF_INIT, got = BUF_INIT;

	http_request_init(&rq);
	CHECK(http_request_target(&rq, target, &err) == 0,
	    "target \"%s\" parses (%s)", target, buf_str(&err));
	CHECK_STR(rq.path, path, "target \"%s\": path", target);
	for (size_t i = 0; i < rq.nparam; i++)
		buf_printf(&got, "%s[%s=%s]", i ? " " : "", rq.param[i].name,
		    rq.param[i].value);
	CHECK_STR(buf_str(&got), params, "target \"%s\": parameters", target);
	http_request_free(&rq);
	buf_free(&err);
	buf_free(&got);
}

static void
target_bad(const char *target, const char *why)
{
	HttpRequest rq;
	Buf err = BUF_INIT;

	http_request_init(&rq);
	CHECK(http_request_target(&rq, target, &err) != 0 &&
		strstr(buf_str(&err), why) != NULL,
	    "target \"%s\" is refused: %s (%s)", target, why, buf_str(&err));
	http_request_free(&rq);
	buf_free(&err);
}

static void
read_is(const char *text, int ok, const char *method, const char *host,
    const char *body)
{
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
	HttpRequest rq;
	Buf err = BUF_INIT;
	int rc;

	http_request_init(&rq);
	rc = http_request_read(&rq, fp, &err);
	CHECK((rc == 0) == ok, "request %s (%s)", ok ? "reads" : "is refused",
	    buf_str(&err));
	if (ok && rc == 0) {
		CHECK_STR(rq.method, method, "request: method");
		CHECK_STR(http_header(&rq, "HOST"), host,
		    "request: headers by any case");
		CHECK_STR(buf_str(&rq.body), body, "request: body");
	}
	fclose(fp);
	http_request_free(&rq);
	buf_free(&err);
}

void
test_http(void)
{
	target_is("/api/v1/projects", "/api/v1/projects", "");
	target_is(
	    "/p?pillar=II&entity=UNODC", "/p", "[pillar=II] [entity=UNODC]");
	target_is("/p?search=%C3%A9l%C3%A8ve+radical&x", "/p",
	    "[search=élève radical] [x=]");
	target_is("/a%20b?&&q=1;r=2", "/a b", "[q=1] [r=2]");
	target_is("/p?a=%3D%26", "/p", "[a==&]");
	target_bad("/p?q=%ZZ", "malformed");
	target_bad("/p?q=%4", "malformed");
	target_bad("/p?q=%FF", "UTF-8");
	target_bad("/p?q=%00", "NUL");
	target_bad("/%C0%AF", "UTF-8");
	read_is("GET /x HTTP/1.1\r\nHost: a.b\r\n\r\n", 1, "GET", "a.b", "");
	read_is("POST /x HTTP/1.1\nhost:  c\n\nline one\nline two\n", 1, "POST",
	    "c", "line one\nline two\n");
	read_is("", 0, NULL, NULL, NULL);
	read_is("GET /x\n\n", 0, NULL, NULL, NULL);
	read_is("GET /x HTTP/1.1\nno colon here\n\n", 0, NULL, NULL, NULL);
	read_is("GET /x?q=%FF HTTP/1.1\n\n", 0, NULL, NULL, NULL);
	{
		HttpReply rp;

		http_reply_init(&rp);
		CHECK(rp.status == 200, "a reply starts as 200");
		CHECK_STR(http_status_text(404), "Not Found", "status text");
		CHECK_STR(http_status_text(999), "Unknown", "unknown status");
		http_reply_free(&rp);
	}
}
