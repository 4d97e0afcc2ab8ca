// SPDX-License-Identifier: BSD-2-Clause
/* Slab internals shared by mm/slub.c and mm/slab_common.c (Linux mm/slab.h in spirit). */
#ifndef MM_SLAB_INTERNAL_H
#define MM_SLAB_INTERNAL_H

#include <mm/mm.h>
#include <mm/slab.h>
#include <pagoda/spinlock.h>
#include <pagoda/smp.h>

/* Marks the head page of a kmalloc larger than the biggest class (page->index). */
#define KMALLOC_LARGE_MAGIC 0x6b6d616c6c6f634cUL

/* Screen a pointer handed to a free when slab_page_fast() did not vouch for it: the slab's head
 * page (a pointer into a compound slab's tail page), or NULL after a report. s NULL: any cache. */
struct page *slab_check_free_slow(struct kmem_cache *s, const void *obj, const char *who,
				  unsigned long caller);
/* The slow halves of the fast paths below (mm/slub.c). */
void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, struct kmem_cache_cpu *c,
		   unsigned long flags);
struct page *__slab_free(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller);
void discard_slab(struct kmem_cache *s, struct page *slab);
bool slab_pre_alloc_check(struct kmem_cache *s, gfp_t *gfp, unsigned long caller);
void alloc_debug_processing(struct kmem_cache *s, void *obj, unsigned long caller);
bool free_debug_processing(struct kmem_cache *s, void *obj, unsigned long caller);
void slab_zero(struct kmem_cache *s, void *obj);
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


static __always_inline void *get_freepointer(const struct kmem_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static __always_inline void set_freepointer(const struct kmem_cache *s, void *obj, void *fp)
{
	*(void **)((char *)obj + s->offset) = fp;
}

static inline bool slab_debug(const struct kmem_cache *s)
{
	return s->debug;
}

/* Object index from a byte offset without a division (the core's divider takes 64 cycles):
 * reciprocal_size = ceil(2^32 / size) is exact for offset < 2^32 / size * size, and a non-multiple
 * of size never passes the product check. */
static inline bool obj_in_slab(const struct kmem_cache *s, const struct page *slab, const void *obj)
{
	unsigned long off = (unsigned long)obj - (unsigned long)slab_address(slab);
	unsigned long idx = (off * s->reciprocal_size) >> 32;

	return idx < slab->objects && idx * s->size == off;
}

/* The head page of the slab holding obj when obj is the start of one of its objects, else NULL
 * (no report: the caller's slow path decides and reports). Inline and without calls: the free
 * fast path. A head page's compound_head is never read (see virt_to_head_page); a tail page's is
 * stable while its slab lives. */
static __always_inline struct page *slab_page_fast(const void *obj)
{
	unsigned long pfn = (unsigned long)arch_virt_to_phys(obj) >> PAGE_SHIFT, head;
	struct page *slab;

	if (unlikely(pfn - mem_map_base_pfn >= mem_map_nr || pfn >= max_low_pfn))
		return NULL;
	slab = mem_map + (pfn - mem_map_base_pfn);
	if (unlikely(!PageSlab(slab))) {
		if (PageHead(slab))
			return NULL;
		head = READ_ONCE(slab->compound_head);
		if (!(head & 1))
			return NULL;
		slab = (struct page *)(head - 1);
		if (!PageSlab(slab))
			return NULL;
	}
	if (unlikely(!obj_in_slab(slab->slab_cache, slab, obj)))
		return NULL;
	return slab;
}

/* What Linux calls GFP_SLAB_BUG_MASK: slab memory must be in the direct map. */
#define GFP_SLAB_BUG_MASK (__GFP_HIGHMEM | __GFP_MOVABLE | ~__GFP_BITS_MASK)

/*
 * The fast paths alone, for kmalloc/kfree/kmem_cache_alloc/kmem_cache_free: no calls, so those
 * stay leaf functions (no registers saved on the way in and out) and tail-call the full path
 * whenever these decline (empty freelist, another slab, anything unusual).
 */
static __always_inline void *slab_alloc_fast(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *obj;

	local_irq_save(flags);
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	obj = c->freelist;
	if (likely(obj)) {
		c->freelist = get_freepointer(s, obj);
		c->alloc_fast++;
	}
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	return obj;
}

static __always_inline bool slab_free_fast(struct kmem_cache *s, struct page *slab, void *obj)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	bool done = false;

	local_irq_save(flags);
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	/* The object at the freelist's head is a double free: the full path reports it. */
	if (likely(slab == c->slab && obj != c->freelist)) {
		set_freepointer(s, obj, c->freelist);
		c->freelist = obj;
		c->free_fast++;
		done = true;
	}
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	return done;
}

/* gfp bits that send an allocation off the fast path. */
#define SLAB_FAST_GFP_EXCLUDE (GFP_SLAB_BUG_MASK | __GFP_ZERO)

static __always_inline void *slab_alloc_node(struct kmem_cache *s, gfp_t gfp, int node, unsigned long caller)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	void *obj;

	if (unlikely(gfp & (GFP_SLAB_BUG_MASK | __GFP_ZERO)) && !slab_pre_alloc_check(s, &gfp, caller))
		return NULL;
	local_irq_save(flags);
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	obj = c->freelist;
	if (likely(obj && (node == NUMA_NO_NODE || page_to_nid(c->slab) == node))) {
		c->freelist = get_freepointer(s, obj);
		c->alloc_fast++;
		spin_unlock(&c->lock);
		local_irq_restore(flags);
	} else {
		obj = __slab_alloc(s, gfp, node, c, flags);
		if (!obj)
			return NULL;
	}
	if (unlikely(slab_debug(s)))
		alloc_debug_processing(s, obj, caller);
	if (unlikely(gfp & __GFP_ZERO))
		slab_zero(s, obj);
	return obj;
}

static __always_inline void slab_free(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller)
{
	struct kmem_cache_cpu *c;
	struct page *dead;
	unsigned long flags;

	if (unlikely(slab_debug(s)) && !free_debug_processing(s, obj, caller))
		return;
	local_irq_save(flags);
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	if (likely(slab == c->slab)) {
		if (unlikely(obj == c->freelist)) {
			spin_unlock(&c->lock);
			local_irq_restore(flags);
			slab_report(s, obj, caller, "double free");
			return;
		}
		set_freepointer(s, obj, c->freelist);
		c->freelist = obj;
		c->free_fast++;
		spin_unlock(&c->lock);
		local_irq_restore(flags);
		return;
	}
	c->free_slow++;
	spin_unlock(&c->lock);
	dead = __slab_free(s, slab, obj, caller);
	local_irq_restore(flags);
	if (dead)
		discard_slab(s, dead);
}

#endif
