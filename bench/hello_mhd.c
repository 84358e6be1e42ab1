/*
 * hello_mhd.c - the baseline for bench/run.sh: bare libmicrohttpd in the
 * threading mode lbcare uses (poll, internal thread pool), answering every
 * GET with the same small JSON body.  Usage: bench_hello PORT THREADS.
 * Listens on 127.0.0.1 only; exits on SIGTERM or SIGINT.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

static const char hello_body[] = "{\"hello\":\"world\"}";

static enum MHD_Result
hello_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **ctx)
{
	static int		 seen;
	struct MHD_Response	*r = cls;

	(void)url;
	(void)version;
	(void)upload;
	(void)upload_size;
	if (strcmp(method, "GET") != 0)
		return (MHD_NO);
	/* Answer on the second call, as lbcare does, so keep-alive holds. */
	if (*ctx == NULL) {
		*ctx = &seen;
		return (MHD_YES);
	}
	return (MHD_queue_response(c, MHD_HTTP_OK, r));
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sin;
	struct MHD_Response	*r;
	struct MHD_Daemon	*d;
	sigset_t		 sigs;
	int			 port, threads, sig;

	if (argc != 3 || (port = atoi(argv[1])) < 1 || port > 65535 ||
	    (threads = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: bench_hello PORT THREADS\n");
		return (2);
	}
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	/* One response shared by all requests: the library's own ceiling. */
	r = MHD_create_response_from_buffer(sizeof(hello_body) - 1,
	    (void *)(uintptr_t)hello_body, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "application/json");

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	d = MHD_start_daemon(MHD_USE_POLL_INTERNAL_THREAD | MHD_USE_ITC |
	    MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL, hello_access, r,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
	    MHD_OPTION_CONNECTION_LIMIT, 1024U,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30U,
	    threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
	    (unsigned int)threads,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "bench_hello: cannot listen on port %d\n", port);
		return (1);
	}
	while (sigwait(&sigs, &sig) != 0)
		;
	MHD_stop_daemon(d);
	MHD_destroy_response(r);
	return (0);
}
