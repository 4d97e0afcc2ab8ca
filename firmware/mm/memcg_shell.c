// SPDX-License-Identifier: BSD-2-Clause
/*
 * Shell commands for memory cgroups and cpusets (mm/memcontrol.c, mm/cpuset.c): what Linux does
 * with mkdir/rmdir and the files of /sys/fs/cgroup (memory.max, memory.high, cgroup.procs,
 * cpuset.mems, memory.current, memory.stat, memory.events).
 */
#include <pagoda/shell.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/string.h>
#include <mm/cpuset.h>
#include <mm/memcontrol.h>
#include <mm/mm.h>
#include <mm/mm_types.h>

#define ESRCH_ 3	/* Linux ESRCH: no such task */

/* Split "A/B/C" into the parent's path ("A/B") and the last name ("C"); false if too long. */
static bool split_path(const char *path, char *parent, size_t plen, const char **name)
{
	const char *slash = NULL;
	size_t n;

	for (const char *c = path; *c; c++)
		if (*c == '/')
			slash = c;
	n = slash ? (size_t)(slash - path) : 0;

	if (n >= plen)
		return false;
	memcpy(parent, path, n);
	parent[n] = 0;
	*name = slash ? slash + 1 : path;
	return true;
}

static const char *err_name(int err)
{
	switch (err) {
	case -EINVAL: return "invalid argument";
	case -EEXIST: return "exists already";
	case -ENOSPC: return "too many groups";
	case -ENOMEM: return "out of memory";
	case -EBUSY: return "busy";
	default: return "error";
	}
}

struct pid_attach {
	int pid;
	struct mem_cgroup *memcg;
	struct cpuset *cs;
	int err;
};

/* Under the task-list lock: the task cannot go while it is moved. */
static void attach_pid(struct task_struct *p, void *arg)
{
	struct pid_attach *a = arg;

	if (p->pid != a->pid)
		return;
	a->err = a->memcg ? mem_cgroup_attach_task_locked(p, a->memcg) : cpuset_attach_task(p, a->cs);
}

static int parse_pid(const char *s, int *pid)
{
	unsigned long v;

	if (!shell_parse_ulong(s, &v) || !v || v > 0x7fffffff)
		return -1;
	*pid = (int)v;
	return 0;
}

static int memcg_usage(void)
{
	printk("usage: memcg [show PATH | create PATH | rm PATH | max PATH BYTES|max |"
	       " high PATH BYTES|max | attach PATH PID]\n");
	return 1;
}

SHELL_CMD(memcg, "[show|create|rm|max|high|attach] ...: memory cgroups (memory.max, memory.current, memory.stat, memory.events)")
{
	struct mem_cgroup *memcg;
	const char *cmd;
	int err;

	if (argc == 1) {
		mem_cgroup_show_tree();
		return 0;
	}
	cmd = argv[1];
	if (argc < 3)
		return memcg_usage();
	if (!strcmp(cmd, "create") && argc == 3) {
		char parent_path[64];
		const char *name;
		struct mem_cgroup *parent;

		if (!split_path(argv[2], parent_path, sizeof(parent_path), &name) ||
		    !(parent = mem_cgroup_lookup(parent_path))) {
			printk("memcg: %s: no such parent group\n", argv[2]);
			return 1;
		}
		if (!mem_cgroup_create(parent, name, &err)) {
			printk("memcg: create %s: %s\n", argv[2], err_name(err));
			return 1;
		}
		return 0;
	}
	memcg = mem_cgroup_lookup(argv[2]);
	if (!memcg) {
		printk("memcg: %s: no such group\n", argv[2]);
		return 1;
	}
	if (!strcmp(cmd, "show") && argc == 3) {
		mem_cgroup_show(memcg);
		return 0;
	}
	if (!strcmp(cmd, "rm") && argc == 3) {
		err = mem_cgroup_remove(memcg);
		if (err)
			printk("memcg: rm %s: %s\n", argv[2], err == -EINVAL ? "the root stays" :
			       "busy (children, tasks or charged pages)");
		return err ? 1 : 0;
	}
	if ((!strcmp(cmd, "max") || !strcmp(cmd, "high")) && argc == 4) {
		unsigned long pages;

		if (mem_cgroup_is_root(memcg)) {
			printk("memcg: the root group has no limits\n");
			return 1;
		}
		if (page_counter_memparse(argv[3], "max", &pages)) {
			printk("memcg: %s: not a size (bytes, K/M/G suffix, or \"max\")\n", argv[3]);
			return 1;
		}
		err = cmd[0] == 'm' ? mem_cgroup_set_max(memcg, pages) :
				      mem_cgroup_set_high(memcg, pages);
		if (err == -EBUSY) {	/* Linux accepts the write and leaves the usage above */
			printk("memcg: %s: usage %lu bytes stays above the new limit (nothing left to "
			       "reclaim or kill)\n", argv[2], mem_cgroup_usage(memcg) * PAGE_SIZE);
			return 1;
		}
		return err ? 1 : 0;
	}
	if (!strcmp(cmd, "attach") && argc == 4) {
		struct pid_attach a = { .memcg = memcg, .err = -ESRCH_ };

		if (parse_pid(argv[3], &a.pid)) {
			printk("memcg: %s: not a pid\n", argv[3]);
			return 1;
		}
		sched_for_each_task(attach_pid, &a);
		if (a.err) {
			printk("memcg: attach %d: %s\n", a.pid, a.err == -ESRCH_ ? "no such task" :
			       "not movable");
			return 1;
		}
		return 0;
	}
	return memcg_usage();
}

