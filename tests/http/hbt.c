/*
 * hbt.c: the black-box HTTP test runner.
 *
 * It talks to a running cophub over real sockets and runs declarative
 * case files (tests/http/README.md describes the language), or the
 * access-control matrix (access.matrix).  It knows nothing of cophub's
 * code: every check goes through HTTP or the command line.
 *
 *   hbt --port N --vars FILE case.t...        run case files
 *   hbt --port N --vars FILE --matrix FILE --routes FILE
 *
 * Exit status 0 when every expectation held, 1 otherwise.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXV 512
#define MAXC 64
#define MAXH 64
#define BIG (8u << 20)

/* ---- small helpers --------------------------------------------------- */

static int port;
static int failures;
static const char *case_name = "";
static int case_line;

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		perror("hbt");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s);
	char *p = xmalloc(n + 1);
	memcpy(p, s, n + 1);
	return p;
}

static void fail(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "FAIL %s:%d: ", case_name, case_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- variables -------------------------------------------------------- */

static char *vname[MAXV], *vvalue[MAXV];
static int nvars;

static const char *var_get(const char *name)
{
	for (int i = 0; i < nvars; i++)
		if (strcmp(vname[i], name) == 0)
			return vvalue[i];
	return NULL;
}

static void var_set(const char *name, const char *value)
{
	for (int i = 0; i < nvars; i++) {
		if (strcmp(vname[i], name) == 0) {
			free(vvalue[i]);
			vvalue[i] = xstrdup(value);
			return;
		}
	}
	if (nvars == MAXV) {
		fprintf(stderr, "hbt: too many variables\n");
		exit(2);
	}
	vname[nvars] = xstrdup(name);
	vvalue[nvars] = xstrdup(value);
	nvars++;
}

static void vars_load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	if (!f) {
		fprintf(stderr, "hbt: cannot read %s\n", path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *eq = strchr(line, '=');
		if (!eq || line[0] == '#')
			continue;
		*eq = '\0';
		var_set(line, eq + 1);
	}
	fclose(f);
}

/* Replaces ${name} in s; the result is malloc'ed.  An unknown variable
 * is a test error. */
static char *expand(const char *s)
{
	size_t cap = strlen(s) * 2 + 64, n = 0;
	char *out = xmalloc(cap);
	for (const char *p = s; *p;) {
		const char *v = NULL;
		size_t vl = 0, skip = 1;
		if (p[0] == '$' && p[1] == '{') {
			const char *e = strchr(p, '}');
			if (e) {
				char name[256];
				size_t l = (size_t)(e - p - 2);
				if (l >= sizeof(name))
					l = sizeof(name) - 1;
				memcpy(name, p + 2, l);
				name[l] = '\0';
				v = var_get(name);
				if (!v) {
					fail("unknown variable ${%s}", name);
					v = "";
				}
				vl = strlen(v);
				skip = (size_t)(e - p + 1);
			}
		}
		if (!v) {
			v = p;
			vl = 1;
		}
		while (n + vl + 1 > cap) {
			cap *= 2;
			out = realloc(out, cap);
			if (!out)
				exit(2);
		}
		memcpy(out + n, v, vl);
		n += vl;
		p += skip;
	}
	out[n] = '\0';
	return out;
}

/* Percent-encodes a form value. */
static void form_escape(char *out, size_t size, const char *s)
{
	size_t n = 0;
	for (; *s && n + 4 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, size - n, "%%%02X", c);
	}
	out[n] = '\0';
}

/* ---- cookies ----------------------------------------------------------- */

static char *cname[MAXC], *cvalue[MAXC];
static int ncookies;

static void cookies_clear(void)
{
	for (int i = 0; i < ncookies; i++) {
		free(cname[i]);
		free(cvalue[i]);
	}
	ncookies = 0;
}

static void cookie_put(const char *name, const char *value, bool remove)
{
	for (int i = 0; i < ncookies; i++) {
		if (strcmp(cname[i], name) == 0) {
			free(cvalue[i]);
			if (remove) {
				free(cname[i]);
				cname[i] = cname[ncookies - 1];
				cvalue[i] = cvalue[ncookies - 1];
				ncookies--;
				return;
			}
			cvalue[i] = xstrdup(value);
			return;
		}
	}
	if (!remove && ncookies < MAXC) {
		cname[ncookies] = xstrdup(name);
		cvalue[ncookies] = xstrdup(value);
		ncookies++;
	}
}

static const char *cookie_get(const char *name)
{
	for (int i = 0; i < ncookies; i++)
		if (strcmp(cname[i], name) == 0)
			return cvalue[i];
	return NULL;
}

/* Applies a Set-Cookie header value to the jar. */
static void cookie_from_header(const char *v)
{
	char name[256], value[4096];
	const char *eq = strchr(v, '=');
	const char *semi = strchr(v, ';');
	if (!eq || (semi && semi < eq))
		return;
	size_t nl = (size_t)(eq - v), vl = semi ? (size_t)(semi - eq - 1) : strlen(eq + 1);
	if (nl >= sizeof(name) || vl >= sizeof(value))
		return;
	memcpy(name, v, nl);
	name[nl] = '\0';
	memcpy(value, eq + 1, vl);
	value[vl] = '\0';
	bool remove = strcasestr(v, "Max-Age=0") != NULL || vl == 0;
	cookie_put(name, value, remove);
}

