// SPDX-License-Identifier: BSD-2-Clause
/* Slab internals shared by mm/slub.c and mm/slab_common.c (Linux mm/slab.h in spirit). */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include <mm/mm.h>
#include <mm/slab.h>

/* Marks the head page of a kmalloc larger than the biggest class (page->index). */
#define KMALLOC_LARGE_MAGIC 0x6b6d616c6c6f634cUL

void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, unsigned long caller);
/* Free obj of slab page `slab` (already checked by slab_check_free). */
void slab_free(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller);
/* Screen a pointer handed to a free: the slab's head page, or NULL after a report. s NULL: any
 * cache (kfree). */
struct page *slab_check_free(struct kmem_cache *s, const void *obj, const char *who,
			     unsigned long caller);
void slab_report(const struct kmem_cache *s, const void *obj, unsigned long caller,
		 const char *fmt, ...) __printf(4, 5);
void kmalloc_init(void);
void create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size, slab_flags_t flags);

static inline void *slab_address(const struct page *slab)
{
	/* Slab pages are lowmem (__GFP_HIGHMEM is refused), so the direct map always covers them. */
	return arch_phys_to_virt(page_to_phys(slab));
}

/* A slab's head page sits on a partial list through lru, which overlays compound_head, while other
 * harts free into it: test the head's flags first, so compound_head is only read from tail pages,
 * which are never on a list. */
static inline struct page *virt_to_head_page(const void *p)
{
	struct page *page = virt_to_page(p);

	if (PageSlab(page) || PageHead(page))
		return page;
	return compound_head(page);
}

#endif
