// SPDX-License-Identifier: BSD-2-Clause
// Unit tests of the SoC blocks (suite soc-blocks): crossbar (routing, ordering, round robin,
// lock, error slave, decode), UART, PLIC and CLINT, driven through their PBUS ports.
// Expected values come from the specs (docs/bus.md, ns16550a, riscv,plic0, clint0), not from
// the RTL. Prints "suite-result: N passed, M failed".
#include "Vtb_soc_blocks.h"
#include "verilated.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <random>
#include <vector>

static Vtb_soc_blocks *t;
static uint64_t cyc;
static int n_pass, n_fail;

static void check(bool ok, const char *what)
{
	if (ok) {
		n_pass++;
	} else {
		n_fail++;
		printf("FAIL: %s (cycle %llu)\n", what, (unsigned long long)cyc);
	}
}

// One clock: inputs set before the call are sampled at the rising edge.
static void tick()
{
	// one time unit per cycle: an assertion failure's "[time]" is the cycle (pagoda_assert.svh)
	Verilated::threadContextp()->timeInc(1);
	t->clk_i = 1;
	t->eval();
	cyc++;
	t->clk_i = 0;
	t->eval();
}

static void reset()
{
	t->tx_ready_i = 1;   // the line takes bytes unless a test says otherwise
	t->rst_ni = 0;
	t->clk_i = 0;
	t->eval();
	tick();
	tick();
	t->rst_ni = 1;
	t->eval();
}

// ---------------------------------------------------------------- peripheral port
struct Resp {
	uint64_t data;
	bool err;
};

// One access to peripheral dev; returns the response (the blocks grant at once and answer the
// next cycle; a missing answer is a failure, never a hang).
static Resp access(int dev, uint32_t addr, bool we, uint8_t be, uint64_t wdata)
{
	t->dev_i = dev;
	t->p_req_i = 1;
	t->p_addr_i = addr;
	t->p_we_i = we;
	t->p_be_i = be;
	t->p_wdata_i = wdata;
	t->eval();
	bool gnt = t->p_gnt_o;
	tick();
	t->p_req_i = 0;
	t->eval();
	Resp r = {t->p_rdata_o, (bool)t->p_err_o};
	if (!gnt || !t->p_rvalid_o) {
		check(false, "peripheral answers one cycle after the grant");
		r.err = true;
	}
	tick();
	return r;
}

// byte/word helpers on lane-aligned buses
static uint64_t rd8(int dev, uint32_t a)
{
	return (access(dev, a & ~7u, false, 1u << (a & 7), 0).data >> (8 * (a & 7))) & 0xff;
}
static void wr8(int dev, uint32_t a, uint8_t v)
{
	access(dev, a & ~7u, true, 1u << (a & 7), (uint64_t)v << (8 * (a & 7)));
}
static uint32_t rd32(int dev, uint32_t a)
{
	return access(dev, a & ~7u, false, 0xfu << (a & 4), 0).data >> (8 * (a & 4));
}
static void wr32(int dev, uint32_t a, uint32_t v)
{
	access(dev, a & ~7u, true, 0xfu << (a & 4), (uint64_t)v << (8 * (a & 4)));
}
static uint64_t rd64(int dev, uint32_t a) { return access(dev, a, false, 0xff, 0).data; }
static void wr64(int dev, uint32_t a, uint64_t v) { access(dev, a, true, 0xff, v); }

// ---------------------------------------------------------------- UART
enum { UART = 0, PLIC = 1, CLINT = 2 };
static const uint32_t U = 0x10000000;

