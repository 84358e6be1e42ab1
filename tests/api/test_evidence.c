/*
 * test_evidence.c - evidence uploads (domain/evidence.c): the type told
 * by content (a real PNG, JPEG, WebP and PDF made here; text, HTML and
 * SVG refused whatever they are called), the per-route size limit,
 * storage once per SHA-256, and reading only where the record can be
 * read, on SQLite and PostgreSQL.
 */
#include <criterion/criterion.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/auth.h"
#include "domain/roles.h"
#include "t_app.h"

static void
up(void)
{
	struct err	e;

	t_app_up();
	/* Above max-body (4096 in t_app.c): the upload route's own limit. */
	cr_assert(conf_set(&t_app.conf, "max-upload", "16384", SRC_FLAG,
	    &e) == 0, "%s", e.msg_en);
}

TestSuite(evidence, .init = up, .fini = t_app_down, .timeout = 60);

/* A 1x1 PNG: signature, IHDR, one IDAT, IEND, with their CRCs. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
	0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63,
	0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60,
	0x82,
};
/* JFIF header and end of image. */
static const unsigned char jpeg[] = {
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00,
	0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
};

static long long	 session_id;

/* A PDF of about n bytes: a page whose content stream pads it out. */
static char *
pdf(size_t n, size_t *len)
{
	static char	buf[32768];
	size_t		k;

	k = (size_t)snprintf(buf, sizeof(buf), "%%PDF-1.4\n1 0 obj\n<< /Type "
	    "/Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids "
	    "[3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 "
	    "R /MediaBox [0 0 200 200] >>\nendobj\n%% ");
	while (k < n - 40 && k < sizeof(buf) - 64)
		buf[k++] = 'x';
	k += (size_t)snprintf(buf + k, sizeof(buf) - k, "\ntrailer\n<< /Root "
	    "1 0 R >>\n%%%%EOF\n");
	*len = k;
	return (buf);
}

static struct res *
upload(const char *resource, long long id, const char *kind,
    const void *p, size_t n)
{
	char	path[160];

	snprintf(path, sizeof(path), "/api/v1/evidence?resource=%s&record_id="
	    "%lld&kind=%s", resource, id, kind);
	/* The client's Content-Type is not believed. */
	return (t_call_b("POST", path, p, n, NULL, (const char *[]){
	    "Content-Type: image/png", NULL }));
}

