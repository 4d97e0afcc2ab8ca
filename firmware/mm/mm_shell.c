// SPDX-License-Identifier: BSD-2-Clause
/* Shell commands of the page allocator: the /proc-style reports, the trace ring, a consistency
 * check, and alloc/free helpers for poking at it by hand. */
#include <pagoda/shell.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <mm/compaction.h>
#include <pagoda/kthread.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/slab.h>
#include "internal.h"

static const struct {
	const char *name;
	gfp_t gfp;
} gfp_names[] = {
	{ "kernel", GFP_KERNEL }, { "atomic", GFP_ATOMIC }, { "nowait", GFP_NOWAIT },
	{ "noio", GFP_NOIO }, { "nofs", GFP_NOFS }, { "user", GFP_USER }, { "dma", GFP_DMA | GFP_KERNEL },
	{ "highuser", GFP_HIGHUSER }, { "movable", GFP_HIGHUSER_MOVABLE },
	{ "zero", GFP_KERNEL | __GFP_ZERO }, { "comp", GFP_KERNEL | __GFP_COMP },
};

SHELL_CMD_ARGS(buddyinfo, 0, 0, "free blocks per order, per zone (/proc/buddyinfo)")
{
	(void)argc;
	(void)argv;
	mm_show_buddyinfo();
	return 0;
}

SHELL_CMD_ARGS(zoneinfo, 0, 1, "[brief]: zone watermarks, counters and per-CPU lists (/proc/zoneinfo)")
{
	if (argc > 1 && strcmp(argv[1], "brief")) {
		printk("usage: zoneinfo [brief]\n");
		return 1;
	}
	mm_show_zoneinfo(argc > 1);
	return 0;
}

SHELL_CMD_ARGS(pagetypeinfo, 0, 0, "free blocks per migratetype and pageblock types (/proc/pagetypeinfo)")
{
	(void)argc;
	(void)argv;
	mm_show_pagetypeinfo();
	return 0;
}

SHELL_CMD_ARGS(vmstat, 0, 0, "allocator event counters (/proc/vmstat)")
{
	(void)argc;
	(void)argv;
	mm_show_vmstat();
	return 0;
}

SHELL_CMD_ARGS(pagetrace, 0, 1, "[on|off|clear]: dump the mm_page_alloc/mm_page_free trace ring")
{
	if (argc > 1) {
		if (!strcmp(argv[1], "on"))
			mm_trace_enabled = true;
		else if (!strcmp(argv[1], "off"))
			mm_trace_enabled = false;
		else if (!strcmp(argv[1], "clear"))
			mm_trace_clear();
		else {
			printk("usage: pagetrace [on|off|clear]\n");
			return 1;
		}
		return 0;
	}
	mm_trace_dump();
	return 0;
}

SHELL_CMD_ARGS(compact, 0, 1, "[NODE]: compact every zone of all nodes or of one (Linux compact_memory)")
{
	unsigned long node, ok = vm_event_sum(PGMIGRATE_SUCCESS), fail = vm_event_sum(PGMIGRATE_FAIL);

	if (argc > 1) {
		if (!shell_parse_ulong(argv[1], &node)) {
			printk("usage: compact [NODE]\n");
			return 1;
		}
		if (node >= MAX_NUMNODES || !node_data[node].online) {
			printk("compact: node %lu is not online\n", node);
			return 1;
		}
		compact_node((int)node);
	} else {
		compact_nodes();
	}
	printk("compact: %lu pages migrated, %lu failed\n", vm_event_sum(PGMIGRATE_SUCCESS) - ok,
	       vm_event_sum(PGMIGRATE_FAIL) - fail);
	return 0;
}

SHELL_CMD_ARGS(compact_zone, 0, 0, "compaction counters, per-zone deferral and scanner positions")
{
	(void)argc;
	(void)argv;
	compaction_show();
	return 0;
}

