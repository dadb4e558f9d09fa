/* test_tui_console: what the console's keys do to a real session, headless.
 *
 * Each key that changes something must reach the session as its capture line; a refused
 * line stays on the capture line; other consoles' writes appear after a tick; the entry
 * point refuses to start without a usable terminal. */
#include <sysexits.h>
#include <curses.h>
#include <sqlite3.h>

#include "tui_fixture.h"
#include "tui/terminal.h"

/* Another program holding the session's database for writing, on a connection of its own;
 * the console's store gives up on the lock at once instead of after 10 s. */
static sqlite3 *hold_write_lock(struct tui_fixture *fx)
{
	store_set_busy_wait(fx->store, 0);
	sqlite3 *other;
	assert_int_equal(sqlite3_open(fx->db, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	return other;
}

/* ... and letting it go (the connection stays open: sqlite3_close() it). */
static void release_write_lock(sqlite3 *other)
{
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
}

/* When the database cannot take a line (here another program holds the write lock, and
 * the store gives up at once instead of after 10 s), what the room said is kept, in order,
 * and the capture line is free for the next: the header and the status say how many wait.
 * A command waits until they are saved (an item move would put them on the next item);
 * leaving asks first. Once the lock is released, the next try saves them in order, and a
 * line refused for what it says comes back to the capture line. */
static void test_unsaved_lines_kept(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	sqlite3 *other = hold_write_lock(fx);

	tui_keys(fx, "E01: first while it is locked<Enter>");
	assert_non_null(strstr(console_status(fx->console), "NOT SAVED YET: 1 line kept here"));
	assert_true(tui_screen_has(fx, " 1 NOT SAVED "));
	assert_true(tui_screen_has(fx, "\xe2\x80\xba E01: text #code")); /* the capture line is free */
	assert_true(tui_screen_has(fx, "not saved yet \xc2\xb7 E01: first while it is locked")); /* in the log */
	tui_keys(fx, "E02: second<Enter>E99: a typo while it is locked<Enter>");
	assert_true(tui_screen_has(fx, " 3 NOT SAVED "));
	assert_true(tui_screen_has(fx, "not saved yet \xc2\xb7 E02: second"));
	assert_true(tui_screen_has(fx, "not saved yet \xc2\xb7 E99: a typo while it is locked"));
	assert_int_equal(fx->session->n_contributions, 0);
	tui_keys(fx, "<F3>");
	assert_int_equal(fx->session->current_item, 0);
	assert_non_null(strstr(console_status(fx->console), "not now: 3 lines not saved yet come first"));
	tui_keys(fx, "<F10>");
	assert_non_null(strstr(console_status(fx->console), "3 lines are not saved yet"));
	tui_keys(fx, "n");
	assert_false(console_quit_requested(fx->console));
	tui_advance(fx, 3); /* still locked: tried again, still kept */
	assert_int_equal(fx->session->n_contributions, 0);
	assert_true(tui_screen_has(fx, " 3 NOT SAVED "));

	release_write_lock(other);
	tui_advance(fx, 3);
	assert_int_equal(fx->session->n_contributions, 2);
	assert_string_equal(fx->session->contributions[0].text, "first while it is locked");
	assert_string_equal(fx->session->contributions[1].text, "second");
	assert_non_null(strstr(console_status(fx->console), "refused when its turn came"));
	assert_true(tui_screen_has(fx, "\xe2\x80\xba E99: a typo while it is locked"));
	assert_false(tui_screen_has(fx, "NOT SAVED"));
	assert_false(tui_screen_has(fx, "not saved yet"));
	tui_keys(fx, "<F3>"); /* nothing waits: the item moves */
	assert_int_equal(fx->session->current_item, 1);
	sqlite3_close(other);
	tui_close(fx);
}

/* More kept lines than the log has rows for: the newest show, the first row says how many
 * older ones wait; all are saved, in order. */
static void test_unsaved_many_lines(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	sqlite3 *other = hold_write_lock(fx);
	for (int i = 1; i <= 12; i++) {
		char keys[64];
		snprintf(keys, sizeof keys, "E0%d: kept line %d<Enter>", i % 4 + 1, i);
		tui_keys(fx, keys);
	}
	assert_true(tui_screen_has(fx, " 12 NOT SAVED "));
	assert_true(tui_screen_has(fx, "not saved yet \xc2\xb7 E01: kept line 12"));
	char *screen = tui_dump(fx);
	const char *more = strstr(screen, "not saved yet: ");
	assert_non_null(more);
	int hidden = atoi(more + strlen("not saved yet: "));
	assert_true(hidden > 1 && hidden < 12);
	assert_non_null(strstr(more, "older lines"));
	free(screen);
	release_write_lock(other);
	tui_advance(fx, 3);
	assert_int_equal(fx->session->n_contributions, 12);
	for (int i = 0; i < 12; i++) {
		char want[32];
		snprintf(want, sizeof want, "kept line %d", i + 1);
		assert_string_equal(fx->session->contributions[i].text, want);
	}
	sqlite3_close(other);
	tui_close(fx);
}

/* A ballot a key sends (a number on a participant in the people panel) while the
 * database cannot take it is kept too, and saved once it can. */
static void test_unsaved_ballot_by_key(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("multilingual.yaml", 24, 80);
	tui_line(fx, "/vote eerst");
	sqlite3 *other = hold_write_lock(fx);
	tui_keys(fx, "<F6><F6><F6><Down>2"); /* participants, P2, option 2 */
	assert_true(tui_screen_has(fx, " 1 NOT SAVED "));
	assert_int_equal(fx->session->votes[fx->session->open_vote].n_ballots, 0);
	release_write_lock(other);
	tui_advance(fx, 3);
	const struct session_vote *vote = &fx->session->votes[fx->session->open_vote];
	assert_int_equal(vote->n_ballots, 1);
	assert_int_equal(vote->ballots[0].participant, 1);
	assert_int_equal(vote->ballots[0].choices[0], 2);
	assert_false(tui_screen_has(fx, "NOT SAVED"));
	sqlite3_close(other);
	tui_close(fx);
}

static void test_refused_line_stays(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	const char *why = tui_line_refused(fx, "E99: who is this");
	assert_non_null(strstr(why, "unknown participant E99"));
	assert_int_equal(fx->session->n_contributions, 0);
	assert_true(tui_screen_has(fx, "› E99: who is this"));
	tui_keys(fx, "<C-u>E01: hello<Enter>");
	assert_int_equal(fx->session->n_contributions, 1);
	assert_string_equal(fx->session->contributions[0].text, "hello");
	assert_false(tui_screen_has(fx, "› E01: hello"));
	tui_keys(fx, "<Up>");
	assert_true(tui_screen_has(fx, "› E01: hello")); /* history */
	tui_close(fx);
}

/* What follows a refusal: the refused text stays on the capture line, selected (drawn
 * in the selection's look), so that what is typed next replaces it instead of joining it
 * ("E05: 7" refused, then "/close" must not give "E05: 7/close"); Up brings it back;
 * Left, Right, Home, End, Backspace and Delete edit it; ? still opens help over it. */
static void test_refused_line_selected(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line_refused(fx, "E99: 7");
	char *screen = tui_dump(fx);
	const char *roles = strstr(screen, "--- roles\n");
	assert_non_null(roles);
	const char *last = roles + strlen(roles) - 1; /* the capture line's roles, the last row */
	while (last > roles && last[-1] != '\n')
		last--;
	assert_memory_equal(last, "T.SSSSSS\n", 9); /* "› " then the selected "E99: 7" */
	free(screen);
	tui_keys(fx, "E01: typed after the refusal<Enter>");
	assert_int_equal(fx->session->n_contributions, 1);
	assert_string_equal(fx->session->contributions[0].text, "typed after the refusal");
	tui_keys(fx, "<Up><Up>");
	assert_true(tui_screen_has(fx, "\xe2\x80\xba E99: 7")); /* the refused line, from the history */
	tui_keys(fx, "<C-u>");

	/* editing keys edit the refused text */
	tui_line_refused(fx, "E09: corrected by hand");
	tui_keys(fx, "<Home><Del><Del><Del>E01<Enter>");
	assert_int_equal(fx->session->n_contributions, 2);
	assert_string_equal(fx->session->contributions[1].text, "corrected by hand");
	tui_line_refused(fx, "E01: two codes #nonsense");
	tui_keys(fx, "<BS><BS><BS><BS><BS><BS><BS><BS>housing<Enter>");
	assert_int_equal(fx->session->n_contributions, 3);
	assert_string_equal(fx->session->contributions[2].tags[0], "housing");
	tui_line_refused(fx, "E77: left and right");
	tui_keys(fx, "<Left><Right><End> too<Home><Right><Del>1<Enter>");
	assert_true(console_status_error(fx->console)); /* "E17: ..." is refused in turn, not lost */
	assert_true(tui_screen_has(fx, "\xe2\x80\xba E17: left and right too"));

	/* ? over a selected line opens help and leaves the line as it was */
	tui_keys(fx, "?");
	assert_true(tui_screen_has(fx, " Help "));
	tui_keys(fx, "<Esc>");
	assert_true(tui_screen_has(fx, "\xe2\x80\xba E17: left and right too"));
	tui_keys(fx, "/next<Enter>");
	assert_int_equal(fx->session->current_item, 1);
	tui_close(fx);
}

static void test_editing_keys(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "E0<Tab>");
	assert_true(tui_screen_has(fx, "E01 E02 E03 E04"));
	tui_keys(fx, "3<Tab>wachten op wrong<C-w>huis<Home><Right><Right><Right><Right><Right>"
		"!obs<Tab><End> #hous<Tab><BS><Enter>");
	assert_int_equal(fx->session->n_contributions, 1);
	const struct session_contribution *c = &fx->session->contributions[0];
	assert_int_equal(c->kind, KIND_OBSTACLE);
	assert_int_equal(c->n_tags, 1);
	assert_string_equal(c->tags[0], "housing");
	assert_string_equal(fx->session->participants[c->participant].id, "E03");
	tui_close(fx);
}

/* Editing keys redraw only the capture line (VIEW_REDRAW_LINE): the screen after them,
 * styles included, must be the one a full redraw gives. A resize to the same size
 * redraws everything. Long lines scroll the capture line; wide characters and a
 * refused line's status are on screen while typing. */
static void test_line_redraw_matches_full(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	const char *scripts[] = {
		"E01: waited nine months for lessons",
		"<BS><BS><Left><Left>X<Home><Right>Y<End> \xe4\xbd\xa0\xe5\xa5\xbd \xd8\xa7\xd9\x86\xd8\xaa\xd8\xb8\xd8\xb1",
		" and a very long tail that makes the capture line scroll sideways past the edge of the panel",
		"<C-w><C-w><Left><Left><Left><Del><Del>",
		"<C-u>E99: unknown<Enter>more typing after a refusal",
		"<C-u><Up><Down>",
	};
	for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++) {
		tui_keys(fx, scripts[i]);
		char *partial = tui_dump(fx);
		console_resize(fx->console, 24, 80);
		char *full = tui_dump(fx);
		assert_string_equal(partial, full);
		free(partial);
		free(full);
	}
	tui_close(fx);
}

