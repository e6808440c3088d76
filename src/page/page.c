/*
 * page.c - the pages' front: routes, the layout, sessions, signing in and
 * out, and the static files (see page.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../account/account.h"
#include "../account/prefs.h"
#include "../core/mem.h"
#include "../io/project_commit.h"
#include "page.h"
#include "page_int.h"

/* A web session lasts a working day. */
#define SESSION_SECONDS (8 * 3600)

/*
 * Sign-in attempts: after LOGIN_MAX failures against one login, or
 * ADDR_MAX from one address, within LOGIN_WINDOW seconds, the next are
 * refused (429) until the window has moved on.
 */
#define LOGIN_WINDOW 900
#define LOGIN_MAX    5
#define ADDR_MAX     20

#define COOKIE_SESSION "ctm_session"
#define COOKIE_LOGIN   "ctm_login" /* the sign-in form's CSRF token */
#define COOKIE_LANG    "ctm_lang"  /* the language a person chose */

/* A chosen language is kept a year. */
#define LANG_SECONDS (365 * 24 * 3600)

/* The static files (blobs.S). */
extern const char ctm_blob_style[], ctm_blob_app[];

int
page_signed_in(const Page *p)
{
	return p->who.id > 0;
}

int
page_may_write(const Page *p)
{
	return project_may_write(&p->who);
}

const char *
page_param(const Page *p, const char *name)
{
	const char *v = http_param(p->rq, name);

	return v && *v ? v : NULL;
}

const char *
page_field(const Page *p, const char *name)
{
	return http_form_value(&p->form, name);
}

/* The value of cookie name in rq, into out: 1, or 0 when not sent. */
static int
cookie_get(const HttpRequest *rq, const char *name, Buf *out)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < rq->nheader; i++) {
		const char *c = rq->header[i].value;

		if (strcmp(rq->header[i].name, "cookie") != 0)
			continue;
		while (*c) {
			size_t len;

			c += strspn(c, " ;");
			len = strcspn(c, ";");
			if (len > n && strncmp(c, name, n) == 0 &&
			    c[n] == '=') {
				buf_reset(out);
				buf_append(out, c + n + 1, len - n - 1);
				return 1;
			}
			c += len;
		}
	}
	return 0;
}

/*
 * Set cookie name (value "" and max_age 0 removes it).  HttpOnly and
 * SameSite=Strict always; Secure when the request came over HTTPS through
 * a proxy that says so.
 */
static void
cookie_set(Page *p, const char *name, const char *value, long max_age)
{
	const char *proto = http_header(p->rq, "X-Forwarded-Proto");
	Buf c = BUF_INIT;

	buf_printf(&c, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict",
	    name, value, max_age);
	if (proto != NULL && strcasecmp(proto, "https") == 0)
		buf_puts(&c, "; Secure");
	http_reply_header(p->rp, "Set-Cookie", buf_str(&c));
	buf_free(&c);
}

void
page_lang_cookie(Page *p, const char *lang)
{
	if (lang != NULL && lang_ok(lang))
		cookie_set(p, COOKIE_LANG, lang_or_en(lang), LANG_SECONDS);
	else
		cookie_set(p, COOKIE_LANG, "", 0);
}

