/*
 * fuzz_tpl.c: libFuzzer harness for the template compiler and renderer:
 * any text either compiles or is refused with a message, and a compiled
 * template renders into a capped buffer without a crash.
 */
#include "core/buf.h"
#include "web/tpl.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static json_t *data_object(void)
{
	json_error_t e;
	return json_loads("{\"title\": \"<b>&'\\\"\", \"n\": 3, \"url\": \"javascript:x\","
			  "\"list\": [{\"name\": \"a\"}, {\"name\": \"<i>\"}], \"flag\": true,"
			  "\"user\": {\"name\": \"x\"}}",
			  0, &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tpl_set *set = tpl_set_new();
	char err[512];

	if (tpl_add(set, "page", (const char *)data, size, err, sizeof(err)) == 0) {
		/* a partial the fuzzer's text may include */
		tpl_add(set, "part", "<p>{{ title }}</p>", 18, err, sizeof(err));
		json_t *d = data_object();
		struct buf out;
		buf_init(&out, 1u << 20);
		tpl_render(set, "page", d, NULL, &out);
		buf_free(&out);
		json_decref(d);
	} else if (!err[0]) {
		abort(); /* a refusal always says why */
	}
	tpl_set_free(set);
	return 0;
}
