// SPDX-License-Identifier: BSD-2-Clause
/* FDT reader and boot_info: expected values come from tests/host/data/test.dts. */
#include <unistd.h>
#include "test_common.h"
#include <pagoda/boot.h>
#include <pagoda/fdt.h>

static unsigned char *blob;
static size_t blob_len;

static int setup(void **state)
{
	const char *path = getenv("TEST_DTB");

	blob = slurp(path ? path : "build/host/test.dtb", &blob_len);
	return 0;
}

static int teardown(void **state)
{
	free(blob);
	return 0;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t get32(const unsigned char *p)
{
	return fdt32_ld(p);
}

static void test_valid_blob_parses(void **state)
{
	struct boot_info bi;

	assert_int_equal(fdt_check(blob, blob_len), FDT_OK);
	assert_int_equal(boot_info_parse(&bi, blob, blob_len), FDT_OK);
	assert_string_equal(bi.model, "pagoda,test-board");
	assert_string_equal(bi.bootargs, "selftest movablecore=64M kernelcore=1G verbose");
	assert_int_equal(bi.timebase_hz, 10000000);
	/* cpu@1 is disabled. */
	assert_int_equal(bi.nr_harts, 2);
	assert_int_equal(bi.hartids[0], 0);
	assert_int_equal(bi.hartids[1], 5);
	assert_int_equal(bi.cbom_block_size, 0);	/* no riscv,isa: no Zicbom/Zicboz */
	assert_int_equal(bi.cboz_block_size, 0);
	assert_int_equal(bi.nr_mem, 3);
	assert_int_equal(bi.mem[0].base, 0x80000000);
	assert_int_equal(bi.mem[0].size, 0x4000000);
	assert_int_equal(bi.mem[0].nid, 0);
	assert_int_equal(bi.mem[1].base, 0x88000000);
	assert_int_equal(bi.mem[1].size, 0x100000);
	assert_int_equal(bi.mem[2].base, 0x100000000ULL);
	assert_int_equal(bi.mem[2].size, 0x8000000);
	assert_int_equal(bi.mem[2].nid, 1);
	assert_int_equal(bi.nr_nodes, 2);
	/* /memreserve/ first, then /reserved-memory; the size-only "dyn" node has no reg. */
	assert_int_equal(bi.nr_reserved, 2);
	assert_int_equal(bi.reserved[0].base, 0x90000000);
	assert_int_equal(bi.reserved[0].size, 0x10000);
	assert_int_equal(bi.reserved[1].base, 0x80000000);
	assert_int_equal(bi.reserved[1].size, 0x40000);
	assert_int_equal(bi.reserved_mmode, 1U << 1);	/* mmode_resv0@80000000 only */
	assert_int_equal(bi.numa_distance[0][1], 25);
	assert_int_equal(bi.numa_distance[1][1], 10);
	assert_int_equal(bi.numa_distance[2][3], 20);	/* default remote */
}

static void test_lookup_by_path_and_compatible(void **state)
{
	u64 base, size;
	u32 irq;
	int node, count = 0;

	node = fdt_path_offset(blob, "/soc/serial@10000000");
	assert_true(node >= 0);
	assert_int_equal(fdt_path_offset(blob, "/soc/serial"), node);
	assert_string_equal(fdt_node_name(blob, node), "serial@10000000");
	assert_int_equal(fdt_path_offset(blob, "/soc/nothing"), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_path_offset(blob, "/cpus/cpu@7"), FDT_ERR_NOTFOUND);
	assert_true(fdt_path_offset(blob, "/cpus/cpu-map/cluster0/core0") >= 0);

	node = fdt_node_offset_by_compatible(blob, -1, "sifive,test0");
	assert_true(node >= 0);
	assert_string_equal(fdt_node_name(blob, node), "test@100000");
	assert_int_equal(fdt_reg(blob, node, 0, &base, &size), FDT_OK);
	assert_int_equal(base, 0x100000);
	assert_int_equal(size, 0x1000);
	assert_int_equal(fdt_reg(blob, node, 1, &base, &size), FDT_ERR_NOTFOUND);

	node = fdt_node_offset_by_compatible(blob, -1, "pagoda,pgaccel");
	assert_true(node >= 0);
	assert_int_equal(fdt_read_u32(blob, node, "interrupts", &irq), FDT_OK);
	assert_int_equal(irq, 11);
	assert_int_equal(fdt_node_offset_by_compatible(blob, -1, "pagoda,nope"), FDT_ERR_NOTFOUND);
	/* "syscon" is the last string of a list; "sifive" alone is only a prefix and must not match. */
	assert_true(fdt_node_offset_by_compatible(blob, -1, "syscon") >= 0);
	assert_int_equal(fdt_node_offset_by_compatible(blob, -1, "sifive"), FDT_ERR_NOTFOUND);

	for (node = fdt_node_offset_by_compatible(blob, -1, "riscv"); node >= 0;
	     node = fdt_node_offset_by_compatible(blob, node, "riscv"))
		count++;
	assert_int_equal(count, 3);
}

static void test_phandles_and_irq_contexts(void **state)
{
	int plic = fdt_node_offset_by_compatible(blob, -1, "riscv,plic0");
	int broken = fdt_node_offset_by_compatible(blob, -1, "pagoda,broken-intc");
	int intc0 = fdt_path_offset(blob, "/cpus/cpu@0/interrupt-controller");
	u32 ph;

	assert_true(plic >= 0 && broken >= 0 && intc0 >= 0);
	assert_int_equal(fdt_read_u32(blob, intc0, "phandle", &ph), FDT_OK);
	assert_int_equal(fdt_node_offset_by_phandle(blob, ph), intc0);
	assert_int_equal(fdt_node_offset_by_phandle(blob, 0x77), FDT_ERR_NOTFOUND);
	assert_int_equal(fdt_node_offset_by_phandle(blob, 0), FDT_ERR_BADVALUE);
	assert_int_equal(fdt_node_offset_by_phandle(blob, 0xffffffff), FDT_ERR_BADVALUE);

	assert_int_equal(fdt_irq_context(blob, plic, 0, 11), 0);
	assert_int_equal(fdt_irq_context(blob, plic, 0, 9), 1);
	assert_int_equal(fdt_irq_context(blob, plic, 5, 11), 2);
	assert_int_equal(fdt_irq_context(blob, plic, 5, 9), 3);
	assert_int_equal(fdt_irq_context(blob, plic, 1, 9), FDT_ERR_NOTFOUND);	/* no such hart */
	assert_int_equal(fdt_irq_context(blob, plic, 0, 5), FDT_ERR_NOTFOUND);	/* no such cause */
	/* The first entry is well formed; the dangling phandle after it is an error, not a miss. */
	assert_int_equal(fdt_irq_context(blob, broken, 0, 9), 0);
	assert_int_equal(fdt_irq_context(blob, broken, 5, 9), FDT_ERR_BADVALUE);
	/* An entry longer than the whole list (its cell count wraps in 32-bit arithmetic). */
	assert_int_equal(fdt_irq_context(blob, fdt_node_offset_by_compatible(blob, -1,
							"pagoda,wraps-intc"), 0, 9), FDT_ERR_BADVALUE);
	/* A node without the property. */
	assert_int_equal(fdt_irq_context(blob, intc0, 0, 9), FDT_ERR_NOTFOUND);
}

static void test_header_errors(void **state)
{
	unsigned char *b = malloc(blob_len);

	assert_int_equal(fdt_check(NULL, 100), FDT_ERR_NULL);
	memcpy(b, blob, blob_len);
	put32(b, 0xdeadbeef);
	assert_int_equal(fdt_check(b, blob_len), FDT_ERR_MAGIC);
	memcpy(b, blob, blob_len);
	put32(b + 20, 16);	/* version */
	assert_int_equal(fdt_check(b, blob_len), FDT_ERR_VERSION);
	memcpy(b, blob, blob_len);
	put32(b + 4, (uint32_t)blob_len + 1);	/* totalsize beyond the buffer */
	assert_int_equal(fdt_check(b, blob_len), FDT_ERR_TRUNCATED);
	memcpy(b, blob, blob_len);
	put32(b + 8, 0xfffffff0);	/* struct block offset */
	assert_int_equal(fdt_check(b, blob_len), FDT_ERR_TRUNCATED);
	free(b);
}

static void test_struct_errors(void **state)
{
	unsigned char *b = malloc(blob_len);
	uint32_t off_struct = get32(blob + 8), size_struct = get32(blob + 36);
	uint32_t end_tok = off_struct + size_struct - 4;

	/* The last token is FDT_END; a NOP there leaves the walk running off the block. */
	assert_int_equal(get32(blob + end_tok), 9);
	memcpy(b, blob, blob_len);
	put32(b + end_tok, 4);
	assert_true(fdt_check(b, blob_len) < 0);
	/* An unknown token. */
	memcpy(b, blob, blob_len);
	put32(b + end_tok, 0x77);
	assert_int_equal(fdt_check(b, blob_len), FDT_ERR_BADSTRUCT);
	/* First property of the root: its name offset past the strings block. */
	memcpy(b, blob, blob_len);
	{
		uint32_t p = off_struct + 8;	/* BEGIN_NODE + empty root name (padded) */

		assert_int_equal(get32(b + p), 3);
		put32(b + p + 8, get32(blob + 32) + 100);
		assert_int_equal(fdt_check(b, blob_len), FDT_ERR_BADSTRUCT);
		/* ...and a property length past the block. */
		memcpy(b, blob, blob_len);
		put32(b + p + 4, 0x7ffffff0);
		assert_int_equal(fdt_check(b, blob_len), FDT_ERR_TRUNCATED);
	}
	free(b);
}

/* Every prefix of the blob, in a buffer of exactly that size (ASan catches any read past it). */
static void test_every_truncation_rejected(void **state)
{
	struct boot_info bi;

	host_printk_enabled = 0;
	for (size_t len = 0; len < blob_len; len++) {
		unsigned char *b = malloc(len ? len : 1);

		memcpy(b, blob, len);
		assert_true(fdt_check(b, len) < 0);
		assert_true(boot_info_parse(&bi, b, len) < 0);
		/* Same prefix with the header claiming it is complete: the walk must hit the end. */
		if (len >= 40) {
			uint32_t off_struct = get32(b + 8), off_strings = get32(b + 12);

			put32(b + 4, (uint32_t)len);
			if (off_struct < len && get32(b + 36) > len - off_struct)
				put32(b + 36, (uint32_t)(len - off_struct));
			if (off_strings <= len && get32(b + 32) > len - off_strings)
				put32(b + 32, (uint32_t)(len - off_strings));
			if (len < off_strings + get32(blob + 32))
				assert_true(fdt_check(b, len) < 0);
		}
		free(b);
	}
	host_printk_enabled = 1;
}

/* Random byte corruption: any result is allowed except a crash or an out-of-bounds read; most
 * corruptions of the header and structure must be detected. */
static void test_random_corruption(void **state)
{
	struct boot_info bi;
	unsigned int seed = 12345, rejected = 0, iters = 20000;
	unsigned char *b = malloc(blob_len);

	host_printk_enabled = 0;
	for (unsigned int i = 0; i < iters; i++) {
		memcpy(b, blob, blob_len);
		for (int k = 0, n = 1 + rand_r(&seed) % 4; k < n; k++) {
			/* Aim at the header and the structure block, where it matters. */
			size_t lim = get32(blob + 8) + get32(blob + 36);

			b[(size_t)rand_r(&seed) % lim] ^= (unsigned char)(1 + rand_r(&seed) % 255);
		}
		if (fdt_check(b, blob_len) < 0 || boot_info_parse(&bi, b, blob_len) < 0) {
			rejected++;
			continue;
		}
		/* Accepted: the accessors must stay inside the blob. */
		for (int node = fdt_node_offset_by_compatible(b, -1, "ns16550a"); node >= 0;
		     node = fdt_node_offset_by_compatible(b, node, "ns16550a")) {
			u64 base, size;

			fdt_reg(b, node, 0, &base, &size);
			fdt_parent_offset(b, node);
		}
		fdt_path_offset(b, "/soc/test@100000");
	}
	host_printk_enabled = 1;
	free(b);
	print_message("random corruption: %u of %u rejected\n", rejected, iters);
	assert_true(rejected > iters / 4);
}

static void test_bad_property_values(void **state)
{
	struct boot_info bi;
	size_t len;
	unsigned char *b;

	host_printk_enabled = 0;
	/* A memory reg that is not a whole number of (address, size) entries. */
	b = dts_compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
			"cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1000>;"
			"cpu@0 { device_type = \"cpu\"; reg = <0>; }; };"
			"memory@0 { device_type = \"memory\"; reg = <0 0x80000000 0>; }; };", &len);
	assert_int_equal(boot_info_parse(&bi, b, len), FDT_ERR_BADVALUE);
	free(b);
	/* No memory at all. */
	b = dts_compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
			"cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1000>;"
			"cpu@0 { device_type = \"cpu\"; reg = <0>; }; }; };", &len);
	assert_int_equal(boot_info_parse(&bi, b, len), FDT_ERR_NOTFOUND);
	free(b);
	/* timebase-frequency of the wrong size. */
	b = dts_compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
			"cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = [01 02];"
			"cpu@0 { device_type = \"cpu\"; reg = <0>; }; };"
			"memory@0 { device_type = \"memory\"; reg = <0 0x80000000 0 0x100000>; }; };", &len);
	assert_int_equal(boot_info_parse(&bi, b, len), FDT_ERR_BADVALUE);
	free(b);
	/* A 64-bit timebase and a 1-cell address space are fine. */
	b = dts_compile("/dts-v1/; / { #address-cells = <1>; #size-cells = <1>;"
			"cpus { #address-cells = <1>; #size-cells = <0>;"
			"timebase-frequency = /bits/ 64 <0x100000000>;"
			"cpu@3 { device_type = \"cpu\"; reg = <3>; }; };"
			"memory@80000000 { device_type = \"memory\"; reg = <0x80000000 0x200000>; }; };",
			&len);
	assert_int_equal(boot_info_parse(&bi, b, len), FDT_OK);
	assert_int_equal(bi.timebase_hz, 0x100000000ULL);
	assert_int_equal(bi.hartids[0], 3);
	assert_int_equal(bi.mem[0].base, 0x80000000);
	assert_int_equal(bi.mem[0].size, 0x200000);
	free(b);
	host_printk_enabled = 1;
}

