/* fuzz_redact: libFuzzer harness for config/agenda_redact.c. For any agenda that loads,
 * erasing each of its first participants either is refused or gives a text that loads
 * with the same participants, in which that participant has no name, community or
 * languages; nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/agenda.h"
#include "config/agenda_redact.h"
#include "config/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct agenda *agenda = agenda_load_buffer((const char *)data, size, &diags);
	diag_list_free(&diags);
	if (!agenda)
		return 0;
	for (int i = 0; i < agenda->n_participants && i < 3; i++) {
		char *out = NULL, err[256];
		size_t len = 0;
		if (agenda_redact_participant(agenda->source, agenda->source_len, agenda->participants[i].id, &out, &len, err,
			sizeof err) != 0) {
			if (out)
				abort(); /* refused, yet something was given */
			continue;
		}
		diag_list_init(&diags);
		struct agenda *after = agenda_load_buffer(out, len, &diags);
		diag_list_free(&diags);
		if (!after || after->n_participants != agenda->n_participants)
			abort(); /* the rewritten text does not load as the original did */
		const struct agenda_participant *p = &after->participants[i];
		if (p->name || p->community || p->n_languages)
			abort(); /* the participant kept personal data */
		agenda_free(after);
		free(out);
	}
	agenda_free(agenda);
	return 0;
}
