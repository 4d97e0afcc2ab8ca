// SPDX-License-Identifier: BSD-2-Clause
/*
 * Digest the device tree into struct boot_info: model, bootargs, harts, timebase, memory ranges
 * with their NUMA node, reserved ranges and node distances. Portable: the host tests feed it blobs
 * made by dtc, truncated and corrupted.
 */
#include <pagoda/boot.h>
#include <pagoda/compiler.h>
#include <pagoda/fdt.h>
#include <pagoda/kstrtox.h>
#include <pagoda/printk.h>
#include <pagoda/string.h>

struct boot_info boot_info;

static void copy_string_prop(const void *fdt, int node, const char *name, char *dst, size_t size)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	dst[0] = '\0';
	if (!p || len <= 0)
		return;
	len = (int)strnlen(p, (size_t)len);
	if ((size_t)len >= size)
		len = (int)size - 1;
	memcpy(dst, p, (size_t)len);
	dst[len] = '\0';
}

/* A command line that does not fit is kept out whole (bootargs_check reports it), never cut. */
static void copy_bootargs(struct boot_info *bi, const void *fdt, int chosen)
{
	int len;
	const char *p = fdt_getprop(fdt, chosen, "bootargs", &len);
	size_t n;

	bi->bootargs[0] = '\0';
	bi->bootargs_len = 0;
	if (!p || len <= 0)
		return;
	n = strnlen(p, (size_t)len);
	bi->bootargs_len = (u32)n;
	if (n >= sizeof(bi->bootargs))
		return;
	memcpy(bi->bootargs, p, n);
	bi->bootargs[n] = '\0';
}

static bool prop_is(const void *fdt, int node, const char *name, const char *value)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	return p && len > 0 && (size_t)len == strlen(value) + 1 && !memcmp(p, value, (size_t)len);
}

static bool node_disabled(const void *fdt, int node)
{
	int len;
	const char *p = fdt_getprop(fdt, node, "status", &len);

	return p && len >= 4 && memcmp(p, "okay", 4) && memcmp(p, "ok", 3);
}

/* Does the riscv,isa string name multi-letter extension ext ("rv64imac_zicsr_zicbom": after an
 * underscore, up to the next one or the end)? */
static bool isa_has_ext(const char *isa, int len, const char *ext)
{
	size_t n = strlen(ext);
	int i = 0;

	while (i < len && isa[i]) {
		int j = i;

		while (j < len && isa[j] && isa[j] != '_')
			j++;
		if (i > 0 && (size_t)(j - i) == n && !memcmp(isa + i, ext, n))
			return true;
		i = j + 1;
	}
	return false;
}

/*
 * One hart's block size for ext (0 if this hart does not offer it); *bad when the property is
 * there but unusable (its hart then offers nothing, and the boot says why).
 */
static u32 cpu_cbo_block_size(const void *fdt, int node, const char *ext, const char *prop,
			      bool *bad)
{
	int len, ilen;
	const char *isa = fdt_getprop(fdt, node, "riscv,isa", &ilen);
	const u8 *p = fdt_getprop(fdt, node, prop, &len);
	u32 v;

	if (!isa || ilen <= 0 || !isa_has_ext(isa, ilen, ext))
		return 0;
	if (!p) {
		pr_warn("fdt: cpu node %s: %s without %s\n", fdt_node_name(fdt, node), ext, prop);
		*bad = true;
		return 0;
	}
	v = len == 4 ? fdt32_ld(p) : 0;
	if (v < 16 || v > 4096 || (v & (v - 1))) {
		pr_warn("fdt: cpu node %s: bad %s\n", fdt_node_name(fdt, node), prop);
		*bad = true;
		return 0;
	}
	return v;
}

/*
 * A cpu node's L1 cache ("i" or "d"): size, sets and block size, each a power of two, with at
 * least one way (size >= sets * block). None described: all zero. Malformed: zero, and said.
 */
static void cpu_cache(const void *fdt, int node, bool icache, struct cache_geometry *c)
{
	static const char *const props[2][3] = {
		{ "d-cache-size", "d-cache-sets", "d-cache-block-size" },
		{ "i-cache-size", "i-cache-sets", "i-cache-block-size" },
	};
	const char *const *prop = props[icache];
	u32 v[3];

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < 3; i++) {
		int len;
		const u8 *p = fdt_getprop(fdt, node, prop[i], &len);

		if (!p && i == 0)
			return;
		v[i] = p && len == 4 ? fdt32_ld(p) : 0;
		if (!v[i] || (v[i] & (v[i] - 1))) {
			pr_warn("fdt: cpu node %s: %s missing or not a power of two: cache not described\n",
				fdt_node_name(fdt, node), prop[i]);
			return;
		}
	}
	if ((u64)v[1] * v[2] > v[0]) {
		pr_warn("fdt: cpu node %s: %s: sets * block size > size: cache not described\n",
			fdt_node_name(fdt, node), prop[0]);
		return;
	}
	c->size = v[0];
	c->sets = v[1];
	c->block = v[2];
}

