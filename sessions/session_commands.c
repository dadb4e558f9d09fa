/* session_commands: see session_commands.h. */
#include "sessions/session_commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "sessions/errmsg.h"

/* ---- contributions ---- */

static int check_tags(struct line_ctx *x, const struct capture_line *cl)
{
	const struct codebook *book = &x->s->agenda->codebook;
	for (int i = 0; i < cl->n_tags; i++) {
		if (codebook_find(book, cl->tags[i].code))
			continue;
		char codes[300] = "";
		size_t used = 0;
		for (int k = 0; k < book->n_entries && used < sizeof codes - 40; k++)
			used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%s", k ? ", " : "",
				book->entries[k].code);
		const char *near = codebook_nearest(book, cl->tags[i].code); /* #langauge: as a kind's typo is named */
		return line_refuse(x, "unknown code #%s at column %d: not in the codebook %s (%s%s%scodes: %s)",
			cl->tags[i].code, cl->tags[i].column, book->name ? book->name : "of this agenda",
			near ? "did you mean #" : "", near ? near : "", near ? "? " : "", codes);
	}
	return 0;
}

/* The code typed (lower case) as the codebook has it: housing for the Dutch wonen; the
 * typed text when the codebook does not know it. */
static const char *code_of(const struct line_ctx *x, const char *typed)
{
	const struct codebook_entry *entry = codebook_find(&x->s->agenda->codebook, typed);
	return entry ? entry->code : typed;
}

/* The codes of a parsed line as the list an event holds, into *out and *n: each as the
 * codebook has it, once (#wonen #housing is one code); the event keeps the array. */
static int tag_list(struct line_ctx *x, const struct capture_line *cl, const char *const **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (cl->n_tags == 0)
		return 0;
	const char **codes = event_keep(&x->event, calloc((size_t)cl->n_tags, sizeof *codes));
	if (!codes) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	for (int i = 0; i < cl->n_tags; i++) {
		const char *code = code_of(x, cl->tags[i].code);
		int k = 0;
		while (k < *n && strcmp(codes[k], code) != 0)
			k++;
		if (k == *n)
			codes[(*n)++] = code;
	}
	*out = codes;
	return 0;
}

/* The participant the first word of text names (as typed: session_participant_typed()),
 * or -1. */
static int first_word_names(const struct session *s, const char *text)
{
	char word[AGENDA_ID_MAX + 1];
	size_t n = strcspn(text, " \t");
	if (n == 0 || n > AGENDA_ID_MAX)
		return -1;
	memcpy(word, text, n);
	word[n] = '\0';
	return session_participant_typed(s, word);
}

/* Whether a word (len bytes) joins two speakers' ids: "and", or "en" in Dutch, in any case
 * (the signs that do, "," "+" "&" "/", are separators of their own). */
static bool joins_speakers(const char *word, size_t len)
{
	return (len == 3 && strncasecmp(word, "and", 3) == 0) || (len == 2 && strncasecmp(word, "en", 2) == 0);
}

/* A line read as a note whose words before its first colon are two or more of the
 * session's participants ("E03, E04: we both waited", "E03+E04:", "E03 & E04:", "E03 en
 * E04:"): how many, the first two in *first and *second; 0 otherwise. Recorded as a note,
 * the words of two people would be nobody's; a contribution has one speaker. */
static int several_speakers(const struct session *s, const char *body, int *first, int *second)
{
	static const char separators[] = " \t,+&/";
	const char *colon = strchr(body, ':');
	int n = 0;
	for (const char *p = body; colon && p < colon;) {
		p += strspn(p, separators);
		size_t len = 0;
		while (p + len < colon && !strchr(separators, p[len]))
			len++;
		if (len == 0)
			break;
		char word[AGENDA_ID_MAX + 1];
		if (!joins_speakers(p, len)) {
			if (len > AGENDA_ID_MAX)
				return 0;
			memcpy(word, p, len);
			word[len] = '\0';
			int who = session_participant_typed(s, word);
			if (who < 0)
				return 0;
			if (n < 2)
				*(n == 0 ? first : second) = who;
			n++;
		}
		p += len;
	}
	return n >= 2 ? n : 0;
}

