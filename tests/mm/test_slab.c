// SPDX-License-Identifier: BSD-2-Clause
/* cmocka unit tests of the slab allocator and kmalloc (firmware/mm/slub.c, slab_common.c) on the
 * host build of the page allocator. Expected sizes, orders and classes are computed here from
 * Linux's rules, not read back from the allocator; every error case checks that it was reported
 * (slab_bad_count and the message naming the cache) and that nothing changed. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mm/slab.h>
#include <mm/shrinker.h>
#include "mmt.h"
#include "printk_capture.h"

extern __thread unsigned int host_irq_depth;

static void boot(const char *args, int nodes, unsigned long mib)
{
	struct mmt_cfg c = { args, nodes, mib, true };

	unlisten();
	host_printk_enabled = 0;
	host_cpu_id = 0;
	assert_int_equal(mmt_boot(&c), 0);
}

static unsigned long free_now(void)
{
	drain_all_pages(NULL);
	return global_free_pages();
}

/* Free pages once the kmem_cache cache has its slab (a destroyed cache's struct goes back to that
 * slab, which stays as an empty partial slab), so create + destroy balances against this. */
static unsigned long free_baseline(void)
{
	assert_int_equal(kmem_cache_destroy(kmem_cache_create("warm", 8, 0, 0, NULL)), 0);
	return free_now();
}

static void check_invariants(void)
{
	struct mmt_model m;
	char err[160];

	/* Slab pages are allocated pages the page-level model doesn't own: only the zone checks. */
	assert_int_equal(mm_verify(err, sizeof(err)), 0);
	(void)m;
}

static int count_cache(struct kmem_cache *s, void *arg)
{
	(void)s;
	(*(int *)arg)++;
	return 0;
}

static int nr_caches(void)
{
	int n = 0;

	kmem_cache_for_each(count_cache, &n);
	return n;
}

static unsigned long active(struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_get_info(s, &si);
	return si.active_objs;
}

/* ------------------------------------------------------------------ kmem_cache_create */

static void t_create_bad_args(void **state)
{
	static void (*ctor)(void *) = (void (*)(void *))free;
	unsigned long bad;
	int n;

	(void)state;
	boot("", 1, 32);
	n = nr_caches();
	listen();
	assert_null(kmem_cache_create(NULL, 32, 0, 0, NULL));
	assert_null(kmem_cache_create("", 32, 0, 0, NULL));
	assert_null(kmem_cache_create("zero", 0, 0, 0, NULL));
	assert_null(kmem_cache_create("huge", KMALLOC_MAX_SIZE + 1, 0, 0, NULL));
	assert_null(kmem_cache_create("align3", 32, 3, 0, NULL));
	assert_null(kmem_cache_create("align8k", 32, 8192, 0, NULL));
	assert_null(kmem_cache_create("flags", 32, 0, 0x1, NULL));
	assert_null(kmem_cache_create("rcu", 32, 0, SLAB_TYPESAFE_BY_RCU, NULL));
	assert_non_null(strstr(said, "SLAB_TYPESAFE_BY_RCU is not supported"));
	assert_null(kmem_cache_create("poisonctor", 32, 0, SLAB_POISON, ctor));
	host_irq_depth = 1;			/* not from an interrupt handler */
	assert_null(kmem_cache_create("irq", 32, 0, 0, NULL));
	host_irq_depth = 0;
	assert_non_null(strstr(said, "kmem_cache_create(irq, size 32, align 0, flags 0): called from interrupt context"));
	unlisten();
	assert_int_equal(nr_caches(), n);	/* nothing registered */
	/* A NULL cache is reported by every entry point, never dereferenced. */
	{
		void *v[2] = { NULL, NULL };
		struct slabinfo si;

		bad = slab_bad_count;
		assert_null(kmem_cache_alloc(NULL, GFP_KERNEL));
		assert_null(kmem_cache_alloc_node(NULL, GFP_KERNEL, 0));
		assert_int_equal(kmem_cache_alloc_bulk(NULL, GFP_KERNEL, 2, v), 0);
		kmem_cache_free_bulk(NULL, 2, v);
		assert_int_equal(kmem_cache_shrink(NULL), 0);
		kmem_cache_get_info(NULL, &si);
		assert_int_equal(si.num_objs, 0);
		v[0] = kmalloc(32, GFP_KERNEL);
		kmem_cache_free(NULL, v[0]);	/* reported, not freed */
		assert_int_equal(slab_bad_count, bad + 7);
		assert_int_equal(ksize(v[0]), 32);
		kfree(v[0]);
		assert_int_equal(kmem_cache_size(NULL), 0);
	}
	/* Destroy of something that is not a cache: reported, nothing happens. */
	bad = slab_bad_count;
	assert_int_equal(kmem_cache_destroy((struct kmem_cache *)&n), SLAB_EINVAL);
	assert_int_equal(slab_bad_count, bad + 1);
	assert_int_equal(kmem_cache_destroy(NULL), 0);
	{
		struct kmem_cache *s = kmem_cache_create("ok", 32, 0, 0, NULL);

		host_irq_depth = 1;
		assert_int_equal(kmem_cache_destroy(s), SLAB_EINVAL);
		host_irq_depth = 0;
		assert_int_equal(nr_caches(), n + 1);
		assert_int_equal(kmem_cache_destroy(s), 0);
		assert_int_equal(nr_caches(), n);
	}
}