/* Equal strings, in a time that does not depend on where they differ. */
static int
same_secret(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned char d = na != nb;

	for (size_t i = 0; i < na && i < nb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0 && na > 0;
}

/* Who sends rq: the session of the cookie, if it is valid. */
static void
page_who(Page *p)
{
	Buf token = BUF_INIT, hash = BUF_INIT, err = BUF_INIT;

	if (cookie_get(p->rq, COOKIE_SESSION, &token) && token.len == 64) {
		account_token_hash(buf_str(&token), &hash);
		if (store_session_find(
			p->s, buf_str(&hash), &p->who, &p->csrf, &err) != 1) {
			account_clear(&p->who);
			memset(&p->who, 0, sizeof(p->who));
			buf_reset(&p->csrf);
		}
	}
	buf_free(&token);
	buf_free(&hash);
	buf_free(&err);
}

static const struct {
	const char *key, *path, *label;
	int signed_in; /* shown to those signed in only */
} menu[] = {
	{ "matrix", "/", N_("Matrix"), 0 },
	{ "dashboard", "/dashboard", N_("Dashboard"), 0 },
	{ "analysis", "/analysis", N_("Analysis"), 0 },
	{ "organisations", "/organisations", N_("Organisations"), 0 },
	{ "countries", "/countries", N_("Countries"), 0 },
	{ "regions", "/regions", N_("Regions"), 0 },
	{ "plans", "/plans", N_("Plans"), 0 },
	{ "needs", "/needs", N_("Needs"), 0 },
	{ "gaps", "/gaps", N_("Gaps"), 0 },
	{ "duplicates", "/duplicates", N_("Duplication"), 0 },
	{ "board", "/board", N_("Board"), 0 },
	{ "funding", "/funding", N_("Funding"), 0 },
	{ "progress", "/progress", N_("Results"), 0 },
	{ "findings", "/findings", N_("Data quality"), 1 },
	{ "upload", "/upload", N_("Upload"), 2 },
};

/*
 * The languages of the page, each a link to this page in it: the path
 * and its parameters, lang replaced.
 */
static void
lang_links(Page *p)
{
	Buf *o = &p->out;

	html(o, "<nav class=\"langs\" aria-label=\"%s\"><ul>",
	    PT(p, "Languages"));
	for (int i = 0; i < NLANG; i++) {
		const char *code = lang_code[i];

		html(o, "<li><a href=\"%s?lang=%u", p->rq->path, code);
		for (size_t j = 0; j < p->rq->nparam; j++)
			if (strcmp(p->rq->param[j].name, "lang") != 0)
				html(o, "&amp;%u=%u", p->rq->param[j].name,
				    p->rq->param[j].value);
		html(o, "\" lang=\"%s\" hreflang=\"%s\"%S>%s</a></li>", code,
		    code,
		    strcmp(code, p->lang) == 0 ? " aria-current=\"true\"" : "",
		    lang_name(code));
	}
	html(o, "</ul></nav>\n");
}

const char *
page_num(const Page *p, Buf *b, int64_t n)
{
	buf_reset(b);
	lang_int(b, p->lang, n);
	return buf_str(b);
}

void
page_markupv(Buf *o, const char *fmt, int n, const char *const *arg)
{
	const char *c = fmt, *text = fmt;
	Buf seg = BUF_INIT;
	int next = 0;

	while ((c = strchr(c, '%')) != NULL) {
		int k = -1, skip = 0;

		if (c[1] == 's') {
			k = next++;
			skip = 2;
		} else if (c[1] >= '1' && c[1] <= '9' && c[2] == '$' &&
		    c[3] == 's') {
			k = c[1] - '1';
			skip = 4;
		} else if (c[1] == '%') {
			skip = 2;
		}
		if (skip == 0) {
			c++;
			continue;
		}
		buf_reset(&seg);
		buf_append(&seg, text, (size_t)(c - text));
		html_text(o, buf_str(&seg));
		if (k < 0)
			buf_putc(o, '%');
		else if (k < n && arg[k] != NULL)
			buf_puts(o, arg[k]);
		c += skip;
		text = c;
	}
	html_text(o, text);
	buf_free(&seg);
}

void
page_markup(Buf *o, const char *fmt, int n, ...)
{
	const char *arg[9] = { NULL };
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n && i < 9; i++)
		arg[i] = va_arg(ap, const char *);
	va_end(ap);
	page_markupv(o, fmt, n < 9 ? n : 9, arg);
}

