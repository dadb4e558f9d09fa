/* test_json: sessions/json.c, the writer and the reader of event payloads: exact bytes
 * written for every character that needs escaping, UTF-8 kept byte for byte, the depth
 * limit, what the reader refuses, and the json_get_* fallbacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sessions/json.h"

/* The writer's text for one string value. */
static void assert_written(const char *text, const char *expected)
{
	struct json_buf b = { 0 };
	json_string(&b, text);
	assert_false(b.failed);
	assert_non_null(b.data);
	assert_string_equal(b.data, expected);
	assert_int_equal(b.len, strlen(expected));
	json_buf_free(&b);
}

/* Parses text (of len bytes) as one string value and returns a copy of it, or NULL. */
static char *parsed_string(const char *text, size_t len)
{
	struct json_value *v = json_parse(text, len);
	if (!v)
		return NULL;
	char *copy = v->type == JSON_STRING ? strdup(v->string) : NULL;
	json_free(v);
	return copy;
}

static void assert_refused(const char *text)
{
	struct json_value *v = json_parse(text, strlen(text));
	if (v) {
		json_free(v);
		fail_msg("accepted: %s", text);
	}
}

static struct json_value *parse_ok(const char *text)
{
	struct json_value *v = json_parse(text, strlen(text));
	if (!v)
		fail_msg("refused: %s", text);
	return v;
}

/* ---- writer ---- */

static void test_escapes_every_control(void **state)
{
	(void)state;
	for (int c = 1; c < 0x20; c++) {
		char text[4] = { 'a', (char)c, 'b', '\0' }, expected[16];
		snprintf(expected, sizeof expected, "\"a\\u%04xb\"", c);
		assert_written(text, expected);
	}
	assert_written("\x01", "\"\\u0001\"");
	assert_written("\n", "\"\\u000a\"");
	assert_written("\x1f", "\"\\u001f\"");
	assert_written("\x7f", "\"\\u007f\"");
	assert_written("a\x7f" "b", "\"a\\u007fb\"");
	assert_written("say \"hi\"", "\"say \\\"hi\\\"\"");
	assert_written("C:\\dir\\", "\"C:\\\\dir\\\\\"");
	assert_written("\\\"", "\"\\\\\\\"\"");
	assert_written("a/b ~ \x20", "\"a/b ~  \"");
	assert_written("", "\"\"");
}

static void test_utf8_written_as_is(void **state)
{
	(void)state;
	assert_written("مرحبا", "\"مرحبا\"");
	assert_written("\xe1\x88\xb0\xe1\x88\x8b\xe1\x88\x9d", "\"\xe1\x88\xb0\xe1\x88\x8b\xe1\x88\x9d\""); /* Ethiopic ሰላም */
	assert_written("😀", "\"\xf0\x9f\x98\x80\"");
}

static void test_structure(void **state)
{
	(void)state;
	struct json_buf b = { 0 };
	json_object_begin(&b);
	json_key(&b, "a");
	json_int(&b, 1);
	json_key(&b, "list");
	json_array_begin(&b);
	json_bool(&b, true);
	json_bool(&b, false);
	json_null(&b);
	json_string(&b, NULL);
	json_int(&b, INT64_MIN);
	json_int(&b, INT64_MAX);
	json_array_begin(&b);
	json_array_end(&b);
	json_object_begin(&b);
	json_object_end(&b);
	json_array_end(&b);
	json_key(&b, "k\"\n");
	json_raw(&b, "{\"x\":[1,2]}");
	json_key(&b, "s");
	json_string(&b, "t");
	json_object_end(&b);
	assert_false(b.failed);
	assert_string_equal(b.data, "{\"a\":1,\"list\":[true,false,null,null,-9223372036854775808,9223372036854775807,"
		"[],{}],\"k\\\"\\u000a\":{\"x\":[1,2]},\"s\":\"t\"}");
	assert_int_equal(b.len, strlen(b.data));
	json_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	json_buf_free(&b);
	json_buf_free(NULL);
	json_free(NULL);
}

