/*
 * catalog.h - the parts of the Tibetan catalog, one file per concern.
 * Each part is an array ended by a { NULL, NULL } entry.
 */
#ifndef LBCARE_LANG_CATALOG_H
#define LBCARE_LANG_CATALOG_H

#include "../core/lang.h"

extern const struct lang_pair bo_labels[];	/* resources, fields */
extern const struct lang_pair bo_values[];	/* enumeration values, states */
extern const struct lang_pair bo_steps[];	/* workflow steps, timeline, profile, eligibility */
extern const struct lang_pair bo_errors[];	/* error formats (same conversions as the Chinese) */

#endif
