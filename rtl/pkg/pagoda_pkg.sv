// SPDX-License-Identifier: BSD-2-Clause
// Pagoda SoC-wide constants: bus widths and the memory map (docs/memory-map.md, docs/bus.md).
package pagoda_pkg;

  // The register and memory map, generated from rtl/regs/*.rdl at build time (build/regs/sv).
`include "pagoda_regs.svh"

  localparam int unsigned PADDR_W = 32;   // physical address bits on PBUS
  localparam int unsigned XLEN    = 64;
  localparam int unsigned BUS_DW  = 64;   // PBUS data width
  localparam int unsigned BUS_BEW = BUS_DW / 8;

  // The memory map comes from rtl/regs/pagoda_soc.rdl (pagoda_regs.svh, generated at build
  // time); these names are the ones rtl/ uses.
  localparam logic [PADDR_W-1:0] BOOTROM_BASE = PAGODA_BOOTROM_BASE;
  localparam logic [PADDR_W-1:0] BOOTROM_SIZE = PAGODA_BOOTROM_SIZE;
  localparam logic [PADDR_W-1:0] TESTDEV_BASE = PAGODA_TESTDEV_BASE;
  localparam logic [PADDR_W-1:0] TESTDEV_SIZE = PAGODA_TESTDEV_SIZE;
  localparam logic [PADDR_W-1:0] CLINT_BASE   = PAGODA_CLINT_BASE;
  localparam logic [PADDR_W-1:0] CLINT_SIZE   = PAGODA_CLINT_SIZE;
  localparam logic [PADDR_W-1:0] PLIC_BASE    = PAGODA_PLIC_BASE;
  localparam logic [PADDR_W-1:0] PLIC_SIZE    = PAGODA_PLIC_SIZE;
  localparam logic [PADDR_W-1:0] UART_BASE    = PAGODA_UART_BASE;
  localparam logic [PADDR_W-1:0] UART_SIZE    = PAGODA_UART_SIZE;
  localparam logic [PADDR_W-1:0] PGACCEL_BASE = PAGODA_PGACCEL_BASE;
  localparam logic [PADDR_W-1:0] PGACCEL_SIZE = PAGODA_PGACCEL_SIZE;
  localparam logic [PADDR_W-1:0] DRAMCTRL_BASE = PAGODA_DRAMCTRL_BASE;
  localparam logic [PADDR_W-1:0] DRAMCTRL_SIZE = PAGODA_DRAMCTRL_SIZE;
  localparam logic [PADDR_W-1:0] RAM_BASE     /* verilator public */ = PAGODA_RAM_BASE;
  localparam logic [PADDR_W-1:0] RAM_SIZE     = PAGODA_RAM_SIZE;

  localparam int unsigned UART_IRQ    = PAGODA_UART_IRQ;
  localparam int unsigned PGACCEL_IRQ = PAGODA_PGACCEL_IRQ;

endpackage
