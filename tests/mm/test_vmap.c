// SPDX-License-Identifier: BSD-2-Clause
/* cmocka unit tests of the vmalloc range allocator (firmware/mm/vmap_area.c) plus a randomized
 * differential run against a page-granular occupancy map: every placement must be the lowest
 * aligned gap that fits, inside the space, overlapping nothing, and bad requests change nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mm/vmalloc.h>

#define P 4096UL
#define BASE 0xffffffc000000000UL

static struct vmap_space s;

static void setup_space(unsigned long pages)
{
	vmap_space_init(&s, BASE, BASE + pages * P);
}

static struct vmap_area *place(unsigned long pages, unsigned long align, int want)
{
	struct vmap_area *va = calloc(1, sizeof(*va));

	assert_non_null(va);
	assert_int_equal(vmap_space_insert(&s, va, pages * P, align), want);
	if (want) {
		free(va);
		return NULL;
	}
	return va;
}

static void t_first_fit_in_order(void **state)
{
	struct vmap_area *a, *b, *c, *d;

	(void)state;
	setup_space(16);
	a = place(2, P, 0);
	b = place(3, P, 0);
	c = place(1, P, 0);
	assert_int_equal(a->va_start, BASE);
	assert_int_equal(a->va_end, BASE + 2 * P);
	assert_int_equal(b->va_start, BASE + 2 * P);
	assert_int_equal(c->va_start, BASE + 5 * P);
	/* Free b: a 2-page request goes into its hole, a 4-page one after c. */
	vmap_space_remove(&s, b);
	d = place(4, P, 0);
	assert_int_equal(d->va_start, BASE + 6 * P);
	free(b);
	b = place(2, P, 0);
	assert_int_equal(b->va_start, BASE + 2 * P);
	assert_int_equal(s.nr_areas, 4);
	assert_ptr_equal(vmap_space_find(&s, BASE + 2 * P + 100), b);
	assert_ptr_equal(vmap_space_find(&s, BASE + 4 * P), NULL);	/* the hole left by b */
	assert_ptr_equal(vmap_space_find(&s, BASE + 10 * P - 1), d);
	assert_ptr_equal(vmap_space_find(&s, BASE + 10 * P), NULL);
	assert_ptr_equal(vmap_space_find(&s, BASE - 1), NULL);
	free(a); free(b); free(c); free(d);
}

static void t_alignment(void **state)
{
	struct vmap_area *a, *b;

	(void)state;
	setup_space(64);
	a = place(1, P, 0);
	b = place(2, 16 * P, 0);
	assert_int_equal(b->va_start, BASE + 16 * P);
	free(a); free(b);
}

static void t_bad_requests_change_nothing(void **state)
{
	struct vmap_area *a, *b, odd;

	(void)state;
	setup_space(8);
	a = place(2, P, 0);
	place(0, P, VMAP_EINVAL);
	assert_int_equal(vmap_space_insert(&s, &odd, 100, P), VMAP_EINVAL);
	place(1, 3 * P, VMAP_EINVAL);
	place(1, 2048, VMAP_EINVAL);
	place(9, P, VMAP_ENOSPC);
	place(7, P, VMAP_ENOSPC);	/* 6 pages left */
	place(~0UL / P, P, VMAP_ENOSPC);
	assert_int_equal(s.nr_areas, 1);
	assert_int_equal(a->va_start, BASE);
	b = place(6, P, 0);
	assert_int_equal(b->va_start, BASE + 2 * P);
	place(1, P, VMAP_ENOSPC);	/* full */
	free(a);
	free(b);
}

/* Exactly full, at the very top of the address space: no wrap-around. */
static void t_top_of_address_space(void **state)
{
	struct vmap_area *a;

	(void)state;
	vmap_space_init(&s, ~0UL - 4 * P + 1 - P, ~0UL - P + 1);	/* 4 pages below the last */
	a = place(4, P, 0);
	place(1, P, VMAP_ENOSPC);
	place(1, 1UL << 63, VMAP_ENOSPC);
	free(a);
}

/* Random places and removes against a page map: the result is the lowest fit, or ENOSPC when
 * there is none. */
static void t_random_against_model(void **state)
{
	enum { PAGES = 512, SLOTS = 64 };
	static unsigned char used[PAGES];
	struct vmap_area *slot[SLOTS] = { 0 };
	unsigned long seed = 12345;

	(void)state;
	setup_space(PAGES);
	memset(used, 0, sizeof(used));
	for (int op = 0; op < 200000; op++) {
		int i;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		i = (int)((seed >> 33) % SLOTS);
		if (slot[i]) {
			for (unsigned long pg = (slot[i]->va_start - BASE) / P; pg < (slot[i]->va_end - BASE) / P; pg++)
				used[pg] = 0;
			vmap_space_remove(&s, slot[i]);
			free(slot[i]);
			slot[i] = NULL;
		} else {
			unsigned long pages = 1 + (seed >> 20) % 24, align = P << ((seed >> 40) % 4);
			unsigned long want = ~0UL;
			struct vmap_area *va = calloc(1, sizeof(*va));
			int r;

			for (unsigned long st = 0; st + pages <= PAGES && want == ~0UL; st += align / P) {
				unsigned long k;

				for (k = 0; k < pages && !used[st + k]; k++)
					;
				if (k == pages)
					want = st;
			}
			r = vmap_space_insert(&s, va, pages * P, align);
			if (want == ~0UL) {
				assert_int_equal(r, VMAP_ENOSPC);
				free(va);
				continue;
			}
			assert_int_equal(r, 0);
			assert_int_equal(va->va_start, BASE + want * P);
			for (unsigned long k = 0; k < pages; k++)
				used[want + k] = 1;
			slot[i] = va;
		}
	}
	for (int i = 0; i < SLOTS; i++)
		free(slot[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_first_fit_in_order),
		cmocka_unit_test(t_alignment),
		cmocka_unit_test(t_bad_requests_change_nothing),
		cmocka_unit_test(t_top_of_address_space),
		cmocka_unit_test(t_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
