/*
 * test_text.c - folding (ICU) and the name keys alias tables use.
 */
#include "../../src/text/fold.h"
#include "test.h"

static void
fold_is(const char *in, const char *want)
{
	Buf b = BUF_INIT;

	text_fold(in, &b);
	CHECK_STR(buf_str(&b), want, "text_fold(\"%s\")", in);
	buf_free(&b);
}

static void
key_is(const char *in, const char *want)
{
	Buf b = BUF_INIT;

	text_name_key(in, &b);
	CHECK_STR(buf_str(&b), want, "text_name_key(\"%s\")", in);
	buf_free(&b);
}

static void
words_is(const char *in, const char *want)
{
	Buf b = BUF_INIT;

	text_words(in, &b);
	CHECK_STR(buf_str(&b), want, "text_words(\"%s\")", in);
	buf_free(&b);
}

void
test_text(void)
{
	/* Search words split where the index's tokenizer splits. */
	words_is("title:x", "title x");
	words_is("«Radicalisation» — violent-extremism",
	    "radicalisation violent extremism");
	words_is("  \"\"  ", "");
	words_is("التطرف، العنيف", "التطرف العنيف");
	words_is("Терроризм/ЁЛКА 2018", "терроризм елка 2018");
	words_is("反恐战略", "反恐战略");
	fold_is("  Countering   VIOLENT\textremism ",
	    "countering violent "
	    "extremism");
	fold_is("Québec École", "quebec ecole");
	fold_is("ЁЛКА Москва", "елка москва");
	/* Arabic: harakat dropped, hamza and madda on alef folded. */
	fold_is("الْعَرَبِيَّة", "العربيه");
	fold_is("أمن إقليمي آمن", "امن اقليمي امن");
	fold_is("ﻻ", "لا");
	fold_is("Straße", "strasse");
	fold_is("ＵＮＯＤＣ", "unodc");
	key_is("UN WOMEN", "un women");
	key_is("UN-Women", "un women");
	key_is("U.N. Women", "un women");
	key_is("Côte d’Ivoire", "cote d ivoire");
	key_is("Cote d'Ivoire", "cote d ivoire");
	key_is("Bosnia & Herzegovina", "bosnia and herzegovina");
	key_is("  (ICCT)  ", "icct");
}
