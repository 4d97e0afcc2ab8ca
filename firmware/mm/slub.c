// SPDX-License-Identifier: BSD-2-Clause
/*
 * SLUB-like slab allocator (Linux mm/slub.c in structure and names).
 *
 * A slab is a page block of s->order from the page allocator, cut into s->objects objects of
 * s->size bytes; its head struct page holds the cache, the freelist of objects no hart owns, and
 * the inuse/objects/frozen counters. Each hart owns at most one "frozen" slab per cache
 * (kmem_cache_cpu) and allocates from a private freelist taken from it; frees to that slab from
 * the same hart go back on the private list. Each hart also keeps a short list of frozen partial
 * slabs (Linux's CONFIG_SLUB_CPU_PARTIAL): a slab its free finds full goes there rather than to
 * the node list, and refills take from there first. Everything else (frees to other slabs,
 * refills, deactivation) takes the node's list_lock.
 *
 * Fast path: Linux's lockless this_cpu_cmpxchg_double on (freelist, tid) needs a double-word CAS,
 * which RV64 lacks. The equivalent used here is one LR/SC pair on the freelist word, with neither
 * a lock nor interrupt masking (mm/slab.h says why no tid is needed). Everything else on a cpu
 * slab (refills, deactivation, a remote flush or count) holds its lock with interrupts off. The
 * firmware never migrates work between harts, so smp_processor_id() stays valid.
 *
 * Debug caches (SLAB_DEBUG_FLAGS) never keep a cpu slab: each allocation takes one object and
 * hands the slab back, so every allocation and free of theirs passes the checks under the node
 * lock, and the fast paths need no debug test (they find an empty freelist and a foreign slab).
 *
 * Lock order: kmem_cache_cpu.lock -> kmem_cache_node.list_lock, both with interrupts off. Pages go
 * back to the page allocator only after interrupts are restored (its zeroing hook wants them on).
 */
#include <stdarg.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/shrinker.h>
#include <mm/memcontrol.h>
#include "internal.h"
#include "slab.h"

/* Debug metadata after the free pointer (SLAB_DEBUG_FLAGS caches). */
struct slab_track {
	unsigned long state;
	unsigned long alloc_caller;
	unsigned long free_caller;
};
#define OBJ_FREE	0xf7eeb10cf7eeb10cUL
#define OBJ_ALLOCATED	0xa110ca7eda110ca7UL

#define SLAB_VALID_FLAGS (SLAB_DEBUG_FLAGS | SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_PANIC | \
			  SLAB_RECLAIM_ACCOUNT | SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT)
#define SLAB_MIN_OBJECTS 16
#define CACHE_LINE 64

unsigned long slab_bad_count;
bool slub_debug;
unsigned long slab_pfn_span __cache_hot;

static LIST_HEAD(slab_caches);
/* Linux's slab_mutex: serialises create, destroy and walks of slab_caches. Held with interrupts on
 * (a walk may shrink, which frees pages), so those calls are refused in interrupt context. */
static spinlock_t slab_mutex = SPIN_LOCK_UNLOCKED;
/* The cache of struct kmem_cache itself: static, since nothing can allocate it before it exists. */
static struct kmem_cache kmem_cache_boot;

void slab_report(const struct kmem_cache *s, const void *obj, unsigned long caller,
		 const char *fmt, ...)
{
	static unsigned long reported;
	unsigned long n;
	char msg[160];
	va_list ap;

	__atomic_add_fetch(&slab_bad_count, 1, __ATOMIC_RELAXED);
	n = __atomic_fetch_add(&reported, 1, __ATOMIC_RELAXED);
	if (n >= 64 && (n & 1023))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("BUG %s: %s: object %p (caller %#lx)\n", s ? s->name : "kmalloc", msg, obj, caller);
}

static inline struct slab_track *get_track(const struct kmem_cache *s, void *obj)
{
	return (struct slab_track *)((char *)obj + s->meta);
}

/* ---------------------------------------------------------------- debugging */

static void init_object(const struct kmem_cache *s, void *obj, bool active)
{
	u8 *p = obj;

	if ((s->flags & SLAB_POISON) && !active) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE) {
		u8 val = active ? SLUB_RED_ACTIVE : SLUB_RED_INACTIVE;

		memset(p - s->red_left_pad, val, s->red_left_pad);
		memset(p + s->object_size, val, s->red_end - s->object_size);
	}
}

/* First byte of [start, end) of obj (offsets from the object: the left red zone's are negative)
 * that is not `value`, restored to it after a report. */
static void check_bytes(const struct kmem_cache *s, void *obj, int start, int end, u8 value,
			unsigned long caller, const char *what)
{
	u8 *p = obj;

	for (int i = start; i < end; i++) {
		if (p[i] == value)
			continue;
		slab_report(s, obj, caller, "%s (byte %d is %#x, expected %#x)", what, i, p[i], value);
		memset(p + start, value, (size_t)(end - start));
		return;
	}
}

/* Both red zones of obj, which must hold `value`. */
static void check_red_zones(const struct kmem_cache *s, void *obj, u8 value, unsigned long caller,
			    bool active)
{
	check_bytes(s, obj, -(int)s->red_left_pad, 0, value, caller, active ?
		    "left red zone overwritten: write before the start of the object" :
		    "left red zone of a free object overwritten");
	check_bytes(s, obj, (int)s->object_size, (int)s->red_end, value, caller, active ?
		    "red zone overwritten: write past the end of the object" :
		    "red zone of a free object overwritten");
}

