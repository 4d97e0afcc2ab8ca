// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: instruction decoder. Turns a 32-bit (possibly expanded) instruction into a typed
// operation (pagoda_core_pkg::dec_op_t: class, ALU/branch/multiply/AMO/CSR operation, access size,
// register indices, immediate) and flags the encodings the core lacks. Nothing after the decoder
// reads instruction bits.
module pagoda_decoder (
  input  logic [31:0]              instr_i,
  output pagoda_core_pkg::dec_op_t dec_o
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

  // The instruction's class and ALU operation, with its legality
  pagoda_core_pkg::op_class_e op;
  pagoda_core_pkg::alu_op_e   alu_op;
  logic                       illegal, writes_rd, use_imm;
  logic [63:0]                imm;

  always_comb begin
    illegal   = 1'b0;
    writes_rd = 1'b0;
    alu_op    = pagoda_core_pkg::ALU_ADD;
    use_imm   = 1'b1;
    imm       = imm_i;
    op        = pagoda_core_pkg::OP_NONE;

    unique case (opcode)
      OPC_LUI: begin
        writes_rd = 1'b1;
        alu_op    = pagoda_core_pkg::ALU_LUI;
        imm       = imm_u;
      end
      OPC_AUIPC: begin
        writes_rd = 1'b1;
        alu_op    = pagoda_core_pkg::ALU_AUIPC;
        imm       = imm_u;
      end
      OPC_JAL: begin
        writes_rd = 1'b1;
        alu_op    = pagoda_core_pkg::ALU_LINK;
        op        = pagoda_core_pkg::OP_JAL;
        imm       = imm_j;
      end
      OPC_JALR: begin
        writes_rd = 1'b1;
        alu_op    = pagoda_core_pkg::ALU_LINK;
        op        = pagoda_core_pkg::OP_JALR;
        illegal   = (f3 != 3'd0);
      end
      OPC_BRANCH: begin
        op        = pagoda_core_pkg::OP_BRANCH;
        imm       = imm_b;
        use_imm   = 1'b0;
        alu_op    = pagoda_core_pkg::ALU_SUB;   // the ALU compares rs1 and rs2 with its adder
        illegal   = (f3 == 3'd2) || (f3 == 3'd3);
      end
      OPC_LOAD: begin
        writes_rd = 1'b1;
        op        = pagoda_core_pkg::OP_LOAD;
        illegal   = (f3 == 3'd7);
      end
      OPC_STORE: begin
        op        = pagoda_core_pkg::OP_STORE;
        imm      = imm_s;
        illegal  = f3[2];
      end
      OPC_OP_IMM: begin
        writes_rd = 1'b1;
        unique case (f3)
          3'd0: alu_op = pagoda_core_pkg::ALU_ADD;
          3'd1: begin
            alu_op  = pagoda_core_pkg::ALU_SLL;
            illegal = (instr_i[31:26] != 6'd0);
          end
          3'd2: alu_op = pagoda_core_pkg::ALU_SLT;
          3'd3: alu_op = pagoda_core_pkg::ALU_SLTU;
          3'd4: alu_op = pagoda_core_pkg::ALU_XOR;
          3'd5: begin
            alu_op  = instr_i[30] ? pagoda_core_pkg::ALU_SRA : pagoda_core_pkg::ALU_SRL;
            illegal = (instr_i[31] || instr_i[29:26] != 4'd0);
          end
          3'd6: alu_op = pagoda_core_pkg::ALU_OR;
          default: alu_op = pagoda_core_pkg::ALU_AND;
        endcase
      end
      OPC_OP_IMM32: begin
        writes_rd = 1'b1;
        unique case (f3)
          3'd0: alu_op = pagoda_core_pkg::ALU_ADDW;
          3'd1: begin
            alu_op  = pagoda_core_pkg::ALU_SLLW;
            illegal = (f7 != 7'd0);
          end
          3'd5: begin
            alu_op  = instr_i[30] ? pagoda_core_pkg::ALU_SRAW : pagoda_core_pkg::ALU_SRLW;
            illegal = (f7 != 7'd0) && (f7 != 7'b0100000);
          end
          default: illegal = 1'b1;
        endcase
      end
      OPC_OP: begin
        writes_rd = 1'b1;
        use_imm   = 1'b0;
        if (f7 == 7'd1) begin
          op = f3[2] ? pagoda_core_pkg::OP_DIV : pagoda_core_pkg::OP_MUL;
        end else if (f7 == 7'd0) begin
          unique case (f3)
            3'd0: alu_op = pagoda_core_pkg::ALU_ADD;
            3'd1: alu_op = pagoda_core_pkg::ALU_SLL;
            3'd2: alu_op = pagoda_core_pkg::ALU_SLT;
            3'd3: alu_op = pagoda_core_pkg::ALU_SLTU;
            3'd4: alu_op = pagoda_core_pkg::ALU_XOR;
            3'd5: alu_op = pagoda_core_pkg::ALU_SRL;
            3'd6: alu_op = pagoda_core_pkg::ALU_OR;
            default: alu_op = pagoda_core_pkg::ALU_AND;
          endcase
        end else if (f7 == 7'b0100000 && f3 == 3'd0) begin
          alu_op = pagoda_core_pkg::ALU_SUB;
        end else if (f7 == 7'b0100000 && f3 == 3'd5) begin
          alu_op = pagoda_core_pkg::ALU_SRA;
        end else begin
          illegal = 1'b1;
        end
      end
      OPC_OP32: begin
        writes_rd = 1'b1;
        use_imm   = 1'b0;
        if (f7 == 7'd1) begin
          if (f3 == 3'd0)  op = pagoda_core_pkg::OP_MUL;
          else if (f3[2])  op = pagoda_core_pkg::OP_DIV;
          illegal = (f3 != 3'd0) && !f3[2];
        end else if (f7 == 7'd0) begin
          unique case (f3)
            3'd0: alu_op = pagoda_core_pkg::ALU_ADDW;
            3'd1: alu_op = pagoda_core_pkg::ALU_SLLW;
            3'd5: alu_op = pagoda_core_pkg::ALU_SRLW;
            default: illegal = 1'b1;
          endcase
        end else if (f7 == 7'b0100000 && f3 == 3'd0) begin
          alu_op = pagoda_core_pkg::ALU_SUBW;
        end else if (f7 == 7'b0100000 && f3 == 3'd5) begin
          alu_op = pagoda_core_pkg::ALU_SRAW;
        end else begin
          illegal = 1'b1;
        end
      end
      OPC_AMO: begin
        writes_rd = 1'b1;
        imm       = 64'd0;
        illegal   = (f3 != 3'd2) && (f3 != 3'd3);
        unique case (instr_i[31:27])
          5'b00010: begin
            op = pagoda_core_pkg::OP_LR;
            if (rs2 != 5'd0) illegal = 1'b1;
          end
          5'b00011: op = pagoda_core_pkg::OP_SC;
          5'b00001, 5'b00000, 5'b00100, 5'b01100, 5'b01000,
          5'b10000, 5'b10100, 5'b11000, 5'b11100: op = pagoda_core_pkg::OP_AMO;
          default: illegal = 1'b1;
        endcase
      end
      OPC_MISC_MEM: begin
        unique case (f3)
          3'd0: ;
          3'd1: op = pagoda_core_pkg::OP_FENCEI;
          3'd2: begin
            op      = pagoda_core_pkg::OP_CBO;
            imm     = 64'd0;   // the effective address is rs1; imm[11:0] names the operation
            illegal = (rd != 5'd0) || (instr_i[31:23] != 9'd0) || (instr_i[22:20] == 3'd3) ||
                      (instr_i[22:20] > 3'd4);
          end
          default: illegal = 1'b1;
        endcase
      end
      OPC_SYSTEM: begin
        if (f3 == 3'd0) begin
          if (instr_i == 32'h0000_0073)      op = pagoda_core_pkg::OP_ECALL;
          else if (instr_i == 32'h0010_0073) op = pagoda_core_pkg::OP_EBREAK;
          else if (instr_i == 32'h3020_0073) op = pagoda_core_pkg::OP_MRET;
          else if (instr_i == 32'h1020_0073) op = pagoda_core_pkg::OP_SRET;
          else if (instr_i == 32'h1050_0073) op = pagoda_core_pkg::OP_WFI;
          else if (f7 == 7'b0001001 && rd == 5'd0) op = pagoda_core_pkg::OP_SFENCE;
          else illegal = 1'b1;
        end else if (f3 == 3'd4) begin
          illegal = 1'b1;
        end else begin
          op        = pagoda_core_pkg::OP_CSR;
          writes_rd = 1'b1;
        end
      end
      default: illegal = 1'b1;
    endcase
    if (instr_i[1:0] != 2'b11) illegal = 1'b1;
  end

  // Operation fields, decoded from funct3/funct5 whatever the class (the class says which one
  // counts); their encodings are the instruction's, so most of this is wiring.
  pagoda_core_pkg::br_op_e    br_op;
  pagoda_core_pkg::md_op_e    md_op;
  pagoda_core_pkg::mem_size_e mem_size;
  pagoda_core_pkg::amo_op_e   amo_op;
  pagoda_core_pkg::csr_op_e   csr_op;
  pagoda_core_pkg::cbo_op_e   cbo_op;

  always_comb begin
    unique case (f3)
      3'd0:    br_op = pagoda_core_pkg::BR_EQ;
      3'd1:    br_op = pagoda_core_pkg::BR_NE;
      3'd4:    br_op = pagoda_core_pkg::BR_LT;
      3'd5:    br_op = pagoda_core_pkg::BR_GE;
      3'd6:    br_op = pagoda_core_pkg::BR_LTU;
      default: br_op = pagoda_core_pkg::BR_GEU;   // 2, 3 are illegal
    endcase
    unique case (f3)
      3'd0:    md_op = pagoda_core_pkg::MD_MUL;
      3'd1:    md_op = pagoda_core_pkg::MD_MULH;
      3'd2:    md_op = pagoda_core_pkg::MD_MULHSU;
      3'd3:    md_op = pagoda_core_pkg::MD_MULHU;
      3'd4:    md_op = pagoda_core_pkg::MD_DIV;
      3'd5:    md_op = pagoda_core_pkg::MD_DIVU;
      3'd6:    md_op = pagoda_core_pkg::MD_REM;
      default: md_op = pagoda_core_pkg::MD_REMU;
    endcase
    unique case (f3[1:0])
      2'd0:    mem_size = pagoda_core_pkg::MEM_B;
      2'd1:    mem_size = pagoda_core_pkg::MEM_H;
      2'd2:    mem_size = pagoda_core_pkg::MEM_W;
      default: mem_size = pagoda_core_pkg::MEM_D;
    endcase
    unique case (f3[1:0])
      2'd1:    csr_op = pagoda_core_pkg::CSR_OP_RW;
      2'd2:    csr_op = pagoda_core_pkg::CSR_OP_RS;
      2'd3:    csr_op = pagoda_core_pkg::CSR_OP_RC;
      default: csr_op = pagoda_core_pkg::CSR_OP_NONE;
    endcase
    unique case (instr_i[31:27])
      5'b00000: amo_op = pagoda_core_pkg::AMO_ADD;
      5'b00001: amo_op = pagoda_core_pkg::AMO_SWAP;
      5'b00100: amo_op = pagoda_core_pkg::AMO_XOR;
      5'b01000: amo_op = pagoda_core_pkg::AMO_OR;
      5'b01100: amo_op = pagoda_core_pkg::AMO_AND;
      5'b10000: amo_op = pagoda_core_pkg::AMO_MIN;
      5'b10100: amo_op = pagoda_core_pkg::AMO_MAX;
      5'b11000: amo_op = pagoda_core_pkg::AMO_MINU;
      default:  amo_op = pagoda_core_pkg::AMO_MAXU;   // others are not AMOs
    endcase
    unique case (instr_i[22:20])
      3'd1:    cbo_op = pagoda_core_pkg::CBO_CLEAN;
      3'd2:    cbo_op = pagoda_core_pkg::CBO_FLUSH;
      3'd4:    cbo_op = pagoda_core_pkg::CBO_ZERO;
      default: cbo_op = pagoda_core_pkg::CBO_INVAL;   // 0 (3, 5-7 are illegal)
    endcase
  end

  always_comb begin
    dec_o           = '0;
    dec_o.op        = op;
    dec_o.illegal   = illegal;
    dec_o.we        = writes_rd;
    dec_o.rd        = rd;
    dec_o.rs1       = instr_i[19:15];
    dec_o.rs2       = rs2;
    dec_o.imm       = imm;
    dec_o.alu_op    = alu_op;
    dec_o.use_imm   = use_imm;
    dec_o.br_op     = br_op;
    dec_o.md_op     = md_op;
    dec_o.word      = (opcode == OPC_OP32);
    dec_o.mem_size  = mem_size;
    dec_o.mem_uns   = f3[2];
    dec_o.amo_op    = amo_op;
    dec_o.csr_op    = csr_op;
    dec_o.csr_imm   = f3[2];
    dec_o.csr_write = (f3[1:0] == 2'd1) || (instr_i[19:15] != 5'd0);
    dec_o.csr_addr  = instr_i[31:20];
    dec_o.cbo_op    = cbo_op;
  end

endmodule
