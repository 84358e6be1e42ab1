/*
 * test_lang.c - Tibetan, the third language, end to end: every label the
 * browser is given (schema, workflow steps, profile, timeline,
 * eligibility) comes with its Tibetan; error details follow
 * Accept-Language; and the catalog itself is sound (one entry per key,
 * Tibetan text, the same printf conversions as the Chinese it stands for).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lang.h"
#include "domain/resource.h"
#include "t_app.h"

TestSuite(lang, .init = t_app_up, .fini = t_app_down, .timeout = 120);

/* Chinese labels seen without Tibetan, each once. */
struct missing {
	char	*list;
	size_t	 n;
	size_t	 len;
};

/* What a labelled object is, for the list of what lacks Tibetan. */
static const char *
kind_of(json_t *j)
{
	if (json_object_get(j, "action") != NULL)
		return ("step");
	if (json_object_get(j, "type") != NULL)
		return ("field");
	if (json_object_get(j, "code") != NULL)
		return ("value");
	if (json_object_get(j, "name") != NULL)
		return ("resource");
	return ("text");
}

static void
missing_add(struct missing *m, const char *kind, const char *label)
{
	char	 zh[512];
	size_t	 k;
	char	*p;

	k = (size_t)snprintf(zh, sizeof(zh), "%s\t%s", kind, label);
	if (k >= sizeof(zh))
		k = sizeof(zh) - 1;

	if (m->list != NULL)
		for (p = m->list; *p != '\0'; p += strlen(p) + 1)
			if (strcmp(p, zh) == 0)
				return;
	m->list = realloc(m->list, m->len + k + 2);
	cr_assert(m->list != NULL);
	memcpy(m->list + m->len, zh, k + 1);
	m->len += k + 1;
	m->list[m->len] = '\0';
	m->n++;
}

/* Every object with "zh" and "en" must carry "bo" as well. */
static void
walk(json_t *j, struct missing *m)
{
	const char	*key;
	json_t		*v;
	size_t		 i;

	if (json_is_object(j)) {
		if (json_is_string(json_object_get(j, "zh")) &&
		    json_is_string(json_object_get(j, "en")) &&
		    !json_is_string(json_object_get(j, "bo")))
			missing_add(m, kind_of(j), json_string_value(
			    json_object_get(j, "zh")));
		json_object_foreach(j, key, v)
			walk(v, m);
	} else if (json_is_array(j))
		json_array_foreach(j, i, v)
			walk(v, m);
}

static void
walk_get(const char *path, struct missing *m)
{
	struct res	*r = t_call("GET", path, NULL);

	cr_assert_eq(r->status, 200, "%s: %d %s", path, r->status, r->body);
	walk(t_json(r), m);
}

static void
assert_none_missing(struct missing *m, const char *what)
{
	const char	*p;

	if (m->n > 0)
		for (p = m->list; *p != '\0'; p += strlen(p) + 1)
			fprintf(stderr, "no Tibetan for %s label\t%s\n", what, p);
	cr_expect_eq(m->n, 0, "%zu %s labels have no Tibetan (listed above)",
	    m->n, what);
	free(m->list);
}

Test(lang, every_schema_label_has_tibetan)
{
	struct missing	 m = { 0 };
	char		 path[128];
	size_t		 i;

	t_login("admin");
	walk_get("/api/v1/schema", &m);
	for (i = 0; resources[i] != NULL; i++) {
		snprintf(path, sizeof(path), "/api/v1/schema/%s",
		    resources[i]->name);
		walk_get(path, &m);
	}
	assert_none_missing(&m, "schema");
}

Test(lang, profile_timeline_and_eligibility_have_tibetan)
{
	struct missing	 m = { 0 };
	struct res	*r;
	char		 path[128], body[512];
	long long	 c;

	t_login("worker");
	c = t_child("卓玛", "F", "2015-03-04");
	t_consent(c, "CASE_SERVICE");
	t_login("worker");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"assessed_on\":"
	    "\"2025-03-01\",\"kind\":\"INITIAL\",\"safety_guardianship\":2,"
	    "\"physical_health\":0,\"mental_emotional\":1,\"parent_contact\":"
	    "2,\"schooling\":0,\"peers\":0,\"behaviour\":0,"
	    "\"self_protection\":1,\"family_finances\":1,"
	    "\"hukou_schooling_status\":0}", c);
	r = t_call("POST", "/api/v1/assessments", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	snprintf(path, sizeof(path), "/api/v1/children/%lld/timeline", c);
	walk_get(path, &m);
	snprintf(path, sizeof(path), "/api/v1/children/%lld/eligibility", c);
	walk_get(path, &m);
	walk_get("/api/v1/regions/630105100000/profile", &m);
	assert_none_missing(&m, "profile, timeline or eligibility");
}

