// SPDX-License-Identifier: BSD-2-Clause
// Pagoda SoC top (docs/soc.md): one pagoda_core hart and the PBUS interconnect: the fetch path
// (core fetch -> boot ROM / RAM fetch ports) and the crossbar (masters core data and pgaccel DMA)
// to the slaves of docs/memory-map.md: boot ROM, test finisher, CLINT, PLIC, ns16550a UART, the
// pgaccel register slot, dual-port RAM and the error slave. The UART's TX/RX and the finisher's
// result are ports for the simulation harness (or a board top). pgaccel is instantiated when
// PAGODA_PGACCEL is defined (the build does so when rtl/accel/pgaccel.sv exists); without it its
// slot decodes as unmapped and its DMA port is idle.
module pagoda_soc #(
  parameter logic [31:0] RAM_SIZE  = pagoda_pkg::RAM_SIZE,   // 128 MiB (rtl/regs/pagoda_soc.rdl)
  parameter int unsigned NUM_HARTS = 1,                // only 1 is implemented
  // the core's L1 data cache (pagoda_dcache); 0: none. Off by default until the firmware's
  // self-tests finish with it within their cycle limits (docs/core.md "Data cache")
  parameter int unsigned DCACHE_BYTES = 0,
  // BOOT_PROG = 1: the serial-boot ROM (pagoda_bootmem: firmware/bootrom's image from BOOT_INIT,
  // BOOT_ROM_WORDS 64-bit words, and a scratch SRAM of BOOT_RAM_WORDS) in place of the jump to
  // preloaded images (pagoda_bootrom): the board, and the pin-level simulation (docs/fpga.md)
  parameter bit          BOOT_PROG      = 1'b0,
  parameter int unsigned BOOT_ROM_WORDS = 512,
  parameter int unsigned BOOT_RAM_WORDS = 1024,
  parameter              BOOT_INIT      = ""   // file name (untyped, for Yosys)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // UART bridge
  output logic        uart_tx_valid_o,
  output logic [7:0]  uart_tx_data_o,
  input  logic        uart_tx_ready_i,   // the line takes a byte (LSR.THRE); 1 without a line
  input  logic        uart_rx_valid_i,
  input  logic [7:0]  uart_rx_data_i,
  output logic        uart_rx_ready_o,
  // sifive,test1 finisher result
  output logic        test_done_o,
  output logic        test_fail_o,
  output logic [15:0] test_code_o,
  output logic        test_reset_o,
  // retired instruction count and the pc of the last retired instruction (for reports)
  output logic [63:0] retired_o,
  output logic [63:0] retire_pc_o
`ifdef PAGODA_DRAM_PORTS
  ,
  // PAGODA_DRAM_PORTS (a board, fpga/arty-a7): LiteDRAM's native user port and its control
  // Wishbone (wb_ctrl) leave the SoC, still in the SoC's clock; the board top puts the crossing
  // (pagoda_dram_cdc) and the controller with its PHY behind them
  output logic         dram_cmd_valid_o,
  input  logic         dram_cmd_ready_i,
  output logic         dram_cmd_we_o,
  output logic [23:0]  dram_cmd_addr_o,
  output logic         dram_wdata_valid_o,
  input  logic         dram_wdata_ready_i,
  output logic [15:0]  dram_wdata_we_o,
  output logic [127:0] dram_wdata_o,
  input  logic         dram_rdata_valid_i,
  output logic         dram_rdata_ready_o,
  input  logic [127:0] dram_rdata_i,
  input  logic         dram_init_done_i,
  input  logic         dram_init_error_i,
  output logic         dram_wb_cyc_o,
  output logic         dram_wb_stb_o,
  output logic         dram_wb_we_o,
  output logic [29:0]  dram_wb_adr_o,
  output logic [31:0]  dram_wb_dat_o,
  output logic [3:0]   dram_wb_sel_o,
  input  logic         dram_wb_ack_i,
  input  logic         dram_wb_err_i,
  input  logic [31:0]  dram_wb_dat_i
`endif
);

  // more harts need more cores and CLINT/PLIC contexts wired up: refuse to elaborate
  if (NUM_HARTS != 1) begin : g_num_harts_unsupported
    $error("pagoda_soc: only NUM_HARTS = 1 is implemented");
  end

  // crossbar master and slave numbers (pagoda_soc_pkg)
  localparam int unsigned M_DATA  = pagoda_soc_pkg::M_DATA;
  localparam int unsigned M_DMA   = pagoda_soc_pkg::M_DMA;
  localparam int unsigned M_INSTR = pagoda_soc_pkg::M_INSTR;
  localparam int unsigned S_ROM   = 32'(pagoda_soc_pkg::S_ROM);
  localparam int unsigned S_TEST  = 32'(pagoda_soc_pkg::S_TEST);
  localparam int unsigned S_CLINT = 32'(pagoda_soc_pkg::S_CLINT);
  localparam int unsigned S_PLIC  = 32'(pagoda_soc_pkg::S_PLIC);
  localparam int unsigned S_UART  = 32'(pagoda_soc_pkg::S_UART);
  localparam int unsigned S_ACCEL = 32'(pagoda_soc_pkg::S_ACCEL);
  localparam int unsigned S_RAM   = 32'(pagoda_soc_pkg::S_RAM);
  localparam int unsigned S_ERR   = 32'(pagoda_soc_pkg::S_ERR);
  localparam int unsigned S_DCTRL = 32'(pagoda_soc_pkg::S_DRAMCTRL);
  localparam int unsigned NM = pagoda_soc_pkg::NUM_MASTERS;
  localparam int unsigned NS = pagoda_soc_pkg::NUM_SLAVES;
  localparam int unsigned SW = pagoda_soc_pkg::SLV_W;
  localparam logic [63:0] DTB_ADDR = 64'(pagoda_pkg::RAM_BASE) + 64'(RAM_SIZE) -
                                     64'(pagoda_soc_pkg::DTB_TOP_GAP);
