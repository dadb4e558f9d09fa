/* complete: see complete.h. */
#include "tui/complete.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

struct matcher {
	char word[COMPLETE_TEXT_MAX];     /* what was typed, marker included */
	size_t word_len;
	char common[COMPLETE_TEXT_MAX];   /* longest common prefix of the matches so far */
	const char *suffix;               /* appended after a unique match */
	struct tui_completion *out;
};

/* Offers one candidate, e.g. marker "#" and name "language". */
static void offer(struct matcher *m, const char *marker, const char *name)
{
	char full[COMPLETE_TEXT_MAX];
	snprintf(full, sizeof full, "%s%s", marker, name);
	if (strncasecmp(full, m->word, m->word_len) != 0)
		return;
	if (m->out->n_matches++ == 0) {
		snprintf(m->common, sizeof m->common, "%s", full);
	} else {
		size_t i = 0;
		while (m->common[i] && m->common[i] == full[i])
			i++;
		m->common[i] = 0;
	}
	size_t used = strlen(m->out->message);
	if (used + strlen(full) + 2 < sizeof m->out->message)
		snprintf(m->out->message + used, sizeof m->out->message - used, "%s%s", used ? " " : "", full);
}

/* The command a line starts with ("/vo", "/vote"), when its first word names one
 * (exactly, or as a unique start); -1 otherwise. */
static int line_command(const wchar_t *line, size_t start)
{
	char name[32];
	size_t n = 0;
	if (line[0] != L'/')
		return -1;
	for (size_t i = 1; i < start && !iswspace((wint_t)line[i]) && n + 1 < sizeof name; i++)
		name[n++] = (char)(line[i] < 0x7f ? line[i] : '?');
	name[n] = 0;
	for (size_t i = 1 + n; i < start; i++)
		if (!iswspace((wint_t)line[i]))
			return -1; /* only the word right after the command */
	int found = -1;
	for (int c = 0; c < CMD_COUNT && n > 0; c++) {
		const char *full = capture_command_name((enum capture_command)c);
		if (strcasecmp(full, name) == 0)
			return c;
		if (strncasecmp(full, name, n) == 0)
			found = found == -1 ? c : -2;
	}
	return found >= 0 ? found : -1;
}

/* The ids a command's argument can be: items, the current item's votes, participants. */
static void offer_ids(struct matcher *m, const struct session *session, int command)
{
	switch (command) {
	case CMD_ITEM:
		for (int i = 0; i < session->n_items; i++)
			offer(m, "", session->items[i].def->id);
		break;
	case CMD_VOTE:
	case CMD_REOPEN:
		for (int v = 0; v < session->n_votes; v++)
			if (session->votes[v].item == session->current_item && (command == CMD_REOPEN
				? session->votes[v].status == SESSION_VOTE_CLOSED : !session->votes[v].adhoc))
				offer(m, "", session->votes[v].def->id);
		break;
	case CMD_HANDOVER:
		for (int i = 0; i < session->n_consoles; i++)
			if (strcmp(session->consoles[i].name, session->console) != 0)
				offer(m, "", session->consoles[i].name);
		break;
	case CMD_WITHDRAW:
	case CMD_BALLOT:
		for (int i = 0; i < session->n_participants; i++)
			offer(m, "", session->participants[i].id);
		break;
	default:
		break;
	}
}

/* The command of a line whose word at start follows the command and an entry number
 * ("/edit 12 ", where an edit's speaker goes; "/move 12 ", where the item goes); -1
 * otherwise. */
static int command_after_number(const wchar_t *line, size_t start)
{
	size_t i = 0;
	while (i < start && !iswspace((wint_t)line[i]))
		i++;
	while (i < start && iswspace((wint_t)line[i]))
		i++;
	int command = line_command(line, i);
	if (command != CMD_EDIT && command != CMD_MOVE_ENTRY)
		return -1;
	size_t digits = i;
	while (i < start && iswdigit((wint_t)line[i]))
		i++;
	if (i == digits)
		return -1;
	while (i < start && iswspace((wint_t)line[i]))
		i++;
	return i == start && iswspace((wint_t)line[start - 1]) ? command : -1;
}

bool complete_line(const struct session *session, const wchar_t *line, size_t cursor,
	struct tui_completion *out)
{
	struct matcher m = {.out = out, .suffix = " "};
	size_t start = cursor;
	memset(out, 0, sizeof *out);
	while (start > 0 && !iswspace((wint_t)line[start - 1]))
		start--;
	out->start = start;
	if (cursor - start >= COMPLETE_TEXT_MAX)
		return false;
	for (size_t i = start; i < cursor; i++) {
		if (line[i] > 0x7e)
			return false; /* ids, codes, kinds and commands are ASCII */
		m.word[m.word_len++] = (char)line[i];
	}
	const struct agenda *agenda = session->agenda;
	/* The Dutch words only when no English one fits, so that #w still completes to #work. */
	if (m.word[0] == '#') {
		for (int i = 0; i < agenda->codebook.n_entries; i++)
			offer(&m, "#", agenda->codebook.entries[i].code);
		bool english = out->n_matches > 0;
		for (int i = 0; !english && i < agenda->codebook.n_entries; i++)
			if (agenda->codebook.entries[i].alias)
				offer(&m, "#", agenda->codebook.entries[i].alias);
	} else if (m.word[0] == '!') {
		for (int k = 0; k < KIND_COUNT; k++)
			offer(&m, "!", contribution_kind_name((enum contribution_kind)k));
		bool english = out->n_matches > 0;
		for (int k = 0; !english && k < KIND_COUNT; k++)
			offer(&m, "!", contribution_kind_name_nl((enum contribution_kind)k));
	} else if (start > 0 && line_command(line, start) >= 0) {
		offer_ids(&m, session, line_command(line, start));
	} else if (command_after_number(line, start) == CMD_MOVE_ENTRY) {
		offer_ids(&m, session, CMD_ITEM); /* /move 12 wo: the items */
	} else if (start == 0 && m.word[0] == '/') {
		for (int c = 0; c < CMD_COUNT; c++)
			offer(&m, "/", capture_command_name((enum capture_command)c));
	} else if ((start == 0 || command_after_number(line, start) == CMD_EDIT) && !strchr(m.word, ':')) {
		m.suffix = ": "; /* a speaker: at the start of a line, and after /edit N */
		for (int i = 0; i < session->n_participants; i++)
			offer(&m, "", session->participants[i].id);
	}
	if (out->n_matches == 0)
		return false;
	if (out->n_matches == 1) {
		strncat(m.common, m.suffix, sizeof m.common - strlen(m.common) - 1);
		out->message[0] = 0;
	}
	for (size_t i = 0; m.common[i] && out->n < COMPLETE_TEXT_MAX; i++)
		out->text[out->n++] = (wchar_t)(unsigned char)m.common[i];
	return true;
}
