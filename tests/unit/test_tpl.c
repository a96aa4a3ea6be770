/*
 * test_tpl.c: web/tpl.h, the HTML templates with escaping by context.
 * Rendering: escaping in text and quoted attributes, URL attributes (an
 * unsafe scheme at the start becomes "#", a value inside a URL is
 * percent-encoded), {{raw:}}, _() and n_() with the English catalog,
 * #if/#else/#unless/#each with `this` and outer-scope lookup, includes.
 * Compiling: every refused place and malformed tag gives "NAME:LINE:
 * reason" with the right line; tpl_check refuses a missing include; the
 * real templates/ folder compiles.
 */
#include "unit.h"

#include "core/buf.h"
#include "web/tpl.h"

#include <jansson.h>

#define OUT_MAX (1u << 16)

/* Renders template `name` of set with data; the result is malloc'd. */
static char *render_set(struct tpl_set *set, const char *name, json_t *data)
{
	struct buf out;
	buf_init(&out, OUT_MAX);
	if (tpl_render(set, name, data, NULL, &out) < 0)
		fail_msg("rendering \"%s\" failed", name);
	return buf_steal(&out, NULL);
}

/* Compiles text as "t", renders it with data (JSON text, or NULL for
 * {}) and compares with want. */
static void check_render_json(const char *text, json_t *data, const char *want)
{
	char err[512] = "";
	struct tpl_set *set = tpl_set_new();
	if (tpl_add(set, "t", text, strlen(text), err, sizeof(err)) < 0)
		fail_msg("template %s does not compile: %s", text, err);
	char *got = render_set(set, "t", data);
	if (strcmp(got, want) != 0)
		fail_msg("template %s\n  rendered \"%s\"\n  expected \"%s\"", text, got, want);
	free(got);
	tpl_set_free(set);
}

static void check_render(const char *text, const char *json, const char *want)
{
	json_error_t je;
	json_t *data = json_loads(json ? json : "{}", 0, &je);
	if (!data)
		fail_msg("bad JSON in the test: %s", je.text);
	check_render_json(text, data, want);
	json_decref(data);
}

/* Renders text with {"x": x}. */
static void check_x(const char *text, const char *x, const char *want)
{
	json_t *data = json_pack("{s:s}", "x", x);
	check_render_json(text, data, want);
	json_decref(data);
}

/* ---- escaping ------------------------------------------------------------ */