SHELL_CMD_ARGS(alloc, 1, 3, "ORDER [kernel|atomic|nowait|dma|highuser|movable|zero|comp|...] [NODE]: allocate, print pfn")
{
	unsigned long order, node = (unsigned long)numa_node_id();
	gfp_t gfp = GFP_KERNEL;
	struct page *p;

	if (!shell_parse_ulong(argv[1], &order)) {
		printk("usage: alloc ORDER [GFP] [NODE]\n");
		return 1;
	}
	if (argc > 2) {
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
			if (!strcmp(argv[2], gfp_names[i].name))
				break;
		if (i == ARRAY_SIZE(gfp_names)) {
			printk("alloc: unknown gfp '%s'\n", argv[2]);
			return 1;
		}
		gfp = gfp_names[i].gfp;
	}
	if (argc > 3 && !shell_parse_ulong(argv[3], &node)) {
		printk("alloc: bad node '%s'\n", argv[3]);
		return 1;
	}
	/* Checked here, in the shell's own type: an int cast of 2^31 once made a negative node. */
	if (node >= MAX_NUMNODES || !node_data[node].online) {
		printk("alloc: node %lu is not online\n", node);
		return 1;
	}
	if (order > 64) {
		printk("alloc: order %lu is out of range\n", order);
		return 1;
	}
	p = alloc_pages_node((int)node, gfp, (unsigned int)order);
	if (!p) {
		printk("alloc: failed\n");
		return 1;
	}
	printk("pfn %#lx order %lu node %d zone %s\n", page_to_pfn(p), order, page_to_nid(p),
	       page_zone(p)->name);
	return 0;
}

SHELL_CMD_ARGS(free, 2, 2, "PFN ORDER: free a block allocated with `alloc` (bad frees are reported)")
{
	unsigned long pfn, order;

	if (!shell_parse_ulong(argv[1], &pfn) || !shell_parse_ulong(argv[2], &order)) {
		printk("usage: free PFN ORDER\n");
		return 1;
	}
	if (!pfn_valid(pfn) || order > 64) {
		printk("free: pfn %#lx / order %lu out of range\n", pfn, order);
		return 1;
	}
	__free_pages(pfn_to_page(pfn), (unsigned int)order);
	return 0;
}

SHELL_CMD_ARGS(drain, 0, 0, "return every hart's per-CPU pages to the buddy lists")
{
	(void)argc;
	(void)argv;
	drain_all_pages(NULL);
	return 0;
}

/* Linux drop_slab: every node's shrinkers at priority 0 until a round frees little. */
static unsigned long drop_slab(void)
{
	unsigned long total = 0, freed;

	do {
		freed = 0;
		for (int nid = 0; nid < MAX_NUMNODES; nid++)
			if (node_data[nid].online)
				freed += shrink_slab(GFP_KERNEL, nid, 0);
		total += freed;
	} while (freed > 10);
	return total;
}

SHELL_CMD_ARGS(drop_caches, 1, 1, "1|2|3: free clean page cache (1), slab via shrinkers (2), both (3), as /proc/sys/vm/drop_caches")
{
	unsigned long mode, pc = 0, slab = 0;

	if (!shell_parse_ulong(argv[1], &mode) || mode < 1 || mode > 3) {
		printk("usage: drop_caches 1|2|3\n");
		return 1;
	}
	(void)argc;
	if (mode & 1)
		pc = drop_pagecache();
	if (mode & 2)
		slab = drop_slab();
	printk("drop_caches: %lu page-cache pages, %lu slab pages freed; nr_file_pages %lu nr_dirty %lu\n",
	       pc, slab, global_node_page_state(NR_FILE_PAGES), global_node_page_state(NR_FILE_DIRTY));
	return 0;
}

/* The file `pressure` fills: one at a time, replaced by the next `pressure N`. */
static struct address_space *pressure_file;

SHELL_CMD_ARGS(pressure, 1, 2, "N [dirty]: read (or write) N pages of a RAM-disk file into the page cache; 0 drops the file")
{
	unsigned long n, done = 0, steal = vm_event_sum(PGSTEAL_KSWAPD) + vm_event_sum(PGSTEAL_DIRECT);
	bool dirty = argc > 2 && !strcmp(argv[2], "dirty");
	static u8 buf[PAGE_SIZE];

	if (!shell_parse_ulong(argv[1], &n) || (argc > 2 && !dirty)) {
		printk("usage: pressure N [dirty]\n");
		return 1;
	}
	ramfile_destroy(pressure_file);
	pressure_file = NULL;
	if (!n)
		return 0;
	if (n > totalram_pages) {
		printk("pressure: %lu pages is more than the %lu managed\n", n, totalram_pages);
		return 1;
	}
	pressure_file = ramfile_create(n);
	if (!pressure_file) {
		printk("pressure: no memory for a file of %lu pages\n", n);
		return 1;
	}
	for (unsigned long i = 0; i < n; i++) {
		int err;

		memset(buf, (int)(i & 0xff), sizeof(buf));
		err = dirty ? pagecache_write(pressure_file, i, buf, GFP_KERNEL) :
			      pagecache_read(pressure_file, i, NULL, GFP_KERNEL);
		if (err)
			break;
		done++;
	}
	printk("pressure: %lu of %lu pages %s; nr_file_pages %lu nr_dirty %lu, %lu reclaimed meanwhile\n",
	       done, n, dirty ? "written" : "read", global_node_page_state(NR_FILE_PAGES),
	       global_node_page_state(NR_FILE_DIRTY),
	       vm_event_sum(PGSTEAL_KSWAPD) + vm_event_sum(PGSTEAL_DIRECT) - steal);
	return 0;
}

