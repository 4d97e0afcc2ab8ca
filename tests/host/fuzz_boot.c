// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fuzz target for the boot-time parsers: the FDT reader (kernel/fdt.c), boot_info_parse
 * (kernel/boot_info.c), the kernel command line check and lookups (kernel/params.c) and the
 * number parser both use (lib/kstrtox.c), host-built under ASan and UBSan. Byte 0 picks what the
 * rest is:
 *   0-1  a device tree blob, as is: the whole reader must answer or refuse, never read outside
 *        the blob (ASan), and boot_info must hold only what fits its tables;
 *   2-3  a kernel command line, put into a device tree this harness writes (so that its length
 *        reaches the DT path too), then parsed and checked;
 *   else a command line given straight to the check.
 * A blob or command line that starts with "#!bootargs" or "#!dtb" (the regression corpus) skips
 * the selector byte. Oracles, written apart from the code under test:
 *   - bootargs_check() accepts a line only if every word is a known parameter with a value of the
 *     form it documents, one mode at most, no byte outside printable ASCII and no value longer
 *     than BOOTARG_VALUE_MAX - 1; after acceptance every key=value reads back whole through
 *     bootarg_value() and every flag through bootarg_present();
 *   - a command line longer than BOOTARGS_MAX - 1 is never cut: boot_info keeps none of it and
 *     the check refuses it;
 *   - kstrtou64 and kstrtosize agree with a 128-bit reference on every word: the same value, or
 *     an error exactly when the text is not a number or does not fit in 64 bits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/kstrtox.h>

extern int host_printk_enabled;

static void fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_boot: %s: \"%.160s\"%s (%zu characters)\n", what, detail,
		strlen(detail) > 160 ? "..." : "", strlen(detail));
	abort();
}

/* ---------------------------------------------------------------- numbers, by a reference */

/* 0 ok, 1 not a number, 2 too big. Decimal, or hex after 0x/0X; optional K/M/G if size. */
static int ref_parse(const char *s, size_t len, bool size, unsigned long long *out)
{
	unsigned __int128 v = 0;
	unsigned int base = 10, shift = 0;
	bool big = false;

	if (size && len && strchr("kKmMgG", s[len - 1])) {
		shift = strchr("kK", s[len - 1]) ? 10 : strchr("mM", s[len - 1]) ? 20 : 30;
		len--;
	}
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
	}
	if (!len)
		return 1;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return 1;
		v = v * base + d;
		if (v >> 64)
			big = true, v = (unsigned __int128)1 << 64;
	}
	v <<= shift;
	if (big || (v >> 64))
		return 2;
	*out = (unsigned long long)v;
	return 0;
}

static void check_numbers(const char *w)
{
	unsigned long long want = 0;
	u64 got = 0;
	int r = ref_parse(w, strlen(w), false, &want), e = kstrtou64(w, &got);

	if ((r == 0) != (e == 0) || (r == 0 && got != want) || (r == 1 && e != KSTRTOX_EINVAL) ||
	    (r == 2 && e != KSTRTOX_ERANGE))
		fail("kstrtou64 disagrees with the reference", w);
	r = ref_parse(w, strlen(w), true, &want);
	e = kstrtosize(w, &got);
	if ((r == 0) != (e == 0) || (r == 0 && got != want) || (r == 1 && e != KSTRTOX_EINVAL) ||
	    (r == 2 && e != KSTRTOX_ERANGE))
		fail("kstrtosize disagrees with the reference", w);
}

/* ---------------------------------------------------------------- the command line, by a reference */
/* Every parameter of boot_params[] (firmware/kernel/params.c), written again from its rules; the
 * corpus seed every-param names each (add one there, add it here and to the seed). */

enum form { F_FLAG, F_MODE, F_U64, F_HART, F_SIZE, F_SIZE_PCT, F_BOOL, F_STRING, F_PGACCEL, F_01,
	    F_SATP };

