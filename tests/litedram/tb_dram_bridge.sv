// SPDX-License-Identifier: BSD-2-Clause
// Harness top for the DRAM bridge suite (tests/litedram/tb_dram_bridge.cpp): pagoda_dram_bridge,
// pagoda_dram_csr (with pagoda_dram_init; its PBUS slave is the harness's c_* port) and the generated LiteDRAM controller (SDRAMPHYModel), wired as pagoda_soc
// wires them under MEM=litedram. raw_i hands the controller's native port to the harness instead
// of the bridge (the bridge then sees an idle port), so one run measures the bridge against the
// port it drives. model_i puts the fast DRAM model (sim/pagoda_dram_model.sv) in the
// controller's place, for the bridge and the raw port alike, so one run measures both memories
// through the same bridge and the same harness code (docs/memory.md "The fast DRAM model").
module tb_dram_bridge #(
  // the generated controller's native port (rtl/mem/litedram/arty.yml): 16-byte words, 24-bit
  // word address; the bridge's size follows from it
  parameter int unsigned NATIVE_AW = 24,
  parameter int unsigned DEPTH     = 8    // transfers in flight
) (
  // the bridge's parameters, for the harness (tb_dram_bridge.cpp sizes its tests by them)
  output logic [31:0]   size_o,
  output logic [7:0]    depth_o,
  // the fast model's parameters, for the harness to check against litedram_timing.h:
  // {CWL_CYCLES, T_WTR, CMD_DEPTH, T_REFI, T_RFC, T_RAS, T_RP, T_RCD, READ_LATENCY, BANK_BITS,
  //  COL_BITS, AW}
  output logic [11:0][31:0] model_cfg_o,
  input  logic          model_i,
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic          raw_i,
  output logic          init_done_o,
  // bridge port I
  input  logic          i_req_i,
  output logic          i_gnt_o,
  input  logic [31:0]   i_addr_i,
  output logic          i_rvalid_o,
  output logic [63:0]   i_rdata_o,
  output logic          i_err_o,
  // bridge port D
  input  logic          d_req_i,
  output logic          d_gnt_o,
  input  logic [31:0]   d_addr_i,
  input  logic          d_we_i,
  input  logic [7:0]    d_be_i,
  input  logic [63:0]   d_wdata_i,
  output logic          d_rvalid_o,
  output logic [63:0]   d_rdata_o,
  output logic          d_err_o,
  // bridge port W (pgaccel's wide write port in the SoC)
  input  logic          w_req_i,
  output logic          w_gnt_o,
  input  logic [31:0]   w_addr_i,
  input  logic [63:0]   w_data_i,
  output logic          w_rvalid_o,
  output logic          w_err_o,
  // the native port, driven by the harness when raw_i
  input  logic          raw_cmd_valid_i,
  output logic          raw_cmd_ready_o,
  input  logic          raw_cmd_we_i,
  input  logic [NATIVE_AW-1:0]   raw_cmd_addr_i,
  input  logic          raw_wdata_valid_i,
  output logic          raw_wdata_ready_o,
  input  logic [15:0]   raw_wdata_we_i,
  input  logic [127:0]  raw_wdata_i,
  output logic          raw_rdata_valid_o,
  output logic [127:0]  raw_rdata_o,
  // the CSR window (pagoda_dram_csr's PBUS slave): the byte offset in c_addr_i
  input  logic          c_req_i,
  output logic          c_gnt_o,
  input  logic [31:0]   c_addr_i,
  input  logic          c_we_i,
  input  logic [7:0]    c_be_i,
  input  logic [63:0]   c_wdata_i,
  output logic          c_rvalid_o,
  output logic [63:0]   c_rdata_o,
  output logic          c_err_o
);

  logic         init_done, init_error;
  logic         b_cmd_valid, b_cmd_we, b_wdata_valid, b_rdata_ready;
  logic [NATIVE_AW-1:0]  b_cmd_addr;
  logic [15:0]  b_wdata_we;
  logic [127:0] b_wdata;
  logic         cmd_valid, cmd_ready, cmd_we, wdata_valid, wdata_ready, rdata_valid;
  logic [NATIVE_AW-1:0]  cmd_addr;
  logic [15:0]  wdata_we;
  logic [127:0] wdata, rdata;
  logic         wb_cyc, wb_stb, wb_we, wb_ack, wb_err;
  logic [29:0]  wb_adr;
  logic [31:0]  wb_dat_w, wb_dat_r;
  logic [3:0]   wb_sel;
  logic         user_clk, user_rst;

  assign init_done_o = init_done && !init_error;

  localparam logic [31:0] SIZE = 32'(1) << (NATIVE_AW + 4);
  assign size_o  = SIZE;
  assign depth_o = 8'(DEPTH);

  pagoda_dram_bridge #(.SIZE(SIZE), .DEPTH(DEPTH)) u_bridge (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .open_i        (init_done_o),
    .i_req_i       (i_req_i),
    .i_gnt_o       (i_gnt_o),
    .i_addr_i      (i_addr_i),
    .i_rvalid_o    (i_rvalid_o),
    .i_rdata_o     (i_rdata_o),
    .i_err_o       (i_err_o),
    .d_req_i       (d_req_i),
    .d_gnt_o       (d_gnt_o),
    .d_addr_i      (d_addr_i),
    .d_we_i        (d_we_i),
    .d_be_i        (d_be_i),
    .d_wdata_i     (d_wdata_i),
    .d_rvalid_o    (d_rvalid_o),
    .d_rdata_o     (d_rdata_o),
    .d_err_o       (d_err_o),
    .w_req_i       (w_req_i),
    .w_gnt_o       (w_gnt_o),
    .w_addr_i      (w_addr_i),
    .w_data_i      (w_data_i),
    .w_rvalid_o    (w_rvalid_o),
    .w_err_o       (w_err_o),
    .cmd_valid_o   (b_cmd_valid),
    .cmd_ready_i   (cmd_ready && !raw_i),
    .cmd_we_o      (b_cmd_we),
    .cmd_addr_o    (b_cmd_addr),
    .wdata_valid_o (b_wdata_valid),
    .wdata_ready_i (wdata_ready && !raw_i),
    .wdata_we_o    (b_wdata_we),
    .wdata_data_o  (b_wdata),
    .rdata_valid_i (rdata_valid && !raw_i),
    .rdata_ready_o (b_rdata_ready),
    .rdata_data_i  (rdata)
  );

  // the memory the port reaches: LiteDRAM (ld_*) or the fast model (fm_*)
  logic ld_cmd_ready, ld_wdata_ready, ld_rdata_valid, ld_init_done;
  logic fm_cmd_ready, fm_wdata_ready, fm_rdata_valid, fm_init_done;
  logic [127:0] ld_rdata, fm_rdata;
  assign cmd_ready   = model_i ? fm_cmd_ready   : ld_cmd_ready;
  assign wdata_ready = model_i ? fm_wdata_ready : ld_wdata_ready;
  assign rdata_valid = model_i ? fm_rdata_valid : ld_rdata_valid;
  assign rdata       = model_i ? fm_rdata       : ld_rdata;
  assign init_done   = model_i ? fm_init_done   : ld_init_done;

  assign cmd_valid   = raw_i ? raw_cmd_valid_i   : b_cmd_valid;
  assign cmd_we      = raw_i ? raw_cmd_we_i      : b_cmd_we;
  assign cmd_addr    = raw_i ? raw_cmd_addr_i    : b_cmd_addr;
  assign wdata_valid = raw_i ? raw_wdata_valid_i : b_wdata_valid;
  assign wdata_we    = raw_i ? raw_wdata_we_i    : b_wdata_we;
  assign wdata       = raw_i ? raw_wdata_i       : b_wdata;
  assign raw_cmd_ready_o   = cmd_ready && raw_i;
  assign raw_wdata_ready_o = wdata_ready && raw_i;
  assign raw_rdata_valid_o = rdata_valid && raw_i;
  assign raw_rdata_o       = rdata;

  pagoda_dram_csr #(.WINDOW(pagoda_pkg::DRAMCTRL_SIZE), .HW_INIT(1'b1)) u_csr (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .init_done_i (ld_init_done),
    .req_i       (c_req_i),
    .gnt_o       (c_gnt_o),
    .addr_i      (c_addr_i),
    .we_i        (c_we_i),
    .be_i        (c_be_i),
    .wdata_i     (c_wdata_i),
    .rvalid_o    (c_rvalid_o),
    .rdata_o     (c_rdata_o),
    .err_o       (c_err_o),
    .wb_cyc_o    (wb_cyc),
    .wb_stb_o    (wb_stb),
    .wb_we_o     (wb_we),
    .wb_adr_o    (wb_adr),
    .wb_dat_o    (wb_dat_w),
    .wb_sel_o    (wb_sel),
    .wb_ack_i    (wb_ack),
    .wb_err_i    (wb_err),
    .wb_dat_i    (wb_dat_r)
  );

  litedram_core u_dram (
    .clk                       (clk_i),
    .init_done                 (ld_init_done),
    .init_error                (init_error),
    .sim_trace                 (1'b0),
    .user_clk                  (user_clk),
    .user_rst                  (user_rst),
    .user_port_mem_cmd_addr    (cmd_addr),
    .user_port_mem_cmd_ready   (ld_cmd_ready),
    .user_port_mem_cmd_valid   (cmd_valid && !model_i),
    .user_port_mem_cmd_we      (cmd_we),
    .user_port_mem_rdata_data  (ld_rdata),
    .user_port_mem_rdata_ready (raw_i ? 1'b1 : b_rdata_ready),
    .user_port_mem_rdata_valid (ld_rdata_valid),
    .user_port_mem_wdata_data  (wdata),
    .user_port_mem_wdata_ready (ld_wdata_ready),
    .user_port_mem_wdata_valid (wdata_valid && !model_i),
    .user_port_mem_wdata_we    (wdata_we),
    .wb_ctrl_ack               (wb_ack),
    .wb_ctrl_adr               (wb_adr),
    .wb_ctrl_bte               (2'b00),
    .wb_ctrl_cti               (3'b000),
    .wb_ctrl_cyc               (wb_cyc),
    .wb_ctrl_dat_r             (wb_dat_r),
    .wb_ctrl_dat_w             (wb_dat_w),
    .wb_ctrl_err               (wb_err),
    .wb_ctrl_sel               (wb_sel),
    .wb_ctrl_stb               (wb_stb),
    .wb_ctrl_we                (wb_we)
  );

  // the fast model with its default parameters (those the MEM=dramfast SoC uses)
  pagoda_dram_model u_model (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .init_done_o   (fm_init_done),
    .cmd_valid_i   (cmd_valid && model_i),
    .cmd_ready_o   (fm_cmd_ready),
    .cmd_we_i      (cmd_we),
    .cmd_addr_i    (cmd_addr),
    .wdata_valid_i (wdata_valid && model_i),
    .wdata_ready_o (fm_wdata_ready),
    .wdata_we_i    (wdata_we),
    .wdata_i       (wdata),
    .rdata_valid_o (fm_rdata_valid),
    .rdata_ready_i (raw_i ? 1'b1 : b_rdata_ready),
    .rdata_o       (fm_rdata)
  );
  assign model_cfg_o = {32'(u_model.CWL_CYCLES), 32'(u_model.T_WTR), 32'(u_model.CMD_DEPTH), 32'(u_model.T_REFI), 32'(u_model.T_RFC),
                        32'(u_model.T_RAS), 32'(u_model.T_RP), 32'(u_model.T_RCD),
                        32'(u_model.READ_LATENCY), 32'(u_model.BANK_BITS),
                        32'(u_model.COL_BITS), 32'(u_model.AW)};

  logic unused;
  assign unused = ^{user_clk, user_rst};

endmodule
