/*
 * readability.c: see readability.h.  Syllables are counted with the usual
 * approximations: groups of vowels (English and French less a final silent
 * e), vowels themselves for Russian as Oborneva defines them.  The scores
 * screen drafts; they do not replace reading them with children.
 */
#include "content/readability.h"
#include "core/util.h"

#include <stdint.h>
#include <string.h>

/* Decodes one UTF-8 code point; advances *p. */
static uint32_t next_cp(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	int n = 1;
	if (c >= 0xf0 && s[1] && s[2] && s[3]) {
		c = ((c & 7u) << 18) | ((s[1] & 63u) << 12) | ((s[2] & 63u) << 6) | (s[3] & 63u);
		n = 4;
	} else if (c >= 0xe0 && s[1] && s[2]) {
		c = ((c & 15u) << 12) | ((s[1] & 63u) << 6) | (s[2] & 63u);
		n = 3;
	} else if (c >= 0xc0 && s[1]) {
		c = ((c & 31u) << 6) | (s[1] & 63u);
		n = 2;
	}
	*p += n;
	return c;
}

static bool is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0x24f) ||
	       (c >= 0x400 && c <= 0x4ff) || (c >= 0x600 && c <= 0x6ff) ||
	       (c >= 0x4e00 && c <= 0x9fff) || c == '\'';
}

static bool is_sentence_end(uint32_t c)
{
	return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xff01 || c == 0xff1f ||
	       c == 0x61f || c == 0x2026;
}

static uint32_t lower(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c == 0x401)
		return 0x451;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	return c;
}

static bool is_vowel(uint32_t c, const char *lang)
{
	static const uint32_t latin[] = {'a', 'e', 'i', 'o', 'u', 'y', 0xe0, 0xe1, 0xe2, 0xe4, 0xe8,
					 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf2, 0xf3, 0xf4,
					 0xf6, 0xf9, 0xfa, 0xfb, 0xfc, 0xff, 0x153};
	static const uint32_t cyrillic[] = {0x430, 0x435, 0x451, 0x438, 0x43e, 0x443,
					    0x44b, 0x44d, 0x44e, 0x44f};
	c = lower(c);
	if (str_eq(lang, "ru")) {
		for (size_t i = 0; i < ARRAY_LEN(cyrillic); i++)
			if (c == cyrillic[i])
				return true;
		return false;
	}
	if (str_eq(lang, "es") && c == 'y')
		return false; /* a consonant in Spanish except alone */
	for (size_t i = 0; i < ARRAY_LEN(latin); i++)
		if (c == latin[i])
			return true;
	return false;
}

/* Syllables of one word given as code points. */
static long word_syllables(const uint32_t *w, int n, const char *lang)
{
	long groups = 0;
	bool in = false;
	if (str_eq(lang, "ru")) {
		for (int i = 0; i < n; i++)
			groups += is_vowel(w[i], lang);
		return groups ? groups : 1;
	}
	for (int i = 0; i < n; i++) {
		bool v = is_vowel(w[i], lang);
		if (v && !in)
			groups++;
		in = v;
	}
	/* a final silent e in English ("make") and French ("porte") */
	if ((str_eq(lang, "en") || str_eq(lang, "fr")) && n > 2 && lower(w[n - 1]) == 'e' &&
	    !is_vowel(w[n - 2], lang) && groups > 1 &&
	    !(str_eq(lang, "en") && lower(w[n - 2]) == 'l'))
		groups--;
	return groups ? groups : 1;
}

void readability_count(struct text_stats *st, const char *text, const char *lang)
{
	const char *p = text;
	uint32_t w[64];
	int wn = 0;
	bool sentence_open = false;

	while (*p) {
		uint32_t c = next_cp(&p);
		if (is_letter(c)) {
			if (wn < 64)
				w[wn++] = c;
			continue;
		}
		if (wn) {
			st->words++;
			st->syllables += word_syllables(w, wn, lang);
			wn = 0;
			sentence_open = true;
		}
		if (is_sentence_end(c) && sentence_open) {
			st->sentences++;
			sentence_open = false;
		}
	}
	if (wn) {
		st->words++;
		st->syllables += word_syllables(w, wn, lang);
		sentence_open = true;
	}
	if (sentence_open)
		st->sentences++;
}

bool readability_score(const struct text_stats *st, const char *lang, double *score)
{
	if (!st->words || !st->sentences)
		return false;
	double asl = (double)st->words / (double)st->sentences;
	double asw = (double)st->syllables / (double)st->words;
	if (str_eq(lang, "en"))
		*score = 206.835 - 1.015 * asl - 84.6 * asw;
	else if (str_eq(lang, "es"))
		*score = 206.835 - 62.3 * asw - asl;
	else if (str_eq(lang, "fr"))
		*score = 207.0 - 1.015 * asl - 73.6 * asw;
	else if (str_eq(lang, "ru"))
		*score = 206.835 - 1.3 * asl - 60.1 * asw;
	else
		return false;
	return true;
}

bool readability_target(const char *lang, int band, double *min)
{
	/* content-guide.md, "Targets by band": English Flesch, Spanish
	 * Szigriszt (and INFLESZ, the same formula, for 13 and over) */
	static const double en[] = {90, 80, 60};
	static const double es[] = {86, 76, 65};
	if (band < 0 || band > 2)
		return false;
	if (str_eq(lang, "en"))
		*min = en[band];
	else if (str_eq(lang, "es"))
		*min = es[band];
	else
		return false;
	return true;
}
