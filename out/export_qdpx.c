/* export_qdpx: see export_qdpx.h. The element order inside each element is the schema's
 * (Project.xsd is a sequence throughout): Users, CodeBook, Variables, Cases, Sources,
 * Notes, Description; in a selection its Description before its Codings. */
#include "out/export_qdpx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "out/qda_codebook.h"
#include "out/qda_guid.h"
#include "out/vote_plain.h"
#include "out/xml_out.h"
#include "out/zip_store.h"
#include "sessions/errmsg.h"

enum { NAME_MAX_BYTES = 200 };

struct project {
	const struct export_doc *const *docs;
	int n_docs;
	const char *name;
	struct xml_out x;            /* project.qde */
	struct zip_store *zip;
	struct qda_codebook book;
	char user[QDA_GUID_LEN + 1];
	bool failed;                 /* memory ran out: the project is incomplete */
};

/* The participants' variables; community only in a project built with communities. */
enum { VAR_ROLE, VAR_LANGUAGES, VAR_QUOTES, VAR_COMMUNITY, VAR_COUNT };
static const struct {
	const char *path, *name, *type, *description;
} variables[VAR_COUNT] = {
	[VAR_ROLE] = { "variable/role", "role", "Text", "expert, interpreter, observer or staff" },
	[VAR_LANGUAGES] = { "variable/languages", "languages", "Text",
		"The participant's languages as the agenda gives them, comma-separated" },
	[VAR_QUOTES] = { "variable/consent-quotes", "consent to quotes", "Boolean",
		"The participant consented to be quoted: quote their contributions only when true" },
	[VAR_COMMUNITY] = { "variable/community", "community", "Text",
		"The community the agenda gives (exported only with --communities: close to ethnic origin, "
		"a special category of personal data, GDPR art. 9)" },
};

