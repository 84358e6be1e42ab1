/*
 * cmd_referrals.c - `lbcare referrals escalate`: move every sent
 * referral whose reply date has passed to ESCALATED, through the
 * workflow as the system (domain/res_referrals.c).  Meant to run daily
 * (cron or a systemd timer); running it twice a day changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../domain/res_referrals.h"
#include "cmd.h"

int
cmd_referrals_exec(struct app *app, int argc, char **argv)
{
	struct actor	 sys = { 0, 0, "", 0, "local" };
	struct store	*db;
	struct arena	*a;
	struct err	 e;
	json_t		*out;
	int		 rc = 1;

	if (argc != 2 || strcmp(argv[1], "escalate") != 0) {
		fprintf(stderr, "usage: lbcare referrals escalate\n");
		return (2);
	}
	a = arena_new();
	db = store_pool_acquire(app->pool);
	out = referrals_escalate(db, &sys, NULL, a, &e);
	store_pool_release(app->pool, db);
	if (out == NULL)
		fprintf(stderr, "lbcare referrals: %s\n", e.msg_en);
	else {
		printf("escalated %lld referral(s) past their reply date "
		    "(%d days)\n", (long long)json_integer_value(
		    json_object_get(out, "count")), referrals_reply_days());
		rc = 0;
	}
	json_decref(out);
	arena_free(a);
	return (rc);
}
