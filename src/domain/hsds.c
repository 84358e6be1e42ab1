/*
 * hsds.c - the partner directory in HSDS 3.0 (hsds.h).  A partner is an
 * organization offering one service at one physical location.  HSDS
 * requires an address to have a postal code, so a partner without one
 * (or without an address) is exported with the address text in the
 * location's description instead.  Names of the province, city and
 * county come from the regions table.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "hsds.h"
#include "res_referrals.h"

/* LBCare's namespace for version-5 UUIDs (a random UUID, fixed). */
static const unsigned char ns_lbcare[16] = {
	0x6b, 0x1c, 0x9e, 0x42, 0x3d, 0x57, 0x4f, 0x0a,
	0x8e, 0x21, 0x5c, 0x73, 0xb4, 0x90, 0xd6, 0x18
};

void
hsds_uuid(int64_t id, const char *part, char out[37])
{
	unsigned char	 md[EVP_MAX_MD_SIZE], buf[16 + 96];
	unsigned int	 mdlen = 0;
	int		 n, i, k = 0;

	memcpy(buf, ns_lbcare, 16);
	n = snprintf((char *)buf + 16, sizeof(buf) - 16, "partners/%lld/%s",
	    (long long)id, part);
	EVP_Digest(buf, (size_t)(16 + n), md, &mdlen, EVP_sha1(), NULL);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50);	/* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);	/* RFC 4122 */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[k++] = '-';
		snprintf(out + k, 3, "%02x", md[i]);
		k += 2;
	}
	out[k] = '\0';
}

static const char *
uuid(int64_t id, const char *part, struct arena *a)
{
	char	u[37];

	hsds_uuid(id, part, u);
	return (arena_strdup(a, u));
}

/* The name of the region whose code is prefix padded with zeros. */
static const char *
region_name(struct store *db, const char *code, size_t prefix,
    struct arena *a)
{
	struct stmt	*st;
	struct err	 e;
	const char	*name = NULL;
	char		 c[13];

	memcpy(c, "000000000000", sizeof(c));
	memcpy(c, code, prefix < 12 ? prefix : 12);
	if ((st = store_prepare(db, "SELECT name FROM regions WHERE code = ?",
	    &e)) == NULL)
		return (NULL);
	stmt_bind_text(st, 1, c);
	if (stmt_step(st, &e) == 1)
		name = arena_strdup(a, stmt_text(st, 0));
	stmt_finalize(st);
	return (name);
}

static int
has(const char *s)
{
	return (s != NULL && *s != '\0');
}

struct partner {
	int64_t		 id;
	const char	*kind, *name, *region, *address, *postal, *phone;
	const char	*email, *sname, *sdesc, *hours, *updated;
};

static json_t *
phones(const struct partner *p, const char *part, const char *owner_key,
    const char *owner, struct arena *a)
{
	json_t	*arr = json_array();

	if (has(p->phone))
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s}",
		    "id", uuid(p->id, part, a), owner_key, owner,
		    "number", p->phone));
	return (arr);
}

static json_t *
organization(const struct partner *p, struct arena *a)
{
	const struct enum_value	*k = enum_find(&enum_partner_kind, p->kind);
	const char		*oid = uuid(p->id, "organization", a);
	json_t			*o;

	o = json_pack("{s:s, s:s, s:s, s:o}", "id", oid, "name", p->name,
	    "description", k != NULL ? arena_printf(a, "%s / %s", k->zh,
	    k->en) : p->kind, "phones", phones(p, "organization/phone",
	    "organization_id", oid, a));
	if (has(p->email))
		json_object_set_new(o, "email", json_string(p->email));
	return (o);
}

