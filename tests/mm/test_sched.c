// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the scheduler (kernel/sched.c, wait.c, kthread.c) and of kswapd (mm/vmscan.c) on
 * the host allocator, ASan+UBSan. One host thread plays one hart; tasks switch with swapcontext
 * (arch/host), so every interleaving here is decided by the scheduler alone: deterministic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <asm/timex.h>
#include <pagoda/kthread.h>
#include <pagoda/wait.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/oom.h>
#include <mm/shrinker.h>
#include <mm/vmscan.h>
#include "mmt.h"

extern __thread unsigned int host_cpu_id;

static int setup(void **state)
{
	struct mmt_cfg c = { "", 1, 16, true };

	(void)state;
	host_printk_enabled = 0;
	host_cpu_id = 0;
	if (mmt_boot(&c))
		return -1;
	sched_init(1000000000ULL);	/* the host's time base counts nanoseconds */
	return 0;
}

static char log_buf[64];
static unsigned int log_n;

static int rr_fn(void *arg)
{
	for (int i = 0; i < 4; i++) {
		log_buf[log_n++] = (char)(unsigned long)arg;
		yield();
	}
	return (int)(unsigned long)arg;
}

/* Runnable tasks take turns in FIFO order; init, yielding, takes its turn too. */
static void t_round_robin(void **state)
{
	struct task_struct *a, *b;
	unsigned int tasks = sched_nr_tasks();

	(void)state;
	log_n = 0;
	a = kthread_run(rr_fn, (void *)'a', "rr-a");
	b = kthread_run(rr_fn, (void *)'b', "rr-b");
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(sched_nr_tasks(), tasks + 2);
	for (int r = 0; r < 4; r++) {
		log_buf[log_n++] = 'i';
		yield();
	}
	log_buf[log_n] = 0;
	assert_string_equal(log_buf, "iabiabiabiab");
	assert_int_equal(kthread_stop(a), 'a');
	assert_int_equal(kthread_stop(b), 'b');
	assert_int_equal(sched_nr_tasks(), tasks);
}

static struct wait_queue_head wq;
static volatile bool cond, woke;

static int waiter_fn(void *arg)
{
	(void)arg;
	wait_event(wq, cond);
	woke = true;
	return 7;
}

/* A waiter blocks; a wake_up with the condition false leaves it asleep; true wakes it. */
static void t_wait_queue(void **state)
{
	struct task_struct *w;

	(void)state;
	init_waitqueue_head(&wq);
	cond = woke = false;
	w = kthread_run(waiter_fn, NULL, "waiter");
	assert_non_null(w);
	yield();	/* the waiter runs until it blocks */
	assert_int_equal(w->state, TASK_UNINTERRUPTIBLE);
	assert_true(waitqueue_active(&wq));
	wake_up(&wq);
	yield();
	assert_false(woke);
	assert_int_equal(w->state, TASK_UNINTERRUPTIBLE);
	cond = true;
	wake_up(&wq);
	assert_int_equal(w->state, TASK_RUNNING);
	yield();
	assert_true(woke);
	assert_false(waitqueue_active(&wq));
	assert_int_equal(kthread_stop(w), 7);
}

