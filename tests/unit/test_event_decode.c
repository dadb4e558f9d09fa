/* test_event_decode: event_decode() gives, on every payload, what the build before the
 * decoder that reads without a tree gave (docs/benchmarks.md, "Resuming a long log"): its
 * result, the problem it names and every field of the decoded event. The payloads are
 * made here, the same on every run: a valid payload of every type (polls of every vote
 * type among them), each member's value replaced by values of every JSON type and edge
 * (numbers out of range, escapes, lone surrogates, nested containers), members dropped,
 * doubled (the first one counts) and with escaped keys, unknown members, spaces, and
 * byte-level damage (cuts, deletions, insertions, replacements). What each gave is in
 * tests/fixtures/event-decode-results.txt, one line per payload: the result and a digest
 * of the problem and the fields; it was made by this test with EVENT_DECODE_OUT=FILE on
 * the build before (the tree decoder). A difference names the payload and what it gives
 * now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sessions/event.h"
#include "sessions/sha1.h"
#include "tests/unit/test_files.h"

/* A payload as its members: key, value text, ..., NULL. */
struct base {
	const char *type;
	const char *members[28];
};

#define UUID1 "\"e5941a3b-a0e3-4526-b058-913f2f899ec0\""
#define UUID2 "\"8ad02c76-3cd8-44f4-9ba9-3dea706e4471\""

