// SPDX-License-Identifier: BSD-2-Clause
// pgaccel's sources in compile order: its package first, the top (pgaccel) last. The one list the
// testbench, lint, synthesis, the formal checks (tests/accel/formal/run.sh) and the SoC builds
// read (rtl/rtl.mk).
rtl/accel/pgaccel_pkg.sv
rtl/accel/pgaccel_fifo.sv
rtl/accel/pgaccel_lowest.sv
rtl/accel/pgaccel_scan_mask.sv
rtl/accel/pgaccel_scan_step.sv
rtl/accel/pgaccel_align.sv
rtl/accel/pgaccel_engine.sv
rtl/accel/pgaccel_regs.sv
rtl/accel/pgaccel.sv
