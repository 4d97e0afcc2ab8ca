// SPDX-License-Identifier: BSD-2-Clause
/*
 * The shrinker registry and shrink_slab() (Linux mm/vmscan.c, do_shrink_slab in structure and
 * arithmetic). The page allocator's slow path calls shrink_slab() before it retries a request
 * that may reclaim; the slab allocator registers the first shrinker (mm/slub.c: empty slabs).
 */
#include <asm/barrier.h>
#include <pagoda/printk.h>
#include <pagoda/spinlock.h>
#include <pagoda/smp.h>
#include <mm/mm.h>
#include <mm/shrinker.h>
#include "internal.h"

static LIST_HEAD(shrinker_list);
/* Linux's shrinker_rwsem, as a reader count under a spinlock: any number of walkers at once
 * (kswapd on one hart, direct reclaim on another), and (un)registration waits until there is
 * none. A walker holds no lock while it calls the shrinkers. */
static spinlock_t shrinker_lock = SPIN_LOCK_UNLOCKED;
static unsigned int shrinker_readers;

/* Returns with shrinker_lock held and no walker running. */
static void shrinker_write_lock(void)
{
	for (;;) {
		spin_lock(&shrinker_lock);
		if (!READ_ONCE(shrinker_readers))
			return;
		spin_unlock(&shrinker_lock);
		cpu_relax();
	}
}

/* A new boot (host tests boot many times): every shrinker is forgotten. */
void shrinker_reset(void)
{
	struct shrinker *s, *t;

	list_for_each_entry_safe(s, t, &shrinker_list, list)
		s->registered = false;
	spin_lock_init(&shrinker_lock);
	shrinker_readers = 0;
	INIT_LIST_HEAD(&shrinker_list);
}

int register_shrinker(struct shrinker *s, const char *name)
{
	const char *why = NULL;

	if (!s)
		why = "NULL shrinker";
	else if (!s->count_objects || !s->scan_objects)
		why = "count_objects and scan_objects are both required";
	else if (s->seeks < 0 || s->batch < 0)
		why = "negative seeks or batch";
	else if (s->registered)
		why = "already registered";
	if (why) {
		printk("error: register_shrinker(%s): %s\n", name ? name : "(null)", why);
		return -22;
	}
	s->name = name;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		s->nr_deferred[nid] = 0;
	shrinker_write_lock();
	list_add_tail(&s->list, &shrinker_list);
	s->registered = true;
	spin_unlock(&shrinker_lock);
	return 0;
}

void unregister_shrinker(struct shrinker *s)
{
	if (!s || !s->registered)
		return;
	shrinker_write_lock();
	list_del(&s->list);
	s->registered = false;
	spin_unlock(&shrinker_lock);
}

static unsigned long do_shrink_slab(struct shrink_control *sc, struct shrinker *s, int priority,
				    unsigned long *total_scanned)
{
	unsigned long batch = s->batch ? (unsigned long)s->batch : SHRINK_BATCH;
	unsigned long freeable, delta, total_scan, freed = 0, scanned = 0, nr;
	long *deferred = &s->nr_deferred[sc->nid];
	long next;

	freeable = s->count_objects(s, sc);
	if (freeable == 0 || freeable == SHRINK_EMPTY)
		return 0;
	/* Taken whole, so a concurrent caller (another node's walk) doesn't do it twice. */
	nr = (unsigned long)__atomic_exchange_n(deferred, 0, __ATOMIC_RELAXED);
	if (s->seeks) {
		delta = (freeable >> priority) * 4 / (unsigned long)s->seeks;
	} else {
		delta = freeable / 2;	/* objects that cost nothing to recreate */
	}
	total_scan = min((nr >> priority) + delta, freeable * 2);
	/* Whole batches, or everything when less than a batch is freeable (Linux's condition). */
	while (total_scan >= batch || total_scan >= freeable) {
		unsigned long ret, n = min(batch, total_scan);

		sc->nr_to_scan = n;
		sc->nr_scanned = n;
		ret = s->scan_objects(s, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		*total_scanned += min(sc->nr_scanned, total_scan);
		if (!sc->nr_scanned || sc->nr_scanned > total_scan)
			break;	/* no progress, or a scan that overran: don't loop on it */
		total_scan -= sc->nr_scanned;
		scanned += sc->nr_scanned;
		if (!total_scan)
			break;
	}
	/* Linux's rule: the new work not done is owed, the old work done is paid, at most twice
	 * the freeable count. */
	next = (long)(nr + delta) - (long)scanned;
	next = min(max(next, 0L), (long)(freeable * 2));
	__atomic_add_fetch(deferred, next, __ATOMIC_RELAXED);
	return freed;
}

unsigned long shrink_slab(gfp_t gfp, int nid, int priority)
{
	unsigned long scanned = 0;

	return shrink_slab_scan(gfp, nid, priority, &scanned);
}

unsigned long shrink_slab_scan(gfp_t gfp, int nid, int priority, unsigned long *nr_scanned)
{
	struct shrinker *s;
	unsigned long freed = 0;

	if (priority < 0 || priority > DEF_PRIORITY) {
		printk("error: shrink_slab: priority %d outside 0..%d\n", priority, DEF_PRIORITY);
		return 0;
	}
	if ((unsigned int)nid >= MAX_NUMNODES) {
		printk("error: shrink_slab: node %d outside 0..%d\n", nid, MAX_NUMNODES - 1);
		return 0;
	}
	if (in_interrupt())
		return 0;
	spin_lock(&shrinker_lock);
	shrinker_readers++;
	spin_unlock(&shrinker_lock);
	list_for_each_entry(s, &shrinker_list, list) {
		struct shrink_control sc = {
			.gfp_mask = gfp,
			.nid = (s->flags & SHRINKER_NUMA_AWARE) ? nid : 0,
		};

		freed += do_shrink_slab(&sc, s, priority, nr_scanned);
	}
	spin_lock(&shrinker_lock);
	shrinker_readers--;
	spin_unlock(&shrinker_lock);
	return freed;
}
