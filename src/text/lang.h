/*
 * lang.h - the six languages of the United Nations: Arabic, Chinese,
 * English, French, Russian and Spanish (ISO 639-1 ar, zh, en, fr, ru, es).
 *
 * Words go through gettext.  The English text in the source is the
 * message id; po/LANG.po holds its translation, compiled by msgfmt into
 * LOCALEDIR/C/LC_MESSAGES/ctmatrix-LANG.mo.  Each language is a text
 * domain of its own ("ctmatrix-ar", ...) looked up with dgettext(), so
 * one process serves every language at once, thread by thread, without
 * switching the locale: the server answers one request in Arabic and the
 * next in Russian.  LOCALEDIR is $CTMATRIX_LOCALEDIR, else "locale" beside
 * the binary (build/locale for build/ctmatrix), else ../share/locale from
 * it (an installed binary); a missing catalogue leaves the English text.
 *
 * Numbers and dates follow each language's conventions through ICU
 * (grouping, decimal sign, percent sign, month names, order); Russian
 * dates end in "года" as Russian documents write them; Arabic
 * keeps the European digits, as the United Nations' Arabic documents do,
 * and writes months with both their names ("أيار/مايو").
 *
 * Mark text for translation with tr(lang, "...") or trn(lang, "one",
 * "many", n) (trp(lang, "context", "...") for a short text with a
 * meaning of its own in one place); mark text in static tables with N_("...") and translate it
 * where it is used.  tools/check-po fails when a marked text has no
 * translation in one of the five catalogues.
 */
#ifndef CTM_TEXT_LANG_H
#define CTM_TEXT_LANG_H

#include <stddef.h>
#include <stdint.h>

#include "../core/buf.h"

/* The codes, in the order of their English names (ar zh en fr ru es). */
extern const char *const lang_code[6];
#define NLANG 6

/* Text marked for translation, translated where it is used. */
#define N_(s) s
/* A text marked for translation with a context: trp(lang, ctx, s). */
#define NP_(ctx, s) s

/*
 * Read the language of the environment and bind the catalogues; called
 * by main() before any thread starts (tr() calls it too, once).
 */
void lang_init(void);

/* Whether code is one of the six (exactly, in lower case). */
int lang_ok(const char *code);

/* The place of code in lang_code (0 to NLANG - 1), or -1 when none. */
int lang_index(const char *code);

/* code when it is one of the six, else "en". */
const char *lang_or_en(const char *code);

/* Whether the language is written right to left (Arabic). */
int lang_rtl(const char *lang);

/* The language's own name for itself ("العربية", "Русский", ...). */
const char *lang_name(const char *lang);

/*
 * msgid in lang (the English text itself for en or when untranslated).
 * As gettext's, a translation used as a printf format is checked by the
 * compiler against the English (format_arg) and by msgfmt --check
 * against its translation.
 */
const char *tr(const char *lang, const char *msgid)
    __attribute__((format_arg(2)));

/*
 * The name of a group that the store names in English because it has no
 * key ("no pillar", "no lead entity", "no thematic area": key empty), in
 * lang; any other name as it is.
 */
const char *lang_group_name(
    const char *lang, const char *key, const char *name);

/*
 * Whether s is written left to right: a letter of a script so written in
 * it, and none of one written right to left (numbers and signs alone
 * are neither).  In a right-to-left page such a text ("1540-Committee")
 * is set as a left-to-right isolate, U+2066 ... U+2069, or its parts
 * would be reordered ("Committee-1540").
 */
int lang_text_ltr(const char *s);

/*
 * msgid in lang within a context (gettext's msgctxt), for a short text
 * that reads differently elsewhere: "title" as a field's name is not
 * "title" as an order to sort by.  The English text for en or when
 * untranslated.
 */
const char *trp(const char *lang, const char *context, const char *msgid)
    __attribute__((format_arg(3)));

/* The singular or plural of the count n in lang, by its plural rules. */
const char *trn(
    const char *lang, const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(2))) __attribute__((format_arg(3)));

/*
 * The language of this thread's work: a page the server answers, a
 * command.  The messages of the layers beneath, which know no page or
 * command (a form's field refused, an import's defect), are marked with
 * TC() and come out in it.  NULL (as a thread starts): English.  The
 * server sets it for each page and clears it after; the JSON API, whose
 * messages are a contract, answers in English.  Never mark with TC() a
 * text that is stored or compared: only what a person reads now.
 */
void lang_use(const char *lang);
const char *lang_current(void);
#define TC(msgid)         tr(lang_current(), msgid)
#define TCN(one, many, n) trn(lang_current(), one, many, n)

/*
 * The language of the environment, as gettext reads it: the first of
 * LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set, by its first two
 * letters ("ru_RU.UTF-8" is ru); en when it names none of the six.
 */
const char *lang_from_env(void);

/*
 * The language an HTTP Accept-Language header prefers among the six, by
 * its quality values; NULL when it names none (or header is NULL).
 */
const char *lang_accept(const char *header);

/* n with the language's grouping ("12,345", "12 345", "12.345"). */
void lang_int(Buf *out, const char *lang, int64_t n);

/* x with frac decimals, grouped ("1,234.5", "1 234,5"). */
void lang_decimal(Buf *out, const char *lang, double x, int frac);

/* share (0.33 for 33%) as a whole percentage ("33%", "33 %"). */
void lang_percent(Buf *out, const char *lang, double share);

/*
 * The items joined as the language writes a list ("A, B and C", "A، B
 * وC", "A、B和C"), through ICU; items joined by ", " if ICU fails.
 */
void lang_list(Buf *out, const char *lang, const char *const *item, size_t n);

/*
 * The date ymd ("2018-05-12") as the language writes it in full ("12 May
 * 2018", "12 мая 2018 г.", "2018年5月12日"); ymd itself when it is not a
 * date.
 */
void lang_date(Buf *out, const char *lang, const char *ymd);

/*
 * The name of the ISO 4217 currency code in the language, from ICU's
 * (CLDR's) names ("euro", "евро", "欧元"); name, the one the reference data
 * gives (data/currencies.json, English), in English, for a code CLDR does
 * not name, or when lang is not one of the six.
 */
void lang_currency_name(
    Buf *out, const char *lang, const char *code, const char *name);

/*
 * Compare the UTF-8 texts a (na bytes) and b (nb bytes) in the order of
 * lang's dictionaries and indexes: ICU's collation of the language
 * (Chinese by pinyin, Arabic with the forms of alef together, Russian
 * with Ё after Е), which is not the order of the code points.  Negative,
 * 0 or positive, as strcmp(); texts equal to the collation but differing
 * in their bytes are ordered by their bytes, so the order is total.  The
 * bytes' order when lang is not one of the six or ICU cannot.  Safe from
 * any thread.
 */
int lang_collate(
    const char *lang, const char *a, size_t na, const char *b, size_t nb);

/* Free what ICU holds for the formats (at exit, for leak checkers). */
void lang_fini(void);

#endif
