// SPDX-License-Identifier: BSD-2-Clause
/* SMP stress of the slab allocator on host threads: 4 threads are harts 0-3 allocating from shared
 * caches and kmalloc, tagging every object with (owner, serial) and checking the tag on free, and
 * handing a third of their objects to the next hart to free (remote frees into slabs another hart
 * has frozen). Hart 3 also shrinks the caches now and then, flushing the other harts' cpu slabs
 * under their feet. One more thread plays an interrupt handler on hart 0 (host_cpu_id 0,
 * GFP_ATOMIC): on the SoC it could only run between hart 0's irq-off sections; here it runs truly
 * concurrently, which the per-hart lock must make equally safe. An object handed out twice, lost,
 * or corrupted fails the run; at the end every page must be back and nothing reported.
 * Usage: mm-slab-smp [ops per thread] */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <mm/slab.h>
#include "mmt.h"

#define NTHREADS 4
#define SLOTS 512
#define HELD 64

struct item {
	u32 *p;
	int cache;	/* -1 kmalloc */
	u32 tag;
	u32 words;
};

static struct kmem_cache *caches[3];
static const u32 cache_words[3] = { 4, 30, 300 };	/* 16, 120, 1200 bytes */
static struct {
	pthread_mutex_t lock;
	struct item q[SLOTS];
	unsigned int n;
} mailbox[NTHREADS];
static int errors;
static unsigned long ops_per_thread = 100000;
static unsigned long remote_frees, shrinks;
static pthread_barrier_t start;

static void fail(const char *what, const struct item *it)
{
	printf("error: %s: object %p tag %#x cache %d\n", what, (void *)it->p, it->tag, it->cache);
	__atomic_add_fetch(&errors, 1, __ATOMIC_RELAXED);
}

static bool get(struct item *it, gfp_t gfp, u64 *seed)
{
	u64 r = mmt_rand(seed);

	it->cache = (int)(r % 4) - 1;
	if (it->cache < 0) {
		it->words = 1 + (u32)((r >> 8) % 600);
		it->p = kmalloc(it->words * 4, gfp);
	} else {
		it->words = cache_words[it->cache];
		it->p = kmem_cache_alloc(caches[it->cache], gfp);
	}
	if (!it->p)
		return false;
	for (u32 i = 0; i < it->words; i++)
		it->p[i] = it->tag + i;
	return true;
}

static void put(struct item *it)
{
	for (u32 i = 0; i < it->words; i++)
		if (it->p[i] != it->tag + i) {
			fail("object overwritten (handed out twice?)", it);
			break;
		}
	if (it->cache < 0)
		kfree(it->p);
	else
		kmem_cache_free(caches[it->cache], it->p);
}

static void drain_mailbox(unsigned int cpu)
{
	struct item batch[SLOTS];
	unsigned int n;

	pthread_mutex_lock(&mailbox[cpu].lock);
	n = mailbox[cpu].n;
	memcpy(batch, mailbox[cpu].q, n * sizeof(batch[0]));
	mailbox[cpu].n = 0;
	pthread_mutex_unlock(&mailbox[cpu].lock);
	for (unsigned int i = 0; i < n; i++)
		put(&batch[i]);
	__atomic_add_fetch(&remote_frees, n, __ATOMIC_RELAXED);
}

static void *hart(void *arg)
{
	unsigned int cpu = (unsigned int)(unsigned long)arg, next = (cpu + 1) % NTHREADS;
	struct item held[HELD];
	unsigned int n = 0;
	u64 seed = 0x1234567ULL * (cpu + 1);

	host_cpu_id = cpu;
	pthread_barrier_wait(&start);
	for (unsigned long i = 0; i < ops_per_thread && !__atomic_load_n(&errors, __ATOMIC_RELAXED); i++) {
		u64 r = mmt_rand(&seed);

		if ((r & 3) != 0 && n < HELD) {
			held[n].tag = (cpu << 28) | (u32)(i << 4);
			if (get(&held[n], GFP_KERNEL, &seed))
				n++;
		} else if (n) {
			unsigned int k = (unsigned int)((r >> 8) % n);
			struct item it = held[k];

			held[k] = held[--n];
			if ((r >> 20) % 3 == 0) {
				pthread_mutex_lock(&mailbox[next].lock);
				if (mailbox[next].n < SLOTS) {
					mailbox[next].q[mailbox[next].n++] = it;
					it.p = NULL;
				}
				pthread_mutex_unlock(&mailbox[next].lock);
			}
			if (it.p)
				put(&it);
		}
		if ((i & 63) == 0)
			drain_mailbox(cpu);
		if (cpu == 3 && (i & 4095) == 0) {
			kmem_cache_shrink(caches[(i >> 12) % 3]);
			__atomic_add_fetch(&shrinks, 1, __ATOMIC_RELAXED);
		}
	}
	while (n)
		put(&held[--n]);
	return NULL;
}

