// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of memory cgroups (mm/memcontrol.c), their reclaim (mm/vmscan.c
 * try_to_free_mem_cgroup_pages), the memcg OOM killer (mm/oom_kill.c) and cpusets (mm/cpuset.c),
 * with the `memcg` and `cpuset` shell commands, on the host allocator with the scheduler (tasks
 * switch with swapcontext: deterministic), ASan+UBSan.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <pagoda/shell.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <mm/vmscan.h>
#include "mmt.h"

extern __thread unsigned int host_cpu_id;
extern bool mm_fastpath_enabled;	/* mm/internal.h */

/* The console and platform hooks kernel/shell.c calls (the firmware's come from its drivers). */
void platform_exit(int code) { (void)code; fail_msg("platform_exit"); }
void platform_reboot(void) { fail_msg("platform_reboot"); }
void console_write(const char *s, size_t n) { (void)s; (void)n; }
int console_getchar(void) { return -1; }
void console_wait_input(void) {}
long probe_read64(unsigned long addr, unsigned long *val) { (void)addr; (void)val; return -5; }
const char *trap_cause_name(unsigned long cause) { (void)cause; return "fault"; }

static int boot(int nodes)
{
	struct mmt_cfg c = { "", nodes, 16, true };

	host_printk_enabled = 0;
	host_cpu_id = 0;
	if (mmt_boot(&c))
		return -1;
	sched_init(1000000000ULL);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return boot(1);
}

static int setup_numa2(void **state)
{
	(void)state;
	return boot(2);
}

static struct mem_cgroup *mkcg(struct mem_cgroup *parent, const char *name)
{
	int err = 1;
	struct mem_cgroup *m = mem_cgroup_create(parent, name, &err);

	assert_non_null(m);
	assert_int_equal(err, 0);
	return m;
}

static unsigned long usage(struct mem_cgroup *m) { return mem_cgroup_usage(m); }

/* Read pages [0, n) of m into the cache as the current task; every read must succeed. */
static void read_all(struct address_space *m, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		assert_int_equal(pagecache_read(m, i, NULL, GFP_KERNEL), 0);
}

/* The counter: a charge counts at every level, a limit anywhere refuses it and leaves every
 * level as it was; memparse reads bytes with suffixes and "max". */
static void t_page_counter_and_memparse(void **state)
{
	struct page_counter a, b, c, *fail = NULL;
	unsigned long pages = 0;

	(void)state;
	page_counter_init(&a, NULL);
	page_counter_init(&b, &a);
	page_counter_init(&c, &b);
	a.max = 10;
	assert_true(page_counter_try_charge(&c, 6, &fail));
	assert_int_equal(page_counter_read(&a), 6);
	assert_int_equal(page_counter_read(&b), 6);
	assert_false(page_counter_try_charge(&c, 5, &fail));
	assert_ptr_equal(fail, &a);
	assert_int_equal(a.failcnt, 1);
	assert_int_equal(page_counter_read(&c), 6);	/* undone on the way down */
	assert_int_equal(page_counter_read(&b), 6);
	assert_int_equal(page_counter_read(&a), 6);
	page_counter_uncharge(&c, 6);
	assert_int_equal(page_counter_read(&a), 0);
	/* The peak is noted level by level on the way up, as Linux's: c saw 11 before a refused. */
	assert_int_equal(c.watermark, 11);
	assert_int_equal(a.watermark, 6);

	assert_int_equal(page_counter_memparse("max", "max", &pages), 0);
	assert_int_equal(pages, PAGE_COUNTER_MAX);
	assert_int_equal(page_counter_memparse("1M", "max", &pages), 0);
	assert_int_equal(pages, 256);
	assert_int_equal(page_counter_memparse("8191", "max", &pages), 0);
	assert_int_equal(pages, 1);	/* rounded down */
	assert_int_equal(page_counter_memparse("0", "max", &pages), 0);
	assert_int_equal(pages, 0);
	pages = 77;
	assert_int_equal(page_counter_memparse("-1", "max", &pages), -EINVAL);
	assert_int_equal(page_counter_memparse("abc", "max", &pages), -EINVAL);
	assert_int_equal(page_counter_memparse("", "max", &pages), -EINVAL);
	assert_int_equal(page_counter_memparse("12X", "max", &pages), -EINVAL);
	assert_int_equal(page_counter_memparse("99999999999999999999", "max", &pages), -EINVAL);
	assert_int_equal(pages, 77);	/* untouched on an error */
}

/* Charge and uncharge: anonymous pages to the mm's group, cache pages to the reader's; both
 * counted up the hierarchy; everything back to 0 when the pages go; the tree's rules. */
