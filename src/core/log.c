/*
 * log.c: see log.h.  A line is formatted into a stack buffer and written
 * with one write(2), so lines from different threads never interleave.
 */
#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static enum log_level log_threshold = LOG_INFO;

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

/* UTC date from days since 1970-01-01 (Howard Hinnant's civil_from_days):
 * gmtime_r would take glibc's time-zone lock on every request line. */
static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Writes v in exactly `width` decimal digits, zero-padded. */
static char *put_fixed(char *p, long v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/* Writes v in decimal, as many digits as it needs. */
static char *put_uint(char *p, unsigned long long v)
{
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_str(char *p, const char *end, const char *s)
{
	while (*s && p < end)
		*p++ = *s++;
	return p;
}

/* "2026-01-31T12:00:00.123Z", 24 bytes, not terminated. */
static char *put_timestamp(char *p)
{
	struct timespec ts;
	int y, mo, d;
	clock_gettime(CLOCK_REALTIME, &ts);
	long secs = (long)ts.tv_sec;
	long days = secs / 86400, rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civil_from_days(days, &y, &mo, &d);
	p = put_fixed(p, y, 4);
	*p++ = '-';
	p = put_fixed(p, mo, 2);
	*p++ = '-';
	p = put_fixed(p, d, 2);
	*p++ = 'T';
	p = put_fixed(p, rem / 3600, 2);
	*p++ = ':';
	p = put_fixed(p, rem / 60 % 60, 2);
	*p++ = ':';
	p = put_fixed(p, rem % 60, 2);
	*p++ = '.';
	p = put_fixed(p, ts.tv_nsec / 1000000, 3);
	*p++ = 'Z';
	return p;
}

void log_timestamp(char *out, unsigned long size)
{
	char tmp[32];
	char *e = put_timestamp(tmp);
	*e = '\0';
	snprintf(out, size, "%s", tmp);
}

struct logbuf {
	pthread_mutex_t lock;
	size_t len;
	struct timespec first;
	char data[16384];
};

#define LOGBUF_MAX 256

static struct {
	pthread_mutex_t lock; /* guards all[], n and the flusher's life */
	pthread_cond_t wake;
	struct logbuf *all[LOGBUF_MAX];
	size_t n;
	bool on, stopping;
	pthread_t flusher;
} lb = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static _Thread_local struct logbuf *thread_lb;

/* Writes out a buffer; its lock is held. */
static void lb_write(struct logbuf *b)
{
	size_t off = 0;
	while (off < b->len) {
		ssize_t w = write(STDERR_FILENO, b->data + off, b->len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	b->len = 0;
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void *flusher_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lb.lock);
	while (!lb.stopping) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += LOG_FLUSH_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&lb.wake, &lb.lock, &until);
		for (size_t i = 0; i < lb.n; i++) {
			pthread_mutex_lock(&lb.all[i]->lock);
			if (lb.all[i]->len && ms_since(&lb.all[i]->first) >= LOG_FLUSH_MS / 2)
				lb_write(lb.all[i]);
			pthread_mutex_unlock(&lb.all[i]->lock);
		}
	}
	pthread_mutex_unlock(&lb.lock);
	return NULL;
}

void log_buffering_start(void)
{
	pthread_mutex_lock(&lb.lock);
	if (!lb.on && pthread_create(&lb.flusher, NULL, flusher_main, NULL) == 0) {
		lb.on = true;
		lb.stopping = false;
	}
	pthread_mutex_unlock(&lb.lock);
}

void log_buffering_stop(void)
{
	pthread_mutex_lock(&lb.lock);
	if (!lb.on) {
		pthread_mutex_unlock(&lb.lock);
		return;
	}
	lb.stopping = true;
	pthread_cond_signal(&lb.wake);
	pthread_mutex_unlock(&lb.lock);
	pthread_join(lb.flusher, NULL);
	pthread_mutex_lock(&lb.lock);
	for (size_t i = 0; i < lb.n; i++) {
		lb_write(lb.all[i]);
		pthread_mutex_destroy(&lb.all[i]->lock);
		free(lb.all[i]);
	}
	lb.n = 0;
	lb.on = false;
	pthread_mutex_unlock(&lb.lock);
	thread_lb = NULL;
}

/* This thread's buffer, made on first use; NULL when buffering is off or
 * the registry is full (the line is then written directly). */
static struct logbuf *lb_get(void)
{
	if (thread_lb)
		return thread_lb;
	pthread_mutex_lock(&lb.lock);
	if (lb.on && lb.n < LOGBUF_MAX) {
		struct logbuf *b = calloc(1, sizeof(*b));
		if (b) {
			pthread_mutex_init(&b->lock, NULL);
			lb.all[lb.n++] = b;
			thread_lb = b;
		}
	}
	pthread_mutex_unlock(&lb.lock);
	return thread_lb;
}

static void emit_line(const char *line, size_t n)
{
	struct logbuf *b = lb.on ? lb_get() : NULL;
	if (!b) {
		ssize_t w = write(STDERR_FILENO, line, n);
		(void)w;
		return;
	}
	pthread_mutex_lock(&b->lock);
	if (b->len + n > sizeof(b->data))
		lb_write(b);
	if (b->len == 0)
		clock_gettime(CLOCK_MONOTONIC, &b->first);
	memcpy(b->data + b->len, line, n);
	b->len += n;
	if (ms_since(&b->first) >= LOG_FLUSH_MS)
		lb_write(b);
	pthread_mutex_unlock(&b->lock);
}

void log_request(const char *id, const char *method, const char *path, int status,
		 size_t bytes, long long us, bool aborted)
{
	char line[1024];
	char *p = line, *end = line + sizeof(line) - 64;

	if (LOG_INFO < log_threshold)
		return;
	p = put_timestamp(p);
	p = put_str(p, end, " info req=");
	p = put_str(p, end, id);
	*p++ = ' ';
	p = put_str(p, end, method);
	*p++ = ' ';
	p = put_str(p, end, path);
	*p++ = ' ';
	p = put_uint(p, (unsigned long long)(status < 0 ? 0 : status));
	*p++ = ' ';
	p = put_uint(p, bytes);
	*p++ = 'B';
	*p++ = ' ';
	p = put_uint(p, (unsigned long long)(us < 0 ? 0 : us));
	*p++ = 'u';
	*p++ = 's';
	if (aborted)
		p = put_str(p, line + sizeof(line) - 2, " aborted");
	*p++ = '\n';
	emit_line(line, (size_t)(p - line));
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[] = {"debug", "info", "warn", "error"};
	char line[2048], ts[40];
	va_list ap;
	int n, m;

	if (level < log_threshold)
		return;
	log_timestamp(ts, sizeof(ts));
	n = snprintf(line, sizeof(line), "%s %s ", ts, names[level]);
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		m = 0;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}
