// SPDX-License-Identifier: BSD-2-Clause
/* Randomized differential stress test: random allocations (orders, GFP flags, nodes, nodemasks),
 * frees through every API, bad frees that must be rejected, bulk and exact allocations, drains.
 * The reference model in mmt.c owns every allocated page and checks each result; cheap invariants
 * (accounting) run after every operation, the full set (lists, counts, bitmap, coalescing, every
 * page accounted) every K operations and at the end of each phase.
 *   test_stress [total_ops] [K] [seed] */
#include <stdlib.h>
#include <string.h>
#include "mmt.h"

static const struct mmt_cfg cfgs[] = {
	{ "", 1, 32, true },
	{ "dma=4M highmem=8M movablecore=8M cma=4M", 2, 24, true },
	{ "page_poison=1 page_owner=on mm_debug=1 dma=2M highmem=4M", 1, 16, true },
	{ "kernelcore=75% min_free_kbytes=2048", 3, 8, false },
};

int main(int argc, char **argv)
{
	unsigned long total = argc > 1 ? strtoul(argv[1], NULL, 0) : 1200000;
	unsigned long k = argc > 2 ? strtoul(argv[2], NULL, 0) : 2000;
	u64 seed = argc > 3 ? strtoull(argv[3], NULL, 0) : 0x9e3779b97f4a7c15ULL;
	unsigned int ncfg = sizeof(cfgs) / sizeof(cfgs[0]);
	unsigned long per = total / ncfg, sum_ops = 0, sum_full = 0, sum_bad = 0;
	int passed = 0, failed = 0;

	host_printk_enabled = 0;
	for (unsigned int c = 0; c < ncfg; c++) {
		struct mmt_model m;
		unsigned long i;
		int err = 0;

		if (mmt_boot(&cfgs[c])) {
			printf("config %u: boot failed\n", c);
			failed++;
			continue;
		}
		mmt_model_init(&m);
		if (mmt_check_full(&m)) {
			printf("config %u: after boot: %s\n", c, mmt_err);
			err = 1;
		}
		for (i = 0; i < per && !err; i++) {
			u64 r = mmt_rand(&seed);
			unsigned int op = (unsigned int)(r & 0xff);

			/* Phases: mostly balanced, sometimes allocation-heavy to reach the watermarks,
			 * then free-heavy to come back. */
			if ((i / 20000) % 4 == 2 && (op % 16) >= 6 && (op % 16) <= 10 && (r & 0x300))
				op = (unsigned int)(r >> 8) % 6;
			if ((i / 20000) % 4 == 3 && (op % 16) < 6 && (r & 0x300))
				op = 6;
			/* Outside the pressure phase keep memory around half used. */
			if ((i / 20000) % 4 != 2 && ((op % 16) < 6 || (op % 16) == 12 || (op % 16) == 13) &&
			    m.owned_pages > totalram_pages / 2)
				op = 6;
			if (mmt_op(&m, op, (u32)(r >> 16), (u32)(r >> 40) | (u32)((r & 0xff00) << 16))) {
				printf("config %u: op %lu (kind %u): %s\n", c, i, op % 16, mmt_err);
				err = 1;
				break;
			}
			if ((i + 1) % k == 0) {
				sum_full++;
				if (mmt_check_full(&m)) {
					printf("config %u: full check after op %lu: %s\n", c, i, mmt_err);
					err = 1;
				}
			}
		}
		if (!err && mmt_release_all(&m)) {
			printf("config %u: release: %s\n", c, mmt_err);
			err = 1;
		}
		if (!err) {
			drain_all_pages(NULL);
			if (mmt_check_full(&m) || global_free_pages() != totalram_pages) {
				printf("config %u: after release: %s (free %lu of %lu)\n", c, mmt_err,
				       global_free_pages(), totalram_pages);
				err = 1;
			}
		}
		printf("config %u [%s, %d node(s)]: %lu ops, %lu allocs ok, %lu failed, %lu frees, "
		       "%lu bad frees rejected, %lu bulk, %lu pageblock isolations, %s\n", c, cfgs[c].bootargs,
		       cfgs[c].nodes, m.ops, m.allocs_ok, m.allocs_fail, m.frees, m.bad_frees, m.bulk,
		       m.isolations, err ? "FAIL" : "ok");
		sum_ops += m.ops;
		sum_bad += m.bad_frees;
		if (err)
			failed++;
		else
			passed++;
		mmt_model_free(&m);
	}
	printf("mm-stress: %lu operations, full invariant check every %lu ops (%lu full checks), "
	       "cheap checks after every op, %lu bad frees rejected\n", sum_ops, k, sum_full, sum_bad);
	if (sum_ops < total - ncfg)
		failed++;
	printf("suite-result: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
