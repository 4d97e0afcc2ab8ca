// SPDX-License-Identifier: BSD-2-Clause
/* Allocator internals shared between the files of firmware/mm (Linux mm/internal.h in spirit). */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <mm/mm.h>
#include <pagoda/bitmap.h>

/* Rows padded to a power of two so a hart's row is a shift away. */
#define VM_EVENT_STRIDE 48
_Static_assert(NR_VM_EVENT_ITEMS <= VM_EVENT_STRIDE, "vm_events row");
extern unsigned long vm_events[NR_CPUS][VM_EVENT_STRIDE];
extern unsigned long min_free_kbytes;
extern int user_min_free_kbytes;	/* min_free_kbytes= as given, -1 when absent */
extern int page_group_by_mobility_disabled;
extern const struct mm_slowpath_ops *mm_slowpath;
extern struct page_owner *page_owner_map;
extern int mm_cpu_node[NR_CPUS];
extern bool mm_fastpath_enabled;
/* Two trace rings per hart, for its normal and its interrupt context (vmstat.c): events ever
 * written to each */
#define NR_TRACE_RINGS (2 * NR_CPUS)
extern unsigned long mm_trace_head[NR_TRACE_RINGS];
void mm_update_fastpath(void);
extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

/* Events are counted with an atomic add on this hart's row: a handler on the same hart may count
 * between a plain load and store (the per-CPU lists run with interrupts on). */
static inline void count_vm_events_this(enum vm_event_item item, unsigned long n)
{
	__atomic_fetch_add(&vm_events[smp_processor_id()][item], n, __ATOMIC_RELAXED);
}
static inline void __count_vm_event(enum vm_event_item item) { count_vm_events_this(item, 1); }

static inline void pcp_numa_add(struct zone *zone, unsigned int cpu, enum numa_stat_item item,
				unsigned long n)
{
	__atomic_fetch_add(&zone->pcp_numa_stat[cpu][item], n, __ATOMIC_RELAXED);
}

/* Lock a hart's per-CPU lists. Their own hart holds them with interrupts on, so an interrupt
 * handler on that hart must not wait for them: it gets false and uses the buddy lists. */
static inline bool pcp_lock(struct per_cpu_pages *pcp, unsigned int cpu)
{
	if (cpu == smp_processor_id() && in_interrupt())
		return spin_trylock(&pcp->lock);
	spin_lock(&pcp->lock);
	return true;
}

/* The first zone of each node's fallback zonelist per highest zone index, NULL when that zone is
 * on another node: the only zone the order-0 fast path tries. */
extern struct zone *mm_fast_zone[MAX_NUMNODES][MAX_NR_ZONES];

static inline void zone_update_fast_wmark(struct zone *z)
{
	long base = (long)z->_watermark[WMARK_LOW] + (long)mm_load_relaxed(&z->nr_reserved_highatomic);

	for (int cls = 0; cls < MM_FAST_CLASSES; cls++)
		mm_store_relaxed(&z->fast_wmark[cls], base + z->lowmem_reserve[cls % MAX_NR_ZONES]);
}

static inline void __mod_zone_page_state(struct zone *z, enum zone_stat_item i, long delta)
{
	/* Written under zone->lock, read lockless by watermark checks. */
	mm_store_relaxed(&z->vm_stat[i], z->vm_stat[i] + delta);
}

static inline int get_pfnblock_migratetype(const struct zone *z, unsigned long pfn)
{
	/* Read without zone->lock on the free path, as Linux reads its pageblock bitmap. */
	return mm_load_relaxed((const u8 *)(z->pageblock_mt_by_pfn + (pfn >> pageblock_order)));
}

void set_pageblock_migratetype(struct page *page, int mt);
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone, unsigned int order,
		     int mt, bool to_tail);
void setup_per_zone_wmarks(void);
void setup_per_zone_lowmem_reserve(void);
void zone_pcp_init(struct zone *zone);
void build_all_zonelists(const u8 (*distance)[8], int nr_nodes);
void mm_trace_record(enum mm_trace_type type, const struct page *page, unsigned int order,
		     gfp_t gfp, int mt, unsigned long caller);
void bad_page(const struct page *page, const char *reason, unsigned long caller);
void mm_page_alloc_reset(void);
void mm_vmstat_reset(void);
void slab_bench_run(void);
void shrinker_reset(void);
void compaction_reset(void);	/* mm/compaction.c: deferral and scanner state, with anon_reset() */
void anon_reset(void);
/* mm/filemap.c: the page cache's side of reclaim (mm/vmscan.c). */
struct address_space;
enum lru_list;
void pagecache_reset(void);
struct lruvec *page_lruvec(const struct page *page);
unsigned long zone_lru_file_pages(const struct zone *zone);
struct page *lru_isolate_tail(struct lruvec *lv, enum lru_list lru, struct address_space **mp);
struct mem_cgroup;
struct page *lru_isolate_tail_memcg(struct lruvec *lv, enum lru_list lru, struct mem_cgroup *memcg,
				    struct address_space **mp);
void lru_putback(struct page *page, enum lru_list lru);
void pageout_locked(struct address_space *m, struct page *page);
void remove_mapping_locked(struct address_space *m, struct page *page);
void mapping_put(struct address_space *m);		/* mm/anon.c: the list of address spaces */
extern unsigned long nr_anon_pages;	/* mm/anon.c: anonymous pages mapped, all mms */
/* mm/page_alloc.c, for compaction's free scanner (see there). */
unsigned long isolate_free_block(struct zone *zone, unsigned long pfn, unsigned long start,
				 unsigned long end, struct list_head *list, unsigned long *next_pfn);	/* mm/shrinker.c, before kmem_cache_init() registers the slab's */


/* In a leaf function (the fast-path entry points), before any call: the caller's address. */
#ifdef __riscv
#define leaf_ret_ip() ({ unsigned long ra_; __asm__("mv %0, ra" : "=r"(ra_)); ra_; })
#else
#define leaf_ret_ip() _RET_IP_
#endif

/* mm/memcontrol.c: the cgroup name rule memcg and cpusets share */
bool cgroup_name_ok(const char *name, size_t len_max);

/* Self-test helpers shared by the reclaim self-tests (mm/vmscan_selftest.c). */
void st_kswapd_all(bool run);
unsigned long st_settled_free(void);
bool st_all_kswapd_sleeping(void);
bool st_node_balanced(int nid);

#endif
