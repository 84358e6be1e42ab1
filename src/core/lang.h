/*
 * lang.h - the three languages of LBCare: 简体中文 (the default), English
 * and Tibetan.  Chinese and English are written beside each other in the
 * declarations; Tibetan is a catalog keyed by the Chinese text
 * (src/lang/), so one file holds what a reviewer has to read.
 */
#ifndef LBCARE_LANG_H
#define LBCARE_LANG_H

#include <stddef.h>

#include <jansson.h>

enum lang {
	LANG_ZH,
	LANG_EN,
	LANG_BO,
};

/* One catalog entry: the Chinese text (a label or a format) and its Tibetan. */
struct lang_pair {
	const char	*zh;
	const char	*bo;
};

/* The language an Accept-Language header asks for first; zh otherwise. */
enum lang	 lang_from_header(const char *accept_language);

/* The Tibetan for a Chinese label or error format, NULL if none yet. */
const char	*lang_bo(const char *zh);

/* A label in language lang: en, the catalog's Tibetan (or zh), or zh. */
const char	*lang_pick(enum lang, const char *zh, const char *en);

/*
 * Column i of words[lang][i] (for err_setl_words): a label said in each
 * language, by lang_pick().  A code the same in all: zh and en alike.
 */
void		 lang_words(const char *words[3][3], int i, const char *zh,
		    const char *en);

/* Set "zh" and "en" on o, and "bo" when the catalog has it. */
void		 lang_put(json_t *o, const char *zh, const char *en);

/* Every catalog entry, for the tests that check the catalog itself. */
size_t		 lang_catalog(const struct lang_pair **);

#endif
