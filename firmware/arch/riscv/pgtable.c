// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sv39 kernel page tables (docs/mm.md "Sv39 layout"). paging_init() builds them once the page
 * allocator is up (every table page comes from it, lowmem, so the tables stay reachable through
 * the identity direct map) and switches every online hart to them: the direct map of lowmem with
 * the firmware image split into text RX / read-only tables R / data RW, the devices of the DT RW,
 * everything NX except the text, all global. One root (swapper_pg_dir) serves every hart, so a
 * mapping made by one is seen by all once their TLBs forget the old one: the vmalloc and kmap
 * windows have their upper tables made at boot and are never torn down.
 * satp_mode=bare keeps the firmware untranslated, for comparison (bench) and as a fallback.
 */
#include <asm/csr.h>
#include <asm/highmem.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/smp.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <pagoda/boot.h>
#include <pagoda/fdt.h>
#include <pagoda/init.h>
#include <pagoda/platform.h>
#include <pagoda/printk.h>
#include <pagoda/sbi.h>
#include <pagoda/spinlock.h>
#include <pagoda/string.h>

/* The root comes from the allocator like the other tables: a page-aligned array in .bss would
 * raise .bss's alignment to 4 KiB, and GNU ld then stops relaxing global accesses to gp. */
pte_t *swapper_pg_dir;
bool sv39_enabled __cache_hot;
static unsigned long satp_value;
static spinlock_t pgtable_lock = SPIN_LOCK_UNLOCKED;
static pte_t *pkmap_pte;	/* the pkmap window's last-level table */
static pte_t *fixmap_pte;	/* the fixmap's: KM_MAX_IDX slots per hart */
static unsigned long remote_flushes;
static bool have_rfence;

extern char _fw_start[], _etext[], __end_rodata[];

static inline unsigned int vpn(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * level)) & (PTRS_PER_PT - 1);
}

static inline unsigned long level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * level);
}

static unsigned long nr_kernel_pt;

unsigned long kernel_pt_pages(void) { return __atomic_load_n(&nr_kernel_pt, __ATOMIC_RELAXED); }

static pte_t *pt_alloc(void)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 0);

	if (!page)
		return NULL;
	__atomic_add_fetch(&nr_kernel_pt, 1, __ATOMIC_RELAXED);
	return page_address(page);
}

/*
 * The PTE that translates va: the leaf (with its level: 2 = 1 GiB, 1 = 2 MiB, 0 = 4 KiB), or the
 * first invalid entry on the way (with the level it sits at). Never NULL.
 */
pte_t *lookup_kernel_pte(unsigned long va, unsigned int *level)
{
	pte_t *table = swapper_pg_dir;
	int l;

	for (l = PT_LEVELS - 1; l > 0; l--) {
		pte_t pte = READ_ONCE(table[vpn(va, l)]);

		if (!pte_present(pte) || pte_leaf(pte))
			break;
		table = __va(pte_pfn(pte) << PAGE_SHIFT);
	}
	*level = (unsigned int)l;
	return &table[vpn(va, l)];
}

/* The entry for va at `level`, making the tables above it; NULL if out of memory or a leaf is in
 * the way. pgtable_lock held. */
static pte_t *pte_alloc_at(unsigned long va, int level)
{
	pte_t *table = swapper_pg_dir;

	for (int l = PT_LEVELS - 1; l > level; l--) {
		pte_t *pte = &table[vpn(va, l)];

		if (!pte_present(*pte)) {
			pte_t *t = pt_alloc();

			if (!t)
				return NULL;
			WRITE_ONCE(*pte, pfn_pte(__pa(t) >> PAGE_SHIFT, _PAGE_V));
		} else if (pte_leaf(*pte)) {
			return NULL;
		}
		table = __va(pte_pfn(*pte) << PAGE_SHIFT);
	}
	return &table[vpn(va, level)];
}

