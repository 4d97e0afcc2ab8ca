// SPDX-License-Identifier: BSD-2-Clause
// Pagoda SoC-wide constants: bus widths and the memory map (docs/memory-map.md, docs/bus.md).
package pagoda_pkg;

  localparam int unsigned PADDR_W = 32;   // physical address bits on PBUS
  localparam int unsigned XLEN    = 64;
  localparam int unsigned BUS_DW  = 64;   // PBUS data width
  localparam int unsigned BUS_BEW = BUS_DW / 8;

  localparam logic [PADDR_W-1:0] BOOTROM_BASE = 32'h0000_1000;
  localparam logic [PADDR_W-1:0] BOOTROM_SIZE = 32'h0000_1000;
  localparam logic [PADDR_W-1:0] TESTDEV_BASE = 32'h0010_0000;
  localparam logic [PADDR_W-1:0] TESTDEV_SIZE = 32'h0000_1000;
  localparam logic [PADDR_W-1:0] CLINT_BASE   = 32'h0200_0000;
  localparam logic [PADDR_W-1:0] CLINT_SIZE   = 32'h0001_0000;
  localparam logic [PADDR_W-1:0] PLIC_BASE    = 32'h0c00_0000;
  localparam logic [PADDR_W-1:0] PLIC_SIZE    = 32'h0060_0000;
  localparam logic [PADDR_W-1:0] UART_BASE    = 32'h1000_0000;
  localparam logic [PADDR_W-1:0] UART_SIZE    = 32'h0000_0100;
  localparam logic [PADDR_W-1:0] PGACCEL_BASE = 32'h1100_0000;
  localparam logic [PADDR_W-1:0] PGACCEL_SIZE = 32'h0000_1000;
  localparam logic [PADDR_W-1:0] RAM_BASE     /* verilator public */ = 32'h8000_0000;

  localparam int unsigned UART_IRQ    = 10;
  localparam int unsigned PGACCEL_IRQ = 11;

endpackage