static const struct base bases[] = {
	{ "session.start", { "title", "\"Expert pool \\u00e9\"", "item", "\"welcome\"", NULL } },
	{ "session.end", { "item", "\"recommendations\"", "closed_vote", "null", NULL } },
	{ "contribution", { "id", UUID1, "item", "\"welcome\"", "participant", "\"E01\"", "kind", "\"obstacle\"",
		"text", "\"waited 9 months \xd8\xaa\xd8\xb9 \\\"lessons\\\" \\ud83d\\ude42\\n\"",
		"tags", "[\"language\",\"work\"]", NULL } },
	{ "contribution", { "id", UUID2, "item", "\"welcome\"", "participant", "null", "kind", "\"note\"",
		"text", "\"\xe8\x8d\xb7\xe5\x85\xb0\xe8\xaf\xad \\u001b[2J\"", "tags", "[]", "undoes", "12", NULL } },
	{ "contribution", { "id", UUID1, "item", "\"welcome\"", "participant", "\"E01\"", "kind", "\"idea\"",
		"text", "\"nine tags\"", "tags", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]", NULL } },
	{ "contribution.edit", { "contribution", UUID1, "ref", "9", "text", "\"a library card\"", "kind", "\"idea\"",
		"tags", "[\"education\"]", "removed", "[\"work\",\"housing\"]", NULL } },
	{ "contribution.edit", { "contribution", "null", "ref", "9", "text", "\"by ref\"", "tags", "[]", NULL } },
	{ "contribution.retract", { "contribution", UUID1, "ref", "10", "undo", "false", NULL } },
	{ "contribution.retract", { "ref", "10", "undo", "true", "undoes", "44", NULL } },
	{ "contribution.restore", { "contribution", UUID1, "ref", "10", "undoes", "45", NULL } },
	{ "participant.add", { "id", "\"E21\"", "name", "\"Fatima Example\"", "role", "\"interpreter\"", NULL } },
	{ "participant.add", { "id", "\"E22\"", "name", "null", "role", "\"chair\"", NULL } },
	{ "item.enter", { "item", "\"arrival\"", "from", "\"welcome\"", "command", "\"next\"", NULL } },
	{ "item.extend", { "item", "\"arrival\"", "minutes", "-5", "planned_seconds", "1800", NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"language-first\"", "item", "\"language\"", NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"poll-1\"", "item", "\"language\"", "poll",
		"{\"id\":\"poll-1\",\"question\":\"More evening lessons?\",\"type\":\"single\","
		"\"options\":[\"Yes\",\"No\",\"Not sure\"],\"anonymous\":false,\"voter_roles\":[\"expert\"]}", NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"poll-2\"", "item", "\"language\"", "poll",
		"{\"id\":\"poll-2\",\"question\":\"Which?\",\"type\":\"multi\",\"options\":[\"A\",\"B\",\"C\"],"
		"\"max_choices\":2,\"anonymous\":true,\"voter_roles\":[\"expert\",\"staff\",7]}", NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"poll-3\"", "item", "null", "poll",
		"{\"id\":\"poll-3\",\"question\":\"Spread\",\"type\":\"dots\",\"options\":[\"P\",\"Q\"],\"dots\":5,"
		"\"max_per_option\":2}", NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"poll-4\"", "item", "\"language\"", "poll",
		"{\"id\":\"poll-4\",\"question\":\"How much?\",\"type\":\"scale\",\"min\":0,\"max\":10}", NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"poll-5\"", "item", "\"language\"", "poll",
		"{\"id\":\"poll-5\",\"question\":\"Agree?\",\"type\":\"consent\",\"anonymous\":false,\"voter_roles\":[]}",
		NULL } },
	{ "vote.open", { "vote", UUID2, "vote_id", "\"poll-6\"", "item", "\"language\"", "poll",
		"{\"id\":\"poll-6\",\"question\":\"Order\",\"type\":\"rank\",\"options\":[\"X\",\"Y\",\"Z\"]}", NULL } },
	{ "vote.close", { "vote", UUID2, "vote_id", "\"language-first\"", NULL } },
	{ "vote.reopen", { "vote", UUID2, "vote_id", "\"language-first\"", "undoes", "51", NULL } },
	{ "ballot", { "vote", UUID2, "vote_id", "\"language-first\"", "participant", "\"E03\"", "choices", "[2,1,3]",
		"reason", "null", NULL } },
	{ "ballot", { "vote", UUID2, "vote_id", "\"agree\"", "participant", "null", "choices", "[3]",
		"reason", "\"too soon\"", NULL } },
	{ "ballot.withdraw", { "vote", UUID2, "vote_id", "\"language-first\"", "participant", "\"E03\"", NULL } },
	{ "counts", { "vote", UUID2, "vote_id", "\"hands\"", "counts", "[4,0,12,\"x\",1.5]", NULL } },
	{ "recommendation", { "id", UUID1, "item", "\"recommendations\"", "text", "\"Start lessons in week one\"",
		NULL } },
	{ "consent", { "participant", "\"E05\"", "quotes", "false", NULL } },
	{ "console.lead", { "leader", "\"hall\"", "from", "\"console-2\"", "taken", "true", NULL } },
	{ "erasure", { "scope", "\"participant\"", "participant", "\"E05\"", "contributions", "7", "events", "9",
		"ballots", "2", "rewritten", "3", "by", "\"operator\"", NULL } },
	{ "no.such.type", { "text", "\"x\"", NULL } },
};

/* What a member's value is replaced with. */
static const char *const values[] = {
	"null", "true", "false", "0", "-0", "-1", "7", "1.5", "-2.5e3", "1e2", "2147483647", "2147483648", "-2147483649",
	"9000000000000000000", "-8999999999999999999", "1e300", "123456789012345678", "\"\"", "\"x\"",
	"\"E01\"", "\"obstacle\"", "\"expert\"", "\"single\"", "\"scale\"", "\"participant\"",
	"\"e5941a3b-a0e3-4526-b058-913f2f899ec0x\"", "\"\\u0041\\u00e9\\u4e2d\\ud83d\\ude00\\/\\b\\f\\r\\t\"",
	"\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"a\\qb\"", "\"\\u12\"", "\"tab\tin\"", "[]", "[1,2,3]",
	"[\"a\",null,\"b\",{\"c\":[1]},\"d\"]", "[2147483648]", "[1e19]", "{}", "{\"id\":\"x\",\"type\":\"single\"}",
	"[[[[[[[[[[1]]]]]]]]]]", "01", "1.", ".5", "+1", "-", "nul", "tru", "\"unterminated", "[1,]", "{\"a\"}",
};
enum { N_VALUES = (int)(sizeof values / sizeof values[0]) };

static int n_members(const struct base *b)
{
	int n = 0;
	while (b->members[2 * n])
		n++;
	return n;
}

/* The payload: the members in order, member `replace` with value `with` (when >= 0),
 * member `drop` left out, member `twice` written again after the others with `again`,
 * key `escape` written with its first character as \u escape, `extra` an unknown member
 * first, `spaces` between every token. */
struct render {
	int replace, drop, twice, escape;
	const char *with, *again, *extra;
	bool spaces;
};

static void put_member(FILE *out, const char *key, const char *value, bool escape, bool spaces, bool *first)
{
	const char *gap = spaces ? " \n\t " : "";
	fprintf(out, "%s%s%s", *first ? "" : ",", gap, "\"");
	if (escape)
		fprintf(out, "\\u%04x%s", (unsigned char)key[0], key + 1);
	else
		fputs(key, out);
	fprintf(out, "\"%s:%s%s%s", gap, gap, value, gap);
	*first = false;
}

static char *render(const struct base *b, const struct render *r)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	bool first = true;
	fputs(r->spaces ? " {" : "{", out);
	if (r->extra)
		put_member(out, "zz_unknown", r->extra, false, r->spaces, &first);
	for (int i = 0; b->members[2 * i]; i++)
		if (i != r->drop)
			put_member(out, b->members[2 * i], i == r->replace ? r->with : b->members[2 * i + 1], i == r->escape,
				r->spaces, &first);
	if (r->twice >= 0)
		put_member(out, b->members[2 * r->twice], r->again, false, r->spaces, &first);
	fputs(r->spaces ? "} \n" : "}", out);
	fclose(out);
	return text;
}

