#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Run one test suite and record its counts.
#   scripts/suite.sh RESULT_DIR NAME [--from PREFIX | --cmocka | --sum] -- command [args...]
# The command's output goes to RESULT_DIR/NAME.log (and to the terminal). The suite's counts come
# from its own result line and nothing else: exactly one line
#   suite-result: N passed, M failed[, K skipped]
# which the suite's runner prints (tests/*/...sh, the testbenches). Count lines of the programs a
# runner starts (the firmware's "selftest: 33 passed, 1 failed", an inner suite's) never add in.
# --from PREFIX takes the one line "PREFIX: N passed, M failed[, K skipped]" instead, for a suite
# that is a single program printing its own summary (the firmware's self-tests: --from selftest);
# --cmocka sums cmocka's "[  PASSED  ] N test(s)." / "[  FAILED  ] M test(s)" summaries, for
# suites made of cmocka programs only; --sum adds up several suite-result lines, for a suite whose
# command runs several runners in turn. No result line, or more than one (without --sum), counts
# as one failure,
# and so does a non-zero exit with no failure counted: a crash never passes silently.
set -uo pipefail
dir=$1 name=$2
shift 2
prefix=suite-result mode=line
case ${1:-} in
--from) prefix=$2; shift 2 ;;
--cmocka) mode=cmocka; shift ;;
--sum) mode=sum; shift ;;
esac
[ "${1:-}" = "--" ] && shift
mkdir -p "$dir"
log="$dir/$name.log"
"$@" 2>&1 | tr -d '\r' | tee "$log" | sed -u "s/^/[$name] /"
rc=${PIPESTATUS[0]}
# prints "passed failed note"; failed is -1 when the suite gave no usable count
read -r passed failed why < <(awk -v mode="$mode" -v prefix="$prefix" '
	mode != "cmocka" && index($0, prefix ": ") == 1 {
		rest = substr($0, length(prefix) + 3)
		if (rest ~ /^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$/) {
			split(rest, f, " "); p += f[1]; x += f[3]; n++
		}
	}
	mode == "cmocka" && /^\[  PASSED  \] [0-9]+ test/ { p += $4; n = 1 }
	mode == "cmocka" && /^\[  FAILED  \] [0-9]+ test/ { x += $4; n = 1 }
	END {
		if (n == 0) print 0, -1, "no-line"
		else if (n > 1 && mode != "sum") print 0, -1, "several-lines"
		else print p + 0, x + 0, "-"
	}' "$log")
note=""
if [ "$failed" -lt 0 ]; then
	failed=1
	case $why in
	several-lines) note=" (more than one '$prefix:' line, exit $rc)" ;;
	*) note=" (reported no '$prefix:' count, exit $rc)" ;;
	esac
	[ "$mode" = cmocka ] && note=" (reported no cmocka count, exit $rc)"
elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1; note=" (exit status $rc)"
fi
echo "$passed $failed$note" > "$dir/$name.result"
echo "suite $name: $passed passed, $failed failed$note"
[ "$failed" -eq 0 ]
