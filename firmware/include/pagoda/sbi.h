// SPDX-License-Identifier: BSD-2-Clause
/* SBI calls (spec 1.0, as Debian's OpenSBI 1.1 implements it). */
#ifndef PAGODA_SBI_H
#define PAGODA_SBI_H

#ifndef __ASSEMBLER__
#include <pagoda/types.h>
#endif

#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_RFENCE_REMOTE_SFENCE_VMA 1
#define SBI_EXT_PMU 0x504d55
#define SBI_PMU_NUM_COUNTERS 0
#define SBI_PMU_COUNTER_GET_INFO 1
#define SBI_PMU_COUNTER_CFG_MATCH 2
#define SBI_PMU_COUNTER_START 3
#define SBI_PMU_COUNTER_STOP 4
#define SBI_PMU_CFG_FLAG_CLEAR_VALUE (1UL << 1)

#define SBI_SUCCESS 0
#define SBI_ERR_FAILED -1
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_ALREADY_AVAILABLE -6

#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_GET_STATUS 2

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1
#define SBI_HSM_START_PENDING 2

#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSFAIL 1

#ifndef __ASSEMBLER__
struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			unsigned long a2);
struct sbiret sbi_ecall5(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
			 unsigned long a2, unsigned long a3, unsigned long a4);

long sbi_spec_version(void);
long sbi_impl_id(void);
long sbi_impl_version(void);
long sbi_probe_extension(unsigned long ext);	/* > 0 when present */
void sbi_console_putchar(int c);
int sbi_console_getchar(void);	/* -1 when nothing is waiting */
long sbi_set_timer(u64 stime);
long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
long sbi_hart_start(unsigned long hartid, unsigned long start, unsigned long opaque);
long sbi_hart_get_status(unsigned long hartid);
long sbi_system_reset(unsigned long type, unsigned long reason);
long sbi_hart_stop(void);
/* sfence.vma of [start, start + size) on the harts of the mask (size ~0UL: everything). */
long sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			   unsigned long start, unsigned long size);	/* returns only on failure */
const char *sbi_impl_name(long id);
#endif

#endif
