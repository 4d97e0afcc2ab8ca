// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: expands a 16-bit RV64C instruction into its 32-bit equivalent (or flags it illegal).
module pagoda_rvc_expand (
  input  logic [15:0] c_i,
  output logic [31:0] instr_o,
  output logic        illegal_o
);
  // Package constants used here (Yosys 0.23 has no package import).
  localparam logic [6:0] OPC_BRANCH   = pagoda_core_pkg::OPC_BRANCH;
  localparam logic [6:0] OPC_JAL      = pagoda_core_pkg::OPC_JAL;
  localparam logic [6:0] OPC_JALR     = pagoda_core_pkg::OPC_JALR;
  localparam logic [6:0] OPC_LOAD     = pagoda_core_pkg::OPC_LOAD;
  localparam logic [6:0] OPC_LUI      = pagoda_core_pkg::OPC_LUI;
  localparam logic [6:0] OPC_OP       = pagoda_core_pkg::OPC_OP;
  localparam logic [6:0] OPC_OP32     = pagoda_core_pkg::OPC_OP32;
  localparam logic [6:0] OPC_OP_IMM   = pagoda_core_pkg::OPC_OP_IMM;
  localparam logic [6:0] OPC_OP_IMM32 = pagoda_core_pkg::OPC_OP_IMM32;
  localparam logic [6:0] OPC_STORE    = pagoda_core_pkg::OPC_STORE;

  logic [4:0] rd, rs2, rdp, rs1p, rs2p;
  logic [11:0] imm6;
  logic [5:0]  shamt;

  assign rd    = c_i[11:7];
  assign rs2   = c_i[6:2];
  assign rdp   = {2'b01, c_i[4:2]};
  assign rs1p  = {2'b01, c_i[9:7]};
  assign rs2p  = {2'b01, c_i[4:2]};
  assign imm6  = {{7{c_i[12]}}, c_i[6:2]};
  assign shamt = {c_i[12], c_i[6:2]};

  logic [9:0]  addi4spn_imm;
  logic [6:0]  lw_imm;
  logic [7:0]  ld_imm;
  logic [9:0]  addi16sp_imm;
  logic [11:0] j_imm;
  logic [8:0]  b_imm;
  logic [7:0]  lwsp_imm;
  logic [8:0]  ldsp_imm;
  logic [7:0]  swsp_imm;
  logic [8:0]  sdsp_imm;

  assign addi4spn_imm = {c_i[10:7], c_i[12:11], c_i[5], c_i[6], 2'b00};
  assign lw_imm       = {c_i[5], c_i[12:10], c_i[6], 2'b00};
  assign ld_imm       = {c_i[6:5], c_i[12:10], 3'b000};
  assign addi16sp_imm = {c_i[12], c_i[4:3], c_i[5], c_i[2], c_i[6], 4'b0000};
  assign j_imm        = {c_i[12], c_i[8], c_i[10:9], c_i[6], c_i[7], c_i[2], c_i[11], c_i[5:3],
                         1'b0};
  assign b_imm        = {c_i[12], c_i[6:5], c_i[2], c_i[11:10], c_i[4:3], 1'b0};
  assign lwsp_imm     = {c_i[3:2], c_i[12], c_i[6:4], 2'b00};
  assign ldsp_imm     = {c_i[4:2], c_i[12], c_i[6:5], 3'b000};
  assign swsp_imm     = {c_i[8:7], c_i[12:9], 2'b00};
  assign sdsp_imm     = {c_i[9:7], c_i[12:10], 3'b000};

  logic [20:0] jimm;
  logic [12:0] bimm;
  assign jimm = {{9{j_imm[11]}}, j_imm};
  assign bimm = {{4{b_imm[8]}}, b_imm};

  logic unused;
  assign unused = jimm[0] ^ bimm[0];

  always_comb begin
    instr_o   = 32'h0000_0000;
    illegal_o = 1'b0;
    unique case (c_i[1:0])
      2'b00: begin
        unique case (c_i[15:13])
          3'b000: begin  // c.addi4spn
            instr_o   = {2'b00, addi4spn_imm, 5'd2, 3'b000, rdp, OPC_OP_IMM};
            illegal_o = (addi4spn_imm == 10'd0);
          end
          3'b010: instr_o = {5'd0, lw_imm, rs1p, 3'b010, rdp, OPC_LOAD};     // c.lw
          3'b011: instr_o = {4'd0, ld_imm, rs1p, 3'b011, rdp, OPC_LOAD};     // c.ld
          3'b110: instr_o = {5'd0, lw_imm[6:5], rs2p, rs1p, 3'b010, lw_imm[4:0], OPC_STORE};
          3'b111: instr_o = {4'd0, ld_imm[7:5], rs2p, rs1p, 3'b011, ld_imm[4:0], OPC_STORE};
          default: illegal_o = 1'b1;  // c.fld/c.fsd (no D), reserved
        endcase
      end
      2'b01: begin
        unique case (c_i[15:13])
          3'b000: instr_o = {imm6, rd, 3'b000, rd, OPC_OP_IMM};               // c.addi / c.nop
          3'b001: begin                                                      // c.addiw
            instr_o   = {imm6, rd, 3'b000, rd, OPC_OP_IMM32};
            illegal_o = (rd == 5'd0);
          end
          3'b010: instr_o = {imm6, 5'd0, 3'b000, rd, OPC_OP_IMM};             // c.li
          3'b011: begin
            if (rd == 5'd2) begin                                            // c.addi16sp
              instr_o   = {{2{addi16sp_imm[9]}}, addi16sp_imm, 5'd2, 3'b000, 5'd2, OPC_OP_IMM};
              illegal_o = (addi16sp_imm == 10'd0);
            end else begin                                                   // c.lui
              instr_o   = {{15{c_i[12]}}, c_i[6:2], rd, OPC_LUI};
              illegal_o = (shamt == 6'd0);
            end
          end
          3'b100: begin
            unique case (c_i[11:10])
              2'b00: instr_o = {6'b000000, shamt, rs1p, 3'b101, rs1p, OPC_OP_IMM};  // c.srli
              2'b01: instr_o = {6'b010000, shamt, rs1p, 3'b101, rs1p, OPC_OP_IMM};  // c.srai
              2'b10: instr_o = {imm6, rs1p, 3'b111, rs1p, OPC_OP_IMM};              // c.andi
              default: begin
                unique case ({c_i[12], c_i[6:5]})
                  3'b000: instr_o = {7'b0100000, rs2p, rs1p, 3'b000, rs1p, OPC_OP};   // c.sub
                  3'b001: instr_o = {7'b0000000, rs2p, rs1p, 3'b100, rs1p, OPC_OP};   // c.xor
                  3'b010: instr_o = {7'b0000000, rs2p, rs1p, 3'b110, rs1p, OPC_OP};   // c.or
                  3'b011: instr_o = {7'b0000000, rs2p, rs1p, 3'b111, rs1p, OPC_OP};   // c.and
                  3'b100: instr_o = {7'b0100000, rs2p, rs1p, 3'b000, rs1p, OPC_OP32}; // c.subw
                  3'b101: instr_o = {7'b0000000, rs2p, rs1p, 3'b000, rs1p, OPC_OP32}; // c.addw
                  default: illegal_o = 1'b1;
                endcase
              end
            endcase
          end
          3'b101: instr_o = {jimm[20], jimm[10:1], jimm[11], jimm[19:12], 5'd0, OPC_JAL}; // c.j
          3'b110: instr_o = {bimm[12], bimm[10:5], 5'd0, rs1p, 3'b000, bimm[4:1], bimm[11],
                             OPC_BRANCH};                                               // c.beqz
          default: instr_o = {bimm[12], bimm[10:5], 5'd0, rs1p, 3'b001, bimm[4:1], bimm[11],
                              OPC_BRANCH};                                              // c.bnez
        endcase
      end
      2'b10: begin
        unique case (c_i[15:13])
          3'b000: instr_o = {6'b000000, shamt, rd, 3'b001, rd, OPC_OP_IMM};   // c.slli
          3'b010: begin                                                      // c.lwsp
            instr_o   = {4'd0, lwsp_imm, 5'd2, 3'b010, rd, OPC_LOAD};
            illegal_o = (rd == 5'd0);
          end
          3'b011: begin                                                      // c.ldsp
            instr_o   = {3'd0, ldsp_imm, 5'd2, 3'b011, rd, OPC_LOAD};
            illegal_o = (rd == 5'd0);
          end
          3'b100: begin
            if (!c_i[12]) begin
              if (rs2 == 5'd0) begin                                         // c.jr
                instr_o   = {12'd0, rd, 3'b000, 5'd0, OPC_JALR};
                illegal_o = (rd == 5'd0);
              end else begin                                                 // c.mv
                instr_o = {7'd0, rs2, 5'd0, 3'b000, rd, OPC_OP};
              end
            end else begin
              if (rs2 == 5'd0) begin
                if (rd == 5'd0) instr_o = 32'h0010_0073;                     // c.ebreak
                else            instr_o = {12'd0, rd, 3'b000, 5'd1, OPC_JALR}; // c.jalr
              end else begin                                                 // c.add
                instr_o = {7'd0, rs2, rd, 3'b000, rd, OPC_OP};
              end
            end
          end
          3'b110: instr_o = {4'd0, swsp_imm[7:5], rs2, 5'd2, 3'b010, swsp_imm[4:0], OPC_STORE};
          3'b111: instr_o = {3'd0, sdsp_imm[8:5], rs2, 5'd2, 3'b011, sdsp_imm[4:0], OPC_STORE};
          default: illegal_o = 1'b1;  // c.fldsp/c.fsdsp (no D)
        endcase
      end
      default: begin
        instr_o   = 32'h0;
        illegal_o = 1'b1;
      end
    endcase
  end

endmodule
