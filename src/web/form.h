/*
 * form.h - HTML form submissions: the body of a POST as fields and files.
 *
 * A browser sends a form as application/x-www-form-urlencoded or, when it
 * uploads files, as multipart/form-data (RFC 7578).  http_form_parse()
 * turns either into one HttpForm: text fields, checked to be UTF-8, and
 * file parts, kept byte for byte.  It reads only the request's
 * Content-Type header and body, never past the body's end, and a form it
 * cannot read whole is refused with a message, never half read.  Whether
 * the fields are the ones a handler expects is the handler's business.
 * Everything in an HttpForm is owned by it and freed by http_form_free().
 */
#ifndef CTM_WEB_FORM_H
#define CTM_WEB_FORM_H

#include <stddef.h>

#include "../core/buf.h"
#include "http.h"

/*
 * One uploaded file: a multipart part with a filename parameter.  The
 * filename is as the browser sent it, UTF-8, with any path before its last
 * '/' or '\' dropped; it may be "" (a file input left empty).
 */
typedef struct HttpFile {
	char *name;     /* the form field's name */
	char *filename; /* the file's name, without a path; may be "" */
	char *type;     /* its Content-Type, or "application/octet-stream" */
	Buf data;       /* the bytes, as sent */
} HttpFile;

/*
 * A form: its text fields in the order sent, each name and value valid
 * UTF-8 without NULs, a CRLF or a lone CR in a value normalised to LF; and
 * its files.
 */
typedef struct HttpForm {
	HttpPair *field; /* the text fields: name and value */
	size_t nfield;   /* how many */
	HttpFile *file;  /* the file parts (those with a filename parameter) */
	size_t nfile;    /* how many */
} HttpForm;

/* Make f an empty form. */
void http_form_init(HttpForm *f);

/*
 * Parse rq's body by its Content-Type into f (initialised, empty):
 * application/x-www-form-urlencoded (percent-escapes and '+'), or
 * multipart/form-data with its boundary parameter (RFC 7578; part headers
 * Content-Disposition with name and filename, Content-Type).  Names are
 * at most 200 bytes, fields and files at most 1000 together; a file's
 * filename loses any path before its last '/' or '\'.  0, or -1 with a
 * message in err saying what is wrong, f then left empty.
 */
int http_form_parse(const HttpRequest *rq, HttpForm *f, Buf *err);

/* The value of f's first field called name, or NULL. */
const char *http_form_value(const HttpForm *f, const char *name);

/* f's first file sent as field name, or NULL. */
const HttpFile *http_form_file(const HttpForm *f, const char *name);

/* Free what f holds; f is empty and reusable afterwards. */
void http_form_free(HttpForm *f);

#endif
