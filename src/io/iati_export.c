/*
 * iati_export.c - projects as IATI 2.03 activities (see iati.h).
 *
 * Written with libxml2's xmlTextWriter as the projects come from the
 * store, one at a time: the file is never held whole.  The elements go in
 * the order the schema's sequence wants them (data/iati/iati-activities-
 * schema.xsd), with what each requires present: a project's own columns
 * give the title, description, implementing organisations, status,
 * dates, places, pillar, gender marker and budget; what an imported
 * activity carried beyond them (other languages, other roles, sectors,
 * markers, budgets and transactions as published) comes from what the
 * store kept of it.  A project's fields that IATI has no element for go
 * in ctmatrix's own element (<ctm:project>, where the schema admits other
 * namespaces), so that an import of the file gives the same projects.
 *
 * Nothing confidential is written: needs (which may be restricted) are
 * not part of an activity, and sums and markers made up for a
 * demonstration (demo) are left out.  Results are not written: the
 * schema wants indicators with periods, which ctmatrix's do not map to
 * (doc/iati.md).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/mem.h"
#include "../portfolio/money.h"
#include "../text/lang.h"
#include "iati.h"
#include "xml.h"

typedef struct Exporter {
	Store *s;
	const IatiExportOptions *opt;
	const XmlLib *xml; /* libxml2 (xml.h) */
	xmlTextWriterPtr w;
	StrMap iso2;  /* ISO alpha-3 -> index into codes */
	char **codes; /* ISO alpha-2 of each */
	size_t ncodes, cap;
	long n;     /* activities written */
	int failed; /* the writer or the store failed: err says how */
	Buf *err;
} Exporter;

#define W(x)  ((const xmlChar *)(x))
#define CTM_P "ctm"

static int
country_code(void *ctx, const RefItem *r)
{
	Exporter *ex = ctx;

	if (r->iso2 == NULL || r->iso3 == NULL)
		return 0;
	mem_grow((void **)&ex->codes, &ex->cap, ex->ncodes + 1, sizeof(char *));
	ex->codes[ex->ncodes] = xstrdup(r->iso2);
	strmap_put(&ex->iso2, r->iso3, (int64_t)ex->ncodes++);
	return 0;
}

