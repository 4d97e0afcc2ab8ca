// SPDX-License-Identifier: BSD-2-Clause
/*
 * The scheduler (Linux kernel/sched/core.c, much reduced; see pagoda/sched.h for the model).
 *
 * One run queue per hart: the running task, a FIFO of runnable tasks, the idle task, and the
 * tasks sleeping with a deadline. Tasks never change hart. schedule() puts a still-runnable
 * caller at the tail (round robin among equals, no priorities), takes the head, or the idle task
 * when the list is empty. The run queue's lock is held across the switch and released by the
 * task that comes in (Linux's finish_task_switch), so a waker on another hart sees either the
 * old task running or the new one, never a half-switched hart.
 *
 * Sleeping with a deadline (schedule_timeout) leaves the task on its run queue's sleeper list;
 * every schedule() and every turn of the idle loop wakes the sleepers whose deadline passed, and
 * the idle loop arms the SBI timer for the earliest one before its wfi. Between two schedule()
 * calls of a busy task a deadline can pass unnoticed: the price of cooperative scheduling.
 */
#include <asm/barrier.h>
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/shell.h>
#include <pagoda/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/slab.h>

#define NO_DEADLINE (~0ULL)

struct rq {
	spinlock_t lock;
	struct task_struct *curr;
	struct task_struct *idle;
	struct task_struct *last;	/* the task that switched away, for finish_task_switch() */
	struct list_head runnable;
	struct list_head sleepers;	/* tasks in schedule_timeout() */
	unsigned long nr_switches;
} __aligned(64);

static struct rq runqueues[NR_CPUS];
static struct task_struct init_task;
static struct task_struct idle_tasks[NR_CPUS];
static u8 idle0_stack[THREAD_SIZE] __aligned(16);
static LIST_HEAD(task_list);
static spinlock_t tasklist_lock = SPIN_LOCK_UNLOCKED;
static int last_pid = 1;	/* init is 1; the idle tasks are 0, as Linux's swapper */
static u64 ticks_per_jiffy = 1;
static bool sched_up;

static inline struct rq *cpu_rq(unsigned int cpu) { return &runqueues[cpu]; }
static inline struct rq *this_rq(void) { return cpu_rq(smp_processor_id()); }

bool sched_ready(void) { return sched_up; }
u64 sched_ticks_per_jiffy(void) { return ticks_per_jiffy; }
unsigned long jiffies_now(void) { return (unsigned long)(get_time() / ticks_per_jiffy); }
unsigned long msecs_to_jiffies(unsigned int m) { return (unsigned long)m * (HZ / 1000); }
unsigned int jiffies_to_msecs(unsigned long j) { return (unsigned int)(j / (HZ / 1000)); }
unsigned long sched_nr_switches(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(runqueues[cpu].nr_switches) : 0;
}

static void task_init_common(struct task_struct *p, const char *comm, unsigned int cpu, int pid,
			     unsigned int flags)
{
	memset(&p->pid, 0, sizeof(*p) - offsetof(struct task_struct, pid));
	p->pid = pid;
	p->cpu = cpu;
	p->flags = flags;
	snprintf(p->comm, sizeof(p->comm), "%s", comm);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->timer_list);
	INIT_LIST_HEAD(&p->tasks);
}