void alloc_debug_processing(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct slab_track *t = get_track(s, obj);

	if (t->state != OBJ_FREE)
		slab_report(s, obj, caller, "object on the freelist is not marked free (state %#lx)",
			    t->state);
	if (s->flags & SLAB_POISON) {
		check_bytes(s, obj, 0, (int)s->object_size - 1, POISON_FREE, t->free_caller,
			    "use after free: poison overwritten");
		check_bytes(s, obj, (int)s->object_size - 1, (int)s->object_size, POISON_END,
			    t->free_caller, "use after free: poison end overwritten");
	}
	if (s->flags & SLAB_RED_ZONE)
		check_red_zones(s, obj, SLUB_RED_INACTIVE, caller, false);
	init_object(s, obj, true);
	t->state = OBJ_ALLOCATED;
	t->alloc_caller = caller;
}

/* False (after a report) when obj must not go back on a freelist. */
bool free_debug_processing(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct slab_track *t = get_track(s, obj);
	unsigned long old = OBJ_ALLOCATED;

	/* A compare-and-swap, so two harts freeing the same object can't both succeed. */
	if (!__atomic_compare_exchange_n(&t->state, &old, OBJ_FREE, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_RELAXED)) {
		if (old == OBJ_FREE)
			slab_report(s, obj, caller, "double free (first freed by %#lx)", t->free_caller);
		else
			slab_report(s, obj, caller, "free of an object whose metadata is corrupted "
				    "(state %#lx): not freed", old);
		return false;
	}
	if (s->flags & SLAB_RED_ZONE)
		check_red_zones(s, obj, SLUB_RED_ACTIVE, caller, true);
	t->free_caller = caller;
	init_object(s, obj, false);
	return true;
}

#ifndef __riscv
/* The host's stand-ins for the LR/SC fast paths (mm/slab.h): the same outcomes under c->lock. */
void *cpu_freelist_pop(struct kmem_cache_cpu *c, unsigned long offset)
{
	unsigned long flags;
	void *obj;

	local_irq_save(flags);
	spin_lock(&c->lock);
	obj = c->freelist;
	if (obj)
		c->freelist = *(void **)((char *)obj + offset);
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	return obj;
}

bool cpu_freelist_push(struct kmem_cache_cpu *c, struct page *slab, void *obj, unsigned long offset)
{
	unsigned long flags;
	bool done = false;

	local_irq_save(flags);
	spin_lock(&c->lock);
	if (c->freelist && c->freelist != obj && c->slab == slab) {
		*(void **)((char *)obj + offset) = c->freelist;
		c->freelist = obj;
		done = true;
	}
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	return done;
}
#endif

/* ---------------------------------------------------------------- slab pages */

static gfp_t slab_page_gfp(const struct kmem_cache *s, gfp_t gfp)
{
	/* Zone and mobility come from the cache; objects are zeroed one by one, not the slab. A
	 * slab's objects serve every group, so its page is charged to none: __GFP_ACCOUNT is not
	 * passed on (Linux charges objects, obj_cgroup; not done here, docs/mm.md), and a charged
	 * page's memcg_data would share its word with slab->frozen. */
	gfp &= ~(GFP_ZONEMASK | GFP_MOVABLE_MASK | __GFP_ZERO | __GFP_COMP | __GFP_ACCOUNT);
	return gfp | s->allocflags;
}

static struct page *new_slab(struct kmem_cache *s, gfp_t gfp, int node)
{
	gfp_t flags = slab_page_gfp(s, gfp);
	struct kmem_cache_node *n;
	unsigned long irqf;
	struct page *slab;
	u8 *base, *p;

	struct mem_cgroup **objcgs = NULL;

	if (unlikely(s->flags & SLAB_ACCOUNT)) {
		/* Linux memcg_alloc_slab_cgroups: the vector comes from an unaccounted kmalloc
		 * class, so no recursion (allocated with the slab here, not on its first charge). */
		objcgs = kcalloc(s->objects, sizeof(*objcgs), gfp & ~(GFP_ZONEMASK | GFP_MOVABLE_MASK |
						__GFP_ZERO | __GFP_COMP | __GFP_ACCOUNT | __GFP_RECLAIMABLE));
		if (!objcgs)
			return NULL;
	}
	slab = node == NUMA_NO_NODE ? alloc_pages(flags, s->order)
				    : alloc_pages_node(node, flags, s->order);
	if (!slab) {
		kfree(objcgs);
		return NULL;
	}
	slab->memcg_objcgs = objcgs;
	SetPageSlab(slab);
	slab->slab_cache = s;
	slab->objects = (u16)s->objects;
	slab->inuse = 0;
	slab->frozen = 0;
	base = (u8 *)slab_address(slab) + s->red_left_pad;
	for (unsigned int i = 0; i < s->objects; i++) {
		p = base + (unsigned long)i * s->size;
		if (slab_debug(s)) {
			struct slab_track *t = get_track(s, p);

			t->state = OBJ_FREE;
			t->alloc_caller = t->free_caller = 0;
			init_object(s, p, false);
		}
		if (s->ctor)
			s->ctor(p);
		set_freepointer(s, p, i + 1 < s->objects ? p + s->size : NULL);
	}
	slab->freelist = base;
	/* Under list_lock like every other update of nr_slabs: an atomic add here would race with
	 * their plain decrements. */
	n = &s->node[page_to_nid(slab)];
	spin_lock_irqsave(&n->list_lock, irqf);
	n->nr_slabs++;
	spin_unlock_irqrestore(&n->list_lock, irqf);
	return slab;
}

/* Back to the page allocator; the caller has taken the slab off every list and counter. */
void discard_slab(struct kmem_cache *s, struct page *slab)
{
	__ClearPageSlab(slab);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	slab->_mapcount = -1;
	slab->frozen = 0;
	if (s->flags & SLAB_ACCOUNT) {
		kfree(slab->memcg_objcgs);
		slab->memcg_objcgs = NULL;
	}
	__free_pages(slab, s->order);
}

static void discard_list(struct kmem_cache *s, struct list_head *list)
{
	struct page *slab, *t;

	list_for_each_entry_safe(slab, t, list, lru) {
		list_del(&slab->lru);
		discard_slab(s, slab);
	}
}

