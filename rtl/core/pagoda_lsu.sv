// SPDX-License-Identifier: BSD-2-Clause
// Pagoda core: load/store unit (docs/core.md "Units and their interfaces"). Owns the data port:
// issues the load, store, LR/SC or AMO in execute after the MMU has translated its address (a miss
// asks the MMU for a walk; the walker borrows the port while it is busy), runs an AMO as a locked
// read then write, keeps the LR/SC reservation, and in writeback aligns and extends the load data
// and turns a bus error into an access fault. Misaligned accesses trap (OpenSBI emulates them).
// A cache-block operation (cbo.*) is translated here like a store and then handed to the CMO
// hook: the data cache's operation port (pagoda_dcache), or pagoda_cmo when there is no cache
// (DCACHE_BYTES = 0). Loads, stores, AMOs and the walker's accesses go through the cache;
// fence.i waits in execute until the cache has written every dirty line back.
`include "pagoda_assert.svh"
module pagoda_lsu #(
  parameter int unsigned DCACHE_BYTES = 4096
) (
  input  logic                       clk_i,
  input  logic                       rst_ni,
  // the instruction in execute
  input  pagoda_core_pkg::op_class_e op_i,
  input  pagoda_core_pkg::mem_size_e size_i,
  input  logic                       uns_i,        // load zero-extends
  input  pagoda_core_pkg::amo_op_e   amo_op_i,
  input  pagoda_core_pkg::cbo_op_e   cbo_op_i,
  input  logic                       cbo_inval_flush_i,  // a cbo.inval performs a flush
  input  logic [63:0]                vaddr_i,      // rs1 + imm
  input  logic [63:0]                rs2_i,        // store data, AMO operand
  input  logic                       act_i,        // it executes (valid, no trap, no interrupt)
  input  logic                       go_i,         // nothing older can still trap
  input  logic                       done_i,       // it completes this cycle
  input  logic                       kill_i,       // a trap or interrupt is taken this cycle
  output logic                       mem_o,        // a load, store, LR, SC, AMO or CBO
  output logic                       store_o,      // needs write permission: store, SC, AMO,
                                                   // cbo.zero (the other CBOs need read)
  output logic                       ready_o,      // it can complete this cycle (if go_i)
  output logic [63:0]                result_o,     // rd: 0/1 for SC, the old value for AMOs
  output logic                       exc_o,        // its exception (misaligned, translation,
  output logic [4:0]                 exc_cause_o,  // the AMO read's or cbo.zero's bus error)
  output logic [63:0]                exc_tval_o,
  output logic                       busy_o,       // mid-access: no interrupt now
  // translation (pagoda_mmu)
  input  logic [31:0]                paddr_i,
  input  logic                       xlate_miss_i,
  input  logic [1:0]                 xlate_fault_i,
  output logic                       walk_req_o,
  output logic                       port_idle_o,  // no access in flight: a walk may start
  input  logic                       ptw_busy_i,
  input  logic                       ptw_req_i,
  input  logic [31:0]                ptw_addr_i,
  input  logic                       ptw_we_i,
  input  logic [63:0]                ptw_wdata_i,
  output logic                       ptw_gnt_o,    // the port's answers, for the walker
  output logic                       ptw_rvalid_o,
  output logic [63:0]                ptw_rdata_o,
  output logic                       ptw_err_o,
  // data-cache events (hardware performance counters)
  output logic                       ev_dc_miss_o,
  output logic                       ev_dc_wb_o,
  // writeback: the response of the access issued by the instruction now in writeback
  output logic                       wb_wait_o,    // not arrived yet
  output logic                       wb_err_o,     // arrived with an error: access fault
  output logic [4:0]                 wb_err_cause_o,
  output logic [63:0]                wb_err_tval_o,
  output logic                       wb_load_o,    // the writeback result is wb_load_data_o
  output logic [63:0]                wb_load_data_o,
  // data port: PBUS master (docs/bus.md)
  output logic                       data_req_o,
  input  logic                       data_gnt_i,
  output logic [31:0]                data_addr_o,
  output logic                       data_we_o,
  output logic [7:0]                 data_be_o,
  output logic [63:0]                data_wdata_o,
  output logic                       data_lock_o,
  input  logic                       data_rvalid_i,
  input  logic [63:0]                data_rdata_i,
  input  logic                       data_err_i
);
  localparam logic [4:0] EXC_LACCESS        = pagoda_core_pkg::EXC_LACCESS;
  localparam logic [4:0] EXC_LADDR_MISALIGN = pagoda_core_pkg::EXC_LADDR_MISALIGN;
  localparam logic [4:0] EXC_LPAGE          = pagoda_core_pkg::EXC_LPAGE;
  localparam logic [4:0] EXC_SACCESS        = pagoda_core_pkg::EXC_SACCESS;
  localparam logic [4:0] EXC_SADDR_MISALIGN = pagoda_core_pkg::EXC_SADDR_MISALIGN;
  localparam logic [4:0] EXC_SPAGE          = pagoda_core_pkg::EXC_SPAGE;
  localparam logic [1:0] FEXC_NONE          = pagoda_core_pkg::FEXC_NONE;
  localparam logic [1:0] FEXC_PAGE          = pagoda_core_pkg::FEXC_PAGE;

  // the cache's side of the port: what the LSU and the walker see
  logic        up_req, up_gnt, up_we, up_lock, up_rvalid, up_err;
  logic [31:0] up_addr;
  logic [7:0]  up_be;
  logic [63:0] up_wdata, up_rdata;
  // the cache-operation hook (cbo.*, and fence.i's clean of every line)
  logic                    dc_op_req, dc_op_done, dc_op_err;
  logic                    dc_op_fail;   // the operation ends this cycle with an error
  pagoda_core_pkg::dc_op_e dc_op;

  // An AMO reads with the bus locked, then writes the new value (docs/bus.md "data_lock_o").
  typedef enum logic [1:0] {
    AMO_IDLE, AMO_READ, AMO_WRITE
  } amo_state_e;

  logic is_load, is_lr, is_sc, is_amo, is_cbo, is_fencei, st_fault;
  assign is_load  = (op_i == pagoda_core_pkg::OP_LOAD);
  assign is_lr    = (op_i == pagoda_core_pkg::OP_LR);
  assign is_sc    = (op_i == pagoda_core_pkg::OP_SC);
  assign is_amo   = (op_i == pagoda_core_pkg::OP_AMO);
  assign is_cbo   = (op_i == pagoda_core_pkg::OP_CBO);
  assign is_fencei = (op_i == pagoda_core_pkg::OP_FENCEI);
  assign store_o  = (op_i == pagoda_core_pkg::OP_STORE) || is_amo || is_sc ||
                    (is_cbo && cbo_op_i == pagoda_core_pkg::CBO_ZERO);
  assign mem_o    = is_load || is_lr || store_o || is_cbo;
  // Every CBO faults as a store (CMO 1.0 "Page-Fault, Guest-Page-Fault, and Access-Fault
  // Exceptions"), though clean, flush and inval need only read permission: a page or PMP region
  // that may be read may be cleaned (W implies R in both, so "load or store allowed" is "load").
  assign st_fault = store_o || is_cbo;

  // ---------------------------------------------------------------- address, lanes
  logic misaligned;   // a CBO ignores the offset in its block: never misaligned
  always_comb begin
    unique case (size_i)
      pagoda_core_pkg::MEM_B: misaligned = 1'b0;
      pagoda_core_pkg::MEM_H: misaligned = vaddr_i[0];
      pagoda_core_pkg::MEM_W: misaligned = (vaddr_i[1:0] != 2'd0);
      default:                misaligned = (vaddr_i[2:0] != 3'd0);
    endcase
    if (is_cbo) misaligned = 1'b0;
  end

  // byte enables and store data for the 8-byte lane
  logic [7:0]  size_be, be;
  logic [63:0] st_wdata;
  always_comb begin
    unique case (size_i)
      pagoda_core_pkg::MEM_B: size_be = 8'h01;
      pagoda_core_pkg::MEM_H: size_be = 8'h03;
      pagoda_core_pkg::MEM_W: size_be = 8'h0f;
      default:                size_be = 8'hff;
    endcase
  end
  assign be       = size_be << paddr_i[2:0];
  assign st_wdata = rs2_i << {paddr_i[2:0], 3'b000};

  // exception of the access, in priority order (after the fetch, decode and ecall ones)
  // (a CBO's tval is rs1, the address it was given, not its block's)
  amo_state_e amo_state_q, amo_state_d, amo_state_ex;
  logic       cmo_err;
  always_comb begin
    exc_o       = 1'b1;
    exc_cause_o = EXC_SACCESS;
    exc_tval_o  = vaddr_i;
    if (is_amo && amo_state_q == AMO_READ && up_rvalid && up_err) begin
      exc_cause_o = EXC_SACCESS;
    end else if (is_cbo && cmo_err) begin
      exc_cause_o = EXC_SACCESS;
    end else if (mem_o && misaligned) begin
      exc_cause_o = store_o ? EXC_SADDR_MISALIGN : EXC_LADDR_MISALIGN;
    end else if (mem_o && xlate_fault_i != FEXC_NONE) begin
      if (xlate_fault_i == FEXC_PAGE) exc_cause_o = st_fault ? EXC_SPAGE : EXC_LPAGE;
      else                            exc_cause_o = st_fault ? EXC_SACCESS : EXC_LACCESS;
    end else begin
      exc_o = 1'b0;
    end
  end

  // ---------------------------------------------------------------- AMO read-modify-write
  logic [63:0] amo_old_q, amo_old_d;
  logic [63:0] amo_rd_lane, amo_rd_val, amo_new, amo_a, amo_b;
  logic        amo_word;
  assign amo_word    = (size_i == pagoda_core_pkg::MEM_W);
  assign amo_rd_lane = up_rdata >> {paddr_i[2:0], 3'b000};
  assign amo_rd_val  = amo_word ? {{32{amo_rd_lane[31]}}, amo_rd_lane[31:0]} : amo_rd_lane;
  assign amo_a       = amo_old_q;
  assign amo_b       = amo_word ? {{32{rs2_i[31]}}, rs2_i[31:0]} : rs2_i;
  always_comb begin
    logic lt_s, lt_u;
    lt_s = $signed(amo_a) < $signed(amo_b);
    lt_u = amo_word ? (amo_a[31:0] < amo_b[31:0]) : (amo_a < amo_b);
    unique case (amo_op_i)
      pagoda_core_pkg::AMO_SWAP: amo_new = amo_b;
      pagoda_core_pkg::AMO_ADD:  amo_new = amo_a + amo_b;
      pagoda_core_pkg::AMO_XOR:  amo_new = amo_a ^ amo_b;
      pagoda_core_pkg::AMO_AND:  amo_new = amo_a & amo_b;
      pagoda_core_pkg::AMO_OR:   amo_new = amo_a | amo_b;
      pagoda_core_pkg::AMO_MIN:  amo_new = lt_s ? amo_a : amo_b;
      pagoda_core_pkg::AMO_MAX:  amo_new = lt_s ? amo_b : amo_a;
      pagoda_core_pkg::AMO_MINU: amo_new = lt_u ? amo_a : amo_b;
      default:                   amo_new = lt_u ? amo_b : amo_a;   // AMO_MAXU
    endcase
  end

  // ---------------------------------------------------------------- LR/SC reservation
  logic        resv_valid_q, resv_valid_d;
  logic [31:0] resv_addr_q, resv_addr_d;
  logic        sc_ok, needs_mem;
  assign sc_ok     = resv_valid_q && (resv_addr_q == paddr_i);
  // a failing SC stores nothing; a CBO's accesses are the CMO hook's, which may leave the answer
  // of its last store to writeback (cmo_pend: pagoda_cmo's cbo.zero, never the data cache)
  assign needs_mem = mem_o && !(is_sc && !sc_ok) && !is_cbo;

  // ---------------------------------------------------------------- cache operations
  // A CBO (once translated) or fence.i asks the hook when nothing older can trap and no access
  // is in flight, and keeps asking until it is done (op_busy_q: no interrupt meanwhile). The
  // hook's done and error depend on its state and on the operation asked (this instruction's)
  // only, never on the request, so the request may depend on them.
  logic                     op_busy_q, op_busy_d, cmo_done, cmo_pend;
  pagoda_core_pkg::cbo_op_e cmo_op;
  assign cmo_op    = (cbo_op_i == pagoda_core_pkg::CBO_INVAL && cbo_inval_flush_i) ?
                     pagoda_core_pkg::CBO_FLUSH : cbo_op_i;
  assign dc_op_req = op_busy_q || (act_i && go_i && !ptw_busy_i && !pend_q &&
                                   ((is_cbo && !xlate_miss_i) || is_fencei));
  assign op_busy_d = dc_op_req && !dc_op_done;
  assign cmo_done  = dc_op_done;
  // fence.i has no fault to give. dc_op_fail depends on the hook's state only: pagoda_cmo's done
  // depends on its request (an op with nothing to do ends at once), and the request on act_i,
  // which the fault decides (a combinational loop if the fault took done in)
  assign cmo_err   = dc_op_fail && is_cbo;
  always_comb begin
    unique case (cmo_op)
      pagoda_core_pkg::CBO_INVAL: dc_op = pagoda_core_pkg::DC_INVAL;
      pagoda_core_pkg::CBO_CLEAN: dc_op = pagoda_core_pkg::DC_CLEAN;
      pagoda_core_pkg::CBO_FLUSH: dc_op = pagoda_core_pkg::DC_FLUSH;
      default:                    dc_op = pagoda_core_pkg::DC_ZERO;
    endcase
    if (is_fencei) dc_op = pagoda_core_pkg::DC_CLEAN_ALL;
  end

  // ---------------------------------------------------------------- issue
  logic        ex_req   /*verilator isolate_assignments*/;
  logic        ex_we    /*verilator isolate_assignments*/;
  logic        ex_lock  /*verilator isolate_assignments*/;
  logic [63:0] ex_wdata /*verilator isolate_assignments*/;
  logic        hold_q, hold_d;   // a request waits for its grant: no interrupt

  always_comb begin
    ex_req       = 1'b0;
    ex_we        = 1'b0;
    ex_wdata     = st_wdata;
    ex_lock      = 1'b0;
    ready_o      = 1'b1;
    result_o     = 64'd1;       // SC failure: no store
    walk_req_o   = 1'b0;
    amo_state_ex = amo_state_q;
    amo_old_d    = amo_old_q;

    if (act_i && mem_o) begin
      if (xlate_miss_i) begin
        ready_o    = 1'b0;
        walk_req_o = !ptw_busy_i;
      end else if (is_amo) begin
        ready_o = 1'b0;
        unique case (amo_state_q)
          AMO_IDLE: begin
            if (go_i && !ptw_busy_i) begin
              ex_req  = 1'b1;
              ex_lock = 1'b1;
              if (up_gnt) amo_state_ex = AMO_READ;
            end
          end
          AMO_READ: begin
            ex_lock = 1'b1;
            if (up_rvalid) begin
              amo_old_d    = amo_rd_val;
              amo_state_ex = AMO_WRITE;
            end
          end
          default: begin
            ex_lock  = 1'b1;
            ex_req   = 1'b1;
            ex_we    = 1'b1;
            ex_wdata = amo_word ? {amo_new[31:0], amo_new[31:0]} : amo_new;
            if (up_gnt) begin
              ready_o      = 1'b1;
              amo_state_ex = AMO_IDLE;
            end
          end
        endcase
        result_o = amo_old_q;
      end else if (is_cbo) begin
        ready_o = cmo_done;
      end else if (needs_mem) begin
        ready_o = 1'b0;
        if (go_i && !ptw_busy_i) begin
          ex_req  = 1'b1;
          ex_we   = store_o;
          ready_o = up_gnt;
        end
        result_o = 64'd0;   // SC success
      end
    end else if (act_i && is_fencei) begin
      ready_o = dc_op_done;
    end
  end

  assign amo_state_d = kill_i ? AMO_IDLE : amo_state_ex;
  assign hold_d      = ex_req && !up_gnt;
  assign busy_o      = hold_q || (amo_state_q != AMO_IDLE) || op_busy_q;

  // ---------------------------------------------------------------- writeback
  logic       pend_q, pend_d;          // the instruction in writeback waits for this response
  logic       wb_load_q, wb_load_d;
  logic       wb_store_q, wb_store_d;
  logic       wb_uns_q, wb_uns_d;
  logic [1:0] wb_size_q, wb_size_d;
  logic [2:0] wb_off_q, wb_off_d;
  logic [63:0] wb_vaddr_q, wb_vaddr_d;
  logic [63:0] load_lane;

  assign load_lane = up_rdata >> {wb_off_q, 3'b000};
  always_comb begin
    unique case (wb_size_q)
      2'd0:    wb_load_data_o = wb_uns_q ? {56'd0, load_lane[7:0]} :
                                           {{56{load_lane[7]}}, load_lane[7:0]};
      2'd1:    wb_load_data_o = wb_uns_q ? {48'd0, load_lane[15:0]} :
                                           {{48{load_lane[15]}}, load_lane[15:0]};
      2'd2:    wb_load_data_o = wb_uns_q ? {32'd0, load_lane[31:0]} :
                                           {{32{load_lane[31]}}, load_lane[31:0]};
      default: wb_load_data_o = load_lane;
    endcase
  end
  assign wb_load_o      = wb_load_q;
  assign wb_wait_o      = pend_q && !up_rvalid;
  assign wb_err_o       = pend_q && up_rvalid && up_err;
  assign wb_err_cause_o = wb_store_q ? EXC_SACCESS : EXC_LACCESS;
  assign wb_err_tval_o  = wb_vaddr_q;
  assign port_idle_o    = !pend_q && !ex_req && (amo_state_q == AMO_IDLE) && !dc_op_req;

  always_comb begin
    pend_d       = pend_q && !up_rvalid;
    wb_load_d    = wb_load_q;
    wb_store_d   = wb_store_q;
    wb_uns_d     = wb_uns_q;
    wb_size_d    = wb_size_q;
    wb_off_d     = wb_off_q;
    wb_vaddr_d   = wb_vaddr_q;
    resv_valid_d = resv_valid_q;
    resv_addr_d  = resv_addr_q;
    // The reservation is this address register alone: an eviction of its line from the data
    // cache keeps it. On the one hart nothing else's stores are to be watched (the cache is
    // private; pgaccel's DMA was never watched, with or without the cache), and dropping it there
    // livelocked LR/SC loops whose body touches an aliasing line (core-isa dcache case 25).
    if (done_i) begin
      pend_d     = needs_mem || (is_cbo && cmo_pend);
      wb_load_d  = is_load || is_lr;
      wb_store_d = st_fault;
      wb_uns_d   = uns_i;
      wb_size_d  = size_i;
      wb_off_d   = paddr_i[2:0];
      wb_vaddr_d = vaddr_i;
      if (is_lr) begin
        resv_valid_d = 1'b1;
        resv_addr_d  = paddr_i;
      end
      if (is_sc) resv_valid_d = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pend_q       <= 1'b0;
      wb_load_q    <= 1'b0;
      wb_store_q   <= 1'b0;
      wb_uns_q     <= 1'b0;
      wb_size_q    <= 2'd0;
      wb_off_q     <= 3'd0;
      wb_vaddr_q   <= 64'd0;
      resv_valid_q <= 1'b0;
      resv_addr_q  <= 32'd0;
      amo_state_q  <= AMO_IDLE;
      amo_old_q    <= 64'd0;
      hold_q       <= 1'b0;
      op_busy_q    <= 1'b0;
    end else begin
      pend_q       <= pend_d;
      wb_load_q    <= wb_load_d;
      wb_store_q   <= wb_store_d;
      wb_uns_q     <= wb_uns_d;
      wb_size_q    <= wb_size_d;
      wb_off_q     <= wb_off_d;
      wb_vaddr_q   <= wb_vaddr_d;
      resv_valid_q <= resv_valid_d;
      resv_addr_q  <= resv_addr_d;
      amo_state_q  <= amo_state_d;
      amo_old_q    <= amo_old_d;
      hold_q       <= hold_d;
      op_busy_q    <= op_busy_d;
    end
  end

  // ---------------------------------------------------------------- data port, data cache
  // the walker while it is busy, otherwise execute
  assign up_req   = ptw_busy_i ? ptw_req_i : ex_req;
  assign up_addr  = ptw_busy_i ? ptw_addr_i : {paddr_i[31:3], 3'b000};
  assign up_we    = ptw_busy_i ? ptw_we_i : ex_we;
  assign up_be    = ptw_busy_i ? 8'hff : be;
  assign up_wdata = ptw_busy_i ? ptw_wdata_i : ex_wdata;
  assign up_lock  = !ptw_busy_i && ex_lock;

  assign ptw_gnt_o    = up_gnt;
  assign ptw_rvalid_o = up_rvalid;
  assign ptw_rdata_o  = up_rdata;
  assign ptw_err_o    = up_err;

  if (DCACHE_BYTES != 0) begin : g_dcache
    pagoda_dcache #(
      .SIZE_BYTES (DCACHE_BYTES)
    ) u_dcache (
      .clk_i        (clk_i),
      .rst_ni       (rst_ni),
      .req_i        (up_req),
      .gnt_o        (up_gnt),
      .addr_i       (up_addr),
      .we_i         (up_we),
      .be_i         (up_be),
      .wdata_i      (up_wdata),
      .lock_i       (up_lock),
      .rvalid_o     (up_rvalid),
      .rdata_o      (up_rdata),
      .err_o        (up_err),
      .op_req_i     (dc_op_req),
      .op_i         (dc_op),
      .op_addr_i    (paddr_i),
      .op_done_o    (dc_op_done),
      .op_err_o     (dc_op_err),
      .ev_miss_o    (ev_dc_miss_o),
      .ev_wb_o      (ev_dc_wb_o),
      .mem_req_o    (data_req_o),
      .mem_gnt_i    (data_gnt_i),
      .mem_addr_o   (data_addr_o),
      .mem_we_o     (data_we_o),
      .mem_be_o     (data_be_o),
      .mem_wdata_o  (data_wdata_o),
      .mem_lock_o   (data_lock_o),
      .mem_rvalid_i (data_rvalid_i),
      .mem_rdata_i  (data_rdata_i),
      .mem_err_i    (data_err_i)
    );
    assign cmo_pend = 1'b0;   // the cache answers an operation before it completes
    // the cache's done (S_DONE) and error (sticky until the next operation) are state
    assign dc_op_fail = dc_op_done && dc_op_err;
  end else begin : g_no_dcache
    // memory is what the core last wrote: fence.i has nothing to wait for; the CBOs go to
    // pagoda_cmo (cbo.zero: eight stores of zeros, muxed onto the port like an access)
    logic        cmo_hook_done, cmo_hook_err, cmo_mem_req;
    logic [31:0] cmo_mem_addr;
    logic        unused_cmo_busy;
    pagoda_cmo u_cmo (
      .clk_i        (clk_i),
      .rst_ni       (rst_ni),
      .req_i        (dc_op_req && !is_fencei),
      .op_i         (cmo_op),
      .block_i      (paddr_i[31:6]),
      .done_o       (cmo_hook_done),
      .pend_o       (cmo_pend),
      .err_o        (cmo_hook_err),
      .busy_o       (unused_cmo_busy),
      .mem_req_o    (cmo_mem_req),
      .mem_gnt_i    (data_gnt_i),
      .mem_addr_o   (cmo_mem_addr),
      .mem_rvalid_i (data_rvalid_i),
      .mem_err_i    (data_err_i)
    );
    assign dc_op_done    = is_fencei ? dc_op_req : cmo_hook_done;
    assign dc_op_err     = cmo_hook_err;
    // pagoda_cmo's error comes only with its done (CmoErrWithoutDone) and not from its request
    assign dc_op_fail    = cmo_hook_err;
    assign data_req_o    = up_req || cmo_mem_req;
    assign up_gnt        = data_gnt_i;
    assign data_addr_o   = cmo_mem_req ? cmo_mem_addr : up_addr;
    assign data_we_o     = up_we || cmo_mem_req;
    assign data_be_o     = cmo_mem_req ? 8'hff : up_be;
    assign data_wdata_o  = cmo_mem_req ? 64'd0 : up_wdata;
    assign data_lock_o   = up_lock;
    assign up_rvalid     = data_rvalid_i;
    assign up_rdata      = data_rdata_i;
    assign up_err        = data_err_i;
    assign ev_dc_miss_o  = 1'b0;
    assign ev_dc_wb_o    = 1'b0;
    logic unused_op;
    assign unused_op = ^{dc_op, unused_cmo_busy};
  end

  // ---- assertions (pagoda_assert.svh) ----
  // PBUS master rules (docs/bus.md): a waiting request is held; the walker and execute never
  // both request the port; a walk is asked for only by a memory instruction
  `ASSERT_HELD(LsuDataReqHeld, up_req, up_gnt, {up_addr, up_we, up_be, up_wdata})
  `ASSERT_NEVER(LsuDataBeZero, up_req && up_be == 8'd0)
  `ASSERT_NEVER(LsuDataTwoOwners, ptw_busy_i && ex_req)
  `ASSERT_RESET(LsuDataIdleInReset, !up_req)
  `ASSERT(LsuAmoStateLegal, amo_state_q != 2'd3)
  // a response is awaited only while nothing else is in flight; an AMO holds the lock until it
  // writes; a cache operation starts only on an idle port
  `ASSERT_NEVER(LsuRequestWhilePending, ex_req && pend_q && !up_rvalid)
  `ASSERT_NEVER(LsuWalkReqNotMem, walk_req_o && !mem_o)
  `ASSERT_NEVER(LsuAmoLockDropped, amo_state_q == AMO_READ && !up_lock && !kill_i)
  `ASSERT_NEVER(LsuOpWithAccess, dc_op_req && (up_req || pend_q || ptw_busy_i))

endmodule
