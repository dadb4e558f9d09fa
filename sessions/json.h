/* json: a small JSON writer and reader for event payloads.
 *
 * The writer appends to a growing buffer and escapes strings so that any UTF-8 text,
 * control characters included, survives a round trip byte for byte. The reader parses
 * one document into a tree (depth at most JSON_DEPTH_MAX); a small document is one
 * allocation (nodes, keys and strings). The scanner checks a document by the same
 * grammar (one lexer for both) and reads an object's members in place, for decoding an
 * event without a tree.
 * Owns what it allocates: json_buf_free(), json_free() and json_members_free() release
 * it; each accepts NULL or a zeroed buffer. Never prints, never exits. */
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

/* ---- reading without a tree (the event decoder: sessions/event.c) ----
 * json_scan_object() checks a whole document by the same grammar as json_parse() and,
 * when its root is an object, lists the object's members without copying anything: each
 * key and value as a slice of the text, valid while the text is. A string is read out
 * with json_slice_text(), an array one element at a time with json_slice_next(), an
 * object value by scanning its slice again. */
struct json_slice {
	enum json_type type;
	const char *text;           /* a string's text between its quotes; any other value's whole text */
	size_t len;
	bool escaped;               /* a string with a backslash escape */
	bool boolean;
	double number;
	int n_items;                /* an array's elements, an object's members */
};
struct json_member { struct json_slice key, value; };
enum { JSON_MEMBERS_HERE = 16 };
struct json_members {
	int n;
	struct json_member here[JSON_MEMBERS_HERE];
	struct json_member *more;   /* members beyond the first JSON_MEMBERS_HERE */
};

/* True when len bytes of text are one valid JSON document (as json_parse() reads it) whose
 * root is an object: its members are in *out; json_members_free() it. Nothing to free
 * after false. */
bool json_scan_object(const char *text, size_t len, struct json_members *out);
void json_members_free(struct json_members *members);
/* The value of the first member named key (escapes in the key resolved), or NULL. */
const struct json_slice *json_members_get(const struct json_members *members, const char *key);
/* The element of an array slice after *at (0: the first), and *at moved past it; false
 * after the last, or when array is not an array. */
bool json_slice_next(const struct json_slice *array, size_t *at, struct json_slice *element);
/* A string slice's text with its escapes resolved and a NUL, into out (room for len + 1
 * bytes); returns its length. */
size_t json_slice_text(const struct json_slice *string, char *out);

#endif
