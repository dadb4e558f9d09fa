/* agenda: see agenda.h. Reads the YAML tree from yamltree.c and checks it against the
 * agenda format (docs/agenda-format.md), reporting every problem it finds, each at the
 * node it concerns: the key for a bad or unknown key, the value for a bad value, the
 * first key of a mapping that lacks a required key. Whether a vote's numbers and options
 * make a vote is vote_rules.c's to say; this file reads them and places its problems. */
#include "config/agenda.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/arena.h"
#include "config/suggest.h"
#include "config/textscan.h"
#include "config/vote_rules.h"
#include "config/yamltree.h"

enum { IDENT_MAX = 32, CODE_MAX = 32 };

struct loader {
	struct arena *arena;
	struct diag_list *diags;
	struct agenda *agenda;
	bool codebook_ok;          /* domains are checked only against a valid codebook */
};

/* An id and where it stands, for finding duplicates by sorting. */
struct placed_id {
	const char *id;
	const struct ynode *node;
};

__attribute__((format(printf, 3, 4)))
static void problem(struct loader *l, const struct ynode *node, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	diag_addv(l->diags, node ? node->line : 0, node ? node->col : 0, format, args);
	va_end(args);
}

static void *alloc_array(struct loader *l, int n, size_t size)
{
	return n > 0 ? arena_alloc(l->arena, (size_t)n * size) : NULL;
}

/* ---- scalars ---- */

static bool is_null(const struct ynode *node)
{
	if (node->type != YNODE_SCALAR || !node->plain)
		return false;
	if (node->len == 0 || node->len == 1)
		return node->len == 0 || node->text[0] == '~';
	return node->len == 4 && (strcmp(node->text, "null") == 0 || strcmp(node->text, "Null") == 0 ||
		strcmp(node->text, "NULL") == 0);
}

/* A plain scalar holding a decimal integer. */
static bool scalar_int(const struct ynode *node, long *out)
{
	if (node->type != YNODE_SCALAR || !node->plain || node->len == 0 || node->len > 12)
		return false;
	const char *s = node->text;
	size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
	if (i == node->len)
		return false;
	for (size_t j = i; j < node->len; j++)
		if (s[j] < '0' || s[j] > '9')
			return false;
	*out = strtol(s, NULL, 10);
	return true;
}

static bool scalar_bool(const struct ynode *node, bool *out)
{
	if (node->type != YNODE_SCALAR || !node->plain)
		return false;
	static const char *const yes[] = { "true", "True", "TRUE" }, *const no[] = { "false", "False", "FALSE" };
	for (size_t i = 0; i < 3; i++) {
		if (strcmp(node->text, yes[i]) == 0)
			return *out = true, true;
		if (strcmp(node->text, no[i]) == 0)
			return *out = false, true;
	}
	return false;
}

/* Text for a field; NULL with a problem reported when it is not text or is empty. The
 * tree's own text: it lives in the agenda's arena, so it needs no copy. */
static char *text_value(struct loader *l, const struct ynode *node, const char *key)
{
	if (node->type != YNODE_SCALAR) {
		problem(l, node, "%s must be text, not %s", key, yamltree_type_name(node));
		return NULL;
	}
	if (is_null(node) || node->len == 0) {
		problem(l, node, "%s must not be empty", key);
		return NULL;
	}
	return node->text;
}

/* Optional text field: NULL when absent or null. */
static char *optional_text(struct loader *l, const struct ynode *map, const char *key)
{
	const struct ynode *node = yamltree_get(map, key);
	if (!node || is_null(node))
		return NULL;
	return text_value(l, node, key);
}

static bool int_value(struct loader *l, const struct ynode *node, const char *key, long min, long max, int *out)
{
	long v;
	if (!scalar_int(node, &v) || v < min || v > max) {
		problem(l, node, "%s must be a whole number from %ld to %ld", key, min, max);
		return false;
	}
	*out = (int)v;
	return true;
}

static bool bool_value(struct loader *l, const struct ynode *node, const char *key, bool *out)
{
	if (!scalar_bool(node, out)) {
		problem(l, node, "%s must be true or false", key);
		return false;
	}
	return true;
}

/* A list of texts; *n set to its length. NULL (and *n 0) when absent or invalid. */
static char **text_list(struct loader *l, const struct ynode *map, const char *key, int *n,
	const struct ynode **node_out)
{
	*n = 0;
	const struct ynode *node = yamltree_get(map, key);
	if (node_out)
		*node_out = node;
	if (!node || is_null(node))
		return NULL;
	if (node->type != YNODE_SEQUENCE) {
		problem(l, node, "%s must be a list, e.g. [a, b]", key);
		return NULL;
	}
	char **list = alloc_array(l, node->n, sizeof *list);
	for (int i = 0; i < node->n; i++) {
		char *text = text_value(l, node->items[i], key);
		if (text)
			list[(*n)++] = text;
	}
	return list;
}

static bool valid_ident(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '_' || c == '-' || c == '.';
		if (!ok)
			return false;
	}
	return true;
}

bool agenda_valid_participant_id(const char *id)
{
	return valid_ident(id, AGENDA_ID_MAX) && !strchr(id, '.');
}

/* ---- mappings ---- */

