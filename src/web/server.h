/*
 * server.h - the HTTP server: libmicrohttpd behind HttpRequest/HttpReply.
 *
 * A pool of threads, one per core unless told, each with its own database
 * connection (SQLite in WAL mode lets them read at once; writes are
 * serialised by the database), and its own to the read database when
 * there is one (read_db; the handler decides which a request uses).  Requests are held to size and time limits;
 * every request leaves a line in the access log; SIGTERM or SIGINT stops
 * taking connections, lets the requests in flight finish, and returns.
 */
#ifndef CTM_WEB_SERVER_H
#define CTM_WEB_SERVER_H

#include <stdio.h>

#include "../store/store.h"
#include "http.h"

/* Answer one request: fill rp (initialised, status 200) from rq. */
typedef void (*ServerHandler)(Store *s, const HttpRequest *rq, HttpReply *rp);

typedef struct ServerOptions {
	const char *listen;  /* "127.0.0.1:8080", "[::1]:8080" or ":8080" */
	const char *db;      /* database path or URL, opened per thread */
	const char *read_db; /* a replica's, for reads (--read-db), or NULL */
	/* The load balancers' addresses, comma-separated, or NULL: a request
	 * from one comes from the last address its X-Forwarded-For names. */
	const char *proxy;
	int threads;          /* worker threads; 0: one per core */
	size_t max_body;      /* largest request body accepted, bytes */
	unsigned timeout;     /* seconds a connection may stay idle */
	FILE *log;            /* the access log (stderr by default) */
	ServerHandler handle; /* what answers requests */
	/* Called once listening, with the address it listens on. */
	void (*ready)(const char *address, void *ctx);
	void *ready_ctx;
} ServerOptions;

/*
 * Serve until SIGTERM or SIGINT.  Return 0 after a clean stop, or -1 with
 * a message in err when the server could not start.
 */
int server_run(const ServerOptions *o, Buf *err);

#endif