/* The log keeps each entry's styled text and wrapped lines between draws (log_view.c),
 * and PgUp/PgDn and a moving selection redraw the log panel alone (VIEW_REDRAW_PANEL).
 * After each step the screen must be the one a console opened afresh on the same session
 * draws (nothing cached), styles included: scrolling, selecting, an edit, a retraction,
 * its undo, a withdrawn quote consent, a resize. */
enum { FRESH_MAX = 32 };
struct fresh_consoles {
	struct console *open[FRESH_MAX]; /* closed at the end: closing one headless console while
	                                  * another is drawn on leaves the other's screen empty */
	int n;
};

/* The cells of the console's screen (stdscr) that the terminal was not sent: curscr is
 * what doupdate() last sent, so a change drawn but not marked as changed (the log's
 * entries are copied from pads and then marked, tui/view.h) leaves the terminal showing
 * what was there before, while a dump of stdscr looks right. Call it right after a key,
 * while the console's screen is the current one. */
static int cells_not_sent(void)
{
	int rows, cols, n = 0;
	getmaxyx(stdscr, rows, cols);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			cchar_t drawn, sent;
			wchar_t a[CCHARW_MAX + 1] = {0}, b[CCHARW_MAX + 1] = {0};
			attr_t attr_a, attr_b;
			short pair_a, pair_b;
			mvwin_wch(stdscr, y, x, &drawn);
			mvwin_wch(curscr, y, x, &sent);
			getcchar(&drawn, a, &attr_a, &pair_a, NULL);
			getcchar(&sent, b, &attr_b, &pair_b, NULL);
			if (wcscmp(a, b) != 0 || attr_a != attr_b || pair_a != pair_b)
				n++;
		}
	return n;
}

