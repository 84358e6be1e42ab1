/*
 * bo_errors.c - Tibetan for LBCare's error messages.  Each Tibetan format
 * takes the same conversions, in the same order, as its Chinese key
 * (tests/unit/test_lang.c checks this).
 * Keyed by the Chinese text exactly as the declarations write it.
 * Written by the project team; to be reviewed by a native speaker.
 */
#include "catalog.h"

const struct lang_pair bo_errors[] = {
	{ NULL, NULL },
};