SHELL_CMD_ARGS(mmcheck, 0, 0, "check the allocator's lists, counters and free bitmap")
{
	char err[160];

	(void)argc;
	(void)argv;
	if (mm_verify(err, sizeof(err))) {
		printk("mmcheck: %s\n", err);
		return 1;
	}
	printk("mmcheck: ok\n");
	return 0;
}

SHELL_CMD_ARGS(pageowner, 1, 1, "PFN: who allocated the block at PFN (needs page_owner=on)")
{
	unsigned long pfn;
	const struct page_owner *po;

	if (!shell_parse_ulong(argv[1], &pfn) || !pfn_valid(pfn)) {
		printk("usage: pageowner PFN\n");
		return 1;
	}
	po = get_page_owner(pfn_to_page(pfn));
	if (!po) {
		printk("pageowner: disabled (boot with page_owner=on)\n");
		return 1;
	}
	if (!po->valid)
		printk("pfn %#lx: not allocated (or not a block head)\n", pfn);
	else
		printk("pfn %#lx: order %u gfp %#x caller %#lx cpu %u ts %lu\n", pfn, po->order, po->gfp,
		       po->caller, po->cpu, po->ts);
	return 0;
}

SHELL_CMD_ARGS(slabinfo, 0, 0, "slab caches: objects, slabs, fast/slow path counts (/proc/slabinfo)")
{
	(void)argc;
	(void)argv;
	slabinfo_show();
	return 0;
}

SHELL_CMD_ARGS(oom, 0, 0, "invoke the OOM killer by hand (sysrq-f): report, kill the worst task")
{
	(void)argc;
	(void)argv;
	oom_kill_manual();
	printk("oom: %lu kill(s) since boot\n", vm_event_sum(OOM_KILL));
	return 0;
}

/* Tasks that own anonymous memory, for `oom` and `ps`: started here, reaped by `memhog stop`. */
#define NR_MEMHOGS 4
static struct mm_task memhogs[NR_MEMHOGS];

static int memhog_parse_adj(const char *s, int *adj)
{
	unsigned long v;
	bool neg = s[0] == '-';

	if (!shell_parse_ulong(s + neg, &v) || v > 1000)
		return -1;
	*adj = neg ? -(int)v : (int)v;
	return 0;
}

SHELL_CMD_ARGS(memhog, 1, 2, "PAGES [ADJ] | stop: a task owning PAGES anonymous pages, oom_score_adj ADJ")
{
	unsigned long pages;
	int adj = 0, slot = -1;

	if (!strcmp(argv[1], "stop")) {
		for (int i = 0; i < NR_MEMHOGS; i++) {
			if (!memhogs[i].task)
				continue;
			printk("memhog: pid %d exit %d\n", memhogs[i].task->pid,
			       kthread_stop(memhogs[i].task));
			memhogs[i].task = NULL;
		}
		return 0;
	}
	if (!shell_parse_ulong(argv[1], &pages) || !pages || pages > totalram_pages ||
	    (argc > 2 && memhog_parse_adj(argv[2], &adj))) {
		printk("usage: memhog PAGES [ADJ] (1..%lu pages, ADJ -1000..1000) | memhog stop\n",
		       totalram_pages);
		return 1;
	}
	for (int i = 0; i < NR_MEMHOGS && slot < 0; i++)
		if (!memhogs[i].task)
			slot = i;
	if (slot < 0) {
		printk("memhog: %d tasks already, 'memhog stop' first\n", NR_MEMHOGS);
		return 1;
	}
	if (!mm_task_run(&memhogs[slot], "memhog", pages, adj, smp_processor_id())) {
		printk("memhog: cannot start a task\n");
		return 1;
	}
	while (!memhogs[slot].ready)
		msleep(1);
	printk("memhog: pid %d owns %lu pages, oom_score_adj %d\n", memhogs[slot].task->pid,
	       memhogs[slot].populated, adj);
	return 0;
}
