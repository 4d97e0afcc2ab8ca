// SPDX-License-Identifier: BSD-2-Clause
// Test top for the board's own blocks (tests/fpga/tb_arty_blocks.cpp): the SoC-to-controller
// crossing (pagoda_dram_cdc) with its two clocks driven from C++, and the UART line
// (pagoda_uart_phy, 10 clocks a bit) whose RX pin is either its own TX pin (loopback) or driven
// from C++.
module tb_arty_blocks (
  input  logic         clk_i,
  input  logic         rst_ni,
  input  logic         dclk_i,
  input  logic         drst_ni,
  // crossing, SoC side
  input  logic         cmd_valid_i,
  output logic         cmd_ready_o,
  input  logic         cmd_we_i,
  input  logic [23:0]  cmd_addr_i,
  input  logic         wdata_valid_i,
  output logic         wdata_ready_o,
  input  logic [15:0]  wdata_we_i,
  input  logic [127:0] wdata_data_i,
  output logic         rdata_valid_o,
  input  logic         rdata_ready_i,
  output logic [127:0] rdata_data_o,
  output logic         init_done_o,
  output logic         init_error_o,
  input  logic         wb_cyc_i,
  input  logic         wb_stb_i,
  input  logic         wb_we_i,
  input  logic [29:0]  wb_adr_i,
  input  logic [31:0]  wb_dat_i,
  input  logic [3:0]   wb_sel_i,
  output logic         wb_ack_o,
  output logic         wb_err_o,
  output logic [31:0]  wb_dat_o,
  // crossing, controller side
  output logic         d_cmd_valid_o,
  input  logic         d_cmd_ready_i,
  output logic         d_cmd_we_o,
  output logic [23:0]  d_cmd_addr_o,
  output logic         d_wdata_valid_o,
  input  logic         d_wdata_ready_i,
  output logic [15:0]  d_wdata_we_o,
  output logic [127:0] d_wdata_data_o,
  input  logic         d_rdata_valid_i,
  output logic         d_rdata_ready_o,
  input  logic [127:0] d_rdata_data_i,
  input  logic         d_init_done_i,
  input  logic         d_init_error_i,
  output logic         d_wb_cyc_o,
  output logic         d_wb_stb_o,
  output logic         d_wb_we_o,
  output logic [29:0]  d_wb_adr_o,
  output logic [31:0]  d_wb_dat_o,
  output logic [3:0]   d_wb_sel_o,
  input  logic         d_wb_ack_i,
  input  logic         d_wb_err_i,
  input  logic [31:0]  d_wb_dat_i,
  // UART line (SoC clock)
  input  logic         tx_valid_i,
  input  logic [7:0]   tx_data_i,
  output logic         tx_ready_o,
  output logic         rx_valid_o,
  output logic [7:0]   rx_data_o,
  input  logic         rx_ready_i,
  output logic         rx_frame_err_o,
  output logic         rx_overrun_o,
  output logic         tx_o,
  input  logic         loop_i,
  input  logic         rx_pin_i
);

  pagoda_dram_cdc u_cdc (
    .clk_i, .rst_ni, .cmd_valid_i, .cmd_ready_o, .cmd_we_i, .cmd_addr_i, .wdata_valid_i,
    .wdata_ready_o, .wdata_we_i, .wdata_data_i, .rdata_valid_o, .rdata_ready_i, .rdata_data_o,
    .init_done_o, .init_error_o, .wb_cyc_i, .wb_stb_i, .wb_we_i, .wb_adr_i, .wb_dat_i, .wb_sel_i,
    .wb_ack_o, .wb_err_o, .wb_dat_o, .dclk_i, .drst_ni, .d_cmd_valid_o, .d_cmd_ready_i,
    .d_cmd_we_o, .d_cmd_addr_o, .d_wdata_valid_o, .d_wdata_ready_i, .d_wdata_we_o,
    .d_wdata_data_o, .d_rdata_valid_i, .d_rdata_ready_o, .d_rdata_data_i, .d_init_done_i,
    .d_init_error_i, .d_wb_cyc_o, .d_wb_stb_o, .d_wb_we_o, .d_wb_adr_o, .d_wb_dat_o, .d_wb_sel_o,
    .d_wb_ack_i, .d_wb_err_i, .d_wb_dat_i
  );

  pagoda_uart_phy #(.CLK_HZ(1000), .BAUD(100)) u_phy (
    .clk_i, .rst_ni, .tx_valid_i, .tx_data_i, .tx_ready_o, .rx_valid_o, .rx_data_o,
    .rx_ready_i, .rx_frame_err_o, .rx_overrun_o, .tx_o,
    .rx_i (loop_i ? tx_o : rx_pin_i)
  );

endmodule
