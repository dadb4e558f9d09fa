/* bench_util: what every benchmark program of tests/bench/ shares: clocks, order
 * statistics over samples, a deterministic random generator, timing a child process,
 * and the one output format run.sh reads ("NAME VALUE UNIT" per line on stdout).
 * Never touches the store or curses. */
#ifndef KLANKBORD_BENCH_UTIL_H
#define KLANKBORD_BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID in nanoseconds. */
int64_t bench_now_ns(void);
int64_t bench_cpu_ns(void);

/* The q-quantile (0..1, nearest rank) of n samples; sorts samples in place. 0 when n is 0. */
double bench_quantile(double *samples, size_t n, double q);

/* splitmix64: the same seed gives the same stream on every machine. */
struct bench_rng {
	uint64_t state;
};
uint64_t bench_rng_next(struct bench_rng *rng);
/* A number in 0..n-1 (n > 0). */
uint32_t bench_rng_below(struct bench_rng *rng, uint32_t n);

/* Runs argv (stdout and stderr to /dev/null) and waits; *ms gets the wall time from fork
 * to the end of wait, *maxrss_kib the child's peak RSS. Returns the exit status, or -1
 * when it could not run or died of a signal. */
int bench_spawn(char *const argv[], double *ms, long *maxrss_kib);

/* Prints one result line: "name value unit". */
void bench_report(const char *name, double value, const char *unit);

#endif