static void assert_all_sent(const char *step)
{
	int unsent = cells_not_sent();
	if (unsent)
		fail_msg("%s: %d cells of the screen were not sent to the terminal", step, unsent);
}

static void assert_same_as_fresh(struct tui_fixture *fx, struct fresh_consoles *pool, const char *step)
{
	char err[256];
	char *warm = tui_dump(fx);
	console_resize(fx->console, fx->rows, fx->cols); /* a full redraw from the cache */
	char *full = tui_dump(fx);
	/* a console opened afresh on the same session draws its first frame from nothing */
	struct console *fresh = console_open_headless(fx->session, NULL, fx->rows, fx->cols, err, sizeof err);
	assert_non_null(fresh);
	assert_true(pool->n < FRESH_MAX);
	pool->open[pool->n++] = fresh;
	char *cold = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&cold, &len);
	assert_non_null(out);
	console_dump(fresh, out);
	fclose(out);
	if (strcmp(warm, full) != 0)
		fail_msg("%s: the panel redraw differs from a full redraw\n%s\n---\n%s", step, warm, full);
	free(warm);
	free(full);
	/* back to the first frame's view (focus on the line, no scroll, no message): the same
	 * screen as the fresh console's, drawn from what the cache kept */
	tui_keys(fx, "<Esc><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><PgDn><Esc>");
	warm = tui_dump(fx);
	if (strcmp(warm, cold) != 0)
		fail_msg("%s: the cached log differs from a fresh console's\n%s\n---\n%s", step, warm, cold);
	free(warm);
	free(cold);
}

/* A line that only adds an entry redraws the log, the people and the capture line alone
 * (VIEW_REDRAW_ENTRY). After each such line, at 80x24 and at 160x48 (the people beside
 * the log, the agenda's totals), everything drawn must have been sent and the screen must
 * be the one a full redraw gives: a contribution, a note, codes, a first contribution
 * that changes the people's title, a quote without consent (its warning), a line during
 * a vote that is not a ballot, a ballot, a refused line, and the line after each. */
static void test_entry_redraw_matches_full(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 24, 80 }, { 48, 160 } };
	const char *lines[] = {
		"E01: waited nine months for lessons #language", "the room takes a break",
		"E02: !quote they never called back \xd8\xa7\xd9\x86\xd8\xaa\xd8\xb8\xd8\xb1",
		"E03: !idea a buddy for the first month #work #links", "/vote language-first",
		"E04: while the vote is open", "E04: 1 1 2", "E99: nobody by that id", "E01: after the refusal",
		"/close", "E02: after the vote \xe7\xad\x89\xe4\xba\x86\xe4\xb9\x9d\xe4\xb8\xaa\xe6\x9c\x88",
	};
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", sizes[z][0], sizes[z][1]);
		tui_keys(fx, "/item language<Enter>");
		for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
			tui_keys(fx, "<C-u>");
			tui_keys(fx, lines[i]);
			tui_keys(fx, "<Enter>");
			assert_all_sent(lines[i]);
			char *partial = tui_dump(fx);
			console_resize(fx->console, sizes[z][0], sizes[z][1]);
			char *full = tui_dump(fx);
			if (strcmp(partial, full) != 0)
				fail_msg("%dx%d, after \"%s\": the redraw differs from a full one\n%s\n---\n%s", sizes[z][1],
					sizes[z][0], lines[i], partial, full);
			free(partial);
			free(full);
		}
		assert_int_equal(fx->session->n_contributions, 7);
		tui_close(fx);
	}
}

static void test_log_cache_matches_fresh(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct fresh_consoles pool = {0};
	for (int i = 1; i <= 30; i++) {
		char line[160];
		snprintf(line, sizeof line, "E0%d: !%s entry %d waited nine months for lessons \xd8\xa7\xd9\x86\xd8\xaa\xd8\xb8\xd8\xb1"
			" \xe7\xad\x89\xe4\xba\x86 #language", i % 4 + 1, i % 3 ? "obstacle" : "quote", i);
		tui_line(fx, line);
	}
	const char *steps[] = {
		"<PgUp>", "<PgUp><PgUp>", "<PgDn>", "<PgDn><PgDn><PgDn>", "<PgUp><PgUp><PgUp><PgUp><PgUp><PgUp>",
		"<F6><F6>", "<F6><F6><Up><Up><Up>", "<F6><F6><Up><Up><Up><Up><Up><Up><Up><Up><Up><Down>",
		"<F6><F6><Up><PgUp><Up><PgDn><wheel-up><wheel-up>",
		"/edit 29 changed text #work<Enter>", "/retract 28<Enter>", "<C-z>", "/consent E01 quotes no<Enter>",
		"/edit 30 !idea and now an idea<Enter>", "<PgUp>",
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		tui_keys(fx, steps[i]);
		assert_all_sent(steps[i]);
		assert_same_as_fresh(fx, &pool, steps[i]);
	}
	assert_true(tui_screen_has(fx, "changed text"));
	console_resize(fx->console, 30, 100);
	fx->rows = 30;
	fx->cols = 100;
	assert_same_as_fresh(fx, &pool, "resize to 100x30");
	console_resize(fx->console, 48, 160);
	fx->rows = 48;
	fx->cols = 160;
	tui_keys(fx, "<PgUp>");
	assert_all_sent("resize to 160x48, PgUp");
	assert_same_as_fresh(fx, &pool, "resize to 160x48, PgUp");
	for (int i = 0; i < pool.n; i++)
		console_close(pool.open[i]);
	tui_close(fx);
}

