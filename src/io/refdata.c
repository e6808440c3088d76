/*
 * refdata.c - the reference data loader (see refdata.h).
 *
 * Five files: framework.json, unsd-m49.csv, groupings.json,
 * place-aliases.json and organisations.json.  Names given as official
 * names (the M49 names in six languages, the names of groupings and
 * organisations) become aliases when no other place or organisation has
 * them; aliases given as such must be unambiguous, and a clash is an error
 * naming both sides.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../core/csv.h"
#include "../core/mem.h"
#include "../text/lang.h"
#include "refdata.h"

extern const char ctm_blob_framework[], ctm_blob_organisations[],
    ctm_blob_groupings[], ctm_blob_place_aliases[], ctm_blob_m49[],
    ctm_blob_currencies[], ctm_blob_seed_rounds[];
extern const uint64_t ctm_blob_framework_size, ctm_blob_organisations_size,
    ctm_blob_groupings_size, ctm_blob_place_aliases_size, ctm_blob_m49_size,
    ctm_blob_currencies_size, ctm_blob_seed_rounds_size;
/* The cksum of the files above, made when the binary was (blobs.S). */
extern const uint64_t ctm_blob_refdata_stamp;

static const char *const langs[] = { "ar", "en", "es", "fr", "ru", "zh" };
#define NLANGS 6

static json_t *
json_parse(const char *blob, uint64_t size, const char *file, Buf *err)
{
	json_error_t je;
	json_t *j = json_loadb(blob, (size_t)size, 0, &je);

	if (j == NULL)
		buf_printf(
		    err, "%s:%d:%d: %s", file, je.line, je.column, je.text);
	return j;
}

static const char *
jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Record an official name as alias: a clash is skipped, not an error. */
static int
soft_alias(int (*put)(Store *, const char *, const char *, Buf *), Store *s,
    const char *alias, const char *key, RefdataCounts *c, Buf *err)
{
	Buf e = BUF_INIT;
	int rc = put(s, alias, key, &e);

	if (rc < 0 && strstr(buf_str(&e), "names both") != NULL) {
		c->skipped_aliases++;
		rc = 0;
	} else if (rc < 0) {
		buf_puts(err, buf_str(&e));
	}
	buf_free(&e);
	return rc < 0 ? -1 : 0;
}

