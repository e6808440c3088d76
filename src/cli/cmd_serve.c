/*
 * cmd_serve.c - `ctmatrix serve` and `ctmatrix request`.
 *
 * Both answer requests with app_handle(): serve over HTTP with a pool of
 * threads, request for one request read from a file, so that a handler can
 * be run and tested without a server or a network.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../account/account.h"
#include "../core/netaddr.h"
#include "../api/api.h"
#include "../page/page.h"
#include "../web/cache.h"
#include "../web/server.h"
#include "../text/icu.h"
#include "../text/lang.h"
#include "cli.h"

/* Largest request body taken (uploads of a whole matrix fit). */
#define SERVE_MAX_BODY (8u << 20)

static int
reply_sets_cookie(const HttpReply *rp)
{
	for (size_t i = 0; i < rp->nheader; i++)
		if (strcasecmp(rp->header[i].name, "Set-Cookie") == 0)
			return 1;
	return 0;
}

/* Memory kept for answers to anonymous reads (web/cache.h). */
#define SERVE_CACHE_BYTES (64u << 20)

/* Every surface in turn: the API, then the pages. */
static void
app_answer(Store *s, const HttpRequest *rq, HttpReply *rp)
{
	if (api_handle(s, rq, rp) || page_handle(s, rq, rp))
		return;
	rp->status = 404;
	rp->type = "text/plain; charset=utf-8";
	buf_set(&rp->body, "Not found.\n");
}

/*
 * May the answer to rq be kept and given to others?  Only a read whose
 * answer cannot depend on who asks: no token, no cookie at all (the
 * sign-in form's token is a cookie too, and a session's account may have
 * chosen the language of its pages), no conditional request (its answer
 * is a 304 of its own).  What is kept is keyed by the language the
 * browser asks for, the only other thing the answer depends on.
 */
static int
cacheable(const HttpRequest *rq)
{
	return (strcmp(rq->method, "GET") == 0 ||
		   strcmp(rq->method, "HEAD") == 0) &&
	    http_header(rq, "Authorization") == NULL &&
	    http_header(rq, "If-None-Match") == NULL &&
	    http_header(rq, "Cookie") == NULL;
}

/*
 * Answer rq, from the answers kept when it may be (cacheable): each is
 * kept with the generation of the data it was made from as the
 * connection that made it sees it, so that a replica's answer is never
 * taken for a newer generation's.
 */
static void
app_read(Store *s, const HttpRequest *rq, HttpReply *rp)
{
	Buf key = BUF_INIT;
	const char *lang;
	int64_t gen;

	if (!cacheable(rq)) {
		app_answer(s, rq, rp);
		return;
	}
	gen = store_data_generation(s);
	/* The pages speak the language the browser asks for (page.c). */
	lang = lang_accept(http_header(rq, "Accept-Language"));
	buf_printf(&key, "%s %s?%s", lang ? lang : "en", rq->path, rq->query);
	if (gen < 0 || !cache_get(buf_str(&key), gen, rp)) {
		app_answer(s, rq, rp);
		/* An answer that sets a cookie is someone's own. */
		if (gen >= 0 && rp->status == 200 && !reply_sets_cookie(rp))
			cache_put(buf_str(&key), gen, rp);
	}
	buf_free(&key);
}

/*
 * Answer rq.  A GET or HEAD reads the read database when the server has
 * one (--read-db): it writes nothing a later request depends on, and what
 * it does write (a language chosen) goes to the primary all the same
 * (store.h, store_reads).  Anything else reads and writes the primary.
 */
static void
app_handle(Store *s, const HttpRequest *rq, HttpReply *rp)
{
	store_reads(s,
	    strcmp(rq->method, "GET") == 0 || strcmp(rq->method, "HEAD") == 0);
	app_read(s, rq, rp);
	store_reads(s, 0);
}

static void
serve_ready(const char *address, void *ctx)
{
	const Cli *c = ctx;

	printf("ctmatrix: ");
	printf(
	    tr(c->lang, "serving http://%s/ (stop with Ctrl-C or SIGTERM)\n"),
	    address);
	fflush(stdout);
}