/* Parse a tree of one hart per cpu node body given (two at most; NULL: no second hart), which
 * must never be a reason to stop the boot. */
static struct boot_info parse_cpus_tree(const char *cpu0, const char *cpu1)
{
	struct boot_info bi;
	char dts[1024], second[256] = "";
	unsigned char *b;
	size_t len;

	if (cpu1)
		snprintf(second, sizeof(second), "cpu@1 { device_type = \"cpu\"; reg = <1>; %s };",
			 cpu1);
	snprintf(dts, sizeof(dts),
		 "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
		 "cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1000>;"
		 "cpu@0 { device_type = \"cpu\"; reg = <0>; %s }; %s };"
		 "memory@0 { device_type = \"memory\"; reg = <0 0x80000000 0 0x100000>; }; };",
		 cpu0, second);
	b = dts_compile(dts, &len);
	assert_int_equal(boot_info_parse(&bi, b, len), FDT_OK);
	free(b);
	return bi;
}

/* A two-hart tree with the given cpu node bodies; *m, *z get the block sizes. */
static void cbo_sizes(const char *cpu0, const char *cpu1, unsigned int *m, unsigned int *z)
{
	struct boot_info bi = parse_cpus_tree(cpu0, cpu1);

	*m = bi.cbom_block_size;
	*z = bi.cboz_block_size;
}

