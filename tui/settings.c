/* settings: see settings.h. */
#include "tui/settings.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "config/arena.h"
#include "config/yamltree.h"

enum { SETTINGS_MAX_BYTES = 64 * 1024, SETTINGS_MAX_DEPTH = 6 };

struct loader {
	const char *path;
	char *err;
	size_t errlen;
	bool failed;
};

static bool problem(struct loader *l, const struct ynode *node, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
static bool problem(struct loader *l, const struct ynode *node, const char *format, ...)
{
	char message[256];
	va_list args;
	va_start(args, format);
	vsnprintf(message, sizeof message, format, args);
	va_end(args);
	if (!l->failed)
		snprintf(l->err, l->errlen, "%s:%d:%d: %s", l->path, node ? node->line : 1, node ? node->col : 1, message);
	l->failed = true;
	return false;
}

static bool parse_color(const char *text, short *out)
{
	static const char *const names[] = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};
	char *end;
	if (strcasecmp(text, "default") == 0) {
		*out = -1;
		return true;
	}
	for (int i = 0; i < 8; i++)
		if (strcasecmp(text, names[i]) == 0) {
			*out = (short)i;
			return true;
		}
	long n = strtol(text, &end, 10);
	if (end == text || *end || n < 0 || n > 255)
		return false;
	*out = (short)n;
	return true;
}

static bool parse_attrs(struct loader *l, const struct ynode *node, attr_t *out)
{
	static const struct { const char *name; attr_t attr; } names[] = {
		{"normal", A_NORMAL}, {"bold", A_BOLD}, {"dim", A_DIM}, {"underline", A_UNDERLINE}, {"reverse", A_REVERSE},
	};
	int n = node->type == YNODE_SEQUENCE ? node->n : 1;
	*out = A_NORMAL;
	for (int i = 0; i < n; i++) {
		const struct ynode *item = node->type == YNODE_SEQUENCE ? node->items[i] : node;
		size_t k = 0;
		if (item->type != YNODE_SCALAR)
			return problem(l, item, "attr and mono take an attribute name or a list of them");
		while (k < sizeof names / sizeof names[0] && strcasecmp(names[k].name, item->text) != 0)
			k++;
		if (k == sizeof names / sizeof names[0])
			return problem(l, item, "unknown attribute \"%s\" (normal, bold, dim, underline, reverse)", item->text);
		*out |= names[k].attr;
	}
	return true;
}

static bool load_style(struct loader *l, const struct ynode *node, struct theme_style *style)
{
	if (node->type != YNODE_MAPPING)
		return problem(l, node, "a theme role takes a mapping like {fg: yellow, attr: [bold]}, not %s",
			yamltree_type_name(node));
	for (int i = 0; i < node->n; i++) {
		const struct ynode *key = node->items[2 * i], *value = node->items[2 * i + 1];
		bool fg = strcmp(key->text, "fg") == 0, bg = strcmp(key->text, "bg") == 0;
		if (fg || bg) {
			short color;
			if (value->type != YNODE_SCALAR || !parse_color(value->text, &color))
				return problem(l, value, "unknown colour \"%s\" (default, black, red, green, yellow, blue, "
					"magenta, cyan, white or 0-255)", value->type == YNODE_SCALAR ? value->text : "");
			*(fg ? &style->fg : &style->bg) = color;
			*(fg ? &style->fg_set : &style->bg_set) = true;
		} else if (strcmp(key->text, "attr") == 0) {
			if (!parse_attrs(l, value, &style->attr))
				return false;
			style->attr_set = true;
		} else if (strcmp(key->text, "mono") == 0) {
			if (!parse_attrs(l, value, &style->mono))
				return false;
			style->mono_set = true;
		} else {
			return problem(l, key, "unknown theme key \"%s\" (fg, bg, attr, mono)", key->text);
		}
	}
	return true;
}

static bool load_theme(struct loader *l, const struct ynode *node, struct tui_settings *out)
{
	if (node->type != YNODE_MAPPING)
		return problem(l, node, "theme: a mapping of role names, not %s", yamltree_type_name(node));
	for (int i = 0; i < node->n; i++) {
		const struct ynode *key = node->items[2 * i];
		int role = theme_role_by_name(key->text);
		if (role < 0)
			return problem(l, key, "unknown theme role \"%s\" (see the help screen's roles in theme.h)", key->text);
		if (!load_style(l, node->items[2 * i + 1], &out->styles[role]))
			return false;
	}
	return true;
}

