// SPDX-License-Identifier: BSD-2-Clause
// Test top for the SoC block testbench (tests/soc/tb_soc_blocks.cpp): the crossbar with three
// masters and four slaves (0..2 modelled in C++, 3 = the real error slave), the three address
// decoders, and the UART, PLIC and CLINT, each with its own bus port driven from C++.
module tb_soc_blocks
(
  input  logic         clk_i,
  input  logic         rst_ni,
  // crossbar
  input  logic [2:0]   xm_req_i,
  input  logic [5:0]   xm_sel_i,
  input  logic [2:0]   xm_lock_i,
  input  logic [95:0]  xm_addr_i,
  input  logic [2:0]   xm_we_i,
  input  logic [23:0]  xm_be_i,
  input  logic [191:0] xm_wdata_i,
  output logic [2:0]   xm_gnt_o,
  output logic [2:0]   xm_rvalid_o,
  output logic [191:0] xm_rdata_o,
  output logic [2:0]   xm_err_o,
  output logic [2:0]   xs_req_o,
  output logic [95:0]  xs_addr_o,
  output logic [2:0]   xs_we_o,
  input  logic [2:0]   xs_gnt_i,
  input  logic [2:0]   xs_rvalid_i,
  input  logic [191:0] xs_rdata_i,
  input  logic [2:0]   xs_err_i,
  // decoders
  input  logic [31:0]  dec_addr_i,
  output logic [3:0]   dec_instr_o,
  output logic [3:0]   dec_data_o,
  output logic [3:0]   dec_dma_o,
  output logic [3:0]   dec_data_accel_o,
  output logic [3:0]   dec_data_dram_o,
  output logic [3:0]   dec_dma_dram_o,
  // one bus port shared by the peripherals (dev_i selects: 0 UART, 1 PLIC, 2 CLINT, 3 test device)
  input  logic [1:0]   dev_i,
  input  logic         p_req_i,
  input  logic [31:0]  p_addr_i,
  input  logic         p_we_i,
  input  logic [7:0]   p_be_i,
  input  logic [63:0]  p_wdata_i,
  output logic         p_gnt_o,
  output logic         p_rvalid_o,
  output logic [63:0]  p_rdata_o,
  output logic         p_err_o,
  // UART
  output logic         uart_irq_o,
  output logic         tx_valid_o,
  output logic [7:0]   tx_data_o,
  input  logic         tx_ready_i,
  input  logic         rx_valid_i,
  input  logic [7:0]   rx_data_i,
  output logic         rx_ready_o,
  // PLIC
  input  logic [31:0]  plic_src_i,
  output logic [1:0]   plic_eip_o,
  // CLINT
  output logic         msip_o,
  output logic         mtip_o,
  output logic [63:0]  mtime_o,
  // test device
  output logic         test_done_o,
  output logic         test_fail_o,
  output logic [15:0]  test_code_o,
  output logic         test_reset_o,
  // fetch path: decoder + ibus + boot ROM (F port); the RAM fetch port is modelled in C++
  input  logic         f_req_i,
  input  logic [31:0]  f_addr_i,
  output logic         f_gnt_o,
  output logic         f_rvalid_o,
  output logic [63:0]  f_rdata_o,
  output logic         f_err_o,
  output logic         fram_req_o,
  input  logic         fram_rvalid_i,
  input  logic [63:0]  fram_rdata_i,
  // boot ROM data port
  input  logic         rd_req_i,
  input  logic [31:0]  rd_addr_i,
  input  logic         rd_we_i,
  output logic         rd_rvalid_o,
  output logic [63:0]  rd_rdata_o,
  output logic         rd_err_o,
  // the UART's serial line (pagoda_uart_phy at 4 cycles a bit: CLK_HZ 4, BAUD 1), on its own
  input  logic         phy_rx_i,
  output logic         phy_tx_o,
  input  logic         phy_tx_valid_i,
  input  logic [7:0]   phy_tx_data_i,
  output logic         phy_tx_ready_o,
  output logic         phy_rx_valid_o,
  output logic [7:0]   phy_rx_data_o,
  input  logic         phy_rx_ready_i,
  output logic         phy_rx_frame_err_o,
  output logic         phy_rx_overrun_o
);

  logic [3:0]   s_req, s_we, s_gnt, s_rvalid, s_err;
  logic [127:0] s_addr;
  logic [31:0]  s_be;
  logic [255:0] s_wdata, s_rdata;

  // slave 1 as deep as the SoC's RAM (8 in flight), the others as its single-cycle slaves (2)
  pagoda_pbus_xbar #(.NM(3), .NS(4), .SW(2), .REACH('1), .DEPTHS({4'd2, 4'd2, 4'd8, 4'd2})) u_xbar (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .m_req_i    (xm_req_i),
    .m_sel_i    (xm_sel_i),
    .m_lock_i   (xm_lock_i),
    .m_addr_i   (xm_addr_i),
    .m_we_i     (xm_we_i),
    .m_be_i     (xm_be_i),
    .m_wdata_i  (xm_wdata_i),
    .m_gnt_o    (xm_gnt_o),
    .m_rvalid_o (xm_rvalid_o),
    .m_rdata_o  (xm_rdata_o),
    .m_err_o    (xm_err_o),
    .s_req_o    (s_req),
    .s_addr_o   (s_addr),
    .s_we_o     (s_we),
    .s_be_o     (s_be),
    .s_wdata_o  (s_wdata),
    .s_gnt_i    (s_gnt),
    .s_rvalid_i (s_rvalid),
    .s_rdata_i  (s_rdata),
    .s_err_i    (s_err)
  );

  assign xs_req_o  = s_req[2:0];
  assign xs_addr_o = s_addr[95:0];
  assign xs_we_o   = s_we[2:0];
  assign s_gnt[2:0]     = xs_gnt_i;
  assign s_rvalid[2:0]  = xs_rvalid_i;
  assign s_rdata[191:0] = xs_rdata_i;
  assign s_err[2:0]     = xs_err_i;

  pagoda_pbus_err u_err (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (s_req[3]),
    .gnt_o    (s_gnt[3]),
    .rvalid_o (s_rvalid[3]),
    .rdata_o  (s_rdata[255:192]),
    .err_o    (s_err[3])
  );

  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_INSTR)) u_dec_i (
    .addr_i (dec_addr_i),
    .sel_o  (dec_instr_o)
  );
  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_DATA)) u_dec_d (
    .addr_i (dec_addr_i),
    .sel_o  (dec_data_o)
  );
  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_DMA)) u_dec_m (
    .addr_i (dec_addr_i),
    .sel_o  (dec_dma_o)
  );
  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_DATA), .HAVE_ACCEL(1'b1)) u_dec_a (
    .addr_i (dec_addr_i),
    .sel_o  (dec_data_accel_o)
  );
  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_DATA), .HAVE_DRAM(1'b1)) u_dec_r (
    .addr_i (dec_addr_i),
    .sel_o  (dec_data_dram_o)
  );
  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_DMA), .HAVE_DRAM(1'b1)) u_dec_rm (
    .addr_i (dec_addr_i),
    .sel_o  (dec_dma_dram_o)
  );

  logic [3:0]  d_gnt, d_rvalid, d_err;
  logic [63:0] d_rdata [4];

  pagoda_uart u_uart (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .req_i      (p_req_i && dev_i == 2'd0),
    .gnt_o      (d_gnt[0]),
    .addr_i     (p_addr_i),
    .we_i       (p_we_i),
    .be_i       (p_be_i),
    .wdata_i    (p_wdata_i),
    .rvalid_o   (d_rvalid[0]),
    .rdata_o    (d_rdata[0]),
    .err_o      (d_err[0]),
    .irq_o      (uart_irq_o),
    .tx_valid_o (tx_valid_o),
    .tx_data_o  (tx_data_o),
    .tx_ready_i (tx_ready_i),
    .rx_valid_i (rx_valid_i),
    .rx_data_i  (rx_data_i),
    .rx_ready_o (rx_ready_o)
  );

  pagoda_plic #(.NSRC(32), .NCTX(2), .PRIO_W(3)) u_plic (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (p_req_i && dev_i == 2'd1),
    .gnt_o    (d_gnt[1]),
    .addr_i   (p_addr_i),
    .we_i     (p_we_i),
    .be_i     (p_be_i),
    .wdata_i  (p_wdata_i),
    .rvalid_o (d_rvalid[1]),
    .rdata_o  (d_rdata[1]),
    .err_o    (d_err[1]),
    .irq_i    (plic_src_i),
    .eip_o    (plic_eip_o)
  );

  pagoda_clint #(.NUM_HARTS(1), .TICK_DIV(5)) u_clint (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (p_req_i && dev_i == 2'd2),
    .gnt_o    (d_gnt[2]),
    .addr_i   (p_addr_i),
    .we_i     (p_we_i),
    .be_i     (p_be_i),
    .wdata_i  (p_wdata_i),
    .rvalid_o (d_rvalid[2]),
    .rdata_o  (d_rdata[2]),
    .err_o    (d_err[2]),
    .msip_o   (msip_o),
    .mtip_o   (mtip_o),
    .mtime_o  (mtime_o)
  );

  logic [2:0]  f_sel;
  logic        romf_req, romf_gnt, romf_rvalid, romf_err, rd_gnt;
  logic [63:0] romf_rdata;

  pagoda_pbus_decode #(.MASTER(pagoda_soc_pkg::M_INSTR)) u_dec_f (
    .addr_i (f_addr_i),
    .sel_o  (f_sel)
  );

  pagoda_pbus_ibus u_ibus (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .m_req_i      (f_req_i),
    .m_sel_i      (f_sel),
    .m_gnt_o      (f_gnt_o),
    .m_rvalid_o   (f_rvalid_o),
    .m_rdata_o    (f_rdata_o),
    .m_err_o      (f_err_o),
    .rom_req_o    (romf_req),
    .rom_gnt_i    (romf_gnt),
    .rom_rvalid_i (romf_rvalid),
    .rom_rdata_i  (romf_rdata),
    .rom_err_i    (romf_err),
    .ram_req_o    (fram_req_o),
    .ram_gnt_i    (1'b1),
    .ram_rvalid_i (fram_rvalid_i),
    .ram_rdata_i  (fram_rdata_i),
    .ram_err_i    (1'b0)
  );

  pagoda_bootrom #(
    .DTB_ADDR   (64'h87e0_0000),
    .ACCEL_BASE (64'h1100_0000),
    .WIN_BASE   (64'h8020_0000),
    .WIN_END    (64'h8800_0000)
  ) u_rom (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .f_req_i    (romf_req),
    .f_gnt_o    (romf_gnt),
    .f_addr_i   (f_addr_i),
    .f_rvalid_o (romf_rvalid),
    .f_rdata_o  (romf_rdata),
    .f_err_o    (romf_err),
    .d_req_i    (rd_req_i),
    .d_gnt_o    (rd_gnt),
    .d_addr_i   (rd_addr_i),
    .d_we_i     (rd_we_i),
    .d_rvalid_o (rd_rvalid_o),
    .d_rdata_o  (rd_rdata_o),
    .d_err_o    (rd_err_o)
  );

  pagoda_testdev u_test (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (p_req_i && dev_i == 2'd3),
    .gnt_o    (d_gnt[3]),
    .addr_i   (p_addr_i),
    .we_i     (p_we_i),
    .be_i     (p_be_i),
    .wdata_i  (p_wdata_i),
    .rvalid_o (d_rvalid[3]),
    .rdata_o  (d_rdata[3]),
    .err_o    (d_err[3]),
    .done_o   (test_done_o),
    .fail_o   (test_fail_o),
    .code_o   (test_code_o),
    .reset_o  (test_reset_o)
  );

  // responses: OR of the four (only the addressed one answers)
  assign p_gnt_o    = d_gnt[dev_i];
  assign p_rvalid_o = |d_rvalid;
  assign p_rdata_o  = d_rdata[0] | d_rdata[1] | d_rdata[2] | d_rdata[3];
  assign p_err_o    = |d_err;

  pagoda_uart_phy #(.CLK_HZ(4), .BAUD(1)) u_uart_phy (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .rx_i           (phy_rx_i),
    .tx_o           (phy_tx_o),
    .tx_valid_i     (phy_tx_valid_i),
    .tx_data_i      (phy_tx_data_i),
    .tx_ready_o     (phy_tx_ready_o),
    .rx_valid_o     (phy_rx_valid_o),
    .rx_data_o      (phy_rx_data_o),
    .rx_ready_i     (phy_rx_ready_i),
    .rx_frame_err_o (phy_rx_frame_err_o),
    .rx_overrun_o   (phy_rx_overrun_o)
  );

endmodule
