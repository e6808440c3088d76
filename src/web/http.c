/*
 * http.c - requests and replies without a transport (see http.h): decoding
 * request targets, reading a request from a file, writing a reply.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "http.h"

void
http_request_init(HttpRequest *rq)
{
	memset(rq, 0, sizeof(*rq));
}

static void
pairs_free(HttpPair *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].name);
		free(p[i].value);
	}
	free(p);
}

void
http_request_free(HttpRequest *rq)
{
	free(rq->method);
	free(rq->path);
	free(rq->query);
	pairs_free(rq->param, rq->nparam);
	pairs_free(rq->header, rq->nheader);
	buf_free(&rq->body);
	memset(rq, 0, sizeof(*rq));
}

void
http_reply_init(HttpReply *rp)
{
	memset(rp, 0, sizeof(*rp));
	rp->status = 200;
	rp->type = "text/plain; charset=utf-8";
}

void
http_reply_free(HttpReply *rp)
{
	buf_free(&rp->body);
	pairs_free(rp->header, rp->nheader);
	memset(rp, 0, sizeof(*rp));
}

static void
pair_add(
    HttpPair **p, size_t *n, const char *name, const char *value, int lower)
{
	HttpPair *e;

	*p = xrealloc(*p, (*n + 1) * sizeof(**p));
	e = &(*p)[(*n)++];
	e->name = xstrdup(name);
	e->value = xstrdup(value ? value : "");
	if (lower)
		for (char *c = e->name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
}

void
http_request_header(HttpRequest *rq, const char *name, const char *value)
{
	pair_add(&rq->header, &rq->nheader, name, value, 1);
}

void
http_request_param(HttpRequest *rq, const char *name, const char *value)
{
	pair_add(&rq->param, &rq->nparam, name, value, 0);
}

void
http_reply_header(HttpReply *rp, const char *name, const char *value)
{
	pair_add(&rp->header, &rp->nheader, name, value, 0);
}

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
http_decode_component(const char *s, size_t n, int plus, Buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			int h = i + 2 < n ? hex((unsigned char)s[i + 1]) : -1;
			int l = i + 2 < n ? hex((unsigned char)s[i + 2]) : -1;

			if (h < 0 || l < 0)
				return -1;
			buf_putc(out, h * 16 + l);
			i += 2;
			continue;
		}
		buf_putc(out, plus && s[i] == '+' ? ' ' : s[i]);
	}
	return 0;
}

/*
 * Decode s[0..n) (percent-escapes; '+' as a space when plus, as in the
 * query string) into out.  0, or -1 with a message saying whether the
 * path or the query string is malformed.
 */
static int
url_decode(const char *s, size_t n, int plus, Buf *out, Buf *err)
{
	size_t start = out->len;

	if (http_decode_component(s, n, plus, out) != 0) {
		buf_printf(err,
		    plus ? TC("query string: a malformed %%-escape")
			 : TC("path: a malformed %%-escape"));
		return -1;
	}
	if (utf8_check(buf_str(out) + start, out->len - start) !=
	    out->len - start) {
		buf_puts(err,
		    plus ? TC("query string: not valid UTF-8")
			 : TC("path: not valid UTF-8"));
		return -1;
	}
	if (strlen(buf_str(out) + start) != out->len - start) {
		buf_puts(err,
		    plus ? TC("query string: a NUL byte")
			 : TC("path: a NUL byte"));
		return -1;
	}
	return 0;
}

int
http_request_target(HttpRequest *rq, const char *target, Buf *err)
{
	const char *q = strchr(target, '?');
	size_t plen = q ? (size_t)(q - target) : strlen(target);
	Buf path = BUF_INIT, name = BUF_INIT, value = BUF_INIT;
	int rc = -1;

	if (url_decode(target, plen, 0, &path, err) != 0)
		goto out;
	free(rq->path);
	rq->path = buf_detach(&path);
	free(rq->query);
	rq->query = xstrdup(q ? q + 1 : "");
	for (const char *p = q ? q + 1 : ""; *p;) {
		size_t n = strcspn(p, "&;");
		const char *eq = memchr(p, '=', n);
		size_t kn = eq ? (size_t)(eq - p) : n;

		buf_reset(&name);
		buf_reset(&value);
		if (n > 0) {
			if (url_decode(p, kn, 1, &name, err) != 0 ||
			    (eq &&
				url_decode(
				    eq + 1, n - kn - 1, 1, &value, err) != 0))
				goto out;
			http_request_param(rq, buf_str(&name), buf_str(&value));
		}
		p += n;
		if (*p)
			p++;
	}
	rc = 0;
out:
	buf_free(&path);
	buf_free(&name);
	buf_free(&value);
	return rc;
}

