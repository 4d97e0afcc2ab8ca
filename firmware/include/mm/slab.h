// SPDX-License-Identifier: BSD-2-Clause
/* The slab allocator (SLUB-like) and the kmalloc family, with Linux's names, flag values and
 * behaviours; the differences are listed in docs/mm.md ("Slab caches", "kmalloc"). */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <pagoda/types.h>
#include <pagoda/list.h>
#include <pagoda/spinlock.h>
#include <pagoda/smp.h>
#include <mm/mm.h>

typedef unsigned int slab_flags_t;

/* Linux's bit values. */
#define SLAB_CONSISTENCY_CHECKS	0x00000100u	/* state word per object: any double free is caught */
#define SLAB_RED_ZONE		0x00000400u	/* guard bytes around each object, checked */
#define SLAB_POISON		0x00000800u	/* free objects hold 0x6b..0xa5, checked on alloc */
#define SLAB_HWCACHE_ALIGN	0x00002000u	/* align objects on a cache line */
#define SLAB_CACHE_DMA		0x00004000u	/* slab pages from ZONE_DMA */
#define SLAB_STORE_USER		0x00010000u	/* remember the last allocating and freeing caller */
#define SLAB_PANIC		0x00040000u	/* creation failure is fatal */
#define SLAB_TYPESAFE_BY_RCU	0x00080000u	/* refused: Pagoda has no RCU */
#define SLAB_RECLAIM_ACCOUNT	0x00020000u	/* slab pages are __GFP_RECLAIMABLE */
#define SLAB_ACCOUNT		0x04000000u	/* every object charged to the allocating task's memcg */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* Debug patterns (Linux include/linux/poison.h). */
#define POISON_FREE		0x6b	/* a free object's bytes */
#define POISON_END		0xa5	/* a free object's last byte */
#define SLUB_RED_INACTIVE	0xbb	/* red zone of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zone of an allocated object */

#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)	/* largest slab-backed class: 8 KiB */
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
/* The largest kmalloc: one order-(MAX_ORDER-1) compound block (4 MiB), as Linux's SLUB. */
#define KMALLOC_SHIFT_MAX	(MAX_ORDER - 1 + PAGE_SHIFT)
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
/* kmalloc(0) returns this: not NULL (no failure), but faults if dereferenced on a real kernel. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define SLAB_EINVAL	(-22)
#define SLAB_EBUSY	(-16)

/* The per-hart slab and its private freelist. freelist comes first: the fast paths reach it at
 * offset 0 of s->cpu_slab[cpu] (an LR/SC needs the address in a register, without an offset).
 * The owning hart pops and pushes lock-free (mm/slab.h); everything else (refills, deactivation,
 * a remote flush or count) holds lock with interrupts off. */
struct kmem_cache_cpu {
	void *freelist;			/* free objects of `slab`, usable by this hart only */
	struct page *slab;		/* frozen: its objects belong to this hart */
	spinlock_t lock;
	unsigned int partial_slabs;	/* on `partial` */
	/* The fast paths count nothing (Linux without CONFIG_SLUB_STATS). */
	unsigned long alloc_slow, free_slow;
	/* Frozen slabs with free objects held for this hart's next refills (Linux's
	 * CONFIG_SLUB_CPU_PARTIAL): slabs a free of this hart found full, and extra slabs taken
	 * from the node list with a refill. Other harts free into them under the node lock. */
	struct list_head partial;
} __aligned(64);

struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial;	/* slabs with free objects that no hart owns */
	unsigned long nr_slabs;		/* all slabs of this node, frozen and full included */
};

struct kmem_cache {
	struct kmem_cache_cpu cpu_slab[NR_CPUS];
	const char *name;
	slab_flags_t flags;
	bool debug;			/* any SLAB_DEBUG_FLAGS: the fast paths step aside */
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* stride: object + red zone + metadata, aligned */
	unsigned int align;
	unsigned int offset;		/* free pointer's offset inside the stride */
	unsigned int red_end;		/* end of the red zone (= object_size without SLAB_RED_ZONE) */
	unsigned int red_left_pad;	/* left red zone before each object, or 0 */
	unsigned int meta;		/* state word and callers (debug caches) */
	unsigned int order;		/* slab page order */
	unsigned int objects;		/* per slab */
	unsigned int min_partial;	/* empty slabs kept per node before freeing them */
	unsigned int cpu_partial_slabs;	/* most slabs on a hart's partial list (0: none, debug) */
	u64 reciprocal_size;		/* ceil(2^32 / size): object index without a division */
	gfp_t allocflags;		/* __GFP_RECLAIMABLE, GFP_DMA, __GFP_COMP */
	void (*ctor)(void *);
	struct list_head list;		/* slab_caches */
	struct kmem_cache_node node[MAX_NUMNODES];
};

/* Returns NULL with a printed reason on bad arguments (bad size/align/flags, RCU, POISON with a
 * constructor) unless SLAB_PANIC, which panics. */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
/* 0, or SLAB_EBUSY with a loud report while objects are live (the cache then stays usable). */
int kmem_cache_destroy(struct kmem_cache *s);
/* Give every empty slab back to the page allocator; returns the number of slabs freed. */
int kmem_cache_shrink(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node);
static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t gfp)
{
	return kmem_cache_alloc(s, gfp | __GFP_ZERO);
}
void kmem_cache_free(struct kmem_cache *s, void *obj);
/* All nr objects or none (returns nr or 0), as Linux. */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t gfp, size_t nr, void **p);
void kmem_cache_free_bulk(struct kmem_cache *s, size_t nr, void **p);
unsigned int kmem_cache_size(struct kmem_cache *s);

