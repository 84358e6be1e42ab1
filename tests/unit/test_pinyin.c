/*
 * test_pinyin.c - names to pinyin through ICU: common names, the readings
 * ICU picks for polyphonic surnames (asserted as it gives them), Tibetan
 * names in Han transcription, mixed and empty text, and threads.
 */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "domain/pinyin.h"

static struct arena	*a;

static void
up(void)
{
	a = arena_new();
}

static void
down(void)
{
	arena_free(a);
	pinyin_shutdown();
}

TestSuite(pinyin, .init = up, .fini = down, .timeout = 30);

static void
expect(const char *name, const char *full, const char *ini)
{
	char	*got;

	got = pinyin_of(name, a);
	cr_assert(got != NULL, "%s: NULL", name);
	cr_assert(eq(str, got, (char *)full), "pinyin_of(%s)", name);
	got = pinyin_initials(name, a);
	cr_assert(got != NULL, "%s: NULL", name);
	cr_assert(eq(str, got, (char *)ini), "pinyin_initials(%s)", name);
}

Test(pinyin, common_names)
{
	expect("张梦琪", "zhang meng qi", "zmq");
	expect("李强", "li qiang", "lq");
	expect("王小明", "wang xiao ming", "wxm");
	expect("欧阳娜娜", "ou yang na na", "oynn");
	expect("令狐冲", "ling hu chong", "lhc");
	expect("马", "ma", "m");
}

/* ICU joins some syllables ("cengguo fan"); spacing Han keeps them apart. */
Test(pinyin, every_character_is_its_own_syllable)
{
	expect("曾国藩", "ceng guo fan", "cgf");
	expect("热合曼", "re he man", "rhm");
	expect("泽宇", "ze yu", "zy");
	expect("浩然", "hao ran", "hr");
}

/*
 * ICU reads each character its commonest way, whatever the surname says:
 * 单 is dan (the surname is shan), 曾 ceng (zeng), 解 jie (xie), 朴 pu
 * (piao), 区 qu (ou), 仇 chou (qiu), 查 cha (zha), 翟 di (zhai), 覃 tan
 * (qin), 缪 mou (miao), 盖 gai (ge), 尉迟 wei chi (yu chi), 单于 dan yu
 * (chan yu).  A worker typing the surname reading finds the given name.
 */
Test(pinyin, polyphonic_surnames_read_as_icu_reads_them)
{
	expect("单田芳", "dan tian fang", "dtf");
	expect("曾", "ceng", "c");
	expect("解缙", "jie jin", "jj");
	expect("朴", "pu", "p");
	expect("区", "qu", "q");
	expect("仇", "chou", "c");
	expect("查", "cha", "c");
	expect("翟", "di", "d");
	expect("覃", "tan", "t");
	expect("缪", "mou", "m");
	expect("盖", "gai", "g");
	expect("尉迟恭", "wei chi gong", "wcg");
	expect("单于", "dan yu", "dy");
	/* A word rule: 重 alone is zhong, in 重庆 chong, spaced or not. */
	expect("重", "zhong", "z");
	expect("重庆", "chong qing", "cq");
}

/* ü loses its dots: 吕 is lu, not lv or lue. */
Test(pinyin, u_umlaut_is_u)
{
	expect("吕布", "lu bu", "lb");
	expect("女", "nu", "n");
}

Test(pinyin, tibetan_names_in_han_transcription)
{
	expect("卓玛", "zhuo ma", "zm");
	expect("扎西", "zha xi", "zx");
	expect("措毛", "cuo mao", "cm");
	expect("格桑", "ge sang", "gs");
	expect("多杰", "duo jie", "dj");
}

/* Latin stays (lowercased, unaccented); other scripts only separate. */
Test(pinyin, mixed_and_other_scripts)
{
	expect("张Amy", "zhang amy", "za");
	expect("Amy Li", "amy li", "al");
	expect("José", "jose", "j");
	expect("ＡＢＣ", "abc", "a");
	expect("王小明2", "wang xiao ming2", "wxm");
	/* ICU reads 卜 bo (as in 萝卜), not the name reading bu. */
	expect("阿卜杜·热合曼", "a bo du re he man", "abdrhm");
	expect("扎西 བཀྲ་ཤིས", "zha xi", "zx");
	expect("བཀྲ་ཤིས", "", "");
	expect("  李--强  ", "li qiang", "lq");
}

Test(pinyin, empty_string)
{
	expect("", "", "");
	cr_assert(pinyin_search_key("", a) == NULL);
	cr_assert(pinyin_search_key("སྒྲོལ་མ", a) == NULL);
}

Test(pinyin, search_key_has_all_three_spellings)
{
	cr_assert(eq(str, pinyin_search_key("张梦琪", a),
	    "zhang meng qi|zhangmengqi|zmq"));
	cr_assert(eq(str, pinyin_search_key("Amy", a), "amy|amy|a"));
}

Test(pinyin, invalid_utf8_is_null)
{
	cr_assert(pinyin_of("\xff\xfe", a) == NULL);
	cr_assert(pinyin_search_key("\xe5\xbc", a) == NULL);
}

/* Long input: a name far past the declared 50 characters still fits. */
Test(pinyin, long_input)
{
	char	in[3 * 400 + 1], *got;
	int	i;

	for (i = 0; i < 400; i++)
		memcpy(in + 3 * i, "庄", 3);	/* zhuang: 6 letters + space */
	in[sizeof(in) - 1] = '\0';
	got = pinyin_of(in, a);
	cr_assert(got != NULL);
	cr_assert(eq(sz, strlen(got), (size_t)(400 * 7 - 1)));
}

/* Shut down and used again: the transliterator reopens. */
Test(pinyin, reopens_after_shutdown)
{
	expect("李强", "li qiang", "lq");
	pinyin_shutdown();
	pinyin_shutdown();
	expect("李强", "li qiang", "lq");
}

static void *
worker(void *arg)
{
	struct arena	*ta = arena_new();
	int		 i, *bad = arg;
	char		*got;

	for (i = 0; i < 200; i++) {
		got = pinyin_search_key(i % 2 ? "张梦琪" : "曾国藩", ta);
		if (got == NULL || strcmp(got, i % 2 ?
		    "zhang meng qi|zhangmengqi|zmq" :
		    "ceng guo fan|cengguofan|cgf") != 0)
			(*bad)++;
		arena_reset(ta);
	}
	arena_free(ta);
	return (NULL);
}

/* Four threads at once share the one transliterator safely. */
Test(pinyin, threads_take_turns)
{
	pthread_t	t[4];
	int		bad[4] = { 0 }, i;

	for (i = 0; i < 4; i++)
		cr_assert(pthread_create(&t[i], NULL, worker, &bad[i]) == 0);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		cr_assert(eq(int, bad[i], 0), "thread %d", i);
	}
}
