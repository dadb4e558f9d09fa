/* Tests for sessions/capture.c: what a note-taker types and what gets recorded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/capture.h"

/* Parses a NUL-terminated line that must be accepted. */
static struct capture_line parse_ok(const char *line)
{
	struct capture_line out;
	char err[512] = "";
	if (!capture_parse(line, strlen(line), &out, err, sizeof err))
		fail_msg("refused \"%s\": %s", line, err);
	return out;
}

/* Parses a line that must be refused with a message containing each of the
 * NULL-terminated fragments. */
static void parse_refused(const char *line, size_t len, ...)
{
	struct capture_line out;
	char err[512] = "";
	if (capture_parse(line, len, &out, err, sizeof err)) {
		capture_line_free(&out);
		fail_msg("accepted \"%s\"", line);
	}
	va_list args;
	va_start(args, len);
	for (const char *part = va_arg(args, const char *); part; part = va_arg(args, const char *))
		if (!strstr(err, part))
			fail_msg("message for \"%s\" is \"%s\", expected it to contain \"%s\"", line, err, part);
	va_end(args);
}
#define REFUSED(line, ...) parse_refused((line), strlen(line), __VA_ARGS__, (const char *)NULL)

static void assert_text(const char *line, const char *speaker, const char *text)
{
	struct capture_line out = parse_ok(line);
	assert_int_equal(out.type, CAPTURE_TEXT);
	assert_string_equal(out.speaker, speaker);
	assert_string_equal(out.text, text);
	capture_line_free(&out);
}

/* ---- speakers and notes ---- */

static void test_blank_lines(void **state)
{
	(void)state;
	const char *blanks[] = { "", " ", "\t  \t", "  \r" };
	for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
		struct capture_line out = parse_ok(blanks[i]);
		assert_int_equal(out.type, CAPTURE_BLANK);
		capture_line_free(&out);
	}
	struct capture_line out;
	char err[64];
	assert_true(capture_parse(NULL, 0, &out, err, sizeof err));
	assert_int_equal(out.type, CAPTURE_BLANK);
}

static void test_speaker_contribution(void **state)
{
	(void)state;
	struct capture_line out = parse_ok("E03: waited nine months");
	assert_int_equal(out.type, CAPTURE_TEXT);
	assert_string_equal(out.speaker, "E03");
	assert_string_equal(out.body, "waited nine months");
	assert_string_equal(out.text, "waited nine months");
	assert_int_equal(out.kind, KIND_NOTE);
	assert_false(out.kind_given);
	assert_int_equal(out.n_tags, 0);
	capture_line_free(&out);

	assert_text("  E03:\twaited  ", "E03", "waited");
	assert_text("a_b-C9: ok", "a_b-C9", "ok");
	assert_text("abcdefghijklmnop: sixteen", "abcdefghijklmnop", "sixteen");
	/* seventeen characters is not an id: the whole line is a note */
	assert_text("abcdefghijklmnopq: seventeen", "", "abcdefghijklmnopq: seventeen");
}

static void test_notes_without_speaker(void **state)
{
	(void)state;
	/* each of these lines is recorded whole, as a note by the note-taker */
	const char *notes[] = {
		"the room agrees to take a break", "see http://example.org/x for the form",
		"http://example.org", "break at 10:30 please", "10:30 break",
		"E 03: two words are not an id", "E.03: dots are not an id", ":starts with a colon",
	};
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		assert_text(notes[i], "", notes[i]);
}

static void test_speaker_with_nothing(void **state)
{
	(void)state;
	REFUSED("E01:", "E01: nothing to record");
	REFUSED("E01:   ", "E01: nothing to record");
	REFUSED("E01: !idea", "E01: nothing to record");
	REFUSED("E01: #work #language", "E01: nothing to record");
	REFUSED("!idea #work", "nothing to record");
}

/* ---- kinds ---- */

static void test_kinds(void **state)
{
	(void)state;
	for (int k = 0; k < KIND_COUNT; k++) {
		char line[64];
		snprintf(line, sizeof line, "E01: !%s something", contribution_kind_name((enum contribution_kind)k));
		struct capture_line out = parse_ok(line);
		assert_int_equal(out.kind, k);
		assert_true(out.kind_given);
		assert_string_equal(out.text, "something");
		capture_line_free(&out);
	}
	struct capture_line out = parse_ok("E01: !obs waited a year");
	assert_int_equal(out.kind, KIND_OBSTACLE);
	capture_line_free(&out);
	out = parse_ok("E01: waited a year !OBSTACLE");
	assert_int_equal(out.kind, KIND_OBSTACLE);
	assert_string_equal(out.text, "waited a year");
	capture_line_free(&out);
	out = parse_ok("E01: !idea !idea same kind twice is fine");
	assert_int_equal(out.kind, KIND_IDEA);
	capture_line_free(&out);
	/* '!' not followed by a letter is text */
	out = parse_ok("E01: wow!! !!! ! ?!");
	assert_false(out.kind_given);
	assert_string_equal(out.text, "wow!! !!! ! ?!");
	capture_line_free(&out);
}

static void test_kind_refusals(void **state)
{
	(void)state;
	REFUSED("E01: !obstcle waited", "unknown kind !obstcle", "did you mean !obstacle?", "experience, obstacle, success, idea, recommendation, question, quote, note");
	REFUSED("E01: !q what now", "ambiguous kind !q", "question, quote");
	REFUSED("E01: !idea and !obstacle", "two kinds", "!idea", "!obstacle");
	REFUSED("E01: !idea, with a comma", "unknown kind !idea,");
}