/* Linux's calculate_alignment() and SLUB's sizes, worked by hand. */
static void t_create_layout(void **state)
{
	struct kmem_cache *a, *b, *c, *d, *e;
	void *o[3];

	(void)state;
	boot("", 1, 32);
	a = kmem_cache_create("a24", 24, 0, 0, NULL);
	b = kmem_cache_create("hw40", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	c = kmem_cache_create("hw20", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	d = kmem_cache_create("al128", 10, 128, 0, NULL);
	e = kmem_cache_create("odd", 13, 0, 0, NULL);
	assert_true(a && b && c && d && e);
	assert_int_equal(a->size, 24);
	assert_int_equal(b->size, 64);	/* 40 > 32: a whole line */
	assert_int_equal(c->size, 32);	/* 20 <= 32: half a line */
	assert_int_equal(d->size, 128);
	assert_int_equal(e->size, 16);
	assert_int_equal(kmem_cache_size(e), 13);
	/* Orders: smallest with >= 16 objects and <= 1/8 waste. 24 B: order 0 (170 objects). */
	assert_int_equal(a->order, 0);
	assert_int_equal(a->objects, 4096 / 24);
	for (int i = 0; i < 3; i++) {
		o[i] = kmem_cache_alloc(b, GFP_KERNEL);
		assert_non_null(o[i]);
		assert_int_equal((unsigned long)o[i] % 64, 0);
	}
	for (int i = 0; i < 3; i++) {
		o[i] = kmem_cache_alloc(d, GFP_KERNEL);
		assert_int_equal((unsigned long)o[i] % 128, 0);
	}
}

static void t_orders(void **state)
{
	static const struct { unsigned int size, order, objects; } want[] = {
		{ 8, 0, 512 }, { 96, 0, 42 }, { 192, 0, 21 }, { 256, 0, 16 }, { 512, 1, 16 },
		{ 1024, 2, 16 }, { 2048, 3, 16 }, { 4096, 3, 8 }, { 8192, 3, 4 },
		{ 20000, 4, 3 },	/* order 3 would waste 12768 of 32768 bytes */
	};

	(void)state;
	boot("", 1, 32);
	for (unsigned int i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct kmem_cache *s = kmem_cache_create("o", want[i].size, 0, 0, NULL);
		void *p;
		struct page *head;

		assert_non_null(s);
		assert_int_equal(s->order, want[i].order);
		assert_int_equal(s->objects, want[i].objects);
		p = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(p);
		head = compound_head(virt_to_page(p));
		assert_true(PageSlab(head));
		assert_int_equal(compound_order(head), want[i].order);
		assert_int_equal(head->alloc_order, want[i].order);
		kmem_cache_free(s, p);
		assert_int_equal(kmem_cache_destroy(s), 0);
	}
}

/* ------------------------------------------------------------------ alloc / free */

static void t_alloc_free(void **state)
{
	enum { N = 1000 };
	static u8 *o[N];
	struct kmem_cache *s;
	struct slabinfo si;
	unsigned long before;

	(void)state;
	boot("", 1, 32);
	before = free_baseline();
	s = kmem_cache_create("t100", 100, 0, 0, NULL);
	for (int i = 0; i < N; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(o[i]);
		memset(o[i], i & 0xff, 100);
	}
	/* Distinct, non-overlapping: every object still holds its own pattern. */
	for (int i = 0; i < N; i++)
		for (int k = 0; k < 100; k++)
			assert_int_equal(o[i][k], i & 0xff);
	assert_int_equal(active(s), N);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.num_slabs, (N + 38) / 39);	/* 104-byte stride: 39 per page, order 0 */
	for (int i = 0; i < N; i += 2)
		kmem_cache_free(s, o[i]);
	assert_int_equal(active(s), N / 2);
	for (int i = 1; i < N; i += 2)
		kmem_cache_free(s, o[i]);
	assert_int_equal(active(s), 0);
	/* The per-hart fast path: a free then an alloc on the same hart is LIFO and fast. */
	kmem_cache_get_info(s, &si);
	o[0] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, o[0]);
	o[1] = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(o[0], o[1]);
	{
		struct slabinfo s2;

		kmem_cache_get_info(s, &s2);
		/* Neither call left the fast path (the fast paths count nothing themselves). */
		assert_int_equal(s2.alloc_slow, si.alloc_slow);
		assert_int_equal(s2.free_slow, si.free_slow);
	}
	kmem_cache_free(s, o[1]);
	assert_int_equal(kmem_cache_destroy(s), 0);
	assert_int_equal(free_now(), before);
	assert_int_equal(slab_bad_count, 0);
	check_invariants();
}

static int ctor_calls;
static void ctor(void *p)
{
	ctor_calls++;
	memset(p, 0x5c, 48);
}

static void t_ctor(void **state)
{
	struct kmem_cache *s;
	u8 *p, *q;
	unsigned long bad;

	(void)state;
	boot("", 1, 32);
	ctor_calls = 0;
	s = kmem_cache_create("ctor48", 48, 0, 0, ctor);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	/* Constructed once per object when the slab is made (SLUB), not per allocation. */
	assert_int_equal(ctor_calls, s->objects);
	for (int k = 0; k < 48; k++)
		assert_int_equal(p[k], 0x5c);
	kmem_cache_free(s, p);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(p, q);
	/* The free pointer lives outside the object: the constructed state survives a free. */
	for (int k = 0; k < 48; k++)
		assert_int_equal(q[k], 0x5c);
	assert_int_equal(ctor_calls, s->objects);
	bad = slab_bad_count;
	listen();
	assert_null(kmem_cache_zalloc(s, GFP_KERNEL));
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	assert_non_null(strstr(said, "ctor48"));
	assert_int_equal(active(s), 1);
	kmem_cache_free(s, q);
}

static int zero_calls, zero_order;
static void count_zero(struct page *page, unsigned int order)
{
	zero_calls++;
	zero_order = (int)order;
	mm_sw_zero_pages(page, order);
}
static const struct mm_zero_ops counting_zero = { "count", count_zero, NULL, NULL, NULL, NULL, NULL };

