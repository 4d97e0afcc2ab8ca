// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_scan_step: one step of the SCAN search on one 64-bit bitmap word (combinational).
//
// The engine keeps a candidate `cand` (aligned, >= start bit) and the last bit of its window,
// wlast = cand + n - 1; every bit in [cand, base) is known free. A step looks at the word's
// not-free bits at or after cand. None, or the first one (z) past wlast: the window holds so far
// (found when it ends in this word, else the word is done). Otherwise the candidate must move past
// the not-free run that starts at z: the step returns the last bit of that run (the engine aligns
// the bit after it), so a word costs one cycle per not-free run that rules out a candidate, and one
// cycle in all when the alignment is 64 bits or more (the new candidate is then in a later word).
//
// The engine compares word indices (whether cand and wlast lie in this word); this module only
// sees 6-bit offsets. Its parts are separate modules because Yosys maps each module with ABC on its
// own: as one flat cone, ABC duplicated logic for depth (about 580 LUTs against about 290 split).
module pgaccel_scan_step (
  input  logic [63:0] word_i,     // bitmap word as read from memory
  input  logic        pol_i,      // 1: free bits are 1; 0: free bits are 0
  input  logic        all_i,      // cand lies before this word: look at all of it
  input  logic        here_i,     // cand lies in this word, at bit c_i
  input  logic [5:0]  c_i,        // cand[5:0]
  input  logic        fits_i,     // wlast lies in this word, at bit e_i
  input  logic [5:0]  e_i,        // wlast[5:0]
  input  logic        en_i,       // evaluate (pgaccel_pkg::SIM_GATE): SCAN with a word buffered
  output pgaccel_pkg::step_e kind_o,
  output logic [5:0]  r_o         // StepMove: last bit of the not-free run (the word's bit 63 if
                                  // the run reaches the end of the word)
);

  logic [63:0] nm, neg, po, fz;
  logic        any_m, found, unused_any;

  // nm = ~m, m = the not-free bits at or after cand.
  pgaccel_scan_mask u_mask (
    .word_i,
    .pol_i,
    .all_i,
    .here_i,
    .c_i,
    .en_i,
    .nm_o (nm)
  );

  // po[i] = |m[i:0] (m's lowest set bit is z; po is set from z up): -m = ~m + 1 has bit i set above
  // the lowest set bit of m where m is clear, so m | -m is the prefix OR.
  // Found: no not-free bit from cand to wlast (the window's last bit is in this word).
  // The run from z ends at the lowest bit i >= z whose next bit i + 1 is free (or at bit 63).
  always_comb begin
    neg    = '0;
    po     = '0;
    any_m  = 1'b0;
    found  = 1'b0;
    fz     = '0;
    kind_o = pgaccel_pkg::StepNext;
    if (!pgaccel_pkg::SIM_GATE || en_i) begin
      neg   = nm + 64'd1;
      po    = ~nm | neg;
      any_m = po[63];
      found = fits_i && !po[e_i];
      fz    = {1'b1, (pol_i ? word_i[63:1] : ~word_i[63:1])} & po;
      if (!any_m) begin
        kind_o = fits_i ? pgaccel_pkg::StepFound : pgaccel_pkg::StepNext;
      end else if (found) begin
        kind_o = pgaccel_pkg::StepFound;
      end else begin
        kind_o = pgaccel_pkg::StepMove;
      end
    end
  end

  pgaccel_lowest u_run (
    .v_i   (fz),
    .en_i,
    .idx_o (r_o),
    .any_o (unused_any)
  );

endmodule