static void test_uart()
{
	reset();
	check(rd8(UART, U + 5) == 0x60, "uart: LSR after reset = THRE|TEMT");
	check(rd8(UART, U + 2) == 0x01, "uart: IIR after reset = no interrupt");
	check(!t->uart_irq_o, "uart: no irq after reset");

	// transmit: exactly one tx pulse with the byte
	int pulses = 0, byte = -1;
	t->dev_i = UART;
	t->p_req_i = 1;
	t->p_addr_i = U;
	t->p_we_i = 1;
	t->p_be_i = 1;
	t->p_wdata_i = 'A';
	tick();
	t->p_req_i = 0;
	for (int i = 0; i < 5; i++) {
		t->eval();
		if (t->tx_valid_o) {
			pulses++;
			byte = t->tx_data_o;
		}
		tick();
	}
	check(pulses == 1 && byte == 'A', "uart: THR write sends the byte once");

	// a busy line (a board's pagoda_uart_phy shifting a byte out): THRE and TEMT clear, a THR
	// write is not sent, the THRE interrupt waits for the line
	t->tx_ready_i = 0;
	check(rd8(UART, U + 5) == 0x00, "uart: LSR while the line is busy = neither THRE nor TEMT");
	wr8(UART, U + 1, 0x02);
	t->eval();
	check(!t->uart_irq_o, "uart: no THRE irq while the line is busy");
	pulses = 0;
	t->dev_i = UART;
	t->p_req_i = 1;
	t->p_addr_i = U;
	t->p_we_i = 1;
	t->p_be_i = 1;
	t->p_wdata_i = 'Z';
	tick();
	t->p_req_i = 0;
	for (int i = 0; i < 5; i++) {
		t->eval();
		pulses += t->tx_valid_o;
		tick();
	}
	check(pulses == 0, "uart: THR write while the line is busy is not sent");
	t->tx_ready_i = 1;
	t->eval();
	check(t->uart_irq_o, "uart: THRE irq once the line is free");
	check(rd8(UART, U + 5) == 0x60, "uart: LSR = THRE|TEMT once the line is free");
	wr8(UART, U + 1, 0x00);
	rd8(UART, U + 2);

	// divisor latch
	wr8(UART, U + 3, 0x83);
	wr8(UART, U + 0, 0x12);
	wr8(UART, U + 1, 0x34);
	check(rd8(UART, U + 0) == 0x12 && rd8(UART, U + 1) == 0x34, "uart: DLL/DLM read back");
	check(!t->tx_valid_o, "uart: DLL write does not transmit");
	wr8(UART, U + 3, 0x03);
	check(rd8(UART, U + 3) == 0x03, "uart: LCR read back");
	check(rd8(UART, U + 1) == 0x00, "uart: IER distinct from DLM");
	wr8(UART, U + 7, 0xa5);
	check(rd8(UART, U + 7) == 0xa5, "uart: SCR read back");

	// receive three bytes
	const uint8_t in[3] = {'x', 'y', '\r'};
	for (int i = 0; i < 3; i++) {
		t->rx_valid_i = 1;
		t->rx_data_i = in[i];
		t->eval();
		check(t->rx_ready_o, "uart: rx ready with room");
		tick();
	}
	t->rx_valid_i = 0;
	t->eval();
	check((rd8(UART, U + 5) & 1) == 1, "uart: LSR.DR with data");
	check(!t->uart_irq_o, "uart: no irq with ERBFI off");
	wr8(UART, U + 1, 0x01);
	t->eval();
	check(t->uart_irq_o, "uart: irq with data and ERBFI");
	check((rd8(UART, U + 2) & 0x0f) == 0x04, "uart: IIR = received data available");
	bool order = true;
	for (int i = 0; i < 3; i++)
		order &= rd8(UART, U) == in[i];
	check(order, "uart: RBR returns bytes in order");
	check((rd8(UART, U + 5) & 1) == 0, "uart: LSR.DR clear when empty");
	t->eval();
	check(!t->uart_irq_o, "uart: irq drops when empty");
	check(rd8(UART, U + 2) == 0x01, "uart: IIR back to none");

	// FIFO overflow protection: ready falls after 16 bytes
	int accepted = 0;
	for (int i = 0; i < 20; i++) {
		t->rx_valid_i = 1;
		t->rx_data_i = i;
		t->eval();
		accepted += t->rx_ready_o;
		tick();
	}
	t->rx_valid_i = 0;
	check(accepted == 16, "uart: RX FIFO takes 16 bytes then stalls the sender");
	check(rd8(UART, U) == 0, "uart: first byte of a full FIFO");
	wr8(UART, U + 2, 0x03);   // FIFO enable + clear RX
	check((rd8(UART, U + 5) & 1) == 0, "uart: FCR clears the RX FIFO");
	check((rd8(UART, U + 2) & 0xc0) == 0xc0, "uart: IIR shows FIFOs enabled");

	// THR empty interrupt
	wr8(UART, U + 1, 0x02);
	t->eval();
	check(t->uart_irq_o, "uart: ETBEI on with THR empty raises irq");
	check((rd8(UART, U + 2) & 0x0f) == 0x02, "uart: IIR = THR empty");
	t->eval();
	check(!t->uart_irq_o, "uart: reading IIR acknowledges THRE");
	wr8(UART, U, 'B');
	t->eval();
	check(t->uart_irq_o, "uart: THRE irq again after a transmit");
	wr8(UART, U + 1, 0x00);
	t->eval();
	check(!t->uart_irq_o, "uart: IER=0 masks");
	check(rd64(UART, U + 0x80) == 0, "uart: outside the registers reads 0");
}

// ---------------------------------------------------------------- PLIC
static const uint32_t P = 0x0c000000;
static uint32_t claim(int ctx) { return rd32(PLIC, P + 0x200004 + 0x1000 * ctx); }
static void complete(int ctx, uint32_t id) { wr32(PLIC, P + 0x200004 + 0x1000 * ctx, id); }

