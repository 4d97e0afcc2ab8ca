// SPDX-License-Identifier: BSD-2-Clause
/* Randomized differential stress of kmalloc/kzalloc/kcalloc/krealloc/kfree, kmem_cache_alloc/free,
 * bulk alloc/free, shrink, kvmalloc/kvzalloc/kvfree (host vmalloc double for the big ones), and the
 * DMA API (coherent buffers, pool blocks, streaming map/sync/unmap of live objects) against a
 * reference model: the model knows every live allocation's
 * size, class and byte pattern; each op checks what it touches (pattern intact, zeroing, ksize the
 * class computed here, constructor state) and every few thousand ops the whole model is checked
 * (no two live objects overlap, per-cache active counts, allocator invariants). Injected bad frees
 * (immediate double free, pointer into an object) must each be reported exactly once and change
 * nothing. At the end everything is freed and every page must be back.
 * Usage: mm-slab-stress [ops] [seed] */
#include <stdlib.h>
#include <string.h>
#include <mm/dma-mapping.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include "mmt.h"

#define MAX_LIVE 3000
#define NCACHES 4

/* obj.cache values that are not caches */
enum { KMALLOC = -1, KVMALLOC = -2, COHERENT = -3, POOL = -4 };
#define POOL_BLOCK 40
#define POOL_BOUNDARY 128

struct obj {
	u8 *p;
	size_t size;		/* bytes the user may use */
	int cache;		/* a kmem_cache index, or one of the kinds above */
	u8 seed;
	dma_addr_t dma;		/* COHERENT, POOL */
};

static struct obj live[MAX_LIVE];
static unsigned int nr_live;
static struct kmem_cache *caches[NCACHES];
static const unsigned int cache_size[NCACHES] = { 24, 200, 1000, 5000 };
static unsigned long expect_bad, ops_done[16];
static u64 rng;
static struct device sdev, pool_dev;	/* the pool's pages are the pool's device's */
static struct dma_pool *pool;
static unsigned long expect_dma_bad, dma_errors0, nr_coherent;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		exit(1); \
	} \
} while (0)

static void ctor(void *p)
{
	memset(p, 0xc7, 16);
}

static size_t expected_ksize(size_t n)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
					  8192 };

	for (unsigned int i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (n <= classes[i])
			return classes[i];
	for (size_t s = 16384;; s <<= 1)
		if (n <= s)
			return s;
}

static void fill(struct obj *o)
{
	for (size_t i = 0; i < o->size; i++)
		o->p[i] = (u8)(o->seed + i * 7);
}

static void verify(const struct obj *o, size_t upto)
{
	for (size_t i = 0; i < upto; i++)
		CHECK(o->p[i] == (u8)(o->seed + i * 7), "object %p (size %zu, cache %d) byte %zu changed",
		      (void *)o->p, o->size, o->cache, i);
}

static size_t random_size(void)
{
	u64 r = mmt_rand(&rng);

	switch (r % 16) {
	case 0:
		return 8193 + (r >> 8) % 60000;		/* large kmalloc */
	case 1:
		return 1 + (r >> 8) % 8192;
	case 2:
	case 3:
		return 1 + (r >> 8) % 1024;
	default:
		return 1 + (r >> 8) % 200;
	}
}

static struct obj *add(u8 *p, size_t size, int cache)
{
	struct obj *o = &live[nr_live++];

	o->p = p;
	o->size = size;
	o->cache = cache;
	o->seed = (u8)mmt_rand(&rng);
	o->dma = DMA_MAPPING_ERROR;
	fill(o);
	return o;
}

static void drop(unsigned int i)
{
	live[i] = live[--nr_live];
}

static void op_kmalloc(void)
{
	size_t n = random_size();
	int how = (int)(mmt_rand(&rng) % 3);
	u8 *p = how == 0 ? kmalloc(n, GFP_KERNEL) : how == 1 ? kzalloc(n, GFP_KERNEL)
							    : kcalloc(n, 1, GFP_KERNEL);

	CHECK(p != NULL, "kmalloc(%zu) failed", n);
	CHECK(ksize(p) == expected_ksize(n), "ksize %zu for %zu bytes, expected %zu", ksize(p), n,
	      expected_ksize(n));
	if (how)
		for (size_t i = 0; i < n; i++)
			CHECK(p[i] == 0, "kzalloc(%zu) byte %zu is %#x", n, i, p[i]);
	add(p, n, -1);
}

static void op_cache_alloc(void)
{
	int c = (int)(mmt_rand(&rng) % NCACHES);
	u8 *p = kmem_cache_alloc(caches[c], GFP_KERNEL);

	CHECK(p != NULL, "kmem_cache_alloc(%d)", c);
	if (c == 0)
		for (int i = 0; i < 16; i++)
			CHECK(p[i] == 0xc7, "ctor state lost at byte %d", i);
	add(p, cache_size[c], c);
}