static void t_zeroing(void **state)
{
	static const struct { size_t size; int calls, order; } want[] = {
		{ 100, 0, -1 }, { 2048, 0, -1 }, { 4096, 1, 0 }, { 8192, 1, 1 }, { 65536, 1, 4 },
		{ 50000, 1, 4 },
	};
	struct kmem_cache *s;
	u8 *p;

	(void)state;
	boot("", 1, 32);
	mm_register_zero_ops(&counting_zero);
	for (unsigned int i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		size_t n = want[i].size;

		p = kmalloc(n, GFP_KERNEL);
		memset(p, 0xff, n);
		kfree(p);
		zero_calls = 0;
		zero_order = -1;
		p = kzalloc(n, GFP_KERNEL);
		assert_non_null(p);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[k], 0);
		assert_int_equal(zero_calls, want[i].calls);
		assert_int_equal(zero_order, want[i].order);
		kfree(p);
	}
	s = kmem_cache_create("z40", 40, 0, 0, NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	memset(p, 0xee, 40);
	kmem_cache_free(s, p);
	p = kmem_cache_zalloc(s, GFP_KERNEL);
	for (int k = 0; k < 40; k++)
		assert_int_equal(p[k], 0);
	kmem_cache_free(s, p);
	p = kcalloc(10, 12, GFP_KERNEL);
	for (int k = 0; k < 120; k++)
		assert_int_equal(p[k], 0);
	kfree(p);
	mm_register_zero_ops(NULL);
}

static void t_bulk(void **state)
{
	static void *o[300];
	struct kmem_cache *s;
	unsigned long before;

	(void)state;
	boot("", 1, 32);
	before = free_baseline();
	s = kmem_cache_create("bulk64", 64, 0, 0, NULL);
	assert_int_equal(kmem_cache_alloc_bulk(s, GFP_KERNEL, 300, o), 300);
	for (int i = 0; i < 300; i++) {
		assert_non_null(o[i]);
		assert_true(PageSlab(compound_head(virt_to_page(o[i]))));
		for (int j = 0; j < i; j++)
			assert_ptr_not_equal(o[i], o[j]);
	}
	assert_int_equal(active(s), 300);
	kmem_cache_free_bulk(s, 300, o);
	assert_int_equal(active(s), 0);
	assert_int_equal(kmem_cache_alloc_bulk(s, GFP_KERNEL | __GFP_ZERO, 10, o), 10);
	for (int i = 0; i < 10; i++)
		for (int k = 0; k < 64; k++)
			assert_int_equal(((u8 *)o[i])[k], 0);
	kmem_cache_free_bulk(s, 10, o);
	assert_int_equal(kmem_cache_destroy(s), 0);
	assert_int_equal(free_now(), before);
	assert_int_equal(slab_bad_count, 0);
}

/* All or nothing: when memory runs out, a bulk request returns 0 and keeps nothing. */
static void t_bulk_fail(void **state)
{
	enum { N = 40000 };
	static void *o[N];
	struct kmem_cache *s;
	unsigned long before;

	(void)state;
	boot("", 1, 8);
	before = free_baseline();
	s = kmem_cache_create("big4k", 4096, 0, 0, NULL);
	assert_int_equal(kmem_cache_alloc_bulk(s, GFP_KERNEL | __GFP_NOWARN, N, o), 0);
	assert_int_equal(active(s), 0);
	kmem_cache_shrink(s);
	assert_int_equal(free_now(), before);
	assert_int_equal(slab_bad_count, 0);
}

static void t_shrink_destroy(void **state)
{
	enum { N = 2000 };
	static void *o[N];
	struct kmem_cache *s;
	unsigned long before, bad;
	struct slabinfo si;

	(void)state;
	boot("", 1, 32);
	before = free_baseline();
	s = kmem_cache_create("sd", 256, 0, 0, NULL);
	for (int i = 0; i < N; i++)
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 1; i < N; i++)
		kmem_cache_free(s, o[i]);
	/* Up to min_partial (5) empty slabs stay cached on the node, and up to cpu_partial_slabs on
	 * the hart's partial list (Linux's too); shrink gives them back. */
	kmem_cache_get_info(s, &si);
	assert_true(si.num_slabs >= 2 && si.num_slabs <= 7 + s->cpu_partial_slabs);
	assert_true(kmem_cache_shrink(s) >= 1);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.num_slabs, 1);
	assert_int_equal(si.active_objs, 1);
	/* Destroy with a live object: refused, loudly, and the cache keeps working. */
	bad = slab_bad_count;
	listen();
	assert_int_equal(kmem_cache_destroy(s), SLAB_EBUSY);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	assert_non_null(strstr(said, "sd: kmem_cache_destroy: Slab cache still has objects (1 live"));
	o[1] = kmem_cache_alloc(s, GFP_KERNEL);
	assert_non_null(o[1]);
	kmem_cache_free(s, o[1]);
	kmem_cache_free(s, o[0]);
	assert_int_equal(kmem_cache_destroy(s), 0);
	assert_int_equal(free_now(), before);
	check_invariants();
}

/* Memory pressure gives the slab's empty slabs back: a reclaiming request gets exactly as many pages
 * with a cache holding empty slabs as without. */
