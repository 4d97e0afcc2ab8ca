// SPDX-License-Identifier: BSD-2-Clause
/*
 * Flattened device tree reader. fdt_check() walks the whole blob once and rejects anything that
 * would make a later access leave the blob; the accessors still bound every read, so that a blob
 * that changes under us, or one used without the check, fails cleanly instead of crashing.
 */
#include <pagoda/compiler.h>
#include <pagoda/fdt.h>
#include <pagoda/string.h>

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9
#define FDT_HDR_SIZE 40
#define FDT_MAX_DEPTH 32

#define HDR(fdt, idx) fdt32_ld((const u8 *)(fdt) + 4 * (idx))
#define H_MAGIC 0
#define H_TOTALSIZE 1
#define H_OFF_STRUCT 2
#define H_OFF_STRINGS 3
#define H_OFF_RSVMAP 4
#define H_VERSION 5
#define H_LAST_COMP 6
#define H_SIZE_STRINGS 8
#define H_SIZE_STRUCT 9

const char *fdt_strerror(int err)
{
	switch (err) {
	case FDT_OK: return "ok";
	case FDT_ERR_NULL: return "no device tree";
	case FDT_ERR_MAGIC: return "bad magic (not a device tree blob)";
	case FDT_ERR_VERSION: return "unsupported device tree version";
	case FDT_ERR_TRUNCATED: return "truncated device tree";
	case FDT_ERR_BADSTRUCT: return "malformed structure block";
	case FDT_ERR_NOTFOUND: return "not found";
	case FDT_ERR_BADVALUE: return "property has a bad size or value";
	case FDT_ERR_NOSPACE: return "too many entries";
	default: return "unknown error";
	}
}

u32 fdt_totalsize(const void *fdt)
{
	return HDR(fdt, H_TOTALSIZE);
}

static const u8 *struct_base(const void *fdt)
{
	return (const u8 *)fdt + HDR(fdt, H_OFF_STRUCT);
}

static u32 struct_size(const void *fdt)
{
	return HDR(fdt, H_SIZE_STRUCT);
}

/* Name of a string-block offset, or NULL when it is not a terminated string inside the block. */
static const char *string_at(const void *fdt, u32 off)
{
	const char *s = (const char *)fdt + HDR(fdt, H_OFF_STRINGS);
	u32 size = HDR(fdt, H_SIZE_STRINGS);

	if (off >= size || strnlen(s + off, size - off) == size - off)
		return NULL;
	return s + off;
}

/*
 * Decode the token at `off` of the structure block; *next gets the offset after it (and after the
 * node name or property value). Returns the tag or a negative error.
 */
static int next_tag(const void *fdt, int off, int *next)
{
	const u8 *base = struct_base(fdt);
	u32 size = struct_size(fdt);
	u32 tag, len;
	size_t n;

	if (off < 0 || (u32)off + 4 > size || (off & 3))
		return FDT_ERR_TRUNCATED;
	tag = fdt32_ld(base + off);
	off += 4;
	switch (tag) {
	case FDT_BEGIN_NODE:
		n = strnlen((const char *)base + off, size - off);
		if (n == size - (u32)off)
			return FDT_ERR_TRUNCATED;
		off += (int)ALIGN(n + 1, 4);
		break;
	case FDT_PROP:
		if ((u32)off + 8 > size)
			return FDT_ERR_TRUNCATED;
		len = fdt32_ld(base + off);
		if (len > size - (u32)off - 8)
			return FDT_ERR_TRUNCATED;
		off += 8 + (int)ALIGN(len, 4);
		if ((u32)off > size)
			return FDT_ERR_TRUNCATED;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		return FDT_ERR_BADSTRUCT;
	}
	*next = off;
	return (int)tag;
}

