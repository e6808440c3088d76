/*
 * fuzz_annex.c - libFuzzer target for the published-matrix reader.
 *
 * Feeds arbitrary bytes through the whole parsing path that runs before
 * the database: the line reader (annex_next), the title cell parser with
 * entity detection, the scope cell parser and the period parser.  Entity
 * recognition uses a stand-in that accepts a few real acronyms, so the
 * plain-text entity paths are exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../src/io/annex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
known(void *ctx, const char *name)
{
	static const char *const names[] = { "UNODC", "UNESCO", "UNAOC", "IOM",
		"UN WOMEN", "1540 Committee", "CTED" };

	(void)ctx;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *fp = fmemopen((void *)(uintptr_t)data, size, "r");
	AnnexReader r;
	AnnexEvent ev;
	Buf err = BUF_INIT;

	if (fp == NULL)
		return 0;
	annex_reader_init(&r, fp, "fuzz");
	while (annex_next(&r, &ev, &err) == 1) {
		AnnexTitle t;
		AnnexScope sc;
		AnnexNotes notes = { NULL, 0, 0 };

		if (ev.type != ANNEX_ROW)
			continue;
		annex_title_parse(buf_str(&ev.row->cell[CELL_TITLE]), known,
		    NULL, &t, &notes, ev.row->line);
		annex_scope_parse(buf_str(&ev.row->cell[CELL_SCOPE]), &sc);
		annex_title_free(&t);
		annex_scope_free(&sc);
		annex_notes_free(&notes);
	}
	annex_reader_free(&r);
	fclose(fp);
	buf_free(&err);
	return 0;
}