/* Fold one hart's size into the system's: every hart must offer the same (Linux's rule). */
static void merge_cbo_block_size(u32 *sys, bool *bad, u32 hart, bool first, const char *what)
{
	if (first) {
		*sys = hart;
	} else if (*sys != hart) {
		if (*sys && hart) {
			pr_warn("fdt: %s block size differs between harts: not used\n", what);
			*bad = true;
		}
		*sys = 0;
	}
}

static int parse_cpus(struct boot_info *bi, const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len, err;
	bool cbom_bad = false, cboz_bad = false;
	const u8 *tb;

	if (cpus < 0) {
		pr_err("fdt: no /cpus node\n");
		return FDT_ERR_NOTFOUND;
	}
	tb = fdt_getprop(fdt, cpus, "timebase-frequency", &len);
	if (!tb || (len != 4 && len != 8)) {
		pr_err("fdt: /cpus/timebase-frequency missing or malformed\n");
		return FDT_ERR_BADVALUE;
	}
	bi->timebase_hz = len == 4 ? fdt32_ld(tb) : ((u64)fdt32_ld(tb) << 32 | fdt32_ld(tb + 4));
	bi->cpus_no_spec_fill = true;	/* until a hart says otherwise */

	for (node = fdt_first_child(fdt, cpus); node >= 0; node = fdt_next_sibling(fdt, node)) {
		u64 hartid, unused;

		if (!prop_is(fdt, node, "device_type", "cpu") || node_disabled(fdt, node))
			continue;
		err = fdt_reg(fdt, node, 0, &hartid, &unused);
		if (err) {
			pr_err("fdt: cpu node %s: bad reg (%s)\n", fdt_node_name(fdt, node),
			       fdt_strerror(err));
			return err;
		}
		if (bi->nr_harts == MAX_HARTS) {
			pr_warn("fdt: more than %d harts, ignoring hart %lu\n", MAX_HARTS,
				(unsigned long)hartid);
			continue;
		}
		merge_cbo_block_size(&bi->cbom_block_size, &cbom_bad,
				     cpu_cbo_block_size(fdt, node, "zicbom", "riscv,cbom-block-size",
							&cbom_bad),
				     !bi->nr_harts, "zicbom");
		merge_cbo_block_size(&bi->cboz_block_size, &cboz_bad,
				     cpu_cbo_block_size(fdt, node, "zicboz", "riscv,cboz-block-size",
							&cboz_bad),
				     !bi->nr_harts, "zicboz");
		if (fdt_node_check_compatible(fdt, node, CPU_COMPAT_NO_SPEC_FILL) != 1)
			bi->cpus_no_spec_fill = false;
		if (!bi->nr_harts) {
			cpu_cache(fdt, node, true, &bi->icache);
			cpu_cache(fdt, node, false, &bi->dcache);
		}
		bi->hartids[bi->nr_harts++] = (unsigned long)hartid;
	}
	if (cbom_bad)
		bi->cbom_block_size = 0;
	if (cboz_bad)
		bi->cboz_block_size = 0;
	if (!bi->nr_harts) {
		bi->cpus_no_spec_fill = false;
		pr_err("fdt: no usable cpu under /cpus\n");
		return FDT_ERR_NOTFOUND;
	}
	return FDT_OK;
}

static int add_range(struct mem_range *tab, unsigned int *nr, unsigned int max, u64 base, u64 size,
		     int nid)
{
	if (!size)
		return FDT_OK;
	if (base + size < base) {
		pr_err("fdt: range 0x%llx+0x%llx wraps around\n", (unsigned long long)base,
		       (unsigned long long)size);
		return FDT_ERR_BADVALUE;
	}
	if (*nr == max)
		return FDT_ERR_NOSPACE;
	tab[*nr].base = base;
	tab[*nr].size = size;
	tab[*nr].nid = nid;
	(*nr)++;
	return FDT_OK;
}

/* Add every reg entry of `node` to a range table. */
static int add_reg_ranges(const void *fdt, int node, struct mem_range *tab, unsigned int *nr,
			  unsigned int max, int nid)
{
	u64 base, size;
	int i, err;

	for (i = 0;; i++) {
		err = fdt_reg(fdt, node, i, &base, &size);
		if (err == FDT_ERR_NOTFOUND)
			return i ? FDT_OK : err;
		if (err)
			return err;
		err = add_range(tab, nr, max, base, size, nid);
		if (err)
			return err;
	}
}