/* An element with attributes (name, value pairs; a NULL value: none). */
static void
start(Exporter *ex, const char *name, ...)
{
	va_list ap;
	const char *a, *v;

	ex->xml->xmlTextWriterStartElement(ex->w, W(name));
	va_start(ap, name);
	while ((a = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (v != NULL)
			ex->xml->xmlTextWriterWriteAttribute(ex->w, W(a), W(v));
	}
	va_end(ap);
}

static void
end(Exporter *ex)
{
	ex->xml->xmlTextWriterEndElement(ex->w);
}

/* <narrative xml:lang="..">text</narrative>; the default language bare. */
static void
narrative(Exporter *ex, const char *lang, const char *dflt, const char *text)
{
	start(ex, "narrative", "xml:lang",
	    lang && dflt && strcmp(lang, dflt) != 0 ? lang : NULL, NULL);
	ex->xml->xmlTextWriterWriteString(ex->w, W(text ? text : ""));
	end(ex);
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * The language of a project's text: that of the published text it was
 * taken from (the same words), else the activity's; *at its index there.
 */
static const char *
text_lang(json_t *arr, const char *text, const char *type, const char *lang,
    size_t *at)
{
	json_t *t;
	size_t i;

	*at = (size_t)-1;
	json_array_foreach(arr, i, t)
	{
		const char *ty = jstr(t, "type") ? jstr(t, "type") : "1";

		if (type && strcmp(ty, type) != 0)
			continue;
		if (jstr(t, "text") && text &&
		    strcmp(jstr(t, "text"), text) == 0 && jstr(t, "lang")) {
			*at = i;
			return jstr(t, "lang");
		}
	}
	return lang;
}

/* Titles: the project's, the others published kept. */
static void
write_titles(Exporter *ex, const Project *p, json_t *d, const char *lang)
{
	json_t *arr = json_object_get(d, "titles"), *t;
	size_t i, at;
	const char *mine = text_lang(arr, p->title, NULL, lang, &at);

	start(ex, "title", NULL);
	narrative(ex, mine, lang, p->title);
	json_array_foreach(arr, i, t) if (i != at && jstr(t, "lang") &&
	    strcmp(jstr(t, "lang"), mine) != 0)
	    narrative(ex, jstr(t, "lang"), lang, jstr(t, "text"));
	end(ex);
}

/* Descriptions: the general one is the project's activities. */
static void
write_descriptions(Exporter *ex, const Project *p, json_t *d, const char *lang)
{
	json_t *arr = json_object_get(d, "descriptions"), *t;
	size_t i, at;
	const char *mine = text_lang(arr, p->activities, "1", lang, &at);

	start(ex, "description", "type", "1", NULL);
	narrative(ex, mine, lang, p->activities);
	json_array_foreach(arr, i, t)
	{
		const char *type = jstr(t, "type") ? jstr(t, "type") : "1";

		if (i != at && strcmp(type, "1") == 0 && jstr(t, "lang") &&
		    strcmp(jstr(t, "lang"), mine) != 0)
			narrative(ex, jstr(t, "lang"), lang, jstr(t, "text"));
	}
	end(ex);
	json_array_foreach(arr, i, t)
	{
		const char *type = jstr(t, "type") ? jstr(t, "type") : "1";

		if (strcmp(type, "1") == 0)
			continue;
		start(ex, "description", "type", type, NULL);
		narrative(ex, jstr(t, "lang"), lang, jstr(t, "text"));
		end(ex);
	}
}

static void
write_org(Exporter *ex, const char *role, const char *ref, const char *type,
    const char *name, const char *lang)
{
	start(ex, "participating-org", "ref", ref, "role", role, "type", type,
	    NULL);
	narrative(ex, lang, lang, name);
	end(ex);
}

/*
 * The participating organisations: those of other roles as published,
 * then the project's entities as implementing (role 4), with the ref
 * and type published for them; the publisher when there is none.
 */
static void
write_orgs(Exporter *ex, const Project *p, json_t *d, const char *lang,
    const char *ref, const char *name, const char *type)
{
	json_t *arr = json_object_get(d, "orgs"), *o;
	size_t i;
	int any = 0;

	json_array_foreach(arr, i, o)
	{
		const char *role = jstr(o, "role");

		if (role == NULL || strcmp(role, "4") == 0)
			continue;
		write_org(ex, role, jstr(o, "ref"), jstr(o, "type"),
		    jstr(o, "name") ? jstr(o, "name") : jstr(o, "ref"), lang);
		any = 1;
	}
	for (size_t k = 0; k < p->norgs; k++) {
		const char *oref = NULL, *otype = NULL;

		json_array_foreach(arr, i, o) if (jstr(o, "role") &&
		    strcmp(jstr(o, "role"), "4") == 0 && jstr(o, "name") &&
		    strcmp(jstr(o, "name"), p->orgs[k].name) == 0)
		{
			oref = jstr(o, "ref");
			otype = jstr(o, "type");
		}
		write_org(ex, "4", oref, otype, p->orgs[k].name, lang);
		any = 1;
	}
	if (!any)
		write_org(ex, "3", ref, type, name, lang);
}

/* YYYY[-MM[-DD]] as a day: the first of its span, or the last (end). */
static void
day_of(const char *date, int last, Buf *out)
{
	buf_reset(out);
	if (strlen(date) >= 10) {
		buf_append(out, date, 10);
	} else if (strlen(date) == 7) {
		buf_printf(
		    out, "%s-%02d", date, last ? iati_month_days(date) : 1);
	} else {
		buf_append(out, date, 4);
		buf_puts(out, last ? "-12-31" : "-01-01");
	}
}

static void
write_date(
    Exporter *ex, int type, const char *iso, const char *text, const char *lang)
{
	char t[2] = { (char)('0' + type), '\0' };

	start(ex, "activity-date", "iso-date", iso, "type", t, NULL);
	if (text != NULL) {
		narrative(ex, lang, lang, text);
	}
	end(ex);
}

/*
 * The dates: as published when the project's still agree with them,
 * else the project's (actual once it runs); at least one, as the schema
 * wants: a project with no period says so.
 */
static void
write_dates(Exporter *ex, const Project *p, json_t *d, const char *lang)
{
	json_t *arr = json_object_get(d, "dates"), *o;
	const char *pub[5] = { NULL, NULL, NULL, NULL, NULL };
	Buf day = BUF_INIT;
	size_t i;
	int actual = p->status && strcmp(p->status, "in_development") != 0;
	int done = p->status && strcmp(p->status, "completed") == 0;

	json_array_foreach(arr, i, o)
	{
		json_int_t t = json_integer_value(json_object_get(o, "type"));

		if (t >= 1 && t <= 4)
			pub[t] = jstr(o, "date");
	}
	if (json_array_size(arr) > 0 &&
	    ((pub[2] ? pub[2] : pub[1]) != NULL) == (p->start_date != NULL) &&
	    (p->start_date == NULL ||
		strcmp(pub[2] ? pub[2] : pub[1], p->start_date) == 0) &&
	    ((pub[4] ? pub[4] : pub[3]) != NULL) == (p->end_date != NULL) &&
	    (p->end_date == NULL ||
		strcmp(pub[4] ? pub[4] : pub[3], p->end_date) == 0)) {
		json_array_foreach(arr, i, o)
		{
			json_int_t t =
			    json_integer_value(json_object_get(o, "type"));
			const char *date = jstr(o, "date");

			if (date == NULL || t < 1 || t > 4)
				continue;
			day_of(date, t >= 3, &day);
			write_date(
			    ex, (int)t, buf_str(&day), jstr(o, "text"), lang);
		}
		buf_free(&day);
		return;
	}
	if (p->start_date) {
		day_of(p->start_date, 0, &day);
		write_date(ex, actual ? 2 : 1, buf_str(&day), NULL, lang);
	}
	if (p->end_date) {
		day_of(p->end_date, 1, &day);
		write_date(ex, done ? 4 : 3, buf_str(&day), NULL, lang);
	}
	if (!p->start_date && !p->end_date) {
		day_of(p->created_at ? p->created_at : "2000-01-01", 0, &day);
		write_date(ex, 1, buf_str(&day), "no period recorded", lang);
	}
	buf_free(&day);
}

/*
 * Whether s is an xs:decimal ("12", "-0.5", ".5"): what the store kept
 * as published may be none ("1,000,000", "NaN", "abc"), and written
 * into a decimal attribute or element it would make the file invalid.
 */
static int
decimal(const char *s)
{
	int any = 0;

	if (s == NULL)
		return 0;
	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		any = 1;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			any = 1;
	return any && *s == '\0';
}

/* s when it is an xs:decimal, else NULL (no attribute). */
static const char *
decimal_or_null(const char *s)
{
	return decimal(s) ? s : NULL;
}

/* The percentage published for a place of kind and code, or NULL. */
static const char *
place_share(json_t *d, const char *kind, const char *code)
{
	json_t *o;
	size_t i;

	json_array_foreach(
	    json_object_get(d, "places"), i, o) if (jstr(o, "kind") &&
	    strcmp(jstr(o, "kind"), kind) == 0 && jstr(o, "code") &&
	    strcmp(jstr(o, "code"), code) ==
		0) return decimal_or_null(jstr(o, "percentage"));
	return NULL;
}

static void
write_places(Exporter *ex, const Project *p, json_t *d)
{
	int64_t at;

	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *pl = &p->places[i];
		const char *code;

		if (pl->place_id == 0 || pl->key == NULL || pl->kind == NULL ||
		    strcmp(pl->kind, "country") != 0 ||
		    !strmap_get(&ex->iso2, pl->key, &at))
			continue;
		code = ex->codes[at];
		start(ex, "recipient-country", "code", code, "percentage",
		    place_share(d, "country", code), NULL);
		narrative(ex, NULL, NULL, pl->name);
		end(ex);
	}
	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *pl = &p->places[i];
		int grouping;

		if (pl->place_id == 0 || pl->key == NULL || pl->kind == NULL ||
		    strcmp(pl->kind, "country") == 0)
			continue;
		grouping = strcmp(pl->kind, "grouping") == 0;
		start(ex, "recipient-region", "code", pl->key, "vocabulary",
		    grouping ? "99" : "2", "vocabulary-uri",
		    grouping ? IATI_GROUPING_URI : NULL, NULL);
		narrative(ex, NULL, NULL, pl->name);
		end(ex);
	}
}

