/*
 * prefs.c - a person's own settings kept with their account.
 */
#include <string.h>

#include "prefs.h"

static const char *const langs[] = { "zh", "bo", "en", NULL };

int
prefs_lang_ok(const char *code)
{
	size_t	i;

	for (i = 0; code != NULL && langs[i] != NULL; i++)
		if (strcmp(code, langs[i]) == 0)
			return (1);
	return (0);
}

int
prefs_lang_get(struct store *db, int64_t user_id, const char **lang,
    struct arena *a, struct err *e)
{
	struct stmt	*st;
	int		 rc;

	*lang = NULL;
	if ((st = store_prepare(db, "SELECT lang FROM users WHERE id = ?",
	    e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, user_id);
	if ((rc = stmt_step(st, e)) == 1 && !stmt_isnull(st, 0))
		*lang = arena_strdup(a, stmt_text(st, 0));
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

int
prefs_lang_set(struct store *db, int64_t user_id, const char *lang,
    struct err *e)
{
	struct stmt	*st;
	int		 rc;

	if (!prefs_lang_ok(lang)) {
		err_setl(e, ERR_INVALID, "lang", "语言应为 zh、bo 或 en，"
		    "而不是 %s", "lang must be zh, bo or en, not %s",
		    lang ? lang : "null");
		return (-1);
	}
	if ((st = store_prepare(db, "UPDATE users SET lang = ? WHERE id = ?",
	    e)) == NULL)
		return (-1);
	stmt_bind_text(st, 1, lang);
	stmt_bind_int64(st, 2, user_id);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	if (rc != -1 && store_changes(db) != 1) {
		err_setl(e, ERR_NOTFOUND, "", "没有这个用户", "no such user");
		return (-1);
	}
	return (rc == -1 ? -1 : 0);
}
