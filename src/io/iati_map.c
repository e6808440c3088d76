/*
 * iati_map.c - the pure mappings of the IATI exchange (see iati.h): codes
 * of version 1.0x to those of 2.03, dates as publishers write them,
 * statuses, the gender marker, DAC regions to M49, decimals to minor
 * units, the relevance rule, and the codelists built into the binary.
 * Nothing here touches the store.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../text/fold.h"
#include "../text/lang.h"
#include "iati.h"
#include "xml.h"

/* The data files of blobs.S. */
extern const char ctm_blob_iati_relevance[];
extern const unsigned long ctm_blob_iati_relevance_size;

const char *
iati_role_code(const char *role)
{
	static const char *const name[] = { "Funding", "Accountable",
		"Extending", "Implementing" };
	static const char *const code[] = { "1", "2", "3", "4" };

	if (role == NULL)
		return NULL;
	for (int i = 0; i < 4; i++)
		if (strcmp(role, code[i]) == 0 ||
		    strcasecmp(role, name[i]) == 0)
			return code[i];
	return NULL;
}

int
iati_date_type(const char *type)
{
	static const char *const name[] = { "start-planned", "start-actual",
		"end-planned", "end-actual" };

	if (type == NULL)
		return 0;
	for (int i = 0; i < 4; i++)
		if ((type[0] == '1' + i && type[1] == '\0') ||
		    strcasecmp(type, name[i]) == 0)
			return i + 1;
	return 0;
}

static int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
iati_month_days(const char *ym)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int y, m;

	if (strlen(ym) < 7 || !digits(ym, 4) || ym[4] != '-' ||
	    !digits(ym + 5, 2))
		return 0;
	y = atoi(ym);
	m = (ym[5] - '0') * 10 + ym[6] - '0';
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Whether s is a time zone of xs:date, Z or +hh:mm or -hh:mm, to its end. */
static int
zone(const char *s)
{
	if (*s == 'Z')
		s++;
	else if ((*s == '+' || *s == '-') && digits(s + 1, 2) && s[3] == ':' &&
	    digits(s + 4, 2))
		s += 6;
	else
		return 0;
	while (isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

int
iati_date_clean(const char *text, Buf *out)
{
	const char *s = text;
	int m, d;

	buf_reset(out);
	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (!digits(s, 4) || s[0] == '0')
		return -1;
	if (s[4] != '-' || !digits(s + 5, 2)) {
		buf_append(out, s, 4);
		return 1;
	}
	m = (s[5] - '0') * 10 + s[6] - '0';
	if (m < 1 || m > 12) {
		buf_append(out, s, 4);
		return 1;
	}
	buf_append(out, s, 7);
	if (s[7] != '-' || !digits(s + 8, 2))
		return 1;
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (d < 1 || d > iati_month_days(buf_str(out)))
		return 1;
	buf_append(out, s + 7, 3);
	/*
	 * A datetime (2014-09-10T07:15:37Z) is its day, and so is a day
	 * with its time zone (xs:date: 2015-01-01Z, 2015-01-01+02:00).
	 */
	return s[10] == '\0' || s[10] == 'T' || isspace((unsigned char)s[10]) ||
		zone(s + 10)
	    ? 0
	    : 1;
}

int
iati_status_map(const char *code, const char **status, const char **text)
{
	*status = NULL;
	*text = NULL;
	if (code == NULL || code[0] == '\0' || code[1] != '\0')
		return 0;
	switch (code[0]) {
	case '1':
		*status = "in_development";
		return 1;
	case '2':
		*status = "ongoing";
		return 1;
	case '3':
	case '4':
		*status = "completed";
		return 1;
	case '5':
		*text = "Cancelled";
		return 1;
	case '6':
		*text = "Suspended";
		return 1;
	}
	return 0;
}

const char *
iati_status_code(const char *status)
{
	if (status == NULL || strcmp(status, "in_development") == 0)
		return "1";
	if (strcmp(status, "ongoing") == 0)
		return "2";
	return "4";
}

const char *
iati_transaction_code(const char *code)
{
	/* TransactionType: 1.0x letter codes and 2.0x numbers. */
	static const char *const letter[] = { "IF", "C", "D", "E", "IR", "LR",
		"R", "QP", "QS", "CG", "IC" };
	static const char *const number[] = { "1", "2", "3", "4", "5", "6", "7",
		"8", "9", "10", "11", "12", "13" };

	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(number) / sizeof(number[0]); i++)
		if (strcmp(code, number[i]) == 0)
			return number[i];
	for (size_t i = 0; i < sizeof(letter) / sizeof(letter[0]); i++)
		if (strcasecmp(code, letter[i]) == 0)
			return number[i];
	return NULL;
}

const char *
iati_budget_type(const char *type)
{
	if (type == NULL)
		return "1";
	if (strcmp(type, "1") == 0 || strcasecmp(type, "Original") == 0)
		return "1";
	if (strcmp(type, "2") == 0 || strcasecmp(type, "Revised") == 0)
		return "2";
	return NULL;
}

const char *
iati_sector_vocabulary(const char *v)
{
	if (v == NULL || v[0] == '\0' || strcmp(v, "DAC") == 0)
		return "1";
	if (strcmp(v, "DAC-3") == 0)
		return "2";
	if (digits(v, (int)strlen(v)))
		return v;
	/* 1.0x's other names (RO, NACE, ...): the publisher's own. */
	return "99";
}

int
iati_gender_from_dac(const char *sig)
{
	/*
	 * PolicySignificance: 0 not targeted, 1 significant objective, 2
	 * principal objective, 3 principal objective and in support of an
	 * action programme, 4 explicit primary objective.  The UN gender
	 * equality marker: 0 none, 1 limited, 2 significant, 3 principal.
	 */
	if (sig == NULL || sig[0] < '0' || sig[0] > '4' || sig[1] != '\0')
		return -1;
	return sig[0] == '0' ? 0 : sig[0] == '1' ? 2 : 3;
}

int
iati_gender_to_dac(int level)
{
	return level <= 1 ? level : level - 1;
}

const char *
iati_dac_region_m49(const char *code)
{
	/* The OECD DAC regions (Region codelist) that are M49 regions. */
	static const struct {
		const char *dac, *m49;
	} map[] = { { "189", "015" }, { "289", "202" }, { "298", "002" },
		{ "380", "029" }, { "389", "013" }, { "489", "005" },
		{ "498", "419" }, { "619", "143" }, { "679", "034" },
		{ "689", "034" }, { "789", "030" }, { "798", "142" },
		{ "889", "009" } };

	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(code, map[i].dac) == 0)
			return map[i].m49;
	return NULL;
}

