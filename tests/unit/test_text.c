/*
 * test_text.c - folding (ICU) and the name keys alias tables use.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../src/text/fold.h"
#include "test.h"

/* The corpus of texts folded before (tests/data/fold-corpus.tsv). */
#define FOLD_CORPUS "tests/data/fold-corpus.tsv"

/* Undo the corpus's escapes in place, the field ending at a tab. */
static char *
corpus_field(char **at)
{
	char *s = *at, *d = *at, *f = *at;

	while (*s && *s != '\t' && *s != '\n') {
		if (*s == '\\' && s[1] == 'x' && s[2] && s[3]) {
			char hex[3] = { s[2], s[3], 0 };

			*d++ = (char)strtol(hex, NULL, 16);
			s += 4;
		} else if (*s == '\\' && s[1]) {
			*d++ = s[1] == 't' ? '\t' : s[1] == 'n' ? '\n' : s[1];
			s += 2;
		} else {
			*d++ = *s++;
		}
	}
	*at = *s ? s + 1 : s;
	*d = '\0';
	return f;
}

/*
 * Every text of the corpus folds, and keys, as it did: a change of a
 * fold would change the source keys of projects already imported.
 */
static void
fold_corpus(void)
{
	FILE *fp = fopen(FOLD_CORPUS, "r");
	char line[4096];
	int n = 0, fold_bad = 0, key_bad = 0;
	Buf b = BUF_INIT;

	CHECK(fp != NULL, "%s opens (the tests run from the top)", FOLD_CORPUS);
	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *at = line, *text, *fold, *key;

		if (line[0] == '#')
			continue;
		text = corpus_field(&at);
		fold = corpus_field(&at);
		key = corpus_field(&at);
		n++;
		buf_reset(&b);
		text_fold(text, &b);
		if (strcmp(buf_str(&b), fold) != 0 && fold_bad++ == 0)
			printf("# fold of \"%s\": \"%s\", was \"%s\"\n", text,
			    buf_str(&b), fold);
		buf_reset(&b);
		text_name_key(text, &b);
		if (strcmp(buf_str(&b), key) != 0 && key_bad++ == 0)
			printf("# key of \"%s\": \"%s\", was \"%s\"\n", text,
			    buf_str(&b), key);
	}
	fclose(fp);
	buf_free(&b);
	CHECK(n >= 900, "the fold corpus holds %d texts", n);
	CHECK(fold_bad == 0, "text_fold: %d of %d texts fold otherwise",
	    fold_bad, n);
	CHECK(key_bad == 0, "text_name_key: %d of %d texts key otherwise",
	    key_bad, n);
}

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
	/* Accented pieces among ASCII, and spaces across them. */
	fold_is("  Été —\u00a0ÉTÉ  ", "ete - ete");
	fold_is("x\x1cy é", "x y e");
	fold_is("x\x1cy", "x\x1cy");
	key_is("Côte  d’Ivoire & São Tomé", "cote d ivoire and sao tome");
	fold_corpus();
}
