/*
 * translate.h: the translation workflow of the guidelines library.
 *
 * A translation set is one of the library's sets; its units are every
 * text a reader sees: the set's title and summary ("#title", "#summary"),
 * each chapter's title and introduction ("talk#title", "talk#intro"),
 * each section's title and text ("talk.listen#title", "talk.listen#text")
 * and each item ("talk.listen.2").  English is the source.
 *
 * Two sets hold the texts of the game and of the courses: "game", every
 * English text of the files of content/play, its id "FILE:RECORD:KEY"
 * ("13-18:13-18-location-and-quiz:start.a"); "courses", those of
 * content/learn/COURSE/course.txt ("parents-carers:m1:title").  Their
 * shipped translations are the files under i18n/LANG/ beside them; what
 * reviewers approve is put over them when the content loads at start-up
 * (tr_content_publish), in the six content languages.
 *
 * One more set, "interface", holds the site's own texts: every message of
 * po/cophub.pot, its id "ui." and eight hex digits of a hash of the
 * English (so it stays while the English does), a message with a plural
 * its forms.  Its shipped translations are po/LANG.po; what reviewers
 * approve in the database is put into the site's catalogs at start-up
 * (tr_interface_publish), so a language added by a coordinator gets its
 * interface from the workflow, with no file to write.
 *
 * A unit has, per language, one of four states: untranslated, needs
 * editing, waiting for review, approved.  Translations shipped with the
 * content (content/library/translations/LANG/SET.po) count as approved;
 * translations made in the deployment live in its database (table
 * translations, with their history) and, once approved, take precedence.
 * Only approved translations are published; a unit without one is shown
 * in English, and the page says so.
 *
 * The published texts of a language are a snapshot in memory, made again
 * when the database's translations generation (settings
 * "translations_gen", bumped by every change of what is published)
 * differs from the snapshot's.
 */
#ifndef COPHUB_TRANSLATE_H
#define COPHUB_TRANSLATE_H

#include "content/cf.h"
#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct library;
struct db;

enum tr_state { TR_UNTRANSLATED, TR_NEEDS_EDITING, TR_WAITING, TR_APPROVED, TR_NSTATES };
extern const char *const tr_state_ids[TR_NSTATES]; /* "untranslated", "needs-editing", ... */
/* The state for its id, or -1. */
int tr_state_from_id(const char *id);

enum tr_kind { TR_HEADING, TR_TEXT, TR_ITEM, TR_BUTTON };

/* The forms of a plural unit's translation, one string: form 0, then
 * each next form after this separator. */
#define TR_FORM_SEP '\x1e'
#define TR_MAX_FORMS 8
#define TR_INTERFACE "interface"
#define TR_GAME "game"
#define TR_COURSES "courses"

struct tr_unit {
	const char *id;     /* "talk.listen#title" */
	const char *source; /* English */
	const char *plural; /* the English plural of a message with forms, else NULL */
	const char *note;   /* what it is, for the translator */
	enum tr_kind kind;
	int index;          /* in the set */
};

struct tr_set {
	const char *name; /* "children" */
	const char *title;
	struct tr_unit *units; /* in reading order */
	int nunits;
	int base; /* the first unit's number among all units */
	bool guidelines; /* a set of the library (not the interface) */
	bool owned;      /* its texts are its own (freed with it) */
	int *sorted;     /* the units' indexes in the order of their ids */
};

/* Splits a translation into its forms (at TR_FORM_SEP) in place; the
 * number of forms, at most max. */
int tr_forms_split(char *text, const char **forms, int max);

/* ---- units and shipped translations (units.c) ---- */

/* Builds the sets from the library and the interface set from
 * po_dir/cophub.pot, and reads the shipped translations under
 * content_dir/library/translations/LANG/SET.po and po_dir/LANG.po.  Problems (a unit
 * that does not exist, placeholders changed, a file that cannot be read)
 * are reported with file and line; the count is returned.  A shipped
 * translation made from an older English text is not used (counted in
 * *stale). */
int tr_load(const struct library *lib, const char *content_dir, const char *po_dir,
	    cf_report_fn report, void *ctx, int *stale);
void tr_free(void);

int tr_nsets(void);
const struct tr_set *tr_set_at(int i);
const struct tr_set *tr_set_find(const char *name);
const struct tr_unit *tr_unit_find(const struct tr_set *s, const char *id);
int tr_total_units(void);

/* The shipped translation of a unit, or NULL. */
const char *tr_shipped(const struct tr_set *s, const struct tr_unit *u, const char *lang);
/* Languages that have shipped translations (codes), and their count. */
int tr_shipped_langs(const char *const **codes);

/* ---- languages (store.c) ---- */

struct tr_lang {
	char code[16];
	char name[64];
	char english[64];
	bool rtl;
	char plural_forms[256];
	int nplurals;
};

/* Every language, English first then by code; count or -1. */
int tr_languages(struct db *db, struct tr_lang **out, void *arena);
/* One language: 1 found, 0 not, -1 error. */
int tr_language(struct db *db, const char *code, struct tr_lang *out);
/* Checks a new language's fields; NULL or the reason (a msgid). */
const char *tr_language_check(const char *code, const char *name, const char *english,
			      const char *dir, const char *plural_forms, int *nplurals);
/* The plural count of a Plural-Forms value, or -1 when malformed. */
int tr_nplurals(const char *plural_forms);

/* ---- the published texts (store.c) ---- */

/* Makes sure this thread sees the latest published texts (one query);
 * call once per request before tr_published.  0 or -1. */
int tr_refresh(struct db *db);
/* The published text of a unit in lang, copied with the allocator; NULL
 * when there is none (the caller shows the English and says so). */
const char *tr_published(const struct tr_set *s, const struct tr_unit *u, const char *lang,
			 char *(*dup)(void *ctx, const char *text), void *ctx);
