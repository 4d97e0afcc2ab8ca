// SPDX-License-Identifier: BSD-2-Clause
/*
 * cpusets, the memory side (Linux kernel/cgroup/cpuset.c, 6.1): which nodes a task's pages may
 * come from. The page allocator asks __cpuset_zone_allowed() for ALLOC_CPUSET requests
 * (mm/page_alloc.c get_page_from_freelist) and walks only the task's nodes on its first try
 * (Linux prepare_alloc_pages: ac->nodemask = cpuset_current_mems_allowed, __GFP_HARDWALL).
 * Pagoda places tasks on harts itself, so the CPU side (cpuset.cpus) is left out. A fixed table
 * of cpusets under one lock. Differences from Linux: docs/mm.md "cpusets".
 */
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/string.h>
#include <mm/cpuset.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include "internal.h"

struct cpuset cpuset_table[CPUSET_MAX];
int nr_cpusets;
static spinlock_t callback_lock = SPIN_LOCK_UNLOCKED;	/* Linux callback_lock */

/* Linux node_states[N_MEMORY]: nodes come online after cpuset_reset(), so the top cpuset
 * takes them when its first child is made (Pagoda has no memory hotplug). */
static nodemask_t online_nodes(void)
{
	nodemask_t all = { 0 };

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			node_set(nid, &all);
	return all;
}

void cpuset_reset(void)
{
	nodemask_t all = online_nodes();

	spin_lock_init(&callback_lock);
	memset(cpuset_table, 0, sizeof(cpuset_table));
	/* Linux top_cpuset: online, cpu_exclusive and mem_exclusive, every memory node. */
	top_cpuset->mems_allowed = all;
	top_cpuset->mem_exclusive = true;
	top_cpuset->used = true;
	WRITE_ONCE(nr_cpusets, 1);
	mm_update_fastpath();
}

struct cpuset *task_cs(const struct task_struct *p)
{
	struct cpuset *cs = p ? READ_ONCE(p->cpuset) : NULL;

	return cs ? cs : top_cpuset;
}

const nodemask_t *cpuset_current_mems_allowed(void)
{
	return &task_cs(current)->mems_allowed;
}

static struct cpuset *child_locked(struct cpuset *parent, const char *name, size_t n)
{
	for (int i = 1; i < CPUSET_MAX; i++) {
		struct cpuset *cs = &cpuset_table[i];

		if (cs->used && cs->parent == parent && strlen(cs->name) == n &&
		    !memcmp(cs->name, name, n))
			return cs;
	}
	return NULL;
}

struct cpuset *cpuset_create(struct cpuset *parent, const char *name, int *err)
{
	struct cpuset *cs = NULL;
	unsigned long flags;

	*err = 0;
	if (!parent)
		parent = top_cpuset;
	if (!cgroup_name_ok(name, CPUSET_NAME_LEN)) {
		*err = -EINVAL;
		return NULL;
	}
	spin_lock_irqsave(&callback_lock, flags);
	if (parent == top_cpuset)
		top_cpuset->mems_allowed = online_nodes();
	if (!parent->used || child_locked(parent, name, strlen(name))) {
		*err = -EEXIST;
	} else {
		for (int i = 1; i < CPUSET_MAX && !cs; i++)
			if (!cpuset_table[i].used)
				cs = &cpuset_table[i];
		if (!cs)
			*err = -ENOSPC;
	}
	if (cs) {
		memset(cs, 0, sizeof(*cs));
		/* Linux cgroup v2 starts a child with the parent's effective mems. */
		cs->mems_allowed = parent->mems_allowed;
		cs->parent = parent;
		memcpy(cs->name, name, strlen(name) + 1);
		cs->used = true;
		parent->nr_children++;
		WRITE_ONCE(nr_cpusets, nr_cpusets + 1);
	}
	spin_unlock_irqrestore(&callback_lock, flags);
	if (cs)
		mm_update_fastpath();	/* Linux cpuset_inc(): the static key flips */
	return cs;
}

int cpuset_remove(struct cpuset *cs)
{
	unsigned long flags;
	int err = 0;

	if (!cs || cs == top_cpuset || !cs->used)
		return -EINVAL;
	spin_lock_irqsave(&callback_lock, flags);
	if (cs->nr_children || READ_ONCE(cs->nr_tasks)) {
		err = -EBUSY;
	} else {
		cs->parent->nr_children--;
		cs->used = false;
		WRITE_ONCE(nr_cpusets, nr_cpusets - 1);
	}
	spin_unlock_irqrestore(&callback_lock, flags);
	if (!err)
		mm_update_fastpath();
	return err;
}

struct cpuset *cpuset_lookup(const char *path)
{
	struct cpuset *cs = top_cpuset;
	unsigned long flags;

	if (!path)
		return NULL;
	spin_lock_irqsave(&callback_lock, flags);
	while (*path && cs) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		for (end = path; *end && *end != '/'; end++)
			;
		cs = child_locked(cs, path, (size_t)(end - path));
		path = end;
	}
	spin_unlock_irqrestore(&callback_lock, flags);
	return cs;
}

void cpuset_path(const struct cpuset *cs, char *buf, size_t len)
{
	const struct cpuset *chain[CPUSET_MAX];
	size_t n = 0, pos = 0;

	if (!len)
		return;
	buf[0] = 0;
	for (; cs && cs != top_cpuset && n < CPUSET_MAX; cs = cs->parent)
		chain[n++] = cs;
	if (!n)
		snprintf(buf, len, "/");
	while (n-- && pos < len)
		pos += (size_t)snprintf(buf + pos, len - pos, "/%s", chain[n]->name);
}

