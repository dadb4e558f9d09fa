/* tui_fixture: what the console's screen tests share (included by test_tui_*.c only).
 *
 * A real session (session_start on a temporary database from an agenda in
 * $SHARED/agendas/valid/) with a clock the test sets, a headless console on it, and
 * golden-file comparison of screen dumps under tests/tui/. Golden files are rewritten
 * only when UPDATE_GOLDEN=1 is set; otherwise a difference fails the test and the
 * actual dump is left beside the golden file as NAME.actual. Run from the repo root. */
#ifndef KLANKBORD_TUI_FIXTURE_H
#define KLANKBORD_TUI_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "config/agenda.h"
#include "sessions/session.h"
#include "storage/store.h"
#include "tui/console.h"
#include "tests/unit/test_files.h"

/* 2024-03-14 18:30:00 UTC, the evening of the example agenda. */
#define TUI_T0 ((int64_t)1710441000000)

struct tui_fixture {
	char dir[512];
	char db[600];
	int64_t now;
	int rows, cols;
	struct store *store;
	struct agenda *agenda;
	struct session *session;
	struct console *console;
};

static inline int64_t tui_fake_now(void *ctx)
{
	return *(const int64_t *)ctx;
}

static inline void tui_agenda_path(char *buf, size_t size, const char *name)
{
	const char *shared = getenv("SHARED");
	if (strncmp(name, "examples/", 9) == 0) /* the bundled agendas, from the repo root */
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%s/agendas/valid/%s", shared && shared[0] ? shared : "../shared", name);
}

