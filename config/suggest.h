/* suggest: "did you mean" for a word typed wrong, by edit distance.
 *
 * Pure: no allocation, no I/O. Used for agenda keys, codes and capture commands. */
#ifndef KLANKBORD_SUGGEST_H
#define KLANKBORD_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a and b (bytes), capped at limit + 1 for speed. */
int suggest_distance(const char *a, const char *b, int limit);
/* The candidate nearest to word, or NULL when none is near enough to be a typo
 * (distance at most 1 for short words, 2 for words of five or more characters).
 * candidates has n entries. */
const char *suggest_nearest(const char *word, const char *const *candidates, size_t n);

#endif
