/* errmsg: fills the caller's message buffer (char *err, size_t errlen) that refusing
 * functions across the project take.
 *
 * Pure: no allocation, no I/O. A NULL or zero-length buffer is allowed; a message too
 * long for it is cut at a character boundary and ends with "…" (never inside a UTF-8
 * sequence; always NUL-terminated when errlen > 0). */
#ifndef KLANKBORD_ERRMSG_H
#define KLANKBORD_ERRMSG_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the message and returns false, so that a refusal reads
 * `return errmsg_fail(err, errlen, "option %d does not exist", n);`. */
bool errmsg_fail(char *err, size_t errlen, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* After vsnprintf(buf, size, ...) returned written: when the text was cut, moves the end
 * back to a whole character and puts "…" there. */
void errmsg_fit(char *buf, size_t size, int written);

/* A copy of text of at most max_chars characters into buf (size bytes), cut at a
 * character boundary with "…" when longer; returns buf. For user text in messages. */
const char *errmsg_cut(const char *text, int max_chars, char *buf, size_t size);

#endif
