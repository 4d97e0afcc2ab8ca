// SPDX-License-Identifier: BSD-2-Clause
/* Nodes, zones, free areas, per-CPU page lists and zonelists: the allocator's data structures, laid
 * out as in Linux's include/linux/mmzone.h. */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <pagoda/bitmap.h>
#include <pagoda/types.h>
#include <pagoda/list.h>
#include <pagoda/spinlock.h>
#include <pagoda/smp.h>
#include <mm/gfp.h>

/* Orders 0..MAX_ORDER-1 (Linux < 6.4 meaning). Default 11: order 10 = 1024 pages = 4 MiB. */
#ifndef CONFIG_MAX_ORDER
#define CONFIG_MAX_ORDER 11
#endif
#define MAX_ORDER CONFIG_MAX_ORDER
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))

/* Pageblock: the unit of migratetype bookkeeping (Linux: HUGETLB_PAGE_ORDER, 2 MiB). */
#define pageblock_order ((MAX_ORDER - 1) < 9 ? (MAX_ORDER - 1) : 9)
#define pageblock_nr_pages (1UL << pageblock_order)

#define MAX_NUMNODES 8
#define MM_FAST_CLASSES 16	/* order-0 fast path: migratetype << 2 | highest zone index */
#define MAX_NR_ZONES 4
#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* number of types on the per-CPU lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,
	MIGRATE_ISOLATE,	/* can't allocate from here */
	MIGRATE_TYPES
};

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,	/* outside the permanent direct map: page_address() is NULL until kmap() */
	ZONE_MOVABLE,	/* only movable allocations (GFP_HIGHUSER_MOVABLE), set by movablecore= */
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

enum zone_stat_item {
	NR_FREE_PAGES,		/* pages in the buddy free lists (not the per-CPU lists) */
	NR_FREE_CMA_PAGES,
	NR_ZONE_ALLOC_FAIL,	/* Pagoda: requests for which this zone was the preferred one and failed */
	NR_VM_ZONE_STAT_ITEMS
};

enum numa_stat_item {
	NUMA_HIT,	/* allocated in the intended node */
	NUMA_MISS,	/* allocated here although another node was preferred */
	NUMA_FOREIGN,	/* intended here, allocated elsewhere */
	NUMA_LOCAL,	/* allocated from the node of the allocating hart */
	NUMA_OTHER,
	NR_VM_NUMA_STAT_ITEMS
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;			/* blocks of this order, all types (Linux's nr_free) */
	unsigned long nr_free_mt[MIGRATE_TYPES];	/* blocks per list, for pagetypeinfo and checks */
};

/* Per-hart, per-zone cache of order-0 pages, locked the way Linux has since 6.0: its own hart takes
 * the lock with a trylock and interrupts left on, so an interrupt handler that finds its hart's
 * lists held goes to the buddy lists instead of waiting; drain_all_pages() on another hart takes it
 * and waits. Drains need no IPI. The order-0 fast path counts into fast_alloc/fast_free under the
 * lock (folded into vm_events and the NUMA counters when those are read); every other writer of
 * the NUMA counters (zone->pcp_numa_stat, out of this struct so that it stays 128 bytes, a shift
 * to index) adds atomically, from any context. */
struct per_cpu_pages {
	spinlock_t lock;
	int count;
	int high;
	int batch;
	struct list_head lists[MIGRATE_PCPTYPES];
	unsigned long fast_alloc[2];	/* fast-path allocations: [0] this hart's node, [1] another */
	unsigned long fast_free;	/* fast-path frees */
	/* Pre-zeroed order-0 pages of unmovable pageblocks, for __GFP_ZERO (struct mm_zero_ops,
	 * take_zeroed_batch): refilled from the pre-zero pool only when empty, MM_ZEROED_BATCH - 1
	 * at most; not in `count`, nor in the zone's free pages (as the pool's own). The pop that
	 * serves an allocation counts nothing: the pages popped since the last refill or drain are
	 * zeroed_stashed minus the list's length, settled into zeroed_alloc by the next refill or
	 * drain (mm_zeroed_list_allocs() adds the unsettled ones). */
	struct list_head zeroed;
	int zeroed_stashed;		/* pages the last refill put on `zeroed`, not yet settled */
	unsigned long zeroed_alloc;	/* settled __GFP_ZERO allocations served from `zeroed` */
} __aligned(64);
_Static_assert(sizeof(struct per_cpu_pages) == 128, "the fast path indexes pcp[] with a shift");

struct pglist_data;

struct zone {
	/* First: the fast path reaches this hart's lists with a shift and an add, and the fields
	 * below stay within a load's 12-bit offset. */
	struct per_cpu_pages pcp[NR_CPUS];

