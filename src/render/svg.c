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
