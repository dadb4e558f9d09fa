/* html_parts: what the two HTML writers share (out/export_html.c, one session;
 * out/report_html.c, across sessions): text from outside escaped for HTML under the one
 * text rule, the page's head with its inline style sheet, and a bar of a chart in inline
 * SVG. Said once, so that both pages escape, begin and draw alike.
 *
 * Writes to the stream it is given and nothing else; never reads the database or a
 * document, never includes curses or SQLite, never exits. The style sheets stay with each
 * page (they lay out different pages). */
#ifndef KLANKBORD_HTML_PARTS_H
#define KLANKBORD_HTML_PARTS_H

#include <stdbool.h>
#include <stdio.h>

/* Text from outside (NULL: nothing): & < > " ' as entities, every character the text rule
 * (config/textsafe.h) calls unsafe as U+FFFD, a line break as <br> when breaks is set, as
 * a space otherwise (a title, an attribute, a table cell). Safe in an element and in a
 * quoted attribute. */
void html_text(FILE *f, const char *text, bool breaks);

/* From <!DOCTYPE html> to <body>: UTF-8, lang="en", a viewport for small screens, the
 * generator, the title (text from outside, escaped) and the page's style sheet, written
 * as <style>STYLE</style>. */
void html_page_start(FILE *f, const char *title, const char *style);

/* A horizontal bar of value against top, for a table cell: an SVG 100 units wide with one
 * rect, at least a sliver for any value above 0 (as the console draws one block); widths
 * in tenths of a unit, written without printf's locale. rect_attributes (NULL: none) are
 * written into the rect, before its geometry. */
void html_bar(FILE *f, long value, long top, const char *rect_attributes);

#endif
