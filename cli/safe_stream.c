/* safe_stream: see safe_stream.h. */
#define _GNU_SOURCE /* fopencookie */
#include "cli/safe_stream.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "config/textsafe.h"
#include "config/textscan.h"

struct safe {
	FILE *raw;
	char held[4];              /* the start of a character the last write cut, or a CR */
	size_t n_held;
};

/* Whether a decoded character passes as it is. */
static bool passes(unsigned c, bool valid)
{
	return valid && (c == '\n' || c == '\t' || !textsafe_unsafe(c));
}

/* Writes the mark of a character that does not pass. */
static void put_mark(struct safe *s, unsigned c)
{
	char mark[4];
	size_t len = textscan_encode(textsafe_visible(c), mark);
	fwrite(mark, 1, len, s->raw);
}

/* How many bytes a UTF-8 sequence that starts with lead needs (1 for ASCII or a bad lead). */
static size_t sequence_length(unsigned char lead)
{
	return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1;
}

/* Passes text on; a character cut at the end is held for the next write. A CR passes only
 * as the first half of CR LF: alone it would let text overwrite the line it is on. What
 * passes as it is goes on in runs, one fwrite a run, not one a character. */
static void pass(struct safe *s, const char *text, size_t len, bool final)
{
	size_t i = 0, run = 0;
#define SAFE_FLUSH_RUN() (i > run ? (void)fwrite(text + run, 1, i - run, s->raw) : (void)0)
	while (i < len) {
		unsigned char b = (unsigned char)text[i];
		if (b < 0x80 && ((b >= 0x20 && b != 0x7f) || b == '\n' || b == '\t')) {
			i++; /* plain ASCII: the common case */
			continue;
		}
		if (b == '\r') {
			if (i + 1 < len && text[i + 1] == '\n') {
				i += 2;
				continue;
			}
			SAFE_FLUSH_RUN();
			if (i + 1 < len || final) {
				put_mark(s, '\r');
				run = ++i;
				continue;
			}
			s->held[0] = '\r';
			s->n_held = 1;
			return;
		}
		size_t need = sequence_length(b);
		if (i + need > len && !final) {
			SAFE_FLUSH_RUN();
			memcpy(s->held, text + i, len - i);
			s->n_held = len - i;
			return;
		}
		unsigned c;
		bool valid;
		size_t n = textsafe_next(text + i, len - i, &c, &valid);
		if (passes(c, valid)) {
			i += n;
			continue;
		}
		SAFE_FLUSH_RUN();
		put_mark(s, c);
		run = i += n;
	}
	SAFE_FLUSH_RUN();
#undef SAFE_FLUSH_RUN
}

static ssize_t safe_write(void *cookie, const char *text, size_t len)
{
	struct safe *s = cookie;
	size_t total = len;
	if (s->n_held > 0) {
		/* complete the held character with the first bytes of this write */
		char joined[8];
		size_t take = len < sizeof joined - s->n_held ? len : sizeof joined - s->n_held;
		memcpy(joined, s->held, s->n_held);
		memcpy(joined + s->n_held, text, take);
		size_t held = s->n_held;
		s->n_held = 0;
		size_t need = joined[0] == '\r' ? 2 : sequence_length((unsigned char)joined[0]);
		size_t use = need - held <= take ? need - held : take;
		pass(s, joined, held + use, false);
		text += use;
		len -= use;
	}
	pass(s, text, len, false);
	/* A finished line reaches the underlying stream at once, as a caller's fflush() would
	 * have it: --batch's acknowledgements, messages before the console starts. */
	if (total > 0 && text[len > 0 ? len - 1 : 0] == '\n' && len > 0)
		fflush(s->raw);
	return ferror(s->raw) ? -1 : (ssize_t)total;
}

static int safe_close(void *cookie)
{
	struct safe *s = cookie;
	if (s->n_held > 0)
		pass(s, s->held, s->n_held, true);
	int rc = fflush(s->raw);
	free(s);
	return rc == 0 ? 0 : EOF;
}

FILE *safe_stream_open(FILE *raw)
{
	struct safe *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->raw = raw;
	cookie_io_functions_t io = { .write = safe_write, .close = safe_close };
	FILE *f = fopencookie(s, "w", io);
	if (!f) {
		free(s);
		return NULL;
	}
	setvbuf(f, NULL, _IONBF, 0);
	return f;
}
