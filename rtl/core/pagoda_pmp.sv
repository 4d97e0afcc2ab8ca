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
module pagoda_pmp (
  input  logic        clk_i,
  input  logic        rst_ni,
  // CSR access (the CSR file decodes the address range and the access rules)
  input  logic [11:0] csr_addr_i,
  input  logic        csr_we_i,       // write csr_wdata_i to csr_addr_i (a PMP CSR) this cycle
  input  logic [63:0] csr_wdata_i,
  output logic [63:0] csr_rdata_o,
  // instruction fetch: one 8-byte lane at if_addr_i, privilege if_priv_i, needs X
  input  logic [31:0] if_addr_i,
  input  logic [1:0]  if_priv_i,
  output logic        if_ok_o,
  // data port: an aligned access of at most 8 bytes at d_addr_i; needs W if d_write_i, else R
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

  // cfg_q[i] = {L, A[1:0], X, W, R}; addr_q[i] = pmpaddr[AW-1:G-1]; mask_q[i]: the NAPOT mask of
  // addr_q[i], kept in flip-flops (computed once from the written value, not per entry: area)
  logic [5:0]    cfg_q  [N];
  logic [BW:0]   addr_q [N];
  logic [BW-1:0] mask_q [N];

  // ---------------------------------------------------------------- decode for the checkers
  logic [N*6-1:0]  cfg_flat;
  logic [N*BW-1:0] base_flat, mask_flat;
  always_comb begin
    for (int i = 0; i < N; i++) begin
      cfg_flat[i*6 +: 6]    = cfg_q[i];
      base_flat[i*BW +: BW] = addr_q[i][BW:1];
      mask_flat[i*BW +: BW] = mask_q[i];
    end
  end

  pagoda_pmp_check #(.N(N), .BW(BW)) u_if_check (
    .cfg_i   (cfg_flat),
    .base_i  (base_flat),
    .mask_i  (mask_flat),
    .page_i  (if_addr_i[31:G+2]),
    .priv_i  (if_priv_i),
    .need_i  (3'b100),
    .ok_o    (if_ok_o)
  );

  pagoda_pmp_check #(.N(N), .BW(BW)) u_d_check (
    .cfg_i   (cfg_flat),
    .base_i  (base_flat),
    .mask_i  (mask_flat),
    .page_i  (d_addr_i[31:G+2]),
    .priv_i  (d_priv_i),
    .need_i  (d_write_i ? 3'b010 : 3'b001),
    .ok_o    (d_ok_o)
  );

  logic unused_addr;
  assign unused_addr = ^{if_addr_i[G+1:0], d_addr_i[G+1:0]};

  // ---------------------------------------------------------------- CSR read
  logic [3:0] sel;
  logic       sel_cfg2;
  assign sel      = csr_addr_i[3:0];
  assign sel_cfg2 = (csr_addr_i == CSR_PMPCFG2);

  always_comb begin
    csr_rdata_o = 64'd0;
    if (csr_addr_i == CSR_PMPCFG0 || sel_cfg2) begin
      for (int i = 0; i < N; i++) begin
        if ((i / 8 == 1) == sel_cfg2) begin
          csr_rdata_o[(i % 8) * 8 +: 8] = {cfg_q[i][5], 2'b00, cfg_q[i][4:0]};
        end
      end
    end else begin
      for (int i = 0; i < N; i++) begin
        if (sel == 4'(i)) begin
          if (cfg_q[i][4:3] == A_NAPOT) csr_rdata_o[AW-1:0] = {addr_q[i], {(G-1){1'b1}}};
          else                          csr_rdata_o[AW-1:0] = {addr_q[i][BW:1], {G{1'b0}}};
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

  logic [5:0]   cfg_wval [N];
  logic [N-1:0] cfg_we, addr_we, locked;
  always_comb begin
    for (int i = 0; i < N; i++) begin
      logic [4:0] b;    // pmpcfg byte bits 4:0 (bit 7 is L; bits 6:5 are reserved: not stored)
      // pmpaddr i is locked by its own L, or by entry i+1 when that is a locked TOR entry
      locked[i] = cfg_q[i][5];
      if (i + 1 < N) begin
        if (cfg_q[(i + 1) % N][5] && cfg_q[(i + 1) % N][4:3] == A_TOR) locked[i] = 1'b1;
      end
      b = csr_wdata_i[(i % 8) * 8 +: 5];
      cfg_wval[i] = {csr_wdata_i[(i % 8) * 8 + 7], (b[4:3] == A_NA4) ? A_OFF : b[4:3], b[2],
                     b[1] && b[0], b[0]};
      cfg_we[i]   = csr_we_i && !cfg_q[i][5] &&
                    (csr_addr_i == ((i / 8 == 1) ? CSR_PMPCFG2 : CSR_PMPCFG0));
      addr_we[i]  = csr_we_i && !locked[i] && (csr_addr_i[11:4] == 8'h3B) && (sel == 4'(i));
    end
  end

  logic unused_wdata;
  assign unused_wdata = ^{csr_wdata_i[63:AW], csr_wdata_i[G-2:0], csr_wdata_i[6:5],
                          csr_wdata_i[14:13], csr_wdata_i[22:21], csr_wdata_i[30:29],
                          csr_wdata_i[38:37], csr_wdata_i[46:45], csr_wdata_i[54:53],
                          csr_wdata_i[62:61]};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < N; i++) begin
        cfg_q[i]  <= 6'd0;
        addr_q[i] <= '0;
        mask_q[i] <= '0;
      end
    end else begin
      for (int i = 0; i < N; i++) begin
        if (cfg_we[i]) cfg_q[i] <= cfg_wval[i];
        if (addr_we[i]) begin
          addr_q[i] <= waddr;
          mask_q[i] <= wmask;
        end
      end
    end
  end

endmodule
