/* json: see json.h. */
#include "sessions/json.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/textsafe.h"
#include "config/textscan.h"

/* ---- writer ---- */

static void put(struct json_buf *buf, const char *text, size_t len)
{
	if (buf->failed)
		return;
	if (buf->len + len + 1 > buf->cap) {
		size_t cap = buf->cap ? buf->cap : 256;
		while (cap < buf->len + len + 1)
			cap *= 2;
		char *data = realloc(buf->data, cap);
		if (!data) {
			buf->failed = true;
			return;
		}
		buf->data = data;
		buf->cap = cap;
	}
	memcpy(buf->data + buf->len, text, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

static void separate(struct json_buf *buf)
{
	if (buf->len > 0 && !strchr("{[:,", buf->data[buf->len - 1]))
		put(buf, ",", 1);
}

void json_buf_free(struct json_buf *buf)
{
	if (!buf)
		return;
	free(buf->data);
	*buf = (struct json_buf){ 0 };
}

void json_object_begin(struct json_buf *buf) { separate(buf); put(buf, "{", 1); }
void json_object_end(struct json_buf *buf) { put(buf, "}", 1); }
void json_array_begin(struct json_buf *buf) { separate(buf); put(buf, "[", 1); }
void json_array_end(struct json_buf *buf) { put(buf, "]", 1); }

/* Writes text as a JSON string. What textsafe.h calls unsafe (controls, bidirectional
 * overrides, invisible characters) is written as a \u escape, so no export, listing or
 * search result can steer a terminal it is shown on; a byte that is not UTF-8 becomes
 * \ufffd, so the output is always JSON. Printable ASCII and other characters pass as they
 * are, in runs. */
static void put_escaped(struct json_buf *buf, const char *text)
{
	put(buf, "\"", 1);
	const char *run = text;
	for (const char *p = text; *p;) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			p++;
			continue;
		}
		unsigned cp = c;
		bool valid = true;
		/* 4: a sequence's longest; decoding stops at the terminating NUL, which is no
		 * continuation byte */
		size_t n = c < 0x80 ? 1 : textsafe_next(p, 4, &cp, &valid);
		if (valid && c >= 0x80 && !textsafe_unsafe(cp)) {
			p += n;
			continue;
		}
		put(buf, run, (size_t)(p - run));
		char esc[8];
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof esc, "\\%c", c);
		else
			snprintf(esc, sizeof esc, "\\u%04x", cp);
		put(buf, esc, strlen(esc));
		p += n;
		run = p;
	}
	put(buf, run, strlen(run));
	put(buf, "\"", 1);
}

void json_key(struct json_buf *buf, const char *key)
{
	separate(buf);
	put_escaped(buf, key);
	put(buf, ":", 1);
}

void json_string(struct json_buf *buf, const char *text)
{
	if (!text) {
		json_null(buf);
		return;
	}
	separate(buf);
	put_escaped(buf, text);
}

void json_int(struct json_buf *buf, int64_t value)
{
	char num[32];
	snprintf(num, sizeof num, "%" PRId64, value);
	separate(buf);
	put(buf, num, strlen(num));
}

void json_bool(struct json_buf *buf, bool value)
{
	separate(buf);
	put(buf, value ? "true" : "false", value ? 4 : 5);
}

void json_null(struct json_buf *buf)
{
	separate(buf);
	put(buf, "null", 4);
}

void json_raw(struct json_buf *buf, const char *json)
{
	separate(buf);
	put(buf, json, strlen(json));
}

void json_member_string(struct json_buf *buf, const char *key, const char *text)
{
	json_key(buf, key);
	json_string(buf, text);
}

void json_member_int(struct json_buf *buf, const char *key, int64_t value)
{
	json_key(buf, key);
	json_int(buf, value);
}

void json_member_bool(struct json_buf *buf, const char *key, bool value)
{
	json_key(buf, key);
	json_bool(buf, value);
}

void json_member_strings(struct json_buf *buf, const char *key, const char *const *texts, int n)
{
	json_key(buf, key);
	json_array_begin(buf);
	for (int i = 0; i < n; i++)
		json_string(buf, texts[i]);
	json_array_end(buf);
}

void json_member_ints(struct json_buf *buf, const char *key, const int *values, int n)
{
	json_key(buf, key);
	json_array_begin(buf);
	for (int i = 0; i < n; i++)
		json_int(buf, values[i]);
	json_array_end(buf);
}