static void test_command_keys(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	int planned = fx->session->items[0].planned_seconds;
	tui_keys(fx, "<F4>");
	assert_int_equal(fx->session->items[0].planned_seconds, planned + 300);
	tui_keys(fx, "<F3>");
	assert_int_equal(fx->session->current_item, 1);
	tui_keys(fx, "<F2>");
	assert_int_equal(fx->session->current_item, 0);
	tui_keys(fx, "<F6><Down><Down><Down><Enter>"); /* focus the agenda, jump to item 4 */
	assert_int_equal(fx->session->current_item, 3);
	tui_line(fx, "E01: typed for the wrong person");
	tui_keys(fx, "<C-z>");
	assert_true(fx->session->contributions[0].retracted);
	tui_close(fx);
}

static void test_log_edit_and_retract(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "E01: first thought");
	tui_line(fx, "E02: second thoght");
	assert_true(tui_screen_has(fx, "1 18:30 E01 first thought")); /* entry numbers on every row */
	assert_true(tui_screen_has(fx, "2 18:30 E02 second thoght"));
	tui_keys(fx, "<F6><F6>");               /* the log, newest selected */
	tui_keys(fx, "<F5>");
	assert_true(tui_screen_has(fx, "/edit 2 E02: second thoght"));
	assert_true(tui_screen_has(fx, "edit the text or who said it, Enter to record it"));
	tui_keys(fx, "<BS><BS><BS>ught<Enter>");
	assert_string_equal(fx->session->contributions[1].text, "second thought");
	assert_int_equal(fx->session->contributions[1].n_edits, 1);
	/* the speaker loaded with it: changed in place, the entry is E03's */
	tui_keys(fx, "<F6><F6><F5><Home><Right><Right><Right><Right><Right><Right><Right><Right><Right><Right>"
		"<Del>3<Enter>");
	assert_int_equal(fx->session->contributions[1].participant, session_participant_index(fx->session, "E03"));
	assert_true(tui_screen_has(fx, "edited entry 2: now by E03, not E02"));
	assert_true(tui_screen_has(fx, "2 18:30 E03 second thought"));
	tui_keys(fx, "<F6><F6><Up><Del>");
	assert_true(fx->session->contributions[0].retracted);
	assert_true(tui_screen_has(fx, "[retracted]"));
	assert_true(tui_screen_has(fx, "retracted entry 1 by E01"));
	/* Ctrl-Z takes back the retraction, not the entry before it (issue 14) */
	tui_keys(fx, "<C-z>");
	assert_false(fx->session->contributions[0].retracted);
	assert_false(fx->session->contributions[1].retracted);
	assert_true(tui_screen_has(fx, "took back the retraction of entry 1"));
	tui_close(fx);
}

/* The log's selection steps over the current item's entries only, across another item's
 * between them (the item's index, session_item.entries). */
static void test_log_selection_skips_other_items(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "E01: first on item one");
	tui_line(fx, "/next");
	tui_line(fx, "E02: on item two");
	tui_line(fx, "/prev");
	tui_line(fx, "E03: second on item one");
	tui_keys(fx, "<F6><F6><Up><Del>"); /* the newest (3), the one before it on this item (1) */
	assert_true(fx->session->contributions[0].retracted);
	assert_false(fx->session->contributions[1].retracted);
	assert_false(fx->session->contributions[2].retracted);
	tui_keys(fx, "<Esc><F6><F6><Up><Up><Down><Del>"); /* 3, 1, 1 (the oldest), 3 */
	assert_false(fx->session->contributions[1].retracted);
	assert_true(fx->session->contributions[2].retracted);
	tui_close(fx);
}

/* Issue 14: during a vote, "E01: 3 1" then Ctrl-Z took back an unrelated contribution
 * and left the ballot. Undo takes back the last action, whatever it was. */
static void test_undo_during_a_vote(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item work");
	tui_line(fx, "E02: no job after two years #work");
	tui_line(fx, "/vote work-routes");
	tui_line(fx, "E01: 3 1");
	tui_line(fx, "E03: I want my diploma recognised first");
	assert_true(tui_screen_has(fx, "note, not a ballot"));
	assert_int_equal(fx->session->n_contributions, 2);
	tui_keys(fx, "<C-z>");
	assert_true(fx->session->contributions[1].retracted);
	tui_keys(fx, "<C-z>");
	assert_true(tui_screen_has(fx, "took back the ballot of E01 on work-routes"));
	assert_int_equal(fx->session->votes[fx->session->open_vote].n_ballots, 0);
	assert_false(fx->session->contributions[0].retracted);
	tui_keys(fx, "<C-z>");
	assert_true(console_status_error(fx->console)); /* opening the vote: /close it instead */
	assert_false(fx->session->contributions[0].retracted);
	tui_close(fx);
}

