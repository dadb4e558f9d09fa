/* test_tui_text: the console's pure parts: display width of every script, visible
 * control characters, the line editor, the action table and Tab completion; and that
 * view_draw_wide() puts the cells waddnwstr() would. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>
#include <curses.h>
#include <cmocka.h>

#include "config/agenda.h"
#include "config/textsafe.h"
#include "sessions/session.h"
#include "tui/action.h"
#include "tui/complete.h"
#include "tui/lineedit.h"
#include "tui/screendump.h"
#include "tui/settings.h"
#include "tui/textwidth.h"
#include "tui/view.h"

static int width_of(const char *utf8)
{
	size_t n;
	wchar_t *w = tw_from_utf8(utf8, strlen(utf8), &n);
	int cols = tw_width(w, n);
	free(w);
	return cols;
}

static void test_width_of_scripts(void **state)
{
	(void)state;
	assert_int_equal(width_of("abc"), 3);
	assert_int_equal(width_of("أمل الحسن"), 9);        /* Arabic */
	assert_int_equal(width_of("ዮናስ ተስፋይ"), 8);        /* Tigrinya (Ethiopic) */
	assert_int_equal(width_of("زهرا احمدی"), 10);      /* Persian */
	assert_int_equal(width_of("李明"), 4);              /* Chinese: two columns each */
	assert_int_equal(width_of("🌷👍"), 4);             /* emoji */
	assert_int_equal(width_of("e\xcc\x81"), 1);         /* e + combining acute */
	assert_int_equal(width_of("تعلّم"), 4);             /* Arabic with a shadda (combining) */
}

static void test_cut_never_splits(void **state)
{
	(void)state;
	size_t n;
	int used;
	wchar_t *w = tw_from_utf8("李明x", strlen("李明x"), &n);
	assert_int_equal(tw_cut(w, n, 3, &used), 1);
	assert_int_equal(used, 2);
	assert_int_equal(tw_cut(w, n, 4, &used), 2);
	assert_int_equal(tw_cut(w, n, 1, &used), 0);
	free(w);
	w = tw_from_utf8("e\xcc\x81x", 4, &n);
	assert_int_equal(tw_cut(w, n, 1, &used), 2); /* the accent stays with its e */
	assert_int_equal(used, 1);
	assert_int_equal(tw_skip(w, n, 1), 2);
	free(w);
	w = tw_from_utf8("🌷🌷", strlen("🌷🌷"), &n);
	assert_int_equal(tw_skip(w, n, 1), 1); /* skipping into a wide char skips all of it */
	free(w);
}

static void test_wrap(void **state)
{
	(void)state;
	size_t n, next;
	wchar_t *w = tw_from_utf8("hello world foo", 15, &n);
	assert_int_equal(tw_wrap(w, n, 11, &next), 11);
	assert_int_equal(next, 12);
	assert_int_equal(tw_wrap(w, n, 8, &next), 5);
	assert_int_equal(next, 6);
	assert_int_equal(tw_wrap_count(w, n, 5), 3);
	free(w);
	w = tw_from_utf8("周末也开设语言课程", strlen("周末也开设语言课程"), &n);
	assert_int_equal(tw_wrap(w, n, 5, &next), 2); /* no spaces: break between characters */
	assert_int_equal(tw_wrap_count(w, n, 5), 5);
	free(w);
	w = tw_from_utf8("a\nb", 3, &n);
	assert_int_equal(tw_wrap(w, n, 10, &next), 1);
	assert_int_equal(next, 2);
	free(w);
}

static void test_control_characters_visible(void **state)
{
	(void)state;
	size_t n;
	wchar_t *w = tw_from_utf8("a\x1b[2J\x07\x7f\xc2\x9b\t", strlen("a\x1b[2J\x07\x7f\xc2\x9b\t"), &n);
	assert_int_equal(n, 9);
	assert_int_equal(w[1], 0x241B);  /* ESC */
	assert_int_equal(w[5], 0x2407);  /* BEL */
	assert_int_equal(w[6], 0x2421);  /* DEL */
	assert_int_equal(w[7], 0xFFFD);  /* C1 CSI */
	assert_int_equal(w[8], 0x2409);  /* TAB */
	for (size_t i = 0; i < n; i++)
		assert_true(w[i] >= 0x20);
	free(w);
	w = tw_from_utf8("\xff\xc0\xaf\xe2\x82", 5, &n); /* invalid, overlong, truncated */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(w[i], 0xFFFD);
	free(w);
}

