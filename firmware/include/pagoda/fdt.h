// SPDX-License-Identifier: BSD-2-Clause
/* A small flattened-device-tree reader (DTSpec v0.4 / v17 blobs). Every accessor validates offsets
 * against the blob's declared sizes, so a truncated or garbage blob gives an error, never a crash. */
#ifndef PAGODA_FDT_H
#define PAGODA_FDT_H

#include <pagoda/types.h>

#define FDT_MAGIC 0xd00dfeed

enum fdt_err {
	FDT_OK = 0,
	FDT_ERR_NULL = -1,	/* no blob */
	FDT_ERR_MAGIC = -2,	/* bad magic */
	FDT_ERR_VERSION = -3,	/* unsupported version */
	FDT_ERR_TRUNCATED = -4,	/* a block or token runs past the blob */
	FDT_ERR_BADSTRUCT = -5,	/* malformed structure block */
	FDT_ERR_NOTFOUND = -6,
	FDT_ERR_BADVALUE = -7,	/* property has the wrong size or form */
	FDT_ERR_NOSPACE = -8,	/* caller's array too small */
};

const char *fdt_strerror(int err);

/* Check the header and walk the whole structure block once. Returns FDT_OK or an error. Every other
 * call assumes the blob passed this check. */
int fdt_check(const void *fdt, size_t max_size);
u32 fdt_totalsize(const void *fdt);

/* Node handles are byte offsets into the structure block; < 0 is an error. */
int fdt_path_offset(const void *fdt, const char *path);	/* "/", "/cpus", "/chosen" */
int fdt_first_child(const void *fdt, int node);
int fdt_next_sibling(const void *fdt, int node);
const char *fdt_node_name(const void *fdt, int node);	/* "memory@80000000" */
const void *fdt_getprop(const void *fdt, int node, const char *name, int *len);
/* Next node (depth-first, after `from`; -1 starts at the root) whose compatible list holds `compat`. */
int fdt_node_offset_by_compatible(const void *fdt, int from, const char *compat);
int fdt_node_check_compatible(const void *fdt, int node, const char *compat);	/* 1 = match */
int fdt_parent_offset(const void *fdt, int node);
int fdt_read_u32(const void *fdt, int node, const char *name, u32 *out);
int fdt_node_offset_by_phandle(const void *fdt, u32 phandle);
/* Index of the interrupts-extended entry of interrupt controller `ctrl` that drives `cause` on the
 * hart with this hartid (through its riscv,cpu-intc): a PLIC context number. */
int fdt_irq_context(const void *fdt, int ctrl, u64 hartid, u32 cause);
/* #address-cells / #size-cells that apply to `node`'s reg (looked up on its parent). */
int fdt_reg(const void *fdt, int node, int index, u64 *base, u64 *size);

/* Big-endian cell helpers. */
static inline u32 fdt32_ld(const void *p)
{
	const u8 *b = p;

	return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

#endif