static void
write_sectors(Exporter *ex, const Project *p, const IatiRecord *r)
{
	for (size_t i = 0; i < r->nsectors; i++) {
		const IatiSector *x = &r->sectors[i];

		if (strcmp(x->vocabulary, "99") == 0 && x->vocabulary_uri &&
		    strcmp(x->vocabulary_uri, IATI_PILLAR_URI) == 0)
			continue;
		start(ex, "sector", "vocabulary", x->vocabulary,
		    "vocabulary-uri", x->vocabulary_uri, "code", x->code,
		    "percentage", decimal_or_null(x->percentage), NULL);
		if (x->name)
			narrative(ex, NULL, NULL, x->name);
		end(ex);
	}
	if (p->pillar != NULL) {
		Buf name = BUF_INIT;

		buf_printf(&name,
		    "Pillar %s of the UN Global Counter-Terrorism Strategy",
		    p->pillar);
		start(ex, "sector", "vocabulary", "99", "vocabulary-uri",
		    IATI_PILLAR_URI, "code", p->pillar, NULL);
		narrative(ex, NULL, NULL, buf_str(&name));
		end(ex);
		buf_free(&name);
	}
}

static void
write_markers(Exporter *ex, json_t *d, int gender)
{
	json_t *o;
	size_t i;
	const char *dac = NULL;
	char sig[16];

	json_array_foreach(json_object_get(d, "markers"), i, o)
	{
		const char *voc = jstr(o, "vocabulary");
		const char *uri = jstr(o, "vocabulary_uri");

		if (voc && strcmp(voc, "1") == 0 && jstr(o, "code") &&
		    strcmp(jstr(o, "code"), "1") == 0) {
			dac = jstr(o, "significance");
			continue;
		}
		if (uri && strcmp(uri, IATI_GEM_URI) == 0)
			continue;
		start(ex, "policy-marker", "vocabulary", voc, "vocabulary-uri",
		    uri, "code", jstr(o, "code"), "significance",
		    jstr(o, "significance"), NULL);
		end(ex);
	}
	if (gender < 0)
		return;
	if (dac == NULL || iati_gender_from_dac(dac) != gender) {
		snprintf(sig, sizeof(sig), "%d", iati_gender_to_dac(gender));
		dac = sig;
	}
	start(ex, "policy-marker", "vocabulary", "1", "code", "1",
	    "significance", dac, NULL);
	end(ex);
	snprintf(sig, sizeof(sig), "%d", gender);
	start(ex, "policy-marker", "vocabulary", "99", "vocabulary-uri",
	    IATI_GEM_URI, "code", "GEM", "significance", sig, NULL);
	narrative(ex, NULL, NULL, "UN gender equality marker");
	end(ex);
}

