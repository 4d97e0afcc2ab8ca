// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sv39 page tables (privileged spec 1.12, 4.4) and the firmware's virtual layout (docs/mm.md
 * "Sv39 layout"). The lower half is the identity: the direct map of lowmem (VA = PA, so __pa/__va
 * stay trivial; RAM at 0x8000_0000 is far below 2^38) and the devices of the DT. The upper half
 * holds the vmalloc range and, in the last GiB, the kmap (pkmap) window and the per-hart fixmap
 * slots of kmap_local.
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/page.h>
#include <pagoda/smp.h>
#include <pagoda/types.h>

#include <asm-generic/pgtable-sv39.h>

/* Kernel mappings are global and have A/D preset: the walker never writes them back. */
#define _PAGE_KERNEL_BASE (_PAGE_V | _PAGE_G | _PAGE_A | _PAGE_D)
#define PAGE_KERNEL (_PAGE_KERNEL_BASE | _PAGE_R | _PAGE_W)
#define PAGE_KERNEL_RO (_PAGE_KERNEL_BASE | _PAGE_R)
#define PAGE_KERNEL_RX (_PAGE_KERNEL_BASE | _PAGE_R | _PAGE_X)
#define PAGE_KERNEL_RWX (_PAGE_KERNEL_BASE | _PAGE_R | _PAGE_W | _PAGE_X)
#define PAGE_KERNEL_IO PAGE_KERNEL

#define SATP_MODE_SV39 (8UL << 60)

/* The upper half: 0xffff_ffc0_0000_0000 and up (bit 38 set, sign-extended). */
#define VMALLOC_START 0xffffffc000000000UL
#define VMALLOC_END (VMALLOC_START + PUD_SIZE)
/* The last GiB: the pkmap window (one 2 MiB table), then the fixmap (one 2 MiB table). */
#define PKMAP_BASE 0xffffffffc0000000UL
#define LAST_PKMAP PTRS_PER_PT
#define FIXADDR_START (PKMAP_BASE + PMD_SIZE)
#define KM_MAX_IDX 4	/* kmap_local nesting depth per hart (task, interrupt, ...) */
#define FIX_KMAP_ADDR(cpu, idx) (FIXADDR_START + ((cpu) * KM_MAX_IDX + (idx)) * PAGE_SIZE)

static inline void local_flush_tlb_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void local_flush_tlb_page(unsigned long va)
{
	__asm__ volatile("sfence.vma %0" :: "r"(va) : "memory");
}

/* arch/riscv/pgtable.c */
extern bool sv39_enabled;	/* satp_mode=sv39 (default) and the switch happened */
extern bool boot_satp_bare;	/* satp_mode=bare was given (its early_param() handler) */
void paging_init(void);
int map_kernel_range(unsigned long va, phys_addr_t pa, unsigned long size, unsigned long prot);
struct page;
int map_kernel_pages(unsigned long va, struct page **pages, unsigned long nr, unsigned long prot);
void unmap_kernel_range_noflush(unsigned long va, unsigned long size);
pte_t *lookup_kernel_pte(unsigned long va, unsigned int *level);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);	/* every hart */
unsigned long sv39_tlb_flushes(void);	/* remote flushes sent, for tests and vmallocinfo */
/* Kernel page-table pages allocated since boot (never freed, as Linux's vmalloc tables): what a
 * reconciliation of free pages allows for. */
unsigned long kernel_pt_pages(void);
/* User-like address spaces (mm/anon.c): a root's kernel entries, a flush of one non-global
 * translation on every hart, and a copy through the MMU with another root loaded. */
int pgd_init_kernel_half(pte_t *pgd);
void flush_tlb_user_page(unsigned long va);
void flush_tlb_user_range(unsigned long start, unsigned long end);	/* every hart */
int copy_via_pgd(pte_t *pgd, unsigned long va, void *buf, size_t len, bool write);

#endif
