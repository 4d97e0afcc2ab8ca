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
void __slab_free(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab, void *obj,
		 unsigned long caller, struct list_head *discard);
void slab_free_slow(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab, void *obj,
		    unsigned long caller, unsigned long flags);
void discard_slab(struct kmem_cache *s, struct page *slab);
bool slab_pre_alloc_check(struct kmem_cache *s, gfp_t *gfp, unsigned long caller);
void alloc_debug_processing(struct kmem_cache *s, void *obj, unsigned long caller);
bool free_debug_processing(struct kmem_cache *s, void *obj, unsigned long caller);
void slab_zero(struct kmem_cache *s, void *obj);
/* SLAB_ACCOUNT caches (mm/slub.c): charge a new object to current's group (false: refused; the
 * post-alloc hook then frees it), and give a freed object's charge back. */
bool memcg_slab_charge_obj(struct kmem_cache *s, void *obj, gfp_t gfp);
bool memcg_slab_post_alloc_hook(struct kmem_cache *s, void *obj, gfp_t gfp, unsigned long caller);
void memcg_slab_free_hook(struct kmem_cache *s, struct page *slab, void *obj);
void slab_report(const struct kmem_cache *s, const void *obj, unsigned long caller,
		 const char *fmt, ...) __printf(4, 5);
void kmalloc_init(void);
/* Pages of mem_map from mem_map_base_pfn on that may hold slabs (the direct-mapped ones). */
extern unsigned long slab_pfn_span;
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
	unsigned long off = (unsigned long)obj - (unsigned long)slab_address(slab) - s->red_left_pad;
	unsigned long idx = (off * s->reciprocal_size) >> 32;

	return idx < slab->objects && idx * s->size == off;
}

/* The head page of the slab holding obj when obj is the start of one of its objects, else NULL
 * (no report: the caller's slow path decides and reports). Inline and without calls: the free
 * fast path. A head page's compound_head is never read (see virt_to_head_page); a tail page's is
 * stable while its slab lives. slab_pfn_span covers the direct-mapped part of mem_map only. */
static __always_inline struct page *slab_page_fast(const void *obj)
{
	unsigned long pfn = (unsigned long)arch_virt_to_phys(obj) >> PAGE_SHIFT, head, off, idx;
	const struct kmem_cache *s;
	struct page *slab;

	if (unlikely(pfn - mem_map_base_pfn >= slab_pfn_span))
		return NULL;
	slab = mem_map + (pfn - mem_map_base_pfn);
	/* Offset into the slab: the page offset in its head page, else counted from the head. */
	off = (unsigned long)obj & (PAGE_SIZE - 1);
	if (unlikely(!PageSlab(slab))) {
		if (PageHead(slab))
			return NULL;
		head = READ_ONCE(slab->compound_head);
		if (!(head & 1))
			return NULL;
		off += (unsigned long)(slab - (struct page *)(head - 1)) << PAGE_SHIFT;
		slab = (struct page *)(head - 1);
		if (!PageSlab(slab))
			return NULL;
	}
	/* obj_in_slab() on the offset at hand. */
	s = slab->slab_cache;
	idx = (off * s->reciprocal_size) >> 32;
	if (unlikely(idx >= s->objects || idx * s->size != off))
		return NULL;
	return slab;
}

/* What Linux calls GFP_SLAB_BUG_MASK: slab memory must be in the direct map. */
#define GFP_SLAB_BUG_MASK (__GFP_HIGHMEM | __GFP_MOVABLE | ~__GFP_BITS_MASK)

/*
 * The fast paths alone (Linux's this_cpu_cmpxchg_double on freelist + tid): no lock, no
 * interrupt masking, no calls, so kmalloc/kfree/kmem_cache_alloc/kmem_cache_free stay leaf
 * functions that tail-call the full path whenever these decline.
 *
 * On RISC-V the hart pops and pushes its freelist with one LR/SC pair. What Linux's tid guards
 * against cannot pass the reservation: an interrupt handler on this hart that used the freelist
 * between the LR and the SC ends in trap_entry's dummy SC, which drops the reservation; a remote
 * flush or count (another hart, with the lock) swaps the freelist out with an AMO and back under
 * the lock. The rules that make a value-compared SC (QEMU's) as safe: only the owner puts a new
 * head on the list, so a head taken away never comes back while the owner sits in its LR/SC; a
 * push needs a non-empty list (an empty one may mean "flushed" and goes to the locked path) and
 * reads c->slab after the LR. Debug caches never fill c->freelist, so they never get here.
 *
 * The host build (threads as harts, an "interrupt" thread truly concurrent with its hart) has no
 * LR/SC: there the same two operations hold c->lock, with the same outcomes.
 */