/* Starts a session from agenda `name` and opens a rows x cols headless console on it. */
static inline struct tui_fixture *tui_open(const char *name, int rows, int cols)
{
	struct tui_fixture *fx = calloc(1, sizeof *fx);
	char path[512], err[512];
	struct diag_list diags;
	bool io_error = false;
	assert_non_null(fx);
	setenv("TZ", "UTC", 1);
	tzset();
	unsetenv("NO_COLOR");
	const char *tmp = getenv("TEST_TMP");
	snprintf(fx->dir, sizeof fx->dir, "%s/klankbord-tui.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->db, sizeof fx->db, "%s/test.db", fx->dir);
	assert_int_equal(store_open(fx->db, &fx->store, err, sizeof err), 0);
	tui_agenda_path(path, sizeof path, name);
	diag_list_init(&diags);
	fx->agenda = agenda_load_file(path, &diags, &io_error);
	if (!fx->agenda)
		diag_print(&diags, path, stderr);
	diag_list_free(&diags);
	assert_non_null(fx->agenda);
	fx->now = TUI_T0;
	struct session_clock clock = {tui_fake_now, &fx->now};
	if (session_start(fx->store, fx->agenda, NULL, 0, "test", clock, &fx->session, err, sizeof err) != 0)
		fail_msg("session_start: %s", err);
	fx->rows = rows;
	fx->cols = cols;
	fx->console = console_open_headless(fx->session, NULL, rows, cols, err, sizeof err);
	if (!fx->console)
		fail_msg("console_open_headless: %s", err);
	return fx;
}

/* Replaces the console with one opened with these options, on the same session. */
static inline void tui_reopen(struct tui_fixture *fx, const struct console_options *options)
{
	char err[512];
	console_close(fx->console);
	fx->console = console_open_headless(fx->session, options, fx->rows, fx->cols, err, sizeof err);
	if (!fx->console)
		fail_msg("console_open_headless: %s", err);
}

static inline void tui_close(struct tui_fixture *fx)
{
	char path[700];
	console_close(fx->console);
	session_free(fx->session);
	agenda_free(fx->agenda);
	store_close(fx->store);
	const char *suffixes[] = {"", "-wal", "-shm", "-journal", "-consoles"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(path, sizeof path, "%s%s", fx->db, suffixes[i]);
		unlink(path);
	}
	rmdir(fx->dir);
	free(fx);
}

/* Moves the fake clock on and lets the console notice (as its input timeout would). */
static inline void tui_advance(struct tui_fixture *fx, int64_t seconds)
{
	fx->now += seconds * 1000;
	console_tick(fx->console);
}

/* Feeds a key script; fails the test when the script has an unknown key name. */
static inline void tui_keys(struct tui_fixture *fx, const char *script)
{
	if (!console_feed(fx->console, script))
		fail_msg("bad key script: %s", script);
}

/* Types a line and Enter, and fails the test with the console's message unless the
 * session accepted it (Enter always reaches console_apply, which sets the status). */
static inline void tui_line(struct tui_fixture *fx, const char *line)
{
	tui_keys(fx, line);
	tui_keys(fx, "<Enter>");
	if (console_status_error(fx->console))
		fail_msg("line refused: %s\n  %s", line, console_status(fx->console));
}

/* Types a line meant to be refused and Enter; fails the test when it was accepted.
 * Returns the refusal message (owned by the console, valid until its next key). */
static inline const char *tui_line_refused(struct tui_fixture *fx, const char *line)
{
	tui_keys(fx, line);
	tui_keys(fx, "<Enter>");
	if (!console_status_error(fx->console))
		fail_msg("line accepted, expected a refusal: %s\n  %s", line, console_status(fx->console));
	return console_status(fx->console);
}

/* What a dump function writes to out, as a malloc'd string. */
struct tui_capture {
	char *text;
	size_t len;
	FILE *out;
};

static inline FILE *tui_capture_begin(struct tui_capture *capture)
{
	capture->text = NULL;
	capture->len = 0;
	capture->out = open_memstream(&capture->text, &capture->len);
	assert_non_null(capture->out);
	return capture->out;
}

static inline char *tui_capture_end(struct tui_capture *capture)
{
	fclose(capture->out);
	return capture->text;
}

/* A screen dump as a malloc'd string: dump(ctx, out) writes it (console_dump, browse_dump). */
static inline char *tui_dump_of(void (*dump)(void *ctx, FILE *out), void *ctx)
{
	struct tui_capture capture;
	dump(ctx, tui_capture_begin(&capture));
	return tui_capture_end(&capture);
}

static inline char *tui_dump(struct tui_fixture *fx)
{
	struct tui_capture capture;
	console_dump(fx->console, tui_capture_begin(&capture));
	return tui_capture_end(&capture);
}

/* True when a dump's text (not its role layer) shows text; frees the dump. */
static inline bool tui_dump_has(char *screen, const char *text)
{
	char *roles = strstr(screen, "\n--- roles\n");
	if (roles)
		*roles = 0;
	bool found = strstr(screen, text) != NULL;
	free(screen);
	return found;
}

/* True when the console's screen shows text. */
static inline bool tui_screen_has(struct tui_fixture *fx, const char *text)
{
	return tui_dump_has(tui_dump(fx), text);
}

/* Compares a screen dump (malloc'd; freed here) with tests/tui/NAME.txt (UPDATE_GOLDEN=1
 * rewrites it); the console's, the display's and the history browser's screen tests use it. */
static inline void tui_golden_text(char *actual, const char *name)
{
	char path[512], actual_path[600];
	const char *update = getenv("UPDATE_GOLDEN");
	snprintf(path, sizeof path, "tests/tui/%s.txt", name);
	snprintf(actual_path, sizeof actual_path, "tests/tui/%s.actual", name);
	if (update && strcmp(update, "1") == 0) {
		FILE *out = fopen(path, "w");
		assert_non_null(out);
		fputs(actual, out);
		fclose(out);
		free(actual);
		return;
	}
	char *expected = test_read_file(path);
	if (!expected) {
		free(actual);
		fail_msg("%s missing: run the test with UPDATE_GOLDEN=1 from the repo root, then read it", path);
	}
	if (strcmp(expected, actual) != 0) {
		FILE *out = fopen(actual_path, "w");
		if (out) {
			fputs(actual, out);
			fclose(out);
		}
		const char *e = expected, *a = actual;
		int line = 1;
		while (*e && *e == *a) {
			line += *e == '\n';
			e++;
			a++;
		}
		print_error("screen differs from %s at line %d; actual in %s\n", path, line, actual_path);
		free(expected);
		free(actual);
		fail();
	}
	unlink(actual_path);
	free(expected);
	free(actual);
}

/* Compares the console's screen with tests/tui/NAME.txt. */
static inline void tui_golden(struct tui_fixture *fx, const char *name)
{
	tui_golden_text(tui_dump(fx), name);
}

#endif