static void test_plic()
{
	reset();
	t->plic_src_i = 0;
	wr32(PLIC, P + 4 * 10, 3);
	wr32(PLIC, P + 4 * 11, 5);
	check(rd32(PLIC, P + 4 * 10) == 3 && rd32(PLIC, P + 4 * 11) == 5, "plic: priorities");
	wr32(PLIC, P + 4 * 11, 0xffffffff);
	check(rd32(PLIC, P + 4 * 11) == 7, "plic: priority is 3 bits (WARL)");
	wr32(PLIC, P + 4 * 11, 5);
	wr32(PLIC, P + 0x2000, (1u << 10) | (1u << 11) | 1u);
	check(rd32(PLIC, P + 0x2000) == ((1u << 10) | (1u << 11)), "plic: enables (source 0 fixed 0)");
	t->plic_src_i = 1u << 10;
	tick();
	t->eval();
	check(t->plic_eip_o == 1, "plic: source 10 -> M context only");
	check(rd32(PLIC, P + 0x1000) == (1u << 10), "plic: pending bit 10");
	t->plic_src_i = (1u << 10) | (1u << 11);
	tick();
	check(claim(0) == 11, "plic: claim highest priority first");
	check(claim(0) == 10, "plic: then the next");
	check(claim(0) == 0, "plic: then none");
	t->eval();
	check(t->plic_eip_o == 0, "plic: no eip while claimed");
	check(rd32(PLIC, P + 0x1000) == 0, "plic: claimed sources not pending");
	complete(0, 11);
	tick();
	t->eval();
	check(t->plic_eip_o == 1, "plic: level source pends again after complete");
	wr32(PLIC, P + 0x200000, 5);
	t->eval();
	check(t->plic_eip_o == 0, "plic: threshold 5 masks priority 5");
	check(claim(0) == 0, "plic: claim honours the threshold");
	wr32(PLIC, P + 0x200000, 4);
	t->eval();
	check(t->plic_eip_o == 1, "plic: threshold 4 lets priority 5 through");
	check(claim(0) == 11, "plic: claim 11 above threshold");
	complete(0, 11);
	complete(0, 10);
	t->plic_src_i = 0;
	tick();
	// level sources: once low and completed, pending stays set until claimed (gateway latched)
	check(claim(0) == 11, "plic: pending survives the line dropping");
	complete(0, 11);
	wr32(PLIC, P + 0x200000, 0);
	check(claim(0) == 10, "plic: pending 10 still there");
	complete(0, 10);
	check(claim(0) == 0, "plic: all served");

	// S context, ties, priority 0
	wr32(PLIC, P + 4 * 11, 3);   // tie with 10
	wr32(PLIC, P + 0x2080, 1u << 11 | 1u << 10);
	wr32(PLIC, P + 0x2000, 0);
	t->plic_src_i = (1u << 10) | (1u << 11);
	tick();
	t->eval();
	check(t->plic_eip_o == 2, "plic: S context (1) only");
	check(claim(1) == 10, "plic: tie goes to the lower id");
	check(claim(1) == 11, "plic: then the higher id");
	complete(1, 10);
	complete(1, 11);
	wr32(PLIC, P + 4 * 10, 0);
	wr32(PLIC, P + 4 * 11, 0);
	tick();
	t->eval();
	check(t->plic_eip_o == 0, "plic: priority 0 never interrupts");
	check(rd32(PLIC, P + 0x201000) == 0 && claim(1) == 0, "plic: S threshold 0, no claim");
	wr32(PLIC, P + 0x201000, 2);
	check(rd32(PLIC, P + 0x201000) == 2, "plic: S threshold read back");
	check(rd64(PLIC, P + 0x3000) == 0, "plic: reserved offset reads 0");
	t->plic_src_i = 0;
}

// ---------------------------------------------------------------- CLINT
static const uint32_t C = 0x02000000;

