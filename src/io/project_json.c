/*
 * project_json.c - JSON renderings of the model (see project_json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "project_json.h"

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

const char *
scope_text(int scopes)
{
	static const char *const text[8] = { "", "global", "regional",
		"global, regional", "national", "global, national",
		"regional, national", "global, regional, national" };

	return text[scopes & 7];
}

json_t *
scope_json(int scopes)
{
	json_t *a = json_array();

	if (scopes & SCOPE_GLOBAL)
		json_array_append_new(a, json_string("global"));
	if (scopes & SCOPE_REGIONAL)
		json_array_append_new(a, json_string("regional"));
	if (scopes & SCOPE_NATIONAL)
		json_array_append_new(a, json_string("national"));
	return a;
}

static json_t *
period_json(const Project *p)
{
	if (p->period_text == NULL)
		return json_null();
	return json_pack("{s:s, s:o, s:o, s:b, s:b}", "text", p->period_text,
	    "start", str_or_null(p->start_date), "end",
	    str_or_null(p->end_date), "open_ended", p->open_ended, "annual",
	    p->annual);
}

json_t *
project_json(const Project *p, int full)
{
	json_t *o = json_object(), *ents = json_array(), *places;

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "pillar", str_or_null(p->pillar));
	json_object_set_new(
	    o, "serial", p->has_serial ? json_integer(p->serial) : json_null());
	json_object_set_new(o, "title", json_string(p->title ? p->title : ""));
	json_object_set_new(o, "period", period_json(p));
	json_object_set_new(o, "status", str_or_null(p->status));
	if (p->status == NULL)
		json_object_set_new(
		    o, "status_text", str_or_null(p->status_text));
	for (size_t i = 0; i < p->norgs; i++)
		json_array_append_new(ents,
		    json_pack("{s:o, s:s, s:s}", "key",
			str_or_null(p->orgs[i].key), "name", p->orgs[i].name,
			"role", i == 0 ? "lead" : "partner"));
	json_object_set_new(o, "entities", ents);
	json_object_set_new(o, "scope", scope_json(p->scopes));
	places = json_array();
	for (size_t i = 0; i < p->nplaces; i++) {
		const ProjectPlace *q = &p->places[i];

		json_array_append_new(places,
		    json_pack("{s:s, s:o, s:o}", "name", q->name, "key",
			str_or_null(q->key), "kind",
			q->org_id ? json_string("organisation")
				  : str_or_null(q->kind)));
	}
	json_object_set_new(o, "places", places);
	if (!full)
		return o;
	json_object_set_new(
	    o, "activities", json_string(p->activities ? p->activities : ""));
	json_object_set_new(
	    o, "scope_text", json_string(p->scope_text ? p->scope_text : ""));
	{
		json_t *is = json_array();

		for (size_t i = 0; i < p->nissues; i++)
			json_array_append_new(is,
			    json_pack("{s:s, s:s}", "kind", p->issues[i].kind,
				"message", p->issues[i].message));
		json_object_set_new(o, "issues", is);
	}
	json_object_set_new(o, "source",
	    p->source_file ? json_pack("{s:s, s:I}", "file", p->source_file,
				 "line", (json_int_t)p->source_line)
			   : json_null());
	json_object_set_new(o, "as_of", str_or_null(p->as_of));
	json_object_set_new(o, "created_at", str_or_null(p->created_at));
	json_object_set_new(o, "updated_at", str_or_null(p->updated_at));
	return o;
}

char *
project_json_text(const Project *p)
{
	json_t *j = project_json(p, 1);
	char *t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(j);
	return t;
}

json_t *
finding_json(const Finding *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(f->kind));
	json_object_set_new(o, "pillar", str_or_null(f->pillar));
	json_object_set_new(o, "serial",
	    f->serial >= 0 ? json_integer(f->serial) : json_null());
	json_object_set_new(o, "project",
	    f->project_id > 0 ? json_integer(f->project_id) : json_null());
	if (f->subject)
		json_object_set_new(o, "subject", json_string(f->subject));
	json_object_set_new(o, "message", json_string(f->message));
	return o;
}

/* A value as text: a string as it is, else compact JSON; NULL for NULL. */
static char *
value_text(const json_t *v)
{
	if (v == NULL)
		return NULL;
	if (json_is_string(v))
		return strdup(json_string_value(v));
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

static void
change_one(const char *field, const json_t *a, const json_t *b, JsonChangeFn fn,
    void *ctx)
{
	char *ta, *tb;

	if (strcmp(field, "created_at") == 0 ||
	    strcmp(field, "updated_at") == 0 ||
	    (a != NULL && b != NULL && json_equal(a, b)))
		return;
	ta = value_text(a);
	tb = value_text(b);
	fn(ctx, field, ta, tb);
	free(ta);
	free(tb);
}

void
json_changes(
    const char *old_json, const char *new_json, JsonChangeFn fn, void *ctx)
{
	json_t *a = old_json ? json_loads(old_json, 0, NULL) : NULL;
	json_t *b = new_json ? json_loads(new_json, 0, NULL) : NULL;
	const char *k;
	json_t *v;

	if (!json_is_object(a)) {
		json_decref(a);
		a = json_object();
	}
	if (!json_is_object(b)) {
		json_decref(b);
		b = json_object();
	}
	json_object_foreach(b, k, v)
	    change_one(k, json_object_get(a, k), v, fn, ctx);
	json_object_foreach(a, k, v) if (json_object_get(b, k) == NULL)
	    change_one(k, v, NULL, fn, ctx);
	json_decref(a);
	json_decref(b);
}
