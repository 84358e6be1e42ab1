/*
 * webfiles.c - the browser application's files in memory, from the copy
 * in the binary or a folder read at start-up, sorted by name for lookup,
 * each with its content type and ETag computed once.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "../core/embedded.h"
#include "../core/err.h"
#include "../core/util.h"
#include "webfiles.h"

#define WEBFILES_DEPTH	16	/* bounds recursion through symlink loops */

struct webfiles {
	struct webfile	*files;
	size_t		 n;
	size_t		 cap;
	int		 owned;		/* names and data read from disk */
};

static const struct {
	const char	*ext;
	const char	*type;
} webfiles_types[] = {
	{ "html", "text/html; charset=utf-8" },
	{ "js", "text/javascript; charset=utf-8" },
	{ "css", "text/css; charset=utf-8" },
	{ "json", "application/json" },
	{ "webmanifest", "application/manifest+json" },
	{ "svg", "image/svg+xml" },
	{ "png", "image/png" },
	{ "woff2", "font/woff2" },
	{ "ico", "image/x-icon" },
	{ "txt", "text/plain; charset=utf-8" },
};

static const char *
webfiles_type(const char *name)
{
	const char	*base, *dot;
	size_t		 i;

	base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	if ((dot = strrchr(base, '.')) != NULL)
		for (i = 0; i < nitems(webfiles_types); i++)
			if (strcmp(dot + 1, webfiles_types[i].ext) == 0)
				return (webfiles_types[i].type);
	return ("application/octet-stream");
}

static void
webfiles_add(struct webfiles *w, const char *name, const unsigned char *data,
    size_t len)
{
	struct webfile	*f;
	unsigned char	 hash[16];
	char		 hex[2 * sizeof(hash) + 1], *etag;

	if (w->n == w->cap) {
		w->cap = w->cap != 0 ? w->cap * 2 : 16;
		w->files = xrealloc(w->files, w->cap * sizeof(*w->files));
	}
	crypto_generichash(hash, sizeof(hash), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	etag = xmalloc(sizeof(hex) + 2);
	snprintf(etag, sizeof(hex) + 2, "\"%s\"", hex);

	f = &w->files[w->n++];
	f->name = name;
	f->content_type = webfiles_type(name);
	f->etag = etag;
	f->data = data;
	f->len = len;
}

/* The whole file, NUL-terminated like the embedded copies. */
static unsigned char *
webfiles_slurp(const char *path, size_t *len, struct err *e)
{
	struct stat	 st;
	unsigned char	*data = NULL;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1)
		goto fail;
	data = xmalloc((size_t)st.st_size + 1);
	while (off < (size_t)st.st_size) {
		if ((n = read(fd, data + off, (size_t)st.st_size - off)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;		/* shrank meanwhile: keep what is there */
		off += (size_t)n;
	}
	data[off] = '\0';
	*len = off;
	close(fd);
	return (data);
fail:
	err_set(e, ERR_INTERNAL, "web-dir", "web-dir: %s: %s", path,
	    strerror(errno));
	free(data);
	if (fd != -1)
		close(fd);
	return (NULL);
}

/* Add every file under root/rel; names are relative to root. */
static int
webfiles_walk(struct webfiles *w, const char *root, const char *rel, int depth,
    struct err *e)
{
	char		 path[PATH_MAX], name[PATH_MAX];
	struct dirent	*de;
	struct stat	 st;
	unsigned char	*data;
	size_t		 len;
	DIR		*dp;
	int		 rc = -1;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", root, rel) >=
	    sizeof(path)) {
		err_set(e, ERR_INTERNAL, "web-dir", "web-dir: %s: name too long",
		    rel);
		return (-1);
	}
	if ((dp = opendir(path)) == NULL) {
		err_set(e, ERR_INTERNAL, "web-dir", "web-dir: %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(name, sizeof(name), "%s%s%s", rel,
		    *rel != '\0' ? "/" : "", de->d_name) >= sizeof(name) ||
		    (size_t)snprintf(path, sizeof(path), "%s/%s", root,
		    name) >= sizeof(path)) {
			err_set(e, ERR_INTERNAL, "web-dir",
			    "web-dir: %s: name too long", de->d_name);
			goto out;
		}
		if (stat(path, &st) == -1) {
			err_set(e, ERR_INTERNAL, "web-dir", "web-dir: %s: %s",
			    path, strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth == WEBFILES_DEPTH) {
				err_set(e, ERR_INTERNAL, "web-dir",
				    "web-dir: %s: nested too deep", path);
				goto out;
			}
			if (webfiles_walk(w, root, name, depth + 1, e) == -1)
				goto out;
		} else if (S_ISREG(st.st_mode)) {
			if ((data = webfiles_slurp(path, &len, e)) == NULL)
				goto out;
			webfiles_add(w, xstrdup(name), data, len);
		}
	}
	rc = 0;
out:
	closedir(dp);
	return (rc);
}

static int
webfiles_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct webfile *)a)->name,
	    ((const struct webfile *)b)->name));
}

struct webfiles *
webfiles_load(const char *dir, struct err *e)
{
	struct webfiles		*w;
	const struct embedded	*em;

	w = xcalloc(1, sizeof(*w));
	if (dir == NULL || *dir == '\0') {
		for (em = embedded_web; em->name != NULL; em++)
			webfiles_add(w, em->name, em->data, em->len);
	} else {
		w->owned = 1;
		if (webfiles_walk(w, dir, "", 0, e) == -1) {
			webfiles_free(w);
			return (NULL);
		}
	}
	qsort(w->files, w->n, sizeof(*w->files), webfiles_cmp);
	return (w);
}

const struct webfile *
webfiles_find(const struct webfiles *w, const char *path)
{
	struct webfile	 key;
	const char	*p;

	if (w == NULL || path == NULL || path[0] != '/')
		return (NULL);
	if (strcmp(path, "/") == 0)
		path = "/index.html";
	for (p = path; (p = strstr(p, "/..")) != NULL; p += 3)
		if (p[3] == '/' || p[3] == '\0')
			return (NULL);
	key.name = path + 1;
	return (bsearch(&key, w->files, w->n, sizeof(*w->files),
	    webfiles_cmp));
}

/* free() for the pointers the public struct shows as const. */
static void
webfiles_xfree(const void *p)
{
	free((void *)(uintptr_t)p);
}

void
webfiles_free(struct webfiles *w)
{
	size_t	i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n; i++) {
		webfiles_xfree(w->files[i].etag);
		if (w->owned) {
			webfiles_xfree(w->files[i].name);
			webfiles_xfree(w->files[i].data);
		}
	}
	free(w->files);
	free(w);
}
