// SPDX-License-Identifier: BSD-2-Clause
/* Firmware self-tests of the slab allocator and kmalloc on the booted machine (QEMU 1/4 harts,
 * 2 nodes, and the SoC). Each test frees what it takes, shrinks its caches, and checks that the
 * page allocator got every page back; the error cases check that each bad call was reported once
 * and changed nothing. */
#include <pagoda/selftest.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <pagoda/smp.h>
#include <pagoda/irq.h>
#include <pagoda/sbi.h>
#include <pagoda/boot.h>
#include <pagoda/spinlock.h>
#include <asm/csr.h>
#include <asm/timex.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/shrinker.h>
#include "internal.h"

static int shrink_one(struct kmem_cache *s, void *arg)
{
	(void)arg;
	kmem_cache_shrink(s);
	return 0;
}

/* Free pages with every cache shrunk and the per-CPU lists drained. */
static unsigned long slab_free_pages(void)
{
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages(NULL);
	return global_free_pages();
}

static size_t class_of(size_t n)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
					  8192 };

	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++)
		if (n <= classes[i])
			return classes[i];
	return PAGE_SIZE << get_order(n);
}

SELFTEST(slab_kmalloc_classes)
{
	unsigned long before = slab_free_pages(), bad = slab_bad_count;
	static const size_t sizes[] = { 1, 8, 9, 64, 65, 96, 97, 128, 150, 192, 193, 256, 1000, 2049,
					4096, 8192, 8193, 20000, 1UL << 20 };

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL);

		ST_ASSERT(p != NULL);
		ST_ASSERT_EQ(ksize(p), class_of(sizes[i]));
		p[0] = 1;
		p[sizes[i] - 1] = 2;
		kfree(p);
	}
	ST_ASSERT(kmalloc(0, GFP_KERNEL) == ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	ST_ASSERT_EQ(slab_bad_count, bad);
	ST_ASSERT_EQ(slab_free_pages(), before);
	return 0;
}

SELFTEST(slab_kzalloc_krealloc_kcalloc)
{
	unsigned long before = slab_free_pages(), bad = slab_bad_count;
	static const size_t sizes[] = { 40, 4096, 8192, 65536 };
	u8 *p, *q;

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		p = kmalloc(sizes[i], GFP_KERNEL);
		memset(p, 0xa7, sizes[i]);
		kfree(p);
		p = kzalloc(sizes[i], GFP_KERNEL);
		ST_ASSERT(p != NULL);
		for (size_t k = 0; k < sizes[i]; k++)
			if (p[k])
				ST_FAIL("kzalloc(%zu): byte %zu is %#x", sizes[i], k, p[k]);
		kfree(p);
	}
	p = kmalloc(100, GFP_KERNEL);
	for (int k = 0; k < 100; k++)
		p[k] = (u8)k;
	q = krealloc(p, 3000, GFP_KERNEL);
	ST_ASSERT(q != NULL && q != p);
	for (int k = 0; k < 100; k++)
		ST_ASSERT_EQ(q[k], k);
	ST_ASSERT(krealloc(q, 10, GFP_KERNEL) == q);
	printk("(the next reports are expected)\n");
	ST_ASSERT(krealloc(q, KMALLOC_MAX_SIZE + 1, GFP_KERNEL) == NULL);
	ST_ASSERT(kcalloc(~0UL / 8, 16, GFP_KERNEL) == NULL);
	ST_ASSERT(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL) == NULL);
	ST_ASSERT_EQ(slab_bad_count, bad + 3);
	ST_ASSERT_EQ(q[99], 99);
	kfree(q);
	ST_ASSERT_EQ(slab_free_pages(), before);
	return 0;
}

static unsigned int ctor_runs;
static void st_ctor(void *p)
{
	ctor_runs++;
	*(unsigned long *)p = 0x5eed;
}