/* Issue 14: "?who decides" opened help and swallowed the rest; now it is a line. */
static void test_question_mark_keeps_text(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "?who decides this<Enter>");
	assert_int_equal(fx->session->n_contributions, 1);
	assert_string_equal(fx->session->contributions[0].text, "?who decides this");
	tui_keys(fx, "E01: why? because<Enter>");
	assert_string_equal(fx->session->contributions[1].text, "why? because");
	tui_keys(fx, "?");
	assert_true(tui_screen_has(fx, "Help"));
	tui_keys(fx, "?");
	assert_false(tui_screen_has(fx, "Keys (F1"));
	tui_close(fx);
}

/* Typing or pasting while help (or the recommendations) is open: it closes, and the
 * text goes to the capture line; q and ? still close it, arrows still scroll it. */
static void test_typing_closes_help(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "<F1>");
	assert_true(tui_screen_has(fx, "Keys (F1"));
	tui_keys(fx, "<Down>");
	assert_true(tui_screen_has(fx, "─ Help ─"));
	assert_false(tui_screen_has(fx, "Keys (F1")); /* scrolled by a line, still open */
	tui_keys(fx, "E01: said while help was open");
	assert_false(tui_screen_has(fx, "─ Help ─"));
	assert_true(tui_screen_has(fx, "› E01: said while help was open"));
	tui_keys(fx, "<C-u><F1>q");
	assert_false(tui_screen_has(fx, "Keys (F1"));
	assert_true(tui_screen_has(fx, "› E01: text #code")); /* q closed it, and was not typed */
	tui_keys(fx, "<F9>");
	assert_true(tui_screen_has(fx, "Recommendations (F9"));
	tui_keys(fx, "<paste>E02: pasted into the list</paste><pause>");
	assert_false(tui_screen_has(fx, "Recommendations (F9"));
	assert_true(tui_screen_has(fx, "› E02: pasted into the list"));
	tui_keys(fx, "<C-u>?<paste>who decides this</paste><pause>");
	assert_true(tui_screen_has(fx, "› ?who decides this"));
	tui_keys(fx, "<C-u>?quality first");
	assert_true(tui_screen_has(fx, "› ?quality first"));
	tui_close(fx);
}

/* A session recorded on its agenda's day: no word about the date. */
static void test_no_date_note_on_the_day(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80); /* 2024-03-14, started that day */
	assert_false(tui_screen_has(fx, "agenda dated"));
	assert_string_equal(console_status(fx->console), "");
	tui_close(fx);
}

/* Issue 14: what is typed while the window is too small is kept. */
static void test_typing_in_a_small_window(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	console_resize(fx->console, 20, 60);
	tui_keys(fx, "E01: typed while small");
	/* shown at the foot while small, as each key is typed, and its status once sent */
	assert_true(tui_screen_has(fx, "terminal too small"));
	assert_true(tui_screen_has(fx, "› E01: typed while small"));
	tui_keys(fx, "<BS><BS><BS><BS><BS>");
	assert_true(tui_screen_has(fx, "› E01: typed while"));
	assert_false(tui_screen_has(fx, "typed while small"));
	tui_keys(fx, "small");
	console_resize(fx->console, 6, 20); /* the smallest that shows the line: its end, where the cursor is */
	assert_true(tui_screen_has(fx, "› typed while small"));
	assert_false(tui_screen_has(fx, "› E01"));
	assert_true(tui_screen_has(fx, " F1 help  F2 prev\n")); /* whole hints only */
	console_resize(fx->console, 5, 20);
	assert_false(tui_screen_has(fx, "›")); /* too small even for the line: kept, not shown */
	tui_keys(fx, "<Enter>"); /* and not sent blind: nothing on screen would say what it did */
	assert_int_equal(fx->session->n_contributions, 0);
	console_resize(fx->console, 24, 80);
	assert_true(tui_screen_has(fx, "› E01: typed while small"));
	console_resize(fx->console, 10, 40); /* a paste is kept and shown as typing is */
	tui_keys(fx, "<paste> and pasted</paste><pause>");
	assert_true(tui_screen_has(fx, "› E01: typed while small and pasted"));
	console_resize(fx->console, 24, 80);
	tui_keys(fx, "<Enter>");
	assert_int_equal(fx->session->n_contributions, 1);
	assert_string_equal(fx->session->contributions[0].text, "typed while small and pasted");
	console_resize(fx->console, 6, 24); /* a narrow status shows the message's start, not only "F1: ..." */
	assert_true(tui_screen_has(fx, " recorded entry 1: E01…"));
	tui_close(fx);
}

/* Issue 14: /en ended the session at once; now /end in full, then y. */
static void test_end_needs_the_word_and_a_yes(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	const char *refused = tui_line_refused(fx, "/en");
	assert_non_null(strstr(refused, "type it in full: /end"));
	assert_false(fx->session->ended);
	tui_keys(fx, "<C-u>/end<Enter>");
	assert_false(fx->session->ended);
	assert_true(tui_screen_has(fx, "End the session for every console?"));
	tui_keys(fx, "n");
	assert_false(fx->session->ended);
	assert_true(tui_screen_has(fx, "› /end"));
	tui_keys(fx, "<Enter>y");
	assert_true(fx->session->ended);
	assert_true(tui_screen_has(fx, "session ended"));
	tui_close(fx);
}

/* Issue 14: vote and item ids are on screen and Tab completes them. */
static void test_ids_shown_and_completed(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "/item lan<Tab>");
	assert_true(tui_screen_has(fx, "› /item language"));
	tui_keys(fx, "<Enter>");
	assert_int_equal(fx->session->current_item, 2);
	assert_true(tui_screen_has(fx, "/vote language-first (dots)"));
	tui_keys(fx, "/v <Tab>");
	assert_true(tui_screen_has(fx, "language-first lessons-fit"));
	tui_keys(fx, "an<Tab>");
	assert_true(tui_screen_has(fx, "› /v language-first"));
	tui_keys(fx, "<Enter>");
	assert_true(tui_screen_has(fx, "Vote language-first (dots)"));
	tui_line(fx, "/close");
	tui_keys(fx, "/reo <Tab>");
	assert_true(tui_screen_has(fx, "› /reo language-first"));
	tui_close(fx);
}