static int parse_memory(struct boot_info *bi, const void *fdt)
{
	int node, err;

	for (node = fdt_first_child(fdt, fdt_path_offset(fdt, "/")); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		u32 nid = 0;

		if (!prop_is(fdt, node, "device_type", "memory") || node_disabled(fdt, node))
			continue;
		err = fdt_read_u32(fdt, node, "numa-node-id", &nid);
		if (err == FDT_ERR_BADVALUE || nid >= MAX_HARTS) {
			pr_err("fdt: %s: bad numa-node-id\n", fdt_node_name(fdt, node));
			return FDT_ERR_BADVALUE;
		}
		err = add_reg_ranges(fdt, node, bi->mem, &bi->nr_mem, MAX_MEM_RANGES, (int)nid);
		if (err) {
			pr_err("fdt: memory node %s: %s\n", fdt_node_name(fdt, node), fdt_strerror(err));
			return err;
		}
		if (nid + 1 > bi->nr_nodes)
			bi->nr_nodes = nid + 1;
	}
	if (!bi->nr_mem) {
		pr_err("fdt: no memory node\n");
		return FDT_ERR_NOTFOUND;
	}
	return FDT_OK;
}

static int parse_reserved(struct boot_info *bi, const void *fdt)
{
	const u8 *rsv = (const u8 *)fdt + fdt32_ld((const u8 *)fdt + 16);
	int node, parent, err;

	/* /memreserve/ entries (bounded by fdt_check). */
	for (;; rsv += 16) {
		u64 base = (u64)fdt32_ld(rsv) << 32 | fdt32_ld(rsv + 4);
		u64 size = (u64)fdt32_ld(rsv + 8) << 32 | fdt32_ld(rsv + 12);

		if (!base && !size)
			break;
		err = add_range(bi->reserved, &bi->nr_reserved, MAX_RESERVED, base, size, 0);
		if (err)
			return err;
	}

	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return FDT_OK;
	for (node = fdt_first_child(fdt, parent); node >= 0; node = fdt_next_sibling(fdt, node)) {
		unsigned int first = bi->nr_reserved;

		if (node_disabled(fdt, node))
			continue;
		err = add_reg_ranges(fdt, node, bi->reserved, &bi->nr_reserved, MAX_RESERVED, 0);
		if (err == FDT_ERR_NOTFOUND)
			continue;	/* dynamic reservations (size/alignment only) are not used */
		if (err) {
			pr_err("fdt: reserved-memory %s: %s\n", fdt_node_name(fdt, node),
			       fdt_strerror(err));
			return err;
		}
		if (!strncmp(fdt_node_name(fdt, node), "mmode_resv", 10))
			for (unsigned int i = first; i < bi->nr_reserved; i++)
				bi->reserved_mmode |= 1U << i;
	}
	return FDT_OK;
}

static int parse_distance_map(struct boot_info *bi, const void *fdt)
{
	int node = fdt_path_offset(fdt, "/distance-map"), len;
	const u8 *m;

	for (unsigned int i = 0; i < MAX_HARTS; i++)
		for (unsigned int j = 0; j < MAX_HARTS; j++)
			bi->numa_distance[i][j] = i == j ? 10 : 20;
	if (node < 0)
		return FDT_OK;
	m = fdt_getprop(fdt, node, "distance-matrix", &len);
	if (!m || len % 12) {
		pr_err("fdt: /distance-map/distance-matrix malformed\n");
		return FDT_ERR_BADVALUE;
	}
	for (; len > 0; len -= 12, m += 12) {
		u32 a = fdt32_ld(m), b = fdt32_ld(m + 4), d = fdt32_ld(m + 8);

		if (a >= MAX_HARTS || b >= MAX_HARTS || d > 255 || d < 10) {
			pr_err("fdt: distance-matrix entry (%u,%u,%u) out of range\n", a, b, d);
			return FDT_ERR_BADVALUE;
		}
		bi->numa_distance[a][b] = (u8)d;
	}
	return FDT_OK;
}

/* A string property that must fit dst whole: 0, or -1 (said) when it is missing (and `required`),
 * not a string, or too long. Never cut. */
