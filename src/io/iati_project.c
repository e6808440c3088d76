/*
 * iati_project.c - an IATI activity as a project (see iati_int.h).
 *
 * The title and description in the activity's language (else English,
 * else the first given), the implementing organisations (role 4) resolved
 * to ours, lead first, recipient countries (ISO alpha-2) and regions (UN
 * M49, the DAC regions that are M49 ones, our groupings) resolved to
 * places, the status, the dates (actual before planned), the pillar (a
 * sector of vocabulary 99 of ours), the gender marker, and what the
 * project has no column for as JSON; the budgets summed.  When the
 * activity carries ctmatrix's own element (an export of ours), the
 * project's fields come from it exactly.  Reference data only: no store.
 * doc/iati.md says what maps to what and why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "iati_int.h"

/* --- reference data, loaded once ----------------------------------------- */

typedef struct RefLoad {
	IatiRef *ref;
	Store *s;
} RefLoad;

static int
country_add(void *ctx, const RefItem *r)
{
	IatiRef *ref = ((RefLoad *)ctx)->ref;

	if (r->iso2 == NULL || r->iso3 == NULL)
		return 0;
	mem_grow(
	    (void **)&ref->ckey, &ref->ccap, ref->ncountry + 1, sizeof(char *));
	ref->cname = xrealloc(ref->cname, ref->ccap * sizeof(char *));
	ref->cid = xrealloc(ref->cid, ref->ccap * sizeof(int64_t));
	ref->ckey[ref->ncountry] = xstrdup(r->iso3);
	ref->cname[ref->ncountry] = xstrdup(r->name ? r->name : r->iso3);
	ref->cid[ref->ncountry] = 0; /* after the walk: no nested query */
	strmap_put(&ref->country, r->iso2, (int64_t)ref->ncountry++);
	return 0;
}

static int
place_add(void *ctx, const RefItem *r)
{
	RefLoad *l = ctx;

	if (r->key != NULL)
		strmap_put(&l->ref->place_id, r->key, 0);
	return 0;
}

static int
currency_add(void *ctx, const char *code, int minor, const char *name)
{
	(void)name;
	strmap_put(&((IatiRef *)ctx)->minor, code, minor);
	return 0;
}

int
iati_ref_load(IatiRef *ref, Store *s, Buf *err)
{
	RefLoad l = { ref, s };

	memset(ref, 0, sizeof(*ref));
	if (resolver_load(&ref->res, s, err) != 0 ||
	    store_places(s, "country", NULL, country_add, &l, err) != 0 ||
	    store_places(s, NULL, NULL, place_add, &l, err) != 0 ||
	    store_currencies(s, currency_add, ref, err) != 0)
		return -1;
	/* The ids, once the walks are over (a store walk takes no query). */
	for (size_t i = 0; i < ref->ncountry; i++)
		ref->cid[i] = store_place_id(s, ref->ckey[i]);
	for (size_t i = 0; i < ref->place_id.cap; i++) {
		StrMapSlot *slot = &ref->place_id.slot[i];

		if (slot->key != NULL)
			slot->value = store_place_id(s, slot->key);
	}
	return 0;
}

void
iati_ref_free(IatiRef *ref)
{
	resolver_free(&ref->res);
	for (size_t i = 0; i < ref->ncountry; i++) {
		free(ref->ckey[i]);
		free(ref->cname[i]);
	}
	free(ref->ckey);
	free(ref->cname);
	free(ref->cid);
	strmap_free(&ref->country);
	strmap_free(&ref->place_id);
	strmap_free(&ref->minor);
	memset(ref, 0, sizeof(*ref));
}

/* The id of the place with key, 0 when there is none. */
static int64_t
ref_place_id(const IatiRef *ref, const char *key)
{
	int64_t id;

	return strmap_get(&ref->place_id, key, &id) ? id : 0;
}

/* The digits of a currency's minor unit, -1 when it is not known. */
static int
ref_minor(const IatiRef *ref, const char *code)
{
	int64_t v;

	return code && strmap_get(&ref->minor, code, &v) ? (int)v : -1;
}