#ifdef __riscv
static __always_inline struct kmem_cache_cpu *this_cpu_slab(struct kmem_cache *s)
{
	unsigned long cpu;

	__asm__("lwu %0, %1(tp)" : "=r"(cpu) : "i"(offsetof(struct hart_state, cpu)));
	return &s->cpu_slab[cpu];
}

/* The head of c's freelist, or NULL (empty). A free pointer at offset 0 (kmalloc classes, most
 * caches) saves the add. */
static __always_inline void *cpu_freelist_pop(struct kmem_cache_cpu *c, unsigned long offset)
{
	void *obj, *next;
	unsigned long fail;

	if (__builtin_constant_p(offset) && offset == 0)
		__asm__ volatile goto("1:	lr.d	%0, (%3)\n"
				      "	beqz	%0, %l[empty]\n"
				      "	ld	%1, 0(%0)\n"
				      "	sc.d	%2, %1, (%3)\n"
				      "	bnez	%2, 1b\n"
				      : "=&r"(obj), "=&r"(next), "=&r"(fail)
				      : "r"(&c->freelist)
				      : "memory"
				      : empty);
	else
		__asm__ volatile goto("1:	lr.d	%0, (%3)\n"
				      "	beqz	%0, %l[empty]\n"
				      "	add	%1, %0, %4\n"
				      "	ld	%1, 0(%1)\n"
				      "	sc.d	%2, %1, (%3)\n"
				      "	bnez	%2, 1b\n"
				      : "=&r"(obj), "=&r"(next), "=&r"(fail)
				      : "r"(&c->freelist), "r"(offset)
				      : "memory"
				      : empty);
	if (!obj)
		__builtin_unreachable();	/* the asm took the empty exit */
	return obj;
empty:
	return NULL;
}

/* Push obj (of slab) when slab is c's slab, the list is not empty and obj is not its head (a
 * double free, which the full path reports). */
static __always_inline bool cpu_freelist_push(struct kmem_cache_cpu *c, struct page *slab,
					      void *obj, unsigned long offset)
{
	void *head, *cur;

	__asm__ volatile goto("1:	lr.d	%0, (%2)\n"
			      "	beqz	%0, %l[declined]\n"
			      "	beq	%0, %3, %l[declined]\n"
			      "	ld	%1, %6(%2)\n"
			      "	bne	%1, %4, %l[declined]\n"
			      "	add	%1, %3, %5\n"
			      "	sd	%0, 0(%1)\n"
			      "	sc.d	%1, %3, (%2)\n"
			      "	bnez	%1, 1b\n"
			      : "=&r"(head), "=&r"(cur)
			      : "r"(&c->freelist), "r"(obj), "r"(slab), "r"(offset),
			        "i"(offsetof(struct kmem_cache_cpu, slab))
			      : "memory"
			      : declined);
	return true;
declined:
	return false;
}
#else
static __always_inline struct kmem_cache_cpu *this_cpu_slab(struct kmem_cache *s)
{
	return &s->cpu_slab[smp_processor_id()];
}

void *cpu_freelist_pop(struct kmem_cache_cpu *c, unsigned long offset);
bool cpu_freelist_push(struct kmem_cache_cpu *c, struct page *slab, void *obj, unsigned long offset);
#endif
_Static_assert(offsetof(struct kmem_cache_cpu, freelist) == 0, "the LR/SC takes c as the address");
_Static_assert(offsetof(struct kmem_cache, cpu_slab) == 0, "this_cpu_slab() adds to s");

static __always_inline void *slab_alloc_fast(struct kmem_cache *s)
{
	return cpu_freelist_pop(this_cpu_slab(s), s->offset);
}

static __always_inline bool slab_free_fast(struct kmem_cache *s, struct page *slab, void *obj)
{
	return cpu_freelist_push(this_cpu_slab(s), slab, obj, s->offset);
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
		spin_unlock(&c->lock);
		local_irq_restore(flags);
	} else {
		obj = __slab_alloc(s, gfp, node, c, flags);
		if (!obj)
			return NULL;
	}
	if (unlikely(slab_debug(s)))
		alloc_debug_processing(s, obj, caller);
	if (unlikely(s->flags & SLAB_ACCOUNT) && !memcg_slab_post_alloc_hook(s, obj, gfp, caller))
		return NULL;
	if (unlikely(gfp & __GFP_ZERO))
		slab_zero(s, obj);
	return obj;
}

static __always_inline void slab_free(struct kmem_cache *s, struct page *slab, void *obj, unsigned long caller)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;

	if (unlikely(slab_debug(s)) && !free_debug_processing(s, obj, caller))
		return;
	if (unlikely(s->flags & SLAB_ACCOUNT))
		memcg_slab_free_hook(s, slab, obj);
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
		spin_unlock(&c->lock);
		local_irq_restore(flags);
		return;
	}
	slab_free_slow(s, c, slab, obj, caller, flags);
}

#endif
