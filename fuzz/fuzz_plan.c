/*
 * fuzz_plan.c - libFuzzer target for the reader of bracket-notation
 * drafts, in both modes, with the invariants a reader must keep: the
 * blocks tile the input, the delivered text is the input, every bracket
 * lies inside it and within its parent, and the other views and the
 * comparison with itself run to completion.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/plan/diff.h"
#include "../src/plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(const char *s, size_t n, int flags)
{
	Plan p;
	Buf b = BUF_INIT;
	PlanDiff d;
	PlanStats st;
	size_t at = 0;

	plan_read(&p, s, n, flags, NULL, NULL);
	for (size_t i = 0; i < p.nblock; i++) {
		if (p.block[i].start != at || p.block[i].end < at)
			abort();
		at = p.block[i].end;
	}
	if (at != n)
		abort();
	for (size_t i = 0; i < p.nbr; i++) {
		const PlanBracket *br = &p.br[i];

		if (br->open >= n || br->close > n || br->end > n ||
		    br->close < br->open || br->end < br->close ||
		    (br->closed && s[br->open] != '['))
			abort();
		if (br->parent >= 0 &&
		    (p.br[br->parent].open > br->open ||
			p.br[br->parent].close < br->close))
			abort();
	}
	plan_render(&p, PLAN_DELIVERED, NULL, 0, p.nblock, &b);
	if (b.len != n || (n > 0 && memcmp(b.s, s, n) != 0))
		abort();
	buf_reset(&b);
	plan_render(&p, PLAN_AGREED, NULL, 0, p.nblock, &b);
	buf_reset(&b);
	plan_render(&p, PLAN_ALL, NULL, 0, p.nblock, &b);
	buf_reset(&b);
	plan_render(&p, PLAN_AS, "IND", 0, p.nblock, &b);
	buf_reset(&b);
	plan_stats(&p, &st);
	if (st.nested > st.brackets || st.unclosed > st.brackets)
		abort();
	plan_diff(&p, &p, &d);
	if (d.added || d.removed || d.opened || d.dropped)
		abort();
	plan_diff_text(&p, &p, &d, NULL, &b);
	plan_diff_free(&d);
	buf_free(&b);
	plan_free(&p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check((const char *)data, size, PLAN_TEXT);
	check((const char *)data, size, PLAN_MARKDOWN);
	return 0;
}
