/*
 * res_consents.h - the declared resource `consents`: a guardian's consent
 * to one purpose of processing a child's data (PIPL Arts. 28, 31).
 */
#ifndef LBCARE_RES_CONSENTS_H
#define LBCARE_RES_CONSENTS_H

#include "resource.h"

extern const struct resource res_consents;

#endif
