// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: ALU of the execute stage. Integer results of RV64I (also LUI, AUIPC and the link
// address of jumps) and the branch comparison, in one cycle. Its two pc adders also give the
// controller the branch/JAL target and the next pc (one adder each for both uses).
//
// Area (the Arty -35T budget, docs/fpga.md): one adder serves ADD, SUB, their W forms, SLT(U)
// and the branch comparisons (the decoder gives branches ALU_SUB, and their b operand is rs2);
// one right shifter serves SRL, SRA, SRLW and SRAW (a W form shifts its low word, zero- or
// sign-extended to 64 bits, by at most 31), one left shifter SLL and SLLW; W results are
// sign-extended from bit 31 once, after the selection.
module pagoda_alu (
  input  pagoda_core_pkg::alu_op_e op_i,
  input  logic [63:0]              a_i,          // rs1
  input  logic [63:0]              b_i,          // rs2 or the immediate
  input  logic [63:0]              imm_i,        // LUI, AUIPC
  input  logic [63:0]              pc_i,
  input  logic                     compressed_i, // link address = pc + 2 (else + 4)
  output logic [63:0]              result_o,
  output logic [63:0]              pc_imm_o,     // pc + imm: AUIPC, branch and JAL target
  output logic [63:0]              pc_next_o,    // pc + 2 or 4: link address, next pc
  // branch condition on rs1 and b (rs2 for a branch, whose op_i is ALU_SUB)
  input  pagoda_core_pkg::br_op_e  br_op_i,
  output logic                     br_taken_o
);
  // Package constants used here (Yosys 0.23 has no package import).
  typedef pagoda_core_pkg::alu_op_e alu_op_e;
  localparam alu_op_e ALU_ADD  = pagoda_core_pkg::ALU_ADD,  ALU_SUB   = pagoda_core_pkg::ALU_SUB;
  localparam alu_op_e ALU_SLL  = pagoda_core_pkg::ALU_SLL,  ALU_SLT   = pagoda_core_pkg::ALU_SLT;
  localparam alu_op_e ALU_SLTU = pagoda_core_pkg::ALU_SLTU, ALU_XOR   = pagoda_core_pkg::ALU_XOR;
  localparam alu_op_e ALU_SRL  = pagoda_core_pkg::ALU_SRL,  ALU_SRA   = pagoda_core_pkg::ALU_SRA;
  localparam alu_op_e ALU_OR   = pagoda_core_pkg::ALU_OR,   ALU_AND   = pagoda_core_pkg::ALU_AND;
  localparam alu_op_e ALU_ADDW = pagoda_core_pkg::ALU_ADDW, ALU_SUBW  = pagoda_core_pkg::ALU_SUBW;
  localparam alu_op_e ALU_SLLW = pagoda_core_pkg::ALU_SLLW, ALU_SRLW  = pagoda_core_pkg::ALU_SRLW;
  localparam alu_op_e ALU_SRAW = pagoda_core_pkg::ALU_SRAW, ALU_LUI   = pagoda_core_pkg::ALU_LUI;
  localparam alu_op_e ALU_AUIPC = pagoda_core_pkg::ALU_AUIPC;
  typedef pagoda_core_pkg::br_op_e br_op_e;
  localparam br_op_e BR_EQ  = pagoda_core_pkg::BR_EQ,  BR_NE  = pagoda_core_pkg::BR_NE;
  localparam br_op_e BR_LT  = pagoda_core_pkg::BR_LT,  BR_GE  = pagoda_core_pkg::BR_GE;
  localparam br_op_e BR_LTU = pagoda_core_pkg::BR_LTU;

  assign pc_imm_o  = pc_i + imm_i;
  assign pc_next_o = pc_i + (compressed_i ? 64'd2 : 64'd4);

  // what the operation asks of the shared units
  logic word, sub, arith;
  always_comb begin
    word  = 1'b0;
    sub   = 1'b0;
    arith = 1'b0;
    unique case (op_i)
      ALU_SUB, ALU_SLT, ALU_SLTU: sub = 1'b1;
      ALU_SRA:                    arith = 1'b1;
      ALU_ADDW, ALU_SLLW, ALU_SRLW: word = 1'b1;
      ALU_SUBW:                   begin word = 1'b1; sub = 1'b1; end
      ALU_SRAW:                   begin word = 1'b1; arith = 1'b1; end
      default: ;
    endcase
  end

  // a + b or a - b (a + ~b + 1); the carry out of a - b is "a >= b" unsigned
  logic [63:0] sum;
  logic        carry;
  assign {carry, sum} = {1'b0, a_i} + {1'b0, sub ? ~b_i : b_i} + {64'd0, sub};

  logic ltu, lt, eq;
  assign ltu = ~carry;
  assign lt  = (a_i[63] == b_i[63]) ? sum[63] : a_i[63];
  assign eq  = (a_i == b_i);

  logic [5:0]  shamt;
  logic [63:0] shr_in, shr, shl;
  assign shamt  = {b_i[5] & ~word, b_i[4:0]};
  assign shr_in = word ? {{32{arith & a_i[31]}}, a_i[31:0]} : a_i;
  assign shr    = 64'($signed({arith & shr_in[63], shr_in}) >>> shamt);
  assign shl    = a_i << shamt;

  logic [63:0] res;
  always_comb begin
    unique case (op_i)
      ALU_ADD, ALU_SUB, ALU_ADDW, ALU_SUBW: res = sum;
      ALU_SLL, ALU_SLLW:                    res = shl;
      ALU_SRL, ALU_SRA, ALU_SRLW, ALU_SRAW: res = shr;
      ALU_SLT:                              res = {63'd0, lt};
      ALU_SLTU:                             res = {63'd0, ltu};
      ALU_XOR:                              res = a_i ^ b_i;
      ALU_OR:                               res = a_i | b_i;
      ALU_AND:                              res = a_i & b_i;
      ALU_LUI:                              res = imm_i;
      ALU_AUIPC:                            res = pc_imm_o;
      default:                              res = pc_next_o;   // ALU_LINK
    endcase
  end
  assign result_o = word ? {{32{res[31]}}, res[31:0]} : res;

  always_comb begin
    unique case (br_op_i)
      BR_EQ:   br_taken_o = eq;
      BR_NE:   br_taken_o = ~eq;
      BR_LT:   br_taken_o = lt;
      BR_GE:   br_taken_o = ~lt;
      BR_LTU:  br_taken_o = ltu;
      default: br_taken_o = ~ltu;   // BR_GEU
    endcase
  end

endmodule