int command_contribution(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int participant = -1, one, other, speakers;
	if (cl->speaker[0] && (participant = session_participant_typed(s, cl->speaker)) < 0)
		return line_unknown_participant(x, cl->speaker);
	if (!cl->speaker[0] && cl->body && (speakers = several_speakers(s, cl->body, &one, &other)) > 0) {
		const char *a = s->participants[one].id, *b = s->participants[other].id;
		return line_refuse(x, "one speaker per line: for what %s%s %s%s said, type a line for each (%s: ... then"
			" %s: ...); a note about them has no colon after the ids", a, speakers > 2 ? "," : " and", b,
			speakers > 2 ? " and the others" : " both", a, b);
	}
	const char *speaker = participant >= 0 ? s->participants[participant].id : NULL; /* D01 for d01 */
	if (s->current_item < 0)
		return line_refuse(x, "this agenda has no items to record on");
	int rc = check_tags(x, cl);
	if (rc)
		return rc;
	x->event.type = EVENT_CONTRIBUTION;
	struct event_contribution *e = &x->event.as.contribution;
	*e = (struct event_contribution){ .item = line_item_id(s, s->current_item),
		.participant = speaker, .kind = cl->kind, .text = cl->text };
	if ((rc = line_new_uuid(x, e->id)) || (rc = tag_list(x, cl, &e->tags, &e->n_tags)) || (rc = line_emit(x)))
		return rc;
	char codes[SESSION_MESSAGE_MAX / 2] = "";
	size_t used = 0;
	for (int i = 0; i < e->n_tags && used < sizeof codes; i++) /* as recorded: #housing for #wonen */
		used += (size_t)snprintf(codes + used, sizeof codes - used, " #%s", e->tags[i]);
	const char *quote = "";
	if (cl->kind == KIND_QUOTE && participant >= 0 && !s->participants[participant].consent_quotes)
		quote = " \xe2\x9a\xa0 warning: no quote consent";
	const char *during = s->open_vote >= 0 && participant >= 0 ? ", not a ballot" : "";
	char hint[2 * AGENDA_ID_MAX + 64];
	int named = participant < 0 ? first_word_names(s, cl->text) : -1;
	if (named >= 0) { /* "E03 2", "E03 waited": a speaker needs the colon */
		const char *id = s->participants[named].id;
		if (s->open_vote >= 0)
			snprintf(hint, sizeof hint, ", not a ballot (%s's ballot is typed %s: ...)", id, id);
		else
			snprintf(hint, sizeof hint, " (%s's own words are typed %s: ...)", id, id);
		during = hint;
	}
	return line_say(x, "recorded entry %d: %s%s%s%s%s%s", s->n_contributions + 1,
		participant >= 0 ? speaker : "the note-taker's", participant >= 0 ? " " : " ",
		contribution_kind_name(cl->kind), codes, quote, during);
}

/* The contribution named by a /edit or /retract argument: its entry number. */
static int find_contribution(struct line_ctx *x, const char *arg, int *index)
{
	char *end;
	errno = 0;
	long long number = strtoll(arg, &end, 10);
	*index = errno || *end ? -1 : session_entry_index(x->s, number);
	if (*index < 0)
		return line_refuse(x, "no entry %s in this session (entries are numbered 1 to %d, on their log rows)", arg,
			x->s->n_contributions);
	if (x->s->contributions[*index].retracted)
		return line_refuse(x, "entry %s was already retracted", arg);
	return 0;
}

int line_retract(struct line_ctx *x, int index, int64_t undoes)
{
	struct session *s = x->s;
	const struct session_contribution *c = &s->contributions[index];
	x->event.type = EVENT_RETRACT;
	x->event.undoes = undoes;
	struct event_retract *e = &x->event.as.retract;
	*e = (struct event_retract){ .ref = c->seq, .undo = undoes > 0 };
	snprintf(e->contribution, sizeof e->contribution, "%s", c->id);
	int rc = line_emit(x);
	char text[LINE_ECHO_SIZE];
	return rc ? rc : line_say(x, "%s entry %d by %s: %s%s", undoes ? "took back" : "retracted", index + 1,
		line_who(s, c->participant), errmsg_cut(c->text, LINE_ECHO_CHARS, text, sizeof text),
		undoes ? "" : " (/undo brings it back)");
}

