// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tasks and the scheduler (Linux include/linux/sched.h, kernel/sched/core.c in miniature).
 *
 * Each hart has its own run queue; a task stays on the hart it was created for (no migration,
 * no load balancing), so smp_processor_id() and the per-hart state that tp names stay valid for
 * the whole life of a task. Scheduling is cooperative, as a Linux kernel built with
 * CONFIG_PREEMPT_NONE: a task leaves the hart only when it calls schedule(), directly or through
 * cond_resched(), a sleep or a wait queue. The firmware runs with interrupts masked except at
 * points that ask for them, its per-CPU page lists and slab fast paths rely on never being
 * migrated between two instructions, and its self-tests take the timer interrupt over: timer
 * preemption would break all three, so the timer serves only sleeping (schedule_timeout()).
 */
#ifndef PAGODA_SCHED_H
#define PAGODA_SCHED_H

#include <asm/switch_to.h>
#include <pagoda/list.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>
#include <pagoda/types.h>

/* Task states (Linux values). */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_DEAD		0x0080

/* Per-task flags (Linux values). */
#define PF_IDLE			0x00000002	/* the hart's idle task */
#define PF_EXITING		0x00000004
#define PF_MEMALLOC		0x00000800	/* reclaimer: may use the reserves, never reclaims */
#define PF_KSWAPD		0x00020000
#define PF_MEMALLOC_NOFS	0x00040000	/* memalloc_nofs_save(): no __GFP_FS */
#define PF_MEMALLOC_NOIO	0x00080000	/* memalloc_noio_save(): no __GFP_IO nor __GFP_FS */
#define PF_KTHREAD		0x00200000

#define TASK_COMM_LEN 16
#define THREAD_SIZE_ORDER 2			/* 16 KiB stacks, as Linux riscv64 */
#define THREAD_SIZE (4096UL << THREAD_SIZE_ORDER)

/* Linux's jiffies at HZ = 1000, counted from the SBI time base. */
#define HZ 1000
#define MAX_SCHEDULE_TIMEOUT (~0UL >> 1)

struct kthread;
struct reclaim_state;
struct mm_struct;
struct mem_cgroup;
struct cpuset;

struct task_struct {
	struct thread_struct thread;	/* registers while switched out */
	volatile long state;		/* TASK_*: written by the task and its wakers */
	unsigned int flags;		/* PF_*: written by the task itself only */
	int pid;
	unsigned int cpu;		/* the hart whose run queue it belongs to, for life */
	bool on_rq;			/* on its run queue's list of runnable tasks */
	bool on_cpu;			/* running, or not yet switched away from */
	char comm[TASK_COMM_LEN];
	struct list_head run_list;	/* on the run queue */
	struct list_head tasks;		/* on the task list (ps) */
	u64 timeout;			/* time-base deadline while in schedule_timeout() */
	struct list_head timer_list;	/* on the run queue's sleepers while it has one */
	unsigned long nvcsw, nivcsw;	/* switches away: blocked / yielded while runnable */
	u64 sum_exec;			/* time-base ticks run, up to the last switch away */
	u64 exec_start;
	void *stack;			/* NULL for the boot and idle contexts */
	struct kthread *kthread;
	struct reclaim_state *reclaim_state;	/* set by reclaimers (mm/vmscan.c) */
	/* Memory it owns (mm/anon.c), or NULL; changed only through task_set_mm(). Pagoda has no
	 * user processes: a kernel thread that owns an mm is what the OOM killer may kill. */
	struct mm_struct *mm;
	short oom_score_adj;		/* -1000 (never kill) .. 1000, Linux's /proc/pid/oom_score_adj */
	volatile bool oom_victim;	/* Linux tsk_is_oom_victim: chosen by the OOM killer */
	volatile bool sigkill;		/* Linux's pending SIGKILL: the task is to exit */
	/* Its control groups (Linux task->cgroups, a css_set): NULL is the root group. Set by
	 * mem_cgroup_attach_task() / cpuset_attach_task(); a task made by mm_task_run() starts in
	 * its creator's, as a forked process does. */
	struct mem_cgroup *memcg;
	struct cpuset *cpuset;
};

/* current: the running task of this hart (interrupt handlers see the one they interrupted). */
#define current arch_get_current()

