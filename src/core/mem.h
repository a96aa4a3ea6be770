/*
 * mem.h: allocation wrappers and the project's out-of-memory policy.
 *
 * cophub decides the policy once, as Redis' zmalloc does: an allocation
 * that fails aborts the process with the file and line.  A server that
 * cannot get a few kilobytes is in a state no request can recover from,
 * and an abort is clearer than a half-handled NULL somewhere deep down.
 * Every caller can therefore use the result without a check.
 */
#ifndef COPHUB_MEM_H
#define COPHUB_MEM_H

#include <stddef.h>

void *mem_alloc_at(size_t n, const char *file, int line);
void *mem_calloc_at(size_t n, size_t size, const char *file, int line);
void *mem_realloc_at(void *p, size_t n, const char *file, int line);
char *mem_strdup_at(const char *s, const char *file, int line);
char *mem_strndup_at(const char *s, size_t n, const char *file, int line);

#define xmalloc(n) mem_alloc_at((n), __FILE__, __LINE__)
#define xcalloc(n, s) mem_calloc_at((n), (s), __FILE__, __LINE__)
#define xrealloc(p, n) mem_realloc_at((p), (n), __FILE__, __LINE__)
#define xstrdup(s) mem_strdup_at((s), __FILE__, __LINE__)
#define xstrndup(s, n) mem_strndup_at((s), (n), __FILE__, __LINE__)

#endif