static void test_clint()
{
	reset();
	t->eval();
	check(!t->mtip_o && !t->msip_o, "clint: no interrupt after reset");
	check(rd64(CLINT, C + 0x4000) == ~0ull, "clint: mtimecmp resets to all ones");
	uint64_t a = rd64(CLINT, C + 0xbff8);
	for (int i = 0; i < 500; i++)
		tick();
	uint64_t b = rd64(CLINT, C + 0xbff8);
	// 500 ticks plus the 2 of the access, at one mtime step per 5 cycles
	check(b - a >= 100 && b - a <= 101, "clint: mtime counts at clock/5");
	check(t->mtime_o >= b, "clint: mtime port follows the register");
	wr64(CLINT, C + 0x4000, b + 40);
	t->eval();
	check(!t->mtip_o, "clint: no mtip before mtimecmp");
	for (int i = 0; i < 200; i++)
		tick();
	t->eval();
	check(t->mtip_o, "clint: mtip once mtime >= mtimecmp");
	wr32(CLINT, C + 0x4004, 0xffffffff);   // high half only
	t->eval();
	check(!t->mtip_o, "clint: writing the high half of mtimecmp clears mtip");
	check((rd64(CLINT, C + 0x4000) & 0xffffffff) == ((b + 40) & 0xffffffff),
	      "clint: high-half write keeps the low half");
	// mtip is mtime >= mtimecmp to the tick: low while mtime is below, high from the tick it equals
	uint64_t cmp = t->mtime_o + 20;
	bool low_before = true, high_at = false;
	wr64(CLINT, C + 0x4000, cmp);
	t->eval();
	for (int i = 0; i < 200 && t->mtime_o <= cmp; i++) {
		if (t->mtime_o < cmp && t->mtip_o)
			low_before = false;
		if (t->mtime_o == cmp) {
			high_at = t->mtip_o;
			break;
		}
		tick();
	}
	check(low_before && high_at, "clint: mtip rises exactly when mtime reaches mtimecmp");
	wr32(CLINT, C + 0, 1);
	t->eval();
	check(t->msip_o && rd32(CLINT, C) == 1, "clint: msip set");
	wr32(CLINT, C + 0, 0);
	t->eval();
	check(!t->msip_o, "clint: msip clear");
	wr64(CLINT, C + 0xbff8, 0x123456789ull);
	uint64_t m = rd64(CLINT, C + 0xbff8);
	check(m >= 0x123456789ull && m <= 0x123456789ull + 1, "clint: mtime writable");
}

// ---------------------------------------------------------------- decoders
static void test_decode()
{
	struct {
		uint32_t a;
		int i, d, m, da, dr, mr;
	} v[] = {
		// addr        instr data dma data+accel data+dram dma+dram   (0 ROM 1 TEST 2 CLINT
		//                                              3 PLIC 4 UART 5 ACCEL 6 RAM 7 ERR 8 DRAMCTRL)
		{0x00000000, 7, 7, 7, 7, 7, 7}, {0x00000fff, 7, 7, 7, 7, 7, 7}, {0x00001000, 0, 0, 7, 0, 0, 7},
		{0x00001ff8, 0, 0, 7, 0, 0, 7}, {0x00002000, 0, 0, 7, 0, 0, 7}, {0x0000d000, 0, 0, 7, 0, 0, 7},
		{0x00010ff8, 0, 0, 7, 0, 0, 7}, {0x00011000, 7, 7, 7, 7, 7, 7}, {0x00100000, 7, 1, 7, 1, 1, 7},
		{0x00101000, 7, 7, 7, 7, 7, 7}, {0x02000000, 7, 2, 7, 2, 2, 7}, {0x0200bff8, 7, 2, 7, 2, 2, 7},
		{0x02010000, 7, 7, 7, 7, 7, 7}, {0x0c000000, 7, 3, 7, 3, 3, 7}, {0x0c5ffffc, 7, 3, 7, 3, 3, 7},
		{0x0c600000, 7, 7, 7, 7, 7, 7}, {0x10000000, 7, 4, 7, 4, 4, 7}, {0x100000f8, 7, 4, 7, 4, 4, 7},
		{0x10000100, 7, 7, 7, 7, 7, 7}, {0x11000000, 7, 7, 7, 5, 7, 7}, {0x11001000, 7, 7, 7, 7, 7, 7},
		{0x11fffff8, 7, 7, 7, 7, 7, 7}, {0x12000000, 7, 7, 7, 7, 8, 7}, {0x1200fff8, 7, 7, 7, 7, 8, 7},
		{0x12010000, 7, 7, 7, 7, 7, 7}, {0x7ffffff8, 7, 7, 7, 7, 7, 7}, {0x80000000, 6, 6, 6, 6, 6, 6},
		{0x87fffff8, 6, 6, 6, 6, 6, 6}, {0x88000000, 7, 7, 7, 7, 7, 7}, {0xfffffff8, 7, 7, 7, 7, 7, 7},
	};
	bool ok = true;
	for (auto &e : v) {
		t->dec_addr_i = e.a;
		t->eval();
		if (t->dec_instr_o != e.i || t->dec_data_o != e.d || t->dec_dma_o != e.m ||
		    t->dec_data_accel_o != e.da || t->dec_data_dram_o != e.dr ||
		    t->dec_dma_dram_o != e.mr) {
			printf("  decode 0x%08x: got %d %d %d %d %d %d want %d %d %d %d %d %d\n", e.a,
			       t->dec_instr_o, t->dec_data_o, t->dec_dma_o, t->dec_data_accel_o,
			       t->dec_data_dram_o, t->dec_dma_dram_o, e.i, e.d, e.m, e.da, e.dr, e.mr);
			ok = false;
		}
	}
	check(ok, "decode: address map per master (docs/memory-map.md)");
}

