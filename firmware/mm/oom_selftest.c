// SPDX-License-Identifier: BSD-2-Clause
/*
 * Firmware self-test of the OOM killer (firmware only): three tasks own anonymous memory on this
 * hart; with every free page taken, requests Linux never OOM-kills for fail without a kill, a
 * GFP_KERNEL request kills the documented victim (its score: rss + tables + adj * totalpages /
 * 1000) and is served from its memory, NOFAIL kills the next one, the -1000 task is never chosen.
 * The requests are GFP_HIGHUSER_MOVABLE (a user page fault's, where Linux OOM-kills most): the
 * tasks' pages live in HIGHMEM/MOVABLE where present, which a GFP_KERNEL request cannot use.
 */
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include "internal.h"

#define GFP_FAULT (GFP_HIGHUSER_MOVABLE | __GFP_NOWARN)

static struct {
	struct list_head held;
	struct mm_task big, small, huge;
} O;

static void oom_hold_all(void)
{
	struct page *p;

	drain_all_pages(NULL);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN, 0)))
		list_add(&p->lru, &O.held);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_DMA | __GFP_NOWARN, 0)))
		list_add(&p->lru, &O.held);
	while ((p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_HIGHMEM | __GFP_MOVABLE |
				__GFP_NOWARN, 0)))
		list_add(&p->lru, &O.held);
}

static void oom_release(void)
{
	while (!list_empty(&O.held)) {
		struct page *p = list_first_entry(&O.held, struct page, lru);

		list_del(&p->lru);
		__free_page(p);
	}
	drain_all_pages(NULL);
}

static void oom_stop_all(void)
{
	struct mm_task *t[] = { &O.big, &O.small, &O.huge };

	for (unsigned int i = 0; i < 3; i++) {
		if (t[i]->task)
			kthread_stop(t[i]->task);
		t[i]->task = NULL;
	}
}

static void wait_ready(struct mm_task *t)
{
	for (int i = 0; i < ST_WAIT_MS && !t->ready; i++)
		msleep(1);
	ST_ASSERT(t->ready);
	ST_ASSERT_EQ(t->populated, t->want);
}

static int oom_case(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long kills, calls, f0, rss;
	struct page *p;

	ST_ASSERT(mm_task_run(&O.big, "st-big", 1024, 0, cpu) != NULL);
	ST_ASSERT(mm_task_run(&O.small, "st-small", 512, 500, cpu) != NULL);
	ST_ASSERT(mm_task_run(&O.huge, "st-huge", 1536, OOM_SCORE_ADJ_MIN, cpu) != NULL);
	wait_ready(&O.big);
	wait_ready(&O.small);
	wait_ready(&O.huge);
	ST_ASSERT(oom_badness(O.small.task, totalram_pages) >
		  oom_badness(O.big.task, totalram_pages));
	ST_ASSERT(oom_badness(O.huge.task, totalram_pages) == (-__LONG_MAX__ - 1L));

	oom_hold_all();
	kills = vm_event_sum(OOM_KILL);
	calls = vm_event_sum(OOM_CALLS);
	ST_ASSERT(alloc_pages(GFP_FAULT | __GFP_NORETRY, 0) == NULL);
	ST_ASSERT(alloc_pages(GFP_FAULT, PAGE_ALLOC_COSTLY_ORDER + 1) == NULL);
	ST_ASSERT_EQ(vm_event_sum(OOM_CALLS), calls);
	ST_ASSERT(alloc_pages(GFP_FAULT & ~__GFP_FS, 0) == NULL);
	ST_ASSERT(vm_event_sum(OOM_CALLS) > calls);
	ST_ASSERT_EQ(vm_event_sum(OOM_KILL), kills);

	drain_all_pages(NULL);
	f0 = global_free_pages();
	rss = O.small.task->mm->rss;
	p = alloc_pages(GFP_FAULT, 0);
	ST_ASSERT(p != NULL);
	list_add(&p->lru, &O.held);
	ST_ASSERT_EQ(vm_event_sum(OOM_KILL), kills + 1);
	ST_ASSERT_EQ(oom_last_victim_pid(), O.small.task->pid);
	ST_ASSERT(O.small.task->oom_victim && !O.big.task->oom_victim && !O.huge.task->oom_victim);
	drain_all_pages(NULL);
	ST_ASSERT(global_free_pages() >= f0 + rss - 1);	/* its pages came back */
	ST_ASSERT_EQ(kthread_stop(O.small.task), 9);
	O.small.task = NULL;

	oom_hold_all();
	p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOFAIL, 0);
	ST_ASSERT(p != NULL);
	list_add(&p->lru, &O.held);
	ST_ASSERT_EQ(vm_event_sum(OOM_KILL), kills + 2);
	ST_ASSERT(O.big.task->oom_victim && !O.huge.task->oom_victim);
	ST_ASSERT_EQ(kthread_stop(O.big.task), 9);
	O.big.task = NULL;

	oom_hold_all();
	ST_ASSERT(alloc_pages(GFP_FAULT, 0) == NULL);
	ST_ASSERT_EQ(vm_event_sum(OOM_KILL), kills + 2);
	ST_ASSERT(!O.huge.task->oom_victim);
	ST_ASSERT_EQ(O.huge.task->mm->rss, 1536);
	return 0;
}

SELFTEST(oom_kills_documented_victim)
{
	char err[128];
	int r;

	INIT_LIST_HEAD(&O.held);
	O.big.task = O.small.task = O.huge.task = NULL;
	r = ST_CATCH(oom_case());
	oom_release();
	oom_stop_all();
	if (r)
		selftest_abort(r);
	ST_ASSERT_EQ(anon_total_rss(NULL), 0);
	ST_ASSERT_EQ(mm_verify(err, sizeof(err)), 0);
	return 0;
}