int fdt_check(const void *fdt, size_t max_size)
{
	u32 total, off_struct, off_strings, off_rsv, sz_struct, sz_strings, version;
	int off = 0, next, depth = 0, tag;
	bool seen_root = false;

	if (!fdt)
		return FDT_ERR_NULL;
	if (max_size < FDT_HDR_SIZE)
		return FDT_ERR_TRUNCATED;
	if (HDR(fdt, H_MAGIC) != FDT_MAGIC)
		return FDT_ERR_MAGIC;
	version = HDR(fdt, H_VERSION);
	if (version < 17 || HDR(fdt, H_LAST_COMP) > 17)
		return FDT_ERR_VERSION;
	total = HDR(fdt, H_TOTALSIZE);
	if (total < FDT_HDR_SIZE || total > max_size)
		return FDT_ERR_TRUNCATED;
	off_struct = HDR(fdt, H_OFF_STRUCT);
	off_strings = HDR(fdt, H_OFF_STRINGS);
	off_rsv = HDR(fdt, H_OFF_RSVMAP);
	sz_struct = HDR(fdt, H_SIZE_STRUCT);
	sz_strings = HDR(fdt, H_SIZE_STRINGS);
	if (off_struct > total || sz_struct > total - off_struct || (off_struct & 3) ||
	    off_strings > total || sz_strings > total - off_strings ||
	    off_rsv > total || (off_rsv & 7) || off_rsv < FDT_HDR_SIZE || off_struct < FDT_HDR_SIZE)
		return FDT_ERR_TRUNCATED;

	/* Memory reservation map: (address, size) pairs up to an all-zero entry, inside the blob. */
	for (u32 p = off_rsv;; p += 16) {
		const u8 *e = (const u8 *)fdt + p;

		if (p + 16 > total)
			return FDT_ERR_TRUNCATED;
		if (!fdt32_ld(e) && !fdt32_ld(e + 4) && !fdt32_ld(e + 8) && !fdt32_ld(e + 12))
			break;
	}

	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (seen_root && depth == 0)
				return FDT_ERR_BADSTRUCT;	/* a second root */
			seen_root = true;
			if (++depth > FDT_MAX_DEPTH)
				return FDT_ERR_BADSTRUCT;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return FDT_ERR_BADSTRUCT;
			break;
		case FDT_PROP:
			if (depth == 0)
				return FDT_ERR_BADSTRUCT;
			if (!string_at(fdt, fdt32_ld(struct_base(fdt) + off + 8)))
				return FDT_ERR_BADSTRUCT;
			break;
		case FDT_END:
			return (seen_root && depth == 0) ? FDT_OK : FDT_ERR_BADSTRUCT;
		}
		off = next;
	}
}

static int skip_nops(const void *fdt, int off, int *tag)
{
	int next;

	for (;;) {
		*tag = next_tag(fdt, off, &next);
		if (*tag != FDT_NOP)
			return off;
		off = next;
	}
}

const char *fdt_node_name(const void *fdt, int node)
{
	int next;

	if (next_tag(fdt, node, &next) != FDT_BEGIN_NODE)
		return NULL;
	return (const char *)struct_base(fdt) + node + 4;
}

/* Offset of the first token after a node's properties, or a negative error. */
static int after_props(const void *fdt, int node)
{
	int off, next, tag;

	if (next_tag(fdt, node, &off) != FDT_BEGIN_NODE)
		return FDT_ERR_BADSTRUCT;
	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag != FDT_PROP && tag != FDT_NOP)
			return off;
		off = next;
	}
}

const void *fdt_getprop(const void *fdt, int node, const char *name, int *len)
{
	int off, next, tag;

	if (next_tag(fdt, node, &off) != FDT_BEGIN_NODE)
		return NULL;
	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag == FDT_PROP) {
			const u8 *p = struct_base(fdt) + off;
			const char *pname = string_at(fdt, fdt32_ld(p + 8));

			if (pname && !strcmp(pname, name)) {
				if (len)
					*len = (int)fdt32_ld(p + 4);
				return p + 12;
			}
		} else if (tag != FDT_NOP) {
			return NULL;
		}
		off = next;
	}
}