static unsigned long fill_pages(void)
{
	static struct page *got[4096];
	unsigned long n = 0;

	while (n < 4096 && (got[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	for (unsigned long i = 0; i < n; i++)
		__free_pages(got[i], 0);
	return n;
}

static void t_shrink_under_pressure(void **state)
{
	struct kmem_cache *s;
	void *o[48];
	unsigned long base, held, got;
	struct slabinfo si;

	(void)state;
	boot("", 1, 8);
	s = kmem_cache_create("pressure", 4096, 0, 0, NULL);	/* order-3 slabs of 8 */
	base = fill_pages();
	for (int i = 0; i < 48; i++)
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (int i = 0; i < 48; i++)
		kmem_cache_free(s, o[i]);
	kmem_cache_get_info(s, &si);
	held = si.num_slabs * 8;
	assert_true(held >= 40);		/* min_partial empty slabs and the cpu slab */
	got = fill_pages();
	assert_int_equal(got, base);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.num_slabs, 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
}

/* A test shrinker: `pool` freeable objects, scans logged, optionally refusing (SHRINK_STOP). */
static unsigned long pool, scans, scanned_max, scan_total;
static bool refuse;

static unsigned long pool_count(struct shrinker *sh, struct shrink_control *sc)
{
	(void)sh;
	(void)sc;
	return pool ? pool : SHRINK_EMPTY;
}

static unsigned long pool_scan(struct shrinker *sh, struct shrink_control *sc)
{
	unsigned long n = min(sc->nr_to_scan, pool);

	(void)sh;
	if (refuse)
		return SHRINK_STOP;
	scans++;
	scan_total += sc->nr_to_scan;
	scanned_max = max(scanned_max, sc->nr_to_scan);
	pool -= n;
	return n;
}

static void t_shrinker_registry(void **state)
{
	struct shrinker sh = { .count_objects = pool_count, .scan_objects = pool_scan,
			       .seeks = DEFAULT_SEEKS, .batch = 32 };
	struct shrinker bad = { .count_objects = pool_count };

	(void)state;
	boot("", 1, 8);
	/* Bad registrations are refused with a reason and change nothing. */
	listen();
	assert_int_equal(register_shrinker(&bad, "no-scan"), -22);
	assert_non_null(strstr(said, "register_shrinker(no-scan): count_objects and scan_objects"));
	unlisten();
	assert_false(bad.registered);
	assert_int_equal(register_shrinker(&sh, "pool"), 0);
	listen();
	assert_int_equal(register_shrinker(&sh, "pool"), -22);	/* twice */
	assert_non_null(strstr(said, "already registered"));
	unlisten();
	/* Priority 12 of 4096 objects: (4096 >> 12) * 4 / 2 = 2, less than a batch: no scan. */
	pool = 4096;
	scans = scan_total = scanned_max = 0;
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, DEF_PRIORITY), 0);
	assert_int_equal(scans, 0);
	/* Priority 6: 64 * 4 / 2 = 128 objects, in batches of 32. */
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 6), 128);
	assert_int_equal(scans, 4);
	assert_int_equal(scanned_max, 32);
	assert_int_equal(pool, 4096 - 128);
	/* Priority 0: at most twice the freeable count is scanned; the pool empties. */
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 4096 - 128);
	assert_int_equal(pool, 0);
	/* Fewer than a batch freeable: scanned at once (Linux's total_scan >= freeable rule). */
	pool = 5;
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 5);
	/* SHRINK_STOP ends the walk with nothing counted. */
	pool = 100;
	refuse = true;
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 0);
	assert_int_equal(pool, 100);
	refuse = false;
	/* A bad priority is refused. */
	listen();
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 13), 0);
	assert_non_null(strstr(said, "priority 13 outside"));
	unlisten();
	/* Unregistered: never called again. */
	unregister_shrinker(&sh);
	assert_false(sh.registered);
	scans = 0;
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 0);
	assert_int_equal(scans, 0);
	assert_int_equal(pool, 100);
}

/* Work a call could not do is owed to the next (Linux's nr_deferred), scaled by that call's
 * priority, per node for NUMA-aware shrinkers; a bad node is refused. */
static void t_shrinker_deferred(void **state)
{
	struct shrinker sh = { .count_objects = pool_count, .scan_objects = pool_scan,
			       .seeks = 16, .batch = 32 };

	(void)state;
	boot("", 1, 8);
	assert_int_equal(register_shrinker(&sh, "deferring"), 0);
	/* Priority 6 of 4096: (4096 >> 6) * 4 / 16 = 16, less than a batch: nothing scanned, 16
	 * owed each time. */
	pool = 4096;
	scans = scan_total = 0;
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 6), 0);
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 6), 0);
	assert_int_equal(scans, 0);
	/* Priority 0: 4096 * 4 / 16 = 1024 plus the 32 owed: 33 batches. */
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 1056);
	assert_int_equal(scans, 33);
	/* Paid: 3040 * 4 / 16 = 760 next, 23 whole batches, 24 owed again. */
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 736);
	assert_int_equal(sh.nr_deferred[0], 24);
	unregister_shrinker(&sh);

	/* NUMA aware: each node owes its own. */
	sh.flags = SHRINKER_NUMA_AWARE;
	assert_int_equal(register_shrinker(&sh, "numa"), 0);
	assert_int_equal(sh.nr_deferred[0], 0);	/* a registration starts clean */
	pool = 4096;
	assert_int_equal(shrink_slab(GFP_KERNEL, 1, 6), 0);
	assert_int_equal(sh.nr_deferred[1], 16);
	assert_int_equal(sh.nr_deferred[0], 0);
	listen();
	assert_int_equal(shrink_slab(GFP_KERNEL, MAX_NUMNODES, 0), 0);
	assert_non_null(strstr(said, "node 8 outside"));
	unlisten();
	assert_int_equal(pool, 4096);
	unregister_shrinker(&sh);
}

/* The slab caches' own shrinker: empty slabs (node lists and cpu slabs) go back through
 * shrink_slab(), and the page allocator gets their pages. */
static void t_slab_shrinker(void **state)
{
	struct kmem_cache *s;
	void *o[64];
	unsigned long before, freed;
	struct slabinfo si;

	(void)state;
	boot("", 1, 8);
	s = kmem_cache_create("shrinkme", 1024, 0, 0, NULL);
	for (int i = 0; i < 64; i++)
		assert_non_null(o[i] = kmem_cache_alloc(s, GFP_KERNEL));
	for (int i = 0; i < 64; i++)
		kmem_cache_free(s, o[i]);
	kmem_cache_get_info(s, &si);
	assert_true(si.num_slabs > 0);		/* min_partial keeps some, and the cpu slab */
	drain_all_pages(NULL);
	before = global_free_pages();
	freed = shrink_slab(GFP_KERNEL, 0, 0);
	assert_true(freed >= si.num_slabs);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.num_slabs, 0);
	drain_all_pages(NULL);
	assert_true(global_free_pages() > before);
	/* Nothing left: the next call finds nothing to do. */
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
	assert_int_equal(slab_bad_count, 0);
}

