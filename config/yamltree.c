/* yamltree: see yamltree.h. */
#include "config/yamltree.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "config/textscan.h"

/* One open collection per depth. The items array is malloc'd and kept for the next
 * collection at the same depth; each collection's items are copied to the arena when it ends. */
struct frame {
	struct ynode *node;         /* the collection being built */
	struct ynode **items;
	int count, capacity;
};

struct builder {
	const char *text;
	size_t len;
	const struct yamltree_limits *limits;
	struct arena *arena;
	struct diag_list *diags;
	struct frame *frames;       /* max_depth + 1 entries */
	int depth;
	struct ynode *root;
	bool failed;
};

__attribute__((format(printf, 4, 5)))
static void fail(struct builder *b, int line, int col, const char *format, ...)
{
	if (b->failed)
		return;
	b->failed = true;
	va_list args;
	va_start(args, format);
	diag_addv(b->diags, line, col, format, args);
	va_end(args);
}

static bool push_item(struct builder *b, struct frame *f, struct ynode *node)
{
	if (f->count == f->capacity) {
		int capacity = f->capacity ? f->capacity * 2 : 8;
		struct ynode **items = realloc(f->items, (size_t)capacity * sizeof *items);
		if (!items) {
			fail(b, node->line, node->col, "%s", "out of memory");
			return false;
		}
		f->items = items;
		f->capacity = capacity;
	}
	f->items[f->count++] = node;
	return true;
}

static void attach(struct builder *b, struct ynode *node)
{
	if (b->depth == 0) {
		b->root = node;
		return;
	}
	struct frame *f = &b->frames[b->depth - 1];
	bool is_key = f->node->type == YNODE_MAPPING && f->count % 2 == 0;
	if (is_key && node->type != YNODE_SCALAR) {
		fail(b, node->line, node->col, "a key must be plain text, not %s", yamltree_type_name(node));
		return;
	}
	push_item(b, f, node);
}

struct keyed_pair {
	int pair;                 /* index of the pair in the mapping, in file order */
	const struct ynode *key;
};

/* Orders by key text, then by file order, for finding duplicates. */
static int compare_keys(const void *pa, const void *pb)
{
	const struct keyed_pair *a = pa, *b = pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->text, b->key->text, n);
	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	return a->pair - b->pair;
}

