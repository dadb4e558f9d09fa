/* search_query: see search_query.h. One pass over the query: each token is checked
 * against what may come next and written out at once. */
#include "storage/search_query.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "sessions/errmsg.h"

enum token { TOKEN_TERM, TOKEN_OPERATOR, TOKEN_OPEN, TOKEN_CLOSE };

struct scan {
	const char *query;
	FILE *out;
	char *err;
	size_t errlen;
	bool want_operand;       /* at the start, after an operator or a "(" */
	bool any_word;           /* a term with a letter or a digit in it */
	const char *last_operator; /* where the operator last written starts, or NULL */
	size_t last_operator_len;
	int depth;
	size_t opened[SEARCH_QUERY_DEPTH_MAX]; /* where each open "(" is */
	bool after_open;         /* the token before was a "(" */
	const char *column;      /* a column filter waiting for its operand, or NULL */
	size_t column_len;
	bool codes_or_kind;      /* a filter on codes or kind was met */
};

/* The character (from 1) at byte offset at, for messages. */
static int character_at(const char *query, size_t at)
{
	int n = 1;
	for (size_t i = 0; i < at; i++)
		n += ((unsigned char)query[i] & 0xc0) != 0x80;
	return n;
}

/* Says what is wrong with the query; returns EX_DATAERR. */
__attribute__((format(printf, 2, 3))) static int refuse(struct scan *s, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	if (s->err && s->errlen > 0)
		errmsg_fit(s->err, s->errlen, vsnprintf(s->err, s->errlen, format, args));
	va_end(args);
	return EX_DATAERR;
}

/* The operator last written has no word after it (at a ")" or at the end). */
static int operator_alone(struct scan *s)
{
	return refuse(s, "%.*s at character %d needs a word after it (housing %.*s rent)", (int)s->last_operator_len,
		s->last_operator, character_at(s->query, (size_t)(s->last_operator - s->query)),
		(int)s->last_operator_len, s->last_operator);
}

/* Whether text holds something the index keeps as a word: a letter or a digit (any
 * character outside ASCII may be one; ASCII punctuation never is). */
static bool has_word(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return true;
	}
	return false;
}

/* A word or a phrase: always in double quotes, so that FTS5 reads none of its syntax in
 * it; AND before it when it follows another operand. */
static void put_term(struct scan *s, const char *text, size_t len, bool prefix)
{
	if (!s->want_operand)
		fputs(" AND ", s->out);
	fputc('"', s->out);
	fwrite(text, 1, len, s->out); /* text holds no double quote: a term ends at one */
	fputs(prefix ? "\"*" : "\"", s->out);
	s->any_word |= has_word(text, len);
	s->want_operand = false;
	s->after_open = false;
	s->column = NULL;
}

/* A column filter with no word after it (before an operator, a ")" or the end). */
static int column_alone(struct scan *s)
{
	bool kind = s->column_len == 4 && strncasecmp(s->column, "kind", 4) == 0;
	return refuse(s, "%.*s: at character %d needs a word after it (%.*s:%s)", (int)s->column_len, s->column,
		character_at(s->query, (size_t)(s->column - s->query)), (int)s->column_len, s->column, kind ? "idea" : "housing");
}

static int put_operator(struct scan *s, const char *word, size_t len)
{
	if (s->column)
		return column_alone(s);
	if (s->want_operand)
		return refuse(s, "%.*s at character %d needs a word before it (housing %.*s rent)", (int)len, word,
			character_at(s->query, (size_t)(word - s->query)), (int)len, word);
	fprintf(s->out, " %.*s ", (int)len, word);
	s->last_operator = word;
	s->last_operator_len = len;
	s->want_operand = true;
	return 0;
}

static int put_open(struct scan *s, const char *at)
{
	if (s->depth == SEARCH_QUERY_DEPTH_MAX)
		return refuse(s, "parentheses are nested more than %d deep at character %d", SEARCH_QUERY_DEPTH_MAX,
			character_at(s->query, (size_t)(at - s->query)));
	if (!s->want_operand)
		fputs(" AND ", s->out);
	fputc('(', s->out);
	s->column = NULL; /* codes:(a OR b): the filter takes the whole group */
	s->opened[s->depth++] = (size_t)(at - s->query);
	s->want_operand = true;
	s->after_open = true;
	return 0;
}