void
page_begin(Page *p, const char *title)
{
	Buf *o = &p->out;

	html(o,
	    "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%S\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<title>%s · ctmatrix</title>\n"
	    "<link rel=\"icon\" href=\"data:,\">\n"
	    "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
	    "<script src=\"/static/app.js\" defer></script>\n"
	    "</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">%s</a>\n"
	    "<header class=\"top\">\n"
	    "<a class=\"brand\" href=\"/\">ctmatrix</a>\n"
	    "<nav aria-label=\"%s\"><ul>\n",
	    p->lang, lang_rtl(p->lang) ? "rtl" : "ltr", title,
	    PT(p, "Skip to the content"), PT(p, "Main"));
	for (size_t i = 0; i < sizeof(menu) / sizeof(menu[0]); i++) {
		if ((menu[i].signed_in == 1 && !page_signed_in(p)) ||
		    (menu[i].signed_in == 2 && !page_may_write(p)))
			continue;
		html(o, "<li><a href=\"%s\"%S>%s</a></li>\n", menu[i].path,
		    p->nav && strcmp(p->nav, menu[i].key) == 0
			? " aria-current=\"page\""
			: "",
		    PT(p, menu[i].label));
	}
	html(o, "</ul></nav>\n");
	lang_links(p);
	if (p->public_page) {
		html(o, "</header>\n<main id=\"main\">\n<h1>%s</h1>\n", title);
		return;
	}
	html(o, "<div class=\"who\">");
	if (page_signed_in(p)) {
		html(o,
		    "<span><a href=\"/account\"%S>%s <small>(%s%S%s)</small>"
		    "</a></span>\n"
		    "<form method=\"post\" action=\"/logout\" "
		    "class=\"inline\">",
		    p->nav && strcmp(p->nav, "account") == 0
			? " aria-current=\"page\""
			: "",
		    p->who.login, account_role_label(p->lang, p->who.role),
		    p->who.entity ? ", " : "", p->who.entity);
		page_csrf_field(p);
		html(o,
		    "<button type=\"submit\" class=\"link\">%s</button></form>",
		    PT(p, "Sign out"));
	} else {
		html(o, "<a href=\"/login\">%s</a>", PT(p, "Sign in"));
	}
	html(o, "</div>\n</header>\n<main id=\"main\">\n<h1>%s</h1>\n", title);
}

int
page_end(Page *p, int status)
{
	html(&p->out,
	    "</main>\n<footer><p>ctmatrix · %s · <a "
	    "href=\"/api/v1/openapi.json\">%s</a></p></footer>\n</body>\n"
	    "</html>\n",
	    PT(p,
		"the portfolio of UN counter-terrorism projects under the "
		"Global Counter-Terrorism Strategy"),
	    PT(p, "JSON API"));
	p->rp->status = status;
	p->rp->type = "text/html; charset=utf-8";
	buf_reset(&p->rp->body);
	buf_append(&p->rp->body, buf_str(&p->out), p->out.len);
	return 1;
}

/* The statuses of the error pages, as their titles say them. */
static const struct {
	int status;
	const char *text;
} status_titles[] = {
	{ 400, N_("Bad Request") },
	{ 401, N_("Unauthorized") },
	{ 403, N_("Forbidden") },
	{ 404, N_("Not Found") },
	{ 405, N_("Method Not Allowed") },
	{ 409, N_("Conflict") },
	{ 413, N_("Content Too Large") },
	{ 422, N_("Unprocessable Content") },
	{ 429, N_("Too Many Requests") },
	{ 500, N_("Internal Server Error") },
	{ 503, N_("Service Unavailable") },
};

/* The name of status in the page's language (HTTP's, in English). */
static const char *
status_title(const Page *p, int status)
{
	for (size_t i = 0; i < sizeof(status_titles) / sizeof(status_titles[0]);
	     i++)
		if (status_titles[i].status == status)
			return PT(p, status_titles[i].text);
	return http_status_text(status);
}

