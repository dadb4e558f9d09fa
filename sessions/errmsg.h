/* errmsg: fills the caller's message buffer (char *err, size_t errlen) that refusing
 * functions across the project take.
 *
 * Pure: no allocation, no I/O. A NULL or zero-length buffer is allowed; a long message
 * is cut by vsnprintf (always NUL-terminated when errlen > 0). */
#ifndef KLANKBORD_ERRMSG_H
#define KLANKBORD_ERRMSG_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the message and returns false, so that a refusal reads
 * `return errmsg_fail(err, errlen, "option %d does not exist", n);`. */
bool errmsg_fail(char *err, size_t errlen, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#endif
