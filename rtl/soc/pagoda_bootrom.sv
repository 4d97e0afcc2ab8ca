// SPDX-License-Identifier: BSD-2-Clause
// Boot ROM at 0x1000: the reset vector, as QEMU virt's. Hands over to fw_dynamic at 0x8000_0000
// with a0 = mhartid, a1 = DTB address, a2 = &fw_dynamic_info (docs/soc.md "Boot flow"). Before
// that, in M-mode and before any other code runs, it sets pgaccel's DMA window to RAM from the
// next stage's address (fw_dynamic_info.next_addr) to the end of RAM and locks it until reset
// (docs/boot.md "DMA protection"): by the fw_dynamic contract everything below next_addr may be
// OpenSBI's (image, run-time data), and the ROM and the devices lie outside RAM. With no
// accelerator (ACCEL_BASE = 0) that step is skipped.
// Instructions hand-assembled (riscv64-unknown-elf-as -march=rv64imac_zicsr, checked by objdump):
//   0x1000  00000297  auipc t0, 0          t0 = 0x1000
//   0x1004  02828613  addi  a2, t0, 0x28   a2 = &fw_dynamic_info
//   0x1008  f1402573  csrr  a0, mhartid
//   0x100c  0202b583  ld    a1, 0x20(t0)   DTB address
//   0x1010  0600006f  j     0x1070         the DMA window, then the jump to OpenSBI
//   0x1014  00000000  (not reached)
//   0x1018  .dword 0x8000_0000             entry
//   0x1020  .dword DTB_ADDR
//   0x1028  fw_dynamic_info { magic 0x4942534f "OSBI", version 2, next_addr 0x8020_0000,
//                             next_mode 1 (S), options 0, boot_hart 0 }
//   0x1058  .dword ACCEL_BASE              pgaccel's registers, 0 = none
//   0x1060  .dword WIN_BASE                -> WIN_BASE (0x0a0)
//   0x1068  .dword WIN_END                 -> WIN_END (0x0a8)
//   0x1070  0582b303  ld    t1, 0x58(t0)   accelerator base
//   0x1074  00030e63  beqz  t1, 0x1090     none: no window to set
//   0x1078  0602b383  ld    t2, 0x60(t0)
//   0x107c  0a733023  sd    t2, 0xa0(t1)   WIN_BASE
//   0x1080  0682b383  ld    t2, 0x68(t0)
//   0x1084  0a733423  sd    t2, 0xa8(t1)   WIN_END
//   0x1088  00100393  li    t2, 1
//   0x108c  0a733823  sd    t2, 0xb0(t1)   WIN_CTRL.LOCK: no change until reset
//   0x1090  0182b283  ld    t0, 0x18(t0)   entry 0x8000_0000
//   0x1094  00028067  jr    t0
// Two read ports, like the RAM: F for instruction fetch, D for data (OpenSBI reads the struct).
// Reads of the rest return 0; writes are answered with err (store access fault).
module pagoda_bootrom #(
  // the default layout is pagoda_soc.rdl's (the SoC top passes its own)
  parameter logic [63:0] DTB_ADDR   = 64'(pagoda_pkg::PAGODA_RAM_BASE) +
                                      64'(pagoda_pkg::PAGODA_RAM_FDT_OFFSET),
  parameter logic [63:0] ACCEL_BASE = 64'h0,            // pgaccel's registers; 0: no accelerator
  parameter logic [63:0] WIN_BASE   = 64'(pagoda_pkg::PAGODA_RAM_BASE) +   // its DMA window
                                      64'(pagoda_pkg::PAGODA_RAM_PAYLOAD_OFFSET),
  parameter logic [63:0] WIN_END    = 64'(pagoda_pkg::PAGODA_RAM_BASE) +
                                      64'(pagoda_pkg::PAGODA_RAM_SIZE)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // fetch port
  input  logic        f_req_i,
  output logic        f_gnt_o,
  input  logic [31:0] f_addr_i,
  output logic        f_rvalid_o,
  output logic [63:0] f_rdata_o,
  output logic        f_err_o,
  // data port
  input  logic        d_req_i,
  output logic        d_gnt_o,
  input  logic [31:0] d_addr_i,
  input  logic        d_we_i,
  output logic        d_rvalid_o,
  output logic [63:0] d_rdata_o,
  output logic        d_err_o
);

  // The three stores into pgaccel's window registers, encoded from their offsets in the register
  // map (rtl/regs/pgaccel.rdl): sd t2, OFF(t1).
  localparam logic [4:0] T1 = 5'd6, T2 = 5'd7;
  function automatic logic [31:0] sd_t2_t1(logic [11:0] off);
    sd_t2_t1 = {off[11:5], T2, T1, 3'b011, off[4:0], 7'b0100011};
  endfunction
  localparam logic [31:0] SD_WIN_BASE = sd_t2_t1(12'(pagoda_pkg::PGACCEL_WIN_BASE_OFFSET));
  localparam logic [31:0] SD_WIN_END  = sd_t2_t1(12'(pagoda_pkg::PGACCEL_WIN_END_OFFSET));
  localparam logic [31:0] SD_WIN_CTRL = sd_t2_t1(12'(pagoda_pkg::PGACCEL_WIN_CTRL_OFFSET));
  // Where OpenSBI is and where it goes next (pagoda_soc.rdl: RAM.OPENSBI, RAM.PAYLOAD).
  localparam logic [63:0] FW_ENTRY = 64'(pagoda_pkg::PAGODA_RAM_BASE) +
                                     64'(pagoda_pkg::PAGODA_RAM_OPENSBI_OFFSET);
  localparam logic [63:0] FW_NEXT  = 64'(pagoda_pkg::PAGODA_RAM_BASE) +
                                     64'(pagoda_pkg::PAGODA_RAM_PAYLOAD_OFFSET);

  function automatic logic [63:0] rom_word(logic [8:0] idx);
    unique case (idx)
      9'd0:    rom_word = 64'h02828613_00000297;
      9'd1:    rom_word = 64'h0202b583_f1402573;
      9'd2:    rom_word = 64'h00000000_0600006f;
      9'd3:    rom_word = FW_ENTRY;                // entry
      9'd4:    rom_word = DTB_ADDR;
      9'd5:    rom_word = 64'h00000000_4942534f;   // fw_dynamic_info.magic
      9'd6:    rom_word = 64'd2;                   // .version
      9'd7:    rom_word = FW_NEXT;                 // .next_addr
      9'd8:    rom_word = 64'd1;                   // .next_mode = S
      9'd9:    rom_word = 64'd0;                   // .options
      9'd10:   rom_word = 64'd0;                   // .boot_hart
      9'd11:   rom_word = ACCEL_BASE;
      9'd12:   rom_word = WIN_BASE;
      9'd13:   rom_word = WIN_END;
      9'd14:   rom_word = 64'h00030e63_0582b303;
      9'd15:   rom_word = {SD_WIN_BASE, 32'h0602b383};
      9'd16:   rom_word = {SD_WIN_END, 32'h0682b383};
      9'd17:   rom_word = {SD_WIN_CTRL, 32'h00100393};
      9'd18:   rom_word = 64'h00028067_0182b283;
      default: rom_word = 64'h0;
    endcase
  endfunction

  logic        f_rvalid_q, d_rvalid_q, d_err_q, d_err_d;
  logic [63:0] f_rdata_q, f_rdata_d, d_rdata_q, d_rdata_d;

  assign f_gnt_o   = 1'b1;
  assign d_gnt_o   = 1'b1;
  // The program is the window's first 4 KiB page (the rest of BOOTROM is the serial-boot ROM's
  // room, pagoda_bootmem): reads there return 0.
  logic f_page, d_page;
  assign f_page = f_addr_i[31:12] == pagoda_pkg::BOOTROM_BASE[31:12];
  assign d_page = d_addr_i[31:12] == pagoda_pkg::BOOTROM_BASE[31:12];
  // (an if, not ?:, so that Verilator looks the word up only on a request)
  always_comb begin
    f_rdata_d = 64'h0;
    d_rdata_d = 64'h0;
    if (f_req_i && f_page) f_rdata_d = rom_word(f_addr_i[11:3]);
    if (d_req_i && !d_we_i && d_page) d_rdata_d = rom_word(d_addr_i[11:3]);
  end
  assign d_err_d   = d_req_i && d_we_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      f_rvalid_q <= 1'b0;
      f_rdata_q  <= 64'h0;
      d_rvalid_q <= 1'b0;
      d_rdata_q  <= 64'h0;
      d_err_q    <= 1'b0;
    end else begin
      f_rvalid_q <= f_req_i;
      f_rdata_q  <= f_rdata_d;
      d_rvalid_q <= d_req_i;
      d_rdata_q  <= d_rdata_d;
      d_err_q    <= d_err_d;
    end
  end

  assign f_rvalid_o = f_rvalid_q;
  assign f_rdata_o  = f_rdata_q;
  assign f_err_o    = 1'b0;
  assign d_rvalid_o = d_rvalid_q;
  assign d_rdata_o  = d_rdata_q;
  assign d_err_o    = d_err_q;

  logic unused;
  assign unused = ^{f_addr_i[2:0], d_addr_i[2:0]};

endmodule
