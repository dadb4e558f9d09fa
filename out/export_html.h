/* export_html: the Markdown report's content (export_md.h) as one self-contained,
 * printable HTML5 file (docs/export-formats.md), a writer over the export document.
 *
 * Inline CSS (with a print style) and inline SVG bar charts: one bar (<rect>) per option
 * of every counted vote, per value of a scale, per position of a consent, and one per
 * code for the contributions per code. It refers to nothing outside itself: no URL, font,
 * image or script, so it opens the same offline, from a USB stick or a mail attachment.
 * UTF-8 with <meta charset>, lang="en" for its own words, dir="auto" on every element
 * that holds text from outside (Arabic and Persian read right to left).
 *
 * Writes only what the document holds (export_doc.h applies the privacy options); the
 * same consent rules as the Markdown report: quotes carry a speaker's id only when
 * quotable, retracted contributions are left out. Every text from outside is
 * HTML-escaped (& < > " '), control characters become U+FFFD, line breaks <br>.
 * Vote results are said with result_text.h. Never prints anything but the page; never
 * exits. */
#ifndef KLANKBORD_EXPORT_HTML_H
#define KLANKBORD_EXPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "out/export_doc.h"

/* Writes the page to out. Returns 0, or EX_IOERR or EX_OSERR with a message. */
int export_html_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen);

#endif
