#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Every tracked source file names its license in an SPDX line near its top; the Linux modules
# and init (linux/modules, linux/init) are GPL-2.0, everything else BSD-2-Clause.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r f; do
	case "$f" in
	*.c|*.h|*.sv|*.cpp|*.S|*.ld|*.dts|*.rdl|*.py|*.sh|*.mk|Makefile|*/Kbuild|*.config|*.vlt|*.yaml|*.f) ;;
	*) continue ;;
	esac
	want=BSD-2-Clause
	case "$f" in linux/modules/*|linux/init/*) want=GPL-2.0 ;; esac
	if ! head -3 "$f" | grep -E "SPDX-License-Identifier: (.* )?\(?$want\b" >/dev/null; then
		echo "spdx: $f: no 'SPDX-License-Identifier: $want' in its first lines"
		bad=1
	fi
done < <(git ls-files)
[ $bad -eq 0 ] && echo "spdx: every source file names its license"
exit $bad
