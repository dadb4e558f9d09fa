/* xml_out: a small XML writer for the REFI-QDA exports, and the one rule for the text
 * they carry (docs/refi-qda.md, "Text").
 *
 * The rule, for every text and attribute written and for the plain-text sources: UTF-8,
 * no byte-order mark; "\r\n" and a lone "\r" become "\n"; U+FFFD (the replacement
 * character) stands for each character config/textsafe.h calls unsafe other than tab and
 * newline (C0 controls, DEL, C1 controls, bidirectional embeddings, overrides and
 * isolates, zero-width space, U+2060-U+2064, U+FEFF: the one rule for text from outside),
 * for U+FFFE and U+FFFF (XML 1.0 forbids them), and for each byte that is not part of
 * well-formed UTF-8 (overlong forms and surrogates included). ZWNJ, ZWJ and the
 * direction marks are kept. xml_clean() applies it to a string; the writer applies it
 * again to what it escapes (& < > " always; tab and newline as &#9; &#10; inside
 * attributes), so nothing raw reaches the file.
 *
 * A struct xml_out owns its growing buffer until xml_out_free() (which accepts a zeroed
 * one). Elements nest by the caller's calls: xml_start, attributes, children or text,
 * xml_end; an element with no children closes as <Name .../>. Never prints, never exits;
 * when memory runs out, failed is set and the rest is not written. */
#ifndef KLANKBORD_XML_OUT_H
#define KLANKBORD_XML_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xml_out {
	char *data;       /* NUL-terminated once anything was written */
	size_t len, cap;
	bool failed;
	int depth;
	bool open;        /* the last start tag still waits for its '>' */
};

void xml_out_free(struct xml_out *x);
/* Appends bytes as they are (the caller's own markup or cleaned text). */
void xml_raw(struct xml_out *x, const char *text, size_t len);
/* <?xml version="1.0" encoding="UTF-8" standalone="yes"?> and a newline. */
void xml_declaration(struct xml_out *x);
void xml_start(struct xml_out *x, const char *name);
/* An attribute of the element just started; value NULL writes nothing. */
void xml_attr(struct xml_out *x, const char *name, const char *value);
void xml_attr_int(struct xml_out *x, const char *name, int64_t value);
void xml_end(struct xml_out *x, const char *name);
/* <name>text</name> as a child; text NULL or empty writes nothing (lists and empty
 * elements are left out rather than written empty). */
void xml_text_element(struct xml_out *x, const char *name, const char *text);

/* The text after the rule above, malloc'd for the caller to free, its byte length in
 * *len when len is not NULL; NULL when out of memory. */
char *xml_clean(const char *text, size_t *len);
/* Code points in len bytes of well-formed UTF-8 (xml_clean's output). */
size_t xml_code_points(const char *text, size_t len);

#endif
