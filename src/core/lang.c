/*
 * lang.c - choosing a language, and looking Tibetan up in the catalog.
 * The parts of the catalog are joined and sorted once, then searched.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang.h"
#include "../lang/catalog.h"

static const struct lang_pair *const parts[] = {
	bo_labels, bo_values, bo_steps, bo_errors,
};

static struct lang_pair	*catalog;
static size_t		 ncatalog;
static pthread_once_t	 catalog_once = PTHREAD_ONCE_INIT;

static int
pair_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct lang_pair *)a)->zh,
	    ((const struct lang_pair *)b)->zh));
}

static void
catalog_build(void)
{
	size_t	i, n = 0;
	const struct lang_pair *p;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		for (p = parts[i]; p->zh != NULL; p++)
			n++;
	if ((catalog = calloc(n ? n : 1, sizeof(*catalog))) == NULL)
		return;		/* no Tibetan: callers fall back to zh */
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		for (p = parts[i]; p->zh != NULL; p++)
			catalog[ncatalog++] = *p;
	/* A stable order for equal keys is not needed: the tests refuse them. */
	qsort(catalog, ncatalog, sizeof(*catalog), pair_cmp);
}

size_t
lang_catalog(const struct lang_pair **out)
{
	pthread_once(&catalog_once, catalog_build);
	*out = catalog;
	return (ncatalog);
}

const char *
lang_bo(const char *zh)
{
	const struct lang_pair	*c, *hit, key = { zh, NULL };
	size_t			 n;

	if (zh == NULL)
		return (NULL);
	n = lang_catalog(&c);
	hit = bsearch(&key, c, n, sizeof(*c), pair_cmp);
	return (hit != NULL ? hit->bo : NULL);
}

enum lang
lang_from_header(const char *al)
{
	if (al == NULL)
		return (LANG_ZH);
	al += strspn(al, " \t");
	if (strncasecmp(al, "en", 2) == 0)
		return (LANG_EN);
	if (strncasecmp(al, "bo", 2) == 0)
		return (LANG_BO);
	return (LANG_ZH);
}

const char *
lang_pick(enum lang lang, const char *zh, const char *en)
{
	const char	*bo;

	if (lang == LANG_EN)
		return (en);
	if (lang == LANG_BO && (bo = lang_bo(zh)) != NULL)
		return (bo);
	return (zh);
}

void
lang_words(const char *w[3][3], int i, const char *zh, const char *en)
{
	int	l;

	for (l = LANG_ZH; l <= LANG_BO; l++)
		w[l][i] = lang_pick(l, zh, en);
}

void
lang_put(json_t *o, const char *zh, const char *en)
{
	const char	*bo = lang_bo(zh);

	json_object_set_new(o, "zh", json_string(zh != NULL ? zh : ""));
	json_object_set_new(o, "en", json_string(en != NULL ? en : ""));
	if (bo != NULL)
		json_object_set_new(o, "bo", json_string(bo));
}
