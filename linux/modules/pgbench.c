// SPDX-License-Identifier: GPL-2.0
/*
 * pgbench: Linux's page allocator measured the way Pagoda's firmware measures its own
 * (firmware/mm/mm_bench.c, firmware/drivers/pgaccel_bench.c), so that `make bench` can put the
 * two side by side on the same SoC.
 *
 * Each case warms up, then times N alloc_pages/__free_pages pairs (bulk: per page) with rdcycle
 * and rdinstret, with interrupts off so that no tick lands in the figures, and prints
 *	bench linux-mm NAME ops=.. cycles=.. instret=..
 * as the firmware does. Each case is also checked: the vm event counters must show exactly the
 * pages the case allocated and freed, and the zones' free pages (buddy plus per-CPU lists) must be
 * what they were before it. The module's init fails (-EIO) when any check does, so the loader
 * (linux/init/init.c) sees it; leak=1 keeps one page per case on purpose, to show that it does.
 */
#define pr_fmt(fmt) "pgbench: " fmt

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/vmstat.h>
#include <asm/csr.h>

#define N_SMALL 4000
#define N_LARGE 400

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "keep one page per case (tests that the self-check fails)");

static unsigned int failures;
static struct {
	struct page *page;
	unsigned int order;
} leaked[16];
static unsigned int nr_leaked;

struct counters {
	unsigned long cycles, instret;
};

struct snapshot {
	unsigned long pgalloc, pgfree, free;
};

static struct counters now(void)
{
	struct counters c;

	c.instret = csr_read(CSR_INSTRET);
	c.cycles = csr_read(CSR_CYCLE);
	return c;
}

/* Free pages of the node: the buddy lists (NR_FREE_PAGES) plus every zone's per-CPU lists. */
static unsigned long free_pages_all(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long sum = 0;
	int z, cpu;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!populated_zone(zone))
			continue;
		sum += zone_page_state_snapshot(zone, NR_FREE_PAGES);
		for_each_online_cpu(cpu)
			sum += per_cpu_ptr(zone->per_cpu_pageset, cpu)->count;
	}
	return sum;
}

static struct snapshot snap(void)
{
	unsigned long ev[NR_VM_EVENT_ITEMS];
	struct snapshot s = { 0, 0, 0 };
	int z;

	all_vm_events(ev);
	for (z = 0; z < MAX_NR_ZONES; z++)
		s.pgalloc += ev[PGALLOC_NORMAL - ZONE_NORMAL + z];
	s.pgfree = ev[PGFREE];
	s.free = free_pages_all();
	return s;
}

/* The case freed what it allocated: ops << order pages each way, and the free count is back. */
static void reconcile(const char *name, struct snapshot a, struct snapshot b,
		      unsigned long pages)
{
	unsigned long alloc = b.pgalloc - a.pgalloc, freed = b.pgfree - a.pgfree;

	if (alloc == pages && freed == pages && a.free == b.free)
		return;
	pr_err("%s: self-check FAILED: pgalloc +%lu, pgfree +%lu (expected %lu each), free pages %lu -> %lu\n",
	       name, alloc, freed, pages, a.free, b.free);
	failures++;
}

static void report(const char *group, const char *name, unsigned long ops, struct counters s,
		   struct counters e, const char *extra)
{
	printk(KERN_INFO "bench %s %s ops=%lu cycles=%lu instret=%lu%s%s\n", group, name, ops,
	       e.cycles - s.cycles, e.instret - s.instret, extra ? " " : "", extra ? extra : "");
}

/* A page the case does not free when leak=1: the reconcile check must then fail. */
static bool keep_one(struct page *page, unsigned int order)
{
	if (!leak || nr_leaked >= ARRAY_SIZE(leaked))
		return false;
	leaked[nr_leaked].page = page;
	leaked[nr_leaked++].order = order;
	return true;
}

static void warm(unsigned int order, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (p)
			__free_pages(p, order);
	}
}