// ---------------------------------------------------------------- crossbar
// Masters issue random requests (holding them stable until granted) and check that every
// response arrives in order with the data of the slave and address they asked. Slaves 0..2 are
// models with random grant stalls, in order; slaves 0 and 2 answer after 1..3 cycles and may
// have 2 requests in flight (the crossbar's DEPTHS), slave 1 after 1..12 and may have 8 (the
// DRAM bridge behind the SoC's RAM slave); slave 3 is the error slave.
static const int xbar_depth[3] = {2, 8, 2};
static uint64_t expect_data(int s, uint32_t addr)
{
	return ((uint64_t)(s + 1) << 56) ^ addr * 0x9e3779b1ull;
}

static void set_bits(uint32_t *w, int lsb, int width, uint64_t v)
{
	for (int i = 0; i < width; i++) {
		int b = lsb + i;
		w[b / 32] = (w[b / 32] & ~(1u << (b % 32))) | ((uint32_t)((v >> i) & 1) << (b % 32));
	}
}
static uint64_t get_bits(const uint32_t *w, int lsb, int width)
{
	uint64_t v = 0;
	for (int i = 0; i < width; i++) {
		int b = lsb + i;
		v |= (uint64_t)((w[b / 32] >> (b % 32)) & 1) << i;
	}
	return v;
}

struct MasterReq {
	int sel;
	uint32_t addr;
	bool we, lock;
};

