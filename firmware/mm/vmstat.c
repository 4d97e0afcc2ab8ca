// SPDX-License-Identifier: BSD-2-Clause
/* Observability: /proc/buddyinfo, /proc/zoneinfo, /proc/pagetypeinfo and /proc/vmstat equivalents,
 * the mm_page_alloc/mm_page_free trace ring, page_owner lookups. */
#include <pagoda/string.h>
#include <pagoda/printk.h>
#include <pagoda/smp.h>
#include <asm/timex.h>
#include <mm/mm.h>
#include <mm/pagemap.h>
#include "internal.h"

unsigned long vm_events[NR_CPUS][VM_EVENT_STRIDE];
bool mm_trace_enabled __cache_hot = true;

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgalloc_dma", "pgalloc_normal", "pgalloc_high", "pgalloc_movable",
	"pgfree", "pgalloc_fail", "pcp_refill", "pcp_drain", "pgalloc_fallback",
	"allocstall", "compact_stall", "oom_calls", "kswapd_wake", "highatomic_reserve",
	"bad_page", "pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd", "pgsteal_direct",
	"pageoutrun",
	"pgmigrate_success", "pgmigrate_fail", "compact_migrate_scanned",
	"compact_free_scanned", "compact_isolated", "compact_fail", "compact_success",
	"pgactivate", "pgdeactivate", "pgrefill", "nr_dirtied", "nr_written", "nr_vmscan_write",
	"pgscan_skip_dirty",
	"kcompactd_wake", "kcompactd_migrate_scanned", "kcompactd_free_scanned",
	"oom_kill",
};

/* Two rings per hart, for its normal and its interrupt context (an interrupt may arrive in the
 * middle of a record, as ftrace nests per context), each written by one context only. */
static struct {
	struct mm_trace_event ev[MM_TRACE_RING];
} trace_ring[NR_TRACE_RINGS];
/* Events ever written to each ring. Apart from the rings, with the hot data: every traced
 * allocation and free reads and writes it, and at a ring's end it sat on whatever D$ set the
 * rings' size and place gave it. */
unsigned long mm_trace_head[NR_TRACE_RINGS] __cache_hot_rows;

void mm_vmstat_reset(void)
{
	memset(vm_events, 0, sizeof(vm_events));
	memset(trace_ring, 0, sizeof(trace_ring));
	memset(mm_trace_head, 0, sizeof(mm_trace_head));
	mm_trace_enabled = true;
}

#define for_each_populated_zone(z) \
	for (int __n = 0; __n < MAX_NUMNODES; __n++) \
		for (int __z = 0; __z < MAX_NR_ZONES; __z++) \
			if (((z) = &node_data[__n].node_zones[__z]), \
			    node_data[__n].online && managed_zone(z))

/* The order-0 fast path counts in the per-CPU lists; its allocations are PGALLOC_<zone>,
 * NUMA_HIT and NUMA_LOCAL or NUMA_OTHER, its frees PGFREE. */
static unsigned long pcp_fast_allocs(const struct per_cpu_pages *pcp)
{
	return READ_ONCE(pcp->fast_alloc[0]) + READ_ONCE(pcp->fast_alloc[1]);
}

unsigned long vm_event_sum(enum vm_event_item item)
{
	bool pgalloc = item >= PGALLOC_DMA && item <= PGALLOC_MOVABLE;
	unsigned long s = 0;
	struct zone *zone;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		s += READ_ONCE(vm_events[cpu][item]);
	if (!pgalloc && item != PGFREE)
		return s;
	for_each_populated_zone(zone) {
		if (pgalloc && zone->idx != (enum zone_type)(item - PGALLOC_DMA))
			continue;
		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
			s += pgalloc ? pcp_fast_allocs(&zone->pcp[cpu]) : READ_ONCE(zone->pcp[cpu].fast_free);
	}
	return s;
}

void count_vm_events(enum vm_event_item item, unsigned long n)
{
	count_vm_events_this(item, n);
}

static void zone_numa_stats(const struct zone *zone, unsigned long *numa)
{
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		const struct per_cpu_pages *pcp = &zone->pcp[c];

		for (int i = 0; i < NR_VM_NUMA_STAT_ITEMS; i++)
			numa[i] += READ_ONCE(zone->pcp_numa_stat[c][i]);
		numa[NUMA_HIT] += pcp_fast_allocs(pcp);
		numa[NUMA_LOCAL] += READ_ONCE(pcp->fast_alloc[0]);
		numa[NUMA_OTHER] += READ_ONCE(pcp->fast_alloc[1]);
	}
}

unsigned long global_free_pages(void)
{
	unsigned long s = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			s += (unsigned long)zone_page_state(&node_data[nid].node_zones[z], NR_FREE_PAGES);
	return s;
}

