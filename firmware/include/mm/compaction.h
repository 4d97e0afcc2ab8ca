// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory compaction (mm/compaction.c, Linux mm/compaction.c): a migration scanner from the start
 * of a zone isolates movable (anonymous) pages, a free scanner from the end isolates free pages,
 * and migrate_pages() moves the first into the second until a free block of the wanted order
 * exists or the scanners meet. Direct compaction runs from the allocator's slow path; kcompactd
 * (a kernel thread per node) is a loop around kcompactd_do_work().
 */
#ifndef MM_COMPACTION_H
#define MM_COMPACTION_H

#include <mm/mm.h>
#include <mm/migrate.h>

#define COMPACT_CLUSTER_MAX 32	/* pages isolated per round (Linux SWAP_CLUSTER_MAX) */
#define COMPACT_MAX_DEFER_SHIFT 6

/* One compaction run over one zone (Linux struct compact_control). */
struct compact_control {
	struct list_head freepages;	/* isolated free pages, order 0, one reference each */
	struct list_head migratepages;	/* isolated anonymous pages */
	unsigned int nr_freepages, nr_migratepages;
	unsigned long free_pfn;		/* the free scanner's next pageblock (scans down) */
	unsigned long migrate_pfn;	/* the migration scanner's next pfn (scans up) */
	unsigned long total_migrate_scanned, total_free_scanned;
	unsigned long nr_migrated, nr_migrate_failed;
	struct zone *zone;
	gfp_t gfp_mask;
	int order;			/* -1: compact the whole zone (compact_memory) */
	int migratetype;
	unsigned int alloc_flags;
	enum zone_type highest_zoneidx;
	enum migrate_mode mode;
	bool whole_zone;		/* started at the zone's ends */
	bool ignore_block_suitable;	/* sync: any pageblock type is a migration source */
	bool direct_compaction;
	bool contended;
};

/*
 * How the free scanner finds free pages in a pageblock: by testing each struct page for PG_buddy
 * (Linux isolate_freepages_block), or by searching the zone's free bitmap through the scan hook
 * (zone_find_free_area: pgaccel's SCAN where the driver registered it, else lib/bitmap.c).
 */
enum compact_free_scan { COMPACT_SCAN_PFN, COMPACT_SCAN_BITMAP };
extern enum compact_free_scan compact_free_scan_mode;

enum compact_result compaction_suitable(struct zone *zone, int order, unsigned int alloc_flags,
					enum zone_type highest_zoneidx);
int fragmentation_index(struct zone *zone, unsigned int order);	/* -1000, or 0..1000 */
enum compact_result compact_zone(struct compact_control *cc);
enum compact_result compact_zone_order(struct zone *zone, int order, gfp_t gfp,
				       enum compact_priority prio, unsigned int alloc_flags,
				       enum zone_type highest_zoneidx);
enum compact_result try_to_compact_pages(gfp_t gfp, unsigned int order, unsigned int alloc_flags,
					 const struct alloc_context *ac, enum compact_priority prio);

/* Deferral after failure (Linux defer_compaction and friends), per zone. */
void defer_compaction(struct zone *zone, int order);
bool compaction_deferred(struct zone *zone, int order);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
bool compaction_restarting(struct zone *zone, int order);

/* The whole of every zone of a node / of all nodes, synchronously (echo 1 > compact_memory). */
void compact_node(int nid);
void compact_nodes(void);

/* kcompactd's body: should it run for this node, and one round of work (Linux
 * kcompactd_node_suitable and kcompactd_do_work, MIGRATE_SYNC_LIGHT). */
bool kcompactd_node_suitable(int nid, int order, enum zone_type highest_zoneidx);
void kcompactd_do_work(int nid, int order, enum zone_type highest_zoneidx);
/* The thread per node (Linux kcompactd_run/kcompactd_stop/wakeup_kcompactd): woken by kswapd after
 * balancing for a high-order request; counts kcompactd_wake per round. */
int kcompactd_init(void);	/* every online node; 0 or a negative errno */
int kcompactd_run(int nid);
void kcompactd_stop(int nid);
void wakeup_kcompactd(int nid, int order, enum zone_type highest_zoneidx);
struct task_struct *kcompactd_task(int nid);
bool kcompactd_is_sleeping(int nid);	/* asleep with no request pending */

/* Per-zone state for reports and tests. */
struct compact_zone_info {
	unsigned long cached_migrate_pfn, cached_free_pfn;
	unsigned int considered, defer_shift;
	int order_failed;
};
void compaction_zone_info(struct zone *zone, struct compact_zone_info *info);
void compaction_zone_reset(struct zone *zone);	/* forget deferral and positions (tests, bench) */
/* mm/compaction_selftest.c, firmware only: weak, so the host build of mm_bench.c links. */
void compaction_bench_run(void) __attribute__((weak));
void compaction_show(void);

#endif
