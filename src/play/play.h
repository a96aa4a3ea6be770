/*
 * play.h: the children's area, /play: the game of the three age bands and
 * the "my online safety" app (tips, what to do if..., get help, privacy
 * check-up).
 *
 * Children have no account.  An answer is kept as an event with no
 * identifier at all (scenario, choice, day, band, language, country);
 * nothing is asked of the child and nothing personal is stored.
 */
#ifndef COPHUB_PLAY_H
#define COPHUB_PLAY_H

#include "http/http.h"

struct db;

#include <stdbool.h>
#include <stdint.h>

struct play_content;

/* The content the handlers serve (loaded and checked by app_init). */
void play_set_content(const struct play_content *c, const char *country);
const struct play_content *play_get_content(void);
const char *play_home_country(void); /* "" when none is set */

int play_index(struct req *r);
int play_band(struct req *r);
int play_scenario_page(struct req *r);
int play_answer(struct req *r);
int play_tips(struct req *r);
int play_help_index(struct req *r);
int play_help_flow(struct req *r);
int play_checkup(struct req *r);
int play_sort(struct req *r);
int play_sort_answer(struct req *r);
int play_passphrase(struct req *r);
int play_exit(struct req *r);
int play_feedback(struct req *r);
int play_offline_list(struct req *r);
int play_sync(struct req *r);
int play_sw(struct req *r);
int play_manifest(struct req *r);

/* Narration (audio.c): lists the recordings under data_dir; the URL of
 * the recording of a scenario's line (its key in the content file and
 * the text as spoken), or NULL when there is none; the handler. */
void play_audio_init(const char *data_dir);
void play_audio_free(void);
const char *play_audio_url(struct req *r, const char *scenario, const char *key,
			   const char *spoken);
int play_audio(struct req *r);

/* Counts one answer of the country on day in the running totals the
 * dashboards read (play_totals), in db's transaction: 0, or -1.  An
 * answer without a country is not counted. */
int play_total_add(struct db *db, const char *country, const char *day);

/* Answers (events.c): queued, then stored in batches by a writer
 * thread.  play_event_add() copies what it is given but keeps the band,
 * scenario and step pointers (they point into the loaded content); -1
 * when the queue is full.  play_events_flush() waits until what was
 * queued before it is stored (false after timeout_ms);
 * play_events_stop() stores what is left and ends the writer. */
int play_event_add(const char *day, const char *country, const char *lang, const char *band,
		   const char *scenario, const char *step, char choice, int safe, int64_t class_id,
		   int64_t member_id);
bool play_events_flush(int timeout_ms);
void play_events_stop(void);
unsigned long long play_events_dropped(void);

/* A coordinator changed a helpline: pages show it at once. */
void play_helpline_changed(void);
/* What the placeholders of a text ({helpline}, {report}, ...) become for
 * this reader: the site country's helpline, or words in the reader's
 * language where it has none (strings in r's arena). */
struct play_fill;
void play_site_fill(struct req *r, struct play_fill *f);

/* True when the browser says a post comes from this site (children's
 * forms carry no CSRF token: a child has no session). */
bool play_same_origin(struct req *r);

/* Classes (classes.c). */
int play_member(struct req *r, int64_t *class_id, int64_t *member_id, const char **nickname);
int play_join_form(struct req *r);
int play_join(struct req *r);
int play_leave(struct req *r);
int classes_list(struct req *r);
int classes_create(struct req *r);
int classes_report(struct req *r);
int classes_delete(struct req *r);

#endif
