/*
 * bo_values.c - Tibetan for LBCare's enumeration values and the states of
 * its workflows.
 * Keyed by the Chinese text exactly as the declarations write it.
 * Written by the project team; to be reviewed by a native speaker.
 */
#include "catalog.h"

const struct lang_pair bo_values[] = {
	{ NULL, NULL },
};
