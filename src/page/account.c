/*
 * account.c - the settings page of the account signed in, /account: who
 * it is (login, role, organisation) and the language of its pages, which
 * it may change (account/prefs.h).
 *
 * The language is one of the six, or none (the browser's: the cookie of
 * the menu of languages, else Accept-Language).  The form posts the
 * session's CSRF token, checked by page.c as for every form that changes
 * something; the value is checked against the six here, and again by
 * prefs_lang_set().  A language saved is also kept in the browser's
 * cookie, so that the pages stay in it after signing out.
 */
#include <string.h>

#include "../account/account.h"
#include "../account/prefs.h"
#include "page_int.h"

/* The page; msg (text) an error above the form, chosen the selection. */
static int
account_view(Page *p, const char *chosen, const char *msg, int status)
{
	Buf *o = &p->out;

	p->nav = "account";
	page_begin(p, PT(p, "Your account"));
	html(o,
	    "<dl class=\"facts\">\n<dt>%s</dt><dd><bdi>%s</bdi></dd>\n"
	    "<dt>%s</dt><dd>%s</dd>\n",
	    PT(p, "Login"), p->who.login, PT(p, "Role"),
	    account_role_label(p->lang, p->who.role));
	if (p->who.entity != NULL)
		html(o,
		    "<dt>%s</dt><dd><a "
		    "href=\"/organisations/%u\">%s</a></dd>\n",
		    PT(p, "Entity"), p->who.entity, p->who.entity);
	html(o, "</dl>\n<h2>%s</h2>\n<p>%s</p>\n",
	    PT(p, "The language of your pages"),
	    PT(p,
		"Your pages are in this language wherever you sign in. A link "
		"that names another language shows its page in that one, and "
		"a language chosen from the list at the top of a page becomes "
		"yours."));
	if (msg != NULL)
		html(o,
		    "<p class=\"error\" role=\"alert\" "
		    "id=\"lang-error\">%s</p>\n",
		    msg);
	html(o, "<form method=\"post\" action=\"/account\" class=\"edit\">\n");
	page_csrf_field(p);
	html(o,
	    "\n<p><label for=\"lang\">%s</label>\n"
	    "<select id=\"lang\" name=\"lang\"%S>\n"
	    "<option value=\"\"%S>%s</option>\n",
	    PT(p, "Language"),
	    msg ? " aria-invalid=\"true\" aria-describedby=\"lang-error\"" : "",
	    chosen == NULL ? " selected" : "", PT(p, "The browser's language"));
	for (int i = 0; i < NLANG; i++)
		html(o, "<option value=\"%s\" lang=\"%s\"%S>%s</option>\n",
		    lang_code[i], lang_code[i],
		    chosen && strcmp(chosen, lang_code[i]) == 0 ? " selected"
								: "",
		    lang_name(lang_code[i]));
	html(o,
	    "</select></p>\n<p><button type=\"submit\">%s</button></p>\n"
	    "</form>\n",
	    PT(p, "Save"));
	return page_end(p, status);
}

/* POST /account: the language chosen ("" for none), then the page. */
static int
account_post(Page *p)
{
	const char *lang = page_field(p, "lang");
	Buf err = BUF_INIT;
	int rc;

	if (lang == NULL || (*lang != '\0' && !lang_ok(lang))) {
		rc = account_view(p, p->who.lang,
		    PT(p, "Choose one of the six languages, or the browser's."),
		    422);
		goto out;
	}
	if (*lang == '\0')
		lang = NULL;
	if (prefs_lang_set(
		p->s, &p->who, lang, p->who.id, p->who.login, &err) != 0) {
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
		goto out;
	}
	page_lang_cookie(p, lang);
	rc = page_redirect(p, "/account");
out:
	buf_free(&err);
	return rc;
}

int
page_account(Page *p)
{
	if (!page_signed_in(p))
		return page_error(
		    p, 401, PT(p, "Sign in to see your account."));
	if (strcmp(p->rq->method, "POST") == 0)
		return account_post(p);
	return account_view(p, p->who.lang, NULL, 200);
}
