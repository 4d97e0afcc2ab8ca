// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of the scheduler, wait queues and kernel threads (QEMU 1-4 harts, the SoC). The
 * threads never use the ST_ macros (an abort must land in the runner's frame, on the runner's
 * stack): they record what they saw, and the test, running as init, checks it. Every wait of the
 * test is bounded, so a lost wake-up fails the test instead of hanging it.
 */
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <pagoda/selftest.h>
#include <pagoda/wait.h>
#include <mm/gfp.h>

#define ST_MAGIC 0x5a17

/* Wait (sleeping, so the threads of this hart run) until cond or about `ms` milliseconds. */
#define st_wait_until(cond, ms) ({ \
	unsigned int __i; \
	for (__i = 0; __i < (ms) && !(cond); __i++) \
		msleep(1); \
	(cond); \
})

struct ticker {
	volatile unsigned long ticks;
	volatile unsigned int cpu;
	volatile unsigned int flags;
};

static int ticker_fn(void *arg)
{
	struct ticker *t = arg;

	t->cpu = smp_processor_id();
	t->flags = current->flags;
	while (!kthread_should_stop()) {
		t->ticks++;
		msleep(1);
	}
	return ST_MAGIC;
}

/* A thread per hart sleeps and ticks until stopped; stop returns its result and frees it. */
SELFTEST(kthread_run_sleep_stop)
{
	static struct ticker t[NR_CPUS];
	struct task_struct *k[NR_CPUS] = { 0 };
	unsigned int before = sched_nr_tasks(), n = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		t[cpu].ticks = 0;
		t[cpu].cpu = ~0u;
		if (!cpu_online(cpu))
			continue;
		k[cpu] = kthread_run_on_cpu(ticker_fn, &t[cpu], cpu, "st-tick/%u", cpu);
		ST_ASSERT(k[cpu]);
		n++;
	}
	ST_ASSERT_EQ(sched_nr_tasks(), before + n);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!k[cpu])
			continue;
		if (!st_wait_until(t[cpu].ticks >= 3, ST_WAIT_MS))
			ST_FAIL("thread on cpu %u ticked %lu times", cpu, t[cpu].ticks);
		ST_ASSERT_EQ(t[cpu].cpu, cpu);
		ST_ASSERT(t[cpu].flags & PF_KTHREAD);
		ST_ASSERT(k[cpu]->nvcsw >= 2);	/* its msleep()s blocked it */
	}
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		if (k[cpu])
			ST_ASSERT_EQ(kthread_stop(k[cpu]), ST_MAGIC);
	ST_ASSERT_EQ(sched_nr_tasks(), before);
	return 0;
}

static volatile unsigned long never_ran;

static int never_fn(void *arg)
{
	(void)arg;
	never_ran++;
	return 0;
}

/* Stopped before it was ever woken: threadfn never runs, the result is -EINTR (Linux). */
SELFTEST(kthread_stop_before_first_run)
{
	struct task_struct *k;

	never_ran = 0;
	k = kthread_create(never_fn, NULL, "st-never");
	ST_ASSERT(k);
	ST_ASSERT_EQ(k->state, TASK_UNINTERRUPTIBLE);
	ST_ASSERT_EQ(kthread_stop(k), -EINTR);
	ST_ASSERT_EQ(never_ran, 0);
	/* Bad requests change nothing. */
	ST_ASSERT(!kthread_create_on_cpu(never_fn, NULL, NR_CPUS, "st-bad"));
	ST_ASSERT(!kthread_create(NULL, NULL, "st-bad"));
	ST_ASSERT(kthread_stop(current) < 0);
	return 0;
}

struct waiter {
	struct wait_queue_head wq;
	volatile bool cond;
	volatile bool woke;
	volatile long left;
};

