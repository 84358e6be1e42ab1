/*
 * err.h - one struct err per call (like jansson's json_error_t).
 *
 * Functions return 0/-1 (or NULL) and fill a caller-supplied struct err
 * with a code, the offending field (a JSON pointer-ish path, may be empty)
 * and a message in Chinese and in English.  err.c maps codes to HTTP
 * statuses in one table.
 */
#ifndef LBCARE_ERR_H
#define LBCARE_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_INVALID,		/* 400 bad input */
	ERR_UNAUTHENTICATED,	/* 401 */
	ERR_FORBIDDEN,		/* 403 */
	ERR_NOTFOUND,		/* 404 */
	ERR_METHOD,		/* 405 */
	ERR_CONFLICT,		/* 409 duplicate, illegal transition */
	ERR_PRECONDITION,	/* 412 stale revision */
	ERR_TOO_LARGE,		/* 413 */
	ERR_MEDIA_TYPE,		/* 415 */
	ERR_PRECONDITION_REQUIRED, /* 428 If-Match missing */
	ERR_THROTTLED,		/* 429 */
	ERR_INTERNAL,		/* 500 */
	ERR_STORE,		/* 500 database failure */
	ERR_UNAVAILABLE,	/* 503 */
	ERR__COUNT
};

struct err {
	enum err_code	code;
	char		field[64];
	char		msg_en[256];
	char		msg_zh[256];
	char		msg_bo[768];	/* empty: no Tibetan yet, show zh */
};

/* Same text in both languages (internal and technical errors). */
void		 err_set(struct err *, enum err_code, const char *field,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Separate Chinese and English formats over the same arguments. */
void		 err_setl(struct err *, enum err_code, const char *field,
		    const char *zh, const char *en, ...);
void		 err_clear(struct err *);
/*
 * Formats whose arguments are words each language says its own way (a
 * step, a state): words[lang][i], up to three, all for %s (NULL: none;
 * lang_words() fills a column).  The Tibetan is the catalog's format for
 * zh, filled with words[LANG_BO].
 */
void		 err_setl_words(struct err *, enum err_code, const char *field,
		    const char *zh, const char *en, const char *const words[3][3]);
/*
 * Tibetan for a message whose Chinese and English were composed apart:
 * the catalog's format for zh, filled with these arguments.
 */
void		 err_bo(struct err *, const char *zh, ...);
/*
 * A Tibetan message filled with a Chinese label (the argument the zh
 * format took): put the label's own Tibetan in its place.
 */
void		 err_bo_label(struct err *, const char *zh_label);
/* The message in a language (enum lang); Tibetan falls back to Chinese. */
const char	*err_msg(const struct err *, int lang);
int		 err_http_status(enum err_code);
const char	*err_code_name(enum err_code);	/* stable ASCII code */
const char	*err_title(enum err_code);

#endif