static void t_reclaimable(void **state)
{
	struct kmem_cache *r, *u;
	void *a, *b, *c;
	const struct page_owner *po;

	(void)state;
	boot("page_owner=on", 1, 32);
	r = kmem_cache_create("rcl", 128, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	u = kmem_cache_create("unm", 128, 0, 0, NULL);
	a = kmem_cache_alloc(r, GFP_KERNEL);
	b = kmem_cache_alloc(u, GFP_KERNEL);
	c = kmalloc(128, GFP_KERNEL | __GFP_RECLAIMABLE);
	po = get_page_owner(compound_head(virt_to_page(a)));
	assert_non_null(po);
	assert_true(po->gfp & __GFP_RECLAIMABLE);
	po = get_page_owner(compound_head(virt_to_page(b)));
	assert_false(po->gfp & __GFP_RECLAIMABLE);
	assert_string_equal(compound_head(virt_to_page(c))->slab_cache->name, "kmalloc-rcl-128");
	kmem_cache_free(r, a);
	kmem_cache_free(u, b);
	kfree(c);
}

/* ------------------------------------------------------------------ kmalloc */

static size_t expected_class(size_t n)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
					  8192 };

	for (unsigned int i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (n <= classes[i])
			return classes[i];
	return 0;
}

static void t_kmalloc_classes(void **state)
{
	unsigned long before;

	(void)state;
	boot("", 1, 32);
	before = free_now();
	for (size_t n = 1; n <= 8192; n += (n < 300 ? 1 : 37)) {
		void *p = kmalloc(n, GFP_KERNEL);
		size_t cls = expected_class(n);

		assert_non_null(p);
		assert_int_equal(ksize(p), cls);
		if (!(cls & (cls - 1)))
			assert_int_equal((unsigned long)p % cls, 0);	/* natural alignment */
		memset(p, 0x11, ksize(p));
		kfree(p);
	}
	for (int t = 0; t < 2; t++) {
		void *p = kmalloc(t ? 96 : 192, GFP_KERNEL);

		assert_string_equal(compound_head(virt_to_page(p))->slab_cache->name,
				    t ? "kmalloc-96" : "kmalloc-192");
		kfree(p);
	}
	/* kmalloc(0) is ZERO_SIZE_PTR: not a failure, and kfree/ksize accept it. */
	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	for (int cpu = 0; cpu < 1; cpu++) {
		struct kmem_cache *s = kmalloc_slab(64, GFP_KERNEL);

		kmem_cache_shrink(s);
	}
	assert_int_equal(slab_bad_count, 0);
	(void)before;
}

