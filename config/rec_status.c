/* rec_status: see rec_status.h. */
#include "config/rec_status.h"

#include <string.h>

#define REC_STATUS_WORD_(name, word) word,
static const char *const words[] = { REC_STATUSES(REC_STATUS_WORD_) };
#undef REC_STATUS_WORD_

#define REC_STATUS_LIST_(name, word) ", " word
static const char list[] = REC_STATUSES(REC_STATUS_LIST_);
#undef REC_STATUS_LIST_

const char *rec_status_name(enum rec_status status)
{
	return (int)status >= 0 && status < REC_STATUS_COUNT ? words[status] : words[REC_OPEN];
}

bool rec_status_parse(const char *word, enum rec_status *status)
{
	for (int i = 0; word && i < REC_STATUS_COUNT; i++)
		if (strcmp(word, words[i]) == 0) {
			*status = (enum rec_status)i;
			return true;
		}
	return false;
}

const char *rec_status_list(void)
{
	return list + 2;
}