void json_space_list(struct json_buf *buf, const char *words)
{
	json_array_begin(buf);
	for (const char *p = words ? words : ""; *p;) {
		size_t len = strcspn(p, " ");
		if (len) {
			char *word = strndup(p, len);
			if (!word)
				buf->failed = true;
			else
				json_string(buf, word);
			free(word);
		}
		p += len + (p[len] == ' ');
	}
	json_array_end(buf);
}

/* ---- reader ---- */

struct parser {
	const char *p, *end;
	int depth;
	char *pool;           /* every string of the tree, one after another (see json_parse) */
	size_t used, cap;
};

static void skip_space(struct parser *ps)
{
	while (ps->p < ps->end && strchr(" \t\r\n", *ps->p) && *ps->p)
		ps->p++;
}

static bool literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return false;
	ps->p += n;
	return true;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= c - '0';
		else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
		else return -1;
	}
	return v;
}

/* Room for n bytes in the tree's string pool, or NULL. */
static char *pool_take(struct parser *ps, size_t n)
{
	if (n > ps->cap - ps->used)
		return NULL;
	char *at = ps->pool + ps->used;
	ps->used += n;
	return at;
}

/* Parses a string at ps->p (on the opening quote); returns it in the pool, or NULL. */
static char *parse_string(struct parser *ps)
{
	ps->p++;
	const char *start = ps->p;
	/* The common string has no escape and no control character: one pass finds its end,
	 * and it is copied whole. */
	const char *stop = start;
	while (stop < ps->end && *stop != '"' && *stop != '\\' && (unsigned char)*stop >= 0x20)
		stop++;
	if (stop < ps->end && *stop == '"') {
		char *plain = pool_take(ps, (size_t)(stop - start) + 1);
		if (!plain)
			return NULL;
		memcpy(plain, start, (size_t)(stop - start));
		plain[stop - start] = '\0';
		ps->p = stop + 1;
		return plain;
	}
	while (ps->p < ps->end && *ps->p != '"') {
		if (*ps->p == '\\')
			ps->p++;
		ps->p++;
	}
	if (ps->p >= ps->end)
		return NULL;
	/* Unescaped text is never longer than the escaped one. */
	size_t room = (size_t)(ps->p - start) + 1;
	char *out = pool_take(ps, room);
	if (!out)
		return NULL;
	size_t n = 0;
	for (const char *q = start; q < ps->p; q++) {
		if ((unsigned char)*q < 0x20 || *q == '\0')
			goto fail;
		if (*q != '\\') {
			out[n++] = *q;
			continue;
		}
		q++;
		switch (*q) {
		case '"': out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; break;
		case '/': out[n++] = '/'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u': {
			if (ps->p - q < 5)
				goto fail;
			long cp = hex4(q + 1);
			q += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && ps->p - q >= 7 && q[1] == '\\' && q[2] == 'u') {
				long lo = hex4(q + 3);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					q += 6;
				}
			}
			if (cp <= 0 || (cp >= 0xd800 && cp <= 0xdfff))
				goto fail;
			n += textscan_encode((unsigned)cp, out + n);
			break;
		}
		default:
			goto fail;
		}
	}
	out[n] = '\0';
	ps->used -= room - (n + 1); /* give back what the escapes saved */
	ps->p++;
	return out;
fail:
	ps->used -= room;
	return NULL;
}

/* Frees a value's arrays (its strings live in the root's pool). */
static void value_clear(struct json_value *v)
{
	for (int i = 0; i < v->n_items; i++)
		value_clear(&v->items[i]);
	free(v->items);
	free(v->keys);
}

static bool parse_value(struct parser *ps, struct json_value *v);