static struct res *
get(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static struct res *
get(const char *fmt, ...)
{
	char	path[160];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	return (t_call("GET", path, NULL));
}

/* A group session in 甲村 by the worker of 大堡子镇. */
static void
fixture(void)
{
	char		 body[512];
	struct res	*r;
	long long	 org, proj, g;

	t_login("admin");
	r = t_call("POST", "/api/v1/organizations", "{\"name\":\"民政局\","
	    "\"org_type\":\"PURCHASER\",\"region_code\":\"630105000000\"}");
	org = t_int(r, "id");
	t_login("purchaser");
	snprintf(body, sizeof(body), "{\"name\":\"关爱项目\",\"region_code\":"
	    "\"630105000000\",\"purchaser_org_id\":%lld,\"fund_source\":"
	    "\"CENTRAL\",\"start_date\":\"2026-03-01\",\"end_date\":"
	    "\"2026-12-31\"}", org);
	r = t_call("POST", "/api/v1/projects", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	proj = t_int(r, "id");
	t_login("worker");
	snprintf(body, sizeof(body), "{\"project_id\":%lld,\"region_code\":"
	    "\"630105100201\",\"name\":\"成长小组\",\"type\":\"GROWTH\","
	    "\"purpose\":\"x\",\"planned_sessions\":6}", proj);
	r = t_call("POST", "/api/v1/groups", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	g = t_int(r, "id");
	snprintf(body, sizeof(body), "{\"group_id\":%lld,\"number\":1,"
	    "\"planned_date\":\"2026-04-01\",\"start_time\":\"14:00\","
	    "\"end_time\":\"15:00\"}", g);
	r = t_call("POST", "/api/v1/group_sessions", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	session_id = t_int(r, "id");
}

Test(evidence, type_is_told_by_content)
{
	static const unsigned char webp[] = "RIFF\x1a\0\0\0WEBPVP8 "
	    "\x0e\0\0\0\x30\x01\0\x9d\x01\x2a\x01\0\x01\0\0\0";
	static const char svg[] = "<?xml version=\"1.0\"?><svg xmlns=\""
	    "http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
	struct res	*r;
	size_t		 n;
	char		*p;

	fixture();
	r = upload("group_sessions", session_id, "SIGN_IN", png, sizeof(png));
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_str_eq(t_str(r, "mime"), "image/png");
	cr_assert_eq(t_int(r, "size"), (long long)sizeof(png));
	cr_assert_str_eq(t_str(r, "kind"), "SIGN_IN");
	cr_assert_str_eq(t_str(r, "resource"), "group_sessions");
	p = pdf(600, &n);
	r = upload("group_sessions", session_id, "REPORT", p, n);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_str_eq(t_str(r, "mime"), "application/pdf");
	r = upload("group_sessions", session_id, "PHOTO", jpeg, sizeof(jpeg));
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_str_eq(t_str(r, "mime"), "image/jpeg");
	r = upload("group_sessions", session_id, "PHOTO", webp,
	    sizeof(webp) - 1);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_str_eq(t_str(r, "mime"), "image/webp");
	/* Text called a PNG, HTML, SVG with a script: refused by type. */
	r = upload("group_sessions", session_id, "PHOTO", "just some text\n",
	    15);
	cr_assert_eq(r->status, 415, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "text/plain") != NULL, "%s",
	    r->body);
	r = upload("group_sessions", session_id, "PHOTO",
	    "<html><body>hi</body></html>", 28);
	cr_assert_eq(r->status, 415, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "text/html") != NULL, "%s",
	    r->body);
	r = upload("group_sessions", session_id, "PHOTO", svg, sizeof(svg) - 1);
	cr_assert_eq(r->status, 415, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "svg") != NULL, "%s", r->body);
	r = upload("group_sessions", session_id, "PHOTO", "", 0);
	cr_assert_eq(r->status, 400);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence"), 4);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence_blobs"), 4);
	/* Each stored upload is in the audit chain, without the bytes. */
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE "
	    "resource = 'evidence' AND action = 'create'"), 4);
}

Test(evidence, bad_targets_are_refused)
{
	struct res	*r;

	fixture();
	r = upload("nothing", session_id, "PHOTO", png, sizeof(png));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "resource");
	r = upload("group_sessions", session_id, "SELFIE", png, sizeof(png));
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "kind");
	r = upload("group_sessions", 999, "PHOTO", png, sizeof(png));
	cr_assert_eq(r->status, 404, "%s", r->body);
	r = t_call_b("POST", "/api/v1/evidence?resource=group_sessions&"
	    "record_id=x&kind=PHOTO", png, sizeof(png), NULL, NULL);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "record_id");
	r = t_call_b("POST", "/api/v1/evidence?resource=group_sessions&"
	    "record_id=1&kind=PHOTO&name=a.png", png, sizeof(png), NULL, NULL);
	cr_assert_eq(r->status, 400);
	/* A director may read a session but not write it: no upload. */
	t_login("director");
	r = upload("group_sessions", session_id, "PHOTO", png, sizeof(png));
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence"), 0);
}

