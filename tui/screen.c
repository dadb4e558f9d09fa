/* screen: see screen.h. */
#include "tui/screen.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curses.h>

#include "tui/textwidth.h"
#include "tui/theme.h"

static const int screen_signal_numbers[3] = { SIGINT, SIGTERM, SIGHUP };
/* The one exception to "no globals": a signal handler can only reach a flag. */
static volatile sig_atomic_t screen_caught;

static void on_signal(int signo)
{
	screen_caught = signo;
}

void screen_signals_catch(struct screen_signals *saved)
{
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	screen_caught = 0;
	for (int i = 0; i < 3; i++)
		sigaction(screen_signal_numbers[i], &action, &saved->old[i]);
}

void screen_signals_restore(const struct screen_signals *saved)
{
	for (int i = 0; i < 3; i++)
		sigaction(screen_signal_numbers[i], &saved->old[i], NULL);
}

int screen_signal(void)
{
	return screen_caught;
}

bool screen_open_virtual(SCREEN **screen, FILE **out, FILE **in, int rows, int cols, char *err, size_t errlen)
{
	*screen = NULL;
	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	if (*out && *in)
		*screen = newterm("xterm-256color", *out, *in);
	if (!*screen) {
		snprintf(err, errlen, "cannot open a virtual screen (is terminfo for xterm-256color installed?)");
		if (*out)
			fclose(*out);
		if (*in)
			fclose(*in);
		*out = *in = NULL;
		return false;
	}
	set_term(*screen);
	resizeterm(rows, cols);
	return true;
}

void screen_locale(void)
{
	setlocale(LC_CTYPE, "");
	const char *codeset = nl_langinfo(CODESET);
	if (strcasecmp(codeset, "UTF-8") != 0 && strcasecmp(codeset, "utf8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

bool screen_want_color(bool no_color)
{
	const char *env = getenv("NO_COLOR");
	return !no_color && !(env && env[0]);
}

void screen_dump(FILE *out)
{
	/* No drawing here: the dump shows what the terminal would show, so a change that
	 * forgot to redraw shows up in the screen tests too. */
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

