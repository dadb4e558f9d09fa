/* json: see json.h. */
#include "sessions/json.h"

#include <inttypes.h>
#include <stdalign.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/textsafe.h"
#include "config/textscan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* The tree's nodes (and the objects' key lists) come from chunks owned by the root, the
 * first one carved from the same allocation as the string pool, so a small document is
 * one malloc() and one free(). A container's members are gathered on the parser's stack
 * while they are read, and copied into a chunk once it closes: nested containers close
 * first, so the stack only ever holds the open containers' members. */
struct json_chunk {
	struct json_chunk *next;
	size_t used, cap;
	alignas(max_align_t) unsigned char data[];
};

enum { JSON_STACK_HERE = 32, JSON_CHUNK_MIN = 4096 };

struct parser {
	const char *p, *end;
	int depth;
	char *pool;           /* every string of the tree, one after another (see json_parse) */
	size_t used, cap;
	struct json_chunk *chunks;   /* the root's, newest first */
	struct json_value *stack;    /* the members of the open containers */
	char **stack_keys;
	int sp, stack_cap;
	struct json_value stack_here[JSON_STACK_HERE];
	char *keys_here[JSON_STACK_HERE];
};

/* Room for size bytes (aligned) in the tree's chunks, or NULL. */
static void *chunk_take(struct parser *ps, size_t size)
{
	size = (size + alignof(max_align_t) - 1) / alignof(max_align_t) * alignof(max_align_t);
	struct json_chunk *c = ps->chunks;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > JSON_CHUNK_MIN ? size : JSON_CHUNK_MIN;
		if (!(c = malloc(sizeof *c + cap)))
			return NULL;
		*c = (struct json_chunk){ .next = ps->chunks, .cap = cap };
		ps->chunks = c;
	}
	void *at = c->data + c->used;
	c->used += size;
	return at;
}

static bool stack_grow(struct parser *ps)
{
	int cap = ps->stack_cap * 2;
	bool here = ps->stack == ps->stack_here;
	struct json_value *values = here ? malloc((size_t)cap * sizeof *values)
		: realloc(ps->stack, (size_t)cap * sizeof *values);
	if (!values)
		return false;
	if (here)
		memcpy(values, ps->stack_here, sizeof ps->stack_here);
	ps->stack = values;
	char **keys = here ? malloc((size_t)cap * sizeof *keys) : realloc(ps->stack_keys, (size_t)cap * sizeof *keys);
	if (!keys)
		return false;
	if (here)
		memcpy(keys, ps->keys_here, sizeof ps->keys_here);
	ps->stack_keys = keys;
	ps->stack_cap = cap;
	return true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where the spaces from p end. */
static inline const char *spaces_end(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

/* Moves *p past word when the text at *p is word. */
static bool literal(const char **p, const char *end, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(end - *p) < n || memcmp(*p, word, n) != 0)
		return false;
	*p += n;
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

/* Where the run of plain string bytes from p stops: at a quote, a backslash, a control
 * character or end: sixteen bytes at a time (SSE2), else eight, while all are plain. */
static inline const char *plain_end(const char *p, const char *end)
{
#ifdef __SSE2__
	/* where the processor has SSE2 (every x86-64) */
	const __m128i quote16 = _mm_set1_epi8('"'), slash16 = _mm_set1_epi8('\\'), below16 = _mm_set1_epi8(0x1f);
	while (end - p >= 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote16), _mm_cmpeq_epi8(x, slash16)),
			_mm_cmpeq_epi8(_mm_min_epu8(x, below16), x)); /* x <= 0x1f, unsigned */
		unsigned mask = (unsigned)_mm_movemask_epi8(hit);
		if (mask)
			return p + __builtin_ctz(mask);
		p += 16;
	}
