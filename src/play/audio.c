/*
 * audio.c: the narration of the under-9 stories (play.h).
 *
 * The build reads every line aloud (scripts/narrate) into
 * DATA/audio/LANG/NAME.opus (an installed copy) or DATA/build/audio/
 * (the source tree), NAME being play_narration_name() of the line as it
 * is spoken.  A person's recording of a line,
 * DATA/content/play/audio/LANG/SCENARIO.KEY.opus, takes its place.  The
 * names are listed once at start-up; a page shows a play button only for
 * a line with a recording, and the files are read from disk when asked
 * for (the page cache keeps them; memory stays small).
 */
#include "play/play.h"
#include "content/play.h"
#include "core/file.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "web/page.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIO_MAX_BYTES (2u << 20)

struct names {
	char **v;
	size_t n, cap;
};

static struct {
	char gen_dir[1024], human_dir[1024];
	struct names gen[CONTENT_NLANGS], human[CONTENT_NLANGS];
} audio;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has(const struct names *ns, const char *name)
{
	return ns->n && bsearch(&name, ns->v, ns->n, sizeof(char *), cmp_str);
}

/* A file name we serve: letters, digits, '.', '-' and '_', ending in .opus. */
static bool name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n < 6 || n > 200 || !str_eq(name + n - 5, ".opus") || name[0] == '.')
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '-' || *p == '_'))
			return false;
	return !strstr(name, "..");
}

/* Lists DIR/LANG/<name>.opus into ns[lang], without the ".opus". */
static size_t list_dir(const char *dir, struct names ns[CONTENT_NLANGS])
{
	size_t total = 0;
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		char path[1200];
		snprintf(path, sizeof(path), "%s/%s", dir, content_langs[lg]);
		DIR *d = opendir(path);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!name_ok(e->d_name))
				continue;
			if (ns[lg].n == ns[lg].cap) {
				ns[lg].cap = ns[lg].cap ? ns[lg].cap * 2 : 128;
				ns[lg].v = xrealloc(ns[lg].v, ns[lg].cap * sizeof(char *));
			}
			ns[lg].v[ns[lg].n++] = xstrndup(e->d_name, strlen(e->d_name) - 5);
		}
		closedir(d);
		qsort(ns[lg].v, ns[lg].n, sizeof(char *), cmp_str);
		total += ns[lg].n;
	}
	return total;
}

void play_audio_init(const char *data_dir)
{
	play_audio_free();
	snprintf(audio.gen_dir, sizeof(audio.gen_dir), "%s/audio", data_dir);
	DIR *d = opendir(audio.gen_dir);
	if (d)
		closedir(d);
	else
		snprintf(audio.gen_dir, sizeof(audio.gen_dir), "%s/build/audio", data_dir);
	snprintf(audio.human_dir, sizeof(audio.human_dir), "%s/content/play/audio", data_dir);
	size_t g = list_dir(audio.gen_dir, audio.gen);
	size_t h = list_dir(audio.human_dir, audio.human);
	if (g + h == 0)
		log_warn("narration: no recordings in %s (`make` reads the stories aloud)",
			 audio.gen_dir);
	else
		log_info("narration: %zu generated and %zu recorded lines", g, h);
}

void play_audio_free(void)
{
	for (int lg = 0; lg < CONTENT_NLANGS; lg++) {
		struct names *all[] = {&audio.gen[lg], &audio.human[lg]};
		for (size_t k = 0; k < ARRAY_LEN(all); k++) {
			for (size_t i = 0; i < all[k]->n; i++)
				free(all[k]->v[i]);
			free(all[k]->v);
			memset(all[k], 0, sizeof(*all[k]));
		}
	}
}

const char *play_audio_url(struct req *r, const char *scenario, const char *key,
			   const char *spoken)
{
	int lg = content_lang_index(r->lang);
	if (lg < 0 || !spoken || !*spoken)
		return NULL;
	const char *human = arena_printf(&r->arena, "%s.%s", scenario, key);
	if (has(&audio.human[lg], human))
		return arena_printf(&r->arena, "/play/audio/%s/%s.opus", content_langs[lg], human);
	char name[PLAY_NARRATION_NAME_LEN + 1];
	play_narration_name(content_langs[lg], spoken, name);
	if (has(&audio.gen[lg], name))
		return arena_printf(&r->arena, "/play/audio/%s/%s.opus", content_langs[lg], name);
	return NULL;
}

/* GET /play/audio/:lang/:file */
int play_audio(struct req *r)
{
	const char *lang = req_param(r, 0), *file = req_param(r, 1);
	int lg = content_lang_index(lang);
	if (lg < 0 || !name_ok(file))
		return page_error(r, 404, NULL);
	char base[256];
	str_copy(base, sizeof(base), file);
	base[strlen(base) - 5] = '\0';
	bool human = has(&audio.human[lg], base);
	if (!human && !has(&audio.gen[lg], base))
		return page_error(r, 404, NULL);
	const char *path = arena_printf(&r->arena, "%s/%s/%s", human ? audio.human_dir : audio.gen_dir,
					lang, file);
	size_t len;
	char *data = file_read(path, AUDIO_MAX_BYTES, &len, NULL);
	if (!data) {
		log_error("narration: cannot read %s", path);
		return page_error(r, 404, NULL);
	}
	r->status = 200;
	r->content_type = "audio/ogg";
	buf_put(&r->out, data, len);
	free(data);
	/* a generated file's name is its content's; a recording may be
	 * replaced under the same name */
	r->cache_control = human ? "public, max-age=86400" : "public, max-age=31536000, immutable";
	return 0;
}
