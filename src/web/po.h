/*
 * po.h: a reader for gettext PO files.
 *
 * Written here rather than using libgettextpo: that library's error
 * handler may not return on a fatal error (it must longjmp out of the
 * library or exit), which does not suit a server reading files at
 * start-up or a fuzzer, and it does not tell where in the PO file an
 * entry stands, which our own checks need for their messages.  The
 * subset read is what xgettext, msgmerge and every translation tool
 * write: comments, msgctxt, msgid, msgid_plural, msgstr and msgstr[N],
 * each with one or more C-escaped string lines.  The PO files themselves
 * are also checked by `msgfmt --check` in the tests.
 */
#ifndef COPHUB_PO_H
#define COPHUB_PO_H

#include <stdbool.h>
#include <stddef.h>

#define PO_MAX_PLURALS 8

struct po_entry {
	int line;		/* line of the msgid keyword */
	const char *msgctxt;	/* NULL when none */
	const char *msgid;
	const char *msgid_plural; /* NULL when none */
	const char *msgstr[PO_MAX_PLURALS];
	int nstr;		/* msgstr count: 1, or the msgstr[N] given */
	bool fuzzy;
	const char *comments; /* the translator's "# " lines, '\n' between; NULL: none */
};

/* Called for every entry (the header is the entry with msgid "").
 * Strings are valid only during the call.  Return non-zero to stop. */
typedef int (*po_entry_fn)(void *ctx, const struct po_entry *e);

/* Parses text (need not be NUL-terminated).  Returns 0, or -1 with
 * "NAME:LINE: reason" in err. */
int po_parse(const char *text, size_t len, const char *name, po_entry_fn fn, void *ctx,
	     char *err, size_t errlen);

#endif
