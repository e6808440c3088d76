/*
 * edit.c - changing a project's fields from what a person typed (edit.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "edit.h"
#include "period.h"
#include "resolve.h"
#include "vocab.h"

const char edit_fields[] =
    "title, pillar, status, period, activities, entities, places, scope";

/* Replace *field by a copy of v when it is text of min..max bytes. */
static int
edit_text(char **field, const char *name, const char *v, size_t min, size_t max,
    Buf *msg)
{
	size_t n = v ? strlen(v) : 0;

	if (v == NULL || n < min || n > max || utf8_check(v, n) != n) {
		/* TRANSLATORS: %s is a field's name (title, activities),
		 * as the form and the API call it: keep it in English. */
		buf_printf(
		    msg, TC("%s is text of %zu to %zu bytes"), name, min, max);
		return -1;
	}
	free(*field);
	*field = xstrdup(v);
	return 0;
}

int
edit_title(Project *p, const char *v, Buf *msg)
{
	/* A title of spaces is no title. */
	if (v != NULL && v[strspn(v, " \t\r\n")] == '\0') {
		buf_puts(msg, TC("title is required"));
		return -1;
	}
	return edit_text(&p->title, "title", v, 1, EDIT_TITLE_MAX, msg);
}

int
edit_activities(Project *p, const char *v, Buf *msg)
{
	return edit_text(
	    &p->activities, "activities", v, 0, EDIT_ACTIVITIES_MAX, msg);
}

int
edit_pillar(Store *s, Project *p, const char *v, Buf *msg)
{
	const char *k = v ? vocab_pillar(v) : NULL;

	if (k == NULL || store_pillar_exists(s, k, NULL) != 1) {
		buf_puts(msg, TC("pillar is one of I, II, III, IV"));
		return -1;
	}
	free(p->pillar);
	p->pillar = xstrdup(k);
	return 0;
}

int
edit_status(Project *p, const char *v, Buf *msg)
{
	const char *st = v ? vocab_status(v) : NULL;

	if (st == NULL) {
		buf_puts(
		    msg, TC("status is in_development, ongoing or completed"));
		return -1;
	}
	free(p->status);
	free(p->status_text);
	p->status = xstrdup(st);
	p->status_text = NULL;
	return 0;
}

int
edit_period(Project *p, const char *v, Buf *msg)
{
	Period per;

	if (v == NULL || strlen(v) > 200 || !period_parse(v, &per)) {
		buf_puts(msg,
		    TC("period is a duration as the matrix writes it (\"Jul. "
		       "2015-Jun. 2019\", \"since 2013\", \"Annual event\")"));
		return -1;
	}
	free(p->period_text);
	free(p->start_date);
	free(p->end_date);
	p->period_text = xstrdup(v);
	p->start_date = *per.start ? xstrdup(per.start) : NULL;
	p->end_date = *per.end ? xstrdup(per.end) : NULL;
	p->open_ended = per.open_ended;
	p->annual = per.annual;
	return 0;
}

static void
links_clear(Project *p, int place)
{
	if (place)
		project_places_drop(p);
	else
		project_orgs_drop(p);
}

int
edit_links(Store *s, Project *p, int place, const char *const *names, size_t n,
    Buf *msg)
{
	const char *field = place ? "places" : "entities";
	Buf key = BUF_INIT, kind = BUF_INIT;
	Project tmp;
	size_t i;
	int rc = -1;

	memset(&tmp, 0, sizeof(tmp));
	if (n > EDIT_LINKS_MAX) {
		buf_printf(
		    msg, TC("%s: at most %d names"), field, EDIT_LINKS_MAX);
		return -1;
	}
	if (place)
		tmp.places = xcalloc(n + 1, sizeof(*tmp.places));
	else
		tmp.orgs = xcalloc(n + 1, sizeof(*tmp.orgs));
	for (i = 0; i < n; i++) {
		const char *name = names[i];

		if (name == NULL || *name == '\0' ||
		    !resolve_one(s, place, name, &key, &kind)) {
			if (place)
				buf_printf(msg,
				    TC("%s: \"%s\" is no known place"), field,
				    name ? name : "");
			else
				buf_printf(msg,
				    TC("%s: \"%s\" is no known organisation"),
				    field, name ? name : "");
			goto out;
		}
		if (place) {
			ProjectPlace *pl = &tmp.places[tmp.nplaces++];

			pl->name = xstrdup(name);
			pl->key = xstrdup(buf_str(&key));
			pl->kind = xstrdup(buf_str(&kind));
			pl->place_id = store_place_id(s, buf_str(&key));
		} else {
			ProjectOrg *o = &tmp.orgs[tmp.norgs++];

			o->name = xstrdup(name);
			o->key = xstrdup(buf_str(&key));
			o->org_id = store_org_id(s, buf_str(&key));
		}
	}
	links_clear(p, place);
	if (place) {
		p->places = tmp.places;
		p->nplaces = tmp.nplaces;
		tmp.places = NULL;
		tmp.nplaces = 0;
	} else {
		p->orgs = tmp.orgs;
		p->norgs = tmp.norgs;
		tmp.orgs = NULL;
		tmp.norgs = 0;
	}
	rc = 0;
out:
	links_clear(&tmp, place);
	buf_free(&key);
	buf_free(&kind);
	return rc;
}

int
edit_scope(Project *p, const char *const *names, size_t n, Buf *msg)
{
	static const char *const name[] = { "global", "regional", "national" };
	int bits = 0, k;

	for (size_t i = 0; i < n; i++) {
		for (k = 0; k < 3; k++)
			if (names[i] != NULL && strcmp(names[i], name[k]) == 0)
				break;
		if (k == 3) {
			buf_puts(msg,
			    TC("scope is any of global, regional and "
			       "national"));
			return -1;
		}
		bits |= 1 << k;
	}
	p->scopes = bits;
	return 0;
}

size_t
edit_items(const char *text, char ***items)
{
	size_t n = 0, cap = 0;
	char **v = NULL;

	while (text != NULL && *text) {
		size_t len = strcspn(text, ";\n"), a = 0, z = len;

		while (a < z && strchr(" \t\r", text[a]))
			a++;
		while (z > a && strchr(" \t\r", text[z - 1]))
			z--;
		if (z > a) {
			if (n == cap)
				v = xrealloc(
				    v, (cap = cap ? 2 * cap : 8) * sizeof(*v));
			v[n++] = xstrndup(text + a, z - a);
		}
		text += len;
		if (*text)
			text++;
	}
	*items = v;
	return n;
}

void
edit_items_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}
