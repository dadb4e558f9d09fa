/* fuzz_text: libFuzzer harness for the text rule (config/textsafe.h) and the JSON writer.
 * Any bytes made safe for a terminal (cli/terminal_text.c) hold no C0 control, DEL, C1
 * control, bidirectional override or isolate, invisible format character, and are valid
 * UTF-8. Any bytes written as a JSON string parse back as JSON (sessions/json.c), and bytes
 * that were valid UTF-8 come back exactly. Aborts on the first input that breaks a rule. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/terminal_text.h"
#include "config/textsafe.h"
#include "config/textscan.h"
#include "sessions/json.h"
#include "tests/fuzz/fuzz_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_terminal(const char *text)
{
	char *safe = text_for_terminal(text);
	if (!safe)
		return;
	size_t len = strlen(safe);
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t n = textscan_decode(safe + i, len - i, &c);
		if (n == 0 || textsafe_unsafe(c))
			abort();
		i += n;
	}
	free(safe);
}

static void check_json(const char *text, size_t len)
{
	struct json_buf b = { 0 };
	json_string(&b, text);
	if (b.failed)
		return;
	struct json_value *v = json_parse(b.data, b.len);
	if (!v || v->type != JSON_STRING)
		abort();
	if (fuzz_valid_utf8(text, len) && strcmp(v->string, text) != 0)
		abort();
	json_free(v);
	json_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	size_t len = strlen(text); /* up to the first NUL: C strings are what reach both */
	check_terminal(text);
	check_json(text, len);
	free(text);
	return 0;
}
