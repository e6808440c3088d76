/*
 * prefs.c - the language an account chose for its pages (see prefs.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../core/mem.h"
#include "../text/lang.h"
#include "prefs.h"

/* {"lang": "fr"} or {"lang": null}, for the audit trail. */
static void
lang_json(Buf *out, const char *lang)
{
	if (lang == NULL)
		buf_puts(out, "{\"lang\":null}");
	else
		buf_printf(out, "{\"lang\":\"%s\"}", lang_or_en(lang));
}

int
prefs_lang_set(Store *s, Account *a, const char *lang, int64_t actor_id,
    const char *actor, Buf *err)
{
	Buf old = BUF_INIT, new = BUF_INIT;
	int rc = -1;

	if (lang != NULL && !lang_ok(lang)) {
		buf_puts(err, TC("lang is one of ar, en, es, fr, ru and zh."));
		return 1;
	}
	if ((lang == NULL && a->lang == NULL) ||
	    (lang != NULL && a->lang != NULL && strcmp(lang, a->lang) == 0))
		return 0;
	lang_json(&old, a->lang);
	lang_json(&new, lang);
	if (store_begin(s, err) != 0)
		goto out;
	if (store_account_set_lang(s, a->id, lang, err) != 0 ||
	    store_audit_add(s, actor_id, actor, "lang", "account", a->id,
		buf_str(&old), buf_str(&new), err) != 0 ||
	    store_commit(s, err) != 0) {
		store_rollback(s);
		goto out;
	}
	free(a->lang);
	a->lang = lang ? xstrdup(lang) : NULL;
	rc = 0;
out:
	buf_free(&old);
	buf_free(&new);
	return rc;
}
