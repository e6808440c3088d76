/*
 * test_vocab.c - statuses, pillars and the other vocabularies.
 */
#include "../../src/portfolio/vocab.h"
#include "test.h"

void
test_vocab(void)
{
	CHECK_STR(vocab_status("Ongoing"), "ongoing", "status Ongoing");
	CHECK_STR(vocab_status(" In development "), "in_development",
	    "status In development");
	CHECK_STR(vocab_status("in_development"), "in_development",
	    "status in_development");
	CHECK_STR(vocab_status("COMPLETED"), "completed", "status COMPLETED");
	CHECK_STR(vocab_status("Terminé"), "completed", "status Terminé");
	CHECK(vocab_status("Suspended") == NULL, "Suspended is no status");
	CHECK_STR(vocab_status("Under implementation"), "ongoing",
	    "status Under implementation");
	CHECK_STR(vocab_status("In the pipeline"), "in_development",
	    "status In the pipeline");
	CHECK_STR(
	    vocab_status("Implemented"), "completed", "status Implemented");
	CHECK_STR(vocab_status_written("Ongoing (Phase II)"), "ongoing",
	    "status Ongoing (Phase II)");
	CHECK_STR(vocab_status_written("Completed in 2017"), "completed",
	    "status Completed in 2017");
	CHECK(vocab_status_written("Completed (Phase I); Ongoing (Phase II)") ==
		NULL,
	    "two statuses are none");
	CHECK(vocab_status_written("Ongoing/Completed") == NULL,
	    "either of two is none");
	CHECK(vocab_status("Completed in 2017") == NULL,
	    "an edit's status is one of the words, no more");
	CHECK_STR(vocab_pillar("II"), "II", "pillar II");
	CHECK_STR(vocab_pillar("2"), "II", "pillar 2");
	CHECK_STR(vocab_pillar("Pillar iv"), "IV", "Pillar iv");
	CHECK(vocab_pillar("V x") == NULL && vocab_pillar("") == NULL,
	    "junk is no pillar");
	CHECK(vocab_stat_dimension("region") && !vocab_stat_dimension("reg"),
	    "stat dimensions are matched whole");
	CHECK(vocab_sort("title") && !vocab_sort("title;drop"),
	    "sort names are matched whole");
}
