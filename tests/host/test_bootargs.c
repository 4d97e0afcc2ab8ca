// SPDX-License-Identifier: BSD-2-Clause
/* Bootargs lookup, the number parser, and the check of the whole command line against the table
 * of known parameters (kernel/params.c). */
#include "test_common.h"
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/kstrtox.h>

static void set_args(const char *s)
{
	snprintf(boot_info.bootargs, sizeof(boot_info.bootargs), "%s", s);
}

static void test_words_and_values(void **state)
{
	set_args("selftest  movablecore=64M kernelcore=1G pgaccel=hw");
	assert_true(bootarg_present("selftest"));
	assert_false(bootarg_present("self"));	/* prefixes are not words */
	assert_false(bootarg_present("movablecore"));	/* has a value: not a bare flag */
	assert_string_equal(bootarg_value("movablecore"), "64M");
	assert_string_equal(bootarg_value("kernelcore"), "1G");
	assert_string_equal(bootarg_value("pgaccel"), "hw");
	assert_null(bootarg_value("selftest"));
	assert_null(bootarg_value("kernel"));
	set_args("");
	assert_false(bootarg_present("selftest"));
	assert_null(bootarg_value("x"));
}

static void test_parse_size(void **state)
{
	bool ok;

	assert_int_equal(bootarg_parse_size("4096", &ok), 4096);
	assert_true(ok);
	assert_int_equal(bootarg_parse_size("64M", &ok), 64ULL << 20);
	assert_true(ok);
	assert_int_equal(bootarg_parse_size("2g", &ok), 2ULL << 30);
	assert_true(ok);
	assert_int_equal(bootarg_parse_size("8K", &ok), 8192);
	assert_true(ok);
	bootarg_parse_size("12Q", &ok);
	assert_false(ok);
	bootarg_parse_size("M", &ok);
	assert_false(ok);
	bootarg_parse_size("99999999999999999999999", &ok);
	assert_false(ok);
	bootarg_parse_size(NULL, &ok);
	assert_false(ok);
	/* The suffix must not shift bits out (it used to wrap silently). */
	assert_int_equal(bootarg_parse_size("17179869183G", &ok), 17179869183ULL << 30);
	assert_true(ok);
	bootarg_parse_size("17179869184G", &ok);
	assert_false(ok);
	bootarg_parse_size("18446744073709551615K", &ok);
	assert_false(ok);
}

static void test_kstrtou64_boundaries(void **state)
{
	static const struct {
		const char *s;
		int err;
		uint64_t v;
	} cases[] = {
		{ "0", 0, 0 }, { "00012", 0, 12 }, { "0x0", 0, 0 }, { "0X1F", 0, 31 },
		{ "4294967295", 0, 4294967295ULL }, { "4294967296", 0, 4294967296ULL },
		{ "2147483648", 0, 2147483648ULL },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "0xffffffffffffffff", 0, UINT64_MAX },
		{ "0x00000000000000000000000000ffffffffffffffff", 0, UINT64_MAX },
		/* One past the top and beyond: an error, never a wrapped value. */
		{ "18446744073709551616", KSTRTOX_ERANGE, 0 },
		{ "18446744073709551617", KSTRTOX_ERANGE, 0 },
		{ "99999999999999999999999999", KSTRTOX_ERANGE, 0 },
		{ "0x10000000000000000", KSTRTOX_ERANGE, 0 },
		{ "0x10000000000081000", KSTRTOX_ERANGE, 0 },
		/* Not numbers. */
		{ "", KSTRTOX_EINVAL, 0 }, { "0x", KSTRTOX_EINVAL, 0 }, { "-1", KSTRTOX_EINVAL, 0 },
		{ "+1", KSTRTOX_EINVAL, 0 }, { " 1", KSTRTOX_EINVAL, 0 }, { "1 ", KSTRTOX_EINVAL, 0 },
		{ "12a", KSTRTOX_EINVAL, 0 }, { "0xfg", KSTRTOX_EINVAL, 0 }, { "1e3", KSTRTOX_EINVAL, 0 },
		{ "99999999999999999999999x", KSTRTOX_EINVAL, 0 }, { "0x-1", KSTRTOX_EINVAL, 0 },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t v = 0xdeadbeef;
		int err = kstrtou64(cases[i].s, &v);

		if (err != cases[i].err)
			fail_msg("kstrtou64(\"%s\") = %d, want %d", cases[i].s, err, cases[i].err);
		/* On error the result is left alone. */
		assert_int_equal(v, cases[i].err ? 0xdeadbeef : cases[i].v);
	}
	assert_int_equal(kstrtou64(NULL, &(uint64_t){ 0 }), KSTRTOX_EINVAL);
	{
		uint64_t v = 7;

		assert_int_equal(kstrtou64_max("10", 10, &v), 0);
		assert_int_equal(v, 10);
		assert_int_equal(kstrtou64_max("11", 10, &v), KSTRTOX_ERANGE);
		assert_int_equal(v, 10);
	}
}

