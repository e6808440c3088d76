/*
 * test.h - the unit tests' few macros.  Each check prints a TAP line,
 * "ok - what" or "not ok - what" with the values that differed; tests/run
 * counts them.
 */
#ifndef CTM_TEST_H
#define CTM_TEST_H

#include <stdio.h>
#include <string.h>

extern int test_failed;

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		int ok_ = (cond) ? 1 : 0;                                      \
		printf("%s - ", ok_ ? "ok" : "not ok");                        \
		printf(__VA_ARGS__);                                           \
		printf("\n");                                                  \
		if (!ok_) {                                                    \
			printf("#   %s:%d: %s\n", __FILE__, __LINE__, #cond);  \
			test_failed++;                                         \
		}                                                              \
	} while (0)

#define CHECK_STR(got, want, ...)                                              \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		int ok_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;         \
		printf("%s - ", ok_ ? "ok" : "not ok");                        \
		printf(__VA_ARGS__);                                           \
		printf("\n");                                                  \
		if (!ok_) {                                                    \
			printf("#   %s:%d: got \"%s\", want \"%s\"\n",         \
			    __FILE__, __LINE__, g_ ? g_ : "(null)",            \
			    w_ ? w_ : "(null)");                               \
			test_failed++;                                         \
		}                                                              \
	} while (0)

void test_core(void);
void test_text(void);
void test_lang(void);
void test_period(void);
void test_vocab(void);
void test_annex(void);
void test_http(void);
void test_form(void);
void test_money(void);
void test_results(void);
void test_store(void);
/* The same on the database at url, which must be empty. */
void test_store_on(const char *url);
void test_iati(void);

#endif