int
cmd_serve(Cli *c)
{
	ServerOptions o;
	const char *threads = cli_opt(c, "threads");
	const char *read_db = cli_opt(c, "read-db");
	Buf err = BUF_INIT;
	char *end;
	int rc = EXIT_OK;

	memset(&o, 0, sizeof(o));
	o.listen =
	    cli_opt(c, "listen") ? cli_opt(c, "listen") : "127.0.0.1:8080";
	if (threads != NULL) {
		long n = strtol(threads, &end, 10);

		if (*threads == '\0' || *end != '\0' || n < 1 || n > 256)
			return cli_error(EXIT_USAGE,
			    tr(c->lang,
				"serve: --threads wants a number from 1 to "
				"256"));
		o.threads = (int)n;
	}
	if (cli_opt(c, "proxy") != NULL &&
	    netaddr_list_check(cli_opt(c, "proxy"), &err) != 0) {
		rc = cli_error(EXIT_USAGE,
		    tr(c->lang,
			"serve: --proxy: \"%s\" is neither an address nor a "
			"network (ADDR/BITS)"),
		    buf_str(&err));
		buf_free(&err);
		return rc;
	}
	/*
	 * ICU now, not at a request: the pages format numbers and dates in
	 * every language, and a machine without it is told at the start.
	 */
	(void)icu_lib();
	if (account_init() != 0)
		return cli_error(
		    EXIT_SYSTEM, tr(c->lang, "serve: cannot start libsodium"));
	/* Create and load the database now, not in the first request. */
	if (cli_store(c) == NULL)
		return EXIT_SYSTEM;
	o.db = c->db;
	/*
	 * The read database is tried now, so that a wrong one stops the
	 * server at its start, not each thread at its first request.
	 */
	if (read_db == NULL)
		read_db = getenv("CTMATRIX_READ_DB");
	if (read_db != NULL && *read_db != '\0') {
		if (store_reader_open(c->store, read_db, &err) != 0) {
			rc = cli_error(EXIT_SYSTEM,
			    tr(c->lang, "serve: --read-db: %s"), buf_str(&err));
			buf_free(&err);
			return rc;
		}
		o.read_db = read_db;
	}
	o.proxy = cli_opt(c, "proxy");
	o.max_body = SERVE_MAX_BODY;
	o.timeout = 30;
	o.log = stderr;
	o.handle = app_handle;
	o.ready = serve_ready;
	o.ready_ctx = c;
	cache_init(SERVE_CACHE_BYTES);
	if (server_run(&o, &err) != 0)
		rc = cli_error(
		    EXIT_SYSTEM, tr(c->lang, "serve: %s"), buf_str(&err));
	buf_free(&err);
	return rc;
}

int
cmd_request(Cli *c)
{
	const char *file = c->arg[0];
	FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	HttpRequest rq;
	HttpReply rp;
	Buf err = BUF_INIT;
	int rc = EXIT_OK;

	http_request_init(&rq);
	http_reply_init(&rp);
	if (fp == NULL)
		return cli_error(
		    EXIT_FAIL, tr(c->lang, "request: %s: cannot open"), file);
	if (http_request_read(&rq, fp, &err) != 0) {
		rc = cli_error(EXIT_FAIL, tr(c->lang, "request: %s: %s"), file,
		    buf_str(&err));
		goto out;
	}
	snprintf(rq.remote, sizeof(rq.remote), "file");
	if (account_init() != 0) {
		rc = cli_error(EXIT_SYSTEM,
		    tr(c->lang, "request: cannot start libsodium"));
		goto out;
	}
	if (cli_store(c) == NULL) {
		rc = EXIT_SYSTEM;
		goto out;
	}
	app_handle(c->store, &rq, &rp);
	http_reply_write(&rp, stdout);
out:
	if (fp != stdin)
		fclose(fp);
	http_request_free(&rq);
	http_reply_free(&rp);
	buf_free(&err);
	return rc;
}
