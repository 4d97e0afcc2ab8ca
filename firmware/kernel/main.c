// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot hart's C entry: digest the device tree, print the banner, start the other harts, bring up
 * the allocator, then run the mode the bootargs ask for: demo (default), selftest, shell, bench.
 */
#include <asm/barrier.h>
#include <asm/smp.h>
#include <pagoda/bench.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/sbi.h>
#include <pagoda/selftest.h>
#include <pagoda/shell.h>
#include <pagoda/smp.h>
#include <pagoda/string.h>

#ifndef PAGODA_VERSION
#define PAGODA_VERSION "unknown"
#endif

/* Upper bound on a blob we will read, before its header can be trusted. */
#define FDT_MAX_SIZE (2UL << 20)

extern char _fw_start[], __end_rodata[], _sdata[], _fw_end[];
extern char __bench_text_end[];	/* the end of the hot text and the timed loops (firmware.ld) */
extern char __bench_text_start[], __bench_far_start[], __bench_far_end[];

/* Provided by firmware/mm and the drivers when linked in. */
void mm_init(const struct boot_info *bi) __attribute__((weak));
void paging_init(void) __attribute__((weak));
void mm_show_summary(void) __attribute__((weak));
void mem_bench_run(void) __attribute__((weak));
void mm_bench_run(void) __attribute__((weak));
void vmalloc_bench_run(void) __attribute__((weak));
void pgaccel_bench_run(void) __attribute__((weak));
void demo_run(void) __attribute__((weak));
void perf_show(void) __attribute__((weak));

extern const struct initcall __initcalls_start[], __initcalls_end[];

void do_initcalls(void)
{
	for (const struct initcall *c = __initcalls_start; c < __initcalls_end; c++) {
		int err = c->fn();

		if (err)
			pr_err("init: %s failed (%d)\n", c->name, err);
	}
}

static void add_reserved(u64 base, u64 size)
{
	if (boot_info.nr_reserved < MAX_RESERVED) {
		boot_info.reserved[boot_info.nr_reserved].base = base;
		boot_info.reserved[boot_info.nr_reserved].size = size;
		boot_info.nr_reserved++;
	} else {
		pr_warn("boot: reserved-range table full, 0x%llx not recorded\n",
			(unsigned long long)base);
	}
}

/*
 * The hot text and the timed loops (__bench_loop, pagoda/bench.h) must fit in one way of the I$:
 * beyond it a loop may share lines with the path it times and every figure of that case would
 * measure the link's layout. A failed check (the run's status says so), not a warning to miss.
 */
static void bench_check_text_span(void)
{
	const struct cache_geometry *ic = &boot_info.icache;
	unsigned long span = (unsigned long)(__bench_text_end - _fw_start), way;

	if (!ic->size || !ic->sets)
		return;		/* no I$ described (QEMU's virt): nothing to evict */
	way = (unsigned long)ic->sets * ic->block;
	printk("bench: hot text and timed loops %lu bytes from 0x%lx, an I$ way %lu bytes\n", span,
	       (unsigned long)_fw_start, way);
	if (span > way)
		bench_fail("layout", "text-span", "hot text and timed loops span %lu bytes, more than "
			   "an I$ way (%lu): a timed loop may evict the path it times", span, way);
	if (__bench_far_end - __bench_far_start > __bench_text_end - __bench_text_start ||
	    (unsigned long)(__bench_far_start - __bench_text_start) % way)
		bench_fail("layout", "far-loops", "the far timed loops (%lu bytes at 0x%lx) are not "
			   "on the I$ lines of the timed loops (%lu bytes at 0x%lx)",
			   (unsigned long)(__bench_far_end - __bench_far_start),
			   (unsigned long)__bench_far_start,
			   (unsigned long)(__bench_text_end - __bench_text_start),
			   (unsigned long)__bench_text_start);
}

static void print_size(u64 bytes)
{
	if (bytes >= (1ULL << 30) && !(bytes & ((1ULL << 30) - 1)))
		printk("%llu GiB", (unsigned long long)(bytes >> 30));
	else if (bytes >= (1ULL << 20))
		printk("%llu MiB", (unsigned long long)(bytes >> 20));
	else
		printk("%llu KiB", (unsigned long long)(bytes >> 10));
}

static void print_cache(const char *name, const struct cache_geometry *c)
{
	u32 ways;

	printk("%s ", name);
	if (!c->size) {
		printk("none described");
		return;
	}
	ways = c->size / (c->sets * c->block);
	print_size(c->size);
	if (ways == 1)
		printk(" direct-mapped");
	else
		printk(" %u-way", ways);
	printk(", %u-byte lines", c->block);
}

