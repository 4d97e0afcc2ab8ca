// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: physical memory protection (privileged spec 1.12, section 3.7). Holds pmpcfg0/2 and
// pmpaddr0..15 (entries PMP_N..15 are read-only zero) and decodes each entry once for the two
// checkers: instruction fetch, and the data port (loads, stores, AMOs and page-table walks).
//
// Granularity G = PMP_G: regions are multiples of 2^(G+2) bytes (4 KiB). pmpaddr stores only bits
// [PA-3 : G-1] (PA = 32 physical address bits); per the spec's read-back rule bits [G-2:0] read as
// ones in NAPOT mode, bits [G-1:0] read as zeros in OFF and TOR mode, and bit G-1 keeps its value
// when the mode changes. NA4 is not selectable with G >= 1: a write of A = NA4 stores OFF. R = 0 with
// W = 1 is reserved: W is stored only together with R, so W alone always implies R (the AMO check).
// Locked entries (L) ignore writes to their pmpcfg byte and pmpaddr, and so does the pmpaddr below
// a locked TOR entry; only reset clears L.
`include "pagoda_assert.svh"
module pagoda_pmp (
  input  logic        clk_i,
  input  logic        rst_ni,
  // CSR access (the CSR file decodes the address range and the access rules)
  input  logic [11:0] csr_addr_i,
  input  logic        csr_re_i,       // a CSR instruction is in execute (else the read is skipped)
  input  logic        csr_we_i,       // write csr_wdata_i to csr_addr_i (a PMP CSR) this cycle
  input  logic [63:0] csr_wdata_i,
  output logic [63:0] csr_rdata_o,
  // instruction fetch: one 8-byte lane at if_addr_i, privilege if_priv_i, needs X
  input  logic [31:0] if_addr_i,
  input  logic [1:0]  if_priv_i,
  output logic        if_ok_o,
  // data port: an aligned access of at most 8 bytes at d_addr_i; needs W if d_write_i, else R.
  // d_en_i: the answer is looked at (a memory instruction in EX or a walk)
  input  logic        d_en_i,
  input  logic [31:0] d_addr_i,
  input  logic [1:0]  d_priv_i,
  input  logic        d_write_i,
  output logic        d_ok_o
);
  localparam int unsigned N  = pagoda_core_pkg::PMP_N;
  localparam int unsigned G  = pagoda_core_pkg::PMP_G;
  localparam int unsigned AW = 30;          // pmpaddr bits that name a 32-bit physical address
  localparam int unsigned BW = AW - G;      // compared bits: pmpaddr[AW-1:G] = address[31:G+2]
  localparam logic [11:0] CSR_PMPCFG0  = pagoda_core_pkg::CSR_PMPCFG0;
  localparam logic [11:0] CSR_PMPCFG2  = pagoda_core_pkg::CSR_PMPCFG2;
  localparam logic [1:0]  A_OFF        = 2'd0;
  localparam logic [1:0]  A_TOR        = 2'd1;
  localparam logic [1:0]  A_NA4        = 2'd2;
  localparam logic [1:0]  A_NAPOT      = 2'd3;

  // Per entry i, packed side by side as the checkers take them: cfg_q = {L, A[1:0], X, W, R};
  // base_q = pmpaddr[AW-1:G], g1_q = pmpaddr[G-1] (stored for the read-back rule only); mask_q:
  // the NAPOT mask of pmpaddr, kept in flip-flops (computed once from the written value instead of
  // per entry: area)
  logic [N*6-1:0]  cfg_q;
  logic [N*BW-1:0] base_q, mask_q;
  logic [N-1:0]    g1_q, lock;

  always_comb begin
    for (int i = 0; i < N; i++) lock[i] = cfg_q[i*6 + 5];
  end

  pagoda_pmp_check #(.N(N), .BW(BW)) u_if_check (
    .en_i    (1'b1),
    .lock_i  (lock != '0),
    .cfg_i   (cfg_q),
    .base_i  (base_q),
    .mask_i  (mask_q),
    .page_i  (if_addr_i[31:G+2]),
    .priv_i  (if_priv_i),
    .need_i  (3'b100),
    .ok_o    (if_ok_o)
  );

  pagoda_pmp_check #(.N(N), .BW(BW)) u_d_check (
    .en_i    (d_en_i),
    .lock_i  (lock != '0),
    .cfg_i   (cfg_q),
    .base_i  (base_q),
    .mask_i  (mask_q),
    .page_i  (d_addr_i[31:G+2]),
    .priv_i  (d_priv_i),
    .need_i  (d_write_i ? 3'b010 : 3'b001),
    .ok_o    (d_ok_o)
  );

  logic unused_addr;
  assign unused_addr = ^{if_addr_i[G+1:0], d_addr_i[G+1:0]};

  // ---------------------------------------------------------------- CSR read
  // (computed only for a CSR instruction: simulation speed, as in pagoda_csr)
  logic [3:0] sel;
  logic       sel_cfg2;
  assign sel      = csr_addr_i[3:0];
  assign sel_cfg2 = (csr_addr_i == CSR_PMPCFG2);

  always_comb begin
    csr_rdata_o = 64'd0;
    if (!csr_re_i) begin
      // no CSR instruction
    end else if (csr_addr_i == CSR_PMPCFG0 || sel_cfg2) begin
      for (int i = 0; i < N; i++) begin
        if ((i / 8 == 1) == sel_cfg2) begin
          csr_rdata_o[(i % 8) * 8 +: 8] = {cfg_q[i*6 + 5], 2'b00, cfg_q[i*6 +: 5]};
        end
      end
    end else begin
      for (int i = 0; i < N; i++) begin
        if (sel == 4'(i)) begin
          if (cfg_q[i*6 + 3 +: 2] == A_NAPOT) begin
            csr_rdata_o[AW-1:0] = {base_q[i*BW +: BW], g1_q[i], {(G-1){1'b1}}};
          end else begin
            csr_rdata_o[AW-1:0] = {base_q[i*BW +: BW], {G{1'b0}}};
          end
        end
      end
    end
  end

  // ---------------------------------------------------------------- CSR write
  // NAPOT: compared bit j (pmpaddr bit G+j) lies inside the region when pmpaddr[G+j-1:G-1] are all
  // ones (the trailing ones encode the size). x ^ (x + 1) sets the trailing ones and the first zero
  // above them; one bit lower that is the mask.
  logic [BW:0]   waddr;
  logic [BW-1:0] wmask;
  // verilator lint_off UNUSEDSIGNAL
  logic [BW:0]   wones;   // bit 0 is always 1
  // verilator lint_on UNUSEDSIGNAL
  assign waddr = csr_wdata_i[AW-1:G-1];
  assign wones = waddr ^ (waddr + 1'b1);
  assign wmask = wones[BW:1];

  logic [N*6-1:0] cfg_wval;
  logic [N-1:0]   cfg_we, addr_we;
  always_comb begin
    logic [4:0] b;    // pmpcfg byte bits 4:0 (bit 7 is L; bits 6:5 are reserved: not stored)
    logic       locked;
    b        = '0;
    locked   = 1'b0;
    cfg_wval = cfg_q;
    cfg_we   = '0;
    addr_we  = '0;
    if (csr_we_i) begin
      for (int i = 0; i < N; i++) begin
        // pmpaddr i is locked by its own L, or by entry i+1 when that is a locked TOR entry
        locked = cfg_q[i*6 + 5];
        if (i + 1 < N) begin
          if (cfg_q[((i + 1) % N)*6 + 5] && cfg_q[((i + 1) % N)*6 + 3 +: 2] == A_TOR) begin
            locked = 1'b1;
          end
        end
        b = csr_wdata_i[(i % 8) * 8 +: 5];
        cfg_wval[i*6 +: 6] = {csr_wdata_i[(i % 8) * 8 + 7], (b[4:3] == A_NA4) ? A_OFF : b[4:3],
                              b[2], b[1] && b[0], b[0]};
        cfg_we[i]  = !cfg_q[i*6 + 5] &&
                     (csr_addr_i == ((i / 8 == 1) ? CSR_PMPCFG2 : CSR_PMPCFG0));
        addr_we[i] = !locked && (csr_addr_i[11:4] == 8'h3B) && (sel == 4'(i));
      end
    end
  end

  logic unused_wdata;
  assign unused_wdata = ^{csr_wdata_i[63:AW], csr_wdata_i[G-2:0], csr_wdata_i[6:5],
                          csr_wdata_i[14:13], csr_wdata_i[22:21], csr_wdata_i[30:29],
                          csr_wdata_i[38:37], csr_wdata_i[46:45], csr_wdata_i[54:53],
                          csr_wdata_i[62:61]};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cfg_q  <= '0;
      base_q <= '0;
      g1_q   <= '0;
      mask_q <= '0;
    end else if (csr_we_i) begin
      // cfg_we and addr_we are 0 without a CSR write: the enable only spares the simulator the
      // per-entry loop in every other cycle (the same logic)
      for (int i = 0; i < N; i++) begin
        if (cfg_we[i]) cfg_q[i*6 +: 6] <= cfg_wval[i*6 +: 6];
        if (addr_we[i]) begin
          base_q[i*BW +: BW] <= waddr[BW:1];
          g1_q[i]            <= waddr[0];
          mask_q[i*BW +: BW] <= wmask;
        end
      end
    end
  end

  // ---- assertions (pagoda_assert.svh) ----
  // WARL: no entry holds the reserved R = 0, W = 1, nor NA4 (not selectable with G >= 1); a
  // locked entry stays locked until reset.
  for (genvar i = 0; i < N; i++) begin : g_assert_entry
    `ASSERT_NEVER(PmpCfgReservedWR, cfg_q[i*6 + 1] && !cfg_q[i*6])
    `ASSERT_NEVER(PmpCfgNa4, G >= 1 && cfg_q[i*6 + 3 +: 2] == A_NA4)
    `ASSERT_NEXT(PmpLockSticky, lock[i], lock[i])
  end

endmodule
