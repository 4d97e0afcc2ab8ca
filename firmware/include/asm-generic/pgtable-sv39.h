// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Sv39 page-table entry format (privileged spec 1.12, 4.4.1), shared by the RISC-V arch layer
 * and the host build, whose tests walk the same tables in software (mm/anon.c's address spaces).
 */
#ifndef ASM_GENERIC_PGTABLE_SV39_H
#define ASM_GENERIC_PGTABLE_SV39_H

#include <asm/page.h>
#include <pagoda/types.h>

#define _PAGE_V (1UL << 0)
#define _PAGE_R (1UL << 1)
#define _PAGE_W (1UL << 2)
#define _PAGE_X (1UL << 3)
#define _PAGE_U (1UL << 4)
#define _PAGE_G (1UL << 5)
#define _PAGE_A (1UL << 6)
#define _PAGE_D (1UL << 7)
#define _PAGE_PFN_SHIFT 10

#define PTRS_PER_PT 512
#define PT_LEVELS 3
#define PMD_SIZE (1UL << 21)
#define PUD_SIZE (1UL << 30)

typedef unsigned long pte_t;

static inline pte_t pfn_pte(unsigned long pfn, unsigned long prot)
{
	return (pfn << _PAGE_PFN_SHIFT) | prot;
}

static inline unsigned long pte_pfn(pte_t pte) { return (pte >> _PAGE_PFN_SHIFT) & ((1UL << 44) - 1); }
static inline bool pte_present(pte_t pte) { return pte & _PAGE_V; }
static inline bool pte_leaf(pte_t pte) { return pte & (_PAGE_R | _PAGE_W | _PAGE_X); }

/* The index of va's entry in a table at level (2 = root, 1 GiB per entry; 0 = 4 KiB). */
static inline unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * level)) & (PTRS_PER_PT - 1);
}

/* User-like addresses of mm/anon.c's address spaces: root entries 128..255 of the lower half,
 * which the firmware's identity map never uses (RAM and devices sit below 2^37). */
#define TASK_VA_START 0x0000002000000000UL
#define TASK_VA_END 0x0000004000000000UL
/* A user page: valid, user, read/write, A and D preset so the walker never writes the PTE back
 * (migration rewrites it, and the write-back is not atomic with that). Not global. */
#define PAGE_USER_ANON (_PAGE_V | _PAGE_U | _PAGE_R | _PAGE_W | _PAGE_A | _PAGE_D)

#endif
