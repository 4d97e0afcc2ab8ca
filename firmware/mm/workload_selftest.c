// SPDX-License-Identifier: BSD-2-Clause
/*
 * The long workload (firmware only): `workload_secs=N` with `selftest selftest_filter=workload_mix`
 * runs, for N seconds, one worker thread per hart over a mix that keeps memory under pressure:
 * anonymous pages in the worker's own address space (faulted, written and read back through its
 * page tables), page-cache reads and writes of the worker's part of two shared files (against a
 * reference of what each page holds), kmalloc/kfree of random sizes and vmalloc/vfree (contents
 * checked), order-0 pages held in a ring and high-order requests (orders 2-9), and one task that
 * owns anonymous memory, respawned when the OOM killer takes it. kswapd, kcompactd and direct
 * reclaim and compaction do the rest. At the end everything is given back and counts reconcile:
 * free pages, slab objects, anonymous and page-cache pages, RAM-disk blocks back to where they
 * were before the run, pages allocated = pages freed over the run, and the allocator's structures
 * consistent. Without workload_secs the test is skipped (the selftest suites stay short).
 * `make workload` runs it on QEMU -smp 4 (docs/testing.md).
 */
#include <asm/pgtable.h>
#include <pagoda/init.h>
#include <pagoda/kstrtox.h>
#include <pagoda/kthread.h>
#include <pagoda/printk.h>
#include <pagoda/sched.h>
#include <pagoda/selftest.h>
#include <pagoda/string.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/pagemap.h>
#include <mm/shrinker.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <mm/vmscan.h>
#include "internal.h"

static unsigned long workload_secs;

static int early_workload_secs(const char *val)
{
	u64 v;

	if (!val || kstrtou64(val, &v) || v > 86400)
		return -1;
	workload_secs = (unsigned long)v;
	return 0;
}
early_param("workload_secs", early_workload_secs);

/* Jiffies compare across a wrap (Linux time_after / time_before). */
#define wl_after(a, b) ((long)((b) - (a)) < 0)

#define MAX_WORKERS 8
#define W_RING 2048		/* order-0 pages a worker may hold */
#define W_ANON 1024		/* pages of its address space */
#define W_FILE 2048		/* pages of its part of a file */
#define W_KOBJ 64
#define W_VM 4
#define HOG_PAGES 1024

enum { K_ANON, K_FILE, K_KMALLOC, K_VMALLOC, K_RING, K_HIGH, NR_K };
static const char *const kind_names[NR_K] = { "anon", "file", "kmalloc", "vmalloc", "ring", "high" };

struct worker {
	struct task_struct *task;
	unsigned int id;
	u64 rng;
	struct mm_struct *mm;
	u32 anon_seed[W_ANON];
	u32 file_seed[W_FILE];
	struct page *ring[W_RING];
	u32 ring_tag[W_RING];
	unsigned int ring_n;
	void *kobj[W_KOBJ];
	u32 ksize_[W_KOBJ];
	void *vm[W_VM];
	u32 vmsize[W_VM];
	unsigned long ops[NR_K], fails[NR_K];
	const char *why;
	unsigned long why_arg;
	u8 buf[PAGE_SIZE];
};

static struct {
	struct worker *w[MAX_WORKERS];
	unsigned int nr;
	unsigned int fpw;		/* pages of each file per worker: W_FILE, less on small memory */
	struct address_space *file[2];
	unsigned long deadline;
	volatile bool stop;
	struct mm_task hog;
	unsigned long hog_spawns, hog_kills;
} WL;