static const struct {
	const char *name;
	enum form form;
} known[] = {
	{ "demo", F_MODE }, { "selftest", F_MODE }, { "shell", F_MODE }, { "bench", F_MODE },
	{ "selftest_filter", F_STRING }, { "bench_filter", F_STRING }, { "workload_secs", F_U64 },
	{ "inject_failure", F_FLAG }, { "boot_hart", F_HART }, { "smp_stale_entry", F_FLAG },
	{ "smp_late_hart", F_FLAG },
	{ "dma", F_SIZE }, { "highmem", F_SIZE }, { "movablecore", F_SIZE_PCT },
	{ "kernelcore", F_SIZE_PCT }, { "cma", F_SIZE }, { "min_free_kbytes", F_SIZE },
	{ "page_poison", F_BOOL }, { "page_owner", F_BOOL }, { "trace_mm", F_BOOL },
	{ "mm_debug", F_BOOL }, { "slub_debug", F_BOOL }, { "pgaccel", F_PGACCEL },
	{ "pgaccel_prezero", F_01 }, { "satp_mode", F_SATP },
};

static bool value_ok(enum form f, const char *v)
{
	unsigned long long x;
	size_t n = v ? strlen(v) : 0;

	switch (f) {
	case F_FLAG:
	case F_MODE:
		return !v;
	case F_U64:
		return v && !ref_parse(v, n, false, &x);
	case F_HART:
		return v && (!strcmp(v, "next") || !ref_parse(v, n, false, &x));
	case F_SIZE:
		return v && !ref_parse(v, n, true, &x);
	case F_SIZE_PCT:
		if (v && n && v[n - 1] == '%')
			return !ref_parse(v, n - 1, false, &x) && x <= 100;
		return v && !ref_parse(v, n, true, &x);
	case F_BOOL:
		return !v || !strcmp(v, "") || !strcmp(v, "1") || !strcmp(v, "on") || !strcmp(v, "y") ||
		       !strcmp(v, "0") || !strcmp(v, "off") || !strcmp(v, "n");
	case F_STRING:
		return v && *v;
	case F_PGACCEL:
		return v && (!strcmp(v, "auto") || !strcmp(v, "hw") || !strcmp(v, "sw"));
	case F_01:
		return v && (!strcmp(v, "0") || !strcmp(v, "1"));
	case F_SATP:
		return v && (!strcmp(v, "bare") || !strcmp(v, "sv39"));
	}
	return false;
}

/* Whether the check must accept the line, and the mode it must report. */
static bool ref_accept(const char *args, const char **mode)
{
	char *copy = strdup(args), *save = NULL;
	bool ok = true;

	*mode = NULL;
	for (char *w = strtok_r(copy, " \t\n\r", &save); w && ok; w = strtok_r(NULL, " \t\n\r", &save)) {
		char *eq = strchr(w, '=');
		const char *v = eq ? eq + 1 : NULL;
		size_t klen = eq ? (size_t)(eq - w) : strlen(w);
		unsigned int i;

		for (const char *p = w; *p; p++)
			if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
				ok = false;
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strlen(known[i].name) == klen && !strncmp(known[i].name, w, klen))
				break;
		if (!ok || i == sizeof(known) / sizeof(known[0]) || !value_ok(known[i].form, v) ||
		    (v && strlen(v) >= BOOTARG_VALUE_MAX)) {
			ok = false;
			break;
		}
		if (known[i].form == F_MODE) {
			if (*mode && strcmp(*mode, known[i].name))
				ok = false;
			*mode = known[i].name;
		}
	}
	/* The same key twice with different words. */
	if (ok) {
		char *a = strdup(args), *sa = NULL;
		char *list[BOOTARGS_MAX];
		int n = 0;

		for (char *w = strtok_r(a, " \t\n\r", &sa); w; w = strtok_r(NULL, " \t\n\r", &sa))
			list[n++] = w;
		for (int i = 0; i < n && ok; i++)
			for (int j = 0; j < i && ok; j++) {
				size_t ki = strcspn(list[i], "="), kj = strcspn(list[j], "=");

				if (ki == kj && !strncmp(list[i], list[j], ki) && strcmp(list[i], list[j]))
					ok = false;
			}
		free(a);
	}
	free(copy);
	return ok;
}

