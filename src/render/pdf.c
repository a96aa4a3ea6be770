/*
 * pdf.c: QR codes and certificates (render.h).
 *
 * Text is laid out by pango, which shapes Arabic (joined letters, right
 * to left) and picks a font that has each character through fontconfig:
 * Noto Sans, Noto Sans Arabic and Noto Sans CJK from Debian's fonts-noto
 * packages.  cairo writes the PDF with the fonts' subsets embedded and a
 * map back to Unicode, so the text can be searched and copied.
 */
#include "render/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned char *qr_modules(const char *text, int *side)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	size_t n = (size_t)q->width * (size_t)q->width;
	unsigned char *m = malloc(n);
	if (m) {
		for (size_t i = 0; i < n; i++)
			m[i] = q->data[i] & 1;
		*side = q->width;
	}
	QRcode_free(q);
	return m;
}

/* A4 landscape, in points */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 56.0

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	return buf_put(closure, data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_NO_MEMORY;
}

/* A PDF being drawn: its surface, context and a text layout in the
 * document's language and direction. */
struct doc {
	struct buf *out;
	cairo_surface_t *s;
	cairo_t *cr;
	PangoLayout *lay;
};

static void doc_open(struct doc *p, struct buf *out, double w, double h, const char *title,
		     const char *lang, bool rtl)
{
	p->out = out;
	p->s = cairo_pdf_surface_create_for_stream(to_buf, out, w, h);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATOR, "cophub");
	p->cr = cairo_create(p->s);
	p->lay = pango_cairo_create_layout(p->cr);
	PangoContext *pc = pango_layout_get_context(p->lay);
	pango_context_set_language(pc, pango_language_from_string(lang));
	pango_context_set_base_dir(pc, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	pango_layout_context_changed(p->lay);
}

/* Finishes the file: 0, or -1 with the reason in err. */
static int doc_close(struct doc *p, char *err, size_t errlen)
{
	g_object_unref(p->lay);
	cairo_status_t cs = cairo_status(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->s);
	cairo_status_t st = cairo_surface_status(p->s);
	cairo_surface_destroy(p->s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cs; /* drawing stopped by an error of the context */
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "the PDF cannot be written: %s", cairo_status_to_string(st));
		return -1;
	}
	/* cairo does not always pass on a failed write: a file cut short */
	if (p->out->overflow) {
		snprintf(err, errlen, "the PDF is larger than %zu bytes", p->out->max);
		return -1;
	}
	return 0;
}

/* Draws text centred across the page's width between the margins, its
 * top at y; returns the y below it. */
static double line(cairo_t *cr, PangoLayout *lay, const char *text, const char *font, double y,
		   double r, double g, double b)
{
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(lay, text, -1);
	int w, h;
	pango_layout_get_pixel_size(lay, &w, &h);
	cairo_set_source_rgb(cr, r, g, b);
	cairo_move_to(cr, MARGIN, y);
	pango_cairo_show_layout(cr, lay);
	return y + h;
}

