/* test_event: the event format's one owner. Every type encodes to the exact payload the
 * store has always held (byte for byte: exports of old databases must not change), decodes
 * back to the same struct, and a privacy that leaves names out drops participant.add's
 * name; damaged payloads and unknown types are told apart and say what is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sessions/event.h"

static char *encode(const struct event *e, const struct event_privacy *privacy)
{
	struct json_buf b = { 0 };
	event_encode(e, privacy, &b);
	assert_false(b.failed);
	return b.data;
}

/* Decodes payload as type, encodes it again and checks the bytes are the same. */
static void assert_round_trip(const char *type, const char *payload)
{
	struct event e;
	char problem[128];
	assert_int_equal(event_decode(type, payload, strlen(payload), &e, problem, sizeof problem), EVENT_DECODED);
	assert_string_equal(event_type_name(e.type), type);
	char *again = encode(&e, &event_keep_everything);
	assert_string_equal(again, payload);
	free(again);
	event_free(&e);
}

/* Payloads as the build before this module wrote them (tests/fixtures/schema3-evening.sql). */
static void test_every_type_round_trips(void **state)
{
	(void)state;
	assert_round_trip("session.start", "{\"title\":\"Expert pool\",\"item\":\"welcome\"}");
	assert_round_trip("session.end", "{\"item\":\"recommendations\",\"closed_vote\":null}");
	assert_round_trip("contribution", "{\"id\":\"e5941a3b-a0e3-4526-b058-913f2f899ec0\",\"item\":\"welcome\","
		"\"participant\":\"E01\",\"kind\":\"obstacle\",\"text\":\"waited 9 months for language lessons\","
		"\"tags\":[\"language\"]}");
	assert_round_trip("contribution", "{\"id\":\"e050b244-4e86-4b81-a859-5c2a13789afa\",\"item\":\"welcome\","
		"\"participant\":null,\"kind\":\"note\",\"text\":\"\xd8\xaa\xd8\xb9 \\u001b[2J \xf0\x9f\x99\x82\",\"tags\":[]}");
	assert_round_trip("contribution.edit", "{\"contribution\":\"4ab2a056-619c-4563-98b9-4b7bcdad730a\",\"ref\":9,"
		"\"text\":\"a library card\",\"kind\":\"idea\",\"tags\":[\"education\"]}");
	assert_round_trip("contribution.retract", "{\"contribution\":\"27f29730-190d-4be5-b508-2d7a5b032c74\","
		"\"ref\":10,\"undo\":false}");
	assert_round_trip("participant.add", "{\"id\":\"E21\",\"name\":\"Fatima Example\",\"role\":\"expert\"}");
	assert_round_trip("participant.add", "{\"id\":\"E22\",\"name\":null,\"role\":\"expert\"}");
	assert_round_trip("item.enter", "{\"item\":\"arrival\",\"from\":\"welcome\",\"command\":\"next\"}");
	assert_round_trip("item.extend", "{\"item\":\"arrival\",\"minutes\":-5,\"planned_seconds\":1800}");
	assert_round_trip("vote.open", "{\"vote\":\"8ad02c76-3cd8-44f4-9ba9-3dea706e4471\",\"vote_id\":\"language-first\","
		"\"item\":\"language\"}");
	assert_round_trip("vote.open", "{\"vote\":\"189fa675-0151-4323-9969-0b8b066891b6\",\"vote_id\":\"poll-1\","
		"\"item\":\"language\",\"poll\":{\"id\":\"poll-1\",\"question\":\"More evening lessons?\",\"type\":\"single\","
		"\"options\":[\"Yes\",\"No\",\"Not sure\"],\"anonymous\":false,\"voter_roles\":[\"expert\"]}}");
	assert_round_trip("vote.open", "{\"vote\":\"x\",\"vote_id\":\"poll-2\",\"item\":\"work\",\"poll\":{\"id\":\"poll-2\","
		"\"question\":\"Q\",\"type\":\"dots\",\"options\":[\"A\",\"B\"],\"dots\":3,\"max_per_option\":0,"
		"\"anonymous\":false,\"voter_roles\":[\"expert\"]}}");
	assert_round_trip("vote.open", "{\"vote\":\"x\",\"vote_id\":\"poll-3\",\"item\":\"work\",\"poll\":{\"id\":\"poll-3\","
		"\"question\":\"Q\",\"type\":\"scale\",\"options\":[],\"min\":1,\"max\":5,\"anonymous\":false,"
		"\"voter_roles\":[\"expert\"]}}");
	assert_round_trip("vote.open", "{\"vote\":\"x\",\"vote_id\":\"poll-4\",\"item\":\"work\",\"poll\":{\"id\":\"poll-4\","
		"\"question\":\"Q\",\"type\":\"multi\",\"options\":[\"A\",\"B\",\"C\"],\"max_choices\":3,\"anonymous\":false,"
		"\"voter_roles\":[\"expert\"]}}");
	assert_round_trip("vote.close", "{\"vote\":\"8ad02c76-3cd8-44f4-9ba9-3dea706e4471\",\"vote_id\":\"language-first\"}");
	assert_round_trip("ballot", "{\"vote\":\"v\",\"vote_id\":\"adopt-list\",\"participant\":\"E02\",\"choices\":[2],"
		"\"reason\":\"the list is too long\"}");
	assert_round_trip("ballot", "{\"vote\":\"v\",\"vote_id\":\"language-first\",\"participant\":\"E01\","
		"\"choices\":[1,1,2],\"reason\":null}");
	assert_round_trip("counts", "{\"vote\":\"v\",\"vote_id\":\"show-of-hands\",\"counts\":[9,4,2]}");
	assert_round_trip("recommendation", "{\"id\":\"98012bca-5441-404a-854c-73976076206d\",\"item\":\"language\","
		"\"text\":\"Start language lessons within four weeks\"}");
	/* schema version 5: consent, erasure, and an erased participant's anonymous ballot */
	assert_round_trip("consent", "{\"participant\":\"E03\",\"quotes\":false}");
	assert_round_trip("consent", "{\"participant\":\"E01\",\"quotes\":true}");
	assert_round_trip("erasure", "{\"scope\":\"participant\",\"participant\":\"E03\",\"contributions\":4,"
		"\"events\":7,\"ballots\":2,\"rewritten\":2,\"by\":\"consultant\"}");
	assert_round_trip("erasure", "{\"scope\":\"session\",\"participant\":null,\"contributions\":120,"
		"\"events\":160,\"ballots\":0,\"rewritten\":0,\"by\":\"dpo\"}");
	assert_round_trip("ballot", "{\"vote\":\"v\",\"vote_id\":\"adopt-list\",\"participant\":null,\"choices\":[3],"
		"\"reason\":null}");
	/* the lead passes (/handover) or is taken (/lead) */
	assert_round_trip("console.lead", "{\"leader\":\"console-2\",\"from\":\"console\",\"taken\":false}");
	assert_round_trip("console.lead", "{\"leader\":\"notes\",\"from\":\"console-2\",\"taken\":true}");
}