Test(evidence, size_is_limited_per_route)
{
	struct res	*r;
	size_t		 n;
	char		*p;

	fixture();
	/* Over max-body (4096) but within max-upload (16384): taken. */
	p = pdf(10000, &n);
	cr_assert(n > 4096 && n < 16384);
	r = upload("group_sessions", session_id, "REPORT", p, n);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cr_assert_eq(t_int(r, "size"), (long long)n);
	p = pdf(17000, &n);
	cr_assert(n > 16384);
	r = upload("group_sessions", session_id, "REPORT", p, n);
	cr_assert_eq(r->status, 413, "%s", r->body);
	cr_assert(strstr(t_str(r, "detail"), "16384") != NULL, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence"), 1);
	/* JSON routes keep max-body. */
	p = pdf(6000, &n);
	r = t_call_b("POST", "/api/v1/children", p, n, NULL, NULL);
	cr_assert_eq(r->status, 413);
}

Test(evidence, identical_files_are_stored_once)
{
	unsigned char	 h[crypto_hash_sha256_BYTES];
	char		 hex[65], body[256];
	struct res	*r;
	long long	 first, s2;

	fixture();
	r = upload("group_sessions", session_id, "SIGN_IN", png, sizeof(png));
	cr_assert_eq(r->status, 201);
	first = t_int(r, "id");
	crypto_hash_sha256(h, png, sizeof(png));
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	cr_assert_str_eq(t_str(r, "sha256"), hex);
	/* The same again for the same record and kind: the same row. */
	r = upload("group_sessions", session_id, "SIGN_IN", png, sizeof(png));
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "id"), first);
	/* As a photo of it, and for another session: new links, one file. */
	r = upload("group_sessions", session_id, "PHOTO", png, sizeof(png));
	cr_assert_eq(r->status, 201);
	snprintf(body, sizeof(body), "{\"group_id\":1,\"number\":2,"
	    "\"planned_date\":\"2026-04-08\",\"start_time\":\"14:00\","
	    "\"end_time\":\"15:00\"}");
	r = t_call("POST", "/api/v1/group_sessions", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	s2 = t_int(r, "id");
	r = upload("group_sessions", s2, "SIGN_IN", png, sizeof(png));
	cr_assert_eq(r->status, 201);
	cr_assert_str_eq(t_str(r, "sha256"), hex);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence"), 3);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence_blobs"), 1);
	/* The one stored copy serves each link, byte for byte. */
	r = get("/api/v1/evidence/%lld/content", first + 2);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(r->body_len, sizeof(png));
	cr_assert(memcmp(r->body, png, sizeof(png)) == 0);
}

Test(evidence, served_only_where_the_record_can_be_read)
{
	struct res	*r;
	long long	 id;
	size_t		 n;
	char		*p;

	fixture();
	p = pdf(3000, &n);
	r = upload("group_sessions", session_id, "REPORT", p, n);
	cr_assert_eq(r->status, 201);
	id = t_int(r, "id");
	cr_assert_str_eq(t_header(r, "Location"), "/api/v1/evidence/1/content");
	r = get("/api/v1/evidence/%lld/content", id);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_str_eq(r->content_type, "application/pdf");
	cr_assert_str_eq(t_header(r, "X-Content-Type-Options"), "nosniff");
	cr_assert_str_eq(t_header(r, "Content-Security-Policy"), "sandbox");
	cr_assert_eq(r->body_len, n);
	cr_assert(memcmp(r->body, p, n) == 0);
	r = get("/api/v1/evidence?resource=group_sessions&record_id=%lld",
	    session_id);
	cr_assert_eq(r->status, 200, "%s", r->body);
	cr_assert_eq(t_int(r, "items/0/id"), id);
	cr_assert_str_eq(t_str(r, "items/0/mime"), "application/pdf");
	/* The village's child director is in scope and may read sessions. */
	t_login("director");
	cr_assert_eq(get("/api/v1/evidence/%lld/content", id)->status, 200);
	/* Another township's worker: not found, and the attempt audited. */
	t_login("worker2");
	r = get("/api/v1/evidence/%lld/content", id);
	cr_assert_eq(r->status, 404, "%s", r->body);
	r = get("/api/v1/evidence?resource=group_sessions&record_id=%lld",
	    session_id);
	cr_assert_eq(r->status, 404, "%s", r->body);
	cr_assert(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'denied' AND resource = 'group_sessions'") >= 2);
	/* The township supervisor of 廿里铺镇 neither. */
	t_login("township");
	cr_assert_eq(get("/api/v1/evidence/%lld/content", id)->status, 404);
	/* A school contact may not read sessions at all. */
	t_login("school");
	cr_assert_eq(get("/api/v1/evidence/%lld/content", id)->status, 403);
	cr_assert_eq(get("/api/v1/evidence/%d/content", 99)->status, 404);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE "
	    "resource = 'evidence' AND action = 'read'"), 2);
}

