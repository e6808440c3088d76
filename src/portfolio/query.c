/*
 * query.c - filter checking and resolution (see query.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../text/lang.h"
#include "query.h"
#include "resolve.h"
#include "vocab.h"

static int
parse_count(const char *field, const char *text, int64_t *out, Buf *err)
{
	char *end;
	long long n;

	if (text == NULL)
		return 0;
	n = strtoll(text, &end, 10);
	if (*text == '\0' || *end != '\0' || n < 0) {
		/* TRANSLATORS: keep "--NAME: " at the start, in English: the
		 * pages and the API read the field's name from it. */
		buf_printf(err, TC("--%s: \"%s\" is not a number of 0 or more"),
		    field, text);
		return -1;
	}
	*out = n;
	return 0;
}

int
query_filter(
    Store *s, const QueryArgs *a, ProjectFilter *f, QueryKeys *k, Buf *err)
{
	memset(f, 0, sizeof(*f));
	if (a->pillar &&
	    ((f->pillar = vocab_pillar(a->pillar)) == NULL ||
		store_pillar_exists(s, f->pillar, err) != 1)) {
		buf_reset(err);
		buf_printf(err,
		    TC("--pillar: \"%s\" is not a pillar (I to IV)"),
		    a->pillar);
		return -1;
	}
	if (a->status && (f->status = vocab_status(a->status)) == NULL) {
		buf_printf(err,
		    TC("--status: \"%s\" is not in_development, ongoing or "
		       "completed"),
		    a->status);
		return -1;
	}
	if (a->entity) {
		if (!resolve_one(s, 0, a->entity, &k->entity, &k->kind)) {
			buf_printf(err, TC("--entity: no organisation \"%s\""),
			    a->entity);
			return -1;
		}
		f->entity = buf_str(&k->entity);
	}
	if (a->country) {
		if (!resolve_one(s, 1, a->country, &k->country, &k->kind) ||
		    strcmp(buf_str(&k->kind), "country") != 0) {
			buf_printf(err,
			    TC("--country: \"%s\" is not a country (give an "
			       "ISO alpha-3 code or a name; for regions use "
			       "--region)"),
			    a->country);
			return -1;
		}
		f->country = buf_str(&k->country);
	}
	if (a->region) {
		if (!resolve_one(s, 1, a->region, &k->region, &k->kind)) {
			buf_printf(err,
			    TC("--region: no region or grouping \"%s\""),
			    a->region);
			return -1;
		}
		f->region = buf_str(&k->region);
	}
	f->search = a->search;
	if (a->sort && !vocab_sort(a->sort)) {
		buf_printf(err, TC("--sort: \"%s\" is not one of %s"), a->sort,
		    vocab_sorts);
		return -1;
	}
	f->sort = a->sort;
	if (parse_count("limit", a->limit, &f->limit, err) ||
	    parse_count("offset", a->offset, &f->offset, err))
		return -1;
	return 0;
}

void
query_keys_free(QueryKeys *k)
{
	buf_free(&k->entity);
	buf_free(&k->country);
	buf_free(&k->region);
	buf_free(&k->kind);
}

void
query_args_fill(QueryArgs *a,
    const char *(*get)(const void *ctx, const char *name), const void *ctx)
{
	memset(a, 0, sizeof(*a));
	a->pillar = get(ctx, "pillar");
	a->entity = get(ctx, "entity");
	a->country = get(ctx, "country");
	a->region = get(ctx, "region");
	a->status = get(ctx, "status");
	a->search = get(ctx, "search");
	a->sort = get(ctx, "sort");
	a->limit = get(ctx, "limit");
	a->offset = get(ctx, "offset");
}
