/*
 * fuzz_resource.c - libFuzzer harness for JSON body -> declared resource
 * validation: parse as the API does (duplicate keys rejected), then
 * validate against every declaration as a create and as an update.
 * A success must produce only declared, well-typed values.
 */
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "domain/resource.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct resource	*r;
	struct arena		*a;
	struct value		*v, *old;
	struct err		 e;
	json_error_t		 je;
	json_t			*j;
	size_t			 i, k;

	j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL)
		return (0);
	a = arena_new();
	for (i = 0; resources[i] != NULL; i++) {
		r = resources[i];
		v = arena_alloc(a, sizeof(*v) * r->nfields);
		old = arena_alloc(a, sizeof(*old) * r->nfields);
		if (resource_validate(r, j, NULL, v, a, &e) == 0) {
			for (k = 0; k < r->nfields; k++)
				if (v[k].set && !v[k].isnull &&
				    (r->fields[k].type == FT_TEXT ||
				    r->fields[k].type == FT_ENUM ||
				    r->fields[k].type == FT_DATE) &&
				    v[k].s == NULL)
					__builtin_trap();
			memcpy(old, v, sizeof(*v) * r->nfields);
			resource_validate(r, j, old, v, a, &e);
		}
	}
	arena_free(a);
	json_decref(j);
	return (0);
}