/* kmalloc: power-of-two classes 8..8 KiB plus 96 and 192; larger requests up to KMALLOC_MAX_SIZE
 * are compound pages; beyond that NULL with a report. GFP_DMA requests use the dma-kmalloc-*
 * classes. */
/* KMALLOC_CGROUP: the kmalloc-cg-* classes (SLAB_ACCOUNT) for __GFP_ACCOUNT requests (Linux
 * 5.14+), so charged and uncharged objects never share a slab. */
enum kmalloc_cache_type { KMALLOC_NORMAL, KMALLOC_RECLAIM, KMALLOC_DMA, KMALLOC_CGROUP,
			  NR_KMALLOC_TYPES };
extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

_Static_assert(KMALLOC_SHIFT_HIGH == 13, "__kmalloc_index knows classes up to 8 KiB");
/* Class index of a size known at compile time (Linux's kmalloc_index): 96 and 192 are 1 and 2. */
static __always_inline unsigned int __kmalloc_index(size_t size)
{
	if (size <= 8) return 3;
	if (size <= 16) return 4;
	if (size <= 32) return 5;
	if (size <= 64) return 6;
	if (size <= 96) return 1;
	if (size <= 128) return 7;
	if (size <= 192) return 2;
	if (size <= 256) return 8;
	if (size <= 512) return 9;
	if (size <= 1024) return 10;
	if (size <= 2048) return 11;
	if (size <= 4096) return 12;
	return 13;
}

/* gfp bits that a kmalloc-NORMAL fast path can't serve (zeroing, other zones, bad bits, and
 * __GFP_ACCOUNT, whose requests go to the kmalloc-cg-* classes: one constant mask, no new test). */
#define KMALLOC_NOT_FAST_GFP	(__GFP_ZERO | __GFP_DMA | __GFP_DMA32 | __GFP_RECLAIMABLE | \
				 __GFP_HIGHMEM | __GFP_MOVABLE | __GFP_ACCOUNT | ~__GFP_BITS_MASK)

void *__kmalloc(size_t size, gfp_t gfp);
/* kmalloc from a kmalloc-NORMAL class, gfp free of KMALLOC_NOT_FAST_GFP (mm/slub.c). */
void *__kmalloc_cache_alloc(struct kmem_cache *s, gfp_t gfp);

/* As Linux: a size and flags known at compile time pick the cache there, so the call goes
 * straight to the per-hart freelist; anything else takes the table lookup in __kmalloc(). */
static __always_inline void *kmalloc(size_t size, gfp_t gfp)
{
	if (__builtin_constant_p(size) && __builtin_constant_p(gfp) && size &&
	    size <= KMALLOC_MAX_CACHE_SIZE && !(gfp & KMALLOC_NOT_FAST_GFP))
		return __kmalloc_cache_alloc(kmalloc_caches[KMALLOC_NORMAL][__kmalloc_index(size)],
					     gfp);
	return __kmalloc(size, gfp);
}
void *kmalloc_node(size_t size, gfp_t gfp, int node);
static inline void *kzalloc(size_t size, gfp_t gfp) { return kmalloc(size, gfp | __GFP_ZERO); }
void *kmalloc_array(size_t n, size_t size, gfp_t gfp);	/* NULL with a report on overflow */
static inline void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kmalloc_array(n, size, gfp | __GFP_ZERO);
}
void *krealloc(const void *p, size_t new_size, gfp_t gfp);
size_t ksize(const void *p);
void kfree(const void *p);
/* The cache that serves kmalloc(size, gfp), NULL above KMALLOC_MAX_CACHE_SIZE. */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t gfp);

/* kvmalloc (mm/util.c): kmalloc first (for more than a page with __GFP_NORETRY | __GFP_NOWARN:
 * fail fast rather than press the allocator for a contiguous block), then vmalloc. Requests whose
 * gfp is not GFP_KERNEL-compatible (atomic, NOIO, NOFS) get kmalloc only, as vmalloc's own page
 * tables are allocated with GFP_KERNEL. kvfree frees either kind by its address. */
void *kvmalloc_node(size_t size, gfp_t gfp, int node);
static inline void *kvmalloc(size_t size, gfp_t gfp) { return kvmalloc_node(size, gfp, NUMA_NO_NODE); }
static inline void *kvzalloc(size_t size, gfp_t gfp) { return kvmalloc(size, gfp | __GFP_ZERO); }
void *kvmalloc_array(size_t n, size_t size, gfp_t gfp);	/* NULL with a report on overflow */
static inline void *kvcalloc(size_t n, size_t size, gfp_t gfp)
{
	return kvmalloc_array(n, size, gfp | __GFP_ZERO);
}
void kvfree(const void *p);

/* Observability. */
struct slabinfo {
	unsigned long active_objs, num_objs, num_slabs, nr_partial;
	unsigned long cpu_partial;	/* slabs on the harts' partial lists */
	unsigned long alloc_slow, free_slow;
};
void kmem_cache_get_info(struct kmem_cache *s, struct slabinfo *si);
void slabinfo_show(void);
/* Walk every cache under slab_mutex (fn may shrink, not create or destroy); stops when fn returns
 * nonzero. kmem_cache_create/destroy and this walk are refused in interrupt context. */
int kmem_cache_for_each(int (*fn)(struct kmem_cache *s, void *arg), void *arg);

/* Reports (bad frees, double frees, red zone and poison damage), each counted here. */
extern unsigned long slab_bad_count;
extern bool slub_debug;		/* bootarg slub_debug: every kmalloc cache gets the debug flags */

void kmem_cache_init(void);	/* from mm_init, once the page allocator runs */

#endif