/* No atomics: each ring has a single writer. */
__hot void mm_trace_record(enum mm_trace_type type, const struct page *page, unsigned int order,
		     gfp_t gfp, int mt, unsigned long caller)
{
	unsigned int cpu = smp_processor_id(), r = 2 * cpu + (in_interrupt() ? 1 : 0);
	struct mm_trace_event *e = &trace_ring[r].ev[mm_trace_head[r] % MM_TRACE_RING];

	e->ts = get_time();
	e->pfn = page_to_pfn(page);
	e->caller = caller;
	e->gfp = gfp;
	e->type = (u8)type;
	e->order = (u8)order;
	e->migratetype = (u8)mt;
	e->cpu = (u8)cpu;
	mm_trace_head[r]++;
}

unsigned int mm_trace_snapshot(struct mm_trace_event *out, unsigned int max)
{
	unsigned long pos[NR_TRACE_RINGS], end[NR_TRACE_RINGS];
	unsigned int n = 0;

	for (unsigned int c = 0; c < NR_TRACE_RINGS; c++) {
		end[c] = READ_ONCE(mm_trace_head[c]);
		pos[c] = end[c] > MM_TRACE_RING ? end[c] - MM_TRACE_RING : 0;
	}
	/* Merge the rings by timestamp, oldest first. */
	while (n < max) {
		int best = -1;

		for (unsigned int c = 0; c < NR_TRACE_RINGS; c++) {
			if (pos[c] >= end[c])
				continue;
			if (best < 0 || trace_ring[c].ev[pos[c] % MM_TRACE_RING].ts <
					trace_ring[best].ev[pos[best] % MM_TRACE_RING].ts)
				best = (int)c;
		}
		if (best < 0)
			break;
		out[n++] = trace_ring[best].ev[pos[best] % MM_TRACE_RING];
		pos[best]++;
	}
	return n;
}

void mm_trace_clear(void)
{
	memset(trace_ring, 0, sizeof(trace_ring));
	memset(mm_trace_head, 0, sizeof(mm_trace_head));
}

void mm_trace_dump(void)
{
	static struct mm_trace_event buf[64];
	unsigned long total = 0;
	unsigned int n, skip;
	static struct mm_trace_event all[MM_TRACE_RING * 2];

	for (unsigned int c = 0; c < NR_TRACE_RINGS; c++)
		total += mm_trace_head[c];
	n = mm_trace_snapshot(all, ARRAY_SIZE(all));
	/* Show the most recent 64. */
	skip = n > ARRAY_SIZE(buf) ? n - (unsigned int)ARRAY_SIZE(buf) : 0;
	memcpy(buf, all + skip, (n - skip) * sizeof(buf[0]));
	printk("# pagetrace: %lu events recorded, showing %u (tracing %s)\n", total, n - skip,
	       mm_trace_enabled ? "on" : "off");
	for (unsigned int i = 0; i < n - skip; i++) {
		const struct mm_trace_event *e = &buf[i];

		if (e->type == TRACE_MM_PAGE_ALLOC)
			printk("%12lu cpu%u mm_page_alloc: pfn=%#lx order=%u migratetype=%u gfp_flags=%#x caller=%#lx\n",
			       e->ts, e->cpu, e->pfn, e->order, e->migratetype, e->gfp, e->caller);
		else
			printk("%12lu cpu%u mm_page_free: pfn=%#lx order=%u caller=%#lx\n", e->ts, e->cpu,
			       e->pfn, e->order, e->caller);
	}
}

const struct page_owner *get_page_owner(const struct page *page)
{
	if (!mm_page_owner || !page_owner_map || !page_in_mem_map(page))
		return NULL;
	return &page_owner_map[page_to_pfn(page) - mem_map_base_pfn];
}

void mm_show_buddyinfo(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long flags;
		unsigned long nr[MAX_ORDER];

		spin_lock_irqsave(&zone->lock, flags);
		for (int o = 0; o < MAX_ORDER; o++)
			nr[o] = zone->free_area[o].nr_free;
		spin_unlock_irqrestore(&zone->lock, flags);
		printk("Node %d, zone %8s", zone->node, zone->name);
		for (int o = 0; o < MAX_ORDER; o++)
			printk(" %6lu", nr[o]);
		printk("\n");
	}
}

