/*
 * bench.c - runs a command many times and reports its latency and memory
 * (the driver of `make bench`, issue 2, section 7).
 *
 * Each run is a fork and exec of the command, as a user runs it: the time
 * is the wall time from fork to the end of wait4(), on CLOCK_MONOTONIC,
 * and the memory is the child's peak resident set (ru_maxrss of wait4's
 * rusage).  Standard output and error go to /dev/null, or the last run's
 * to the files -O and -E name.  A -p command, run by /bin/sh before every
 * run (warm-up runs too), is not timed: it prepares the state a run needs
 * (a fresh database, say).
 *
 * usage: bench [-n RUNS] [-w WARMUP] [-p PREP] [-O OUT] [-E ERR] -- CMD...
 *
 * Prints one line of key=value pairs on standard output:
 *   runs=100 fails=0 median_ms=3.142 p99_ms=4.001 min_ms=2.9 max_ms=4.2
 *   mean_ms=3.2 maxrss_kb=12345 median_rss_kb=12000
 * p99 is the nearest-rank percentile: with 100 runs, the 99th fastest.
 * fails counts the runs that did not exit with status 0 (or could not be
 * executed: the binary replaced under a long benchmark); the exit status
 * of bench is 0 unless it could not execute the command at all.
 *
 * C11 and POSIX.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr,
	    "usage: bench [-n RUNS] [-w WARMUP] [-p PREP] "
	    "[-O OUT] [-E ERR] -- CMD [ARG...]\n");
	exit(2);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Opens PATH for a child's output, /dev/null when PATH is NULL. */
static int
open_out(const char *path)
{
	int fd = open(path ? path : "/dev/null",
	    O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		fprintf(stderr, "bench: %s: %s\n", path ? path : "/dev/null",
		    strerror(errno));
		exit(1);
	}
	return fd;
}

/* Runs PREP with /bin/sh; its output goes to our standard error. */
static void
prepare(const char *prep)
{
	pid_t pid;
	int st;

	if (prep == NULL)
		return;
	pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		exit(1);
	}
	if (pid == 0) {
		dup2(2, 1);
		execl("/bin/sh", "sh", "-c", prep, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			perror("bench: waitpid");
			exit(1);
		}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "bench: preparation failed: %s\n", prep);
		exit(1);
	}
}

/*
 * One timed run.  Returns the wall time in milliseconds; *rss_kb is the
 * child's peak resident set and *ok whether it exited with status 0.
 * Returns -1 when the command could not be executed at all (a pipe that
 * closes on exec carries exec's errno back).
 */
static double
run_once(char **argv, const char *out, const char *err, long *rss_kb, int *ok)
{
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	int st, fd_out, fd_err, pfd[2], exec_errno = 0;
	ssize_t n;

	/* Files are opened before the clock starts: not the command's
	 * time. */
	fd_out = open_out(out);
	fd_err = open_out(err);
	if (pipe(pfd) != 0 || fcntl(pfd[1], F_SETFD, FD_CLOEXEC) != 0) {
		perror("bench: pipe");
		exit(1);
	}
	t0 = now_ms();
	pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		exit(1);
	}
	if (pid == 0) {
		int fd_in = open("/dev/null", O_RDONLY);

		close(pfd[0]);
		if (fd_in >= 0)
			dup2(fd_in, 0);
		dup2(fd_out, 1);
		dup2(fd_err, 2);
		execvp(argv[0], argv);
		exec_errno = errno;
		if (write(pfd[1], &exec_errno, sizeof(exec_errno)) < 0)
			_exit(127);
		_exit(127);
	}
	close(pfd[1]);
	while ((n = read(pfd[0], &exec_errno, sizeof(exec_errno))) < 0 &&
	    errno == EINTR)
		;
	close(pfd[0]);
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("bench: wait4");
			exit(1);
		}
	t1 = now_ms();
	close(fd_out);
	close(fd_err);
	*rss_kb = ru.ru_maxrss; /* kilobytes on Linux */
	*ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	if (n == (ssize_t)sizeof(exec_errno)) {
		fprintf(
		    stderr, "bench: %s: %s\n", argv[0], strerror(exec_errno));
		*ok = 0;
		return -1;
	}
	return t1 - t0;
}

int
main(int argc, char **argv)
{
	long runs = 100, warmup = 0;
	const char *prep = NULL, *out = NULL, *err = NULL;
	double *ms, sum = 0;
	long *rss, fails = 0;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-n") == 0)
			runs = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-w") == 0)
			warmup = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-p") == 0)
			prep = argv[++i];
		else if (strcmp(argv[i], "-O") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "-E") == 0)
			err = argv[++i];
		else
			usage();
	}
	if (i >= argc || runs < 1 || runs > 1000000 || warmup < 0)
		usage();
	argv += i;

	ms = calloc((size_t)runs, sizeof(*ms));
	rss = calloc((size_t)runs, sizeof(*rss));
	if (ms == NULL || rss == NULL) {
		perror("bench");
		return 1;
	}
	for (long r = 0; r < warmup; r++) {
		long kb;
		int ok;

		prepare(prep);
		if (run_once(argv, NULL, NULL, &kb, &ok) < 0)
			return 1;
	}
	for (long r = 0; r < runs; r++) {
		int last = r == runs - 1, ok;

		prepare(prep);
		ms[r] = run_once(
		    argv, last ? out : NULL, last ? err : NULL, &rss[r], &ok);
		/* Not executable at all: give up at once; later (the binary
		 * rebuilt under us, say) it is a failed run. */
		if (ms[r] < 0) {
			if (r == 0)
				return 1;
			ms[r] = 0;
		}
		sum += ms[r];
		fails += !ok;
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp_double);
	qsort(rss, (size_t)runs, sizeof(*rss), cmp_long);

	{
		/* Nearest rank: the smallest value with at least 99% of the
		 * runs at or below it. */
		long p99 = (99 * runs + 99) / 100 - 1;
		double median = runs % 2
		    ? ms[runs / 2]
		    : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;

		printf("runs=%ld fails=%ld median_ms=%.3f p99_ms=%.3f "
		       "min_ms=%.3f max_ms=%.3f mean_ms=%.3f maxrss_kb=%ld "
		       "median_rss_kb=%ld\n",
		    runs, fails, median, ms[p99], ms[0], ms[runs - 1],
		    sum / (double)runs, rss[runs - 1], rss[runs / 2]);
	}
	free(ms);
	free(rss);
	return 0;
}
