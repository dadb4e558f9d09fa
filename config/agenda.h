/* agenda: an expert-pool evening as loaded from a YAML agenda file (klankbord-agenda(5)).
 *
 * Owns everything it points to: one agenda_free() releases it all. Loading never prints
 * and never exits; every problem found goes to a diag_list with its file position.
 * Never touches SQLite or curses. The format is documented in docs/agenda-format.md. */
#ifndef KLANKBORD_AGENDA_H
#define KLANKBORD_AGENDA_H

#include <stdbool.h>
#include <stddef.h>

#include "config/codebook.h"
#include "config/diag.h"

enum {
	AGENDA_MAX_FILE_BYTES = 1024 * 1024,   /* larger files are refused unread */
	AGENDA_MAX_SCALAR_BYTES = 64 * 1024,
	AGENDA_MAX_DEPTH = 32,                 /* collections nested deeper are refused */
	AGENDA_ID_MAX = 16,                    /* participant ids: 1-16 of [A-Za-z0-9_-] */
	AGENDA_MINUTES_MAX = 600,
	AGENDA_OPTIONS_MIN = 2,
	AGENDA_OPTIONS_MAX = 20,
	AGENDA_DOTS_MAX = 20,
};

enum vote_type { VOTE_SINGLE, VOTE_MULTI, VOTE_DOTS, VOTE_RANK, VOTE_SCALE, VOTE_CONSENT };
enum participant_role { ROLE_EXPERT, ROLE_INTERPRETER, ROLE_OBSERVER, ROLE_STAFF };
enum { ROLE_COUNT = ROLE_STAFF + 1 };

struct scale_label {
	int value;
	char *text;
};

struct agenda_vote {
	char *id;
	char *question;
	enum vote_type type;
	char **options;            /* n_options texts; none for scale and consent */
	int n_options;
	int max_choices;           /* multi: at most this many options (default: n_options) */
	int dots;                  /* dots: dots per voter */
	int max_per_option;        /* dots: 0 = no cap */
	int min, max;              /* scale bounds */
	struct scale_label *labels;
	int n_labels;
	bool anonymous;            /* a show of hands: counts per option, no named ballots */
	bool hide_results;         /* results hidden until the vote closes */
	bool voter_roles[ROLE_COUNT]; /* who may cast a named ballot; default experts only */
	int line, col;             /* where the vote starts in the file */
};

struct agenda_item {
	char *id;
	char *title;
	int minutes;
	char **prompts;
	int n_prompts;
	char *notes;               /* NULL when absent */
	char **domains;            /* codebook codes */
	int n_domains;
	struct agenda_vote *votes;
	int n_votes;
};

struct agenda_participant {
	char *id;
	char *name;                /* NULL when absent: pseudonyms by default */
	char **languages;
	int n_languages;
	char *community;           /* NULL when absent */
	enum participant_role role;
	bool consent_quotes;       /* false unless consent: {quotes: true} */
};

struct agenda_session {
	char *title;
	char *organisation, *location, *facilitator, *note_taker, *notes; /* NULL when absent */
	char *date;                /* YYYY-MM-DD or NULL */
	char *start;               /* HH:MM or NULL */
	char **languages;
	int n_languages;
};

struct agenda {
	int format_version;        /* the `klankbord:` key; 1 when absent */
	struct agenda_session session;
	struct codebook codebook;
	struct agenda_participant *participants;
	int n_participants;
	struct agenda_item *items;
	int n_items;
	char *source;              /* the file's text as read (UTF-8, BOM removed), NUL-terminated */
	size_t source_len;
	struct agenda_arena *arena; /* private: owns every string and array above */
};

/* Loads an agenda from a file. On success returns an agenda the caller frees with
 * agenda_free(). On failure returns NULL and adds every problem found to diags
 * (for an unreadable file, one problem at position 0:0 naming the system error);
 * *io_error is set true when the file could not be read at all (exit 66/74, not 65). */
struct agenda *agenda_load_file(const char *path, struct diag_list *diags, bool *io_error);
/* The same for text already in memory (the copy a session keeps, a fuzzer's input).
 * The text need not be NUL-terminated. */
struct agenda *agenda_load_buffer(const char *text, size_t len, struct diag_list *diags);
void agenda_free(struct agenda *agenda);

/* Lookups; return an index or -1. */
int agenda_item_index(const struct agenda *agenda, const char *id);
int agenda_participant_index(const struct agenda *agenda, const char *id);
/* The vote with this id in any item; *item_index is set when non-NULL. */
const struct agenda_vote *agenda_vote_find(const struct agenda *agenda, const char *id, int *item_index);
int agenda_total_minutes(const struct agenda *agenda);
int agenda_total_votes(const struct agenda *agenda);

const char *vote_type_name(enum vote_type type);          /* "single", ... */
bool vote_type_parse(const char *name, enum vote_type *out);
const char *participant_role_name(enum participant_role role); /* "expert", ... */
bool participant_role_parse(const char *name, enum participant_role *out);
/* True for 1-16 characters of letters, digits, '_' and '-'. */
bool agenda_valid_participant_id(const char *id);

#endif
