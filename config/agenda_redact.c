/* agenda_redact: see agenda_redact.h. */
#include "config/agenda_redact.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/agenda.h"
#include "config/diag.h"

enum { MAX_DEPTH = 64, KEY_MAX = 32, N_SPANS = 3 };
static const char *const redacted_keys[N_SPANS] = { "name", "community", "languages" };

struct span { size_t from, to; bool set; };

struct frame {
	bool mapping, expect_key;
	char key[KEY_MAX];          /* the key whose value is being read */
	int value_key;              /* index in redacted_keys of the open value, or -1 */
};

struct walk {
	struct frame frames[MAX_DEPTH];
	int depth;
	/* the participant mapping being read */
	char id[AGENDA_ID_MAX + 1];
	bool id_seen;
	struct span spans[N_SPANS];
	/* the target's, once found */
	struct span found[N_SPANS];
	char name[256];
	bool found_it;
	char *name_value;           /* the name of the participant being read (malloc'd) */
};

static int redacted_index(const char *key)
{
	for (int i = 0; i < N_SPANS; i++)
		if (strcmp(redacted_keys[i], key) == 0)
			return i;
	return -1;
}

/* True when the innermost frame is a participant's mapping: root mapping, its key
 * participants, a list, a mapping in it. */
static bool in_participant(const struct walk *w)
{
	return w->depth == 3 && w->frames[0].mapping && strcmp(w->frames[0].key, "participants") == 0
		&& !w->frames[1].mapping && w->frames[2].mapping;
}

/* A value starts in the innermost mapping: which of the redacted keys it belongs to. */
static void value_starts(struct walk *w, size_t at)
{
	if (!in_participant(w))
		return;
	int k = redacted_index(w->frames[2].key);
	if (k >= 0)
		w->spans[k] = (struct span){ .from = at, .to = at, .set = false };
}

static void value_ends(struct walk *w, const char *key, size_t at)
{
	int k = redacted_index(key);
	if (k >= 0) {
		w->spans[k].to = at;
		w->spans[k].set = true;
	}
}

static void scalar(struct walk *w, const yaml_event_t *ev, const char *text)
{
	if (w->depth == 0)
		return;
	struct frame *f = &w->frames[w->depth - 1];
	if (!f->mapping)
		return;
	if (f->expect_key) {
		snprintf(f->key, sizeof f->key, "%s", text);
		f->expect_key = false;
		return;
	}
	f->expect_key = true;
	if (!in_participant(w))
		return;
	if (strcmp(f->key, "id") == 0) {
		snprintf(w->id, sizeof w->id, "%s", text);
		w->id_seen = true;
	} else if (strcmp(f->key, "name") == 0) {
		free(w->name_value);
		/* a null name (erased before, or none) is no name to look for elsewhere */
		bool null = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && (!text[0] || strcmp(text, "~") == 0
			|| strcmp(text, "null") == 0 || strcmp(text, "Null") == 0 || strcmp(text, "NULL") == 0);
		w->name_value = null ? NULL : strdup(text);
	}
	value_starts(w, ev->start_mark.index);
	value_ends(w, f->key, ev->end_mark.index);
}

static bool collection_start(struct walk *w, const yaml_event_t *ev, bool mapping)
{
	if (w->depth >= MAX_DEPTH)
		return false;
	if (w->depth > 0 && w->frames[w->depth - 1].mapping)
		value_starts(w, ev->start_mark.index);
	int value_key = -1;
	if (in_participant(w))
		value_key = redacted_index(w->frames[2].key);
	w->frames[w->depth++] = (struct frame){ .mapping = mapping, .expect_key = true, .value_key = value_key };
	if (in_participant(w)) {    /* a new participant */
		w->id_seen = false;
		memset(w->spans, 0, sizeof w->spans);
		free(w->name_value);
		w->name_value = NULL;
	}
	return true;
}

static void collection_end(struct walk *w, const yaml_event_t *ev, const char *target)
{
	if (w->depth == 0)
		return;
	if (in_participant(w) && w->id_seen && strcmp(w->id, target) == 0 && !w->found_it) {
		memcpy(w->found, w->spans, sizeof w->found);
		snprintf(w->name, sizeof w->name, "%s", w->name_value ? w->name_value : "");
		w->found_it = true;
	}
	int value_key = w->frames[w->depth - 1].value_key;
	w->depth--;
	if (w->depth > 0 && w->frames[w->depth - 1].mapping) {
		if (value_key >= 0 && in_participant(w))
			value_ends(w, redacted_keys[value_key], ev->end_mark.index);
		w->frames[w->depth - 1].expect_key = true;
	}
}

