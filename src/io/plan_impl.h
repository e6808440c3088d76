/*
 * plan_impl.h - what stands behind each measure of an adopted plan.
 *
 * For every numbered measure of the adopted revision, in order: the
 * projects linked to it, the entities that lead or take part in them and
 * the countries they name; the sum of their budgets in US dollars (a
 * project behind two measures counts in full behind each); and the
 * measures that nothing stands behind.
 */
#ifndef CTM_IO_PLAN_IMPL_H
#define CTM_IO_PLAN_IMPL_H

#include "../plan/plan.h"
#include "../store/store.h"

typedef struct PlanImplMeasure {
	char *number; /* "11a" */
	char *text;   /* the measure's agreed text, one line */
	int64_t *project;
	char **title; /* of each project */
	size_t nproject;
	char **entity; /* distinct organisation keys, sorted */
	size_t nentity;
	char **country; /* distinct ISO alpha-3 codes, sorted */
	size_t ncountry;
	int64_t budget_usd; /* US cents: the budgets of its projects */
	size_t budgeted;    /* of its projects, those with a budget */
	int demo;           /* a demonstration budget is among them */
} PlanImplMeasure;

typedef struct PlanImpl {
	PlanImplMeasure *m;
	size_t n;
	size_t uncovered; /* measures with no project */
	size_t stale;     /* links to measures the revision lacks */
	int seq;          /* the adopted revision */
} PlanImpl;

/*
 * Fill im for plan key: 1, 0 when the plan is not adopted (or missing),
 * -1 with err.
 */
int plan_implementation(Store *s, const char *key, PlanImpl *im, Buf *err);
void plan_impl_free(PlanImpl *im);

#endif
