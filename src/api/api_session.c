/*
 * api_session.c - sign in, who am I, sign out.  The session token travels
 * only in an HttpOnly, SameSite=Strict cookie; the CSRF token in the body,
 * for the browser to send back in X-CSRF-Token on every write.  A client
 * with an API token (Authorization: Bearer) may ask who it is, but has no
 * session to end: tokens are revoked with `lbcare token revoke`.
 */
#include <string.h>

#include "../domain/audit.h"
#include "../domain/auth.h"
#include "../domain/roles.h"
#include "credentials.h"
#include "handlers.h"

static json_t *
session_json(const struct session *s)
{
	json_t	*roles, *out;
	int	 i;

	roles = json_array();
	for (i = 0; i < ROLE__COUNT; i++)
		if (s->roles & role_table[i].bit)
			json_array_append_new(roles,
			    json_string(role_table[i].code));
	out = json_pack("{s:{s:I, s:s, s:s, s:o, s:s, s:I}}",
	    "user", "id", (json_int_t)s->user_id, "login", s->login,
	    "display_name", s->display_name, "roles", roles,
	    "scope", s->scope, "org_id", (json_int_t)s->org_id);
	/* An API token needs no CSRF token: it is not sent by itself. */
	if (s->csrf != NULL)
		json_object_set_new(out, "csrf_token", json_string(s->csrf));
	else
		json_object_set_new(out, "token_id",
		    json_integer((json_int_t)s->token_id));
	return (out);
}

static const char *
session_cookie_header(struct req *r, const char *token, int64_t max_age)
{
	return (arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%lld", CREDENTIALS_COOKIE, token,
	    (long long)max_age));
}

void
api_session_login(struct req *r, struct res *res)
{
	const struct conf	*c = &r->app->conf;
	struct session		*s;
	struct actor		 ac;
	struct err		 e;
	json_t			*in;
	const char		*login, *pw, *otp, *old;
	json_t			*out;

	if ((in = req_json_object(r, &e)) == NULL ||
	    credentials_login(in, &login, &pw, &otp, &e) == -1)
		goto fail;
	if ((s = auth_login(r->db, login, pw, otp, r->remote_addr,
	    (int)conf_int(c, CONF_LOGIN_MAX_FAILURES),
	    (int)conf_int(c, CONF_LOGIN_WINDOW), r->arena, &e)) == NULL)
		goto fail;
	/*
	 * A new token at every sign-in, and whatever session this browser's
	 * cookie named before ends now, live or not, whoever's it was: a
	 * cookie planted before sign-in is worth nothing after (fixation).
	 */
	if ((old = credentials_cookie(req_header(r, "Cookie"),
	    CREDENTIALS_COOKIE, r->arena)) != NULL &&
	    auth_logout(r->db, old, 0, &e) == -1)
		goto fail;
	if ((r->session = auth_session(r->db, s->token,
	    (int)conf_int(c, CONF_SESSION_IDLE),
	    (int)conf_int(c, CONF_SESSION_MAX), r->arena, &e)) == NULL)
		goto fail;
	api_actor(r, &ac);
	audit_append_tx(r->db, &ac, "login", "users", s->user_id, "{}", &e);
	res_header(res, r, "Set-Cookie", session_cookie_header(r, s->token,
	    conf_int(c, CONF_SESSION_MAX) * 3600));
	out = session_json(r->session);
	api_prefs_add_lang(r, out);
	res_json(r, res, 200, out);
	return;
fail:
	res_problem(r, res, &e);
}

void
api_session_get(struct req *r, struct res *res)
{
	json_t	*out;

	out = session_json(r->session);
	api_prefs_add_lang(r, out);
	res_json(r, res, 200, out);
}

void
api_session_logout(struct req *r, struct res *res)
{
	const char	*ev = req_query(r, "everywhere");
	struct err	 e;

	if (ev != NULL && strcmp(ev, "true") != 0 && strcmp(ev, "false") != 0) {
		err_setl(&e, ERR_INVALID, "everywhere",
		    "everywhere 应为 true 或 false",
		    "everywhere must be true or false");
		goto fail;
	}
	if (r->session->token_id != 0) {
		err_setl(&e, ERR_INVALID, "Authorization",
		    "API 令牌没有会话可结束，请用 lbcare token revoke 吊销",
		    "an API token has no session to end; revoke it with "
		    "lbcare token revoke");
		goto fail;
	}
	if (auth_logout(r->db, r->session->token, ev != NULL &&
	    strcmp(ev, "true") == 0, &e) == -1)
		goto fail;
	res_header(res, r, "Set-Cookie", session_cookie_header(r, "", 0));
	res->status = 204;
	res->no_store = 1;
	return;
fail:
	res_problem(r, res, &e);
}
