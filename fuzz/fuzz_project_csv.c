/*
 * fuzz_project_csv.c - libFuzzer target for the reader of CSV files of
 * projects (project_csv.c): the whole path that runs before the database,
 * from the UTF-8 check and the header mapping to each record taken apart
 * (pillar, serial, period, entities, status).  Every row given out must
 * have a pillar, a title and its line; an error must say file:line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/io/project_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ProjectCsvReader r;
	const ProjectCsvRow *row;
	Buf err = BUF_INIT;
	int got;

	/* Half the inputs with a default pillar, as --pillar gives. */
	project_csv_init(
	    &r, (const char *)data, size, "fuzz", size % 2 ? "II" : NULL);
	while ((got = project_csv_next(&r, &row, &err)) == 1) {
		if (row->pillar == NULL || row->field[PCSV_TITLE].len == 0 ||
		    row->line == 0)
			abort();
		for (size_t i = 0; i < row->nentity; i++)
			if (row->entity[i][0] == '\0')
				abort();
	}
	if (got < 0 && strncmp(buf_str(&err), "fuzz:", 5) != 0)
		abort();
	project_csv_free(&r);
	buf_free(&err);
	return 0;
}
