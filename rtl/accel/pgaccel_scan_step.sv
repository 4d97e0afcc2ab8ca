// pgaccel_scan_step: one step of the SCAN search on one 64-bit bitmap word (combinational).
//
// The engine keeps a candidate `cand` (aligned, >= start bit) and its window end wend = cand + n;
// every bit in [cand, base) is known free. A step looks at the word's not-free bits at or after
// cand. None, or the first one (z) at or past wend: the window holds so far (found when it ends in
// this word, else the word is done). Otherwise the candidate must move past the not-free run that
// starts at z: the step returns where the next free bit is (the engine aligns it), so a word costs
// one cycle per not-free run that rules out a candidate, and one cycle in all when the alignment is
// 64 bits or more (the new candidate is then in a later word).
// All comparisons are on word indices and 6-bit offsets; wend > base holds for every word looked
// at (a window that ended earlier was found earlier).
module pgaccel_scan_step (
  input  logic [63:0] word_i,     // bitmap word as read from memory
  input  logic        pol_i,      // 1: free bits are 1; 0: free bits are 0
  input  logic [27:0] pword_i,    // word index of word_i (its bit 0 is bit pword_i * 64)
  input  logic [27:0] pword1_i,   // pword_i + 1
  input  logic        cbefore_i,  // cand < pword_i * 64
  input  logic [33:0] cand_i,     // candidate
  input  logic [33:0] wend_i,     // cand + n
  output logic [1:0]  kind_o,     // pgaccel_pkg::Step*
  output logic [33:0] nstart_o    // StepMove: where the next free run starts (not aligned)
);

  logic [63:0] nonfree, ge_mask, mask_m, from_z, free_m;
  logic [5:0]  z, f;
  logic [6:0]  sel;
  logic        cand_here, any_m, any_f, wend_here, wend_next0, fits, found_z;

  // Lowest set bit (0 for a zero vector) in two levels: the lowest nonzero byte, then the lowest
  // bit inside it. About half the LUTs of a 64-way priority chain after synthesis.
  function automatic logic [2:0] low8(input logic [7:0] v);
    low8 = 3'd0;
    for (int i = 7; i >= 0; i--) begin
      if (v[i]) low8 = 3'(i);
    end
  endfunction

  function automatic logic [5:0] lowest(input logic [63:0] v);
    logic [7:0] nz;
    logic [2:0] g, loc;
    loc = 3'd0;
    for (int i = 0; i < 8; i++) begin
      nz[i] = |v[8*i +: 8];
    end
    g = low8(nz);
    for (int i = 0; i < 8; i++) begin
      if (g == 3'(i)) loc = low8(v[8*i +: 8]);
    end
    lowest = {g, loc};
  endfunction

  assign nonfree   = pol_i ? ~word_i : word_i;
  assign cand_here = (cand_i[33:6] == pword_i);

  // Bits at or after the candidate: the whole word when cand lies before it, none when after.
  always_comb begin
    if (cbefore_i) begin
      ge_mask = '1;
    end else if (cand_here) begin
      ge_mask = {64{1'b1}} << cand_i[5:0];
    end else begin
      ge_mask = '0;
    end
  end

  assign mask_m = nonfree & ge_mask;
  assign any_m  = |mask_m;
  assign z      = lowest(mask_m);

  // The window ends in this word (wend <= word end), and ends at or before bit z.
  assign wend_here  = (wend_i[33:6] == pword_i);
  assign wend_next0 = (wend_i[33:6] == pword1_i) && (wend_i[5:0] == 6'd0);
  assign fits       = wend_here || wend_next0;
  assign found_z    = wend_here && (wend_i[5:0] <= z);

  // First free bit after the not-free run that starts at z.
  assign from_z = {64{1'b1}} << z;
  assign free_m = ~nonfree & from_z;
  assign any_f  = |free_m;
  assign f      = lowest(free_m);

  assign sel = any_f ? {1'b0, f} : 7'd64;

  assign nstart_o = sel[6] ? {pword1_i, 6'd0} : {pword_i, sel[5:0]};

  always_comb begin
    if (!any_m) begin
      kind_o = fits ? pgaccel_pkg::StepFound : pgaccel_pkg::StepNext;
    end else if (found_z) begin
      kind_o = pgaccel_pkg::StepFound;
    end else begin
      kind_o = pgaccel_pkg::StepMove;
    end
  end

endmodule
