// SPDX-License-Identifier: BSD-2-Clause
/*
 * Isolation self-tests (issue 13): what OpenSBI declares M-mode-only must fault from S-mode.
 * OpenSBI 1.1 programs PMP entries for its own region (the /reserved-memory node it adds at the
 * start of RAM, no S-mode permission) and for the CLINT (an MMIO region without permissions);
 * a load, a store, an AMO and an instruction fetch there must raise an access fault with stval =
 * the address, which OpenSBI hands back to S-mode. On QEMU its PMP enforces this; on the Pagoda
 * SoC the core's PMP does (docs/core.md "PMP"). Without PMP the probes succeed and the tests
 * fail; the store and AMO write values that leave OpenSBI intact even then (see below).
 */
#include <asm/csr.h>
#include <asm/ptrace.h>
#include <asm/smp.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/selftest.h>

/* OpenSBI's region: the M-mode-only range it declares (boot_info.reserved_mmode), which under
 * fw_dynamic starts where RAM starts. */
static const struct mem_range *opensbi_region(void)
{
	for (unsigned int i = 0; i < boot_info.nr_reserved; i++)
		if (boot_info.reserved_mmode >> i & 1 &&
		    boot_info.reserved[i].base == boot_info.mem[0].base)
			return &boot_info.reserved[i];
	return NULL;
}

/* OpenSBI 1.1 always declares its region; the boot report marks it (main.c). Its absence means
 * the DT parse lost it, so the probes below fail rather than skip. */
SELFTEST(pmp_opensbi_region_declared)
{
	ST_ASSERT(opensbi_region() != NULL);
	return 0;
}

SELFTEST(pmp_opensbi_load)
{
	const struct mem_range *r = opensbi_region();
	unsigned long v = 0x5a5a;

	if (!r)
		ST_FAIL("OpenSBI declared no M-mode-only region at the start of RAM");
	ST_EXPECT_FAULT("load", probe_read64(r->base, &v), EXC_LOAD_ACCESS, r->base);
	ST_ASSERT_EQ(v, 0x5a5a);
	return 0;
}

/*
 * The last dword of the region: OpenSBI's region is its run-time size rounded up to a power of
 * two, so its end is padding. Should the store go through (no PMP), it writes back what a load
 * read there first, or 0 into that padding when the load faulted.
 */
SELFTEST(pmp_opensbi_store)
{
	const struct mem_range *r = opensbi_region();
	unsigned long addr, v = 0;

	if (!r)
		ST_FAIL("OpenSBI declared no M-mode-only region at the start of RAM");
	addr = r->base + r->size - 8;
	probe_read64(addr, &v);
	ST_EXPECT_FAULT("store", probe_write64(addr, v), EXC_STORE_ACCESS, addr);
	return 0;
}

/*
 * amoor.d of 0 writes back the value it read: harmless if it went through. An AMO faults as a
 * store/AMO access (7); QEMU 7.2 reports a load access fault (5) when the region is not readable
 * (qemu-project/qemu issue 594), so on QEMU virt (root compatible "riscv-virtio") 5 is accepted.
 */
SELFTEST(pmp_opensbi_amo)
{
	const struct mem_range *r = opensbi_region();
	const void *fdt = boot_info.fdt;
	unsigned long addr, cause = EXC_STORE_ACCESS, old = 0x5a5a;
	long ret;

	if (!r)
		ST_FAIL("OpenSBI declared no M-mode-only region at the start of RAM");
	addr = r->base + r->size - 16;
	ret = probe_amoor64(addr, &old);
	if (ret == -EXC_LOAD_ACCESS &&
	    fdt_node_check_compatible(fdt, fdt_path_offset(fdt, "/"), "riscv-virtio") == 1)
		cause = EXC_LOAD_ACCESS;
	ST_EXPECT_FAULT("amoor.d", ret, cause, addr);
	ST_ASSERT_EQ(old, 0x5a5a);
	return 0;
}

/*
 * A fetch from the region's padding, not from OpenSBI's code: without PMP the (zero) halfword there
 * is c.unimp, whose illegal-instruction exception at the target returns cleanly as cause 2,
 * where OpenSBI's entry code would run on in S-mode.
 */
SELFTEST(pmp_opensbi_fetch)
{
	const struct mem_range *r = opensbi_region();
	unsigned long addr;

	if (!r)
		ST_FAIL("OpenSBI declared no M-mode-only region at the start of RAM");
	addr = r->base + r->size - 32;
	ST_EXPECT_FAULT("fetch", probe_exec(addr), EXC_INST_ACCESS, addr);
	return 0;
}

/*
 * The boot hart's mtimecmp in the CLINT (riscv,clint0 layout: base + 0x4000 + 8 * hartid). OpenSBI
 * owns the timer and declares the CLINT M-only ("Domain0 Region00 ... (I)"), so a store faults.
 * Should it go through, it writes back the value read first (or, when only the load faulted,
 * U64_MAX: no timer interrupt until OpenSBI programs the next one).
 */
SELFTEST(pmp_clint_mtimecmp_store)
{
	const void *fdt = boot_info.fdt;
	unsigned long addr, v = ~0UL;
	u64 base, size;
	int node;

	node = fdt_node_offset_by_compatible(fdt, -1, "riscv,clint0");
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "sifive,clint0");
	if (node < 0 || fdt_reg(fdt, node, 0, &base, &size) || size < 0xc000)
		ST_SKIP("no riscv,clint0 node");
	addr = base + 0x4000 + 8 * this_hart()->hartid;
	probe_read64(addr, &v);
	ST_EXPECT_FAULT("store to mtimecmp", probe_write64(addr, v), EXC_STORE_ACCESS, addr);
	return 0;
}