/* A one-hart tree whose cpu node has `props`; *ic, *dc get the L1 caches it describes. */
static void cache_props(const char *props, struct cache_geometry *ic, struct cache_geometry *dc)
{
	struct boot_info bi = parse_cpus_tree(props, NULL);

	*ic = bi.icache;
	*dc = bi.dcache;
}

/* Whether every hart is Pagoda's core, which fills no line speculatively: only then may the
 * non-coherent DMA skip its invalidate after the device wrote. */
static void test_cpus_no_spec_fill(void **state)
{
	(void)state;
	host_printk_enabled = 0;
	assert_true(parse_cpus_tree("compatible = \"pagoda,rv64imac\", \"riscv\";", NULL)
			    .cpus_no_spec_fill);
	assert_true(parse_cpus_tree("compatible = \"pagoda,rv64imac\", \"riscv\";",
				    "compatible = \"pagoda,rv64imac\", \"riscv\";")
			    .cpus_no_spec_fill);
	/* another core, none named, the name only as a prefix, one hart of two: not known */
	assert_false(parse_cpus_tree("compatible = \"riscv\";", NULL).cpus_no_spec_fill);
	assert_false(parse_cpus_tree("", NULL).cpus_no_spec_fill);
	assert_false(parse_cpus_tree("compatible = \"pagoda,rv64imacx\", \"riscv\";", NULL)
			     .cpus_no_spec_fill);
	assert_false(parse_cpus_tree("compatible = \"pagoda,rv64imac\", \"riscv\";",
				     "compatible = \"sifive,u54\", \"riscv\";")
			     .cpus_no_spec_fill);
	/* a disabled hart does not count */
	assert_true(parse_cpus_tree("compatible = \"pagoda,rv64imac\", \"riscv\";",
				    "compatible = \"riscv\"; status = \"disabled\";")
			    .cpus_no_spec_fill);
	host_printk_enabled = 1;
}