/* Issue 14: help shows every capture form, ballots included, and the whole last message. */
static void test_help_shows_capture_forms(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 40, 120);
	tui_line_refused(fx, "E01: about #nope");
	tui_keys(fx, "<F1>");
	assert_true(tui_screen_has(fx, "Last message: unknown code #nope"));
	tui_keys(fx, "<PgDn>");
	assert_true(tui_screen_has(fx, "E03: block REASON"));
	assert_true(tui_screen_has(fx, "= 5 3 1"));
	assert_true(tui_screen_has(fx, "E03: 4 1"));
	tui_close(fx);
}

/* Issue 14: a refusal too long for the status line says where to read it whole. */
static void test_long_refusal_readable(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line_refused(fx, "E01: about #nope");
	assert_true(tui_screen_has(fx, "F1: whole message"));
	assert_true(tui_screen_has(fx, "\xe2\x80\xa6 F1: whole message"));
	tui_close(fx);
}

/* Issue 14: the placeholder names this agenda's ids (D01, not E03). */
static void test_placeholder_uses_agenda_ids(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("examples/klankbordgroep-nl.yaml", 24, 80);
	assert_true(tui_screen_has(fx, "› D01: text #code !kind"));
	tui_close(fx);
}

/* Issue 14: a quote without consent is flagged on its log row. */
static void test_quote_without_consent_flagged(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "E02: !quote I did not know who to ask");
	assert_true(tui_screen_has(fx, "warning: no quote consent"));
	assert_true(tui_screen_has(fx, "who to ask \xe2\x9a\xa0"));
	tui_close(fx);
}

/* Issue 14: /recommend's numbers and texts can be seen (F9). */
static void test_recommendations_listed(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	assert_true(tui_screen_has(fx, "(nothing recorded on this item yet)"));
	tui_line(fx, "/recommend start lessons in the first month");
	/* the empty log does not say "nothing recorded" of an item with a recommendation */
	assert_true(tui_screen_has(fx, "(nothing said here yet; 1 recommendation: F9)"));
	tui_line(fx, "/next");
	tui_line(fx, "/recommend one client manager");
	tui_keys(fx, "<F9>");
	assert_true(tui_screen_has(fx, "1 start lessons in the first month"));
	assert_true(tui_screen_has(fx, "2 one client manager"));
	tui_keys(fx, "<F9>");
	assert_false(tui_screen_has(fx, "one client manager"));
	tui_close(fx);
}

/* Issue 14's item change: F3/F2 (and /next, /prev, /item) commit without waiting for the
 * disk, the first tick after the keys pause syncs them, and a line recorded after a move
 * syncs it with itself; every other line is synced before Enter returns. */
static void test_item_moves_synced_by_the_tick(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "E01: ik wacht al negen maanden op les #language");
	assert_false(store_sync_owed(fx->store));
	tui_advance(fx, 1);
	tui_keys(fx, "<F3>");
	assert_int_equal(fx->session->current_item, 1);
	assert_true(store_sync_owed(fx->store));
	fx->now += 200;
	console_tick(fx->console);
	tui_keys(fx, "a"); /* typing goes on: no sync between a key and its frame */
	fx->now += 100;
	console_tick(fx->console);
	assert_true(store_sync_owed(fx->store));
	fx->now += 250; /* the keys paused for the input timeout */
	console_tick(fx->console);
	assert_false(store_sync_owed(fx->store));
	tui_keys(fx, "<C-u>");
	tui_line(fx, "/prev");
	assert_int_equal(fx->session->current_item, 0);
	assert_true(store_sync_owed(fx->store));
	tui_line(fx, "E02: de gemeente belt nooit terug");
	assert_false(store_sync_owed(fx->store));
	tui_close(fx);
}

/* Issue 16: once a second console joined, the header names this console and the leader;
 * a leader's key at the second console is refused in its status line; a handover shows
 * at the other console with no key pressed. */
static void test_second_console_and_the_lead(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	char err[512];
	struct session_clock clock = {tui_fake_now, &fx->now};
	struct store *store;
	struct session *notes = NULL;
	assert_int_equal(session_claim(fx->session, false, err, sizeof err), 0);
	tui_advance(fx, 1);
	assert_false(tui_screen_has(fx, "test leads"));      /* alone: nothing about consoles */
	assert_int_equal(store_open(fx->db, &store, err, sizeof err), 0);
	assert_int_equal(session_load(store, fx->session->id, true, "notes", clock, &notes, err, sizeof err), 0);
	assert_int_equal(session_claim(notes, false, err, sizeof err), 0);
	tui_advance(fx, 1);
	assert_true(tui_screen_has(fx, "test leads \xc2\xb7"));
	struct console *second = console_open_headless(notes, NULL, 24, 80, err, sizeof err);
	assert_non_null(second);
	assert_true(console_feed(second, ""));
	console_tick(second);
	FILE *dump = tmpfile();
	console_dump(second, dump);
	rewind(dump);
	char screen[8192];
	size_t n = fread(screen, 1, sizeof screen - 1, dump);
	screen[n] = 0;
	fclose(dump);
	assert_non_null(strstr(screen, "notes \xc2\xb7 lead: test \xc2\xb7"));
	assert_true(console_feed(second, "<F3>"));
	assert_non_null(strstr(console_status(second), "only the leading console (test) moves through the agenda"));
	assert_int_equal(notes->current_item, 0);
	tui_line(fx, "/handover notes");
	fx->now += 1000;
	console_tick(second);
	assert_non_null(strstr(console_status(second), "this console leads now"));
	assert_true(console_feed(second, "<F3>"));
	assert_int_equal(notes->current_item, 1);
	tui_advance(fx, 1);
	assert_int_equal(fx->session->current_item, 1);
	assert_true(tui_screen_has(fx, "test \xc2\xb7 lead: notes"));
	console_close(second);
	session_free(notes);
	store_close(store);
	tui_close(fx);
}

