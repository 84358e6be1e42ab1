/*
 * api_system.c - health, version, the schema the browser renders forms
 * from, and the home page's counts.
 */
#include <string.h>

#include "../domain/dashboard.h"
#include "../domain/evidence.h"
#include "../domain/resource.h"
#include "handlers.h"


void
api_healthz(struct req *r, struct res *res)
{
	struct err	 e;
	int		 v;

	if ((v = store_schema_version(r->db, &e)) == -1) {
		err_setl(&e, ERR_UNAVAILABLE, "", "数据库不可用",
		    "the database does not answer");
		res_problem(r, res, &e);
		return;
	}
	res_json(r, res, 200, json_pack("{s:s, s:s, s:i}", "status", "ok",
	    "db", store_kind(r->db) == STORE_PG ? "postgresql" : "sqlite",
	    "schema", v));
}

void
api_version(struct req *r, struct res *res)
{
	res_json(r, res, 200, json_pack("{s:s, s:i}", "version",
	    LBCARE_VERSION, "schema", store_schema_latest()));
}

void
api_schema_index(struct req *r, struct res *res)
{
	json_t	*list, *kinds, *o;
	size_t	 i;

	list = json_array();
	/* read, write: what the caller's roles allow (menus, buttons). */
	for (i = 0; resources[i] != NULL; i++) {
		o = json_pack("{s:s, s:b, s:b}", "name", resources[i]->name,
		    "read", (resources[i]->read_roles & r->session->roles) != 0,
		    "write", (resources[i]->write_roles & r->session->roles) !=
		    0);
		lang_put(o, resources[i]->zh, resources[i]->en);
		json_array_append_new(list, o);
	}
	/* Evidence is not a declared resource; its kinds are told here. */
	kinds = json_array();
	for (i = 0; i < enum_evidence_kind.nvalues; i++)
		json_array_append_new(kinds,
		    enum_value_json(&enum_evidence_kind.values[i]));
	res_json(r, res, 200, json_pack("{s:o, s:o}", "resources", list,
	    "evidence_kinds", kinds));
}

void
api_schema_get(struct req *r, struct res *res)
{
	const struct resource	*rs;
	struct err		 e;

	if ((rs = resource_find(r->params[0])) == NULL) {
		err_setl(&e, ERR_NOTFOUND, "name", "没有名为 %s 的资源",
		    "no resource named %s", r->params[0]);
		res_problem(r, res, &e);
		return;
	}
	res_json(r, res, 200, resource_schema(rs));
}

void
api_home(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*out;

	api_actor(r, &ac);
	out = dashboard_home(r->db, &ac, r->arena, &e);
	res_reply(r, res, out, &e);
}
