/* test_keyinput: the bytes a terminal sends become characters and keys (tui/keyinput.h):
 * UTF-8 in several scripts and emoji whole, a byte that is not UTF-8 as U+FFFD with every
 * key after it kept, a character cut short by a key or a pause, function keys through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tui/keyinput.h"

/* Feeds bytes (and -key for a function key value) and collects what comes out. */
static int feed(const int *values, int n, struct keyinput_out *got, int max)
{
	struct keyinput in = { 0 };
	int count = 0;
	for (int i = 0; i < n; i++) {
		struct keyinput_out out[2];
		int k = keyinput_feed(&in, values[i], out);
		for (int j = 0; j < k && count < max; j++)
			got[count++] = out[j];
	}
	struct keyinput_out last;
	if (keyinput_pause(&in, &last) && count < max)
		got[count++] = last;
	return count;
}

static void expect(const int *values, int n, const wint_t *want, const bool *keys, int n_want)
{
	struct keyinput_out got[32];
	int count = feed(values, n, got, 32);
	assert_int_equal(count, n_want);
	for (int i = 0; i < n_want; i++) {
		assert_int_equal(got[i].ch, want[i]);
		assert_int_equal(got[i].is_key, keys ? keys[i] : false);
	}
}

static void test_utf8_whole(void **state)
{
	(void)state;
	const int arabic_a[] = { 0xd8, 0xa7, 'x', 0xe6, 0x88, 0x91, 0xf0, 0x9f, 0x99, 0x82 };
	const wint_t want[] = { 0x627, 'x', 0x6211, 0x1f642 };
	expect(arabic_a, 10, want, NULL, 4);
}

static void test_latin1_byte_keeps_what_follows(void **state)
{
	(void)state;
	const int cafe[] = { 'c', 'a', 'f', 0xe9, ' ', 'a', 'u' };   /* Latin-1 é */
	const wint_t want[] = { 'c', 'a', 'f', 0xfffd, ' ', 'a', 'u' };
	expect(cafe, 7, want, NULL, 7);
	const int bad[] = { 0xff, 'a', 0x80, 'b', 0xc0, 0xaf, 'c' };  /* never UTF-8; overlong */
	const wint_t want_bad[] = { 0xfffd, 'a', 0xfffd, 'b', 0xfffd, 0xfffd, 'c' };
	expect(bad, 7, want_bad, NULL, 7);
	const int surrogate[] = { 0xed, 0xa0, 0x80, 'z' };
	const wint_t want_surrogate[] = { 0xfffd, 'z' };
	expect(surrogate, 4, want_surrogate, NULL, 2);
}

static void test_cut_by_a_key_or_a_pause(void **state)
{
	(void)state;
	const int cut[] = { 0xe6, 0x88, KEYINPUT_KEY_MIN + 8, 'q' }; /* half a character, then a key */
	const wint_t want[] = { 0xfffd, KEYINPUT_KEY_MIN + 8, 'q' };
	const bool keys[] = { false, true, false };
	expect(cut, 4, want, keys, 3);
	const int pause[] = { 'a', 0xf0, 0x9f };
	const wint_t want_pause[] = { 'a', 0xfffd };
	expect(pause, 3, want_pause, NULL, 2);
	const int restart[] = { 0xd8, 0xd8, 0xa7 }; /* a new lead byte cuts the old one short */
	const wint_t want_restart[] = { 0xfffd, 0x627 };
	expect(restart, 3, want_restart, NULL, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_whole),
		cmocka_unit_test(test_latin1_byte_keeps_what_follows),
		cmocka_unit_test(test_cut_by_a_key_or_a_pause),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
