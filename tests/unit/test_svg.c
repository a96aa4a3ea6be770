/*
 * test_svg.c: the radar chart drawn as SVG (render.h): its shapes, its
 * labels escaped and cut in two when long, and the refusals.
 */
#include "unit.h"

#include "render/render.h"

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static void test_radar(void **state)
{
	(void)state;
	struct radar_axis ax[] = {
		{"Law & <b>", 2.0, 1.0}, {"Criminal justice", 4.0, 4.0},
		{"Victim support", 0.0, 1.0},	      {"Society", 1.5, 0.0},
		{"Industry", 3.0, 2.0},	      {"Media and communications", 2.0, 3.0},
	};
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_int_equal(svg_radar(&b, "Levels \"now\"", ax, 6, 4, true), 0);
	buf_putc(&b, '\0');
	const char *s = b.data;
	assert_true(strncmp(s, "<svg class=\"radar\"", 18) == 0);
	assert_non_null(strstr(s, "aria-label=\"Levels &quot;now&quot;\""));
	/* four rings, six axes, the two series */
	assert_int_equal(count(s, "class=\"radar-ring\""), 4);
	assert_int_equal(count(s, "class=\"radar-axis\""), 6);
	assert_int_equal(count(s, "class=\"radar-now\""), 1);
	assert_int_equal(count(s, "class=\"radar-before\""), 1);
	/* the first axis straight up: the value 2 of 4 is half the radius */
	assert_non_null(strstr(s, "class=\"radar-now\" points=\"0.0,-60.0 "));
	/* labels escaped; a long one on two lines */
	assert_non_null(strstr(s, ">Law &amp; &lt;b&gt;<"));
	assert_non_null(strstr(s, ">Media and<tspan"));
	assert_non_null(strstr(s, ">communications</tspan>"));
	assert_null(strstr(s, "<b>"));
	buf_free(&b);

	/* without the earlier series; fewer than three axes; no room */
	buf_init(&b, 1 << 16);
	assert_int_equal(svg_radar(&b, "x", ax, 3, 4, false), 0);
	buf_putc(&b, '\0');
	assert_null(strstr(b.data, "radar-before"));
	buf_free(&b);
	buf_init(&b, 1 << 16);
	assert_int_equal(svg_radar(&b, "x", ax, 2, 4, false), -1);
	buf_free(&b);
	buf_init(&b, 64);
	assert_int_equal(svg_radar(&b, "x", ax, 6, 4, false), -1);
	buf_free(&b);
}

static void test_gantt(void **state)
{
	(void)state;
	/* 2026-01-01 to 2026-03-31, and 2026-04-01 to 2026-12-31, late */
	int64_t ms[] = {1782864000}; /* 2026-07-01 */
	struct gantt_row rows[] = {
		{"A short one", 1767225600, 1774915200, 100, false, NULL, 0},
		{"An action whose title is much too long to fit in the column", 1775001600,
		 1798675200, 40, true, ms, 1},
	};
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_int_equal(svg_gantt(&b, "Plan & timeline", rows, 2, 1780000000), 0);
	buf_putc(&b, '\0');
	const char *s = b.data;
	assert_non_null(strstr(s, "aria-label=\"Plan &amp; timeline\""));
	assert_int_equal(count(s, "class=\"gantt-bar"), 2);
	assert_int_equal(count(s, "class=\"gantt-bar gantt-late\""), 1);
	assert_int_equal(count(s, "class=\"gantt-done\""), 2);
	assert_int_equal(count(s, "class=\"gantt-milestone\""), 1);
	assert_int_equal(count(s, "class=\"gantt-today\""), 1);
	/* quarters from 2026-01 to 2027-01 */
	assert_non_null(strstr(s, ">2026-01<"));
	assert_non_null(strstr(s, ">2026-10<"));
	/* the long label cut, with an ellipsis */
	assert_non_null(strstr(s, ">An action whose title is much too …<"));
	buf_free(&b);
	/* today outside the range: no line; no rows: refused */
	buf_init(&b, 1 << 16);
	assert_int_equal(svg_gantt(&b, "x", rows, 2, 1900000000), 0);
	buf_putc(&b, '\0');
	assert_null(strstr(b.data, "gantt-today"));
	buf_free(&b);
	buf_init(&b, 1 << 16);
	assert_int_equal(svg_gantt(&b, "x", rows, 0, 0), -1);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_radar),
		cmocka_unit_test(test_gantt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