SELFTEST(slab_cache_lifecycle)
{
	unsigned long before = slab_free_pages(), bad = slab_bad_count;
	struct kmem_cache *s, *c;
	void *o[64];
	unsigned long *x;

	s = kmem_cache_create("st-96", 96, 0, SLAB_HWCACHE_ALIGN | SLAB_RECLAIM_ACCOUNT, NULL);
	ST_ASSERT(s != NULL);
	ST_ASSERT_EQ(s->size, 128);
	ST_ASSERT_EQ(kmem_cache_alloc_bulk(s, GFP_KERNEL, 64, o), 64);
	for (int i = 0; i < 64; i++)
		ST_ASSERT_EQ((unsigned long)o[i] % 64, 0);
	kmem_cache_free_bulk(s, 63, o + 1);
	printk("(the next report is expected)\n");
	ST_ASSERT_EQ(kmem_cache_destroy(s), SLAB_EBUSY);	/* o[0] is live */
	ST_ASSERT_EQ(slab_bad_count, bad + 1);
	kmem_cache_free(s, o[0]);
	ST_ASSERT_EQ(kmem_cache_destroy(s), 0);
	ctor_runs = 0;
	c = kmem_cache_create("st-ctor", 32, 0, 0, st_ctor);
	x = kmem_cache_alloc(c, GFP_KERNEL);
	ST_ASSERT_EQ(*x, 0x5eed);
	ST_ASSERT_EQ(ctor_runs, c->objects);
	kmem_cache_free(c, x);
	ST_ASSERT_EQ(kmem_cache_destroy(c), 0);
	ST_ASSERT(kmem_cache_create("st-rcu", 32, 0, SLAB_TYPESAFE_BY_RCU, NULL) == NULL);
	ST_ASSERT_EQ(slab_bad_count, bad + 1);
	ST_ASSERT_EQ(slab_free_pages(), before);
	return 0;
}

SELFTEST(slab_bad_frees_reported)
{
	struct kmem_cache *s = kmem_cache_create("st-dbg", 48, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	unsigned long bad = slab_bad_count;
	u8 *a, *b, *k;
	struct page *pg = alloc_page(GFP_KERNEL);

	ST_ASSERT(s && pg);
	k = kmalloc(64, GFP_KERNEL);
	printk("(the next reports are expected)\n");
	kfree(page_address(pg));		/* not from kmalloc */
	kfree(k + 4);				/* inside an object */
	kfree(k);
	kfree(k);				/* double free */
	ST_ASSERT_EQ(slab_bad_count, bad + 3);
	ST_ASSERT_EQ(page_ref_count(pg), 1);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	a[48] = 0;				/* red zone */
	kmem_cache_free(s, a);
	ST_ASSERT_EQ(slab_bad_count, bad + 4);
	kmem_cache_free(s, b);
	kmem_cache_free(s, a);			/* double free, not at the list head */
	ST_ASSERT_EQ(slab_bad_count, bad + 5);
	b[3] = 9;				/* use after free */
	a = kmem_cache_alloc(s, GFP_KERNEL);
	ST_ASSERT(a == b);
	ST_ASSERT_EQ(slab_bad_count, bad + 6);
	kmem_cache_free(s, a);
	__free_page(pg);
	ST_ASSERT_EQ(kmem_cache_destroy(s), 0);
	return 0;
}

SELFTEST(slab_numa_nodes)
{
	unsigned long before = slab_free_pages();

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		void *p, *q;

		if (!node_data[nid].online)
			continue;
		p = kmalloc_node(200, GFP_KERNEL, nid);
		q = kmalloc_node(50000, GFP_KERNEL, nid);
		ST_ASSERT(p && q);
		ST_ASSERT_EQ(page_to_nid(virt_to_page(p)), nid);
		ST_ASSERT_EQ(page_to_nid(virt_to_page(q)), nid);
		kfree(p);
		kfree(q);
	}
	ST_ASSERT_EQ(slab_free_pages(), before);
	return 0;
}

/* Every hart allocates and frees at once from a shared cache and kmalloc, tagging each object with
 * its hart and checking the tag before the free, and frees half of its objects on the next hart's
 * behalf through a shared array (remote frees into slabs another hart has frozen). */