/* Whether s holds a character of the Tibetan block (U+0F00..U+0FFF). */
static int
has_tibetan(const char *s)
{
	return (strstr(s, "\xe0\xbc") != NULL || strstr(s, "\xe0\xbd") !=
	    NULL || strstr(s, "\xe0\xbe") != NULL ||
	    strstr(s, "\xe0\xbf") != NULL);
}

Test(lang, error_detail_follows_accept_language)
{
	static const char *const bo[] = { "Accept-Language: bo", NULL };
	static const char *const en[] = { "Accept-Language: en-GB", NULL };
	static const char *const body = "{\"name\":\"卓玛\",\"sex\":\"X\","
	    "\"birth_date\":\"2015-03-04\",\"village_code\":\"630105100201\"}";
	struct res	*r;
	const char	*zh;

	t_login("worker");
	r = t_call("POST", "/api/v1/children", body);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "sex");
	zh = strdup(t_str(r, "detail"));
	cr_assert(!has_tibetan(zh), "zh detail: %s", zh);

	r = t_call_h("POST", "/api/v1/children", body, en);
	cr_assert_eq(r->status, 400);
	cr_assert(!has_tibetan(t_str(r, "detail")));
	cr_assert(strstr(t_str(r, "detail"), "sex") != NULL, "%s",
	    t_str(r, "detail"));

	r = t_call_h("POST", "/api/v1/children", body, bo);
	cr_assert_eq(r->status, 400);
	cr_assert_str_eq(t_str(r, "field"), "sex");
	cr_assert(has_tibetan(t_str(r, "detail")), "bo detail: %s",
	    t_str(r, "detail"));
	/* The bad value itself is quoted in every language. */
	cr_assert(strstr(t_str(r, "detail"), "X") != NULL, "%s",
	    t_str(r, "detail"));
	free((void *)zh);
}

Test(lang, accept_language_is_read_by_its_first_tag)
{
	cr_assert_eq(lang_from_header(NULL), LANG_ZH);
	cr_assert_eq(lang_from_header("zh-CN,zh;q=0.9"), LANG_ZH);
	cr_assert_eq(lang_from_header("en-US,en;q=0.9"), LANG_EN);
	cr_assert_eq(lang_from_header("bo"), LANG_BO);
	cr_assert_eq(lang_from_header(" bo-CN"), LANG_BO);
	cr_assert_eq(lang_from_header("fr"), LANG_ZH);
}

/* The printf conversions of s, each as its letter, in order. */
static void
conversions(const char *s, char *out, size_t outsz)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == '%')
			continue;
		while (*s != '\0' && strchr("-+ #0123456789.*hlzjt", *s))
			if (*s++ == '*' && n + 1 < outsz)
				out[n++] = '*';
		if (*s == '\0')
			break;
		if (n + 1 < outsz)
			out[n++] = *s;
	}
	out[n] = '\0';
}

Test(lang, catalog_is_one_tibetan_entry_per_key_with_the_same_conversions)
{
	const struct lang_pair	*c;
	char			 a[32], b[32];
	size_t			 i, n;

	n = lang_catalog(&c);
	cr_assert_gt(n, 0);
	for (i = 0; i < n; i++) {
		cr_expect(i == 0 || strcmp(c[i - 1].zh, c[i].zh) != 0,
		    "two entries for \"%s\"", c[i].zh);
		cr_expect(c[i].bo != NULL && has_tibetan(c[i].bo),
		    "\"%s\": no Tibetan text", c[i].zh);
		conversions(c[i].zh, a, sizeof(a));
		conversions(c[i].bo, b, sizeof(b));
		cr_expect_str_eq(a, b, "\"%s\": conversions %s in zh, %s in bo",
		    c[i].zh, a, b);
	}
}

