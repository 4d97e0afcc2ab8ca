// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_fifo: small synchronous FIFO (command queue, completion queue, SCAN read buffer).
// Push on a full FIFO or pop on an empty one is ignored; users check count_o first. The storage is
// a plain memory with one write port and an asynchronous read, the shape Yosys maps to Xilinx
// distributed RAM (as in Ibex's FPGA register file), which costs far fewer LUTs than flops and
// a read mux.
`include "pagoda_assert.svh"
module pgaccel_fifo #(
  parameter int unsigned WIDTH = 8,
  parameter int unsigned DEPTH = 4    // power of two
) (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  input  logic                     flush_i,
  input  logic                     push_i,
  input  logic [WIDTH-1:0]         wdata_i,
  input  logic                     pop_i,
  output logic [WIDTH-1:0]         rdata_o,
  output logic                     empty_o,
  output logic [$clog2(DEPTH):0]   count_o
);

  localparam int unsigned PW = $clog2(DEPTH);

  logic [WIDTH-1:0] mem [DEPTH];
  logic [PW-1:0]    wptr_q, wptr_d, rptr_q, rptr_d;
  logic [PW:0]      cnt_q, cnt_d;
  logic             do_push, do_pop;

  assign empty_o = (cnt_q == '0);
  assign count_o = cnt_q;
  assign rdata_o = mem[rptr_q];
  assign do_push = push_i && (cnt_q != (PW+1)'(DEPTH));
  assign do_pop  = pop_i && !empty_o;

  always_comb begin
    wptr_d = wptr_q + PW'(do_push);
    rptr_d = rptr_q + PW'(do_pop);
    cnt_d  = cnt_q + (PW+1)'(do_push) - (PW+1)'(do_pop);
    if (flush_i) begin
      wptr_d = '0;
      rptr_d = '0;
      cnt_d  = '0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wptr_q <= '0;
      rptr_q <= '0;
      cnt_q  <= '0;
    end else begin
      wptr_q <= wptr_d;
      rptr_q <= rptr_d;
      cnt_q  <= cnt_d;
    end
  end

`ifdef FORMAL
  // Checked by tests/accel/formal. The count matches the pointers and never exceeds the depth.
  // Integrity and order: one entry, picked at will when it is pushed (f_pick), stays unchanged in
  // memory and comes out at the head after exactly the entries pushed before it.
  (* anyseq *) logic f_pick;
  logic             f_trk_q = 1'b0;
  logic [PW:0]      f_pos_q = '0;    // entries ahead of the tracked one
  logic [WIDTH-1:0] f_data_q = '0;
  always_ff @(posedge clk_i) begin
    if (!rst_ni || flush_i) begin
      f_trk_q <= 1'b0;
    end else if (f_trk_q) begin
      if (do_pop) begin
        if (f_pos_q == '0) f_trk_q <= 1'b0;
        f_pos_q <= f_pos_q - (PW+1)'(1);
      end
    end else if (do_push && f_pick) begin
      f_trk_q  <= 1'b1;
      f_data_q <= wdata_i;
      f_pos_q  <= cnt_q - (PW+1)'(do_pop);
    end
  end
  always_comb begin
    if (rst_ni) begin
      assert (cnt_q <= (PW+1)'(DEPTH));
      assert (PW'(wptr_q - rptr_q) == PW'(cnt_q));
      if (f_trk_q) begin
        assert (f_pos_q < cnt_q);
        assert (mem[PW'(rptr_q + PW'(f_pos_q))] == f_data_q);
        if (f_pos_q == '0) assert (rdata_o == f_data_q);
      end
    end
  end
`endif

  // Storage needs no reset: an entry is only read after it was written.
  always_ff @(posedge clk_i) begin
    if (do_push) begin
      mem[wptr_q] <= wdata_i;
    end
  end

  // ---- assertions (pagoda_assert.svh; also checked by tests/accel/formal) ----
  // The FIFO ignores a push when full and a pop when empty; its users must never rely on that
  // (the entry, or the pop, would be lost): they check count_o first.
  `ASSERT_NEVER(FifoPushFull, push_i && !flush_i && cnt_q == (PW+1)'(DEPTH))
  `ASSERT_NEVER(FifoPopEmpty, pop_i && !flush_i && cnt_q == '0)

endmodule