static int waiter_fn(void *arg)
{
	struct waiter *w = arg;

	wait_event(w->wq, w->cond);
	w->woke = true;
	/* Then a timed wait nobody ends: it must run out (0). */
	w->left = wait_event_timeout(w->wq, kthread_should_stop(), msecs_to_jiffies(3));
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/* A thread on the last hart sleeps on a wait queue until the test sets the condition and calls
 * wake_up() (from another hart when there is one); then a timed wait runs out. */
SELFTEST(sched_wait_queue_wake_and_timeout)
{
	static struct waiter w;
	unsigned int cpu = 0, c;
	struct task_struct *k;
	u64 t0;

	for_each_online_cpu(c)
		cpu = c;
	init_waitqueue_head(&w.wq);
	w.cond = false;
	w.woke = false;
	w.left = -1;
	k = kthread_run_on_cpu(waiter_fn, &w, cpu, "st-wait");
	ST_ASSERT(k);
	/* Asleep on the queue, not spinning: its state says so and it stays asleep. */
	if (!st_wait_until(READ_ONCE(k->state) == TASK_UNINTERRUPTIBLE && waitqueue_active(&w.wq),
			   ST_WAIT_MS))
		ST_FAIL("waiter never slept (state %ld)", k->state);
	msleep(2);
	ST_ASSERT(!w.woke);
	ST_ASSERT_EQ(k->state, TASK_UNINTERRUPTIBLE);
	wake_up(&w.wq);	/* condition still false: it must go back to sleep */
	msleep(2);
	ST_ASSERT(!w.woke);
	t0 = get_time();
	w.cond = true;
	wake_up(&w.wq);
	if (!st_wait_until(w.left >= 0, ST_WAIT_MS))
		ST_FAIL("waiter not woken (woke %d)", w.woke);
	ST_ASSERT(w.woke);
	ST_ASSERT_EQ(w.left, 0);
	ST_ASSERT(get_time() - t0 >= 3 * sched_ticks_per_jiffy());
	ST_ASSERT_EQ(kthread_stop(k), 0);
	/* From init itself: a condition that turns true returns the time left, else 0. */
	ST_ASSERT_EQ(wait_event_timeout(w.wq, false, 2), 0);
	ST_ASSERT(wait_event_timeout(w.wq, true, 2) > 0);
	return 0;
}

/* msleep() sleeps at least what it was asked for, and blocks (a voluntary switch). */
SELFTEST(sched_msleep_at_least)
{
	unsigned long nvcsw = current->nvcsw;
	u64 t0 = get_time();

	msleep(5);
	ST_ASSERT(get_time() - t0 >= 5 * sched_ticks_per_jiffy());
	ST_ASSERT(current->nvcsw > nvcsw);
	return 0;
}

#define RR_ROUNDS 8
static char rr_log[2 * RR_ROUNDS + 1];
static volatile unsigned int rr_n;

static int rr_fn(void *arg)
{
	for (int i = 0; i < RR_ROUNDS; i++) {
		rr_log[rr_n++] = (char)(unsigned long)arg;
		yield();
	}
	return 0;
}

/* Two runnable threads on one hart take turns at each yield (FIFO run queue, no priorities). */
SELFTEST(sched_yield_round_robin)
{
	struct task_struct *a, *b;
	unsigned long sw0 = sched_nr_switches(0);

	rr_n = 0;
	a = kthread_create(rr_fn, (void *)'a', "st-rr-a");
	b = kthread_create(rr_fn, (void *)'b', "st-rr-b");
	ST_ASSERT(a && b);
	wake_up_process(a);
	wake_up_process(b);
	if (!st_wait_until(rr_n == 2 * RR_ROUNDS, ST_WAIT_MS))
		ST_FAIL("round robin stopped after %u entries", rr_n);
	rr_log[2 * RR_ROUNDS] = 0;
	for (int i = 0; i < 2 * RR_ROUNDS; i++)
		if (rr_log[i] != (i & 1 ? 'b' : 'a'))
			ST_FAIL("turns were \"%s\"", rr_log);
	ST_ASSERT(a->nivcsw >= RR_ROUNDS - 1);	/* yielded while runnable */
	ST_ASSERT(sched_nr_switches(0) - sw0 >= 2 * RR_ROUNDS);
	ST_ASSERT_EQ(kthread_stop(a), 0);
	ST_ASSERT_EQ(kthread_stop(b), 0);
	return 0;
}

struct scope_thread {
	volatile int step;
	volatile gfp_t seen_inside;
};

static int scope_fn(void *arg)
{
	struct scope_thread *s = arg;
	unsigned int f = memalloc_noio_save();

	s->step = 1;
	while (s->step != 2 && !kthread_should_stop())
		msleep(1);	/* sleeps inside its NOIO scope */
	s->seen_inside = current_gfp_context(GFP_KERNEL);
	memalloc_noio_restore(f);
	s->step = 3;
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/* A NOIO scope belongs to the task that opened it: init, on the same hart, keeps GFP_KERNEL while
 * the thread sleeps inside its scope, and the thread finds its scope intact when it wakes. */
SELFTEST(sched_memalloc_scope_is_per_task)
{
	static struct scope_thread s;
	struct task_struct *k;

	s.step = 0;
	s.seen_inside = 0;
	k = kthread_run(scope_fn, &s, "st-scope");
	ST_ASSERT(k);
	if (!st_wait_until(s.step == 1, ST_WAIT_MS))
		ST_FAIL("scope thread did not start");
	ST_ASSERT_EQ(current_gfp_context(GFP_KERNEL), GFP_KERNEL);
	ST_ASSERT(k->flags & PF_MEMALLOC_NOIO);
	s.step = 2;
	if (!st_wait_until(s.step == 3, ST_WAIT_MS))
		ST_FAIL("scope thread did not finish");
	ST_ASSERT_EQ(s.seen_inside, GFP_KERNEL & ~(__GFP_IO | __GFP_FS));
	ST_ASSERT(!(k->flags & PF_MEMALLOC_NOIO));
	ST_ASSERT_EQ(current_gfp_context(GFP_KERNEL), GFP_KERNEL);
	ST_ASSERT_EQ(kthread_stop(k), 0);
	return 0;
}
