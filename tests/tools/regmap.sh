#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The register and memory maps are described once, in rtl/regs/*.rdl; this suite checks that what
# is checked in or built from them agrees with them:
#   - docs/registers.md is what scripts/regs/regs_gen.py generates now (not stale), and the
#     comparison itself notices an edited table and an edited .rdl (so that it can fail);
#   - the device tree the SoC boots (DTB) has, for every device and the RAM, the reg (and
#     interrupts) of the map, read back with fdtget, and the boot ROM's DMA window property;
#   - a malformed .rdl is refused with a message and leaves the previous outputs alone.
#   regmap.sh VENV_PYTHON MAP_H DTB WORKDIR
set -uo pipefail
py=$1 map=$2 dtb=$3 work=$4
passed=0 failed=0
ok() { echo "ok $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
rm -rf "$work" && mkdir -p "$work"

gen() {	# gen RDL_DIR OUT: generate from a copy of rtl/regs
	"$py" scripts/regs/regs_gen.py "$1/pagoda_soc.rdl" "$2" >"$2.log" 2>&1
}
# the generator names the .rdl in its output: generate from the same relative path as the build
stale() {	# stale DOC GENERATED: 0 when they differ
	! cmp -s "$1" "$2"
}

if gen rtl/regs "$work/now"; then
	if stale docs/registers.md "$work/now/docs/registers.md"; then
		fail "docs/registers.md is stale: make regs-docs" \
			"(diff docs/registers.md $work/now/docs/registers.md)"
	else
		ok "docs/registers.md is what rtl/regs/*.rdl generate"
	fi
else
	fail "rtl/regs does not generate: $(tail -3 "$work/now.log")"
fi

# The check can fail: a hand-edited table, and an .rdl changed without regenerating.
sed 's/^| 0x28 |  *STATUS  *|/| 0x30 |  STATUS  |/' docs/registers.md >"$work/edited.md"
if cmp -s docs/registers.md "$work/edited.md"; then
	fail "self-check: the pgaccel STATUS row was not found to edit"
elif stale "$work/edited.md" "$work/now/docs/registers.md"; then
	ok "self-check: an edited register table is reported stale"
else
	fail "self-check: an edited register table passed"
fi
mkdir -p "$work/rdl" && cp rtl/regs/*.rdl "$work/rdl/"
sed -i 's/} STATUS @ 0x028;/} STATUS @ 0x030;/' "$work/rdl/pgaccel.rdl"
if cmp -s rtl/regs/pgaccel.rdl "$work/rdl/pgaccel.rdl"; then
	fail "self-check: STATUS @ 0x028 not found in pgaccel.rdl"
elif gen "$work/rdl" "$work/moved" && grep -q '^#define PGACCEL_STATUS_OFFSET 0x30' \
	"$work/moved/include/regs/pagoda_map.h" &&
	stale docs/registers.md "$work/moved/docs/registers.md"; then
	ok "self-check: a register moved in the .rdl moves its offset and makes the table stale"
else
	fail "self-check: a register moved in the .rdl went unnoticed"
fi

# A broken description: a clear error, and the outputs of the last good run untouched.
cp -r "$work/now" "$work/keep" && mkdir -p "$work/rdl-bad" && cp rtl/regs/*.rdl "$work/rdl-bad/"
sed -i 's/} CAPS @ 0x008;/} CAPS @ 0x000;/' "$work/rdl-bad/pgaccel.rdl"	# overlaps ID
if gen "$work/rdl-bad" "$work/keep"; then
	fail "an .rdl with two registers at one offset was accepted"
elif grep -q "^regs_gen: " "$work/keep.log" && diff -r -q "$work/now" "$work/keep" >/dev/null; then
	ok "overlapping registers refused ($(grep -m1 '^regs_gen: ' "$work/keep.log" | cut -c1-60))," \
		"outputs kept"
else
	fail "a bad .rdl: no clear message, or the outputs changed ($work/keep.log)"
fi

# The DTB against the map (the DTS takes its numbers from regs/pagoda_map.h through cpp).
val() { sed -En "s/^#define $1 (0x[0-9a-f]+).*/\\1/p" "$map"; }
cells() {	# cells BASE SIZE: as fdtget -t u prints a two-cell address and size
	printf '%d %d %d %d' $(($1 >> 32)) $(($1 & 0xffffffff)) $(($2 >> 32)) $(($2 & 0xffffffff))
}
check_node() {	# check_node DT-PATH MAP-NAME
	local want got
	want=$(cells "$(val "PAGODA_$2_BASE")" "$(val "PAGODA_$2_SIZE")")
	got=$(fdtget -t u "$dtb" "$1" reg 2>&1)
	if [ "$got" = "$want" ]; then
		ok "DTB $1 reg = PAGODA_$2_BASE/_SIZE"
	else
		fail "DTB $1 reg: '$got', the map says '$want'"
	fi
}
check_node /memory@80000000 RAM
check_node /soc/test@100000 TESTDEV
check_node /soc/clint@2000000 CLINT
check_node /soc/interrupt-controller@c000000 PLIC
check_node /soc/serial@10000000 UART
check_irq() {	# check_irq DT-PATH MAP-NAME
	local got want
	want=$(($(val "PAGODA_$2_IRQ")))
	got=$(fdtget -t u "$dtb" "$1" interrupts 2>&1)
	[ "$got" = "$want" ] && ok "DTB $1 interrupts = PAGODA_$2_IRQ" ||
		fail "DTB $1 interrupts: '$got', the map says $want"
}
check_irq /soc/serial@10000000 UART
# (a SoC built without the accelerator, SOC_ACCEL=0, has no pgaccel node)
if fdtget "$dtb" /soc/pgaccel@11000000 reg >/dev/null 2>&1; then
	check_node /soc/pgaccel@11000000 PGACCEL
	check_irq /soc/pgaccel@11000000 PGACCEL
	base=$(($(val PAGODA_RAM_BASE) + $(val PAGODA_RAM_PAYLOAD_OFFSET)))
	want=$(cells $base $(($(val PAGODA_RAM_SIZE) - $(val PAGODA_RAM_PAYLOAD_OFFSET))))
	got=$(fdtget -t u "$dtb" /soc/pgaccel@11000000 pagoda,dma-window 2>&1)
	[ "$got" = "$want" ] && ok "DTB pagoda,dma-window = [RAM payload, end of RAM)" ||
		fail "DTB pagoda,dma-window: '$got', the map says '$want'"
fi

# The docs that restate the map for readers are checked against it.
# docs/memory-map.md: each block's base and size (0x0200_0000 style).
row_num() {	# row_num BLOCK COLUMN: a hex cell of the memory map table, underscores dropped
	awk -F'|' -v b="$1" -v c="$2" '$2 == " " b " " { gsub(/[ _]/, "", $c); print $c; exit }' \
		docs/memory-map.md
}
for pair in "boot ROM (reset vector):BOOTROM" "test / reset:TESTDEV" "CLINT:CLINT" "PLIC:PLIC" \
	"UART:UART" "pgaccel:PGACCEL" "DRAM controller:DRAMCTRL" "RAM:RAM"; do
	block=${pair%%:*} name=${pair##*:}
	base=$(row_num "$block" 3) size=$(row_num "$block" 4)
	want_size=$(($(val "PAGODA_${name}_SIZE")))
	[ "$name" = RAM ] && size=$want_size	# written "128 MiB (sim default)"
	if [[ $base =~ ^0x[0-9a-f]+$ ]] && [ $((base)) -eq $(($(val "PAGODA_${name}_BASE"))) ] &&
		[[ $size =~ ^[0-9]+$|^0x[0-9a-f]+$ ]] && [ $((size)) -eq "$want_size" ]; then
		ok "docs/memory-map.md: $block at $base, $size bytes, as in the map"
	else
		fail "docs/memory-map.md: $block row '$base' '$size' differs from PAGODA_${name}_BASE/_SIZE"
	fi
done
# docs/pgaccel.md "Errors": a row "| N | NAME |" for each PGACCEL_ERR_NAME, and no other code.
errs=$(sed -En 's/^#define PGACCEL_ERR_([A-Z]+) (0x[0-9a-f]+).*/\1 \2/p' "$map")
bad=""
while read -r name v; do
	grep -qE "^\| $((v)) \| $name \|" docs/pgaccel.md || bad="$bad $name=$((v))"
done <<<"$errs"
rows=$(grep -cE '^\| [0-9]+ \| [A-Z]+ \|' docs/pgaccel.md)
if [ -z "$bad" ] && [ "$rows" -eq "$(wc -l <<<"$errs")" ]; then
	ok "docs/pgaccel.md: the $rows error codes of the map"
else
	fail "docs/pgaccel.md errors table: missing or wrong$bad ($rows rows, $(wc -l <<<"$errs") codes)"
fi

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
