#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Install the Debian packages Pagoda needs, and nothing when all are present.
# Idempotent: `make run`, `make test` and .ci/run call it first.
set -euo pipefail

PKGS=(
	make gcc g++ git python3 gawk
	gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
	opensbi qemu-system-misc device-tree-compiler
	libcmocka-dev libelf-dev zlib1g-dev
	verilator yosys z3 boolector iverilog
	clang libclang-rt-14-dev cppcheck libfdt-dev valgrind
	python3-matplotlib
	linux-source-6.1 gcc-riscv64-linux-gnu bc flex bison libssl-dev xz-utils
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
