/*
 * test_core.c - the arena, the sticky buffer, configuration from its four
 * sources, error codes and the small utilities of src/core.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/err.h"
#include "core/util.h"

/* Criterion's str comparisons take char *: view a const string as one. */
static char *
cs(const char *s)
{
	return ((char *)(uintptr_t)s);
}

/* ---- arena ---- */

static int
all_zero(const unsigned char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return (0);
	return (1);
}

Test(arena, alloc_is_zeroed_and_aligned)
{
	struct arena	*a = arena_new();
	unsigned char	*p;
	size_t		 sizes[] = { 0, 1, 3, 15, 16, 17, 100, 4095, 5000 };
	size_t		 i;

	for (i = 0; i < nitems(sizes); i++) {
		p = arena_alloc(a, sizes[i]);
		cr_assert(p != NULL);
		cr_assert(eq(u64, (uint64_t)((uintptr_t)p % 16), 0),
		    "size %zu", sizes[i]);
		cr_assert(all_zero(p, sizes[i]), "size %zu", sizes[i]);
		memset(p, 0xa5, sizes[i]);
	}
	/* Reuse after a reset hands out zeroed memory again. */
	arena_reset(a);
	p = arena_alloc(a, 4096);
	cr_assert(all_zero(p, 4096));
	arena_free(a);
}

Test(arena, used_counts_rounded_sizes)
{
	struct arena	*a = arena_new();

	cr_assert(eq(sz, arena_used(a), 0));
	arena_alloc(a, 1);
	cr_assert(eq(sz, arena_used(a), 16));
	arena_alloc(a, 17);
	cr_assert(eq(sz, arena_used(a), 48));
	arena_reset(a);
	cr_assert(eq(sz, arena_used(a), 0));
	arena_free(a);
}

Test(arena, large_allocations_keep_small_ones_packed)
{
	struct arena	*a = arena_new();
	unsigned char	*s1, *big, *s2, *huge;

	s1 = arena_alloc(a, 16);
	big = arena_alloc(a, 100000);
	s2 = arena_alloc(a, 16);
	cr_assert(all_zero(big, 100000));
	memset(big, 1, 100000);
	/* The big block went to its own chunk: s2 follows s1 directly. */
	cr_assert(eq(ptr, s2, s1 + 16));
	cr_assert(all_zero(s2, 16));
	huge = arena_alloc(a, 8 * 1024 * 1024);
	cr_assert(all_zero(huge, 8 * 1024 * 1024));
	huge[8 * 1024 * 1024 - 1] = 1;
	cr_assert(arena_used(a) >= 100000 + 8 * 1024 * 1024);
	arena_free(a);
}

Test(arena, many_chunks)
{
	struct arena	*a = arena_new();
	char		*p[2000];
	int		 i;

	for (i = 0; i < 2000; i++)
		p[i] = arena_printf(a, "item-%d", i);
	for (i = 0; i < 2000; i++) {
		char want[16];

		snprintf(want, sizeof(want), "item-%d", i);
		cr_assert(eq(str, p[i], want));
	}
	arena_free(a);
}

Test(arena, strings)
{
	struct arena	*a = arena_new();
	char		*s;

	s = arena_printf(a, "%s-%04d-%c", "青海", 42, 'x');
	cr_assert(eq(str, s, "青海-0042-x"));
	s = arena_strdup(a, "大堡子镇");
	cr_assert(eq(str, s, "大堡子镇"));
	cr_assert(arena_strdup(a, NULL) == NULL);
	s = arena_strndup(a, "630105100201", 6);
	cr_assert(eq(str, s, "630105"));
	s = arena_printf(a, "%s", "");
	cr_assert(eq(str, s, ""));
	arena_free(a);
}

static char	 trace[16];
static size_t	 ntrace;

static void
record(void *arg)
{
	trace[ntrace++] = *cs(arg);
}

