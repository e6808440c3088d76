/*
 * iati_import.c - IATI activities into projects (see iati.h).
 *
 * Each activity iati_read() hands over is checked against the relevance
 * rule, mapped to a project (title and description in the activity's
 * language, implementing organisations resolved to ours, recipient
 * countries and regions to places, status, dates, pillar and gender
 * marker), and kept with what the project has no column for (the store's
 * iati_* tables): every title and description, every participating
 * organisation and role, percentages, sectors, policy markers, budgets,
 * transactions and results.  The budgets of the activity, summed in one
 * currency and converted at the recorded rate, are the project's budget.
 *
 * The project is found again by its IATI identifier, so importing a file
 * again updates the projects it made; a digest of everything an activity
 * maps to (the rate its budget was converted at included) leaves an
 * activity that did not change alone.  Every file of one import is read
 * inside one transaction: a file that is not well-formed fails the whole
 * import and leaves the database as it was.  doc/iati.md says what maps
 * to what.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../portfolio/money.h"
#include "../portfolio/resolve.h"
#include "../text/lang.h"
#include "iati.h"

/*
 * Part of every digest: bump it when the mapping changes, so that the
 * next import rewrites the projects mapped the old way.
 */
#define IATI_MAPPING_VERSION 1

typedef struct Importer {
	Store *s;
	const IatiImportOptions *opt;
	IatiReport *rep;
	IatiRule rule;
	Resolver res;
	StrMap country; /* ISO alpha-2 -> index into ckey */
	char **ckey;    /* ISO alpha-3 of each country */
	char **cname;   /* its English name */
	int64_t *cid;   /* its place id */
	size_t ncountry, ccap;
	StrMap place_id; /* place key -> id (0: none), looked up once */
	StrMap minor;    /* currency -> digits of its minor unit (-1: none) */
	StrMap seen;     /* identifiers met in this import */
	const char *file;
	int fresh; /* no project existed when the import began */
} Importer;

static void
note(Importer *im, size_t line, const char *kind, const char *message)
{
	import_report_note(&im->rep->base, im->file, line, kind, message);
}

/* --- reference data, loaded once ----------------------------------------- */

static int
country_add(void *ctx, const RefItem *r)
{
	Importer *im = ctx;

	if (r->iso2 == NULL || r->iso3 == NULL)
		return 0;
	mem_grow(
	    (void **)&im->ckey, &im->ccap, im->ncountry + 1, sizeof(char *));
	im->cname = xrealloc(im->cname, im->ccap * sizeof(char *));
	im->cid = xrealloc(im->cid, im->ccap * sizeof(int64_t));
	im->ckey[im->ncountry] = xstrdup(r->iso3);
	im->cname[im->ncountry] = xstrdup(r->name ? r->name : r->iso3);
	im->cid[im->ncountry] = 0;
	strmap_put(&im->country, r->iso2, (int64_t)im->ncountry++);
	return 0;
}

/* The id of the place with key (0: none), looked up once. */
static int64_t
place_id(Importer *im, const char *key)
{
	int64_t id;

	if (strmap_get(&im->place_id, key, &id))
		return id;
	id = store_place_id(im->s, key);
	strmap_put(&im->place_id, key, id);
	return id;
}

/* The digits of a currency's minor unit, -1 when it is not known. */
static int
currency_minor(Importer *im, const char *code)
{
	Buf err = BUF_INIT;
	int64_t v;
	int minor = -1;

	if (code == NULL)
		return -1;
	if (strmap_get(&im->minor, code, &v))
		return (int)v;
	if (store_currency(im->s, code, &minor, &err) != 1)
		minor = -1;
	buf_free(&err);
	strmap_put(&im->minor, code, minor);
	return minor;
}

static void
importer_free(Importer *im)
{
	iati_rule_free(&im->rule);
	resolver_free(&im->res);
	for (size_t i = 0; i < im->ncountry; i++) {
		free(im->ckey[i]);
		free(im->cname[i]);
	}
	free(im->ckey);
	free(im->cname);
	free(im->cid);
	strmap_free(&im->country);
	strmap_free(&im->place_id);
	strmap_free(&im->minor);
	strmap_free(&im->seen);
}

