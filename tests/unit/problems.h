/*
 * problems.h: the unit tests of the content loaders collect what a load
 * reports, as `cophub content check` prints it, and look for messages in
 * it.
 */
#ifndef COPHUB_TEST_PROBLEMS_H
#define COPHUB_TEST_PROBLEMS_H

#include "unit.h"

#include <stdarg.h>

#define MAX_PROBLEMS 512

/* Every problem as "PATH:LINE: message", the form `cophub content check`
 * prints (with the line, even when it is 0). */
struct problems {
	char *msg[MAX_PROBLEMS];
	int n; /* all reported, even past MAX_PROBLEMS */
};

static inline void collect(void *ctx, const char *path, int line, const char *msg)
{
	struct problems *p = ctx;
	char buf[2048];
	snprintf(buf, sizeof(buf), "%s:%d: %s", path, line, msg);
	if (p->n < MAX_PROBLEMS)
		p->msg[p->n] = strdup(buf);
	p->n++;
}

static inline void problems_free(struct problems *p)
{
	for (int i = 0; i < p->n && i < MAX_PROBLEMS; i++)
		free(p->msg[i]);
	memset(p, 0, sizeof(*p));
}

static inline void problems_print(const struct problems *p)
{
	for (int i = 0; i < p->n && i < MAX_PROBLEMS; i++)
		print_message("  problem %d: %s\n", i + 1, p->msg[i]);
}

/* Fails unless one of the problems contains the formatted text. */
#define assert_problem(...) assert_problem_at(__LINE__, __VA_ARGS__)
static inline void assert_problem_at(int at, const struct problems *p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline void assert_problem_at(int at, const struct problems *p, const char *fmt, ...)
{
	char want[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	for (int i = 0; i < p->n && i < MAX_PROBLEMS; i++)
		if (strstr(p->msg[i], want))
			return;
	problems_print(p);
	fail_msg("line %d: no problem contains \"%s\"", at, want);
}

#define assert_problem_count(p, n) assert_problem_count_at(__LINE__, p, n)
static inline void assert_problem_count_at(int at, const struct problems *p, int n)
{
	if (p->n != n) {
		problems_print(p);
		fail_msg("line %d: %d problems, expected %d", at, p->n, n);
	}
}

#endif