// HAVE_DRAM: main memory is DRAM behind pagoda_dram_bridge (variable latency); HAVE_DRAMCTRL:
// LiteDRAM's CSRs are decoded (the DRAMCTRL window). MEM=dramfast (PAGODA_DRAMFAST, simulation
// only): the bridge on the fast DRAM model, which has no CSRs.
`ifdef PAGODA_LITEDRAM
  localparam bit HAVE_DRAM     = 1'b1;
  localparam bit HAVE_DRAMCTRL = 1'b1;
`elsif PAGODA_DRAMFAST
  localparam bit HAVE_DRAM     = 1'b1;
  localparam bit HAVE_DRAMCTRL = 1'b0;
`else
  localparam bit HAVE_DRAM     = 1'b0;
  localparam bit HAVE_DRAMCTRL = 1'b0;
`endif
`ifdef PAGODA_PGACCEL
  localparam bit HAVE_ACCEL = 1'b1;
`else
  localparam bit HAVE_ACCEL = 1'b0;
`endif

  // ---- crossbar wiring (flat vectors: master/slave i at [i*W +: W]) ----
  logic [NM-1:0]    m_req, m_lock, m_we, m_gnt, m_rvalid, m_err;
  logic [NM*SW-1:0] m_sel;
  logic [NM*32-1:0] m_addr;
  logic [NM*8-1:0]  m_be;
  logic [NM*64-1:0] m_wdata, m_rdata;
  logic [NS-1:0]    s_req, s_we, s_gnt, s_rvalid, s_err;
  logic [NS*32-1:0] s_addr;
  logic [NS*8-1:0]  s_be;
  logic [NS*64-1:0] s_wdata, s_rdata;

  // ---- core ----
  logic        irq_msoft, irq_mtimer, irq_mext, irq_sext, retire;
  logic [63:0] mtime, retire_pc;
  logic        instr_rvalid, instr_err;
  // The core's instruction-port requests (the I$'s refills) are visible to the harness as well
  // (read-only, no logic): +miss-profile counts the lines the caches refill (docs/soc.md).
  logic        instr_req  /* verilator public_flat_rd */;
  logic        instr_gnt  /* verilator public_flat_rd */;
  logic [31:0] instr_addr /* verilator public_flat_rd */;
  logic [63:0] instr_rdata;
  logic        data_lock, data_rvalid, data_err;
  logic [63:0] data_rdata;
  // The core's data-port requests are visible to the simulation harness (a read-only handle, no
  // logic): it replays the CPU's writes below the DMA window on a copy of that memory and checks
  // at exit that nothing else wrote there (sim/pagoda_sim.cpp, "DMA window check").
  logic        data_req   /* verilator public_flat_rd */;
  logic        data_gnt   /* verilator public_flat_rd */;
  logic        data_we    /* verilator public_flat_rd */;
  logic [31:0] data_addr  /* verilator public_flat_rd */;
  logic [7:0]  data_be    /* verilator public_flat_rd */;
  logic [63:0] data_wdata /* verilator public_flat_rd */;

  pagoda_core #(
    .HART_ID      (64'd0),
    .BOOT_ADDR    (pagoda_pkg::BOOTROM_BASE),
    .DCACHE_BYTES (DCACHE_BYTES)
  ) u_core (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .instr_req_o    (instr_req),
    .instr_gnt_i    (instr_gnt),
    .instr_addr_o   (instr_addr),
    .instr_rvalid_i (instr_rvalid),
    .instr_rdata_i  (instr_rdata),
    .instr_err_i    (instr_err),
    .data_req_o     (data_req),
    .data_gnt_i     (data_gnt),
    .data_addr_o    (data_addr),
    .data_we_o      (data_we),
    .data_be_o      (data_be),
    .data_wdata_o   (data_wdata),
    .data_lock_o    (data_lock),
    .data_rvalid_i  (data_rvalid),
    .data_rdata_i   (data_rdata),
    .data_err_i     (data_err),
    .irq_msoft_i    (irq_msoft),
    .irq_mtimer_i   (irq_mtimer),
    .irq_mext_i     (irq_mext),
    .irq_sext_i     (irq_sext),
    .mtime_i        (mtime),
    .retire_o       (retire),
    .retire_pc_o    (retire_pc)
  );

  // ---- DMA master (pgaccel) ----
  logic        dma_req, dma_gnt, dma_we, dma_rvalid, dma_err;
  logic [31:0] dma_addr;
  logic [7:0]  dma_be;
  logic [63:0] dma_wdata, dma_rdata;
  // pgaccel's wide write port: to the DRAM bridge's port W where main memory is DRAM (FILL of
  // whole 16-byte words, one native command each); unused on the one-cycle RAM
  logic        wide_req, wide_gnt, wide_rvalid, wide_err;
  logic [31:0] wide_addr;
  logic [63:0] wide_data;
  logic        accel_irq;

  // master ports into the crossbar
  assign m_req   = {dma_req, data_req};
  assign m_lock  = {1'b0, data_lock};
  assign m_we    = {dma_we, data_we};
  assign m_addr  = {dma_addr, data_addr};
  assign m_be    = {dma_be, data_be};
  assign m_wdata = {dma_wdata, data_wdata};
  assign data_gnt     = m_gnt[M_DATA];
  assign data_rvalid  = m_rvalid[M_DATA];
  assign data_rdata   = m_rdata[M_DATA*64 +: 64];
  assign data_err     = m_err[M_DATA];
  assign dma_gnt      = m_gnt[M_DMA];
  assign dma_rvalid   = m_rvalid[M_DMA];
  assign dma_rdata    = m_rdata[M_DMA*64 +: 64];
  assign dma_err      = m_err[M_DMA];

  // ---- fetch path ----
  logic [SW-1:0] instr_sel;
  logic          romf_req, romf_rvalid, romf_err, ramf_req, ramf_rvalid, ramf_err;
  logic          romf_gnt, ramf_gnt;
  logic [63:0]   romf_rdata, ramf_rdata;

  pagoda_pbus_decode #(
    .MASTER(M_INSTR), .RAM_SIZE(RAM_SIZE), .HAVE_ACCEL(HAVE_ACCEL), .HAVE_DRAM(HAVE_DRAMCTRL)
  ) u_dec_instr (
    .addr_i (instr_addr),
    .sel_o  (instr_sel)
  );

  pagoda_pbus_ibus #(.RAM_VAR_LAT(HAVE_DRAM)) u_ibus (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .m_req_i      (instr_req),
    .m_sel_i      (instr_sel),
    .m_gnt_o      (instr_gnt),
    .m_rvalid_o   (instr_rvalid),
    .m_rdata_o    (instr_rdata),
    .m_err_o      (instr_err),
    .rom_req_o    (romf_req),
    .rom_gnt_i    (romf_gnt),
    .rom_rvalid_i (romf_rvalid),
    .rom_rdata_i  (romf_rdata),
    .rom_err_i    (romf_err),
    .ram_req_o    (ramf_req),
    .ram_gnt_i    (ramf_gnt),
    .ram_rvalid_i (ramf_rvalid),
    .ram_rdata_i  (ramf_rdata),
    .ram_err_i    (ramf_err)
  );

  // ---- crossbar ----
  pagoda_pbus_decode #(
    .MASTER(M_DATA), .RAM_SIZE(RAM_SIZE), .HAVE_ACCEL(HAVE_ACCEL), .HAVE_DRAM(HAVE_DRAMCTRL)
  ) u_dec_data (
    .addr_i (data_addr),
    .sel_o  (m_sel[M_DATA*SW +: SW])
  );
  pagoda_pbus_decode #(
    .MASTER(M_DMA), .RAM_SIZE(RAM_SIZE), .HAVE_ACCEL(HAVE_ACCEL), .HAVE_DRAM(HAVE_DRAMCTRL)
  ) u_dec_dma (
    .addr_i (dma_addr),
    .sel_o  (m_sel[M_DMA*SW +: SW])
  );

  pagoda_pbus_xbar #(
    .NM(NM), .NS(NS), .SW(SW), .REACH(pagoda_soc_pkg::XBAR_REACH),
    .DEPTHS(pagoda_soc_pkg::XBAR_DEPTHS)
  ) u_xbar (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .m_req_i    (m_req),
    .m_sel_i    (m_sel),
    .m_lock_i   (m_lock),
    .m_addr_i   (m_addr),
    .m_we_i     (m_we),
    .m_be_i     (m_be),
    .m_wdata_i  (m_wdata),
    .m_gnt_o    (m_gnt),
    .m_rvalid_o (m_rvalid),
    .m_rdata_o  (m_rdata),
    .m_err_o    (m_err),
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

  // ---- slaves ----
  // The DMA window the ROM sets and locks: RAM from OpenSBI's next stage (fw_dynamic_info.next_addr)
  // to its end (docs/boot.md "DMA protection").
  if (BOOT_PROG) begin : g_bootmem
    // checked here, not in pagoda_bootmem: Yosys elaborates that module alone with its defaults
    if (BOOT_INIT == "") begin : g_no_image
      $error("pagoda_soc: BOOT_PROG needs BOOT_INIT (the boot program's image)");
    end
    pagoda_bootmem #(
      .ROM_WORDS (BOOT_ROM_WORDS),
      .RAM_WORDS (BOOT_RAM_WORDS),
      .INIT_FILE (BOOT_INIT)
    ) u_rom (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .f_req_i    (romf_req),
      .f_gnt_o    (romf_gnt),
      .f_addr_i   (instr_addr),
      .f_rvalid_o (romf_rvalid),
      .f_rdata_o  (romf_rdata),
      .f_err_o    (romf_err),
      .d_req_i    (s_req[S_ROM]),
      .d_gnt_o    (s_gnt[S_ROM]),
      .d_addr_i   (s_addr[S_ROM*32 +: 32]),
      .d_we_i     (s_we[S_ROM]),
      .d_be_i     (s_be[S_ROM*8 +: 8]),
      .d_wdata_i  (s_wdata[S_ROM*64 +: 64]),
      .d_rvalid_o (s_rvalid[S_ROM]),
      .d_rdata_o  (s_rdata[S_ROM*64 +: 64]),
      .d_err_o    (s_err[S_ROM])
    );
  end else begin : g_bootrom
    pagoda_bootrom #(
      .DTB_ADDR   (DTB_ADDR),
      .ACCEL_BASE (HAVE_ACCEL ? 64'(pagoda_pkg::PGACCEL_BASE) : 64'h0),
      .WIN_BASE   (64'(pagoda_soc_pkg::FW_NEXT_ADDR)),
      .WIN_END    (64'(pagoda_pkg::RAM_BASE) + 64'(RAM_SIZE))
    ) u_rom (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .f_req_i    (romf_req),
      .f_gnt_o    (romf_gnt),
      .f_addr_i   (instr_addr),
      .f_rvalid_o (romf_rvalid),
      .f_rdata_o  (romf_rdata),
      .f_err_o    (romf_err),
      .d_req_i    (s_req[S_ROM]),
      .d_gnt_o    (s_gnt[S_ROM]),
      .d_addr_i   (s_addr[S_ROM*32 +: 32]),
      .d_we_i     (s_we[S_ROM]),
      .d_rvalid_o (s_rvalid[S_ROM]),
      .d_rdata_o  (s_rdata[S_ROM*64 +: 64]),
      .d_err_o    (s_err[S_ROM])
    );
    logic unused_rom;
    assign unused_rom = ^{s_be[S_ROM*8 +: 8], s_wdata[S_ROM*64 +: 64]};
  end

  pagoda_testdev u_test (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (s_req[S_TEST]),
    .gnt_o    (s_gnt[S_TEST]),
    .addr_i   (s_addr[S_TEST*32 +: 32]),
    .we_i     (s_we[S_TEST]),
    .be_i     (s_be[S_TEST*8 +: 8]),
    .wdata_i  (s_wdata[S_TEST*64 +: 64]),
    .rvalid_o (s_rvalid[S_TEST]),
    .rdata_o  (s_rdata[S_TEST*64 +: 64]),
    .err_o    (s_err[S_TEST]),
    .done_o   (test_done_o),
    .fail_o   (test_fail_o),
    .code_o   (test_code_o),
    .reset_o  (test_reset_o)
  );

  pagoda_clint #(.NUM_HARTS(1), .TICK_DIV(pagoda_soc_pkg::CLINT_TICK_DIV)) u_clint (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (s_req[S_CLINT]),
    .gnt_o    (s_gnt[S_CLINT]),
    .addr_i   (s_addr[S_CLINT*32 +: 32]),
    .we_i     (s_we[S_CLINT]),
    .be_i     (s_be[S_CLINT*8 +: 8]),
    .wdata_i  (s_wdata[S_CLINT*64 +: 64]),
    .rvalid_o (s_rvalid[S_CLINT]),
    .rdata_o  (s_rdata[S_CLINT*64 +: 64]),
    .err_o    (s_err[S_CLINT]),
    .msip_o   (irq_msoft),
    .mtip_o   (irq_mtimer),
    .mtime_o  (mtime)
  );

  logic [pagoda_soc_pkg::PLIC_NSRC-1:0] plic_src;
  logic [1:0]           plic_eip;
  logic                 uart_irq;
  always_comb begin
    plic_src              = '0;
    plic_src[pagoda_pkg::UART_IRQ]    = uart_irq;
    plic_src[pagoda_pkg::PGACCEL_IRQ] = accel_irq;
  end

  pagoda_plic #(
    .NSRC(pagoda_soc_pkg::PLIC_NSRC), .NCTX(2), .PRIO_W(pagoda_soc_pkg::PLIC_PRIO_W)
  ) u_plic (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (s_req[S_PLIC]),
    .gnt_o    (s_gnt[S_PLIC]),
    .addr_i   (s_addr[S_PLIC*32 +: 32]),
    .we_i     (s_we[S_PLIC]),
    .be_i     (s_be[S_PLIC*8 +: 8]),
    .wdata_i  (s_wdata[S_PLIC*64 +: 64]),
    .rvalid_o (s_rvalid[S_PLIC]),
    .rdata_o  (s_rdata[S_PLIC*64 +: 64]),
    .err_o    (s_err[S_PLIC]),
    .irq_i    (plic_src),
    .eip_o    (plic_eip)
  );
  assign irq_mext = plic_eip[0];
  assign irq_sext = plic_eip[1];

  pagoda_uart u_uart (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .req_i      (s_req[S_UART]),
    .gnt_o      (s_gnt[S_UART]),
    .addr_i     (s_addr[S_UART*32 +: 32]),
    .we_i       (s_we[S_UART]),
    .be_i       (s_be[S_UART*8 +: 8]),
    .wdata_i    (s_wdata[S_UART*64 +: 64]),
    .rvalid_o   (s_rvalid[S_UART]),
    .rdata_o    (s_rdata[S_UART*64 +: 64]),
    .err_o      (s_err[S_UART]),
    .irq_o      (uart_irq),
    .tx_valid_o (uart_tx_valid_o),
    .tx_data_o  (uart_tx_data_o),
    .tx_ready_i (uart_tx_ready_i),
    .rx_valid_i (uart_rx_valid_i),
    .rx_data_i  (uart_rx_data_i),
    .rx_ready_o (uart_rx_ready_o)
  );

`ifdef PAGODA_PGACCEL
  pgaccel #(
    .RAM_BASE (pagoda_pkg::RAM_BASE),
    .RAM_SIZE (RAM_SIZE),
    .WIDE_WR  (HAVE_DRAM)
  ) u_accel (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .reg_req_i    (s_req[S_ACCEL]),
    .reg_gnt_o    (s_gnt[S_ACCEL]),
    .reg_addr_i   (s_addr[S_ACCEL*32 +: 32]),
    .reg_we_i     (s_we[S_ACCEL]),
    .reg_be_i     (s_be[S_ACCEL*8 +: 8]),
    .reg_wdata_i  (s_wdata[S_ACCEL*64 +: 64]),
    .reg_rvalid_o (s_rvalid[S_ACCEL]),
    .reg_rdata_o  (s_rdata[S_ACCEL*64 +: 64]),
    .reg_err_o    (s_err[S_ACCEL]),
    .dma_req_o    (dma_req),
    .dma_gnt_i    (dma_gnt),
    .dma_addr_o   (dma_addr),
    .dma_we_o     (dma_we),
    .dma_be_o     (dma_be),
    .dma_wdata_o  (dma_wdata),
    .dma_rvalid_i (dma_rvalid),
    .dma_rdata_i  (dma_rdata),
    .dma_err_i    (dma_err),
    .wide_req_o   (wide_req),
    .wide_gnt_i   (wide_gnt),
    .wide_addr_o  (wide_addr),
    .wide_data_o  (wide_data),
    .wide_rvalid_i(wide_rvalid),
    .wide_err_i   (wide_err),
    .irq_o        (accel_irq)
  );
