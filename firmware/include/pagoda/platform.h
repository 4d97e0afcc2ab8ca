// SPDX-License-Identifier: BSD-2-Clause
/* Ending a run with a status the host sees: the sifive,test1 device when the DT has one (QEMU virt
 * and the Pagoda SoC), else SBI SRST. */
#ifndef PAGODA_PLATFORM_H
#define PAGODA_PLATFORM_H

#include <pagoda/compiler.h>
#include <pagoda/types.h>

/* Exit codes (the host command's exit status). */
#define EXIT_OK 0
#define EXIT_SELFTEST_FAILED 1
#define EXIT_TRAP 2
#define EXIT_PANIC 3
#define EXIT_BAD_FDT 4
#define EXIT_BAD_BOOTARGS 5	/* unknown or malformed kernel command line */

#define SIFIVE_TEST_FAIL 0x3333
#define SIFIVE_TEST_PASS 0x5555
#define SIFIVE_TEST_RESET 0x7777
/* Where QEMU virt and the Pagoda SoC both have the test device; used only when the DT is unusable. */
#define SIFIVE_TEST_FALLBACK 0x100000UL

void platform_init(void);	/* find devices in boot_info.fdt */
void platform_exit(int code) __noreturn;
void platform_reboot(void) __noreturn;
const char *platform_name(void);

#endif