/* Give the hart's slab back: its private freelist returns to the slab, which goes on the partial
 * list (free objects left), nowhere (full), or to `discard` (empty beyond min_partial). */
static void deactivate_slab(struct kmem_cache *s, struct kmem_cache_cpu *c, struct list_head *discard)
{
	struct page *slab = c->slab;
	struct kmem_cache_node *n;
	void *fl, *next;

	/* c may be another hart's, whose fast paths don't take c->lock: an AMO takes its list, and
	 * its pushes check c->slab after their LR. */
	WRITE_ONCE(c->slab, NULL);
	fl = __atomic_exchange_n(&c->freelist, NULL, __ATOMIC_ACQ_REL);
	if (!slab)
		return;
	n = &s->node[page_to_nid(slab)];
	spin_lock(&n->list_lock);
	for (; fl; fl = next) {
		next = get_freepointer(s, fl);
		set_freepointer(s, fl, slab->freelist);
		slab->freelist = fl;
		slab->inuse--;
	}
	slab->frozen = 0;
	if (slab->inuse == 0 && n->nr_partial >= s->min_partial) {
		n->nr_slabs--;
		list_add(&slab->lru, discard);
	} else if (slab->freelist) {
		list_add(&slab->lru, &n->partial);
		n->nr_partial++;
	}
	spin_unlock(&n->list_lock);
}

/* Linux's __unfreeze_partials: c's partial slabs (c locked) back to their nodes' lists, or to
 * `discard` when empty beyond min_partial. */
static void unfreeze_partials(struct kmem_cache *s, struct kmem_cache_cpu *c,
			      struct list_head *discard)
{
	struct page *slab, *t;

	list_for_each_entry_safe(slab, t, &c->partial, lru) {
		struct kmem_cache_node *n = &s->node[page_to_nid(slab)];

		list_del(&slab->lru);
		spin_lock(&n->list_lock);
		slab->frozen = 0;
		if (slab->inuse == 0 && n->nr_partial >= s->min_partial) {
			n->nr_slabs--;
			list_add(&slab->lru, discard);
		} else if (slab->freelist) {
			list_add_tail(&slab->lru, &n->partial);
			n->nr_partial++;
		}
		spin_unlock(&n->list_lock);
	}
	c->partial_slabs = 0;
}

/* Linux's put_cpu_partial: a frozen slab on no list onto c's partial list (c locked); a full
 * list first goes back to the nodes whole. */
static void put_cpu_partial(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab,
			    struct list_head *discard)
{
	if (c->partial_slabs >= s->cpu_partial_slabs)
		unfreeze_partials(s, c, discard);
	list_add(&slab->lru, &c->partial);
	c->partial_slabs++;
}

/* Make slab (frozen or taken off n's list, n locked) this hart's slab. */
static void load_slab(struct kmem_cache_cpu *c, struct page *slab)
{
	c->slab = slab;
	c->freelist = slab->freelist;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	slab->frozen = 1;
}

/* The first slab of c's partial list on `node` (any for NUMA_NO_NODE) as this hart's slab. */
static bool get_cpu_partial(struct kmem_cache *s, struct kmem_cache_cpu *c, int node)
{
	struct page *slab;

	list_for_each_entry(slab, &c->partial, lru) {
		struct kmem_cache_node *n = &s->node[page_to_nid(slab)];

		if (node != NUMA_NO_NODE && page_to_nid(slab) != node)
			continue;
		list_del(&slab->lru);
		c->partial_slabs--;
		/* Under the node lock: other harts free into a frozen slab's freelist. */
		spin_lock(&n->list_lock);
		load_slab(c, slab);
		spin_unlock(&n->list_lock);
		return true;
	}
	return false;
}

/* Make a partial slab of node n this hart's slab; as Linux's get_partial_node, more of them go to
 * the hart's partial list while it is under half full, for the refills after this one. */
static bool get_partial_node(struct kmem_cache *s, struct kmem_cache_node *n,
			     struct kmem_cache_cpu *c)
{
	struct page *slab;

	spin_lock(&n->list_lock);
	if (list_empty(&n->partial)) {
		spin_unlock(&n->list_lock);
		return false;
	}
	slab = list_first_entry(&n->partial, struct page, lru);
	list_del(&slab->lru);
	n->nr_partial--;
	load_slab(c, slab);
	while (!list_empty(&n->partial) && c->partial_slabs < s->cpu_partial_slabs / 2) {
		slab = list_first_entry(&n->partial, struct page, lru);
		list_move(&slab->lru, &c->partial);
		n->nr_partial--;
		slab->frozen = 1;
		c->partial_slabs++;
	}
	spin_unlock(&n->list_lock);
	return true;
}

/* Objects other harts freed to our frozen slab meanwhile. */
static void *take_remote_frees(struct kmem_cache *s, struct page *slab)
{
	struct kmem_cache_node *n = &s->node[page_to_nid(slab)];
	void *fl;

	spin_lock(&n->list_lock);
	fl = slab->freelist;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	spin_unlock(&n->list_lock);
	return fl;
}

/*
 * Slow path, entered with c locked and interrupts off (saved in flags): refill the private
 * freelist from remote frees, a partial slab, or a new slab. Returns with c unlocked and
 * interrupts restored. A new slab is allocated with interrupts restored, as Linux does.
 */
