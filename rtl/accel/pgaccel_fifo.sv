// pgaccel_fifo: small synchronous FIFO (command queue, completion queue, SCAN read buffer).
// Push on a full FIFO or pop on an empty one is ignored; users check count_o first. The storage is
// a plain memory with one write port and an asynchronous read, the shape Yosys maps to Xilinx
// distributed RAM (as in Ibex's FPGA register file), which costs far fewer LUTs than flops and
// a read mux.
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

  // Storage needs no reset: an entry is only read after it was written.
  always_ff @(posedge clk_i) begin
    if (do_push) begin
      mem[wptr_q] <= wdata_i;
    end
  end

endmodule
