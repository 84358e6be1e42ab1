/*
 * embedded.h - files compiled into the binary by scripts/embed.py: the
 * schema migrations and the browser application.
 */
#ifndef LBCARE_EMBEDDED_H
#define LBCARE_EMBEDDED_H

#include <stddef.h>

struct embedded {
	const char		*name;	/* path relative to its folder */
	const unsigned char	*data;	/* NUL-terminated for text use */
	size_t			 len;
};

extern const struct embedded embedded_schema[];	/* src/store/schema */
extern const struct embedded embedded_web[];	/* web/ */

#endif