Test(arena, defers_run_lifo_once_per_reset)
{
	struct arena	*a = arena_new();
	static char	 x = 'a', y = 'b', z = 'c';

	ntrace = 0;
	arena_defer(a, record, &x);
	arena_alloc(a, 100000);		/* defers survive oversized chunks */
	arena_defer(a, record, &y);
	arena_defer(a, record, &z);
	arena_reset(a);
	cr_assert(eq(sz, ntrace, 3));
	cr_assert(eq(chr, trace[0], 'c'));
	cr_assert(eq(chr, trace[1], 'b'));
	cr_assert(eq(chr, trace[2], 'a'));
	/* A second reset does not run them again; new ones run on free. */
	arena_reset(a);
	cr_assert(eq(sz, ntrace, 3));
	arena_defer(a, record, &x);
	arena_free(a);
	cr_assert(eq(sz, ntrace, 4));
	cr_assert(eq(chr, trace[3], 'a'));
}

Test(arena, free_null_is_harmless)
{
	arena_free(NULL);
	cr_assert(eq(int, 1, 1));
}

/* ---- buf ---- */

Test(buf, appends)
{
	struct buf	b;

	buf_init(&b, 0);
	cr_assert(eq(str, cs(buf_cstr(&b)), ""));
	buf_puts(&b, "id");
	buf_putc(&b, ',');
	buf_appendf(&b, "%d:%s", 630105, "城北区");
	buf_append(&b, "xyz", 2);
	cr_assert(eq(str, cs(buf_cstr(&b)), "id,630105:城北区xy"));
	cr_assert(eq(sz, b.len, strlen("id,630105:城北区xy")));
	cr_assert(eq(int, b.failed, 0));
	buf_reset(&b);
	cr_assert(eq(sz, b.len, 0));
	buf_puts(&b, "again");
	cr_assert(eq(str, cs(buf_cstr(&b)), "again"));
	buf_cleanup(&b);
}

Test(buf, grows_past_initial_capacity)
{
	struct buf	b;
	int		i;

	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		buf_appendf(&b, "%04d", i % 10000);
	cr_assert(eq(sz, b.len, 40000));
	cr_assert(eq(int, memcmp(b.data + 39996, "9999", 4), 0));
	cr_assert(eq(chr, b.data[b.len], '\0'));
	buf_cleanup(&b);
}

Test(buf, sticky_failure_at_limit)
{
	struct buf	b;

	buf_init(&b, 10);
	buf_puts(&b, "12345");
	buf_appendf(&b, "%s", "67890");		/* exactly at the limit */
	cr_assert(eq(int, b.failed, 0));
	cr_assert(eq(str, cs(buf_cstr(&b)), "1234567890"));
	buf_putc(&b, 'x');			/* one past */
	cr_assert(eq(int, b.failed, 1));
	cr_assert(eq(sz, b.len, 10));
	/* Once failed, even a small append that would fit is ignored. */
	buf_cleanup(&b);
	buf_init(&b, 4);
	buf_puts(&b, "abcdef");
	cr_assert(eq(int, b.failed, 1));
	buf_puts(&b, "a");
	buf_appendf(&b, "%d", 1);
	buf_put_csv(&b, "b");
	cr_assert(eq(sz, b.len, 0));
	cr_assert(eq(int, b.failed, 1));
	buf_cleanup(&b);
}

Test(buf, reset_clears_failure)
{
	struct buf	b;

	buf_init(&b, 3);
	buf_puts(&b, "abcd");
	cr_assert(eq(int, b.failed, 1));
	buf_reset(&b);
	cr_assert(eq(int, b.failed, 0));
	buf_puts(&b, "abc");
	cr_assert(eq(str, cs(buf_cstr(&b)), "abc"));
	buf_cleanup(&b);
}

Test(buf, csv_quoting)
{
	struct buf	b;

	buf_init(&b, 0);
	buf_put_csv(&b, "plain");
	buf_putc(&b, '|');
	buf_put_csv(&b, "a,b");
	buf_putc(&b, '|');
	buf_put_csv(&b, "say \"hi\"");
	buf_putc(&b, '|');
	buf_put_csv(&b, "two\nlines");
	buf_putc(&b, '|');
	buf_put_csv(&b, "cr\r");
	buf_putc(&b, '|');
	buf_put_csv(&b, "");
	buf_putc(&b, '|');
	buf_put_csv(&b, NULL);
	buf_putc(&b, '|');
	buf_put_csv(&b, "卓玛");
	cr_assert(eq(str, cs(buf_cstr(&b)),
	    "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|||卓玛"));
	buf_cleanup(&b);
}