const char *
http_param(const HttpRequest *rq, const char *name)
{
	for (size_t i = 0; i < rq->nparam; i++)
		if (strcmp(rq->param[i].name, name) == 0)
			return rq->param[i].value;
	return NULL;
}

const char *
http_header(const HttpRequest *rq, const char *name)
{
	for (size_t i = 0; i < rq->nheader; i++)
		if (strcasecmp(rq->header[i].name, name) == 0)
			return rq->header[i].value;
	return NULL;
}

int
http_request_read(HttpRequest *rq, FILE *fp, Buf *err)
{
	Buf line = BUF_INIT;
	char *sp1, *sp2;
	int rc = -1, c;

	if (!buf_read_line(&line, fp)) {
		buf_puts(err, TC("line 1: no request line"));
		goto out;
	}
	sp1 = strchr(buf_str(&line), ' ');
	sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
	if (sp1 == NULL || sp2 == NULL || strncmp(sp2 + 1, "HTTP/", 5) != 0) {
		buf_puts(err, TC("line 1: not \"METHOD TARGET HTTP/1.1\""));
		goto out;
	}
	*sp1 = *sp2 = '\0';
	rq->method = xstrdup(buf_str(&line));
	if (http_request_target(rq, sp1 + 1, err) != 0)
		goto out;
	for (size_t n = 2; buf_read_line(&line, fp) && line.len > 0; n++) {
		char *colon = strchr(buf_str(&line), ':');
		char *v;

		if (colon == NULL || colon == buf_str(&line)) {
			buf_printf(err, TC("line %zu: not \"Name: value\""), n);
			goto out;
		}
		*colon = '\0';
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		http_request_header(rq, buf_str(&line), v);
	}
	while ((c = getc(fp)) != EOF)
		buf_putc(&rq->body, c);
	rc = 0;
out:
	buf_free(&line);
	return rc;
}

/*
 * HTTP's reason phrases stay in English whatever the thread's language:
 * they go in the status line and the JSON API's errors; the error pages
 * name their status in the page's language themselves (page.c).
 */
const char *
http_status_text(int status)
{
	static const struct {
		int status;
		const char *text;
	} t[] = {
		{ 200, "OK" },
		{ 201, "Created" },
		{ 204, "No Content" },
		{ 303, "See Other" },
		{ 304, "Not Modified" },
		{ 400, "Bad Request" },
		{ 401, "Unauthorized" },
		{ 403, "Forbidden" },
		{ 404, "Not Found" },
		{ 405, "Method Not Allowed" },
		{ 409, "Conflict" },
		{ 413, "Content Too Large" },
		{ 422, "Unprocessable Content" },
		{ 429, "Too Many Requests" },
		{ 500, "Internal Server Error" },
		{ 503, "Service Unavailable" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].status == status)
			return t[i].text;
	return "Unknown";
}

void
http_reply_write(const HttpReply *rp, FILE *fp)
{
	fprintf(
	    fp, "HTTP/1.1 %d %s\r\n", rp->status, http_status_text(rp->status));
	fprintf(fp, "Content-Type: %s\r\n", rp->type);
	fprintf(fp, "Content-Length: %zu\r\n", rp->body.len);
	for (size_t i = 0; i < rp->nheader; i++)
		fprintf(
		    fp, "%s: %s\r\n", rp->header[i].name, rp->header[i].value);
	fputs("\r\n", fp);
	fwrite(buf_str(&rp->body), 1, rp->body.len, fp);
}