#define ICACHE16K "i-cache-size = <16384>; i-cache-sets = <256>; i-cache-block-size = <64>;"

/* The cpu node's i-/d-cache-size, -sets, -block-size: all three good powers of two with at
 * least one way, or the cache is not described (and the boot goes on). */
static void test_cache_geometry(void **state)
{
	struct cache_geometry ic, dc;

	host_printk_enabled = 0;
	cache_props(ICACHE16K "d-cache-size = <4096>; d-cache-sets = <32>; d-cache-block-size = <64>;",
		    &ic, &dc);
	assert_int_equal(ic.size, 16384);
	assert_int_equal(ic.sets, 256);
	assert_int_equal(ic.block, 64);
	assert_int_equal(dc.size, 4096);
	assert_int_equal(dc.sets, 32);
	assert_int_equal(dc.block, 64);
	cache_props(ICACHE16K, &ic, &dc);		/* no D$ described */
	assert_int_equal(ic.size, 16384);
	assert_int_equal(dc.size, 0);
	cache_props("", &ic, &dc);			/* QEMU's cpu nodes: nothing */
	assert_int_equal(ic.size, 0);
	assert_int_equal(dc.size, 0);
	/* malformed: a missing field, not a power of two, zero, 64-bit, more sets than fit */
	cache_props("d-cache-size = <4096>; d-cache-block-size = <64>;", &ic, &dc);
	assert_int_equal(dc.size, 0);
	cache_props("d-cache-size = <4096>; d-cache-sets = <24>; d-cache-block-size = <64>;", &ic, &dc);
	assert_int_equal(dc.size, 0);
	cache_props("d-cache-size = <0>; d-cache-sets = <32>; d-cache-block-size = <64>;", &ic, &dc);
	assert_int_equal(dc.size, 0);
	cache_props("d-cache-size = /bits/ 64 <4096>; d-cache-sets = <32>; d-cache-block-size = <64>;",
		    &ic, &dc);
	assert_int_equal(dc.size, 0);
	cache_props("d-cache-size = <4096>; d-cache-sets = <128>; d-cache-block-size = <64>;", &ic, &dc);
	assert_int_equal(dc.size, 0);
	host_printk_enabled = 1;
}

