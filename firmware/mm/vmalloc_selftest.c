// SPDX-License-Identifier: BSD-2-Clause
/*
 * Self-tests of Sv39 (sv39_*) and vmalloc (vmalloc_*). They show that translation is really on:
 * a vmalloc address reads the page vmalloc_to_page() names, the guard page and the text fault,
 * a HIGHMEM page is out of reach but through kmap; and that vmalloc refuses bad calls without
 * changing anything, batches its TLB flushes, and flushes the other harts' TLBs.
 * With satp_mode=bare they skip (nothing to test), except sv39_bare_mode, which checks that.
 */
#include <asm/csr.h>
#include <asm/highmem.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <pagoda/boot.h>
#include <pagoda/selftest.h>
#include <pagoda/smp.h>
#include <pagoda/string.h>

extern pte_t *swapper_pg_dir;
extern const char _fw_start[], _etext[], __end_rodata[], _sdata[];

#define NEED_SV39() do { \
	if (!sv39_enabled) \
		ST_SKIP("satp_mode=bare"); \
} while (0)

static unsigned long hart_satp[NR_CPUS];

/* A HIGHMEM page from any node: with NUMA the HIGHMEM zone may be on another node than this
 * hart's, which GFP_HIGHUSER alone does not reach before this node's Normal zone. */
static struct page *alloc_highmem_page(void)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct page *p;

		if (!NODE_DATA(nid)->online)
			continue;
		p = alloc_pages_node(nid, GFP_HIGHUSER | __GFP_THISNODE, 0);
		if (p && PageHighMem(p))
			return p;
		if (p)
			__free_pages(p, 0);
	}
	return NULL;
}

/* The setup most tests share: vmalloc(size); the test is skipped without Sv39, failed without
 * memory. */
static void *test_vmalloc(unsigned long size)
{
	void *va;

	NEED_SV39();
	va = vmalloc(size);
	ST_ASSERT(va != NULL);
	return va;
}

/* A HIGHMEM page, the test skipped without one. */
static struct page *test_highmem_page(void)
{
	struct page *p = alloc_highmem_page();

	if (!p)
		ST_SKIP("no HIGHMEM (highmem=0 or too little RAM)");
	return p;
}

/*
 * Every online hart loads the word at addr (which puts its translation in that hart's TLB) and
 * the test fails unless each one read `want` (a value, or -cause of the fault it took). The
 * TLB tests (kmap slots, vmalloc shootdown) check with it before and after an unmap.
 */
static volatile unsigned long hart_probe_addr;
static volatile long hart_probe[NR_CPUS];

static void hart_probe_read(void *arg)
{
	unsigned long v = 0;

	(void)arg;
	hart_probe[smp_processor_id()] = probe_read64(hart_probe_addr, &v) ?: (long)v;
}

static void every_hart_reads(unsigned long addr, long want, const char *when)
{
	unsigned int cpu;

	hart_probe_addr = addr;
	smp_call_on_all(hart_probe_read, NULL);
	for_each_online_cpu(cpu)
		if (hart_probe[cpu] != want)
			ST_FAIL("cpu %u read %ld %s, want %ld%s", cpu, hart_probe[cpu], when, want,
				want < 0 ? " (stale TLB entry?)" : "");
}

static void read_satp(void *arg)
{
	(void)arg;
	hart_satp[smp_processor_id()] = csr_read(satp);
}

SELFTEST(sv39_every_hart_on)
{
	unsigned long want = SATP_MODE_SV39 | (__pa(swapper_pg_dir) >> PAGE_SHIFT);
	unsigned int cpu;

	NEED_SV39();
	memset(hart_satp, 0, sizeof(hart_satp));
	smp_call_on_all(read_satp, NULL);
	for_each_online_cpu(cpu)
		if (hart_satp[cpu] != want)
			ST_FAIL("cpu %u: satp 0x%lx, want 0x%lx", cpu, hart_satp[cpu], want);
	return 0;
}

/* satp_mode=bare: nothing translated, and vmalloc says why it cannot work. */
SELFTEST(sv39_bare_mode)
{
	int errs = vmalloc_errors();

	if (!boot_satp_bare)
		ST_SKIP("satp_mode is sv39");
	ST_ASSERT(!sv39_enabled);
	ST_ASSERT_EQ(csr_read(satp), 0);
	ST_ASSERT(vmalloc(PAGE_SIZE) == NULL);
	ST_ASSERT_EQ(vmalloc_errors(), errs + 1);
	return 0;
}

