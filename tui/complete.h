/* complete: Tab completion for the capture line.
 *
 * What the word before the cursor becomes: at the start of the line a participant id
 * ("E0" -> "E03: ") or a /command ("/ne" -> "/next "); after a command its ids (items
 * after /item and "/move N", a speaker after "/edit N", ...); anywhere a #code from the
 * session's codebook or a !kind. Several matches complete to their longest common
 * prefix and are listed in the message. Pure: reads the session model, no curses. */
#ifndef KLANKBORD_COMPLETE_H
#define KLANKBORD_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "sessions/session.h"

enum { COMPLETE_TEXT_MAX = 128, COMPLETE_MESSAGE_MAX = 256 };

struct tui_completion {
	size_t start;                     /* replace line[start, cursor) ... */
	wchar_t text[COMPLETE_TEXT_MAX];  /* ... with this */
	size_t n;
	int n_matches;                    /* 0: nothing to complete */
	char message[COMPLETE_MESSAGE_MAX]; /* the candidates when several match */
};

/* Fills *out for the line with the cursor at cursor; returns n_matches > 0. */
bool complete_line(const struct session *session, const wchar_t *line, size_t cursor,
	struct tui_completion *out);

#endif