static int cpuset_usage(void)
{
	printk("usage: cpuset [create PATH | rm PATH | mems PATH NODES | flags PATH"
	       " none|exclusive|hardwall | attach PATH PID]\n");
	return 1;
}

SHELL_CMD(cpuset, "[create|rm|mems|flags|attach] ...: cpusets' memory nodes (cpuset.mems)")
{
	struct cpuset *cs;
	const char *cmd;
	int err;

	if (argc == 1) {
		cpuset_show();
		return 0;
	}
	cmd = argv[1];
	if (argc < 3)
		return cpuset_usage();
	if (!strcmp(cmd, "create") && argc == 3) {
		char parent_path[64];
		const char *name;
		struct cpuset *parent;

		if (!split_path(argv[2], parent_path, sizeof(parent_path), &name) ||
		    !(parent = cpuset_lookup(parent_path))) {
			printk("cpuset: %s: no such parent cpuset\n", argv[2]);
			return 1;
		}
		if (!cpuset_create(parent, name, &err)) {
			printk("cpuset: create %s: %s\n", argv[2], err_name(err));
			return 1;
		}
		return 0;
	}
	cs = cpuset_lookup(argv[2]);
	if (!cs) {
		printk("cpuset: %s: no such cpuset\n", argv[2]);
		return 1;
	}
	if (!strcmp(cmd, "rm") && argc == 3) {
		err = cpuset_remove(cs);
		if (err)
			printk("cpuset: rm %s: %s\n", argv[2], err == -EINVAL ? "the top cpuset stays" :
			       "busy (children or tasks)");
		return err ? 1 : 0;
	}
	if (!strcmp(cmd, "mems") && argc == 4) {
		nodemask_t mems;

		if (nodelist_parse(argv[3], &mems)) {
			printk("cpuset: %s: not a node list (\"0\", \"0-1\", \"0,2\")\n", argv[3]);
			return 1;
		}
		err = cpuset_set_mems(cs, mems);
		if (err)
			printk("cpuset: mems %s: %s\n", argv[3], err == -EBUSY ?
			       "a child uses nodes outside it" :
			       "offline node, outside the parent's, or the top cpuset");
		return err ? 1 : 0;
	}
	if (!strcmp(cmd, "flags") && argc == 4) {
		bool excl = !strcmp(argv[3], "exclusive"), hard = !strcmp(argv[3], "hardwall");

		if (!excl && !hard && strcmp(argv[3], "none"))
			return cpuset_usage();
		if (cpuset_set_mem_flags(cs, excl, hard)) {
			printk("cpuset: the top cpuset's flags stay\n");
			return 1;
		}
		return 0;
	}
	if (!strcmp(cmd, "attach") && argc == 4) {
		struct pid_attach a = { .cs = cs, .err = -ESRCH_ };

		if (parse_pid(argv[3], &a.pid)) {
			printk("cpuset: %s: not a pid\n", argv[3]);
			return 1;
		}
		sched_for_each_task(attach_pid, &a);
		if (a.err) {
			printk("cpuset: attach %d: %s\n", a.pid, a.err == -ESRCH_ ? "no such task" :
			       "not movable");
			return 1;
		}
		return 0;
	}
	return cpuset_usage();
}
