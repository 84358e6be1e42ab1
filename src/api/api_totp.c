/*
 * api_totp.c - the signed-in user turns the second factor on or off:
 * set-up gives the otpauth:// URI for an authenticator app, enabling
 * takes a first code and answers the recovery codes once.  API tokens
 * cannot do this: it is a person's own sign-in.
 */
#include <string.h>

#include "../core/util.h"
#include "../domain/audit.h"
#include "../domain/auth.h"
#include "../domain/totp.h"
#include "handlers.h"

static int
person_or_reply(struct req *r, struct res *res)
{
	struct err	e;

	if (r->session->token_id == 0)
		return (0);
	err_setl(&e, ERR_FORBIDDEN, "Authorization",
	    "API 令牌不能设置双重验证", "an API token cannot set up a second "
	    "factor");
	res_problem(r, res, &e);
	return (-1);
}

/* The {"code": "..."} body of enable and disable. */
static const char *
code_or_reply(struct req *r, struct res *res)
{
	json_error_t	 je;
	struct err	 e;
	json_t		*in;
	const char	*code;

	if ((in = req_json_object(r, &e)) == NULL)
		goto fail;
	if (json_unpack_ex(in, &je, JSON_STRICT, "{s:s}", "code", &code) ==
	    -1) {
		err_setl(&e, ERR_INVALID, "code", "应为 {\"code\"}: %s",
		    "expected {\"code\"}: %s", je.text);
		goto fail;
	}
	return (code);
fail:
	res_problem(r, res, &e);
	return (NULL);
}

void
api_totp_setup(struct req *r, struct res *res)
{
	struct err	 e;
	char		*uri;

	if (person_or_reply(r, res) == -1)
		return;
	if ((uri = totp_setup(r->db, r->session->user_id, r->session->login,
	    r->arena, &e)) == NULL) {
		res_problem(r, res, &e);
		return;
	}
	res_json(r, res, 200, json_pack("{s:s}", "otpauth_uri", uri));
}

void
api_totp_enable(struct req *r, struct res *res)
{
	char		*codes[TOTP_RECOVERY_CODES];
	struct actor	 ac;
	struct err	 e;
	const char	*code;
	json_t		*list;
	int		 i;

	if (person_or_reply(r, res) == -1 ||
	    (code = code_or_reply(r, res)) == NULL)
		return;
	if (totp_enable(r->db, r->session->user_id, code, time_now(), codes,
	    r->arena, &e) == -1) {
		res_problem(r, res, &e);
		return;
	}
	api_actor(r, &ac);
	audit_append_tx(r->db, &ac, "totp_on", "users", r->session->user_id,
	    "{}", &e);
	list = json_array();
	for (i = 0; i < TOTP_RECOVERY_CODES; i++)
		json_array_append_new(list, json_string(codes[i]));
	res_json(r, res, 200, json_pack("{s:o}", "recovery_codes", list));
}

void
api_totp_disable(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	const char	*code;

	if (person_or_reply(r, res) == -1 ||
	    (code = code_or_reply(r, res)) == NULL)
		return;
	/* Turning it off takes a valid code, as signing in does. */
	if (totp_verify(r->db, r->session->user_id, code, time_now(),
	    r->arena, &e) == -1 ||
	    totp_disable(r->db, r->session->user_id, &e) == -1) {
		res_problem(r, res, &e);
		return;
	}
	api_actor(r, &ac);
	audit_append_tx(r->db, &ac, "totp_off", "users", r->session->user_id,
	    "{}", &e);
	res->status = 204;
	res->no_store = 1;
}
