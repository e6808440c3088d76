/*
 * icu.h - ICU, loaded on first use.
 *
 * fold.c and lang.c call ICU through the table icu_lib() returns, not
 * by linking it: libicuuc and libicui18n bring libstdc++ and ICU's
 * 31 MB of data, and with libxml2 (which links ICU; io/xml.h) their
 * loading took half of an empty program's start (3.29 ms linked, 1.64
 * without), at every command, while most commands neither fold a word
 * that is not ASCII nor format a number.  The libraries are opened
 * (dlopen) when a function of the table is first wanted, once for all
 * threads, and never closed.
 *
 * Debian's ICU renames each symbol with its version (unicode/urename.h:
 * u_strFoldCase is a macro for u_strFoldCase_72): the table's members
 * are named as the functions, so that icu->u_strFoldCase is the
 * renamed member too, and the symbols looked up are the renamed names,
 * of the version of the headers compiled against.
 */
#ifndef CTM_TEXT_ICU_H
#define CTM_TEXT_ICU_H

#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/ucurr.h>
#include <unicode/udat.h>
#include <unicode/ulistformatter.h>
#include <unicode/unorm2.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

/*
 * The functions of ICU ctmatrix calls, each with the library that has
 * it: ICU_UC is libicuuc, ICU_I18N libicui18n (icu.c).
 */
#define ICU_FUNCTIONS(X)                                                       \
	X(ICU_UC, u_charType)                                                  \
	X(ICU_UC, u_charsToUChars)                                             \
	X(ICU_UC, u_isspace)                                                   \
	X(ICU_UC, u_strFoldCase)                                               \
	X(ICU_UC, u_strFromUTF8)                                               \
	X(ICU_UC, u_strToUTF8)                                                 \
	X(ICU_UC, u_strcmp)                                                    \
	X(ICU_UC, ucurr_getName)                                               \
	X(ICU_UC, unorm2_getNFCInstance)                                       \
	X(ICU_UC, unorm2_getNFKDInstance)                                      \
	X(ICU_UC, unorm2_normalize)                                            \
	X(ICU_I18N, ucol_close)                                                \
	X(ICU_I18N, ucol_open)                                                 \
	X(ICU_I18N, ucol_strcollUTF8)                                          \
	X(ICU_I18N, udat_applyPattern)                                         \
	X(ICU_I18N, udat_close)                                                \
	X(ICU_I18N, udat_format)                                               \
	X(ICU_I18N, udat_open)                                                 \
	X(ICU_I18N, udat_setSymbols)                                           \
	X(ICU_I18N, ulistfmt_close)                                            \
	X(ICU_I18N, ulistfmt_format)                                           \
	X(ICU_I18N, ulistfmt_open)                                             \
	X(ICU_I18N, unum_close)                                                \
	X(ICU_I18N, unum_formatDouble)                                         \
	X(ICU_I18N, unum_formatInt64)                                          \
	X(ICU_I18N, unum_open)                                                 \
	X(ICU_I18N, unum_setAttribute)

/* Each member is ICU's function of the same name. */
typedef struct IcuLib {
#define ICU_MEMBER(lib, name) __typeof__(name) *name;
	ICU_FUNCTIONS(ICU_MEMBER)
#undef ICU_MEMBER
} IcuLib;

/*
 * ICU's functions, the libraries loaded on the first call (from any
 * thread).  When they cannot be (a library or a function missing), the
 * program cannot fold nor format text: it says so on stderr, naming the
 * library and what failed, and exits with status 3 (cli.h's
 * EXIT_SYSTEM).  The table is the program's; nothing is freed.
 */
const IcuLib *icu_lib(void);

#endif