int pdf_certificate(const struct cert_doc *d, struct buf *out, char *err, size_t errlen)
{
	int side = 0;
	unsigned char *qr = qr_modules(d->qr, &side);
	if (!qr) {
		snprintf(err, errlen, "the QR code cannot hold %zu bytes", strlen(d->qr));
		return -1;
	}
	struct doc doc;
	doc_open(&doc, out, PAGE_W, PAGE_H, d->title, d->lang, d->rtl);
	cairo_pdf_surface_set_metadata(doc.s, CAIRO_PDF_METADATA_SUBJECT, d->course);
	/* the signed payload, so the file alone can be checked */
	cairo_pdf_surface_set_metadata(doc.s, CAIRO_PDF_METADATA_KEYWORDS, d->payload);
	cairo_t *cr = doc.cr;
	PangoLayout *lay = doc.lay;

	/* a calm frame */
	cairo_set_source_rgb(cr, 0.05, 0.33, 0.38);
	cairo_set_line_width(cr, 6);
	cairo_rectangle(cr, 24, 24, PAGE_W - 48, PAGE_H - 48);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, 34, 34, PAGE_W - 68, PAGE_H - 68);
	cairo_stroke(cr);

	pango_layout_set_width(lay, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);

	const double ink = 0.12, brand_r = 0.05, brand_g = 0.33, brand_b = 0.38;
	double y = 70;
	y = line(cr, lay, d->title, "Noto Sans Bold 30", y, brand_r, brand_g, brand_b) + 24;
	y = line(cr, lay, d->intro, "Noto Sans 15", y, ink, ink, ink) + 10;
	y = line(cr, lay, d->name, "Noto Sans Bold 32", y, ink, ink, ink) + 10;
	y = line(cr, lay, d->outro, "Noto Sans 15", y, ink, ink, ink) + 8;
	y = line(cr, lay, d->course, "Noto Sans Bold 20", y, brand_r, brand_g, brand_b) + 22;
	y = line(cr, lay, d->date, "Noto Sans 13", y, ink, ink, ink) + 4;
	line(cr, lay, d->issuer, "Noto Sans 13", y, ink, ink, ink);

	/* the code and where to check it, at the foot; the QR code beside
	 * them, at the end of the line (left in right-to-left languages) */
	const double qr_side = 136, qr_y = PAGE_H - 48 - qr_side;
	const double qr_x = d->rtl ? 48 : PAGE_W - 48 - qr_side;
	pango_layout_set_width(lay, (int)((PAGE_W - 2 * MARGIN - qr_side - 24) * PANGO_SCALE));
	/* every line of the foot in the page's direction, against its start
	 * edge (a URL in an Arabic page stays at the right) */
	pango_layout_set_auto_dir(lay, FALSE);
	pango_layout_set_alignment(lay, d->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	double text_x = d->rtl ? 48 + qr_side + 24 : MARGIN;
	PangoFontDescription *fd = pango_font_description_from_string("Noto Sans 10");
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	char foot[1024];
	snprintf(foot, sizeof(foot), "%s\n%s", d->code, d->check);
	pango_layout_set_text(lay, foot, -1);
	int fw, fh;
	pango_layout_get_pixel_size(lay, &fw, &fh);
	cairo_set_source_rgb(cr, ink, ink, ink);
	cairo_move_to(cr, text_x, qr_y + qr_side - fh);
	pango_cairo_show_layout(cr, lay);

	/* the QR code, with its quiet zone of 4 modules inside qr_side */
	double mod = qr_side / (side + 8);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, qr_x, qr_y, qr_side, qr_side);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < side; r++)
		for (int c = 0; c < side; c++)
			if (qr[r * side + c])
				cairo_rectangle(cr, qr_x + (c + 4) * mod, qr_y + (r + 4) * mod, mod, mod);
	cairo_fill(cr);
	free(qr);
	cairo_show_page(cr);
	return doc_close(&doc, err, errlen);
}

/* A4 portrait, in points */
#define SHEET_W 595.28
#define SHEET_H 841.89
#define SHEET_ROW 30.0