static void test_xbar(unsigned seed, int cycles, bool saturate)
{
	std::mt19937 rng(seed);
	reset();
	std::deque<MasterReq> pending_resp[3];
	bool active[3] = {}, lock_second[3] = {};
	MasterReq cur[3];
	struct SlaveQ {
		std::deque<std::pair<uint64_t, uint32_t>> q;   // due cycle, address
	} sq[3];
	int max_wait = 0, wait[3] = {}, grants[3] = {}, max_inflight[3] = {};
	bool order_ok = true, data_ok = true, lock_ok = true, spurious = false;
	int lock_slave = -1, lock_owner = -1;
	long responses = 0, errors = 0;

	for (int c = 0; c < cycles; c++) {
		// master requests
		uint32_t req = 0, lock = 0, we = 0, sel = 0;
		for (int m = 0; m < 3; m++) {
			if (!active[m] && (saturate || rng() % 3 == 0)) {
				active[m] = true;
				if (lock_second[m]) {
					cur[m].we = true;   // the write half of a locked pair, same slave
					cur[m].lock = true;
					lock_second[m] = false;
				} else {
					cur[m].sel = saturate ? 1 : rng() % 4;
					cur[m].addr = (rng() & 0xfff8);
					cur[m].we = rng() & 1;
					cur[m].lock = (!saturate && m == 1 && cur[m].sel < 3 && rng() % 4 == 0);
					if (cur[m].lock)
						cur[m].we = false;
				}
			}
			if (active[m]) {
				req |= 1u << m;
				lock |= (uint32_t)cur[m].lock << m;
				we |= (uint32_t)cur[m].we << m;
				sel |= (uint32_t)cur[m].sel << (2 * m);
				set_bits(t->xm_addr_i.data(), 32 * m, 32, cur[m].addr);
			} else if (lock_second[m]) {
				lock |= 1u << m;   // still holding the lock between the two halves
			}
		}
		t->xm_req_i = req;
		t->xm_lock_i = lock;
		t->xm_we_i = we;
		t->xm_sel_i = sel;
		t->xm_be_i = 0xffffff;
		// slave grants: random stalls
		uint32_t sgnt = 0;
		for (int s = 0; s < 3; s++)
			sgnt |= (uint32_t)(saturate || rng() % 4 != 0) << s;
		t->xs_gnt_i = sgnt;
		// slave responses due this cycle
		uint32_t rv = 0;
		for (int s = 0; s < 3; s++) {
			if (!sq[s].q.empty() && sq[s].q.front().first <= cyc) {
				rv |= 1u << s;
				set_bits(t->xs_rdata_i.data(), 64 * s, 64,
					 expect_data(s, sq[s].q.front().second));
				sq[s].q.pop_front();
			}
		}
		t->xs_rvalid_i = rv;
		t->xs_err_i = 0;
		t->eval();

		// observe grants
		uint32_t g = t->xm_gnt_o;
		uint32_t sreq = t->xs_req_o;
		for (int m = 0; m < 3; m++) {
			if (g >> m & 1) {
				if (lock_slave >= 0 && cur[m].sel == lock_slave && m != lock_owner)
					lock_ok = false;
				if (cur[m].lock && !cur[m].we) {
					lock_slave = cur[m].sel;
					lock_owner = m;
					lock_second[m] = true;
				} else if (cur[m].lock && cur[m].we) {
					lock_slave = lock_owner = -1;
				}
				pending_resp[m].push_back(cur[m]);
				active[m] = false;
				grants[m]++;
				wait[m] = 0;
			} else if (active[m]) {
				if (++wait[m] > max_wait)
					max_wait = wait[m];
			}
		}
		for (int s = 0; s < 3; s++) {
			if ((sreq >> s & 1) && (sgnt >> s & 1)) {
				uint64_t lat = 1 + rng() % (s == 1 ? 12 : 3);
				uint64_t due = cyc + lat;
				if (!sq[s].q.empty() && sq[s].q.back().first > due)
					due = sq[s].q.back().first;
				sq[s].q.push_back({due, (uint32_t)get_bits(t->xs_addr_o.data(), 32 * s, 32)});
				max_inflight[s] = std::max(max_inflight[s], (int)sq[s].q.size());
			}
		}
		// responses to masters
		uint32_t mrv = t->xm_rvalid_o, merr = t->xm_err_o;
		for (int m = 0; m < 3; m++) {
			if (!(mrv >> m & 1))
				continue;
			if (pending_resp[m].empty()) {
				spurious = true;
				continue;
			}
			MasterReq r = pending_resp[m].front();
			pending_resp[m].pop_front();
			responses++;
			bool is_err = merr >> m & 1;
			if (r.sel == 3) {
				errors++;
				if (!is_err)
					data_ok = false;
			} else if (is_err ||
				   (!r.we && get_bits(t->xm_rdata_o.data(), 64 * m, 64) !=
						     expect_data(r.sel, r.addr))) {
				data_ok = false;
				order_ok = false;
			}
		}
		tick();
	}
	char name[96];
	snprintf(name, sizeof(name), "xbar seed %u%s: responses in order with the right data", seed,
		 saturate ? " (saturated)" : "");
	check(order_ok && data_ok && !spurious && responses > cycles / 4, name);
	snprintf(name, sizeof(name), "xbar seed %u: lock keeps the slave for its owner", seed);
	check(lock_ok, name);
	// each slave up to its depth in flight and never more: the shallow ones fill up, the deep one
	// goes past 2 among random stalls and fills up in the saturated run, which is what lets a
	// stream overlap its round trips
	snprintf(name, sizeof(name), "xbar seed %u: in flight per slave %d %d %d (depths %d %d %d)",
		 seed, max_inflight[0], max_inflight[1], max_inflight[2], xbar_depth[0],
		 xbar_depth[1], xbar_depth[2]);
	check(saturate ? max_inflight[1] == xbar_depth[1] :
			 (max_inflight[1] > 2 && max_inflight[1] <= xbar_depth[1] &&
			  max_inflight[0] == xbar_depth[0] && max_inflight[2] == xbar_depth[2]),
	      name);
	if (!saturate) {
		snprintf(name, sizeof(name), "xbar seed %u: unmapped requests answered with err", seed);
		check(errors > 10, name);
		snprintf(name, sizeof(name), "xbar seed %u: no master waits long (max %d)", seed,
			 max_wait);
		check(max_wait < 40, name);
	} else {
		// all three hammer slave 1 (no locks): strict round robin, equal shares
		int mx = std::max(grants[0], std::max(grants[1], grants[2]));
		int mn = std::min(grants[0], std::min(grants[1], grants[2]));
		snprintf(name, sizeof(name), "xbar saturated: round robin (grants %d %d %d)",
			 grants[0], grants[1], grants[2]);
		check(mx - mn <= 1 && mn > cycles / 8, name);
		// 8 in flight against latencies of 1..12, answered in order: 0.71 answers a cycle
		// (2 in flight: 0.23)
		snprintf(name, sizeof(name), "xbar saturated: deep slave streams (%ld answers in %d cycles)",
			 responses, cycles);
		check(responses > cycles / 2, name);
	}
}

// ---------------------------------------------------------------- test device (sifive,test1)
enum { TESTDEV = 3 };
static const uint32_t T = 0x00100000;

static void test_testdev()
{
	reset();
	t->eval();
	check(!t->test_done_o && !t->test_reset_o, "testdev: idle after reset");
	wr32(TESTDEV, T, 0x1234);
	t->eval();
	check(!t->test_done_o, "testdev: other values do nothing");
	check(rd64(TESTDEV, T) == 0, "testdev: reads 0");
	// reset request: one pulse, nothing latched
	t->dev_i = TESTDEV;
	t->p_req_i = 1;
	t->p_addr_i = T;
	t->p_we_i = 1;
	t->p_be_i = 0x0f;
	t->p_wdata_i = 0x7777;
	tick();
	t->p_req_i = 0;
	int pulses = 0;
	for (int i = 0; i < 4; i++) {
		t->eval();
		pulses += t->test_reset_o;
		tick();
	}
	check(pulses == 1 && !t->test_done_o, "testdev: 0x7777 pulses reset once");
	wr32(TESTDEV, T, 0x3333 | (42u << 16));
	t->eval();
	check(t->test_done_o && t->test_fail_o && t->test_code_o == 42, "testdev: fail with code 42");
	wr32(TESTDEV, T, 0x5555);
	t->eval();
	check(t->test_done_o && t->test_fail_o && t->test_code_o == 42,
	      "testdev: the first verdict sticks");
	reset();
	wr32(TESTDEV, T, 0x5555);
	t->eval();
	check(t->test_done_o && !t->test_fail_o, "testdev: 0x5555 is a pass");
	reset();
	wr32(TESTDEV, T + 4, 0x5555);
	t->eval();
	check(!t->test_done_o, "testdev: offset 4 is not the finisher");
}

