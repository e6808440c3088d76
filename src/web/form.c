/*
 * form.c - HTML form submissions (see form.h): the Content-Type and its
 * parameters, urlencoded bodies pair by pair, multipart bodies part by part.
 *
 * A body is bytes of a known length that may hold NULs, so everything here
 * works on slices (a pointer and a length) and compares with memcmp, never
 * with the string functions; a slice becomes a C string only once it has
 * been checked to be UTF-8 without NULs.  Messages echo names and types
 * from the request only through msg_quote(), which keeps them short and
 * printable.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/mem.h"
#include "../core/utf8.h"
#include "../text/lang.h"
#include "form.h"

#define FORM_MAX_ITEMS    1000 /* fields and files together */
#define FORM_MAX_NAME     200  /* bytes of a field's name */
#define FORM_MAX_BOUNDARY 70   /* bytes of a boundary (RFC 2046) */
#define FORM_MAX_ECHO     64   /* bytes of request text in a message */
#define FORM_NONE         ((size_t)-1)

/* n bytes at s, not NUL-terminated: part of a body or of a header. */
typedef struct Span {
	const char *s; /* the first byte */
	size_t n;      /* how many */
} Span;

void
http_form_init(HttpForm *f)
{
	memset(f, 0, sizeof(*f));
}

void
http_form_free(HttpForm *f)
{
	for (size_t i = 0; i < f->nfield; i++) {
		free(f->field[i].name);
		free(f->field[i].value);
	}
	free(f->field);
	for (size_t i = 0; i < f->nfile; i++) {
		free(f->file[i].name);
		free(f->file[i].filename);
		free(f->file[i].type);
		buf_free(&f->file[i].data);
	}
	free(f->file);
	memset(f, 0, sizeof(*f));
}

const char *
http_form_value(const HttpForm *f, const char *name)
{
	for (size_t i = 0; i < f->nfield; i++)
		if (strcmp(f->field[i].name, name) == 0)
			return f->field[i].value;
	return NULL;
}

const HttpFile *
http_form_file(const HttpForm *f, const char *name)
{
	for (size_t i = 0; i < f->nfile; i++)
		if (strcmp(f->file[i].name, name) == 0)
			return &f->file[i];
	return NULL;
}

/* --- checking and quoting ----------------------------------------------- */

/*
 * Append s[0..n), from the request, to the message err in quotes: valid
 * UTF-8 kept, control characters, quotes and bad bytes shown as '?', cut
 * after FORM_MAX_ECHO bytes, so that a message is always safe to log or to
 * put in JSON.
 */
static void
msg_quote(Buf *err, const char *s, size_t n)
{
	size_t i = 0;

	buf_putc(err, '"');
	while (i < n && i < FORM_MAX_ECHO) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

		if (c >= 0x80 && i + len <= n &&
		    utf8_check(s + i, len) == len) {
			buf_append(err, s + i, len);
			i += len;
			continue;
		}
		buf_putc(err, c >= 0x20 && c < 0x7f && c != '"' ? c : '?');
		i++;
	}
	buf_puts(err, i < n ? "...\"" : "\"");
}

/* What keeps text from being a C string of text or a field's name. */
enum fault {
	FAULT_NONE, /* none: it can be */
	FAULT_UTF8, /* it is not valid UTF-8 */
	FAULT_NUL,  /* it contains a NUL byte */
	FAULT_LONG, /* a name longer than FORM_MAX_NAME bytes */
};

/* Why s[0..n) cannot be a C string of text, or FAULT_NONE when it can. */
static enum fault
text_fault(const char *s, size_t n)
{
	if (utf8_check(s, n) != n)
		return FAULT_UTF8;
	if (memchr(s, '\0', n) != NULL)
		return FAULT_NUL;
	return FAULT_NONE;
}

/* Why name[0..n) cannot be a field's name, or FAULT_NONE when it can. */
static enum fault
name_fault(const char *name, size_t n)
{
	enum fault why = text_fault(name, n);

	if (why == FAULT_NONE && n > FORM_MAX_NAME)
		why = FAULT_LONG;
	return why;
}

/*
 * Say in err why the name of a field cannot be one: of the k-th field of
 * an urlencoded body, or of the k-th part of a multipart one (multipart).
 */
