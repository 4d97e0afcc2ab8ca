// SPDX-License-Identifier: BSD-2-Clause
/* Firmware only: which NUMA node each hart belongs to, from the `numa-node-id` of the /cpus/cpu@N
 * nodes (boot_info carries it for memory, not for harts). Harts without one stay on node 0. */
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/string.h>
#include <mm/mm.h>
#include "internal.h"

void mm_fdt_cpu_nodes(const struct boot_info *bi)
{
	int cpus, node;

	if (!bi->fdt)
		return;
	cpus = fdt_path_offset(bi->fdt, "/cpus");
	if (cpus < 0)
		return;
	for (node = fdt_first_child(bi->fdt, cpus); node >= 0; node = fdt_next_sibling(bi->fdt, node)) {
		const char *name = fdt_node_name(bi->fdt, node);
		u64 hartid, size;
		u32 nid;

		if (!name || strncmp(name, "cpu@", 4) || fdt_reg(bi->fdt, node, 0, &hartid, &size))
			continue;
		if (fdt_read_u32(bi->fdt, node, "numa-node-id", &nid))
			continue;
		for (unsigned int cpu = 0; cpu < bi->nr_harts && cpu < NR_CPUS; cpu++)
			if (bi->hartids[cpu] == hartid)
				mm_set_cpu_node(cpu, (int)nid);
	}
}