static void test_kind_names(void **state)
{
	(void)state;
	enum contribution_kind kind;
	assert_true(contribution_kind_parse("recommendation", &kind));
	assert_int_equal(kind, KIND_RECOMMENDATION);
	assert_true(contribution_kind_parse("rec", &kind));
	assert_int_equal(kind, KIND_RECOMMENDATION);
	assert_true(contribution_kind_parse("quote", &kind));
	assert_int_equal(kind, KIND_QUOTE);
	assert_false(contribution_kind_parse("qu", &kind));
	assert_false(contribution_kind_parse("", &kind));
	assert_false(contribution_kind_parse("ideas", &kind));
	/* the Dutch words, and starts shared by both words of one kind */
	static const struct { const char *typed; enum contribution_kind kind; } dutch[] = {
		{ "ervaring", KIND_EXPERIENCE }, { "Obstakel", KIND_OBSTACLE }, { "succes", KIND_SUCCESS },
		{ "idee", KIND_IDEA }, { "ide", KIND_IDEA }, { "aanbeveling", KIND_RECOMMENDATION },
		{ "a", KIND_RECOMMENDATION }, { "vraag", KIND_QUESTION }, { "citaat", KIND_QUOTE },
		{ "notitie", KIND_NOTE }, { "not", KIND_NOTE }, { "obst", KIND_OBSTACLE },
	};
	for (size_t i = 0; i < sizeof dutch / sizeof dutch[0]; i++) {
		if (!contribution_kind_parse(dutch[i].typed, &kind))
			fail_msg("!%s is not read as a kind", dutch[i].typed);
		assert_int_equal(kind, dutch[i].kind);
	}
	assert_false(contribution_kind_parse("q", &kind)); /* question or quote */
	assert_false(contribution_kind_parse("obstakels", &kind));
	assert_string_equal(contribution_kind_name(KIND_EXPERIENCE), "experience");
	assert_string_equal(contribution_kind_name(KIND_NOTE), "note");
	/* the one list: every kind, in the order of docs/capture.md, and nothing else */
	static const char *const words[] = { "experience", "obstacle", "success", "idea", "recommendation",
		"question", "quote", "note" };
	assert_int_equal(KIND_COUNT, 8);
	for (int k = 0; k < KIND_COUNT; k++)
		assert_string_equal(contribution_kind_name((enum contribution_kind)k), words[k]);
	assert_string_equal(contribution_kind_name((enum contribution_kind)KIND_COUNT), "?");
	assert_int_equal(KIND_WORD_MAX, strlen("recommendation"));
}

/* ---- tags and text cleanup ---- */

static void test_tags_in_the_middle_and_at_the_end(void **state)
{
	(void)state;
	struct capture_line out = parse_ok("E03: !obstacle waited for #language lessons #work");
	assert_string_equal(out.text, "waited for language lessons");
	assert_string_equal(out.body, "!obstacle waited for #language lessons #work");
	assert_int_equal(out.kind, KIND_OBSTACLE);
	assert_int_equal(out.n_tags, 2);
	assert_string_equal(out.tags[0].code, "language");
	assert_int_equal(out.tags[0].column, 27);
	assert_string_equal(out.tags[1].code, "work");
	assert_int_equal(out.tags[1].column, 45);
	capture_line_free(&out);
}

static void test_tag_rules(void **state)
{
	(void)state;
	struct capture_line out = parse_ok("#Work #work #WORK need a job #work");
	assert_int_equal(out.n_tags, 1);
	assert_string_equal(out.tags[0].code, "work");
	assert_int_equal(out.tags[0].column, 1);
	assert_string_equal(out.text, "need a job");
	capture_line_free(&out);

	/* '#' followed by a digit, inside a word, or alone is text */
	out = parse_ok("room #1 is C# and # alone");
	assert_int_equal(out.n_tags, 0);
	assert_string_equal(out.text, "room #1 is C# and # alone");
	capture_line_free(&out);

	/* punctuation after a code stays in the text; the tag is still recorded */
	out = parse_ok("no job yet #work, sadly #safety.");
	assert_int_equal(out.n_tags, 2);
	assert_string_equal(out.tags[0].code, "work");
	assert_string_equal(out.tags[1].code, "safety");
	assert_string_equal(out.text, "no job yet work, sadly safety.");
	capture_line_free(&out);

	/* an accented Latin letter typed in a code belongs to it (the code is then refused
	 * whole by the codebook, #wonén and not #won); punctuation after it does not */
	out = parse_ok("waited #wonén, #WONÉN #Café\xe2\x80\xa6 #work\xc3\x97" "2 #t\xc3\xb7");
	assert_int_equal(out.n_tags, 4); /* #WONÉN is #wonén again */
	assert_string_equal(out.tags[0].code, "won\xc3\xa9n");
	assert_string_equal(out.tags[1].code, "caf\xc3\xa9");
	assert_string_equal(out.tags[2].code, "work");
	assert_string_equal(out.tags[3].code, "t");
	capture_line_free(&out);

	out = parse_ok("#social-media_2 #x-1 codes take digits, _ and -");
	assert_int_equal(out.n_tags, 2);
	assert_string_equal(out.tags[0].code, "social-media_2");
	assert_string_equal(out.tags[1].code, "x-1");
	assert_string_equal(out.text, "codes take digits, _ and -");
	capture_line_free(&out);
}

static void test_many_tags(void **state)
{
	(void)state;
	char line[600] = "E01: text";
	for (int i = 0; i < 32; i++)
		snprintf(line + strlen(line), sizeof line - strlen(line), " #c%d", i);
	struct capture_line out = parse_ok(line);
	assert_int_equal(out.n_tags, 32);
	assert_string_equal(out.tags[31].code, "c31");
	assert_int_equal(out.tags[31].column, (int)(strrchr(line, '#') - line) + 1);
	assert_string_equal(out.text, "text");
	capture_line_free(&out);
	strcat(line, " #c32");
	REFUSED(line, "more than 32 different codes");

	/* a long line full of repeated codes is quick and keeps one tag */
	char *big = malloc(CAPTURE_LINE_MAX + 1);
	assert_non_null(big);
	memcpy(big, "E01: x", 6);
	for (size_t i = 6; i + 3 <= CAPTURE_LINE_MAX; i += 3)
		memcpy(big + i, " #a", 3);
	size_t n = 6 + (CAPTURE_LINE_MAX - 6) / 3 * 3;
	char err[128];
	assert_true(capture_parse(big, n, &out, err, sizeof err));
	assert_int_equal(out.n_tags, 1);
	assert_int_equal(out.tags[0].column, 8);
	capture_line_free(&out);
	free(big);
}

