/*
 * unit.h: what every unit test includes: cmocka (which needs these system
 * headers first) and a few helpers for tests that read files.
 */
#ifndef COPHUB_UNIT_H
#define COPHUB_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The project folder (po/, data/, templates/): $COPHUB_DATA, which
 * `make unit` sets, or the current folder. */
static inline const char *unit_data_dir(void)
{
	const char *d = getenv("COPHUB_DATA");
	return d && *d ? d : ".";
}

/* Writes text to dir/name (dir may be NULL for a full path in name). */
static inline void unit_write(const char *dir, const char *name, const char *text, size_t len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static inline void unit_write_str(const char *dir, const char *name, const char *text)
{
	unit_write(dir, name, text, strlen(text));
}

/* Removes dir/name, ignoring a missing file. */
static inline void unit_remove(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

#endif
