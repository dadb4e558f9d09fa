/* fuzz_event: libFuzzer harness for the JSON reader (sessions/json.c) and the event decoder
 * (sessions/event.c) that replay and export read every stored payload with. The input's
 * first byte picks an event type, the rest is its payload. Under ASan every node and string
 * of a parsed tree is read; a tree written back with the JSON writer parses again, and
 * writes the same bytes again; a decoded event (event_decode()) encodes (event_encode()) to
 * bytes that decode to an event that encodes the same; the scanner the decoder reads with
 * accepts what the tree reader accepts as an object and finds the same members. Aborts on
 * the first input that breaks a rule. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/event.h"
#include "sessions/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_tree(const struct json_value *v, struct json_buf *b)
{
	switch (v->type) {
	case JSON_NULL: json_null(b); break;
	case JSON_BOOL: json_bool(b, v->boolean); break;
	case JSON_NUMBER: {
		/* integers exactly; other numbers are compared by value below, not written */
		json_int(b, v->number >= -9e15 && v->number <= 9e15 && v->number == (double)(int64_t)v->number
			? (int64_t)v->number : 0);
		break;
	}
	case JSON_STRING: json_string(b, v->string); break;
	case JSON_ARRAY:
	case JSON_OBJECT:
		if (v->type == JSON_ARRAY)
			json_array_begin(b);
		else
			json_object_begin(b);
		for (int i = 0; i < v->n_items; i++) {
			if (v->type == JSON_OBJECT)
				json_key(b, v->keys[i]);
			write_tree(&v->items[i], b);
		}
		if (v->type == JSON_ARRAY)
			json_array_end(b);
		else
			json_object_end(b);
		break;
	}
}

/* Parses text, writes the tree back into *out (empty when it did not parse). */
static bool parse_and_write(const char *text, size_t len, struct json_buf *out)
{
	*out = (struct json_buf){ 0 };
	struct json_value *v = json_parse(text, len);
	if (!v)
		return false;
	write_tree(v, out);
	json_free(v);
	return !out->failed;
}

/* A parsed tree written back parses again; from then on (the writer's first pass turns
 * bytes that are not UTF-8 into U+FFFD) it writes back to the same bytes. */
static void check_parse(const char *payload, size_t len)
{
	struct json_buf once, twice, thrice;
	if (parse_and_write(payload, len, &once)) {
		if (!parse_and_write(once.data, once.len, &twice) || !parse_and_write(twice.data, twice.len, &thrice))
			abort();
		if (strcmp(twice.data, thrice.data) != 0)
			abort();
		json_buf_free(&twice);
		json_buf_free(&thrice);
	}
	json_buf_free(&once);
}

/* The scanner the decoder reads with (json_scan_object()) takes exactly the documents the
 * tree reader takes whose root is an object, and finds the same members: the same keys,
 * value types, strings, numbers and truth values, and as many elements. */
static void check_scan(const char *payload, size_t len)
{
	struct json_value *tree = json_parse(payload, len);
	struct json_members members;
	bool scanned = json_scan_object(payload, len, &members);
	if (scanned != (tree && tree->type == JSON_OBJECT))
		abort();
	for (int i = 0; scanned && i < tree->n_items; i++) {
		const struct json_member *m = i < JSON_MEMBERS_HERE ? &members.here[i] : &members.more[i - JSON_MEMBERS_HERE];
		const struct json_value *v = &tree->items[i];
		char *key = malloc(m->key.len + 1), *text = NULL;
		if (!key || json_slice_text(&m->key, key) != strlen(tree->keys[i]) || strcmp(key, tree->keys[i]) != 0)
			abort();
		if (m->value.type != v->type || (v->type == JSON_BOOL && m->value.boolean != v->boolean)
			|| (v->type == JSON_NUMBER && m->value.number != v->number)
			|| ((v->type == JSON_ARRAY || v->type == JSON_OBJECT) && m->value.n_items != v->n_items))
			abort();
		if (v->type == JSON_STRING && (!(text = malloc(m->value.len + 1))
			|| json_slice_text(&m->value, text) != strlen(v->string) || strcmp(text, v->string) != 0))
			abort();
		/* the first member of a key is the one both find */
		long first = json_get(tree, tree->keys[i]) - tree->items;
		const struct json_member *f = first < JSON_MEMBERS_HERE ? &members.here[first]
			: &members.more[first - JSON_MEMBERS_HERE];
		if (json_members_get(&members, tree->keys[i]) != &f->value)
			abort();
		free(key);
		free(text);
	}
	if (scanned && members.n != tree->n_items)
		abort();
	if (scanned)
		json_members_free(&members);
	json_free(tree);
}

static char *encode(const struct event *e)
{
	struct json_buf b = { 0 };
	event_encode(e, &event_keep_everything, &b);
	if (b.failed) {
		json_buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* Decodes payload as type and encodes it again: NULL when it does not decode. */
static char *decode_and_encode(const char *type, const char *payload)
{
	struct event e;
	char problem[128];
	if (event_decode(type, payload, strlen(payload), &e, problem, sizeof problem) != EVENT_DECODED)
		return NULL;
	char *text = encode(&e);
	event_free(&e);
	return text;
}

/* What decodes encodes to bytes that decode again, always to the same bytes. The first
 * encoding is exempt: it turns bytes that are not UTF-8 into U+FFFD, which can make a
 * UUID field longer than a UUID (a payload that then no longer decodes). */
static void check_decode(const char *type, const char *payload)
{
	char *once = decode_and_encode(type, payload);
	char *twice = once ? decode_and_encode(type, once) : NULL;
	char *thrice = twice ? decode_and_encode(type, twice) : NULL;
	if (twice && (!thrice || strcmp(twice, thrice) != 0))
		abort();
	free(once);
	free(twice);
	free(thrice);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int n_types = 0;
	while (event_type_name((enum event_type)(n_types + 1)))
		n_types++;
	const char *type = event_type_name((enum event_type)(1 + data[0] % n_types));
	char *payload = malloc(size);
	if (!payload)
		return 0;
	memcpy(payload, data + 1, size - 1);
	payload[size - 1] = '\0';
	size_t len = strlen(payload); /* a stored payload is a C string */
	check_parse(payload, len);
	check_scan(payload, len);
	check_decode(type, payload);
	free(payload);
	return 0;
}