#endif
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	while (end - p >= 8) {
		uint64_t x;
		memcpy(&x, p, 8);
		uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
		/* a zero byte in quote or slash, or a byte below 0x20 in x (high bytes excluded) */
		uint64_t hit = (((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((x - ones * 0x20) & ~x)) & highs;
		if (hit) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* The lowest flagged byte is a true one (a borrow only flags bytes above a
			 * true one), and the first in the text. */
			return p + __builtin_ctzll(hit) / 8;
#else
			for (int i = 0; i < 8; i++)
				if (p[i] == '"' || p[i] == '\\' || (unsigned char)p[i] < 0x20)
					return p + i;
#endif
		}
		p += 8;
	}
	while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	return p;
}

/* The closing quote of the string whose text starts at start, or NULL when there is none;
 * *plain says the text holds no escape and no control character (the common string: it
 * is copied whole). */
static inline const char *string_end(const char *start, const char *end, bool *plain)
{
	const char *p = plain_end(start, end);
	*plain = p < end && *p == '"';
	if (*plain)
		return p;
	while (p < end && *p != '"') {
		if (*p == '\\')
			p++;
		p++;
	}
	return p < end ? p : NULL;
}

/* Resolves the escapes of the string text [start, stop) into out (room: stop - start + 1;
 * NULL only checks) and ends it with a NUL; its length, or SIZE_MAX when it holds a control
 * character, a bad escape, a lone surrogate or \u0000. Unescaped text is never longer than
 * the escaped one. */
static size_t unescape(const char *start, const char *stop, char *out)
{
	char scratch[4];
	size_t n = 0;
	for (const char *q = start; q < stop; q++) {
		char *to = out ? out + n : scratch;
		if ((unsigned char)*q < 0x20 || *q == '\0')
			return SIZE_MAX;
		if (*q != '\\') {
			*to = *q;
			n++;
			continue;
		}
		q++;
		char c;
		switch (*q) {
		case '"': c = '"'; break;
		case '\\': c = '\\'; break;
		case '/': c = '/'; break;
		case 'b': c = '\b'; break;
		case 'f': c = '\f'; break;
		case 'n': c = '\n'; break;
		case 'r': c = '\r'; break;
		case 't': c = '\t'; break;
		case 'u': {
			if (stop - q < 5)
				return SIZE_MAX;
			long cp = hex4(q + 1);
			q += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && stop - q >= 7 && q[1] == '\\' && q[2] == 'u') {
				long lo = hex4(q + 3);
				if (lo >= 0xdc00 && lo <= 0xdfff) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					q += 6;
				}
			}
			if (cp <= 0 || (cp >= 0xd800 && cp <= 0xdfff))
				return SIZE_MAX;
			n += textscan_encode((unsigned)cp, to);
			continue;
		}
		default:
			return SIZE_MAX;
		}
		*to = c;
		n++;
	}
	if (out)
		out[n] = '\0';
	return n;
}

/* Parses a string at ps->p (on the opening quote); returns it in the pool, or NULL. */
static char *parse_string(struct parser *ps)
{
	const char *start = ps->p + 1;
	bool plain;
	const char *stop = string_end(start, ps->end, &plain);
	if (!stop)
		return NULL;
	size_t room = (size_t)(stop - start) + 1;
	char *out = pool_take(ps, room);
	if (!out)
		return NULL;
	if (plain) {
		memcpy(out, start, room - 1);
		out[room - 1] = '\0';
	} else {
		size_t n = unescape(start, stop, out);
		if (n == SIZE_MAX) {
			ps->used -= room;
			return NULL;
		}
		ps->used -= room - (n + 1); /* give back what the escapes saved */
	}
	ps->p = stop + 1;
	return out;
}

static bool parse_value(struct parser *ps, struct json_value *v);

