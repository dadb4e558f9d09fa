/* suggest: see suggest.h. */
#include "config/suggest.h"

#include <string.h>

enum { SUGGEST_MAX_WORD = 64 };

int suggest_distance(const char *a, const char *b, int limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > SUGGEST_MAX_WORD || lb > SUGGEST_MAX_WORD)
		return limit + 1;
	int diff = (int)la - (int)lb;
	if (diff > limit || -diff > limit)
		return limit + 1;
	int row[SUGGEST_MAX_WORD + 1];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diagonal = row[0];
		row[0] = (int)i;
		int best = row[0];
		for (size_t j = 1; j <= lb; j++) {
			int above = row[j];
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = diagonal + cost;
			if (above + 1 < v)
				v = above + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diagonal = above;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb] > limit ? limit + 1 : row[lb];
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
