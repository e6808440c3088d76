/*
 * icu.c - ICU loaded at run time (see icu.h).
 *
 * The libraries' file names are those of the version of the headers
 * compiled against ("libicuuc.so." U_ICU_VERSION_SHORT), as are the
 * symbols' names (urename.h): a program built on one ICU looks for that
 * one, and an unversioned libicuuc.so, perhaps of another version, would
 * lack them.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <unicode/uvernum.h>

#include "icu.h"

/*
 * A name as the headers rename it, as a string: ICU_NAME(u_strFoldCase)
 * is "u_strFoldCase_72" with ICU 72.
 */
#define ICU_NAME_(x) #x
#define ICU_NAME(x)  ICU_NAME_(x)

/* The libraries, in the order they are opened (libicui18n needs libicuuc). */
enum { ICU_UC, ICU_I18N, ICU_NLIBS };

static const char *const icu_file[ICU_NLIBS] = {
	"libicuuc.so." U_ICU_VERSION_SHORT,
	"libicui18n.so." U_ICU_VERSION_SHORT,
};

static IcuLib icu;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;
static char icu_error[512]; /* why icu_load() failed; "" if it did not */

static void
icu_load(void)
{
	void *h[ICU_NLIBS];

	for (int i = 0; i < ICU_NLIBS; i++)
		if ((h[i] = dlopen(icu_file[i], RTLD_NOW | RTLD_LOCAL)) ==
		    NULL) {
			snprintf(icu_error, sizeof(icu_error), "%s", dlerror());
			return;
		}
#define ICU_LOAD(lib, name)                                                    \
	if ((*(void **)&icu.name = dlsym(h[lib], ICU_NAME(name))) == NULL) {   \
		snprintf(icu_error, sizeof(icu_error), "%s lacks %s",          \
		    icu_file[lib], ICU_NAME(name));                            \
		return;                                                        \
	}
	ICU_FUNCTIONS(ICU_LOAD)
#undef ICU_LOAD
}

const IcuLib *
icu_lib(void)
{
	pthread_once(&icu_once, icu_load);
	if (icu_error[0] != '\0') {
		/* No text can be folded without it: cli.h's EXIT_SYSTEM. */
		fprintf(stderr, "ctmatrix: cannot load ICU (%s)\n", icu_error);
		exit(3);
	}
	return &icu;
}
