/* bench_util: see bench_util.h. */
#include "tests/bench/bench_util.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t bench_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

int64_t bench_cpu_ns(void)
{
	return clock_ns(CLOCK_PROCESS_CPUTIME_ID);
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_quantile(double *samples, size_t n, double q)
{
	if (n == 0)
		return 0;
	qsort(samples, n, sizeof *samples, compare_double);
	size_t rank = (size_t)(q * (double)n + 0.5);
	if (rank > 0)
		rank--;
	return samples[rank < n ? rank : n - 1];
}

uint64_t bench_rng_next(struct bench_rng *rng)
{
	uint64_t z = (rng->state += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

uint32_t bench_rng_below(struct bench_rng *rng, uint32_t n)
{
	return (uint32_t)((bench_rng_next(rng) >> 32) % n);
}

int bench_spawn(char *const argv[], double *ms, long *maxrss_kib)
{
	int64_t start = bench_now_ns();
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	int status;
	struct rusage usage;
	if (wait4(pid, &status, 0, &usage) != pid)
		return -1;
	*ms = (double)(bench_now_ns() - start) / 1e6;
	if (maxrss_kib)
		*maxrss_kib = usage.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void bench_report(const char *name, double value, const char *unit)
{
	printf("%s %.6g %s\n", name, value, unit);
	fflush(stdout);
}