static void t_charge_uncharge_hierarchy(void **state)
{
	struct mem_cgroup *a, *b;
	struct address_space *f;
	struct mm_struct *mm;
	int err;

	(void)state;
	a = mkcg(NULL, "A");
	b = mkcg(a, "B");
	assert_null(mem_cgroup_create(a, "B", &err));
	assert_int_equal(err, -EEXIST);
	assert_null(mem_cgroup_create(NULL, "a/b", &err));
	assert_int_equal(err, -EINVAL);
	assert_null(mem_cgroup_create(NULL, "0123456789abcdef", &err));	/* 16 characters */
	assert_int_equal(err, -EINVAL);
	assert_ptr_equal(mem_cgroup_lookup("A/B"), b);
	assert_ptr_equal(mem_cgroup_lookup("/A"), a);
	assert_ptr_equal(mem_cgroup_lookup("/"), root_mem_cgroup);
	assert_null(mem_cgroup_lookup("A/C"));

	assert_int_equal(mem_cgroup_attach_task(current, b), 0);
	assert_ptr_equal(mem_cgroup_from_task(current), b);
	mm = mm_alloc();		/* made by a task in B: charges B */
	assert_non_null(mm);
	for (unsigned long i = 0; i < 10; i++)
		assert_int_equal(anon_fault(mm, TASK_VA_START + i * PAGE_SIZE, 0), 0);
	f = ramfile_create(7);
	assert_non_null(f);
	read_all(f, 7);
	assert_int_equal(usage(b), 17);
	assert_int_equal(usage(a), 17);	/* the child's charges count in the parent */
	assert_int_equal(memcg_page_state(b, MEMCG_ANON), 10);
	assert_int_equal(memcg_page_state(b, MEMCG_FILE), 7);
	assert_int_equal(memcg_page_state(a, MEMCG_FILE), 7);	/* memory.stat is recursive */
	assert_int_equal(memcg_page_state(root_mem_cgroup, MEMCG_ANON), 10);
	assert_int_equal(page_memcg(follow_page(mm, TASK_VA_START)), b);

	/* Busy groups stay: a child, a task, charges. */
	assert_int_equal(mem_cgroup_remove(a), -EBUSY);
	assert_int_equal(mem_cgroup_remove(b), -EBUSY);
	assert_int_equal(mem_cgroup_remove(root_mem_cgroup), -EINVAL);

	/* Unmap one, drop the cache, then the mm: each uncharges. */
	assert_int_equal(anon_unmap(mm, TASK_VA_START), 0);
	assert_int_equal(usage(b), 16);
	assert_int_equal(drop_pagecache(), 7);
	assert_int_equal(usage(b), 9);
	assert_int_equal(memcg_page_state(b, MEMCG_FILE), 0);
	mmput(mm);
	ramfile_destroy(f);
	assert_int_equal(usage(b), 0);
	assert_int_equal(usage(a), 0);
	assert_int_equal(memcg_page_state(a, MEMCG_ANON), 0);
	assert_int_equal(mem_cgroup_remove(b), -EBUSY);	/* init is still in it */
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(b), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
	assert_null(mem_cgroup_lookup("A"));
}

/*
 * A limit on the parent: the child's reads go over it, and reclaim takes the subtree's own cache
 * pages (pgscan, pgsteal, the max event at the parent), never the root's file; every read
 * succeeds and the data read back is the file's.
 */