static void print_dram(const struct dram_info *d)
{
	printk("dram:     ");
	if (d->kind == DRAM_NONE) {
		printk("none described (DT)\n");
		return;
	}
	for (const char *c = d->type; *c; c++)
		printk("%c", *c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
	if (d->part[0])
		printk(" %s", d->part);
	if (d->kind == DRAM_LITEDRAM)
		printk(" through LiteDRAM (CSRs at 0x%llx)", (unsigned long long)d->ctrl_base);
	else
		printk(" timings, the fast DRAM model (simulation only)");
	if (d->port_width)
		printk(", %u-bit port", d->port_width);
	printk(" (DT)\n");
}

void print_boot_info(void)
{
	const struct boot_info *bi = &boot_info;
	long impl = sbi_impl_id(), ver = sbi_impl_version(), spec = sbi_spec_version();

	printk("platform: %s\n", platform_name());
	printk("sbi:      %s v%ld.%ld, SBI spec %ld.%ld\n", sbi_impl_name(impl), ver >> 16,
	       ver & 0xffff, (spec >> 24) & 0x7f, spec & 0xffffff);
	printk("harts:    %u (boot hart %lu; ids", bi->nr_harts, this_hart()->hartid);
	for (unsigned int i = 0; i < bi->nr_harts; i++)
		printk(" %lu", bi->hartids[i]);
	printk("), timebase %llu Hz\n", (unsigned long long)bi->timebase_hz);
	for (unsigned int i = 0; i < bi->nr_mem; i++) {
		printk("memory:   [0x%010llx-0x%010llx] ", (unsigned long long)bi->mem[i].base,
		       (unsigned long long)(bi->mem[i].base + bi->mem[i].size - 1));
		print_size(bi->mem[i].size);
		printk(", node %d\n", bi->mem[i].nid);
	}
	for (unsigned int i = 0; i < bi->nr_reserved; i++)
		printk("reserved: [0x%010llx-0x%010llx]%s\n", (unsigned long long)bi->reserved[i].base,
		       (unsigned long long)(bi->reserved[i].base + bi->reserved[i].size - 1),
		       bi->reserved_mmode >> i & 1 ? " M-mode only: OpenSBI's, PMP-protected" : "");
	printk("caches:   ");
	print_cache("I$", &bi->icache);
	print_cache("; D$", &bi->dcache);
	printk(" (DT)\n");
	print_dram(&bi->dram);
	printk("bootargs: \"%s\"\n", bi->bootargs);
}

/*
 * boot_hart=N: OpenSBI 1.1 picks the hart that enters the firmware by lottery (fw_dynamic's
 * boot_hart only chooses which hart relocates OpenSBI), so a test that must boot on a given hart
 * asks for it here. The lottery's winner starts hart N at _boot_handoff and parks itself
 * (head.S: boot_park); hart N boots from the start as if OpenSBI had picked it, and
 * smp_boot_secondaries() later releases the parked hart as a secondary. Nothing but the banner
 * line and the bootargs check has run yet. boot_hart=next names the DT's hart after the
 * winner, whichever it is: a test of the hand-over that no lottery can skip.
 */
static void boot_hart_handoff(unsigned long hartid, const void *fdt)
{
	unsigned long want = boot_hart_id, entry;
	unsigned int i;
	long err;

	if (!boot_hart_given)
		return;
	if (boot_hart_next && boot_handoff_to == hartid) {
		want = hartid;	/* the hart it was handed to: it keeps it */
	} else if (boot_hart_next) {
		/* the DT's hart after this one, so that every run hands the boot over */
		for (i = 0; i < boot_info.nr_harts && boot_info.hartids[i] != hartid; i++)
			;
		if (boot_info.nr_harts < 2 || i == boot_info.nr_harts) {
			pr_err("boot: boot_hart=next needs another hart of the device tree\n");
			platform_exit(EXIT_BAD_BOOTARGS);
		}
		want = boot_info.hartids[(i + 1) % boot_info.nr_harts];
	}
	for (i = 0; i < boot_info.nr_harts && boot_info.hartids[i] != want; i++)
		;
	if (i == boot_info.nr_harts) {
		pr_err("boot: boot_hart=%lu is not a hart of the device tree\n", want);
		platform_exit(EXIT_BAD_BOOTARGS);
	}
	if (want == hartid) {
		printk("boot:     on hart %lu as boot_hart= asks\n", hartid);
		return;
	}
	printk("boot:     hart %lu hands the boot over to hart %lu (boot_hart=)\n", hartid, want);
	boot_handoff_from = hartid;
	boot_handoff_to = want;
	boot_handoff_fdt = (unsigned long)fdt;
	mb();
	/* smp_stale_entry (a test): the hart comes in at _start, as OpenSBI 1.1 sometimes sends a
	 * started hart to its old start address; head.S's late entry must still hand it the boot. */
	entry = smp_stale_entry ? (unsigned long)_start : (unsigned long)_boot_handoff;
	err = sbi_hart_start(want, entry, (unsigned long)fdt);
	if (err) {
		pr_err("boot: cannot start hart %lu: SBI error %ld\n", want, err);
		platform_exit(EXIT_BAD_BOOTARGS);
	}
	boot_park(hartid);
}

void __noreturn kernel_main(unsigned long hartid, const void *fdt)
{
	const char *mode, *filter;
	int err;

	printk("\nPagoda firmware %s (S-mode, hart %lu, fdt %p)\n", PAGODA_VERSION, hartid, fdt);
	if (!fdt || ((unsigned long)fdt & 7))
		err = FDT_ERR_NULL;
	else
		err = boot_info_parse(&boot_info, fdt, FDT_MAX_SIZE);
	if (err) {
		printk("boot: cannot use the device tree: %s\n", fdt_strerror(err));
		platform_exit(EXIT_BAD_FDT);
	}
	if (bootargs_check(&boot_info, &mode)) {
		printk("boot: bad kernel command line \"%s\"; nothing was run\n",
		       boot_info.bootargs_len < BOOTARGS_MAX ? boot_info.bootargs : "(too long)");
		platform_exit(EXIT_BAD_BOOTARGS);
	}
	/* The kernel's and every subsystem's handlers, before anything reads them; mm_init() runs
	 * them again after resetting its own (the host tests boot it many times), which changes
	 * nothing. A value the table let through but a handler refuses is a bug in one of them. */
	if (parse_early_params(boot_info.bootargs)) {
		pr_err("boot: a boot parameter's handler refused what bootargs_check() accepted\n");
		platform_exit(EXIT_BAD_BOOTARGS);
	}
	boot_hart_handoff(hartid, fdt);
	/* From here this context is a task (init), so allocation scopes and sleeping work. */
	sched_init(boot_info.timebase_hz);
	platform_init();
	/* The image in two parts: text and read-only data, then data and bss from the next 2 MiB
	 * boundary (firmware.ld); the gap between them is free RAM. */
	add_reserved((unsigned long)_fw_start, (unsigned long)(__end_rodata - _fw_start));
	add_reserved((unsigned long)_sdata, (unsigned long)(_fw_end - _sdata));
	add_reserved((unsigned long)fdt, ALIGN((u64)boot_info.fdt_size, 4096));
	print_boot_info();

	smp_boot_secondaries();
	printk("smp:      %u of %u harts online\n", num_online_cpus(), boot_info.nr_harts);
	if (mm_init)
		mm_init(&boot_info);
	if (paging_init)
		paging_init();	/* Sv39 on every hart, before any driver maps or zeroes */
	do_initcalls();

	if (!mode)
		mode = "demo";
	printk("mode:     %s\n\n", mode);
	filter = selftest_filter;
	if (filter && strcmp(mode, "selftest")) {
		pr_err("boot: selftest_filter= without the selftest mode\n");
		platform_exit(EXIT_BAD_BOOTARGS);
	}
	/* Before any mode runs: the selftest mode ends the boot itself, it never comes back here. */
	if (bench_filter && strcmp(mode, "bench")) {
		pr_err("boot: bench_filter= without the bench mode\n");
		platform_exit(EXIT_BAD_BOOTARGS);
	}
	if (!strcmp(mode, "selftest")) {
		char bad[64];
		int failed;

		if (filter && !selftest_filter_ok(filter, bad, sizeof(bad))) {
			if (bad[0])
				pr_err("selftest: no test name starts with '%s' (selftest_filter=)\n",
				       bad);
			else
				pr_err("selftest: an empty name in the list '%s' (selftest_filter=)\n",
				       filter);
			platform_exit(EXIT_BAD_BOOTARGS);
		}
		failed = selftest_run_all(filter);
		if (perf_show)
			perf_show();
		platform_exit(failed ? EXIT_SELFTEST_FAILED : EXIT_OK);
	}
	if (!strcmp(mode, "shell"))
		shell_run();
	if (!strcmp(mode, "bench")) {
		bench_check_text_span();
		if (mem_bench_run && bench_wanted("mem"))
			mem_bench_run();	/* first: the figures the others are read against */
		if (mm_bench_run)
			mm_bench_run();
		if (vmalloc_bench_run && bench_wanted("vmalloc"))
			vmalloc_bench_run();
		if (pgaccel_bench_run)
			pgaccel_bench_run();
		if (bench_filter && !bench_nr_reported) {
			pr_err("bench: no case of a group starting with '%s' ran (bench_filter=)\n",
			       bench_filter);
			platform_exit(EXIT_BAD_BOOTARGS);
		}
		if (bench_nr_failed) {
			pr_err("bench: %lu case(s) failed their self-check\n", bench_nr_failed);
			platform_exit(EXIT_SELFTEST_FAILED);
		}
		platform_exit(EXIT_OK);
	}
	if (demo_run)
		demo_run();
	else if (mm_show_summary)
		mm_show_summary();
	if (perf_show)
		perf_show();
	platform_exit(EXIT_OK);
}

SHELL_CMD_ARGS(info, 0, 0, "platform, harts, memory map, bootargs")
{
	(void)argc;
	(void)argv;
	print_boot_info();
	printk("online:   %u harts\n", num_online_cpus());
	return 0;
}
