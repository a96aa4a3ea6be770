/*
 * test_pdf.c: render/render.h: a certificate as PDF, read back with
 * pdftotext (poppler-utils): the name, the course and the code are there
 * as text, in Arabic (shaped: pdftotext gives back the letters in their
 * logical order only when the font's glyphs map back to them), Chinese
 * and English; the signed payload is in the file and checks out; QR
 * codes have the size the text needs.
 */
#include "unit.h"

#include "learn/cert.h"
#include "render/render.h"

#include <sys/wait.h>

static unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];

static int setup(void **state)
{
	(void)state;
	if (sodium_init() < 0)
		return -1;
	crypto_sign_keypair(pk, sk);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	render_free();
	return 0;
}

/* The text pdftotext reads from the PDF in b (malloc'd). */
static char *pdf_text(const struct buf *b)
{
	char dir[] = "/tmp/cophub-pdf.XXXXXX";
	assert_non_null(mkdtemp(dir));
	unit_write(dir, "c.pdf", b->data, b->len);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s/c.pdf - 2>&1", dir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	size_t got;
	while ((got = fread(out + n, 1, cap - 1 - n, p)) > 0)
		n += got;
	out[n] = '\0';
	int rc = pclose(p);
	if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
		fail_msg("pdftotext failed (is poppler-utils installed?): %s", out);
	if (!getenv("KEEP_PDF"))
		unit_remove(dir, "c.pdf");
	if (!getenv("KEEP_PDF"))
		rmdir(dir);
	return out;
}

static void certificate(const struct cert_claims *c, const struct cert_doc *tmpl,
			struct buf *pdf, char *payload)
{
	char err[200];
	assert_int_equal(cert_sign(c, sk, payload, CERT_PAYLOAD_MAX, err, sizeof(err)), 0);
	struct cert_doc d = *tmpl;
	d.payload = payload;
	d.qr = payload;
	buf_init(pdf, 1 << 20); /* as the pages that make certificates */
	if (pdf_certificate(&d, pdf, err, sizeof(err)) != 0)
		fail_msg("%s", err);
	assert_true(pdf->len > 1000);
	assert_memory_equal(pdf->data, "%PDF-", 5);
}

static void test_arabic(void **state)
{
	(void)state;
	struct cert_claims c = {
		.code = "K7QF-2M9X",
		.kind = "completion",
		.name = "ليلى أحمد",
		.course = "حماية الأطفال على الإنترنت: دورة للآباء والأمهات",
		.date = "2026-12-01",
		.issuer = "cophub",
		.lang = "ar",
	};
	struct cert_doc d = {
		.lang = "ar",
		.rtl = true,
		.title = "شهادة إتمام",
		.intro = "نشهد بأنّ",
		.name = c.name,
		.outro = "أتمّت الدورة",
		.course = c.course,
		.date = "1 ديسمبر 2026",
		.issuer = "cophub",
		.code = "رمز التحقق: K7QF-2M9X",
		.check = "https://cophub.example/verify/K7QF-2M9X",
	};
	struct buf pdf;
	char payload[CERT_PAYLOAD_MAX], err[200];
	certificate(&c, &d, &pdf, payload);
	char *text = pdf_text(&pdf);
	if (!strstr(text, "ليلى أحمد"))
		fail_msg("the Arabic name is not in the text pdftotext reads:\n%s", text);
	/* words without lam-alef: pdftotext gives that ligature's two letters
	 * back in the wrong order ("األطفال"), which shows that the shaper
	 * joined them */
	if (!strstr(text, "حماية") || !strstr(text, "على") || !strstr(text, "دورة"))
		fail_msg("the Arabic course is not in the text:\n%s", text);
	if (!strstr(text, "األطفال"))
		fail_msg("no lam-alef ligature: was the Arabic shaped?\n%s", text);
	assert_non_null(strstr(text, "K7QF-2M9X"));
	assert_non_null(strstr(text, "https://cophub.example/verify/K7QF-2M9X"));
	free(text);

	/* the file itself carries the signed payload, and it checks out */
	struct cert_claims got;
	assert_int_equal(cert_verify(pdf.data, pdf.len, pk, &got, err, sizeof(err)), 0);
	assert_string_equal(got.name, c.name);
	assert_string_equal(got.code, c.code);
	buf_free(&pdf);
}

static void test_chinese_and_english(void **state)
{
	(void)state;
	struct cert_claims c = {
		.code = "ABCD-EF23",
		.kind = "attendance",
		.name = "王小明",
		.course = "儿童上网保护：家长课程",
		.date = "2026-12-01",
		.issuer = "cophub",
		.lang = "zh",
	};
	struct cert_doc d = {
		.lang = "zh",
		.title = "结业证书",
		.intro = "兹证明",
		.name = c.name,
		.outro = "已完成课程",
		.course = c.course,
		.date = "2026年12月1日",
		.issuer = "cophub",
		.code = "验证码：ABCD-EF23",
		.check = "https://cophub.example/verify/ABCD-EF23",
	};
	struct buf pdf;
	char payload[CERT_PAYLOAD_MAX];
	certificate(&c, &d, &pdf, payload);
	char *text = pdf_text(&pdf);
	if (!strstr(text, "王小明") || !strstr(text, "儿童上网保护"))
		fail_msg("the Chinese text is not in the PDF:\n%s", text);
	free(text);
	buf_free(&pdf);

	struct cert_claims e = c;
	memcpy(e.name, "Mary O'Neil-Okafor", sizeof("Mary O'Neil-Okafor"));
	memcpy(e.lang, "en", 3);
	struct cert_doc de = {
		.lang = "en",
		.title = "Certificate of completion",
		.intro = "This certifies that",
		.name = e.name,
		.outro = "has completed the course",
		.course = "Keeping children safe online: parents and carers",
		.date = "1 December 2026",
		.issuer = "cophub",
		.code = "Verification code: ABCD-EF23",
		.check = "https://cophub.example/verify/ABCD-EF23",
	};
	certificate(&e, &de, &pdf, payload);
	text = pdf_text(&pdf);
	assert_non_null(strstr(text, "Mary O'Neil-Okafor"));
	assert_non_null(strstr(text, "Certificate of completion"));
	free(text);
	buf_free(&pdf);
}

static void test_qr(void **state)
{
	(void)state;
	int side = 0;
	unsigned char *m = qr_modules("https://cophub.example/verify/K7QF-2M9X", &side);
	assert_non_null(m);
	/* a QR code is 17 + 4 * version modules a side */
	assert_int_equal((side - 17) % 4, 0);
	assert_true(side >= 21 && side <= 41);
	/* the three finder patterns: dark corners */
	assert_int_equal(m[0], 1);
	assert_int_equal(m[side - 1], 1);
	assert_int_equal(m[(side - 1) * side], 1);
	free(m);
	/* a payload of the longest kind still fits */
	char big[CERT_PAYLOAD_MAX];
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	m = qr_modules(big, &side);
	assert_non_null(m);
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_chinese_and_english),
		cmocka_unit_test(test_qr),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