static void test_tag_columns_count_characters(void **state)
{
	(void)state;
	/* "انتظرت" is 6 characters in 12 bytes; "日本" 2 in 6; the emoji 1 in 4 */
	struct capture_line out = parse_ok("E07: انتظرت #language 日本 #work 😀 #health");
	assert_int_equal(out.n_tags, 3);
	assert_int_equal(out.tags[0].column, 13);
	assert_int_equal(out.tags[1].column, 26);
	assert_int_equal(out.tags[2].column, 34);
	assert_string_equal(out.text, "انتظرت language 日本 work 😀");
	capture_line_free(&out);

	/* the column counts from the start of the line, leading white space included */
	out = parse_ok("   #work ok");
	assert_int_equal(out.tags[0].column, 4);
	capture_line_free(&out);
}

static void test_text_cleanup(void **state)
{
	(void)state;
	assert_text("E01: !idea #work   free  lessons   #language !idea", "E01", "free  lessons");
	assert_text("E01: I think !idea we should", "E01", "I think we should");
	assert_text("E01: I think !idea   we should", "E01", "I think we should");
	assert_text("E01: a\t\tb   c", "E01", "a\t\tb   c");
	assert_text("E01: #work!", "E01", "work!");
}

/* The table in docs/capture.md. */
static void test_documented_examples(void **state)
{
	(void)state;
	struct capture_line out = parse_ok("E03: #work #housing no job, no flat !obs");
	assert_string_equal(out.text, "no job, no flat");
	assert_int_equal(out.kind, KIND_OBSTACLE);
	assert_int_equal(out.n_tags, 2);
	assert_string_equal(out.tags[0].code, "work");
	assert_string_equal(out.tags[1].code, "housing");
	capture_line_free(&out);
	assert_text("E03: I think !idea we should meet monthly", "E03", "I think we should meet monthly");
	assert_text("E03: no job yet #work, sadly", "E03", "no job yet work, sadly");
	REFUSED("E03: !idea #work", "E03: nothing to record");
}

static void test_text_kept_byte_for_byte(void **state)
{
	(void)state;
	const char *texts[] = {
		"انتظرت تسعة أشهر لدروس اللغة",      /* Arabic */
		"ንምምሃር ቋንቋ ኣዝዩ ነዊሕ ግዜ ተጸቢና",       /* Tigrinya */
		"我等了九个月才开始上语言课",          /* Chinese */
		"😀 👨‍👩‍👧 🇳🇱 ok",                   /* emoji, ZWJ and flags */
		"bell\a esc\x1b[31m del\x7f c1\xc2\x85 end", /* control characters */
		"nbsp\xc2\xa0inside\xe3\x80\x80ideographic space",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char line[256];
		snprintf(line, sizeof line, "E05: %s", texts[i]);
		struct capture_line out = parse_ok(line);
		assert_string_equal(out.speaker, "E05");
		assert_memory_equal(out.text, texts[i], strlen(texts[i]) + 1);
		assert_memory_equal(out.body, texts[i], strlen(texts[i]) + 1);
		capture_line_free(&out);
	}
	/* a tag after Arabic text inside the sentence keeps the word */
	assert_text("E05: انتظرت #language طويلا", "E05", "انتظرت language طويلا");
}

/* Bytes that are not UTF-8 (a Latin-1 terminal's é is the byte 0xE9) are refused with the
 * column, instead of being stored and later written out as text that is not text. */
static void test_not_utf8_refused(void **state)
{
	(void)state;
	const char *latin1 = "E05: caf\xe9 au lait";
	parse_refused(latin1, strlen(latin1), "not UTF-8", "column 9", "0xE9", (const char *)NULL);
	const char *bad = "E05: not utf-8 \xff\xfe";
	parse_refused(bad, strlen(bad), "not UTF-8", "column 16", (const char *)NULL);
	const char *cut = "E05: cut \xd8";   /* the first byte of an Arabic letter, alone */
	parse_refused(cut, strlen(cut), "not UTF-8", "column 10", (const char *)NULL);
	const char *surrogate = "E05: \xed\xa0\x80 surrogate";
	parse_refused(surrogate, strlen(surrogate), "not UTF-8", (const char *)NULL);
}

static void test_line_length_and_nul(void **state)
{
	(void)state;
	char *line = malloc(CAPTURE_LINE_MAX + 2);
	assert_non_null(line);
	memset(line, 'a', CAPTURE_LINE_MAX + 1);
	line[CAPTURE_LINE_MAX + 1] = '\0';
	struct capture_line out;
	char err[256];
	assert_true(capture_parse(line, CAPTURE_LINE_MAX, &out, err, sizeof err));
	assert_int_equal(strlen(out.text), CAPTURE_LINE_MAX);
	capture_line_free(&out);
	parse_refused(line, CAPTURE_LINE_MAX + 1, "line too long", "65537 bytes", "at most 65536", (const char *)NULL);
	free(line);

	/* the length is what counts, not a terminating NUL */
	assert_true(capture_parse("E01: yes and more", 8, &out, err, sizeof err));
	assert_string_equal(out.text, "yes");
	capture_line_free(&out);
	parse_refused("E01: a\0b", 8, "NUL character", "column 7", (const char *)NULL);

	/* a buffer without a terminating NUL is read only up to len */
	const char *unterminated[] = { "/retract 7", "/edit 00 x", "E01: ok #work", "= 1 2", "/poll single \"Q" };
	for (size_t i = 0; i < sizeof unterminated / sizeof unterminated[0]; i++) {
		size_t n = strlen(unterminated[i]);
		char *exact = malloc(n);
		assert_non_null(exact);
		memcpy(exact, unterminated[i], n);
		if (capture_parse(exact, n, &out, err, sizeof err))
			capture_line_free(&out);
		free(exact);
	}

	/* a tiny or absent message buffer is never overrun */
	char small[8];
	memset(small, 'x', sizeof small);
	assert_false(capture_parse("/zzzzzzzz", 9, &out, small, 4));
	assert_int_equal(small[3], '\0');
	assert_int_equal(small[4], 'x');
	assert_false(capture_parse("/zzzzzzzz", 9, &out, NULL, 0));
}

