/*
 * readability.h: readability scores from ../shared/content-guide.md,
 * per language where the guide gives a formula:
 *   en  Flesch reading ease  206.835 - 1.015 ASL - 84.6 ASW
 *   es  Szigriszt-Pazos      206.835 - 62.3 ASW - ASL
 *   fr  Kandel & Moles       207 - 1.015 ASL - 73.6 ASW
 *   ru  Oborneva             206.835 - 1.3 ASL - 60.1 ASW (syllables = vowels)
 * (ASL words per sentence, ASW syllables per word).  Arabic's formula
 * needs diacritised text and Chinese has none, so they get no score.
 */
#ifndef COPHUB_READABILITY_H
#define COPHUB_READABILITY_H

#include <stdbool.h>

struct text_stats {
	long sentences, words, syllables;
};

/* Adds the sentences, words and syllables of text in language lang. */
void readability_count(struct text_stats *st, const char *text, const char *lang);
/* The score, or false when the language has no formula. */
bool readability_score(const struct text_stats *st, const char *lang, double *score);
/* The lowest score a band should reach in a language (content-guide.md),
 * or false when the guide gives none. */
bool readability_target(const char *lang, int band, double *min);

#endif