static void free_obj(unsigned int i)
{
	struct obj *o = &live[i];

	verify(o, o->size);
	if (o->cache == 0)
		memset(o->p, 0xc7, 16);	/* a ctor cache's objects go back constructed */
	if (o->cache == KMALLOC)
		kfree(o->p);
	else if (o->cache == KVMALLOC)
		kvfree(o->p);
	else if (o->cache == COHERENT)
		dma_free_coherent(&sdev, o->size, o->p, o->dma), nr_coherent--;
	else if (o->cache == POOL)
		dma_pool_free(pool, o->p, o->dma);
	else
		kmem_cache_free(caches[o->cache], o->p);
	drop(i);
}

static void check_zero(const u8 *p, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		CHECK(p[i] == 0, "%s of %zu bytes: byte %zu is %#x", what, n, i, p[i]);
}

/* Small and page-sized mostly; now and then past KMALLOC_MAX_SIZE, which only vmalloc serves. */
static void op_kvmalloc(void)
{
	u64 r = mmt_rand(&rng);
	size_t n = r % 64 == 0 ? KMALLOC_MAX_SIZE + 1 + (r >> 8) % (1 << 16) :
		   r % 4 == 0 ? PAGE_SIZE + 1 + (r >> 8) % 30000 : 1 + (r >> 8) % PAGE_SIZE;
	bool zero = (r >> 40) & 1;
	u8 *p = zero ? kvzalloc(n, GFP_KERNEL) : kvmalloc(n, GFP_KERNEL);

	CHECK(p != NULL, "kvmalloc(%zu)", n);
	/* Linux's rule: a page or less is kmalloc's; beyond KMALLOC_MAX_SIZE it cannot be. */
	CHECK(is_vmalloc_addr(p) == (n > KMALLOC_MAX_SIZE) || (n > PAGE_SIZE && n <= KMALLOC_MAX_SIZE),
	      "kvmalloc(%zu) gave %s memory", n, is_vmalloc_addr(p) ? "vmalloc" : "kmalloc");
	if (zero)
		check_zero(p, n, "kvzalloc");
	add(p, n, KVMALLOC);
}

static void op_coherent(void)
{
	size_t n = 1 + mmt_rand(&rng) % 20000;
	dma_addr_t h;
	u8 *p = dma_alloc_coherent(&sdev, n, &h, GFP_KERNEL);

	CHECK(p != NULL, "dma_alloc_coherent(%zu)", n);
	CHECK(h == arch_virt_to_phys(p) && h % (PAGE_SIZE << get_order(n)) == 0,
	      "coherent buffer %p has bus address %#llx", (void *)p, (unsigned long long)h);
	CHECK(dma_capable(&sdev, h, n, true), "coherent buffer %#llx out of reach", (unsigned long long)h);
	check_zero(p, n, "dma_alloc_coherent");
	nr_coherent++;
	add(p, n, COHERENT)->dma = h;
}

static void op_pool(void)
{
	dma_addr_t h;
	u8 *p = dma_pool_zalloc(pool, GFP_KERNEL, &h);

	CHECK(p != NULL, "dma_pool_zalloc");
	CHECK(h == arch_virt_to_phys(p) && h % 8 == 0 && h % POOL_BOUNDARY + POOL_BLOCK <= POOL_BOUNDARY,
	      "pool block %#llx misplaced", (unsigned long long)h);
	check_zero(p, POOL_BLOCK, "dma_pool_zalloc");
	add(p, POOL_BLOCK, POOL)->dma = h;
}

/* Map a live kmalloc object for a transfer, sync both ways, unmap; now and then a mistake that
 * must be reported and change nothing (the object's bytes included). */
static void op_stream(unsigned int i)
{
	static const enum dma_data_direction dirs[] = { DMA_TO_DEVICE, DMA_FROM_DEVICE,
							DMA_BIDIRECTIONAL };
	struct obj *o = &live[i];
	enum dma_data_direction dir = dirs[mmt_rand(&rng) % 3];
	dma_addr_t a = dma_map_single(&sdev, o->p, o->size, dir);

	CHECK(a == arch_virt_to_phys(o->p), "dma_map_single of %p gave %#llx", (void *)o->p,
	      (unsigned long long)a);
	CHECK(dma_debug_live(&sdev) == nr_coherent + 1, "%lu live, model %lu", dma_debug_live(&sdev),
	      nr_coherent + 1);
	dma_sync_single_for_cpu(&sdev, a, o->size, dir);
	dma_sync_single_for_device(&sdev, a, o->size, dir);
	switch (mmt_rand(&rng) % 8) {
	case 0:
		dma_unmap_single(&sdev, a, o->size,
				 dir == DMA_TO_DEVICE ? DMA_FROM_DEVICE : DMA_TO_DEVICE);
		expect_dma_bad++;
		break;
	case 1:
		dma_unmap_single(&sdev, a, o->size + 1, dir);
		expect_dma_bad++;
		break;
	}
	CHECK(dma_debug_live(&sdev) == nr_coherent + 1, "a refused unmap dropped the mapping");
	dma_unmap_single(&sdev, a, o->size, dir);
	if (mmt_rand(&rng) % 8 == 0) {
		dma_unmap_single(&sdev, a, o->size, dir);	/* double unmap */
		expect_dma_bad++;
	}
	verify(o, o->size);
}