struct key_rules {
	const char *what;                 /* "session", "agenda item", ... */
	const char *const *allowed;
	size_t n_allowed;
	const char *const *required;
	size_t n_required;
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct ynode *first_key(const struct ynode *map)
{
	return map->n > 0 ? map->items[0] : map;
}

/* Reports unknown keys (with a suggestion for near misses) and missing required keys
 * (at the mapping's first key). A required key that an unknown key was probably meant
 * to be is not reported again as missing. Returns false when something required is missing. */
static bool check_keys(struct loader *l, const struct ynode *map, const struct key_rules *rules)
{
	const char *suggested[16];
	size_t n_suggested = 0;
	for (int i = 0; i < map->n; i++) {
		const struct ynode *key = map->items[2 * i];
		bool known = false;
		for (size_t k = 0; k < rules->n_allowed && !known; k++)
			known = strcmp(key->text, rules->allowed[k]) == 0;
		if (known)
			continue;
		const char *near = suggest_nearest(key->text, rules->allowed, rules->n_allowed);
		if (near) {
			problem(l, key, "unknown key %s (did you mean %s?)", key->text, near);
			if (n_suggested < COUNT(suggested))
				suggested[n_suggested++] = near;
		} else {
			char keys[DIAG_MESSAGE_MAX / 2] = "";
			for (size_t k = 0; k < rules->n_allowed; k++) {
				size_t used = strlen(keys);
				snprintf(keys + used, sizeof keys - used, "%s%s", k ? ", " : "", rules->allowed[k]);
			}
			problem(l, key, "unknown key %.60s in %s (keys: %s)", key->text, rules->what, keys);
		}
	}
	bool complete = true;
	for (size_t r = 0; r < rules->n_required; r++) {
		if (yamltree_get(map, rules->required[r]))
			continue;
		complete = false;
		bool explained = false;
		for (size_t s = 0; s < n_suggested && !explained; s++)
			explained = strcmp(suggested[s], rules->required[r]) == 0;
		if (!explained)
			problem(l, first_key(map), "%s has no %s", rules->what, rules->required[r]);
	}
	return complete;
}

static bool expect_mapping(struct loader *l, const struct ynode *node, const char *what)
{
	if (node->type == YNODE_MAPPING)
		return true;
	problem(l, node, "%s must be a mapping (key: value lines), not %s", what, yamltree_type_name(node));
	return false;
}

static int compare_placed(const void *pa, const void *pb)
{
	const struct placed_id *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	if (a->node->line != b->node->line)
		return a->node->line < b->node->line ? -1 : 1;
	return a->node->col < b->node->col ? -1 : a->node->col > b->node->col;
}

/* Room for n placed ids (and one more, so that n == 0 is no special case); NULL when out of memory. */
static struct placed_id *placed_ids_new(int n)
{
	return calloc((size_t)(n > 0 ? n : 0) + 1, sizeof(struct placed_id));
}

/* Reports every id that repeats an earlier one, at the later one. Sorting keeps it fast. */
static void report_duplicates(struct loader *l, struct placed_id *ids, int n, const char *what, const char *hint)
{
	if (n < 2)
		return;
	qsort(ids, (size_t)n, sizeof *ids, compare_placed);
	int first = 0;
	for (int i = 1; i < n; i++) {
		if (strcmp(ids[i].id, ids[first].id) != 0) {
			first = i;
			continue;
		}
		problem(l, ids[i].node, "duplicate %s %.60s (first at line %d)%s", what, ids[i].id,
			ids[first].node->line, hint);
	}
}

/* ---- sections ---- */

static bool valid_date(const char *s)
{
	int y, m, d;
	char end;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || s[4] != '-' || s[7] != '-')
		return false;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

static bool valid_time(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
		s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '3');
}

static void load_session(struct loader *l, const struct ynode *node)
{
	static const char *const allowed[] = { "title", "organisation", "location", "date", "start",
		"languages", "facilitator", "note_taker", "notes" };
	static const char *const required[] = { "title" };
	static const struct key_rules rules = { "session", allowed, COUNT(allowed), required, COUNT(required) };
	if (!expect_mapping(l, node, "session"))
		return;
	check_keys(l, node, &rules);
	struct agenda_session *s = &l->agenda->session;
	const struct ynode *title = yamltree_get(node, "title");
	if (title)
		s->title = text_value(l, title, "title");
	s->organisation = optional_text(l, node, "organisation");
	s->location = optional_text(l, node, "location");
	s->facilitator = optional_text(l, node, "facilitator");
	s->note_taker = optional_text(l, node, "note_taker");
	s->notes = optional_text(l, node, "notes");
	s->date = optional_text(l, node, "date");
	if (s->date && !valid_date(s->date)) {
		problem(l, yamltree_get(node, "date"), "date must be a date written YYYY-MM-DD, e.g. 2024-03-14");
		s->date = NULL;
	}
	s->start = optional_text(l, node, "start");
	if (s->start && !valid_time(s->start)) {
		problem(l, yamltree_get(node, "start"), "start must be a time written HH:MM, e.g. \"18:30\"");
		s->start = NULL;
	}
	s->languages = text_list(l, node, "languages", &s->n_languages, NULL);
}

