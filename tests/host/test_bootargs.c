/* Bootargs lookup and size parsing. */
#include "test_common.h"
#include <pagoda/boot.h>

static void set_args(const char *s)
{
	snprintf(boot_info.bootargs, sizeof(boot_info.bootargs), "%s", s);
}

static void test_words_and_values(void **state)
{
	set_args("selftest  movablecore=64M kernelcore=1G pgaccel=hw");
	assert_true(bootarg_present("selftest"));
	assert_false(bootarg_present("self"));	/* prefixes are not words */
	assert_false(bootarg_present("movablecore"));	/* has a value: not a bare flag */
	assert_string_equal(bootarg_value("movablecore"), "64M");
	assert_string_equal(bootarg_value("kernelcore"), "1G");
	assert_string_equal(bootarg_value("pgaccel"), "hw");
	assert_null(bootarg_value("selftest"));
	assert_null(bootarg_value("kernel"));
	set_args("");
	assert_false(bootarg_present("selftest"));
	assert_null(bootarg_value("x"));
}

static void test_parse_size(void **state)
{
	bool ok;

	assert_int_equal(bootarg_parse_size("4096", &ok), 4096);
	assert_true(ok);
	assert_int_equal(bootarg_parse_size("64M", &ok), 64ULL << 20);
	assert_true(ok);
	assert_int_equal(bootarg_parse_size("2g", &ok), 2ULL << 30);
	assert_true(ok);
	assert_int_equal(bootarg_parse_size("8K", &ok), 8192);
	assert_true(ok);
	bootarg_parse_size("12Q", &ok);
	assert_false(ok);
	bootarg_parse_size("M", &ok);
	assert_false(ok);
	bootarg_parse_size("99999999999999999999999", &ok);
	assert_false(ok);
	bootarg_parse_size(NULL, &ok);
	assert_false(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_values),
		cmocka_unit_test(test_parse_size),
	};

	return cmocka_run_group_tests_name("bootargs", tests, NULL, NULL);
}
