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
	if (m.word[0] == '#') {
		for (int i = 0; i < agenda->codebook.n_entries; i++)
			offer(&m, "#", agenda->codebook.entries[i].code);
	} else if (m.word[0] == '!') {
		for (int k = 0; k < KIND_COUNT; k++)
			offer(&m, "!", contribution_kind_name((enum contribution_kind)k));
	} else if (start == 0 && m.word[0] == '/') {
		for (int c = 0; c < CMD_COUNT; c++)
			offer(&m, "/", capture_command_name((enum capture_command)c));
	} else if (start == 0 && !strchr(m.word, ':')) {
		m.suffix = ": ";
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