static void t_kmalloc_large(void **state)
{
	unsigned long before, bad;
	u8 *p;

	(void)state;
	boot("", 1, 32);
	before = free_now();
	p = kmalloc(8193, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(ksize(p), 16384);
	assert_false(PageSlab(virt_to_page(p)));
	assert_true(PageHead(virt_to_page(p)));
	assert_int_equal(free_now(), before - 4);
	memset(p, 1, 16384);
	kfree(p);
	assert_int_equal(free_now(), before);
	p = kmalloc(KMALLOC_MAX_SIZE, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(ksize(p), KMALLOC_MAX_SIZE);
	assert_int_equal(KMALLOC_MAX_SIZE, PAGE_SIZE << (MAX_ORDER - 1));
	kfree(p);
	bad = slab_bad_count;
	listen();
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	assert_null(kmalloc_node(SIZE_MAX, GFP_KERNEL, 0));
	unlisten();
	assert_int_equal(slab_bad_count, bad + 2);
	assert_non_null(strstr(said, "more than KMALLOC_MAX_SIZE (4194304)"));
	assert_int_equal(free_now(), before);
}

static void t_kcalloc_overflow(void **state)
{
	unsigned long bad, before;

	(void)state;
	boot("", 1, 32);
	before = free_now();
	bad = slab_bad_count;
	listen();
	assert_null(kcalloc(SIZE_MAX / 2 + 1, 2, GFP_KERNEL));
	assert_null(kcalloc(1UL << 33, 1UL << 31, GFP_KERNEL));
	assert_null(kmalloc_array(3, SIZE_MAX / 2, GFP_KERNEL));
	unlisten();
	assert_int_equal(slab_bad_count, bad + 3);
	assert_non_null(strstr(said, "overflows"));
	assert_int_equal(free_now(), before);
	/* Just below the overflow the request is simply too large. */
	assert_null(kcalloc(SIZE_MAX / 4, 2, GFP_KERNEL | __GFP_NOWARN));
}

static void t_krealloc(void **state)
{
	u8 *p, *q;
	unsigned long bad;

	(void)state;
	boot("", 1, 32);
	p = krealloc(NULL, 20, GFP_KERNEL);	/* as kmalloc */
	assert_int_equal(ksize(p), 32);
	for (int i = 0; i < 20; i++)
		p[i] = (u8)i;
	q = krealloc(p, 30, GFP_KERNEL);	/* fits: same object */
	assert_ptr_equal(p, q);
	q = krealloc(p, 5000, GFP_KERNEL);
	assert_ptr_not_equal(p, q);
	assert_int_equal(ksize(q), 8192);
	for (int i = 0; i < 20; i++)
		assert_int_equal(q[i], i);
	p = krealloc(q, 100000, GFP_KERNEL | __GFP_ZERO);	/* slab -> large */
	for (int i = 0; i < 20; i++)
		assert_int_equal(p[i], i);
	assert_int_equal(p[8192], 0);
	assert_int_equal(p[99999], 0);
	q = krealloc(p, 0, GFP_KERNEL);
	assert_ptr_equal(q, ZERO_SIZE_PTR);
	/* A failed krealloc leaves the old object alone. */
	p = kmalloc(64, GFP_KERNEL);
	p[0] = 0x42;
	bad = slab_bad_count;
	listen();
	assert_null(krealloc(p, KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	assert_int_equal(p[0], 0x42);
	assert_int_equal(ksize(p), 64);
	kfree(p);
	assert_int_equal(slab_bad_count, bad + 1);
}

/* Bad frees are reported and change nothing. */
static void t_bad_frees(void **state)
{
	struct kmem_cache *s, *t;
	struct page *pg;
	u8 *p, *q, *big;
	unsigned long bad, act;
	int on_stack;

	(void)state;
	boot("", 1, 32);
	s = kmem_cache_create("victim", 64, 0, 0, NULL);
	t = kmem_cache_create("other", 64, 0, 0, NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	q = kmalloc(128, GFP_KERNEL);
	pg = alloc_pages(GFP_KERNEL, 0);
	big = kmalloc(20000, GFP_KERNEL);
	act = active(s);
	bad = slab_bad_count;
	listen();
	kfree(page_address(pg));		/* a page, not from kmalloc */
	assert_int_equal(page_ref_count(pg), 1);
	kfree(&on_stack);			/* outside the direct map */
	kfree(q + 8);				/* middle of an object */
	kmem_cache_free(t, p);			/* wrong cache */
	assert_non_null(strstr(said, "other: kmem_cache_free of an object of cache victim"));
	kmem_cache_free(s, p + 1);
	kfree(big + PAGE_SIZE);			/* inside a large kmalloc */
	unlisten();
	assert_int_equal(slab_bad_count, bad + 6);
	assert_int_equal(active(s), act);
	assert_int_equal(ksize(q), 128);
	/* Double frees: the object at the head of a freelist, and a large kmalloc. */
	kmem_cache_free(s, p);
	bad = slab_bad_count;
	listen();
	kmem_cache_free(s, p);
	assert_non_null(strstr(said, "BUG victim: double free: object"));
	kfree(q);
	kfree(q);
	kfree(big);
	kfree(big);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 3);
	assert_int_equal(active(s), 0);
	__free_pages(pg, 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
	check_invariants();
}

/* Per-hart partial slabs (Linux's CONFIG_SLUB_CPU_PARTIAL): a free that finds a slab full puts it
 * on the freeing hart's partial list, not the node's; that hart's next refill takes it without the
 * node list; a full partial list goes back to the node whole; shrink flushes it; debug caches keep
 * none. */
static void t_cpu_partial(void **state)
{
	struct kmem_cache *s, *d;
	struct page *slab[10];
	void *o[160], *x;
	struct slabinfo si;
	int nslabs = 0;

	(void)state;
	boot("", 1, 32);
	host_nr_cpus = 2;
	s = kmem_cache_create("cpupart", 256, 0, 0, NULL);
	assert_int_equal(s->objects, 16);
	assert_int_equal(s->cpu_partial_slabs, 7);	/* DIV_ROUND_UP(52 * 2, 16) */
	/* Hart 0 fills ten slabs; the first nine are full and on no list. */
	for (int i = 0; i < 160; i++) {
		struct page *p;

		assert_non_null(o[i] = kmem_cache_alloc(s, GFP_KERNEL));
		p = virt_to_page(o[i]);	/* order-0 slabs */
		if (!nslabs || slab[nslabs - 1] != p)
			slab[nslabs++] = p;
		assert_int_equal(nslabs, i / 16 + 1);	/* in order, slab by slab */
	}
	assert_int_equal(s->node[0].nr_partial, 0);
	/* Hart 1 frees one object of slab 0: on hart 1's partial list, not the node's. */
	host_cpu_id = 1;
	kmem_cache_free(s, o[0]);
	assert_int_equal(s->cpu_slab[1].partial_slabs, 1);
	assert_int_equal(s->node[0].nr_partial, 0);
	assert_true(slab[0]->frozen);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.cpu_partial, 1);
	assert_int_equal(si.active_objs, 159);
	/* Its next refill takes that slab: the object just freed comes back. */
	x = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_equal(x, o[0]);
	assert_int_equal(s->cpu_slab[1].partial_slabs, 0);
	assert_ptr_equal(s->cpu_slab[1].slab, slab[0]);
	/* Eight more full slabs: seven fill the list, the eighth sends those seven to the node. */
	for (int k = 1; k <= 7; k++) {
		kmem_cache_free(s, o[16 * k]);
		assert_int_equal(s->cpu_slab[1].partial_slabs, k);
	}
	assert_int_equal(s->node[0].nr_partial, 0);
	kmem_cache_free(s, o[16 * 8]);
	assert_int_equal(s->cpu_slab[1].partial_slabs, 1);
	assert_int_equal(s->node[0].nr_partial, 7);
	for (int k = 1; k <= 7; k++)
		assert_false(slab[k]->frozen);
	assert_true(slab[8]->frozen);
	/* A remote free into a frozen partial slab: counted, not moved. */
	host_cpu_id = 0;
	kmem_cache_free(s, o[16 * 8 + 1]);
	assert_int_equal(s->cpu_slab[1].partial_slabs, 1);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.active_objs, 161 - 10);	/* x allocated; o[0], 8 slab heads, o[129] freed */
	/* Shrink flushes every hart's partial list. */
	kmem_cache_shrink(s);
	assert_int_equal(s->cpu_slab[1].partial_slabs, 0);
	assert_false(slab[8]->frozen);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.cpu_partial, 0);
	assert_int_equal(si.active_objs, 151);
	assert_int_equal(kmem_cache_destroy(s), SLAB_EBUSY);
	kmem_cache_free(s, x);
	for (int i = 1; i < 160; i++)
		if (i != 16 * 8 + 1 && (i % 16 || i > 16 * 8))
			kmem_cache_free(s, o[i]);
	assert_int_equal(active(s), 0);
	assert_int_equal(slab_bad_count, 1);	/* the refused destroy alone */
	assert_int_equal(kmem_cache_destroy(s), 0);
	/* Debug caches keep no partial slabs. */
	d = kmem_cache_create("cpupart-debug", 256, 0, SLAB_RED_ZONE, NULL);
	assert_int_equal(d->cpu_partial_slabs, 0);
	assert_int_equal(kmem_cache_destroy(d), 0);
	host_cpu_id = 0;
	check_invariants();
}

/* A slab that another hart owns gets frees through its page freelist; a double free there is
 * caught as well (the object is the page freelist's head). */
static void t_remote_free(void **state)
{
	struct kmem_cache *s;
	void *o[100];
	unsigned long bad;
	struct slabinfo si;

	(void)state;
	boot("", 1, 32);
	host_nr_cpus = 2;
	s = kmem_cache_create("remote", 512, 0, 0, NULL);
	for (int i = 0; i < 100; i++)
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
	host_cpu_id = 1;
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, o[i]);
	kmem_cache_get_info(s, &si);
	assert_int_equal(si.active_objs, 0);
	assert_int_equal(si.free_slow, 100);
	bad = slab_bad_count;
	listen();
	kmem_cache_free(s, o[99]);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	host_cpu_id = 0;
	/* Hart 0 takes the remote frees back into its private freelist. */
	for (int i = 0; i < 100; i++)
		assert_non_null(o[i] = kmem_cache_alloc(s, GFP_KERNEL));
	assert_int_equal(active(s), 100);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(s, o[i]);
	assert_int_equal(kmem_cache_destroy(s), 0);
	host_nr_cpus = 1;
}

/* ------------------------------------------------------------------ debugging */

static void t_red_zone(void **state)
{
	struct kmem_cache *s;
	char want[64];
	u8 *p;
	unsigned long bad;

	(void)state;
	boot("", 1, 32);
	s = kmem_cache_create("rz20", 20, 0, SLAB_RED_ZONE, NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	memset(p, 0x77, 20);			/* the object itself: fine */
	bad = slab_bad_count;
	kmem_cache_free(s, p);
	assert_int_equal(slab_bad_count, bad);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	p[21] = 0;				/* one byte past the end + 1 */
	listen();
	kmem_cache_free(s, p);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	assert_non_null(strstr(said, "BUG rz20: red zone overwritten"));
	assert_non_null(strstr(said, "byte 21"));
	/* Reported, repaired, freed: the next allocation is clean. */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p);
	assert_int_equal(slab_bad_count, bad + 1);
	/* The left red zone: one byte before the object (an underflow, p[-1]) is caught on free,
	 * the report naming the cache and the object, and repaired. */
	p = kmem_cache_alloc(s, GFP_KERNEL);
	p[-1] = 0x11;
	snprintf(want, sizeof(want), "object %p", (void *)p);
	listen();
	kmem_cache_free(s, p);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 2);
	assert_non_null(strstr(said, "BUG rz20: left red zone overwritten: write before the start"));
	assert_non_null(strstr(said, "byte -1 is 0x11"));
	assert_non_null(strstr(said, want));
	/* And while free (a stray write into a free object's left zone): caught on allocation. */
	p[-2] = 0x22;
	listen();
	p = kmem_cache_alloc(s, GFP_KERNEL);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 3);
	assert_non_null(strstr(said, "BUG rz20: left red zone of a free object overwritten"));
	/* Every object has its own: the underflow of one never touches its neighbour. */
	{
		u8 *q = kmem_cache_alloc(s, GFP_KERNEL);

		assert_true(q + s->object_size <= p - s->red_left_pad ||
			    p + s->object_size <= q - s->red_left_pad);
		kmem_cache_free(s, q);
	}
	kmem_cache_free(s, p);
	assert_int_equal(slab_bad_count, bad + 3);
	assert_int_equal(active(s), 0);
	assert_true(s->red_left_pad >= sizeof(void *));	/* at least a word, as Linux's */
}