/* ---- counts ---- */

static void test_counts(void **state)
{
	(void)state;
	struct capture_line out = parse_ok("= 5 3 0 12");
	assert_int_equal(out.type, CAPTURE_COUNTS);
	assert_int_equal(out.n_counts, 4);
	assert_int_equal(out.counts[0], 5);
	assert_int_equal(out.counts[1], 3);
	assert_int_equal(out.counts[2], 0);
	assert_int_equal(out.counts[3], 12);
	capture_line_free(&out);
	out = parse_ok("  =7");
	assert_int_equal(out.n_counts, 1);
	assert_int_equal(out.counts[0], 7);
	capture_line_free(&out);

	REFUSED("=", "counts", "= 5 3 0");
	REFUSED("=   ", "counts");
	REFUSED("= 5 -3", "\"-3\" is not a count");
	REFUSED("= 5 +3", "\"+3\" is not a count");
	REFUSED("= 5 three", "\"three\" is not a count");
	REFUSED("= 2.5", "\"2.5\" is not a count");
	REFUSED("= 1000001", "from 0 to 1000000");
	REFUSED("= 99999999999999999999999", "is not a count");
}

/* ---- commands ---- */

static void assert_command(const char *line, enum capture_command command, int n_args, ...)
{
	struct capture_line out = parse_ok(line);
	assert_int_equal(out.type, CAPTURE_COMMAND);
	assert_int_equal(out.command, command);
	assert_int_equal(out.n_args, n_args);
	va_list args;
	va_start(args, n_args);
	for (int i = 0; i < n_args; i++)
		assert_string_equal(out.args[i], va_arg(args, const char *));
	va_end(args);
	capture_line_free(&out);
}

static void test_commands_without_arguments(void **state)
{
	(void)state;
	assert_command("/next", CMD_NEXT, 0);
	assert_command("  /prev  ", CMD_PREV, 0);
	assert_command("/close", CMD_CLOSE, 0);
	assert_command("/undo", CMD_UNDO, 0);
	assert_command("/end", CMD_END, 0);
	assert_command("/quit", CMD_QUIT, 0);
	assert_command("/NEXT", CMD_NEXT, 0);
	REFUSED("/next 2", "usage: /next");
	REFUSED("/close now", "usage: /close");
	REFUSED("/quit please", "usage: /quit");
}

static void test_commands_with_ids(void **state)
{
	(void)state;
	assert_command("/item welcome", CMD_ITEM, 1, "welcome");
	assert_command("/vote v-lessons", CMD_VOTE, 1, "v-lessons");
	REFUSED("/item", "usage: /item ID");
	REFUSED("/item a b", "usage: /item ID");
	REFUSED("/vote", "usage: /vote ID");

	assert_command("/participant E21", CMD_PARTICIPANT, 1, "E21");
	assert_command("/participant E21 Amal  Haddad ", CMD_PARTICIPANT, 2, "E21", "Amal  Haddad");
	assert_command("/participant E22 أمل", CMD_PARTICIPANT, 2, "E22", "أمل");
	REFUSED("/participant", "usage: /participant ID [NAME...]");
	REFUSED("/participant E.21", "E.21", "1 to 16 letters, digits, _ or -");
	REFUSED("/participant abcdefghijklmnopq", "1 to 16");
}

static void test_command_extend(void **state)
{
	(void)state;
	assert_command("/extend 5", CMD_EXTEND, 1, "5");
	assert_command("/extend +10", CMD_EXTEND, 1, "+10");
	assert_command("/extend -3", CMD_EXTEND, 1, "-3");
	assert_command("/extend 600", CMD_EXTEND, 1, "600");
	assert_command("/extend -600", CMD_EXTEND, 1, "-600");
	REFUSED("/extend", "usage: /extend [+|-]MINUTES");
	REFUSED("/extend 0", "\"0\"", "1 to 600");
	REFUSED("/extend 601", "1 to 600");
	REFUSED("/extend -601", "1 to 600");
	REFUSED("/extend ten", "\"ten\"", "1 to 600");
	REFUSED("/extend +", "1 to 600");
	/* with a unit, as a facilitator says it: minutes, or hours */
	assert_command("/extend 5m", CMD_EXTEND, 1, "+5");
	assert_command("/extend +5min", CMD_EXTEND, 1, "+5");
	assert_command("/extend 10 minutes", CMD_EXTEND, 1, "+10");
	assert_command("/extend -5 Minuten", CMD_EXTEND, 1, "-5");
	assert_command("/extend 1h", CMD_EXTEND, 1, "+60");
	assert_command("/extend -2 uur", CMD_EXTEND, 1, "-120");
	assert_command("/extend 10 h", CMD_EXTEND, 1, "+600");
	REFUSED("/extend 11h", "\"11h\"", "1 to 600");
	REFUSED("/extend 5 apples", "\"5 apples\"", "1 to 600", "(5, +5, -5, 5 min, 1h)");
	REFUSED("/extend 5 10", "\"5 10\"", "1 to 600");
	REFUSED("/extend min", "1 to 600");
	REFUSED("/extend 99999999999999999999h", "1 to 600");
}