static bool same_key(const struct ynode *a, const struct ynode *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

enum { FEW_PAIRS = 16 };

/* False when the mapping surely has no duplicate key: a direct comparison for a mapping
 * of a few pairs (most of them), which spares the sort. */
static bool may_have_duplicate_keys(const struct frame *f)
{
	int pairs = f->count / 2;
	if (pairs > FEW_PAIRS)
		return true;
	for (int i = 1; i < pairs; i++)
		for (int j = 0; j < i; j++)
			if (same_key(f->items[2 * i], f->items[2 * j]))
				return true;
	return false;
}

/* Reports every key that repeats an earlier one, at the later key, and drops its pair.
 * Sorting keeps this fast on hostile files with a hundred thousand keys. */
static bool drop_duplicate_keys(struct builder *b, struct frame *f)
{
	int pairs = f->count / 2;
	if (pairs < 2 || !may_have_duplicate_keys(f))
		return true;
	struct keyed_pair *order = malloc((size_t)pairs * sizeof *order);
	bool *dropped = calloc((size_t)pairs, sizeof *dropped);
	if (!order || !dropped) {
		free(order);
		free(dropped);
		fail(b, f->node->line, f->node->col, "%s", "out of memory");
		return false;
	}
	for (int i = 0; i < pairs; i++)
		order[i] = (struct keyed_pair){ i, f->items[2 * i] };
	qsort(order, (size_t)pairs, sizeof *order, compare_keys);
	int first = 0; /* the earliest pair of the current run of equal keys */
	for (int i = 1; i < pairs; i++) {
		const struct ynode *key = order[i].key, *earliest = order[first].key;
		if (!same_key(key, earliest)) {
			first = i;
			continue;
		}
		diag_add(b->diags, key->line, key->col, "duplicate key %s (first at line %d)", key->text, earliest->line);
		dropped[order[i].pair] = true;
	}
	int kept = 0;
	for (int i = 0; i < pairs; i++) {
		if (dropped[i])
			continue;
		f->items[2 * kept] = f->items[2 * i];
		f->items[2 * kept + 1] = f->items[2 * i + 1];
		kept++;
	}
	f->count = 2 * kept;
	free(order);
	free(dropped);
	return true;
}

static struct ynode *new_node(struct builder *b, enum ynode_type type, const yaml_mark_t *mark)
{
	struct ynode *node = arena_alloc(b->arena, sizeof *node);
	if (!node) {
		fail(b, (int)mark->line + 1, (int)mark->column + 1, "%s", "out of memory");
		return NULL;
	}
	node->type = (unsigned char)type;
	node->line = (int)mark->line + 1;
	node->col = (int)mark->column + 1;
	return node;
}

static void open_collection(struct builder *b, enum ynode_type type, const yaml_event_t *event)
{
	const yaml_mark_t *mark = &event->start_mark;
	if (b->depth >= b->limits->max_depth) {
		fail(b, (int)mark->line + 1, (int)mark->column + 1,
			"nested too deeply: at most %d levels of lists and mappings", b->limits->max_depth);
		return;
	}
	struct ynode *node = new_node(b, type, mark);
	if (!node)
		return;
	struct frame *f = &b->frames[b->depth++];
	f->node = node;
	f->count = 0;
}

static void close_collection(struct builder *b)
{
	struct frame *f = &b->frames[b->depth - 1];
	struct ynode *node = f->node;
	if (node->type == YNODE_MAPPING && !drop_duplicate_keys(b, f))
		return;
	if (f->count > 0) {
		node->items = arena_alloc(b->arena, (size_t)f->count * sizeof *node->items);
		if (!node->items) {
			fail(b, node->line, node->col, "%s", "out of memory");
			return;
		}
		memcpy(node->items, f->items, (size_t)f->count * sizeof *node->items);
	}
	node->n = node->type == YNODE_MAPPING ? f->count / 2 : f->count;
	b->depth--;
	attach(b, node);
}

static void add_scalar(struct builder *b, const yaml_event_t *event)
{
	const yaml_mark_t *mark = &event->start_mark;
	size_t len = event->data.scalar.length;
	size_t max = b->limits->max_scalar < UINT_MAX ? b->limits->max_scalar : UINT_MAX;
	if (len > max) {
		fail(b, (int)mark->line + 1, (int)mark->column + 1, "text too long: %zu bytes, at most %zu",
			len, max);
		return;
	}
	if (memchr(event->data.scalar.value, '\0', len)) {
		fail(b, (int)mark->line + 1, (int)mark->column + 1, "%s", "NUL character in text (written as an escape)");
		return;
	}
	/* Raw control bytes never get this far (libyaml's reader and the pre-scan refuse them);
	 * a double-quoted scalar can still write them as escapes ("\e", "\x85", "\u009b"). */
	char problem[128];
	size_t bad;
	if (event->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
		&& !textscan_check((const char *)event->data.scalar.value, len, &bad, problem, sizeof problem)) {
		fail(b, (int)mark->line + 1, (int)mark->column + 1, "%s (written as an escape)", problem);
		return;
	}
	struct ynode *node = new_node(b, YNODE_SCALAR, mark);
	if (!node)
		return;
	node->text = arena_strndup(b->arena, (const char *)event->data.scalar.value, len);
	node->len = (unsigned)len;
	node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (!node->text) {
		fail(b, node->line, node->col, "%s", "out of memory");
		return;
	}
	attach(b, node);
}

/* libyaml's line of the error; when that line is indented with a tab, say so. */
static void report_syntax_error(struct builder *b, const yaml_parser_t *parser)
{
	if (parser->error == YAML_READER_ERROR) {
		struct text_position p = textscan_position(b->text, b->len, parser->problem_offset);
		fail(b, p.line, p.col, "%s", parser->problem ? parser->problem : "unreadable text");
		return;
	}
	const yaml_mark_t *mark = &parser->problem_mark;
	int line = (int)mark->line + 1;
	/* find the start of that line */
	size_t start = 0;
	int current = 1;
	for (size_t i = 0; i < b->len && current < line; i++) {
		if (b->text[i] == '\n' || (b->text[i] == '\r' && (i + 1 >= b->len || b->text[i + 1] != '\n'))) {
			current++;
			start = i + 1;
		}
	}
	for (size_t i = start; i < b->len && (b->text[i] == ' ' || b->text[i] == '\t'); i++) {
		if (b->text[i] == '\t') {
			fail(b, line, (int)(i - start) + 1, "%s", "tab character in indentation: indent with spaces");
			return;
		}
	}
	char message[DIAG_MESSAGE_MAX];
	if (parser->context)
		snprintf(message, sizeof message, "YAML syntax error: %s (%s)",
			parser->problem ? parser->problem : "unknown problem", parser->context);
	else
		snprintf(message, sizeof message, "YAML syntax error: %s",
			parser->problem ? parser->problem : "unknown problem");
	fail(b, line, (int)mark->column + 1, "%s", message);
}

static bool has_tag(const yaml_event_t *event)
{
	switch (event->type) {
	case YAML_SCALAR_EVENT:
		return event->data.scalar.tag != NULL;
	case YAML_SEQUENCE_START_EVENT:
		return event->data.sequence_start.tag != NULL;
	case YAML_MAPPING_START_EVENT:
		return event->data.mapping_start.tag != NULL;
	default:
		return false;
	}
}

static void handle_event(struct builder *b, const yaml_event_t *event, int *documents)
{
	const yaml_mark_t *mark = &event->start_mark;
	int line = (int)mark->line + 1, col = (int)mark->column + 1;
	if (has_tag(event)) {
		fail(b, line, col, "%s", "YAML tags (!name) are not used in agenda files");
		return;
	}
	switch (event->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*documents > 1)
			fail(b, line, col, "%s", "an agenda file holds one YAML document; a second one starts here");
		break;
	case YAML_ALIAS_EVENT:
		fail(b, line, col, "aliases are not allowed in agenda files (*%s): write the value out",
			(const char *)event->data.alias.anchor);
		break;
	case YAML_SCALAR_EVENT:
		add_scalar(b, event);
		break;
	case YAML_SEQUENCE_START_EVENT:
		open_collection(b, YNODE_SEQUENCE, event);
		break;
	case YAML_MAPPING_START_EVENT:
		open_collection(b, YNODE_MAPPING, event);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(b);
		break;
	default:
		break;
	}
}

