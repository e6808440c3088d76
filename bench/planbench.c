/*
 * planbench.c - times the reader of bracket-notation drafts in process.
 *
 *   planbench FILE [RUNS]
 *
 * Prints tab-separated lines: the input size; the best time of RUNS reads
 * (plan_read) and its throughput; the best time of a floor, one pass over
 * the same bytes that counts lines and bracket characters with memchr
 * (what any reader must at least do), and the ratio of the two; the
 * memory the model holds, per byte of input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/plan/plan.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
floor_pass(const char *s, size_t n)
{
	long count = 0;

	for (const char *p = s, *z = s + n; p < z; p++)
		count += *p == '\n' || *p == '[' || *p == ']';
	return count;
}

int
main(int argc, char **argv)
{
	char *text;
	size_t n;
	Buf err = BUF_INIT;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	double best = 1e9, bestf = 1e9;
	size_t model = 0;
	long sink = 0;
	PlanStats st;

	if (argc < 2 || buf_read_file(argv[1], &text, &n, &err) != 0) {
		fprintf(stderr, "planbench: %s\n",
		    argc < 2 ? "usage: planbench FILE [RUNS]" : buf_str(&err));
		return 1;
	}
	for (int r = 0; r < runs; r++) {
		Plan p;
		double t0 = now(), t1;

		plan_read(&p, text, n, plan_flags_for(argv[1]), NULL, NULL);
		t1 = now() - t0;
		if (t1 < best)
			best = t1;
		model = p.capblock * sizeof(PlanBlock) +
		    p.capbr * sizeof(PlanBracket) + p.captag * sizeof(PlanTag);
		plan_stats(&p, &st);
		plan_free(&p);
		t0 = now();
		sink += floor_pass(text, n);
		t1 = now() - t0;
		if (t1 < bestf)
			bestf = t1;
	}
	printf("bytes\t%zu\n", n);
	printf("brackets\t%ld\nnested\t%ld\ntags\t%ld\nmeasures\t%ld\n",
	    st.brackets, st.nested, st.brackets - st.unsponsored, st.measures);
	printf("read_s\t%.4f\nread_mb_s\t%.1f\n", best, (double)n / 1e6 / best);
	printf("floor_s\t%.4f\nfloor_mb_s\t%.1f\n", bestf,
	    (double)n / 1e6 / bestf);
	printf("ratio\t%.2f\n", best / bestf);
	printf("model_bytes_per_input_byte\t%.3f\n", (double)model / (double)n);
	free(text);
	return sink == 42 ? 2 : 0;
}
