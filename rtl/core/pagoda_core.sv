// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: in-order pipelined RV64IMAC + Zicsr/Zifencei/Zicntr core with M/S/U privilege and an
// Sv39 MMU (docs/core.md). Its ports are the ones the SoC uses (docs/bus.md). This top only
// connects the units:
//
//   IF  pagoda_fetch       lane prefetch queue, aligner, RVC expansion (translation by the MMU)
//   EX  pagoda_decoder     typed operation (pagoda_core_pkg::dec_op_t)
//       pagoda_regfile     register read, with forwarding from WB here
//       pagoda_alu, pagoda_mul, pagoda_div
//       pagoda_lsu         data port: loads, stores, AMOs, LR/SC, cache-block operations (and
//                          the walker's accesses)
//       pagoda_mmu         ITLB, DTLB, walker and its arbitration, PMP
//       pagoda_csr         CSRs, privilege, trap entry, interrupt selection
//       pagoda_controller  complete / trap / interrupt, redirects
//   WB  pagoda_wb_stage    waits for the data response, retires, writes the register file
//
// A branch, jump or trap redirects fetch from EX. Loads forward their data from the bus response
// into EX in the same cycle, so there is no load-use bubble with single-cycle memory.
`include "pagoda_assert.svh"
module pagoda_core #(
  parameter logic [63:0] HART_ID   = 64'd0,
  parameter logic [31:0] BOOT_ADDR = 32'h0000_1000,
  parameter int unsigned ICACHE_SIZE = pagoda_core_pkg::ICACHE_BYTES,   // bytes (4 KiB .. 16 KiB); 0: none
  parameter int unsigned DCACHE_BYTES = 4096   // L1 data cache (pagoda_dcache); 0: none
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // instruction fetch port: PBUS master, read-only (docs/bus.md); 8-byte lane reads
  output logic        instr_req_o,
  input  logic        instr_gnt_i,
  output logic [31:0] instr_addr_o,
  input  logic        instr_rvalid_i,
  input  logic [63:0] instr_rdata_i,
  input  logic        instr_err_i,
  // data port: PBUS master
  output logic        data_req_o,
  input  logic        data_gnt_i,
  output logic [31:0] data_addr_o,
  output logic        data_we_o,
  output logic [7:0]  data_be_o,
  output logic [63:0] data_wdata_o,
  output logic        data_lock_o,   // high from an AMO's read request until its write is granted
  input  logic        data_rvalid_i,
  input  logic [63:0] data_rdata_i,
  input  logic        data_err_i,
  // interrupts, level-sensitive, from CLINT/PLIC
  input  logic        irq_msoft_i,
  input  logic        irq_mtimer_i,
  input  logic        irq_mext_i,
  input  logic        irq_sext_i,
  input  logic [63:0] mtime_i,       // CLINT mtime, read by the time CSR (rdtime)
  // retirement info for harnesses (cycle counting, tracing)
  output logic        retire_o,      // one instruction retired this cycle
  output logic [63:0] retire_pc_o
);
  localparam logic [11:0] CSR_SATP = pagoda_core_pkg::CSR_SATP;

  // ================================================================ fetch
  logic        if_valid, if_ready;
  logic [63:0] if_pc, if_tval;
  logic [31:0] if_instr, if_raw;
  logic        if_comp, if_rvc_illegal;
  logic [1:0]  if_exc;
  logic [63:0] ix_vaddr;
  logic        ix_ok, ix_miss;
  logic [31:0] ix_paddr;
  logic [1:0]  ix_fault;
  logic        iwalk_req, iwalk_ack, iwalk_done;
  logic [1:0]  iwalk_fault;
  logic        redirect, sys_redirect;
  logic [63:0] redirect_pc;
  // fence.i: the controller asks while one waits in EX; the data side (the D$: clean its dirty
  // lines) answers ready; the completion pulse invalidates the I$ (docs/core.md "Instruction
  // cache"). Without a data cache the data side is always ready.
  logic        fencei_req, fencei_ready, fencei;
  logic        ev_ic_access, ev_ic_miss;

  pagoda_fetch #(
    .BOOT_PC     ({32'd0, BOOT_ADDR}),
    .ICACHE_SIZE (ICACHE_SIZE),
    .CACHE_BASE  (pagoda_pkg::RAM_BASE),
    .CACHE_SIZE  (pagoda_pkg::RAM_SIZE)
  ) u_fetch (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .redirect_i     (redirect),
    .redirect_pc_i  (redirect_pc),
    .valid_o        (if_valid),
    .ready_i        (if_ready),
    .pc_o           (if_pc),
    .instr_o        (if_instr),
    .raw_o          (if_raw),
    .compressed_o   (if_comp),
    .rvc_illegal_o  (if_rvc_illegal),
    .exc_o          (if_exc),
    .tval_o         (if_tval),
    .xlate_vaddr_o  (ix_vaddr),
    .xlate_ok_i     (ix_ok),
    .xlate_paddr_i  (ix_paddr),
    .xlate_fault_i  (ix_fault),
    .xlate_miss_i   (ix_miss),
    .walk_req_o     (iwalk_req),
    .walk_ack_i     (iwalk_ack),
    .walk_done_i    (iwalk_done),
    .walk_fault_i   (iwalk_fault),
    .fencei_i       (fencei),
    .ev_ic_access_o (ev_ic_access),
    .ev_ic_miss_o   (ev_ic_miss),
    .instr_req_o    (instr_req_o),
    .instr_gnt_i    (instr_gnt_i),
    .instr_addr_o   (instr_addr_o),
    .instr_rvalid_i (instr_rvalid_i),
    .instr_rdata_i  (instr_rdata_i),
    .instr_err_i    (instr_err_i)
  );

  // ================================================================ decode, register read
  pagoda_core_pkg::dec_op_t dec;

  pagoda_decoder u_dec (
    .instr_i (if_instr),
    .dec_o   (dec)
  );

  logic        wb_fwd_valid, wb_rf_we;
  logic [4:0]  wb_rd;
  logic [63:0] wb_wdata, rf_rdata_a, rf_rdata_b;

  pagoda_regfile u_rf (
    .clk_i     (clk_i),
    .we_i      (wb_rf_we),
    .waddr_i   (wb_rd),
    .wdata_i   (wb_wdata),
    .raddr_a_i (dec.rs1),
    .rdata_a_o (rf_rdata_a),
    .raddr_b_i (dec.rs2),
    .rdata_b_o (rf_rdata_b)
  );

  // The only in-flight producer is WB: its value (for a load, the response data in the cycle it
  // arrives) is forwarded, so there is no load-use bubble with single-cycle memory.
  logic [63:0] rs1_val, rs2_val;
  assign rs1_val = (wb_fwd_valid && wb_rd == dec.rs1 && dec.rs1 != 5'd0) ? wb_wdata : rf_rdata_a;
  assign rs2_val = (wb_fwd_valid && wb_rd == dec.rs2 && dec.rs2 != 5'd0) ? wb_wdata : rf_rdata_b;

  // ================================================================ ALU, multiplier, divider
  logic [63:0] alu_res, mul_res, div_res, pc_imm, pc_next;
  logic        br_taken;

  pagoda_alu u_alu (
    .op_i         (dec.alu_op),
    .a_i          (rs1_val),
    .b_i          (dec.use_imm ? dec.imm : rs2_val),
    .imm_i        (dec.imm),
    .pc_i         (if_pc),
    .compressed_i (if_comp),
    .result_o     (alu_res),
    .pc_imm_o     (pc_imm),
    .pc_next_o    (pc_next),
    .br_op_i      (dec.br_op),
    .br_taken_o   (br_taken)
  );

  pagoda_mul u_mul (
    .op_i     (dec.md_op),
    .word_i   (dec.word),
    .a_i      (rs1_val),
    .b_i      (rs2_val),
    .result_o (mul_res)
  );

  logic div_start, div_busy, div_done;
  pagoda_div u_div (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (div_start),
    .op_i     (dec.md_op),
    .word_i   (dec.word),
    .a_i      (rs1_val),
    .b_i      (rs2_val),
    .busy_o   (div_busy),
    .done_o   (div_done),
    .result_o (div_res)
  );

  // ================================================================ LSU and MMU
  // One adder gives the data address and the JALR target.
  logic [63:0] mem_vaddr;
  assign mem_vaddr = rs1_val + dec.imm;

  logic        ex_act, go, ex_done, kill;
  logic        lsu_mem, lsu_store, lsu_ready, lsu_exc, lsu_busy, lsu_port_idle, dwalk_req;
  logic [4:0]  lsu_exc_cause;
  logic [63:0] lsu_result, lsu_exc_tval;
  logic        lsu_wb_wait, lsu_wb_err, lsu_wb_load;
  logic [4:0]  lsu_wb_err_cause;
  logic [63:0] lsu_wb_err_tval, lsu_wb_load_data;
  logic [31:0] mem_paddr;
  logic        mem_xlate_miss;
  logic [1:0]  mem_fault;
  logic        ptw_busy, ptw_mem_req, ptw_mem_we, dwalk_start;
  logic [31:0] ptw_mem_addr;
  logic [63:0] ptw_mem_wdata;
  logic        ptw_mem_gnt, ptw_mem_rvalid, ptw_mem_err;
  logic [63:0] ptw_mem_rdata;
  logic        ev_dc_miss, ev_dc_wb;
  logic        cbo_inval_flush;

  pagoda_lsu #(
    .DCACHE_BYTES (DCACHE_BYTES)
  ) u_lsu (
    .clk_i            (clk_i),
    .rst_ni           (rst_ni),
    .op_i             (dec.op),
    .size_i           (dec.mem_size),
    .uns_i            (dec.mem_uns),
    .amo_op_i         (dec.amo_op),
    .cbo_op_i         (dec.cbo_op),
    .cbo_inval_flush_i (cbo_inval_flush),
    .vaddr_i          (mem_vaddr),
    .rs2_i            (rs2_val),
    .act_i            (ex_act),
    .go_i             (go),
    .done_i           (ex_done),
    .kill_i           (kill),
    .mem_o            (lsu_mem),
    .store_o          (lsu_store),
    .ready_o          (lsu_ready),
    .result_o         (lsu_result),
    .exc_o            (lsu_exc),
    .exc_cause_o      (lsu_exc_cause),
    .exc_tval_o       (lsu_exc_tval),
    .busy_o           (lsu_busy),
    .paddr_i          (mem_paddr),
    .xlate_miss_i     (mem_xlate_miss),
    .xlate_fault_i    (mem_fault),
    .walk_req_o       (dwalk_req),
    .port_idle_o      (lsu_port_idle),
    .ptw_busy_i       (ptw_busy),
    .ptw_req_i        (ptw_mem_req),
    .ptw_addr_i       (ptw_mem_addr),
    .ptw_we_i         (ptw_mem_we),
    .ptw_wdata_i      (ptw_mem_wdata),
    .ptw_gnt_o        (ptw_mem_gnt),
    .ptw_rvalid_o     (ptw_mem_rvalid),
    .ptw_rdata_o      (ptw_mem_rdata),
    .ptw_err_o        (ptw_mem_err),
    .ev_dc_miss_o     (ev_dc_miss),
    .ev_dc_wb_o       (ev_dc_wb),
    .wb_wait_o        (lsu_wb_wait),
    .wb_err_o         (lsu_wb_err),
    .wb_err_cause_o   (lsu_wb_err_cause),
    .wb_err_tval_o    (lsu_wb_err_tval),
    .wb_load_o        (lsu_wb_load),
    .wb_load_data_o   (lsu_wb_load_data),
    .data_req_o       (data_req_o),
    .data_gnt_i       (data_gnt_i),
    .data_addr_o      (data_addr_o),
    .data_we_o        (data_we_o),
    .data_be_o        (data_be_o),
    .data_wdata_o     (data_wdata_o),
    .data_lock_o      (data_lock_o),
    .data_rvalid_i    (data_rvalid_i),
    .data_rdata_i     (data_rdata_i),
    .data_err_i       (data_err_i)
  );

  // CSR state
  logic [1:0]  priv, mpp;
  logic        mprv, sum, mxr, tvm, tw, tsr, sv39;
  logic [43:0] satp_ppn;
  logic        tlb_flush, pmp_we;
  logic [63:0] pmp_rdata, csr_wdata;
  pagoda_core_pkg::envcfg_t menvcfg, senvcfg;

  pagoda_mmu u_mmu (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .priv_i          (priv),
    .mprv_i          (mprv),
    .mpp_i           (mpp),
    .sum_i           (sum),
    .mxr_i           (mxr),
    .sv39_i          (sv39),
    .satp_ppn_i      (satp_ppn),
    .flush_i         (tlb_flush),
    .pmp_csr_addr_i  (dec.csr_addr),
    .pmp_csr_re_i    (dec.op == pagoda_core_pkg::OP_CSR),
    .pmp_csr_we_i    (pmp_we),
    .pmp_csr_wdata_i (csr_wdata),
    .pmp_csr_rdata_o (pmp_rdata),
    .if_hold_i       (sys_redirect),
    .if_vaddr_i      (ix_vaddr),
    .if_ok_o         (ix_ok),
    .if_miss_o       (ix_miss),
    .if_paddr_o      (ix_paddr),
    .if_fault_o      (ix_fault),
    .if_walk_req_i   (iwalk_req),
    .if_walk_ack_o   (iwalk_ack),
    .if_walk_done_o  (iwalk_done),
    .if_walk_fault_o (iwalk_fault),
    .d_en_i          (lsu_mem),
    .d_vaddr_i       (mem_vaddr),
    .d_store_i       (lsu_store),
    .d_clear_i       (ex_done || redirect),
    .d_miss_o        (mem_xlate_miss),
    .d_fault_o       (mem_fault),
    .d_paddr_o       (mem_paddr),
    .d_walk_req_i    (dwalk_req),
    .d_port_idle_i   (lsu_port_idle),
    .d_walk_start_o  (dwalk_start),
    .ptw_busy_o      (ptw_busy),
    .ptw_mem_req_o   (ptw_mem_req),
    .ptw_mem_addr_o  (ptw_mem_addr),
    .ptw_mem_we_o    (ptw_mem_we),
    .ptw_mem_wdata_o (ptw_mem_wdata),
    .mem_gnt_i       (ptw_mem_gnt),
    .mem_rvalid_i    (ptw_mem_rvalid),
    .mem_rdata_i     (ptw_mem_rdata),
    .mem_err_i       (ptw_mem_err)
  );

  // ================================================================ CSR file and controller
  logic [63:0] csr_rdata, trap_pc, mepc, sepc;
  logic        csr_illegal, irq_pending, wfi_wake;
  logic        take_exc, irq_enter, do_mret, do_sret, csr_commit;
  logic [4:0]  exc_cause;
  logic [63:0] exc_tval, epc;
  logic        wb_free, wb_retire;
  logic [63:0] wb_pc;

  // performance events, numbered as pagoda_core_pkg::HPM_EV_* (docs/core.md "Performance
  // counters"); the D$ events (5: a lookup missed, 6: a dirty line written back) come from
  // pagoda_lsu's data cache (0 without one)
  logic [pagoda_core_pkg::HPM_NEV:1] hpm_events;
  always_comb begin
    hpm_events                                   = '0;
    hpm_events[pagoda_core_pkg::HPM_EV_IC_ACCESS] = ev_ic_access;
    hpm_events[pagoda_core_pkg::HPM_EV_IC_MISS]   = ev_ic_miss;
    hpm_events[pagoda_core_pkg::HPM_EV_ITLB_MISS] = iwalk_ack;
    hpm_events[pagoda_core_pkg::HPM_EV_DTLB_MISS] = dwalk_start;
    hpm_events[pagoda_core_pkg::HPM_EV_DC_MISS]   = ev_dc_miss;
    hpm_events[pagoda_core_pkg::HPM_EV_DC_WB]     = ev_dc_wb;
  end

  pagoda_csr #(.HART_ID(HART_ID)) u_csr (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .csr_valid_i   (dec.op == pagoda_core_pkg::OP_CSR),
    .csr_addr_i    (dec.csr_addr),
    .csr_op_i      (dec.csr_op),
    .csr_operand_i (dec.csr_imm ? {59'd0, dec.rs1} : rs1_val),
    .csr_write_i   (dec.csr_write),
    .csr_commit_i  (csr_commit),
    .csr_rdata_o   (csr_rdata),
    .csr_illegal_o (csr_illegal),
    .pmp_rdata_i   (pmp_rdata),
    .pmp_we_o      (pmp_we),
    .csr_wdata_o   (csr_wdata),
    .exc_i         (take_exc),
    .exc_cause_i   (exc_cause),
    .exc_tval_i    (exc_tval),
    .irq_take_i    (irq_enter),
    .epc_i         (epc),
    .trap_pc_o     (trap_pc),
    .mret_i        (do_mret),
    .sret_i        (do_sret),
    .mepc_o        (mepc),
    .sepc_o        (sepc),
    .irq_msoft_i   (irq_msoft_i),
    .irq_mtimer_i  (irq_mtimer_i),
    .irq_mext_i    (irq_mext_i),
    .irq_sext_i    (irq_sext_i),
    .mtime_i       (mtime_i),
    .hpm_events_i  (hpm_events),
    .irq_pending_o (irq_pending),
    .wfi_wake_o    (wfi_wake),
    .retire_i      (wb_retire),
    .priv_o        (priv),
    .mprv_o        (mprv),
    .mpp_o         (mpp),
    .sum_o         (sum),
    .mxr_o         (mxr),
    .tvm_o         (tvm),
    .tw_o          (tw),
    .tsr_o         (tsr),
    .sv39_o        (sv39),
    .satp_ppn_o    (satp_ppn),
    .menvcfg_o     (menvcfg),
    .senvcfg_o     (senvcfg)
  );

  pagoda_controller u_ctrl (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .valid_i         (if_valid),
    .op_i            (dec.op),
    .illegal_i       (if_rvc_illegal || dec.illegal),
    .fetch_exc_i     (if_exc),
    .fetch_tval_i    (if_tval),
    .raw_i           (if_raw),
    .pc_i            (if_pc),
    .pc_next_i       (pc_next),
    .target_i        (pc_imm),
    .jalr_target_i   (mem_vaddr),
    .br_taken_i      (br_taken),
    .csr_write_i     (dec.csr_write),
    .csr_satp_i      (dec.csr_addr == CSR_SATP),
    .cbo_op_i        (dec.cbo_op),
    .priv_i          (priv),
    .tsr_i           (tsr),
    .tw_i            (tw),
    .tvm_i           (tvm),
    .menvcfg_i       (menvcfg),
    .senvcfg_i       (senvcfg),
    .csr_illegal_i   (csr_illegal),
    .wfi_wake_i      (wfi_wake),
    .irq_pending_i   (irq_pending),
    .mepc_i          (mepc),
    .sepc_i          (sepc),
    .trap_pc_i       (trap_pc),
    .lsu_mem_i       (lsu_mem),
    .lsu_ready_i     (lsu_ready),
    .lsu_exc_i       (lsu_exc),
    .lsu_exc_cause_i (lsu_exc_cause),
    .lsu_exc_tval_i  (lsu_exc_tval),
    .lsu_busy_i      (lsu_busy),
    .div_busy_i      (div_busy),
    .div_done_i      (div_done),
    .div_start_o     (div_start),
    .ptw_busy_i      (ptw_busy),
    .wb_free_i       (wb_free),
    .wb_err_i        (lsu_wb_err),
    .wb_err_cause_i  (lsu_wb_err_cause),
    .wb_err_tval_i   (lsu_wb_err_tval),
    .wb_pc_i         (wb_pc),
    .act_o           (ex_act),
    .go_o            (go),
    .done_o          (ex_done),
    .kill_o          (kill),
    .exc_o           (take_exc),
    .exc_cause_o     (exc_cause),
    .exc_tval_o      (exc_tval),
    .epc_o           (epc),
    .irq_enter_o     (irq_enter),
    .mret_o          (do_mret),
    .sret_o          (do_sret),
    .csr_commit_o    (csr_commit),
    .tlb_flush_o     (tlb_flush),
    .fencei_req_o    (fencei_req),
    .fencei_ready_i  (fencei_ready),
    .fencei_o        (fencei),
    .cbo_inval_flush_o (cbo_inval_flush),
    .redirect_o      (redirect),
    .redirect_pc_o   (redirect_pc),
    .sys_redirect_o  (sys_redirect)
  );

  assign if_ready = ex_done;

  // ================================================================ writeback
  // the result of the instruction leaving execute
  logic [63:0] ex_result;
  always_comb begin
    unique case (dec.op)
      pagoda_core_pkg::OP_MUL: ex_result = mul_res;
      pagoda_core_pkg::OP_DIV: ex_result = div_res;
      pagoda_core_pkg::OP_CSR: ex_result = csr_rdata;
      default:                 ex_result = lsu_mem ? lsu_result : alu_res;
    endcase
  end

  pagoda_wb_stage u_wb (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .done_i          (ex_done),
    .pc_i            (if_pc),
    .rd_i            (dec.rd),
    .we_i            (dec.we),
    .result_i        (ex_result),
    .lsu_wait_i      (lsu_wb_wait),
    .lsu_err_i       (lsu_wb_err),
    .lsu_load_i      (lsu_wb_load),
    .lsu_load_data_i (lsu_wb_load_data),
    .free_o          (wb_free),
    .retire_o        (wb_retire),
    .pc_o            (wb_pc),
    .fwd_valid_o     (wb_fwd_valid),
    .rf_we_o         (wb_rf_we),
    .rd_o            (wb_rd),
    .wdata_o         (wb_wdata)
  );

  assign retire_o    = wb_retire;
  assign retire_pc_o = wb_pc;

  // ---- assertions (pagoda_assert.svh) ----
  // the units' own checks cover their interfaces; here what joins them: the instruction in WB
  // retires or takes its access fault, never both; a retired pc is even; privilege is never the
  // reserved value; the walker never has the port while a response is awaited
  // pagoda_alu's branch comparison is its adder's a - b, with b = rs2
  `ASSERT_NEVER(CoreBranchNotSub, dec.op == pagoda_core_pkg::OP_BRANCH &&
                                  (dec.alu_op != pagoda_core_pkg::ALU_SUB || dec.use_imm))
  `ASSERT_NEVER(CoreRetireAndTrap, wb_retire && lsu_wb_err)
  `ASSERT_NEVER(CoreRetireOdd, retire_o && retire_pc_o[0])
  `ASSERT_NEVER(CorePrivReserved, priv == 2'b10)
  `ASSERT_NEVER(CoreWalkWhileWaiting, ptw_busy && lsu_wb_wait)

  // the LSU asks the D$ to clean every dirty line when fence.i executes (its ready_o is then the
  // clean's end; without a data cache it is ready at once), so the request itself is not needed
  assign fencei_ready = lsu_ready;
  logic unused_fencei_req;
  assign unused_fencei_req = fencei_req;

endmodule
