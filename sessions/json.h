/* json: a small JSON writer and reader for event payloads.
 *
 * The writer appends to a growing buffer and escapes strings so that any UTF-8 text,
 * control characters included, survives a round trip byte for byte. The reader parses
 * one document into a tree (depth at most JSON_DEPTH_MAX) for replaying events; a small
 * document is one allocation (nodes, keys and strings).
 * Owns what it allocates: json_buf_free() and json_free() release it; both accept NULL
 * or a zeroed buffer. Never prints, never exits. */
#ifndef KLANKBORD_JSON_H
#define KLANKBORD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { JSON_DEPTH_MAX = 64 };

struct json_buf {
	char *data;       /* NUL-terminated once anything was written */
	size_t len, cap;
	bool failed;      /* an allocation failed; the text is incomplete */
};

void json_buf_free(struct json_buf *buf);
/* Structure: commas between members and elements are added automatically. */
void json_object_begin(struct json_buf *buf);
void json_object_end(struct json_buf *buf);
void json_array_begin(struct json_buf *buf);
void json_array_end(struct json_buf *buf);
void json_key(struct json_buf *buf, const char *key);
void json_string(struct json_buf *buf, const char *text); /* NULL writes null */
void json_int(struct json_buf *buf, int64_t value);
void json_bool(struct json_buf *buf, bool value);
void json_null(struct json_buf *buf);
/* An object member in one call: the key, then its value. */
void json_member_string(struct json_buf *buf, const char *key, const char *text); /* NULL writes null */
void json_member_int(struct json_buf *buf, const char *key, int64_t value);
void json_member_bool(struct json_buf *buf, const char *key, bool value);
void json_member_strings(struct json_buf *buf, const char *key, const char *const *texts, int n);
void json_member_ints(struct json_buf *buf, const char *key, const int *values, int n);
/* A space-separated list ("housing work") as a JSON array of strings; NULL or "" writes []. */
void json_space_list(struct json_buf *buf, const char *words);
/* Inserts text that is already JSON (a value built with another json_buf). */
void json_raw(struct json_buf *buf, const char *json);

struct json_chunk;

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json_value {
	enum json_type type;
	bool boolean;
	double number;
	char *string;               /* NUL-terminated; a \u0000 escape is refused */
	struct json_value *items;   /* array elements, or object member values */
	char **keys;                /* object member names, parallel to items */
	int n_items;
	char *pool;                 /* the root's: one block holding it, its strings and first nodes */
	struct json_chunk *chunks;  /* the root's: where its nodes live */
};

/* Parses len bytes; NULL when they are not one valid JSON document (RFC 8259: numbers
 * such as 01, 1., .5 or +1 are refused, so are lone surrogates and \u0000). */
struct json_value *json_parse(const char *text, size_t len);
void json_free(struct json_value *value);
/* Member of an object, or NULL when value is not an object or has no such member. */
const struct json_value *json_get(const struct json_value *object, const char *key);
/* The string member, or NULL when absent or not a string. */
const char *json_get_string(const struct json_value *object, const char *key);
/* The number member as an integer (a fraction cut towards zero), or fallback when absent,
 * not a number, or beyond +-9e18. */
int64_t json_get_int(const struct json_value *object, const char *key, int64_t fallback);
bool json_get_bool(const struct json_value *object, const char *key, bool fallback);

#endif