/* The largest leaf that va/pa alignment and the size allow and whose slot is still free. */
static int leaf_level(unsigned long va, phys_addr_t pa, unsigned long size)
{
	for (int l = PT_LEVELS - 1; l > 0; l--) {
		unsigned long sz = level_size(l), mask = sz - 1;
		unsigned int cur;

		if ((va & mask) || (pa & mask) || size < sz)
			continue;
		if (!pte_present(*lookup_kernel_pte(va, &cur)) && cur == (unsigned int)l)
			return l;
	}
	return 0;
}

/*
 * Map [va, va + size) to pa with prot, in the largest leaves that fit. An address already mapped
 * is an error (-17, nothing of this call stays mapped) unless skip_mapped, which leaves it as it is
 * (devices of the DT may overlap). Returns 0, -12 without memory for a table, -22 for bad input.
 */
static int __map_range(unsigned long va, phys_addr_t pa, unsigned long size, unsigned long prot,
		       bool skip_mapped)
{
	unsigned long flags, done = 0;
	int err = 0;

	if (!size || ((va | pa | size) & (PAGE_SIZE - 1)) || va + size < va)
		return -22;
	spin_lock_irqsave(&pgtable_lock, flags);
	while (done < size) {
		int level = leaf_level(va + done, pa + done, size - done);
		pte_t *pte = pte_alloc_at(va + done, level);
		unsigned long step = level_size(level);

		if (!pte || pte_present(*pte)) {
			if (!skip_mapped) {
				err = pte ? -17 : -12;
				break;
			}
			/* A leaf in the way: its block is mapped already, go past it. */
			if (!pte) {
				unsigned int l;

				if (!pte_present(*lookup_kernel_pte(va + done, &l))) {
					err = -12;
					break;
				}
				level = (int)l;
			}
			step = level_size(level) - ((va + done) & (level_size(level) - 1));
		} else {
			WRITE_ONCE(*pte, pfn_pte((pa + done) >> PAGE_SHIFT, prot));
		}
		done += step < size - done ? step : size - done;
	}
	spin_unlock_irqrestore(&pgtable_lock, flags);
	if (err && done)
		unmap_kernel_range_noflush(va, done);
	return err;
}

int map_kernel_range(unsigned long va, phys_addr_t pa, unsigned long size, unsigned long prot)
{
	return __map_range(va, pa, size, prot, false);
}

/*
 * vmap's mapping of nr pages at va (4 KiB leaves; Linux vmap_pages_range): one walk per
 * last-level table, not per page. -17 if a page is mapped already, -12 without a table; nothing
 * stays mapped then.
 */
int map_kernel_pages(unsigned long va, struct page **pages, unsigned long nr, unsigned long prot)
{
	unsigned long flags, i;
	pte_t *pte = NULL;
	int err = 0;

	if (va & (PAGE_SIZE - 1))
		return -22;
	spin_lock_irqsave(&pgtable_lock, flags);
	for (i = 0; i < nr; i++, pte++) {
		unsigned long a = va + (i << PAGE_SHIFT);

		if (!pte || !vpn(a, 0))
			pte = pte_alloc_at(a, 0);
		if (!pte || pte_present(*pte)) {
			err = pte ? -17 : -12;
			break;
		}
		WRITE_ONCE(*pte, pfn_pte(page_to_pfn(pages[i]), prot));
	}
	spin_unlock_irqrestore(&pgtable_lock, flags);
	if (err && i)
		unmap_kernel_range_noflush(va, i << PAGE_SHIFT);
	return err;
}

/* Clear the 4 KiB leaves of [va, va + size); the caller flushes the TLBs. Tables stay. */
void unmap_kernel_range_noflush(unsigned long va, unsigned long size)
{
	unsigned long flags, end = va + size;
	pte_t *pte = NULL;
	unsigned int level = 0;

	spin_lock_irqsave(&pgtable_lock, flags);
	for (; va < end; va += PAGE_SIZE, pte++) {
		if (!pte || !vpn(va, 0) || level)
			pte = lookup_kernel_pte(va, &level);
		if (pte_present(*pte) && !WARN_ON(level != 0))
			WRITE_ONCE(*pte, 0);
	}
	spin_unlock_irqrestore(&pgtable_lock, flags);
}

