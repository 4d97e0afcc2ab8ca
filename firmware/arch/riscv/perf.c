// SPDX-License-Identifier: BSD-2-Clause
/*
 * Hardware performance counters (docs/core.md "Performance counters"). OpenSBI owns mhpmevent and
 * mcountinhibit (1.1 inhibits every mhpmcounter at boot), so S-mode asks it through the SBI PMU
 * extension for a counter per event, as Linux's perf does: standard SBI cache events, which the
 * device tree's "riscv,pmu" node maps to the core's event numbers (sbi/pagoda.dts). The counters
 * are read through hpmcounterN (mcounteren: OpenSBI enables them all) only when a report is
 * printed, never on a hot path. Where the SBI or the DT offers no counter (QEMU for the cache
 * events, an older platform), the event is reported as absent.
 */
#include <asm/csr.h>
#include <pagoda/init.h>
#include <pagoda/perf.h>
#include <pagoda/printk.h>
#include <pagoda/sbi.h>
#include <pagoda/shell.h>

/* SBI hardware cache event: type 1, cache id << 3 | op << 1 | result (SBI spec, PMU) */
#define SBI_CACHE_EVENT(id, op, res) ((1UL << 16) | ((id) << 3) | ((op) << 1) | (res))
#define SBI_CACHE_L1D 0
#define SBI_CACHE_L1I 1
#define SBI_CACHE_DTLB 3
#define SBI_CACHE_ITLB 4
#define SBI_OP_READ 0
#define SBI_RES_ACCESS 0
#define SBI_RES_MISS 1

enum { PERF_IC_ACCESS, PERF_IC_MISS, PERF_ITLB_MISS, PERF_DTLB_MISS, PERF_DC_MISS, PERF_NR };

static const struct {
	const char *name;
	unsigned long event;
} perf_events[PERF_NR] = {
	[PERF_IC_ACCESS] = { "icache-access", SBI_CACHE_EVENT(SBI_CACHE_L1I, SBI_OP_READ, SBI_RES_ACCESS) },
	[PERF_IC_MISS] = { "icache-miss", SBI_CACHE_EVENT(SBI_CACHE_L1I, SBI_OP_READ, SBI_RES_MISS) },
	[PERF_ITLB_MISS] = { "itlb-miss", SBI_CACHE_EVENT(SBI_CACHE_ITLB, SBI_OP_READ, SBI_RES_MISS) },
	[PERF_DTLB_MISS] = { "dtlb-miss", SBI_CACHE_EVENT(SBI_CACHE_DTLB, SBI_OP_READ, SBI_RES_MISS) },
	[PERF_DC_MISS] = { "dcache-miss", SBI_CACHE_EVENT(SBI_CACHE_L1D, SBI_OP_READ, SBI_RES_MISS) },
};

/* counter index (3..31) per event; 0: none */
static unsigned int perf_ctr[PERF_NR];

#define HPM_FIRST 3
#define HPM_LAST 31

/* hpmcounterN takes N in the instruction: one csrr per counter */
#define HPM_CASE(n) case n: return csr_read(hpmcounter##n)
static unsigned long read_hpmcounter(unsigned int n)
{
	switch (n) {
	HPM_CASE(3); HPM_CASE(4); HPM_CASE(5); HPM_CASE(6); HPM_CASE(7); HPM_CASE(8);
	HPM_CASE(9); HPM_CASE(10); HPM_CASE(11); HPM_CASE(12); HPM_CASE(13); HPM_CASE(14);
	HPM_CASE(15); HPM_CASE(16); HPM_CASE(17); HPM_CASE(18); HPM_CASE(19); HPM_CASE(20);
	HPM_CASE(21); HPM_CASE(22); HPM_CASE(23); HPM_CASE(24); HPM_CASE(25); HPM_CASE(26);
	HPM_CASE(27); HPM_CASE(28); HPM_CASE(29); HPM_CASE(30); HPM_CASE(31);
	default: return 0;
	}
}

static int perf_init(void)
{
	unsigned long cmask = (1UL << (HPM_LAST - HPM_FIRST + 1)) - 1;
	struct sbiret r;

	if (sbi_probe_extension(SBI_EXT_PMU) <= 0)
		return 0;
	for (int i = 0; i < PERF_NR; i++) {
		r = sbi_ecall5(SBI_EXT_PMU, SBI_PMU_COUNTER_CFG_MATCH, HPM_FIRST, cmask,
			       SBI_PMU_CFG_FLAG_CLEAR_VALUE | SBI_PMU_CFG_FLAG_AUTO_START,
			       perf_events[i].event, 0);
		if (!r.error && r.value >= HPM_FIRST && r.value <= HPM_LAST)
			perf_ctr[i] = (unsigned int)r.value;
	}
	return 0;
}
device_initcall(perf_init);

bool perf_read(unsigned int ev, unsigned long *val)
{
	if (ev >= PERF_NR || !perf_ctr[ev])
		return false;
	*val = read_hpmcounter(perf_ctr[ev]);
	return true;
}

void perf_show(void)
{
	unsigned long v[PERF_NR];
	bool have[PERF_NR];

	printk("perf:    ");
	for (int i = 0; i < PERF_NR; i++) {
		have[i] = perf_read(i, &v[i]);
		if (have[i])
			printk(" %s %lu", perf_events[i].name, v[i]);
		else
			printk(" %s -", perf_events[i].name);
	}
	printk("\n");
	/* hit rate in tenths of a percent: misses of a cacheable access, since perf_init */
	if (have[PERF_IC_ACCESS] && have[PERF_IC_MISS] && v[PERF_IC_ACCESS]) {
		unsigned long hit = 1000 - v[PERF_IC_MISS] * 1000 / v[PERF_IC_ACCESS];

		printk("perf:     icache hit rate %lu.%lu%% (since the counters were started)\n",
		       hit / 10, hit % 10);
	}
}

SHELL_CMD_ARGS(perf, 0, 0, "hardware performance counters (I$, TLBs, D$) of this hart")
{
	(void)argc;
	(void)argv;
	perf_show();
	return 0;
}