int
page_error(Page *p, int status, const char *message)
{
	buf_reset(&p->out);
	page_begin(p, status_title(p, status));
	html(&p->out, "<p class=\"error\" role=\"alert\">%s</p>\n", message);
	if (status == 401 || (status == 403 && !page_signed_in(p)))
		html(&p->out, "<p><a href=\"/login?next=%u\">%s</a></p>\n",
		    p->rq->path, PT(p, "Sign in"));
	else
		html(&p->out, "<p><a href=\"/\">%s</a></p>\n",
		    PT(p, "Back to the matrix"));
	return page_end(p, status);
}

int
page_redirect(Page *p, const char *location)
{
	p->rp->status = 303;
	p->rp->type = "text/plain; charset=utf-8";
	http_reply_header(p->rp, "Location", location);
	buf_set(&p->rp->body, "See other.\n");
	return 1;
}

void
page_csrf_field(Page *p)
{
	html(&p->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
	    buf_str(&p->csrf));
}

void
page_form_begin(Page *p, const char *action, const char *msg)
{
	if (msg != NULL)
		html(
		    &p->out, "<p class=\"error\" role=\"alert\">%s</p>\n", msg);
	html(&p->out, "<form method=\"post\" action=\"%s\" class=\"edit\">\n",
	    action);
	page_csrf_field(p);
}

static const char *const statuses[][2] = {
	{ "in_development", N_("in development") },
	{ "ongoing", N_("ongoing") },
	{ "completed", N_("completed") },
};

const char *
page_status_name(const Page *p, const char *status)
{
	for (size_t i = 0; status && i < 3; i++)
		if (strcmp(statuses[i][0], status) == 0)
			return PT(p, statuses[i][1]);
	return status ? status : "";
}

void
page_status_options(Page *p, const char *selected)
{
	for (size_t i = 0; i < 3; i++)
		html(&p->out, "<option value=\"%s\"%S>%s</option>\n",
		    statuses[i][0],
		    selected && strcmp(selected, statuses[i][0]) == 0
			? " selected"
			: "",
		    PT(p, statuses[i][1]));
}

typedef struct PillarOpts {
	Page *p;
	const char *selected;
	const char *lang; /* the names of this language */
	int n;            /* options written */
} PillarOpts;

static int
pillar_option(void *ctx, const PillarName *n)
{
	PillarOpts *o = ctx;

	if (strcmp(n->lang, o->lang) != 0)
		return 0;
	html(&o->p->out, "<option value=\"%s\"%S>%s: %s</option>\n", n->key,
	    o->selected && strcmp(o->selected, n->key) == 0 ? " selected" : "",
	    n->key, n->short_name);
	o->n++;
	return 0;
}

/* The pillars' short names in the page's language, else in English. */
void
page_pillar_options(Page *p, const char *selected)
{
	PillarOpts o = { p, selected, p->lang, 0 };
	Buf err = BUF_INIT;

	store_pillar_names(p->s, pillar_option, &o, &err);
	if (o.n == 0 && strcmp(p->lang, "en") != 0) {
		o.lang = "en";
		store_pillar_names(p->s, pillar_option, &o, &err);
	}
	buf_free(&err);
}

void
page_project_orgs(Buf *out, const Project *pr)
{
	for (size_t i = 0; i < pr->norgs; i++) {
		const ProjectOrg *o = &pr->orgs[i];

		if (i > 0)
			html(out, ", ");
		if (o->key != NULL)
			html(out, "<a href=\"/organisations/%u\">%s</a>",
			    o->key, o->name);
		else
			html(out, "%s", o->name);
	}
}

/* --- signing in and out ---------------------------------------------- */

/* A local path to go to after signing in: "/..." but never "//...". */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strpbrk(next, "\r\n") != NULL)
		return "/";
	return next;
}

