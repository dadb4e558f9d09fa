/* uuid: see uuid.h. */
#include "sessions/uuid.h"

#include "sessions/sha1.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

static bool random_bytes(unsigned char *buf, size_t len)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = getrandom(buf + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got == len)
		return true;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return got == len;
}

/* Sets the version and the variant, and writes the text. */
static void uuid_text(unsigned char b[16], int version, char out[UUID_TEXT_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	b[6] = (unsigned char)((b[6] & 0x0f) | (version << 4));
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	char *p = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 0x0f];
	}
	*p = '\0';
}

bool uuid_v4(char out[UUID_TEXT_LEN + 1])
{
	unsigned char b[16];
	out[0] = '\0';
	if (!random_bytes(b, sizeof b))
		return false;
	uuid_text(b, 4, out);
	return true;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

bool uuid_parse(const char *text, unsigned char out[16])
{
	if (strlen(text) != UUID_TEXT_LEN)
		return false;
	int n = 0;
	for (int i = 0; i < UUID_TEXT_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (text[i] != '-')
				return false;
			continue;
		}
		int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[n++] = (unsigned char)(hi << 4 | lo);
		i++;
	}
	return true;
}

void uuid_v5(const unsigned char ns[16], const char *name, size_t len, char out[UUID_TEXT_LEN + 1])
{
	struct sha1 ctx;
	unsigned char digest[SHA1_DIGEST_LEN];
	sha1_init(&ctx);
	sha1_update(&ctx, ns, 16);
	sha1_update(&ctx, name, len);
	sha1_final(&ctx, digest);
	uuid_text(digest, 5, out);
}

bool uuid_valid_v4(const char *text)
{
	if (strlen(text) != UUID_TEXT_LEN)
		return false;
	for (int i = 0; i < UUID_TEXT_LEN; i++) {
		char c = text[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
	}
	return text[14] == '4' && strchr("89ab", text[19]) != NULL;
}
