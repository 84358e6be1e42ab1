/*
 * pinyin.h - toneless pinyin of names, for searching them (ICU's
 * "Han-Latin; Latin-ASCII; Lower" transliterator).
 *
 * Han characters become one lowercase syllable each: 张梦琪 -> "zhang meng
 * qi".  Each character takes ICU's reading, which is its most common one
 * with a few word-context rules (重庆 -> chong qing, but 单 -> dan, 曾 ->
 * ceng, 翟 -> di, 覃 -> tan): surnames read otherwise are not found under
 * their surname reading.  ü is written u (吕 -> lu, not lv).  Latin text
 * is kept, lowercased and stripped of accents; any other script (Tibetan,
 * Arabic) and punctuation only separate words: 扎西 བཀྲ་ཤིས -> "zha xi".
 * Only [a-z0-9] and single spaces come out.
 *
 * One transliterator serves the process, created on first use; calls from
 * several threads take turns under a mutex (cheaper than a clone per call).
 */
#ifndef LBCARE_PINYIN_H
#define LBCARE_PINYIN_H

#include "../core/arena.h"

/*
 * The syllables and Latin words of utf8, separated by single spaces
 * ("zhang meng qi"); "" when there are none.  Allocated in the arena.
 * NULL if ICU fails (its data missing, utf8 not UTF-8).
 */
char	*pinyin_of(const char *utf8, struct arena *);
/* The first letter of each syllable or word ("zmq"); as pinyin_of(). */
char	*pinyin_initials(const char *utf8, struct arena *);
/*
 * What a name is searched by: "zhang meng qi|zhangmengqi|zmq", so that a
 * substring of any spelling matches.  NULL if the name has no syllables or
 * words, or ICU fails.
 */
char	*pinyin_search_key(const char *utf8, struct arena *);
/* Close the transliterator (at exit, for LeakSanitizer); reopens on use. */
void	 pinyin_shutdown(void);

#endif
