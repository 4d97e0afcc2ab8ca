// SPDX-License-Identifier: BSD-2-Clause
/* Self-tests of the firmware base: device tree, printf, strings, traps, SBI, timer, SMP. */
#include <asm/barrier.h>
#include <asm/csr.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/timex.h>
#include <pagoda/boot.h>
#include <pagoda/init.h>
#include <pagoda/irq.h>
#include <pagoda/printk.h>
#include <pagoda/sbi.h>
#include <pagoda/selftest.h>
#include <pagoda/smp.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>

/* No device answers here on QEMU virt or the Pagoda SoC (docs/memory-map.md). */
#define UNMAPPED_ADDR 0x08000000UL

SELFTEST(boot_fdt_parsed)
{
	ST_ASSERT(boot_info.fdt != NULL);
	ST_ASSERT(boot_info.nr_harts >= 1);
	ST_ASSERT(boot_info.nr_mem >= 1);
	ST_ASSERT(boot_info.timebase_hz > 0);
	for (unsigned int i = 0; i < boot_info.nr_mem; i++)
		ST_ASSERT(boot_info.mem[i].size >= (1UL << 20));
	return 0;
}

/* Every early_param() key is one bootargs_check() knows: else the check would refuse the very word
 * the handler waits for, and the handler could never run. */
SELFTEST(boot_early_params_known)
{
	const struct early_param *p = __start_early_param, *end = __stop_early_param;

	ST_ASSERT(end > p);
	for (; p < end; p++)
		if (!bootarg_known(p->name))
			ST_FAIL("early_param(\"%s\") is not in kernel/params.c's table", p->name);
	return 0;
}

SELFTEST(printf_formats)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%d|%5u|%-4x|%08lx|%s|%c|%%", -42, 7u, 0xabu, 0x1234UL, "str", 'z');
	if (strcmp(buf, "-42|    7|ab  |00001234|str|z|%"))
		ST_FAIL("got \"%s\"", buf);
	ST_ASSERT_EQ(snprintf(buf, 4, "%s", "truncated"), 9);
	ST_ASSERT(!strcmp(buf, "tru"));
	snprintf(buf, sizeof(buf), "%llx %lld", 0xffffffffffffffffULL, -9223372036854775807LL - 1);
	if (strcmp(buf, "ffffffffffffffff -9223372036854775808"))
		ST_FAIL("got \"%s\"", buf);
	return 0;
}

SELFTEST(string_ops)
{
	static u8 a[96], b[96];

	for (unsigned int i = 0; i < sizeof(a); i++)
		a[i] = (u8)(i * 7 + 1);
	memcpy(b, a, sizeof(a));
	ST_ASSERT(!memcmp(a, b, sizeof(a)));
	/* Overlapping move up by 3: b[3..] gets the old b[0..]. */
	memmove(b + 3, b, 64);
	for (unsigned int i = 0; i < 64; i++)
		ST_ASSERT_EQ(b[i + 3], a[i]);
	memset(b + 1, 0x5a, 77);
	ST_ASSERT_EQ(b[0], a[0]);
	for (unsigned int i = 1; i < 78; i++)
		ST_ASSERT_EQ(b[i], 0x5a);
	ST_ASSERT_EQ(b[78], a[78]);	/* past both the moved and the set range */
	return 0;
}

/*
 * With `inject_failure` in the bootargs this test corrupts its own copy before comparing, so the
 * whole run must fail: it proves that a failing self-test makes the host command fail.
 */
SELFTEST(copy_verify)
{
	static u8 src[256], dst[256];

	for (unsigned int i = 0; i < sizeof(src); i++)
		src[i] = (u8)(i ^ 0xa5);
	memcpy(dst, src, sizeof(dst));
	if (inject_failure)
		dst[100] ^= 1;
	for (unsigned int i = 0; i < sizeof(src); i++)
		if (dst[i] != src[i])
			ST_FAIL("byte %u: 0x%02x != 0x%02x", i, dst[i], src[i]);
	return 0;
}

SELFTEST(trap_access_fault)
{
	unsigned long v = 0x1234, before = exception_fixups;
	long r;

	/* Under Sv39 nothing maps the hole, so the MMU refuses first: a page fault. */
	long want_load = sv39_enabled ? EXC_LOAD_PAGE_FAULT : EXC_LOAD_ACCESS;
	long want_store = sv39_enabled ? EXC_STORE_PAGE_FAULT : EXC_STORE_ACCESS;

	r = probe_read64(UNMAPPED_ADDR, &v);
	if (r != -want_load)
		ST_FAIL("load from 0x%lx: got %ld, want -%ld (%s)", UNMAPPED_ADDR, r, want_load,
			trap_cause_name(want_load));
	ST_ASSERT_EQ(v, 0x1234);	/* the faulting load wrote nothing */
	r = probe_write64(UNMAPPED_ADDR, 0);
	if (r != -want_store)
		ST_FAIL("store to 0x%lx: got %ld, want -%ld", UNMAPPED_ADDR, r, want_store);
	ST_ASSERT_EQ(probe_fault_tval(), UNMAPPED_ADDR);
	ST_ASSERT_EQ(exception_fixups - before, 2);
	/* A mapped address does not fault: the DTB the firmware was given. */
	ST_ASSERT_EQ(probe_read64((unsigned long)boot_info.fdt, &v), 0);
	ST_ASSERT_EQ(v & 0xffffffff, 0xedfe0dd0);	/* FDT magic, big-endian in memory */
	return 0;
}