static void t_poison_use_after_free(void **state)
{
	struct kmem_cache *s;
	u8 *p, *q;
	unsigned long bad;

	(void)state;
	boot("", 1, 32);
	s = kmem_cache_create("uaf", 64, 0, SLAB_POISON, NULL);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p);
	for (int k = 0; k < 63; k++)
		assert_int_equal(p[k], POISON_FREE);
	assert_int_equal(p[63], POISON_END);
	p[10] = 1;				/* use after free */
	bad = slab_bad_count;
	listen();
	q = kmem_cache_alloc(s, GFP_KERNEL);
	unlisten();
	assert_ptr_equal(p, q);
	assert_int_equal(slab_bad_count, bad + 1);
	assert_non_null(strstr(said, "BUG uaf: use after free: poison overwritten (byte 10"));
	kmem_cache_free(s, q);
}

static void t_debug_double_free(void **state)
{
	struct kmem_cache *s;
	void *a, *b;
	unsigned long bad;

	(void)state;
	boot("", 1, 32);
	s = kmem_cache_create("dbl", 32, 0, SLAB_CONSISTENCY_CHECKS, NULL);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	bad = slab_bad_count;
	listen();
	kmem_cache_free(s, a);			/* not at a freelist head: needs the state word */
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	assert_non_null(strstr(said, "BUG dbl: double free"));
	assert_int_equal(active(s), 0);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	assert_ptr_not_equal(a, b);		/* the freelist was not corrupted */
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	assert_int_equal(slab_bad_count, bad + 1);
}

