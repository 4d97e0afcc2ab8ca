#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# check-config.sh FRAGMENT... -- CONFIG: every CONFIG_X=v and "# CONFIG_X is not set" line of the
# fragments must be in the final .config. merge_config.sh only warns when Kconfig drops a request
# (an unmet dependency, a renamed symbol); here that fails the build instead.
set -euo pipefail
frags=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do frags+=("$1"); shift; done
[ "${1:-}" = "--" ] && [ $# -eq 2 ] || { echo "usage: $0 FRAGMENT... -- .config" >&2; exit 2; }
config=$2
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*|"# CONFIG_"*" is not set") ;;
	*) continue ;;
	esac
	if ! grep -qxF -- "$line" "$config"; then
		sym=$(sed -E 's/^# //; s/[= ].*//' <<<"$line")
		echo "linux config: requested '$line', got '$(grep -E "^(# )?$sym[= ]" "$config" || echo absent)'" >&2
		bad=1
	fi
done < <(cat "${frags[@]}")
exit $bad