/* Issue 14: the status line of a second console said nothing after /end elsewhere. */
static void test_end_elsewhere_shows(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct session *other = NULL;
	struct session_result result;
	char err[256];
	struct session_clock clock = {tui_fake_now, &fx->now};
	assert_int_equal(session_load(fx->store, fx->session->id, true, "second", clock, &other, err, sizeof err), 0);
	/* the leading console is not open (no process holds its name): the second takes the lead */
	assert_int_equal(session_apply_line(other, "/lead", 5, &result), 0);
	assert_int_equal(session_apply_line(other, "/end", 4, &result), 0);
	tui_advance(fx, 2);
	assert_true(fx->session->ended);
	assert_true(tui_screen_has(fx, "the session was ended at another console"));
	session_free(other);
	tui_close(fx);
}

/* Pasted text lands on the capture line as one line: a pasted line break, Tab or Enter
 * neither records nor completes anything; Enter after the paste records it once. */
static void test_bracketed_paste(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	int before = fx->session->n_contributions;
	tui_keys(fx, "<paste>E01: we waited<Enter>nine months<Tab>for lessons</paste>");
	assert_int_equal(fx->session->n_contributions, before);
	assert_true(tui_screen_has(fx, "› E01: we waited nine months for lessons"));
	tui_keys(fx, "<pause><Enter>"); /* a person presses Enter after the paste, not at once */
	assert_int_equal(fx->session->n_contributions, before + 1);
	assert_string_equal(fx->session->contributions[before].text, "we waited nine months for lessons");
	tui_close(fx);
}

/* Pasted text that holds the end marker itself (ESC [201~, here the first </paste>)
 * does not end the paste early: what arrives with it, a line break and a command, stays
 * text on the capture line and runs nothing; after a pause, Enter records it once. */
static void test_paste_holding_its_end_marker(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	int before = fx->session->n_contributions;
	int planned = fx->session->items[fx->session->current_item].planned_seconds;
	tui_keys(fx, "<paste>E01: first</paste><Enter>/extend 7<Enter>done</paste>");
	assert_int_equal(fx->session->n_contributions, before);
	assert_int_equal(fx->session->items[fx->session->current_item].planned_seconds, planned);
	assert_true(tui_screen_has(fx, "› E01: first /extend 7 done"));
	tui_keys(fx, "<pause><Enter>");
	assert_int_equal(fx->session->n_contributions, before + 1);
	assert_string_equal(fx->session->contributions[before].text, "first /extend 7 done");
	/* after a pause, keys are a person's again */
	tui_keys(fx, "<paste>E02: a</paste><pause><Enter>");
	assert_int_equal(fx->session->n_contributions, before + 2);
	tui_close(fx);
}

/* A ballot of several numbers (multi, dots, rank) starts on the capture line. */
static void test_ballot_of_several_numbers(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/item work");
	tui_line(fx, "/vote work-routes");
	tui_keys(fx, "<F6><F6><F6><Down>1"); /* participants, E02, option 1 */
	const struct session_vote *vote = &fx->session->votes[fx->session->open_vote];
	assert_int_equal(vote->n_ballots, 0); /* not yet: the ballot is being written */
	assert_true(tui_screen_has(fx, "› E02: 1"));
	tui_keys(fx, " 4<Enter>");
	assert_int_equal(vote->n_ballots, 1);
	assert_int_equal(vote->ballots[0].participant, 1);
	assert_int_equal(vote->ballots[0].n_choices, 2);
	assert_int_equal(vote->ballots[0].choices[0], 1);
	assert_int_equal(vote->ballots[0].choices[1], 4);
	tui_close(fx);
}

static void test_ballot_by_number(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("multilingual.yaml", 24, 80);
	tui_line(fx, "/vote eerst");
	assert_true(fx->session->open_vote >= 0);
	tui_keys(fx, "<F6><F6><F6><Down>2");  /* participants, P2, option 2 */
	const struct session_vote *vote = &fx->session->votes[fx->session->open_vote];
	assert_int_equal(vote->n_ballots, 1);
	assert_int_equal(vote->ballots[0].participant, 1);
	assert_int_equal(vote->ballots[0].choices[0], 2);
	assert_true(tui_screen_has(fx, "waiting: P1 P3 P4 P5 P6"));
	tui_keys(fx, "<Enter>");
	assert_true(tui_screen_has(fx, "› P2:")); /* the dump cuts trailing blanks */
	tui_keys(fx, "<C-u><F8>");
	assert_int_equal(fx->session->open_vote, -1);
	tui_close(fx);
}

static void test_second_console_refresh(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct session *other = NULL;
	struct session_result result;
	char err[256];
	struct session_clock clock = {tui_fake_now, &fx->now};
	assert_int_equal(session_load(fx->store, fx->session->id, true, "second", clock, &other, err, sizeof err), 0);
	assert_int_equal(session_apply_line(other, "E04: from the other laptop", 26, &result), 0);
	tui_advance(fx, 2);
	assert_int_equal(fx->session->n_contributions, 1);
	assert_true(tui_screen_has(fx, "from the other laptop"));
	session_free(other);
	tui_close(fx);
}

static void test_quit_keys(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "<F10>E01: after quit<Enter>");
	assert_true(console_quit_requested(fx->console));
	assert_int_equal(fx->session->n_contributions, 0); /* keys after a quit are not read */
	tui_close(fx);
	fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_line(fx, "/quit");
	assert_true(console_quit_requested(fx->console));
	tui_close(fx);
}