/* ---- HTTP --------------------------------------------------------------- */

struct response {
	int status;
	int nh;
	char *hname[MAXH], *hvalue[MAXH];
	char *body;
	size_t body_len;
	bool closed;   /* the server closed the connection after the response */
	double ms;
	char *raw_head;
};

static void response_free(struct response *r)
{
	for (int i = 0; i < r->nh; i++) {
		free(r->hname[i]);
		free(r->hvalue[i]);
	}
	free(r->body);
	free(r->raw_head);
	memset(r, 0, sizeof(*r));
}

static const char *resp_header(const struct response *r, const char *name)
{
	for (int i = 0; i < r->nh; i++)
		if (strcasecmp(r->hname[i], name) == 0)
			return r->hvalue[i];
	return NULL;
}

static int connect_server(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Reads one response from fd (timeout ms).  Returns 0, or -1 when no
 * complete response arrived. */
static int read_response(int fd, struct response *r, int timeout, bool head_request)
{
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap);
	char *hend = NULL;
	size_t need = 0;
	bool chunked = false, have_len = false;
	double deadline = now_ms() + timeout;

	memset(r, 0, sizeof(*r));
	for (;;) {
		if (hend && have_len && n >= need)
			break;
		int left = (int)(deadline - now_ms());
		if (left <= 0)
			break;
		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		if (poll(&pfd, 1, left) <= 0)
			break;
		if (n + 65536 > cap) {
			cap *= 2;
			if (cap > BIG)
				break;
			buf = realloc(buf, cap);
			if (!buf)
				exit(2);
		}
		ssize_t got = recv(fd, buf + n, cap - n - 1, 0);
		if (got <= 0) {
			r->closed = true;
			break;
		}
		n += (size_t)got;
		buf[n] = '\0';
		if (!hend && (hend = strstr(buf, "\r\n\r\n"))) {
			size_t hlen = (size_t)(hend - buf) + 4;
			r->raw_head = xmalloc(hlen + 1);
			memcpy(r->raw_head, buf, hlen);
			r->raw_head[hlen] = '\0';
			const char *cl = strcasestr(r->raw_head, "\r\nContent-Length:");
			chunked = strcasestr(r->raw_head, "\r\nTransfer-Encoding: chunked") != NULL;
			if (head_request) {
				need = hlen;
				have_len = true;
			} else if (cl) {
				need = hlen + strtoul(cl + 17, NULL, 10);
				have_len = true;
			}
			(void)chunked;
		}
	}
	if (!hend) {
		free(buf);
		return -1;
	}
	/* parse the head */
	char *line = r->raw_head;
	char *eol = strstr(line, "\r\n");
	if (sscanf(line, "HTTP/1.%*d %d", &r->status) != 1) {
		free(buf);
		return -1;
	}
	line = eol + 2;
	while ((eol = strstr(line, "\r\n")) && eol != line && r->nh < MAXH) {
		*eol = '\0';
		char *colon = strchr(line, ':');
		if (colon) {
			*colon = '\0';
			char *v = colon + 1;
			while (*v == ' ')
				v++;
			r->hname[r->nh] = xstrdup(line);
			r->hvalue[r->nh] = xstrdup(v);
			r->nh++;
			*colon = ':';
		}
		*eol = '\r';
		line = eol + 2;
	}
	size_t hlen = strlen(r->raw_head);
	size_t blen = n > hlen ? n - hlen : 0;
	if (have_len && blen > need - hlen)
		blen = need - hlen;
	r->body = xmalloc(blen + 1);
	memcpy(r->body, buf + hlen, blen);
	r->body[blen] = '\0';
	r->body_len = blen;
	free(buf);
	for (int i = 0; i < r->nh; i++) {
		if (strcasecmp(r->hname[i], "Set-Cookie") == 0)
			cookie_from_header(r->hvalue[i]);
		/* the server announces that it closes the connection */
		if (strcasecmp(r->hname[i], "Connection") == 0 && strcasestr(r->hvalue[i], "close"))
			r->closed = true;
	}
	/* remember the CSRF token of the page, as a browser's form would */
	const char *c = strstr(r->body, "name=\"csrf\" value=\"");
	if (c) {
		c += 19;
		const char *e = strchr(c, '"');
		if (e && e - c < 200) {
			char tok[256];
			memcpy(tok, c, (size_t)(e - c));
			tok[e - c] = '\0';
			var_set("csrf", tok);
		}
	}
	return 0;
}

/* Sends raw bytes on a new connection and reads one response. */
static int exchange_raw(const char *data, size_t len, struct response *r, bool head_request)
{
	int fd = connect_server();
	if (fd < 0) {
		fail("cannot connect to 127.0.0.1:%d", port);
		return -1;
	}
	double t0 = now_ms();
	int rc = send_all(fd, data, len) ? read_response(fd, r, 15000, head_request) : -1;
	r->ms = now_ms() - t0;
	close(fd);
	return rc;
}

struct request {
	char method[16];
	char *path;
	char *body;
	char *headers; /* "Name: value\r\n"... */
};

