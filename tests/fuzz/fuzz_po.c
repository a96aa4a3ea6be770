/*
 * fuzz_po.c: libFuzzer harness for the PO reader and the plural-form
 * expressions: every input is either read or refused with "NAME:LINE:",
 * and a Plural-Forms that compiles always picks a form in range.
 */
#include "web/plural.h"
#include "web/po.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int on_entry(void *ctx, const struct po_entry *e)
{
	(void)ctx;
	if (!e->msgid || e->nstr < 1 || e->nstr > PO_MAX_PLURALS)
		abort();
	for (int i = 0; i < e->nstr; i++)
		if (!e->msgstr[i])
			abort();
	if (!*e->msgid) {
		const char *pf = strstr(e->msgstr[0], "Plural-Forms:");
		if (pf) {
			char err[256];
			struct plural *p = plural_compile(pf + 13, err, sizeof(err));
			if (p) {
				static const unsigned long ns[] = {0, 1, 2, 3, 11, 101, 1000000};
				for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
					int k = plural_eval(p, ns[i]);
					if (k < 0 || k >= plural_count(p))
						abort();
				}
				plural_free(p);
			}
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512] = "";
	if (po_parse((const char *)data, size, "fuzz.po", on_entry, NULL, err, sizeof(err)) < 0 &&
	    strncmp(err, "fuzz.po:", 8) != 0)
		abort();
	/* the same bytes as a bare plural expression */
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct plural *p = plural_compile(text, err, sizeof(err));
	if (p) {
		int k = plural_eval(p, 7);
		if (k < 0 || k >= plural_count(p))
			abort();
		plural_free(p);
	}
	free(text);
	return 0;
}
