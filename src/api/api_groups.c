/*
 * api_groups.c - a group's attendance rates:
 *   GET /api/v1/groups/:id/attendance
 * The counting is domain/groups.c's.
 */
#include "../domain/groups.h"
#include "handlers.h"

void
api_group_attendance(struct req *r, struct res *res)
{
	struct actor	 ac;
	struct err	 e;
	json_t		*out;
	int64_t		 id;

	if (path_id_or_reply(r, res, &id) == -1)
		return;
	api_actor(r, &ac);
	out = groups_attendance(r->db, &ac, id, r->arena, &e);
	res_reply(r, res, out, &e);
}
