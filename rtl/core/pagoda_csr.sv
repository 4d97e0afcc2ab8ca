// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: CSR file and trap unit (privilege spec 1.12, M/S/U). Holds the privilege level,
// performs CSR reads/writes with their access rules, trap entry with medeleg/mideleg delegation,
// MRET/SRET, interrupt selection, and the cycle/instret counters. Unimplemented CSRs are illegal.
// The PMP CSRs are decoded here (access rules) and stored in pagoda_pmp.
`include "pagoda_assert.svh"
module pagoda_csr #(
  parameter logic [63:0] HART_ID = 64'd0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // CSR instruction in execute
  input  logic        csr_valid_i,    // a CSR instruction is in execute (else the read is skipped)
  input  logic [11:0] csr_addr_i,
  input  pagoda_core_pkg::csr_op_e csr_op_i,   // RW, RS or RC
  input  logic [63:0] csr_operand_i,
  input  logic        csr_write_i,    // the instruction writes (RW, or RS/RC with nonzero source)
  input  logic        csr_commit_i,   // perform the write this cycle
  output logic [63:0] csr_rdata_o,
  output logic        csr_illegal_o,
  // PMP CSRs (pmpcfg0/2, pmpaddr0..15) live in pagoda_pmp: read data in, write out
  input  logic [63:0] pmp_rdata_i,
  output logic        pmp_we_o,
  output logic [63:0] csr_wdata_o,
  // traps
  input  logic        exc_i,
  input  logic [4:0]  exc_cause_i,
  input  logic [63:0] exc_tval_i,
  input  logic        irq_take_i,
  input  logic [63:0] epc_i,
  output logic [63:0] trap_pc_o,      // handler address for exc_i / irq_take_i
  input  logic        mret_i,
  input  logic        sret_i,
  output logic [63:0] mepc_o,
  output logic [63:0] sepc_o,
  // interrupts
  input  logic        irq_msoft_i,
  input  logic        irq_mtimer_i,
  input  logic        irq_mext_i,
  input  logic        irq_sext_i,
  input  logic [63:0] mtime_i,
  // performance events (pagoda_hpm; event k = HPM_EV_* number k)
  input  logic [pagoda_core_pkg::HPM_NEV:1] hpm_events_i,
  output logic        irq_pending_o,  // an enabled interrupt should be taken
  output logic        wfi_wake_o,     // some interrupt is pending and locally enabled
  // state for the rest of the core
  input  logic        retire_i,
  output logic [1:0]  priv_o,
  output logic        mprv_o,
  output logic [1:0]  mpp_o,
  output logic        sum_o,
  output logic        mxr_o,
  output logic        tvm_o,
  output logic        tw_o,
  output logic        tsr_o,
  output logic        sv39_o,
  output logic [43:0] satp_ppn_o,
  output pagoda_core_pkg::envcfg_t menvcfg_o,   // cache-block operations allowed below M
  output pagoda_core_pkg::envcfg_t senvcfg_o    // and in U
);
  // Package constants used here (Yosys 0.23 has no package import).
  localparam logic [11:0] CSR_CYCLE      = pagoda_core_pkg::CSR_CYCLE;
  localparam logic [11:0] CSR_INSTRET    = pagoda_core_pkg::CSR_INSTRET;
  localparam logic [11:0] CSR_MARCHID    = pagoda_core_pkg::CSR_MARCHID;
  localparam logic [11:0] CSR_MCAUSE     = pagoda_core_pkg::CSR_MCAUSE;
  localparam logic [11:0] CSR_MCONFIGPTR = pagoda_core_pkg::CSR_MCONFIGPTR;
  localparam logic [11:0] CSR_MCOUNTEREN = pagoda_core_pkg::CSR_MCOUNTEREN;
  localparam logic [11:0] CSR_MCOUNTINH  = pagoda_core_pkg::CSR_MCOUNTINH;
  localparam logic [11:0] CSR_MCYCLE     = pagoda_core_pkg::CSR_MCYCLE;
  localparam logic [11:0] CSR_MEDELEG    = pagoda_core_pkg::CSR_MEDELEG;
  localparam logic [11:0] CSR_MENVCFG    = pagoda_core_pkg::CSR_MENVCFG;
  localparam logic [11:0] CSR_MEPC       = pagoda_core_pkg::CSR_MEPC;
  localparam logic [11:0] CSR_MHARTID    = pagoda_core_pkg::CSR_MHARTID;
  localparam logic [11:0] CSR_MIDELEG    = pagoda_core_pkg::CSR_MIDELEG;
  localparam logic [11:0] CSR_MIE        = pagoda_core_pkg::CSR_MIE;
  localparam logic [11:0] CSR_MIMPID     = pagoda_core_pkg::CSR_MIMPID;
  localparam logic [11:0] CSR_MINSTRET   = pagoda_core_pkg::CSR_MINSTRET;
  localparam logic [11:0] CSR_MIP        = pagoda_core_pkg::CSR_MIP;
  localparam logic [11:0] CSR_MISA       = pagoda_core_pkg::CSR_MISA;
  localparam logic [11:0] CSR_MSCRATCH   = pagoda_core_pkg::CSR_MSCRATCH;
  localparam logic [11:0] CSR_MSTATUS    = pagoda_core_pkg::CSR_MSTATUS;
  localparam logic [11:0] CSR_MTVAL      = pagoda_core_pkg::CSR_MTVAL;
  localparam logic [11:0] CSR_MTVEC      = pagoda_core_pkg::CSR_MTVEC;
  localparam logic [11:0] CSR_MVENDORID  = pagoda_core_pkg::CSR_MVENDORID;
  localparam logic [11:0] CSR_PMPADDR0   = pagoda_core_pkg::CSR_PMPADDR0;
  localparam logic [11:0] CSR_PMPCFG0    = pagoda_core_pkg::CSR_PMPCFG0;
  localparam logic [11:0] CSR_PMPCFG2    = pagoda_core_pkg::CSR_PMPCFG2;
  localparam logic [11:0] CSR_SATP       = pagoda_core_pkg::CSR_SATP;
  localparam logic [11:0] CSR_SCAUSE     = pagoda_core_pkg::CSR_SCAUSE;
  localparam logic [11:0] CSR_SCOUNTEREN = pagoda_core_pkg::CSR_SCOUNTEREN;
  localparam logic [11:0] CSR_SENVCFG    = pagoda_core_pkg::CSR_SENVCFG;
  localparam logic [11:0] CSR_SEPC       = pagoda_core_pkg::CSR_SEPC;
  localparam logic [11:0] CSR_SIE        = pagoda_core_pkg::CSR_SIE;
  localparam logic [11:0] CSR_SIP        = pagoda_core_pkg::CSR_SIP;
  localparam logic [11:0] CSR_SSCRATCH   = pagoda_core_pkg::CSR_SSCRATCH;
  localparam logic [11:0] CSR_SSTATUS    = pagoda_core_pkg::CSR_SSTATUS;
  localparam logic [11:0] CSR_STVAL      = pagoda_core_pkg::CSR_STVAL;
  localparam logic [11:0] CSR_STVEC      = pagoda_core_pkg::CSR_STVEC;
  localparam logic [11:0] CSR_TIME       = pagoda_core_pkg::CSR_TIME;
  localparam logic [63:0] MISA_VALUE     = pagoda_core_pkg::MISA_VALUE;
  localparam logic [1:0] PRIV_M         = pagoda_core_pkg::PRIV_M;
  localparam logic [1:0] PRIV_S         = pagoda_core_pkg::PRIV_S;
  localparam logic [1:0] PRIV_U         = pagoda_core_pkg::PRIV_U;

  logic [1:0]  priv_q, priv_d;
  pagoda_core_pkg::mstatus_t mstatus_q, mstatus_d;
  logic [15:0] medeleg_q, medeleg_d;
  pagoda_core_pkg::irqs_t mideleg_q, mideleg_d;
  pagoda_core_pkg::irqs_t mie_r_q, mie_r_d;   // mie register
  logic        ssip_q, ssip_d, stip_q, stip_d, seip_q, seip_d;
  logic [63:0] mtvec_q, mtvec_d, stvec_q, stvec_d;
  // counter enables and inhibits: CY, TM, IR and the HPM_N counters (bits of absent ones read 0)
  localparam int unsigned CNT_W = 3 + pagoda_core_pkg::HPM_N;
  logic [CNT_W-1:0] mcounteren_q, mcounteren_d, scounteren_q, scounteren_d;
  logic [CNT_W-1:0] mcountinhibit_q, mcountinhibit_d;
  logic [63:0] mscratch_q, mscratch_d, sscratch_q, sscratch_d;
  logic [63:0] mepc_q, mepc_d, sepc_q, sepc_d;
  logic [63:0] mcause_q, mcause_d, scause_q, scause_d;
  logic [63:0] mtval_q, mtval_d, stval_q, stval_d;
  pagoda_core_pkg::satp_t satp_q, satp_d;
  logic [63:0] mcycle_q, mcycle_d, minstret_q, minstret_d;
  logic        skip_inc_q, skip_inc_d;   // a CSR write of minstret replaces its own increment
  pagoda_core_pkg::envcfg_t menvcfg_q, menvcfg_d, senvcfg_q, senvcfg_d;

  localparam logic [63:0] SSTATUS_MASK = 64'h0000_0000_000C_0122;  // SIE SPIE SPP SUM MXR

  // Interrupt bits: only the standard ones exist (mie/mip writable 0xAAA), and only the
  // supervisor ones can be delegated or set through sie (0x222).
  localparam logic [11:0] IRQS_STD = 12'hAAA;
  localparam logic [11:0] IRQS_S   = 12'h222;

  logic [63:0] mstatus_val, sstatus_val, mip_val;
  pagoda_core_pkg::irqs_t mip;
  assign mstatus_val = {1'b0, 27'd0, 2'd2, 2'd2, 9'd0,
                        mstatus_q.tsr, mstatus_q.tw, mstatus_q.tvm, mstatus_q.mxr, mstatus_q.sum,
                        mstatus_q.mprv, 2'd0, 2'd0, mstatus_q.mpp, 2'd0, mstatus_q.spp,
                        mstatus_q.mpie, 1'b0, mstatus_q.spie, 1'b0, mstatus_q.mie, 1'b0,
                        mstatus_q.sie, 1'b0};
  assign sstatus_val = mstatus_val & SSTATUS_MASK | {30'd0, 2'd2, 32'd0};
  always_comb begin
    mip     = '0;
    mip.mei = irq_mext_i;
    mip.sei = seip_q | irq_sext_i;
    mip.mti = irq_mtimer_i;
    mip.sti = stip_q;
    mip.msi = irq_msoft_i;
    mip.ssi = ssip_q;
  end
  assign mip_val = {52'd0, mip};

  logic [63:0] mie_val, mideleg_val, menvcfg_val, senvcfg_val;
  assign menvcfg_val = {56'd0, menvcfg_q.cbze, menvcfg_q.cbcfe, menvcfg_q.cbie, 3'd0,
                        menvcfg_q.fiom};
  assign senvcfg_val = {56'd0, senvcfg_q.cbze, senvcfg_q.cbcfe, senvcfg_q.cbie, 3'd0,
                        senvcfg_q.fiom};
  assign mie_val     = {52'd0, mie_r_q};
  assign mideleg_val = {52'd0, mideleg_q};

  // ------------------------------------------------------------------ read + access check
  logic known, counter_ok, is_pmp, is_hpm;
  logic [63:0] hpm_rdata;
  // pmpcfg0, pmpcfg2 (odd pmpcfg CSRs do not exist in RV64) and pmpaddr0..15
  assign is_pmp = (csr_addr_i == CSR_PMPCFG0) || (csr_addr_i == CSR_PMPCFG2) ||
                  (csr_addr_i[11:4] == CSR_PMPADDR0[11:4]);
  // cycle, time, instret, hpmcounter3..31 (0xC00..0xC1F) from S/U: mcounteren's bit, and from U
  // also scounteren's (absent counters' bits read 0, so their reads trap below M)
  logic [31:0] men_ext, sen_ext;
  assign men_ext = 32'(mcounteren_q);
  assign sen_ext = 32'(scounteren_q);
  assign counter_ok = (priv_q == PRIV_M) ||
                      (men_ext[csr_addr_i[4:0]] && (priv_q != PRIV_U || sen_ext[csr_addr_i[4:0]]));

  // The read (and with it csr_illegal_o) is looked at only for a CSR instruction; without one it is
  // skipped and reads 0 (simulation speed: Verilator would decode the address every cycle).
  always_comb begin
    known       = 1'b1;
    csr_rdata_o = 64'd0;
    if (csr_valid_i) unique case (csr_addr_i)
      CSR_SSTATUS:    csr_rdata_o = sstatus_val;
      CSR_SIE:        csr_rdata_o = mie_val & mideleg_val;
      CSR_STVEC:      csr_rdata_o = stvec_q;
      CSR_SCOUNTEREN: csr_rdata_o = 64'(scounteren_q);
      CSR_SENVCFG:    csr_rdata_o = senvcfg_val;
      CSR_SSCRATCH:   csr_rdata_o = sscratch_q;
      CSR_SEPC:       csr_rdata_o = sepc_q;
      CSR_SCAUSE:     csr_rdata_o = scause_q;
      CSR_STVAL:      csr_rdata_o = stval_q;
      CSR_SIP:        csr_rdata_o = mip_val & mideleg_val;
      CSR_SATP:       csr_rdata_o = {satp_q.sv39, 3'd0, 16'd0, satp_q.ppn};
      CSR_MSTATUS:    csr_rdata_o = mstatus_val;
      CSR_MISA:       csr_rdata_o = MISA_VALUE;
      CSR_MEDELEG:    csr_rdata_o = {48'd0, medeleg_q};
      CSR_MIDELEG:    csr_rdata_o = mideleg_val;
      CSR_MIE:        csr_rdata_o = mie_val;
      CSR_MTVEC:      csr_rdata_o = mtvec_q;
      CSR_MCOUNTEREN: csr_rdata_o = 64'(mcounteren_q);
      CSR_MENVCFG:    csr_rdata_o = menvcfg_val;
      CSR_MCOUNTINH:  csr_rdata_o = 64'(mcountinhibit_q);
      CSR_MSCRATCH:   csr_rdata_o = mscratch_q;
      CSR_MEPC:       csr_rdata_o = mepc_q;
      CSR_MCAUSE:     csr_rdata_o = mcause_q;
      CSR_MTVAL:      csr_rdata_o = mtval_q;
      CSR_MIP:        csr_rdata_o = mip_val;
      CSR_MCYCLE:     csr_rdata_o = mcycle_q;
      CSR_MINSTRET:   csr_rdata_o = minstret_q;
      CSR_CYCLE:      csr_rdata_o = mcycle_q;
      CSR_TIME:       csr_rdata_o = mtime_i;
      CSR_INSTRET:    csr_rdata_o = minstret_q;
      CSR_MVENDORID:  csr_rdata_o = 64'd0;
      CSR_MARCHID:    csr_rdata_o = 64'd0;
      CSR_MIMPID:     csr_rdata_o = 64'd0;
      CSR_MHARTID:    csr_rdata_o = HART_ID;
      CSR_MCONFIGPTR: csr_rdata_o = 64'd0;
      default: begin
        if (is_pmp)      csr_rdata_o = pmp_rdata_i;
        else if (is_hpm) csr_rdata_o = hpm_rdata;
        else             known = 1'b0;
      end
    endcase
  end

  logic is_counter;
  assign is_counter = (csr_addr_i[11:5] == CSR_CYCLE[11:5]);   // 0xC00..0xC1F

  assign csr_illegal_o = !known ||
                         (csr_addr_i[9:8] > priv_q) ||
                         (csr_write_i && (csr_addr_i[11:10] == 2'b11)) ||
                         (is_counter && !counter_ok) ||
                         ((csr_addr_i == CSR_SATP) && mstatus_q.tvm && (priv_q == PRIV_S));

  // CSRRS/CSRRC modify the register, not the read value: mip.SEIP reads as the software bit OR the
  // external line irq_sext_i, but only the software bit takes part in the read-modify-write, so a
  // csrs/csrc of any mip bit never latches the line into seip_q (privileged spec, mip/mie). rd still
  // gets the OR. Every other CSR that shows an input (MSIP/MTIP/MEIP, time) is read-only there.
  logic [63:0] rmw_base, wval;
  always_comb begin
    rmw_base = csr_rdata_o;
    if (csr_addr_i == CSR_MIP) rmw_base[9] = seip_q;
    unique case (csr_op_i)
      pagoda_core_pkg::CSR_OP_RS: wval = rmw_base | csr_operand_i;
      pagoda_core_pkg::CSR_OP_RC: wval = rmw_base & ~csr_operand_i;
      default:                    wval = csr_operand_i;   // CSR_OP_RW
    endcase
  end
  // the interrupt bits of a write to mip/sip (only SSIP/STIP/SEIP are writable there)
  // verilator lint_off UNUSEDSIGNAL
  pagoda_core_pkg::irqs_t wip;
  // verilator lint_on UNUSEDSIGNAL
  assign wip = wval[11:0];

  // ------------------------------------------------------------------ interrupts
  pagoda_core_pkg::irqs_t pend, m_pend, s_pend;
  logic        m_en, s_en;
  logic [3:0]  irq_cause;
  assign pend   = mip & mie_r_q;
  assign m_pend = pend & ~mideleg_q;
  assign s_pend = pend & mideleg_q;
  assign m_en   = (priv_q != PRIV_M) || mstatus_q.mie;
  assign s_en   = (priv_q == PRIV_U) || ((priv_q == PRIV_S) && mstatus_q.sie);

  // only the six standard interrupt bits (1,3,5,7,9,11) can be pending; the rest are not looked at
  // verilator lint_off UNUSEDSIGNAL
  function automatic logic [3:0] pick_irq(pagoda_core_pkg::irqs_t p);
    logic [3:0] c;
    c = 4'd0;
    if      (p.mei) c = 4'd11;
    else if (p.msi) c = 4'd3;
    else if (p.mti) c = 4'd7;
    else if (p.sei) c = 4'd9;
    else if (p.ssi) c = 4'd1;
    else if (p.sti) c = 4'd5;
    pick_irq = c;
  endfunction
  // verilator lint_on UNUSEDSIGNAL

  assign irq_pending_o = (m_en && (m_pend != '0)) || (s_en && (s_pend != '0));
  assign wfi_wake_o    = (pend != '0);

  // ------------------------------------------------------------------ trap target
  // (computed only in the cycle of a trap: simulation speed)
  logic [63:0] cause;
  logic        to_s;
  logic [63:0] tvec;
  always_comb begin
    irq_cause = 4'd0;
    cause     = 64'd0;
    to_s      = 1'b0;
    tvec      = 64'd0;
    trap_pc_o = 64'd0;
    if (exc_i || irq_take_i) begin
      if (m_en && (m_pend != '0)) irq_cause = pick_irq(m_pend);
      else if (s_en && (s_pend != '0)) irq_cause = pick_irq(s_pend);
      cause = irq_take_i ? {1'b1, 59'd0, irq_cause} : {59'd0, exc_cause_i};
      to_s  = (priv_q != PRIV_M) &&
              (irq_take_i ? mideleg_q[irq_cause] : medeleg_q[exc_cause_i[3:0]] && !exc_cause_i[4]);
      tvec  = to_s ? stvec_q : mtvec_q;
      trap_pc_o = {tvec[63:2], 2'b00};
      if (irq_take_i && tvec[0]) trap_pc_o = {tvec[63:2], 2'b00} + {58'd0, irq_cause, 2'b00};
    end
  end

  logic unused_tvec;
  assign unused_tvec = tvec[1];

  assign mepc_o = mepc_q;
  assign sepc_o = sepc_q;

  // ------------------------------------------------------------------ state update
  logic do_write, csr_upd;
  assign do_write = csr_commit_i && csr_write_i;
  // every register but the counters changes only with a CSR write, a trap or an xRET: they are
  // written only then (a clock enable; simulation speed, as Verilator copies every register)
  assign csr_upd  = do_write || exc_i || irq_take_i || mret_i || sret_i;
  assign pmp_we_o    = do_write && is_pmp;
  assign csr_wdata_o = wval;

  // ------------------------------------------------------------------ performance counters
  pagoda_hpm u_hpm (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .events_i    (hpm_events_i),
    .inhibit_i   (mcountinhibit_q[CNT_W-1:3]),
    .csr_addr_i  (csr_addr_i),
    .csr_we_i    (do_write && is_hpm),
    .csr_wdata_i (wval),
    .is_hpm_o    (is_hpm),
    .csr_rdata_o (hpm_rdata)
  );

  always_comb begin
    priv_d          = priv_q;
    mstatus_d       = mstatus_q;
    medeleg_d       = medeleg_q;
    mideleg_d       = mideleg_q;
    mie_r_d         = mie_r_q;
    ssip_d          = ssip_q;
    stip_d          = stip_q;
    seip_d          = seip_q;
    mtvec_d         = mtvec_q;
    stvec_d         = stvec_q;
    mcounteren_d    = mcounteren_q;
    scounteren_d    = scounteren_q;
    mcountinhibit_d = mcountinhibit_q;
    mscratch_d      = mscratch_q;
    sscratch_d      = sscratch_q;
    mepc_d          = mepc_q;
    sepc_d          = sepc_q;
    mcause_d        = mcause_q;
    scause_d        = scause_q;
    mtval_d         = mtval_q;
    stval_d         = stval_q;
    satp_d          = satp_q;
    mcycle_d        = mcountinhibit_q[0] ? mcycle_q : mcycle_q + 64'd1;
    minstret_d      = (mcountinhibit_q[2] || !retire_i || skip_inc_q) ? minstret_q :
                      minstret_q + 64'd1;
    skip_inc_d      = skip_inc_q && !retire_i;
    menvcfg_d       = menvcfg_q;
    senvcfg_d       = senvcfg_q;

    if (do_write) begin
      unique case (csr_addr_i)
        CSR_SSTATUS: begin
          mstatus_d.sie  = wval[1];
          mstatus_d.spie = wval[5];
          mstatus_d.spp  = wval[8];
          mstatus_d.sum  = wval[18];
          mstatus_d.mxr  = wval[19];
        end
        CSR_MSTATUS: begin
          mstatus_d.sie  = wval[1];
          mstatus_d.mie  = wval[3];
          mstatus_d.spie = wval[5];
          mstatus_d.mpie = wval[7];
          mstatus_d.spp  = wval[8];
          if (wval[12:11] != 2'b10) mstatus_d.mpp = wval[12:11];
          mstatus_d.mprv = wval[17];
          mstatus_d.sum  = wval[18];
          mstatus_d.mxr  = wval[19];
          mstatus_d.tvm  = wval[20];
          mstatus_d.tw   = wval[21];
          mstatus_d.tsr  = wval[22];
        end
        CSR_SIE: mie_r_d = (mie_r_q & ~mideleg_q) | (wval[11:0] & mideleg_q & IRQS_S);
        CSR_MIE: mie_r_d = wval[11:0] & IRQS_STD;
        CSR_SIP: if (mideleg_q.ssi) ssip_d = wip.ssi;
        CSR_MIP: begin
          ssip_d = wip.ssi;
          stip_d = wip.sti;
          seip_d = wip.sei;
        end
        CSR_MEDELEG: medeleg_d = wval[15:0] & 16'hB3FF;
        CSR_MIDELEG: mideleg_d = wval[11:0] & IRQS_S;
        CSR_STVEC:   stvec_d = {wval[63:2], 1'b0, wval[0]};
        CSR_MTVEC:   mtvec_d = {wval[63:2], 1'b0, wval[0]};
        CSR_SCOUNTEREN: scounteren_d = wval[CNT_W-1:0];
        CSR_MCOUNTEREN: mcounteren_d = wval[CNT_W-1:0];
        CSR_MCOUNTINH:  mcountinhibit_d = {wval[CNT_W-1:2], 1'b0, wval[0]};   // no TM bit
        CSR_SSCRATCH: sscratch_d = wval;
        CSR_MSCRATCH: mscratch_d = wval;
        CSR_SEPC:     sepc_d = {wval[63:1], 1'b0};
        CSR_MEPC:     mepc_d = {wval[63:1], 1'b0};
        CSR_SCAUSE:   scause_d = wval;
        CSR_MCAUSE:   mcause_d = wval;
        CSR_STVAL:    stval_d = wval;
        CSR_MTVAL:    mtval_d = wval;
        CSR_SATP: begin
          // WARL: a write with an unsupported mode is ignored entirely.
          if (wval[63:60] == 4'd0 || wval[63:60] == 4'd8) begin
            satp_d.sv39 = wval[63];
            satp_d.ppn  = wval[43:0];
          end
        end
        // WARL: FIOM, CBIE, CBCFE, CBZE are stored; a CBIE of 2'b10 (reserved) keeps the old
        // value. OpenSBI 1.1 writes menvcfg with CBIE = 11, CBCFE = CBZE = 1 (and PBMTE, which
        // reads 0 here) when it finds priv 1.12, so S-mode may use every CBO.
        CSR_MENVCFG: begin
          menvcfg_d.fiom  = wval[0];
          menvcfg_d.cbcfe = wval[6];
          menvcfg_d.cbze  = wval[7];
          if (wval[5:4] != 2'b10) menvcfg_d.cbie = wval[5:4];
        end
        CSR_SENVCFG: begin
          senvcfg_d.fiom  = wval[0];
          senvcfg_d.cbcfe = wval[6];
          senvcfg_d.cbze  = wval[7];
          if (wval[5:4] != 2'b10) senvcfg_d.cbie = wval[5:4];
        end
        CSR_MCYCLE:   mcycle_d = wval;
        CSR_MINSTRET: begin
          minstret_d = wval;
          skip_inc_d = 1'b1;
        end
        default: ;
      endcase
    end

    if (exc_i || irq_take_i) begin
      if (to_s) begin
        scause_d = cause;
        sepc_d   = epc_i;
        stval_d  = irq_take_i ? 64'd0 : exc_tval_i;
        mstatus_d.spp    = priv_q[0];
        mstatus_d.spie   = mstatus_q.sie;
        mstatus_d.sie    = 1'b0;
        priv_d   = PRIV_S;
      end else begin
        mcause_d = cause;
        mepc_d   = epc_i;
        mtval_d  = irq_take_i ? 64'd0 : exc_tval_i;
        mstatus_d.mpp    = priv_q;
        mstatus_d.mpie   = mstatus_q.mie;
        mstatus_d.mie    = 1'b0;
        priv_d   = PRIV_M;
      end
    end else if (mret_i) begin
      priv_d = mstatus_q.mpp;
      mstatus_d.mie  = mstatus_q.mpie;
      mstatus_d.mpie = 1'b1;
      mstatus_d.mpp  = PRIV_U;
      if (mstatus_q.mpp != PRIV_M) mstatus_d.mprv = 1'b0;
    end else if (sret_i) begin
      priv_d = {1'b0, mstatus_q.spp};
      mstatus_d.sie  = mstatus_q.spie;
      mstatus_d.spie = 1'b1;
      mstatus_d.spp  = 1'b0;
      mstatus_d.mprv = 1'b0;
    end
  end

  assign priv_o     = priv_q;
  assign mprv_o     = mstatus_q.mprv;
  assign mpp_o      = mstatus_q.mpp;
  assign sum_o      = mstatus_q.sum;
  assign mxr_o      = mstatus_q.mxr;
  assign tvm_o      = mstatus_q.tvm;
  assign tw_o       = mstatus_q.tw;
  assign tsr_o      = mstatus_q.tsr;
  assign sv39_o     = satp_q.sv39;
  assign satp_ppn_o = satp_q.ppn;
  assign menvcfg_o  = menvcfg_q;
  assign senvcfg_o  = senvcfg_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      priv_q          <= PRIV_M;
      mstatus_q       <= '0;          // MPP = U (0), interrupts off
      medeleg_q       <= 16'd0;
      mideleg_q       <= '0;
      mie_r_q         <= '0;
      ssip_q          <= 1'b0;
      stip_q          <= 1'b0;
      seip_q          <= 1'b0;
      mtvec_q         <= 64'd0;
      stvec_q         <= 64'd0;
      mcounteren_q    <= '0;
      scounteren_q    <= '0;
      mcountinhibit_q <= '0;
      mscratch_q      <= 64'd0;
      sscratch_q      <= 64'd0;
      mepc_q          <= 64'd0;
      sepc_q          <= 64'd0;
      mcause_q        <= 64'd0;
      scause_q        <= 64'd0;
      mtval_q         <= 64'd0;
      stval_q         <= 64'd0;
      satp_q          <= '0;          // Bare
      mcycle_q        <= 64'd0;
      minstret_q      <= 64'd0;
      skip_inc_q      <= 1'b0;
      menvcfg_q       <= '0;          // set by OpenSBI (docs/core.md "Cache-block operations")
      senvcfg_q       <= '0;
    end else begin
      mcycle_q        <= mcycle_d;
      minstret_q      <= minstret_d;
      skip_inc_q      <= skip_inc_d;
      if (csr_upd) begin
        priv_q          <= priv_d;
        mstatus_q       <= mstatus_d;
        medeleg_q       <= medeleg_d;
        mideleg_q       <= mideleg_d;
        mie_r_q         <= mie_r_d;
        ssip_q          <= ssip_d;
        stip_q          <= stip_d;
        seip_q          <= seip_d;
        mtvec_q         <= mtvec_d;
        stvec_q         <= stvec_d;
        mcounteren_q    <= mcounteren_d;
        scounteren_q    <= scounteren_d;
        mcountinhibit_q <= mcountinhibit_d;
        mscratch_q      <= mscratch_d;
        sscratch_q      <= sscratch_d;
        mepc_q          <= mepc_d;
        sepc_q          <= sepc_d;
        mcause_q        <= mcause_d;
        scause_q        <= scause_d;
        mtval_q         <= mtval_d;
        stval_q         <= stval_d;
        satp_q          <= satp_d;
        menvcfg_q       <= menvcfg_d;
        senvcfg_q       <= senvcfg_d;
      end
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // WARL fields hold legal values only: no reserved privilege (2) in priv or MPP, xEPC even
  // (IALIGN 16 with C), xTVEC mode direct or vectored
  `ASSERT_NEVER(CsrPrivReserved, priv_q == 2'b10 || mstatus_q.mpp == 2'b10)
  `ASSERT_NEVER(CsrEpcOdd, mepc_q[0] || sepc_q[0])
  `ASSERT_NEVER(CsrTvecModeReserved, mtvec_q[1] || stvec_q[1])
  // a trap goes to a 4-byte aligned handler; it never comes with an xRET, nor MRET with SRET
  `ASSERT_NEVER(CsrTrapPcUnaligned, (exc_i || irq_take_i) && trap_pc_o[1:0] != 2'b00)
  `ASSERT_NEVER(CsrTrapAndRet, (exc_i || irq_take_i) && (mret_i || sret_i))
  `ASSERT_NEVER(CsrMretAndSret, mret_i && sret_i)
  `ASSERT_NEVER(CsrCbieReserved, menvcfg_q.cbie == 2'b10 || senvcfg_q.cbie == 2'b10)

endmodule