static int check(const char *args)
{
	struct boot_info bi = { 0 };
	const char *mode;

	snprintf(bi.bootargs, sizeof(bi.bootargs), "%s", args);
	bi.bootargs_len = (uint32_t)strlen(args);
	return bootargs_check(&bi, &mode);
}

static const char *check_mode(const char *args)
{
	struct boot_info bi = { 0 };
	const char *mode = "unset";

	snprintf(bi.bootargs, sizeof(bi.bootargs), "%s", args);
	bi.bootargs_len = (uint32_t)strlen(args);
	assert_int_equal(bootargs_check(&bi, &mode), 0);
	return mode;
}

static void test_bootargs_check_good(void **state)
{
	assert_null(check_mode(""));
	assert_null(check_mode("   "));
	assert_string_equal(check_mode("selftest"), "selftest");
	assert_string_equal(check_mode(" selftest\tpage_poison=1\n"), "selftest");
	assert_string_equal(check_mode("selftest selftest"), "selftest");
	assert_string_equal(check_mode("bench pgaccel=sw pgaccel_prezero=0"), "bench");
	assert_string_equal(check_mode("shell movablecore=25% kernelcore=1G cma=4M dma=0x100000"),
			    "shell");
	assert_string_equal(check_mode("demo page_owner=on page_poison trace_mm=0 mm_debug=y"),
			    "demo");
	assert_string_equal(check_mode("selftest boot_hart=next"), "selftest");
	assert_string_equal(check_mode("selftest selftest_filter=mm_ inject_failure boot_hart=3"),
			    "selftest");
	assert_string_equal(check_mode("selftest min_free_kbytes=1024 highmem=0"), "selftest");
	assert_string_equal(check_mode("bench bench_filter=reclaim,oom"), "bench");
	assert_string_equal(check_mode("selftest satp_mode=bare"), "selftest");
	assert_string_equal(check_mode("demo satp_mode=sv39"), "demo");
}

