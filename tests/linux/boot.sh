#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# boot.sh LOG [-e STATUS] [-g REGEX]... [-n REGEX]... -- COMMAND...
# Boots Linux with COMMAND (the SoC simulator or QEMU), keeps the console in LOG, and checks it:
# the exit status is STATUS (default 0: /init's result through the test device), every -g
# extended regex is in the log, no -n regex is. One line per check, then "suite-result: N passed, M failed".
set -uo pipefail
log=${1:?log}
shift
want=0 greps=() nots=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	case $1 in
	-e) want=$2; shift 2 ;;
	-g) greps+=("$2"); shift 2 ;;
	-n) nots+=("$2"); shift 2 ;;
	*) echo "boot.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ "${1:-}" = "--" ] && [ $# -ge 2 ] || { echo "usage: boot.sh LOG [-e N] [-g RE] [-n RE] -- CMD" >&2; exit 2; }
shift
mkdir -p "$(dirname "$log")"
"$@" < /dev/null 2>&1 | tr -d '\r' > "$log"
rc=${PIPESTATUS[0]}
pass=0 fail=0
check() {	# check OK DESCRIPTION
	if [ "$1" -eq 1 ]; then pass=$((pass + 1)); echo "ok   $2"
	else fail=$((fail + 1)); echo "FAIL $2"; fi
}
check $([ "$rc" -eq "$want" ] && echo 1 || echo 0) "exit status $rc (expected $want)"
for re in "${greps[@]}"; do
	check $(grep -qE -- "$re" "$log" && echo 1 || echo 0) "console has /$re/"
done
for re in "${nots[@]}"; do
	check $(grep -qE -- "$re" "$log" && echo 0 || echo 1) "console has no /$re/"
done
if [ $fail -ne 0 ]; then
	echo "--- last 40 lines of $log"
	tail -40 "$log"
fi
echo "suite-result: $pass passed, $fail failed"
