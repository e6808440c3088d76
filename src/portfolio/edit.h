/*
 * edit.h - changing a project's fields from what a person typed.
 *
 * The JSON API and the web forms take the same fields and must accept and
 * refuse the same values, so both go through these functions.  Each checks
 * one field, changes the project only when the value is good, and
 * otherwise leaves it alone and puts a sentence naming the field in msg.
 */
#ifndef CTM_PORTFOLIO_EDIT_H
#define CTM_PORTFOLIO_EDIT_H

#include "../store/store.h"

/* The fields a person may change, space-separated, for messages. */
extern const char edit_fields[];

/* Limits of the text fields, in bytes. */
#define EDIT_TITLE_MAX      2000
#define EDIT_ACTIVITIES_MAX 20000
#define EDIT_LINKS_MAX      100

/* Each returns 0, or -1 with a message in msg and p unchanged. */
int edit_title(Project *p, const char *v, Buf *msg);
int edit_activities(Project *p, const char *v, Buf *msg);
int edit_pillar(Store *s, Project *p, const char *v, Buf *msg);
int edit_status(Project *p, const char *v, Buf *msg);
int edit_period(Project *p, const char *v, Buf *msg);

/*
 * Replace the entities (place 0) or the places (1) by names[0..n), each an
 * organisation's or a place's name, alias or key.
 */
int edit_links(Store *s, Project *p, int place, const char *const *names,
    size_t n, Buf *msg);

/* Set the scope from names[0..n): "global", "regional", "national". */
int edit_scope(Project *p, const char *const *names, size_t n, Buf *msg);

/*
 * Split text into items at line breaks and semicolons, trimmed, empty ones
 * dropped: "UNODC; UNDP\nOHCHR" gives three.  Free with edit_items_free().
 */
size_t edit_items(const char *text, char ***items);
void edit_items_free(char **items, size_t n);

#endif
