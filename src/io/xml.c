/*
 * xml.c - libxml2 loaded at run time (see xml.h).
 *
 * libxml2's soname has been libxml2.so.2 since 2001; its symbols carry
 * no version in their names (unlike ICU's), so the one file name serves.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "xml.h"

#define XML_FILE "libxml2.so.2"

static XmlLib xml;
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static char xml_error[512]; /* why xml_load() failed; "" if it did not */

static void
xml_load(void)
{
	void *h = dlopen(XML_FILE, RTLD_NOW | RTLD_LOCAL);
	xmlFreeFunc *free_fn;

	if (h == NULL) {
		snprintf(xml_error, sizeof(xml_error), "%s", dlerror());
		return;
	}
#define XML_LOAD(name)                                                         \
	if ((*(void **)&xml.name = dlsym(h, #name)) == NULL) {                 \
		snprintf(xml_error, sizeof(xml_error), XML_FILE " lacks %s",   \
		    #name);                                                    \
		return;                                                        \
	}
	XML_FUNCTIONS(XML_LOAD)
#undef XML_LOAD
	if ((free_fn = dlsym(h, "xmlFree")) == NULL) {
		snprintf(
		    xml_error, sizeof(xml_error), XML_FILE " lacks xmlFree");
		return;
	}
	/* Once, before any thread parses, as libxml2 asks. */
	xml.xmlInitParser();
	xml.xmlFree = *free_fn;
}

const XmlLib *
xml_lib(Buf *err)
{
	pthread_once(&xml_once, xml_load);
	if (xml_error[0] == '\0')
		return &xml;
	if (err != NULL) {
		buf_printf(err, "cannot load libxml2 (%s)", xml_error);
		return NULL;
	}
	/* Nowhere to report it, and no XML without it: EXIT_SYSTEM. */
	fprintf(stderr, "ctmatrix: cannot load libxml2 (%s)\n", xml_error);
	exit(3);
}
