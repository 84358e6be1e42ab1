/*
 * webfiles.h - the browser application's files, held in memory: the copy
 * built into the binary, or a folder read once at start-up (web-dir, for
 * working on web/ without rebuilding).  Each file carries its content
 * type and a strong ETag (a hash of its content).
 */
#ifndef LBCARE_WEBFILES_H
#define LBCARE_WEBFILES_H

#include <stddef.h>

struct err;

struct webfile {
	const char		*name;		/* "index.html", "img/logo.svg" */
	const char		*content_type;
	const char		*etag;		/* quoted, e.g. "\"3f9a...\"" */
	const unsigned char	*data;
	size_t			 len;
};

struct webfiles;

/*
 * Load the embedded files when dir is NULL or "", else every regular file
 * under dir (recursively; names starting with '.' are skipped).  The
 * result is owned by the caller (webfiles_free).  NULL with err set if
 * the folder cannot be read.
 */
struct webfiles		*webfiles_load(const char *dir, struct err *);
/*
 * The file for a URL path ("/" is "/index.html"), or NULL if there is
 * none or the path has a ".." segment.  Borrowed from the set.
 */
const struct webfile	*webfiles_find(const struct webfiles *,
			    const char *path);
void			 webfiles_free(struct webfiles *);

#endif