static int
load_framework(Store *s, RefdataCounts *c, Buf *err)
{
	json_t *root, *strat, *arr, *item;
	size_t i;
	int64_t sid;
	int rc = -1;

	root = json_parse(ctm_blob_framework, ctm_blob_framework_size,
	    "data/framework.json", err);
	if (root == NULL)
		return -1;
	strat = json_object_get(root, "strategy");
	if (!jstr(strat, "key")) {
		buf_printf(
		    err, TC("%s: strategy has no key"), "data/framework.json");
		goto out;
	}
	if ((sid = store_strategy_put(
		 s, jstr(strat, "key"), jstr(strat, "symbol"), err)) < 0)
		goto out;
	for (int l = 0; l < NLANGS; l++) {
		const char *n = jstr(json_object_get(strat, "name"), langs[l]);

		if (n && store_strategy_name_put(s, sid, langs[l], n, err))
			goto out;
	}
	arr = json_object_get(root, "pillars");
	json_array_foreach(arr, i, item)
	{
		json_t *sh = json_object_get(item, "short");
		json_t *fu = json_object_get(item, "full");
		int64_t pid;

		if (!jstr(item, "key")) {
			buf_printf(err, TC("%s: pillar %zu has no key"),
			    "data/framework.json", i + 1);
			goto out;
		}
		pid = store_pillar_put(s, sid, jstr(item, "key"),
		    (int)json_integer_value(json_object_get(item, "number")),
		    err);
		if (pid < 0)
			goto out;
		for (int l = 0; l < NLANGS; l++) {
			const char *a = jstr(sh, langs[l]),
				   *b = jstr(fu, langs[l]);

			if (a && b &&
			    store_pillar_name_put(s, pid, langs[l], a, b, err))
				goto out;
		}
		c->pillars++;
	}
	arr = json_object_get(root, "thematic_areas");
	json_array_foreach(arr, i, item)
	{
		json_t *pl, *names = json_object_get(item, "name");
		const char *k, *v;
		size_t j;
		int64_t aid = store_area_put(s, sid, jstr(item, "key"), err);

		if (aid < 0)
			goto out;
		json_object_foreach(names, k, pl)
		{
			if ((v = json_string_value(pl)) != NULL &&
			    store_area_name_put(s, aid, k, v, err))
				goto out;
		}
		json_array_foreach(json_object_get(item, "pillars"), j, pl)
		{
			if (store_area_pillar_put(
				s, aid, sid, json_string_value(pl), err))
				goto out;
		}
		json_array_foreach(json_object_get(item, "keywords"), j, pl)
		{
			if ((v = json_string_value(pl)) != NULL &&
			    store_area_keyword_put(s, aid, v, err))
				goto out;
		}
		c->areas++;
	}
	arr = json_object_get(root, "working_groups");
	json_array_foreach(arr, i, item)
	{
		json_t *v, *names = json_object_get(item, "name");
		const char *k;
		size_t j;
		int64_t gid = store_group_put(s, sid, jstr(item, "key"), err);

		if (gid < 0)
			goto out;
		json_object_foreach(names, k, v)
		{
			if (json_string_value(v) &&
			    store_group_name_put(
				s, gid, k, json_string_value(v), err))
				goto out;
		}
		json_array_foreach(
		    json_object_get(item, "thematic_areas"), j, v)
		{
			if (store_group_area_put(
				s, gid, sid, json_string_value(v), err))
				goto out;
		}
		c->groups++;
	}
	rc = 0;
out:
	if (rc != 0 && strncmp(buf_str(err), "data/", 5) != 0) {
		Buf m = BUF_INIT;

		buf_printf(&m, "data/framework.json: %s", buf_str(err));
		buf_set(err, buf_str(&m));
		buf_free(&m);
	}
	json_decref(root);
	return rc;
}

/* Columns of the M49 table, found by their headings. */
enum { M_CODE, M_NAME, M_NLEVELS = 5 };
static const char *const m49_level_head[M_NLEVELS] = { "Global", "Region",
	"Sub-region", "Intermediate Region", "Country or Area" };
static const char *const m49_level_kind[M_NLEVELS] = { "world", "region",
	"subregion", "intermediate", "country" };
static const char *const m49_lang_suffix[NLANGS] = { "_AR", "", "_ES", "_FR",
	"_RU", "_ZH" };

typedef struct M49Cols {
	int code[M_NLEVELS];         /* code column per level */
	int name[M_NLEVELS][NLANGS]; /* name column per level and language */
	int iso2, iso3;
} M49Cols;

static int
m49_find(const CsvReader *r, const char *head)
{
	for (size_t i = 0; i < r->nfield; i++)
		if (strcmp(csv_field(r, i), head) == 0)
			return (int)i;
	return -1;
}

static int
m49_columns(const CsvReader *r, M49Cols *mc, Buf *err)
{
	Buf h = BUF_INIT;
	int rc = 0;

	for (int lv = 0; lv < M_NLEVELS && rc == 0; lv++) {
		buf_reset(&h);
		buf_printf(&h, "%s Code", lv == 4 ? "M49" : m49_level_head[lv]);
		mc->code[lv] = m49_find(r, buf_str(&h));
		for (int l = 0; l < NLANGS; l++) {
			buf_reset(&h);
			buf_printf(&h, "%s%s%s", m49_level_head[lv],
			    lv == 4 ? "" : " Name", m49_lang_suffix[l]);
			mc->name[lv][l] = m49_find(r, buf_str(&h));
			if (mc->name[lv][l] < 0 && l == 1)
				rc = -1;
		}
		if (mc->code[lv] < 0)
			rc = -1;
		if (rc != 0)
			buf_printf(err, TC("%s: no column \"%s\""),
			    "data/unsd-m49.csv", buf_str(&h));
	}
	mc->iso2 = m49_find(r, "ISO-alpha2 Code");
	mc->iso3 = m49_find(r, "ISO-alpha3 Code");
	if (rc == 0 && (mc->iso2 < 0 || mc->iso3 < 0)) {
		buf_printf(err, TC("%s: no ISO-alpha2/3 Code column"),
		    "data/unsd-m49.csv");
		rc = -1;
	}
	buf_free(&h);
	return rc;
}