unsigned long sv39_tlb_flushes(void)
{
	return READ_ONCE(remote_flushes);
}

static void local_flush_range(unsigned long start, unsigned long end)
{
	/* Pagoda's sfence.vma flushes everything whatever the operand; on QEMU a ranged flush keeps
	 * the rest of the TLB. Large ranges flush all, as Linux's tlb_flush_all_threshold. */
	if (end - start > 64 * PAGE_SIZE) {
		local_flush_tlb_all();
		return;
	}
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		local_flush_tlb_page(va);
}

static void flush_ipi(void *arg)
{
	(void)arg;
	local_flush_tlb_all();
}

/* Kernel mappings are global: every hart may hold the old translation (Linux's
 * flush_tlb_kernel_range). The other harts get a remote sfence.vma through SBI RFENCE. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	unsigned int self = smp_processor_id(), cpu;
	unsigned long mask = 0;

	if (!sv39_enabled)
		return;
	local_flush_range(start, end);
	for_each_online_cpu(cpu)
		if (cpu != self)
			mask |= 1UL << cpu_hartid[cpu];
	if (!mask)
		return;
	__atomic_add_fetch(&remote_flushes, 1, __ATOMIC_RELAXED);
	if (have_rfence)
		sbi_remote_sfence_vma(mask, 0, start, end - start);
	else
		smp_call_on_all(flush_ipi, NULL);
}

/* ---------------------------------------------------------------- user-like address spaces */

/* A new root gets the kernel's root entries (Linux pgd_alloc copies the kernel half): they never
 * change after paging_init(), so the copy stays true. The user range must be free in the kernel's
 * root, or the two would share tables. In bare mode there is nothing to share. */
int pgd_init_kernel_half(pte_t *pgd)
{
	unsigned int first = pt_index(TASK_VA_START, 2), last = pt_index(TASK_VA_END - 1, 2);

	if (!sv39_enabled)
		return 0;
	for (unsigned int i = 0; i < PTRS_PER_PT; i++) {
		if (i < first || i > last)
			pgd[i] = swapper_pg_dir[i];
		else if (swapper_pg_dir[i])
			return -17;
	}
	return 0;
}

/* A user PTE changed. Its entry is not global, but without ASIDs or a record of which harts ran
 * the address space every hart is asked (Linux flush_tlb_page over the whole mm_cpumask). */
void flush_tlb_user_page(unsigned long va)
{
	flush_tlb_kernel_range(va, va + PAGE_SIZE);
}

void flush_tlb_user_range(unsigned long start, unsigned long end)
{
	flush_tlb_kernel_range(start, end);
}

/*
 * Copy to or from va as the address space of root pgd sees it: that root in satp, sstatus.SUM so
 * S-mode may touch U pages (Linux's uaccess), then back. The kernel half is the same in both roots,
 * so this code and its stack stay mapped. The caller made sure va..va+len is mapped. -95 in bare
 * mode: there is no MMU to ask.
 */
int copy_via_pgd(pte_t *pgd, unsigned long va, void *buf, size_t len, bool write)
{
	unsigned long flags, old;

	if (!sv39_enabled)
		return -95;
	local_irq_save(flags);
	old = csr_read(satp);
	csr_write(satp, SATP_MODE_SV39 | (__pa(pgd) >> PAGE_SHIFT));
	local_flush_tlb_all();
	csr_set(sstatus, SSTATUS_SUM);
	if (write)
		memcpy((void *)va, buf, len);
	else
		memcpy(buf, (const void *)va, len);
	csr_clear(sstatus, SSTATUS_SUM);
	csr_write(satp, old);
	local_flush_tlb_all();
	local_irq_restore(flags);
	return 0;
}

/* ---------------------------------------------------------------- kmap windows */