static int
login_form(Page *p, int status, const char *login, const char *message)
{
	Buf token = BUF_INIT, hash = BUF_INIT;
	const char *next =
	    p->form.nfield ? page_field(p, "next") : page_param(p, "next");

	/* The form's own CSRF token, before there is a session. */
	if (!cookie_get(p->rq, COOKIE_LOGIN, &token) || token.len != 64) {
		account_token_new(&token, &hash);
		cookie_set(p, COOKIE_LOGIN, buf_str(&token), 3600);
	}
	p->nav = NULL;
	page_begin(p, PT(p, "Sign in"));
	if (message != NULL)
		html(&p->out,
		    "<p class=\"error\" role=\"alert\" "
		    "id=\"login-error\">%s</p>\n",
		    message);
	html(&p->out,
	    "<form method=\"post\" action=\"/login\" class=\"narrow\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
	    "<p><label for=\"login\">%s</label>\n"
	    "<input id=\"login\" name=\"login\" value=\"%s\" required "
	    "autocomplete=\"username\" autocapitalize=\"none\"%S></p>\n"
	    "<p><label for=\"password\">%s</label>\n"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "required autocomplete=\"current-password\"%S></p>\n"
	    "<p><button type=\"submit\">%s</button></p>\n</form>\n",
	    buf_str(&token), safe_next(next), PT(p, "Login"),
	    login ? login : "",
	    message ? " aria-describedby=\"login-error\"" : "",
	    PT(p, "Password"),
	    message ? " aria-describedby=\"login-error\"" : "",
	    PT(p, "Sign in"));
	buf_free(&token);
	buf_free(&hash);
	return page_end(p, status);
}

/* A password no one has, checked when the login is unknown: same time. */
static const char *
dummy_hash(void)
{
	static char *h;
	Buf out = BUF_INIT, err = BUF_INIT;

	if (h == NULL) {
		if (account_password_hash(
			"no one has this password", &out, &err) == 0)
			h = buf_detach(&out);
		buf_free(&out);
		buf_free(&err);
	}
	return h ? h : "";
}

static int
login_post(Page *p)
{
	const char *login = page_field(p, "login");
	const char *pw = page_field(p, "password");
	const char *sent = page_field(p, "csrf");
	Buf expect = BUF_INIT, kl = BUF_INIT, ka = BUF_INIT, err = BUF_INIT;
	Buf token = BUF_INIT, hash = BUF_INIT, csrf = BUF_INIT, h2 = BUF_INIT;
	Account a;
	int64_t nl, na;
	int ok, rc;

	memset(&a, 0, sizeof(a));
	if (!cookie_get(p->rq, COOKIE_LOGIN, &expect) || sent == NULL ||
	    !same_secret(buf_str(&expect), sent)) {
		rc = login_form(p, 403, login,
		    PT(p,
			"The sign-in form had expired. Please sign in again."));
		goto out;
	}
	if (login == NULL || pw == NULL || *login == '\0' || *pw == '\0') {
		rc = login_form(
		    p, 422, login, PT(p, "Give your login and password."));
		goto out;
	}
	buf_puts(&kl, "login:");
	for (const char *c = login; *c && kl.len < 80; c++)
		buf_putc(&kl, (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c));
	buf_printf(&ka, "addr:%s", p->rq->remote);
	nl = store_login_failures(p->s, buf_str(&kl), LOGIN_WINDOW, &err);
	na = store_login_failures(p->s, buf_str(&ka), LOGIN_WINDOW, &err);
	if (nl < 0 || na < 0) {
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
		goto out;
	}
	if (nl >= LOGIN_MAX || na >= ADDR_MAX) {
		http_reply_header(p->rp, "Retry-After", "900");
		rc = login_form(p, 429, login,
		    PT(p,
			"Too many failed sign-ins. Wait 15 minutes and try "
			"again."));
		goto out;
	}
	ok = store_account_get(p->s, login, &a, &err) == 1 && !a.disabled &&
	    a.password_hash != NULL;
	ok = account_password_verify(ok ? a.password_hash : dummy_hash(), pw) &&
	    ok;
	if (!ok) {
		if (store_login_failure_add(p->s, buf_str(&kl), &err) != 0 ||
		    store_login_failure_add(p->s, buf_str(&ka), &err) != 0) {
			rc = page_error(
			    p, 503, PT(p, "The database is busy: try again."));
			goto out;
		}
		rc = login_form(p, 401, login,
		    PT(p, "The login or the password is wrong."));
		goto out;
	}
	account_token_new(&token, &hash);
	account_token_new(&csrf, &h2);
	if (store_begin(p->s, &err) != 0 ||
	    store_session_add(p->s, a.id, "web", buf_str(&hash), buf_str(&csrf),
		SESSION_SECONDS, &err) != 0 ||
	    store_login_failures_clear(p->s, buf_str(&kl), &err) != 0 ||
	    store_audit_add(p->s, a.id, a.login, "sign-in", "account", a.id,
		NULL, NULL, &err) != 0 ||
	    store_commit(p->s, &err) != 0) {
		store_rollback(p->s);
		rc = page_error(
		    p, 503, PT(p, "The database is busy: try again."));
		goto out;
	}
	cookie_set(p, COOKIE_SESSION, buf_str(&token), SESSION_SECONDS);
	cookie_set(p, COOKIE_LOGIN, "", 0);
	/* The account's language becomes the browser's, after signing out. */
	if (a.lang != NULL && lang_ok(a.lang))
		page_lang_cookie(p, a.lang);
	rc = page_redirect(p, safe_next(page_field(p, "next")));
out:
	account_clear(&a);
	buf_free(&expect);
	buf_free(&kl);
	buf_free(&ka);
	buf_free(&err);
	buf_free(&token);
	buf_free(&hash);
	buf_free(&csrf);
	buf_free(&h2);
	return rc;
}

