/*
 * plangen.c - writes a synthetic negotiation draft for the plan
 * benchmark: a title, a preamble, four pillars of numbered measures
 * (inserted ones among them), brackets with one to three delegation tags,
 * some with none, nested up to eight deep, some spanning a blank line.
 *
 *   plangen BYTES [SEED] > draft.txt
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng = 88172645463325252ull;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const words[] = { "measures", "cooperation", "regional",
	"national", "capacity", "border", "security", "human", "rights",
	"victims", "terrorism", "prevent", "counter", "violent", "extremism",
	"support", "exchange", "information", "practices", "law", "enforcement",
	"judicial", "financing", "youth", "women", "dialogue", "strengthen",
	"promote", "ensure", "the", "and", "of", "to", "in" };
static const char *const codes[] = { "IND", "TUR", "BHR", "ISR", "RUS", "KAZ",
	"KGZ", "TJK", "TKM", "UZB", "CHN", "PAK", "IRN", "EGY", "QAT", "ARE",
	"AZE", "MNG", "THA", "VNM", "KOR", "IRQ", "JOR", "AFG", "BGD", "KHM",
	"LKA", "PSE", "MYS", "SAU" };
#define NW (sizeof(words) / sizeof(words[0]))
#define NC (sizeof(codes) / sizeof(codes[0]))

static long out;

static void
put(const char *s)
{
	out += fputs(s, stdout) >= 0 ? (long)__builtin_strlen(s) : 0;
}

static void
text(int n)
{
	for (int i = 0; i < n; i++) {
		put(words[rnd(NW)]);
		put(" ");
	}
}

static void
tags(void)
{
	int n = (int)rnd(4); /* 0: unsponsored */
	char t[16];

	for (int i = 0; i < n; i++) {
		snprintf(t, sizeof(t), " (%c%s)", rnd(3) ? '+' : '-',
		    codes[rnd(NC)]);
		put(t);
	}
	put(" ");
}

static void
bracket(int depth)
{
	put("[");
	text(1 + (int)rnd(4));
	if (depth < 8 && rnd(3) == 0)
		bracket(depth + 1);
	if (rnd(200) == 0)
		put("\n\n");
	text(1 + (int)rnd(3));
	put("]");
	tags();
}

int
main(int argc, char **argv)
{
	long want = argc > 1 ? atol(argv[1]) : 10L * 1000 * 1000;
	int measure = 0;

	if (argc > 2)
		rng += (uint64_t)atol(argv[2]);
	put("Chairmanship\n\n**Draft Plan of Action on the Implementation of "
	    "the Strategy**\n\nWe, the Member States;\n\n");
	for (int i = 0; i < 12; i++) {
		put("Recalling ");
		text(20);
		bracket(1);
		text(10);
		put(";\n\n");
	}
	for (int pillar = 1; pillar <= 4; pillar++) {
		static const char *const roman[] = { "", "I", "II", "III",
			"IV" };

		printf("Pillar %s: Measures ", roman[pillar]);
		out += 16;
		text(8);
		put("\n\nResolve to ");
		bracket(1);
		put(" the following measures:\n\n");
		while (out < want * pillar / 4) {
			char num[32];

			if (rnd(20) == 0) {
				snprintf(num, sizeof(num), "[%da. ", measure);
				put(num);
				text(30);
				put("] (+IND)\n");
				continue;
			}
			snprintf(num, sizeof(num), "%d. ", ++measure);
			put(num);
			for (int k = 0; k < 12; k++) {
				text(5 + (int)rnd(10));
				bracket(1);
			}
			text(6);
			put(".\n");
		}
		put("\n");
	}
	return 0;
}
