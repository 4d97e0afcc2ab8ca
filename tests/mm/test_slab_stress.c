// SPDX-License-Identifier: BSD-2-Clause
/* Randomized differential stress of kmalloc/kzalloc/kcalloc/krealloc/kfree, kmem_cache_alloc/free,
 * bulk alloc/free and shrink against a reference model: the model knows every live allocation's
 * size, class and byte pattern; each op checks what it touches (pattern intact, zeroing, ksize the
 * class computed here, constructor state) and every few thousand ops the whole model is checked
 * (no two live objects overlap, per-cache active counts, allocator invariants). Injected bad frees
 * (immediate double free, pointer into an object) must each be reported exactly once and change
 * nothing. At the end everything is freed and every page must be back.
 * Usage: mm-slab-stress [ops] [seed] */
#include <stdlib.h>
#include <string.h>
#include <mm/slab.h>
#include "mmt.h"

#define MAX_LIVE 3000
#define NCACHES 4

struct obj {
	u8 *p;
	size_t size;		/* bytes the user may use */
	int cache;		/* -1: kmalloc */
	u8 seed;
};

static struct obj live[MAX_LIVE];
static unsigned int nr_live;
static struct kmem_cache *caches[NCACHES];
static const unsigned int cache_size[NCACHES] = { 24, 200, 1000, 5000 };
static unsigned long expect_bad, ops_done[16];
static u64 rng;

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

static void add(u8 *p, size_t size, int cache)
{
	struct obj *o = &live[nr_live++];

	o->p = p;
	o->size = size;
	o->cache = cache;
	o->seed = (u8)mmt_rand(&rng);
	fill(o);
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
	if (o->cache < 0)
		kfree(o->p);
	else
		kmem_cache_free(caches[o->cache], o->p);
	drop(i);
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

	if (o->size > 1 && (mmt_rand(&rng) & 1)) {
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
	if (o->cache < 0) {
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

			if (live[i].cache < 0) {
				op_krealloc(i);
				ops_done[3]++;
			}
		} else if (r < 97) {
			op_bulk();
			ops_done[4]++;
		} else if (r < 98) {
			kmem_cache_shrink(caches[mmt_rand(&rng) % NCACHES]);
			ops_done[5]++;
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
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages(NULL);
	CHECK(global_free_pages() == before, "%lu pages free at the end, %lu before",
	      global_free_pages(), before);
	CHECK(slab_bad_count == expect_bad, "%lu reports, expected %lu", slab_bad_count, expect_bad);
	printf("mm-slab-stress: %lu ops (kmalloc %lu, cache %lu, free %lu, krealloc %lu, bulk %lu, "
	       "shrink %lu, bad frees %lu), all pages back\n", ops, ops_done[0], ops_done[1],
	       ops_done[2], ops_done[3], ops_done[4], ops_done[5], ops_done[6]);
	printf("suite-result: 1 passed, 0 failed\n");
	return 0;
}
