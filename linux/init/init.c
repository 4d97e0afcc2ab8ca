// SPDX-License-Identifier: GPL-2.0
/*
 * /init for Linux on Pagoda (docs/linux.md). Static, built against the kernel's own
 * tools/include/nolibc: the core has no FPU and Debian's riscv64 glibc is lp64d.
 *
 * It reports the cycles at which it started (rdcycle counts from reset), mounts proc, sys and
 * devtmpfs, prints buddyinfo, zoneinfo and vmstat, loads the allocator benchmark module, then,
 * when the device tree has pgaccel, its dmaengine driver and the kernel's dmatest (memset), and
 * powers off through the sifive,test1 device with the result as the exit status:
 *	bit 0 (1)  /proc or /sys could not be mounted or read
 *	bit 1 (2)  the benchmark module failed (its self-check, or loading)
 *	bit 2 (4)  the pgaccel driver failed to load or to probe (no dma0chan0)
 *	bit 3 (8)  dmatest failed (failures, no result, or it could not run)
 * Module parameters come from the kernel command line as MODULE.PARAM=VALUE (as modprobe does).
 * `pginit.skip=bench,dmatest` leaves a step out; `pginit.quiet` skips zoneinfo and vmstat.
 */
#include <linux/utsname.h>

#define TEST_DEVICE	0x100000UL	/* sbi/pagoda.dts, QEMU virt: sifive,test1 */
#define TEST_PASS	0x5555u
#define TEST_FAIL	0x3333u

#define R_PROC		1
#define R_BENCH		2
#define R_DMADRV	4
#define R_DMATEST	8

/* memset tests only (the engine offers nothing else), started at load, a bounded count. */
#define DMATEST_DEFAULTS "dmatest=1 run=1 iterations=100 threads_per_chan=1 max_channels=1"

#define PGACCEL_DT	"/proc/device-tree/soc/pgaccel@11000000/compatible"

static char cmdline[4096];
static char logbuf[1 << 17];

static unsigned long rdcycle(void)
{
	unsigned long c;

	__asm__ volatile("rdcycle %0" : "=r"(c));
	return c;
}

static unsigned long rdinstret(void)
{
	unsigned long c;

	__asm__ volatile("rdinstret %0" : "=r"(c));
	return c;
}

/* strstr (the 6.1 nolibc has none). */
static const char *find(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncmp(s, needle, n))
			return s;
	return NULL;
}

static int exists(const char *path)
{
	int fd = open(path, O_RDONLY, 0);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* Print a file to the console; 0 on success. */
static int cat(const char *path)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY, 0);

	if (fd < 0) {
		printf("init: cannot open %s\n", path);
		return -1;
	}
	printf("init: --- %s ---\n", path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
	return n < 0 ? -1 : 0;
}

static int read_into(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY, 0);
	ssize_t n, got = 0;

	if (fd < 0)
		return -1;
	while (got < (ssize_t)size - 1 && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += n;
	buf[got] = 0;
	close(fd);
	return got;
}

/* Is WORD (or WORD=...) one of the command line's words? Returns its value or "" or NULL. */
static const char *cmdline_word(const char *word)
{
	size_t len = strlen(word);
	const char *p = cmdline;

	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (!strncmp(p, word, len) && (p[len] == '=' || p[len] == ' ' || p[len] == '\n' ||
					       !p[len]))
			return p[len] == '=' ? p + len + 1 : "";
		while (*p && *p != ' ')
			p++;
	}
	return NULL;
}

/* Is STEP listed in pginit.skip=a,b,...? */
static int skipped(const char *step)
{
	const char *v = cmdline_word("pginit.skip");
	size_t len = strlen(step);

	while (v && *v && *v != ' ' && *v != '\n') {
		if (!strncmp(v, step, len) && (v[len] == ',' || v[len] == ' ' || v[len] == '\n' ||
					       !v[len]))
			return 1;
		while (*v && *v != ',' && *v != ' ')
			v++;
		if (*v == ',')
			v++;
	}
	return 0;
}

/* The command line's MODULE.PARAM=VALUE words, as "PARAM=VALUE ..." for finit_module. */
static void module_params(const char *mod, char *out, size_t size)
{
	size_t mlen = strlen(mod), o = 0;
	const char *p = cmdline;

	out[0] = 0;
	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		const char *w = p;

		while (*p && *p != ' ' && *p != '\n')
			p++;
		if ((size_t)(p - w) > mlen + 1 && !strncmp(w, mod, mlen) && w[mlen] == '.') {
			size_t n = p - w - mlen - 1;

			if (o + n + 2 > size)
				break;
			if (o)
				out[o++] = ' ';
			memcpy(out + o, w + mlen + 1, n);
			o += n;
			out[o] = 0;
		}
	}
}

/*
 * finit_module(2) of /lib/modules/NAME.ko with DEFAULTS then the command line's NAME.* words
 * (a later value of a parameter wins); 0 or -errno.
 */
