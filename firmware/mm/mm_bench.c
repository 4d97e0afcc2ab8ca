// SPDX-License-Identifier: BSD-2-Clause
/* Allocator micro-benchmarks for `make bench`: counter deltas over many operations, one line per
 * case ("bench mm NAME ops=.. cycles=.. instret=.."), per-op figures derived by scripts/bench.py.
 * Tracing, page_owner and poisoning are switched off while measuring (Linux's tracepoints are off
 * in production too); "order0-pcp-trace" shows what the trace ring costs. */
#include <pagoda/bench.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <pagoda/spinlock.h>
#include <mm/compaction.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include "internal.h"

/* mm/slowpath_bench.c, firmware only (kernel threads, the OOM killer's tasks). */
void slowpath_bench_run(void) __attribute__((weak));

#define N_SMALL 4000
#define N_LARGE 400

static void warm(unsigned int order, int n)
{
	for (int i = 0; i < n; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (p)
			__free_pages(p, order);
	}
}

static __bench_loop void bench_pair(const char *name, gfp_t gfp, unsigned int order, unsigned long n)
{
	struct bench_counters s, e;
	unsigned long i, fails = 0;

	warm(order, 64);
	s = bench_start();
	for (i = 0; i < n; i++) {
		struct page *p = alloc_pages(gfp, order);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		__free_pages(p, order);
	}
	e = bench_end();
	if (fails)
		printk("bench: %s: %lu allocations failed\n", name, fails);
	bench_report("mm", name, n - fails, s, e, NULL);
}

/* Order-0 through the buddy lists: this hart's per-CPU lists get high = batch = 1, so every
 * allocation refills one page from the buddy lists and every free drains it back. */
static void bench_order0_buddy(unsigned long n)
{
	static int saved_high[MAX_NUMNODES][MAX_NR_ZONES], saved_batch[MAX_NUMNODES][MAX_NR_ZONES];
	unsigned int cpu = smp_processor_id();

	drain_local_pages(NULL);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct per_cpu_pages *pcp = &node_data[nid].node_zones[z].pcp[cpu];

			saved_high[nid][z] = pcp->high;
			saved_batch[nid][z] = pcp->batch;
			pcp->high = 1;
			pcp->batch = 1;
		}
	bench_pair("order0-buddy", GFP_KERNEL, 0, n);
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct per_cpu_pages *pcp = &node_data[nid].node_zones[z].pcp[cpu];

			pcp->high = saved_high[nid][z];
			pcp->batch = saved_batch[nid][z];
		}
}

/* alloc_pages_bulk + free of the same pages, reported per page (as page_bench's bulk figure). */
static __bench_loop void bench_bulk(const char *name, unsigned long per_call, unsigned long pages)
{
	static struct page *arr[64];
	struct bench_counters s, e;
	unsigned long done = 0, calls = pages / per_call;

	memset(arr, 0, sizeof(arr));
	alloc_pages_bulk(GFP_KERNEL, per_call, arr);	/* warm the lists */
	free_pages_bulk(arr, per_call);
	s = bench_start();
	for (unsigned long c = 0; c < calls; c++) {
		memset(arr, 0, per_call * sizeof(arr[0]));
		done += alloc_pages_bulk(GFP_KERNEL, per_call, arr);
		free_pages_bulk(arr, per_call);
	}
	e = bench_end();
	bench_report("mm", name, done, s, e, per_call == 16 ? "unit=page per_call=16" :
		     "unit=page per_call=64");
}

static void bench_find_free_area(unsigned long n)
{
	struct zone *z = page_zone(virt_to_page(mem_map));
	struct bench_counters s, e;
	unsigned long found = 0;
	char extra[64];

	s = bench_start();
	for (unsigned long i = 0; i < n; i++) {
		unsigned long start = (i * 2654435761UL) % z->spanned_pages;

		if (zone_find_free_area(z, start, 64, 63) + 64 <= z->spanned_pages)
			found++;
	}
	e = bench_end();
	snprintf(extra, sizeof(extra), "zone_pages=%lu nr=64 found=%lu", z->spanned_pages, found);
	bench_report("mm", "find-free-area", n, s, e, extra);
}

void mm_bench_run(void)
{
	bool trace = mm_trace_enabled, owner = mm_page_owner, poison = mm_page_poison;
	unsigned long flags;

	if (!mem_map) {
		printk("bench mm: allocator not initialised\n");
		return;
	}
	mm_trace_enabled = false;
	mm_page_owner = false;
	mm_page_poison = false;
	mm_update_fastpath();
	/* No interrupts in the measured loops: a timer tick would land in one case's numbers. */
	local_irq_save(flags);
	if (bench_wanted("mm")) {
		bench_pair("order0-pcp", GFP_KERNEL, 0, N_SMALL);
		bench_order0_buddy(N_SMALL);
		bench_pair("order3", GFP_KERNEL, 3, N_SMALL);
		bench_pair("order9", GFP_KERNEL, 9 < MAX_ORDER ? 9 : MAX_ORDER - 1, N_LARGE);
		bench_bulk("bulk16", 16, 16 * 256);
		bench_bulk("bulk64", 64, 64 * 64);
		bench_find_free_area(N_LARGE);
		mm_trace_enabled = true;
		bench_pair("order0-pcp-trace", GFP_KERNEL, 0, N_SMALL);
		mm_trace_enabled = false;
	}
	if (bench_wanted("memcg"))
		memcg_bench_run();
	if (bench_wanted("slab"))
		slab_bench_run();
	local_irq_restore(flags);
	if (compaction_bench_run && bench_wanted("compact"))
		compaction_bench_run();	/* own fixture; interrupts masked around the request only */
	if (slowpath_bench_run)
		slowpath_bench_run();	/* reclaim, kswapd, oom: own fixtures, threads running */
	mm_trace_enabled = trace;
	mm_page_owner = owner;
	mm_page_poison = poison;
	mm_update_fastpath();
}