static void t_slub_debug_bootarg(void **state)
{
	u8 *p;
	unsigned long bad;

	(void)state;
	boot("slub_debug=1", 1, 32);
	p = kmalloc(16, GFP_KERNEL);
	p[16] = 0;				/* overflow into the red zone */
	bad = slab_bad_count;
	listen();
	kfree(p);
	unlisten();
	assert_int_equal(slab_bad_count, bad + 1);
	assert_non_null(strstr(said, "BUG kmalloc-16: red zone overwritten"));
}

/* ------------------------------------------------------------------ NUMA, zones, gfp */

static void t_numa(void **state)
{
	struct kmem_cache *s;
	void *p[2][200];
	unsigned long bad;

	(void)state;
	boot("", 2, 16);
	s = kmem_cache_create("numa", 128, 0, 0, NULL);
	for (int nid = 0; nid < 2; nid++)
		for (int i = 0; i < 200; i++) {
			p[nid][i] = kmem_cache_alloc_node(s, GFP_KERNEL, nid);
			assert_int_equal(page_to_nid(virt_to_page(p[nid][i])), nid);
		}
	for (int nid = 0; nid < 2; nid++) {
		void *k = kmalloc_node(3000, GFP_KERNEL, nid), *l = kmalloc_node(30000, GFP_KERNEL, nid);

		assert_int_equal(page_to_nid(virt_to_page(k)), nid);
		assert_int_equal(page_to_nid(virt_to_page(l)), nid);
		kfree(k);
		kfree(l);
	}
	/* Slabs that freed objects make partial stay on their own node: on the freeing hart's
	 * partial list (Linux's cpu partial slabs), from which a node-1 refill takes them. */
	for (int i = 0; i < 200; i += 3)
		kmem_cache_free(s, p[1][i]);
	{
		struct page *slab;
		int on1 = 0;

		list_for_each_entry(slab, &s->cpu_slab[0].partial, lru)
			on1 += page_to_nid(slab) == 1;
		assert_true(s->node[1].nr_partial + (unsigned long)on1 >= 1);
		assert_int_equal(on1, (int)s->cpu_slab[0].partial_slabs);
	}
	p[1][0] = kmem_cache_alloc_node(s, GFP_KERNEL, 1);
	assert_int_equal(page_to_nid(virt_to_page(p[1][0])), 1);
	bad = slab_bad_count;
	listen();
	assert_null(kmalloc_node(64, GFP_KERNEL, 5));
	assert_null(kmem_cache_alloc_node(s, GFP_KERNEL, 7));
	unlisten();
	assert_int_equal(slab_bad_count, bad + 2);
	for (int i = 0; i < 200; i++) {
		kmem_cache_free(s, p[0][i]);
		if (i % 3)
			kmem_cache_free(s, p[1][i]);
	}
	kmem_cache_free(s, p[1][0]);
	assert_int_equal(kmem_cache_destroy(s), 0);
}

static void t_gfp(void **state)
{
	unsigned long bad_gfp;
	void *p;

	(void)state;
	boot("dma=4M", 1, 32);
	p = kmalloc(64, GFP_KERNEL | GFP_DMA);
	assert_int_equal(page_zonenum(virt_to_page(p)), ZONE_DMA);
	assert_string_equal(compound_head(virt_to_page(p))->slab_cache->name, "dma-kmalloc-64");
	kfree(p);
	bad_gfp = mm_bad_gfp_count;
	p = kmalloc(64, GFP_HIGHUSER_MOVABLE);	/* warned and served from lowmem */
	assert_non_null(p);
	assert_int_equal(mm_bad_gfp_count, bad_gfp + 1);
	assert_false(PageHighMem(virt_to_page(p)));
	kfree(p);
}

static void t_slabinfo(void **state)
{
	void *p[10];

	(void)state;
	boot("", 1, 32);
	for (int i = 0; i < 10; i++)
		p[i] = kmalloc(64, GFP_KERNEL);
	listen();
	slabinfo_show();
	unlisten();
	/* kmalloc-64: 10 active of 64 per slab, 64-byte objects, 1 page per slab, 1 slab. */
	assert_non_null(strstr(said, "kmalloc-64                 10       64      64     64    1       1"));
	assert_non_null(strstr(said, "kmem_cache "));
	for (int i = 0; i < 10; i++)
		kfree(p[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_create_bad_args),
		cmocka_unit_test(t_create_layout),
		cmocka_unit_test(t_orders),
		cmocka_unit_test(t_alloc_free),
		cmocka_unit_test(t_ctor),
		cmocka_unit_test(t_zeroing),
		cmocka_unit_test(t_bulk),
		cmocka_unit_test(t_bulk_fail),
		cmocka_unit_test(t_shrink_destroy),
		cmocka_unit_test(t_shrink_under_pressure),
		cmocka_unit_test(t_shrinker_registry),
		cmocka_unit_test(t_shrinker_deferred),
		cmocka_unit_test(t_slab_shrinker),
		cmocka_unit_test(t_reclaimable),
		cmocka_unit_test(t_kmalloc_classes),
		cmocka_unit_test(t_kmalloc_large),
		cmocka_unit_test(t_kcalloc_overflow),
		cmocka_unit_test(t_krealloc),
		cmocka_unit_test(t_bad_frees),
		cmocka_unit_test(t_remote_free),
		cmocka_unit_test(t_cpu_partial),
		cmocka_unit_test(t_red_zone),
		cmocka_unit_test(t_poison_use_after_free),
		cmocka_unit_test(t_debug_double_free),
		cmocka_unit_test(t_slub_debug_bootarg),
		cmocka_unit_test(t_numa),
		cmocka_unit_test(t_gfp),
		cmocka_unit_test(t_slabinfo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
