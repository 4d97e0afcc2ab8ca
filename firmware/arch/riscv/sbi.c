// SPDX-License-Identifier: BSD-2-Clause
/* SBI calls: a7 = extension, a6 = function, a0..a2 arguments; a0/a1 return error/value. */
#include <pagoda/sbi.h>

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

/* The same with five arguments (SBI PMU counter_config_matching). */
struct sbiret sbi_ecall5(unsigned long ext, unsigned long fid, unsigned long arg0,
			 unsigned long arg1, unsigned long arg2, unsigned long arg3, unsigned long arg4)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a3 __asm__("a3") = arg3;
	register unsigned long a4 __asm__("a4") = arg4;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a2), "r"(a3), "r"(a4), "r"(a6), "r"(a7)
			 : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

long sbi_spec_version(void)
{
	return sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0).value;
}

long sbi_impl_id(void)
{
	return sbi_ecall(SBI_EXT_BASE, 1, 0, 0, 0).value;
}

long sbi_impl_version(void)
{
	return sbi_ecall(SBI_EXT_BASE, 2, 0, 0, 0).value;
}

long sbi_probe_extension(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0);

	return r.error ? 0 : r.value;
}

/* Legacy extensions (0.1): OpenSBI 1.1 has no DBCN, so this is the only SBI console. The legacy
 * calls return the result in a0. */
void sbi_console_putchar(int c)
{
	sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned long)c, 0, 0);
}

int sbi_console_getchar(void)
{
	return (int)sbi_ecall(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0).error;
}

long sbi_set_timer(u64 stime)
{
	return sbi_ecall(SBI_EXT_TIME, 0, stime, 0, 0).error;
}

long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0).error;
}

long sbi_hart_start(unsigned long hartid, unsigned long start, unsigned long opaque)
{
	return sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, start, opaque).error;
}

long sbi_hart_stop(void)
{
	return sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0).error;
}

long sbi_hart_get_status(unsigned long hartid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid, 0, 0);

	return r.error ? r.error : r.value;
}

/* RFENCE takes four arguments, one more than sbi_ecall() passes. */
long sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			   unsigned long start, unsigned long size)
{
	register unsigned long a0 __asm__("a0") = hart_mask;
	register unsigned long a1 __asm__("a1") = hart_mask_base;
	register unsigned long a2 __asm__("a2") = start;
	register unsigned long a3 __asm__("a3") = size;
	register unsigned long a6 __asm__("a6") = SBI_RFENCE_REMOTE_SFENCE_VMA;
	register unsigned long a7 __asm__("a7") = SBI_EXT_RFENCE;

	__asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a3), "r"(a6), "r"(a7)
			 : "memory");
	return (long)a0;
}

long sbi_system_reset(unsigned long type, unsigned long reason)
{
	return sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0).error;
}

const char *sbi_impl_name(long id)
{
	static const char *const names[] = { "BBL", "OpenSBI", "Xvisor", "KVM", "RustSBI", "Diosix" };

	if (id >= 0 && id < (long)(sizeof(names) / sizeof(names[0])))
		return names[id];
	return "unknown";
}