static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

/* Byte-level damage of text, the kind chosen by the random state. */
static char *damage(const char *text, uint64_t *state)
{
	static const char alphabet[] = "\"\\{}[],: 0123456789-.eEtrufalsn\x01\x80\xff";
	size_t len = strlen(text);
	char *out = malloc(len + 2);
	assert_non_null(out);
	size_t at = len ? next_random(state) % len : 0;
	char c = alphabet[next_random(state) % (sizeof alphabet - 1)];
	switch (next_random(state) % 4) {
	case 0: memcpy(out, text, at); out[at] = '\0'; break;                                  /* cut */
	case 1: memcpy(out, text, at); memcpy(out + at, text + at + (len > 0), len - at); break; /* delete */
	case 2: memcpy(out, text, at); out[at] = c; memcpy(out + at + 1, text + at, len - at + 1); break;
	default: memcpy(out, text, len + 1); if (len) out[at] = c; break;                      /* replace */
	}
	if (len == 0)
		out[0] = '\0';
	return out;
}

static void put_text(FILE *out, const char *name, const char *text)
{
	if (text)
		fprintf(out, "%s=%zu:%s;", name, strlen(text), text);
	else
		fprintf(out, "%s=NULL;", name);
}

static void put_texts(FILE *out, const char *name, const char *const *texts, int n)
{
	fprintf(out, "%s=%d[", name, n);
	for (int i = 0; i < n; i++)
		put_text(out, "", texts[i]);
	fputs("];", out);
}