/* The members of the container ps->p opens, into v once it closes. */
static bool parse_members(struct parser *ps, struct json_value *v, bool object)
{
	char close = object ? '}' : ']';
	ps->p++;
	ps->p = spaces_end(ps->p, ps->end);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return true;
	}
	int base = ps->sp;
	for (;;) {
		char *key = NULL;
		if (object) {
			ps->p = spaces_end(ps->p, ps->end);
			if (ps->p >= ps->end || *ps->p != '"' || !(key = parse_string(ps)))
				return false;
			ps->p = spaces_end(ps->p, ps->end);
			if (ps->p >= ps->end || *ps->p != ':')
				return false;
			ps->p++;
		}
		struct json_value item = { 0 };
		if (!parse_value(ps, &item))
			return false;
		if (ps->sp == ps->stack_cap && !stack_grow(ps))
			return false;
		ps->stack[ps->sp] = item;
		ps->stack_keys[ps->sp++] = key;
		ps->p = spaces_end(ps->p, ps->end);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p >= ps->end || *ps->p != close)
			return false;
		ps->p++;
		int n = ps->sp - base;
		if (!(v->items = chunk_take(ps, (size_t)n * sizeof *v->items)))
			return false;
		memcpy(v->items, ps->stack + base, (size_t)n * sizeof *v->items);
		if (object) {
			if (!(v->keys = chunk_take(ps, (size_t)n * sizeof *v->keys)))
				return false;
			memcpy(v->keys, ps->stack_keys + base, (size_t)n * sizeof *v->keys);
		}
		v->n_items = n;
		ps->sp = base;
		return true;
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

/* The number of n bytes at p: a whole number of at most 15 digits is exact in a double and
 * read directly (strtod() gives the same value); any other through strtod(). */
static bool parse_number(const char *p, size_t n, double *out)
{
	bool negative = *p == '-';
	size_t d = n - negative;
	if (d <= 15 && digits(p + negative, p + n) == d) {
		int64_t v = 0;
		for (size_t i = negative; i < n; i++)
			v = v * 10 + (p[i] - '0');
		*out = negative ? -(double)v : (double)v;
		return true;
	}
	char num[64];
	if (n >= sizeof num)
		return false;
	memcpy(num, p, n);
	num[n] = '\0';
	char *endp;
	*out = strtod(num, &endp);
	return *endp == '\0' && isfinite(*out);
}

/* A literal or a number at *p (both readers' scalars), stepping *p past it. */
static bool scalar(const char **p, const char *end, enum json_type *type, bool *boolean, double *number)
{
	switch (**p) {
	case 't':
		*type = JSON_BOOL;
		*boolean = true;
		return literal(p, end, "true");
	case 'f':
		*type = JSON_BOOL;
		*boolean = false;
		return literal(p, end, "false");
	case 'n':
		*type = JSON_NULL;
		return literal(p, end, "null");
	default: {
		size_t n = number_length(*p, end);
		*type = JSON_NUMBER;
		if (n == 0 || !parse_number(*p, n, number))
			return false;
		*p += n;
		return true;
	}
	}
}

static bool parse_value(struct parser *ps, struct json_value *v)
{
	ps->p = spaces_end(ps->p, ps->end);
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
	default:
		return scalar(&ps->p, ps->end, &v->type, &v->boolean, &v->number);
	}
}