/* ---- conf ---- */

static char	tmpdir[64];

static void
conf_setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lbcare-test-XXXXXX");
	cr_assert(mkdtemp(tmpdir) != NULL);
	/* The environment must not leak in from the caller. */
	unsetenv("LBCARE_PORT");
	unsetenv("LBCARE_CONFIG");
	unsetenv("LBCARE_THREADS");
	unsetenv("LBCARE_LOG_LEVEL");
	unsetenv("LBCARE_MAX_BODY");
}

static void
conf_teardown(void)
{
	char	path[128];

	snprintf(path, sizeof(path), "%s/lbcare.conf", tmpdir);
	unlink(path);
	if (rmdir(tmpdir) != 0)
		cr_log_warn("could not remove %s", tmpdir);
}

/* Write text to a file in the test folder; returns its path (static). */
static const char *
write_conf(const char *text)
{
	static char	 path[128];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/lbcare.conf", tmpdir);
	f = fopen(path, "w");
	cr_assert(f != NULL, "%s", path);
	fputs(text, f);
	fclose(f);
	return (path);
}

TestSuite(conf, .init = conf_setup, .fini = conf_teardown);

Test(conf, defaults)
{
	struct conf	c;

	conf_init(&c);
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 8080));
	cr_assert(eq(str, cs(conf_str(&c, CONF_PORT)), "8080"));
	cr_assert(eq(str, cs(conf_str(&c, CONF_LISTEN)), "127.0.0.1"));
	cr_assert(eq(str, cs(conf_str(&c, CONF_DB)), "lbcare.db"));
	cr_assert(eq(str, cs(conf_str(&c, CONF_LOG_LEVEL)), "info"));
	cr_assert(eq(i64, conf_int(&c, CONF_MAX_BODY), 1048576));
	cr_assert(eq(int, c.src[CONF_PORT], SRC_DEFAULT));
	conf_free(&c);
}

Test(conf, set_bounds)
{
	struct conf	c;
	struct err	e;

	conf_init(&c);
	cr_assert(eq(int, conf_set(&c, "port", "65535", SRC_FLAG, &e), 0));
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 65535));
	cr_assert(eq(int, conf_set(&c, "port", "1", SRC_FLAG, &e), 0));

	err_clear(&e);
	cr_assert(eq(int, conf_set(&c, "port", "65536", SRC_FLAG, &e), -1));
	cr_assert(eq(int, e.code, ERR_INVALID));
	cr_assert(eq(str, e.field, "port"));
	cr_assert(strstr(e.msg_en, "port") != NULL, "%s", e.msg_en);
	cr_assert(strstr(e.msg_en, "65536") != NULL, "%s", e.msg_en);
	cr_assert(strstr(e.msg_en, "1 to 65535") != NULL, "%s", e.msg_en);
	/* A failed set leaves the old value. */
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 1));

	err_clear(&e);
	cr_assert(eq(int, conf_set(&c, "port", "0", SRC_FLAG, &e), -1));
	cr_assert(eq(int, conf_set(&c, "threads", "abc", SRC_FLAG, &e), -1));
	cr_assert(strstr(e.msg_en, "threads") != NULL, "%s", e.msg_en);
	cr_assert(eq(int, conf_set(&c, "threads", "", SRC_FLAG, &e), -1));
	cr_assert(eq(int, conf_set(&c, "threads", "4x", SRC_FLAG, &e), -1));
	cr_assert(eq(int, conf_set(&c, "max-body", "1023", SRC_FLAG, &e),
	    -1));
	cr_assert(strstr(e.msg_en, "max-body") != NULL, "%s", e.msg_en);
	cr_assert(eq(int, conf_set(&c, "port", NULL, SRC_FLAG, &e), -1));
	cr_assert(strstr(e.msg_en, "port") != NULL, "%s", e.msg_en);

	err_clear(&e);
	cr_assert(eq(int, conf_set(&c, "bogus", "1", SRC_FLAG, &e), -1));
	cr_assert(strstr(e.msg_en, "bogus") != NULL, "%s", e.msg_en);
	conf_free(&c);
}