`else
  // empty slot: the decoders never select it; the DMA master never requests
  assign s_gnt[S_ACCEL]              = 1'b1;
  assign s_rvalid[S_ACCEL]           = 1'b0;
  assign s_rdata[S_ACCEL*64 +: 64]   = 64'h0;
  assign s_err[S_ACCEL]              = 1'b1;
  assign dma_req   = 1'b0;
  assign dma_addr  = 32'h0;
  assign dma_we    = 1'b0;
  assign dma_be    = 8'h0;
  assign dma_wdata = 64'h0;
  assign wide_req  = 1'b0;
  assign wide_addr = 32'h0;
  assign wide_data = 64'h0;
  assign accel_irq = 1'b0;
  logic unused_accel;
  assign unused_accel = ^{dma_gnt, dma_rvalid, dma_rdata, dma_err, wide_gnt, wide_rvalid, wide_err,
                          s_req[S_ACCEL], s_we[S_ACCEL],
                          s_addr[S_ACCEL*32 +: 32], s_be[S_ACCEL*8 +: 8],
                          s_wdata[S_ACCEL*64 +: 64]};
`endif

`ifdef PAGODA_LITEDRAM
`define PAGODA_SOC_DRAM_BRIDGE
`elsif PAGODA_DRAMFAST
`define PAGODA_SOC_DRAM_BRIDGE
`endif
`ifdef PAGODA_SOC_DRAM_BRIDGE
  // Main memory is DRAM behind pagoda_dram_bridge, which takes both RAM ports to a LiteDRAM
  // native port of 128 bits: the generated controller (MEM=litedram, docs/memory.md; its CSRs are
  // PBUS's DRAMCTRL window, below) or the fast timing model (MEM=dramfast, simulation only,
  // docs/memory.md "The fast DRAM model"). One clock for both in the SoC.
  logic         dram_init_done, dram_init_error;
  logic         dram_cmd_valid, dram_cmd_ready, dram_cmd_we;
  logic [23:0]  dram_cmd_addr;
  logic         dram_wdata_valid, dram_wdata_ready, dram_rdata_valid, dram_rdata_ready;
  logic [15:0]  dram_wdata_we;
  logic [127:0] dram_wdata, dram_rdata;

  // The bridge's gate. A SoC that preloads RAM opens it when the controller is up (LiteDRAM:
  // pagoda_dram_init below has written init_done; the model: after its reset). With the
  // serial-boot ROM it is open from reset: the ROM reaches DRAM only after sdram_init() has handed
  // the DFI to the controller, and sdram_init() runs its memory test over DRAM before it writes
  // init_done (LiteX's order), so gating on init_done deadlocks it.
  logic dram_open;
  assign dram_open = BOOT_PROG || (dram_init_done && !dram_init_error);

  pagoda_dram_bridge #(.SIZE(RAM_SIZE)) u_dram_bridge (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .open_i        (dram_open),
    .i_req_i       (ramf_req),
    .i_gnt_o       (ramf_gnt),
    .i_addr_i      (instr_addr),
    .i_rvalid_o    (ramf_rvalid),
    .i_rdata_o     (ramf_rdata),
    .i_err_o       (ramf_err),
    .d_req_i       (s_req[S_RAM]),
    .d_gnt_o       (s_gnt[S_RAM]),
    .d_addr_i      (s_addr[S_RAM*32 +: 32]),
    .d_we_i        (s_we[S_RAM]),
    .d_be_i        (s_be[S_RAM*8 +: 8]),
    .d_wdata_i     (s_wdata[S_RAM*64 +: 64]),
    .d_rvalid_o    (s_rvalid[S_RAM]),
    .d_rdata_o     (s_rdata[S_RAM*64 +: 64]),
    .d_err_o       (s_err[S_RAM]),
    .w_req_i       (wide_req),
    .w_gnt_o       (wide_gnt),
    .w_addr_i      (wide_addr),
    .w_data_i      (wide_data),
    .w_rvalid_o    (wide_rvalid),
    .w_err_o       (wide_err),
    .cmd_valid_o   (dram_cmd_valid),
    .cmd_ready_i   (dram_cmd_ready),
    .cmd_we_o      (dram_cmd_we),
    .cmd_addr_o    (dram_cmd_addr),
    .wdata_valid_o (dram_wdata_valid),
    .wdata_ready_i (dram_wdata_ready),
    .wdata_we_o    (dram_wdata_we),
    .wdata_data_o  (dram_wdata),
    .rdata_valid_i (dram_rdata_valid),
    .rdata_ready_o (dram_rdata_ready),
    .rdata_data_i  (dram_rdata)
  );

