/*
 * iati_read.c - streaming IATI activity files into IatiActivity records
 * (see iati.h).
 *
 * libxml2's xmlTextReader walks the file; at each <iati-activity> the
 * reader expands that one element into a tree, this file takes the tree
 * apart, and the reader moves past it, freeing it: memory holds one
 * activity at a time whatever the file's size.  Not for mapping to
 * projects (iati_import.c) nor for checking codes against the codelists
 * beyond what reading needs.
 *
 * Version 1.0x is read as well: text directly in <title>, <description>,
 * <participating-org> (no <narrative>), roles and date types by name
 * ("Funding", "start-planned"), a date as the element's text when it has
 * no iso-date, "DAC" vocabularies, letter codes of transaction types.
 *
 * libxml2 is loaded by iati_read() (xml.h); the functions below it find
 * it loaded, and ask xml_lib(NULL).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "iati.h"
#include "xml.h"

/* What a file is read with. */
typedef struct Reader {
	const char *name; /* in messages */
	char *version;    /* of <iati-activities> */
	Buf *err;         /* the first parse error, as name:line: ... */
	size_t before;    /* the line of the white space before an activity */
	IatiActivityFn fn;
	void *ctx;
} Reader;

void
iati_note(IatiActivity *a, size_t line, const char *kind, const char *fmt, ...)
{
	IatiNote *n;
	Buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	mem_grow((void **)&a->notes, &a->cap[11], a->nnotes + 1, sizeof(*n));
	n = &a->notes[a->nnotes++];
	n->line = line;
	n->kind = xstrdup(kind);
	n->message = buf_detach(&msg);
}

static void
texts_free(IatiText *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].lang);
		free(t[i].text);
		free(t[i].type);
	}
	free(t);
}

void
iati_activity_clear(IatiActivity *a)
{
	IatiRecord r;

	texts_free(a->titles, a->ntitles);
	texts_free(a->descriptions, a->ndescriptions);
	for (size_t i = 0; i < a->norgs; i++) {
		free(a->orgs[i].role);
		free(a->orgs[i].ref);
		free(a->orgs[i].type);
		free(a->orgs[i].name);
	}
	for (size_t i = 0; i < a->nplaces; i++) {
		free(a->places[i].code);
		free(a->places[i].vocabulary);
		free(a->places[i].vocabulary_uri);
		free(a->places[i].percentage);
		free(a->places[i].name);
	}
	for (size_t i = 0; i < a->nmarkers; i++) {
		free(a->markers[i].vocabulary);
		free(a->markers[i].vocabulary_uri);
		free(a->markers[i].code);
		free(a->markers[i].significance);
	}
	for (size_t i = 0; i < a->ndates; i++) {
		free(a->dates[i].date);
		free(a->dates[i].text);
	}
	for (size_t i = 0; i < a->nresults; i++) {
		free(a->results[i].type);
		free(a->results[i].title);
		free(a->results[i].description);
	}
	for (size_t i = 0; i < a->nnotes; i++) {
		free(a->notes[i].kind);
		free(a->notes[i].message);
	}
	/* Sectors and money are the store's records: freed its way. */
	memset(&r, 0, sizeof(r));
	r.sectors = a->sectors;
	r.nsectors = a->nsectors;
	r.money = a->money;
	r.nmoney = a->nmoney;
	iati_record_clear(&r);
	free(a->orgs);
	free(a->places);
	free(a->markers);
	free(a->dates);
	free(a->results);
	free(a->notes);
	free(a->identifier);
	free(a->version);
	free(a->lang);
	free(a->currency);
	free(a->status);
	free(a->scope);
	free(a->reporting_ref);
	free(a->reporting_type);
	free(a->reporting_name);
	free(a->ext_pillar);
	free(a->ext_period);
	free(a->ext_status_text);
	free(a->ext_start);
	free(a->ext_end);
	free(a->ext_scope_text);
	free(a->ext_as_of);
	for (size_t i = 0; i < a->next_places; i++) {
		free(a->ext_places[i].key);
		free(a->ext_places[i].name);
	}
	free(a->ext_places);
	memset(a, 0, sizeof(*a));
}

/* --- the tree of one activity ------------------------------------------- */