static void
name_fault_say(Buf *err, enum fault why, int multipart, size_t k)
{
	if (multipart && why == FAULT_UTF8)
		buf_printf(err,
		    TC("multipart: part %zu: the name is not valid UTF-8"), k);
	else if (multipart && why == FAULT_NUL)
		buf_printf(err,
		    TC("multipart: part %zu: the name contains a NUL byte"), k);
	else if (multipart)
		buf_printf(err,
		    TC("multipart: part %zu: the name is longer than %d bytes"),
		    k, FORM_MAX_NAME);
	else if (why == FAULT_UTF8)
		buf_printf(err,
		    TC("urlencoded: field %zu: the name is not valid UTF-8"),
		    k);
	else if (why == FAULT_NUL)
		buf_printf(err,
		    TC("urlencoded: field %zu: the name contains a NUL byte"),
		    k);
	else
		buf_printf(err,
		    TC("urlencoded: field %zu: the name is longer than %d "
		       "bytes"),
		    k, FORM_MAX_NAME);
}

/* 0 when f has room for one more field or file, else -1 with a message. */
static int
room_check(const HttpForm *f, Buf *err)
{
	if (f->nfield + f->nfile < FORM_MAX_ITEMS)
		return 0;
	buf_printf(err, TC("the form has more than %d fields and files"),
	    FORM_MAX_ITEMS);
	return -1;
}

/*
 * Add the field name (checked) with value, which must be text.  Its
 * newlines are normalised as WHATWG Infra's "normalize newlines" does:
 * a CRLF becomes LF, and so does a CR left alone, so that a value holds no
 * CR at all.  0, or -1 with a message in err.
 */
static int
field_add(HttpForm *f, const char *name, Span value, Buf *err)
{
	enum fault why = text_fault(value.s, value.n);
	HttpPair *e;
	Buf v = BUF_INIT;

	if (why != FAULT_NONE) {
		msg_quote(&v, name, strlen(name));
		if (why == FAULT_UTF8)
			buf_printf(err, TC("field %s is not valid UTF-8"),
			    buf_str(&v));
		else
			buf_printf(err, TC("field %s contains a NUL byte"),
			    buf_str(&v));
		buf_free(&v);
		return -1;
	}
	if (room_check(f, err) != 0)
		return -1;
	for (size_t i = 0; i < value.n; i++) {
		if (value.s[i] != '\r')
			buf_putc(&v, value.s[i]);
		else if (i + 1 == value.n || value.s[i + 1] != '\n')
			buf_putc(&v, '\n');
	}
	f->field = xrealloc(f->field, (f->nfield + 1) * sizeof(*f->field));
	e = &f->field[f->nfield++];
	e->name = xstrdup(name);
	e->value = buf_detach(&v);
	return 0;
}

/* --- application/x-www-form-urlencoded ---------------------------------- */

/*
 * Decode one "name=value" pair, the k-th, and add it to f.  0, or -1 with a
 * message in err.
 */
static int
urlencoded_pair(HttpForm *f, size_t k, Span pair, Buf *name, Buf *err)
{
	const char *eq = memchr(pair.s, '=', pair.n);
	size_t kn = eq ? (size_t)(eq - pair.s) : pair.n;
	enum fault why;
	Buf value = BUF_INIT;
	int rc = -1;

	buf_reset(name);
	if (http_decode_component(pair.s, kn, 1, name) != 0) {
		buf_printf(err,
		    TC("urlencoded: field %zu: the name has a malformed "
		       "%%-escape"),
		    k);
		goto out;
	}
	if ((why = name_fault(buf_str(name), name->len)) != FAULT_NONE) {
		name_fault_say(err, why, 0, k);
		goto out;
	}
	if (eq &&
	    http_decode_component(eq + 1, pair.n - kn - 1, 1, &value) != 0) {
		buf_reset(&value);
		msg_quote(&value, buf_str(name), name->len);
		buf_printf(err, TC("field %s has a malformed %%-escape"),
		    buf_str(&value));
		goto out;
	}
	rc = field_add(
	    f, buf_str(name), (Span){ buf_str(&value), value.len }, err);
out:
	buf_free(&value);
	return rc;
}

/* Parse body as "a=1&b=2" pairs into f.  0, or -1 with a message in err. */
static int
urlencoded_parse(Span body, HttpForm *f, Buf *err)
{
	Buf name = BUF_INIT;
	size_t i = 0, k = 0;
	int rc = 0;

	while (rc == 0 && i < body.n) {
		const char *amp = memchr(body.s + i, '&', body.n - i);
		size_t n = amp ? (size_t)(amp - (body.s + i)) : body.n - i;

		if (n > 0)
			rc = urlencoded_pair(
			    f, ++k, (Span){ body.s + i, n }, &name, err);
		i += n + (amp != NULL);
	}
	buf_free(&name);
	return rc;
}

/* --- header values and their parameters --------------------------------- */