// ---------------------------------------------------------------- fetch path and boot ROM
// Back-to-back fetches to the ROM, the RAM fetch port and an unmapped address: each answer in
// order, from the right place. The ROM words are the hand-assembled reset vector (docs/soc.md).
static void test_fetch()
{
	reset();
	const uint32_t addrs[] = {0x1000, 0x80000008, 0x10000000, 0x1008, 0x1018, 0x7ffffff8,
				  0x80000010, 0x1fff8};
	const int n = sizeof(addrs) / sizeof(addrs[0]);
	struct Exp {
		uint64_t data;
		bool err;
	};
	std::deque<Exp> want;
	bool ok = true, ram_ok = true;
	int got = 0;
	bool ram_pending = false;
	uint64_t ram_data = 0;
	for (int i = 0; i <= n + 1; i++) {
		t->f_req_i = i < n;
		t->f_addr_i = i < n ? addrs[i] : 0;
		t->fram_rvalid_i = ram_pending;
		t->fram_rdata_i = ram_data;
		t->eval();
		if (t->f_rvalid_o) {
			if (want.empty() || t->f_err_o != want.front().err ||
			    (!want.front().err && t->f_rdata_o != want.front().data))
				ok = false;
			if (!want.empty())
				want.pop_front();
			got++;
		}
		ram_pending = false;
		if (i < n) {
			if (!t->f_gnt_o)
				ok = false;
			uint32_t a = addrs[i];
			if (t->fram_req_o != (a >= 0x80000000u))
				ram_ok = false;
			if (a >= 0x80000000u) {
				ram_pending = true;
				ram_data = 0xdead000000000000ull | a;
				want.push_back({ram_data, false});
			} else if (a == 0x1000) {
				want.push_back({0x0282861300000297ull, false});
			} else if (a == 0x1008) {
				want.push_back({0x0202b583f1402573ull, false});
			} else if (a == 0x1018) {
				want.push_back({0x80000000ull, false});
			} else {
				want.push_back({0, true});
			}
		}
		tick();
	}
	check(ok && got == n, "fetch: ROM, RAM and error answers in order, back to back");
	check(ram_ok, "fetch: only RAM addresses reach the RAM fetch port");

	// ROM data port: fw_dynamic_info and the DTB address; a write is an error
	auto rom_read = [](uint32_t a, bool we, bool *err) {
		t->rd_req_i = 1;
		t->rd_addr_i = a;
		t->rd_we_i = we;
		tick();
		t->rd_req_i = 0;
		t->eval();
		*err = t->rd_err_o;
		uint64_t d = t->rd_rvalid_o ? t->rd_rdata_o : ~0ull;
		tick();
		return d;
	};
	bool err;
	const uint64_t info[6] = {0x4942534f, 2, 0x80200000, 1, 0, 0};
	bool info_ok = true;
	for (int i = 0; i < 6; i++)
		info_ok &= rom_read(0x1028 + 8 * i, false, &err) == info[i] && !err;
	check(info_ok, "rom: fw_dynamic_info {OSBI, 2, 0x80200000, S, 0, 0} at 0x1028");
	check(rom_read(0x1020, false, &err) == 0x87e00000 && !err, "rom: DTB address at 0x1020");
	// The DMA window step (docs/boot.md "DMA protection"): the code jumps over the data to it,
	// which programs pgaccel's WIN_BASE, WIN_END and WIN_CTRL.LOCK from these words.
	check(rom_read(0x1010, false, &err) == 0x000000000600006full && !err,
	      "rom: 0x1010 jumps to the DMA window step at 0x1070");
	check(rom_read(0x1058, false, &err) == 0x11000000 && !err &&
	      rom_read(0x1060, false, &err) == 0x80200000 && !err &&
	      rom_read(0x1068, false, &err) == 0x88000000 && !err,
	      "rom: pgaccel base, window [0x80200000, 0x88000000) at 0x1058..0x1068");
	check(rom_read(0x1078, false, &err) == 0x0a7330230602b383ull && !err &&
	      rom_read(0x1088, false, &err) == 0x0a73382300100393ull && !err &&
	      rom_read(0x1090, false, &err) == 0x000280670182b283ull && !err,
	      "rom: sd WIN_BASE; li/sd WIN_CTRL.LOCK; then ld/jr to the entry");
	check(rom_read(0x1800, false, &err) == 0 && !err, "rom: rest reads 0");
	rom_read(0x1000, true, &err);
	check(err, "rom: a write is answered with err");
}