static u64 rnd(struct worker *w)
{
	u64 x = w->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	w->rng = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static void fill(u8 *buf, u32 seed)
{
	for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
		((u64 *)buf)[i] = ((u64)seed * 0x9e3779b97f4a7c15ULL) ^ i;
}

static bool same(const u8 *buf, u32 seed)
{
	if (!seed) {
		for (unsigned int i = 0; i < PAGE_SIZE; i++)
			if (buf[i])
				return false;
		return true;
	}
	for (unsigned int i = 0; i < PAGE_SIZE / 8; i++)
		if (((const u64 *)buf)[i] != (((u64)seed * 0x9e3779b97f4a7c15ULL) ^ i))
			return false;
	return true;
}

#define BAD(w, what, arg) do { (w)->why = (what); (w)->why_arg = (arg); return -1; } while (0)

static unsigned long va(unsigned int i) { return TASK_VA_START + ((unsigned long)i << PAGE_SHIFT); }

static int op_anon(struct worker *w, u64 r)
{
	unsigned int i = (unsigned int)(r % W_ANON);
	bool mmu;

	w->ops[K_ANON]++;
	if (!w->anon_seed[i]) {
		u32 seed = (u32)(r >> 32) | 1;

		if (anon_fault(w->mm, va(i), __GFP_NORETRY | __GFP_NOWARN)) {
			w->fails[K_ANON]++;
			return 0;
		}
		fill(w->buf, seed);
		if (access_mm(w->mm, va(i), w->buf, PAGE_SIZE, true, &mmu))
			BAD(w, "anon write", i);
		w->anon_seed[i] = seed;
		return 0;
	}
	if ((r >> 20) & 3) {
		if (access_mm(w->mm, va(i), w->buf, PAGE_SIZE, false, &mmu) ||
		    !same(w->buf, w->anon_seed[i]))
			BAD(w, "anon page reads back wrong", i);
		return 0;
	}
	if (anon_unmap(w->mm, va(i)))
		BAD(w, "anon unmap", i);
	w->anon_seed[i] = 0;
	return 0;
}

static int op_file(struct worker *w, u64 r)
{
	unsigned int i = (unsigned int)(r % WL.fpw), f = (unsigned int)(r >> 16) & 1;
	unsigned long idx = (unsigned long)w->id * WL.fpw + i;
	u32 *seed = &w->file_seed[i];
	int ret;

	w->ops[K_FILE]++;
	if (f) {	/* the second file: read-mostly, never written (clean cache) */
		ret = pagecache_read(WL.file[1], idx, w->buf, GFP_KERNEL);
		if (ret == -ENOMEM) {
			w->fails[K_FILE]++;
			return 0;
		}
		if (ret || !same(w->buf, 0))
			BAD(w, "clean file page reads back wrong", idx);
		return 0;
	}
	if ((r >> 24) & 1) {
		u32 s = (u32)(r >> 32) | 1;

		fill(w->buf, s);
		ret = pagecache_write(WL.file[0], idx, w->buf, GFP_KERNEL);
		if (!ret)
			*seed = s;
	} else {
		ret = pagecache_read(WL.file[0], idx, w->buf, GFP_KERNEL);
		if (!ret && !same(w->buf, *seed))
			BAD(w, "file page reads back wrong", idx);
	}
	if (ret == -ENOMEM)
		w->fails[K_FILE]++;
	else if (ret)
		BAD(w, "page cache error", (unsigned long)-ret);
	return 0;
}

static int op_kmalloc(struct worker *w, u64 r)
{
	unsigned int i = (unsigned int)(r % W_KOBJ);

	w->ops[K_KMALLOC]++;
	if (w->kobj[i]) {
		u8 *p = w->kobj[i];

		for (u32 b = 0; b < w->ksize_[i]; b++)
			if (p[b] != (u8)(b ^ i ^ w->id))
				BAD(w, "kmalloc object overwritten", i);
		kfree(p);
		w->kobj[i] = NULL;
		return 0;
	}
	w->ksize_[i] = 8 + (u32)((r >> 8) % 8000);
	w->kobj[i] = kmalloc(w->ksize_[i], GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
	if (!w->kobj[i]) {
		w->fails[K_KMALLOC]++;
		return 0;
	}
	for (u32 b = 0; b < w->ksize_[i]; b++)
		((u8 *)w->kobj[i])[b] = (u8)(b ^ i ^ w->id);
	return 0;
}

static int op_vmalloc(struct worker *w, u64 r)
{
	unsigned int i = (unsigned int)(r % W_VM);

	w->ops[K_VMALLOC]++;
	if (w->vm[i]) {
		u32 *p = w->vm[i];

		for (u32 k = 0; k < w->vmsize[i] / 4; k += 1024)
			if (p[k] != (k ^ w->id))
				BAD(w, "vmalloc area overwritten", i);
		vfree(p);
		w->vm[i] = NULL;
		return 0;
	}
	w->vmsize[i] = (1 + (u32)((r >> 8) % 64)) * PAGE_SIZE;
	w->vm[i] = __vmalloc(w->vmsize[i], GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
	if (!w->vm[i]) {
		w->fails[K_VMALLOC]++;
		return 0;
	}
	for (u32 k = 0; k < w->vmsize[i] / 4; k += 1024)
		((u32 *)w->vm[i])[k] = k ^ w->id;
	return 0;
}

static int op_ring(struct worker *w, u64 r)
{
	w->ops[K_RING]++;
	if (w->ring_n && ((r >> 8) % 8 < 3 || w->ring_n == W_RING)) {
		unsigned int i = (unsigned int)(r >> 16) % w->ring_n;
		u32 *p = page_address(w->ring[i]);

		if (p[0] != w->ring_tag[i] || p[1023] != ~w->ring_tag[i])
			BAD(w, "held page overwritten", page_to_pfn(w->ring[i]));
		__free_page(w->ring[i]);
		w->ring[i] = w->ring[--w->ring_n];
		w->ring_tag[i] = w->ring_tag[w->ring_n];
		return 0;
	} else {
		struct page *p = alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
		u32 *m;

		if (!p) {
			w->fails[K_RING]++;
			return 0;
		}
		m = page_address(p);
		w->ring_tag[w->ring_n] = (u32)r | 1;
		m[0] = w->ring_tag[w->ring_n];
		m[1023] = ~w->ring_tag[w->ring_n];
		w->ring[w->ring_n++] = p;
	}
	return 0;
}

static int op_high(struct worker *w, u64 r)
{
	unsigned int order = 2 + (unsigned int)(r % 8);
	gfp_t gfp = ((r >> 8) & 1 ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL) | __GFP_NORETRY | __GFP_NOWARN;
	struct page *p;

	w->ops[K_HIGH]++;
	p = alloc_pages(gfp, order);
	if (!p) {
		w->fails[K_HIGH]++;
		return 0;
	}
	__free_pages(p, order);
	return 0;
}

static void release_worker(struct worker *w)
{
	while (w->ring_n)
		__free_page(w->ring[--w->ring_n]);
	for (unsigned int i = 0; i < W_KOBJ; i++) {
		kfree(w->kobj[i]);
		w->kobj[i] = NULL;
	}
	for (unsigned int i = 0; i < W_VM; i++) {
		if (w->vm[i])
			vfree(w->vm[i]);
		w->vm[i] = NULL;
	}
	if (w->mm)
		mmput(w->mm);
	w->mm = NULL;
}

/* Worker 0 also keeps the hog alive: a task the OOM killer may take, respawned when it does. */
static void tend_hog(void)
{
	if (WL.hog.task && tsk_is_oom_victim(WL.hog.task)) {
		kthread_stop(WL.hog.task);
		WL.hog.task = NULL;
		WL.hog_kills++;
	}
	if (!WL.hog.task && mm_task_run(&WL.hog, "wl-hog", HOG_PAGES, 500, smp_processor_id()))
		WL.hog_spawns++;
}

static int worker_fn(void *arg)
{
	struct worker *w = arg;
	unsigned long n = 0;
	int ret = 0;

	w->mm = mm_alloc();
	if (!w->mm) {
		w->why = "no memory for an address space";
		return -1;
	}
	while (!READ_ONCE(WL.stop) && !ret) {
		u64 r = rnd(w);

		switch (r % 16) {
		case 0: case 1: case 2: case 3:
			ret = op_anon(w, r >> 4);
			break;
		case 4: case 5: case 6: case 7: case 8:
			ret = op_file(w, r >> 4);
			break;
		case 9: case 10:
			ret = op_kmalloc(w, r >> 4);
			break;
		case 11:
			ret = op_vmalloc(w, r >> 4);
			break;
		case 12: case 13: case 14:
			ret = op_ring(w, r >> 4);
			break;
		default:
			ret = op_high(w, r >> 4);
			break;
		}
		if (!(++n % 64)) {
			if (!w->id)
				tend_hog();
			if (wl_after(jiffies_now(), WL.deadline))
				break;
		}
		cond_resched();
	}
	/* Everything mapped still reads back before it goes. */
	for (unsigned int i = 0; i < W_ANON && !ret; i++) {
		bool mmu;

		if (w->anon_seed[i] && (access_mm(w->mm, va(i), w->buf, PAGE_SIZE, false, &mmu) ||
					!same(w->buf, w->anon_seed[i]))) {
			w->why = "anon page reads back wrong at the end";
			w->why_arg = i;
			ret = -1;
		}
	}
	release_worker(w);
	return ret;	/* kthread_stop() reaps it and collects this */
}

struct snapshot {
	unsigned long free, slab_objs, anon, file, ramdisk, alloc, freed, kpt;
};

static int slab_sum(struct kmem_cache *s, void *arg)
{
	struct slabinfo si;

	kmem_cache_get_info(s, &si);
	*(unsigned long *)arg += si.active_objs;
	return 0;
}

static void settle(struct snapshot *s)
{
	vm_unmap_aliases();
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (node_data[nid].online)
			shrink_slab(GFP_KERNEL, nid, 0);
	drain_all_pages(NULL);
	s->free = global_free_pages();
	s->slab_objs = 0;
	kmem_cache_for_each(slab_sum, &s->slab_objs);
	s->anon = anon_total_rss(NULL);
	s->file = global_node_page_state(NR_FILE_PAGES);
	s->ramdisk = ramdisk_pages();
	s->alloc = vm_event_sum(PGALLOC_DMA) + vm_event_sum(PGALLOC_NORMAL) +
		   vm_event_sum(PGALLOC_HIGH) + vm_event_sum(PGALLOC_MOVABLE);
	s->freed = vm_event_sum(PGFREE);
	s->kpt = kernel_pt_pages();
}

static const enum vm_event_item shown[] = {
	ALLOCSTALL, KSWAPD_WAKE, PAGEOUTRUN, PGSCAN_KSWAPD, PGSTEAL_KSWAPD, PGSTEAL_DIRECT,
	NR_VMSCAN_WRITE, COMPACTSTALL, COMPACTSUCCESS, COMPACTFAIL, KCOMPACTD_WAKE, COMPACTISOLATED, PGMIGRATE_SUCCESS, OOM_KILL,
	PGALLOC_FAIL,
};

SELFTEST(workload_mix)
{
	unsigned long ev0[ARRAY_SIZE(shown)], ops = 0, t_stop, t0 = jiffies_now();
	struct snapshot a, b;
	unsigned int c, k = 0;
	char err[128];
	int failed = 0;

	if (!workload_secs)
		ST_SKIP("no workload_secs= (make workload)");
	memset(&WL, 0, sizeof(WL));
	settle(&a);
	for (unsigned int i = 0; i < ARRAY_SIZE(shown); i++)
		ev0[i] = vm_event_sum(shown[i]);
	WL.nr = min(num_online_cpus(), (unsigned int)MAX_WORKERS);
	WL.fpw = (unsigned int)min((unsigned long)W_FILE, totalram_pages / (2 * WL.nr));
	WL.file[0] = ramfile_create(WL.nr * WL.fpw);
	WL.file[1] = ramfile_create(WL.nr * WL.fpw);
	ST_ASSERT(WL.file[0] && WL.file[1]);
	WL.deadline = jiffies_now() + msecs_to_jiffies((unsigned int)workload_secs * 1000);
	printk("workload: %u worker(s) for %lu s (%u ms after the test's start)\n", WL.nr,
	       workload_secs, jiffies_to_msecs(jiffies_now() - t0));
	for_each_online_cpu(c) {
		struct worker *w;

		if (k == WL.nr)
			break;
		w = vzalloc(sizeof(*w));
		ST_ASSERT(w != NULL);
		w->id = k;
		w->rng = 0x9e3779b97f4a7c15ULL * (k + 1);
		w->task = kthread_create_on_cpu(worker_fn, w, c, "wl%u", k);
		ST_ASSERT(w->task != NULL);
		WL.w[k++] = w;
		wake_up_process(w->task);
	}
	while (!wl_after(jiffies_now(), WL.deadline))
		msleep(100);
	WRITE_ONCE(WL.stop, true);
	t_stop = jiffies_now();
	for (k = 0; k < WL.nr; k++) {
		struct worker *w = WL.w[k];
		int r = kthread_stop(w->task);

		if (r) {
			printk("workload: worker %u: %s (%lu)\n", k, w->why ? w->why : "?", w->why_arg);
			failed++;
		}
		printk("workload: worker %u:", k);
		for (int i = 0; i < NR_K; i++) {
			printk(" %s %lu (%lu failed)", kind_names[i], w->ops[i], w->fails[i]);
			ops += w->ops[i];
		}
		printk("\n");
		vfree(w);
	}
	if (WL.hog.task) {
		int r = kthread_stop(WL.hog.task);

		WL.hog_kills += r == 9;
	}
	/* The clean file must read back as holes, the written one as written: checked by the
	 * workers while they ran; both go now. */
	ramfile_destroy(WL.file[0]);
	ramfile_destroy(WL.file[1]);

	settle(&b);
	printk("workload: teardown %u ms\n", jiffies_to_msecs(jiffies_now() - t_stop));
	printk("workload: %lu operations; hog spawned %lu times, OOM-killed %lu times\n", ops,
	       WL.hog_spawns, WL.hog_kills);
	printk("workload: vmstat over the run:");
	for (unsigned int i = 0; i < ARRAY_SIZE(shown); i++)
		printk(" %s %lu", vm_event_names[shown[i]], vm_event_sum(shown[i]) - ev0[i]);
	printk("\n");
	printk("workload: before/after: free %lu/%lu, slab objects %lu/%lu, anon %lu/%lu, "
	       "file %lu/%lu, ramdisk %lu/%lu; pages allocated %lu, freed %lu; new kernel "
	       "page-table pages %lu (vmalloc's, kept)\n", a.free, b.free, a.slab_objs, b.slab_objs,
	       a.anon, b.anon, a.file, b.file, a.ramdisk, b.ramdisk, b.alloc - a.alloc,
	       b.freed - a.freed, b.kpt - a.kpt);
	/* pgalloc and pgfree are printed, not compared: compaction's free scanner takes pages off
	 * the free lists without counting pgalloc, as Linux's (docs/mm.md "The long workload").
	 * The free count above is the reconciliation. */
	ST_ASSERT_EQ(failed, 0);
	ST_ASSERT(ops > 0);
	ST_ASSERT_EQ(b.free + (b.kpt - a.kpt), a.free);
	ST_ASSERT_EQ(b.slab_objs, a.slab_objs);
	ST_ASSERT_EQ(b.anon, a.anon);
	ST_ASSERT_EQ(b.file, a.file);
	ST_ASSERT_EQ(b.ramdisk, a.ramdisk);
	ST_ASSERT_EQ(mm_verify(err, sizeof(err)), 0);
	return 0;
}
