// SPDX-License-Identifier: BSD-2-Clause
/* The memory model (struct page, mem_map, pfn/page/address conversions, refcounts, compound pages,
 * kmap), boot-time memblock, and the allocator's init, hooks and observability interface. */
#ifndef MM_MM_H
#define MM_MM_H

#include <pagoda/types.h>
#include <pagoda/list.h>
#include <pagoda/compiler.h>
#include <asm/page.h>
#include <mm/gfp.h>
#include <mm/page-flags.h>
#include <mm/mmzone.h>

struct boot_info;

/* One per physical page frame (FLATMEM: one array covering the lowest to the highest RAM pfn). */
struct page {
	unsigned long flags;		/* PG_* bits, node and zone in the top bits */
	union {
		struct list_head lru;	/* on a buddy free list or a per-CPU list */
		struct {		/* tail page of a compound page */
			unsigned long compound_head;	/* head | 1 */
			unsigned long compound_order;	/* first tail only */
		};
	};
	union {
		unsigned long private;	/* owner's; the block order while PG_buddy */
		struct kmem_cache *slab_cache;	/* PG_slab head page: its cache */
	};
	int _refcount;
	union {
		int _mapcount;		/* -1 = unmapped (not used by the allocator itself) */
		struct {		/* PG_slab head page (mm/slub.c) */
			u16 inuse;	/* objects not on the slab's freelist */
			u16 objects;
		};
	};
	union {
		void *virtual;		/* kmap address of a HIGHMEM page, NULL when unmapped */
		/* PG_slab head page of a SLAB_ACCOUNT cache (slab pages are lowmem, never kmapped):
		 * the group each object is charged to, NULL for none (Linux's obj_cgroups vector in
		 * slab->memcg_data; here the memcg itself, see docs/mm.md). */
		struct mem_cgroup **memcg_objcgs;
	};
	u8 alloc_order;			/* order the head page was allocated with, for free checks */
	u8 list_mt;			/* migratetype of the free/pcp list the page is on */
	u16 kmap_count;
	union {
		u32 frozen;		/* PG_slab: owned by a hart's cpu slab (mm/slub.c) */
		u32 memcg_data;		/* anon/cache/kmem page: its memcg (Linux folio->memcg_data) */
	};
	union {
		unsigned long index;	/* owner's (Linux: page cache index) */
		void *freelist;		/* PG_slab head page: free objects no hart owns */
	};
};
/* 64 bytes: page <-> pfn and the mem_map range check are shifts, not divisions. */
_Static_assert(sizeof(struct page) == 64, "struct page must stay 64 bytes");

PAGEFLAG_FNS(Locked, locked)
PAGEFLAG_FNS(LRU, lru)
PAGEFLAG_FNS(Slab, slab)
PAGEFLAG_FNS(Private, private)
PAGEFLAG_FNS(Reserved, reserved)
PAGEFLAG_FNS(Head, head)
PAGEFLAG_FNS(Buddy, buddy)
PAGEFLAG_FNS(Poisoned, poisoned)
PAGEFLAG_FNS(Anon, anon)
PAGEFLAG_FNS(Referenced, referenced)
PAGEFLAG_FNS(Active, active)
PAGEFLAG_FNS(Dirty, dirty)
PAGEFLAG_FNS(Uptodate, uptodate)
PAGEFLAG_FNS(Writeback, writeback)
PAGEFLAG_FNS(MemcgKmem, memcg_kmem)

extern struct page *mem_map;
extern unsigned long mem_map_base_pfn;	/* pfn of mem_map[0] */
extern unsigned long mem_map_nr;	/* entries in mem_map */
extern unsigned long max_low_pfn;	/* first pfn outside the direct map (start of HIGHMEM) */
extern unsigned long totalram_pages;	/* managed pages, all zones */
extern unsigned long min_free_kbytes;	/* from bootarg min_free_kbytes= or computed as Linux */

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn - mem_map_base_pfn < mem_map_nr;
}
static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + (pfn - mem_map_base_pfn); }
static inline unsigned long page_to_pfn(const struct page *p) { return (unsigned long)(p - mem_map) + mem_map_base_pfn; }
static inline phys_addr_t page_to_phys(const struct page *p) { return (phys_addr_t)page_to_pfn(p) << PAGE_SHIFT; }
static inline bool page_in_mem_map(const struct page *p)
{
	/* Pointer arithmetic on a foreign pointer is only meaningful as integers. */
	unsigned long off = (unsigned long)p - (unsigned long)mem_map;

	return off < mem_map_nr * sizeof(struct page) && off % sizeof(struct page) == 0;
}