void *__slab_alloc(struct kmem_cache *s, gfp_t gfp, int node, struct kmem_cache_cpu *c,
			  unsigned long flags)
{
	int local = node == NUMA_NO_NODE ? numa_node_id() : node;
	struct page *slab;
	LIST_HEAD(discard);
	void *obj;

	if (c->slab && (node == NUMA_NO_NODE || page_to_nid(c->slab) == node) &&
	    (c->freelist = take_remote_frees(s, c->slab)))
		goto load;
	deactivate_slab(s, c, &discard);
	if (get_cpu_partial(s, c, node) || get_partial_node(s, &s->node[local], c))
		goto load;
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	discard_list(s, &discard);

	slab = new_slab(s, gfp, node);
	local_irq_save(flags);
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	if (!slab) {
		/* Out of pages here: another node's partial slabs are better than failing. */
		for (int nid = 0; nid < MAX_NUMNODES && node == NUMA_NO_NODE; nid++)
			if (nid != local && get_partial_node(s, &s->node[nid], c))
				goto load;
		spin_unlock(&c->lock);
		local_irq_restore(flags);
		if (!(gfp & __GFP_NOWARN))
			printk("SLUB: unable to allocate a slab for cache %s (order %u, gfp %#x)\n",
			       s->name, s->order, gfp);
		return NULL;
	}
	/* An interrupt handler on this hart may have installed a slab meanwhile. */
	deactivate_slab(s, c, &discard);
	load_slab(c, slab);
load:
	obj = c->freelist;
	c->freelist = get_freepointer(s, obj);
	c->alloc_slow++;
	/* Accounted caches keep no cpu slab either: their objects never reach the fast paths,
	 * which need no memcg test then (they find an empty freelist and a foreign slab). */
	if (unlikely(slab_debug(s) || (s->flags & SLAB_ACCOUNT)))
		deactivate_slab(s, c, &discard);
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	discard_list(s, &discard);
	return obj;
}

/* ---------------------------------------------------------------- memcg (SLAB_ACCOUNT) */

static unsigned int obj_to_index(const struct kmem_cache *s, const struct page *slab,
				 const void *obj)
{
	unsigned long off = (unsigned long)obj - (unsigned long)slab_address(slab) - s->red_left_pad;

	return (unsigned int)((off * s->reciprocal_size) >> 32);
}

/* Linux memcg_slab_post_alloc_hook (charge first there, in memcg_slab_pre_alloc_hook; after the
 * object here, which changes nothing a caller sees): charge obj's size to current's group and
 * record the group in the slab's vector. False when the charge was refused (obj stays allocated:
 * the caller frees it). */
bool memcg_slab_charge_obj(struct kmem_cache *s, void *obj, gfp_t gfp)
{
	struct page *slab = virt_to_head_page(obj);
	struct mem_cgroup *memcg;
	int err;

	memcg = memcg_obj_charge(gfp, s->size, &err);
	if (err)
		return false;
	__atomic_store_n(&slab->memcg_objcgs[obj_to_index(s, slab, obj)], memcg, __ATOMIC_RELEASE);
	return true;
}

bool memcg_slab_post_alloc_hook(struct kmem_cache *s, void *obj, gfp_t gfp, unsigned long caller)
{
	if (likely(memcg_slab_charge_obj(s, obj, gfp)))
		return true;
	slab_free(s, virt_to_head_page(obj), obj, caller);
	return false;
}

/* Linux memcg_slab_free_hook: the object's charge goes back. An exchange, so a double free (which
 * slab_free reports next) never uncharges twice. */
void memcg_slab_free_hook(struct kmem_cache *s, struct page *slab, void *obj)
{
	struct mem_cgroup *memcg = __atomic_exchange_n(&slab->memcg_objcgs[obj_to_index(s, slab, obj)],
						       NULL, __ATOMIC_ACQ_REL);

	memcg_obj_uncharge(memcg, s->size);
}

static __noinline void memcg_slab_free_bulk_hook(struct kmem_cache *s, size_t nr, void **p)
{
	for (size_t i = 0; i < nr; i++) {
		struct page *slab = p[i] ? slab_page_fast(p[i]) : NULL;

		if (slab && slab->slab_cache == s)
			memcg_slab_free_hook(s, slab, p[i]);
	}
}

void slab_zero(struct kmem_cache *s, void *obj)
{
	unsigned int sz = s->object_size;

	/* Whole naturally aligned pages go through the zeroing hook, so pgaccel can serve them. */
	if (sz >= PAGE_SIZE && !(sz & (sz - 1)) && IS_ALIGNED((unsigned long)obj, sz))
		mm_zero_pages(virt_to_page(obj), get_order(sz));
	else
		memset(obj, 0, sz);
}

/* The rare gfp cases, out of the fast path: false when the request must fail. */
bool slab_pre_alloc_check(struct kmem_cache *s, gfp_t *gfp, unsigned long caller)
{
	if (*gfp & GFP_SLAB_BUG_MASK) {
		printk("warning: slab %s: unexpected gfp %#x (%#x dropped: slab memory is lowmem)\n",
		       s->name, *gfp, *gfp & GFP_SLAB_BUG_MASK);
		__atomic_add_fetch(&mm_bad_gfp_count, 1, __ATOMIC_RELAXED);
		*gfp &= ~GFP_SLAB_BUG_MASK;
	}
	if ((*gfp & __GFP_ZERO) && s->ctor) {
		slab_report(s, NULL, caller, "__GFP_ZERO on a cache with a constructor would undo it");
		return false;
	}
	return true;
}

/* A NULL cache is reported rather than dereferenced. */
static bool cache_missing(const struct kmem_cache *s, const char *who, unsigned long caller)
{
	if (likely(s))
		return false;
	slab_report(NULL, NULL, caller, "%s with a NULL cache", who);
	return true;
}

static __noinline void *kmem_cache_alloc_full(struct kmem_cache *s, gfp_t gfp, unsigned long caller)
{
	if (cache_missing(s, "kmem_cache_alloc", caller))
		return NULL;
	return slab_alloc_node(s, gfp, NUMA_NO_NODE, caller);
}

__fastpath_leaf void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	if (likely(s && !(gfp & SLAB_FAST_GFP_EXCLUDE))) {
		void *obj = slab_alloc_fast(s);

		if (likely(obj))
			return obj;
	}
	return kmem_cache_alloc_full(s, gfp, leaf_ret_ip());
}