static void test_utf8_round_trip(void **state)
{
	(void)state;
	const char *text = "Zoë Çelik 🌷 ቋንቋ 李明 جلسة";
	size_t n, len;
	wchar_t *w = tw_from_utf8(text, strlen(text), &n);
	char *back = tw_to_utf8(w, n, &len);
	assert_string_equal(back, text);
	assert_int_equal(len, strlen(text));
	free(w);
	free(back);
}

static void test_lineedit(void **state)
{
	(void)state;
	struct lineedit *e = lineedit_new();
	assert_non_null(e);
	lineedit_insert(e, L"E03: hallo wereld", 17); /* a paste arrives as one insert or many */
	assert_int_equal(e->cursor, 17);
	lineedit_kill_word(e);
	assert_true(wcscmp(e->buf, L"E03: hallo ") == 0);
	lineedit_home(e);
	lineedit_delete(e);
	assert_true(wcscmp(e->buf, L"03: hallo ") == 0);
	lineedit_insert(e, L"李", 1);
	lineedit_right(e);
	lineedit_backspace(e);
	assert_true(wcscmp(e->buf, L"李3: hallo ") == 0);
	lineedit_end(e);
	assert_int_equal(e->cursor, e->len);
	lineedit_remember(e);
	lineedit_clear(e);
	lineedit_insert(e, L"draft", 5);
	lineedit_history_prev(e);
	assert_true(wcscmp(e->buf, L"李3: hallo ") == 0);
	lineedit_history_prev(e); /* stays on the oldest */
	lineedit_history_next(e);
	assert_true(wcscmp(e->buf, L"draft") == 0);
	lineedit_clear(e);
	assert_int_equal(e->len, 0);
	lineedit_free(e);
	lineedit_free(NULL);
}

static void test_action_table(void **state)
{
	(void)state;
	struct tui_keymap map;
	keymap_defaults(&map);
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct tui_action_info *info = action_info((enum tui_action)a);
		assert_non_null(info);
		assert_int_equal(info->action, a);
		assert_true(info->name[0] && info->help[0] && info->section[0]);
		assert_true(info->keys[0] != 0);
		for (int k = 0; k < ACTION_KEYS_MAX && info->keys[k]; k++) {
			int key = info->keys[k];
			bool is_key = key >= KEY_MIN;
			assert_int_equal(keymap_action(&map, key, is_key), a); /* no key is bound twice */
		}
	}
	assert_int_equal(keymap_action(&map, KEY_F(3), true), ACT_NEXT_ITEM);
	assert_string_equal(action_info(ACT_NEXT_ITEM)->line, "/next");
	assert_string_equal(action_info(ACT_EXTEND)->line, "/extend 5");
	assert_int_equal(keymap_action(&map, 'a', false), ACT_NONE);
	assert_int_equal(keymap_action(&map, 0x674e, false), ACT_NONE);
	assert_int_equal(keymap_action(&map, 0x101, false), ACT_NONE); /* a character, not KEY_CODE 0401 */
	char keys[64];
	keymap_keys_text(&map, ACT_QUIT, keys, sizeof keys);
	assert_string_equal(keys, "F10/Ctrl-C");
	keymap_keys_text(&map, ACT_BACKSPACE, keys, sizeof keys);
	assert_string_equal(keys, "Backspace/Ctrl-H");
	assert_null(action_info(ACT_NONE));
	assert_int_equal(action_by_name("next-item"), ACT_NEXT_ITEM);
	assert_int_equal(action_by_name("nxt"), ACT_NONE);
	/* every default key's name parses back to the key */
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		int key = keymap_first_key(&map, (enum tui_action)a), back = 0;
		action_key_name(key, keys, sizeof keys);
		assert_true(action_parse_key(keys, &back));
		assert_true(back == key || (key == KEY_BACKSPACE && back == KEY_BACKSPACE));
	}
	int bound[] = {TUI_CTRL('N'), KEY_F(9)};
	keymap_bind(&map, ACT_NEXT_ITEM, bound, 2);
	assert_int_equal(keymap_action(&map, TUI_CTRL('N'), false), ACT_NEXT_ITEM);
	assert_int_equal(keymap_action(&map, KEY_F(3), true), ACT_NONE);
	keymap_keys_text(&map, ACT_DOWN, keys, sizeof keys);
	assert_string_equal(keys, "Down"); /* Ctrl-N moved away from it */
}