/* Writes text in a box of width w at (x, y), in the layout's direction. */
static void cell(cairo_t *cr, PangoLayout *lay, const char *text, double x, double y, double w)
{
	pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(lay, text, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
}

static void font(PangoLayout *lay, const char *desc)
{
	PangoFontDescription *fd = pango_font_description_from_string(desc);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
}

int pdf_sign_in_sheet(const struct sheet_doc *d, struct buf *out, char *err, size_t errlen)
{
	struct doc doc;
	doc_open(&doc, out, SHEET_W, SHEET_H, d->title, d->lang, d->rtl);
	cairo_t *cr = doc.cr;
	PangoLayout *lay = doc.lay;
	pango_layout_set_auto_dir(lay, FALSE);
	pango_layout_set_alignment(lay, d->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

	const double left = 40, width = SHEET_W - 80;
	/* the columns, from the start edge: number, username, name, signature */
	const double colw[4] = {30, 130, 170, width - 330};
	int rows = d->nusers + d->blank, row = 0;
	do {
		double y = 40;
		cairo_set_source_rgb(cr, 0.05, 0.33, 0.38);
		font(lay, "Noto Sans Bold 16");
		cell(cr, lay, d->title, left, y, width);
		y += 28;
		cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
		font(lay, "Noto Sans 10");
		char head[1024];
		snprintf(head, sizeof(head), "%s · %s · %s", d->when, d->where, d->trainer);
		cell(cr, lay, head, left, y, width);
		y += 26;
		font(lay, "Noto Sans Bold 10");
		const char *heads[4] = {d->col_n, d->col_user, d->col_name, d->col_sign};
		double x = d->rtl ? left + width : left;
		for (int c = 0; c < 4; c++) {
			double cx = d->rtl ? x - colw[c] : x;
			cell(cr, lay, heads[c], cx + 4, y, colw[c] - 8);
			x = d->rtl ? x - colw[c] : x + colw[c];
		}
		y += 18;
		font(lay, "Noto Sans 10");
		cairo_set_line_width(cr, 0.6);
		while (row < rows && y + SHEET_ROW < SHEET_H - 40) {
			char n[16];
			snprintf(n, sizeof(n), "%d", row + 1);
			const char *vals[4] = {n, row < d->nusers ? d->users[row] : "", "", ""};
			x = d->rtl ? left + width : left;
			for (int c = 0; c < 4; c++) {
				double cx = d->rtl ? x - colw[c] : x;
				cairo_rectangle(cr, cx, y, colw[c], SHEET_ROW);
				cairo_stroke(cr);
				cell(cr, lay, vals[c], cx + 4, y + 8, colw[c] - 8);
				x = d->rtl ? x - colw[c] : x + colw[c];
			}
			y += SHEET_ROW;
			row++;
		}
		cairo_show_page(cr);
	} while (row < rows);
	return doc_close(&doc, err, errlen);
}

int pdf_checklist(const struct checklist_doc *d, struct buf *out, char *err, size_t errlen)
{
	struct doc doc;
	doc_open(&doc, out, SHEET_W, SHEET_H, d->title, d->lang, d->rtl);
	cairo_t *cr = doc.cr;
	PangoLayout *lay = doc.lay;
	pango_layout_set_auto_dir(lay, FALSE);
	pango_layout_set_alignment(lay, d->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);

	const double left = 50, width = SHEET_W - 100, box = 11, indent = 22, bottom = SHEET_H - 50;
	double y = 50;
	int w, h;
	/* the head: title, where we are, the notice */
	cairo_set_source_rgb(cr, 0.05, 0.33, 0.38);
	font(lay, "Noto Sans Bold 16");
	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_text(lay, d->title, -1);
	pango_layout_get_pixel_size(lay, &w, &h);
	cairo_move_to(cr, left, y);
	pango_cairo_show_layout(cr, lay);
	y += h + 6;
	cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
	font(lay, "Noto Sans 10");
	const char *head[2] = {d->subtitle, d->notice};
	for (int i = 0; i < 2; i++) {
		pango_layout_set_text(lay, head[i], -1);
		pango_layout_get_pixel_size(lay, &w, &h);
		cairo_move_to(cr, left, y);
		pango_cairo_show_layout(cr, lay);
		y += h + 4;
	}
	y += 10;
	for (int i = 0; i < d->nlines; i++) {
		const struct checklist_line *ln = &d->lines[i];
		double tw = ln->heading ? width : width - indent;
		font(lay, ln->heading ? "Noto Sans Bold 11" : "Noto Sans 10");
		pango_layout_set_width(lay, (int)(tw * PANGO_SCALE));
		char text[2048];
		if (ln->heading || !ln->id)
			snprintf(text, sizeof(text), "%s", ln->text);
		else
			snprintf(text, sizeof(text), "%s  (%s)", ln->text, ln->id);
		pango_layout_set_text(lay, text, -1);
		pango_layout_get_pixel_size(lay, &w, &h);
		if (y + h > bottom) {
			cairo_show_page(cr);
			y = 50;
		}
		double tx = ln->heading || d->rtl ? left : left + indent;
		cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
		cairo_move_to(cr, tx, y);
		pango_cairo_show_layout(cr, lay);
		if (!ln->heading) {
			/* the box, at the start edge, ticked or empty */
			double bx = d->rtl ? left + width - box : left, by = y + 2;
			cairo_set_line_width(cr, 1);
			cairo_rectangle(cr, bx, by, box, box);
			cairo_stroke(cr);
			if (ln->ticked) {
				cairo_set_source_rgb(cr, 0.05, 0.45, 0.25);
				cairo_set_line_width(cr, 2);
				cairo_move_to(cr, bx + 2, by + box / 2);
				cairo_line_to(cr, bx + box / 2 - 1, by + box - 2);
				cairo_line_to(cr, bx + box - 1, by + 1);
				cairo_stroke(cr);
			}
		}
		y += h + (ln->heading ? 6 : 8);
	}
	cairo_show_page(cr);
	return doc_close(&doc, err, errlen);
}

/* ---- a set of guidelines as a book ---- */

#define BOOK_TOP 56.0
#define BOOK_BOTTOM (SHEET_H - 64.0)
#define BOOK_LEFT 60.0
#define BOOK_WIDTH (SHEET_W - 120.0)

/* Where the book's flow is: the same code measures (draw false: the page
 * of each chapter and the number of pages) and then draws. */
struct pen {
	struct doc *doc;
	const struct book_doc *d;
	bool draw;
	double y;
	int page;  /* 1 is the cover */
	int total; /* known when drawing */
};

static char *fill_page(const char *fmt, int n, int total)
{
	char ns[16], ts[16];
	snprintf(ns, sizeof(ns), "%d", n);
	snprintf(ts, sizeof(ts), "%d", total);
	GString *g = g_string_new(NULL);
	for (const char *p = fmt; *p; p++) {
		if (strncmp(p, "{n}", 3) == 0) {
			g_string_append(g, ns);
			p += 2;
		} else if (strncmp(p, "{total}", 7) == 0) {
			g_string_append(g, ts);
			p += 6;
		} else {
			g_string_append_c(g, *p);
		}
	}
	return g_string_free(g, FALSE);
}

/* The page's foot: the book's title and the page's number. */
static void foot(struct pen *p)
{
	if (!p->draw || p->page < 2)
		return;
	PangoLayout *lay = p->doc->lay;
	char *num = fill_page(p->d->page, p->page, p->total);
	char *text = g_strdup_printf("%s · %s", p->d->title, num);
	font(lay, "Noto Sans 8");
	pango_layout_set_width(lay, (int)(BOOK_WIDTH * PANGO_SCALE));
	pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
	pango_layout_set_attributes(lay, NULL);
	pango_layout_set_text(lay, text, -1);
	cairo_set_source_rgb(p->doc->cr, 0.35, 0.35, 0.35);
	cairo_move_to(p->doc->cr, BOOK_LEFT, SHEET_H - 44);
	pango_cairo_show_layout(p->doc->cr, lay);
	pango_layout_set_alignment(lay, p->d->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	g_free(text);
	g_free(num);
}

static void new_page(struct pen *p)
{
	foot(p);
	if (p->draw)
		cairo_show_page(p->doc->cr);
	p->page++;
	p->y = BOOK_TOP;
}

/* A block of text (Pango markup when markup) at indent from the start
 * edge, on a new page when less than keep points are left below it;
 * returns its height. */
static double block(struct pen *p, const char *text, bool markup, const char *fontdesc,
		    double indent, double keep, double after, double r, double g, double b)
{
	PangoLayout *lay = p->doc->lay;
	font(lay, fontdesc);
	pango_layout_set_width(lay, (int)((BOOK_WIDTH - indent) * PANGO_SCALE));
	/* set_text keeps the attributes of the last markup: dropped first */
	pango_layout_set_attributes(lay, NULL);
	if (markup)
		pango_layout_set_markup(lay, text, -1);
	else
		pango_layout_set_text(lay, text, -1);
	int w, h;
	pango_layout_get_pixel_size(lay, &w, &h);
	if (p->y > BOOK_TOP && p->y + h + keep > BOOK_BOTTOM)
		new_page(p);
	if (p->draw) {
		cairo_set_source_rgb(p->doc->cr, r, g, b);
		cairo_move_to(p->doc->cr, p->d->rtl ? BOOK_LEFT : BOOK_LEFT + indent, p->y);
		pango_cairo_show_layout(p->doc->cr, lay);
	}
	p->y += h + after;
	return h;
}

static void cover(struct pen *p)
{
	const struct book_doc *d = p->d;
	if (p->draw) {
		cairo_set_source_rgb(p->doc->cr, 0.05, 0.33, 0.38);
		cairo_rectangle(p->doc->cr, 0, 0, SHEET_W, 250);
		cairo_fill(p->doc->cr);
	}
	p->y = 110;
	block(p, d->title, false, "Noto Sans Bold 26", 0, 0, 40, 1, 1, 1);
	p->y = 290;
	block(p, d->summary, false, "Noto Sans 13", 0, 0, 24, 0.12, 0.12, 0.12);
	block(p, d->notice, false, "Noto Sans 10", 0, 0, 24, 0.3, 0.3, 0.3);
	p->y = BOOK_BOTTOM - 20;
	block(p, d->edition, false, "Noto Sans 10", 0, 0, 0, 0.3, 0.3, 0.3);
	new_page(p);
}

/* The contents: each chapter and its sections with their pages (known
 * when drawing; the measuring pass leaves room for them). */
static void contents(struct pen *p, const int *chapter_page, const int *section_page)
{
	const struct book_doc *d = p->d;
	block(p, d->contents, false, "Noto Sans Bold 18", 0, 0, 14, 0.05, 0.33, 0.38);
	int k = 0;
	for (int c = 0; c < d->nchapters; c++) {
		const struct book_chapter *ch = &d->chapters[c];
		char *t = g_markup_printf_escaped("<b>%d. %s</b>\t%d", c + 1, ch->title,
						  chapter_page ? chapter_page[c] : 0);
		block(p, t, true, "Noto Sans 11", 0, 20, 4, 0.12, 0.12, 0.12);
		g_free(t);
		for (int x = 0; x < ch->nsections; x++, k++) {
			t = g_markup_printf_escaped("%s\t%d", ch->sections[x].title,
						    section_page ? section_page[k] : 0);
			block(p, t, true, "Noto Sans 10", 18, 0, 3, 0.2, 0.2, 0.2);
			g_free(t);
		}
		p->y += 6;
	}
	new_page(p);
}

static void body(struct pen *p, int *chapter_page, int *section_page)
{
	const struct book_doc *d = p->d;
	int k = 0;
	for (int c = 0; c < d->nchapters; c++) {
		const struct book_chapter *ch = &d->chapters[c];
		if (c > 0)
			new_page(p);
		chapter_page[c] = p->page;
		char *t = g_strdup_printf("%d. %s", c + 1, ch->title);
		block(p, t, false, "Noto Sans Bold 18", 0, 60, 10, 0.05, 0.33, 0.38);
		g_free(t);
		block(p, ch->intro, false, "Noto Sans 11", 0, 0, 14, 0.12, 0.12, 0.12);
		for (int x = 0; x < ch->nsections; x++, k++) {
			const struct book_section *sec = &ch->sections[x];
			/* a heading stays with the start of what follows it */
			block(p, sec->title, false, "Noto Sans Bold 13", 0, 50, 6, 0.05, 0.33,
			      0.38);
			section_page[k] = p->page;
			if (sec->text)
				block(p, sec->text, false, "Noto Sans 10.5", 0, 0, 8, 0.12, 0.12, 0.12);
			for (int i = 0; i < sec->nitems; i++) {
				t = g_markup_printf_escaped(
					"<b>%d.</b> %s  <span size=\"small\" foreground=\"#666666\" "
					"allow_breaks=\"false\">%s</span>",
					i + 1, sec->items[i].text, sec->items[i].id);
				block(p, t, true, "Noto Sans 10.5", 14, 0, 6, 0.12, 0.12, 0.12);
				g_free(t);
			}
			p->y += 8;
		}
	}
	new_page(p);
}

int pdf_book(const struct book_doc *d, struct buf *out, char *err, size_t errlen)
{
	int nsec = 0;
	for (int c = 0; c < d->nchapters; c++)
		nsec += d->chapters[c].nsections;
	int *chapter_page = g_new0(int, d->nchapters + 1);
	int *section_page = g_new0(int, nsec + 1);
	struct doc doc;
	doc_open(&doc, out, SHEET_W, SHEET_H, d->title, d->lang, d->rtl);
	pango_layout_set_auto_dir(doc.lay, FALSE);
	pango_layout_set_alignment(doc.lay, d->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_wrap(doc.lay, PANGO_WRAP_WORD);
	/* the contents' page numbers at the end edge: a tab stop there */
	PangoTabArray *tabs = pango_tab_array_new_with_positions(1, TRUE, PANGO_TAB_LEFT,
								 (int)(BOOK_WIDTH - 40));
	pango_layout_set_tabs(doc.lay, tabs);
	pango_tab_array_free(tabs);
	/* measure: where each chapter and section starts, and the pages */
	struct pen p = {.doc = &doc, .d = d, .draw = false, .y = BOOK_TOP, .page = 1};
	cover(&p);
	contents(&p, NULL, NULL);
	body(&p, chapter_page, section_page);
	/* draw */
	struct pen q = {.doc = &doc, .d = d, .draw = true, .y = BOOK_TOP, .page = 1,
			.total = p.page - 1};
	cover(&q);
	contents(&q, chapter_page, section_page);
	int *again_c = g_new0(int, d->nchapters + 1), *again_s = g_new0(int, nsec + 1);
	body(&q, again_c, again_s);
	g_free(again_c);
	g_free(again_s);
	g_free(chapter_page);
	g_free(section_page);
	return doc_close(&doc, err, errlen);
}

void render_free(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