static bool load_keys(struct loader *l, const struct ynode *node, struct tui_settings *out)
{
	if (node->type != YNODE_MAPPING)
		return problem(l, node, "keys: a mapping of action names, not %s", yamltree_type_name(node));
	for (int i = 0; i < node->n; i++) {
		const struct ynode *key = node->items[2 * i], *value = node->items[2 * i + 1];
		enum tui_action action = action_by_name(key->text);
		int keys[ACTION_KEYS_MAX], n = value->type == YNODE_SEQUENCE ? value->n : 1;
		if (action == ACT_NONE)
			return problem(l, key, "unknown action \"%s\" (the help screen lists them)", key->text);
		if (n > ACTION_KEYS_MAX || n < 1)
			return problem(l, value, "%s: one to three keys", key->text);
		for (int k = 0; k < n; k++) {
			const struct ynode *item = value->type == YNODE_SEQUENCE ? value->items[k] : value;
			if (item->type != YNODE_SCALAR || !action_parse_key(item->text, &keys[k]))
				return problem(l, item, "unknown key \"%s\" (F1-F24, Shift-F1, Ctrl-A, Enter, Tab, Esc, "
					"Backspace, Delete, Insert, Up, Down, Left, Right, Home, End, PgUp, PgDn)",
					item->type == YNODE_SCALAR ? item->text : "");
		}
		keymap_bind(&out->keymap, action, keys, n);
	}
	return true;
}

static bool load_tree(struct loader *l, const struct ynode *root, struct tui_settings *out)
{
	if (root->type != YNODE_MAPPING)
		return problem(l, root, "the config file is a mapping with theme: and keys:, not %s", yamltree_type_name(root));
	for (int i = 0; i < root->n; i++) {
		const struct ynode *key = root->items[2 * i], *value = root->items[2 * i + 1];
		bool ok;
		if (strcmp(key->text, "theme") == 0)
			ok = load_theme(l, value, out);
		else if (strcmp(key->text, "keys") == 0)
			ok = load_keys(l, value, out);
		else
			ok = problem(l, key, "unknown section \"%s\" (theme, keys)", key->text);
		if (!ok)
			return false;
	}
	return true;
}

bool settings_default_path(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(buf, size, "%s/klankbord/config.yaml", xdg);
	else if (home && home[0])
		snprintf(buf, size, "%s/.config/klankbord/config.yaml", home);
	else
		return false;
	return true;
}

/* Reads at most SETTINGS_MAX_BYTES; NULL with errno set when it cannot. */
static char *read_small_file(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return NULL;
	char *text = malloc(SETTINGS_MAX_BYTES + 1);
	*len = text ? fread(text, 1, SETTINGS_MAX_BYTES + 1, in) : 0;
	fclose(in);
	if (text && *len > SETTINGS_MAX_BYTES) {
		free(text);
		errno = EFBIG;
		return NULL;
	}
	return text;
}

int settings_load(const char *path, struct tui_settings *out, char *err, size_t errlen)
{
	char default_path[1024];
	bool given = path != NULL;
	memset(out, 0, sizeof *out);
	keymap_defaults(&out->keymap);
	if (!given && !settings_default_path(default_path, sizeof default_path))
		return 0;
	if (!given)
		path = default_path;
	size_t len = 0;
	char *text = read_small_file(path, &len);
	if (!text) {
		if (!given && errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return errno == ENOENT ? EX_NOINPUT : EX_CONFIG;
	}
	struct loader l = {path, err, errlen, false};
	struct yamltree_limits limits = {SETTINGS_MAX_DEPTH, 1024};
	struct arena *arena = arena_new();
	struct diag_list diags;
	bool empty = false;
	diag_list_init(&diags);
	const struct ynode *root = arena ? yamltree_parse(text, len, &limits, arena, &diags, &empty) : NULL;
	if (!root && diags.count > 0)
		snprintf(err, errlen, "%s:%d:%d: %s", path, diags.items[0].line, diags.items[0].col, diags.items[0].message);
	else if (!root && !empty)
		snprintf(err, errlen, "%s: out of memory", path);
	bool ok = root ? load_tree(&l, root, out) : empty;
	diag_list_free(&diags);
	arena_free(arena);
	free(text);
	return ok ? 0 : EX_CONFIG;
}