/* xsd:dateTime in UTC, e.g. 2024-03-14T18:30:05Z. */
static void utc_time(int64_t ms, char out[32])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (ms <= 0 || !gmtime_r(&t, &tm)) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void appendf(struct xml_out *b, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void appendf(struct xml_out *b, const char *format, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(small, sizeof small, format, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		xml_raw(b, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		b->failed = true;
		return;
	}
	va_start(ap, format);
	vsnprintf(big, (size_t)n + 1, format, ap);
	va_end(ap);
	xml_raw(b, big, (size_t)n);
	free(big);
}

/* Copies a name, cut at a whole UTF-8 character. As a file name (file set), one any
 * importer can use (QualCoder copies a source to documents/NAME.txt): '/', '\\', ':',
 * '*', '?', '"', '<', '>', '|' and control bytes become '-'. */
static void copy_name(const char *in, bool file, char *out, size_t size)
{
	size_t n = 0;
	for (; in[n] && n + 1 < size; n++) {
		unsigned char c = (unsigned char)in[n];
		out[n] = file && (c < 0x20 || strchr("/\\:*?\"<>|", c)) ? '-' : (char)c;
	}
	if (in[n])
		while (n > 0 && ((unsigned char)in[n] & 0xc0) == 0x80)
			n--;
	out[n] = '\0';
}

/* In a project of several sessions, names start with the session's date. A source's name
 * is also a file name to some importers (copy_name); other names stay as they are. */
static void named(const struct project *p, const struct export_doc *d, const char *name, bool file, char *out,
	size_t size)
{
	char full[NAME_MAX_BYTES * 2];
	char day[32] = "";
	if (p->n_docs > 1) {
		if (d->session.date)
			snprintf(day, sizeof day, "%s ", d->session.date);
		else {
			utc_time(d->session.started_ms, day);
			day[10] = ' ';
			day[11] = '\0';
		}
	}
	snprintf(full, sizeof full, "%s%s", day, name);
	copy_name(full, file, out, size);
}

static void add_file(struct project *p, const char *guid, const char *text, size_t len)
{
	char path[64];
	snprintf(path, sizeof path, "sources/%s.txt", guid);
	if (!zip_store_add(p->zip, path, text, len))
		p->failed = true;
}

static void path_attr(struct xml_out *x, const char *guid)
{
	char path[64];
	snprintf(path, sizeof path, "internal://%s.txt", guid);
	xml_attr(x, "plainTextPath", path);
}

static void user_attrs(struct project *p, int64_t ms)
{
	char when[32];
	utc_time(ms, when);
	xml_attr(&p->x, "creatingUser", p->user);
	xml_attr(&p->x, "creationDateTime", when);
}

static void write_users(struct project *p)
{
	xml_start(&p->x, "Users");
	xml_start(&p->x, "User");
	xml_attr(&p->x, "guid", p->user);
	xml_attr(&p->x, "name", "klankbord");
	xml_end(&p->x, "User");
	xml_end(&p->x, "Users");
}

static bool with_communities(const struct project *p)
{
	for (int i = 0; i < p->n_docs; i++)
		if (p->docs[i]->options.communities)
			return true;
	return false;
}

static void write_variables(struct project *p)
{
	char guid[QDA_GUID_LEN + 1];
	xml_start(&p->x, "Variables");
	for (int v = 0; v < VAR_COUNT; v++) {
		if (v == VAR_COMMUNITY && !with_communities(p))
			continue;
		qda_guid(guid, "%s", variables[v].path);
		xml_start(&p->x, "Variable");
		xml_attr(&p->x, "guid", guid);
		xml_attr(&p->x, "name", variables[v].name);
		xml_attr(&p->x, "typeOfVariable", variables[v].type);
		xml_text_element(&p->x, "Description", variables[v].description);
		xml_end(&p->x, "Variable");
	}
	xml_end(&p->x, "Variables");
}

static void write_value(struct xml_out *x, int variable, const char *element, const char *value)
{
	char guid[QDA_GUID_LEN + 1];
	qda_guid(guid, "%s", variables[variable].path);
	xml_start(x, "VariableValue");
	xml_start(x, "VariableRef");
	xml_attr(x, "targetGUID", guid);
	xml_end(x, "VariableRef");
	xml_text_element(x, element, value);
	xml_end(x, "VariableValue");
}

static void contribution_guid(const struct export_doc *d, const struct export_contribution *c,
	char out[QDA_GUID_LEN + 1])
{
	qda_guid(out, "session/%s/contribution/%s", d->session.id, c->id);
}

static void write_case(struct project *p, const struct export_doc *d, const struct export_participant *who)
{
	char guid[QDA_GUID_LEN + 1], name[NAME_MAX_BYTES], label[NAME_MAX_BYTES], languages[512] = "";
	struct xml_out *x = &p->x;
	qda_guid(guid, "session/%s/participant/%s", d->session.id, who->id);
	snprintf(label, sizeof label, "%s%s%s", who->id, who->name ? " " : "", who->name ? who->name : "");
	named(p, d, label, false, name, sizeof name);
	xml_start(x, "Case");
	xml_attr(x, "guid", guid);
	xml_attr(x, "name", name);
	struct xml_out about = { 0 };
	appendf(&about, "Participant %s (%s) of the session %s: %d contribution%s%s.", who->id,
		participant_role_name(who->role), d->session.title ? d->session.title : d->session.id, who->contributions,
		who->contributions == 1 ? "" : "s", who->added_live ? "; added during the session" : "");
	xml_text_element(x, "Description", about.data);
	p->failed |= about.failed;
	xml_out_free(&about);
	write_value(x, VAR_ROLE, "TextValue", participant_role_name(who->role));
	for (int l = 0, used = 0; l < who->n_languages && used < (int)sizeof languages; l++)
		used += snprintf(languages + used, sizeof languages - (size_t)used, "%s%s", l ? ", " : "", who->languages[l]);
	if (who->n_languages > 0)
		write_value(x, VAR_LANGUAGES, "TextValue", languages);
	write_value(x, VAR_QUOTES, "BooleanValue", who->consent_quotes ? "true" : "false");
	if (who->community)
		write_value(x, VAR_COMMUNITY, "TextValue", who->community);
	for (int c = 0; c < d->n_contributions; c++) {
		const struct export_contribution *contribution = &d->contributions[c];
		if (contribution->retracted || !contribution->participant || strcmp(contribution->participant, who->id) != 0)
			continue;
		contribution_guid(d, contribution, guid);
		xml_start(x, "SelectionRef");
		xml_attr(x, "targetGUID", guid);
		xml_end(x, "SelectionRef");
	}
	xml_end(x, "Case");
}

static void write_cases(struct project *p)
{
	int n = 0;
	for (int i = 0; i < p->n_docs; i++)
		n += p->docs[i]->n_participants;
	if (n == 0)
		return;
	xml_start(&p->x, "Cases");
	for (int i = 0; i < p->n_docs; i++)
		for (int k = 0; k < p->docs[i]->n_participants; k++)
			write_case(p, p->docs[i], &p->docs[i]->participants[k]);
	xml_end(&p->x, "Cases");
}

/* Where a contribution's text sits in its source, in code points. */
struct placed {
	size_t start, end;
};

/* Appends text by the rule (xml_out.h) and counts it; returns where it starts. */
static size_t piece(struct project *p, struct xml_out *text, size_t *points, const char *raw)
{
	size_t len, start = *points;
	char *clean = xml_clean(raw, &len);
	if (!clean) {
		p->failed = true;
		return start;
	}
	xml_raw(text, clean, len);
	*points += xml_code_points(clean, len);
	free(clean);
	return start;
}

/* The source of one item: its title and prompts, then each contribution that was not
 * retracted as "SPEAKER (kind): text", separated by blank lines. */
static void item_text(struct project *p, const struct export_doc *d, int item, struct xml_out *text,
	struct placed *placed)
{
	const struct export_item *it = &d->items[item];
	size_t points = 0;
	piece(p, text, &points, it->title);
	piece(p, text, &points, "\n");
	for (int i = 0; i < it->n_prompts; i++) {
		piece(p, text, &points, it->prompts[i]);
		piece(p, text, &points, "\n");
	}
	for (int c = 0; c < d->n_contributions; c++) {
		const struct export_contribution *contribution = &d->contributions[c];
		if (contribution->item != item || contribution->retracted)
			continue;
		char speaker[64];
		snprintf(speaker, sizeof speaker, "\n%s (%s): ", contribution->participant ? contribution->participant
			: "note-taker", contribution_kind_name(contribution->kind));
		piece(p, text, &points, speaker);
		placed[c].start = piece(p, text, &points, contribution->text);
		placed[c].end = points;
		piece(p, text, &points, "\n");
	}
	if (text->failed)
		p->failed = true;
}

static void write_coding(struct project *p, const char *guid, const char *code, int64_t at_ms)
{
	struct xml_out *x = &p->x;
	xml_start(x, "Coding");
	xml_attr(x, "guid", guid);
	user_attrs(p, at_ms);
	xml_start(x, "CodeRef");
	xml_attr(x, "targetGUID", code);
	xml_end(x, "CodeRef");
	xml_end(x, "Coding");
}

static bool repeated_tag(const struct export_contribution *c, int t)
{
	for (int i = 0; i < t; i++)
		if (strcmp(c->tags[i], c->tags[t]) == 0)
			return true;
	return false;
}

static void write_selection(struct project *p, const struct export_doc *d, const struct export_contribution *c,
	const struct placed *at)
{
	struct xml_out *x = &p->x;
	char guid[QDA_GUID_LEN + 1], coding[QDA_GUID_LEN + 1], code[QDA_GUID_LEN + 1], name[96], when[32];
	const char *speaker = c->participant ? c->participant : "note-taker";
	contribution_guid(d, c, guid);
	snprintf(name, sizeof name, "%s %s %lld", speaker, contribution_kind_name(c->kind), (long long)c->seq);
	xml_start(x, "PlainTextSelection");
	xml_attr(x, "guid", guid);
	xml_attr(x, "name", name);
	xml_attr_int(x, "startPosition", (int64_t)at->start);
	xml_attr_int(x, "endPosition", (int64_t)at->end);
	user_attrs(p, c->at_ms);
	struct xml_out about = { 0 };
	utc_time(c->at_ms, when);
	appendf(&about, "Contribution %lld by %s, %s, recorded %s on console %s. %s", (long long)c->seq, speaker,
		contribution_kind_name(c->kind), when, c->console ? c->console : "?",
		!c->participant ? "A note by the note-taker." : c->quotable ? "May be quoted: its speaker consented."
		: "Not to be quoted: summarise it without attribution.");
	if (c->edits > 0)
		appendf(&about, " Edited %d time%s.", c->edits, c->edits == 1 ? "" : "s");
	xml_text_element(x, "Description", about.data);
	p->failed |= about.failed;
	xml_out_free(&about);
	for (int t = 0; t < c->n_tags; t++) {
		if (repeated_tag(c, t))
			continue;
		qda_guid(coding, "session/%s/contribution/%s/code/%s", d->session.id, c->id, c->tags[t]);
		qda_code_guid(d, c->tags[t], code);
		write_coding(p, coding, code, c->at_ms);
	}
	qda_guid(coding, "session/%s/contribution/%s/kind", d->session.id, c->id);
	qda_kind_guid(c->kind, code);
	write_coding(p, coding, code, c->at_ms);
	xml_end(x, "PlainTextSelection");
}

static void write_source(struct project *p, const struct export_doc *d, int item, struct placed *placed)
{
	const struct export_item *it = &d->items[item];
	struct xml_out *x = &p->x, text = { 0 };
	char guid[QDA_GUID_LEN + 1], label[NAME_MAX_BYTES], name[NAME_MAX_BYTES];
	item_text(p, d, item, &text, placed);
	qda_guid(guid, "session/%s/item/%s", d->session.id, it->id);
	add_file(p, guid, text.data ? text.data : "", text.len);
	xml_out_free(&text);
	snprintf(label, sizeof label, "%d. %s", item + 1, it->title);
	named(p, d, label, true, name, sizeof name);
	xml_start(x, "TextSource");
	xml_attr(x, "guid", guid);
	xml_attr(x, "name", name);
	path_attr(x, guid);
	user_attrs(p, d->session.started_ms);
	struct xml_out about = { 0 };
	appendf(&about, "Item %d of %d (%s) of the session %s, %s. Planned %d min, spent %lld min.", item + 1,
		d->n_items, it->id, d->session.title ? d->session.title : d->session.id, d->session.id,
		it->planned_seconds / 60, (long long)(it->actual_seconds + 30) / 60);
	for (int i = 0; i < it->n_domains; i++)
		appendf(&about, "%s%s%s", i ? ", " : " Domains: ", it->domains[i], i + 1 == it->n_domains ? "." : "");
	xml_text_element(x, "Description", about.data);
	p->failed |= about.failed;
	xml_out_free(&about);
	for (int c = 0; c < d->n_contributions; c++)
		if (d->contributions[c].item == item && !d->contributions[c].retracted)
			write_selection(p, d, &d->contributions[c], &placed[c]);
	xml_end(x, "TextSource");
}

static void write_sources(struct project *p)
{
	xml_start(&p->x, "Sources");
	for (int i = 0; i < p->n_docs; i++) {
		const struct export_doc *d = p->docs[i];
		struct placed *placed = calloc((size_t)(d->n_contributions ? d->n_contributions : 1), sizeof *placed);
		if (!placed) {
			p->failed = true;
			break;
		}
		for (int item = 0; item < d->n_items; item++)
			write_source(p, d, item, placed);
		free(placed);
	}
	xml_end(&p->x, "Sources");
}

static void write_note(struct project *p, const struct export_doc *d, const char *guid, const char *label,
	int64_t at_ms, struct xml_out *raw)
{
	char name[NAME_MAX_BYTES];
	size_t len = 0;
	char *text = raw->failed ? NULL : xml_clean(raw->data ? raw->data : "", &len);
	if (!text)
		p->failed = true;
	else
		add_file(p, guid, text, len);
	free(text);
	named(p, d, label, false, name, sizeof name);
	xml_start(&p->x, "Note");
	xml_attr(&p->x, "guid", guid);
	xml_attr(&p->x, "name", name);
	path_attr(&p->x, guid);
	user_attrs(p, at_ms);
	xml_end(&p->x, "Note");
}

static void write_doc_notes(struct project *p, const struct export_doc *d)
{
	char guid[QDA_GUID_LEN + 1], label[NAME_MAX_BYTES];
	for (int v = 0; v < d->n_votes; v++) {
		const struct export_vote *vote = &d->votes[v];
		struct xml_out text = { 0 };
		char *words = vote_plain_text(d, vote);
		if (words)
			xml_raw(&text, words, strlen(words));
		else
			text.failed = true;
		free(words);
		qda_guid(guid, "session/%s/vote/%s", d->session.id, vote->def->id);
		snprintf(label, sizeof label, "Vote %s: %s", vote->def->id, vote->def->question);
		write_note(p, d, guid, label, d->session.started_ms, &text);
		xml_out_free(&text);
	}
	for (int r = 0; r < d->n_recommendations; r++) {
		const struct export_recommendation *rec = &d->recommendations[r];
		struct xml_out text = { 0 };
		appendf(&text, "Recommendation %d of %d, on item %s:\n%s\n", r + 1, d->n_recommendations,
			d->items[rec->item].title, rec->text);
		qda_guid(guid, "session/%s/recommendation/%s", d->session.id, rec->id);
		snprintf(label, sizeof label, "Recommendation %d: %s", r + 1, d->items[rec->item].title);
		write_note(p, d, guid, label, rec->at_ms ? rec->at_ms : d->session.started_ms, &text);
		xml_out_free(&text);
	}
}

static void write_notes(struct project *p)
{
	int n = 0;
	for (int i = 0; i < p->n_docs; i++)
		n += p->docs[i]->n_votes + p->docs[i]->n_recommendations;
	if (n == 0)
		return;
	xml_start(&p->x, "Notes");
	for (int i = 0; i < p->n_docs; i++)
		write_doc_notes(p, p->docs[i]);
	xml_end(&p->x, "Notes");
}

static void write_description(struct project *p)
{
	struct xml_out about = { 0 };
	for (int i = 0; i < p->n_docs; i++) {
		const struct export_session *s = &p->docs[i]->session;
		const struct export_options *o = &p->docs[i]->options;
		char started[32], ended[32];
		utc_time(s->started_ms, started);
		utc_time(s->ended_ms, ended);
		appendf(&about, "%sklankbord session %s: %s", i ? "\n" : "", s->id, s->title ? s->title : "");
		if (s->organisation)
			appendf(&about, ", %s", s->organisation);
		if (s->location)
			appendf(&about, ", %s", s->location);
		if (s->date)
			appendf(&about, ", %s", s->date);
		appendf(&about, ". Started %s, %s%s. Codebook %s. Exported %s names and %s communities.", started,
			s->ended ? "ended " : "still open", s->ended ? ended : "", s->codebook ? s->codebook : "custom",
			o->names ? "with" : "without", o->communities ? "with" : "without");
	}
	appendf(&about, "\nOne text source per agenda item; each contribution a coded selection; participants as "
		"cases; votes and recommendations as notes (docs/refi-qda.md).");
	xml_text_element(&p->x, "Description", about.data);
	p->failed |= about.failed;
	xml_out_free(&about);
}

static void write_project(struct project *p)
{
	struct xml_out *x = &p->x;
	char when[32];
	utc_time(p->docs[0]->session.started_ms, when);
	xml_declaration(x);
	xml_start(x, "Project");
	xml_attr(x, "xmlns", "urn:QDA-XML:project:1.0");
	xml_attr(x, "name", p->name);
	xml_attr(x, "origin", "klankbord " KLANKBORD_VERSION);
	xml_attr(x, "creatingUserGUID", p->user);
	xml_attr(x, "creationDateTime", when);
	write_users(p);
	xml_start(x, "CodeBook");
	qda_codebook_write(x, &p->book);
	xml_end(x, "CodeBook");
	write_variables(p);
	write_cases(p);
	int items = 0;
	for (int i = 0; i < p->n_docs; i++)
		items += p->docs[i]->n_items;
	if (items > 0)
		write_sources(p);
	write_notes(p);
	write_description(p);
	xml_end(x, "Project");
}

int export_qdpx_write_docs(const struct export_doc *const *docs, int n_docs, const char *name, FILE *out,
	char *err, size_t errlen)
{
	const struct export_session *first = &docs[0]->session;
	struct project p = { .docs = docs, .n_docs = n_docs,
		.name = name ? name : first->title ? first->title : first->id, .zip = zip_store_new(first->started_ms) };
	qda_guid(p.user, "user/klankbord");
	bool built = p.zip != NULL;
	for (int i = 0; i < n_docs && built; i++)
		built = qda_codebook_add_doc(&p.book, docs[i]);
	if (built && qda_codebook_add_kinds(&p.book)) {
		write_project(&p);
		if (!p.x.failed && !zip_store_add(p.zip, "project.qde", p.x.data, p.x.len))
			p.failed = true;
	} else {
		p.failed = true;
	}
	int status = 0;
	if (p.failed || p.x.failed || p.book.failed) {
		errmsg_fail(err, errlen, "out of memory while writing the project");
		status = EX_OSERR;
	} else {
		status = zip_store_write(p.zip, out, err, errlen);
	}
	xml_out_free(&p.x);
	qda_codebook_free(&p.book);
	zip_store_free(p.zip);
	return status;
}

int export_qdpx_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen)
{
	const struct export_doc *docs[] = { doc };
	return export_qdpx_write_docs(docs, 1, NULL, out, err, errlen);
}
