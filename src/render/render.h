/*
 * render.h: documents drawn on the server: QR codes (libqrencode) and
 * certificates as PDF (cairo and pango, so that Arabic is joined and
 * right to left and Chinese is found in the Noto fonts).
 */
#ifndef COPHUB_RENDER_H
#define COPHUB_RENDER_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* The QR code of text, error correction level M: *side modules a side,
 * row by row, 1 for dark; NULL when text does not fit.  Free with free(). */
unsigned char *qr_modules(const char *text, int *side);

/* A certificate, every text already in its language. */
struct cert_doc {
	const char *lang;    /* "ar", "zh", ... : picks the fonts' forms */
	bool rtl;
	const char *title;   /* "Certificate of completion" */
	const char *intro;   /* "This certifies that" */
	const char *name;    /* the holder's name as they typed it */
	const char *outro;   /* "has completed the course" */
	const char *course;
	const char *date;    /* the date, written for the reader */
	const char *issuer;
	const char *code;    /* "Verification code: K7QF-2M9X" */
	const char *check;   /* where to check it: "https://.../verify/K7QF-2M9X" */
	const char *qr;      /* what the QR code holds */
	const char *payload; /* the signed payload, kept in the file too */
};

/* Draws d as a one-page A4 landscape PDF into out: 0, or -1 with the
 * reason in err. */
int pdf_certificate(const struct cert_doc *d, struct buf *out, char *err, size_t errlen);

/* A sign-in sheet for a training, every text already in its language. */
struct sheet_doc {
	const char *lang;
	bool rtl;
	const char *title;      /* the training's title */
	const char *when;       /* its date and times */
	const char *where;      /* its place or link */
	const char *trainer;    /* "Trainer: ..." */
	const char *col_n, *col_user, *col_name, *col_sign; /* column heads */
	const char *const *users; /* the registered participants' usernames */
	int nusers;
	int blank;              /* empty rows added for people who come anyway */
};

/* Draws the sheet as A4 portrait pages (as many as the rows need) into
 * out: 0, or -1 with the reason in err. */
int pdf_sign_in_sheet(const struct sheet_doc *d, struct buf *out, char *err, size_t errlen);

/* A reader's checklist: each line a heading (level 1) or an item, ticked
 * or not; every text already in its language. */
struct checklist_line {
	const char *text;
	const char *id; /* for items: its id, printed small */
	bool heading;
	bool ticked;
};

struct checklist_doc {
	const char *lang;
	bool rtl;
	const char *title;    /* "Checklist: Guidelines for parents, ..." */
	const char *subtitle; /* "12 of 19 done · 2026-12-01" */
	const char *notice;   /* where the official text is */
	const struct checklist_line *lines;
	int nlines;
};

/* Draws the checklist as A4 portrait pages into out: 0, or -1 with the
 * reason in err. */
int pdf_checklist(const struct checklist_doc *d, struct buf *out, char *err, size_t errlen);

/* A set of guidelines as a book: every text already in its language (or
 * the English where no translation is approved). */
struct book_item {
	const char *id;   /* printed small after the text */
	const char *text;
};
struct book_section {
	const char *title;
	const char *text; /* or NULL */
	const struct book_item *items;
	int nitems;
};
struct book_chapter {
	const char *title;
	const char *intro;
	const struct book_section *sections;
	int nsections;
};
struct book_doc {
	const char *lang;
	bool rtl;
	const char *title;    /* the set's title */
	const char *summary;  /* the set's summary, on the cover */
	const char *notice;   /* that it is a summary, where the official text is */
	const char *edition;  /* "Kiswahili · cophub · 2026-12-01" */
	const char *contents; /* "Contents" */
	const char *page;     /* "Page {n} of {total}" */
	const struct book_chapter *chapters;
	int nchapters;
};
/* Draws the book as A4 portrait pages into out: a cover, the contents
 * with page numbers, a chapter from a new page each, every page but the
 * cover numbered.  0, or -1 with the reason in err. */
int pdf_book(const struct book_doc *d, struct buf *out, char *err, size_t errlen);
/* Gives back what fontconfig, pango and cairo keep for the life of the
 * process (the fonts found, their caches), at its end, so that leak
 * checks see only leaks. */
void render_free(void);

/* A radar chart: an axis for each of n (3 or more), its label and value
 * from 0 to max (0: nothing to show), and the value of an earlier
 * measure drawn beneath when with_previous.  Appends the SVG to out;
 * label names the chart for screen readers.  0, or -1 (n below 3, or out
 * full). */
struct radar_axis {
	const char *label;
	double value, previous;
};
int svg_radar(struct buf *out, const char *label, const struct radar_axis *ax, int n, int max,
	      bool with_previous);

/* A Gantt chart: a row a task, its label (cut to fit), first and last
 * day (seconds at 00:00 UTC), progress in percent, whether it is late, and
 * its milestones' days; quarters marked along the top, today as a line
 * when it falls within.  Appends the SVG to out; label names the chart for
 * screen readers.  0, or -1 (no row, or out full). */
#include <stdint.h>
struct gantt_row {
	const char *label;
	int64_t start, end;
	int progress;
	bool late;
	const int64_t *milestones;
	int nmilestones;
};
int svg_gantt(struct buf *out, const char *label, const struct gantt_row *rows, int n,
	      int64_t today);

#endif
