/* keyinput: the bytes a terminal sends, turned into characters and keys for the console.
 *
 * curses' own wide-character reading (wget_wch) drops the keys that follow a byte that is
 * not UTF-8 (a Latin-1 terminal sends é as the single byte 0xE9), so the console reads
 * bytes (wgetch) and decodes them here: a byte that cannot be UTF-8, or a character cut
 * short by the next key or by a pause, becomes U+FFFD and every key after it is kept.
 * Function keys (values from KEY_MIN up) pass through. Pure: no curses calls, no I/O; the
 * state is the caller's. */
#ifndef KLANKBORD_KEYINPUT_H
#define KLANKBORD_KEYINPUT_H

#include <stdbool.h>
#include <wchar.h>

enum { KEYINPUT_KEY_MIN = 0x101 }; /* curses' KEY_MIN: values from here on are keys */

struct keyinput {
	unsigned char pending[4];  /* the start of a character */
	int n, need;
};

struct keyinput_out {
	wint_t ch;
	bool is_key;
};

/* Feeds one value wgetch() returned (not ERR). Fills out[0..] and returns how many
 * characters or keys are ready: 0 (a character goes on), 1, or 2 (U+FFFD for what was
 * cut short, then what cut it). */
int keyinput_feed(struct keyinput *input, int value, struct keyinput_out out[2]);
/* A pause (wgetch() returned ERR): a character left unfinished becomes U+FFFD. Returns
 * true when *out holds it. */
bool keyinput_pause(struct keyinput *input, struct keyinput_out *out);

#endif