/* kmalloc() with a size and flags the compiler knew: s is a kmalloc-NORMAL class, whose free
 * pointer sits at offset 0 (no constructor; debug caches never fill the freelist). */
__fastpath_leaf void *__kmalloc_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	void *obj = cpu_freelist_pop(this_cpu_slab(s), 0);

	if (likely(obj))
		return obj;
	return kmem_cache_alloc_full(s, gfp, leaf_ret_ip());
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfp, int node)
{
	if (cache_missing(s, "kmem_cache_alloc_node", _RET_IP_))
		return NULL;
	if (node != NUMA_NO_NODE && (node < 0 || node >= MAX_NUMNODES || !node_data[node].online)) {
		slab_report(s, NULL, _RET_IP_, "allocation on node %d, which is not online", node);
		return NULL;
	}
	return slab_alloc_node(s, gfp, node, _RET_IP_);
}

/* ---------------------------------------------------------------- free */

struct page *slab_check_free_slow(struct kmem_cache *s, const void *obj, const char *who,
				  unsigned long caller)
{
	struct page *slab;

	if (unlikely(!virt_addr_valid(obj))) {
		slab_report(s, obj, caller, "%s of a pointer outside the direct map", who);
		return NULL;
	}
	slab = virt_to_head_page(obj);
	if (unlikely(!PageSlab(slab))) {
		slab_report(s, obj, caller, "%s of a pointer that is not a slab object", who);
		return NULL;
	}
	if (unlikely(s && slab->slab_cache != s)) {
		slab_report(s, obj, caller, "%s of an object of cache %s", who, slab->slab_cache->name);
		return NULL;
	}
	if (unlikely(!obj_in_slab(slab->slab_cache, slab, obj))) {
		slab_report(slab->slab_cache, obj, caller, "%s of a pointer into the middle of an object",
			    who);
		return NULL;
	}
	return slab;
}

/* Free to a slab this hart does not own, with this hart's c locked and interrupts off; slabs to
 * give back to the page allocator go on `discard`. */
void __slab_free(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab, void *obj,
		 unsigned long caller, struct list_head *discard)
{
	struct kmem_cache_node *n = &s->node[page_to_nid(slab)];
	void *prior;

	spin_lock(&n->list_lock);
	prior = slab->freelist;
	if (unlikely(obj == prior || slab->inuse == 0)) {
		spin_unlock(&n->list_lock);
		slab_report(s, obj, caller, "double free");
		return;
	}
	set_freepointer(s, obj, prior);
	slab->freelist = obj;
	slab->inuse--;
	if (slab->frozen) {
		/* Its hart collects it with take_remote_frees(), from its partial list, or on
		 * deactivation. */
		spin_unlock(&n->list_lock);
		return;
	}
	if (!prior && s->cpu_partial_slabs) {
		/* Was full, so on no list: frozen onto this hart's partial list (Linux), even when
		 * this free emptied it; an unfreeze sorts that out. */
		slab->frozen = 1;
		spin_unlock(&n->list_lock);
		put_cpu_partial(s, c, slab, discard);
		return;
	}
	if (slab->inuse == 0 && n->nr_partial - (prior != NULL) >= s->min_partial) {
		if (prior) {
			list_del(&slab->lru);
			n->nr_partial--;
		}
		n->nr_slabs--;
		spin_unlock(&n->list_lock);
		list_add(&slab->lru, discard);
		return;
	}
	if (!prior) {
		/* Was full: now it has a free object. */
		list_add_tail(&slab->lru, &n->partial);
		n->nr_partial++;
	}
	spin_unlock(&n->list_lock);
}

/* slab_free()'s slow half: entered with c locked and interrupts off (saved in flags). */
void slab_free_slow(struct kmem_cache *s, struct kmem_cache_cpu *c, struct page *slab, void *obj,
		    unsigned long caller, unsigned long flags)
{
	LIST_HEAD(discard);

	c->free_slow++;
	__slab_free(s, c, slab, obj, caller, &discard);
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	discard_list(s, &discard);
}

static __noinline void kmem_cache_free_full(struct kmem_cache *s, void *obj, unsigned long caller)
{
	struct page *slab;

	if (unlikely(!obj) || cache_missing(s, "kmem_cache_free", caller))
		return;
	slab = slab_page_fast(obj);
	if (unlikely(!slab || slab->slab_cache != s))
		slab = slab_check_free_slow(s, obj, "kmem_cache_free", caller);
	if (likely(slab))
		slab_free(s, slab, obj, caller);
}

__fastpath_leaf void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *slab = slab_page_fast(obj);	/* NULL for NULL */

	if (likely(slab && slab->slab_cache == s && slab_free_fast(s, slab, obj)))
		return;
	kmem_cache_free_full(s, obj, leaf_ret_ip());
}

/* ---------------------------------------------------------------- bulk */

int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t gfp, size_t nr, void **p)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	size_t i = 0;

	if (cache_missing(s, "kmem_cache_alloc_bulk", _RET_IP_))
		return 0;
	if (unlikely(gfp & (GFP_SLAB_BUG_MASK | __GFP_ZERO)) && !slab_pre_alloc_check(s, &gfp, _RET_IP_))
		return 0;
	while (i < nr) {
		local_irq_save(flags);
		c = &s->cpu_slab[smp_processor_id()];
		spin_lock(&c->lock);
		while (i < nr && c->freelist) {
			p[i] = c->freelist;
			c->freelist = get_freepointer(s, p[i++]);
		}
		if (i == nr) {
			spin_unlock(&c->lock);
			local_irq_restore(flags);
			break;
		}
		p[i] = __slab_alloc(s, gfp, NUMA_NO_NODE, c, flags);
		if (!p[i])
			break;
		i++;
	}
	for (size_t k = 0; k < i; k++) {
		if (unlikely(slab_debug(s)))
			alloc_debug_processing(s, p[k], _RET_IP_);
		if (unlikely(gfp & __GFP_ZERO))
			slab_zero(s, p[k]);
	}
	if (i < nr) {
		kmem_cache_free_bulk(s, i, p);
		return 0;
	}
	/* One test per call, not per object: the unaccounted bulk loop stays as it was. */
	if (unlikely(s->flags & SLAB_ACCOUNT))
		for (size_t k = 0; k < nr; k++)
			if (!memcg_slab_charge_obj(s, p[k], gfp)) {
				/* The uncharged ones free like the charged: their entry is NULL. */
				kmem_cache_free_bulk(s, nr, p);
				return 0;
			}
	return (int)nr;
}

