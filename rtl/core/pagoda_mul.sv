// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: single-cycle multiplier (MUL, MULH, MULHSU, MULHU, MULW) built from four 32x32
// partial products: the unsigned high half is corrected for signed operands. Narrow products are
// fast in simulation (no wide arithmetic) and map to DSPs.
module pagoda_mul (
  input  pagoda_core_pkg::md_op_e op_i,     // one of the MD_MUL* operations
  input  logic                    word_i,   // MULW: 32-bit result, sign-extended
  input  logic [63:0]             a_i,
  input  logic [63:0]             b_i,
  output logic [63:0]             result_o
);
  logic [63:0] pp0, pp1, pp2, pp3, mid, mul_hi_u, mul_hi, mul_lo;
  logic        a_neg, b_neg;
  assign pp0      = {32'd0, a_i[31:0]}  * {32'd0, b_i[31:0]};
  assign pp1      = {32'd0, a_i[31:0]}  * {32'd0, b_i[63:32]};
  assign pp2      = {32'd0, a_i[63:32]} * {32'd0, b_i[31:0]};
  assign pp3      = {32'd0, a_i[63:32]} * {32'd0, b_i[63:32]};
  assign mid      = {32'd0, pp0[63:32]} + {32'd0, pp1[31:0]} + {32'd0, pp2[31:0]};
  assign mul_lo   = {mid[31:0], pp0[31:0]};
  assign mul_hi_u = pp3 + {32'd0, pp1[63:32]} + {32'd0, pp2[63:32]} + {32'd0, mid[63:32]};
  // MULH, MULHSU: rs1 signed; MULH: rs2 signed
  assign a_neg    = (op_i == pagoda_core_pkg::MD_MULH || op_i == pagoda_core_pkg::MD_MULHSU) &&
                    a_i[63];
  assign b_neg    = (op_i == pagoda_core_pkg::MD_MULH) && b_i[63];
  assign mul_hi   = mul_hi_u - (a_neg ? b_i : 64'd0) - (b_neg ? a_i : 64'd0);
  always_comb begin
    if (word_i)                               result_o = {{32{mul_lo[31]}}, mul_lo[31:0]};
    else if (op_i == pagoda_core_pkg::MD_MUL) result_o = mul_lo;
    else                                      result_o = mul_hi;
  end

endmodule
