/* suggest: see suggest.h. */
#include "config/suggest.h"

#include <string.h>

enum { SUGGEST_MAX_WORD = 64 };

/* Optimal string alignment distance: insertions, deletions, substitutions and swaps of
 * two neighbouring characters ("wrok" -> "work") each cost one. */
int suggest_distance(const char *a, const char *b, int limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SUGGEST_MAX_WORD || lb > SUGGEST_MAX_WORD)
		return limit + 1;
	int diff = (int)la - (int)lb;
	if (diff > limit || -diff > limit)
		return limit + 1;
	int rows[3][SUGGEST_MAX_WORD + 1]; /* rows i-2, i-1 and i, used in turn */
	for (size_t j = 0; j <= lb; j++)
		rows[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int *row = rows[i % 3], *above = rows[(i - 1) % 3], *above2 = rows[(i + 1) % 3];
		row[0] = (int)i;
		int best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = above[j - 1] + cost;
			if (above[j] + 1 < v)
				v = above[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && above2[j - 2] + 1 < v)
				v = above2[j - 2] + 1;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	int d = rows[la % 3][lb];
	return d > limit ? limit + 1 : d;
}

const char *suggest_nearest(const char *word, const char *const *candidates, size_t n)
{
	int limit = strlen(word) >= 5 ? 2 : 1;
	const char *best = NULL;
	int best_distance = limit + 1;
	for (size_t i = 0; i < n; i++) {
		int d = suggest_distance(word, candidates[i], limit);
		if (d < best_distance) {
			best_distance = d;
			best = candidates[i];
		}
	}
	return best;
}