/* A value's value-date: the one published when it is a day, else dflt. */
static const char *
value_date(const char *date, const char *dflt)
{
	Buf d = BUF_INIT;
	int day = date != NULL && iati_date_clean(date, &d) == 0 &&
	    strcmp(buf_str(&d), date) == 0;

	buf_free(&d);
	return day ? date : dflt;
}

static void
write_value(
    Exporter *ex, const char *value, const char *currency, const char *date)
{
	start(ex, "value", "currency", currency, "value-date", date, NULL);
	ex->xml->xmlTextWriterWriteString(ex->w, W(value));
	end(ex);
}

/* Budgets and transactions as published; else the project's budget. */
static void
write_money(Exporter *ex, const IatiRecord *r, const Budget *b, int has_budget)
{
	int budgets = 0;

	for (size_t i = 0; i < r->nmoney; i++) {
		const IatiMoney *m = &r->money[i];

		/* The value is required, and a decimal. */
		if (m->kind != 'b' || m->start == NULL || m->end == NULL ||
		    strlen(m->start) != 10 || strlen(m->end) != 10 ||
		    !decimal(m->value))
			continue;
		start(ex, "budget", "type", m->type, "status", m->status, NULL);
		start(ex, "period-start", "iso-date", m->start, NULL);
		end(ex);
		start(ex, "period-end", "iso-date", m->end, NULL);
		end(ex);
		write_value(ex, m->value, m->currency,
		    value_date(m->value_date, m->start));
		end(ex);
		budgets++;
	}
	if (budgets == 0 && has_budget) {
		Buf v = BUF_INIT, until = BUF_INIT;

		money_decimal(b->m.amount, b->m.minor, &v);
		buf_append(&until, b->as_of, 4);
		buf_puts(&until, "-12-31");
		start(ex, "budget", "type", "1", "status", "1", NULL);
		start(ex, "period-start", "iso-date", b->as_of, NULL);
		end(ex);
		start(ex, "period-end", "iso-date", buf_str(&until), NULL);
		end(ex);
		write_value(ex, buf_str(&v), b->m.currency, b->as_of);
		end(ex);
		buf_free(&v);
		buf_free(&until);
	}
	for (size_t i = 0; i < r->nmoney; i++) {
		const IatiMoney *m = &r->money[i];

		if (m->kind != 't' || m->type == NULL || m->start == NULL ||
		    strlen(m->start) != 10 || !decimal(m->value))
			continue;
		start(ex, "transaction", NULL);
		start(ex, "transaction-type", "code", m->type, NULL);
		end(ex);
		start(ex, "transaction-date", "iso-date", m->start, NULL);
		end(ex);
		write_value(ex, m->value, m->currency,
		    value_date(m->value_date, m->start));
		if (m->description) {
			start(ex, "description", NULL);
			narrative(ex, NULL, NULL, m->description);
			end(ex);
		}
		if (m->provider) {
			start(ex, "provider-org", NULL);
			narrative(ex, NULL, NULL, m->provider);
			end(ex);
		}
		if (m->receiver) {
			start(ex, "receiver-org", NULL);
			narrative(ex, NULL, NULL, m->receiver);
			end(ex);
		}
		end(ex);
	}
}