`ifdef PAGODA_LITEDRAM
  logic         wb_cyc, wb_stb, wb_we, wb_ack, wb_err;
  logic         dram_user_clk, dram_user_rst;   // the controller's clock and reset: ours, here
  logic [29:0]  wb_adr;
  logic [31:0]  wb_dat_w, wb_dat_r;
  logic [3:0]   wb_sel;

  // LiteDRAM's CSRs in the DRAMCTRL window (rtl/regs/dramctrl.rdl). The serial-boot ROM
  // calibrates (liblitedram's sdram_init writes init_done); a SoC that preloads RAM has
  // pagoda_dram_init write init_done after reset, before the window is granted.
  pagoda_dram_csr #(
    .WINDOW  (pagoda_pkg::DRAMCTRL_SIZE),
    .HW_INIT (!BOOT_PROG)
  ) u_dram_csr (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .init_done_i (dram_init_done),
    .req_i       (s_req[S_DCTRL]),
    .gnt_o       (s_gnt[S_DCTRL]),
    .addr_i      (s_addr[S_DCTRL*32 +: 32]),
    .we_i        (s_we[S_DCTRL]),
    .be_i        (s_be[S_DCTRL*8 +: 8]),
    .wdata_i     (s_wdata[S_DCTRL*64 +: 64]),
    .rvalid_o    (s_rvalid[S_DCTRL]),
    .rdata_o     (s_rdata[S_DCTRL*64 +: 64]),
    .err_o       (s_err[S_DCTRL]),
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

`ifdef PAGODA_DRAM_PORTS
  assign dram_cmd_valid_o   = dram_cmd_valid;
  assign dram_cmd_ready     = dram_cmd_ready_i;
  assign dram_cmd_we_o      = dram_cmd_we;
  assign dram_cmd_addr_o    = dram_cmd_addr;
  assign dram_wdata_valid_o = dram_wdata_valid;
  assign dram_wdata_ready   = dram_wdata_ready_i;
  assign dram_wdata_we_o    = dram_wdata_we;
  assign dram_wdata_o       = dram_wdata;
  assign dram_rdata_valid   = dram_rdata_valid_i;
  assign dram_rdata_ready_o = dram_rdata_ready;
  assign dram_rdata         = dram_rdata_i;
  assign dram_init_done     = dram_init_done_i;
  assign dram_init_error    = dram_init_error_i;
  assign dram_wb_cyc_o      = wb_cyc;
  assign dram_wb_stb_o      = wb_stb;
  assign dram_wb_we_o       = wb_we;
  assign dram_wb_adr_o      = wb_adr;
  assign dram_wb_dat_o      = wb_dat_w;
  assign dram_wb_sel_o      = wb_sel;
  assign wb_ack             = dram_wb_ack_i;
  assign wb_err             = dram_wb_err_i;
  assign wb_dat_r           = dram_wb_dat_i;
  assign dram_user_clk      = 1'b0;
  assign dram_user_rst      = 1'b0;
