/* vote_rules: see vote_rules.h. One pass over a vote's definition, in the order of
 * enum vote_rule; the agenda format (docs/agenda-format.md) documents the same rules. */
#include "config/vote_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct found {
	struct vote_problem *problems;
	int max, n;
};

__attribute__((format(printf, 3, 4)))
static void add(struct found *f, struct vote_problem p, const char *format, ...)
{
	if (f->n >= f->max)
		return;
	va_list args;
	va_start(args, format);
	vsnprintf(p.message, sizeof p.message, format, args);
	va_end(args);
	f->problems[f->n++] = p;
}

bool vote_rules_takes_options(enum vote_type type)
{
	return type == VOTE_SINGLE || type == VOTE_MULTI || type == VOTE_DOTS || type == VOTE_RANK;
}

static void check_options(const struct agenda_vote *v, struct found *f)
{
	const char *type = vote_type_name(v->type);
	if (!vote_rules_takes_options(v->type)) {
		if (v->n_options > 0)
			add(f, (struct vote_problem){ VOTE_RULE_NO_OPTIONS, .value = v->n_options },
				"a %s vote takes no options, this one has %d", type, v->n_options);
		return;
	}
	if (v->n_options < AGENDA_OPTIONS_MIN || v->n_options > AGENDA_OPTIONS_MAX) {
		add(f, (struct vote_problem){ VOTE_RULE_OPTION_COUNT, .value = v->n_options, .lo = AGENDA_OPTIONS_MIN,
			.hi = AGENDA_OPTIONS_MAX }, "a %s vote needs %d to %d options, this one has %d", type,
			AGENDA_OPTIONS_MIN, AGENDA_OPTIONS_MAX, v->n_options);
		return;
	}
	for (int i = 1; i < v->n_options; i++) {
		if (!v->options[i])
			continue;
		for (int k = 0; k < i; k++) {
			if (!v->options[k] || strcmp(v->options[k], v->options[i]) != 0)
				continue;
			add(f, (struct vote_problem){ VOTE_RULE_DUPLICATE_OPTION, .index = i, .first = k },
				"duplicate option %.60s", v->options[i]);
			break;
		}
	}
}

/* A whole number that must lie in lo..hi: adds the problem when it does not. */
static bool in_range(struct found *f, enum vote_rule rule, const char *name, long value, long lo, long hi)
{
	if (value >= lo && value <= hi)
		return true;
	add(f, (struct vote_problem){ rule, .value = value, .lo = lo, .hi = hi },
		"%s must be a whole number from %ld to %ld", name, lo, hi);
	return false;
}

static void check_numbers(const struct agenda_vote *v, struct found *f)
{
	if (v->type == VOTE_MULTI && v->n_options > 0)
		in_range(f, VOTE_RULE_MAX_CHOICES, "max_choices", v->max_choices, 1, v->n_options);
	if (v->type == VOTE_DOTS && in_range(f, VOTE_RULE_DOTS, "dots", v->dots, 1, AGENDA_DOTS_MAX)
			&& v->max_per_option != 0)
		in_range(f, VOTE_RULE_MAX_PER_OPTION, "max_per_option", v->max_per_option, 1, v->dots);
}

static void check_scale(const struct agenda_vote *v, struct found *f)
{
	if (v->type != VOTE_SCALE)
		return;
	bool ok = in_range(f, VOTE_RULE_SCALE_MIN, "min", v->min, -VOTE_SCALE_LIMIT, VOTE_SCALE_LIMIT);
	ok = in_range(f, VOTE_RULE_SCALE_MAX, "max", v->max, -VOTE_SCALE_LIMIT, VOTE_SCALE_LIMIT) && ok;
	if (!ok)
		return;
	if (v->max <= v->min) {
		add(f, (struct vote_problem){ VOTE_RULE_SCALE_ORDER, .value = v->max, .lo = v->min },
			"scale max must be greater than min (min is %d)", v->min);
		return;
	}
	long span = (long)v->max - v->min;
	if (span > VOTE_SCALE_SPAN_MAX) {
		add(f, (struct vote_problem){ VOTE_RULE_SCALE_SPAN, .value = span, .hi = VOTE_SCALE_SPAN_MAX },
			"a scale may span at most %d steps (from %d to %d is %ld)", VOTE_SCALE_SPAN_MAX, v->min, v->max, span);
		return;
	}
	for (int i = 0; i < v->n_labels; i++)
		if (v->labels[i].value < v->min || v->labels[i].value > v->max)
			add(f, (struct vote_problem){ VOTE_RULE_LABEL, .index = i, .value = v->labels[i].value, .lo = v->min,
				.hi = v->max }, "label %d is outside the scale %d to %d", v->labels[i].value, v->min, v->max);
}

int vote_rules_check(const struct agenda_vote *vote, struct vote_problem *problems, int max)
{
	struct found f = { problems, max > 0 ? max : 0, 0 };
	check_options(vote, &f);
	check_numbers(vote, &f);
	check_scale(vote, &f);
	if (vote->type == VOTE_RANK && vote->anonymous)
		add(&f, (struct vote_problem){ VOTE_RULE_ANONYMOUS_RANK },
			"a rank vote cannot be anonymous: a show of hands cannot give a ranking");
	return f.n;
}
