/*
 * render.c - loading the PDF and XLSX renderers on first use (render.h).
 */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/exe.h"
#include "render.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const RenderModule *module;
static char failure[PATH_MAX + 256];

#define MODULE_FILE "ctmatrix-render.so"

/* Where the module is: $CTMATRIX_RENDER, beside the binary, or ../lib. */
static void
module_path(char *path, size_t size)
{
	const char *env = getenv("CTMATRIX_RENDER");
	char exe[PATH_MAX];

	if (env != NULL && *env) {
		snprintf(path, size, "%s", env);
		return;
	}
	if (exe_dir(exe, sizeof(exe)) != 0) {
		snprintf(path, size, "./" MODULE_FILE);
		return;
	}
	snprintf(path, size, "%s/" MODULE_FILE, exe);
	if (access(path, R_OK) != 0)
		snprintf(path, size, "%s/../lib/ctmatrix/" MODULE_FILE, exe);
}

static void
load(void)
{
	char path[PATH_MAX + 64];
	void *h;
	const char *why;

	module_path(path, sizeof(path));
	/*
	 * RTLD_NOW: a symbol missing in the module or in the binary fails
	 * here, with its name, not in the middle of a report.
	 */
	if ((h = dlopen(path, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		why = dlerror();
		snprintf(failure, sizeof(failure),
		    "cannot load the PDF and XLSX renderers: %s",
		    why ? why : path);
		return;
	}
	if ((module = dlsym(h, RENDER_MODULE_SYMBOL)) == NULL)
		snprintf(failure, sizeof(failure),
		    "%s is not ctmatrix's renderer module (it lacks %s)", path,
		    RENDER_MODULE_SYMBOL);
}

const RenderModule *
render_module(Buf *err)
{
	pthread_once(&once, load);
	if (module == NULL)
		buf_puts(err, failure);
	return module;
}

void
render_fini(void)
{
	/* Loaded or not, never load it just to drop its caches. */
	if (module != NULL)
		module->fini();
}
