#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The timing diagrams of docs/wavedrom: each renders to SVG and obeys PBUS's rules as drawn; and the
# rule check refuses drawings that break a rule (each a one-line edit of a real diagram).
# usage: wavedrom.sh PYTHON OUTDIR
set -uo pipefail
py=$1 out=$2
render=scripts/docs/wavedrom_render.py
rm -rf "$out" && mkdir -p "$out"
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1: $2"; fail=$((fail + 1)); }

for src in docs/wavedrom/*.json; do
	name=$(basename "$src" .json)
	if "$py" "$render" "$out/svg" "$src" >"$out/$name.log" 2>&1 &&
		grep -q "<svg" "$out/svg/$name.svg" 2>/dev/null; then
		ok "render-$name"
	else
		ko "render-$name" "$(tail -1 "$out/$name.log")"
	fi
done

# name | diagram | sed edit | what the refusal must say
while IFS='|' read -r name file edit want; do
	sed "$edit" "docs/wavedrom/$file.json" >"$out/$name.json"
	if cmp -s "$out/$name.json" "docs/wavedrom/$file.json"; then
		ko "refuse-$name" "the edit did not apply"; continue
	fi
	if "$py" "$render" "$out/bad" "$out/$name.json" >"$out/$name.log" 2>&1; then
		ko "refuse-$name" "accepted"
	elif grep -q -- "$want" "$out/$name.log"; then
		ok "refuse-$name"
	else
		ko "refuse-$name" "refused for another reason: $(tail -1 "$out/$name.log")"
	fi
done <<'EOF_CASES'
req-dropped|pbus-wait|s/"req",    "wave": "01..0.."/"req",    "wave": "010.0.."/|dropped at cycle 2 before its grant
addr-changes|pbus-wait|s/"wave": "x=..x..", "data": \["A"\]/"wave": "x==.x..", "data": ["A", "B"]/|"addr" changes at cycle 2 while "req" waits
response-missing|pbus-pipelined|s/"rvalid", "wave": "0.1...0."/"rvalid", "wave": "0.1..0.."/|3 responses for 4 granted requests
response-early|pbus-read-write|s/"rvalid", "wave": "0.1.0.."/"rvalid", "wave": "01.0..."/|at cycle 1 for the request granted at cycle 1
extra-response|pbus-amo-lock|s/"core rvalid","wave": "0.1010.."/"core rvalid","wave": "0.1.10.."/|3 responses for 2 granted requests
not-json|pbus-error|s/^{ "signal"/{ signal/|Expecting property name
EOF_CASES

echo "suite-result: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
