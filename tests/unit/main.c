/*
 * main.c - the unit test runner: pure modules, and the store's bulk load
 * on a SQLite file of its own.  With a database URL as its argument, it
 * runs the store's tests on that database instead, and nothing else
 * (tests/run's PostgreSQL suite gives it an empty database).
 */
#include "test.h"

int test_failed;

int
main(int argc, char **argv)
{
	if (argc > 1) {
		test_store_on(argv[1]);
		return test_failed ? 1 : 0;
	}
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