/* Every field of a decoded event, as text. */
static void describe(FILE *out, const struct event *e)
{
	fprintf(out, "type=%d undoes=%lld;", (int)e->type, (long long)e->undoes);
	switch (e->type) {
	case EVENT_SESSION_START: put_text(out, "title", e->as.start.title); put_text(out, "item", e->as.start.item); break;
	case EVENT_SESSION_END: put_text(out, "item", e->as.end.item); put_text(out, "closed", e->as.end.closed_vote); break;
	case EVENT_CONTRIBUTION: {
		const struct event_contribution *c = &e->as.contribution;
		put_text(out, "id", c->id);
		put_text(out, "item", c->item);
		put_text(out, "participant", c->participant);
		put_text(out, "text", c->text);
		fprintf(out, "kind=%d;", (int)c->kind);
		put_texts(out, "tags", c->tags, c->n_tags);
		break;
	}
	case EVENT_EDIT: {
		const struct event_edit *c = &e->as.edit;
		put_text(out, "contribution", c->contribution);
		fprintf(out, "ref=%lld has_kind=%d kind=%d;", (long long)c->ref, c->has_kind, (int)c->kind);
		put_text(out, "text", c->text);
		put_texts(out, "tags", c->tags, c->n_tags);
		put_texts(out, "removed", c->removed, c->n_removed);
		break;
	}
	case EVENT_RETRACT:
		put_text(out, "contribution", e->as.retract.contribution);
		fprintf(out, "ref=%lld undo=%d;", (long long)e->as.retract.ref, e->as.retract.undo);
		break;
	case EVENT_RESTORE:
		put_text(out, "contribution", e->as.restore.contribution);
		fprintf(out, "ref=%lld;", (long long)e->as.restore.ref);
		break;
	case EVENT_PARTICIPANT:
		put_text(out, "id", e->as.participant.id);
		put_text(out, "name", e->as.participant.name);
		fprintf(out, "role=%d;", (int)e->as.participant.role);
		break;
	case EVENT_ITEM:
		put_text(out, "item", e->as.item.item);
		put_text(out, "from", e->as.item.from);
		put_text(out, "command", e->as.item.command);
		break;
	case EVENT_EXTEND:
		put_text(out, "item", e->as.extend.item);
		fprintf(out, "minutes=%lld planned=%lld;", (long long)e->as.extend.minutes,
			(long long)e->as.extend.planned_seconds);
		break;
	case EVENT_VOTE_OPEN: {
		put_text(out, "vote", e->as.vote_open.vote);
		put_text(out, "vote_id", e->as.vote_open.vote_id);
		put_text(out, "item", e->as.vote_open.item);
		const struct agenda_vote *p = e->as.vote_open.poll;
		if (!p) {
			fputs("poll=NULL;", out);
			break;
		}
		put_text(out, "poll.id", p->id);
		put_text(out, "question", p->question);
		fprintf(out, "vtype=%d max_choices=%d dots=%d per=%d min=%d max=%d anonymous=%d hide=%d labels=%d roles=",
			(int)p->type, p->max_choices, p->dots, p->max_per_option, p->min, p->max, p->anonymous,
			p->hide_results, p->n_labels);
		for (int r = 0; r < ROLE_COUNT; r++)
			fputc(p->voter_roles[r] ? '1' : '0', out);
		fputc(';', out);
		put_texts(out, "options", (const char *const *)p->options, p->n_options);
		break;
	}
	case EVENT_VOTE_CLOSE:
	case EVENT_VOTE_REOPEN:
		put_text(out, "vote", e->as.vote_close.vote);
		put_text(out, "vote_id", e->as.vote_close.vote_id);
		break;
	case EVENT_BALLOT:
		put_text(out, "vote", e->as.ballot.vote);
		put_text(out, "vote_id", e->as.ballot.vote_id);
		put_text(out, "participant", e->as.ballot.participant);
		put_text(out, "reason", e->as.ballot.reason);
		fprintf(out, "choices=%d[", e->as.ballot.n_choices);
		for (int i = 0; i < e->as.ballot.n_choices; i++)
			fprintf(out, "%d,", e->as.ballot.choices[i]);
		fputs("];", out);
		break;
	case EVENT_WITHDRAW:
		put_text(out, "vote", e->as.withdraw.vote);
		put_text(out, "vote_id", e->as.withdraw.vote_id);
		put_text(out, "participant", e->as.withdraw.participant);
		break;
	case EVENT_COUNTS:
		put_text(out, "vote", e->as.counts.vote);
		put_text(out, "vote_id", e->as.counts.vote_id);
		fprintf(out, "counts=%d[", e->as.counts.n_counts);
		for (int i = 0; i < e->as.counts.n_counts; i++)
			fprintf(out, "%ld,", e->as.counts.counts[i]);
		fputs("];", out);
		break;
	case EVENT_RECOMMENDATION:
		put_text(out, "id", e->as.recommendation.id);
		put_text(out, "item", e->as.recommendation.item);
		put_text(out, "text", e->as.recommendation.text);
		break;
	case EVENT_CONSENT:
		put_text(out, "participant", e->as.consent.participant);
		fprintf(out, "quotes=%d;", e->as.consent.quotes);
		break;
	case EVENT_LEAD:
		put_text(out, "leader", e->as.lead.leader);
		put_text(out, "from", e->as.lead.from);
		fprintf(out, "taken=%d;", e->as.lead.taken);
		break;
	case EVENT_ERASURE: {
		const struct event_erasure *x = &e->as.erasure;
		put_text(out, "scope", x->scope);
		put_text(out, "participant", x->participant);
		fprintf(out, "n=%lld,%lld,%lld,%lld;", (long long)x->contributions, (long long)x->events,
			(long long)x->ballots, (long long)x->rewritten);
		put_text(out, "by", x->by);
		break;
	}
	case EVENT_UNKNOWN: break;
	}
}

