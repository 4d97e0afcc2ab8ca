// SPDX-License-Identifier: BSD-2-Clause
// The serial-boot ROM (docs/fpga.md "Boot"): the boot ROM's window (rtl/regs/pagoda_soc.rdl,
// BOOTROM) holding a program instead of pagoda_bootrom's jump: firmware/bootrom, which calibrates
// DRAM, loads OpenSBI, the firmware and the DTB over the UART and jumps to OpenSBI. Its image is
// built at build time and read here from INIT_FILE ($readmemh, 64-bit words), so the ROM is a
// block RAM with initial contents on the FPGA and the same array in Verilator; ROM_WORDS is the
// image's size. Before DRAM is calibrated the program has no other memory than the scratch SRAM
// at BOOTROM.SRAM (its stack and data), RAM_WORDS words, read and written on the data port only.
//   fetch port: ROM; beyond the image, err (instruction access fault)
//   data port:  ROM read, SRAM read/write with byte enables; a write to the ROM, or any access to
//               the rest of the window, err (access fault)
// Both ports answer the cycle after the request, as pagoda_bootrom.
module pagoda_bootmem #(
  parameter int unsigned ROM_WORDS = 512,
  parameter int unsigned RAM_WORDS = 1024,
  parameter              INIT_FILE = ""   // a file name (untyped: Yosys takes no string type)
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
  input  logic [7:0]  d_be_i,
  input  logic [63:0] d_wdata_i,
  output logic        d_rvalid_o,
  output logic [63:0] d_rdata_o,
  output logic        d_err_o
);

  localparam logic [31:0] BASE     = pagoda_pkg::BOOTROM_BASE;
  localparam logic [31:0] RAM_OFF  = pagoda_pkg::PAGODA_BOOTROM_SRAM_OFFSET;
  localparam int unsigned ROM_MAX  = pagoda_pkg::PAGODA_BOOTROM_ROM_SIZE / 8;
  localparam int unsigned RAM_MAX  = pagoda_pkg::PAGODA_BOOTROM_SRAM_SIZE / 8;
  localparam int unsigned RA_W     = $clog2(ROM_WORDS);
  localparam int unsigned SA_W     = $clog2(RAM_WORDS);

  if (ROM_WORDS < 2 || ROM_WORDS > ROM_MAX || RAM_WORDS < 2 || RAM_WORDS > RAM_MAX) begin : g_bad
    $error("pagoda_bootmem: ROM_WORDS or RAM_WORDS outside the BOOTROM window's ROM and SRAM");
  end

  logic [63:0] rom [ROM_WORDS];
  logic [63:0] ram [RAM_WORDS];

  // under a generate condition: Yosys's read_verilog elaborates the module alone with its
  // defaults (no image) too; pagoda_soc refuses BOOT_PROG without BOOT_INIT
  if (INIT_FILE != "") begin : g_init
    initial begin
      $readmemh(INIT_FILE, rom);
    end
  end

  // word offsets in the window; which part an access falls in
  logic [31:0] f_off, d_off, d_ram_off;
  logic        f_in_rom, d_in_rom, d_in_ram;
  assign f_off     = f_addr_i - BASE;
  assign d_off     = d_addr_i - BASE;
  assign d_ram_off = d_off - RAM_OFF;
  assign f_in_rom  = f_off < 32'(ROM_WORDS * 8);
  assign d_in_rom  = d_off < 32'(ROM_WORDS * 8);
  assign d_in_ram  = d_off >= RAM_OFF && d_ram_off < 32'(RAM_WORDS * 8);

  logic [RA_W-1:0] f_idx, d_rom_idx;
  logic [SA_W-1:0] d_ram_idx;
  assign f_idx     = f_off[3 +: RA_W];
  assign d_rom_idx = d_off[3 +: RA_W];
  assign d_ram_idx = d_ram_off[3 +: SA_W];

  logic f_rd, d_rom_rd, d_ram_rd, d_ram_wr;
  assign f_rd     = f_req_i && f_in_rom;
  assign d_rom_rd = d_req_i && !d_we_i && d_in_rom;
  assign d_ram_rd = d_req_i && !d_we_i && d_in_ram;
  assign d_ram_wr = d_req_i && d_we_i && d_in_ram;

  // the arrays' ports: registered reads (block RAM), no reset on their data
  logic [63:0] f_rom_q, d_rom_q, d_ram_q;
  always_ff @(posedge clk_i) begin
    if (f_rd) f_rom_q <= rom[f_idx];
  end
  always_ff @(posedge clk_i) begin
    if (d_rom_rd) d_rom_q <= rom[d_rom_idx];
  end
  always_ff @(posedge clk_i) begin
    if (d_ram_rd) d_ram_q <= ram[d_ram_idx];
    for (int b = 0; b < 8; b++) begin
      if (d_ram_wr && d_be_i[b]) ram[d_ram_idx][8*b +: 8] <= d_wdata_i[8*b +: 8];
    end
  end

  logic f_rvalid_q, f_err_q, d_rvalid_q, d_err_q, d_sel_ram_q, d_sel_rom_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      f_rvalid_q  <= 1'b0;
      f_err_q     <= 1'b0;
      d_rvalid_q  <= 1'b0;
      d_err_q     <= 1'b0;
      d_sel_ram_q <= 1'b0;
      d_sel_rom_q <= 1'b0;
    end else begin
      f_rvalid_q  <= f_req_i;
      f_err_q     <= f_req_i && !f_in_rom;
      d_rvalid_q  <= d_req_i;
      d_err_q     <= d_req_i && !(d_rom_rd || d_ram_rd || d_ram_wr);
      d_sel_ram_q <= d_ram_rd;
      d_sel_rom_q <= d_rom_rd;
    end
  end

  assign f_gnt_o    = 1'b1;
  assign d_gnt_o    = 1'b1;
  assign f_rvalid_o = f_rvalid_q;
  assign f_rdata_o  = f_err_q ? 64'h0 : f_rom_q;
  assign f_err_o    = f_err_q;
  assign d_rvalid_o = d_rvalid_q;
  assign d_rdata_o  = d_sel_ram_q ? d_ram_q : d_sel_rom_q ? d_rom_q : 64'h0;
  assign d_err_o    = d_err_q;

  logic unused;
  assign unused = ^{f_off[2:0], d_off[2:0], d_ram_off[2:0]};

endmodule
