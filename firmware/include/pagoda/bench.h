// SPDX-License-Identifier: BSD-2-Clause
/* Benchmark output: one line per case that scripts/bench.py turns into build/bench/results.json.
 * cycles and instret are counter deltas over all `ops` operations of the case. */
#ifndef PAGODA_BENCH_H
#define PAGODA_BENCH_H

#include <asm/timex.h>
#include <pagoda/init.h>
#include <pagoda/perf.h>
#include <pagoda/printk.h>

/*
 * Cache and TLB misses come from the SBI PMU's counters (arch/riscv/perf.c) where the platform has
 * them: read outside the cycle window (before it opens, after it closes), so the cycle and
 * instruction counts are what they were without them. perf_read is weak: the host builds of the
 * benchmarks have no counters.
 */
bool perf_read(unsigned int ev, unsigned long *val) __attribute__((weak));	/* in __bench_text */

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

	return !f || name_in_prefix_list(group, f);
}

/*
 * A timed loop: placed right after the hot text (firmware.ld, .text.bench), so that the loop and
 * the fast path it times, both within one way of the direct-mapped I$, never evict each other;
 * wherever the link put it, a change anywhere in the firmware could make a loop share lines with
 * alloc_pages() and add two misses to every pair (order0-pcp: 147 -> 203 cycles). The bench mode
 * checks that the span fits (bench_check_text_span()). Not inlined: the loop is where it says.
 */
#define __bench_loop __attribute__((__noinline__)) __bench_text
/* A timed loop too large to sit next to the hot text (a function that inlines several constant
 * cases of a fast path, as slab_bench_run()): placed one I$ way later on the lines of the other
 * timed loops (firmware.ld), so it evicts none of the fast paths either. */
#define __bench_loop_far __attribute__((__noinline__, __section__(".text.bench_far")))

/* A case whose result cannot be trusted: say why, and make the run fail (no figure printed). */
#define bench_fail(group, name, fmt, ...) do {						\
	printk("bench %s %s: FAILED: " fmt "\n", group, name, ##__VA_ARGS__);		\
	if (&bench_nr_failed)								\
		bench_nr_failed++;							\
} while (0)

/* The events a case reports, with the key bench.py reads ("itlb_miss=.."). */
#define BENCH_EVENTS(X) \
	X(PERF_ITLB_MISS, "itlb_miss") X(PERF_DTLB_MISS, "dtlb_miss") \
	X(PERF_IC_MISS, "ic_miss") X(PERF_DC_MISS, "dc_miss")
#define BENCH_EV_ENUM(e, k) BENCH_##e,
enum { BENCH_EVENTS(BENCH_EV_ENUM) BENCH_NR_EV };

struct bench_counters {
	unsigned long cycles, instret;
	unsigned long ev[BENCH_NR_EV];
	bool have[BENCH_NR_EV];
};

static inline void bench_events(struct bench_counters *c)
{
#define BENCH_EV_READ(e, k) c->have[BENCH_##e] = perf_read && perf_read(e, &c->ev[BENCH_##e]);
	BENCH_EVENTS(BENCH_EV_READ)
#undef BENCH_EV_READ
}

/* The start of a case. */
static inline struct bench_counters bench_start(void)
{
	struct bench_counters c;

	bench_events(&c);
	c.instret = get_instret();
	c.cycles = get_cycles();
	return c;
}

/* The end of a case: the same two counters in the same order, then the events. */
static inline struct bench_counters bench_end(void)
{
	struct bench_counters c;

	c.instret = get_instret();
	c.cycles = get_cycles();
	bench_events(&c);
	return c;
}

/* Add the case [a, b) to *sum (cleared by the caller), for a case timed piecewise: only what lies
 * between each start and end counts. An event counts only when every piece had it. */
static inline void bench_accumulate(struct bench_counters *sum, unsigned int pieces,
				    struct bench_counters a, struct bench_counters b)
{
	sum->cycles += b.cycles - a.cycles;
	sum->instret += b.instret - a.instret;
	for (unsigned int e = 0; e < BENCH_NR_EV; e++) {
		sum->have[e] = (sum->have[e] || !pieces) && a.have[e] && b.have[e];
		sum->ev[e] += b.ev[e] - a.ev[e];
	}
}

/* Print "bench GROUP NAME ops=.. cycles=.. instret=.." plus "itlb_miss=.. dtlb_miss=.. ic_miss=..
 * dc_miss=.." for the events the platform counts, plus optional "key=value" text. */
static inline void bench_report(const char *group, const char *name, unsigned long ops,
				struct bench_counters start, struct bench_counters end,
				const char *extra)
{
	static const char *const key[BENCH_NR_EV] = {
#define BENCH_EV_KEY(e, k) k,
		BENCH_EVENTS(BENCH_EV_KEY)
#undef BENCH_EV_KEY
	};
	char evs[128];
	size_t n = 0;

	evs[0] = 0;
	for (int i = 0; i < BENCH_NR_EV; i++) {
		int w;

		if (!start.have[i] || !end.have[i])
			continue;
		w = snprintf(evs + n, sizeof(evs) - n, " %s=%lu", key[i], end.ev[i] - start.ev[i]);
		/* 4 keys of at most 9 characters and 20 digits fit; never print a cut one */
		if (w < 0 || (size_t)w >= sizeof(evs) - n) {
			evs[n] = 0;
			break;
		}
		n += (size_t)w;
	}
	if (&bench_nr_reported)
		bench_nr_reported++;
	/* one printk: a line is written whole, never interleaved with another hart's */
	printk("bench %s %s ops=%lu cycles=%lu instret=%lu%s%s%s\n", group, name, ops,
	       end.cycles - start.cycles, end.instret - start.instret, evs, extra ? " " : "",
	       extra ? extra : "");
}

#endif
