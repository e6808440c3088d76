/*
 * need.c - the rules of needs (need.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "need.h"
#include "resolve.h"
#include "vocab.h"

const char need_fields[] = "ref, country, body, assessed, text, pillar, "
			   "area, priority, status, confidentiality, "
			   "organisations, projects, demo";

static const char *const statuses[] = { "open", "being_addressed", "addressed",
	NULL };
static const char *const priorities[] = { "high", "medium", "low", NULL };
static const char *const levels[] = { "public", "compact", "restricted", NULL };

static int
word_of(const char *const *list, const char *v)
{
	for (size_t i = 0; v != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

int
need_status_ok(const char *v)
{
	return word_of(statuses, v);
}

int
need_priority_ok(const char *v)
{
	return word_of(priorities, v);
}

int
need_confidentiality_ok(const char *v)
{
	return word_of(levels, v);
}

void
need_viewer(const Account *who, NeedViewer *v)
{
	v->level = 0;
	v->org_id = 0;
	v->lang = NULL;
	if (who == NULL || who->id == 0 || who->role == NULL)
		return;
	if (strcmp(who->role, "admin") == 0) {
		v->level = 3;
		return;
	}
	if (who->entity_id == 0) {
		v->level = strcmp(who->role, "secretariat") == 0 ||
			strcmp(who->role, "analyst") == 0
		    ? 3
		    : 1;
		return;
	}
	v->level = 2;
	v->org_id = who->entity_id;
}

int
need_may_write(const Account *who)
{
	return who != NULL && who->id != 0 && who->role != NULL &&
	    (strcmp(who->role, "admin") == 0 ||
		strcmp(who->role, "secretariat") == 0 ||
		strcmp(who->role, "analyst") == 0);
}

/* v without the spaces around it, into out; 1 when anything is left. */
static int
trimmed(const char *v, Buf *out)
{
	const char *e;

	buf_reset(out);
	if (v == NULL)
		return 0;
	v += strspn(v, " \t\r\n");
	e = v + strlen(v);
	while (e > v && strchr(" \t\r\n", e[-1]) != NULL)
		e--;
	buf_append(out, v, (size_t)(e - v));
	return out->len > 0;
}

static void
set_str(char **field, const char *v)
{
	free(*field);
	*field = v ? xstrdup(v) : NULL;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, with a month and day that can be. */
static int
date_ok(const char *v)
{
	size_t n = strlen(v);
	int m, d;

	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? v[i] != '-'
				       : !isdigit((unsigned char)v[i]))
			return 0;
	if (v[0] == '0')
		return 0;
	if (n >= 7) {
		m = (v[5] - '0') * 10 + (v[6] - '0');
		if (m < 1 || m > 12)
			return 0;
	}
	if (n == 10) {
		static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
			31, 30, 31 };

		m = (v[5] - '0') * 10 + (v[6] - '0');
		d = (v[8] - '0') * 10 + (v[9] - '0');
		if (d < 1 || d > days[m - 1])
			return 0;
	}
	return 1;
}

/* Split a list at ";" and ",", trimmed, empties dropped. */
static size_t
split_list(const char *v, char ***out)
{
	size_t n = 0;
	char **items = NULL;
	Buf one = BUF_INIT;

	while (v != NULL && *v != '\0') {
		size_t w = strcspn(v, ";,");
		char *piece = xstrndup(v, w);

		if (trimmed(piece, &one)) {
			items = xrealloc(items, (n + 1) * sizeof(*items));
			items[n++] = xstrdup(buf_str(&one));
		}
		free(piece);
		v += w;
		if (*v != '\0')
			v++;
	}
	buf_free(&one);
	*out = items;
	return n;
}

static void
free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static int
set_country(Store *s, Need *n, const char *v, Buf *msg)
{
	Buf key = BUF_INIT, kind = BUF_INIT;
	int ok = resolve_one(s, 1, v, &key, &kind) == 1 &&
	    strcmp(buf_str(&kind), "country") == 0;

	if (ok)
		set_str(&n->country, buf_str(&key));
	else
		buf_printf(msg,
		    TC("country: \"%s\" is no country (give its "
		       "ISO alpha-3 code or its name)"),
		    v);
	buf_free(&key);
	buf_free(&kind);
	return ok ? 0 : -1;
}