void kmem_cache_free_bulk(struct kmem_cache *s, size_t nr, void **p)
{
	struct kmem_cache_cpu *c;
	unsigned long flags;
	LIST_HEAD(discard);

	if (cache_missing(s, "kmem_cache_free_bulk", _RET_IP_))
		return;
	/* Uncharge first, outside the per-object loop (one test per call); pointers that are no
	 * object of s are left to the loop's reports. */
	if (unlikely(s->flags & SLAB_ACCOUNT))
		memcg_slab_free_bulk_hook(s, nr, p);
	local_irq_save(flags);
	c = &s->cpu_slab[smp_processor_id()];
	spin_lock(&c->lock);
	for (size_t i = 0; i < nr; i++) {
		void *obj = p[i];
		struct page *slab;

		if (unlikely(!obj))
			continue;
		slab = slab_page_fast(obj);
		if (unlikely(!slab || slab->slab_cache != s))
			slab = slab_check_free_slow(s, obj, "kmem_cache_free_bulk", _RET_IP_);
		if (unlikely(!slab))
			continue;
		if (unlikely(slab_debug(s)) && !free_debug_processing(s, obj, _RET_IP_))
			continue;
		if (likely(slab == c->slab && obj != c->freelist)) {
			set_freepointer(s, obj, c->freelist);
			c->freelist = obj;
			continue;
		}
		c->free_slow++;
		__slab_free(s, c, slab, obj, _RET_IP_, &discard);
	}
	spin_unlock(&c->lock);
	local_irq_restore(flags);
	discard_list(s, &discard);
}

/* ---------------------------------------------------------------- shrink, info */

static void flush_cpu_slab(struct kmem_cache *s, unsigned int cpu, struct list_head *discard)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&c->lock);
	deactivate_slab(s, c, discard);
	unfreeze_partials(s, c, discard);
	spin_unlock(&c->lock);
	local_irq_restore(flags);
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *slab, *t;
	unsigned long flags;
	LIST_HEAD(discard);
	int freed = 0;

	if (cache_missing(s, "kmem_cache_shrink", _RET_IP_))
		return 0;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		flush_cpu_slab(s, cpu, &discard);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];

		local_irq_save(flags);
		spin_lock(&n->list_lock);
		list_for_each_entry_safe(slab, t, &n->partial, lru) {
			if (slab->inuse)
				continue;
			list_move(&slab->lru, &discard);
			n->nr_partial--;
			n->nr_slabs--;
		}
		spin_unlock(&n->list_lock);
		local_irq_restore(flags);
	}
	list_for_each_entry(slab, &discard, lru)
		freed++;
	discard_list(s, &discard);
	return freed;
}

static unsigned long count_list(const struct kmem_cache *s, void *fl)
{
	unsigned long nr = 0;

	for (; fl; fl = get_freepointer(s, fl))
		nr++;
	return nr;
}

void kmem_cache_get_info(struct kmem_cache *s, struct slabinfo *si)
{
	unsigned long flags, free_objs = 0;
	struct page *slab;

	memset(si, 0, sizeof(*si));
	if (cache_missing(s, "kmem_cache_get_info", _RET_IP_))
		return;
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

		void *fl;

		/* Borrowed with an AMO while it is counted: the owner's fast paths find the list
		 * empty and queue on c->lock meanwhile; an LR/SC of theirs around the swap fails. */
		local_irq_save(flags);
		spin_lock(&c->lock);
		fl = __atomic_exchange_n(&c->freelist, NULL, __ATOMIC_ACQ_REL);
		free_objs += count_list(s, fl);
		__atomic_store_n(&c->freelist, fl, __ATOMIC_RELEASE);
		if (c->slab) {
			struct kmem_cache_node *n = &s->node[page_to_nid(c->slab)];

			spin_lock(&n->list_lock);
			free_objs += count_list(s, c->slab->freelist);
			spin_unlock(&n->list_lock);
		}
		list_for_each_entry(slab, &c->partial, lru) {
			struct kmem_cache_node *n = &s->node[page_to_nid(slab)];

			spin_lock(&n->list_lock);
			free_objs += count_list(s, slab->freelist);
			spin_unlock(&n->list_lock);
			si->cpu_partial++;
		}
		si->alloc_slow += c->alloc_slow;
		si->free_slow += c->free_slow;
		spin_unlock(&c->lock);
		local_irq_restore(flags);
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];

		local_irq_save(flags);
		spin_lock(&n->list_lock);
		si->num_slabs += n->nr_slabs;
		si->nr_partial += n->nr_partial;
		list_for_each_entry(slab, &n->partial, lru)
			free_objs += slab->objects - slab->inuse;
		spin_unlock(&n->list_lock);
		local_irq_restore(flags);
	}
	si->num_objs = si->num_slabs * s->objects;
	si->active_objs = si->num_objs - free_objs;
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s ? s->object_size : 0;
}

/* ---------------------------------------------------------------- create, destroy */

static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = CACHE_LINE;

		/* Small objects share a line rather than each taking one (Linux's rule). */
		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	return ALIGN(max(align, (unsigned int)sizeof(void *)), sizeof(void *));
}

