/*
 * server.c - libmicrohttpd behind HttpRequest and HttpReply (see
 * server.h).  This is the only file that includes microhttpd.h.
 *
 * libmicrohttpd calls on_request() several times for one request: once
 * when the headers are in (a Conn is made), once per piece of body, and
 * once more when the body is complete; only then is the request built and
 * handed to the handler, on the worker thread that owns the connection,
 * with that thread's own database connection.
 *
 * libmicrohttpd is loaded when the server starts (dlopen), not linked:
 * it brings GnuTLS and eight more libraries, whose loading would cost
 * every other command of the binary several milliseconds at start.
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "../core/mem.h"
#include "../core/netaddr.h"
#include "../core/utf8.h"
#include "server.h"

/*
 * How long a stop waits for the connections still open (requests in
 * flight, idle keep-alive clients) before it closes them.
 */
#define SERVER_DRAIN_SECONDS 10

/* The functions of libmicrohttpd this file calls, found by mhd_load(). */
static struct {
	__typeof__(MHD_add_response_header) *add_response_header;
	__typeof__(MHD_create_response_from_buffer)
	    *create_response_from_buffer;
	__typeof__(MHD_destroy_response) *destroy_response;
	__typeof__(MHD_get_connection_info) *get_connection_info;
	__typeof__(MHD_get_connection_values) *get_connection_values;
	__typeof__(MHD_get_daemon_info) *get_daemon_info;
	__typeof__(MHD_queue_response) *queue_response;
	__typeof__(MHD_quiesce_daemon) *quiesce_daemon;
	__typeof__(MHD_start_daemon) *start_daemon;
	__typeof__(MHD_stop_daemon) *stop_daemon;
} mhd;