/* What decoding gives: the result, the problem and, when decoded, every field. */
static char *outcome(const char *type, const char *payload)
{
	struct event e;
	char problem[128];
	memset(problem, 'x', sizeof problem);
	enum event_decoded r = event_decode(type, payload, strlen(payload), &e, problem, sizeof problem);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	fprintf(out, "%d|%s|", (int)r, problem);
	if (r == EVENT_DECODED) {
		describe(out, &e);
		event_free(&e);
	}
	fclose(out);
	return text;
}

/* The line of the results file for one payload: the result and 8 hex digits of the
 * digest of the whole outcome. */
static void result_line(const char *outcome_text, char line[16])
{
	struct sha1 ctx;
	unsigned char digest[SHA1_DIGEST_LEN];
	sha1_init(&ctx);
	sha1_update(&ctx, outcome_text, strlen(outcome_text));
	sha1_final(&ctx, digest);
	snprintf(line, 16, "%c %02x%02x%02x%02x", outcome_text[0], digest[0], digest[1], digest[2], digest[3]);
}

struct run {
	FILE *write_to;               /* EVENT_DECODE_OUT, or NULL */
	char *expected;               /* the results file */
	const char *at;               /* its next line */
	int cases, differ;
};

static void check(struct run *run, const char *type, const char *payload)
{
	char *got = outcome(type, payload);
	char line[16];
	result_line(got, line);
	run->cases++;
	if (run->write_to) {
		fprintf(run->write_to, "%s\n", line);
	} else {
		const char *nl = run->at ? strchr(run->at, '\n') : NULL;
		bool same = nl && (size_t)(nl - run->at) == strlen(line) && memcmp(run->at, line, strlen(line)) == 0;
		if (!same && run->differ++ < 10)
			print_error("payload %d (%s) %s\n  gave %s (%s), the build before %.*s\n", run->cases, type, payload,
				line, got, nl ? (int)(nl - run->at) : 3, nl ? run->at : "end");
		run->at = nl ? nl + 1 : NULL;
	}
	free(got);
}