static json_t *
service(const struct partner *p, struct arena *a)
{
	const struct enum_value	*k = enum_find(&enum_partner_kind, p->kind);
	const char		*sid = uuid(p->id, "service", a);
	json_t			*s, *sched;

	s = json_pack("{s:s, s:s, s:s, s:s, s:o, s:[{s:s, s:s, s:s}]}",
	    "id", sid, "organization_id", uuid(p->id, "organization", a),
	    "name", has(p->sname) ? p->sname : k != NULL ? k->zh : p->kind,
	    "status", "active",
	    "phones", phones(p, "service/phone", "service_id", sid, a),
	    "service_at_locations", "id", uuid(p->id, "service_at_location", a),
	    "service_id", sid, "location_id", uuid(p->id, "location", a));
	if (has(p->sdesc))
		json_object_set_new(s, "description", json_string(p->sdesc));
	if (has(p->email))
		json_object_set_new(s, "email", json_string(p->email));
	if (has(p->hours)) {
		/* Free text: HSDS keeps what RRULE fields cannot say here. */
		sched = json_pack("[{s:s, s:s, s:s}]", "id",
		    uuid(p->id, "schedule", a), "service_id", sid,
		    "description", p->hours);
		json_object_set_new(s, "schedules", sched);
	}
	return (s);
}

static json_t *
location(struct store *db, const struct partner *p, struct arena *a)
{
	const char	*lid = uuid(p->id, "location", a);
	const char	*prov, *city, *county;
	json_t		*l;

	l = json_pack("{s:s, s:s, s:s, s:s}", "id", lid, "location_type",
	    "physical", "organization_id", uuid(p->id, "organization", a),
	    "name", p->name);
	prov = region_name(db, p->region, 2, a);
	city = region_name(db, p->region, 4, a);
	county = region_name(db, p->region, 6, a);
	if (has(p->address) && has(p->postal))
		json_object_set_new(l, "addresses", json_pack(
		    "[{s:s, s:s, s:s, s:s, s:s*, s:s, s:s, s:s, s:s}]",
		    "id", uuid(p->id, "address", a), "location_id", lid,
		    "address_1", p->address,
		    "city", city != NULL ? city : p->region,
		    "region", county,
		    "state_province", prov != NULL ? prov : p->region,
		    "postal_code", p->postal, "country", "CN",
		    "address_type", "physical"));
	else if (has(p->address))
		json_object_set_new(l, "description", json_string(p->address));
	return (l);
}

json_t *
hsds_export(struct store *db, const struct actor *ac, struct arena *a,
    struct err *e)
{
	struct stmt	*st;
	struct partner	 p;
	json_t		*orgs, *svcs, *locs;
	int		 rc;

	if ((st = store_prepare(db, "SELECT id, kind, name, region_code, "
	    "address, postal_code, phone, email, service_name, "
	    "service_description, hours, updated_at FROM partners WHERE "
	    "region_code LIKE ? ORDER BY id", e)) == NULL)
		return (NULL);
	arena_defer(a, stmt_finalize_v, st);
	stmt_bind_text(st, 1, arena_printf(a, "%s%%", ac->scope != NULL ?
	    ac->scope : ""));
	orgs = json_array();
	svcs = json_array();
	locs = json_array();
	while ((rc = stmt_step(st, e)) == 1) {
		p.id = stmt_int64(st, 0);
		p.kind = arena_strdup(a, stmt_text(st, 1));
		p.name = arena_strdup(a, stmt_text(st, 2));
		p.region = arena_strdup(a, stmt_text(st, 3));
		p.address = arena_strdup(a, stmt_text(st, 4));
		p.postal = arena_strdup(a, stmt_text(st, 5));
		p.phone = arena_strdup(a, stmt_text(st, 6));
		p.email = arena_strdup(a, stmt_text(st, 7));
		p.sname = arena_strdup(a, stmt_text(st, 8));
		p.sdesc = arena_strdup(a, stmt_text(st, 9));
		p.hours = arena_strdup(a, stmt_text(st, 10));
		p.updated = arena_strdup(a, stmt_text(st, 11));
		json_array_append_new(orgs, organization(&p, a));
		json_array_append_new(svcs, service(&p, a));
		json_array_append_new(locs, location(db, &p, a));
	}
	stmt_reset(st);
	if (rc == -1) {
		json_decref(orgs);
		json_decref(svcs);
		json_decref(locs);
		return (NULL);
	}
	return (json_pack("{s:s, s:o, s:o, s:o}", "hsds_version", "3.0",
	    "organizations", orgs, "services", svcs, "locations", locs));
}
