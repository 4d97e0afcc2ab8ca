// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OOM killer (Linux mm/oom_kill.c, 6.1). When the slow path has reclaimed and compacted in
 * vain, __alloc_pages_may_oom's rules (page_alloc.c) call out_of_memory(): it picks the task whose
 * death frees the most (select_bad_process over oom_badness), reports (the failing request, the
 * zones, the task table) and kills it: the victim is marked (tsk_is_oom_victim, which gives its
 * own allocations ALLOC_OOM), asked to exit (fatal_signal_pending), and its anonymous memory is
 * unmapped and freed at once, as the oom_reaper does in Linux, here synchronously in the killer's
 * context. The victim's exit then frees its page tables and mm (kthread exit -> mmput).
 * Differences from Linux: docs/mm.md "OOM killer".
 */
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/string.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include "internal.h"

#define LONG_MIN_ (-__LONG_MAX__ - 1L)

static spinlock_t oom_lock = SPIN_LOCK_UNLOCKED;	/* Linux oom_lock (a mutex, trylocked) */
static int last_victim_pid;

int oom_last_victim_pid(void) { return READ_ONCE(last_victim_pid); }

/* The cycle counter when the last victim was marked (the OOM bench's kill-to-success start). */
static unsigned long last_kill_cycles;

unsigned long oom_last_kill_cycles(void) { return READ_ONCE(last_kill_cycles); }

/* Linux oom_unkillable_task: init and the idle tasks; a task with no mm has nothing to free. */
static bool oom_unkillable_task(const struct task_struct *p)
{
	return p->pid <= 1 || (p->flags & PF_IDLE);
}

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	struct mm_struct *mm = p->mm;
	long points, adj;

	if (oom_unkillable_task(p) || !mm)
		return LONG_MIN_;
	adj = p->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || READ_ONCE(mm->oom_skip))
		return LONG_MIN_;
	points = (long)(READ_ONCE(mm->rss) + READ_ONCE(mm->nr_ptes));
	adj *= (long)(totalpages / 1000);
	return points + adj;
}

/* Linux oom_evaluate_task; under the task-list lock. Ties go to the later task, as Linux. */
static void oom_evaluate_task(struct task_struct *p, void *arg)
{
	struct oom_control *oc = arg;
	long points;

	if (oc->chosen == (void *)-1UL || oom_unkillable_task(p) || !p->mm)
		return;
	/* Linux mem_cgroup_scan_tasks: a memcg OOM looks at the group's tasks only. */
	if (oc->memcg && !mem_cgroup_is_descendant(mem_cgroup_from_task(p), oc->memcg))
		return;
	/* A victim still exiting with memory not reaped: wait for it (Linux aborts the scan). */
	if (oc->order >= 0 && tsk_is_oom_victim(p)) {
		if (READ_ONCE(p->mm->oom_skip))
			return;
		oc->chosen = (void *)-1UL;
		return;
	}
	points = oom_badness(p, oc->totalpages);
	if (points == LONG_MIN_ || points < oc->chosen_points)
		return;
	oc->chosen = p;
	oc->chosen_points = points;
	oc->chosen_pid = p->pid;
	memcpy(oc->chosen_comm, p->comm, sizeof(oc->chosen_comm));
}

static void dump_task(struct task_struct *p, void *arg)
{
	struct oom_control *oc = arg;

	if (oom_unkillable_task(p) || !p->mm)
		return;
	if (oc->memcg && !mem_cgroup_is_descendant(mem_cgroup_from_task(p), oc->memcg))
		return;
	printk("[%7d] %8u %8lu %14lu %13d %s\n", p->pid, p->cpu, READ_ONCE(p->mm->rss),
	       READ_ONCE(p->mm->nr_ptes) * PAGE_SIZE, p->oom_score_adj, p->comm);
}