static int
set_body(Store *s, Need *n, const char *v, Buf *msg)
{
	Buf key = BUF_INIT, kind = BUF_INIT;
	int ok = resolve_one(s, 0, v, &key, &kind) == 1;

	if (ok)
		set_str(&n->body, buf_str(&key));
	else
		buf_printf(msg, TC("body: \"%s\" is no known organisation"), v);
	buf_free(&key);
	buf_free(&kind);
	return ok ? 0 : -1;
}

static int
area_exists(void *ctx, const RefItem *r)
{
	const char **want = ctx;

	if (strcmp(r->key, *want) == 0) {
		*want = NULL;
		return 1;
	}
	return 0;
}

static int
set_orgs(Store *s, Need *n, const char *v, Buf *msg)
{
	char **items;
	size_t k = split_list(v, &items);
	Buf key = BUF_INIT, kind = BUF_INIT;
	char **keys = xcalloc(k ? k : 1, sizeof(*keys));
	size_t nk = 0;
	int rc = 0;

	if (k > NEED_LIST_MAX) {
		buf_printf(msg, TC("organisations: at most %d"), NEED_LIST_MAX);
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < k; i++) {
		if (resolve_one(s, 0, items[i], &key, &kind) != 1) {
			buf_printf(msg,
			    TC("organisations: \"%s\" is no known "
			       "organisation"),
			    items[i]);
			rc = -1;
			break;
		}
		keys[nk++] = xstrdup(buf_str(&key));
	}
	if (rc == 0) {
		free_list(n->orgs, n->norgs);
		n->orgs = keys;
		n->norgs = nk;
	} else {
		free_list(keys, nk);
	}
	free_list(items, k);
	buf_free(&key);
	buf_free(&kind);
	return rc;
}

static int
set_projects(Store *s, Need *n, const char *v, Buf *msg)
{
	char **items;
	size_t k = split_list(v, &items);
	int64_t *ids = xcalloc(k ? k : 1, sizeof(*ids));
	Project p;
	Buf err = BUF_INIT;
	int rc = 0;

	if (k > NEED_LIST_MAX) {
		buf_printf(msg, TC("projects: at most %d"), NEED_LIST_MAX);
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < k; i++) {
		char *end;
		long long id;

		errno = 0;
		id = strtoll(items[i], &end, 10);
		memset(&p, 0, sizeof(p));
		if (errno != 0 || *end != '\0' || id <= 0 ||
		    store_project_get(s, id, &p, &err) != 1) {
			buf_printf(msg, TC("projects: \"%s\" is no project"),
			    items[i]);
			rc = -1;
		}
		project_clear(&p);
		ids[i] = id;
	}
	if (rc == 0) {
		free(n->projects);
		n->projects = ids;
		n->nprojects = k;
	} else {
		free(ids);
	}
	free_list(items, k);
	buf_free(&err);
	return rc;
}

