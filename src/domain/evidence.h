/*
 * evidence.h - files that prove a record (a session's sign-in sheet, an
 * activity's photos, a donation's receipt; DOMAIN.md §10 EvidenceDoc),
 * for any declared resource.  A file's type is told by its content
 * (libmagic), never by its name or the client's Content-Type: JPEG,
 * PNG, WebP and PDF only.  Each distinct file is stored once, in the
 * database, under the SHA-256 of its bytes (evidence_blobs); a link row
 * (evidence) ties it to one record with a kind.  Whoever may read the
 * record may list and fetch its evidence; reaching it goes through
 * resource_get() on that record, so its scope rule and read audit apply.
 */
#ifndef LBCARE_EVIDENCE_H
#define LBCARE_EVIDENCE_H

#include <jansson.h>
#include <stddef.h>

#include "resource.h"

extern const struct enum_decl enum_evidence_kind;

/*
 * The MIME type libmagic reads in the bytes ("image/png"), or NULL with
 * e set: ERR_MEDIA_TYPE naming the type detected when it is not one of
 * the allowed.
 */
const char	*evidence_sniff(const void *, size_t, struct arena *,
		    struct err *);

/*
 * Link the bytes to record_id of the resource named res, as evidence of
 * kind: the actor must be able to write that resource and read the
 * record.  Returns the evidence row (new reference), *created 0 when
 * the same file was already linked to the record as the same kind.
 */
json_t		*evidence_upload(struct store *, const struct actor *,
		    const char *res, int64_t record_id, const char *kind,
		    const void *, size_t, int *created, struct arena *,
		    struct err *);
/* {"items": [row...]} for one record, oldest first. */
json_t		*evidence_list(struct store *, const struct actor *,
		    const char *res, int64_t record_id, struct arena *,
		    struct err *);
/*
 * Unlink evidence id from its record (a wrong photo, the wrong child):
 * by whoever uploaded it, or a supervisor, lead or administrator, if
 * they may write the record.  The file leaves the database when nothing
 * else links to it; the audit entry keeps its SHA-256.
 */
int		 evidence_delete(struct store *, const struct actor *,
		    int64_t id, struct arena *, struct err *);
/* The bytes of evidence id (arena-owned), its type and length. */
const void	*evidence_content(struct store *, const struct actor *,
		    int64_t id, const char **mime, size_t *len,
		    struct arena *, struct err *);

#endif
