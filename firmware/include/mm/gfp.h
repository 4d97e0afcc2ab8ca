// SPDX-License-Identifier: BSD-2-Clause
/* GFP ("get free pages") flags and the page allocator API. Same names, bit values and meanings as
 * Linux 5.x so that callers read the same. */
#ifndef MM_GFP_H
#define MM_GFP_H

#include <pagoda/types.h>
#include <pagoda/list.h>

typedef unsigned int gfp_t;

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u	/* accepted, treated as __GFP_DMA (no separate DMA32 zone) */
#define ___GFP_MOVABLE		0x08u
#define ___GFP_RECLAIMABLE	0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_ATOMIC		0x200u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_WRITE		0x1000u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_RETRY_MAYFAIL	0x4000u
#define ___GFP_NOFAIL		0x8000u
#define ___GFP_NORETRY		0x10000u
#define ___GFP_MEMALLOC		0x20000u
#define ___GFP_COMP		0x40000u
#define ___GFP_NOMEMALLOC	0x80000u
#define ___GFP_HARDWALL		0x100000u
#define ___GFP_THISNODE		0x200000u
#define ___GFP_ACCOUNT		0x400000u
#define __GFP_BITS_SHIFT	23
#define __GFP_BITS_MASK		((gfp_t)((1u << __GFP_BITS_SHIFT) - 1))

/* Zone modifiers: which zones may satisfy the request. */
#define __GFP_DMA		((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM		((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32		((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE		((gfp_t)___GFP_MOVABLE)	/* also a mobility hint: MIGRATE_MOVABLE */
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Mobility and placement. */
#define __GFP_RECLAIMABLE	((gfp_t)___GFP_RECLAIMABLE)
#define __GFP_WRITE		((gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL		((gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE		((gfp_t)___GFP_THISNODE)
#define __GFP_ACCOUNT		((gfp_t)___GFP_ACCOUNT)
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3

/* Watermark modifiers: access to reserves. */
#define __GFP_ATOMIC		((gfp_t)___GFP_ATOMIC)
#define __GFP_HIGH		((gfp_t)___GFP_HIGH)
#define __GFP_MEMALLOC		((gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC	((gfp_t)___GFP_NOMEMALLOC)

/* Reclaim modifiers. */
#define __GFP_IO		((gfp_t)___GFP_IO)
#define __GFP_FS		((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM	((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM	((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_RETRY_MAYFAIL	((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL		((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY		((gfp_t)___GFP_NORETRY)

/* Action modifiers. */
#define __GFP_NOWARN		((gfp_t)___GFP_NOWARN)
#define __GFP_COMP		((gfp_t)___GFP_COMP)
#define __GFP_ZERO		((gfp_t)___GFP_ZERO)

/* Composites. */
#define GFP_ATOMIC		(__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)

/* Orders above this are "costly": not retried hard, never OOM-kill for (Linux's value). */
#define PAGE_ALLOC_COSTLY_ORDER 3

#define NUMA_NO_NODE (-1)

struct page;

typedef struct {
	unsigned long bits;	/* MAX_NUMNODES <= BITS_PER_LONG */
} nodemask_t;

static inline bool gfpflags_allow_blocking(gfp_t gfp) { return !!(gfp & __GFP_DIRECT_RECLAIM); }

/* Core entry point and API (mm/page_alloc.c). */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid, nodemask_t *nodemask);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
unsigned long get_zeroed_page(gfp_t gfp);
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)
/* Fills the NULL slots of page_array (or appends to page_list when page_array is NULL) up to
 * nr_pages order-0 pages; returns the number of pages now in the array / added to the list.
 * May return fewer than asked, never blocks for reclaim once it has one page. */
unsigned long __alloc_pages_bulk(gfp_t gfp, int preferred_nid, nodemask_t *nodemask,
				 unsigned long nr_pages, struct list_head *page_list,
				 struct page **page_array);
unsigned long alloc_pages_bulk(gfp_t gfp, unsigned long nr_pages, struct page **page_array);
unsigned long alloc_pages_bulk_list(gfp_t gfp, unsigned long nr_pages, struct list_head *list);
/* Free an array of order-0 pages (Linux release_pages-like, for bulk users and benchmarks). */
void free_pages_bulk(struct page **pages, unsigned long nr);
/* nr_pages physically contiguous order-0 pages, each with its own reference (Linux
 * alloc_contig_pages; Pagoda has no migration, so only runs that are free already qualify). The
 * run is aligned to the largest power of two <= nr_pages, capped at MAX_ORDER - 1. */
struct page *alloc_contig_pages(unsigned long nr_pages, gfp_t gfp, int nid, nodemask_t *nodemask);
void free_contig_range(unsigned long pfn, unsigned long nr_pages);
void split_page(struct page *page, unsigned int order);

/* Scoped constraints (Linux memalloc_*_save): strip __GFP_IO/__GFP_FS from every allocation made
 * on this hart until the matching restore. They nest; restore takes what save returned. */
unsigned int memalloc_noio_save(void);
void memalloc_noio_restore(unsigned int flags);
unsigned int memalloc_nofs_save(void);
void memalloc_nofs_restore(unsigned int flags);
gfp_t current_gfp_context(gfp_t gfp);

#endif