/* The image's text and its data each sit under one 2 MiB leaf (firmware.ld), so that the core's
 * 8-entry ITLB and DTLB hold all of them: text RX, data RW, both NX/X as they should be. */
static int check_leaf(const char *what, unsigned long va, unsigned long prot)
{
	unsigned int level;
	pte_t pte = READ_ONCE(*lookup_kernel_pte(va, &level));

	if (!pte_present(pte) || level != 1)
		return selftest_fail("%s 0x%lx: %s at level %u, want a 2 MiB leaf", what, va,
				     pte_present(pte) ? "leaf" : "no leaf", level);
	if ((pte & (_PAGE_R | _PAGE_W | _PAGE_X)) != (prot & (_PAGE_R | _PAGE_W | _PAGE_X)))
		return selftest_fail("%s 0x%lx: pte 0x%lx, want permissions 0x%lx", what, va,
				     (unsigned long)pte, prot & (_PAGE_R | _PAGE_W | _PAGE_X));
	return 0;
}

SELFTEST(sv39_image_in_2m_leaves)
{
	int r;

	NEED_SV39();
	ST_ASSERT_EQ(((unsigned long)_etext - (unsigned long)_fw_start) % PMD_SIZE, 0);
	r = check_leaf("text", (unsigned long)_fw_start, PAGE_KERNEL_RX);
	if (!r)
		r = check_leaf("text", (unsigned long)&selftest_fail, PAGE_KERNEL_RX);
	if (!r)
		r = check_leaf("data", (unsigned long)_sdata, PAGE_KERNEL);
	return r;
}

/* Text is RX: a store there is a store page fault (the value written is the one read, should it
 * go through). */
SELFTEST(sv39_text_is_read_only)
{
	unsigned long addr = (unsigned long)&selftest_fail & ~7UL, v = 0;

	NEED_SV39();
	ST_ASSERT_EQ(probe_read64(addr, &v), 0);
	ST_EXPECT_FAULT("store to text", probe_write64(addr, v), EXC_STORE_PAGE_FAULT, addr);
	return 0;
}

static const unsigned long ro_word = 0x5a5a5a5a;

SELFTEST(sv39_rodata_is_read_only)
{
	unsigned long addr = (unsigned long)&ro_word, v = 0;

	NEED_SV39();
	ST_ASSERT(addr < (unsigned long)__end_rodata);
	ST_ASSERT_EQ(probe_read64(addr, &v), 0);
	ST_ASSERT_EQ(v, 0x5a5a5a5a);
	ST_EXPECT_FAULT("store to rodata", probe_write64(addr, v), EXC_STORE_PAGE_FAULT, addr);
	return 0;
}

/* Data is NX: a fetch from a heap page holding c.jr ra (which would just return) faults. */
SELFTEST(sv39_data_is_not_executable)
{
	u16 *code = kmalloc(64, GFP_KERNEL);
	long r;

	NEED_SV39();
	ST_ASSERT(code != NULL);
	code[0] = 0x8082;	/* c.jr ra */
	__asm__ volatile("fence.i" ::: "memory");
	r = probe_exec((unsigned long)code);
	kfree(code);
	ST_EXPECT_FAULT("fetch from the heap", r, EXC_INST_PAGE_FAULT, (unsigned long)code);
	return 0;
}

/* A HIGHMEM page is outside the direct map: its physical address faults, kmap and kmap_local
 * give windows onto the same page. */
SELFTEST(sv39_highmem_kmap)
{
	struct page *p;
	unsigned long pa, v = 0;
	u64 *k, *l;

	NEED_SV39();
	p = test_highmem_page();
	pa = page_to_phys(p);
	ST_EXPECT_FAULT("load through the physical address", probe_read64(pa, &v),
			EXC_LOAD_PAGE_FAULT, pa);
	k = kmap(p);
	ST_ASSERT((unsigned long)k >= PKMAP_BASE && (unsigned long)k < FIXADDR_START);
	ST_ASSERT(page_address(p) == k);
	k[7] = 0x1234567890abcdefULL;
	l = kmap_local_pfn(page_to_pfn(p));
	ST_ASSERT((unsigned long)l >= FIXADDR_START);
	ST_ASSERT_EQ(l[7], 0x1234567890abcdefULL);
	kunmap_local(l);
	kunmap(p);
	ST_ASSERT(page_address(p) == NULL);
	__free_pages(p, 0);
	return 0;
}

