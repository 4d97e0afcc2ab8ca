// SPDX-License-Identifier: BSD-2-Clause
/* Benchmark output: one line per case that scripts/bench.py turns into build/bench/results.json.
 * cycles and instret are counter deltas over all `ops` operations of the case. */
#ifndef PAGODA_BENCH_H
#define PAGODA_BENCH_H

#include <asm/timex.h>
#include <pagoda/perf.h>
#include <pagoda/printk.h>

/*
 * TLB misses come from the SBI PMU's counters (arch/riscv/perf.c) where the platform has them:
 * read outside the cycle window (before it opens, after it closes), so the cycle and instruction
 * counts are what they were without them. perf_read is weak: the host builds of the benchmarks
 * have no counters.
 */
bool perf_read(unsigned int ev, unsigned long *val) __attribute__((weak));

/*
 * bench_filter=GROUP[,GROUP...] (kernel/params.c) restricts the bench mode to the groups whose
 * name starts with one of the given prefixes; kernel/main.c refuses a filter that matched no case,
 * and ends the run with a failure status when a case's self-check called bench_fail(). Weak: the
 * host builds of the benchmarks have no command line and run every group.
 */
extern const char *bench_filter __attribute__((weak));
extern unsigned long bench_nr_reported __attribute__((weak));
extern unsigned long bench_nr_failed __attribute__((weak));

static inline bool bench_wanted(const char *group)
{
	const char *f = &bench_filter ? bench_filter : NULL;

	while (f && *f) {
		unsigned long n = 0;

		while (f[n] && f[n] != ',')
			n++;
		if (n) {
			unsigned long i = 0;

			while (i < n && group[i] == f[i])
				i++;
			if (i == n)
				return true;
		}
		f += f[n] ? n + 1 : n;
	}
	return !f;
}

/* A case whose result cannot be trusted: say why, and make the run fail (no figure printed). */
#define bench_fail(group, name, fmt, ...) do {						\
	printk("bench %s %s: FAILED: " fmt "\n", group, name, ##__VA_ARGS__);		\
	if (&bench_nr_failed)								\
		bench_nr_failed++;							\
} while (0)

struct bench_counters {
	unsigned long cycles, instret;
	unsigned long itlb, dtlb;
	bool have_itlb, have_dtlb;
};

static inline void bench_tlb(struct bench_counters *c)
{
	c->have_itlb = perf_read && perf_read(PERF_ITLB_MISS, &c->itlb);
	c->have_dtlb = perf_read && perf_read(PERF_DTLB_MISS, &c->dtlb);
}

/* The start of a case. */
static inline struct bench_counters bench_start(void)
{
	struct bench_counters c;

	bench_tlb(&c);
	c.instret = get_instret();
	c.cycles = get_cycles();
	return c;
}

/* The end of a case: the same two counters in the same order, then the TLB counters. */
static inline struct bench_counters bench_end(void)
{
	struct bench_counters c;

	c.instret = get_instret();
	c.cycles = get_cycles();
	bench_tlb(&c);
	return c;
}

/* Print "bench GROUP NAME ops=.. cycles=.. instret=.." plus "itlb_miss=.. dtlb_miss=.." where
 * the platform counts them, plus optional "key=value" text. */
static inline void bench_report(const char *group, const char *name, unsigned long ops,
				struct bench_counters start, struct bench_counters end,
				const char *extra)
{
	char tlb[64];
	int n = 0;

	tlb[0] = 0;
	if (start.have_itlb && end.have_itlb)
		n = snprintf(tlb, sizeof(tlb), " itlb_miss=%lu", end.itlb - start.itlb);
	if (start.have_dtlb && end.have_dtlb && n >= 0 && (size_t)n < sizeof(tlb))
		snprintf(tlb + n, sizeof(tlb) - n, " dtlb_miss=%lu", end.dtlb - start.dtlb);
	if (&bench_nr_reported)
		bench_nr_reported++;
	/* one printk: a line is written whole, never interleaved with another hart's */
	printk("bench %s %s ops=%lu cycles=%lu instret=%lu%s%s%s\n", group, name, ops,
	       end.cycles - start.cycles, end.instret - start.instret, tlb, extra ? " " : "",
	       extra ? extra : "");
}

#endif