static int load_module(const char *name, const char *defaults)
{
	char path[96], params[320];
	size_t n = strlen(defaults);
	int fd, ret;

	strlcpy(path, "/lib/modules/", sizeof(path));
	strlcat(path, name, sizeof(path));
	strlcat(path, ".ko", sizeof(path));
	if (n + 2 > sizeof(params))
		return -E2BIG;
	memcpy(params, defaults, n);
	params[n] = n ? ' ' : 0;
	module_params(name, params + n + !!n, sizeof(params) - n - 1);
	fd = open(path, O_RDONLY, 0);
	if (fd < 0) {
		printf("init: %s: %d\n", path, fd);
		return fd;
	}
	printf("init: loading %s %s\n", name, params);
	ret = my_syscall3(__NR_finit_module, fd, params, 0);
	close(fd);
	if (ret < 0)
		printf("init: %s failed to load: errno %d\n", name, -ret);
	return ret;
}

/* Copy the word at P (up to a space) into BUF. */
static const char *word(const char *p, char *buf, size_t size)
{
	size_t n = 0;

	while (*p == ' ')
		p++;
	while (*p && *p != ' ' && *p != '\n' && n + 1 < size)
		buf[n++] = *p++;
	buf[n] = 0;
	return p;
}

/*
 * One dmatest verdict, "N tests, F failures I iops K KB/s (E)", as a bench line for
 * scripts/bench.py; returns F, or -1 when the line is not in that form.
 */
static long dmatest_summary(const char *p)
{
	char tests[24], failures[24], iops[24], kbs[24], skip[24];

	p = word(p, tests, sizeof(tests));
	p = word(p, skip, sizeof(skip));		/* "tests," */
	p = word(p, failures, sizeof(failures));
	p = word(p, skip, sizeof(skip));		/* "failures" */
	p = word(p, iops, sizeof(iops));
	p = word(p, skip, sizeof(skip));		/* "iops" */
	p = word(p, kbs, sizeof(kbs));
	if (!tests[0] || !failures[0] || !kbs[0])
		return -1;
	printf("bench linux-dmatest memset ops=%s failures=%s iops=%s kbytes_per_s=%s\n", tests,
	       failures, iops, kbs);
	return atol(failures);
}

/*
 * dmatest on pgaccel's channel: the driver, then dmatest started at load (run=1); reading its
 * "wait" parameter blocks until every thread is done. Its verdict is in the kernel log as
 * "...: summary N tests, F failures ...", one line per thread.
 */
static int run_dmatest(void)
{
	char w[8];
	int result = 0, summaries = 0;
	const char *p;

	if (!exists(PGACCEL_DT)) {
		printf("init: dmatest skipped: the device tree has no pgaccel\n");
		return 0;
	}
	/* a probe that fails (its self-test, say) still loads the module: look for the channel */
	if (load_module("pgaccel_dma", "") < 0 || !exists("/sys/class/dma/dma0chan0/in_use")) {
		printf("init: pgaccel_dma: no DMA channel\n");
		return R_DMADRV | R_DMATEST;
	}
	if (load_module("dmatest", DMATEST_DEFAULTS) < 0)
		return R_DMATEST;
	if (read_into("/sys/module/dmatest/parameters/wait", w, sizeof(w)) < 0)
		return R_DMATEST;
	if (my_syscall3(__NR_syslog, 3 /* SYSLOG_ACTION_READ_ALL */, logbuf, sizeof(logbuf) - 1) < 0)
		return R_DMATEST;
	for (p = logbuf; (p = find(p, "summary ")); p++) {
		if (dmatest_summary(p + 8) != 0)
			result = R_DMATEST;
		summaries++;
	}
	printf("init: dmatest: %d summaries%s\n", summaries, result ? ", with failures" : "");
	return summaries ? result : R_DMATEST;
}

/* The test device ends the run: QEMU and the SoC simulator exit with CODE (0 = pass). */
static void power_off(int code)
{
	volatile unsigned int *dev;
	int fd = open("/dev/mem", O_RDWR, 0);

	printf("init: result %s (code %d)\n", code ? "FAIL" : "PASS", code);
	if (fd >= 0) {
		dev = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, TEST_DEVICE);
		if (dev != MAP_FAILED)
			*dev = code ? TEST_FAIL | (unsigned int)code << 16 : TEST_PASS;
	}
	printf("init: the test device did not stop the machine; powering off\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	for (;;)
		sleep(1);
}

int main(void)
{
	unsigned long cycles = rdcycle(), instret = rdinstret();
	struct new_utsname uts;
	char model[64];
	int result = 0;

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	if (read_into("/proc/device-tree/model", model, sizeof(model)) < 0 ||
	    my_syscall1(__NR_uname, &uts) < 0)
		result |= R_PROC;
	printf("platform: %s (Linux %s)\n", model, uts.release);
	printf("bench linux-boot init ops=1 cycles=%lu instret=%lu\n", cycles, instret);
	if (read_into("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		result |= R_PROC;
	printf("init: command line: %s", cmdline);
	if (cat("/proc/buddyinfo") < 0)
		result |= R_PROC;
	if (!cmdline_word("pginit.quiet") && (cat("/proc/zoneinfo") < 0 || cat("/proc/vmstat") < 0))
		result |= R_PROC;
	if (!skipped("bench") && load_module("pgbench", "") < 0)
		result |= R_BENCH;
	if (!skipped("dmatest"))
		result |= run_dmatest();
	if (cat("/proc/buddyinfo") < 0)
		result |= R_PROC;
	power_off(result);
	return result;
}