Test(conf, enum_choices)
{
	struct conf	c;
	struct err	e;

	conf_init(&c);
	cr_assert(eq(int, conf_set(&c, "log-level", "debug", SRC_FILE, &e),
	    0));
	cr_assert(eq(str, cs(conf_str(&c, CONF_LOG_LEVEL)), "debug"));
	cr_assert(eq(int, conf_set(&c, "log-level", "error", SRC_FILE, &e),
	    0));
	cr_assert(eq(int, conf_set(&c, "log-level", "verbose", SRC_FILE, &e),
	    -1));
	cr_assert(strstr(e.msg_en, "log-level") != NULL, "%s", e.msg_en);
	cr_assert(strstr(e.msg_en, "debug|info|warn|error") != NULL, "%s",
	    e.msg_en);
	/* A prefix of a choice is not a choice. */
	cr_assert(eq(int, conf_set(&c, "log-level", "err", SRC_FILE, &e),
	    -1));
	cr_assert(eq(int, conf_set(&c, "log-level", "", SRC_FILE, &e), -1));
	cr_assert(eq(int, conf_set(&c, "pwhash", "min", SRC_FILE, &e), 0));
	cr_assert(eq(str, cs(conf_str(&c, CONF_LOG_LEVEL)), "error"));
	conf_free(&c);
}

Test(conf, file_with_comments)
{
	struct conf	 c;
	struct err	 e;
	const char	*p;

	p = write_conf("# LBCare\n\n  port = 9100  \n\t# indented comment\n"
	    "db=/var/lib/lbcare/x.db\nlog-level = warn\n");
	conf_init(&c);
	err_clear(&e);
	cr_assert(eq(int, conf_load_file(&c, p, &e), 0), "%s", e.msg_en);
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 9100));
	cr_assert(eq(int, c.src[CONF_PORT], SRC_FILE));
	cr_assert(eq(str, cs(conf_str(&c, CONF_DB)),
	    "/var/lib/lbcare/x.db"));
	cr_assert(eq(str, cs(conf_str(&c, CONF_LOG_LEVEL)), "warn"));
	cr_assert(eq(i64, conf_int(&c, CONF_THREADS), 4));
	conf_free(&c);
}

Test(conf, file_errors_name_the_line)
{
	struct conf	 c;
	struct err	 e;
	const char	*p;

	conf_init(&c);
	p = write_conf("# ok\nport = 9000\nthreads = 0\n");
	err_clear(&e);
	cr_assert(eq(int, conf_load_file(&c, p, &e), -1));
	cr_assert(eq(str, e.field, "threads"));
	cr_assert(strstr(e.msg_en, "lbcare.conf:3:") != NULL, "%s", e.msg_en);
	cr_assert(strstr(e.msg_en, "threads") != NULL, "%s", e.msg_en);

	p = write_conf("port = 9000\n\n# c\njust words\n");
	err_clear(&e);
	cr_assert(eq(int, conf_load_file(&c, p, &e), -1));
	cr_assert(strstr(e.msg_en, ":4:") != NULL, "%s", e.msg_en);
	cr_assert(strstr(e.msg_en, "key = value") != NULL, "%s", e.msg_en);

	p = write_conf("nope = 1\n");
	err_clear(&e);
	cr_assert(eq(int, conf_load_file(&c, p, &e), -1));
	cr_assert(strstr(e.msg_en, ":1:") != NULL, "%s", e.msg_en);
	cr_assert(strstr(e.msg_en, "nope") != NULL, "%s", e.msg_en);

	p = write_conf("config = other.conf\n");
	err_clear(&e);
	cr_assert(eq(int, conf_load_file(&c, p, &e), -1));
	cr_assert(strstr(e.msg_en, "nest") != NULL, "%s", e.msg_en);

	err_clear(&e);
	cr_assert(eq(int, conf_load_file(&c, "/nonexistent/x.conf", &e), -1));
	cr_assert(strstr(e.msg_en, "/nonexistent/x.conf") != NULL, "%s",
	    e.msg_en);
	conf_free(&c);
}

