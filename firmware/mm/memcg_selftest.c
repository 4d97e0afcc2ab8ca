// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware self-tests of memory cgroups and cpusets (firmware only; the host suite mm-memcg
 * covers the same paths in more detail):
 *  - memcg_limit_reclaim_then_oom: init, in a group limited to 64 pages, writes 160 page-cache
 *    pages: every write succeeds, the group stays at its limit by reclaiming its own pages (a file
 *    of the root keeps its pages); then two tasks fault anonymous pages in a group of 96 pages:
 *    the second one's charge OOM-kills the first (the bigger, inside the group), never a bigger
 *    task outside; memory.current is 0 once they are gone.
 *  - memcg_kmem_account: GFP_KERNEL_ACCOUNT pages (order 0 and 3) charge the task's group and
 *    count in memory.stat "kernel", GFP_KERNEL and the root group charge nobody; at a 32-page
 *    limit NORETRY fails, NOFAIL goes over; every free uncharges (memory.current back to 0).
 *  - memcg_slab_account: GFP_KERNEL_ACCOUNT kmallocs come from kmalloc-cg-*, each charges its
 *    class size in bytes (memory.stat "slab"), the pages behind them reconcile to the byte with the
 *    hart's byte stock and the group's leftover (nr_charged_bytes); at a 2-page limit NORETRY fails after exactly 2 pages of
 *    objects; kfree gives every byte back.
 *  - cpuset_hardwall_softwall (2 nodes): a task whose cpuset holds the other node gets its pages
 *    there; with that node full, GFP_USER fails, GFP_KERNEL falls back (softwall) unless the
 *    cpuset is mem_hardwall; GFP_ATOMIC ignores cpusets.
 */
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include "internal.h"

static struct {
	struct mem_cgroup *a, *b;
	struct address_space *mine, *other;
	struct mm_task in1, in2, out;
	struct cpuset *cs;
	struct list_head held;
} M;

static u8 st_buf[PAGE_SIZE];

static void wait_ready(struct mm_task *t)
{
	for (int i = 0; i < ST_WAIT_MS && !READ_ONCE(t->ready); i++)
		msleep(1);
	ST_ASSERT(READ_ONCE(t->ready));
}

static int memcg_case(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long kills = vm_event_sum(OOM_KILL);
	int err;

	M.other = ramfile_create(32);
	M.mine = ramfile_create(160);
	ST_ASSERT(M.other && M.mine);
	for (unsigned long i = 0; i < 32; i++)
		ST_ASSERT_EQ(pagecache_read(M.other, i, NULL, GFP_KERNEL), 0);
	M.a = mem_cgroup_create(NULL, "st-a", &err);
	ST_ASSERT(M.a != NULL);
	ST_ASSERT_EQ(mem_cgroup_set_max(M.a, 64), 0);
	ST_ASSERT_EQ(mem_cgroup_attach_task(current, M.a), 0);
	for (unsigned long i = 0; i < 160; i++) {
		memset(st_buf, (int)i, sizeof(st_buf));
		ST_ASSERT_EQ(pagecache_write(M.mine, i, st_buf, GFP_KERNEL), 0);
		ST_ASSERT(mem_cgroup_usage(M.a) <= 64);
	}
	ST_ASSERT_EQ(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	ST_ASSERT(memcg_page_state(M.a, MEMCG_PGSTEAL) >= 160 - 64);
	ST_ASSERT(M.a->events[MEMCG_MAX] > 0);
	ST_ASSERT_EQ(M.other->nrpages, 32);
	ST_ASSERT_EQ(pagecache_read(M.mine, 3, st_buf, GFP_KERNEL), 0);	/* written back */
	ST_ASSERT_EQ(st_buf[PAGE_SIZE - 1], 3);
	ramfile_destroy(M.mine);
	M.mine = NULL;
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 0);

	M.b = mem_cgroup_create(NULL, "st-b", &err);
	ST_ASSERT(M.b != NULL);
	ST_ASSERT_EQ(mem_cgroup_set_max(M.b, 96), 0);
	ST_ASSERT(mm_task_run(&M.out, "st-out", 160, 0, cpu) != NULL);
	wait_ready(&M.out);
	ST_ASSERT(mm_task_run_in(&M.in1, "st-in1", 64, 0, cpu, M.b) != NULL);
	wait_ready(&M.in1);
	ST_ASSERT_EQ(M.in1.populated, 64);
	ST_ASSERT(mm_task_run_in(&M.in2, "st-in2", 64, 0, cpu, M.b) != NULL);
	wait_ready(&M.in2);
	ST_ASSERT_EQ(M.in2.populated, 64);
	ST_ASSERT(M.in1.task->oom_victim);
	ST_ASSERT(!M.in2.task->oom_victim && !M.out.task->oom_victim);
	ST_ASSERT_EQ(vm_event_sum(OOM_KILL), kills + 1);
	ST_ASSERT_EQ(M.b->events[MEMCG_OOM_KILL], 1);
	ST_ASSERT_EQ(mem_cgroup_usage(M.b), 64);
	ST_ASSERT_EQ(M.out.populated, 160);
	return 0;
}

