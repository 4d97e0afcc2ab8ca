#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Sum the per-suite results of `make test`; a suite with no result file failed to run at all.
set -uo pipefail
dir=$1; shift
tp=0 tf=0
printf '\n%-24s %8s %8s\n' suite passed failed
for s in "$@"; do
	if [ -f "$dir/$s.result" ]; then
		read -r p f rest < "$dir/$s.result"
	else
		p=0 f=1 rest="(did not run: build failed?)"
	fi
	printf '%-24s %8d %8d %s\n' "$s" "$p" "$f" "${rest:-}"
	tp=$((tp + p)); tf=$((tf + f))
done
echo
echo "$tp passed, $tf failed"
[ "$tf" -eq 0 ]
