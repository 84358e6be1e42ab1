/*
 * bo_labels.c - Tibetan for LBCare's resource and field labels.
 * Keyed by the Chinese text exactly as the declarations write it.
 * Written by the project team; to be reviewed by a native speaker.
 */
#include "catalog.h"

const struct lang_pair bo_labels[] = {
	{ NULL, NULL },
};
