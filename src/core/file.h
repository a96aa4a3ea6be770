/*
 * file.h: reading the data files cophub loads at start-up.
 */
#ifndef COPHUB_FILE_H
#define COPHUB_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file into a new NUL-terminated string (free() it).
 * NULL when it cannot be read or is larger than max bytes; *too_big (may
 * be NULL) then tells which. */
char *file_read(const char *path, size_t max, size_t *len, bool *too_big);

/* Calls fn for every regular file below root, down to max_depth folders,
 * skipping names that start with '.': path is the file's path, rel its
 * name relative to root ("admin/users.html").  Stops at the first fn
 * that returns non-zero and returns that; -1 with a reason in err when
 * root cannot be opened (what names the folder in the message). */
typedef int (*file_fn)(void *ctx, const char *path, const char *rel);
int dir_walk(const char *root, int max_depth, file_fn fn, void *ctx, const char *what, char *err,
	     size_t errlen);

#endif
