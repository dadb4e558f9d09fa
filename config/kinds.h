/* kinds: the vocabulary of contribution kinds, said once.
 *
 * CONTRIBUTION_KINDS(X) calls X(NAME, word) for every kind, in the order of
 * docs/capture.md (the order of reports and of the kind columns of report_counts):
 * NAME gives the enum constant KIND_NAME, word is the kind as typed after '!', stored
 * in the database and written in exports. Generate from it; never list the kinds again.
 *   #define KIND_WORD(name, word) #word,
 *   static const char *const words[] = { CONTRIBUTION_KINDS(KIND_WORD) };
 * Owns nothing, no functions: capture.h names and parses kinds
 * (contribution_kind_name(), contribution_kind_parse()). Never touches SQLite or curses. */
#ifndef KLANKBORD_KINDS_H
#define KLANKBORD_KINDS_H

#define CONTRIBUTION_KINDS(X) \
	X(EXPERIENCE, experience) \
	X(OBSTACLE, obstacle) \
	X(SUCCESS, success) \
	X(IDEA, idea) \
	X(RECOMMENDATION, recommendation) \
	X(QUESTION, question) \
	X(QUOTE, quote) \
	X(NOTE, note)

#define CONTRIBUTION_KIND_ENUM_(name, word) KIND_##name,
enum contribution_kind { CONTRIBUTION_KINDS(CONTRIBUTION_KIND_ENUM_) };
#undef CONTRIBUTION_KIND_ENUM_

#define CONTRIBUTION_KIND_ONE_(name, word) + 1
enum { KIND_COUNT = 0 CONTRIBUTION_KINDS(CONTRIBUTION_KIND_ONE_) };
#undef CONTRIBUTION_KIND_ONE_

/* The longest kind word, in bytes, for columns and buffers that hold one. */
#define CONTRIBUTION_KIND_LEN_(name, word) char word[sizeof #word];
enum { KIND_WORD_MAX = sizeof(union { CONTRIBUTION_KINDS(CONTRIBUTION_KIND_LEN_) }) - 1 };
#undef CONTRIBUTION_KIND_LEN_

#endif
