/*
 * http_mhd.c - the server on libmicrohttpd, and the only file that
 * includes microhttpd.h.  Each request gets an arena and a struct req,
 * router_dispatch() runs once the body is in, the struct res is sent, and
 * the arena goes when libmicrohttpd reports the request completed.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "../app.h"
#include "../api/api.h"
#include "../api/router.h"
#include "../core/buf.h"
#include "../core/log.h"
#include "../core/util.h"
#include "http.h"

struct server {
	struct app	*app;
	size_t		 max_body;
	atomic_int	 running;	/* the daemon has started */
	atomic_int	 inflight;	/* requests begun, not completed */
	atomic_int	 stopping;
	uint32_t	 id_prefix;	/* random per process */
	atomic_uint	 id_next;
};

/* One request; lives at the start of its own arena. */
struct hreq {
	struct req	 req;
	struct res	 res;
	struct buf	 body;
	const char	*target;	/* raw request target, with query */
	int		 started;
	int		 bad;		/* path or query malformed: err */
	struct err	 err;
};

static void	http_log(void *, const char *, va_list)
		    __attribute__((format(printf, 2, 0)));

/*
 * The library's own messages.  Once it runs they are mostly about clients
 * (dropped connections, oversized headers), which anyone can cause: keep
 * them out of the default log.
 */
static void
http_log(void *cls, const char *fmt, va_list ap)
{
	struct server	*s = cls;
	char		 line[256];
	size_t		 n;

	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	while (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	log_at(atomic_load(&s->running) ? LOG_DEBUG : LOG_WARN, "http: %s",
	    line);
}

static void
http_buf_free(void *p)
{
	buf_cleanup(p);
}

/* Called once per request with the raw target, before headers are read. */
static void *
http_begin(void *cls, const char *target, struct MHD_Connection *c)
{
	struct server	*s = cls;
	struct arena	*a;
	struct hreq	*h;

	(void)c;
	a = arena_new();
	h = arena_alloc(a, sizeof(*h));
	h->req.arena = a;
	h->req.app = s->app;
	h->target = arena_strdup(a, target);
	buf_init(&h->body, s->max_body);
	arena_defer(a, http_buf_free, &h->body);
	atomic_fetch_add(&s->inflight, 1);
	return (h);
}

static void
http_done(void *cls, struct MHD_Connection *c, void **ctx,
    enum MHD_RequestTerminationCode toe)
{
	struct server	*s = cls;
	struct hreq	*h = *ctx;

	(void)c;
	(void)toe;
	if (h == NULL)
		return;
	*ctx = NULL;
	arena_free(h->req.arena);
	atomic_fetch_sub(&s->inflight, 1);
}

static enum MHD_Result
http_header(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct req	*r = cls;

	(void)kind;
	if (r->nheaders == REQ_MAX_HEADERS)
		return (MHD_NO);
	r->headers[r->nheaders].key = arena_strdup(r->arena, key);
	r->headers[r->nheaders].value = arena_strdup(r->arena,
	    value != NULL ? value : "");
	r->nheaders++;
	return (MHD_YES);
}

static enum http_method
http_method(const char *m)
{
	static const struct {
		const char		*name;
		enum http_method	 method;
	} methods[] = {
		{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD },
		{ "POST", HTTP_POST }, { "PUT", HTTP_PUT },
		{ "PATCH", HTTP_PATCH }, { "DELETE", HTTP_DELETE },
	};
	size_t	i;

	for (i = 0; i < nitems(methods); i++)
		if (strcmp(m, methods[i].name) == 0)
			return (methods[i].method);
	return (HTTP_OTHER);
}

static const char *
http_peer(struct arena *a, struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;
	char				*out;

	out = arena_alloc(a, INET6_ADDRSTRLEN);
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return (out);
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)
		    sa)->sin_addr, out, INET6_ADDRSTRLEN);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)
		    sa)->sin6_addr, out, INET6_ADDRSTRLEN);
	return (out);
}