static int
logout_post(Page *p)
{
	Buf token = BUF_INIT, hash = BUF_INIT, err = BUF_INIT;

	if (cookie_get(p->rq, COOKIE_SESSION, &token)) {
		account_token_hash(buf_str(&token), &hash);
		store_session_end(p->s, buf_str(&hash), &err);
	}
	cookie_set(p, COOKIE_SESSION, "", 0);
	buf_free(&token);
	buf_free(&hash);
	buf_free(&err);
	return page_redirect(p, "/");
}

/* --- the front ------------------------------------------------------- */

static int
static_file(Page *p, const char *type, const char *body)
{
	p->rp->status = 200;
	p->rp->type = type;
	buf_set(&p->rp->body, body);
	http_reply_header(p->rp, "Cache-Control", "public, max-age=3600");
	return 1;
}

/*
 * Is this POST one of ours?  The CSRF token of the session must come
 * with the form, and a browser's Origin, when sent, must be this host.
 */
static int
post_checked(Page *p)
{
	const char *origin = http_header(p->rq, "Origin");
	const char *host = http_header(p->rq, "Host");
	const char *sent = page_field(p, "csrf");

	if (origin != NULL && host != NULL) {
		const char *o = strstr(origin, "://");

		if (o == NULL || strcmp(o + 3, host) != 0)
			return 0;
	}
	return page_signed_in(p) && sent != NULL &&
	    same_secret(buf_str(&p->csrf), sent);
}

/* "/projects/12/edit" → 12 and "edit"; 0 when no number follows. */
static int64_t
path_id(const char *path, const char **rest)
{
	char *end;
	long long v;

	if (*path < '1' || *path > '9')
		return 0;
	v = strtoll(path, &end, 10);
	if (v <= 0 || (*end != '\0' && *end != '/'))
		return 0;
	*rest = *end == '/' ? end + 1 : end;
	return v;
}

