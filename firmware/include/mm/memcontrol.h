// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory cgroups (mm/memcontrol.c; Linux include/linux/memcontrol.h, include/linux/page_counter.h,
 * cgroup v2 semantics). A hierarchy of groups under the root; a task belongs to one (task->memcg,
 * NULL = the root); the pages a task owns are charged to its group and to every ancestor, and a
 * group's memory.max bounds its whole subtree. A charge above a limit reclaims the group's own
 * page-cache pages, then kills inside the group (Linux mem_cgroup_out_of_memory). See
 * docs/mm.md "Memory cgroups" for what differs from Linux.
 */
#ifndef MM_MEMCONTROL_H
#define MM_MEMCONTROL_H

#include <pagoda/list.h>
#include <pagoda/types.h>
#include <mm/gfp.h>

struct page;
struct task_struct;
struct mm_struct;

#define PAGE_COUNTER_MAX (~0UL >> 13)	/* Linux: LONG_MAX / PAGE_SIZE */

/* Linux struct page_counter: usage charged to this level, by every descendant included. */
struct page_counter {
	unsigned long usage;	/* atomic */
	unsigned long max;	/* memory.max in pages */
	unsigned long high;	/* memory.high in pages */
	unsigned long watermark;	/* highest usage seen (memory.peak) */
	unsigned long failcnt;	/* charges refused at this level */
	struct page_counter *parent;
};

void page_counter_init(struct page_counter *c, struct page_counter *parent);
/* Charge nr_pages at c and every ancestor; on a limit, undo and set *fail to the level that
 * refused. Linux page_counter_try_charge. */
bool page_counter_try_charge(struct page_counter *c, unsigned long nr_pages,
			     struct page_counter **fail);
void page_counter_charge(struct page_counter *c, unsigned long nr_pages);	/* no limit check */
void page_counter_uncharge(struct page_counter *c, unsigned long nr_pages);
static inline unsigned long page_counter_read(const struct page_counter *c)
{
	return __atomic_load_n(&c->usage, __ATOMIC_RELAXED);
}

/* memory.events (Linux enum memcg_memory_event). */
enum memcg_memory_event {
	MEMCG_LOW, MEMCG_HIGH, MEMCG_MAX, MEMCG_OOM, MEMCG_OOM_KILL, MEMCG_OOM_GROUP_KILL,
	MEMCG_NR_MEMORY_EVENTS,
};

/* memory.stat items this implementation keeps (Linux names). */
enum memcg_stat_item {
	MEMCG_ANON,		/* "anon": anonymous pages charged */
	MEMCG_FILE,		/* "file": page-cache pages charged */
	MEMCG_PGSCAN,		/* "pgscan": its pages scanned by reclaim (any reclaim) */
	MEMCG_PGSTEAL,		/* "pgsteal": its pages reclaimed */
	MEMCG_KMEM,		/* "kernel": __GFP_ACCOUNT pages charged (Linux MEMCG_KMEM), the
				 * pages charged for slab objects included (as Linux) */
	MEMCG_SLAB,		/* "slab": BYTES of accounted slab objects (Linux NR_SLAB_*_B) */
	MEMCG_NR_STAT,
};

#define MEMCG_NAME_LEN 16
#define MEM_CGROUP_ID_MAX 64	/* groups alive at once, the root included */

struct mem_cgroup {
	struct page_counter memory;
	unsigned short id;		/* 1.. (Linux mem_cgroup_id); a charged page records it */
	bool online;
	char name[MEMCG_NAME_LEN];
	struct mem_cgroup *parent;
	struct list_head children;	/* under memcg_tree_lock */
	struct list_head sibling;
	int refcnt;			/* tasks attached and mms charging to it (css refs) */
	long stat[MEMCG_NR_STAT];	/* local, atomic; memory.stat sums the subtree */
	unsigned long events[MEMCG_NR_MEMORY_EVENTS];		/* hierarchical (memory.events) */
	unsigned long events_local[MEMCG_NR_MEMORY_EVENTS];	/* memory.events.local */
	/* Bytes charged to the counter in whole pages, used by no object and held by no hart's
	 * stock (Linux obj_cgroup->nr_charged_bytes: what stocks drained); < PAGE_SIZE. */
	unsigned long nr_charged_bytes;
};

