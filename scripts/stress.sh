#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# `make stress`: run the given suites N times in a row (each run through its make target, as
# `make test` does) and say how many runs passed whole.
#   stress.sh N BUILD -- suite...
# Each run's output is in BUILD/stress/run-I.log; the first failing suite's log is kept as
# BUILD/stress/first-failure-SUITE-runI.log. Ends with "stress: K/N" (K runs in which every suite
# passed) and fails unless K = N.
set -uo pipefail
n=$1 build=$2
shift 2
[ "${1:-}" = -- ] && shift
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "stress: STRESS_N must be a positive whole number, not '$n'" >&2; exit 2; }
[ $# -gt 0 ] || { echo "stress: no suites to run" >&2; exit 2; }
out=$build/stress results=$build/test-results
rm -rf "$out" && mkdir -p "$out" "$results"
declare -A good
for s in "$@"; do good[$s]=0; done
clean=0 first=""
for ((i = 1; i <= n; i++)); do
	for s in "$@"; do rm -f "$results/$s.result"; done
	${MAKE:-make} --no-print-directory -k "${@/#/test-}" >"$out/run-$i.log" 2>&1
	bad=()
	for s in "$@"; do
		f=1
		[ -f "$results/$s.result" ] && read -r _ f _ <"$results/$s.result"
		if [ "$f" -eq 0 ]; then
			good[$s]=$((good[$s] + 1))
			continue
		fi
		bad+=("$s")
		if [ -z "$first" ]; then
			first="$out/first-failure-$s-run$i.log"
			cp "$results/$s.log" "$first" 2>/dev/null || cp "$out/run-$i.log" "$first"
		fi
	done
	[ ${#bad[@]} -eq 0 ] && clean=$((clean + 1))
	echo "stress: run $i/$n: ${bad[*]:-all passed}${bad[*]:+ FAILED}"
done
for s in "$@"; do echo "stress: $s ${good[$s]}/$n"; done
[ -n "$first" ] && echo "stress: first failure's log: $first"
echo "stress: $clean/$n"
[ "$clean" -eq "$n" ]
