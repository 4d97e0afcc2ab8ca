#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# scripts/suite.sh counts a suite by its own result line and nothing else. Each case runs a fake
# suite whose inner program prints misleading count lines (as the firmware's "selftest: 33 passed,
# 1 failed" inside soc-exit-status once did) and checks the recorded result exactly.
#   test_suite_sh.sh WORKDIR
set -uo pipefail
work=$1
rm -rf "$work" && mkdir -p "$work"
passed=0 failed=0

# expect NAME WANT_RESULT_LINE [suite.sh options] -- fake suite script
expect() {
	local name=$1 want=$2 got
	shift 2
	local opts=()
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	bash scripts/suite.sh "$work/results" "$name" "${opts[@]}" -- bash -c "$1" >"$work/$name.out" 2>&1
	got=$(cat "$work/results/$name.result" 2>/dev/null)
	if [ "$got" = "$want" ]; then
		echo "ok $name ($got)"; passed=$((passed + 1))
	else
		echo "FAIL $name: recorded '$got', want '$want'"; tail -5 "$work/$name.out"; failed=$((failed + 1))
	fi
}

# The inner program's lines, in every format the old counter summed.
inner='echo "selftest: 33 passed, 1 failed, 0 skipped"; echo "36 passed, 3 failed";
	echo "soc-bare: 7 passed, 0 failed"; echo "[  PASSED  ] 12 test(s)."; echo "[  FAILED  ] 2 test(s)"'

expect only_the_suite_line '4 1' -- "$inner; echo 'suite-result: 4 passed, 1 failed'; exit 1"
expect passing_suite_with_failing_inner_lines '5 0' -- "$inner; echo 'suite-result: 5 passed, 0 failed'"
expect skipped_counts_are_accepted '2 0' -- "echo 'suite-result: 2 passed, 0 failed, 3 skipped'"
expect no_result_line_is_a_failure "0 1 (reported no 'suite-result:' count, exit 0)" -- "$inner"
expect two_result_lines_are_a_failure "0 1 (more than one 'suite-result:' line, exit 0)" -- \
	"echo 'suite-result: 1 passed, 0 failed'; echo 'suite-result: 1 passed, 0 failed'"
expect crash_after_a_clean_count '3 1 (exit status 139)' -- \
	"echo 'suite-result: 3 passed, 0 failed'; exit 139"
expect indented_or_trailing_text_is_not_a_count "0 1 (reported no 'suite-result:' count, exit 0)" -- \
	"echo ' suite-result: 1 passed, 0 failed'; echo 'suite-result: 1 passed, 0 failed (sort of)'"
expect from_selftest_takes_only_that_line '33 1' --from selftest -- \
	"$inner; echo 'suite-result: 99 passed, 0 failed'; exit 1"
expect sum_adds_only_suite_lines '7 1' --sum -- \
	"$inner; echo 'suite-result: 4 passed, 1 failed'; $inner; echo 'suite-result: 3 passed, 0 failed'; exit 1"
expect cmocka_sums_only_cmocka_summaries '24 4' --cmocka -- \
	"$inner; echo '[  PASSED  ] 12 test(s).'; echo '[  FAILED  ] 2 test(s), listed below:'; exit 1"
expect cmocka_without_summary_is_a_failure '0 1 (reported no cmocka count, exit 0)' --cmocka -- \
	"echo '36 passed, 3 failed'"

# The summary of `make test` adds the recorded results and nothing else.
sum=$(bash scripts/test-summary.sh "$work/results" only_the_suite_line passing_suite_with_failing_inner_lines | tail -1)
if [ "$sum" = "9 passed, 1 failed" ]; then
	echo "ok test_summary_adds_results ($sum)"; passed=$((passed + 1))
else
	echo "FAIL test_summary_adds_results: '$sum', want '9 passed, 1 failed'"; failed=$((failed + 1))
fi

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