static inline enum zone_type page_zonenum(const struct page *p)
{
	return (enum zone_type)((p->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}
static inline int page_to_nid(const struct page *p) { return (int)((p->flags >> NODES_PGSHIFT) & NODES_MASK); }
/* Indexed by (zone << NODES_SHIFT | node), i.e. page->flags >> NODES_PGSHIFT: one load instead of
 * two multiplications by the sizes of pg_data_t and struct zone. */
extern struct zone *mm_zone_table[MAX_NR_ZONES << NODES_SHIFT];
static inline struct zone *page_zone(const struct page *p)
{
	return mm_zone_table[page_flags_read(&p->flags) >> NODES_PGSHIFT];
}
static inline bool PageHighMem(const struct page *p) { return page_to_pfn(p) >= max_low_pfn; }

/* Direct-map addresses. HIGHMEM pages have none until kmap(). */
void *page_address(const struct page *page);
struct page *virt_to_page(const void *addr);
bool virt_addr_valid(const void *addr);
#define __va(pa) arch_phys_to_virt(pa)
#define __pa(va) arch_virt_to_phys(va)
void *kmap(struct page *page);
void kunmap(struct page *page);

/* Compound pages (__GFP_COMP). */
static inline int PageTail(const struct page *p) { return p->compound_head & 1; }
static inline int PageCompound(const struct page *p) { return PageHead(p) || PageTail(p); }
static inline struct page *compound_head(struct page *p)
{
	unsigned long h = READ_ONCE(p->compound_head);

	return (h & 1) ? (struct page *)(h - 1) : p;
}
static inline unsigned int compound_order(struct page *p)
{
	return PageHead(p) ? (unsigned int)p[1].compound_order : 0;
}

/* Reference counts (atomic: a page may be put from any hart). */
static inline int page_ref_count(const struct page *p) { return mm_load_relaxed(&p->_refcount); }
static inline int page_count(struct page *p) { return page_ref_count(compound_head(p)); }
static inline void set_page_count(struct page *p, int v) { mm_store_relaxed(&p->_refcount, v); }
/* Linux's page_ref_freeze(): count -> 0 in one atomic step, or false with the page untouched, so
 * two racing frees can't both take a page's last reference. On RISC-V an LR/SC pair branching on
 * the count itself (the builtin compare-and-swap adds a subtract and a test). */
static __always_inline bool page_ref_freeze(struct page *p, int count)
{
#ifdef __riscv
	/* t0 as the scratch: an output operand would read as uninitialised to cppcheck. */
	__asm__ volatile goto("1:	lr.w.aq	t0, (%0)\n"
			      "	bne	t0, %1, %l[busy]\n"
			      "	sc.w.rl	t0, zero, (%0)\n"
			      "	bnez	t0, 1b\n"
			      :
			      : "r"(&p->_refcount), "r"(count)
			      : "memory", "t0"
			      : busy);
	return true;
busy:
	return false;
#else
	return __atomic_compare_exchange_n(&p->_refcount, &count, 0, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_RELAXED);
#endif
}
void get_page(struct page *page);
void put_page(struct page *page);	/* frees the (compound) page when the count drops to zero */

static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* Early allocator: memory ranges minus reserved ranges, top-down, before the buddy lists exist. */
#define MEMBLOCK_MAX_REGIONS 64
struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	int nid;
};
struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};
struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	phys_addr_t limit;	/* allocations stay below this (the direct map) */
};
extern struct memblock memblock;
void memblock_reset(void);
int memblock_add(phys_addr_t base, phys_addr_t size, int nid);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_memory(phys_addr_t addr);
int memblock_addr_nid(phys_addr_t addr);
/* Returns the physical address of a reserved, zeroed block, or 0 on failure. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
/* Iterate the free ranges (memory minus reserved), in address order. *idx starts at 0. */
bool memblock_next_free_range(unsigned long *idx, phys_addr_t *start, phys_addr_t *end, int *nid);

/* Boot. */
void mm_init(const struct boot_info *bi);
void mm_init_secondary(void);
void mm_set_cpu_node(unsigned int cpu, int nid);	/* hart -> NUMA node, default 0 */
void mm_show_summary(void);

