// SPDX-License-Identifier: BSD-2-Clause
/* What the firmware learned at boot: the device tree digested into plain tables. Filled once by
 * boot_info_parse() on the boot hart, read-only afterwards. */
#ifndef PAGODA_BOOT_H
#define PAGODA_BOOT_H

#include <pagoda/types.h>

#define MAX_MEM_RANGES 16
#define MAX_RESERVED 32
#define MAX_HARTS 8
#define BOOTARGS_MAX 1024	/* with the NUL; Linux's COMMAND_LINE_SIZE on RISC-V */
#define BOOTARG_VALUE_MAX 64	/* a key=value's value, with the NUL */
#define NR_BOOTARG_VALUES 4	/* bootarg_value() results stay valid for this many calls */

struct mem_range {
	u64 base;
	u64 size;
	int nid;	/* numa-node-id, 0 when absent */
};

/* An L1 cache of the first hart, from its cpu node (the Devicetree spec's i-cache-size,
 * i-cache-sets, i-cache-block-size and the d-cache- ones); size 0: the DT describes none. */
struct cache_geometry {
	u32 size;
	u32 sets;
	u32 block;
};

/* Main memory's controller or its simulation model, as the DT describes it (never driven after
 * the boot ROM's calibration): what the banner and the benchmarks say they ran on. */
enum dram_kind { DRAM_NONE, DRAM_LITEDRAM, DRAM_MODEL };

struct dram_info {
	enum dram_kind kind;
	char type[8];		/* pagoda,dram-type: "ddr3" */
	char part[32];		/* pagoda,dram-part, "" when absent */
	u32 port_width;		/* pagoda,port-width in bits, 0 when absent */
	u64 ctrl_base;		/* the controller's CSRs (DRAM_LITEDRAM) */
};

struct boot_info {
	const void *fdt;
	u32 fdt_size;
	char model[64];
	char bootargs[BOOTARGS_MAX];	/* empty when the DT's is too long (see bootargs_len) */
	u32 bootargs_len;		/* length of /chosen/bootargs in the DT */
	u64 timebase_hz;
	unsigned int nr_harts;
	unsigned long hartids[MAX_HARTS];	/* from /cpus, in DT order; cpu number = index */
	/* Zicbom / Zicboz block sizes in bytes, 0 when not offered: every hart's riscv,isa names the
	 * extension and its cpu node has riscv,cbom-block-size / riscv,cboz-block-size, the same
	 * power of two (16 up to a page) on every hart, as Linux requires. */
	u32 cbom_block_size;
	u32 cboz_block_size;
	struct cache_geometry icache, dcache;
	/* Every hart is a core that never fills a data-cache line it was not asked to (no
	 * speculation, no prefetch): its cpu node's compatible lists CPU_COMPAT_NO_SPEC_FILL. Then a
	 * buffer the device wrote needs no invalidate after the DMA (mm/dma_noncoherent.c). */
	bool cpus_no_spec_fill;
	struct dram_info dram;
	unsigned int nr_mem;
	struct mem_range mem[MAX_MEM_RANGES];
	/* /memreserve/, /reserved-memory children, the firmware image and the DTB itself. */
	unsigned int nr_reserved;
	struct mem_range reserved[MAX_RESERVED];
	/* Bit i: reserved[i] is a region OpenSBI keeps for M-mode and enforces with PMP (its
	 * /reserved-memory/mmode_resv* nodes, lib/utils/fdt/fdt_fixup.c), no S-mode access. */
	u32 reserved_mmode;
	unsigned int nr_nodes;	/* max numa-node-id + 1 */
	u8 numa_distance[MAX_HARTS][MAX_HARTS];	/* /distance-map, 10 local / 20 remote default */
};

/* Pagoda's own core (docs/bindings/pagoda,rv64imac.yaml): in-order, no speculative data access. */
#define CPU_COMPAT_NO_SPEC_FILL "pagoda,rv64imac"

extern struct boot_info boot_info;

/* Parse the blob into `bi`; returns FDT_OK or an fdt_err, with a message printed. Host-testable. */
int boot_info_parse(struct boot_info *bi, const void *fdt, size_t max_size);

/*
 * Bootargs: words separated by blanks, "key=value" or "flag". bootargs_check() (kernel/params.c)
 * checks every word against the table of known parameters, printing each problem; it returns the
 * number of problems (0: good) and sets *mode to the mode word given, or NULL.
 */
int bootargs_check(const struct boot_info *bi, const char **mode);
bool bootarg_known(const char *key);	/* in bootargs_check()'s table */
/* The next word of args from *pos (advanced past it): sets *word, returns its length, 0 at the end. */
size_t bootargs_next_word(const char *args, size_t *pos, const char **word);
/* A word's value / presence, read straight from boot_info.bootargs: for the tests' reference
 * models. The firmware reads its parameters through early_param() handlers (pagoda/init.h). */
const char *bootarg_value(const char *key);	/* pointer into a static copy, NULL if absent */
bool bootarg_present(const char *word);
u64 bootarg_parse_size(const char *s, bool *ok);	/* "64M", "4096", "1G" */

/* The kernel's own parameters, set by their early_param() handlers (kernel/params.c). */
extern bool boot_hart_given;		/* boot_hart=N: hand the boot to hart N (kernel/main.c) */
extern bool boot_hart_next;		/* boot_hart=next: ... to the DT's hart after the picked one */
extern unsigned long boot_hart_id;
extern const char *selftest_filter;	/* selftest_filter=PREFIX, NULL when not given */
extern const char *bench_filter;	/* bench_filter=GROUP[,GROUP], NULL when not given */
extern bool inject_failure;		/* inject_failure: copy_verify fails on purpose */
extern bool smp_stale_entry;		/* smp_stale_entry: a secondary enters at _start (smp.c) */
extern bool smp_late_hart;		/* smp_late_hart: cpu 1 arrives after the deadline (smp.c) */

#endif