extern struct mem_cgroup root_mem_cgroup_data;
#define root_mem_cgroup (&root_mem_cgroup_data)

static inline bool mem_cgroup_is_root(const struct mem_cgroup *memcg)
{
	return memcg == root_mem_cgroup;
}

/* mm_init() starts a new allocator (the host tests boot many): only the root left. */
void mem_cgroup_reset(void);

/* Create a group under parent (NULL: the root); NULL with *err = -EINVAL (bad name), -EEXIST,
 * -ENOSPC (too many groups) or -ENOMEM. */
struct mem_cgroup *mem_cgroup_create(struct mem_cgroup *parent, const char *name, int *err);
/* Remove an empty group (Linux rmdir): 0, -EBUSY (children, tasks or charges left), -EINVAL. */
int mem_cgroup_remove(struct mem_cgroup *memcg);
/* A group by path ("A/B", "/" or "" for the root), or NULL. */
struct mem_cgroup *mem_cgroup_lookup(const char *path);
struct mem_cgroup *mem_cgroup_from_id(unsigned short id);
/* "/A/B" into buf. */
void mem_cgroup_path(const struct mem_cgroup *memcg, char *buf, size_t len);
/* memcg is ancestor or itself (Linux mem_cgroup_is_descendant(memcg, root)). */
bool mem_cgroup_is_descendant(const struct mem_cgroup *memcg, const struct mem_cgroup *root);

/* Move task p to memcg (Linux: write its pid to cgroup.procs). Charges stay where they were
 * (cgroup v2); the task's mm charges its new pages to the new group. 0 or -EINVAL. */
int mem_cgroup_attach_task(struct task_struct *p, struct mem_cgroup *memcg);
/* The same, for a caller under the task-list lock (a walk of sched_for_each_task). */
int mem_cgroup_attach_task_locked(struct task_struct *p, struct mem_cgroup *memcg);
struct mem_cgroup *mem_cgroup_from_task(const struct task_struct *p);
/* The group an mm's anonymous pages are charged to (Linux get_mem_cgroup_from_mm). */
struct mem_cgroup *get_mem_cgroup_from_mm(const struct mm_struct *mm);
void css_get(struct mem_cgroup *memcg);
void css_put(struct mem_cgroup *memcg);

/* memory.max / memory.high writes, in pages (PAGE_COUNTER_MAX = "max"). Setting max below the
 * usage reclaims, then OOM-kills inside the group, as Linux memory_max_write; returns 0, or
 * -EBUSY when the usage stayed above the new limit (Linux reports success then). */
int mem_cgroup_set_max(struct mem_cgroup *memcg, unsigned long pages);
int mem_cgroup_set_high(struct mem_cgroup *memcg, unsigned long pages);
/* Linux page_counter_memparse: "max", or bytes with an optional K/M/G suffix, rounded down to
 * pages; 0 or -EINVAL. */
int page_counter_memparse(const char *buf, const char *max, unsigned long *nr_pages);

/*
 * Charge a new page (order 0) to memcg (NULL: the root), page->memcg_id recording it (Linux
 * mem_cgroup_charge / __mem_cgroup_charge -> charge_memcg -> try_charge + commit_charge). anon
 * says which memory.stat item it counts in. 0 or -ENOMEM (the page is not charged then).
 */
int mem_cgroup_charge(struct page *page, struct mem_cgroup *memcg, gfp_t gfp, bool anon);
/* Undo the charge of a page (no-op for an uncharged one); Linux mem_cgroup_uncharge. */
void mem_cgroup_uncharge(struct page *page);
/* Hand old's charge to new (migration; Linux mem_cgroup_migrate). */
void mem_cgroup_migrate(struct page *old, struct page *new);
/* The group a page is charged to, or NULL. */
struct mem_cgroup *page_memcg(const struct page *page);
/* Count a memory.stat event (pgscan, pgsteal) on the page's group. */
void mem_cgroup_page_event(const struct page *page, enum memcg_stat_item item, unsigned long n);