void mm_show_pagetypeinfo(void)
{
	struct zone *zone;

	printk("Page block order: %d\nPages per block:  %lu\n\n", pageblock_order, pageblock_nr_pages);
	printk("Free pages count per migrate type at order");
	for (int o = 0; o < MAX_ORDER; o++)
		printk(" %6d", o);
	printk("\n");
	for_each_populated_zone(zone) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			printk("Node %4d, zone %8s, type %12s", zone->node, zone->name, migratetype_names[mt]);
			for (int o = 0; o < MAX_ORDER; o++)
				printk(" %6lu", READ_ONCE(zone->free_area[o].nr_free_mt[mt]));
			printk("\n");
		}
	}
	printk("\nNumber of blocks type    ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		printk(" %12s", migratetype_names[mt]);
	printk("\n");
	for_each_populated_zone(zone) {
		unsigned long cnt[MIGRATE_TYPES] = { 0 };
		unsigned long start = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);

		for (unsigned long pfn = start; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			cnt[get_pfnblock_migratetype(zone, pfn < zone->zone_start_pfn ?
						     zone->zone_start_pfn : pfn)]++;
		printk("Node %d, zone %8s ", zone->node, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			printk(" %12lu", cnt[mt]);
		printk("\n");
	}
}

void mm_show_zoneinfo(bool brief)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long numa[NR_VM_NUMA_STAT_ITEMS] = { 0 };

		zone_numa_stats(zone, numa);
		if (brief) {
			printk("Node %d, zone %8s: pfn %#lx-%#lx free %ld managed %lu min %lu low %lu high %lu\n",
			       zone->node, zone->name, zone->zone_start_pfn, zone_end_pfn(zone),
			       zone_page_state(zone, NR_FREE_PAGES), zone_managed_pages(zone),
			       min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone));
			continue;
		}
		printk("Node %d, zone %8s\n", zone->node, zone->name);
		printk("  pages free     %ld\n", zone_page_state(zone, NR_FREE_PAGES));
		printk("        min      %lu\n        low      %lu\n        high     %lu\n",
		       min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone));
		printk("        spanned  %lu\n        present  %lu\n        managed  %lu\n",
		       zone->spanned_pages, zone->present_pages, zone_managed_pages(zone));
		printk("        cma      %lu\n", zone->cma_pages);
		printk("        protection: (");
		for (int j = 0; j < MAX_NR_ZONES; j++)
			printk("%s%ld", j ? ", " : "", zone->lowmem_reserve[j]);
		printk(")\n");
		printk("      nr_free_pages %ld\n      nr_free_cma %ld\n      nr_reserved_highatomic %lu\n",
		       zone_page_state(zone, NR_FREE_PAGES), zone_page_state(zone, NR_FREE_CMA_PAGES),
		       zone->nr_reserved_highatomic);
		printk("      numa_hit %lu\n      numa_miss %lu\n      numa_foreign %lu\n"
		       "      numa_local %lu\n      numa_other %lu\n",
		       numa[NUMA_HIT], numa[NUMA_MISS], numa[NUMA_FOREIGN], numa[NUMA_LOCAL],
		       numa[NUMA_OTHER]);
		printk("  pagesets\n");
		unsigned int c;

		for_each_online_cpu(c)
			printk("    cpu: %u\n              count: %d\n              high:  %d\n"
			       "              batch: %d\n", c, READ_ONCE(zone->pcp[c].count),
			       zone->pcp[c].high, zone->pcp[c].batch);
		printk("  start_pfn:           %#lx\n", zone->zone_start_pfn);
	}
}

unsigned long numa_stat_sum(enum numa_stat_item item)
{
	unsigned long numa[NR_VM_NUMA_STAT_ITEMS] = { 0 };
	struct zone *zone;

	for_each_populated_zone(zone)
		zone_numa_stats(zone, numa);
	return numa[item];
}

void mm_show_vmstat(void)
{
	unsigned long numa[NR_VM_NUMA_STAT_ITEMS] = { 0 }, cma = 0, fail = 0;
	struct zone *zone;

	for_each_populated_zone(zone) {
		zone_numa_stats(zone, numa);
		cma += (unsigned long)zone_page_state(zone, NR_FREE_CMA_PAGES);
		fail += (unsigned long)zone_page_state(zone, NR_ZONE_ALLOC_FAIL);
	}
	printk("nr_free_pages %lu\nnr_free_cma %lu\nnr_managed_pages %lu\n", global_free_pages(), cma,
	       totalram_pages);
	printk("numa_hit %lu\nnuma_miss %lu\nnuma_foreign %lu\nnuma_local %lu\nnuma_other %lu\n",
	       numa[NUMA_HIT], numa[NUMA_MISS], numa[NUMA_FOREIGN], numa[NUMA_LOCAL], numa[NUMA_OTHER]);
	printk("nr_inactive_file %lu\nnr_active_file %lu\nnr_file_pages %lu\nnr_dirty %lu\n"
	       "nr_writeback %lu\n", global_node_page_state(NR_INACTIVE_FILE),
	       global_node_page_state(NR_ACTIVE_FILE), global_node_page_state(NR_FILE_PAGES),
	       global_node_page_state(NR_FILE_DIRTY), global_node_page_state(NR_WRITEBACK));
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		printk("%s %lu\n", vm_event_names[i], vm_event_sum((enum vm_event_item)i));
	printk("min_free_kbytes %lu\n", min_free_kbytes);
	(void)fail;
}

void mm_show_summary(void)
{
	printk("buddyinfo:\n");
	mm_show_buddyinfo();
	printk("zoneinfo:\n");
	mm_show_zoneinfo(true);
}