static const char *
space_skip(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* The separators of RFC 2045, which a token may not hold. */
static int
is_tspecial(int c)
{
	return c != '\0' && strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

static int
is_token(int c)
{
	return c > ' ' && c < 0x7f && !is_tspecial(c);
}

/*
 * Read a quoted string whose opening quote is at p[-1] into out; return
 * the byte after its closing quote, or NULL when there is none before end.
 * A backslash escapes only a separator ('"', '\\', ...): like Go's mime
 * package, for browsers that send "C:\dir\a.csv" unescaped.
 */
static const char *
quoted_read(const char *p, const char *end, Buf *out)
{
	while (p < end && *p != '"') {
		if (*p == '\\' && p + 1 < end &&
		    is_tspecial((unsigned char)p[1]))
			p++;
		buf_putc(out, *p++);
	}
	return p < end ? p + 1 : NULL;
}

/* The first item of a header value, "type" of "type; a=b", trimmed. */
static Span
value_head(Span v)
{
	const char *end = v.s + v.n, *p = space_skip(v.s, end);
	const char *semi = memchr(p, ';', (size_t)(end - p));
	const char *e = semi ? semi : end;

	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return (Span){ p, (size_t)(e - p) };
}

/* What follows head, the first item of the header value v. */
static Span
value_rest(Span v, Span head)
{
	const char *p = head.s + head.n;

	return (Span){ p, (size_t)(v.s + v.n - p) };
}

/*
 * Read the next parameter, "; name=value" with value a token or a quoted
 * string, from *v (which moves past it): name lower-cased into name, value
 * unquoted into value.  1 when one was read, 0 at the end, -1 when the text
 * is malformed.  *v starts after the value's first item.
 */
static int
param_next(Span *v, Buf *name, Buf *value)
{
	const char *end = v->s + v->n, *p = space_skip(v->s, end);

	if (p == end)
		return 0;
	if (*p != ';')
		return -1;
	if ((p = space_skip(p + 1, end)) == end)
		return 0; /* a trailing ';' */
	buf_reset(name);
	buf_reset(value);
	while (p < end && is_token((unsigned char)*p))
		buf_putc(name, tolower((unsigned char)*p++));
	p = space_skip(p, end);
	if (name->len == 0 || p == end || *p != '=')
		return -1;
	p = space_skip(p + 1, end);
	if (p < end && *p == '"') {
		if ((p = quoted_read(p + 1, end, value)) == NULL)
			return -1;
	} else {
		while (p < end && is_token((unsigned char)*p))
			buf_putc(value, *p++);
	}
	*v = (Span){ p, (size_t)(end - p) };
	return 1;
}

/* Whether head, a media or disposition type, is want (any case). */
static int
head_is(Span head, const char *want)
{
	return head.n == strlen(want) && strncasecmp(head.s, want, head.n) == 0;
}

/* --- multipart/form-data ------------------------------------------------ */

/*
 * What follows a boundary at body[i]: "--" closes the body (*last set), or
 * optional spaces and CRLF open a part.  Return the offset after it, or
 * FORM_NONE when it is neither, and so the boundary no delimiter.
 */
static size_t
delimiter_tail(Span body, size_t i, int *last)
{
	if (i + 2 <= body.n && memcmp(body.s + i, "--", 2) == 0) {
		*last = 1;
		return i + 2;
	}
	while (i < body.n && (body.s[i] == ' ' || body.s[i] == '\t'))
		i++;
	if (i + 2 <= body.n && memcmp(body.s + i, "\r\n", 2) == 0) {
		*last = 0;
		return i + 2;
	}
	return FORM_NONE;
}

/*
 * Find the first delimiter, delim (CRLF "--" boundary) and its tail, in
 * body from offset from on.  Return its offset, with *next set to the
 * offset after it and *last to whether it closes the body; or FORM_NONE.
 */
static size_t
delimiter_find(Span body, size_t from, Span delim, size_t *next, int *last)
{
	while (from + delim.n <= body.n) {
		const char *cr = memchr(body.s + from, '\r', body.n - from);
		size_t at = cr ? (size_t)(cr - body.s) : body.n;

		if (at + delim.n > body.n)
			break;
		if (memcmp(body.s + at, delim.s, delim.n) == 0 &&
		    (*next = delimiter_tail(body, at + delim.n, last)) !=
			FORM_NONE)
			return at;
		from = at + 1;
	}
	return FORM_NONE;
}

/* The headers of a part that matter, as slices of the part. */
typedef struct PartHeaders {
	Span disposition; /* Content-Disposition, s NULL when absent */
	Span type;        /* Content-Type, s NULL when absent */
} PartHeaders;

/*
 * Read one header line, line[0..n) without its CRLF, of part k into h
 * (the first of each name counts).  0, or -1 with a message in err.
 */
static int
part_header(Span line, int k, PartHeaders *h, Buf *err)
{
	const char *colon = memchr(line.s, ':', line.n);
	const char *end = line.s + line.n, *v;
	Span name;

	if (text_fault(line.s, line.n) != FAULT_NONE) {
		buf_printf(err,
		    TC("multipart: part %d has a header that is not UTF-8 "
		       "text"),
		    k);
		return -1;
	}
	if (colon == NULL || colon == line.s) {
		buf_printf(err,
		    TC("multipart: part %d has a header line without "
		       "\"Name:\""),
		    k);
		return -1;
	}
	name = (Span){ line.s, (size_t)(colon - line.s) };
	v = space_skip(colon + 1, end);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (head_is(name, "content-disposition") && h->disposition.s == NULL)
		h->disposition = (Span){ v, (size_t)(end - v) };
	else if (head_is(name, "content-type") && h->type.s == NULL)
		h->type = (Span){ v, (size_t)(end - v) };
	return 0;
}

/*
 * Split part k into its headers (into h) and its content (into *content).
 * A part that ends right after its headers has no content.  0, or -1 with
 * a message in err.
 */
static int
part_split(Span part, int k, PartHeaders *h, Span *content, Buf *err)
{
	const char *p = part.s, *end = part.s + part.n;

	memset(h, 0, sizeof(*h));
	*content = (Span){ end, 0 };
	while (p < end) {
		const char *eol = p;

		while (eol + 1 < end && (eol[0] != '\r' || eol[1] != '\n'))
			eol++;
		if (eol + 1 >= end) {
			buf_printf(err,
			    TC("multipart: part %d ends inside its headers"),
			    k);
			return -1;
		}
		if (eol == p) {
			*content = (Span){ p + 2, (size_t)(end - p - 2) };
			return 0;
		}
		if (part_header((Span){ p, (size_t)(eol - p) }, k, h, err) != 0)
			return -1;
		p = eol + 2;
	}
	return 0;
}

/*
 * Read the name and filename parameters of part k's Content-Disposition,
 * which must be form-data, into name and filename (*has_file set when a
 * filename was sent, even ""). 0, or -1 with a message in err.
 */
static int
disposition_read(
    Span disp, int k, Buf *name, Buf *filename, int *has_file, Buf *err)
{
	Span head = value_head(disp), rest = value_rest(disp, head);
	Buf pname = BUF_INIT, pvalue = BUF_INIT;
	int has_name = 0, r, rc = -1;

	*has_file = 0;
	if (!head_is(head, "form-data")) {
		buf_printf(err, TC("multipart: part %d is not form-data"), k);
		goto out;
	}
	while ((r = param_next(&rest, &pname, &pvalue)) == 1) {
		if (strcmp(buf_str(&pname), "name") == 0 && !has_name) {
			has_name = 1;
			buf_set(name, buf_str(&pvalue));
		} else if (strcmp(buf_str(&pname), "filename") == 0 &&
		    !*has_file) {
			*has_file = 1;
			buf_set(filename, buf_str(&pvalue));
		}
	}
	if (r < 0)
		buf_printf(err,
		    TC("multipart: part %d has a malformed "
		       "Content-Disposition"),
		    k);
	else if (!has_name)
		buf_printf(err,
		    TC("multipart: part %d has no Content-Disposition name"),
		    k);
	else
		rc = 0;
out:
	buf_free(&pname);
	buf_free(&pvalue);
	return rc;
}

/* Add a file part to f: its name, filename (path dropped), type, content. */
static void
file_add(HttpForm *f, const char *name, const char *filename, Span type,
    Span content)
{
	HttpFile *e;
	const char *base = filename;

	for (const char *c = filename; *c; c++)
		if (*c == '/' || *c == '\\')
			base = c + 1;
	f->file = xrealloc(f->file, (f->nfile + 1) * sizeof(*f->file));
	e = &f->file[f->nfile++];
	e->name = xstrdup(name);
	e->filename = xstrdup(base);
	e->type = type.n > 0 ? xstrndup(type.s, type.n)
			     : xstrdup("application/octet-stream");
	memset(&e->data, 0, sizeof(e->data));
	buf_append(&e->data, content.s, content.n);
}

/* Parse part k, part[0..n) between two delimiters, into f. */
static int
part_parse(HttpForm *f, int k, Span part, Buf *err)
{
	PartHeaders h;
	Span content;
	Buf name = BUF_INIT, filename = BUF_INIT;
	enum fault why;
	int has_file, rc = -1;

	if (part_split(part, k, &h, &content, err) != 0)
		goto out;
	if (h.disposition.s == NULL) {
		buf_printf(err,
		    TC("multipart: part %d has no Content-Disposition"), k);
		goto out;
	}
	if (disposition_read(
		h.disposition, k, &name, &filename, &has_file, err) != 0)
		goto out;
	if ((why = name_fault(buf_str(&name), name.len)) != FAULT_NONE) {
		name_fault_say(err, why, 1, (size_t)k);
		goto out;
	}
	if (!has_file) {
		rc = field_add(f, buf_str(&name), content, err);
		goto out;
	}
	if (room_check(f, err) != 0)
		goto out;
	file_add(f, buf_str(&name), buf_str(&filename), h.type, content);
	rc = 0;
out:
	buf_free(&name);
	buf_free(&filename);
	return rc;
}

/*
 * Parse body, delimited by boundary, into f: a preamble, parts each opened
 * by CRLF "--" boundary CRLF (the first may open the body without the
 * CRLF), the closing CRLF "--" boundary "--", an epilogue.  0, or -1 with a
 * message in err.
 */
static int
multipart_parse(Span body, const char *boundary, HttpForm *f, Buf *err)
{
	Buf delim = BUF_INIT;
	Span d;
	size_t next = 0, end;
	int last = 0, rc = -1;

	buf_printf(&delim, "\r\n--%s", boundary);
	d = (Span){ buf_str(&delim), delim.len };
	if (body.n < d.n - 2 || memcmp(body.s, d.s + 2, d.n - 2) != 0 ||
	    (next = delimiter_tail(body, d.n - 2, &last)) == FORM_NONE) {
		if (delimiter_find(body, 0, d, &next, &last) == FORM_NONE) {
			buf_puts(err, TC("multipart: no boundary in the body"));
			goto out;
		}
	}
	for (int k = 1; !last; k++) {
		size_t start = next;

		end = delimiter_find(body, start, d, &next, &last);
		if (end == FORM_NONE) {
			buf_printf(err,
			    TC("multipart: the body ends in part %d, before "
			       "the "
			       "closing boundary"),
			    k);
			goto out;
		}
		if (part_parse(
			f, k, (Span){ body.s + start, end - start }, err) != 0)
			goto out;
	}
	rc = 0;
out:
	buf_free(&delim);
	return rc;
}

/*
 * Read the boundary parameter of a multipart Content-Type, from the
 * parameters in rest, into boundary.  0, or -1 with a message in err.
 */
static int
boundary_read(Span rest, Buf *boundary, Buf *err)
{
	Buf name = BUF_INIT, value = BUF_INIT;
	int r, found = 0, rc = -1;

	while ((r = param_next(&rest, &name, &value)) == 1)
		if (strcmp(buf_str(&name), "boundary") == 0 && !found) {
			found = 1;
			buf_set(boundary, buf_str(&value));
		}
	if (r < 0)
		buf_puts(err, TC("multipart: the Content-Type is malformed"));
	else if (!found)
		buf_puts(
		    err, TC("multipart: the Content-Type has no boundary"));
	else if (boundary->len == 0 || boundary->len > FORM_MAX_BOUNDARY)
		buf_puts(
		    err, TC("multipart: the boundary is not 1 to 70 bytes"));
	else
		rc = 0;
	buf_free(&name);
	buf_free(&value);
	return rc;
}

/* --- the entry point ---------------------------------------------------- */

int
http_form_parse(const HttpRequest *rq, HttpForm *f, Buf *err)
{
	const char *ct = http_header(rq, "content-type");
	Span body = { buf_str(&rq->body), rq->body.len }, v, head;
	Buf boundary = BUF_INIT;
	int rc = -1;

	if (ct == NULL) {
		buf_puts(err, TC("the body is not a form (no Content-Type)"));
		goto out;
	}
	v = (Span){ ct, strlen(ct) };
	head = value_head(v);
	if (head_is(head, "application/x-www-form-urlencoded")) {
		rc = urlencoded_parse(body, f, err);
	} else if (head_is(head, "multipart/form-data")) {
		if (boundary_read(value_rest(v, head), &boundary, err) == 0)
			rc = multipart_parse(body, buf_str(&boundary), f, err);
	} else {
		Buf q = BUF_INIT;

		msg_quote(&q, head.s, head.n);
		buf_printf(err, TC("the body is not a form (Content-Type %s)"),
		    buf_str(&q));
		buf_free(&q);
	}
out:
	if (rc != 0)
		http_form_free(f);
	buf_free(&boundary);
	return rc;
}