static int put_close(struct scan *s, const char *at)
{
	if (s->depth == 0)
		return refuse(s, "the \")\" at character %d closes no \"(\"", character_at(s->query, (size_t)(at - s->query)));
	if (s->column)
		return column_alone(s);
	if (s->after_open)
		return refuse(s, "the parentheses at character %d hold no word", character_at(s->query, s->opened[s->depth - 1]));
	if (s->want_operand)
		return operator_alone(s);
	fputc(')', s->out);
	s->depth--;
	return 0;
}

static bool is_space(char c)
{
	return (unsigned char)c <= ' ';
}

/* Whether name (len bytes) is a column of the search indexes a query may name:
 * codes:housing, kind:idea, text:housing (any case, as FTS5 reads them). */
static bool is_column(const char *name, size_t len)
{
	static const char *const columns[] = { "text", "codes", "kind" };
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
		if (len == strlen(columns[i]) && strncasecmp(name, columns[i], len) == 0)
			return true;
	return false;
}

/* A column filter: the operand that follows is looked for in that column only. */
static int put_column(struct scan *s, const char *name, size_t len)
{
	if (s->column)
		return column_alone(s);
	if (!s->want_operand)
		fputs(" AND ", s->out);
	fprintf(s->out, "%.*s : ", (int)len, name);
	s->codes_or_kind |= strncasecmp(name, "text", len) != 0;
	s->column = name;
	s->column_len = len;
	s->want_operand = true;
	s->after_open = false;
	return 0;
}

/* The token at *p, written out; *p moves past it. */
static int scan_token(struct scan *s, const char **p)
{
	const char *at = *p;
	if (*at == '(' || *at == ')') {
		*p = at + 1;
		return *at == '(' ? put_open(s, at) : put_close(s, at);
	}
	if (*at == '"') {
		const char *close = strchr(at + 1, '"');
		if (!close)
			return refuse(s, "the double quote at character %d is not closed",
				character_at(s->query, (size_t)(at - s->query)));
		bool prefix = close[1] == '*';
		*p = close + 1 + prefix;
		put_term(s, at + 1, (size_t)(close - at - 1), prefix);
		return 0;
	}
	const char *end = at;
	while (*end && !is_space(*end) && *end != '"' && *end != '(' && *end != ')')
		end++;
	*p = end;
	size_t len = (size_t)(end - at);
	static const char *const operators[] = { "OR", "AND", "NOT" };
	for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
		if (len == strlen(operators[i]) && memcmp(at, operators[i], len) == 0)
			return put_operator(s, at, len);
	const char *colon = memchr(at, ':', len);
	if (colon && is_column(at, (size_t)(colon - at))) {
		int rc = put_column(s, at, (size_t)(colon - at));
		if (rc)
			return rc;
		len -= (size_t)(colon + 1 - at);
		at = colon + 1;
		if (len == 0) /* "codes: housing", "codes:(a OR b)", "codes:\"a b\"": the next operand */
			return 0;
	}
	bool prefix = false;
	while (len > 0 && at[len - 1] == '*')
		len--, prefix = true;
	put_term(s, at, len, prefix && len > 0);
	return 0;
}

int search_query_expression(const char *query, char **out, bool *codes_or_kind, char *err, size_t errlen)
{
	char *text = NULL;
	size_t size = 0;
	*out = NULL;
	*codes_or_kind = false;
	struct scan s = { .query = query, .out = open_memstream(&text, &size), .err = err, .errlen = errlen,
		.want_operand = true };
	if (!s.out) {
		errmsg_fail(err, errlen, "out of memory");
		return EX_OSERR;
	}
	int rc = 0;
	for (const char *p = query; !rc && *p;) {
		if (is_space(*p))
			p++;
		else
			rc = scan_token(&s, &p);
	}
	if (!rc && s.depth > 0)
		rc = refuse(&s, "the \"(\" at character %d is not closed", character_at(query, s.opened[s.depth - 1]));
	if (!rc && s.column)
		rc = column_alone(&s);
	if (!rc && s.want_operand && s.last_operator)
		rc = operator_alone(&s);
	if (!rc && !s.any_word)
		rc = refuse(&s, "it holds no word to search for, only punctuation");
	if (fclose(s.out) != 0 && !rc) {
		errmsg_fail(err, errlen, "out of memory");
		rc = EX_OSERR;
	}
	if (rc) {
		free(text);
		return rc;
	}
	*out = text;
	*codes_or_kind = s.codes_or_kind;
	return 0;
}
