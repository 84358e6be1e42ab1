/*
 * api_prefs.c - the signed-in person's own settings.  The interface
 * language is kept with the account, so it follows the person to any
 * browser: PUT /api/v1/session/lang {"lang":"bo"}; GET /api/v1/session
 * and sign-in answer it as user.lang (null until chosen).
 */
#include "../domain/prefs.h"
#include "handlers.h"

void
api_prefs_add_lang(struct req *r, json_t *out)
{
	struct err	 e;
	const char	*lang;

	/* A session answer without the language is still useful. */
	if (prefs_lang_get(r->db, r->session->user_id, &lang, r->arena,
	    &e) == -1)
		lang = NULL;
	json_object_set_new(json_object_get(out, "user"), "lang",
	    lang ? json_string(lang) : json_null());
}

void
api_session_lang_put(struct req *r, struct res *res)
{
	json_error_t	 je;
	struct err	 e;
	json_t		*in;
	const char	*lang;

	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	if (json_unpack_ex(in, &je, JSON_STRICT, "{s:s}", "lang", &lang) ==
	    -1) {
		err_setl(&e, ERR_INVALID, "lang", "应为 {\"lang\": \"zh\"|\"bo\"|"
		    "\"en\"}: %s", "expected {\"lang\": \"zh\"|\"bo\"|\"en\"}: %s",
		    je.text);
		goto fail;
	}
	if (prefs_lang_set(r->db, r->session->user_id, lang, &e) == -1)
		goto fail;
	res_json(r, res, 200, json_pack("{s:s}", "lang", lang));
	return;
fail:
	res_problem(r, res, &e);
}
