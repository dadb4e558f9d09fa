/* test_json_scan: json_scan_object(), the reader the event decoder reads payloads with
 * (sessions/json.h), takes exactly the documents json_parse() takes as an object, finds the
 * first member of a key (also past the members it keeps in place, and with escaped keys),
 * and reads strings and arrays back as json_parse() does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/json.h"

static const char *text_of(const struct json_slice *v, char *buf)
{
	assert_non_null(v);
	assert_int_equal(v->type, JSON_STRING);
	json_slice_text(v, buf);
	return buf;
}

/* Forty members, "k7" twice (the first counts) and the last member's key escaped. */
static void test_many_members_first_wins(void **state)
{
	(void)state;
	char doc[2048];
	size_t n = (size_t)snprintf(doc, sizeof doc, "{");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(doc + n, sizeof doc - n, "\"k%d\":\"v%d\",", i, i);
	n += (size_t)snprintf(doc + n, sizeof doc - n, "\"k7\":\"again\",\"k30\":\"again\",\"\\u006b99\":[1,\"two\",{\"x\":[]}]}");
	struct json_members m;
	assert_true(json_scan_object(doc, n, &m));
	assert_int_equal(m.n, 43);
	char buf[64];
	assert_string_equal(text_of(json_members_get(&m, "k0"), buf), "v0");
	assert_string_equal(text_of(json_members_get(&m, "k7"), buf), "v7");
	assert_string_equal(text_of(json_members_get(&m, "k30"), buf), "v30"); /* past JSON_MEMBERS_HERE */
	assert_string_equal(text_of(json_members_get(&m, "k39"), buf), "v39");
	assert_null(json_members_get(&m, "k40"));
	assert_null(json_members_get(&m, ""));
	const struct json_slice *list = json_members_get(&m, "k99");
	assert_non_null(list);
	assert_int_equal(list->type, JSON_ARRAY);
	assert_int_equal(list->n_items, 3);
	size_t at = 0;
	struct json_slice item;
	assert_true(json_slice_next(list, &at, &item));
	assert_int_equal(item.type, JSON_NUMBER);
	assert_true(item.number == 1.0);
	assert_true(json_slice_next(list, &at, &item));
	assert_string_equal(text_of(&item, buf), "two");
	assert_true(json_slice_next(list, &at, &item));
	assert_int_equal(item.type, JSON_OBJECT);
	assert_int_equal(item.n_items, 1);
	assert_false(json_slice_next(list, &at, &item));
	json_members_free(&m);
	json_members_free(&m); /* twice is harmless */
}

/* Escapes are resolved as json_parse() resolves them, in keys and values. */
static void test_escapes_as_the_tree(void **state)
{
	(void)state;
	static const char doc[] = " {\"a\":\"x\\u00e9\\ud83d\\ude00\\n\\\"\", \"\":true, \"b\\\\c\" : -2.5e1 } ";
	struct json_members m;
	struct json_value *tree = json_parse(doc, strlen(doc));
	assert_non_null(tree);
	assert_true(json_scan_object(doc, strlen(doc), &m));
	char buf[64];
	assert_string_equal(text_of(json_members_get(&m, "a"), buf), json_get_string(tree, "a"));
	assert_true(json_members_get(&m, "")->boolean);
	assert_true(json_members_get(&m, "b\\c")->number == -25.0);
	json_members_free(&m);
	json_free(tree);
}

/* What json_parse() refuses, or takes but not as an object, the scanner refuses. */
static void test_refuses_what_the_tree_refuses(void **state)
{
	(void)state;
	static const char *const docs[] = { "", "[]", "\"x\"", "1", "null", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}",
		"{\"a\":01}", "{\"a\":1.}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\u0000\"}", "{\"a\":\"\x01\"}", "{\"a\":tru}",
		"{} x", "{\"a\":[1,]}", "{\"a\":\"\\x\"}", "{\"a\":1e999}", "{\"a\":{\"b\":[}}" };
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		struct json_members m;
		struct json_value *tree = json_parse(docs[i], strlen(docs[i]));
		bool object = tree && tree->type == JSON_OBJECT;
		json_free(tree);
		assert_false(object);
		assert_false(json_scan_object(docs[i], strlen(docs[i]), &m));
	}
	/* JSON_DEPTH_MAX containers in all are taken, one more is not */
	char doc[4 * JSON_DEPTH_MAX + 16];
	for (int depth = JSON_DEPTH_MAX; depth <= JSON_DEPTH_MAX + 1; depth++) {
		size_t n = (size_t)snprintf(doc, sizeof doc, "{\"a\":");
		for (int d = 1; d < depth; d++)
			doc[n++] = '[';
		for (int d = 1; d < depth; d++)
			doc[n++] = ']';
		doc[n++] = '}';
		struct json_members m;
		bool scanned = json_scan_object(doc, n, &m);
		struct json_value *tree = json_parse(doc, n);
		assert_int_equal(scanned, tree != NULL);
		assert_int_equal(scanned, depth == JSON_DEPTH_MAX);
		json_free(tree);
		if (scanned)
			json_members_free(&m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_members_first_wins),
		cmocka_unit_test(test_escapes_as_the_tree),
		cmocka_unit_test(test_refuses_what_the_tree_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
