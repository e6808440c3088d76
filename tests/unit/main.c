/*
 * main.c - the unit test runner: pure modules, no database, no files.
 */
#include "test.h"

int test_failed;

int
main(void)
{
	test_core();
	test_text();
	test_lang();
	test_period();
	test_vocab();
	test_annex();
	test_http();
	test_form();
	test_money();
	test_results();
	test_store();
	test_iati();
	return test_failed ? 1 : 0;
}
