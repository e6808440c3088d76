/*
 * xml.h - libxml2, loaded on first use.
 *
 * The IATI reader, writer and codelists (iati_read.c, iati_export.c,
 * iati_map.c) call libxml2 through the table xml_lib() returns, not by
 * linking it: libxml2 links ICU (text/icu.h says what that costs at
 * every start), and only the IATI commands read or write XML.  The
 * library is opened (dlopen) when a function of the table is first
 * wanted, once for all threads, its parser initialised there
 * (xmlInitParser(), which libxml2 wants called before threads parse),
 * and never closed.
 */
#ifndef CTM_IO_XML_H
#define CTM_IO_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "../core/buf.h"

/* The functions of libxml2 ctmatrix calls (and the fuzz target's). */
#define XML_FUNCTIONS(X)                                                       \
	X(xmlDocGetRootElement)                                                \
	X(xmlFreeDoc)                                                          \
	X(xmlFreeTextReader)                                                   \
	X(xmlFreeTextWriter)                                                   \
	X(xmlGetLastError)                                                     \
	X(xmlGetNoNsProp)                                                      \
	X(xmlGetNsProp)                                                        \
	X(xmlInitParser)                                                       \
	X(xmlNewTextWriter)                                                    \
	X(xmlNodeGetContent)                                                   \
	X(xmlNodeGetLang)                                                      \
	X(xmlOutputBufferCreateFile)                                           \
	X(xmlReadMemory)                                                       \
	X(xmlReaderForFile)                                                    \
	X(xmlReaderForMemory)                                                  \
	X(xmlSetGenericErrorFunc)                                              \
	X(xmlTextReaderConstLocalName)                                         \
	X(xmlTextReaderCurrentNode)                                            \
	X(xmlTextReaderDepth)                                                  \
	X(xmlTextReaderExpand)                                                 \
	X(xmlTextReaderGetAttribute)                                           \
	X(xmlTextReaderGetParserLineNumber)                                    \
	X(xmlTextReaderLocatorLineNumber)                                      \
	X(xmlTextReaderNext)                                                   \
	X(xmlTextReaderNodeType)                                               \
	X(xmlTextReaderRead)                                                   \
	X(xmlTextReaderSetErrorHandler)                                        \
	X(xmlTextWriterEndDocument)                                            \
	X(xmlTextWriterEndElement)                                             \
	X(xmlTextWriterSetIndent)                                              \
	X(xmlTextWriterSetIndentString)                                        \
	X(xmlTextWriterStartDocument)                                          \
	X(xmlTextWriterStartElement)                                           \
	X(xmlTextWriterStartElementNS)                                         \
	X(xmlTextWriterWriteAttribute)                                         \
	X(xmlTextWriterWriteString)

typedef struct XmlLib {
#define XML_MEMBER(name) __typeof__(name) *name;
	XML_FUNCTIONS(XML_MEMBER) /* libxml2's function of the same name */
#undef XML_MEMBER
	/*
	 * What frees what libxml2 returns: the value of its variable
	 * xmlFree (a function pointer, not a function), read once loaded;
	 * ctmatrix never sets it (xmlMemSetup()).
	 */
	xmlFreeFunc xmlFree;
} XmlLib;

/*
 * libxml2's functions, the library loaded and its parser initialised on
 * the first call (from any thread).  When it cannot be (the library or a
 * function missing): NULL, with a message naming the library and what
 * failed in err; or, if err is NULL (a caller with no error to return,
 * or one after a call that succeeded), the message on stderr and exit
 * with status 3 (cli.h's EXIT_SYSTEM).  The table is the program's.
 */
const XmlLib *xml_lib(Buf *err);

#endif