int command_retract(struct line_ctx *x, const struct capture_line *cl)
{
	int index;
	int rc = find_contribution(x, cl->args[0], &index);
	return rc ? rc : line_retract(x, index, 0);
}

/* A word "-#code" of /edit's text: the code to take off (its length in *n), or NULL. */
static const char *removal_at(const char *p, size_t *n)
{
	if (p[0] != '-' || p[1] != '#' || !((p[2] >= 'a' && p[2] <= 'z') || (p[2] >= 'A' && p[2] <= 'Z')))
		return NULL;
	size_t k = 2;
	while (p[k] && p[k] != ' ' && p[k] != '\t')
		k++;
	*n = k - 2;
	return p + 2;
}

/* Takes the -#code words out of typed into x (lower case, kept by the event); what is
 * left goes to rest (malloc'd, owned by the event). */
static int take_removals(struct line_ctx *x, const char *typed, char **rest, const char ***removed, int *n_removed)
{
	size_t len = strlen(typed);
	*rest = event_keep(&x->event, malloc(len + 1));
	*removed = event_keep(&x->event, calloc(len / 3 + 1, sizeof **removed));
	*n_removed = 0;
	if (!*rest || !*removed) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	size_t out = 0;
	for (const char *p = typed; *p;) {
		size_t n;
		const char *code = (p == typed || p[-1] == ' ' || p[-1] == '\t') ? removal_at(p, &n) : NULL;
		if (!code) {
			(*rest)[out++] = *p++;
			continue;
		}
		char *lower = event_keep(&x->event, malloc(n + 1));
		if (!lower) {
			errmsg_fail(LINE_MSG(x), "out of memory");
			return EX_OSERR;
		}
		for (size_t k = 0; k < n; k++)
			lower[k] = (char)(code[k] >= 'A' && code[k] <= 'Z' ? code[k] - 'A' + 'a' : code[k]);
		lower[n] = '\0';
		(*removed)[(*n_removed)++] = code_of(x, lower);
		p = code + n;
		while (*p == ' ' || *p == '\t')
			p++;
	}
	(*rest)[out] = '\0';
	return 0;
}

/* Parses /edit's TEXT like the words of a contribution by the same speaker, into x->edit.
 * Markers alone (a !kind, #codes) keep the text: *keep_text is set. */
static int parse_edit(struct line_ctx *x, const char *speaker, const char *typed, bool *keep_text)
{
	size_t len = strlen(speaker) + 4 + strlen(typed);
	char *line = malloc(len + 1);
	*keep_text = false;
	if (!line) {
		errmsg_fail(LINE_MSG(x), "out of memory");
		return EX_OSERR;
	}
	int n = snprintf(line, len + 1, "%s: %s", speaker, typed);
	bool parsed = capture_parse(line, (size_t)n, &x->edit, LINE_MSG(x));
	if (!parsed && strstr(x->result->message, "nothing to record")) {
		/* only markers: read them with a stand-in word, and keep the text as it is */
		n = snprintf(line, len + 1, "%s: %s \x01", speaker, typed);
		parsed = capture_parse(line, (size_t)n, &x->edit, LINE_MSG(x)) && strcmp(x->edit.text, "\x01") == 0;
		*keep_text = parsed;
		if (!parsed)
			capture_line_free(&x->edit);
	}
	free(line);
	return parsed ? 0 : EX_DATAERR;
}

static bool has_tag(const struct session_contribution *c, const char *code)
{
	for (int k = 0; k < c->n_tags; k++)
		if (strcmp(c->tags[k], code) == 0)
			return true;
	return false;
}

/* /edit N TEXT: TEXT is read like a contribution's line, so a speaker before it (E08:)
 * moves the entry to who said it, its !kind changes the kind and its #codes are added to
 * the contribution's codes; a -#code word takes a code off; a speaker or markers alone
 * keep the text. */