/*
 * The page's language: the URL's ?lang= (the person's choice: kept in a
 * cookie and, for someone signed in, as their account's language), else
 * the language of the account signed in, else the cookie, else the
 * browser's Accept-Language, else English.
 *
 * Choosing a language from the menu of languages while signed in changes
 * the account's, as its settings page would: otherwise the account's
 * language, which comes before the cookie, would take the next page back
 * to it.  Only a GET does, and only when the language differs (a write,
 * audited); should it fail, the page is still in the language asked.
 */
static void
page_lang(Page *p)
{
	const char *q = page_param(p, "lang");
	Buf c = BUF_INIT, err = BUF_INIT;

	if (q != NULL && lang_ok(q)) {
		p->lang = lang_or_en(q);
		cookie_set(p, COOKIE_LANG, p->lang, LANG_SECONDS);
		if (page_signed_in(p) && strcmp(p->rq->method, "GET") == 0)
			prefs_lang_set(p->s, &p->who, p->lang, p->who.id,
			    p->who.login, &err);
	} else if (page_signed_in(p) && p->who.lang != NULL &&
	    lang_ok(p->who.lang)) {
		p->lang = lang_or_en(p->who.lang);
	} else if (cookie_get(p->rq, COOKIE_LANG, &c) && lang_ok(buf_str(&c))) {
		p->lang = lang_or_en(buf_str(&c));
	} else {
		q = lang_accept(http_header(p->rq, "Accept-Language"));
		p->lang = q ? q : "en";
	}
	buf_free(&c);
	buf_free(&err);
}

static int
page_route(Page *p)
{
	const char *path = p->rq->path, *m = p->rq->method, *rest = "";
	int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
	int post = strcmp(m, "POST") == 0;
	int64_t id;

	if (strcmp(path, "/static/style.css") == 0 && get)
		return static_file(
		    p, "text/css; charset=utf-8", ctm_blob_style);
	if (strcmp(path, "/static/app.js") == 0 && get)
		return static_file(
		    p, "text/javascript; charset=utf-8", ctm_blob_app);
	if (!get && !post) {
		http_reply_header(p->rp, "Allow", "GET, HEAD, POST");
		return page_error(
		    p, 405, PT(p, "This method is not allowed here."));
	}
	if (post) {
		Buf err = BUF_INIT;
		int bad = http_form_parse(p->rq, &p->form, &err) != 0;

		if (bad) {
			page_error(p, 400, buf_str(&err));
			buf_free(&err);
			return 1;
		}
		buf_free(&err);
		if (strcmp(path, "/login") == 0)
			return login_post(p);
		if (!page_signed_in(p))
			return page_error(p, 401,
			    PT(p, "Sign in first: your session has ended."));
		if (!post_checked(p))
			return page_error(p, 403,
			    PT(p,
				"The form had expired or did not come from "
				"this site. Go back, reload the page and try "
				"again."));
		if (strcmp(path, "/logout") == 0)
			return logout_post(p);
	} else if (strcmp(path, "/login") == 0) {
		return login_form(p, 200, NULL, NULL);
	}
	if (strcmp(path, "/") == 0 && get)
		return page_matrix(p);
	if (strcmp(path, "/account") == 0)
		return page_account(p);
	if (strncmp(path, "/report/annex.", 14) == 0 && get)
		return page_annex(p, path + 14);
	if (strncmp(path, "/report/analysis.", 17) == 0 && get)
		return page_analysis_file(p, path + 17);
	if (strcmp(path, "/analysis") == 0 && get)
		return page_analysis(p);
	if (strcmp(path, "/projects/new") == 0)
		return page_project_new(p);
	if (strncmp(path, "/projects/", 10) == 0 &&
	    (id = path_id(path + 10, &rest)) > 0)
		return page_project(p, id, rest);
	if (strcmp(path, "/organisations") == 0 && get)
		return page_organisations(p, NULL);
	if (strncmp(path, "/organisations/", 15) == 0 && get)
		return page_organisations(p, path + 15);
	if (strcmp(path, "/regions") == 0 && get)
		return page_regions(p, "");
	if (strncmp(path, "/regions/", 9) == 0 && get)
		return page_regions(p, path + 9);
	if (strcmp(path, "/countries") == 0 && get)
		return page_countries(p, NULL);
	if (strncmp(path, "/countries/", 11) == 0 && get)
		return page_countries(p, path + 11);
	if (strcmp(path, "/findings") == 0 && get)
		return page_findings(p);
	if (strcmp(path, "/dashboard") == 0 && get)
		return page_dashboard(p);
	if (strcmp(path, "/plans") == 0 || strncmp(path, "/plans/", 7) == 0)
		return page_plans(p, path[6] == '/' ? path + 7 : "");
	if (strcmp(path, "/needs.csv") == 0 && get)
		return page_needs_csv(p);
	if (strcmp(path, "/needs") == 0 || strncmp(path, "/needs/", 7) == 0)
		return page_needs(p, path[6] == '/' ? path + 7 : "");
	if (strcmp(path, "/gaps") == 0 && get)
		return page_gaps(p);
	if (strcmp(path, "/gaps.csv") == 0 && get)
		return page_gaps_csv(p);
	if (strcmp(path, "/duplicates") == 0 && get)
		return page_duplicates(p);
	if (strcmp(path, "/board") == 0 || strncmp(path, "/board/", 7) == 0)
		return page_board(p, path[6] == '/' ? path + 7 : "");
	if (strcmp(path, "/progress") == 0 && get)
		return page_progress(p);
	if (strcmp(path, "/rounds") == 0 && get)
		return page_rounds(p, "");
	if (strncmp(path, "/rounds/", 8) == 0 && get)
		return page_rounds(p, path + 8);
	if (strcmp(path, "/funding") == 0 && get)
		return page_funding(p);
	if (strcmp(path, "/trust-fund") == 0 ||
	    strncmp(path, "/trust-fund/", 12) == 0)
		return page_trust_fund(p, path[11] == '/' ? path + 12 : "");
	if (strcmp(path, "/rates") == 0)
		return page_rates(p);
	if (strcmp(path, "/appeals") == 0 || strncmp(path, "/appeals/", 9) == 0)
		return page_appeals(p, path[8] == '/' ? path + 9 : "");
	if (strcmp(path, "/upload") == 0 || strncmp(path, "/upload/", 8) == 0)
		return page_upload(p, path[7] == '/' ? path + 8 : "");
	return page_error(p, 404, PT(p, "There is no such page."));
}