struct json_value *json_parse(const char *text, size_t len)
{
	/* Every string is at least its two quotes long in the text and never longer unescaped,
	 * so len + 1 bytes hold them all with their NULs. The root, the pool and a first chunk
	 * of nodes (four bytes per byte of text, up to JSON_CHUNK_MIN: an event's payload
	 * needs about two) are one allocation. */
	size_t align = alignof(max_align_t);
	size_t pool_room = (len + 1 + align - 1) / align * align;
	size_t first = len < JSON_CHUNK_MIN / 4 ? (len * 4 + align - 1) / align * align + 8 * align : JSON_CHUNK_MIN;
	size_t head = (sizeof(struct json_value) + align - 1) / align * align;
	size_t chunk_head = (sizeof(struct json_chunk) + align - 1) / align * align;
	if (len > SIZE_MAX / 2)
		return NULL;
	unsigned char *block = malloc(head + chunk_head + first + pool_room);
	if (!block)
		return NULL;
	struct json_value *v = (struct json_value *)block;
	*v = (struct json_value){ 0 };
	struct json_chunk *c = (struct json_chunk *)(block + head);
	*c = (struct json_chunk){ .cap = first };
	struct parser ps = { .p = text, .end = text + len, .pool = (char *)(block + head + chunk_head + first),
		.cap = len + 1, .chunks = c, .stack_cap = JSON_STACK_HERE };
	ps.stack = ps.stack_here;
	ps.stack_keys = ps.keys_here;
	bool ok = parse_value(&ps, v);
	ps.p = spaces_end(ps.p, ps.end);
	if (ps.stack != ps.stack_here)
		free(ps.stack);
	if (ps.stack_keys != ps.keys_here)
		free(ps.stack_keys);
	v->pool = (char *)block;       /* the root's: freed with its chunks by json_free() */
	v->chunks = ps.chunks;
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
	/* the last chunk is the one inside the root's block */
	struct json_chunk *c = value->chunks;
	while (c && c->next) {
		struct json_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(value->pool);
}

/* ---- reading without a tree ---- */

/* Where a scan is: the same fields as struct parser's first, nothing to build. */
struct scanner {
	const char *p, *end;
	int depth;
};

static bool scan_value(struct scanner *ps, struct json_slice *v);

static bool scan_string(struct scanner *ps, struct json_slice *v)
{
	const char *start = ps->p + 1;
	bool plain;
	const char *stop = string_end(start, ps->end, &plain);
	if (!stop || (!plain && unescape(start, stop, NULL) == SIZE_MAX))
		return false;
	*v = (struct json_slice){ .type = JSON_STRING, .text = start, .len = (size_t)(stop - start), .escaped = !plain };
	ps->p = stop + 1;
	return true;
}

/* Room for one more member (counted already), or NULL. */
static struct json_member *members_add(struct json_members *m)
{
	if (m->n >= JSON_MEMBERS_HERE && (m->n & (m->n - 1)) == 0) {
		struct json_member *more = realloc(m->more, (size_t)m->n * 2 * sizeof *more);
		if (!more)
			return NULL;
		m->more = more;
	}
	struct json_member *at = m->n < JSON_MEMBERS_HERE ? &m->here[m->n] : &m->more[m->n - JSON_MEMBERS_HERE];
	m->n++;
	return at;
}

/* The members of the container ps->p opens, as parse_members() reads them; an object's
 * go into out when it is not NULL. */
static bool scan_members(struct scanner *ps, bool object, struct json_members *out, int *n)
{
	char close = object ? '}' : ']';
	*n = 0;
	ps->p++;
	ps->p = spaces_end(ps->p, ps->end);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return true;
	}
	for (;;) {
		/* a member of out is read in place */
		struct json_member here, *m = out ? members_add(out) : &here;
		if (!m)
			return false;
		if (object) {
			ps->p = spaces_end(ps->p, ps->end);
			if (ps->p >= ps->end || *ps->p != '"' || !scan_string(ps, &m->key))
				return false;
			ps->p = spaces_end(ps->p, ps->end);
			if (ps->p >= ps->end || *ps->p != ':')
				return false;
			ps->p++;
		}
		if (!scan_value(ps, &m->value))
			return false;
		(*n)++;
		ps->p = spaces_end(ps->p, ps->end);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p >= ps->end || *ps->p != close)
			return false;
		ps->p++;
		return true;
	}
}

/* One value, as parse_value() reads it, into a slice. */
static bool scan_value(struct scanner *ps, struct json_slice *v)
{
	ps->p = spaces_end(ps->p, ps->end);
	if (ps->p >= ps->end)
		return false;
	*v = (struct json_slice){ .text = ps->p };
	switch (*ps->p) {
	case '{':
	case '[': {
		if (++ps->depth > JSON_DEPTH_MAX)
			return false;
		v->type = *ps->p == '{' ? JSON_OBJECT : JSON_ARRAY;
		bool ok = scan_members(ps, v->type == JSON_OBJECT, NULL, &v->n_items);
		ps->depth--;
		v->len = (size_t)(ps->p - v->text);
		return ok;
	}
	case '"':
		return scan_string(ps, v);
	default:
		if (!scalar(&ps->p, ps->end, &v->type, &v->boolean, &v->number))
			return false;
		v->len = (size_t)(ps->p - v->text);
		return true;
	}
}

