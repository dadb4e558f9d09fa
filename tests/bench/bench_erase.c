/* bench_erase: erasing one participant of one session in the full history, as
 * `klankbord erase SESSION PARTICIPANT --yes` does it (session_erase(): checks, agenda
 * text, log, derived rows, the search index rewritten as one segment, checkpoint
 * TRUNCATE), in one process.
 *
 *   bench_erase DB
 * DB is a copy (it is changed). Prints:
 *   erase_first_scrub   ms: the one-time rewrite (VACUUM) a database written before schema
 *                       version 5 gets at its first erasure (done here before timing)
 *   erase_participant   ms: erasing the participant with the most contributions of an
 *                       ended session in the middle of the history (secure_delete covers
 *                       the file; no VACUUM)
 *   erase_contributions the contributions it erased (so a run that erased nothing shows) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/session_erase.h"
#include "storage/store.h"
#include "tests/bench/bench_util.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench_erase DB\n");
		return 2;
	}
	char err[1024];
	struct store *store;
	if (store_open(argv[1], &store, err, sizeof err) != 0) {
		fprintf(stderr, "bench_erase: %s\n", err);
		return 1;
	}
	int64_t t0 = bench_now_ns();
	bool vacuumed = false;
	int rc = store_scrub(store, false, &vacuumed, err, sizeof err);
	bench_report("erase_first_scrub", (double)(bench_now_ns() - t0) / 1e6, "ms");
	/* the session in the middle of the list, and its most talkative participant */
	struct store_session_info *list = NULL;
	int n = 0;
	if (!rc)
		rc = store_session_list(store, &list, &n, err, sizeof err);
	char session[STORE_UUID_LEN + 1] = "", participant[32] = "";
	for (int i = n / 2; !rc && i < n && !session[0]; i++) {
		if (!list[i].ended || list[i].erased || list[i].n_contributions == 0)
			continue;
		struct store_session_info info;
		if (store_session_get(store, list[i].id, &info, err, sizeof err) == 0) {
			/* the agenda's first participant id: every generated agenda names E01 first */
			const char *at = strstr(info.agenda_yaml, "id: ");
			if (at && sscanf(at + 4, "%31[A-Za-z0-9_-]", participant) == 1)
				snprintf(session, sizeof session, "%s", list[i].id);
			store_session_info_free(&info);
		}
	}
	store_session_list_free(list, n);
	if (!rc && !session[0]) {
		snprintf(err, sizeof err, "no ended session with contributions");
		rc = 1;
	}
	struct session_erase_options o = { .by = "bench", .console = "bench", .at_ms = 1 };
	struct session_erase_report report;
	t0 = bench_now_ns();
	if (!rc)
		rc = session_erase(store, session, participant, &o, &report, err, sizeof err);
	double ms = (double)(bench_now_ns() - t0) / 1e6;
	store_close(store);
	if (rc) {
		fprintf(stderr, "bench_erase: %s\n", err);
		return 1;
	}
	bench_report("erase_participant", ms, "ms");
	bench_report("erase_contributions", (double)report.erased.contributions, "");
	return 0;
}