/* __GFP_ZERO and the zeroing hook. The default zeroes with the CPU; a driver can register a
 * hardware engine. The call comes with interrupts enabled and no allocator lock held. */
struct mm_zero_ops {
	const char *name;
	void (*zero_pages)(struct page *page, unsigned int order);
	/* Optional: fill nr pages with a byte (page poisoning); NULL means the CPU does it. May be
	 * called with a zone lock held. */
	void (*fill_pages)(struct page *page, unsigned long nr, u8 byte);
	/* Optional pre-zeroed blocks (MIGRATE_UNMOVABLE pageblocks, not while poisoning). capture_free()
	 * may keep a block being freed (refcount already 0: a second free is still caught as a
	 * double free) to zero it in the background; take_zeroed() hands an unmovable __GFP_ZERO
	 * allocation of that order from `zone` a captured block known to be zero, or NULL.
	 * Allocations without __GFP_ZERO never see captured blocks. Order 0 is offered from the
	 * fast paths (only while mm_capture_wanted), higher orders from the full path. Called with
	 * interrupts enabled and no allocator lock held. */
	bool (*capture_free)(struct zone *zone, struct page *page, unsigned int order);
	struct page *(*take_zeroed)(struct zone *zone, unsigned int order);
	/* Give every captured page back (with __free_pages): drain_all_pages() calls it first, so
	 * captured pages return wherever per-CPU pages do, memory pressure included. */
	void (*release)(void);
	/* Optional, order 0: up to `max` zeroed pages of `zone` added to `list` (by page->lru,
	 * refcount 0, their DMA done and unmapped), how many returned. The allocator calls it when
	 * its hart's zeroed list (struct per_cpu_pages) is empty and serves the next __GFP_ZERO
	 * order-0 allocations from that list without calling the driver. The driver counts the
	 * call as one hit (the page for the caller) or one miss; mm_zeroed_list_allocs() counts
	 * the rest. */
	unsigned int (*take_zeroed_batch)(struct zone *zone, struct list_head *list, unsigned int max);
};
/* Set by the driver while capture_free() would take a page: the free fast path tests only this
 * flag, so a full or disabled pool costs it one load. */
extern bool mm_capture_wanted;
void mm_register_zero_ops(const struct mm_zero_ops *ops);	/* NULL restores software */
/* Pages taken from the pool per refill of a hart's zeroed list (one for the caller, the rest
 * stashed): the lists hold at most MM_ZEROED_BATCH - 1 pages per zone and hart. */
#define MM_ZEROED_BATCH 32
/* Every hart's zeroed lists back to the buddy lists (the pool's release and prezero off call it;
 * drain_all_pages() and drain_local_pages() drain them with the other per-CPU lists). A refill
 * that raced with it gives its pages back instead of stashing them. */
void mm_drain_zeroed_lists(void);
unsigned long mm_zeroed_list_allocs(void);	/* __GFP_ZERO allocations served from the lists */
/* Pages on a hart's zeroed list (a walk of at most MM_ZEROED_BATCH - 1): its lock held, or the
 * hart quiet. */
unsigned int mm_pcp_zeroed_count(const struct per_cpu_pages *pcp);
/* Pre-zeroed order-0 pages of `zone` (refcount 0, nobody's) back to the buddy lists. */
void mm_free_zeroed_list(struct zone *zone, struct list_head *list);
void mm_zero_pages(struct page *page, unsigned int order);
void mm_sw_zero_pages(struct page *page, unsigned int order);
void mm_fill_pages(struct page *page, unsigned long nr, u8 byte);