static bool valid_code(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > CODE_MAX || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static void load_custom_codebook(struct loader *l, const struct ynode *node)
{
	static const char *const allowed[] = { "code", "label", "group" };
	static const char *const required[] = { "code", "label" };
	static const struct key_rules rules = { "codebook entry", allowed, COUNT(allowed), required, COUNT(required) };
	struct codebook *cb = &l->agenda->codebook;
	struct codebook_entry *entries = alloc_array(l, node->n, sizeof *entries);
	struct placed_id *ids = placed_ids_new(node->n);
	int n_ids = 0;
	bool ok = node->n > 0 && ids;
	if (node->n == 0)
		problem(l, node, "codebook list is empty: give at least one {code, label, group}");
	for (int i = 0; i < node->n; i++) {
		const struct ynode *e = node->items[i];
		if (!expect_mapping(l, e, "a codebook entry")) {
			ok = false;
			continue;
		}
		if (!check_keys(l, e, &rules))
			ok = false;
		const struct ynode *code = yamltree_get(e, "code"), *label = yamltree_get(e, "label");
		char *code_text = code ? text_value(l, code, "code") : NULL;
		char *label_text = label ? text_value(l, label, "label") : NULL;
		char *group_text = optional_text(l, e, "group");
		if (code_text && !valid_code(code_text)) {
			problem(l, code, "code must be 1-%d lowercase letters, digits, '_' or '-', starting with a letter",
				CODE_MAX);
			code_text = NULL;
		}
		if (!code_text || !label_text) {
			ok = false;
			continue;
		}
		entries[cb->n_entries++] = (struct codebook_entry){ code_text, label_text, group_text ? group_text : "" };
		if (ids)
			ids[n_ids++] = (struct placed_id){ code_text, code };
	}
	int before = l->diags->count;
	if (ids)
		report_duplicates(l, ids, n_ids, "code", "");
	free(ids);
	cb->name = "custom";
	cb->entries = entries;
	l->codebook_ok = ok && l->diags->count == before;
}

static void load_codebook(struct loader *l, const struct ynode *node)
{
	struct codebook *cb = &l->agenda->codebook;
	if (!node || is_null(node)) {
		l->codebook_ok = codebook_builtin(CODEBOOK_DEFAULT, cb);
		return;
	}
	if (node->type == YNODE_SCALAR) {
		l->codebook_ok = codebook_builtin(node->text, cb);
		if (!l->codebook_ok)
			problem(l, node, "unknown codebook %.60s (built in: %s; or give a list of {code, label, group})",
				node->text, codebook_builtin_names());
		return;
	}
	if (node->type != YNODE_SEQUENCE) {
		problem(l, node, "codebook must be the name of a built-in codebook (%s) or a list of {code, label, group}",
			codebook_builtin_names());
		return;
	}
	load_custom_codebook(l, node);
}

static void load_participant(struct loader *l, const struct ynode *node, struct agenda_participant *p,
	struct placed_id *id_out)
{
	static const char *const allowed[] = { "id", "name", "languages", "community", "role", "consent" };
	static const char *const required[] = { "id" };
	static const struct key_rules rules = { "participant", allowed, COUNT(allowed), required, COUNT(required) };
	static const char *const consent_allowed[] = { "quotes" };
	static const struct key_rules consent_rules = { "consent", consent_allowed, COUNT(consent_allowed), NULL, 0 };
	check_keys(l, node, &rules);
	const struct ynode *id = yamltree_get(node, "id");
	if (id) {
		p->id = text_value(l, id, "id");
		if (p->id && !agenda_valid_participant_id(p->id)) {
			problem(l, id, "participant id must be 1-16 letters, digits, '_' or '-', e.g. E01");
			p->id = NULL;
		}
		if (p->id)
			*id_out = (struct placed_id){ p->id, id };
	}
	p->name = optional_text(l, node, "name");
	p->community = optional_text(l, node, "community");
	p->languages = text_list(l, node, "languages", &p->n_languages, NULL);
	p->role = ROLE_EXPERT;
	const struct ynode *role = yamltree_get(node, "role");
	if (role && !is_null(role) && (role->type != YNODE_SCALAR || !participant_role_parse(role->text, &p->role)))
		problem(l, role, "role must be one of expert, interpreter, observer, staff");
	const struct ynode *consent = yamltree_get(node, "consent");
	if (consent && !is_null(consent) && expect_mapping(l, consent, "consent")) {
		check_keys(l, consent, &consent_rules);
		const struct ynode *quotes = yamltree_get(consent, "quotes");
		if (quotes)
			bool_value(l, quotes, "quotes", &p->consent_quotes);
	}
}

static void load_participants(struct loader *l, const struct ynode *node)
{
	if (!node || is_null(node))
		return;
	if (node->type != YNODE_SEQUENCE) {
		problem(l, node, "participants must be a list of {id, name, ...}");
		return;
	}
	struct agenda *a = l->agenda;
	a->participants = alloc_array(l, node->n, sizeof *a->participants);
	struct placed_id *ids = placed_ids_new(node->n);
	int n_ids = 0;
	for (int i = 0; i < node->n; i++) {
		const struct ynode *p = node->items[i];
		if (!expect_mapping(l, p, "a participant"))
			continue;
		struct placed_id id = { NULL, NULL };
		load_participant(l, p, &a->participants[a->n_participants], &id);
		if (!id.id)
			continue;
		a->n_participants++;
		if (ids)
			ids[n_ids++] = id;
	}
	if (ids)
		report_duplicates(l, ids, n_ids, "participant id", "");
	free(ids);
}

/* ---- votes ---- */

enum {
	T_SINGLE = 1 << VOTE_SINGLE, T_MULTI = 1 << VOTE_MULTI, T_DOTS = 1 << VOTE_DOTS,
	T_RANK = 1 << VOTE_RANK, T_SCALE = 1 << VOTE_SCALE, T_CONSENT = 1 << VOTE_CONSENT,
	T_WITH_OPTIONS = T_SINGLE | T_MULTI | T_DOTS | T_RANK,
	T_ALL = T_WITH_OPTIONS | T_SCALE | T_CONSENT,
};

static const struct {
	const char *key;
	int types;          /* the vote types this key applies to */
	const char *applies;
} vote_keys[] = {
	{ "id", T_ALL, NULL }, { "question", T_ALL, NULL }, { "type", T_ALL, NULL },
	{ "options", T_WITH_OPTIONS, "single, multi, dots and rank votes" },
	{ "max_choices", T_MULTI, "multi votes" },
	{ "dots", T_DOTS, "dots votes" }, { "max_per_option", T_DOTS, "dots votes" },
	{ "min", T_SCALE, "scale votes" }, { "max", T_SCALE, "scale votes" }, { "labels", T_SCALE, "scale votes" },
	{ "anonymous", T_ALL, NULL }, { "hide_results", T_ALL, NULL }, { "voters", T_ALL, NULL },
};

/* The nodes of a vote that its problems are reported at. */
struct vote_nodes {
	const struct ynode *vote, *options, *max_choices, *dots, *max_per_option, *min, *max, *anonymous;
	const struct ynode **label_keys;   /* parallel to the vote's labels */
};

/* A whole number for a field that vote_rules_check() checks: INT_MIN, which no rule
 * allows, when the value is not a whole number (the check then says what is). */
static int whole_number(const struct ynode *node)
{
	long v;
	return node && scalar_int(node, &v) && v > INT_MIN && v <= INT_MAX ? (int)v : INT_MIN;
}

/* Options as listed; an option that is not text is reported here and kept as NULL (or,
 * for a null or empty scalar, as its text) so that counts and duplicates are of the list
 * as written. */
static void load_options(struct loader *l, const struct ynode *vote_node, struct agenda_vote *v,
	struct vote_nodes *at)
{
	const struct ynode *node = at->options = yamltree_get(vote_node, "options");
	if (!node || is_null(node))
		return;
	if (node->type != YNODE_SEQUENCE) {
		problem(l, node, "options must be a list, e.g. [a, b]");
		return;
	}
	v->options = alloc_array(l, node->n, sizeof *v->options);
	v->n_options = v->options ? node->n : 0;
	for (int i = 0; i < v->n_options; i++) {
		const struct ynode *item = node->items[i];
		v->options[i] = text_value(l, item, "options");
		if (!v->options[i] && item->type == YNODE_SCALAR)
			v->options[i] = item->text;
	}
}

/* Bounds and labels as written; vote_rules_check() says whether they make a scale. */
static bool load_scale(struct loader *l, const struct ynode *vote_node, struct agenda_vote *v, struct vote_nodes *at)
{
	at->min = yamltree_get(vote_node, "min");
	at->max = yamltree_get(vote_node, "max");
	if (!at->min || !at->max) {
		problem(l, first_key(vote_node), "a scale vote needs min and max, e.g. min: 1 and max: 5");
		return false;
	}
	v->min = whole_number(at->min);
	v->max = whole_number(at->max);
	const struct ynode *labels = yamltree_get(vote_node, "labels");
	if (!labels || is_null(labels) || labels->type != YNODE_MAPPING)
		return true;
	v->labels = alloc_array(l, labels->n, sizeof *v->labels);
	at->label_keys = alloc_array(l, labels->n, sizeof *at->label_keys);
	if (!v->labels || !at->label_keys)
		return true;
	for (int i = 0; i < labels->n; i++) {
		long value;
		if (scalar_int(labels->items[2 * i], &value) && value >= INT_MIN && value <= INT_MAX) {
			at->label_keys[v->n_labels] = labels->items[2 * i];
			v->labels[v->n_labels++] = (struct scale_label){ (int)value, NULL };
		}
	}
	return true;
}

/* The label keys that are not whole numbers and the label texts: reported once the
 * scale they belong to is valid. Labels outside the scale are dropped (reported already). */
static void load_label_texts(struct loader *l, const struct ynode *vote_node, struct agenda_vote *v,
	const struct vote_nodes *at)
{
	const struct ynode *labels = yamltree_get(vote_node, "labels");
	if (!labels || is_null(labels) || !expect_mapping(l, labels, "labels"))
		return;
	int kept = 0;
	for (int i = 0, k = 0; i < labels->n; i++) {
		const struct ynode *key = labels->items[2 * i], *value = labels->items[2 * i + 1];
		if (k >= v->n_labels || at->label_keys[k] != key) {
			problem(l, key, "a label's key must be a value of the scale, from %d to %d", v->min, v->max);
			continue;
		}
		struct scale_label label = v->labels[k++];
		if (label.value < v->min || label.value > v->max)
			continue;
		label.text = text_value(l, value, "a label");
		if (label.text)
			v->labels[kept++] = label;
	}
	v->n_labels = kept;
}

static void load_voters(struct loader *l, const struct ynode *node, struct agenda_vote *v)
{
	v->voter_roles[ROLE_EXPERT] = true;
	if (!node || is_null(node))
		return;
	if (node->type == YNODE_SCALAR && strcmp(node->text, "all") == 0) {
		for (int r = 0; r < ROLE_COUNT; r++)
			v->voter_roles[r] = true;
		return;
	}
	if (node->type != YNODE_SEQUENCE || node->n == 0) {
		problem(l, node, "voters must be all or a list of roles, e.g. [expert, interpreter]");
		return;
	}
	v->voter_roles[ROLE_EXPERT] = false;
	for (int i = 0; i < node->n; i++) {
		enum participant_role role;
		if (node->items[i]->type != YNODE_SCALAR || !participant_role_parse(node->items[i]->text, &role))
			problem(l, node->items[i], "voters: a role is one of expert, interpreter, observer, staff");
		else
			v->voter_roles[role] = true;
	}
}

static void load_vote_numbers(struct loader *l, const struct ynode *node, struct agenda_vote *v,
	struct vote_nodes *at)
{
	(void)l;
	if (v->type == VOTE_MULTI) {
		at->max_choices = yamltree_get(node, "max_choices");
		v->max_choices = at->max_choices ? whole_number(at->max_choices) : v->n_options;
	}
	if (v->type == VOTE_DOTS) {
		at->dots = yamltree_get(node, "dots");
		at->max_per_option = yamltree_get(node, "max_per_option");
		v->dots = at->dots ? whole_number(at->dots) : 0;
		/* absent means no cap (0); written, it is a cap of at least 1 */
		v->max_per_option = at->max_per_option ? whole_number(at->max_per_option) : 0;
		if (at->max_per_option && v->max_per_option == 0)
			v->max_per_option = INT_MIN;
	}
}

/* Reports what vote_rules_check() finds, each at the node it concerns. */
static void report_vote_rules(struct loader *l, struct agenda_vote *v, const struct vote_nodes *at,
	bool *scale_ok)
{
	struct vote_problem found[VOTE_PROBLEMS_MAX];
	int n = vote_rules_check(v, found, VOTE_PROBLEMS_MAX);
	*scale_ok = true;
	for (int i = 0; i < n; i++) {
		const struct vote_problem *p = &found[i];
		const struct ynode *node = NULL;
		switch (p->rule) {
		case VOTE_RULE_OPTION_COUNT:
			if (!at->options)
				problem(l, first_key(at->vote), "a %s vote needs at least %d options", vote_type_name(v->type),
					AGENDA_OPTIONS_MIN);
			else if (at->options->type == YNODE_SEQUENCE || is_null(at->options))
				problem(l, at->options, "%s", p->message);
			continue; /* otherwise: not a list, reported already */
		case VOTE_RULE_DUPLICATE_OPTION:
			problem(l, at->options->items[p->index], "%s (first at line %d)", p->message,
				at->options->items[p->first]->line);
			continue;
		case VOTE_RULE_DOTS:
			if (!at->dots) {
				problem(l, first_key(at->vote), "a dots vote needs dots: how many dots each voter has (1-%d)",
					AGENDA_DOTS_MAX);
				continue;
			}
			node = at->dots;
			break;
		case VOTE_RULE_NO_OPTIONS: node = at->options; break;
		case VOTE_RULE_MAX_CHOICES: node = at->max_choices; break;
		case VOTE_RULE_MAX_PER_OPTION: node = at->max_per_option; break;
		case VOTE_RULE_SCALE_MIN: node = at->min; break;
		case VOTE_RULE_SCALE_MAX:
		case VOTE_RULE_SCALE_ORDER:
		case VOTE_RULE_SCALE_SPAN: node = at->max; break;
		case VOTE_RULE_LABEL: node = at->label_keys[p->index]; break;
		case VOTE_RULE_ANONYMOUS_RANK: node = at->anonymous; break;
		}
		if (p->rule == VOTE_RULE_SCALE_MIN || p->rule == VOTE_RULE_SCALE_MAX || p->rule == VOTE_RULE_SCALE_ORDER
				|| p->rule == VOTE_RULE_SCALE_SPAN)
			*scale_ok = false;
		problem(l, node ? node : first_key(at->vote), "%s", p->message);
	}
}

static void load_vote(struct loader *l, const struct ynode *node, struct agenda_vote *v)
{
	const char *allowed[COUNT(vote_keys)];
	for (size_t i = 0; i < COUNT(vote_keys); i++)
		allowed[i] = vote_keys[i].key;
	static const char *const required[] = { "id", "question", "type" };
	const struct key_rules rules = { "vote", allowed, COUNT(allowed), required, COUNT(required) };
	check_keys(l, node, &rules);
	v->line = first_key(node)->line;
	v->col = first_key(node)->col;
	const struct ynode *id = yamltree_get(node, "id"), *question = yamltree_get(node, "question"),
		*type = yamltree_get(node, "type");
	if (id) {
		v->id = text_value(l, id, "id");
		if (v->id && !valid_ident(v->id, IDENT_MAX)) {
			problem(l, id, "vote id must be 1-%d letters, digits, '_', '-' or '.', e.g. language-first",
				IDENT_MAX);
			v->id = NULL;
		}
	}
	if (question)
		v->question = text_value(l, question, "question");
	if (!type)
		return;
	if (type->type != YNODE_SCALAR || !vote_type_parse(type->text, &v->type)) {
		problem(l, type, "unknown vote type %.60s (types: single, multi, dots, rank, scale, consent)",
			type->type == YNODE_SCALAR ? type->text : "");
		return;
	}
	for (int i = 0; i < node->n; i++) {
		const struct ynode *key = node->items[2 * i];
		for (size_t k = 0; k < COUNT(vote_keys); k++)
			if (strcmp(key->text, vote_keys[k].key) == 0 && !(vote_keys[k].types & (1 << v->type)))
				problem(l, key, "%s applies only to %s, not to a %s vote", key->text, vote_keys[k].applies,
					vote_type_name(v->type));
	}
	struct vote_nodes at = { .vote = node };
	bool scale = v->type == VOTE_SCALE && load_scale(l, node, v, &at);
	if (vote_rules_takes_options(v->type))
		load_options(l, node, v, &at);
	load_vote_numbers(l, node, v, &at);
	const struct ynode *flag;
	if ((flag = yamltree_get(node, "anonymous")))
		bool_value(l, flag, "anonymous", &v->anonymous);
	at.anonymous = flag;
	if ((flag = yamltree_get(node, "hide_results")))
		bool_value(l, flag, "hide_results", &v->hide_results);
	if (v->type == VOTE_SCALE && !scale) {
		v->min = 0; /* no bounds to check: the missing ones are reported */
		v->max = 1;
	}
	bool scale_ok;
	report_vote_rules(l, v, &at, &scale_ok);
	if (scale && scale_ok)
		load_label_texts(l, node, v, &at);
	load_voters(l, yamltree_get(node, "voters"), v);
}

/* ---- agenda items ---- */

static void load_domains(struct loader *l, const struct ynode *node, struct agenda_item *item)
{
	const struct ynode *list;
	char **codes = text_list(l, node, "domains", &item->n_domains, &list);
	if (!codes || !l->codebook_ok)
		return;
	const struct codebook *cb = &l->agenda->codebook;
	int kept = 0;
	for (int i = 0, c = 0; i < list->n; i++) {
		const struct ynode *code = list->items[i];
		if (code->type != YNODE_SCALAR || is_null(code))
			continue; /* reported by text_list */
		char *text = codes[c++];
		const struct codebook_entry *entry = codebook_find(cb, text);
		if (entry) { /* as the codebook has it: housing for the Dutch wonen */
			codes[kept++] = strcmp(entry->code, text) == 0 ? text : arena_strndup(l->arena, entry->code, strlen(entry->code));
			continue;
		}
		const char *near = codebook_nearest(cb, text);
		if (near)
			problem(l, code, "unknown code %.60s in codebook %s (did you mean %s?)", text, cb->name, near);
		else
			problem(l, code, "unknown code %.60s in codebook %s", text, cb->name);
	}
	item->domains = codes;
	item->n_domains = kept;
}

static void load_item(struct loader *l, const struct ynode *node, struct agenda_item *item,
	struct placed_id *item_id, struct placed_id *vote_ids, int *n_vote_ids)
{
	static const char *const allowed[] = { "id", "title", "minutes", "prompt", "prompts", "notes", "domains",
		"votes" };
	static const char *const required[] = { "id", "title", "minutes" };
	static const struct key_rules rules = { "agenda item", allowed, COUNT(allowed), required, COUNT(required) };
	check_keys(l, node, &rules);
	const struct ynode *id = yamltree_get(node, "id"), *title = yamltree_get(node, "title"),
		*minutes = yamltree_get(node, "minutes");
	if (id) {
		item->id = text_value(l, id, "id");
		if (item->id && !valid_ident(item->id, IDENT_MAX)) {
			problem(l, id, "item id must be 1-%d letters, digits, '_', '-' or '.', e.g. language", IDENT_MAX);
			item->id = NULL;
		}
		if (item->id)
			*item_id = (struct placed_id){ item->id, id };
	}
	if (title)
		item->title = text_value(l, title, "title");
	if (minutes)
		int_value(l, minutes, "minutes", 1, AGENDA_MINUTES_MAX, &item->minutes);
	const struct ynode *prompt = yamltree_get(node, "prompt"), *prompts = yamltree_get(node, "prompts");
	if (prompt && prompts) {
		problem(l, prompts, "give either prompt or prompts, not both");
	} else if (prompt && !is_null(prompt)) {
		char *text = text_value(l, prompt, "prompt");
		if (text) {
			item->prompts = arena_alloc(l->arena, sizeof *item->prompts);
			item->prompts[0] = text;
			item->n_prompts = 1;
		}
	} else if (prompts) {
		item->prompts = text_list(l, node, "prompts", &item->n_prompts, NULL);
	}
	item->notes = optional_text(l, node, "notes");
	load_domains(l, node, item);
	const struct ynode *votes = yamltree_get(node, "votes");
	if (!votes || is_null(votes))
		return;
	if (votes->type != YNODE_SEQUENCE) {
		problem(l, votes, "votes must be a list of {id, question, type, ...}");
		return;
	}
	item->votes = alloc_array(l, votes->n, sizeof *item->votes);
	for (int i = 0; i < votes->n; i++) {
		const struct ynode *v = votes->items[i];
		if (!expect_mapping(l, v, "a vote"))
			continue;
		struct agenda_vote *vote = &item->votes[item->n_votes++];
		load_vote(l, v, vote);
		if (vote->id)
			vote_ids[(*n_vote_ids)++] = (struct placed_id){ vote->id, yamltree_get(v, "id") };
	}
}

static int count_votes(const struct ynode *items)
{
	int n = 0;
	for (int i = 0; i < items->n; i++) {
		const struct ynode *votes = yamltree_get(items->items[i], "votes");
		if (votes && votes->type == YNODE_SEQUENCE)
			n += votes->n;
	}
	return n;
}

static void load_items(struct loader *l, const struct ynode *node)
{
	if (node->type != YNODE_SEQUENCE) {
		problem(l, node, "agenda must be a list of items, each {id, title, minutes, ...}");
		return;
	}
	if (node->n == 0) {
		problem(l, node, "agenda needs at least one item");
		return;
	}
	struct agenda *a = l->agenda;
	a->items = alloc_array(l, node->n, sizeof *a->items);
	struct placed_id *item_ids = placed_ids_new(node->n);
	struct placed_id *vote_ids = placed_ids_new(count_votes(node));
	int n_item_ids = 0, n_vote_ids = 0;
	if (!item_ids || !vote_ids) {
		problem(l, node, "out of memory");
		free(item_ids);
		free(vote_ids);
		return;
	}
	for (int i = 0; i < node->n; i++) {
		const struct ynode *item = node->items[i];
		if (!expect_mapping(l, item, "an agenda item"))
			continue;
		struct placed_id id = { NULL, NULL };
		load_item(l, item, &a->items[a->n_items++], &id, vote_ids, &n_vote_ids);
		if (id.id)
			item_ids[n_item_ids++] = id;
	}
	report_duplicates(l, item_ids, n_item_ids, "agenda item id", "");
	report_duplicates(l, vote_ids, n_vote_ids, "vote id", " (vote ids are unique across the agenda)");
	free(item_ids);
	free(vote_ids);
}

static void load_document(struct loader *l, const struct ynode *root)
{
	static const char *const allowed[] = { "klankbord", "session", "codebook", "participants", "agenda" };
	static const char *const required[] = { "session", "agenda" };
	static const struct key_rules rules = { "agenda file", allowed, COUNT(allowed), required, COUNT(required) };
	if (root->type != YNODE_MAPPING) {
		problem(l, root, "an agenda file is a mapping with session: and agenda: at the top, not %s",
			yamltree_type_name(root));
		return;
	}
	check_keys(l, root, &rules);
	const struct ynode *version = yamltree_get(root, "klankbord");
	l->agenda->format_version = 1;
	if (version && int_value(l, version, "klankbord (the format version)", 1, INT_MAX,
			&l->agenda->format_version) && l->agenda->format_version > 1)
		problem(l, version, "agenda format version %d is newer than this klankbord reads (1)",
			l->agenda->format_version);
	const struct ynode *session = yamltree_get(root, "session");
	if (session)
		load_session(l, session);
	load_codebook(l, yamltree_get(root, "codebook"));
	load_participants(l, yamltree_get(root, "participants"));
	const struct ynode *items = yamltree_get(root, "agenda");
	if (items)
		load_items(l, items);
}

/* ---- loading ---- */

struct agenda_arena; /* the public name of struct arena inside an agenda */

/* Loads the agenda from text (len bytes, then a NUL) that already lives in arena; on
 * success that text, without a BOM, is the agenda's source. On failure frees arena. */
static struct agenda *load_source(struct arena *arena, char *text, size_t len, struct diag_list *diags)
{
	int before = diags->count;
	size_t bom = textscan_bom_length(text, len);
	text += bom;
	len -= bom;
	struct agenda *agenda = arena_alloc(arena, sizeof *agenda);
	if (!agenda) {
		arena_free(arena);
		diag_add(diags, 0, 0, "out of memory");
		return NULL;
	}
	agenda->arena = (struct agenda_arena *)arena;
	struct yamltree_limits limits = { AGENDA_MAX_DEPTH, AGENDA_MAX_SCALAR_BYTES };
	bool empty;
	struct ynode *root = yamltree_parse(text, len, &limits, arena, diags, &empty);
	if (empty)
		diag_add(diags, 1, 1, "empty agenda file: it needs at least session: and agenda:");
	if (root) {
		struct loader l = { .arena = arena, .diags = diags, .agenda = agenda };
		load_document(&l, root);
	}
	if (diags->count > before) {
		diag_sort(diags);
		arena_free(arena);
		return NULL;
	}
	agenda->source = text;
	agenda->source_len = len;
	return agenda;
}

struct agenda *agenda_load_buffer(const char *text, size_t len, struct diag_list *diags)
{
	if (len > AGENDA_MAX_FILE_BYTES) {
		diag_add(diags, 0, 0, "file is %zu bytes; an agenda may have at most %d (1 MiB)", len,
			AGENDA_MAX_FILE_BYTES);
		return NULL;
	}
	struct arena *arena = arena_new();
	char *copy = arena ? arena_strndup(arena, text, len) : NULL;
	if (!copy) {
		arena_free(arena);
		diag_add(diags, 0, 0, "out of memory");
		return NULL;
	}
	return load_source(arena, copy, len, diags);
}

/* Reads fd to its end into buffer, which has room for capacity bytes: the file's size as
 * checked, plus one. False, with the problem in diags, when reading fails or the file
 * has grown past that size. */
static bool read_file(int fd, char *buffer, size_t capacity, size_t *len, struct diag_list *diags,
	bool *io_error)
{
	*len = 0;
	for (;;) {
		ssize_t n = read(fd, buffer + *len, capacity - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_add(diags, 0, 0, "cannot read: %s", strerror(errno));
			*io_error = true;
			return false;
		}
		if (n == 0)
			return true;
		*len += (size_t)n;
		if (*len == capacity) { /* the file grew while we read it: the size check stands */
			diag_add(diags, 0, 0, "file is larger than the 1 MiB an agenda may have");
			return false;
		}
	}
}

/* The file is read straight into the arena of the agenda it becomes, whose source it stays. */
struct agenda *agenda_load_file(const char *path, struct diag_list *diags, bool *io_error)
{
	*io_error = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		diag_add(diags, 0, 0, "cannot open: %s", strerror(errno));
		*io_error = true;
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, 0, 0, "not a regular file");
		*io_error = true;
		close(fd);
		return NULL;
	}
	if (st.st_size > AGENDA_MAX_FILE_BYTES) {
		diag_add(diags, 0, 0, "file is %lld bytes; an agenda may have at most %d (1 MiB)",
			(long long)st.st_size, AGENDA_MAX_FILE_BYTES);
		close(fd);
		return NULL;
	}
	size_t capacity = (size_t)st.st_size + 1, len;
	struct arena *arena = arena_new();
	char *buffer = arena ? arena_alloc_text(arena, capacity) : NULL;
	if (!buffer) {
		arena_free(arena);
		diag_add(diags, 0, 0, "out of memory");
		close(fd);
		return NULL;
	}
	bool read_ok = read_file(fd, buffer, capacity, &len, diags, io_error);
	close(fd);
	if (!read_ok) {
		arena_free(arena);
		return NULL;
	}
	buffer[len] = '\0';
	return load_source(arena, buffer, len, diags);
}

