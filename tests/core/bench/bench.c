// SPDX-License-Identifier: BSD-2-Clause
/*
 * Integer kernels for measuring the core's CPI (sorting, CRC-32, matrix multiply, list walking,
 * string scanning). The checksum is compared against the value the same code gives on the host
 * (BENCH_EXPECT, computed by the make rule with the host compiler), so a wrong result fails.
 */
#include <stdint.h>

#define N 256
static uint32_t arr[N];
static uint32_t mat_a[16][16], mat_b[16][16], mat_c[16][16];
struct node { struct node *next; uint32_t val; };
static struct node nodes[N];
static char text[1024];

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

static void sort(uint32_t *a, int n)
{
	for (int i = 1; i < n; i++) {
		uint32_t v = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] > v) {
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = v;
	}
}

static uint32_t crc32(const uint8_t *p, int n)
{
	uint32_t c = 0xffffffffu;
	for (int i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

uint64_t bench(void)
{
	uint64_t sum = 0;
	for (int i = 0; i < N; i++)
		arr[i] = next_rand();
	sort(arr, N);
	for (int i = 0; i < N; i++)
		sum = sum * 31 + arr[i];
	sum ^= crc32((const uint8_t *)arr, sizeof(arr));
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 16; j++) {
			mat_a[i][j] = next_rand() & 0xff;
			mat_b[i][j] = next_rand() & 0xff;
		}
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 16; j++) {
			uint32_t s = 0;
			for (int k = 0; k < 16; k++)
				s += mat_a[i][k] * mat_b[k][j];
			mat_c[i][j] = s;
			sum += s;
		}
	for (int i = 0; i < N; i++) {
		nodes[i].next = &nodes[(i * 97 + 13) % N];
		nodes[i].val = i;
	}
	struct node *p = &nodes[0];
	for (int i = 0; i < 4 * N; i++) {
		sum += p->val;
		p = p->next;
	}
	for (int i = 0; i < (int)sizeof(text) - 1; i++)
		text[i] = 'a' + next_rand() % 26;
	int vowels = 0;
	for (const char *s = text; *s; s++)
		vowels += (*s == 'a' || *s == 'e' || *s == 'i' || *s == 'o' || *s == 'u');
	sum = sum * 7 + vowels;
	return sum;
}

#ifdef HOST
#include <stdio.h>
int main(void)
{
	printf("0x%llxull\n", (unsigned long long)bench());
	return 0;
}
#else
volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));
uint64_t bench_cycles, bench_instret;

int main(void)
{
	uint64_t c0, i0, c1, i1, r;
	asm volatile("csrr %0, mcycle" : "=r"(c0));
	asm volatile("csrr %0, minstret" : "=r"(i0));
	r = bench();
	asm volatile("csrr %0, mcycle" : "=r"(c1));
	asm volatile("csrr %0, minstret" : "=r"(i1));
	bench_cycles = c1 - c0;
	bench_instret = i1 - i0;
	tohost = r == BENCH_EXPECT ? 1 : 3;
	for (;;)
		;
}
#endif