	/* Read-mostly, used by every allocation. */
	unsigned long _watermark[NR_WMARK];
	/* The order-0 fast path's floor per fast class (migratetype << 2 | classzone): LOW +
	 * lowmem_reserve[classzone] + the HIGHATOMIC reserve, refreshed by zone_update_fast_wmark()
	 * whenever one of them changes. */
	long fast_wmark[MM_FAST_CLASSES];
	long lowmem_reserve[MAX_NR_ZONES];
	int node;
	enum zone_type idx;
	struct pglist_data *zone_pgdat;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages;	/* memory pages in the span */
	unsigned long managed_pages;	/* pages handed to the buddy allocator */
	unsigned long cma_pages;
	unsigned long nr_reserved_highatomic;
	u8 *pageblock_mt;		/* one migratetype per pageblock */
	unsigned long pageblock_mt_by_pfn;	/* pageblock_mt - first block's pfn >> pageblock_order */
	unsigned long *free_bitmap;	/* bit i = page zone_start_pfn + i is free in the buddy lists */

	long vm_stat[NR_VM_ZONE_STAT_ITEMS] __aligned(64);	/* written under lock, read lockless */

	spinlock_t lock __aligned(64);
	struct free_area free_area[MAX_ORDER];

	/* Per hart: the NUMA counters of allocations outside the fast path (atomic adds). */
	unsigned long pcp_numa_stat[NR_CPUS][NR_VM_NUMA_STAT_ITEMS];
};

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

enum { ZONELIST_FALLBACK, ZONELIST_NOFALLBACK, MAX_ZONELISTS };

struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];	/* NULL-terminated */
};

/* Per-node page state (Linux enum node_stat_item, the page-cache part); /proc/vmstat names. */
enum node_stat_item {
	NR_INACTIVE_FILE,	/* page-cache pages on the inactive file LRU */
	NR_ACTIVE_FILE,
	NR_FILE_PAGES,		/* pages in the page cache, on the LRU or isolated by reclaim */
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_VM_NODE_STAT_ITEMS
};

/* LRU lists (Linux enum lru_list): file pages only; anonymous pages stay on their mm's anon_lru. */
enum lru_list { LRU_INACTIVE_FILE, LRU_ACTIVE_FILE, NR_LRU_LISTS };

/* Linux struct lruvec (one per node, no memcg): the lists, under lru_lock, and the node's page
 * state. nr_zone_file[] counts each zone's pages on the lists (Linux NR_ZONE_{IN,}ACTIVE_FILE,
 * summed), for zone_reclaimable_pages(). */
struct lruvec {
	spinlock_t lru_lock;
	struct list_head lists[NR_LRU_LISTS];
	unsigned long nr_pages[NR_LRU_LISTS];
	unsigned long nr_zone_file[MAX_NR_ZONES];
	long vm_stat[NR_VM_NODE_STAT_ITEMS];	/* atomic adds */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct lruvec __lruvec;
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int node_id;
	bool online;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;
} pg_data_t;

extern pg_data_t node_data[MAX_NUMNODES];
extern int nr_online_nodes;
#define NODE_DATA(nid) (&node_data[(nid)])

static inline unsigned long zone_end_pfn(const struct zone *z) { return z->zone_start_pfn + z->spanned_pages; }
static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn && pfn < zone_end_pfn(z);
}
static inline bool populated_zone(const struct zone *z) { return z->present_pages != 0; }
static inline bool managed_zone(const struct zone *z) { return z->managed_pages != 0; }
static inline unsigned long zone_managed_pages(const struct zone *z) { return READ_ONCE(z->managed_pages); }
static inline int zone_idx(const struct zone *z) { return (int)z->idx; }
static inline int zone_to_nid(const struct zone *z) { return z->node; }
static inline long zone_page_state(const struct zone *z, enum zone_stat_item i)
{
	long v = mm_load_relaxed(&z->vm_stat[i]);

	return v < 0 ? 0 : v;
}
static inline unsigned long min_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_MIN]; }
static inline unsigned long low_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_LOW]; }
static inline unsigned long high_wmark_pages(const struct zone *z) { return z->_watermark[WMARK_HIGH]; }
/* The zone ZONE_MOVABLE takes its pages from (Linux find_usable_zone_for_movable): the highest
 * zone the system has. Movable carved from HIGHMEM counts as highmem, as in Linux. */
extern enum zone_type movable_zone;
static inline bool is_highmem_idx(enum zone_type idx)
{
	return idx == ZONE_HIGHMEM || (idx == ZONE_MOVABLE && movable_zone == ZONE_HIGHMEM);
}
static inline bool is_migrate_isolate(int mt) { return mt == MIGRATE_ISOLATE; }
static inline bool is_migrate_cma(int mt) { return mt == MIGRATE_CMA; }
static inline bool is_migrate_highatomic(int mt) { return mt == MIGRATE_HIGHATOMIC; }

/* Nodemasks. */
static inline void nodes_clear(nodemask_t *m) { m->bits = 0; }
static inline void node_set(int nid, nodemask_t *m) { m->bits |= 1UL << nid; }
static inline bool node_isset(int nid, const nodemask_t *m) { return (m->bits >> nid) & 1; }

/* Zonelist iteration: zones at or below highest_zoneidx, in the allowed nodes. */
struct zoneref *__next_zones_zonelist(struct zoneref *z, enum zone_type highest_zoneidx,
				      const nodemask_t *nodes);
