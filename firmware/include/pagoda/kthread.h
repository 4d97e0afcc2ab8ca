// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel threads (Linux include/linux/kthread.h). A thread runs threadfn(data) on one hart for
 * its whole life: kthread_create() puts it on the calling hart, kthread_create_on_cpu() on the one
 * named, kthread_create_on_node() on the highest-numbered online hart of that node (the boot
 * hart, cpu 0, runs the self-tests and the shell: the last hart of a node is the least busy).
 * It is created asleep; kthread_run() also wakes it. A thread loops until kthread_should_stop();
 * kthread_stop() asks for that, wakes it, waits for threadfn to return and frees the thread,
 * returning threadfn's result (-EINTR if it was stopped before it ever ran).
 * A thread whose threadfn returns without being asked stays a dead task ('X' in `ps`) until
 * kthread_stop() reaps it. Names are formatted as printk's, up to 15 characters.
 */
#ifndef PAGODA_KTHREAD_H
#define PAGODA_KTHREAD_H

#include <pagoda/compiler.h>
#include <pagoda/sched.h>

#define EINTR 4

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt, ...) __printf(4, 5);
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char *namefmt, ...) __printf(4, 5);
#define kthread_create(threadfn, data, ...) \
	kthread_create_on_cpu(threadfn, data, smp_processor_id(), __VA_ARGS__)
#define kthread_run(threadfn, data, ...) ({ \
	struct task_struct *__k = kthread_create(threadfn, data, __VA_ARGS__); \
	if (__k) \
		wake_up_process(__k); \
	__k; \
})
#define kthread_run_on_cpu(threadfn, data, cpu, ...) ({ \
	struct task_struct *__k = kthread_create_on_cpu(threadfn, data, cpu, __VA_ARGS__); \
	if (__k) \
		wake_up_process(__k); \
	__k; \
})

bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
/* The hart kthread_create_on_node() picks for a node. */
unsigned int kthread_node_cpu(int node);

#endif