/* Global event counters (/proc/vmstat). */
enum vm_event_item {
	PGALLOC_DMA, PGALLOC_NORMAL, PGALLOC_HIGH, PGALLOC_MOVABLE,
	PGFREE,
	PGALLOC_FAIL,		/* Pagoda: requests that returned NULL */
	PCP_REFILL, PCP_DRAIN,	/* Pagoda: rmqueue_bulk / free_pcppages_bulk calls */
	PGALLOC_FALLBACK,	/* Pagoda: __rmqueue_fallback steals (Linux: mm_page_alloc_extfrag) */
	ALLOCSTALL, COMPACTSTALL, OOM_CALLS, KSWAPD_WAKE,
	HIGHATOMIC_RESERVE,
	BAD_PAGE_EVENTS,	/* Pagoda: rejected frees and bad page states */
	/* Reclaim (mm/vmscan.c): pgscan counts the LRU pages isolated for reclaim plus the objects
	 * the shrinkers were asked to look at, pgsteal the LRU pages freed plus what the shrinkers
	 * freed (pages, for the slab caches' shrinker). pageoutrun: kswapd's balancing runs. */
	PGSCAN_KSWAPD, PGSCAN_DIRECT, PGSTEAL_KSWAPD, PGSTEAL_DIRECT, PAGEOUTRUN,
	PGMIGRATE_SUCCESS, PGMIGRATE_FAIL,
	COMPACTMIGRATE_SCANNED, COMPACTFREE_SCANNED, COMPACTISOLATED,
	COMPACTFAIL, COMPACTSUCCESS,
	/* Page cache and LRU (mm/filemap.c, mm/vmscan.c): pgactivate/pgdeactivate count moves
	 * between the active and inactive lists, pgrefill the active pages scanned; nr_dirtied and
	 * nr_written pages dirtied and written back (Linux node counters), nr_vmscan_write the
	 * writebacks done by reclaim; pgscan_skip_dirty (Pagoda) dirty pages a reclaim passed over
	 * because its request lacked __GFP_IO or __GFP_FS. */
	PGACTIVATE, PGDEACTIVATE, PGREFILL, NR_DIRTIED, NR_WRITTEN, NR_VMSCAN_WRITE,
	PGSCAN_SKIP_DIRTY,
	KCOMPACTD_WAKE, KCOMPACTD_MIGRATE_SCANNED, KCOMPACTD_FREE_SCANNED,
	OOM_KILL,
	NR_VM_EVENT_ITEMS
};
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];
unsigned long vm_event_sum(enum vm_event_item item);
unsigned long numa_stat_sum(enum numa_stat_item item);	/* all zones, all harts */
void count_vm_events(enum vm_event_item item, unsigned long n);
unsigned long global_free_pages(void);

/* Bad-input reports (bad_page-style). Each rejected operation counts one. */
extern unsigned long mm_bad_page_count;
/* Requests with an impossible flag combination or argument, fixed up after a warning. */
extern unsigned long mm_bad_gfp_count;

/* Runtime switches (bootargs page_poison=1, page_owner=on, trace_mm=0/1, mm_debug=1). */
extern bool mm_page_poison;
extern bool mm_page_owner;
extern bool mm_trace_enabled;
extern bool mm_debug_checks;	/* check every page of a block on alloc, not just the head */

/* A line that this hart's order-0 fast paths read or write on every call (GFP_KERNEL, tracing
 * on): mm_fast_path_lines() fills up to max of them and returns how many. The data are placed so
 * that no two share a D$ set (pagoda/compiler.h __cache_hot); a self-test checks it. */
struct mm_hot_line {
	const char *name;
	const void *addr;
};
unsigned int mm_fast_path_lines(struct mm_hot_line *v, unsigned int max);
#define PAGE_POISON 0xaa

/* Trace ring (trace_mm_page_alloc / trace_mm_page_free), one ring per hart. */
enum mm_trace_type { TRACE_MM_PAGE_ALLOC = 1, TRACE_MM_PAGE_FREE };
struct mm_trace_event {
	unsigned long ts;
	unsigned long pfn;
	unsigned long caller;
	gfp_t gfp;
	u8 type;
	u8 order;
	u8 migratetype;
	u8 cpu;
};
#define MM_TRACE_RING 256
/* Copy up to max events, oldest first, merged across harts by timestamp; returns the count. */
unsigned int mm_trace_snapshot(struct mm_trace_event *out, unsigned int max);
void mm_trace_clear(void);
void mm_trace_dump(void);

/* page_owner (page_owner=on): who allocated each allocated block. */
struct page_owner {
	unsigned long caller;
	unsigned long ts;
	gfp_t gfp;
	u8 order;
	u8 cpu;
	u8 valid;
};
const struct page_owner *get_page_owner(const struct page *page);	/* NULL when disabled */

/* /proc-style reports. */
void mm_show_buddyinfo(void);
void mm_show_zoneinfo(bool brief);
void mm_show_pagetypeinfo(void);
void mm_show_vmstat(void);

/* Check every zone's lists, counts, bitmap and per-CPU lists; 0 or -1 with a reason in err. */
int mm_verify(char *err, size_t n);

/* Firmware-side benchmarks: one "bench mm NAME cycles=X instret=Y ops=Z" line per case. */
void mm_bench_run(void);

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

#endif
