/* lineedit: see lineedit.h. */
#include "tui/lineedit.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static bool reserve(struct lineedit *edit, size_t need)
{
	if (need + 1 <= edit->cap)
		return true;
	size_t cap = edit->cap ? edit->cap : 64;
	while (cap < need + 1)
		cap *= 2;
	wchar_t *buf = realloc(edit->buf, cap * sizeof *buf);
	if (!buf)
		return false;
	edit->buf = buf;
	edit->cap = cap;
	return true;
}

static wchar_t *wdup(const wchar_t *text, size_t n)
{
	wchar_t *copy = malloc((n + 1) * sizeof *copy);
	if (copy) {
		wmemcpy(copy, text, n);
		copy[n] = 0;
	}
	return copy;
}

struct lineedit *lineedit_new(void)
{
	struct lineedit *edit = calloc(1, sizeof *edit);
	if (edit && !reserve(edit, 0)) {
		free(edit);
		return NULL;
	}
	if (edit)
		edit->buf[0] = 0;
	return edit;
}

void lineedit_free(struct lineedit *edit)
{
	if (!edit)
		return;
	for (int i = 0; i < edit->n_history; i++)
		free(edit->history[i]);
	free(edit->history);
	free(edit->draft);
	free(edit->buf);
	free(edit);
}

bool lineedit_replace_before_cursor(struct lineedit *edit, size_t start, const wchar_t *text, size_t n)
{
	edit->selected = false;
	size_t removed = edit->cursor - start;
	if (!reserve(edit, edit->len - removed + n))
		return false;
	wmemmove(edit->buf + start + n, edit->buf + edit->cursor, edit->len - edit->cursor);
	wmemcpy(edit->buf + start, text, n);
	edit->len = edit->len - removed + n;
	edit->cursor = start + n;
	edit->buf[edit->len] = 0;
	return true;
}

bool lineedit_insert(struct lineedit *edit, const wchar_t *text, size_t n)
{
	if (edit->selected)
		lineedit_clear(edit);
	return lineedit_replace_before_cursor(edit, edit->cursor, text, n);
}

void lineedit_select_all(struct lineedit *edit)
{
	edit->cursor = edit->len;
	edit->selected = edit->len > 0;
}

bool lineedit_set(struct lineedit *edit, const wchar_t *text, size_t n)
{
	lineedit_clear(edit);
	return lineedit_insert(edit, text, n);
}

void lineedit_clear(struct lineedit *edit)
{
	edit->selected = false;
	edit->len = edit->cursor = 0;
	edit->buf[0] = 0;
	edit->history_pos = edit->n_history;
}

void lineedit_left(struct lineedit *edit)
{
	edit->selected = false;
	if (edit->cursor > 0)
		edit->cursor--;
}

void lineedit_right(struct lineedit *edit)
{
	edit->selected = false;
	if (edit->cursor < edit->len)
		edit->cursor++;
}

void lineedit_home(struct lineedit *edit)
{
	edit->selected = false;
	edit->cursor = 0;
}

void lineedit_end(struct lineedit *edit)
{
	edit->selected = false;
	edit->cursor = edit->len;
}

static void delete_range(struct lineedit *edit, size_t from, size_t to)
{
	edit->selected = false;
	wmemmove(edit->buf + from, edit->buf + to, edit->len - to);
	edit->len -= to - from;
	edit->buf[edit->len] = 0;
	if (edit->cursor > to)
		edit->cursor -= to - from;
	else if (edit->cursor > from)
		edit->cursor = from;
}

void lineedit_backspace(struct lineedit *edit)
{
	edit->selected = false;
	if (edit->cursor > 0)
		delete_range(edit, edit->cursor - 1, edit->cursor);
}

void lineedit_delete(struct lineedit *edit)
{
	edit->selected = false;
	if (edit->cursor < edit->len)
		delete_range(edit, edit->cursor, edit->cursor + 1);
}

void lineedit_kill_word(struct lineedit *edit)
{
	size_t from = edit->cursor;
	while (from > 0 && iswspace((wint_t)edit->buf[from - 1]))
		from--;
	while (from > 0 && !iswspace((wint_t)edit->buf[from - 1]))
		from--;
	delete_range(edit, from, edit->cursor);
}

void lineedit_remember(struct lineedit *edit)
{
	size_t n = edit->len;
	while (n > 0 && iswspace((wint_t)edit->buf[n - 1]))
		n--;
	if (n == 0)
		return;
	if (edit->n_history > 0 && wcscmp(edit->history[edit->n_history - 1], edit->buf) == 0)
		return;
	if (edit->n_history == LINEEDIT_HISTORY_MAX) {
		free(edit->history[0]);
		memmove(edit->history, edit->history + 1, (size_t)(edit->n_history - 1) * sizeof *edit->history);
		edit->n_history--;
	}
	wchar_t **grown = realloc(edit->history, (size_t)(edit->n_history + 1) * sizeof *grown);
	wchar_t *copy = wdup(edit->buf, edit->len);
	if (!grown || !copy) {
		free(copy);
		if (grown)
			edit->history = grown;
		return;
	}
	edit->history = grown;
	edit->history[edit->n_history++] = copy;
	edit->history_pos = edit->n_history;
}

static void show_history(struct lineedit *edit, int pos)
{
	const wchar_t *text = pos == edit->n_history ? (edit->draft ? edit->draft : L"") : edit->history[pos];
	wchar_t *copy = wdup(text, wcslen(text));
	if (!copy)
		return;
	lineedit_set(edit, copy, wcslen(copy));
	free(copy);
	edit->history_pos = pos;
}

void lineedit_history_prev(struct lineedit *edit)
{
	if (edit->history_pos == 0)
		return;
	if (edit->history_pos == edit->n_history) {
		free(edit->draft);
		edit->draft = wdup(edit->buf, edit->len);
	}
	show_history(edit, edit->history_pos - 1);
}

void lineedit_history_next(struct lineedit *edit)
{
	if (edit->history_pos >= edit->n_history)
		return;
	show_history(edit, edit->history_pos + 1);
}
