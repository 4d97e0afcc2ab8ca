#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The numbers docs/memory-map.md and docs/boot.md give for OpenSBI's memory come from what OpenSBI
# reports when it boots, on the SoC and on QEMU: its image size, its run-time size, the region it
# sets aside, and how many PMP entries enforce it. A doc that drifts from them fails.
#   docs_facts.sh SIM OPENSBI FIRMWARE.elf DTB WORKDIR
set -uo pipefail
sim=$1 sbi=$2 fw=$3 dtb=$4 work=$5
mkdir -p "$work"
passed=0 failed=0
ok() { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
map=docs/memory-map.md boot=docs/boot.md

# OpenSBI's banner comes before the hand-over (~5.8 M cycles on the SoC).
"$sim" +opensbi="$sbi" +firmware="$fw" +dtb="$dtb" +max-cycles=6500000 >"$work/soc.log" 2>&1
OPENSBI=$sbi bash scripts/run-qemu.sh -t 60 "$fw" >"$work/qemu.log" 2>&1

under() {	# 0x80080000 -> 0x8008_0000
	local h; h=$(printf '%x' "$1")
	echo "0x${h:0:${#h}-4}_${h: -4}"
}
for plat in soc qemu; do
	log=$(tr -d '\r' <"$work/$plat.log")
	# the M-mode-only region: no S-mode permission, "()"
	region=$(sed -En 's/^Domain0 Region[0-9]+ *: 0x0*(80000000)-0x0*([0-9a-f]+) \(\)$/0x\1 0x\2/p' <<<"$log")
	pmp=$(sed -En 's/^Boot HART PMP Count *: ([0-9]+)$/\1/p' <<<"$log")
	rt=$(sed -En 's/^Firmware Size *: ([0-9]+ KB)$/\1/p' <<<"$log")
	if [ -z "$region" ] || [ -z "$pmp" ] || [ -z "$rt" ]; then
		fail "$plat: no OpenSBI region / PMP count / firmware size in the boot log ($work/$plat.log)"
		continue
	fi
	read -r base last <<<"$region"
	range="$(under "$base") .. $(under $((last + 1)))"
	kib="$(((last + 1 - base) / 1024)) KiB"
	row=$(grep -F "| $range | OpenSBI's region" "$map")
	if [ -n "$row" ] && grep -qF "$kib" <<<"$row" && grep -qF "$rt" <<<"$row"; then
		ok "$plat: $map gives OpenSBI's region as $range, $kib, run-time size $rt"
	else
		fail "$plat: $map has no OpenSBI's region row '$range', $kib, $rt"
	fi
	if grep -qF "${range// /}" "$boot" && grep -qF "($kib: its $rt" "$boot"; then
		ok "$plat: $boot gives the same region and sizes"
	else
		fail "$plat: $boot lacks ${range// /} ($kib: its $rt ...)"
	fi
	# only the SoC says pagoda,soc in its banner
	if grep -q 'Platform Name *: pagoda,soc' <<<"$log"; then
		inmap="on the Pagoda SoC ($pmp PMP entries" inboot="the Pagoda SoC $pmp (\`Boot HART PMP Count : $pmp\`"
	else
		inmap="on QEMU \`virt\` ($pmp PMP entries)" inboot="QEMU \`virt\` has $pmp PMP entries"
	fi
	if [ "$pmp" -eq 0 ]; then
		fail "$plat: PMP count 0: OpenSBI's region is not enforced there"
	elif grep -qF "enforced" <<<"$row" && grep -qF "$inmap" <<<"$row" && grep -qF "$inboot" "$boot"; then
		ok "$plat: $pmp PMP entries, as the docs say"
	else
		fail "$plat: $pmp PMP entries, which the docs do not say"
	fi
done

size=$(stat -c %s "$sbi")
end=$(under $((0x80000000 + size)))
commas=$(sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta' <<<"$size")
if grep -qF "| 0x8000_0000 .. $end | OpenSBI's image (\`fw_dynamic.bin\`, $commas bytes)" "$map"; then
	ok "$map gives fw_dynamic.bin's size ($size bytes, up to $end)"
else
	fail "$map: fw_dynamic.bin is $size bytes (up to $end)"
fi

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