// ---------------------------------------------------------------- UART serial line
// pagoda_uart_phy at 4 cycles a bit, against the 8N1 frame written out here: TX's waveform and
// back-pressure, RX of a good byte, a byte with a bad stop bit dropped (rx_frame_err_o pulses),
// and one that finds the FIFO full dropped and counted (rx_overrun_o). THRE's drop in the cycle a
// byte is handed over is pagoda_uart's (test_uart), not the line's.
static int phy_ferr;
static const int PHY_BIT = 4;

// Drives one frame on RX (start, data LSB first, stop = stop_bit), counting received bytes.
static int phy_send(uint8_t b, int stop_bit, uint8_t *got)
{
	int n = 0;
	int bits[10] = {0};

	for (int i = 0; i < 8; i++)
		bits[1 + i] = (b >> i) & 1;
	bits[9] = stop_bit;
	for (int i = 0; i < 10; i++) {
		for (int c = 0; c < PHY_BIT; c++) {
			t->phy_rx_i = bits[i];
			tick();
			phy_ferr += t->phy_rx_frame_err_o;
			if (t->phy_rx_valid_o) {
				*got = t->phy_rx_data_o;
				n++;
			}
		}
	}
	t->phy_rx_i = 1;
	for (int c = 0; c < 3 * PHY_BIT; c++) {
		tick();
		phy_ferr += t->phy_rx_frame_err_o;
		if (t->phy_rx_valid_o) {
			*got = t->phy_rx_data_o;
			n++;
		}
	}
	return n;
}

static void test_uart_phy()
{
	t->phy_rx_i = 1;
	t->phy_tx_valid_i = 0;
	t->phy_rx_ready_i = 1;
	reset();
	check(t->phy_tx_o == 1 && t->phy_tx_ready_o, "uart phy: TX idles high, ready");

	// TX 0xa5: the line's value at each cycle, from the cycle after the hand-over
	t->phy_tx_data_i = 0xa5;
	t->phy_tx_valid_i = 1;
	tick();
	t->phy_tx_valid_i = 0;
	int want[10] = {0, 1, 0, 1, 0, 0, 1, 0, 1, 1};
	bool wave_ok = true, busy_ok = true;
	for (int i = 0; i < 10; i++) {
		for (int c = 0; c < PHY_BIT; c++) {
			t->eval();
			wave_ok &= t->phy_tx_o == want[i];
			busy_ok &= !t->phy_tx_ready_o;
			tick();
		}
	}
	t->eval();
	check(wave_ok, "uart phy: TX 0xa5 as start, 1010 0101 LSB first, stop, 4 cycles each");
	check(busy_ok, "uart phy: TX not ready while the byte is on the line");
	check(t->phy_tx_ready_o && t->phy_tx_o == 1, "uart phy: TX ready and high after the stop bit");

	uint8_t got = 0;
	check(phy_send(0x3c, 1, &got) == 1 && got == 0x3c, "uart phy: RX 0x3c");
	check(phy_send(0xc3, 1, &got) == 1 && got == 0xc3 && phy_ferr == 0,
	      "uart phy: RX 0xc3 right after, no framing error");
	check(phy_send(0x55, 0, &got) == 0 && phy_ferr == 1,
	      "uart phy: a byte with a 0 stop bit is dropped, one framing error");
	check(phy_send(0x81, 1, &got) == 1 && got == 0x81, "uart phy: RX resumes after it");
	check(!t->phy_rx_overrun_o, "uart phy: no overrun so far");
	t->phy_rx_ready_i = 0;
	check(phy_send(0x42, 1, &got) == 0 && t->phy_rx_overrun_o,
	      "uart phy: a byte with the FIFO full is dropped and counted");
	t->phy_rx_ready_i = 1;
	check(phy_send(0x24, 1, &got) == 1 && got == 0x24 && t->phy_rx_overrun_o,
	      "uart phy: RX goes on; the overrun stays counted until reset");
}

int main(int argc, char **argv)
{
	Verilated::commandArgs(argc, argv);
	t = new Vtb_soc_blocks;
	test_decode();
	test_uart();
	test_plic();
	test_clint();
	test_fetch();
	test_testdev();
	test_uart_phy();
	for (unsigned seed = 1; seed <= 4; seed++)
		test_xbar(seed, 20000, false);
	test_xbar(7, 3000, true);
	t->final();
	delete t;
	printf("suite-result: %d passed, %d failed\n", n_pass, n_fail);
	return n_fail != 0;
}
