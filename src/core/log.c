/*
 * log.c: see log.h.  A line is formatted into a stack buffer and written
 * with one write(2), so lines from different threads never interleave.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
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

void log_timestamp(char *out, unsigned long size)
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
	snprintf(out, size, "%04d-%02d-%02dT%02ld:%02ld:%02ld.%03ldZ", y, mo, d, rem / 3600,
		 rem / 60 % 60, rem % 60, ts.tv_nsec / 1000000);
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