static int perform(struct request *q, struct response *r)
{
	size_t cap = strlen(q->path) + (q->body ? strlen(q->body) : 0) +
		     (q->headers ? strlen(q->headers) : 0) + 8192;
	char *data = xmalloc(cap);
	size_t n = (size_t)snprintf(data, cap, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n",
				    q->method, q->path, port);
	if (ncookies) {
		n += (size_t)snprintf(data + n, cap - n, "Cookie: ");
		for (int i = 0; i < ncookies; i++)
			n += (size_t)snprintf(data + n, cap - n, "%s%s=%s", i ? "; " : "", cname[i],
					      cvalue[i]);
		n += (size_t)snprintf(data + n, cap - n, "\r\n");
	}
	if (q->headers)
		n += (size_t)snprintf(data + n, cap - n, "%s", q->headers);
	if (q->body) {
		if (!q->headers || !strcasestr(q->headers, "Content-Type:"))
			n += (size_t)snprintf(data + n, cap - n,
					      "Content-Type: application/x-www-form-urlencoded\r\n");
		n += (size_t)snprintf(data + n, cap - n, "Content-Length: %zu\r\n\r\n%s",
				      strlen(q->body), q->body);
	} else {
		n += (size_t)snprintf(data + n, cap - n, "\r\n");
	}
	int rc = exchange_raw(data, n, r, strcmp(q->method, "HEAD") == 0);
	free(data);
	if (rc < 0)
		fail("%s %s: no complete response", q->method, q->path);
	return rc;
}

/* Turns the \r \n \0 \t \\ \xHH escapes of a raw block into bytes. */
static size_t unescape(const char *s, char *out)
{
	size_t n = 0;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 'r': out[n++] = '\r'; break;
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case '0': out[n++] = '\0'; break;
		case '\\': out[n++] = '\\'; break;
		case 'x': {
			unsigned v = 0;
			sscanf(s + 1, "%2x", &v);
			out[n++] = (char)v;
			s += 2;
			break;
		}
		default: out[n++] = '\\'; out[n++] = *s;
		}
	}
	return n;
}

/* ---- the case language ------------------------------------------------- */

struct runner {
	struct response last;
	bool have;
	struct request pending;
	bool pending_set;
	char **lines;
	int nlines;
	int *slow_fds;
	int nslow;
};

static void request_reset(struct request *q)
{
	free(q->path);
	free(q->body);
	free(q->headers);
	memset(q, 0, sizeof(*q));
}

static void flush_pending(struct runner *rn)
{
	if (!rn->pending_set)
		return;
	response_free(&rn->last);
	rn->have = perform(&rn->pending, &rn->last) == 0;
	request_reset(&rn->pending);
	rn->pending_set = false;
}

static bool contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

static bool regex_first(const char *text, const char *re, char *out, size_t outlen)
{
	regex_t rx;
	regmatch_t m[2];
	if (regcomp(&rx, re, REG_EXTENDED)) {
		fail("bad regular expression: %s", re);
		return false;
	}
	bool ok = regexec(&rx, text, 2, m, 0) == 0;
	if (ok && out) {
		int g = m[1].rm_so >= 0 ? 1 : 0;
		size_t l = (size_t)(m[g].rm_eo - m[g].rm_so);
		if (l >= outlen)
			l = outlen - 1;
		memcpy(out, text + m[g].rm_so, l);
		out[l] = '\0';
	}
	regfree(&rx);
	return ok;
}

/* The headers security.md asks of every response. */
static void check_security_headers(const struct response *r, const char *what)
{
	static const char *const must[][2] = {
		{"Content-Security-Policy", "default-src 'self'"},
		{"Content-Security-Policy", "object-src 'none'"},
		{"Content-Security-Policy", "base-uri 'none'"},
		{"Content-Security-Policy", "frame-ancestors 'none'"},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		{"Permissions-Policy", "geolocation=()"},
		{"Permissions-Policy", "camera=()"},
		{"Permissions-Policy", "microphone=()"},
		{"Content-Type", "charset="},
	};
	for (size_t i = 0; i < sizeof(must) / sizeof(must[0]); i++) {
		const char *v = resp_header(r, must[i][0]);
		const char *want = must[i][1];
		/* binary files carry no charset */
		if (strcmp(want, "charset=") == 0 && v &&
		    (strncmp(v, "image/", 6) == 0 || strncmp(v, "audio/", 6) == 0 ||
		     strcmp(v, "application/zip") == 0 || strcmp(v, "application/pdf") == 0))
			continue;
		if (!v || !strstr(v, want))
			fail("%s: header %s lacks \"%s\" (it is \"%s\")", what, must[i][0], want,
			     v ? v : "missing");
	}
	const char *csp = resp_header(r, "Content-Security-Policy");
	if (csp && strstr(csp, "unsafe-inline"))
		fail("%s: the CSP allows 'unsafe-inline'", what);
}