/* ctmatrix's own element: what IATI has no element for. */
static void
write_ext(Exporter *ex, const Project *p)
{
	char num[32];

	ex->xml->xmlTextWriterStartElementNS(
	    ex->w, W(CTM_P), W("project"), NULL);
	snprintf(num, sizeof(num), "%d", p->scopes);
	ex->xml->xmlTextWriterWriteAttribute(ex->w, W("scopes"), W(num));
	ex->xml->xmlTextWriterWriteAttribute(
	    ex->w, W("open-ended"), W(p->open_ended ? "1" : "0"));
	ex->xml->xmlTextWriterWriteAttribute(
	    ex->w, W("annual"), W(p->annual ? "1" : "0"));
	/*
	 * activity-status is required (minOccurs 1): a project with none
	 * gets a code all the same, and this says it stands for none.
	 */
	if (p->status == NULL)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("no-status"), W("1"));
	if (p->has_serial) {
		snprintf(num, sizeof(num), "%lld", (long long)p->serial);
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("serial"), W(num));
	}
	if (p->pillar)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("pillar"), W(p->pillar));
	if (p->period_text)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("period"), W(p->period_text));
	if (p->status_text)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("status-text"), W(p->status_text));
	if (p->start_date)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("start"), W(p->start_date));
	if (p->end_date)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("end"), W(p->end_date));
	if (p->scope_text && p->scope_text[0])
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("scope-text"), W(p->scope_text));
	if (p->as_of)
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("as-of"), W(p->as_of));
	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *pl = &p->places[i];

		ex->xml->xmlTextWriterStartElementNS(
		    ex->w, W(CTM_P), W("place"), NULL);
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("name"), W(pl->name));
		if (pl->place_id && pl->key)
			ex->xml->xmlTextWriterWriteAttribute(
			    ex->w, W("key"), W(pl->key));
		if (pl->org_id)
			ex->xml->xmlTextWriterWriteAttribute(
			    ex->w, W("org"), W("1"));
		end(ex);
	}
	end(ex);
}

static const char *
scope_code(int scopes)
{
	return scopes & SCOPE_GLOBAL  ? "1"
	    : scopes & SCOPE_REGIONAL ? "2"
	    : scopes & SCOPE_NATIONAL ? "4"
				      : NULL;
}

/* A member of a JSON object as a new string, or NULL. */
static char *
jdup(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? xstrdup(v) : NULL;
}

