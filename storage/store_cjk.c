/* store_cjk: see store_cjk.h. */
#include "storage/store_cjk.h"

#include <stdbool.h>
#include <stddef.h>

/* The code point at *text (a byte alone when not UTF-8), stepping *text past it. */
static unsigned next_code_point(const unsigned char **text)
{
	const unsigned char *p = *text;
	unsigned cp = *p;
	int len = 1;
	if (cp >= 0xf0 && p[1] && p[2] && p[3])
		cp = ((cp & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) | (p[3] & 63u), len = 4;
	else if (cp >= 0xe0 && p[1] && p[2])
		cp = ((cp & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u), len = 3;
	else if (cp >= 0xc0 && p[1])
		cp = ((cp & 31u) << 6) | (p[1] & 63u), len = 2;
	*text = p + len;
	return cp;
}

/* True when code point cp is in one of the ranges of STORE_CJK_CLASS ("[a-b...]"). */
static bool cjk_code_point(unsigned cp)
{
	const unsigned char *p = (const unsigned char *)STORE_CJK_CLASS + 1;
	while (*p && *p != ']') {
		unsigned lo = next_code_point(&p);
		p++; /* the '-' */
		unsigned hi = next_code_point(&p);
		if (cp >= lo && cp <= hi)
			return true;
	}
	return false;
}

/* The lowest code point of STORE_CJK_CLASS is U+2E80, whose UTF-8 begins with 0xe2: a
 * byte below that starts no code point of the class, and is passed over without decoding
 * (most of a Dutch, Arabic or Tigrinya text). */
enum { CJK_LEAD_MIN = 0xe2 };

bool store_cjk_text(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		if (*p < CJK_LEAD_MIN)
			p++;
		else if (cjk_code_point(next_code_point(&p)))
			return true;
	}
	return false;
}

static void cjk_function(sqlite3_context *context, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *text = sqlite3_value_text(argv[0]);
	sqlite3_result_int(context, text && store_cjk_text((const char *)text));
}

int store_cjk_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, STORE_CJK_FUNCTION, 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, cjk_function, NULL, NULL, NULL);
}
