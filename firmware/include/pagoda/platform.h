// SPDX-License-Identifier: BSD-2-Clause
/* Ending a run with a status the host sees: the sifive,test1 device when the DT has one (QEMU virt
 * and the Pagoda SoC), else SBI SRST. */
#ifndef PAGODA_PLATFORM_H
#define PAGODA_PLATFORM_H

#include <pagoda/compiler.h>
#include <pagoda/types.h>
#include <regs/pagoda_map.h>

/* Exit codes (the host command's exit status). */
#define EXIT_OK 0
#define EXIT_SELFTEST_FAILED 1
#define EXIT_TRAP 2
#define EXIT_PANIC 3
#define EXIT_BAD_FDT 4
#define EXIT_BAD_BOOTARGS 5	/* unknown or malformed kernel command line */

/* The sifive,test1 finisher's commands and address: the SoC's map (rtl/regs/testdev.rdl). */
#define SIFIVE_TEST_FAIL TESTDEV_STATUS_FAIL
#define SIFIVE_TEST_PASS TESTDEV_STATUS_PASS
#define SIFIVE_TEST_RESET TESTDEV_STATUS_RESET
/* Where QEMU virt and the Pagoda SoC both have the test device; used only when the DT is unusable. */
#define SIFIVE_TEST_FALLBACK ((unsigned long)PAGODA_TESTDEV_BASE)

void platform_init(void);	/* find devices in boot_info.fdt */
void platform_exit(int code) __noreturn;
void platform_reboot(void) __noreturn;
const char *platform_name(void);

#endif