static void expect(struct runner *rn, char *arg)
{
	flush_pending(rn);
	if (!rn->have && strcmp(arg, "closed") == 0 && rn->last.closed)
		return; /* closed without any answer */
	if (!rn->have) {
		fail("expect %s: there is no response", arg);
		return;
	}
	struct response *r = &rn->last;
	if (strncmp(arg, "status ", 7) == 0) {
		int want = (int)strtol(arg + 7, NULL, 10);
		if (r->status != want)
			fail("status %d, wanted %d (body: %.200s)", r->status, want, r->body);
	} else if (strncmp(arg, "header ", 7) == 0) {
		char *rest = arg + 7;
		char *neg = strstr(rest, " !~ ");
		char *op = strstr(rest, " ~ ");
		char *eq = strstr(rest, " = ");
		char *sep = neg ? neg : op ? op : eq;
		if (!sep) {
			fail("expect header NAME ~ TEXT, NAME !~ TEXT or NAME = TEXT");
			return;
		}
		*sep = '\0';
		const char *want = sep + (neg ? 4 : 3);
		const char *got = NULL;
		bool found = false;
		for (int i = 0; i < r->nh; i++) {
			if (strcasecmp(r->hname[i], rest) != 0)
				continue;
			got = r->hvalue[i];
			if (neg ? strstr(got, want) != NULL
				: op ? strstr(got, want) != NULL : strcmp(got, want) == 0)
				found = true;
		}
		if (neg ? found : !found)
			fail("header %s is \"%s\", wanted it %s \"%s\"", rest, got ? got : "(none)",
			     neg ? "not to contain" : op ? "to contain" : "to be", want);
	} else if (strcmp(arg, "security-headers") == 0) {
		check_security_headers(r, "response");
	} else if (strncmp(arg, "no header ", 10) == 0) {
		if (resp_header(r, arg + 10))
			fail("header %s is present: %s", arg + 10, resp_header(r, arg + 10));
	} else if (strncmp(arg, "body ~ ", 7) == 0) {
		if (!contains(r->body, arg + 7))
			fail("body lacks \"%s\" (status %d; body starts: %.300s)", arg + 7, r->status,
			     r->body);
	} else if (strncmp(arg, "body !~ ", 8) == 0) {
		if (contains(r->body, arg + 8))
			fail("body contains \"%s\"", arg + 8);
	} else if (strncmp(arg, "body matches ", 13) == 0) {
		if (!regex_first(r->body, arg + 13, NULL, 0))
			fail("body does not match /%s/", arg + 13);
	} else if (strncmp(arg, "body !matches ", 14) == 0) {
		if (regex_first(r->body, arg + 14, NULL, 0))
			fail("body matches /%s/", arg + 14);
	} else if (strcmp(arg, "closed") == 0) {
		if (!r->closed)
			fail("the connection stayed open");
	} else if (strcmp(arg, "open") == 0) {
		if (r->closed)
			fail("the connection was closed");
	} else if (strncmp(arg, "time < ", 7) == 0) {
		double lim = strtod(arg + 7, NULL);
		if (r->ms >= lim)
			fail("the answer took %.0f ms, wanted under %.0f ms", r->ms, lim);
	} else if (strncmp(arg, "same body as ", 13) == 0) {
		const char *other = var_get(arg + 13);
		if (!other || strcmp(other, r->body) != 0)
			fail("body differs from ${%s}", arg + 13);
	} else {
		fail("unknown expectation: %s", arg);
	}
}

static int run_lines(struct runner *rn, int from, int to);

static bool is_method(const char *w)
{
	if (!*w)
		return false;
	for (const char *p = w; *p && *p != ' '; p++)
		if (*p < 'A' || *p > 'Z')
			return false;
	return true;
}

/* Collects the lines of a block up to "end"; returns the index of "end". */
static int block_end(struct runner *rn, int from)
{
	for (int i = from; i < rn->nlines; i++)
		if (strcmp(rn->lines[i], "end") == 0)
			return i;
	fail("block without end");
	return rn->nlines;
}

static char *block_bytes(struct runner *rn, int from, int to, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *out = xmalloc(cap);
	for (int i = from; i < to; i++) {
		char *e = expand(rn->lines[i]);
		size_t l = strlen(e);
		bool join = l && e[l - 1] == '\\' && (l < 2 || e[l - 2] != '\\');
		if (join)
			e[--l] = '\0';
		/* "+N x" repeats a byte: "+9000 a" writes 9000 'a' */
		if (e[0] == '+' && isdigit((unsigned char)e[1])) {
			char *sp = strchr(e, ' ');
			size_t count = strtoul(e + 1, NULL, 10);
			char c = sp && sp[1] ? sp[1] : 'a';
			while (n + count + 4 > cap) {
				cap *= 2;
				out = realloc(out, cap);
			}
			memset(out + n, c, count);
			n += count;
		} else {
			while (n + l + 4 > cap) {
				cap *= 2;
				out = realloc(out, cap);
			}
			n += unescape(e, out + n);
		}
		if (!join) {
			out[n++] = '\r';
			out[n++] = '\n';
		}
		free(e);
	}
	*len = n;
	return out;
}

