#!/usr/bin/env bash
# Run one test suite and record its counts.
#   scripts/suite.sh RESULT_DIR NAME -- command [args...]
# The command's output goes to RESULT_DIR/NAME.log (and to the terminal). Its counts are the sum of
# every line "N passed, M failed[, K skipped]" (an optional "word:" may stand before it) and of cmocka's
# "[  PASSED  ] N test(s)." / "[  FAILED  ] M test(s)" lines. A non-zero exit with no failure counted,
# or a suite that reports no test at all, counts as one failure: a crash never passes silently.
set -uo pipefail
dir=$1 name=$2
shift 2
[ "${1:-}" = "--" ] && shift
mkdir -p "$dir"
log="$dir/$name.log"
"$@" 2>&1 | tr -d '\r' | tee "$log" | sed -u "s/^/[$name] /"
rc=${PIPESTATUS[0]}
read -r passed failed < <(awk '
	/^([A-Za-z0-9_.-]+: )?[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$/ {
		line = $0; sub(/^[A-Za-z0-9_.-]+: /, "", line); split(line, f, " ");
		p += f[1]; x += f[3]; seen = 1 }
	/^\[  PASSED  \] [0-9]+ test/ { p += $4; seen = 1 }
	/^\[  FAILED  \] [0-9]+ test/ { x += $4; seen = 1 }
	END { if (!seen) { p = 0; x = -1 } print p+0, x+0 }' "$log")
note=""
if [ "$failed" -lt 0 ]; then
	failed=1; note=" (reported no test count, exit $rc)"
elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	failed=1; note=" (exit status $rc)"
fi
echo "$passed $failed$note" > "$dir/$name.result"
echo "suite $name: $passed passed, $failed failed$note"
[ "$failed" -eq 0 ]
