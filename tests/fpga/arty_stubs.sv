// SPDX-License-Identifier: BSD-2-Clause
// Port-only stand-in for what Verilator cannot read in the board top's lint (make lint-arty): the
// generated litedram_core with the A7 PHY, whose ISERDES/OSERDES/IDELAY/PLL have no model here.
// The clock cells (MMCME2_BASE, BUFG) are the board-level simulation's models
// (fpga/arty-a7/sim/xilinx_cells_sim.sv), linted with the top.
// The ports are those of build/.../litedram/a7/gateware/litedram_core.v; a mismatch with the
// board top fails the Yosys elaboration of lint-arty, which reads the generated core itself.
module litedram_core (
  input  logic         clk,
  input  logic         rst,
  output logic         pll_locked,
  output logic         user_clk,
  output logic         user_rst,
  output logic         init_done,
  output logic         init_error,
  output logic [13:0]  ddram_a,
  output logic [2:0]   ddram_ba,
  output logic         ddram_ras_n,
  output logic         ddram_cas_n,
  output logic         ddram_we_n,
  output logic         ddram_cs_n,
  output logic         ddram_reset_n,
  output logic         ddram_cke,
  output logic         ddram_odt,
  output logic         ddram_clk_p,
  output logic         ddram_clk_n,
  output logic [1:0]   ddram_dm,
  inout  wire  [15:0]  ddram_dq,
  inout  wire  [1:0]   ddram_dqs_p,
  inout  wire  [1:0]   ddram_dqs_n,
  input  logic [23:0]  user_port_mem_cmd_addr,
  output logic         user_port_mem_cmd_ready,
  input  logic         user_port_mem_cmd_valid,
  input  logic         user_port_mem_cmd_we,
  output logic [127:0] user_port_mem_rdata_data,
  input  logic         user_port_mem_rdata_ready,
  output logic         user_port_mem_rdata_valid,
  input  logic [127:0] user_port_mem_wdata_data,
  output logic         user_port_mem_wdata_ready,
  input  logic         user_port_mem_wdata_valid,
  input  logic [15:0]  user_port_mem_wdata_we,
  output logic         wb_ctrl_ack,
  input  logic [29:0]  wb_ctrl_adr,
  input  logic [1:0]   wb_ctrl_bte,
  input  logic [2:0]   wb_ctrl_cti,
  input  logic         wb_ctrl_cyc,
  output logic [31:0]  wb_ctrl_dat_r,
  input  logic [31:0]  wb_ctrl_dat_w,
  output logic         wb_ctrl_err,
  input  logic [3:0]   wb_ctrl_sel,
  input  logic         wb_ctrl_stb,
  input  logic         wb_ctrl_we
);
  assign {pll_locked, user_clk, user_rst, init_done, init_error} = '0;
  assign {ddram_a, ddram_ba, ddram_ras_n, ddram_cas_n, ddram_we_n, ddram_cs_n} = '0;
  assign {ddram_reset_n, ddram_cke, ddram_odt, ddram_clk_p, ddram_clk_n, ddram_dm} = '0;
  assign {user_port_mem_cmd_ready, user_port_mem_rdata_data, user_port_mem_rdata_valid} = '0;
  assign {user_port_mem_wdata_ready, wb_ctrl_ack, wb_ctrl_dat_r, wb_ctrl_err} = '0;
endmodule