static void t_limit_reclaims_own_pages(void **state)
{
	struct address_space *mine, *other;
	struct mem_cgroup *a, *b;
	unsigned long steal0 = vm_event_sum(PGSTEAL_DIRECT);
	static u8 buf[PAGE_SIZE];

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	kswapd_stop(0);			/* no global reclaim behind the test's back */
	other = ramfile_create(50);
	mine = ramfile_create(200);
	assert_non_null(other);
	assert_non_null(mine);
	read_all(other, 50);		/* init in the root: the root's pages */
	a = mkcg(NULL, "A");
	b = mkcg(a, "B");
	assert_int_equal(mem_cgroup_set_max(a, 64), 0);
	assert_int_equal(mem_cgroup_attach_task(current, b), 0);
	for (unsigned long i = 0; i < 200; i++) {
		memset(buf, (int)i, sizeof(buf));
		assert_int_equal(pagecache_write(mine, i, buf, GFP_KERNEL), 0);
		assert_true(usage(a) <= 64);
	}
	assert_int_equal(usage(a), usage(b));
	assert_int_equal(other->nrpages, 50);		/* the root's cache untouched */
	assert_true(mine->nrpages <= 64);
	assert_true(memcg_page_state(b, MEMCG_PGSTEAL) >= 200 - 64);
	assert_true(memcg_page_state(b, MEMCG_PGSCAN) >= memcg_page_state(b, MEMCG_PGSTEAL));
	assert_int_equal(memcg_page_state(root_mem_cgroup, MEMCG_PGSTEAL),
			 memcg_page_state(b, MEMCG_PGSTEAL));	/* nobody else's */
	assert_true(vm_event_sum(PGSTEAL_DIRECT) - steal0 >= 200 - 64);
	assert_true(a->events_local[MEMCG_MAX] > 0);
	assert_int_equal(b->events_local[MEMCG_MAX], 0);	/* the limit hit was A's */
	assert_true(b->events[MEMCG_MAX] == 0 && a->events[MEMCG_MAX] == a->events_local[MEMCG_MAX]);
	assert_int_equal(a->events[MEMCG_OOM], 0);	/* reclaim was enough */
	/* Written back (dirty pages need IO/FS, which GFP_KERNEL has), so they read back. */
	for (unsigned long i = 0; i < 200; i += 37) {
		assert_int_equal(pagecache_read(mine, i, buf, GFP_KERNEL), 0);
		assert_int_equal(buf[0], (u8)i);
		assert_int_equal(buf[PAGE_SIZE - 1], (u8)i);
	}
	/* memory.high below: reclaimed toward it at once, and on each charge above it. */
	assert_int_equal(mem_cgroup_set_high(b, 16), 0);
	assert_true(usage(b) <= 16);
	read_all(mine, 100);
	assert_true(usage(b) <= 16 + 1);
	assert_true(b->events_local[MEMCG_HIGH] > 0);

	ramfile_destroy(mine);
	ramfile_destroy(other);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(b), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

static void wait_ready(struct mm_task *t)
{
	for (int i = 0; i < 1000 && !t->ready; i++)
		yield();
	assert_true(t->ready);
}

/*
 * A group at its limit with nothing to reclaim (anonymous pages only): the charging task's group
 * OOM-kills the biggest task of the group, never the bigger task outside it; the killer's report
 * counts in memory.events (max, oom, oom_kill); memory.current is back to 0 when they exit.
 */
static struct mm_task in1, in2, out1;

static void t_memcg_oom_kills_inside_only(void **state)
{
	unsigned long kills = vm_event_sum(OOM_KILL);
	struct mem_cgroup *a;

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	kswapd_stop(0);
	a = mkcg(NULL, "A");
	assert_int_equal(mem_cgroup_set_max(a, 300), 0);
	assert_non_null(mm_task_run(&out1, "outside", 600, 0, 0));	/* root, the biggest */
	wait_ready(&out1);
	assert_int_equal(out1.populated, 600);
	assert_non_null(mm_task_run_in(&in1, "in1", 200, 0, 0, a));
	wait_ready(&in1);
	assert_int_equal(in1.populated, 200);
	assert_int_equal(usage(a), 200);
	/* in2 wants 200 more: at 100 the charge fails, reclaim finds nothing, in1 dies. */
	assert_non_null(mm_task_run_in(&in2, "in2", 200, 0, 0, a));
	wait_ready(&in2);
	assert_int_equal(in2.populated, 200);
	assert_true(in1.task->oom_victim && fatal_signal_pending(in1.task));
	assert_false(in2.task->oom_victim || out1.task->oom_victim);
	assert_int_equal(oom_last_victim_pid(), in1.task->pid);
	assert_int_equal(vm_event_sum(OOM_KILL), kills + 1);
	assert_int_equal(a->events[MEMCG_OOM_KILL], 1);
	assert_int_equal(a->events[MEMCG_OOM], 1);
	assert_true(a->events[MEMCG_MAX] >= 1);
	assert_int_equal(root_mem_cgroup->events_local[MEMCG_OOM_KILL], 0);
	assert_int_equal(usage(a), 200);	/* in1's pages were uncharged when reaped */
	assert_int_equal(out1.task->mm->rss, 600);
	assert_int_equal(kthread_stop(in1.task), 9);
	assert_int_equal(kthread_stop(in2.task), 0);
	assert_int_equal(kthread_stop(out1.task), 0);
	assert_int_equal(usage(a), 0);
	assert_int_equal(memcg_page_state(a, MEMCG_ANON), 0);
	assert_int_equal(anon_total_rss(NULL), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);	/* no task, no charge left */
}

/* The only task of the group is the one over the limit: it is the victim, its own charge then
 * goes through, its fault fails (its mm is reaped) and it exits killed. */
static void t_memcg_oom_kills_the_charger(void **state)
{
	struct mem_cgroup *a;

	(void)state;
	a = mkcg(NULL, "A");
	assert_int_equal(mem_cgroup_set_max(a, 100), 0);
	assert_non_null(mm_task_run_in(&in1, "alone", 200, 0, 0, a));
	wait_ready(&in1);
	assert_int_equal(in1.populated, 100);
	assert_true(in1.task->oom_victim);
	assert_int_equal(a->events[MEMCG_OOM_KILL], 1);
	assert_int_equal(usage(a), 0);
	assert_int_equal(kthread_stop(in1.task), 9);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/*
 * memory.max below the usage: cache is reclaimed down to it; anonymous pages of an mm that no
 * task owns cannot be reclaimed and nobody can be killed, so the write reports -EBUSY with the
 * usage left above (Linux accepts the write) and the next charges fail. Bad values refused.
 */
static void t_limit_below_usage(void **state)
{
	struct address_space *f;
	struct mem_cgroup *a;
	struct mm_struct *mm;

	(void)state;
	a = mkcg(NULL, "A");
	assert_int_equal(mem_cgroup_set_max(root_mem_cgroup, 10), -EINVAL);
	assert_int_equal(mem_cgroup_set_max(a, PAGE_COUNTER_MAX + 1), -EINVAL);
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	f = ramfile_create(100);
	assert_non_null(f);
	read_all(f, 100);
	assert_int_equal(usage(a), 100);
	assert_int_equal(mem_cgroup_set_max(a, 40), 0);
	assert_true(usage(a) <= 40);
	mm = mm_alloc();
	assert_non_null(mm);
	for (unsigned long i = 0; i < 30; i++)
		assert_int_equal(anon_fault(mm, TASK_VA_START + i * PAGE_SIZE, 0), 0);
	assert_int_equal(mem_cgroup_set_max(a, 10), -EBUSY);
	assert_int_equal(memcg_page_state(a, MEMCG_FILE), 0);	/* all the cache went */
	assert_int_equal(usage(a), 30);
	assert_true(a->events[MEMCG_OOM] >= 1);
	assert_int_equal(a->events[MEMCG_OOM_KILL], 0);
	assert_int_equal(anon_fault(mm, TASK_VA_START + 40 * PAGE_SIZE, __GFP_NORETRY), -ENOMEM);
	assert_int_equal(anon_fault(mm, TASK_VA_START + 40 * PAGE_SIZE, 0), -ENOMEM);
	assert_int_equal(pagecache_read(f, 0, NULL, GFP_KERNEL), -ENOMEM);
	assert_int_equal(usage(a), 30);
	mmput(mm);
	ramfile_destroy(f);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

static int sh(const char *cmd)
{
	char line[SHELL_LINE_MAX];

	snprintf(line, sizeof(line), "%s", cmd);
	return shell_exec(line);
}

/* The shell commands: each bad value is refused with status 1 and changes nothing. */
static void t_shell_commands(void **state)
{
	struct mem_cgroup *x;
	char buf[64];

	(void)state;
	assert_int_equal(sh("memcg"), 0);
	assert_int_equal(sh("memcg create X"), 0);
	x = mem_cgroup_lookup("X");
	assert_non_null(x);
	assert_int_equal(sh("memcg create X"), 1);		/* exists */
	assert_int_equal(sh("memcg create Y/Z"), 1);		/* no parent */
	assert_int_equal(sh("memcg create X/0123456789abcdefg"), 1);
	assert_int_equal(sh("memcg create"), 1);
	assert_int_equal(sh("memcg frob X"), 1);
	assert_int_equal(sh("memcg max X abc"), 1);
	assert_int_equal(sh("memcg max X -5"), 1);
	assert_int_equal(sh("memcg max X 12Q"), 1);
	assert_int_equal(x->memory.max, PAGE_COUNTER_MAX);
	assert_int_equal(sh("memcg max / 1M"), 1);		/* the root has none */
	assert_int_equal(sh("memcg max Q 1M"), 1);		/* no such group */
	assert_int_equal(sh("memcg max X 1M"), 0);
	assert_int_equal(x->memory.max, 256);
	assert_int_equal(sh("memcg high X 512K"), 0);
	assert_int_equal(x->memory.high, 128);
	assert_int_equal(sh("memcg max X max"), 0);
	assert_int_equal(x->memory.max, PAGE_COUNTER_MAX);
	assert_int_equal(sh("memcg attach X 99999"), 1);	/* no such task */
	assert_int_equal(sh("memcg attach X 0x"), 1);
	assert_int_equal(sh("memcg attach X 0"), 1);		/* the idle task */
	assert_ptr_equal(mem_cgroup_from_task(current), root_mem_cgroup);
	snprintf(buf, sizeof(buf), "memcg attach X %d", current->pid);
	assert_int_equal(sh(buf), 0);
	assert_ptr_equal(mem_cgroup_from_task(current), x);
	assert_int_equal(sh("memcg show X"), 0);
	assert_int_equal(sh("memcg rm X"), 1);			/* init is in it */
	assert_int_equal(sh("memcg rm /"), 1);
	snprintf(buf, sizeof(buf), "memcg attach / %d", current->pid);
	assert_int_equal(sh(buf), 0);
	assert_int_equal(sh("memcg rm X"), 0);
	assert_int_equal(sh("memcg show X"), 1);

	assert_int_equal(sh("cpuset"), 0);
	assert_int_equal(sh("cpuset create C"), 0);
	assert_int_equal(sh("cpuset mems C 5"), 1);		/* offline */
	assert_int_equal(sh("cpuset mems C 0-"), 1);
	assert_int_equal(sh("cpuset mems C 1-0"), 1);
	assert_int_equal(sh("cpuset mems C x"), 1);
	assert_int_equal(sh("cpuset mems C 99999999999999999999"), 1);
	assert_int_equal(sh("cpuset mems / 0"), 1);
	assert_int_equal(sh("cpuset flags C sideways"), 1);
	assert_int_equal(sh("cpuset mems C 0"), 0);
	assert_int_equal(sh("cpuset flags C hardwall"), 0);
	assert_int_equal(sh("cpuset attach C 99999"), 1);
	assert_int_equal(sh("cpuset rm C"), 0);
	assert_int_equal(sh("cpuset rm C"), 1);
	assert_int_equal(nr_cpusets, 1);
}

/*
 * cpusets on two nodes: a task whose cpuset holds node 1 gets node 1's pages, from the fast path
 * and the slow path; with node 1 full, a __GFP_HARDWALL request (GFP_USER) fails, a kernel
 * request falls back to node 0 through the mem_exclusive top cpuset (softwall) unless the cpuset
 * is mem_hardwall itself, and GFP_ATOMIC ignores cpusets; the fast path comes back when the last
 * cpuset goes.
 */
static struct page *stash[8192];
static unsigned int nstash;

static void t_cpuset_nodes(void **state)
{
	struct cpuset *cs, *child;
	struct page *p;
	nodemask_t m;
	int err;

	(void)state;
	assert_true(node_data[1].online);
	assert_true(mm_fastpath_enabled);
	cs = cpuset_create(NULL, "N1", &err);
	assert_non_null(cs);
	assert_false(mm_fastpath_enabled);	/* Linux's cpusets_enabled() key */
	child = cpuset_create(cs, "sub", &err);
	assert_non_null(child);
	assert_int_equal(nodelist_parse("1", &m), 0);
	assert_int_equal(cpuset_set_mems(cs, m), -EBUSY);	/* the child still has node 0 */
	assert_int_equal(cpuset_set_mems(child, m), 0);
	assert_int_equal(cpuset_set_mems(cs, m), 0);
	assert_int_equal(nodelist_parse("0-1", &m), 0);
	assert_int_equal(cpuset_set_mems(child, m), -EINVAL);	/* beyond the parent's */
	assert_int_equal(cpuset_remove(child), 0);
	assert_int_equal(cpuset_attach_task(current, cs), 0);
	assert_int_equal(cpuset_remove(cs), -EBUSY);

	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 1);
	__free_pages(p, 0);
	nstash = 0;
	while (nstash < 8192 && (p = alloc_pages(GFP_USER | __GFP_NORETRY | __GFP_NOWARN, 0))) {
		assert_int_equal(page_to_nid(p), 1);
		stash[nstash++] = p;
	}
	assert_true(nstash > 1000);
	assert_null(alloc_pages(GFP_USER | __GFP_NORETRY | __GFP_NOWARN, 0));
	/* Softwall: a kernel allocation may use the nearest mem_exclusive ancestor's nodes. */
	p = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	stash[nstash++] = p;
	/* mem_hardwall on the task's own cpuset: the kernel request stays inside too. */
	assert_int_equal(cpuset_set_mem_flags(cs, false, true), 0);
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	/* Atomic requests ignore cpusets (no ALLOC_CPUSET). */
	p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);
	stash[nstash++] = p;
	/* An OOM victim may take memory anywhere. */
	current->oom_victim = true;
	p = alloc_pages(GFP_USER | __GFP_NORETRY | __GFP_NOWARN, 0);
	current->oom_victim = false;
	assert_non_null(p);
	stash[nstash++] = p;

	while (nstash)
		__free_pages(stash[--nstash], 0);
	assert_int_equal(cpuset_attach_task(current, top_cpuset), 0);
	assert_int_equal(cpuset_remove(cs), 0);
	assert_true(mm_fastpath_enabled);
	p = alloc_pages(GFP_USER, 0);
	assert_non_null(p);
	assert_int_equal(page_to_nid(p), 0);	/* the hart's node again */
	__free_pages(p, 0);
}

/* ---------------------------------------------------------------- kernel memory (__GFP_ACCOUNT) */

static unsigned long kmem(struct mem_cgroup *m) { return memcg_page_state(m, MEMCG_KMEM); }

/*
 * __GFP_ACCOUNT charges current's group after the allocation (order 0 through the full path once
 * a group exists, higher orders, large kmalloc, bulk), marks the page, and the free uncharges:
 * memory.current back where it was. No group yet, the root group and requests without the flag
 * charge nobody.
 */
static void t_kmem_charge_uncharge(void **state)
{
	struct page *p, *q, *plain, *bulk[3] = { NULL };
	struct mem_cgroup *a, *b;
	void *big, *small;

	(void)state;
	/* No group besides the root: the key is off, nothing is marked. */
	assert_false(memcg_kmem_enabled());
	p = alloc_pages(GFP_KERNEL_ACCOUNT, 0);
	assert_non_null(p);
	assert_false(PageMemcgKmem(p));
	assert_int_equal(p->memcg_data, 0);
	__free_pages(p, 0);

	a = mkcg(NULL, "A");
	b = mkcg(a, "B");
	assert_true(memcg_kmem_enabled());
	/* The root group: not charged (Linux: the root has no counter, objcg NULL). */
	p = alloc_pages(GFP_KERNEL_ACCOUNT, 0);
	assert_non_null(p);
	assert_false(PageMemcgKmem(p));
	assert_null(page_memcg(p));
	__free_pages(p, 0);
	assert_int_equal(kmem(root_mem_cgroup), 0);

	assert_int_equal(mem_cgroup_attach_task(current, b), 0);
	p = alloc_pages(GFP_KERNEL_ACCOUNT, 0);
	q = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO, 2);
	plain = alloc_pages(GFP_KERNEL, 0);	/* not accounted */
	assert_non_null(p);
	assert_non_null(q);
	assert_non_null(plain);
	assert_true(PageMemcgKmem(p) && PageMemcgKmem(q));
	assert_false(PageMemcgKmem(plain));
	assert_ptr_equal(page_memcg(p), b);
	assert_ptr_equal(page_memcg(q), b);
	assert_int_equal(usage(b), 5);
	assert_int_equal(usage(a), 5);		/* up the hierarchy */
	assert_int_equal(kmem(b), 5);
	assert_int_equal(kmem(a), 5);		/* memory.stat "kernel" is recursive */
	assert_int_equal(usage(root_mem_cgroup), 5);

	/* Large kmalloc (the page allocator's compound pages) charges as in Linux; a slab object
	 * charges its bytes, a whole page taken from the counter for the first (obj_cgroup). */
	big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL_ACCOUNT);
	assert_non_null(big);
	assert_int_equal(usage(b), 5 + 4);
	small = kmalloc(64, GFP_KERNEL_ACCOUNT);
	assert_non_null(small);
	assert_int_equal(usage(b), 5 + 4 + 1);
	assert_int_equal(memcg_page_state(a, MEMCG_SLAB), 64);
	kfree(small);
	/* The freed bytes wait in the hart's stock (a full page, not above one): still charged,
	 * as Linux's memory.current, until drained. */
	assert_int_equal(usage(b), 5 + 4 + 1);
	memcg_drain_obj_stocks(b);
	assert_int_equal(usage(b), 5 + 4);
	kfree(big);
	assert_int_equal(usage(b), 5);

	/* Bulk: one charged page per call, as Linux. */
	assert_int_equal(alloc_pages_bulk(GFP_KERNEL_ACCOUNT, 3, bulk), 1);
	assert_true(PageMemcgKmem(bulk[0]));
	assert_int_equal(usage(b), 6);
	__free_pages(bulk[0], 0);

	/* The group holds the charge, so rmdir refuses while the pages live. */
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(b), -EBUSY);
	/* Freed after the move: the charge goes back to the group it was taken from. */
	__free_pages(p, 0);
	__free_pages(q, 2);
	__free_pages(plain, 0);
	assert_int_equal(usage(b), 0);
	assert_int_equal(usage(a), 0);
	assert_int_equal(kmem(a), 0);
	assert_int_equal(usage(root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(b), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
	assert_true(memcg_kmem_enabled());	/* the key stays on, as Linux's */
}

/*
 * GFP_KERNEL_ACCOUNT at the limit with nothing reclaimable: NORETRY and RETRY_MAYFAIL fail
 * without a kill (a max event each), NOFAIL goes over the limit; the page that failed its charge
 * went back to the free lists.
 */
static void t_kmem_limit(void **state)
{
	unsigned long free0, kills = vm_event_sum(OOM_KILL);
	struct mem_cgroup *a;
	struct page *p;

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	kswapd_stop(0);
	a = mkcg(NULL, "A");
	assert_int_equal(mem_cgroup_set_max(a, 16), 0);
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	nstash = 0;
	while (nstash < 16) {
		p = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL, 0);
		assert_non_null(p);
		stash[nstash++] = p;
	}
	assert_int_equal(usage(a), 16);
	free0 = vm_event_sum(PGFREE);
	assert_null(alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_NORETRY | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 1));
	assert_int_equal(vm_event_sum(PGFREE), free0 + 1 + 2);	/* both blocks freed again */
	assert_int_equal(usage(a), 16);
	assert_true(a->events_local[MEMCG_MAX] >= 2);
	assert_int_equal(a->events[MEMCG_OOM], 0);
	assert_true(a->memory.failcnt >= 2);
	/* NOFAIL: forced over the limit (Linux try_charge_memcg's force). */
	p = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_NOFAIL, 0);
	assert_non_null(p);
	stash[nstash++] = p;
	assert_int_equal(usage(a), 17);
	assert_int_equal(kmem(a), 17);
	assert_int_equal(vm_event_sum(OOM_KILL), kills);
	while (nstash)
		__free_pages(stash[--nstash], 0);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/*
 * A GFP_KERNEL_ACCOUNT loop in a group that also holds a task's anonymous pages: at the limit
 * reclaim finds nothing, the memcg OOM killer kills that task (inside the group), the loop goes
 * on into the memory freed, and at the limit again with nobody left to kill the charge fails.
 */
