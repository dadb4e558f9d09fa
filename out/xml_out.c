/* xml_out: see xml_out.h. */
#include "out/xml_out.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REPLACEMENT = 0xfffd };

void xml_out_free(struct xml_out *x)
{
	free(x->data);
	*x = (struct xml_out){ 0 };
}

void xml_raw(struct xml_out *x, const char *text, size_t len)
{
	if (x->failed)
		return;
	if (x->len + len + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 4096;
		while (cap < x->len + len + 1)
			cap *= 2;
		char *data = realloc(x->data, cap);
		if (!data) {
			x->failed = true;
			return;
		}
		x->data = data;
		x->cap = cap;
	}
	memcpy(x->data + x->len, text, len);
	x->len += len;
	x->data[x->len] = '\0';
}

static void put(struct xml_out *x, const char *text)
{
	xml_raw(x, text, strlen(text));
}

/* The next code point of s[*i..len), or -1 for a byte that does not start a well-formed
 * UTF-8 sequence (the caller then moves on by one byte). */
static int32_t next_code_point(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	int n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
	if (n == 0 || *i + (size_t)n >= len) {
		(*i)++;
		return -1;
	}
	int32_t cp = c & (0x3f >> n);
	for (int k = 1; k <= n; k++) {
		if ((s[*i + (size_t)k] & 0xc0) != 0x80) {
			(*i)++;
			return -1;
		}
		cp = cp << 6 | (s[*i + (size_t)k] & 0x3f);
	}
	static const int32_t least[] = { 0, 0x80, 0x800, 0x10000 };
	if (cp < least[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
		(*i)++;
		return -1;
	}
	*i += (size_t)n + 1;
	return cp;
}

/* What the rule makes of a code point: itself, '\n' for a carriage return, U+FFFD for
 * what XML forbids or discourages. A "\r\n" pair is handled by the caller. */
static int32_t allowed(int32_t cp)
{
	if (cp == '\r')
		return '\n';
	if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe
		|| cp == 0xffff)
		return REPLACEMENT;
	return cp;
}

static size_t encode(int32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Walks text by the rule, calling emit for each code point that remains. */
static void walk(const char *text, void (*emit)(void *ctx, int32_t cp), void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text), i = 0;
	while (i < len) {
		bool cr = s[i] == '\r';
		int32_t cp = allowed(next_code_point(s, len, &i));
		if (cr && i < len && s[i] == '\n')
			i++;
		emit(ctx, cp);
	}
}

static void emit_escaped(struct xml_out *x, int32_t cp, bool attribute)
{
	char bytes[4];
	switch (cp) {
	case '&': put(x, "&amp;"); return;
	case '<': put(x, "&lt;"); return;
	case '>': put(x, "&gt;"); return;
	case '"': put(x, "&quot;"); return;
	case '\t': if (attribute) { put(x, "&#9;"); return; } break;
	case '\n': if (attribute) { put(x, "&#10;"); return; } break;
	default: break;
	}
	xml_raw(x, bytes, encode(cp, bytes));
}

static void emit_attribute(void *ctx, int32_t cp)
{
	emit_escaped(ctx, cp, true);
}

static void emit_text(void *ctx, int32_t cp)
{
	emit_escaped(ctx, cp, false);
}

static void close_start(struct xml_out *x)
{
	if (x->open) {
		put(x, ">");
		x->open = false;
	}
}

static void indent(struct xml_out *x)
{
	put(x, "\n");
	for (int i = 0; i < x->depth; i++)
		put(x, "  ");
}

void xml_declaration(struct xml_out *x)
{
	put(x, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
}

void xml_start(struct xml_out *x, const char *name)
{
	close_start(x);
	if (x->len > 0)
		indent(x);
	put(x, "<");
	put(x, name);
	x->open = true;
	x->depth++;
}

void xml_attr(struct xml_out *x, const char *name, const char *value)
{
	if (!value)
		return;
	put(x, " ");
	put(x, name);
	put(x, "=\"");
	walk(value, emit_attribute, x);
	put(x, "\"");
}

void xml_attr_int(struct xml_out *x, const char *name, int64_t value)
{
	char text[24];
	snprintf(text, sizeof text, "%" PRId64, value);
	xml_attr(x, name, text);
}

void xml_end(struct xml_out *x, const char *name)
{
	x->depth--;
	if (x->open) {
		put(x, "/>");
		x->open = false;
	} else {
		indent(x);
		put(x, "</");
		put(x, name);
		put(x, ">");
	}
	if (x->depth == 0)
		put(x, "\n");
}

void xml_text_element(struct xml_out *x, const char *name, const char *text)
{
	if (!text || !*text)
		return;
	xml_start(x, name);
	close_start(x);
	walk(text, emit_text, x);
	put(x, "</");
	put(x, name);
	put(x, ">");
	x->depth--;
}

struct clean_buf {
	char *data;
	size_t len;
};

static void emit_clean(void *ctx, int32_t cp)
{
	struct clean_buf *b = ctx;
	b->len += encode(cp, b->data + b->len);
}

char *xml_clean(const char *text, size_t *len)
{
	/* Each input byte gives at most 3 output bytes (a bad byte becomes U+FFFD). */
	size_t in = strlen(text);
	struct clean_buf b = { malloc(in * 3 + 1), 0 };
	if (!b.data)
		return NULL;
	walk(text, emit_clean, &b);
	b.data[b.len] = '\0';
	if (len)
		*len = b.len;
	return b.data;
}

size_t xml_code_points(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xc0) != 0x80;
	return n;
}
