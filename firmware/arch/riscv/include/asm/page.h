// SPDX-License-Identifier: BSD-2-Clause
/* Physical <-> virtual for the direct map of lowmem: the identity, under Sv39 as in bare mode
 * (asm/pgtable.h, docs/mm.md "Sv39 layout"); the host build maps a malloc'd arena at a fake
 * physical base. */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)

#define arch_phys_to_virt(pa) ((void *)(unsigned long)(pa))
#define arch_virt_to_phys(va) ((unsigned long)(va))

#endif