void agenda_free(struct agenda *agenda)
{
	if (agenda)
		arena_free((struct arena *)agenda->arena);
}

/* ---- lookups and names ---- */

int agenda_item_index(const struct agenda *agenda, const char *id)
{
	for (int i = 0; i < agenda->n_items; i++)
		if (strcmp(agenda->items[i].id, id) == 0)
			return i;
	return -1;
}

int agenda_participant_index(const struct agenda *agenda, const char *id)
{
	for (int i = 0; i < agenda->n_participants; i++)
		if (strcmp(agenda->participants[i].id, id) == 0)
			return i;
	return -1;
}

const struct agenda_vote *agenda_vote_find(const struct agenda *agenda, const char *id, int *item_index)
{
	for (int i = 0; i < agenda->n_items; i++)
		for (int v = 0; v < agenda->items[i].n_votes; v++)
			if (strcmp(agenda->items[i].votes[v].id, id) == 0) {
				if (item_index)
					*item_index = i;
				return &agenda->items[i].votes[v];
			}
	return NULL;
}

int agenda_total_minutes(const struct agenda *agenda)
{
	int total = 0;
	for (int i = 0; i < agenda->n_items; i++)
		total += agenda->items[i].minutes;
	return total;
}

int agenda_total_votes(const struct agenda *agenda)
{
	int total = 0;
	for (int i = 0; i < agenda->n_items; i++)
		total += agenda->items[i].n_votes;
	return total;
}

static const char *const vote_type_names[] = { "single", "multi", "dots", "rank", "scale", "consent" };
static const char *const role_names[] = { "expert", "interpreter", "observer", "staff" };

const char *vote_type_name(enum vote_type type)
{
	return (unsigned)type < COUNT(vote_type_names) ? vote_type_names[type] : "unknown";
}

bool vote_type_parse(const char *name, enum vote_type *out)
{
	for (size_t i = 0; i < COUNT(vote_type_names); i++)
		if (strcmp(name, vote_type_names[i]) == 0)
			return *out = (enum vote_type)i, true;
	return false;
}

const char *participant_role_name(enum participant_role role)
{
	return (unsigned)role < COUNT(role_names) ? role_names[role] : "unknown";
}

bool participant_role_parse(const char *name, enum participant_role *out)
{
	for (size_t i = 0; i < COUNT(role_names); i++)
		if (strcmp(name, role_names[i]) == 0)
			return *out = (enum participant_role)i, true;
	return false;
}
