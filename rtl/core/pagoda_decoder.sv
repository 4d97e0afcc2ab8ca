// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: instruction decoder. Classifies a 32-bit (possibly expanded) instruction and
// produces the ALU operation, immediate and operand selects; flags encodings the core lacks.
module pagoda_decoder (
  input  logic [31:0] instr_i,
  output logic        illegal_o,
  output logic        writes_rd_o,
  output pagoda_core_pkg::alu_op_e   alu_op_o,
  output logic        use_imm_o,
  output logic [63:0] imm_o,
  output logic        is_load_o,
  output logic        is_store_o,
  output logic        is_amo_o,     // AMO read-modify-write
  output logic        is_lr_o,
  output logic        is_sc_o,
  output logic        is_branch_o,
  output logic        is_jal_o,
  output logic        is_jalr_o,
  output logic        is_mul_o,
  output logic        is_div_o,
  output logic        is_csr_o,
  output logic        is_ecall_o,
  output logic        is_ebreak_o,
  output logic        is_mret_o,
  output logic        is_sret_o,
  output logic        is_wfi_o,
  output logic        is_sfence_o,
  output logic        is_fencei_o
);
  // Package constants used here (Yosys 0.23 has no package import).
  localparam logic [6:0] OPC_AMO      = pagoda_core_pkg::OPC_AMO;
  localparam logic [6:0] OPC_AUIPC    = pagoda_core_pkg::OPC_AUIPC;
  localparam logic [6:0] OPC_BRANCH   = pagoda_core_pkg::OPC_BRANCH;
  localparam logic [6:0] OPC_JAL      = pagoda_core_pkg::OPC_JAL;
  localparam logic [6:0] OPC_JALR     = pagoda_core_pkg::OPC_JALR;
  localparam logic [6:0] OPC_LOAD     = pagoda_core_pkg::OPC_LOAD;
  localparam logic [6:0] OPC_LUI      = pagoda_core_pkg::OPC_LUI;
  localparam logic [6:0] OPC_MISC_MEM = pagoda_core_pkg::OPC_MISC_MEM;
  localparam logic [6:0] OPC_OP       = pagoda_core_pkg::OPC_OP;
  localparam logic [6:0] OPC_OP32     = pagoda_core_pkg::OPC_OP32;
  localparam logic [6:0] OPC_OP_IMM   = pagoda_core_pkg::OPC_OP_IMM;
  localparam logic [6:0] OPC_OP_IMM32 = pagoda_core_pkg::OPC_OP_IMM32;
  localparam logic [6:0] OPC_STORE    = pagoda_core_pkg::OPC_STORE;
  localparam logic [6:0] OPC_SYSTEM   = pagoda_core_pkg::OPC_SYSTEM;

  logic [6:0] opcode, f7;
  logic [2:0] f3;
  logic [4:0] rd, rs2;
  assign opcode = instr_i[6:0];
  assign f3     = instr_i[14:12];
  assign f7     = instr_i[31:25];
  assign rd     = instr_i[11:7];
  assign rs2    = instr_i[24:20];

  logic [63:0] imm_i, imm_s, imm_b, imm_u, imm_j;
  assign imm_i = {{52{instr_i[31]}}, instr_i[31:20]};
  assign imm_s = {{52{instr_i[31]}}, instr_i[31:25], instr_i[11:7]};
  assign imm_b = {{51{instr_i[31]}}, instr_i[31], instr_i[7], instr_i[30:25], instr_i[11:8], 1'b0};
  assign imm_u = {{32{instr_i[31]}}, instr_i[31:12], 12'd0};
  assign imm_j = {{43{instr_i[31]}}, instr_i[31], instr_i[19:12], instr_i[20], instr_i[30:21],
                  1'b0};

  always_comb begin
    illegal_o   = 1'b0;
    writes_rd_o = 1'b0;
    alu_op_o    = pagoda_core_pkg::ALU_ADD;
    use_imm_o   = 1'b1;
    imm_o       = imm_i;
    is_load_o   = 1'b0;
    is_store_o  = 1'b0;
    is_amo_o    = 1'b0;
    is_lr_o     = 1'b0;
    is_sc_o     = 1'b0;
    is_branch_o = 1'b0;
    is_jal_o    = 1'b0;
    is_jalr_o   = 1'b0;
    is_mul_o    = 1'b0;
    is_div_o    = 1'b0;
    is_csr_o    = 1'b0;
    is_ecall_o  = 1'b0;
    is_ebreak_o = 1'b0;
    is_mret_o   = 1'b0;
    is_sret_o   = 1'b0;
    is_wfi_o    = 1'b0;
    is_sfence_o = 1'b0;
    is_fencei_o = 1'b0;

    unique case (opcode)
      OPC_LUI: begin
        writes_rd_o = 1'b1;
        alu_op_o    = pagoda_core_pkg::ALU_LUI;
        imm_o       = imm_u;
      end
      OPC_AUIPC: begin
        writes_rd_o = 1'b1;
        alu_op_o    = pagoda_core_pkg::ALU_AUIPC;
        imm_o       = imm_u;
      end
      OPC_JAL: begin
        writes_rd_o = 1'b1;
        alu_op_o    = pagoda_core_pkg::ALU_LINK;
        is_jal_o    = 1'b1;
        imm_o       = imm_j;
      end
      OPC_JALR: begin
        writes_rd_o = 1'b1;
        alu_op_o    = pagoda_core_pkg::ALU_LINK;
        is_jalr_o   = 1'b1;
        illegal_o   = (f3 != 3'd0);
      end
      OPC_BRANCH: begin
        is_branch_o = 1'b1;
        imm_o       = imm_b;
        use_imm_o   = 1'b0;
        illegal_o   = (f3 == 3'd2) || (f3 == 3'd3);
      end
      OPC_LOAD: begin
        writes_rd_o = 1'b1;
        is_load_o   = 1'b1;
        illegal_o   = (f3 == 3'd7);
      end
      OPC_STORE: begin
        is_store_o = 1'b1;
        imm_o      = imm_s;
        illegal_o  = f3[2];
      end
      OPC_OP_IMM: begin
        writes_rd_o = 1'b1;
        unique case (f3)
          3'd0: alu_op_o = pagoda_core_pkg::ALU_ADD;
          3'd1: begin
            alu_op_o  = pagoda_core_pkg::ALU_SLL;
            illegal_o = (instr_i[31:26] != 6'd0);
          end
          3'd2: alu_op_o = pagoda_core_pkg::ALU_SLT;
          3'd3: alu_op_o = pagoda_core_pkg::ALU_SLTU;
          3'd4: alu_op_o = pagoda_core_pkg::ALU_XOR;
          3'd5: begin
            alu_op_o  = instr_i[30] ? pagoda_core_pkg::ALU_SRA : pagoda_core_pkg::ALU_SRL;
            illegal_o = (instr_i[31] || instr_i[29:26] != 4'd0);
          end
          3'd6: alu_op_o = pagoda_core_pkg::ALU_OR;
          default: alu_op_o = pagoda_core_pkg::ALU_AND;
        endcase
      end
      OPC_OP_IMM32: begin
        writes_rd_o = 1'b1;
        unique case (f3)
          3'd0: alu_op_o = pagoda_core_pkg::ALU_ADDW;
          3'd1: begin
            alu_op_o  = pagoda_core_pkg::ALU_SLLW;
            illegal_o = (f7 != 7'd0);
          end
          3'd5: begin
            alu_op_o  = instr_i[30] ? pagoda_core_pkg::ALU_SRAW : pagoda_core_pkg::ALU_SRLW;
            illegal_o = (f7 != 7'd0) && (f7 != 7'b0100000);
          end
          default: illegal_o = 1'b1;
        endcase
      end
      OPC_OP: begin
        writes_rd_o = 1'b1;
        use_imm_o   = 1'b0;
        if (f7 == 7'd1) begin
          is_mul_o = !f3[2];
          is_div_o = f3[2];
        end else if (f7 == 7'd0) begin
          unique case (f3)
            3'd0: alu_op_o = pagoda_core_pkg::ALU_ADD;
            3'd1: alu_op_o = pagoda_core_pkg::ALU_SLL;
            3'd2: alu_op_o = pagoda_core_pkg::ALU_SLT;
            3'd3: alu_op_o = pagoda_core_pkg::ALU_SLTU;
            3'd4: alu_op_o = pagoda_core_pkg::ALU_XOR;
            3'd5: alu_op_o = pagoda_core_pkg::ALU_SRL;
            3'd6: alu_op_o = pagoda_core_pkg::ALU_OR;
            default: alu_op_o = pagoda_core_pkg::ALU_AND;
          endcase
        end else if (f7 == 7'b0100000 && f3 == 3'd0) begin
          alu_op_o = pagoda_core_pkg::ALU_SUB;
        end else if (f7 == 7'b0100000 && f3 == 3'd5) begin
          alu_op_o = pagoda_core_pkg::ALU_SRA;
        end else begin
          illegal_o = 1'b1;
        end
      end
      OPC_OP32: begin
        writes_rd_o = 1'b1;
        use_imm_o   = 1'b0;
        if (f7 == 7'd1) begin
          is_mul_o  = (f3 == 3'd0);
          is_div_o  = f3[2];
          illegal_o = (f3 != 3'd0) && !f3[2];
        end else if (f7 == 7'd0) begin
          unique case (f3)
            3'd0: alu_op_o = pagoda_core_pkg::ALU_ADDW;
            3'd1: alu_op_o = pagoda_core_pkg::ALU_SLLW;
            3'd5: alu_op_o = pagoda_core_pkg::ALU_SRLW;
            default: illegal_o = 1'b1;
          endcase
        end else if (f7 == 7'b0100000 && f3 == 3'd0) begin
          alu_op_o = pagoda_core_pkg::ALU_SUBW;
        end else if (f7 == 7'b0100000 && f3 == 3'd5) begin
          alu_op_o = pagoda_core_pkg::ALU_SRAW;
        end else begin
          illegal_o = 1'b1;
        end
      end
      OPC_AMO: begin
        writes_rd_o = 1'b1;
        imm_o       = 64'd0;
        illegal_o   = (f3 != 3'd2) && (f3 != 3'd3);
        unique case (instr_i[31:27])
          5'b00010: begin
            is_lr_o = 1'b1;
            if (rs2 != 5'd0) illegal_o = 1'b1;
          end
          5'b00011: is_sc_o = 1'b1;
          5'b00001, 5'b00000, 5'b00100, 5'b01100, 5'b01000,
          5'b10000, 5'b10100, 5'b11000, 5'b11100: is_amo_o = 1'b1;
          default: illegal_o = 1'b1;
        endcase
      end
      OPC_MISC_MEM: begin
        is_fencei_o = (f3 == 3'd1);
        illegal_o   = (f3 != 3'd0) && (f3 != 3'd1);
      end
      OPC_SYSTEM: begin
        if (f3 == 3'd0) begin
          if (instr_i == 32'h0000_0073)      is_ecall_o  = 1'b1;
          else if (instr_i == 32'h0010_0073) is_ebreak_o = 1'b1;
          else if (instr_i == 32'h3020_0073) is_mret_o   = 1'b1;
          else if (instr_i == 32'h1020_0073) is_sret_o   = 1'b1;
          else if (instr_i == 32'h1050_0073) is_wfi_o    = 1'b1;
          else if (f7 == 7'b0001001 && rd == 5'd0) is_sfence_o = 1'b1;
          else illegal_o = 1'b1;
        end else if (f3 == 3'd4) begin
          illegal_o = 1'b1;
        end else begin
          is_csr_o    = 1'b1;
          writes_rd_o = 1'b1;
        end
      end
      default: illegal_o = 1'b1;
    endcase
    if (instr_i[1:0] != 2'b11) illegal_o = 1'b1;
  end

endmodule
