// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: in-order pipelined RV64IMAC + Zicsr/Zifencei/Zicntr core with M/S/U privilege and an
// Sv39 MMU (docs/core.md). Its ports are the ones the SoC uses (docs/bus.md).
//
//   IF (pagoda_fetch: lane prefetch queue, aligner, RVC expansion, ITLB)
//   EX (decode, register read with forwarding, ALU/MUL/DIV, branch resolution, CSR, address
//       translation through the DTLB, data request issue, traps)
//   WB (waits for the data response of loads/stores/AMOs, writes the register file, retires)
//
// A branch, jump or trap redirects fetch from EX. Loads forward their data from the bus response
// into EX in the same cycle, so there is no load-use bubble with single-cycle memory. The
// page-table walker shares the data port. See docs/core.md.
`include "pagoda_assert.svh"
module pagoda_core #(
  parameter logic [63:0] HART_ID   = 64'd0,
  parameter logic [31:0] BOOT_ADDR = 32'h0000_1000
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
  // Package constants used here (Yosys 0.23 has no package import).
  localparam logic [1:0] ACC_FETCH          = pagoda_core_pkg::ACC_FETCH;
  localparam logic [1:0] ACC_LOAD           = pagoda_core_pkg::ACC_LOAD;
  localparam logic [1:0] ACC_STORE          = pagoda_core_pkg::ACC_STORE;
  localparam logic [11:0] CSR_SATP           = pagoda_core_pkg::CSR_SATP;
  localparam logic [4:0] EXC_BREAKPOINT     = pagoda_core_pkg::EXC_BREAKPOINT;
  localparam logic [4:0] EXC_ECALL_M        = pagoda_core_pkg::EXC_ECALL_M;
  localparam logic [4:0] EXC_ECALL_S        = pagoda_core_pkg::EXC_ECALL_S;
  localparam logic [4:0] EXC_ECALL_U        = pagoda_core_pkg::EXC_ECALL_U;
  localparam logic [4:0] EXC_IACCESS        = pagoda_core_pkg::EXC_IACCESS;
  localparam logic [4:0] EXC_ILLEGAL        = pagoda_core_pkg::EXC_ILLEGAL;
  localparam logic [4:0] EXC_IPAGE          = pagoda_core_pkg::EXC_IPAGE;
  localparam logic [4:0] EXC_LACCESS        = pagoda_core_pkg::EXC_LACCESS;
  localparam logic [4:0] EXC_LADDR_MISALIGN = pagoda_core_pkg::EXC_LADDR_MISALIGN;
  localparam logic [4:0] EXC_LPAGE          = pagoda_core_pkg::EXC_LPAGE;
  localparam logic [4:0] EXC_SACCESS        = pagoda_core_pkg::EXC_SACCESS;
  localparam logic [4:0] EXC_SADDR_MISALIGN = pagoda_core_pkg::EXC_SADDR_MISALIGN;
  localparam logic [4:0] EXC_SPAGE          = pagoda_core_pkg::EXC_SPAGE;
  localparam logic [1:0] FEXC_ACCESS        = pagoda_core_pkg::FEXC_ACCESS;
  localparam logic [1:0] FEXC_NONE          = pagoda_core_pkg::FEXC_NONE;
  localparam logic [1:0] FEXC_PAGE          = pagoda_core_pkg::FEXC_PAGE;
  localparam logic [6:0] OPC_OP32           = pagoda_core_pkg::OPC_OP32;
  localparam logic [1:0] PRIV_M             = pagoda_core_pkg::PRIV_M;
  localparam logic [1:0] PRIV_S             = pagoda_core_pkg::PRIV_S;
  localparam logic [1:0] PRIV_U             = pagoda_core_pkg::PRIV_U;
  localparam int unsigned PTE_D              = pagoda_core_pkg::PTE_D;

  // ================================================================ signals
  // fetch
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
  logic        redirect;
  logic [63:0] redirect_pc;
  logic        sys_redirect;

  // CSR / privilege
  logic [1:0]  priv, mpp;
  logic        mprv, sum, mxr, tvm, tw, tsr, sv39;
  logic [43:0] satp_ppn;
  logic [63:0] csr_rdata, trap_pc, mepc, sepc;
  logic        csr_illegal, irq_pending, wfi_wake;

  // WB stage
  logic        wb_valid_q, wb_valid_d;
  logic [63:0] wb_pc_q, wb_pc_d;
  logic [4:0]  wb_rd_q, wb_rd_d;
  logic        wb_we_q, wb_we_d;
  logic        wb_mem_q, wb_mem_d;       // waiting for a data response
  logic        wb_load_q, wb_load_d;     // result comes from the response
  logic        wb_store_q, wb_store_d;   // store/AMO (for the access-fault cause)
  logic [63:0] wb_result_q, wb_result_d;
  logic [1:0]  wb_size_q, wb_size_d;
  logic        wb_uns_q, wb_uns_d;
  logic [2:0]  wb_off_q, wb_off_d;
  logic [63:0] wb_vaddr_q, wb_vaddr_d;

  // ================================================================ fetch
  pagoda_fetch #(
    .BOOT_PC ({32'd0, BOOT_ADDR})
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
    .instr_req_o    (instr_req_o),
    .instr_gnt_i    (instr_gnt_i),
    .instr_addr_o   (instr_addr_o),
    .instr_rvalid_i (instr_rvalid_i),
    .instr_rdata_i  (instr_rdata_i),
    .instr_err_i    (instr_err_i)
  );

  // ================================================================ MMU: TLBs and walker
  logic        tlb_flush;
  logic        itlb_hit, dtlb_hit;
  logic [7:0]  itlb_flags, dtlb_flags;
  logic [55:0] itlb_paddr, dtlb_paddr;
  logic        ptw_req, ptw_busy, ptw_done, ptw_fill;
  logic [1:0]  ptw_fault;
  logic [26:0] ptw_fill_vpn;
  logic [43:0] ptw_fill_ppn;
  logic [7:0]  ptw_fill_flags;
  logic [1:0]  ptw_fill_level;
  logic        ptw_owner_q, ptw_owner_d;   // 1 = data side
  logic [38:0] ptw_vaddr;
  logic [1:0]  ptw_acc, ptw_priv;
  logic        ptw_mem_req, ptw_mem_we;
  logic [31:0] ptw_mem_addr;
  logic [63:0] ptw_mem_wdata;
  logic [63:0] mem_vaddr;
  logic        dwalk_req;
  logic [1:0]  mem_acc, eff_priv;
  logic        itrans, dtrans;   // instruction / data address translation is on

  pagoda_tlb #(.ENTRIES(8)) u_itlb (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (tlb_flush),
    .lookup_i     (itrans),
    .vaddr_i      (ix_vaddr[38:0]),
    .hit_o        (itlb_hit),
    .flags_o      (itlb_flags),
    .paddr_o      (itlb_paddr),
    .fill_i       (ptw_fill && !ptw_owner_q),
    .fill_vpn_i   (ptw_fill_vpn),
    .fill_ppn_i   (ptw_fill_ppn),
    .fill_flags_i (ptw_fill_flags),
    .fill_level_i (ptw_fill_level)
  );

  pagoda_tlb #(.ENTRIES(8)) u_dtlb (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (tlb_flush),
    .lookup_i     (dtrans),
    .vaddr_i      (mem_vaddr[38:0]),
    .hit_o        (dtlb_hit),
    .flags_o      (dtlb_flags),
    .paddr_o      (dtlb_paddr),
    .fill_i       (ptw_fill && ptw_owner_q),
    .fill_vpn_i   (ptw_fill_vpn),
    .fill_ppn_i   (ptw_fill_ppn),
    .fill_flags_i (ptw_fill_flags),
    .fill_level_i (ptw_fill_level)
  );

  // PMP (pagoda_pmp): one checker for the fetch lane, one for the data port (EX or the walker)
  logic        ipmp_ok, dpmp_ok, dpmp_write;
  logic [31:0] ipmp_addr, dpmp_addr;
  logic [1:0]  dpmp_priv;
  logic        pmp_we;
  logic [63:0] pmp_rdata, csr_wdata;

  // Instruction-side translation of the lane the fetch unit wants next
  assign itrans    = sv39 && (priv != PRIV_M);
  assign ipmp_addr = itrans ? itlb_paddr[31:0] : ix_vaddr[31:0];
  always_comb begin
    ix_ok    = 1'b0;
    ix_miss  = 1'b0;
    ix_fault = FEXC_NONE;
    ix_paddr = ix_vaddr[31:0];
    if (sys_redirect) begin
      // privilege or translation changes at the end of this cycle: translate next cycle
    end else if (!itrans) begin
      if (ix_vaddr[63:32] != 32'd0 || !ipmp_ok) ix_fault = FEXC_ACCESS;
      else                                      ix_ok    = 1'b1;
    end else if (ix_vaddr[63:39] != {25{ix_vaddr[38]}}) begin
      ix_fault = FEXC_PAGE;
    end else if (!itlb_hit) begin
      ix_miss = 1'b1;
    end else if (!pagoda_core_pkg::pte_perm_ok(itlb_flags, ACC_FETCH, priv, sum, mxr)) begin
      ix_fault = FEXC_PAGE;
    end else if (itlb_paddr[55:32] != 24'd0 || !ipmp_ok) begin
      ix_fault = FEXC_ACCESS;
    end else begin
      ix_ok    = 1'b1;
      ix_paddr = itlb_paddr[31:0];
    end
  end

  // Walker arbitration: the data side first; a walk starts only when no data access is in flight.
  logic data_port_idle;
  logic ex_data_req;
  logic [1:0] amo_state_q, amo_state_d, amo_state_ex;   // 0 idle, 1 read issued, 2 write
  assign data_port_idle = !(wb_valid_q && wb_mem_q) && !ex_data_req && (amo_state_q == 2'd0);
  assign ptw_req        = !ptw_busy && data_port_idle && (dwalk_req || iwalk_req);
  assign ptw_owner_d    = (ptw_req) ? dwalk_req : ptw_owner_q;
  assign iwalk_ack      = ptw_req && !dwalk_req;
  assign iwalk_done     = ptw_done && !ptw_owner_q;
  assign iwalk_fault    = ptw_fault;
  assign ptw_vaddr      = dwalk_req ? mem_vaddr[38:0] : ix_vaddr[38:0];
  assign ptw_acc        = dwalk_req ? mem_acc : ACC_FETCH;
  assign ptw_priv       = dwalk_req ? eff_priv : priv;

  pagoda_ptw u_ptw (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .satp_ppn_i   (satp_ppn),
    .req_i        (ptw_req),
    .req_vaddr_i  (ptw_vaddr),
    .req_acc_i    (ptw_acc),
    .req_priv_i   (ptw_priv),
    .sum_i        (sum),
    .mxr_i        (mxr),
    .busy_o       (ptw_busy),
    .done_o       (ptw_done),
    .fault_o      (ptw_fault),
    .fill_o       (ptw_fill),
    .fill_vpn_o   (ptw_fill_vpn),
    .fill_ppn_o   (ptw_fill_ppn),
    .fill_flags_o (ptw_fill_flags),
    .fill_level_o (ptw_fill_level),
    .mem_req_o    (ptw_mem_req),
    .mem_gnt_i    (data_gnt_i),
    .mem_addr_o   (ptw_mem_addr),
    .mem_we_o     (ptw_mem_we),
    .mem_wdata_o  (ptw_mem_wdata),
    .mem_rvalid_i (data_rvalid_i && ptw_busy),
    .mem_rdata_i  (data_rdata_i),
    .mem_err_i    (data_err_i),
    .pmp_ok_i     (dpmp_ok)
  );

  // ================================================================ decode
  logic        dec_illegal, dec_we, dec_use_imm;
  pagoda_core_pkg::alu_op_e     dec_alu_op;
  logic [63:0] dec_imm;
  logic        is_load, is_store, is_amo, is_lr, is_sc, is_branch, is_jal, is_jalr;
  logic        is_mul, is_div, is_csr, is_ecall, is_ebreak, is_mret, is_sret, is_wfi;
  logic        is_sfence, is_fencei;

  pagoda_decoder u_dec (
    .instr_i     (if_instr),
    .illegal_o   (dec_illegal),
    .writes_rd_o (dec_we),
    .alu_op_o    (dec_alu_op),
    .use_imm_o   (dec_use_imm),
    .imm_o       (dec_imm),
    .is_load_o   (is_load),
    .is_store_o  (is_store),
    .is_amo_o    (is_amo),
    .is_lr_o     (is_lr),
    .is_sc_o     (is_sc),
    .is_branch_o (is_branch),
    .is_jal_o    (is_jal),
    .is_jalr_o   (is_jalr),
    .is_mul_o    (is_mul),
    .is_div_o    (is_div),
    .is_csr_o    (is_csr),
    .is_ecall_o  (is_ecall),
    .is_ebreak_o (is_ebreak),
    .is_mret_o   (is_mret),
    .is_sret_o   (is_sret),
    .is_wfi_o    (is_wfi),
    .is_sfence_o (is_sfence),
    .is_fencei_o (is_fencei)
  );

  logic [4:0] rs1_idx, rs2_idx, rd_idx;
  logic [2:0] f3;
  assign rs1_idx = if_instr[19:15];
  assign rs2_idx = if_instr[24:20];
  assign rd_idx  = if_instr[11:7];
  assign f3      = if_instr[14:12];

  // ================================================================ register file + WB
  logic [63:0] rf_q [32];
  logic [63:0] load_lane, load_val, wb_wdata;
  logic        wb_retire, wb_err, wb_free, wb_waiting;

  assign load_lane = data_rdata_i >> {wb_off_q, 3'b000};
  always_comb begin
    unique case (wb_size_q)
      2'd0:    load_val = wb_uns_q ? {56'd0, load_lane[7:0]} :
                                     {{56{load_lane[7]}}, load_lane[7:0]};
      2'd1:    load_val = wb_uns_q ? {48'd0, load_lane[15:0]} :
                                     {{48{load_lane[15]}}, load_lane[15:0]};
      2'd2:    load_val = wb_uns_q ? {32'd0, load_lane[31:0]} :
                                     {{32{load_lane[31]}}, load_lane[31:0]};
      default: load_val = load_lane;
    endcase
  end
  assign wb_wdata   = wb_load_q ? load_val : wb_result_q;
  assign wb_waiting = wb_valid_q && wb_mem_q && !data_rvalid_i;
  assign wb_err     = wb_valid_q && wb_mem_q && data_rvalid_i && data_err_i;
  assign wb_retire  = wb_valid_q && !wb_waiting && !wb_err;
  assign wb_free    = !wb_valid_q || wb_retire;

  // Register file: one write port (WB), no reset (x0 is never written and reads as zero), so it
  // maps to LUT RAM.
  always_ff @(posedge clk_i) begin
    if (wb_retire && wb_we_q && (wb_rd_q != 5'd0)) rf_q[wb_rd_q] <= wb_wdata;
  end

  logic fwd1, fwd2;
  logic [63:0] rs1_val, rs2_val;
  assign fwd1    = wb_valid_q && wb_we_q && (wb_rd_q == rs1_idx);
  assign fwd2    = wb_valid_q && wb_we_q && (wb_rd_q == rs2_idx);
  assign rs1_val = (rs1_idx == 5'd0) ? 64'd0 : (fwd1 ? wb_wdata : rf_q[rs1_idx]);
  assign rs2_val = (rs2_idx == 5'd0) ? 64'd0 : (fwd2 ? wb_wdata : rf_q[rs2_idx]);

  assign retire_o    = wb_retire;
  assign retire_pc_o = wb_pc_q;

  // ================================================================ ALU, branch, MUL
  logic [63:0] op_b, alu_res, ilen;
  logic [31:0] w_sum, w_sub;
  assign op_b  = dec_use_imm ? dec_imm : rs2_val;
  assign ilen  = if_comp ? 64'd2 : 64'd4;
  assign w_sum = rs1_val[31:0] + op_b[31:0];
  assign w_sub = rs1_val[31:0] - op_b[31:0];
  logic [31:0] w_sll, w_srl, w_sra;
  assign w_sll = rs1_val[31:0] << op_b[4:0];
  assign w_srl = rs1_val[31:0] >> op_b[4:0];
  assign w_sra = $unsigned($signed(rs1_val[31:0]) >>> op_b[4:0]);

  always_comb begin
    unique case (dec_alu_op)
      pagoda_core_pkg::ALU_ADD:   alu_res = rs1_val + op_b;
      pagoda_core_pkg::ALU_SUB:   alu_res = rs1_val - op_b;
      pagoda_core_pkg::ALU_SLL:   alu_res = rs1_val << op_b[5:0];
      pagoda_core_pkg::ALU_SLT:   alu_res = {63'd0, $signed(rs1_val) < $signed(op_b)};
      pagoda_core_pkg::ALU_SLTU:  alu_res = {63'd0, rs1_val < op_b};
      pagoda_core_pkg::ALU_XOR:   alu_res = rs1_val ^ op_b;
      pagoda_core_pkg::ALU_SRL:   alu_res = rs1_val >> op_b[5:0];
      pagoda_core_pkg::ALU_SRA:   alu_res = $unsigned($signed(rs1_val) >>> op_b[5:0]);
      pagoda_core_pkg::ALU_OR:    alu_res = rs1_val | op_b;
      pagoda_core_pkg::ALU_AND:   alu_res = rs1_val & op_b;
      pagoda_core_pkg::ALU_ADDW:  alu_res = {{32{w_sum[31]}}, w_sum};
      pagoda_core_pkg::ALU_SUBW:  alu_res = {{32{w_sub[31]}}, w_sub};
      pagoda_core_pkg::ALU_SLLW:  alu_res = {{32{w_sll[31]}}, w_sll};
      pagoda_core_pkg::ALU_SRLW:  alu_res = {{32{w_srl[31]}}, w_srl};
      pagoda_core_pkg::ALU_SRAW:  alu_res = {{32{w_sra[31]}}, w_sra};
      pagoda_core_pkg::ALU_LUI:   alu_res = dec_imm;
      pagoda_core_pkg::ALU_AUIPC: alu_res = if_pc + dec_imm;
      default:   alu_res = if_pc + ilen;   // pagoda_core_pkg::ALU_LINK
    endcase
  end

  logic br_taken;
  always_comb begin
    unique case (f3)
      3'd0:    br_taken = (rs1_val == rs2_val);
      3'd1:    br_taken = (rs1_val != rs2_val);
      3'd4:    br_taken = ($signed(rs1_val) < $signed(rs2_val));
      3'd5:    br_taken = ($signed(rs1_val) >= $signed(rs2_val));
      3'd6:    br_taken = (rs1_val < rs2_val);
      default: br_taken = (rs1_val >= rs2_val);
    endcase
  end

  // Single-cycle multiplier built from four 32x32 partial products: the unsigned high half is
  // corrected for signed operands (MULH, MULHSU). Narrow products keep Verilator fast and map to
  // DSPs.
  logic [63:0] pp0, pp1, pp2, pp3, mid, mul_hi_u, mul_hi, mul_lo, mul_res;
  logic        mul_word, a_neg, b_neg;
  assign mul_word = (if_instr[6:0] == OPC_OP32);
  assign pp0      = {32'd0, rs1_val[31:0]}  * {32'd0, rs2_val[31:0]};
  assign pp1      = {32'd0, rs1_val[31:0]}  * {32'd0, rs2_val[63:32]};
  assign pp2      = {32'd0, rs1_val[63:32]} * {32'd0, rs2_val[31:0]};
  assign pp3      = {32'd0, rs1_val[63:32]} * {32'd0, rs2_val[63:32]};
  assign mid      = {32'd0, pp0[63:32]} + {32'd0, pp1[31:0]} + {32'd0, pp2[31:0]};
  assign mul_lo   = {mid[31:0], pp0[31:0]};
  assign mul_hi_u = pp3 + {32'd0, pp1[63:32]} + {32'd0, pp2[63:32]} + {32'd0, mid[63:32]};
  assign a_neg    = (f3[1:0] != 2'd3) && rs1_val[63];   // MULH, MULHSU: rs1 signed
  assign b_neg    = (f3[1:0] == 2'd1) && rs2_val[63];   // MULH: rs2 signed
  assign mul_hi   = mul_hi_u - (a_neg ? rs2_val : 64'd0) - (b_neg ? rs1_val : 64'd0);
  always_comb begin
    if (mul_word)              mul_res = {{32{mul_lo[31]}}, mul_lo[31:0]};
    else if (f3[1:0] == 2'd0)  mul_res = mul_lo;
    else                       mul_res = mul_hi;
  end

  // Iterative divider
  logic        div_start, div_busy, div_done;
  logic [63:0] div_res;
  pagoda_div u_div (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (div_start),
    .op_i     (f3[1:0]),
    .word_i   (mul_word),
    .a_i      (rs1_val),
    .b_i      (rs2_val),
    .busy_o   (div_busy),
    .done_o   (div_done),
    .result_o (div_res)
  );

  // ================================================================ memory access
  logic        is_mem;
  logic [1:0]  mem_size;
  logic        mem_misaligned;
  logic [31:0] mem_paddr;
  logic        mem_xlate_miss;
  logic [1:0]  mem_fault;                  // FEXC_* from translation
  logic [1:0]  dwalk_fault_q, dwalk_fault_d;
  logic        mem_is_store;               // store, SC or AMO (store-type faults)
  logic        dpmp_deny;                  // PMP refuses the access in EX

  assign is_mem       = is_load || is_store || is_amo || is_lr || is_sc;
  assign mem_size     = f3[1:0];
  assign mem_vaddr    = rs1_val + dec_imm;
  assign mem_is_store = is_store || is_amo || is_sc;
  assign mem_acc      = mem_is_store ? ACC_STORE : ACC_LOAD;
  assign eff_priv     = mprv ? mpp : priv;
  assign dtrans       = sv39 && (eff_priv != PRIV_M);

  always_comb begin
    unique case (mem_size)
      2'd0:    mem_misaligned = 1'b0;
      2'd1:    mem_misaligned = mem_vaddr[0];
      2'd2:    mem_misaligned = (mem_vaddr[1:0] != 2'd0);
      default: mem_misaligned = (mem_vaddr[2:0] != 3'd0);
    endcase
  end

  // The data-side PMP checker serves the walker while it is busy (its PTE reads and A/D writes, as
  // S-mode accesses); then the instruction in EX waits anyway (it issues nothing while the walker
  // owns the port) and must not take the walker's answer as its own.
  assign dpmp_addr  = ptw_busy ? ptw_mem_addr : (dtrans ? dtlb_paddr[31:0] : mem_vaddr[31:0]);
  assign dpmp_priv  = ptw_busy ? PRIV_S : eff_priv;
  assign dpmp_write = ptw_busy ? ptw_mem_we : mem_is_store;
  assign dpmp_deny  = !ptw_busy && !dpmp_ok;

  always_comb begin
    mem_xlate_miss = 1'b0;
    mem_fault      = FEXC_NONE;
    mem_paddr      = mem_vaddr[31:0];
    if (dwalk_fault_q != FEXC_NONE) begin
      mem_fault = dwalk_fault_q;
    end else if (!dtrans) begin
      if (mem_vaddr[63:32] != 32'd0 || dpmp_deny) mem_fault = FEXC_ACCESS;
    end else if (mem_vaddr[63:39] != {25{mem_vaddr[38]}}) begin
      mem_fault = FEXC_PAGE;
    end else if (!dtlb_hit || (mem_is_store && !dtlb_flags[PTE_D])) begin
      mem_xlate_miss = 1'b1;
    end else if (!pagoda_core_pkg::pte_perm_ok(dtlb_flags, mem_acc, eff_priv, sum, mxr)) begin
      mem_fault = FEXC_PAGE;
    end else if (dtlb_paddr[55:32] != 24'd0 || dpmp_deny) begin
      mem_fault = FEXC_ACCESS;
    end else begin
      mem_paddr    = dtlb_paddr[31:0];
    end
  end

  // byte enables and store data for the lane
  logic [7:0]  size_be, mem_be;
  logic [63:0] st_wdata;
  always_comb begin
    unique case (mem_size)
      2'd0:    size_be = 8'h01;
      2'd1:    size_be = 8'h03;
      2'd2:    size_be = 8'h0f;
      default: size_be = 8'hff;
    endcase
  end
  assign mem_be   = size_be << mem_paddr[2:0];
  assign st_wdata = rs2_val << {mem_paddr[2:0], 3'b000};

  // AMO read-modify-write
  logic [63:0] amo_old_q, amo_old_d;
  logic [63:0] amo_rd_lane, amo_rd_val, amo_new, amo_a, amo_b;
  logic        amo_word;
  assign amo_word    = (mem_size == 2'd2);
  assign amo_rd_lane = data_rdata_i >> {mem_paddr[2:0], 3'b000};
  assign amo_rd_val  = amo_word ? {{32{amo_rd_lane[31]}}, amo_rd_lane[31:0]} : amo_rd_lane;
  assign amo_a       = amo_old_q;
  assign amo_b       = amo_word ? {{32{rs2_val[31]}}, rs2_val[31:0]} : rs2_val;
  always_comb begin
    logic lt_s, lt_u;
    lt_s = $signed(amo_a) < $signed(amo_b);
    lt_u = amo_word ? (amo_a[31:0] < amo_b[31:0]) : (amo_a < amo_b);
    unique case (if_instr[31:27])
      5'b00001: amo_new = amo_b;                       // swap
      5'b00000: amo_new = amo_a + amo_b;               // add
      5'b00100: amo_new = amo_a ^ amo_b;               // xor
      5'b01100: amo_new = amo_a & amo_b;               // and
      5'b01000: amo_new = amo_a | amo_b;               // or
      5'b10000: amo_new = lt_s ? amo_a : amo_b;        // min
      5'b10100: amo_new = lt_s ? amo_b : amo_a;        // max
      5'b11000: amo_new = lt_u ? amo_a : amo_b;        // minu
      default:  amo_new = lt_u ? amo_b : amo_a;        // maxu
    endcase
  end

  // LR/SC reservation
  logic        resv_valid_q, resv_valid_d;
  logic [31:0] resv_addr_q, resv_addr_d;
  logic        sc_ok;
  assign sc_ok = resv_valid_q && (resv_addr_q == mem_paddr);

  // ================================================================ execute control
  logic        ex_exc;
  logic [4:0]  ex_cause;
  logic [63:0] ex_tval;
  logic        priv_illegal;
  logic        go;            // EX may act this cycle (nothing older blocks it)
  logic        irq_take;
  logic        ex_done, ex_trap, wb_trap;
  logic        data_hold_q, data_hold_d;
  logic        csr_write, csr_commit;
  logic [63:0] csr_operand;

  assign csr_write   = (f3[1:0] == 2'd1) || (rs1_idx != 5'd0);
  assign csr_operand = f3[2] ? {59'd0, rs1_idx} : rs1_val;

  always_comb begin
    priv_illegal = 1'b0;
    if (is_mret && priv != PRIV_M) priv_illegal = 1'b1;
    if (is_sret && (priv == PRIV_U || (priv == PRIV_S && tsr))) priv_illegal = 1'b1;
    if (is_wfi && (priv == PRIV_U || (priv == PRIV_S && tw))) priv_illegal = 1'b1;
    if (is_sfence && (priv == PRIV_U || (priv == PRIV_S && tvm))) priv_illegal = 1'b1;
    if (is_csr && csr_illegal) priv_illegal = 1'b1;
  end

  // exception of the instruction in EX, in priority order
  always_comb begin
    ex_exc   = 1'b1;
    ex_cause = EXC_ILLEGAL;
    ex_tval  = 64'd0;
    if (if_exc != FEXC_NONE) begin
      ex_cause = (if_exc == FEXC_PAGE) ? EXC_IPAGE : EXC_IACCESS;
      ex_tval  = if_tval;
    end else if (if_rvc_illegal || dec_illegal || priv_illegal) begin
      ex_cause = EXC_ILLEGAL;
      ex_tval  = {32'd0, if_raw};
    end else if (is_ecall) begin
      ex_cause = (priv == PRIV_M) ? EXC_ECALL_M : (priv == PRIV_S) ? EXC_ECALL_S : EXC_ECALL_U;
    end else if (is_ebreak) begin
      ex_cause = EXC_BREAKPOINT;    // mtval = 0, as on QEMU
    end else if (is_amo && amo_state_q == 2'd1 && data_rvalid_i && data_err_i) begin
      ex_cause = EXC_SACCESS;
      ex_tval  = mem_vaddr;
    end else if (is_mem && mem_misaligned) begin
      ex_cause = mem_is_store ? EXC_SADDR_MISALIGN : EXC_LADDR_MISALIGN;
      ex_tval  = mem_vaddr;
    end else if (is_mem && mem_fault != FEXC_NONE) begin
      ex_tval = mem_vaddr;
      if (mem_fault == FEXC_PAGE) ex_cause = mem_is_store ? EXC_SPAGE : EXC_LPAGE;
      else                        ex_cause = mem_is_store ? EXC_SACCESS : EXC_LACCESS;
    end else begin
      ex_exc = 1'b0;
    end
  end

  assign go       = wb_free && !wb_err;
  assign irq_take = irq_pending && go && !data_hold_q && (amo_state_q == 2'd0) && !div_busy &&
                    !div_done && !ptw_busy && !(if_valid && is_wfi && !ex_exc);

  logic        ex_needs_mem;     // the instruction issues a data request
  logic        ex_ready;         // the instruction can finish this cycle (if go)
  logic [63:0] ex_result;
  logic        ex_redirect;
  logic [63:0] ex_redirect_pc;
  logic        ex_sys;           // redirect that changes translation state or privilege
  logic [31:0] ex_addr;
  logic        ex_we, ex_lock;
  logic [7:0]  ex_be;
  logic [63:0] ex_wdata;

  assign ex_needs_mem = is_mem && !(is_sc && !sc_ok);

  always_comb begin
    ex_data_req    = 1'b0;
    ex_addr    = {mem_paddr[31:3], 3'b000};
    ex_we      = 1'b0;
    ex_be      = mem_be;
    ex_wdata   = st_wdata;
    ex_lock    = 1'b0;
    ex_ready       = 1'b1;
    ex_result      = alu_res;
    ex_redirect    = 1'b0;
    ex_redirect_pc = if_pc + ilen;
    ex_sys         = 1'b0;
    amo_state_ex   = amo_state_q;
    amo_old_d      = amo_old_q;
    div_start      = 1'b0;
    dwalk_req      = 1'b0;

    if (if_valid && !ex_exc && !irq_take) begin
      if (is_mem) begin
        if (mem_xlate_miss) begin
          ex_ready  = 1'b0;
          dwalk_req = !ptw_busy;
        end else if (is_amo) begin
          ex_ready = 1'b0;
          unique case (amo_state_q)
            2'd0: begin
              if (go && !ptw_busy) begin
                ex_data_req = 1'b1;
                ex_lock = 1'b1;
                ex_we   = 1'b0;
                if (data_gnt_i) amo_state_ex = 2'd1;
              end
            end
            2'd1: begin
              ex_lock = 1'b1;
              if (data_rvalid_i) begin
                amo_old_d   = amo_rd_val;
                amo_state_ex = 2'd2;
              end
            end
            default: begin
              ex_lock  = 1'b1;
              ex_data_req  = 1'b1;
              ex_we    = 1'b1;
              ex_wdata = amo_word ? {amo_new[31:0], amo_new[31:0]} : amo_new;
              if (data_gnt_i) begin
                ex_ready    = 1'b1;
                amo_state_ex = 2'd0;
              end
            end
          endcase
          ex_result = amo_old_q;
        end else if (ex_needs_mem) begin
          ex_ready = 1'b0;
          if (go && !ptw_busy) begin
            ex_data_req = 1'b1;
            ex_we   = is_store || is_sc;
            ex_ready    = data_gnt_i;
          end
          ex_result = 64'd0;   // SC success
        end else begin
          ex_result = 64'd1;   // SC failure: no store
        end
      end else if (is_mul) begin
        ex_result = mul_res;
      end else if (is_div) begin
        ex_ready  = div_done;
        ex_result = div_res;
        div_start = go && !div_busy && !div_done;
      end else if (is_csr) begin
        ex_ready    = !csr_write || !ptw_busy;
        ex_result   = csr_rdata;
        ex_redirect = csr_write;
        ex_sys      = csr_write;
      end else if (is_wfi) begin
        ex_ready = wfi_wake;
      end else if (is_sfence) begin
        ex_ready    = !ptw_busy;
        ex_redirect = 1'b1;
        ex_sys      = 1'b1;
      end else if (is_fencei) begin
        ex_redirect = 1'b1;
      end else if (is_mret) begin
        ex_redirect    = 1'b1;
        ex_redirect_pc = mepc;
        ex_sys         = 1'b1;
      end else if (is_sret) begin
        ex_redirect    = 1'b1;
        ex_redirect_pc = sepc;
        ex_sys         = 1'b1;
      end else if (is_jal) begin
        ex_redirect    = 1'b1;
        ex_redirect_pc = if_pc + dec_imm;
      end else if (is_jalr) begin
        ex_redirect    = 1'b1;
        ex_redirect_pc = {mem_vaddr[63:1], 1'b0};
      end else if (is_branch) begin
        ex_redirect    = br_taken;
        ex_redirect_pc = if_pc + dec_imm;
      end
    end
  end

  assign ex_done = if_valid && !ex_exc && !irq_take && go && ex_ready;
  assign ex_trap = if_valid && ex_exc && !irq_take && go;
  assign wb_trap = wb_err;
  assign if_ready = ex_done;

  // data port: the walker while it is busy, otherwise execute
  assign data_req_o   = ptw_busy ? ptw_mem_req : ex_data_req;
  assign data_addr_o  = ptw_busy ? ptw_mem_addr : ex_addr;
  assign data_we_o    = ptw_busy ? ptw_mem_we : ex_we;
  assign data_be_o    = ptw_busy ? 8'hff : ex_be;
  assign data_wdata_o = ptw_busy ? ptw_mem_wdata : ex_wdata;
  assign data_lock_o  = !ptw_busy && ex_lock;
  assign data_hold_d  = ex_data_req && !data_gnt_i;

  // ================================================================ CSR file and traps
  logic        take_exc;
  logic [4:0]  exc_cause;
  logic [63:0] exc_tval, epc;
  logic        do_mret, do_sret;

  always_comb begin
    take_exc  = 1'b0;
    exc_cause = ex_cause;
    exc_tval  = ex_tval;
    epc       = if_pc;
    if (wb_trap) begin
      take_exc  = 1'b1;
      exc_cause = wb_store_q ? EXC_SACCESS : EXC_LACCESS;
      exc_tval  = wb_vaddr_q;
      epc       = wb_pc_q;
    end else if (ex_trap) begin
      take_exc = 1'b1;
    end
  end

  assign do_mret    = ex_done && is_mret;
  assign do_sret    = ex_done && is_sret;
  assign csr_commit = ex_done && is_csr;

  pagoda_csr #(.HART_ID(HART_ID)) u_csr (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .csr_valid_i   (is_csr),
    .csr_addr_i    (if_instr[31:20]),
    .csr_op_i      (f3[1:0]),
    .csr_operand_i (csr_operand),
    .csr_write_i   (csr_write),
    .csr_commit_i  (csr_commit),
    .csr_rdata_o   (csr_rdata),
    .csr_illegal_o (csr_illegal),
    .pmp_rdata_i   (pmp_rdata),
    .pmp_we_o      (pmp_we),
    .csr_wdata_o   (csr_wdata),
    .exc_i         (take_exc),
    .exc_cause_i   (exc_cause),
    .exc_tval_i    (exc_tval),
    .irq_take_i    (irq_take && !wb_trap),
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
    .satp_ppn_o    (satp_ppn)
  );

  pagoda_pmp u_pmp (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .csr_addr_i  (if_instr[31:20]),
    .csr_re_i    (is_csr),
    .csr_we_i    (pmp_we),
    .csr_wdata_i (csr_wdata),
    .csr_rdata_o (pmp_rdata),
    .if_addr_i   (ipmp_addr),
    .if_priv_i   (priv),
    .if_ok_o     (ipmp_ok),
    .d_en_i      (ptw_busy || is_mem),
    .d_addr_i    (dpmp_addr),
    .d_priv_i    (dpmp_priv),
    .d_write_i   (dpmp_write),
    .d_ok_o      (dpmp_ok)
  );

  // redirect of fetch
  always_comb begin
    redirect     = 1'b0;
    redirect_pc  = ex_redirect_pc;
    sys_redirect = 1'b0;
    if (take_exc || (irq_take && !wb_trap)) begin
      redirect     = 1'b1;
      redirect_pc  = trap_pc;
      sys_redirect = 1'b1;
    end else if (ex_done && ex_redirect) begin
      redirect     = 1'b1;
      sys_redirect = ex_sys;
    end
  end

  assign amo_state_d = (take_exc || irq_take) ? 2'd0 : amo_state_ex;

  assign tlb_flush = ex_done && (is_sfence || (is_csr && csr_write && if_instr[31:20] == CSR_SATP));

  // ================================================================ state update
  always_comb begin
    wb_valid_d    = wb_valid_q;
    wb_pc_d       = wb_pc_q;
    wb_rd_d       = wb_rd_q;
    wb_we_d       = wb_we_q;
    wb_mem_d      = wb_mem_q;
    wb_load_d     = wb_load_q;
    wb_store_d    = wb_store_q;
    wb_result_d   = wb_result_q;
    wb_size_d     = wb_size_q;
    wb_uns_d      = wb_uns_q;
    wb_off_d      = wb_off_q;
    wb_vaddr_d    = wb_vaddr_q;
    resv_valid_d  = resv_valid_q;
    resv_addr_d   = resv_addr_q;
    dwalk_fault_d = dwalk_fault_q;

    if (wb_retire || wb_err) wb_valid_d = 1'b0;

    if (ex_done) begin
      wb_valid_d  = 1'b1;
      wb_pc_d     = if_pc;
      wb_rd_d     = rd_idx;
      wb_we_d     = dec_we;
      wb_mem_d    = is_mem && ex_needs_mem;
      wb_load_d   = (is_load || is_lr);
      wb_store_d  = mem_is_store;
      wb_result_d = ex_result;
      wb_size_d   = mem_size;
      wb_uns_d    = f3[2];
      wb_off_d    = mem_paddr[2:0];
      wb_vaddr_d  = mem_vaddr;
      if (is_lr) begin
        resv_valid_d = 1'b1;
        resv_addr_d  = mem_paddr;
      end
      if (is_sc) resv_valid_d = 1'b0;
    end

    // data-side walk results belong to the instruction waiting in EX
    if (ptw_done && ptw_owner_q && ptw_fault != FEXC_NONE) dwalk_fault_d = ptw_fault;
    if (ex_done || redirect) dwalk_fault_d = FEXC_NONE;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wb_valid_q    <= 1'b0;
      wb_pc_q       <= 64'd0;
      wb_rd_q       <= 5'd0;
      wb_we_q       <= 1'b0;
      wb_mem_q      <= 1'b0;
      wb_load_q     <= 1'b0;
      wb_store_q    <= 1'b0;
      wb_result_q   <= 64'd0;
      wb_size_q     <= 2'd0;
      wb_uns_q      <= 1'b0;
      wb_off_q      <= 3'd0;
      wb_vaddr_q    <= 64'd0;
      resv_valid_q  <= 1'b0;
      resv_addr_q   <= 32'd0;
      dwalk_fault_q <= FEXC_NONE;
      amo_state_q   <= 2'd0;
      amo_old_q     <= 64'd0;
      data_hold_q   <= 1'b0;
      ptw_owner_q   <= 1'b0;
    end else begin
      wb_valid_q    <= wb_valid_d;
      wb_pc_q       <= wb_pc_d;
      wb_rd_q       <= wb_rd_d;
      wb_we_q       <= wb_we_d;
      wb_mem_q      <= wb_mem_d;
      wb_load_q     <= wb_load_d;
      wb_store_q    <= wb_store_d;
      wb_result_q   <= wb_result_d;
      wb_size_q     <= wb_size_d;
      wb_uns_q      <= wb_uns_d;
      wb_off_q      <= wb_off_d;
      wb_vaddr_q    <= wb_vaddr_d;
      resv_valid_q  <= resv_valid_d;
      resv_addr_q   <= resv_addr_d;
      dwalk_fault_q <= dwalk_fault_d;
      amo_state_q   <= amo_state_d;
      amo_old_q     <= amo_old_d;
      data_hold_q   <= data_hold_d;
      ptw_owner_q   <= ptw_owner_d;
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // Retire/trap invariants: an instruction in EX either completes, traps or is interrupted, at
  // most one of them; the instruction in WB retires or takes its access fault, not both.
  `ASSERT_ONEHOT0(CoreOneOutcome, {ex_done, take_exc, irq_take && !wb_trap})
  `ASSERT_NEVER(CoreRetireAndTrap, wb_retire && wb_trap)
  `ASSERT_NEVER(CoreRetireOdd, retire_o && retire_pc_o[0])
  `ASSERT_NEVER(CorePrivReserved, priv == 2'b10)
  // the data port, PBUS master rules (docs/bus.md): a waiting request is held; the walker and
  // execute never both request it
  `ASSERT_HELD(CoreDataReqHeld, data_req_o, data_gnt_i,
               {data_addr_o, data_we_o, data_be_o, data_wdata_o})
  `ASSERT_NEVER(CoreDataBeZero, data_req_o && data_be_o == 8'd0)
  `ASSERT_NEVER(CoreDataTwoOwners, ptw_busy && ex_data_req)
  `ASSERT_RESET(CoreDataIdleInReset, !data_req_o)
  `ASSERT(CoreAmoStateLegal, amo_state_q != 2'd3)

endmodule