static void test_command_edit_retract_recommend(void **state)
{
	(void)state;
	assert_command("/edit 12 waited #language lessons", CMD_EDIT, 2, "12", "waited #language lessons");
	assert_command("/retract 7", CMD_RETRACT, 1, "7");
	assert_command("/move 12 work", CMD_MOVE_ENTRY, 2, "12", "work");
	assert_command("/mo 12 3", CMD_MOVE_ENTRY, 2, "12", "3");
	REFUSED("/move 12", "usage: /move N ITEM");
	REFUSED("/move work 12", "move: \"work\" is not an entry number");
	assert_command("/recommend start  lessons earlier ", CMD_RECOMMEND, 1, "start  lessons earlier");
	REFUSED("/edit", "usage: /edit N [ID:] TEXT");
	REFUSED("/edit 12", "usage: /edit N [ID:] TEXT");
	REFUSED("/edit twelve text", "\"twelve\" is not an entry number");
	REFUSED("/edit 0 text", "\"0\" is not an entry number");
	REFUSED("/retract", "usage: /retract N");
	REFUSED("/retract 7 8", "usage: /retract N");
	REFUSED("/retract -7", "\"-7\" is not an entry number");
	REFUSED("/retract 9999999999999999999", "is not an entry number");
	REFUSED("/recommend", "usage: /recommend TEXT");
	REFUSED("/recommend   ", "usage: /recommend TEXT");
	REFUSED("/consent", "usage: /consent ID quotes yes|no");
	REFUSED("/consent E03", "usage: /consent ID quotes yes|no");
	REFUSED("/consent E03 quotes", "usage: /consent ID quotes yes|no");
	REFUSED("/consent E03 quotes maybe", "usage: /consent ID quotes yes|no");
	REFUSED("/consent E03 names no", "usage: /consent ID quotes yes|no");
	REFUSED("/consent E03 quotes no extra", "usage: /consent ID quotes yes|no");
	REFUSED("/consent E!3 quotes no", "consent: the id");
}

static void test_command_consent(void **state)
{
	(void)state;
	struct capture_line out;
	char err[256];
	assert_true(capture_parse("/consent E03 quotes no", 22, &out, err, sizeof err));
	assert_int_equal(out.command, CMD_CONSENT);
	assert_int_equal(out.n_args, 2);
	assert_string_equal(out.args[0], "E03");
	assert_string_equal(out.args[1], "no");
	capture_line_free(&out);
	assert_true(capture_parse("/consent  E03  quotes  yes ", 27, &out, err, sizeof err));
	assert_string_equal(out.args[1], "yes");
	capture_line_free(&out);
}

static void test_command_poll(void **state)
{
	(void)state;
	assert_command("/poll single \"Start lessons when?\" at once | after housing | later",
		CMD_POLL, 5, "single", "Start lessons when?", "at once", "after housing", "later");
	assert_command("/poll consent \"  Break for ten minutes?  \"", CMD_POLL, 2, "consent", "Break for ten minutes?");
	assert_command("/poll rank \"Which first?\"a|b", CMD_POLL, 4, "rank", "Which first?", "a", "b");
	REFUSED("/poll", "usage: /poll TYPE \"QUESTION\"");
	REFUSED("/poll single", "usage: /poll");
	REFUSED("/poll single no quotes | a | b", "usage: /poll");
	REFUSED("/poll single \"unclosed | a | b", "closing \"");
	REFUSED("/poll single \"  \" a | b", "question is empty");
	REFUSED("/poll single \"Q?\" a || b", "option 2 is empty");
	REFUSED("/poll single \"Q?\" | a", "option 1 is empty");
	REFUSED("/poll single \"Q?\" a | b |", "option 3 is empty");
	REFUSED("/poll single \"Q?\" 1|2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17|18|19|20|21", "at most 20 options");
}

static void test_command_prefixes(void **state)
{
	(void)state;
	assert_command("/n", CMD_NEXT, 0);
	assert_command("/i 2", CMD_ITEM, 1, "2");
	assert_command("/pa E30", CMD_PARTICIPANT, 1, "E30");
	assert_command("/pr", CMD_PREV, 0);
	assert_command("/po single \"Q\" a | b", CMD_POLL, 4, "single", "Q", "a", "b");
	assert_command("/ex 5", CMD_EXTEND, 1, "5");
	assert_command("/ed 3 new", CMD_EDIT, 2, "3", "new");
	/* /end cannot be undone: only the full word (issue 14: /en ended the session) */
	REFUSED("/en", "/end cannot be undone, so type it in full: /end");
	REFUSED("/EN", "type it in full: /end");
	assert_command("/end", CMD_END, 0);
	assert_command("/END", CMD_END, 0);
	assert_true(capture_command_final(CMD_END));
	assert_false(capture_command_final(CMD_NEXT));
	assert_command("/ret 3", CMD_RETRACT, 1, "3");
	assert_command("/b E03 3 months", CMD_BALLOT, 2, "E03", "3 months");
	assert_command("/w E03", CMD_WITHDRAW, 1, "E03");
	assert_command("/reo v1", CMD_REOPEN, 1, "v1");
	REFUSED("/ballot E03", "usage: /ballot ID BALLOT");
	assert_command("/rec do it", CMD_RECOMMEND, 1, "do it");
	assert_command("/q", CMD_QUIT, 0);
	REFUSED("/e", "ambiguous command /e", "end", "edit", "extend");
	REFUSED("/p", "ambiguous command /p", "prev", "participant", "poll");
	REFUSED("/r 3", "ambiguous command /r", "retract", "recommend", "reopen");
}

