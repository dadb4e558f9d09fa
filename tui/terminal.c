/* terminal: see terminal.h. */
#include "tui/terminal.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>
#include <curses.h>
#include <term.h>

int terminal_check(const char *program, const char *instead, char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	const char *or = instead ? ", or " : "", *what = instead ? instead : "";
	if (!term || !term[0] || strcmp(term, "dumb") == 0) {
		snprintf(err, errlen, "%s needs a terminal, but TERM is %s; set TERM (e.g. xterm-256color)%s%s", program,
			term && term[0] ? "\"dumb\"" : "unset", or, what);
		return EX_UNAVAILABLE;
	}
	/* Looks the terminal type up as newterm() will, without starting curses. */
	int found = 0;
	TERMINAL *saved = cur_term;
	if (setupterm(term, -1, &found) == OK) {
		del_curterm(cur_term);
		set_curterm(saved);
	} else {
		set_curterm(saved);
		snprintf(err, errlen, "%s cannot start on terminal type \"%.40s\": %s; set TERM to a known type"
			" (e.g. xterm-256color)%s%s", program, term,
			found == 0 ? "it is not in the terminfo database" : "its terminfo entry cannot be used", or, what);
		return EX_UNAVAILABLE;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, "%s needs a terminal on standard input and output%s%s", program,
			instead ? "; " : "", what);
		return EX_UNAVAILABLE;
	}
	return 0;
}

void terminal_locale(void)
{
	setlocale(LC_CTYPE, "");
	const char *codeset = nl_langinfo(CODESET);
	if (strcasecmp(codeset, "UTF-8") != 0 && strcasecmp(codeset, "utf8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

bool terminal_want_color(bool no_color)
{
	const char *env = getenv("NO_COLOR");
	return !no_color && !(env && env[0]);
}

static const int caught_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* The one exception to "no globals": a signal handler can only reach a flag. */
static volatile sig_atomic_t terminal_caught;

static void on_signal(int signo)
{
	terminal_caught = signo;
}

void terminal_signals_catch(struct terminal_signals *saved)
{
	struct sigaction action;
	memset(&action, 0, sizeof action);
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	terminal_caught = 0;
	for (int i = 0; i < 3; i++)
		sigaction(caught_signals[i], &action, &saved->old[i]);
}

int terminal_signal(void)
{
	return terminal_caught;
}

void terminal_signals_restore(const struct terminal_signals *saved)
{
	for (int i = 0; i < 3; i++)
		sigaction(caught_signals[i], &saved->old[i], NULL);
}
