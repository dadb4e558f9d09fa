/* test_textsafe: the one rule for text on its way to a terminal or into JSON
 * (config/textsafe.h), and the stream that applies it to everything the commands write
 * (cli/safe_stream.h): which characters are marked, what is kept (Persian's ZWNJ, emoji
 * joiners, RTL marks), characters cut across two writes, CR LF, and bytes that are not
 * UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/safe_stream.h"
#include "cli/terminal_text.h"
#include "config/textsafe.h"
#include "sessions/json.h"

static void test_which_characters(void **state)
{
	(void)state;
	const unsigned unsafe[] = { 0x00, 0x07, 0x09, 0x0a, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9b, 0x9f, 0x200b, 0x202a,
		0x202e, 0x2060, 0x2064, 0x2066, 0x2069, 0xfeff };
	const unsigned kept[] = { 0x20, 0x41, 0x7e, 0xa0, 0xe9, 0x627, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0x2065,
		0x206a, 0x1f600, 0x4e00 };
	for (size_t i = 0; i < sizeof unsafe / sizeof unsafe[0]; i++)
		if (!textsafe_unsafe(unsafe[i]))
			fail_msg("U+%04X should be unsafe", unsafe[i]);
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		if (textsafe_unsafe(kept[i]))
			fail_msg("U+%04X should be kept", kept[i]);
	assert_int_equal(textsafe_visible(0x1b), 0x241b);   /* ␛ */
	assert_int_equal(textsafe_visible(0x7f), 0x2421);   /* ␡ */
	assert_int_equal(textsafe_visible(0x9b), 0xfffd);
	assert_int_equal(textsafe_visible(0x202e), 0xfffd);
	assert_int_equal(textsafe_visible(0x627), 0x627);
}

static void test_terminal_text(void **state)
{
	(void)state;
	char *t = text_for_terminal("a\x1b[2J b\xc2\x9b c\xe2\x80\xae d\xff e\xd8\xa7\xe2\x80\x8c f");
	assert_string_equal(t, "a\xe2\x90\x9b[2J b\xef\xbf\xbd c\xef\xbf\xbd d\xef\xbf\xbd e\xd8\xa7\xe2\x80\x8c f");
	free(t);
}

static void test_json_escapes(void **state)
{
	(void)state;
	struct json_buf b = { 0 };
	json_string(&b, "\x1b[31m \xc2\x85 \xe2\x80\xae \xe2\x80\x8b \xff \xd8\xa7\xe2\x80\x8c\xf0\x9f\x98\x80");
	assert_string_equal(b.data, "\"\\u001b[31m \\u0085 \\u202e \\u200b \\ufffd \xd8\xa7\xe2\x80\x8c\xf0\x9f\x98\x80\"");
	json_buf_free(&b);
	json_string(&b, "cut \xe2\x80"); /* a character cut at the end of the text */
	assert_string_equal(b.data, "\"cut \\ufffd\\ufffd\"");
	json_buf_free(&b);
}

/* Writes the pieces through a safe stream over a memory stream; returns what arrived. */
static char *through(const char *const *pieces, int n)
{
	char *data = NULL;
	size_t len = 0;
	FILE *raw = open_memstream(&data, &len);
	FILE *safe = safe_stream_open(raw);
	assert_non_null(safe);
	for (int i = 0; i < n; i++)
		fputs(pieces[i], safe);
	assert_int_equal(fclose(safe), 0);
	fclose(raw);
	return data;
}

static void test_stream(void **state)
{
	(void)state;
	const char *plain[] = { "ok 12\n", "{\"text\":\"\\u001b\"}\n" };
	char *got = through(plain, 2);
	assert_string_equal(got, "ok 12\n{\"text\":\"\\u001b\"}\n");
	free(got);
	const char *hostile[] = { "title \x1b]52;c;aGk=\x07 end\n", "rev \xe2\x80\xae!\n" };
	got = through(hostile, 2);
	assert_string_equal(got, "title \xe2\x90\x9b]52;c;aGk=\xe2\x90\x87 end\n" "rev \xef\xbf\xbd!\n");
	free(got);
	/* an Arabic letter and an override cut across writes are judged whole */
	const char *cut[] = { "a\xd8", "\xa7 b\xe2\x80", "\xae c\xe2", "\x80\x8c d\n" };
	got = through(cut, 4);
	assert_string_equal(got, "a\xd8\xa7 b\xef\xbf\xbd c\xe2\x80\x8c d\n");
	free(got);
	/* CR LF passes (CSV); a lone CR would overwrite the line, and is marked */
	const char *cr[] = { "a,b\r", "\nc\rd\n", "end\r" };
	got = through(cr, 3);
	assert_string_equal(got, "a,b\r\nc\xe2\x90\x8d" "d\nend\xe2\x90\x8d");
	free(got);
	const char *bad[] = { "x\xff y \xc3(\n" };
	got = through(bad, 1);
	assert_string_equal(got, "x\xef\xbf\xbd y \xef\xbf\xbd(\n");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which_characters),
		cmocka_unit_test(test_terminal_text),
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_stream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
