/* html_parts: see html_parts.h. */
#include "out/html_parts.h"

#include <string.h>

#include "out/report_parts.h"

/* The entity of an ASCII character HTML must not see raw, or NULL. */
static const char *html_entity(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

void html_text(FILE *f, const char *text, bool breaks)
{
	size_t len = text ? strlen(text) : 0, at = 0, run = 0;
	while (at < len) {
		unsigned char b = (unsigned char)text[at];
		if (b >= 0x20 && b < 0x7f && !html_entity(b)) {
			at++; /* plain ASCII goes on in runs */
			continue;
		}
		fwrite(text + run, 1, at - run, f);
		struct report_char ch;
		report_char_next(text, len, &at, &ch);
		run = at;
		const char *entity = ch.len == 1 ? html_entity((unsigned char)ch.bytes[0]) : NULL;
		if (ch.class == REPORT_CHAR_BREAK)
			fputs(breaks ? "<br>" : " ", f);
		else if (ch.class == REPORT_CHAR_CONTROL)
			fputs(REPORT_REPLACEMENT, f);
		else if (entity)
			fputs(entity, f);
		else
			fwrite(ch.bytes, 1, ch.len, f);
	}
	fwrite(text + run, 1, at - run, f);
}

void html_page_start(FILE *f, const char *title, const char *style)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta name=\"generator\" content=\"klankbord\">\n<title>", f);
	html_text(f, title, false);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

void html_bar(FILE *f, long value, long top, const char *rect_attributes)
{
	long tenths = top > 0 && value > 0 ? (long)((double)value * 1000.0 / (double)top) : 0;
	if (value > 0 && tenths < 10)
		tenths = 10;
	fprintf(f, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
		"<rect%s%s x=\"0\" y=\"0\" width=\"%ld.%ld\" height=\"10\"/></svg>", rect_attributes ? " " : "",
		rect_attributes ? rect_attributes : "", tenths / 10, tenths % 10);
}