#define ISA_CBO "riscv,isa = \"rv64imac_zicsr_zifencei_zicbom_zicboz\";"
#define SIZES(m, z) "riscv,cbom-block-size = <" #m ">; riscv,cboz-block-size = <" #z ">;"

/* Zicbom/Zicboz are offered only when every hart names them with the same good block size. */
static void test_cbo_block_sizes(void **state)
{
	unsigned int m, z;

	host_printk_enabled = 0;
	cbo_sizes(ISA_CBO SIZES(64, 64), ISA_CBO SIZES(64, 64), &m, &z);
	assert_int_equal(m, 64);
	assert_int_equal(z, 64);
	cbo_sizes(ISA_CBO SIZES(64, 128), ISA_CBO SIZES(64, 128), &m, &z);
	assert_int_equal(m, 64);
	assert_int_equal(z, 128);
	/* one hart without zicboz in its ISA string: Zicboz is not offered, Zicbom still is */
	cbo_sizes(ISA_CBO SIZES(64, 64),
		  "riscv,isa = \"rv64imac_zicbom\";" SIZES(64, 64), &m, &z);
	assert_int_equal(m, 64);
	assert_int_equal(z, 0);
	cbo_sizes("riscv,isa = \"rv64imac_zicbom\";" SIZES(64, 64), ISA_CBO SIZES(64, 64), &m, &z);
	assert_int_equal(z, 0);
	/* block sizes that differ between harts */
	cbo_sizes(ISA_CBO SIZES(64, 64), ISA_CBO SIZES(128, 64), &m, &z);
	assert_int_equal(m, 0);
	assert_int_equal(z, 64);
	/* not a power of two, too small, too large, wrong length, missing */
	cbo_sizes(ISA_CBO SIZES(48, 64), ISA_CBO SIZES(48, 64), &m, &z);
	assert_int_equal(m, 0);
	assert_int_equal(z, 64);
	cbo_sizes(ISA_CBO SIZES(8, 8192), ISA_CBO SIZES(8, 8192), &m, &z);
	assert_int_equal(m, 0);
	assert_int_equal(z, 0);
	cbo_sizes(ISA_CBO "riscv,cbom-block-size = /bits/ 64 <64>; riscv,cboz-block-size = <64>;",
		  ISA_CBO SIZES(64, 64), &m, &z);
	assert_int_equal(m, 0);
	assert_int_equal(z, 64);
	cbo_sizes(ISA_CBO, ISA_CBO, &m, &z);
	assert_int_equal(m, 0);
	assert_int_equal(z, 0);
	/* the sizes without the extensions in riscv,isa; names that only contain them */
	cbo_sizes(SIZES(64, 64), SIZES(64, 64), &m, &z);
	assert_int_equal(m + z, 0);
	cbo_sizes("riscv,isa = \"rv64imac_zicbomx_xzicboz\";" SIZES(64, 64),
		  "riscv,isa = \"rv64imac_zicbomx_xzicboz\";" SIZES(64, 64), &m, &z);
	assert_int_equal(m + z, 0);
	cbo_sizes("riscv,isa = \"zicbom\";" SIZES(64, 64), "riscv,isa = \"zicbom\";" SIZES(64, 64),
		  &m, &z);
	assert_int_equal(m, 0);	/* the base ISA, not an extension */
	host_printk_enabled = 1;
}

