/*
 * mem.c: see mem.h for the policy (abort with file and line on failure).
 */
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void mem_fail(size_t n, const char *file, int line)
{
	fprintf(stderr, "cophub: out of memory (%zu bytes) at %s:%d\n", n, file, line);
	abort();
}

void *mem_alloc_at(size_t n, const char *file, int line)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		mem_fail(n, file, line);
	return p;
}

void *mem_calloc_at(size_t n, size_t size, const char *file, int line)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		mem_fail(n * size, file, line);
	return p;
}

void *mem_realloc_at(void *p, size_t n, const char *file, int line)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		mem_fail(n, file, line);
	return q;
}

char *mem_strndup_at(const char *s, size_t n, const char *file, int line)
{
	char *p = mem_alloc_at(n + 1, file, line);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *mem_strdup_at(const char *s, const char *file, int line)
{
	return mem_strndup_at(s, strlen(s), file, line);
}
