// SPDX-License-Identifier: BSD-2-Clause
/* Slab micro-benchmarks for `make bench` ("bench slab NAME ops=.. cycles=.. instret=.."): kmalloc +
 * kfree pairs from the per-hart fast path (warm: the hart's slab is already frozen and the lines
 * are in use), kzalloc of a page (zeroing through mm_zero_pages), and kmem_cache bulk alloc + free
 * per object. Run from mm_bench_run() with interrupts off. */
#include <pagoda/bench.h>
#include <pagoda/printk.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include "internal.h"

#define N_PAIRS 4000
#define BULK 16

/* One pair per iteration. Inline, so kmalloc() sees the size and flags as constants where the
 * caller wrote constants: the usual kmalloc(sizeof(*p), GFP_KERNEL) call, whose class Linux (and
 * Pagoda) pick at compile time. The "-var" cases hide the size from the compiler, so they measure
 * the table lookup of __kmalloc() too. */
static __always_inline void bench_kmalloc_pair(const char *name, size_t size, gfp_t gfp)
{
	struct bench_counters s, e;
	unsigned long fails = 0;

	for (int i = 0; i < 16; i++)
		kfree(kmalloc(size, gfp));
	s = bench_start();
	for (unsigned long i = 0; i < N_PAIRS; i++) {
		void *p = kmalloc(size, gfp);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		kfree(p);
	}
	e = bench_end();
	if (fails)
		printk("bench: %s: %lu allocations failed\n", name, fails);
	bench_report("slab", name, N_PAIRS - fails, s, e, "unit=pair");
}

static __bench_loop void bench_kmalloc_var(const char *name, size_t size)
{
	OPTIMIZER_HIDE_VAR(size);
	bench_kmalloc_pair(name, size, GFP_KERNEL);
}

static void bench_cache_bulk(void)
{
	struct kmem_cache *c = kmem_cache_create("bench-64", 64, 0, 0, NULL);
	struct bench_counters s, e;
	unsigned long done = 0;
	void *v[BULK];

	if (!c)
		return;
	if (kmem_cache_alloc_bulk(c, GFP_KERNEL, BULK, v))
		kmem_cache_free_bulk(c, BULK, v);
	s = bench_start();
	for (int i = 0; i < N_PAIRS / BULK; i++) {
		if (!kmem_cache_alloc_bulk(c, GFP_KERNEL, BULK, v))
			continue;
		kmem_cache_free_bulk(c, BULK, v);
		done += BULK;
	}
	e = bench_end();
	bench_report("slab", "cache-bulk16", done, s, e, "unit=object per_call=16");
	kmem_cache_destroy(c);
}

__bench_loop_far void slab_bench_run(void)
{
	bench_kmalloc_pair("kmalloc-8", 8, GFP_KERNEL);
	bench_kmalloc_pair("kmalloc-64", 64, GFP_KERNEL);
	bench_kmalloc_pair("kmalloc-256", 256, GFP_KERNEL);
	bench_kmalloc_pair("kmalloc-4096", 4096, GFP_KERNEL);
	bench_kmalloc_pair("kzalloc-4096", 4096, GFP_KERNEL | __GFP_ZERO);
	bench_kmalloc_var("kmalloc-64-var", 64);
	bench_cache_bulk();
}
