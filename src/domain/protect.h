/*
 * protect.h - protection of sensitive fields at rest (DESIGN.md §5).
 *
 * Values of fields declared FF_SENSITIVE are sealed with
 * XChaCha20-Poly1305 under a data key that lives outside the database, in
 * a key file (mode 0600).  A sealed value is text:
 *
 *	v1:<key id>:<base64url(nonce || ciphertext || tag)>
 *
 * with "<table>.<field>" as associated data, so a value cannot be moved
 * to another column unnoticed.  Exact-match search uses a keyed blind
 * index: HMAC-SHA-256 under a separate index key, which never rotates.
 * Data keys rotate: `lbcare key new` adds one, new writes use the newest,
 * and `lbcare key rotate` re-seals old values in batches.
 *
 * The key ring is process-wide and read-only once loaded.
 */
#ifndef LBCARE_PROTECT_H
#define LBCARE_PROTECT_H

#include "../core/arena.h"
#include "../core/err.h"
#include "../store/store.h"

/* Load the key file; if create, make one (0600) when it is missing. */
int	 protect_load(const char *path, int create, struct err *);
/* A random key ring that lives only in memory (in-memory databases). */
void	 protect_load_ephemeral(void);
void	 protect_unload(void);
/*
 * Check the loaded keys against the check values the database holds,
 * recording those of new keys; a key file that does not belong to this
 * database is ERR_CONFLICT.
 */
int	 protect_check_db(struct store *, struct err *);

/* Seal plain text; never fails once keys are loaded. */
char	*protect_seal(const char *plain, const char *aad, struct arena *);
/* Open a sealed value; ERR_INTERNAL naming nothing secret on failure. */
char	*protect_open(const char *sealed, const char *aad, struct arena *,
	    struct err *);
/* Blind index of a value (hex), for exact-match search and uniqueness. */
char	*protect_index(const char *plain, const char *aad, struct arena *);
/* Key id a sealed value was sealed under; -1 if it is not sealed. */
int	 protect_key_id(const char *sealed);
/* Id of the newest data key, which seals new values. */
int	 protect_current_key(void);
/* Append a new data key to the key file; returns its id or -1. */
int	 protect_add_key(const char *path, struct err *);

#endif