static void task_list_add(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_add_tail(&p->tasks, &task_list);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void rq_init(unsigned int cpu, struct task_struct *idle, struct task_struct *curr)
{
	struct rq *rq = cpu_rq(cpu);

	spin_lock_init(&rq->lock);
	INIT_LIST_HEAD(&rq->runnable);
	INIT_LIST_HEAD(&rq->sleepers);
	rq->idle = idle;
	rq->curr = curr;
	rq->last = NULL;
	rq->nr_switches = 0;
	curr->on_cpu = true;
	curr->exec_start = get_time();
}

/* The idle task's entry on the boot hart (the secondaries' idle tasks are their boot contexts). */
static void idle0_entry(void);

void sched_init(u64 timebase_hz)
{
	ticks_per_jiffy = timebase_hz >= HZ ? timebase_hz / HZ : 1;
	INIT_LIST_HEAD(&task_list);
	last_pid = 1;
	/* The boot hart is cpu 0 (head.S numbers it so). */
	task_init_common(&init_task, "init", 0, 1, 0);
	task_init_common(&idle_tasks[0], "swapper/0", 0, 0, PF_IDLE | PF_KTHREAD);
	arch_thread_init(&idle_tasks[0].thread, idle0_entry, idle0_stack, sizeof(idle0_stack));
	rq_init(smp_processor_id(), &idle_tasks[0], &init_task);
	task_list_add(&idle_tasks[0]);
	task_list_add(&init_task);
	arch_set_current(&init_task);
	sched_up = true;
}

void sched_init_secondary(void)
{
	unsigned int cpu = smp_processor_id();
	struct task_struct *idle = &idle_tasks[cpu];
	char comm[TASK_COMM_LEN];

	snprintf(comm, sizeof(comm), "swapper/%u", cpu);
	task_init_common(idle, comm, cpu, 0, PF_IDLE | PF_KTHREAD);
	rq_init(cpu, idle, idle);
	task_list_add(idle);
	arch_set_current(idle);
}

/* ------------------------------------------------------------------ run queue */

static void enqueue_task(struct rq *rq, struct task_struct *p)
{
	if (p->on_rq || p == rq->idle)
		return;
	list_add_tail(&p->run_list, &rq->runnable);
	p->on_rq = true;
}

static struct task_struct *pick_next_task(struct rq *rq)
{
	struct task_struct *p;

	if (list_empty(&rq->runnable))
		return rq->idle;
	p = list_first_entry(&rq->runnable, struct task_struct, run_list);
	list_del_init(&p->run_list);
	p->on_rq = false;
	return p;
}

/* Wake the sleepers whose deadline passed; returns the earliest deadline left. rq->lock held. */
static u64 expire_timers(struct rq *rq, u64 now)
{
	struct task_struct *p, *n;
	u64 next = NO_DEADLINE;

	list_for_each_entry_safe(p, n, &rq->sleepers, timer_list) {
		if (p->timeout <= now) {
			list_del_init(&p->timer_list);
			if (p->state & (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)) {
				WRITE_ONCE(p->state, TASK_RUNNING);
				if (rq->curr != p)
					enqueue_task(rq, p);
			}
		} else if (p->timeout < next) {
			next = p->timeout;
		}
	}
	return next;
}

/* The incoming task's half of a switch: the outgoing one is off the hart now. */
static void finish_task_switch(struct rq *rq)
{
	struct task_struct *last = rq->last;

	rq->last = NULL;
	current->exec_start = get_time();
	__atomic_store_n(&last->on_cpu, false, __ATOMIC_RELEASE);
	spin_unlock(&rq->lock);
}

void schedule(void)
{
	struct task_struct *prev = current, *next;
	struct rq *rq;
	unsigned long flags;

	if (unlikely(!sched_up))
		return;
	if (unlikely(in_interrupt())) {
		/* Linux's "BUG: scheduling while atomic": a handler has no task of its own. */
		WARN_ON_ONCE(1);
		printk("BUG: scheduling while atomic: %s/%d\n", prev->comm, prev->pid);
		return;
	}
	rq = this_rq();
	local_irq_save(flags);
	spin_lock(&rq->lock);
	expire_timers(rq, get_time());
	if (prev->state == TASK_RUNNING)
		enqueue_task(rq, prev);
	next = pick_next_task(rq);
	if (next == prev) {
		spin_unlock(&rq->lock);
		local_irq_restore(flags);
		return;
	}
	if (prev->state == TASK_RUNNING)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	prev->sum_exec += get_time() - prev->exec_start;
	rq->nr_switches++;
	rq->curr = next;
	rq->last = prev;
	next->on_cpu = true;
	arch_set_current(next);
	__switch_to(&prev->thread, &next->thread);
	/* prev again, switched back in by some other task of this hart */
	finish_task_switch(this_rq());
	local_irq_restore(flags);
}

/* The first thing a new task runs (kthread.c's entry calls it): its half of the switch. */
void schedule_tail(void)
{
	arch_task_first_run();
	finish_task_switch(this_rq());
}

/* Something else may want the hart: a runnable task, or a sleeper whose time may be up. */
static bool need_resched(struct rq *rq)
{
	return !list_empty(&rq->runnable) || !list_empty(&rq->sleepers);
}

int cond_resched(void)
{
	unsigned long before;

	if (unlikely(!sched_up) || in_interrupt())
		return 0;
	smp_poll_call();
	if (!need_resched(this_rq()))
		return 0;
	before = this_rq()->nr_switches;
	schedule();
	return this_rq()->nr_switches != before;
}

void yield(void)
{
	__set_current_state(TASK_RUNNING);
	schedule();
}

int try_to_wake_up(struct task_struct *p, unsigned int state)
{
	struct rq *rq = cpu_rq(p->cpu);
	unsigned long flags;
	bool kick;

	spin_lock_irqsave(&rq->lock, flags);
	if (!(READ_ONCE(p->state) & state)) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return 0;
	}
	WRITE_ONCE(p->state, TASK_RUNNING);
	if (!list_empty(&p->timer_list))
		list_del_init(&p->timer_list);
	if (rq->curr != p)
		enqueue_task(rq, p);
	kick = p->cpu != smp_processor_id() && rq->curr == rq->idle;
	spin_unlock_irqrestore(&rq->lock, flags);
	if (kick)
		arch_resched_cpu(p->cpu);	/* end its idle wfi */
	return 1;
}

