/*
 * server.h: the HTTP server on libmicrohttpd.
 *
 * One internal thread per worker, each with its own epoll loop (a thread
 * pool sized to the cores), keep-alive, and the edge rules of
 * security.md: URI and header-size limits, a body limit per route,
 * refusal of ambiguous framing and of control characters in header
 * values, a connection cap and a per-connection inactivity timeout.
 * Every request, however it ends, reaches the application's handle
 * callback once, which writes the response; the server adds the
 * security headers to every response it sends.
 */
#ifndef COPHUB_SERVER_H
#define COPHUB_SERVER_H

#include "core/buf.h"
#include "http/router.h"

#include <stdbool.h>
#include <stddef.h>

struct server_config {
	const char *host;
	int port;		/* 0 picks a free port; see server_port() */
	int threads;		/* 0 = one per core */
	int max_connections;
	int timeout;		/* seconds */
	bool tls;		/* behind an HTTPS proxy: HSTS */
	const struct route *routes;
	size_t nroutes;
	/* Writes the response for r; r->edge_status is non-zero when the
	 * server already decided the status (400, 404, 405, 413, ...). */
	void (*handle)(struct req *r);
};

int server_start(const struct server_config *cfg, char *err, size_t errlen);
int server_port(void);
/* Stops accepting, waits up to grace_ms for requests in flight, then
 * closes every connection. */
void server_stop(int grace_ms);
/* Appends the Prometheus text exposition of the request metrics. */
void server_write_metrics(struct buf *b);

#endif