int command_edit(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int index;
	int rc = find_contribution(x, cl->args[0], &index);
	if (rc)
		return rc;
	const struct session_contribution *c = &s->contributions[index];
	const char *speaker = line_speaker(s, c->participant);
	char *rest;
	const char **removed;
	int n_removed;
	bool keep_text = false;
	if ((rc = take_removals(x, cl->n_args > 1 ? cl->args[1] : "", &rest, &removed, &n_removed)))
		return rc;
	for (int i = 0; i < n_removed; i++)
		if (!has_tag(c, removed[i]))
			return line_refuse(x, "entry %d has no code #%s to take off", index + 1, removed[i]);
	char said_by[AGENDA_ID_MAX + 1];
	rest += strspn(rest, " \t");
	size_t named = capture_speaker(rest, strlen(rest), said_by);
	int by = c->participant;
	if (named > 0 && (by = session_participant_typed(s, said_by)) < 0)
		return line_unknown_participant(x, said_by);
	rest += named;
	bool only_removals = strspn(rest, " \t") == strlen(rest);
	if (only_removals)
		keep_text = n_removed > 0 || named > 0;
	else if ((rc = parse_edit(x, speaker, rest, &keep_text)) || (rc = check_tags(x, &x->edit)))
		return rc;
	if (only_removals && n_removed == 0 && named == 0)
		return line_refuse(x, "usage: %s", capture_command_usage(CMD_EDIT));
	const struct capture_line *edit = &x->edit;
	bool new_tag = false;
	for (int i = 0; i < edit->n_tags; i++)
		new_tag = new_tag || !has_tag(c, code_of(x, edit->tags[i].code));
	bool new_kind = edit->kind_given && edit->kind != c->kind;
	const char *text = keep_text ? c->text : edit->text;
	bool moved = by != c->participant;
	if (strcmp(text, c->text) == 0 && !new_tag && !new_kind && n_removed == 0 && !moved)
		return line_refuse(x, "entry %d already says that; nothing changed", index + 1);
	x->event.type = EVENT_EDIT;
	struct event_edit *e = &x->event.as.edit;
	*e = (struct event_edit){ .ref = c->seq, .text = text, .has_kind = true,
		.kind = new_kind ? edit->kind : c->kind, .removed = removed, .n_removed = n_removed,
		.participant = moved ? s->participants[by].id : NULL };
	snprintf(e->contribution, sizeof e->contribution, "%s", c->id);
	int was = c->participant;
	if ((rc = tag_list(x, edit, &e->tags, &e->n_tags)) || (rc = line_emit(x)))
		return rc;
	const char *quote = e->kind == KIND_QUOTE && by >= 0 && !s->participants[by].consent_quotes && (moved || new_kind)
		? " \xe2\x9a\xa0 warning: no quote consent" : "";
	if (moved)
		return line_say(x, "edited entry %d: now by %s, not %s (the earlier version stays in the log)%s", index + 1,
			line_who(s, by), line_who(s, was), quote);
	return line_say(x, "edited entry %d by %s (the earlier version stays in the log)%s", index + 1, line_who(s, by),
		quote);
}

int command_recommend(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	if (s->current_item < 0)
		return line_refuse(x, "this agenda has no items to record on");
	x->event.type = EVENT_RECOMMENDATION;
	struct event_recommendation *e = &x->event.as.recommendation;
	*e = (struct event_recommendation){ .item = line_item_id(s, s->current_item), .text = cl->args[0] };
	int rc;
	if ((rc = line_new_uuid(x, e->id)) || (rc = line_emit(x))
		|| (rc = store_insert_recommendation(s->store, x->seq, e->id, s->id, e->item, e->text, LINE_MSG(x))))
		return rc;
	return line_say(x, "recommendation %d recorded on item %d/%d", s->n_recommendations + 1, s->current_item + 1,
		s->n_items);
}

/* ---- participants ---- */

