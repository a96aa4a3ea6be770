/*
 * util.h: small string and number helpers shared by every layer.
 */
#ifndef COPHUB_UTIL_H
#define COPHUB_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static inline bool str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool str_starts(const char *s, const char *prefix);
/* Copies at most size-1 bytes and always terminates; true if it all fit. */
bool str_copy(char *dst, size_t size, const char *src);

/* Parses a whole decimal integer in [min, max]; false on any junk. */
bool parse_int64(const char *s, int64_t min, int64_t max, int64_t *out);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_encode(char *out, const unsigned char *in, size_t n);

/* True when s (of length n) is valid UTF-8 without NUL or C0 controls
 * other than tab, CR and LF (allow_newlines) . */
bool utf8_valid_text(const char *s, size_t n, bool allow_newlines);
/* s is valid UTF-8 text on one line of at most max_chars characters. */
bool utf8_one_line(const char *s, size_t max_chars);
/* s is valid UTF-8 text, lines allowed, of at most max_chars characters. */
bool utf8_text(const char *s, size_t max_chars);

/* The number of characters (code points) in valid UTF-8 text. */
size_t utf8_chars(const char *s);

/* Seconds since the epoch. */
int64_t now_seconds(void);
/* Monotonic microseconds, for durations. */
int64_t mono_usec(void);

#endif