/* Runs libyaml over the text, building the tree in b->root; problems go to b->diags. True
 * when libyaml read the text to its end and nothing was refused. */
static bool build_tree(struct builder *b)
{
	b->frames = calloc((size_t)b->limits->max_depth + 1, sizeof *b->frames);
	if (!b->frames) {
		fail(b, 0, 0, "%s", "out of memory");
		return false;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(b->frames);
		fail(b, 0, 0, "%s", "out of memory");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)b->text, b->len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	int documents = 0;
	bool done = false;
	while (!done && !b->failed) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			report_syntax_error(b, &parser);
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		handle_event(b, &event, &documents);
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	for (int i = 0; i <= b->limits->max_depth; i++)
		free(b->frames[i].items);
	free(b->frames);
	return done && !b->failed;
}

/* True when text holds U+0085 (NEXT LINE), encoded C2 85: the one character that libyaml
 * reads (as a line break) but textscan_check refuses. */
static bool has_next_line(const char *text, size_t len)
{
	const char *end = text + len;
	for (const char *p = text; (p = memchr(p, 0xC2, (size_t)(end - p))) != NULL; p++)
		if (end - p >= 2 && (unsigned char)p[1] == 0x85)
			return true;
	return false;
}

/* Text that libyaml reads to its end is valid UTF-8 without control characters: its reader
 * refuses everything textscan_check refuses but U+0085. So the pre-scan, which names the
 * first bad byte exactly, runs only when libyaml stopped early or U+0085 is there; when it
 * finds a problem, that problem alone is reported, as if it had run first. */
struct ynode *yamltree_parse(const char *text, size_t len, const struct yamltree_limits *limits,
	struct arena *arena, struct diag_list *diags, bool *empty)
{
	*empty = false;
	struct diag_list found;
	diag_list_init(&found);
	struct builder b = {
		.text = text, .len = len, .limits = limits, .arena = arena, .diags = &found,
	};
	bool complete = build_tree(&b);
	size_t bad;
	char problem[128];
	bool scan = !complete || has_next_line(text, len);
	if (scan && !textscan_check(text, len, &bad, problem, sizeof problem)) {
		diag_list_free(&found);
		struct text_position p = textscan_position(text, len, bad);
		diag_add(diags, p.line, p.col, "%s", problem);
		return NULL;
	}
	for (int i = 0; i < found.count; i++)
		diag_add(diags, found.items[i].line, found.items[i].col, "%s", found.items[i].message);
	diag_list_free(&found);
	if (b.failed)
		return NULL;
	if (!b.root || (b.root->type == YNODE_SCALAR && b.root->plain && b.root->len == 0)) {
		*empty = true;
		return NULL;
	}
	return b.root;
}

const struct ynode *yamltree_get(const struct ynode *mapping, const char *key)
{
	if (!mapping || mapping->type != YNODE_MAPPING)
		return NULL;
	for (int i = 0; i < mapping->n; i++)
		if (strcmp(mapping->items[2 * i]->text, key) == 0)
			return mapping->items[2 * i + 1];
	return NULL;
}

const char *yamltree_type_name(const struct ynode *node)
{
	switch (node->type) {
	case YNODE_MAPPING:
		return "a mapping";
	case YNODE_SEQUENCE:
		return "a list";
	default:
		return "text";
	}
}