/*
 * kunmap() leaves the TLBs alone; when the pkmap slots wrap around, one flush on every hart frees
 * every slot unmapped since (Linux flush_all_zero_pkmaps). The other harts read through the
 * first slot (its translation is in their TLBs now); LAST_PKMAP - 1 more kmaps go once round the
 * other slots, through the wrap, never reusing the first: after that every hart must fault there.
 * (Both QEMU's and Pagoda's sfence.vma flush the whole local TLB, so it is the remote harts that
 * could keep a stale entry.)
 */
SELFTEST(sv39_kmap_slots_recycled)
{
	struct page *p;
	unsigned long va0;
	u64 *k;

	NEED_SV39();
	p = test_highmem_page();
	do {
		k = kmap(p);
		ST_ASSERT(k != NULL);
		va0 = (unsigned long)k;
		*k = 7;
		every_hart_reads(va0, 7, "through kmap");	/* into every hart's TLB */
		kunmap(p);
	} while (va0 == PKMAP_BASE);	/* slot 0: the wrap would come first and reuse it */
	for (unsigned int i = 0; i < LAST_PKMAP - 1; i++) {
		k = kmap(p);
		if (!k || (unsigned long)k == va0)
			ST_FAIL("kmap %u: %p (first slot 0x%lx)", i, k, va0);
		kunmap(p);
	}
	every_hart_reads(va0, -EXC_LOAD_PAGE_FAULT, "from a recycled pkmap slot");
	__free_pages(p, 0);
	return 0;
}

/* The bytes at va, read through the backing page's own mapping (kmap_local), are the ones written
 * through va: the vmalloc address translates to that page. */
static void check_backing(const u8 *va, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++) {
		struct page *pg = vmalloc_to_page(va + i * PAGE_SIZE);
		const u8 *k;
		bool same;

		if (!pg)
			ST_FAIL("vmalloc_to_page(%p) is NULL", va + i * PAGE_SIZE);
		k = kmap_local_pfn(page_to_pfn(pg));
		same = !memcmp(k, va + i * PAGE_SIZE, PAGE_SIZE);
		kunmap_local((void *)k);
		if (!same)
			ST_FAIL("page %lu of %p differs from its backing page", i, va);
	}
}

SELFTEST(vmalloc_maps_its_pages)
{
	unsigned long size = 3 * PAGE_SIZE + 100;
	u8 *va;

	va = test_vmalloc(size);
	ST_ASSERT(is_vmalloc_addr(va) && !((unsigned long)va & (PAGE_SIZE - 1)));
	for (unsigned long i = 0; i < 4 * PAGE_SIZE; i++)
		va[i] = (u8)(i * 7 + (i >> 12));
	check_backing(va, 4);
	/* Distinct pages. */
	for (unsigned long i = 0; i < 4; i++)
		for (unsigned long j = i + 1; j < 4; j++)
			ST_ASSERT(vmalloc_to_page(va + i * PAGE_SIZE) != vmalloc_to_page(va + j * PAGE_SIZE));
	ST_ASSERT(vmalloc_to_page(va + 4 * PAGE_SIZE) == NULL);	/* the guard */
	vfree(va);
	return 0;
}

SELFTEST(vmalloc_guard_page_faults)
{
	unsigned long v = 0, guard;
	u8 *va, *next;

	va = test_vmalloc(2 * PAGE_SIZE);
	next = test_vmalloc(PAGE_SIZE);	/* first fit: right behind va's guard page, not on it */
	guard = (unsigned long)va + 2 * PAGE_SIZE;
	if ((unsigned long)next >= guard)
		ST_ASSERT((unsigned long)next >= guard + PAGE_SIZE);
	vfree(next);
	ST_ASSERT_EQ(probe_read64(guard - 8, &v), 0);
	ST_EXPECT_FAULT("load from the guard page", probe_read64(guard, &v), EXC_LOAD_PAGE_FAULT,
			guard);
	ST_EXPECT_FAULT("store to the guard page", probe_write64(guard + 8, 1), EXC_STORE_PAGE_FAULT,
			guard + 8);
	vfree(va);
	return 0;
}

