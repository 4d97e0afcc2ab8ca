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

  // Opcodes (CMD_POST.OP); any other value completes with ERR_OP. Short names for the map's
  // encodings: the modules qualify every package name (Yosys's read_verilog, 0.70 too, takes no
  // `import pkg::*`), and pgaccel_pkg::PGACCEL_ERR_RANGE would only say pgaccel twice.
  localparam logic [3:0] OP_ZERO = PGACCEL_OP_ZERO;
  localparam logic [3:0] OP_FILL = PGACCEL_OP_FILL;
  localparam logic [3:0] OP_SCAN = PGACCEL_OP_SCAN;

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

  // Register fields by name: the generated packed structs of pagoda_regs.svh (pgaccel_cmd_post_t,
  // pgaccel_comp_t, pgaccel_status_t, pgaccel_caps_t, pgaccel_irq_en_t, pgaccel_win_ctrl_t).

  // Command queue entry: what the engine needs of a post (CMD_POST and the staging registers),
  // the posted fields as wide as the map makes them.
  typedef struct packed {
    pgaccel_cmd_arg_t                         arg;      // FILL: the pattern; SCAN: start, nr
    logic                                     len_hi;   // CMD_LEN[63:32] != 0
    logic [31:0]                              len;      // CMD_LEN[31:0]
    logic                                     addr_hi;  // CMD_ADDR[63:32] != 0
    logic [31:0]                              addr;     // CMD_ADDR[31:0]
    logic [PGACCEL_CMD_POST_TAG_WIDTH-1:0]    tag;
    logic                                     pol;
    logic [PGACCEL_CMD_POST_ALIGN_WIDTH-1:0]  align;
    logic [PGACCEL_CMD_POST_OP_WIDTH-1:0]     op;
  } cmd_t;
  // The queues' widths ($bits of a type is beyond Yosys's read_verilog).
  localparam int unsigned CMD_W = 64 + 1 + 32 + 1 + 32 + PGACCEL_CMD_POST_TAG_WIDTH + 1 +
                                  PGACCEL_CMD_POST_ALIGN_WIDTH + PGACCEL_CMD_POST_OP_WIDTH;

  // Completion queue entry: the fields of COMP that the engine fills in.
  typedef struct packed {
    logic [PGACCEL_COMP_TAG_WIDTH-1:0]    tag;
    logic [PGACCEL_COMP_ERR_WIDTH-1:0]    err;
    logic                                 found;
    logic [PGACCEL_COMP_RESULT_WIDTH-1:0] result;
  } comp_t;
  localparam int unsigned COMP_W = PGACCEL_COMP_TAG_WIDTH + PGACCEL_COMP_ERR_WIDTH + 1 +
                                   PGACCEL_COMP_RESULT_WIDTH;

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

  // Outcome of one SCAN step on the word at the head of the read buffer.
  typedef enum logic [1:0] {
    StepFound = 2'd0,  // the candidate's window is all free
    StepNext  = 2'd1,  // word finished, candidate unchanged
    StepMove  = 2'd2   // move the candidate past a not-free run
  } step_e;

endpackage