#define ST_HELD 48
struct slab_smp {
	struct kmem_cache *s;
	unsigned long errors, allocs;
	void *handoff[NR_CPUS][ST_HELD];
};

/* The next online hart after cpu, wrapping (online numbers may have holes, pagoda/smp.h). */
static unsigned int next_online_cpu(unsigned int cpu)
{
	do
		cpu = (cpu + 1) % NR_CPUS;
	while (!cpu_online(cpu));
	return cpu;
}

static void slab_smp_fn(void *arg)
{
	struct slab_smp *st = arg;
	unsigned int cpu = smp_processor_id();
	unsigned long seed = 0x9e3779b9UL * (cpu + 1), errs = 0, allocs = 0;
	unsigned long *held[ST_HELD];
	int n = 0;

	for (int i = 0; i < 2000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		if (((seed >> 40) & 3) && n < ST_HELD) {
			unsigned long *p = (seed >> 50) & 1 ? kmem_cache_alloc(st->s, GFP_KERNEL)
							     : kmalloc(16 + (seed >> 52) % 500, GFP_KERNEL);

			if (!p) {
				errs++;
				continue;
			}
			p[0] = cpu;
			p[1] = (unsigned long)i;
			held[n++] = p;
			allocs++;
		} else if (n) {
			int k = (int)((seed >> 20) % (unsigned long)n);
			unsigned long *p = held[k];

			errs += p[0] != cpu;
			held[k] = held[--n];
			kfree(p);
		}
	}
	/* Hand the rest over; the next hart frees them after the barrier of smp_call_on_all. */
	for (int k = 0; k < ST_HELD; k++)
		st->handoff[next_online_cpu(cpu)][k] = k < n ? held[k] : NULL;
	__atomic_add_fetch(&st->errors, errs, __ATOMIC_RELAXED);
	__atomic_add_fetch(&st->allocs, allocs, __ATOMIC_RELAXED);
}

static void slab_smp_free_fn(void *arg)
{
	struct slab_smp *st = arg;
	unsigned int cpu = smp_processor_id();

	for (int k = 0; k < ST_HELD; k++)
		kfree(st->handoff[cpu][k]);
}

SELFTEST(slab_smp_stress)
{
	static struct slab_smp st;
	unsigned long before = slab_free_pages(), bad = slab_bad_count;
	struct slabinfo si;

	memset(&st, 0, sizeof(st));
	st.s = kmem_cache_create("st-smp", 40, 0, 0, NULL);
	ST_ASSERT(st.s != NULL);
	smp_call_on_all(slab_smp_fn, &st);
	smp_call_on_all(slab_smp_free_fn, &st);
	printk("slab_smp_stress: %u harts, %lu allocations\n", num_online_cpus(), st.allocs);
	ST_ASSERT_EQ(st.errors, 0);
	ST_ASSERT(st.allocs > 900UL * num_online_cpus());
	kmem_cache_get_info(st.s, &si);
	ST_ASSERT_EQ(si.active_objs, 0);
	ST_ASSERT_EQ(kmem_cache_destroy(st.s), 0);
	ST_ASSERT_EQ(slab_bad_count, bad);
	ST_ASSERT_EQ(slab_free_pages(), before);
	return 0;
}

/* Allocations from a timer interrupt handler interleave with the same hart's allocations from the
 * same cache and kmalloc class: the fast paths mask interrupts, so each side sees the cpu slab
 * whole. Objects are tagged and checked on both sides; the handler re-arms the timer until it has
 * run ST_IRQ_RUNS times (bounded wait, as sbi_timer_interrupt). */
#define ST_IRQ_RUNS 20
static struct kmem_cache *irq_cache;
static volatile unsigned long irq_runs, irq_errors;
static u64 irq_delay;

static void slab_timer_tick(void)
{
	unsigned long *a = kmem_cache_alloc(irq_cache, GFP_ATOMIC);
	unsigned long *b = kmalloc(64, GFP_ATOMIC);

	if (!a || !b) {
		irq_errors++;
	} else {
		a[0] = b[0] = 0x1a1a;
		if (a[0] != 0x1a1a || b[0] != 0x1a1a)
			irq_errors++;
	}
	kmem_cache_free(irq_cache, a);
	kfree(b);
	if (++irq_runs < ST_IRQ_RUNS)
		sbi_set_timer(get_time() + irq_delay);
	else
		sbi_set_timer(~0ULL);
}

