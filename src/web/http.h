/*
 * http.h - the request and the reply as handlers see them.
 *
 * Handlers never meet libmicrohttpd: server.c turns each connection's
 * request into an HttpRequest and sends the HttpReply back, and
 * http_request_read() makes the same HttpRequest from a file, so that one
 * request can be run without a server (`ctmatrix request FILE`) and a
 * handler tested on its own.  Everything in a request is owned by it and
 * freed by http_request_free(); likewise for a reply.
 */
#ifndef CTM_WEB_HTTP_H
#define CTM_WEB_HTTP_H

#include <stddef.h>
#include <stdio.h>

#include "../core/buf.h"

/* A name and its value: a query parameter or a header. */
typedef struct HttpPair {
	char *name;  /* header names are lower-cased */
	char *value; /* decoded, valid UTF-8 */
} HttpPair;

typedef struct HttpRequest {
	char *method;    /* "GET", "POST", ... */
	char *path;      /* decoded path, without the query string */
	char *query;     /* the query string as sent, "" when none */
	HttpPair *param; /* query parameters, in the order sent */
	size_t nparam;
	HttpPair *header; /* request headers */
	size_t nheader;
	Buf body;        /* the request body */
	char remote[64]; /* the peer's address, for the access log */
} HttpRequest;

typedef struct HttpReply {
	int status;       /* HTTP status, 200 unless set */
	const char *type; /* Content-Type (a static string) */
	Buf body;         /* what is sent */
	HttpPair *header; /* further headers */
	size_t nheader;
} HttpReply;

void http_request_init(HttpRequest *rq);
void http_request_free(HttpRequest *rq);
void http_reply_init(HttpReply *rp);
void http_reply_free(HttpReply *rp);

/* Add a header or a query parameter to rq (copied). */
void http_request_header(HttpRequest *rq, const char *name, const char *value);
void http_request_param(HttpRequest *rq, const char *name, const char *value);

/*
 * Set rq's path and parameters from a request target ("/a/b?x=1&y=%C3%A9"):
 * percent-escapes and '+' decoded.  0, or -1 with a message in err when
 * an escape is malformed or the decoded text is not UTF-8.
 */
int http_request_target(HttpRequest *rq, const char *target, Buf *err);

/*
 * Append the decoding of s[0..n) to out: "%XX" becomes the byte XX and,
 * when plus is set (query strings, form bodies; not paths), '+' a space.
 * 0, or -1 when an escape is malformed (out then holds what came before).
 * The bytes are not checked further: the caller checks UTF-8 and NULs.
 */
int http_decode_component(const char *s, size_t n, int plus, Buf *out);

/*
 * Read a request from fp as it would travel: "METHOD TARGET HTTP/1.1",
 * header lines, an empty line, the body (up to the end of the file).
 * 0, or -1 with a message in err.
 */
int http_request_read(HttpRequest *rq, FILE *fp, Buf *err);

/* The value of query parameter or header name (case-insensitive), or NULL. */
const char *http_param(const HttpRequest *rq, const char *name);
const char *http_header(const HttpRequest *rq, const char *name);

/* Add a header to the reply (copied). */
void http_reply_header(HttpReply *rp, const char *name, const char *value);

/* Write rp to fp as an HTTP/1.1 response (for `ctmatrix request`). */
void http_reply_write(const HttpReply *rp, FILE *fp);

/* The reason phrase of a status ("Not Found"). */
const char *http_status_text(int status);

#endif