/* r's sectors from the JSON the store keeps (iati_activity.sectors). */
static void
sectors_read(IatiRecord *r, const char *text)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL);
	size_t n = json_array_size(a);

	if (n > 0)
		r->sectors = xcalloc(n, sizeof(*r->sectors));
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(a, i);
		IatiSector *x = &r->sectors[r->nsectors++];

		x->vocabulary = jdup(o, "vocabulary");
		x->vocabulary_uri = jdup(o, "vocabulary_uri");
		x->code = jdup(o, "code");
		x->percentage = jdup(o, "percentage");
		x->name = jdup(o, "name");
	}
	json_decref(a);
}

/* r's budgets and transactions from their JSON (.money). */
static void
money_read(IatiRecord *r, const char *text)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL);
	size_t n = json_array_size(a);

	if (n > 0)
		r->money = xcalloc(n, sizeof(*r->money));
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(a, i);
		const json_t *amount = json_object_get(o, "amount");
		const char *kind =
		    json_string_value(json_object_get(o, "kind"));
		IatiMoney *m = &r->money[r->nmoney++];

		m->kind = kind != NULL && kind[0] == 'b' ? 'b' : 't';
		m->type = jdup(o, "type");
		m->status = jdup(o, "status");
		m->start = jdup(o, "start_date");
		m->end = jdup(o, "end_date");
		m->value = jdup(o, "value");
		m->has_amount = json_is_integer(amount);
		m->amount = json_integer_value(amount);
		m->currency = jdup(o, "currency");
		m->value_date = jdup(o, "value_date");
		m->description = jdup(o, "description");
		m->provider = jdup(o, "provider");
		m->receiver = jdup(o, "receiver");
	}
	json_decref(a);
}

/* The status code published, while it still says the project's status. */
static const char *
status_code(const Project *p, const IatiRecord *r)
{
	const char *status, *text;

	if (r->status_code && iati_status_map(r->status_code, &status, &text) &&
	    ((status == NULL && p->status == NULL) ||
		(status && p->status && strcmp(status, p->status) == 0)))
		return r->status_code;
	return iati_status_code(p->status);
}

static void
write_activity(Exporter *ex, const Project *p, const IatiRecord *r, json_t *d,
    const Budget *b, int has_budget, int gender)
{
	const char *lang = jstr(d, "lang") ? jstr(d, "lang") : "en";
	const char *ref =
	    r->reporting_ref ? r->reporting_ref : ex->opt->reporting_ref;
	const char *name =
	    r->reporting_ref ? r->reporting_name : ex->opt->reporting_name;
	const char *type = r->reporting_ref && r->reporting_type
	    ? r->reporting_type
	    : ex->opt->reporting_type;
	const char *cur = jstr(d, "currency");
	Buf id = BUF_INIT;

	if (r->identifier)
		buf_puts(&id, r->identifier);
	else
		buf_printf(&id, "%s-%lld",
		    ex->opt->prefix ? ex->opt->prefix : ex->opt->reporting_ref,
		    (long long)p->id);
	if (cur == NULL && has_budget)
		cur = b->m.currency;
	start(ex, "iati-activity", "xml:lang", lang, "default-currency", cur,
	    "last-updated-datetime", p->updated_at, NULL);
	start(ex, "iati-identifier", NULL);
	ex->xml->xmlTextWriterWriteString(ex->w, W(buf_str(&id)));
	end(ex);
	start(ex, "reporting-org", "ref", ref, "type", type, NULL);
	narrative(ex, lang, lang, name ? name : ref);
	end(ex);
	write_titles(ex, p, d, lang);
	write_descriptions(ex, p, d, lang);
	write_orgs(ex, p, d, lang, ref, name ? name : ref, type);
	start(ex, "activity-status", "code", status_code(p, r), NULL);
	end(ex);
	write_dates(ex, p, d, lang);
	if (scope_code(p->scopes) != NULL) {
		start(
		    ex, "activity-scope", "code", scope_code(p->scopes), NULL);
		end(ex);
	}
	write_places(ex, p, d);
	write_sectors(ex, p, r);
	write_markers(ex, d, gender);
	write_money(ex, r, b, has_budget);
	write_ext(ex, p);
	end(ex);
	buf_free(&id);
}