SELFTEST(slab_irq_interleave)
{
	unsigned long *held[16], *k[16], flags, bad = slab_bad_count, errs = 0, iters = 0;
	u64 start = get_time();

	irq_cache = kmem_cache_create("st-irq", 64, 0, 0, NULL);
	ST_ASSERT(irq_cache != NULL);
	for (int i = 0; i < 16; i++) {
		held[i] = kmem_cache_alloc(irq_cache, GFP_KERNEL);
		k[i] = kmalloc(64, GFP_KERNEL);
		ST_ASSERT(held[i] && k[i]);
		*held[i] = *k[i] = (unsigned long)i;
	}
	irq_runs = irq_errors = 0;
	irq_delay = boot_info.timebase_hz / 10000 + 1;	/* 100 us */
	irq_handler_timer = slab_timer_tick;
	local_irq_save(flags);
	csr_set(sie, SIE_STIE);
	sbi_set_timer(get_time() + irq_delay);
	local_irq_enable();
	while (irq_runs < ST_IRQ_RUNS && get_time() - start < 1000 * ST_IRQ_RUNS * irq_delay) {
		int i = (int)(iters++ % 16);

		errs += *held[i] != (unsigned long)i || *k[i] != (unsigned long)i;
		kmem_cache_free(irq_cache, held[i]);
		kfree(k[i]);
		held[i] = kmem_cache_alloc(irq_cache, GFP_KERNEL);
		k[i] = kmalloc(64, GFP_KERNEL);
		if (!held[i] || !k[i])
			break;
		*held[i] = *k[i] = (unsigned long)i;
	}
	local_irq_disable();
	csr_clear(sie, SIE_STIE);
	sbi_set_timer(~0ULL);
	local_irq_restore(flags);
	irq_handler_timer = NULL;
	for (int i = 0; i < 16; i++) {
		kmem_cache_free(irq_cache, held[i]);
		kfree(k[i]);
	}
	printk("slab_irq_interleave: %lu interrupts, %lu main-loop iterations\n", irq_runs, iters);
	ST_ASSERT_EQ(irq_runs, ST_IRQ_RUNS);
	ST_ASSERT_EQ(errs, 0);
	ST_ASSERT_EQ(irq_errors, 0);
	ST_ASSERT_EQ(slab_bad_count, bad);
	ST_ASSERT_EQ(kmem_cache_destroy(irq_cache), 0);
	return 0;
}

/*
 * The slab fast paths pop and push with an LR/SC pair and rely on trap_entry's return to drop
 * the hart's reservation: an interrupt handler that changed the freelist between the LR and the
 * SC must make that SC fail (mm/slab.h). Here a timer interrupt is taken, with certainty,
 * between an LR and an SC of a word the handler does not touch: the SC must still fail.
 */
static volatile unsigned long lrsc_ticks;

static void lrsc_tick(void)
{
	lrsc_ticks++;
	sbi_set_timer(~0ULL);
}

SELFTEST(slab_trap_drops_lr_reservation)
{
	unsigned long word = 0x5a5a, val, fail, flags;
	u64 start;

	lrsc_ticks = 0;
	irq_handler_timer = lrsc_tick;
	local_irq_save(flags);
	csr_set(sie, SIE_STIE);
	/* Armed before the LR: the SBI call itself is an ecall into M-mode, not our trap path. */
	sbi_set_timer(get_time());
	__asm__ volatile("lr.d %0, (%1)" : "=r"(val) : "r"(&word) : "memory");
	start = get_time();
	local_irq_enable();
	while (!lrsc_ticks && get_time() - start < boot_info.timebase_hz)
		;
	local_irq_disable();
	__asm__ volatile("sc.d %0, %2, (%1)" : "=r"(fail) : "r"(&word), "r"(val + 1) : "memory");
	csr_clear(sie, SIE_STIE);
	sbi_set_timer(~0ULL);
	local_irq_restore(flags);
	irq_handler_timer = NULL;
	ST_ASSERT_EQ(lrsc_ticks, 1);
	ST_ASSERT(fail != 0);
	ST_ASSERT_EQ(word, 0x5a5a);
	return 0;
}