/* --- mapping ------------------------------------------------------------- */

/*
 * The text of t[0..n) in the activity's language, else English, else the
 * first; of a description type when type is not NULL ("1" general).
 */
static const IatiText *
text_pick(const IatiActivity *a, const IatiText *t, size_t n, const char *type)
{
	const IatiText *first = NULL, *en = NULL;

	for (size_t i = 0; i < n; i++) {
		if (type && t[i].type && strcmp(t[i].type, type) != 0)
			continue;
		if (a->lang && strcmp(t[i].lang, a->lang) == 0)
			return &t[i];
		if (en == NULL && strcmp(t[i].lang, "en") == 0)
			en = &t[i];
		if (first == NULL)
			first = &t[i];
	}
	return en ? en : first;
}

/* The date of a's type t (1..4), NULL when none. */
static const IatiDate *
date_of(const IatiActivity *a, int t)
{
	for (size_t i = 0; i < a->ndates; i++)
		if (a->dates[i].type == t)
			return &a->dates[i];
	return NULL;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void
issue_add(Project *p, const char *kind, const char *message)
{
	ProjectIssue *is;

	p->issues = xrealloc(p->issues, (p->nissues + 1) * sizeof(*is));
	is = &p->issues[p->nissues++];
	is->kind = xstrdup(kind);
	is->message = xstrdup(message);
}

/* The implementing organisations (role 4), lead first, each once. */
static void
map_orgs(Importer *im, const IatiActivity *a, Project *p)
{
	for (size_t i = 0; i < a->norgs; i++) {
		const IatiOrg *o = &a->orgs[i];
		Resolved r = { 0, NULL, NULL };
		const char *name = o->name ? o->name : o->ref;
		int dup = 0;

		if (o->role == NULL || strcmp(o->role, "4") != 0 ||
		    name == NULL)
			continue;
		if (!(o->ref && resolver_org(&im->res, o->ref, &r)) &&
		    !(o->name && resolver_org(&im->res, o->name, &r)))
			r.id = 0;
		for (size_t k = 0; k < p->norgs && !dup; k++)
			dup = r.id ? p->orgs[k].org_id == r.id
				   : strcmp(p->orgs[k].name, name) == 0;
		if (dup)
			continue;
		p->orgs = xrealloc(p->orgs, (p->norgs + 1) * sizeof(*p->orgs));
		p->orgs[p->norgs].name = xstrdup(name);
		p->orgs[p->norgs].key = r.id ? xstrdup(r.key) : NULL;
		p->orgs[p->norgs].org_id = r.id;
		p->norgs++;
	}
}

static void
place_push(
    Project *p, const char *name, const char *key, const char *kind, int64_t id)
{
	ProjectPlace *pl;

	for (size_t k = 0; id && k < p->nplaces; k++)
		if (p->places[k].place_id == id)
			return;
	p->places = xrealloc(p->places, (p->nplaces + 1) * sizeof(*pl));
	pl = &p->places[p->nplaces++];
	memset(pl, 0, sizeof(*pl));
	pl->name = xstrdup(name);
	pl->key = dup_or_null(key);
	pl->kind = dup_or_null(kind);
	pl->place_id = id;
}

/* A recipient region: an M49 region (vocabulary 2, or a DAC region
 * that is one), a grouping of ours (99), else its name, unresolved. */
static void
map_region(Importer *im, const IatiActivity *a, const IatiPlace *x, Project *p,
    int *scopes)
{
	const char *m49 = NULL, *name;
	char pad[8];
	Buf msg = BUF_INIT;
	int64_t id = 0;

	if (strcmp(x->vocabulary, "2") == 0 && strlen(x->code) <= 3) {
		snprintf(pad, sizeof(pad), "%03d", atoi(x->code));
		m49 = pad;
	} else if (strcmp(x->vocabulary, "1") == 0) {
		m49 = iati_dac_region_m49(x->code);
	} else if (strcmp(x->vocabulary, "99") == 0 && x->vocabulary_uri &&
	    strcmp(x->vocabulary_uri, IATI_GROUPING_URI) == 0) {
		m49 = x->code;
	}
	if (m49 != NULL)
		id = place_id(im, m49);
	*scopes |=
	    m49 && strcmp(m49, "001") == 0 ? SCOPE_GLOBAL : SCOPE_REGIONAL;
	name = x->name ? x->name
	    : strcmp(x->vocabulary, "1") == 0 &&
		iati_code_name("Region", x->code)
	    ? iati_code_name("Region", x->code)
	    : x->code;
	if (id == 0) {
		buf_printf(&msg,
		    "recipient-region \"%s\" (vocabulary %s) is no place of "
		    "ours: kept as written",
		    x->code, x->vocabulary);
		issue_add(p, "iati-unknown-place", buf_str(&msg));
		note(im, a->line, "iati-unknown-place", buf_str(&msg));
		buf_free(&msg);
	}
	place_push(p, name, id ? m49 : NULL, NULL, id);
}

/* The places as ctmatrix's own element lists them, in their order. */
static void
map_ext_places(Importer *im, const IatiActivity *a, Project *p)
{
	for (size_t i = 0; i < a->next_places; i++) {
		const struct IatiExtPlace *x = &a->ext_places[i];
		Resolved r;
		int64_t id = x->key ? place_id(im, x->key) : 0;

		place_push(p, x->name, id ? x->key : NULL, NULL, id);
		if (x->org && resolver_org(&im->res, x->name, &r))
			p->places[p->nplaces - 1].org_id = r.id;
	}
}

static void
map_places(Importer *im, const IatiActivity *a, Project *p, int *scopes)
{
	Buf msg = BUF_INIT;
	int64_t at;

	for (size_t i = 0; i < a->nplaces; i++) {
		const IatiPlace *x = &a->places[i];

		if (x->region) {
			map_region(im, a, x, p, scopes);
			continue;
		}
		*scopes |= SCOPE_NATIONAL;
		if (!strmap_get(&im->country, x->code, &at)) {
			buf_reset(&msg);
			buf_printf(&msg,
			    "recipient-country \"%s\" is not an ISO 3166 "
			    "alpha-2 code: kept as written",
			    x->code);
			issue_add(p, "iati-unknown-place", buf_str(&msg));
			note(im, a->line, "iati-unknown-place", buf_str(&msg));
			place_push(
			    p, x->name ? x->name : x->code, NULL, NULL, 0);
			continue;
		}
		if (im->cid[at] == 0)
			im->cid[at] = place_id(im, im->ckey[at]);
		place_push(p, x->name ? x->name : im->cname[at], im->ckey[at],
		    "country", im->cid[at]);
	}
	buf_free(&msg);
}

static int
scope_bits(const char *code)
{
	int c = code ? atoi(code) : 0;

	return c == 1          ? SCOPE_GLOBAL
	    : c == 2 || c == 3 ? SCOPE_REGIONAL
	    : c >= 4 && c <= 8 ? SCOPE_NATIONAL
			       : 0;
}

/* The pillar carried as a sector of ours (vocabulary 99). */
static const char *
pillar_of(const IatiActivity *a)
{
	for (size_t i = 0; i < a->nsectors; i++) {
		const IatiSector *x = &a->sectors[i];

		if (strcmp(x->vocabulary, "99") == 0 && x->vocabulary_uri &&
		    strcmp(x->vocabulary_uri, IATI_PILLAR_URI) == 0)
			return x->code;
	}
	return NULL;
}

/* The gender marker: ours (99) exactly, else the DAC's (1, code 1). */
static int
gender_of(const IatiActivity *a)
{
	int dac = -1;

	for (size_t i = 0; i < a->nmarkers; i++) {
		const IatiMarker *m = &a->markers[i];

		if (m->code == NULL || m->significance == NULL)
			continue;
		if (strcmp(m->vocabulary, "99") == 0 && m->vocabulary_uri &&
		    strcmp(m->vocabulary_uri, IATI_GEM_URI) == 0 &&
		    m->significance[0] >= '0' && m->significance[0] <= '3' &&
		    m->significance[1] == '\0')
			return m->significance[0] - '0';
		if (strcmp(m->vocabulary, "1") == 0 &&
		    strcmp(m->code, "1") == 0)
			dac = iati_gender_from_dac(m->significance);
	}
	return dac;
}

/*
 * A project date: ours at its precision when the activity carries it,
 * else the actual date of the pair, else the planned one.
 */
static char *
date_pick(const IatiActivity *a, const char *ext, int actual, int planned)
{
	const IatiDate *d = date_of(a, actual);

	if (a->has_ext)
		return ext ? xstrdup(ext) : NULL;
	if (d == NULL)
		d = date_of(a, planned);
	return d ? xstrdup(d->date) : NULL;
}

static void
map_status(Importer *im, const IatiActivity *a, Project *p)
{
	const char *status, *text;
	Buf msg = BUF_INIT;

	if (iati_status_map(a->status, &status, &text)) {
		p->status = dup_or_null(status);
		p->status_text = dup_or_null(text);
	} else if (a->status != NULL) {
		buf_printf(&msg,
		    "activity-status \"%s\" is not in the codelist: kept as "
		    "written",
		    a->status);
		issue_add(p, "iati-unknown-code", buf_str(&msg));
		note(im, a->line, "iati-unknown-code", buf_str(&msg));
		p->status_text = xstrdup(a->status);
	}
	if (a->has_ext && a->ext_status_text) {
		free(p->status_text);
		p->status_text = xstrdup(a->ext_status_text);
	}
	buf_free(&msg);
}

static void
map_project(Importer *im, const IatiActivity *a, Project *p)
{
	const IatiText *t = text_pick(a, a->titles, a->ntitles, NULL);
	const IatiText *d =
	    text_pick(a, a->descriptions, a->ndescriptions, "1");
	Buf key = BUF_INIT;
	int scopes = 0;

	buf_printf(&key, "iati:%s", a->identifier);
	p->source_key = buf_detach(&key);
	if (t == NULL) {
		note(im, a->line, "iati-missing",
		    "no title: the identifier stands for it");
		issue_add(p, "iati-missing",
		    "no title: the identifier stands for it");
	}
	p->title = xstrdup(t ? t->text : a->identifier);
	if (d == NULL)
		d = text_pick(a, a->descriptions, a->ndescriptions, NULL);
	p->activities = xstrdup(d ? d->text : "");
	p->start_date = date_pick(a, a->ext_start, 2, 1);
	p->end_date = date_pick(a, a->ext_end, 4, 3);
	map_status(im, a, p);
	map_orgs(im, a, p);
	if (a->has_ext) {
		map_ext_places(im, a, p);
		p->scope_text = dup_or_null(a->ext_scope_text);
		p->as_of = dup_or_null(a->ext_as_of);
	} else {
		map_places(im, a, p, &scopes);
	}
	p->scopes = a->has_ext ? a->ext_scopes : scopes | scope_bits(a->scope);
	p->pillar = dup_or_null(
	    a->has_ext && a->ext_pillar ? a->ext_pillar : pillar_of(a));
	if (!a->has_ext && (p->start_date || p->end_date)) {
		Buf period = BUF_INIT;

		/* As the matrix writes a period: "2012-04-28–2015-12-31". */
		buf_printf(&period, "%s\u2013%s",
		    p->start_date ? p->start_date : "",
		    p->end_date ? p->end_date : "");
		p->period_text = buf_detach(&period);
	}
	if (a->has_ext) {
		p->period_text = dup_or_null(a->ext_period);
		p->open_ended = a->ext_open_ended;
		p->annual = a->ext_annual;
		p->has_serial = a->ext_has_serial;
		p->serial = a->ext_serial;
	}
	p->source_file = xstrdup(im->file);
	p->source_line = (int64_t)a->line;
	for (size_t i = 0; i < a->nnotes; i++) {
		issue_add(p, a->notes[i].kind, a->notes[i].message);
		note(im, a->notes[i].line, a->notes[i].kind,
		    a->notes[i].message);
	}
}

/* --- what the project has no column for: detail JSON -------------------- */

static void
set_text(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

static json_t *
texts_json(const IatiText *t, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		set_text(o, "lang", t[i].lang);
		set_text(o, "text", t[i].text);
		set_text(o, "type", t[i].type);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *
detail_json(const IatiActivity *a)
{
	json_t *d = json_object(), *arr;

	set_text(d, "lang", a->lang);
	set_text(d, "currency", a->currency);
	set_text(d, "scope", a->scope);
	json_object_set_new(d, "titles", texts_json(a->titles, a->ntitles));
	json_object_set_new(
	    d, "descriptions", texts_json(a->descriptions, a->ndescriptions));
	arr = json_array();
	for (size_t i = 0; i < a->norgs; i++) {
		json_t *o = json_object();

		set_text(o, "role", a->orgs[i].role);
		set_text(o, "ref", a->orgs[i].ref);
		set_text(o, "type", a->orgs[i].type);
		set_text(o, "name", a->orgs[i].name);
		json_array_append_new(arr, o);
	}
	json_object_set_new(d, "orgs", arr);
	arr = json_array();
	for (size_t i = 0; i < a->nplaces; i++) {
		const IatiPlace *x = &a->places[i];
		json_t *o = json_object();

		set_text(o, "kind", x->region ? "region" : "country");
		set_text(o, "code", x->code);
		set_text(o, "vocabulary", x->vocabulary);
		set_text(o, "vocabulary_uri", x->vocabulary_uri);
		set_text(o, "percentage", x->percentage);
		set_text(o, "name", x->name);
		json_array_append_new(arr, o);
	}
	json_object_set_new(d, "places", arr);
	arr = json_array();
	for (size_t i = 0; i < a->nmarkers; i++) {
		const IatiMarker *m = &a->markers[i];
		json_t *o = json_object();

		set_text(o, "vocabulary", m->vocabulary);
		set_text(o, "vocabulary_uri", m->vocabulary_uri);
		set_text(o, "code", m->code);
		set_text(o, "significance", m->significance);
		json_array_append_new(arr, o);
	}
	json_object_set_new(d, "markers", arr);
	arr = json_array();
	for (size_t i = 0; i < a->ndates; i++) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_integer(a->dates[i].type));
		set_text(o, "date", a->dates[i].date);
		set_text(o, "text", a->dates[i].text);
		json_array_append_new(arr, o);
	}
	json_object_set_new(d, "dates", arr);
	arr = json_array();
	for (size_t i = 0; i < a->nresults; i++) {
		const IatiResult *r = &a->results[i];
		json_t *o = json_object();

		set_text(o, "type", r->type);
		set_text(o, "title", r->title);
		set_text(o, "description", r->description);
		json_object_set_new(
		    o, "indicators", json_integer(r->indicators));
		json_array_append_new(arr, o);
	}
	json_object_set_new(d, "results", arr);
	return d;
}

/* --- budget -------------------------------------------------------------- */

/*
 * The amounts of a's budgets and transactions in minor units of their
 * currencies; then the project's budget: the revised budgets (type 2) if
 * there are any, else the original ones, summed when they share one
 * currency, converted at the rate of the latest period's start.  1 with
 * b filled, 0 when there is none (a note says why when there were
 * budgets).
 */
static int
map_budget(Importer *im, IatiActivity *a, Project *p, Budget *b)
{
	const char *type = "1", *cur = NULL, *as_of = NULL;
	Buf msg = BUF_INIT, err = BUF_INIT, total = BUF_INIT;
	int64_t sum = 0;
	int minor = -1, n = 0, rc = 0;

	for (size_t i = 0; i < a->nmoney; i++) {
		IatiMoney *m = &a->money[i];
		int mi = currency_minor(im, m->currency);

		m->has_amount =
		    mi >= 0 && iati_decimal(m->value, mi, &m->amount) >= 0;
		if (m->kind == 'b' && m->type && strcmp(m->type, "2") == 0)
			type = "2";
	}
	for (size_t i = 0; i < a->nmoney; i++) {
		const IatiMoney *m = &a->money[i];

		if (m->kind != 'b' ||
		    strcmp(m->type ? m->type : "1", type) != 0)
			continue;
		if (!m->has_amount || (cur && strcmp(cur, m->currency) != 0)) {
			buf_printf(&msg,
			    !m->has_amount
				? "budget \"%s\" %s: no sum in a currency "
				  "we know: no budget kept"
				: "budget \"%s\" %s is in another currency "
				  "than the others: no budget kept",
			    m->value, m->currency ? m->currency : "");
			goto out;
		}
		cur = m->currency;
		minor = currency_minor(im, cur);
		sum += m->amount;
		if (m->start && strlen(m->start) == 10 &&
		    (as_of == NULL || strcmp(m->start, as_of) > 0))
			as_of = m->start;
		n++;
	}
	if (n == 0)
		goto out;
	/* A revision may take some back; the whole must be something. */
	if (sum < 0) {
		buf_puts(&msg,
		    "the budgets add up to less than nothing: no "
		    "budget kept");
		goto out;
	}
	if (as_of == NULL) {
		buf_puts(&msg,
		    "budget without a period-start day: no budget "
		    "kept");
		goto out;
	}
	money_decimal(sum, minor, &total);
	memset(b, 0, sizeof(*b));
	if (money_make(im->s, buf_str(&total), cur, as_of, &b->m, &err) != 0) {
		buf_printf(&msg, "budget %s %s: %s: no budget kept",
		    buf_str(&total), cur, buf_str(&err));
		goto out;
	}
	snprintf(b->as_of, sizeof(b->as_of), "%s", as_of);
	rc = 1;
out:
	if (msg.len > 0) {
		note(im, a->line, "iati-budget", buf_str(&msg));
		issue_add(p, "iati-budget", buf_str(&msg));
	}
	buf_free(&msg);
	buf_free(&err);
	buf_free(&total);
	return rc;
}

/* --- the digest ----------------------------------------------------------- */

static uint64_t
fnv(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	h ^= s ? 0xff : 0xfe;
	h *= 1099511628211ULL;
	return h;
}

/* Everything an activity maps to, as one number, in hex in out. */
static void
digest(const Project *p, const IatiRecord *r, const Budget *b, int has_budget,
    int gender, Buf *out)
{
	uint64_t h = 14695981039346656037ULL;
	char num[64];

	snprintf(num, sizeof(num), "%d %d %d %d %lld %d", IATI_MAPPING_VERSION,
	    p->scopes, p->open_ended, p->annual,
	    (long long)(p->has_serial ? p->serial : -1), gender);
	h = fnv(h, num);
	h = fnv(h, p->title);
	h = fnv(h, p->activities);
	h = fnv(h, p->pillar);
	h = fnv(h, p->period_text);
	h = fnv(h, p->start_date);
	h = fnv(h, p->end_date);
	h = fnv(h, p->status);
	h = fnv(h, p->status_text);
	h = fnv(h, p->source_file);
	h = fnv(fnv(h, p->scope_text), p->as_of);
	for (size_t i = 0; i < p->norgs; i++) {
		snprintf(
		    num, sizeof(num), "%lld", (long long)p->orgs[i].org_id);
		h = fnv(fnv(h, num), p->orgs[i].name);
	}
	for (size_t i = 0; i < p->nplaces; i++) {
		snprintf(
		    num, sizeof(num), "%lld", (long long)p->places[i].place_id);
		h = fnv(fnv(h, num), p->places[i].name);
	}
	for (size_t i = 0; i < p->nissues; i++)
		h = fnv(h, p->issues[i].message);
	h = fnv(h, r->detail);
	h = fnv(h, r->version);
	h = fnv(h, r->status_code);
	h = fnv(h, r->reporting_ref);
	h = fnv(h, r->reporting_name);
	h = fnv(h, r->reporting_type);
	for (size_t i = 0; i < r->nsectors; i++) {
		const IatiSector *x = &r->sectors[i];

		h = fnv(fnv(fnv(h, x->vocabulary), x->code), x->percentage);
		h = fnv(fnv(h, x->vocabulary_uri), x->name);
	}
	for (size_t i = 0; i < r->nmoney; i++) {
		const IatiMoney *m = &r->money[i];

		snprintf(num, sizeof(num), "%c %lld %d", m->kind,
		    (long long)m->amount, m->has_amount);
		h = fnv(fnv(fnv(h, num), m->type), m->status);
		h = fnv(fnv(fnv(h, m->start), m->end), m->value);
		h = fnv(fnv(h, m->currency), m->value_date);
		h = fnv(fnv(fnv(h, m->description), m->provider), m->receiver);
	}
	if (has_budget) {
		snprintf(num, sizeof(num), "%lld %s %lld %lld %s %s",
		    (long long)b->m.amount, b->m.currency, (long long)b->m.usd,
		    (long long)b->m.usd_e9, b->m.rate_date, b->as_of);
		h = fnv(h, num);
	}
	buf_printf(out, "%016llx", (unsigned long long)h);
}

/* --- writing -------------------------------------------------------------- */

static int
write_activity(Importer *im, Project *p, IatiRecord *r, const Budget *b,
    int has_budget, int gender, Buf *err)
{
	Store *s = im->s;

	if (store_project_save(s, p, err) != 0)
		return -1;
	r->project_id = p->id;
	if (store_iati_save(s, r, err) != 0)
		return -1;
	if (has_budget) {
		Budget bb = *b;

		bb.project_id = p->id;
		if (store_budget_put(s, &bb, err) != 0)
			return -1;
	} else if (!im->fresh && store_budget_delete(s, p->id, err) < 0) {
		return -1;
	}
	if ((gender >= 0 || !im->fresh) &&
	    store_gender_set(s, p->id, gender, 0, err) < 0)
		return -1;
	return 0;
}

/* Refused or repeated: noted with the file, not kept. */
static int
activity_refuse(Importer *im, const IatiActivity *a, const char *kind,
    const char *message, Buf *err)
{
	note(im, a->line, kind, message);
	if (!im->opt->dry_run &&
	    store_source_note_add(
		im->s, im->file, (int64_t)a->line, kind, message, err) != 0)
		return -1;
	return 0;
}

static int
activity_take(void *ctx, IatiActivity *a, Buf *err)
{
	Importer *im = ctx;
	Project p;
	IatiRecord r;
	Budget b;
	Buf why = BUF_INIT, dig = BUF_INIT, old = BUF_INIT;
	json_t *detail;
	int has_budget, gender, rc = -1;
	int64_t id, v;

	im->rep->base.rows++;
	if (a->identifier == NULL) {
		im->rep->base.refused++;
		return activity_refuse(im, a, "iati-no-identifier",
		    "activity without an iati-identifier: not imported", err);
	}
	if (strmap_get(&im->seen, a->identifier, &v)) {
		Buf m = BUF_INIT;

		im->rep->base.repeated++;
		buf_printf(&m,
		    "iati-identifier \"%s\" met before in this import: "
		    "the first is kept",
		    a->identifier);
		rc = activity_refuse(im, a, "iati-repeated", buf_str(&m), err);
		buf_free(&m);
		buf_free(&why);
		return rc;
	}
	strmap_put(&im->seen, a->identifier, 1);
	if (!im->opt->all && !iati_rule_match(&im->rule, a, &why)) {
		im->rep->skipped++;
		buf_free(&why);
		return 0;
	}
	memset(&p, 0, sizeof(p));
	memset(&r, 0, sizeof(r));
	map_project(im, a, &p);
	has_budget = map_budget(im, a, &p, &b);
	gender = gender_of(a);
	detail = detail_json(a);
	r.detail = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(detail);
	r.identifier = a->identifier;
	r.version = a->version;
	r.status_code = a->status;
	r.reporting_ref = a->reporting_ref;
	r.reporting_name = a->reporting_name;
	r.reporting_type = a->reporting_type;
	r.source_file = xstrdup(im->file);
	r.source_line = (int64_t)a->line;
	r.sectors = a->sectors;
	r.nsectors = a->nsectors;
	r.money = a->money;
	r.nmoney = a->nmoney;
	digest(&p, &r, &b, has_budget, gender, &dig);
	p.source_digest = xstrdup(buf_str(&dig));
	id = im->fresh ? 0 : store_iati_find(im->s, a->identifier, err);
	if (id < 0)
		goto out;
	if (id > 0 &&
	    store_project_by_source(im->s, p.source_key, &old, err) < 0)
		goto out;
	if (id > 0 && strcmp(buf_str(&old), buf_str(&dig)) == 0) {
		im->rep->base.unchanged++;
		rc = 0;
		goto out;
	}
	if (id > 0)
		im->rep->base.updated++;
	else
		im->rep->base.added++;
	im->rep->budgets += has_budget;
	p.id = id;
	rc = im->opt->dry_run
	    ? 0
	    : write_activity(im, &p, &r, &b, has_budget, gender, err);
out:
	free(r.detail);
	free(r.source_file);
	project_clear(&p);
	buf_free(&why);
	buf_free(&dig);
	buf_free(&old);
	return rc;
}

static int
importer_load(Importer *im, Buf *err)
{
	const char *rule = im->opt->rule;
	size_t n = im->opt->rule_len;

	if (rule == NULL)
		rule = iati_rule_default(&n);
	if (iati_rule_load(&im->rule, rule, n, err) != 0 ||
	    resolver_load(&im->res, im->s, err) != 0 ||
	    store_places(im->s, "country", NULL, country_add, im, err) != 0)
		return -1;
	return 0;
}

int
iati_import(Store *s, const char *const *files, int nfiles,
    const IatiImportOptions *opt, IatiReport *rep, Buf *err)
{
	Importer im;
	int rc = -1, began = 0;

	memset(&im, 0, sizeof(im));
	im.s = s;
	im.opt = opt;
	im.rep = rep;
	if (importer_load(&im, err) != 0)
		goto out;
	if (!opt->dry_run) {
		if (store_begin(s, err) != 0)
			goto out;
		began = 1;
		/* An empty store needs no looking up (and loads faster). */
		if ((im.fresh = store_bulk_begin(s, err)) < 0)
			goto out;
	}
	for (int i = 0; i < nfiles; i++) {
		im.file = files[i];
		if (!opt->dry_run &&
		    store_source_notes_clear(s, files[i], err) != 0)
			goto out;
		if (iati_read(files[i], NULL, 0, files[i], activity_take, &im,
			err) < 0)
			goto out;
	}
	if (began) {
		Buf summary = BUF_INIT;

		buf_printf(&summary,
		    "{\"files\": %d, \"added\": %ld, \"updated\": %ld}", nfiles,
		    rep->base.added, rep->base.updated);
		rc = rep->base.added + rep->base.updated == 0
		    ? 0
		    : store_audit_add(s, 0, opt->actor ? opt->actor : "cli",
			  "import", "iati", 0, NULL, buf_str(&summary), err);
		buf_free(&summary);
		if (rc != 0 || store_commit(s, err) != 0)
			goto out;
		began = 0;
	}
	rc = 0;
out:
	if (began)
		store_rollback(s);
	if (rc != 0 && err->len == 0)
		buf_puts(err, "the import failed");
	importer_free(&im);
	return rc;
}