/* The per-CPU list sizes of the zone GFP_KERNEL allocates from, for the report ("pcp_high="). */
static char pcp_sizes[48];

static void read_pcp_sizes(void)
{
	struct page *p = alloc_page(GFP_KERNEL);
	struct per_cpu_pages *pcp;

	if (!p)
		return;
	pcp = per_cpu_ptr(page_zone(p)->per_cpu_pageset, smp_processor_id());
	snprintf(pcp_sizes, sizeof(pcp_sizes), "pcp_high=%d pcp_batch=%d", pcp->high, pcp->batch);
	__free_page(p);
}

static void bench_pair(const char *name, unsigned int order, unsigned long n)
{
	unsigned long i, fails = 0;
	struct snapshot a, b;
	struct counters s, e;

	warm(order, 64);
	a = snap();
	s = now();
	for (i = 0; i < n; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, order);

		if (unlikely(!p)) {
			fails++;
			continue;
		}
		if (unlikely(i == n / 2) && keep_one(p, order))
			continue;	/* leak=1: pgfree and the free count must show it */
		__free_pages(p, order);
	}
	e = now();
	b = snap();
	if (fails) {
		pr_err("%s: %lu allocations failed\n", name, fails);
		failures++;
	}
	report("linux-mm", name, n - fails, s, e, strcmp(name, "order0-pcp") ? NULL : pcp_sizes);
	reconcile(name, a, b, (n - fails) << order);
}

/*
 * Order 0 from the buddy lists: the per-CPU lists get high = 0, batch = 1, which is how Linux
 * itself runs a zone without them (zone_pcp_disable; the boot pagesets): every free goes straight
 * to the buddy lists and every allocation of an empty list takes one page from them. The
 * unmovable order-0 list is emptied first by allocating as many pages as the per-CPU lists hold,
 * then freeing them (each free then leaves the list at once).
 */
static void bench_order0_buddy(unsigned long n)
{
	pg_data_t *pgdat = NODE_DATA(0);
	int saved_high[MAX_NR_ZONES], saved_batch[MAX_NR_ZONES];
	int cpu = smp_processor_id(), z;
	LIST_HEAD(held);
	struct page *p, *tmp;
	long total = 0;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct per_cpu_pages *pcp = per_cpu_ptr(pgdat->node_zones[z].per_cpu_pageset, cpu);

		saved_high[z] = pcp->high;
		saved_batch[z] = pcp->batch;
		total += pcp->count;
		WRITE_ONCE(pcp->high, 0);
		WRITE_ONCE(pcp->batch, 1);
	}
	while (total-- > 0 && (p = alloc_pages(GFP_KERNEL, 0)))
		list_add(&p->lru, &held);
	list_for_each_entry_safe(p, tmp, &held, lru) {
		list_del(&p->lru);
		__free_pages(p, 0);
	}
	bench_pair("order0-buddy", 0, n);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct per_cpu_pages *pcp = per_cpu_ptr(pgdat->node_zones[z].per_cpu_pageset, cpu);

		WRITE_ONCE(pcp->high, saved_high[z]);
		WRITE_ONCE(pcp->batch, saved_batch[z]);
	}
}

/*
 * alloc_pages_bulk_array + free of the same pages, per page. Linux 6.1 has no bulk free for
 * order-0 pages a module can call, so each page goes back with __free_page (as page_pool does).
 */
