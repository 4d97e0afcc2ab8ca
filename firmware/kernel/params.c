// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel command line (bootargs) checked against the table of every parameter the firmware
 * knows, before anything uses it, as Linux's parse_args() does with its __setup/early_param
 * table. A word nobody knows is reported ("Unknown kernel command line parameters"), and so is a
 * bad value, a second mode, a value too long to keep, a stray byte: each is an error that ends the
 * boot with EXIT_BAD_BOOTARGS, because a mistyped parameter that is quietly ignored runs something
 * the user did not ask for. Portable: the host tests and the fuzzer run it.
 */
#include <pagoda/boot.h>
#include <pagoda/init.h>
#include <pagoda/kstrtox.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>

/* A check returns NULL when the value is good, else what is wrong with it. val is NULL for a bare
 * word, the text after '=' otherwise (possibly ""). */
typedef const char *(*param_check_t)(const char *val);

struct boot_param {
	const char *name;
	param_check_t check;
	bool mode;	/* one of the run modes: at most one may be given */
};

static const char *check_flag(const char *val)
{
	return val ? "takes no value" : NULL;
}

/* A bare word or an empty value means on, as the allocator's handlers take it (mm/mm_init.c). */
static const char *check_bool(const char *val)
{
	bool b;

	if (!val || !*val || !kstrtobool(val, &b))
		return NULL;
	return "is not one of 1, on, y, 0, off, n";
}

static const char *number_error(int err)
{
	if (!err)
		return NULL;
	return err == KSTRTOX_ERANGE ? "does not fit in 64 bits" : "is not a number";
}

static const char *check_u64(const char *val)
{
	u64 v;

	return val ? number_error(kstrtou64(val, &v)) : "needs a value";
}

static const char *check_size(const char *val)
{
	u64 v;

	return val ? number_error(kstrtosize(val, &v)) : "needs a value (SIZE, e.g. 64M)";
}

/* SIZE or N% (0..100). */
static const char *check_size_pct(const char *val)
{
	char num[BOOTARG_VALUE_MAX];
	size_t n;
	u64 v;

	if (!val)
		return "needs a value (SIZE or N%)";
	n = strlen(val);
	if (!n || val[n - 1] != '%')
		return check_size(val);
	memcpy(num, val, n - 1);
	num[n - 1] = '\0';
	if (kstrtou64_max(num, 100, &v))
		return "is not a percentage 0..100";
	return NULL;
}

static const char *check_string(const char *val)
{
	return val && *val ? NULL : "needs a value";
}

static const char *check_pgaccel(const char *val)
{
	if (val && (!strcmp(val, "auto") || !strcmp(val, "hw") || !strcmp(val, "sw")))
		return NULL;
	return "is not one of auto, hw, sw";
}

static const char *check_01(const char *val)
{
	return val && (!strcmp(val, "0") || !strcmp(val, "1")) ? NULL : "is not 0 or 1";
}

static const char *check_satp_mode(const char *val)
{
	return val && (!strcmp(val, "bare") || !strcmp(val, "sv39")) ? NULL : "is not bare or sv39";
}

/* A hart id, or "next": the hart after the one OpenSBI picked (so the boot is always handed over). */
static const char *check_boot_hart(const char *val)
{
	return val && !strcmp(val, "next") ? NULL : check_u64(val);
}