`else
  // the LiteDRAM controller generated with SDRAMPHYModel (build/litedram/sim, rtl/mem/mem.mk)
  litedram_core u_dram (
    .clk                       (clk_i),
    .init_done                 (dram_init_done),
    .init_error                (dram_init_error),
    .sim_trace                 (1'b0),
    .user_clk                  (dram_user_clk),
    .user_rst                  (dram_user_rst),
    .user_port_mem_cmd_addr    (dram_cmd_addr),
    .user_port_mem_cmd_ready   (dram_cmd_ready),
    .user_port_mem_cmd_valid   (dram_cmd_valid),
    .user_port_mem_cmd_we      (dram_cmd_we),
    .user_port_mem_rdata_data  (dram_rdata),
    .user_port_mem_rdata_ready (dram_rdata_ready),
    .user_port_mem_rdata_valid (dram_rdata_valid),
    .user_port_mem_wdata_data  (dram_wdata),
    .user_port_mem_wdata_ready (dram_wdata_ready),
    .user_port_mem_wdata_valid (dram_wdata_valid),
    .user_port_mem_wdata_we    (dram_wdata_we),
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
`endif
  logic unused_dram;
  assign unused_dram = ^{dram_user_clk, dram_user_rst};
`else
  // the fast model: no CSRs (the DRAMCTRL slot stays idle, below), no error
  assign dram_init_error = 1'b0;
  pagoda_dram_model u_dram_model (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .init_done_o   (dram_init_done),
    .cmd_valid_i   (dram_cmd_valid),
    .cmd_ready_o   (dram_cmd_ready),
    .cmd_we_i      (dram_cmd_we),
    .cmd_addr_i    (dram_cmd_addr),
    .wdata_valid_i (dram_wdata_valid),
    .wdata_ready_o (dram_wdata_ready),
    .wdata_we_i    (dram_wdata_we),
    .wdata_i       (dram_wdata),
    .rdata_valid_o (dram_rdata_valid),
    .rdata_ready_i (dram_rdata_ready),
    .rdata_o       (dram_rdata)
  );
`endif
`undef PAGODA_SOC_DRAM_BRIDGE
`else
  pagoda_ram #(.SIZE(RAM_SIZE)) u_ram (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .i_req_i    (ramf_req),
    .i_gnt_o    (ramf_gnt),
    .i_addr_i   (instr_addr),
    .i_rvalid_o (ramf_rvalid),
    .i_rdata_o  (ramf_rdata),
    .i_err_o    (ramf_err),
    .d_req_i    (s_req[S_RAM]),
    .d_gnt_o    (s_gnt[S_RAM]),
    .d_addr_i   (s_addr[S_RAM*32 +: 32]),
    .d_we_i     (s_we[S_RAM]),
    .d_be_i     (s_be[S_RAM*8 +: 8]),
    .d_wdata_i  (s_wdata[S_RAM*64 +: 64]),
    .d_rvalid_o (s_rvalid[S_RAM]),
    .d_rdata_o  (s_rdata[S_RAM*64 +: 64]),
    .d_err_o    (s_err[S_RAM])
  );
  // no wide port on the one-cycle RAM: pgaccel is built without it (WIDE_WR = HAVE_DRAM = 0)
  assign wide_gnt    = 1'b0;
  assign wide_rvalid = 1'b0;
  assign wide_err    = 1'b0;
  logic unused_wide;
  assign unused_wide = ^{wide_req, wide_addr, wide_data};