static int never_fn(void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void t_stop_before_run_and_bad_calls(void **state)
{
	int ran = 0;
	struct task_struct *k = kthread_create(never_fn, &ran, "never");

	(void)state;
	assert_non_null(k);
	assert_int_equal(kthread_stop(k), -EINTR);
	assert_int_equal(ran, 0);
	assert_null(kthread_create_on_cpu(never_fn, &ran, 5, "bad"));
	assert_null(kthread_create(NULL, &ran, "bad"));
	assert_true(kthread_stop(current) < 0);
}

/* Sleeps last at least their time; a wait that nobody ends times out with 0 left. */
static void t_sleep_and_timeout(void **state)
{
	u64 t0 = get_time();
	unsigned long nv = current->nvcsw;

	(void)state;
	msleep(3);
	assert_true(get_time() - t0 >= 3000000);
	assert_true(current->nvcsw > nv);	/* it blocked: the idle task ran */
	init_waitqueue_head(&wq);
	t0 = get_time();
	assert_int_equal(wait_event_timeout(wq, false, 2), 0);
	assert_true(get_time() - t0 >= 2000000);
	assert_true(wait_event_timeout(wq, true, 2) > 0);
	assert_int_equal(schedule_timeout(-1), 0);	/* refused, returns at once */
}

static volatile gfp_t seen;
static volatile int step;

static int scope_fn(void *arg)
{
	unsigned int f = memalloc_nofs_save();

	(void)arg;
	step = 1;
	while (step != 2)
		yield();
	seen = current_gfp_context(GFP_KERNEL);
	memalloc_nofs_restore(f);
	return 0;
}

/* A NOFS scope stays with its task across switches; the other task on the hart is unaffected. */
static void t_scope_per_task(void **state)
{
	struct task_struct *k;

	(void)state;
	step = 0;
	k = kthread_run(scope_fn, NULL, "scope");
	while (step != 1)
		yield();
	assert_int_equal(current_gfp_context(GFP_KERNEL), GFP_KERNEL);
	step = 2;
	assert_int_equal(kthread_stop(k), 0);
	assert_int_equal(seen, GFP_KERNEL & ~__GFP_FS);
}

/* A cache of pages behind a shrinker, as in the firmware's self-test. */
static LIST_HEAD(cache);
static unsigned long cache_nr, kswapd_freed, own_scans;
static bool cache_allow;

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
	(void)s;
	(void)sc;
	return cache_allow ? cache_nr : 0;
}

static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long n = 0;

	(void)s;
	if (!(current->flags & PF_KSWAPD))
		own_scans++;
	while (cache_allow && n < sc->nr_to_scan && cache_nr) {
		struct page *p = list_first_entry(&cache, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, 0);
		cache_nr--;
		n++;
	}
	if (current->flags & PF_KSWAPD)
		kswapd_freed += n;
	return n;
}

static struct shrinker cache_shrinker = { .count_objects = cache_count,
					  .scan_objects = cache_scan, .seeks = DEFAULT_SEEKS };

static void cache_fill(gfp_t gfp, bool until_wake)
{
	unsigned long w0 = vm_event_sum(KSWAPD_WAKE);
	struct page *p;

	while ((p = alloc_pages(gfp | __GFP_NOWARN, 0))) {
		list_add_tail(&p->lru, &cache);
		cache_nr++;
		if (until_wake && vm_event_sum(KSWAPD_WAKE) != w0)
			break;
	}
}

static void cache_empty(void)
{
	cache_allow = true;
	while (cache_nr) {
		struct page *p = list_first_entry(&cache, struct page, lru);

		list_del(&p->lru);
		__free_pages(p, 0);
		cache_nr--;
	}
	unregister_shrinker(&cache_shrinker);
}

static void cache_init(bool allow)
{
	INIT_LIST_HEAD(&cache);
	cache_nr = kswapd_freed = own_scans = 0;
	cache_allow = allow;
	assert_int_equal(register_shrinker(&cache_shrinker, "test-cache"), 0);
}

static bool node0_balanced(void)
{
	for (int i = 0; i <= ZONE_NORMAL; i++) {
		struct zone *z = &node_data[0].node_zones[i];

		if (managed_zone(z) && zone_watermark_ok(z, 0, high_wmark_pages(z), ZONE_NORMAL, 0))
			return true;
	}
	return false;
}

/* Below low, the slow path wakes kswapd; it runs (the only other task here) when init yields,
 * reclaims through the shrinker up to the high mark, and sleeps again. */
static void t_kswapd_balances(void **state)
{
	unsigned long run0 = vm_event_sum(PAGEOUTRUN), steal0 = vm_event_sum(PGSTEAL_KSWAPD);
	int i;

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	assert_non_null(kswapd_task(0));
	yield();	/* kswapd starts and goes to sleep */
	assert_true(kswapd_is_sleeping(0));
	cache_init(true);
	cache_fill(GFP_NOWAIT, true);
	assert_false(node0_balanced());
	assert_int_equal(vm_event_sum(PAGEOUTRUN), run0);	/* it has not run: init did not yield */
	for (i = 0; i < 1000 && !(kswapd_is_sleeping(0) && vm_event_sum(PAGEOUTRUN) != run0); i++)
		yield();
	assert_true(kswapd_is_sleeping(0));
	assert_true(node0_balanced());
	assert_true(kswapd_freed > 0);
	assert_true(vm_event_sum(PGSTEAL_KSWAPD) - steal0 >= kswapd_freed);
	assert_int_equal(own_scans, 0);
	cache_empty();
	kswapd_stop(0);
}

