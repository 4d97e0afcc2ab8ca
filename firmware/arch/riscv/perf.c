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
#include <pagoda/bitmap.h>
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

/* per event: the hpmcounterN it was given (3..31; 0: none, and then perf_err says why) and the
 * SBI's index of that counter (for counter_start/stop) */
static unsigned int perf_ctr[PERF_NR];
static unsigned long perf_idx[PERF_NR];
static long perf_err[PERF_NR];

#define HPM_FIRST 3
#define HPM_LAST 31
#define CSR_HPMCOUNTER3 0xc03	/* hpmcounterN is CSR 0xc00 + N */

/* hpmcounterN for N in 3..31, else 0 (hpmcounter.S: a jump into csrr stubs, no jump table) */
unsigned long read_hpmcounter(unsigned int n);

static const char *sbi_err_name(long err)
{
	switch (err) {
	case SBI_ERR_FAILED: return "failed";
	case SBI_ERR_NOT_SUPPORTED: return "not supported";
	case SBI_ERR_INVALID_PARAM: return "invalid parameter";
	default: return "error";
	}
}

/*
 * Ask the SBI for a counter per event, on this (the boot) hart: counters are per hart, and the
 * reports run there. An event the SBI cannot give (no PMU extension; the DT maps no counter to it,
 * as QEMU's for the cache events; every fitting counter taken) is named once, with the SBI's
 * error, and reads as absent from then on.
 */
/* SBI counter_get_info: CSR number in bits 11:0, firmware (not hardware) counter in bit 63 */
#define SBI_PMU_CTR_INFO_CSR(info) ((info) & 0xfffUL)
#define SBI_PMU_CTR_INFO_FW (1UL << 63)

/*
 * The SBI's hardware counters that are hpmcounter3..31, as a counter_config_matching mask over
 * the SBI's counter indices from 0 (0 when there are none). The SBI numbers its counters its own
 * way and refuses a mask naming counters it does not have (OpenSBI 1.1: SBI_ERR_INVALID_PARAM),
 * so the mask is built from what it reports, as Linux's riscv_pmu_sbi does.
 */
static unsigned long perf_hpm_mask(long *err)
{
	struct sbiret r = sbi_ecall(SBI_EXT_PMU, SBI_PMU_NUM_COUNTERS, 0, 0, 0);
	unsigned long mask = 0, csr;

	if (r.error) {
		*err = r.error;
		return 0;
	}
	for (long i = 0; i < r.value && i < (long)BITS_PER_LONG; i++) {
		struct sbiret info = sbi_ecall(SBI_EXT_PMU, SBI_PMU_COUNTER_GET_INFO, i, 0, 0);

		if (info.error || (info.value & SBI_PMU_CTR_INFO_FW))
			continue;
		csr = SBI_PMU_CTR_INFO_CSR((unsigned long)info.value);
		if (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER3 + (HPM_LAST - HPM_FIRST))
			mask |= 1UL << i;
	}
	*err = mask ? 0 : SBI_ERR_NOT_SUPPORTED;
	return mask;
}

/*
 * Ask the SBI for a counter per event, on this (the boot) hart: counters are per hart, and the
 * reports run there. An event the SBI cannot give (no PMU extension; the DT maps no counter to it,
 * as QEMU's for the cache events; every fitting counter taken) is named once, with the SBI's
 * error, and reads as absent from then on.
 */
static int perf_init(void)
{
	unsigned long cmask, csr;
	struct sbiret r, info;
	bool told = false;
	long err = SBI_ERR_NOT_SUPPORTED;

	cmask = sbi_probe_extension(SBI_EXT_PMU) > 0 ? perf_hpm_mask(&err) : 0;
	if (!cmask) {
		for (int i = 0; i < PERF_NR; i++)
			perf_err[i] = err;
		pr_info("perf: no SBI PMU hardware counters (SBI %s %ld): not reported\n",
			sbi_err_name(err), err);
		return 0;
	}
	for (int i = 0; i < PERF_NR; i++) {
		/* No SBI_PMU_CFG_FLAG_AUTO_START: OpenSBI 1.1 ignores it (the counter stays
		 * inhibited and reads 0; seen on the SoC), so the counter is started explicitly. */
		r = sbi_ecall5(SBI_EXT_PMU, SBI_PMU_COUNTER_CFG_MATCH, 0, cmask,
			       SBI_PMU_CFG_FLAG_CLEAR_VALUE, perf_events[i].event, 0);
		if (!r.error && r.value >= 0 && r.value < (long)BITS_PER_LONG &&
		    (cmask & (1UL << r.value))) {
			info = sbi_ecall(SBI_EXT_PMU, SBI_PMU_COUNTER_GET_INFO, r.value, 0, 0);
			csr = SBI_PMU_CTR_INFO_CSR((unsigned long)info.value);
			if (!info.error) {
				perf_ctr[i] = (unsigned int)(csr - CSR_HPMCOUNTER3 + HPM_FIRST);
				perf_idx[i] = (unsigned long)r.value;
				r.error = perf_start(i);
				if (!r.error)
					continue;
				perf_ctr[i] = 0;
			} else {
				r.error = info.error;
			}
		}
		/* a counter outside the mask (a firmware counter) is no use to perf_read: say so */
		perf_err[i] = r.error ? r.error : SBI_ERR_FAILED;
		if (!told)
			pr_info("perf: SBI PMU gives no counter for:");
		told = true;
		printk(" %s (event 0x%lx: %s %ld)", perf_events[i].name, perf_events[i].event,
		       sbi_err_name(perf_err[i]), perf_err[i]);
	}
	if (told)
		printk("\n");
	return 0;
}
device_initcall(perf_init);

/* Called around every timed operation of a case that times its operations one by one: with the
 * timed loops (pagoda/bench.h), so that its lines never evict the path being timed. */
__bench_text bool perf_read(unsigned int ev, unsigned long *val)
{
	if (ev >= PERF_NR || !perf_ctr[ev])
		return false;
	*val = read_hpmcounter(perf_ctr[ev]);
	return true;
}

long perf_error(unsigned int ev)
{
	if (ev >= PERF_NR)
		return SBI_ERR_INVALID_PARAM;
	return perf_ctr[ev] ? 0 : perf_err[ev];
}

const char *perf_name(unsigned int ev)
{
	return ev < PERF_NR ? perf_events[ev].name : "?";
}

long perf_stop(unsigned int ev)
{
	if (ev >= PERF_NR || !perf_ctr[ev])
		return SBI_ERR_INVALID_PARAM;
	return sbi_ecall(SBI_EXT_PMU, SBI_PMU_COUNTER_STOP, perf_idx[ev], 1, 0).error;
}

/* Restart where it stopped: no SBI_PMU_START_FLAG_SET_INIT_VALUE, so the count is kept. */
long perf_start(unsigned int ev)
{
	if (ev >= PERF_NR || !perf_ctr[ev])
		return SBI_ERR_INVALID_PARAM;
	return sbi_ecall5(SBI_EXT_PMU, SBI_PMU_COUNTER_START, perf_idx[ev], 1, 0, 0, 0).error;
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
			printk(" %s - (SBI %ld)", perf_events[i].name, perf_err[i]);
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