static void test_long_text_grows_the_buffer(void **state)
{
	(void)state;
	enum { N = 10000 };
	char *text = malloc(N + 1);
	assert_non_null(text);
	for (int i = 0; i < N; i++)
		text[i] = (char)('a' + i % 26);
	text[N] = '\0';
	struct json_buf b = { 0 };
	json_string(&b, text);
	assert_int_equal(b.len, N + 2);
	assert_true(b.cap > b.len);
	assert_memory_equal(b.data + 1, text, N);
	char *back = parsed_string(b.data, b.len);
	assert_non_null(back);
	assert_string_equal(back, text);
	free(back);
	free(text);
	json_buf_free(&b);
}

/* ---- round trips ---- */

static void assert_round_trip(const char *text)
{
	struct json_buf b = { 0 };
	json_array_begin(&b);
	json_string(&b, text);
	json_array_end(&b);
	assert_false(b.failed);
	struct json_value *v = json_parse(b.data, b.len);
	if (!v)
		fail_msg("own output refused: %s", b.data);
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->n_items, 1);
	assert_int_equal(v->items[0].type, JSON_STRING);
	assert_int_equal(strlen(v->items[0].string), strlen(text));
	assert_memory_equal(v->items[0].string, text, strlen(text));
	json_free(v);
	json_buf_free(&b);
}

static void test_round_trip_scripts(void **state)
{
	(void)state;
	assert_round_trip("Ik wacht al negen maanden op taalles");
	assert_round_trip("انتظرت تسعة أشهر لدروس اللغة");                  /* Arabic, right to left */
	assert_round_trip("\xe1\x8b\xa8\xe1\x89\xb5\xe1\x8c\x8d\xe1\x88\xad"); /* Ethiopic */
	assert_round_trip("ትግርኛ ቋንቋ");                                        /* Tigrinya */
	assert_round_trip("等了九个月的语言课");                              /* CJK */
	assert_round_trip("Жду уже девять месяцев");                          /* Cyrillic */
	assert_round_trip("नमस्ते");                                             /* Devanagari, combining */
	assert_round_trip("e\xcc\x81 \xc3\xa9");                               /* e + combining acute, é */
	assert_round_trip("😀👩🏽‍👧 🇳🇱");                                       /* emoji: ZWJ, modifiers, flags */
	assert_round_trip("\xef\xbb\xbf BOM and \xe2\x80\xae RLO \xe2\x80\x8b ZWSP");
}

static void test_round_trip_every_ascii_byte(void **state)
{
	(void)state;
	char text[128];
	for (int c = 1; c < 128; c++)
		text[c - 1] = (char)c;
	text[127] = '\0';
	assert_round_trip(text);
}