/* GFP_ATOMIC and GFP_NOWAIT at their limits: no switch (kswapd is runnable on this very hart),
 * no allocstall, no scan of their own. GFP_KERNEL does reclaim. */
static void t_atomic_never_sleeps(void **state)
{
	static const gfp_t g[] = { GFP_ATOMIC, GFP_NOWAIT };

	(void)state;
	assert_int_equal(kswapd_init(), 0);
	yield();
	cache_init(false);
	cache_fill(GFP_NOWAIT, false);
	cache_fill(GFP_ATOMIC, false);
	for (unsigned int i = 0; i < 2; i++) {
		unsigned long sw = current->nvcsw + current->nivcsw, st = vm_event_sum(ALLOCSTALL);
		unsigned long wk = vm_event_sum(KSWAPD_WAKE);

		assert_null(alloc_pages(g[i] | __GFP_NOWARN, 0));
		assert_int_equal(current->nvcsw + current->nivcsw, sw);
		assert_int_equal(vm_event_sum(ALLOCSTALL), st);
		assert_int_equal(own_scans, 0);
		assert_true(vm_event_sum(KSWAPD_WAKE) > wk || kswapd_failures(0) >= 16);
	}
	{
		/* A reclaimer: the reserves, and no reclaim of its own. */
		unsigned long st = vm_event_sum(ALLOCSTALL);
		unsigned int f = memalloc_noreclaim_save();
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);

		memalloc_noreclaim_restore(f);
		assert_non_null(p);
		assert_int_equal(vm_event_sum(ALLOCSTALL), st);
		assert_int_equal(own_scans, 0);
		assert_false(current->flags & PF_MEMALLOC);
		__free_pages(p, 0);
	}
	{
		unsigned long st = vm_event_sum(ALLOCSTALL), sw = current->nivcsw;

		cache_allow = true;
		alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0);
		assert_int_equal(vm_event_sum(ALLOCSTALL), st + 1);
		assert_true(own_scans > 0);
		/* cond_resched() after reclaim let the runnable kswapd in */
		assert_true(current->nivcsw > sw);
	}
	cache_empty();
	kswapd_stop(0);
}

/* Two walkers at once: while one is inside a shrinker (it yields there, as a shrinker that
 * sleeps would), a task on the same hart walks the shrinkers too and must get its share
 * (Linux's shrinker_rwsem is taken for reading by both). */
static volatile unsigned long inner_freed;

static int inner_walker(void *arg)
{
	(void)arg;
	inner_freed = shrink_slab(GFP_KERNEL, 0, 0);
	return 0;
}

static unsigned long yielding_count(struct shrinker *s, struct shrink_control *sc)
{
	(void)s;
	(void)sc;
	return 1;
}

static unsigned long yielding_scan(struct shrinker *s, struct shrink_control *sc)
{
	(void)s;
	(void)sc;
	if (!(current->flags & PF_KTHREAD))
		yield();	/* the outer walk (init) lets the inner walker run now */
	return 0;
}

static void t_shrinkers_walk_concurrently(void **state)
{
	struct shrinker y = { .count_objects = yielding_count, .scan_objects = yielding_scan,
			      .seeks = DEFAULT_SEEKS };
	struct task_struct *k;

	(void)state;
	inner_freed = 0;
	/* y first, then the page cache: the outer walk is inside y when the inner one starts. */
	assert_int_equal(register_shrinker(&y, "yielding"), 0);
	cache_init(true);
	for (int i = 0; i < 10; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		assert_non_null(p);
		list_add_tail(&p->lru, &cache);
		cache_nr++;
	}
	k = kthread_run(inner_walker, NULL, "inner");
	assert_non_null(k);
	assert_int_equal(shrink_slab(GFP_KERNEL, 0, 0), 0);	/* the inner walk took them all */
	assert_int_equal(kthread_stop(k), 0);
	assert_int_equal(inner_freed, 10);
	unregister_shrinker(&y);
	cache_empty();
}