static void op_krealloc(unsigned int i)
{
	struct obj *o = &live[i];
	size_t n = random_size(), keep = n < o->size ? n : o->size;
	u8 *p;

	verify(o, o->size);
	p = krealloc(o->p, n, GFP_KERNEL);
	CHECK(p != NULL, "krealloc to %zu", n);
	o->p = p;
	verify(o, keep);
	CHECK(ksize(p) >= n, "krealloc'd object of %zu bytes has ksize %zu", n, ksize(p));
	o->size = n;
	fill(o);
}

static void op_bulk(void)
{
	void *v[40];
	int c = 1 + (int)(mmt_rand(&rng) % (NCACHES - 1));
	size_t n = 1 + mmt_rand(&rng) % 40;

	if (nr_live + n > MAX_LIVE)
		return;
	CHECK(kmem_cache_alloc_bulk(caches[c], GFP_KERNEL, n, v) == (int)n, "bulk %zu", n);
	if (mmt_rand(&rng) & 1) {
		kmem_cache_free_bulk(caches[c], n, v);
		return;
	}
	for (size_t k = 0; k < n; k++)
		add(v[k], cache_size[c], c);
}

/* Bad frees that must be reported and change nothing. */
static void op_bad_free(void)
{
	unsigned int i = (unsigned int)(mmt_rand(&rng) % nr_live);
	struct obj *o = &live[i];

	if (o->size > 1 && o->cache >= KMALLOC && (mmt_rand(&rng) & 1)) {
		/* A pointer into the object (never a valid start: every stride is > 1). */
		if (o->cache < 0)
			kfree(o->p + 1);
		else
			kmem_cache_free(caches[o->cache], o->p + 1);
		expect_bad++;
		verify(o, o->size);
		return;
	}
	/* Immediate double free. */
	if (o->cache == COHERENT || o->cache == POOL) {
		struct obj copy = *o;

		free_obj(i);
		if (copy.cache == COHERENT)
			dma_free_coherent(&sdev, copy.size, copy.p, copy.dma);
		else
			dma_pool_free(pool, copy.p, copy.dma);
		expect_dma_bad++;
		return;
	}
	if (o->cache == KVMALLOC) {
		if (is_vmalloc_addr(o->p))
			return;		/* vfree's own checks are the real vmalloc's (firmware tests) */
		u8 *p = o->p;

		free_obj(i);
		kvfree(p);
	} else if (o->cache < 0) {
		u8 *p = o->p;

		free_obj(i);
		kfree(p);
	} else {
		struct kmem_cache *s = caches[o->cache];
		u8 *p = o->p;

		free_obj(i);
		kmem_cache_free(s, p);
	}
	expect_bad++;
}

static int cmp_ptr(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;

	return x->p < y->p ? -1 : x->p > y->p;
}

static void check_all(unsigned long op)
{
	static struct obj sorted[MAX_LIVE];
	unsigned long per_cache[NCACHES] = { 0 };
	char err[160];

	CHECK(slab_bad_count == expect_bad, "op %lu: %lu reports, expected %lu", op, slab_bad_count,
	      expect_bad);
	CHECK(dma_debug_errors() - dma_errors0 == expect_dma_bad, "op %lu: %lu DMA reports, expected "
	      "%lu", op, dma_debug_errors() - dma_errors0, expect_dma_bad);
	CHECK(dma_debug_live(&sdev) == nr_coherent, "op %lu: %lu live DMA entries, model %lu", op,
	      dma_debug_live(&sdev), nr_coherent);
	memcpy(sorted, live, nr_live * sizeof(live[0]));
	qsort(sorted, nr_live, sizeof(sorted[0]), cmp_ptr);
	for (unsigned int i = 0; i + 1 < nr_live; i++)
		CHECK(sorted[i].p + sorted[i].size <= sorted[i + 1].p, "op %lu: objects %p (+%zu) and %p "
		      "overlap", op, (void *)sorted[i].p, sorted[i].size, (void *)sorted[i + 1].p);
	for (unsigned int i = 0; i < nr_live; i++) {
		verify(&live[i], live[i].size);
		if (live[i].cache >= 0)
			per_cache[live[i].cache]++;
	}
	for (int c = 0; c < NCACHES; c++) {
		struct slabinfo si;

		kmem_cache_get_info(caches[c], &si);
		CHECK(si.active_objs == per_cache[c], "op %lu: cache %d has %lu active, model %lu", op, c,
		      si.active_objs, per_cache[c]);
	}
	CHECK(mm_verify(err, sizeof(err)) == 0, "op %lu: %s", op, err);
}