static struct mm_task hog;

static void t_kmem_limit_oom_kills_in_group(void **state)
{
	unsigned long kills = vm_event_sum(OOM_KILL);
	struct mem_cgroup *a;
	struct page *p;

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	kswapd_stop(0);
	a = mkcg(NULL, "A");
	assert_int_equal(mem_cgroup_set_max(a, 40), 0);
	assert_non_null(mm_task_run_in(&hog, "hog", 20, 0, 0, a));
	wait_ready(&hog);
	assert_int_equal(hog.populated, 20);
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	nstash = 0;
	while (nstash < 100 && (p = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_NOWARN, 0)))
		stash[nstash++] = p;
	assert_int_equal(nstash, 40);		/* 20, then 20 more after the kill */
	assert_true(hog.task->oom_victim);
	assert_int_equal(vm_event_sum(OOM_KILL), kills + 1);
	assert_int_equal(a->events[MEMCG_OOM_KILL], 1);
	assert_true(a->events[MEMCG_OOM] >= 1);
	assert_int_equal(kmem(a), 40);
	assert_int_equal(memcg_page_state(a, MEMCG_ANON), 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(kthread_stop(hog.task), 9);
	while (nstash)
		__free_pages(stash[--nstash], 0);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/* A task that charges kernel pages to its group and exits: the charge stays on the group (the
 * task is gone, the pages are not), rmdir refuses until they are freed. */
static struct page *kmem_left[4];
static volatile bool kmem_task_done;

static int kmem_task_fn(void *arg)
{
	(void)arg;
	for (int i = 0; i < 4; i++)
		kmem_left[i] = alloc_pages(GFP_KERNEL_ACCOUNT, 0);
	kmem_task_done = true;
	while (!kthread_should_stop())
		yield();
	return 0;
}

static void t_kmem_task_exit_keeps_charge(void **state)
{
	struct task_struct *k;
	struct mem_cgroup *a;

	(void)state;
	a = mkcg(NULL, "A");
	k = kthread_create(kmem_task_fn, NULL, "kmemtask");
	assert_non_null(k);
	assert_int_equal(mem_cgroup_attach_task(k, a), 0);
	kmem_task_done = false;
	wake_up_process(k);
	for (int i = 0; i < 1000 && !kmem_task_done; i++)
		yield();
	assert_true(kmem_task_done);
	assert_int_equal(kthread_stop(k), 0);	/* exits: cgroup_exit() moves it to the root */
	for (int i = 0; i < 4; i++) {
		assert_non_null(kmem_left[i]);
		assert_ptr_equal(page_memcg(kmem_left[i]), a);
	}
	assert_int_equal(a->refcnt, 4);		/* the pages' references: no task left */
	assert_int_equal(usage(a), 4);
	assert_int_equal(mem_cgroup_remove(a), -EBUSY);
	for (int i = 0; i < 4; i++)
		__free_pages(kmem_left[i], 0);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/* ---------------------------------------------------------------- slab objects (obj_cgroup) */

static struct page *slab_head(const void *p)
{
	struct page *pg = virt_to_page(p);

	return PageSlab(pg) ? pg : compound_head(pg);
}

static unsigned long slab_bytes(struct mem_cgroup *m) { return memcg_page_state(m, MEMCG_SLAB); }

/* The byte reconciliation of an obj_cgroup charge: whole pages on the counter, minus the bytes
 * charged ahead and unused, is exactly the objects' bytes. */
static void assert_slab_reconciles(struct mem_cgroup *m)
{
	assert_int_equal(usage(m) * PAGE_SIZE - m->nr_charged_bytes - memcg_obj_stock_bytes(m),
			 slab_bytes(m));
	assert_true(m->nr_charged_bytes < PAGE_SIZE);
}

static void *objs[2048];

/* Accounted kmallocs of every class: each object charged its class size to the group, the pages
 * behind them counted as "kernel", everything back at kfree; unaccounted kmallocs and the root
 * group charge nothing. kmalloc-cg-* and kmalloc-* never share a slab. */
static void t_slab_kmalloc_cg_charge_uncharge(void **state)
{
	static const size_t sizes[] = { 1, 8, 24, 64, 90, 128, 150, 256, 500, 1000, 2048, 4000, 8192 };
	struct mem_cgroup *a, *b;
	unsigned long bytes = 0;
	size_t n = 0;
	void *plain, *rootobj;

	(void)state;
	a = mkcg(NULL, "A");
	b = mkcg(a, "B");
	/* Root: kmalloc-cg serves it, but nobody is charged (as Linux). */
	rootobj = kmalloc(64, GFP_KERNEL_ACCOUNT);
	assert_non_null(rootobj);
	assert_string_equal(slab_head(rootobj)->slab_cache->name, "kmalloc-cg-64");
	assert_int_equal(slab_bytes(root_mem_cgroup), 0);

	assert_int_equal(mem_cgroup_attach_task(current, b), 0);
	for (int r = 0; r < 5; r++)
		for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
			struct kmem_cache *s = kmalloc_slab(sizes[i], GFP_KERNEL_ACCOUNT);

			objs[n] = kmalloc(sizes[i], GFP_KERNEL_ACCOUNT);
			assert_non_null(objs[n]);
			assert_ptr_equal(slab_head(objs[n])->slab_cache, s);
			assert_true(s->flags & SLAB_ACCOUNT);
			assert_memory_equal(s->name, "kmalloc-cg-", 11);
			assert_true(s != kmalloc_slab(sizes[i], GFP_KERNEL));
			bytes += s->size;
			n++;
			assert_int_equal(slab_bytes(b), bytes);
			assert_int_equal(slab_bytes(a), bytes);	/* recursive */
			assert_slab_reconciles(b);
			assert_int_equal(memcg_page_state(b, MEMCG_KMEM), usage(b));
			assert_int_equal(usage(a), usage(b));
		}
	assert_int_equal(usage(b), DIV_ROUND_UP(bytes, PAGE_SIZE));
	/* An unaccounted kmalloc in the group: a kmalloc-* slab, no charge. */
	plain = kmalloc(64, GFP_KERNEL);
	assert_non_null(plain);
	assert_false(slab_head(plain)->slab_cache->flags & SLAB_ACCOUNT);
	assert_int_equal(slab_bytes(b), bytes);
	kfree(plain);
	assert_int_equal(slab_bytes(b), bytes);

	/* The task leaves; its objects stay charged to B until freed. */
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(b), -EBUSY);
	while (n) {
		struct kmem_cache *s = slab_head(objs[--n])->slab_cache;

		kfree(objs[n]);
		bytes -= s->size;
		assert_int_equal(slab_bytes(b), bytes);
		assert_slab_reconciles(b);
	}
	memcg_drain_obj_stocks(b);
	assert_int_equal(usage(b), 0);
	assert_int_equal(b->nr_charged_bytes, 0);
	assert_int_equal(memcg_page_state(a, MEMCG_KMEM), 0);
	assert_int_equal(b->refcnt, 0);
	kfree(rootobj);
	assert_int_equal(mem_cgroup_remove(b), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/* A SLAB_ACCOUNT cache charges every object, __GFP_ACCOUNT or not; bulk too; ksize and krealloc
 * of an accounted kmalloc move the charge with the object. */
static void t_slab_account_cache(void **state)
{
	struct kmem_cache *s;
	struct mem_cgroup *a;
	void *o[40], *p;

	(void)state;
	a = mkcg(NULL, "A");
	s = kmem_cache_create("acct", 100, 0, SLAB_ACCOUNT, NULL);
	assert_non_null(s);
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	for (int i = 0; i < 20; i++) {
		o[i] = kmem_cache_alloc(s, GFP_KERNEL);
		assert_non_null(o[i]);
		assert_int_equal(slab_bytes(a), (unsigned long)(i + 1) * s->size);
		assert_slab_reconciles(a);
	}
	assert_int_equal(kmem_cache_alloc_bulk(s, GFP_KERNEL, 20, o + 20), 20);
	assert_int_equal(slab_bytes(a), 40UL * s->size);
	assert_slab_reconciles(a);
	kmem_cache_free_bulk(s, 20, o + 20);
	assert_int_equal(slab_bytes(a), 20UL * s->size);
	for (int i = 0; i < 20; i++)
		kmem_cache_free(s, o[i]);
	assert_int_equal(slab_bytes(a), 0);
	assert_slab_reconciles(a);
	memcg_drain_obj_stocks(a);
	assert_int_equal(usage(a), 0);

	p = kmalloc(50, GFP_KERNEL_ACCOUNT);
	assert_int_equal(slab_bytes(a), 64);
	p = krealloc(p, 1000, GFP_KERNEL_ACCOUNT);
	assert_non_null(p);
	assert_int_equal(slab_bytes(a), 1024);
	kfree(p);
	assert_int_equal(slab_bytes(a), 0);
	memcg_drain_obj_stocks(a);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(kmem_cache_destroy(s), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/* An accounted kmalloc loop against memory.max: NORETRY fails at the limit (no kill, max events),
 * NOFAIL goes over it; with a killable task in the group the loop gets the memcg OOM kill. */
static void t_slab_limit(void **state)
{
	unsigned long kills = vm_event_sum(OOM_KILL);
	struct mem_cgroup *a;
	size_t n = 0;
	void *p;

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	kswapd_stop(0);
	a = mkcg(NULL, "A");
	assert_int_equal(mem_cgroup_set_max(a, 4), 0);
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	while (n < ARRAY_SIZE(objs) &&
	       (p = kmalloc(512, GFP_KERNEL_ACCOUNT | __GFP_NORETRY | __GFP_NOWARN)))
		objs[n++] = p;
	assert_int_equal(n, 4 * PAGE_SIZE / 512);	/* every byte of the 4 pages used */
	assert_int_equal(usage(a), 4);
	assert_int_equal(a->nr_charged_bytes + memcg_obj_stock_bytes(a), 0);
	assert_true(a->events_local[MEMCG_MAX] >= 1);
	assert_int_equal(vm_event_sum(OOM_KILL), kills);
	p = kmalloc(512, GFP_KERNEL_ACCOUNT | __GFP_NOFAIL);
	assert_non_null(p);
	objs[n++] = p;
	assert_int_equal(usage(a), 5);
	while (n)
		kfree(objs[--n]);
	assert_slab_reconciles(a);
	memcg_drain_obj_stocks(a);
	assert_int_equal(usage(a), 0);

	/* The OOM path: a task with 6 anonymous pages in the group, max 8. */
	assert_int_equal(mem_cgroup_set_max(a, 8), 0);
	assert_non_null(mm_task_run_in(&hog, "hog", 6, 0, 0, a));
	wait_ready(&hog);
	while (n < ARRAY_SIZE(objs) && (p = kmalloc(1024, GFP_KERNEL_ACCOUNT | __GFP_NOWARN)))
		objs[n++] = p;
	assert_true(hog.task->oom_victim);
	assert_int_equal(vm_event_sum(OOM_KILL), kills + 1);
	assert_int_equal(a->events[MEMCG_OOM_KILL], 1);
	assert_int_equal(n, 8 * PAGE_SIZE / 1024);	/* the whole limit, after the kill */
	assert_int_equal(memcg_page_state(a, MEMCG_ANON), 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(kthread_stop(hog.task), 9);
	while (n)
		kfree(objs[--n]);
	memcg_drain_obj_stocks(a);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/* A task charges slab objects and exits: the objects stay charged to its group until kfree. */
static void *slab_left[3];

static int slab_task_fn(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++)
		slab_left[i] = kmalloc(200, GFP_KERNEL_ACCOUNT);
	kmem_task_done = true;
	while (!kthread_should_stop())
		yield();
	return 0;
}

static void t_slab_task_exit_keeps_charge(void **state)
{
	struct task_struct *k;
	struct mem_cgroup *a;

	(void)state;
	a = mkcg(NULL, "A");
	k = kthread_create(slab_task_fn, NULL, "slabtask");
	assert_non_null(k);
	assert_int_equal(mem_cgroup_attach_task(k, a), 0);
	kmem_task_done = false;
	wake_up_process(k);
	for (int i = 0; i < 1000 && !kmem_task_done; i++)
		yield();
	assert_true(kmem_task_done);
	assert_int_equal(kthread_stop(k), 0);
	memcg_drain_obj_stocks(a);		/* the stock's own reference and bytes */
	assert_int_equal(a->refcnt, 3);		/* one css reference per object */
	assert_int_equal(slab_bytes(a), 3 * 256);
	assert_int_equal(usage(a), 1);
	assert_int_equal(a->nr_charged_bytes, PAGE_SIZE - 3 * 256);
	assert_int_equal(mem_cgroup_remove(a), -EBUSY);
	for (int i = 0; i < 3; i++)
		kfree(slab_left[i]);
	assert_int_equal(slab_bytes(a), 0);
	memcg_drain_obj_stocks(a);
	assert_int_equal(usage(a), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
}

/* A hart's byte stock holds one group: charging or freeing for another drains it (whole pages to
 * the counter, the rest to the group's nr_charged_bytes) and takes the new group's leftover, as
 * Linux's refill_obj_stock/drain_obj_stock. */
static void t_slab_stock_drained_on_group_switch(void **state)
{
	struct mem_cgroup *a, *b;
	void *x, *y, *z;

	(void)state;
	a = mkcg(NULL, "A");
	b = mkcg(NULL, "B");
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	x = kmalloc(1024, GFP_KERNEL_ACCOUNT);
	assert_ptr_equal(memcg_obj_cached_here(), a);
	assert_int_equal(memcg_obj_stock_bytes(a), PAGE_SIZE - 1024);
	assert_int_equal(a->nr_charged_bytes, 0);
	assert_int_equal(a->refcnt, 1 + 1 + 1);	/* task, object, stock */
	assert_int_equal(mem_cgroup_attach_task(current, b), 0);
	y = kmalloc(1024, GFP_KERNEL_ACCOUNT);	/* switches the stock to B: A drained */
	assert_ptr_equal(memcg_obj_cached_here(), b);
	assert_int_equal(usage(b), 1);
	assert_int_equal(memcg_obj_stock_bytes(b), PAGE_SIZE - 1024);
	assert_int_equal(memcg_obj_stock_bytes(a), 0);
	assert_int_equal(a->nr_charged_bytes, PAGE_SIZE - 1024);
	assert_int_equal(usage(a), 1);
	assert_int_equal(a->refcnt, 1);		/* the object's only */
	assert_int_equal(mem_cgroup_attach_task(current, a), 0);
	/* A page for A (the stock held B), then A's leftover joins the stock: 3072 + 3072 bytes,
	 * a whole page of which goes back. */
	z = kmalloc(1024, GFP_KERNEL_ACCOUNT);
	assert_ptr_equal(memcg_obj_cached_here(), a);
	assert_int_equal(usage(a), 1);
	assert_int_equal(memcg_obj_stock_bytes(a), 2048);
	assert_int_equal(a->nr_charged_bytes, 0);
	assert_int_equal(b->nr_charged_bytes, PAGE_SIZE - 1024);
	assert_slab_reconciles(a);
	assert_slab_reconciles(b);
	kfree(y);				/* B's, freed while current is in A */
	assert_ptr_equal(memcg_obj_cached_here(), b);
	assert_int_equal(a->nr_charged_bytes, 2048);
	assert_int_equal(memcg_obj_stock_bytes(b), PAGE_SIZE);	/* not above a page: kept */
	assert_int_equal(usage(b), 1);
	assert_slab_reconciles(b);
	memcg_drain_obj_stocks(b);
	assert_int_equal(usage(b), 0);
	assert_int_equal(b->nr_charged_bytes, 0);
	kfree(x);
	kfree(z);
	assert_slab_reconciles(a);
	memcg_drain_obj_stocks(a);
	assert_int_equal(usage(a), 0);
	assert_int_equal(a->nr_charged_bytes, 0);
	assert_int_equal(mem_cgroup_attach_task(current, root_mem_cgroup), 0);
	assert_int_equal(mem_cgroup_remove(a), 0);
	assert_int_equal(mem_cgroup_remove(b), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(t_page_counter_and_memparse, setup),
		cmocka_unit_test_setup(t_charge_uncharge_hierarchy, setup),
		cmocka_unit_test_setup(t_limit_reclaims_own_pages, setup),
		cmocka_unit_test_setup(t_memcg_oom_kills_inside_only, setup),
		cmocka_unit_test_setup(t_memcg_oom_kills_the_charger, setup),
		cmocka_unit_test_setup(t_limit_below_usage, setup),
		cmocka_unit_test_setup(t_shell_commands, setup),
		cmocka_unit_test_setup(t_cpuset_nodes, setup_numa2),
		cmocka_unit_test_setup(t_kmem_charge_uncharge, setup),
		cmocka_unit_test_setup(t_kmem_limit, setup),
		cmocka_unit_test_setup(t_kmem_limit_oom_kills_in_group, setup),
		cmocka_unit_test_setup(t_kmem_task_exit_keeps_charge, setup),
		cmocka_unit_test_setup(t_slab_kmalloc_cg_charge_uncharge, setup),
		cmocka_unit_test_setup(t_slab_account_cache, setup),
		cmocka_unit_test_setup(t_slab_limit, setup),
		cmocka_unit_test_setup(t_slab_task_exit_keeps_charge, setup),
		cmocka_unit_test_setup(t_slab_stock_drained_on_group_switch, setup),
	};

	alarm(120);	/* a lost wake-up fails (SIGALRM) instead of hanging */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
