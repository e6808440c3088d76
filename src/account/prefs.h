/*
 * prefs.h - what an account chooses for itself: the language of its pages.
 *
 * The choice is kept with the account (store.h, account.lang) and every
 * change of it goes in the audit trail, by whoever made it: the person
 * on the web (the settings page /account, or a language chosen from the
 * menu of languages while signed in) or "cli" (`ctmatrix user lang`).
 * The web's order of languages is src/page/page.c's.
 */
#ifndef CTM_ACCOUNT_PREFS_H
#define CTM_ACCOUNT_PREFS_H

#include "../store/store.h"

/*
 * Set the language of account a's pages to lang (one of the six of
 * src/text/lang.h; NULL: none, the browser's), in one transaction with
 * its audit entry, made by actor (actor_id 0: the command line).  a->lang
 * becomes a copy of lang.  0 when done (or nothing to change), 1 when
 * lang is not one of the six (err says so, nothing changed), -1 when the
 * database failed (err).
 */
int prefs_lang_set(Store *s, Account *a, const char *lang, int64_t actor_id,
    const char *actor, Buf *err);

#endif
