// SPDX-License-Identifier: BSD-2-Clause
/*
 * Wait queues (Linux include/linux/wait.h): a task sleeps on a queue until a condition holds;
 * whoever makes it true calls wake_up() on the queue. The condition is tested after the task is
 * on the queue and has set its state, so a wake_up() between the test and the sleep is not lost.
 * Every waiter is woken (no exclusive waits). wake_up() may be called from an interrupt handler
 * and from any hart; wait_event*() only from a task.
 */
#ifndef PAGODA_WAIT_H
#define PAGODA_WAIT_H

#include <pagoda/list.h>
#include <pagoda/sched.h>
#include <pagoda/spinlock.h>

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { SPIN_LOCK_UNLOCKED, LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void init_waitqueue_head(struct wait_queue_head *wq);
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, long state);
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e);
void wake_up(struct wait_queue_head *wq);
#define wake_up_all(wq) wake_up(wq)
#define wake_up_interruptible(wq) wake_up(wq)
bool waitqueue_active(struct wait_queue_head *wq);

/* Linux's ___wait_cond_timeout: true to stop waiting; a condition true after the time ran out
 * still counts as success (1 jiffy left). */
#define ___wait_cond_timeout(condition, ret) ({ \
	bool __cond = (condition); \
	if (__cond && !(ret)) \
		(ret) = 1; \
	__cond || !(ret); \
})

#define ___wait_event(wq, condition, state, timeout) ({ \
	struct wait_queue_entry __wqe = { .task = current }; \
	long __ret = (timeout); \
	for (;;) { \
		prepare_to_wait(&(wq), &__wqe, (state)); \
		if (___wait_cond_timeout(condition, __ret)) \
			break; \
		__ret = schedule_timeout(__ret); \
	} \
	finish_wait(&(wq), &__wqe); \
	__ret; \
})

/* Sleep until condition is true. */
#define wait_event(wq, condition) do { \
	if (!(condition)) \
		(void)___wait_event(wq, condition, TASK_UNINTERRUPTIBLE, (long)MAX_SCHEDULE_TIMEOUT); \
} while (0)
#define wait_event_interruptible(wq, condition) ({ \
	if (!(condition)) \
		(void)___wait_event(wq, condition, TASK_INTERRUPTIBLE, (long)MAX_SCHEDULE_TIMEOUT); \
	0; \
})
/* 0 if the condition is still false after timeout jiffies, else the jiffies left (at least 1). */
#define wait_event_timeout(wq, condition, timeout) ({ \
	long __to = (long)(timeout); \
	if (!___wait_cond_timeout(condition, __to)) \
		__to = ___wait_event(wq, condition, TASK_UNINTERRUPTIBLE, __to); \
	__to; \
})

/* A one-shot event (Linux's struct completion, without counting). */
struct completion {
	volatile unsigned int done;
	struct wait_queue_head wait;
};
void init_completion(struct completion *c);
void complete_all(struct completion *c);
void wait_for_completion(struct completion *c);

#endif