/* Linux dump_header: the request, Mem-Info (show_mem's per-zone lines), the task table. */
static void dump_header(struct oom_control *oc, bool victim)
{
	printk("%s invoked oom-killer: gfp_mask=%#x, order=%d, oom_score_adj=%d\n", current->comm,
	       oc->gfp_mask, oc->order, current->oom_score_adj);
	if (oc->memcg) {
		/* Linux mem_cgroup_print_oom_meminfo instead of show_mem. */
		struct mem_cgroup *m = oc->memcg;

		printk("memory: usage %lukB, limit %lukB, failcnt %lu\n",
		       mem_cgroup_usage(m) * (PAGE_SIZE / 1024),
		       mem_cgroup_get_max(m) * (PAGE_SIZE / 1024), READ_ONCE(m->memory.failcnt));
		printk("Memory cgroup stats:\n");
		mem_cgroup_show(m);
		goto tasks;
	}
	printk("Mem-Info:\n");
	for (int n = 0; n < MAX_NUMNODES; n++) {
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &node_data[n].node_zones[z];

			if (!node_data[n].online || !managed_zone(zone))
				continue;
			printk("Node %d %s free:%lukB min:%lukB low:%lukB high:%lukB managed:%lukB\n",
			       n, zone->name, zone_page_state(zone, NR_FREE_PAGES) * (PAGE_SIZE / 1024),
			       min_wmark_pages(zone) * (PAGE_SIZE / 1024),
			       low_wmark_pages(zone) * (PAGE_SIZE / 1024),
			       high_wmark_pages(zone) * (PAGE_SIZE / 1024),
			       zone_managed_pages(zone) * (PAGE_SIZE / 1024));
		}
	}
tasks:
	printk("Tasks state (memory values in pages):\n");
	printk("[  pid  ]      cpu      rss pgtables_bytes oom_score_adj name\n");
	sched_for_each_task(dump_task, oc);
	if (victim && oc->memcg) {
		char path[96];

		mem_cgroup_path(oc->memcg, path, sizeof(path));
		printk("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),oom_memcg=%s,task=%s,"
		       "pid=%d\n", path, oc->chosen_comm, oc->chosen_pid);
	} else if (victim) {
		printk("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),global_oom,task=%s,pid=%d\n",
		       oc->chosen_comm, oc->chosen_pid);
	}
}

struct kill_ctx {
	struct oom_control *oc;
	struct task_struct *victim;
	struct mm_struct *mm;
	char comm[TASK_COMM_LEN];
	int pid;
	bool done;
};

/* Mark, report and signal the victim under the task-list lock (the walk found it there: it is
 * still on the list and its mm is live); its mm is pinned for the reaping that follows. */
static void kill_chosen(struct task_struct *p, void *arg)
{
	struct kill_ctx *k = arg;
	struct mm_struct *mm = p->mm;

	if (p != k->victim || p->pid != k->oc->chosen_pid || !mm)
		return;
	WRITE_ONCE(last_kill_cycles, get_cycles());
	WRITE_ONCE(p->oom_victim, true);	/* Linux mark_oom_victim */
	__count_vm_event(OOM_KILL);
	memcg_memory_event(get_mem_cgroup_from_mm(mm), MEMCG_OOM_KILL);	/* memcg_memory_event_mm */
	printk("%s: Killed process", k->oc->memcg ? "Memory cgroup out of memory" : "Out of memory");
	printk(" %d (%s) total-vm:%lukB, anon-rss:%lukB, "
	       "file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:%lukB oom_score_adj:%d\n", p->pid,
	       p->comm, READ_ONCE(mm->rss) * (PAGE_SIZE / 1024),
	       READ_ONCE(mm->rss) * (PAGE_SIZE / 1024),
	       READ_ONCE(mm->nr_ptes) * (PAGE_SIZE / 1024), p->oom_score_adj);
	WRITE_ONCE(last_victim_pid, p->pid);
	memcpy(k->comm, p->comm, sizeof(k->comm));
	k->pid = p->pid;
	WRITE_ONCE(p->sigkill, true);		/* SIGKILL */
	mmgrab(mm);
	k->mm = mm;
	k->done = true;
	wake_up_process(p);
}

static void oom_kill_process(struct oom_control *oc)
{
	struct kill_ctx k = { .oc = oc, .victim = oc->chosen };
	unsigned long reaped;

	sched_for_each_task(kill_chosen, &k);
	if (!k.done)
		return;
	/* The oom_reaper's work (Linux oom_reap_task_mm), at once. */
	reaped = oom_reap_mm(k.mm);
	/* The pages went to this hart's per-CPU lists, which the watermark checks do not count:
	 * back to the buddy lists, so the retry that follows sees them. */
	drain_local_pages(NULL);
	printk("oom_reaper: reaped process %d (%s), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB "
	       "(%lu pages)\n", k.pid, k.comm, reaped);
	mmdrop(k.mm);
}

