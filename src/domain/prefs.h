/*
 * prefs.h - a person's own settings kept with their account: today the
 * interface language (zh 简体中文, bo བོད་ཡིག, en English).
 */
#ifndef LBCARE_PREFS_H
#define LBCARE_PREFS_H

#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

/* Whether code is a language the interface speaks. */
int	prefs_lang_ok(const char *code);
/* The user's language into *lang (arena), or NULL if never chosen. */
int	prefs_lang_get(struct store *, int64_t user_id, const char **lang,
	    struct arena *, struct err *);
/* ERR_INVALID naming "lang" for a code the interface does not speak. */
int	prefs_lang_set(struct store *, int64_t user_id, const char *lang,
	    struct err *);

#endif