int wake_up_process(struct task_struct *p)
{
	return try_to_wake_up(p, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

/* ------------------------------------------------------------------ sleeping */

long schedule_timeout(long timeout)
{
	struct task_struct *p = current;
	struct rq *rq = this_rq();
	unsigned long flags;
	u64 expire, now;

	if (timeout == (long)MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		printk("schedule_timeout: wrong timeout value %ld from %s/%d\n", timeout, p->comm,
		       p->pid);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	expire = get_time() + (u64)timeout * ticks_per_jiffy;
	spin_lock_irqsave(&rq->lock, flags);
	p->timeout = expire;
	if (p->state != TASK_RUNNING)
		list_add_tail(&p->timer_list, &rq->sleepers);
	spin_unlock_irqrestore(&rq->lock, flags);
	schedule();
	spin_lock_irqsave(&rq->lock, flags);
	if (!list_empty(&p->timer_list))
		list_del_init(&p->timer_list);
	spin_unlock_irqrestore(&rq->lock, flags);
	now = get_time();
	if (now >= expire)
		return 0;
	return (long)((expire - now + ticks_per_jiffy - 1) / ticks_per_jiffy);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;	/* Linux: at least the time asked */

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

/* ------------------------------------------------------------------ idle */

/*
 * The idle task: cross-calls first (smp_call_on_all() runs its functions here, in task context),
 * then any task made runnable or whose sleep ended, else wait for an interrupt with the timer set
 * to the earliest sleeper's deadline. Interrupts are masked but for arch_cpu_idle()'s window.
 */
void __noreturn cpu_idle_loop(void)
{
	struct rq *rq = this_rq();

	for (;;) {
		bool busy;
		u64 next;

		smp_poll_call();
		local_irq_disable();
		arch_idle_prepare();	/* a wake-up from now on ends the wait below */
		spin_lock(&rq->lock);
		next = expire_timers(rq, get_time());
		busy = !list_empty(&rq->runnable);
		spin_unlock(&rq->lock);
		if (busy) {
			schedule();
			continue;
		}
		if (smp_call_waiting())
			continue;
		arch_cpu_idle(next);
	}
}

static void idle0_entry(void)
{
	schedule_tail();
	cpu_idle_loop();
}

/* ------------------------------------------------------------------ tasks */

struct task_struct *sched_create_task(void (*entry)(void), const char *comm, unsigned int cpu,
				      unsigned int flags, size_t extra)
{
	struct task_struct *p;
	struct page *stack;
	int pid;

	if (!sched_up || cpu >= NR_CPUS || !cpu_online(cpu))
		return NULL;
	p = kzalloc(sizeof(*p) + extra, GFP_KERNEL);	/* one allocation with the caller's part */
	if (!p)
		return NULL;
	stack = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!stack) {
		kfree(p);
		return NULL;
	}
	pid = __atomic_add_fetch(&last_pid, 1, __ATOMIC_RELAXED);
	task_init_common(p, comm, cpu, pid, flags);
	p->stack = page_address(stack);
	p->state = TASK_UNINTERRUPTIBLE;	/* runs once woken (kthread_run) */
	arch_thread_init(&p->thread, entry, p->stack, THREAD_SIZE);
	task_list_add(p);
	return p;
}

/* Free a dead task once it is off its hart for good (kthread_stop reaps this way). */
void sched_free_task(struct task_struct *p)
{
	unsigned long flags;

	while (__atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	arch_thread_release(&p->thread);
	__free_pages(virt_to_page(p->stack), THREAD_SIZE_ORDER);
	kfree(p);
}

void __noreturn do_exit(long code)
{
	struct task_struct *p = current;

	(void)code;
	p->flags |= PF_EXITING;
	set_current_state(TASK_DEAD);
	schedule();
	panic("do_exit: %s/%d ran again after its death", p->comm, p->pid);
}

struct mm_struct *task_set_mm(struct task_struct *p, struct mm_struct *mm)
{
	struct mm_struct *old;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	old = p->mm;
	p->mm = mm;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return old;
}

void sched_for_each_task(void (*fn)(struct task_struct *p, void *arg), void *arg)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		fn(p, arg);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static char task_state_char(const struct task_struct *p, const struct rq *rq)
{
	long s = READ_ONCE(p->state);

	if (s == TASK_DEAD)
		return 'X';
	if (s & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (s & TASK_INTERRUPTIBLE)
		return 'S';
	if (p->flags & PF_IDLE)
		return READ_ONCE(rq->curr) == p ? 'R' : 'I';
	return 'R';
}

unsigned int sched_nr_tasks(void)
{
	struct task_struct *p;
	unsigned long flags;
	unsigned int n = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks)
		n++;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return n;
}

void sched_show_tasks(void)
{
	struct task_struct *p;
	unsigned long flags;
	u64 tpms = ticks_per_jiffy * (1000 / HZ);

	printk("  PID CPU S FLAGS      NVCSW  NIVCSW     TIME(ms)   RSS OOM_ADJ COMMAND\n");
	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &task_list, tasks) {
		u64 run = p->sum_exec;

		if (READ_ONCE(runqueues[p->cpu].curr) == p)
			run += get_time() - p->exec_start;
		printk("%5d %3u %c 0x%08x %6lu %7lu %12llu %5lu %7d %s%s%s\n", p->pid, p->cpu,
		       task_state_char(p, &runqueues[p->cpu]), p->flags, p->nvcsw, p->nivcsw,
		       (unsigned long long)(run / tpms), p->mm ? READ_ONCE(p->mm->rss) : 0UL,
		       p->oom_score_adj, (p->flags & PF_KTHREAD) ? "[" : "", p->comm,
		       (p->flags & PF_KTHREAD) ? "]" : "");
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

SHELL_CMD_ARGS(ps, 0, 0, "tasks: pid, cpu, state, flags, switches, run time, rss, oom_score_adj, name")
{
	(void)argc;
	(void)argv;
	sched_show_tasks();
	return 0;
}
