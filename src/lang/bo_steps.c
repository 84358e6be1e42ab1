/*
 * bo_steps.c - Tibetan for LBCare's workflow steps, timeline entries,
 * profile headings and eligibility grounds.
 * Keyed by the Chinese text exactly as the declarations write it.
 * Written by the project team; to be reviewed by a native speaker.
 */
#include "catalog.h"

const struct lang_pair bo_steps[] = {
	{ NULL, NULL },
};
