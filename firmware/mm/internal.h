/* Allocator internals shared between the files of firmware/mm (Linux mm/internal.h in spirit). */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <mm/mm.h>

#define BITS_PER_LONG (8 * sizeof(unsigned long))

/* Rows padded to a power of two so a hart's row is a shift away. */
#define VM_EVENT_STRIDE 16
_Static_assert(NR_VM_EVENT_ITEMS <= VM_EVENT_STRIDE, "vm_events row");
extern unsigned long vm_events[NR_CPUS][VM_EVENT_STRIDE];
extern unsigned long min_free_kbytes;
extern int page_group_by_mobility_disabled;
extern const struct mm_slowpath_ops *mm_slowpath;
extern struct page_owner *page_owner_map;
extern int mm_cpu_node[NR_CPUS];
extern bool mm_fastpath_enabled;
void mm_update_fastpath(void);
extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

static inline void __count_vm_event(enum vm_event_item item)
{
	vm_events[smp_processor_id()][item]++;
}

static inline void __mod_zone_page_state(struct zone *z, enum zone_stat_item i, long delta)
{
	/* Written under zone->lock, read lockless by watermark checks. */
	mm_store_relaxed(&z->vm_stat[i], z->vm_stat[i] + delta);
}

static inline int get_pfnblock_migratetype(const struct zone *z, unsigned long pfn)
{
	/* Read without zone->lock on the free path, as Linux reads its pageblock bitmap. */
	return mm_load_relaxed(&z->pageblock_mt[(pfn - ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages)) >>
						pageblock_order]);
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

/* Bitmap helpers over unsigned long words. */
static inline bool test_bit_ul(const unsigned long *map, unsigned long i)
{
	return (map[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}
void bitmap_set_range(unsigned long *map, unsigned long start, unsigned long n);
void bitmap_clear_range(unsigned long *map, unsigned long start, unsigned long n);

#endif