/* Load libmicrohttpd; 0, or -1 with a message in err. */
static int
mhd_load(Buf *err)
{
	static const char *const lib[] = { "libmicrohttpd.so.12",
		"libmicrohttpd.so" };
	void *h = NULL;

	for (size_t i = 0; h == NULL && i < sizeof(lib) / sizeof(lib[0]); i++)
		h = dlopen(lib[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		buf_printf(err, "cannot load libmicrohttpd: %s", dlerror());
		return -1;
	}
#define MHD_SYM(name)                                                          \
	if ((*(void **)&mhd.name = dlsym(h, "MHD_" #name)) == NULL) {          \
		buf_printf(err, "libmicrohttpd lacks MHD_%s", #name);          \
		return -1;                                                     \
	}
	MHD_SYM(add_response_header)
	MHD_SYM(create_response_from_buffer)
	MHD_SYM(destroy_response)
	MHD_SYM(get_connection_info)
	MHD_SYM(get_connection_values)
	MHD_SYM(get_daemon_info)
	MHD_SYM(queue_response)
	MHD_SYM(quiesce_daemon)
	MHD_SYM(start_daemon)
	MHD_SYM(stop_daemon)
#undef MHD_SYM
	return 0;
}

/* One request in progress. */
typedef struct Conn {
	HttpRequest rq;        /* filled as the request arrives */
	int too_large;         /* the body passed max_body */
	struct timespec start; /* when the headers were in */
} Conn;

typedef struct Server {
	const ServerOptions *o;
	pthread_key_t store_key; /* each worker thread's Store */
	pthread_mutex_t log_lock;
} Server;

static Server server;

static void
store_release(void *p)
{
	store_close(p);
}

/*
 * The calling thread's database connections, opened on first use: the
 * primary's, and the read database's when there is one.  A read database
 * that cannot be opened is logged and done without: the primary answers
 * the reads too, slower, rather than no one answering them.  Connections
 * lost (a PostgreSQL server restarted, a replica promoted) are closed
 * and opened again before the request, which then finds the database as
 * it is; while it cannot be opened, requests are answered 503.
 */
static Store *
thread_store(Buf *err)
{
	Store *s = pthread_getspecific(server.store_key);
	int lost = 0;

	if (s != NULL && store_lost(s)) {
		buf_puts(err, "the database connection was lost: ");
		store_close(s);
		pthread_setspecific(server.store_key, NULL);
		s = NULL;
		lost = 1;
	}
	if (s == NULL) {
		s = store_open(server.o->db, 0, err);
		if (s == NULL)
			return NULL;
		if (lost)
			buf_puts(err, "opened again");
		if (server.o->read_db != NULL &&
		    store_reader_open(s, server.o->read_db, err) != 0)
			buf_puts(err, " (--read-db: reads go to the primary)");
		pthread_setspecific(server.store_key, s);
	}
	return s;
}

/*
 * Behind a load balancer every request comes from its address: the
 * client's is the last of X-Forwarded-For, the one the balancer added.
 * Trusted only from a balancer named (--proxy); from anyone else the
 * header could be made up, to pass for another address and escape the
 * limit of failed sign-ins from one address.  The address replaces the
 * peer's, for that limit and the access log.
 */
static void
forwarded_for(HttpRequest *rq)
{
	const char *xff = http_header(rq, "X-Forwarded-For");
	const char *last;
	unsigned char bin[sizeof(struct in6_addr)];
	char a[64];
	size_t n;

	if (server.o->proxy == NULL || xff == NULL ||
	    !netaddr_listed(server.o->proxy, rq->remote))
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	last += strspn(last, " \t");
	n = strcspn(last, " \t");
	if (n == 0 || n >= sizeof(a))
		return;
	memcpy(a, last, n);
	a[n] = '\0';
	if (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1)
		memcpy(rq->remote, a, n + 1);
}

static enum MHD_Result
add_header(
    void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	http_request_header(cls, key, value ? value : "");
	return MHD_YES;
}

/* Query arguments come decoded; they are checked like a target's. */
static enum MHD_Result
add_param(
    void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	Conn *c = cls;

	(void)kind;
	if (value == NULL)
		value = "";
	if (utf8_check(key, strlen(key)) != strlen(key) ||
	    utf8_check(value, strlen(value)) != strlen(value))
		c->too_large = -1; /* marks a bad query string */
	http_request_param(&c->rq, key, value);
	return MHD_YES;
}

/* Text for a log line: control characters and spaces as %XX. */
static void
log_text(Buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char b = (unsigned char)*s;

		if (b <= 0x20 || b == 0x7f || b == '%')
			buf_printf(out, "%%%02X", b);
		else
			buf_putc(out, b);
	}
}

static void
access_log(const Conn *c, const HttpReply *rp)
{
	struct timespec now;
	time_t t = time(NULL);
	struct tm tm;
	char when[32];
	double ms;
	Buf target = BUF_INIT, method = BUF_INIT;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (double)(now.tv_sec - c->start.tv_sec) * 1e3 +
	    (double)(now.tv_nsec - c->start.tv_nsec) / 1e6;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	log_text(&target, c->rq.path);
	if (*c->rq.query) {
		buf_putc(&target, '?');
		log_text(&target, c->rq.query);
	}
	log_text(&method, c->rq.method);
	pthread_mutex_lock(&server.log_lock);
	fprintf(server.o->log, "%s %s %s %s %d %zu %.1fms\n", when,
	    c->rq.remote, buf_str(&method), buf_str(&target), rp->status,
	    rp->body.len, ms);
	fflush(server.o->log);
	pthread_mutex_unlock(&server.log_lock);
	buf_free(&target);
	buf_free(&method);
}

/* A plain JSON error when the request never reached a handler. */
static void
reply_plain_error(
    HttpReply *rp, int status, const char *code, const char *message)
{
	rp->status = status;
	rp->type = "application/json";
	buf_reset(&rp->body);
	buf_printf(&rp->body,
	    "{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}\n", code,
	    message);
}

static int
reply_has_header(const HttpReply *rp, const char *name)
{
	for (size_t i = 0; i < rp->nheader; i++)
		if (strcasecmp(rp->header[i].name, name) == 0)
			return 1;
	return 0;
}

static enum MHD_Result
send_reply(struct MHD_Connection *mc, const HttpReply *rp, int head)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = mhd.create_response_from_buffer(head ? 0 : rp->body.len,
	    (void *)(uintptr_t)buf_str(&rp->body), MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	mhd.add_response_header(r, "Content-Type", rp->type);
	/* Security headers on every answer. */
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(r, "X-Frame-Options", "DENY");
	mhd.add_response_header(r, "Referrer-Policy", "same-origin");
	/* A reply may bring a policy of its own (a standalone document with
	 * its style inline): then it replaces this one, never adds to it. */
	if (!reply_has_header(rp, "Content-Security-Policy"))
		mhd.add_response_header(r, "Content-Security-Policy",
		    "default-src 'self'; img-src 'self' data:; "
		    "frame-ancestors 'none'; base-uri 'none'; "
		    "form-action 'self'");
	for (size_t i = 0; i < rp->nheader; i++)
		mhd.add_response_header(
		    r, rp->header[i].name, rp->header[i].value);
	ret = mhd.queue_response(mc, (unsigned)rp->status, r);
	mhd.destroy_response(r);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *mc, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	Conn *c = *state;
	HttpReply rp;
	Store *s;
	Buf err = BUF_INIT;
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	if (c == NULL) {
		const union MHD_ConnectionInfo *ci;

		c = xcalloc(1, sizeof(*c));
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		http_request_init(&c->rq);
		c->rq.method = xstrdup(method);
		ci = mhd.get_connection_info(
		    mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci != NULL && ci->client_addr != NULL) {
			const struct sockaddr *sa = ci->client_addr;

			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET,
				    &((const struct sockaddr_in *)(const void *)
					    sa)
					 ->sin_addr,
				    c->rq.remote, sizeof(c->rq.remote));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6,
				    &((const struct sockaddr_in6 *)(const void
					      *)sa)
					 ->sin6_addr,
				    c->rq.remote, sizeof(c->rq.remote));
		}
		*state = c;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (c->too_large == 0 &&
		    c->rq.body.len + *upload_size <= server.o->max_body)
			buf_append(&c->rq.body, upload, *upload_size);
		else
			c->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	http_reply_init(&rp);
	c->rq.path = xstrdup(url);
	mhd.get_connection_values(mc, MHD_HEADER_KIND, add_header, &c->rq);
	forwarded_for(&c->rq);
	mhd.get_connection_values(mc, MHD_GET_ARGUMENT_KIND, add_param, c);
	{
		/* The query again, as text, for the log and for ETags. */
		Buf q = BUF_INIT;

		for (size_t i = 0; i < c->rq.nparam; i++)
			buf_printf(&q, "%s%s=%s", i ? "&" : "",
			    c->rq.param[i].name, c->rq.param[i].value);
		c->rq.query = buf_detach(&q);
	}
	if (utf8_check(url, strlen(url)) != strlen(url) || c->too_large < 0)
		reply_plain_error(&rp, 400, "bad_request",
		    "the path or query string is not valid UTF-8");
	else if (c->too_large)
		reply_plain_error(
		    &rp, 413, "too_large", "the request body is too large");
	else if ((s = thread_store(&err)) == NULL)
		reply_plain_error(
		    &rp, 503, "unavailable", "the database cannot be opened");
	else
		server.o->handle(s, &c->rq, &rp);
	if (err.len > 0) {
		pthread_mutex_lock(&server.log_lock);
		fprintf(server.o->log, "ctmatrix serve: %s\n", buf_str(&err));
		pthread_mutex_unlock(&server.log_lock);
	}
	ret = send_reply(mc, &rp, strcmp(method, "HEAD") == 0);
	access_log(c, &rp);
	http_reply_free(&rp);
	buf_free(&err);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *mc, void **state,
    enum MHD_RequestTerminationCode toe)
{
	Conn *c = *state;

	(void)cls;
	(void)mc;
	(void)toe;
	if (c == NULL)
		return;
	http_request_free(&c->rq);
	free(c);
	*state = NULL;
}

/* Parse "host:port" ("[v6]:port", ":port") into ss. */
static int
parse_listen(const char *listen, struct sockaddr_storage *ss, Buf *err)
{
	const char *colon = strrchr(listen, ':');
	Buf host = BUF_INIT;
	char *end;
	long port;
	int rc = -1;

	memset(ss, 0, sizeof(*ss));
	if (colon == NULL)
		goto bad;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || port < 0 || port > 65535)
		goto bad;
	buf_append(&host, listen, (size_t)(colon - listen));
	if (host.len == 0)
		buf_set(&host, "127.0.0.1");
	if (buf_str(&host)[0] == '[' && buf_str(&host)[host.len - 1] == ']') {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
		Buf h6 = BUF_INIT;

		buf_append(&h6, buf_str(&host) + 1, host.len - 2);
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		rc = inet_pton(AF_INET6, buf_str(&h6), &a->sin6_addr) == 1 ? 0
									   : -1;
		buf_free(&h6);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		rc = inet_pton(AF_INET, buf_str(&host), &a->sin_addr) == 1 ? 0
									   : -1;
	}
	buf_free(&host);
	if (rc == 0)
		return 0;
bad:
	buf_printf(err,
	    "--listen: \"%s\" is not HOST:PORT (127.0.0.1:8080, [::1]:8080)",
	    listen);
	return -1;
}

int
server_run(const ServerOptions *o, Buf *err)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *di;
	sigset_t sigs, old;
	unsigned flags;
	int threads = o->threads, sig = 0;
	Buf addr = BUF_INIT;

	if (parse_listen(o->listen, &ss, err) != 0 || mhd_load(err) != 0)
		return -1;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		threads = n > 0 ? (int)n : 1;
	}
	server.o = o;
	pthread_key_create(&server.store_key, store_release);
	pthread_mutex_init(&server.log_lock, NULL);
	/* The workers must not take the stop signals: main waits for them. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_ERROR_LOG | MHD_USE_ITC;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = mhd.start_daemon(flags, 0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->timeout ? o->timeout : 30u,
	    MHD_OPTION_CONNECTION_LIMIT, 512u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (d == NULL) {
		buf_printf(err, "cannot listen on %s: %s", o->listen,
		    errno ? strerror(errno) : "libmicrohttpd refused");
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	di = mhd.get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (ss.ss_family == AF_INET6) {
		char h[INET6_ADDRSTRLEN];

		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, h,
		    sizeof(h));
		buf_printf(&addr, "[%s]:%u", h, di ? di->port : 0);
	} else {
		char h[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, h,
		    sizeof(h));
		buf_printf(&addr, "%s:%u", h, di ? di->port : 0);
	}
	if (o->ready != NULL)
		o->ready(buf_str(&addr), o->ready_ctx);
	do {
		sigwait(&sigs, &sig);
	} while (sig == SIGPIPE);
	/*
	 * Stop taking connections, let the requests in flight finish (up to
	 * the connection timeout), then stop.
	 */
	mhd.quiesce_daemon(d);
	for (int i = 0; i < 100 * SERVER_DRAIN_SECONDS; i++) {
		di =
		    mhd.get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (di == NULL || di->num_connections == 0)
			break;
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
	mhd.stop_daemon(d);
	pthread_key_delete(server.store_key);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_mutex_destroy(&server.log_lock);
	buf_free(&addr);
	return 0;
}