/* A one-hart tree with `extra` in /soc (the memory controller's place); its parsed dram. */
static struct dram_info dram_tree(const char *extra)
{
	struct boot_info bi;
	char dts[1536];
	unsigned char *b;
	size_t len;

	snprintf(dts, sizeof(dts),
		 "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>;"
		 "cpus { #address-cells = <1>; #size-cells = <0>; timebase-frequency = <1000>;"
		 "cpu@0 { device_type = \"cpu\"; reg = <0>; }; };"
		 "memory@80000000 { device_type = \"memory\"; reg = <0 0x80000000 0 0x10000000>; };"
		 "soc { #address-cells = <2>; #size-cells = <2>; ranges; %s }; };",
		 extra);
	b = dts_compile(dts, &len);
	assert_int_equal(boot_info_parse(&bi, b, len), FDT_OK);
	free(b);
	return bi.dram;
}

#define LITEDRAM(props) "memory-controller@12000000 { compatible = \"pagoda,litedram\";" props "};"
#define LD_REG "reg = <0 0x12000000 0 0x10000>;"

/* The memory behind the RAM range, as the banner names it: LiteDRAM's node (with its CSRs), the
 * fast model's, or none; a malformed node is left out whole, never cut, and the boot goes on. */
static void test_dram_description(void **state)
{
	struct dram_info d;

	host_printk_enabled = 0;
	d = dram_tree(LITEDRAM(LD_REG "pagoda,dram-type = \"ddr3\"; pagoda,dram-part = \"MT41K128M16\";"
			       "pagoda,port-width = <128>;"));
	assert_int_equal(d.kind, DRAM_LITEDRAM);
	assert_string_equal(d.type, "ddr3");
	assert_string_equal(d.part, "MT41K128M16");
	assert_int_equal(d.port_width, 128);
	assert_true(d.ctrl_base == 0x12000000);
	d = dram_tree("");
	assert_int_equal(d.kind, DRAM_NONE);
	/* the model: no registers; part and width optional */
	d = dram_tree("model { compatible = \"pagoda,dram-model\"; pagoda,dram-type = \"ddr3\"; };");
	assert_int_equal(d.kind, DRAM_MODEL);
	assert_string_equal(d.type, "ddr3");
	assert_string_equal(d.part, "");
	assert_int_equal(d.port_width, 0);
	/* a disabled controller is not the memory */
	d = dram_tree(LITEDRAM(LD_REG "pagoda,dram-type = \"ddr3\"; status = \"disabled\";"));
	assert_int_equal(d.kind, DRAM_NONE);
	/* malformed: no type, no reg, a part name too long to keep whole, a type that is no
	 * string, a 64-bit width */
	d = dram_tree(LITEDRAM(LD_REG));
	assert_int_equal(d.kind, DRAM_NONE);
	d = dram_tree(LITEDRAM("pagoda,dram-type = \"ddr3\";"));
	assert_int_equal(d.kind, DRAM_NONE);
	d = dram_tree(LITEDRAM(LD_REG "pagoda,dram-type = \"ddr3\";"
			       "pagoda,dram-part = \"0123456789abcdef0123456789abcdef\";"));
	assert_int_equal(d.kind, DRAM_NONE);
	assert_string_equal(d.part, "");
	d = dram_tree(LITEDRAM(LD_REG "pagoda,dram-type = <3>;"));
	assert_int_equal(d.kind, DRAM_NONE);
	d = dram_tree(LITEDRAM(LD_REG "pagoda,dram-type = \"ddr3\"; pagoda,port-width = /bits/ 64 <128>;"));
	assert_int_equal(d.kind, DRAM_NONE);
	/* the longest part name that fits (31 characters) is kept */
	d = dram_tree(LITEDRAM(LD_REG "pagoda,dram-type = \"ddr3\";"
			       "pagoda,dram-part = \"0123456789abcdef0123456789abcde\";"));
	assert_int_equal(d.kind, DRAM_LITEDRAM);
	assert_string_equal(d.part, "0123456789abcdef0123456789abcde");
	host_printk_enabled = 1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_blob_parses),
		cmocka_unit_test(test_cbo_block_sizes),
		cmocka_unit_test(test_cache_geometry),
		cmocka_unit_test(test_cpus_no_spec_fill),
		cmocka_unit_test(test_dram_description),
		cmocka_unit_test(test_lookup_by_path_and_compatible),
		cmocka_unit_test(test_phandles_and_irq_contexts),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_struct_errors),
		cmocka_unit_test(test_every_truncation_rejected),
		cmocka_unit_test(test_random_corruption),
		cmocka_unit_test(test_bad_property_values),
	};

	return cmocka_run_group_tests_name("fdt", tests, setup, teardown);
}
