#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""The serial-boot ROM's image as the ROM's initial contents: a raw binary (objcopy -O binary of
firmware/bootrom) to $readmemh text, one 64-bit little-endian word a line (pagoda_bootmem's
words), and the word count, which the build passes as the ROM's size (BOOT_ROM_WORDS).

usage: bin2memh.py IMAGE.bin OUT.hex OUT.words MAX_BYTES"""
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    data = open(sys.argv[1], "rb").read()
    limit = int(sys.argv[4], 0)
    if not data:
        sys.exit(f"bin2memh: {sys.argv[1]} is empty")
    if len(data) > limit:
        sys.exit(f"bin2memh: {sys.argv[1]} is {len(data)} bytes, the ROM holds {limit}")
    data += bytes(-len(data) % 8)
    words = [int.from_bytes(data[i:i + 8], "little") for i in range(0, len(data), 8)]
    with open(sys.argv[2], "w") as f:
        f.writelines(f"{w:016x}\n" for w in words)
    with open(sys.argv[3], "w") as f:
        f.write(f"{len(words)}\n")


if __name__ == "__main__":
    main()
