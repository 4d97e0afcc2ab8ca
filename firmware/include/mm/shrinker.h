// SPDX-License-Identifier: BSD-2-Clause
/* Shrinkers (Linux include/linux/shrinker.h): caches that can give memory back register a count
 * and a scan callback; reclaim calls shrink_slab(), which asks each for a share of its freeable
 * objects scaled by priority and seeks, in batches. Differences: registration takes a plain name
 * (Linux: a printf format), no memcg. Walkers run concurrently; (un)registration waits for them
 * (Linux's shrinker_rwsem). Work a call could not do (less than a batch) is deferred to the next
 * call, per node for NUMA-aware shrinkers, as Linux's nr_deferred. */
#ifndef MM_SHRINKER_H
#define MM_SHRINKER_H

#include <pagoda/types.h>
#include <pagoda/list.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

struct shrink_control {
	gfp_t gfp_mask;
	int nid;			/* node being reclaimed (0 for shrinkers not NUMA aware) */
	unsigned long nr_to_scan;	/* objects to scan this call */
	unsigned long nr_scanned;	/* the scan may lower it: objects it actually looked at */
};

#define SHRINK_STOP	(~0UL)		/* scan_objects: no progress possible now */
#define SHRINK_EMPTY	(~0UL - 1)	/* count_objects: nothing at all to free */
#define DEFAULT_SEEKS	2		/* cost to recreate an object (Linux's unit) */
#define SHRINK_BATCH	128		/* default scan batch */
#define DEF_PRIORITY	12		/* reclaim's gentlest priority; 0 scans all */

#define SHRINKER_NUMA_AWARE	(1u << 2)

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *s, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *s, struct shrink_control *sc);
	long batch;			/* objects per scan_objects call; 0: SHRINK_BATCH */
	int seeks;			/* DEFAULT_SEEKS; 0: half the freeable per call */
	unsigned int flags;
	const char *name;
	/* Objects owed from earlier calls (Linux's nr_deferred), per node when SHRINKER_NUMA_AWARE,
	 * else in [0]; taken whole by a call and what it left undone added back. */
	long nr_deferred[MAX_NUMNODES];
	struct list_head list;
	bool registered;
};

/* 0, or -22 (EINVAL) with a printed reason: no callback, already registered, negative seeks or
 * batch; nothing is registered then. */
int register_shrinker(struct shrinker *shrinker, const char *name);
void unregister_shrinker(struct shrinker *shrinker);	/* waits for a running shrink_slab() */
/* Ask every shrinker for (freeable >> priority) * 4 / seeks objects plus what earlier calls
 * deferred (>> priority), at most twice freeable, in batches; returns the objects freed.
 * priority 0..DEF_PRIORITY, nid 0..MAX_NUMNODES-1 (anything else: 0 and a message). */
unsigned long shrink_slab(gfp_t gfp, int nid, int priority);
/* The same, adding the objects the shrinkers looked at to *nr_scanned (reclaim's pgscan). */
unsigned long shrink_slab_scan(gfp_t gfp, int nid, int priority, unsigned long *nr_scanned);

#endif
