// SPDX-License-Identifier: BSD-2-Clause
/* Stand-alone driver for fuzz_mm.c when libFuzzer's runtime is not installed: replays the files
 * given as arguments, or runs N pseudo-random inputs from a fixed seed.
 *   fuzz_driver [-runs=N] [-seed=S] [files...] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	unsigned long runs = 2000, seed = 1, files = 0;
	static uint8_t buf[1 << 16];

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "-runs=", 6)) {
			runs = strtoul(argv[i] + 6, NULL, 0);
		} else if (!strncmp(argv[i], "-seed=", 6)) {
			seed = strtoul(argv[i] + 6, NULL, 0);
		} else if (argv[i][0] != '-') {
			FILE *f = fopen(argv[i], "rb");
			size_t n;

			if (!f) {
				perror(argv[i]);
				return 2;
			}
			n = fread(buf, 1, sizeof(buf), f);
			fclose(f);
			LLVMFuzzerTestOneInput(buf, n);
			files++;
		}
	}
	if (files)
		return 0;
	uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;
	for (unsigned long r = 0; r < runs; r++) {
		size_t n = 1 + (size_t)(r * 37 % 4000);

		for (size_t k = 0; k < n; k++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			buf[k] = (uint8_t)s;
		}
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("fuzz_driver: %lu inputs ok\n", runs);
	return 0;
}