static bool parse_members(struct parser *ps, struct json_value *v, bool object)
{
	char close = object ? '}' : ']';
	ps->p++;
	skip_space(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return true;
	}
	int cap = 0;
	for (;;) {
		if (v->n_items == cap) {
			cap = cap ? cap * 2 : 4;
			struct json_value *items = realloc(v->items, (size_t)cap * sizeof *items);
			if (!items)
				return false;
			v->items = items;
			if (object) {
				char **keys = realloc(v->keys, (size_t)cap * sizeof *keys);
				if (!keys)
					return false;
				v->keys = keys;
			}
		}
		struct json_value *item = &v->items[v->n_items];
		*item = (struct json_value){ 0 };
		if (object) {
			v->keys[v->n_items] = NULL;
			skip_space(ps);
			if (ps->p >= ps->end || *ps->p != '"')
				return false;
			v->n_items++;
			if (!(v->keys[v->n_items - 1] = parse_string(ps)))
				return false;
			skip_space(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return false;
			ps->p++;
		} else {
			v->n_items++;
		}
		if (!parse_value(ps, item))
			return false;
		skip_space(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return true;
		}
		return false;
	}
}

static size_t digits(const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end && p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

/* The length of the JSON number at p (RFC 8259: -? (0 | [1-9][0-9]*) (.[0-9]+)?
 * ([eE][+-]?[0-9]+)?), or 0 when none starts there: "01", "1.", ".5", "+1" are refused. */
static size_t number_length(const char *p, const char *end)
{
	const char *q = p;
	if (q < end && *q == '-')
		q++;
	size_t n = digits(q, end);
	if (n == 0 || (n > 1 && *q == '0'))
		return 0;
	q += n;
	if (q < end && *q == '.') {
		n = digits(q + 1, end);
		if (n == 0)
			return 0;
		q += 1 + n;
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		const char *e = q + 1;
		if (e < end && (*e == '+' || *e == '-'))
			e++;
		n = digits(e, end);
		if (n == 0)
			return 0;
		q = e + n;
	}
	return (size_t)(q - p);
}

static bool parse_value(struct parser *ps, struct json_value *v)
{
	skip_space(ps);
	if (ps->p >= ps->end)
		return false;
	switch (*ps->p) {
	case '{':
	case '[': {
		if (++ps->depth > JSON_DEPTH_MAX)
			return false;
		v->type = *ps->p == '{' ? JSON_OBJECT : JSON_ARRAY;
		bool ok = parse_members(ps, v, v->type == JSON_OBJECT);
		ps->depth--;
		return ok;
	}
	case '"':
		v->type = JSON_STRING;
		return (v->string = parse_string(ps)) != NULL;
	case 't':
		v->type = JSON_BOOL;
		v->boolean = true;
		return literal(ps, "true");
	case 'f':
		v->type = JSON_BOOL;
		return literal(ps, "false");
	case 'n':
		v->type = JSON_NULL;
		return literal(ps, "null");
	default: {
		char num[64];
		size_t n = number_length(ps->p, ps->end);
		if (n == 0 || n >= sizeof num)
			return false;
		memcpy(num, ps->p, n);
		num[n] = '\0';
		char *endp;
		v->type = JSON_NUMBER;
		v->number = strtod(num, &endp);
		ps->p += n;
		return n > 0 && *endp == '\0' && isfinite(v->number);
	}
	}
}

struct json_value *json_parse(const char *text, size_t len)
{
	/* Every string is at least its two quotes long in the text and never longer unescaped,
	 * so len + 1 bytes hold them all with their NULs: one allocation instead of one each. */
	struct parser ps = { text, text + len, 0, malloc(len + 1), 0, len + 1 };
	struct json_value *v = ps.pool ? calloc(1, sizeof *v) : NULL;
	if (!v) {
		free(ps.pool);
		return NULL;
	}
	v->pool = ps.pool;
	bool ok = parse_value(&ps, v);
	skip_space(&ps);
	if (!ok || ps.p != ps.end) {
		json_free(v);
		return NULL;
	}
	return v;
}

void json_free(struct json_value *value)
{
	if (!value)
		return;
	value_clear(value);
	free(value->pool);
	free(value);
}

const struct json_value *json_get(const struct json_value *object, const char *key)
{
	if (!object || object->type != JSON_OBJECT)
		return NULL;
	for (int i = 0; i < object->n_items; i++)
		if (strcmp(object->keys[i], key) == 0)
			return &object->items[i];
	return NULL;
}

const char *json_get_string(const struct json_value *object, const char *key)
{
	const struct json_value *v = json_get(object, key);
	return v && v->type == JSON_STRING ? v->string : NULL;
}

int64_t json_get_int(const struct json_value *object, const char *key, int64_t fallback)
{
	const struct json_value *v = json_get(object, key);
	if (!v || v->type != JSON_NUMBER || v->number < -9.0e18 || v->number > 9.0e18)
		return fallback;
	return (int64_t)v->number;
}

bool json_get_bool(const struct json_value *object, const char *key, bool fallback)
{
	const struct json_value *v = json_get(object, key);
	return v && v->type == JSON_BOOL ? v->boolean : fallback;
}