Test(lang, an_error_without_tibetan_falls_back_to_chinese)
{
	struct err	 e;

	err_setl(&e, ERR_INVALID, "x", "没有译文的消息 %d",
	    "a message with no translation %d", 7);
	cr_assert_str_eq(e.msg_bo, "");
	cr_assert_str_eq(err_msg(&e, LANG_BO), "没有译文的消息 7");
	cr_assert_str_eq(err_msg(&e, LANG_EN), "a message with no "
	    "translation 7");
}

Test(lang, code_lists_and_evidence_kinds_are_declared_in_the_schema)
{
	struct res	*r;
	json_t		*f, *it;
	size_t		 i;

	t_login("worker");
	r = t_call("GET", "/api/v1/schema/mandatory_reports", NULL);
	cr_assert_eq(r->status, 200);
	f = NULL;
	json_array_foreach(json_object_get(t_json(r), "fields"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "name")),
		    "recipients") == 0)
			f = it;
	cr_assert(f != NULL);
	cr_assert(json_is_true(json_object_get(f, "multiple")));
	cr_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(f, "values"), 0), "code")), "POLICE");
	r = t_call("GET", "/api/v1/schema", NULL);
	cr_assert_eq(json_array_size(json_object_get(t_json(r),
	    "evidence_kinds")), 8);
	cr_assert_str_eq(t_str(r, "evidence_kinds/0/code"), "INVOICE");
	cr_assert(has_tibetan(t_str(r, "evidence_kinds/0/bo")));
}

/* Whether s holds two Han characters in a row (Chinese words). */
static int
has_chinese(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 run = 0;

	for (; *p != '\0'; p++) {
		/* U+4E00..U+9FFF: E4 B8 80 .. E9 BF BF. */
		if (*p >= 0xe4 && *p <= 0xe9 && p[1] != '\0' && p[2] != '\0') {
			if (++run == 2)
				return (1);
			p += 2;
		} else if (*p >= 0x80 && (*p & 0xc0) == 0x80)
			continue;
		else
			run = 0;
	}
	return (0);
}

Test(lang, a_refused_workflow_step_is_told_in_tibetan_with_tibetan_names)
{
	static const char *const bo[] = { "Accept-Language: bo",
	    "If-Match: \"1\"", NULL };
	struct res	*r;
	char		 body[256], path[64];
	long long	 c, cs, sup;

	sup = t_sql_int("SELECT id FROM users WHERE login = 'supervisor'");
	t_login("worker");
	c = t_child("卓玛", "F", "2015-03-04");
	t_consent(c, "CASE_SERVICE");
	t_login("worker");
	snprintf(body, sizeof(body), "{\"child_id\":%lld,\"opened_on\":"
	    "\"2025-03-01\",\"source\":\"DIRECTOR\",\"supervisor_user_id\":"
	    "%lld,\"referral_reason\":\"x\"}", c, sup);
	r = t_call("POST", "/api/v1/cases", body);
	cr_assert_eq(r->status, 201, "%s", r->body);
	cs = t_int(r, "id");
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/transitions", cs);
	r = t_call_h("POST", path, "{\"action\":\"approve_plan\"}", bo);
	cr_assert_eq(r->status, 409, "%s", r->body);
	cr_assert(has_tibetan(t_str(r, "detail")), "%s", t_str(r, "detail"));
	cr_assert(!has_chinese(t_str(r, "detail")), "Chinese left in: %s",
	    t_str(r, "detail"));
	r = t_call_h("POST", path, "{\"action\":\"decline\"}", bo);
	cr_assert_eq(r->status, 400, "%s", r->body);
	cr_assert_str_eq(t_str(r, "field"), "reason");
	cr_assert(has_tibetan(t_str(r, "detail")) &&
	    !has_chinese(t_str(r, "detail")), "%s", t_str(r, "detail"));
	/* The same refusal in Chinese names the step in Chinese. */
	r = t_call_h("POST", path, "{\"action\":\"decline\"}",
	    (const char *[]){ "If-Match: \"1\"", NULL });
	cr_assert(has_chinese(t_str(r, "detail")), "%s", t_str(r, "detail"));
}