/* Headers are in: fill everything of struct req but the body. */
static void
http_fill(struct server *s, struct hreq *h, struct MHD_Connection *c,
    const char *method)
{
	struct req	*r = &h->req;
	char		*path, *query;

	r->method = http_method(method);
	path = arena_strdup(r->arena, h->target);
	if ((query = strchr(path, '?')) != NULL)
		*query++ = '\0';
	if (url_decode(path) == -1) {
		h->bad = 1;
		err_setl(&h->err, ERR_INVALID, "path",
		    "请求路径中有无效的转义或空字符",
		    "malformed %%-escape or NUL in the path");
	} else if (query != NULL && req_parse_query(r, query, &h->err) == -1)
		h->bad = 1;
	r->path = path;
	MHD_get_connection_values(c, MHD_HEADER_KIND, http_header, r);
	r->remote_addr = http_peer(r->arena, c);
	/* Unique per process and unlikely to repeat across restarts. */
	snprintf(r->request_id, sizeof(r->request_id), "%08x%08x",
	    (unsigned)s->id_prefix, atomic_fetch_add(&s->id_next, 1));
	/* Upload routes may take more; nothing is buffered yet. */
	if (!h->bad)
		h->body.limit = router_body_limit(r);
}

static enum MHD_Result
http_respond(struct server *s, struct hreq *h, struct MHD_Connection *c)
{
	struct req		*r = &h->req;
	struct res		*res = &h->res;
	struct MHD_Response	*mr;
	enum MHD_Result		 rc;
	size_t			 i;

	r->body = h->body.data != NULL ? h->body.data : "";
	r->body_len = h->body.len;
	if (h->bad)
		res_problem(r, res, &h->err);
	else
		router_dispatch(r, res);
	if (res->status < 100 || res->status > 599)
		res->status = 500;

	/* The body lives in the arena; 0.9.75 has no _static variant. */
	mr = MHD_create_response_from_buffer(res->body_len,
	    (void *)(uintptr_t)res->body, MHD_RESPMEM_MUST_COPY);
	if (mr == NULL) {
		log_err("http: %s: cannot create a response", r->request_id);
		return (MHD_NO);
	}
	if (res->content_type != NULL)
		MHD_add_response_header(mr, "Content-Type", res->content_type);
	for (i = 0; i < res->nheaders; i++)
		MHD_add_response_header(mr, res->headers[i].key,
		    res->headers[i].value);
	MHD_add_response_header(mr, "X-Request-Id", r->request_id);
	if (MHD_get_response_header(mr, "X-Content-Type-Options") == NULL)
		MHD_add_response_header(mr, "X-Content-Type-Options",
		    "nosniff");
	if (res->no_store)
		MHD_add_response_header(mr, "Cache-Control", "no-store");
	/* While draining, do not let kept-alive connections start anew. */
	if (atomic_load(&s->stopping))
		MHD_add_response_header(mr, "Connection", "close");
	/* libmicrohttpd sends only the headers for HEAD. */
	rc = MHD_queue_response(c, (unsigned int)res->status, mr);
	MHD_destroy_response(mr);
	return (rc);
}

static enum MHD_Result
http_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ctx)
{
	struct hreq	*h = *ctx;

	(void)url;
	(void)version;
	if (h == NULL)		/* http_begin runs for every request */
		return (MHD_NO);
	if (!h->started) {
		h->started = 1;
		http_fill(cls, h, c, method);
		return (MHD_YES);
	}
	if (*upload_size != 0) {
		/* Past max-body the buffer fails stickily: keep draining. */
		buf_append(&h->body, upload, *upload_size);
		h->req.body_too_large = h->body.failed;
		*upload_size = 0;
		return (MHD_YES);
	}
	return (http_respond(cls, h, c));
}

static int
http_addr(const char *listen, int port, struct sockaddr_storage *ss,
    struct err *e)
{
	struct sockaddr_in	*in4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6	*in6 = (struct sockaddr_in6 *)ss;
	char			 host[INET6_ADDRSTRLEN + 2];
	size_t			 n;