static inline struct zoneref *first_zones_zonelist(struct zonelist *zl, enum zone_type highest,
						   const nodemask_t *nodes)
{
	return __next_zones_zonelist(zl->_zonerefs, highest, nodes);
}
#define for_next_zone_zonelist_nodemask(zone, z, highidx, nodemask) \
	for (zone = (z)->zone; zone; \
	     z = __next_zones_zonelist(z + 1, highidx, nodemask), zone = (z)->zone)

/* What an allocation is allowed to use, fixed once per request (Linux struct alloc_context). */
struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;
	struct zoneref *preferred_zoneref;
	int migratetype;
	enum zone_type highest_zoneidx;
};

/* Internal allocation flags (Linux mm/internal.h values). */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04	/* don't check watermarks at all */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08	/* OOM victim: deeper into reserves */
#define ALLOC_HARDER		0x10	/* try to alloc harder (atomic): -25% min, HIGHATOMIC reserve */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH set: -50% min */
#define ALLOC_CPUSET		0x40	/* check for correct cpuset (no cpusets here: recorded only) */
#define ALLOC_CMA		0x80	/* allow allocations from CMA areas */
#define ALLOC_KSWAPD		0x800	/* allow waking up kswapd (__GFP_KSWAPD_RECLAIM) */

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages);
enum zone_type gfp_zone(gfp_t gfp);
int gfp_migratetype(gfp_t gfp);
struct zonelist *node_zonelist(int nid, gfp_t gfp);
int numa_node_id(void);
int cpu_to_node(unsigned int cpu);
int get_pageblock_migratetype(const struct page *page);

/* What a compaction attempt came to (Linux include/linux/compaction.h, same order: the slow path
 * compares them). */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,	/* fragmentation index says: lack of memory, not fragmentation */
	COMPACT_SKIPPED,		/* too few free pages to migrate into */
	COMPACT_DEFERRED,		/* recent failures: not tried (defer_compaction) */
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,		/* go on scanning */
	COMPACT_COMPLETE,		/* the scanners met: whole zone done, no block made */
	COMPACT_PARTIAL_SKIPPED,	/* the scanners met but part of the zone was skipped */
	COMPACT_CONTENDED,		/* async compaction found a lock held */
	COMPACT_SUCCESS,		/* a free block of the order exists */
};
/* Linux's compaction priorities: lower is more thorough. */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,		/* whole zone, deferral ignored */
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,	/* waits for an owner's lock; every pageblock type */
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,		/* never waits; MOVABLE pageblocks only */
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};
/* Slow-path hooks, for the reclaim/OOM side. Any member may be NULL. */
struct mm_slowpath_ops {
	void (*wakeup_kswapd)(struct zone *zone, gfp_t gfp, unsigned int order,
			      enum zone_type highest_zoneidx);
	/* Direct reclaim: returns the number of pages reclaimed (progress). */
	unsigned long (*try_to_free_pages)(struct zonelist *zl, unsigned int order, gfp_t gfp,
					   nodemask_t *nodemask);
	/* Replaces the built-in direct compaction (mm/compaction.c try_to_compact_pages) when set:
	 * for tests that count the slow path's calls. */
	enum compact_result (*try_to_compact_pages)(gfp_t gfp, unsigned int order,
						    unsigned int alloc_flags,
						    const struct alloc_context *ac, int priority);
	/* Pages reclaim could free in this zone (Linux zone_reclaimable_pages), for retry decisions. */
	unsigned long (*zone_reclaimable_pages)(struct zone *zone);
	/* Returns true if it freed something (killed a victim). */
	bool (*out_of_memory)(gfp_t gfp, unsigned int order, const struct alloc_context *ac);
};
void mm_register_slowpath_ops(const struct mm_slowpath_ops *ops);	/* NULL: no hooks */

/* Per-CPU lists. */
void drain_local_pages(struct zone *zone);	/* NULL = all zones */
void drain_all_pages(struct zone *zone);
bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force);

/* Free bitmap search: first index >= start (zone-relative) of a run of nr free pages whose index
 * satisfies (index & align_mask) == 0 (Linux bitmap_find_next_zero_area semantics, on set bits).
 * Returns a value > zone->spanned_pages - nr (i.e. >= size) if there is none. Takes zone->lock. */
unsigned long zone_find_free_area(struct zone *zone, unsigned long start, unsigned long nr,
				  unsigned long align_mask);
/* The replaceable search, so the pgaccel driver can run it in hardware. `map` has `size` bits. */
struct mm_scan_ops {
	const char *name;
	unsigned long (*find_free_area)(const unsigned long *map, unsigned long size,
					unsigned long start, unsigned long nr,
					unsigned long align_mask);
};
/* NULL: software, bitmap_find_next_set_area() (lib/bitmap.c), which the driver falls back to. */
void mm_register_scan_ops(const struct mm_scan_ops *ops);

/* Pageblock isolation (Linux start_isolate_page_range for one block): free pages move to the ISOLATE
 * list and can't be allocated; returns 0 or -1 if the block is CMA or already isolated. */
int isolate_pageblock(struct zone *zone, unsigned long pfn);
void unisolate_pageblock(struct zone *zone, unsigned long pfn, int migratetype);

#endif