static void bench_bulk(const char *name, unsigned long per_call, unsigned long pages)
{
	static struct page *arr[64];
	unsigned long done = 0, calls = pages / per_call, c, i;
	struct snapshot a, b;
	struct counters s, e;

	memset(arr, 0, sizeof(arr));
	done = alloc_pages_bulk_array(GFP_KERNEL, per_call, arr);	/* warm the lists */
	for (i = 0; i < done; i++)
		__free_page(arr[i]);
	done = 0;
	a = snap();
	s = now();
	for (c = 0; c < calls; c++) {
		unsigned long got;

		memset(arr, 0, per_call * sizeof(arr[0]));
		got = alloc_pages_bulk_array(GFP_KERNEL, per_call, arr);
		done += got;
		for (i = 0; i < got; i++) {
			if (unlikely(c == calls / 2 && i == 0) && keep_one(arr[i], 0))
				continue;
			__free_page(arr[i]);
		}
	}
	e = now();
	b = snap();
	report("linux-mm", name, done, s, e, per_call == 16 ? "unit=page per_call=16" :
	       "unit=page per_call=64");
	if (done != pages) {
		pr_err("%s: %lu of %lu pages allocated\n", name, done, pages);
		failures++;
	}
	reconcile(name, a, b, done);
}

/*
 * Latency of one allocation (free not counted) with and without __GFP_ZERO, as the firmware's
 * "gfp-zero" group: order 0, 3 and 9, 16 allocations (4 at order 9). Linux zeroes with the CPU
 * (clear_page is memset on a core without Zicboz): the firmware's "sw" path.
 */
static void bench_gfp_zero(void)
{
	static const unsigned int orders[] = { 0, 3, 9 };
	unsigned int i, p;

	for (i = 0; i < ARRAY_SIZE(orders); i++) {
		for (p = 0; p < 2; p++) {
			unsigned int order = orders[i];
			unsigned long reps = order >= 9 ? 4 : 16, r, got = 0;
			gfp_t gfp = GFP_KERNEL | (p ? __GFP_ZERO : 0);
			struct counters t = { 0, 0 }, z = { 0, 0 };
			struct snapshot a, b;
			char name[32], extra[32];

			warm(order, 4);
			a = snap();
			for (r = 0; r < reps; r++) {
				struct counters s, e;
				struct page *page;

				s = now();
				page = alloc_pages(gfp, order);
				e = now();
				if (!page)
					break;
				got++;
				t.cycles += e.cycles - s.cycles;
				t.instret += e.instret - s.instret;
				if (p && memchr_inv(page_address(page), 0, PAGE_SIZE << order)) {
					pr_err("order %u: __GFP_ZERO page not zero\n", order);
					failures++;
				}
				__free_pages(page, order);
			}
			b = snap();
			snprintf(name, sizeof(name), "order%u-%s", order, p ? "sw" : "nozero");
			snprintf(extra, sizeof(extra), "path=%s order=%u", p ? "sw" : "nozero", order);
			report("linux-gfp-zero", name, got, z, t, extra);
			if (got != reps) {
				pr_err("%s: %lu of %lu allocations\n", name, got, reps);
				failures++;
			}
			reconcile(name, a, b, got << order);
		}
	}
}

static int __init pgbench_init(void)
{
	unsigned long flags;

	/* No interrupts in the measured loops: a timer tick would land in one case's numbers. */
	local_irq_save(flags);
	read_pcp_sizes();
	bench_pair("order0-pcp", 0, N_SMALL);
	bench_order0_buddy(N_SMALL);
	bench_pair("order3", 3, N_SMALL);
	bench_pair("order9", 9, N_LARGE);
	bench_bulk("bulk16", 16, 16 * 256);
	bench_bulk("bulk64", 64, 64 * 64);
	bench_gfp_zero();
	local_irq_restore(flags);

	while (nr_leaked) {
		nr_leaked--;
		__free_pages(leaked[nr_leaked].page, leaked[nr_leaked].order);
	}
	if (failures) {
		pr_err("self-check: %u failures\n", failures);
		return -EIO;
	}
	pr_info("self-check: passed\n");
	return 0;
}

static void __exit pgbench_exit(void)
{
}

module_init(pgbench_init);
module_exit(pgbench_exit);
MODULE_DESCRIPTION("Page allocator micro-benchmarks, side by side with Pagoda's firmware");
MODULE_LICENSE("GPL");