/* vzalloc zeroes what vmalloc would hand out dirty: the pages freed just before. */
SELFTEST(vzalloc_zeroes)
{
	unsigned long size = 16 * PAGE_SIZE;
	u8 *va;

	va = test_vmalloc(size);
	memset(va, 0xa5, size);
	vfree(va);
	va = vzalloc(size);
	ST_ASSERT(va != NULL);
	for (unsigned long i = 0; i < size; i++)
		if (va[i])
			ST_FAIL("byte %lu of vzalloc'ed memory is 0x%02x", i, va[i]);
	vfree(va);
	return 0;
}

/* vmalloc prefers HIGHMEM pages (GFP_KERNEL | __GFP_HIGHMEM), which only its mapping reaches. */
SELFTEST(vmalloc_highmem_backing)
{
	unsigned long nr = 8, high = 0;
	u64 *va;

	va = test_vmalloc(nr * PAGE_SIZE);
	for (unsigned long i = 0; i < nr * PAGE_SIZE / 8; i++)
		va[i] = i ^ 0x5555;
	for (unsigned long i = 0; i < nr; i++)
		high += PageHighMem(vmalloc_to_page((u8 *)va + i * PAGE_SIZE));
	for (unsigned long i = 0; i < nr * PAGE_SIZE / 8; i++)
		ST_ASSERT_EQ(va[i], i ^ 0x5555);
	vfree(va);
	if (!max_low_pfn || !high)
		ST_SKIP("no HIGHMEM page on this hart's node (highmem=0, or NUMA)");
	return 0;
}

SELFTEST(vmalloc_vmap_vunmap)
{
	struct page *pages[4];
	unsigned long v = 0;
	u8 *va;

	NEED_SV39();
	for (int i = 0; i < 4; i++) {
		pages[i] = alloc_pages(i & 1 ? GFP_HIGHUSER : GFP_KERNEL, 0);
		ST_ASSERT(pages[i] != NULL);
	}
	va = vmap(pages, 4, VM_MAP, PAGE_KERNEL);
	ST_ASSERT(va != NULL);
	for (int i = 0; i < 4; i++) {
		ST_ASSERT(vmalloc_to_page(va + i * PAGE_SIZE) == pages[i]);
		memset(va + i * PAGE_SIZE, 0x10 + i, PAGE_SIZE);
	}
	check_backing(va, 4);
	vunmap(va);
	vm_unmap_aliases();
	ST_EXPECT_FAULT("load after vunmap", probe_read64((unsigned long)va, &v), EXC_LOAD_PAGE_FAULT,
			(unsigned long)va);
	for (int i = 0; i < 4; i++) {
		u8 *k = kmap(pages[i]);

		ST_ASSERT_EQ(k[100], 0x10 + i);	/* the pages are the caller's, untouched */
		kunmap(pages[i]);
		__free_pages(pages[i], 0);
	}
	return 0;
}

/* Every bad call is refused, counted, and leaves the area as it was. */
SELFTEST(vmalloc_bad_calls_change_nothing)
{
	struct page *pg;
	u64 *va, *k;
	int errs;

	NEED_SV39();
	errs = vmalloc_errors();
	ST_ASSERT(vmalloc(0) == NULL);
	ST_ASSERT(vmalloc(VMALLOC_END - VMALLOC_START) == NULL);
	ST_ASSERT(vmap(NULL, 1, VM_MAP, PAGE_KERNEL) == NULL);
	ST_ASSERT_EQ(vmalloc_errors(), errs + 3);
	va = vmalloc(2 * PAGE_SIZE);
	k = kmalloc(64, GFP_KERNEL);
	ST_ASSERT(va != NULL && k != NULL);
	pg = alloc_pages(GFP_KERNEL, 0);
	ST_ASSERT(pg != NULL);
	ST_ASSERT(vmap(&pg, 0, VM_MAP, PAGE_KERNEL) == NULL);
	ST_ASSERT(vmap(&pg, 1, VM_MAP, PAGE_KERNEL_RX) == NULL);
	va[0] = 42;
	errs = vmalloc_errors();
	vfree((u8 *)va + 8);		/* unaligned */
	vfree((u8 *)va + PAGE_SIZE);	/* inside, aligned */
	vfree(k);			/* not vmalloc memory */
	vfree((void *)(VMALLOC_END - PAGE_SIZE));	/* in the range, in no area */
	vunmap(va);			/* vmalloc'ed, not vmap'ed */
	ST_ASSERT_EQ(vmalloc_errors(), errs + 5);
	ST_ASSERT_EQ(va[0], 42);	/* still mapped, still ours */
	ST_ASSERT(vmalloc_to_page((u8 *)va + PAGE_SIZE) != NULL);
	vfree(va);
	vfree(va);			/* double free */
	ST_ASSERT_EQ(vmalloc_errors(), errs + 6);
	kfree(k);
	__free_pages(pg, 0);
	return 0;
}

