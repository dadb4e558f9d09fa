/* fuzz_capture: libFuzzer harness for the capture line, the text a note-taker types.
 * Any line must parse or be refused with a message; a line read as a ballot for each
 * vote type must be accepted or refused with a message, and every ballot the parser
 * accepts must be countable by tally (the two agree on what a valid ballot is). The
 * speaker an edit's text may start with (/edit N E08: ...) is the start of the input.
 * Nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/capture.h"
#include "sessions/tally.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *options[] = { "one", "two", "three", "four", "five" };

static void try_ballot(const char *body, enum vote_type type)
{
	struct agenda_vote vote = {
		.id = "fuzz", .question = "?", .type = type, .options = options, .n_options = 5,
		.max_choices = 2, .dots = 3, .max_per_option = 2, .min = -2, .max = 3,
	};
	if (type == VOTE_SCALE || type == VOTE_CONSENT)
		vote.n_options = 0;
	int *choices = NULL, n = 0;
	char *reason = NULL, err[256];
	err[0] = '\0';
	(void)capture_is_ballot(body, &vote);
	if (!capture_parse_ballot(body, &vote, &choices, &n, &reason, err, sizeof err)) {
		if (err[0] == '\0')
			abort(); /* refused without saying why */
		return;
	}
	struct tally_ballot ballot = { .participant = 0, .choices = choices, .n_choices = n, .reason = reason };
	struct tally_result result;
	if (!tally_count(&vote, &ballot, 1, &result, err, sizeof err))
		abort(); /* the parser accepted a ballot that cannot be counted */
	tally_free(&result);
	free(choices);
	free(reason);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct capture_line line;
	char err[512], id[AGENDA_ID_MAX + 1];
	err[0] = '\0';
	size_t skip = capture_speaker((const char *)data, size, id);
	if (skip > size || (skip > 0 && (strlen(id) == 0 || memcmp(id, data, strlen(id)) != 0)))
		abort(); /* a speaker that is not what the text starts with */
	if (!capture_parse((const char *)data, size, &line, err, sizeof err)) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	if (line.type == CAPTURE_TEXT && line.body)
		for (int type = VOTE_SINGLE; type <= VOTE_CONSENT; type++)
			try_ballot(line.body, (enum vote_type)type);
	capture_line_free(&line);
	return 0;
}
