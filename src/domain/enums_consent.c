/*
 * enums_consent.c - the value tables of a guardian's consent: its scope
 * (the purpose it covers), the giver's relation to the child, and the
 * evidence it was recorded with.
 */
#include "enums_consent.h"

/* One consent covers one purpose; each purpose is consented to apart. */
static const struct enum_value consent_scope_values[] = {
	{ "REGISTRY", "建档登记", "Registration" },
	{ "CASE_SERVICE", "个案服务", "Casework" },
	{ "GROUP_ACTIVITY", "小组与活动", "Groups and activities" },
	{ "PHOTO_PUBLICITY", "照片与宣传", "Photos and publicity" },
	{ "DATA_SHARING", "数据共享/转介", "Data sharing and referral" },
};

static const struct enum_value consent_relation_values[] = {
	{ "FATHER", "父亲", "Father" },
	{ "MOTHER", "母亲", "Mother" },
	{ "GRANDPARENT_P", "祖父母", "Paternal grandparent" },
	{ "GRANDPARENT_M", "外祖父母", "Maternal grandparent" },
	{ "SIBLING", "兄姐", "Elder sibling" },
	{ "RELATIVE", "其他亲属", "Other relative" },
	{ "ENTRUSTED_CAREGIVER", "受委托照护人", "Entrusted caregiver" },
	{ "OTHER", "其他", "Other" },
};

static const struct enum_value consent_evidence_values[] = {
	{ "SIGNED_FORM", "书面签字", "Signed form" },
	{ "THUMBPRINT", "手印", "Thumbprint" },
	{ "VERBAL_WITNESSED", "口头(有见证人)", "Verbal, witnessed" },
	{ "ELECTRONIC", "电子确认", "Electronic confirmation" },
};

const struct enum_decl enum_consent_scope =
    ENUM_DECL("consent_scope", consent_scope_values);
const struct enum_decl enum_consent_relation =
    ENUM_DECL("consent_relation", consent_relation_values);
const struct enum_decl enum_consent_evidence =
    ENUM_DECL("consent_evidence", consent_evidence_values);