static void test_no_terminal(void **state)
{
	(void)state;
	char err[256] = "";
	const char *saved = getenv("TERM");
	char *copy = saved ? strdup(saved) : NULL;
	setenv("TERM", "dumb", 1);
	assert_int_equal(console_run(NULL, NULL, err, sizeof err), EX_UNAVAILABLE);
	assert_non_null(strstr(err, "TERM"));
	unsetenv("TERM");
	err[0] = 0;
	assert_int_equal(console_run(NULL, NULL, err, sizeof err), EX_UNAVAILABLE);
	assert_non_null(strstr(err, "unset"));
	/* a type terminfo does not know: found before anything is written (terminal.h) */
	setenv("TERM", "no-such-terminal", 1);
	err[0] = 0;
	assert_int_equal(terminal_check(TERMINAL_FOR_CONSOLE, err, sizeof err), EX_UNAVAILABLE);
	assert_non_null(strstr(err, "the console cannot start on terminal type \"no-such-terminal\""));
	assert_non_null(strstr(err, "--batch"));
	/* the display has no --batch: it says nothing of one */
	assert_int_equal(terminal_check(TERMINAL_FOR_DISPLAY, err, sizeof err), EX_UNAVAILABLE);
	assert_non_null(strstr(err, "the display cannot start"));
	assert_null(strstr(err, "--batch"));
	if (copy)
		setenv("TERM", copy, 1);
	free(copy);
}

static void test_no_color_readable(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	struct console_options options = {.no_color = true};
	tui_reopen(fx, &options);
	tui_advance(fx, 11 * 60);
	char *screen = tui_dump(fx);
	assert_non_null(strstr(screen, "+01:00"));          /* overrun shows as text, not only colour */
	assert_null(strstr(strstr(screen, "--- roles\n") + 10, "r")); /* no colour pairs in use */
	free(screen);
	tui_close(fx);
}

/* Keys from a config file reach both the bindings and the generated help. */
static void test_config_keys(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	char path[700];
	snprintf(path, sizeof path, "%s/config.yaml", fx->dir);
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	fputs("keys:\n  extend: [F9, Ctrl-T]\n", out);
	fclose(out);
	struct console_options options = {.config_path = path};
	tui_reopen(fx, &options);
	int planned = fx->session->items[0].planned_seconds;
	tui_keys(fx, "<F4>");
	assert_int_equal(fx->session->items[0].planned_seconds, planned);
	tui_keys(fx, "<F9><C-t>");
	assert_int_equal(fx->session->items[0].planned_seconds, planned + 600);
	tui_keys(fx, "<F1>");
	assert_true(tui_screen_has(fx, "F9/Ctrl-T"));
	unlink(path);
	tui_close(fx);
}

/* Clicks select, never record; the wheel scrolls. */
static void test_mouse(void **state)
{
	(void)state;
	struct tui_fixture *fx = tui_open("expert-pool-nijmegen.yaml", 24, 80);
	tui_keys(fx, "<click 4 5>");              /* row 4: the third agenda item */
	assert_int_equal(fx->session->current_item, 0);
	tui_keys(fx, "<Enter>");
	assert_int_equal(fx->session->current_item, 2);
	tui_keys(fx, "<click 10 3><Enter>");      /* row 10: the second participant, E02 */
	assert_true(tui_screen_has(fx, "› E02:"));
	for (int i = 0; i < 30; i++)
		tui_line(fx, "E01: a long evening of contributions, one after another");
	tui_keys(fx, "<wheel-up><wheel-up>");
	char *screen = tui_dump(fx);
	assert_null(strstr(screen, "(nothing recorded"));
	free(screen);
	tui_close(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unsaved_lines_kept),
		cmocka_unit_test(test_unsaved_ballot_by_key),
		cmocka_unit_test(test_unsaved_many_lines),
		cmocka_unit_test(test_refused_line_stays),
		cmocka_unit_test(test_refused_line_selected),
		cmocka_unit_test(test_editing_keys),
		cmocka_unit_test(test_line_redraw_matches_full),
		cmocka_unit_test(test_log_cache_matches_fresh),
		cmocka_unit_test(test_entry_redraw_matches_full),
		cmocka_unit_test(test_command_keys),
		cmocka_unit_test(test_log_edit_and_retract),
		cmocka_unit_test(test_log_selection_skips_other_items),
		cmocka_unit_test(test_ballot_by_number),
		cmocka_unit_test(test_ballot_of_several_numbers),
		cmocka_unit_test(test_bracketed_paste),
		cmocka_unit_test(test_paste_holding_its_end_marker),
		cmocka_unit_test(test_second_console_refresh),
		cmocka_unit_test(test_quit_keys),
		cmocka_unit_test(test_no_terminal),
		cmocka_unit_test(test_no_color_readable),
		cmocka_unit_test(test_config_keys),
		cmocka_unit_test(test_mouse),
		cmocka_unit_test(test_undo_during_a_vote),
		cmocka_unit_test(test_question_mark_keeps_text),
		cmocka_unit_test(test_typing_in_a_small_window),
		cmocka_unit_test(test_no_date_note_on_the_day),
		cmocka_unit_test(test_typing_closes_help),
		cmocka_unit_test(test_end_needs_the_word_and_a_yes),
		cmocka_unit_test(test_ids_shown_and_completed),
		cmocka_unit_test(test_help_shows_capture_forms),
		cmocka_unit_test(test_long_refusal_readable),
		cmocka_unit_test(test_placeholder_uses_agenda_ids),
		cmocka_unit_test(test_quote_without_consent_flagged),
		cmocka_unit_test(test_recommendations_listed),
		cmocka_unit_test(test_item_moves_synced_by_the_tick),
		cmocka_unit_test(test_end_elsewhere_shows),
		cmocka_unit_test(test_second_console_and_the_lead),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