Test(evidence, removed_by_its_uploader_or_a_supervisor_and_the_file_with_it)
{
	struct res	*r;
	char		 path[64];
	long long	 a, b;

	fixture();
	a = t_int(upload("group_sessions", session_id, "PHOTO", png,
	    sizeof(png)), "id");
	b = t_int(upload("group_sessions", session_id, "SIGN_IN", png,
	    sizeof(png)), "id");
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence_blobs"), 1);
	/* Another township's worker does not find it. */
	t_login("worker2");
	snprintf(path, sizeof(path), "/api/v1/evidence/%lld", a);
	cr_assert_eq(t_call("DELETE", path, NULL)->status, 404);
	/* Another worker of the same town may write sessions, but did not
	 * upload it. */
	{
		struct store	*db = store_pool_acquire(t_app.pool);
		struct err	 e;

		cr_assert(auth_user_create(db, "worker3", T_PASSWORD, "worker3",
		    ROLE_WORKER, "630105100", 0, app_pwcost(&t_app), &e) !=
		    -1, "%s", e.msg_en);
		store_pool_release(t_app.pool, db);
	}
	t_login("worker3");
	r = t_call("DELETE", path, NULL);
	cr_assert_eq(r->status, 403, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "id");
	/* A school contact may not write sessions at all. */
	t_login("school");
	cr_assert_eq(t_call("DELETE", path, NULL)->status, 403);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence"), 2);
	/* Its uploader may; the file stays while the other link holds it. */
	t_login("worker");
	r = t_call("DELETE", path, NULL);
	cr_assert_eq(r->status, 204, "%s", r->body);
	cr_assert_eq(get("/api/v1/evidence/%lld/content", a)->status, 404);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence_blobs"), 1);
	cr_assert_eq(t_call("DELETE", path, NULL)->status, 404);
	/* A supervisor may remove what the worker uploaded: the file goes. */
	t_login("supervisor");
	snprintf(path, sizeof(path), "/api/v1/evidence/%lld", b);
	r = t_call("DELETE", path, NULL);
	cr_assert_eq(r->status, 204, "%s", r->body);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence"), 0);
	cr_assert_eq(t_sql_int("SELECT count(*) FROM evidence_blobs"), 0);
	/* The audit keeps which file it was. */
	cr_assert_eq(t_sql_int("SELECT count(*) FROM audit_log WHERE action = "
	    "'delete' AND resource = 'evidence' AND detail LIKE "
	    "'%\"sha256\":\"%'"), 2);
}

/*
 * Names from the request echoed in an error are made valid UTF-8: the
 * answer is JSON, not a server that stops (found by fuzz_upload).
 */
Test(evidence, bytes_that_are_not_utf8_are_not_echoed)
{
	struct res	*r;

	r = t_call("GET", "/api/v1/children?%FF%FE=1", NULL);
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "??");
	fixture();
	r = t_call_b("POST", "/api/v1/evidence?resource=group_sessions&"
	    "record_id=1&kind=%C3%28%E4%BD", png, sizeof(png), NULL, NULL);
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "kind");
	r = t_call_b("POST", "/api/v1/evidence?resource=%ED%A0%80&"
	    "record_id=1&kind=PHOTO", png, sizeof(png), NULL, NULL);
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "resource");
}