static const struct boot_param boot_params[] = {
	/* Run modes (kernel/main.c). */
	{ "demo", check_flag, true },
	{ "selftest", check_flag, true },
	{ "shell", check_flag, true },
	{ "bench", check_flag, true },
	{ "selftest_filter", check_string, false },	/* tests to run: PREFIX[,PREFIX] */
	{ "bench_filter", check_string, false },	/* bench groups to run: PREFIX[,PREFIX] */
	{ "workload_secs", check_u64, false },	/* the workload_mix self-test's length (mm/) */
	{ "inject_failure", check_flag, false },	/* one self-test fails on purpose */
	{ "boot_hart", check_boot_hart, false },	/* hand the boot to this hart (main.c) */
	{ "smp_stale_entry", check_flag, false },	/* test: a secondary enters at _start */
	{ "smp_late_hart", check_flag, false },	/* test: cpu 1 comes up after its deadline */
	/* The allocator (mm/mm_init.c, docs/mm.md). */
	{ "dma", check_size, false },
	{ "highmem", check_size, false },
	{ "movablecore", check_size_pct, false },
	{ "kernelcore", check_size_pct, false },
	{ "cma", check_size, false },
	{ "min_free_kbytes", check_size, false },
	{ "page_poison", check_bool, false },
	{ "page_owner", check_bool, false },
	{ "trace_mm", check_bool, false },
	{ "mm_debug", check_bool, false },
	{ "slub_debug", check_bool, false },	/* debug flags on every kmalloc cache (mm/slub.c) */
	/* The kernel page tables (arch/riscv/pgtable.c, docs/mm.md "Sv39 layout"). */
	{ "satp_mode", check_satp_mode, false },	/* sv39 (default) or bare */
	/* The accelerator (drivers/pgaccel.c, docs/pgaccel.md). */
	{ "pgaccel", check_pgaccel, false },
	{ "pgaccel_prezero", check_01, false },
};

/* ---------------------------------------------------------------- the kernel's own parameters */

/*
 * Read by kernel/main.c and the self-tests, set by their early_param() handlers as every other
 * parameter is (the subsystems' live beside their code; these live here, with the table, so the
 * host tests run them). Each handler refuses what the table refuses and then changes nothing.
 */
bool boot_hart_given, boot_hart_next;
unsigned long boot_hart_id;
const char *selftest_filter;
bool inject_failure;
bool smp_stale_entry;
bool smp_late_hart;
const char *bench_filter;
unsigned long bench_nr_reported, bench_nr_failed;	/* pagoda/bench.h */

static int early_boot_hart(const char *val)
{
	u64 v;

	if (val && !strcmp(val, "next")) {
		boot_hart_next = true;
		boot_hart_given = true;
		return 0;
	}
	if (!val || kstrtou64(val, &v))
		return -1;
	boot_hart_id = (unsigned long)v;
	boot_hart_next = false;
	boot_hart_given = true;
	return 0;
}
early_param("boot_hart", early_boot_hart);

/*
 * A string parameter needs a value, kept whole in the handler's own buffer (val lives only as
 * long as the call): *str then points at the copy. parse_early_params() hands over at most
 * BOOTARG_VALUE_MAX - 1 characters; a longer value is refused here too, never cut.
 */
static int set_string(const char *val, char *buf, size_t size, const char **str)
{
	size_t n = val ? strlen(val) : 0;

	if (!n || n >= size)
		return -1;
	memcpy(buf, val, n + 1);
	*str = buf;
	return 0;
}

static int early_selftest_filter(const char *val)
{
	static char filter[BOOTARG_VALUE_MAX];

	return set_string(val, filter, sizeof(filter), &selftest_filter);
}
early_param("selftest_filter", early_selftest_filter);

static int early_bench_filter(const char *val)
{
	static char filter[BOOTARG_VALUE_MAX];

	return set_string(val, filter, sizeof(filter), &bench_filter);
}
early_param("bench_filter", early_bench_filter);

/* A flag parameter takes no value. */
static int set_flag(const char *val, bool *flag)
{
	if (val)
		return -1;
	*flag = true;
	return 0;
}

static int early_inject_failure(const char *val) { return set_flag(val, &inject_failure); }
early_param("inject_failure", early_inject_failure);

static int early_smp_stale_entry(const char *val) { return set_flag(val, &smp_stale_entry); }
early_param("smp_stale_entry", early_smp_stale_entry);

static int early_smp_late_hart(const char *val) { return set_flag(val, &smp_late_hart); }
early_param("smp_late_hart", early_smp_late_hart);

/* ---------------------------------------------------------------- checking the command line */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next word of args at *pos: its start and length, 0 at the end. */
size_t bootargs_next_word(const char *args, size_t *pos, const char **word)
{
	size_t i = *pos, start;

	while (args[i] && is_space(args[i]))
		i++;
	start = i;
	while (args[i] && !is_space(args[i]))
		i++;
	*pos = i;
	*word = args + start;
	return i - start;
}