	memset(ss, 0, sizeof(*ss));
	n = strlen(listen);
	if (n >= 2 && n < sizeof(host) && listen[0] == '[' &&
	    listen[n - 1] == ']') {
		memcpy(host, listen + 1, n - 2);
		host[n - 2] = '\0';
	} else
		snprintf(host, sizeof(host), "%s", listen);
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		return (0);
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		return (0);
	}
	err_set(e, ERR_INVALID, "listen",
	    "listen: '%s' is not an IPv4 or IPv6 address", listen);
	return (-1);
}

/* Stop accepting, let requests in flight finish, stop. */
static void
http_drain(struct MHD_Daemon *d, struct server *s, const sigset_t *sigs,
    int64_t limit_ms)
{
	struct timespec	 tick = { 0, 50 * 1000 * 1000 };
	int64_t		 deadline = time_mono_ms() + limit_ms;
	MHD_socket	 fd;

	atomic_store(&s->stopping, 1);
	fd = MHD_quiesce_daemon(d);
	log_info("shutting down, %d request(s) in flight",
	    atomic_load(&s->inflight));
	while (atomic_load(&s->inflight) > 0 && time_mono_ms() < deadline)
		if (sigtimedwait(sigs, NULL, &tick) > 0)
			break;		/* a second signal: stop now */
	MHD_stop_daemon(d);
	/* Closed only after the daemon's threads are gone (MHD docs). */
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
}

int
http_serve(struct app *app, struct err *e)
{
	const struct conf	*cf = &app->conf;
	struct server		 s;
	struct sockaddr_storage	 ss;
	struct MHD_Daemon	*d;
	sigset_t		 sigs, old;
	unsigned int		 flags, threads, maxconn;
	int			 port, sig;

	memset(&s, 0, sizeof(s));
	s.app = app;
	s.max_body = (size_t)conf_int(cf, CONF_MAX_BODY);
	port = (int)conf_int(cf, CONF_PORT);
	if (http_addr(conf_str(cf, CONF_LISTEN), port, &ss, e) == -1)
		return (-1);
	if (sodium_init() == -1) {
		err_set(e, ERR_INTERNAL, NULL, "libsodium failed to start");
		return (-1);
	}
	s.id_prefix = randombytes_random();
	maxconn = (unsigned int)conf_int(cf, CONF_MAX_CONNECTIONS);
	threads = (unsigned int)conf_int(cf, CONF_THREADS);
	/* The pool splits the limit evenly; a worker needs at least one. */
	if (threads > maxconn)
		threads = maxconn;

	/* Block the signals first so the daemon's threads inherit it. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);

	/* poll, not epoll: 0.9.75's epoll mode stalls past 128 connections. */
	flags = MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;	/* without DUAL_STACK: v6 only */
	d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL,
	    http_access, &s,
	    MHD_OPTION_EXTERNAL_LOGGER, http_log, &s,	/* first, or unused */
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_LIMIT, maxconn,
	    MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned int)conf_int(cf, CONF_CONN_TIMEOUT),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)conf_int(cf, CONF_MAX_HEADER),
	    MHD_OPTION_URI_LOG_CALLBACK, http_begin, &s,
	    MHD_OPTION_NOTIFY_COMPLETED, http_done, &s,
	    /* Last: a pool of one draws a warning, so end the list there. */
	    threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END, threads,
	    MHD_OPTION_END);
	if (d == NULL) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		err_set(e, ERR_INTERNAL, "listen", "cannot listen on %s port %d",
		    conf_str(cf, CONF_LISTEN), port);
		return (-1);
	}
	atomic_store(&s.running, 1);

	while (sigwait(&sigs, &sig) != 0)
		;
	log_info("%s received", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	http_drain(d, &s, &sigs, conf_int(cf, CONF_CONN_TIMEOUT) * 1000);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	log_info("stopped");
	return (0);
}