/* How many units of a set are published in lang. */
int tr_published_count(const struct tr_set *s, const char *lang);
/* Marks the published texts changed (inside the write transaction). */
int tr_bump(struct db *db);
void tr_snapshot_free(void);

/* Before the game and the courses load (at start-up): reads the
 * translations of their texts approved in the database, made from the
 * English the files have now, and has the content loader put them over
 * the files' (content/load.h).  The number read, or -1 with err;
 * tr_content_publish_end() forgets them once the content is loaded. */
int tr_content_publish(struct db *db, char *err, size_t errlen);
void tr_content_publish_end(void);

/* Puts the interface translations approved in the database into the
 * site's catalogs (web/i18n.h), making a catalog for a language that has
 * none; called once at start-up.  The number of texts put, or -1 with
 * err. */
int tr_interface_publish(struct db *db, char *err, size_t errlen);

/* ---- a unit's translation in the database (store.c) ---- */

struct tr_row {
	bool exists;
	char *text;   /* malloc'd */
	char *source; /* malloc'd: the English it was made from */
	enum tr_state state;
	int version;
	int64_t changed_by, changed_at;
	char changed_name[64];
};
void tr_row_free(struct tr_row *row);

/* The unit's row, 0 (row->exists false when none) or -1. */
int tr_get(struct db *db, const char *set, const char *unit, const char *lang,
	   struct tr_row *row);
/* The unit's state and text as everyone sees them: the row's when the
 * row is current, else the shipped translation (approved) or
 * untranslated; a row made from an older English needs editing. */
enum tr_state tr_effective(const struct tr_set *s, const struct tr_unit *u, const char *lang,
			   const struct tr_row *row, const char **text);

enum tr_save_result { TR_SAVED = 0, TR_CONFLICT = 1, TR_SAVE_ERROR = -1 };
/* Saves a new version made from version `from` (0: from no row), in the
 * caller's transaction, with history; TR_CONFLICT when the row is no
 * longer at `from`. */
int tr_save(struct db *db, const struct tr_set *s, const struct tr_unit *u, const char *lang,
	    const char *text, enum tr_state state, int from, int64_t user);

/* ---- checks on save (checks.c) ---- */

#define TR_MAX_ISSUES 16
struct tr_issue {
	bool error; /* false: a warning, saved all the same */
	char msg[240]; /* English, with the detail */
	const char *msgid; /* the message's form, for translation */
	char detail[160];
};
struct tr_glossary_term {
	const char *term, *translation;
};
/* Checks a translation against its source: placeholders and markup kept,
 * not empty, plural forms all there (nforms of nplurals; with the English
 * plural, form 0 is checked against the singular, the others against the
 * plural), headings not too long, glossary terms used.  Returns the
 * number of issues written. */
int tr_check(const char *source, const char *plural, const char *const *forms, int nforms,
	     int nplurals, enum tr_kind kind, const struct tr_glossary_term *glossary, int nglossary,
	     struct tr_issue *out, int max);
/* True when a glossary term occurs in source, as the check finds it. */
bool tr_glossary_applies(const char *source, const char *term);
/* True when the check found an error (not only warnings). */
bool tr_issues_block(const struct tr_issue *is, int n);

/* ---- translation memory (tm.c) ---- */

struct tmem;
struct tm_match {
	const char *source, *text; /* valid while the memory lives */
	int similarity;            /* percent, 100 exact */
};
struct tmem *tmem_new(void);
void tmem_free(struct tmem *tm);
/* Adds a pair (copied). */
void tmem_add(struct tmem *tm, const char *source, const char *text);
size_t tmem_size(const struct tmem *tm);
/* The best matches for source, at least min_similarity percent, best
 * first; the number written. */
int tmem_lookup(const struct tmem *tm, const char *source, int min_similarity, struct tm_match *out,
	      int max);
/* Similarity of two texts in percent, by words. */
int tmem_similarity(const char *a, const char *b);

/* The memory of approved pairs of English and lang (shipped, database
 * and interface translations), kept per language and made again when the
 * published texts change.  Lookups for the page, copied into buf as
 * (source, text, similarity) triples through fn. */
typedef void (*tm_found_fn)(void *ctx, const char *source, const char *text, int similarity);
int tr_memory_lookup(struct db *db, const char *lang, const char *source, int max,
		     tm_found_fn fn, void *ctx);
void tr_memory_free(void);

/* ---- exchange with translation tools (exchange.c) ---- */

enum tr_format { TR_PO, TR_XLIFF };
/* Writes the set in lang as a PO or XLIFF 2.0 file: every unit with its
 * id, state, note and comments.  0 or -1. */
int tr_export(struct db *db, const struct tr_set *s, const struct tr_lang *lang,
	      enum tr_format fmt, struct buf *out);

struct tr_import_result {
	int units, changed, unchanged, skipped;
	/* on failure: "line LINE: reason" in English; and for the page, the
	 * line, the unit ("ID: ", or ""), the reason's msgid (NULL: only err)
	 * and its {detail} */
	char err[400];
	int line;
	char unit[180];
	const char *msgid;
	char detail[200];
};
/* Reads a PO or XLIFF file (told apart by its content) and saves what
 * changed, as user (0: the command line, which may approve) who may
 * approve when may_approve; nothing is saved unless the whole file is
 * valid.  `allowed` says whether a language may be imported by this user
 * (NULL: any).  The caller owns the transaction.  0 or -1 with res->err. */
int tr_import(struct db *db, const char *data, size_t len, int64_t user, bool may_approve,
	      bool (*allowed)(void *ctx, const char *lang), void *actx,
	      void (*progress)(void *ctx, int done, int total), void *pctx,
	      struct tr_import_result *res);

#endif
