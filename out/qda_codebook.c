/* qda_codebook: see qda_codebook.h. */
#include "out/qda_codebook.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A colour per kind, so that obstacles and successes stand apart in a coding stripe. */
static const char *const kind_colors[KIND_COUNT] = {
	[KIND_EXPERIENCE] = "#1f77b4", [KIND_OBSTACLE] = "#d62728", [KIND_SUCCESS] = "#2ca02c",
	[KIND_IDEA] = "#ff7f0e", [KIND_RECOMMENDATION] = "#9467bd", [KIND_QUESTION] = "#17becf",
	[KIND_QUOTE] = "#8c564b", [KIND_NOTE] = "#7f7f7f",
};

static const char *book_name(const struct export_doc *doc)
{
	return doc->session.codebook ? doc->session.codebook : "custom";
}

/* What a reader of the codebook is told it comes from. */
static const char *book_origin(const char *name)
{
	return strcmp(name, "ioi-2019") == 0
		? "the codebook ioi-2019: Indicators of Integration framework, third edition (UK Home Office, 2019)"
		: "the codebook the session's agenda gives";
}

void qda_code_guid(const struct export_doc *doc, const char *code, char out[QDA_GUID_LEN + 1])
{
	qda_guid(out, "codebook/%s/code/%s", book_name(doc), code);
}

void qda_kind_guid(enum contribution_kind kind, char out[QDA_GUID_LEN + 1])
{
	qda_guid(out, "kind/%s", contribution_kind_name(kind));
}

static int find(const struct qda_codebook *book, const char *guid)
{
	for (int i = 0; i < book->n; i++)
		if (strcmp(book->codes[i].guid, guid) == 0)
			return i;
	return -1;
}

/* Adds a code unless its GUID is there already; returns its index, -1 when out of
 * memory. The description is formatted only for a new code. */
static int add(struct qda_codebook *book, const char *guid, const char *name, bool codable, int parent,
	const char *color, const char *format, ...) __attribute__((format(printf, 7, 8)));
static int add(struct qda_codebook *book, const char *guid, const char *name, bool codable, int parent,
	const char *color, const char *format, ...)
{
	int have = find(book, guid);
	if (have >= 0)
		return have;
	if (book->n == book->cap) {
		int grown = book->cap ? book->cap * 2 : 32;
		struct qda_code *codes = realloc(book->codes, (size_t)grown * sizeof *codes);
		if (!codes) {
			book->failed = true;
			return -1;
		}
		book->codes = codes;
		book->cap = grown;
	}
	char text[1024];
	va_list ap;
	va_start(ap, format);
	vsnprintf(text, sizeof text, format, ap);
	va_end(ap);
	struct qda_code *c = &book->codes[book->n];
	*c = (struct qda_code){ .name = name, .description = strdup(text), .codable = codable, .color = color,
		.parent = parent };
	snprintf(c->guid, sizeof c->guid, "%s", guid);
	if (!c->description) {
		book->failed = true;
		return -1;
	}
	return book->n++;
}

static bool add_entries(struct qda_codebook *book, const struct export_doc *doc)
{
	const char *name = book_name(doc);
	char guid[QDA_GUID_LEN + 1];
	for (int i = 0; i < doc->session.n_codes; i++) {
		const struct codebook_entry *e = &doc->session.codes[i];
		int parent = -1;
		if (e->group && *e->group) {
			qda_guid(guid, "codebook/%s/group/%s", name, e->group);
			parent = add(book, guid, e->group, false, -1, NULL, "Group \"%s\" of %s.", e->group, book_origin(name));
			if (parent < 0)
				return false;
		}
		qda_code_guid(doc, e->code, guid);
		if (add(book, guid, e->label, true, parent, NULL, "Code #%s%s%s%s of %s.", e->code,
			parent >= 0 ? " in the group \"" : "", parent >= 0 ? e->group : "", parent >= 0 ? "\"" : "",
			book_origin(name)) < 0)
			return false;
	}
	return true;
}

bool qda_codebook_add_doc(struct qda_codebook *book, const struct export_doc *doc)
{
	if (!add_entries(book, doc))
		return false;
	char guid[QDA_GUID_LEN + 1];
	for (int c = 0; c < doc->n_contributions; c++) {
		const struct export_contribution *contribution = &doc->contributions[c];
		for (int t = 0; t < contribution->n_tags; t++) {
			qda_code_guid(doc, contribution->tags[t], guid);
			if (add(book, guid, contribution->tags[t], true, -1, NULL,
				"Code %s: used in the session, not in its codebook.", contribution->tags[t]) < 0)
				return false;
		}
	}
	return true;
}

bool qda_codebook_add_kinds(struct qda_codebook *book)
{
	char guid[QDA_GUID_LEN + 1];
	qda_guid(guid, "kind");
	int parent = add(book, guid, "kind", false, -1, NULL,
		"What a contribution is, as the note-taker marked it (!kind): experience, obstacle, success, ...");
	if (parent < 0)
		return false;
	for (int k = 0; k < KIND_COUNT; k++) {
		qda_kind_guid((enum contribution_kind)k, guid);
		if (add(book, guid, contribution_kind_name((enum contribution_kind)k), true, parent, kind_colors[k],
			"Contributions of the kind %s.", contribution_kind_name((enum contribution_kind)k)) < 0)
			return false;
	}
	return true;
}

void qda_codebook_free(struct qda_codebook *book)
{
	for (int i = 0; i < book->n; i++)
		free(book->codes[i].description);
	free(book->codes);
	*book = (struct qda_codebook){ 0 };
}

static void write_code(struct xml_out *x, const struct qda_codebook *book, int i)
{
	const struct qda_code *c = &book->codes[i];
	xml_start(x, "Code");
	xml_attr(x, "guid", c->guid);
	xml_attr(x, "name", c->name);
	xml_attr(x, "isCodable", c->codable ? "true" : "false");
	xml_attr(x, "color", c->color);
	xml_text_element(x, "Description", c->description);
	for (int child = i + 1; child < book->n; child++)
		if (book->codes[child].parent == i)
			write_code(x, book, child);
	xml_end(x, "Code");
}

void qda_codebook_write(struct xml_out *x, const struct qda_codebook *book)
{
	xml_start(x, "Codes");
	for (int i = 0; i < book->n; i++)
		if (book->codes[i].parent < 0)
			write_code(x, book, i);
	xml_end(x, "Codes");
}
