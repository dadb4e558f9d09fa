/* xml_out: see xml_out.h. */
#include "out/xml_out.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/textsafe.h"

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

/* What the rule makes of the character at text[*i..len), moving *i past it: itself; '\n'
 * for a carriage return (and for a "\r\n" pair); U+FFFD for what config/textsafe.h calls
 * unsafe (tab and newline aside), for U+FFFE and U+FFFF (XML forbids them), and for a
 * byte that is not UTF-8. */
static unsigned next_allowed(const char *text, size_t len, size_t *i)
{
	unsigned cp;
	bool valid;
	*i += textsafe_next(text + *i, len - *i, &cp, &valid);
	if (cp == '\r') {
		if (*i < len && text[*i] == '\n')
			(*i)++;
		return '\n';
	}
	if (!valid || cp == 0xfffe || cp == 0xffff || (cp != '\t' && cp != '\n' && textsafe_unsafe(cp)))
		return TEXTSAFE_REPLACEMENT;
	return cp;
}

static size_t encode(unsigned cp, char *out)
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
static void walk(const char *text, void (*emit)(void *ctx, unsigned cp), void *ctx)
{
	size_t len = strlen(text), i = 0;
	while (i < len)
		emit(ctx, next_allowed(text, len, &i));
}

static void emit_escaped(struct xml_out *x, unsigned cp, bool attribute)
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

static void emit_attribute(void *ctx, unsigned cp)
{
	emit_escaped(ctx, cp, true);
}

static void emit_text(void *ctx, unsigned cp)
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

static void emit_clean(void *ctx, unsigned cp)
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