int
page_handle(Store *s, const HttpRequest *rq, HttpReply *rp)
{
	Page p;
	int rc;

	if (strncmp(rq->path, "/api/", 5) == 0 || strcmp(rq->path, "/api") == 0)
		return 0;
	memset(&p, 0, sizeof(p));
	p.s = s;
	p.rq = rq;
	p.rp = rp;
	http_form_init(&p.form);
	/* Who asks, before the language: an account may have chosen one. */
	if (strncmp(rq->path, "/static/", 8) != 0)
		page_who(&p);
	page_lang(&p);
	lang_use(p.lang); /* the messages from beneath, in the page's */
	rc = page_route(&p);
	lang_use(NULL);
	/*
	 * Pages may show who is signed in: never kept by shared caches, but
	 * for the public pages, the same for everyone in a language.
	 */
	if ((rp->status == 200 || rp->status == 304) && p.public_page)
		http_reply_header(rp, "Cache-Control", "public, max-age=300");
	else if (rp->status != 200 || strncmp(rq->path, "/static/", 8) != 0)
		http_reply_header(rp, "Cache-Control", "no-store");
	if (strncmp(rq->path, "/static/", 8) != 0)
		http_reply_header(rp, "Vary", "Accept-Language, Cookie");
	account_clear(&p.who);
	buf_free(&p.csrf);
	buf_free(&p.out);
	http_form_free(&p.form);
	return rc;
}
