// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory cgroups (Linux mm/memcontrol.c and mm/page_counter.c, 6.1, cgroup v2 semantics).
 *
 * Charging: a new anonymous page (mm/anon.c, to the mm's group) or page-cache page (mm/filemap.c,
 * to the current task's group) is charged before it is mapped or inserted; page->memcg_data
 * records the group; unmapping (anon) or removal from the cache (file) uncharges it. A charge
 * goes up the hierarchy in one page_counter_try_charge(); the first level over its memory.max
 * refuses it, and try_charge() then works as Linux's: reclaim that level's subtree
 * (try_to_free_mem_cgroup_pages, mm/vmscan.c), retry, and after MAX_RECLAIM_RETRIES rounds
 * without room the memcg OOM killer (mem_cgroup_oom -> mem_cgroup_out_of_memory), which picks
 * the victim among the tasks of that subtree only (mm/oom_kill.c). The root group is never
 * charged (Linux: no counter at the root), but its pages are recorded and counted in its stats.
 *
 * Locks: memcg_tree_lock covers the tree (children lists, the id table, create/remove, css
 * references); counters, stats and events are atomics. Differences from Linux: docs/mm.md
 * "Memory cgroups".
 */
#include <pagoda/kstrtox.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/string.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/slab.h>
#include "internal.h"

#define MAX_RECLAIM_RETRIES 16
#define MEMCG_DATA_ANON 0x80000000u	/* page->memcg_data: charged as anonymous */
#define MEMCG_DATA_KMEM 0x40000000u	/* charged as kernel memory (Linux MEMCG_DATA_KMEM) */
#define MEMCG_DATA_ID_MASK 0xffffu

struct mem_cgroup root_mem_cgroup_data;
bool memcg_kmem_online;
static struct mem_cgroup *memcg_ids[MEM_CGROUP_ID_MAX];
static spinlock_t memcg_tree_lock = SPIN_LOCK_UNLOCKED;

static inline void atomic_add_ul(unsigned long *p, long d)
{
	__atomic_add_fetch(p, (unsigned long)d, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- page_counter */

void page_counter_init(struct page_counter *c, struct page_counter *parent)
{
	memset(c, 0, sizeof(*c));
	c->max = PAGE_COUNTER_MAX;
	c->high = PAGE_COUNTER_MAX;
	c->parent = parent;
}

static void page_counter_cancel(struct page_counter *c, unsigned long nr_pages)
{
	unsigned long old = __atomic_fetch_sub(&c->usage, nr_pages, __ATOMIC_RELAXED);

	WARN_ON_ONCE(old < nr_pages);	/* Linux: "page_counter underflow" */
}

static void page_counter_note_watermark(struct page_counter *c, unsigned long usage)
{
	if (usage > READ_ONCE(c->watermark))
		WRITE_ONCE(c->watermark, usage);
}

void page_counter_charge(struct page_counter *counter, unsigned long nr_pages)
{
	for (struct page_counter *c = counter; c; c = c->parent)
		page_counter_note_watermark(c, __atomic_add_fetch(&c->usage, nr_pages,
								  __ATOMIC_RELAXED));
}

bool page_counter_try_charge(struct page_counter *counter, unsigned long nr_pages,
			     struct page_counter **fail)
{
	struct page_counter *c;

	for (c = counter; c; c = c->parent) {
		unsigned long usage = __atomic_add_fetch(&c->usage, nr_pages, __ATOMIC_RELAXED);

		/* Add first, then check: racing chargers may each see the other's pages and both
		 * fail near the limit, but never both pass it (Linux's reasoning). */
		if (usage > READ_ONCE(c->max)) {
			__atomic_sub_fetch(&c->usage, nr_pages, __ATOMIC_RELAXED);
			atomic_add_ul(&c->failcnt, 1);
			*fail = c;
			goto failed;
		}
		page_counter_note_watermark(c, usage);
	}
	return true;
failed:
	for (c = counter; c != *fail; c = c->parent)
		page_counter_cancel(c, nr_pages);
	return false;
}

void page_counter_uncharge(struct page_counter *counter, unsigned long nr_pages)
{
	for (struct page_counter *c = counter; c; c = c->parent)
		page_counter_cancel(c, nr_pages);
}

int page_counter_memparse(const char *buf, const char *max, unsigned long *nr_pages)
{
	u64 bytes;

	if (!buf || !*buf)
		return -EINVAL;
	if (!strcmp(buf, max)) {
		*nr_pages = PAGE_COUNTER_MAX;
		return 0;
	}
	/* Linux memparse: bytes, K/M/G suffixes; rounded down to pages, capped at the max. */
	if (kstrtosize(buf, &bytes))
		return -EINVAL;
	bytes /= PAGE_SIZE;
	*nr_pages = bytes > PAGE_COUNTER_MAX ? PAGE_COUNTER_MAX : (unsigned long)bytes;
	return 0;
}

/* ---------------------------------------------------------------- the tree */

/*
 * Linux struct obj_stock (6.1 memcg_stock_pcp's object half): bytes charged to one group ahead,
 * per hart. Linux disables preemption/interrupts around it; here a lock with interrupts off, so
 * mem_cgroup_remove() may drain another hart's stock (Linux drain_all_stock's work items).
 */
struct obj_stock {
	spinlock_t lock;
	struct mem_cgroup *cached;	/* holds a css reference */
	unsigned long nr_bytes;
} __aligned(64);
static struct obj_stock obj_stock[NR_CPUS] = { [0 ... NR_CPUS - 1] = { .lock = SPIN_LOCK_UNLOCKED } };

void mem_cgroup_reset(void)
{
	struct mem_cgroup *root = root_mem_cgroup;

	/* The old allocator's groups went with its memory: forget them. */
	spin_lock_init(&memcg_tree_lock);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		spin_lock_init(&obj_stock[cpu].lock);
		obj_stock[cpu].cached = NULL;
		obj_stock[cpu].nr_bytes = 0;
	}
	memset(memcg_ids, 0, sizeof(memcg_ids));
	memset(root, 0, sizeof(*root));
	WRITE_ONCE(memcg_kmem_online, false);	/* mm_init's mm_update_fastpath() follows */
	page_counter_init(&root->memory, NULL);
	root->id = 1;
	root->online = true;
	INIT_LIST_HEAD(&root->children);
	INIT_LIST_HEAD(&root->sibling);
	memcg_ids[1] = root;
}

struct mem_cgroup *mem_cgroup_from_id(unsigned short id)
{
	return id && id < MEM_CGROUP_ID_MAX ? READ_ONCE(memcg_ids[id]) : NULL;
}

bool mem_cgroup_is_descendant(const struct mem_cgroup *memcg, const struct mem_cgroup *root)
{
	for (; memcg; memcg = memcg->parent)
		if (memcg == root)
			return true;
	return false;
}

/* A cgroup directory name (memcg and cpuset): 1..len_max-1 of [A-Za-z0-9_.-], not "." or "..". */
bool cgroup_name_ok(const char *name, size_t len_max)
{
	size_t n = name ? strlen(name) : 0;

	if (!n || n >= len_max || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

static struct mem_cgroup *memcg_child_locked(struct mem_cgroup *parent, const char *name, size_t n)
{
	struct mem_cgroup *it;

	list_for_each_entry(it, &parent->children, sibling)
		if (strlen(it->name) == n && !memcmp(it->name, name, n))
			return it;
	return NULL;
}

struct mem_cgroup *mem_cgroup_create(struct mem_cgroup *parent, const char *name, int *err)
{
	struct mem_cgroup *memcg;
	int id = 0;

	*err = 0;
	if (!parent)
		parent = root_mem_cgroup;
	if (!cgroup_name_ok(name, MEMCG_NAME_LEN)) {
		*err = -EINVAL;
		return NULL;
	}
	memcg = kzalloc(sizeof(*memcg), GFP_KERNEL);
	if (!memcg) {
		*err = -ENOMEM;
		return NULL;
	}
	spin_lock(&memcg_tree_lock);
	if (!parent->online || memcg_child_locked(parent, name, strlen(name))) {
		*err = -EEXIST;
	} else {
		for (id = 2; id < MEM_CGROUP_ID_MAX && memcg_ids[id]; id++)
			;
		if (id == MEM_CGROUP_ID_MAX)
			*err = -ENOSPC;
	}
	if (!*err) {
		page_counter_init(&memcg->memory, &parent->memory);
		memcg->id = (unsigned short)id;
		memcg->online = true;
		memcpy(memcg->name, name, strlen(name) + 1);
		memcg->parent = parent;
		INIT_LIST_HEAD(&memcg->children);
		list_add_tail(&memcg->sibling, &parent->children);
		WRITE_ONCE(memcg_ids[id], memcg);
	}
	spin_unlock(&memcg_tree_lock);
	if (*err) {
		kfree(memcg);
		return NULL;
	}
	/* Linux memcg_online_kmem -> static_branch_enable(&memcg_kmem_enabled_key): on for good;
	 * the fast path then leaves __GFP_ACCOUNT requests to the full path, which charges. */
	if (!memcg_kmem_enabled()) {
		__atomic_store_n(&memcg_kmem_online, true, __ATOMIC_RELEASE);
		mm_update_fastpath();
	}
	return memcg;
}

int mem_cgroup_remove(struct mem_cgroup *memcg)
{
	int err = 0;

	if (!memcg || mem_cgroup_is_root(memcg))
		return -EINVAL;
	/* Linux drains every CPU's stock of an offlined group (drain_all_stock); the bytes a stock
	 * held ahead are no charge of a live object. */
	memcg_drain_obj_stocks(memcg);
	spin_lock(&memcg_tree_lock);
	/* Linux refuses children and tasks, and keeps a group with charges left as an offline
	 * zombie until they go; here charges (css references) keep it from going at all. */
	if (!list_empty(&memcg->children) || memcg->refcnt || page_counter_read(&memcg->memory)) {
		err = -EBUSY;
	} else {
		memcg->online = false;
		list_del(&memcg->sibling);
		WRITE_ONCE(memcg_ids[memcg->id], NULL);
	}
	spin_unlock(&memcg_tree_lock);
	if (!err)
		kfree(memcg);
	return err;
}

struct mem_cgroup *mem_cgroup_lookup(const char *path)
{
	struct mem_cgroup *memcg = root_mem_cgroup;

	if (!path)
		return NULL;
	spin_lock(&memcg_tree_lock);
	while (*path && memcg) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = path;
		while (*end && *end != '/')
			end++;
		memcg = memcg_child_locked(memcg, path, (size_t)(end - path));
		path = end;
	}
	spin_unlock(&memcg_tree_lock);
	return memcg;
}

void mem_cgroup_path(const struct mem_cgroup *memcg, char *buf, size_t len)
{
	const struct mem_cgroup *chain[MEM_CGROUP_ID_MAX];
	size_t n = 0, pos = 0;

	if (!len)
		return;
	buf[0] = 0;
	for (; memcg && !mem_cgroup_is_root(memcg) && n < MEM_CGROUP_ID_MAX; memcg = memcg->parent)
		chain[n++] = memcg;
	if (!n)
		snprintf(buf, len, "/");
	while (n-- && pos < len)
		pos += (size_t)snprintf(buf + pos, len - pos, "/%s", chain[n]->name);
}

void css_get(struct mem_cgroup *memcg)
{
	if (memcg)
		__atomic_add_fetch(&memcg->refcnt, 1, __ATOMIC_RELAXED);
}

void css_put(struct mem_cgroup *memcg)
{
	if (memcg)
		WARN_ON_ONCE(__atomic_sub_fetch(&memcg->refcnt, 1, __ATOMIC_RELAXED) < 0);
}

struct mem_cgroup *mem_cgroup_from_task(const struct task_struct *p)
{
	struct mem_cgroup *memcg = p ? READ_ONCE(p->memcg) : NULL;

	return memcg ? memcg : root_mem_cgroup;
}

struct mem_cgroup *get_mem_cgroup_from_mm(const struct mm_struct *mm)
{
	struct mem_cgroup *memcg = mm ? READ_ONCE(mm->memcg) : NULL;

	return memcg ? memcg : root_mem_cgroup;
}

struct attach_ctx {
	struct task_struct *p;
	struct mem_cgroup *to;
	bool done;
};

/* Under the task-list lock, where p's mm is live: Linux's mm->owner is p, so the mm's new
 * charges follow it (mem_cgroup_move_task without moving the old charges: cgroup v2). */
static void attach_one(struct task_struct *p, void *arg)
{
	struct attach_ctx *a = arg;
	struct mem_cgroup *old;

	if (p != a->p)
		return;
	old = p->memcg;
	css_get(a->to);
	WRITE_ONCE(p->memcg, a->to);
	css_put(old);
	if (p->mm) {
		old = p->mm->memcg;
		css_get(a->to);
		WRITE_ONCE(p->mm->memcg, a->to);
		css_put(old);
	}
	a->done = true;
}

int mem_cgroup_attach_task_locked(struct task_struct *p, struct mem_cgroup *memcg)
{
	struct attach_ctx a = { .p = p, .to = memcg };

	if (!p || !memcg || !memcg->online || (p->flags & PF_IDLE))
		return -EINVAL;
	if (mem_cgroup_is_root(memcg))
		a.to = NULL;
	attach_one(p, &a);
	return 0;
}

int mem_cgroup_attach_task(struct task_struct *p, struct mem_cgroup *memcg)
{
	struct attach_ctx a = { .p = p, .to = memcg };

	/* Linux keeps kernel threads in the root; every Pagoda task is one, so only the idle
	 * tasks stay put. */
	if (!p || !memcg || !memcg->online || (p->flags & PF_IDLE))
		return -EINVAL;
	if (mem_cgroup_is_root(memcg))
		a.to = NULL;	/* the root holds no references */
	if (!sched_ready()) {	/* before the scheduler: a task not on any list yet */
		attach_one(p, &a);
		return 0;
	}
	sched_for_each_task(attach_one, &a);
	if (!a.done) {		/* a new task not yet on the list: its creator attaches it */
		attach_one(p, &a);
	}
	return 0;
}

void cgroup_exit(struct task_struct *p)
{
	/* Most tasks never left the roots: no walk of the task list for them. */
	if (READ_ONCE(p->memcg))
		mem_cgroup_attach_task(p, root_mem_cgroup);
	if (READ_ONCE(p->cpuset))
		cpuset_attach_task(p, top_cpuset);
}

/* ---------------------------------------------------------------- stats and events */

void memcg_memory_event(struct mem_cgroup *memcg, enum memcg_memory_event event)
{
	if (!memcg)
		memcg = root_mem_cgroup;
	atomic_add_ul(&memcg->events_local[event], 1);
	for (; memcg; memcg = memcg->parent)
		atomic_add_ul(&memcg->events[event], 1);
}

static void memcg_stat_add(struct mem_cgroup *memcg, enum memcg_stat_item item, long n)
{
	__atomic_add_fetch(&memcg->stat[item], n, __ATOMIC_RELAXED);
}

static unsigned long memcg_page_state_locked(struct mem_cgroup *memcg, enum memcg_stat_item item)
{
	struct mem_cgroup *child;
	long v = __atomic_load_n(&memcg->stat[item], __ATOMIC_RELAXED);

	list_for_each_entry(child, &memcg->children, sibling)
		v += (long)memcg_page_state_locked(child, item);
	return v < 0 ? 0 : (unsigned long)v;
}

unsigned long memcg_page_state(struct mem_cgroup *memcg, enum memcg_stat_item item)
{
	unsigned long v;

	spin_lock(&memcg_tree_lock);
	v = memcg_page_state_locked(memcg, item);
	spin_unlock(&memcg_tree_lock);
	return v;
}

unsigned long mem_cgroup_usage(struct mem_cgroup *memcg)
{
	/* Linux mem_cgroup_usage(root): the stats, as the root has no counter. */
	if (mem_cgroup_is_root(memcg))
		return memcg_page_state(memcg, MEMCG_ANON) + memcg_page_state(memcg, MEMCG_FILE) +
		       memcg_page_state(memcg, MEMCG_KMEM);
	return page_counter_read(&memcg->memory);
}

unsigned long mem_cgroup_get_max(struct mem_cgroup *memcg)
{
	unsigned long max = PAGE_COUNTER_MAX;

	for (; memcg && !mem_cgroup_is_root(memcg); memcg = memcg->parent)
		if (READ_ONCE(memcg->memory.max) < max)
			max = READ_ONCE(memcg->memory.max);
	return max == PAGE_COUNTER_MAX ? totalram_pages : max;
}

unsigned long mem_cgroup_margin(struct mem_cgroup *memcg)
{
	unsigned long margin = PAGE_COUNTER_MAX;

	for (; memcg && !mem_cgroup_is_root(memcg); memcg = memcg->parent) {
		unsigned long usage = page_counter_read(&memcg->memory);
		unsigned long max = READ_ONCE(memcg->memory.max);
		unsigned long m = usage < max ? max - usage : 0;

		if (m < margin)
			margin = m;
	}
	return margin;
}

/* ---------------------------------------------------------------- charging */

static bool task_is_dying(void)
{
	return tsk_is_oom_victim(current) || fatal_signal_pending(current) ||
	       (current->flags & PF_EXITING);
}

/* Linux mem_cgroup_oom: costly orders never kill; the event, then the kill. Linux skips the kill
 * for a group with oom_kill_disable (cgroup v1 only). */
static bool mem_cgroup_oom(struct mem_cgroup *memcg, gfp_t gfp, int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return false;
	memcg_memory_event(memcg, MEMCG_OOM);
	return mem_cgroup_out_of_memory(memcg, gfp, order);
}

bool mem_cgroup_out_of_memory(struct mem_cgroup *memcg, gfp_t gfp, int order)
{
	struct oom_control oc = { .memcg = memcg, .gfp_mask = gfp, .order = order };

	/* Linux checks the margin again under oom_lock; here out_of_memory() takes that lock
	 * (trylock), so the check is just before it: a kill by another task in between makes
	 * this one kill once more than Linux would. */
	if (mem_cgroup_margin(memcg) >= (1UL << order))
		return true;
	return task_is_dying() || out_of_memory(&oc);
}

/* Linux reclaim_high: every level above its memory.high reclaims its excess, synchronously in
 * the charging task (Linux: on the way back to user space, then a throttling sleep). */
static void reclaim_high(struct mem_cgroup *memcg, gfp_t gfp)
{
	for (; memcg && !mem_cgroup_is_root(memcg); memcg = memcg->parent) {
		unsigned long usage = page_counter_read(&memcg->memory);
		unsigned long high = READ_ONCE(memcg->memory.high);

		if (usage <= high)
			continue;
		memcg_memory_event(memcg, MEMCG_HIGH);
		if (gfpflags_allow_blocking(gfp) && !(current->flags & PF_MEMALLOC))
			try_to_free_mem_cgroup_pages(memcg, usage - high, gfp);
	}
}

/*
 * Linux try_charge (6.1, without the per-CPU stock: every charge goes to the counters, no batch
 * of MEMCG_CHARGE_BATCH pages is taken ahead). 0 or -ENOMEM.
 */
static int try_charge(struct mem_cgroup *memcg, gfp_t gfp, unsigned int nr_pages)
{
	int nr_retries = MAX_RECLAIM_RETRIES;
	struct mem_cgroup *mem_over_limit;
	struct page_counter *counter;
	bool raised_max_event = false, passed_oom = false;
	unsigned long nr_reclaimed;

	if (mem_cgroup_is_root(memcg))
		return 0;
retry:
	if (page_counter_try_charge(&memcg->memory, nr_pages, &counter))
		goto done;
	mem_over_limit = container_of(counter, struct mem_cgroup, memory);
	/* Reclaimers may go over a limit rather than recurse into reclaim (Linux). */
	if (current->flags & PF_MEMALLOC)
		goto force;
	if (!gfpflags_allow_blocking(gfp))
		goto nomem;
	memcg_memory_event(mem_over_limit, MEMCG_MAX);
	raised_max_event = true;
	nr_reclaimed = try_to_free_mem_cgroup_pages(mem_over_limit, nr_pages, gfp);
	if (mem_cgroup_margin(mem_over_limit) >= nr_pages)
		goto retry;
	if (gfp & __GFP_NORETRY)
		goto nomem;
	if (nr_reclaimed && nr_pages <= (1U << PAGE_ALLOC_COSTLY_ORDER))
		goto retry;
	if (nr_retries--)
		goto retry;
	if (gfp & __GFP_RETRY_MAYFAIL)
		goto nomem;
	if (passed_oom && task_is_dying())
		goto nomem;
	if (mem_cgroup_oom(mem_over_limit, gfp, nr_pages > 1 ? 31 - __builtin_clz(nr_pages) : 0)) {
		passed_oom = true;
		nr_retries = MAX_RECLAIM_RETRIES;
		goto retry;
	}
nomem:
	/* No reserve for atomic charges: NOFAIL and __GFP_HIGH go over the limit (Linux). */
	if (!(gfp & (__GFP_NOFAIL | __GFP_HIGH)))
		return -ENOMEM;
force:
	if (!raised_max_event)
		memcg_memory_event(mem_over_limit, MEMCG_MAX);
	page_counter_charge(&memcg->memory, nr_pages);
	return 0;
done:
	reclaim_high(memcg, gfp);
	return 0;
}

int mem_cgroup_charge(struct page *page, struct mem_cgroup *memcg, gfp_t gfp, bool anon)
{
	int err;

	if (!memcg)
		memcg = root_mem_cgroup;
	err = try_charge(memcg, gfp, 1);
	if (err)
		return err;
	/* Linux commit_charge: the page holds a css reference (none at the root). */
	if (!mem_cgroup_is_root(memcg))
		css_get(memcg);
	page->memcg_data = memcg->id | (anon ? MEMCG_DATA_ANON : 0);
	memcg_stat_add(memcg, anon ? MEMCG_ANON : MEMCG_FILE, 1);
	return 0;
}

struct mem_cgroup *page_memcg(const struct page *page)
{
	u32 data = READ_ONCE(page->memcg_data);

	return data ? mem_cgroup_from_id((unsigned short)(data & MEMCG_DATA_ID_MASK)) : NULL;
}

void mem_cgroup_uncharge(struct page *page)
{
	u32 data = page->memcg_data;
	struct mem_cgroup *memcg = page_memcg(page);

	if (!data)
		return;
	page->memcg_data = 0;
	if (WARN_ON_ONCE(!memcg))
		return;
	memcg_stat_add(memcg, (data & MEMCG_DATA_ANON) ? MEMCG_ANON : MEMCG_FILE, -1);
	if (!mem_cgroup_is_root(memcg)) {
		page_counter_uncharge(&memcg->memory, 1);
		css_put(memcg);
	}
}

/*
 * Linux __memcg_kmem_charge_page (6.1) -> obj_cgroup_charge_pages -> try_charge_memcg: the same
 * try_charge as user pages (reclaim of the group's own pages, then the memcg OOM killer inside
 * the group; __GFP_NORETRY and __GFP_RETRY_MAYFAIL fail before the kill, __GFP_NOFAIL is forced
 * over the limit). Linux charges an obj_cgroup, which rmdir reparents; here the page records
 * the group itself and holds a reference on it, so rmdir refuses (-EBUSY) while kernel pages
 * charged to the group live, even after every task left it (docs/mm.md "Memory cgroups").
 */
int __memcg_kmem_charge_page(struct page *page, gfp_t gfp, unsigned int order)
{
	struct mem_cgroup *memcg;
	unsigned int nr_pages = 1U << order;

	/* Linux get_obj_cgroup_from_current: interrupts charge nobody (no active_memcg here). */
	if (in_interrupt())
		return 0;
	memcg = mem_cgroup_from_task(current);
	if (mem_cgroup_is_root(memcg))
		return 0;
	if (try_charge(memcg, gfp, nr_pages))
		return -ENOMEM;
	css_get(memcg);
	page->memcg_data = memcg->id | MEMCG_DATA_KMEM;
	SetPageMemcgKmem(page);
	memcg_stat_add(memcg, MEMCG_KMEM, nr_pages);
	return 0;
}

void __memcg_kmem_uncharge_page(struct page *page, unsigned int order)
{
	u32 data = page->memcg_data;
	struct mem_cgroup *memcg = page_memcg(page);
	unsigned long nr_pages = 1UL << order;

	page->memcg_data = 0;
	__ClearPageMemcgKmem(page);
	if (WARN_ON_ONCE(!memcg || !(data & MEMCG_DATA_KMEM)))
		return;
	memcg_stat_add(memcg, MEMCG_KMEM, -(long)nr_pages);
	page_counter_uncharge(&memcg->memory, nr_pages);
	css_put(memcg);
}

/* ---------------------------------------------------------------- slab objects */

/* memcg->nr_charged_bytes (Linux's per-objcg atomic, the stocks' overflow). */
static spinlock_t memcg_obj_lock = SPIN_LOCK_UNLOCKED;


static void memcg_obj_uncharge_pages(struct mem_cgroup *memcg, unsigned long nr_pages)
{
	if (!nr_pages)
		return;
	memcg_stat_add(memcg, MEMCG_KMEM, -(long)nr_pages);
	page_counter_uncharge(&memcg->memory, nr_pages);
}

/* Linux drain_obj_stock (stock locked): whole pages back to the counter, the rest to the group's
 * nr_charged_bytes; the group to put is returned (css_put outside nothing: it is an atomic). */
static void drain_obj_stock(struct obj_stock *stock)
{
	struct mem_cgroup *old = stock->cached;
	unsigned long flags, nr_pages, rest;

	if (!old)
		return;
	nr_pages = stock->nr_bytes >> PAGE_SHIFT;
	rest = stock->nr_bytes & (PAGE_SIZE - 1);
	if (rest) {
		spin_lock_irqsave(&memcg_obj_lock, flags);
		old->nr_charged_bytes += rest;
		if (old->nr_charged_bytes >= PAGE_SIZE) {	/* drains from several harts */
			nr_pages += old->nr_charged_bytes >> PAGE_SHIFT;
			old->nr_charged_bytes &= PAGE_SIZE - 1;
		}
		spin_unlock_irqrestore(&memcg_obj_lock, flags);
	}
	memcg_obj_uncharge_pages(old, nr_pages);
	stock->cached = NULL;
	stock->nr_bytes = 0;
	css_put(old);
}

/* Linux consume_obj_stock. */
static bool consume_obj_stock(struct mem_cgroup *memcg, unsigned long size)
{
	struct obj_stock *stock;
	unsigned long flags;
	bool ret = false;

	local_irq_save(flags);
	stock = &obj_stock[smp_processor_id()];
	spin_lock(&stock->lock);
	if (stock->cached == memcg && stock->nr_bytes >= size) {
		stock->nr_bytes -= size;
		ret = true;
	}
	spin_unlock(&stock->lock);
	local_irq_restore(flags);
	return ret;
}

/* Linux refill_obj_stock: nr_bytes into this hart's stock, which switches to memcg first
 * (draining the group it held); above a page, with allow_uncharge, whole pages go back. */
static void refill_obj_stock(struct mem_cgroup *memcg, unsigned long nr_bytes, bool allow_uncharge)
{
	struct obj_stock *stock;
	unsigned long flags, f2, nr_pages = 0;

	local_irq_save(flags);
	stock = &obj_stock[smp_processor_id()];
	spin_lock(&stock->lock);
	if (stock->cached != memcg) {
		drain_obj_stock(stock);
		css_get(memcg);
		stock->cached = memcg;
		spin_lock_irqsave(&memcg_obj_lock, f2);
		stock->nr_bytes = memcg->nr_charged_bytes;
		memcg->nr_charged_bytes = 0;
		spin_unlock_irqrestore(&memcg_obj_lock, f2);
		allow_uncharge = true;	/* as Linux: the group's leftover may hold pages */
	}
	stock->nr_bytes += nr_bytes;
	if (allow_uncharge && stock->nr_bytes > PAGE_SIZE) {
		nr_pages = stock->nr_bytes >> PAGE_SHIFT;
		stock->nr_bytes &= PAGE_SIZE - 1;
	}
	spin_unlock(&stock->lock);
	local_irq_restore(flags);
	memcg_obj_uncharge_pages(memcg, nr_pages);
}

void memcg_drain_obj_stocks(struct mem_cgroup *memcg)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct obj_stock *stock = &obj_stock[cpu];
		unsigned long flags;

		spin_lock_irqsave(&stock->lock, flags);
		if (!memcg || stock->cached == memcg)
			drain_obj_stock(stock);
		spin_unlock_irqrestore(&stock->lock, flags);
	}
}

unsigned long memcg_obj_stock_bytes(struct mem_cgroup *memcg)
{
	unsigned long n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (READ_ONCE(obj_stock[cpu].cached) == memcg)
			n += READ_ONCE(obj_stock[cpu].nr_bytes);
	return n;
}

struct mem_cgroup *memcg_obj_cached_here(void)
{
	return READ_ONCE(obj_stock[smp_processor_id()].cached);
}

struct mem_cgroup *memcg_obj_charge(gfp_t gfp, size_t size, int *err)
{
	struct mem_cgroup *memcg;
	unsigned long nr_pages, nr_bytes;

	*err = 0;
	if (in_interrupt())
		return NULL;	/* as __memcg_kmem_charge_page: interrupts charge nobody */
	memcg = mem_cgroup_from_task(current);
	if (mem_cgroup_is_root(memcg))
		return NULL;
	if (consume_obj_stock(memcg, size))
		goto charged;
	/* Linux obj_cgroup_charge: whole pages for size, the unused tail refilled as bytes. */
	nr_pages = size >> PAGE_SHIFT;
	nr_bytes = size & (PAGE_SIZE - 1);
	if (nr_bytes)
		nr_pages++;
	if (try_charge(memcg, gfp, (unsigned int)nr_pages)) {
		*err = -ENOMEM;
		return NULL;
	}
	memcg_stat_add(memcg, MEMCG_KMEM, (long)nr_pages);
	if (nr_bytes)
		refill_obj_stock(memcg, PAGE_SIZE - nr_bytes, false);
charged:
	css_get(memcg);
	memcg_stat_add(memcg, MEMCG_SLAB, (long)size);
	return memcg;
}

void memcg_obj_uncharge(struct mem_cgroup *memcg, size_t size)
{
	if (!memcg)
		return;
	memcg_stat_add(memcg, MEMCG_SLAB, -(long)size);
	refill_obj_stock(memcg, size, true);
	css_put(memcg);
}

void mem_cgroup_migrate(struct page *old, struct page *new)
{
	/* Linux charges new and leaves old to be uncharged when freed; the pair is never both
	 * live here (the caller switches the mapping in one step), so the charge moves. */
	new->memcg_data = old->memcg_data;
	old->memcg_data = 0;
}

void mem_cgroup_page_event(const struct page *page, enum memcg_stat_item item, unsigned long n)
{
	struct mem_cgroup *memcg = page_memcg(page);

	if (memcg)
		memcg_stat_add(memcg, item, (long)n);
}

/* ---------------------------------------------------------------- limits */

int mem_cgroup_set_max(struct mem_cgroup *memcg, unsigned long max)
{
	int nr_reclaims = MAX_RECLAIM_RETRIES, nr_ooms = MAX_RECLAIM_RETRIES;

	if (!memcg || mem_cgroup_is_root(memcg) || max > PAGE_COUNTER_MAX)
		return -EINVAL;
	__atomic_exchange_n(&memcg->memory.max, max, __ATOMIC_SEQ_CST);
	/* Linux memory_max_write: reclaim down to the new limit, then kill inside the group. */
	for (;;) {
		unsigned long usage = page_counter_read(&memcg->memory);

		if (usage <= max)
			return 0;
		if (fatal_signal_pending(current))
			break;
		if (nr_reclaims) {
			if (!try_to_free_mem_cgroup_pages(memcg, usage - max, GFP_KERNEL))
				nr_reclaims--;
			continue;
		}
		memcg_memory_event(memcg, MEMCG_OOM);
		/* Linux loops while the killer makes progress; bounded here (a killer that keeps
		 * answering "progress" without freeing would hold the shell for ever). */
		if (!mem_cgroup_out_of_memory(memcg, GFP_KERNEL, 0) || !nr_ooms--)
			break;
	}
	return -EBUSY;
}

int mem_cgroup_set_high(struct mem_cgroup *memcg, unsigned long high)
{
	int nr_retries = MAX_RECLAIM_RETRIES;

	if (!memcg || mem_cgroup_is_root(memcg) || high > PAGE_COUNTER_MAX)
		return -EINVAL;
	WRITE_ONCE(memcg->memory.high, high);
	/* Linux memory_high_write: reclaim toward it, never kill. */
	for (;;) {
		unsigned long usage = page_counter_read(&memcg->memory);

		if (usage <= high)
			break;
		if (!try_to_free_mem_cgroup_pages(memcg, usage - high, GFP_KERNEL) && !nr_retries--)
			break;
	}
	return 0;
}

/* ---------------------------------------------------------------- reports */

static void print_limit(const char *name, unsigned long pages)
{
	if (pages >= PAGE_COUNTER_MAX)
		printk("%s max\n", name);
	else
		printk("%s %lu\n", name, pages * PAGE_SIZE);
}

void mem_cgroup_show(struct mem_cgroup *memcg)
{
	static const char *const ev[MEMCG_NR_MEMORY_EVENTS] = {
		"low", "high", "max", "oom", "oom_kill", "oom_group_kill",
	};
	char path[96];

	mem_cgroup_path(memcg, path, sizeof(path));
	printk("%s (id %u)\n", path, memcg->id);
	printk("memory.current %lu\n", mem_cgroup_usage(memcg) * PAGE_SIZE);
	if (!mem_cgroup_is_root(memcg)) {
		print_limit("memory.max", READ_ONCE(memcg->memory.max));
		print_limit("memory.high", READ_ONCE(memcg->memory.high));
		printk("memory.peak %lu\n", READ_ONCE(memcg->memory.watermark) * PAGE_SIZE);
	}
	printk("memory.events");
	for (int i = 0; i < MEMCG_NR_MEMORY_EVENTS; i++)
		printk(" %s %lu", ev[i], READ_ONCE(memcg->events[i]));
	printk("\nmemory.events.local");
	for (int i = 0; i < MEMCG_NR_MEMORY_EVENTS; i++)
		printk(" %s %lu", ev[i], READ_ONCE(memcg->events_local[i]));
	/* slab is kept in bytes (Linux's is bytes too), the others in pages. */
	printk("\nmemory.stat anon %lu file %lu kernel %lu slab %lu pgscan %lu pgsteal %lu\n",
	       memcg_page_state(memcg, MEMCG_ANON) * PAGE_SIZE,
	       memcg_page_state(memcg, MEMCG_FILE) * PAGE_SIZE,
	       memcg_page_state(memcg, MEMCG_KMEM) * PAGE_SIZE, memcg_page_state(memcg, MEMCG_SLAB),
	       memcg_page_state(memcg, MEMCG_PGSCAN),
	       memcg_page_state(memcg, MEMCG_PGSTEAL));
}

void mem_cgroup_show_tree(void)
{
	char path[96];

	printk("%-24s %4s %12s %12s %6s\n", "path", "id", "current", "max", "refs");
	for (int id = 1; id < MEM_CGROUP_ID_MAX; id++) {
		struct mem_cgroup *memcg = mem_cgroup_from_id((unsigned short)id);
		unsigned long max;

		if (!memcg)
			continue;
		max = mem_cgroup_is_root(memcg) ? PAGE_COUNTER_MAX : READ_ONCE(memcg->memory.max);
		mem_cgroup_path(memcg, path, sizeof(path));
		if (max >= PAGE_COUNTER_MAX)
			printk("%-24s %4d %12lu %12s %6d\n", path, id, mem_cgroup_usage(memcg) * PAGE_SIZE,
			       "max", READ_ONCE(memcg->refcnt));
		else
			printk("%-24s %4d %12lu %12lu %6d\n", path, id,
			       mem_cgroup_usage(memcg) * PAGE_SIZE, max * PAGE_SIZE,
			       READ_ONCE(memcg->refcnt));
	}
}