bool json_scan_object(const char *text, size_t len, struct json_members *out)
{
	out->n = 0;
	out->more = NULL;
	struct scanner ps = { .p = text, .end = text + len };
	ps.p = spaces_end(ps.p, ps.end);
	if (ps.p >= ps.end || *ps.p != '{')
		return false;
	ps.depth = 1;
	int n;
	bool ok = scan_members(&ps, true, out, &n);
	ps.p = spaces_end(ps.p, ps.end);
	if (!ok || ps.p != ps.end) {
		json_members_free(out);
		return false;
	}
	return true;
}

void json_members_free(struct json_members *members)
{
	if (!members)
		return;
	free(members->more);
	members->more = NULL;
	members->n = 0;
}

/* Whether the key slice reads key (escapes resolved). */
static inline bool key_is(const struct json_slice *slice, const char *key, size_t key_len)
{
	if (!slice->escaped) /* most keys differ in length, their first or their last byte */
		return slice->len == key_len && (key_len == 0 || (slice->text[0] == key[0]
			&& slice->text[key_len - 1] == key[key_len - 1] && memcmp(slice->text, key, key_len) == 0));
	if (slice->len < key_len)
		return false;
	char small[64];
	char *text = slice->len < sizeof small ? small : malloc(slice->len + 1);
	bool same = text && json_slice_text(slice, text) == key_len && memcmp(text, key, key_len) == 0;
	if (text != small)
		free(text);
	return same;
}

const struct json_slice *json_members_get(const struct json_members *members, const char *key)
{
	if (!members)
		return NULL;
	size_t key_len = strlen(key);
	int here = members->n < JSON_MEMBERS_HERE ? members->n : JSON_MEMBERS_HERE;
	for (int i = 0; i < here; i++)
		if (key_is(&members->here[i].key, key, key_len))
			return &members->here[i].value;
	for (int i = JSON_MEMBERS_HERE; i < members->n; i++)
		if (key_is(&members->more[i - JSON_MEMBERS_HERE].key, key, key_len))
			return &members->more[i - JSON_MEMBERS_HERE].value;
	return NULL;
}

bool json_slice_next(const struct json_slice *array, size_t *at, struct json_slice *element)
{
	if (array->type != JSON_ARRAY)
		return false;
	/* *at: 0 before the first element, else just after the last one read */
	struct scanner ps = { .p = array->text + (*at ? *at : 1), .end = array->text + array->len, .depth = 1 };
	ps.p = spaces_end(ps.p, ps.end);
	if (ps.p < ps.end && *ps.p == ',')
		ps.p++;
	ps.p = spaces_end(ps.p, ps.end);
	if (ps.p >= ps.end || *ps.p == ']' || !scan_value(&ps, element))
		return false;
	*at = (size_t)(ps.p - array->text);
	return true;
}

size_t json_slice_text(const struct json_slice *string, char *out)
{
	if (!string->escaped) {
		memcpy(out, string->text, string->len);
		out[string->len] = '\0';
		return string->len;
	}
	size_t n = unescape(string->text, string->text + string->len, out);
	return n == SIZE_MAX ? 0 : n; /* a slice of json_scan_object() was checked */
}

const struct json_value *json_get(const struct json_value *object, const char *key)
{
	if (!object || object->type != JSON_OBJECT)
		return NULL;
	for (int i = 0; i < object->n_items; i++)
		if (object->keys[i][0] == key[0] && strcmp(object->keys[i], key) == 0)
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
