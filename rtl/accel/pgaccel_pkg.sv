// SPDX-License-Identifier: BSD-2-Clause
// pgaccel shared constants: the register map's names for rtl/accel/ (from rtl/regs/pgaccel.rdl
// through the generated pagoda_regs.svh), and the internal command and completion layouts.
package pgaccel_pkg;

  // The register and memory map, generated from rtl/regs/*.rdl at build time (build/regs/sv).
`include "pagoda_regs.svh"

  // The register map is rtl/regs/pgaccel.rdl (pagoda_regs.svh, generated at build time,
  // also gives the drivers' header and docs/registers.md); these are the names rtl/accel/ uses.
  localparam logic [63:0] PGACCEL_ID = {PGACCEL_ID_VERSION_RESET,
                                        PGACCEL_ID_MAGIC_RESET};

  // Register offsets inside the 4 KiB window (byte offsets, 64-bit registers, 8-byte aligned).
  localparam logic [11:0] REG_ID        = 12'(PGACCEL_ID_OFFSET);
  localparam logic [11:0] REG_CAPS      = 12'(PGACCEL_CAPS_OFFSET);
  localparam logic [11:0] REG_RAM_BASE  = 12'(PGACCEL_RAM_BASE_OFFSET);
  localparam logic [11:0] REG_RAM_SIZE  = 12'(PGACCEL_RAM_SIZE_OFFSET);
  localparam logic [11:0] REG_IRQ_EN    = 12'(PGACCEL_IRQ_EN_OFFSET);
  localparam logic [11:0] REG_STATUS    = 12'(PGACCEL_STATUS_OFFSET);
  localparam logic [11:0] REG_CMD_ADDR  = 12'(PGACCEL_CMD_ADDR_OFFSET);
  localparam logic [11:0] REG_CMD_LEN   = 12'(PGACCEL_CMD_LEN_OFFSET);
  localparam logic [11:0] REG_CMD_ARG   = 12'(PGACCEL_CMD_ARG_OFFSET);
  localparam logic [11:0] REG_CMD_POST  = 12'(PGACCEL_CMD_POST_OFFSET);
  localparam logic [11:0] REG_COMP      = 12'(PGACCEL_COMP_OFFSET);
  localparam logic [11:0] REG_CNT_BUSY  = 12'(PGACCEL_CNT_BUSY_OFFSET);
  localparam logic [11:0] REG_CNT_BYTES = 12'(PGACCEL_CNT_BYTES_OFFSET);
  localparam logic [11:0] REG_CNT_WORDS = 12'(PGACCEL_CNT_WORDS_OFFSET);
  localparam logic [11:0] REG_CNT_OPS   = 12'(PGACCEL_CNT_OPS_OFFSET);
  // DMA window (docs/pgaccel.md "DMA window"): writable until WIN_CTRL.LOCK, while the engine is
  // idle with nothing queued.
  localparam logic [11:0] REG_WIN_BASE  = 12'(PGACCEL_WIN_BASE_OFFSET);
  localparam logic [11:0] REG_WIN_END   = 12'(PGACCEL_WIN_END_OFFSET);
  localparam logic [11:0] REG_WIN_CTRL  = 12'(PGACCEL_WIN_CTRL_OFFSET);

  // Opcodes (CMD_POST.OP); any other value completes with ERR_OP.
  localparam logic [3:0] OP_ZERO = PGACCEL_OP_ZERO;
  localparam logic [3:0] OP_FILL = PGACCEL_OP_FILL;
  localparam logic [3:0] OP_SCAN = PGACCEL_OP_SCAN;

  // CMD_POST fields.
  localparam int unsigned POST_OP_LSB    = PGACCEL_CMD_POST_OP_LSB;
  localparam int unsigned POST_ALIGN_LSB = PGACCEL_CMD_POST_ALIGN_LSB;
  localparam int unsigned POST_POL_BIT   = PGACCEL_CMD_POST_POL_LSB;
  localparam int unsigned POST_TAG_LSB   = PGACCEL_CMD_POST_TAG_LSB;

  // Completion error codes (COMP.ERR).
  localparam logic [3:0] ERR_NONE     = PGACCEL_ERR_NONE;
  localparam logic [3:0] ERR_OP       = PGACCEL_ERR_OP;
  localparam logic [3:0] ERR_LEN      = PGACCEL_ERR_LEN;
  localparam logic [3:0] ERR_ALIGN    = PGACCEL_ERR_ALIGN;
  localparam logic [3:0] ERR_OVERFLOW = PGACCEL_ERR_OVERFLOW;
  localparam logic [3:0] ERR_BITMAP   = PGACCEL_ERR_BITMAP;
  localparam logic [3:0] ERR_RANGE    = PGACCEL_ERR_RANGE;
  localparam logic [3:0] ERR_BUS      = PGACCEL_ERR_BUS;
  localparam logic [3:0] ERR_WINDOW   = PGACCEL_ERR_WINDOW;

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
  localparam int unsigned CREG_FOUND   = PGACCEL_COMP_FOUND_LSB;
  localparam int unsigned CREG_ERR_LSB = PGACCEL_COMP_ERR_LSB;
  localparam int unsigned CREG_TAG_LSB = PGACCEL_COMP_TAG_LSB;
  localparam int unsigned CREG_VALID   = PGACCEL_COMP_VALID_LSB;

  // STATUS bits.
  localparam int unsigned ST_BUSY     = PGACCEL_STATUS_BUSY_LSB;
  localparam int unsigned ST_FULL     = PGACCEL_STATUS_FULL_LSB;
  localparam int unsigned ST_DONE     = PGACCEL_STATUS_DONE_LSB;
  localparam int unsigned ST_REJECTED = PGACCEL_STATUS_REJECTED_LSB;
  localparam int unsigned ST_FREE_LSB = PGACCEL_STATUS_FREE_LSB;
  localparam int unsigned ST_COMP_LSB = PGACCEL_STATUS_NCOMP_LSB;
  localparam int unsigned ST_CMDQ_LSB = PGACCEL_STATUS_NCMD_LSB;

  // WIN_CTRL bits.
  localparam int unsigned WC_LOCK = PGACCEL_WIN_CTRL_LOCK_LSB;

  // IRQ_EN bits.
  localparam int unsigned IE_DONE     = PGACCEL_IRQ_EN_DONE_LSB;
  localparam int unsigned IE_REJECTED = PGACCEL_IRQ_EN_REJECTED_LSB;

  // Simulation speed: Verilator evaluates every combinational statement in every cycle, so the
  // engine's search and check logic, idle in most cycles, runs under an evaluation enable in
  // simulation (SIM_GATE = 1). The enables only hold values where nothing reads them; synthesis and
  // the formal checks see SIM_GATE = 0, i.e. the plain logic (no LUTs are spent on the enables).
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
