/*
 * resolve.c - name resolution against the reference data (see resolve.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/fold.h"
#include "resolve.h"

/* Intern s: return a copy owned by r, shared between equal strings. */
static const char *
resolver_intern(Resolver *r, StrMap *seen, const char *s)
{
	int64_t i;

	if (strmap_get(seen, s, &i))
		return r->strings[i];
	mem_grow(
	    (void **)&r->strings, &r->scap, r->nstrings + 1, sizeof(char *));
	r->strings[r->nstrings] = xstrdup(s);
	strmap_put(seen, s, (int64_t)r->nstrings);
	return r->strings[r->nstrings++];
}

typedef struct LoadCtx {
	Resolver *r;
	StrMap *map; /* the map being filled */
	StrMap seen; /* interned strings */
	StrMap ids;  /* "o:ID" / "p:ID" -> entry index */
	char prefix; /* 'o' or 'p' */
} LoadCtx;

static int
load_alias(
    void *ctx, const char *fold, int64_t id, const char *key, const char *kind)
{
	LoadCtx *c = ctx;
	Resolver *r = c->r;
	Buf idkey = BUF_INIT;
	int64_t idx;

	buf_printf(&idkey, "%c:%lld", c->prefix, (long long)id);
	if (!strmap_get(&c->ids, buf_str(&idkey), &idx)) {
		mem_grow((void **)&r->entry, &r->cap, r->nentry + 1,
		    sizeof(Resolved));
		r->entry[r->nentry].id = id;
		r->entry[r->nentry].key = resolver_intern(r, &c->seen, key);
		r->entry[r->nentry].kind = resolver_intern(r, &c->seen, kind);
		idx = (int64_t)r->nentry++;
		strmap_put(&c->ids, buf_str(&idkey), idx);
	}
	strmap_put(c->map, fold, idx);
	buf_free(&idkey);
	return 0;
}

int
resolver_load(Resolver *r, Store *s, Buf *err)
{
	LoadCtx c;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	c.r = r;
	c.map = &r->org;
	c.prefix = 'o';
	rc = store_org_aliases(s, load_alias, &c, err);
	if (rc == 0) {
		c.map = &r->place;
		c.prefix = 'p';
		rc = store_place_aliases(s, load_alias, &c, err);
	}
	strmap_free(&c.seen);
	strmap_free(&c.ids);
	if (rc != 0)
		resolver_free(r);
	return rc;
}

void
resolver_free(Resolver *r)
{
	strmap_free(&r->org);
	strmap_free(&r->place);
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->entry);
	memset(r, 0, sizeof(*r));
}

typedef int (*FindFn)(const void *ctx, const char *key, Resolved *out);

/*
 * Try name's key, then without a leading "the", then for "Long name (ACR)"
 * the acronym and the long name; find looks a name key up.
 */
static int
lookup(FindFn find, const void *ctx, const char *name, Resolved *out)
{
	Buf k = BUF_INIT, part = BUF_INIT;
	const char *open, *close;
	int found = 0;

	text_name_key(name, &k);
	found = k.len > 0 && find(ctx, buf_str(&k), out);
	if (!found && strncmp(buf_str(&k), "the ", 4) == 0)
		found = find(ctx, buf_str(&k) + 4, out);
	open = strrchr(name, '(');
	close = open ? strchr(open, ')') : NULL;
	if (!found && open != NULL && close != NULL) {
		buf_append(&part, open + 1, (size_t)(close - open - 1));
		buf_reset(&k);
		text_name_key(buf_str(&part), &k);
		found = k.len > 0 && find(ctx, buf_str(&k), out);
		if (!found) {
			buf_reset(&part);
			buf_append(&part, name, (size_t)(open - name));
			found = lookup(find, ctx, buf_str(&part), out);
		}
	}
	buf_free(&k);
	buf_free(&part);
	return found;
}

typedef struct MapCtx {
	const Resolver *r;
	const StrMap *m;
} MapCtx;

static int
find_map(const void *ctx, const char *key, Resolved *out)
{
	const MapCtx *c = ctx;
	int64_t idx;

	if (!strmap_get(c->m, key, &idx))
		return 0;
	*out = c->r->entry[idx];
	return 1;
}

int
resolver_org(const Resolver *r, const char *name, Resolved *out)
{
	MapCtx c = { r, &r->org };

	return lookup(find_map, &c, name, out);
}

/*
 * "Member States of ECOWAS", "countries of the Lake Chad Basin
 * Commission": the grouping of the members, as the reference data names
 * it ("ECOWAS member States"), or else the place named after "of".
 */
static int
members_of(FindFn find, const void *ctx, const char *name, Resolved *out)
{
	static const char *const heads[] = { "member states of ",
		"states members of ", "member countries of ", "countries of ",
		"states of " };
	Buf k = BUF_INIT, alt = BUF_INIT;
	int found = 0;

	text_name_key(name, &k);
	for (size_t i = 0; !found && i < sizeof(heads) / sizeof(heads[0]);
	     i++) {
		size_t n = strlen(heads[i]);
		const char *rest = buf_str(&k) + n;

		if (strncmp(buf_str(&k), heads[i], n) != 0)
			continue;
		if (strncmp(rest, "the ", 4) == 0)
			rest += 4;
		buf_reset(&alt);
		buf_printf(&alt, "%s member states", rest);
		found = find(ctx, buf_str(&alt), out) || find(ctx, rest, out);
	}
	buf_free(&k);
	buf_free(&alt);
	return found;
}

int
resolver_place(const Resolver *r, const char *name, Resolved *out)
{
	MapCtx c = { r, &r->place };

	return lookup(find_map, &c, name, out) ||
	    members_of(find_map, &c, name, out);
}

/* One name looked up in the store, for commands that resolve a few. */
typedef struct StoreCtx {
	Store *s;
	int place;
	Buf *key, *kind;
	int failed;
} StoreCtx;

static int
find_store(const void *ctx, const char *fold, Resolved *out)
{
	const StoreCtx *c = ctx;
	Buf err = BUF_INIT;
	int rc;

	rc = store_alias_find(c->s, c->place, fold, c->key, c->kind, &err);
	buf_free(&err);
	if (rc != 1)
		return 0;
	out->id = 1;
	out->key = buf_str(c->key);
	out->kind = buf_str(c->kind);
	return 1;
}

int
resolve_one(Store *s, int place, const char *name, Buf *key, Buf *kind)
{
	StoreCtx c = { s, place, key, kind, 0 };
	Resolved r;

	return lookup(find_store, &c, name, &r) ||
	    (place && members_of(find_store, &c, name, &r));
}