static int
export_one(void *ctx, const Project *p)
{
	Exporter *ex = ctx;
	IatiRecord r;
	Budget b;
	json_t *d = NULL;
	int demo = 0, gender, has_budget;

	memset(&r, 0, sizeof(r));
	memset(&b, 0, sizeof(b));
	if (ex->n == 0) {
		Buf now = BUF_INIT;

		/* The document starts with its first activity. */
		store_now(&now);
		ex->xml->xmlTextWriterStartDocument(ex->w, NULL, "UTF-8", NULL);
		start(ex, "iati-activities", "version", "2.03",
		    "generated-datetime", buf_str(&now), NULL);
		ex->xml->xmlTextWriterWriteAttribute(
		    ex->w, W("xmlns:" CTM_P), W(IATI_CTM_NS));
		buf_free(&now);
	}
	if (store_iati_get(ex->s, p->id, &r, ex->err) < 0 ||
	    (has_budget = store_budget_get(ex->s, p->id, &b, ex->err)) < 0 ||
	    (gender = store_gender_get(ex->s, p->id, &demo, ex->err)) < -2) {
		ex->failed = 1;
		iati_record_clear(&r);
		return 1;
	}
	sectors_read(&r, r.sectors_json);
	money_read(&r, r.money_json);
	if (r.detail)
		d = json_loads(r.detail, 0, NULL);
	if (d == NULL)
		d = json_object();
	/* Made up for a demonstration: not data to publish. */
	if (has_budget && b.demo)
		has_budget = 0;
	if (demo)
		gender = -1;
	write_activity(ex, p, &r, d, &b, has_budget, gender);
	json_decref(d);
	iati_record_clear(&r);
	ex->n++;
	return 0;
}

long
iati_export(Store *s, const ProjectFilter *f, const IatiExportOptions *opt,
    const char *out, Buf *err)
{
	Exporter ex;
	Buf tmp = BUF_INIT;
	FILE *fp = stdout;
	xmlOutputBufferPtr ob;
	long rc = -1;

	memset(&ex, 0, sizeof(ex));
	ex.s = s;
	ex.opt = opt;
	ex.err = err;
	if ((ex.xml = xml_lib(err)) == NULL)
		goto out;
	if (store_places(s, "country", NULL, country_code, &ex, err) != 0)
		goto out;
	if (out != NULL) {
		buf_printf(&tmp, "%s.tmp%ld", out, (long)getpid());
		if ((fp = fopen(buf_str(&tmp), "w")) == NULL) {
			buf_printf(err, TC("%s: cannot be written"), out);
			goto out;
		}
	}
	ob = ex.xml->xmlOutputBufferCreateFile(fp, NULL);
	ex.w = ob ? ex.xml->xmlNewTextWriter(ob) : NULL;
	if (ex.w == NULL) {
		buf_puts(err, TC("cannot start the XML writer"));
		goto out;
	}
	ex.xml->xmlTextWriterSetIndent(ex.w, 1);
	ex.xml->xmlTextWriterSetIndentString(ex.w, W(" "));
	if (store_read_begin(s, err) != 0)
		goto out;
	if (store_project_list(s, f, export_one, &ex, NULL, err) != 0 ||
	    ex.failed) {
		store_read_end(s);
		goto out;
	}
	store_read_end(s);
	/* A file holds one activity at least: none, no file. */
	if (ex.n == 0) {
		rc = 0;
		goto out;
	}
	end(&ex);
	if (ex.xml->xmlTextWriterEndDocument(ex.w) < 0) {
		buf_puts(err, TC("the XML could not be written"));
		goto out;
	}
	rc = ex.n;
out:
	if (ex.w != NULL)
		ex.xml->xmlFreeTextWriter(ex.w);
	if (fp != stdout && fp != NULL) {
		if (fclose(fp) != 0 && rc >= 0) {
			buf_printf(err, TC("%s: cannot be written"), out);
			rc = -1;
		}
		if (rc > 0 && rename(buf_str(&tmp), out) != 0) {
			buf_printf(err, TC("%s: cannot be written"), out);
			rc = -1;
		}
		if (rc <= 0)
			unlink(buf_str(&tmp));
	} else {
		fflush(stdout);
	}
	for (size_t i = 0; i < ex.ncodes; i++)
		free(ex.codes[i]);
	free(ex.codes);
	strmap_free(&ex.iso2);
	buf_free(&tmp);
	return rc;
}