static int walk_text(const char *text, size_t len, const char *id, struct walk *w, char *err, size_t errlen)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		snprintf(err, errlen, "out of memory");
		return 1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	int rc = 0;
	for (bool done = false; !done && !rc;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			snprintf(err, errlen, "the agenda text kept with the session does not parse (%s)",
				parser.problem ? parser.problem : "YAML error");
			rc = 1;
			break;
		}
		switch (ev.type) {
		case YAML_SCALAR_EVENT:
			scalar(w, &ev, (const char *)ev.data.scalar.value);
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (!collection_start(w, &ev, ev.type == YAML_MAPPING_START_EVENT)) {
				snprintf(err, errlen, "the agenda text kept with the session is nested too deeply");
				rc = 1;
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			collection_end(w, &ev, id);
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(w->name_value);
	w->name_value = NULL;
	return rc;
}

/* libyaml's marks count characters, not bytes: the byte offset of character index. */
static size_t byte_offset(const char *text, size_t len, size_t index)
{
	size_t at = 0;
	for (size_t chars = 0; at < len; at++) {
		if (((unsigned char)text[at] & 0xc0) == 0x80)
			continue;               /* a continuation byte: same character */
		if (chars++ == index)
			return at;
	}
	return len;
}

/* A block collection's end mark lies at the next token: the span ends at its last
 * character that is not white space. */
static size_t trim_end(const char *text, size_t from, size_t to)
{
	while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t' || text[to - 1] == '\n' || text[to - 1] == '\r'))
		to--;
	return to;
}

/* Appends len bytes to the growing buffer. */
static bool put(char **buf, size_t *used, size_t *cap, const char *bytes, size_t len)
{
	if (*used + len + 1 > *cap) {
		size_t want = (*used + len + 1) * 2;
		char *more = realloc(*buf, want);
		if (!more)
			return false;
		*buf = more;
		*cap = want;
	}
	memcpy(*buf + *used, bytes, len);
	*used += len;
	(*buf)[*used] = '\0';
	return true;
}

/* A letter or digit of any script (every byte of a multi-byte UTF-8 character counts). */
static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* name occurs at text + at as a whole word: Ali in "Ali's", not in "Alina" or "Kali". */
static bool name_at(const char *text, size_t len, size_t at, const char *name, size_t name_len)
{
	if (name_len < 2 || len - at < name_len || memcmp(text + at, name, name_len) != 0)
		return false;
	bool starts = at == 0 || !word_byte((unsigned char)text[at - 1]) || !word_byte((unsigned char)name[0]);
	bool ends = at + name_len == len || !word_byte((unsigned char)text[at + name_len])
		|| !word_byte((unsigned char)name[name_len - 1]);
	return starts && ends;
}

/* text with the spans replaced by null and every other occurrence of name, as a whole
 * word, by "(erased)". */
static char *splice(const char *text, size_t len, struct span spans[N_SPANS], const char *name, size_t *out_len)
{
	static const char replacement[] = "(erased)";
	size_t name_len = strlen(name), used = 0, cap = len + 64;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	buf[0] = '\0';
	bool ok = true;
	for (size_t at = 0; ok && at < len;) {
		int s = -1;
		for (int k = 0; k < N_SPANS; k++)
			if (spans[k].set && spans[k].from == at && spans[k].to > at)
				s = k;
		if (s >= 0) {
			ok = put(&buf, &used, &cap, "null", 4);
			at = spans[s].to;
		} else if (name_at(text, len, at, name, name_len)) {
			ok = put(&buf, &used, &cap, replacement, sizeof replacement - 1);
			at += name_len;
		} else {
			ok = put(&buf, &used, &cap, text + at, 1);
			at++;
		}
	}
	if (!ok) {
		free(buf);
		return NULL;
	}
	*out_len = used;
	return buf;
}

/* The redacted text must load as the original did: same participants, items and votes. */
static bool same_shape(const char *before, size_t before_len, const char *after, size_t after_len)
{
	struct diag_list d1, d2;
	diag_list_init(&d1);
	diag_list_init(&d2);
	struct agenda *a = agenda_load_buffer(before, before_len, &d1);
	struct agenda *b = agenda_load_buffer(after, after_len, &d2);
	bool same = a && b && a->n_participants == b->n_participants && a->n_items == b->n_items
		&& agenda_total_votes(a) == agenda_total_votes(b);
	for (int i = 0; same && i < a->n_participants; i++)
		same = strcmp(a->participants[i].id, b->participants[i].id) == 0;
	agenda_free(a);
	agenda_free(b);
	diag_list_free(&d1);
	diag_list_free(&d2);
	return same;
}

int agenda_redact_participant(const char *text, size_t len, const char *id, char **out, size_t *out_len,
	char *err, size_t errlen)
{
	*out = NULL;
	*out_len = 0;
	struct walk w = { 0 };
	if (walk_text(text, len, id, &w, err, errlen))
		return 1;
	if (!w.found_it) {
		/* added with /participant: the agenda text does not name them */
		*out = malloc(len + 1);
		if (!*out) {
			snprintf(err, errlen, "out of memory");
			return 1;
		}
		memcpy(*out, text, len);
		(*out)[len] = '\0';
		*out_len = len;
		return 0;
	}
	for (int k = 0; k < N_SPANS; k++) {
		if (!w.found[k].set)
			continue;
		w.found[k].from = byte_offset(text, len, w.found[k].from);
		w.found[k].to = trim_end(text, w.found[k].from, byte_offset(text, len, w.found[k].to));
	}
	*out = splice(text, len, w.found, w.name, out_len);
	if (!*out) {
		snprintf(err, errlen, "out of memory");
		return 1;
	}
	if (!same_shape(text, len, *out, *out_len)) {
		/* the name was also part of the structure somewhere: only the spans */
		free(*out);
		*out = splice(text, len, w.found, "", out_len);
		if (!*out || !same_shape(text, len, *out, *out_len)) {
			free(*out);
			*out = NULL;
			snprintf(err, errlen, "the agenda text kept with the session could not be rewritten without"
				" participant %s's name (the rewritten text would not load)", id);
			return 1;
		}
	}
	return 0;
}