static void test_lead_fields(void **state)
{
	(void)state;
	const char *payload = "{\"leader\":\"notes\",\"from\":\"console\",\"taken\":true}";
	struct event e;
	assert_int_equal(event_decode(EVENT_TYPE_LEAD, payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.type, EVENT_LEAD);
	assert_string_equal(e.as.lead.leader, "notes");
	assert_string_equal(e.as.lead.from, "console");
	assert_true(e.as.lead.taken);
	event_free(&e);
	char problem[128];
	payload = "{\"from\":\"console\",\"taken\":false}";
	assert_int_equal(event_decode(EVENT_TYPE_LEAD, payload, strlen(payload), &e, problem, sizeof problem),
		EVENT_DAMAGED);
	assert_string_equal(problem, "field leader is missing");
}

static void test_consent_and_erasure_fields(void **state)
{
	(void)state;
	const char *payload = "{\"participant\":\"E03\",\"quotes\":false}";
	struct event e;
	assert_int_equal(event_decode("consent", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.type, EVENT_CONSENT);
	assert_string_equal(e.as.consent.participant, "E03");
	assert_false(e.as.consent.quotes);
	event_free(&e);
	char problem[128];
	payload = "{\"participant\":\"E03\"}";
	assert_int_equal(event_decode("consent", payload, strlen(payload), &e, problem, sizeof problem), EVENT_DAMAGED);
	assert_string_equal(problem, "field quotes is missing");
	payload = "{\"participant\":\"E03\",\"quotes\":\"no\"}";
	assert_int_equal(event_decode("consent", payload, strlen(payload), &e, problem, sizeof problem), EVENT_DAMAGED);
	payload = "{\"scope\":\"participant\",\"participant\":\"E03\",\"contributions\":4,\"events\":7,"
		"\"ballots\":2,\"rewritten\":1,\"by\":\"dpo\"}";
	assert_int_equal(event_decode("erasure", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_string_equal(e.as.erasure.scope, EVENT_ERASURE_PARTICIPANT);
	assert_int_equal(e.as.erasure.contributions, 4);
	assert_int_equal(e.as.erasure.events, 7);
	assert_int_equal(e.as.erasure.ballots, 2);
	assert_string_equal(e.as.erasure.by, "dpo");
	event_free(&e);
	payload = "{\"participant\":null}";
	assert_int_equal(event_decode("erasure", payload, strlen(payload), &e, problem, sizeof problem), EVENT_DAMAGED);
	assert_string_equal(problem, "field scope is missing");
}

/* The types /undo, /withdraw and /reopen write (issue 14), the codes an edit takes off,
 * and `undoes`, which only an undo writes. */
static void test_undo_types_round_trip(void **state)
{
	(void)state;
	assert_round_trip("contribution.restore", "{\"contribution\":\"27f29730-190d-4be5-b508-2d7a5b032c74\","
		"\"ref\":10,\"undoes\":14}");
	assert_round_trip("ballot.withdraw", "{\"vote\":\"v\",\"vote_id\":\"language-first\",\"participant\":\"E01\"}");
	assert_round_trip("ballot.withdraw", "{\"vote\":\"v\",\"vote_id\":\"language-first\",\"participant\":\"E01\","
		"\"undoes\":31}");
	assert_round_trip("vote.reopen", "{\"vote\":\"v\",\"vote_id\":\"language-first\"}");
	assert_round_trip("contribution.edit", "{\"contribution\":\"4ab2a056-619c-4563-98b9-4b7bcdad730a\",\"ref\":9,"
		"\"text\":\"a library card\",\"kind\":\"idea\",\"tags\":[\"education\"],\"removed\":[\"work\",\"links\"]}");
	/* an edit that names who spoke (/edit N E08:), and its undo back to the note-taker */
	assert_round_trip("contribution.edit", "{\"contribution\":\"4ab2a056-619c-4563-98b9-4b7bcdad730a\",\"ref\":9,"
		"\"text\":\"a library card\",\"kind\":\"idea\",\"tags\":[],\"participant\":\"E08\"}");
	assert_round_trip("contribution.edit", "{\"contribution\":\"4ab2a056-619c-4563-98b9-4b7bcdad730a\",\"ref\":9,"
		"\"text\":\"a library card\",\"kind\":\"idea\",\"tags\":[],\"participant\":\"\",\"undoes\":12}");
	assert_round_trip("contribution.retract", "{\"contribution\":\"27f29730-190d-4be5-b508-2d7a5b032c74\","
		"\"ref\":10,\"undo\":true,\"undoes\":10}");
	assert_round_trip("item.enter", "{\"item\":\"welcome\",\"from\":\"arrival\",\"command\":\"undo\",\"undoes\":7}");
	assert_round_trip("item.extend", "{\"item\":\"arrival\",\"minutes\":-5,\"planned_seconds\":1500,\"undoes\":8}");
	assert_round_trip("ballot", "{\"vote\":\"v\",\"vote_id\":\"language-first\",\"participant\":\"E01\","
		"\"choices\":[1,1,2],\"reason\":null,\"undoes\":40}");
	assert_round_trip("vote.close", "{\"vote\":\"v\",\"vote_id\":\"language-first\",\"undoes\":41}");

	struct event e;
	const char *payload = "{\"vote\":\"v\",\"vote_id\":\"lf\",\"participant\":\"E07\",\"undoes\":31}";
	assert_int_equal(event_decode("ballot.withdraw", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.type, EVENT_WITHDRAW);
	assert_string_equal(e.as.withdraw.participant, "E07");
	assert_int_equal(e.undoes, 31);
	event_free(&e);
	payload = "{\"contribution\":\"c\",\"ref\":3,\"text\":\"t\",\"kind\":\"note\",\"tags\":[],\"removed\":[\"work\"]}";
	assert_int_equal(event_decode("contribution.edit", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.as.edit.n_removed, 1);
	assert_string_equal(e.as.edit.removed[0], "work");
	assert_null(e.as.edit.participant); /* the speaker stays */
	assert_int_equal(e.undoes, 0);
	event_free(&e);
	/* an edit that takes nothing off is written as before */
	struct event edit = { .type = EVENT_EDIT, .as.edit = { .contribution = "c", .ref = 3, .text = "t", .has_kind = true, .kind = KIND_NOTE } };
	char *text = encode(&edit, &event_keep_everything);
	assert_string_equal(text, "{\"contribution\":\"c\",\"ref\":3,\"text\":\"t\",\"kind\":\"note\",\"tags\":[]}");
	free(text);
	payload = "{\"vote\":\"v\",\"participant\":\"E07\"}";
	assert_int_equal(event_decode("ballot.withdraw", payload, strlen(payload), &e, NULL, 0), EVENT_DAMAGED);
}

static void test_decoded_fields(void **state)
{
	(void)state;
	const char *payload = "{\"vote\":\"v1\",\"vote_id\":\"poll-1\",\"item\":\"language\",\"poll\":{\"id\":\"poll-1\","
		"\"question\":\"Q?\",\"type\":\"multi\",\"options\":[\"A\",\"B\",\"C\"],\"max_choices\":2,\"anonymous\":false,"
		"\"voter_roles\":[\"expert\",\"staff\"]}}";
	struct event e;
	assert_int_equal(event_decode("vote.open", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.type, EVENT_VOTE_OPEN);
	assert_string_equal(e.as.vote_open.vote, "v1");
	const struct agenda_vote *poll = e.as.vote_open.poll;
	assert_non_null(poll);
	assert_int_equal(poll->type, VOTE_MULTI);
	assert_int_equal(poll->n_options, 3);
	assert_string_equal(poll->options[2], "C");
	assert_int_equal(poll->max_choices, 2);
	assert_true(poll->voter_roles[ROLE_EXPERT]);
	assert_true(poll->voter_roles[ROLE_STAFF]);
	assert_false(poll->voter_roles[ROLE_OBSERVER]);
	event_free(&e);

	payload = "{\"vote\":\"v\",\"vote_id\":\"lessons-fit\",\"participant\":\"E04\",\"choices\":[5],\"reason\":null}";
	assert_int_equal(event_decode("ballot", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.as.ballot.n_choices, 1);
	assert_int_equal(e.as.ballot.choices[0], 5);
	assert_null(e.as.ballot.reason);
	event_free(&e);

	payload = "{\"id\":\"c\",\"item\":\"work\",\"participant\":null,\"text\":\"no kind given\",\"tags\":[\"work\",7]}";
	assert_int_equal(event_decode("contribution", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_int_equal(e.as.contribution.kind, KIND_NOTE);
	assert_null(e.as.contribution.participant);
	assert_int_equal(e.as.contribution.n_tags, 1); /* a tag that is not text is skipped */
	event_free(&e);
}

static void test_privacy_leaves_out_names(void **state)
{
	(void)state;
	struct event e = { .type = EVENT_PARTICIPANT, .as.participant = { .id = "E21", .name = "Fatima Example",
		.role = ROLE_EXPERT } };
	const struct event_privacy pseudonyms = { .names = false };
	char *text = encode(&e, &pseudonyms);
	assert_string_equal(text, "{\"id\":\"E21\",\"role\":\"expert\"}");
	free(text);
	text = encode(&e, &event_keep_everything);
	assert_string_equal(text, "{\"id\":\"E21\",\"name\":\"Fatima Example\",\"role\":\"expert\"}");
	free(text);
	text = encode(&e, NULL); /* NULL: everything, as the store keeps it */
	assert_non_null(strstr(text, "Fatima Example"));
	free(text);
}

/* A reference by ref alone (no payload has been written so, but the rule is fixed). */
static void test_reference_by_ref_only(void **state)
{
	(void)state;
	const char *payload = "{\"ref\":42,\"undo\":true}";
	struct event e;
	assert_int_equal(event_decode("contribution.retract", payload, strlen(payload), &e, NULL, 0), EVENT_DECODED);
	assert_string_equal(e.as.retract.contribution, "");
	assert_int_equal(e.as.retract.ref, 42);
	assert_true(e.as.retract.undo);
	event_free(&e);
	char problem[128];
	payload = "{\"undo\":true}";
	assert_int_equal(event_decode("contribution.retract", payload, strlen(payload), &e, problem, sizeof problem),
		EVENT_DAMAGED);
	assert_string_equal(problem, "field ref is missing");
}

static void test_damaged_and_unknown(void **state)
{
	(void)state;
	struct event e;
	char problem[128];
	assert_int_equal(event_decode("contribution", "{}", 2, &e, problem, sizeof problem), EVENT_DAMAGED);
	assert_string_equal(problem, "field item is missing");
	const char *p = "{\"item\":\"x\",\"text\":7}";
	assert_int_equal(event_decode("contribution", p, strlen(p), &e, problem, sizeof problem), EVENT_DAMAGED);
	assert_string_equal(problem, "field text is not text");
	p = "{\"item\":\"x\",\"text\":\"t\",\"kind\":\"obstcle\"}";
	assert_int_equal(event_decode("contribution", p, strlen(p), &e, problem, sizeof problem), EVENT_DAMAGED);
	assert_string_equal(problem, "field kind names no kind");
	assert_int_equal(event_decode("ballot", "[1,2]", 5, &e, problem, sizeof problem), EVENT_NOT_AN_OBJECT);
	assert_int_equal(event_decode("ballot", "{\"vote_id\":", 11, &e, problem, sizeof problem), EVENT_NOT_AN_OBJECT);
	assert_int_equal(event_decode("session.pause", "{}", 2, &e, problem, sizeof problem), EVENT_UNKNOWN_TYPE);
	assert_int_equal(event_type_parse("session.pause"), EVENT_UNKNOWN);
	assert_null(event_type_name(EVENT_UNKNOWN));
	p = "{\"vote\":\"v\",\"vote_id\":\"x\",\"item\":\"i\",\"poll\":{\"id\":\"p\",\"question\":\"q\",\"type\":\"borda\"}}";
	assert_int_equal(event_decode("vote.open", p, strlen(p), &e, problem, sizeof problem), EVENT_DAMAGED);
	assert_string_equal(problem, "poll field type names no vote type");
}

static void test_type_names(void **state)
{
	(void)state;
	for (int t = EVENT_SESSION_START; t <= EVENT_ERASURE; t++)
		assert_int_equal(event_type_parse(event_type_name((enum event_type)t)), t);
	assert_string_equal(event_type_name(EVENT_EDIT), EVENT_TYPE_EDIT);
	assert_string_equal(EVENT_PATH(EVENT_KEY_TEXT), "$.text");
}

/* What a handler gives event_keep() is freed with the event. */
static void test_keep(void **state)
{
	(void)state;
	struct event e = { .type = EVENT_BALLOT };
	int *choices = event_keep(&e, malloc(3 * sizeof *choices));
	assert_non_null(choices);
	char *reason = event_keep(&e, strdup("a reason"));
	assert_non_null(reason);
	assert_null(event_keep(&e, NULL));
	event_free(&e); /* ASan would report a leak or a double free */
	event_free(&e);
	assert_int_equal(e.n_owned, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_round_trips),
		cmocka_unit_test(test_consent_and_erasure_fields),
		cmocka_unit_test(test_lead_fields),
		cmocka_unit_test(test_undo_types_round_trip),
		cmocka_unit_test(test_decoded_fields),
		cmocka_unit_test(test_privacy_leaves_out_names),
		cmocka_unit_test(test_reference_by_ref_only),
		cmocka_unit_test(test_damaged_and_unknown),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_keep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