/* The shrinker registry on the booted machine: a test shrinker scanned in batches, and the slab
 * caches' shrinker handing empty slabs back through shrink_slab(). */
static unsigned long st_pool;

static unsigned long st_pool_count(struct shrinker *sh, struct shrink_control *sc)
{
	(void)sh;
	(void)sc;
	return st_pool ? st_pool : SHRINK_EMPTY;
}

static unsigned long st_pool_scan(struct shrinker *sh, struct shrink_control *sc)
{
	unsigned long n = min(sc->nr_to_scan, st_pool);

	(void)sh;
	st_pool -= n;
	return n;
}

SELFTEST(slab_shrinker)
{
	struct shrinker sh = { .count_objects = st_pool_count, .scan_objects = st_pool_scan,
			       .seeks = DEFAULT_SEEKS, .batch = 16 };
	struct shrinker bad = { .scan_objects = st_pool_scan };
	struct kmem_cache *s;
	struct slabinfo si;
	void *o[64];

	ST_ASSERT_EQ(register_shrinker(&bad, "st-bad"), -22);
	ST_ASSERT_EQ(register_shrinker(&sh, "st-pool"), 0);
	st_pool = 1000;
	/* (1000 >> 4) * 4 / 2 = 124 objects: 7 whole batches of 16; the 12 left are less than a
	 * batch and than the freeable count, so they wait (Linux defers them to the next call). */
	ST_ASSERT_EQ(shrink_slab(GFP_KERNEL, numa_node_id(), 4), 112);
	ST_ASSERT_EQ(st_pool, 888);
	unregister_shrinker(&sh);
	s = kmem_cache_create("st-shrink", 1024, 0, 0, NULL);
	ST_ASSERT(s != NULL);
	for (int i = 0; i < 64; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		ST_ASSERT(o[i] != NULL);
	}
	for (int i = 0; i < 64; i++)
		kmem_cache_free(s, o[i]);
	kmem_cache_get_info(s, &si);
	ST_ASSERT(si.num_slabs > 0);
	ST_ASSERT(shrink_slab(GFP_KERNEL, numa_node_id(), 0) >= si.num_slabs);
	kmem_cache_get_info(s, &si);
	ST_ASSERT_EQ(si.num_slabs, 0);
	ST_ASSERT_EQ(st_pool, 888);	/* unregistered: not scanned again */
	ST_ASSERT_EQ(kmem_cache_destroy(s), 0);
	return 0;
}

/* Both red zones on the booted machine: an underflow and an overflow by one byte are each
 * reported once on free (naming the cache and the object) and repaired. */
SELFTEST(slab_red_zones)
{
	struct kmem_cache *s = kmem_cache_create("st-rz", 40, 0, SLAB_RED_ZONE, NULL);
	unsigned long bad = slab_bad_count;
	u8 *p;

	ST_ASSERT(s != NULL);
	ST_ASSERT(s->red_left_pad >= sizeof(void *));
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ST_ASSERT(p != NULL);
	p[-1] = 0;
	kmem_cache_free(s, p);
	ST_ASSERT_EQ(slab_bad_count, bad + 1);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	ST_ASSERT(p != NULL);
	p[40] = 0;
	kmem_cache_free(s, p);
	ST_ASSERT_EQ(slab_bad_count, bad + 2);
	p = kmem_cache_alloc(s, GFP_KERNEL);	/* repaired: a clean round trip */
	ST_ASSERT(p != NULL);
	kmem_cache_free(s, p);
	ST_ASSERT_EQ(slab_bad_count, bad + 2);
	ST_ASSERT_EQ(kmem_cache_destroy(s), 0);
	return 0;
}
