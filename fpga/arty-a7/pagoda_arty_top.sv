// SPDX-License-Identifier: BSD-2-Clause
// Pagoda on the Digilent Arty A7 (-35T or -100T: the part is the build's choice, the top is the
// same; docs/fpga.md). Only the board's pins come in:
//   clk100_i   E3  the 100 MHz oscillator
//   rst_ni     C2  the red RESET button (low when pressed)
//   uart_rx_i  A9  USB-UART, host to FPGA       uart_tx_o  D10  FPGA to host
//   led_o[3:0] H5 J5 T9 T10 (LD4..LD7)
//   ddr3_*     the MT41K128M16 DDR3L (256 MiB), driven by LiteDRAM's A7 PHY
// Clocks: the oscillator feeds LiteDRAM's generated clocking (its PLL: controller 100 MHz, PHY
// 400 MHz and 200 MHz for IDELAYCTRL; the controller's clock comes back out as user_clk) and our
// MMCM (pagoda_arty_clk: the SoC at 50 MHz). The SoC's RAM ports cross into the controller's
// clock through pagoda_dram_cdc (asynchronous FIFOs).
// Resets: the button resets LiteDRAM's clocking and our MMCM; the crossing leaves reset when the
// button is up, both clocks are locked and the controller is out of reset, synchronised into each
// clock; the SoC additionally for one cycle on the test device's reboot request (0x7777, taken on
// a clock edge), which leaves the crossing alone (as in simulation, a reboot in the middle of a DRAM transfer is not handled).
// LEDs: LD4 DRAM ready (the controller reports init_done: calibration done), LD5 heartbeat of
// the SoC clock (steady on: the controller reported init_error), LD6 the finisher reported pass,
// LD7 it reported a failure (both latched until reset).
// Boot: the serial-boot ROM (BOOT_PROG; firmware/bootrom built for the A7 PHY, docs/fpga.md
// "Boot") in block RAM, BOOT_ROM_WORDS deep (the image's size), with an 8 KiB scratch SRAM. The
// image's file and size come from pagoda_arty_boot.svh, which fpga/arty.mk writes after building
// the image (make synth-arty, lint-arty and bitstream build it first).
// Simulation: PAGODA_ARTY_SIM (make test-board-sim only, never synthesis or lint-arty) swaps the
// A7 LiteDRAM core for the one with LiteDRAM's PHY model; it is the top's only difference, the
// clock cells' models are fpga/arty-a7/sim/xilinx_cells_sim.sv (docs/fpga.md).
`include "pagoda_arty_boot.svh"
`include "pagoda_assert.svh"
module pagoda_arty_top #(
  parameter int unsigned SOC_HZ         = 50_000_000,   // must match pagoda_arty_clk
  parameter int unsigned BAUD           = 115_200,
  parameter int unsigned BOOT_ROM_WORDS = `PAGODA_ARTY_BOOT_ROM_WORDS,
  parameter int unsigned BOOT_RAM_WORDS = 1024,         // the image's BOOTROM_SRAM_BYTES / 8
  parameter              BOOT_INIT      = `PAGODA_ARTY_BOOT_INIT,  // file name (untyped, for Yosys)
  // the core's data cache: the tree's SOC_DCACHE, as the ROM's flush and the DTB were built for
  parameter int unsigned DCACHE_BYTES   = `PAGODA_ARTY_DCACHE_BYTES
) (
  input  logic        clk100_i,
  input  logic        rst_ni,
  input  logic        uart_rx_i,
  output logic        uart_tx_o,
  output logic [3:0]  led_o,
  output logic [13:0] ddr3_a_o,
  output logic [2:0]  ddr3_ba_o,
  output logic        ddr3_ras_no,
  output logic        ddr3_cas_no,
  output logic        ddr3_we_no,
  output logic        ddr3_cs_no,
  output logic        ddr3_reset_no,
  output logic        ddr3_cke_o,
  output logic        ddr3_odt_o,
  output logic        ddr3_ck_p_o,
  output logic        ddr3_ck_n_o,
  output logic [1:0]  ddr3_dm_o,
  inout  wire  [15:0] ddr3_dq_io,
  inout  wire  [1:0]  ddr3_dqs_p_io,
  inout  wire  [1:0]  ddr3_dqs_n_io
);

  localparam logic [31:0] RAM_SIZE = pagoda_pkg::RAM_SIZE;  // 256 MiB: MEM=litedram's generated map

  // ---- clocks and resets ----
  logic clk_soc, soc_locked, clk_dram, dram_rst, dram_locked;
  logic xrst_src_n, soc_xrst_n, dram_xrst_n, soc_sync_n, soc_rst_q, soc_rst_n, test_reset;

  pagoda_arty_clk u_clk (
    .clk100_i  (clk100_i),
    .rst_i     (!rst_ni),
    .clk_soc_o (clk_soc),
    .locked_o  (soc_locked)
  );

  assign xrst_src_n = rst_ni && soc_locked && dram_locked && !dram_rst;

  pagoda_rst_sync u_rst_soc_x (
    .clk_i  (clk_soc),
    .rst_ni (xrst_src_n),
    .rst_no (soc_xrst_n)
  );
  pagoda_rst_sync u_rst_dram_x (
    .clk_i  (clk_dram),
    .rst_ni (xrst_src_n),
    .rst_no (dram_xrst_n)
  );
  pagoda_rst_sync u_rst_soc (
    .clk_i  (clk_soc),
    .rst_ni (xrst_src_n),
    .rst_no (soc_sync_n)
  );
  // The reboot request is a register of the SoC that the SoC's reset clears: taken into the
  // reset asynchronously it would clear itself through its own reset, a loop whose pulse lasts
  // only the loop's delay. Taken on a clock edge instead: the SoC is in reset for one cycle, from
  // the edge after the request to the next edge, and leaves it synchronously.
  always_ff @(posedge clk_soc or negedge soc_sync_n) begin
    if (!soc_sync_n) soc_rst_q <= 1'b0;
    else             soc_rst_q <= !test_reset;
  end
  assign soc_rst_n = soc_rst_q;

  // ---- the SoC ----
  logic         tx_valid, tx_ready, rx_valid, rx_ready, rx_ferr, rx_ovr;
  logic [7:0]   tx_data, rx_data;
  logic         test_done, test_fail;
  logic [15:0]  test_code;
  logic [63:0]  retired, retire_pc;
  logic         cmd_valid, cmd_ready, cmd_we, wdata_valid, wdata_ready, rdata_valid, rdata_ready;
  logic [23:0]  cmd_addr;
  logic [15:0]  wdata_we;
  logic [127:0] wdata, rdata;
  logic         init_done, init_error;
  logic         wb_cyc, wb_stb, wb_we, wb_ack, wb_err;
  logic [29:0]  wb_adr;
  logic [31:0]  wb_dat_w, wb_dat_r;
  logic [3:0]   wb_sel;

  pagoda_soc #(
    .RAM_SIZE       (RAM_SIZE),
    .DCACHE_BYTES   (DCACHE_BYTES),
    .BOOT_PROG      (1'b1),
    .BOOT_ROM_WORDS (BOOT_ROM_WORDS),
    .BOOT_RAM_WORDS (BOOT_RAM_WORDS),
    .BOOT_INIT      (BOOT_INIT)
  ) u_soc (
    .clk_i              (clk_soc),
    .rst_ni             (soc_rst_n),
    .uart_tx_valid_o    (tx_valid),
    .uart_tx_data_o     (tx_data),
    .uart_tx_ready_i    (tx_ready),
    .uart_rx_valid_i    (rx_valid),
    .uart_rx_data_i     (rx_data),
    .uart_rx_ready_o    (rx_ready),
    .test_done_o        (test_done),
    .test_fail_o        (test_fail),
    .test_code_o        (test_code),
    .test_reset_o       (test_reset),
    .retired_o          (retired),
    .retire_pc_o        (retire_pc),
    .dram_cmd_valid_o   (cmd_valid),
    .dram_cmd_ready_i   (cmd_ready),
    .dram_cmd_we_o      (cmd_we),
    .dram_cmd_addr_o    (cmd_addr),
    .dram_wdata_valid_o (wdata_valid),
    .dram_wdata_ready_i (wdata_ready),
    .dram_wdata_we_o    (wdata_we),
    .dram_wdata_o       (wdata),
    .dram_rdata_valid_i (rdata_valid),
    .dram_rdata_ready_o (rdata_ready),
    .dram_rdata_i       (rdata),
    .dram_init_done_i   (init_done),
    .dram_init_error_i  (init_error),
    .dram_wb_cyc_o      (wb_cyc),
    .dram_wb_stb_o      (wb_stb),
    .dram_wb_we_o       (wb_we),
    .dram_wb_adr_o      (wb_adr),
    .dram_wb_dat_o      (wb_dat_w),
    .dram_wb_sel_o      (wb_sel),
    .dram_wb_ack_i      (wb_ack),
    .dram_wb_err_i      (wb_err),
    .dram_wb_dat_i      (wb_dat_r)
  );

  // ---- the UART's line ----
  pagoda_uart_phy #(.CLK_HZ(SOC_HZ), .BAUD(BAUD)) u_uart_phy (
    .clk_i          (clk_soc),
    .rst_ni         (soc_rst_n),
    .tx_valid_i     (tx_valid),
    .tx_data_i      (tx_data),
    .tx_ready_o     (tx_ready),
    .rx_valid_o     (rx_valid),
    .rx_data_o      (rx_data),
    .rx_ready_i     (rx_ready),
    .rx_frame_err_o (rx_ferr),
    .rx_overrun_o   (rx_ovr),
    .tx_o           (uart_tx_o),
    .rx_i           (uart_rx_i)
  );

  // ---- the crossing and the controller ----
  logic         d_cmd_valid, d_cmd_ready, d_cmd_we, d_wdata_valid, d_wdata_ready;
  logic         d_rdata_valid, d_rdata_ready, d_init_done, d_init_error;
  logic [23:0]  d_cmd_addr;
  logic [15:0]  d_wdata_we;
  logic [127:0] d_wdata, d_rdata;
  logic         d_wb_cyc, d_wb_stb, d_wb_we, d_wb_ack, d_wb_err;
  logic [29:0]  d_wb_adr;
  logic [31:0]  d_wb_dat_w, d_wb_dat_r;
  logic [3:0]   d_wb_sel;

  pagoda_dram_cdc u_cdc (
    .clk_i           (clk_soc),
    .rst_ni          (soc_xrst_n),
    .cmd_valid_i     (cmd_valid),
    .cmd_ready_o     (cmd_ready),
    .cmd_we_i        (cmd_we),
    .cmd_addr_i      (cmd_addr),
    .wdata_valid_i   (wdata_valid),
    .wdata_ready_o   (wdata_ready),
    .wdata_we_i      (wdata_we),
    .wdata_data_i    (wdata),
    .rdata_valid_o   (rdata_valid),
    .rdata_ready_i   (rdata_ready),
    .rdata_data_o    (rdata),
    .init_done_o     (init_done),
    .init_error_o    (init_error),
    .wb_cyc_i        (wb_cyc),
    .wb_stb_i        (wb_stb),
    .wb_we_i         (wb_we),
    .wb_adr_i        (wb_adr),
    .wb_dat_i        (wb_dat_w),
    .wb_sel_i        (wb_sel),
    .wb_ack_o        (wb_ack),
    .wb_err_o        (wb_err),
    .wb_dat_o        (wb_dat_r),
    .dclk_i          (clk_dram),
    .drst_ni         (dram_xrst_n),
    .d_cmd_valid_o   (d_cmd_valid),
    .d_cmd_ready_i   (d_cmd_ready),
    .d_cmd_we_o      (d_cmd_we),
    .d_cmd_addr_o    (d_cmd_addr),
    .d_wdata_valid_o (d_wdata_valid),
    .d_wdata_ready_i (d_wdata_ready),
    .d_wdata_we_o    (d_wdata_we),
    .d_wdata_data_o  (d_wdata),
    .d_rdata_valid_i (d_rdata_valid),
    .d_rdata_ready_o (d_rdata_ready),
    .d_rdata_data_i  (d_rdata),
    .d_init_done_i   (d_init_done),
    .d_init_error_i  (d_init_error),
    .d_wb_cyc_o      (d_wb_cyc),
    .d_wb_stb_o      (d_wb_stb),
    .d_wb_we_o       (d_wb_we),
    .d_wb_adr_o      (d_wb_adr),
    .d_wb_dat_o      (d_wb_dat_w),
    .d_wb_sel_o      (d_wb_sel),
    .d_wb_ack_i      (d_wb_ack),
    .d_wb_err_i      (d_wb_err),
    .d_wb_dat_i      (d_wb_dat_r)
  );

  // LiteDRAM, generated at build time (rtl/mem/mem.mk): with the Artix-7 PHY (build/.../litedram/a7)
  // for synthesis; in the board-level simulation only (PAGODA_ARTY_SIM, make test-board-sim,
  // docs/fpga.md "Board-level simulation") the same controller with LiteDRAM's SDRAM PHY model
  // (litedram_gen --sim), which has no DDR3 pins, no PLL and no reset input: it runs on the
  // oscillator's clock (user_clk = clk, the controller's 100 MHz as on the board) and leaves its
  // power-on reset by itself. There its lock is tied high and the DDR3 pins are tied off.
  litedram_core u_dram (
`ifndef PAGODA_ARTY_SIM
    .rst                       (!rst_ni),
    .pll_locked                (dram_locked),
    .ddram_a                   (ddr3_a_o),
    .ddram_ba                  (ddr3_ba_o),
    .ddram_ras_n               (ddr3_ras_no),
    .ddram_cas_n               (ddr3_cas_no),
    .ddram_we_n                (ddr3_we_no),
    .ddram_cs_n                (ddr3_cs_no),
    .ddram_reset_n             (ddr3_reset_no),
    .ddram_cke                 (ddr3_cke_o),
    .ddram_odt                 (ddr3_odt_o),
    .ddram_clk_p               (ddr3_ck_p_o),
    .ddram_clk_n               (ddr3_ck_n_o),
    .ddram_dm                  (ddr3_dm_o),
    .ddram_dq                  (ddr3_dq_io),
    .ddram_dqs_p               (ddr3_dqs_p_io),
    .ddram_dqs_n               (ddr3_dqs_n_io),