/* Linux memcg_memory_event: count on memcg (local) and every ancestor (hierarchical). */
void memcg_memory_event(struct mem_cgroup *memcg, enum memcg_memory_event event);
/* memory.current: the counter; for the root (not charged, as Linux) its pages' stat sum. */
unsigned long mem_cgroup_usage(struct mem_cgroup *memcg);
/* memory.stat item summed over the subtree. */
unsigned long memcg_page_state(struct mem_cgroup *memcg, enum memcg_stat_item item);
/* The tightest max on the path to the root (Linux mem_cgroup_get_max, no swap). */
unsigned long mem_cgroup_get_max(struct mem_cgroup *memcg);
/* Pages the group may still charge before its own or an ancestor's limit. */
unsigned long mem_cgroup_margin(struct mem_cgroup *memcg);
/* Linux mem_cgroup_out_of_memory: kill inside memcg; true when memory was or will be freed. */
bool mem_cgroup_out_of_memory(struct mem_cgroup *memcg, gfp_t gfp, int order);
/* Print memory.current, max, high, events and stat (the shell, OOM reports). */
void mem_cgroup_show(struct mem_cgroup *memcg);
/* Every group, one line each (path, current, max). */
void mem_cgroup_show_tree(void);

/*
 * Kernel memory (Linux memcg_kmem_enabled(), __memcg_kmem_charge_page, 6.1): an allocation with
 * __GFP_ACCOUNT by a task outside the root group is charged to that group after it succeeds
 * (mm/page_alloc.c). memcg_kmem_online is Linux's static key: false until the first group besides
 * the root is created, then true for good; while it is false the page allocator's order-0 fast
 * path serves __GFP_ACCOUNT requests like any other, and while it is true it leaves them to the
 * full path (mm_update_fastpath), which charges.
 */
extern bool memcg_kmem_online;
static inline bool memcg_kmem_enabled(void)
{
	return __atomic_load_n(&memcg_kmem_online, __ATOMIC_RELAXED);
}
/* Charge a new block of 2^order pages to current's group (none for the root, interrupt context
 * or a request without __GFP_ACCOUNT's caller in a group): 0, or -ENOMEM after the group's
 * reclaim and OOM rules refused it (the caller frees the block). Marks it PG_memcg_kmem. */
int __memcg_kmem_charge_page(struct page *page, gfp_t gfp, unsigned int order);
/* free_pages_prepare(), for a PG_memcg_kmem block: the charge goes back to its group. */
void __memcg_kmem_uncharge_page(struct page *page, unsigned int order);

/*
 * Slab objects (Linux 6.1 obj_cgroup_charge / obj_cgroup_uncharge). Charge `size` bytes to
 * current's group: from this hart's byte stock when it holds that group and enough bytes
 * (consume_obj_stock), else whole pages from the page_counter (try_charge's reclaim / OOM /
 * NOFAIL / NORETRY rules) and the unused rest of the last page into the stock (refill_obj_stock,
 * which first drains the group the stock held: whole pages back to its counter, the rest to its
 * nr_charged_bytes). Returns the group holding a css reference (NULL: nothing charged: root,
 * interrupt context) or NULL with *err = -ENOMEM.
 */
struct mem_cgroup *memcg_obj_charge(gfp_t gfp, size_t size, int *err);
/* Give size bytes back to this hart's stock; above a page, whole pages go back to the counter. */
void memcg_obj_uncharge(struct mem_cgroup *memcg, size_t size);
/* Drain every hart's stock holding memcg (NULL: every stock); rmdir does it (drain_all_stock). */
void memcg_drain_obj_stocks(struct mem_cgroup *memcg);
/* Bytes the harts' stocks hold for memcg (charged, no object), and this hart's stock's group. */
unsigned long memcg_obj_stock_bytes(struct mem_cgroup *memcg);
struct mem_cgroup *memcg_obj_cached_here(void);

/* mm/memcg_bench.c: the bench cases (from mm_bench_run, interrupts masked). */
void memcg_bench_run(void);

/* mm/vmscan.c: reclaim nr_pages of memcg's subtree's page cache (Linux
 * try_to_free_mem_cgroup_pages); pages reclaimed. */
unsigned long try_to_free_mem_cgroup_pages(struct mem_cgroup *memcg, unsigned long nr_pages,
					   gfp_t gfp);

#endif