static void test_escape_text_and_attributes(void **state)
{
	(void)state;
	static const struct {
		const char *tpl, *x, *want;
	} cases[] = {
		{"<p>{{x}}</p>", "<>&\"'", "<p>&lt;&gt;&amp;&quot;&#39;</p>"},
		{"<p>{{ x }}</p>", "a<b", "<p>a&lt;b</p>"},
		{"<p>{{x}}</p>", "caf\xc3\xa9 \xe2\x82\xac", "<p>caf\xc3\xa9 \xe2\x82\xac</p>"},
		{"<p>{{x}}</p>", "&amp;", "<p>&amp;amp;</p>"},
		{"<input value=\"{{x}}\">", "\" autofocus onfocus=\"alert(1)",
		 "<input value=\"&quot; autofocus onfocus=&quot;alert(1)\">"},
		{"<input value='{{x}}'>", "' onfocus='x", "<input value='&#39; onfocus=&#39;x'>"},
		{"<input  value = \"{{x}}\">", "<b>", "<input  value = \"&lt;b&gt;\">"},
		{"<a title=\"{{x}}\">", "javascript:alert(1)",
		 "<a title=\"javascript:alert(1)\">"}, /* not a URL attribute */
		{"<textarea>{{x}}</textarea>", "</textarea><script>",
		 "<textarea>&lt;/textarea&gt;&lt;script&gt;</textarea>"},
		{"<script src=\"/a.js\"></script><p>{{x}}</p>", "<i>",
		 "<script src=\"/a.js\"></script><p>&lt;i&gt;</p>"},
		{"<style>p{color:red}</style>{{x}}", "<", "<style>p{color:red}</style>&lt;"},
		{"<!DOCTYPE html><!-- c --><p>{{x}}</p>", "&",
		 "<!DOCTYPE html><!-- c --><p>&amp;</p>"},
		{"<div>{{raw: x}}</div>", "<b>bold</b> & co", "<div><b>bold</b> & co</div>"},
		{"{{raw:x}}", "<i>", "<i>"},
		{"a{{! a comment }}b", "", "ab"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_x(cases[i].tpl, cases[i].x, cases[i].want);
}

static void test_value_types(void **state)
{
	(void)state;
	const char *data = "{\"i\": -42, \"r\": 1.5, \"t\": true, \"f\": false, \"n\": null,"
			   " \"o\": {\"k\": 1}, \"a\": [1], \"raw\": 7}";
	check_render("[{{i}}|{{r}}|{{t}}|{{f}}|{{n}}|{{o}}|{{a}}|{{missing}}|{{o.k}}|{{o.x.y}}]",
		     data, "[-42|1.5|true|false|||||1|]");
	/* raw: takes strings only */
	check_render("[{{raw: raw}}]", data, "[]");
}

/* ---- URL attributes ------------------------------------------------------ */

static void test_url_start(void **state)
{
	(void)state;
	static const struct {
		const char *url, *want;
	} cases[] = {
		{"javascript:alert(1)", "#"},
		{"JaVaScRiPt:alert(1)", "#"},
		{" javascript:alert(1)", "#"},
		{"java\tscript:alert(1)", "#"},
		{"java\nscript:alert(1)", "#"},
		{"\x01javascript:alert(1)", "#"},
		{"data:text/html;base64,PHNjcmlwdD4=", "#"},
		{"vbscript:msgbox(1)", "#"},
		{"file:///etc/passwd", "#"},
		{"javascript&colon;x:y", "#"},
		{"/search?q=a b", "#"},	/* blanks are refused anywhere */
		{"http://example.com/a?b=1&c=2", "http://example.com/a?b=1&amp;c=2"},
		{"https://example.com/", "https://example.com/"},
		{"HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/"},
		{"mailto:a@example.com", "mailto:a@example.com"},
		{"tel:+33123456789", "tel:+33123456789"},
		{"/x", "/x"},
		{"?a=b", "?a=b"},
		{"#frag", "#frag"},
		{"page.html", "page.html"},
		{"a/b:c", "a/b:c"},	/* the colon comes after a slash: a path */
		{"/a\"b<c", "/a&quot;b&lt;c"},
		{"", ""},
	};
	static const char *const templates[][2] = {
		{"<a href=\"{{x}}\">", "<a href=\"%s\">"},
		{"<a href='{{x}}'>", "<a href='%s'>"},
		{"<a class=\"c\" HREF=\"{{x}}\">", "<a class=\"c\" HREF=\"%s\">"},
		{"<img alt=\"\" src=\"{{x}}\">", "<img alt=\"\" src=\"%s\">"},
		{"<form action=\"{{x}}\">", "<form action=\"%s\">"},
		{"<button formaction=\"{{x}}\">", "<button formaction=\"%s\">"},
	};
	for (size_t t = 0; t < sizeof(templates) / sizeof(templates[0]); t++) {
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			char want[256];
			snprintf(want, sizeof(want), templates[t][1], cases[i].want);
			check_x(templates[t][0], cases[i].url, want);
		}
	}
}

static void test_url_part(void **state)
{
	(void)state;
	static const struct {
		const char *x, *want;
	} cases[] = {
		{"a b/c?d", "<a href=\"/users/a%20b%2Fc%3Fd\">"},
		{"javascript:alert(1)", "<a href=\"/users/javascript%3Aalert%281%29\">"},
		{"caf\xc3\xa9", "<a href=\"/users/caf%C3%A9\">"},
		{"a&b\"<'#", "<a href=\"/users/a%26b%22%3C%27%23\">"},
		{"-._~AZaz09", "<a href=\"/users/-._~AZaz09\">"},
		{"", "<a href=\"/users/\">"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_x("<a href=\"/users/{{x}}\">", cases[i].x, cases[i].want);

	/* a second value in the same URL is a part too; numbers work */
	check_render("<a href=\"{{base}}{{id}}?q={{q}}\">",
		     "{\"base\": \"javascript:x\", \"id\": 42, \"q\": \"a&b\"}",
		     "<a href=\"#42?q=a%26b\">");
	check_render("<a href=\"/c/{{cc}}/users/{{id}}/edit\">", "{\"cc\": \"fr\", \"id\": 7}",
		     "<a href=\"/c/fr/users/7/edit\">");
}

/* ---- messages ------------------------------------------------------------ */

static void test_messages_english(void **state)
{
	(void)state;
	static const struct {
		const char *tpl, *json, *want;
	} cases[] = {
		{"<p>{{ _(\"Sign in\") }}</p>", NULL, "<p>Sign in</p>"},
		{"{{_(\"Hello, {name}\", name=user.name)}}", "{\"user\": {\"name\": \"<b>Ann</b>\"}}",
		 "Hello, &lt;b&gt;Ann&lt;/b&gt;"},
		{"{{_(\"Tom & {who}\", who=x)}}", "{\"x\": \"Jerry\"}", "Tom &amp; Jerry"},
		{"{{_(\"say \\\"hi\\\"\")}}", NULL, "say &quot;hi&quot;"},
		{"{{_(\"{a}{b}!\", a=x, b=y)}}", "{\"x\": \"1\", \"y\": \"<2>\"}", "1&lt;2&gt;!"},
		{"{{_(\"{other} and {a}\", a=x)}}", "{\"x\": \"A\"}", "{other} and A"},
		{"{{_(\"{ a } {} {a\", a=x)}}", "{\"x\": \"A\"}", "{ a } {} {a"},
		{"{{_(\"{n} left\", n=count)}}", "{\"count\": 3}", "3 left"},
		{"{{_(\"Hi {name}\", name=missing)}}", NULL, "Hi "},
		{"<input placeholder=\"{{_(\"Name of {who}\", who=x)}}\">", "{\"x\": \"\\\"><script>\"}",
		 "<input placeholder=\"Name of &quot;&gt;&lt;script&gt;\">"},
		/* n_: the English rule, {n} is the count */
		{"{{n_(\"{n} user\", \"{n} users\", count)}}", "{\"count\": 1}", "1 user"},
		{"{{n_(\"{n} user\", \"{n} users\", count)}}", "{\"count\": 0}", "0 users"},
		{"{{n_(\"{n} user\", \"{n} users\", count)}}", "{\"count\": 2}", "2 users"},
		{"{{n_(\"{n} user\", \"{n} users\", count)}}", "{\"count\": 21}", "21 users"},
		{"{{ n_( \"{n} file in {dir}\" , \"{n} files in {dir}\" , c , dir=d ) }}",
		 "{\"c\": 3, \"d\": \"<tmp>\"}", "3 files in &lt;tmp&gt;"},
		{"{{n_(\"one\", \"many\", count)}}", "{\"count\": -9223372036854775808}", "many"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_render(cases[i].tpl, cases[i].json, cases[i].want);
}

/* ---- blocks -------------------------------------------------------------- */

static void test_if_truthiness(void **state)
{
	(void)state;
	static const struct {
		const char *value;
		const char *want;
	} cases[] = {
		{"true", "yes"}, {"false", "no"}, {"null", "no"},  {"0", "no"},
		{"1", "yes"},	 {"-1", "yes"},	  {"0.0", "no"},   {"0.5", "yes"},
		{"\"\"", "no"},	 {"\"0\"", "yes"}, {"[]", "no"},   {"[0]", "yes"},
		{"{}", "no"},	 {"{\"k\": 0}", "yes"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char json[64];
		snprintf(json, sizeof(json), "{\"a\": %s}", cases[i].value);
		check_render("{{#if a}}yes{{else}}no{{/if}}", json, cases[i].want);
		check_render("{{#unless a}}no{{else}}yes{{/unless}}", json, cases[i].want);
	}
	check_render("{{#if a}}yes{{else}}no{{/if}}", NULL, "no");
	check_render("[{{#if a}}yes{{/if}}]", NULL, "[]");
	check_render("[{{#unless a}}none{{/unless}}]", NULL, "[none]");
	check_render("{{#if u.admin}}A{{else}}-{{/if}}", "{\"u\": {\"admin\": true}}", "A");
	check_render("{{#if a}}{{#if b}}ab{{else}}a{{/if}}{{else}}{{#unless b}}none{{/unless}}{{/if}}",
		     "{\"a\": 1, \"b\": 0}", "a");
}

static void test_each(void **state)
{
	(void)state;
	check_render("<ul>{{#each items}}<li>{{this.name}} by {{owner}}</li>{{/each}}</ul>",
		     "{\"owner\": \"me\", \"items\": [{\"name\": \"a\"}, {\"name\": \"<b>\"}]}",
		     "<ul><li>a by me</li><li>&lt;b&gt; by me</li></ul>");
	/* the item is searched first, then outwards */
	check_render("{{#each items}}{{owner}},{{/each}}",
		     "{\"owner\": \"outer\", \"items\": [{\"owner\": \"inner\"}, {}]}",
		     "inner,outer,");
	check_render("{{#each tags}}[{{this}}]{{/each}}", "{\"tags\": [\"x\", \"y<\", 3]}",
		     "[x][y&lt;][3]");
	/* strings are not objects: a name inside still finds the root */
	check_render("{{#each tags}}{{this}}{{sep}}{{/each}}",
		     "{\"sep\": \";\", \"tags\": [\"a\", \"b\"]}", "a;b;");
	check_render("{{#each rows}}{{#each this.cells}}{{this}}{{/each}};{{/each}}",
		     "{\"rows\": [{\"cells\": [1, 2]}, {\"cells\": [3]}, {}]}", "12;3;;");
	check_render("{{#each rows}}{{#each cells}}{{v}}{{k}}{{/each}}|{{/each}}",
		     "{\"k\": \"!\", \"rows\": [{\"k\": \"?\","
		     " \"cells\": [{\"v\": 1}, {\"v\": 2, \"k\": \"#\"}]}]}",
		     "1?2#|");
	check_render("[{{#each items}}x{{/each}}]", "{\"items\": \"not a list\"}", "[]");
	check_render("[{{#each items}}x{{/each}}]", "{\"items\": []}", "[]");
	check_render("[{{#each items}}x{{/each}}]", NULL, "[]");
	check_render("{{#each xs}}{{#if this.on}}+{{else}}-{{/if}}{{/each}}",
		     "{\"xs\": [{\"on\": true}, {\"on\": false}, {}]}", "+--");
}

static void test_attribute_blocks(void **state)
{
	(void)state;
	const char *opt = "<option{{#if s}} selected{{/if}}>";
	check_render(opt, "{\"s\": true}", "<option selected>");
	check_render("<input disabled{{#if s}} checked{{/if}}>", "{\"s\": true}",
		     "<input disabled checked>");
	check_render("<p{{#if a}} hidden{{/if}}{{#if b}} title=\"{{t}}\"{{/if}}>",
		     "{\"a\": false, \"b\": true, \"t\": \"<\"}", "<p title=\"&lt;\">");
	check_render(opt, "{\"s\": false}", "<option>");
	const char *opt2 = "<option value=\"{{v}}\"{{#if s}} selected{{/if}}>{{label}}</option>";
	check_render(opt2, "{\"v\": \"fr\", \"s\": 1, \"label\": \"Fran\\u00e7ais\"}",
		     "<option value=\"fr\" selected>Fran\xc3\xa7" "ais</option>");
	check_render("<input type=\"checkbox\"{{#unless off}} checked{{/unless}}>", NULL,
		     "<input type=\"checkbox\" checked>");
	check_render("<a class=\"{{#if on}}on{{else}}off{{/if}}\" href=\"/x\">", "{\"on\": true}",
		     "<a class=\"on\" href=\"/x\">");
	check_render("<a href=\"/{{#if a}}admin{{else}}home{{/if}}/{{id}}\">",
		     "{\"id\": \"a b\"}", "<a href=\"/home/a%20b\">");
}

/* ---- includes ------------------------------------------------------------ */

static void add_ok(struct tpl_set *set, const char *name, const char *text)
{
	char err[512];
	if (tpl_add(set, name, text, strlen(text), err, sizeof(err)) < 0)
		fail_msg("%s does not compile: %s", name, err);
}

static void test_includes(void **state)
{
	(void)state;
	char err[512];
	struct tpl_set *set = tpl_set_new();
	add_ok(set, "layout", "<main>{{> part}}</main>");
	add_ok(set, "part", "<p>{{x}}</p>");
	add_ok(set, "list", "<ul>{{#each items}}{{> partials/item-row }}{{/each}}</ul>");
	add_ok(set, "partials/item-row", "<li>{{this.n}}{{x}}</li>");
	add_ok(set, "self", "a{{> self}}");
	add_ok(set, "dangling", "[{{> nowhere}}]");
	assert_int_equal(tpl_count(set), 6);
	assert_true(tpl_has(set, "partials/item-row"));
	assert_false(tpl_has(set, "partials"));
	assert_false(tpl_has(set, "nowhere"));

	json_t *data = json_pack("{s:s, s:[{s:i}, {s:i}]}", "x", "<", "items", "n", 1, "n", 2);
	char *got = render_set(set, "layout", data);
	assert_string_equal(got, "<main><p>&lt;</p></main>");
	free(got);
	got = render_set(set, "list", data);
	assert_string_equal(got, "<ul><li>1&lt;</li><li>2&lt;</li></ul>");
	free(got);

	/* a recursive include, a missing one and an unknown template fail
	 * at render time instead of crashing */
	struct buf out;
	buf_init(&out, OUT_MAX);
	assert_int_equal(tpl_render(set, "self", data, NULL, &out), -1);
	buf_reset(&out);
	assert_int_equal(tpl_render(set, "dangling", data, NULL, &out), -1);
	buf_reset(&out);
	assert_int_equal(tpl_render(set, "nosuch", data, NULL, &out), -1);
	buf_free(&out);

	/* tpl_check names the template and the line of the include */
	assert_int_equal(tpl_check(set, err, sizeof(err)), -1);
	assert_string_equal(err, "dangling:1: includes \"nowhere\", which does not exist");
	json_decref(data);
	tpl_set_free(set);

	set = tpl_set_new();
	add_ok(set, "page", "<p>\n{{#if x}}\n\n{{> gone/away}}{{/if}}</p>");
	assert_int_equal(tpl_check(set, err, sizeof(err)), -1);
	assert_string_equal(err, "page:4: includes \"gone/away\", which does not exist");
	add_ok(set, "gone/away", "");
	assert_int_equal(tpl_check(set, err, sizeof(err)), 0);
	tpl_set_free(set);
}

static void test_render_overflow(void **state)
{
	(void)state;
	struct tpl_set *set = tpl_set_new();
	add_ok(set, "t", "0123456789{{x}}");
	json_t *data = json_pack("{s:s}", "x", "abc");
	struct buf out;
	buf_init(&out, 12);
	assert_int_equal(tpl_render(set, "t", data, NULL, &out), -1);
	assert_true(out.overflow);
	buf_free(&out);
	buf_init(&out, 13);
	assert_int_equal(tpl_render(set, "t", data, NULL, &out), 0);
	assert_string_equal(out.data, "0123456789abc");
	buf_free(&out);
	json_decref(data);
	tpl_set_free(set);
}

/* ---- compile errors ------------------------------------------------------ */

static const struct {
	const char *tpl, *err;
} compile_errors[] = {
	{"<p>ok</p>\n<script>\nvar x = {{x}};\n</script>",
	 "t:3: refused: a value inside <script> or <style>"},
	{"<SCRIPT type=\"module\">{{x}}</SCRIPT>", "t:1: refused: a value inside <script> or <style>"},
	{"<script>a</scrip>{{x}}</script>", "t:1: refused: a value inside <script> or <style>"},
	{"<style>\n{{x}}\n</style>", "t:2: refused: a value inside <script> or <style>"},
	{"<a href={{x}}>", "t:1: refused: a value in an unquoted attribute (put it in double quotes)"},
	{"<a href=/x/{{x}}>", "t:1: refused: a value in an unquoted attribute (put it in double quotes)"},
	{"<input\nvalue={{x}}>", "t:2: refused: a value in an unquoted attribute (put it in double quotes)"},
	{"<a {{x}}>", "t:1: refused: a value inside a tag (only attribute values may hold values)"},
	{"<a{{x}}>", "t:1: refused: a value inside a tag (only attribute values may hold values)"},
	{"<a title{{x}}>", "t:1: refused: a value inside a tag (only attribute values may hold values)"},
	{"<a title {{x}}>", "t:1: refused: a value inside a tag (only attribute values may hold values)"},
	{"<a {{x}}=\"1\">", "t:1: refused: a value inside a tag (only attribute values may hold values)"},
	{"</a {{x}}>", "t:1: refused: a value inside a tag (only attribute values may hold values)"},
	{"<button onclick=\"{{x}}\">", "t:1: refused: a value inside an event-handler attribute"},
	/* a block must not glue text onto a tag or attribute name */
	{"<a {{#if x}}on{{else}}x{{/if}}click=\"{{y}}\">",
	 "t:1: a name inside a tag must not go on after a block"},
	{"<p {{#if x}}hidden{{/if}}class=\"a\">", "t:1: a name inside a tag must not go on after a block"},
	{"<a{{#if x}}bbr{{/if}}>", "t:1: inside a tag, a block must start with a space"},
	{"<input disabled{{#if x}}\n{{else}}checked{{/if}}>",
	 "t:2: inside a tag, a block must start with a space"},
	{"<div\nonMouseOver='go({{x}})'>", "t:2: refused: a value inside an event-handler attribute"},
	{"<p style=\"color: {{x}}\">", "t:1: refused: a value inside a style attribute"},
	{"<p STYLE='{{x}}'>", "t:1: refused: a value inside a style attribute"},
	{"<!-- {{x}} -->", "t:1: refused: a value inside an HTML comment"},
	{"<!--\n\n{{x}}-->", "t:3: refused: a value inside an HTML comment"},
	{"<!-- a -- b {{x}} -->", "t:1: refused: a value inside an HTML comment"},
	{"<!{{x}}>", "t:1: refused: a value inside an HTML comment"},
	{"<!-- {{#if x}}{{/if}} -->", "t:1: a block here would break the HTML"},
	{"<a href={{#if x}}/a{{/if}}>", "t:1: a block here would break the HTML"},
	{"<p>\n{{#if x}}\nyes\n", "t:2: {{#if}} is never closed"},
	{"{{#each xs}}<li>", "t:1: {{#each}} is never closed"},
	{"{{#each xs}}\n{{#if y}}\n{{/each}}", "t:3: {{/each}} does not close the open block"},
	{"<p>\n\n{{/if}}", "t:3: {{/if}} does not close the open block"},
	{"{{#if a}}x{{/unless}}", "t:1: {{/unless}} does not close the open block"},
	{"{{#each xs}}\n{{else}}\n{{/each}}", "t:2: {{else}} outside {{#if}} or {{#unless}}"},
	{"a\n{{else}}b", "t:2: {{else}} outside {{#if}} or {{#unless}}"},
	{"{{#if a}}1{{else}}2{{else}}3{{/if}}", "t:1: two {{else}} in one {{#if}}"},
	{"<p>\n{{x</p>", "t:2: {{ without }}"},
	{"<p>{{x}}\n\n{{", "t:3: {{ without }}"},
	{"<a title=\"{{raw: x}}\">", "t:1: {{raw:}} is allowed in text only"},
	{"<a href=\"{{raw: x}}\">", "t:1: {{raw:}} is allowed in text only"},
	{"<a href=\"{{_(\"Home\")}}\">", "t:1: a message cannot stand in a URL"},
	{"<a href=\"/help/{{_(\"page\")}}\">", "t:1: a message cannot stand in a URL"},
	{"<a href=\"{{n_(\"a\", \"b\", n)}}\">", "t:1: a message cannot stand in a URL"},
	{"{{#if x}}\n<a href=\"/x\">\n{{else}}\n<a href=\"/y{{/if}}\">",
	 "t:1: {{#if}} ends in a different HTML context than it began"},
	{"<p>\n{{#if x}}<a href=\"{{else}}<b>{{/if}}\">",
	 "t:2: the {{#if}} branch ends in a different HTML context than it began"},
	{"{{#unless x}}<!--{{/unless}}-->",
	 "t:1: {{#unless}} ends in a different HTML context than it began"},
	{"<a title=\"{{#if x}}\">{{/if}}\"",
	 "t:1: {{#if}} ends in a different HTML context than it began"},
	{"<a title=\"{{#if x}}\" href=\"{{/if}}\">",
	 "t:1: {{#if}} ends in a different HTML context than it began"},
	{"{{#each xs}}<script>{{/each}}</script>",
	 "t:1: {{#each}} ends in a different HTML context than it began"},
	{"{{}}", "t:1: empty {{ }}"},
	{"{{   }}", "t:1: empty {{ }}"},
	{"{{#loop x}}{{/loop}}", "t:1: unknown block (use #if, #unless or #each)"},
	{"{{x y}}", "t:1: unexpected text after the name"},
	{"{{x-y}}", "t:1: unexpected text after the name"},
	{"{{raw: x y}}", "t:1: unexpected text after the name"},
	{"{{#if}}{{/if}}", "t:1: expected a name"},
	{"{{#if a b}}{{/if}}", "t:1: unexpected text after the block name"},
	{"{{a..b}}", "t:1: expected a name"},
	{"{{a.b.c.d.e.f.g}}", "t:1: name with too many dots"},
	{"<a title=\"{{> part}}\">", "t:1: an include must stand in text"},
	{"{{> bad name}}", "t:1: malformed template name"},
	{"{{> ../etc}}", "t:1: malformed template name"},
	{"{{_(\"unterminated)}}", "t:1: message without a closing quote"},
	{"{{_(noquote)}}", "t:1: expected a quoted message"},
	{"{{_(\"a\" b)}}", "t:1: expected , or ) in a message"},
	{"{{n_(\"a\")}}", "t:1: n_ needs a plural message and a count"},
	{"{{n_(\"a\", \"b\")}}", "t:1: n_ needs a count"},
	{"{{_(\"a\", 1x)}}", "t:1: expected name=value in a message"},
	{"{{_(\"a\", a=b, c=d, e=f, g=h, i=j, k=l, m=n)}}", "t:1: too many values in a message"},
	{"{{_(\"a\") x}}", "t:1: unexpected text after a message"},
	{"<p", "t:1: the template ends inside a tag, comment or script"},
	{"<script>\n", "t:2: the template ends inside a tag, comment or script"},
	{"<!-- open", "t:1: the template ends inside a tag, comment or script"},
	{"{{x}}\n{{y\n}}\n{{z w}}", "t:4: unexpected text after the name"},
};

static void test_compile_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(compile_errors) / sizeof(compile_errors[0]); i++) {
		char err[512] = "";
		struct tpl_set *set = tpl_set_new();
		const char *tpl = compile_errors[i].tpl;
		if (tpl_add(set, "t", tpl, strlen(tpl), err, sizeof(err)) == 0)
			fail_msg("template %s compiled; expected \"%s\"", tpl, compile_errors[i].err);
		if (strcmp(err, compile_errors[i].err) != 0)
			fail_msg("template %s\n  error \"%s\"\n  expected \"%s\"", tpl, err,
				 compile_errors[i].err);
		assert_int_equal(tpl_count(set), 0);
		assert_false(tpl_has(set, "t"));
		tpl_set_free(set);
	}
}

static void test_compile_nul_and_nesting(void **state)
{
	(void)state;
	char err[512];
	struct tpl_set *set = tpl_set_new();
	assert_int_equal(tpl_add(set, "t", "a\0b", 3, err, sizeof(err)), -1);
	assert_string_equal(err, "t: NUL byte in template");

	/* 16 nested blocks compile, 17 do not */
	char text[1024];
	size_t len = 0;
	for (int depth = 16; depth <= 17; depth++) {
		len = 0;
		for (int i = 0; i < depth; i++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "{{#if a}}");
		for (int i = 0; i < depth; i++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "{{/if}}");
		int rc = tpl_add(set, depth == 16 ? "deep" : "t", text, len, err, sizeof(err));
		if (depth == 16) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, -1);
			assert_string_equal(err, "t:1: blocks nested too deeply");
		}
	}
	assert_int_equal(tpl_count(set), 1);
	tpl_set_free(set);
}

static void test_escapers(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 256);
	html_escape(&b, "a<b>&\"'z", 9);
	assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;&#39;z");
	buf_reset(&b);
	html_escape(&b, "<<x", 2); /* only n bytes */
	assert_string_equal(b.data, "&lt;&lt;");
	buf_reset(&b);
	url_component_escape(&b, "a b\xff/", 5);
	assert_string_equal(b.data, "a%20b%FF%2F");
	buf_free(&b);

	assert_true(url_is_safe("https://x", 9));
	assert_true(url_is_safe("Mailto:x", 8));
	assert_false(url_is_safe("javascript:x", 12));
	assert_true(url_is_safe("http", 4));	/* no colon: relative */
	assert_false(url_is_safe("httpx:y", 7));
	assert_false(url_is_safe("htt:y", 5));
	/* n bounds the check: the refused tail is outside it */
	assert_true(url_is_safe("/ok javascript:x", 3));
}

static void test_real_templates(void **state)
{
	(void)state;
	char dir[1024], err[1024] = "";
	snprintf(dir, sizeof(dir), "%s/templates", unit_data_dir());
	struct tpl_set *set = tpl_set_new();
	if (tpl_load_dir(set, dir, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	assert_true(tpl_has(set, "layout"));
	assert_true(tpl_has(set, "admin/nav"));
	assert_true(tpl_count(set) >= 10);
	tpl_set_free(set);

	set = tpl_set_new();
	assert_int_equal(tpl_load_dir(set, "/nonexistent/templates", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/templates: cannot open the templates folder"));
	tpl_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_text_and_attributes),
		cmocka_unit_test(test_value_types),
		cmocka_unit_test(test_url_start),
		cmocka_unit_test(test_url_part),
		cmocka_unit_test(test_messages_english),
		cmocka_unit_test(test_if_truthiness),
		cmocka_unit_test(test_each),
		cmocka_unit_test(test_attribute_blocks),
		cmocka_unit_test(test_includes),
		cmocka_unit_test(test_render_overflow),
		cmocka_unit_test(test_compile_errors),
		cmocka_unit_test(test_compile_nul_and_nesting),
		cmocka_unit_test(test_escapers),
		cmocka_unit_test(test_real_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