static int
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* s without its leading and trailing white space, copied; NULL if empty. */
static char *
trimmed(const char *s)
{
	const char *e;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s &&
	    (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	return e > s ? xstrndup(s, (size_t)(e - s)) : NULL;
}

/*
 * An attribute (no namespace), trimmed, or NULL when absent or empty.
 * Its text is read in place when it is one text node, as it nearly
 * always is: a copy fewer for each of the twenty or so of an activity.
 */
static char *
attr(const xmlNode *n, const char *name)
{
	const XmlLib *xml;
	xmlChar *v;
	char *t;

	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		if (a->ns != NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children && a->children->type == XML_TEXT_NODE &&
		    a->children->next == NULL)
			return trimmed((const char *)a->children->content);
		break;
	}
	xml = xml_lib(NULL);
	if ((v = xml->xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	t = trimmed((const char *)v);
	xml->xmlFree(v);
	return t;
}

/* Whether n has the attribute (no namespace), empty or not. */
static int
has_attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return 1;
	return 0;
}

/* xml:lang of n itself, or NULL. */
static char *
lang_of(const xmlNode *n)
{
	const XmlLib *xml = xml_lib(NULL);
	xmlChar *v =
	    xml->xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	char *s = v && v[0] ? xstrdup((const char *)v) : NULL;

	xml->xmlFree(v);
	return s;
}

/* The text of n (its descendants' text joined), trimmed; NULL if empty. */
static char *
text_of(const xmlNode *n)
{
	const XmlLib *xml;
	xmlChar *v;
	char *t;

	/* One text node, as nearly always: read in place. */
	if (n->children && n->children->type == XML_TEXT_NODE &&
	    n->children->next == NULL)
		return trimmed((const char *)n->children->content);
	xml = xml_lib(NULL);
	v = xml->xmlNodeGetContent(n);
	t = trimmed((const char *)v);
	xml->xmlFree(v);
	return t;
}

/*
 * The line n (of activity a) starts on.  libxml2 keeps an element's line
 * in 16 bits: past 65535 it says 65535, and only a text node keeps its
 * line, beside (XML_PARSE_BIG_LINES, in psvi), as the line the text ends
 * on.  The white space before an element ends where the element starts,
 * so that is its line (xmlGetLineNo() would take the line of what
 * follows it); without white space before it, the line of the element
 * before it or of its parent, up to the activity's: never a line past
 * its own.
 */
static size_t
line_of(const IatiActivity *a, const xmlNode *n)
{
	while (n->line == 65535) {
		const xmlNode *p = n->prev;

		if (p != NULL && p->type == XML_TEXT_NODE && p->psvi != NULL)
			return (size_t)(ptrdiff_t)p->psvi;
		if (p == NULL &&
		    (n->parent == NULL || n->parent->type != XML_ELEMENT_NODE ||
			is(n->parent, "iati-activity")))
			return a->line;
		n = p != NULL ? p : n->parent;
	}
	return n->line;
}

/* The line a text node ends on (line_of()). */
static size_t
text_line(const xmlNode *t)
{
	return t->line == 65535 && t->psvi != NULL ? (size_t)(ptrdiff_t)t->psvi
						   : t->line;
}

/*
 * The line an activity (n) starts on, past 65535: where the white space
 * it starts with ends, less the lines that spans (its start tag on one
 * line), which is right even after a run of blank lines or a comment;
 * else where the white space before it ended (before), else 0.
 */
static size_t
activity_line(const xmlNode *n, size_t before)
{
	const xmlNode *t = n->children;
	size_t l;

	if (n->line < 65535)
		return n->line;
	if (t == NULL || t->type != XML_TEXT_NODE || t->psvi == NULL)
		return before;
	l = text_line(t);
	for (const xmlChar *c = t->content; c && *c && l > 1; c++)
		l -= *c == '\n';
	return l;
}

/*
 * The texts of an element: each <narrative> with its language (2.0x), or
 * the element's own text (1.0x), into *t.
 */
static void
texts_add(IatiActivity *a, const xmlNode *n, const char *type, IatiText **t,
    size_t *nt, size_t *cap)
{
	int narratives = 0;

	for (xmlNode *c = n->children; c; c = c->next) {
		char *text;
		IatiText *x;

		if (!is(c, "narrative"))
			continue;
		narratives = 1;
		if ((text = text_of(c)) == NULL)
			continue;
		mem_grow((void **)t, cap, *nt + 1, sizeof(*x));
		x = &(*t)[(*nt)++];
		x->text = text;
		x->lang = lang_of(c);
		if (x->lang == NULL)
			x->lang = xstrdup(a->lang ? a->lang : "en");
		x->type = type ? xstrdup(type) : NULL;
	}
	if (!narratives) {
		char *text = text_of(n);
		IatiText *x;

		if (text == NULL)
			return;
		mem_grow((void **)t, cap, *nt + 1, sizeof(*x));
		x = &(*t)[(*nt)++];
		x->text = text;
		x->lang = lang_of(n);
		if (x->lang == NULL)
			x->lang = xstrdup(a->lang ? a->lang : "en");
		x->type = type ? xstrdup(type) : NULL;
	}
}

/* The name of an organisation element: its narrative in a's language. */
static char *
org_name(const IatiActivity *a, const xmlNode *n)
{
	char *first = NULL;

	for (xmlNode *c = n->children; c; c = c->next) {
		char *lang, *t;

		if (!is(c, "narrative") || (t = text_of(c)) == NULL)
			continue;
		lang = lang_of(c);
		if (lang == NULL || (a->lang && strcmp(lang, a->lang) == 0)) {
			free(lang);
			free(first);
			return t;
		}
		free(lang);
		if (first == NULL)
			first = t;
		else
			free(t);
	}
	return first ? first : child(n, "narrative") ? NULL : text_of(n);
}

static void
read_org(IatiActivity *a, const xmlNode *n)
{
	IatiOrg *o;
	char *role = attr(n, "role");
	const char *code = iati_role_code(role);

	if (code == NULL)
		iati_note(a, line_of(a, n), "iati-unknown-code",
		    "participating-org: role \"%s\" is not an organisation "
		    "role",
		    role ? role : "");
	mem_grow((void **)&a->orgs, &a->cap[2], a->norgs + 1, sizeof(*o));
	o = &a->orgs[a->norgs++];
	o->role = code ? xstrdup(code) : NULL;
	o->ref = attr(n, "ref");
	o->type = attr(n, "type");
	o->name = org_name(a, n);
	free(role);
}

static void
read_place(IatiActivity *a, const xmlNode *n, int region)
{
	IatiPlace *p;
	char *code = attr(n, "code");

	if (code == NULL) {
		iati_note(a, line_of(a, n), "iati-missing",
		    "%s without a code: left out", (const char *)n->name);
		return;
	}
	mem_grow((void **)&a->places, &a->cap[3], a->nplaces + 1, sizeof(*p));
	p = &a->places[a->nplaces++];
	p->region = region;
	p->code = code;
	p->vocabulary = region ? attr(n, "vocabulary") : NULL;
	if (region && p->vocabulary == NULL)
		p->vocabulary = xstrdup("1");
	p->vocabulary_uri = attr(n, "vocabulary-uri");
	p->percentage = attr(n, "percentage");
	p->name = org_name(a, n);
}

static void
read_sector(IatiActivity *a, const xmlNode *n)
{
	IatiSector *x;
	char *voc = attr(n, "vocabulary"), *code = attr(n, "code");

	if (code == NULL) {
		iati_note(a, line_of(a, n), "iati-missing",
		    "sector without a code: left out");
		free(voc);
		return;
	}
	mem_grow((void **)&a->sectors, &a->cap[4], a->nsectors + 1, sizeof(*x));
	x = &a->sectors[a->nsectors++];
	x->vocabulary = xstrdup(iati_sector_vocabulary(voc));
	x->vocabulary_uri = attr(n, "vocabulary-uri");
	x->code = code;
	x->percentage = attr(n, "percentage");
	x->name = org_name(a, n);
	free(voc);
	if ((strcmp(x->vocabulary, "1") == 0 &&
		iati_code_name("Sector", code) == NULL) ||
	    (strcmp(x->vocabulary, "2") == 0 &&
		iati_code_name("SectorCategory", code) == NULL))
		iati_note(a, line_of(a, n), "iati-unknown-code",
		    "sector \"%s\" is not in the DAC codelist", code);
}

static void
read_marker(IatiActivity *a, const xmlNode *n)
{
	IatiMarker *m;
	char *voc = attr(n, "vocabulary");

	mem_grow((void **)&a->markers, &a->cap[5], a->nmarkers + 1, sizeof(*m));
	m = &a->markers[a->nmarkers++];
	m->vocabulary =
	    xstrdup(voc == NULL || strcmp(voc, "DAC") == 0 ? "1" : voc);
	m->vocabulary_uri = attr(n, "vocabulary-uri");
	m->code = attr(n, "code");
	m->significance = attr(n, "significance");
	free(voc);
}

/* A date of n: its iso-date, else (1.0x) its text; cleaned, or NULL. */
static char *
read_day(IatiActivity *a, const xmlNode *n, const char *what)
{
	char *raw = attr(n, "iso-date");
	Buf d = BUF_INIT;
	int got;

	if (raw == NULL && child(n, "narrative") == NULL)
		raw = text_of(n);
	if (raw == NULL) {
		/* iso-date="": a date left out all the same, not silently. */
		if (has_attr(n, "iso-date"))
			iati_note(a, line_of(a, n), "iati-bad-date",
			    "%s: iso-date is empty: left out", what);
		return NULL;
	}
	got = iati_date_clean(raw, &d);
	if (got != 0)
		iati_note(a, line_of(a, n), "iati-bad-date",
		    got < 0
			? "%s: \"%s\" is not a date: left out"
			: "%s: \"%s\" is not a day: kept as far as it reads",
		    what, raw);
	free(raw);
	if (got < 0) {
		buf_free(&d);
		return NULL;
	}
	return buf_detach(&d);
}

static void
read_date(IatiActivity *a, const xmlNode *n)
{
	char *type = attr(n, "type");
	int t = iati_date_type(type);
	IatiDate *d;
	char *day;

	if (t == 0) {
		iati_note(a, line_of(a, n), "iati-unknown-code",
		    "activity-date: type \"%s\" is not a date type",
		    type ? type : "");
		free(type);
		return;
	}
	free(type);
	if ((day = read_day(a, n, "activity-date")) == NULL)
		return;
	mem_grow((void **)&a->dates, &a->cap[6], a->ndates + 1, sizeof(*d));
	d = &a->dates[a->ndates++];
	d->type = t;
	d->date = day;
	d->text = NULL;
	if (child(n, "narrative") != NULL)
		d->text = text_of(child(n, "narrative"));
}

/*
 * s in capitals, in place: the codelist's currency codes are ("usd" is
 * USD, not an unknown currency).
 */
static char *
upper(char *s)
{
	for (char *c = s; c && *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return s;
}

/* A value element into m: its text, currency and date. */
static void
read_value(IatiActivity *a, const xmlNode *n, IatiMoney *m)
{
	const xmlNode *v = child(n, "value");

	if (v == NULL)
		return;
	m->value = text_of(v);
	m->currency = attr(v, "currency");
	m->value_date = attr(v, "value-date");
	if (m->currency == NULL && a->currency != NULL)
		m->currency = xstrdup(a->currency);
	upper(m->currency);
}

/* Take back the last budget or transaction (it had no value). */
static void
money_drop(IatiActivity *a)
{
	iati_money_clear(&a->money[--a->nmoney]);
}

static IatiMoney *
money_new(IatiActivity *a, int kind)
{
	IatiMoney *m;

	mem_grow((void **)&a->money, &a->cap[7], a->nmoney + 1, sizeof(*m));
	m = &a->money[a->nmoney++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	return m;
}

static void
read_budget(IatiActivity *a, const xmlNode *n)
{
	IatiMoney *m = money_new(a, 'b');
	const xmlNode *c;
	char *type = attr(n, "type");
	const char *code = iati_budget_type(type);

	if (code == NULL)
		iati_note(a, line_of(a, n), "iati-unknown-code",
		    "budget type \"%s\" is not in the codelist", type);
	m->type = code ? xstrdup(code) : NULL;
	free(type);
	m->status = attr(n, "status");
	if ((c = child(n, "period-start")) != NULL)
		m->start = read_day(a, c, "budget period-start");
	if ((c = child(n, "period-end")) != NULL)
		m->end = read_day(a, c, "budget period-end");
	read_value(a, n, m);
	if (m->value == NULL) {
		iati_note(a, line_of(a, n), "iati-missing",
		    "budget without a value: left out");
		money_drop(a);
	}
}

static void
read_transaction(IatiActivity *a, const xmlNode *n)
{
	IatiMoney *m = money_new(a, 't');
	const xmlNode *c;
	char *type = NULL;
	const char *code;

	if ((c = child(n, "transaction-type")) != NULL)
		type = attr(c, "code");
	if ((code = iati_transaction_code(type)) == NULL)
		iati_note(a, line_of(a, n), "iati-unknown-code",
		    "transaction-type \"%s\" is not in the codelist",
		    type ? type : "");
	m->type = code ? xstrdup(code) : NULL;
	free(type);
	if ((c = child(n, "transaction-date")) != NULL)
		m->start = read_day(a, c, "transaction-date");
	if ((c = child(n, "description")) != NULL)
		m->description = org_name(a, c);
	if ((c = child(n, "provider-org")) != NULL)
		m->provider = org_name(a, c);
	if ((c = child(n, "receiver-org")) != NULL)
		m->receiver = org_name(a, c);
	read_value(a, n, m);
	if (m->value == NULL) {
		iati_note(a, line_of(a, n), "iati-missing",
		    "transaction without a value: left out");
		money_drop(a);
	}
}

static void
read_result(IatiActivity *a, const xmlNode *n)
{
	IatiResult *r;
	const xmlNode *c;

	mem_grow((void **)&a->results, &a->cap[8], a->nresults + 1, sizeof(*r));
	r = &a->results[a->nresults++];
	memset(r, 0, sizeof(*r));
	r->type = attr(n, "type");
	if ((c = child(n, "title")) != NULL)
		r->title = org_name(a, c);
	if ((c = child(n, "description")) != NULL)
		r->description = org_name(a, c);
	for (c = n->children; c; c = c->next)
		r->indicators += is(c, "indicator");
}

/* ctmatrix's own element: <ctm:project scopes="3" period="..." ...>. */
static void
read_ext(IatiActivity *a, const xmlNode *n)
{
	char *v;

	a->has_ext = 1;
	if ((v = attr(n, "scopes")) != NULL)
		a->ext_scopes = atoi(v) & 7;
	free(v);
	if ((v = attr(n, "open-ended")) != NULL)
		a->ext_open_ended = strcmp(v, "1") == 0;
	free(v);
	if ((v = attr(n, "annual")) != NULL)
		a->ext_annual = strcmp(v, "1") == 0;
	free(v);
	if ((v = attr(n, "no-status")) != NULL)
		a->ext_no_status = strcmp(v, "1") == 0;
	free(v);
	if ((v = attr(n, "serial")) != NULL) {
		a->ext_has_serial = 1;
		a->ext_serial = strtoll(v, NULL, 10);
	}
	free(v);
	a->ext_pillar = attr(n, "pillar");
	a->ext_period = attr(n, "period");
	a->ext_status_text = attr(n, "status-text");
	a->ext_start = attr(n, "start");
	a->ext_end = attr(n, "end");
	a->ext_scope_text = attr(n, "scope-text");
	a->ext_as_of = attr(n, "as-of");
	for (xmlNode *c = n->children; c; c = c->next) {
		struct IatiExtPlace *pl;
		char *name;

		if (c->type != XML_ELEMENT_NODE || c->ns == NULL ||
		    strcmp((const char *)c->name, "place") != 0 ||
		    (name = attr(c, "name")) == NULL)
			continue;
		mem_grow((void **)&a->ext_places, &a->ext_cap,
		    a->next_places + 1, sizeof(*pl));
		pl = &a->ext_places[a->next_places++];
		pl->name = name;
		pl->key = attr(c, "key");
		v = attr(c, "org");
		pl->org = v != NULL && strcmp(v, "1") == 0;
		free(v);
	}
}

/*
 * Whether c, a child of an activity, is one of IATI's elements: in no
 * namespace, or in its activity's (a file that puts IATI's elements in a
 * namespace of its own, default or prefixed); the rest are publishers'
 * extensions.
 */
static int
iati_element(const xmlNode *c)
{
	const xmlNode *p = c->parent;

	if (c->ns == NULL)
		return 1;
	return p != NULL && p->ns != NULL && p->ns->href != NULL &&
	    c->ns->href != NULL &&
	    strcmp((const char *)p->ns->href, (const char *)c->ns->href) == 0;
}

/* The elements of an activity, one by one. */
static void
read_element(IatiActivity *a, const xmlNode *c)
{
	const char *name = (const char *)c->name;

	if (!iati_element(c)) {
		if (c->ns->href &&
		    strcmp((const char *)c->ns->href, IATI_CTM_NS) == 0 &&
		    strcmp(name, "project") == 0 && !a->has_ext)
			read_ext(a, c);
		return;
	}
	if (strcmp(name, "iati-identifier") == 0) {
		free(a->identifier);
		a->identifier = text_of(c);
	} else if (strcmp(name, "reporting-org") == 0) {
		free(a->reporting_ref);
		free(a->reporting_type);
		free(a->reporting_name);
		a->reporting_ref = attr(c, "ref");
		a->reporting_type = attr(c, "type");
		a->reporting_name = org_name(a, c);
	} else if (strcmp(name, "title") == 0) {
		texts_add(a, c, NULL, &a->titles, &a->ntitles, &a->cap[0]);
	} else if (strcmp(name, "description") == 0) {
		char *type = attr(c, "type");

		texts_add(a, c, type ? type : "1", &a->descriptions,
		    &a->ndescriptions, &a->cap[1]);
		free(type);
	} else if (strcmp(name, "participating-org") == 0) {
		read_org(a, c);
	} else if (strcmp(name, "activity-status") == 0) {
		free(a->status);
		a->status = attr(c, "code");
	} else if (strcmp(name, "activity-scope") == 0) {
		free(a->scope);
		a->scope = attr(c, "code");
	} else if (strcmp(name, "activity-date") == 0) {
		read_date(a, c);
	} else if (strcmp(name, "recipient-country") == 0) {
		read_place(a, c, 0);
	} else if (strcmp(name, "recipient-region") == 0) {
		read_place(a, c, 1);
	} else if (strcmp(name, "sector") == 0) {
		read_sector(a, c);
	} else if (strcmp(name, "policy-marker") == 0) {
		read_marker(a, c);
	} else if (strcmp(name, "budget") == 0) {
		read_budget(a, c);
	} else if (strcmp(name, "transaction") == 0) {
		read_transaction(a, c);
	} else if (strcmp(name, "result") == 0) {
		read_result(a, c);
	}
}

static int
read_activity(Reader *rd, xmlTextReaderPtr r, xmlNode *n)
{
	IatiActivity a;
	char *v;
	int rc;

	memset(&a, 0, sizeof(a));
	a.line = activity_line(n, rd->before);
	if (a.line == 0)
		a.line =
		    (size_t)xml_lib(NULL)->xmlTextReaderGetParserLineNumber(r);
	a.lang = lang_of(n);
	a.currency = upper(attr(n, "default-currency"));
	v = attr(n, "version");
	a.version = v ? v : rd->version ? xstrdup(rd->version) : NULL;
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			read_element(&a, c);
	rc = rd->fn(rd->ctx, &a, rd->err);
	iati_activity_clear(&a);
	return rc;
}

/*
 * libxml2's errors: the first one, with its line, is the message.  The
 * line is the parser's where it met the fault (the error's, raised just
 * before this is called), not the locator's, which is the line of the
 * node being read: the start of the activity a fault is in.
 */
static void
reader_error(void *arg, const char *msg, xmlParserSeverities severity,
    xmlTextReaderLocatorPtr loc)
{
	Reader *rd = arg;
	const XmlLib *xml = xml_lib(NULL);
	const xmlError *e = xml->xmlGetLastError();
	Buf m = BUF_INIT;

	if (rd->err->len > 0 ||
	    (severity != XML_PARSER_SEVERITY_ERROR &&
		severity != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	/*
	 * A prefix no xmlns declares ("<akvo:photo-url>" in a file that
	 * forgot xmlns:akvo) breaks the rules of namespaces, not of XML:
	 * the element keeps its whole name, in no namespace, and is
	 * passed over as any element IATI does not have.
	 */
	if (e != NULL && e->domain == XML_FROM_NAMESPACE)
		return;
	buf_puts(&m, msg);
	buf_trim(&m);
	buf_printf(rd->err, "%s:%d: %s", rd->name,
	    e != NULL && e->line > 0 ? e->line
				     : xml->xmlTextReaderLocatorLineNumber(loc),
	    buf_str(&m));
	buf_free(&m);
}

static int
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * What libxml2 would say badly of a file: of a directory, "I/O error" on
 * standard error and "Extra content at the end of the document"; of a
 * file with no XML in it (empty, or white space only), the latter.  0,
 * or -1 with err.
 */
static int
input_check(
    const char *path, const char *data, size_t n, const char *name, Buf *err)
{
	struct stat st;
	FILE *fp;
	int c;

	if (path == NULL) {
		while (n > 0 && blank((unsigned char)*data))
			data++, n--;
		if (n > 0)
			return 0;
	} else if (strcmp(path, "-") == 0) {
		return 0; /* standard input, which libxml2 reads */
	} else {
		if ((fp = fopen(path, "r")) == NULL) {
			buf_printf(err, TC("%s: cannot open: %s"), name,
			    strerror(errno));
			return -1;
		}
		if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
			fclose(fp);
			buf_printf(err, TC("%s: is a directory"), name);
			return -1;
		}
		while ((c = getc(fp)) != EOF && blank(c))
			;
		fclose(fp);
		if (c != EOF)
			return 0;
	}
	buf_printf(err,
	    TC("%s: no XML in it: the file is empty or white space only"),
	    name);
	return -1;
}

long
iati_read(const char *path, const char *data, size_t n, const char *name,
    IatiActivityFn fn, void *ctx, Buf *err)
{
	/*
	 * XML_PARSE_BIG_LINES: without it no line past 65535 is known, and
	 * every defect of a large file past that line would be said to be
	 * there; the white space between elements kept (no NOBLANKS), as
	 * line_of() reads their lines from it.
	 */
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
	const XmlLib *xml = xml_lib(err);
	xmlTextReaderPtr r;
	Reader rd = { name, NULL, err, 0, fn, ctx };
	long count = -1, got = 0;
	int root = 0, step;

	if (xml == NULL || input_check(path, data, n, name, err) != 0)
		return -1;
	r = path ? xml->xmlReaderForFile(path, NULL, opts)
		 : xml->xmlReaderForMemory(data, (int)n, name, NULL, opts);
	if (r == NULL) {
		buf_printf(err, TC("%s: cannot be read"), name);
		return -1;
	}
	xml->xmlTextReaderSetErrorHandler(r, reader_error, &rd);
	step = xml->xmlTextReaderRead(r);
	while (step == 1) {
		const char *el =
		    (const char *)xml->xmlTextReaderConstLocalName(r);
		int depth = xml->xmlTextReaderDepth(r);

		if (xml->xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			xmlNode *t = xml->xmlTextReaderCurrentNode(r);

			/*
			 * Gone once the reader is past it: the line it ends
			 * on, an activity's past 65535 (read_activity()).
			 */
			rd.before =
			    depth == 1 && t != NULL && t->type == XML_TEXT_NODE
			    ? text_line(t)
			    : 0;
			step = xml->xmlTextReaderRead(r);
			continue;
		}
		if (depth == 0) {
			if (strcmp(el, "iati-activities") != 0) {
				buf_printf(err,
				    TC("%s:%d: <%s> is not <iati-activities>: "
				       "not an IATI activity file"),
				    name,
				    xml->xmlTextReaderGetParserLineNumber(r),
				    el);
				goto out;
			}
			root = 1;
			rd.version = (char *)xml->xmlTextReaderGetAttribute(
			    r, (const xmlChar *)"version");
		} else if (depth == 1 && strcmp(el, "iati-activity") == 0) {
			xmlNode *node = xml->xmlTextReaderExpand(r);

			if (node == NULL) {
				step = -1;
				break;
			}
			if (read_activity(&rd, r, node) != 0)
				goto out;
			got++;
			/*
			 * Past the activity, which frees its tree; Next()
			 * stands on the node that follows, seen as is.
			 */
			step = xml->xmlTextReaderNext(r);
			continue;
		}
		step = xml->xmlTextReaderRead(r);
	}
	if (step < 0 || err->len > 0) {
		if (err->len == 0)
			buf_printf(err, TC("%s:%d: not well-formed XML"), name,
			    xml->xmlTextReaderGetParserLineNumber(r));
		goto out;
	}
	if (!root) {
		buf_printf(err, TC("%s: no <iati-activities> element"), name);
		goto out;
	}
	count = got;
out:
	xml->xmlFree(rd.version);
	xml->xmlFreeTextReader(r);
	return count;
}
