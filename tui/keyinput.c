/* keyinput: see keyinput.h. */
#include "tui/keyinput.h"

#include "config/textsafe.h"
#include "config/textscan.h"

static int sequence_length(unsigned char lead)
{
	return lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}

static struct keyinput_out character(wint_t ch)
{
	return (struct keyinput_out){ .ch = ch, .is_key = false };
}

/* What was pending is cut short: one U+FFFD, nothing pending. */
static int cut(struct keyinput *in, struct keyinput_out *out)
{
	if (in->n == 0)
		return 0;
	in->n = in->need = 0;
	*out = character(TEXTSAFE_REPLACEMENT);
	return 1;
}

int keyinput_feed(struct keyinput *in, int value, struct keyinput_out out[2])
{
	if (value >= KEYINPUT_KEY_MIN || value < 0) {
		int n = cut(in, &out[0]);
		out[n] = (struct keyinput_out){ .ch = (wint_t)value, .is_key = true };
		return n + 1;
	}
	unsigned char b = (unsigned char)value;
	if (in->n > 0 && (b & 0xc0) == 0x80) {
		in->pending[in->n++] = b;
		if (in->n < in->need)
			return 0;
		unsigned c;
		size_t used = textscan_decode((const char *)in->pending, (size_t)in->n, &c);
		in->n = in->need = 0;
		out[0] = character(used ? (wint_t)c : TEXTSAFE_REPLACEMENT); /* overlong or a surrogate */
		return 1;
	}
	int n = cut(in, &out[0]);
	if (b < 0x80) {
		out[n] = character(b);
		return n + 1;
	}
	int need = sequence_length(b);
	if (need == 0) {
		out[n] = character(TEXTSAFE_REPLACEMENT); /* a lone continuation byte, or never UTF-8 */
		return n + 1;
	}
	in->pending[0] = b;
	in->n = 1;
	in->need = need;
	return n;
}

bool keyinput_pause(struct keyinput *in, struct keyinput_out *out)
{
	return cut(in, out) == 1;
}