/* While a vote is open, which lines are ballots (issue 14: every E03: line was a ballot). */
static void test_is_ballot(void **state)
{
	(void)state;
	char *opts[] = { "a", "b", "c", "d" };
	struct agenda_vote single = { .type = VOTE_SINGLE, .options = opts, .n_options = 4 };
	struct agenda_vote multi = { .type = VOTE_MULTI, .options = opts, .n_options = 4, .max_choices = 4 };
	struct agenda_vote scale = { .type = VOTE_SCALE, .min = -2, .max = 2 };
	struct agenda_vote consent = { .type = VOTE_CONSENT };
	assert_true(capture_is_ballot("2", &single));
	assert_true(capture_is_ballot(" 7 ", &single));      /* a ballot, refused as one: no option 7 */
	assert_true(capture_is_ballot("4, 1", &multi));
	assert_true(capture_is_ballot("4 1 3", &multi));
	assert_false(capture_is_ballot("I waited 9 months", &single));
	assert_false(capture_is_ballot("3 months waiting", &single));
	assert_true(capture_is_ballot("2.5", &scale));        /* a ballot, refused as one: no whole number */
	assert_true(capture_is_ballot("4.", &single));        /* the full stop of a sentence */
	assert_true(capture_is_ballot("4 1.", &multi));
	assert_false(capture_is_ballot("2. Because of work", &single));
	/* an option's whole label is a ballot too; a sentence that starts with one is not */
	char *labels[] = { "nu", "straks", "geen pauze" };
	struct agenda_vote poll = { .type = VOTE_SINGLE, .options = labels, .n_options = 3 };
	assert_true(capture_is_ballot("straks", &poll));
	assert_true(capture_is_ballot("Geen pauze!", &poll));
	assert_false(capture_is_ballot("nu is het te laat", &poll));
	assert_false(capture_is_ballot("geen", &poll));
	assert_false(capture_is_ballot("agree", &single));
	struct agenda_vote named_scale = { .type = VOTE_SCALE, .options = labels, .n_options = 3, .min = 1, .max = 5 };
	assert_false(capture_is_ballot("nu", &named_scale));
	/* numbers joined as said aloud, and an exclamation mark after the last */
	assert_true(capture_is_ballot("1 and 3", &multi));
	assert_true(capture_is_ballot("1 en 3!", &multi));
	assert_true(capture_is_ballot("1 & 2 AND 4", &multi));
	assert_true(capture_is_ballot("2!", &single));
	assert_false(capture_is_ballot("1 and a half", &multi));
	assert_false(capture_is_ballot("and 3", &multi));
	assert_false(capture_is_ballot("3 and", &multi));
	assert_false(capture_is_ballot("1 end 3", &multi));
	assert_false(capture_is_ballot("1and3", &multi));
	assert_false(capture_is_ballot("2!!", &single));
	assert_false(capture_is_ballot(".5", &scale));
	assert_false(capture_is_ballot("3.5 months", &scale));
	assert_false(capture_is_ballot("-1", &single));
	assert_true(capture_is_ballot("-1", &scale));
	assert_false(capture_is_ballot("1-2", &scale));
	assert_false(capture_is_ballot("", &single));
	assert_false(capture_is_ballot(",", &single));
	assert_true(capture_is_ballot("agree", &consent));
	assert_true(capture_is_ballot("block it is unfair", &consent));
	assert_true(capture_is_ballot("b: unfair", &consent));
	assert_true(capture_is_ballot("ABS", &consent));
	assert_true(capture_is_ballot("a", &consent));        /* agree or abstain: refused as a ballot */
	assert_true(capture_is_ballot("A.", &consent));
	assert_false(capture_is_ballot("a, b and c", &consent));
	assert_true(capture_is_ballot("object: we were not asked", &consent));
	assert_false(capture_is_ballot("objections were many", &consent));
	assert_false(capture_is_ballot("obj", &consent));
	assert_false(capture_is_ballot("a friend helped me", &consent)); /* "a": agree or abstain */
	assert_false(capture_is_ballot("agreed with Amal", &consent));
	assert_false(capture_is_ballot("I agree", &consent));
	assert_false(capture_is_ballot("2", &consent));
	assert_false(capture_is_ballot("الانتظار طويل", &consent));
}

static void test_unknown_commands(void **state)
{
	(void)state;
	REFUSED("/nxt", "unknown command /nxt", "did you mean /next?");
	REFUSED("/clsoe", "did you mean /close?");
	REFUSED("/retrakt 3", "did you mean /retract?");
	REFUSED("/iten 2", "did you mean /item?");
	REFUSED("/vots v1", "did you mean /vote?");
	REFUSED("/vot", "usage: /vote ID"); /* a prefix, so /vote without its ID */
	REFUSED("/xyzzy", "unknown command /xyzzy", "commands: /next, /prev, /item");
	REFUSED("/nexta", "did you mean /next?");
	REFUSED("/", "a command name must follow /", "/quit");
	REFUSED("/ next", "a command name must follow /");
	REFUSED("/\t", "a command name must follow /");
}

static void test_command_names_and_usage(void **state)
{
	(void)state;
	const char *names[CMD_COUNT] = {
		"next", "prev", "item", "participant", "vote", "close", "undo", "end", "quit",
		"poll", "extend", "edit", "retract", "move", "recommend", "ballot", "withdraw", "reopen", "consent",
		"handover", "lead",
	};
	for (int i = 0; i < CMD_COUNT; i++) {
		assert_string_equal(capture_command_name((enum capture_command)i), names[i]);
		const char *usage = capture_command_usage((enum capture_command)i);
		char prefix[32];
		snprintf(prefix, sizeof prefix, "/%s", names[i]);
		assert_memory_equal(usage, prefix, strlen(prefix));
		assert_true(strlen(usage) > strlen(prefix) + 4);
		/* every name parses back to itself */
		char line[32];
		snprintf(line, sizeof line, "/%s", names[i]);
		struct capture_line out;
		char err[256];
		if (capture_parse(line, strlen(line), &out, err, sizeof err)) {
			assert_int_equal(out.command, i);
			capture_line_free(&out);
		} else {
			assert_non_null(strstr(err, "usage"));
		}
	}
	assert_string_equal(capture_command_usage(CMD_ITEM), "/item ID  go to agenda item ID (or its number, 1, 2 ...)");
}

static void test_free_is_safe(void **state)
{
	(void)state;
	capture_line_free(NULL);
	struct capture_line out = parse_ok("/next");
	capture_line_free(&out);
	capture_line_free(&out); /* cleared by the first call */
}

/* ---- ballots ---- */

static struct agenda_vote vote_of(enum vote_type type, int n_options)
{
	static char *options[AGENDA_OPTIONS_MAX] = {
		"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
	};
	return (struct agenda_vote){
		.id = "v", .question = "?", .type = type, .options = options, .n_options = n_options,
		.max_choices = n_options, .dots = 3, .min = 1, .max = 5,
	};
}

