// SPDX-License-Identifier: BSD-2-Clause
/* vmalloc micro-benchmarks for `make bench` ("bench vmalloc NAME ops=.. cycles=.. instret=.."):
 * vmalloc + vfree and vzalloc + vfree of 1 MiB, per pair, the lazy purges (one remote flush per
 * lazy_max_pages() freed) included in the average; "satp=" tells which mode ran the whole bench. */
#include <asm/pgtable.h>
#include <pagoda/bench.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <mm/vmalloc.h>

#define N_PAIRS 32

static void bench_vmalloc_pair(const char *name, bool zero)
{
	struct bench_counters s, e;
	unsigned long fails = 0, purges = vmalloc_nr_purges();
	char extra[64];

	vfree(zero ? vzalloc(1UL << 20) : vmalloc(1UL << 20));	/* warm */
	s = bench_start();
	for (unsigned long i = 0; i < N_PAIRS; i++) {
		void *p = zero ? vzalloc(1UL << 20) : vmalloc(1UL << 20);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		vfree(p);
	}
	e = bench_end();
	if (fails)
		printk("bench: %s: %lu allocations failed\n", name, fails);
	snprintf(extra, sizeof(extra), "size=1048576 purges=%lu", vmalloc_nr_purges() - purges);
	bench_report("vmalloc", name, N_PAIRS - fails, s, e, extra);
}

void vmalloc_bench_run(void)
{
	printk("bench: satp=%s\n", sv39_enabled ? "sv39" : "bare");
	if (!sv39_enabled)
		return;	/* no vmalloc range */
	bench_vmalloc_pair("vmalloc-1m", false);
	bench_vmalloc_pair("vzalloc-1m", true);
}
