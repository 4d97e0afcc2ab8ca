// SPDX-License-Identifier: BSD-2-Clause
// pgaccel shared constants: register offsets, command and completion layouts, error codes.
// The same numbers are in firmware/drivers/pgaccel_regs.h and docs/pgaccel.md; keep the three
// equal.
package pgaccel_pkg;

  // Identification (ID register): "PGAC" in the low word, version 1.1 in the high word (1.1 added
  // the DMA window registers).
  localparam logic [63:0] PGACCEL_ID = 64'h0000_0101_5047_4143;

  // Register offsets inside the 4 KiB window (byte offsets, 64-bit registers, 8-byte aligned).
  localparam logic [11:0] REG_ID        = 12'h000;
  localparam logic [11:0] REG_CAPS      = 12'h008;
  localparam logic [11:0] REG_RAM_BASE  = 12'h010;
  localparam logic [11:0] REG_RAM_SIZE  = 12'h018;
  localparam logic [11:0] REG_IRQ_EN    = 12'h020;
  localparam logic [11:0] REG_STATUS    = 12'h028;
  localparam logic [11:0] REG_CMD_ADDR  = 12'h040;
  localparam logic [11:0] REG_CMD_LEN   = 12'h048;
  localparam logic [11:0] REG_CMD_ARG   = 12'h050;
  localparam logic [11:0] REG_CMD_POST  = 12'h058;
  localparam logic [11:0] REG_COMP      = 12'h060;
  localparam logic [11:0] REG_CNT_BUSY  = 12'h080;
  localparam logic [11:0] REG_CNT_BYTES = 12'h088;
  localparam logic [11:0] REG_CNT_WORDS = 12'h090;
  localparam logic [11:0] REG_CNT_OPS   = 12'h098;
  // DMA window (docs/pgaccel.md "DMA window"): writable until WIN_CTRL.LOCK, while the engine is
  // idle with nothing queued.
  localparam logic [11:0] REG_WIN_BASE  = 12'h0a0;
  localparam logic [11:0] REG_WIN_END   = 12'h0a8;
  localparam logic [11:0] REG_WIN_CTRL  = 12'h0b0;

  // Opcodes (CMD_POST[3:0]); any other value completes with ERR_OP.
  localparam logic [3:0] OP_ZERO = 4'd1;
  localparam logic [3:0] OP_FILL = 4'd2;
  localparam logic [3:0] OP_SCAN = 4'd3;

  // CMD_POST fields.
  localparam int unsigned POST_OP_LSB    = 0;   // [3:0]
  localparam int unsigned POST_ALIGN_LSB = 8;   // [12:8]  SCAN: candidates aligned to 2^k bits
  localparam int unsigned POST_POL_BIT   = 16;  // SCAN: 1 = free bits are 1, 0 = free bits are 0
  localparam int unsigned POST_TAG_LSB   = 24;  // [31:24] returned in the completion

  // Completion error codes (COMP[43:40]).
  localparam logic [3:0] ERR_NONE     = 4'd0;
  localparam logic [3:0] ERR_OP       = 4'd1;  // unknown opcode
  localparam logic [3:0] ERR_LEN      = 4'd2;  // zero length (ZERO/FILL) or zero nr (SCAN)
  localparam logic [3:0] ERR_ALIGN    = 4'd3;  // address or length not a multiple of 8
  localparam logic [3:0] ERR_OVERFLOW = 4'd4;  // addr + len wraps 2^32, or a length above 32 bits
  localparam logic [3:0] ERR_BITMAP   = 4'd5;  // SCAN start bit past the end bit
  localparam logic [3:0] ERR_RANGE    = 4'd6;  // target range or bitmap words not inside RAM
  localparam logic [3:0] ERR_BUS      = 4'd7;  // bus error response; result = failing address
  localparam logic [3:0] ERR_WINDOW   = 4'd8;  // inside RAM but not inside the DMA window

  // Command queue entry, a flat vector (Yosys 0.23 has no structs in ports).
  localparam int unsigned CMD_W        = 148;
  localparam int unsigned CMD_OP_LSB   = 0;    // [3:0]
  localparam int unsigned CMD_K_LSB    = 4;    // [8:4]
  localparam int unsigned CMD_POL_BIT  = 9;
  localparam int unsigned CMD_TAG_LSB  = 10;   // [17:10]
  localparam int unsigned CMD_ADDR_LSB = 18;   // [49:18]
  localparam int unsigned CMD_AHI_BIT  = 50;   // CMD_ADDR[63:32] != 0
  localparam int unsigned CMD_LEN_LSB  = 51;   // [82:51]
  localparam int unsigned CMD_LHI_BIT  = 83;   // CMD_LEN[63:32] != 0
  localparam int unsigned CMD_ARG_LSB  = 84;   // [147:84]

  // Completion queue entry and the COMP register.
  localparam int unsigned COMP_W        = 45;
  localparam int unsigned COMP_RES_LSB  = 0;   // [31:0] result
  localparam int unsigned COMP_FOUND    = 32;
  localparam int unsigned COMP_ERR_LSB  = 33;  // [36:33]
  localparam int unsigned COMP_TAG_LSB  = 37;  // [44:37]

  // Position of the fields in the 64-bit COMP register.
  localparam int unsigned CREG_FOUND   = 32;
  localparam int unsigned CREG_ERR_LSB = 40;
  localparam int unsigned CREG_TAG_LSB = 48;
  localparam int unsigned CREG_VALID   = 63;

  // STATUS bits.
  localparam int unsigned ST_BUSY     = 0;
  localparam int unsigned ST_FULL     = 1;
  localparam int unsigned ST_DONE     = 2;
  localparam int unsigned ST_REJECTED = 3;
  localparam int unsigned ST_FREE_LSB = 8;   // [11:8] free slots
  localparam int unsigned ST_COMP_LSB = 16;  // [19:16] completions waiting
  localparam int unsigned ST_CMDQ_LSB = 24;  // [27:24] commands queued (the running one included)

  // WIN_CTRL bits.
  localparam int unsigned WC_LOCK = 0;

  // IRQ_EN bits.
  localparam int unsigned IE_DONE     = 0;
  localparam int unsigned IE_REJECTED = 1;

  // Simulation speed: Verilator evaluates every combinational statement in every cycle, so the
  // engine's search and check logic, idle in most cycles, runs under an evaluation enable in
  // simulation (SIM_GATE = 1). The enables only hold values where nothing reads them; synthesis and
  // the formal checks see SIM_GATE = 0, i.e. the plain logic (no LUTs are spent on the enables).
  // `make test` proves pgaccel built both ways equivalent (suite rtl-equiv: tests/equiv/run.sh).
`ifdef VERILATOR
  localparam bit SIM_GATE = 1'b1;
`else
  localparam bit SIM_GATE = 1'b0;
`endif

  // Engine states.
  typedef enum logic [2:0] {
    EngIdle,
    EngFill,
    EngScan,
    EngDrain,
    EngDone
  } eng_state_e;

  // Outcome of one SCAN step on the word at the head of the read buffer (a plain vector, not an
  // enum, because it crosses a port).
  localparam logic [1:0] StepFound     = 2'd0;  // the candidate's window is all free
  localparam logic [1:0] StepNext      = 2'd1;  // word finished, candidate unchanged
  localparam logic [1:0] StepMove      = 2'd2;  // move the candidate past a not-free run

endpackage
