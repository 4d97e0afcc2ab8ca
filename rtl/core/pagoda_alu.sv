// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: ALU of the execute stage. Integer results of RV64I (also LUI, AUIPC and the link
// address of jumps) and the branch comparison, in one cycle. Its two pc adders also give the
// controller the branch/JAL target and the next pc (one adder each for both uses).
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
  // branch condition on rs1 and rs2
  input  pagoda_core_pkg::br_op_e  br_op_i,
  input  logic [63:0]              rs2_i,
  output logic                     br_taken_o
);
  logic [31:0] w_sum, w_sub, w_sll, w_srl, w_sra;
  assign pc_imm_o  = pc_i + imm_i;
  assign pc_next_o = pc_i + (compressed_i ? 64'd2 : 64'd4);
  assign w_sum = a_i[31:0] + b_i[31:0];
  assign w_sub = a_i[31:0] - b_i[31:0];
  assign w_sll = a_i[31:0] << b_i[4:0];
  assign w_srl = a_i[31:0] >> b_i[4:0];
  assign w_sra = $unsigned($signed(a_i[31:0]) >>> b_i[4:0]);

  always_comb begin
    unique case (op_i)
      pagoda_core_pkg::ALU_ADD:   result_o = a_i + b_i;
      pagoda_core_pkg::ALU_SUB:   result_o = a_i - b_i;
      pagoda_core_pkg::ALU_SLL:   result_o = a_i << b_i[5:0];
      pagoda_core_pkg::ALU_SLT:   result_o = {63'd0, $signed(a_i) < $signed(b_i)};
      pagoda_core_pkg::ALU_SLTU:  result_o = {63'd0, a_i < b_i};
      pagoda_core_pkg::ALU_XOR:   result_o = a_i ^ b_i;
      pagoda_core_pkg::ALU_SRL:   result_o = a_i >> b_i[5:0];
      pagoda_core_pkg::ALU_SRA:   result_o = $unsigned($signed(a_i) >>> b_i[5:0]);
      pagoda_core_pkg::ALU_OR:    result_o = a_i | b_i;
      pagoda_core_pkg::ALU_AND:   result_o = a_i & b_i;
      pagoda_core_pkg::ALU_ADDW:  result_o = {{32{w_sum[31]}}, w_sum};
      pagoda_core_pkg::ALU_SUBW:  result_o = {{32{w_sub[31]}}, w_sub};
      pagoda_core_pkg::ALU_SLLW:  result_o = {{32{w_sll[31]}}, w_sll};
      pagoda_core_pkg::ALU_SRLW:  result_o = {{32{w_srl[31]}}, w_srl};
      pagoda_core_pkg::ALU_SRAW:  result_o = {{32{w_sra[31]}}, w_sra};
      pagoda_core_pkg::ALU_LUI:   result_o = imm_i;
      pagoda_core_pkg::ALU_AUIPC: result_o = pc_imm_o;
      default:                    result_o = pc_next_o;   // pagoda_core_pkg::ALU_LINK
    endcase
  end

  always_comb begin
    unique case (br_op_i)
      pagoda_core_pkg::BR_EQ:  br_taken_o = (a_i == rs2_i);
      pagoda_core_pkg::BR_NE:  br_taken_o = (a_i != rs2_i);
      pagoda_core_pkg::BR_LT:  br_taken_o = ($signed(a_i) < $signed(rs2_i));
      pagoda_core_pkg::BR_GE:  br_taken_o = ($signed(a_i) >= $signed(rs2_i));
      pagoda_core_pkg::BR_LTU: br_taken_o = (a_i < rs2_i);
      default:                 br_taken_o = (a_i >= rs2_i);   // pagoda_core_pkg::BR_GEU
    endcase
  end

endmodule