/* Smallest order with SLAB_MIN_OBJECTS objects (or any, from PAGE_ALLOC_COSTLY_ORDER on) and at
 * most 1/8 of the slab wasted; larger objects get the smallest order that fits one. */
static unsigned int calculate_order(unsigned int size)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order, objs = bytes / size;

		if (!objs || objs > 0xffff)
			continue;
		if ((objs >= SLAB_MIN_OBJECTS || order >= PAGE_ALLOC_COSTLY_ORDER) &&
		    bytes - objs * size <= bytes / 8)
			return order;
	}
	return get_order(size);
}

static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, (unsigned int)sizeof(void *));

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);	/* at least one word of red zone */
	s->red_end = (s->flags & SLAB_RED_ZONE) ? size : s->object_size;
	/* The free pointer lives outside the object when poisoning or a constructor must keep all of
	 * the object's bytes while it is free. */
	if (slab_debug(s) || s->ctor) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = 0;
	}
	s->meta = size;
	if (slab_debug(s))
		size += sizeof(struct slab_track);
	/* Linux's left red zone: a pad before each object, as large as the alignment needs (at least
	 * a word), so an underflow hits guard bytes rather than the previous object's metadata. The
	 * offsets above stay relative to the object. */
	s->red_left_pad = 0;
	if (s->flags & SLAB_RED_ZONE)
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
	s->size = ALIGN(size + s->red_left_pad, s->align);
	s->order = calculate_order(s->size);
	s->objects = (unsigned int)((PAGE_SIZE << s->order) / s->size);
	s->reciprocal_size = ((1ULL << 32) + s->size - 1) / s->size;
}

/* Linux's set_cpu_partial (6.1): objects a hart may hold in partial slabs by object size, as
 * twice that many objects' worth of slabs (slub_set_cpu_partial). Debug caches keep none: every
 * free and allocation of theirs passes the node lock. */
static unsigned int cpu_partial_slabs(const struct kmem_cache *s)
{
	unsigned int nr_objects;

	if (slab_debug(s) || (s->flags & SLAB_ACCOUNT))
		return 0;
	if (s->size >= PAGE_SIZE)
		nr_objects = 6;
	else if (s->size >= 1024)
		nr_objects = 24;
	else if (s->size >= 256)
		nr_objects = 52;
	else
		nr_objects = 120;
	return DIV_ROUND_UP(nr_objects * 2, s->objects);
}

static void init_kmem_cache(struct kmem_cache *s, const char *name, unsigned int size,
			    unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->flags = flags;
	s->debug = flags & SLAB_DEBUG_FLAGS;
	s->object_size = size;
	s->ctor = ctor;
	s->align = calculate_alignment(flags, align, size);
	calculate_sizes(s);
	s->min_partial = 5;
	s->allocflags = s->order ? __GFP_COMP : 0;
	if (flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	s->cpu_partial_slabs = cpu_partial_slabs(s);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		spin_lock_init(&s->cpu_slab[cpu].lock);
		INIT_LIST_HEAD(&s->cpu_slab[cpu].partial);
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		spin_lock_init(&s->node[nid].list_lock);
		INIT_LIST_HEAD(&s->node[nid].partial);
	}
}

static const char *kmem_cache_bad_args(const char *name, unsigned int size, unsigned int align,
				       slab_flags_t flags, void (*ctor)(void *))
{
	if (!name || !*name)
		return "no name";
	if (!size || size > KMALLOC_MAX_SIZE)
		return "object size must be 1 .. KMALLOC_MAX_SIZE";
	if (align & (align - 1) || align > PAGE_SIZE)
		return "align must be 0 or a power of two up to PAGE_SIZE";
	if (flags & ~SLAB_VALID_FLAGS)
		return "unknown flags";
	if (flags & SLAB_TYPESAFE_BY_RCU)
		return "SLAB_TYPESAFE_BY_RCU is not supported (Pagoda has no RCU grace periods)";
	if ((flags & SLAB_POISON) && ctor)
		return "SLAB_POISON would overwrite what the constructor set up";
	return NULL;
}

static bool cache_registered(const struct kmem_cache *s)
{
	struct list_head *pos;

	/* list_for_each, not _entry: the list head is no 64-byte aligned struct kmem_cache. */
	list_for_each(pos, &slab_caches)
		if (list_entry(pos, struct kmem_cache, list) == s)
			return true;
	return false;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	const char *why = kmem_cache_bad_args(name, size, align, flags, ctor);
	struct kmem_cache *s = NULL;

	if (!why && in_interrupt())
		why = "called from interrupt context";
	if (!why) {
		s = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
		if (!s)
			why = "out of memory";
	}
	if (why) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create(%s): %s", name ? name : "(null)", why);
		printk("error: kmem_cache_create(%s, size %u, align %u, flags %#x): %s\n",
		       name ? name : "(null)", size, align, flags, why);
		return NULL;
	}
	init_kmem_cache(s, name, size, align, flags, ctor);
	spin_lock(&slab_mutex);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock(&slab_mutex);
	return s;
}

int kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long irqf, live = 0, slabs = 0;
	struct page *slab;

	if (!s)
		return 0;
	if (in_interrupt()) {
		slab_report(s, NULL, _RET_IP_, "kmem_cache_destroy from interrupt context: refused");
		return SLAB_EINVAL;
	}
	spin_lock(&slab_mutex);
	if (!cache_registered(s) || s == &kmem_cache_boot) {
		spin_unlock(&slab_mutex);
		slab_report(NULL, s, _RET_IP_, "kmem_cache_destroy of something that is not a cache");
		return SLAB_EINVAL;
	}
	kmem_cache_shrink(s);
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = &s->node[nid];

		spin_lock_irqsave(&n->list_lock, irqf);
		slabs += n->nr_slabs;
		live += (n->nr_slabs - n->nr_partial) * s->objects;
		list_for_each_entry(slab, &n->partial, lru)
			live += slab->inuse;
		spin_unlock_irqrestore(&n->list_lock, irqf);
	}
	if (slabs) {
		spin_unlock(&slab_mutex);
		__atomic_add_fetch(&slab_bad_count, 1, __ATOMIC_RELAXED);
		printk("BUG %s: kmem_cache_destroy: Slab cache still has objects (%lu live in %lu "
		       "slabs): not destroyed (caller %#lx)\n", s->name, live, slabs, _RET_IP_);
		return SLAB_EBUSY;
	}
	list_del(&s->list);
	spin_unlock(&slab_mutex);
	kmem_cache_free(&kmem_cache_boot, s);
	return 0;
}

int kmem_cache_for_each(int (*fn)(struct kmem_cache *s, void *arg), void *arg)
{
	struct list_head *pos;
	int r = 0;

	if (in_interrupt())
		return SLAB_EINVAL;
	spin_lock(&slab_mutex);
	list_for_each(pos, &slab_caches)
		if ((r = fn(list_entry(pos, struct kmem_cache, list), arg)))
			break;
	spin_unlock(&slab_mutex);
	return r;
}

/*
 * The slab caches' shrinker: its objects are the pages of slabs that a shrink would free (empty
 * slabs on the node lists, and the harts' cpu slabs, which a flush may find empty). The scan
 * shrinks caches until nr_to_scan pages are freed; direct reclaim counts them as progress (Linux's
 * reclaimed_slab). Trylocks, so a reclaim entered while this hart creates or destroys a cache (or
 * walks them) skips the caches instead of deadlocking.
 */
static unsigned long slab_shrink_count(struct shrinker *sh, struct shrink_control *sc)
{
	unsigned long nr = 0, flags;
	struct list_head *pos;
	struct page *slab;

	(void)sh;
	(void)sc;
	if (!spin_trylock(&slab_mutex))
		return 0;
	list_for_each(pos, &slab_caches) {
		struct kmem_cache *s = list_entry(pos, struct kmem_cache, list);

		for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
			struct kmem_cache_cpu *c = &s->cpu_slab[cpu];

			spin_lock_irqsave(&c->lock, flags);
			nr += (unsigned long)(c->slab != NULL) << s->order;
			list_for_each_entry(slab, &c->partial, lru) {
				struct kmem_cache_node *n = &s->node[page_to_nid(slab)];

				spin_lock(&n->list_lock);
				nr += (unsigned long)(slab->inuse == 0) << s->order;
				spin_unlock(&n->list_lock);
			}
			spin_unlock_irqrestore(&c->lock, flags);
		}
		for (int nid = 0; nid < MAX_NUMNODES; nid++) {
			struct kmem_cache_node *n = &s->node[nid];

			spin_lock_irqsave(&n->list_lock, flags);
			list_for_each_entry(slab, &n->partial, lru)
				nr += (unsigned long)(slab->inuse == 0) << s->order;
			spin_unlock_irqrestore(&n->list_lock, flags);
		}
	}
	spin_unlock(&slab_mutex);
	return nr ? nr : SHRINK_EMPTY;
}

static unsigned long slab_shrink_scan(struct shrinker *sh, struct shrink_control *sc)
{
	struct list_head *pos;
	unsigned long freed = 0;

	(void)sh;
	if (!spin_trylock(&slab_mutex))
		return SHRINK_STOP;
	list_for_each(pos, &slab_caches) {
		struct kmem_cache *s = list_entry(pos, struct kmem_cache, list);

		freed += (unsigned long)kmem_cache_shrink(s) << s->order;
		if (freed >= sc->nr_to_scan)
			break;
	}
	spin_unlock(&slab_mutex);
	return freed;
}

static struct shrinker slab_shrinker = {
	.count_objects = slab_shrink_count,
	.scan_objects = slab_shrink_scan,
	.seeks = DEFAULT_SEEKS,
};

static int slabinfo_line(struct kmem_cache *s, void *arg)
{
	struct slabinfo si;

	(void)arg;
	kmem_cache_get_info(s, &si);
	printk("%-20s %8lu %8lu %7u %6u %4u %7lu %10lu %9lu\n", s->name, si.active_objs,
	       si.num_objs, s->size, s->objects, 1u << s->order, si.num_slabs, si.alloc_slow,
	       si.free_slow);
	return 0;
}

void slabinfo_show(void)
{
	printk("# name              active_objs num_objs objsize objper pages   slabs "
	       "alloc_slow free_slow\n");
	kmem_cache_for_each(slabinfo_line, NULL);
}

/* A cache whose struct the caller provides (kmalloc's, from memblock at boot). */
void create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size, slab_flags_t flags)
{
	const char *why = kmem_cache_bad_args(name, size, 0, flags, NULL);

	if (why)
		panic("create_boot_cache(%s): %s", name, why);
	init_kmem_cache(s, name, size, 0, flags, NULL);
	list_add_tail(&s->list, &slab_caches);
}

void kmem_cache_init(void)
{
	/* Slabs come from lowmem only (GFP_SLAB_BUG_MASK): slab_page_fast() tests one bound. */
	slab_pfn_span = max_low_pfn > mem_map_base_pfn ?
			min(mem_map_nr, max_low_pfn - mem_map_base_pfn) : 0;
	slab_bad_count = 0;
	spin_lock_init(&slab_mutex);
	INIT_LIST_HEAD(&slab_caches);
	init_kmem_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0,
			SLAB_HWCACHE_ALIGN, NULL);
	list_add_tail(&kmem_cache_boot.list, &slab_caches);
	kmalloc_init();
	if (register_shrinker(&slab_shrinker, "slab-empty-slabs"))
		panic("slab: no shrinker");
}
