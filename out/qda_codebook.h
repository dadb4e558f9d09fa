/* qda_codebook: the codes of a REFI-QDA export, for the codebook file (.qdc) and the
 * project (.qdpx) alike.
 *
 * From each export document: its codebook's groups as codes that cannot be coded
 * (isCodable="false"), its entries as codes under their group (an entry without a group
 * at the top), and any code a contribution carries that the codebook lacks (data older
 * than the check at capture) at the top, so that every CodeRef resolves. For a project
 * also the contribution kinds: a non-codable "kind" code with one code per kind.
 * Several documents give one codebook: a code that two sessions share (the same codebook
 * name and code, so the same GUID, qda_guid.h) is written once.
 *
 * A qda_codebook owns its codes' descriptions until qda_codebook_free() (which accepts
 * a zeroed one); names are borrowed from the documents and static tables, which must
 * outlive it. Never prints, never exits. */
#ifndef KLANKBORD_QDA_CODEBOOK_H
#define KLANKBORD_QDA_CODEBOOK_H

#include <stdbool.h>

#include "out/export_doc.h"
#include "out/qda_guid.h"
#include "out/xml_out.h"

struct qda_code {
	char guid[QDA_GUID_LEN + 1];
	const char *name;
	char *description;          /* owned; NULL for none */
	bool codable;
	const char *color;          /* "#rrggbb" or NULL */
	int parent;                 /* index into codes, -1 at the top */
};

struct qda_codebook {
	struct qda_code *codes;     /* parents before their children */
	int n, cap;
	bool failed;                /* memory ran out: codes are missing */
};

/* Adds a document's codebook and the codes its contributions use. False when out of memory. */
bool qda_codebook_add_doc(struct qda_codebook *book, const struct export_doc *doc);
/* Adds the "kind" parent and a code per contribution kind. False when out of memory. */
bool qda_codebook_add_kinds(struct qda_codebook *book);
void qda_codebook_free(struct qda_codebook *book);

/* The GUID of the code a contribution's tag refers to in this document's codebook. */
void qda_code_guid(const struct export_doc *doc, const char *code, char out[QDA_GUID_LEN + 1]);
/* The GUID of a kind's code. */
void qda_kind_guid(enum contribution_kind kind, char out[QDA_GUID_LEN + 1]);

/* Writes <Codes> with every code nested under its parent (the caller writes the
 * <CodeBook> around it: the .qdc and the project differ there). */
void qda_codebook_write(struct xml_out *x, const struct qda_codebook *book);

#endif
