/* test_qda: the pieces of the REFI-QDA export that need no session: SHA-1 and version-5
 * UUIDs (sessions/sha1.h, sessions/uuid.h), the GUID rule (out/qda_guid.h), the store-only
 * zip and its CRC-32 (out/zip_store.h), and the XML writer with its text rule
 * (out/xml_out.h). Expected values come from FIPS 180-4's examples, RFC 4122's (as
 * Python's uuid module computes them), and zip's check value for "123456789".
 * tests/e2e/qda.sh checks whole exports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/qda_guid.h"
#include "out/xml_out.h"
#include "out/zip_store.h"
#include "sessions/sha1.h"
#include "sessions/uuid.h"

static void hex(const unsigned char *bytes, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", bytes[i]);
}

static void digest_of(const char *data, size_t len, size_t chunk, char out[41])
{
	struct sha1 ctx;
	unsigned char d[SHA1_DIGEST_LEN];
	sha1_init(&ctx);
	for (size_t at = 0; at < len; at += chunk)
		sha1_update(&ctx, data + at, len - at < chunk ? len - at : chunk);
	sha1_final(&ctx, d);
	hex(d, sizeof d, out);
}

static void test_sha1(void **state)
{
	(void)state;
	char out[41];
	digest_of("", 0, 1, out);
	assert_string_equal(out, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	digest_of("abc", 3, 1, out);
	assert_string_equal(out, "a9993e364706816aba3e25717850c26c9cd0d89d");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	digest_of(two, strlen(two), 7, out);
	assert_string_equal(out, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	/* the lengths where padding takes one block or two */
	char x[65];
	memset(x, 'x', sizeof x);
	digest_of(x, 55, 55, out);
	assert_string_equal(out, "cef734ba81a024479e09eb5a75b6ddae62e6abf1");
	digest_of(x, 56, 3, out);
	assert_string_equal(out, "901305367c259952f4e7af8323f480d59f81335b");
	digest_of(x, 64, 64, out);
	assert_string_equal(out, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163");
	char *million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	digest_of(million, 1000000, 4096, out);
	free(million);
	assert_string_equal(out, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

static void test_uuid_v5(void **state)
{
	(void)state;
	unsigned char dns[16];
	char out[UUID_TEXT_LEN + 1];
	assert_true(uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8", dns)); /* RFC 4122's DNS namespace */
	uuid_v5(dns, "python.org", strlen("python.org"), out);
	assert_string_equal(out, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
	assert_true(uuid_parse("6BA7B810-9DAD-11D1-80B4-00C04FD430C8", dns));
	assert_false(uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430c", dns));
	assert_false(uuid_parse("6ba7b810x9dad-11d1-80b4-00c04fd430c8", dns));
	assert_false(uuid_parse("6ba7b810-9dad-11d1-80b4-00c04fd430cg", dns));
	qda_guid(out, "kind/%s", "obstacle");
	assert_string_equal(out, "0f09afd0-800d-5bd1-9721-84caf873396f");
	char again[UUID_TEXT_LEN + 1];
	qda_guid(again, "kind/obstacle");
	assert_string_equal(out, again);
	qda_guid(again, "kind/success");
	assert_string_not_equal(out, again);
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}

static void test_zip(void **state)
{
	(void)state;
	assert_int_equal(zip_crc32(0, "123456789", 9), 0xcbf43926u);
	assert_int_equal(zip_crc32(zip_crc32(0, "1234", 4), "56789", 5), 0xcbf43926u);
	struct zip_store *zip = zip_store_new(1710441000000); /* 2024-03-14 18:30:00 UTC */
	assert_non_null(zip);
	assert_true(zip_store_add(zip, "sources/b.txt", "bee\n", 4));
	assert_true(zip_store_add(zip, "project.qde", "<P/>", 4));
	assert_true(zip_store_add(zip, "sources/empty.txt", "", 0));
	assert_false(zip_store_add(zip, "/absolute", "x", 1));
	assert_false(zip_store_add(zip, "back\\slash", "x", 1));
	assert_false(zip_store_add(zip, "caf\xc3\xa9", "x", 1));
	char *data = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&data, &len);
	char err[128];
	assert_int_equal(zip_store_write(zip, out, err, sizeof err), 0);
	fclose(out);
	zip_store_free(zip);
	zip_store_free(NULL);
	const unsigned char *p = (const unsigned char *)data;
	/* the first entry is the first name in byte order, stored, with its CRC */
	assert_int_equal(le32(p), 0x04034b50u);
	assert_int_equal(le16(p + 8), 0);
	assert_int_equal(le32(p + 14), zip_crc32(0, "<P/>", 4));
	assert_int_equal(le16(p + 26), strlen("project.qde"));
	assert_memory_equal(p + 30, "project.qde<P/>", 15);
	assert_int_equal(le16(p + 12), (2024 - 1980) << 9 | 3 << 5 | 14);
	assert_int_equal(le16(p + 10), 18 << 11 | 30 << 5);
	/* the end record counts three entries and points at the directory */
	const unsigned char *end = p + len - 22;
	assert_int_equal(le32(end), 0x06054b50u);
	assert_int_equal(le16(end + 10), 3);
	uint32_t dir = le32(end + 16);
	assert_int_equal(le32(p + dir), 0x02014b50u);
	assert_int_equal(le32(end + 12), len - 22 - dir);
	free(data);
}

static char *written(void (*build)(struct xml_out *))
{
	struct xml_out x = { 0 };
	build(&x);
	assert_false(x.failed);
	char *text = strdup(x.data);
	xml_out_free(&x);
	return text;
}

static void build_escapes(struct xml_out *x)
{
	xml_start(x, "A");
	xml_attr(x, "v", "a&b<c>d\"e\tf\ng\r\nh\x1b[0m");
	xml_attr(x, "none", NULL);
	xml_text_element(x, "T", "1 < 2 & \"3\" > 0\ttab\r\nnew\x7f\xc2\x9b\xef\xbf\xbe");
	xml_text_element(x, "Empty", "");
	xml_start(x, "B");
	xml_attr_int(x, "n", -42);
	xml_end(x, "B");
	xml_end(x, "A");
}

static void test_xml_escapes(void **state)
{
	(void)state;
	char *text = written(build_escapes);
	assert_string_equal(text,
		"<A v=\"a&amp;b&lt;c&gt;d&quot;e&#9;f&#10;g&#10;h\xef\xbf\xbd[0m\">"
		"\n  <T>1 &lt; 2 &amp; &quot;3&quot; &gt; 0\ttab\nnew\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd</T>"
		"\n  <B n=\"-42\"/>"
		"\n</A>\n");
	free(text);
}

static void test_clean(void **state)
{
	(void)state;
	size_t len;
	/* Arabic, Tigrinya, Persian with ZWNJ, Chinese, emoji with a skin tone: kept as they are */
	const char *kept = "\xd8\xaa\xd8\xb9 \xe1\x89\x8b \xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae \xe6\x88\x91 "
		"\xf0\x9f\x91\xb6\xf0\x9f\x8f\xbd";
	char *c = xml_clean(kept, &len);
	assert_string_equal(c, kept);
	assert_int_equal(xml_code_points(c, len), 2 + 1 + 1 + 1 + 4 + 1 + 1 + 1 + 2);
	free(c);
	/* a lone continuation byte, an overlong '/', a surrogate, a cut sequence at the end */
	c = xml_clean("a\x80" "b\xc0\xaf" "c\xed\xa0\x80" "d\xe6\x88", &len);
	assert_string_equal(c, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		"d\xef\xbf\xbd\xef\xbf\xbd");
	assert_int_equal(xml_code_points(c, len), 12);
	free(c);
	c = xml_clean("one\r\ntwo\rthree\n\x01\x7f", NULL);
	assert_string_equal(c, "one\ntwo\nthree\n\xef\xbf\xbd\xef\xbf\xbd");
	free(c);
	/* textsafe's unsafe characters: U+202E (right-to-left override), U+FEFF, U+200B; kept:
	 * U+200F (right-to-left mark), U+200D (zero-width joiner) */
	c = xml_clean("\xe2\x80\xae" "a\xef\xbb\xbf" "b\xe2\x80\x8b" "c\xe2\x80\x8f" "d\xe2\x80\x8d", NULL);
	assert_string_equal(c, "\xef\xbf\xbd" "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xe2\x80\x8f" "d\xe2\x80\x8d");
	free(c);
	c = xml_clean("", &len);
	assert_string_equal(c, "");
	assert_int_equal(len, 0);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1),
		cmocka_unit_test(test_uuid_v5),
		cmocka_unit_test(test_zip),
		cmocka_unit_test(test_xml_escapes),
		cmocka_unit_test(test_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
