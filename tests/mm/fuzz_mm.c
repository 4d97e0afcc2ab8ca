// SPDX-License-Identifier: BSD-2-Clause
/* libFuzzer target over allocator operation sequences. Byte 0 picks a small machine (1-2 nodes,
 * various zone layouts), then every 5 bytes are one operation (kind, two 16-bit parameters) run
 * through the same checked operations as the stress test, with the full invariant check after
 * every operation. Any violation aborts, which libFuzzer reports as a crash with the input. */
#include <stdlib.h>
#include <string.h>
#include "mmt.h"

static const struct mmt_cfg fuzz_cfgs[] = {
	{ "", 1, 8, true },
	{ "dma=2M highmem=2M movablecore=2M cma=2M", 2, 4, true },
	{ "page_poison=1 mm_debug=1 min_free_kbytes=512", 1, 6, false },
	{ "kernelcore=50% dma=1M", 2, 3, true },
};

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct mmt_model m;
	size_t i;

	if (size < 1)
		return 0;
	host_printk_enabled = 0;
	if (mmt_boot(&fuzz_cfgs[data[0] % (sizeof(fuzz_cfgs) / sizeof(fuzz_cfgs[0]))]))
		abort();
	mmt_model_init(&m);
	for (i = 1; i + 5 <= size && m.ops < 2000; i += 5) {
		u32 a = (u32)data[i + 1] | (u32)data[i + 2] << 8;
		u32 b = (u32)data[i + 3] | (u32)data[i + 4] << 8;

		/* Spread the 16-bit parameters over all 32 bits the operations look at. */
		a = a * 0x9E3779B1u ^ a;
		b = b * 0x85EBCA6Bu ^ b;
		if (mmt_op(&m, data[i], a, b) || mmt_check_full(&m)) {
			printf("fuzz: op %zu (kind %u): %s\n", (i - 1) / 5, data[i] % 16, mmt_err);
			abort();
		}
	}
	if (mmt_release_all(&m) || (drain_all_pages(NULL), mmt_check_full(&m)) ||
	    global_free_pages() != totalram_pages) {
		printf("fuzz: at the end: %s\n", mmt_err);
		abort();
	}
	mmt_model_free(&m);
	return 0;
}
