// SPDX-License-Identifier: BSD-2-Clause
/*
 * pagoda/list.h's splices against the order they promise: every entry once, forwards and
 * backwards, the source left empty, splicing an empty list a no-op. The pre-zero pool hands its
 * pages to a hart's list with list_splice_tail_init(); a lost or doubled link there would hand a
 * page out twice.
 */
#include "test_common.h"
#include <pagoda/list.h>

struct item {
	int v;
	struct list_head lru;
};

/* The values of `head` in order, checked against the reverse walk; the count. */
static int collect(struct list_head *head, int *out, int max)
{
	struct list_head *e;
	int n = 0, m;

	for (e = head->next; e != head; e = e->next) {
		assert_true(n < max);
		assert_ptr_equal(e->next->prev, e);
		out[n++] = list_entry(e, struct item, lru)->v;
	}
	m = n;
	for (e = head->prev; e != head; e = e->prev)
		assert_int_equal(list_entry(e, struct item, lru)->v, out[--m]);
	assert_int_equal(m, 0);
	return n;
}

static void fill(struct list_head *head, struct item *it, int first, int n)
{
	INIT_LIST_HEAD(head);
	for (int i = 0; i < n; i++) {
		it[i].v = first + i;
		list_add_tail(&it[i].lru, head);
	}
}

static void check_splice(int na, int nb, bool tail)
{
	struct item a_items[4], b_items[4];
	struct list_head a, b;
	int got[8], want[8], n = 0;

	fill(&a, a_items, 0, na);	/* the source */
	fill(&b, b_items, 10, nb);	/* the destination */
	if (tail) {
		for (int i = 0; i < nb; i++)
			want[n++] = 10 + i;
		for (int i = 0; i < na; i++)
			want[n++] = i;
		list_splice_tail_init(&a, &b);
	} else {
		for (int i = 0; i < na; i++)
			want[n++] = i;
		for (int i = 0; i < nb; i++)
			want[n++] = 10 + i;
		list_splice_init(&a, &b);
	}
	assert_true(list_empty(&a));
	assert_int_equal(collect(&b, got, 8), n);
	assert_memory_equal(got, want, (size_t)n * sizeof(int));
}

static void test_splices(void **state)
{
	(void)state;
	for (int na = 0; na <= 4; na++)
		for (int nb = 0; nb <= 4; nb++) {
			check_splice(na, nb, true);
			check_splice(na, nb, false);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_splices),
	};

	return cmocka_run_group_tests_name("list", tests, NULL, NULL);
}
