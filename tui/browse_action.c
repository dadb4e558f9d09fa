/* browse_action: see browse_action.h. */
#include "tui/browse_action.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define BROWSE_ACTION_ROW(name, cfg, section, help, k1, k2, k3, k4) { name, cfg, section, help, { k1, k2, k3, k4 } },
static const struct browse_action_info browse_table[] = { BROWSE_ACTIONS(BROWSE_ACTION_ROW) };
#undef BROWSE_ACTION_ROW
enum { BROWSE_TABLE_N = (int)(sizeof browse_table / sizeof browse_table[0]) };

const struct browse_action_info *browse_action_info(enum browse_action action)
{
	if (action <= BACT_NONE || action >= BACT_COUNT)
		return NULL;
	return &browse_table[action - 1];
}

enum browse_action browse_action_of(int key, bool is_key)
{
	if (key == 0)
		return BACT_NONE;
	for (int a = 0; a < BROWSE_TABLE_N; a++)
		for (int k = 0; k < BROWSE_KEYS_MAX; k++)
			if (browse_table[a].keys[k] == key && (key >= KEY_MIN) == is_key)
				return browse_table[a].action;
	return BACT_NONE;
}

static void browse_key_name(int key, char *buf, size_t size)
{
	if (key == ' ')
		snprintf(buf, size, "Space");
	else if (key > ' ' && key < 127)
		snprintf(buf, size, "%c", key);
	else
		action_key_name(key, buf, size);
}

void browse_action_keys(enum browse_action action, int max, char *buf, size_t size)
{
	const struct browse_action_info *info = browse_action_info(action);
	size_t len = 0;
	int shown = 0;
	buf[0] = 0;
	for (int k = 0; info && k < BROWSE_KEYS_MAX && info->keys[k] && len < size && shown < max; k++) {
		char name[32];
		browse_key_name(info->keys[k], name, sizeof name);
		bool seen = strcmp(name, "Return") == 0 || strcmp(name, "KpEnter") == 0; /* Enter is three keys */
		for (int j = 0; j < k && !seen; j++) {
			char earlier[32];
			browse_key_name(info->keys[j], earlier, sizeof earlier);
			seen = strcmp(earlier, name) == 0; /* Backspace is two */
		}
		if (seen)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "/" : "", name);
		shown++;
	}
}
