/*
 * res_cases.h - casework after MZ/T 094-2017 (DOMAIN.md §6, §11.1): the
 * case and its stages, the case plan's goals, and the case notes.
 */
#ifndef LBCARE_RES_CASES_H
#define LBCARE_RES_CASES_H

#include "resource.h"

extern const struct resource	res_cases;
extern const struct resource	res_case_goals;
extern const struct resource	res_case_notes;
/* GOALS_MET 目标达成 ... DECEASED 死亡 (DOMAIN.md §10) */
extern const struct enum_decl	enum_closure_reason;
/* IDENTIFIED 待接案 ... CLOSED 已结案 */
extern const struct enum_decl	enum_case_stage;

/* The stages a case is open in: a caseload counts these. */
#define CASE_OPEN_STAGES	"INTAKE ASSESSMENT PLANNING INTERVENTION " \
				"EVALUATION"

/* tx_rules.c: goals and notes only on a case not closed or declined. */
int	cases_check_open(const struct resource *, struct store *,
	    const struct actor *, int64_t id, const struct value *,
	    struct arena *, struct err *);

#endif