Test(conf, env_override)
{
	struct conf	c;
	struct err	e;

	conf_init(&c);
	setenv("LBCARE_PORT", "9001", 1);
	setenv("LBCARE_MAX_BODY", "2048", 1);
	cr_assert(eq(int, conf_load_env(&c, &e), 0));
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 9001));
	cr_assert(eq(int, c.src[CONF_PORT], SRC_ENV));
	cr_assert(eq(i64, conf_int(&c, CONF_MAX_BODY), 2048));
	cr_assert(eq(int, c.src[CONF_THREADS], SRC_DEFAULT));

	setenv("LBCARE_PORT", "http", 1);
	err_clear(&e);
	cr_assert(eq(int, conf_load_env(&c, &e), -1));
	cr_assert(eq(str, e.field, "port"));
	conf_free(&c);
}

Test(conf, args_both_forms)
{
	struct conf	 c;
	struct err	 e;
	char		*argv[] = { "lbcare", "--port", "9000", "--threads=8",
	    "--listen=0.0.0.0", "serve", "--port", "1" };
	char		*eqv[] = { "lbcare", "--port=9000" };
	int		 argi = 1;

	conf_init(&c);
	cr_assert(eq(int, conf_load_args(&c, 8, argv, &argi, &e), 0));
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 9000));
	cr_assert(eq(int, c.src[CONF_PORT], SRC_FLAG));
	cr_assert(eq(i64, conf_int(&c, CONF_THREADS), 8));
	cr_assert(eq(str, cs(conf_str(&c, CONF_LISTEN)), "0.0.0.0"));
	/* It stops at the first word that is not a flag. */
	cr_assert(eq(int, argi, 5));
	cr_assert(eq(str, argv[argi], "serve"));

	conf_free(&c);
	argi = 1;
	conf_init(&c);
	cr_assert(eq(int, conf_load_args(&c, 2, eqv, &argi, &e), 0));
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 9000));
	cr_assert(eq(int, argi, 2));
	conf_free(&c);
}

Test(conf, args_errors)
{
	struct conf	 c;
	struct err	 e;
	char		*unknown[] = { "lbcare", "--colour", "red" };
	char		*missing[] = { "lbcare", "--port" };
	char		*bad[] = { "lbcare", "--port=99999" };
	int		 argi;

	conf_init(&c);
	argi = 1;
	err_clear(&e);
	cr_assert(eq(int, conf_load_args(&c, 3, unknown, &argi, &e), -1));
	cr_assert(eq(int, e.code, ERR_INVALID));
	cr_assert(strstr(e.msg_en, "--colour") != NULL, "%s", e.msg_en);

	argi = 1;
	err_clear(&e);
	cr_assert(eq(int, conf_load_args(&c, 2, missing, &argi, &e), -1));
	cr_assert(strstr(e.msg_en, "port") != NULL, "%s", e.msg_en);

	argi = 1;
	err_clear(&e);
	cr_assert(eq(int, conf_load_args(&c, 2, bad, &argi, &e), -1));
	cr_assert(strstr(e.msg_en, "99999") != NULL, "%s", e.msg_en);
	cr_assert(eq(i64, conf_int(&c, CONF_PORT), 8080));
	conf_free(&c);
}

/* Port from the file, the environment and a flag: the flag wins, etc. */
static int64_t
port_with(int use_file, int use_env, int use_flag)
{
	struct conf	 c;
	struct err	 e;
	char		 cfg[160], *argv[5];
	int		 argc = 1, argi = 1;
	int64_t		 port;

	argv[0] = "lbcare";
	if (use_file) {
		snprintf(cfg, sizeof(cfg), "--config=%s",
		    write_conf("port = 7000\nthreads = 3\n"));
		argv[argc++] = cfg;
	}
	if (use_flag)
		argv[argc++] = "--port=7002";
	argv[argc++] = "serve";
	argv[argc] = NULL;
	if (use_env)
		setenv("LBCARE_PORT", "7001", 1);
	else
		unsetenv("LBCARE_PORT");
	conf_init(&c);
	err_clear(&e);
	cr_assert(eq(int, conf_load_all(&c, argc, argv, &argi, &e), 0), "%s",
	    e.msg_en);
	cr_assert(eq(str, argv[argi], "serve"));
	if (use_file)
		cr_assert(eq(i64, conf_int(&c, CONF_THREADS), 3));
	port = conf_int(&c, CONF_PORT);
	conf_free(&c);
	return (port);
}