static void
note(IatiMapped *m, size_t line, const char *kind, const char *message)
{
	import_report_note(&m->notes, m->file, line, kind, message);
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

/* The implementing organisations (role 4), lead first, each once. */
static void
map_orgs(IatiMapped *m, const IatiActivity *a, Project *p)
{
	for (size_t i = 0; i < a->norgs; i++) {
		const IatiOrg *o = &a->orgs[i];
		Resolved r = { 0, NULL, NULL };
		const char *name = o->name ? o->name : o->ref;
		int dup = 0;

		if (o->role == NULL || strcmp(o->role, "4") != 0 ||
		    name == NULL)
			continue;
		if (!(o->ref && resolver_org(&m->ref->res, o->ref, &r)) &&
		    !(o->name && resolver_org(&m->ref->res, o->name, &r)))
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
map_region(IatiMapped *m, const IatiActivity *a, const IatiPlace *x, Project *p,
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
		id = ref_place_id(m->ref, m49);
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
		import_issue_add(p, "iati-unknown-place", buf_str(&msg));
		note(m, a->line, "iati-unknown-place", buf_str(&msg));
		buf_free(&msg);
	}
	place_push(p, name, id ? m49 : NULL, NULL, id);
}

/* The places as ctmatrix's own element lists them, in their order. */
static void
map_ext_places(IatiMapped *m, const IatiActivity *a, Project *p)
{
	for (size_t i = 0; i < a->next_places; i++) {
		const struct IatiExtPlace *x = &a->ext_places[i];
		Resolved r;
		int64_t id = x->key ? ref_place_id(m->ref, x->key) : 0;

		place_push(p, x->name, id ? x->key : NULL, NULL, id);
		if (x->org && resolver_org(&m->ref->res, x->name, &r))
			p->places[p->nplaces - 1].org_id = r.id;
	}
}

static void
map_places(IatiMapped *m, const IatiActivity *a, Project *p, int *scopes)
{
	Buf msg = BUF_INIT;
	int64_t at;

	for (size_t i = 0; i < a->nplaces; i++) {
		const IatiPlace *x = &a->places[i];

		if (x->region) {
			map_region(m, a, x, p, scopes);
			continue;
		}
		*scopes |= SCOPE_NATIONAL;
		if (!strmap_get(&m->ref->country, x->code, &at)) {
			buf_reset(&msg);
			buf_printf(&msg,
			    "recipient-country \"%s\" is not an ISO 3166 "
			    "alpha-2 code: kept as written",
			    x->code);
			import_issue_add(
			    p, "iati-unknown-place", buf_str(&msg));
			note(m, a->line, "iati-unknown-place", buf_str(&msg));
			place_push(
			    p, x->name ? x->name : x->code, NULL, NULL, 0);
			continue;
		}
		place_push(p, x->name ? x->name : m->ref->cname[at],
		    m->ref->ckey[at], "country", m->ref->cid[at]);
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
map_status(IatiMapped *m, const IatiActivity *a, Project *p)
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
		import_issue_add(p, "iati-unknown-code", buf_str(&msg));
		note(m, a->line, "iati-unknown-code", buf_str(&msg));
		p->status_text = xstrdup(a->status);
	}
	if (a->has_ext && a->ext_status_text) {
		free(p->status_text);
		p->status_text = xstrdup(a->ext_status_text);
	}
	/* The schema wants a code: ours says when it stood for none. */
	if (a->has_ext && a->ext_no_status) {
		free(p->status);
		p->status = NULL;
	}
	buf_free(&msg);
}

static void
map_project(IatiMapped *m, const IatiActivity *a, Project *p)
{
	const IatiText *t = text_pick(a, a->titles, a->ntitles, NULL);
	const IatiText *d =
	    text_pick(a, a->descriptions, a->ndescriptions, "1");
	Buf key = BUF_INIT;
	int scopes = 0;

	buf_printf(&key, "iati:%s", a->identifier);
	p->source_key = buf_detach(&key);
	if (t == NULL) {
		note(m, a->line, "iati-missing",
		    "no title: the identifier stands for it");
		import_issue_add(p, "iati-missing",
		    "no title: the identifier stands for it");
	}
	p->title = xstrdup(t ? t->text : a->identifier);
	if (d == NULL)
		d = text_pick(a, a->descriptions, a->ndescriptions, NULL);
	p->activities = xstrdup(d ? d->text : "");
	p->start_date = date_pick(a, a->ext_start, 2, 1);
	p->end_date = date_pick(a, a->ext_end, 4, 3);
	map_status(m, a, p);
	map_orgs(m, a, p);
	if (a->has_ext) {
		map_ext_places(m, a, p);
		p->scope_text = dup_or_null(a->ext_scope_text);
		p->as_of = dup_or_null(a->ext_as_of);
	} else {
		map_places(m, a, p, &scopes);
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
	p->source_file = xstrdup(m->key ? m->key : m->file);
	p->source_line = (int64_t)a->line;
	for (size_t i = 0; i < a->nnotes; i++) {
		import_issue_add(p, a->notes[i].kind, a->notes[i].message);
		note(
		    m, a->notes[i].line, a->notes[i].kind, a->notes[i].message);
	}
}

/* --- what the project has no column for: detail JSON -------------------
 * Written directly, not through jansson: a third of the reading time went
 * to building and dumping the objects.  iati_export.c reads it back.
 */

static void
texts_json(Buf *b, const char *name, const IatiText *t, size_t n)
{
	buf_printf(b, ",\"%s\":[", name);
	for (size_t i = 0; i < n; i++) {
		int first = 1;

		buf_puts(b, i ? ",{" : "{");
		buf_json_member(b, &first, "lang", t[i].lang);
		buf_json_member(b, &first, "text", t[i].text);
		buf_json_member(b, &first, "type", t[i].type);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
detail_json(const IatiActivity *a, Buf *b)
{
	int first = 1;

	buf_putc(b, '{');
	buf_json_member(b, &first, "lang", a->lang);
	buf_json_member(b, &first, "currency", a->currency);
	buf_json_member(b, &first, "scope", a->scope);
	if (first)
		buf_puts(b, "\"v\":1");
	texts_json(b, "titles", a->titles, a->ntitles);
	texts_json(b, "descriptions", a->descriptions, a->ndescriptions);
	buf_puts(b, ",\"orgs\":[");
	for (size_t i = 0; i < a->norgs; i++) {
		first = 1;
		buf_puts(b, i ? ",{" : "{");
		buf_json_member(b, &first, "role", a->orgs[i].role);
		buf_json_member(b, &first, "ref", a->orgs[i].ref);
		buf_json_member(b, &first, "type", a->orgs[i].type);
		buf_json_member(b, &first, "name", a->orgs[i].name);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"places\":[");
	for (size_t i = 0; i < a->nplaces; i++) {
		const IatiPlace *x = &a->places[i];

		first = 1;
		buf_puts(b, i ? ",{" : "{");
		buf_json_member(
		    b, &first, "kind", x->region ? "region" : "country");
		buf_json_member(b, &first, "code", x->code);
		buf_json_member(b, &first, "vocabulary", x->vocabulary);
		buf_json_member(b, &first, "vocabulary_uri", x->vocabulary_uri);
		buf_json_member(b, &first, "percentage", x->percentage);
		buf_json_member(b, &first, "name", x->name);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"markers\":[");
	for (size_t i = 0; i < a->nmarkers; i++) {
		const IatiMarker *m = &a->markers[i];

		first = 1;
		buf_puts(b, i ? ",{" : "{");
		buf_json_member(b, &first, "vocabulary", m->vocabulary);
		buf_json_member(b, &first, "vocabulary_uri", m->vocabulary_uri);
		buf_json_member(b, &first, "code", m->code);
		buf_json_member(b, &first, "significance", m->significance);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"dates\":[");
	for (size_t i = 0; i < a->ndates; i++) {
		first = 0;
		buf_printf(b, "%s{\"type\":%d", i ? "," : "", a->dates[i].type);
		buf_json_member(b, &first, "date", a->dates[i].date);
		buf_json_member(b, &first, "text", a->dates[i].text);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"results\":[");
	for (size_t i = 0; i < a->nresults; i++) {
		const IatiResult *r = &a->results[i];

		first = 0;
		buf_printf(
		    b, "%s{\"indicators\":%d", i ? "," : "", r->indicators);
		buf_json_member(b, &first, "type", r->type);
		buf_json_member(b, &first, "title", r->title);
		buf_json_member(b, &first, "description", r->description);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

/* --- budgets --------------------------------------------------------------- */

/*
 * The amounts of a's budgets and transactions in minor units of their
 * currencies; then the sum of the project's budget: the revised budgets
 * (type 2) if there are any, else the original ones, when they share one
 * currency, as of the latest period's start (iati_import.c converts it
 * at the rate of that day).  A note says why there is no sum when there
 * were budgets.
 */
static void
map_budget(IatiMapped *m, IatiActivity *a)
{
	const char *type = "1", *cur = NULL, *as_of = NULL;
	Buf msg = BUF_INIT;
	int64_t sum = 0;
	int n = 0;

	for (size_t i = 0; i < a->nmoney; i++) {
		IatiMoney *x = &a->money[i];
		int mi = ref_minor(m->ref, x->currency);

		x->has_amount =
		    mi >= 0 && iati_decimal(x->value, mi, &x->amount) >= 0;
		if (x->kind == 'b' && x->type && strcmp(x->type, "2") == 0)
			type = "2";
	}
	for (size_t i = 0; i < a->nmoney; i++) {
		const IatiMoney *x = &a->money[i];

		if (x->kind != 'b' ||
		    strcmp(x->type ? x->type : "1", type) != 0)
			continue;
		if (!x->has_amount || (cur && strcmp(cur, x->currency) != 0)) {
			buf_printf(&msg,
			    !x->has_amount
				? "budget \"%s\" %s: no sum in a currency "
				  "we know: no budget kept"
				: "budget \"%s\" %s is in another currency "
				  "than the others: no budget kept",
			    x->value, x->currency ? x->currency : "");
			goto out;
		}
		cur = x->currency;
		/* Wrapped around, the sum would be any number at all. */
		if (__builtin_add_overflow(sum, x->amount, &sum)) {
			buf_puts(&msg,
			    "the budgets add up to more than can be counted: "
			    "no budget kept");
			goto out;
		}
		if (x->start && strlen(x->start) == 10 &&
		    (as_of == NULL || strcmp(x->start, as_of) > 0))
			as_of = x->start;
		n++;
	}
	if (n == 0)
		goto out;
	/* A revision may take some back; the whole must be something. */
	if (sum < 0) {
		buf_puts(&msg,
		    "the budgets add up to less than nothing: no budget kept");
		goto out;
	}
	if (as_of == NULL || strlen(cur) >= sizeof(m->currency)) {
		buf_puts(
		    &msg, "budget without a period-start day: no budget kept");
		goto out;
	}
	m->has_sum = 1;
	m->sum = sum;
	snprintf(m->currency, sizeof(m->currency), "%s", cur);
	snprintf(m->as_of, sizeof(m->as_of), "%s", as_of);
out:
	if (msg.len > 0)
		iati_mapped_note(m, a->line, "iati-budget", buf_str(&msg), 1);
	buf_free(&msg);
}

void
iati_mapped_note(IatiMapped *m, size_t line, const char *kind,
    const char *message, int issue)
{
	note(m, line, kind, message);
	if (issue)
		import_issue_add(&m->p, kind, message);
}

/* Take s over from where it was (a's strings become m's). */
static char *
take(char **s)
{
	char *t = *s;

	*s = NULL;
	return t;
}

void
iati_map(IatiMapped *m, IatiActivity *a)
{
	Buf detail = BUF_INIT;

	/* Room for the usual activity at once, not grown by doubling. */
	mem_grow((void **)&detail.s, &detail.cap, 4096, 1);
	m->line = a->line;
	map_project(m, a, &m->p);
	map_budget(m, a);
	m->gender = gender_of(a);
	detail_json(a, &detail);
	m->r.detail = buf_detach(&detail);
	m->r.identifier = take(&a->identifier);
	m->r.version = take(&a->version);
	m->r.status_code = take(&a->status);
	m->r.reporting_ref = take(&a->reporting_ref);
	m->r.reporting_name = take(&a->reporting_name);
	m->r.reporting_type = take(&a->reporting_type);
	m->r.source_file = xstrdup(m->key ? m->key : m->file);
	m->r.source_line = (int64_t)a->line;
	m->r.sectors = a->sectors;
	m->r.nsectors = a->nsectors;
	m->r.money = a->money;
	m->r.nmoney = a->nmoney;
	a->sectors = NULL;
	a->nsectors = 0;
	a->money = NULL;
	a->nmoney = 0;
}

void
iati_mapped_clear(IatiMapped *m)
{
	project_clear(&m->p);
	iati_record_clear(&m->r);
	import_report_free(&m->notes);
	memset(m, 0, sizeof(*m));
}
