/*
 * svg.c: charts drawn on the server as SVG, put into pages as they are
 * (render.h).  Written by hand: a chart is a few lines and polygons, and
 * no Debian library draws SVG charts as text for a page.  Every label is
 * escaped; colours come from the page's style sheet (classes), since the
 * Content-Security-Policy forbids style attributes.
 */
#include "render/render.h"
#include "core/escape.h"
#include "core/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define R_OUT 120.0 /* the radius of the outer ring */
#define PAD_X 120.0 /* room for the labels beside it */
#define PAD_Y 50.0  /* and above and below it */
#define WRAP 14     /* a label longer than this (characters) takes two lines */

static void point(int i, int n, double r, double *x, double *y)
{
	/* the first axis straight up, then clockwise */
	double a = -M_PI / 2 + 2 * M_PI * i / n;
	*x = r * cos(a);
	*y = r * sin(a);
}

static void polygon(struct buf *out, const struct radar_axis *ax, int n, double max,
		    bool previous, const char *cls)
{
	buf_printf(out, "<polygon class=\"%s\" points=\"", cls);
	for (int i = 0; i < n; i++) {
		double v = previous ? ax[i].previous : ax[i].value;
		double x, y;
		point(i, n, R_OUT * (v > 0 ? v : 0) / max, &x, &y);
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	buf_puts(out, "\"/>");
}

int svg_radar(struct buf *out, const char *label, const struct radar_axis *ax, int n, int max,
	      bool with_previous)
{
	if (n < 3 || max < 1)
		return -1;
	/* direction ltr: the labels' anchors stay where they are on a page
	 * read right to left; a label's own letters still run their way */
	buf_printf(out,
		   "<svg class=\"radar\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\" "
		   "viewBox=\"%.0f %.0f %.0f %.0f\" role=\"img\" aria-label=\"",
		   -(R_OUT + PAD_X), -(R_OUT + PAD_Y), 2 * (R_OUT + PAD_X), 2 * (R_OUT + PAD_Y));
	html_escape(out, label, strlen(label));
	buf_puts(out, "\">");
	/* the rings, one a level, and the axes */
	for (int k = 1; k <= max; k++) {
		buf_puts(out, "<polygon class=\"radar-ring\" points=\"");
		for (int i = 0; i < n; i++) {
			double x, y;
			point(i, n, R_OUT * k / max, &x, &y);
			buf_printf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
		}
		buf_puts(out, "\"/>");
	}
	for (int i = 0; i < n; i++) {
		double x, y;
		point(i, n, R_OUT, &x, &y);
		buf_printf(out, "<line class=\"radar-axis\" x1=\"0\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\"/>",
			   x, y);
	}
	for (int k = 1; k <= max; k++)
		buf_printf(out, "<text class=\"radar-scale\" x=\"4\" y=\"%.1f\">%d</text>",
			   -R_OUT * k / max - 2, k);
	if (with_previous)
		polygon(out, ax, n, max, true, "radar-before");
	polygon(out, ax, n, max, false, "radar-now");
	/* the labels, outside the ring, anchored away from the centre; a long
	 * one on two lines, cut at the space nearest its middle */
	for (int i = 0; i < n; i++) {
		double x, y;
		point(i, n, R_OUT + 12, &x, &y);
		const char *anchor = fabs(x) < 1 ? "middle" : x > 0 ? "start" : "end";
		const char *l = ax[i].label;
		size_t len = strlen(l), cut = 0;
		if (utf8_chars(l) > WRAP)
			for (size_t k = 1; k < len; k++)
				if (l[k] == ' ' && (!cut || labs((long)k - (long)len / 2) <
							    labs((long)cut - (long)len / 2)))
					cut = k;
		int lines = cut ? 2 : 1;
		/* below the centre the text hangs from the point, above it stands on it */
		double y0 = y > 1 ? y + 12 : y < -1 ? y - 4 - 14 * (lines - 1) : y + 4 - 7 * (lines - 1);
		buf_printf(out, "<text class=\"radar-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
			   x, y0, anchor);
		if (cut) {
			html_escape(out, l, cut);
			buf_printf(out, "<tspan x=\"%.1f\" dy=\"14\">", x);
			html_escape(out, l + cut + 1, len - cut - 1);
			buf_puts(out, "</tspan>");
		} else {
			html_escape(out, l, len);
		}
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</svg>");
	return out->overflow ? -1 : 0;
}

/* ---- a Gantt chart ---- */

#define G_LABEL 250.0 /* the labels' column */
#define G_CHART 530.0 /* the time axis */
#define G_ROW 26.0
#define G_HEAD 30.0
#define G_LABEL_CHARS 34

/* The first character boundary at or before max characters. */
static size_t utf8_prefix(const char *s, size_t max_chars)
{
	size_t i = 0, chars = 0;
	while (s[i] && chars < max_chars) {
		i++;
		while ((s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	return i;
}

static double gx(int64_t t, int64_t t0, int64_t t1)
{
	return G_LABEL + G_CHART * (double)(t - t0) / (double)(t1 - t0);
}

int svg_gantt(struct buf *out, const char *label, const struct gantt_row *rows, int n,
	      int64_t today)
{
	if (n < 1)
		return -1;
	int64_t t0 = rows[0].start, t1 = rows[0].end;
	for (int i = 0; i < n; i++) {
		if (rows[i].start < t0)
			t0 = rows[i].start;
		if (rows[i].end > t1)
			t1 = rows[i].end;
	}
	/* from the first day of the first quarter to the end of the last */
	time_t tt = (time_t)t0;
	struct tm tm;
	gmtime_r(&tt, &tm);
	tm.tm_mon -= tm.tm_mon % 3;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	t0 = (int64_t)timegm(&tm);
	tt = (time_t)t1;
	gmtime_r(&tt, &tm);
	tm.tm_mon += 3 - tm.tm_mon % 3;
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	t1 = (int64_t)timegm(&tm);
	double h = G_HEAD + G_ROW * n + 6;
	buf_printf(out,
		   "<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\" "
		   "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
		   G_LABEL + G_CHART + 10, h);
	html_escape(out, label, strlen(label));
	buf_puts(out, "\">");
	/* a line and its date at each quarter */
	tt = (time_t)t0;
	gmtime_r(&tt, &tm);
	for (int q = 0; q < 400; q++) {
		struct tm m = tm;
		m.tm_mon += 3 * q;
		int64_t at = (int64_t)timegm(&m);
		if (at > t1)
			break;
		double x = gx(at, t0, t1);
		buf_printf(out, "<line class=\"gantt-grid\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\"/>",
			   x, G_HEAD - 6, x, h);
		/* a label a quarter while they fit, else a year */
		double width = G_CHART * (double)(90 * 86400) / (double)(t1 - t0);
		if (at < t1 && (width >= 52 || m.tm_mon % 12 == 0)) {
			char d[16];
			strftime(d, sizeof(d), "%Y-%m", &m);
			buf_printf(out, "<text class=\"gantt-date\" x=\"%.1f\" y=\"%.0f\">%s</text>",
				   x + 2, G_HEAD - 10, d);
		}
	}
	for (int i = 0; i < n; i++) {
		const struct gantt_row *r = &rows[i];
		double y = G_HEAD + G_ROW * i;
		size_t cut = utf8_prefix(r->label, G_LABEL_CHARS);
		buf_printf(out, "<text class=\"gantt-label\" x=\"4\" y=\"%.0f\">", y + 17);
		html_escape(out, r->label, cut);
		if (r->label[cut])
			buf_puts(out, "…");
		buf_puts(out, "</text>");
		double x0 = gx(r->start, t0, t1), x1 = gx(r->end + 86400, t0, t1);
		if (x1 - x0 < 2)
			x1 = x0 + 2;
		buf_printf(out, "<rect class=\"gantt-bar%s\" x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
				"height=\"14\"/>",
			   r->late ? " gantt-late" : "", x0, y + 6, x1 - x0);
		int p = r->progress < 0 ? 0 : r->progress > 100 ? 100 : r->progress;
		if (p)
			buf_printf(out, "<rect class=\"gantt-done\" x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" "
					"height=\"6\"/>",
				   x0, y + 10, (x1 - x0) * p / 100);
		for (int k = 0; k < r->nmilestones; k++) {
			double mx = gx(r->milestones[k], t0, t1);
			buf_printf(out, "<polygon class=\"gantt-milestone\" points=\"%.1f,%.0f %.1f,%.0f "
					"%.1f,%.0f %.1f,%.0f\"/>",
				   mx, y + 4, mx + 5, y + 13, mx, y + 22, mx - 5, y + 13);
		}
	}
	if (today >= t0 && today <= t1) {
		double x = gx(today, t0, t1);
		buf_printf(out, "<line class=\"gantt-today\" x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" "
				"y2=\"%.0f\"/>",
			   x, G_HEAD - 6, x, h);
	}
	buf_puts(out, "</svg>");
	return out->overflow ? -1 : 0;
}