static void *irq_handler(void *arg)
{
	u64 seed = 0xfeedULL;
	struct item it;

	(void)arg;
	host_cpu_id = 0;
	host_irq_depth = 1;
	pthread_barrier_wait(&start);
	for (unsigned long i = 0; i < ops_per_thread / 2 && !__atomic_load_n(&errors, __ATOMIC_RELAXED);
	     i++) {
		it.tag = 0xe0000000u | (u32)(i << 4);
		if (get(&it, GFP_ATOMIC, &seed))
			put(&it);
	}
	return NULL;
}

static int shrink_one(struct kmem_cache *s, void *arg)
{
	(void)arg;
	kmem_cache_shrink(s);
	return 0;
}

int main(int argc, char **argv)
{
	struct mmt_cfg cfg = { "", 2, 24, true };
	pthread_t t[NTHREADS + 1];
	unsigned long before;
	char err[160];

	if (argc > 1)
		ops_per_thread = strtoul(argv[1], NULL, 0);
	host_printk_enabled = 1;
	host_nr_cpus = NTHREADS;
	if (mmt_boot(&cfg))
		return 1;
	for (unsigned int c = 0; c < NTHREADS; c++)
		mm_set_cpu_node(c, (int)(c % 2));
	drain_all_pages(NULL);
	before = global_free_pages();
	caches[0] = kmem_cache_create("smp16", 16, 0, 0, NULL);
	caches[1] = kmem_cache_create("smp120-debug", 120, 0, SLAB_RED_ZONE | SLAB_POISON, NULL);
	caches[2] = kmem_cache_create("smp1200", 1200, 0, SLAB_HWCACHE_ALIGN, NULL);
	for (int i = 0; i < NTHREADS; i++)
		pthread_mutex_init(&mailbox[i].lock, NULL);
	pthread_barrier_init(&start, NULL, NTHREADS + 1);
	for (unsigned long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, hart, (void *)i);
	pthread_create(&t[NTHREADS], NULL, irq_handler, NULL);
	for (int i = 0; i <= NTHREADS; i++)
		pthread_join(t[i], NULL);
	host_cpu_id = 0;
	for (unsigned int c = 0; c < NTHREADS; c++)
		drain_mailbox(c);
	for (int c = 0; c < 3; c++) {
		struct slabinfo si;

		kmem_cache_get_info(caches[c], &si);
		if (si.active_objs) {
			printf("error: cache %s has %lu objects left\n", caches[c]->name, si.active_objs);
			errors++;
		}
		if (kmem_cache_destroy(caches[c]))
			errors++;
	}
	kmem_cache_for_each(shrink_one, NULL);
	drain_all_pages(NULL);
	if (global_free_pages() != before) {
		printf("error: %lu pages free at the end, %lu before\n", global_free_pages(), before);
		errors++;
	}
	if (slab_bad_count) {
		printf("error: %lu slab reports\n", slab_bad_count);
		errors++;
	}
	if (mm_verify(err, sizeof(err))) {
		printf("error: %s\n", err);
		errors++;
	}
	printf("mm-slab-smp: %d harts + irq thread, %lu ops each, %lu remote frees, %lu shrinks\n",
	       NTHREADS, ops_per_thread, remote_frees, shrinks);
	printf("suite-result: %d passed, %d failed\n", errors ? 0 : 1, errors ? 1 : 0);
	return errors ? 1 : 0;
}
