// SPDX-License-Identifier: BSD-2-Clause
// Formal harness for one SCAN step (pgaccel_scan_step, combinational; run.sh check scanfn-step):
// for every 64-bit word and every input, the step's answer equals a reference written from the
// search's definition, bit by bit, independent of the step's carry and encoder tricks.
//
// Reference: the not-free bits of the word are the 0 bits (pol 1) or the 1 bits (pol 0); the step
// looks at those at or after the candidate: every bit when the candidate lies before the word
// (all), the bits from c up when it lies in the word (here), none when it lies after. With z the
// lowest of them:
//   - no z: the candidate's window has no not-free bit in this word: Found if the window ends here
//     (fits), else Next (the search goes on with the next word);
//   - the window ends here at bit e and z > e: Found;
//   - else Move, and r is the last bit of the not-free run that starts at z: the highest j >= z
//     with every bit of [z, j] not free.
// The engine never asks with all and here both set (the candidate lies before the word or in it),
// nor with the window ending in the word before the candidate (fits, here and e < c): its own
// invariants (pgaccel_engine.sv, cbef_q and wlast_q) rule both out, so those inputs are assumed
// away here.
module pgaccel_step_formal (
  input logic [63:0] word_i,
  input logic        pol_i,
  input logic        all_i,
  input logic        here_i,
  input logic [5:0]  c_i,
  input logic        fits_i,
  input logic [5:0]  e_i
);
  pgaccel_pkg::step_e kind;
  logic [5:0] r;

  pgaccel_scan_step dut (
    .word_i, .pol_i, .all_i, .here_i, .c_i, .fits_i, .e_i,
    .en_i   (1'b1),
    .kind_o (kind),
    .r_o    (r)
  );

  logic [63:0] used;
  logic [6:0]  lo, z, run_end;
  logic        any, in_run;
  pgaccel_pkg::step_e ref_kind;
  always @(*) begin
    used = pol_i ? ~word_i : word_i;
    lo   = all_i ? 7'd0 : here_i ? {1'b0, c_i} : 7'd64;
    z    = 7'd64;
    for (int i = 63; i >= 0; i--) begin
      if (used[i] && 7'(i) >= lo) z = 7'(i);
    end
    any     = (z != 7'd64);
    run_end = z;
    in_run  = any;
    for (int i = 0; i < 64; i++) begin
      if (7'(i) > z) begin
        if (in_run && used[i]) run_end = 7'(i);
        else in_run = 1'b0;
      end
    end
    if (!any) begin
      ref_kind = fits_i ? pgaccel_pkg::StepFound : pgaccel_pkg::StepNext;
    end else if (fits_i && {1'b0, e_i} < z) begin
      ref_kind = pgaccel_pkg::StepFound;
    end else begin
      ref_kind = pgaccel_pkg::StepMove;
    end
  end

  always @(*) begin
    assert (kind == ref_kind);
    if (ref_kind == pgaccel_pkg::StepMove) assert ({1'b0, r} == run_end);
  end

endmodule
