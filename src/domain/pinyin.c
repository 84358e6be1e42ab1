/*
 * pinyin.c - names to toneless pinyin with ICU, for search.  Owns the
 * process's one transliterator and the mutex its callers take turns under.
 */
#include <pthread.h>
#include <string.h>

#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

#include "../core/log.h"
#include "pinyin.h"

static pthread_mutex_t	 pinyin_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator	*pinyin_tr;	/* under pinyin_lock */

/* Open the transliterator unless it is open; call with the lock held. */
static UTransliterator *
pinyin_open_locked(void)
{
	static const UChar	id[] = u"Han-Latin; Latin-ASCII; Lower";
	UParseError		pe;
	UErrorCode		st = U_ZERO_ERROR;

	if (pinyin_tr != NULL)
		return (pinyin_tr);
	pinyin_tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &pe, &st);
	if (U_FAILURE(st)) {
		log_msg(LOG_ERR, "pinyin: ICU transliterator: %s",
		    u_errorName(st));
		pinyin_tr = NULL;
	}
	return (pinyin_tr);
}

void
pinyin_shutdown(void)
{
	pthread_mutex_lock(&pinyin_lock);
	if (pinyin_tr != NULL)
		utrans_close(pinyin_tr);
	pinyin_tr = NULL;
	pthread_mutex_unlock(&pinyin_lock);
}

static int
is_han(UChar32 c)
{
	UErrorCode	st = U_ZERO_ERROR;

	return (uscript_getScript(c, &st) == USCRIPT_HAN && U_SUCCESS(st));
}

/*
 * utf8 as UTF-16 with a space between adjacent Han characters: ICU joins
 * some syllables ("曾国藩" -> "cengguo fan"), and without tones a joined
 * pair can no longer be split for initials.  Its context rules see
 * through the spaces (重 庆 still reads chong qing).  *n: the length.
 */
static UChar *
spaced_utf16(const char *utf8, int32_t *n, struct arena *a)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u, *w;
	UChar32		 c;
	int32_t		 len, i = 0, o = 0;
	int		 prev = 0, han;

	u_strFromUTF8(NULL, 0, &len, utf8, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return (NULL);
	st = U_ZERO_ERROR;
	u = arena_alloc(a, ((size_t)len + 1) * sizeof(*u));
	u_strFromUTF8(u, len + 1, NULL, utf8, -1, &st);
	if (U_FAILURE(st))
		return (NULL);
	w = arena_alloc(a, ((size_t)len * 2 + 1) * sizeof(*w));
	while (i < len) {
		U16_NEXT(u, i, len, c);
		han = is_han(c);
		if (han && prev)
			w[o++] = u' ';
		U16_APPEND_UNSAFE(w, o, c);
		prev = han;
	}
	*n = o;
	return (w);
}

/* The transliteration of utf8 as UTF-8 (still unfiltered), or NULL. */
static char *
translit(const char *utf8, struct arena *a)
{
	UTransliterator	*tr;
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*in, *buf;
	int32_t		 n, len, cap, limit, out;
	char		*s;

	if ((in = spaced_utf16(utf8, &n, a)) == NULL)
		return (NULL);
	/* A syllable and a space per character fit in 8 units; retry once. */
	for (cap = n * 8 + 16;; cap *= 4) {
		buf = arena_alloc(a, (size_t)cap * sizeof(*buf));
		memcpy(buf, in, (size_t)n * sizeof(*buf));
		len = limit = n;
		st = U_ZERO_ERROR;
		pthread_mutex_lock(&pinyin_lock);
		if ((tr = pinyin_open_locked()) != NULL)
			utrans_transUChars(tr, buf, &len, cap, 0, &limit, &st);
		pthread_mutex_unlock(&pinyin_lock);
		if (tr == NULL)
			return (NULL);
		if (st != U_BUFFER_OVERFLOW_ERROR || cap > n * 64)
			break;
	}
	if (U_FAILURE(st))
		return (NULL);
	u_strToUTF8(NULL, 0, &out, buf, limit, &st);
	st = U_ZERO_ERROR;
	s = arena_alloc(a, (size_t)out + 1);
	u_strToUTF8(s, out + 1, NULL, buf, limit, &st);
	return (U_FAILURE(st) ? NULL : s);
}

/*
 * Keep [a-z0-9] runs as words, separated by single spaces; anything else
 * (what ICU left in another script, punctuation) only separates.
 */
static char *
words(const char *s, struct arena *a)
{
	char	*out, *p;
	int	 sep = 0;

	out = p = arena_alloc(a, strlen(s) + 1);
	for (; *s != '\0'; s++) {
		char	ch = *s;

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			if (sep && p != out)
				*p++ = ' ';
			*p++ = ch;
			sep = 0;
		} else
			sep = 1;
	}
	*p = '\0';
	return (out);
}

char *
pinyin_of(const char *utf8, struct arena *a)
{
	char	*t;

	if ((t = translit(utf8, a)) == NULL)
		return (NULL);
	return (words(t, a));
}

/* "zhang meng qi" -> "zmq" */
static char *
initials(const char *w, struct arena *a)
{
	const char	*start = w;
	char		*out, *p;

	out = p = arena_alloc(a, strlen(w) + 1);
	for (; *w != '\0'; w++)
		if (*w != ' ' && (w == start || w[-1] == ' '))
			*p++ = *w;
	*p = '\0';
	return (out);
}

char *
pinyin_initials(const char *utf8, struct arena *a)
{
	char	*w;

	if ((w = pinyin_of(utf8, a)) == NULL)
		return (NULL);
	return (initials(w, a));
}

char *
pinyin_search_key(const char *utf8, struct arena *a)
{
	char	*w, *joined, *p;
	size_t	 i;

	if ((w = pinyin_of(utf8, a)) == NULL || *w == '\0')
		return (NULL);
	joined = p = arena_alloc(a, strlen(w) + 1);
	for (i = 0; w[i] != '\0'; i++)
		if (w[i] != ' ')
			*p++ = w[i];
	*p = '\0';
	return (arena_printf(a, "%s|%s|%s", w, joined, initials(w, a)));
}
