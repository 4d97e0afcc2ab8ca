// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of the hardware counters through the SBI PMU extension (arch/riscv/perf.c): on the
 * Pagoda SoC (DT root compatible "pagoda,soc", whose riscv,pmu node maps the I$ and TLB events)
 * every counter must be there and count, and stop counting when the SBI stops it. Elsewhere (QEMU
 * has no I$ events) a missing counter is a skip, with the SBI's error as the reason.
 */
#include <asm/pgtable.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/perf.h>
#include <pagoda/printk.h>
#include <pagoda/selftest.h>

static bool on_pagoda_soc(void)
{
	const void *fdt = boot_info.fdt;

	return fdt && fdt_node_check_compatible(fdt, fdt_path_offset(fdt, "/"), "pagoda,soc") == 1;
}

/* The counter of ev, or the test ends: FAIL on the SoC (it has the counter), else SKIP. */
static unsigned long need(unsigned int ev)
{
	unsigned long v;

	if (perf_read(ev, &v))
		return v;
	if (on_pagoda_soc())
		ST_FAIL("no counter for %s on the Pagoda SoC (SBI error %ld)", perf_name(ev),
			perf_error(ev));
	ST_SKIP("no counter for %s on this platform (SBI error %ld)", perf_name(ev), perf_error(ev));
}

/* Code the I$ has to fetch afresh after fence.i: vsprintf's, a few KiB of it. */
static void run_cold(void)
{
	static int where;
	char buf[64];

	__asm__ volatile("fence.i" ::: "memory");
	for (int i = 0; i < 16; i++)
		snprintf(buf, sizeof(buf), "%d %lx %s %p", i, 0x1234UL << i, "cold", (void *)&where);
}

SELFTEST(perf_icache_counts_and_stops)
{
	unsigned long a0, m0, a1, m1, a2, m2;
	long err;

	a0 = need(PERF_IC_ACCESS);
	m0 = need(PERF_IC_MISS);
	/* Since perf_init the firmware has run far more than 4 KiB of code. */
	ST_ASSERT(m0 > 0);
	ST_ASSERT(a0 > m0);

	run_cold();
	a1 = need(PERF_IC_ACCESS);
	m1 = need(PERF_IC_MISS);
	/* vsprintf's lines were all thrown out: each is refilled once at least */
	if (m1 - m0 < 8)
		ST_FAIL("%lu I$ misses over a cold snprintf loop, want >= 8", m1 - m0);
	if (a1 - a0 <= m1 - m0)
		ST_FAIL("%lu I$ accesses for %lu misses", a1 - a0, m1 - m0);

	/* Stopped (mcountinhibit, set by OpenSBI): not one more count, even for a cold run. */
	err = perf_stop(PERF_IC_MISS);
	ST_ASSERT_EQ(err, 0);
	err = perf_stop(PERF_IC_ACCESS);
	if (err) {
		perf_start(PERF_IC_MISS);
		ST_FAIL("SBI counter_stop of %s: error %ld", perf_name(PERF_IC_ACCESS), err);
	}
	m1 = need(PERF_IC_MISS);
	a1 = need(PERF_IC_ACCESS);
	run_cold();
	m2 = need(PERF_IC_MISS);
	a2 = need(PERF_IC_ACCESS);
	/* restart before judging, so that a failure leaves the counters running */
	ST_ASSERT_EQ(perf_start(PERF_IC_MISS), 0);
	ST_ASSERT_EQ(perf_start(PERF_IC_ACCESS), 0);
	ST_ASSERT_EQ(m2, m1);
	ST_ASSERT_EQ(a2, a1);

	/* and counting again from where it stopped */
	run_cold();
	m2 = need(PERF_IC_MISS);
	if (m2 - m1 < 8)
		ST_FAIL("%lu I$ misses after the restart, want >= 8", m2 - m1);
	return 0;
}

/* A load after sfence.vma walks the page table: the DTLB-miss counter moves (Sv39 only). */
SELFTEST(perf_dtlb_miss_counts)
{
	static volatile unsigned long word;
	unsigned long d0, d1;

	if (!sv39_enabled)
		ST_SKIP("translation is off (satp_mode=bare)");
	d0 = need(PERF_DTLB_MISS);
	local_flush_tlb_all();
	(void)word;
	d1 = need(PERF_DTLB_MISS);
	if (on_pagoda_soc())
		ST_ASSERT(d1 > d0);
	else if (d1 == d0)
		ST_SKIP("%s did not move after sfence.vma (not an exact TLB model)",
			perf_name(PERF_DTLB_MISS));
	return 0;
}