int fdt_first_child(const void *fdt, int node)
{
	int off = after_props(fdt, node), tag;

	if (off < 0)
		return off;
	off = skip_nops(fdt, off, &tag);
	return tag == FDT_BEGIN_NODE ? off : FDT_ERR_NOTFOUND;
}

/* Offset just past the END_NODE that closes `node`. */
static int skip_subtree(const void *fdt, int node)
{
	int off = node, next, depth = 0, tag;

	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_BEGIN_NODE)
			depth++;
		else if (tag == FDT_END_NODE && --depth == 0)
			return next;
		else if (tag == FDT_END)
			return FDT_ERR_BADSTRUCT;
		off = next;
	}
}

int fdt_next_sibling(const void *fdt, int node)
{
	int off = skip_subtree(fdt, node), tag;

	if (off < 0)
		return off;
	off = skip_nops(fdt, off, &tag);
	return tag == FDT_BEGIN_NODE ? off : FDT_ERR_NOTFOUND;
}

/* "memory" matches "memory@80000000"; a component with a unit address must match exactly. */
static bool name_matches(const char *node_name, const char *comp, size_t len)
{
	if (strncmp(node_name, comp, len))
		return false;
	return node_name[len] == '\0' || (node_name[len] == '@' && !memchr(comp, '@', len));
}

int fdt_path_offset(const void *fdt, const char *path)
{
	int node, tag;

	if (!path || path[0] != '/')
		return FDT_ERR_BADVALUE;
	node = skip_nops(fdt, 0, &tag);
	if (tag != FDT_BEGIN_NODE)
		return FDT_ERR_BADSTRUCT;
	while (*path) {
		const char *comp;
		size_t len;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		comp = path;
		while (*path && *path != '/')
			path++;
		len = (size_t)(path - comp);
		for (node = fdt_first_child(fdt, node); node >= 0; node = fdt_next_sibling(fdt, node)) {
			const char *n = fdt_node_name(fdt, node);

			if (n && name_matches(n, comp, len))
				break;
		}
		if (node < 0)
			return node;
	}
	return node;
}

int fdt_node_check_compatible(const void *fdt, int node, const char *compat)
{
	int len;
	const char *p = fdt_getprop(fdt, node, "compatible", &len);
	size_t clen = strlen(compat);

	if (!p)
		return 0;
	/* A string list: each entry terminated by '\0' inside len. */
	while (len > 0) {
		size_t n = strnlen(p, (size_t)len);

		if (n == (size_t)len)
			return 0;
		if (n == clen && !memcmp(p, compat, clen))
			return 1;
		p += n + 1;
		len -= (int)n + 1;
	}
	return 0;
}

int fdt_node_offset_by_compatible(const void *fdt, int from, const char *compat)
{
	int off = 0, next, tag;

	if (from >= 0 && next_tag(fdt, from, &off) != FDT_BEGIN_NODE)
		return FDT_ERR_BADVALUE;
	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_END)
			return FDT_ERR_NOTFOUND;
		if (tag == FDT_BEGIN_NODE && fdt_node_check_compatible(fdt, off, compat))
			return off;
		off = next;
	}
}

int fdt_parent_offset(const void *fdt, int node)
{
	int stack[FDT_MAX_DEPTH + 1];
	int off = 0, next, depth = 0, tag;

	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_BEGIN_NODE) {
			if (off == node)
				return depth ? stack[depth - 1] : FDT_ERR_NOTFOUND;
			if (depth > FDT_MAX_DEPTH)
				return FDT_ERR_BADSTRUCT;
			stack[depth++] = off;
		} else if (tag == FDT_END_NODE) {
			if (--depth < 0)
				return FDT_ERR_BADSTRUCT;
		} else if (tag == FDT_END) {
			return FDT_ERR_NOTFOUND;
		}
		off = next;
	}
}

