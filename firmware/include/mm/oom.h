// SPDX-License-Identifier: BSD-2-Clause
/*
 * The OOM killer (mm/oom_kill.c, Linux mm/oom_kill.c 6.1). docs/mm.md "OOM killer".
 */
#ifndef MM_OOM_H
#define MM_OOM_H

#include <pagoda/sched.h>
#include <mm/mmzone.h>

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000

/* Linux struct oom_control. order -1: sysrq-f (a manual kill, no failing request). */
struct mem_cgroup;

struct oom_control {
	nodemask_t *nodemask;
	struct mem_cgroup *memcg;	/* memcg OOM: kill inside this group only (else NULL) */
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages;
	struct task_struct *chosen;	/* (void *)-1: a previous victim is still exiting */
	long chosen_points;
	/* The chosen task's pid and name, copied under the task-list lock: between the walks that
	 * select and kill, the task may exit and be freed (the kill then finds no such task). */
	int chosen_pid;
	char chosen_comm[TASK_COMM_LEN];
};

/* Linux oom_badness: rss + page-table pages + oom_score_adj * totalpages / 1000, or LONG_MIN for
 * a task that may not be killed (no mm, init, the idle tasks, adj -1000, an mm already reaped). */
long oom_badness(struct task_struct *p, unsigned long totalpages);
/* Linux out_of_memory: true when memory was freed or will be (a victim, or a !__GFP_FS request,
 * which Linux never kills for but reports as progress). */
bool out_of_memory(struct oom_control *oc);
/* The slow path's hook (struct mm_slowpath_ops.out_of_memory). */
bool out_of_memory_gfp(gfp_t gfp, unsigned int order, const struct alloc_context *ac);
/* sysrq-f: kill the worst task now, report included; true if one was killed. */
bool oom_kill_manual(void);
/* The pid of the last task killed (0 before any). */
int oom_last_victim_pid(void);
/* The cycle counter (get_cycles) when the last victim was marked, 0 before any. */
unsigned long oom_last_kill_cycles(void);

/*
 * A task that owns `pages` anonymous pages in its own mm (the OOM killer's candidates; Pagoda has
 * no user processes). mm_task_run() starts it on `cpu` with oom_score_adj `adj`; it faults its
 * pages (__GFP_NORETRY: filling never kills), sets ->ready and sleeps until killed (returns 9,
 * SIGKILL) or stopped (returns 0); either way its mm goes at exit. Reap with kthread_stop().
 */
struct mm_task {
	struct task_struct *task;
	unsigned long want, populated;
	volatile bool ready;
	bool may_oom;		/* faults without __GFP_NORETRY (mm_task_run_in) */
};
struct task_struct *mm_task_run(struct mm_task *t, const char *name, unsigned long pages, int adj,
				unsigned int cpu);
/* The same task started in memcg (NULL: its creator's group, as mm_task_run, which also starts
 * it in its creator's cpuset). Its faults are a user page fault's (no __GFP_NORETRY): a charge
 * over the group's limit reclaims, then OOM-kills inside the group, possibly the task itself. */
struct task_struct *mm_task_run_in(struct mm_task *t, const char *name, unsigned long pages,
				   int adj, unsigned int cpu, struct mem_cgroup *memcg);

#endif
