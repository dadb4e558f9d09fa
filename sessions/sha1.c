/* sha1: see sha1.h. Written from FIPS 180-4, section 6.1. */
#include "sessions/sha1.h"

#include <string.h>

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *ctx, const unsigned char *p)
{
	uint32_t w[80];
	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8
			| (uint32_t)p[4 * t + 3];
	for (int t = 16; t < 80; t++)
		w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
	uint32_t a = ctx->h[0], b = ctx->h[1], c = ctx->h[2], d = ctx->h[3], e = ctx->h[4];
	for (int t = 0; t < 80; t++) {
		uint32_t f, k;
		if (t < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (t < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (t < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		uint32_t temp = rol(a, 5) + f + e + k + w[t];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = temp;
	}
	ctx->h[0] += a;
	ctx->h[1] += b;
	ctx->h[2] += c;
	ctx->h[3] += d;
	ctx->h[4] += e;
}

void sha1_init(struct sha1 *ctx)
{
	*ctx = (struct sha1){ .h = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 } };
}

void sha1_update(struct sha1 *ctx, const void *data, size_t len)
{
	const unsigned char *p = data;
	ctx->bytes += len;
	while (len > 0) {
		size_t take = sizeof ctx->block - ctx->used;
		if (take > len)
			take = len;
		memcpy(ctx->block + ctx->used, p, take);
		ctx->used += take;
		p += take;
		len -= take;
		if (ctx->used == sizeof ctx->block) {
			sha1_block(ctx, ctx->block);
			ctx->used = 0;
		}
	}
}

void sha1_final(struct sha1 *ctx, unsigned char digest[SHA1_DIGEST_LEN])
{
	uint64_t bits = ctx->bytes * 8;
	unsigned char pad[72] = { 0x80 };
	size_t n = (ctx->used < 56 ? 56 : 120) - ctx->used;
	for (int i = 0; i < 8; i++)
		pad[n + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(ctx, pad, n + 8);
	for (int i = 0; i < 5; i++) {
		digest[4 * i] = (unsigned char)(ctx->h[i] >> 24);
		digest[4 * i + 1] = (unsigned char)(ctx->h[i] >> 16);
		digest[4 * i + 2] = (unsigned char)(ctx->h[i] >> 8);
		digest[4 * i + 3] = (unsigned char)ctx->h[i];
	}
	sha1_init(ctx);
}
