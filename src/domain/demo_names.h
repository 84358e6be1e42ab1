/*
 * demo_names.h - data for a fictional demonstration data set: names
 * common in Qinghai, Tibetan names with their Tibetan spelling, and the
 * regions of the demo (one district of Xining, two towns, their
 * villages).  Every person generated from these is fictional.
 */
#ifndef LBCARE_DEMO_NAMES_H
#define LBCARE_DEMO_NAMES_H

#include <stddef.h>

/* A Chinese surname and the GB 3304 code of a group it is common in. */
struct demo_surname {
	const char	*zh;
	const char	*ethnicity;
};

/*
 * A Tibetan name: its usual Chinese transcription (Amdo usage), its
 * Tibetan spelling, and whether it is given to boys ('M'), girls ('F')
 * or either ('U').  Full names join two of them, with a tsheg between
 * the Tibetan parts.
 */
struct demo_bo_name {
	const char	*zh;
	const char	*bo;
	char		 sex;
};

struct demo_region {
	const char	*code;		/* 12-digit division code */
	const char	*name;
};

/* Surnames; the first ones are common among Han, then Hui, then Tu. */
extern const struct demo_surname	 demo_surnames[];
extern const size_t			 demo_nsurnames;

/* Chinese given names for boys and for girls. */
extern const char *const		 demo_given_m[];
extern const size_t			 demo_ngiven_m;
extern const char *const		 demo_given_f[];
extern const size_t			 demo_ngiven_f;

extern const struct demo_bo_name	 demo_bo_names[];
extern const size_t			 demo_nbo_names;

/*
 * Regions, each after its parent: province, prefecture, district, the
 * two towns, then the villages of each town.
 */
extern const struct demo_region		 demo_regions[];
extern const size_t			 demo_nregions;

#endif