static void check_command_line(const struct boot_info *bi)
{
	const char *mode = NULL, *want_mode = NULL;
	int problems = bootargs_check(bi, &mode);
	bool accept;

	if (bi->bootargs_len >= BOOTARGS_MAX) {
		if (bi->bootargs[0])
			fail("a command line too long to keep was kept in part", bi->bootargs);
		if (!problems)
			fail("a command line too long to keep was accepted", "");
		return;
	}
	if (strlen(bi->bootargs) != bi->bootargs_len)
		fail("bootargs_len is not the length kept", bi->bootargs);
	accept = ref_accept(bi->bootargs, &want_mode);
	if (accept != (problems == 0))
		fail(accept ? "a good command line was refused" : "a bad command line was accepted",
		     bi->bootargs);
	if (!accept)
		return;
	if ((mode == NULL) != (want_mode == NULL) || (mode && strcmp(mode, want_mode)))
		fail("the wrong mode", bi->bootargs);
	/* Everything accepted reads back whole. */
	{
		char *copy = strdup(bi->bootargs), *save = NULL;

		for (char *w = strtok_r(copy, " \t\n\r", &save); w; w = strtok_r(NULL, " \t\n\r", &save)) {
			char *eq = strchr(w, '=');
			const char *got;

			check_numbers(eq ? eq + 1 : w);
			if (!eq) {
				if (!bootarg_present(w))
					fail("an accepted flag is not present", w);
				continue;
			}
			*eq = '\0';
			got = bootarg_value(w);
			if (!got || strcmp(got, eq + 1))
				fail("an accepted value does not read back whole", w);
		}
		free(copy);
	}
}

/* ---------------------------------------------------------------- device trees */

static void walk(const void *fdt, int node, int depth)
{
	static const char *const props[] = {
		"compatible", "reg", "status", "phandle", "interrupts-extended", "#address-cells",
		"#size-cells", "#interrupt-cells", "numa-node-id", "bootargs", "riscv,ndev",
	};
	u64 base, size;
	u32 v;
	int len;

	if (depth > 64)
		fail("the walk went deeper than fdt_check allows", "");
	fdt_node_name(fdt, node);
	for (unsigned int i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
		const u8 *p = fdt_getprop(fdt, node, props[i], &len);

		if (p && len > 0) {
			volatile u8 sink = p[len - 1];	/* ASan: the value lies inside the blob */
			(void)sink;
		}
		fdt_read_u32(fdt, node, props[i], &v);
	}
	for (int i = 0; i < 3; i++)
		fdt_reg(fdt, node, i, &base, &size);
	for (u64 hart = 0; hart < 3; hart++)
		fdt_irq_context(fdt, node, hart, 9);
	fdt_parent_offset(fdt, node);
	fdt_node_check_compatible(fdt, node, "riscv,plic0");
	for (int c = fdt_first_child(fdt, node); c >= 0; c = fdt_next_sibling(fdt, c))
		walk(fdt, c, depth + 1);
}

static struct boot_info bi;

/* Returns boot_info_parse's result; bi holds what it parsed. */
static int check_blob(const u8 *data, size_t size)
{
	/* A copy of exactly `size` bytes: ASan sees any read past the end. */
	u8 *blob = malloc(size ? size : 1);
	int err, node;

	memcpy(blob, data, size);
	err = boot_info_parse(&bi, blob, size);
	if (fdt_check(blob, size) == FDT_OK) {
		walk(blob, fdt_path_offset(blob, "/"), 0);
		for (node = fdt_node_offset_by_compatible(blob, -1, "riscv,plic0"); node >= 0;
		     node = fdt_node_offset_by_compatible(blob, node, "riscv,plic0"))
			;
		fdt_path_offset(blob, "/cpus/cpu@0/interrupt-controller");
		fdt_path_offset(blob, "/soc//serial@10000000");
	}
	if (!err) {
		if (bi.nr_harts > MAX_HARTS || bi.nr_mem > MAX_MEM_RANGES || bi.nr_reserved > MAX_RESERVED)
			fail("boot_info holds more than its tables", "");
		for (unsigned int i = 0; i < bi.nr_mem; i++)
			if (bi.mem[i].base + bi.mem[i].size < bi.mem[i].base)
				fail("a memory range wraps", "");
		boot_info = bi;
		check_command_line(&bi);
	}
	free(blob);
	return err;
}

/* A minimal blob around a command line: /chosen/bootargs, one cpu, one memory node. */
static size_t make_dtb(u8 *out, size_t max, const char *args, size_t alen)
{
	static const char strings[] = "bootargs\0timebase-frequency\0device_type\0reg\0"
				      "#address-cells\0#size-cells\0";
	enum { S_BOOTARGS = 0, S_TB = 9, S_DT = 28, S_REG = 40, S_AC = 44, S_SC = 59 };
	size_t off = 40 + 16, p;

#define PUT32(v) do { u32 v_ = (v); out[off] = v_ >> 24; out[off + 1] = v_ >> 16; \
		      out[off + 2] = v_ >> 8; out[off + 3] = v_; off += 4; } while (0)
