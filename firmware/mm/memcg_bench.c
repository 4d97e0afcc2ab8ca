// SPDX-License-Identifier: BSD-2-Clause
/*
 * What memory cgroups and cpusets cost the allocator, for `make bench` (called from
 * mm_bench_run with interrupts masked): "bench memcg NAME ops=.. cycles=.. instret=..".
 *  - order0-cpuset: an order-0 alloc+free pair while a cpuset (every node) exists: the fast path is
 *    off (docs/mm.md "cpusets"), so this is the generic path with the cpuset checks; compare with
 *    "mm order0-pcp".
 *  - charge-uncharge: mem_cgroup_charge + mem_cgroup_uncharge of one page in a group one level
 *    below the root (one counter; the root is not charged), per pair.
 *  - order0-kmem: alloc_page(GFP_KERNEL_ACCOUNT) + __free_page by a task in a group one level
 *    below the root: the full path, the kernel-memory charge and its uncharge at the free;
 *    compare with "mm order0-pcp" (the key off) and order0-pcp-kmem-on (GFP_KERNEL with the key
 *    on: the fast path, which must cost what it costs with the key off).
 */
#include <pagoda/bench.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include "internal.h"

#define N_PAIRS 4000

static void bench_order0_cpuset(void)
{
	struct bench_counters s, e;
	unsigned long fails = 0;
	struct cpuset *cs;
	int err;

	cs = cpuset_create(NULL, "bench", &err);
	if (!cs) {
		printk("bench memcg: no cpuset (%d)\n", err);
		return;
	}
	cpuset_attach_task(current, cs);
	for (int i = 0; i < 64; i++)
		__free_page(alloc_page(GFP_KERNEL));
	s = bench_start();
	for (unsigned long i = 0; i < N_PAIRS; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		__free_page(p);
	}
	e = bench_end();
	cpuset_attach_task(current, top_cpuset);
	cpuset_remove(cs);
	if (fails)
		printk("bench memcg: order0-cpuset: %lu allocations failed\n", fails);
	bench_report("memcg", "order0-cpuset", N_PAIRS - fails, s, e, NULL);
}

static void bench_charge_uncharge(void)
{
	struct bench_counters s, e;
	struct mem_cgroup *memcg;
	struct page *page;
	unsigned long fails = 0;
	int err;

	memcg = mem_cgroup_create(NULL, "bench", &err);
	page = alloc_page(GFP_KERNEL);
	if (!memcg || !page) {
		printk("bench memcg: no group or page\n");
		goto out;
	}
	s = bench_start();
	for (unsigned long i = 0; i < N_PAIRS; i++) {
		if (unlikely(mem_cgroup_charge(page, memcg, GFP_KERNEL, false))) {
			fails++;
			continue;
		}
		mem_cgroup_uncharge(page);
	}
	e = bench_end();
	bench_report("memcg", "charge-uncharge", N_PAIRS - fails, s, e, NULL);
out:
	if (page)
		__free_page(page);
	if (memcg)
		mem_cgroup_remove(memcg);
}

static __bench_loop void bench_order0_kmem(void)
{
	struct bench_counters s, e;
	unsigned long fails = 0;
	struct mem_cgroup *memcg;
	int err;

	memcg = mem_cgroup_create(NULL, "bench", &err);
	if (!memcg) {
		printk("bench memcg: no group (%d)\n", err);
		return;
	}
	/* With a group besides the root the key is on: GFP_KERNEL keeps the fast path. */
	for (int i = 0; i < 64; i++)
		__free_page(alloc_page(GFP_KERNEL));
	s = bench_start();
	for (unsigned long i = 0; i < N_PAIRS; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		__free_page(p);
	}
	e = bench_end();
	bench_report("memcg", "order0-pcp-kmem-on", N_PAIRS - fails, s, e, NULL);
	mem_cgroup_attach_task(current, memcg);
	for (int i = 0; i < 64; i++)
		__free_page(alloc_page(GFP_KERNEL_ACCOUNT));
	fails = 0;
	s = bench_start();
	for (unsigned long i = 0; i < N_PAIRS; i++) {
		struct page *p = alloc_page(GFP_KERNEL_ACCOUNT);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		__free_page(p);
	}
	e = bench_end();
	mem_cgroup_attach_task(current, root_mem_cgroup);
	if (fails || page_counter_read(&memcg->memory))
		printk("bench memcg: order0-kmem: %lu allocations failed, %lu pages left charged\n",
		       fails, page_counter_read(&memcg->memory));
	bench_report("memcg", "order0-kmem", N_PAIRS - fails, s, e, NULL);
	mem_cgroup_remove(memcg);
}

void memcg_bench_run(void)
{
	bench_order0_cpuset();
	bench_charge_uncharge();
	bench_order0_kmem();
}
