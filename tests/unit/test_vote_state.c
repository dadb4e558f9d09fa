/* test_vote_state: "has this participant voted" and "may the room see the results",
 * first on votes built by hand (every status, hidden and not, an empty vote), then on
 * a real session with the Nijmegen agenda from $SHARED/agendas/valid/, where ballots are
 * replaced and a hidden show of hands closes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/agenda.h"
#include "sessions/session.h"
#include "storage/store.h"
#include "sessions/vote_state.h"

static void test_ballot_lookup(void **state)
{
	(void)state;
	struct agenda_vote def = {.type = VOTE_SINGLE};
	struct session_ballot ballots[] = {{.participant = 3}, {.participant = 0}, {.participant = 7}};
	struct session_vote vote = {.def = &def, .status = SESSION_VOTE_OPEN, .ballots = ballots, .n_ballots = 3};
	assert_int_equal(vote_state_ballot_index(&vote, 3), 0);
	assert_int_equal(vote_state_ballot_index(&vote, 0), 1);
	assert_int_equal(vote_state_ballot_index(&vote, 7), 2);
	assert_int_equal(vote_state_ballot_index(&vote, 1), -1);
	assert_int_equal(vote_state_ballot_index(&vote, -1), -1);
	assert_true(vote_state_has_ballot(&vote, 0));
	assert_true(vote_state_has_ballot(&vote, 7));
	assert_false(vote_state_has_ballot(&vote, 2));
	struct session_vote empty = {.def = &def, .status = SESSION_VOTE_OPEN};
	assert_int_equal(vote_state_ballot_index(&empty, 0), -1);
	assert_false(vote_state_has_ballot(&empty, 0));
}

static void test_results_visible(void **state)
{
	(void)state;
	struct agenda_vote shown = {.type = VOTE_SINGLE}, hidden = {.type = VOTE_SINGLE, .hide_results = true};
	enum session_vote_status all[] = {SESSION_VOTE_PENDING, SESSION_VOTE_OPEN, SESSION_VOTE_CLOSED};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		struct session_vote a = {.def = &shown, .status = all[i]}, b = {.def = &hidden, .status = all[i]};
		assert_true(vote_state_results_visible(&a));
		assert_int_equal(vote_state_results_visible(&b), all[i] == SESSION_VOTE_CLOSED);
	}
}

static int64_t fake_now(void *ctx)
{
	return *(const int64_t *)ctx;
}

static void ok_line(struct session *s, const char *line)
{
	struct session_result r;
	if (session_apply_line(s, line, strlen(line), &r) != 0)
		fail_msg("\"%s\" was refused: %s", line, r.message);
}

static void test_in_a_session(void **state)
{
	(void)state;
	const char *shared = getenv("SHARED") && getenv("SHARED")[0] ? getenv("SHARED") : "../shared";
	const char *tmp = getenv("TEST_TMP") && getenv("TEST_TMP")[0] ? getenv("TEST_TMP") : "/tmp";
	char path[512], dir[256], db[300], err[512];
	snprintf(path, sizeof path, "%s/agendas/valid/expert-pool-nijmegen.yaml", shared);
	snprintf(dir, sizeof dir, "%s/test_vote_state.XXXXXX", tmp);
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/klankbord.db", dir);
	struct diag_list diags;
	diag_list_init(&diags);
	bool io_error = false;
	struct agenda *agenda = agenda_load_file(path, &diags, &io_error);
	diag_list_free(&diags);
	if (!agenda)
		fail_msg("cannot load %s; set SHARED to the shared folder", path);
	struct store *store;
	struct session *s;
	int64_t now = (int64_t)1710437400 * 1000;
	if (store_open(db, &store, err, sizeof err) != 0)
		fail_msg("store_open: %s", err);
	if (session_start(store, agenda, agenda->source, agenda->source_len, "hall",
		(struct session_clock){fake_now, &now}, &s, err, sizeof err) != 0)
		fail_msg("session_start: %s", err);

	int e01 = session_participant_index(s, "E01"), e02 = session_participant_index(s, "E02");
	ok_line(s, "/item language");
	ok_line(s, "/vote language-first");
	const struct session_vote *v = &s->votes[s->open_vote];
	assert_true(vote_state_results_visible(v));
	assert_false(vote_state_has_ballot(v, e01));
	ok_line(s, "E01: 1 1 3");
	ok_line(s, "E01: 2 4"); /* replaces the first: still one ballot */
	assert_true(vote_state_has_ballot(v, e01));
	assert_false(vote_state_has_ballot(v, e02));
	assert_int_equal(v->ballots[vote_state_ballot_index(v, e01)].choices[0], 2);
	ok_line(s, "E02: 4");
	assert_int_equal(vote_state_ballot_index(v, e02), 1);
	ok_line(s, "/close");

	ok_line(s, "/item recommendations");
	ok_line(s, "/vote show-of-hands");
	v = &s->votes[s->open_vote];
	assert_false(vote_state_results_visible(v));
	ok_line(s, "= 5 3 2");
	assert_false(vote_state_has_ballot(v, e01)); /* hands name nobody */
	assert_false(vote_state_results_visible(v));
	ok_line(s, "/close");
	assert_true(vote_state_results_visible(v));

	session_free(s);
	store_close(store);
	agenda_free(agenda);
	const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(path, sizeof path, "%s%s", db, suffixes[i]);
		unlink(path);
	}
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ballot_lookup),
		cmocka_unit_test(test_results_visible),
		cmocka_unit_test(test_in_a_session),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
