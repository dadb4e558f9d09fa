/* sha1: the SHA-1 digest (FIPS 180-4), for name-based UUIDs (uuid.h: uuid_v5).
 *
 * Not for anything that must resist an attacker: SHA-1 is broken for collisions. RFC 4122
 * fixes it for version-5 UUIDs, which only need the same name to give the same id.
 * Pure: no I/O, no allocation, no global state. */
#ifndef KLANKBORD_SHA1_H
#define KLANKBORD_SHA1_H

#include <stddef.h>
#include <stdint.h>

enum { SHA1_DIGEST_LEN = 20 };

struct sha1 {
	uint32_t h[5];
	uint64_t bytes;          /* message length so far */
	unsigned char block[64];
	size_t used;             /* bytes waiting in block */
};

void sha1_init(struct sha1 *ctx);
void sha1_update(struct sha1 *ctx, const void *data, size_t len);
/* Pads, writes the digest, and leaves ctx to be initialised again. */
void sha1_final(struct sha1 *ctx, unsigned char digest[SHA1_DIGEST_LEN]);

#endif
