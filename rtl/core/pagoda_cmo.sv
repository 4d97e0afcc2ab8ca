// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: cache-block operations without a data cache (docs/core.md "Cache-block
// operations"). pagoda_lsu hands every translated cbo.* to this block through the CMO hook
// (req/op/block in, done/err out) that a data cache implements in its place:
//   cbo.clean, cbo.flush, cbo.inval: nothing is cached, so there is nothing to write back or
//     drop; they end at once. Ordering holds already: an instruction leaves execute only after
//     every older access has been answered.
//   cbo.zero: eight 8-byte stores of zeros over the block, pipelined on the data port. It ends
//     when the eighth is granted and the first seven are answered, leaving the last answer to
//     writeback as a store's (pend_o): 8 cycles a block on the single-cycle RAM, the bus limit.
//     If one of the first seven is answered with an error, it waits for all eight answers and
//     fails (store access fault); an error on the eighth is writeback's, as for any store.
`include "pagoda_assert.svh"
module pagoda_cmo (
  input  logic                     clk_i,
  input  logic                     rst_ni,
  // the hook
  input  logic                     req_i,       // a translated CBO asks (until done_o)
  input  pagoda_core_pkg::cbo_op_e op_i,        // inval already turned into flush if so enabled
  input  logic [31:6]              block_i,     // physical block address
  output logic                     done_o,      // the operation ends this cycle
  output logic                     pend_o,      // ... with one store answer left for writeback
  output logic                     err_o,       // ... with a bus error (never depends on req_i)
  output logic                     busy_o,      // started, or waiting for a grant: no interrupt
  // data port side (pagoda_lsu muxes it onto the PBUS data port)
  output logic                     mem_req_o  /*verilator isolate_assignments*/,
  input  logic                     mem_gnt_i,
  output logic [31:0]              mem_addr_o /*verilator isolate_assignments*/,
  input  logic                     mem_rvalid_i,
  input  logic                     mem_err_i
);
  localparam int unsigned LANES = pagoda_core_pkg::CBO_BLOCK_BYTES / 8;

  typedef enum logic {
    CMO_IDLE, CMO_ZERO
  } cmo_state_e;

  cmo_state_e  state_q, state_d;
  logic [3:0]  issued_q, issued_d;     // lanes granted
  logic [3:0]  answered_q, answered_d; // lanes answered
  logic        err_q, err_d;           // an answer was an error
  logic [31:6] block_q, block_d;
  logic        hold_q, hold_d;         // a request waits for its grant
  logic        is_zero, failed, all_answered;
  logic [3:0]  answered_now;

  assign is_zero      = (op_i == pagoda_core_pkg::CBO_ZERO);
  assign answered_now = answered_q + 4'(mem_rvalid_i);
  assign failed       = err_q || (mem_rvalid_i && mem_err_i);
  // after an error, every answer is awaited before the trap (none may be left in flight)
  assign all_answered = (state_q == CMO_ZERO) && mem_rvalid_i && (answered_q == 4'(LANES - 1));

  always_comb begin
    state_d    = state_q;
    issued_d   = issued_q;
    answered_d = answered_q;
    err_d      = err_q;
    block_d    = block_q;
    mem_req_o  = 1'b0;
    mem_addr_o = {block_q, issued_q[2:0], 3'b000};
    done_o     = 1'b0;
    pend_o     = 1'b0;
    unique case (state_q)
      CMO_IDLE: begin
        if (req_i) begin
          if (is_zero) begin
            mem_req_o  = 1'b1;
            mem_addr_o = {block_i, 6'd0};
            if (mem_gnt_i) begin
              state_d    = CMO_ZERO;
              issued_d   = 4'd1;
              answered_d = 4'd0;
              err_d      = 1'b0;
              block_d    = block_i;
            end
          end else begin
            done_o = 1'b1;
          end
        end
      end
      default: begin   // CMO_ZERO
        mem_req_o = (issued_q != 4'(LANES));
        if (mem_req_o && mem_gnt_i) issued_d = issued_q + 4'd1;
        if (mem_rvalid_i) begin
          answered_d = answered_q + 4'd1;
          err_d      = err_q || mem_err_i;
        end
        if (failed ? all_answered :
            (issued_d == 4'(LANES) && answered_now == 4'(LANES - 1))) begin
          done_o  = 1'b1;
          pend_o  = !failed;
          state_d = CMO_IDLE;
        end
      end
    endcase
  end

  assign err_o  = all_answered && failed;
  assign hold_d = mem_req_o && !mem_gnt_i;
  assign busy_o = hold_q || (state_q != CMO_IDLE);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= CMO_IDLE;
      issued_q   <= 4'd0;
      answered_q <= 4'd0;
      err_q      <= 1'b0;
      block_q    <= '0;
      hold_q     <= 1'b0;
    end else begin
      state_q    <= state_d;
      issued_q   <= issued_d;
      answered_q <= answered_d;
      err_q      <= err_d;
      block_q    <= block_d;
      hold_q     <= hold_d;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // never more answers than requests, never more than a block's lanes; a store is requested only
  // only for cbo.zero
  `ASSERT_NEVER(CmoAnsweredAhead, answered_q > issued_q)
  `ASSERT_NEVER(CmoIssuedTooMany, issued_q > 4'(LANES))
  `ASSERT_NEVER(CmoReqNotZero, mem_req_o && state_q == CMO_IDLE && !is_zero)
  `ASSERT_NEVER(CmoErrWithoutDone, err_o && !done_o)
  `ASSERT_NEVER(CmoPendWithErr, pend_o && err_o)

endmodule