int fdt_read_u32(const void *fdt, int node, const char *name, u32 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p)
		return FDT_ERR_NOTFOUND;
	if (len != 4)
		return FDT_ERR_BADVALUE;
	*out = fdt32_ld(p);
	return FDT_OK;
}

static u64 read_cells(const u8 *p, u32 cells)
{
	u64 v = 0;

	while (cells--) {
		v = (v << 32) | fdt32_ld(p);
		p += 4;
	}
	return v;
}

int fdt_reg(const void *fdt, int node, int index, u64 *base, u64 *size)
{
	u32 ac = 2, sc = 1;
	int parent = fdt_parent_offset(fdt, node), len, entry;
	const u8 *reg;

	if (parent >= 0) {
		fdt_read_u32(fdt, parent, "#address-cells", &ac);
		fdt_read_u32(fdt, parent, "#size-cells", &sc);
	}
	if (ac < 1 || ac > 2 || sc > 2)
		return FDT_ERR_BADVALUE;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return FDT_ERR_NOTFOUND;
	entry = (int)(ac + sc) * 4;
	if (len % entry)
		return FDT_ERR_BADVALUE;
	if (index < 0 || index >= len / entry)
		return FDT_ERR_NOTFOUND;
	reg += index * entry;
	*base = read_cells(reg, ac);
	*size = sc ? read_cells(reg + ac * 4, sc) : 0;
	return FDT_OK;
}

int fdt_node_offset_by_phandle(const void *fdt, u32 phandle)
{
	int off = 0, next, tag;

	/* 0 and ~0 are never valid phandles (DTSpec 2.3.3). */
	if (phandle == 0 || phandle == 0xffffffffu)
		return FDT_ERR_BADVALUE;
	for (;;) {
		u32 ph;

		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		if (tag == FDT_END)
			return FDT_ERR_NOTFOUND;
		if (tag == FDT_BEGIN_NODE &&
		    ((fdt_read_u32(fdt, off, "phandle", &ph) == FDT_OK && ph == phandle) ||
		     (fdt_read_u32(fdt, off, "linux,phandle", &ph) == FDT_OK && ph == phandle)))
			return off;
		off = next;
	}
}

/*
 * An interrupt controller's output contexts are the entries of its interrupts-extended, in order
 * (the riscv,plic0 and riscv,aclint bindings): entry i names a hart's local interrupt controller
 * and the cause it drives there. Each entry's length comes from its target's #interrupt-cells, so
 * a malformed list is an error, not a misread context.
 */
int fdt_irq_context(const void *fdt, int ctrl, u64 hartid, u32 cause)
{
	const u8 *p;
	int len, index = 0;

	p = fdt_getprop(fdt, ctrl, "interrupts-extended", &len);
	if (!p)
		return FDT_ERR_NOTFOUND;
	if (len % 4)
		return FDT_ERR_BADVALUE;
	while (len > 0) {
		int intc, cpu;
		u32 cells;
		u64 base, size;

		intc = fdt_node_offset_by_phandle(fdt, fdt32_ld(p));
		if (intc < 0)
			return intc == FDT_ERR_NOTFOUND ? FDT_ERR_BADVALUE : intc;
		if (fdt_read_u32(fdt, intc, "#interrupt-cells", &cells) || cells < 1 ||
		    cells > (u32)(len - 4) / 4)
			return FDT_ERR_BADVALUE;
		cpu = fdt_parent_offset(fdt, intc);
		if (cpu >= 0 && fdt_node_check_compatible(fdt, intc, "riscv,cpu-intc") &&
		    fdt_reg(fdt, cpu, 0, &base, &size) == FDT_OK && base == hartid &&
		    fdt32_ld(p + 4) == cause)
			return index;
		p += 4 + 4 * cells;
		len -= (int)(4 + 4 * cells);
		index++;
	}
	return FDT_ERR_NOTFOUND;
}
