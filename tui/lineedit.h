/* lineedit: the capture line's text, cursor and history, on wide characters.
 *
 * Pure editing state: no curses, no session. The console maps actions to these calls
 * and draws the result (prompt_view.c). History keeps accepted lines, newest last;
 * moving through it keeps the line being typed so Down past the newest restores it.
 * The whole line can be selected (a refused line, docs/capture.md): the next text
 * inserted replaces it, and any other change or move of the cursor ends the selection.
 * Owns its buffers; lineedit_free(NULL) is safe. */
#ifndef KLANKBORD_LINEEDIT_H
#define KLANKBORD_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum { LINEEDIT_HISTORY_MAX = 200 };

struct lineedit {
	wchar_t *buf;          /* always NUL-terminated */
	size_t len, cap, cursor;
	wchar_t **history;     /* oldest first */
	int n_history;
	int history_pos;       /* n_history while editing a new line */
	wchar_t *draft;        /* the new line, kept while browsing history */
	bool selected;         /* the whole line is selected: text inserted replaces it */
};

struct lineedit *lineedit_new(void);
void lineedit_free(struct lineedit *edit);

/* Inserts at the cursor; replaces the whole line when it is selected. */
bool lineedit_insert(struct lineedit *edit, const wchar_t *text, size_t n);
/* Selects the whole line (nothing happens to an empty one), the cursor at its end. */
void lineedit_select_all(struct lineedit *edit);
/* Replaces characters [start, cursor) with text; the cursor ends after it. */
bool lineedit_replace_before_cursor(struct lineedit *edit, size_t start, const wchar_t *text, size_t n);
bool lineedit_set(struct lineedit *edit, const wchar_t *text, size_t n);
void lineedit_clear(struct lineedit *edit);
void lineedit_left(struct lineedit *edit);
void lineedit_right(struct lineedit *edit);
void lineedit_home(struct lineedit *edit);
void lineedit_end(struct lineedit *edit);
void lineedit_backspace(struct lineedit *edit);
void lineedit_delete(struct lineedit *edit);
/* Deletes back over spaces, then over the word before the cursor (Ctrl-W). */
void lineedit_kill_word(struct lineedit *edit);
/* Adds the current line to history (not when blank or equal to the newest). */
void lineedit_remember(struct lineedit *edit);
void lineedit_history_prev(struct lineedit *edit);
void lineedit_history_next(struct lineedit *edit);

#endif
