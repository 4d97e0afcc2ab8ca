// SPDX-License-Identifier: BSD-2-Clause
/* for_each_online_cpu (pagoda/smp.h): visits exactly the online cpus, in order, and is a plain
 * for statement, so it nests under an if/else like any other loop. */
#include "test_common.h"
#include <pagoda/smp.h>

extern unsigned int host_nr_cpus;	/* arch/host/host.c: cpus 0..host_nr_cpus-1 are online */

static void test_walks_online_cpus(void **state)
{
	unsigned int cpu, n = 0, last = 0;

	host_nr_cpus = 3;
	for_each_online_cpu(cpu) {
		assert_true(cpu_online(cpu));
		assert_true(n == 0 || cpu > last);
		last = cpu;
		n++;
	}
	assert_int_equal(n, 3);
	assert_int_equal(cpu, NR_CPUS);
	assert_int_equal(cpu_next_online(0), 0);
	assert_int_equal(cpu_next_online(3), NR_CPUS);
	assert_int_equal(cpu_next_online(NR_CPUS), NR_CPUS);
	host_nr_cpus = 1;
}

/* With a trailing "if (cpu_online(cpu))" in the macro, the else below would attach to that if:
 * it would run once per offline cpu when walk is true, and never when it is false. */
static void test_else_binds_outside(void **state)
{
	unsigned int cpu, walked = 0, skipped = 0;

	host_nr_cpus = 2;
	for (int walk = 0; walk < 2; walk++) {
		if (walk)
			for_each_online_cpu(cpu)
				walked++;
		else
			skipped++;
	}
	assert_int_equal(walked, 2);
	assert_int_equal(skipped, 1);
	host_nr_cpus = 1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walks_online_cpus),
		cmocka_unit_test(test_else_binds_outside),
	};

	return cmocka_run_group_tests_name("smp", tests, NULL, NULL);
}