/*
 * Freed ranges wait, unmapped, until lazy_max_pages() pages are waiting: no flush and no reuse of
 * the range before that; then exactly one purge flushes them all.
 */
SELFTEST(vmalloc_lazy_purge_batches)
{
	unsigned long purges, flushes, max, v;
	unsigned long first;
	u8 *va;

	NEED_SV39();
	vm_unmap_aliases();	/* start from an empty lazy list */
	ST_ASSERT_EQ(vmalloc_nr_lazy_pages(), 0);
	purges = vmalloc_nr_purges();
	flushes = sv39_tlb_flushes();
	max = lazy_max_pages();
	va = test_vmalloc(PAGE_SIZE);
	first = (unsigned long)va;
	vfree(va);
	ST_ASSERT_EQ(vmalloc_nr_lazy_pages(), 2);	/* the page and its guard */
	ST_EXPECT_FAULT("load after vfree", probe_read64(first, &v), EXC_LOAD_PAGE_FAULT, first);
	/* Each area takes 16 + 1 pages of the lazy budget. */
	while (vmalloc_nr_lazy_pages() + 17 <= max) {
		va = test_vmalloc(16 * PAGE_SIZE);
		ST_ASSERT((unsigned long)va != first);	/* not reused before the purge */
		vfree(va);
		ST_ASSERT_EQ(vmalloc_nr_purges(), purges);
	}
	ST_ASSERT_EQ(sv39_tlb_flushes(), flushes);
	va = test_vmalloc(16 * PAGE_SIZE);
	vfree(va);	/* crosses lazy_max_pages */
	ST_ASSERT_EQ(vmalloc_nr_purges(), purges + 1);
	ST_ASSERT_EQ(vmalloc_nr_lazy_pages(), 0);
	if (num_online_cpus() > 1)
		ST_ASSERT_EQ(sv39_tlb_flushes(), flushes + 1);
	return 0;
}

/*
 * TLB shootdown: every other hart loads the translation of a vmalloc page into its TLB, the
 * area is freed and purged here, then each hart must fault on it. Without the remote sfence.vma
 * their TLBs would still translate it.
 */
SELFTEST(vmalloc_tlb_shootdown)
{
	u64 *va;

	NEED_SV39();
	if (num_online_cpus() < 2)
		ST_SKIP("one hart");
	va = test_vmalloc(PAGE_SIZE);
	*va = 0x600d;
	every_hart_reads((unsigned long)va, 0x600d, "before the free");
	vfree(va);
	vm_unmap_aliases();
	every_hart_reads((unsigned long)va, -EXC_LOAD_PAGE_FAULT, "after vfree and purge");
	return 0;
}

/* Every hart at once: vmalloc, fill, check, vfree, over sizes of 1..8 pages. */
static volatile int smp_failures;

static void smp_churn(void *arg)
{
	unsigned int cpu = smp_processor_id();

	(void)arg;
	for (unsigned int it = 0; it < 24; it++) {
		unsigned long nr = 1 + (it * 5 + cpu) % 8;
		u32 *va = vmalloc(nr * PAGE_SIZE);

		if (!va) {
			__atomic_add_fetch(&smp_failures, 1, __ATOMIC_RELAXED);
			continue;
		}
		for (unsigned long i = 0; i < nr * PAGE_SIZE / 4; i += 97)
			va[i] = (u32)(i ^ (cpu << 24) ^ it);
		for (unsigned long i = 0; i < nr * PAGE_SIZE / 4; i += 97)
			if (va[i] != (u32)(i ^ (cpu << 24) ^ it))
				__atomic_add_fetch(&smp_failures, 1, __ATOMIC_RELAXED);
		vfree(va);
	}
}

SELFTEST(vmalloc_smp_churn)
{
	int errs;

	NEED_SV39();
	errs = vmalloc_errors();
	smp_failures = 0;
	smp_call_on_all(smp_churn, NULL);
	ST_ASSERT_EQ(smp_failures, 0);
	ST_ASSERT_EQ(vmalloc_errors(), errs);
	return 0;
}