static void test_reader_escapes(void **state)
{
	(void)state;
	static const struct {
		const char *json, *bytes;
	} cases[] = {
		{ "\"\\\"\\\\\\/\"", "\"\\/" },
		{ "\"\\b\\f\\n\\r\\t\"", "\b\f\n\r\t" },
		{ "\"\\u0041\\u00e9\\u00E9\"", "A\xc3\xa9\xc3\xa9" },
		{ "\"\\u0001\\u001f\\u007f\"", "\x01\x1f\x7f" },
		{ "\"\\u20ac\"", "\xe2\x82\xac" },
		{ "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },
		{ "\"\\uD834\\uDD1E\"", "\xf0\x9d\x84\x9e" },
		{ "\"\\uffff\"", "\xef\xbf\xbf" },
		{ "\"raw \x7f and \xc3\xa9\"", "raw \x7f and \xc3\xa9" },
		{ "  \"spaced\"\t\r\n ", "spaced" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *s = parsed_string(cases[i].json, strlen(cases[i].json));
		if (!s)
			fail_msg("refused: %s", cases[i].json);
		assert_string_equal(s, cases[i].bytes);
		free(s);
	}
}

/* ---- depth ---- */

static char *nested(int depth, char open, char close)
{
	char *text = malloc((size_t)depth * 2 + 1);
	assert_non_null(text);
	for (int i = 0; i < depth; i++) {
		text[i] = open;
		text[2 * depth - 1 - i] = close;
	}
	text[2 * depth] = '\0';
	return text;
}

static void test_depth_limit(void **state)
{
	(void)state;
	char *ok = nested(JSON_DEPTH_MAX, '[', ']');
	struct json_value *v = json_parse(ok, strlen(ok));
	assert_non_null(v);
	const struct json_value *at = v;
	for (int d = 1; d < JSON_DEPTH_MAX; d++) {
		assert_int_equal(at->type, JSON_ARRAY);
		assert_int_equal(at->n_items, 1);
		at = &at->items[0];
	}
	assert_int_equal(at->type, JSON_ARRAY);
	assert_int_equal(at->n_items, 0);
	json_free(v);
	free(ok);
	char *deep = nested(JSON_DEPTH_MAX + 1, '[', ']');
	assert_null(json_parse(deep, strlen(deep)));
	free(deep);
	/* objects count as deep as arrays */
	char object[16 * (JSON_DEPTH_MAX + 1) + 1] = "";
	for (int i = 0; i < JSON_DEPTH_MAX + 1; i++)
		strcat(object, i < JSON_DEPTH_MAX ? "{\"a\":" : "{");
	for (int i = 0; i < JSON_DEPTH_MAX + 1; i++)
		strcat(object, "}");
	assert_refused(object);
	/* depth is nesting, not the number of collections */
	char wide[8 * 200 + 3] = "[";
	for (int i = 0; i < 200; i++)
		strcat(wide, i ? ",[[]]" : "[[]]");
	strcat(wide, "]");
	v = parse_ok(wide);
	assert_int_equal(v->n_items, 200);
	json_free(v);
}

/* ---- refusals ---- */

static void test_refused_documents(void **state)
{
	(void)state;
	static const char *const refused[] = {
		"", " ", "\n\t", "[1] x", "{}{}", "[1]]", "\"a\" \"b\"", "1 2", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}",
		"{\"a\":1,}", "{a:1}", "{'a':1}", "[", "]", "{", "tru", "truex", "nul", "False", "NaN", "Infinity",
		"-Infinity", "[undefined]",
		/* bad escapes */
		"\"\\x41\"", "\"\\a\"", "\"\\U0041\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\u\"", "\"\\\"",
		/* surrogates alone or out of order, and NUL */
		"\"\\ud800\"", "\"\\udbff\"", "\"\\udc00\"", "\"\\udfff x\"", "\"\\ud800\\u0041\"", "\"\\ud800\\ud800\"",
		"\"\\ude00\\ud83d\"", "\"\\u0000\"", "\"a\\u0000b\"",
		/* unterminated strings, raw controls */
		"\"abc", "[\"abc]", "{\"a", "\"a\nb\"", "\"tab\there\"", "\"\x1f\"",
		/* numbers */
		"01", "-01", "00", "1.", "-1.", ".5", "+1", "-", "1e", "1e+", "1E-", "1.e5", "0x10", "1_000", "- 1",
		"1e999", "-1e999", "[01]", "{\"n\":1.}",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		assert_refused(refused[i]);
	/* a NUL byte is not white space, inside or after the document */
	assert_null(json_parse("[1]\0", 4));
	assert_null(json_parse("\"a\0b\"", 5));
	assert_null(json_parse("[1]", 2));
	/* the length counts, not a NUL: "[1]" is refused at 2 bytes, and "1" read from "12" */
	struct json_value *v = json_parse("12", 1);
	assert_non_null(v);
	assert_true(v->number == 1.0);
	json_free(v);
}

static void test_numbers(void **state)
{
	(void)state;
	static const struct {
		const char *json;
		double value;
	} cases[] = {
		{ "0", 0 }, { "-0", 0 }, { "7", 7 }, { "-12", -12 }, { "10", 10 }, { "1.5", 1.5 }, { "0.25", 0.25 },
		{ "-0.5", -0.5 }, { "1e3", 1000 }, { "1E3", 1000 }, { "2e+2", 200 }, { "25e-2", 0.25 },
		{ "1.5E+1", 15 }, { "1e05", 100000 }, { "9007199254740992", 9007199254740992.0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct json_value *v = parse_ok(cases[i].json);
		assert_int_equal(v->type, JSON_NUMBER);
		if (v->number != cases[i].value)
			fail_msg("%s read as %g", cases[i].json, v->number);
		json_free(v);
	}
	struct json_value *v = parse_ok("[1,-2,3.5e1]");
	assert_int_equal(v->n_items, 3);
	assert_true(v->items[2].number == 35.0);
	json_free(v);
}

/* ---- json_get_* ---- */

static void test_get(void **state)
{
	(void)state;
	struct json_value *v = parse_ok("{\"s\":\"text\",\"i\":42,\"neg\":-7,\"f\":2.9,\"nf\":-2.9,\"big\":1e19,"
		"\"t\":true,\"fa\":false,\"n\":null,\"a\":[1],\"o\":{\"s\":\"inner\"},\"dup\":1,\"dup\":2,\"\":\"empty key\"}");
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->n_items, 14);
	assert_string_equal(json_get_string(v, "s"), "text");
	assert_string_equal(json_get_string(v, ""), "empty key");
	assert_null(json_get_string(v, "i"));
	assert_null(json_get_string(v, "n"));
	assert_null(json_get_string(v, "a"));
	assert_null(json_get_string(v, "missing"));
	assert_null(json_get_string(v, "inner"));
	assert_string_equal(json_get_string(json_get(v, "o"), "s"), "inner");

	assert_int_equal(json_get_int(v, "i", -1), 42);
	assert_int_equal(json_get_int(v, "neg", 0), -7);
	assert_int_equal(json_get_int(v, "f", 0), 2);     /* towards zero */
	assert_int_equal(json_get_int(v, "nf", 0), -2);
	assert_int_equal(json_get_int(v, "big", 5), 5);   /* does not fit: the fallback */
	assert_int_equal(json_get_int(v, "s", 5), 5);
	assert_int_equal(json_get_int(v, "t", 5), 5);
	assert_int_equal(json_get_int(v, "n", 5), 5);
	assert_int_equal(json_get_int(v, "a", 5), 5);
	assert_int_equal(json_get_int(v, "missing", -9), -9);
	assert_int_equal(json_get_int(v, "dup", 0), 1);   /* the first of a repeated key */

	assert_true(json_get_bool(v, "t", false));
	assert_false(json_get_bool(v, "fa", true));
	assert_true(json_get_bool(v, "i", true));
	assert_false(json_get_bool(v, "s", false));
	assert_true(json_get_bool(v, "n", true));
	assert_false(json_get_bool(v, "missing", false));
	assert_true(json_get_bool(v, "missing", true));

	assert_null(json_get(v, "missing"));
	assert_int_equal(json_get(v, "n")->type, JSON_NULL);
	assert_int_equal(json_get(v, "a")->type, JSON_ARRAY);
	/* not an object: every lookup falls back */
	const struct json_value *array = json_get(v, "a");
	assert_null(json_get(array, "0"));
	assert_null(json_get_string(array, "s"));
	assert_int_equal(json_get_int(array, "i", 3), 3);
	assert_false(json_get_bool(array, "t", false));
	assert_null(json_get(NULL, "s"));
	assert_null(json_get_string(NULL, "s"));
	assert_int_equal(json_get_int(NULL, "i", 11), 11);
	assert_true(json_get_bool(NULL, "t", true));
	json_free(v);
}

static void test_empty_collections_and_literals(void **state)
{
	(void)state;
	struct json_value *v = parse_ok(" { } ");
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->n_items, 0);
	assert_null(json_get(v, "a"));
	json_free(v);
	v = parse_ok("[ ]");
	assert_int_equal(v->type, JSON_ARRAY);
	assert_int_equal(v->n_items, 0);
	json_free(v);
	v = parse_ok("[true,false,null]");
	assert_int_equal(v->items[0].type, JSON_BOOL);
	assert_true(v->items[0].boolean);
	assert_int_equal(v->items[1].type, JSON_BOOL);
	assert_false(v->items[1].boolean);
	assert_int_equal(v->items[2].type, JSON_NULL);
	json_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes_every_control),
		cmocka_unit_test(test_utf8_written_as_is),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_long_text_grows_the_buffer),
		cmocka_unit_test(test_round_trip_scripts),
		cmocka_unit_test(test_round_trip_every_ascii_byte),
		cmocka_unit_test(test_reader_escapes),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_refused_documents),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_empty_collections_and_literals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