static void do_login(struct runner *rn, const char *who, const char *password_override)
{
	char key[128], user[256], pass[512], body[2048];
	snprintf(key, sizeof(key), "user.%s", who);
	const char *u = var_get(key);
	snprintf(key, sizeof(key), "pass.%s", who);
	const char *p = password_override ? password_override : var_get(key);
	if (!u || !p) {
		fail("no fixture account %s", who);
		return;
	}
	struct request q = {0};
	struct response r = {0};
	snprintf(q.method, sizeof(q.method), "GET");
	q.path = xstrdup("/login");
	perform(&q, &r);
	request_reset(&q);
	response_free(&r);
	form_escape(user, sizeof(user), u);
	form_escape(pass, sizeof(pass), p);
	snprintf(body, sizeof(body), "username=%s&password=%s&csrf=%s", user, pass,
		 var_get("csrf") ? var_get("csrf") : "");
	snprintf(q.method, sizeof(q.method), "POST");
	q.path = xstrdup("/login");
	q.body = xstrdup(body);
	if (perform(&q, &r) == 0 && r.status != 303)
		fail("login as %s: status %d (%.200s)", who, r.status, r.body);
	request_reset(&q);
	response_free(&r);
	/* fetch a page so ${csrf} is the session's (following one redirect,
	 * to the password form of an account that must change it) */
	snprintf(q.method, sizeof(q.method), "GET");
	q.path = xstrdup("/account");
	perform(&q, &r);
	request_reset(&q);
	if (r.status == 303 && resp_header(&r, "Location")) {
		snprintf(q.method, sizeof(q.method), "GET");
		q.path = xstrdup(resp_header(&r, "Location"));
		response_free(&r);
		perform(&q, &r);
		request_reset(&q);
	}
	response_free(&r);
	(void)rn;
}