/* ---------------------------------------------------------------- OOM killer */

static struct page *oom_stash[8192];
static unsigned int oom_nstash;

/* Take every free page (the reserves too): what is left to free is the tasks' memory. */
static void oom_exhaust(void)
{
	struct page *p;

	drain_all_pages(NULL);
	while (oom_nstash < 8192 &&
	       (p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN, 0)))
		oom_stash[oom_nstash++] = p;
	while (oom_nstash < 8192 &&
	       (p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_DMA | __GFP_NOWARN, 0)))
		oom_stash[oom_nstash++] = p;
	assert_true(oom_nstash < 8192);
}

static void oom_release(void)
{
	while (oom_nstash)
		__free_pages(oom_stash[--oom_nstash], 0);
	drain_all_pages(NULL);
}

static void oom_wait_ready(struct mm_task *t)
{
	for (int i = 0; i < 1000 && !t->ready; i++)
		yield();
	assert_true(t->ready);
	assert_int_equal(t->populated, t->want);
}

static long expect_points(struct mm_task *t, int adj)
{
	struct mm_struct *mm = t->task->mm;

	return (long)(mm->rss + mm->nr_ptes) + (long)adj * (long)(totalram_pages / 1000);
}

/*
 * Three tasks own memory: big (600 pages, adj 0), small (200 pages, adj +300: its score passes
 * big's), huge (1200 pages, adj -1000: never). With every free page taken, requests that Linux
 * never OOM-kills for fail with no kill; GFP_KERNEL kills small (the documented victim), whose
 * pages all come back; NOFAIL then kills big and succeeds; with only huge left nothing is killed.
 */
static struct mm_task big, small, huge;

static void t_oom_killer(void **state)
{
	unsigned long kills, calls, f0, rss, freed_at_exit;
	struct page *p;

	(void)state;
	host_printk_enabled = 0;
	assert_int_equal(kswapd_init(), 0);	/* the reclaim and OOM hooks */
	assert_non_null(mm_task_run(&big, "big", 600, 0, 0));
	assert_non_null(mm_task_run(&small, "small", 200, 300, 0));
	assert_non_null(mm_task_run(&huge, "huge", 1200, OOM_SCORE_ADJ_MIN, 0));
	assert_null(mm_task_run(&big, "bad", 1, 1001, 0));	/* adj out of range */
	oom_wait_ready(&big);
	oom_wait_ready(&small);
	oom_wait_ready(&huge);
	assert_int_equal(oom_badness(big.task, totalram_pages), expect_points(&big, 0));
	assert_int_equal(oom_badness(small.task, totalram_pages), expect_points(&small, 300));
	assert_true(oom_badness(small.task, totalram_pages) > oom_badness(big.task, totalram_pages));
	assert_true(oom_badness(huge.task, totalram_pages) == (-__LONG_MAX__ - 1L));
	assert_true(oom_badness(current, totalram_pages) == (-__LONG_MAX__ - 1L));	/* init */

	oom_exhaust();
	kills = vm_event_sum(OOM_KILL);
	calls = vm_event_sum(OOM_CALLS);
	/* No OOM for NORETRY, RETRY_MAYFAIL, THISNODE or costly orders: not even a call. */
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 0));
	assert_null(alloc_pages_node(0, GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 0));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, PAGE_ALLOC_COSTLY_ORDER + 1));
	assert_int_equal(vm_event_sum(OOM_CALLS), calls);
	/* !FS: out_of_memory() is asked, answers "progress" and kills nobody; bounded retries. */
	assert_null(alloc_pages(GFP_NOFS | __GFP_NOWARN, 0));
	assert_true(vm_event_sum(OOM_CALLS) > calls);
	assert_int_equal(vm_event_sum(OOM_KILL), kills);
	assert_false(big.task->oom_victim || small.task->oom_victim || huge.task->oom_victim);

	/* GFP_KERNEL: small dies, its memory comes back at once (reaped), the request is served. */
	drain_all_pages(NULL);
	f0 = global_free_pages();
	rss = small.task->mm->rss;
	p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);
	assert_non_null(p);
	assert_int_equal(vm_event_sum(OOM_KILL), kills + 1);
	assert_true(small.task->oom_victim && fatal_signal_pending(small.task));
	assert_int_equal(oom_last_victim_pid(), small.task->pid);
	assert_false(big.task->oom_victim || huge.task->oom_victim);
	assert_int_equal(small.task->mm->rss, 0);
	assert_true(small.task->mm->oom_skip && small.task->mm->unstable);
	assert_int_equal(anon_fault(small.task->mm, TASK_VA_START, 0), -EFAULT);
	drain_all_pages(NULL);
	assert_int_equal(global_free_pages(), f0 + rss - 1);
	/* It exits when it runs: its tables and mm go too. */
	f0 = global_free_pages();
	assert_int_equal(kthread_stop(small.task), 9);
	drain_all_pages(NULL);
	freed_at_exit = global_free_pages() - f0;
	assert_true(freed_at_exit >= 2);	/* at least the root and one table */
	oom_stash[oom_nstash++] = p;

	/* NOFAIL: big is next (huge never); the request succeeds after the kill. */
	oom_exhaust();
	p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 0);
	assert_non_null(p);
	assert_int_equal(vm_event_sum(OOM_KILL), kills + 2);
	assert_true(big.task->oom_victim);
	assert_false(huge.task->oom_victim);
	assert_int_equal(kthread_stop(big.task), 9);
	oom_stash[oom_nstash++] = p;

	/* Only huge (-1000) owns memory now: nobody is killed, the request fails. */
	oom_exhaust();
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	assert_int_equal(vm_event_sum(OOM_KILL), kills + 2);
	assert_false(huge.task->oom_victim);
	assert_int_equal(huge.task->mm->rss, 1200);
	/* sysrq-f kills nobody either: -1000 holds for manual kills too. */
	assert_false(oom_kill_manual());
	assert_int_equal(kthread_stop(huge.task), 0);	/* stopped, not killed */
	oom_release();
	assert_int_equal(anon_total_rss(NULL), 0);
	kswapd_stop(0);
}

