/*
 * need.h - the rules of needs: their vocabularies, the checks of what a
 * person types for each field, and who may see and change them.
 *
 * Who sees what (NeedViewer, model.h):
 *
 *   the public                    public needs;
 *   anyone signed in              also those of the Compact;
 *   restricted needs              admin; the secretariat and analysts
 *                                 (the roles that keep needs) unless their
 *                                 account names an organisation, in which
 *                                 case, like everyone else, only those
 *                                 shown to that organisation or to its
 *                                 parent (CTED and UNOCT by default).
 *
 * Who changes what: admin, secretariat and analysts record and change
 * needs they can see; a focal point links its entity's projects to the
 * needs it can see, and unlinks them.
 */
#ifndef CTM_PORTFOLIO_NEED_H
#define CTM_PORTFOLIO_NEED_H

#include "../store/store.h"

/* The organisations a restricted need is shown to unless told. */
#define NEED_RESTRICTED_DEFAULT "CTED UNOCT"

/* Limits. */
#define NEED_TEXT_MAX 20000
#define NEED_REF_MAX  100
#define NEED_LIST_MAX 100 /* organisations or projects of one need */

/* The fields of a need, for messages and CSV headers. */
extern const char need_fields[];

/* Fill v with what who (NULL or who->id 0: the public) may see. */
void need_viewer(const Account *who, NeedViewer *v);

/* May who record and change needs? */
int need_may_write(const Account *who);

/* Is v one of the words of a vocabulary?  (status, priority, ...) */
int need_status_ok(const char *v);
int need_priority_ok(const char *v);
int need_confidentiality_ok(const char *v);

/*
 * Set one field of n from what a person typed: ref, country (ISO alpha-3
 * or a name), body (an organisation's key or name), assessed (YYYY,
 * YYYY-MM or YYYY-MM-DD), text, pillar, area (thematic area key), priority,
 * status, confidentiality, organisations (keys or names separated by
 * ";" or ","), projects (ids likewise), demo (0/1, yes/no, true/false).
 * An empty value clears an optional field.  0, or -1 with a sentence
 * naming the field in msg and n unchanged.
 */
int need_set(Store *s, Need *n, const char *field, const char *v, Buf *msg);

/*
 * Check n as a whole before it is stored: the required fields are there;
 * what is not given is medium priority, open, and restricted (nothing is
 * shown by omission); a restricted need names organisations (CTED and
 * UNOCT when it names none), and others keep none.  0, or -1 with msg.
 */
int need_complete(Store *s, Need *n, Buf *msg);

#endif