SELFTEST(trap_illegal_csr)
{
	long r = probe_csr_mstatus();

	if (r != -EXC_ILLEGAL)
		ST_FAIL("csrr mstatus in S-mode: got %ld, want -%d", r, EXC_ILLEGAL);
	return 0;
}

SELFTEST(sbi_extensions)
{
	long spec = sbi_spec_version();

	ST_ASSERT(((spec >> 24) & 0x7f) >= 1 || (spec & 0xffffff) >= 2);	/* >= 0.2 */
	ST_ASSERT(sbi_probe_extension(SBI_EXT_TIME) > 0);
	ST_ASSERT(sbi_probe_extension(SBI_EXT_IPI) > 0);
	ST_ASSERT(sbi_probe_extension(SBI_EXT_HSM) > 0);
	ST_ASSERT(sbi_probe_extension(SBI_EXT_SRST) > 0);
	ST_ASSERT_EQ(sbi_probe_extension(0x0bad0bad), 0);
	/* The hart running this is STARTED as far as HSM is concerned. */
	ST_ASSERT_EQ(sbi_hart_get_status(cpu_hartid[smp_processor_id()]), SBI_HSM_STARTED);
	return 0;
}

static volatile unsigned long timer_ticks;

static void timer_tick(void)
{
	timer_ticks++;
	sbi_set_timer(~0ULL);	/* one shot: also clears the pending STIP */
}

SELFTEST(sbi_timer_interrupt)
{
	u64 start = get_time(), delay = boot_info.timebase_hz / 1000;	/* 1 ms */
	unsigned long flags;

	timer_ticks = 0;
	irq_handler_timer = timer_tick;
	ST_ASSERT_EQ(sbi_set_timer(start + delay), 0);
	local_irq_save(flags);
	csr_set(sie, SIE_STIE);
	local_irq_enable();
	/* Bounded wait: 100x the delay, so a lost interrupt fails instead of hanging. */
	while (!timer_ticks && get_time() - start < 100 * delay)
		__asm__ volatile("wfi");
	local_irq_disable();
	csr_clear(sie, SIE_STIE);
	local_irq_restore(flags);
	irq_handler_timer = NULL;
	if (timer_ticks != 1)
		ST_FAIL("%lu timer interrupts after %llu ticks", timer_ticks,
			(unsigned long long)(get_time() - start));
	ST_ASSERT(get_time() - start >= delay);
	return 0;
}

static volatile unsigned long cpu_seen[NR_CPUS];

static void mark_cpu(void *arg)
{
	cpu_seen[smp_processor_id()] = (unsigned long)arg;
}

SELFTEST(smp_all_harts_online)
{
	for (unsigned int i = 0; i < NR_CPUS; i++)
		cpu_seen[i] = 0;
	/* every hart of the DT is online, or was reported at boot as not coming up in time */
	ST_ASSERT_EQ(num_online_cpus() + smp_nr_abandoned,
		     boot_info.nr_harts < NR_CPUS ? boot_info.nr_harts : NR_CPUS);
	smp_call_on_all(mark_cpu, (void *)0xc0ffee);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		ST_ASSERT_EQ(cpu_seen[cpu], cpu_online(cpu) ? 0xc0ffee : 0);
	return 0;
}

#define SMP_ITERS 20000
static spinlock_t smp_lock = SPIN_LOCK_UNLOCKED;
static unsigned long amo_counter, locked_counter;

static void hammer(void *arg)
{
	(void)arg;
	for (unsigned int i = 0; i < SMP_ITERS; i++) {
		__atomic_add_fetch(&amo_counter, 1, __ATOMIC_RELAXED);
		spin_lock(&smp_lock);
		/* A plain read-modify-write: only the lock keeps it from losing updates. */
		WRITE_ONCE(locked_counter, READ_ONCE(locked_counter) + 1);
		spin_unlock(&smp_lock);
	}
}

SELFTEST(smp_atomics_and_locks)
{
	amo_counter = locked_counter = 0;
	smp_call_on_all(hammer, NULL);
	ST_ASSERT_EQ(amo_counter, (unsigned long)SMP_ITERS * num_online_cpus());
	ST_ASSERT_EQ(locked_counter, (unsigned long)SMP_ITERS * num_online_cpus());
	return 0;
}

/* Every hart fails at once in a helper under its own ST_CATCH (pagoda/selftest.h): each abort
 * lands in its own hart's frame, with its own hart's result, and the runner's frame on this hart
 * is still there afterwards (the ST_ASSERTs below end the test as usual). */
static volatile int abort_result[NR_CPUS];
static volatile unsigned int abort_went_on[NR_CPUS];

static int fail_here(unsigned int cpu)
{
	if (cpu & 1)
		ST_SKIP("odd cpu %u", cpu);
	ST_FAIL("cpu %u", cpu);
}

static void abort_on_each(void *arg)
{
	unsigned int cpu = smp_processor_id();

	(void)arg;
	abort_result[cpu] = ST_CATCH(fail_here(cpu));
	abort_went_on[cpu]++;
}

SELFTEST(selftest_abort_per_hart)
{
	unsigned int cpu;

	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		abort_result[cpu] = 0x5a;
		abort_went_on[cpu] = 0;
	}
	smp_call_on_all(abort_on_each, NULL);
	for_each_online_cpu(cpu) {
		ST_ASSERT_EQ(abort_result[cpu], cpu & 1 ? SELFTEST_SKIPPED : -1);
		ST_ASSERT_EQ(abort_went_on[cpu], 1);
	}
	return 0;
}