/* An OOM victim's own allocations go below min (ALLOC_OOM, half of it), not to the bottom. */
static int victim_alloc_fn(void *arg)
{
	struct page **out = arg;

	current->oom_victim = true;
	out[0] = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0);
	current->oom_victim = false;
	out[1] = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 0);
	return 0;
}

static void t_oom_victim_reserves(void **state)
{
	struct page *got[2] = { NULL, NULL }, *p;
	struct task_struct *k;
	struct zone *z = NULL;

	(void)state;
	k = kthread_create(victim_alloc_fn, got, "victim");	/* its stack before the squeeze */
	assert_non_null(k);
	/* Take pages (no reserves) until GFP_KERNEL is refused: every zone at its min mark. */
	while (oom_nstash < 8192 &&
	       (p = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0)))
		oom_stash[oom_nstash++] = p;
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	wake_up_process(k);
	yield();
	assert_int_equal(kthread_stop(k), 0);
	assert_non_null(got[0]);	/* the victim: from the reserve below min */
	assert_null(got[1]);		/* the same task, no longer a victim: refused */
	z = page_zone(got[0]);
	assert_true(zone_page_state(z, NR_FREE_PAGES) >= (long)(min_wmark_pages(z) / 2) - 1);
	__free_pages(got[0], 0);
	oom_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(t_round_robin, setup),
		cmocka_unit_test_setup(t_wait_queue, setup),
		cmocka_unit_test_setup(t_stop_before_run_and_bad_calls, setup),
		cmocka_unit_test_setup(t_sleep_and_timeout, setup),
		cmocka_unit_test_setup(t_scope_per_task, setup),
		cmocka_unit_test_setup(t_kswapd_balances, setup),
		cmocka_unit_test_setup(t_atomic_never_sleeps, setup),
		cmocka_unit_test_setup(t_shrinkers_walk_concurrently, setup),
		cmocka_unit_test_setup(t_oom_killer, setup),
		cmocka_unit_test_setup(t_oom_victim_reserves, setup),
	};

	/* A lost wake-up leaves init asleep for ever: fail (SIGALRM) instead of hanging. */
	alarm(60);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
