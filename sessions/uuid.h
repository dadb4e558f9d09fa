/* uuid: random version-4 UUIDs for the store's keys.
 *
 * The bits come from getrandom() (or /dev/urandom where it is missing), never from
 * rand(). Owns nothing; never prints, never exits. */
#ifndef KLANKBORD_UUID_H
#define KLANKBORD_UUID_H

#include <stdbool.h>

enum { UUID_TEXT_LEN = 36 };

/* Writes "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" (lower-case hex, NUL-terminated) to out.
 * Returns false when the system gave no random bytes (out is then the empty string). */
bool uuid_v4(char out[UUID_TEXT_LEN + 1]);
/* True for 36 characters in the 8-4-4-4-12 layout with version 4 and variant 10xx. */
bool uuid_valid_v4(const char *text);

#endif
