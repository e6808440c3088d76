/*
 * plan_impl.c - the projects behind the measures of an adopted plan
 * (plan_impl.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "plan_impl.h"

typedef struct Links {
	char **measure;
	int64_t *project;
	size_t n, cap, cap2;
} Links;

static int
link_cb(void *ctx, const char *measure, int64_t project_id)
{
	Links *l = ctx;

	mem_grow((void **)&l->measure, &l->cap, l->n + 1, sizeof(char *));
	mem_grow((void **)&l->project, &l->cap2, l->n + 1, sizeof(int64_t));
	l->measure[l->n] = xstrdup(measure);
	l->project[l->n] = project_id;
	l->n++;
	return 0;
}

/* Add s to the sorted set v[0 .. *n) unless it is there. */
static void
set_add(char ***v, size_t *n, const char *s)
{
	size_t i = 0;

	while (i < *n && strcmp((*v)[i], s) < 0)
		i++;
	if (i < *n && strcmp((*v)[i], s) == 0)
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof(char *));
	memmove(*v + i + 1, *v + i, (*n - i) * sizeof(char *));
	(*v)[i] = xstrdup(s);
	(*n)++;
}

/* Add the budget of project, if it has one, to m: 0 or -1. */
static int
budget_add(Store *s, PlanImplMeasure *m, int64_t project, Buf *err)
{
	Budget b;
	int got;

	memset(&b, 0, sizeof(b));
	if ((got = store_budget_get(s, project, &b, err)) <= 0)
		return got;
	m->budget_usd += b.m.usd;
	m->budgeted++;
	m->demo |= b.demo;
	return 0;
}

int
plan_implementation(Store *s, const char *key, PlanImpl *im, Buf *err)
{
	PlanInfo pi;
	PlanRevInfo ri;
	Buf body = BUF_INIT, t = BUF_INIT;
	Links l;
	Plan p;
	int got, rc = -1;
	size_t matched = 0;

	memset(im, 0, sizeof(*im));
	memset(&pi, 0, sizeof(pi));
	memset(&ri, 0, sizeof(ri));
	memset(&l, 0, sizeof(l));
	if ((got = store_plan_get(s, key, &pi, err)) <= 0 ||
	    pi.adopted_seq == 0) {
		plan_info_clear(&pi);
		return got < 0 ? -1 : 0;
	}
	if (store_plan_revision_get(
		s, pi.id, pi.adopted_seq, &ri, &body, err) <= 0 ||
	    store_plan_links(s, pi.id, link_cb, &l, err) != 0)
		goto out;
	im->seq = pi.adopted_seq;
	plan_read(&p, buf_str(&body), body.len,
	    ri.markdown ? PLAN_MARKDOWN : PLAN_TEXT, NULL, NULL);
	for (size_t b = 0; b < p.nblock; b++) {
		const PlanBlock *bl = &p.block[b];
		PlanImplMeasure *m;

		if (bl->kind != PLAN_MEASURE)
			continue;
		im->m = xrealloc(im->m, (im->n + 1) * sizeof(*im->m));
		m = &im->m[im->n++];
		memset(m, 0, sizeof(*m));
		m->number = xstrndup(p.text + bl->num, bl->numlen);
		buf_reset(&t);
		plan_render(&p, PLAN_AGREED, NULL, b, b + 1, &t);
		{
			Buf o = BUF_INIT;

			buf_append_spaced(&o, buf_str(&t), t.len);
			m->text = buf_detach(&o);
		}
		for (size_t k = 0; k < l.n; k++) {
			Project pr;

			if (strcmp(l.measure[k], m->number) != 0)
				continue;
			matched++;
			memset(&pr, 0, sizeof(pr));
			if ((got = store_project_get(
				 s, l.project[k], &pr, err)) < 0) {
				plan_free(&p);
				goto out;
			}
			m->project = xrealloc(
			    m->project, (m->nproject + 1) * sizeof(int64_t));
			m->title = xrealloc(
			    m->title, (m->nproject + 1) * sizeof(char *));
			m->project[m->nproject] = l.project[k];
			m->title[m->nproject++] =
			    xstrdup(pr.title ? pr.title : "");
			for (size_t o = 0; o < pr.norgs; o++)
				if (pr.orgs[o].key)
					set_add(&m->entity, &m->nentity,
					    pr.orgs[o].key);
			for (size_t o = 0; o < pr.nplaces; o++)
				if (pr.places[o].key && pr.places[o].kind &&
				    strcmp(pr.places[o].kind, "country") == 0)
					set_add(&m->country, &m->ncountry,
					    pr.places[o].key);
			project_clear(&pr);
			if (budget_add(s, m, l.project[k], err) != 0) {
				plan_free(&p);
				goto out;
			}
		}
		im->uncovered += m->nproject == 0;
	}
	im->stale = l.n - matched;
	plan_free(&p);
	rc = 1;
out:
	for (size_t k = 0; k < l.n; k++)
		free(l.measure[k]);
	free(l.measure);
	free(l.project);
	plan_info_clear(&pi);
	plan_rev_clear(&ri);
	buf_free(&body);
	buf_free(&t);
	return rc;
}

void
plan_impl_free(PlanImpl *im)
{
	for (size_t i = 0; i < im->n; i++) {
		PlanImplMeasure *m = &im->m[i];

		free(m->number);
		free(m->text);
		for (size_t k = 0; k < m->nproject; k++)
			free(m->title[k]);
		for (size_t k = 0; k < m->nentity; k++)
			free(m->entity[k]);
		for (size_t k = 0; k < m->ncountry; k++)
			free(m->country[k]);
		free(m->project);
		free(m->title);
		free(m->entity);
		free(m->country);
	}
	free(im->m);
	memset(im, 0, sizeof(*im));
}