`else
    .sim_trace                 (1'b0),
`endif
    .clk                       (clk100_i),
    .user_clk                  (clk_dram),
    .user_rst                  (dram_rst),
    .init_done                 (d_init_done),
    .init_error                (d_init_error),
    .user_port_mem_cmd_addr    (d_cmd_addr),
    .user_port_mem_cmd_ready   (d_cmd_ready),
    .user_port_mem_cmd_valid   (d_cmd_valid),
    .user_port_mem_cmd_we      (d_cmd_we),
    .user_port_mem_rdata_data  (d_rdata),
    .user_port_mem_rdata_ready (d_rdata_ready),
    .user_port_mem_rdata_valid (d_rdata_valid),
    .user_port_mem_wdata_data  (d_wdata),
    .user_port_mem_wdata_ready (d_wdata_ready),
    .user_port_mem_wdata_valid (d_wdata_valid),
    .user_port_mem_wdata_we    (d_wdata_we),
    .wb_ctrl_ack               (d_wb_ack),
    .wb_ctrl_adr               (d_wb_adr),
    .wb_ctrl_bte               (2'b00),
    .wb_ctrl_cti               (3'b000),
    .wb_ctrl_cyc               (d_wb_cyc),
    .wb_ctrl_dat_r             (d_wb_dat_r),
    .wb_ctrl_dat_w             (d_wb_dat_w),
    .wb_ctrl_err               (d_wb_err),
    .wb_ctrl_sel               (d_wb_sel),
    .wb_ctrl_stb               (d_wb_stb),
    .wb_ctrl_we                (d_wb_we)
  );
`ifdef PAGODA_ARTY_SIM
  assign dram_locked = 1'b1;
  assign {ddr3_a_o, ddr3_ba_o, ddr3_ras_no, ddr3_cas_no, ddr3_we_no, ddr3_cs_no} = '1;
  assign {ddr3_reset_no, ddr3_cke_o, ddr3_odt_o, ddr3_ck_p_o, ddr3_ck_n_o, ddr3_dm_o} = '0;
  assign ddr3_dq_io    = 'z;
  assign ddr3_dqs_p_io = 'z;
  assign ddr3_dqs_n_io = 'z;
`endif

  // LiteDRAM's data channels have no handshake (pagoda_dram_cdc): it takes write data when it
  // asks for them, which must be there, and gives read data without waiting, which must find room
  `ASSERT(DramWdataThere, d_wdata_ready -> d_wdata_valid, clk_dram, dram_xrst_n)
  `ASSERT(DramRdataRoom, d_rdata_valid -> d_rdata_ready, clk_dram, dram_xrst_n)

  // ---- LEDs ----
  logic [25:0] beat_q;
  logic        pass_q, fail_q;

  always_ff @(posedge clk_soc or negedge soc_xrst_n) begin
    if (!soc_xrst_n) begin
      beat_q <= '0;
      pass_q <= 1'b0;
      fail_q <= 1'b0;
    end else begin
      beat_q <= beat_q + 26'd1;
      if (test_done) begin
        pass_q <= !test_fail;
        fail_q <= test_fail;
      end
    end
  end

  assign led_o[0] = init_done;
  assign led_o[1] = init_error || beat_q[25];   // ~0.75 Hz at 50 MHz
  assign led_o[2] = pass_q;
  assign led_o[3] = fail_q;

  logic unused;
  assign unused = ^{rx_ferr, rx_ovr, test_code, retired, retire_pc};

endmodule
