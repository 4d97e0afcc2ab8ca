#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# The simulator's inputs: every bad image is refused with a clear error (status 2) before anything
# runs, and none is read out of bounds. Each case runs under valgrind's memcheck, whose errors
# give status 99 (a truncated DTB used to read past its buffer in fdt_open_into).
#   sim_inputs.sh SIM OPENSBI FIRMWARE.elf DTB CROSS_PREFIX WORKDIR
set -uo pipefail
sim=$1 sbi=$2 fw=$3 dtb=$4 cross=$5 work=$6
mkdir -p "$work"
passed=0 failed=0
. "$(dirname "$0")/../lib/verdict.sh"

# check NAME WANT_STATUS WANT_REGEX -- simulator arguments... (under valgrind; VALGRIND= runs
# the simulator directly, for runs of millions of cycles)
VALGRIND="valgrind -q --error-exitcode=99"
check() {
	local name=$1 want=$2 regex=$3
	shift 4
	$VALGRIND "$sim" "$@" >"$work/$name.log" 2>&1
	verdict "$name" "$want" $? "$regex" "$work/$name.log"
}
boot() {	# check with OpenSBI boot arguments; the images given replace the good ones
	local name=$1 want=$2 regex=$3 s=$sbi f=$fw d=$dtb
	shift 4
	for a in "$@"; do
		case $a in +opensbi=*) s=${a#*=} ;; +firmware=*) f=${a#*=} ;; +dtb=*) d=${a#*=} ;; esac
	done
	check "$name" "$want" "$regex" -- +opensbi="$s" +firmware="$f" +dtb="$d" +max-cycles=2000
}

# Test images: tests/soc/images/image.S linked with its text at $2 and its data section at $3.
link() {	# name text-address extra-address
	"${cross}gcc" -march=rv64imac_zicsr_zifencei -mabi=lp64 -nostdlib -nostartfiles -static \
		-Wl,-N -Wl,--no-warn-rwx-segments -Wl,--no-check-sections -Wl,-Ttext="$2" \
		-Wl,--section-start=.extra="$3" -o "$work/$1.elf" tests/soc/images/image.S ||
		{ echo "FAIL building the test image $1"; failed=$((failed + 1)); return 1; }
}
# bad_image NAME IMAGE TEXT EXTRA REGEX [+bare]: IMAGE linked so, as the firmware (or, with +bare,
# the bare-metal ELF) must be refused with REGEX.
bad_image() {
	local name=$1 image=$2 regex=$5
	link "$image" "$3" "$4" || return
	if [ "${6:-}" = +bare ]; then
		check "$name" 2 "$regex" -- +bare="$work/$image.elf" +max-cycles=2000
	else
		boot "$name" 2 "$regex" -- +firmware="$work/$image.elf"
	fi
}
# bad_dtb_variant NAME VARIANT REGEX: the good DTB edited by tests/soc/sim_inputs.py VARIANT
# (its memory node missing, doubled, malformed or not the simulated RAM's) must be refused so.
bad_dtb_variant() {
	local name=$1 variant=$2 regex=$3
	python3 tests/soc/sim_inputs.py "$variant" "$work/good.dts" "$work/$variant.dts" &&
		dtc -q -I dts -O dtb -o "$work/$variant.dtb" "$work/$variant.dts" ||
		{ echo "FAIL building $variant.dtb"; failed=$((failed + 1)); return; }
	boot "$name" 2 "$variant.dtb: $regex" -- +dtb="$work/$variant.dtb"
}

# Device trees: cut short, a property whose length runs far past the blob, not a DTB, empty.
head -c 300 "$dtb" >"$work/truncated.dtb"
python3 - "$dtb" "$work/bad-prop.dtb" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
off = struct.unpack('>I', b[8:12])[0]
i = b.index(struct.pack('>I', 3), off)  # the first FDT_PROP token
b[i + 4:i + 8] = struct.pack('>I', 0x7ffffff0)
open(sys.argv[2], 'wb').write(b)
PY
printf 'not a device tree' >"$work/garbage.dtb"
dtc -q -I dtb -O dts -o "$work/good.dts" "$dtb" || { echo "FAIL dtc -I dtb"; failed=$((failed + 1)); }
: >"$work/empty.dtb"
: >"$work/empty.bin"
head -c $((3 << 20)) /dev/zero >"$work/huge-opensbi.bin"
head -c 3000 "$fw" >"$work/truncated.elf"
printf 'not an elf' >"$work/garbage.elf"

