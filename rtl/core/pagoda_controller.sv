// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: controller (docs/core.md "Units and their interfaces"). Decides each cycle what the
// instruction in execute does: complete (when writeback retires in the same cycle without an error:
// `go`), take its exception (in priority order), or give way to an interrupt (between instructions
// only, never in the middle of a divide, AMO, walk or held data request); a writeback bus error
// traps first. It redirects fetch for taken branches, jumps, traps, xRET, fence.i, sfence.vma and
// CSR writes, and tells the CSR file, the LSU and the MMU what was committed.
`include "pagoda_assert.svh"
module pagoda_controller (
  input  logic                       clk_i,          // (for the assertions: no state here)
  input  logic                       rst_ni,
  // the instruction in execute
  input  logic                       valid_i,
  input  pagoda_core_pkg::op_class_e op_i,
  input  logic                       illegal_i,      // decoder or compressed expansion
  input  logic [1:0]                 fetch_exc_i,    // FEXC_*
  input  logic [63:0]                fetch_tval_i,
  input  logic [31:0]                raw_i,          // instruction bits (mtval of illegal ones)
  input  logic [63:0]                pc_i,
  input  logic [63:0]                pc_next_i,      // pc + 2 or 4
  input  logic [63:0]                target_i,       // pc + imm: branch and JAL target
  input  logic [63:0]                jalr_target_i,  // rs1 + imm
  input  logic                       br_taken_i,
  input  logic                       csr_write_i,
  input  logic                       csr_satp_i,     // the CSR instruction accesses satp
  input  pagoda_core_pkg::cbo_op_e   cbo_op_i,       // OP_CBO
  // privilege state (pagoda_csr)
  input  logic [1:0]                 priv_i,
  input  logic                       tsr_i,
  input  logic                       tw_i,
  input  logic                       tvm_i,
  input  pagoda_core_pkg::envcfg_t   menvcfg_i,
  input  pagoda_core_pkg::envcfg_t   senvcfg_i,
  input  logic                       csr_illegal_i,
  input  logic                       wfi_wake_i,
  input  logic                       irq_pending_i,
  input  logic [63:0]                mepc_i,
  input  logic [63:0]                sepc_i,
  input  logic [63:0]                trap_pc_i,
  // units
  input  logic                       lsu_mem_i,      // the instruction is a memory access
  input  logic                       lsu_ready_i,
  input  logic                       lsu_exc_i,
  input  logic [4:0]                 lsu_exc_cause_i,
  input  logic [63:0]                lsu_exc_tval_i,
  input  logic                       lsu_busy_i,
  input  logic                       div_busy_i,
  input  logic                       div_done_i,
  output logic                       div_start_o,
  input  logic                       ptw_busy_i,
  // writeback
  input  logic                       wb_free_i,      // empty, or retiring this cycle
  input  logic                       wb_err_i,       // its access ended in a bus error
  input  logic [4:0]                 wb_err_cause_i,
  input  logic [63:0]                wb_err_tval_i,
  input  logic [63:0]                wb_pc_i,
  // decisions
  output logic                       act_o,          // execute acts (valid, no trap, no interrupt)
  output logic                       go_o,           // nothing older can still trap
  output logic                       done_o,         // the instruction completes, to writeback
  output logic                       kill_o,         // a trap or interrupt is taken
  output logic                       exc_o,          // trap entry (CSR file)
  output logic [4:0]                 exc_cause_o,
  output logic [63:0]                exc_tval_o,
  output logic [63:0]                epc_o,
  output logic                       irq_enter_o,    // interrupt entry (CSR file)
  output logic                       mret_o,
  output logic                       sret_o,
  output logic                       csr_commit_o,
  output logic                       tlb_flush_o,
  // fence.i (docs/core.md "Instruction cache"): req while one waits in execute, until the data
  // side reports its stores visible to fetch (ready: the D$ has cleaned its dirty lines); the
  // pulse when it completes, with the redirect, invalidates the I$
  output logic                       fencei_req_o,
  input  logic                       fencei_ready_i,
  output logic                       fencei_o,
  output logic                       cbo_inval_flush_o, // this cbo.inval performs a flush
  output logic                       redirect_o,
  output logic [63:0]                redirect_pc_o,
  output logic                       sys_redirect_o  // redirect that changes privilege or
                                                     // translation (fetch translates next cycle)
);
  localparam logic [4:0] EXC_BREAKPOINT = pagoda_core_pkg::EXC_BREAKPOINT;
  localparam logic [4:0] EXC_ECALL_M    = pagoda_core_pkg::EXC_ECALL_M;
  localparam logic [4:0] EXC_ECALL_S    = pagoda_core_pkg::EXC_ECALL_S;
  localparam logic [4:0] EXC_ECALL_U    = pagoda_core_pkg::EXC_ECALL_U;
  localparam logic [4:0] EXC_IACCESS    = pagoda_core_pkg::EXC_IACCESS;
  localparam logic [4:0] EXC_ILLEGAL    = pagoda_core_pkg::EXC_ILLEGAL;
  localparam logic [4:0] EXC_IPAGE      = pagoda_core_pkg::EXC_IPAGE;
  localparam logic [1:0] FEXC_NONE      = pagoda_core_pkg::FEXC_NONE;
  localparam logic [1:0] FEXC_PAGE      = pagoda_core_pkg::FEXC_PAGE;
  localparam logic [1:0] PRIV_M         = pagoda_core_pkg::PRIV_M;
  localparam logic [1:0] PRIV_S         = pagoda_core_pkg::PRIV_S;
  localparam logic [1:0] PRIV_U         = pagoda_core_pkg::PRIV_U;

  logic is_mret, is_sret, is_wfi, is_sfence, is_csr, is_cbo;
  assign is_mret   = (op_i == pagoda_core_pkg::OP_MRET);
  assign is_sret   = (op_i == pagoda_core_pkg::OP_SRET);
  assign is_wfi    = (op_i == pagoda_core_pkg::OP_WFI);
  assign is_sfence = (op_i == pagoda_core_pkg::OP_SFENCE);
  assign is_csr    = (op_i == pagoda_core_pkg::OP_CSR);
  assign is_cbo    = (op_i == pagoda_core_pkg::OP_CBO);

  // Cache-block operations below M-mode need menvcfg's enable, in U-mode senvcfg's too (CMO 1.0
  // "Control and Status Register State"); a cbo.inval that an enable of 01 lets through flushes.
  logic cbo_illegal;
  always_comb begin
    cbo_illegal       = 1'b0;
    cbo_inval_flush_o = 1'b0;
    unique case (cbo_op_i)
      pagoda_core_pkg::CBO_ZERO:
        cbo_illegal = (priv_i != PRIV_M && !menvcfg_i.cbze) ||
                      (priv_i == PRIV_U && !senvcfg_i.cbze);
      pagoda_core_pkg::CBO_INVAL: begin
        cbo_illegal       = (priv_i != PRIV_M && menvcfg_i.cbie == 2'b00) ||
                            (priv_i == PRIV_U && senvcfg_i.cbie == 2'b00);
        cbo_inval_flush_o = (priv_i != PRIV_M && menvcfg_i.cbie == 2'b01) ||
                            (priv_i == PRIV_U && senvcfg_i.cbie == 2'b01);
      end
      default:   // CBO_CLEAN, CBO_FLUSH
        cbo_illegal = (priv_i != PRIV_M && !menvcfg_i.cbcfe) ||
                      (priv_i == PRIV_U && !senvcfg_i.cbcfe);
    endcase
  end

  // ---------------------------------------------------------------- exceptions
  logic priv_illegal;
  always_comb begin
    priv_illegal = 1'b0;
    if (is_mret && priv_i != PRIV_M) priv_illegal = 1'b1;
    if (is_sret && (priv_i == PRIV_U || (priv_i == PRIV_S && tsr_i))) priv_illegal = 1'b1;
    if (is_wfi && (priv_i == PRIV_U || (priv_i == PRIV_S && tw_i))) priv_illegal = 1'b1;
    if (is_sfence && (priv_i == PRIV_U || (priv_i == PRIV_S && tvm_i))) priv_illegal = 1'b1;
    if (is_csr && csr_illegal_i) priv_illegal = 1'b1;
    if (is_cbo && cbo_illegal) priv_illegal = 1'b1;
  end

  // exception of the instruction in execute, in priority order
  logic        ex_exc;
  logic [4:0]  ex_cause;
  logic [63:0] ex_tval;
  always_comb begin
    ex_exc   = 1'b1;
    ex_cause = EXC_ILLEGAL;
    ex_tval  = 64'd0;
    if (fetch_exc_i != FEXC_NONE) begin
      ex_cause = (fetch_exc_i == FEXC_PAGE) ? EXC_IPAGE : EXC_IACCESS;
      ex_tval  = fetch_tval_i;
    end else if (illegal_i || priv_illegal) begin
      ex_cause = EXC_ILLEGAL;
      ex_tval  = {32'd0, raw_i};
    end else if (op_i == pagoda_core_pkg::OP_ECALL) begin
      ex_cause = (priv_i == PRIV_M) ? EXC_ECALL_M : (priv_i == PRIV_S) ? EXC_ECALL_S : EXC_ECALL_U;
    end else if (op_i == pagoda_core_pkg::OP_EBREAK) begin
      ex_cause = EXC_BREAKPOINT;    // mtval = 0, as on QEMU
    end else if (lsu_exc_i) begin
      ex_cause = lsu_exc_cause_i;
      ex_tval  = lsu_exc_tval_i;
    end else begin
      ex_exc = 1'b0;
    end
  end

  // ---------------------------------------------------------------- go, interrupts
  logic irq_take, ex_trap;
  assign go_o     = wb_free_i && !wb_err_i;
  assign irq_take = irq_pending_i && go_o && !lsu_busy_i && !div_busy_i && !div_done_i &&
                    !ptw_busy_i && !(valid_i && is_wfi && !ex_exc);
  assign act_o    = valid_i && !ex_exc && !irq_take;

  // ---------------------------------------------------------------- completion, redirects
  logic        ex_ready;
  logic        ex_redirect;
  logic [63:0] ex_redirect_pc;
  logic        ex_sys;        // redirect that changes translation state or privilege
  always_comb begin
    ex_ready       = 1'b1;
    ex_redirect    = 1'b0;
    ex_redirect_pc = pc_next_i;
    ex_sys         = 1'b0;
    div_start_o    = 1'b0;
    if (act_o) begin
      if (lsu_mem_i) begin
        ex_ready = lsu_ready_i;
      end else begin
        unique case (op_i)
          pagoda_core_pkg::OP_DIV: begin
            ex_ready    = div_done_i;
            div_start_o = go_o && !div_busy_i && !div_done_i;
          end
          pagoda_core_pkg::OP_CSR: begin
            ex_ready    = !csr_write_i || !ptw_busy_i;
            ex_redirect = csr_write_i;
            ex_sys      = csr_write_i;
          end
          pagoda_core_pkg::OP_WFI: ex_ready = wfi_wake_i;
          pagoda_core_pkg::OP_SFENCE: begin
            ex_ready    = !ptw_busy_i;
            ex_redirect = 1'b1;
            ex_sys      = 1'b1;
          end
          pagoda_core_pkg::OP_FENCEI: begin
            ex_ready    = fencei_ready_i;
            ex_redirect = 1'b1;
          end
          pagoda_core_pkg::OP_MRET: begin
            ex_redirect    = 1'b1;
            ex_redirect_pc = mepc_i;
            ex_sys         = 1'b1;
          end
          pagoda_core_pkg::OP_SRET: begin
            ex_redirect    = 1'b1;
            ex_redirect_pc = sepc_i;
            ex_sys         = 1'b1;
          end
          pagoda_core_pkg::OP_JAL: begin
            ex_redirect    = 1'b1;
            ex_redirect_pc = target_i;
          end
          pagoda_core_pkg::OP_JALR: begin
            ex_redirect    = 1'b1;
            ex_redirect_pc = {jalr_target_i[63:1], 1'b0};
          end
          pagoda_core_pkg::OP_BRANCH: begin
            ex_redirect    = br_taken_i;
            ex_redirect_pc = target_i;
          end
          default: ;
        endcase
      end
    end
  end

  logic unused_fiom;        // every access is in order already: FIOM changes nothing
  assign unused_fiom = menvcfg_i.fiom ^ senvcfg_i.fiom;

  logic unused_jalr_bit0;   // a JALR target's bit 0 is cleared
  assign unused_jalr_bit0 = jalr_target_i[0];

  assign done_o  = act_o && go_o && ex_ready;
  assign ex_trap = valid_i && ex_exc && !irq_take && go_o;

  // a writeback bus error is older than anything in execute
  always_comb begin
    exc_o       = 1'b0;
    exc_cause_o = ex_cause;
    exc_tval_o  = ex_tval;
    epc_o       = pc_i;
    if (wb_err_i) begin
      exc_o       = 1'b1;
      exc_cause_o = wb_err_cause_i;
      exc_tval_o  = wb_err_tval_i;
      epc_o       = wb_pc_i;
    end else if (ex_trap) begin
      exc_o = 1'b1;
    end
  end

  assign irq_enter_o  = irq_take && !wb_err_i;
  assign kill_o       = exc_o || irq_take;
  assign mret_o       = done_o && is_mret;
  assign sret_o       = done_o && is_sret;
  assign csr_commit_o = done_o && is_csr;
  assign tlb_flush_o  = done_o && (is_sfence || (is_csr && csr_write_i && csr_satp_i));
  assign fencei_req_o = act_o && (op_i == pagoda_core_pkg::OP_FENCEI);
  assign fencei_o     = done_o && (op_i == pagoda_core_pkg::OP_FENCEI);

  always_comb begin
    redirect_o     = 1'b0;
    redirect_pc_o  = ex_redirect_pc;
    sys_redirect_o = 1'b0;
    if (exc_o || irq_enter_o) begin
      redirect_o     = 1'b1;
      redirect_pc_o  = trap_pc_i;
      sys_redirect_o = 1'b1;
    end else if (done_o && ex_redirect) begin
      redirect_o     = 1'b1;
      sys_redirect_o = ex_sys;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // Retire/trap invariants: an instruction in execute either completes, traps or is interrupted,
  // at most one of them; nothing completes while writeback cannot retire.
  `ASSERT_ONEHOT0(CtrlOneOutcome, {done_o, exc_o, irq_enter_o})
  `ASSERT_NEVER(CtrlDoneWithoutGo, done_o && !go_o)
  `ASSERT_NEVER(CtrlDoneInvalid, done_o && !valid_i)
  `ASSERT_NEVER(CtrlDivStartBusy, div_start_o && div_busy_i)
  `ASSERT_NEVER(CtrlRedirectOdd, redirect_o && redirect_pc_o[0])
  // fence.i completes only once the data side said ready, and always with its redirect
  `ASSERT_NEVER(CtrlFenceiEarly, fencei_o && !fencei_ready_i)
  `ASSERT_NEVER(CtrlFenceiNoRedirect, fencei_o && !redirect_o)

endmodule
