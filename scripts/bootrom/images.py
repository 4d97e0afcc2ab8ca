#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The images litex_term sends to the serial-boot ROM, and its --images JSON, from the memory map
(regs/pagoda_map.h, generated from rtl/regs/pagoda_soc.rdl) rather than from hand-kept addresses:
  OpenSBI (fw_dynamic.bin)   at RAM.OPENSBI, last: litex_term jumps to the last image's address
  the firmware ELF           one image per PT_LOAD segment (its file bytes; the firmware clears
                             its own .bss), the first at RAM.PAYLOAD, where OpenSBI hands over
  the DTB                    at RAM.FDT (the boot ROM's a1), with /chosen/bootargs when given
Every image must lie in its region of the map, or nothing is written.

usage: images.py OUTDIR pagoda_map.h fw_dynamic.bin firmware.elf pagoda.dtb [BOOTARGS]"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys


def die(msg):
    sys.exit(f"images: {msg}")


def read_map(path):
    defs = {}
    for line in open(path):
        m = re.match(r"#define (PAGODA_RAM_\w+) (0x[0-9a-fA-F]+|\d+)", line)
        if m:
            defs[m.group(1)] = int(m.group(2), 0)
    need = ["BASE", "SIZE", "OPENSBI_OFFSET", "OPENSBI_SIZE", "PAYLOAD_OFFSET", "PAYLOAD_SIZE",
            "FDT_OFFSET", "FDT_SIZE"]
    missing = [n for n in need if "PAGODA_RAM_" + n not in defs]
    if missing:
        die(f"{path}: no PAGODA_RAM_{missing[0]}")
    base = defs["PAGODA_RAM_BASE"]
    return {r: (base + defs[f"PAGODA_RAM_{r}_OFFSET"], defs[f"PAGODA_RAM_{r}_SIZE"])
            for r in ("OPENSBI", "PAYLOAD", "FDT")}


def elf_segments(path):
    """(paddr, file bytes) of each PT_LOAD segment of a little-endian ELF64."""
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        die(f"{path}: not a little-endian ELF64 file")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    segs = []
    for i in range(phnum):
        p_type, _, p_offset, _, p_paddr, p_filesz, p_memsz = \
            struct.unpack_from("<IIQQQQQ", data, phoff + i * phentsize)
        if p_type != 1 or p_memsz == 0:
            continue
        if p_offset + p_filesz > len(data):
            die(f"{path}: segment {i} is truncated")
        segs.append((p_paddr, data[p_offset:p_offset + p_filesz], p_memsz))
    if not segs:
        die(f"{path}: no loadable segment")
    return sorted(segs)


def check_in(what, addr, size, region, name):
    base, rsize = region
    if addr < base or addr + size > base + rsize:
        die(f"{what} [0x{addr:x}, +0x{size:x}) is outside RAM.{name} [0x{base:x}, +0x{rsize:x})")


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    out, map_h, opensbi, fw_elf, dtb = sys.argv[1:6]
    bootargs = sys.argv[6] if len(sys.argv) == 7 else None
    regions = read_map(map_h)
    images = []     # (file name, address, bytes)

    segs = elf_segments(fw_elf)
    if segs[0][0] != regions["PAYLOAD"][0]:
        die(f"{fw_elf}: starts at 0x{segs[0][0]:x}, but OpenSBI hands over at "
            f"0x{regions['PAYLOAD'][0]:x} (RAM.PAYLOAD)")
    for i, (addr, data, memsz) in enumerate(segs):
        check_in(f"{fw_elf} segment {i}", addr, memsz, regions["PAYLOAD"], "PAYLOAD")
        if data:
            images.append((f"firmware-{i}.bin", addr, data))

    os.makedirs(out, exist_ok=True)
    dtb_out = os.path.join(out, "pagoda.dtb")
    shutil.copyfile(dtb, dtb_out)
    if bootargs is not None:
        subprocess.run(["fdtput", "-p", "-t", "s", dtb_out, "/chosen", "bootargs", bootargs],
                       check=True)
    dtb_data = open(dtb_out, "rb").read()
    check_in(dtb, regions["FDT"][0], len(dtb_data), regions["FDT"], "FDT")
    images.append(("pagoda.dtb", regions["FDT"][0], None))

    sbi = open(opensbi, "rb").read()
    check_in(opensbi, regions["OPENSBI"][0], len(sbi), regions["OPENSBI"], "OPENSBI")
    images.append(("fw_dynamic.bin", regions["OPENSBI"][0], sbi))

    for name, _, data in images:
        if data is not None:
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
    # litex_term reads the names relative to the JSON's folder, the addresses as hex strings,
    # and jumps to the last one: OpenSBI's entry
    with open(os.path.join(out, "images.json"), "w") as f:
        json.dump({name: f"0x{addr:08x}" for name, addr, _ in images}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