bad_dtb='not a valid device tree blob'
boot good_images_run 124 'TIMEOUT' --
boot truncated_dtb 2 "$bad_dtb: FDT_ERR_TRUNCATED" -- +dtb="$work/truncated.dtb"
boot dtb_bad_property_length 2 "$bad_dtb" -- +dtb="$work/bad-prop.dtb"
boot dtb_garbage 2 "$bad_dtb" -- +dtb="$work/garbage.dtb"
boot dtb_empty 2 "$bad_dtb" -- +dtb="$work/empty.dtb"
boot dtb_missing 2 'cannot open .*/missing.dtb' -- +dtb="$work/missing.dtb"
ram='the simulated RAM is \[0x80000000, \+0x8000000\)'
bad_dtb_variant dtb_no_memory no-memory 'no memory node \(device_type = "memory"\)'
bad_dtb_variant dtb_two_memory_nodes two-memory 'more than one memory node'
bad_dtb_variant dtb_memory_smaller memory-small "memory \\[0x80000000, \\+0x4000000\\), but $ram"
bad_dtb_variant dtb_memory_elsewhere memory-base "memory \\[0x90000000, \\+0x8000000\\), but $ram"
bad_dtb_variant dtb_memory_reg_cells memory-reg-cells \
	'memory@80000000: reg is not one \(address, size\) pair'
boot opensbi_missing 2 'cannot open .*/missing.bin' -- +opensbi="$work/missing.bin"
boot opensbi_empty 2 'empty.bin: empty file' -- +opensbi="$work/empty.bin"
boot opensbi_over_firmware 2 'segment 0 .* overlaps .*huge-opensbi.bin \(OpenSBI' -- \
	+opensbi="$work/huge-opensbi.bin"
# OpenSBI as an ELF: loaded by its segments when its entry is where the boot ROM jumps.
sbi_elf=${sbi%.bin}.elf
if [ -f "$sbi_elf" ]; then
	# OpenSBI's boot to the firmware (about 5.8 M cycles; too long for valgrind)
	VALGRIND= check opensbi_elf_boots 124 'OpenSBI handed over to 0x80200000' -- \
		+opensbi="$sbi_elf" +firmware="$fw" +dtb="$dtb" +max-cycles=7000000
else
	echo "FAIL opensbi_elf_boots: no $sbi_elf next to $sbi"; failed=$((failed + 1))
fi
boot opensbi_elf_wrong_entry 2 'firmware.elf: entry 0x80200000, but the boot ROM jumps to 0x80000000' -- \
	+opensbi="$fw"
boot opensbi_elf_not_riscv 2 '/bin/true: not a 64-bit RISC-V ELF' -- +opensbi=/bin/true
boot firmware_missing 2 'cannot open .*/missing.elf' -- +firmware="$work/missing.elf"
boot firmware_garbage 2 'not an ELF file' -- +firmware="$work/garbage.elf"
boot firmware_truncated 2 'segment [0-9]+ is truncated|not an ELF' -- +firmware="$work/truncated.elf"
boot firmware_not_riscv 2 'not a 64-bit RISC-V ELF' -- +firmware=/bin/true
bad_image firmware_linked_at_opensbi linked-at-opensbi 0x80000000 0x80001000 \
	'entry 0x80000000, but OpenSBI jumps to 0x80200000'
bad_image firmware_over_opensbi over-opensbi 0x80200000 0x80010000 \
	'over-opensbi.elf segment [0-9] \[0x80010000, 0x80010008\) overlaps .* \(OpenSBI'
bad_image firmware_over_dtb over-dtb 0x80200000 0x87f00000 \
	'over-dtb.elf segment [0-9] \[0x87f00000, 0x87f00008\) overlaps .*\(the device tree'
bad_image firmware_outside_ram outside-ram 0x80200000 0x90000000 \
	'outside-ram.elf segment [0-9] \[0x90000000, \+0x8\) is outside RAM'
bad_image firmware_segments_overlap self-overlap 0x80200000 0x80200000 \
	'self-overlap.elf segment [0-9] .* overlaps .*self-overlap.elf segment'
bad_image bare_segments_overlap bare-self-overlap 0x80000000 0x80000000 \
	'bare-self-overlap.elf segment [0-9] .* overlaps' +bare

echo "suite-result: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
