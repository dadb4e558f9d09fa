/* capture: see capture.h. One typed line in, one struct capture_line (or a message) out.
 *
 * Owns nothing beyond what it hands to the caller. Never looks at a session, a store or
 * the screen; never prints. White space means ASCII space, tab, CR, LF, VT and FF: other
 * characters (control characters, non-ASCII spaces) are text and are kept as typed.
 * The grammar is docs/capture.md; keep the two in step. */
#include "sessions/capture.h"

#include "config/textscan.h"

#include "config/suggest.h"
#include "sessions/errmsg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
	ECHO_MAX = 40,          /* bytes of the user's text repeated in a message */
	COUNT_VALUE_MAX = 1000000,
	EXTEND_MINUTES_MAX = AGENDA_MINUTES_MAX,
	SEQ_DIGITS_MAX = 18,    /* fits an int64_t */
	CAPTURE_TAGS_MAX = 32,  /* different codes in one line: more is a mistake, not a note */
	MATCH_AMBIGUOUS = -2,
	MATCH_NONE = -1,
};

/* Every kind's word, then its Dutch word: word i is kind i % KIND_COUNT. A Dutch word is
 * typed as the English one (!obstakel is !obstacle) and recorded as that (docs/capture.md,
 * "Dutch words"). */
#define KIND_WORD(name, word) [KIND_##name] = #word,
static const char *const kind_words[2 * KIND_COUNT] = { CONTRIBUTION_KINDS(KIND_WORD)
	[KIND_COUNT + KIND_EXPERIENCE] = "ervaring", [KIND_COUNT + KIND_OBSTACLE] = "obstakel",
	[KIND_COUNT + KIND_SUCCESS] = "succes", [KIND_COUNT + KIND_IDEA] = "idee",
	[KIND_COUNT + KIND_RECOMMENDATION] = "aanbeveling", [KIND_COUNT + KIND_QUESTION] = "vraag",
	[KIND_COUNT + KIND_QUOTE] = "citaat", [KIND_COUNT + KIND_NOTE] = "notitie",
};
#undef KIND_WORD

/* One table for every command: name, usage (for help and messages), and how its
 * arguments are read. */
enum arg_form {
	ARGS_NONE,      /* no arguments */
	ARGS_ID,        /* exactly one word */
	ARGS_PARTICIPANT, /* ID [NAME...] */
	ARGS_POLL,      /* TYPE "QUESTION" OPTION | ... */
	ARGS_EXTEND,    /* [+|-]MINUTES */
	ARGS_SEQ,       /* SEQ */
	ARGS_SEQ_TEXT,  /* SEQ TEXT */
	ARGS_TEXT,      /* TEXT */
	ARGS_CONSENT,   /* ID quotes yes|no */
	ARGS_ID_TEXT,   /* ID TEXT */
};

static const struct {
	const char *name;
	const char *usage;
	enum arg_form form;
	bool final;     /* cannot be undone: the full name only */
	bool leads;     /* the leading console's (capture_command_leads()) */
} commands[CMD_COUNT] = {
	[CMD_NEXT] = { "next", "/next  go to the next agenda item", ARGS_NONE, .leads = true },
	[CMD_PREV] = { "prev", "/prev  go back to the previous agenda item", ARGS_NONE, .leads = true },
	[CMD_ITEM] = { "item", "/item ID  go to agenda item ID (or its number, 1, 2 ...)", ARGS_ID, .leads = true },
	[CMD_PARTICIPANT] = { "participant",
		"/participant ID [NAME...]  add a participant who joined during the session",
		ARGS_PARTICIPANT },
	[CMD_VOTE] = { "vote", "/vote ID  open vote ID of the current item", ARGS_ID, .leads = true },
	[CMD_CLOSE] = { "close", "/close  close the open vote and show its result", ARGS_NONE, .leads = true },
	[CMD_UNDO] = { "undo", "/undo  take back the last thing done at this console, one at a time", ARGS_NONE },
	[CMD_END] = { "end", "/end  end the session for every console (cannot be undone: the full word)", ARGS_NONE,
		true, true },
	[CMD_QUIT] = { "quit", "/quit  leave this console; the session stays open", ARGS_NONE },
	[CMD_POLL] = { "poll",
		"/poll TYPE \"QUESTION\" OPTION | OPTION | ...  start a vote that is not on the agenda",
		ARGS_POLL, .leads = true },
	[CMD_EXTEND] = { "extend",
		"/extend [+|-]MINUTES  give the current item more (+) or less (-) time, 1 to 600 minutes",
		ARGS_EXTEND, .leads = true },
	[CMD_EDIT] = { "edit", "/edit N [ID:] TEXT  change entry N: ID: who spoke, new text, !kind, #code adds, -#code removes",
		ARGS_SEQ_TEXT },
	[CMD_RETRACT] = { "retract", "/retract N  withdraw entry N (the number on its log row)", ARGS_SEQ },
	[CMD_MOVE_ENTRY] = { "move", "/move N ITEM  put entry N on agenda item ITEM (its id or number), where it was said",
		ARGS_SEQ_TEXT },
	[CMD_RECOMMEND] = { "recommend", "/recommend TEXT  record a recommendation for the current item",
		ARGS_TEXT },
	[CMD_CONSENT] = { "consent",
		"/consent ID quotes yes|no  participant ID gives or withdraws consent to be quoted",
		ARGS_CONSENT },
	[CMD_BALLOT] = { "ballot", "/ballot ID BALLOT  record BALLOT as ID's ballot on the open vote", ARGS_ID_TEXT },
	[CMD_WITHDRAW] = { "withdraw", "/withdraw ID  take back ID's ballot on the open vote", ARGS_ID },
	[CMD_REOPEN] = { "reopen", "/reopen ID  open closed vote ID of the current item again", ARGS_ID,
		.leads = true },
	[CMD_HANDOVER] = { "handover", "/handover NAME  pass the lead to console NAME (open on this session)", ARGS_ID,
		.leads = true },
	[CMD_LEAD] = { "lead", "/lead  take the lead when the leading console is not open any more", ARGS_NONE },
};

