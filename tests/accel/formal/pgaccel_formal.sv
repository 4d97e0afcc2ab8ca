// SPDX-License-Identifier: BSD-2-Clause
// Formal harness for pgaccel (see run.sh). Small parameters: a 64-byte RAM, two command slots, a
// two-word read buffer, three outstanding writes; the wide write port connected (WIDE_WR), so a
// FILL of whole 16-byte words runs there and any other on the DMA port.
//
// Environment (assumptions):
//   - reset in the first cycle, never again;
//   - the DMA and wide-port slaves answer only granted requests, in order, and are fair: a request
//     waits at most
//     2 cycles for its grant and an outstanding transfer at most 2 cycles for a response; read data
//     and err are arbitrary (assumed in pgaccel_engine.sv's formal block, which sees the count of
//     outstanding transfers);
//   - the register port sees any access in any cycle (offsets, data, byte enables all free);
//     every ZERO/FILL posted has the staged range
//     (CMD_ADDR, CMD_LEN) equal to one symbolic range (fa, fl), any value, valid or not. SCANs and
//     bad opcodes are posted with whatever is staged.
// Properties (assertions):
//   - every DMA or wide write lies inside [fa, fa + fl) (left out with -DNO_RANGE, see run.sh) and
//     inside RAM; every DMA access inside RAM;
//   - PBUS master (both ports): a request not granted stays with the same address, we, be and
//     data; full lanes, whole 16-byte words on the wide port;
//   - PBUS slave (register port): exactly one response, the cycle after each request;
//   - the internal properties of the modules (`ifdef FORMAL): pgaccel.sv (the engine works on the
//     head of the command queue; a completion always finds room), pgaccel_regs.sv (slot
//     accounting), pgaccel_fifo.sv (count, integrity and order of all three queues),
//     pgaccel_engine.sv (requests inside the range and RAM, no overflow of outstanding writes or
//     the read buffer, a forward-only search, the invariants that make all of this inductive,
//     termination: a command leaves the engine within a bounded number of cycles, and function:
//     ZERO/FILL write every lane of their range exactly once with the pattern and nothing else;
//     SCAN's function is proven on the engine alone, pgaccel_scan_formal.sv).
module pgaccel_formal (
  input logic        clk_i,
  input logic        rst_ni,
  input logic        reg_req_i,
  input logic [31:0] reg_addr_i,
  input logic        reg_we_i,
  input logic [7:0]  reg_be_i,
  input logic [63:0] reg_wdata_i,
  input logic        dma_gnt_i,
  input logic        dma_rvalid_i,
  input logic [63:0] dma_rdata_i,
  input logic        dma_err_i,
  input logic        wide_gnt_i,
  input logic        wide_rvalid_i,
  input logic        wide_err_i,
  input logic [63:0] fa_i,
  input logic [63:0] fl_i
);
  localparam logic [31:0] RAM_BASE = 32'h8000_0000;
  localparam logic [31:0] RAM_SIZE = 32'h0000_0040;

  logic        reg_gnt_o, reg_rvalid_o, reg_err_o;
  logic [63:0] reg_rdata_o;
  logic        dma_req_o, dma_we_o, irq_o;
  logic [31:0] dma_addr_o;
  logic [7:0]  dma_be_o;
  logic [63:0] dma_wdata_o;
  logic        wide_req_o;
  logic [31:0] wide_addr_o;
  logic [63:0] wide_data_o;

  pgaccel #(
    .RAM_BASE  (RAM_BASE),
    .RAM_SIZE  (RAM_SIZE),
    .WIN_SHIFT (3),  // the DMA window at lane granularity, so it can cut the small RAM anywhere
    .QDEPTH    (2),
    .RDEPTH    (2),
    .WR_MAXOUT (3),
    .CNT_W     (4),
    .WIDE_WR   (1'b1)
  ) dut (
    .clk_i, .rst_ni,
    .reg_req_i, .reg_gnt_o, .reg_addr_i, .reg_we_i, .reg_be_i, .reg_wdata_i,
    .reg_rvalid_o, .reg_rdata_o, .reg_err_o,
    .dma_req_o, .dma_gnt_i, .dma_addr_o, .dma_we_o, .dma_be_o, .dma_wdata_o,
    .dma_rvalid_i, .dma_rdata_i, .dma_err_i,
    .wide_req_o, .wide_gnt_i, .wide_addr_o, .wide_data_o, .wide_rvalid_i, .wide_err_i,
    .irq_o
  );

  logic        f_init = 1'b1;

  // The symbolic FILL range: any value, taken from free inputs in the reset cycle and held.
  logic [63:0] fa = '0, fl = '0;
  always @(posedge clk_i) begin
    if (f_init) begin
      fa <= fa_i;
      fl <= fl_i;
    end
  end

  logic        f_reg_pend = 1'b0;
  logic [63:0] f_caddr = '0, f_clen = '0;
  logic        f_prev_wait = 1'b0;
  logic [31:0] f_prev_addr = '0;
  logic        f_prev_we = 1'b0;
  logic [7:0]  f_prev_be = '0;
  logic [63:0] f_prev_wdata = '0;
  logic        f_prev_wwait = 1'b0;
  logic [31:0] f_prev_waddr = '0;
  logic [63:0] f_prev_wdat = '0;

  logic [11:0] off;
  logic        post_fill;
  assign off       = {reg_addr_i[11:3], 3'b000};
  assign post_fill = reg_req_i && reg_we_i && off == pgaccel_pkg::REG_CMD_POST && reg_be_i[0] &&
                     (reg_wdata_i[3:0] == pgaccel_pkg::OP_ZERO ||
                      reg_wdata_i[3:0] == pgaccel_pkg::OP_FILL);

  always @(posedge clk_i) begin
    f_init <= 1'b0;
    f_reg_pend <= reg_req_i;
    for (int i = 0; i < 8; i++) begin
      if (reg_req_i && reg_we_i && reg_be_i[i]) begin
        if (off == pgaccel_pkg::REG_CMD_ADDR) f_caddr[8*i +: 8] <= reg_wdata_i[8*i +: 8];
        if (off == pgaccel_pkg::REG_CMD_LEN) f_clen[8*i +: 8] <= reg_wdata_i[8*i +: 8];
      end
    end
    f_prev_wait  <= dma_req_o && !dma_gnt_i;
    f_prev_addr  <= dma_addr_o;
    f_prev_we    <= dma_we_o;
    f_prev_be    <= dma_be_o;
    f_prev_wdata <= dma_wdata_o;
    f_prev_wwait <= wide_req_o && !wide_gnt_i;
    f_prev_waddr <= wide_addr_o;
    f_prev_wdat  <= wide_data_o;
  end

  // Environment.
  always @(*) begin
    assume (rst_ni == !f_init);
    if (f_init) begin
      assume (!reg_req_i && !dma_rvalid_i && !wide_rvalid_i);
    end
    if (post_fill) assume (f_caddr == fa && f_clen == fl);
  end

`ifdef COVER
  // Non-vacuity (run.sh "cover"): these must FAIL, i.e. the environment can reach a granted DMA
  // write, a granted wide write, and read from COMP a SCAN completion with FOUND, a completion
  // without error and no FOUND (a ZERO/FILL, or a SCAN with none), and one with ERR_BUS. The
  // other assertions are removed.
  always @(*) begin
    if (!f_init) begin
      assert (!(dma_req_o && dma_we_o && dma_gnt_i));
      assert (!(wide_req_o && wide_gnt_i));
      assert (!(reg_rvalid_o && reg_rdata_o[63] && reg_rdata_o[32]));
      assert (!(reg_rvalid_o && reg_rdata_o[63] && !reg_rdata_o[32] &&
                reg_rdata_o[43:40] == 4'd0 && reg_rdata_o[31:0] == 32'd0));
      assert (!(reg_rvalid_o && reg_rdata_o[63] && reg_rdata_o[43:40] == 4'd7));
    end
  end
`else
  // Properties.
  always @(*) begin
    if (!f_init) begin
`ifndef NO_RANGE
      if (dma_req_o && dma_we_o) begin
        assert ({32'd0, dma_addr_o} >= fa);
        assert ({33'd0, dma_addr_o} + 65'd8 <= {1'b0, fa} + {1'b0, fl});
      end
      if (wide_req_o) begin
        assert ({32'd0, wide_addr_o} >= fa);
        assert ({33'd0, wide_addr_o} + 65'd16 <= {1'b0, fa} + {1'b0, fl});
      end
`endif
      if (wide_req_o) begin
        assert (wide_addr_o >= RAM_BASE &&
                {1'b0, wide_addr_o} + 33'd16 <= {1'b0, RAM_BASE} + {1'b0, RAM_SIZE});
        assert (wide_addr_o[3:0] == 4'd0 && !dma_req_o);
      end
      if (f_prev_wwait) begin
        assert (wide_req_o && wide_addr_o == f_prev_waddr && wide_data_o == f_prev_wdat);
      end
      if (dma_req_o) begin
        assert (dma_addr_o >= RAM_BASE &&
                {1'b0, dma_addr_o} + 33'd8 <= {1'b0, RAM_BASE} + {1'b0, RAM_SIZE});
        assert (dma_be_o == 8'hff && dma_addr_o[2:0] == 3'd0);
      end
      if (f_prev_wait) begin
        assert (dma_req_o && dma_addr_o == f_prev_addr && dma_we_o == f_prev_we &&
                dma_be_o == f_prev_be && dma_wdata_o == f_prev_wdata);
      end
      assert (reg_gnt_o);
      assert (reg_rvalid_o == f_reg_pend);
    end
  end
`endif

endmodule