int
need_set(Store *s, Need *n, const char *field, const char *v, Buf *msg)
{
	Buf t = BUF_INIT;
	int has = trimmed(v, &t), rc = 0;
	const char *tv = buf_str(&t);

	if (v != NULL && utf8_check(v, strlen(v)) != strlen(v)) {
		buf_printf(msg, TC("%s: not UTF-8 text"), field);
		rc = -1;
	} else if (strcmp(field, "ref") == 0) {
		if (t.len > NEED_REF_MAX) {
			buf_printf(
			    msg, TC("ref: at most %d bytes"), NEED_REF_MAX);
			rc = -1;
		} else {
			set_str(&n->ref, has ? tv : NULL);
		}
	} else if (strcmp(field, "country") == 0) {
		rc = has ? set_country(s, n, tv, msg) : -1;
		if (!has)
			buf_puts(msg, TC("country is required"));
	} else if (strcmp(field, "body") == 0) {
		rc = has ? set_body(s, n, tv, msg) : -1;
		if (!has)
			buf_puts(msg, TC("body is required"));
	} else if (strcmp(field, "assessed") == 0) {
		if (has && !date_ok(tv)) {
			buf_printf(msg,
			    TC("assessed: \"%s\" is no date (YYYY, YYYY-MM "
			       "or YYYY-MM-DD)"),
			    tv);
			rc = -1;
		} else {
			set_str(&n->assessed, has ? tv : NULL);
		}
	} else if (strcmp(field, "text") == 0) {
		if (!has || t.len > NEED_TEXT_MAX) {
			buf_printf(msg,
			    TC("text is required, at most %d bytes"),
			    NEED_TEXT_MAX);
			rc = -1;
		} else {
			set_str(&n->text, tv);
		}
	} else if (strcmp(field, "pillar") == 0) {
		const char *k = has ? vocab_pillar(tv) : NULL;

		if (has &&
		    (k == NULL || store_pillar_exists(s, k, NULL) != 1)) {
			buf_puts(msg, TC("pillar is one of I, II, III, IV"));
			rc = -1;
		} else {
			set_str(&n->pillar, k);
		}
	} else if (strcmp(field, "area") == 0) {
		const char *want = tv;
		Buf err = BUF_INIT;

		if (has &&
		    (store_areas(s, NULL, area_exists, &want, &err) != 0 ||
			want != NULL)) {
			buf_printf(msg,
			    TC("area: \"%s\" is no thematic area (see "
			       "`ctmatrix needs areas`)"),
			    tv);
			rc = -1;
		} else {
			set_str(&n->area, has ? tv : NULL);
		}
		buf_free(&err);
	} else if (strcmp(field, "priority") == 0) {
		if (!need_priority_ok(tv)) {
			buf_puts(msg, TC("priority is high, medium or low"));
			rc = -1;
		} else {
			set_str(&n->priority, tv);
		}
	} else if (strcmp(field, "status") == 0) {
		if (!need_status_ok(tv)) {
			buf_puts(msg,
			    TC("status is open, being_addressed or "
			       "addressed"));
			rc = -1;
		} else {
			set_str(&n->status, tv);
		}
	} else if (strcmp(field, "confidentiality") == 0) {
		if (!need_confidentiality_ok(tv)) {
			buf_puts(msg,
			    TC("confidentiality is public, compact or "
			       "restricted"));
			rc = -1;
		} else {
			set_str(&n->confidentiality, tv);
		}
	} else if (strcmp(field, "organisations") == 0) {
		rc = set_orgs(s, n, tv, msg);
	} else if (strcmp(field, "projects") == 0) {
		rc = set_projects(s, n, tv, msg);
	} else if (strcmp(field, "demo") == 0) {
		if (!has || strcmp(tv, "0") == 0 || strcmp(tv, "no") == 0 ||
		    strcmp(tv, "false") == 0) {
			n->demo = 0;
		} else if (strcmp(tv, "1") == 0 || strcmp(tv, "yes") == 0 ||
		    strcmp(tv, "true") == 0) {
			n->demo = 1;
		} else {
			buf_puts(msg, TC("demo is yes or no"));
			rc = -1;
		}
	} else {
		buf_printf(msg, TC("\"%s\" is not a field of a need (%s)"),
		    field, need_fields);
		rc = -1;
	}
	buf_free(&t);
	return rc;
}

int
need_complete(Store *s, Need *n, Buf *msg)
{
	if (n->country == NULL) {
		buf_puts(msg, TC("country is required"));
		return -1;
	}
	if (n->body == NULL) {
		buf_puts(msg, TC("body is required"));
		return -1;
	}
	if (n->text == NULL) {
		buf_puts(msg, TC("text is required"));
		return -1;
	}
	if (n->priority == NULL)
		n->priority = xstrdup("medium");
	if (n->status == NULL)
		n->status = xstrdup("open");
	/* What is not said to be public is kept to those who keep needs. */
	if (n->confidentiality == NULL)
		n->confidentiality = xstrdup("restricted");
	/* Organisations matter to a restricted need only. */
	if (strcmp(n->confidentiality, "restricted") != 0) {
		free_list(n->orgs, n->norgs);
		n->orgs = NULL;
		n->norgs = 0;
	} else if (n->norgs == 0 &&
	    need_set(s, n, "organisations", "CTED; UNOCT", msg) != 0) {
		return -1;
	}
	return 0;
}
