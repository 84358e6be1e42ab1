/*
 * http.h - the HTTP server.  http_mhd.c is the only code that knows the
 * HTTP library; everything above it sees struct req and struct res.
 */
#ifndef LBCARE_HTTP_H
#define LBCARE_HTTP_H

struct app;
struct err;

/*
 * Listen on conf listen/port (an IPv4 or IPv6 address, bound exactly),
 * answer requests through router_dispatch() with conf threads worker
 * threads, and block until SIGTERM or SIGINT.  Then stop accepting, let
 * requests in flight finish (for at most conf timeout seconds, or until a
 * second signal) and stop.  SIGTERM and SIGINT are blocked in the calling
 * thread while it runs.  Returns 0 after a clean stop, -1 with err set if
 * the server could not start.
 */
int	http_serve(struct app *, struct err *);

#endif
