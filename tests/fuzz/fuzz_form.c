/*
 * fuzz_form.c: libFuzzer harness for the decoders of request data:
 * urlencoded forms and query strings (form_parse, url_decode), the Cookie
 * header (cookie_parse) and Accept-Language (i18n_negotiate).
 */
#include "core/arena.h"
#include "http/form.h"
#include "web/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	int warnings;
	char err[256];
	/* the real catalogs, so negotiation has languages to pick from */
	i18n_load("po", &warnings, err, sizeof(err));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct form f;
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	arena_init(&a);
	if (form_parse(&a, (const char *)data, size, &f) == 0) {
		for (int i = 0; i < f.count; i++)
			if (!f.fields[i].name || !f.fields[i].value)
				abort();
		form_get(&f, "csrf");
		form_count(&f, "a");
	}
	cookie_parse(&a, text, &f);
	for (int i = 0; i < f.count; i++)
		if (strchr(f.fields[i].name, ';') || strchr(f.fields[i].value, ';'))
			abort(); /* a pair never spans a separator */
	i18n_negotiate(text);
	char *copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	long n = url_decode(copy, size, true);
	if (n > (long)size)
		abort();
	free(copy);
	arena_free(&a);
	free(text);
	return 0;
}