int command_participant(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const char *id = cl->args[0];
	const char *name = cl->n_args > 1 ? cl->args[1] : NULL;
	char echo[LINE_ECHO_SIZE];
	if (!agenda_valid_participant_id(id))
		return line_refuse(x, "participant id \"%s\" is not valid: use 1-%d letters, digits, _ or -, e.g. E21",
			errmsg_cut(id, 20, echo, sizeof echo), AGENDA_ID_MAX);
	int existing = session_participant_typed(s, id); /* d01 beside D01 would be read as D01 */
	if (existing >= 0) {
		const char *known = s->participants[existing].name;
		return line_refuse(x, "participant %s already exists%s%s%s", s->participants[existing].id, known ? " (" : "",
			known ? known : "", known ? ")" : "");
	}
	x->event.type = EVENT_PARTICIPANT;
	x->event.as.participant = (struct event_participant){ .id = id, .name = name, .role = ROLE_EXPERT };
	struct store_participant_row row = { .session = s->id, .id = id, .name = name,
		.role = participant_role_name(ROLE_EXPERT), .added_live = true, .position = s->n_participants };
	int rc;
	if ((rc = line_emit(x)) || (rc = store_insert_participant(s->store, &row, LINE_MSG(x))))
		return rc;
	return line_say(x, "added participant %s%s%s", id, name ? ": " : "", name ? name : "");
}

int command_consent(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	const char *id = cl->args[0];
	bool quotes = strcmp(cl->args[1], "yes") == 0;
	int who = session_participant_typed(s, id);
	if (who < 0)
		return line_refuse(x, "consent: no participant %.20s in this session", id);
	x->event.type = EVENT_CONSENT;
	x->event.as.consent = (struct event_consent){ .participant = s->participants[who].id, .quotes = quotes };
	id = s->participants[who].id;
	int rc;
	if ((rc = line_emit(x)) || (rc = store_update_consent(s->store, s->id, id, quotes, LINE_MSG(x))))
		return rc;
	return line_say(x, "%s %s", id, quotes ? "may be quoted from now on" : "is no longer quoted: contributions"
		" are shown without attribution");
}

/* ---- the agenda ---- */

static int go_to_item(struct line_ctx *x, int item, const char *command)
{
	struct session *s = x->s;
	if (s->open_vote >= 0)
		return line_refuse(x, "vote %s is still open; /close it before leaving the item",
			s->votes[s->open_vote].def->id);
	x->event.type = EVENT_ITEM;
	x->event.as.item = (struct event_item){ .item = line_item_id(s, item),
		.from = s->current_item >= 0 ? line_item_id(s, s->current_item) : NULL, .command = command };
	int rc = line_emit(x);
	if (!rc && s->current_item >= 0)
		rc = line_write_item_times(x, s->current_item);
	return rc ? rc : line_say(x, "item %d/%d: %s", item + 1, s->n_items, s->items[item].def->title);
}

/* The agenda item an argument names (/item, /move): its id as typed, or when no item has
 * that id its number in the agenda (3: the third, as the agenda panel and "item 3/6"
 * number them), into *item; else a refusal that lists both. */
static int item_named(struct line_ctx *x, const char *arg, int *item)
{
	struct session *s = x->s;
	char *end;
	long position = strtol(arg, &end, 10);
	*item = session_item_typed(s, arg);
	if (*item < 0 && *arg >= '1' && *arg <= '9' && !*end && position <= s->n_items)
		*item = (int)position - 1;
	if (*item >= 0)
		return 0;
	char ids[300] = "";
	size_t used = 0;
	for (int i = 0; i < s->n_items && used < sizeof ids - 40; i++)
		used += (size_t)snprintf(ids + used, sizeof ids - used, "%s%s", i ? ", " : "", line_item_id(s, i));
	char echo[LINE_ECHO_SIZE];
	return line_refuse(x, "unknown item %s (give its number, 1 to %d, or its id: %s)",
		errmsg_cut(arg, LINE_ECHO_CHARS, echo, sizeof echo), s->n_items, ids);
}

