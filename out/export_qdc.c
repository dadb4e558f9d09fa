/* export_qdc: see export_qdc.h. */
#include "out/export_qdc.h"

#include <errno.h>
#include <string.h>
#include <sysexits.h>

#include "out/qda_codebook.h"
#include "out/xml_out.h"
#include "sessions/errmsg.h"

int export_qdc_write(const struct export_doc *doc, FILE *out, char *err, size_t errlen)
{
	struct qda_codebook book = { 0 };
	struct xml_out x = { 0 };
	bool built = qda_codebook_add_doc(&book, doc);
	xml_declaration(&x);
	xml_start(&x, "CodeBook");
	xml_attr(&x, "xmlns", "urn:QDA-XML:codebook:1.0");
	xml_attr(&x, "origin", "klankbord " KLANKBORD_VERSION);
	qda_codebook_write(&x, &book);
	xml_end(&x, "CodeBook");
	int status = 0;
	if (!built || book.failed || x.failed) {
		errmsg_fail(err, errlen, "out of memory while writing the codebook");
		status = EX_OSERR;
	} else if (fwrite(x.data, 1, x.len, out) != x.len || fflush(out) != 0) {
		errmsg_fail(err, errlen, "cannot write the codebook: %s", strerror(ferror(out) ? errno : EIO));
		status = EX_IOERR;
	}
	xml_out_free(&x);
	qda_codebook_free(&book);
	return status;
}