/* A trimmed copy of field i, or "" when the column is missing. */
static void
m49_get(const CsvReader *r, int i, Buf *out)
{
	buf_reset(out);
	if (i >= 0 && (size_t)i < r->nfield)
		buf_puts(out, csv_field(r, i));
	buf_trim(out);
}

/* Write one level of one row; *key receives the place key. */
static int
m49_level(Store *s, const CsvReader *r, const M49Cols *mc, int lv,
    const char *parent, Buf *key, RefdataCounts *c, Buf *err)
{
	Buf code = BUF_INIT, name = BUF_INIT, iso2 = BUF_INIT, iso3 = BUF_INIT;
	int64_t id;
	int rc = -1;

	m49_get(r, mc->code[lv], &code);
	m49_get(r, mc->name[lv][1], &name);
	buf_reset(key);
	if (code.len == 0) {
		rc = 0;
		goto out;
	}
	while (code.len < 3) {
		Buf z = BUF_INIT;

		buf_printf(&z, "0%s", buf_str(&code));
		buf_set(&code, buf_str(&z));
		buf_free(&z);
	}
	if (lv == 4) {
		m49_get(r, mc->iso2, &iso2);
		m49_get(r, mc->iso3, &iso3);
	}
	buf_set(key, iso3.len ? buf_str(&iso3) : buf_str(&code));
	id = store_place_put(s, buf_str(key), m49_level_kind[lv],
	    buf_str(&code), iso2.len ? buf_str(&iso2) : NULL,
	    iso3.len ? buf_str(&iso3) : NULL, buf_str(&name), err);
	if (id < 0)
		goto out;
	if (parent && *parent && store_place_parent_put(s, id, parent, err))
		goto out;
	for (int l = 0; l < NLANGS; l++) {
		m49_get(r, mc->name[lv][l], &name);
		if (name.len == 0)
			continue;
		if (store_place_name_put(
			s, id, langs[l], buf_str(&name), err) ||
		    soft_alias(store_place_alias_put, s, buf_str(&name),
			buf_str(key), c, err))
			goto out;
	}
	if (iso3.len &&
	    soft_alias(
		store_place_alias_put, s, buf_str(&iso3), buf_str(key), c, err))
		goto out;
	/* The M49 code names the place too: "--region 002". */
	if (soft_alias(
		store_place_alias_put, s, buf_str(&code), buf_str(key), c, err))
		goto out;
	if (lv == 4) {
		c->countries++;
		c->places++;
	}
	rc = 0;
out:
	buf_free(&code);
	buf_free(&name);
	buf_free(&iso2);
	buf_free(&iso3);
	return rc;
}

static int
load_m49(Store *s, RefdataCounts *c, Buf *err)
{
	CsvReader r;
	M49Cols mc;
	Buf key[M_NLEVELS] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT,
		BUF_INIT };
	int got, rc = -1;

	csv_init(&r, ctm_blob_m49, (size_t)ctm_blob_m49_size);
	if (csv_next(&r, err) != 1 || m49_columns(&r, &mc, err) != 0)
		goto out;
	while ((got = csv_next(&r, err)) == 1) {
		const char *parent = NULL;

		if (r.nfield == 1 && csv_field(&r, 0)[0] == '\0')
			continue;
		for (int lv = 0; lv < M_NLEVELS; lv++) {
			if (m49_level(
				s, &r, &mc, lv, parent, &key[lv], c, err)) {
				Buf m = BUF_INIT;

				buf_printf(&m, "data/unsd-m49.csv:%zu: %s",
				    r.record_line, buf_str(err));
				buf_set(err, buf_str(&m));
				buf_free(&m);
				goto out;
			}
			if (key[lv].len > 0)
				parent = buf_str(&key[lv]);
		}
	}
	if (got < 0) {
		Buf m = BUF_INIT;

		buf_printf(&m, "data/unsd-m49.csv: %s", buf_str(err));
		buf_set(err, buf_str(&m));
		buf_free(&m);
		goto out;
	}
	rc = 0;