int nodelist_parse(const char *s, nodemask_t *mask)
{
	nodemask_t m = { 0 };

	if (!s || !*s)
		return -EINVAL;
	while (*s) {
		unsigned long a = 0, b;
		bool digit = false;

		for (; *s >= '0' && *s <= '9'; s++, digit = true)
			if ((a = a * 10 + (unsigned long)(*s - '0')) >= MAX_NUMNODES)
				return -EINVAL;
		if (!digit)
			return -EINVAL;
		b = a;
		if (*s == '-') {
			s++;
			digit = false;
			for (b = 0; *s >= '0' && *s <= '9'; s++, digit = true)
				if ((b = b * 10 + (unsigned long)(*s - '0')) >= MAX_NUMNODES)
					return -EINVAL;
			if (!digit || b < a)
				return -EINVAL;
		}
		for (unsigned long n = a; n <= b; n++)
			node_set((int)n, &m);
		if (*s == ',' && s[1])
			s++;
		else if (*s)
			return -EINVAL;
	}
	*mask = m;
	return 0;
}

int cpuset_set_mems(struct cpuset *cs, nodemask_t mems)
{
	unsigned long flags;
	int err = 0;

	if (!cs || !cs->used || cs == top_cpuset || !mems.bits)
		return -EINVAL;
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_isset(nid, &mems) && !node_data[nid].online)
			return -EINVAL;
	spin_lock_irqsave(&callback_lock, flags);
	/* Linux validate_change (v1): within the parent's, and each child's within ours. */
	if (mems.bits & ~cs->parent->mems_allowed.bits)
		err = -EINVAL;
	for (int i = 1; i < CPUSET_MAX && !err; i++) {
		struct cpuset *c = &cpuset_table[i];

		if (c->used && c->parent == cs && (c->mems_allowed.bits & ~mems.bits))
			err = -EBUSY;
	}
	if (!err)
		WRITE_ONCE(cs->mems_allowed.bits, mems.bits);
	spin_unlock_irqrestore(&callback_lock, flags);
	return err;
}

int cpuset_set_mem_flags(struct cpuset *cs, bool exclusive, bool hardwall)
{
	unsigned long flags;

	if (!cs || !cs->used || cs == top_cpuset)
		return -EINVAL;
	spin_lock_irqsave(&callback_lock, flags);
	cs->mem_exclusive = exclusive;
	cs->mem_hardwall = hardwall;
	spin_unlock_irqrestore(&callback_lock, flags);
	return 0;
}

int cpuset_attach_task(struct task_struct *p, struct cpuset *cs)
{
	struct cpuset *old;
	unsigned long flags;

	if (!p || !cs || !cs->used || (p->flags & PF_IDLE))
		return -EINVAL;
	spin_lock_irqsave(&callback_lock, flags);
	old = task_cs(p);
	if (old != top_cpuset)		/* the top cpuset does not count its tasks */
		old->nr_tasks--;
	if (cs != top_cpuset)
		cs->nr_tasks++;
	WRITE_ONCE(p->cpuset, cs == top_cpuset ? NULL : cs);
	spin_unlock_irqrestore(&callback_lock, flags);
	return 0;
}

/* Linux nearest_hardwall_ancestor: the first of cs and its ancestors that is mem_exclusive or
 * mem_hardwall (the top cpuset is). */
static const struct cpuset *nearest_hardwall_ancestor(const struct cpuset *cs)
{
	while (!(cs->mem_exclusive || cs->mem_hardwall) && cs->parent)
		cs = cs->parent;
	return cs;
}

/*
 * Linux __cpuset_node_allowed: any node from interrupt context; the task's own nodes; any node
 * for an OOM victim (it must exit); a __GFP_HARDWALL request nothing more; a dying task any
 * node; else (a kernel allocation) the nodes of the nearest hardwall ancestor.
 */
bool __cpuset_node_allowed(int node, gfp_t gfp)
{
	const struct cpuset *cs;
	unsigned long flags;
	bool allowed;

	if (in_interrupt())
		return true;
	if (node_isset(node, cpuset_current_mems_allowed()))
		return true;
	if (tsk_is_oom_victim(current))
		return true;
	if (gfp & __GFP_HARDWALL)
		return false;
	if (current->flags & PF_EXITING)
		return true;
	spin_lock_irqsave(&callback_lock, flags);
	cs = nearest_hardwall_ancestor(task_cs(current));
	allowed = node_isset(node, &cs->mems_allowed);
	spin_unlock_irqrestore(&callback_lock, flags);
	return allowed;
}

bool __cpuset_zone_allowed(const struct zone *z, gfp_t gfp)
{
	return __cpuset_node_allowed(z->node, gfp);
}

bool cpuset_zone_allowed(const struct zone *z, gfp_t gfp)
{
	return !cpusets_enabled() || __cpuset_zone_allowed(z, gfp);
}

void cpuset_show(void)
{
	char path[64];

	printk("%-24s %8s %4s %4s %6s\n", "path", "mems", "excl", "hard", "tasks");
	for (int i = 0; i < CPUSET_MAX; i++) {
		const struct cpuset *cs = &cpuset_table[i];

		if (!cs->used)
			continue;
		cpuset_path(cs, path, sizeof(path));
		printk("%-24s %#8lx %4d %4d %6d\n", path, cs->mems_allowed.bits, cs->mem_exclusive,
		       cs->mem_hardwall, i ? cs->nr_tasks : -1);
	}
}
