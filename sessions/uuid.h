/* uuid: random version-4 UUIDs for the store's keys, and name-based version-5 UUIDs
 * (RFC 4122 section 4.3, SHA-1) for ids that must come out the same every time, such as
 * the GUIDs of a REFI-QDA export (docs/refi-qda.md).
 *
 * Random bits come from getrandom() (or /dev/urandom where it is missing), never from
 * rand(). Owns nothing; never prints, never exits. */
#ifndef KLANKBORD_UUID_H
#define KLANKBORD_UUID_H

#include <stdbool.h>
#include <stddef.h>

enum { UUID_TEXT_LEN = 36 };

/* Writes "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" (lower-case hex, NUL-terminated) to out.
 * Returns false when the system gave no random bytes (out is then the empty string). */
bool uuid_v4(char out[UUID_TEXT_LEN + 1]);
/* True for 36 characters in the 8-4-4-4-12 layout with version 4 and variant 10xx. */
bool uuid_valid_v4(const char *text);

/* Reads the 16 bytes of a UUID written 8-4-4-4-12 in hex (either case); false when text
 * is not one. */
bool uuid_parse(const char *text, unsigned char out[16]);
/* The version-5 UUID of name (len bytes) in namespace ns, as RFC 4122 computes it: SHA-1
 * over the namespace's 16 bytes and the name, version 5, variant 10xx. Lower-case text. */
void uuid_v5(const unsigned char ns[16], const char *name, size_t len, char out[UUID_TEXT_LEN + 1]);

#endif
