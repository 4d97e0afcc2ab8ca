// SPDX-License-Identifier: BSD-2-Clause
/* Wait queues and completions (Linux kernel/sched/wait.c, completion.c): see pagoda/wait.h. */
#include <pagoda/wait.h>

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/* On the queue first, then the state: a wake_up() that comes after the caller's test of its
 * condition finds the task queued and in that state, and makes it runnable again. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *e, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (!e->entry.next || list_empty(&e->entry))
		list_add_tail(&e->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *e)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	if (e->entry.next && !list_empty(&e->entry))
		list_del_init(&e->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct wait_queue_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(e, &wq->head, entry)
		try_to_wake_up(e->task, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
	spin_unlock_irqrestore(&wq->lock, flags);
}

bool waitqueue_active(struct wait_queue_head *wq)
{
	return !list_empty(&wq->head);
}

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

void complete_all(struct completion *c)
{
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	wake_up(&c->wait);
}

void wait_for_completion(struct completion *c)
{
	wait_event(c->wait, __atomic_load_n(&c->done, __ATOMIC_ACQUIRE));
}
