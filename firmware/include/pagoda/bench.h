// SPDX-License-Identifier: BSD-2-Clause
/* Benchmark output: one line per case that scripts/bench.py turns into build/bench/results.json.
 * cycles and instret are counter deltas over all `ops` operations of the case. */
#ifndef PAGODA_BENCH_H
#define PAGODA_BENCH_H

#include <asm/timex.h>
#include <pagoda/printk.h>

struct bench_counters {
	unsigned long cycles, instret;
};

static inline struct bench_counters bench_now(void)
{
	struct bench_counters c;

	c.instret = get_instret();
	c.cycles = get_cycles();
	return c;
}

/* Print "bench GROUP NAME ops=.. cycles=.. instret=.." plus optional "key=value" text. */
static inline void bench_report(const char *group, const char *name, unsigned long ops,
				struct bench_counters start, struct bench_counters end,
				const char *extra)
{
	printk("bench %s %s ops=%lu cycles=%lu instret=%lu%s%s\n", group, name, ops,
	       end.cycles - start.cycles, end.instret - start.instret, extra ? " " : "",
	       extra ? extra : "");
}

#endif