static const struct boot_param *find_param(const char *key, size_t klen)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(boot_params); i++)
		if (strlen(boot_params[i].name) == klen && !strncmp(boot_params[i].name, key, klen))
			return &boot_params[i];
	return NULL;
}

bool bootarg_known(const char *key)
{
	return find_param(key, strlen(key)) != NULL;
}

static size_t key_len(const char *w, size_t len)
{
	const char *eq = memchr(w, '=', len);

	return eq ? (size_t)(eq - w) : len;
}

/* Was the same key given earlier in args (before `w`) with a different word? */
static bool conflicting_repeat(const char *args, const char *w, size_t len)
{
	size_t pos = 0, klen = key_len(w, len), n;
	const char *o;

	while ((n = bootargs_next_word(args, &pos, &o)) && o < w)
		if (key_len(o, n) == klen && !strncmp(o, w, klen) && (n != len || strncmp(o, w, len)))
			return true;
	return false;
}

/* The index of the first byte of the word that is not printable ASCII, or -1. */
static int bad_byte(const char *w, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)w[i] < 0x21 || (unsigned char)w[i] > 0x7e)
			return (int)i;
	return -1;
}

enum word_check { WORD_OK, WORD_BAD, WORD_UNKNOWN };

/* Check one word; a bad one is reported here, unknown ones all together by the caller. */
static enum word_check check_word(const char *args, const char *w, size_t len, const char **mode)
{
	size_t klen = key_len(w, len);
	const struct boot_param *p = find_param(w, klen);
	char val[BOOTARG_VALUE_MAX];
	const char *why;
	int bad = bad_byte(w, len);

	if (bad >= 0) {
		pr_err("bootargs: byte 0x%02x at position %d of a word is not printable ASCII\n",
		       (unsigned char)w[bad], bad);
		return WORD_BAD;
	}
	if (!p)
		return WORD_UNKNOWN;
	if (klen < len && len - klen - 1 >= sizeof(val)) {
		pr_err("bootargs: the value of '%.*s' is longer than %d characters\n", (int)klen, w,
		       BOOTARG_VALUE_MAX - 1);
		return WORD_BAD;
	}
	if (klen < len) {
		memcpy(val, w + klen + 1, len - klen - 1);
		val[len - klen - 1] = '\0';
	}
	why = p->check(klen < len ? val : NULL);
	if (why) {
		pr_err("bootargs: '%.*s': %s %s\n", (int)len, w, p->name, why);
		return WORD_BAD;
	}
	if (conflicting_repeat(args, w, len)) {
		pr_err("bootargs: '%s' is given twice with different values\n", p->name);
		return WORD_BAD;
	}
	if (p->mode) {
		if (*mode && strcmp(*mode, p->name)) {
			pr_err("bootargs: two modes, '%s' and '%s': give one of demo, selftest, shell, bench\n",
			       *mode, p->name);
			return WORD_BAD;
		}
		*mode = p->name;
	}
	return WORD_OK;
}

int bootargs_check(const struct boot_info *bi, const char **mode)
{
	const char *args = bi->bootargs, *w;
	size_t pos = 0, len;
	int errors = 0, unknown = 0;

	*mode = NULL;
	if (bi->bootargs_len >= BOOTARGS_MAX) {
		pr_err("bootargs: the command line is %u characters long, the limit is %d\n",
		       bi->bootargs_len, BOOTARGS_MAX - 1);
		return 1;
	}
	while ((len = bootargs_next_word(args, &pos, &w))) {
		enum word_check r = check_word(args, w, len, mode);

		if (r == WORD_UNKNOWN)
			unknown++;
		else if (r == WORD_BAD)
			errors++;
	}
	if (unknown) {
		/* One line naming every unknown word, as Linux prints it. */
		printk("Unknown kernel command line parameters \"");
		pos = 0;
		for (int n = 0; (len = bootargs_next_word(args, &pos, &w));) {
			if (find_param(w, key_len(w, len)) || bad_byte(w, len) >= 0)
				continue;
			printk("%s%.*s", n++ ? " " : "", (int)len, w);
		}
		printk("\"\n");
	}
	return errors + unknown;
}
