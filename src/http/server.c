/*
 * server.c: libmicrohttpd glue (server.h).
 *
 * The life of a request:
 *   on_uri        MHD has read the request line: the request context is
 *                 created with the raw URI (for the 414 rule and our own
 *                 strict decoding of path and query).
 *   on_access #1  headers are in: edge rules, routing, body limit.  The
 *                 first call never queues a response: libmicrohttpd
 *                 0.9.75 answers "Connection: close" to a response queued
 *                 there, so keep-alive needs the two-call pattern.
 *   on_access #2+ body pieces are appended up to the route's limit; past
 *                 it the 413 is queued at once and nothing more is read.
 *   on_access end the application writes the response; it is queued.
 *   on_completed  log line, metrics, the arena is freed.
 */
#include "http/server.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sodium.h>
#include <time.h>
#include <unistd.h>

/* Status codes counted separately in /metrics; the rest count as "other". */
static const int metric_statuses[] = {200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404,
				      405, 409, 413, 414, 415, 422, 429, 431, 500, 501, 503};
#define NSTATUS (ARRAY_LEN(metric_statuses) + 1)
/* Latency histogram bucket bounds in microseconds. */
static const int64_t metric_buckets[] = {250,   500,    1000,   2500,   5000,   10000,
					 25000, 50000, 100000, 250000, 500000, 1000000};
#define NBUCKET (ARRAY_LEN(metric_buckets) + 1)

struct route_metrics {
	atomic_uint_fast64_t by_status[NSTATUS];
	atomic_uint_fast64_t buckets[NBUCKET];
	atomic_uint_fast64_t sum_us;
};

static struct {
	struct MHD_Daemon *daemon;
	struct server_config cfg;
	atomic_int inflight;
	atomic_uint_fast64_t next_id;
	struct route_metrics *metrics; /* nroutes + 1 (unmatched) */
	int port;
} srv;

static const char *const security_headers[][2] = {
	{"Content-Security-Policy",
	 "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
	 "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
	 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"},
	{"X-Frame-Options", "DENY"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
};

static enum http_method method_of(const char *m)
{
	static const char *const names[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
					    "OPTIONS"};
	for (size_t i = 0; i < ARRAY_LEN(names); i++)
		if (str_eq(m, names[i]))
			return (enum http_method)i;
	return M_OTHER;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	struct req *r = xcalloc(1, sizeof(*r));
	arena_init(&r->arena);
	r->conn = c;
	r->start_us = mono_usec();
	r->id = atomic_fetch_add(&srv.next_id, 1);
	unsigned char idb[8];
	for (int i = 0; i < 8; i++)
		idb[i] = (unsigned char)(r->id >> (56 - 8 * i));
	hex_encode(r->id_hex, idb, sizeof(idb));
	r->uri_len = strlen(uri);
	if (r->uri_len <= HTTP_MAX_URI) {
		const char *q = strchr(uri, '?');
		size_t plen = q ? (size_t)(q - uri) : r->uri_len;
		r->path = arena_strndup(&r->arena, uri, plen);
		r->query = q ? arena_strdup(&r->arena, q + 1) : NULL;
	}
	buf_init(&r->body, 0);
	buf_init(&r->out, HTTP_MAX_PAGE);
	r->tls = srv.cfg.tls;
	return r;
}

struct header_scan {
	size_t total;
	int content_length;
	bool transfer_encoding;
	bool host;
	bool bad_value;
};

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	struct header_scan *s = cls;
	s->total += key_size + value_size + 4;
	if (strcasecmp(key, "Content-Length") == 0)
		s->content_length++;
	if (strcasecmp(key, "Transfer-Encoding") == 0)
		s->transfer_encoding = true;
	if (strcasecmp(key, "Host") == 0)
		s->host = true;
	for (size_t i = 0; i < key_size; i++)
		if (key[i] == ' ' || key[i] == '\t')
			s->bad_value = true;
	if (value) {
		if (strlen(value) != value_size || memchr(value, '\r', value_size) ||
		    memchr(value, '\n', value_size))
			s->bad_value = true;
	}
	if (strlen(key) != key_size)
		s->bad_value = true;
	return MHD_YES;
}

static bool is_loopback(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return false;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return true;
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
			return in6->sin6_addr.s6_addr[12] == 127;
	}
	return false;
}