static unsigned int pkmap_count[LAST_PKMAP];	/* Linux's: 0 free, 1 unmapped but maybe cached */
static unsigned int last_pkmap_nr;
static unsigned int km_idx[NR_CPUS];

/* Every slot unmapped since the last flush becomes free, after one flush on every hart. */
static void flush_all_zero_pkmaps(void)
{
	bool need = false;

	for (unsigned int i = 0; i < LAST_PKMAP; i++) {
		if (pkmap_count[i] == 1) {
			pkmap_count[i] = 0;
			need = true;
		}
	}
	if (need)
		flush_tlb_kernel_range(PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
}

/* kmap()'s mapping of a HIGHMEM page (mm/page_alloc.c holds kmap_lock): a pkmap slot, or the
 * physical address in bare mode. NULL when all LAST_PKMAP slots are in use. */
void *arch_kmap_pfn(unsigned long pfn)
{
	unsigned int i, n;

	if (!sv39_enabled)
		return __va(pfn << PAGE_SHIFT);
	for (n = 0; n < 2 * LAST_PKMAP; n++) {
		i = last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (!i)
			flush_all_zero_pkmaps();	/* wrapped: recycle what kunmap left */
		if (pkmap_count[i])
			continue;
		pkmap_count[i] = 2;
		WRITE_ONCE(pkmap_pte[i], pfn_pte(pfn, PAGE_KERNEL));
		local_flush_tlb_page(PKMAP_BASE + i * PAGE_SIZE);
		return (void *)(PKMAP_BASE + i * PAGE_SIZE);
	}
	pr_err("kmap: all %d pkmap slots are in use\n", LAST_PKMAP);
	return NULL;
}

/* The PTE goes at once; the TLBs are flushed lazily, when the slots wrap (Linux's kunmap_high). */
void arch_kunmap(void *va)
{
	unsigned long a = (unsigned long)va;
	unsigned int i = (unsigned int)((a - PKMAP_BASE) >> PAGE_SHIFT);

	if (!sv39_enabled)
		return;
	if (WARN_ON(a < PKMAP_BASE || i >= LAST_PKMAP || pkmap_count[i] != 2))
		return;
	WRITE_ONCE(pkmap_pte[i], 0);
	pkmap_count[i] = 1;
}

/* Short-lived mapping on this hart only (Linux kmap_local_page): lowmem needs none. Mappings
 * nest (an interrupt may take one while the task holds one) and are undone in reverse order. */
void *kmap_local_pfn(unsigned long pfn)
{
	unsigned int cpu, idx;
	unsigned long va, flags;

	if (!sv39_enabled || pfn < max_low_pfn)
		return __va(pfn << PAGE_SHIFT);
	local_irq_save(flags);
	cpu = smp_processor_id();
	idx = km_idx[cpu]++;
	if (idx >= KM_MAX_IDX) {
		pr_err("kmap_local: more than %d nested mappings on cpu %u\n", KM_MAX_IDX, cpu);
		platform_exit(EXIT_TRAP);
	}
	va = FIX_KMAP_ADDR(cpu, idx);
	WRITE_ONCE(fixmap_pte[cpu * KM_MAX_IDX + idx], pfn_pte(pfn, PAGE_KERNEL));
	local_flush_tlb_page(va);
	local_irq_restore(flags);
	return (void *)va;
}

void kunmap_local(void *va)
{
	unsigned long a = (unsigned long)va, flags;
	unsigned int cpu;

	if (a < FIXADDR_START || a >= FIXADDR_START + NR_CPUS * KM_MAX_IDX * PAGE_SIZE)
		return;	/* lowmem or bare: nothing was mapped */
	local_irq_save(flags);
	cpu = smp_processor_id();
	if (WARN_ON(!km_idx[cpu] || a != FIX_KMAP_ADDR(cpu, km_idx[cpu] - 1))) {
		local_irq_restore(flags);
		return;
	}
	km_idx[cpu]--;
	WRITE_ONCE(fixmap_pte[cpu * KM_MAX_IDX + km_idx[cpu]], 0);
	local_flush_tlb_page(a);
	local_irq_restore(flags);
}

/* memset of physical memory that may be HIGHMEM: a page at a time through kmap_local. */
void memset_phys(phys_addr_t pa, int c, size_t len)
{
	unsigned long pfn = pa >> PAGE_SHIFT, end_pfn = (pa + len + PAGE_SIZE - 1) >> PAGE_SHIFT;

	if (!sv39_enabled || end_pfn <= max_low_pfn) {
		memset(__va(pa), c, len);
		return;
	}
	while (len) {
		size_t off = pa & (PAGE_SIZE - 1), n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		u8 *p = kmap_local_pfn(pfn);

		memset(p + off, c, n);
		kunmap_local(p);
		pa += n;
		len -= n;
		pfn++;
	}
}

/* ---------------------------------------------------------------- boot */

struct prot_range {
	unsigned long start, end, prot;
};

/*
 * The protection of lowmem at pa and where it changes next: text RX, read-only tables R, the
 * M-mode-only regions OpenSBI declares RWX (PMP, not the MMU, must be what refuses S-mode there:
 * the isolation self-tests check exactly that), everything else RW.
 */
static unsigned long lowmem_prot(const struct prot_range *r, unsigned int n, unsigned long pa,
				 unsigned long *next)
{
	unsigned long prot = PAGE_KERNEL;

	for (unsigned int i = 0; i < n; i++) {
		if (pa >= r[i].start && pa < r[i].end) {
			prot = r[i].prot;
			*next = r[i].end < *next ? r[i].end : *next;
		} else if (r[i].start > pa && r[i].start < *next) {
			*next = r[i].start;
		}
	}
	return prot;
}

static int map_lowmem(void)
{
	struct prot_range r[2 + MAX_RESERVED];
	unsigned long low_end = max_low_pfn << PAGE_SHIFT;
	unsigned int n = 0;

	r[n++] = (struct prot_range){ (unsigned long)_fw_start, (unsigned long)_etext, PAGE_KERNEL_RX };
	r[n++] = (struct prot_range){ (unsigned long)_etext, (unsigned long)__end_rodata, PAGE_KERNEL_RO };
	for (unsigned int i = 0; i < boot_info.nr_reserved; i++) {
		const struct mem_range *m = &boot_info.reserved[i];

		if (boot_info.reserved_mmode >> i & 1)
			r[n++] = (struct prot_range){ m->base & ~(PAGE_SIZE - 1),
				ALIGN(m->base + m->size, PAGE_SIZE), PAGE_KERNEL_RWX };
	}
	for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
		unsigned long pa = ALIGN(boot_info.mem[i].base, PAGE_SIZE);
		unsigned long end = (boot_info.mem[i].base + boot_info.mem[i].size) & ~(PAGE_SIZE - 1);

		if (end > low_end)
			end = low_end;
		while (pa < end) {
			unsigned long next = end, prot = lowmem_prot(r, n, pa, &next);
			int err = map_kernel_range(pa, pa, next - pa, prot);

			if (err)
				return err;
			pa = next;
		}
	}
	/* Reserved ranges in HIGHMEM (the DTB, which QEMU puts near the top of RAM) are never handed
	 * out by the allocator, so the identity map of them, read-only, leaks no HIGHMEM page. */
	for (unsigned int i = 0; i < boot_info.nr_reserved; i++) {
		const struct mem_range *m = &boot_info.reserved[i];
		unsigned long pa = m->base & ~(PAGE_SIZE - 1), end = ALIGN(m->base + m->size, PAGE_SIZE);
		int err;

		if (pa < low_end)
			pa = low_end;
		if (pa >= end || (boot_info.reserved_mmode >> i & 1))
			continue;
		err = __map_range(pa, pa, end - pa, PAGE_KERNEL_RO, true);
		if (err)
			return err;
	}
	return 0;
}

