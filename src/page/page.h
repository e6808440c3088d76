/*
 * page.h - the web pages: HTML rendered on the server.
 *
 * Every page works without JavaScript; /static/app.js only adds
 * conveniences.  Every value reaches the page through html() (web/html.h),
 * which escapes it.  A person signs in with a login and a password; the
 * session lives in an HttpOnly, SameSite=Strict cookie and every form that
 * changes anything carries the session's CSRF token.
 *
 * Who sees what:
 *   the public          the matrix, projects (and their step of the
 *                       lifecycle, and their money), organisations,
 *                       countries, the dashboard, the seed-funding rounds
 *                       as published, funding, the Trust Fund and
 *                       contributions, appeals and rates;
 *   any signed-in role  also the data-quality findings, the history of
 *                       each project and of its steps, and the Board's
 *                       decisions with what they add up to;
 *   Board members, admin
 *                       also the form of a Board decision;
 *   admin, secretariat, focal point
 *                       also the forms and the uploads (a focal point for
 *                       its entity's projects only), a project's budget
 *                       and gender marker among them;
 *   admin, secretariat  also the forms of contributions, rates and
 *                       appeals.
 */
#ifndef CTM_PAGE_PAGE_H
#define CTM_PAGE_PAGE_H

#include "../store/store.h"
#include "../web/http.h"

/* Answer rq when its path is a page's: return 1; else 0, rp untouched. */
int page_handle(Store *s, const HttpRequest *rq, HttpReply *rp);

#endif