static void slow_open(struct runner *rn, int n)
{
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	if (rl.rlim_cur < (rlim_t)n + 64) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	rn->slow_fds = xmalloc(sizeof(int) * (size_t)n);
	rn->nslow = 0;
	for (int i = 0; i < n; i++) {
		int fd = connect_server();
		if (fd < 0) {
			fail("slow connection %d of %d refused: %s", i + 1, n, strerror(errno));
			break;
		}
		/* a request line and one header, never finished */
		send_all(fd, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: a", 34);
		rn->slow_fds[rn->nslow++] = fd;
	}
}

static void slow_close(struct runner *rn)
{
	for (int i = 0; i < rn->nslow; i++)
		close(rn->slow_fds[i]);
	free(rn->slow_fds);
	rn->slow_fds = NULL;
	rn->nslow = 0;
}

static int run_line(struct runner *rn, int i)
{
	char *line = rn->lines[i];
	case_line = i + 1;
	if (!*line || line[0] == '#')
		return i + 1;

	if (strcmp(line, "raw") == 0 || strcmp(line, "raw-head") == 0) {
		flush_pending(rn);
		int end = block_end(rn, i + 1);
		size_t len;
		char *data = block_bytes(rn, i + 1, end, &len);
		response_free(&rn->last);
		rn->have = exchange_raw(data, len, &rn->last, strcmp(line, "raw-head") == 0) == 0;
		if (!rn->have)
			rn->last.closed = true;
		free(data);
		return end + 1;
	}
	if (strncmp(line, "partial ", 8) == 0) {
		/* partial SIGNAL: sends the block up to a line "---", sends
		 * SIGNAL to ${pid}, waits, sends the rest, reads the answer */
		flush_pending(rn);
		int end = block_end(rn, i + 1), mid = end;
		for (int k = i + 1; k < end; k++)
			if (strcmp(rn->lines[k], "---") == 0)
				mid = k;
		size_t l1, l2;
		char *a = block_bytes(rn, i + 1, mid, &l1);
		char *b = block_bytes(rn, mid + 1, end, &l2);
		/* the block's lines end in CRLF; the part before --- keeps them */
		int fd = connect_server();
		response_free(&rn->last);
		rn->have = false;
		if (fd >= 0 && send_all(fd, a, l1)) {
			usleep(200000);
			const char *pid = var_get("pid");
			int sig = strcmp(line + 8, "INT") == 0 ? SIGINT : SIGTERM;
			if (pid)
				kill((pid_t)strtol(pid, NULL, 10), sig);
			usleep(300000);
			if (send_all(fd, b, l2 >= 2 ? l2 - 2 : l2))
				rn->have = read_response(fd, &rn->last, 10000, false) == 0;
		}
		if (fd >= 0)
			close(fd);
		free(a);
		free(b);
		return end + 1;
	}
	if (strncmp(line, "expect ", 7) == 0) {
		char *e = expand(line + 7);
		expect(rn, e);
		free(e);
		return i + 1;
	}
	if (strncmp(line, "header ", 7) == 0) {
		if (!rn->pending_set) {
			fail("header without a request");
			return i + 1;
		}
		char *e = expand(line + 7);
		size_t old = rn->pending.headers ? strlen(rn->pending.headers) : 0;
		rn->pending.headers = realloc(rn->pending.headers, old + strlen(e) + 3);
		memcpy(rn->pending.headers + old, e, strlen(e));
		memcpy(rn->pending.headers + old + strlen(e), "\r\n", 3);
		free(e);
		return i + 1;
	}
	if (strncmp(line, "form ", 5) == 0 || strcmp(line, "form") == 0) {
		if (!rn->pending_set) {
			fail("form without a request");
			return i + 1;
		}
		free(rn->pending.body);
		rn->pending.body = expand(line[4] ? line + 5 : "");
		return i + 1;
	}
	if (strncmp(line, "login ", 6) == 0) {
		flush_pending(rn);
		char *e = expand(line + 6);
		char *sp = strchr(e, ' ');
		if (sp)
			*sp = '\0';
		do_login(rn, e, sp ? sp + 1 : NULL);
		free(e);
		return i + 1;
	}
	if (strncmp(line, "activate ", 9) == 0) {
		/* first sign-in of a fixture account: its one-time password
		 * (first.WHO) is replaced by its test password (pass.WHO) */
		flush_pending(rn);
		char *who = expand(line + 9), key[160], body[2048], cur[512], nw[512];
		snprintf(key, sizeof(key), "first.%s", who);
		const char *first = var_get(key);
		snprintf(key, sizeof(key), "pass.%s", who);
		const char *pass = var_get(key);
		if (!first || !pass) {
			fail("no fixture account %s", who);
			free(who);
			return i + 1;
		}
		cookies_clear();
		do_login(rn, who, first);
		form_escape(cur, sizeof(cur), first);
		form_escape(nw, sizeof(nw), pass);
		snprintf(body, sizeof(body),
			 "current_password=%s&new_password=%s&new_password_again=%s&csrf=%s", cur, nw,
			 nw, var_get("csrf") ? var_get("csrf") : "");
		struct request q = {0};
		struct response r = {0};
		snprintf(q.method, sizeof(q.method), "POST");
		q.path = xstrdup("/account/password");
		q.body = xstrdup(body);
		if (perform(&q, &r) == 0 && r.status != 303)
			fail("activate %s: status %d (%.300s)", who, r.status, r.body);
		request_reset(&q);
		response_free(&r);
		cookies_clear();
		free(who);
		return i + 1;
	}
	if (strcmp(line, "cookies clear") == 0) {
		flush_pending(rn);
		cookies_clear();
		return i + 1;
	}
	if (strncmp(line, "cookie ", 7) == 0) {
		flush_pending(rn);
		char *e = expand(line + 7);
		char *eq = strchr(e, '=');
		if (eq) {
			*eq = '\0';
			cookie_put(e, eq + 1, false);
		}
		free(e);
		return i + 1;
	}
	if (strncmp(line, "capture ", 8) == 0) {
		/* capture NAME body REGEX | capture NAME header H REGEX | capture NAME cookie C */
		flush_pending(rn);
		char *e = expand(line + 8);
		char name[128], where[32], rest[4096] = "";
		if (sscanf(e, "%127s %31s %4095[^\n]", name, where, rest) < 2) {
			fail("capture NAME body|header|cookie ...");
		} else if (strcmp(where, "cookie") == 0) {
			const char *v = cookie_get(rest);
			if (!v)
				fail("no cookie %s", rest);
			var_set(name, v ? v : "");
		} else if (strcmp(where, "body") == 0) {
			char out[4096];
			if (strcmp(rest, "all") == 0 && rn->have)
				var_set(name, rn->last.body);
			else if (rn->have && regex_first(rn->last.body, rest, out, sizeof(out)))
				var_set(name, out);
			else
				fail("capture %s: no match for /%s/", name, rest);
		} else if (strcmp(where, "header") == 0) {
			char h[128], re[2048] = "(.*)";
			sscanf(rest, "%127s %2047[^\n]", h, re);
			const char *v = rn->have ? resp_header(&rn->last, h) : NULL;
			char out[4096];
			if (v && regex_first(v, re, out, sizeof(out)))
				var_set(name, out);
			else
				fail("capture %s: header %s missing or not matching", name, h);
		}
		free(e);
		return i + 1;
	}
	if (strncmp(line, "compare ", 8) == 0) {
		/* compare A B [without X1 Y1 [X2 Y2 ...]]: variables A and B are
		 * equal once every Xi is taken out of A and every Yi out of B */
		flush_pending(rn);
		char *e = expand(line + 8), *save = NULL;
		char *a = strtok_r(e, " ", &save), *b = strtok_r(NULL, " ", &save);
		const char *va = a ? var_get(a) : NULL, *vb = b ? var_get(b) : NULL;
		if (!va || !vb) {
			fail("compare needs two captured variables");
			free(e);
			return i + 1;
		}
		char *txt[2] = {xstrdup(va), xstrdup(vb)};
		char *w = strtok_r(NULL, " ", &save);
		if (w && strcmp(w, "without") == 0) {
			for (int k = 0; (w = strtok_r(NULL, " ", &save)); k ^= 1) {
				size_t cl = strlen(w);
				char *p;
				while (cl && (p = strstr(txt[k], w)))
					memmove(p, p + cl, strlen(p + cl) + 1);
			}
		}
		if (strcmp(txt[0], txt[1]) != 0)
			fail("%s and %s differ", a, b);
		free(txt[0]);
		free(txt[1]);
		free(e);
		return i + 1;
	}
	if (strncmp(line, "set ", 4) == 0) {
		char *e = expand(line + 4);
		char *sp = strchr(e, ' ');
		if (sp) {
			*sp = '\0';
			var_set(e, sp + 1);
		}
		free(e);
		return i + 1;
	}
	if (strncmp(line, "sleep ", 6) == 0) {
		flush_pending(rn);
		usleep((useconds_t)(strtod(line + 6, NULL) * 1e6));
		return i + 1;
	}
	if (strncmp(line, "exec ", 5) == 0) {
		/* runs a shell command; "exec! ..." expects it to fail */
		flush_pending(rn);
		char *e = expand(line + 5);
		int st = system(e);
		if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			fail("command failed (%d): %s", WIFEXITED(st) ? WEXITSTATUS(st) : -1, e);
		free(e);
		return i + 1;
	}
	if (strncmp(line, "repeat ", 7) == 0) {
		flush_pending(rn);
		int n = (int)strtol(line + 7, NULL, 10);
		int end = block_end(rn, i + 1);
		int before = failures;
		for (int k = 0; k < n && failures == before; k++)
			run_lines(rn, i + 1, end);
		return end + 1;
	}
	if (strncmp(line, "slow-open ", 10) == 0) {
		flush_pending(rn);
		slow_open(rn, (int)strtol(line + 10, NULL, 10));
		return i + 1;
	}
	if (strcmp(line, "slow-close") == 0) {
		flush_pending(rn);
		slow_close(rn);
		return i + 1;
	}
	if (is_method(line)) {
		flush_pending(rn);
		char *e = expand(line);
		char *sp = strchr(e, ' ');
		if (!sp) {
			fail("request line needs a path");
			free(e);
			return i + 1;
		}
		*sp = '\0';
		snprintf(rn->pending.method, sizeof(rn->pending.method), "%s", e);
		char *path = sp + 1;
		char *body = strchr(path, ' ');
		if (body) {
			*body = '\0';
			rn->pending.body = xstrdup(body + 1);
		}
		rn->pending.path = xstrdup(path);
		rn->pending_set = true;
		free(e);
		return i + 1;
	}
	fail("unknown step: %s", line);
	return i + 1;
}

static int run_lines(struct runner *rn, int from, int to)
{
	int i = from;
	while (i < to)
		i = run_line(rn, i);
	flush_pending(rn);
	return 0;
}

static char **read_lines(const char *path, int *count)
{
	FILE *f = fopen(path, "r");
	char line[65536];
	char **lines = NULL;
	int n = 0, cap = 0;
	if (!f) {
		fprintf(stderr, "hbt: cannot read %s\n", path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		/* trim leading blanks */
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			lines = realloc(lines, sizeof(char *) * (size_t)cap);
		}
		lines[n++] = xstrdup(s);
	}
	fclose(f);
	*count = n;
	return lines;
}

static void run_case(const char *path)
{
	struct runner rn = {0};
	int before = failures;
	double t0 = now_ms();
	case_name = path;
	cookies_clear();
	rn.lines = read_lines(path, &rn.nlines);
	run_lines(&rn, 0, rn.nlines);
	response_free(&rn.last);
	slow_close(&rn);
	for (int i = 0; i < rn.nlines; i++)
		free(rn.lines[i]);
	free(rn.lines);
	printf("%s %s (%.1f s)\n", failures == before ? "ok  " : "FAIL", path,
	       (now_ms() - t0) / 1000);
	fflush(stdout);
}

/* ---- the access matrix ---------------------------------------------------- */

static const char *matrix_roles[16];
static int nmatrix_roles;

static bool route_listed(char **routes, int nroutes, const char *method, const char *pattern)
{
	for (int i = 0; i < nroutes; i++) {
		char m[16], p[512];
		if (sscanf(routes[i], "%15s %511s", m, p) == 2 && strcmp(m, method) == 0 &&
		    strcmp(p, pattern) == 0)
			return true;
	}
	return false;
}

/* The fixture account of role in the own country (KE) or the other (FR). */
static void who_of(const char *role, char *out, size_t n)
{
	if (strcmp(role, "anon") == 0 || strcmp(role, "admin") == 0)
		snprintf(out, n, "%s", role);
	else
		snprintf(out, n, "%s.KE", role);
}

static char *fill_path(const char *pattern, bool own)
{
	char out[1024];
	size_t n = 0;
	for (const char *p = pattern; *p && n < sizeof(out) - 64;) {
		if (strncmp(p, ":cc", 3) == 0) {
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s", own ? "KE" : "FR");
			p += 3;
		} else if (strncmp(p, ":id", 3) == 0) {
			const char *id = var_get(own ? "id.target.KE" : "id.target.FR");
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%s", id ? id : "0");
			p += 3;
		} else if (strncmp(p, ":token", 6) == 0) {
			n += (size_t)snprintf(out + n, sizeof(out) - n, "not-a-token");
			p += 6;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
	if (strcmp(pattern, "/static/") == 0)
		return xstrdup("/static/style.css");
	return xstrdup(out);
}

static const char *outcome(const struct response *r)
{
	const char *loc = resp_header(r, "Location");
	if (r->status >= 500)
		return "error";
	if (r->status == 403 || r->status == 401)
		return "deny";
	if (r->status == 303 && loc && strncmp(loc, "/login", 6) == 0)
		return "login";
	return "ok";
}

static void run_matrix(const char *matrix_path, const char *routes_path)
{
	int nm, nr;
	char **m = read_lines(matrix_path, &nm);
	char **routes = read_lines(routes_path, &nr);
	int before = failures;
	case_name = matrix_path;

	/* every route of the server is in the matrix, and nothing else */
	for (int i = 0; i < nr; i++) {
		char meth[16], pat[512];
		if (sscanf(routes[i], "%15s %511s", meth, pat) != 2)
			continue;
		bool found = false;
		for (int k = 0; k < nm && !found; k++) {
			char mm[16], mp[512];
			found = m[k][0] != '#' && sscanf(m[k], "%15s %511s", mm, mp) == 2 &&
				strcmp(mm, meth) == 0 && strcmp(mp, pat) == 0;
		}
		if (!found) {
			case_line = 0;
			fail("route %s %s is missing from the matrix", meth, pat);
		}
	}
	for (int k = 0; k < nm; k++) {
		char mm[16], mp[512];
		if (m[k][0] == '#' || !m[k][0] || strncmp(m[k], "roles", 5) == 0)
			continue;
		if (sscanf(m[k], "%15s %511s", mm, mp) == 2 && !route_listed(routes, nr, mm, mp)) {
			case_line = k + 1;
			fail("matrix row %s %s is not a route of the server", mm, mp);
		}
	}
	/* the role columns */
	for (int k = 0; k < nm; k++) {
		if (strncmp(m[k], "roles", 5) == 0) {
			char *save, *tok = strtok_r(m[k] + 5, " \t", &save);
			while (tok && nmatrix_roles < 16) {
				matrix_roles[nmatrix_roles++] = tok;
				tok = strtok_r(NULL, " \t", &save);
			}
		}
	}
	int checked = 0;
	for (int c = 0; c < nmatrix_roles; c++) {
		const char *role = matrix_roles[c];
		char who[64];
		who_of(role, who, sizeof(who));
		cookies_clear();
		struct runner rn = {0};
		if (strcmp(role, "anon") == 0) {
			struct request q = {0};
			snprintf(q.method, sizeof(q.method), "GET");
			q.path = xstrdup("/login");
			perform(&q, &rn.last);
			request_reset(&q);
			response_free(&rn.last);
		} else {
			do_login(&rn, who, NULL);
		}
		for (int k = 0; k < nm; k++) {
			char meth[16], pat[512], cells[16][16];
			if (m[k][0] == '#' || !m[k][0] || strncmp(m[k], "roles", 5) == 0)
				continue;
			int got = sscanf(m[k], "%15s %511s %15s %15s %15s %15s %15s %15s %15s %15s %15s",
					 meth, pat, cells[0], cells[1], cells[2], cells[3], cells[4],
					 cells[5], cells[6], cells[7], cells[8]);
			case_line = k + 1;
			if (got - 2 != nmatrix_roles) {
				fail("row has %d cells, the header %d", got - 2, nmatrix_roles);
				continue;
			}
			const char *want = cells[c];
			for (int own = 1; own >= 0; own--) {
				bool param = strstr(pat, ":cc") || strstr(pat, ":id");
				if (!own && !param)
					break;
				struct request q = {0};
				struct response r = {0};
				snprintf(q.method, sizeof(q.method), "%s", meth);
				q.path = fill_path(pat, own);
				if (strcmp(meth, "GET") != 0) {
					char body[512];
					const char *tok = var_get("csrf");
					snprintf(body, sizeof(body), "csrf=%s", tok ? tok : "");
					q.body = xstrdup(body);
				}
				if (perform(&q, &r) == 0) {
					char what[700];
					snprintf(what, sizeof(what), "%s %s as %s", meth, q.path, role);
					check_security_headers(&r, what);
					const char *cc = resp_header(&r, "Cache-Control");
					if (strcmp(role, "anon") != 0 && strcmp(pat, "/static/") != 0 &&
					    strcmp(pat, "/logout") != 0 && (!cc || strcmp(cc, "no-store") != 0))
						fail("%s: Cache-Control is \"%s\", wanted no-store behind a login",
						     what, cc ? cc : "missing");
					const char *got_o = outcome(&r);
					const char *exp = want;
					if (strcmp(want, "own") == 0)
						exp = own ? "ok" : "deny";
					checked++;
					if (strcmp(got_o, exp) != 0)
						fail("%s %s as %s (%s country): %s (status %d), wanted %s", meth,
						     q.path, role, own ? "own" : "other", got_o, r.status, exp);
				}
				request_reset(&q);
				response_free(&r);
			}
		}
		response_free(&rn.last);
	}
	printf("%s %s (%d requests)\n", failures == before ? "ok  " : "FAIL", matrix_path,
	       checked);
	for (int i = 0; i < nm; i++)
		free(m[i]);
	free(m);
	for (int i = 0; i < nr; i++)
		free(routes[i]);
	free(routes);
}

int main(int argc, char **argv)
{
	const char *matrix = NULL, *routes = NULL;
	int first = 1;
	for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
		if (strcmp(argv[first], "--port") == 0 && first + 1 < argc)
			port = (int)strtol(argv[++first], NULL, 10);
		else if (strcmp(argv[first], "--vars") == 0 && first + 1 < argc)
			vars_load(argv[++first]);
		else if (strcmp(argv[first], "--matrix") == 0 && first + 1 < argc)
			matrix = argv[++first];
		else if (strcmp(argv[first], "--routes") == 0 && first + 1 < argc)
			routes = argv[++first];
		else {
			fprintf(stderr, "hbt: unknown option %s\n", argv[first]);
			return 2;
		}
	}
	if (!port) {
		fprintf(stderr, "usage: hbt --port N [--vars FILE] (case.t... | --matrix F --routes F)\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (matrix && routes)
		run_matrix(matrix, routes);
	for (int i = first; i < argc; i++)
		run_case(argv[i]);
	return failures ? 1 : 0;
}
