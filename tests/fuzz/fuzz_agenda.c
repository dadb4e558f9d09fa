/* fuzz_agenda: libFuzzer harness for the agenda loader. Any input must either load
 * or be refused with at least one problem; nothing may crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "config/agenda.h"
#include "config/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct agenda *agenda = agenda_load_buffer((const char *)data, size, &diags);
	if (!agenda && diags.count == 0)
		abort(); /* refused without saying why */
	if (agenda && (agenda->n_items < 1 || !agenda->session.title))
		abort(); /* loaded something that is not an agenda */
	agenda_free(agenda);
	diag_list_free(&diags);
	return 0;
}