static int shrink_one(struct kmem_cache *s, void *arg)
{
	(void)arg;
	kmem_cache_shrink(s);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 0) : 400000;
	struct mmt_cfg cfg = { "", 1, 48, true };
	unsigned long before;

	rng = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x5eed5eedULL;
	host_printk_enabled = 0;
	CHECK(mmt_boot(&cfg) == 0, "boot");
	drain_all_pages(NULL);
	before = global_free_pages();
	caches[0] = kmem_cache_create("st-ctor24", 24, 0, SLAB_HWCACHE_ALIGN, ctor);
	caches[1] = kmem_cache_create("st-debug200", 200, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	caches[2] = kmem_cache_create("st-1000", 1000, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	caches[3] = kmem_cache_create("st-5000", 5000, 64, 0, NULL);
	dma_device_init(&sdev, "stress");
	dma_device_init(&pool_dev, "stress-pool");
	pool = dma_pool_create("st-pool", &pool_dev, POOL_BLOCK, 8, POOL_BOUNDARY);
	dma_errors0 = dma_debug_errors();
	for (unsigned long op = 0; op < ops; op++) {
		u64 r = mmt_rand(&rng) % 100;

		if (r < 30 && nr_live < MAX_LIVE) {
			op_kmalloc();
			ops_done[0]++;
		} else if (r < 50 && nr_live < MAX_LIVE) {
			op_cache_alloc();
			ops_done[1]++;
		} else if (r < 88 && nr_live) {
			free_obj((unsigned int)(mmt_rand(&rng) % nr_live));
			ops_done[2]++;
		} else if (r < 94 && nr_live) {
			unsigned int i = (unsigned int)(mmt_rand(&rng) % nr_live);

			if (live[i].cache == KMALLOC) {
				op_krealloc(i);
				ops_done[3]++;
			}
		} else if (r < 97) {
			op_bulk();
			ops_done[4]++;
		} else if (r < 98) {
			kmem_cache_shrink(caches[mmt_rand(&rng) % NCACHES]);
			ops_done[5]++;
		} else if (r < 98 + 1 && nr_live < MAX_LIVE) {
			switch (mmt_rand(&rng) % 4) {
			case 0:
				op_kvmalloc();
				break;
			case 1:
				op_coherent();
				break;
			case 2:
				op_pool();
				break;
			default:
				if (nr_live && live[op % nr_live].cache == KMALLOC &&
				    live[op % nr_live].size)
					op_stream((unsigned int)(op % nr_live));
			}
			ops_done[7]++;
		} else if (nr_live) {
			op_bad_free();
			ops_done[6]++;
		}
		if (op % 5000 == 4999)
			check_all(op);
	}
	check_all(ops);
	while (nr_live)
		free_obj(nr_live - 1);
	for (int c = 0; c < NCACHES; c++)
		CHECK(kmem_cache_destroy(caches[c]) == 0, "destroy %d", c);
	CHECK(dma_pool_destroy(pool) == 0, "pool destroy");
	CHECK(dma_debug_live(NULL) == 0, "%lu DMA entries left", dma_debug_live(NULL));
	CHECK(dma_debug_errors() - dma_errors0 == expect_dma_bad, "%lu DMA reports, expected %lu",
	      dma_debug_errors() - dma_errors0, expect_dma_bad);
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages(NULL);
	CHECK(global_free_pages() == before, "%lu pages free at the end, %lu before",
	      global_free_pages(), before);
	CHECK(slab_bad_count == expect_bad, "%lu reports, expected %lu", slab_bad_count, expect_bad);
	printf("mm-slab-stress: %lu ops (kmalloc %lu, cache %lu, free %lu, krealloc %lu, bulk %lu, "
	       "shrink %lu, bad frees %lu, kvmalloc/DMA %lu; %lu DMA mistakes reported), all pages "
	       "back\n", ops, ops_done[0], ops_done[1], ops_done[2], ops_done[3], ops_done[4],
	       ops_done[5], ops_done[6], ops_done[7], expect_dma_bad);
	printf("suite-result: 1 passed, 0 failed\n");
	return 0;
}