static void test_bootargs_check_bad(void **state)
{
	static const char *const bad[] = {
		"selftset",			/* a mistyped mode */
		"selftest verbose",		/* an unknown word */
		"selftest foo=1",		/* an unknown key */
		"selftest shell",		/* two modes */
		"selftest=1",			/* a mode takes no value */
		"inject_failure=1",
		"pgaccel",			/* needs a value */
		"pgaccel=",
		"pgaccel=bogus",
		"pgaccel=hw pgaccel=sw",	/* twice, different */
		"pgaccel_prezero=2",
		"satp_mode",			/* needs a value */
		"satp_mode=sv48",		/* not a mode the firmware builds */
		"satp_mode=Bare",
		"satp_mode=bare satp_mode=sv39",
		"movablecore=101%",
		"movablecore=%",
		"movablecore=18446744073709551616",
		"kernelcore=17179869184G",	/* the suffix would shift bits out */
		"cma=-1",
		"min_free_kbytes=",
		"page_poison=maybe",
		"boot_hart=18446744073709551616",
		"boot_hart=one",
		"selftest_filter=",
		"selftest_filter",
		"selftest selftest_filter=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"selftest \x01",		/* a control byte inside a word */
		"selftest caf\xc3\xa9",	/* not ASCII */
		"selftest \x7f",
	};

	host_printk_enabled = 0;
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (check(bad[i]) <= 0)
			fail_msg("bootargs \"%s\" were accepted", bad[i]);
	host_printk_enabled = 1;
	/* 63 characters of value are kept whole; 64 are refused (above), never cut. */
	assert_int_equal(check("selftest selftest_filter="
			       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);
}

/* A one-hart, one-memory DT whose /chosen/bootargs is args, parsed into *bi (which must work). */
static void parse_dt_with_bootargs(struct boot_info *bi, const char *args)
{
	static char dts[8192];
	unsigned char *b;
	size_t len;

	snprintf(dts, sizeof(dts),
		 "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; model = \"m\";"
		 " chosen { bootargs = \"%s\"; };"
		 " cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1000>;"
		 " cpu@0 { device_type = \"cpu\"; reg = <0>; }; };"
		 " memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x1000000>; }; };",
		 args);
	b = dts_compile(dts, &len);
	assert_int_equal(boot_info_parse(bi, b, len), FDT_OK);
	free(b);
}

/* A command line longer than the firmware keeps is an error, not a cut one (a trailing mode word
 * used to be lost and the run exited 0 as a demo). */
static void test_bootargs_too_long(void **state)
{
	static char args[4001];
	struct boot_info bi;
	const char *mode;

	memset(args, 'x', sizeof(args) - 1);
	memcpy(args, "demo pgaccel=sw ", 16);
	for (size_t i = 16; i + 10 < sizeof(args) - 1; i += 10)
		memcpy(args + i, "trace_mm=1 ", 10);
	memcpy(args + sizeof(args) - 10, " selftest", 9);
	args[sizeof(args) - 1] = '\0';
	parse_dt_with_bootargs(&bi, args);
	assert_int_equal(bi.bootargs_len, 4000);
	assert_string_equal(bi.bootargs, "");	/* nothing of it is used */
	host_printk_enabled = 0;
	assert_true(bootargs_check(&bi, &mode) > 0);
	host_printk_enabled = 1;

	/* BOOTARGS_MAX - 1 characters still fit. */
	args[BOOTARGS_MAX - 1] = '\0';
	memcpy(args + BOOTARGS_MAX - 10, " selftest", 9);
	parse_dt_with_bootargs(&bi, args);
	assert_int_equal(bi.bootargs_len, BOOTARGS_MAX - 1);
	assert_int_equal(strlen(bi.bootargs), BOOTARGS_MAX - 1);
}

/* Two handlers registered as a subsystem would: what they were given, in order. */
static char seen[256];

static int record(const char *tag, const char *val)
{
	size_t n = strlen(seen);

	snprintf(seen + n, sizeof(seen) - n, "%s%s:%s", n ? " " : "", tag, val ? val : "(null)");
	return val && !strcmp(val, "bad") ? -1 : 0;
}

static int early_test_key(const char *val) { return record("key", val); }
early_param("test_key", early_test_key);
static int early_test_other(const char *val) { return record("other", val); }
early_param("test_other", early_test_other);

static int early(const char *args)
{
	int bad;

	seen[0] = '\0';
	host_printk_enabled = 0;
	bad = parse_early_params(args);
	host_printk_enabled = 1;
	return bad;
}

static void test_early_params(void **state)
{
	static char longval[BOOTARG_VALUE_MAX + 16];

	/* Each word to the handler of its key: the value, "" after a bare '=', NULL for no '='. */
	assert_int_equal(early("test_key=1\t test_other  test_key= selftest"), 0);
	assert_string_equal(seen, "key:1 other:(null) key:");
	/* Keys match whole: neither a prefix nor a longer key reaches the handler. */
	assert_int_equal(early("test_ke=1 test_keyx=2 test_key_=3 xtest_key=4"), 0);
	assert_string_equal(seen, "");
	/* A value the handler refuses is counted; the words after it still run. */
	assert_int_equal(early("test_key=bad test_other=ok"), 1);
	assert_string_equal(seen, "key:bad other:ok");
	/* A value too long to keep is refused before any handler sees it, never cut. */
	memset(longval, 'v', sizeof(longval) - 1);
	memcpy(longval, "test_key=", 9);
	assert_int_equal(early(longval), 1);
	assert_string_equal(seen, "");
	longval[9 + BOOTARG_VALUE_MAX] = '\0';	/* BOOTARG_VALUE_MAX characters: one too many */
	assert_int_equal(early(longval), 1);
	assert_string_equal(seen, "");
	longval[9 + BOOTARG_VALUE_MAX - 1] = '\0';	/* BOOTARG_VALUE_MAX - 1 characters: kept */
	assert_int_equal(early(longval), 0);
	assert_int_equal(strlen(seen), 4 + BOOTARG_VALUE_MAX - 1);
	assert_int_equal(early(""), 0);
	assert_int_equal(early(NULL), 0);
	assert_string_equal(seen, "");
}

/* What bootargs_check() printed, for the tests of its messages. */
extern void (*host_printk_sink)(const char *s, size_t n);
static char said[1024];

static void say(const char *s, size_t n)
{
	size_t have = strlen(said);

	snprintf(said + have, sizeof(said) - have, "%.*s", (int)n, s);
}

static void kernel_params_set(bool given, unsigned long id, const char *filter, bool inject)
{
	boot_hart_given = given;
	boot_hart_next = false;
	boot_hart_id = id;
	selftest_filter = filter;
	bench_filter = filter;
	inject_failure = inject;
}

/*
 * The kernel's own parameters (boot_hart, the two filters, inject_failure) reach kernel/main.c and
 * the self-tests through their early_param() handlers. A bad value gets the table's clear message
 * from bootargs_check() (which ends the boot before any handler runs), and the handler itself
 * refuses it too, changing nothing.
 */
static void test_kernel_params(void **state)
{
	static char both[2 * BOOTARG_VALUE_MAX + 64];
	static const struct { const char *args, *msg; } bad[] = {
		{ "boot_hart=one", "'boot_hart=one': boot_hart is not a number" },
		{ "boot_hart=", "'boot_hart=': boot_hart is not a number" },
		{ "boot_hart", "'boot_hart': boot_hart needs a value" },
		{ "boot_hart=nex", "'boot_hart=nex': boot_hart is not a number" },
		{ "boot_hart=next1", "'boot_hart=next1': boot_hart is not a number" },
		{ "boot_hart=18446744073709551616",
		  "'boot_hart=18446744073709551616': boot_hart does not fit in 64 bits" },
		{ "selftest_filter=", "'selftest_filter=': selftest_filter needs a value" },
		{ "selftest_filter", "'selftest_filter': selftest_filter needs a value" },
		{ "bench_filter=", "'bench_filter=': bench_filter needs a value" },
		{ "bench_filter", "'bench_filter': bench_filter needs a value" },
		{ "inject_failure=1", "'inject_failure=1': inject_failure takes no value" },
		{ "inject_failure=", "'inject_failure=': inject_failure takes no value" },
	};

	kernel_params_set(false, 0, NULL, false);
	assert_int_equal(early("boot_hart=3 selftest_filter=mm_ inject_failure"), 0);
	assert_true(boot_hart_given);
	assert_int_equal(boot_hart_id, 3);
	assert_string_equal(selftest_filter, "mm_");
	assert_true(inject_failure);
	assert_int_equal(early("bench_filter=reclaim,kswapd"), 0);
	assert_string_equal(bench_filter, "reclaim,kswapd");
	assert_string_equal(selftest_filter, "mm_");	/* each filter has its own copy */
	/* The longest value kept (BOOTARG_VALUE_MAX - 1 characters) is kept whole by both. */
	snprintf(both, sizeof(both), "selftest_filter=%0*d bench_filter=%0*d",
		 BOOTARG_VALUE_MAX - 1, 1, BOOTARG_VALUE_MAX - 1, 2);
	assert_int_equal(early(both), 0);
	assert_int_equal(strlen(selftest_filter), BOOTARG_VALUE_MAX - 1);
	assert_int_equal(strlen(bench_filter), BOOTARG_VALUE_MAX - 1);
	assert_int_equal(selftest_filter[BOOTARG_VALUE_MAX - 2], '1');
	assert_int_equal(bench_filter[BOOTARG_VALUE_MAX - 2], '2');
	assert_int_equal(early("boot_hart=0x10"), 0);
	assert_int_equal(boot_hart_id, 16);
	assert_false(boot_hart_next);
	/* boot_hart=next: the hart after OpenSBI's pick (main.c); a number given later wins. */
	assert_int_equal(early("boot_hart=next"), 0);
	assert_true(boot_hart_given);
	assert_true(boot_hart_next);
	assert_int_equal(early("boot_hart=2"), 0);
	assert_false(boot_hart_next);
	assert_int_equal(boot_hart_id, 2);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		said[0] = '\0';
		host_printk_sink = say;
		assert_int_equal(check(bad[i].args), 1);
		host_printk_sink = NULL;
		if (!strstr(said, bad[i].msg))
			fail_msg("\"%s\": said \"%s\", want \"%s\"", bad[i].args, said, bad[i].msg);
		kernel_params_set(false, 7, "keep", false);
		assert_int_equal(early(bad[i].args), 1);
		assert_false(boot_hart_given);
		assert_false(boot_hart_next);
		assert_int_equal(boot_hart_id, 7);
		assert_string_equal(selftest_filter, "keep");
		assert_string_equal(bench_filter, "keep");
		assert_false(inject_failure);
	}
	kernel_params_set(false, 0, NULL, false);
}

