/*
 * protect.c - the key ring, sealing and opening of sensitive values, and
 * the blind index.  libsodium does the cryptography.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/log.h"
#include "../core/util.h"
#include "protect.h"

#define KEYBYTES	crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCEBYTES	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAGBYTES	crypto_aead_xchacha20poly1305_ietf_ABYTES
#define MAX_KEYS	64
#define B64		sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define CHECK_TEXT	"lbcare key check v1"

struct datakey {
	int		id;
	unsigned char	key[KEYBYTES];
};

static struct {
	int		loaded;
	unsigned char	index[crypto_auth_hmacsha256_KEYBYTES];
	struct datakey	keys[MAX_KEYS];
	int		nkeys;
} ring;

static const struct datakey *
key_find(int id)
{
	int	i;

	for (i = 0; i < ring.nkeys; i++)
		if (ring.keys[i].id == id)
			return (&ring.keys[i]);
	return (NULL);
}

int
protect_current_key(void)
{
	int	i, best = 0;

	for (i = 0; i < ring.nkeys; i++)
		if (ring.keys[i].id > best)
			best = ring.keys[i].id;
	return (best);
}

void
protect_unload(void)
{
	sodium_memzero(&ring, sizeof(ring));
}

void
protect_load_ephemeral(void)
{
	protect_unload();
	randombytes_buf(ring.index, sizeof(ring.index));
	ring.keys[0].id = 1;
	randombytes_buf(ring.keys[0].key, KEYBYTES);
	ring.nkeys = 1;
	ring.loaded = 1;
}

static void
hex_line(FILE *f, const char *label, const unsigned char *k, size_t n)
{
	char	hex[2 * 64 + 1];

	sodium_bin2hex(hex, sizeof(hex), k, n);
	fprintf(f, "%s %s\n", label, hex);
	sodium_memzero(hex, sizeof(hex));
}

/* A new key file: one index key and data key 1, written 0600. */
static int
key_file_create(const char *path, struct err *e)
{
	unsigned char	 k[KEYBYTES];
	FILE		*f;
	int		 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		err_set(e, ERR_INTERNAL, "key-file", "cannot create %s: %s",
		    path, strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	fprintf(f, "# LBCare data keys.  Keep this file outside the database "
	    "and its backups,\n# readable by the server only.  Losing it "
	    "loses the protected fields.\n");
	randombytes_buf(k, sizeof(k));
	hex_line(f, "index", k, sizeof(k));
	randombytes_buf(k, sizeof(k));
	hex_line(f, "data 1", k, sizeof(k));
	sodium_memzero(k, sizeof(k));
	if (fclose(f) != 0) {
		err_set(e, ERR_INTERNAL, "key-file", "cannot write %s", path);
		return (-1);
	}
	log_info("protect: created key file %s", path);
	return (0);
}

static int
parse_key(const char *hex, unsigned char *out, size_t n)
{
	size_t	len;

	return (sodium_hex2bin(out, n, hex, strlen(hex), NULL, &len, NULL) ==
	    0 && len == n ? 0 : -1);
}

static int
key_file_line(char *line, int lineno, const char *path, struct err *e)
{
	char	hex[160];
	int	id, have_index = 0;

	if (sscanf(line, "index %159s", hex) == 1) {
		if (parse_key(hex, ring.index, sizeof(ring.index)) == -1)
			goto bad;
		have_index = 1;
	} else if (sscanf(line, "data %d %159s", &id, hex) == 2) {
		if (id < 1 || key_find(id) != NULL || ring.nkeys == MAX_KEYS ||
		    parse_key(hex, ring.keys[ring.nkeys].key, KEYBYTES) == -1)
			goto bad;
		ring.keys[ring.nkeys++].id = id;
	} else
		goto bad;
	sodium_memzero(hex, sizeof(hex));
	return (have_index);
bad:
	sodium_memzero(hex, sizeof(hex));
	err_set(e, ERR_INVALID, "key-file", "%s:%d: not a key line", path,
	    lineno);
	return (-1);
}

int
protect_load(const char *path, int create, struct err *e)
{
	struct stat	 sb;
	FILE		*f;
	char		 line[256];
	int		 lineno = 0, rc, have_index = 0, bad = 0;

	protect_unload();
	if (stat(path, &sb) == -1) {
		if (errno != ENOENT || !create) {
			err_set(e, ERR_INVALID, "key-file", "%s: %s", path,
			    strerror(errno));
			return (-1);
		}
		if (key_file_create(path, e) == -1 || stat(path, &sb) == -1)
			return (-1);
	}
	if ((sb.st_mode & 077) != 0) {
		err_set(e, ERR_INVALID, "key-file", "%s must not be readable by "
		    "group or others (chmod 600)", path);
		return (-1);
	}
	if ((f = fopen(path, "r")) == NULL) {
		err_set(e, ERR_INVALID, "key-file", "%s: %s", path,
		    strerror(errno));
		return (-1);
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if ((rc = key_file_line(line, lineno, path, e)) == -1) {
			bad = 1;
			break;
		}
		have_index |= rc;
	}
	sodium_memzero(line, sizeof(line));
	fclose(f);
	if (!bad && (!have_index || ring.nkeys == 0)) {
		err_set(e, ERR_INVALID, "key-file", "%s: needs an index key "
		    "and at least one data key", path);
		bad = 1;
	}
	if (bad) {
		protect_unload();
		return (-1);
	}
	ring.loaded = 1;
	return (0);
}

int
protect_add_key(const char *path, struct err *e)
{
	unsigned char	 k[KEYBYTES];
	char		 label[32];
	FILE		*f;
	int		 id = protect_current_key() + 1;

	if (!ring.loaded || (f = fopen(path, "a")) == NULL) {
		err_set(e, ERR_INVALID, "key-file", "cannot add a key to %s",
		    path);
		return (-1);
	}
	randombytes_buf(k, sizeof(k));
	snprintf(label, sizeof(label), "data %d", id);
	hex_line(f, label, k, sizeof(k));
	if (fclose(f) != 0) {
		sodium_memzero(k, sizeof(k));
		err_set(e, ERR_INTERNAL, "key-file", "cannot write %s", path);
		return (-1);
	}
	ring.keys[ring.nkeys].id = id;
	memcpy(ring.keys[ring.nkeys++].key, k, sizeof(k));
	sodium_memzero(k, sizeof(k));
	return (id);
}

static void
check_mac(const unsigned char *key, char out[65])
{
	unsigned char	mac[crypto_auth_hmacsha256_BYTES];

	crypto_auth_hmacsha256(mac, (const unsigned char *)CHECK_TEXT,
	    strlen(CHECK_TEXT), key);
	sodium_bin2hex(out, 65, mac, sizeof(mac));
}

/* Compare, or record, the check value of one key (id 0 = index key). */
static int
check_one(struct store *db, int id, const unsigned char *key, struct err *e)
{
	struct stmt	*st;
	char		 mac[65];
	int		 rc;

	check_mac(key, mac);
	if ((st = store_prepare(db, "SELECT check_mac FROM protect_keys "
	    "WHERE id = ?", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	rc = stmt_step(st, e);
	if (rc == 1 && strcmp(stmt_text(st, 0), mac) != 0) {
		err_set(e, ERR_CONFLICT, "key-file", "the key file does not "
		    "belong to this database (key %d differs)", id);
		rc = -1;
	}
	stmt_finalize(st);
	if (rc != 0)
		return (rc == -1 ? -1 : 0);
	if ((st = store_prepare(db, "INSERT INTO protect_keys (id, check_mac) "
	    "VALUES (?, ?)", e)) == NULL)
		return (-1);
	stmt_bind_int64(st, 1, id);
	stmt_bind_text(st, 2, mac);
	rc = stmt_step(st, e);
	stmt_finalize(st);
	return (rc == -1 ? -1 : 0);
}

int
protect_check_db(struct store *db, struct err *e)
{
	int	i;

	if (check_one(db, 0, ring.index, e) == -1)
		return (-1);
	for (i = 0; i < ring.nkeys; i++)
		if (check_one(db, ring.keys[i].id, ring.keys[i].key, e) == -1)
			return (-1);
	return (0);
}

char *
protect_seal(const char *plain, const char *aad, struct arena *a)
{
	const struct datakey	*k = key_find(protect_current_key());
	unsigned char		*buf;
	unsigned long long	 clen;
	size_t			 plen = strlen(plain), blen, b64len;
	char			*out;
	int			 n;

	if (!ring.loaded || k == NULL)
		fatalx("protect: no data key loaded");
	blen = NONCEBYTES + plen + TAGBYTES;
	buf = arena_alloc(a, blen);
	randombytes_buf(buf, NONCEBYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(buf + NONCEBYTES, &clen,
	    (const unsigned char *)plain, plen, (const unsigned char *)aad,
	    strlen(aad), NULL, buf, k->key);
	b64len = sodium_base64_ENCODED_LEN(blen, B64);
	out = arena_alloc(a, b64len + 16);
	n = snprintf(out, 16, "v1:%d:", k->id);
	sodium_bin2base64(out + n, b64len, buf, blen, B64);
	return (out);
}

int
protect_key_id(const char *sealed)
{
	int	id, n = 0;

	if (sealed == NULL || sscanf(sealed, "v1:%d:%n", &id, &n) != 1 ||
	    n == 0)
		return (-1);
	return (id);
}

char *
protect_open(const char *sealed, const char *aad, struct arena *a,
    struct err *e)
{
	const struct datakey	*k;
	unsigned char		*buf;
	const char		*b64;
	unsigned long long	 plen;
	size_t			 blen;
	char			*out;
	int			 id;

	if ((id = protect_key_id(sealed)) == -1 || (k = key_find(id)) == NULL)
		goto fail;
	b64 = strchr(sealed + 3, ':') + 1;
	buf = arena_alloc(a, strlen(b64));
	if (sodium_base642bin(buf, strlen(b64), b64, strlen(b64), NULL, &blen,
	    NULL, B64) != 0 || blen < NONCEBYTES + TAGBYTES)
		goto fail;
	out = arena_alloc(a, blen - NONCEBYTES - TAGBYTES + 1);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out,
	    &plen, NULL, buf + NONCEBYTES, blen - NONCEBYTES,
	    (const unsigned char *)aad, strlen(aad), buf, k->key) != 0)
		goto fail;
	out[plen] = '\0';
	return (out);
fail:
	err_setl(e, ERR_INTERNAL, "", "无法解密受保护的字段 %s（密钥缺失或数据损坏）",
	    "cannot open the protected field %s (key missing or data "
	    "damaged)", aad);
	return (NULL);
}

char *
protect_index(const char *plain, const char *aad, struct arena *a)
{
	crypto_auth_hmacsha256_state	 st;
	unsigned char			 mac[crypto_auth_hmacsha256_BYTES];
	char				*out;

	if (!ring.loaded)
		fatalx("protect: no index key loaded");
	crypto_auth_hmacsha256_init(&st, ring.index, sizeof(ring.index));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)aad,
	    strlen(aad) + 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)plain,
	    strlen(plain));
	crypto_auth_hmacsha256_final(&st, mac);
	out = arena_alloc(a, 2 * sizeof(mac) + 1);
	sodium_bin2hex(out, 2 * sizeof(mac) + 1, mac, sizeof(mac));
	return (out);
}