static int string_prop_whole(const void *fdt, int node, const char *name, char *dst, size_t size,
			     bool required)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	dst[0] = '\0';
	if (!p) {
		if (required)
			pr_warn("fdt: %s: no %s\n", fdt_node_name(fdt, node), name);
		return required ? -1 : 0;
	}
	if (len <= 1 || strnlen(p, (size_t)len) != (size_t)len - 1 || (size_t)len > size) {
		pr_warn("fdt: %s: %s is not a string of 1..%zu characters\n", fdt_node_name(fdt, node),
			name, size - 1);
		return -1;
	}
	memcpy(dst, p, (size_t)len);
	return 0;
}

/* Main memory's description (docs/bindings/pagoda,litedram.yaml, pagoda,dram-model.yaml). It only
 * labels the memory, so a malformed node is said and left out; the boot goes on. */
static void parse_dram(struct boot_info *bi, const void *fdt)
{
	static const struct {
		const char *compat;
		enum dram_kind kind;
	} kinds[] = {
		{ "pagoda,litedram", DRAM_LITEDRAM },
		{ "pagoda,dram-model", DRAM_MODEL },
	};
	struct dram_info *d = &bi->dram;
	int node = -1;
	u64 size;

	memset(d, 0, sizeof(*d));
	for (unsigned int i = 0; i < ARRAY_SIZE(kinds) && !d->kind; i++) {
		for (node = fdt_node_offset_by_compatible(fdt, -1, kinds[i].compat); node >= 0;
		     node = fdt_node_offset_by_compatible(fdt, node, kinds[i].compat))
			if (!node_disabled(fdt, node))
				break;
		if (node >= 0)
			d->kind = kinds[i].kind;
	}
	if (!d->kind)
		return;
	if (string_prop_whole(fdt, node, "pagoda,dram-type", d->type, sizeof(d->type), true) ||
	    string_prop_whole(fdt, node, "pagoda,dram-part", d->part, sizeof(d->part), false) ||
	    fdt_read_u32(fdt, node, "pagoda,port-width", &d->port_width) == FDT_ERR_BADVALUE ||
	    (d->kind == DRAM_LITEDRAM && fdt_reg(fdt, node, 0, &d->ctrl_base, &size))) {
		pr_warn("fdt: %s: malformed: main memory not described\n", fdt_node_name(fdt, node));
		memset(d, 0, sizeof(*d));
	}
}

int boot_info_parse(struct boot_info *bi, const void *fdt, size_t max_size)
{
	int err, root, chosen;

	memset(bi, 0, sizeof(*bi));
	err = fdt_check(fdt, max_size);
	if (err) {
		pr_err("fdt: device tree at %p rejected: %s\n", fdt, fdt_strerror(err));
		return err;
	}
	bi->fdt = fdt;
	bi->fdt_size = fdt_totalsize(fdt);

	root = fdt_path_offset(fdt, "/");
	copy_string_prop(fdt, root, "model", bi->model, sizeof(bi->model));
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen >= 0)
		copy_bootargs(bi, fdt, chosen);

	err = parse_cpus(bi, fdt);
	if (!err)
		err = parse_memory(bi, fdt);
	if (!err)
		err = parse_reserved(bi, fdt);
	if (!err)
		err = parse_distance_map(bi, fdt);
	if (!err)
		parse_dram(bi, fdt);
	if (err)
		pr_err("fdt: device tree rejected: %s\n", fdt_strerror(err));
	if (!bi->nr_nodes)
		bi->nr_nodes = 1;
	return err;
}

/* Bootargs words are looked up in boot_info.bootargs; *len gets the word's length. */
static const char *find_word(const char *key, size_t klen, size_t *len)
{
	size_t pos = 0;
	const char *w;

	while ((*len = bootargs_next_word(boot_info.bootargs, &pos, &w)))
		if (*len >= klen && !strncmp(w, key, klen) && (*len == klen || w[klen] == '='))
			return w;
	return NULL;
}

const char *bootarg_value(const char *key)
{
	static char value[NR_BOOTARG_VALUES][BOOTARG_VALUE_MAX];
	static unsigned int next;
	size_t klen = strlen(key), len;
	const char *w = find_word(key, klen, &len);
	char *v;

	/* bootargs_check() refused longer values at boot; never hand out a cut one. */
	if (!w || len == klen || len - klen - 1 >= sizeof(value[0]))
		return NULL;
	v = value[next++ % NR_BOOTARG_VALUES];
	memcpy(v, w + klen + 1, len - klen - 1);
	v[len - klen - 1] = '\0';
	return v;
}

bool bootarg_present(const char *word)
{
	size_t klen = strlen(word), len;
	const char *w = find_word(word, klen, &len);

	return w && len == klen;
}

u64 bootarg_parse_size(const char *s, bool *ok)
{
	u64 v = 0;

	*ok = !kstrtosize(s, &v);
	return *ok ? v : 0;
}