/* Every reg range of the DT outside RAM is a device: identity, RW, NX (Linux would ioremap each
 * in its driver; the firmware's drivers keep their physical addresses). */
static void map_dt_devices(const void *fdt, int node, int depth)
{
	const char *name = fdt_node_name(fdt, node);
	u64 base, size;

	if (depth > 8 || !name || !strncmp(name, "memory", 6) || !strcmp(name, "cpus") ||
	    !strcmp(name, "reserved-memory"))
		return;
	for (int i = 0; depth && fdt_reg(fdt, node, i, &base, &size) == FDT_OK; i++) {
		u64 start = base & ~(PAGE_SIZE - 1), end = ALIGN(base + size, PAGE_SIZE);

		if (!size || end > (1ULL << 38) || end <= start)
			continue;
		if (__map_range(start, start, end - start, PAGE_KERNEL_IO, true))
			pr_warn("sv39: device %s at 0x%llx not mapped\n", name,
				(unsigned long long)base);
	}
	for (int c = fdt_first_child(fdt, node); c >= 0; c = fdt_next_sibling(fdt, c))
		map_dt_devices(fdt, c, depth + 1);
}

/* The windows' tables are made now, so the root never changes after the switch. */
static int make_windows(void)
{
	pte_t *p = pte_alloc_at(VMALLOC_START, 1);

	if (!p)
		return -12;
	p = pte_alloc_at(PKMAP_BASE, 0);
	if (!p)
		return -12;
	pkmap_pte = p - vpn(PKMAP_BASE, 0);
	p = pte_alloc_at(FIXADDR_START, 0);
	if (!p)
		return -12;
	fixmap_pte = p - vpn(FIXADDR_START, 0);
	return 0;
}

