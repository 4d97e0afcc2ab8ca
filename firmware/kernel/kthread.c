// SPDX-License-Identifier: BSD-2-Clause
/* Kernel threads (Linux kernel/kthread.c): see pagoda/kthread.h. */
#include <stdarg.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/wait.h>
#include <mm/mm.h>
#include <mm/mm_types.h>

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	volatile bool should_stop;
	int result;
	struct completion exited;
};

static struct kthread *to_kthread(struct task_struct *k)
{
	return (k && (k->flags & PF_KTHREAD)) ? k->kthread : NULL;
}

/* Where every kernel thread starts (its first switch "returns" here, arch_thread_init). */
static void kthread_entry(void)
{
	struct kthread *self;
	int ret = -EINTR;

	schedule_tail();
	self = current->kthread;
	if (!self->should_stop)
		ret = self->threadfn(self->data);
	{
		/* Linux exit_mm: the address space goes with the task (before the waiters of
		 * kthread_stop hear of the exit, so they find its memory back). */
		struct mm_struct *mm = task_set_mm(current, NULL);

		if (mm)
			mmput(mm);
		cgroup_exit(current);
	}
	self->result = ret;
	complete_all(&self->exited);
	do_exit(ret);
}

static struct task_struct *kthread_create_vargs(int (*threadfn)(void *), void *data,
						unsigned int cpu, const char *fmt, va_list ap)
{
	char comm[TASK_COMM_LEN];
	struct task_struct *p;
	struct kthread *kt;

	if (!threadfn || !fmt) {
		pr_err("kthread_create: no thread function or name\n");
		return NULL;
	}
	if (cpu >= NR_CPUS || !cpu_online(cpu)) {
		pr_err("kthread_create: cpu %u is not online\n", cpu);
		return NULL;
	}
	vsnprintf(comm, sizeof(comm), fmt, ap);
	p = sched_create_task(kthread_entry, comm, cpu, PF_KTHREAD, sizeof(*kt));
	if (!p)
		return NULL;
	kt = (struct kthread *)(p + 1);
	kt->threadfn = threadfn;
	kt->data = data;
	init_completion(&kt->exited);
	p->kthread = kt;
	return p;
}

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *), void *data, unsigned int cpu,
					  const char *namefmt, ...)
{
	struct task_struct *p;
	va_list ap;

	va_start(ap, namefmt);
	p = kthread_create_vargs(threadfn, data, cpu, namefmt, ap);
	va_end(ap);
	return p;
}

unsigned int kthread_node_cpu(int node)
{
	unsigned int best = 0, cpu;

	for_each_online_cpu(cpu)
		if (cpu_to_node(cpu) == node)
			best = cpu;
	return best;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *), void *data, int node,
					   const char *namefmt, ...)
{
	struct task_struct *p;
	va_list ap;

	va_start(ap, namefmt);
	p = kthread_create_vargs(threadfn, data, kthread_node_cpu(node), namefmt, ap);
	va_end(ap);
	return p;
}

bool kthread_should_stop(void)
{
	struct kthread *kt = to_kthread(current);

	return kt && READ_ONCE(kt->should_stop);
}

int kthread_stop(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);
	int ret;

	if (!kt || k == current || (k->flags & PF_IDLE)) {
		pr_err("kthread_stop: %s is not a kernel thread another task may stop\n",
		       k ? k->comm : "(null)");
		return -22;
	}
	WRITE_ONCE(kt->should_stop, true);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = kt->result;
	sched_free_task(k);	/* the struct kthread goes with it */
	return ret;
}