SELFTEST(memcg_limit_reclaim_then_oom)
{
	struct mm_task *t[] = { &M.in1, &M.in2, &M.out };
	int r;

	memset(&M, 0, sizeof(M));
	r = ST_CATCH(memcg_case());
	mem_cgroup_attach_task(current, root_mem_cgroup);
	for (unsigned int i = 0; i < 3; i++)
		if (t[i]->task)
			kthread_stop(t[i]->task);
	ramfile_destroy(M.mine);
	ramfile_destroy(M.other);
	if (r)
		selftest_abort(r);
	/* Counts reconcile: nothing charged, both groups can go. */
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 0);
	ST_ASSERT_EQ(mem_cgroup_usage(M.b), 0);
	ST_ASSERT_EQ(mem_cgroup_remove(M.a), 0);
	ST_ASSERT_EQ(mem_cgroup_remove(M.b), 0);
	ST_ASSERT_EQ(anon_total_rss(NULL), 0);
	return 0;
}

#define KM_PAGES 40
static struct page *km[KM_PAGES];

static int kmem_case(void)
{
	struct page *p;
	int err;

	M.a = mem_cgroup_create(NULL, "st-kmem", &err);
	ST_ASSERT(M.a != NULL);
	ST_ASSERT(memcg_kmem_enabled());
	km[0] = alloc_pages(GFP_KERNEL_ACCOUNT, 0);		/* init in the root: uncharged */
	ST_ASSERT(km[0] != NULL && !PageMemcgKmem(km[0]));
	ST_ASSERT_EQ(mem_cgroup_set_max(M.a, 32), 0);
	ST_ASSERT_EQ(mem_cgroup_attach_task(current, M.a), 0);
	km[1] = alloc_pages(GFP_KERNEL, 0);			/* not accounted */
	km[2] = alloc_pages(GFP_KERNEL_ACCOUNT, 3);
	ST_ASSERT(km[1] != NULL && km[2] != NULL);
	ST_ASSERT(!PageMemcgKmem(km[1]) && PageMemcgKmem(km[2]));
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 8);
	for (int i = 3; i < KM_PAGES; i++) {
		km[i] = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_NORETRY | __GFP_NOWARN, 0);
		if (!km[i])
			break;
	}
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 32);		/* 8 + 24, then refused */
	ST_ASSERT_EQ(memcg_page_state(M.a, MEMCG_KMEM), 32);
	ST_ASSERT(M.a->events_local[MEMCG_MAX] > 0);
	ST_ASSERT_EQ(M.a->events[MEMCG_OOM], 0);
	p = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_NOFAIL, 0);
	ST_ASSERT(p != NULL && PageMemcgKmem(p));
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 33);
	__free_pages(p, 0);
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 32);
	return 0;
}

SELFTEST(memcg_kmem_account)
{
	int r;

	memset(&M, 0, sizeof(M));
	memset(km, 0, sizeof(km));
	r = ST_CATCH(kmem_case());
	mem_cgroup_attach_task(current, root_mem_cgroup);
	if (km[2])
		__free_pages(km[2], 3);
	km[2] = NULL;
	for (int i = 0; i < KM_PAGES; i++)
		if (km[i])
			__free_pages(km[i], 0);
	if (r)
		selftest_abort(r);
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 0);
	ST_ASSERT_EQ(memcg_page_state(M.a, MEMCG_KMEM), 0);
	ST_ASSERT_EQ(mem_cgroup_remove(M.a), 0);
	return 0;
}

#define SL_OBJS 64
static void *sl[SL_OBJS];

