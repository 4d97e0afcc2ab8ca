// SPDX-License-Identifier: BSD-2-Clause
/*
 * End of run. OpenSBI 1.1's SRST shutdown makes QEMU exit 0 whatever the reason, so a failure is
 * written straight to the sifive,test1 device: 0x5555 = pass, 0x3333 | code << 16 = fail with code.
 */
#include <asm/barrier.h>
#include <asm/ptrace.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/platform.h>
#include <pagoda/sbi.h>

static unsigned long test_dev;	/* 0 = not found */

void platform_init(void)
{
	const void *fdt = boot_info.fdt;
	u64 base, size;
	int node;

	if (!fdt)
		return;
	node = fdt_node_offset_by_compatible(fdt, -1, "sifive,test1");
	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "sifive,test0");
	if (node >= 0 && fdt_reg(fdt, node, 0, &base, &size) == FDT_OK)
		test_dev = (unsigned long)base;
}

const char *platform_name(void)
{
	return boot_info.model[0] ? boot_info.model : "unknown";
}

static void test_dev_write(u32 val)
{
	/* Before the DT is parsed (or when it is garbage) try the address both platforms share; a
	 * probe write turns a missing device into an error instead of a trap loop. */
	unsigned long addr = test_dev ? test_dev : SIFIVE_TEST_FALLBACK;

	iomb();
	probe_write32(addr, val);
}

void platform_exit(int code)
{
	test_dev_write(code == EXIT_OK ? SIFIVE_TEST_PASS : SIFIVE_TEST_FAIL | ((u32)code << 16));
	sbi_system_reset(SBI_SRST_SHUTDOWN, code ? SBI_SRST_REASON_SYSFAIL : SBI_SRST_REASON_NONE);
	for (;;)
		__asm__ volatile("wfi");
}

void platform_reboot(void)
{
	test_dev_write(SIFIVE_TEST_RESET);
	sbi_system_reset(SBI_SRST_COLD_REBOOT, SBI_SRST_REASON_NONE);
	for (;;)
		__asm__ volatile("wfi");
}
