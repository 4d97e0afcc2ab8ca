// SPDX-License-Identifier: BSD-2-Clause
// A fast timing model of the Arty A7's DDR3 behind LiteDRAM, for simulation only (MEM=dramfast,
// docs/memory.md "The fast DRAM model"). It is a model of off-chip memory, like LiteDRAM's
// SDRAMPHYModel: it is never synthesized and no board file list names it (it lives in sim/).
//
// It speaks the generated controller's native user port exactly as pagoda_dram_bridge sees it
// (cmd valid/ready/we/addr, wdata valid/ready/we, rdata valid/data, init_done), so the bridge
// stays in the loop and only the controller and its PHY are replaced. What it models, with the
// timings of the LiteDRAM configuration (build/litedram/litedram_timing.h; the harness
// tests/litedram checks the defaults below against that file and the figures against LiteDRAM):
// - 8 banks, one open row each; a 16-byte word w is column w[COL_BITS-1:0], bank the next
//   BANK_BITS, row the rest (the address mapping of LiteDRAM's native port);
// - a command is taken into a buffer of CMD_DEPTH while earlier ones run, and the port is locked
//   to the bank of the buffered commands (LiteDRAM's crossbar): a command for another bank waits
//   until the buffer is empty; commands run, and answer, in order;
// - the column command (READ/WRITE) issues CMD_PATH cycles after the command is taken at the
//   earliest (LiteDRAM's 3 registers from the native port to the DFI), one a cycle; on a closed
//   bank an ACTIVATE comes first (tRCD + ACT_EXTRA), on another open row a PRECHARGE (tRP, not
//   before tRAS since the row's ACTIVATE) and an ACTIVATE;
// - read data READ_LATENCY cycles after the READ; write data taken (wdata_ready) WRITE_DELAY
//   cycles after the WRITE, whether wdata_valid is up or not (as LiteDRAM);
// - a refresh every T_REFI cycles: REF_START cycles, tRP (precharge all) and tRFC during which no
//   command issues; it closes every bank;
// - the multiplexer's read/write turnaround: a WRITE after reads waits READ_LATENCY, a READ after
//   writes tWTR + CWL + tCCD since the last WRITE.
// What it does not model: the command bus's other constraints (tRRD, tFAW, tCCD),
// write-to-precharge (tWR), the DFI phases, and LiteDRAM's CSRs (wb_ctrl): init_done rises
// INIT_CYCLES after reset.
//
// Storage: mem, one flat array of 2^AW 16-byte words (256 MiB), word w at index w, low bytes
// first; public (verilator public_flat_rw) for the harness's backdoor (sim/pagoda_sim.cpp's Ram).
// Cheap to simulate: a few compares of cycle stamps a cycle, no per-bank state machine.
`include "pagoda_assert.svh"

module pagoda_dram_model #(
  parameter int unsigned AW           = 24,   // native word address bits (16-byte words)
  parameter int unsigned COL_BITS     = 7,    // LiteDRAM's colbits 10 less the 8 words of a burst
  parameter int unsigned BANK_BITS    = 3,
  parameter int unsigned CMD_PATH     = 3,    // registers from the native port to the DFI
  parameter int unsigned READ_LATENCY = 8,    // READ to rdata_valid (the PHY's read latency)
  parameter int unsigned WRITE_DELAY  = 1,    // WRITE to wdata_ready
  parameter int unsigned T_RCD        = 3,
  parameter int unsigned T_RP         = 3,
  parameter int unsigned T_RAS        = 5,
  parameter int unsigned T_RFC        = 32,
  parameter int unsigned T_REFI       = 782,
  parameter int unsigned T_WTR        = 2,
  parameter int unsigned CWL_CYCLES   = 2,    // CWL 5 in controller cycles (4 phases), rounded up
  parameter int unsigned ACT_EXTRA    = 1,    // the bank machine's cycle into its ACTIVATE state
  // fitted to LiteDRAM's figures (tests/litedram measures both; docs/memory.md)
  parameter int unsigned PRE_EXTRA    = 1,    // a row conflict's cost over tRP + tRCD + ACT_EXTRA
  parameter int unsigned REF_ACT_EXTRA = 2,   // a bank's first ACTIVATE after a refresh
  parameter int unsigned REF_START    = 1,    // refresh request to its precharge-all
  parameter int unsigned CMD_DEPTH    = 16,   // command buffer (LiteDRAM's cmd_buffer_depth)
  parameter int unsigned INIT_CYCLES  = 8     // reset to init_done
) (
  input  logic           clk_i,
  input  logic           rst_ni,
  output logic           init_done_o,
  input  logic           cmd_valid_i,
  output logic           cmd_ready_o,
  input  logic           cmd_we_i,
  input  logic [AW-1:0]  cmd_addr_i,
  input  logic           wdata_valid_i,
  output logic           wdata_ready_o,
  input  logic [15:0]    wdata_we_i,
  input  logic [127:0]   wdata_i,
  output logic           rdata_valid_o,
  input  logic           rdata_ready_i,
  output logic [127:0]   rdata_o
);

  localparam int unsigned NBANKS   = 1 << BANK_BITS;
  localparam int unsigned ROW_BITS = AW - COL_BITS - BANK_BITS;
  localparam int unsigned QW       = $clog2(CMD_DEPTH);
  localparam int unsigned PW       = 4;               // issued, not yet answered: <= 16
  localparam int unsigned PDEPTH   = 1 << PW;
  typedef logic [63:0] stamp_t;                       // cycle stamps: never wrap in a simulation
  localparam stamp_t REF_LEN  = stamp_t'(REF_START) + stamp_t'(T_RP) + stamp_t'(T_RFC);
  localparam stamp_t ACT_COL  = stamp_t'(T_RCD) + stamp_t'(ACT_EXTRA);  // ACTIVATE to column
  localparam stamp_t PRE_COL  = stamp_t'(T_RP) + ACT_COL + stamp_t'(PRE_EXTRA); // PRE to column
  localparam stamp_t REF_ACT  = stamp_t'(REF_ACT_EXTRA);
  // read/write turnaround (LiteDRAM's multiplexer): a WRITE after reads waits READ_LATENCY (its
  // RTW state, read_latency - 1, and the state change); a READ after writes waits tWTR + CWL +
  // tCCD since the last WRITE, and at least the one cycle of its WTR state
  localparam stamp_t RTW      = stamp_t'(READ_LATENCY);
  localparam stamp_t WTR      = stamp_t'(T_WTR) + stamp_t'(CWL_CYCLES) + 64'd1;

  logic [127:0] mem [2**AW] /* verilator public_flat_rw */;

  stamp_t now_q;
  logic [$clog2(INIT_CYCLES + 1)-1:0] init_cnt_q;
  logic init_q;

  // ---- command buffer: commands taken, not yet issued ----
  logic          cq_we   [CMD_DEPTH];
  logic [AW-1:0] cq_addr [CMD_DEPTH];
  stamp_t        cq_t    [CMD_DEPTH];                 // cycle the command was taken
  logic [QW-1:0] cq_wr_q, cq_rd_q;
  logic [QW:0]   cq_cnt_q;
  logic [BANK_BITS-1:0] cq_bank_q;                    // bank of the buffered commands

  // ---- issued, waiting for their data: reads (rdata) and writes (wdata_ready) ----
  logic [127:0]  rq_data [PDEPTH];                   // read at the READ, as the DRAM does
  stamp_t        rq_due  [PDEPTH];
  logic [PW-1:0] rq_wr_q, rq_rd_q;
  logic [PW:0]   rq_cnt_q;
  logic [AW-1:0] wq_addr [PDEPTH];
  stamp_t        wq_due  [PDEPTH];
  logic [PW-1:0] wq_wr_q, wq_rd_q;
  logic [PW:0]   wq_cnt_q;

  // ---- banks, refresh, the head command's preparation ----
  logic                open_q  [NBANKS];
  logic [ROW_BITS-1:0] row_q   [NBANKS];
  stamp_t              act_q   [NBANKS];              // cycle of the open row's ACTIVATE
  stamp_t              ref_due_q, ref_end_q;          // next refresh; no issue before ref_end_q
  logic                fresh_q [NBANKS];              // closed by a refresh, not opened since
  logic                prep_q;                        // the head's row is being opened
  logic                mode_q;                        // the multiplexer's mode: 1 writes
  stamp_t              turn_end_q;                    // no issue before: turnaround
  stamp_t              last_w_q;                      // the last WRITE
  stamp_t              col_at_q;                      // the head's column command, once prepared

  logic [BANK_BITS-1:0] cmd_bank;
  assign cmd_bank = cmd_addr_i[COL_BITS +: BANK_BITS];

  // the head command
  logic                 h_valid, h_we, h_hit, h_ready;
  logic [AW-1:0]        h_addr;
  logic [BANK_BITS-1:0] h_bank;
  logic [ROW_BITS-1:0]  h_row;
  stamp_t               h_col, h_pre;
  assign h_valid = cq_cnt_q != '0;
  assign h_we    = cq_we[cq_rd_q];
  assign h_addr  = cq_addr[cq_rd_q];
  assign h_bank  = h_addr[COL_BITS +: BANK_BITS];
  assign h_row   = h_addr[AW-1 -: ROW_BITS];
  assign h_hit   = open_q[h_bank] && row_q[h_bank] == h_row;
  // earliest column command: CMD_PATH after it was taken
  assign h_col   = cq_t[cq_rd_q] + stamp_t'(CMD_PATH);
  // a conflict's precharge waits for tRAS since the open row's ACTIVATE
  assign h_pre   = act_q[h_bank] + stamp_t'(T_RAS) > now_q ? act_q[h_bank] + stamp_t'(T_RAS)
                                                            : now_q;

  logic ref_fire, base_ok, do_turn, can_run, do_prep, do_issue;
  assign ref_fire = init_q && now_q >= ref_due_q;
  assign base_ok  = h_valid && !ref_fire && now_q >= ref_end_q && now_q >= h_col &&
                    now_q >= turn_end_q;
  assign do_turn  = base_ok && h_we != mode_q;
  assign can_run  = base_ok && h_we == mode_q;
  assign h_ready  = prep_q ? now_q >= col_at_q : h_hit;
  assign do_issue = can_run && h_ready;
  assign do_prep  = can_run && !prep_q && !h_hit;

  logic cmd_take, r_take, w_take;
  assign cmd_ready_o   = init_q && (cq_cnt_q == '0 ||
                                    (cq_cnt_q != (QW+1)'(CMD_DEPTH) && cmd_bank == cq_bank_q));
  assign cmd_take      = cmd_valid_i && cmd_ready_o;
  assign rdata_valid_o = rq_cnt_q != '0 && now_q >= rq_due[rq_rd_q];
  assign rdata_o       = rq_data[rq_rd_q];
  assign wdata_ready_o = wq_cnt_q != '0 && now_q >= wq_due[wq_rd_q];
  assign r_take        = rdata_valid_o;
  assign w_take        = wdata_ready_o;
  assign init_done_o   = init_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      now_q      <= '0;
      init_cnt_q <= '0;
      init_q     <= 1'b0;
      cq_wr_q    <= '0;
      cq_rd_q    <= '0;
      cq_cnt_q   <= '0;
      cq_bank_q  <= '0;
      rq_wr_q    <= '0;
      rq_rd_q    <= '0;
      rq_cnt_q   <= '0;
      wq_wr_q    <= '0;
      wq_rd_q    <= '0;
      wq_cnt_q   <= '0;
      ref_due_q  <= stamp_t'(T_REFI);
      ref_end_q  <= '0;
      prep_q     <= 1'b0;
      col_at_q   <= '0;
      mode_q     <= 1'b0;
      turn_end_q <= '0;
      last_w_q   <= '0;
      for (int unsigned b = 0; b < NBANKS; b++) begin
        open_q[b] <= 1'b0;
        fresh_q[b] <= 1'b0;
        row_q[b]  <= '0;
        act_q[b]  <= '0;
      end
    end else begin
      now_q <= now_q + 1;
      if (!init_q) begin
        init_cnt_q <= init_cnt_q + 1'b1;
        init_q     <= 32'(init_cnt_q) + 1 >= INIT_CYCLES;
      end
      // take a command
      if (cmd_take) begin
        cq_we[cq_wr_q]   <= cmd_we_i;
        cq_addr[cq_wr_q] <= cmd_addr_i;
        cq_t[cq_wr_q]    <= now_q;
        cq_wr_q          <= cq_wr_q + 1'b1;
        cq_bank_q        <= cmd_bank;
      end
      cq_cnt_q <= cq_cnt_q + (QW+1)'(cmd_take) - (QW+1)'(do_issue);
      // refresh: close every bank, nothing issues until it is done
      if (ref_fire) begin
        ref_due_q <= ref_due_q + stamp_t'(T_REFI);
        ref_end_q <= now_q + REF_LEN;
        prep_q    <= 1'b0;
        mode_q    <= 1'b0;                            // LiteDRAM leaves REFRESH for READ
        for (int unsigned b = 0; b < NBANKS; b++) begin
          open_q[b]  <= 1'b0;
          fresh_q[b] <= 1'b1;
        end
      end
      if (do_turn) begin
        mode_q     <= h_we;
        turn_end_q <= h_we ? now_q + RTW : (last_w_q + WTR > now_q + 64'd1 ? last_w_q + WTR
                                                                           : now_q + 64'd1);
      end
      // open the head's row: ACTIVATE now (closed bank) or after a PRECHARGE (another row)
      if (do_prep) begin
        prep_q          <= 1'b1;
        open_q[h_bank]  <= 1'b1;
        fresh_q[h_bank] <= 1'b0;
        row_q[h_bank]  <= h_row;
        if (open_q[h_bank]) begin
          act_q[h_bank] <= h_pre + stamp_t'(T_RP);
          col_at_q      <= h_pre + PRE_COL;
        end else begin
          act_q[h_bank] <= now_q;
          col_at_q      <= now_q + ACT_COL + (fresh_q[h_bank] ? REF_ACT : '0);
        end
      end
      // the head's column command
      if (do_issue) begin
        cq_rd_q <= cq_rd_q + 1'b1;
        prep_q  <= 1'b0;
        if (h_we) begin
          wq_addr[wq_wr_q] <= h_addr;
          wq_due[wq_wr_q]  <= now_q + stamp_t'(WRITE_DELAY);
          wq_wr_q          <= wq_wr_q + 1'b1;
          last_w_q         <= now_q;
        end else begin
          rq_data[rq_wr_q] <= mem[h_addr];
          rq_due[rq_wr_q]  <= now_q + stamp_t'(READ_LATENCY);
          rq_wr_q          <= rq_wr_q + 1'b1;
        end
      end
      rq_cnt_q <= rq_cnt_q + (PW+1)'(do_issue && !h_we) - (PW+1)'(r_take);
      wq_cnt_q <= wq_cnt_q + (PW+1)'(do_issue && h_we) - (PW+1)'(w_take);
      if (r_take) rq_rd_q <= rq_rd_q + 1'b1;
      if (w_take) wq_rd_q <= wq_rd_q + 1'b1;
    end
  end

  // write data, with its byte enables, when it is taken (never in reset: no write is queued)
  always_ff @(posedge clk_i) begin
    if (w_take) begin
      for (int unsigned i = 0; i < 16; i++) begin
        if (wdata_we_i[i]) mem[wq_addr[wq_rd_q]][8*i +: 8] <= wdata_i[8*i +: 8];
      end
    end
  end

  // the issued transfers fit their queues (one issue a cycle, answered within READ_LATENCY or
  // WRITE_DELAY); a command is never taken while the buffer is full
  `ASSERT(DramModelQueues, rq_cnt_q <= (PW+1)'(READ_LATENCY + 1) && wq_cnt_q <= (PW+1)'(WRITE_DELAY + 1))
  `ASSERT(DramModelCmdBuf, cq_cnt_q <= (QW+1)'(CMD_DEPTH))
  // the command buffer's pointers wrap at CMD_DEPTH; a write's data is in mem before a READ
  // can issue after it (the turnaround is longer than WRITE_DELAY)
  `ASSERT_INIT(DramModelDepthPow2, CMD_DEPTH == 1 << QW)
  `ASSERT_INIT(DramModelWriteBeforeRead, WRITE_DELAY + 1 < T_WTR + CWL_CYCLES + 1)

  logic unused;
  assign unused = ^{wdata_valid_i, rdata_ready_i};

endmodule