static void oc_select_and_report(struct oom_control *oc)
{
	oc->chosen = NULL;
	oc->chosen_points = LONG_MIN_;
	oc->totalpages = oc->memcg ? mem_cgroup_get_max(oc->memcg) : totalram_pages;
	if (!oc->totalpages)
		oc->totalpages = 1;
	sched_for_each_task(oom_evaluate_task, oc);
}

bool out_of_memory(struct oom_control *oc)
{
	static unsigned long no_victim_reports;

	/* Linux: a request that may not enter the filesystem gets "progress" and no kill; a memcg
	 * OOM kills anyway (its victim's memory is uncharged whatever the context). */
	if (oc->order >= 0 && !(oc->gfp_mask & __GFP_FS) && !oc->memcg)
		return true;
	if (!sched_ready())
		return false;
	if (!spin_trylock(&oom_lock))
		return true;	/* another killer is at work: its kill is our progress (Linux) */
	oc_select_and_report(oc);
	if (!oc->chosen) {
		if (oc->order < 0 || no_victim_reports++ < 4) {
			dump_header(oc, false);
			printk("Out of memory and no killable processes...\n");
		}
		spin_unlock(&oom_lock);
		return false;	/* Linux panics ("System is deadlocked on memory") */
	}
	if (oc->chosen != (void *)-1UL) {
		dump_header(oc, true);
		oom_kill_process(oc);
	}
	spin_unlock(&oom_lock);
	return true;
}

bool out_of_memory_gfp(gfp_t gfp, unsigned int order, const struct alloc_context *ac)
{
	struct oom_control oc = {
		.nodemask = ac ? ac->nodemask : NULL, .gfp_mask = gfp, .order = (int)order,
	};

	return out_of_memory(&oc);
}

bool oom_kill_manual(void)
{
	struct oom_control oc = { .gfp_mask = 0, .order = -1 };
	unsigned long kills = vm_event_sum(OOM_KILL);

	printk("sysrq: Manual OOM execution\n");
	out_of_memory(&oc);
	return vm_event_sum(OOM_KILL) != kills;
}

/* ---------------------------------------------------------------- tasks that own memory */

static int mm_task_fn(void *arg)
{
	struct mm_task *t = arg;
	struct mm_struct *mm = mm_alloc();
	gfp_t extra = t->may_oom ? __GFP_NOWARN : __GFP_NORETRY | __GFP_NOWARN;

	if (mm) {
		task_set_mm(current, mm);
		for (unsigned long i = 0; i < t->want && !fatal_signal_pending(current); i++) {
			if (anon_fault(mm, TASK_VA_START + (i << PAGE_SHIFT), extra))
				break;
			t->populated++;
		}
	}
	WRITE_ONCE(t->ready, true);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (fatal_signal_pending(current) || kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return fatal_signal_pending(current) ? 9 : 0;
}

static struct task_struct *__mm_task_run(struct mm_task *t, const char *name, unsigned long pages,
					 int adj, unsigned int cpu, struct mem_cgroup *memcg,
					 bool may_oom)
{
	struct task_struct *p;

	if (!t || adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->want = pages;
	t->may_oom = may_oom;
	p = kthread_create_on_cpu(mm_task_fn, t, cpu, "%s", name ? name : "memhog");
	if (!p)
		return NULL;
	/* Linux cgroup_post_fork: the child starts in its parent's groups (CLONE_INTO_CGROUP
	 * names another memcg). */
	mem_cgroup_attach_task(p, memcg ? memcg : mem_cgroup_from_task(current));
	cpuset_attach_task(p, task_cs(current));
	p->oom_score_adj = (short)adj;
	t->task = p;
	wake_up_process(p);
	return p;
}

struct task_struct *mm_task_run(struct mm_task *t, const char *name, unsigned long pages, int adj,
				unsigned int cpu)
{
	return __mm_task_run(t, name, pages, adj, cpu, NULL, false);
}

struct task_struct *mm_task_run_in(struct mm_task *t, const char *name, unsigned long pages,
				   int adj, unsigned int cpu, struct mem_cgroup *memcg)
{
	return __mm_task_run(t, name, pages, adj, cpu, memcg, true);
}
