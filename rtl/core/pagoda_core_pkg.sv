// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: shared constants and enums (opcodes, CSR addresses, exception causes, ALU ops).
package pagoda_core_pkg;

  // Base opcodes (instr[6:0])
  localparam logic [6:0] OPC_LOAD     = 7'b0000011;
  localparam logic [6:0] OPC_MISC_MEM = 7'b0001111;
  localparam logic [6:0] OPC_OP_IMM   = 7'b0010011;
  localparam logic [6:0] OPC_AUIPC    = 7'b0010111;
  localparam logic [6:0] OPC_OP_IMM32 = 7'b0011011;
  localparam logic [6:0] OPC_STORE    = 7'b0100011;
  localparam logic [6:0] OPC_AMO      = 7'b0101111;
  localparam logic [6:0] OPC_OP       = 7'b0110011;
  localparam logic [6:0] OPC_LUI      = 7'b0110111;
  localparam logic [6:0] OPC_OP32     = 7'b0111011;
  localparam logic [6:0] OPC_BRANCH   = 7'b1100011;
  localparam logic [6:0] OPC_JALR     = 7'b1100111;
  localparam logic [6:0] OPC_JAL      = 7'b1101111;
  localparam logic [6:0] OPC_SYSTEM   = 7'b1110011;

  // Privilege levels
  localparam logic [1:0] PRIV_U = 2'd0;
  localparam logic [1:0] PRIV_S = 2'd1;
  localparam logic [1:0] PRIV_M = 2'd3;

  // Exception causes
  // cause 0 (instruction address misaligned) cannot occur: C is always on
  localparam logic [4:0] EXC_IACCESS        = 5'd1;
  localparam logic [4:0] EXC_ILLEGAL        = 5'd2;
  localparam logic [4:0] EXC_BREAKPOINT     = 5'd3;
  localparam logic [4:0] EXC_LADDR_MISALIGN = 5'd4;
  localparam logic [4:0] EXC_LACCESS        = 5'd5;
  localparam logic [4:0] EXC_SADDR_MISALIGN = 5'd6;
  localparam logic [4:0] EXC_SACCESS        = 5'd7;
  localparam logic [4:0] EXC_ECALL_U        = 5'd8;
  localparam logic [4:0] EXC_ECALL_S        = 5'd9;
  localparam logic [4:0] EXC_ECALL_M        = 5'd11;
  localparam logic [4:0] EXC_IPAGE          = 5'd12;
  localparam logic [4:0] EXC_LPAGE          = 5'd13;
  localparam logic [4:0] EXC_SPAGE          = 5'd15;

  // Fetch-side fault kinds carried with each fetched lane
  localparam logic [1:0] FEXC_NONE   = 2'd0;
  localparam logic [1:0] FEXC_ACCESS = 2'd1;
  localparam logic [1:0] FEXC_PAGE   = 2'd2;

  // Memory access kinds for the MMU permission check
  localparam logic [1:0] ACC_FETCH = 2'd0;
  localparam logic [1:0] ACC_LOAD  = 2'd1;
  localparam logic [1:0] ACC_STORE = 2'd2;

  // CSR addresses
  localparam logic [11:0] CSR_SSTATUS    = 12'h100;
  localparam logic [11:0] CSR_SIE        = 12'h104;
  localparam logic [11:0] CSR_STVEC      = 12'h105;
  localparam logic [11:0] CSR_SCOUNTEREN = 12'h106;
  localparam logic [11:0] CSR_SENVCFG    = 12'h10A;
  localparam logic [11:0] CSR_SSCRATCH   = 12'h140;
  localparam logic [11:0] CSR_SEPC       = 12'h141;
  localparam logic [11:0] CSR_SCAUSE     = 12'h142;
  localparam logic [11:0] CSR_STVAL      = 12'h143;
  localparam logic [11:0] CSR_SIP        = 12'h144;
  localparam logic [11:0] CSR_SATP       = 12'h180;
  localparam logic [11:0] CSR_MSTATUS    = 12'h300;
  localparam logic [11:0] CSR_MISA       = 12'h301;
  localparam logic [11:0] CSR_MEDELEG    = 12'h302;
  localparam logic [11:0] CSR_MIDELEG    = 12'h303;
  localparam logic [11:0] CSR_MIE        = 12'h304;
  localparam logic [11:0] CSR_MTVEC      = 12'h305;
  localparam logic [11:0] CSR_MCOUNTEREN = 12'h306;
  localparam logic [11:0] CSR_MENVCFG    = 12'h30A;
  localparam logic [11:0] CSR_MCOUNTINH  = 12'h320;
  localparam logic [11:0] CSR_PMPCFG0    = 12'h3A0;
  localparam logic [11:0] CSR_PMPCFG2    = 12'h3A2;
  localparam logic [11:0] CSR_PMPADDR0   = 12'h3B0;   // pmpaddr0..15: 0x3B0..0x3BF
  localparam logic [11:0] CSR_MSCRATCH   = 12'h340;
  localparam logic [11:0] CSR_MEPC       = 12'h341;
  localparam logic [11:0] CSR_MCAUSE     = 12'h342;
  localparam logic [11:0] CSR_MTVAL      = 12'h343;
  localparam logic [11:0] CSR_MIP        = 12'h344;
  localparam logic [11:0] CSR_MCYCLE     = 12'hB00;
  localparam logic [11:0] CSR_MINSTRET   = 12'hB02;
  localparam logic [11:0] CSR_CYCLE      = 12'hC00;
  localparam logic [11:0] CSR_TIME       = 12'hC01;
  localparam logic [11:0] CSR_INSTRET    = 12'hC02;
  localparam logic [11:0] CSR_MVENDORID  = 12'hF11;
  localparam logic [11:0] CSR_MARCHID    = 12'hF12;
  localparam logic [11:0] CSR_MIMPID     = 12'hF13;
  localparam logic [11:0] CSR_MHARTID    = 12'hF14;
  localparam logic [11:0] CSR_MCONFIGPTR = 12'hF15;

  // Physical memory protection (docs/core.md "PMP"). PMP_N entries are implemented (the CSRs of
  // entries PMP_N..15 exist and read 0); the granularity is 2^(PMP_G+2) bytes = 4 KiB, so NA4 is
  // not selectable and one comparison per 4 KiB page decides any aligned access.
  localparam int unsigned PMP_N = 8;
  localparam int unsigned PMP_G = 10;

  // Hardware performance monitor (docs/core.md "Performance counters"): mhpmcounter3 ..
  // mhpmcounter(3 + HPM_N - 1) count the event their mhpmevent selects; the rest of 3..31 are
  // read-only zero, counter and selector (privileged spec 3.1.10 allows it), and their
  // mcounteren/scounteren/mcountinhibit bits read 0. Event numbers, as written to mhpmevent:
  localparam int unsigned HPM_N   = 6;
  localparam int unsigned HPM_NEV = 6;
  localparam logic [7:0] HPM_EV_IC_ACCESS = 8'd1;   // I$: a cacheable lane read (hit or refilled)
  localparam logic [7:0] HPM_EV_IC_MISS   = 8'd2;   // I$: a line refill started
  localparam logic [7:0] HPM_EV_ITLB_MISS = 8'd3;   // a page-table walk started for fetch
  localparam logic [7:0] HPM_EV_DTLB_MISS = 8'd4;   // a page-table walk started for data
  localparam logic [7:0] HPM_EV_DC_MISS   = 8'd5;   // D$: a line refill (input for the D$)
  localparam logic [7:0] HPM_EV_DC_WB     = 8'd6;   // D$: a dirty line written back (likewise)

  // misa: MXL=2 (RV64), extensions A C I M S U
  localparam logic [63:0] MISA_VALUE = {2'b10, 36'd0, 26'b00_0001_0100_0001_0001_0000_0101};

  // ALU operations of the execute stage
  typedef enum logic [4:0] {
    ALU_ADD, ALU_SUB, ALU_SLL, ALU_SLT, ALU_SLTU, ALU_XOR, ALU_SRL, ALU_SRA, ALU_OR, ALU_AND,
    ALU_ADDW, ALU_SUBW, ALU_SLLW, ALU_SRLW, ALU_SRAW, ALU_LUI, ALU_AUIPC, ALU_LINK
  } alu_op_e;

  // Multiply/divide operations (funct3 of the M extension)
  typedef enum logic [2:0] {
    MD_MUL = 3'd0, MD_MULH = 3'd1, MD_MULHSU = 3'd2, MD_MULHU = 3'd3,
    MD_DIV = 3'd4, MD_DIVU = 3'd5, MD_REM = 3'd6, MD_REMU = 3'd7
  } md_op_e;

  // What an instruction does, as the decoder classifies it: execute, the LSU and the controller
  // act on this and on the operation fields below, never on the instruction's bits. OP_NONE is an
  // instruction with no effect but its result (ALU, FENCE) or an illegal one (dec_op_t.illegal).
  typedef enum logic [4:0] {
    OP_NONE, OP_LOAD, OP_STORE, OP_AMO, OP_LR, OP_SC, OP_BRANCH, OP_JAL, OP_JALR, OP_MUL, OP_DIV,
    OP_CSR, OP_ECALL, OP_EBREAK, OP_MRET, OP_SRET, OP_WFI, OP_SFENCE, OP_FENCEI, OP_CBO
  } op_class_e;

  // Data-cache maintenance operations (pagoda_dcache's op port): on the line holding an address
  // (Zicbom's cbo.clean/flush/inval, Zicboz's cbo.zero), or on every line (fence.i: the
  // instruction fetch reads memory, so every dirty line must be written back first)
  typedef enum logic [2:0] {
    DC_CLEAN, DC_FLUSH, DC_INVAL, DC_ZERO, DC_CLEAN_ALL
  } dc_op_e;

  // Cache-block operations (Zicbom, Zicboz: MISC-MEM funct3 2, rd 0, the operation in imm[11:0]).
  // The block is CBO_BLOCK_BYTES, the riscv,cbom-block-size and riscv,cboz-block-size of the DT.
  typedef enum logic [1:0] {
    CBO_INVAL, CBO_CLEAN, CBO_FLUSH, CBO_ZERO
  } cbo_op_e;
  localparam int unsigned CBO_BLOCK_BYTES = 64;

  // menvcfg/senvcfg fields the core implements (privileged spec 1.12 3.1.18, CMO 1.0 "Control and
  // Status Register State"): what a less privileged mode may do with the cache-block operations.
  // CBIE 2'b10 is reserved (a write of it keeps the old value); PBMTE, STCE read 0.
  typedef struct packed {
    logic       cbze;    // 7: cbo.zero allowed
    logic       cbcfe;   // 6: cbo.clean, cbo.flush allowed
    logic [1:0] cbie;    // 5:4: cbo.inval: 00 illegal, 01 performs a flush, 11 invalidates
    logic       fiom;    // 0: fence of I/O implies memory (every access is already in order)
  } envcfg_t;

  // Branch conditions (the funct3 encodings, so that decoding them costs nothing)
  typedef enum logic [2:0] {
    BR_EQ = 3'd0, BR_NE = 3'd1, BR_LT = 3'd4, BR_GE = 3'd5, BR_LTU = 3'd6, BR_GEU = 3'd7
  } br_op_e;

  // AMO operations (instr[31:27] of the AMO encodings)
  typedef enum logic [4:0] {
    AMO_ADD = 5'b00000, AMO_SWAP = 5'b00001, AMO_XOR = 5'b00100, AMO_OR = 5'b01000,
    AMO_AND = 5'b01100, AMO_MIN = 5'b10000, AMO_MAX = 5'b10100, AMO_MINU = 5'b11000,
    AMO_MAXU = 5'b11100
  } amo_op_e;

  // Data access sizes (funct3[1:0] of loads, stores and AMOs)
  typedef enum logic [1:0] {
    MEM_B = 2'd0, MEM_H = 2'd1, MEM_W = 2'd2, MEM_D = 2'd3
  } mem_size_e;

  // CSR instruction operations (funct3[1:0]; 0 is not a CSR instruction)
  typedef enum logic [1:0] {
    CSR_OP_NONE = 2'd0, CSR_OP_RW = 2'd1, CSR_OP_RS = 2'd2, CSR_OP_RC = 2'd3
  } csr_op_e;

  // The interrupt bits of mip, mie and mideleg (privileged spec 1.12, 3.1.9): one field per
  // standard source, at its cause number. The odd-numbered reserved/hypervisor bits read 0 here.
  typedef struct packed {
    logic mei;    // 11 machine external (PLIC context 0)
    logic rsv10;
    logic sei;    // 9  supervisor external (PLIC context 1, or mip.SEIP written by M-mode)
    logic rsv8;
    logic mti;    // 7  machine timer (CLINT mtimecmp)
    logic rsv6;
    logic sti;    // 5  supervisor timer (written by M-mode: OpenSBI's set_timer)
    logic rsv4;
    logic msi;    // 3  machine software (CLINT msip)
    logic rsv2;
    logic ssi;    // 1  supervisor software
    logic rsv0;
  } irqs_t;

  // The mstatus fields the core implements (pagoda_csr; privileged spec 1.12, 3.1.6). The CSR's
  // read value places them at their bit positions; UXL = SXL = 2, and FS/VS/XS/SD, UBE/SBE/MBE
  // read 0.
  typedef struct packed {
    logic       tsr;
    logic       tw;
    logic       tvm;
    logic       mxr;
    logic       sum;
    logic       mprv;
    logic [1:0] mpp;
    logic       spp;
    logic       mpie;
    logic       spie;
    logic       mie;
    logic       sie;
  } mstatus_t;

  // satp: Bare or Sv39 (other modes are not stored), no ASID
  typedef struct packed {
    logic        sv39;
    logic [43:0] ppn;
  } satp_t;

  // One decoded instruction (pagoda_decoder's output)
  typedef struct packed {
    op_class_e   op;          // what it does
    logic        illegal;     // encoding the core does not implement
    logic        we;          // writes rd
    logic [4:0]  rd;
    logic [4:0]  rs1;
    logic [4:0]  rs2;
    logic [63:0] imm;
    alu_op_e     alu_op;      // ALU result (also the link address of jumps)
    logic        use_imm;     // ALU operand b is imm (else rs2)
    br_op_e      br_op;       // OP_BRANCH
    md_op_e      md_op;       // OP_MUL, OP_DIV
    logic        word;        // RV64 W form of a multiply or divide (32-bit result)
    mem_size_e   mem_size;    // loads, stores, AMOs, LR/SC
    logic        mem_uns;     // load zero-extends
    amo_op_e     amo_op;      // OP_AMO
    csr_op_e     csr_op;      // OP_CSR
    logic        csr_imm;     // CSR operand is the 5-bit immediate in rs1's field
    logic        csr_write;   // the CSR instruction writes (RW, or RS/RC with a nonzero source)
    logic [11:0] csr_addr;
    cbo_op_e     cbo_op;      // OP_CBO
  } dec_op_t;

  // PTE flag bits
  localparam int unsigned PTE_V = 0;
  localparam int unsigned PTE_R = 1;
  localparam int unsigned PTE_W = 2;
  localparam int unsigned PTE_X = 3;
  localparam int unsigned PTE_U = 4;
  // bit 5 is G: ignored, there are no ASIDs
  localparam int unsigned PTE_A = 6;
  localparam int unsigned PTE_D = 7;

  // Sv39 leaf permission check (R/W/X, U/S with SUM and MXR). `priv` is the effective privilege
  // (never M here: M-mode accesses are not translated). A/D are handled by the walker.
  function automatic logic pte_perm_ok(logic [7:0] flags, logic [1:0] acc, logic [1:0] priv,
                                       logic sum, logic mxr);
    logic ok;
    ok = 1'b1;
    unique case (acc)
      ACC_FETCH: ok = flags[PTE_X] && (flags[PTE_U] ? (priv == PRIV_U) : (priv == PRIV_S));
      ACC_LOAD:  ok = (flags[PTE_R] || (mxr && flags[PTE_X])) &&
                      (flags[PTE_U] ? ((priv == PRIV_U) || sum) : (priv == PRIV_S));
      default:   ok = flags[PTE_W] &&
                      (flags[PTE_U] ? ((priv == PRIV_U) || sum) : (priv == PRIV_S));
    endcase
    pte_perm_ok = ok;
  endfunction

  // L1 instruction cache size (pagoda_icache; docs/core.md "Instruction cache"): 16 KiB, the
  // largest the cache offers. Measured with make bench on the 1-cycle RAM (a6b0371): over all
  // cases 4 KiB costs +5.6% cycles against no cache (geometric mean; order-3 pairs +36%), 8 KiB
  // +3.4%, 16 KiB +1.5% (order-3 pairs +9%): the smaller sizes thrash between the benchmark loop
  // and the allocator's paths in a direct-mapped cache.
  localparam int unsigned ICACHE_BYTES = 16384;

endpackage