/* Bring-up: the boot hart's context becomes pid 1 "init" (it runs the mode: self-tests, shell),
 * each hart gets an idle task; sched_init_secondary() makes a secondary's boot context its idle
 * task, and cpu_idle_loop() is where it stays. */
void sched_init(u64 timebase_hz);
void sched_init_secondary(void);
void __noreturn cpu_idle_loop(void);
bool sched_ready(void);

void schedule(void);
/* Give the hart to another runnable task, if any (Linux cond_resched, !PREEMPT). Also runs a
 * cross-call waiting for this hart. Returns 1 when it switched. */
int cond_resched(void);
void yield(void);
/* Sleep in the current state (set first, as Linux) until woken or `timeout` jiffies pass;
 * returns the jiffies left (0 when the time ran out). */
long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
void msleep(unsigned int msecs);
/* Make a sleeping task runnable; returns 1 if it was not running. Any context, any hart. */
int wake_up_process(struct task_struct *p);

#define set_current_state(s) do { \
	WRITE_ONCE(current->state, (s)); \
	__atomic_thread_fence(__ATOMIC_SEQ_CST); \
} while (0)
#define __set_current_state(s) WRITE_ONCE(current->state, (s))

unsigned long jiffies_now(void);
unsigned long msecs_to_jiffies(unsigned int m);
unsigned int jiffies_to_msecs(unsigned long j);
/* Time base ticks per jiffy (kernel: the device tree's timebase-frequency / HZ). */
u64 sched_ticks_per_jiffy(void);

int try_to_wake_up(struct task_struct *p, unsigned int state);
/* A new task's first act: the incoming half of the switch that started it. */
void schedule_tail(void);

/* Arch hooks (arch/riscv/process.c; the host's in arch/host/host.c). */
void arch_idle_prepare(void);	/* interrupts off: a wake-up from now on ends arch_cpu_idle() */
void arch_cpu_idle(u64 deadline);	/* wait for an interrupt or the time base to reach deadline */
void arch_resched_cpu(unsigned int cpu);	/* end that hart's arch_cpu_idle() */

/* Internal to the scheduler files (kthread.c): a new task on `cpu`'s run queue, with `extra`
 * zeroed bytes for the caller right after the task_struct (freed with it). */
struct task_struct *sched_create_task(void (*entry)(void), const char *comm, unsigned int cpu,
				      unsigned int flags, size_t extra);
void sched_free_task(struct task_struct *p);
void __noreturn do_exit(long code);

/* Linux fatal_signal_pending / tsk_is_oom_victim. */
static inline bool fatal_signal_pending(const struct task_struct *p) { return READ_ONCE(p->sigkill); }
static inline bool tsk_is_oom_victim(const struct task_struct *p) { return READ_ONCE(p->oom_victim); }

/* Set p's mm (NULL to drop it), returning the old one; under the task-list lock, so a walker of
 * sched_for_each_task() sees either no mm or a live one. */
struct mm_struct *task_set_mm(struct task_struct *p, struct mm_struct *mm);
/* fn(p, arg) for every task, in creation order, under the task-list lock (interrupts off): fn
 * must not sleep nor take that lock. */
void sched_for_each_task(void (*fn)(struct task_struct *p, void *arg), void *arg);

/* Leave the task's memory cgroup and cpuset for the roots (Linux kernel/cgroup/cgroup.c
 * cgroup_exit; here in mm/memcontrol.c): its exit, after its mm went. */
void cgroup_exit(struct task_struct *p);

/* The task table, Linux's `ps -eo pid,stat,psr,comm`-like; for the shell and tests. */
void sched_show_tasks(void);
unsigned int sched_nr_tasks(void);
/* Count of context switches on a hart since boot. */
unsigned long sched_nr_switches(unsigned int cpu);

/* Memory allocation scopes (Linux include/linux/sched/mm.h): flags of the task, so a task that
 * sleeps inside a scope does not hand its restriction to the next task on the hart. */
static inline unsigned int memalloc_noreclaim_save(void)
{
	unsigned int old = current->flags & PF_MEMALLOC;

	current->flags |= PF_MEMALLOC;
	return old;
}

static inline void memalloc_noreclaim_restore(unsigned int flags)
{
	current->flags = (current->flags & ~PF_MEMALLOC) | flags;
}

#endif