static int slab_case(void)
{
	struct page *pg;
	int err, n = 0;

	M.a = mem_cgroup_create(NULL, "st-slab", &err);
	ST_ASSERT(M.a != NULL);
	ST_ASSERT_EQ(mem_cgroup_set_max(M.a, 2), 0);
	ST_ASSERT_EQ(mem_cgroup_attach_task(current, M.a), 0);
	sl[n] = kmalloc(200, GFP_KERNEL_ACCOUNT);
	ST_ASSERT(sl[n] != NULL);
	pg = virt_to_page(sl[n]);
	ST_ASSERT(PageSlab(pg) && strcmp(pg->slab_cache->name, "kmalloc-cg-256") == 0);
	n++;
	ST_ASSERT_EQ(memcg_page_state(M.a, MEMCG_SLAB), 256);
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 1);
	ST_ASSERT_EQ(memcg_obj_stock_bytes(M.a), PAGE_SIZE - 256);	/* this hart's stock */
	while (n < SL_OBJS && (sl[n] = kmalloc(256, GFP_KERNEL_ACCOUNT | __GFP_NORETRY | __GFP_NOWARN)))
		n++;
	ST_ASSERT_EQ(n, 2 * PAGE_SIZE / 256);
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 2);
	ST_ASSERT_EQ(memcg_page_state(M.a, MEMCG_SLAB), 2 * PAGE_SIZE);
	ST_ASSERT_EQ(memcg_page_state(M.a, MEMCG_KMEM), 2);
	ST_ASSERT(M.a->events_local[MEMCG_MAX] > 0);
	while (n > 1) {
		kfree(sl[--n]);
		sl[n] = NULL;
		ST_ASSERT_EQ(mem_cgroup_usage(M.a) * PAGE_SIZE - M.a->nr_charged_bytes -
			     memcg_obj_stock_bytes(M.a), memcg_page_state(M.a, MEMCG_SLAB));
	}
	return 0;
}

SELFTEST(memcg_slab_account)
{
	int r;

	memset(&M, 0, sizeof(M));
	memset(sl, 0, sizeof(sl));
	r = ST_CATCH(slab_case());
	mem_cgroup_attach_task(current, root_mem_cgroup);
	for (int i = 0; i < SL_OBJS; i++)
		kfree(sl[i]);
	if (r)
		selftest_abort(r);
	memcg_drain_obj_stocks(M.a);
	ST_ASSERT_EQ(mem_cgroup_usage(M.a), 0);
	ST_ASSERT_EQ(memcg_page_state(M.a, MEMCG_SLAB), 0);
	ST_ASSERT_EQ(M.a->nr_charged_bytes, 0);
	ST_ASSERT_EQ(mem_cgroup_remove(M.a), 0);
	return 0;
}

static int cpuset_case(int other)
{
	nodemask_t m = { 0 };
	struct page *p;
	int err;

	M.cs = cpuset_create(NULL, "st-cs", &err);
	ST_ASSERT(M.cs != NULL);
	node_set(other, &m);
	ST_ASSERT_EQ(cpuset_set_mems(M.cs, m), 0);
	ST_ASSERT_EQ(cpuset_attach_task(current, M.cs), 0);
	p = alloc_pages(GFP_KERNEL, 0);
	ST_ASSERT(p != NULL);
	list_add(&p->lru, &M.held);
	ST_ASSERT_EQ(page_to_nid(p), other);
	/* Fill the cpuset's node with hardwall requests: never another node. */
	while ((p = alloc_pages(GFP_USER | __GFP_NORETRY | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &M.held);
		ST_ASSERT_EQ(page_to_nid(p), other);
	}
	p = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0);	/* softwall */
	ST_ASSERT(p != NULL);
	list_add(&p->lru, &M.held);
	ST_ASSERT(page_to_nid(p) != other);
	ST_ASSERT_EQ(cpuset_set_mem_flags(M.cs, false, true), 0);
	ST_ASSERT(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0) == NULL);
	p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);
	ST_ASSERT(p != NULL);
	list_add(&p->lru, &M.held);
	ST_ASSERT(page_to_nid(p) != other);
	return 0;
}

SELFTEST(cpuset_hardwall_softwall)
{
	int other = -1, r;

	for (int nid = 0; nid < MAX_NUMNODES && other < 0; nid++)
		if (node_data[nid].online && nid != numa_node_id())
			other = nid;
	if (other < 0)
		ST_SKIP("one node");
	memset(&M, 0, sizeof(M));
	INIT_LIST_HEAD(&M.held);
	r = ST_CATCH(cpuset_case(other));
	cpuset_attach_task(current, top_cpuset);
	while (!list_empty(&M.held)) {
		struct page *p = list_first_entry(&M.held, struct page, lru);

		list_del(&p->lru);
		__free_page(p);
	}
	if (M.cs)
		ST_ASSERT_EQ(cpuset_remove(M.cs), 0);
	if (r)
		selftest_abort(r);
	ST_ASSERT(!cpusets_enabled() && mm_fastpath_enabled);
	return 0;
}
