// SPDX-License-Identifier: BSD-2-Clause
/*
 * cpusets, the memory side (mm/cpuset.c; Linux kernel/cgroup/cpuset.c, include/linux/cpuset.h):
 * a hierarchy of sets of memory nodes; a task belongs to one (task->cpuset, NULL = the top
 * cpuset, every online node). The page allocator restricts ALLOC_CPUSET requests to the task's
 * nodes: a __GFP_HARDWALL request (GFP_USER, user pages) strictly, a kernel request (no
 * HARDWALL) to the nodes of the nearest mem_exclusive or mem_hardwall ancestor (the "softwall"
 * case). See docs/mm.md "cpusets".
 */
#ifndef MM_CPUSET_H
#define MM_CPUSET_H

#include <pagoda/types.h>
#include <mm/gfp.h>

struct zone;
struct task_struct;

#define CPUSET_NAME_LEN 16
#define CPUSET_MAX 16		/* cpusets alive at once, the top one included */

struct cpuset {
	nodemask_t mems_allowed;	/* cpuset.mems: a subset of the parent's, never empty */
	bool mem_exclusive;		/* cpuset.mem_exclusive (cgroup v1 flag) */
	bool mem_hardwall;		/* cpuset.mem_hardwall (cgroup v1 flag) */
	bool used;
	char name[CPUSET_NAME_LEN];
	struct cpuset *parent;
	int nr_children;
	int nr_tasks;
};

extern struct cpuset cpuset_table[CPUSET_MAX];
#define top_cpuset (&cpuset_table[0])
/* Linux's cpusets_enabled_key: true while a cpuset other than the top one exists. The order-0
 * fast path is off meanwhile (mm_update_fastpath), so every request meets the checks below. */
extern int nr_cpusets;
static inline bool cpusets_enabled(void) { return READ_ONCE(nr_cpusets) > 1; }

void cpuset_reset(void);	/* mm_init(): only the top cpuset, every online node */
/* A child of parent (NULL: the top) with the parent's nodes; NULL with *err -EINVAL, -EEXIST,
 * -ENOSPC. */
struct cpuset *cpuset_create(struct cpuset *parent, const char *name, int *err);
/* rmdir: 0, -EBUSY (children or tasks), -EINVAL (the top). */
int cpuset_remove(struct cpuset *cs);
struct cpuset *cpuset_lookup(const char *path);
void cpuset_path(const struct cpuset *cs, char *buf, size_t len);
/* cpuset.mems: non-empty, online nodes only, within the parent's, covering every child's
 * (Linux validate_change): 0 or -EINVAL / -EBUSY. */
int cpuset_set_mems(struct cpuset *cs, nodemask_t mems);
/* Linux cpulist_parse for nodes: "0", "0-1", "0,2"; 0 or -EINVAL. */
int nodelist_parse(const char *s, nodemask_t *mask);
/* cpuset.mem_exclusive / cpuset.mem_hardwall (cgroup v1 flags; Linux also checks exclusivity
 * against siblings, not done here): 0 or -EINVAL (the top). */
int cpuset_set_mem_flags(struct cpuset *cs, bool exclusive, bool hardwall);
int cpuset_attach_task(struct task_struct *p, struct cpuset *cs);	/* 0 or -EINVAL */
struct cpuset *task_cs(const struct task_struct *p);

/* Linux cpuset_current_mems_allowed: the current task's nodes. */
const nodemask_t *cpuset_current_mems_allowed(void);
/* Linux __cpuset_node_allowed / __cpuset_zone_allowed / cpuset_zone_allowed. */
bool __cpuset_node_allowed(int node, gfp_t gfp);
bool __cpuset_zone_allowed(const struct zone *z, gfp_t gfp);
bool cpuset_zone_allowed(const struct zone *z, gfp_t gfp);
void cpuset_show(void);

#endif