static void ballot_ok(const struct agenda_vote *vote, const char *body, int n, ...)
{
	int *choices = NULL, n_choices = -1;
	char *reason = NULL, err[256] = "";
	if (!capture_parse_ballot(body, vote, &choices, &n_choices, &reason, err, sizeof err))
		fail_msg("ballot \"%s\" refused: %s", body, err);
	assert_int_equal(n_choices, n);
	va_list args;
	va_start(args, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(choices[i], va_arg(args, int));
	va_end(args);
	free(choices);
	free(reason);
}

static void ballot_refused(const struct agenda_vote *vote, const char *body, const char *message)
{
	int *choices = (int *)1, n_choices = -1;
	char *reason = (char *)1, err[256] = "";
	if (capture_parse_ballot(body, vote, &choices, &n_choices, &reason, err, sizeof err))
		fail_msg("ballot \"%s\" accepted", body);
	assert_null(choices);
	assert_null(reason);
	assert_int_equal(n_choices, 0);
	if (!strstr(err, message))
		fail_msg("message for ballot \"%s\" is \"%s\", expected \"%s\"", body, err, message);
}

static void test_ballot_single(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SINGLE, 4);
	ballot_ok(&vote, "2", 1, 2);
	ballot_ok(&vote, "  4 ", 1, 4);
	ballot_refused(&vote, "7", "option 7 does not exist: choose 1 to 4");
	ballot_refused(&vote, "0", "option 0 does not exist: choose 1 to 4");
	ballot_refused(&vote, "-1", "\"-1\" is not a number");
	ballot_refused(&vote, "1 2", "single: choose one option, you gave 2");
	ballot_refused(&vote, "two", "\"two\" is not a number: give one option number from 1 to 4");
	ballot_refused(&vote, "", "empty ballot: give one option number from 1 to 4");
	ballot_refused(&vote, "   ", "empty ballot");
	ballot_refused(&vote, NULL, "empty ballot");
	ballot_refused(&vote, "99999999999999999999999", "is not a number");
	/* an option's whole label, as the voter said it */
	char *labels[] = { "nu", "straks", "geen pauze", "20" };
	struct agenda_vote poll = { .type = VOTE_SINGLE, .options = labels, .n_options = 4 };
	ballot_ok(&poll, "straks", 1, 2);
	ballot_ok(&poll, " Geen Pauze! ", 1, 3);
	ballot_ok(&poll, "NU.", 1, 1);
	ballot_ok(&poll, "4", 1, 4);
	ballot_refused(&poll, "20", "option 20 does not exist"); /* a number is an option's number */
	ballot_refused(&poll, "straks nu", "\"straks\" is not a number");
}

static void test_ballot_multi(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_MULTI, 5);
	vote.max_choices = 3;
	ballot_ok(&vote, "4 1", 2, 4, 1);
	ballot_ok(&vote, "1,2, 3", 3, 1, 2, 3);
	ballot_ok(&vote, "5", 1, 5);
	ballot_ok(&vote, "4 and 1", 2, 4, 1);
	ballot_ok(&vote, "1, 2 en 3!", 3, 1, 2, 3);
	ballot_refused(&vote, "1 2 3 4", "multi: choose at most 3 options, you gave 4");
	ballot_refused(&vote, "2 2", "multi: option 2 given more than once");
	ballot_refused(&vote, "6", "option 6 does not exist: choose 1 to 5");
	ballot_refused(&vote, ",", "empty ballot: give up to 3 different option numbers from 1 to 5");
}

static void test_ballot_dots(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_DOTS, 4);
	ballot_ok(&vote, "1 1 3", 3, 1, 1, 3);
	ballot_ok(&vote, "2 2 2", 3, 2, 2, 2);
	ballot_ok(&vote, "4", 1, 4);
	ballot_refused(&vote, "1 1 3 4", "dots: you gave 4 dots, each voter has 3");
	ballot_refused(&vote, "5", "option 5 does not exist: choose 1 to 4");
	vote.max_per_option = 2;
	ballot_ok(&vote, "2 2 1", 3, 2, 2, 1);
	ballot_refused(&vote, "2 2 2", "dots: 3 dots on option 2, at most 2 on one option");
	ballot_refused(&vote, "", "at most 2 on one option");
}

static void test_ballot_rank(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_RANK, 4);
	ballot_ok(&vote, "3 1 4 2", 4, 3, 1, 4, 2);
	ballot_ok(&vote, "2", 1, 2);
	ballot_ok(&vote, "4 3", 2, 4, 3);
	ballot_refused(&vote, "1 2 1", "rank: option 1 given more than once");
	ballot_refused(&vote, "1 2 3 4 1", "rank: option 1 given more than once");
	ballot_refused(&vote, "1 5", "option 5 does not exist: choose 1 to 4");
}

static void test_ballot_scale(void **state)
{
	(void)state;
	struct agenda_vote vote = vote_of(VOTE_SCALE, 0);
	ballot_ok(&vote, "1", 1, 1);
	ballot_ok(&vote, "5", 1, 5);
	ballot_refused(&vote, "6", "6 is outside the scale: choose 1 to 5");
	ballot_refused(&vote, "0", "0 is outside the scale: choose 1 to 5");
	ballot_refused(&vote, "2 3", "scale: give one number from 1 to 5, you gave 2");
	ballot_refused(&vote, "3.5", "\"3.5\" is not a whole number: give one number from 1 to 5");
	ballot_ok(&vote, "4.", 1, 4);
	ballot_refused(&vote, "4..", "\"4..\" is not a number");
	vote.min = -2;
	vote.max = 2;
	ballot_ok(&vote, "-2", 1, -2);
	ballot_ok(&vote, "+2", 1, 2);
	ballot_ok(&vote, "0", 1, 0);
	ballot_refused(&vote, "-3", "-3 is outside the scale: choose -2 to 2");
}

/* The lines the parser reads as notes because the colon has no space after it: the id
 * is given back for the session to look up (capture.h). */
