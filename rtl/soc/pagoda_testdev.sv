// SPDX-License-Identifier: BSD-2-Clause
// sifive,test1-compatible finisher at 0x10_0000, as on QEMU virt. A 32-bit write at offset 0:
//   0x5555            pass: done_o = 1, fail_o = 0
//   0x3333 | code<<16 fail: done_o = 1, fail_o = 1, code_o = code
//   0x7777            reset: reset_o pulses for one cycle (the harness reboots the SoC)
// done/fail/code stay latched until reset. Reads return 0. The simulator ends the run on done_o.
`include "pagoda_assert.svh"
module pagoda_testdev (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_i,
  output logic        gnt_o,
  input  logic [31:0] addr_i,
  input  logic        we_i,
  input  logic [7:0]  be_i,
  input  logic [63:0] wdata_i,
  output logic        rvalid_o,
  output logic [63:0] rdata_o,
  output logic        err_o,
  output logic        done_o,
  output logic        fail_o,
  output logic [15:0] code_o,
  output logic        reset_o
);

  logic        rvalid_q;
  logic        done_q, done_d, fail_q, fail_d, reset_q, reset_d;
  logic [15:0] code_q, code_d;
  logic        wr;
  pagoda_pkg::testdev_finisher_t fin;  // the write's fields (rtl/regs/testdev.rdl)

  assign gnt_o = 1'b1;
  // the finisher register is the low 32 bits of the lane at offset 0
  assign fin = wdata_i[31:0];
  assign wr  = req_i && we_i && (addr_i[11:3] == 9'd0) && (be_i[1:0] == 2'b11);

  always_comb begin
    done_d  = done_q;
    fail_d  = fail_q;
    code_d  = code_q;
    reset_d = 1'b0;
    if (wr && !done_q) begin
      unique case (fin.status)
        pagoda_pkg::TESTDEV_STATUS_PASS: begin
          done_d = 1'b1;
        end
        pagoda_pkg::TESTDEV_STATUS_FAIL: begin
          done_d = 1'b1;
          fail_d = 1'b1;
          code_d = (be_i[3:2] == 2'b11) ? fin.code : 16'h0;
        end
        pagoda_pkg::TESTDEV_STATUS_RESET: reset_d = 1'b1;
        default: ;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rvalid_q <= 1'b0;
      done_q   <= 1'b0;
      fail_q   <= 1'b0;
      code_q   <= 16'h0;
      reset_q  <= 1'b0;
    end else begin
      rvalid_q <= req_i;
      done_q   <= done_d;
      fail_q   <= fail_d;
      code_q   <= code_d;
      reset_q  <= reset_d;
    end
  end

  assign rvalid_o = rvalid_q;
  assign rdata_o  = 64'h0;
  assign err_o    = 1'b0;
  assign done_o   = done_q;
  assign fail_o   = fail_q;
  assign code_o   = code_q;
  assign reset_o  = reset_q;

  logic unused;
  assign unused = ^{addr_i[31:12], addr_i[2:0], be_i[7:4], wdata_i[63:32]};

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS slave that grants at once and answers the next cycle: one response per request
  `ASSERT_NEXT(TestdevRespNoReq, !(req_i && gnt_o), !rvalid_o)
  `ASSERT_NEXT(TestdevRespOnce, req_i && gnt_o, rvalid_o)

endmodule
