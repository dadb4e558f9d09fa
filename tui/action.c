/* action: see action.h. */
#include "tui/action.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define TUI_ACTION_ROW(name, cfg, section, help, line, k1, k2, k3) {name, cfg, section, help, line, {k1, k2, k3}},
static const struct tui_action_info action_table[] = { TUI_ACTIONS(TUI_ACTION_ROW) };
#undef TUI_ACTION_ROW

const struct tui_action_info *action_info(enum tui_action action)
{
	if (action <= ACT_NONE || action >= ACT_COUNT)
		return NULL;
	return &action_table[action - 1];
}

enum tui_action action_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof action_table / sizeof action_table[0]; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return action_table[i].action;
	return ACT_NONE;
}

void keymap_defaults(struct tui_keymap *map)
{
	memset(map, 0, sizeof *map);
	for (size_t i = 0; i < sizeof action_table / sizeof action_table[0]; i++)
		memcpy(map->keys[action_table[i].action], action_table[i].keys, sizeof map->keys[0]);
}

static void unbind_key(struct tui_keymap *map, int key)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		int kept = 0;
		for (int k = 0; k < ACTION_KEYS_MAX; k++)
			if (map->keys[a][k] != key)
				map->keys[a][kept++] = map->keys[a][k];
		while (kept < ACTION_KEYS_MAX)
			map->keys[a][kept++] = 0;
	}
}

void keymap_bind(struct tui_keymap *map, enum tui_action action, const int *keys, int n)
{
	if (action <= ACT_NONE || action >= ACT_COUNT)
		return;
	memset(map->keys[action], 0, sizeof map->keys[action]);
	for (int k = 0; k < n && k < ACTION_KEYS_MAX; k++) {
		unbind_key(map, keys[k]);
		map->keys[action][k] = keys[k];
	}
}

/* Characters below 0x20 and DEL arrive as characters; everything else bound is a KEY_ code. */
static bool key_is_char(int key)
{
	return key > 0 && key < KEY_MIN;
}

enum tui_action keymap_action(const struct tui_keymap *map, int key, bool is_key)
{
	if (key == 0 || (!is_key && !(key < 0x20 || key == 127)))
		return ACT_NONE; /* printable text */
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		for (int k = 0; k < ACTION_KEYS_MAX; k++)
			if (map->keys[a][k] == key && key_is_char(key) != is_key)
				return (enum tui_action)a;
	return ACT_NONE;
}

int keymap_first_key(const struct tui_keymap *map, enum tui_action action)
{
	return action > ACT_NONE && action < ACT_COUNT ? map->keys[action][0] : 0;
}

static const struct { int key; const char *name; } key_names[] = {
	{10, "Enter"}, {13, "Return"}, {KEY_ENTER, "KpEnter"}, {9, "Tab"}, {27, "Esc"},
	{KEY_BACKSPACE, "Backspace"}, {127, "Backspace"}, {8, "Ctrl-H"}, {KEY_DC, "Delete"},
	{KEY_IC, "Insert"}, {KEY_LEFT, "Left"}, {KEY_RIGHT, "Right"}, {KEY_UP, "Up"}, {KEY_DOWN, "Down"},
	{KEY_HOME, "Home"}, {KEY_END, "End"}, {KEY_PPAGE, "PgUp"}, {KEY_NPAGE, "PgDn"},
};

void action_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	if (key >= KEY_F(13) && key <= KEY_F(24))
		snprintf(buf, size, "Shift-F%d", key - KEY_F(12));
	else if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F0);
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else
		snprintf(buf, size, "%s", keyname(key) ? keyname(key) : "?");
}

bool action_parse_key(const char *name, int *key)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(key_names[i].name, name) == 0) {
			*key = key_names[i].key;
			return true;
		}
	int n = 0;
	char c = 0, end = 0;
	if (strncasecmp(name, "Shift-F", 7) == 0 && sscanf(name + 7, "%d%c", &n, &end) == 1 && n >= 1 && n <= 12) {
		*key = KEY_F(n + 12);
		return true;
	}
	if ((name[0] == 'F' || name[0] == 'f') && sscanf(name + 1, "%d%c", &n, &end) == 1 && n >= 1 && n <= 24) {
		*key = KEY_F(n);
		return true;
	}
	if (strncasecmp(name, "Ctrl-", 5) == 0 && sscanf(name + 5, "%c%c", &c, &end) == 1
		&& ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
		*key = TUI_CTRL(c);
		return true;
	}
	return false;
}

void keymap_keys_text(const struct tui_keymap *map, enum tui_action action, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = 0;
	if (action <= ACT_NONE || action >= ACT_COUNT)
		return;
	for (int k = 0; k < ACTION_KEYS_MAX && map->keys[action][k]; k++) {
		char name[32];
		action_key_name(map->keys[action][k], name, sizeof name);
		if (strstr(buf, name))
			continue; /* Backspace is both KEY_BACKSPACE and DEL */
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s", len ? "/" : "", name);
		if (len >= size)
			return;
	}
}