static volatile unsigned int harts_failed;

static void sv39_enable_this_hart(void *arg)
{
	(void)arg;
	local_flush_tlb_all();
	csr_write(satp, satp_value);
	local_flush_tlb_all();
	if (csr_read(satp) != satp_value)
		__atomic_add_fetch(&harts_failed, 1, __ATOMIC_SEQ_CST);
}

/* Bootarg satp_mode=sv39|bare; mm_init() runs the handler before paging_init() reads it. */
bool boot_satp_bare;

static int early_satp_mode(const char *val)
{
	if (val && !strcmp(val, "sv39"))
		boot_satp_bare = false;
	else if (val && !strcmp(val, "bare"))
		boot_satp_bare = true;
	else
		return -1;
	return 0;
}
early_param("satp_mode", early_satp_mode);

void paging_init(void)
{
	int err;

	if (boot_satp_bare) {
		printk("sv39:     off (satp_mode=bare): the firmware runs untranslated\n");
		return;
	}
	swapper_pg_dir = pt_alloc();
	err = swapper_pg_dir ? map_lowmem() : -12;
	if (!err)
		err = make_windows();
	if (err) {
		pr_err("sv39: cannot build the kernel page tables (%d); staying in bare mode\n", err);
		return;
	}
	map_dt_devices(boot_info.fdt, fdt_path_offset(boot_info.fdt, "/"), 0);
	have_rfence = sbi_probe_extension(SBI_EXT_RFENCE) > 0;
	satp_value = SATP_MODE_SV39 | (__pa(swapper_pg_dir) >> PAGE_SHIFT);
	/* Every online hart, this one included, switches in its cross-call. */
	smp_call_on_all(sv39_enable_this_hart, NULL);
	if (harts_failed) {
		pr_err("sv39: %u hart(s) refused satp = 0x%lx; every hart back to bare\n", harts_failed,
		       satp_value);
		satp_value = 0;
		smp_call_on_all(sv39_enable_this_hart, NULL);
		return;
	}
	sv39_enabled = true;
	printk("sv39:     on, satp 0x%016lx; lowmem identity-mapped below 0x%lx, vmalloc "
	       "0x%lx-0x%lx, pkmap 0x%lx\n", satp_value, max_low_pfn << PAGE_SHIFT, VMALLOC_START,
	       VMALLOC_END - 1, PKMAP_BASE);
}