out:
	for (int lv = 0; lv < M_NLEVELS; lv++)
		buf_free(&key[lv]);
	csv_free(&r);
	return rc;
}

/* Prefix err with the file name, unless it already names a file. */
static void
err_in(Buf *err, const char *file, const char *what)
{
	Buf m = BUF_INIT;

	buf_printf(&m, "%s: %s%s%s", file, what ? what : "", what ? ": " : "",
	    buf_str(err));
	buf_set(err, buf_str(&m));
	buf_free(&m);
}

static int
load_groupings(Store *s, RefdataCounts *c, Buf *err)
{
	const char *file = "data/groupings.json";
	json_t *root, *item, *v;
	size_t i, j;
	int rc = -1;

	root =
	    json_parse(ctm_blob_groupings, ctm_blob_groupings_size, file, err);
	if (root == NULL)
		return -1;
	json_array_foreach(json_object_get(root, "groupings"), i, item)
	{
		const char *key = jstr(item, "key"), *lang;
		json_t *names = json_object_get(item, "name");
		const char *en = jstr(names, "en");
		int64_t id;

		if (key == NULL || en == NULL) {
			buf_printf(err,
			    TC("%s: grouping %zu has no key or English name"),
			    file, i + 1);
			goto out;
		}
		id = store_place_put(
		    s, key, "grouping", NULL, NULL, NULL, en, err);
		if (id < 0)
			goto bad;
		json_object_foreach(names, lang, v)
		{
			const char *n = json_string_value(v);

			if (n &&
			    (store_place_name_put(s, id, lang, n, err) ||
				soft_alias(
				    store_place_alias_put, s, n, key, c, err)))
				goto bad;
		}
		json_array_foreach(json_object_get(item, "aliases"), j, v)
		{
			if (store_place_alias_put(
				s, json_string_value(v), key, err) < 0)
				goto bad;
			c->place_aliases++;
		}
		json_array_foreach(json_object_get(item, "members"), j, v)
		{
			const char *m = json_string_value(v);
			Buf sql_err = BUF_INIT;

			/* The member is the child: country -> grouping. */
			if (m == NULL ||
			    store_place_member(s, m, key, &sql_err) != 0) {
				buf_printf(err, TC("member \"%s\": %s"),
				    m ? m : "?", buf_str(&sql_err));
				buf_free(&sql_err);
				goto bad;
			}
			buf_free(&sql_err);
		}
		c->groupings++;
		continue;
	bad:
		err_in(err, file, key);
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int
load_place_aliases(Store *s, RefdataCounts *c, Buf *err)
{
	const char *file = "data/place-aliases.json";
	json_t *root, *item;
	size_t i;
	int rc = -1;

	root = json_parse(
	    ctm_blob_place_aliases, ctm_blob_place_aliases_size, file, err);
	if (root == NULL)
		return -1;
	json_array_foreach(json_object_get(root, "aliases"), i, item)
	{
		const char *alias = jstr(item, "alias"),
			   *place = jstr(item, "place");

		if (alias == NULL || place == NULL) {
			buf_printf(err,
			    TC("%s: alias %zu lacks alias or place"), file,
			    i + 1);
			goto out;
		}
		if (store_place_alias_put(s, alias, place, err) < 0) {
			err_in(err, file, NULL);
			goto out;
		}
		c->place_aliases++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int
load_organisations(Store *s, RefdataCounts *c, Buf *err)
{
	const char *file = "data/organisations.json";
	json_t *root, *list, *item, *v;
	size_t i, j;
	int rc = -1;

	root = json_parse(
	    ctm_blob_organisations, ctm_blob_organisations_size, file, err);
	if (root == NULL)
		return -1;
	list = json_object_get(root, "organisations");
	json_array_foreach(list, i, item)
	{
		const char *key = jstr(item, "key"), *lang;
		json_t *names = json_object_get(item, "name");
		const char *en = jstr(names, "en");
		int64_t id;

		if (key == NULL || en == NULL) {
			buf_printf(err,
			    TC("%s: organisation %zu has no key or English "
			       "name"),
			    file, i + 1);
			goto out;
		}
		id = store_org_put(
		    s, key, en, jstr(item, "type"), jstr(item, "compact"), err);
		if (id < 0 || store_org_alias_put(s, key, key, err) < 0)
			goto bad;
		json_object_foreach(names, lang, v)
		{
			const char *n = json_string_value(v);

			if (n &&
			    (store_org_name_put(s, id, lang, n, err) ||
				soft_alias(
				    store_org_alias_put, s, n, key, c, err)))
				goto bad;
		}
		json_array_foreach(json_object_get(item, "aliases"), j, v)
		{
			if (store_org_alias_put(
				s, json_string_value(v), key, err) < 0)
				goto bad;
			c->org_aliases++;
		}
		c->orgs++;
		continue;
	bad:
		err_in(err, file, key);
		goto out;
	}
	/* Parents name organisations that may come later in the file. */
	json_array_foreach(list, i, item)
	{
		if (store_org_parent_set(
			s, jstr(item, "key"), jstr(item, "parent"), err) != 0) {
			err_in(err, file, jstr(item, "key"));
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static int
load_currencies(Store *s, RefdataCounts *c, Buf *err)
{
	const char *file = "data/currencies.json";
	json_t *root, *item;
	size_t i;
	int rc = -1;

	root = json_parse(
	    ctm_blob_currencies, ctm_blob_currencies_size, file, err);
	if (root == NULL)
		return -1;
	json_array_foreach(json_object_get(root, "currencies"), i, item)
	{
		const char *code = jstr(item, "code"),
			   *name = jstr(item, "name");
		json_t *minor = json_object_get(item, "minor");

		if (code == NULL || strlen(code) != 3 || name == NULL ||
		    !json_is_integer(minor) || json_integer_value(minor) < 0 ||
		    json_integer_value(minor) > 4) {
			buf_printf(err,
			    TC("%s: currency %zu needs a code of three letters,"
			       " a name and a minor unit of 0 to 4 digits"),
			    file, i + 1);
			goto out;
		}
		if (store_currency_put(s, code, (int)json_integer_value(minor),
			name, err) != 0) {
			err_in(err, file, code);
			goto out;
		}
		c->currencies++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* "949111.00" as cents; -1 when it is not such a sum. */
static int64_t
usd_cents(const char *v)
{
	int64_t n = 0;
	int frac = -1;

	if (v == NULL || *v == '\0')
		return -1;
	for (; *v != '\0'; v++) {
		if (*v == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*v < '0' || *v > '9' || frac >= 2 || n > INT64_MAX / 100)
			return -1;
		n = n * 10 + (*v - '0');
		if (frac >= 0)
			frac++;
	}
	for (; frac < 2; frac++)
		n *= 10;
	return n;
}

static int
load_seed_rounds(Store *s, RefdataCounts *c, Buf *err)
{
	const char *file = "data/seed-rounds.json";
	const char *source;
	json_t *root, *item;
	size_t i;
	int rc = -1;

	root = json_parse(
	    ctm_blob_seed_rounds, ctm_blob_seed_rounds_size, file, err);
	if (root == NULL)
		return -1;
	source = jstr(root, "source");
	json_array_foreach(json_object_get(root, "rounds"), i, item)
	{
		const char *key = jstr(item, "key"), *name = jstr(item, "name");
		json_t *year = json_object_get(item, "year");
		json_t *np = json_object_get(item, "projects");
		int64_t usd = usd_cents(jstr(item, "usd"));

		if (key == NULL || name == NULL || !json_is_integer(year) ||
		    (jstr(item, "usd") != NULL && usd < 0)) {
			buf_printf(err,
			    TC("%s: round %zu needs a key, a name, a year, and "
			       "a"
			       " sum such as \"949111.00\""),
			    file, i + 1);
			goto out;
		}
		if (store_seed_round_put(s, key, name,
			(int)json_integer_value(year),
			json_is_integer(np) ? json_integer_value(np) : -1,
			jstr(item, "usd") ? usd : -1, source ? source : "",
			err) < 0) {
			err_in(err, file, key);
			goto out;
		}
		c->seed_rounds++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/*
 * Load it all in the transaction begun, and record the stamp of the data
 * loaded; unless only_missing and s has them already (another process
 * loaded them while this one waited for the write lock).  Commit, or roll
 * back and return -1.
 */
static int
refdata_load_in(Store *s, RefdataCounts *counts, int only_missing, Buf *err)
{
	int64_t stamp = (int64_t)ctm_blob_refdata_stamp;
	RefdataCounts c;

	memset(&c, 0, sizeof(c));
	if (only_missing && store_has_reference(s, stamp)) {
		store_rollback(s);
		return 0;
	}
	if (load_framework(s, &c, err) || load_m49(s, &c, err) ||
	    load_groupings(s, &c, err) || load_place_aliases(s, &c, err) ||
	    load_organisations(s, &c, err) || load_currencies(s, &c, err) ||
	    load_seed_rounds(s, &c, err) || store_place_closure(s, err) ||
	    store_reference_stamp_set(s, stamp, err) || store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	if (counts != NULL)
		*counts = c;
	return 0;
}

int
refdata_load(Store *s, RefdataCounts *counts, Buf *err)
{
	if (store_begin(s, err) != 0)
		return -1;
	return refdata_load_in(s, counts, 0, err);
}

int
refdata_ensure(Store *s, Buf *err)
{
	if (store_has_reference(s, (int64_t)ctm_blob_refdata_stamp))
		return 0;
	if (store_begin(s, err) != 0)
		return -1;
	return refdata_load_in(s, NULL, 1, err);
}

int
refdata_countries(CountryList *cl, Buf *err)
{
	CsvReader r;
	M49Cols mc;
	Buf code = BUF_INIT, name = BUF_INIT;
	int got, rc = -1;
	size_t cap = 0;

	memset(cl, 0, sizeof(*cl));
	csv_init(&r, ctm_blob_m49, (size_t)ctm_blob_m49_size);
	if (csv_next(&r, err) != 1 || m49_columns(&r, &mc, err) != 0)
		goto out;
	while ((got = csv_next(&r, err)) == 1) {
		m49_get(&r, mc.iso3, &code);
		m49_get(&r, mc.name[4][1], &name);
		if (code.len != 3)
			continue;
		mem_grow((void **)&cl->name, &cap, cl->n + 1, sizeof(char *));
		cl->name[cl->n] = xstrdup(buf_str(&name));
		strmap_put(&cl->idx, buf_str(&code), (int64_t)cl->n);
		cl->n++;
	}
	rc = got == 0 ? 0 : -1;
out:
	csv_free(&r);
	buf_free(&code);
	buf_free(&name);
	return rc;
}

int
refdata_country_known(void *ctx, const char *alpha3)
{
	int64_t v;

	return strmap_get(&((CountryList *)ctx)->idx, alpha3, &v);
}

const char *
refdata_country_name(const CountryList *cl, const char *alpha3)
{
	int64_t v;

	return strmap_get(&cl->idx, alpha3, &v) ? cl->name[v] : NULL;
}

void
refdata_countries_free(CountryList *cl)
{
	for (size_t i = 0; i < cl->n; i++)
		free(cl->name[i]);
	free(cl->name);
	strmap_free(&cl->idx);
	memset(cl, 0, sizeof(*cl));
}
