/*
 * annex_report.c - the annex matrix as data (annex_report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "annex_report.h"

typedef struct Load {
	AnnexReport *r;
	size_t cap; /* of the current table's rows */
} Load;

/* The table of pillar key, made (at the end, in the order met) if new. */
static AnnexTable *
table_of(AnnexReport *r, const char *key)
{
	AnnexTable *t;

	if (r->ntable > 0 && strcmp(r->table[r->ntable - 1].pillar, key) == 0)
		return &r->table[r->ntable - 1];
	r->table = xrealloc(r->table, (r->ntable + 1) * sizeof(*r->table));
	t = &r->table[r->ntable++];
	memset(t, 0, sizeof(*t));
	t->pillar = xstrdup(key);
	return t;
}

static int
project_row(void *ctx, const Project *p)
{
	Load *l = ctx;
	AnnexTable *t = table_of(l->r, p->pillar ? p->pillar : "");
	AnnexRow *row;
	Buf e = BUF_INIT;

	if (t->nrow == 0)
		l->cap = 0;
	mem_grow((void **)&t->row, &l->cap, t->nrow + 1, sizeof(*t->row));
	row = &t->row[t->nrow++];
	memset(row, 0, sizeof(*row));
	row->id = p->id;
	row->serial = p->has_serial ? p->serial : -1;
	row->title = xstrdup(p->title ? p->title : "");
	row->period = xstrdup(p->period_text ? p->period_text : "");
	row->entity = xcalloc(p->norgs + 1, sizeof(*row->entity));
	for (size_t i = 0; i < p->norgs; i++) {
		const char *name =
		    p->orgs[i].key ? p->orgs[i].key : p->orgs[i].name;

		buf_printf(&e, "%s%s", i ? ", " : "", name);
		row->entity[row->nentity++] = xstrdup(name);
	}
	row->entities = buf_detach(&e);
	row->status = xstrdup(p->status ? p->status : "");
	row->activities = xstrdup(p->activities ? p->activities : "");
	row->scope = xstrdup(p->scope_text ? p->scope_text : "");
	l->r->nproject++;
	return 0;
}

/* Names of the pillars in the report's language (English failing it). */
static int
pillar_name(void *ctx, const PillarName *n)
{
	AnnexReport *r = ctx;

	for (size_t i = 0; i < r->ntable; i++) {
		AnnexTable *t = &r->table[i];

		if (strcmp(t->pillar, n->key) != 0)
			continue;
		t->number = n->number;
		if (strcmp(n->lang, r->lang) != 0 &&
		    !(strcmp(n->lang, "en") == 0 && t->short_name == NULL))
			continue;
		free(t->short_name);
		free(t->full_name);
		t->short_name = xstrdup(n->short_name ? n->short_name : "");
		t->full_name = xstrdup(n->full_name ? n->full_name : "");
	}
	return 0;
}

int
annex_report_load(Store *s, const ProjectFilter *f, const char *lang,
    AnnexReport *r, Buf *err)
{
	ProjectFilter all;
	Load l;
	time_t now = time(NULL);
	struct tm tm;

	memset(r, 0, sizeof(*r));
	snprintf(r->lang, sizeof(r->lang), "%s", lang ? lang : "en");
	gmtime_r(&now, &tm);
	strftime(r->as_of, sizeof(r->as_of), "%Y-%m-%d", &tm);
	memset(&all, 0, sizeof(all));
	if (f != NULL)
		all = *f;
	all.sort = "pillar";
	all.limit = 0;
	all.offset = 0;
	l.r = r;
	l.cap = 0;
	if (store_project_list(s, &all, project_row, &l, NULL, err) != 0 ||
	    store_pillar_names(s, pillar_name, r, err) != 0) {
		annex_report_free(r);
		return -1;
	}
	for (size_t i = 0; i < r->ntable; i++) {
		AnnexTable *t = &r->table[i];

		if (t->short_name == NULL) {
			t->short_name = xstrdup("No pillar");
			t->full_name = xstrdup("Projects under no pillar");
		}
	}
	return 0;
}

void
annex_report_free(AnnexReport *r)
{
	for (size_t i = 0; i < r->ntable; i++) {
		AnnexTable *t = &r->table[i];

		for (size_t k = 0; k < t->nrow; k++) {
			AnnexRow *row = &t->row[k];

			free(row->title);
			free(row->period);
			free(row->entities);
			free(row->status);
			free(row->activities);
			free(row->scope);
			for (size_t e = 0; e < row->nentity; e++)
				free(row->entity[e]);
			free(row->entity);
		}
		free(t->row);
		free(t->pillar);
		free(t->short_name);
		free(t->full_name);
	}
	free(r->table);
	memset(r, 0, sizeof(*r));
}

const char *
annex_status_name(const char *lang, const char *status)
{
	if (status == NULL)
		return "";
	if (strcmp(status, "in_development") == 0)
		return tr(lang, "In development");
	if (strcmp(status, "ongoing") == 0)
		return tr(lang, "Ongoing");
	if (strcmp(status, "completed") == 0)
		return tr(lang, "Completed");
	return "";
}

const char *
annex_column(const char *lang, int i)
{
	static const char *const col[ANNEX_NCOL] = { N_("Serial"),
		N_("Project title, duration and entities"),
		N_("Status of implementation"), N_("Main activities"),
		N_("Geographical scope") };

	return i >= 0 && i < ANNEX_NCOL ? tr(lang, col[i]) : "";
}

const char *
annex_title(const AnnexReport *r)
{
	if (r->title != NULL)
		return r->title;
	return tr(r->lang,
	    "Matrix of United Nations counter-terrorism "
	    "projects and activities");
}

void
annex_heading(const char *lang, const AnnexTable *t, Buf *out)
{
	static const char *const pillar[4] = {
		N_("Pillar I of the United Nations Global Counter-Terrorism "
		   "Strategy"),
		N_("Pillar II of the United Nations Global Counter-Terrorism "
		   "Strategy"),
		N_("Pillar III of the United Nations Global "
		   "Counter-Terrorism Strategy"),
		N_("Pillar IV of the United Nations Global Counter-Terrorism "
		   "Strategy"),
	};

	if (t->number >= 1 && t->number <= 4)
		buf_puts(out, tr(lang, pillar[t->number - 1]));
	else
		buf_puts(out, t->short_name);
}

void
annex_count(const char *lang, size_t n, Buf *out)
{
	Buf num = BUF_INIT;

	lang_int(&num, lang, (int64_t)n);
	buf_printf(
	    out, trn(lang, "%s project", "%s projects", n), buf_str(&num));
	buf_free(&num);
}