Test(conf, precedence)
{
	cr_assert(eq(i64, port_with(0, 0, 0), 8080));
	cr_assert(eq(i64, port_with(1, 0, 0), 7000));
	cr_assert(eq(i64, port_with(1, 1, 0), 7001));
	cr_assert(eq(i64, port_with(0, 1, 0), 7001));
	cr_assert(eq(i64, port_with(1, 1, 1), 7002));
	cr_assert(eq(i64, port_with(1, 0, 1), 7002));
	cr_assert(eq(i64, port_with(0, 1, 1), 7002));
}

/* ---- err ---- */

Test(err, status_mapping)
{
	cr_assert(eq(int, err_http_status(ERR_OK), 200));
	cr_assert(eq(int, err_http_status(ERR_INVALID), 400));
	cr_assert(eq(int, err_http_status(ERR_UNAUTHENTICATED), 401));
	cr_assert(eq(int, err_http_status(ERR_FORBIDDEN), 403));
	cr_assert(eq(int, err_http_status(ERR_NOTFOUND), 404));
	cr_assert(eq(int, err_http_status(ERR_METHOD), 405));
	cr_assert(eq(int, err_http_status(ERR_CONFLICT), 409));
	cr_assert(eq(int, err_http_status(ERR_PRECONDITION), 412));
	cr_assert(eq(int, err_http_status(ERR_TOO_LARGE), 413));
	cr_assert(eq(int, err_http_status(ERR_MEDIA_TYPE), 415));
	cr_assert(eq(int, err_http_status(ERR_PRECONDITION_REQUIRED), 428));
	cr_assert(eq(int, err_http_status(ERR_THROTTLED), 429));
	cr_assert(eq(int, err_http_status(ERR_INTERNAL), 500));
	cr_assert(eq(int, err_http_status(ERR_STORE), 500));
	cr_assert(eq(int, err_http_status(ERR_UNAVAILABLE), 503));
	cr_assert(eq(int, err_http_status((enum err_code)999), 500));
	cr_assert(eq(int, err_http_status((enum err_code)-1), 500));
}

Test(err, names_unique_and_set)
{
	int	i, j;

	for (i = 0; i < ERR__COUNT; i++) {
		cr_assert(err_code_name((enum err_code)i)[0] != '\0');
		cr_assert(err_title((enum err_code)i)[0] != '\0');
		for (j = 0; j < i; j++)
			cr_assert(strcmp(err_code_name((enum err_code)i),
			    err_code_name((enum err_code)j)) != 0);
	}
	cr_assert(eq(str, cs(err_code_name(ERR_NOTFOUND)), "not_found"));
	cr_assert(eq(str, cs(err_code_name(ERR_PRECONDITION)),
	    "stale_revision"));
	cr_assert(eq(str, cs(err_code_name((enum err_code)99)),
	    "internal"));
}

Test(err, set_and_setl)
{
	struct err	e;

	err_set(&e, ERR_CONFLICT, "code", "duplicate %s", "630105");
	cr_assert(eq(int, e.code, ERR_CONFLICT));
	cr_assert(eq(str, e.field, "code"));
	cr_assert(eq(str, e.msg_en, "duplicate 630105"));
	cr_assert(eq(str, e.msg_zh, "duplicate 630105"));

	err_setl(&e, ERR_INVALID, NULL, "第 %d 位错误", "character %d is wrong",
	    5);
	cr_assert(eq(str, e.field, ""));
	cr_assert(eq(str, e.msg_zh, "第 5 位错误"));
	cr_assert(eq(str, e.msg_en, "character 5 is wrong"));

	err_clear(&e);
	cr_assert(eq(int, e.code, ERR_OK));
	cr_assert(eq(str, e.msg_en, ""));
	/* A NULL err is allowed: the caller does not want details. */
	err_set(NULL, ERR_INVALID, "x", "ignored");
	err_setl(NULL, ERR_INVALID, "x", "忽略", "ignored");
}