/* /edit N E08: ...: the speaker an edit's text starts with, as a line's */
static void test_speaker_prefix(void **state)
{
	(void)state;
	char id[AGENDA_ID_MAX + 1];
	static const struct { const char *text; size_t skip; const char *id; } cases[] = {
		{ "E08: waited a year", 5, "E08" }, { "E08:", 4, "E08" }, { "e08:  \t!quote", 7, "e08" },
		{ "E08:waited", 0, NULL }, { "E08 waited", 0, NULL }, { ": waited", 0, NULL }, { "", 0, NULL },
		{ "a-very-long-participant-id-beyond-the-limit: x", 0, NULL }, { "waited E08: x", 0, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t skip = capture_speaker(cases[i].text, strlen(cases[i].text), id);
		if (skip != cases[i].skip)
			fail_msg("\"%s\": skipped %zu, expected %zu", cases[i].text, skip, cases[i].skip);
		if (cases[i].id)
			assert_string_equal(id, cases[i].id);
	}
}

static void test_glued_speaker(void **state)
{
	(void)state;
	char id[AGENDA_ID_MAX + 1];
	static const struct { const char *line; size_t colon; const char *id; } cases[] = {
		{ "E03:waited", 3, "E03" }, { "  e03:!idea x", 5, "e03" }, { "10:30 break", 2, "10" },
		{ "http://example.org", 4, "http" }, { "E03::x", 3, "E03" }, { "E03: waited", 0, NULL },
		{ "E03:", 0, NULL }, { ":x", 0, NULL }, { "E03 :x", 0, NULL }, { "E!3:x", 0, NULL },
		{ "ABCDEFGHIJKLMNOPQ:x", 0, NULL }, { "ABCDEFGHIJKLMNOP:x", 16, "ABCDEFGHIJKLMNOP" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t colon = capture_glued_speaker(cases[i].line, strlen(cases[i].line), id);
		if (colon != cases[i].colon)
			fail_msg("\"%s\": colon at %zu, not %zu", cases[i].line, colon, cases[i].colon);
		if (cases[i].id)
			assert_string_equal(id, cases[i].id);
	}
}

static void consent_ok(const char *body, int position, const char *reason)
{
	struct agenda_vote vote = vote_of(VOTE_CONSENT, 0);
	int *choices = NULL, n_choices = 0;
	char *got = NULL, err[256] = "";
	if (!capture_parse_ballot(body, &vote, &choices, &n_choices, &got, err, sizeof err))
		fail_msg("consent \"%s\" refused: %s", body, err);
	assert_int_equal(n_choices, 1);
	assert_int_equal(choices[0], position);
	if (reason)
		assert_string_equal(got, reason);
	else
		assert_null(got);
	free(choices);
	free(got);
}

static void test_ballot_consent(void **state)
{
	(void)state;
	consent_ok("agree", 0, NULL);
	consent_ok("ag", 0, NULL);
	consent_ok("abs", 1, NULL);
	consent_ok("Abstain not my topic", 1, "not my topic");
	consent_ok("d too fast", 2, "too fast");
	consent_ok("disagree: we were not asked", 2, "we were not asked");
	consent_ok("block - it is unfair to families", 3, "it is unfair to families");
	consent_ok("b يجب أن ننتظر", 3, "يجب أن ننتظر");
	/* "object" is disagree (docs/votes.md: disagree (object)), as a whole word only */
	consent_ok("object the deadline is too short for families", 2, "the deadline is too short for families");
	consent_ok("Object: not asked", 2, "not asked");

	struct agenda_vote vote = vote_of(VOTE_CONSENT, 0);
	ballot_refused(&vote, "a", "\"a\" could be agree, abstain");
	ballot_refused(&vote, "block", "block needs a reason");
	ballot_refused(&vote, "disagree   ", "disagree needs a reason");
	ballot_refused(&vote, "dis:", "disagree needs a reason");
	ballot_refused(&vote, "object", "consent: object needs a reason after it");
	ballot_refused(&vote, "obj too fast", "\"obj\" is not a position");
	ballot_refused(&vote, "objection noted", "\"objection\" is not a position");
	ballot_refused(&vote, "yes", "\"yes\" is not a position; give agree, abstain, disagree (or object) or block");
	ballot_refused(&vote, "agreed", "\"agreed\" is not a position");
	ballot_refused(&vote, "2", "\"2\" is not a position");
	ballot_refused(&vote, "", "empty ballot");

	/* without a place for the reason the position still counts */
	int *choices = NULL, n_choices = 0;
	char err[128];
	assert_true(capture_parse_ballot("block no", &vote, &choices, &n_choices, NULL, err, sizeof err));
	assert_int_equal(choices[0], 3);
	free(choices);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_speaker_contribution),
		cmocka_unit_test(test_notes_without_speaker),
		cmocka_unit_test(test_speaker_with_nothing),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_kind_refusals),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_tags_in_the_middle_and_at_the_end),
		cmocka_unit_test(test_tag_rules),
		cmocka_unit_test(test_many_tags),
		cmocka_unit_test(test_tag_columns_count_characters),
		cmocka_unit_test(test_text_cleanup),
		cmocka_unit_test(test_documented_examples),
		cmocka_unit_test(test_text_kept_byte_for_byte),
		cmocka_unit_test(test_not_utf8_refused),
		cmocka_unit_test(test_line_length_and_nul),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_commands_without_arguments),
		cmocka_unit_test(test_commands_with_ids),
		cmocka_unit_test(test_command_extend),
		cmocka_unit_test(test_command_edit_retract_recommend),
		cmocka_unit_test(test_command_poll),
		cmocka_unit_test(test_command_prefixes),
		cmocka_unit_test(test_unknown_commands),
		cmocka_unit_test(test_command_names_and_usage),
		cmocka_unit_test(test_command_consent),
		cmocka_unit_test(test_is_ballot),
		cmocka_unit_test(test_free_is_safe),
		cmocka_unit_test(test_ballot_single),
		cmocka_unit_test(test_ballot_multi),
		cmocka_unit_test(test_ballot_dots),
		cmocka_unit_test(test_ballot_rank),
		cmocka_unit_test(test_ballot_scale),
		cmocka_unit_test(test_ballot_consent),
		cmocka_unit_test(test_glued_speaker),
		cmocka_unit_test(test_speaker_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
