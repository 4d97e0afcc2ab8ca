// SPDX-License-Identifier: BSD-2-Clause
// ns16550a-compatible UART at 0x1000_0000 (reg-shift 0, 8-bit registers, as QEMU virt), enough for
// OpenSBI's uart8250 driver and for interrupt-driven RX:
//   0 RBR (read) / THR (write) / DLL (LCR.DLAB)    4 MCR
//   1 IER (ERBFI, ETBEI, ELSI, EDSSI) / DLM (DLAB) 5 LSR: DR, THRE, TEMT
//   2 IIR (read) / FCR (write: FIFO enable, RX clear) 6 MSR (reads 0)
//   3 LCR                                          7 SCR
// A THR write leaves on tx_valid_o/tx_data_o (the harness prints it, a board's pagoda_uart_phy
// shifts it out); THRE and TEMT read 1 while tx_ready_i says the line takes a byte and none is on
// its way (the simulator ties tx_ready_i to 1: THRE then drops only for the cycle after a write).
// A THR write while THRE reads 0 is lost, as a 16550 without FIFO overwrites its holding register. RX bytes come in on rx_valid_i/rx_data_i into a 16-byte FIFO
// (rx_ready_o = room). Interrupts: received data available (IIR 0x4) while the FIFO holds data
// and ERBFI is set; THR empty (IIR 0x2) after a THR write or when ETBEI is switched on, cleared by
// reading IIR or writing THR. Divisor, LCR, MCR and SCR are stored but do not change behaviour.
`include "pagoda_assert.svh"
module pagoda_uart (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_i,
  output logic        gnt_o,
  input  logic [31:0] addr_i,
  input  logic        we_i,
  input  logic [7:0]  be_i,
  input  logic [63:0] wdata_i,
  output logic        rvalid_o,
  output logic [63:0] rdata_o,
  output logic        err_o,
  output logic        irq_o,
  output logic        tx_valid_o,
  output logic [7:0]  tx_data_o,
  input  logic        tx_ready_i,
  input  logic        rx_valid_i,
  input  logic [7:0]  rx_data_i,
  output logic        rx_ready_o
);

  localparam int unsigned RXD = 16;
  // byte lanes of the registers in the 64-bit word at offset 0 (rtl/regs/uart.rdl)
  localparam int unsigned L_RBR = pagoda_pkg::UART_RBR_OFFSET, L_THR = pagoda_pkg::UART_THR_OFFSET;
  localparam int unsigned L_IER = pagoda_pkg::UART_IER_OFFSET, L_IIR = pagoda_pkg::UART_IIR_OFFSET;
  localparam int unsigned L_FCR = pagoda_pkg::UART_FCR_OFFSET, L_LCR = pagoda_pkg::UART_LCR_OFFSET;
  localparam int unsigned L_MCR = pagoda_pkg::UART_MCR_OFFSET, L_LSR = pagoda_pkg::UART_LSR_OFFSET;
  localparam int unsigned L_MSR = pagoda_pkg::UART_MSR_OFFSET, L_SCR = pagoda_pkg::UART_SCR_OFFSET;

  // register fields by name: the generated structs of rtl/regs/uart.rdl (pagoda_regs.svh)
  pagoda_pkg::uart_ier_t ier_q, ier_d, ier_w;
  pagoda_pkg::uart_lcr_t lcr_q, lcr_d;
  pagoda_pkg::uart_fcr_t fcr_w;
  pagoda_pkg::uart_iir_t iir;
  pagoda_pkg::uart_lsr_t lsr;
  logic [7:0] mcr_q, mcr_d, scr_q, scr_d, dll_q, dll_d, dlm_q, dlm_d;
  logic       fifo_en_q, fifo_en_d;
  logic       thre_ip_q, thre_ip_d;
  logic       tx_valid_q, tx_valid_d;
  logic [7:0] tx_data_q, tx_data_d;
  logic [7:0] rx_buf_q [RXD];
  logic [3:0] rx_rd_q, rx_rd_d, rx_wr_q, rx_wr_d;
  logic [4:0] rx_cnt_q, rx_cnt_d;
  logic       rvalid_q;
  logic [63:0] rdata_q, rdata_d;

  logic       sel, rd, wr, dlab, dr, rda_ip, thre_ie, rx_push, rx_pop, thre;

  assign gnt_o   = 1'b1;
  assign sel     = req_i && (addr_i[7:3] == 5'd0);   // the eight registers are lane 0
  assign rd      = sel && !we_i;
  assign wr      = sel && we_i;
  assign ier_w   = wdata_i[8*L_IER +: 8];
  assign fcr_w   = wdata_i[8*L_FCR +: 8];
  assign dlab    = lcr_q.dlab;
  assign dr      = (rx_cnt_q != 5'd0);
  assign rda_ip  = dr && ier_q.rdi;
  assign thre    = tx_ready_i && !tx_valid_q;
  assign thre_ie = thre_ip_q && ier_q.thri && thre;

  always_comb begin
    lsr      = '0;
    lsr.dr   = dr;
    lsr.thre = thre;
    lsr.temt = thre;
    iir        = '0;
    iir.fifos  = {2{fifo_en_q}};
    iir.id     = rda_ip ? pagoda_pkg::UART_IIR_ID_RDI :
                 thre_ie ? pagoda_pkg::UART_IIR_ID_THRI : '0;
    iir.no_int = !(rda_ip || thre_ie);
  end
  assign rx_ready_o = (rx_cnt_q != 5'(RXD));
  assign rx_push    = rx_valid_i && rx_ready_o;
  assign rx_pop     = rd && be_i[L_RBR] && !dlab && dr;

  always_comb begin
    ier_d      = ier_q;
    lcr_d      = lcr_q;
    mcr_d      = mcr_q;
    scr_d      = scr_q;
    dll_d      = dll_q;
    dlm_d      = dlm_q;
    fifo_en_d  = fifo_en_q;
    thre_ip_d  = thre_ip_q;
    tx_valid_d = 1'b0;
    tx_data_d  = tx_data_q;
    rx_rd_d    = rx_rd_q;
    rx_wr_d    = rx_wr_q;
    rx_cnt_d   = rx_cnt_q;
    rdata_d    = 64'h0;

    if (rd) begin
      rdata_d[8*L_RBR +: 8] = dlab ? dll_q : rx_buf_q[rx_rd_q];
      rdata_d[8*L_IER +: 8] = dlab ? dlm_q : ier_q;
      rdata_d[8*L_IIR +: 8] = iir;
      rdata_d[8*L_LCR +: 8] = lcr_q;
      rdata_d[8*L_MCR +: 8] = mcr_q;
      rdata_d[8*L_LSR +: 8] = lsr;
      rdata_d[8*L_MSR +: 8] = 8'h0;
      rdata_d[8*L_SCR +: 8] = scr_q;
      if (!dr && !dlab) rdata_d[8*L_RBR +: 8] = 8'h0;
      // reading IIR while it reports THR empty acknowledges that interrupt
      if (be_i[L_IIR] && !rda_ip && thre_ie) thre_ip_d = 1'b0;
    end

    if (wr) begin
      if (be_i[L_THR]) begin
        if (dlab) begin
          dll_d = wdata_i[8*L_THR +: 8];
        end else if (thre) begin
          tx_valid_d = 1'b1;
          tx_data_d  = wdata_i[8*L_THR +: 8];
          thre_ip_d  = 1'b1;   // reported once the line has taken it (thre_ie)
        end
      end
      if (be_i[L_IER]) begin
        if (dlab) begin
          dlm_d = wdata_i[8*L_IER +: 8];
        end else begin
          ier_d        = ier_w;
          ier_d.rsvd_4 = '0;  // reads 0
          if (ier_w.thri && !ier_q.thri) thre_ip_d = 1'b1;
        end
      end
      if (be_i[L_FCR]) fifo_en_d = fcr_w.enable;
      if (be_i[L_LCR]) lcr_d = wdata_i[8*L_LCR +: 8];
      if (be_i[L_MCR]) mcr_d = {3'b0, wdata_i[8*L_MCR +: 5]};
      if (be_i[L_SCR]) scr_d = wdata_i[8*L_SCR +: 8];
    end

    // RX FIFO (only looked at when a byte comes or goes: simulation speed)
    if (rx_push || rx_pop) begin
      if (rx_pop) rx_rd_d = rx_rd_q + 4'd1;
      if (rx_push) rx_wr_d = rx_wr_q + 4'd1;
      rx_cnt_d = rx_cnt_q + 5'(rx_push) - 5'(rx_pop);
    end
    if (wr && be_i[L_FCR] && fcr_w.clear_rcvr) begin   // FCR: clear the RX FIFO
      rx_rd_d  = rx_wr_d;
      rx_cnt_d = 5'd0;
    end
  end

  // the FIFO storage is a memory: written in its own block
  always_ff @(posedge clk_i) begin
    if (rx_push) rx_buf_q[rx_wr_q] <= rx_data_i;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ier_q      <= '0;
      lcr_q      <= {pagoda_pkg::UART_LCR_DLAB_RESET, pagoda_pkg::UART_LCR_MODE_RESET};
      mcr_q      <= '0;
      scr_q      <= '0;
      dll_q      <= 8'h01;
      dlm_q      <= '0;
      fifo_en_q  <= 1'b0;
      thre_ip_q  <= 1'b0;
      tx_valid_q <= 1'b0;
      tx_data_q  <= '0;
      rx_rd_q    <= '0;
      rx_wr_q    <= '0;
      rx_cnt_q   <= '0;
      rvalid_q   <= 1'b0;
      rdata_q    <= '0;
    end else begin
      ier_q      <= ier_d;
      lcr_q      <= lcr_d;
      mcr_q      <= mcr_d;
      scr_q      <= scr_d;
      dll_q      <= dll_d;
      dlm_q      <= dlm_d;
      fifo_en_q  <= fifo_en_d;
      thre_ip_q  <= thre_ip_d;
      tx_valid_q <= tx_valid_d;
      tx_data_q  <= tx_data_d;
      rx_rd_q    <= rx_rd_d;
      rx_wr_q    <= rx_wr_d;
      rx_cnt_q   <= rx_cnt_d;
      rvalid_q   <= req_i;
      rdata_q    <= rdata_d;
    end
  end

  assign rvalid_o   = rvalid_q;
  assign rdata_o    = rdata_q;
  assign err_o      = 1'b0;
  assign irq_o      = rda_ip || thre_ie;
  assign tx_valid_o = tx_valid_q;
  assign tx_data_o  = tx_data_q;

  logic unused;
  assign unused = ^{addr_i[31:8], addr_i[2:0], be_i[6:5], wdata_i[55:37], fcr_w.rsvd_2,
                    ier_w.rsvd_4};

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS slave that grants at once and answers the next cycle: one response per request
  `ASSERT_NEXT(UartRespNoReq, !(req_i && gnt_o), !rvalid_o)
  `ASSERT_NEXT(UartRespOnce, req_i && gnt_o, rvalid_o)
  // the receive FIFO never holds more than RXD bytes
  `ASSERT(UartRxBound, rx_cnt_q <= 5'(RXD))

endmodule