Test(err, long_messages_are_truncated_safely)
{
	struct err	e;
	char		long_field[200];

	memset(long_field, 'f', sizeof(long_field) - 1);
	long_field[sizeof(long_field) - 1] = '\0';
	err_set(&e, ERR_INVALID, long_field, "%0300d", 7);
	cr_assert(eq(sz, strlen(e.field), sizeof(e.field) - 1));
	cr_assert(eq(sz, strlen(e.msg_en), sizeof(e.msg_en) - 1));
	cr_assert(eq(chr, e.msg_en[sizeof(e.msg_en) - 2], '0'));
}

/* ---- util ---- */

Test(util, parse_int64)
{
	int64_t	v = 12345;

	cr_assert(eq(int, parse_int64("0", &v), 0));
	cr_assert(eq(i64, v, 0));
	cr_assert(eq(int, parse_int64("-17", &v), 0));
	cr_assert(eq(i64, v, -17));
	cr_assert(eq(int, parse_int64("9223372036854775807", &v), 0));
	cr_assert(eq(i64, v, INT64_MAX));
	cr_assert(eq(int, parse_int64("-9223372036854775808", &v), 0));
	cr_assert(eq(i64, v, INT64_MIN));

	v = 42;
	cr_assert(eq(int, parse_int64("9223372036854775808", &v), -1));
	cr_assert(eq(int, parse_int64("-9223372036854775809", &v), -1));
	cr_assert(eq(int, parse_int64("99999999999999999999999", &v), -1));
	cr_assert(eq(int, parse_int64("", &v), -1));
	cr_assert(eq(int, parse_int64(NULL, &v), -1));
	cr_assert(eq(int, parse_int64("-", &v), -1));
	cr_assert(eq(int, parse_int64("12a", &v), -1));
	cr_assert(eq(int, parse_int64("12 ", &v), -1));
	cr_assert(eq(int, parse_int64("0x10", &v), -1));
	cr_assert(eq(int, parse_int64("1e3", &v), -1));
	cr_assert(eq(int, parse_int64("1.0", &v), -1));
	cr_assert(eq(int, parse_int64("一", &v), -1));
	/* A failed parse leaves the output alone. */
	cr_assert(eq(i64, v, 42));
}

Test(util, date_valid)
{
	static const char *const good[] = { "2024-02-29", "2000-02-29",
	    "1900-01-01", "2026-12-31", "2023-01-31", "2023-04-30",
	    "9999-12-31" };
	static const char *const bad[] = { "2023-02-29", "1900-02-29",
	    "2100-02-29", "1899-12-31", "2024-13-01", "2024-00-10",
	    "2024-04-31", "2024-01-00", "2024-01-32", "2024-4-30",
	    "20240430", "2024-04-30x", "2024/04/30", "", "abcd-ef-gh",
	    "2024-0a-01", " 2024-01-01" };
	size_t	i;

	for (i = 0; i < nitems(good); i++)
		cr_assert(eq(int, date_valid(good[i]), 0), "%s", good[i]);
	for (i = 0; i < nitems(bad); i++)
		cr_assert(eq(int, date_valid(bad[i]), -1), "%s", bad[i]);
	cr_assert(eq(int, date_valid(NULL), -1));
}

Test(util, nitems_and_xstrdup)
{
	int	 a[7];
	char	*s = xstrdup("卓玛");

	cr_assert(eq(sz, nitems(a), 7));
	cr_assert(eq(str, s, "卓玛"));
	free(s);
	s = xcalloc(4, 4);
	cr_assert(all_zero((unsigned char *)s, 16));
	s = xrealloc(s, 64);
	free(s);
}

Test(util, time_helpers)
{
	char	ts[32];
	int64_t	m1, m2;

	time_now_rfc3339(ts);
	cr_assert(eq(sz, strlen(ts), 24), "%s", ts);
	cr_assert(eq(chr, ts[10], 'T'));
	cr_assert(eq(chr, ts[23], 'Z'));
	ts[10] = '\0';
	cr_assert(eq(int, date_valid(ts), 0));
	m1 = time_mono_ms();
	usleep(20000);
	m2 = time_mono_ms();
	cr_assert(m2 - m1 >= 19, "%lld", (long long)(m2 - m1));
	cr_assert(time_now() > 1700000000);
}