int
iati_decimal(const char *text, int minor, int64_t *out)
{
	const char *s = text;
	int neg = 0, frac = 0, rounded = 0, any = 0;
	int64_t v = 0;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; isdigit((unsigned char)*s); s++, any = 1) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++, any = 1) {
			if (frac < minor) {
				if (v > (INT64_MAX - 9) / 10)
					return -1;
				v = v * 10 + (*s - '0');
				frac++;
			} else if (frac++ == minor) {
				rounded = 1;
				v +=
				    *s >= '5'; /* half up, on the first digit */
			} else if (*s != '0') {
				rounded = 1;
			}
		}
	while (isspace((unsigned char)*s))
		s++;
	if (!any || *s != '\0')
		return -1;
	for (; frac < minor; frac++) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	*out = neg ? -v : v;
	return rounded;
}

/* --- the relevance rule --------------------------------------------------- */

static int
rule_strings(json_t *root, const char *name, json_t **arr, Buf *err)
{
	*arr = json_object_get(root, name);
	if (*arr == NULL)
		return 0;
	if (!json_is_array(*arr)) {
		buf_printf(
		    err, TC("relevance rule: \"%s\" is not a list"), name);
		return -1;
	}
	for (size_t i = 0; i < json_array_size(*arr); i++)
		if (!json_is_string(json_array_get(*arr, i))) {
			buf_printf(err,
			    TC("relevance rule: \"%s\" holds a value that "
			       "is not text"),
			    name);
			return -1;
		}
	return 0;
}