int command_move(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int cur = s->current_item;
	if (cl->command == CMD_NEXT) {
		if (cur + 1 >= s->n_items)
			return line_refuse(x, "already at the last item (%d/%d); /end ends the session", cur + 1, s->n_items);
		return go_to_item(x, cur + 1, "next");
	}
	if (cl->command == CMD_PREV) {
		if (cur <= 0)
			return line_refuse(x, "already at the first item (1/%d)", s->n_items);
		return go_to_item(x, cur - 1, "prev");
	}
	int item;
	int rc = item_named(x, cl->args[0], &item);
	if (rc)
		return rc;
	if (item == cur)
		return line_refuse(x, "already on item %d/%d: %s", item + 1, s->n_items, s->items[item].def->title);
	return go_to_item(x, item, "item");
}

/* /move N ITEM: entry N was said on ITEM (the facilitator moved on late, or went back):
 * an edit that keeps its words and puts it there. */
int command_move_entry(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	int index, item;
	int rc = find_contribution(x, cl->args[0], &index);
	if (rc)
		return rc;
	if (strpbrk(cl->args[1], " \t"))
		return line_refuse(x, "usage: %s", capture_command_usage(CMD_MOVE_ENTRY));
	if ((rc = item_named(x, cl->args[1], &item)))
		return rc;
	const struct session_contribution *c = &s->contributions[index];
	int from = c->item;
	if (item == from)
		return line_refuse(x, "entry %d is on item %d/%d already: %s", index + 1, item + 1, s->n_items,
			s->items[item].def->title);
	x->event.type = EVENT_EDIT;
	struct event_edit *e = &x->event.as.edit;
	*e = (struct event_edit){ .ref = c->seq, .text = c->text, .has_kind = true, .kind = c->kind,
		.item = line_item_id(s, item) };
	snprintf(e->contribution, sizeof e->contribution, "%s", c->id);
	if ((rc = line_emit(x)))
		return rc;
	return line_say(x, "moved entry %d to item %d/%d: %s (from %d/%d; the earlier version stays in the log)",
		index + 1, item + 1, s->n_items, s->items[item].def->title, from + 1, s->n_items);
}

int command_extend(struct line_ctx *x, const struct capture_line *cl)
{
	struct session *s = x->s;
	long minutes = strtol(cl->args[0], NULL, 10);
	int item = s->current_item;
	if (item < 0)
		return line_refuse(x, "this agenda has no items");
	long planned = (long)s->items[item].planned_seconds + minutes * 60;
	if (planned < 60)
		return line_refuse(x, "item %d/%d has %d minutes planned; it cannot be shortened by %ld", item + 1,
			s->n_items, s->items[item].planned_seconds / 60, -minutes);
	if (planned > 24L * 3600)
		return line_refuse(x, "item %d/%d cannot be planned for more than 24 hours", item + 1, s->n_items);
	x->event.type = EVENT_EXTEND;
	x->event.as.extend = (struct event_extend){ .item = line_item_id(s, item), .minutes = minutes,
		.planned_seconds = planned };
	int rc = line_emit(x);
	if (!rc)
		rc = store_update_item(s->store, s->id, line_item_id(s, item), (int)planned,
			(int)(session_item_elapsed_ms(s, item, x->now) / 1000), LINE_MSG(x));
	return rc ? rc : line_say(x, "item %d/%d: %+ld min, now %ld min planned", item + 1, s->n_items, minutes,
		planned / 60);
}

int command_end(struct line_ctx *x)
{
	struct session *s = x->s;
	x->event.type = EVENT_SESSION_END;
	x->event.as.end = (struct event_end){
		.item = s->current_item >= 0 ? line_item_id(s, s->current_item) : NULL,
		.closed_vote = s->open_vote >= 0 ? s->votes[s->open_vote].def->id : NULL };
	int rc = line_emit(x);
	if (!rc && s->current_item >= 0)
		rc = line_write_item_times(x, s->current_item);
	if (!rc && s->open_vote >= 0)
		rc = store_close_vote(s->store, s->votes[s->open_vote].id, x->now, LINE_MSG(x));
	if (!rc)
		rc = store_end_session(s->store, s->id, x->now, LINE_MSG(x));
	return rc ? rc : line_say(x, "session ended");
}