static const struct capture_form forms[] = {
	{ "E03: TEXT", "a contribution by E03 (any participant id)" },
	{ "TEXT", "a note without a speaker" },
	{ "!kind", "the kind: experience, obstacle, success, idea, recommendation, question, quote, note" },
	{ "#code", "a code from the codebook (several are fine)" },
	{ "E03: 2", "while a vote is open: E03's ballot (single, scale: one number)" },
	{ "E03: 4 1", "multi: the options; dots: one number per dot; rank: in order of preference" },
	{ "E03: straks", "an option's whole label is that option (but for a scale)" },
	{ "E03: block REASON", "consent: agree, abstain, disagree (or object) or block (a reason for the last two)" },
	{ "E03: !note 2", "a !kind makes it a contribution, even while a vote is open" },
	{ "= 5 3 1", "counts for an anonymous vote (show of hands), one per option" },
};

const struct capture_form *capture_forms(int *n)
{
	*n = (int)(sizeof forms / sizeof forms[0]);
	return forms;
}

bool capture_command_final(enum capture_command command)
{
	return (int)command >= 0 && (int)command < CMD_COUNT && commands[command].final;
}

bool capture_command_leads(enum capture_command command)
{
	return (int)command >= 0 && (int)command < CMD_COUNT && commands[command].leads;
}

static const char *const consent_names[CONSENT_COUNT] = { "agree", "abstain", "disagree", "block" };
/* "disagree (object)" (docs/votes.md): what a facilitator asks ("who objects?") is a
 * position too, as a whole word only, never by its start. */
static const struct {
	const char *word;
	enum consent_position position;
} consent_aliases[] = { { "object", CONSENT_DISAGREE } };

/* ---- small helpers ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_id_char(char c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
}

/* The length of the letter of the Latin script with a diacritic that starts p (at most n
 * bytes): U+00C0-U+024F in UTF-8 but the signs x and / of that block; 0 for anything else.
 * Such a letter typed in a code (#wonén) belongs to it, so that the code is refused whole
 * with the code meant, and not cut before the letter (as "#won"). */
