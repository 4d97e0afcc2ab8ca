// SPDX-License-Identifier: BSD-2-Clause
// Top of the pin-level simulation (sim/pins_sim.cpp, docs/fpga.md "Boot"): the SoC with the
// serial-boot ROM and its UART's serial line, as the board has them, so that the harness reaches
// the SoC only through the RX and TX pins. The test finisher's result is passed out only to end
// the run (a board has none); the verdict is what TX printed. Test harness code, not a board top:
// the board's clocks and reset come from fpga/.
module pagoda_sim_pins #(
  parameter logic [31:0] RAM_SIZE       = pagoda_pkg::RAM_SIZE,
  parameter int unsigned CLKS_PER_BIT   = 8,
  parameter int unsigned DCACHE_BYTES   = 0,      // the build's SOC_DCACHE
  parameter int unsigned BOOT_ROM_WORDS = 512,
  parameter int unsigned BOOT_RAM_WORDS = 512,
  parameter              BOOT_INIT      = ""   // file name (untyped, for Yosys)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        uart_rx_i,
  output logic        uart_tx_o,
  output logic        uart_overrun_o,
  output logic        test_done_o,
  output logic        test_fail_o,
  output logic [15:0] test_code_o,
  output logic        test_reset_o,
  output logic [63:0] retired_o,       // instructions retired, and the last one's pc: for the
  output logic [63:0] retire_pc_o      // harness's +progress report only
);

  logic       tx_valid, tx_ready, rx_valid, rx_ready, rx_ferr;
  logic [7:0] tx_data, rx_data;

  pagoda_soc #(
    .RAM_SIZE       (RAM_SIZE),
    .DCACHE_BYTES   (DCACHE_BYTES),
    .BOOT_PROG      (1'b1),
    .BOOT_ROM_WORDS (BOOT_ROM_WORDS),
    .BOOT_RAM_WORDS (BOOT_RAM_WORDS),
    .BOOT_INIT      (BOOT_INIT)
  ) u_soc (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .uart_tx_valid_o (tx_valid),
    .uart_tx_data_o  (tx_data),
    .uart_tx_ready_i (tx_ready),
    .uart_rx_valid_i (rx_valid),
    .uart_rx_data_i  (rx_data),
    .uart_rx_ready_o (rx_ready),
    .test_done_o     (test_done_o),
    .test_fail_o     (test_fail_o),
    .test_code_o     (test_code_o),
    .test_reset_o    (test_reset_o),
    .retired_o       (retired_o),
    .retire_pc_o     (retire_pc_o)
  );

  // the board's line (CLK_HZ / BAUD clocks a bit) at CLKS_PER_BIT clocks a bit
  pagoda_uart_phy #(.CLK_HZ(CLKS_PER_BIT), .BAUD(1)) u_uart_phy (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .rx_i           (uart_rx_i),
    .tx_o           (uart_tx_o),
    .tx_valid_i     (tx_valid),
    .tx_data_i      (tx_data),
    .tx_ready_o     (tx_ready),
    .rx_valid_o     (rx_valid),
    .rx_data_o      (rx_data),
    .rx_ready_i     (rx_ready),
    .rx_frame_err_o (rx_ferr),
    .rx_overrun_o   (uart_overrun_o)
  );

  logic unused;
  assign unused = rx_ferr;   // litex_term retries a bad frame

endmodule
