/*
 * api_session.c - sign in, who am I, sign out.  The session token travels
 * only in an HttpOnly, SameSite=Strict cookie; the CSRF token in the body,
 * for the browser to send back in X-CSRF-Token on every write.
 */
#include <string.h>

#include "../domain/audit.h"
#include "../domain/auth.h"
#include "../domain/roles.h"
#include "handlers.h"

static json_t *
session_json(const struct session *s)
{
	json_t	*roles;
	int	 i;

	roles = json_array();
	for (i = 0; i < ROLE__COUNT; i++)
		if (s->roles & role_table[i].bit)
			json_array_append_new(roles,
			    json_string(role_table[i].code));
	return (json_pack("{s:{s:I, s:s, s:s, s:o, s:s, s:I}, s:s}",
	    "user", "id", (json_int_t)s->user_id, "login", s->login,
	    "display_name", s->display_name, "roles", roles,
	    "scope", s->scope, "org_id", (json_int_t)s->org_id,
	    "csrf_token", s->csrf));
}

static const char *
session_cookie_header(struct req *r, const char *token, int64_t max_age)
{
	return (arena_printf(r->arena, "lbcare_session=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%lld", token, (long long)max_age));
}

void
api_session_login(struct req *r, struct res *res)
{
	const struct conf	*c = &r->app->conf;
	struct session		*s;
	struct actor		 ac;
	struct err		 e;
	json_error_t		 je;
	json_t			*in;
	const char		*login, *pw;

	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	if (json_unpack_ex(in, &je, JSON_STRICT, "{s:s, s:s}", "login", &login,
	    "password", &pw) == -1) {
		err_setl(&e, ERR_INVALID, "", "应为 {\"login\", \"password\"}: %s",
		    "expected {\"login\", \"password\"}: %s", je.text);
		goto fail;
	}
	if ((s = auth_login(r->db, login, pw, r->remote_addr,
	    (int)conf_int(c, CONF_LOGIN_MAX_FAILURES),
	    (int)conf_int(c, CONF_LOGIN_WINDOW), r->arena, &e)) == NULL)
		goto fail;
	/* A new token at every sign-in; any old one is dropped (fixation). */
	if (r->session != NULL)
		auth_logout(r->db, r->session->token, 0, &e);
	if ((r->session = auth_session(r->db, s->token,
	    (int)conf_int(c, CONF_SESSION_IDLE),
	    (int)conf_int(c, CONF_SESSION_MAX), r->arena, &e)) == NULL)
		goto fail;
	api_actor(r, &ac);
	audit_append_tx(r->db, &ac, "login", "users", s->user_id, "{}", &e);
	res_header(res, r, "Set-Cookie", session_cookie_header(r, s->token,
	    conf_int(c, CONF_SESSION_MAX) * 3600));
	res_json(r, res, 200, session_json(r->session));
	return;
fail:
	res_problem(r, res, &e);
}

void
api_session_get(struct req *r, struct res *res)
{
	res_json(r, res, 200, session_json(r->session));
}

void
api_session_logout(struct req *r, struct res *res)
{
	const char	*ev = req_query(r, "everywhere");
	struct err	 e;

	if (auth_logout(r->db, r->session->token, ev != NULL && strcmp(ev, "true") == 0,
	    &e) == -1) {
		res_problem(r, res, &e);
		return;
	}
	res_header(res, r, "Set-Cookie", session_cookie_header(r, "", 0));
	res->status = 204;
	res->no_store = 1;
}