int
iati_rule_load(IatiRule *r, const char *json, size_t n, Buf *err)
{
	json_error_t je;
	json_t *root = json_loadb(json, n, 0, &je), *sec, *mark, *words;
	Buf w = BUF_INIT;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (root == NULL || !json_is_object(root)) {
		buf_printf(err, TC("relevance rule: line %d: %s"), je.line,
		    root ? TC("not an object") : je.text);
		goto out;
	}
	if (rule_strings(root, "sectors", &sec, err) != 0 ||
	    rule_strings(root, "markers", &mark, err) != 0 ||
	    rule_strings(root, "keywords", &words, err) != 0)
		goto out;
	for (size_t i = 0; sec && i < json_array_size(sec); i++)
		strmap_put(
		    &r->sectors, json_string_value(json_array_get(sec, i)), 1);
	for (size_t i = 0; mark && i < json_array_size(mark); i++)
		strmap_put(
		    &r->markers, json_string_value(json_array_get(mark, i)), 1);
	r->words = xcalloc(json_array_size(words) + 1, sizeof(char *));
	for (size_t i = 0; words && i < json_array_size(words); i++) {
		buf_reset(&w);
		text_words(json_string_value(json_array_get(words, i)), &w);
		if (w.len > 0)
			r->words[r->nwords++] = buf_detach(&w);
	}
	rc = 0;
out:
	json_decref(root);
	buf_free(&w);
	return rc;
}

void
iati_rule_free(IatiRule *r)
{
	strmap_free(&r->sectors);
	strmap_free(&r->markers);
	for (size_t i = 0; i < r->nwords; i++)
		free(r->words[i]);
	free(r->words);
	memset(r, 0, sizeof(*r));
}

const char *
iati_rule_default(size_t *n)
{
	*n = (size_t)ctm_blob_iati_relevance_size;
	return ctm_blob_iati_relevance;
}

static int
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * Does word occur in text (both as text_words() gives them, text with a
 * space before it): at the start of a word when word is ASCII, anywhere
 * when it is in a script that may write words together.
 */
static int
word_in(const char *text, const char *word)
{
	const char *at = text;
	int start = ascii(word);

	while ((at = strstr(at, word)) != NULL) {
		if (!start || at == text || at[-1] == ' ')
			return 1;
		at++;
	}
	return 0;
}

static int
rule_words(const IatiRule *r, const IatiActivity *a, Buf *why)
{
	Buf text = BUF_INIT;
	int hit = 0;

	for (size_t i = 0; i < a->ntitles + a->ndescriptions; i++) {
		const IatiText *t = i < a->ntitles
		    ? &a->titles[i]
		    : &a->descriptions[i - a->ntitles];

		buf_putc(&text, ' ');
		text_words(t->text, &text);
	}
	for (size_t i = 0; !hit && i < r->nwords; i++)
		if (word_in(buf_str(&text), r->words[i])) {
			buf_printf(why, "keyword \"%s\"", r->words[i]);
			hit = 1;
		}
	buf_free(&text);
	return hit;
}

int
iati_rule_match(const IatiRule *r, const IatiActivity *a, Buf *why)
{
	Buf key = BUF_INIT;
	int64_t v;
	int hit = 0;

	for (size_t i = 0; !hit && i < a->nsectors; i++) {
		const IatiSector *x = &a->sectors[i];
		const char *voc = x->vocabulary ? x->vocabulary : "1";

		if (x->code == NULL ||
		    (strcmp(voc, "1") != 0 && strcmp(voc, "2") != 0))
			continue;
		if (strmap_get(&r->sectors, x->code, &v)) {
			buf_printf(why, "sector %s", x->code);
			hit = 1;
		} else if (strlen(x->code) == 5) {
			/* A category listed takes in its codes. */
			buf_set(&key, x->code);
			buf_truncate(&key, 3);
			if (strmap_get(&r->sectors, buf_str(&key), &v)) {
				buf_printf(why, "sector %s", x->code);
				hit = 1;
			}
		}
	}
	for (size_t i = 0; !hit && i < a->nmarkers; i++) {
		const IatiMarker *m = &a->markers[i];

		buf_reset(&key);
		buf_printf(&key, "%s:%s", m->vocabulary ? m->vocabulary : "1",
		    m->code ? m->code : "");
		/* A marker counts when it is an objective at all. */
		if (strmap_get(&r->markers, buf_str(&key), &v) &&
		    m->significance && strcmp(m->significance, "0") != 0) {
			buf_printf(why, "policy marker %s", buf_str(&key));
			hit = 1;
		}
	}
	if (!hit)
		hit = rule_words(r, a, why);
	buf_free(&key);
	return hit;
}

/* --- codelists ------------------------------------------------------------ */

#define CODELISTS 8

/* A codelist built in, and its codes once loaded. */
typedef struct Codelist {
	const char *name;
	const char *data;
	const unsigned long *size;
	StrMap code;  /* code -> index into names */
	char **names; /* English names */
	size_t n, cap;
	int loaded;
} Codelist;