static void check_base(struct run *run, const struct base *b, uint64_t seed)
{
	const struct render plain = { .replace = -1, .drop = -1, .twice = -1, .escape = -1 };
	int n = n_members(b);
	char *text = render(b, &plain);
	check(run, b->type, text);
	for (int i = 0; i < n; i++) {
		for (int v = 0; v < N_VALUES; v++) {
			struct render r = plain;
			r.replace = i;
			r.with = values[v];
			char *t = render(b, &r);
			check(run, b->type, t);
			free(t);
		}
		static const char *const again[] = { "null", "\"second\"", "5", "[\"z\"]", "{}" };
		for (int k = 0; k < 5; k++) {
			struct render r = plain;
			r.twice = i;
			r.again = again[k];
			char *t = render(b, &r);
			check(run, b->type, t);
			free(t);
		}
		struct render r = plain;
		r.drop = i;
		char *t = render(b, &r);
		check(run, b->type, t);
		free(t);
		r = plain;
		r.escape = i;
		t = render(b, &r);
		check(run, b->type, t);
		free(t);
	}
	static const char *const extras[] = { "null", "[1,{\"a\":[\"b\",{}]}]", "{\"text\":\"inner\"}", "\"\\u00e9\"" };
	for (int k = 0; k < 4; k++) {
		struct render r = plain;
		r.extra = extras[k];
		r.spaces = k % 2 == 1;
		char *t = render(b, &r);
		check(run, b->type, t);
		free(t);
	}
	uint64_t state = seed;
	for (int k = 0; k < 60; k++) {
		char *t = damage(text, &state);
		check(run, b->type, t);
		if (k % 3 == 0) { /* twice damaged */
			char *t2 = damage(t, &state);
			check(run, b->type, t2);
			free(t2);
		}
		free(t);
	}
	free(text);
}

static void test_decoder_gives_what_the_build_before_gave(void **state)
{
	(void)state;
	struct run run = { 0 };
	const char *write_to = getenv("EVENT_DECODE_OUT");
	if (write_to) {
		run.write_to = fopen(write_to, "w");
		assert_non_null(run.write_to);
	} else {
		run.expected = test_read_file("tests/fixtures/event-decode-results.txt");
		assert_non_null(run.expected);
		run.at = run.expected;
	}
	for (int i = 0; i < (int)(sizeof bases / sizeof bases[0]); i++)
		check_base(&run, &bases[i], 0x9e3779b97f4a7c15u * (uint64_t)(i + 1));
	/* Documents that are not objects, and nesting at and past JSON_DEPTH_MAX. */
	static const char *const others[] = { "", " ", "null", "[]", "\"text\"", "7", "{}", "{} {}", "{}x", "{\"a\":1,}",
		"{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "\xef\xbb\xbf{}", "{\"text\":\"a\"}\n\t\r " };
	for (int i = 0; i < (int)(sizeof others / sizeof others[0]); i++)
		for (int t = 0; t < 3; t++)
			check(&run, t == 0 ? "contribution" : t == 1 ? "session.start" : "vote.open", others[i]);
	for (int depth = JSON_DEPTH_MAX - 2; depth <= JSON_DEPTH_MAX + 1; depth++) {
		char payload[4 * JSON_DEPTH_MAX + 64];
		size_t n = (size_t)snprintf(payload, sizeof payload, "{\"title\":\"t\",\"x\":");
		for (int d = 1; d < depth; d++)
			payload[n++] = '[';
		for (int d = 1; d < depth; d++)
			payload[n++] = ']';
		payload[n++] = '}';
		payload[n] = '\0';
		check(&run, "session.start", payload);
	}
	if (run.write_to) {
		fclose(run.write_to);
	} else {
		if (run.differ)
			print_error("%d of %d payloads decode differently from the build before\n", run.differ, run.cases);
		assert_int_equal(run.differ, 0);
		assert_null(run.at && *run.at ? run.at : NULL); /* no line left over */
		free(run.expected);
	}
	assert_true(run.cases > 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decoder_gives_what_the_build_before_gave),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