static void write_file(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

static void test_settings(void **state)
{
	(void)state;
	char dir[] = "/tmp/klankbord-settings.XXXXXX", path[128], err[512];
	struct tui_settings settings;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/config.yaml", dir);
	write_file(path, "theme:\n  timer-amber: {fg: magenta, attr: [bold, underline]}\n"
		"  header: {bg: 4, mono: reverse}\nkeys:\n  extend: F9\n  next-item: [F3, Ctrl-N]\n");
	assert_int_equal(settings_load(path, &settings, err, sizeof err), 0);
	assert_true(settings.styles[THEME_TIMER_AMBER].fg_set);
	assert_int_equal(settings.styles[THEME_TIMER_AMBER].fg, COLOR_MAGENTA);
	assert_int_equal(settings.styles[THEME_TIMER_AMBER].attr, A_BOLD | A_UNDERLINE);
	assert_int_equal(settings.styles[THEME_HEADER].bg, 4);
	assert_int_equal(settings.styles[THEME_HEADER].mono, A_REVERSE);
	assert_int_equal(keymap_action(&settings.keymap, KEY_F(9), true), ACT_EXTEND);
	assert_int_equal(keymap_action(&settings.keymap, KEY_F(4), true), ACT_NONE);
	assert_int_equal(keymap_action(&settings.keymap, TUI_CTRL('N'), false), ACT_NEXT_ITEM);

	static const struct { const char *text, *expect; } bad[] = {
		{"keys:\n  nxt-item: F3\n", "config.yaml:2:3: unknown action \"nxt-item\""},
		{"keys:\n  extend: F99\n", "config.yaml:2:11: unknown key \"F99\""},
		{"keys:\n  extend: x\n", "unknown key \"x\""},
		{"theme:\n  header: {fg: purple}\n", "config.yaml:2:16: unknown colour \"purple\""},
		{"theme:\n  headr: {fg: red}\n", "unknown theme role \"headr\""},
		{"colours: {}\n", "config.yaml:1:1: unknown section \"colours\""},
		{"keys: [\n", "config.yaml:"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		write_file(path, bad[i].text);
		err[0] = 0;
		assert_int_equal(settings_load(path, &settings, err, sizeof err), EX_CONFIG);
		if (!strstr(err, bad[i].expect))
			fail_msg("%s: got \"%s\"", bad[i].expect, err);
	}
	unlink(path);
	assert_int_equal(settings_load(path, &settings, err, sizeof err), EX_NOINPUT);
	setenv("XDG_CONFIG_HOME", dir, 1); /* no klankbord/config.yaml there: defaults, no error */
	assert_int_equal(settings_load(NULL, &settings, err, sizeof err), 0);
	assert_int_equal(keymap_action(&settings.keymap, KEY_F(4), true), ACT_EXTEND);
	rmdir(dir);
}

/* A model by hand: participants and codebook are all completion needs. */
static void test_completion(void **state)
{
	(void)state;
	struct diag_list diags;
	bool io_error;
	char path[512];
	const char *shared = getenv("SHARED");
	snprintf(path, sizeof path, "%s/agendas/valid/expert-pool-nijmegen.yaml", shared ? shared : "../shared");
	diag_list_init(&diags);
	struct agenda *agenda = agenda_load_file(path, &diags, &io_error);
	diag_list_free(&diags);
	assert_non_null(agenda);
	struct session session = {.agenda = agenda, .n_participants = agenda->n_participants};
	session.participants = calloc((size_t)agenda->n_participants, sizeof *session.participants);
	for (int i = 0; i < agenda->n_participants; i++)
		snprintf(session.participants[i].id, sizeof session.participants[i].id, "%s", agenda->participants[i].id);
	struct tui_completion done;

	assert_true(complete_line(&session, L"E0", 2, &done));
	assert_int_equal(done.n_matches, 4);
	assert_string_equal(done.message, "E01 E02 E03 E04");
	assert_true(complete_line(&session, L"e03", 3, &done));
	assert_int_equal(done.start, 0);
	assert_true(wcsncmp(done.text, L"E03: ", done.n) == 0 && done.n == 5);
	assert_true(complete_line(&session, L"E03: waited #lang", 17, &done));
	assert_int_equal(done.start, 12);
	assert_true(wcsncmp(done.text, L"#language ", done.n) == 0 && done.n == 10);
	assert_true(complete_line(&session, L"E03: !obs", 9, &done));
	assert_true(wcsncmp(done.text, L"!obstacle ", done.n) == 0);
	/* Dutch words complete where no English one fits; #w is still #work's start */
	assert_true(complete_line(&session, L"E03: #won", 9, &done));
	assert_true(wcsncmp(done.text, L"#wonen ", done.n) == 0 && done.n == 7);
	assert_true(complete_line(&session, L"E03: #b", 7, &done));
	assert_string_equal(done.message, "#bonds #bridges");
	assert_true(complete_line(&session, L"E03: #br", 8, &done)); /* bruggen from #bru */
	assert_true(wcsncmp(done.text, L"#bridges ", done.n) == 0);
	assert_true(complete_line(&session, L"E03: #bru", 9, &done));
	assert_true(wcsncmp(done.text, L"#bruggen ", done.n) == 0);
	assert_true(complete_line(&session, L"E03: #ba", 8, &done));
	assert_true(wcsncmp(done.text, L"#banden ", done.n) == 0);
	assert_true(complete_line(&session, L"E03: #w", 7, &done));
	assert_true(wcsncmp(done.text, L"#work ", done.n) == 0);
	assert_true(complete_line(&session, L"E03: !obstak", 12, &done));
	assert_true(wcsncmp(done.text, L"!obstakel ", done.n) == 0);
	assert_true(complete_line(&session, L"/ne", 3, &done));
	assert_true(wcsncmp(done.text, L"/next ", done.n) == 0);
	assert_false(complete_line(&session, L"hello E0", 8, &done)); /* ids only at the start */
	/* and after /edit N, where the edit's speaker goes */
	assert_true(complete_line(&session, L"/edit 12 e04", 12, &done));
	assert_int_equal(done.start, 9);
	assert_true(wcsncmp(done.text, L"E04: ", done.n) == 0 && done.n == 5);
	assert_true(complete_line(&session, L"/ed 3 E0", 8, &done));
	assert_string_equal(done.message, "E01 E02 E03 E04");
	assert_false(complete_line(&session, L"/edit 12 waited E0", 18, &done));
	assert_false(complete_line(&session, L"/edit x E0", 10, &done));
	assert_false(complete_line(&session, L"/retract 12 E0", 14, &done));
	/* and the item after /move N */
	struct session_item items[2] = { { .def = &agenda->items[0] }, { .def = &agenda->items[1] } };
	session.items = items;
	session.n_items = 2;
	assert_true(complete_line(&session, L"/move 12 arr", 12, &done));
	assert_true(wcsncmp(done.text, L"arrival ", done.n) == 0 && done.n == 8);
	assert_false(complete_line(&session, L"#zzz", 4, &done));
	free(session.participants);
	agenda_free(agenda);
}

/* view_draw_wide() makes its cells itself (tui/view.c) instead of leaving every character
 * to waddnwstr(): on a virtual screen, each text drawn both ways, cut to the same width,
 * must give the same cells (characters, joined zero-width characters, the second column
 * of wide ones, attributes, pair) and the same columns used. */
static void test_cells_as_waddnwstr(void **state)
{
	(void)state;
	struct screendump_screen screen = {0};
	char err[256];
	setlocale(LC_ALL, "C.UTF-8");
	assert_true(screendump_open(&screen, 10, 60, err, sizeof err));
	start_color();
	use_default_colors();
	init_pair(3, COLOR_CYAN, -1);
	const char *texts[] = {
		"plain ascii", "انتظرت تسعة أشهر", "ቋንቋ ብቐሊሉ", "等了九个月 wide", "🙂 emoji 👍👍",
		"e\xcc\x81te combining", "\xcc\x81 starts with a combining mark", "等\xcc\x81 after a wide one",
		"❤\xef\xb8\x8f heart vs16", "a\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85\xcc\x86 six marks",
		"کلاس\xe2\x80\x8cها zwnj", "cut 等等等等等等等等等等等等等等等等等等等等等等等等等等等", "line\nbreak",
	};
	const attr_t attrs[] = { A_NORMAL, A_BOLD | (attr_t)COLOR_PAIR(3), A_DIM | A_UNDERLINE };
	size_t n_texts = sizeof texts / sizeof texts[0];
	for (size_t t = 0; t < n_texts; t++) {
		for (size_t a = 0; a < sizeof attrs / sizeof attrs[0]; a++) {
			size_t n;
			wchar_t *wide = tw_from_utf8(texts[t], strlen(texts[t]), &n);
			assert_non_null(wide);
			int width = 21;
			erase();
			int used = view_draw_wide(1, 2, width, wide, n, attrs[a]);
			int expect = 0;
			size_t fit = tw_cut(wide, n, width, &expect);
			attr_set(attrs[a], (short)PAIR_NUMBER(attrs[a]), NULL);
			if (fit > 0)
				mvaddnwstr(4, 2, wide, (int)fit);
			attr_set(A_NORMAL, 0, NULL);
			assert_int_equal(used, expect);
			for (int x = 0; x < 60; x++) {
				cchar_t mine, theirs;
				wchar_t mw[CCHARW_MAX + 1] = {0}, tw[CCHARW_MAX + 1] = {0};
				attr_t ma, ta;
				short mp, tp;
				mvin_wch(1, x, &mine);
				mvin_wch(4, x, &theirs);
				getcchar(&mine, mw, &ma, &mp, NULL);
				getcchar(&theirs, tw, &ta, &tp, NULL);
				if (wcscmp(mw, tw) != 0 || ma != ta || mp != tp)
					fail_msg("\"%s\" in attributes %zu, column %d: cell differs from waddnwstr's",
						texts[t], a, x);
			}
			free(wide);
		}
	}
	screendump_close(&screen);
}

/* Control and bidi characters typed or pasted into the capture line (its text is not
 * made visible when typed: the line keeps what was typed) reach the screen as the marks
 * the log shows (BEL as U+2407, an override as U+FFFD), never as themselves, and take the
 * columns tw_width() counts, where the prompt puts the cursor. */
static void test_typed_controls_shown_as_marks(void **state)
{
	(void)state;
	struct screendump_screen screen = {0};
	char err[256];
	assert_true(screendump_open(&screen, 4, 80, err, sizeof err));
	static const wchar_t raw[] = L"bell\a esc\x1b[2J rlo\x202e lri\x2066 c1 \x9b tab\t del\x7f end";
	size_t n = wcslen(raw);
	erase();
	int used = view_draw_wide(1, 0, 80, raw, n, A_NORMAL);
	assert_int_equal(used, tw_width(raw, n));
	bool bell = false, override = false;
	for (int x = 0; x < 80; x++) {
		cchar_t cell;
		wchar_t wch[CCHARW_MAX + 1] = {0};
		attr_t attrs;
		short pair;
		mvin_wch(1, x, &cell);
		getcchar(&cell, wch, &attrs, &pair, NULL);
		for (int k = 0; wch[k]; k++)
			if (textsafe_unsafe((unsigned)wch[k]))
				fail_msg("column %d holds U+%04X as it was typed", x, (unsigned)wch[k]);
		bell |= wch[0] == 0x2407;
		override |= x > 0 && wch[0] == 0xfffd;
	}
	assert_true(bell);
	assert_true(override);
	char shown[128];
	mvinnstr(1, 0, shown, 60);
	assert_non_null(strstr(shown, "rlo\xef\xbf\xbd lri\xef\xbf\xbd c1 \xef\xbf\xbd tab\xe2\x90\x89 del\xe2\x90\xa1"));
	screendump_close(&screen);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_of_scripts),
		cmocka_unit_test(test_cut_never_splits),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_control_characters_visible),
		cmocka_unit_test(test_utf8_round_trip),
		cmocka_unit_test(test_lineedit),
		cmocka_unit_test(test_action_table),
		cmocka_unit_test(test_completion),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_cells_as_waddnwstr),
		cmocka_unit_test(test_typed_controls_shown_as_marks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