#define BLOB_DECL(x)                                                           \
	extern const char ctm_blob_iati_##x[];                                 \
	extern const unsigned long ctm_blob_iati_##x##_size;
BLOB_DECL(activity_status)
BLOB_DECL(budget_type)
BLOB_DECL(org_role)
BLOB_DECL(policy_marker)
BLOB_DECL(region)
BLOB_DECL(sector)
BLOB_DECL(sector_category)
BLOB_DECL(transaction_type)

static Codelist codelists[CODELISTS] = {
	{ "ActivityStatus", ctm_blob_iati_activity_status,
	    &ctm_blob_iati_activity_status_size, STRMAP_INIT, NULL, 0, 0, 0 },
	{ "BudgetType", ctm_blob_iati_budget_type,
	    &ctm_blob_iati_budget_type_size, STRMAP_INIT, NULL, 0, 0, 0 },
	{ "OrganisationRole", ctm_blob_iati_org_role,
	    &ctm_blob_iati_org_role_size, STRMAP_INIT, NULL, 0, 0, 0 },
	{ "PolicyMarker", ctm_blob_iati_policy_marker,
	    &ctm_blob_iati_policy_marker_size, STRMAP_INIT, NULL, 0, 0, 0 },
	{ "Region", ctm_blob_iati_region, &ctm_blob_iati_region_size,
	    STRMAP_INIT, NULL, 0, 0, 0 },
	{ "Sector", ctm_blob_iati_sector, &ctm_blob_iati_sector_size,
	    STRMAP_INIT, NULL, 0, 0, 0 },
	{ "SectorCategory", ctm_blob_iati_sector_category,
	    &ctm_blob_iati_sector_category_size, STRMAP_INIT, NULL, 0, 0, 0 },
	{ "TransactionType", ctm_blob_iati_transaction_type,
	    &ctm_blob_iati_transaction_type_size, STRMAP_INIT, NULL, 0, 0, 0 },
};

/* The first child element of n named name, or NULL. */
static xmlNode *
child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* The English name of a codelist item: its first narrative without lang. */
static char *
item_name(const XmlLib *xml, xmlNode *item)
{
	xmlNode *name = child(item, "name");

	for (xmlNode *c = name ? name->children : NULL; c; c = c->next) {
		xmlChar *lang;

		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "narrative") != 0)
			continue;
		lang = xml->xmlNodeGetLang(c);
		if (lang == NULL || strcmp((const char *)lang, "en") == 0) {
			xmlChar *t = xml->xmlNodeGetContent(c);
			char *s = xstrdup((const char *)t);

			xml->xmlFree(t);
			xml->xmlFree(lang);
			return s;
		}
		xml->xmlFree(lang);
	}
	return xstrdup("");
}

/* A codelist's codes; with no error to return, exits if libxml2 is missing. */
static void
codelist_load(Codelist *cl)
{
	const XmlLib *xml = xml_lib(NULL);
	xmlDoc *doc = xml->xmlReadMemory(cl->data, (int)*cl->size, cl->name,
	    NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	xmlNode *items =
	    child(xml->xmlDocGetRootElement(doc), "codelist-items");

	cl->loaded = 1;
	for (xmlNode *c = items ? items->children : NULL; c; c = c->next) {
		xmlNode *code = child(c, "code");
		xmlChar *t;

		if (c->type != XML_ELEMENT_NODE || code == NULL)
			continue;
		t = xml->xmlNodeGetContent(code);
		mem_grow(
		    (void **)&cl->names, &cl->cap, cl->n + 1, sizeof(char *));
		cl->names[cl->n] = item_name(xml, c);
		strmap_put(&cl->code, (const char *)t, (int64_t)cl->n++);
		xml->xmlFree(t);
	}
	xml->xmlFreeDoc(doc);
}

const char *
iati_code_name(const char *list, const char *code)
{
	int64_t at;

	if (code == NULL)
		return NULL;
	for (int i = 0; i < CODELISTS; i++) {
		Codelist *cl = &codelists[i];

		if (strcmp(cl->name, list) != 0)
			continue;
		if (!cl->loaded)
			codelist_load(cl);
		return strmap_get(&cl->code, code, &at) ? cl->names[at] : NULL;
	}
	return NULL;
}