static size_t latin_accented_len(const char *p, size_t n)
{
	unsigned char lead = (unsigned char)p[0];
	if (n < 2 || lead < 0xC3 || lead > 0xC9 || ((unsigned char)p[1] & 0xC0) != 0x80)
		return 0;
	if (lead == 0xC3 && ((unsigned char)p[1] == 0x97 || (unsigned char)p[1] == 0xB7))
		return 0; /* U+00D7 and U+00F7 */
	return 2;
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* A span of bytes inside the line being parsed. */
struct span {
	const char *p;
	size_t n;
};

static struct span span_trim(struct span s)
{
	while (s.n > 0 && is_space(s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && is_space(s.p[s.n - 1]))
		s.n--;
	return s;
}

/* The next white-space-separated word of *rest (empty when none); *rest moves past it. */
static struct span span_word(struct span *rest)
{
	*rest = span_trim(*rest);
	size_t n = 0;
	while (n < rest->n && !is_space(rest->p[n]))
		n++;
	struct span word = { rest->p, n };
	rest->p += n;
	rest->n -= n;
	return word;
}

/* How many bytes of s to echo in a message: at most ECHO_MAX, never splitting a
 * UTF-8 sequence. */
static int echo_len(struct span s)
{
	if (s.n <= ECHO_MAX)
		return (int)s.n;
	size_t n = ECHO_MAX;
	while (n > 0 && ((unsigned char)s.p[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static char *span_dup(struct span s)
{
	char *copy = malloc(s.n + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s.p, s.n);
	copy[s.n] = '\0';
	return copy;
}

/* Counts characters (UTF-8 lead bytes) from the start of a line to successive places
 * in it, so that columns of many places cost one pass. */
struct column_cursor {
	const char *at;
	int column;  /* 1-based column of *at */
};

static int column_at(struct column_cursor *cursor, const char *place)
{
	for (; cursor->at < place; cursor->at++)
		if (((unsigned char)*cursor->at & 0xC0) != 0x80)
			cursor->column++;
	return cursor->column;
}

static int char_column(const char *line, size_t offset)
{
	struct column_cursor cursor = { line, 1 };
	return column_at(&cursor, line + offset);
}

/* Case-insensitive exact name, or a start of names that all mean one thing, in
 * names[0..count), where name i means i % meanings (a plain list: meanings == count; a
 * table of synonyms: each meaning's name, then further rows in the same order). Returns
 * the meaning, MATCH_NONE, or MATCH_AMBIGUOUS (then *matches lists the first names of
 * the meanings it could be, ", "-separated). */
static int match_name(const char *const *names, int count, int meanings, struct span word,
	char *matches, size_t matches_len)
{
	int found = MATCH_NONE, n_found = 0;
	unsigned long long seen = 0; /* the meanings a start matched so far */
	if (matches_len > 0)
		matches[0] = '\0';
	if (word.n == 0 || meanings > 64)
		return MATCH_NONE;
	for (int i = 0; i < count; i++) {
		size_t len = strlen(names[i]);
		if (word.n > len)
			continue;
		size_t k = 0;
		while (k < word.n && to_lower(word.p[k]) == names[i][k])
			k++;
		if (k < word.n)
			continue;
		if (k == len)
			return i % meanings;
		if (seen & (1ull << (i % meanings)))
			continue;
		seen |= 1ull << (i % meanings);
		if (matches_len > 0) {
			size_t used = strlen(matches);
			snprintf(matches + used, matches_len - used, "%s%s", n_found ? ", " : "", names[i % meanings]);
		}
		found = i % meanings;
		n_found++;
	}
	return n_found > 1 ? MATCH_AMBIGUOUS : found;
}
_Static_assert(CMD_COUNT <= 64 && KIND_COUNT <= 64 && CONSENT_COUNT <= 64, "match_name() tells 64 meanings apart");

/* Which of consent_aliases word is, in any case; -1 for none. */
static int consent_alias(struct span word)
{
	for (int a = 0; a < (int)(sizeof consent_aliases / sizeof consent_aliases[0]); a++) {
		const char *alias = consent_aliases[a].word;
		size_t k = 0;
		if (word.n != strlen(alias))
			continue;
		while (k < word.n && to_lower(word.p[k]) == alias[k])
			k++;
		if (k == word.n)
			return a;
	}
	return -1;
}

/* The consent position a ballot's first word names: one of consent_names or a unique
 * start of one (match_name()), or a whole alias. */
static int consent_word(struct span word, char *matches, size_t matches_len)
{
	int a = consent_alias(word);
	return a >= 0 ? (int)consent_aliases[a].position : match_name(consent_names, CONSENT_COUNT, CONSENT_COUNT, word, matches, matches_len);
}

static void list_names(const char *const *names, int count, const char *prefix,
	char *out, size_t outlen)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < count && used < outlen; i++) {
		snprintf(out + used, outlen - used, "%s%s%s", i ? ", " : "", prefix, names[i]);
		used = strlen(out);
	}
}

/* The name of names nearest to word, for "did you mean", or NULL. */
static const char *nearest_name(struct span word, const char *const *names, int count)
{
	char lower[64];
	if (word.n >= sizeof lower)
		return NULL;
	for (size_t i = 0; i < word.n; i++)
		lower[i] = to_lower(word.p[i]);
	lower[word.n] = '\0';
	return suggest_nearest(lower, names, (size_t)count);
}

/* Parses a whole span as a decimal number with an optional sign (when allowed).
 * False when it is not one or does not fit a long. */
static bool parse_long(struct span s, bool signed_ok, long *out)
{
	size_t i = 0;
	if (signed_ok && s.n > 1 && (s.p[0] == '+' || s.p[0] == '-'))
		i = 1;
	if (i == s.n)
		return false;
	for (size_t k = i; k < s.n; k++)
		if (!is_digit(s.p[k]))
			return false;
	char buf[24];
	if (s.n >= sizeof buf)
		return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	errno = 0;
	long value = strtol(buf, NULL, 10);
	if (errno == ERANGE)
		return false;
	*out = value;
	return true;
}

/* /extend's amount: minutes with + or - in front or not, and a unit after the number or
 * not (5, +5, -5, 5m, 5 min, 10 minutes, 10 minuten; 1h, 2 uur: hours), into *minutes. */
static bool parse_extend(struct span s, long *minutes)
{
	static const char *const units[] = { "", "m", "min", "mins", "minute", "minutes", "minuut", "minuten",
		"h", "hr", "hour", "hours", "uur" };
	enum { FIRST_HOUR_UNIT = 8 };
	size_t digits = s.n > 0 && (s.p[0] == '+' || s.p[0] == '-');
	while (digits < s.n && is_digit(s.p[digits]))
		digits++;
	struct span unit = span_trim((struct span){ s.p + digits, s.n - digits });
	if (!parse_long((struct span){ s.p, digits }, true, minutes))
		return false;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strlen(units[i]) == unit.n && strncasecmp(units[i], unit.p, unit.n) == 0) {
			if (i >= FIRST_HOUR_UNIT && (*minutes > EXTEND_MINUTES_MAX || *minutes < -EXTEND_MINUTES_MAX))
				return false;
			*minutes *= i >= FIRST_HOUR_UNIT ? 60 : 1;
			return true;
		}
	return false;
}

/* ---- names ---- */

const char *contribution_kind_name(enum contribution_kind kind)
{
	return ((int)kind >= 0 && (int)kind < KIND_COUNT) ? kind_words[kind] : "?";
}

const char *contribution_kind_name_nl(enum contribution_kind kind)
{
	return ((int)kind >= 0 && (int)kind < KIND_COUNT) ? kind_words[KIND_COUNT + kind] : "?";
}

bool contribution_kind_parse(const char *text, enum contribution_kind *out)
{
	struct span word = { text, strlen(text) };
	int i = match_name(kind_words, 2 * KIND_COUNT, KIND_COUNT, word, NULL, 0);
	if (i < 0)
		return false;
	*out = (enum contribution_kind)i;
	return true;
}

const char *capture_consent_name(enum consent_position position)
{
	return ((int)position >= 0 && (int)position < CONSENT_COUNT) ? consent_names[position] : "?";
}

const char *capture_command_name(enum capture_command command)
{
	return ((int)command >= 0 && (int)command < CMD_COUNT) ? commands[command].name : "?";
}

const char *capture_command_usage(enum capture_command command)
{
	return ((int)command >= 0 && (int)command < CMD_COUNT) ? commands[command].usage : "?";
}

/* ---- freeing ---- */

void capture_line_free(struct capture_line *line)
{
	if (!line)
		return;
	free(line->body);
	free(line->text);
	for (int i = 0; i < line->n_tags; i++)
		free(line->tags[i].code);
	free(line->tags);
	free(line->counts);
	for (int i = 0; i < line->n_args; i++)
		free(line->args[i]);
	memset(line, 0, sizeof *line);
	line->kind = KIND_NOTE;
}

/* ---- text: [ID:] words with !kind and #code markers ---- */

enum word_class { WORD_PLAIN, WORD_KIND, WORD_TAG, WORD_TAG_PART };

/* What a word is: a !kind marker ('!' then a letter), a #code marker ('#' then a letter;
 * WORD_TAG when the code runs to the end of the word, WORD_TAG_PART when more follows,
 * as in "#work,"), or plain text. *code_len is the length of the code after '#', with the
 * accented Latin letters typed in it (latin_accented_len()). */
static enum word_class word_classify(struct span word, size_t *code_len)
{
	if (word.n < 2 || !is_alpha(word.p[1]))
		return WORD_PLAIN;
	if (word.p[0] == '!')
		return WORD_KIND;
	if (word.p[0] != '#')
		return WORD_PLAIN;
	size_t n = 1;
	while (n < word.n) {
		size_t accented = latin_accented_len(word.p + n, word.n - n);
		if (accented)
			n += accented;
		else if (is_id_char(word.p[n]))
			n++;
		else
			break;
	}
	*code_len = n - 1;
	return n == word.n ? WORD_TAG : WORD_TAG_PART;
}

static bool add_tag(struct capture_line *out, struct span code, int column)
{
	char *lower = span_dup(code);
	if (!lower)
		return false;
	for (char *c = lower; *c; c++) {
		*c = to_lower(*c);
		/* the capitals of U+00C0-U+00DE (latin_accented_len()) as their small letters */
		if ((unsigned char)c[0] == 0xC3 && c[1] && (unsigned char)c[1] >= 0x80 && (unsigned char)c[1] <= 0x9E)
			*++c += 0x20;
	}
	for (int i = 0; i < out->n_tags; i++) {
		if (strcmp(out->tags[i].code, lower) == 0) {
			free(lower);
			return true;
		}
	}
	struct capture_tag *tags = realloc(out->tags, (size_t)(out->n_tags + 1) * sizeof *tags);
	if (!tags) {
		free(lower);
		return false;
	}
	out->tags = tags;
	out->tags[out->n_tags++] = (struct capture_tag){ .code = lower, .column = column };
	return true;
}

static bool set_kind(struct capture_line *out, struct span word, char *err, size_t errlen)
{
	struct span name = { word.p + 1, word.n - 1 };
	char matches[128], all[160];
	int i = match_name(kind_words, 2 * KIND_COUNT, KIND_COUNT, name, matches, sizeof matches);
	list_names(kind_words, KIND_COUNT, "", all, sizeof all);
	if (i == MATCH_AMBIGUOUS)
		return errmsg_fail(err, errlen, "ambiguous kind %.*s: could be %s (kinds: %s)",
			echo_len(word), word.p, matches, all);
	const char *guess = nearest_name(name, kind_words, 2 * KIND_COUNT); /* ervaringen: ervaring */
	if (i == MATCH_NONE && guess)
		return errmsg_fail(err, errlen, "unknown kind %.*s (did you mean !%s? kinds: %s)",
			echo_len(word), word.p, guess, all);
	if (i == MATCH_NONE)
		return errmsg_fail(err, errlen, "unknown kind %.*s (kinds: %s)", echo_len(word), word.p, all);
	if (out->kind_given && out->kind != (enum contribution_kind)i)
		return errmsg_fail(err, errlen, "two kinds in one line: !%s and !%s; give one",
			kind_words[out->kind], kind_words[i]);
	out->kind = (enum contribution_kind)i;
	out->kind_given = true;
	return true;
}

/* Reads the markers of body into out (kind, tags) and builds out->text from body:
 * markers at either end are dropped with the white space beside them, a !kind in
 * the middle is dropped with the white space after it, a #code in the middle loses
 * only its '#'. Everything else is copied byte for byte. */
static bool parse_text(const char *line, struct span body, struct capture_line *out,
	char *err, size_t errlen)
{
	const char *first = NULL, *last_end = NULL;
	struct column_cursor cursor = { line, 1 };
	struct span rest = body;
	for (struct span word = span_word(&rest); word.n > 0; word = span_word(&rest)) {
		size_t code_len = 0;
		enum word_class class = word_classify(word, &code_len);
		if (class == WORD_KIND && !set_kind(out, word, err, errlen))
			return false;
		if (class == WORD_TAG || class == WORD_TAG_PART) {
			struct span code = { word.p + 1, code_len };
			if (!add_tag(out, code, column_at(&cursor, word.p)))
				return errmsg_fail(err, errlen, "out of memory");
			if (out->n_tags > CAPTURE_TAGS_MAX)
				return errmsg_fail(err, errlen, "more than %d different codes in one line", CAPTURE_TAGS_MAX);
		}
		if (class == WORD_KIND || class == WORD_TAG)
			continue;
		if (!first)
			first = word.p;
		last_end = word.p + word.n;
	}
	if (!first)
		return errmsg_fail(err, errlen, "%s%snothing to record", out->speaker, out->speaker[0] ? ": " : "");

	char *text = malloc((size_t)(last_end - first) + 1);
	if (!text)
		return errmsg_fail(err, errlen, "out of memory");
	size_t n = 0;
	const char *p = first;
	while (p < last_end) {
		if (is_space(*p)) {
			text[n++] = *p++;
			continue;
		}
		struct span word = { p, 0 };
		while (p + word.n < last_end && !is_space(p[word.n]))
			word.n++;
		size_t code_len;
		enum word_class class = word_classify(word, &code_len);
		p += word.n;
		if (class == WORD_KIND) {
			while (p < last_end && is_space(*p))
				p++;
			continue;
		}
		size_t skip = (class == WORD_TAG || class == WORD_TAG_PART) ? 1 : 0;
		memcpy(text + n, word.p + skip, word.n - skip);
		n += word.n - skip;
	}
	text[n] = '\0';
	out->text = text;
	return true;
}

/* "ID:" followed by white space or the end: the length of ID, or 0 when the line does
 * not start with a speaker. */
static size_t speaker_len(struct span s)
{
	size_t n = 0;
	while (n < s.n && n <= AGENDA_ID_MAX && is_id_char(s.p[n]))
		n++;
	if (n == 0 || n > AGENDA_ID_MAX || n >= s.n || s.p[n] != ':')
		return 0;
	if (n + 1 < s.n && !is_space(s.p[n + 1]))
		return 0;
	return n;
}

size_t capture_speaker(const char *text, size_t len, char id[AGENDA_ID_MAX + 1])
{
	struct span s = { text, len };
	size_t n = speaker_len(s);
	if (n == 0)
		return 0;
	memcpy(id, text, n);
	id[n] = '\0';
	n++; /* the colon */
	while (n < len && is_space(text[n]))
		n++;
	return n;
}

size_t capture_glued_speaker(const char *line, size_t len, char id[AGENDA_ID_MAX + 1])
{
	struct span s = span_trim((struct span){ line, len });
	size_t n = 0;
	while (n < s.n && n <= AGENDA_ID_MAX && is_id_char(s.p[n]))
		n++;
	if (n == 0 || n > AGENDA_ID_MAX || n + 1 >= s.n || s.p[n] != ':' || is_space(s.p[n + 1]))
		return 0;
	memcpy(id, s.p, n);
	id[n] = '\0';
	return (size_t)(s.p - line) + n;
}

static bool parse_contribution(const char *line, struct span s, struct capture_line *out,
	char *err, size_t errlen)
{
	out->type = CAPTURE_TEXT;
	out->kind = KIND_NOTE;
	size_t id = speaker_len(s);
	if (id > 0) {
		memcpy(out->speaker, s.p, id);
		out->speaker[id] = '\0';
		s.p += id + 1;
		s.n -= id + 1;
		s = span_trim(s);
	}
	if (s.n == 0)
		return errmsg_fail(err, errlen, "%s: nothing to record", out->speaker);
	out->body = span_dup(s);
	if (!out->body)
		return errmsg_fail(err, errlen, "out of memory");
	return parse_text(line, s, out, err, errlen);
}

/* ---- "= n1 n2 ..." ---- */

static bool parse_counts(struct span s, struct capture_line *out, char *err, size_t errlen)
{
	out->type = CAPTURE_COUNTS;
	struct span rest = { s.p + 1, s.n - 1 }; /* after '=' */
	size_t max = rest.n / 2 + 1;
	out->counts = malloc(max * sizeof *out->counts);
	if (!out->counts)
		return errmsg_fail(err, errlen, "out of memory");
	for (struct span word = span_word(&rest); word.n > 0; word = span_word(&rest)) {
		long value;
		if (!parse_long(word, false, &value) || value > COUNT_VALUE_MAX)
			return errmsg_fail(err, errlen,
				"counts: \"%.*s\" is not a count; give whole numbers from 0 to %d, one per option, as in \"= 5 3 0\"",
				echo_len(word), word.p, COUNT_VALUE_MAX);
		out->counts[out->n_counts++] = value;
	}
	if (out->n_counts == 0)
		return errmsg_fail(err, errlen, "counts: give one number per option after =, as in \"= 5 3 0\"");
	return true;
}

/* ---- "/command args" ---- */

static void command_name_list(const char *names[CMD_COUNT])
{
	for (int i = 0; i < CMD_COUNT; i++)
		names[i] = commands[i].name;
}

/* "/next, /prev, ..." for messages. */
static void command_list(char *out, size_t outlen)
{
	const char *names[CMD_COUNT];
	command_name_list(names);
	list_names(names, CMD_COUNT, "/", out, outlen);
}

static bool unknown_command(struct span name, char *err, size_t errlen)
{
	const char *names[CMD_COUNT];
	command_name_list(names);
	const char *guess = nearest_name(name, names, CMD_COUNT);
	if (guess)
		return errmsg_fail(err, errlen, "unknown command /%.*s (did you mean /%s?)", echo_len(name), name.p, guess);
	char all[200];
	command_list(all, sizeof all);
	return errmsg_fail(err, errlen, "unknown command /%.*s (commands: %s)", echo_len(name), name.p, all);
}

static bool usage(enum capture_command command, char *err, size_t errlen)
{
	return errmsg_fail(err, errlen, "usage: %s", commands[command].usage);
}

static bool add_arg(struct capture_line *out, struct span s, char *err, size_t errlen)
{
	if (out->n_args >= CAPTURE_ARGS_MAX)
		return errmsg_fail(err, errlen, "too many arguments: at most %d", CAPTURE_ARGS_MAX);
	out->args[out->n_args] = span_dup(s);
	if (!out->args[out->n_args])
		return errmsg_fail(err, errlen, "out of memory");
	out->n_args++;
	return true;
}

static bool valid_id(struct span s)
{
	if (s.n == 0 || s.n > AGENDA_ID_MAX)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (!is_id_char(s.p[i]))
			return false;
	return true;
}

static bool valid_seq(struct span s)
{
	bool nonzero = false;
	if (s.n == 0 || s.n > SEQ_DIGITS_MAX)
		return false;
	for (size_t i = 0; i < s.n; i++) {
		if (!is_digit(s.p[i]))
			return false;
		nonzero = nonzero || s.p[i] != '0';
	}
	return nonzero;
}

/* TYPE "QUESTION" OPTION | OPTION | ... */
static bool parse_poll(struct span rest, struct capture_line *out, char *err, size_t errlen)
{
	struct span type = span_word(&rest);
	rest = span_trim(rest);
	if (type.n == 0 || rest.n == 0 || rest.p[0] != '"')
		return usage(CMD_POLL, err, errlen);
	const char *close = memchr(rest.p + 1, '"', rest.n - 1);
	if (!close)
		return errmsg_fail(err, errlen, "poll: the question needs a closing \"; %s", commands[CMD_POLL].usage);
	struct span question = span_trim((struct span){ rest.p + 1, (size_t)(close - rest.p - 1) });
	if (question.n == 0)
		return errmsg_fail(err, errlen, "poll: the question is empty; %s", commands[CMD_POLL].usage);
	if (!add_arg(out, type, err, errlen) || !add_arg(out, question, err, errlen))
		return false;
	rest = span_trim((struct span){ close + 1, (size_t)(rest.p + rest.n - close - 1) });
	int number = 0;
	while (rest.n > 0) {
		const char *bar = memchr(rest.p, '|', rest.n);
		size_t n = bar ? (size_t)(bar - rest.p) : rest.n;
		struct span option = span_trim((struct span){ rest.p, n });
		number++;
		if (option.n == 0)
			return errmsg_fail(err, errlen, "poll: option %d is empty; separate options with |", number);
		if (number > AGENDA_OPTIONS_MAX)
			return errmsg_fail(err, errlen, "poll: at most %d options", AGENDA_OPTIONS_MAX);
		if (!add_arg(out, option, err, errlen))
			return false;
		if (!bar)
			break;
		rest = (struct span){ bar + 1, rest.n - n - 1 };
		if (rest.n == 0 || span_trim(rest).n == 0)
			return errmsg_fail(err, errlen, "poll: option %d is empty; separate options with |", number + 1);
	}
	return true;
}

static bool parse_args(enum capture_command command, struct span rest, struct capture_line *out,
	char *err, size_t errlen)
{
	rest = span_trim(rest);
	struct span first = span_word(&rest);
	rest = span_trim(rest);
	long minutes;
	switch (commands[command].form) {
	case ARGS_NONE:
		return first.n == 0 ? true : usage(command, err, errlen);
	case ARGS_ID:
		if (first.n == 0 || rest.n > 0)
			return usage(command, err, errlen);
		return add_arg(out, first, err, errlen);
	case ARGS_PARTICIPANT:
		if (first.n == 0)
			return usage(command, err, errlen);
		if (!valid_id(first))
			return errmsg_fail(err, errlen, "participant: the id \"%.*s\" must be 1 to %d letters, digits, _ or -",
				echo_len(first), first.p, AGENDA_ID_MAX);
		return add_arg(out, first, err, errlen) && (rest.n == 0 || add_arg(out, rest, err, errlen));
	case ARGS_POLL:
		return parse_poll((struct span){ first.p, (size_t)(rest.p + rest.n - first.p) }, out, err, errlen);
	case ARGS_EXTEND: {
		struct span all = { first.p, (size_t)(rest.p + rest.n - first.p) };
		if (first.n == 0)
			return usage(command, err, errlen);
		if (!parse_extend(all, &minutes) || minutes == 0 || minutes < -EXTEND_MINUTES_MAX
			|| minutes > EXTEND_MINUTES_MAX)
			return errmsg_fail(err, errlen, "extend: \"%.*s\" is not a number of minutes from 1 to %d, with + or - in"
				" front (5, +5, -5, 5 min, 1h)", echo_len(all), all.p, EXTEND_MINUTES_MAX);
		if (parse_long(all, true, &minutes)) /* a number alone: as typed */
			return add_arg(out, all, err, errlen);
		char number[24]; /* with a unit: the minutes it makes */
		snprintf(number, sizeof number, "%+ld", minutes);
		return add_arg(out, (struct span){ number, strlen(number) }, err, errlen);
	}
	case ARGS_SEQ:
	case ARGS_SEQ_TEXT:
		if (first.n == 0 || (commands[command].form == ARGS_SEQ) != (rest.n == 0))
			return usage(command, err, errlen);
		if (!valid_seq(first))
			return errmsg_fail(err, errlen, "%s: \"%.*s\" is not an entry number (the number on its log row)",
				commands[command].name, echo_len(first), first.p);
		return add_arg(out, first, err, errlen) && (rest.n == 0 || add_arg(out, rest, err, errlen));
	case ARGS_TEXT:
		if (first.n == 0)
			return usage(command, err, errlen);
		return add_arg(out, (struct span){ first.p, (size_t)(rest.p + rest.n - first.p) }, err, errlen);
	case ARGS_CONSENT: {
		struct span what = span_word(&rest);
		rest = span_trim(rest);
		struct span answer = span_word(&rest);
		rest = span_trim(rest);
		if (first.n == 0 || rest.n > 0 || what.n != 6 || memcmp(what.p, "quotes", 6) != 0)
			return usage(command, err, errlen);
		if (!valid_id(first))
			return errmsg_fail(err, errlen, "consent: the id \"%.*s\" must be 1 to %d letters, digits, _ or -",
				echo_len(first), first.p, AGENDA_ID_MAX);
		bool yes = answer.n == 3 && memcmp(answer.p, "yes", 3) == 0;
		bool no = answer.n == 2 && memcmp(answer.p, "no", 2) == 0;
		if (!yes && !no)
			return usage(command, err, errlen);
		return add_arg(out, first, err, errlen) && add_arg(out, answer, err, errlen);
	}
	case ARGS_ID_TEXT:
		if (first.n == 0 || rest.n == 0)
			return usage(command, err, errlen);
		return add_arg(out, first, err, errlen) && add_arg(out, rest, err, errlen);
	}
	return usage(command, err, errlen);
}

static bool parse_command(struct span s, struct capture_line *out, char *err, size_t errlen)
{
	out->type = CAPTURE_COMMAND;
	struct span rest = { s.p + 1, s.n - 1 }; /* after '/' */
	if (rest.n == 0 || is_space(rest.p[0])) {
		char all[200];
		command_list(all, sizeof all);
		return errmsg_fail(err, errlen, "a command name must follow / (commands: %s)", all);
	}
	struct span name = span_word(&rest);
	const char *names[CMD_COUNT];
	char matches[160];
	command_name_list(names);
	int i = match_name(names, CMD_COUNT, CMD_COUNT, name, matches, sizeof matches);
	if (i == MATCH_AMBIGUOUS)
		return errmsg_fail(err, errlen, "ambiguous command /%.*s: could be %s", echo_len(name), name.p, matches);
	if (i == MATCH_NONE)
		return unknown_command(name, err, errlen);
	if (commands[i].final && name.n != strlen(commands[i].name))
		return errmsg_fail(err, errlen, "/%.*s: /%s cannot be undone, so type it in full: /%s", echo_len(name),
			name.p, commands[i].name, commands[i].name);
	out->command = (enum capture_command)i;
	return parse_args(out->command, rest, out, err, errlen);
}

bool capture_parse(const char *line, size_t len, struct capture_line *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	out->kind = KIND_NOTE;
	if (err && errlen > 0)
		err[0] = '\0';
	if (len > CAPTURE_LINE_MAX)
		return errmsg_fail(err, errlen, "line too long: %zu bytes, at most %d", len, CAPTURE_LINE_MAX);
	if (len == 0)
		return true;
	const char *nul = memchr(line, '\0', len);
	if (nul)
		return errmsg_fail(err, errlen, "NUL character in line at column %d", char_column(line, (size_t)(nul - line)));
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t n = (unsigned char)line[i] < 0x80 ? 1 : textscan_decode(line + i, len - i, &c);
		if (n == 0) /* what was typed in another encoding (Latin-1 é is 0xE9) would be stored as garbage */
			return errmsg_fail(err, errlen, "the line is not UTF-8 at column %d (byte 0x%02X): set the terminal"
				" or the file to UTF-8", char_column(line, i), (unsigned char)line[i]);
		i += n;
	}
	struct span s = span_trim((struct span){ line, len });
	bool ok = true;
	if (s.n == 0)
		out->type = CAPTURE_BLANK;
	else if (s.p[0] == '/')
		ok = parse_command(s, out, err, errlen);
	else if (s.p[0] == '=')
		ok = parse_counts(s, out, err, errlen);
	else
		ok = parse_contribution(line, s, out, err, errlen);
	if (!ok)
		capture_line_free(out);
	return ok;
}

/* ---- ballots ---- */

/* agree | abstain | disagree | block, unique prefixes, then an optional reason. */
static bool parse_consent(struct span s, const char *hint, int *position, char **reason,
	char *err, size_t errlen)
{
	struct span word = { s.p, 0 };
	while (word.n < s.n && is_alpha(s.p[word.n]))
		word.n++;
	char matches[64];
	int i = consent_word(word, matches, sizeof matches);
	struct span first = s;
	first = span_word(&first);
	if (i == MATCH_AMBIGUOUS)
		return errmsg_fail(err, errlen, "consent: \"%.*s\" could be %s; %s", echo_len(word), word.p, matches, hint);
	if (i == MATCH_NONE || (word.n < s.n && is_id_char(s.p[word.n])))
		return errmsg_fail(err, errlen, "consent: \"%.*s\" is not a position; %s", echo_len(first), first.p, hint);
	struct span rest = span_trim((struct span){ s.p + word.n, s.n - word.n });
	if (rest.n > 0 && rest.p[0] != '\0' && strchr(":,;.-", rest.p[0]))
		rest = span_trim((struct span){ rest.p + 1, rest.n - 1 });
	int alias = consent_alias(word);
	const char *named = alias >= 0 ? consent_aliases[alias].word : consent_names[i]; /* "object needs a reason" */
	if (rest.n == 0 && i >= CONSENT_DISAGREE)
		return errmsg_fail(err, errlen, "consent: %s needs a reason after it, as in \"%s the room was not asked\"",
			named, named);
	if (rest.n > 0 && reason) {
		*reason = span_dup(rest);
		if (!*reason)
			return errmsg_fail(err, errlen, "out of memory");
	}
	*position = i;
	return true;
}

/* The length of "and", "en" (Dutch) or "&" as a word at s.p[i] between two numbers of a
 * ballot ("1 and 3", "1 en 3"): white space, then a digit, on either side; 0 otherwise. */
static size_t number_joiner_at(struct span s, size_t i)
{
	static const char *const joiners[] = { "and", "en", "&" };
	/* only where a word starts as a joiner does: the look back over the white space before
	 * it then happens once per such word, not once per character of a long run of spaces */
	if (i == 0 || i >= s.n || !is_space(s.p[i - 1]) || !strchr("aAeE&", s.p[i]))
		return 0;
	size_t before = i;
	while (before > 0 && is_space(s.p[before - 1]))
		before--;
	if (before == i || before == 0 || !is_digit(s.p[before - 1]))
		return 0;
	for (size_t k = 0; k < sizeof joiners / sizeof joiners[0]; k++) {
		size_t n = strlen(joiners[k]), after = i + n;
		if (after >= s.n || strncasecmp(s.p + i, joiners[k], n) != 0 || !is_space(s.p[after]))
			continue;
		while (after < s.n && is_space(s.p[after]))
			after++;
		if (after < s.n && is_digit(s.p[after]))
			return n;
	}
	return 0;
}

/* Without the mark that ends a sentence after the last number: "E03: 4." and "E03: 4!"
 * are the ballot 4. */
static struct span ballot_sentence(struct span s)
{
	if (s.n > 1 && (s.p[s.n - 1] == '.' || s.p[s.n - 1] == '!') && is_digit(s.p[s.n - 2]))
		s.n--;
	return s;
}

/* The option (from 1) whose whole label the text is, in any case and with a mark that
 * ends a sentence after it ("E03: straks" on a poll of nu | straks | geen pauze, as the
 * voter said it); 0 for none, for a vote without options (scale, consent), and for a text
 * that starts with a digit: "E03: 2" is option 2 whatever the labels say. */
static int option_named(struct span s, const struct agenda_vote *vote)
{
	if (vote->type == VOTE_SCALE || vote->type == VOTE_CONSENT || s.n == 0 || is_digit(s.p[0]))
		return 0;
	while (s.n > 0 && strchr(".!?", s.p[s.n - 1]))
		s.n--;
	s = span_trim(s);
	for (int i = 0; s.n > 0 && i < vote->n_options; i++)
		if (strlen(vote->options[i]) == s.n && strncasecmp(vote->options[i], s.p, s.n) == 0)
			return i + 1;
	return 0;
}

/* Reads the numbers of a ballot, separated by white space or commas (or joined by "and",
 * number_joiner_at()), into choices (room for s.n / 2 + 1 entries), refusing the first
 * that is not a number or is out of the vote's range (so that a number too large for an
 * int is never stored). */
static bool ballot_numbers(struct span s, const struct agenda_vote *vote, const char *hint,
	int *choices, int *n_choices, char *err, size_t errlen)
{
	bool scale = vote->type == VOTE_SCALE;
	s = ballot_sentence(s);
	size_t i = 0;
	while (i < s.n) {
		while (i < s.n && (is_space(s.p[i]) || s.p[i] == ','))
			i++;
		size_t joiner = number_joiner_at(s, i);
		if (joiner > 0) { /* "1 and 3" */
			i += joiner;
			continue;
		}
		struct span word = { s.p + i, 0 };
		while (i < s.n && !is_space(s.p[i]) && s.p[i] != ',') {
			i++;
			word.n++;
		}
		if (word.n == 0)
			break;
		long value;
		if (!parse_long(word, scale, &value))
			return errmsg_fail(err, errlen, "\"%.*s\" is not a %snumber: %s", echo_len(word), word.p,
				memchr(word.p, '.', word.n) && is_digit(word.p[word.n - 1]) ? "whole " : "", hint);
		if (!ballot_choice_fits(vote, value)) {
			struct ballot_check outside = { BALLOT_OUT_OF_RANGE, .at = *n_choices, .value = value };
			return ballot_describe(vote, &outside, err, errlen);
		}
		choices[(*n_choices)++] = (int)value;
	}
	return true;
}

bool capture_is_ballot(const char *body, const struct agenda_vote *vote)
{
	struct span s = span_trim((struct span){ body ? body : "", body ? strlen(body) : 0 });
	if (s.n == 0)
		return false;
	if (vote->type == VOTE_CONSENT) {
		struct span word = { s.p, 0 };
		while (word.n < s.n && is_alpha(s.p[word.n]))
			word.n++;
		if (word.n < s.n && is_id_char(s.p[word.n]))
			return false;
		int position = consent_word(word, NULL, 0);
		if (position != MATCH_AMBIGUOUS)
			return position >= 0;
		/* "E03: a" alone is no contribution but a start of agree and abstain: a ballot,
		 * refused with both named; "E03: a friend helped me" stays a contribution. */
		for (size_t i = word.n; i < s.n; i++)
			if (!strchr(".,;:!?", s.p[i]))
				return false;
		return true;
	}
	if (option_named(s, vote))
		return true;
	bool digit = false;
	s = ballot_sentence(s);
	for (size_t i = 0; i < s.n; i++) {
		size_t joiner = number_joiner_at(s, i);
		if (joiner > 0) {
			i += joiner - 1;
			continue;
		}
		char c = s.p[i];
		bool sign = (c == '-' || c == '+') && vote->type == VOTE_SCALE && i + 1 < s.n && is_digit(s.p[i + 1])
			&& (i == 0 || is_space(s.p[i - 1]) || s.p[i - 1] == ',');
		/* a decimal point (2.5, refused as no whole number) or a full stop after the last number */
		bool point = c == '.' && i > 0 && is_digit(s.p[i - 1]) && (i + 1 == s.n || is_digit(s.p[i + 1]));
		if (!is_digit(c) && !is_space(c) && c != ',' && !sign && !point)
			return false;
		digit = digit || is_digit(c);
	}
	return digit;
}

bool capture_parse_ballot(const char *body, const struct agenda_vote *vote,
	int **choices, int *n_choices, char **reason, char *err, size_t errlen)
{
	*choices = NULL;
	*n_choices = 0;
	if (reason)
		*reason = NULL;
	char hint[200];
	ballot_hint(vote, hint, sizeof hint);
	struct span s = span_trim((struct span){ body ? body : "", body ? strlen(body) : 0 });
	if (s.n == 0)
		return errmsg_fail(err, errlen, "empty ballot: %s", hint);
	if (vote->type != VOTE_SCALE && vote->type != VOTE_CONSENT && vote->n_options < 1)
		return errmsg_fail(err, errlen, "this vote has no options");
	int *list = malloc((s.n / 2 + 1) * sizeof *list);
	if (!list)
		return errmsg_fail(err, errlen, "out of memory");
	int n = 0;
	bool ok;
	if (vote->type == VOTE_CONSENT) {
		ok = parse_consent(s, hint, &list[0], reason, err, errlen);
		n = 1;
	} else if ((list[0] = option_named(s, vote)) > 0) {
		ok = true;
		n = 1;
	} else {
		ok = ballot_numbers(s, vote, hint, list, &n, err, errlen);
	}
	struct ballot_check check = ok ? ballot_check(vote, list, n) : (struct ballot_check){ BALLOT_VALID };
	if (ok && check.fault != BALLOT_VALID)
		ok = ballot_describe(vote, &check, err, errlen);
	if (!ok) {
		free(list);
		if (reason) {
			free(*reason);
			*reason = NULL;
		}
		return false;
	}
	*choices = list;
	*n_choices = n;
	return true;
}