/* Decodes the raw path strictly: valid escapes, valid UTF-8, no control
 * characters, starts with '/'.  NULL when malformed. */
static const char *decode_path(struct req *r, const char *raw)
{
	size_t n = strlen(raw);
	char *p = arena_strndup(&r->arena, raw, n);
	long len = url_decode(p, n, false);
	if (len <= 0 || p[0] != '/' || !utf8_valid_text(p, (size_t)len, false))
		return NULL;
	return p;
}

/* First call: everything known from the request line and headers. */
static void req_begin(struct req *r, const char *method, const char *version)
{
	struct MHD_Connection *c = r->conn;
	struct header_scan hs = {0};
	char allow[128];

	r->method_name = arena_strdup(&r->arena, method);
	r->method = method_of(method);
	r->loopback = is_loopback(c);
	MHD_get_connection_values_n(c, MHD_HEADER_KIND, scan_header, &hs);
	const union MHD_ConnectionInfo *hi =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	size_t raw = hi ? hi->header_size : 0;
	size_t line = strlen(method) + 1 + r->uri_len + 1 + strlen(version) + 2;
	r->forwarded = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For") ||
		       MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Forwarded");

	if (r->uri_len > HTTP_MAX_URI) {
		r->edge_status = 414;
		r->path = "/";
		return;
	}
	if (raw > HTTP_MAX_HEADERS) {
		r->edge_status = 431;
		r->close = true;
		return;
	}
	/* libmicrohttpd 0.9.75 cuts a header line at a NUL byte without a
	 * word; the only trace is that the header block it received is longer
	 * than the request line and headers it kept.  The price of looking
	 * is that a value padded with more than one space is refused too,
	 * which no browser or proxy sends. */
	if (hs.bad_value || hs.content_length > 1 || (hs.content_length && hs.transfer_encoding) ||
	    (raw && raw > line + hs.total + 2)) {
		r->edge_status = 400;
		r->close = true;
		return;
	}
	if (hs.transfer_encoding) {
		/* A body must come with Content-Length, so an oversized one is
		 * refused before a byte of it is read. */
		r->edge_status = 411;
		r->close = true;
		return;
	}
	if (str_eq(version, "HTTP/1.1") && !hs.host) {
		r->edge_status = 400;
		r->close = true;
		return;
	}
	const char *path = decode_path(r, r->path);
	if (!path) {
		r->edge_status = 400;
		return;
	}
	r->path = path;
	if (r->query && form_parse(&r->arena, r->query, strlen(r->query), &r->qs) < 0) {
		r->edge_status = 400;
		return;
	}
	const char *cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie");
	if (cookie)
		cookie_parse(&r->arena, cookie, &r->cookies);
	if (r->method == M_OTHER) {
		/* TRACE and CONNECT are known methods we never allow. */
		bool known = str_eq(method, "TRACE") || str_eq(method, "CONNECT");
		r->edge_status = known ? 405 : 501;
		if (known)
			resp_header(r, "Allow", "GET, HEAD, POST");
		return;
	}
	switch (router_match(srv.cfg.routes, srv.cfg.nroutes, r, allow, sizeof(allow))) {
	case ROUTE_FOUND:
		break;
	case ROUTE_NOT_FOUND:
		r->edge_status = 404;
		return;
	case ROUTE_BAD_METHOD:
		r->edge_status = 405;
		resp_header(r, "Allow", arena_strdup(&r->arena, allow));
		return;
	}
	r->body.max = r->route->body_max;
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	int64_t len;
	if (cl && (!parse_int64(cl, 0, INT64_MAX, &len))) {
		r->edge_status = 400;
		r->close = true;
	} else if (cl && (uint64_t)len > r->route->body_max) {
		r->edge_status = 413;
		r->close = true;
	}
}

