/* screendump: see screendump.h. */
#include "tui/screendump.h"

#include <stdlib.h>
#include <curses.h>

#include "tui/textwidth.h"
#include "tui/screen_start.h"
#include "tui/theme.h"

bool screendump_open(struct screendump_screen *v, int rows, int cols, char *err, size_t errlen)
{
	v->out = fopen("/dev/null", "w");
	v->in = fopen("/dev/null", "r");
	v->screen = v->out && v->in ? newterm("xterm-256color", v->out, v->in) : NULL;
	if (!v->screen) {
		snprintf(err, errlen, "cannot open a virtual screen (is terminfo for xterm-256color installed?)");
		screendump_close(v);
		return false;
	}
	set_term(v->screen);
	resizeterm(rows, cols);
	screen_start_batched(); /* as on a terminal (tui/screen_start.h), so benchmarks count what a terminal gets */
	return true;
}

void screendump_close(struct screendump_screen *v)
{
	if (v->screen) {
		set_term(v->screen);
		endwin();
		delscreen(v->screen);
	}
	if (v->out)
		fclose(v->out);
	if (v->in)
		fclose(v->in);
	*v = (struct screendump_screen){0};
}

void screendump_write(FILE *out)
{
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	if (rows <= 0 || cols <= 0)
		return;
	char *roles = malloc((size_t)rows * ((size_t)cols + 1));
	wchar_t *line = malloc(((size_t)cols * CCHARW_MAX + 1) * sizeof *line);
	if (!roles || !line) {
		free(roles);
		free(line);
		return;
	}
	for (int y = 0; y < rows; y++) {
		char *role_row = roles + (size_t)y * ((size_t)cols + 1);
		size_t n = 0, text_end = 0;
		int role_end = 0;
		for (int x = 0; x < cols;) {
			cchar_t cell;
			wchar_t wch[CCHARW_MAX + 1] = {0};
			attr_t attrs;
			short pair;
			mvin_wch(y, x, &cell);
			getcchar(&cell, wch, &attrs, &pair, NULL);
			int w = wch[0] ? tw_char_width(wch[0]) : 1;
			if (w < 1)
				w = 1;
			for (int k = 0; k < CCHARW_MAX && wch[k]; k++)
				line[n++] = wch[k];
			if (!wch[0])
				line[n++] = L' ';
			if (wch[0] && wch[0] != L' ')
				text_end = n;
			enum tui_role role = theme_role_of_pair(pair);
			for (int k = 0; k < w && x + k < cols; k++) {
				role_row[x + k] = theme_role_letter(role);
				if (role != THEME_NORMAL)
					role_end = x + k + 1;
			}
			x += w;
		}
		role_row[role_end] = 0;
		char *text = tw_to_utf8(line, text_end, NULL);
		fprintf(out, "%s\n", text ? text : "");
		free(text);
	}
	fprintf(out, "--- roles\n");
	for (int y = 0; y < rows; y++)
		fprintf(out, "%s\n", roles + (size_t)y * ((size_t)cols + 1));
	free(roles);
	free(line);
}