#define NODE(name) do { PUT32(1); memcpy(out + off, name, sizeof(name)); off += sizeof(name); \
			while (off & 3) out[off++] = 0; } while (0)
#define PROP(nameoff, data, len) do { PUT32(3); PUT32(len); PUT32(nameoff); \
			memcpy(out + off, data, len); off += len; while (off & 3) out[off++] = 0; } while (0)
	if (max < alen + 1024)
		return 0;
	memset(out, 0, alen + 1024);
	NODE("");
	PROP(S_AC, "\0\0\0\2", 4);
	PROP(S_SC, "\0\0\0\2", 4);
	NODE("chosen");
	PROP(S_BOOTARGS, args, alen);
	PUT32(2);
	NODE("cpus");
	PROP(S_AC, "\0\0\0\1", 4);
	PROP(S_SC, "\0\0\0\0", 4);
	PROP(S_TB, "\0\x98\x96\x80", 4);
	NODE("cpu@0");
	PROP(S_DT, "cpu", 4);
	PROP(S_REG, "\0\0\0\0", 4);
	PUT32(2);
	PUT32(2);
	NODE("memory@80000000");
	PROP(S_DT, "memory", 7);
	PROP(S_REG, "\0\0\0\0\x80\0\0\0\0\0\0\0\x08\0\0\0", 16);
	PUT32(2);
	PUT32(2);
	PUT32(9);
	p = off;
	memcpy(out + off, strings, sizeof(strings));
	off += sizeof(strings);
	off = 0;
	PUT32(FDT_MAGIC);
	PUT32((u32)(p + sizeof(strings)));	/* totalsize */
	PUT32(56);				/* off_dt_struct */
	PUT32((u32)p);				/* off_dt_strings */
	PUT32(40);				/* off_mem_rsvmap */
	PUT32(17);
	PUT32(16);
	PUT32(0);
	PUT32((u32)sizeof(strings));
	PUT32((u32)(p - 56));
	return p + sizeof(strings);
#undef PUT32
#undef NODE
#undef PROP
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 dtb[8192];
	char args[4096];
	unsigned int kind;
	size_t n;

	host_printk_enabled = 0;
	if (size >= 10 && !memcmp(data, "#!bootargs", 10)) {
		kind = 2;
		data += 10;
		size -= 10;
		if (size && data[0] == '\n')
			data++, size--;
		while (size && data[size - 1] == '\n')
			size--;
	} else if (size >= 5 && !memcmp(data, "#!dtb", 5)) {
		kind = 0;
		data += 5;
		size -= 5;
	} else {
		if (!size)
			return 0;
		kind = data[0] % 6;
		data++;
		size--;
	}
	if (kind < 2) {
		check_blob(data, size);
		return 0;
	}
	n = size < sizeof(args) - 1 ? size : sizeof(args) - 1;
	memcpy(args, data, n);
	args[n] = '\0';
	if (kind < 4) {
		/* The property ends at its first NUL, as a DT string does. */
		size_t len = make_dtb(dtb, sizeof(dtb), args, strlen(args) + 1);

		if (!len)
			return 0;
		if (check_blob(dtb, len))
			fail("the harness's own device tree was refused", args);
		/* The property whole, or nothing of it: never a cut command line. */
		if (bi.bootargs_len != strlen(args))
			fail("bootargs_len is not the property's length", args);
		if (strlen(args) < BOOTARGS_MAX ? strcmp(bi.bootargs, args) != 0 : bi.bootargs[0] != 0)
			fail("the command line kept is not the property", args);
		return 0;
	}
	memset(&boot_info, 0, sizeof(boot_info));
	n = strlen(args);
	if (n >= BOOTARGS_MAX)
		n = BOOTARGS_MAX - 1;
	memcpy(boot_info.bootargs, args, n);
	boot_info.bootargs[n] = '\0';
	boot_info.bootargs_len = (u32)n;
	check_command_line(&boot_info);
	for (char *w = strtok(args, " \t\r\n"); w; w = strtok(NULL, " \t\r\n"))
		check_numbers(w);
	return 0;
}