static void add_headers(struct req *r, struct MHD_Response *resp)
{
	for (size_t i = 0; i < ARRAY_LEN(security_headers); i++)
		MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
	if (srv.cfg.tls)
		MHD_add_response_header(resp, "Strict-Transport-Security",
					"max-age=63072000; includeSubDomains");
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ? r->content_type : "text/html; charset=utf-8");
	if (r->no_store)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	else
		MHD_add_response_header(resp, "Cache-Control",
					r->cache_control ? r->cache_control : "no-cache");
	MHD_add_response_header(resp, "X-Request-Id", r->id_hex);
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
	if (r->close)
		MHD_add_response_header(resp, "Connection", "close");
}

static enum MHD_Result respond(struct req *r)
{
	r->status = 0;
	srv.cfg.handle(r);
	if (!r->status)
		r->status = 500;
	if (r->out.overflow) {
		/* The page outgrew HTTP_MAX_PAGE: a bug, never half a page. */
		log_error("req=%s response larger than %u bytes", r->id_hex, HTTP_MAX_PAGE);
		buf_reset(&r->out);
		r->out.overflow = false;
		r->status = 500;
		r->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->out, "Internal Server Error\n");
	}
	size_t len;
	char *data = buf_steal(&r->out, &len);
	r->sent = len;
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(data);
		return MHD_NO;
	}
	add_headers(r, resp);
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
				 const char *method, const char *version, const char *upload,
				 size_t *upload_size, void **ctx)
{
	(void)cls;
	(void)c;
	(void)url;
	(void)version;
	struct req *r = *ctx;

	if (!r) /* on_uri always runs first; this is a defensive branch */
		return MHD_NO;
	if (!r->method_name) {
		atomic_fetch_add(&srv.inflight, 1);
		req_begin(r, method, version);
		/* A request refused at the edge is answered now, without reading
		 * its body; the connection then closes. */
		if (r->close)
			return respond(r);
		return MHD_YES;
	}
	if (*upload_size) {
		/* Content-Length was checked against the limit, so this only
		 * fails for a body longer than it announced: refuse to go on. */
		if (!r->edge_status && !buf_put(&r->body, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	return respond(r);
}

static int status_index(int status)
{
	for (size_t i = 0; i < ARRAY_LEN(metric_statuses); i++)
		if (metric_statuses[i] == status)
			return (int)i;
	return (int)NSTATUS - 1;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **ctx,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	struct req *r = *ctx;
	if (!r)
		return;
	*ctx = NULL;
	if (r->method_name) {
		int64_t us = mono_usec() - r->start_us;
		size_t idx = r->route ? (size_t)(r->route - srv.cfg.routes) : srv.cfg.nroutes;
		struct route_metrics *m = &srv.metrics[idx];
		int status = r->status ? r->status : 0;
		atomic_fetch_add(&m->by_status[status_index(status)], 1);
		size_t b = 0;
		while (b < ARRAY_LEN(metric_buckets) && us > metric_buckets[b])
			b++;
		atomic_fetch_add(&m->buckets[b], 1);
		atomic_fetch_add(&m->sum_us, (uint64_t)us);
		/* No query string, cookie, address or body: see log.h.  A path
		 * that carries a secret (an invitation token) is logged as its
		 * route pattern. */
		const char *path = r->path ? r->path : "-";
		if (r->route && strstr(r->route->pattern, ":token"))
			path = r->route->pattern;
		log_request(r->id_hex, r->method_name, path, status, r->sent, (long long)us,
			    toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
		atomic_fetch_sub(&srv.inflight, 1);
	}
	buf_free(&r->body);
	buf_free(&r->out);
	arena_free(&r->arena);
	free(r);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_debug("http: %s", msg);
}

int server_start(const struct server_config *cfg, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG;

	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, cfg->host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*in4);
	} else if (inet_pton(AF_INET6, cfg->host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*in6);
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, errlen, "listen: \"%s\" is not an IPv4 or IPv6 address", cfg->host);
		return -1;
	}
	(void)sslen;

	srv.cfg = *cfg;
	srv.metrics = xcalloc(cfg->nroutes + 1, sizeof(*srv.metrics));
	uint64_t first_id;
	randombytes_buf(&first_id, sizeof(first_id));
	atomic_store(&srv.next_id, first_id);
	int threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;

	srv.daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, on_access, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout,
		/* Room for our own 414/431 checks at 8 KiB; beyond this pool
		 * libmicrohttpd itself refuses the request.  libmicrohttpd
		 * clears the pool for every request, so it stays small. */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
		/* Lenient parsing in the library; cophub applies its own strict
		 * rules in req_begin(), so refusals carry the usual headers. */
		MHD_OPTION_STRICT_FOR_CLIENT, 0,
		MHD_OPTION_END);
	if (!srv.daemon) {
		snprintf(err, errlen, "cannot listen on %s:%d (in use, or not allowed)", cfg->host,
			 cfg->port);
		free(srv.metrics);
		srv.metrics = NULL;
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv.port = di ? di->port : cfg->port;
	return 0;
}

int server_port(void)
{
	return srv.port;
}

void server_stop(int grace_ms)
{
	if (!srv.daemon)
		return;
	MHD_socket fd = MHD_quiesce_daemon(srv.daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	for (int waited = 0; atomic_load(&srv.inflight) > 0 && waited < grace_ms; waited += 10) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	int left = atomic_load(&srv.inflight);
	if (left > 0)
		log_warn("shutdown: %d requests still in flight after %d ms", left, grace_ms);
	MHD_stop_daemon(srv.daemon);
	srv.daemon = NULL;
	free(srv.metrics);
	srv.metrics = NULL;
}

void server_write_metrics(struct buf *b)
{
	buf_puts(b, "# HELP cophub_http_requests_total HTTP requests by route and status.\n"
		    "# TYPE cophub_http_requests_total counter\n");
	for (size_t i = 0; i <= srv.cfg.nroutes; i++) {
		const char *name = i < srv.cfg.nroutes ? srv.cfg.routes[i].pattern : "unmatched";
		const char *method = i < srv.cfg.nroutes ? srv.cfg.routes[i].method : "";
		for (size_t s = 0; s < NSTATUS; s++) {
			uint64_t n = atomic_load(&srv.metrics[i].by_status[s]);
			if (!n)
				continue;
			char code[16];
			if (s < ARRAY_LEN(metric_statuses))
				snprintf(code, sizeof(code), "%d", metric_statuses[s]);
			else
				str_copy(code, sizeof(code), "other");
			buf_printf(b,
				   "cophub_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %llu\n",
				   method, name, code, (unsigned long long)n);
		}
	}
	buf_puts(b, "# HELP cophub_http_request_duration_seconds Time to answer, by route.\n"
		    "# TYPE cophub_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= srv.cfg.nroutes; i++) {
		const char *name = i < srv.cfg.nroutes ? srv.cfg.routes[i].pattern : "unmatched";
		const char *method = i < srv.cfg.nroutes ? srv.cfg.routes[i].method : "";
		uint64_t cum = 0;
		for (size_t k = 0; k < NBUCKET; k++)
			cum += atomic_load(&srv.metrics[i].buckets[k]);
		if (!cum)
			continue;
		uint64_t run = 0;
		for (size_t k = 0; k < NBUCKET; k++) {
			run += atomic_load(&srv.metrics[i].buckets[k]);
			char le[32];
			if (k < ARRAY_LEN(metric_buckets))
				snprintf(le, sizeof(le), "%g", (double)metric_buckets[k] / 1e6);
			else
				str_copy(le, sizeof(le), "+Inf");
			buf_printf(b,
				   "cophub_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"%s\"} %llu\n",
				   method, name, le, (unsigned long long)run);
		}
		buf_printf(b,
			   "cophub_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n",
			   method, name, (double)atomic_load(&srv.metrics[i].sum_us) / 1e6);
		buf_printf(b,
			   "cophub_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %llu\n",
			   method, name, (unsigned long long)cum);
	}
	buf_printf(b, "# HELP cophub_http_requests_in_flight Requests being answered.\n"
		      "# TYPE cophub_http_requests_in_flight gauge\n"
		      "cophub_http_requests_in_flight %d\n",
		   atomic_load(&srv.inflight));
}
