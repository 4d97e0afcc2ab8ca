// SPDX-License-Identifier: BSD-2-Clause
// The platform package every block imports (memory map, bus widths). Compile order matters for
// packages: this list comes first in every build (rtl/rtl.mk).
rtl/pkg/pagoda_pkg.sv
