// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: iterative radix-2 divider for DIV/DIVU/REM/REMU and their W forms (one quotient bit
// per cycle; W forms run 32 iterations). Division by zero and overflow follow the RISC-V rules:
// both fall out of the restoring steps on magnitudes (by zero: every step subtracts 0, so the
// quotient is all ones and the remainder the dividend's magnitude, re-signed like any remainder;
// only the quotient's sign fix is skipped), so no copy of the dividend is kept for them.
`include "pagoda_assert.svh"
module pagoda_div (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  pagoda_core_pkg::md_op_e op_i,   // MD_DIV, MD_DIVU, MD_REM or MD_REMU
  input  logic        word_i,
  input  logic [63:0] a_i,
  input  logic [63:0] b_i,
  output logic        busy_o,
  output logic        done_o,
  output logic [63:0] result_o
);
  // idle -> busy (one quotient bit a cycle, counting down to 1) -> done (one cycle) -> idle
  typedef enum logic [1:0] {
    DIV_IDLE, DIV_BUSY, DIV_DONE
  } div_state_e;

  div_state_e  state_q, state_d;
  logic        busy, done;
  logic [6:0]  cnt_q, cnt_d;
  logic [63:0] rem_q, rem_d;
  logic [63:0] quo_q, quo_d;
  logic [63:0] div_q, div_d;
  logic        neg_q_q, neg_q_d;     // negate the quotient at the end
  logic        neg_r_q, neg_r_d;     // negate the remainder at the end
  logic        want_rem_q, want_rem_d;
  logic        word_q, word_d;

  // Simulation speed: Verilator evaluates every assignment each cycle, but the divider works only
  // in the cycle of a start and while busy, so the operand preparation lives in the start branch,
  // the restoring step in the busy branch, the final fix-up in the done state, and the registers are
  // written only while it works (a clock enable). Same function.
  assign busy = (state_q == DIV_BUSY);
  assign done = (state_q == DIV_DONE);

  logic is_signed;
  assign is_signed = (op_i == pagoda_core_pkg::MD_DIV) || (op_i == pagoda_core_pkg::MD_REM);

  always_comb begin
    logic [63:0] a_ext, b_ext, a_abs, b_abs, shifted;
    logic [64:0] diff;
    a_ext      = 64'd0;
    b_ext      = 64'd0;
    a_abs      = 64'd0;
    b_abs      = 64'd0;
    shifted    = 64'd0;
    diff       = 65'd0;
    state_d    = busy ? DIV_BUSY : DIV_IDLE;
    cnt_d      = cnt_q;
    rem_d      = rem_q;
    quo_d      = quo_q;
    div_d      = div_q;
    neg_q_d    = neg_q_q;
    neg_r_d    = neg_r_q;
    want_rem_d = want_rem_q;
    word_d     = word_q;
    if (start_i && !busy) begin
      // operands extended to 64 bits (W forms: sign- or zero-extended from 32)
      a_ext = a_i;
      b_ext = b_i;
      if (word_i) begin
        a_ext = is_signed ? {{32{a_i[31]}}, a_i[31:0]} : {32'd0, a_i[31:0]};
        b_ext = is_signed ? {{32{b_i[31]}}, b_i[31:0]} : {32'd0, b_i[31:0]};
      end
      a_abs = (is_signed && a_ext[63]) ? (64'd0 - a_ext) : a_ext;
      b_abs = (is_signed && b_ext[63]) ? (64'd0 - b_ext) : b_ext;
      state_d    = DIV_BUSY;
      rem_d      = 64'd0;
      // W forms have 32 significant dividend bits: pre-shift them to the top, run 32 steps.
      quo_d      = word_i ? {a_abs[31:0], 32'd0} : a_abs;
      cnt_d      = word_i ? 7'd32 : 7'd64;
      div_d      = b_abs;
      neg_q_d    = is_signed && (a_ext[63] ^ b_ext[63]) && (b_ext != 64'd0);
      neg_r_d    = is_signed && a_ext[63];
      want_rem_d = (op_i == pagoda_core_pkg::MD_REM) || (op_i == pagoda_core_pkg::MD_REMU);
      word_d     = word_i;
    end else if (busy) begin
      // One restoring step on 64-bit values: the shifted remainder is {rem_q, quo_q[63]} (65
      // bits); if its top bit is set it is certainly >= the divisor, and the difference always
      // fits 64 bits. One subtractor: its borrow is the comparison.
      shifted = {rem_q[62:0], quo_q[63]};
      diff    = {1'b0, shifted} - {1'b0, div_q};
      if (rem_q[63] || !diff[64]) begin
        rem_d = diff[63:0];
        quo_d = {quo_q[62:0], 1'b1};
      end else begin
        rem_d = shifted;
        quo_d = {quo_q[62:0], 1'b0};
      end
      cnt_d = cnt_q - 7'd1;
      if (cnt_q == 7'd1) state_d = DIV_DONE;
    end
  end

  logic [63:0] res;
  // the result is valid with done_o (and reads 0 otherwise); one negation for either result
  always_comb begin
    res      = 64'd0;
    result_o = 64'd0;
    if (done) begin
      res      = want_rem_q ? rem_q : quo_q;
      res      = (want_rem_q ? neg_r_q : neg_q_q) ? (64'd0 - res) : res;
      result_o = word_q ? {{32{res[31]}}, res[31:0]} : res;
    end
  end

  assign busy_o = busy;
  assign done_o = done;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= DIV_IDLE;
      cnt_q      <= 7'd0;
      rem_q      <= 64'd0;
      quo_q      <= 64'd0;
      div_q      <= 64'd0;
      neg_q_q    <= 1'b0;
      neg_r_q    <= 1'b0;
      want_rem_q <= 1'b0;
      word_q     <= 1'b0;
    end else begin
      state_q <= state_d;
      if (start_i || busy) begin
        cnt_q      <= cnt_d;
        rem_q      <= rem_d;
        quo_q      <= quo_d;
        div_q      <= div_d;
        neg_q_q    <= neg_q_d;
        neg_r_q    <= neg_r_d;
        want_rem_q <= want_rem_d;
        word_q     <= word_d;
      end
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // A start while busy would be dropped (the pipeline waits for busy_o and done_o); the state is
  // one of the three; busy counts down from 64 or 32 to 1.
  `ASSERT_NEVER(DivStartBusy, start_i && busy)
  `ASSERT(DivStateLegal, state_q != 2'd3)
  `ASSERT_NEVER(DivBusyNoCount, busy && (cnt_q == 7'd0 || cnt_q > 7'd64))

endmodule
