// SPDX-License-Identifier: BSD-2-Clause
/* SMP stress on host threads: each thread is a hart (host_cpu_id) allocating and freeing with
 * random orders and flags, handing some blocks to other threads to free (remote frees into another
 * hart's per-CPU list), while one thread drains all per-CPU lists now and then. One more thread
 * plays hart 0's interrupt handler (GFP_ATOMIC, host_irq_depth = 1) running against hart 0's own
 * per-CPU lists, which that hart uses with interrupts on: it must fall back to the buddy lists
 * whenever it finds them held. Every block is tagged by its owner and checked on free, so a page
 * handed out twice is caught. At the end all memory must be back, the full invariants must hold,
 * and the page events must balance (pgalloc = pgfree: no count lost to a race). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "mmt.h"

#define NTHREADS 4
#define SLOTS 256

struct blk {
	struct page *page;
	unsigned int order;
	u32 tag;
};

static struct {
	pthread_mutex_t lock;
	struct blk q[SLOTS];
	unsigned int n;
} mailbox[NTHREADS];

static unsigned long ops_per_thread = 150000;
static int errors;
static unsigned long total_ops, total_fail;

static void tag_block(struct blk *b)
{
	for (unsigned long i = 0; i < (1UL << b->order); i++) {
		u32 *w = mmt_page_mem(b->page + i);

		w[0] = b->tag;
		w[1] = (u32)i;
	}
}

static int check_block(const struct blk *b)
{
	for (unsigned long i = 0; i < (1UL << b->order); i++) {
		const u32 *w = mmt_page_mem(b->page + i);

		if (w[0] != b->tag || w[1] != (u32)i) {
			printf("block %#lx page %lu overwritten: tag %u want %u\n", page_to_pfn(b->page), i,
			       w[0], b->tag);
			return -1;
		}
	}
	return 0;
}

static void *irq_handler(void *arg)
{
	u64 seed = 0xfeedULL;
	unsigned long fails = 0, n = (unsigned long)arg;

	host_cpu_id = 0;
	host_irq_depth = 1;
	for (unsigned long i = 0; i < n && !__atomic_load_n(&errors, __ATOMIC_RELAXED); i++) {
		u64 r = mmt_rand(&seed);
		struct blk b = { NULL, (r & 7) == 0 ? 1 : 0, (u32)(0xee000000u | (i & 0xffffff)) };

		b.page = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, b.order);
		if (!b.page) {
			fails++;
			continue;
		}
		tag_block(&b);
		if (check_block(&b))
			__atomic_add_fetch(&errors, 1, __ATOMIC_RELAXED);
		__free_pages(b.page, b.order);
	}
	__atomic_add_fetch(&total_ops, n, __ATOMIC_RELAXED);
	__atomic_add_fetch(&total_fail, fails, __ATOMIC_RELAXED);
	return NULL;
}

static unsigned long pgalloc_sum(void)
{
	return vm_event_sum(PGALLOC_DMA) + vm_event_sum(PGALLOC_NORMAL) + vm_event_sum(PGALLOC_HIGH) +
	       vm_event_sum(PGALLOC_MOVABLE);
}

static void *worker(void *arg)
{
	unsigned int id = (unsigned int)(unsigned long)arg;
	struct blk *mine = calloc(SLOTS, sizeof(*mine));
	unsigned int n = 0;
	u64 seed = 0x1234567ULL * (id + 1);
	unsigned long fails = 0;
	static const gfp_t g[] = { GFP_KERNEL, GFP_ATOMIC, GFP_HIGHUSER_MOVABLE, GFP_NOWAIT,
				   GFP_KERNEL | __GFP_ZERO, GFP_KERNEL | __GFP_COMP };

	host_cpu_id = id;
	for (unsigned long i = 0; i < ops_per_thread && !__atomic_load_n(&errors, __ATOMIC_RELAXED); i++) {
		u64 r = mmt_rand(&seed);
		unsigned int what = r % 10;

		if (what < 5 && n < SLOTS) {
			unsigned int order = (r >> 8) % 8 < 6 ? 0 : (unsigned int)((r >> 12) % 4);
			gfp_t gfp = g[(r >> 16) % 6] | __GFP_NOWARN;
			struct page *p = alloc_pages(gfp, order);

			if (!p) {
				fails++;
				continue;
			}
			mine[n] = (struct blk){ p, order, (u32)(id << 24 | (i & 0xffffff)) };
			tag_block(&mine[n]);
			n++;
		} else if (what < 8 && n) {
			unsigned int k = (unsigned int)((r >> 8) % n);
			struct blk b = mine[k];

			mine[k] = mine[--n];
			if (check_block(&b))
				__atomic_add_fetch(&errors, 1, __ATOMIC_RELAXED);
			__free_pages(b.page, b.order);
		} else if (what == 8 && n) {
			/* Hand a block to another hart to free. */
			unsigned int to = (unsigned int)((r >> 8) % NTHREADS);
			struct blk b = mine[--n];

			pthread_mutex_lock(&mailbox[to].lock);
			if (mailbox[to].n < SLOTS) {
				mailbox[to].q[mailbox[to].n++] = b;
				b.page = NULL;
			}
			pthread_mutex_unlock(&mailbox[to].lock);
			if (b.page)
				mine[n++] = b;
		} else {
			struct blk got[SLOTS];
			unsigned int cnt;

			pthread_mutex_lock(&mailbox[id].lock);
			cnt = mailbox[id].n;
			memcpy(got, mailbox[id].q, cnt * sizeof(got[0]));
			mailbox[id].n = 0;
			pthread_mutex_unlock(&mailbox[id].lock);
			for (unsigned int k = 0; k < cnt; k++) {
				if (check_block(&got[k]))
					__atomic_add_fetch(&errors, 1, __ATOMIC_RELAXED);
				__free_pages(got[k].page, got[k].order);
			}
			if (id == 0 && (r & 0xf00) == 0)
				drain_all_pages(NULL);
		}
	}
	while (n) {
		n--;
		if (check_block(&mine[n]))
			__atomic_add_fetch(&errors, 1, __ATOMIC_RELAXED);
		__free_pages(mine[n].page, mine[n].order);
	}
	__atomic_add_fetch(&total_ops, ops_per_thread, __ATOMIC_RELAXED);
	__atomic_add_fetch(&total_fail, fails, __ATOMIC_RELAXED);
	free(mine);
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct mmt_cfg cfg = { "dma=4M highmem=4M", 2, 16, true };
	pthread_t t[NTHREADS], irq;
	struct mmt_model m;
	int passed = 0, failed = 0;
	unsigned long alloc0, free0;

	if (argc > 1)
		ops_per_thread = strtoul(argv[1], NULL, 0);
	host_printk_enabled = 0;
	host_nr_cpus = NTHREADS;
	if (mmt_boot(&cfg)) {
		printf("boot failed\nsuite-result: 0 passed, 1 failed\n");
		return 1;
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_mutex_init(&mailbox[i].lock, NULL);
	alloc0 = pgalloc_sum();
	free0 = vm_event_sum(PGFREE);
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	pthread_create(&irq, NULL, irq_handler, (void *)(ops_per_thread / 2));
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	pthread_join(irq, NULL);
	/* Blocks still in mailboxes. */
	for (int i = 0; i < NTHREADS; i++)
		for (unsigned int k = 0; k < mailbox[i].n; k++)
			__free_pages(mailbox[i].q[k].page, mailbox[i].q[k].order);
	printf("%lu ops on %d threads and hart 0's interrupt handler, %lu failed allocations, "
	       "%d corrupted blocks, %lu bad-page reports, %lu pages allocated, %lu freed\n",
	       total_ops, NTHREADS, total_fail, errors, mm_bad_page_count, pgalloc_sum() - alloc0,
	       vm_event_sum(PGFREE) - free0);
	if (errors || mm_bad_page_count || pgalloc_sum() - alloc0 != vm_event_sum(PGFREE) - free0)
		failed++;
	else
		passed++;
	drain_all_pages(NULL);
	mmt_model_init(&m);
	if (mmt_check_full(&m) || global_free_pages() != totalram_pages) {
		printf("after the run: %s (free %lu of %lu)\n", mmt_err, global_free_pages(), totalram_pages);
		failed++;
	} else {
		passed++;
	}
	mmt_model_free(&m);
	printf("suite-result: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
