// SPDX-License-Identifier: BSD-2-Clause
// pgaccel_regs: the register port (PBUS slave) of pgaccel.
//
// Holds the command staging registers, posts commands into the command queue, pops completions on
// a read of COMP, keeps the slot count that rejects a post when every slot is taken (a slot is held
// from the post until its completion is read, so neither queue can overflow), the interrupt
// enables, the sticky REJECTED flag and the performance counters. Every access is granted at once
// and answered the next cycle; an offset with no register answers with err (docs/pgaccel.md).
//
// It also holds the DMA window [WIN_BASE, WIN_END) that the engine checks every command against.
// Its registers take a write only while WIN_CTRL.LOCK is clear and the engine has nothing queued
// or running (so a command is checked against the window it runs under); any other write to them
// is answered with err and changes nothing. LOCK clears only at reset: the boot ROM sets the
// window and locks it before any other code runs.
`include "pagoda_assert.svh"
module pgaccel_regs #(
  parameter logic [31:0] RAM_BASE  = pgaccel_pkg::PAGODA_RAM_BASE,  // the SoC's (rtl/regs)
  parameter logic [31:0] RAM_SIZE  = pgaccel_pkg::PAGODA_RAM_SIZE,
  parameter int unsigned WIN_SHIFT = 12,  // window granularity: 2^WIN_SHIFT bytes (3..31)
  parameter int unsigned QDEPTH    = 4,
  parameter int unsigned RDEPTH    = 4,
  parameter int unsigned CNT_W     = 40
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  // register port: PBUS slave
  input  logic              reg_req_i,
  output logic              reg_gnt_o,
  /* verilator lint_off UNUSEDSIGNAL */  // the interconnect decodes the window; be selects lanes
  input  logic [31:0]       reg_addr_i,
  /* verilator lint_on UNUSEDSIGNAL */
  input  logic              reg_we_i,
  input  logic [7:0]        reg_be_i,
  input  logic [63:0]       reg_wdata_i,
  output logic              reg_rvalid_o,
  output logic [63:0]       reg_rdata_o,
  output logic              reg_err_o,
  // command queue tail
  output logic              cmd_push_o,
  output pgaccel_pkg::cmd_t cmd_o,
  // completion queue head
  input  logic              comp_valid_i,
  input  pgaccel_pkg::comp_t comp_i,
  input  logic [$clog2(QDEPTH):0] comp_cnt_i,
  input  logic [$clog2(QDEPTH):0] cmd_cnt_i,
  output logic              comp_pop_o,
  // engine state and counter events
  input  logic              busy_i,
  input  logic              ev_busy_i,
  input  logic [1:0]        ev_lanes_i,   // 8-byte lanes written
  input  logic              ev_word_i,
  input  logic              ev_op_i,
  output logic              irq_o,
  // DMA window, for the engine's command check
  output logic [31:0]       win_base_o,
  output logic [32:0]       win_end_o,
  output logic              win_lock_o
);

  localparam int unsigned QW = $clog2(QDEPTH);
  localparam logic [32:0] RAM_END = {1'b0, RAM_BASE} + {1'b0, RAM_SIZE};

  logic [63:0]      caddr_q, caddr_d, clen_q, clen_d, carg_q, carg_d;
  pgaccel_pkg::pgaccel_irq_en_t ie_q, ie_d;
  logic             rej_q, rej_d;
  logic [QW:0]      used_q, used_d;
  logic [CNT_W-1:0] cnt_busy_q, cnt_busy_d, cnt_bytes_q, cnt_bytes_d;
  logic [CNT_W-1:0] cnt_words_q, cnt_words_d, cnt_ops_q, cnt_ops_d;
  logic             rvalid_q, rvalid_d, rerr_q, rerr_d;
  logic [63:0]      rdata_q, rdata_d;
  logic [31:WIN_SHIFT] wbase_q, wbase_d;
  logic [32:WIN_SHIFT] wend_q, wend_d;
  logic             wlock_q, wlock_d;

  logic        acc, wr, rd, hit;
  logic [11:0] off;
  logic [63:0] rval;
  pgaccel_pkg::pgaccel_comp_t     comp_reg;
  pgaccel_pkg::pgaccel_status_t   status;
  pgaccel_pkg::pgaccel_caps_t     caps;
  // the write data as each register's fields (only the writable ones are read)
  /* verilator lint_off UNUSEDSIGNAL */
  pgaccel_pkg::pgaccel_cmd_post_t post_w;
  pgaccel_pkg::pgaccel_irq_en_t   ie_w;
  pgaccel_pkg::pgaccel_status_t   status_w;
  pgaccel_pkg::pgaccel_win_ctrl_t wctrl_w;
  /* verilator lint_on UNUSEDSIGNAL */
  logic        post, accept, full;
  logic        win_wr, win_ok, win_val_ok;

  assign reg_gnt_o    = 1'b1;
  assign reg_rvalid_o = rvalid_q;
  assign reg_rdata_o  = rdata_q;
  assign reg_err_o    = rerr_q;

  assign acc = reg_req_i;
  assign wr  = acc && reg_we_i;
  assign rd  = acc && !reg_we_i;
  assign off = {reg_addr_i[11:3], 3'b000};

  assign full   = (used_q == (QW+1)'(QDEPTH));
  assign post_w   = reg_wdata_i;
  assign ie_w     = reg_wdata_i;
  assign status_w = reg_wdata_i;
  assign wctrl_w  = reg_wdata_i;
  assign post   = wr && (off == pgaccel_pkg::REG_CMD_POST) && reg_be_i[0];
  assign accept = post && !full;

  // A window register write is taken only whole (all byte enables), unlocked, with the engine idle
  // and nothing queued, and with a value the register can hold (aligned to the granularity, no bits
  // above 32 for WIN_BASE or 33 for WIN_END; WIN_CTRL only LOCK); anything else answers err.
  assign win_wr = wr && (off == pgaccel_pkg::REG_WIN_BASE || off == pgaccel_pkg::REG_WIN_END ||
                         off == pgaccel_pkg::REG_WIN_CTRL);
  always_comb begin
    unique case (off)
      pgaccel_pkg::REG_WIN_BASE: win_val_ok = reg_wdata_i[63:32] == '0 &&
                                              reg_wdata_i[WIN_SHIFT-1:0] == '0;
      pgaccel_pkg::REG_WIN_END:  win_val_ok = reg_wdata_i[63:33] == '0 &&
                                              reg_wdata_i[WIN_SHIFT-1:0] == '0;
      default:                   win_val_ok = reg_wdata_i[63:1] == '0;  // WIN_CTRL: LOCK only
    endcase
  end
  assign win_ok = win_wr && reg_be_i == 8'hff && !wlock_q && !busy_i && win_val_ok;

  assign win_base_o = {wbase_q, WIN_SHIFT'(0)};
  assign win_end_o  = {wend_q, WIN_SHIFT'(0)};
  assign win_lock_o = wlock_q;

  assign cmd_push_o = accept;
  always_comb begin
    cmd_o = '0;
    if (!pgaccel_pkg::SIM_GATE || accept) begin  // the queue stores it only then
      cmd_o.op      = post_w.op;
      cmd_o.align   = post_w.align;
      cmd_o.pol     = post_w.pol;
      cmd_o.tag     = post_w.tag;
      cmd_o.addr    = caddr_q[31:0];
      cmd_o.addr_hi = |caddr_q[63:32];
      cmd_o.len     = clen_q[31:0];
      cmd_o.len_hi  = |clen_q[63:32];
      cmd_o.arg     = carg_q;
    end
  end

  assign comp_pop_o = rd && (off == pgaccel_pkg::REG_COMP) && comp_valid_i;

  always_comb begin
    comp_reg = '0;
    if (comp_valid_i && (!pgaccel_pkg::SIM_GATE || rd)) begin
      comp_reg.result = comp_i.result;
      comp_reg.found  = comp_i.found;
      comp_reg.err    = comp_i.err;
      comp_reg.tag    = comp_i.tag;
      comp_reg.valid  = 1'b1;
    end
  end

  always_comb begin
    status = '0;
    if (!pgaccel_pkg::SIM_GATE || rd) begin
      status.busy     = busy_i;
      status.full     = full;
      status.done     = comp_valid_i;
      status.rejected = rej_q;
      status.free     = $bits(status.free)'((QW+1)'(QDEPTH) - used_q);
      status.ncomp    = $bits(status.ncomp)'(comp_cnt_i);
      status.ncmd     = $bits(status.ncmd)'(cmd_cnt_i);
    end
  end

  // CAPS: the parameters, in the map's field widths.
  always_comb begin
    caps        = '0;
    caps.qdepth = $bits(caps.qdepth)'(QDEPTH);
    caps.rdepth = $bits(caps.rdepth)'(RDEPTH);
    caps.cnt_w  = $bits(caps.cnt_w)'(CNT_W);
    caps.ops    = '1;  // ZERO, FILL, SCAN
  end

  // Read mux; hit = the offset has a register.
  always_comb begin
    rval = '0;
    hit  = 1'b1;
    if (!pgaccel_pkg::SIM_GATE || acc) unique case (off)
      pgaccel_pkg::REG_ID:        rval = pgaccel_pkg::PGACCEL_ID;
      pgaccel_pkg::REG_CAPS:      rval = caps;
      pgaccel_pkg::REG_RAM_BASE:  rval = {32'd0, RAM_BASE};
      pgaccel_pkg::REG_RAM_SIZE:  rval = {32'd0, RAM_SIZE};
      pgaccel_pkg::REG_IRQ_EN:    rval = ie_q;
      pgaccel_pkg::REG_STATUS:    rval = status;
      // Staging registers and CMD_POST are write-only: they read as zero.
      pgaccel_pkg::REG_CMD_ADDR, pgaccel_pkg::REG_CMD_LEN, pgaccel_pkg::REG_CMD_ARG,
      pgaccel_pkg::REG_CMD_POST: rval = '0;
      pgaccel_pkg::REG_COMP:      rval = comp_reg;
      pgaccel_pkg::REG_CNT_BUSY:  rval = 64'(cnt_busy_q);
      pgaccel_pkg::REG_CNT_BYTES: rval = 64'({cnt_bytes_q, 3'b000});  // counted in 8-byte lanes
      pgaccel_pkg::REG_CNT_WORDS: rval = 64'(cnt_words_q);
      pgaccel_pkg::REG_CNT_OPS:   rval = 64'(cnt_ops_q);
      pgaccel_pkg::REG_WIN_BASE:  rval = 64'(win_base_o);
      pgaccel_pkg::REG_WIN_END:   rval = 64'(win_end_o);
      pgaccel_pkg::REG_WIN_CTRL:  rval = 64'(wlock_q);
      default:                    hit  = 1'b0;
    endcase
  end

  always_comb begin
    caddr_d     = caddr_q;
    clen_d      = clen_q;
    carg_d      = carg_q;
    ie_d        = ie_q;
    rej_d       = rej_q;
    cnt_busy_d  = cnt_busy_q + CNT_W'(ev_busy_i);
    cnt_bytes_d = cnt_bytes_q + CNT_W'(ev_lanes_i);
    cnt_words_d = cnt_words_q + CNT_W'(ev_word_i);
    cnt_ops_d   = cnt_ops_q + CNT_W'(ev_op_i);
    used_d      = used_q + (QW+1)'(accept) - (QW+1)'(comp_pop_o);
    wbase_d     = wbase_q;
    wend_d      = wend_q;
    wlock_d     = wlock_q;

    if (post && full) begin
      rej_d = 1'b1;
    end
    // Staging registers take byte-wise writes (be), so 32-bit stores work too.
    if (!pgaccel_pkg::SIM_GATE || wr) for (int i = 0; i < 8; i++) begin
      if (wr && reg_be_i[i]) begin
        if (off == pgaccel_pkg::REG_CMD_ADDR) caddr_d[8*i +: 8] = reg_wdata_i[8*i +: 8];
        if (off == pgaccel_pkg::REG_CMD_LEN)  clen_d[8*i +: 8]  = reg_wdata_i[8*i +: 8];
        if (off == pgaccel_pkg::REG_CMD_ARG)  carg_d[8*i +: 8]  = reg_wdata_i[8*i +: 8];
      end
    end
    if (wr && reg_be_i[0] && off == pgaccel_pkg::REG_IRQ_EN) begin
      ie_d          = '0;  // the other bits read 0
      ie_d.done     = ie_w.done;
      ie_d.rejected = ie_w.rejected;
    end
    if (wr && reg_be_i[0] && off == pgaccel_pkg::REG_STATUS &&
        status_w.rejected) begin
      rej_d = 1'b0;  // write 1 to clear
    end
    if (win_ok) begin
      if (off == pgaccel_pkg::REG_WIN_BASE) wbase_d = reg_wdata_i[31:WIN_SHIFT];
      if (off == pgaccel_pkg::REG_WIN_END)  wend_d  = reg_wdata_i[32:WIN_SHIFT];
      if (off == pgaccel_pkg::REG_WIN_CTRL) wlock_d = wctrl_w.lock;
    end

    rvalid_d = acc;
    rerr_d   = acc && (!hit || (win_wr && !win_ok));
    rdata_d  = (rd && hit) ? rval : '0;
  end

  assign irq_o = (ie_q.done && comp_valid_i) || (ie_q.rejected && rej_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      caddr_q     <= '0;
      clen_q      <= '0;
      carg_q      <= '0;
      ie_q        <= '0;
      rej_q       <= 1'b0;
      used_q      <= '0;
      cnt_busy_q  <= '0;
      cnt_bytes_q <= '0;
      cnt_words_q <= '0;
      cnt_ops_q   <= '0;
      rvalid_q    <= 1'b0;
      rerr_q      <= 1'b0;
      rdata_q     <= '0;
      // At reset the window is all of RAM, unlocked (the boot ROM narrows and locks it).
      wbase_q     <= RAM_BASE[31:WIN_SHIFT];
      wend_q      <= RAM_END[32:WIN_SHIFT];
      wlock_q     <= 1'b0;
    end else begin
      caddr_q     <= caddr_d;
      clen_q      <= clen_d;
      carg_q      <= carg_d;
      ie_q        <= ie_d;
      rej_q       <= rej_d;
      used_q      <= used_d;
      cnt_busy_q  <= cnt_busy_d;
      cnt_bytes_q <= cnt_bytes_d;
      cnt_words_q <= cnt_words_d;
      cnt_ops_q   <= cnt_ops_d;
      rvalid_q    <= rvalid_d;
      rerr_q      <= rerr_d;
      rdata_q     <= rdata_d;
      wbase_q     <= wbase_d;
      wend_q      <= wend_d;
      wlock_q     <= wlock_d;
    end
  end

`ifdef FORMAL
  // Slot accounting (checked by tests/accel/formal): a slot is held by a queued or running
  // command or by a completion not yet read, so neither queue can overflow.
  always_comb begin
    if (rst_ni) begin
      assert (used_q <= (QW+1)'(QDEPTH));
      assert ((QW+2)'(used_q) == (QW+2)'(cmd_cnt_i) + (QW+2)'(comp_cnt_i));
    end
  end
`endif

  // ---- assertions (pagoda_assert.svh; the untimed ones are also checked by tests/accel/formal)
  // register port: PBUS slave that grants at once and answers the next cycle, exactly once
  `ASSERT_NEXT(RegsRespNoReq, !(reg_req_i && reg_gnt_o), !reg_rvalid_o)
  `ASSERT_NEXT(RegsRespOnce, reg_req_i && reg_gnt_o, reg_rvalid_o)
  // a slot is held by a queued or running command or an unread completion: never more than
  // QDEPTH, so neither queue overflows
  `ASSERT(RegsSlotsBound, used_q <= (QW+1)'(QDEPTH))
  `ASSERT_RESET(RegsIrqInReset, !irq_o && !reg_rvalid_o)

endmodule