static void test_kstrtobool(void **state)
{
	static const char *const bad[] = { "", "2", "yes", "no", "ON", "Y", "1 ", "of", "o" };
	bool b = false;

	assert_int_equal(kstrtobool("1", &b), 0);
	assert_true(b);
	assert_int_equal(kstrtobool("off", &b), 0);
	assert_false(b);
	assert_int_equal(kstrtobool("on", &b), 0);
	assert_true(b);
	assert_int_equal(kstrtobool("n", &b), 0);
	assert_false(b);
	assert_int_equal(kstrtobool("y", &b), 0);
	assert_true(b);
	assert_int_equal(kstrtobool("0", &b), 0);
	assert_false(b);
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		b = true;
		if (kstrtobool(bad[i], &b) != KSTRTOX_EINVAL || !b)
			fail_msg("kstrtobool(\"%s\") accepted or changed the result", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_values),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_kstrtou64_boundaries),
		cmocka_unit_test(test_bootargs_check_good),
		cmocka_unit_test(test_bootargs_check_bad),
		cmocka_unit_test(test_bootargs_too_long),
		cmocka_unit_test(test_early_params),
		cmocka_unit_test(test_kernel_params),
		cmocka_unit_test(test_kstrtobool),
	};

	return cmocka_run_group_tests_name("bootargs", tests, NULL, NULL);
}
