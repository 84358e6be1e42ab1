/*
 * dedupe.h - finding a child registered twice, and merging the two
 * records.  A candidate has the same ID number, or the same name in
 * pinyin (so 张 and 章 match), the same birth date and the same village.
 * Candidates are only shown, never refused: the worker decides.  A merge
 * re-points every record of every declared resource that references the
 * duplicate child to the kept one, and marks the duplicate merged.
 */
#ifndef LBCARE_DEDUPE_H
#define LBCARE_DEDUPE_H

#include <jansson.h>
#include <stdint.h>

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"
#include "resource.h"

#define DEDUPE_MAX	20

/*
 * Children in the actor's scope, not merged, other than except_id, that
 * match: {"items": [{"id", "name", "sex", "birth_date", "village_code",
 * "match": "id_number" | "name_birth_village"}]}.  Any argument may be
 * NULL; at least the ID number, or name, birth date and village, must be
 * given.  Each candidate shown is an audited read.
 */
json_t	*dedupe_candidates(struct store *, const struct actor *,
	    const char *name, const char *birth_date, const char *village,
	    const char *id_number, int64_t except_id, struct arena *,
	    struct err *);

/*
 * What a create should warn about (the new record rec of r), as a JSON
 * array, or NULL when there is nothing to say.
 */
json_t	*dedupe_create_warnings(const struct resource *, struct store *,
	    const struct actor *, json_t *rec, struct arena *);

/*
 * Merge child dup into child keep: {"kept": record, "duplicate_id": n,
 * "repointed": {"<resource>": count, ...}}.  Both must be in the actor's
 * scope and neither already merged.
 */
json_t	*dedupe_merge(struct store *, const struct actor *, int64_t keep,
	    int64_t dup, struct arena *, struct err *);

#endif
