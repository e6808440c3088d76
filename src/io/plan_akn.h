/*
 * plan_akn.h - a draft plan as Akoma Ntoso 3.0 (OASIS LegalDocML) XML.
 *
 * The draft becomes a <doc name="planOfAction">: the title in the
 * preface, the preamble paragraphs as recitals in the preamble, each
 * pillar (or Markdown section) an <hcontainer name="pillar"> holding its
 * measures as <paragraph> elements with their <num>.  Every delegation
 * tagged in the draft is a <TLCOrganization> of the references; a
 * proposal to add is an <ins>, a proposal to delete a <del>, each with
 * refersTo naming its delegations; a bracket with no tag is an
 * <inline name="unsponsored">, one never closed an
 * <inline name="unclosed">.  The positions table (brackets and tags per
 * measure and delegation) is in <proprietary>.  The output validates
 * against the OASIS schema (tests/data/akn/akomantoso30.xsd).
 */
#ifndef CTM_IO_PLAN_AKN_H
#define CTM_IO_PLAN_AKN_H

#include "../plan/plan.h"
#include "refdata.h"

typedef struct PlanAknOptions {
	const char *name; /* the plan's key in URIs; "plan" when NULL */
	const char *date; /* YYYY-MM-DD of the revision; today when NULL */
	const char *(*country_name)(const CountryList *, const char *);
	const CountryList *countries; /* for showAs; may be NULL */
} PlanAknOptions;

void plan_akn(const Plan *p, const PlanAknOptions *o, Buf *out);

#endif