`endif

  // No LiteDRAM controller (the 1-cycle RAM or the fast model): the DRAMCTRL window is not
  // decoded (HAVE_DRAMCTRL = 0), its crossbar slot stays idle.
  if (!HAVE_DRAMCTRL) begin : g_no_dctrl
    assign s_gnt[S_DCTRL]            = 1'b1;
    assign s_rvalid[S_DCTRL]         = 1'b0;
    assign s_rdata[S_DCTRL*64 +: 64] = 64'h0;
    assign s_err[S_DCTRL]            = 1'b1;
    logic unused_dctrl;
    assign unused_dctrl = ^{s_req[S_DCTRL], s_we[S_DCTRL], s_addr[S_DCTRL*32 +: 32],
                            s_be[S_DCTRL*8 +: 8], s_wdata[S_DCTRL*64 +: 64]};
  end

  pagoda_pbus_err u_err (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .req_i    (s_req[S_ERR]),
    .gnt_o    (s_gnt[S_ERR]),
    .rvalid_o (s_rvalid[S_ERR]),
    .rdata_o  (s_rdata[S_ERR*64 +: 64]),
    .err_o    (s_err[S_ERR])
  );

  // ---- retired instruction counter ----
  logic [63:0] retired_q, retired_d;
  assign retired_d = retired_q + 64'(retire);
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) retired_q <= 64'h0;
    else         retired_q <= retired_d;
  end
  assign retired_o   = retired_q;
  assign retire_pc_o = retire_pc;

  // signals only some slaves or only the harness use
  logic unused;
  assign unused = ^{s_addr[S_ERR*32 +: 32],
                    s_we[S_ERR], s_be[S_ERR*8 +: 8], s_wdata[S_ERR*64 +: 64]};

endmodule
