// SPDX-License-Identifier: BSD-2-Clause
/* Shell commands of the page allocator: the /proc-style reports, the trace ring, a consistency
 * check, and alloc/free helpers for poking at it by hand. */
#include <pagoda/shell.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>
#include <mm/compaction.h>
#include <mm/mm.h>
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
